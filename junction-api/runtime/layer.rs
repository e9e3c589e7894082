//! tower middleware around the transport (feature `tower`).
//!
//! [`ClientBuilder::layer`](crate::ClientBuilder::layer) wraps the client's transport in any
//! `tower::Layer` whose service takes an `http::Request<Body>` and answers an `http::Response` of any
//! body of bytes: tower's concurrency and rate limits, load shedding and timeouts, and tower-http's
//! tracing, header setters and the like. A layer sits below retries and above the network, so it sees
//! each attempt; layers added first are outermost, as with `tower::ServiceBuilder`.
//!
//! A layered service is cloned for each attempt (tower's convention for shared services: a
//! `ConcurrencyLimit`'s clones share one semaphore). A service that is not `Clone`, such as
//! `RateLimit`, goes behind `tower::buffer::BufferLayer`, which is.

use super::transport::{Body, BoxError, Transport, TransportError, TransportFuture};
use bytes::Bytes;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};
use tower_layer::Layer;
use tower_service::Service;

/// The stack below a layer, as a `tower::Service`: the transport, or the layers added after this one
/// around it. Readiness passes through, so a concurrency limit anywhere in the stack holds back the
/// layers above it (a load shedder above a limit sheds).
pub struct TransportService {
    inner: Box<dyn Erased>,
}

/// A service of the stack with its types erased (what lets layers of any types compose at run time).
trait Erased: Send {
    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), TransportError>>;
    fn call(&mut self, request: http::Request<Body>) -> TransportFuture;
    fn clone_box(&self) -> Box<dyn Erased>;
}

impl Clone for TransportService {
    fn clone(&self) -> Self {
        Self { inner: self.inner.clone_box() }
    }
}

impl std::fmt::Debug for TransportService {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TransportService").finish_non_exhaustive()
    }
}

impl Service<http::Request<Body>> for TransportService {
    type Response = http::Response<Body>;
    type Error = TransportError;
    type Future = TransportFuture;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), TransportError>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: http::Request<Body>) -> TransportFuture {
        self.inner.call(request)
    }
}

/// The transport at the bottom of the stack: always ready.
#[derive(Clone)]
struct Bottom(Arc<dyn Transport>);

impl Erased for Bottom {
    fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<Result<(), TransportError>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: http::Request<Body>) -> TransportFuture {
        self.0.send(request)
    }

    fn clone_box(&self) -> Box<dyn Erased> {
        Box::new(self.clone())
    }
}

/// A layer's service, its body and error made the stack's.
#[derive(Clone)]
struct Wrapped<S>(S);

impl<S, B> Erased for Wrapped<S>
where
    S: Service<http::Request<Body>, Response = http::Response<B>> + Clone + Send + 'static,
    S::Future: Send + 'static,
    S::Error: Into<BoxError>,
    B: http_body::Body<Data = Bytes> + Send + 'static,
    B::Error: Into<BoxError>,
{
    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), TransportError>> {
        self.0.poll_ready(cx).map_err(|error| TransportError::from_boxed(error.into()))
    }

    fn call(&mut self, request: http::Request<Body>) -> TransportFuture {
        let response = self.0.call(request);
        Box::pin(async move {
            let response = response.await.map_err(|error| TransportError::from_boxed(error.into()))?;
            Ok(response.map(Body::wrap))
        })
    }

    fn clone_box(&self) -> Box<dyn Erased> {
        Box::new(self.clone())
    }
}

/// Puts one layer around the stack (what `ClientBuilder::layer` stores until `build`).
pub(crate) type Wrap = Box<dyn FnOnce(TransportService) -> TransportService + Send>;

/// `layer` as a [`Wrap`].
pub(crate) fn wrap<L, S, B>(layer: L) -> Wrap
where
    L: Layer<TransportService, Service = S> + Send + 'static,
    S: Service<http::Request<Body>, Response = http::Response<B>> + Clone + Send + 'static,
    S::Future: Send + 'static,
    S::Error: Into<BoxError>,
    B: http_body::Body<Data = Bytes> + Send + 'static,
    B::Error: Into<BoxError>,
{
    Box::new(move |below| TransportService { inner: Box::new(Wrapped(layer.layer(below))) })
}

/// `transport` inside `layers` (outermost first), as one transport.
pub(crate) fn stack(transport: Arc<dyn Transport>, layers: Vec<Wrap>) -> Arc<dyn Transport> {
    if layers.is_empty() {
        return transport;
    }
    let bottom = TransportService { inner: Box::new(Bottom(transport)) };
    let top = layers.into_iter().rev().fold(bottom, |below, wrap| wrap(below));
    Arc::new(Stacked(Mutex::new(top)))
}

/// The layered stack as a transport.
struct Stacked(Mutex<TransportService>);

impl Transport for Stacked {
    fn send(&self, request: http::Request<Body>) -> TransportFuture {
        // A clone per attempt: readiness is per clone in tower (a clone of a concurrency limit holds its
        // own permit), and the lock is held only to clone.
        let mut service = self.0.lock().unwrap_or_else(PoisonError::into_inner).clone();
        Box::pin(async move {
            std::future::poll_fn(|cx| service.poll_ready(cx)).await?;
            service.call(request).await
        })
    }
}
