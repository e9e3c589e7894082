//! Fault injection against a local mock server (loopback only): each case asserts the typed outcome and
//! how many requests the server saw. Backoff is shortened (10-50 ms) so the suite stays fast; the one
//! `Retry-After: 1` case really waits about a second.

use junction_api::runtime::{RequestOptions, RetryPolicy};
use junction_api::types::{Availability, HttpValidationError, UserRefreshErrorResponse};
use junction_api::user::RefreshError;
use junction_api::{Client, Error};
use serde_json::json;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use wiremock::matchers::{method, path_regex};
use wiremock::{Mock, MockServer, ResponseTemplate};

mod common;

use common::{received, refreshed, user_id, KEY, USER};

fn fast_retries() -> RetryPolicy {
    RetryPolicy {
        initial_delay: Duration::from_millis(10),
        max_delay: Duration::from_millis(50),
        ..RetryPolicy::default()
    }
}

fn client(uri: &str) -> Client {
    Client::builder().api_key(KEY).base_url(uri).retry_policy(fast_retries()).build().unwrap()
}

async fn seen(server: &MockServer) -> usize {
    received(server).await.len()
}

/// A mock for the refresh endpoint answering `template`, at most `times` times when given.
async fn refresh_answers(server: &MockServer, template: ResponseTemplate, times: Option<u64>) {
    let mock = Mock::given(method("POST")).and(path_regex("^/v2/user/refresh/")).respond_with(template);
    match times {
        Some(n) => mock.up_to_n_times(n).with_priority(1).mount(server).await,
        None => mock.with_priority(2).mount(server).await,
    }
}

#[tokio::test]
async fn case_01_a_503_then_200_succeeds_after_one_retry() {
    let server = MockServer::start().await;
    refresh_answers(&server, ResponseTemplate::new(503), Some(1)).await;
    refresh_answers(&server, ResponseTemplate::new(200).set_body_json(refreshed(true)), None).await;
    let refreshed = client(&server.uri()).user().refresh(user_id()).await.unwrap();
    assert_eq!(refreshed.user_id, user_id());
    assert_eq!(seen(&server).await, 2);
}

#[tokio::test]
async fn case_02_a_503_forever_fails_after_exactly_one_plus_max_retries_attempts() {
    let server = MockServer::start().await;
    refresh_answers(&server, ResponseTemplate::new(503).set_body_string("down"), None).await;
    let err = client(&server.uri()).user().refresh(user_id()).await.unwrap_err();
    assert!(matches!(&err, Error::UnexpectedStatus(r) if r.status == 503 && r.text() == "down"), "{err:?}");
    assert!(err.is_retryable());
    assert_eq!(seen(&server).await, 3);
}

#[tokio::test]
async fn case_03_retry_after_is_honoured() {
    let server = MockServer::start().await;
    refresh_answers(&server, ResponseTemplate::new(429).insert_header("retry-after", "1"), Some(1)).await;
    refresh_answers(&server, ResponseTemplate::new(200).set_body_json(refreshed(true)), None).await;
    let start = Instant::now();
    client(&server.uri()).user().refresh(user_id()).await.unwrap();
    let waited = start.elapsed();
    assert!(waited >= Duration::from_millis(950) && waited < Duration::from_secs(5), "{waited:?}");
    assert_eq!(seen(&server).await, 2);
}

#[tokio::test]
async fn case_04_a_400_is_the_typed_error_body_and_not_retried() {
    let server = MockServer::start().await;
    let body = json!({"success": false, "user_id": USER, "error": "no sources"});
    refresh_answers(&server, ResponseTemplate::new(400).set_body_json(body), None).await;
    let err = client(&server.uri()).user().refresh(user_id()).await.unwrap_err();
    match err.api_error() {
        Some(RefreshError::BadRequest(UserRefreshErrorResponse { error, .. })) => assert_eq!(error, "no sources"),
        other => panic!("expected the 400 body, got {other:?}"),
    }
    assert!(!err.is_retryable());
    assert_eq!(seen(&server).await, 1);
}

#[tokio::test]
async fn case_05_a_422_is_the_typed_validation_error_and_not_retried() {
    let server = MockServer::start().await;
    let body = json!({"detail": [{"loc": ["query", "timeout"], "msg": "too big", "type": "value_error"}]});
    refresh_answers(&server, ResponseTemplate::new(422).set_body_json(body), None).await;
    let err = client(&server.uri()).user().refresh(user_id()).await.unwrap_err();
    assert!(matches!(err.api_error(), Some(RefreshError::UnprocessableEntity(HttpValidationError { .. }))), "{err:?}");
    assert_eq!(seen(&server).await, 1);
}

#[tokio::test]
async fn case_06_a_server_slower_than_the_timeout_times_out_and_is_retried() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(2)))
        .mount(&server)
        .await;
    let client = Client::builder()
        .api_key(KEY)
        .base_url(server.uri())
        .timeout(Duration::from_millis(200))
        .retry_policy(fast_retries())
        .build()
        .unwrap();
    let err = client.user().get_by_client_user_id(String::from("me")).await.unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    assert_eq!(err.attempts(), Some(3));
    assert_eq!(seen(&server).await, 3);
}

#[tokio::test]
async fn a_timeout_the_caller_sets_bounds_refresh_even_when_it_asks_the_server_to_wait() {
    // `timeout=5` asks the server to hold the request up to 5 s; the caller's own bounds still apply,
    // client-wide and per request (only the default is raised for such waits; see runtime::request).
    let server = MockServer::start().await;
    refresh_answers(
        &server,
        ResponseTemplate::new(200).set_body_json(refreshed(true)).set_delay(Duration::from_secs(3)),
        None,
    )
    .await;
    let bounded = |timeout| {
        Client::builder().api_key(KEY).base_url(server.uri()).timeout(timeout).max_retries(0).build().unwrap()
    };
    let started = Instant::now();
    let err = bounded(Duration::from_millis(300)).user().refresh(user_id()).timeout(5.0).await.unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "the 300 ms client timeout was raised: {:?}",
        started.elapsed()
    );

    let per_request = RequestOptions::new().timeout(Duration::from_millis(300));
    let started = Instant::now();
    let err = bounded(Duration::from_secs(60))
        .user()
        .refresh(user_id())
        .timeout(5.0)
        .request_options(per_request)
        .await
        .unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    assert!(started.elapsed() < Duration::from_secs(2), "the per-request timeout was raised: {:?}", started.elapsed());
    assert_eq!(seen(&server).await, 2);
}

#[tokio::test]
async fn case_07_invalid_json_on_200_is_a_decode_error_with_the_raw_body() {
    let server = MockServer::start().await;
    refresh_answers(&server, ResponseTemplate::new(200).set_body_string("{\"success\": tru"), None).await;
    let err = client(&server.uri()).user().refresh(user_id()).await.unwrap_err();
    match &err {
        Error::Decode { response, .. } => assert_eq!(response.text(), "{\"success\": tru"),
        other => panic!("expected a decode error, got {other:?}"),
    }
    assert_eq!(seen(&server).await, 1);
}

/// A server that promises 100 bytes, sends 10 and hangs up, counting the connections it took.
async fn truncating_server() -> (String, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let connections = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = connections.clone();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            let mut buffer = [0u8; 4096];
            let _ = socket.read(&mut buffer).await;
            let _ = socket
                .write_all(
                    b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{\"success\"",
                )
                .await;
            drop(socket);
        }
    });
    (format!("http://{address}"), connections)
}

#[tokio::test]
async fn case_08_a_body_cut_off_mid_response_is_a_transport_error_after_the_retries() {
    let (uri, connections) = truncating_server().await;
    let err = client(&uri).user().refresh(user_id()).await.unwrap_err();
    assert!(matches!(err, Error::Transport { attempts: 3, .. }), "{err:?}");
    assert_eq!(connections.load(std::sync::atomic::Ordering::SeqCst), 3);
}

#[tokio::test]
async fn case_09_success_false_on_200_is_a_decode_error_not_a_success() {
    let server = MockServer::start().await;
    let mut body = refreshed(true);
    body["success"] = json!(false);
    refresh_answers(&server, ResponseTemplate::new(200).set_body_json(body), None).await;
    let err = client(&server.uri()).user().refresh(user_id()).await.unwrap_err();
    assert!(matches!(&err, Error::Decode { path, .. } if path == "success"), "{err:?}");
}

#[tokio::test]
async fn case_10_unknown_fields_are_ignored() {
    let server = MockServer::start().await;
    let mut body = refreshed(true);
    body["brand_new_field"] = json!({"nested": [1, 2]});
    refresh_answers(&server, ResponseTemplate::new(200).set_body_json(body), None).await;
    assert!(client(&server.uri()).user().refresh(user_id()).await.is_ok());
}

#[tokio::test]
async fn case_11_an_unknown_enum_value_in_a_real_response_lands_in_unknown() {
    let server = MockServer::start().await;
    let provider = json!({
        "name": "Oura", "slug": "oura", "logo": "https://logo", "status": "connected",
        "created_on": "2026-01-01T00:00:00+00:00",
        "resource_availability": {"sleep": {"status": "temporarily_paused"}}
    });
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"providers": [provider]})))
        .mount(&server)
        .await;
    let connected = client(&server.uri()).user().get_connected_providers(user_id()).await.unwrap();
    let provider = &connected.values().next().unwrap()[0];
    let sleep = provider.resource_availability.values().next().unwrap();
    assert_eq!(sleep.status, Availability::Unknown(String::from("temporarily_paused")));
}

#[tokio::test]
async fn case_12_an_undeclared_404_is_an_unexpected_status_with_its_body() {
    let server = MockServer::start().await;
    refresh_answers(&server, ResponseTemplate::new(404).set_body_string("no such user"), None).await;
    let err = client(&server.uri()).user().refresh(user_id()).await.unwrap_err();
    match &err {
        Error::UnexpectedStatus(response) => {
            assert_eq!((response.status.as_u16(), &*response.text()), (404, "no such user"))
        }
        other => panic!("expected an unexpected status, got {other:?}"),
    }
    assert_eq!(seen(&server).await, 1);
}

#[tokio::test]
async fn case_13_a_body_over_the_size_limit_fails_cleanly() {
    let server = MockServer::start().await;
    let huge = format!("{{\"pad\": \"{}\"}}", "x".repeat(64 * 1024));
    refresh_answers(&server, ResponseTemplate::new(200).set_body_string(huge), None).await;
    let client = Client::builder().api_key(KEY).base_url(server.uri()).max_response_body(16 * 1024).build().unwrap();
    let err = client.user().refresh(user_id()).await.unwrap_err();
    assert!(matches!(err, Error::ResponseTooLarge { limit: 16384, .. }), "{err:?}");
}

#[tokio::test]
async fn max_retries_zero_disables_retrying() {
    let server = MockServer::start().await;
    refresh_answers(&server, ResponseTemplate::new(503), None).await;
    let client = Client::builder().api_key(KEY).base_url(server.uri()).max_retries(0).build().unwrap();
    assert!(client.user().refresh(user_id()).await.is_err());
    assert_eq!(seen(&server).await, 1);
}

#[tokio::test]
async fn request_options_override_the_client_defaults() {
    let server = MockServer::start().await;
    refresh_answers(&server, ResponseTemplate::new(503), None).await;
    let client = Client::builder()
        .api_key(KEY)
        .base_url(server.uri())
        .max_retries(0)
        .retry_policy(RetryPolicy { max_retries: 0, ..fast_retries() })
        .default_header("x-team", "t1")
        .build()
        .unwrap();
    let options = RequestOptions::new()
        .max_retries(1)
        .header("x-request-id", "r-1")
        .header("x-tag", "a")
        .header("x-tag", "b")
        .query("trace", "on");
    assert!(client.user().refresh(user_id()).request_options(options).await.is_err());
    let requests = received(&server).await;
    assert_eq!(requests.len(), 2, "one retry, as the request asked");
    let first = &requests[0];
    assert_eq!(first.headers.get("x-request-id").unwrap(), "r-1");
    assert_eq!(first.headers.get("x-team").unwrap(), "t1");
    let tags: Vec<&str> = first.headers.get_all("x-tag").iter().map(|v| v.to_str().unwrap()).collect();
    assert_eq!(tags, ["a", "b"], "a repeated extra header sends every value");
    assert!(first.headers.get("user-agent").unwrap().to_str().unwrap().starts_with("junction-api-rust/"));
    assert_eq!(first.url.query(), Some("trace=on"));
}

#[tokio::test]
async fn the_api_key_appears_in_no_debug_display_or_error_text() {
    let server = MockServer::start().await;
    refresh_answers(&server, ResponseTemplate::new(503).set_body_string("down"), None).await;
    let client = client(&server.uri());
    let err = client.user().refresh(user_id()).await.unwrap_err();
    let builder = client.user().refresh(user_id()).request_options(RequestOptions::new().header("authorization", KEY));
    let texts = [format!("{client:?}"), format!("{err}"), format!("{err:?}"), format!("{builder:?}")];
    for text in texts {
        assert!(!text.contains(KEY), "the key leaked: {text}");
    }
    // The key was sent, marked sensitive.
    assert_eq!(received(&server).await[0].headers.get("x-vital-api-key").unwrap(), KEY);
}

#[tokio::test]
async fn path_and_query_values_are_percent_encoded() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(404)).mount(&server).await;
    let client = client(&server.uri());
    for value in ["../admin", "a?b=c", "x#frag", "100%", "two words", "naïve/ユーザー"] {
        let _ = client.user().get_by_client_user_id(value.to_owned()).await;
    }
    let paths: Vec<String> = received(&server).await.iter().map(|r| r.url.path().to_owned()).collect();
    assert_eq!(
        paths,
        [
            "/v2/user/resolve/..%2Fadmin",
            "/v2/user/resolve/a%3Fb%3Dc",
            "/v2/user/resolve/x%23frag",
            "/v2/user/resolve/100%25",
            "/v2/user/resolve/two%20words",
            "/v2/user/resolve/na%C3%AFve%2F%E3%83%A6%E3%83%BC%E3%82%B6%E3%83%BC",
        ]
    );
    for value in ["..", ".", ""] {
        let err = client.user().get_by_client_user_id(value.to_owned()).await.unwrap_err();
        assert!(matches!(err, Error::InvalidRequest(_)), "{value:?}: {err:?}");
    }
    // Query values: `&`, `=`, `#`, spaces and unicode stay inside their parameter.
    let options = RequestOptions::new().query("q", "a&b=c #ü");
    let _ = client.user().get_by_client_user_id(String::from("u")).request_options(options).await;
    let last = received(&server).await.pop().unwrap();
    let pairs: Vec<(String, String)> = last.url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
    assert_eq!(pairs, [(String::from("q"), String::from("a&b=c #ü"))]);
}
