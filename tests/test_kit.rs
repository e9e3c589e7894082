//! The test kit (feature `testing`): typed expectations, canned responses and captured requests, all in
//! process. No test here opens a socket, and none needs tokio: `futures::executor::block_on` drives the
//! client, as any executor can.

use futures::executor::block_on;
use futures::StreamExt;
use junction_api::runtime::testing::{MockResponse, MOCK_API_KEY};
use junction_api::testing::Mock;
use junction_api::types::{
    ClientFacingUser, PaginatedUsersResponse, UserRefreshErrorResponse, UserRefreshSuccessResponse,
};
use junction_api::user::RefreshError;
use junction_api::Error;
use std::time::Duration;

const USER: &str = "1449752e-0d8a-40e0-9206-91ab099b2537";

fn user_id() -> uuid::Uuid {
    USER.parse().unwrap()
}

/// Drives a call on the futures crate's executor (no tokio).
fn run<F: std::future::IntoFuture>(call: F) -> F::Output {
    block_on(call.into_future())
}

fn refreshed() -> UserRefreshSuccessResponse {
    UserRefreshSuccessResponse::new(user_id(), ["withings/sleep".to_owned()], Vec::new(), ["oura/sleep".to_owned()])
}

#[test]
fn a_typed_success_is_served_to_the_matching_path_and_the_request_is_captured() {
    let mock = Mock::new();
    let refresh = mock.user().refresh().path_param("user_id", user_id()).returns(refreshed()).times(1);
    let client = mock.client();

    let response = run(client.user().refresh(user_id()).timeout(30.0)).unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(*response.body(), refreshed());

    let sent = refresh.requests();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].method, "POST");
    assert_eq!(sent[0].path, format!("/v2/user/refresh/{USER}"));
    assert_eq!(sent[0].query_param("timeout"), Some("30"));
    // The API key reached the transport marked sensitive: captured, but not its value.
    assert_eq!(sent[0].header("x-vital-api-key"), Some("<redacted>"));
    assert!(!format!("{sent:?}").contains(MOCK_API_KEY));
    mock.verify();
}

#[test]
fn a_declared_error_arrives_as_the_operations_error_variant() {
    let mock = Mock::new();
    let body = UserRefreshErrorResponse::new(user_id(), "no sources connected");
    let _refresh = mock.user().refresh().fails_with(RefreshError::BadRequest(body.clone()));

    let error = run(mock.client().user().refresh(user_id())).unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(400));
    assert_eq!(error.api_error(), Some(&RefreshError::BadRequest(body)));
}

#[test]
fn a_503_then_a_200_is_retried_in_virtual_time() {
    let mock = Mock::new();
    let refresh =
        mock.user().refresh().responds(MockResponse::status(503).header("retry-after", "2")).returns(refreshed());

    let response = run(mock.client().user().refresh(user_id())).unwrap();
    assert_eq!(response.user_id, user_id());
    // Each attempt reached the transport; the client waited (virtually) what `Retry-After` asked.
    assert_eq!(refresh.calls(), 2);
    assert_eq!(mock.sleeps(), [Duration::from_secs(2)]);
}

#[test]
fn what_a_typed_body_cannot_express_is_answered_raw() {
    let mock = Mock::new();
    let _undeclared = mock.user().refresh().path_param("user_id", user_id()).responds(MockResponse::status(418));
    let other: uuid::Uuid = "00000000-0000-0000-0000-000000000001".parse().unwrap();
    let _garbled =
        mock.user().refresh().path_param("user_id", other).responds(
            MockResponse::status(200).header("content-type", "application/json").body(r#"{"success": false}"#),
        );
    let client = mock.client();

    let error = run(client.user().refresh(user_id())).unwrap_err();
    assert!(matches!(error, Error::UnexpectedStatus(ref raw) if raw.status == 418), "{error:?}");
    let error = run(client.user().refresh(other)).unwrap_err();
    assert!(matches!(error, Error::Decode { .. }), "{error:?}");
}

#[test]
fn transport_failures_are_retried_and_then_reported() {
    let mock = Mock::new();
    let refresh = mock.user().refresh().responds(MockResponse::timeout());
    let error = run(mock.client().user().refresh(user_id())).unwrap_err();
    assert!(error.is_timeout(), "{error:?}");
    assert_eq!(error.attempts(), Some(3), "the first attempt and two retries");
    assert_eq!(refresh.calls(), 3);
}

#[test]
fn a_paged_operation_is_answered_page_by_page() {
    let mock = Mock::new();
    let user = |n: u32| {
        let created = chrono::DateTime::parse_from_rfc3339("2024-01-01T00:00:00+00:00").unwrap();
        ClientFacingUser::new(user_id(), user_id(), format!("user-{n}"), created, Vec::new(), None)
    };
    let pages = mock
        .user()
        .get_all()
        .returns(PaginatedUsersResponse::new([user(1), user(2)], 3, 0, 2))
        .returns(PaginatedUsersResponse::new([user(3)], 3, 2, 2))
        .times(2);

    let client = mock.client();
    let names: Vec<String> =
        run(client.user().get_all().limit(2).items().map(|user| user.unwrap().client_user_id).collect());
    assert_eq!(names, ["user-1", "user-2", "user-3"]);
    let offsets: Vec<Option<String>> =
        pages.requests().iter().map(|r| r.query_param("offset").map(str::to_owned)).collect();
    assert_eq!(offsets, [None, Some("2".to_owned())]);
    mock.verify();
}

#[test]
fn the_json_body_sent_is_captured_as_a_value_and_as_the_request_type() {
    let mock = Mock::new();
    let create = mock.user().create().responds(MockResponse::status(200).json(&serde_json::json!({
        "user_id": USER, "client_user_id": "user-42",
    })));
    let client = mock.client();
    let _ = run(client.user().create("user-42").fallback_time_zone("Europe/London"));

    let sent = &create.requests()[0];
    assert_eq!(
        sent.json().unwrap(),
        serde_json::json!({"client_user_id": "user-42", "fallback_time_zone": "Europe/London"})
    );
    let body = sent.body().unwrap();
    assert_eq!(body.client_user_id, "user-42");
    assert_eq!(sent.header("content-type"), Some("application/json"));
}

#[test]
fn an_unmatched_request_fails_unretried_with_what_was_expected() {
    let mock = Mock::new();
    let other: uuid::Uuid = "00000000-0000-0000-0000-000000000001".parse().unwrap();
    let _refresh = mock.user().refresh().path_param("user_id", other).returns(refreshed());
    let _deleted = mock.user().delete().times(1);

    let error = run(mock.client().user().refresh(user_id())).unwrap_err();
    assert_eq!(error.attempts(), Some(1), "an unmatched request is not retried");
    let message = error.to_string();
    assert!(message.contains(&format!("no expectation matches POST /v2/user/refresh/{USER}")), "{message}");
    assert!(
        message.contains(&format!("user.refresh: POST /v2/user/refresh/{{user_id}} where user_id = \"{other}\"")),
        "{message}"
    );
    assert!(
        message.contains("user.delete: DELETE /v2/user/{user_id} (called 0 of 1 times) [no response given]"),
        "{message}"
    );

    let problems = mock.check().unwrap_err();
    assert!(
        problems.contains("user.delete (DELETE /v2/user/{user_id}) was expected 1 times and called 0 times"),
        "{problems}"
    );
    assert!(problems.contains(&format!("no expectation matched POST /v2/user/refresh/{USER}")), "{problems}");
    assert_eq!(mock.unmatched().len(), 1);
}

#[test]
fn times_limits_an_expectation_and_the_next_one_answers() {
    let mock = Mock::new();
    let first = mock.user().refresh().returns(refreshed()).times(1);
    let second = mock.user().refresh().responds(MockResponse::status(500)).times(1);
    let client = mock.client();
    assert!(run(client.user().refresh(user_id()).request_options(no_retries())).is_ok());
    let error = run(client.user().refresh(user_id()).request_options(no_retries())).unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(500));
    assert_eq!((first.calls(), second.calls()), (1, 1));
    mock.verify();
}

fn no_retries() -> junction_api::runtime::RequestOptions {
    junction_api::runtime::RequestOptions { max_retries: Some(0), ..Default::default() }
}

#[test]
fn a_pdf_is_served_as_a_stream() {
    let mock = Mock::new();
    let lab_test: uuid::Uuid = "00000000-0000-0000-0000-0000000000aa".parse().unwrap();
    let _pdf = mock
        .lab_tests()
        .get_lab_test_collection_instruction_pdf()
        .returns(junction_api::runtime::Bytes::from_static(b"%PDF-1.7 instructions"));
    let client = mock.client();
    let response = run(client.lab_tests().get_lab_test_collection_instruction_pdf(lab_test)).unwrap();
    assert_eq!(response.headers()["content-type"], "application/pdf");
    let bytes = block_on(response.into_body().bytes()).unwrap();
    assert_eq!(&bytes[..], b"%PDF-1.7 instructions");
}
