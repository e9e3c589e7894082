//! Structure-aware spec mutation for fuzzing the generator, shared by the long run
//! (`examples/fuzz.rs`) and the CI budget (`tests/fuzz.rs`).
//!
//! Inputs start from real specs: small slices of Junction's (a few operations and only the component
//! schemas they reach) and the repository's hand-written fixtures. Each input gets a few mutations of
//! its JSON tree (values replaced by hostile ones, keys deleted or added from the OpenAPI vocabulary,
//! subtrees copied elsewhere, `$ref`s re-pointed), is written as YAML or JSON, and sometimes has its
//! text damaged (truncated, bytes inserted, lines duplicated). The property: generation never panics,
//! and every `Ok` output parses as a Rust file.

use serde_json::{Map, Value};

/// A small, fast, seedable PRNG (xorshift64*); fuzzing needs reproducible runs, not crypto.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Keys from the OpenAPI and JSON-Schema vocabulary (and the extensions the generator reads).
const KEYS: &[&str] = &[
    "type",
    "enum",
    "const",
    "$ref",
    "allOf",
    "anyOf",
    "oneOf",
    "not",
    "items",
    "prefixItems",
    "properties",
    "required",
    "nullable",
    "discriminator",
    "mapping",
    "propertyName",
    "additionalProperties",
    "propertyNames",
    "format",
    "default",
    "example",
    "examples",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minItems",
    "title",
    "description",
    "deprecated",
    "in",
    "name",
    "schema",
    "content",
    "responses",
    "requestBody",
    "parameters",
    "operationId",
    "security",
    "servers",
    "webhooks",
    "components",
    "schemas",
    "x-fern-sdk-group-name",
    "x-fern-sdk-method-name",
    "x-fern-enum",
    "x-fern-ignore",
    "x-fern-availability",
    "x-junction-exhaustive",
    "x-fern-property-name",
    "application/json",
    "multipart/form-data",
    "application/pdf",
    "200",
    "202",
    "4XX",
    "default",
    "get",
    "post",
    "type",
    "self",
    "Self",
    "crate",
    "",
];

/// Strings that stress naming, formats and references.
const STRINGS: &[&str] = &[
    "",
    " ",
    "-",
    "+",
    "1d",
    "_",
    "__",
    "type",
    "self",
    "Self",
    "super",
    "crate",
    "async",
    "match",
    "Result",
    "Option",
    "String",
    "Box",
    "foo_bar",
    "fooBar",
    "FooBar",
    "naïve",
    "ユーザー",
    "emoji 🚀",
    "a/b",
    "a~b",
    "{id}",
    "{",
    "}",
    "string",
    "integer",
    "number",
    "boolean",
    "object",
    "array",
    "null",
    "uuid",
    "date-time",
    "date",
    "binary",
    "int32",
    "float",
    "query",
    "header",
    "path",
    "cookie",
    "body",
    "#/components/schemas/",
    "#/components/schemas/Missing",
    "#/paths",
    "#",
    "other.yaml#/X",
    "application/json",
    "text/event-stream",
    "X Bad Header",
    "x-api-key",
    "\"quoted\"",
    "back\\slash",
    "line\nbreak",
    "*/ /* comment",
    "r#type",
    "0",
    "-1",
    "9999999999999999999",
    "true",
    "https://example.com",
    "http://insecure",
];

/// A hostile value of a random kind; `depth` bounds nesting.
fn random_value(rng: &mut Rng, depth: usize) -> Value {
    match rng.below(if depth == 0 { 6 } else { 9 }) {
        0 => Value::Null,
        1 => Value::Bool(rng.chance(50)),
        2 => Value::from(*rng.pick(&[0i64, 1, -1, 5, 60, i64::MAX, i64::MIN, 200, 404, 999])),
        3 => serde_json::Number::from_f64(*rng.pick(&[0.5, -0.0, 1e308, 10.0, 5.5])).map_or(Value::Null, Value::Number),
        4 | 5 => Value::String((*rng.pick(STRINGS)).to_owned()),
        6 => Value::Array((0..rng.below(4)).map(|_| random_value(rng, depth - 1)).collect()),
        _ => {
            let mut map = Map::new();
            for _ in 0..rng.below(4) {
                map.insert((*rng.pick(KEYS)).to_owned(), random_value(rng, depth - 1));
            }
            Value::Object(map)
        }
    }
}

/// JSON pointers (`/paths/~1a/get`) of every node in `value`, up to `limit` of them.
fn node_pointers(value: &Value, limit: usize) -> Vec<String> {
    let escape = |key: &str| key.replace('~', "~0").replace('/', "~1");
    let mut out = Vec::new();
    let mut stack = vec![(value, String::new())];
    while let Some((node, pointer)) = stack.pop() {
        if out.len() >= limit {
            break;
        }
        match node {
            Value::Object(map) => stack.extend(map.iter().map(|(k, v)| (v, format!("{pointer}/{}", escape(k))))),
            Value::Array(items) => stack.extend(items.iter().enumerate().map(|(i, v)| (v, format!("{pointer}/{i}")))),
            _ => {}
        }
        out.push(pointer);
    }
    out
}

/// Applies one random structural mutation.
pub fn mutate_tree(rng: &mut Rng, doc: &mut Value) {
    let pointers = node_pointers(doc, 20_000);
    let target = rng.pick(&pointers).clone();
    let schema_names: Vec<String> = doc
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default();
    match rng.below(7) {
        // Replace a node with a hostile value.
        0 | 1 => {
            if let Some(node) = doc.pointer_mut(&target) {
                *node = random_value(rng, 3);
            }
        }
        // Delete a key.
        2 => {
            if let Some(Value::Object(map)) = doc.pointer_mut(&target) {
                if !map.is_empty() {
                    let key = map.keys().nth(rng.below(map.len())).cloned().unwrap_or_default();
                    map.remove(&key);
                }
            }
        }
        // Add a vocabulary key.
        3 => {
            let value = random_value(rng, 2);
            if let Some(Value::Object(map)) = doc.pointer_mut(&target) {
                map.insert((*rng.pick(KEYS)).to_owned(), value);
            }
        }
        // Copy a subtree somewhere else (recursion, odd shapes in odd places).
        4 => {
            let source = rng.pick(&pointers).clone();
            if let Some(copy) = doc.pointer(&source).cloned() {
                if let Some(node) = doc.pointer_mut(&target) {
                    *node = copy;
                }
            }
        }
        // Point a node at a component schema (or at nothing).
        5 => {
            let reference = match schema_names.is_empty() || rng.chance(10) {
                true => String::from("#/components/schemas/Nope"),
                false => format!("#/components/schemas/{}", rng.pick(&schema_names)),
            };
            if let Some(node) = doc.pointer_mut(&target) {
                let mut map = Map::new();
                map.insert(String::from("$ref"), Value::String(reference));
                if rng.chance(30) {
                    map.insert(String::from("description"), Value::String(String::from("sibling")));
                }
                *node = Value::Object(map);
            }
        }
        // Rename a key (collisions after case conversion, keywords, empty names).
        _ => {
            if let Some(Value::Object(map)) = doc.pointer_mut(&target) {
                if !map.is_empty() {
                    let key = map.keys().nth(rng.below(map.len())).cloned().unwrap_or_default();
                    if let Some(v) = map.remove(&key) {
                        map.insert((*rng.pick(STRINGS)).to_owned(), v);
                    }
                }
            }
        }
    }
}

/// Damages text a little: truncation, an inserted character, a duplicated or deleted line.
pub fn mutate_text(rng: &mut Rng, text: &mut String) {
    let boundary = |text: &str, mut at: usize| {
        at = at.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        at
    };
    match rng.below(4) {
        0 => {
            let at = boundary(text, rng.below(text.len().max(1)));
            text.truncate(at);
        }
        1 => {
            let at = boundary(text, rng.below(text.len().max(1)));
            let c =
                *rng.pick(&['{', '}', '[', ']', ':', '-', '"', '\'', '&', '*', '!', '\t', '\n', '#', '|', '>', ' ']);
            text.insert(at, c);
        }
        _ => {
            let lines: Vec<&str> = text.lines().collect();
            if lines.is_empty() {
                return;
            }
            let i = rng.below(lines.len());
            let mut out: Vec<&str> = lines.clone();
            if rng.chance(50) {
                out.insert(i, lines[i]);
            } else {
                out.remove(i);
            }
            *text = out.join("\n");
        }
    }
}

/// Every `$ref` target name under `#/components/schemas/` in `value`.
fn schema_refs(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                if let (true, Some(name)) =
                    (k == "$ref", v.as_str().and_then(|r| r.strip_prefix("#/components/schemas/")))
                {
                    out.push(name.to_owned());
                }
                schema_refs(v, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| schema_refs(v, out)),
        _ => {}
    }
}

/// A small spec cut from a real one: `count` random operations and the component schemas they reach.
pub fn slice(rng: &mut Rng, spec: &Value, count: usize) -> Value {
    let mut paths = Map::new();
    if let Some(all) = spec.get("paths").and_then(Value::as_object) {
        let keys: Vec<&String> = all.keys().collect();
        for _ in 0..count {
            if keys.is_empty() {
                break;
            }
            let key = *rng.pick(&keys);
            paths.insert(key.clone(), all[key].clone());
        }
    }
    let empty = Map::new();
    let schemas = spec.pointer("/components/schemas").and_then(Value::as_object).unwrap_or(&empty);
    let mut wanted = Vec::new();
    schema_refs(&Value::Object(paths.clone()), &mut wanted);
    let mut kept = Map::new();
    while let Some(name) = wanted.pop() {
        if kept.contains_key(&name) {
            continue;
        }
        if let Some(schema) = schemas.get(&name) {
            schema_refs(schema, &mut wanted);
            kept.insert(name, schema.clone());
        }
    }
    let mut out = Map::new();
    for key in ["openapi", "info", "servers", "security"] {
        if let Some(v) = spec.get(key) {
            out.insert(key.to_owned(), v.clone());
        }
    }
    out.insert(String::from("paths"), Value::Object(paths));
    let mut components = Map::new();
    for (key, value) in spec.get("components").and_then(Value::as_object).unwrap_or(&empty) {
        if key != "schemas" {
            components.insert(key.clone(), value.clone());
        }
    }
    components.insert(String::from("schemas"), Value::Object(kept));
    out.insert(String::from("components"), Value::Object(components));
    Value::Object(out)
}

/// One fuzz input from the seeds: a slice or a whole small fixture, mutated, as text.
pub fn input(rng: &mut Rng, real: &[Value], small: &[Value]) -> String {
    let mut doc = if rng.chance(60) && !real.is_empty() {
        let count = 1 + rng.below(3);
        let spec = rng.pick(real);
        slice(rng, spec, count)
    } else {
        rng.pick(small).clone()
    };
    for _ in 0..1 + rng.below(6) {
        mutate_tree(rng, &mut doc);
    }
    let mut text = if rng.chance(50) {
        serde_yaml::to_string(&doc).unwrap_or_default()
    } else {
        serde_json::to_string_pretty(&doc).unwrap_or_default()
    };
    if rng.chance(15) {
        mutate_text(rng, &mut text);
    }
    text
}

/// Reads the seed specs from the repository.
pub fn seeds(root: &std::path::Path) -> (Vec<Value>, Vec<Value>) {
    let read = |path: &str| -> Value {
        let text = std::fs::read_to_string(root.join(path)).expect("the seed spec is readable");
        // The generator's own reader: it takes what serde_yaml alone refuses (integers beyond 64 bits).
        junction_codegen::stages::read_value(&text).expect("the seed spec parses")
    };
    let real =
        ["spec/openapi.yaml", "tests/fixtures/openapi-0.2.86.json", "tests/fixtures/org-management-2026-08-19.json"]
            .map(read)
            .to_vec();
    let small = [
        "tests/fixtures/refresh-user.yaml",
        "tests/fixtures/lowering-3.1.yaml",
        "tests/fixtures/vendors-3.1.yaml",
        "tests/fixtures/adversarial-names.yaml",
    ]
    .map(read)
    .to_vec();
    (real, small)
}

/// What one run of the generator on `text` did wrong, if anything: a panic, or an `Ok` output that
/// is not a Rust file. `Ok(true)` when it generated code, `Ok(false)` when it refused the input.
pub fn check(text: &str) -> Result<bool, String> {
    let outcome = std::panic::catch_unwind(|| junction_codegen::Generator::new().generate(text));
    match outcome {
        Err(panic) => {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            Err(format!("panicked: {message}"))
        }
        Ok(Ok(generated)) => {
            syn::parse_file(&generated.code).map(|_| true).map_err(|e| format!("output does not parse: {e}"))
        }
        Ok(Err(_)) => Ok(false),
    }
}
