//! What the client tests share: the user of the refresh examples, its success body, a client of any
//! generated crate pointed at a local mock server, and what that server received.

#![allow(dead_code, reason = "each test crate uses some of these")]

use wiremock::{MockServer, Request};

/// The user the refresh examples use.
pub const USER: &str = "1449752e-0d8a-40e0-9206-91ab099b2537";

/// The API key test clients send (and that must never show in output).
pub const KEY: &str = "sk_test_secret_key_123";

/// [`USER`] as a UUID.
pub fn user_id() -> uuid::Uuid {
    USER.parse().unwrap()
}

/// The body `POST /v2/user/refresh/{USER}` answers with, saying `success`.
pub fn refreshed(success: bool) -> serde_json::Value {
    serde_json::json!({
        "success": success,
        "user_id": USER,
        "refreshed_sources": ["withings/workouts", "withings/sleep"],
        "in_progress_sources": [],
        "failed_sources": ["oura/sleep"],
    })
}

/// Finishes a generated crate's `Client::builder()` (with whatever else the test set) with [`KEY`] and
/// the mock server's URL.
pub fn connect<C: From<junction_runtime::Client>>(
    builder: junction_runtime::ClientBuilder<C>,
    server: &MockServer,
) -> C {
    builder.api_key(KEY).base_url(server.uri()).build().unwrap()
}

/// Every request the server received, in order.
pub async fn received(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.unwrap_or_default()
}
