//! Stage 1: text → lowered JSON value → `openapiv3` document.
//!
//! `openapiv3` models OpenAPI 3.0 only and silently drops 3.1 keywords, so [`lower`] rewrites the raw
//! value into its 3.0 form first, keeping each meaning in a 3.0 construct or an `x-codegen-*` marker (read
//! back, typed, by [`extras`]) and reporting what it cannot carry.

pub mod extras;
pub mod lower;
pub mod overlay;

pub use overlay::Overlay;

use crate::diagnostic::Diagnostic;
use crate::Error;
use serde_json::Value;

/// A parsed, lowered document, ready for the IR stage.
#[derive(Debug)]
pub struct ParsedSpec {
    /// The document as `openapiv3` sees it, after lowering.
    pub openapi: openapiv3::OpenAPI,
    /// The top-level 3.1 `webhooks` (which `openapiv3` does not model), read as path items.
    pub webhooks: indexmap::IndexMap<String, openapiv3::ReferenceOr<openapiv3::PathItem>>,
    /// What lowering reported.
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses YAML or JSON text into a lowered OpenAPI document.
pub fn parse(text: &str) -> Result<ParsedSpec, Error> {
    parse_with_overlays(text, &[])
}

/// Parses YAML or JSON text, applies the overlays in order, and lowers the result.
pub fn parse_with_overlays(text: &str, overlays: &[Overlay]) -> Result<ParsedSpec, Error> {
    let (mut raw, mut diagnostics) = read_with_overlays(text, overlays)?;
    diagnostics.extend(lower::lower_document(&mut raw)?);
    let openapi: openapiv3::OpenAPI = serde_path_to_error::deserialize(&raw).map_err(|e| Error::InvalidSpec {
        pointer: serde_path_pointer(e.path()),
        message: format!("not a valid OpenAPI 3.x document here: {}", e.inner()),
    })?;
    let webhooks = match raw.get("webhooks") {
        None => Default::default(),
        Some(webhooks) => serde_path_to_error::deserialize(webhooks).map_err(|e| Error::InvalidSpec {
            pointer: serde_path_pointer(e.path()).replacen('#', "#/webhooks", 1),
            message: format!("not a valid webhook path item here: {}", e.inner()),
        })?,
    };
    Ok(ParsedSpec { openapi, webhooks, diagnostics })
}

/// Reads YAML or JSON text and applies the overlays in order: the raw document the generator works
/// from (before lowering), and the overlays' warnings.
pub fn read_with_overlays(text: &str, overlays: &[Overlay]) -> Result<(Value, Vec<Diagnostic>), Error> {
    let mut raw = read_value(text)?;
    let mut diagnostics = Vec::new();
    for overlay in overlays {
        diagnostics.extend(overlay::apply(&mut raw, overlay)?);
    }
    Ok((raw, diagnostics))
}

/// A serde path (`paths./a.get.tags[0]`) as a JSON pointer (`#/paths/~1a/get/tags/0`). Segments hidden
/// behind untagged or flattened types are cut off by serde, so the pointer may stop at their parent.
fn serde_path_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut pointer = crate::diagnostic::Pointer::root();
    for segment in path.iter() {
        pointer = match segment {
            Segment::Seq { index } => pointer.index(*index),
            Segment::Map { key } => pointer.push(key),
            Segment::Enum { variant } => pointer.push(variant),
            Segment::Unknown => break,
        };
    }
    pointer.to_string()
}

/// Reads YAML (or JSON, which YAML parsers accept) into a JSON value with string keys.
pub fn read_value(text: &str) -> Result<Value, Error> {
    if text.trim().is_empty() {
        return Err(Error::Syntax {
            message: String::from("the file is empty; expected an OpenAPI document"),
            location: None,
        });
    }
    check_control_characters(text)?;
    check_flow_nesting(text)?;
    let yaml = serde_yaml::from_str::<LenientYaml>(text).map(|node| node.0).map_err(|e| {
        let message = e.to_string();
        let location = e.location().map(|l| (l.line(), l.column()));
        // The parser reports a duplicate key where its mapping starts; point at the second one.
        let duplicate = message.split_once("duplicate entry with key ").and_then(|(_, rest)| {
            let key = rest.split(" at line ").next().unwrap_or(rest).trim_matches('"');
            second_key_line(text, key, location.map_or(1, |(line, _)| line))
        });
        Error::Syntax { location: duplicate.or(location), message }
    })?;
    yaml_to_json(yaml, &crate::diagnostic::Pointer::root())
}

/// Refuses control characters other than tab, newline and carriage return (YAML forbids them), with
/// their line and column.
fn check_control_characters(text: &str) -> Result<(), Error> {
    for (index, line) in text.lines().enumerate() {
        if let Some((column, c)) =
            line.chars().enumerate().find(|(_, c)| c.is_control() && !matches!(c, '\t' | '\r' | '\u{85}'))
        {
            let (line, column) = (index + 1, column + 1);
            return Err(Error::Syntax {
                message: format!(
                    "control character U+{:04X} at line {line} column {column}; a spec is text, remove it",
                    u32::from(c)
                ),
                location: Some((line, column)),
            });
        }
    }
    Ok(())
}

/// Line and column of the second line, from line `from` on, that starts with `key:` (or `"key":`) at
/// the same indentation as the first.
fn second_key_line(text: &str, key: &str, from: usize) -> Option<(usize, usize)> {
    let mut first_indent = None;
    for (index, line) in text.lines().enumerate().skip(from.saturating_sub(1)) {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let is_key = [format!("{key}:"), format!("\"{key}\":")].iter().any(|k| trimmed.starts_with(k.as_str()));
        match (is_key, first_indent) {
            (true, None) => first_indent = Some(indent),
            (true, Some(first)) if first == indent => return Some((index + 1, indent + 1)),
            _ => {}
        }
    }
    None
}

/// Deepest `[`/`{` nesting accepted. Real specs stay far below (Junction's deepest is about 20); the
/// YAML parser stops at 128 levels anyway, but only after a scan whose time grows with the square of
/// the nesting, so hostile input (`[[[[...` 200,000 deep) is refused here, in one linear pass.
const MAX_FLOW_NESTING: usize = 256;

/// Refuses JSON / flow-style YAML nested deeper than [`MAX_FLOW_NESTING`], with its line and column.
/// Brackets inside quoted strings do not count.
fn check_flow_nesting(text: &str) -> Result<(), Error> {
    let (mut depth, mut line, mut column) = (0usize, 1usize, 0usize);
    let mut quote: Option<char> = None;
    let mut escaped = false;
    let mut previous = ' ';
    for c in text.chars() {
        column += 1;
        match (quote, c) {
            (_, '\n') => {
                line += 1;
                column = 0;
            }
            (Some('"'), '\\') if !escaped => {
                escaped = true;
                previous = c;
                continue;
            }
            (Some(q), c) if c == q && !escaped => quote = None,
            (Some(_), _) => {}
            // A quote opens a string only where a scalar can start (not inside `don't`).
            (None, '"' | '\'') if !previous.is_alphanumeric() => quote = Some(c),
            (None, '[' | '{') => {
                depth += 1;
                if depth > MAX_FLOW_NESTING {
                    return Err(Error::Syntax {
                        message: format!(
                            "nesting deeper than {MAX_FLOW_NESTING} levels at line {line} column {column}; \
                             no OpenAPI document needs that many"
                        ),
                        location: Some((line, column)),
                    });
                }
            }
            (None, ']' | '}') => depth = depth.saturating_sub(1),
            _ => {}
        }
        escaped = false;
        previous = c;
    }
    Ok(())
}

/// A YAML value read like `serde_yaml::Value`, except that integers beyond 64 bits (which the YAML
/// parser hands over as 128-bit ones, and `serde_yaml::Value` refuses) become the nearest double, as
/// JSON readers such as JavaScript's treat them: `-9223372036854776000` is -2^63.
struct LenientYaml(serde_yaml::Value);

impl<'de> serde::Deserialize<'de> for LenientYaml {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(LenientVisitor).map(LenientYaml)
    }
}

struct LenientVisitor;

impl<'de> serde::de::Visitor<'de> for LenientVisitor {
    type Value = serde_yaml::Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E>(self, b: bool) -> Result<Self::Value, E> {
        Ok(serde_yaml::Value::Bool(b))
    }

    fn visit_i64<E>(self, i: i64) -> Result<Self::Value, E> {
        Ok(serde_yaml::Value::Number(i.into()))
    }

    fn visit_u64<E>(self, u: u64) -> Result<Self::Value, E> {
        Ok(serde_yaml::Value::Number(u.into()))
    }

    fn visit_i128<E>(self, i: i128) -> Result<Self::Value, E> {
        Ok(serde_yaml::Value::Number((i as f64).into()))
    }

    fn visit_u128<E>(self, u: u128) -> Result<Self::Value, E> {
        Ok(serde_yaml::Value::Number((u as f64).into()))
    }

    fn visit_f64<E>(self, f: f64) -> Result<Self::Value, E> {
        Ok(serde_yaml::Value::Number(f.into()))
    }

    fn visit_str<E>(self, s: &str) -> Result<Self::Value, E> {
        Ok(serde_yaml::Value::String(s.to_owned()))
    }

    fn visit_string<E>(self, s: String) -> Result<Self::Value, E> {
        Ok(serde_yaml::Value::String(s))
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(serde_yaml::Value::Null)
    }

    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(serde_yaml::Value::Null)
    }

    fn visit_some<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(LenientVisitor)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        while let Some(LenientYaml(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(serde_yaml::Value::Sequence(items))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut mapping = serde_yaml::Mapping::new();
        while let Some(LenientYaml(key)) = map.next_key()? {
            if mapping.contains_key(&key) {
                let key = match &key {
                    serde_yaml::Value::String(s) => format!("{s:?}"),
                    other => format!("{other:?}"),
                };
                return Err(serde::de::Error::custom(format_args!("duplicate entry with key {key}")));
            }
            let LenientYaml(value) = map.next_value()?;
            mapping.insert(key, value);
        }
        Ok(serde_yaml::Value::Mapping(mapping))
    }

    fn visit_enum<A: serde::de::EnumAccess<'de>>(self, data: A) -> Result<Self::Value, A::Error> {
        // A tagged node (`!!python/object x`): kept as such, refused with its tag below.
        use serde::de::VariantAccess;
        let (tag, variant): (String, _) = data.variant()?;
        let LenientYaml(value) = variant.newtype_variant()?;
        Ok(serde_yaml::Value::Tagged(Box::new(serde_yaml::value::TaggedValue {
            tag: serde_yaml::value::Tag::new(tag),
            value,
        })))
    }
}

/// Converts a YAML value to JSON, turning scalar keys (`200:`) into strings.
fn yaml_to_json(value: serde_yaml::Value, at: &crate::diagnostic::Pointer) -> Result<Value, Error> {
    use serde_yaml::Value as Y;
    Ok(match value {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(b),
        Y::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::from(i)
            } else if let Some(u) = n.as_u64() {
                Value::from(u)
            } else {
                let f = n.as_f64().unwrap_or(f64::NAN);
                serde_json::Number::from_f64(f).map(Value::Number).ok_or_else(|| Error::InvalidSpec {
                    pointer: at.to_string(),
                    message: format!("number {f} cannot be represented in JSON"),
                })?
            }
        }
        Y::String(s) => Value::String(s),
        Y::Sequence(items) => Value::Array(
            items.into_iter().enumerate().map(|(i, v)| yaml_to_json(v, &at.index(i))).collect::<Result<_, _>>()?,
        ),
        Y::Mapping(map) => {
            let mut out = serde_json::Map::with_capacity(map.len());
            for (key, v) in map {
                let key = match key {
                    Y::String(s) => s,
                    Y::Number(n) => n.to_string(),
                    Y::Bool(b) => b.to_string(),
                    other => {
                        return Err(Error::InvalidSpec {
                            pointer: at.to_string(),
                            message: format!("mapping key {other:?} is not a scalar; use a string key"),
                        })
                    }
                };
                let child = at.push(&key);
                out.insert(key, yaml_to_json(v, &child)?);
            }
            Value::Object(out)
        }
        // A custom tag (`!!python/object`) asks for a type JSON does not have; dropping it would
        // silently change the document's meaning.
        Y::Tagged(tagged) => {
            return Err(Error::InvalidSpec {
                pointer: at.to_string(),
                message: format!(
                    "YAML tag `{}` is not supported; an OpenAPI document is plain JSON-compatible YAML, remove the tag",
                    tagged.tag
                ),
            })
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_yaml_keys_become_strings() {
        let value = read_value("responses:\n  200: {description: ok}\n").unwrap();
        assert!(value["responses"]["200"].is_object());
    }

    #[test]
    fn syntax_errors_carry_line_and_column() {
        let err = read_value("a: [1, 2\nb: 3\n").unwrap_err();
        match err {
            Error::Syntax { location: Some((line, _)), .. } => assert!(line >= 1),
            other => panic!("expected a located syntax error, got {other:?}"),
        }
    }

    #[test]
    fn hostile_nesting_is_refused_quickly_with_its_location() {
        let text = format!("openapi: 3.1.0\nx: {}{}\n", "[".repeat(200_000), "]".repeat(200_000));
        let start = std::time::Instant::now();
        let err = read_value(&text).unwrap_err();
        assert!(matches!(err, Error::Syntax { location: Some((2, 260)), .. }), "{err:?}");
        assert!(start.elapsed() < std::time::Duration::from_secs(5));
        // Brackets inside strings, and apostrophes inside plain scalars, are not nesting.
        let fine = format!("a: \"{}\"\nb: don't [x]\nc: '{}'\n", "[".repeat(300), "{".repeat(300));
        assert!(read_value(&fine).is_ok());
    }

    #[test]
    fn what_json_cannot_hold_is_refused_at_its_pointer_after_the_whole_text_parsed() {
        let err = read_value("a:\n  b: !custom 1\n").unwrap_err();
        assert!(matches!(&err, Error::InvalidSpec { pointer, .. } if pointer == "#/a/b"), "{err:?}");
        let err = read_value("a:\n  ? [1, 2]\n  : x\n").unwrap_err();
        assert!(
            matches!(&err, Error::InvalidSpec { pointer, message } if pointer == "#/a" && message.contains("not a scalar")),
            "{err:?}"
        );
        let err = read_value("a: [.nan]\n").unwrap_err();
        assert!(matches!(&err, Error::InvalidSpec { pointer, .. } if pointer == "#/a/0"), "{err:?}");
        // A syntax error later in the text still comes first.
        let err = read_value("a: !custom 1\nb: [1\n").unwrap_err();
        assert!(matches!(err, Error::Syntax { .. }), "{err:?}");
    }

    #[test]
    fn integers_beyond_64_bits_read_as_the_nearest_double_and_keys_as_yaml() {
        let value = read_value("min: -9223372036854776000\nbig: 18446744073709551616\n").unwrap();
        assert_eq!(value["min"].as_f64(), Some(-9.223372036854776e18));
        assert_eq!(value["big"].as_f64(), Some(1.8446744073709552e19));
        let err = read_value("a: 1\nb: 2\na: 3\n").unwrap_err();
        assert!(err.to_string().contains("duplicate entry with key \"a\""), "{err}");
        // `200` and `"200"` are two YAML keys; as JSON the later one is kept.
        assert_eq!(read_value("200: a\n'200': b\n").unwrap()["200"], "b");
    }

    #[test]
    fn empty_input_is_a_clear_error() {
        let err = read_value("  \n").unwrap_err();
        assert!(err.to_string().contains("empty"), "{err}");
    }
}
