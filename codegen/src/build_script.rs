//! The whole of a `build.rs` that generates a client into `OUT_DIR`.

use crate::report::{Source, Style};
use crate::Generator;
use std::path::{Path, PathBuf};

/// Generates `spec`, with those of `overlays` that exist applied in order (see
/// [`Generator::with_overlay`]), into `$OUT_DIR/out_file` for `include!`. Prints
/// `cargo:rerun-if-changed` for the spec and the overlays only (a missing overlay's directory, so that
/// creating it reruns the build), each diagnostic as a `cargo:warning=`, and writes the file only when
/// its text changed. On bad input it prints the error and exits with status 1: a build script failure
/// shows the message, not a panic backtrace.
pub fn generate_into_out_dir(generator: &Generator, spec: impl AsRef<Path>, overlays: &[&str], out_file: &str) {
    let spec = spec.as_ref();
    println!("cargo:rerun-if-changed={}", spec.display());
    let Some(out_dir) = std::env::var_os("OUT_DIR") else { exit("OUT_DIR is not set; call this from a build script") };
    let read = |path: &Path, what: &str| {
        std::fs::read_to_string(path)
            .unwrap_or_else(|error| exit(&format!("cannot read {what} {}: {error}", path.display())))
    };
    let text = read(spec, "spec");
    let mut generator = generator.clone();
    for overlay in overlays.iter().map(Path::new) {
        if overlay.exists() {
            println!("cargo:rerun-if-changed={}", overlay.display());
            generator = generator.with_named_overlay(overlay.display().to_string(), read(overlay, "overlay"));
        } else {
            let directory = overlay.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
            println!("cargo:rerun-if-changed={}", directory.display());
        }
    }
    let source = Source::new(spec, &text).with_overlays(generator.overlays());
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
        exit(&error.to_string());
    }
}

/// How the header of generated code starts the line that records [`input_fingerprint`] (16 hex digits
/// follow).
pub const FINGERPRINT_LINE: &str = "// Input fingerprint (FNV-1a 64 of the spec and its overlays): ";

/// A fingerprint of a generator's inputs: FNV-1a 64 over the spec's bytes, then `0xff` and the bytes
/// of each overlay, in order (`0xff` never occurs in UTF-8, so the boundaries are unambiguous). It
/// detects that pregenerated code and the inputs it was made from have parted (a vendored spec edited
/// by hand); it is not a guard against tampering, which could rewrite the code as well. junction-api's
/// build script has its own copy (it builds without this crate), and a test holds the two equal.
pub fn input_fingerprint(spec: &str, overlays: &[&str]) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0100_0000_01b3;
    let mut hash = OFFSET;
    let mut eat = |bytes: &[u8]| {
        for &byte in bytes {
            hash = (hash ^ u64::from(byte)).wrapping_mul(PRIME);
        }
    };
    eat(spec.as_bytes());
    for overlay in overlays {
        eat(&[0xff]);
        eat(overlay.as_bytes());
    }
    hash
}

fn exit(message: &str) -> ! {
    eprintln!("error: {message}");
    std::process::exit(1);
}
