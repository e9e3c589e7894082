//! Request plumbing shared by every generated operation.

use super::body::{ByteStream, Multipart};
use super::client::Client;
use super::error::{ApiError, Error, InvalidRequest, RawResponse};
use bytes::Bytes;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use std::fmt;
use std::future::Future;
use std::ops::Deref;
use std::pin::Pin;

/// The future an operation builder turns into when awaited.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

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
    Ok(utf8_percent_encode(&value, PATH_SEGMENT).to_string())
}

/// One request being assembled by generated code.
#[must_use = "a request does nothing until it is sent"]
pub struct Request<'a> {
    client: &'a Client,
    method: Method,
    path: String,
    query: Vec<(&'static str, String)>,
    headers: HeaderMap,
    api_key_headers: &'static [&'static str],
    bearer: bool,
    body: Option<(String, Vec<u8>)>,
    invalid: Option<InvalidRequest>,
}

impl Client {
    /// Starts a request to `path` (already encoded, starting with `/`).
    pub fn request(&self, method: Method, path: String) -> Request<'_> {
        Request {
            client: self,
            method,
            path,
            query: Vec::new(),
            headers: HeaderMap::new(),
            api_key_headers: &[],
            bearer: false,
            body: None,
            invalid: None,
        }
    }
}

impl Request<'_> {
    /// Adds a query parameter.
    pub fn query(&mut self, name: &'static str, value: &dyn fmt::Display) {
        self.query.push((name, value.to_string()));
    }

    /// Adds a header parameter; a value that is not a valid header makes the request fail unsent.
    pub fn header(&mut self, name: &'static str, value: &dyn fmt::Display) {
        match (HeaderName::from_bytes(name.as_bytes()), HeaderValue::from_str(&value.to_string())) {
            (Ok(name), Ok(value)) => {
                self.headers.append(name, value);
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

    /// Sets a JSON body.
    pub fn json<T: serde::Serialize + ?Sized>(&mut self, body: &T) {
        match serde_json::to_vec(body) {
            Ok(bytes) => self.body = Some((String::from("application/json"), bytes)),
            Err(e) => {
                self.invalid
                    .get_or_insert(InvalidRequest { parameter: "body", message: format!("cannot be serialised: {e}") });
            }
        }
    }

    /// Sets a `multipart/form-data` body.
    pub fn multipart(&mut self, form: Multipart) {
        self.body = Some(form.finish());
    }

    /// Sends the request and reads the whole response.
    pub async fn send<E>(self) -> Result<RawResponse, Error<E>> {
        let response = self.send_unread().await?;
        RawResponse::read(response).await
    }

    /// Sends the request; a 2xx body is handed over unread as a [`ByteStream`], any other response is
    /// read (for its error body).
    pub async fn send_streaming<E>(self) -> Result<Result<Response<ByteStream>, RawResponse>, Error<E>> {
        let response = self.send_unread().await?;
        if response.status().is_success() {
            let (status, headers) = (response.status(), response.headers().clone());
            return Ok(Ok(Response { status, headers, body: ByteStream::new(response) }));
        }
        RawResponse::read(response).await.map(Err)
    }

    async fn send_unread<E>(self) -> Result<reqwest::Response, Error<E>> {
        if let Some(invalid) = self.invalid {
            return Err(Error::InvalidRequest(invalid));
        }
        let inner = &self.client.inner;
        let mut headers = self.headers;
        if !self.api_key_headers.is_empty() {
            let Some(key) = &inner.api_key else {
                return Err(Error::InvalidRequest(InvalidRequest {
                    parameter: "api_key",
                    message: String::from("is required by this operation; set it with `Client::builder().api_key(..)`"),
                }));
            };
            let Ok(mut value) = HeaderValue::from_str(key) else {
                return Err(Error::Config(String::from(
                    "the API key contains characters that cannot be sent in a header",
                )));
            };
            value.set_sensitive(true);
            for name in self.api_key_headers {
                // Header names are case-insensitive; specs write them as they like (`X-Api-Key`).
                let Ok(name) = HeaderName::from_bytes(name.to_ascii_lowercase().as_bytes()) else {
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
            headers.insert(reqwest::header::AUTHORIZATION, value);
        }
        let url = format!("{}{}", inner.base_url.as_str().trim_end_matches('/'), self.path);
        let url =
            reqwest::Url::parse(&url).map_err(|e| Error::Config(format!("cannot build a URL from `{url}`: {e}")))?;
        let mut request = inner.http.request(self.method, url).headers(headers);
        if !self.query.is_empty() {
            request = request.query(&self.query);
        }
        if let Some((content_type, body)) = self.body {
            request = request.header(reqwest::header::CONTENT_TYPE, content_type).body(body);
        }
        request.send().await.map_err(|source| Error::Transport { source, attempts: 1 })
    }
}

impl RawResponse {
    async fn read<E>(response: reqwest::Response) -> Result<Self, Error<E>> {
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.bytes().await.map_err(|source| Error::Transport { source, attempts: 1 })?;
        Ok(RawResponse { status, headers, body })
    }

    /// Decodes a success body.
    pub fn json<T: DeserializeOwned, E>(self) -> Result<Response<T>, Error<E>> {
        let body = self.decode()?;
        Ok(Response { status: self.status, headers: self.headers, body })
    }

    /// A success without a body.
    pub fn empty<E>(self) -> Result<Response<()>, Error<E>> {
        Ok(Response { status: self.status, headers: self.headers, body: () })
    }

    /// A success whose body is kept as bytes.
    pub fn bytes<E>(self) -> Result<Response<Bytes>, Error<E>> {
        Ok(Response { status: self.status, headers: self.headers, body: self.body })
    }

    /// A declared error status: decodes its body and wraps it in the operation's error enum.
    pub fn api_error<B: DeserializeOwned, E>(self, wrap: impl FnOnce(B) -> E) -> Error<E> {
        match self.decode::<B, E>() {
            Ok(body) => Error::Api(Box::new(ApiError { status: self.status, headers: self.headers, body: wrap(body) })),
            Err(e) => e,
        }
    }

    /// A declared error status whose body is empty.
    pub fn api_error_without_body<E>(self, error: E) -> Error<E> {
        Error::Api(Box::new(ApiError { status: self.status, headers: self.headers, body: error }))
    }

    /// A declared error status whose body is kept as bytes.
    pub fn api_error_bytes<E>(self, wrap: impl FnOnce(Bytes) -> E) -> Error<E> {
        Error::Api(Box::new(ApiError { status: self.status, headers: self.headers, body: wrap(self.body) }))
    }

    /// A status the operation does not declare.
    pub fn unexpected<E>(self) -> Error<E> {
        Error::UnexpectedStatus(Box::new(self))
    }

    fn decode<T: DeserializeOwned, E>(&self) -> Result<T, Error<E>> {
        let failed = |path: String, source| Error::Decode { path, source, response: Box::new(self.clone()) };
        let mut deserializer = serde_json::Deserializer::from_slice(&self.body);
        let value = serde_path_to_error::deserialize(&mut deserializer)
            .map_err(|e| failed(e.path().to_string(), e.into_inner()))?;
        // Trailing bytes after the JSON value are a malformed body too.
        deserializer.end().map_err(|e| failed(String::from("."), e))?;
        Ok(value)
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
