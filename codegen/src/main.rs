//! `junction-codegen`: the command-line shell over [`junction_codegen::Generator`].

use clap::{Parser, Subcommand};
use junction_codegen::report::{Source, Style};
use junction_codegen::Generator;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// The spec this repository embeds, used when no SPEC is given.
const DEFAULT_SPEC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/openapi.yaml");
/// Our corrections to it, applied with it (as build.rs does).
const DEFAULT_OVERLAY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/overlay.yaml");
/// How wide the overview `generate -o` prints may be (a terminal's usual width).
const OVERVIEW_WIDTH: usize = 100;

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
        #[command(flatten)]
        input: Input,
        /// Write the source here (atomically, only on success) instead of to stdout.
        #[arg(short, long, value_name = "FILE", conflicts_with = "crate_dir")]
        output: Option<PathBuf>,
        /// Write a complete standalone crate (Cargo.toml, lib.rs, client) into DIR.
        #[arg(long = "crate", value_name = "DIR")]
        crate_dir: Option<PathBuf>,
        /// With `--crate`: depend on the junction-runtime at DIR instead of the published one.
        #[arg(long, value_name = "DIR", requires = "crate_dir")]
        runtime_path: Option<PathBuf>,
        /// The crate's name with `--crate` (default: from the spec's title).
        #[arg(long, value_name = "NAME", requires = "crate_dir")]
        name: Option<String>,
        /// Treat diagnostics as errors: print them and write nothing.
        #[arg(long)]
        deny_warnings: bool,
        /// Put each operation group behind a cargo feature of its name (always on with `--crate`).
        #[arg(long)]
        group_features: bool,
        #[command(flatten)]
        messages: Messages,
    },
    /// Regenerate SPEC and compare with a committed golden: exit 0 when equal, 1 with a unified diff
    /// when not, 2 when the spec or golden cannot be read.
    Check {
        #[command(flatten)]
        input: Input,
        /// The committed generated file to compare with.
        #[arg(long, value_name = "FILE")]
        golden: PathBuf,
        /// Show at most this many diff lines.
        #[arg(long, value_name = "N", default_value_t = 200)]
        max_lines: usize,
        /// Generate with per-group cargo features, as the golden was.
        #[arg(long)]
        group_features: bool,
        #[command(flatten)]
        messages: Messages,
    },
    /// Show what changes in the generated Rust API from OLD to NEW, each change classified major, minor
    /// or patch by Rust semver rules; exit 0 (or 1 with `--fail-on`), 2 when a spec cannot be read.
    Diff {
        /// The spec before the change.
        old: PathBuf,
        /// The spec after the change.
        new: PathBuf,
        /// How to print the report.
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
        /// Exit 1 when the implied release is at least this level (`--fail-on major`: breaking).
        #[arg(long, value_enum, value_name = "LEVEL")]
        fail_on: Option<FailOn>,
        /// Report only these operations (as `group.method`, e.g. `user.refresh`) and the types they reach.
        #[arg(long, value_name = "GROUP.METHOD")]
        only: Vec<String>,
        /// Apply this OpenAPI Overlay to both specs before comparing (repeatable; in order).
        #[arg(long = "overlay", value_name = "FILE")]
        overlays: Vec<PathBuf>,
    },
    /// List the operations that page (`.pages()`, `.items()`): how each pages and whether the spec
    /// declared it (`x-fern-pagination`) or it was recognised; operations that look paged but are not
    /// are reported as diagnostics.
    Pages {
        #[command(flatten)]
        input: Input,
        #[command(flatten)]
        messages: Messages,
    },
    /// Write the reference pages into DIR: `reference.md` (every method: a Rust snippet, parameters,
    /// responses by status, paging) and `models/<Type>.md` for every type. Model pages of types that
    /// no longer exist are removed.
    Docs {
        #[command(flatten)]
        input: Input,
        /// The directory to write (created when missing).
        #[arg(short, long, value_name = "DIR")]
        output: PathBuf,
        #[command(flatten)]
        messages: Messages,
    },
    /// Print (or write) the list of the spec's examples with the types they must round-trip through.
    Examples {
        #[command(flatten)]
        input: Input,
        /// Write the docs' example calls instead, as functions a test sends through a mock client.
        #[arg(long)]
        calls: bool,
        /// Write the list here (atomically, only on success) instead of to stdout.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        #[command(flatten)]
        messages: Messages,
    },
}

/// The spec and the overlays that correct it.
#[derive(clap::Args, Clone)]
struct Input {
    /// The OpenAPI document, YAML or JSON (default: the embedded spec/openapi.yaml, with
    /// spec/overlay.yaml applied).
    spec: Option<PathBuf>,
    /// Apply this OpenAPI Overlay 1.0.0 document to the spec first (repeatable; applied in order).
    #[arg(long = "overlay", value_name = "FILE")]
    overlays: Vec<PathBuf>,
}

/// How errors and diagnostics are printed.
#[derive(clap::Args, Clone, Copy)]
struct Messages {
    /// `human`: each with its source line; `short`: one line each (`file:line: level: message`).
    #[arg(long = "format", value_enum, default_value_t = MessageFormat::Human)]
    format: MessageFormat,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum MessageFormat {
    Human,
    Short,
}

impl Messages {
    fn style(self) -> Style {
        match self.format {
            MessageFormat::Human => Style::Human,
            MessageFormat::Short => Style::Short,
        }
    }
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ReportFormat {
    Text,
    Markdown,
    Json,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum FailOn {
    Major,
    Minor,
    Patch,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Generate { input, crate_dir: Some(dir), name, runtime_path, deny_warnings, messages, .. } => {
            let mut generator = Generator::new().with_group_features(true).with_deny_warnings(deny_warnings);
            if let Some(path) = runtime_path {
                generator = generator.with_runtime_path(path);
            }
            let Some(loaded) = Loaded::read(input, generator) else { return ExitCode::FAILURE };
            generate_crate(&loaded, &dir, name, messages.style())
        }
        Command::Generate { input, output, deny_warnings, group_features, messages, .. } => {
            let generator = Generator::new().with_group_features(group_features).with_deny_warnings(deny_warnings);
            let Some(loaded) = Loaded::read(input, generator) else { return ExitCode::FAILURE };
            generate(&loaded, output, messages.style())
        }
        Command::Examples { input, calls, output, messages } => {
            let Some(loaded) = Loaded::read(input, Generator::new()) else { return ExitCode::FAILURE };
            examples(&loaded, calls, output, messages.style())
        }
        Command::Docs { input, output, messages } => {
            let Some(loaded) = Loaded::read(input, Generator::new()) else { return ExitCode::FAILURE };
            docs(&loaded, &output, messages.style())
        }
        Command::Pages { input, messages } => {
            let Some(loaded) = Loaded::read(input, Generator::new()) else { return ExitCode::FAILURE };
            pages(&loaded, messages.style())
        }
        Command::Check { input, golden, max_lines, group_features, messages } => {
            let generator = Generator::new().with_group_features(group_features);
            let Some(loaded) = Loaded::read(input, generator) else { return ExitCode::from(2) };
            check(&loaded, &golden, max_lines, messages.style())
        }
        Command::Diff { old, new, format, fail_on, only, overlays } => {
            diff(old, new, &overlays, format, fail_on, &only)
        }
    }
}

/// A spec read from disk, and the generator with its overlays added.
struct Loaded {
    path: PathBuf,
    text: String,
    generator: Generator,
}

impl Loaded {
    /// Reads the spec (the embedded one with its overlay by default) and the overlays; `None` after
    /// saying what is unreadable.
    fn read(input: Input, mut generator: Generator) -> Option<Self> {
        let (path, mut overlays) = match input.spec {
            Some(path) => (path, Vec::new()),
            None => (PathBuf::from(DEFAULT_SPEC), vec![PathBuf::from(DEFAULT_OVERLAY)]),
        };
        overlays.extend(input.overlays);
        let text = read_file(&path, "spec")?;
        for overlay in overlays {
            let overlay_text = read_file(&overlay, "overlay")?;
            generator = generator.with_named_overlay(overlay.display().to_string(), overlay_text);
        }
        Some(Self { path, text, generator })
    }

    fn source(&self) -> Source<'_> {
        Source::new(&self.path, &self.text).with_overlays(self.generator.overlays())
    }
}

fn read_file(path: &std::path::Path, what: &str) -> Option<String> {
    std::fs::read_to_string(path).map_err(|e| eprintln!("error: cannot read {what} {}: {e}", path.display())).ok()
}

fn generate_crate(loaded: &Loaded, dir: &std::path::Path, name: Option<String>, style: Style) -> ExitCode {
    let source = loaded.source();
    match loaded.generator.generate_crate(&loaded.text, dir, name.as_deref()) {
        Ok((generated, name)) => {
            report_diagnostics(&source, &generated.diagnostics, style);
            eprintln!(
                "{}: {} operations, {} types, {} diagnostics -> crate `{name}` in {}",
                loaded.path.display(),
                generated.operations,
                generated.types,
                generated.diagnostics.len(),
                dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{}", source.error(&error, style));
            ExitCode::FAILURE
        }
    }
}

fn check(loaded: &Loaded, golden_path: &std::path::Path, max_lines: usize, style: Style) -> ExitCode {
    const UNREADABLE: u8 = 2;
    let golden = match std::fs::read_to_string(golden_path) {
        Ok(golden) => golden,
        Err(e) => {
            eprintln!("error: cannot read the golden {}: {e}", golden_path.display());
            return ExitCode::from(UNREADABLE);
        }
    };
    let generated = match loaded.generator.generate(&loaded.text) {
        Ok(generated) => generated,
        Err(error) => {
            eprintln!("{}", loaded.source().error(&error, style));
            return ExitCode::from(UNREADABLE);
        }
    };
    let spec = loaded.path.display();
    let name = golden_path.display().to_string();
    match junction_codegen::check::golden_diff(&name, &golden, &generated.code, max_lines) {
        None => {
            eprintln!("{name} is up to date with {spec}");
            ExitCode::SUCCESS
        }
        Some(diff) => {
            print!("{diff}");
            let overlays: String =
                loaded.generator.overlays().iter().map(|o| format!(" --overlay {}", o.name)).collect();
            eprintln!(
                "{name} differs from what {spec} generates; review the change and regenerate with \
                 `junction-codegen generate {spec}{overlays}{} -o {name}`",
                if loaded.generator.group_features() { " --group-features" } else { "" }
            );
            ExitCode::FAILURE
        }
    }
}

fn examples(loaded: &Loaded, calls: bool, output: Option<PathBuf>, style: Style) -> ExitCode {
    let generated = match calls {
        true => loaded.generator.generate_example_calls(&loaded.text),
        false => loaded.generator.generate_example_checks(&loaded.text),
    };
    let source = match generated {
        Ok(source) => source,
        Err(error) => {
            eprintln!("{}", loaded.source().error(&error, style));
            return ExitCode::FAILURE;
        }
    };
    match write_output(output.as_deref(), &source) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn docs(loaded: &Loaded, dir: &std::path::Path, style: Style) -> ExitCode {
    let pages = match loaded.generator.generate_docs(&loaded.text) {
        Ok(pages) => pages,
        Err(error) => {
            eprintln!("{}", loaded.source().error(&error, style));
            return ExitCode::FAILURE;
        }
    };
    match junction_codegen::docs::write(dir, &pages) {
        Ok(changed) => {
            eprintln!("{}: {} pages in {} ({changed} changed)", loaded.path.display(), pages.len(), dir.display());
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn pages(loaded: &Loaded, style: Style) -> ExitCode {
    let source = loaded.source();
    match loaded.generator.ir(&loaded.text) {
        Ok((api, diagnostics)) => {
            let paging: Vec<_> =
                diagnostics.into_iter().filter(|d| d.kind == junction_codegen::DiagnosticKind::Pagination).collect();
            report_diagnostics(&source, &paging, style);
            print!("{}", junction_codegen::ir::pagination::listing(&api));
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{}", source.error(&error, style));
            ExitCode::FAILURE
        }
    }
}

/// Writes `text` to `output` (atomically, only when it changed) or to stdout.
fn write_output(output: Option<&std::path::Path>, text: &str) -> Result<(), junction_codegen::Error> {
    match output {
        Some(path) => junction_codegen::write_if_changed(path, text).map(|_| ()),
        None => std::io::stdout()
            .write_all(text.as_bytes())
            .map_err(|source| junction_codegen::Error::Write { path: String::from("<stdout>"), source }),
    }
}

/// Prints each diagnostic, located in the spec.
fn report_diagnostics(source: &Source<'_>, diagnostics: &[junction_codegen::Diagnostic], style: Style) {
    for diagnostic in diagnostics {
        eprintln!("{}", source.diagnostic(diagnostic, style));
    }
}

fn generate(loaded: &Loaded, output: Option<PathBuf>, style: Style) -> ExitCode {
    let source = loaded.source();
    // The IR once: the code is emitted from it, and the overview reads it.
    let generated = loaded.generator.ir(&loaded.text).and_then(|(api, diagnostics)| {
        loaded.generator.generate_from_ir(&api, diagnostics).map(|generated| (api, generated))
    });
    let (api, generated) = match generated {
        Ok(generated) => generated,
        Err(error) => {
            eprintln!("{}", source.error(&error, style));
            return ExitCode::FAILURE;
        }
    };
    report_diagnostics(&source, &generated.diagnostics, style);
    if let Err(error) = write_output(output.as_deref(), &generated.code) {
        eprintln!("error: {error}");
        return ExitCode::FAILURE;
    }
    // With the code in a file, stdout is free to say what the client holds (a screenful, not the code).
    if output.is_some() {
        print!("{}", junction_codegen::docs::overview(&api, OVERVIEW_WIDTH));
    }
    let overlays: String = loaded.generator.overlays().iter().map(|o| format!(" + {}", o.name)).collect();
    eprintln!(
        "{}{overlays}: {} operations, {} types, {} diagnostics{}",
        loaded.path.display(),
        generated.operations,
        generated.types,
        generated.diagnostics.len(),
        output.map(|p| format!(" -> {} ({} lines)", p.display(), generated.code.lines().count())).unwrap_or_default(),
    );
    ExitCode::SUCCESS
}

fn diff(
    old: PathBuf,
    new: PathBuf,
    overlays: &[PathBuf],
    format: ReportFormat,
    fail_on: Option<FailOn>,
    only: &[String],
) -> ExitCode {
    use junction_codegen::diff::{Format, Level};
    const UNREADABLE: u8 = 2;
    // Both specs with the same corrections, so that the report shows what the new spec changes.
    let ir = |path: PathBuf| {
        let input = Input { spec: Some(path), overlays: overlays.to_vec() };
        let loaded = Loaded::read(input, Generator::new())?;
        loaded
            .generator
            .ir(&loaded.text)
            .map(|(api, _)| api)
            .map_err(|error| eprintln!("{}", loaded.source().error(&error, Style::Human)))
            .ok()
    };
    let (Some(old), Some(new)) = (ir(old), ir(new)) else { return ExitCode::from(UNREADABLE) };
    let mut report = junction_codegen::diff::diff(&old, &new);
    if !only.is_empty() {
        report.restrict(&old, &new, only);
    }
    let format = match format {
        ReportFormat::Text => Format::Text,
        ReportFormat::Markdown => Format::Markdown,
        ReportFormat::Json => Format::Json,
    };
    print!("{}", report.render(format));
    let threshold = fail_on.map(|level| match level {
        FailOn::Major => Level::Major,
        FailOn::Minor => Level::Minor,
        FailOn::Patch => Level::Patch,
    });
    match (threshold, report.bump()) {
        (Some(threshold), Some(bump)) if bump >= threshold => {
            eprintln!("the change implies a {bump} release (--fail-on {threshold})");
            ExitCode::FAILURE
        }
        _ => ExitCode::SUCCESS,
    }
}
