//! The generated refresh client against a local mock server (loopback only).

use junction_api::runtime::ConstBool;
use junction_api::user::RefreshError;
use junction_api::{Client, Environment, Error};
use serde_json::json;
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

mod common;

use common::{connect, received, refreshed, user_id, KEY, USER};

/// Answers every refresh of `USER` with `response`.
async fn mock(server: &MockServer, response: ResponseTemplate) {
    Mock::given(method("POST"))
        .and(path(format!("/v2/user/refresh/{USER}")))
        .respond_with(response)
        .mount(server)
        .await;
}

#[tokio::test]
async fn ok_200_gives_the_success_body_and_status() {
    let server = MockServer::start().await;
    mock(&server, ResponseTemplate::new(200).set_body_json(refreshed(true))).await;
    let refreshed = connect(Client::builder(), &server).user().refresh(user_id()).await.unwrap();
    assert_eq!(refreshed.status(), 200);
    assert_eq!(refreshed.user_id, user_id());
    assert_eq!(refreshed.refreshed_sources, ["withings/workouts", "withings/sleep"]);
    assert_eq!(refreshed.success, ConstBool::<true>);
}

#[tokio::test]
async fn accepted_202_gives_the_same_body_and_tells_the_status() {
    let server = MockServer::start().await;
    mock(&server, ResponseTemplate::new(202).set_body_json(refreshed(true))).await;
    let refreshed = connect(Client::builder(), &server).user().refresh(user_id()).send().await.unwrap();
    assert_eq!(refreshed.status(), 202);
    assert_eq!(refreshed.into_body().failed_sources, ["oura/sleep"]);
}

#[tokio::test]
async fn bad_request_400_is_a_typed_error_body() {
    let server = MockServer::start().await;
    let body =
        json!({"success": false, "user_id": USER, "error": "user has no connected sources", "failed_sources": []});
    mock(&server, ResponseTemplate::new(400).set_body_json(body)).await;
    let err = connect(Client::builder(), &server).user().refresh(user_id()).await.unwrap_err();
    assert_eq!(err.status(), Some(reqwest::StatusCode::BAD_REQUEST));
    match err {
        Error::Api(api) => match api.body {
            RefreshError::BadRequest(body) => {
                assert_eq!(body.error, "user has no connected sources");
                assert_eq!(body.failed_sources, Some(vec![]));
            }
            other => panic!("expected BadRequest, got {other:?}"),
        },
        other => panic!("expected an API error, got {other:?}"),
    }
}

#[tokio::test]
async fn validation_error_422_is_a_typed_error_body() {
    let server = MockServer::start().await;
    let detail = json!([{"loc": ["path", "user_id"], "msg": "bad", "type": "value_error"}]);
    mock(&server, ResponseTemplate::new(422).set_body_json(json!({"detail": detail}))).await;
    let err = connect(Client::builder(), &server).user().refresh(user_id()).await.unwrap_err();
    match err.api_error() {
        Some(RefreshError::UnprocessableEntity(e)) => assert_eq!(e.detail, Some(detail)),
        other => panic!("expected UnprocessableEntity, got {other:?}"),
    }
}

#[tokio::test]
async fn undeclared_500_keeps_status_headers_and_body() {
    let server = MockServer::start().await;
    mock(&server, ResponseTemplate::new(500).insert_header("x-request-id", "abc").set_body_string("upstream exploded"))
        .await;
    let err = connect(Client::builder(), &server).user().refresh(user_id()).await.unwrap_err();
    match &err {
        Error::UnexpectedStatus(raw) => {
            assert_eq!(raw.status, 500);
            assert_eq!(raw.headers["x-request-id"], "abc");
            assert_eq!(raw.text(), "upstream exploded");
        }
        other => panic!("expected UnexpectedStatus, got {other:?}"),
    }
    assert_eq!(err.to_string(), "unexpected HTTP status 500 Internal Server Error (17 body bytes)");
}

#[tokio::test]
async fn success_false_on_200_is_a_decode_error_keeping_the_raw_body() {
    let server = MockServer::start().await;
    mock(&server, ResponseTemplate::new(200).set_body_json(refreshed(false))).await;
    let err = connect(Client::builder(), &server).user().refresh(user_id()).await.unwrap_err();
    match &err {
        Error::Decode { response, path, error } => {
            assert_eq!(path, "success");
            assert!(error.to_string().contains("expected the constant `true`"), "{error}");
            assert_eq!(serde_json::from_slice::<serde_json::Value>(&response.body).unwrap(), refreshed(false));
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[tokio::test]
async fn invalid_json_is_a_decode_error_keeping_the_raw_body() {
    let server = MockServer::start().await;
    mock(&server, ResponseTemplate::new(200).set_body_string("{\"success\": tru")).await;
    let err = connect(Client::builder(), &server).user().refresh(user_id()).await.unwrap_err();
    let raw = err.raw_response().expect("the raw response is kept");
    assert_eq!(raw.text(), "{\"success\": tru");
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
}

#[tokio::test]
async fn out_of_range_timeouts_are_rejected_before_sending() {
    let server = MockServer::start().await;
    mock(&server, ResponseTemplate::new(200).set_body_json(refreshed(true))).await;
    let client = connect(Client::builder(), &server);
    for bad in [4.99, 60.01, -1.0, f64::NAN, f64::INFINITY] {
        let err = client.user().refresh(user_id()).timeout(bad).await.unwrap_err();
        match &err {
            Error::InvalidRequest(invalid) => {
                assert_eq!(invalid.parameter, "timeout");
                assert!(invalid.message.contains(">= 5 and <= 60"), "{}", invalid.message);
            }
            other => panic!("expected InvalidRequest for {bad}, got {other:?}"),
        }
    }
    assert_eq!(received(&server).await.len(), 0, "no request may reach the server");
}

#[tokio::test]
async fn in_range_timeouts_are_sent_as_the_query_parameter() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(format!("/v2/user/refresh/{USER}")))
        .and(query_param("timeout", "30"))
        .respond_with(ResponseTemplate::new(200).set_body_json(refreshed(true)))
        .expect(1)
        .mount(&server)
        .await;
    let client = connect(Client::builder(), &server);
    client.user().refresh(user_id()).timeout(30.0).await.unwrap();
    for edge in [5.0, 60.0] {
        // The bounds are inclusive; the mock answers 404 for other query values, which is still "sent".
        let err = client.user().refresh(user_id()).timeout(edge).await.unwrap_err();
        assert_eq!(err.status(), Some(reqwest::StatusCode::NOT_FOUND));
    }
    let requests = received(&server).await;
    let queries: Vec<Option<&str>> = requests.iter().map(|r| r.url.query()).collect();
    assert_eq!(queries, [Some("timeout=30"), Some("timeout=5"), Some("timeout=60")]);
}

#[tokio::test]
async fn no_timeout_sends_no_query_string() {
    let server = MockServer::start().await;
    mock(&server, ResponseTemplate::new(200).set_body_json(refreshed(true))).await;
    connect(Client::builder(), &server).user().refresh(user_id()).await.unwrap();
    let requests = received(&server).await;
    assert_eq!(requests[0].url.query(), None);
}

#[tokio::test]
async fn the_api_key_header_and_the_path_for_a_uuid() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v2/user/refresh/1449752e-0d8a-40e0-9206-91ab099b2537"))
        .and(header("x-vital-api-key", KEY))
        .respond_with(ResponseTemplate::new(200).set_body_json(refreshed(true)))
        .expect(1)
        .mount(&server)
        .await;
    connect(Client::builder(), &server).user().refresh(user_id()).await.unwrap();
    let requests = received(&server).await;
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].url.path(), "/v2/user/refresh/1449752e-0d8a-40e0-9206-91ab099b2537");
    assert_eq!(requests[0].headers["x-vital-api-key"], KEY);
}

#[tokio::test]
async fn a_secured_operation_without_an_api_key_is_not_sent() {
    let server = MockServer::start().await;
    mock(&server, ResponseTemplate::new(200).set_body_json(refreshed(true))).await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();
    let err = client.user().refresh(user_id()).await.unwrap_err();
    assert!(matches!(&err, Error::InvalidRequest(i) if i.parameter == "api_key"), "{err:?}");
    assert_eq!(received(&server).await.len(), 0);
}

#[test]
fn the_api_key_never_shows_in_debug_output() {
    let builder = Client::builder().api_key(KEY);
    assert!(!format!("{builder:?}").contains(KEY));
    let client = builder.build().unwrap();
    let debug = format!("{client:?}");
    assert!(!debug.contains(KEY) && debug.contains("<redacted>"), "{debug}");
}

#[test]
fn environments_choose_the_base_url_and_production_is_the_default() {
    let default = Client::builder().build().unwrap();
    assert_eq!(default.base_url(), "https://api.us.junction.com/");
    let sandbox = Client::builder().environment(Environment::SandboxEu).build().unwrap();
    assert_eq!(sandbox.base_url(), "https://api.sandbox.eu.junction.com/");
    let proxy =
        Client::builder().environment(Environment::Sandbox).base_url("http://127.0.0.1:9/proxy").build().unwrap();
    assert_eq!(proxy.base_url(), "http://127.0.0.1:9/proxy");
}

#[test]
fn a_malformed_base_url_is_a_configuration_error() {
    let err = Client::builder().base_url("not a url").build().unwrap_err();
    assert!(matches!(err, Error::Config(_)), "{err:?}");
    assert!(err.to_string().contains("not a url"), "{err}");
}
