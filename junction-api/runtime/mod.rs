//! The hand-written runtime the generated code stands on: the client, its errors and the request
//! plumbing. Generated code calls into this module and stays a few lines per operation.
//!
//! This module only refers to itself (`crate::runtime::…`), never to generated items, so the same files
//! serve `junction-api` and every crate the generator writes.

mod body;
mod client;
pub mod codec;
mod constant;
mod error;
mod options;
mod request;
mod retry;
pub mod timestamp;
mod wire;

pub use body::{ByteStream, Multipart};
pub use bytes::Bytes;
pub use client::{Client, ClientBuilder, ServerEnvironment};
pub use constant::{ConstBool, ConstInteger};
pub use error::{ApiError, Error, InvalidRequest, RawResponse};
pub use options::{Redacted, RequestOptions};
pub use request::{encode_path_segment, BoxFuture, Request, Response};
pub use retry::{retry_after, retryable_status, RetryPolicy};
pub use wire::{decode_member, deserialize_open_enum, deserialize_present, tag_of, tuple_items};

/// A parameter value with no text form of its own, as JSON text.
pub fn json_text<T: serde::Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// Checks a number against inclusive or exclusive bounds before a request is sent.
pub fn check_bounds<E>(
    parameter: &'static str,
    value: f64,
    min: Option<(f64, bool)>,
    max: Option<(f64, bool)>,
) -> Result<(), Error<E>> {
    // NaN compares false with everything, so it fails every bound, and the unbounded case checks it.
    let above_min = match min {
        Some((min, true)) => value > min,
        Some((min, false)) => value >= min,
        None => !value.is_nan(),
    };
    let below_max = match max {
        Some((max, true)) => value < max,
        Some((max, false)) => value <= max,
        None => !value.is_nan(),
    };
    if above_min && below_max {
        return Ok(());
    }
    let describe = |bound: Option<(f64, bool)>, inclusive: &str, exclusive: &str| match bound {
        Some((v, false)) => format!("{inclusive} {v}"),
        Some((v, true)) => format!("{exclusive} {v}"),
        None => String::from("unbounded"),
    };
    Err(Error::InvalidRequest(InvalidRequest {
        parameter,
        message: format!("must be a number {} and {}, got {value}", describe(min, ">=", ">"), describe(max, "<=", "<"),),
    }))
}
