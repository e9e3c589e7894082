//! With the `tracing` feature, every attempt is a span carrying method, path template, attempt and
//! status, and nothing else: no identifiers from the path, no headers, so no API key. Runs under
//! `cargo test --features tracing` (CI does); without the feature this file is empty.
#![cfg(feature = "tracing")]

use junction_api::runtime::RetryPolicy;
use junction_api::Client;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Collects every span field and event field as `name=value` text.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<String>>>);

struct Fields<'a>(&'a mut Vec<String>);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.push(format!("{}={value:?}", field.name()));
    }
}

impl Subscriber for Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let mut lines = self.0.lock().unwrap();
        lines.push(format!("span {}", span.metadata().name()));
        span.record(&mut Fields(&mut lines));
        Id::from_u64(lines.len() as u64)
    }
    fn record(&self, _: &Id, values: &Record<'_>) {
        values.record(&mut Fields(&mut self.0.lock().unwrap()));
    }
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        event.record(&mut Fields(&mut self.0.lock().unwrap()));
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

#[tokio::test]
async fn each_attempt_is_a_span_with_the_path_template_and_status_and_no_secrets() {
    let server = MockServer::start().await;
    Mock::given(method("POST")).respond_with(ResponseTemplate::new(503)).mount(&server).await;
    let capture = Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());
    let policy = RetryPolicy { max_retries: 1, initial_delay: Duration::from_millis(5), ..RetryPolicy::default() };
    let client =
        Client::builder().api_key("sk_secret_key").base_url(server.uri()).retry_policy(policy).build().unwrap();
    let user_id: uuid::Uuid = "1449752e-0d8a-40e0-9206-91ab099b2537".parse().unwrap();
    let _ = client.user().refresh(user_id).await;
    let lines = capture.0.lock().unwrap().join("\n");
    assert_eq!(lines.matches("span http_request").count(), 2, "{lines}");
    assert!(lines.contains("path=\"/v2/user/refresh/{user_id}\""), "{lines}");
    assert!(lines.contains("attempt=1") && lines.contains("attempt=2") && lines.contains("status=503"), "{lines}");
    assert!(!lines.contains("sk_secret_key") && !lines.contains("1449752e"), "{lines}");
}
