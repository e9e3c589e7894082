//! What an operation is sent with: its parameters (where each goes, its bounds, the server wait it asks
//! for) and its request body (how it is encoded, and how a struct body's fields become arguments).

use super::{first_paragraph, TypeId, TypeRef};
use serde_json::Value;

/// A parameter that asks the server to hold the request up to some seconds (a numeric `timeout` query
/// parameter): the HTTP timeout of that request is raised above it.
#[derive(Clone, Debug, PartialEq)]
pub struct ServerWait {
    /// The Rust name of the parameter.
    pub param: String,
    /// The server's default when the parameter is not sent.
    pub default_seconds: Option<f64>,
}

/// Where a parameter goes.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum ParamLocation {
    /// In the path template.
    Path,
    /// In the query string.
    Query,
    /// As a request header.
    Header,
    /// As a cookie.
    Cookie,
}

impl ParamLocation {
    /// The location as the spec's `in` names it (`path`, `query`, `header`, `cookie`).
    pub fn name(self) -> &'static str {
        match self {
            ParamLocation::Path => "path",
            ParamLocation::Query => "query",
            ParamLocation::Header => "header",
            ParamLocation::Cookie => "cookie",
        }
    }
}

/// One operation parameter.
#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    /// The Rust argument / builder-method name.
    pub name: String,
    /// The name on the wire.
    pub wire_name: String,
    /// Where it goes.
    pub location: ParamLocation,
    /// Required parameters are positional arguments.
    pub required: bool,
    /// Its type.
    pub ty: TypeRef,
    /// Doc comment text.
    pub docs: Option<String>,
    /// The server-side default, documented.
    pub default: Option<Value>,
    /// Numeric bounds, checked before sending.
    pub bounds: Bounds,
    /// `deprecated: true`.
    pub deprecated: bool,
    /// A credential (a header named like a token, key, secret or password): kept out of `Debug` output
    /// and marked sensitive in the request.
    pub sensitive: bool,
    /// What an inline string or number schema allows: the docs' examples keep it.
    pub rules: Option<super::samples::Rules>,
    /// The schema's `example`/`examples`.
    pub examples: Vec<Value>,
}

impl Param {
    /// The first paragraph of its description on one line, or, when the spec gives none, what it is
    /// (`` The `user_id` path parameter. ``): the docs' argument lists and parameter tables.
    pub fn summary(&self) -> String {
        first_paragraph(self.docs.as_deref())
            .unwrap_or_else(|| format!("The `{}` {} parameter.", self.wire_name, self.location.name()))
    }

    /// The spec `default`, when it is an integer (where paging starts, a page size).
    pub fn integer_default(&self) -> Option<i64> {
        self.default.as_ref().and_then(Value::as_i64)
    }
}

/// Numeric bounds of a parameter.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Bounds {
    /// Lower bound and whether it is exclusive.
    pub min: Option<(f64, bool)>,
    /// Upper bound and whether it is exclusive.
    pub max: Option<(f64, bool)>,
}

impl Bounds {
    /// No bound at all.
    pub fn is_empty(&self) -> bool {
        self.min.is_none() && self.max.is_none()
    }

    /// The bounds in words for the docs: `>= 5 and <= 60` (empty when there are none).
    pub fn describe(&self) -> String {
        let min = self.min.map(|(v, exclusive)| format!("{} {v}", if exclusive { ">" } else { ">=" }));
        let max = self.max.map(|(v, exclusive)| format!("{} {v}", if exclusive { "<" } else { "<=" }));
        [min, max].into_iter().flatten().collect::<Vec<_>>().join(" and ")
    }
}

/// A request body.
#[derive(Clone, Debug, PartialEq)]
pub struct RequestBody {
    /// The body type.
    pub ty: TypeRef,
    /// Whether it must be sent.
    pub required: bool,
    /// How it is encoded.
    pub encoding: BodyEncoding,
    /// When the body is a struct callers build: its fields as the operation's own arguments and
    /// builder methods (`client.user().create("user-42").fallback_time_zone("Europe/London")`).
    pub flat: Option<FlatBody>,
}

/// A struct body's fields lifted into the operation: `new`'s arguments become arguments of the group
/// method (after the required parameters), the struct's setters become methods of the request
/// builder, and a second group method takes the whole body value.
#[derive(Clone, Debug, PartialEq)]
pub struct FlatBody {
    /// The body struct.
    pub ty: TypeId,
    /// One per argument of the struct's `new`, in order: the field and the argument's name.
    pub arguments: Vec<(usize, String)>,
    /// One per setter of the struct, in order.
    pub setters: Vec<FlatSetter>,
    /// The group method that takes the whole body instead (`create_with_body`).
    pub with_body: String,
}

/// A body setter as a method of the request builder.
#[derive(Clone, Debug, PartialEq)]
pub struct FlatSetter {
    /// The index of the struct's [`Setter`](super::Setter).
    pub setter: usize,
    /// The builder method's name (the setter's, unless a parameter's builder method has it).
    pub name: String,
    /// The name of the builder method that sends `null`, for a setter that has one.
    pub clear: Option<String>,
}

/// The media type a request body is sent as.
#[derive(Clone, Debug, PartialEq)]
pub enum BodyEncoding {
    /// `application/json`.
    Json,
    /// `multipart/form-data`: each field of the body struct is a part; `Bytes` fields (and lists of
    /// them) are file parts.
    Multipart,
}
