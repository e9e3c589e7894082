//! Paging through each style against a local mock server: three pages and a stop, an error on page
//! two, a repeated cursor, the caller's page limit, resuming, stopping early, and request options and
//! retries on every page.

use futures::StreamExt;
use junction_api::runtime::{PaginationError, RequestOptions, RetryPolicy};
use junction_api::{Client, Error};
use serde_json::{json, Value};
use std::time::Duration;
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

mod common;

use common::{connect, received, user_id, KEY, USER};

fn client(server: &MockServer) -> Client {
    let fast = RetryPolicy {
        initial_delay: Duration::from_millis(10),
        max_delay: Duration::from_millis(20),
        ..RetryPolicy::default()
    };
    connect(Client::builder().retry_policy(fast), server)
}

const STEPS: &str = "/v2/timeseries/1449752e-0d8a-40e0-9206-91ab099b2537/steps/grouped";

/// A grouped steps page: one group per provider, `values` steps each, and the next cursor.
fn steps_page(providers: &[(&str, &[i64])], next: Option<&str>) -> Value {
    let groups: serde_json::Map<String, Value> = providers
        .iter()
        .map(|(provider, values)| {
            let data: Vec<Value> = values
                .iter()
                .map(|v| json!({"timestamp": "2023-02-13T14:30:52+00:00", "start": "2023-02-13T14:30:52+00:00", "end": "2023-02-13T14:57:24+00:00", "unit": "count", "value": v}))
                .collect();
            (provider.to_string(), json!([{"source": {"provider": provider, "type": "ring"}, "data": data}]))
        })
        .collect();
    json!({"groups": groups, "next": next, "next_cursor": next})
}

/// Answers `GET STEPS` at `cursor` (`None`: no cursor sent) with `body`.
async fn steps_at(server: &MockServer, cursor: Option<&str>, body: ResponseTemplate) {
    let mock = Mock::given(method("GET")).and(path(STEPS));
    let mock = match cursor {
        Some(cursor) => mock.and(query_param("next_cursor", cursor)),
        None => mock.and(query_param_is_missing("next_cursor")),
    };
    mock.respond_with(body).mount(server).await;
}

fn ok(body: Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(body)
}

fn cursors_sent(requests: &[wiremock::Request]) -> Vec<Option<String>> {
    requests
        .iter()
        .map(|r| r.url.query_pairs().find(|(k, _)| k == "next_cursor").map(|(_, v)| v.into_owned()))
        .collect()
}

#[tokio::test]
async fn cursor_pages_follow_next_cursor_until_it_is_null_and_items_flatten_every_group() {
    let server = MockServer::start().await;
    steps_at(&server, None, ok(steps_page(&[("oura", &[1, 2]), ("fitbit", &[3])], Some("c2")))).await;
    steps_at(&server, Some("c2"), ok(steps_page(&[("oura", &[4])], Some("c3")))).await;
    steps_at(&server, Some("c3"), ok(steps_page(&[("oura", &[5])], None))).await;
    let client = client(&server);

    let pages: Vec<_> = client.vitals().steps_grouped(user_id(), "2023-02-13").pages().collect().await;
    assert_eq!(pages.len(), 3);
    let page_one = pages[0].as_ref().unwrap();
    assert_eq!(page_one.status(), 200);
    assert_eq!(page_one.next_cursor.as_deref(), Some("c2"));
    assert_eq!(cursors_sent(&received(&server).await), [None, Some("c2".into()), Some("c3".into())]);

    // Items: every list of each page's map, providers in key order (fitbit before oura), page by page.
    let values: Vec<f64> = client
        .vitals()
        .steps_grouped(user_id(), "2023-02-13")
        .items()
        .map(|group| group.unwrap())
        .flat_map(|group| futures::stream::iter(group.data.into_iter().map(|step| step.value)))
        .collect()
        .await;
    assert_eq!(values, [3.0, 1.0, 2.0, 4.0, 5.0]);
    // Every page carries the same parameters and the API key.
    for request in received(&server).await {
        assert_eq!(request.url.query_pairs().find(|(k, _)| k == "start_date").unwrap().1, "2023-02-13");
        assert_eq!(request.headers.get("x-vital-api-key").unwrap(), KEY);
    }
}

#[tokio::test]
async fn offset_pages_move_by_the_items_received_until_the_total() {
    let server = MockServer::start().await;
    let user = |n: u32| {
        json!({
            "user_id": USER, "team_id": USER, "client_user_id": format!("user-{n}"),
            "created_on": "2024-01-01T00:00:00+00:00", "connected_sources": [], "fallback_time_zone": null,
        })
    };
    let page = |offset: u32, users: Vec<Value>| json!({"users": users, "total": 5, "offset": offset, "limit": 2});
    let at = |offset: Option<&'static str>| {
        let mock = Mock::given(method("GET")).and(path("/v2/user")).and(query_param("limit", "2"));
        match offset {
            Some(offset) => mock.and(query_param("offset", offset)),
            None => mock.and(query_param_is_missing("offset")),
        }
    };
    at(None).respond_with(ok(page(0, vec![user(1), user(2)]))).mount(&server).await;
    at(Some("2")).respond_with(ok(page(2, vec![user(3), user(4)]))).mount(&server).await;
    // The server's last page; a fourth request (offset 5 = total) would get a 500.
    at(Some("4")).respond_with(ok(page(4, vec![user(5)]))).mount(&server).await;
    at(Some("5")).respond_with(ResponseTemplate::new(500)).mount(&server).await;
    let client = client(&server);

    let names: Vec<String> =
        client.user().get_all().limit(2).items().map(|user| user.unwrap().client_user_id).collect().await;
    assert_eq!(names, ["user-1", "user-2", "user-3", "user-4", "user-5"]);
    assert_eq!(received(&server).await.len(), 3);
}

#[tokio::test]
async fn page_numbers_count_up_to_pages_and_an_empty_page_ends_a_list_without_a_count() {
    let server = MockServer::start().await;
    let marker =
        |id: u32| json!({"id": id, "name": format!("Marker {id}"), "slug": format!("m{id}"), "expected_results": []});
    let markers = |page: u32| json!({"markers": [marker(page * 10), marker(page * 10 + 1)], "total": 6, "page": page, "size": 2, "pages": 3});
    let at = |page: Option<&'static str>| {
        let mock = Mock::given(method("GET")).and(path("/v3/lab_tests/markers"));
        match page {
            Some(page) => mock.and(query_param("page", page)),
            None => mock.and(query_param_is_missing("page")),
        }
    };
    at(None).respond_with(ok(markers(1))).mount(&server).await;
    at(Some("2")).respond_with(ok(markers(2))).mount(&server).await;
    at(Some("3")).respond_with(ok(markers(3))).mount(&server).await;
    at(Some("4")).respond_with(ResponseTemplate::new(500)).mount(&server).await;
    let client = client(&server);
    let ids: Vec<i64> = client.lab_tests().get_markers().items().map(|m| m.unwrap().id).collect().await;
    assert_eq!(ids, [10, 11, 20, 21, 30, 31]);
    assert_eq!(received(&server).await.len(), 3);

    // Without a page count or total (both `null`), the empty page is the end.
    server.reset().await;
    let uncounted = |page: u32, ids: &[u32]| {
        let markers: Vec<Value> = ids.iter().map(|id| marker(*id)).collect();
        json!({"markers": markers, "total": null, "page": page, "size": 2, "pages": null})
    };
    at(None).respond_with(ok(uncounted(1, &[1, 2]))).mount(&server).await;
    at(Some("2")).respond_with(ok(uncounted(2, &[3]))).mount(&server).await;
    at(Some("3")).respond_with(ok(uncounted(3, &[]))).mount(&server).await;
    at(Some("4")).respond_with(ResponseTemplate::new(500)).mount(&server).await;
    let pages: Vec<_> = client.lab_tests().get_markers().pages().collect().await;
    assert_eq!(pages.len(), 3);
    assert!(pages.iter().all(Result::is_ok));
    assert_eq!(received(&server).await.len(), 3);
}

#[tokio::test]
async fn an_error_on_page_two_is_yielded_and_ends_the_stream() {
    let server = MockServer::start().await;
    steps_at(&server, None, ok(steps_page(&[("oura", &[1])], Some("c2")))).await;
    let invalid = json!({"detail": [{"loc": ["query", "next_cursor"], "msg": "bad cursor", "type": "value_error"}]});
    steps_at(&server, Some("c2"), ResponseTemplate::new(422).set_body_json(invalid)).await;
    steps_at(&server, Some("c3"), ok(steps_page(&[("oura", &[3])], None))).await;
    let client = client(&server);

    let mut pages = client.vitals().steps_grouped(user_id(), "2023-02-13").pages();
    assert!(pages.next().await.unwrap().is_ok());
    let error = pages.next().await.unwrap().unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(422));
    assert!(error.api_error().is_some(), "{error:?}");
    assert!(pages.next().await.is_none());
    assert_eq!(received(&server).await.len(), 2);
}

#[tokio::test]
async fn a_repeated_cursor_ends_the_stream_with_an_error_instead_of_looping() {
    let server = MockServer::start().await;
    steps_at(&server, None, ok(steps_page(&[("oura", &[1])], Some("c2")))).await;
    steps_at(&server, Some("c2"), ok(steps_page(&[("oura", &[2])], Some("c3")))).await;
    // The third page points back at the second.
    steps_at(&server, Some("c3"), ok(steps_page(&[("oura", &[3])], Some("c2")))).await;
    let client = client(&server);

    let results: Vec<_> = client.vitals().steps_grouped(user_id(), "2023-02-13").pages().collect().await;
    assert_eq!(results.len(), 4);
    assert!(results[..3].iter().all(Result::is_ok));
    match &results[3] {
        Err(Error::Pagination(PaginationError::RepeatedCursor { pages: 3 })) => {}
        other => panic!("expected a repeated cursor after 3 pages, got {other:?}"),
    }
    assert_eq!(received(&server).await.len(), 3);

    // A server that answers a cursor with that same cursor stops it at once (resuming at c9).
    let server = MockServer::start().await;
    steps_at(&server, Some("c9"), ok(steps_page(&[("oura", &[9])], Some("c9")))).await;
    let client = self::client(&server);
    let results: Vec<_> =
        client.vitals().steps_grouped(user_id(), "2023-02-13").next_cursor("c9").pages().collect().await;
    assert!(results[0].is_ok());
    assert!(matches!(results[1], Err(Error::Pagination(PaginationError::RepeatedCursor { pages: 1 }))));
    assert_eq!(results.len(), 2);
    assert!(!format!("{}", results[1].as_ref().unwrap_err()).contains("c9"), "the cursor is not printed");
}

#[tokio::test]
async fn the_callers_page_limit_ends_an_endless_server_with_an_error_and_take_stops_quietly() {
    let server = MockServer::start().await;
    // Every page points at a fresh cursor.
    Mock::given(method("GET"))
        .and(path(STEPS))
        .respond_with(|request: &wiremock::Request| {
            let n: u32 = request
                .url
                .query_pairs()
                .find(|(k, _)| k == "next_cursor")
                .map_or(0, |(_, v)| v.trim_start_matches('c').parse().unwrap());
            ok(steps_page(&[("oura", &[i64::from(n)])], Some(&format!("c{}", n + 1))))
        })
        .mount(&server)
        .await;
    let client = client(&server);
    let results: Vec<_> = client.vitals().steps_grouped(user_id(), "2023-02-13").pages().max_pages(3).collect().await;
    assert_eq!(results.len(), 4);
    assert!(matches!(results[3], Err(Error::Pagination(PaginationError::PageLimit { limit: 3 }))));
    assert_eq!(received(&server).await.len(), 3);

    // Stopping early: two items from the first page, and only one request.
    server.reset().await;
    Mock::given(method("GET"))
        .and(path(STEPS))
        .respond_with(ok(steps_page(&[("oura", &[1]), ("withings", &[2]), ("fitbit", &[0])], Some("c1"))))
        .mount(&server)
        .await;
    let first: Vec<_> = client.vitals().steps_grouped(user_id(), "2023-02-13").items().take(2).collect().await;
    assert_eq!(first.len(), 2);
    assert_eq!(received(&server).await.len(), 1);
}

#[tokio::test]
async fn request_options_and_retries_apply_to_every_page_and_resuming_starts_at_the_cursor() {
    let server = MockServer::start().await;
    steps_at(&server, Some("c5"), ok(steps_page(&[("oura", &[5])], Some("c6")))).await;
    // Page two fails once with a 503, then succeeds: retried like any request.
    Mock::given(method("GET"))
        .and(path(STEPS))
        .and(query_param("next_cursor", "c6"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    steps_at(&server, Some("c6"), ok(steps_page(&[("oura", &[6])], None))).await;
    let client = client(&server);

    let options = RequestOptions::new().header("x-trace", "paging");
    let pages: Vec<_> = client
        .vitals()
        .steps_grouped(user_id(), "2023-02-13")
        .next_cursor("c5")
        .request_options(options)
        .pages()
        .collect()
        .await;
    assert_eq!(pages.len(), 2);
    assert!(pages.iter().all(Result::is_ok), "{pages:?}");
    let requests = received(&server).await;
    assert_eq!(cursors_sent(&requests), [Some("c5".into()), Some("c6".into()), Some("c6".into())]);
    assert!(requests.iter().all(|r| r.headers.get("x-trace").is_some_and(|v| v == "paging")));
}

#[tokio::test]
async fn page_streams_can_move_to_another_task() {
    let server = MockServer::start().await;
    steps_at(&server, None, ok(steps_page(&[("oura", &[1])], None))).await;
    // `tokio::spawn` needs the stream (and its in-flight request) to be `Send + 'static`.
    let client = client(&server);
    let task = tokio::spawn(async move {
        let items = client.vitals().steps_grouped(user_id(), "2023-02-13").items();
        items.collect::<Vec<_>>().await.len()
    });
    assert_eq!(task.await.unwrap(), 1);
}
