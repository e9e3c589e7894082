//! Nothing secret or private leaks through `Debug` or `Display`: every generated type holding a
//! credential prints it `<redacted>` (while serde still reads and writes it), and every error variant
//! keeps response bodies and decoder messages (which can quote them) out of its text.

use junction_api::runtime::{ApiError, Error, RawResponse};
use junction_api::types::{
    ClientFacingApiKey, ClientFacingTeam, ConnectionRecipe, CreateUserPortalUrlResponse, IndividualProviderData,
    LinkTokenExchangeResponse, UserSignInTokenResponse,
};
use junction_codegen::ir::{Api, Shape, TypeRef};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};
use std::fmt::Debug;

const SPEC: &str = include_str!("../spec/openapi.yaml");
const OVERLAY: &str = include_str!("../spec/overlay.yaml");

/// Health data a response body might carry; it must never show in an error's text.
const BODY_TEXT: &str = "glucose 5.4 mmol/L for patient Jane";

type Check = fn(&Value) -> (String, Value);

/// Reads a value of `T` from JSON, and gives its `Debug` text and its JSON again.
fn debug_of<T: DeserializeOwned + Debug + Serialize>(json: &Value) -> (String, Value) {
    let value: T = serde_json::from_value(json.clone()).unwrap_or_else(|e| panic!("sample does not read: {e}\n{json}"));
    (format!("{value:?} {value:#?}"), serde_json::to_value(&value).unwrap())
}

/// Every type with a credential field, as the IR marks them (checked below, so a spec that adds one
/// fails here until it is listed).
const SENSITIVE_TYPES: &[(&str, Check)] = &[
    ("ClientFacingApiKey", debug_of::<ClientFacingApiKey>),
    ("ClientFacingTeam", debug_of::<ClientFacingTeam>),
    ("ConnectionRecipe", debug_of::<ConnectionRecipe>),
    ("CreateUserPortalUrlResponse", debug_of::<CreateUserPortalUrlResponse>),
    ("IndividualProviderData", debug_of::<IndividualProviderData>),
    ("LinkTokenExchangeResponse", debug_of::<LinkTokenExchangeResponse>),
    ("UserSignInTokenResponse", debug_of::<UserSignInTokenResponse>),
];

fn api() -> Api {
    junction_codegen::Generator::new().with_named_overlay("spec/overlay.yaml", OVERLAY).ir(SPEC).unwrap().0
}

/// A JSON value of `ty` with every property (required or not) set, credentials to `SECRET-<n>`.
fn sample(api: &Api, ty: &TypeRef, secrets: &mut Vec<String>, depth: usize) -> Value {
    match ty {
        TypeRef::Named(id) | TypeRef::Boxed(id) => {
            let def = api.type_def(*id);
            match &def.shape {
                Shape::Struct(fields) => {
                    let mut object = serde_json::Map::new();
                    for field in fields.iter().filter(|f| !f.flatten && (f.required || depth < 2)) {
                        let value = if field.sensitive && matches!(field.ty, TypeRef::String) {
                            secrets.push(format!("SECRET-{}", secrets.len()));
                            Value::from(secrets.last().unwrap().as_str())
                        } else {
                            sample(api, &field.ty, secrets, depth + 1)
                        };
                        object.insert(field.wire_name.clone(), value);
                    }
                    Value::Object(object)
                }
                Shape::StringEnum { variants, .. } => Value::from(variants[0].wire.as_str()),
                Shape::IntegerEnum { variants, .. } => Value::from(variants[0].1),
                Shape::ConstString { value, .. } => Value::from(value.as_str()),
                Shape::Union { variants, .. } => sample(api, &variants[0].ty, secrets, depth + 1),
                Shape::Alias(inner) | Shape::Newtype(inner) => sample(api, inner, secrets, depth),
                Shape::Tuple { items, .. } => items.iter().map(|t| sample(api, t, secrets, depth + 1)).collect(),
            }
        }
        TypeRef::Boolean => json!(true),
        TypeRef::ConstBool(b) => json!(b),
        TypeRef::ConstInteger(i) => json!(i),
        TypeRef::Integer { .. } => json!(1),
        TypeRef::Number { .. } => json!(1.5),
        TypeRef::String => json!("text"),
        TypeRef::Native(native) => serde_json::from_str(native.sample).unwrap(),
        TypeRef::Array(item) => json!([sample(api, item, secrets, depth + 1)]),
        TypeRef::Map(_) | TypeRef::KeyedMap(..) | TypeRef::Any => json!({}),
        TypeRef::Nullable(inner) => sample(api, inner, secrets, depth),
    }
}

#[test]
fn every_type_holding_a_credential_redacts_it_in_debug_and_keeps_it_in_serde() {
    let api = api();
    let marked: Vec<&str> = api
        .types
        .iter()
        .filter(|def| matches!(&def.shape, Shape::Struct(fields) if fields.iter().any(|f| f.sensitive)))
        .map(|def| def.name.as_str())
        .collect();
    let listed: Vec<&str> = SENSITIVE_TYPES.iter().map(|(name, _)| *name).collect();
    assert_eq!(listed, marked, "SENSITIVE_TYPES must list every type the IR marks");
    for (name, check) in SENSITIVE_TYPES {
        let (index, _) = api.types.iter().enumerate().find(|(_, d)| d.name == *name).unwrap();
        let mut secrets = Vec::new();
        let json = sample(&api, &TypeRef::Named(junction_codegen::ir::TypeId(index)), &mut secrets, 0);
        assert!(!secrets.is_empty(), "{name}: no credential in the sample");
        let (debug, round_trip) = check(&json);
        let text = round_trip.to_string();
        for secret in &secrets {
            assert!(!debug.contains(secret.as_str()), "{name} prints {secret}: {debug}");
            assert!(text.contains(secret.as_str()), "{name} lost {secret} on the round trip: {text}");
        }
        assert!(debug.contains("<redacted>"), "{debug}");
    }
}

#[test]
fn the_name_rule_and_the_overlay_decide_what_is_a_credential() {
    let api = api();
    let sensitive = |type_name: &str, field: &str| {
        let def = api.types.iter().find(|d| d.name == type_name).unwrap();
        let Shape::Struct(fields) = &def.shape else { panic!("{type_name} is not a struct") };
        fields.iter().find(|f| f.wire_name == field).unwrap().sensitive
    };
    assert!(sensitive("LinkTokenExchangeResponse", "link_token"));
    assert!(sensitive("ConnectionRecipe", "refresh_token"));
    assert!(sensitive("IndividualProviderData", "password"));
    // `x-sensitive` from spec/overlay.yaml: a pagination cursor unmarked, an API key's value marked.
    assert!(!sensitive("BulkExportConnectionsResponse", "next_token"));
    assert!(sensitive("ClientFacingApiKey", "value"));
    assert!(sensitive("LinkTokenExchangeResponse", "link_web_url"));
    assert!(sensitive("CreateUserPortalUrlResponse", "url"));
    assert!(!sensitive("ClientFacingApiKey", "label"));
}

fn raw(status: u16) -> RawResponse {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("set-cookie", "session=SECRET-COOKIE".parse().unwrap());
    RawResponse {
        status: reqwest::StatusCode::from_u16(status).unwrap(),
        headers,
        body: format!("{{\"note\": \"{BODY_TEXT}\"}}").into(),
    }
}

#[derive(Debug)]
#[allow(dead_code, reason = "the body is only formatted")]
struct DeclaredBody(String);

#[tokio::test]
async fn no_error_variant_shows_a_body_a_decoder_message_or_a_secret() {
    // A decode failure whose serde message quotes the body ("invalid type: string \"glucose …\"").
    let decode_error = serde_json::from_str::<u32>(&format!("\"{BODY_TEXT}\"")).unwrap_err();
    assert!(decode_error.to_string().contains(BODY_TEXT), "the case must be able to leak");
    // A transport error from a real (refused) connection, with the API key configured.
    let client =
        junction_api::Client::builder().api_key("sk_SECRET_KEY").base_url("http://127.0.0.1:9").build().unwrap();
    let transport = client.user().get_by_client_user_id(String::from("me")).await.unwrap_err();
    let errors: Vec<Error<DeclaredBody>> = vec![
        Error::InvalidRequest(junction_api::runtime::InvalidRequest {
            parameter: "timeout",
            message: "is out of range".into(),
        }),
        Error::Config(String::from("no base URL")),
        match transport {
            Error::Transport { source, attempts } => Error::Transport { source, attempts },
            other => panic!("expected a transport error, got {other}"),
        },
        Error::Api(Box::new(ApiError {
            status: reqwest::StatusCode::BAD_REQUEST,
            headers: raw(400).headers,
            body: DeclaredBody(BODY_TEXT.into()),
        })),
        Error::UnexpectedStatus(Box::new(raw(500))),
        Error::ResponseTooLarge { status: reqwest::StatusCode::OK, limit: 10 },
        Error::Decode { response: Box::new(raw(200)), path: String::from("."), error: decode_error },
    ];
    for error in &errors {
        let mut printed = format!("{error} | {error:?} | {error:#?}");
        let mut source = std::error::Error::source(error);
        while let Some(cause) = source {
            printed.push_str(&format!(" | {cause} | {cause:?}"));
            source = cause.source();
        }
        for secret in [BODY_TEXT, "glucose", "SECRET"] {
            assert!(!printed.contains(secret), "{secret:?} leaks: {printed}");
        }
    }
    // The bodies stay reachable on purpose.
    let Error::Decode { .. } = &errors[6] else { unreachable!() };
    assert!(errors[6].raw_response().unwrap().text().contains(BODY_TEXT));
    assert!(errors[6].decode_error().unwrap().to_string().contains(BODY_TEXT));
    assert!(errors[4].raw_response().unwrap().text().contains(BODY_TEXT));
    assert_eq!(errors[3].api_error().unwrap().0, BODY_TEXT);
    // And the decode error still says where and what kind of failure, in its own words.
    assert_eq!(
        errors[6].to_string(),
        "cannot decode the HTTP 200 OK response body at `.` (line 1, column 37): a value does not match the declared type"
    );
}
