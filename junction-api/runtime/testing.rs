//! An in-process test double for the transport (features `testing` and `client`): expectations with
//! canned responses, captured requests, no sockets.
//!
//! A generated crate wraps [`MockTransport`] in its own `testing::Mock`, whose accessors mirror the
//! client's (`mock.user().refresh()`) and return an [`Expectation`] typed by the operation, so that the
//! compiler checks every canned body: [`Expectation::returns`] takes the operation's success type and
//! [`Expectation::fails_with`] its error enum. [`Expectation::responds`] takes a raw [`MockResponse`]
//! for what a typed body cannot express (an undeclared status, a body that does not decode, a
//! dropped connection).
//!
//! How requests meet expectations:
//! - An expectation matches its operation's method and path template, and the path and query
//!   parameters it was told to match ([`Expectation::path_param`], [`Expectation::query_param`]).
//!   The first matching expectation (in the order they were made) that still takes calls answers.
//! - Its responses are served in order; the last one repeats. A retried call takes one response per
//!   attempt, so `.responds(MockResponse::status(503)).returns(body)` tests a retry.
//! - [`Expectation::times`] limits how many calls it takes, and [`MockTransport::verify`] checks the
//!   counts. A request that no expectation matches fails (not retried) with a message that lists the
//!   expectations, and `verify` reports it too.
//!
//! The client a mock configures waits in virtual time: retry waits are recorded
//! ([`MockTransport::sleeps`]) and return at once, and a response the mock has ready is never timed
//! out. Nothing in it needs tokio, so any executor drives it.
//!
//! Captured requests hold what was sent: method, path, query, headers (credential values, which reach
//! the transport marked sensitive, are replaced with `<redacted>`) and the body.

use super::client::{Client, ClientBuilder};
use super::transport::{Body, Timer, Transport, TransportError, TransportFuture};
use bytes::Bytes;
use http::header::{HeaderMap, HeaderName, HeaderValue};
use http::{Method, StatusCode};
use serde::de::DeserializeOwned;
use std::fmt;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

/// The base URL of a mocked client (never resolved: nothing leaves the process).
pub const MOCK_BASE_URL: &str = "http://mock.invalid";

/// The API key a mocked client sends (captured requests show it as `<redacted>`).
pub const MOCK_API_KEY: &str = "test-api-key";

/// The bearer token a mocked client sends.
pub const MOCK_BEARER_TOKEN: &str = "test-bearer-token";

/// An in-process transport that answers from expectations and records every request. Clones share
/// their expectations and records.
#[derive(Clone, Default)]
pub struct MockTransport {
    state: Arc<Mutex<State>>,
}

#[derive(Default)]
struct State {
    rules: Vec<Rule>,
    unmatched: Vec<CapturedRequest>,
    sleeps: Vec<Duration>,
}

/// What one expectation matches and answers.
struct Rule {
    operation: &'static str,
    method: Method,
    template: &'static str,
    path_params: Vec<(String, String)>,
    query: Vec<(String, String)>,
    responses: Vec<MockResponse>,
    times: Option<usize>,
    calls: Vec<CapturedRequest>,
}

impl Rule {
    /// The path parameters of `path` by name, if it matches the template.
    fn path_params_of(&self, path: &str) -> Option<Vec<(String, String)>> {
        let template: Vec<&str> = self.template.trim_start_matches('/').split('/').collect();
        let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
        if template.len() != segments.len() {
            return None;
        }
        let mut params = Vec::new();
        for (expected, segment) in template.iter().zip(&segments) {
            let decoded = percent_encoding::percent_decode_str(segment).decode_utf8_lossy().into_owned();
            match expected.strip_prefix('{').and_then(|name| name.strip_suffix('}')) {
                Some(name) => params.push((name.to_owned(), decoded)),
                None if *expected == decoded => {}
                None => return None,
            }
        }
        Some(params)
    }

    fn matches(&self, request: &CapturedRequest) -> bool {
        if self.method != request.method || self.times.is_some_and(|times| self.calls.len() >= times) {
            return false;
        }
        let Some(params) = self.path_params_of(&request.path) else {
            return false;
        };
        self.path_params.iter().all(|expected| params.contains(expected))
            && self.query.iter().all(|expected| request.query.contains(expected))
    }

    /// One line of the list an unmatched request's message gives.
    fn describe(&self) -> String {
        let mut line = format!("{}: {} {}", self.operation, self.method, self.template);
        let conditions: Vec<String> =
            self.path_params.iter().chain(&self.query).map(|(name, value)| format!("{name} = {value:?}")).collect();
        if !conditions.is_empty() {
            line.push_str(&format!(" where {}", conditions.join(", ")));
        }
        match self.times {
            Some(times) => line.push_str(&format!(" (called {} of {times} times)", self.calls.len())),
            None => line.push_str(&format!(" (called {} times)", self.calls.len())),
        }
        if self.responses.is_empty() {
            line.push_str(" [no response given]");
        }
        line
    }
}

impl fmt::Debug for MockTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = self.lock();
        f.debug_struct("MockTransport")
            .field("expectations", &state.rules.iter().map(Rule::describe).collect::<Vec<_>>())
            .field("unmatched", &state.unmatched.len())
            .finish()
    }
}

impl MockTransport {
    /// A transport without expectations: every request fails until some are added.
    pub fn new() -> Self {
        Self::default()
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A test that panicked while holding the lock leaves consistent data: every change is one push.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Configures `builder` to send through this mock: its base URL, test credentials, this transport
    /// and the mock's virtual-time timer. Settings made after this call still apply (retries, headers).
    pub fn configure<C: From<Client>>(&self, builder: ClientBuilder<C>) -> ClientBuilder<C> {
        builder
            .base_url(MOCK_BASE_URL)
            .api_key(MOCK_API_KEY)
            .bearer_token(MOCK_BEARER_TOKEN)
            .transport(self.clone())
            .timer(VirtualTimer { state: Arc::clone(&self.state) })
    }

    /// Adds an expectation of `operation` (its label, HTTP method and path template) that answers
    /// with `success` for [`Expectation::returns`] and `failure` for [`Expectation::fails_with`].
    /// Generated per-operation accessors call this.
    pub fn expect<T, E, B>(
        &self,
        operation: &'static str,
        method: Method,
        template: &'static str,
        success: fn(T) -> MockResponse,
        failure: fn(E) -> MockResponse,
    ) -> Expectation<T, E, B> {
        let mut state = self.lock();
        state.rules.push(Rule {
            operation,
            method,
            template,
            path_params: Vec::new(),
            query: Vec::new(),
            responses: Vec::new(),
            times: None,
            calls: Vec::new(),
        });
        let index = state.rules.len() - 1;
        Expectation { mock: self.clone(), index, success, failure, body: PhantomData }
    }

    /// The requests no expectation matched.
    pub fn unmatched(&self) -> Vec<CapturedRequest> {
        self.lock().unmatched.clone()
    }

    /// Every wait the client asked for, in order (retry backoffs and `Retry-After`s).
    pub fn sleeps(&self) -> Vec<Duration> {
        self.lock().sleeps.clone()
    }

    /// Checks that every expectation with [`Expectation::times`] was called that many times and that
    /// no request went unmatched; the error lists each problem.
    pub fn check(&self) -> Result<(), String> {
        let state = self.lock();
        let mut problems = Vec::new();
        for rule in &state.rules {
            if let Some(times) = rule.times.filter(|times| *times != rule.calls.len()) {
                problems.push(format!(
                    "{} ({} {}) was expected {times} times and called {} times",
                    rule.operation,
                    rule.method,
                    rule.template,
                    rule.calls.len()
                ));
            }
        }
        for request in &state.unmatched {
            problems.push(format!("no expectation matched {} {}", request.method, request.path_and_query()));
        }
        match problems.is_empty() {
            true => Ok(()),
            false => Err(problems.join("\n")),
        }
    }

    /// [`MockTransport::check`], panicking with its list (call it at the end of a test).
    #[track_caller]
    pub fn verify(&self) {
        if let Err(problems) = self.check() {
            panic!("the mock's expectations were not met:\n{problems}");
        }
    }

    /// Answers one request: the first matching expectation's next response, recorded.
    fn answer(&self, request: CapturedRequest) -> Result<http::Response<Body>, TransportError> {
        let mut state = self.lock();
        let Some(rule) = state.rules.iter_mut().find(|rule| rule.matches(&request)) else {
            let mut message = format!("no expectation matches {} {}", request.method, request.path_and_query());
            if state.rules.is_empty() {
                message.push_str("; the mock has no expectations");
            } else {
                message.push_str("; expected one of:");
                for rule in &state.rules {
                    message.push_str(&format!("\n  - {}", rule.describe()));
                }
            }
            state.unmatched.push(request);
            return Err(TransportError::permanent(MockError(message)));
        };
        let response = match rule.responses.get(rule.calls.len().min(rule.responses.len().saturating_sub(1))) {
            Some(response) => response.clone(),
            None => {
                let message = format!(
                    "the expectation of {} has no response: give one with `.returns(..)`, `.fails_with(..)` \
                     or `.responds(..)`",
                    rule.operation
                );
                rule.calls.push(request);
                return Err(TransportError::permanent(MockError(message)));
            }
        };
        rule.calls.push(request);
        match response.failure {
            Some(Failure::Timeout) => Err(TransportError::timeout()),
            Some(Failure::ConnectionReset) => {
                Err(TransportError::new(MockError(String::from("connection reset (a mocked transport failure)"))))
            }
            None => {
                let mut answer = http::Response::new(Body::full(response.body));
                *answer.status_mut() = response.status;
                *answer.headers_mut() = response.headers;
                Ok(answer)
            }
        }
    }
}

impl Transport for MockTransport {
    fn send(&self, request: http::Request<Body>) -> TransportFuture {
        let captured = CapturedRequest::capture(request);
        let answer = self.answer(captured);
        Box::pin(std::future::ready(answer))
    }
}

/// Why a mock could not answer.
#[derive(Debug)]
struct MockError(String);

impl fmt::Display for MockError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for MockError {}

/// Virtual time: waits are recorded and end at once.
struct VirtualTimer {
    state: Arc<Mutex<State>>,
}

impl Timer for VirtualTimer {
    fn sleep(&self, duration: Duration) -> Pin<Box<dyn Future<Output = ()> + Send>> {
        // Recorded when first polled: an attempt's deadline races a response the mock has ready, which
        // is polled first and wins, so only the waits the client awaits (retries) are recorded.
        let state = Arc::clone(&self.state);
        Box::pin(async move { state.lock().unwrap_or_else(PoisonError::into_inner).sleeps.push(duration) })
    }
}

/// One expectation of an operation: what it answers, and the requests it took. `T` is the operation's
/// success body, `E` its error enum, `B` its JSON request body (`()` without one).
#[must_use = "an expectation without a response answers nothing: add `.returns(..)` or another"]
pub struct Expectation<T, E, B = ()> {
    mock: MockTransport,
    index: usize,
    success: fn(T) -> MockResponse,
    failure: fn(E) -> MockResponse,
    body: PhantomData<fn() -> B>,
}

impl<T, E, B> fmt::Debug for Expectation<T, E, B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Expectation").field(&self.with_rule(|rule| rule.describe())).finish()
    }
}

impl<T, E, B> Expectation<T, E, B> {
    fn with_rule<R>(&self, f: impl FnOnce(&mut Rule) -> R) -> R {
        f(&mut self.mock.lock().rules[self.index])
    }

    /// Answers with a success: the operation's first declared success status and this body.
    pub fn returns(self, body: T) -> Self {
        let response = (self.success)(body);
        self.responds(response)
    }

    /// Answers with a declared error: the variant's status and body.
    pub fn fails_with(self, error: E) -> Self {
        let response = (self.failure)(error);
        self.responds(response)
    }

    /// Answers with anything: a status the operation does not declare, a body that does not decode,
    /// headers such as `Retry-After`, a timeout or a dropped connection.
    pub fn responds(self, response: MockResponse) -> Self {
        self.with_rule(|rule| rule.responses.push(response));
        self
    }

    /// Matches only requests whose path parameter `name` is `value` (as text, before encoding).
    ///
    /// # Panics
    ///
    /// When the operation's path has no parameter `name`.
    #[track_caller]
    pub fn path_param(self, name: &str, value: impl fmt::Display) -> Self {
        let value = value.to_string();
        self.with_rule(|rule| {
            assert!(
                rule.template.contains(&format!("{{{name}}}")),
                "{} ({}) has no path parameter `{name}`",
                rule.operation,
                rule.template
            );
            rule.path_params.push((name.to_owned(), value));
        });
        self
    }

    /// Matches only requests whose query has `name` = `value`.
    pub fn query_param(self, name: &str, value: impl fmt::Display) -> Self {
        let value = value.to_string();
        self.with_rule(|rule| rule.query.push((name.to_owned(), value)));
        self
    }

    /// Takes exactly `times` calls: no more match, and [`MockTransport::verify`] fails on fewer.
    pub fn times(self, times: usize) -> Self {
        self.with_rule(|rule| rule.times = Some(times));
        self
    }

    /// How many requests it answered (each attempt of a retried call counts).
    pub fn calls(&self) -> usize {
        self.with_rule(|rule| rule.calls.len())
    }

    /// The requests it answered, in order.
    pub fn requests(&self) -> Vec<CapturedRequest<B>> {
        self.with_rule(|rule| rule.calls.iter().map(CapturedRequest::typed).collect())
    }
}

/// A canned response: a status, headers and a body, or a transport failure.
#[derive(Clone)]
pub struct MockResponse {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
    failure: Option<Failure>,
}

#[derive(Clone, Copy, Debug)]
enum Failure {
    Timeout,
    ConnectionReset,
}

impl fmt::Debug for MockResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.failure {
            Some(failure) => f.debug_tuple("MockResponse").field(&failure).finish(),
            None => f
                .debug_struct("MockResponse")
                .field("status", &self.status)
                .field("headers", &self.headers.keys().collect::<Vec<_>>())
                .field("body", &format_args!("<{} bytes>", self.body.len()))
                .finish(),
        }
    }
}

impl MockResponse {
    /// A response with this status, no headers and an empty body.
    ///
    /// # Panics
    ///
    /// When `status` is not a valid HTTP status (100 to 999).
    #[track_caller]
    pub fn status(status: u16) -> Self {
        let Ok(status) = StatusCode::from_u16(status) else {
            panic!("{status} is not an HTTP status");
        };
        Self { status, headers: HeaderMap::new(), body: Bytes::new(), failure: None }
    }

    /// The attempt times out (the client retries it as far as its policy allows).
    pub fn timeout() -> Self {
        Self { failure: Some(Failure::Timeout), ..Self::status(200) }
    }

    /// The connection drops before a response (retried like a timeout).
    pub fn connection_reset() -> Self {
        Self { failure: Some(Failure::ConnectionReset), ..Self::status(200) }
    }

    /// Adds a header.
    ///
    /// # Panics
    ///
    /// When the name or value is not valid in HTTP.
    #[track_caller]
    pub fn header(mut self, name: &str, value: &str) -> Self {
        let (Ok(name), Ok(value)) = (HeaderName::from_bytes(name.as_bytes()), HeaderValue::from_str(value)) else {
            panic!("`{name}: {value}` is not a valid HTTP header");
        };
        self.headers.append(name, value);
        self
    }

    /// The body, as it is.
    pub fn body(mut self, body: impl Into<Bytes>) -> Self {
        self.body = body.into();
        self
    }

    /// The body as JSON, with `Content-Type: application/json`.
    ///
    /// # Panics
    ///
    /// When `value` cannot be serialised (a map with non-string keys).
    #[track_caller]
    pub fn json<T: serde::Serialize + ?Sized>(self, value: &T) -> Self {
        let body = match serde_json::to_vec(value) {
            Ok(body) => body,
            Err(e) => panic!("a mocked body cannot be serialised: {e}"),
        };
        self.header("content-type", "application/json").body(body)
    }
}

/// A request the mock received. `B` is the operation's JSON request body type, which
/// [`CapturedRequest::body`] decodes.
pub struct CapturedRequest<B = ()> {
    /// The HTTP method.
    pub method: Method,
    /// The path, percent-encoded as sent.
    pub path: String,
    /// The query parameters, decoded, in order.
    pub query: Vec<(String, String)>,
    /// The headers; a credential's value (marked sensitive) is `<redacted>`.
    pub headers: HeaderMap,
    /// The body as sent.
    pub bytes: Bytes,
    body: PhantomData<fn() -> B>,
}

impl<B> Clone for CapturedRequest<B> {
    fn clone(&self) -> Self {
        self.typed()
    }
}

impl<B> fmt::Debug for CapturedRequest<B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CapturedRequest")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &self.query)
            .field("headers", &self.headers)
            .field("bytes", &format_args!("<{} bytes>", self.bytes.len()))
            .finish()
    }
}

impl CapturedRequest {
    fn capture(request: http::Request<Body>) -> Self {
        let (parts, body) = request.into_parts();
        let redacted = HeaderValue::from_static("<redacted>");
        let mut headers = HeaderMap::with_capacity(parts.headers.len());
        for (name, value) in &parts.headers {
            headers.append(name, if value.is_sensitive() { redacted.clone() } else { value.clone() });
        }
        let query = parts
            .uri
            .query()
            .map(|query| {
                query
                    .split('&')
                    .filter(|pair| !pair.is_empty())
                    .map(|pair| {
                        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
                        (decode_query(name), decode_query(value))
                    })
                    .collect()
            })
            .unwrap_or_default();
        Self {
            method: parts.method,
            path: parts.uri.path().to_owned(),
            query,
            headers,
            // Requests the client builds are in memory.
            bytes: Bytes::copy_from_slice(body.as_bytes().unwrap_or_default()),
            body: PhantomData,
        }
    }
}

/// A query component, `+` and percent escapes decoded (`application/x-www-form-urlencoded`).
fn decode_query(text: &str) -> String {
    percent_encoding::percent_decode_str(&text.replace('+', " ")).decode_utf8_lossy().into_owned()
}

impl<A> CapturedRequest<A> {
    /// The same request, its body read as `B`.
    fn typed<B>(&self) -> CapturedRequest<B> {
        CapturedRequest {
            method: self.method.clone(),
            path: self.path.clone(),
            query: self.query.clone(),
            headers: self.headers.clone(),
            bytes: self.bytes.clone(),
            body: PhantomData,
        }
    }
}

impl<B> CapturedRequest<B> {
    /// The first query parameter called `name`.
    pub fn query_param(&self, name: &str) -> Option<&str> {
        self.query.iter().find(|(n, _)| n == name).map(|(_, value)| value.as_str())
    }

    /// The header `name` as text (`<redacted>` for a credential).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }

    /// The body as a JSON value.
    pub fn json(&self) -> Result<serde_json::Value, serde_json::Error> {
        serde_json::from_slice(&self.bytes)
    }

    /// The body decoded into the operation's request body type.
    pub fn body(&self) -> Result<B, serde_json::Error>
    where
        B: DeserializeOwned,
    {
        serde_json::from_slice(&self.bytes)
    }

    fn path_and_query(&self) -> String {
        match self.query.is_empty() {
            true => self.path.clone(),
            false => {
                let query: Vec<String> = self.query.iter().map(|(n, v)| format!("{n}={v}")).collect();
                format!("{}?{}", self.path, query.join("&"))
            }
        }
    }
}
