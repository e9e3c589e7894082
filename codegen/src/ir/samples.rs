//! Example values that the spec accepts: the rules an inline string or number schema sets (its
//! `format`, `pattern`, lengths, bounds), and the choice of a value that keeps them for the docs'
//! examples. The spec's own example comes first when it is valid; then what the spec says the string
//! holds (a format, a description such as "YYYY-MM-DD", a name such as `timezone`); then a string
//! generated from the `pattern` (by `rand_regex`, seeded, so that every run writes the same docs); the
//! value's own name last, fitted to the lengths.

use openapiv3::{Schema, SchemaKind, StringFormat, Type, VariantOrUnknownOrEmpty};
use serde_json::Value;

/// What an inline scalar schema allows.
#[derive(Clone, Debug, PartialEq)]
pub enum Rules {
    /// A plain string (no `enum`, no format with a Rust type of its own).
    String {
        /// `format` (`email`, `uri`, …).
        format: Option<String>,
        /// `pattern`, an ECMA-262 regular expression that must match somewhere in the value.
        pattern: Option<String>,
        /// `minLength`, in characters.
        min_length: Option<usize>,
        /// `maxLength`, in characters.
        max_length: Option<usize>,
    },
    /// An integer or a number.
    Number {
        /// Lower bound and whether it is exclusive.
        min: Option<(f64, bool)>,
        /// Upper bound and whether it is exclusive.
        max: Option<(f64, bool)>,
        /// `multipleOf`.
        multiple_of: Option<f64>,
        /// `type: integer`.
        integer: bool,
    },
}

/// A string the spec describes: the clue that says so, and a value of that kind. The first row that
/// fits a string wins; a row's value is still checked against the schema's rules.
struct Hint {
    fits: fn(&Clues<'_>) -> bool,
    value: &'static str,
}

/// What is known about a string besides its rules: its (lower-cased) name, description and format.
struct Clues<'a> {
    name: &'a str,
    description: &'a str,
    format: &'a str,
}

const HINTS: &[Hint] = &[
    Hint { fits: |c| c.format == "email" || c.name.ends_with("email"), value: "jane.doe@example.com" },
    Hint {
        fits: |c| matches!(c.format, "uri" | "url" | "iri") || c.name.ends_with("_url") || c.name == "url",
        value: "https://example.com/",
    },
    Hint { fits: |c| c.format == "hostname", value: "example.com" },
    Hint {
        fits: |c| c.description.contains("yyyy-mm-dd") || c.name.ends_with("_date") || c.name == "date",
        value: "2026-01-28",
    },
    Hint { fits: |c| c.name.contains("timezone") || c.description.contains("iana time"), value: "America/New_York" },
    Hint { fits: |c| c.name.contains("phone"), value: "+14155550100" },
];

/// Formats whose values are checked here (a value of another format is taken as it is).
fn keeps_format(format: &str, text: &str) -> bool {
    let pattern = match format {
        "email" => r"^[^@\s]+@[^@\s]+\.[^@\s]+$",
        "uri" | "url" | "iri" => r"^[A-Za-z][A-Za-z0-9+.\-]*:\S+$",
        "date" => r"^\d{4}-\d{2}-\d{2}$",
        _ => return true,
    };
    regex_lite::Regex::new(pattern).is_ok_and(|re| re.is_match(text))
}

impl Rules {
    /// The rules of an inline schema, when it is a plain string or a number.
    pub fn of(schema: &Schema) -> Option<Self> {
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) if s.enumeration.is_empty() => {
                let format = match &s.format {
                    VariantOrUnknownOrEmpty::Item(StringFormat::Date) => Some("date"),
                    VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => Some("date-time"),
                    VariantOrUnknownOrEmpty::Item(StringFormat::Password) => Some("password"),
                    VariantOrUnknownOrEmpty::Item(StringFormat::Byte) => Some("byte"),
                    VariantOrUnknownOrEmpty::Item(StringFormat::Binary) => Some("binary"),
                    VariantOrUnknownOrEmpty::Unknown(other) => Some(other.as_str()),
                    VariantOrUnknownOrEmpty::Empty => None,
                };
                // A format with a Rust type of its own is that type's to sample.
                if format.is_some_and(|f| super::native::for_format(f).is_some()) {
                    return None;
                }
                Some(Rules::String {
                    format: format.map(str::to_owned),
                    pattern: s.pattern.clone(),
                    min_length: s.min_length,
                    max_length: s.max_length,
                })
            }
            SchemaKind::Type(Type::Integer(n)) if n.enumeration.is_empty() => Some(Rules::Number {
                min: n.minimum.map(|v| (v as f64, n.exclusive_minimum)),
                max: n.maximum.map(|v| (v as f64, n.exclusive_maximum)),
                multiple_of: n.multiple_of.map(|v| v as f64),
                integer: true,
            }),
            SchemaKind::Type(Type::Number(n)) if n.enumeration.is_empty() => Some(Rules::Number {
                min: n.minimum.map(|v| (v, n.exclusive_minimum)),
                max: n.maximum.map(|v| (v, n.exclusive_maximum)),
                multiple_of: n.multiple_of,
                integer: false,
            }),
            _ => None,
        }
    }

    /// Whether `value` keeps the rules.
    pub fn admits(&self, value: &Value) -> bool {
        match (self, value) {
            (Rules::String { format, pattern, min_length, max_length }, Value::String(text)) => {
                let length = text.chars().count();
                min_length.is_none_or(|min| length >= min)
                    && max_length.is_none_or(|max| length <= max)
                    && format.as_deref().is_none_or(|format| keeps_format(format, text))
                    // A pattern this crate's regex engine cannot read (ECMA-only syntax) is not checked.
                    && pattern.as_deref().is_none_or(|p| regex_lite::Regex::new(p).map_or(true, |re| re.is_match(text)))
            }
            (Rules::Number { min, max, multiple_of, integer }, Value::Number(number)) => {
                let Some(v) = number.as_f64() else { return false };
                (!integer || number.is_i64() || number.is_u64())
                    && min.is_none_or(|(min, exclusive)| if exclusive { v > min } else { v >= min })
                    && max.is_none_or(|(max, exclusive)| if exclusive { v < max } else { v <= max })
                    && multiple_of.is_none_or(|m| m == 0.0 || (v / m).fract() == 0.0)
            }
            _ => false,
        }
    }

    /// A value the rules admit: the first of `candidates` that they admit (the spec's examples, its
    /// default), else one made for them (see the module docs). `name` is the property or parameter
    /// name, `description` its description.
    pub fn sample(&self, candidates: &[&Value], name: &str, description: Option<&str>) -> Value {
        if let Some(found) = candidates.iter().find(|c| self.admits(c)) {
            return (*found).clone();
        }
        match self {
            Rules::String { format, pattern, min_length, max_length } => {
                let name_lower = name.to_ascii_lowercase();
                let description = description.unwrap_or("").to_ascii_lowercase();
                let clues =
                    Clues { name: &name_lower, description: &description, format: format.as_deref().unwrap_or("") };
                let hinted = HINTS.iter().filter(|hint| (hint.fits)(&clues)).map(|hint| Value::from(hint.value));
                let generated = pattern.as_deref().and_then(|p| self.generated(p));
                let fitted = Value::from(fit(name, min_length.unwrap_or(0), max_length.unwrap_or(usize::MAX)));
                hinted.chain(generated).find(|v| self.admits(v)).unwrap_or(fitted)
            }
            Rules::Number { min, max, multiple_of, integer } => {
                let lowest = min.map(|(min, exclusive)| match (exclusive, integer) {
                    (false, _) => min,
                    (true, true) => min.floor() + 1.0,
                    (true, false) => min + multiple_of.unwrap_or(1.0),
                });
                let highest = max.map(|(max, exclusive)| match (exclusive, integer) {
                    (false, _) => max,
                    (true, true) => max.ceil() - 1.0,
                    (true, false) => max - multiple_of.unwrap_or(1.0),
                });
                let step = multiple_of.filter(|m| *m > 0.0);
                let made = [Some(1.0), lowest, lowest.zip(step).map(|(l, m)| (l / m).ceil() * m), highest, step]
                    .into_iter()
                    .flatten()
                    .map(|v| if *integer { Value::from(v as i64) } else { Value::from(v) })
                    .find(|v| self.admits(v));
                made.unwrap_or_else(|| Value::from(1))
            }
        }
    }

    /// A string matching `pattern`, from `rand_regex` with a fixed seed (tried a few times for the
    /// lengths). JSON Schema patterns are unanchored; a leading `^` and trailing `$` are taken off for
    /// the generator, which cannot place anchors.
    fn generated(&self, pattern: &str) -> Option<Value> {
        use rand::distr::Distribution;
        use rand_chacha::rand_core::SeedableRng;
        let body = pattern.strip_prefix('^').unwrap_or(pattern);
        let body = match body.strip_suffix('$') {
            Some(rest) if !rest.ends_with('\\') => rest,
            _ => body,
        };
        let hir = regex_syntax::ParserBuilder::new().unicode(false).build().parse(body).ok()?;
        let generator = rand_regex::Regex::with_hir(hir, 8).ok()?;
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(0x6a75_6e63);
        (0..16).map(|_| Value::from(Distribution::<String>::sample(&generator, &mut rng))).find(|v| self.admits(v))
    }
}

/// `name` cut or padded (with `x`) to between `min` and `max` characters.
fn fit(name: &str, min: usize, max: usize) -> String {
    let mut text: String = name.chars().take(max).collect();
    while text.chars().count() < min {
        text.push('x');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn string(format: Option<&str>, pattern: Option<&str>, min: Option<usize>, max: Option<usize>) -> Rules {
        Rules::String {
            format: format.map(str::to_owned),
            pattern: pattern.map(str::to_owned),
            min_length: min,
            max_length: max,
        }
    }

    #[test]
    fn the_spec_example_wins_when_it_is_valid() {
        let rules = string(None, Some(r"^\d{5}(-\d{4})?$"), None, None);
        assert_eq!(rules.sample(&[&Value::from("zip"), &Value::from("90210")], "zip", None), "90210");
    }

    #[test]
    fn a_pattern_makes_a_matching_string() {
        let rules = string(None, Some(r"^\d{5}(-\d{4})?$"), None, None);
        let sample = rules.sample(&[&Value::from("zip")], "zip", None);
        let text = sample.as_str().unwrap();
        assert!(regex_lite::Regex::new(r"^\d{5}(-\d{4})?$").unwrap().is_match(text), "{text}");
        // Seeded: the same every time.
        assert_eq!(rules.sample(&[], "zip", None), sample);
    }

    #[test]
    fn descriptions_formats_and_names_say_what_a_string_holds() {
        let plain = string(None, None, None, None);
        let date = plain.sample(&[], "start_date", Some("Date from in YYYY-MM-DD or ISO formatted date time."));
        assert_eq!(date, "2026-01-28");
        assert_eq!(
            string(Some("email"), None, None, None).sample(&[&Value::from("email")], "email", None),
            "jane.doe@example.com"
        );
        assert_eq!(string(Some("uri"), None, None, None).sample(&[], "callback", None), "https://example.com/");
        // A hint the pattern refuses gives way to the pattern.
        let tz = string(None, Some("^(?:CET|EST)$"), None, None);
        assert!(matches!(tz.sample(&[], "timezone", None).as_str(), Some("CET" | "EST")));
        // Nothing to go on: the name, fitted to the lengths.
        assert_eq!(plain.sample(&[], "provider_id", None), "provider_id");
        assert_eq!(string(None, None, Some(2), Some(4)).sample(&[], "q", None), "qx");
        assert_eq!(string(None, None, None, Some(4)).sample(&[], "diagnosis", None), "diag");
    }

    #[test]
    fn numbers_keep_their_bounds_and_steps() {
        let number = |min, max, multiple_of, integer| Rules::Number { min, max, multiple_of, integer };
        assert_eq!(number(Some((5.0, false)), None, None, true).sample(&[], "n", None), 5);
        assert_eq!(number(Some((5.0, true)), None, None, true).sample(&[], "n", None), 6);
        assert_eq!(number(None, Some((0.0, true)), None, true).sample(&[], "n", None), -1);
        assert_eq!(number(Some((1.0, false)), Some((10.0, false)), Some(4.0), true).sample(&[], "n", None), 4);
        let default = Value::from(50);
        assert_eq!(number(Some((1.0, false)), Some((100.0, false)), None, true).sample(&[&default], "n", None), 50);
        assert!(!number(None, None, None, true).admits(&Value::from(1.5)));
    }
}
