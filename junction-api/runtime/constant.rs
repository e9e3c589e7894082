//! Type-level JSON-Schema `const` values: a field of type `ConstBool<true>` can only ever hold `true`,
//! so a success body that says `success: false` fails to deserialise instead of reaching the caller.

use serde::de::{self, Deserializer, Unexpected};
use serde::ser::Serializer;
use std::fmt;

/// A boolean that is always `V`. Serialises as `V`; deserialising any other value is an error.
#[derive(Clone, Copy, Default, Eq, Hash, Ord, PartialEq, PartialOrd)]
pub struct ConstBool<const V: bool>;

impl<const V: bool> ConstBool<V> {
    /// The constant.
    pub const VALUE: bool = V;

    /// The constant, as a `bool`.
    pub const fn get(self) -> bool {
        V
    }
}

impl<const V: bool> fmt::Debug for ConstBool<V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&V, f)
    }
}

impl<const V: bool> From<ConstBool<V>> for bool {
    fn from(_: ConstBool<V>) -> bool {
        V
    }
}

impl<const V: bool> PartialEq<bool> for ConstBool<V> {
    fn eq(&self, other: &bool) -> bool {
        V == *other
    }
}

impl<const V: bool> serde::Serialize for ConstBool<V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bool(V)
    }
}

impl<'de, const V: bool> serde::Deserialize<'de> for ConstBool<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = bool::deserialize(deserializer)?;
        if value == V {
            Ok(ConstBool)
        } else {
            Err(de::Error::invalid_value(
                Unexpected::Bool(value),
                &if V { "the constant `true`" } else { "the constant `false`" },
            ))
        }
    }
}

/// An integer that is always `V`. Serialises as `V`; deserialising any other value is an error.
#[derive(Clone, Copy, Default, Eq, Hash, Ord, PartialEq, PartialOrd)]
pub struct ConstInteger<const V: i64>;

impl<const V: i64> ConstInteger<V> {
    /// The constant.
    pub const VALUE: i64 = V;

    /// The constant, as an `i64`.
    pub const fn get(self) -> i64 {
        V
    }
}

impl<const V: i64> fmt::Debug for ConstInteger<V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&V, f)
    }
}

impl<const V: i64> From<ConstInteger<V>> for i64 {
    fn from(_: ConstInteger<V>) -> i64 {
        V
    }
}

impl<const V: i64> serde::Serialize for ConstInteger<V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_i64(V)
    }
}

impl<'de, const V: i64> serde::Deserialize<'de> for ConstInteger<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Expected(i64);
        impl de::Expected for Expected {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "the constant `{}`", self.0)
            }
        }
        let value = i64::deserialize(deserializer)?;
        if value == V {
            Ok(ConstInteger)
        } else {
            Err(de::Error::invalid_value(Unexpected::Signed(value), &Expected(V)))
        }
    }
}
