//! The transport seam: a transport of the user's sees every attempt (retries included) with credentials
//! marked sensitive, can wrap the default reqwest transport, and streams a body chunk by chunk.

use futures::StreamExt;
use junction_api::runtime::transport::{Body, ReqwestTransport, Transport, TransportError, TransportFuture};
use junction_api::runtime::Bytes;
use junction_api::runtime::RetryPolicy;
use junction_api::Client;
use std::collections::VecDeque;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

mod common;

use common::{refreshed, user_id, KEY, USER};

/// What a recording transport saw of one attempt.
#[derive(Debug)]
struct Seen {
    method: http::Method,
    uri: String,
    api_key_sensitive: Option<bool>,
    printed: String,
}

/// Records every attempt, then hands it to the default transport: what a user's traffic recorder or
/// request signer looks like.
struct Recording {
    inner: ReqwestTransport,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Transport for Recording {
    fn send(&self, request: http::Request<Body>) -> TransportFuture {
        self.seen.lock().unwrap().push(Seen {
            method: request.method().clone(),
            uri: request.uri().to_string(),
            api_key_sensitive: request.headers().get("x-vital-api-key").map(|v| v.is_sensitive()),
            printed: format!("{request:?}"),
        });
        self.inner.send(request)
    }
}

fn fast_retries() -> RetryPolicy {
    RetryPolicy { initial_delay: Duration::from_millis(5), max_delay: Duration::from_millis(10), ..Default::default() }
}

#[tokio::test]
async fn a_custom_transport_sees_every_attempt_and_credentials_only_as_sensitive_values() {
    let server = MockServer::start().await;
    let refresh = format!("/v2/user/refresh/{USER}");
    Mock::given(method("POST"))
        .and(path(refresh.as_str()))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(refresh.as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(refreshed(true)))
        .mount(&server)
        .await;
    let seen = Arc::new(Mutex::new(Vec::new()));
    let client = Client::builder()
        .api_key(KEY)
        .base_url(server.uri())
        .retry_policy(fast_retries())
        .transport(Recording { inner: ReqwestTransport::default(), seen: Arc::clone(&seen) })
        .build()
        .unwrap();

    let response = client.user().refresh(user_id()).await.unwrap();
    assert_eq!(response.user_id, user_id());

    let seen = std::mem::take(&mut *seen.lock().unwrap());
    assert_eq!(seen.len(), 2, "the 503 and the retry each reached the transport: {seen:?}");
    for attempt in seen.iter() {
        assert_eq!(attempt.method, http::Method::POST);
        assert_eq!(attempt.uri, format!("{}{refresh}", server.uri()));
        assert_eq!(attempt.api_key_sensitive, Some(true));
        assert!(!attempt.printed.contains(KEY), "{}", attempt.printed);
    }
    // The key was sent all the same (the transport forwarded it).
    let received = server.received_requests().await.unwrap();
    assert_eq!(received[1].headers["x-vital-api-key"], KEY);
}

#[tokio::test]
async fn http_client_keeps_working_through_the_default_transport() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(refreshed(true)))
        .mount(&server)
        .await;
    let http = reqwest::Client::builder().timeout(Duration::from_secs(5)).build().unwrap();
    let client = Client::builder().api_key(KEY).base_url(server.uri()).http_client(http).build().unwrap();
    assert!(client.user().refresh(user_id()).await.is_ok());
}

/// A body that arrives in the chunks given, yielding to the executor before each one.
struct Chunked {
    chunks: VecDeque<Bytes>,
    ready: bool,
    polled: Arc<Mutex<usize>>,
}

impl http_body::Body for Chunked {
    type Data = Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, Self::Error>>> {
        *self.polled.lock().unwrap() += 1;
        if !self.ready {
            self.ready = true;
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        self.ready = false;
        Poll::Ready(self.chunks.pop_front().map(|chunk| Ok(http_body::Frame::data(chunk))))
    }
}

/// Answers every attempt with a PDF in three chunks, in process.
struct PdfServer {
    polled: Arc<Mutex<usize>>,
}

impl Transport for PdfServer {
    fn send(&self, request: http::Request<Body>) -> TransportFuture {
        assert_eq!(
            request.uri().path(),
            "/v3/lab_test/00000000-0000-0000-0000-0000000000aa/collection_instruction_pdf"
        );
        let chunks: VecDeque<Bytes> = ["%PDF-1.7 ", "page one ", "page two"].into_iter().map(Bytes::from).collect();
        let body = Body::wrap(Chunked { chunks, ready: false, polled: Arc::clone(&self.polled) });
        let response = http::Response::builder().status(200).header("content-type", "application/pdf").body(body);
        Box::pin(async move { response.map_err(TransportError::permanent) })
    }
}

#[tokio::test]
async fn a_pdf_streams_chunk_by_chunk_through_a_non_default_transport() {
    let polled = Arc::new(Mutex::new(0));
    let client = Client::builder()
        .api_key(KEY)
        .base_url("http://pdf.invalid")
        .transport(PdfServer { polled: Arc::clone(&polled) })
        .build()
        .unwrap();
    let lab_test: uuid::Uuid = "00000000-0000-0000-0000-0000000000aa".parse().unwrap();
    let response = client.lab_tests().get_lab_test_collection_instruction_pdf(lab_test).await.unwrap();
    assert_eq!(response.headers()["content-type"], "application/pdf");
    // Nothing of the body was read before the caller asked for it.
    assert_eq!(*polled.lock().unwrap(), 0);
    let chunks: Vec<Bytes> = response.into_body().map(|chunk| chunk.unwrap()).collect().await;
    assert_eq!(chunks, ["%PDF-1.7 ", "page one ", "page two"]);
}
