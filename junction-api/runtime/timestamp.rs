//! Timestamps (`format: date-time`) as servers really send them, and as this crate sends them: the one
//! implementation every generated date-time field, union member and parameter goes through.
//!
//! Read, in this order (each by chrono's parsers):
//! - RFC 3339, with `Z` or any offset and any number of fractional digits (beyond nanoseconds they are
//!   cut off): `2026-01-28T12:53:04.123456Z`, `2026-01-28T12:53:04+05:30`, a space for the `T`;
//! - ISO 8601 offsets without a colon: `2026-01-28T12:53:04+0100`;
//! - ISO 8601 without an offset, **read as UTC**: `2026-01-28T12:53:04`, `2026-01-28 12:53:04.5`,
//!   `2026-01-28T12:53`. Junction's backend is Python, whose naive `datetime`s serialise like this, and
//!   Junction's own SDKs (pydantic, Java's `DateTimeDeserializer`) read them as UTC;
//! - a date alone, `2026-01-28`, as midnight UTC (what pydantic does for a datetime field).
//!
//! Anything else is an error. Written as RFC 3339 with the offset kept (`+00:00` for UTC) and as many
//! fractional digits as needed (0, 3, 6 or 9).

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, SecondsFormat};

/// Formats without an offset, tried in order; they are read as UTC.
const NAIVE_FORMATS: [&str; 4] = ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"];

/// Reads a timestamp as described in the [module docs](self).
pub fn parse(text: &str) -> Result<DateTime<FixedOffset>, InvalidTimestamp> {
    if let Ok(timestamp) = DateTime::parse_from_rfc3339(text) {
        return Ok(timestamp);
    }
    if let Ok(timestamp) = text.parse::<DateTime<FixedOffset>>() {
        return Ok(timestamp);
    }
    for format in NAIVE_FORMATS {
        if let Ok(naive) = NaiveDateTime::parse_from_str(text, format) {
            return Ok(naive.and_utc().fixed_offset());
        }
    }
    match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        Ok(date) => Ok(date.and_time(chrono::NaiveTime::MIN).and_utc().fixed_offset()),
        Err(_) => Err(InvalidTimestamp),
    }
}

/// Writes a timestamp as RFC 3339 (what requests send, in bodies and parameters alike).
pub fn format(timestamp: &DateTime<FixedOffset>) -> String {
    timestamp.to_rfc3339_opts(SecondsFormat::AutoSi, false)
}

/// A string that is not a timestamp in any form [`parse`] reads. It does not repeat the text, which
/// may come from a response body.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub struct InvalidTimestamp;

impl std::fmt::Display for InvalidTimestamp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("expected an RFC 3339 / ISO 8601 timestamp")
    }
}

impl std::error::Error for InvalidTimestamp {}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> String {
        format(&parse(text).unwrap_or_else(|_| panic!("{text} should parse")))
    }

    #[test]
    fn rfc3339_keeps_its_offset_and_precision() {
        assert_eq!(read("2026-01-28T12:53:04Z"), "2026-01-28T12:53:04+00:00");
        assert_eq!(read("2026-01-28T12:53:04+05:30"), "2026-01-28T12:53:04+05:30");
        assert_eq!(read("2026-01-28T12:53:04.5-08:00"), "2026-01-28T12:53:04.500-08:00");
        assert_eq!(read("2026-01-28T12:53:04.199538+00:00"), "2026-01-28T12:53:04.199538+00:00");
        assert_eq!(read("2026-01-28T12:53:04.123456789123Z"), "2026-01-28T12:53:04.123456789+00:00");
        assert_eq!(read("2026-01-28t12:53:04z"), "2026-01-28T12:53:04+00:00");
        assert_eq!(read("2026-01-28 12:53:04+01:00"), "2026-01-28T12:53:04+01:00");
        assert_eq!(read("2026-01-28T12:53:04+0100"), "2026-01-28T12:53:04+01:00");
    }

    #[test]
    fn offset_less_timestamps_and_dates_are_utc() {
        assert_eq!(read("2026-01-28T12:53:04"), "2026-01-28T12:53:04+00:00");
        assert_eq!(read("2026-01-28T12:53:04.25"), "2026-01-28T12:53:04.250+00:00");
        assert_eq!(read("2026-01-28 12:53:04.5"), "2026-01-28T12:53:04.500+00:00");
        assert_eq!(read("2026-01-28T12:53"), "2026-01-28T12:53:00+00:00");
        assert_eq!(read("2026-01-28"), "2026-01-28T00:00:00+00:00");
    }

    #[test]
    fn anything_else_is_refused_without_repeating_it() {
        for bad in ["", "yesterday", "2026-13-01T00:00:00Z", "2026-01-28T25:00:00", "28/01/2026", "1706446384"] {
            assert_eq!(parse(bad), Err(InvalidTimestamp), "{bad}");
        }
        assert!(!InvalidTimestamp.to_string().contains("yesterday"));
    }
}
