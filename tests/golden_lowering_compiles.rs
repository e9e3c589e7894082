//! Compiles `tests/golden/lowering.rs` (from `tests/fixtures/lowering-3.1.yaml`) against the runtime and
//! checks what its 3.1 constructs became: type-level consts, a boxed nullable self-reference, enums with
//! awkward values, and an operation with header, array query, body and per-status success bodies.

// This crate exists to compile the golden; parts of it and of the runtime's re-exports go unused here.
#![allow(dead_code, unused_imports)]

// The generated code names the runtime `crate::runtime`, as in every generated crate.
use junction_runtime as runtime;

mod common;

use common::received;

include!("golden/lowering.rs");

use items::{CreateItemError, CreateItemResponse};
use serde_json::json;
use types::{Item, ItemKind, Status};
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn item() -> Item {
    // `parent` is required and nullable: an argument; `kind` is a const, filled in.
    Item::new(None).status(Status::Empty)
}

#[test]
fn recursive_nullable_parent_round_trips() {
    let nested =
        json!({"kind": "item", "parent": {"kind": "item", "parent": null, "version": 2}, "status": "in-progress"});
    let parsed: Item = serde_json::from_value(nested.clone()).unwrap();
    let parent = parsed.parent.as_deref().unwrap();
    assert_eq!(parent.version.map(i64::from), Some(2));
    assert_eq!(parsed.status, Some(Status::InProgress));
    assert_eq!(serde_json::to_value(&parsed).unwrap(), nested);
}

#[test]
fn string_and_integer_consts_reject_other_values() {
    assert!(serde_json::from_value::<Item>(json!({"kind": "other", "parent": null})).is_err());
    assert!(serde_json::from_value::<Item>(json!({"kind": "item", "parent": null, "version": 3})).is_err());
    assert_eq!(ItemKind::VALUE, "item");
    assert_eq!(Item::VERSION, 2);
}

#[test]
fn enum_values_keep_their_wire_form() {
    let all = [Status::Active, Status::InProgress, Status::Empty, Status::Minus];
    let wire: Vec<&str> = all.iter().map(Status::as_str).collect();
    assert_eq!(wire, ["active", "in-progress", "", "-"]);
    assert_eq!(serde_json::from_value::<Status>(json!("")).unwrap(), Status::Empty);
    assert_eq!(Status::Minus.to_string(), "-");
}

#[test]
fn enums_are_open_values_added_by_the_server_are_kept_not_rejected() {
    let parsed: Status = serde_json::from_value(json!("archived")).unwrap();
    assert_eq!(parsed, Status::Unknown(String::from("archived")));
    assert_eq!(serde_json::to_value(&parsed).unwrap(), json!("archived"));
    assert_eq!(Status::known("archived"), None);
}

#[test]
fn optional_nullable_request_fields_tell_absent_from_null() {
    let body = item().clear_note().version(runtime::ConstInteger);
    let sent = serde_json::to_value(&body).unwrap();
    assert_eq!(sent.get("note"), Some(&serde_json::Value::Null));
    assert_eq!(sent.get("birthday"), None);
    let back: Item = serde_json::from_value(sent).unwrap();
    assert_eq!((&back.note, &back.birthday), (&runtime::Nullable::Null, &runtime::Nullable::Absent));
    let valued = serde_json::to_value(item().note("hello")).unwrap();
    assert_eq!(valued.get("note"), Some(&json!("hello")));
    assert_eq!(body.kind, ItemKind::Item, "the const is filled in");
}

#[tokio::test]
async fn create_item_sends_header_repeated_query_and_body_and_tells_statuses_apart() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/items"))
        .and(header("X-Request-Id", "req-1"))
        .and(body_json(serde_json::to_value(item()).unwrap()))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let client = common::connect(Client::builder(), &server);
    let response = client
        .items()
        // The body's fields flattened into the call: the same body as `item()`.
        .create_item(None)
        .status(Status::Empty)
        .x_request_id(String::from("req-1"))
        .tags(vec![String::from("a b"), String::from("c&d")])
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
    assert_eq!(*response, CreateItemResponse::NoContent);
    let requests = received(&server).await;
    assert_eq!(requests[0].url.query(), Some("tags=a+b&tags=c%26d"));
}

#[test]
fn timestamps_keep_their_offset_and_dates_are_calendar_dates() {
    let body =
        json!({"kind": "item", "parent": null, "created_at": "2026-11-22T07:30:00+01:00", "birthday": "1990-02-28"});
    let parsed: Item = serde_json::from_value(body.clone()).unwrap();
    let created = parsed.created_at.unwrap();
    assert_eq!(created.offset().local_minus_utc(), 3600);
    assert_eq!(parsed.birthday, runtime::Nullable::from_option(chrono::NaiveDate::from_ymd_opt(1990, 2, 28)));
    assert_eq!(serde_json::to_value(&parsed).unwrap(), body);
    assert!(serde_json::from_value::<Item>(json!({"kind": "item", "parent": null, "birthday": "28/02/1990"})).is_err());
}

#[tokio::test]
async fn timestamp_query_parameters_are_sent_as_rfc3339() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"kind": "item", "parent": null})))
        .mount(&server)
        .await;
    let client = common::connect(Client::builder(), &server);
    let since = chrono::DateTime::parse_from_rfc3339("2026-11-22T07:30:00-05:00").unwrap();
    client.items().get_item(String::from("a/b")).since(since).await.unwrap();
    let requests = received(&server).await;
    assert_eq!(requests[0].url.path(), "/items/a%2Fb");
    assert_eq!(requests[0].url.query(), Some("since=2026-11-22T07%3A30%3A00-05%3A00"));
}

#[tokio::test]
async fn create_item_default_response_is_a_typed_error() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(409).set_body_json(json!({"message": "exists"})))
        .mount(&server)
        .await;
    let client = common::connect(Client::builder(), &server);
    let err = client.items().create_item_with_body(item()).await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(409));
    match err.api_error() {
        Some(CreateItemError::Default(body)) => assert_eq!(body.message.as_deref(), Some("exists")),
        other => panic!("expected the default error body, got {other:?}"),
    }
}
