//! Lowers an OpenAPI 3.1 document to the 3.0 form that `openapiv3` reads, on the raw JSON value.
//!
//! Every schema position is visited. Each 3.1 construct is rewritten into the 3.0 construct with the same
//! meaning, or into an `x-codegen-*` marker the IR reads back; whatever cannot be carried is reported as
//! a [`Diagnostic`] with its JSON pointer, never dropped silently. 3.0 documents pass through (their
//! `nullable: true` is already the target form).

use super::extras::{CONST_MARKER, EXAMPLES_MARKER, PREFIX_ITEMS_MARKER, PROPERTY_NAMES_MARKER, UNION_IN_ORDER_MARKER};
use crate::diagnostic::{Diagnostic, DiagnosticKind, Pointer};
use crate::Error;
use serde_json::{Map, Value};

/// Schema keywords that `openapiv3` models and the generator honours or may safely ignore.
const CARRIED_KEYWORDS: &[&str] = &[
    "$ref",
    "additionalProperties",
    "allOf",
    "anyOf",
    "default",
    "deprecated",
    "description",
    "discriminator",
    "enum",
    "example",
    "exclusiveMaximum",
    "exclusiveMinimum",
    "externalDocs",
    "format",
    "items",
    "maxItems",
    "maxLength",
    "maxProperties",
    "maximum",
    "minItems",
    "minLength",
    "minProperties",
    "minimum",
    "multipleOf",
    "not",
    "nullable",
    "oneOf",
    "pattern",
    "properties",
    "readOnly",
    "required",
    "title",
    "type",
    "uniqueItems",
    "writeOnly",
    "xml",
];

/// Keywords that only annotate a schema for tooling and change nothing about the data.
const HARMLESS_KEYWORDS: &[&str] = &["$comment", "$id", "$schema"];

/// Sibling keywords of a `$ref` that keep their meaning when the reference is wrapped in `allOf`.
const REF_SIBLINGS: &[&str] =
    &["default", "deprecated", "description", "example", "nullable", "readOnly", "title", "writeOnly"];

const HTTP_METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/// Lowers `doc` in place and returns what could not be carried.
pub fn lower_document(doc: &mut Value) -> Result<Vec<Diagnostic>, Error> {
    let root = Pointer::root();
    let Some(map) = doc.as_object_mut() else {
        return Err(Error::InvalidSpec {
            pointer: root.to_string(),
            message: String::from("the document is not a mapping; expected `openapi: 3.x` at the top"),
        });
    };
    let version = match map.get("openapi") {
        Some(Value::String(v)) => v.clone(),
        Some(other) => {
            return Err(Error::InvalidSpec {
                pointer: root.push("openapi").to_string(),
                message: format!("`openapi` must be a version string such as \"3.1.0\", found {other}"),
            })
        }
        None if map.contains_key("swagger") => {
            return Err(Error::InvalidSpec {
                pointer: root.push("swagger").to_string(),
                message: String::from("Swagger 2.0 is not supported; convert the document to OpenAPI 3 first"),
            })
        }
        None => {
            return Err(Error::InvalidSpec {
                pointer: root.to_string(),
                message: String::from("missing `openapi` version field; is this an OpenAPI document?"),
            })
        }
    };
    if !(version.starts_with("3.0") || version.starts_with("3.1")) {
        return Err(Error::InvalidSpec {
            pointer: root.push("openapi").to_string(),
            message: format!("OpenAPI version {version} is not supported; expected 3.0.x or 3.1.x"),
        });
    }

    let mut lowering = Lowering::default();
    lowering.security(map, &root);
    // 3.1 makes `paths` optional; openapiv3 requires it.
    map.entry("paths").or_insert_with(|| Value::Object(Map::new()));
    if let Some(paths) = map.get_mut("paths").and_then(Value::as_object_mut) {
        let at = root.push("paths");
        for (path, item) in paths.iter_mut() {
            lowering.path_item(item, &at.push(path));
        }
    }
    if let Some(webhooks) = map.get_mut("webhooks").and_then(Value::as_object_mut) {
        let at = root.push("webhooks");
        for (name, item) in webhooks.iter_mut() {
            lowering.path_item(item, &at.push(name));
        }
    }
    if let Some(components) = map.get_mut("components").and_then(Value::as_object_mut) {
        lowering.components(components, &root.push("components"));
    }
    if let Some(dialect) = map.get("jsonSchemaDialect").and_then(Value::as_str) {
        if dialect != "https://spec.openapis.org/oas/3.1/dialect/base" {
            lowering.report(
                DiagnosticKind::Unsupported,
                &root.push("jsonSchemaDialect"),
                format!("schema dialect `{dialect}` is not supported; schemas are read as OAS 3.1 base"),
            );
        }
    }
    match lowering.fatal {
        Some(error) => Err(error),
        None => Ok(lowering.diagnostics),
    }
}

#[derive(Default)]
struct Lowering {
    diagnostics: Vec<Diagnostic>,
    /// The first error found on the way that `openapiv3` would report less precisely.
    fatal: Option<Error>,
}

impl Lowering {
    fn report(&mut self, kind: DiagnosticKind, at: &Pointer, message: impl Into<String>) {
        self.diagnostics.push(Diagnostic::warning(kind, at.to_string(), message));
    }

    /// JSON Schema lets `enum` stand without `type`; `openapiv3` then cannot tell a string enum from any
    /// value. When every value is a string (or every one an integer), the type is that; a mix has no
    /// Rust enum and is reported.
    fn untyped_enum(&mut self, map: &mut Map<String, Value>, at: &Pointer) {
        if map.contains_key("type") {
            return;
        }
        let Some(Value::Array(values)) = map.get("enum") else { return };
        let inferred = if !values.is_empty() && values.iter().all(Value::is_string) {
            "string"
        } else if !values.is_empty() && values.iter().all(|v| v.is_i64() || v.is_u64()) {
            "integer"
        } else {
            self.report(
                DiagnosticKind::Reinterpreted,
                &at.push("enum"),
                "enum values of different JSON types have no Rust enum; the schema is read as any JSON value",
            );
            return;
        };
        map.insert(String::from("type"), Value::String(inferred.to_owned()));
    }

    fn components(&mut self, components: &mut Map<String, Value>, at: &Pointer) {
        if let Some(schemas) = components.get_mut("schemas").and_then(Value::as_object_mut) {
            let at = at.push("schemas");
            for (name, schema) in schemas.iter_mut() {
                self.schema(schema, &at.push(name));
            }
        }
        for (kind, visit) in [
            ("parameters", Self::parameter as fn(&mut Self, &mut Value, &Pointer)),
            ("responses", Self::response),
            ("requestBodies", Self::content_holder),
            ("headers", Self::parameter),
        ] {
            if let Some(entries) = components.get_mut(kind).and_then(Value::as_object_mut) {
                let at = at.push(kind);
                for (name, entry) in entries.iter_mut() {
                    visit(self, entry, &at.push(name));
                }
            }
        }
        if let Some(items) = components.get_mut("pathItems").and_then(Value::as_object_mut) {
            let at = at.push("pathItems");
            for (name, item) in items.iter_mut() {
                self.path_item(item, &at.push(name));
            }
            self.report(
                DiagnosticKind::Unsupported,
                &at,
                "`components/pathItems` are not referenced by the generator; ignored",
            );
        }
    }

    fn path_item(&mut self, item: &mut Value, at: &Pointer) {
        let Some(item) = item.as_object_mut() else { return };
        if item.contains_key("$ref") {
            self.report(DiagnosticKind::Unsupported, at, "path item `$ref` is not supported; this path is ignored");
        }
        if let Some(params) = item.get_mut("parameters").and_then(Value::as_array_mut) {
            let at = at.push("parameters");
            for (i, param) in params.iter_mut().enumerate() {
                self.parameter(param, &at.index(i));
            }
        }
        for method in HTTP_METHODS {
            if let Some(op) = item.get_mut(*method).and_then(Value::as_object_mut) {
                self.operation(op, &at.push(method));
            }
        }
    }

    /// A single requirement object where a list belongs (seen in Junction 0.2.86) keeps its meaning as a
    /// one-item list.
    fn security(&mut self, holder: &mut Map<String, Value>, at: &Pointer) {
        if let Some(security) = holder.get_mut("security") {
            if security.is_object() {
                *security = Value::Array(vec![security.take()]);
                self.report(
                    DiagnosticKind::Reinterpreted,
                    &at.push("security"),
                    "`security` must be a list of requirement objects; this single object is read as a one-item list",
                );
            }
        }
    }

    fn operation(&mut self, op: &mut Map<String, Value>, at: &Pointer) {
        self.security(op, at);
        if let Some(params) = op.get_mut("parameters").and_then(Value::as_array_mut) {
            let at = at.push("parameters");
            for (i, param) in params.iter_mut().enumerate() {
                self.parameter(param, &at.index(i));
            }
        }
        if let Some(body) = op.get_mut("requestBody") {
            self.content_holder(body, &at.push("requestBody"));
        }
        if let Some(responses) = op.get_mut("responses").and_then(Value::as_object_mut) {
            let at = at.push("responses");
            for (status, response) in responses.iter_mut() {
                if !is_status_key(status) {
                    self.report(
                        DiagnosticKind::InvalidValue,
                        &at.push(status),
                        format!(
                            "`{status}` is not a status code (100-599, 1XX-5XX or `default`); this response is ignored"
                        ),
                    );
                }
                self.response(response, &at.push(status));
            }
        }
        if op.contains_key("callbacks") {
            self.report(DiagnosticKind::Unsupported, &at.push("callbacks"), "callbacks are not generated; ignored");
        }
    }

    /// A parameter or header object: its `schema` is a schema position.
    fn parameter(&mut self, param: &mut Value, at: &Pointer) {
        if self.reference_object(param, at) {
            return;
        }
        // `openapiv3` reads parameters by their `in`, and an unknown one fails at the list, not here.
        if let Some(location) = param.get("in").and_then(Value::as_str) {
            if !matches!(location, "query" | "header" | "path" | "cookie") && self.fatal.is_none() {
                self.fatal = Some(Error::InvalidSpec {
                    pointer: at.push("in").to_string(),
                    message: format!(
                        "`in: {location}` is not a parameter location (query, header, path or cookie); a body \
                         belongs in `requestBody`"
                    ),
                });
            }
        }
        if let Some(schema) = param.get_mut("schema") {
            self.schema(schema, &at.push("schema"));
        }
        if let Some(content) = param.get_mut("content") {
            self.content(content, &at.push("content"));
        }
    }

    fn response(&mut self, response: &mut Value, at: &Pointer) {
        if self.reference_object(response, at) {
            return;
        }
        self.content_holder(response, at);
        if let Some(headers) = response.get_mut("headers").and_then(Value::as_object_mut) {
            let at = at.push("headers");
            for (name, header) in headers.iter_mut() {
                self.parameter(header, &at.push(name));
            }
        }
    }

    /// A request body or response: its `content` map holds schemas.
    fn content_holder(&mut self, holder: &mut Value, at: &Pointer) {
        if self.reference_object(holder, at) {
            return;
        }
        if let Some(content) = holder.get_mut("content") {
            self.content(content, &at.push("content"));
        }
    }

    fn content(&mut self, content: &mut Value, at: &Pointer) {
        let Some(content) = content.as_object_mut() else { return };
        for (media_type, media) in content.iter_mut() {
            if let Some(schema) = media.get_mut("schema") {
                self.schema(schema, &at.push(media_type).push("schema"));
            }
        }
    }

    /// A `$ref` in a non-schema position. 3.1 allows `summary`/`description` beside it, which only
    /// annotate; anything else is reported. Returns whether the object is a reference.
    fn reference_object(&mut self, value: &mut Value, at: &Pointer) -> bool {
        let Some(map) = value.as_object_mut() else { return false };
        if !map.contains_key("$ref") {
            return false;
        }
        let extra: Vec<String> =
            map.keys().filter(|k| !matches!(k.as_str(), "$ref" | "summary" | "description")).cloned().collect();
        for key in extra {
            map.remove(&key);
            self.report(DiagnosticKind::IgnoredKeyword, &at.push(&key), format!("`{key}` beside a `$ref` is ignored"));
        }
        true
    }

    /// Lowers one schema and, recursively, every schema inside it.
    fn schema(&mut self, schema: &mut Value, at: &Pointer) {
        // 3.1 allows boolean schemas: `true` accepts anything, `false` nothing.
        if let Value::Bool(accepts) = *schema {
            *schema = if accepts {
                Value::Object(Map::new())
            } else {
                self.report(
                    DiagnosticKind::Reinterpreted,
                    at,
                    "the `false` schema (accepts nothing) is read as `not: {}`",
                );
                serde_json::json!({ "not": {} })
            };
            return;
        }
        let Some(map) = schema.as_object_mut() else {
            self.report(
                DiagnosticKind::InvalidValue,
                at,
                "a schema must be a mapping; this one is read as \"any value\"",
            );
            *schema = Value::Object(Map::new());
            return;
        };

        self.children(map, at);
        self.ref_siblings(map, at);
        self.type_array(map, at);
        self.null_members(map, "anyOf");
        self.null_members(map, "oneOf");
        self.constant(map, at);
        self.untyped_enum(map, at);
        exclusive_bound(map, "exclusiveMinimum", "minimum", f64::max);
        exclusive_bound(map, "exclusiveMaximum", "maximum", f64::min);
        self.integer_bounds(map, at);
        self.examples(map, at);
        self.union_mode(map, at);
        self.unknown_keywords(map, at);
    }

    /// Recurses into every subschema position before the parent is rewritten.
    fn children(&mut self, map: &mut Map<String, Value>, at: &Pointer) {
        // 2020-12 keywords openapiv3 does not model travel under markers the IR reads back.
        if let Some(mut names) = map.remove("propertyNames") {
            self.schema(&mut names, &at.push("propertyNames"));
            map.insert(PROPERTY_NAMES_MARKER.to_owned(), names);
        }
        match map.remove("prefixItems") {
            Some(Value::Array(mut items)) => {
                let items_at = at.push("prefixItems");
                for (i, item) in items.iter_mut().enumerate() {
                    self.schema(item, &items_at.index(i));
                }
                if map.get("items").is_some_and(|extra| extra != &Value::Bool(false)) {
                    self.report(
                        DiagnosticKind::Unsupported,
                        &at.push("items"),
                        "items after a `prefixItems` tuple are not generated; they are ignored",
                    );
                }
                map.remove("items");
                map.insert(PREFIX_ITEMS_MARKER.to_owned(), Value::Array(items));
            }
            Some(_) => self.report(
                DiagnosticKind::InvalidValue,
                &at.push("prefixItems"),
                "`prefixItems` must be a list of schemas; ignored",
            ),
            None => {}
        }
        if let Some(props) = map.get_mut("properties").and_then(Value::as_object_mut) {
            let at = at.push("properties");
            for (name, prop) in props.iter_mut() {
                self.schema(prop, &at.push(name));
            }
        }
        for key in ["items", "additionalProperties", "not"] {
            match map.get_mut(key) {
                // `additionalProperties: true/false` is valid 3.0 and stays as it is.
                Some(Value::Bool(_)) if key == "additionalProperties" => {}
                Some(Value::Array(_)) if key == "items" => {
                    self.report(
                        DiagnosticKind::Unsupported,
                        &at.push(key),
                        "array-form `items` (a tuple) is not supported; ignored",
                    );
                    map.remove(key);
                }
                Some(child) => self.schema(child, &at.push(key)),
                None => {}
            }
        }
        for key in ["allOf", "anyOf", "oneOf"] {
            if let Some(members) = map.get_mut(key).and_then(Value::as_array_mut) {
                let at = at.push(key);
                for (i, member) in members.iter_mut().enumerate() {
                    self.schema(member, &at.index(i));
                }
            }
        }
    }

    /// `{$ref: X, description: ...}` → `{allOf: [{$ref: X}], description: ...}`: 3.0 ignores `$ref`
    /// siblings, `allOf` with one member keeps them.
    fn ref_siblings(&mut self, map: &mut Map<String, Value>, at: &Pointer) {
        let Some(reference) = map.get("$ref").cloned() else { return };
        if map.len() == 1 {
            return;
        }
        map.remove("$ref");
        let keys: Vec<String> = map.keys().cloned().collect();
        for key in keys {
            if !(REF_SIBLINGS.contains(&key.as_str()) || key.starts_with("x-")) {
                map.remove(&key);
                self.report(
                    DiagnosticKind::IgnoredKeyword,
                    &at.push(&key),
                    format!("`{key}` beside a `$ref` is not carried; the referenced schema is used as it is"),
                );
            }
        }
        if map.is_empty() {
            map.insert(String::from("$ref"), reference);
        } else {
            map.insert(String::from("allOf"), serde_json::json!([{ "$ref": reference }]));
        }
    }

    /// `type: [T, "null"]` → `type: T, nullable: true`; several non-null types → `anyOf` of each.
    fn type_array(&mut self, map: &mut Map<String, Value>, at: &Pointer) {
        let types = match map.get("type") {
            Some(Value::Array(types)) => types.clone(),
            Some(Value::String(t)) if t == "null" => {
                map.remove("type");
                map.insert(String::from("nullable"), Value::Bool(true));
                map.insert(String::from("x-codegen-null"), Value::Bool(true));
                return;
            }
            _ => return,
        };
        let mut non_null: Vec<Value> = types.iter().filter(|t| t.as_str() != Some("null")).cloned().collect();
        if non_null.len() < types.len() {
            map.insert(String::from("nullable"), Value::Bool(true));
        }
        match non_null.len() {
            0 => {
                map.remove("type");
                map.insert(String::from("x-codegen-null"), Value::Bool(true));
            }
            1 => {
                map.insert(String::from("type"), non_null.remove(0));
            }
            _ => {
                map.remove("type");
                let members: Vec<Value> = non_null.into_iter().map(|t| serde_json::json!({ "type": t })).collect();
                self.report(
                    DiagnosticKind::Reinterpreted,
                    &at.push("type"),
                    "a multi-type `type` array is read as `anyOf` of the bare types; keywords of each type are not split",
                );
                map.insert(String::from("anyOf"), Value::Array(members));
            }
        }
    }

    /// `anyOf/oneOf: [X, {type: null}]` → X (inline, or `allOf: [$ref]`) with `nullable: true`.
    fn null_members(&mut self, map: &mut Map<String, Value>, key: &str) {
        let Some(Value::Array(members)) = map.get(key) else { return };
        let (nulls, mut rest): (Vec<Value>, Vec<Value>) = members.iter().cloned().partition(is_null_schema);
        if nulls.is_empty() {
            return;
        }
        map.insert(String::from("nullable"), Value::Bool(true));
        match rest.len() {
            0 => {
                map.remove(key);
                map.insert(String::from("x-codegen-null"), Value::Bool(true));
            }
            1 => {
                let only = rest.remove(0);
                map.remove(key);
                match only {
                    Value::Object(member) if member.contains_key("$ref") && member.len() == 1 => {
                        map.insert(String::from("allOf"), Value::Array(vec![Value::Object(member)]));
                    }
                    Value::Object(member) => {
                        // The outer annotations (title, default, description) win over the member's.
                        for (k, v) in member {
                            map.entry(k).or_insert(v);
                        }
                    }
                    _ => {}
                }
            }
            _ => {
                map.insert(key.to_owned(), Value::Array(rest));
            }
        }
    }

    /// `const: v` → `enum: [v]` plus the marker the IR reads to make a type-level constant.
    fn constant(&mut self, map: &mut Map<String, Value>, at: &Pointer) {
        let Some(value) = map.remove("const") else { return };
        let inferred = match &value {
            Value::Bool(_) => "boolean",
            Value::String(_) => "string",
            Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
            Value::Number(_) => "number",
            Value::Null => {
                map.insert(String::from("nullable"), Value::Bool(true));
                map.insert(String::from("x-codegen-null"), Value::Bool(true));
                return;
            }
            Value::Array(_) | Value::Object(_) => {
                self.report(
                    DiagnosticKind::Unsupported,
                    &at.push("const"),
                    "a structured `const` is not supported; the schema accepts any value of its type",
                );
                return;
            }
        };
        map.entry("type").or_insert_with(|| Value::String(inferred.to_owned()));
        map.insert(String::from("enum"), Value::Array(vec![value.clone()]));
        map.insert(CONST_MARKER.to_owned(), value);
    }

    /// 3.1 `examples: [..]` → 3.0 `example` (the first) plus the whole list under a marker.
    fn examples(&mut self, map: &mut Map<String, Value>, at: &Pointer) {
        match map.remove("examples") {
            Some(Value::Array(examples)) => {
                if let Some(first) = examples.first() {
                    map.entry("example").or_insert_with(|| first.clone());
                }
                map.insert(EXAMPLES_MARKER.to_owned(), Value::Array(examples));
            }
            Some(other) => {
                self.report(
                    DiagnosticKind::InvalidValue,
                    &at.push("examples"),
                    "schema `examples` must be an array; kept as a marker only",
                );
                map.insert(EXAMPLES_MARKER.to_owned(), other);
            }
            None => {}
        }
    }

    /// Pydantic's `union_mode` (not a JSON Schema keyword): `left_to_right` pins the trial order of the
    /// members; `smart` is what the generated code does anyway (most specific member first).
    fn union_mode(&mut self, map: &mut Map<String, Value>, at: &Pointer) {
        match map.remove("union_mode") {
            Some(Value::String(mode)) if mode == "left_to_right" => {
                map.insert(UNION_IN_ORDER_MARKER.to_owned(), Value::Bool(true));
            }
            Some(Value::String(mode)) if mode == "smart" => {}
            Some(other) => self.report(
                DiagnosticKind::IgnoredKeyword,
                &at.push("union_mode"),
                format!("unknown `union_mode` {other}; ignored"),
            ),
            None => {}
        }
    }

    /// Reports and removes every keyword neither carried nor harmless.
    fn unknown_keywords(&mut self, map: &mut Map<String, Value>, at: &Pointer) {
        let unknown: Vec<String> = map
            .keys()
            .filter(|k| {
                !(k.starts_with("x-")
                    || CARRIED_KEYWORDS.contains(&k.as_str())
                    || HARMLESS_KEYWORDS.contains(&k.as_str()))
            })
            .cloned()
            .collect();
        for key in unknown {
            map.remove(&key);
            let what = if JSON_SCHEMA_2020_KEYWORDS.contains(&key.as_str()) {
                "is not supported by the generator yet"
            } else {
                "is not a JSON Schema / OpenAPI keyword"
            };
            self.report(
                DiagnosticKind::IgnoredKeyword,
                &at.push(&key),
                format!("schema keyword `{key}` {what}; ignored"),
            );
        }
    }
}

/// JSON Schema 2020-12 keywords that OpenAPI 3.1 allows but the generator does not model yet.
const JSON_SCHEMA_2020_KEYWORDS: &[&str] = &[
    "$anchor",
    "$defs",
    "$dynamicAnchor",
    "$dynamicRef",
    "contains",
    "contentEncoding",
    "contentMediaType",
    "contentSchema",
    "dependentRequired",
    "dependentSchemas",
    "else",
    "if",
    "maxContains",
    "minContains",
    "patternProperties",
    "then",
    "unevaluatedItems",
    "unevaluatedProperties",
];

/// Whether a `responses` key is one OpenAPI allows: a status code, a range like `2XX`, or `default`.
fn is_status_key(key: &str) -> bool {
    let bytes = key.as_bytes();
    key == "default"
        || (bytes.len() == 3
            && (b'1'..=b'5').contains(&bytes[0])
            && (bytes[1..].iter().all(u8::is_ascii_digit) || key[1..].eq_ignore_ascii_case("xx")))
}

/// `{type: "null"}` (already lowered, since members are lowered first), possibly with annotations only.
fn is_null_schema(value: &Value) -> bool {
    let Some(map) = value.as_object() else { return false };
    map.get("x-codegen-null") == Some(&Value::Bool(true))
        && map.keys().all(|k| matches!(k.as_str(), "nullable" | "title" | "description") || k.starts_with("x-"))
}

impl Lowering {
    /// The bounds of an integer schema as 64-bit integers. JavaScript tooling writes i64::MIN as
    /// `-9223372036854776000` (the nearest double, -2^63), and i64::MAX as `9223372036854776000` (2^63),
    /// which read as floats: those are the 64-bit limits and saturate silently. A bound further out
    /// (or with a fraction) is rounded inwards to an integer within 64 bits, with a warning.
    fn integer_bounds(&mut self, map: &mut Map<String, Value>, at: &Pointer) {
        if map.get("type").and_then(Value::as_str) != Some("integer") {
            return;
        }
        let values = map.get("enum").and_then(Value::as_array).into_iter().flatten();
        if let Some((index, value)) = values.enumerate().find(|(_, v)| v.is_number() && !v.is_i64()) {
            self.fatal.get_or_insert(Error::InvalidSpec {
                pointer: at.push("enum").index(index).to_string(),
                message: format!(
                    "integer enum value {value} does not fit in 64 bits; an enum value must be exact, so fix the value \
                     or make the schema a `number`"
                ),
            });
        }
        const LIMIT: f64 = 9_223_372_036_854_775_808.0; // 2^63
        for (key, round) in [("minimum", f64::ceil as fn(f64) -> f64), ("maximum", f64::floor)] {
            let Some(Value::Number(bound)) = map.get(key) else { continue };
            if bound.is_i64() {
                continue;
            }
            let Some(value) = bound.as_f64() else { continue };
            let rounded = round(value);
            if rounded != value || rounded.abs() > LIMIT {
                self.report(
                    DiagnosticKind::Reinterpreted,
                    &at.push(key),
                    format!("`{key}: {value}` of an integer is read as the nearest 64-bit integer inside it"),
                );
            }
            let saturated = if rounded <= -LIMIT {
                Value::from(i64::MIN)
            } else if rounded >= LIMIT {
                Value::from(i64::MAX)
            } else {
                Value::from(rounded as i64)
            };
            map.insert(key.to_owned(), saturated);
        }
    }
}

/// Numeric `exclusiveMinimum: n` → `minimum: n, exclusiveMinimum: true` (and the same for maximum).
/// When both a numeric exclusive bound and a plain bound are given, the stricter one is kept.
fn exclusive_bound(map: &mut Map<String, Value>, exclusive: &str, inclusive: &str, stricter: fn(f64, f64) -> f64) {
    let Some(Value::Number(bound)) = map.get(exclusive).cloned() else { return };
    let bound_f = bound.as_f64().unwrap_or(f64::NAN);
    let plain = map.get(inclusive).and_then(Value::as_f64);
    match plain {
        Some(plain) if stricter(plain, bound_f) == plain && plain != bound_f => {
            // The inclusive bound is stricter: the exclusive one adds nothing.
            map.remove(exclusive);
        }
        _ => {
            map.insert(inclusive.to_owned(), Value::Number(bound));
            map.insert(exclusive.to_owned(), Value::Bool(true));
        }
    }
}

#[cfg(test)]
#[path = "lower_tests.rs"]
mod tests;
