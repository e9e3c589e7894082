//! OpenAPI Overlay 1.0.0: ordered corrections to a spec one does not own, applied to the raw document
//! before the 3.1 lowering.
//!
//! Each action selects nodes with an RFC 9535 JSONPath `target` (evaluated by `serde_json_path`) and
//! either removes them (`remove: true`) or merges `update` into them: into an object recursively (an
//! update member replaces a non-object member of the same name), and onto an array by appending.
//! Actions run in order, each on the result of the ones before. A malformed overlay or an action that
//! cannot apply is an [`Error::Overlay`] naming the overlay and the action's pointer; an action whose
//! target matches nothing is a warning, since it usually means the spec changed under it.
//!
//! Filter functions `length`, `count` and `value` are available; `match` and `search` are not (they
//! need a regex engine every build script would compile).

use crate::diagnostic::{Diagnostic, DiagnosticKind, Pointer};
use crate::Error;
use serde_json::{Map, Value};
use serde_json_path::JsonPath;

/// An overlay document, kept as text so that findings can be located in it.
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct Overlay {
    /// How messages name it: the path it was read from, or `overlay N`.
    pub name: String,
    /// Its YAML or JSON text.
    pub text: String,
}

/// One parsed action.
struct Action {
    /// `#/actions/i`, in the overlay document.
    pointer: Pointer,
    target_text: String,
    target: JsonPath,
    description: Option<String>,
    update: Option<Value>,
    remove: bool,
}

impl Action {
    /// How messages name the action: its index, and its description when it has one.
    fn label(&self) -> String {
        let index = self.pointer.as_str().rsplit('/').next().unwrap_or_default();
        match &self.description {
            Some(description) => format!("action {index} ({})", first_line(description)),
            None => format!("action {index}"),
        }
    }
}

fn first_line(text: &str) -> &str {
    let line = text.trim().lines().next().unwrap_or_default();
    match line.char_indices().nth(80) {
        Some((at, _)) => &line[..at],
        None => line,
    }
}

/// Applies `overlay` to `document`, returning its warnings (located in the overlay, named by it).
pub fn apply(document: &mut Value, overlay: &Overlay) -> Result<Vec<Diagnostic>, Error> {
    let fail = |pointer: &Pointer, message: String| Error::Overlay {
        overlay: overlay.name.clone(),
        pointer: pointer.to_string(),
        message,
    };
    let value = super::read_value(&overlay.text).map_err(|e| match e {
        // The parser's message says the line and column, in the overlay.
        Error::Syntax { message, .. } => fail(&Pointer::root(), format!("not valid YAML/JSON: {message}")),
        other => other,
    })?;
    let actions = parse_actions(&value).map_err(|(pointer, message)| fail(&pointer, message))?;
    let mut diagnostics = Vec::new();
    if let Some(extends) = value.get("extends").and_then(Value::as_str) {
        diagnostics.push(
            Diagnostic::warning(
                DiagnosticKind::Unsupported,
                Pointer::root().push("extends").to_string(),
                format!(
                    "overlay {}: `extends: {extends}` is not followed; the overlay applies to the spec it is given",
                    overlay.name
                ),
            )
            .in_file(&overlay.name),
        );
    }
    for action in &actions {
        // `dedup`: a descendant query can select one node twice, which must not append twice.
        let located = action.target.query_located(document).dedup();
        let mut paths: Vec<_> = located.locations().collect();
        if action.remove {
            // Later nodes first (paths compare by member name and numeric index, in document order),
            // so that removing an array item does not shift the ones still to go.
            paths.sort_by(|a, b| b.partial_cmp(a).unwrap_or(std::cmp::Ordering::Equal));
        }
        let targets: Vec<String> = paths.iter().map(|path| path.to_json_pointer()).collect();
        if targets.is_empty() {
            diagnostics.push(
                Diagnostic::warning(
                    DiagnosticKind::UnmatchedOverlayAction,
                    action.pointer.push("target").to_string(),
                    format!(
                        "{} of overlay {}: target `{}` matches nothing in the spec, so the action did nothing; \
                         correct the target, or delete the action if the spec no longer needs it",
                        action.label(),
                        overlay.name,
                        action.target_text
                    ),
                )
                .in_file(&overlay.name),
            );
            continue;
        }
        if action.remove {
            for target in &targets {
                remove(document, target).map_err(|message| {
                    fail(&action.pointer, format!("{} cannot remove `{target}`: {message}", action.label()))
                })?;
            }
        } else if let Some(update) = &action.update {
            for target in &targets {
                let Some(node) = document.pointer_mut(target) else { continue };
                match (node, update) {
                    (Value::Object(node), Value::Object(update)) => merge(node, update),
                    (Value::Array(items), update) => items.push(update.clone()),
                    (Value::Object(_), _) => {
                        return Err(fail(
                            &action.pointer.push("update"),
                            format!(
                                "{} selects the object `{target}`, so `update` must be an object of members to merge",
                                action.label()
                            ),
                        ))
                    }
                    (other, _) => {
                        return Err(fail(
                            &action.pointer.push("target"),
                            format!(
                            "{} selects `{target}`, which is {} and cannot be updated; target the object that holds it",
                            action.label(),
                            kind(other)
                        ),
                        ))
                    }
                }
            }
        }
    }
    Ok(diagnostics)
}

/// Reads and checks the overlay document's shape (Overlay 1.0.0: `overlay`, `info`, `actions`).
fn parse_actions(value: &Value) -> Result<Vec<Action>, (Pointer, String)> {
    let root = Pointer::root();
    let Some(document) = value.as_object() else {
        return Err((root, String::from("an overlay is a mapping with `overlay`, `info` and `actions`")));
    };
    match document.get("overlay") {
        Some(Value::String(version)) if version.starts_with("1.0.") => {}
        Some(Value::String(version)) => {
            return Err((root.push("overlay"), format!("overlay version `{version}` is not supported; write `1.0.0`")))
        }
        _ => {
            return Err((
                root.push("overlay"),
                String::from("`overlay: 1.0.0` is required (this document is not an OpenAPI Overlay)"),
            ))
        }
    }
    let info = document.get("info").and_then(Value::as_object);
    for field in ["title", "version"] {
        if !info.and_then(|info| info.get(field)).is_some_and(Value::is_string) {
            return Err((root.push("info"), format!("`info.{field}` is required and must be a string")));
        }
    }
    check_members(document, &["overlay", "info", "extends", "actions"], &root)?;
    let actions_at = root.push("actions");
    let actions = match document.get("actions") {
        Some(Value::Array(actions)) if !actions.is_empty() => actions,
        _ => return Err((actions_at, String::from("`actions` is required: a non-empty list of actions"))),
    };
    let mut parsed = Vec::with_capacity(actions.len());
    for (index, action) in actions.iter().enumerate() {
        let at = actions_at.index(index);
        let Some(action) = action.as_object() else {
            return Err((at, String::from("an action is a mapping with `target` and `update` or `remove`")));
        };
        check_members(action, &["target", "description", "update", "remove"], &at)?;
        let Some(Value::String(target_text)) = action.get("target") else {
            return Err((at.push("target"), String::from("`target` is required: a JSONPath such as `$.paths`")));
        };
        let target = JsonPath::parse(target_text)
            .map_err(|e| (at.push("target"), format!("target `{target_text}` is not an RFC 9535 JSONPath: {e}")))?;
        let description = match action.get("description") {
            None => None,
            Some(Value::String(text)) => Some(text.clone()),
            Some(_) => return Err((at.push("description"), String::from("`description` must be a string"))),
        };
        let remove = match action.get("remove") {
            None => false,
            Some(Value::Bool(remove)) => *remove,
            Some(_) => return Err((at.push("remove"), String::from("`remove` must be `true` or `false`"))),
        };
        let update = action.get("update").cloned();
        if !remove && update.is_none() {
            return Err((at, String::from("the action has neither `update` nor `remove: true`, so it does nothing")));
        }
        parsed.push(Action { pointer: at, target_text: target_text.clone(), target, description, update, remove });
    }
    Ok(parsed)
}

/// Refuses members the Overlay specification does not define (extensions, `x-…`, are allowed).
fn check_members(object: &Map<String, Value>, known: &[&str], at: &Pointer) -> Result<(), (Pointer, String)> {
    match object.keys().find(|key| !known.contains(&key.as_str()) && !key.starts_with("x-")) {
        Some(key) => Err((
            at.push(key),
            format!("`{key}` is not an Overlay 1.0.0 field here (expected one of {})", known.join(", ")),
        )),
        None => Ok(()),
    }
}

/// Merges `update` into `node`: objects member by member, recursively; anything else replaces.
fn merge(node: &mut Map<String, Value>, update: &Map<String, Value>) {
    for (key, value) in update {
        match (node.get_mut(key), value) {
            (Some(Value::Object(existing)), Value::Object(update)) => merge(existing, update),
            _ => {
                node.insert(key.clone(), value.clone());
            }
        }
    }
}

/// Removes the node at a JSON pointer from the object or array holding it.
fn remove(document: &mut Value, pointer: &str) -> Result<(), String> {
    let Some((parent, last)) = pointer.rsplit_once('/') else {
        return Err(String::from("the whole document cannot be removed"));
    };
    let key = last.replace("~1", "/").replace("~0", "~");
    match document.pointer_mut(parent) {
        Some(Value::Object(map)) => {
            map.shift_remove(&key);
            Ok(())
        }
        Some(Value::Array(items)) => match key.parse::<usize>() {
            Ok(index) if index < items.len() => {
                items.remove(index);
                Ok(())
            }
            _ => Err(String::from("the array item is gone")),
        },
        _ => Err(String::from("its parent is gone (an earlier removal in this action took it)")),
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn overlay(actions: &str) -> Overlay {
        Overlay {
            name: String::from("test.yaml"),
            text: format!("overlay: 1.0.0\ninfo: {{title: t, version: '1'}}\nactions:\n{actions}"),
        }
    }

    fn spec() -> Value {
        json!({
            "components": {"schemas": {
                "A": {"properties": {"client_user_id": {"type": "string", "format": "uuid"}, "n": {"type": "integer"}}},
                "B": {"properties": {"client_user_id": {"type": "string"}}, "required": ["x", "y", "z"]}
            }}
        })
    }

    #[test]
    fn remove_takes_every_match_and_update_merges_recursively() {
        let mut document = spec();
        let warnings = apply(
            &mut document,
            &overlay(
                "  - target: $.components.schemas.*.properties.client_user_id.format\n    remove: true\n\
                 \x20 - target: $.components.schemas.A\n    update: {properties: {n: {minimum: 0}}, x-note: fixed}\n\
                 \x20 - target: $.components.schemas.B.required\n    update: w\n",
            ),
        )
        .unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(document["components"]["schemas"]["A"]["properties"]["client_user_id"], json!({"type": "string"}));
        assert_eq!(document["components"]["schemas"]["A"]["properties"]["n"], json!({"type": "integer", "minimum": 0}));
        assert_eq!(document["components"]["schemas"]["A"]["x-note"], json!("fixed"));
        assert_eq!(document["components"]["schemas"]["B"]["required"], json!(["x", "y", "z", "w"]));
    }

    #[test]
    fn removing_several_array_items_removes_the_right_ones() {
        let mut document = spec();
        apply(&mut document, &overlay("  - target: $.components.schemas.B.required[?@ != 'y']\n    remove: true\n"))
            .unwrap();
        assert_eq!(document["components"]["schemas"]["B"]["required"], json!(["y"]));
        // Indices order as numbers (10 after 9), whatever order the target lists them in.
        let mut list = json!({"items": (0..12).collect::<Vec<_>>()});
        apply(&mut list, &overlay("  - target: '$.items[9,10,2]'\n    remove: true\n")).unwrap();
        assert_eq!(list["items"], json!([0, 1, 3, 4, 5, 6, 7, 8, 11]));
    }

    #[test]
    fn a_target_matching_nothing_is_a_warning_naming_the_action() {
        let mut document = spec();
        let warnings = apply(
            &mut document,
            &overlay("  - target: $.components.schemas.Gone\n    description: Gone is wrong\n    remove: true\n"),
        )
        .unwrap();
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].pointer, "#/actions/0/target");
        assert_eq!(warnings[0].kind, DiagnosticKind::UnmatchedOverlayAction);
        assert_eq!(warnings[0].file.as_deref(), Some("test.yaml"));
        assert!(warnings[0].message.contains("action 0 (Gone is wrong)"), "{}", warnings[0].message);
        assert_eq!(document, spec());
    }

    #[test]
    fn malformed_overlays_are_errors_with_a_pointer() {
        let cases = [
            ("  - target: components\n    remove: true\n", "#/actions/0/target", "not an RFC 9535 JSONPath"),
            ("  - target: $.components\n", "#/actions/0", "neither `update` nor `remove"),
            ("  - target: $.components\n    remove: yes please\n", "#/actions/0/remove", "`true` or `false`"),
            ("  - target: $.components\n    replace: {}\n", "#/actions/0/replace", "not an Overlay 1.0.0 field"),
            ("  - target: $.components.schemas.A\n    update: [1]\n", "#/actions/0/update", "must be an object"),
            ("  - target: $..format\n    update: {a: 1}\n", "#/actions/0/target", "is a string and cannot be updated"),
            ("  - target: $\n    remove: true\n", "#/actions/0", "whole document"),
        ];
        for (actions, pointer, message) in cases {
            match apply(&mut spec(), &overlay(actions)) {
                Err(Error::Overlay { overlay, pointer: at, message: text }) => {
                    assert_eq!(overlay, "test.yaml");
                    assert_eq!(at, pointer, "{text}");
                    assert!(text.contains(message), "{text}");
                }
                other => panic!("{actions}: expected an overlay error, got {other:?}"),
            }
        }
        let not_an_overlay = Overlay { name: String::from("o.yaml"), text: String::from("openapi: 3.1.0\n") };
        let err = apply(&mut spec(), &not_an_overlay).unwrap_err();
        assert!(err.to_string().contains("`overlay: 1.0.0` is required"), "{err}");
        let extends = Overlay {
            name: String::from("o.yaml"),
            text: String::from(
                "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nextends: other.yaml\nactions:\n  - {target: $.components, update: {}}\n",
            ),
        };
        let warnings = apply(&mut spec(), &extends).unwrap();
        assert_eq!((warnings[0].pointer.as_str(), warnings[0].kind), ("#/extends", DiagnosticKind::Unsupported));
        let future = Overlay { name: String::from("o.yaml"), text: String::from("overlay: 2.0.0\n") };
        assert!(apply(&mut spec(), &future).unwrap_err().to_string().contains("not supported"));
    }
}
