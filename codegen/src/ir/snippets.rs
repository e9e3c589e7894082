//! Call examples: the Rust that calls each operation, for the method docs (`no_run` doctests, so that
//! every one compiles) and the reference pages (`junction-codegen docs`). The values come from the spec
//! where it has them (the body schema's example object, a field's `example`, a parameter's default or
//! lower bound) and are typed placeholders elsewhere: a string parameter's own name, `1`, `true`, an
//! enum's first value, a struct built by its `new` from its required fields.

use super::*;
use serde_json::Value;

/// How deep an example builds nested values (a required field that leads back to its own struct would
/// never end; ordinary bodies are a few levels deep, counting lists and unions). Deeper lists are empty,
/// deeper structs a `todo!()` placeholder.
const MAX_DEPTH: usize = 8;

/// An example call of one group-client method (or of a paged builder's stream).
#[derive(Clone, Debug, PartialEq)]
pub struct Snippet {
    /// The method it shows: the group method (`create`, `create_with_body`), or the builder's `items`
    /// or `pages`.
    pub method: String,
    /// The example's lines, each with where it is shown.
    pub lines: Vec<(Shown, String)>,
}

/// Where a line of a [`Snippet`] is shown.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum Shown {
    /// Everywhere.
    Always,
    /// In the reference pages; hidden (`# `) in rustdoc, where the crate docs show how a client is made.
    Reference,
}

impl Snippet {
    /// The text of a `no_run` doctest: the lines rustdoc hides start with `# `, and the whole is wrapped
    /// in a hidden async function that returns errors with `?`.
    pub fn doctest(&self) -> String {
        let mut out = String::from("# async fn example() -> Result<(), Box<dyn std::error::Error>> {\n");
        for (shown, line) in &self.lines {
            match shown {
                Shown::Always => out.push_str(line),
                Shown::Reference if line.is_empty() => out.push('#'),
                Shown::Reference => {
                    out.push_str("# ");
                    out.push_str(line);
                }
            }
            out.push('\n');
        }
        out.push_str("# Ok(())\n# }\n");
        out
    }

    /// The text of the reference pages: every line (the same lines as [`Snippet::doctest`], which is
    /// what makes the reference compile), without the wrapper.
    pub fn reference(&self) -> String {
        self.lines.iter().map(|(_, line)| format!("{line}\n")).collect()
    }
}

/// The example calls of one operation: one per group method, so two when a struct body is flattened
/// (`create("user-42")` and `create_with_body(UserCreateBody::new("user-42"))`).
pub fn snippets(api: &Api, group: &Group, op: &Operation) -> Vec<Snippet> {
    let krate = api.crate_name.replace('-', "_");
    calls(api, op, &krate)
        .into_iter()
        .map(|call| {
            let statements = call_statements(group, op, &call, Ending::Await);
            snippet(api, op, &krate, call.method, call.uses_types, None, &statements)
        })
        .collect()
}

/// For a paged operation, the example of its stream: `.items()` (or `.pages()` when the pages have no
/// item list) consumed with `StreamExt::next`, the first group method's arguments as [`snippets()`] has
/// them. The snippet's `method` is the builder method it shows (`items` or `pages`).
pub fn paged_snippet(api: &Api, group: &Group, op: &Operation) -> Option<Snippet> {
    let pagination = op.pagination.as_ref()?;
    let krate = api.crate_name.replace('-', "_");
    let call = calls(api, op, &krate).into_iter().next()?;
    let ending = if pagination.items.is_some() { Ending::Items } else { Ending::Pages };
    let statements = call_statements(group, op, &call, ending);
    let method = String::from(if pagination.items.is_some() { "items" } else { "pages" });
    Some(snippet(api, op, &krate, method, call.uses_types, Some("use futures::StreamExt;"), &statements))
}

/// One call of a group method, its arguments written out.
struct Call {
    method: String,
    arguments: Vec<(String, String)>,
    uses_types: bool,
}

fn calls(api: &Api, op: &Operation, krate: &str) -> Vec<Call> {
    let call = |method: &str, values: Values<'_>, arguments| Call {
        method: method.to_owned(),
        arguments,
        uses_types: values.uses_types,
    };
    let flat = op.body.as_ref().and_then(|body| body.flat.as_ref().map(|flat| (body, flat)));
    match flat {
        Some((body, flat)) => {
            let mut values = Values::new(api, krate);
            let def = api.type_def(flat.ty);
            let example = def.examples.first();
            let mut arguments = values.parameters(op);
            if let Some((fields, _)) = def.built() {
                for (index, name) in &flat.arguments {
                    let value = values.field(&fields[*index], example, 0);
                    arguments.push((crate::naming::bare(name).to_owned(), value));
                }
            }
            let flattened = call(&op.method, values, arguments);
            let mut values = Values::new(api, krate);
            let mut arguments = values.parameters(op);
            arguments.push((String::from("body"), values.value(&body.ty, None, "body", Position::Into, 0)));
            vec![flattened, call(&flat.with_body, values, arguments)]
        }
        None => {
            let mut values = Values::new(api, krate);
            let mut arguments = values.parameters(op);
            if let Some(body) = &op.body {
                arguments.push((String::from("body"), values.value(&body.ty, None, "body", Position::Exact, 0)));
            }
            vec![call(&op.method, values, arguments)]
        }
    }
}

/// The lines of a snippet: its imports, the client (hidden in rustdoc), then `statements` laid out.
fn snippet(
    api: &Api,
    op: &Operation,
    krate: &str,
    method: String,
    uses_types: bool,
    import: Option<&str>,
    statements: &str,
) -> Snippet {
    let mut lines = Vec::new();
    if let Some(import) = import {
        lines.push((Shown::Always, import.to_owned()));
    }
    if uses_types {
        lines.push((Shown::Always, format!("use {krate}::types;")));
    }
    lines.extend(client_lines(api, op, krate).into_iter().map(|line| (Shown::Reference, line)));
    lines.extend(formatted(statements).into_iter().map(|line| (Shown::Always, line)));
    Snippet { method, lines }
}

/// `use …::{Client, Environment};` and the client, made the way Junction's own SDK examples make it:
/// an API key and the sandbox environment (the first one when there is no sandbox).
fn client_lines(api: &Api, op: &Operation, krate: &str) -> Vec<String> {
    let server = api.servers.iter().find(|s| s.variant == "Sandbox").or(api.servers.first());
    let imports = if server.is_some() { "{Client, Environment}" } else { "Client" };
    let mut client = String::from("let client = Client::builder()");
    if !op.api_key_headers.is_empty() {
        client.push_str(".api_key(\"YOUR_API_KEY\")");
    } else if op.bearer {
        client.push_str(".bearer_token(\"YOUR_TOKEN\")");
    }
    match server {
        Some(server) => client.push_str(&format!(".environment(Environment::{})", server.variant)),
        None => client.push_str(".base_url(\"https://api.example.com\")"),
    }
    client.push_str(".build()?;");
    let mut lines = vec![format!("use {krate}::{imports};"), String::new()];
    lines.extend(formatted(&client));
    lines
}

/// How an example ends: awaiting the call, or streaming its items or pages.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Ending {
    Await,
    Items,
    Pages,
}

/// The names an example binds itself, which an argument's binding must not take.
const OWN_BINDINGS: &[&str] = &["client", "response", "stream", "item", "page"];

/// The statements of the call: a `let` for each argument that is more than a literal, then the call.
fn call_statements(group: &Group, op: &Operation, call: &Call, ending: Ending) -> String {
    let mut out = String::new();
    let mut passed = Vec::new();
    for (name, value) in &call.arguments {
        if is_literal(value) {
            passed.push(value.clone());
        } else {
            let binding = if OWN_BINDINGS.contains(&name.as_str()) { format!("{name}_value") } else { name.clone() };
            out.push_str(&format!("let {binding} = {value};\n"));
            passed.push(binding);
        }
    }
    let request = format!("client.{}().{}({})", group.name, call.method, passed.join(", "));
    let unit = matches!(op.success_shape(), SuccessShape::Undeclared | SuccessShape::Shared(ResponseBody::Empty));
    match ending {
        Ending::Await if unit => out.push_str(&format!("{request}.await?;")),
        Ending::Await => out.push_str(&format!("let response = {request}.await?;")),
        Ending::Items => out.push_str(&format!(
            "let mut stream = {request}.items();\nwhile let Some(item) = stream.next().await {{ let item = item?; }}"
        )),
        Ending::Pages => out.push_str(&format!(
            "let mut stream = {request}.pages();\nwhile let Some(page) = stream.next().await {{ let page = page?; }}"
        )),
    }
    out
}

/// A string, number, boolean or path (an enum value) reads best in the call itself.
fn is_literal(value: &str) -> bool {
    !value.contains(['(', '!', '?']) && !value.contains("::new")
}

/// Statements laid out as rustfmt would (by prettyplease, through a function wrapped around them and
/// taken off again). Text that does not parse (which the tests rule out) is kept as it is.
fn formatted(statements: &str) -> Vec<String> {
    let wrapped = format!("async fn example() -> Result<(), Box<dyn std::error::Error>> {{\n{statements}\n}}");
    let Ok(file) = syn::parse_file(&wrapped) else { return statements.lines().map(str::to_owned).collect() };
    let text = prettyplease::unparse(&file);
    let lines: Vec<&str> = text.lines().collect();
    // The function's first and last lines are the wrapper (an empty body would print as one line).
    let body = if lines.len() > 2 { &lines[1..lines.len() - 1] } else { &[][..] };
    body.iter().map(|line| line.strip_prefix("    ").unwrap_or(line).to_owned()).collect()
}

/// Whether a value is passed to an `impl Into<T>` argument (a `&str` will do for a `String`) or must be
/// the type itself (inside `vec![…]`, `Some(…)`, a variant).
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
enum Position {
    Into,
    Exact,
}

/// Writes example values as Rust expressions, noting what they need imported.
struct Values<'a> {
    api: &'a Api,
    krate: &'a str,
    uses_types: bool,
    /// How many values building a value of each named type takes at least (see [`Values::cost`]).
    costs: std::collections::HashMap<TypeId, usize>,
}

/// The cost of a value that cannot be built (a cycle, a struct only tests can build).
const UNBUILDABLE: usize = 1_000_000;

impl<'a> Values<'a> {
    fn new(api: &'a Api, krate: &'a str) -> Self {
        Self { api, krate, uses_types: false, costs: std::collections::HashMap::new() }
    }

    /// How many values an example of `ty` writes at least: unions are written as their cheapest member,
    /// so that an example of a recursive expression type stays one line.
    fn cost(&mut self, ty: &TypeRef) -> usize {
        match ty {
            TypeRef::Array(inner) | TypeRef::Nullable(inner) => 1 + self.cost(inner),
            TypeRef::Named(id) | TypeRef::Boxed(id) => self.type_cost(*id),
            _ => 1,
        }
    }

    fn type_cost(&mut self, id: TypeId) -> usize {
        if let Some(cost) = self.costs.get(&id) {
            return *cost;
        }
        // A type met again while its cost is being found is on a cycle: not that way.
        self.costs.insert(id, UNBUILDABLE);
        let def = self.api.type_def(id);
        let cost = match &def.shape {
            Shape::Alias(inner) => self.cost(inner),
            Shape::StringEnum { .. } | Shape::IntegerEnum { .. } | Shape::ConstString { .. } => 1,
            Shape::Struct(fields) => match &def.constructor {
                Some(constructor) if !constructor.testing_only => {
                    let arguments: Vec<usize> = constructor.arguments().collect();
                    1 + arguments.iter().map(|i| self.cost(&fields[*i].ty)).fold(0, usize::saturating_add)
                }
                _ => UNBUILDABLE,
            },
            Shape::Union { variants, .. } => 1 + variants.iter().map(|v| self.cost(&v.ty)).min().unwrap_or(UNBUILDABLE),
            Shape::Tuple { items, .. } => 1 + items.iter().map(|item| self.cost(item)).fold(0, usize::saturating_add),
            Shape::Newtype(inner) => 1 + self.cost(inner),
        };
        self.costs.insert(id, cost.min(UNBUILDABLE));
        cost.min(UNBUILDABLE)
    }

    /// The required parameters, with their defaults or lower bounds as examples.
    fn parameters(&mut self, op: &Operation) -> Vec<(String, String)> {
        op.required_params()
            .map(|param| {
                let bound =
                    param.bounds.min.map(|(min, exclusive)| Value::from(if exclusive { min + 1.0 } else { min }));
                let example = param.default.clone().or(bound);
                let value = self.value(&param.ty, example.as_ref(), &param.wire_name, Position::Into, 0);
                (crate::naming::bare(&param.name).to_owned(), value)
            })
            .collect()
    }

    /// A constructor argument for `field`, from the object example the struct is built from (else the
    /// field's own example).
    fn field(&mut self, field: &Field, object: Option<&Value>, depth: usize) -> String {
        let example = object.and_then(|o| o.get(&field.wire_name)).filter(|v| !v.is_null()).or(field.examples.first());
        if field.is_option() {
            format!("Some({})", self.value(&field.ty, example, &field.wire_name, Position::Exact, depth + 1))
        } else {
            self.value(&field.ty, example, &field.wire_name, Position::Into, depth + 1)
        }
    }

    fn value(&mut self, ty: &TypeRef, example: Option<&Value>, hint: &str, at: Position, depth: usize) -> String {
        match ty {
            TypeRef::String => {
                let literal = format!("{:?}", example.and_then(Value::as_str).unwrap_or(hint));
                match at {
                    Position::Into => literal,
                    Position::Exact => format!("{literal}.to_owned()"),
                }
            }
            TypeRef::Integer { .. } => {
                // A bound is a float in the IR: `minimum: 5` is an integer example all the same.
                let integral =
                    |v: &Value| v.as_i64().or_else(|| v.as_f64().filter(|f| f.fract() == 0.0).map(|f| f as i64));
                example.and_then(integral).unwrap_or(1).to_string()
            }
            TypeRef::Number { .. } => float_literal(example.and_then(Value::as_f64).unwrap_or(1.0)),
            TypeRef::Boolean => example.and_then(Value::as_bool).unwrap_or(true).to_string(),
            TypeRef::ConstBool(_) | TypeRef::ConstInteger(_) => String::from("Default::default()"),
            TypeRef::Native(native) => {
                let sample = serde_json::from_str::<Value>(native.sample).ok();
                let text = example.and_then(Value::as_str).or(sample.as_ref().and_then(Value::as_str)).unwrap_or("");
                native.example.replace("{text}", &format!("{text:?}")).replace("{crate}", self.krate)
            }
            TypeRef::Array(item) if depth < MAX_DEPTH => {
                let first = example.and_then(Value::as_array).and_then(|items| items.first());
                let item = self.value(item, first, hint, Position::Exact, depth + 1);
                // An array converts into the `Vec` an argument takes (and prettyplease lays it out, which
                // it does not do inside `vec![…]`).
                match at {
                    Position::Into => format!("[{item}]"),
                    Position::Exact => format!("vec![{item}]"),
                }
            }
            TypeRef::Array(_) => String::from("Vec::new()"),
            TypeRef::Map(_) | TypeRef::KeyedMap(..) => String::from("std::collections::BTreeMap::new()"),
            TypeRef::Nullable(inner) => format!("Some({})", self.value(inner, example, hint, Position::Exact, depth)),
            TypeRef::Any => format!("serde_json::json!({})", example.cloned().unwrap_or_else(|| serde_json::json!({}))),
            TypeRef::Boxed(id) => {
                let value = self.named(*id, example, hint, at, depth);
                match at {
                    Position::Into => value,
                    Position::Exact => format!("Box::new({value})"),
                }
            }
            TypeRef::Named(id) => self.named(*id, example, hint, at, depth),
        }
    }

    fn named(&mut self, id: TypeId, example: Option<&Value>, hint: &str, at: Position, depth: usize) -> String {
        let def = self.api.type_def(id);
        let example = example.or(def.examples.first());
        let path = format!("types::{}", def.name);
        match &def.shape {
            Shape::Alias(inner) if depth < MAX_DEPTH => self.value(inner, example, hint, at, depth + 1),
            Shape::StringEnum { variants, .. } => {
                let wanted = example.and_then(Value::as_str);
                let variant = variants.iter().find(|v| Some(v.wire.as_str()) == wanted).or(variants.first());
                self.uses_types = true;
                match variant {
                    Some(variant) => format!("{path}::{}", variant.name),
                    None => String::from("Default::default()"),
                }
            }
            Shape::IntegerEnum { variants, .. } => {
                let wanted = example.and_then(Value::as_i64);
                let variant = variants.iter().find(|(_, v)| Some(*v) == wanted).or(variants.first());
                self.uses_types = true;
                match variant {
                    Some((name, _)) => format!("{path}::{name}"),
                    None => String::from("Default::default()"),
                }
            }
            Shape::ConstString { variant, .. } => {
                self.uses_types = true;
                format!("{path}::{variant}")
            }
            Shape::Struct(fields) if depth < MAX_DEPTH => match &def.constructor {
                Some(constructor) if !constructor.testing_only => {
                    self.uses_types = true;
                    let arguments: Vec<String> =
                        constructor.arguments().map(|index| self.field(&fields[index], example, depth)).collect();
                    format!("{path}::{}({})", crate::naming::CONSTRUCTOR, arguments.join(", "))
                }
                _ => format!("todo!(\"a {}\")", def.name),
            },
            Shape::Union { variants, .. } if depth < MAX_DEPTH => {
                match variants.iter().min_by_key(|v| self.cost(&v.ty)) {
                    Some(variant) => {
                        let inner = self.value(&variant.ty, example, hint, Position::Exact, depth + 1);
                        self.uses_types = true;
                        format!("{path}::{}({inner})", variant.name)
                    }
                    None => format!("todo!(\"a {}\")", def.name),
                }
            }
            Shape::Tuple { items, .. } if depth < MAX_DEPTH => {
                let values = example.and_then(Value::as_array);
                let items: Vec<String> = items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| {
                        let example = values.and_then(|v| v.get(i));
                        self.value(item, example, hint, Position::Exact, depth + 1)
                    })
                    .collect();
                self.uses_types = true;
                format!("{path}({})", items.join(", "))
            }
            Shape::Newtype(inner) if depth < MAX_DEPTH => {
                let inner = self.value(inner, example, hint, Position::Exact, depth + 1);
                self.uses_types = true;
                format!("{path}({inner})")
            }
            _ => format!("todo!(\"a {}\")", def.name),
        }
    }
}

/// A float literal that reads as one (`10.0`, not `10`).
fn float_literal(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.1}")
    } else {
        format!("{value}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api(spec: &str) -> Api {
        let (api, diagnostics) = crate::Generator::new().ir(spec).expect("the spec converts");
        assert_eq!(diagnostics, [], "the spec is clean");
        api
    }

    fn examples(spec: &str) -> Vec<(String, String)> {
        let api = api(spec);
        let group = &api.groups[0];
        snippets(&api, group, &group.operations[0]).into_iter().map(|s| (s.method.clone(), s.reference())).collect()
    }

    const NOTES: &str = r##"
openapi: 3.1.0
info: {title: Pet Store, version: "1"}
servers: [{url: "https://api.example.com", x-fern-server-name: Production}]
components:
  securitySchemes: {key: {type: apiKey, in: header, name: x-api-key}}
  schemas:
    Note:
      type: object
      required: [title, kind, owner]
      properties:
        title: {type: string}
        kind: {type: string, enum: [text, audio]}
        owner: {$ref: "#/components/schemas/Owner"}
        tags: {type: array, items: {type: string}}
      example: {title: Groceries, kind: audio, owner: {id: 3f1c0e9a-3bd6-4c36-9a4e-2f6a8f9a4d10}}
    Owner:
      type: object
      required: [id]
      properties: {id: {type: string, format: uuid}}
security: [{key: []}]
paths:
  /folders/{folder}/notes:
    post:
      operationId: create_note
      tags: [notes]
      parameters:
        - {name: folder, in: path, required: true, schema: {type: integer, minimum: 5}}
      requestBody:
        required: true
        content: {application/json: {schema: {$ref: "#/components/schemas/Note"}}}
      responses:
        "204": {description: Created}
"##;

    #[test]
    fn a_flattened_body_is_built_from_its_schema_example() {
        let examples = examples(NOTES);
        let methods: Vec<&str> = examples.iter().map(|(m, _)| m.as_str()).collect();
        assert_eq!(methods, ["create_note", "create_note_with_body"]);
        assert_eq!(
            examples[0].1,
            "use pet_store::types;\n\
             use pet_store::{Client, Environment};\n\
             \n\
             let client = Client::builder()\n    .api_key(\"YOUR_API_KEY\")\n    .environment(Environment::Production)\n    .build()?;\n\
             let owner = types::Owner::new(\n    \"3f1c0e9a-3bd6-4c36-9a4e-2f6a8f9a4d10\".parse::<uuid::Uuid>()?,\n);\n\
             client.notes().create_note(5, \"Groceries\", types::NoteKind::Audio, owner).await?;\n"
        );
        // The whole body, built by its `new` from the same example; a 204 binds no response.
        assert!(examples[1].1.contains(
            "let body = types::Note::new(\n    \"Groceries\",\n    types::NoteKind::Audio,\n    types::Owner::new(\"3f1c0e9a-3bd6-4c36-9a4e-2f6a8f9a4d10\".parse::<uuid::Uuid>()?),\n);\n\
             client.notes().create_note_with_body(5, body).await?;\n"
        ), "{}", examples[1].1);
    }

    #[test]
    fn rustdoc_hides_the_client_and_the_wrapper() {
        let api = api(NOTES);
        let group = &api.groups[0];
        let doctest = snippets(&api, group, &group.operations[0])[0].doctest();
        let shown: Vec<&str> = doctest.lines().filter(|l| !l.starts_with('#')).collect();
        assert_eq!(shown[0], "use pet_store::types;");
        assert!(shown.iter().all(|l| !l.contains("Client::builder")), "{doctest}");
        assert!(doctest.starts_with("# async fn example() -> Result<(), Box<dyn std::error::Error>> {\n"));
        assert!(
            doctest.contains("\n# let client = Client::builder()\n#     .api_key(\"YOUR_API_KEY\")\n"),
            "{doctest}"
        );
        assert!(doctest.ends_with("# Ok(())\n# }\n"));
    }

    #[test]
    fn placeholders_follow_the_types_and_unions_take_their_cheapest_member() {
        let spec = r##"
openapi: 3.1.0
info: {title: T, version: "1"}
components:
  schemas:
    Expr:
      anyOf:
        - {$ref: "#/components/schemas/Nested"}
        - {$ref: "#/components/schemas/Leaf"}
    Nested:
      type: object
      required: [inner]
      properties: {inner: {$ref: "#/components/schemas/Expr"}}
    Leaf:
      type: object
      required: [value]
      properties: {value: {type: number}}
paths:
  /search:
    get:
      operationId: search
      tags: [find]
      parameters:
        - {name: query, in: query, required: true, schema: {type: string}}
        - {name: limit, in: query, required: true, schema: {type: integer, default: 50}}
        - {name: since, in: query, required: true, schema: {type: string, format: date}}
      responses:
        "200": {description: OK, content: {application/json: {schema: {type: array, items: {type: string}}}}}
  /evaluate:
    post:
      operationId: evaluate
      tags: [find]
      requestBody:
        required: true
        content: {application/json: {schema: {type: array, items: {$ref: "#/components/schemas/Expr"}}}}
      responses:
        "200": {description: OK}
"##;
        let api = api(spec);
        let group = &api.groups[0];
        let by_method = |name: &str| {
            let op = group.operations.iter().find(|op| op.method == name).unwrap();
            snippets(&api, group, op)[0].reference()
        };
        // No servers: the base URL is the caller's; no security: no key.
        let search = by_method("search");
        assert!(
            search.contains("let client = Client::builder().base_url(\"https://api.example.com\").build()?;"),
            "{search}"
        );
        assert!(search.contains("let since = \"2026-01-28\".parse::<chrono::NaiveDate>()?;\n"), "{search}");
        assert!(search.contains("let response = client.find().search(\"query\", 50, since).await?;\n"), "{search}");
        // The recursive member would never end; the leaf is one value.
        let evaluate = by_method("evaluate");
        assert!(evaluate.contains("let body = vec![types::Expr::Leaf(types::Leaf::new(1.0))];\n"), "{evaluate}");
    }

    #[test]
    fn a_paged_operation_shows_its_items_streamed() {
        let spec = r##"
openapi: 3.1.0
info: {title: T, version: "1"}
components:
  schemas:
    Page:
      type: object
      required: [items]
      properties:
        items: {type: array, items: {type: string}}
        next_cursor: {anyOf: [{type: string}, {type: "null"}]}
paths:
  /things/{owner}:
    get:
      operationId: list_things
      tags: [things]
      parameters:
        - {name: owner, in: path, required: true, schema: {type: string}}
        - {name: next_cursor, in: query, required: false, schema: {type: string}}
      responses:
        "200": {description: OK, content: {application/json: {schema: {$ref: "#/components/schemas/Page"}}}}
"##;
        let api = api(spec);
        let group = &api.groups[0];
        let snippet = paged_snippet(&api, group, &group.operations[0]).expect("the operation pages");
        assert_eq!(snippet.method, "items");
        let text = snippet.reference();
        assert!(text.starts_with("use futures::StreamExt;\nuse t::Client;\n"), "{text}");
        assert!(
            text.ends_with(
                "let mut stream = client.things().list_things(\"owner\").items();\n\
                 while let Some(item) = stream.next().await {\n    let item = item?;\n}\n"
            ),
            "{text}"
        );
    }
}
