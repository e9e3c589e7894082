//! Errors and diagnostics as people read them: located at `file:line[:column]`, either with the
//! offending source line under the message ([`Style::Human`]) or one line per item ([`Style::Short`],
//! also what build scripts print as `cargo:warning=`).

use crate::{Diagnostic, Error, Overlay, Severity};
use std::fmt::Write as _;
use std::path::Path;

/// How to print a finding.
#[derive(Clone, Copy, Debug, Default, Eq, PartialEq)]
pub enum Style {
    /// Message, location and the source line with a marker (the CLI's default).
    #[default]
    Human,
    /// `file:line[:column]: level: message` on one line.
    Short,
}

/// A spec file and its text, which findings are located in, and the overlays applied to it (findings
/// in an overlay are located in its text).
#[derive(Clone, Copy, Debug)]
pub struct Source<'a> {
    /// The file, as the user named it.
    pub path: &'a Path,
    /// Its text.
    pub text: &'a str,
    /// The overlays, named as the generator names them.
    pub overlays: &'a [Overlay],
}

impl<'a> Source<'a> {
    /// A spec without overlays.
    pub fn new(path: &'a Path, text: &'a str) -> Self {
        Self { path, text, overlays: &[] }
    }

    /// The same spec with these overlays applied.
    pub fn with_overlays(self, overlays: &'a [Overlay]) -> Self {
        Self { overlays, ..self }
    }

    /// The file name and text a finding in `file` (an overlay's name, or `None` for the spec) is in.
    fn document(&self, file: Option<&str>) -> (String, &'a str) {
        match file.and_then(|name| self.overlays.iter().find(|o| o.name == name)) {
            Some(overlay) => (overlay.name.clone(), overlay.text.as_str()),
            None => (self.path.display().to_string(), self.text),
        }
    }

    /// An error, located when it points into the spec. Denied warnings are listed before it.
    pub fn error(&self, error: &Error, style: Style) -> String {
        let denied = match error {
            Error::WarningsDenied { diagnostics } => {
                diagnostics.iter().map(|d| self.diagnostic(d, style) + "\n").collect()
            }
            _ => String::new(),
        };
        let (path, text) = self.document(error.overlay());
        let location = match error {
            Error::Syntax { location: Some((line, column)), .. } => Some((*line, Some(*column))),
            other => other.pointer().and_then(|p| crate::locate::line_of(text, p)).map(|line| (line, None)),
        };
        denied + &render(&path, text, "error", &error.to_string(), location, style)
    }

    /// A diagnostic, located by its pointer.
    pub fn diagnostic(&self, diagnostic: &Diagnostic, style: Style) -> String {
        let level = match diagnostic.severity {
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        let (path, text) = self.document(diagnostic.file.as_deref());
        let location = crate::locate::line_of(text, &diagnostic.pointer).map(|line| (line, None));
        let message = format!("{}: {}", diagnostic.pointer, diagnostic.message);
        render(&path, text, level, &message, location, style)
    }
}

/// A finding in `path` (whose text is `text`), in the given style.
fn render(
    path: &str,
    text: &str,
    level: &str,
    message: &str,
    location: Option<(usize, Option<usize>)>,
    style: Style,
) -> String {
    let place = match location {
        Some((line, Some(column))) => format!("{path}:{line}:{column}"),
        Some((line, None)) => format!("{path}:{line}"),
        None => path.to_string(),
    };
    if style == Style::Short {
        return format!("{place}: {level}: {message}");
    }
    let mut out = format!("{level}: {message}\n  --> {place}");
    if let Some((line, column)) = location {
        let number = line.to_string();
        let gutter = " ".repeat(number.len());
        match text.lines().nth(line.saturating_sub(1)) {
            Some(text) => {
                let (excerpt, marker) = excerpt(text, column);
                let _ = write!(out, "\n{gutter} |\n{number} | {excerpt}");
                if let Some(marker) = marker {
                    let _ = write!(out, "\n{gutter} | {}^", " ".repeat(marker));
                }
            }
            // A truncated file fails just past its last line.
            None => {
                let _ = write!(out, "\n{gutter} |\n{number} | (end of file)");
            }
        }
    }
    out
}

/// At most this many characters of a source line are shown (minified JSON is one long line).
const EXCERPT_CHARS: usize = 100;

/// The part of `line` to show, and where the column marker goes in it (columns are 1-based).
fn excerpt(line: &str, column: Option<usize>) -> (String, Option<usize>) {
    let chars: Vec<char> = line.chars().collect();
    let column = column.map(|c| c.saturating_sub(1).min(chars.len()));
    let start = match column {
        Some(c) if c > EXCERPT_CHARS / 2 => (c - EXCERPT_CHARS / 2).min(chars.len().saturating_sub(EXCERPT_CHARS)),
        _ => 0,
    };
    let end = (start + EXCERPT_CHARS).min(chars.len());
    let mut text: String = chars[start..end].iter().map(|&c| if c == '\t' { ' ' } else { c }).collect();
    let mut marker = column.map(|c| c - start);
    if start > 0 {
        text.insert(0, '…');
        marker = marker.map(|m| m + 1);
    }
    if end < chars.len() {
        text.push('…');
    }
    (text, marker)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(text: &str) -> Source<'_> {
        Source::new(Path::new("spec.yaml"), text)
    }

    #[test]
    fn a_syntax_error_shows_its_line_and_a_marker_under_the_column() {
        let text = "openapi: 3.1.0\npaths: {a: [1, 2}\n";
        let error = crate::parse::read_value(text).unwrap_err();
        let Error::Syntax { location: Some((line, column)), .. } = &error else { panic!("{error:?}") };
        let human = source(text).error(&error, Style::Human);
        let lines: Vec<&str> = human.lines().collect();
        assert!(lines[0].starts_with("error: spec is not valid YAML/JSON"), "{human}");
        assert_eq!(lines[1], format!("  --> spec.yaml:{line}:{column}"));
        assert_eq!(lines[3], format!("{line} | paths: {{a: [1, 2}}"));
        assert_eq!(lines[4].find('^'), Some(4 + column - 1), "{human}");
        let short = source(text).error(&error, Style::Short);
        assert!(short.starts_with(&format!("spec.yaml:{line}:{column}: error: spec is not valid")), "{short}");
        assert_eq!(short.lines().count(), 1);
    }

    #[test]
    fn a_diagnostic_is_located_by_its_pointer() {
        let text = "components:\n  schemas:\n    A: {not: {}}\n";
        let diagnostic = Diagnostic::warning(
            crate::DiagnosticKind::Reinterpreted,
            "#/components/schemas/A/not",
            "`not` is not carried",
        );
        assert_eq!(
            source(text).diagnostic(&diagnostic, Style::Short),
            "spec.yaml:3: warning: #/components/schemas/A/not: `not` is not carried"
        );
        let human = source(text).diagnostic(&diagnostic, Style::Human);
        assert_eq!(human.lines().nth(3), Some("3 |     A: {not: {}}"));
    }

    #[test]
    fn long_lines_are_cut_around_the_column() {
        let line = "x".repeat(300);
        let (text, marker) = excerpt(&line, Some(200));
        assert_eq!(text.chars().count(), EXCERPT_CHARS + 2);
        assert!(text.starts_with('…') && text.ends_with('…'));
        assert_eq!(marker, Some(EXCERPT_CHARS / 2 + 1));
        assert_eq!(excerpt("short", None), (String::from("short"), None));
    }
}
