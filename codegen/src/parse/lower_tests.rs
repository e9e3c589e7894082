//! Unit tests of the 3.1 → 3.0 lowering, one per rule.

use super::*;
use serde_json::json;

fn lower_schema(schema: Value) -> (Value, Vec<Diagnostic>) {
    let mut doc = json!({
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "components": {"schemas": {"S": schema}},
    });
    let diagnostics = lower_document(&mut doc).unwrap();
    (doc["components"]["schemas"]["S"].clone(), diagnostics)
}

#[test]
fn boolean_const_becomes_one_value_enum_with_marker() {
    let (s, d) = lower_schema(json!({"type": "boolean", "const": true, "title": "Success"}));
    assert_eq!(s, json!({"type": "boolean", "enum": [true], "x-codegen-const": true, "title": "Success"}));
    assert!(d.is_empty());
}

#[test]
fn string_and_integer_consts_infer_their_type() {
    let (s, _) = lower_schema(json!({"const": "sleep"}));
    assert_eq!(s, json!({"type": "string", "enum": ["sleep"], "x-codegen-const": "sleep"}));
    let (s, _) = lower_schema(json!({"const": 3}));
    assert_eq!(s, json!({"type": "integer", "enum": [3], "x-codegen-const": 3}));
}

#[test]
fn type_array_with_null_becomes_nullable() {
    let (s, d) = lower_schema(json!({"type": ["string", "null"], "format": "uuid"}));
    assert_eq!(s, json!({"type": "string", "nullable": true, "format": "uuid"}));
    assert!(d.is_empty());
}

#[test]
fn any_of_inline_and_null_merges_into_nullable_schema() {
    let (s, _) = lower_schema(json!({
        "anyOf": [{"type": "integer", "minimum": 1}, {"type": "null"}],
        "title": "Limit",
        "default": 5,
    }));
    assert_eq!(s, json!({"title": "Limit", "default": 5, "nullable": true, "type": "integer", "minimum": 1}));
}

#[test]
fn one_of_ref_and_null_becomes_nullable_all_of() {
    let (s, _) = lower_schema(json!({"oneOf": [{"$ref": "#/components/schemas/T"}, {"type": "null"}]}));
    assert_eq!(s, json!({"nullable": true, "allOf": [{"$ref": "#/components/schemas/T"}]}));
}

#[test]
fn any_of_with_several_members_keeps_them_and_is_nullable() {
    let (s, _) = lower_schema(json!({"anyOf": [{"type": "string"}, {"type": "integer"}, {"type": "null"}]}));
    assert_eq!(s, json!({"anyOf": [{"type": "string"}, {"type": "integer"}], "nullable": true}));
}

#[test]
fn numeric_exclusive_bounds_become_the_3_0_pair() {
    let (s, _) = lower_schema(json!({"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1.5}));
    assert_eq!(
        s,
        json!({"type": "number", "minimum": 0, "exclusiveMinimum": true, "maximum": 1.5, "exclusiveMaximum": true})
    );
}

#[test]
fn stricter_inclusive_bound_wins_over_exclusive_one() {
    let (s, _) = lower_schema(json!({"type": "integer", "exclusiveMinimum": 0, "minimum": 5}));
    assert_eq!(s, json!({"type": "integer", "minimum": 5}));
}

#[test]
fn examples_array_is_kept() {
    let (s, _) = lower_schema(json!({"type": "string", "examples": ["a", "b"]}));
    assert_eq!(s, json!({"type": "string", "example": "a", "x-codegen-examples": ["a", "b"]}));
}

#[test]
fn ref_with_siblings_keeps_annotations_in_all_of() {
    let (s, d) = lower_schema(json!({
        "$ref": "#/components/schemas/T",
        "description": "why",
        "title": "T2",
        "default": "x",
        "deprecated": true,
        "x-fern-type-name": "Other",
    }));
    assert_eq!(
        s,
        json!({
            "description": "why", "title": "T2", "default": "x", "deprecated": true,
            "x-fern-type-name": "Other",
            "allOf": [{"$ref": "#/components/schemas/T"}],
        })
    );
    assert!(d.is_empty());
}

#[test]
fn custom_keyword_beside_ref_is_reported_with_its_pointer() {
    let (s, d) = lower_schema(json!({"$ref": "#/components/schemas/T", "frobnicate": 1}));
    assert_eq!(s, json!({"$ref": "#/components/schemas/T"}));
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].pointer, "#/components/schemas/S/frobnicate");
}

#[test]
fn property_names_prefix_items_and_union_mode_travel_under_markers() {
    let (s, d) = lower_schema(json!({
        "type": "object",
        "properties": {
            "key": {"type": "array", "prefixItems": [{"type": ["string", "null"]}], "minItems": 1},
            "id": {"anyOf": [{"type": "string", "format": "uuid"}, {"type": "string"}], "union_mode": "left_to_right"},
        },
        "additionalProperties": {"type": "number"},
        "propertyNames": {"const": "a"},
    }));
    assert_eq!(d, []);
    assert_eq!(s[PROPERTY_NAMES_MARKER], json!({"type": "string", "enum": ["a"], CONST_MARKER: "a"}));
    assert_eq!(s["properties"]["key"][PREFIX_ITEMS_MARKER], json!([{"type": "string", "nullable": true}]));
    assert_eq!(s["properties"]["id"][UNION_IN_ORDER_MARKER], json!(true));
}

#[test]
fn an_enum_without_a_type_gets_the_type_of_its_values() {
    let (s, _) = lower_schema(json!({"enum": ["a", "b"]}));
    assert_eq!(s, json!({"enum": ["a", "b"], "type": "string"}));
    let (s, diagnostics) = lower_schema(json!({"enum": [1, "b"]}));
    assert_eq!(s, json!({"enum": [1, "b"]}));
    assert_eq!(diagnostics.len(), 1, "a mixed enum is reported: {diagnostics:?}");
}

#[test]
fn status_keys_are_codes_ranges_or_default() {
    for key in ["200", "404", "2XX", "5xx", "default"] {
        assert!(is_status_key(key), "{key}");
    }
    for key in ["abc", "600", "20", "2000", "0XX", "Default", ""] {
        assert!(!is_status_key(key), "{key}");
    }
}

#[test]
fn unsupported_keywords_are_reported_never_silently_dropped() {
    let (_, d) = lower_schema(json!({
        "type": "object",
        "properties": {"tags": {"type": "array", "contains": {"type": "string"}}},
        "patternProperties": {"^x": {"type": "string"}},
        "frobnicate": true,
    }));
    let pointers: Vec<&str> = d.iter().map(|d| d.pointer.as_str()).collect();
    assert_eq!(
        pointers,
        [
            "#/components/schemas/S/properties/tags/contains",
            "#/components/schemas/S/patternProperties",
            "#/components/schemas/S/frobnicate",
        ]
    );
    assert!(d[2].message.contains("not a JSON Schema"), "{}", d[2].message);
}

#[test]
fn open_api_3_0_nullable_passes_through() {
    let mut doc = json!({
        "openapi": "3.0.2",
        "info": {"title": "t", "version": "1"},
        "paths": {},
        "components": {"schemas": {"S": {"type": "string", "nullable": true}}},
    });
    let before = doc.clone();
    assert!(lower_document(&mut doc).unwrap().is_empty());
    assert_eq!(doc, before);
}

#[test]
fn schemas_in_operations_are_lowered_too() {
    let mut doc = json!({
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {"/a/{id}": {"get": {
            "parameters": [{"name": "id", "in": "path", "required": true,
                            "schema": {"type": ["integer", "null"]}}],
            "responses": {"200": {"description": "ok", "content": {"application/json": {
                "schema": {"type": "object", "properties": {"ok": {"const": true}}}}}}},
        }}},
    });
    lower_document(&mut doc).unwrap();
    let op = &doc["paths"]["/a/{id}"]["get"];
    assert_eq!(op["parameters"][0]["schema"], json!({"type": "integer", "nullable": true}));
    assert_eq!(
        op["responses"]["200"]["content"]["application/json"]["schema"]["properties"]["ok"],
        json!({"type": "boolean", "enum": [true], "x-codegen-const": true})
    );
}

#[test]
fn a_security_object_is_read_as_a_one_item_list_and_reported() {
    let mut doc = json!({
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "security": {"apiKeyAuth": []},
    });
    let diagnostics = lower_document(&mut doc).unwrap();
    assert_eq!(doc["security"], json!([{"apiKeyAuth": []}]));
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(diagnostics[0].pointer, "#/security");
}

#[test]
fn wrong_versions_are_rejected_with_a_pointer() {
    let mut doc = json!({"swagger": "2.0"});
    let err = lower_document(&mut doc).unwrap_err().to_string();
    assert!(err.contains("#/swagger") && err.contains("Swagger 2.0"), "{err}");
    let mut doc = json!({"openapi": "4.0.0"});
    let err = lower_document(&mut doc).unwrap_err().to_string();
    assert!(err.contains("#/openapi") && err.contains("4.0.0"), "{err}");
}
