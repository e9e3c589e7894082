//! The one error type of every client call.

use super::pages::PaginationError;
use super::transport::TransportError;
use bytes::Bytes;
use http::header::HeaderMap;
use http::StatusCode;
use std::convert::Infallible;
use std::fmt;

/// Everything a call can fail with. `E` is the operation's enum of declared error bodies (for example
/// `user::RefreshError`); calls that cannot return one use the default, [`Infallible`]. Responses are
/// boxed so that `Result<T, Error<E>>` stays small on the happy path.
///
/// Response bodies are health data: neither `Display` nor `Debug` (nor the [`source`] chain that error
/// reporters print) ever shows one, or a decoder message that could quote one. The body stays
/// reachable on purpose: [`Error::raw_response`], [`Error::api_error`], [`Error::decode_error`].
///
/// [`source`]: std::error::Error::source
#[derive(thiserror::Error)]
#[non_exhaustive]
pub enum Error<E = Infallible> {
    /// A parameter was rejected before anything was sent.
    #[error("invalid request: {0}")]
    InvalidRequest(InvalidRequest),
    /// The client was configured with something unusable (for example a malformed base URL).
    #[error("invalid client configuration: {0}")]
    Config(String),
    /// The request did not complete: connection, TLS or timeout failure (of the last attempt).
    #[error("request failed after {attempts} attempt(s): {source}")]
    Transport {
        /// The transport's error.
        #[source]
        source: TransportError,
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
    #[error(
        "cannot decode the HTTP {} response body at `{path}` (line {}, column {}): {}",
        .response.status, .error.line(), .error.column(), decode_category(.error)
    )]
    Decode {
        /// The response as received, body kept raw.
        response: Box<RawResponse>,
        /// Where in the body decoding failed (`.` is the root).
        path: String,
        /// The decoder's error. Its message may quote the body, so it is not this error's `source`
        /// and is never printed by it; read it here (or with [`Error::decode_error`]) on purpose.
        error: serde_json::Error,
    },
    /// A stream of pages stopped instead of looping: the server repeated a cursor, or the caller's page
    /// limit was reached with pages left (see [`crate::Pages`]).
    #[error("paging stopped: {0}")]
    Pagination(#[source] PaginationError),
}

/// What kind of decoding failure, in words that never quote the body.
fn decode_category(error: &serde_json::Error) -> &'static str {
    match error.classify() {
        serde_json::error::Category::Io => "the body could not be read",
        serde_json::error::Category::Syntax => "the body is not valid JSON",
        serde_json::error::Category::Data => "a value does not match the declared type",
        serde_json::error::Category::Eof => "the body ends before the JSON value does",
    }
}

impl<E> fmt::Debug for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidRequest(invalid) => f.debug_tuple("InvalidRequest").field(invalid).finish(),
            Error::Config(message) => f.debug_tuple("Config").field(message).finish(),
            Error::Transport { source, attempts } => {
                f.debug_struct("Transport").field("source", source).field("attempts", attempts).finish()
            }
            Error::Api(api) => f.debug_tuple("Api").field(api).finish(),
            Error::UnexpectedStatus(response) => f.debug_tuple("UnexpectedStatus").field(response).finish(),
            Error::ResponseTooLarge { status, limit } => {
                f.debug_struct("ResponseTooLarge").field("status", status).field("limit", limit).finish()
            }
            Error::Decode { response, path, error } => f
                .debug_struct("Decode")
                .field("response", response)
                .field("path", path)
                .field("line", &error.line())
                .field("column", &error.column())
                .field("category", &error.classify())
                .finish_non_exhaustive(),
            Error::Pagination(error) => f.debug_tuple("Pagination").field(error).finish(),
        }
    }
}

impl Error {
    /// The same error as the error type of an operation (`Error<user::RefreshError>`): an error
    /// without an API body converts to any of them. The request plumbing returns `Error` (it never
    /// decodes an error body), so that it is compiled once rather than once per operation.
    pub fn widen<E>(self) -> Error<E> {
        match self {
            Error::InvalidRequest(invalid) => Error::InvalidRequest(invalid),
            Error::Config(message) => Error::Config(message),
            Error::Transport { source, attempts } => Error::Transport { source, attempts },
            Error::Api(api) => match api.body {},
            Error::UnexpectedStatus(response) => Error::UnexpectedStatus(response),
            Error::ResponseTooLarge { status, limit } => Error::ResponseTooLarge { status, limit },
            Error::Decode { response, path, error } => Error::Decode { response, path, error },
            Error::Pagination(error) => Error::Pagination(error),
        }
    }
}

impl<E> Error<E> {
    /// The HTTP status, when the server answered.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Api(e) => Some(e.status),
            Error::UnexpectedStatus(r) | Error::Decode { response: r, .. } => Some(r.status),
            Error::ResponseTooLarge { status, .. } => Some(*status),
            Error::InvalidRequest(_) | Error::Config(_) | Error::Transport { .. } | Error::Pagination(_) => None,
        }
    }

    /// Whether trying again later could succeed: transport failures (connection, timeout, reset) and
    /// the statuses 408, 409, 429 and 5xx. The client has already retried these as far as its policy
    /// allows; this is for callers with retries of their own.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Transport { source, .. } => source.is_retryable(),
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

    /// The decoder's error of an [`Error::Decode`]. Its message may quote the response body (health
    /// data): log it only where bodies may be logged.
    pub fn decode_error(&self) -> Option<&serde_json::Error> {
        match self {
            Error::Decode { error, .. } => Some(error),
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

/// A declared error response: its status, headers and typed body. `Debug` shows the status and the
/// header names only (the body may echo health data); read `body` to see it.
#[derive(Clone)]
pub struct ApiError<E> {
    /// The HTTP status.
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// The decoded body.
    pub body: E,
}

impl<E> fmt::Debug for ApiError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiError")
            .field("status", &self.status)
            .field("headers", &HeaderNames(&self.headers))
            .field("body", &format_args!("<{}>", std::any::type_name::<E>().rsplit("::").next().unwrap_or("body")))
            .finish()
    }
}

/// A response kept as received: status, headers and the undecoded body. `Debug` shows the status, the
/// header names and the body's length, never its bytes; read `body` or [`RawResponse::text`].
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
        f.debug_struct("RawResponse")
            .field("status", &self.status)
            .field("headers", &HeaderNames(&self.headers))
            .field("body", &format_args!("<{} bytes>", self.body.len()))
            .finish()
    }
}

/// Header names without their values (a response may set cookies or echo credentials).
struct HeaderNames<'a>(&'a HeaderMap);

impl fmt::Debug for HeaderNames<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.0.keys().map(|name| name.as_str())).finish()
    }
}
