//! Stage 2: the intermediate representation the emitter reads.
//!
//! Types live in an arena ([`Api::types`]) and refer to each other by [`TypeId`]; every component schema
//! gets its id before any is converted, so forward and recursive references resolve. Names here are
//! final Rust names (decided by the generator's `naming` module) next to the wire names they serialise as.

mod analysis;
mod build;
mod cycles;
pub mod native;
mod operations;
pub mod pagination;
mod params;
mod queries;
pub mod samples;
mod schemas;
pub mod snippets;
pub mod unions;

pub use analysis::reachable;
pub use build::{build, Settings};
pub use native::Native;
pub use pagination::{FieldPath, PageItems, PageStyle, Pagination, PaginationOrigin};
pub use params::{BodyEncoding, Bounds, FlatBody, FlatSetter, Param, ParamLocation, RequestBody, ServerWait};
pub use queries::{path_template, resolve, Paths};
use queries::{rust_type, text_form, uses_codec};

use serde_json::Value;

/// The whole API, ready to emit.
#[derive(Clone, Debug, PartialEq)]
pub struct Api {
    /// `info.title`.
    pub title: String,
    /// `info.version`.
    pub version: String,
    /// The `openapi` field (3.0.x or 3.1.x).
    pub openapi_version: String,
    /// Every named type, indexed by [`TypeId`].
    pub types: Vec<TypeDef>,
    /// Operations grouped by their call-shape group, groups and operations in name order.
    pub groups: Vec<Group>,
    /// `servers`, as environment variants.
    pub servers: Vec<Server>,
    /// The top-level `webhooks`, by name.
    pub webhooks: Vec<Webhook>,
    /// The prefix of the environment variables `Client::from_env` reads (`JUNCTION` → `JUNCTION_API_KEY`).
    pub env_prefix: String,
    /// The name of the crate the generated code is compiled in (`junction-api`), as the examples in its
    /// docs `use` it: from the title unless [`crate::Generator::with_crate_name`] says otherwise.
    pub crate_name: String,
    /// [`crate::build_script::input_fingerprint`] of the spec text and the overlays applied to it, which
    /// the file's header records so that a build without the generator can tell that pregenerated code
    /// was made from the inputs it has. 0 until [`crate::Generator::ir`] sets it.
    pub input_fingerprint: u64,
    /// The `webhooks::Event` union over the webhook payloads (one variant per webhook, planned like any
    /// union: by the payloads' `event_type` tag when they have one).
    pub events: Vec<UnionVariant>,
    /// The cargo features a crate compiling this API with group features declares, sorted: one per
    /// group, `webhooks` when there are any, and the unreferenced-schemas feature when some type needs it.
    pub features: Vec<String>,
}

impl Api {
    /// The type an id refers to.
    pub fn type_def(&self, id: TypeId) -> &TypeDef {
        &self.types[id.0]
    }

    /// Whether values of `ty` are read and written by the runtime's `codec` (timestamps, read
    /// tolerantly, and binary content inside JSON, as text), seen through the containers and aliases a
    /// field holds them in. Named structs, unions and newtypes handle their own members, so they are
    /// not.
    pub fn uses_codec(&self, ty: &TypeRef) -> bool {
        uses_codec(&self.types, ty)
    }

    /// How a value of `ty` is written as text (a parameter, a multipart text part).
    pub fn text_form(&self, ty: &TypeRef) -> TextForm {
        text_form(&self.types, ty)
    }

    /// How a value of `ty` is sent as one field of a multipart body.
    pub fn part_form(&self, ty: &TypeRef) -> PartForm {
        match ty {
            TypeRef::Native(native) if native.file_part => PartForm::File,
            TypeRef::Array(item) if matches!(**item, TypeRef::Native(native) if native.file_part) => PartForm::Files,
            ty => match self.text_form(ty) {
                TextForm::Json => PartForm::Json,
                text => PartForm::Text(text),
            },
        }
    }

    /// The Rust type of `ty`, as the generated code names it from `scope` (or, with
    /// [`Paths::Short`], as reports print it).
    pub fn rust_type(&self, ty: &TypeRef, paths: Paths) -> String {
        rust_type(&self.types, ty, paths)
    }

    /// The Rust type of a struct field: its value type in the `Option`s its [`Repr`] adds.
    pub fn field_type(&self, field: &Field, paths: Paths) -> String {
        let inner = self.rust_type(&field.ty, paths);
        let option = if paths == Paths::Short { "Option" } else { "::std::option::Option" };
        match field.repr {
            Repr::Plain | Repr::Defaulted { .. } => inner,
            Repr::Optional => format!("{option}<{inner}>"),
            Repr::TriState if paths == Paths::Short => format!("Nullable<{inner}>"),
            Repr::TriState => format!("crate::runtime::Nullable<{inner}>"),
        }
    }

    /// The members of a union that it converts from, each with whether it also converts from `&str`
    /// (see [`unions::conversions`]).
    pub fn union_conversions<'v>(&self, variants: &'v [UnionVariant]) -> Vec<(&'v UnionVariant, bool)> {
        unions::conversions(&self.types, variants)
    }

    /// Whether the spec deprecates any type, field, operation or parameter.
    pub fn deprecates_anything(&self) -> bool {
        let deprecated_type = self
            .types
            .iter()
            .any(|t| t.deprecated || matches!(&t.shape, Shape::Struct(fields) if fields.iter().any(|f| f.deprecated)));
        deprecated_type || self.operations().any(|op| op.deprecated || op.params.iter().any(|p| p.deprecated))
    }

    /// Every operation, in emission order.
    pub fn operations(&self) -> impl Iterator<Item = &Operation> {
        self.groups.iter().flat_map(|g| g.operations.iter())
    }
}

/// Index of a [`TypeDef`] in [`Api::types`]; stable for a given spec.
#[derive(Clone, Copy, Debug, Eq, Hash, Ord, PartialEq, PartialOrd)]
pub struct TypeId(pub usize);

/// A named Rust type.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeDef {
    /// The Rust name, unique in the `types` module.
    pub name: String,
    /// Where it comes from, as a JSON pointer.
    pub origin: String,
    /// Doc comment text.
    pub docs: Option<String>,
    /// `deprecated: true` on the schema.
    pub deprecated: bool,
    /// What kind of type it is.
    pub shape: Shape,
    /// `example` and `examples` of the schema, in spec order.
    pub examples: Vec<Value>,
    /// `x-fern-availability` (`beta`, `deprecated`, ...), mentioned in the docs.
    pub availability: Option<String>,
    /// Values of this type can be sent (it is reachable from a request body or parameter), so callers
    /// build it; a type that is only received is `#[non_exhaustive]`, which lets a new spec add
    /// fields to it in a minor release.
    pub sent: bool,
    /// The operation groups (by name) whose operations reach this type, sorted.
    pub used_by_groups: Vec<String>,
    /// Some webhook payload reaches this type.
    pub used_by_webhooks: bool,
    /// Some type that no operation or webhook reaches, reaches this one (or it is such a type).
    pub used_by_unreferenced: bool,
    /// The cargo features under which the type is compiled (any of them), sorted: the features of
    /// the groups, webhooks or unreferenced schemas that use it.
    pub features: Vec<String>,
    /// How a value of this type is written as text (decided once every type is known).
    pub text: TextForm,
    /// For a struct: how callers build one (`new` and setters).
    pub constructor: Option<Constructor>,
}

impl TypeDef {
    /// A struct's fields and how callers build it (`None` for other shapes).
    pub fn built(&self) -> Option<(&[Field], &Constructor)> {
        match (&self.shape, &self.constructor) {
            (Shape::Struct(fields), Some(constructor)) => Some((fields, constructor)),
            _ => None,
        }
    }

    /// A type of this shape, with no docs, examples or deprecation yet.
    pub fn new(name: impl Into<String>, origin: impl Into<String>, shape: Shape) -> Self {
        Self {
            name: name.into(),
            origin: origin.into(),
            docs: None,
            deprecated: false,
            shape,
            examples: Vec::new(),
            availability: None,
            sent: false,
            used_by_groups: Vec::new(),
            used_by_webhooks: false,
            used_by_unreferenced: false,
            features: Vec::new(),
            text: TextForm::Json,
            constructor: None,
        }
    }
}

/// How callers build a struct: `new` takes the fields that must have a value, every other field starts
/// absent (or at its default) and has a setter. Every struct is `#[non_exhaustive]`, so this is the only
/// way to build one outside the crate, and a new optional field is one more setter: a minor release.
#[derive(Clone, Debug, PartialEq)]
pub struct Constructor {
    /// Compiled only with the `testing` cargo feature: the type is only received, so only tests build
    /// one (and its required fields are the server's to change).
    pub testing_only: bool,
    /// How `new` fills each field, in field order.
    pub inits: Vec<Init>,
    /// One setter per field that `new` leaves absent, in field order.
    pub setters: Vec<Setter>,
}

impl Constructor {
    /// The indices of the fields `new` takes as arguments, in order.
    pub fn arguments(&self) -> impl Iterator<Item = usize> + '_ {
        self.inits.iter().enumerate().filter(|(_, init)| **init == Init::Argument).map(|(index, _)| index)
    }
}

/// How a constructor fills one field.
#[derive(Clone, Debug, PartialEq)]
pub enum Init {
    /// From an argument of `new` (`impl Into<T>`; `Option<T>` for a required nullable field).
    Argument,
    /// With the one value its `const` type has.
    Fixed,
    /// Absent: `None`, [`Repr::TriState`]'s `Absent`, an empty map.
    Absent,
    /// With the spec default, from the struct's associated function of this name.
    Default(String),
}

/// A method that sets one field of a struct being built.
#[derive(Clone, Debug, PartialEq)]
pub struct Setter {
    /// The field's index.
    pub field: usize,
    /// The method that sets a value (`.fallback_time_zone("Europe/London")`).
    pub name: String,
    /// For a [`Repr::TriState`] field, the method that sends `null` (`.clear_fallback_time_zone()`).
    pub clear: Option<String>,
}

/// The closed set of type shapes the emitter knows.
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    /// An object with named properties.
    Struct(Vec<Field>),
    /// A set of strings. An open set also keeps values this version does not know.
    StringEnum {
        /// The known values.
        variants: Vec<EnumVariant>,
        /// Values outside the set are kept in an `Unknown(String)` variant instead of failing.
        open: bool,
        /// The name of that catch-all variant (`Unknown`, unless a known value has that name).
        fallback: String,
    },
    /// A set of integers, open like [`Shape::StringEnum`].
    IntegerEnum {
        /// The known values, each with its variant name.
        variants: Vec<(String, i64)>,
        /// Values outside the set are kept in an `Unknown(i64)` variant instead of failing.
        open: bool,
        /// The name of that catch-all variant.
        fallback: String,
    },
    /// One of several schemas (`anyOf`/`oneOf` with several non-null members); unknown shapes are kept
    /// as JSON in an `Unknown` variant.
    Union {
        /// The members, in the order they are tried (decided by [`unions::plan`]).
        variants: Vec<UnionVariant>,
        /// Trials keep spec order (Pydantic's `union_mode: left_to_right`) instead of most specific first.
        in_order: bool,
    },
    /// A `prefixItems` tuple: a JSON array whose items have their own types; items from `min_items` on
    /// may be missing (and are then `None`).
    Tuple {
        /// The item types, in order.
        items: Vec<TypeRef>,
        /// `minItems`: how many items must be present.
        min_items: usize,
    },
    /// A JSON-Schema string `const`: a unit type that only (de)serialises as `value`.
    ConstString {
        /// The string.
        value: String,
        /// The name of the type's one variant.
        variant: String,
    },
    /// A named schema that is another type (`type X = ...`).
    Alias(TypeRef),
    /// A named schema that is another type but refers to itself (`D: {items: {$ref: D}}`): a type
    /// alias cannot be recursive, so it is a transparent newtype (`struct D(Vec<D>)`).
    Newtype(TypeRef),
}

/// One property of a struct.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// The Rust field name.
    pub name: String,
    /// The property name on the wire.
    pub wire_name: String,
    /// Doc comment text.
    pub docs: Option<String>,
    /// The value type (without the `Option` that [`Field::repr`] adds).
    pub ty: TypeRef,
    /// How the value is held: plainly, in an `Option`, in a `Nullable`, or with the spec default for absence.
    pub repr: Repr,
    /// Listed in `required`.
    pub required: bool,
    /// May be `null`.
    pub nullable: bool,
    /// `deprecated: true` on the property.
    pub deprecated: bool,
    /// The schema `default`, if any.
    pub default: Option<Value>,
    /// The property's `example`/`examples`.
    pub examples: Vec<Value>,
    /// `x-fern-availability`.
    pub availability: Option<String>,
    /// The field holds the object's other properties (`additionalProperties` beside `properties`) and is
    /// flattened into it on the wire.
    pub flatten: bool,
    /// For a field of a `const` type (`ConstBool`, `ConstInteger`): the associated constant that holds
    /// its value.
    pub constant: Option<String>,
    /// A credential (named like a token, secret, password or API key, or marked `x-sensitive: true`;
    /// `x-sensitive: false` unmarks one): its struct's `Debug` prints `<redacted>` for it. Serde and
    /// field access are unchanged.
    pub sensitive: bool,
    /// What an inline string or number schema allows (format, pattern, lengths, bounds): the docs'
    /// examples keep it.
    pub rules: Option<samples::Rules>,
}

impl Field {
    /// A property whose Rust name is its wire name, not nullable, with no docs, default or examples
    /// (an `Option` when not required).
    pub fn plain(name: impl Into<String>, ty: TypeRef, required: bool) -> Self {
        let name = name.into();
        Self {
            wire_name: name.clone(),
            name,
            docs: None,
            ty,
            repr: if required { Repr::Plain } else { Repr::Optional },
            constant: None,
            required,
            nullable: false,
            deprecated: false,
            default: None,
            examples: Vec::new(),
            availability: None,
            flatten: false,
            sensitive: false,
            rules: None,
        }
    }

    /// Whether the spec lets the value be absent or `null`.
    pub fn optional(&self) -> bool {
        !self.required || self.nullable
    }

    /// Whether the Rust field may hold no value (an `Option` or a [`Repr::TriState`] `Nullable`).
    pub fn is_option(&self) -> bool {
        matches!(self.repr, Repr::Optional | Repr::TriState)
    }
}

/// How a field holds its value.
#[derive(Clone, Debug, PartialEq)]
pub enum Repr {
    /// `T`: required and not nullable (or flattened).
    Plain,
    /// `Option<T>`: optional or nullable; absent and `null` are both `None`.
    Optional,
    /// `runtime::Nullable<T>`: an optional nullable field of a type sent in JSON request bodies, where
    /// absent and `null` mean different things (PATCH semantics).
    TriState,
    /// `T`: optional, not nullable, with a spec `default` Rust can write; absence reads as it. Only in
    /// types that are only received: in a sent type the default is the server's, and the field is an
    /// `Option` that is not sent unless the caller sets it.
    Defaulted {
        /// The associated function that returns the default (`default_limit`).
        function: String,
        /// The default.
        value: Literal,
    },
}

/// A value the generated code writes as a Rust expression (a field default).
#[derive(Clone, Debug, PartialEq)]
pub enum Literal {
    /// `true` / `false`.
    Bool(bool),
    /// An `i32`.
    I32(i32),
    /// An `i64`.
    I64(i64),
    /// An `f64`.
    F64(f64),
    /// A `String`.
    String(String),
    /// An empty `Vec`.
    EmptyList,
    /// A variant of a string enum.
    Variant {
        /// The enum.
        ty: TypeId,
        /// The variant's Rust name.
        variant: String,
    },
}

/// One member of a [`Shape::Union`].
#[derive(Clone, Debug, PartialEq)]
pub struct UnionVariant {
    /// The Rust variant name.
    pub name: String,
    /// The member's type.
    pub ty: TypeRef,
    /// How a JSON value is recognised as this member.
    pub matcher: Matcher,
}

/// How a union member is recognised. Variants are tried in the order the union lists them, and the IR
/// orders them so that the first match is the right one.
#[derive(Clone, Debug, PartialEq)]
pub enum Matcher {
    /// An object whose `field` is one of `values` (a string `const` tag): chosen by the tag, never by
    /// trial, and a body that has the tag but not the shape is an error rather than another member.
    Tag {
        /// The wire name of the tag property.
        field: String,
        /// The tag values that select this member.
        values: Vec<String>,
    },
    /// An object that has this required property, which no other member has.
    Key(String),
    /// A string the member's (open) enum knows.
    KnownString,
    /// Whatever deserialises as the member; tried after the members above, most specific first.
    Trial,
}

/// One value of a string enum.
#[derive(Clone, Debug, PartialEq)]
pub struct EnumVariant {
    /// The Rust variant name.
    pub name: String,
    /// The string on the wire.
    pub wire: String,
}

/// A reference to a type, as used by fields, parameters and bodies.
#[derive(Clone, Debug, PartialEq)]
pub enum TypeRef {
    /// A named type in the arena.
    Named(TypeId),
    /// A named type behind a `Box`, because it sits in a reference cycle.
    Boxed(TypeId),
    /// `bool`.
    Boolean,
    /// A JSON-Schema boolean `const`.
    ConstBool(bool),
    /// A JSON-Schema integer `const`.
    ConstInteger(i64),
    /// `i32` (`format: int32`) or `i64`.
    Integer {
        /// `format: int32`.
        int32: bool,
    },
    /// `f32` (`format: float`) or `f64`.
    Number {
        /// `format: float`.
        float: bool,
    },
    /// `String`.
    String,
    /// A string `format` with a Rust type of its own (`uuid`, `date-time`, `ipv4`, ...): a row of the
    /// [native type table](native).
    Native(&'static Native),
    /// `Vec<T>`.
    Array(Box<TypeRef>),
    /// `BTreeMap<String, T>`.
    Map(Box<TypeRef>),
    /// `BTreeMap<K, T>` whose keys are a named enum (`propertyNames`).
    KeyedMap(TypeId, Box<TypeRef>),
    /// `Option<T>`: a nullable array item, map value or alias.
    Nullable(Box<TypeRef>),
    /// Any JSON value.
    Any,
}

impl TypeRef {
    /// This reference and every reference inside it, through arrays, maps (keys too) and options,
    /// outermost first; named types are not looked into. The one walk over a reference that the IR's
    /// passes share.
    pub fn parts(&self) -> impl Iterator<Item = &TypeRef> {
        let mut stack = vec![self];
        std::iter::from_fn(move || {
            let ty = stack.pop()?;
            match ty {
                TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => stack.push(inner),
                TypeRef::KeyedMap(_, value) => stack.push(value),
                _ => {}
            }
            Some(ty)
        })
    }

    /// The named types this reference mentions (map keys included), without looking into them.
    pub fn named(&self) -> impl Iterator<Item = TypeId> + '_ {
        self.parts().flat_map(|part| match part {
            TypeRef::Named(id) | TypeRef::Boxed(id) | TypeRef::KeyedMap(id, _) => Some(*id),
            _ => None,
        })
    }
}

impl Shape {
    /// The references a type of this shape holds: its fields, members, items or target.
    pub fn refs(&self) -> Box<dyn Iterator<Item = &TypeRef> + '_> {
        match self {
            Shape::Struct(fields) => Box::new(fields.iter().map(|f| &f.ty)),
            Shape::Union { variants, .. } => Box::new(variants.iter().map(|v| &v.ty)),
            Shape::Tuple { items, .. } => Box::new(items.iter()),
            Shape::Alias(ty) | Shape::Newtype(ty) => Box::new(std::iter::once(ty)),
            Shape::StringEnum { .. } | Shape::IntegerEnum { .. } | Shape::ConstString { .. } => {
                Box::new(std::iter::empty())
            }
        }
    }
}

/// How a value is written as text.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum TextForm {
    /// Its `Display` is its wire text (numbers, strings, enums, unions of such).
    Display,
    /// A timestamp, written as RFC 3339 by the runtime (its `Display` is not).
    Timestamp,
    /// No text form of its own: sent as JSON text.
    Json,
}

/// How a value is sent as one field of a multipart body.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum PartForm {
    /// A file part.
    File,
    /// One file part per item of a list.
    Files,
    /// A text part.
    Text(TextForm),
    /// A text part holding JSON.
    Json,
}

/// One piece of a path template.
#[derive(Clone, Debug, Eq, PartialEq)]
pub enum PathSegment {
    /// Text sent as it is.
    Literal(String),
    /// `{name}`: the path parameter with this wire name, encoded.
    Param(String),
}

/// Operations that share an `x-fern-sdk-group-name` (or first tag).
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    /// The module and accessor name (`user` → `client.user()`, `junction_api::user`).
    pub name: String,
    /// The group's client struct (`UserClient`).
    pub client_name: String,
    /// The group's expectations struct of the test kit (`UserMock`, behind the `testing` feature).
    pub mock_name: String,
    /// The cargo feature that compiles it (with group features).
    pub feature: String,
    /// Its operations, by method name.
    pub operations: Vec<Operation>,
}

/// One HTTP operation.
#[derive(Clone, Debug, PartialEq)]
pub struct Operation {
    /// `operationId`, or `METHOD path` when absent; used in messages.
    pub label: String,
    /// The method name on the group client.
    pub method: String,
    /// The request builder struct name.
    pub builder_name: String,
    /// The enum of declared error bodies.
    pub error_name: String,
    /// The enum of success bodies, used only when success statuses carry different bodies.
    pub response_enum_name: String,
    /// The HTTP method, upper case.
    pub http_method: String,
    /// The path template, as in the spec.
    pub path: String,
    /// The path template, parsed.
    pub template: Vec<PathSegment>,
    /// Doc comment text (summary and description).
    pub docs: Option<String>,
    /// `deprecated: true`.
    pub deprecated: bool,
    /// `x-fern-availability` (`beta`, `deprecated`, ...), mentioned in the docs.
    pub availability: Option<String>,
    /// Parameters, path parameters first in path order, then the rest in spec order.
    pub params: Vec<Param>,
    /// The JSON request body.
    pub body: Option<RequestBody>,
    /// Responses by status.
    pub responses: Vec<Response>,
    /// Header names of the API keys the request carries (empty when the operation is not secured).
    pub api_key_headers: Vec<String>,
    /// Whether the request carries the client's bearer token (HTTP bearer, OAuth 2, OpenID Connect).
    pub bearer: bool,
    /// The parameter that asks the server to wait (seconds), if any.
    pub server_wait: Option<ServerWait>,
    /// How the operation pages, when it does (`.pages()` and `.items()` on its builder).
    pub pagination: Option<Pagination>,
}

impl Operation {
    /// Required parameters, which become positional arguments.
    pub fn required_params(&self) -> impl Iterator<Item = &Param> {
        self.params.iter().filter(|p| p.required)
    }

    /// Optional parameters, which become builder methods.
    pub fn optional_params(&self) -> impl Iterator<Item = &Param> {
        self.params.iter().filter(|p| !p.required)
    }

    /// Responses for 2xx statuses.
    pub fn successes(&self) -> impl Iterator<Item = &Response> {
        self.responses.iter().filter(|r| r.status.is_success())
    }

    /// How the 2xx responses are returned: decided once here, read by every part of the emitter.
    pub fn success_shape(&self) -> SuccessShape<'_> {
        let mut successes = self.successes();
        match successes.next() {
            None => SuccessShape::Undeclared,
            Some(first) if successes.all(|r| r.body == first.body) => SuccessShape::Shared(&first.body),
            Some(_) => SuccessShape::ByStatus,
        }
    }

    /// The types the operation names directly: its parameters, its request body and its JSON responses
    /// (the roots from which the types it uses are reached).
    pub fn type_roots(&self) -> impl Iterator<Item = &TypeRef> {
        let responses = self.responses.iter().filter_map(|r| match &r.body {
            ResponseBody::Json(ty) => Some(ty),
            _ => None,
        });
        self.params.iter().map(|p| &p.ty).chain(self.body.iter().map(|b| &b.ty)).chain(responses)
    }

    /// Whether a 2xx body is handed to the caller as a stream rather than read into memory (every 2xx
    /// body is binary).
    pub fn streams(&self) -> bool {
        matches!(self.success_shape(), SuccessShape::Shared(ResponseBody::Bytes { .. }))
    }

    /// Responses for every other declared status.
    pub fn errors(&self) -> impl Iterator<Item = &Response> {
        self.responses.iter().filter(|r| !r.status.is_success())
    }

    /// The status a test kit answers `response` with: its own, or for the `default` response the first
    /// 5xx status the operation does not declare (which the operation decodes as its default).
    pub fn mock_status(&self, response: &Response) -> u16 {
        match response.status {
            Status::Code(code) => code,
            Status::Default => {
                (500..=599).find(|code| !self.responses.iter().any(|r| r.status == Status::Code(*code))).unwrap_or(599)
            }
        }
    }

    /// The status a test kit answers a success with: the first declared 2xx (200 when none is).
    pub fn mock_success_status(&self) -> u16 {
        self.successes().next().map_or(200, |r| self.mock_status(r))
    }
}

/// How an operation's success responses reach the caller.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum SuccessShape<'a> {
    /// No 2xx response is declared: any 2xx is an empty success.
    Undeclared,
    /// Every 2xx response has this body: the caller gets it directly (and can read the status).
    Shared(&'a ResponseBody),
    /// The bodies differ: the caller gets an enum with one variant per status.
    ByStatus,
}

/// The first paragraph of doc text on one line (`None` when there is none): a list item or table cell of
/// the docs.
pub fn first_paragraph(docs: Option<&str>) -> Option<String> {
    let paragraph = docs?.split("\n\n").next()?.split_whitespace().collect::<Vec<_>>().join(" ");
    (!paragraph.is_empty()).then_some(paragraph)
}

/// A response status key.
#[derive(Clone, Copy, Debug, Eq, Ord, PartialEq, PartialOrd)]
pub enum Status {
    /// A concrete status code.
    Code(u16),
    /// The `default` response: any status not listed.
    Default,
}

impl Status {
    /// 2xx.
    pub fn is_success(self) -> bool {
        matches!(self, Status::Code(200..=299))
    }
}

/// One declared response.
#[derive(Clone, Debug, PartialEq)]
pub struct Response {
    /// Its status.
    pub status: Status,
    /// The enum variant name for this status.
    pub variant: String,
    /// Its description.
    pub description: Option<String>,
    /// Its body.
    pub body: ResponseBody,
    /// Example bodies given on the media type (`example`, and the values of `examples`).
    pub examples: Vec<Value>,
    /// The media type the body is read as, if there is a body.
    pub media_type: Option<String>,
    /// Other (non-JSON) media types the server offers for this response beside the JSON body, which a
    /// caller can ask for instead (`send_accepting`).
    pub alternatives: Vec<String>,
}

/// What a response carries.
#[derive(Clone, Debug, PartialEq)]
pub enum ResponseBody {
    /// No content.
    Empty,
    /// JSON decoded into a type.
    Json(TypeRef),
    /// Raw bytes (a non-JSON media type), readable as a stream.
    Bytes {
        /// The media type, documented.
        media_type: String,
    },
}

/// A server from `servers`.
#[derive(Clone, Debug, PartialEq)]
pub struct Server {
    /// The `Environment` variant name.
    pub variant: String,
    /// The name `Environment::from_name` matches it by (lower case, without `_` and `-`).
    pub key: String,
    /// The base URL.
    pub url: String,
    /// Its description.
    pub docs: Option<String>,
}

/// One entry of the top-level `webhooks`: an event Junction sends to the user's endpoint.
#[derive(Clone, Debug, PartialEq)]
pub struct Webhook {
    /// The webhook's key in the spec (`daily.data.activity.*`).
    pub key: String,
    /// The `Event` variant name.
    pub variant: String,
    /// The payload type.
    pub payload: TypeRef,
    /// The `event_type` values this payload is sent with (from its `const` or enum).
    pub event_types: Vec<String>,
    /// Summary and description.
    pub docs: Option<String>,
}
