//! Request plumbing shared by every generated operation.

use super::body::{ByteStream, Multipart};
use super::client::Client;
use super::error::{ApiError, Error, InvalidRequest, RawResponse};
use super::options::RequestOptions;
use super::retry::retryable_status;
use super::transport::{sleep, within, Body, TransportError};
use bytes::Bytes;
use http::header::{HeaderMap, HeaderName, HeaderValue};
use http::{Method, StatusCode};
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::de::DeserializeOwned;
use std::fmt;
use std::future::Future;
use std::ops::Deref;
use std::pin::Pin;
use std::time::Duration;

/// The future an operation builder turns into when awaited.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// What an operation's `send()` returns: the future of its response, with a body of type `T` or an error
/// of the operation's `E` (see [`send_request`]).
pub type ResponseFuture<'a, T, E> = BoxFuture<'a, Result<Response<T>, Error<E>>>;

/// Sends a request an operation built (or the error building it met) and decodes the response with the
/// operation's `decode`: the one async path of every operation, so that generated code has no async
/// functions of its own. The attempts, retries and reading it awaits are not generic: they are compiled
/// once, in this crate.
pub fn send_request<'a, T, E>(
    request: Result<Request<'a>, Error<E>>,
    decode: fn(RawResponse) -> Result<Response<T>, Error<E>>,
) -> ResponseFuture<'a, T, E>
where
    T: 'a,
    E: Send + 'a,
{
    // The request is prepared before boxing, and the box holds the attempts' future and `decode` only:
    // an async block around them would hold the request and the future twice (benches/load.rs: the
    // box is allocated and copied on every call).
    match request.and_then(|request| request.prepare(false).map_err(Error::widen)) {
        Ok(attempts) => Box::pin(Then::new(attempts.read(), move |read: Result<RawResponse, Error>| {
            decode(read.map_err(Error::widen)?)
        })),
        Err(error) => failed(error),
    }
}

/// [`send_request`] for an operation whose 2xx body is streamed: it is handed over unread as a
/// [`ByteStream`]; `decode` gets every other response (read, for its error body).
pub fn stream_request<'a, E>(
    request: Result<Request<'a>, Error<E>>,
    decode: fn(RawResponse) -> Result<Response<ByteStream>, Error<E>>,
) -> ResponseFuture<'a, ByteStream, E>
where
    E: Send + 'a,
{
    match request.and_then(|request| request.prepare(true).map_err(Error::widen)) {
        Ok(attempts) => Box::pin(Then::new(attempts.read_unless_streamed(), move |read: Result<_, Error>| match read
            .map_err(Error::widen)?
        {
            Ok(stream) => Ok(stream),
            Err(response) => decode(response),
        })),
        Err(error) => failed(error),
    }
}

/// The future of a request that could not be built: it resolves to `error`. Not `ready(Err(..))`, which
/// would hold a `Result<Response<T>, _>` and ask `T: Send`.
fn failed<'a, T, E: Send + 'a>(error: Error<E>) -> ResponseFuture<'a, T, E> {
    Box::pin(Then::new(std::future::ready(()), move |()| Err(error)))
}

/// `future`, its output passed through `then`: `async move { then(future.await) }` without the copy of
/// `future` an async block would also hold.
struct Then<F, G> {
    future: F,
    then: Option<G>,
}

impl<F, G> Then<F, G> {
    fn new(future: F, then: G) -> Self {
        Self { future, then: Some(then) }
    }
}

impl<F: Future, G: FnOnce(F::Output) -> T, T> Future for Then<F, G> {
    type Output = T;

    fn poll(self: Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> std::task::Poll<T> {
        // SAFETY: `future` is pinned whenever `self` is and never moved out (structural pinning);
        // `then` is not pinned (it is only taken), and `Then` has no `Drop`.
        let this = unsafe { self.get_unchecked_mut() };
        let future = unsafe { Pin::new_unchecked(&mut this.future) };
        let output = std::task::ready!(future.poll(cx));
        match this.then.take() {
            Some(then) => std::task::Poll::Ready(then(output)),
            None => panic!("`Then` polled after it completed"),
        }
    }
}

/// Everything but RFC 3986 unreserved characters is percent-encoded in a path segment, so a value can
/// never add a segment (`/`), start a query (`?`) or fragment (`#`), or smuggle an escape (`%`).
const PATH_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// Encodes a path parameter as one path segment. Values that would still change the path (empty, `.`
/// and `..`, which URL parsers resolve even when encoded) are rejected before anything is sent.
pub fn encode_path_segment<E>(parameter: &'static str, value: &dyn fmt::Display) -> Result<String, Error<E>> {
    let value = value.to_string();
    if value.is_empty() || value == "." || value == ".." {
        return Err(Error::InvalidRequest(InvalidRequest {
            parameter,
            message: format!("cannot be {value:?} in a URL path"),
        }));
    }
    // Most values (ids, dates) need no escape: kept as they are, without encoding them char by char.
    if value.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')) {
        return Ok(value);
    }
    Ok(utf8_percent_encode(&value, PATH_SEGMENT).to_string())
}

/// What a cookie value cannot hold (RFC 6265 `cookie-octet`), and `%`, which starts an escape.
const COOKIE_VALUE: &AsciiSet =
    &percent_encoding::CONTROLS.add(b' ').add(b'"').add(b',').add(b';').add(b'\\').add(b'%').add(b'\x7f');

/// How long past the wait a request asks the server for (`timeout` query parameters) the HTTP timeout
/// of that request reaches, so that the client never gives up before the server answers.
const SERVER_WAIT_MARGIN: Duration = Duration::from_secs(10);

/// One request being assembled by generated code.
#[must_use = "a request does nothing until it is sent"]
pub struct Request<'a> {
    client: &'a Client,
    method: Method,
    path_template: &'static str,
    path: String,
    query: Vec<(String, String)>,
    headers: HeaderMap,
    cookies: Vec<String>,
    api_key_headers: &'static [&'static str],
    bearer: bool,
    body: Option<(String, Bytes)>,
    options: RequestOptions,
    server_wait: Option<Duration>,
    invalid: Option<InvalidRequest>,
}

impl Client {
    /// Starts a request to `path` (already encoded, starting with `/`); `path_template` is the spec's
    /// path (`/v2/user/refresh/{user_id}`), used in traces so that they carry no identifiers.
    #[doc(hidden)]
    pub fn request(&self, method: Method, path_template: &'static str, path: String) -> Request<'_> {
        Request {
            client: self,
            method,
            path_template,
            path,
            query: Vec::new(),
            headers: HeaderMap::new(),
            cookies: Vec::new(),
            api_key_headers: &[],
            bearer: false,
            body: None,
            options: RequestOptions::default(),
            server_wait: None,
            invalid: None,
        }
    }
}

/// What one attempt ended with.
enum Outcome {
    /// A response, body read.
    Read(RawResponse),
    /// A 2xx response whose body is left for the caller to stream.
    Unread(http::Response<Body>),
}

impl<'a> Request<'a> {
    /// Adds a query parameter.
    pub fn query(&mut self, name: &'static str, value: &dyn fmt::Display) {
        self.query.push((name.to_owned(), value.to_string()));
    }

    /// Adds a header parameter; a value that is not a valid header makes the request fail unsent.
    pub fn header(&mut self, name: &'static str, value: &dyn fmt::Display) {
        self.add_header(name, value, false);
    }

    /// Adds a cookie parameter (sent in one `Cookie` header, `name=value; …`, marked sensitive since
    /// cookies often carry sessions). Characters a cookie value cannot hold are percent-encoded.
    pub fn cookie(&mut self, name: &'static str, value: &dyn fmt::Display) {
        let value = value.to_string();
        self.cookies.push(format!("{name}={}", utf8_percent_encode(&value, COOKIE_VALUE)));
    }

    /// Adds a header parameter that is a credential (a link token): marked sensitive, like the API key.
    pub fn sensitive_header(&mut self, name: &'static str, value: &dyn fmt::Display) {
        self.add_header(name, value, true);
    }

    fn add_header(&mut self, name: &'static str, value: &dyn fmt::Display, sensitive: bool) {
        match (HeaderName::from_bytes(name.to_ascii_lowercase().as_bytes()), HeaderValue::from_str(&value.to_string()))
        {
            (Ok(header), Ok(mut value)) => {
                value.set_sensitive(sensitive);
                self.headers.append(header, value);
            }
            _ => {
                self.invalid.get_or_insert(InvalidRequest {
                    parameter: name,
                    message: String::from("is not a valid HTTP header value"),
                });
            }
        }
    }

    /// Sends the client's API key in each of these headers (the operation is secured).
    pub fn api_key_headers(&mut self, names: &'static [&'static str]) {
        self.api_key_headers = names;
    }

    /// Sends the client's bearer token in `Authorization` (the operation is secured by HTTP bearer,
    /// OAuth 2 or OpenID Connect).
    pub fn bearer_auth(&mut self) {
        self.bearer = true;
    }

    /// Applies per-request options.
    pub fn options(&mut self, options: RequestOptions) {
        self.options = options;
    }

    /// The request asks the server to wait up to `seconds` (a `timeout` query parameter): unless the
    /// caller chose a timeout (for the client or this request), the HTTP timeout of this request
    /// becomes at least that plus a margin.
    pub fn server_wait(&mut self, seconds: f64) {
        if seconds.is_finite() && seconds > 0.0 {
            self.server_wait = Some(Duration::from_secs_f64(seconds.min(86_400.0)));
        }
    }

    /// Sets a JSON body.
    pub fn json<T: serde::Serialize + ?Sized>(&mut self, body: &T) {
        match serde_json::to_vec(body) {
            Ok(bytes) => self.body = Some((String::from("application/json"), Bytes::from(bytes))),
            Err(e) => {
                self.invalid
                    .get_or_insert(InvalidRequest { parameter: "body", message: format!("cannot be serialised: {e}") });
            }
        }
    }

    /// Sets a `multipart/form-data` body.
    pub fn multipart(&mut self, form: Multipart) {
        let (content_type, body) = form.finish();
        self.body = Some((content_type, Bytes::from(body)));
    }

    /// The credentials and headers every attempt sends.
    fn headers(&mut self) -> Result<HeaderMap, Error> {
        let inner = &self.client.inner;
        let mut headers = inner.default_headers.clone();
        // A generated header replaces a default of the same name and keeps every value it has (an array
        // parameter is one value per item): `HeaderMap::extend` with a map does exactly that.
        headers.extend(std::mem::take(&mut self.headers));
        if !self.cookies.is_empty() {
            match HeaderValue::from_str(&self.cookies.join("; ")) {
                Ok(mut value) => {
                    value.set_sensitive(true);
                    headers.insert(http::header::COOKIE, value);
                }
                Err(_) => {
                    return Err(Error::InvalidRequest(InvalidRequest {
                        parameter: "cookie",
                        message: String::from("is not a valid Cookie header"),
                    }))
                }
            }
        }
        if !self.api_key_headers.is_empty() {
            let Some(value) = &inner.api_key_header else {
                return Err(Error::InvalidRequest(InvalidRequest {
                    parameter: "api_key",
                    message: String::from("is required by this operation; set it with `Client::builder().api_key(..)`"),
                }));
            };
            for name in self.api_key_headers {
                // Header names are case-insensitive; specs write them as they like (`X-Api-Key`), and
                // `from_bytes` lowercases them.
                let Ok(name) = HeaderName::from_bytes(name.as_bytes()) else {
                    return Err(Error::Config(format!("`{name}` is not a valid HTTP header name")));
                };
                headers.insert(name, value.clone());
            }
        }
        if self.bearer {
            let Some(token) = &inner.bearer_token else {
                return Err(Error::InvalidRequest(InvalidRequest {
                    parameter: "bearer_token",
                    message: String::from(
                        "is required by this operation; set it with `Client::builder().bearer_token(..)`",
                    ),
                }));
            };
            let Ok(mut value) = HeaderValue::from_str(&format!("Bearer {token}")) else {
                return Err(Error::Config(String::from(
                    "the bearer token contains characters that cannot be sent in a header",
                )));
            };
            value.set_sensitive(true);
            headers.insert(http::header::AUTHORIZATION, value);
        }
        // Extra headers replace generated ones of the same name; repeating a name sends every value.
        let mut extra = HeaderMap::new();
        for (name, value) in &self.options.extra_headers {
            match (HeaderName::from_bytes(name.as_bytes()), HeaderValue::from_str(value)) {
                (Ok(name), Ok(value)) => {
                    extra.append(name, value);
                }
                _ => {
                    return Err(Error::InvalidRequest(InvalidRequest {
                        parameter: "request_options",
                        message: format!("extra header `{name}` is not a valid HTTP header"),
                    }))
                }
            }
        }
        headers.extend(extra);
        if let Some((content_type, _)) = &self.body {
            if let Ok(value) = HeaderValue::from_str(content_type) {
                headers.insert(http::header::CONTENT_TYPE, value);
            }
        }
        Ok(headers)
    }

    /// Checks and assembles what every attempt sends: credentials and headers, the URL, the body, and
    /// the retry policy and timeout that apply.
    fn prepare(mut self, stream: bool) -> Result<Attempts<'a>, Error> {
        if let Some(invalid) = self.invalid.take() {
            return Err(Error::InvalidRequest(invalid));
        }
        let headers = self.headers()?;
        let inner = &self.client.inner;
        // The base URL was parsed once; a request only sets its path and query (no host to parse again).
        let mut url = inner.base_url.clone();
        url.set_path(&[inner.base_url.path().trim_end_matches('/'), &self.path].concat());
        url.set_query(None);
        if !self.query.is_empty() || !self.options.extra_query.is_empty() {
            let mut pairs = url.query_pairs_mut();
            for (name, value) in self.query.iter().chain(&self.options.extra_query) {
                pairs.append_pair(name, value);
            }
        }
        let mut parts = http::uri::Parts::default();
        parts.scheme = Some(inner.origin.0.clone());
        parts.authority = Some(inner.origin.1.clone());
        parts.path_and_query = Some(
            http::uri::PathAndQuery::try_from(&url[url::Position::BeforePath..url::Position::AfterQuery])
                .map_err(|e| Error::Config(format!("cannot send to the URL `{url}`: {e}")))?,
        );
        let uri =
            http::Uri::from_parts(parts).map_err(|e| Error::Config(format!("cannot send to the URL `{url}`: {e}")))?;
        let body = self.body.take().map(|(_, body)| body).unwrap_or_default();
        let policy = &inner.retry;
        Ok(Attempts {
            inner,
            max_retries: self.options.max_retries.unwrap_or(policy.max_retries),
            retries_allowed: policy.allows(&self.method),
            timeout: attempt_timeout(self.options.timeout, inner.timeout, inner.timeout_chosen, self.server_wait),
            method: self.method,
            path_template: self.path_template,
            uri,
            url,
            headers,
            body,
            stream,
        })
    }
}

/// A request ready to send: what each attempt needs, and nothing else.
struct Attempts<'a> {
    inner: &'a super::client::Inner,
    method: Method,
    path_template: &'static str,
    uri: http::Uri,
    url: reqwest::Url,
    headers: HeaderMap,
    body: Bytes,
    max_retries: u32,
    retries_allowed: bool,
    timeout: Option<std::time::Duration>,
    /// Whether a 2xx body is handed over unread.
    stream: bool,
}

impl Attempts<'_> {
    /// Runs the attempts and reads the response (a body left unread for streaming is read too).
    async fn read(self) -> Result<RawResponse, Error> {
        match self.run().await? {
            Outcome::Read(response) => Ok(response),
            // Not produced when bodies are read.
            Outcome::Unread(response) => RawResponse::read(response, usize::MAX).await.map_err(|e| e.into_error(1)),
        }
    }

    /// Runs the attempts; a 2xx body is handed over unread as a [`ByteStream`], any other response is
    /// read (for its error body).
    async fn read_unless_streamed(self) -> Result<Result<Response<ByteStream>, RawResponse>, Error> {
        match self.run().await? {
            Outcome::Unread(response) => {
                let (parts, body) = response.into_parts();
                let body = ByteStream::new(parts.headers, body);
                Ok(Ok(Response { status: parts.status, headers: body.headers().clone(), body }))
            }
            Outcome::Read(response) => Ok(Err(response)),
        }
    }

    /// Runs the attempts: sends each through the client's transport, and retries transport failures and
    /// retryable statuses while the policy allows, waiting as it says. Bodies are read inside the loop (a
    /// body cut off mid-way is retried too), except 2xx bodies when `stream` is set. The timeout covers
    /// an attempt until its body is read (until its headers, for a streamed body). It borrows what it
    /// sends, so that its future does not hold a second copy of it.
    async fn run(&self) -> Result<Outcome, Error> {
        let Attempts {
            inner,
            method,
            path_template,
            uri,
            url,
            headers,
            body,
            max_retries,
            retries_allowed,
            timeout,
            stream,
        } = self;
        let (inner, max_retries, retries_allowed, timeout, stream) =
            (*inner, *max_retries, *retries_allowed, *timeout, *stream);
        let policy = &inner.retry;
        let mut attempt: u32 = 0;
        loop {
            attempt += 1;
            let may_retry = retries_allowed && attempt <= max_retries;
            let mut request = http::Request::new(Body::full(body.clone()));
            *request.method_mut() = method.clone();
            *request.uri_mut() = uri.clone();
            *request.headers_mut() = headers.clone();
            #[cfg(feature = "tracing")]
            let span = tracing::debug_span!(
                "http_request",
                method = %method,
                path = path_template,
                attempt,
                status = tracing::field::Empty,
            );
            #[cfg(not(feature = "tracing"))]
            let _ = path_template;
            let sent = within(
                async {
                    let response = inner.transport.send_parsed(request, url).await?;
                    let status = response.status();
                    #[cfg(feature = "tracing")]
                    span.record("status", status.as_u16());
                    if may_retry && retryable_status(status) {
                        // A body not read: the wait comes first, outside this attempt's timeout.
                        if let Some(delay) = policy.delay_after(attempt, response.headers()) {
                            return Ok(Step::Retry(delay));
                        }
                    }
                    if stream && status.is_success() {
                        return Ok(Step::Done(Outcome::Unread(response)));
                    }
                    match RawResponse::read(response, inner.max_response_body).await {
                        Ok(response) => Ok(Step::Done(Outcome::Read(response))),
                        Err(ReadError::Transport(source)) => Err(source),
                        Err(error) => Ok(Step::Fail(error)),
                    }
                },
                timeout,
                inner.timer.as_deref(),
            );
            #[cfg(feature = "tracing")]
            let sent = tracing::Instrument::instrument(sent, span.clone());
            match sent.await {
                Ok(Step::Done(outcome)) => return Ok(outcome),
                Ok(Step::Fail(error)) => return Err(error.into_error(attempt)),
                Ok(Step::Retry(delay)) => {
                    #[cfg(feature = "tracing")]
                    tracing::debug!(parent: &span, delay_ms = delay.as_millis() as u64, "retrying");
                    sleep(inner.timer.as_deref(), delay).await;
                }
                Err(source) if may_retry && source.is_retryable() => {
                    let delay = policy.backoff(attempt);
                    #[cfg(feature = "tracing")]
                    tracing::debug!(parent: &span, error = %source, delay_ms = delay.as_millis() as u64, "retrying");
                    sleep(inner.timer.as_deref(), delay).await;
                }
                Err(source) => return Err(Error::Transport { source, attempts: attempt }),
            }
        }
    }
}

/// How one attempt ended, above the transport.
enum Step {
    /// With a response to hand back.
    Done(Outcome),
    /// With a retryable status: try again after this wait.
    Retry(std::time::Duration),
    /// With a body that cannot be read (over the size limit): not retried.
    Fail(ReadError),
}

/// The HTTP timeout of each attempt: the request's own, else the client's. A timeout the caller chose
/// (for this request, or for the client) is always honoured; only the default is raised above a wait
/// the request asks the server for (`server_wait`), by [`SERVER_WAIT_MARGIN`].
fn attempt_timeout(
    request: Option<Duration>,
    client: Option<Duration>,
    client_chosen: bool,
    server_wait: Option<Duration>,
) -> Option<Duration> {
    match (request, server_wait) {
        (Some(timeout), _) => Some(timeout),
        (None, _) if client_chosen => client,
        (None, Some(wait)) => {
            let needed = wait + SERVER_WAIT_MARGIN;
            Some(client.map_or(needed, |t| t.max(needed)))
        }
        (None, None) => client,
    }
}

/// Why a body could not be read.
enum ReadError {
    Transport(TransportError),
    TooLarge { status: StatusCode, limit: usize },
}

impl ReadError {
    fn into_error<E>(self, attempts: u32) -> Error<E> {
        match self {
            ReadError::Transport(source) => Error::Transport { source, attempts },
            ReadError::TooLarge { status, limit } => Error::ResponseTooLarge { status, limit },
        }
    }
}

impl RawResponse {
    /// Reads a body of at most `limit` bytes, chunk by chunk, so that a larger one fails without
    /// being held in memory. A body that arrives in one chunk is kept without copying.
    async fn read(response: http::Response<Body>, limit: usize) -> Result<Self, ReadError> {
        let (parts, mut body) = response.into_parts();
        let status = parts.status;
        let too_large = ReadError::TooLarge { status, limit };
        if http_body::Body::size_hint(&body).lower() > limit as u64 {
            return Err(too_large);
        }
        let mut first = Bytes::new();
        let mut joined: Option<Vec<u8>> = None;
        while let Some(chunk) = std::future::poll_fn(|cx| body.poll_chunk(cx)).await {
            let chunk = chunk.map_err(|e| ReadError::Transport(TransportError::from_boxed(e)))?;
            let read = joined.as_ref().map_or(first.len(), Vec::len);
            if read + chunk.len() > limit {
                return Err(too_large);
            }
            match &mut joined {
                Some(joined) => joined.extend_from_slice(&chunk),
                None if first.is_empty() => first = chunk,
                None => joined = Some([&first[..], &chunk[..]].concat()),
            }
        }
        let body = joined.map_or(first, Bytes::from);
        Ok(RawResponse { status, headers: parts.headers, body })
    }

    /// Decodes a success body.
    #[doc(hidden)]
    pub fn json<T: DeserializeOwned, E>(self) -> Result<Response<T>, Error<E>> {
        let body = self.decode()?;
        Ok(Response { status: self.status, headers: self.headers, body })
    }

    /// A success without a body.
    #[doc(hidden)]
    pub fn empty<E>(self) -> Result<Response<()>, Error<E>> {
        Ok(Response { status: self.status, headers: self.headers, body: () })
    }

    /// A success whose body is kept as bytes.
    #[doc(hidden)]
    pub fn bytes<E>(self) -> Result<Response<Bytes>, Error<E>> {
        Ok(Response { status: self.status, headers: self.headers, body: self.body })
    }

    /// A declared error status: decodes its body and wraps it in the operation's error enum.
    #[doc(hidden)]
    pub fn api_error<B: DeserializeOwned, E>(self, wrap: impl FnOnce(B) -> E) -> Error<E> {
        match self.decode::<B, E>() {
            Ok(body) => Error::Api(Box::new(ApiError { status: self.status, headers: self.headers, body: wrap(body) })),
            Err(e) => e,
        }
    }

    /// A declared error status whose body is empty.
    #[doc(hidden)]
    pub fn api_error_without_body<E>(self, error: E) -> Error<E> {
        Error::Api(Box::new(ApiError { status: self.status, headers: self.headers, body: error }))
    }

    /// A declared error status whose body is kept as bytes.
    #[doc(hidden)]
    pub fn api_error_bytes<E>(self, wrap: impl FnOnce(Bytes) -> E) -> Error<E> {
        Error::Api(Box::new(ApiError { status: self.status, headers: self.headers, body: wrap(self.body) }))
    }

    /// A status the operation does not declare.
    #[doc(hidden)]
    pub fn unexpected<E>(self) -> Error<E> {
        Error::UnexpectedStatus(Box::new(self))
    }

    fn decode<T: DeserializeOwned, E>(&self) -> Result<T, Error<E>> {
        super::wire::from_slice_at(&self.body).map_err(|(path, error)| Error::Decode {
            path,
            error,
            response: Box::new(self.clone()),
        })
    }
}

/// A successful response: its status, headers and decoded body. Derefs to the body.
#[derive(Clone, Debug)]
pub struct Response<T> {
    status: StatusCode,
    headers: HeaderMap,
    body: T,
}

impl<T> Response<T> {
    /// The HTTP status (for example to tell `200 OK` from `202 Accepted`).
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The decoded body.
    pub fn body(&self) -> &T {
        &self.body
    }

    /// The decoded body, by value.
    pub fn into_body(self) -> T {
        self.body
    }

    /// Maps the body, keeping status and headers.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Response<U> {
        Response { status: self.status, headers: self.headers, body: f(self.body) }
    }
}

impl<T> Deref for Response<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.body
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chosen_timeouts_are_honoured_and_only_the_default_is_raised_for_server_waits() {
        let (s, wait) = (Duration::from_secs, Some(Duration::from_secs(55)));
        // The default (60 s) is raised to the wait plus the margin, and kept when it is longer.
        assert_eq!(attempt_timeout(None, Some(s(60)), false, wait), Some(s(65)));
        assert_eq!(attempt_timeout(None, Some(s(60)), false, Some(s(5))), Some(s(60)));
        assert_eq!(attempt_timeout(None, Some(s(60)), false, None), Some(s(60)));
        // A client-wide timeout the caller set stays, however long the server is asked to wait.
        assert_eq!(attempt_timeout(None, Some(s(1)), true, wait), Some(s(1)));
        // So does a per-request one, over the client's and over the default.
        assert_eq!(attempt_timeout(Some(s(2)), Some(s(60)), false, wait), Some(s(2)));
        assert_eq!(attempt_timeout(Some(s(2)), Some(s(90)), true, None), Some(s(2)));
        // The caller's own HTTP client: its timeout applies, never overridden.
        assert_eq!(attempt_timeout(None, None, true, wait), None);
    }

    #[test]
    fn path_segments_are_percent_encoded_and_dot_segments_rejected() {
        let encode = |v: &str| encode_path_segment::<std::convert::Infallible>("p", &v).map_err(|e| e.to_string());
        assert_eq!(encode("../etc/passwd?x=1#frag").unwrap(), "..%2Fetc%2Fpasswd%3Fx%3D1%23frag");
        assert_eq!(encode("100% sure").unwrap(), "100%25%20sure");
        assert_eq!(encode("zoë/ü").unwrap(), "zo%C3%AB%2F%C3%BC");
        assert_eq!(encode("a-b_c.d~e").unwrap(), "a-b_c.d~e");
        for bad in ["", ".", ".."] {
            assert!(encode(bad).unwrap_err().contains("cannot be"), "{bad:?}");
        }
    }
}
