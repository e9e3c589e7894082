//! Verifying webhook deliveries: Junction sends them through Svix, signed by the [Standard
//! Webhooks](https://www.standardwebhooks.com/) scheme, and this is the check Svix's own libraries make.
//!
//! The signed content is `{id}.{timestamp}.{body}` (the `svix-id` and `svix-timestamp` headers, or
//! `webhook-id` and `webhook-timestamp`, and the raw body); its HMAC-SHA256 under the endpoint's secret,
//! base64-encoded, must equal one of the `v1,<signature>` entries of the space-separated `svix-signature`
//! (or `webhook-signature`) header, compared in constant time. The timestamp must be within a tolerance of
//! now (5 minutes unless set), so that a captured delivery cannot be replayed later. Only then is the body
//! parsed.
//!
//! Generated crates name it for their event type: `junction_api::webhooks::Webhook` is
//! `Webhook<junction_api::webhooks::Event>`.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use serde::de::DeserializeOwned;
use sha2::Sha256;
use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The header names, Svix's first: each pair is read in this order.
const ID: [&str; 2] = ["svix-id", "webhook-id"];
const TIMESTAMP: [&str; 2] = ["svix-timestamp", "webhook-timestamp"];
const SIGNATURE: [&str; 2] = ["svix-signature", "webhook-signature"];

/// How far a delivery's timestamp may be from now, either way, unless set otherwise.
pub const DEFAULT_TOLERANCE: Duration = Duration::from_secs(5 * 60);

/// Why a delivery was refused. No variant holds the secret, a signature or the body.
#[derive(Clone, Debug, Eq, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum WebhookError {
    /// The secret is not base64 (after an optional `whsec_` prefix), or is empty.
    #[error("the webhook secret is not a `whsec_…` secret: expected base64 after the optional `whsec_` prefix")]
    InvalidSecret,
    /// A header the scheme needs is missing (or is not text).
    #[error("the delivery has no `{0}` header")]
    MissingHeader(&'static str),
    /// The timestamp header is not a whole number of seconds.
    #[error("the delivery's timestamp header is not a number of seconds since 1970")]
    MalformedTimestamp,
    /// The timestamp is older than the tolerance allows (a replay, or a clock far behind).
    #[error("the delivery is too old: its timestamp is {seconds} s behind the clock")]
    TooOld {
        /// How far behind, in seconds.
        seconds: u64,
    },
    /// The timestamp is further in the future than the tolerance allows.
    #[error("the delivery is from the future: its timestamp is {seconds} s ahead of the clock")]
    TooNew {
        /// How far ahead, in seconds.
        seconds: u64,
    },
    /// No `v1` signature in the header matches the body: the body was changed, or signed with another
    /// secret.
    #[error("no signature of the delivery matches its body and this secret")]
    NoMatchingSignature,
    /// The signature is valid but the body is not an event this crate can read: not JSON, or a known
    /// `event_type` whose payload does not match its type at `path` (an unknown `event_type` is not an
    /// error, it is `Event::Unknown`).
    #[error("the verified body is not a valid {} event: it fails at `{path}`", event_type.as_deref().unwrap_or("webhook"))]
    NotAnEvent {
        /// The body's `event_type`, when it has one.
        event_type: Option<String>,
        /// Where the payload stops matching its type (`data.user_id`; `.` for the body itself).
        path: String,
    },
}

/// The clock a verifier reads (injectable for tests).
type Clock = Arc<dyn Fn() -> SystemTime + Send + Sync>;

/// A verifier for one webhook endpoint's secret, parsing verified bodies as `E`.
pub struct Webhook<E> {
    key: Vec<u8>,
    tolerance: Duration,
    clock: Clock,
    event: PhantomData<fn() -> E>,
}

impl<E> Clone for Webhook<E> {
    fn clone(&self) -> Self {
        Self { key: self.key.clone(), tolerance: self.tolerance, clock: Arc::clone(&self.clock), event: PhantomData }
    }
}

impl<E> fmt::Debug for Webhook<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Webhook").field("secret", &"<redacted>").field("tolerance", &self.tolerance).finish()
    }
}

impl<E> Webhook<E> {
    /// A verifier for the endpoint's signing secret, as Junction's dashboard shows it (`whsec_…`) or as
    /// bare base64.
    pub fn new(secret: &str) -> Result<Self, WebhookError> {
        let encoded = secret.strip_prefix("whsec_").unwrap_or(secret);
        let key = STANDARD.decode(encoded).map_err(|_| WebhookError::InvalidSecret)?;
        if key.is_empty() {
            return Err(WebhookError::InvalidSecret);
        }
        Ok(Self { key, tolerance: DEFAULT_TOLERANCE, clock: Arc::new(SystemTime::now), event: PhantomData })
    }

    /// How far a timestamp may be from now, either way (default [`DEFAULT_TOLERANCE`], 5 minutes).
    pub fn with_tolerance(mut self, tolerance: Duration) -> Self {
        self.tolerance = tolerance;
        self
    }

    /// The clock timestamps are checked against (default [`SystemTime::now`]).
    pub fn with_clock(mut self, clock: impl Fn() -> SystemTime + Send + Sync + 'static) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    /// Checks the delivery's signature and timestamp and returns the body unparsed, for receivers that
    /// route events themselves.
    pub fn verify_raw<'b>(&self, body: &'b [u8], headers: &http::HeaderMap) -> Result<&'b [u8], WebhookError> {
        let id = header(headers, ID)?;
        let timestamp = header(headers, TIMESTAMP)?;
        let signatures = header(headers, SIGNATURE)?;
        let seconds: i64 = timestamp.trim().parse().map_err(|_| WebhookError::MalformedTimestamp)?;
        self.check_time(seconds)?;
        let mac = self.mac(id, seconds, body);
        // Every `v1,` entry is tried; other versions (and entries that are not base64) are skipped.
        let matched = signatures
            .split(' ')
            .filter_map(|entry| entry.strip_prefix("v1,"))
            .filter_map(|signature| STANDARD.decode(signature).ok())
            .any(|signature| mac.clone().verify_slice(&signature).is_ok());
        if matched {
            Ok(body)
        } else {
            Err(WebhookError::NoMatchingSignature)
        }
    }

    /// Checks the delivery and only then parses it as `E`.
    pub fn verify(&self, body: &[u8], headers: &http::HeaderMap) -> Result<E, WebhookError>
    where
        E: DeserializeOwned,
    {
        let body = self.verify_raw(body, headers)?;
        parse(body)
    }

    /// The `svix-signature` header value for a delivery (`v1,<base64>`), as the sender computes it: for
    /// testing a receiver.
    pub fn sign(&self, id: &str, timestamp: i64, body: &[u8]) -> String {
        format!("v1,{}", STANDARD.encode(self.mac(id, timestamp, body).finalize().into_bytes()))
    }

    fn mac(&self, id: &str, timestamp: i64, body: &[u8]) -> Hmac<Sha256> {
        // HMAC takes keys of any length.
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.key).unwrap_or_else(|_| unreachable!());
        mac.update(id.as_bytes());
        mac.update(b".");
        mac.update(timestamp.to_string().as_bytes());
        mac.update(b".");
        mac.update(body);
        mac
    }

    fn check_time(&self, seconds: i64) -> Result<(), WebhookError> {
        let now = match (self.clock)().duration_since(UNIX_EPOCH) {
            Ok(since) => i64::try_from(since.as_secs()).unwrap_or(i64::MAX),
            Err(before) => -i64::try_from(before.duration().as_secs()).unwrap_or(i64::MAX),
        };
        let tolerance = i64::try_from(self.tolerance.as_secs()).unwrap_or(i64::MAX);
        let (behind, ahead) = (now.saturating_sub(seconds), seconds.saturating_sub(now));
        if behind > tolerance {
            return Err(WebhookError::TooOld { seconds: behind.unsigned_abs() });
        }
        if ahead > tolerance {
            return Err(WebhookError::TooNew { seconds: ahead.unsigned_abs() });
        }
        Ok(())
    }
}

/// The first of the header names present, as text.
fn header<'h>(headers: &'h http::HeaderMap, names: [&'static str; 2]) -> Result<&'h str, WebhookError> {
    names
        .iter()
        .find_map(|name| headers.get(*name))
        .and_then(|value| value.to_str().ok())
        .ok_or(WebhookError::MissingHeader(names[0]))
}

/// Parses a verified body, reporting where it fails (never what it holds).
fn parse<E: DeserializeOwned>(body: &[u8]) -> Result<E, WebhookError> {
    super::wire::from_slice_at(body).map_err(|(path, _)| {
        let event_type = serde_json::from_slice::<serde_json::Value>(body)
            .ok()
            .and_then(|value| Some(value.get("event_type")?.as_str()?.to_owned()));
        WebhookError::NotAnEvent { event_type, path }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::{HeaderMap, HeaderValue};

    // The published test vector of Svix's libraries and the Standard Webhooks reference
    // implementations (svix-webhooks `testSignFunctionWorks`; standard-webhooks libraries' tests).
    const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const ID: &str = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    const TIMESTAMP: i64 = 1614265330;
    const BODY: &[u8] = br#"{"test": 2432232314}"#;
    const SIGNATURE: &str = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    fn at(seconds: i64) -> impl Fn() -> SystemTime + Send + Sync + 'static {
        move || UNIX_EPOCH + Duration::from_secs(seconds as u64)
    }

    fn verifier(secret: &str) -> Webhook<serde_json::Value> {
        Webhook::new(secret).unwrap().with_clock(at(TIMESTAMP))
    }

    fn headers(names: [&str; 3], id: &str, timestamp: &str, signature: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for (name, value) in names.into_iter().zip([id, timestamp, signature]) {
            headers
                .insert(http::HeaderName::from_bytes(name.as_bytes()).unwrap(), HeaderValue::from_str(value).unwrap());
        }
        headers
    }

    fn svix(signature: &str) -> HeaderMap {
        headers(["svix-id", "svix-timestamp", "svix-signature"], ID, &TIMESTAMP.to_string(), signature)
    }

    #[test]
    fn the_published_vector_signs_and_verifies_with_either_secret_form_and_either_header_set() {
        assert_eq!(verifier(SECRET).sign(ID, TIMESTAMP, BODY), SIGNATURE);
        let bare = SECRET.trim_start_matches("whsec_");
        assert_eq!(verifier(bare).verify_raw(BODY, &svix(SIGNATURE)), Ok(BODY));
        let standard =
            headers(["webhook-id", "webhook-timestamp", "webhook-signature"], ID, &TIMESTAMP.to_string(), SIGNATURE);
        assert_eq!(verifier(SECRET).verify(BODY, &standard), Ok(serde_json::json!({"test": 2432232314u64})));
    }

    #[test]
    fn a_tampered_body_a_wrong_secret_or_a_wrong_id_matches_no_signature() {
        let tampered = br#"{"test": 2432232315}"#;
        assert_eq!(verifier(SECRET).verify_raw(tampered, &svix(SIGNATURE)), Err(WebhookError::NoMatchingSignature));
        let other = verifier("whsec_dGhpcyBpcyBhbm90aGVyIHNlY3JldA==");
        assert_eq!(other.verify_raw(BODY, &svix(SIGNATURE)), Err(WebhookError::NoMatchingSignature));
        let moved =
            headers(["svix-id", "svix-timestamp", "svix-signature"], "msg_other", &TIMESTAMP.to_string(), SIGNATURE);
        assert_eq!(verifier(SECRET).verify_raw(BODY, &moved), Err(WebhookError::NoMatchingSignature));
    }

    #[test]
    fn one_valid_signature_among_several_is_enough_and_other_versions_are_skipped() {
        let several = format!("v1,bm9wZQ== v2,{} v1,not-base64 {SIGNATURE}", &SIGNATURE[3..]);
        assert_eq!(verifier(SECRET).verify_raw(BODY, &svix(&several)), Ok(BODY));
        let none = format!("v2,{} v1a,{}", &SIGNATURE[3..], &SIGNATURE[3..]);
        assert_eq!(verifier(SECRET).verify_raw(BODY, &svix(&none)), Err(WebhookError::NoMatchingSignature));
    }

    #[test]
    fn timestamps_outside_the_tolerance_are_too_old_or_too_new() {
        let late = Webhook::<serde_json::Value>::new(SECRET).unwrap().with_clock(at(TIMESTAMP + 301));
        assert_eq!(late.verify_raw(BODY, &svix(SIGNATURE)), Err(WebhookError::TooOld { seconds: 301 }));
        let early = Webhook::<serde_json::Value>::new(SECRET).unwrap().with_clock(at(TIMESTAMP - 301));
        assert_eq!(early.verify_raw(BODY, &svix(SIGNATURE)), Err(WebhookError::TooNew { seconds: 301 }));
        let edge = Webhook::<serde_json::Value>::new(SECRET).unwrap().with_clock(at(TIMESTAMP + 300));
        assert_eq!(edge.verify_raw(BODY, &svix(SIGNATURE)), Ok(BODY), "the tolerance itself is accepted");
        let strict = late.with_tolerance(Duration::from_secs(1000));
        assert_eq!(strict.verify_raw(BODY, &svix(SIGNATURE)), Ok(BODY));
        // The real clock is 2021 + years away from the vector.
        let now = Webhook::<serde_json::Value>::new(SECRET).unwrap();
        assert!(matches!(now.verify_raw(BODY, &svix(SIGNATURE)), Err(WebhookError::TooOld { .. })));
    }

    #[test]
    fn missing_headers_bad_timestamps_and_bad_secrets_are_named() {
        let mut missing = svix(SIGNATURE);
        missing.remove("svix-signature");
        assert_eq!(verifier(SECRET).verify_raw(BODY, &missing), Err(WebhookError::MissingHeader("svix-signature")));
        assert_eq!(verifier(SECRET).verify_raw(BODY, &HeaderMap::new()), Err(WebhookError::MissingHeader("svix-id")));
        let words = headers(["svix-id", "svix-timestamp", "svix-signature"], ID, "yesterday", SIGNATURE);
        assert_eq!(verifier(SECRET).verify_raw(BODY, &words), Err(WebhookError::MalformedTimestamp));
        assert_eq!(Webhook::<()>::new("whsec_not base64!").unwrap_err(), WebhookError::InvalidSecret);
        assert_eq!(Webhook::<()>::new("whsec_").unwrap_err(), WebhookError::InvalidSecret);
    }

    #[test]
    fn errors_and_debug_never_show_the_secret_the_signature_or_the_body() {
        let shown = format!("{:?}", verifier(SECRET));
        assert!(!shown.contains("MfKQ") && shown.contains("<redacted>"), "{shown}");
        let body = br#"{"event_type": "x", "glucose": "5.4 mmol"}"#;
        let signature = verifier(SECRET).sign(ID, TIMESTAMP, body);
        let error = Webhook::<std::collections::BTreeMap<String, u32>>::new(SECRET)
            .unwrap()
            .with_clock(at(TIMESTAMP))
            .verify(body, &svix(&signature))
            .unwrap_err();
        assert_eq!(error, WebhookError::NotAnEvent { event_type: Some("x".into()), path: "event_type".into() });
        for text in [error.to_string(), format!("{error:?}"), WebhookError::NoMatchingSignature.to_string()] {
            assert!(!text.contains("5.4") && !text.contains("g0hM") && !text.contains("MfKQ"), "{text}");
        }
    }
}
