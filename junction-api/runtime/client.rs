//! The client and its builder.

use super::error::Error;
use super::retry::RetryPolicy;
use super::transport::{ReqwestTransport, Timer, Transport};
use http::header::{HeaderMap, HeaderName, HeaderValue};
use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::Duration;

/// The default timeout of each attempt, as in Junction's official SDKs.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// The default cap on a response body read into memory (streamed bodies are not capped).
const DEFAULT_MAX_RESPONSE_BODY: usize = 64 * 1024 * 1024;

/// A server the API is deployed on. Generated `Environment` enums implement it.
pub trait ServerEnvironment {
    /// The server's base URL, without a trailing slash.
    fn base_url(&self) -> &str;
}

/// The connection to an API: HTTP client, base URL, credentials, timeouts and retries. Cheap to clone:
/// clones share one connection pool.
///
/// A generated crate wraps it in its own `Client`, whose operation groups hang off accessors generated
/// from the spec (`client.user().refresh(id)`), and which dereferences to this one.
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    /// What every attempt is sent through.
    pub(crate) transport: Arc<dyn Transport>,
    /// How the client waits, between retries and for an attempt's timeout: tokio's timer when `None`
    /// (called directly, without boxing its sleeps).
    pub(crate) timer: Option<Arc<dyn Timer>>,
    pub(crate) base_url: reqwest::Url,
    /// The base URL's scheme and authority as a `Uri` takes them, parsed once: each request's `Uri` is
    /// made from them and its path and query.
    pub(crate) origin: (http::uri::Scheme, http::uri::Authority),
    pub(crate) api_key: Option<String>,
    /// The API key as a header value, checked and marked sensitive once.
    pub(crate) api_key_header: Option<HeaderValue>,
    pub(crate) bearer_token: Option<String>,
    /// The per-attempt timeout (`None` when the caller brought their own `reqwest::Client`, whose own
    /// timeout then applies).
    pub(crate) timeout: Option<Duration>,
    /// The caller chose `timeout` (`ClientBuilder::timeout`, or their own HTTP client): it is never
    /// raised for requests that ask the server to wait.
    pub(crate) timeout_chosen: bool,
    pub(crate) retry: RetryPolicy,
    /// Headers every request carries that the transport does not add itself (all of them, unless the
    /// transport is the `reqwest::Client` this crate built, which sends them).
    pub(crate) default_headers: HeaderMap,
    pub(crate) max_response_body: usize,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Never print credentials.
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url.as_str())
            .field("api_key", &self.inner.api_key.as_ref().map(|_| "<redacted>"))
            .field("bearer_token", &self.inner.bearer_token.as_ref().map(|_| "<redacted>"))
            .field("timeout", &self.inner.timeout)
            .field("retry", &self.inner.retry)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// The base URL requests are sent to.
    pub fn base_url(&self) -> &str {
        self.inner.base_url.as_str()
    }
}

/// Configures a client; start one with the generated `Client::builder()` (or `Client::from_env()`).
/// [`ClientBuilder::build`] returns the generated client, `C` (any type made from a [`Client`]).
#[must_use = "a builder does nothing until `.build()` is called"]
pub struct ClientBuilder<C = Client> {
    base_url: Option<String>,
    api_key: Option<String>,
    bearer_token: Option<String>,
    /// `None` until the caller sets one; the default then applies.
    timeout: Option<Duration>,
    retry: RetryPolicy,
    user_agent: String,
    default_headers: Vec<(String, String)>,
    max_response_body: usize,
    http: Option<reqwest::Client>,
    transport: Option<Arc<dyn Transport>>,
    timer: Option<Arc<dyn Timer>>,
    /// Layers around the transport, outermost first (`tower` feature).
    #[cfg(feature = "tower")]
    layers: Vec<super::layer::Wrap>,
    /// What `build` returns.
    client: PhantomData<fn() -> C>,
}

impl<C> fmt::Debug for ClientBuilder<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let header_names: Vec<&str> = self.default_headers.iter().map(|(name, _)| name.as_str()).collect();
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("api_key", &self.api_key.as_ref().map(|_| "<redacted>"))
            .field("bearer_token", &self.bearer_token.as_ref().map(|_| "<redacted>"))
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .field("default_headers", &header_names)
            .finish_non_exhaustive()
    }
}

impl<C: From<Client>> ClientBuilder<C> {
    /// A builder whose base URL defaults to `default_base_url` (the spec's first server, if any) and
    /// whose `User-Agent` defaults to `default_user_agent` (`<crate name>-rust/<crate version>` of the
    /// generated crate). Generated code calls this from `Client::builder()`.
    pub fn new(default_base_url: Option<&str>, default_user_agent: &str) -> Self {
        Self {
            base_url: default_base_url.map(str::to_owned),
            api_key: None,
            bearer_token: None,
            timeout: None,
            retry: RetryPolicy::default(),
            user_agent: default_user_agent.to_owned(),
            default_headers: Vec::new(),
            max_response_body: DEFAULT_MAX_RESPONSE_BODY,
            http: None,
            transport: None,
            timer: None,
            #[cfg(feature = "tower")]
            layers: Vec::new(),
            client: PhantomData,
        }
    }

    /// Reads the configuration from variables named `{prefix}_API_KEY` (required),
    /// `{prefix}_ENVIRONMENT` (an environment's name, read by `environment`) and `{prefix}_BASE_URL`
    /// (overrides the environment). Generated code calls this from `Client::from_env()` with
    /// `std::env::var`; tests pass their own `lookup`.
    #[doc(hidden)]
    pub fn configure_from_env(
        mut self,
        prefix: &str,
        environment: fn(&str) -> Option<&'static str>,
        lookup: impl Fn(&str) -> Option<String>,
    ) -> Result<Self, Error> {
        let var = |name: &str| lookup(&format!("{prefix}_{name}")).filter(|v| !v.trim().is_empty());
        let Some(api_key) = var("API_KEY") else {
            return Err(Error::Config(format!(
                "{prefix}_API_KEY is not set; export it, or configure the key with `Client::builder().api_key(..)`"
            )));
        };
        self.api_key = Some(api_key.trim().to_owned());
        if let Some(name) = var("ENVIRONMENT") {
            let Some(url) = environment(name.trim()) else {
                return Err(Error::Config(format!(
                    "{prefix}_ENVIRONMENT is `{}`, which is not one of the spec's environments",
                    name.trim()
                )));
            };
            self.base_url = Some(url.to_owned());
        }
        if let Some(url) = var("BASE_URL") {
            self.base_url = Some(url.trim().to_owned());
        }
        Ok(self)
    }

    /// The API key sent with every operation the spec secures with one.
    pub fn api_key(mut self, api_key: impl Into<String>) -> Self {
        self.api_key = Some(api_key.into());
        self
    }

    /// The token sent as `Authorization: Bearer <token>` with every operation the spec secures with
    /// HTTP bearer, OAuth 2 or OpenID Connect (obtaining the token is up to the caller).
    pub fn bearer_token(mut self, token: impl Into<String>) -> Self {
        self.bearer_token = Some(token.into());
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

    /// The timeout of each attempt (default 60 s). A timeout set here is always honoured; the default
    /// is raised for a request that asks the server to wait longer (`refresh`'s `timeout`). With
    /// [`ClientBuilder::http_client`], that client's own timeout applies instead, unless a request
    /// sets one.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Retries after the first attempt (default 2; 0 disables retrying).
    pub fn max_retries(mut self, max_retries: u32) -> Self {
        self.retry.max_retries = max_retries;
        self
    }

    /// The whole retry policy: delays, caps and whether POST/PATCH are retried.
    pub fn retry_policy(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// The `User-Agent` header (default `<crate name>-rust/<crate version>` of the generated crate).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// A header sent with every request (checked when the client is built).
    pub fn default_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.default_headers.push((name.into(), value.into()));
        self
    }

    /// The largest response body read into memory (default 64 MiB); a larger one fails with
    /// [`Error::ResponseTooLarge`] instead of exhausting memory. Streamed bodies are not capped.
    pub fn max_response_body(mut self, bytes: usize) -> Self {
        self.max_response_body = bytes;
        self
    }

    /// Uses this `reqwest::Client` (its own timeout, proxy and TLS settings apply). Replaces a
    /// [`transport`](Self::transport) set before.
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self.transport = None;
        self
    }

    /// Sends every attempt through this transport instead of reqwest (see [`crate::transport`]).
    /// Retries, timeouts, credentials, headers, status dispatch and decoding stay in the client, so the
    /// transport sees each attempt. Replaces an [`http_client`](Self::http_client) set before.
    pub fn transport(mut self, transport: impl Transport) -> Self {
        self.transport = Some(Arc::new(transport));
        self.http = None;
        self
    }

    /// Wraps the transport in a `tower::Layer` (feature `tower`; see [`crate::layer`]): the layer sees
    /// every attempt, below retries and timeouts. Layers added first are outermost, as with
    /// `tower::ServiceBuilder`; they wrap whatever transport the client ends up with (the default one,
    /// [`http_client`](Self::http_client)'s, or [`transport`](Self::transport)'s).
    ///
    /// ```
    /// # #[derive(Debug)] struct Api(junction_runtime::Client);
    /// # impl From<junction_runtime::Client> for Api { fn from(c: junction_runtime::Client) -> Self { Api(c) } }
    /// let client = junction_runtime::ClientBuilder::<Api>::new(Some("https://api.example.com"), "example/1.0")
    ///     .layer(tower::limit::ConcurrencyLimitLayer::new(16)) // at most 16 requests in flight
    ///     .build()?;
    /// # Ok::<(), junction_runtime::Error>(())
    /// ```
    #[cfg(feature = "tower")]
    #[cfg_attr(docsrs, doc(cfg(feature = "tower")))]
    pub fn layer<L, S, B>(mut self, layer: L) -> Self
    where
        L: tower_layer::Layer<super::layer::TransportService, Service = S> + Send + 'static,
        S: tower_service::Service<http::Request<super::transport::Body>, Response = http::Response<B>>
            + Clone
            + Send
            + 'static,
        S::Future: Send + 'static,
        S::Error: Into<super::transport::BoxError>,
        B: http_body::Body<Data = bytes::Bytes> + Send + 'static,
        B::Error: Into<super::transport::BoxError>,
    {
        self.layers.push(super::layer::wrap(layer));
        self
    }

    /// How the client waits between retries and times attempts out (default: tokio's timer). Set it to
    /// drive the client from another async runtime.
    pub fn timer(mut self, timer: impl Timer) -> Self {
        self.timer = Some(Arc::new(timer));
        self
    }

    /// Builds the client.
    pub fn build(self) -> Result<C, Error> {
        self.build_connection().map(C::from)
    }

    fn build_connection(self) -> Result<Client, Error> {
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
        let origin = match (
            http::uri::Scheme::try_from(base_url.scheme()),
            http::uri::Authority::try_from(&base_url[url::Position::BeforeUsername..url::Position::AfterPort]),
        ) {
            (Ok(scheme), Ok(authority)) => (scheme, authority),
            _ => return Err(Error::Config(format!("base URL `{base_url}` cannot be sent to"))),
        };
        let mut default_headers = HeaderMap::new();
        for (name, value) in &self.default_headers {
            let (Ok(header), Ok(value)) = (HeaderName::from_bytes(name.as_bytes()), HeaderValue::from_str(value))
            else {
                return Err(Error::Config(format!("default header `{name}` is not a valid HTTP header")));
            };
            default_headers.append(header, value);
        }
        let user_agent = HeaderValue::from_str(&self.user_agent)
            .map_err(|_| Error::Config(format!("user agent `{}` is not a valid header value", self.user_agent)))?;
        default_headers.insert(http::header::USER_AGENT, user_agent);
        let timeout_chosen = self.timeout.is_some() || self.http.is_some();
        let (transport, timeout, default_headers): (Arc<dyn Transport>, _, _) = match (self.transport, self.http) {
            (Some(transport), _) => (transport, Some(self.timeout.unwrap_or(DEFAULT_TIMEOUT)), default_headers),
            (None, Some(http)) => (Arc::new(ReqwestTransport::new(http)), None, default_headers),
            (None, None) => (
                // The client adds the default headers itself, without copying them for every request.
                Arc::new(ReqwestTransport::new(
                    reqwest::Client::builder()
                        .default_headers(default_headers)
                        .build()
                        .map_err(|e| Error::Config(format!("cannot build the HTTP client: {e}")))?,
                )),
                Some(self.timeout.unwrap_or(DEFAULT_TIMEOUT)),
                HeaderMap::new(),
            ),
        };
        #[cfg(feature = "tower")]
        let transport = super::layer::stack(transport, self.layers);
        let api_key_header = match &self.api_key {
            None => None,
            Some(key) => {
                let mut value = HeaderValue::from_str(key).map_err(|_| {
                    Error::Config(String::from("the API key contains characters that cannot be sent in a header"))
                })?;
                value.set_sensitive(true);
                Some(value)
            }
        };
        Ok(Client {
            inner: Arc::new(Inner {
                transport,
                timer: self.timer,
                base_url,
                origin,
                api_key_header,
                api_key: self.api_key,
                bearer_token: self.bearer_token,
                timeout,
                timeout_chosen,
                retry: self.retry,
                default_headers,
                max_response_body: self.max_response_body,
            }),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn environments(name: &str) -> Option<&'static str> {
        (name == "sandbox").then_some("https://sandbox.example.com")
    }

    /// A builder of the runtime's own client, as a generated `Client::builder()` makes one.
    fn builder(base_url: Option<&str>) -> ClientBuilder {
        ClientBuilder::new(base_url, "test-rust/0.0.0")
    }

    #[test]
    fn configure_from_env_needs_the_key_and_reads_environment_and_base_url() {
        let none = |_: &str| None;
        let err = builder(None).configure_from_env("JUNCTION", environments, none).unwrap_err();
        assert!(err.to_string().contains("JUNCTION_API_KEY is not set"), "{err}");

        let vars = |name: &str| match name {
            "JUNCTION_API_KEY" => Some(String::from("sk_1")),
            "JUNCTION_ENVIRONMENT" => Some(String::from("sandbox")),
            _ => None,
        };
        let client = builder(None).configure_from_env("JUNCTION", environments, vars).unwrap().build().unwrap();
        assert_eq!(client.base_url(), "https://sandbox.example.com/");
        assert_eq!(client.inner.api_key.as_deref(), Some("sk_1"));

        let bad = |name: &str| match name {
            "JUNCTION_API_KEY" => Some(String::from("sk_1")),
            "JUNCTION_ENVIRONMENT" => Some(String::from("moon")),
            _ => None,
        };
        let err = builder(None).configure_from_env("JUNCTION", environments, bad).unwrap_err();
        assert!(err.to_string().contains("JUNCTION_ENVIRONMENT is `moon`"), "{err}");
    }

    #[test]
    fn credentials_never_show_in_debug_output() {
        let configured = builder(Some("https://x.example.com")).api_key("sk_secret").bearer_token("tok_secret");
        let client = configured.build().unwrap();
        let printed = format!("{client:?} {:?}", builder(None).api_key("sk_secret"));
        assert!(!printed.contains("sk_secret") && !printed.contains("tok_secret"), "{printed}");
    }
}
