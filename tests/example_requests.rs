//! Every example call in the method docs sends a request the spec accepts. `tests/golden/example_calls.rs`
//! holds the examples as functions (the same statements the docs show, written by the same code;
//! `cargo run -p junction-codegen -- examples --calls -o tests/golden/example_calls.rs`, and one test
//! here checks it is current). Each one is sent through the runtime's in-process `MockTransport` (no
//! network, no server), and the request it captured is checked against the operation in the spec, as
//! the crate is generated from it (overlay applied), with the `jsonschema` validator (draft 2020-12,
//! formats asserted):
//!
//! - the path matches the template, and each path parameter's value its schema;
//! - every required query parameter and header is there, none that the operation does not declare is,
//!   and each value keeps its schema (read as the schema's type: `30` is an integer where one is
//!   declared);
//! - a JSON body keeps the body schema; a multipart body names every required part.
//!
//! A failure names the example, the value and the rule it breaks.

use jsonschema::Validator;
use junction_api::runtime::testing::{CapturedRequest, MockTransport};
use serde_json::Value;
use std::collections::HashMap;

include!("golden/example_calls.rs");

const SPEC: &str = include_str!("../spec/openapi.yaml");
const OVERLAY: &str = include_str!("../spec/overlay.yaml");

fn generator() -> junction_codegen::Generator {
    junction_codegen::Generator::new().with_named_overlay("spec/overlay.yaml", OVERLAY)
}

/// Sends one example through a fresh mock and returns what it sent (the mock answers nothing, so the
/// call itself fails after sending; an example that fails before sending sends nothing).
fn send(call: ExampleCall) -> (Vec<CapturedRequest>, Option<String>) {
    let mock = MockTransport::new();
    let client = mock.configure(junction_api::Client::builder()).build().expect("the mock client builds");
    let outcome = futures::executor::block_on(call(client));
    let error = outcome.err().map(|e| e.to_string());
    (mock.unmatched(), error)
}

/// The spec's validators, one per schema pointer, resolving `$ref`s against the whole document.
struct Schemas {
    spec: Value,
    /// By the schema's JSON text.
    validators: HashMap<String, Validator>,
}

impl Schemas {
    fn new(spec: Value) -> Self {
        Self { spec, validators: HashMap::new() }
    }

    /// The value at a JSON pointer, following a `$ref` there (`#/components/...`).
    fn at(&self, pointer: &str) -> &Value {
        let value = self.spec.pointer(pointer).unwrap_or_else(|| panic!("{pointer} is not in the spec"));
        match value.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix('#')) {
            Some(target) => self.at(target),
            None => value,
        }
    }

    /// The violations of `instance` against the schema at `pointer`, as `at <path>: <message>`.
    fn violations(&mut self, pointer: &str, instance: &Value) -> Vec<String> {
        let schema = self.at(pointer).clone();
        // One validator per distinct schema (the 87 `start_date` parameters share one).
        let key = schema.to_string();
        if !self.validators.contains_key(&key) {
            // The schema is the root resource; with the spec's components beside it when it refers to
            // them, so that `#/components/...` references resolve.
            let mut root = schema;
            if key.contains("\"$ref\"") {
                if let Some(object) = root.as_object_mut() {
                    object.insert(String::from("components"), self.spec["components"].clone());
                }
            }
            let validator = jsonschema::options()
                .with_draft(jsonschema::Draft::Draft202012)
                .should_validate_formats(true)
                .build(&root)
                .unwrap_or_else(|e| panic!("the schema at {pointer} does not compile: {e}"));
            self.validators.insert(key.clone(), validator);
        }
        self.validators[&key]
            .iter_errors(instance)
            .map(|error| format!("at `{}`: {error}", error.instance_path()))
            .collect()
    }

    /// The JSON types a schema allows, looking through `$ref`s and `anyOf`/`oneOf` members.
    fn types(&self, schema: &Value) -> Vec<String> {
        if let Some(target) = schema.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix('#')) {
            return self.types(self.at(target));
        }
        let mut types: Vec<String> = match schema.get("type") {
            Some(Value::String(t)) => vec![t.clone()],
            Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).map(str::to_owned).collect(),
            _ => Vec::new(),
        };
        for key in ["anyOf", "oneOf", "allOf"] {
            for member in schema.get(key).and_then(Value::as_array).into_iter().flatten() {
                types.extend(self.types(member));
            }
        }
        types
    }

    /// Text from the wire read as the JSON value the schema describes.
    fn typed(&self, text: &str, schema: &Value) -> Value {
        let types = self.types(schema);
        let has = |t: &str| types.iter().any(|x| x == t);
        if has("integer") {
            if let Ok(n) = text.parse::<i64>() {
                return Value::from(n);
            }
        }
        if has("number") {
            if let Ok(n) = text.parse::<f64>() {
                return Value::from(n);
            }
        }
        if has("boolean") && (text == "true" || text == "false") {
            return Value::from(text == "true");
        }
        Value::from(text)
    }

    /// The item schema of an array schema (through `$ref`s and nullable `anyOf`s).
    fn items<'s>(&'s self, schema: &'s Value) -> Option<&'s Value> {
        if let Some(target) = schema.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix('#')) {
            return self.items(self.at(target));
        }
        if let Some(items) = schema.get("items") {
            return Some(items);
        }
        ["anyOf", "oneOf"]
            .iter()
            .filter_map(|key| schema.get(*key).and_then(Value::as_array))
            .flatten()
            .find_map(|member| self.items(member))
    }
}

const HTTP_METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/// JSON pointer escaping of one segment.
fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// The parameters of an operation: (pointer of the parameter object, its value).
fn parameters(schemas: &Schemas, path: &str, method: &str) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    for pointer in [format!("/paths/{}", escape(path)), format!("/paths/{}/{method}", escape(path))] {
        let list = schemas.spec.pointer(&pointer).and_then(|v| v.get("parameters")).and_then(Value::as_array);
        for (i, param) in list.into_iter().flatten().enumerate() {
            let at = match param.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix('#')) {
                Some(target) => target.to_owned(),
                None => format!("{pointer}/parameters/{i}"),
            };
            out.push((at.clone(), schemas.at(&at).clone()));
        }
    }
    out
}

fn percent_decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Every way `request` breaks the spec's operation `method path`.
fn check(schemas: &mut Schemas, method: &str, template: &str, request: &CapturedRequest) -> Vec<String> {
    let method = method.to_ascii_lowercase();
    let mut problems = Vec::new();
    if request.method.as_str().to_ascii_lowercase() != method {
        problems.push(format!("sent {} where the spec says {method}", request.method));
    }
    // Path: literal segments equal, `{name}` segments collected.
    let mut path_values = HashMap::new();
    let sent: Vec<&str> = request.path.split('/').collect();
    let wanted: Vec<&str> = template.split('/').collect();
    if sent.len() != wanted.len() {
        problems.push(format!("path `{}` does not fit the template `{template}`", request.path));
    }
    for (s, w) in sent.iter().zip(&wanted) {
        match w.strip_prefix('{').and_then(|w| w.strip_suffix('}')) {
            Some(name) => {
                path_values.insert(name.to_owned(), percent_decoded(s));
            }
            None if s != w => problems.push(format!("path `{}` does not fit the template `{template}`", request.path)),
            None => {}
        }
    }
    let mut declared_query = Vec::new();
    for (pointer, param) in parameters(schemas, template, &method) {
        let name = param["name"].as_str().unwrap_or_default().to_owned();
        let required = param["required"].as_bool().unwrap_or(false);
        let schema_at = format!("{pointer}/schema");
        let schema = schemas.at(&schema_at).clone();
        let sent: Vec<String> = match param["in"].as_str() {
            Some("path") => path_values.get(&name).cloned().into_iter().collect(),
            Some("query") => {
                declared_query.push(name.clone());
                request.query.iter().filter(|(n, _)| *n == name).map(|(_, v)| v.clone()).collect()
            }
            Some("header") => request
                .headers
                .get_all(name.as_str())
                .iter()
                .filter_map(|v| v.to_str().ok())
                .map(str::to_owned)
                .collect(),
            _ => continue,
        };
        let where_ = format!("{} parameter `{name}`", param["in"].as_str().unwrap_or("?"));
        if sent.is_empty() {
            if required {
                problems.push(format!("the required {where_} is missing"));
            }
            continue;
        }
        // A credential reaches the transport redacted: its value is the caller's, not the example's.
        if sent.iter().any(|v| v == "<redacted>") {
            continue;
        }
        let instance = match schemas.items(&schema) {
            Some(items) if sent.len() > 1 || schemas.types(&schema).iter().any(|t| t == "array") => {
                Value::Array(sent.iter().map(|v| schemas.typed(v, items)).collect())
            }
            _ if sent.len() > 1 => {
                problems.push(format!("the {where_} is sent {} times but is not a list", sent.len()));
                continue;
            }
            _ => schemas.typed(&sent[0], &schema),
        };
        for violation in schemas.violations(&schema_at, &instance) {
            problems.push(format!("{where_} = {instance}: {violation}"));
        }
    }
    for (name, value) in &request.query {
        if !declared_query.contains(name) {
            problems.push(format!("query parameter `{name}={value}` is not declared by the operation"));
        }
    }
    // Body.
    let body_at = format!("/paths/{}/{method}/requestBody", escape(template));
    if schemas.spec.pointer(&body_at).is_some() {
        let body = schemas.at(&body_at).clone();
        let required = body["required"].as_bool().unwrap_or(false);
        let content_type = request.header("content-type").unwrap_or_default().to_owned();
        let content = body["content"].as_object().cloned().unwrap_or_default();
        let media = content.keys().find(|m| content_type.starts_with(m.split(';').next().unwrap_or(m)));
        let body_pointer =
            if body.get("content").is_some() && schemas.spec.pointer(&body_at).unwrap().get("$ref").is_none() {
                body_at.clone()
            } else {
                schemas.spec.pointer(&body_at).unwrap()["$ref"]
                    .as_str()
                    .unwrap_or_default()
                    .trim_start_matches('#')
                    .to_owned()
            };
        match media {
            None if request.bytes.is_empty() && !required => {}
            None if request.bytes.is_empty() => problems.push(String::from("the required body is missing")),
            None => problems.push(format!("content type `{content_type}` is not one the operation declares")),
            Some(media) if media.contains("json") => {
                let schema_at = format!("{body_pointer}/content/{}/schema", escape(media));
                match request.json() {
                    Ok(instance) => {
                        for violation in schemas.violations(&schema_at, &instance) {
                            problems.push(format!("body: {violation}"));
                        }
                    }
                    Err(e) => problems.push(format!("body is not JSON: {e}")),
                }
            }
            Some(media) if media.starts_with("multipart/") => {
                let schema = schemas.at(&format!("{body_pointer}/content/{}/schema", escape(media))).clone();
                let text = String::from_utf8_lossy(&request.bytes);
                for name in schema["required"].as_array().into_iter().flatten().filter_map(Value::as_str) {
                    if !text.contains(&format!("name=\"{name}\"")) {
                        problems.push(format!("body: the required part `{name}` is missing"));
                    }
                }
            }
            Some(media) => problems.push(format!("body of type `{media}` is not checked by this test")),
        }
    }
    problems
}

#[test]
fn every_example_sends_a_request_the_spec_accepts() {
    // The upload examples read `path/to/file` (a binary field's example): give them one, in a
    // directory of this test's own.
    let dir = std::env::temp_dir().join(format!("junction-example-requests-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("path/to")).unwrap();
    std::fs::write(dir.join("path/to/file"), b"%PDF-1.7\n").unwrap();
    std::env::set_current_dir(&dir).unwrap();
    let mut schemas = Schemas::new(generator().document(SPEC).expect("the spec parses"));
    let mut failures = Vec::new();
    let mut operations = std::collections::BTreeSet::new();
    for (method, path, label, call) in EXAMPLE_CALLS {
        operations.insert((*method, *path));
        let (sent, error) = send(*call);
        match sent.as_slice() {
            [request] => {
                for problem in check(&mut schemas, method, path, request) {
                    failures.push(format!("{label} ({method} {path}): {problem}"));
                }
            }
            [] => failures.push(format!(
                "{label} ({method} {path}): sent nothing: {}",
                error.unwrap_or_else(|| String::from("it returned Ok"))
            )),
            many => failures.push(format!("{label}: sent {} requests, one expected", many.len())),
        }
    }
    let total = schemas.spec["paths"]
        .as_object()
        .unwrap()
        .values()
        .filter_map(Value::as_object)
        .flat_map(|item| item.iter().filter(|(k, _)| HTTP_METHODS.contains(&k.as_str())))
        // Fern leaves `x-fern-ignore` operations out of its SDKs, and so does the generator.
        .filter(|(_, op)| op.get("x-fern-ignore") != Some(&Value::Bool(true)))
        .count();
    assert!(
        failures.is_empty(),
        "{} example(s) of {} operations break the spec:\n  {}",
        failures.len(),
        operations.len(),
        failures.join("\n  ")
    );
    assert_eq!(operations.len(), total, "every operation of the spec has an example");
    println!("{} examples of {} operations: every request keeps the spec", EXAMPLE_CALLS.len(), operations.len());
    let _ = std::fs::remove_dir_all(&dir);
}

/// The check itself finds what it should: a wrong path, a placeholder where a pattern or a format is
/// declared, a missing required parameter, an undeclared one.
#[test]
fn the_check_names_the_value_and_the_rule() {
    let mut schemas = Schemas::new(generator().document(SPEC).expect("the spec parses"));
    // `GET /v3/order/area/info?zip_code=…` declares `^\d{5}$`.
    let area = captured("GET", "/v3/order/area/info", &[("zip_code", "zip")], None);
    let problems = check(&mut schemas, "GET", "/v3/order/area/info", &area);
    assert!(
        problems.iter().any(|p| p.contains("`zip_code`") && p.contains("\"zip\"") && p.contains("^\\d{5}$")),
        "{problems:?}"
    );
    let missing = captured("GET", "/v3/order/area/info", &[("radius", "10"), ("nonsense", "1")], None);
    let problems = check(&mut schemas, "GET", "/v3/order/area/info", &missing);
    assert!(problems.iter().any(|p| p.contains("required query parameter `zip_code` is missing")), "{problems:?}");
    assert!(problems.iter().any(|p| p.contains("`nonsense=1` is not declared")), "{problems:?}");
    let valid = captured("GET", "/v3/order/area/info", &[("zip_code", "90210")], None);
    assert_eq!(check(&mut schemas, "GET", "/v3/order/area/info", &valid), Vec::<String>::new());
}

/// A request as the mock would have captured it.
fn captured(method: &str, path: &str, query: &[(&str, &str)], body: Option<Value>) -> CapturedRequest {
    let mock = MockTransport::new();
    let query: Vec<String> = query.iter().map(|(n, v)| format!("{n}={v}")).collect();
    let uri = format!("https://example.com{path}?{}", query.join("&"));
    let mut request = http::Request::builder().method(method).uri(uri);
    if body.is_some() {
        request = request.header("content-type", "application/json");
    }
    let bytes = body.map(|b| b.to_string()).unwrap_or_default();
    let request = request.body(junction_api::runtime::transport::Body::full(bytes)).unwrap();
    let _ = futures::executor::block_on(junction_api::runtime::transport::Transport::send(&mock, request));
    mock.unmatched().remove(0)
}

#[test]
fn the_example_calls_are_current() {
    let current = generator().generate_example_calls(SPEC).unwrap();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/example_calls.rs");
    if let Err(stale) = junction_codegen::check::assert_golden(&path, &current) {
        panic!("{stale}");
    }
}
