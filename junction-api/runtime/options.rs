//! Per-request settings that override the client's.

use std::fmt;
use std::time::Duration;

/// Settings for one request, overriding the client's; set them with `.request_options(..)` on any
/// operation builder.
///
/// ```
/// # use junction_runtime::RequestOptions;
/// use std::time::Duration;
/// let options = RequestOptions { timeout: Some(Duration::from_secs(5)), max_retries: Some(0), ..Default::default() }
///     .header("x-request-id", "abc-123")
///     .query("debug", "1");
/// # let _ = options;
/// ```
#[derive(Clone, Default, PartialEq)]
pub struct RequestOptions {
    /// The timeout of each attempt (the client's otherwise).
    pub timeout: Option<Duration>,
    /// Retries after the first attempt (the client's otherwise; 0 disables).
    pub max_retries: Option<u32>,
    /// Headers added to the request (after the generated ones, which they replace).
    pub extra_headers: Vec<(String, String)>,
    /// Query parameters added to the request.
    pub extra_query: Vec<(String, String)>,
}

impl RequestOptions {
    /// Options that change nothing.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the timeout of each attempt.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Sets the number of retries.
    pub fn max_retries(mut self, max_retries: u32) -> Self {
        self.max_retries = Some(max_retries);
        self
    }

    /// Adds a header.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.extra_headers.push((name.into(), value.into()));
        self
    }

    /// Adds a query parameter.
    pub fn query(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.extra_query.push((name.into(), value.into()));
        self
    }
}

impl fmt::Debug for RequestOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Extra headers may carry credentials: names only.
        let headers: Vec<&str> = self.extra_headers.iter().map(|(name, _)| name.as_str()).collect();
        f.debug_struct("RequestOptions")
            .field("timeout", &self.timeout)
            .field("max_retries", &self.max_retries)
            .field("extra_headers", &headers)
            .field("extra_query", &self.extra_query)
            .finish()
    }
}
