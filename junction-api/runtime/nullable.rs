//! [`Nullable`]: an optional field that can also be sent as `null` (PATCH semantics), and the error of
//! parsing a closed enum from text.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An optional, nullable field of a type callers send: left out, sent as `null`, or sent with a value.
/// Junction reads the three differently (absent keeps what it has, `null` clears it).
///
/// Generated fields hold it with `#[serde(default, skip_serializing_if = "Nullable::is_absent")]`, so
/// an absent property reads as [`Nullable::Absent`] and is left out again on the way back. The
/// generated setters are the usual way to fill one: `.fallback_time_zone("Europe/London")` sends the
/// value, `.clear_fallback_time_zone()` sends `null`.
#[derive(Clone, Copy, Debug, Default, Eq, Hash, Ord, PartialEq, PartialOrd)]
pub enum Nullable<T> {
    /// Not sent.
    #[default]
    Absent,
    /// Sent as `null`.
    Null,
    /// Sent with this value.
    Value(T),
}

impl<T> Nullable<T> {
    /// Whether the field is left out (what `skip_serializing_if` asks).
    pub const fn is_absent(&self) -> bool {
        matches!(self, Self::Absent)
    }

    /// Whether the field is `null`.
    pub const fn is_null(&self) -> bool {
        matches!(self, Self::Null)
    }

    /// The value, if there is one.
    pub const fn value(&self) -> Option<&T> {
        match self {
            Self::Value(value) => Some(value),
            Self::Absent | Self::Null => None,
        }
    }

    /// The value, if there is one.
    pub fn into_value(self) -> Option<T> {
        match self {
            Self::Value(value) => Some(value),
            Self::Absent | Self::Null => None,
        }
    }

    /// Borrows the value.
    pub const fn as_ref(&self) -> Nullable<&T> {
        match self {
            Self::Absent => Nullable::Absent,
            Self::Null => Nullable::Null,
            Self::Value(value) => Nullable::Value(value),
        }
    }

    /// `None` as `null`, `Some(value)` as the value (never absent).
    pub fn from_option(value: Option<T>) -> Self {
        value.map_or(Self::Null, Self::Value)
    }
}

impl<T> From<T> for Nullable<T> {
    fn from(value: T) -> Self {
        Self::Value(value)
    }
}

/// Absent and `null` both write `null`; generated fields skip absent ones before that.
impl<T: Serialize> Serialize for Nullable<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Value(value) => serializer.serialize_some(value),
            Self::Absent | Self::Null => serializer.serialize_none(),
        }
    }
}

/// A present property: `null` is [`Nullable::Null`], anything else the value. An absent one never
/// reaches this (`#[serde(default)]` makes it [`Nullable::Absent`]).
impl<'de, T: Deserialize<'de>> Deserialize<'de> for Nullable<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Option::<T>::deserialize(deserializer).map(Self::from_option)
    }
}

/// Text that names no value of a closed enum (`"x".parse::<ClosedEnum>()`). It says which enum, not the
/// text.
#[derive(Clone, Copy, Debug, Eq, PartialEq, thiserror::Error)]
#[error("not a value of `{type_name}`")]
pub struct UnknownValue {
    /// The enum's name.
    pub type_name: &'static str,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize, PartialEq, Serialize)]
    struct Patch {
        #[serde(default, skip_serializing_if = "Nullable::is_absent")]
        note: Nullable<String>,
    }

    #[test]
    fn absent_null_and_value_stay_apart_both_ways() {
        let read = |s: &str| serde_json::from_str::<Patch>(s).unwrap().note;
        assert_eq!(read("{}"), Nullable::Absent);
        assert_eq!(read(r#"{"note":null}"#), Nullable::Null);
        assert_eq!(read(r#"{"note":"x"}"#), Nullable::Value("x".into()));
        let write = |note| serde_json::to_string(&Patch { note }).unwrap();
        assert_eq!(write(Nullable::Absent), "{}");
        assert_eq!(write(Nullable::Null), r#"{"note":null}"#);
        assert_eq!(write(Nullable::from(String::from("x"))), r#"{"note":"x"}"#);
    }

    #[test]
    fn accessors_tell_the_three_apart() {
        let value = Nullable::Value(3);
        assert_eq!(
            (value.value(), value.into_value(), value.is_absent(), value.is_null()),
            (Some(&3), Some(3), false, false)
        );
        assert!(Nullable::<i32>::Null.is_null() && Nullable::<i32>::default().is_absent());
        assert_eq!(Nullable::from_option(None::<i32>), Nullable::Null);
        assert_eq!(Nullable::Value(String::from("a")).as_ref(), Nullable::Value(&String::from("a")));
    }
}
