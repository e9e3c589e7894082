//! Where a JSON pointer is written in the spec's text, so that diagnostics can say `file:line`.
//!
//! The spec is parsed into a plain value (no spans), so the line is found again in the text: each key
//! of the pointer is searched for after the previous one, as a YAML mapping key (`key:` at the start of
//! a line, possibly after `- `, quoted or not) or a JSON member name (`"key":`). Array indices keep the
//! position. This finds the first occurrence in document order, which is the right one for the
//! block-style YAML and pretty-printed JSON specs are written in; for minified JSON the line is 1.

/// The 1-based line of the deepest key of `pointer` (`#/paths/~1a/get`) found in `text`, or `None`
/// when not even the first key is found.
pub fn line_of(text: &str, pointer: &str) -> Option<usize> {
    let mut position = 0;
    let mut found = false;
    for segment in pointer.trim_start_matches('#').split('/').skip(1) {
        let key = segment.replace("~1", "/").replace("~0", "~");
        match found_key_after(text, position, &key) {
            Some(at) => {
                position = at;
                found = true;
            }
            // An array index is not written as a key: stay where we are. Any other missing key ends
            // the search at the deepest key found.
            None if key.parse::<usize>().is_ok() => {}
            None => break,
        }
    }
    found.then(|| text[..position].matches('\n').count() + 1)
}

/// The byte offset of the first place after `from` where `key` is written as a mapping key.
fn found_key_after(text: &str, from: usize, key: &str) -> Option<usize> {
    let forms = [format!("\"{key}\":"), format!("\"{key}\" :"), format!("'{key}':"), format!("{key}:")];
    let mut best: Option<usize> = None;
    for form in &forms {
        let mut start = from;
        while let Some(offset) = text[start..].find(form.as_str()) {
            let at = start + offset;
            if is_key_position(text, at, form.starts_with(['"', '\''])) {
                best = Some(best.map_or(at, |b: usize| b.min(at)));
                break;
            }
            start = at + form.len();
        }
    }
    best
}

/// Whether a match at `at` is a key: a quoted key anywhere a JSON member can start; a plain key only at
/// the start of a YAML line (after indentation, `- ` or `{`/`,` in flow style).
fn is_key_position(text: &str, at: usize, quoted: bool) -> bool {
    let before = text[..at].trim_end_matches([' ', '\t']);
    let previous = before.chars().last();
    match previous {
        None => true,
        Some('\n' | '{' | ',') => true,
        Some('-') => {
            quoted || before[..before.len() - 1].trim_end_matches([' ', '\t']).ends_with('\n') || before.len() == 1
        }
        Some(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const YAML: &str = "openapi: 3.1.0\npaths:\n  /a/b:\n    get:\n      parameters:\n        - name: x\n          schema: {type: string}\ncomponents:\n  schemas:\n    A:\n      properties:\n        b: {$ref: '#/components/schemas/Missing'}\n";

    #[test]
    fn yaml_keys_are_found_in_order() {
        assert_eq!(line_of(YAML, "#/components/schemas/A/properties/b"), Some(12));
        assert_eq!(line_of(YAML, "#/paths/~1a~1b/get"), Some(4));
        assert_eq!(line_of(YAML, "#/paths/~1a~1b/get/parameters/0/schema"), Some(7));
    }

    #[test]
    fn json_member_names_are_found() {
        let json = "{\n  \"paths\": {\n    \"/a\": {\n      \"get\": {}\n    }\n  }\n}\n";
        assert_eq!(line_of(json, "#/paths/~1a/get"), Some(4));
    }

    #[test]
    fn a_pointer_whose_first_key_is_absent_has_no_line() {
        assert_eq!(line_of(YAML, "#/webhooks/x"), None);
        // A deeper key that is absent: the deepest one found.
        assert_eq!(line_of(YAML, "#/components/schemas/A/nothing"), Some(10));
    }
}
