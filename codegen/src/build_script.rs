//! The whole of a `build.rs` that generates a client into `OUT_DIR`.

use crate::report::{Source, Style};
use crate::Generator;
use std::path::{Path, PathBuf};

/// Generates `spec` into `$OUT_DIR/out_file` for `include!`. Prints `cargo:rerun-if-changed` for the
/// spec only (so unrelated edits never rerun the generator), each diagnostic as a `cargo:warning=`, and
/// writes the file only when its text changed. On bad input it prints the error and exits with status
/// 1: a build script failure shows the message, not a panic backtrace.
pub fn generate_into_out_dir(generator: &Generator, spec: impl AsRef<Path>, out_file: &str) {
    let spec = spec.as_ref();
    println!("cargo:rerun-if-changed={}", spec.display());
    let Some(out_dir) = std::env::var_os("OUT_DIR") else {
        eprintln!("error: OUT_DIR is not set; call this from a build script");
        std::process::exit(1);
    };
    let text = match std::fs::read_to_string(spec) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("error: cannot read spec {}: {error}", spec.display());
            std::process::exit(1);
        }
    };
    let source = Source { path: spec, text: &text };
    let generated = match generator.generate(&text) {
        Ok(generated) => generated,
        Err(error) => {
            eprintln!("{}", source.error(&error, Style::Human));
            std::process::exit(1);
        }
    };
    for diagnostic in &generated.diagnostics {
        println!("cargo:warning={}", source.diagnostic(diagnostic, Style::Short));
    }
    let out = PathBuf::from(out_dir).join(out_file);
    if let Err(error) = crate::write_if_changed(&out, &generated.code) {
        eprintln!("error: {error}");
        std::process::exit(1);
    }
}
