//! The client and its builder.

use super::error::Error;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

/// The default request timeout, as in Junction's official SDKs.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// A server the API is deployed on. Generated `Environment` enums implement it.
pub trait ServerEnvironment {
    /// The server's base URL, without a trailing slash.
    fn base_url(&self) -> &str;
}

/// An API client. Cheap to clone: clones share one connection pool.
///
/// Operations hang off group accessors generated from the spec, e.g. `client.user().refresh(id)`.
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) http: reqwest::Client,
    pub(crate) base_url: reqwest::Url,
    pub(crate) api_key: Option<String>,
    pub(crate) bearer_token: Option<String>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Never print the key itself.
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url.as_str())
            .field("api_key", &self.inner.api_key.as_ref().map(|_| "<redacted>"))
            .field("bearer_token", &self.inner.bearer_token.as_ref().map(|_| "<redacted>"))
            .finish_non_exhaustive()
    }
}

impl Client {
    /// The base URL requests are sent to.
    pub fn base_url(&self) -> &str {
        self.inner.base_url.as_str()
    }
}

/// Configures a [`Client`]; start one with the generated `Client::builder()`.
#[must_use = "a builder does nothing until `.build()` is called"]
pub struct ClientBuilder {
    base_url: Option<String>,
    api_key: Option<String>,
    bearer_token: Option<String>,
    timeout: Duration,
    http: Option<reqwest::Client>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("api_key", &self.api_key.as_ref().map(|_| "<redacted>"))
            .field("bearer_token", &self.bearer_token.as_ref().map(|_| "<redacted>"))
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    /// A builder whose base URL defaults to `default_base_url` (the spec's first server, if any).
    /// Generated code calls this from `Client::builder()`.
    pub fn new(default_base_url: Option<&str>) -> Self {
        Self {
            base_url: default_base_url.map(str::to_owned),
            api_key: None,
            bearer_token: None,
            timeout: DEFAULT_TIMEOUT,
            http: None,
        }
    }

    /// The token sent as `Authorization: Bearer <token>` with every operation the spec secures with
    /// HTTP bearer, OAuth 2 or OpenID Connect (obtaining the token is up to the caller).
    pub fn bearer_token(mut self, token: impl Into<String>) -> Self {
        self.bearer_token = Some(token.into());
        self
    }

    /// The API key sent with every operation the spec secures.
    pub fn api_key(mut self, api_key: impl Into<String>) -> Self {
        self.api_key = Some(api_key.into());
        self
    }

    /// Sends requests to one of the spec's servers.
    pub fn environment(mut self, environment: impl ServerEnvironment) -> Self {
        self.base_url = Some(environment.base_url().to_owned());
        self
    }

    /// Sends requests to any base URL instead (a proxy, a mock server in tests).
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = Some(base_url.into());
        self
    }

    /// The timeout of each request (default 60 s). Ignored when [`ClientBuilder::http_client`] is given.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Uses this `reqwest::Client` (its own timeout, proxy and TLS settings apply).
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    /// Builds the client.
    pub fn build(self) -> Result<Client, Error> {
        let Some(base_url) = self.base_url else {
            return Err(Error::Config(String::from(
                "no base URL: the spec declares no server, so set one with `.base_url(..)`",
            )));
        };
        let base_url = reqwest::Url::parse(base_url.trim_end_matches('/'))
            .map_err(|e| Error::Config(format!("base URL `{base_url}` is not a valid URL: {e}")))?;
        if !matches!(base_url.scheme(), "http" | "https") || base_url.cannot_be_a_base() {
            return Err(Error::Config(format!("base URL `{base_url}` must be an absolute http(s) URL")));
        }
        let http = match self.http {
            Some(http) => http,
            None => reqwest::Client::builder()
                .timeout(self.timeout)
                .user_agent(concat!("junction-api-rust/", env!("CARGO_PKG_VERSION")))
                .build()
                .map_err(|e| Error::Config(format!("cannot build the HTTP client: {e}")))?,
        };
        Ok(Client { inner: Arc::new(Inner { http, base_url, api_key: self.api_key, bearer_token: self.bearer_token }) })
    }
}
