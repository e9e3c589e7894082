//! Values whose JSON form this runtime reads and writes itself rather than leaving it to their serde
//! impls: timestamps (read tolerantly, see [`super::timestamp`]) and binary content inside JSON (as the
//! text of its bytes), and the containers generated fields hold them in (`Option`, `Nullable`, `Vec`, maps, `Box`).
//!
//! Generated code marks such a field `#[serde(with = "crate::runtime::codec")]`, so that the field keeps
//! its plain type (`Option<chrono::DateTime<FixedOffset>>`, `Option<Bytes>`) and one implementation
//! serves every shape; union members and tuple items use [`from_value`].

use bytes::Bytes;
use chrono::{DateTime, FixedOffset};
use serde::de::{DeserializeOwned, Error as _};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;

use super::Nullable;

/// A value with a JSON form of this runtime's (see this module's docs).
pub trait Codec: Sized {
    /// Reads the value.
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error>;
    /// Writes the value.
    fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error>;
}

impl Codec for DateTime<FixedOffset> {
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        super::timestamp::parse(&text).map_err(D::Error::custom)
    }

    fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&super::timestamp::format(self))
    }
}

/// `format: binary` inside a JSON body: the bytes travel as the text of a JSON string (what Pydantic and
/// most servers do), so they must be UTF-8 (for example base64 text).
impl Codec for Bytes {
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Bytes::from)
    }

    fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match std::str::from_utf8(self) {
            Ok(text) => serializer.serialize_str(text),
            Err(_) => Err(serde::ser::Error::custom("binary content in a JSON body must be UTF-8 text (e.g. base64)")),
        }
    }
}

impl<T: Codec> Codec for Option<T> {
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Option::<Coded<T>>::deserialize(deserializer)?.map(|coded| coded.0))
    }

    fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Some(value) => serializer.serialize_some(&Written(value)),
            None => serializer.serialize_none(),
        }
    }
}

/// Absent never reaches the codec (`#[serde(default)]` makes it [`Nullable::Absent`]); `null` is
/// [`Nullable::Null`].
impl<T: Codec> Codec for Nullable<T> {
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Option::<T>::read(deserializer).map(Nullable::from_option)
    }

    fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Nullable::Value(value) => serializer.serialize_some(&Written(value)),
            Nullable::Absent | Nullable::Null => serializer.serialize_none(),
        }
    }
}

impl<T: Codec> Codec for Box<T> {
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::read(deserializer).map(Box::new)
    }

    fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        T::write(self, serializer)
    }
}

impl<T: Codec> Codec for Vec<T> {
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Vec::<Coded<T>>::deserialize(deserializer)?.into_iter().map(|coded| coded.0).collect())
    }

    fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter().map(Written))
    }
}

impl<K: DeserializeOwned + Ord + Serialize, T: Codec> Codec for BTreeMap<K, T> {
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(BTreeMap::<K, Coded<T>>::deserialize(deserializer)?.into_iter().map(|(k, coded)| (k, coded.0)).collect())
    }

    fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter().map(|(k, v)| (k, Written(v))))
    }
}

/// A value read and written by its [`Codec`]: `serde_json::from_str::<Coded<DateTime<FixedOffset>>>`
/// reads a timestamp as the generated fields do.
#[derive(Clone, Debug, PartialEq)]
pub struct Coded<T>(pub T);

impl<'de, T: Codec> Deserialize<'de> for Coded<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::read(deserializer).map(Coded)
    }
}

impl<T: Codec> Serialize for Coded<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.write(serializer)
    }
}

/// A borrowed value written by its [`Codec`].
struct Written<'a, T>(&'a T);

impl<T: Codec> Serialize for Written<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.write(serializer)
    }
}

/// `#[serde(with = "crate::runtime::codec")]`: writes a field by its [`Codec`].
pub fn serialize<T: Codec, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
    value.write(serializer)
}

/// `#[serde(with = "crate::runtime::codec")]`: reads a field by its [`Codec`].
pub fn deserialize<'de, T: Codec, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    T::read(deserializer)
}

/// Reads a union member or tuple item from an already parsed JSON value by its [`Codec`], reporting
/// failure as the outer deserialiser's error.
pub fn from_value<T: Codec, E: serde::de::Error>(value: &serde_json::Value) -> Result<T, E> {
    T::read(value).map_err(E::custom)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Debug, Deserialize, PartialEq, Serialize)]
    struct Record {
        #[serde(with = "super")]
        at: DateTime<FixedOffset>,
        #[serde(default, with = "super", skip_serializing_if = "Option::is_none")]
        ended: Option<DateTime<FixedOffset>>,
        #[serde(default, with = "super")]
        laps: Vec<Option<DateTime<FixedOffset>>>,
        #[serde(default, with = "super", skip_serializing_if = "Option::is_none")]
        file: Option<Bytes>,
        #[serde(default, with = "super", skip_serializing_if = "Nullable::is_absent")]
        cleared: Nullable<DateTime<FixedOffset>>,
    }

    #[test]
    fn every_shape_reads_tolerantly_and_writes_rfc3339() {
        let record: Record = serde_json::from_value(json!({
            "at": "2026-01-28T12:53:04",
            "laps": ["2026-01-28T12:00:00.5Z", null],
            "file": "aGk=",
            "cleared": null
        }))
        .unwrap();
        assert_eq!(record.ended, None);
        assert_eq!(record.cleared, Nullable::Null);
        assert_eq!(
            serde_json::to_value(&record).unwrap(),
            json!({
                "at": "2026-01-28T12:53:04+00:00",
                "laps": ["2026-01-28T12:00:00.500+00:00", null],
                "file": "aGk=",
                "cleared": null
            })
        );
        let absent: Record = serde_json::from_value(json!({"at": "2026-01-28T12:53:04+02:00"})).unwrap();
        assert_eq!((absent.ended, absent.cleared, absent.file), (None, Nullable::Absent, None));
    }

    #[test]
    fn bad_timestamps_fail_without_quoting_the_body() {
        let err = serde_json::from_value::<Record>(json!({"at": "glucose 5.4"})).unwrap_err();
        assert!(!err.to_string().contains("glucose"), "{err}");
        let member: Result<DateTime<FixedOffset>, serde_json::Error> = from_value(&json!("2026-01-28"));
        assert_eq!(format!("{}", super::super::timestamp::format(&member.unwrap())), "2026-01-28T00:00:00+00:00");
    }

    #[test]
    fn non_utf8_bytes_cannot_be_sent_in_json() {
        let err = serde_json::to_string(&Coded(Bytes::from_static(&[0xff]))).unwrap_err();
        assert!(err.to_string().contains("must be UTF-8"), "{err}");
    }
}
