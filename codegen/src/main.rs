//! `junction-codegen`: the command-line shell over [`junction_codegen::Generator`].

use clap::{Parser, Subcommand};
use junction_codegen::Generator;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// The spec this repository embeds, used when no SPEC is given.
const DEFAULT_SPEC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/openapi.yaml");

#[derive(Parser)]
#[command(
    name = "junction-codegen",
    version,
    about = "Generate a typed async Rust client from an OpenAPI 3.1/3.0 spec"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate the client source for SPEC (default: the embedded spec/openapi.yaml).
    Generate {
        /// The OpenAPI document (YAML or JSON).
        spec: Option<PathBuf>,
        /// Write the source here (atomically, only on success) instead of to stdout.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Generate { spec, output } => generate(spec, output),
    }
}

fn generate(spec: Option<PathBuf>, output: Option<PathBuf>) -> ExitCode {
    let spec = spec.unwrap_or_else(|| PathBuf::from(DEFAULT_SPEC));
    let generated = match Generator::new().generate_file(&spec) {
        Ok(generated) => generated,
        Err(error) => {
            eprintln!("error: {}: {error}", spec.display());
            return ExitCode::FAILURE;
        }
    };
    for diagnostic in &generated.diagnostics {
        eprintln!("{}: {diagnostic}", spec.display());
    }
    let written = match &output {
        Some(path) => junction_codegen::write_if_changed(path, &generated.code).map(|_| ()),
        None => std::io::stdout()
            .write_all(generated.code.as_bytes())
            .map_err(|source| junction_codegen::Error::Write { path: String::from("<stdout>"), source }),
    };
    if let Err(error) = written {
        eprintln!("error: {error}");
        return ExitCode::FAILURE;
    }
    eprintln!(
        "{}: {} operations, {} types, {} diagnostics{}",
        spec.display(),
        generated.operations,
        generated.types,
        generated.diagnostics.len(),
        output.map(|p| format!(" -> {}", p.display())).unwrap_or_default(),
    );
    ExitCode::SUCCESS
}
