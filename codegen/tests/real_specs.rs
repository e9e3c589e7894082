//! Real Junction specs beyond the seed slice (copied into tests/fixtures so CI needs nothing else).

use junction_codegen::{DiagnosticKind, Generator};

/// Junction's OpenAPI 3.0.2 spec of 2022 (`nullable: true`, no 3.1 keywords).
const OPENAPI_3_0: &str = include_str!("../../tests/fixtures/openapi-3.0-0.1.188.json");

#[test]
fn an_openapi_3_0_document_generates_valid_rust() {
    let generated = Generator::new().generate(OPENAPI_3_0).expect("3.0 documents are accepted");
    assert_eq!((generated.operations, generated.types), (63, 162));
    syn::parse_file(&generated.code).expect("the output is a Rust file");
    // What it cannot name well is reported, never silent: FastAPI handler names shared by several
    // operations (11 × `get_timeseries_resource_data`, 2 × `create_order`), and `/v2/testkit/orders` vs
    // `/v2/testkit/orders/`, whose full operationIds still collide. And `GET /v2/user/`, which takes
    // `offset` and `limit` but answers a bare list (no total, nothing to tell the last page by): it looks
    // paged, is not, and says so.
    assert!(
        generated
            .diagnostics
            .iter()
            .all(|d| matches!(d.kind, DiagnosticKind::NameCollision | DiagnosticKind::Pagination)),
        "{:#?}",
        generated.diagnostics
    );
    let count = |needle: &str| generated.diagnostics.iter().filter(|d| d.message.contains(needle)).count();
    assert_eq!(count("fall back to the name `get_timeseries_resource_data`"), 11);
    assert_eq!(count("fall back to the name `create_order`"), 2);
    assert_eq!(count("is generated as `create_order_v2_testkit_orders_post_2`"), 1);
    let paging: Vec<&str> = generated
        .diagnostics
        .iter()
        .filter(|d| d.kind == DiagnosticKind::Pagination)
        .map(|d| d.pointer.as_str())
        .collect();
    assert_eq!(paging, ["#/paths/~1v2~1user~1/get"]);
    assert_eq!(generated.diagnostics.len(), 11 + 2 + 1 + 1);
    assert!(generated.code.contains("pub fn get_timeseries_resource_data_v2_timeseries_user_id_igg_get("));
    // 3.0 `nullable: true` properties are options.
    assert!(generated.code.contains("pub user_key: ::std::option::Option<"), "nullable fields are Option");
}

/// Operations, types and diagnostics per Junction spec, pinned: a generator change that drops or adds
/// any of them shows up here. (Diagnostics left: 0.2.86's single `security` object; 0.1.982's and the
/// 3.0.2 specs' FastAPI handler names shared by several operations; operations that look paged but fit
/// no style: 0.1.188's bare user list, and 4 in the org-management API, whose pages carry a
/// `next_cursor` no parameter takes, or a `next_token` where the parameter is `next_cursor`.)
#[test]
fn every_junction_spec_generates_with_pinned_counts() {
    let specs: [(&str, &str, (usize, usize, usize)); 7] = [
        ("0.4.687", include_str!("../../spec/openapi.yaml"), (205, 1030, 0)),
        ("0.4.632", include_str!("../../tests/fixtures/openapi-0.4.632.json"), (201, 1015, 0)),
        ("0.2.86", include_str!("../../tests/fixtures/openapi-0.2.86.json"), (93, 195, 1)),
        ("0.1.982", include_str!("../../tests/fixtures/openapi-0.1.982.json"), (127, 212, 22)),
        ("0.1.188", OPENAPI_3_0, (63, 162, 15)),
        ("0.1.169", include_str!("../../tests/fixtures/openapi-3.0-0.1.169.json"), (62, 151, 14)),
        ("org-management", include_str!("../../tests/fixtures/org-management-2026-08-19.json"), (69, 381, 4)),
    ];
    for (name, spec, expected) in specs {
        let generated = Generator::new().generate(spec).unwrap_or_else(|e| panic!("{name}: {e}"));
        let others: Vec<&str> = generated
            .diagnostics
            .iter()
            .filter(|d| !matches!(d.kind, DiagnosticKind::NameCollision | DiagnosticKind::Pagination))
            .map(|d| d.message.as_str())
            .collect();
        assert!(others.len() <= 1, "{name}: unexpected diagnostics {others:#?}");
        assert_eq!((generated.operations, generated.types, generated.diagnostics.len()), expected, "{name}");
    }
}

/// `emit` formats the `types` module on a second thread and joins the texts; the result must be
/// exactly what formatting the whole file at once gives.
#[test]
fn the_parallel_emit_equals_formatting_the_whole_file_at_once() {
    let spec = include_str!("../../spec/openapi.yaml");
    let generator = Generator::new();
    let (api, _) = generator.ir(spec).unwrap();
    let whole = prettyplease::unparse(&syn::parse2(junction_codegen::stages::emit_tokens(&api)).unwrap());
    let generated = generator.generate(spec).unwrap().code;
    // The header ends with the input fingerprint's line and a blank line.
    let body = generated.split_once("\n\n").map(|(_, body)| body).expect("the header ends so");
    assert!(body == whole, "the joined parts differ from the whole file");
}
