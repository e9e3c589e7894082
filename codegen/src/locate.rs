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
            // An array index is not written as a key: in a YAML block sequence it is the index-th
            // `- ` item; elsewhere (JSON, flow style) stay where we are. Any other missing key ends the
            // search at the deepest key found.
            None => match key.parse::<usize>() {
                Ok(index) => {
                    if let Some(at) = sequence_item(text, position, index) {
                        position = at;
                    }
                }
                Err(_) => break,
            },
        }
    }
    found.then(|| text[..position].matches('\n').count() + 1)
}

/// The byte offset of item `index` of the YAML block sequence that starts on a line after `from`
/// (items are `- ` lines at the indentation of the first one; a line indented less ends the sequence).
fn sequence_item(text: &str, from: usize, index: usize) -> Option<usize> {
    let line_start = text[from..].find('\n').map(|n| from + n + 1)?;
    let mut indent = None;
    let mut seen = 0;
    let mut offset = line_start;
    for line in text[line_start..].split_inclusive('\n') {
        let trimmed = line.trim_start_matches(' ');
        let this_indent = line.len() - trimmed.len();
        let blank = trimmed.trim().is_empty() || trimmed.starts_with('#');
        if !blank {
            let is_item = trimmed.starts_with("- ") || trimmed.trim_end() == "-";
            match indent {
                None if is_item => indent = Some(this_indent),
                None => return None,
                Some(i) if this_indent < i => return None,
                _ => {}
            }
            if is_item && Some(this_indent) == indent {
                if seen == index {
                    return Some(offset + this_indent);
                }
                seen += 1;
            }
        }
        offset += line.len();
    }
    None
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
    fn block_sequence_items_are_counted() {
        let overlay =
            "actions:\n  - target: $.a\n    remove: true\n\n  - target: $.b\n    update:\n      - x\n  - target: $.c\n";
        assert_eq!(line_of(overlay, "#/actions/0/target"), Some(2));
        assert_eq!(line_of(overlay, "#/actions/1/target"), Some(5));
        assert_eq!(line_of(overlay, "#/actions/2/target"), Some(8));
        assert_eq!(line_of(overlay, "#/actions/2"), Some(8));
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
