//! `junction-codegen`: turns an OpenAPI 3.1 (or 3.0) document into a typed async Rust client.
//!
//! Three stages with hard borders: `parse` (YAML/JSON, 3.1 → 3.0 lowering), [`ir`] (types and
//! operations with stable ids and final names) and `emit` (Rust tokens, formatted). [`Generator`] is
//! the one entry point; the CLI and `build.rs` are thin shells over it.
//!
//! ```no_run
//! let spec = std::fs::read_to_string("spec/openapi.yaml")?;
//! let generated = junction_codegen::Generator::new().generate(&spec)?;
//! for diagnostic in &generated.diagnostics {
//!     eprintln!("{diagnostic}");
//! }
//! std::fs::write("client.rs", &generated.code)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

//! The public surface is deliberate and small: [`Generator`] and what it returns ([`Generated`],
//! [`Diagnostic`], [`Error`]), the IR it builds ([`ir`], for inspection), and the tools built on it:
//! [`build_script`] for `build.rs`, [`diff`] for spec bumps, [`check`] for goldens, [`docs`] for the
//! reference pages and [`report`] for showing diagnostics with their source lines. The stages
//! themselves (`parse`, `emit`, naming) are private, so that they can change without a major release.

pub mod build_script;
pub mod check;
mod diagnostic;
pub mod diff;
pub mod docs;
mod emit;
mod error;
pub mod ir;
mod locate;
mod naming;
mod parse;
pub mod report;
mod standalone;

pub use diagnostic::{Diagnostic, DiagnosticKind, Severity};
pub use error::Error;
pub use parse::Overlay;

/// The pipeline's stages one call at a time, for the benchmarks that time them. Not part of the stable
/// API: their signatures follow the stages.
#[doc(hidden)]
pub mod stages {
    pub use crate::emit::tokens as emit_tokens;
    pub use crate::parse::{parse, read_value, read_with_overlays};
}

/// The result of a generation run.
#[derive(Clone, Debug)]
pub struct Generated {
    /// The formatted Rust source.
    pub code: String,
    /// What the spec contained that the code does not carry, sorted by pointer.
    pub diagnostics: Vec<Diagnostic>,
    /// How many operations were generated.
    pub operations: usize,
    /// How many types were generated.
    pub types: usize,
}

/// Runs the pipeline. Settings are `with_*` methods; [`Generator::generate`] does the work.
#[derive(Clone, Debug, Default)]
pub struct Generator {
    ir: ir::Settings,
    deny_warnings: bool,
    overlays: Vec<Overlay>,
    emit: emit::Options,
    runtime_path: Option<std::path::PathBuf>,
    crate_name: Option<String>,
}

impl Generator {
    /// A generator with default settings.
    pub fn new() -> Self {
        Self::default()
    }

    /// Also generate operations marked `x-fern-ignore: true` (skipped by default, as Fern does).
    pub fn with_fern_ignored_operations(mut self, include: bool) -> Self {
        self.ir.include_fern_ignored = include;
        self
    }

    /// Recognise paging from parameter and field names (`next_cursor`, `offset`/`limit`/`total`,
    /// `page`/`pages`) where the spec has no `x-fern-pagination` (on by default). Off, only declared
    /// operations page, and nothing is reported as looking paged.
    pub fn with_recognised_pagination(mut self, recognise: bool) -> Self {
        self.ir.recognise_pagination = recognise;
        self
    }

    /// Put each operation group behind a cargo feature of its name (and the webhooks behind `webhooks`,
    /// and each type behind the features of what uses it, `unreferenced_schemas` for component schemas
    /// that nothing uses). The crate that compiles the output must declare the features
    /// [`ir::Api::features`] lists.
    pub fn with_group_features(mut self, gated: bool) -> Self {
        self.emit.group_features = gated;
        self
    }

    /// Treat diagnostics as errors: a spec with any fails with [`Error::WarningsDenied`], before anything
    /// is emitted or written.
    pub fn with_deny_warnings(mut self, deny: bool) -> Self {
        self.deny_warnings = deny;
        self
    }

    /// Applies an OpenAPI Overlay 1.0.0 document (YAML or JSON text) to the spec before anything else
    /// reads it. Several apply in the order they were added. Messages name it `overlay N`; see
    /// [`Generator::with_named_overlay`].
    pub fn with_overlay(self, text: impl Into<String>) -> Self {
        let name = format!("overlay {}", self.overlays.len() + 1);
        self.with_named_overlay(name, text)
    }

    /// [`Generator::with_overlay`], with the name messages give it (its path, usually).
    pub fn with_named_overlay(mut self, name: impl Into<String>, text: impl Into<String>) -> Self {
        self.overlays.push(Overlay { name: name.into(), text: text.into() });
        self
    }

    /// Standalone crates ([`Generator::generate_crate`]) depend on the `junction-runtime` at this path
    /// (a checkout of it) instead of the published one of the generator's version.
    pub fn with_runtime_path(mut self, path: impl Into<std::path::PathBuf>) -> Self {
        self.runtime_path = Some(path.into());
        self
    }

    /// The crate the generated code is compiled in, as the examples in its docs name it (`pet-store` →
    /// `use pet_store::Client;`). By default it comes from the spec's title (`Junction API` →
    /// `junction-api`); [`Generator::generate_crate`] uses the name of the crate it writes.
    pub fn with_crate_name(mut self, name: impl Into<String>) -> Self {
        self.crate_name = Some(name.into());
        self
    }

    /// The overlays, in the order they apply.
    pub fn overlays(&self) -> &[Overlay] {
        &self.overlays
    }

    /// Whether groups are put behind cargo features ([`Generator::with_group_features`]).
    pub fn group_features(&self) -> bool {
        self.emit.group_features
    }

    /// The spec as the generator reads it: YAML or JSON text as a JSON value, with the overlays applied
    /// (before the 3.1 lowering).
    pub fn document(&self, spec: &str) -> Result<serde_json::Value, Error> {
        parse::read_with_overlays(spec, &self.overlays).map(|(document, _)| document)
    }

    /// Parses, lowers and converts the spec into the IR (useful for inspection and tests).
    pub fn ir(&self, spec: &str) -> Result<(ir::Api, Vec<Diagnostic>), Error> {
        let parsed = parse::parse_with_overlays(spec, &self.overlays)?;
        let mut diagnostics = parsed.diagnostics;
        let mut api = ir::build(&parsed.openapi, &parsed.webhooks, self.ir, &mut diagnostics)?;
        if let Some(name) = &self.crate_name {
            api.crate_name.clone_from(name);
        }
        let overlays: Vec<&str> = self.overlays.iter().map(|overlay| overlay.text.as_str()).collect();
        api.input_fingerprint = build_script::input_fingerprint(spec, &overlays);
        diagnostics.sort();
        diagnostics.dedup();
        if self.deny_warnings && !diagnostics.is_empty() {
            return Err(Error::WarningsDenied { diagnostics });
        }
        Ok((api, diagnostics))
    }

    /// Generates the client source for a spec given as YAML or JSON text.
    pub fn generate(&self, spec: &str) -> Result<Generated, Error> {
        let (api, diagnostics) = self.ir(spec)?;
        self.generate_from_ir(&api, diagnostics)
    }

    /// Generates the client source from an IR [`Generator::ir`] built (for callers that also read the
    /// IR, so that the spec is parsed once), with the diagnostics that came with it.
    pub fn generate_from_ir(&self, api: &ir::Api, diagnostics: Vec<Diagnostic>) -> Result<Generated, Error> {
        let code = emit::emit(api, &self.emit)?;
        Ok(Generated { code, diagnostics, operations: api.operations().count(), types: api.types.len() })
    }

    /// Rust source listing every example of the spec with the generated type it must round-trip through
    /// (see `tests/examples.rs`).
    pub fn generate_example_checks(&self, spec: &str) -> Result<String, Error> {
        let (api, _) = self.ir(spec)?;
        emit::examples::harness(&api)
    }

    /// Rust source of every example call in the method docs, as functions that take a client (see
    /// `tests/example_requests.rs`, which sends each one and checks its request against the spec).
    pub fn generate_example_calls(&self, spec: &str) -> Result<String, Error> {
        let (api, _) = self.ir(spec)?;
        emit::snippets::harness(&api)
    }

    /// The reference pages of the spec's client ([`docs`]): `reference.md` and a model page per type.
    /// Write them with [`docs::write`].
    pub fn generate_docs(&self, spec: &str) -> Result<Vec<docs::Page>, Error> {
        let (api, _) = self.ir(spec)?;
        Ok(docs::pages(&api))
    }

    /// Reads a spec file and generates its client source.
    pub fn generate_file(&self, path: impl AsRef<std::path::Path>) -> Result<Generated, Error> {
        let path = path.as_ref();
        let spec =
            std::fs::read_to_string(path).map_err(|source| Error::Io { path: path.display().to_string(), source })?;
        self.generate(&spec)
    }
}

/// Writes `contents` to `path` atomically (a temporary file renamed into place), and only when the
/// file's text differs, so that cargo's freshness checks and editors see no change when there is none.
/// A path that exists but is not a regular file (`/dev/null`, `/dev/stdout`, a named pipe) is written
/// to as it is: renaming over it would replace the device with a file.
pub fn write_if_changed(path: &std::path::Path, contents: &str) -> Result<bool, Error> {
    let failed = |source| Error::Write { path: path.display().to_string(), source };
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        std::fs::write(path, contents).map_err(failed)?;
        return Ok(true);
    }
    if std::fs::read_to_string(path).is_ok_and(|old| old == contents) {
        return Ok(false);
    }
    let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temporary = path.with_file_name(format!(".{file_name}.{}.tmp", std::process::id()));
    std::fs::write(&temporary, contents).map_err(failed)?;
    std::fs::rename(&temporary, path).map_err(|e| {
        let _ = std::fs::remove_file(&temporary);
        failed(e)
    })?;
    Ok(true)
}
