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
/// backticks (`` `data.user_id`: … ``), which the outer deserialiser cannot see: [`member_path`] reads it
/// back.
pub fn decode_member<T: DeserializeOwned, E: serde::de::Error>(value: &Value) -> Result<T, E> {
    serde_path_to_error::deserialize(value)
        .map_err(|error| E::custom(format_args!("`{}`: {}", error.path(), error.inner())))
}

/// The path inside a union member that [`decode_member`] put at the start of an error message.
#[cfg_attr(not(feature = "webhooks"), allow(dead_code, reason = "only webhook verification reports member paths"))]
pub(crate) fn member_path(message: &str) -> Option<&str> {
    message.strip_prefix('`')?.split_once("`: ").map(|(path, _)| path)
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
    fn a_member_error_carries_the_path_inside_the_member() {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code, reason = "only the failure is looked at")]
        struct Member {
            data: Vec<u32>,
        }
        let error = decode_member::<Member, serde_json::Error>(&serde_json::json!({"data": [1, "two"]})).unwrap_err();
        assert_eq!(member_path(&error.to_string()), Some("data[1]"), "{error}");
        assert_eq!(member_path("no path here"), None);
    }

    #[test]
    fn tuples_pad_missing_trailing_items_and_reject_bad_lengths() {
        let mut de = serde_json::Deserializer::from_str(r#"["a"]"#);
        assert_eq!(tuple_items(&mut de, 1, 3).unwrap(), vec![Value::from("a"), Value::Null, Value::Null]);
        let mut de = serde_json::Deserializer::from_str("[]");
        assert!(tuple_items(&mut de, 1, 3).unwrap_err().to_string().contains("between 1 and 3"));
    }
}
