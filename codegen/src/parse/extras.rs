//! The typed contract between parse and the IR: everything a schema, operation or server says beyond
//! what `openapiv3` models — the 3.1 keywords lowering carried in its markers, Fern's hints and our own
//! extensions — read here, once, into typed values. The IR reads these and no `x-…` key.

use crate::diagnostic::Pointer;
use crate::Error;
use openapiv3::{ReferenceOr, Schema, SchemaData};
use serde_json::Value;

/// Extension key holding a JSON-Schema `const` value, set beside the one-value `enum` it lowers to.
pub(super) const CONST_MARKER: &str = "x-codegen-const";
/// Extension key holding a 3.1 `examples` array (the first one also becomes `example`).
pub(super) const EXAMPLES_MARKER: &str = "x-codegen-examples";
/// Extension key holding a (lowered) `propertyNames` schema: the type of a map's keys.
pub(super) const PROPERTY_NAMES_MARKER: &str = "x-codegen-property-names";
/// Extension key holding the (lowered) `prefixItems` schemas of a tuple.
pub(super) const PREFIX_ITEMS_MARKER: &str = "x-codegen-prefix-items";
/// Extension key set on a union whose members must be tried in spec order (Pydantic's
/// `union_mode: left_to_right`).
pub(super) const UNION_IN_ORDER_MARKER: &str = "x-codegen-union-in-order";

/// The extension that marks a property as a credential (`true`) or not (`false`), over the name rule;
/// settable from an overlay.
pub const SENSITIVE_EXTENSION: &str = "x-sensitive";
/// The extension that closes an enum or union: values outside the listed set are errors, not kept.
pub const EXHAUSTIVE_EXTENSION: &str = "x-junction-exhaustive";

/// What a schema says beyond `openapiv3`'s model.
#[derive(Clone, Debug, Default)]
pub struct SchemaExtras<'a> {
    /// The JSON-Schema `const` value.
    pub constant: Option<&'a Value>,
    /// Whether the schema has `prefixItems` (a tuple); read them with [`SchemaExtras::prefix_items`].
    pub is_tuple: bool,
    /// Union members are tried in spec order (Pydantic's `union_mode: left_to_right`).
    pub union_in_order: bool,
    /// `x-junction-exhaustive: true`: the set of values is closed.
    pub exhaustive: bool,
    /// `x-sensitive`: a credential (`true`) or not (`false`), over the name rule.
    pub sensitive: Option<bool>,
    /// `x-fern-availability` (`beta`, `deprecated`, ...).
    pub availability: Option<&'a str>,
    /// `x-fern-property-name`: the name Fern SDKs give the property.
    pub property_name: Option<&'a str>,
    /// `x-fern-ignore: true`: hidden from Fern SDKs.
    pub fern_ignored: bool,
    data: Option<&'a SchemaData>,
}

impl<'a> SchemaExtras<'a> {
    /// Reads the extras of one schema.
    pub fn of(data: &'a SchemaData) -> Self {
        let extensions = &data.extensions;
        Self {
            constant: extensions.get(CONST_MARKER),
            is_tuple: extensions.contains_key(PREFIX_ITEMS_MARKER),
            union_in_order: flag(extensions, UNION_IN_ORDER_MARKER),
            exhaustive: flag(extensions, EXHAUSTIVE_EXTENSION),
            sensitive: extensions.get(SENSITIVE_EXTENSION).and_then(Value::as_bool),
            availability: availability(extensions),
            property_name: extensions.get("x-fern-property-name").and_then(Value::as_str),
            fern_ignored: flag(extensions, "x-fern-ignore"),
            data: Some(data),
        }
    }

    /// `example` and the 3.1 `examples` list, in spec order, without repeating the first `examples`
    /// item that lowering also copied into `example`. Copied only when asked: most schemas read are
    /// never asked.
    pub fn examples(&self) -> Vec<Value> {
        let Some(data) = self.data else { return Vec::new() };
        let mut examples = Vec::new();
        match data.extensions.get(EXAMPLES_MARKER) {
            Some(Value::Array(list)) => {
                if let Some(example) = &data.example {
                    if list.first() != Some(example) {
                        examples.push(example.clone());
                    }
                }
                examples.extend(list.iter().cloned());
            }
            _ => examples.extend(data.example.iter().cloned()),
        }
        examples
    }

    /// The `x-fern-enum` name Fern SDKs give an enum value, if any.
    pub fn fern_enum_name(&self, value: &str) -> Option<&'a str> {
        let names = self.data?.extensions.get("x-fern-enum")?.as_object()?;
        names.get(value)?.get("name")?.as_str()
    }

    /// The `prefixItems` schemas of a tuple (`at` is the schema's pointer).
    pub fn prefix_items(&self, at: &Pointer) -> Result<Vec<ReferenceOr<Schema>>, Error> {
        let at = at.push("prefixItems");
        let raw = self.data.and_then(|d| d.extensions.get(PREFIX_ITEMS_MARKER)).cloned().unwrap_or_default();
        serde_json::from_value(raw)
            .map_err(|e| Error::InvalidSpec { pointer: at.to_string(), message: format!("not a list of schemas: {e}") })
    }

    /// The `propertyNames` schema: the type of a map's keys (`at` is the schema's pointer).
    pub fn property_names(&self, at: &Pointer) -> Result<Option<ReferenceOr<Schema>>, Error> {
        let Some(raw) = self.data.and_then(|d| d.extensions.get(PROPERTY_NAMES_MARKER)) else { return Ok(None) };
        serde_json::from_value(raw.clone()).map(Some).map_err(|e| Error::InvalidSpec {
            pointer: at.push("propertyNames").to_string(),
            message: format!("not a schema: {e}"),
        })
    }
}

/// What an operation says beyond `openapiv3`'s model: Fern's hints.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct OperationExtras<'a> {
    /// `x-fern-sdk-group-name`.
    pub group: Option<&'a str>,
    /// `x-fern-sdk-method-name`.
    pub method: Option<&'a str>,
    /// `x-fern-ignore: true`.
    pub ignored: bool,
    /// `x-fern-availability`.
    pub availability: Option<&'a str>,
    /// `x-fern-pagination`, when present: read with [`pagination`].
    pub pagination: Option<&'a Value>,
}

impl<'a> OperationExtras<'a> {
    /// Reads the extras of one operation.
    pub fn of(operation: &'a openapiv3::Operation) -> Self {
        let extensions = &operation.extensions;
        Self {
            group: extensions.get("x-fern-sdk-group-name").and_then(Value::as_str),
            method: extensions.get("x-fern-sdk-method-name").and_then(Value::as_str),
            ignored: flag(extensions, "x-fern-ignore"),
            availability: availability(extensions),
            pagination: extensions.get(PAGINATION_EXTENSION),
        }
    }
}

/// Fern's pagination extension, on an operation (or on the document, as the form `true` refers to).
pub const PAGINATION_EXTENSION: &str = "x-fern-pagination";

/// An `x-fern-pagination` value.
#[derive(Clone, Debug, PartialEq)]
pub enum DeclaredPagination {
    /// `false` (our addition to Fern's form): the operation does not page, whatever it looks like.
    Off,
    /// `true`: the document's `x-fern-pagination` applies.
    Inherit,
    /// The operation's own declaration.
    Declared(PaginationSpec),
}

/// Fern's pagination object: each entry a `$request.…` or `$response.…` path. The cursor form has
/// `cursor` and `next_cursor`, the offset form `offset` (and `step` when the offset counts items rather
/// than pages); both may have `results` and `has-next-page`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PaginationSpec {
    /// `cursor: $request.…`: the parameter that carries the cursor.
    pub cursor: Option<String>,
    /// `next_cursor: $response.…`: where a page holds the next cursor.
    pub next_cursor: Option<Vec<String>>,
    /// `offset: $request.…`: the parameter that carries the offset or page number.
    pub offset: Option<String>,
    /// `step: $request.…`: the page-size parameter; with it the offset counts items.
    pub step: Option<String>,
    /// `results: $response.…`: where a page holds its items.
    pub results: Option<Vec<String>>,
    /// `has-next-page: $response.…`: a boolean that is `false` on the last page.
    pub has_next_page: Option<Vec<String>>,
}

/// Reads an `x-fern-pagination` value; the error says what is wrong with it (the caller locates it).
pub fn pagination(value: &Value) -> Result<DeclaredPagination, String> {
    let object = match value {
        Value::Bool(true) => return Ok(DeclaredPagination::Inherit),
        Value::Bool(false) => return Ok(DeclaredPagination::Off),
        Value::Object(object) => object,
        _ => return Err(String::from("must be an object (Fern's cursor or offset form), `true` or `false`")),
    };
    let mut spec = PaginationSpec::default();
    for (key, value) in object {
        let Some(text) = value.as_str() else {
            return Err(format!("`{key}` must be a string such as `$request.cursor` or `$response.data`"));
        };
        let path = |side: &str| -> Result<Vec<String>, String> {
            let rest = text.strip_prefix(side).and_then(|rest| rest.strip_prefix('.'));
            let path: Vec<String> = rest.map(|r| r.split('.').map(str::to_owned).collect()).unwrap_or_default();
            if path.is_empty() || path.iter().any(String::is_empty) {
                return Err(format!("`{key}: {text}` must be a path that starts with `{side}.`"));
            }
            Ok(path)
        };
        let parameter = |side: &str| -> Result<String, String> {
            match path(side)?.as_slice() {
                [name] => Ok(name.clone()),
                _ => Err(format!("`{key}: {text}` must name one request parameter (`{side}.name`)")),
            }
        };
        match key.as_str() {
            "cursor" => spec.cursor = Some(parameter("$request")?),
            "next_cursor" => spec.next_cursor = Some(path("$response")?),
            "offset" => spec.offset = Some(parameter("$request")?),
            "step" => spec.step = Some(parameter("$request")?),
            "results" => spec.results = Some(path("$response")?),
            "has-next-page" => spec.has_next_page = Some(path("$response")?),
            "next_uri" | "next_path" => {
                return Err(format!("`{key}` pagination (following a URL from the response) is not supported"))
            }
            other => return Err(format!("`{other}` is not a key of Fern's pagination form")),
        }
    }
    match (&spec.cursor, &spec.next_cursor, &spec.offset) {
        (Some(_), Some(_), None) | (None, None, Some(_)) => Ok(DeclaredPagination::Declared(spec)),
        (Some(_), None, None) => Err(String::from("the cursor form needs `next_cursor: $response.…` beside `cursor`")),
        (None, Some(_), None) => Err(String::from("the cursor form needs `cursor: $request.…` beside `next_cursor`")),
        (_, _, Some(_)) => Err(String::from("declares both a cursor and an offset; keep one form")),
        (None, None, None) => Err(String::from("declares neither `cursor` nor `offset`")),
    }
}

/// `x-fern-server-name`: the name Fern SDKs give a server.
pub fn server_name(server: &openapiv3::Server) -> Option<&str> {
    server.extensions.get("x-fern-server-name").and_then(Value::as_str)
}

fn availability(extensions: &indexmap::IndexMap<String, Value>) -> Option<&str> {
    extensions.get("x-fern-availability").and_then(Value::as_str)
}

fn flag(extensions: &indexmap::IndexMap<String, Value>, key: &str) -> bool {
    extensions.get(key).and_then(Value::as_bool) == Some(true)
}
