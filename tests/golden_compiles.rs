//! Compiles the golden file itself, against the same runtime sources `junction-api` uses, and checks the
//! behaviour its types promise. (`tests/golden.rs` pins the text; this pins that the text is Rust.)

// This crate exists to compile the golden; most of its client (and of the runtime's re-exports, which
// the one-operation golden does not all reach) is exercised through `junction-api` instead.
#![allow(dead_code, unused_imports)]

// The generated code names the runtime `crate::runtime`, as in every generated crate.
use junction_runtime as runtime;

include!("golden/refresh_user.rs");

use serde_json::json;
use types::{HttpValidationError, UserRefreshErrorResponse, UserRefreshSuccessResponse};

fn success_body(success: bool) -> serde_json::Value {
    json!({
        "success": success,
        "user_id": "1449752e-0d8a-40e0-9206-91ab099b2537",
        "refreshed_sources": ["withings/sleep"],
        "in_progress_sources": [],
        "failed_sources": ["oura/sleep"],
    })
}

#[test]
fn success_type_accepts_true_and_rejects_false() {
    let ok: UserRefreshSuccessResponse = serde_json::from_value(success_body(true)).unwrap();
    assert!(ok.success.get());
    assert_eq!(ok.refreshed_sources, ["withings/sleep"]);
    let err = serde_json::from_value::<UserRefreshSuccessResponse>(success_body(false)).unwrap_err();
    assert!(err.to_string().contains("expected the constant `true`"), "{err}");
}

#[test]
fn error_type_accepts_false_and_rejects_true() {
    let body = json!({"success": false, "user_id": "1449752e-0d8a-40e0-9206-91ab099b2537", "error": "no sources"});
    let parsed: UserRefreshErrorResponse = serde_json::from_value(body.clone()).unwrap();
    assert_eq!(parsed.failed_sources, None);
    assert!(!bool::from(parsed.success));
    let mut wrong = body;
    wrong["success"] = json!(true);
    assert!(serde_json::from_value::<UserRefreshErrorResponse>(wrong).is_err());
}

#[test]
fn serialising_writes_the_constant_and_skips_absent_fields() {
    let value = UserRefreshErrorResponse {
        success: runtime::ConstBool,
        user_id: uuid::Uuid::nil(),
        error: String::from("e"),
        failed_sources: None,
    };
    assert_eq!(
        serde_json::to_value(&value).unwrap(),
        json!({"success": false, "user_id": "00000000-0000-0000-0000-000000000000", "error": "e"})
    );
    const { assert!(UserRefreshSuccessResponse::SUCCESS) };
    const { assert!(!UserRefreshErrorResponse::SUCCESS) };
}

#[test]
fn validation_error_detail_is_any_json() {
    let parsed: HttpValidationError =
        serde_json::from_value(json!({"detail": [{"loc": ["query", "timeout"]}]})).unwrap();
    assert_eq!(parsed.detail, Some(json!([{"loc": ["query", "timeout"]}])));
    assert_eq!(serde_json::from_value::<HttpValidationError>(json!({})).unwrap().detail, None);
}

#[test]
fn environments_carry_the_fern_server_names_and_urls() {
    assert_eq!(Environment::default(), Environment::Production);
    let urls: Vec<&str> =
        [Environment::Production, Environment::ProductionEu, Environment::Sandbox, Environment::SandboxEu]
            .map(Environment::url)
            .into();
    assert_eq!(
        urls,
        [
            "https://api.us.junction.com",
            "https://api.eu.junction.com",
            "https://api.sandbox.us.junction.com",
            "https://api.sandbox.eu.junction.com"
        ]
    );
}
