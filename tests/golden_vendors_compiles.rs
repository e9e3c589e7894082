//! Compiles `tests/golden/vendors.rs` (from `tests/fixtures/vendors-3.1.yaml`: constructs of other
//! vendors' specs) against the runtime, and checks them: a discriminated `oneOf` with a mapping, `allOf`
//! merged into one struct, a recursive schema, SSE and ndjson streams, and per-operation security
//! (API key, bearer, OAuth 2, optional).

// This crate exists to compile the golden; parts of it and of the runtime's re-exports go unused here.
#![allow(dead_code, unused_imports)]

// The generated code names the runtime `crate::runtime`, as in every generated crate.
use junction_runtime as runtime;

mod common;

use common::received;

include!("golden/vendors.rs");

use serde_json::json;
use types::{Cat, Counter, Dog, Host, HostForm, Pet, TreeNode, Upload};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(server: &MockServer, bearer: Option<&str>) -> Client {
    let builder = Client::builder().base_url(server.uri()).api_key("key-1");
    match bearer {
        Some(token) => builder.bearer_token(token).build().unwrap(),
        None => builder.build().unwrap(),
    }
}

#[test]
fn a_discriminator_with_a_mapping_picks_the_member_and_all_of_merges_the_parent() {
    let dog: Pet = serde_json::from_value(json!({"name": "Rex", "petType": "doggo", "goodBoy": true})).unwrap();
    assert_eq!(dog, Pet::Dog(Dog { name: "Rex".into(), pet_type: "doggo".into(), good_boy: true }));
    // No mapping entry for Cat: its schema name is the tag. Cat is sent, so its `lives` default (9) is
    // the server's: absent stays absent, and is not sent back.
    let cat: Pet = serde_json::from_value(json!({"name": "Tom", "petType": "Cat"})).unwrap();
    assert_eq!(cat, Pet::Cat(Cat::new("Tom", "Cat")));
    assert_eq!(serde_json::to_value(&cat).unwrap(), json!({"name": "Tom", "petType": "Cat"}));
    // The tag decides, not the shape: a "doggo" without `goodBoy` is an error, not a Cat.
    assert!(serde_json::from_value::<Pet>(json!({"name": "Rex", "petType": "doggo"})).is_err());
    let parrot = json!({"name": "Polly", "petType": "parrot"});
    assert_eq!(serde_json::from_value::<Pet>(parrot.clone()).unwrap(), Pet::Unknown(parrot));
}

#[test]
fn a_recursive_schema_is_boxed_where_it_holds_itself() {
    let tree: TreeNode = serde_json::from_value(json!({
        "label": "child", "parent": {"label": "root"}, "children": [{"label": "grandchild"}]
    }))
    .unwrap();
    assert_eq!(tree.parent.as_ref().map(|p| p.label.as_str()), Some("root"));
    assert_eq!(tree.children.unwrap()[0].label, "grandchild");
}

#[test]
fn recursion_through_a_list_alias_and_a_union_round_trips() {
    let forest: types::Forest = serde_json::from_value(json!([[], [[]]])).unwrap();
    assert_eq!(forest.0[1].0.len(), 1);
    let expr: types::Expr = serde_json::from_value(json!(["a", ["b"]])).unwrap();
    assert_eq!(serde_json::to_value(&expr).unwrap(), json!(["a", ["b"]]));
}

#[tokio::test]
async fn each_operation_sends_the_credentials_its_security_names() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/pets"))
        .and(header("x-api-key", "key-1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/pets"))
        .and(header("authorization", "Bearer jwt-1"))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({"name": "Tom", "petType": "Cat", "lives": 7})))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server, Some("jwt-1"));
    assert!(client.pets().list_pets().await.unwrap().is_empty());
    let cat = Pet::from(Cat::new("Tom", "Cat").lives(7));
    let created = client.pets().create_pet(cat.clone()).await.unwrap();
    assert_eq!(*created, cat);
    let posted = &received(&server).await[1];
    assert!(posted.headers.get("x-api-key").is_none(), "the bearer operation sends no API key");
    assert_eq!(serde_json::from_slice::<serde_json::Value>(&posted.body).unwrap()["petType"], "Cat");
}

#[tokio::test]
async fn a_bearer_operation_without_a_token_is_not_sent() {
    let server = MockServer::start().await;
    let cat = Pet::from(Cat::new("Tom", "Cat").lives(7));
    let err = client(&server, None).pets().create_pet(cat).await.unwrap_err();
    assert!(err.to_string().contains("bearer_token"), "{err}");
    assert!(received(&server).await.is_empty());
}

#[tokio::test]
async fn server_sent_events_and_ndjson_are_streamed_and_optional_security_sends_nothing() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/pets/events"))
        .and(header("authorization", "Bearer oauth-token"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("content-type", "text/event-stream")
                .set_body_string("data: {\"name\":\"Rex\"}\n\n"),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/pets/export"))
        .respond_with(
            ResponseTemplate::new(200).set_body_string("{\"name\":\"Rex\",\"petType\":\"doggo\",\"goodBoy\":true}\n"),
        )
        .mount(&server)
        .await;
    let client = client(&server, Some("oauth-token"));
    let events = client.pets().stream_pet_events().await.unwrap().into_body().bytes().await.unwrap();
    assert_eq!(&events[..], b"data: {\"name\":\"Rex\"}\n\n");
    let export = client.pets().export_pets().await.unwrap().into_body().bytes().await.unwrap();
    let line: Pet = serde_json::from_slice(export.split(|b| *b == b'\n').next().unwrap()).unwrap();
    assert!(matches!(line, Pet::Dog(_)));
    let export_request = &received(&server).await[1];
    assert!(export_request.headers.get("x-api-key").is_none() && export_request.headers.get("authorization").is_none());
}

#[tokio::test]
async fn array_headers_send_every_item_cookies_are_sent_and_optional_binary_in_json_travels_as_text() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/owners/7/photos/p%2F1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"value": 3})))
        .expect(1)
        .mount(&server)
        .await;
    let taken_at = chrono::DateTime::parse_from_rfc3339("2026-01-28T12:53:04Z").unwrap();
    // `photoId` is not declared by the spec: a required `String` argument, encoded as one segment. The
    // body's fields are the call's: `name` an argument, the others builder methods.
    let counter = client(&server, None)
        .owners()
        .put_owner_photo(7, "p/1", "Rex")
        .thumbnail(runtime::Bytes::from_static(b"aGk="))
        .taken_at(taken_at)
        .x_tags(vec![String::from("a"), String::from("b"), String::from("c")])
        .session(String::from("s; 1"))
        .await
        .unwrap();
    assert_eq!(counter.value, 3);
    let request = &received(&server).await[0];
    let tags: Vec<&str> = request.headers.get_all("x-tags").iter().map(|v| v.to_str().unwrap()).collect();
    assert_eq!(tags, ["a", "b", "c"], "every item of the array header is sent");
    assert_eq!(request.headers["cookie"], "session=s%3B%201", "a cookie parameter, its value encoded");
    let body: serde_json::Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(body, json!({"name": "Rex", "thumbnail": "aGk=", "taken_at": "2026-01-28T12:53:04+00:00"}));
    // Absent optional binary content stays absent, both ways; an offset-less timestamp reads as UTC.
    let read: Upload = serde_json::from_value(json!({"name": "Tom", "taken_at": "2026-01-28T12:53:04"})).unwrap();
    assert_eq!(
        (read.thumbnail.as_ref(), read.taken_at.map(|t| t.to_rfc3339())),
        (None, Some("2026-01-28T12:53:04+00:00".into()))
    );
    assert_eq!(serde_json::to_value(&read).unwrap(), json!({"name": "Tom", "taken_at": "2026-01-28T12:53:04+00:00"}));
}

#[tokio::test]
async fn ip_addresses_are_sent_as_text_in_every_place_and_read_back_typed() {
    use std::net::{Ipv4Addr, Ipv6Addr};
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"v4": "10.0.0.1", "v6": "::1", "peers": ["10.0.0.2"]})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let address: Ipv6Addr = "2001:db8::1".parse().unwrap();
    let form = HostForm::new(Ipv4Addr::new(192, 0, 2, 1)).v6(Ipv6Addr::LOCALHOST);
    let host = client(&server, None)
        .hosts()
        .put_host_with_body(address, form)
        .gateway(Ipv4Addr::new(192, 0, 2, 254))
        .x_client_ip(Ipv4Addr::new(198, 51, 100, 7))
        .await
        .unwrap();
    assert_eq!(
        *host,
        serde_json::from_value::<Host>(json!({"v4": "10.0.0.1", "v6": "::1", "peers": ["10.0.0.2"]})).unwrap()
    );
    assert_eq!((host.v4, host.v6), (Ipv4Addr::new(10, 0, 0, 1), Some(Ipv6Addr::LOCALHOST)));
    let request = &received(&server).await[0];
    assert_eq!(request.url.path(), "/hosts/2001%3Adb8%3A%3A1", "the path segment is the address's text, encoded");
    assert_eq!(request.url.query(), Some("gateway=192.0.2.254"), "a query parameter is text, not quoted JSON");
    assert_eq!(request.headers["x-client-ip"], "198.51.100.7");
    let body = String::from_utf8(request.body.clone()).unwrap();
    for (name, value) in [("v4", "192.0.2.1"), ("v6", "::1")] {
        let part = format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n");
        assert!(body.contains(&part), "multipart text part {name}: {body}");
    }
    assert!(!body.contains("application/json"), "no part is JSON: {body}");
    // Not an address: a decode error, not a string that looks like one.
    assert!(serde_json::from_value::<Host>(json!({"v4": "999.0.0.1"})).is_err());
}

#[test]
fn integer_bounds_written_as_javascript_doubles_are_the_64_bit_limits() {
    // The spec's `minimum: -9223372036854776000` is i64::MIN; the whole range still reads.
    for value in [i64::MIN, 0, i64::MAX] {
        let counter: Counter = serde_json::from_value(json!({ "value": value })).unwrap();
        assert_eq!(counter.value, value);
    }
}
