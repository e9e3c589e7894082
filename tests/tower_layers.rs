//! tower middleware around the transport (feature `tower`): tower's concurrency limit and tower-http's
//! header setter in front of the network, below retries (each attempt passes through every layer).

use http::HeaderValue;
use junction_api::runtime::transport::{Body, Transport, TransportError, TransportFuture};
use junction_api::runtime::RetryPolicy;
use junction_api::Client;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tower::limit::ConcurrencyLimitLayer;
use tower::util::MapRequestLayer;
use tower_http::set_header::SetRequestHeaderLayer;

mod common;

use common::{refreshed, user_id, KEY};

/// The network, in process: answers `503` to the first `failures` attempts and `200` after, each after
/// a short wait, and records how many attempts were in flight at once and the headers each carried.
#[derive(Clone, Default)]
struct Server {
    failures: Arc<AtomicUsize>,
    in_flight: Arc<AtomicUsize>,
    most_in_flight: Arc<AtomicUsize>,
    tenants: Arc<Mutex<Vec<Option<HeaderValue>>>>,
}

impl Transport for Server {
    fn send(&self, request: http::Request<Body>) -> TransportFuture {
        let server = self.clone();
        server.tenants.lock().unwrap().push(request.headers().get("x-tenant").cloned());
        Box::pin(async move {
            let now = server.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
            server.most_in_flight.fetch_max(now, Ordering::SeqCst);
            tokio::time::sleep(Duration::from_millis(20)).await;
            server.in_flight.fetch_sub(1, Ordering::SeqCst);
            let failing =
                server.failures.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1)).is_ok();
            let (status, body) = match failing {
                true => (503, Body::empty()),
                false => (200, Body::full(serde_json::to_vec(&refreshed(true)).unwrap())),
            };
            http::Response::builder().status(status).body(body).map_err(TransportError::permanent)
        })
    }
}

fn fast_retries() -> RetryPolicy {
    RetryPolicy { initial_delay: Duration::from_millis(1), max_delay: Duration::from_millis(2), ..Default::default() }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_concurrency_limit_and_a_header_setter_sit_in_front_of_the_network() {
    let server = Server::default();
    let client = Client::builder()
        .api_key(KEY)
        .base_url("http://junction.invalid")
        .transport(server.clone())
        // Outermost first, as with `tower::ServiceBuilder`: the header is set, then the limit waits.
        .layer(SetRequestHeaderLayer::overriding(
            http::header::HeaderName::from_static("x-tenant"),
            HeaderValue::from_static("clinic-7"),
        ))
        .layer(ConcurrencyLimitLayer::new(2))
        .build()
        .unwrap();

    let calls: Vec<_> = (0..8)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.user().refresh(user_id()).await.map(|r| r.into_body()) })
        })
        .collect();
    for call in calls {
        assert!(call.await.unwrap().is_ok());
    }
    assert_eq!(server.most_in_flight.load(Ordering::SeqCst), 2, "never more than the limit in flight");
    let tenants = server.tenants.lock().unwrap();
    assert_eq!(tenants.len(), 8);
    assert!(tenants.iter().all(|t| t.as_ref().is_some_and(|v| v == "clinic-7")), "{tenants:?}");
}

#[tokio::test]
async fn layers_sit_below_retries_so_they_see_every_attempt() {
    let server = Server { failures: Arc::new(AtomicUsize::new(1)), ..Server::default() };
    let attempts = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&attempts);
    let client = Client::builder()
        .api_key(KEY)
        .base_url("http://junction.invalid")
        .retry_policy(fast_retries())
        .transport(server.clone())
        .layer(MapRequestLayer::new(move |request: http::Request<Body>| {
            counted.fetch_add(1, Ordering::SeqCst);
            request
        }))
        .layer(ConcurrencyLimitLayer::new(1))
        .build()
        .unwrap();

    let response = client.user().refresh(user_id()).await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(attempts.load(Ordering::SeqCst), 2, "the 503 and its retry each passed through the layers");
}

#[tokio::test]
async fn a_layers_error_is_a_transport_error_of_the_call() {
    // tower's load shedder refuses at once when the limit behind it is full; refused attempts are
    // retried like connection failures and end as `Error::Transport`.
    let client = Client::builder()
        .api_key(KEY)
        .base_url("http://junction.invalid")
        .max_retries(0)
        .transport(Server::default())
        .layer(tower::load_shed::LoadShedLayer::new())
        .layer(ConcurrencyLimitLayer::new(1))
        .build()
        .unwrap();
    let (first, second) = tokio::join!(client.user().refresh(user_id()), client.user().refresh(user_id()));
    let errors: Vec<String> = [first, second].into_iter().filter_map(Result::err).map(|e| e.to_string()).collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].contains("request failed after 1 attempt(s): service overloaded"), "{errors:?}");
}
