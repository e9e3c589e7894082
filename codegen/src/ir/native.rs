//! The native type table: every string `format` the generator maps to a Rust type of its own, with the
//! facts the emitter and `diff` ask about it. Adding a format is adding a row; nothing else matches on
//! formats.

use super::TextForm;

/// A Rust type a string `format` maps to.
#[derive(Debug, PartialEq)]
pub struct Native {
    /// The `format` values (of `type: string`) that map to it.
    pub formats: &'static [&'static str],
    /// The type as the generated code names it.
    pub rust_path: &'static str,
    /// How a value is written as text: in query, path, header and cookie parameters, multipart text
    /// parts and the `Display` of unions of scalars.
    pub text: TextForm,
    /// Read and written in JSON by the runtime's `codec` (tolerant timestamps, binary as text) rather
    /// than the type's own serde implementation.
    pub codec: bool,
    /// Sent as a file part (not a text part) in a multipart body.
    pub file_part: bool,
    /// How much a union member of this type accepts: members that accept less are tried first
    /// (`Uuid` before `String`). On the scale of [`super::unions`].
    pub union_rank: u32,
    /// The variant name of a union member of this type.
    pub variant_name: &'static str,
    /// A note for the docs of a field of this type.
    pub field_note: Option<&'static str>,
    /// A valid JSON value of the type, for tests and documentation examples.
    pub sample: &'static str,
    /// A Rust expression of the type in the examples of the docs: `{text}` is a string literal of an
    /// example value (the spec's, else the sample's), `{crate}` the generated crate's path.
    pub example: &'static str,
}

/// `format: uuid` (and the `uuid4` some specs write).
pub static UUID: Native = Native {
    formats: &["uuid", "uuid4"],
    rust_path: "::uuid::Uuid",
    text: TextForm::Display,
    codec: false,
    file_part: false,
    union_rank: 100,
    variant_name: "Uuid",
    field_note: None,
    sample: "\"1449752e-0d8a-40e0-9206-91ab099b2537\"",
    example: "{text}.parse::<uuid::Uuid>()?",
};

/// `format: date-time`: a timezone-aware timestamp that keeps the offset it was sent with.
pub static DATE_TIME: Native = Native {
    formats: &["date-time"],
    rust_path: "::chrono::DateTime<::chrono::FixedOffset>",
    text: TextForm::Timestamp,
    codec: true,
    file_part: false,
    union_rank: 100,
    variant_name: "DateTime",
    field_note: None,
    sample: "\"2026-01-28T12:53:04+00:00\"",
    example: "{text}.parse::<chrono::DateTime<chrono::FixedOffset>>()?",
};

/// `format: date`: a calendar date.
pub static DATE: Native = Native {
    formats: &["date"],
    rust_path: "::chrono::NaiveDate",
    text: TextForm::Display,
    codec: false,
    file_part: false,
    union_rank: 100,
    variant_name: "Date",
    field_note: None,
    sample: "\"2026-01-28\"",
    example: "{text}.parse::<chrono::NaiveDate>()?",
};

/// `format: binary`: raw bytes (a file part in multipart bodies, the text of its bytes in JSON).
pub static BYTES: Native = Native {
    formats: &["binary"],
    rust_path: "crate::runtime::Bytes",
    text: TextForm::Json,
    codec: true,
    file_part: true,
    union_rank: 300,
    variant_name: "Bytes",
    field_note: Some("Binary content, sent in JSON as the text of its bytes (UTF-8)."),
    sample: "\"text\"",
    example: "{crate}::runtime::Bytes::from(std::fs::read(\"path/to/file\")?)",
};

/// `format: ipv4`: an IPv4 address, as dotted-quad text.
pub static IPV4: Native = Native {
    formats: &["ipv4"],
    rust_path: "::std::net::Ipv4Addr",
    text: TextForm::Display,
    codec: false,
    file_part: false,
    union_rank: 100,
    variant_name: "Ipv4",
    field_note: None,
    sample: "\"192.0.2.1\"",
    example: "{text}.parse::<std::net::Ipv4Addr>()?",
};

/// `format: ipv6`: an IPv6 address, as RFC 5952 text.
pub static IPV6: Native = Native {
    formats: &["ipv6"],
    rust_path: "::std::net::Ipv6Addr",
    text: TextForm::Display,
    codec: false,
    file_part: false,
    union_rank: 100,
    variant_name: "Ipv6",
    field_note: None,
    sample: "\"2001:db8::1\"",
    example: "{text}.parse::<std::net::Ipv6Addr>()?",
};

/// Every row, in the order formats are looked up.
pub static TABLE: &[&Native] = &[&UUID, &DATE_TIME, &DATE, &BYTES, &IPV4, &IPV6];

/// The native type of a string `format`, if it has one (any other format is a plain `String`).
pub fn for_format(format: &str) -> Option<&'static Native> {
    TABLE.iter().copied().find(|native| native.formats.contains(&format))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_has_one_row() {
        let mut formats: Vec<&str> = TABLE.iter().flat_map(|n| n.formats.iter().copied()).collect();
        let count = formats.len();
        formats.sort();
        formats.dedup();
        assert_eq!(formats.len(), count, "a format is listed twice");
        assert_eq!(for_format("uuid4").map(|n| n.rust_path), Some("::uuid::Uuid"));
        assert_eq!(for_format("email"), None);
    }

    #[test]
    fn every_row_names_a_rust_type_and_has_a_json_sample() {
        for native in TABLE {
            syn::parse_str::<syn::Type>(native.rust_path).unwrap_or_else(|e| panic!("{}: {e}", native.rust_path));
            serde_json::from_str::<serde_json::Value>(native.sample)
                .unwrap_or_else(|e| panic!("{}: {e}", native.sample));
            let example = native.example.replace("{text}", native.sample).replace("{crate}", "api");
            syn::parse_str::<syn::Expr>(&example).unwrap_or_else(|e| panic!("{example}: {e}"));
        }
    }
}
