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
        }
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
