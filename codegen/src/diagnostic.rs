//! Diagnostics: findings about the spec that do not stop generation.

use std::fmt;

/// How serious a [`Diagnostic`] is.
#[derive(Clone, Copy, Debug, Eq, Hash, Ord, PartialEq, PartialOrd)]
pub enum Severity {
    /// Something in the spec that the generated code does not carry; the output is still correct for
    /// everything else.
    Warning,
    /// Informational: a construct was translated in a way worth knowing about.
    Note,
}

/// What a [`Diagnostic`] is about, for tools and tests to match on (the message is for people).
#[derive(Clone, Copy, Debug, Eq, Hash, Ord, PartialEq, PartialOrd)]
#[non_exhaustive]
pub enum DiagnosticKind {
    /// A construct the generated code does not carry (callbacks, status ranges, some security schemes,
    /// …); everything else is still correct.
    Unsupported,
    /// A keyword that is not carried beside the ones that are (`maxDepth` beside a `$ref`, …).
    IgnoredKeyword,
    /// A construct read as something other than it says (`not` as any value, a `type` array as
    /// `anyOf`, an out-of-range integer bound rounded, …); the message says how.
    Reinterpreted,
    /// A value the spec gets wrong, left out (a status code that is not one, a server that is not an
    /// https URL, …).
    InvalidValue,
    /// Two names collide in Rust; one was changed (the message says to what).
    NameCollision,
    /// A path-template parameter the operation does not declare; it is a required `String` argument.
    UndeclaredPathParameter,
    /// An overlay action whose target matches nothing in the spec.
    UnmatchedOverlayAction,
    /// An operation that looks paged but fits no paging style, or an `x-fern-pagination` that does not
    /// fit its operation: the operation is not paged (the message says what to declare).
    Pagination,
}

/// One finding, located by a JSON pointer into the spec (`#/components/schemas/X/properties/y`) or into
/// an overlay.
#[derive(Clone, Debug, Eq, Hash, Ord, PartialEq, PartialOrd)]
#[non_exhaustive]
pub struct Diagnostic {
    /// The overlay the finding is in, by its name; `None` for the spec itself.
    pub file: Option<String>,
    /// Where the finding is, as a JSON pointer fragment.
    pub pointer: String,
    /// How serious it is.
    pub severity: Severity,
    /// What was found and what the generator did about it.
    pub message: String,
    /// What kind of finding it is (after the message, so that findings sort by place, then text).
    pub kind: DiagnosticKind,
}

impl Diagnostic {
    /// A warning of `kind` at `pointer`.
    pub fn warning(kind: DiagnosticKind, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Self { file: None, pointer: pointer.into(), severity: Severity::Warning, message: message.into(), kind }
    }

    /// The same finding, located in the overlay `name` instead of the spec.
    pub fn in_file(mut self, name: &str) -> Self {
        self.file = Some(name.to_owned());
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        match &self.file {
            Some(file) => write!(f, "{level}: {file}: {}: {}", self.pointer, self.message),
            None => write!(f, "{level}: {}: {}", self.pointer, self.message),
        }
    }
}

/// Builds JSON pointers (RFC 6901, as URI fragments) one segment at a time.
#[derive(Clone, Debug, Default, Eq, PartialEq)]
pub struct Pointer(String);

impl Pointer {
    /// The document root, `#`.
    pub fn root() -> Self {
        Self(String::from("#"))
    }

    /// This pointer extended by one segment, escaped (`~` → `~0`, `/` → `~1`).
    pub fn push(&self, segment: &str) -> Self {
        let mut out = String::with_capacity(self.0.len() + segment.len() + 1);
        out.push_str(&self.0);
        out.push('/');
        for c in segment.chars() {
            match c {
                '~' => out.push_str("~0"),
                '/' => out.push_str("~1"),
                c => out.push(c),
            }
        }
        Self(out)
    }

    /// This pointer without its last segment (the root stays the root).
    pub fn parent(&self) -> Self {
        match self.0.rfind('/') {
            Some(at) => Self(self.0[..at].to_owned()),
            None => self.clone(),
        }
    }

    /// This pointer extended by an array index.
    pub fn index(&self, index: usize) -> Self {
        self.push(&index.to_string())
    }

    /// The pointer as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_escapes_slashes_and_tildes() {
        let pointer = Pointer::root().push("paths").push("/v2/user/{id}").push("a~b").index(3);
        assert_eq!(pointer.as_str(), "#/paths/~1v2~1user~1{id}/a~0b/3");
        assert_eq!(pointer.parent().parent().as_str(), "#/paths/~1v2~1user~1{id}");
        assert_eq!(Pointer::root().parent().as_str(), "#");
    }
}
