//! The generator's one error type. Every variant says where the problem is.

/// Why generation failed. Each variant names the file, operation or schema at fault.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The spec file could not be read.
    #[error("cannot read spec {path}: {source}")]
    Io {
        /// The file that failed.
        path: String,
        /// The underlying I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The text is not valid YAML or JSON.
    // The YAML parser's message already ends with "at line L column C".
    #[error("spec is not valid YAML/JSON: {message}")]
    Syntax {
        /// The parser's message.
        message: String,
        /// 1-based line and column, when the parser knows them.
        location: Option<(usize, usize)>,
    },
    /// The document parsed but is not an OpenAPI 3.0/3.1 document of the shape the generator needs.
    #[error("{pointer}: {message}")]
    InvalidSpec {
        /// JSON pointer of the offending part.
        pointer: String,
        /// What is wrong and how to fix it.
        message: String,
    },
    /// An overlay is malformed, or one of its actions cannot be applied.
    #[error("overlay {overlay}: {pointer}: {message}")]
    Overlay {
        /// The overlay's name (its path, or `overlay N`).
        overlay: String,
        /// JSON pointer of the offending part of the overlay (`#/actions/2/target`).
        pointer: String,
        /// What is wrong and how to fix it.
        message: String,
    },
    /// A `$ref` points at something that does not exist.
    #[error("{pointer}: `$ref` to `{reference}` does not resolve: {hint}")]
    DanglingRef {
        /// Where the `$ref` is.
        pointer: String,
        /// The reference text.
        reference: String,
        /// What to do about it.
        hint: String,
    },
    /// Naming produced two operations with the same call shape.
    #[error("operations `{first}` and `{second}` both map to `client.{group}().{method}()`; set distinct `x-fern-sdk-method-name`s")]
    DuplicateOperation {
        /// Where the second operation is.
        pointer: String,
        /// The first operationId (or `METHOD path`).
        first: String,
        /// The second operationId (or `METHOD path`).
        second: String,
        /// The shared group.
        group: String,
        /// The shared method.
        method: String,
    },
    /// The emitted tokens did not form a valid Rust file (a generator bug; please report it).
    #[error("internal error: generated code for `{item}` does not parse: {message}")]
    Emit {
        /// What was being emitted.
        item: String,
        /// The parser's message.
        message: String,
    },
    /// The spec has diagnostics and the generator was told to treat them as errors
    /// ([`crate::Generator::with_deny_warnings`]).
    #[error("{} diagnostics, and warnings are denied; nothing was generated", diagnostics.len())]
    WarningsDenied {
        /// The diagnostics, sorted by pointer.
        diagnostics: Vec<crate::Diagnostic>,
    },
    /// A setting or argument cannot be used (for example a crate name that is not one).
    #[error("{0}")]
    InvalidArgument(String),
    /// Writing the output failed.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file that failed.
        path: String,
        /// The underlying I/O error.
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    /// The JSON pointer the error is about, when it is about a place in the spec or an overlay
    /// ([`Error::overlay`] tells which).
    pub fn pointer(&self) -> Option<&str> {
        match self {
            Error::Overlay { pointer, .. }
            | Error::InvalidSpec { pointer, .. }
            | Error::DanglingRef { pointer, .. }
            | Error::DuplicateOperation { pointer, .. } => Some(pointer),
            _ => None,
        }
    }

    /// The overlay the error is in, by name, when it is in one.
    pub fn overlay(&self) -> Option<&str> {
        match self {
            Error::Overlay { overlay, .. } => Some(overlay),
            _ => None,
        }
    }
}
