//! When and how long to wait before trying a request again.
//!
//! Retried: connection failures and timeouts, and the statuses 408, 409, 429 and 500-599. Waits grow
//! exponentially (`initial_delay · 2^(attempt-1)`, capped at `max_delay`) with jitter (a random 75-100 %
//! of that), unless the server says how long with `Retry-After` (seconds or an HTTP date), which is
//! honoured up to `max_retry_after`; a longer `Retry-After` ends the retries, since trying earlier is
//! pointless. Every HTTP method is retried, as Junction's official SDKs do;
//! [`RetryPolicy::retry_non_idempotent`] turns that off for POST and PATCH.

use reqwest::header::HeaderMap;
use reqwest::{Method, StatusCode};
use std::hash::{BuildHasher, Hasher};
use std::time::{Duration, SystemTime};

/// How a client retries. The defaults are Junction's SDKs': 2 retries, 0.5 s doubling up to 8 s.
#[derive(Clone, Debug, PartialEq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (0 disables retrying).
    pub max_retries: u32,
    /// The wait before the first retry, before jitter.
    pub initial_delay: Duration,
    /// The longest computed wait.
    pub max_delay: Duration,
    /// The longest `Retry-After` honoured; a server asking for more is not retried.
    pub max_retry_after: Duration,
    /// Whether POST and PATCH requests are retried too (the default, as in Junction's SDKs).
    pub retry_non_idempotent: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 2,
            initial_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(8),
            max_retry_after: Duration::from_secs(60),
            retry_non_idempotent: true,
        }
    }
}

/// Whether a response with this status is worth trying again.
pub fn retryable_status(status: StatusCode) -> bool {
    matches!(status.as_u16(), 408 | 409 | 429 | 500..=599)
}

impl RetryPolicy {
    pub(crate) fn allows(&self, method: &Method) -> bool {
        self.retry_non_idempotent || !matches!(*method, Method::POST | Method::PATCH)
    }

    /// The wait before retry number `retry` (1-based), with jitter.
    pub(crate) fn backoff(&self, retry: u32) -> Duration {
        let exponential = self.initial_delay.saturating_mul(1u32 << retry.saturating_sub(1).min(30));
        let capped = exponential.min(self.max_delay);
        capped.mul_f64(0.75 + 0.25 * random_unit())
    }

    /// The wait a response asks for: its `Retry-After` if present and within the cap (`None` when it
    /// asks for longer: do not retry), else the backoff.
    pub(crate) fn delay_after(&self, retry: u32, headers: &HeaderMap) -> Option<Duration> {
        match retry_after(headers, SystemTime::now()) {
            Some(wait) if wait > self.max_retry_after => None,
            Some(wait) => Some(wait),
            None => Some(self.backoff(retry)),
        }
    }
}

/// `Retry-After` as a wait: delay-seconds, or an HTTP date (a date in the past means now).
pub fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers.get(reqwest::header::RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

/// A uniformly distributed number in [0, 1), from the standard library's randomly keyed hasher (no
/// dependency for a little jitter).
fn random_unit() -> f64 {
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.as_nanos() as u64));
    (hasher.finish() >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::{HeaderValue, RETRY_AFTER};

    #[test]
    fn backoff_doubles_from_the_initial_delay_up_to_the_cap_with_jitter() {
        let policy = RetryPolicy::default();
        for (retry, nominal) in [(1, 500), (2, 1000), (3, 2000), (5, 8000), (9, 8000)] {
            let wait = policy.backoff(retry).as_millis() as u64;
            assert!(wait >= nominal * 3 / 4 && wait <= nominal, "retry {retry}: {wait} ms");
        }
    }

    #[test]
    fn retry_after_reads_seconds_and_http_dates() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, HeaderValue::from_static("7"));
        assert_eq!(retry_after(&headers, now), Some(Duration::from_secs(7)));
        let later = httpdate::fmt_http_date(now + Duration::from_secs(30));
        headers.insert(RETRY_AFTER, HeaderValue::from_str(&later).unwrap());
        assert_eq!(retry_after(&headers, now), Some(Duration::from_secs(30)));
        headers.insert(RETRY_AFTER, HeaderValue::from_static("soon"));
        assert_eq!(retry_after(&headers, now), None);
    }

    #[test]
    fn a_retry_after_beyond_the_cap_ends_the_retries() {
        let policy = RetryPolicy { max_retry_after: Duration::from_secs(5), ..RetryPolicy::default() };
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, HeaderValue::from_static("3600"));
        assert_eq!(policy.delay_after(1, &headers), None);
    }

    #[test]
    fn which_statuses_and_methods_are_retried() {
        for code in [408, 409, 429, 500, 503, 599] {
            assert!(retryable_status(StatusCode::from_u16(code).unwrap()), "{code}");
        }
        for code in [400, 401, 404, 422] {
            assert!(!retryable_status(StatusCode::from_u16(code).unwrap()), "{code}");
        }
        let strict = RetryPolicy { retry_non_idempotent: false, ..RetryPolicy::default() };
        assert!(strict.allows(&Method::GET) && strict.allows(&Method::PUT) && !strict.allows(&Method::POST));
    }
}
