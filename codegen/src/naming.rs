//! Every Rust name in the generated code is decided here, once; nothing else re-cases a name.
//!
//! Names are ASCII, never a keyword, never empty, never start with a digit, and callers that place names
//! side by side make them unique with [`Namespace`].

use heck::{ToKebabCase, ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};
use std::collections::BTreeSet;

/// Rust's strict and reserved keywords (2015–2024 editions). A name equal to one gets a trailing `_`.
const KEYWORDS: &[&str] = &[
    "Self", "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro",
    "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return", "self", "static", "struct", "super",
    "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Replaces everything but ASCII letters and digits with word breaks, so heck sees clean words.
fn words(raw: &str) -> String {
    raw.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' }).collect()
}

fn fix_keyword_and_digit(mut name: String, digit_prefix: &str, empty: &str) -> String {
    if name.is_empty() {
        return empty.to_owned();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert_str(0, digit_prefix);
    }
    if KEYWORDS.contains(&name.as_str()) {
        name.push('_');
    }
    name
}

/// An identifier as docs, examples and derived names write it: without the raw prefix (`r#type` →
/// `type`).
pub fn bare(name: &str) -> &str {
    name.trim_start_matches("r#")
}

/// A type name: `HTTPValidationError` → `HttpValidationError`, `user-refresh` → `UserRefresh`.
pub fn type_name(raw: &str) -> String {
    fix_keyword_and_digit(words(raw).to_upper_camel_case(), "T", "Unnamed")
}

/// An enum variant name: like [`type_name`]; the empty string becomes `Empty`, and values made only
/// of symbols spell them out (`-` → `Minus`, `+` → `Plus`).
pub fn variant_name(raw: &str) -> String {
    let spelled: String;
    let raw = if !raw.is_empty() && !raw.chars().any(|c| c.is_ascii_alphanumeric()) {
        spelled = raw.chars().map(symbol_word).collect::<Vec<_>>().join(" ");
        spelled.as_str()
    } else {
        raw
    };
    fix_keyword_and_digit(words(raw).to_upper_camel_case(), "V", "Empty")
}

fn symbol_word(c: char) -> &'static str {
    match c {
        '-' => "minus",
        '+' => "plus",
        '*' => "star",
        '/' => "slash",
        '.' => "dot",
        '_' => "underscore",
        '=' => "equals",
        '<' => "less",
        '>' => "greater",
        '!' => "bang",
        '?' => "question",
        '%' => "percent",
        '#' => "hash",
        '@' => "at",
        '&' => "and",
        ' ' => "space",
        _ => "symbol",
    }
}

/// A field, parameter, method or module name: `userId` → `user_id`, `type` → `type_`.
pub fn snake_name(raw: &str) -> String {
    fix_keyword_and_digit(words(raw).to_snake_case(), "_", "value")
}

/// An associated constant for a `const` field: `success` → `SUCCESS`.
pub fn constant_name(field: &str) -> String {
    heck::ToShoutySnakeCase::to_shouty_snake_case(field.trim_end_matches('_'))
}

/// The name of a struct that builds one operation's request: `refresh` → `RefreshBuilder`. Not
/// `…Request`: specs name their request bodies that way (`CreateInsuranceRequest`), and a builder of the
/// same name would sit beside the body in every search.
pub fn request_builder_name(method: &str) -> String {
    derived_type_name(method, "Builder")
}

/// A name of a group module's item that a type of the `types` module already has (`RefreshError`
/// beside a schema `RefreshError`), made distinct by the group's name: `UserRefreshError`.
pub fn apart_from_type(group_client: &str, name: &str) -> String {
    format!("{}{name}", group_client.trim_end_matches("Client"))
}

/// A type name made of a method name and a suffix, cased as one name: `self` + `Request` is
/// `SelfRequest`, not the keyword-escaped `Self_Request`.
fn derived_type_name(method: &str, suffix: &str) -> String {
    type_name(&format!("{} {suffix}", bare(method)))
}

/// The name of the enum of an operation's declared error bodies: `refresh` → `RefreshError`.
pub fn error_enum_name(method: &str) -> String {
    derived_type_name(method, "Error")
}

/// The name of the enum of an operation's success bodies, when they differ by status.
pub fn response_enum_name(method: &str) -> String {
    derived_type_name(method, "Response")
}

/// The cargo feature of an operation group: its name, unless that is taken by cargo or the crate.
pub fn group_feature_name(group: &str) -> String {
    match group {
        // Cargo's own `default`, and the crate's other features.
        "default" | "tracing" | "webhooks" | "unreferenced_schemas" => format!("{group}_group"),
        _ => group.to_owned(),
    }
}

/// The feature of the webhook payloads.
pub const WEBHOOKS_FEATURE: &str = "webhooks";

/// The feature of the component schemas that no operation or webhook uses.
pub const UNREFERENCED_FEATURE: &str = "unreferenced_schemas";

/// The variant of an integer enum for a value: `3` → `Value3`, `-1` → `Minus1`.
pub fn integer_variant_name(value: i64) -> String {
    match value {
        v if v < 0 => format!("Minus{}", v.unsigned_abs()),
        v => format!("Value{v}"),
    }
}

/// The catch-all variant of an open enum: `Unknown`, unless a known value already has that name.
pub fn fallback_variant_name<'n>(names: impl Iterator<Item = &'n str> + Clone) -> String {
    ["Unknown", "UnknownValue", "Unrecognized", "UnrecognizedValue"]
        .into_iter()
        .find(|candidate| !names.clone().any(|n| n == *candidate))
        .unwrap_or("UnknownValue_")
        .to_owned()
}

/// The variant of a union member that is an `Option` of another: `Uuid` → `UuidOrNull`.
pub fn nullable_member_name(inner: &str) -> String {
    format!("{inner}OrNull")
}

/// The variant of a union member that is a list: `Uuid` → `UuidList`.
pub fn list_member_name(item: &str) -> String {
    format!("{item}List")
}

/// The variant of a union member that is a map: `Uuid` → `UuidMap`.
pub fn map_member_name(value: &str) -> String {
    format!("{value}Map")
}

/// The name of a type hoisted out of an array's items: `Tags` → `TagsItem`.
pub fn item_type_name(parent: &str) -> String {
    format!("{parent}Item")
}

/// The name of a type hoisted out of a tuple's item `index`: `Pair`, 0 → `PairItem0`.
pub fn tuple_item_type_name(parent: &str, index: usize) -> String {
    format!("{parent}Item{index}")
}

/// The name of a type hoisted out of a map's values: `Scores` → `ScoresValue`.
pub fn map_value_type_name(parent: &str) -> String {
    format!("{parent}Value")
}

/// The name of a type hoisted out of a map's `propertyNames`: `Scores` → `ScoresKey`.
pub fn map_key_type_name(parent: &str) -> String {
    format!("{parent}Key")
}

/// The name of a type hoisted out of union member `index` (from 0): `Shape`, 0 → `Shape1`.
pub fn union_member_type_name(parent: &str, index: usize) -> String {
    format!("{parent}{}", index + 1)
}

/// The name of a webhook's payload type: `daily.data.activity.created` → `DailyDataActivityCreatedPayload`.
pub fn webhook_payload_type_name(key: &str) -> String {
    format!("{}Payload", type_name(key))
}

/// The `Event` variant of a webhook: its key without wildcards, as a type name.
pub fn webhook_variant_name(key: &str) -> String {
    type_name(&key.replace('*', ""))
}

/// The raw name of the server at `index` (from 0) when it has neither a name nor a description.
pub fn unnamed_server(index: usize) -> String {
    format!("Server{}", index + 1)
}

/// The key `Environment::from_name` matches a variant by: lower case, without `_` and `-`, as it
/// folds the name it is given.
pub fn environment_key(variant: &str) -> String {
    variant.chars().filter(|c| *c != '_' && *c != '-').flat_map(char::to_lowercase).collect()
}

/// The associated function that returns a field's default: `limit` → `default_limit`.
pub fn default_fn_name(field: &str) -> String {
    format!("default_{}", bare(field).trim_end_matches('_'))
}

/// What an operation's parameters and flattened body fields cannot be called: the request builder's own
/// members and methods, the locals its `send` binds before it reads the parameters (`path`,
/// `request`; `media_type` is `send_accepting`'s argument), and `pages`/`items`, kept for paging.
pub const BUILDER_RESERVED: &[&str] = &[
    "client",
    "send",
    "into_future",
    "body",
    "options",
    "request_options",
    "send_accepting",
    "path",
    "request",
    "response",
    "media_type",
    "pages",
    "items",
];

/// The names of a flattened body's arguments and builder methods (see `ir::FlatBody`): each keeps its
/// field's name unless a parameter or the builder has it, and then gets `body_` in front (then a number).
/// `taken` are the operation's parameter names.
pub fn flattened_names<'n>(names: impl IntoIterator<Item = &'n str>, taken: &[&str]) -> Vec<String> {
    let mut scope = Namespace::with_reserved(BUILDER_RESERVED);
    for name in taken {
        scope.claim((*name).to_owned());
    }
    let reserved: BTreeSet<&str> = BUILDER_RESERVED.iter().chain(taken).copied().collect();
    names
        .into_iter()
        .map(|name| {
            let wanted = if reserved.contains(name) { format!("body_{}", bare(name)) } else { name.to_owned() };
            scope.claim(wanted)
        })
        .collect()
}

/// The group method that takes a whole body value: `create` → `create_with_body`.
pub fn with_body_method_name(method: &str) -> String {
    format!("{}_with_body", bare(method).trim_end_matches('_'))
}

/// The cargo feature that compiles the client (the HTTP stack); every operation group implies it.
pub const CLIENT_FEATURE: &str = "client";

/// The constructor of every generated struct.
pub const CONSTRUCTOR: &str = "new";

/// The cargo feature that compiles constructors and setters for types that are only received.
pub const TESTING_FEATURE: &str = "testing";

/// The setters of a struct's fields (given as Rust field name and whether the field can be sent as
/// `null`): each is named like its field (`.fallback_time_zone(..)`), and a nullable one also gets
/// `clear_<field>` (sends `null`). A name that is taken (the constructor, a default function in
/// `taken`, another field, or an earlier setter) gets `set_` in front, then a number, as
/// [`flattened_names`] does with `body_`.
pub fn setter_names(fields: &[(&str, bool)], taken: &[&str]) -> Vec<(String, Option<String>)> {
    let mut scope = Namespace::with_reserved(taken);
    scope.claim(CONSTRUCTOR.to_owned());
    let reserved: BTreeSet<&str> = taken.iter().copied().chain([CONSTRUCTOR]).collect();
    // Every field's own name is reserved first, so a field called `clear_x` keeps its name.
    for (field, _) in fields {
        if !reserved.contains(field) {
            scope.claim((*field).to_owned());
        }
    }
    let free = |wanted: String, scope: &mut Namespace| {
        let wanted = if scope.is_taken(&wanted) { format!("set_{}", bare(&wanted)) } else { wanted };
        scope.claim(wanted)
    };
    fields
        .iter()
        .map(|(field, nullable)| {
            // The field's own name was reserved for it; only the constructor or a default function can
            // take it.
            let name =
                if reserved.contains(field) { free((*field).to_owned(), &mut scope) } else { (*field).to_owned() };
            let clear = nullable.then(|| free(format!("clear_{}", bare(field)), &mut scope));
            (name, clear)
        })
        .collect()
}

/// The name of a group's expectations struct in the test kit: `lab_tests` → `LabTestsMock`.
pub fn group_mock_name(group: &str) -> String {
    format!("{}Mock", type_name(group))
}

/// A crate name from an API title: kebab case, or `api-client` when that is not a valid name.
pub fn crate_name(title: &str) -> String {
    Some(title.to_kebab_case()).filter(|n| is_crate_name(n)).unwrap_or_else(|| String::from("api-client"))
}

/// Whether `name` can be a crate name (`[A-Za-z0-9_-]`, starting with a letter).
pub fn is_crate_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// The name of a group's client struct: `lab_tests` → `LabTestsClient`.
pub fn group_client_name(group: &str) -> String {
    format!("{}Client", type_name(group))
}

/// The name of a type hoisted out of a property: `UserRefreshSuccessResponse` + `success`.
pub fn nested_type_name(parent: &str, property: &str) -> String {
    format!("{parent}{}", type_name(property))
}

/// The variant of an error or response enum for an HTTP status: `400` → `BadRequest`.
pub fn status_variant_name(status: u16) -> String {
    match canonical_reason(status) {
        Some(reason) => type_name(reason),
        None => format!("Status{status}"),
    }
}

fn canonical_reason(status: u16) -> Option<&'static str> {
    Some(match status {
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        203 => "Non Authoritative Information",
        204 => "No Content",
        206 => "Partial Content",
        207 => "Multi Status",
        300 => "Multiple Choices",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        304 => "Not Modified",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        402 => "Payment Required",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        412 => "Precondition Failed",
        413 => "Payload Too Large",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Entity",
        423 => "Locked",
        424 => "Failed Dependency",
        425 => "Too Early",
        428 => "Precondition Required",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => return None,
    })
}

/// The method name FastAPI's default `operationId` came from: `refresh_user_id_v2_user_refresh__user_id__post`
/// for `POST /v2/user/refresh/{user_id}` → `refresh_user_id`. Other operationIds are returned unchanged.
pub fn strip_fastapi_suffix<'a>(operation_id: &'a str, path: &str, method: &str) -> &'a str {
    // FastAPI builds it as `re.sub(r"\W", "_", name + path) + "_" + method`.
    let suffix: String =
        path.chars().map(|c| if c.is_alphanumeric() || c == '_' { c } else { '_' }).collect::<String>() + "_" + method;
    match operation_id.strip_suffix(suffix.as_str()) {
        Some(stem) if !stem.is_empty() => stem,
        _ => operation_id,
    }
}

/// A set of names in one scope (a module, a struct's fields, an enum's variants). [`Namespace::claim`]
/// returns the name itself the first time and appends `2`, `3`, … on collisions, in call order, so the
/// result is deterministic for a deterministic input order.
#[derive(Debug, Default)]
pub struct Namespace {
    taken: BTreeSet<String>,
}

impl Namespace {
    /// A scope in which `reserved` are already taken.
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Self { taken: reserved.iter().map(|s| (*s).to_owned()).collect() }
    }

    /// Whether `name` is taken.
    pub fn is_taken(&self, name: &str) -> bool {
        self.taken.contains(name)
    }

    /// Takes `name`, or the first free `name2`, `name3`, … (`name_2` for snake_case names).
    pub fn claim(&mut self, name: String) -> String {
        if self.taken.insert(name.clone()) {
            return name;
        }
        let separator = if name.contains('_') || name.starts_with(|c: char| c.is_ascii_lowercase()) { "_" } else { "" };
        let base = name.trim_end_matches('_');
        (2..)
            .map(|n| format!("{base}{separator}{n}"))
            .find(|candidate| self.taken.insert(candidate.clone()))
            .unwrap_or(name)
    }
}

/// The environment-variable prefix for an API title: its words in SCREAMING_SNAKE_CASE without a final
/// "API" (`Junction API` → `JUNCTION`, `Pet Store` → `PET_STORE`); `API` when nothing is left.
pub fn env_prefix(title: &str) -> String {
    let snake = title.to_shouty_snake_case();
    let words: Vec<&str> = snake.split('_').filter(|w| !w.is_empty()).collect();
    let words = match words.split_last() {
        Some((&"API", rest)) if !rest.is_empty() => rest,
        _ => &words[..],
    };
    let prefix: String = words.join("_").chars().filter(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
    if prefix.is_empty() || prefix.starts_with(|c: char| c.is_ascii_digit()) {
        String::from("API")
    } else {
        prefix
    }
}

/// Union variant names without the words all of them share at the start and at the end
/// (`ClientFacingWalkInOrderDetails`, `ClientFacingTestKitOrderDetails` → `WalkIn`, `TestKit`). Names are
/// left as they are when stripping would leave one empty, starting with a digit, or two equal.
pub fn strip_common_affixes(names: &[String]) -> Vec<String> {
    fn words(name: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut start = 0;
        let bytes = name.as_bytes();
        for i in 1..bytes.len() {
            let boundary = bytes[i].is_ascii_uppercase()
                && (bytes[i - 1].is_ascii_lowercase()
                    || bytes[i - 1].is_ascii_digit()
                    || (bytes[i - 1].is_ascii_uppercase() && bytes.get(i + 1).is_some_and(u8::is_ascii_lowercase)));
            if boundary {
                out.push(&name[start..i]);
                start = i;
            }
        }
        out.push(&name[start..]);
        out
    }
    if names.len() < 2 {
        return names.to_vec();
    }
    let split: Vec<Vec<&str>> = names.iter().map(|n| words(n)).collect();
    let shortest = split.iter().map(Vec::len).min().unwrap_or(0);
    let prefix = (0..shortest).take_while(|&i| split.iter().all(|w| w[i] == split[0][i])).count();
    let suffix = (0..shortest - prefix)
        .take_while(|&i| split.iter().all(|w| w[w.len() - 1 - i] == split[0][split[0].len() - 1 - i]))
        .count();
    let stripped: Vec<String> = split.iter().map(|w| w[prefix..w.len() - suffix].concat()).collect();
    let mut unique = stripped.clone();
    unique.sort();
    unique.dedup();
    let usable = unique.len() == stripped.len()
        && stripped.iter().all(|s| s.starts_with(|c: char| c.is_ascii_uppercase()) && s != "Unknown");
    if usable {
        stripped
    } else {
        names.to_vec()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn env_prefixes_come_from_the_title() {
        assert_eq!(env_prefix("Junction API"), "JUNCTION");
        assert_eq!(env_prefix("Pet Store"), "PET_STORE");
        assert_eq!(env_prefix("API"), "API");
        assert_eq!(env_prefix("2048 ¿?"), "API");
    }

    #[test]
    fn union_variants_lose_the_words_they_all_share() {
        let names = |v: &[&str]| strip_common_affixes(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(
            names(&["ClientFacingWalkInOrderDetails", "ClientFacingTestKitOrderDetails"]),
            ["WalkIn", "TestKit"]
        );
        assert_eq!(
            names(&["CarryForwardExpr", "CarryBackwardExpr", "CarryNearestExpr"]),
            ["Forward", "Backward", "Nearest"]
        );
        // Stripping would leave an empty name: kept.
        assert_eq!(names(&["Order", "OrderDetails"]), ["Order", "OrderDetails"]);
        assert_eq!(names(&["Jpeg", "Png"]), ["Jpeg", "Png"]);
    }

    #[test]
    fn names_derived_from_a_method_are_cased_as_one_name() {
        assert_eq!(request_builder_name("refresh"), "RefreshBuilder");
        assert_eq!(request_builder_name("get_by_client_user_id"), "GetByClientUserIdBuilder");
        // `self` is a keyword alone, not inside a longer name (was `Self_Request`, a lint warning).
        assert_eq!(request_builder_name(&snake_name("self")), "SelfBuilder");
        assert_eq!(apart_from_type("UserClient", "RefreshError"), "UserRefreshError");
        assert_eq!(error_enum_name("r#type"), "TypeError");
        assert_eq!(response_enum_name("2fa"), "T2faResponse");
    }

    #[test]
    fn type_names() {
        let table = [
            ("HTTPValidationError", "HttpValidationError"),
            ("UserRefreshSuccessResponse", "UserRefreshSuccessResponse"),
            ("user-refresh response", "UserRefreshResponse"),
            ("ProductionEU", "ProductionEu"),
            ("Self", "Self_"),
            ("1d", "T1d"),
            ("", "Unnamed"),
            ("Größe", "GrE"),
        ];
        for (raw, expected) in table {
            assert_eq!(type_name(raw), expected, "type_name({raw:?})");
        }
    }

    #[test]
    fn snake_names() {
        let table = [
            ("user_id", "user_id"),
            ("userId", "user_id"),
            ("fooBar", "foo_bar"),
            ("FooBar", "foo_bar"),
            ("type", "type_"),
            ("self", "self_"),
            ("async", "async_"),
            ("match", "match_"),
            ("x-vital-api-key", "x_vital_api_key"),
            ("2fa", "_2fa"),
            ("", "value"),
        ];
        for (raw, expected) in table {
            assert_eq!(snake_name(raw), expected, "snake_name({raw:?})");
        }
    }

    #[test]
    fn variant_names() {
        assert_eq!(variant_name(""), "Empty");
        assert_eq!(variant_name("-"), "Minus");
        assert_eq!(variant_name("+"), "Plus");
        assert_eq!(variant_name("<="), "LessEquals");
        assert_eq!(variant_name("1d"), "V1d");
        assert_eq!(variant_name("in_progress"), "InProgress");
    }

    #[test]
    fn status_variants_use_canonical_reasons() {
        assert_eq!(status_variant_name(400), "BadRequest");
        assert_eq!(status_variant_name(422), "UnprocessableEntity");
        assert_eq!(status_variant_name(202), "Accepted");
        assert_eq!(status_variant_name(299), "Status299");
    }

    #[test]
    fn fastapi_suffix_is_stripped() {
        assert_eq!(
            strip_fastapi_suffix(
                "refresh_user_id_v2_user_refresh__user_id__post",
                "/v2/user/refresh/{user_id}",
                "post"
            ),
            "refresh_user_id"
        );
        assert_eq!(
            strip_fastapi_suffix("CreateLabReportParserJob", "/lab_report/v1/parser/job", "post"),
            "CreateLabReportParserJob"
        );
        // A suffix that is the whole id leaves the id alone rather than producing an empty name.
        assert_eq!(strip_fastapi_suffix("_a_get", "/a", "get"), "_a_get");
    }

    #[test]
    fn namespace_resolves_collisions_deterministically() {
        let mut fields = Namespace::default();
        assert_eq!(fields.claim(snake_name("foo_bar")), "foo_bar");
        assert_eq!(fields.claim(snake_name("fooBar")), "foo_bar_2");
        assert_eq!(fields.claim(snake_name("FooBar")), "foo_bar_3");
        let mut types = Namespace::with_reserved(&["Environment"]);
        assert_eq!(types.claim(type_name("environment")), "Environment2");
        let mut keywords = Namespace::default();
        assert_eq!(keywords.claim(snake_name("type")), "type_");
        assert_eq!(keywords.claim(snake_name("type_")), "type_2");
    }
}
