//! Serde helpers the generated types call: open enums, unions and tuples (absent-vs-null fields are [`super::Nullable`])
//! (timestamps and binary fields in JSON are [`super::codec`]'s). Kept here so that each generated impl is a line or two.

use serde::de::{DeserializeOwned, Error as _};
use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// Deserialises an open string enum: a known value becomes its variant, any other string `unknown`.
pub fn deserialize_open_enum<'de, D, T>(
    deserializer: D,
    known: fn(&str) -> Option<T>,
    unknown: fn(String) -> T,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    let value = String::deserialize(deserializer)?;
    Ok(known(&value).unwrap_or_else(|| unknown(value)))
}

/// The string at `field` of a JSON object, if there is one (a union's tag).
pub fn tag_of<'v>(value: &'v Value, field: &str) -> Option<&'v str> {
    value.get(field)?.as_str()
}

/// Deserialises a union member or tuple item from an already parsed JSON value, reporting failure as
/// the outer deserialiser's error. The message starts with the failing path inside the member in
/// backticks (`` `data.user_id`: … ``), which the outer deserialiser cannot see: `member_path` reads it
/// back.
pub fn decode_member<T: DeserializeOwned, E: serde::de::Error>(value: &Value) -> Result<T, E> {
    serde_path_to_error::deserialize(value)
        .map_err(|error| E::custom(format_args!("`{}`: {}", error.path(), error.inner())))
}

/// The path inside a union member that [`decode_member`] put at the start of an error message.
#[cfg(any(feature = "client", feature = "webhooks"))]
fn member_path(message: &str) -> Option<&str> {
    message.strip_prefix('`')?.split_once("`: ").map(|(path, _)| path)
}

/// Reads a JSON body (a response, a webhook delivery) as `T`. On failure, the path of the failing value,
/// into union members too (whose paths [`decode_member`] reports), and the error; trailing bytes after
/// the value fail at `.`.
#[cfg(any(feature = "client", feature = "webhooks"))]
pub(crate) fn from_slice_at<T: DeserializeOwned>(body: &[u8]) -> Result<T, (String, serde_json::Error)> {
    // The fast path; only a body that fails is decoded again, to find the failing field's path.
    if let Ok(value) = serde_json::from_slice(body) {
        return Ok(value);
    }
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let outer = error.path().to_string();
        let path = match (outer.as_str(), member_path(&error.inner().to_string())) {
            (_, None) => outer,
            (".", Some(inner)) => inner.to_owned(),
            (outer, Some(".")) => outer.to_owned(),
            (outer, Some(inner)) => format!("{outer}.{inner}"),
        };
        (path, error.into_inner())
    })?;
    deserializer.end().map_err(|error| (String::from("."), error))?;
    Ok(value)
}

/// The items of a tuple (`prefixItems`) array: between `min` and `max` of them, padded with `null` up to
/// `max` so that missing trailing items read as `None`.
pub fn tuple_items<'de, D: Deserializer<'de>>(deserializer: D, min: usize, max: usize) -> Result<Vec<Value>, D::Error> {
    let mut items = Vec::<Value>::deserialize(deserializer)?;
    if items.len() < min || items.len() > max {
        return Err(D::Error::invalid_length(items.len(), &format!("between {min} and {max} items").as_str()));
    }
    items.resize(max, Value::Null);
    Ok(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(any(feature = "client", feature = "webhooks"))]
    fn a_member_error_carries_the_path_inside_the_member() {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code, reason = "only the failure is looked at")]
        struct Member {
            data: Vec<u32>,
        }
        let error = decode_member::<Member, serde_json::Error>(&serde_json::json!({"data": [1, "two"]})).unwrap_err();
        assert_eq!(member_path(&error.to_string()), Some("data[1]"), "{error}");
        assert_eq!(member_path("no path here"), None);
        // Read as a whole body, the path goes on into the member.
        #[derive(Debug, Deserialize)]
        #[allow(dead_code, reason = "only the failure is looked at")]
        struct Outer {
            #[serde(deserialize_with = "member")]
            inner: Member,
        }
        fn member<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Member, D::Error> {
            decode_member(&Value::deserialize(deserializer)?)
        }
        let (path, _) = from_slice_at::<Outer>(br#"{"inner": {"data": [1, "two"]}}"#).unwrap_err();
        assert_eq!(path, "inner.data[1]");
        let (path, _) = from_slice_at::<Vec<u32>>(b"[1] [2]").unwrap_err();
        assert_eq!(path, ".", "trailing bytes");
    }

    #[test]
    fn tuples_pad_missing_trailing_items_and_reject_bad_lengths() {
        let mut de = serde_json::Deserializer::from_str(r#"["a"]"#);
        assert_eq!(tuple_items(&mut de, 1, 3).unwrap(), vec![Value::from("a"), Value::Null, Value::Null]);
        let mut de = serde_json::Deserializer::from_str("[]");
        assert!(tuple_items(&mut de, 1, 3).unwrap_err().to_string().contains("between 1 and 3"));
    }
}
