//! The one error type of every client call.

use bytes::Bytes;
use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use std::convert::Infallible;
use std::fmt;

/// Everything a call can fail with. `E` is the operation's enum of declared error bodies (for example
/// `user::RefreshError`); calls that cannot return one use the default, [`Infallible`]. Responses are
/// boxed so that `Result<T, Error<E>>` stays small on the happy path.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error<E = Infallible> {
    /// A parameter was rejected before anything was sent.
    #[error("invalid request: {0}")]
    InvalidRequest(InvalidRequest),
    /// The client was configured with something unusable (for example a malformed base URL).
    #[error("invalid client configuration: {0}")]
    Config(String),
    /// The request did not complete: connection, TLS or timeout failure.
    #[error("request failed after {attempts} attempt(s): {source}")]
    Transport {
        /// The HTTP client's error.
        #[source]
        source: reqwest::Error,
        /// How many attempts were made.
        attempts: u32,
    },
    /// The API answered with a status the spec declares, and its body decoded into the declared type.
    #[error("the API returned HTTP {}", .0.status)]
    Api(Box<ApiError<E>>),
    /// The API answered with a status the spec does not declare for this operation.
    #[error("unexpected HTTP status {} ({} body bytes)", .0.status, .0.body.len())]
    UnexpectedStatus(Box<RawResponse>),
    /// The response body was larger than the client's limit (`ClientBuilder::max_response_body`) and
    /// was not read.
    #[error("the HTTP {status} response body exceeds the limit of {limit} bytes")]
    ResponseTooLarge {
        /// The status of the response.
        status: StatusCode,
        /// The limit.
        limit: usize,
    },
    /// The body did not match the declared type (for example `success: false` in a success body).
    #[error("cannot decode the HTTP {} response body at `{path}`: {source}", .response.status)]
    Decode {
        /// The response as received, body kept raw.
        response: Box<RawResponse>,
        /// Where in the body decoding failed (`.` is the root).
        path: String,
        /// The decoder's error.
        #[source]
        source: serde_json::Error,
    },
}

impl<E> Error<E> {
    /// The HTTP status, when the server answered.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Api(e) => Some(e.status),
            Error::UnexpectedStatus(r) | Error::Decode { response: r, .. } => Some(r.status),
            Error::Transport { source, .. } => source.status(),
            Error::ResponseTooLarge { status, .. } => Some(*status),
            Error::InvalidRequest(_) | Error::Config(_) => None,
        }
    }

    /// Whether trying again later could succeed: transport failures (connection, timeout, reset) and
    /// the statuses 408, 409, 429 and 5xx. The client has already retried these as far as its policy
    /// allows; this is for callers with retries of their own.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Transport { .. } => true,
            Error::Api(e) => super::retry::retryable_status(e.status),
            Error::UnexpectedStatus(r) => super::retry::retryable_status(r.status),
            _ => false,
        }
    }

    /// How many attempts were made, when the request failed in transport.
    pub fn attempts(&self) -> Option<u32> {
        match self {
            Error::Transport { attempts, .. } => Some(*attempts),
            _ => None,
        }
    }

    /// Whether the request timed out.
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Transport { source, .. } if source.is_timeout())
    }

    /// The declared error body, when the API returned one.
    pub fn api_error(&self) -> Option<&E> {
        match self {
            Error::Api(e) => Some(&e.body),
            _ => None,
        }
    }

    /// The raw response, when one was received but not decoded into a declared type.
    pub fn raw_response(&self) -> Option<&RawResponse> {
        match self {
            Error::UnexpectedStatus(r) | Error::Decode { response: r, .. } => Some(r),
            _ => None,
        }
    }
}

/// A parameter value that cannot be sent.
#[derive(Clone, Debug, PartialEq)]
pub struct InvalidRequest {
    /// The parameter's wire name.
    pub parameter: &'static str,
    /// What is wrong with it.
    pub message: String,
}

impl fmt::Display for InvalidRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` {}", self.parameter, self.message)
    }
}

/// A declared error response: its status, headers and typed body.
#[derive(Clone, Debug)]
pub struct ApiError<E> {
    /// The HTTP status.
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// The decoded body.
    pub body: E,
}

/// A response kept as received: status, headers and the undecoded body.
#[derive(Clone)]
pub struct RawResponse {
    /// The HTTP status.
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// The body bytes.
    pub body: Bytes,
}

impl RawResponse {
    /// The body as text (lossy for non-UTF-8 bytes).
    pub fn text(&self) -> std::borrow::Cow<'_, str> {
        String::from_utf8_lossy(&self.body)
    }
}

impl fmt::Debug for RawResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const SHOWN: usize = 2048;
        let text = self.text();
        let body: String = text.chars().take(SHOWN).collect();
        let more = text.chars().count().saturating_sub(SHOWN);
        f.debug_struct("RawResponse")
            .field("status", &self.status)
            .field("headers", &self.headers)
            .field(
                "body",
                &format_args!("{body:?}{}", if more > 0 { format!(" (+{more} chars)") } else { String::new() }),
            )
            .finish()
    }
}
