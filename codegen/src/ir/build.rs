//! `openapiv3` document → [`Api`]. Reads the lowered spec once; the emitter never sees it.
//!
//! The work is split the way typify and progenitor split it: [`super::schemas`] converts schemas into
//! types, [`super::operations`] converts paths, servers and webhooks, and [`super::analysis`] runs the
//! whole-program passes once every type is known (cycles, union plans, what is sent, field
//! representations, text forms, features).

use super::*;
use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::naming::Namespace;
use crate::Error;
use openapiv3::{OpenAPI, ReferenceOr};
use std::collections::BTreeMap;

/// Where component schemas live.
pub(super) const SCHEMA_PREFIX: &str = "#/components/schemas/";

/// What the IR build may decide differently (the [`crate::Generator`]'s `with_*` settings that reach it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Settings {
    /// Also convert operations marked `x-fern-ignore: true`.
    pub include_fern_ignored: bool,
    /// Recognise paging from parameter and field names where the spec declares none (on by default;
    /// `x-fern-pagination` is read either way).
    pub recognise_pagination: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self { include_fern_ignored: false, recognise_pagination: true }
    }
}

/// Builds the IR, appending findings to `diagnostics`.
pub fn build<'a>(
    spec: &'a OpenAPI,
    webhooks: &'a indexmap::IndexMap<String, ReferenceOr<openapiv3::PathItem>>,
    settings: Settings,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Api, Error> {
    let mut builder = Builder {
        spec,
        include_fern_ignored: settings.include_fern_ignored,
        recognise_pagination: settings.recognise_pagination,
        types: Vec::new(),
        by_ref: BTreeMap::new(),
        names: Namespace::default(),
        diagnostics,
        hoisting: Vec::new(),
    };
    builder.declare_components();
    builder.convert_components()?;
    let mut groups = builder.operations()?;
    super::operations::keep_apart_from_types(&mut groups, &builder.types);
    let servers = builder.servers();
    let webhooks = builder.webhooks(webhooks)?;
    let types = builder.types;
    super::analysis::analyse(spec, types, groups, servers, webhooks)
}

/// The conversion state: the arena of types so far, and where diagnostics go.
pub(super) struct Builder<'a> {
    pub(super) spec: &'a OpenAPI,
    pub(super) include_fern_ignored: bool,
    pub(super) recognise_pagination: bool,
    pub(super) types: Vec<TypeDef>,
    pub(super) by_ref: BTreeMap<String, TypeId>,
    pub(super) names: Namespace,
    pub(super) diagnostics: &'a mut Vec<Diagnostic>,
    /// Where the inline schemas being converted inside each other right now are, outermost first.
    pub(super) hoisting: Vec<String>,
}

impl Builder<'_> {
    pub(super) fn warn(&mut self, kind: DiagnosticKind, at: impl ToString, message: impl Into<String>) {
        self.diagnostics.push(Diagnostic::warning(kind, at.to_string(), message));
    }
}

/// Doc text from a title and description: the description when present; the title only when it says more
/// than the name it annotates (FastAPI titles are usually the name re-cased: `user_id` → "User Id").
pub(super) fn docs(title: Option<&str>, description: Option<&str>, name: &str) -> Option<String> {
    let squash = |s: &str| s.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_ascii_lowercase();
    let title = title.filter(|t| !t.trim().is_empty() && squash(t) != squash(name));
    let description = description.map(str::trim).filter(|d| !d.is_empty());
    match (title, description) {
        (Some(t), Some(d)) if !d.starts_with(t.trim()) => Some(format!("{}\n\n{d}", t.trim())),
        (_, Some(d)) => Some(d.to_owned()),
        (Some(t), None) => Some(t.trim().to_owned()),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::docs;

    #[test]
    fn titles_that_only_re_case_the_name_are_not_docs() {
        assert_eq!(docs(Some("User Id"), None, "user_id"), None);
        assert_eq!(docs(Some("The user"), None, "user_id").as_deref(), Some("The user"));
        assert_eq!(docs(Some("Title"), Some("Title, and more."), "x").as_deref(), Some("Title, and more."));
        assert_eq!(docs(Some("Title"), Some("Body."), "x").as_deref(), Some("Title\n\nBody."));
    }
}
