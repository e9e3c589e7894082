//! The transport seam: what sends one attempt of a request and hands back the response.
//!
//! Everything a call does happens above it: building the request (parameters, body), credentials and
//! default headers, per-attempt timeouts, retries and their waits, tracing, status dispatch and
//! decoding. A [`Transport`] only moves one `http::Request` to the server and one `http::Response`
//! back, so it sees every attempt: a call retried once reaches it twice.
//!
//! The default transport is [`ReqwestTransport`]. Install another with
//! [`ClientBuilder::transport`](crate::ClientBuilder::transport): one that records or replays traffic,
//! signs requests for an egress proxy, or uses another HTTP stack. With the `tower` feature,
//! [`ClientBuilder::layer`](crate::ClientBuilder::layer) wraps the transport in any `tower::Layer`.
//!
//! Credentials reach a transport as header values marked sensitive ([`http::HeaderValue::is_sensitive`]):
//! their `Debug` prints `Sensitive`, and nothing in this module prints a header value or a body.
//!
//! ```
//! use junction_runtime::transport::{Body, Transport, TransportError, TransportFuture};
//!
//! /// Answers every attempt with `204 No Content`, without a network (see also the `testing` feature).
//! struct NoContent;
//!
//! impl Transport for NoContent {
//!     fn send(&self, _request: http::Request<Body>) -> TransportFuture {
//!         Box::pin(async {
//!             let response = http::Response::builder().status(204).body(Body::empty());
//!             response.map_err(TransportError::permanent)
//!         })
//!     }
//! }
//! ```

use bytes::Bytes;
use std::error::Error as StdError;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

/// Any error, boxed: what a transport or a body may fail with underneath a [`TransportError`].
pub type BoxError = Box<dyn StdError + Send + Sync>;

/// What [`Transport::send`] returns: the future of one attempt's response (headers read, body not).
pub type TransportFuture = Pin<Box<dyn Future<Output = Result<http::Response<Body>, TransportError>> + Send>>;

/// Sends one attempt of a request: the seam between the client's logic and the network.
///
/// Object-safe: the client holds it as `Arc<dyn Transport>`. The request's URL is absolute, its headers
/// are final (credentials marked sensitive) and its body is in memory. The response's body may stream:
/// the client reads it (up to its size limit) or hands it to the caller as a
/// [`ByteStream`](crate::ByteStream).
pub trait Transport: Send + Sync + 'static {
    /// Sends `request` and resolves once the response's status and headers have arrived.
    fn send(&self, request: http::Request<Body>) -> TransportFuture;

    /// [`Transport::send`], given the URL the client already parsed for `request`'s `Uri`: how the
    /// client calls the transport. [`ReqwestTransport`] sends it without parsing the `Uri` again (a
    /// third of the seam's cost on loopback); every other transport is sent the request. Not for
    /// implementing: it changes with the runtime.
    #[doc(hidden)]
    fn send_parsed(&self, request: http::Request<Body>, url: &reqwest::Url) -> TransportFuture {
        let _ = url;
        self.send(request)
    }
}

impl<T: Transport + ?Sized> Transport for Arc<T> {
    fn send(&self, request: http::Request<Body>) -> TransportFuture {
        (**self).send(request)
    }

    fn send_parsed(&self, request: http::Request<Body>, url: &reqwest::Url) -> TransportFuture {
        (**self).send_parsed(request, url)
    }
}

impl<T: Transport + ?Sized> Transport for Box<T> {
    fn send(&self, request: http::Request<Body>) -> TransportFuture {
        (**self).send(request)
    }

    fn send_parsed(&self, request: http::Request<Body>, url: &reqwest::Url) -> TransportFuture {
        (**self).send_parsed(request, url)
    }
}

/// Why an attempt failed below the HTTP level. The client retries it, as far as its policy allows,
/// unless it was made with [`TransportError::permanent`].
///
/// `Display` is this error's own words and its source's; it never holds a header value or a body.
pub struct TransportError {
    kind: Kind,
    source: Option<BoxError>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// Worth another attempt: the connection failed, was reset, or a body was cut off.
    Retryable,
    /// The attempt took longer than its timeout.
    Timeout,
    /// Trying again cannot help: the request could not be built or sent as it is.
    Permanent,
}

impl TransportError {
    /// A failure worth another attempt (a connection refused or reset, a body cut off).
    pub fn new(source: impl Into<BoxError>) -> Self {
        Self { kind: Kind::Retryable, source: Some(source.into()) }
    }

    /// A failure that another attempt would repeat (a request the transport cannot send); not retried.
    pub fn permanent(source: impl Into<BoxError>) -> Self {
        Self { kind: Kind::Permanent, source: Some(source.into()) }
    }

    /// The attempt timed out (retried like a connection failure).
    pub fn timeout() -> Self {
        Self { kind: Kind::Timeout, source: None }
    }

    /// An error of any layer as a transport error: a `TransportError` it boxes is kept as it is (and
    /// so is a `reqwest::Error`'s kind), anything else becomes a retryable failure.
    pub fn from_boxed(error: BoxError) -> Self {
        match error.downcast::<TransportError>() {
            Ok(error) => *error,
            Err(error) => match error.downcast::<reqwest::Error>() {
                Ok(error) => Self::from(*error),
                Err(error) => Self::new(error),
            },
        }
    }

    /// Whether the attempt timed out.
    pub fn is_timeout(&self) -> bool {
        self.kind == Kind::Timeout
    }

    /// Whether another attempt could succeed.
    pub fn is_retryable(&self) -> bool {
        self.kind != Kind::Permanent
    }
}

impl From<reqwest::Error> for TransportError {
    fn from(error: reqwest::Error) -> Self {
        let kind = if error.is_timeout() {
            Kind::Timeout
        } else if error.is_builder() || error.is_redirect() {
            Kind::Permanent
        } else {
            Kind::Retryable
        };
        Self { kind, source: Some(Box::new(error)) }
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.source, self.kind) {
            (None, Kind::Timeout) => f.write_str("the attempt timed out"),
            (None, _) => f.write_str("the transport failed"),
            (Some(source), _) => fmt::Display::fmt(source, f),
        }
    }
}

impl fmt::Debug for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TransportError").field("kind", &self.kind).field("source", &self.source).finish()
    }
}

impl StdError for TransportError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        // The source's message is this error's `Display`; its own sources follow.
        self.source.as_deref().and_then(|source| source.source())
    }
}

/// A request or response body: in memory, or a stream of chunks from the network. It is an
/// [`http_body::Body`], so tower middleware and other HTTP stacks take it as it is.
///
/// `Debug` shows its size when known, never its bytes (bodies are health data).
pub struct Body {
    inner: Inner,
}

enum Inner {
    Full(Option<Bytes>),
    /// reqwest's body, kept without another box (the default transport's every response).
    Reqwest(reqwest::Body),
    Streamed(Pin<Box<dyn http_body::Body<Data = Bytes, Error = BoxError> + Send + 'static>>),
}

impl Body {
    /// No body.
    pub fn empty() -> Self {
        Self { inner: Inner::Full(None) }
    }

    /// A body held in memory.
    pub fn full(bytes: impl Into<Bytes>) -> Self {
        let bytes = bytes.into();
        Self { inner: Inner::Full((!bytes.is_empty()).then_some(bytes)) }
    }

    /// Any [`http_body::Body`] of bytes (a network response, a tower layer's body).
    pub fn wrap<B>(body: B) -> Self
    where
        B: http_body::Body<Data = Bytes> + Send + 'static,
        B::Error: Into<BoxError>,
    {
        // A `Body` (what a layer that keeps the body type hands back) is kept as it is, not boxed again.
        let mut slot = Some(body);
        if let Some(body) = (&mut slot as &mut dyn std::any::Any).downcast_mut::<Option<Body>>() {
            if let Some(body) = body.take() {
                return body;
            }
        }
        if let Some(body) = (&mut slot as &mut dyn std::any::Any).downcast_mut::<Option<reqwest::Body>>() {
            if let Some(body) = body.take() {
                return Self { inner: Inner::Reqwest(body) };
            }
        }
        match slot {
            Some(body) => Self { inner: Inner::Streamed(Box::pin(MapErr(body))) },
            None => Self::empty(),
        }
    }

    /// The bytes of a body held in memory (`None` for a streamed body). Every request the client
    /// builds has one, so that it can be sent again on a retry.
    pub fn as_bytes(&self) -> Option<&[u8]> {
        match &self.inner {
            Inner::Full(bytes) => Some(bytes.as_deref().unwrap_or_default()),
            Inner::Reqwest(_) | Inner::Streamed(_) => None,
        }
    }

    /// The bytes of a body held in memory, or the body itself when it streams.
    pub(crate) fn into_bytes(self) -> Result<Bytes, Body> {
        match self.inner {
            Inner::Full(bytes) => Ok(bytes.unwrap_or_default()),
            inner => Err(Body { inner }),
        }
    }

    /// Reads the rest of the body into memory.
    pub async fn collect(mut self) -> Result<Bytes, BoxError> {
        if let Inner::Full(bytes) = &mut self.inner {
            return Ok(bytes.take().unwrap_or_default());
        }
        let mut all = Vec::new();
        while let Some(chunk) = std::future::poll_fn(|cx| self.poll_chunk(cx)).await {
            all.extend_from_slice(&chunk?);
        }
        Ok(Bytes::from(all))
    }

    /// The next chunk of data, skipping trailers; `None` at the end.
    pub(crate) fn poll_chunk(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<Bytes, BoxError>>> {
        loop {
            match std::task::ready!(http_body::Body::poll_frame(Pin::new(&mut *self), cx)) {
                None => return Poll::Ready(None),
                Some(Err(error)) => return Poll::Ready(Some(Err(error))),
                Some(Ok(frame)) => {
                    if let Ok(data) = frame.into_data() {
                        return Poll::Ready(Some(Ok(data)));
                    }
                }
            }
        }
    }
}

impl Default for Body {
    fn default() -> Self {
        Self::empty()
    }
}

impl From<Bytes> for Body {
    fn from(bytes: Bytes) -> Self {
        Self::full(bytes)
    }
}

impl From<Vec<u8>> for Body {
    fn from(bytes: Vec<u8>) -> Self {
        Self::full(bytes)
    }
}

impl From<String> for Body {
    fn from(text: String) -> Self {
        Self::full(text)
    }
}

impl From<&'static str> for Body {
    fn from(text: &'static str) -> Self {
        Self::full(Bytes::from_static(text.as_bytes()))
    }
}

impl fmt::Debug for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.inner {
            Inner::Full(bytes) => write!(f, "Body(<{} bytes>)", bytes.as_ref().map_or(0, Bytes::len)),
            Inner::Reqwest(_) | Inner::Streamed(_) => f.write_str("Body(<streamed>)"),
        }
    }
}

impl http_body::Body for Body {
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, BoxError>>> {
        match &mut self.inner {
            Inner::Full(bytes) => Poll::Ready(bytes.take().map(|bytes| Ok(http_body::Frame::data(bytes)))),
            Inner::Reqwest(body) => Pin::new(body).poll_frame(cx).map_err(|e| Box::new(e) as BoxError),
            Inner::Streamed(body) => body.as_mut().poll_frame(cx),
        }
    }

    fn is_end_stream(&self) -> bool {
        match &self.inner {
            Inner::Full(bytes) => bytes.is_none(),
            Inner::Reqwest(body) => body.is_end_stream(),
            Inner::Streamed(body) => body.is_end_stream(),
        }
    }

    fn size_hint(&self) -> http_body::SizeHint {
        match &self.inner {
            Inner::Full(bytes) => http_body::SizeHint::with_exact(bytes.as_ref().map_or(0, |b| b.len() as u64)),
            Inner::Reqwest(body) => body.size_hint(),
            Inner::Streamed(body) => body.size_hint(),
        }
    }
}

/// A body whose errors are boxed.
struct MapErr<B>(B);

impl<B> http_body::Body for MapErr<B>
where
    B: http_body::Body<Data = Bytes>,
    B::Error: Into<BoxError>,
{
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, BoxError>>> {
        // SAFETY: `0` is pinned whenever `self` is (structural pinning); `MapErr` has no `Drop` and is
        // never moved out of.
        let inner = unsafe { self.map_unchecked_mut(|this| &mut this.0) };
        inner.poll_frame(cx).map(|frame| frame.map(|frame| frame.map_err(Into::into)))
    }

    fn is_end_stream(&self) -> bool {
        self.0.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.0.size_hint()
    }
}

/// The default transport: a `reqwest::Client` (connection pool, TLS, HTTP/2). Wrap it in a transport of
/// your own to add behaviour in front of the network.
#[derive(Clone, Debug, Default)]
pub struct ReqwestTransport {
    client: reqwest::Client,
}

impl ReqwestTransport {
    /// Sends through this client (its proxy, TLS, timeout and default-header settings apply).
    pub fn new(client: reqwest::Client) -> Self {
        Self { client }
    }

    /// The `reqwest::Client` it sends through.
    pub fn client(&self) -> &reqwest::Client {
        &self.client
    }
}

impl Transport for ReqwestTransport {
    fn send(&self, request: http::Request<Body>) -> TransportFuture {
        match reqwest::Url::parse(&request.uri().to_string()) {
            Ok(url) => self.send_to(request, url),
            Err(error) => Box::pin(std::future::ready(Err(TransportError::permanent(error)))),
        }
    }

    fn send_parsed(&self, request: http::Request<Body>, url: &reqwest::Url) -> TransportFuture {
        self.send_to(request, url.clone())
    }
}

impl ReqwestTransport {
    /// Sends `request` to `url` (its `Uri`, parsed).
    fn send_to(&self, request: http::Request<Body>, url: reqwest::Url) -> TransportFuture {
        let (parts, body) = request.into_parts();
        let mut outgoing = reqwest::Request::new(parts.method, url);
        *outgoing.headers_mut() = parts.headers;
        *outgoing.version_mut() = parts.version;
        match body.into_bytes() {
            // Every request the client builds: converted here, so that the future holds only reqwest's.
            Ok(bytes) => {
                if !bytes.is_empty() {
                    *outgoing.body_mut() = Some(reqwest::Body::from(bytes));
                }
                let response = self.client.execute(outgoing);
                Box::pin(async move { response_of(response.await) })
            }
            // A layer's streamed body is read first.
            Err(body) => {
                let client = self.client.clone();
                Box::pin(async move {
                    let bytes = body.collect().await.map_err(TransportError::new)?;
                    *outgoing.body_mut() = Some(reqwest::Body::from(bytes));
                    response_of(client.execute(outgoing).await)
                })
            }
        }
    }
}

/// reqwest's response as the seam's.
fn response_of(response: reqwest::Result<reqwest::Response>) -> Result<http::Response<Body>, TransportError> {
    Ok(http::Response::from(response.map_err(TransportError::from)?).map(Body::wrap))
}

/// Waits for a while: how the client sleeps between retries and times attempts out. The default is
/// tokio's timer; a client driven by another async runtime, or by tests in virtual time, installs
/// its own with [`ClientBuilder::timer`](crate::ClientBuilder::timer).
pub trait Timer: Send + Sync + 'static {
    /// A future that resolves after `duration`.
    fn sleep(&self, duration: Duration) -> Pin<Box<dyn Future<Output = ()> + Send>>;
}

/// Waits `duration` on `timer`, or on tokio's when there is none.
pub(crate) async fn sleep(timer: Option<&dyn Timer>, duration: Duration) {
    match timer {
        Some(timer) => timer.sleep(duration).await,
        None => tokio::time::sleep(duration).await,
    }
}

/// `future`, unless `timeout` passes first (on `timer`, or tokio's when there is none): then a timeout
/// error. `future` is polled first, so an answer that is ready wins over a deadline that is too.
pub(crate) fn within<F, T>(future: F, timeout: Option<Duration>, timer: Option<&dyn Timer>) -> Within<F>
where
    F: Future<Output = Result<T, TransportError>>,
{
    let deadline = match (timeout, timer) {
        (None, _) => Deadline::Never,
        (Some(timeout), None) => Deadline::Tokio(tokio::time::sleep(timeout)),
        (Some(timeout), Some(timer)) => Deadline::Timer(timer.sleep(timeout)),
    };
    Within { future, deadline }
}

/// The future [`within`] returns. Written by hand rather than as an async fn, which would hold `future`
/// twice (its argument, and the future it awaits).
pub(crate) struct Within<F> {
    future: F,
    deadline: Deadline,
}

enum Deadline {
    Never,
    Tokio(tokio::time::Sleep),
    Timer(Pin<Box<dyn Future<Output = ()> + Send>>),
}

impl<F, T> Future for Within<F>
where
    F: Future<Output = Result<T, TransportError>>,
{
    type Output = Result<T, TransportError>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        // SAFETY: `future` and the tokio `Sleep` are pinned whenever `self` is (structural pinning):
        // neither is moved out or replaced while pinned, and `Within` has no `Drop`.
        let this = unsafe { self.get_unchecked_mut() };
        if let Poll::Ready(output) = unsafe { Pin::new_unchecked(&mut this.future) }.poll(cx) {
            return Poll::Ready(output);
        }
        let expired = match &mut this.deadline {
            Deadline::Never => false,
            Deadline::Tokio(sleep) => unsafe { Pin::new_unchecked(sleep) }.poll(cx).is_ready(),
            Deadline::Timer(sleep) => sleep.as_mut().poll(cx).is_ready(),
        };
        match expired {
            true => Poll::Ready(Err(TransportError::timeout())),
            false => Poll::Pending,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_of_layers_keep_their_kind_when_boxed() {
        let boxed: BoxError = Box::new(TransportError::permanent("no route"));
        assert!(!TransportError::from_boxed(boxed).is_retryable());
        let boxed: BoxError = Box::new(TransportError::timeout());
        assert!(TransportError::from_boxed(boxed).is_timeout());
        let other: BoxError = "overloaded".into();
        let other = TransportError::from_boxed(other);
        assert!(other.is_retryable() && !other.is_timeout());
        assert_eq!(other.to_string(), "overloaded");
    }

    #[test]
    fn bodies_never_print_their_bytes() {
        let body = Body::full("{\"glucose\": 5.4}");
        assert_eq!(format!("{body:?}"), "Body(<16 bytes>)");
        assert_eq!(body.as_bytes(), Some(&b"{\"glucose\": 5.4}"[..]));
        assert_eq!(Body::empty().as_bytes(), Some(&b""[..]));
    }

    /// A timer whose every wait is already over.
    struct Expired;

    impl Timer for Expired {
        fn sleep(&self, _: Duration) -> Pin<Box<dyn Future<Output = ()> + Send>> {
            Box::pin(std::future::ready(()))
        }
    }

    fn poll_once<F: Future>(future: F) -> Poll<F::Output> {
        let mut future = std::pin::pin!(future);
        future.as_mut().poll(&mut Context::from_waker(std::task::Waker::noop()))
    }

    #[test]
    fn an_answer_that_is_ready_wins_over_a_deadline_that_is_too() {
        let ready = within(std::future::ready(Ok::<_, TransportError>(7)), Some(Duration::ZERO), Some(&Expired));
        assert!(matches!(poll_once(ready), Poll::Ready(Ok(7))));
    }

    #[test]
    fn an_attempt_still_waiting_at_its_deadline_times_out() {
        let waiting =
            within(std::future::pending::<Result<(), TransportError>>(), Some(Duration::ZERO), Some(&Expired));
        assert!(matches!(poll_once(waiting), Poll::Ready(Err(error)) if error.is_timeout()));
        let unlimited = within(std::future::pending::<Result<(), TransportError>>(), None, Some(&Expired));
        assert!(poll_once(unlimited).is_pending());
    }
}
