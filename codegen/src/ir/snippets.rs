//! Call examples: what the Rust that calls each operation is made of, for the method docs (`no_run`
//! doctests, so that every one compiles), the reference pages (`junction-codegen docs`) and the
//! example-call harness that checks every example's request against the spec. This module chooses the
//! values, as data ([`ExampleValue`]); `emit::snippets` writes them as Rust, once for all three.
//!
//! The values come from the spec where it has valid ones (the body schema's example object, a field's
//! or parameter's `example`, a parameter's default) and are made for the schema elsewhere (see
//! [`super::samples`]): a date for a string described as "YYYY-MM-DD", a string that matches a
//! `pattern`, a number within the bounds, an enum's first value, a struct built by its `new` from its
//! required fields.

use super::samples::Rules;
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
    /// The group accessor (`user`).
    pub group: String,
    /// The group method called (`create`).
    pub call: String,
    /// Some value names a type of the crate (`use …::types;`).
    pub uses_types: bool,
    /// How the client is made (shown in the reference pages, hidden in rustdoc).
    pub client: ClientSetup,
    /// The arguments that are more than a literal, bound by `let` before the call, in order.
    pub bindings: Vec<(String, ExampleValue)>,
    /// The call's arguments: literals, or [`ExampleValue::Binding`]s of the above.
    pub arguments: Vec<ExampleValue>,
    /// How the call ends.
    pub ending: Ending,
}

/// The client of an example, made the way Junction's own SDK examples make it.
#[derive(Clone, Debug, PartialEq)]
pub struct ClientSetup {
    /// The credential the operation needs.
    pub credential: Credential,
    /// The `Environment` variant (the sandbox, else the first server); `None` sets a base URL.
    pub environment: Option<String>,
}

/// The credential an example's client is built with.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum Credential {
    /// `.api_key("YOUR_API_KEY")`.
    ApiKey,
    /// `.bearer_token("YOUR_TOKEN")`.
    Bearer,
    /// None.
    None,
}

/// How an example ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ending {
    /// `let response = ….await?;`
    Await,
    /// `….await?;` (no response body worth binding).
    AwaitUnit,
    /// Streams its items with `StreamExt::next`.
    Items,
    /// Streams its pages with `StreamExt::next`.
    Pages,
}

/// An example value, as the Rust it becomes (`emit::snippets` writes it).
#[derive(Clone, Debug, PartialEq)]
pub enum ExampleValue {
    /// A string literal, passed to an `impl Into<String>`.
    Str(String),
    /// An owned string: `"…".to_owned()`.
    OwnedStr(String),
    /// An integer literal.
    Integer(i64),
    /// A float literal.
    Float(f64),
    /// `true` or `false`.
    Bool(bool),
    /// `Default::default()` (a `const` value).
    Default,
    /// A value of a native type, from its text (the table row's `example` expression).
    Native {
        /// The row.
        native: &'static native::Native,
        /// The text of the value.
        text: String,
    },
    /// An array, converted into the `Vec` an argument takes: `[a]`.
    Array(Vec<ExampleValue>),
    /// `vec![a]`.
    Vec(Vec<ExampleValue>),
    /// `Vec::new()`.
    EmptyVec,
    /// An empty map.
    EmptyMap,
    /// `Some(v)`.
    Some(Box<ExampleValue>),
    /// `Box::new(v)`.
    Boxed(Box<ExampleValue>),
    /// `serde_json::json!(…)`.
    Json(Value),
    /// An enum value: `types::Type::Variant`.
    Variant {
        /// The type name.
        ty: String,
        /// The variant name.
        variant: String,
    },
    /// A struct built by its constructor: `types::Type::new(…)`.
    New {
        /// The type name.
        ty: String,
        /// The constructor's arguments.
        arguments: Vec<ExampleValue>,
    },
    /// A union member `types::Type::Variant(v)`, a newtype or a tuple `types::Type(a, b)`.
    Wrapped {
        /// The type name.
        ty: String,
        /// The union variant, if any.
        variant: Option<String>,
        /// The wrapped values.
        items: Vec<ExampleValue>,
    },
    /// A value the example cannot build (a cycle, a type only tests can build): `todo!("a Type")`.
    Todo(String),
    /// A `let` binding of the example.
    Binding(String),
}

impl ExampleValue {
    /// A string, number, boolean or enum value (or an array of them) reads best in the call itself.
    pub fn is_literal(&self) -> bool {
        match self {
            ExampleValue::Str(_)
            | ExampleValue::Integer(_)
            | ExampleValue::Float(_)
            | ExampleValue::Bool(_)
            | ExampleValue::Variant { .. }
            | ExampleValue::Binding(_) => true,
            ExampleValue::Array(items) => items.iter().all(ExampleValue::is_literal),
            _ => false,
        }
    }
}

/// The example calls of one operation: one per group method, so two when a struct body is flattened
/// (`create("user-42")` and `create_with_body(UserCreateBody::new("user-42"))`).
pub fn snippets(api: &Api, group: &Group, op: &Operation) -> Vec<Snippet> {
    calls(api, op)
        .into_iter()
        .map(|call| {
            let unit =
                matches!(op.success_shape(), SuccessShape::Undeclared | SuccessShape::Shared(ResponseBody::Empty));
            let ending = if unit { Ending::AwaitUnit } else { Ending::Await };
            snippet(api, group, op, call.method.clone(), call, ending)
        })
        .collect()
}

/// For a paged operation, the example of its stream: `.items()` (or `.pages()` when the pages have no
/// item list) consumed with `StreamExt::next`, the first group method's arguments as [`snippets()`] has
/// them. The snippet's `method` is the builder method it shows (`items` or `pages`).
pub fn paged_snippet(api: &Api, group: &Group, op: &Operation) -> Option<Snippet> {
    let pagination = op.pagination.as_ref()?;
    let call = calls(api, op).into_iter().next()?;
    let (ending, method) = match pagination.items {
        Some(_) => (Ending::Items, "items"),
        None => (Ending::Pages, "pages"),
    };
    Some(snippet(api, group, op, method.to_owned(), call, ending))
}

/// One call of a group method, its arguments chosen.
struct Call {
    method: String,
    arguments: Vec<(String, ExampleValue)>,
    uses_types: bool,
}

fn calls<'a>(api: &'a Api, op: &'a Operation) -> Vec<Call> {
    let call = |method: &str, values: Values<'a>, arguments| Call {
        method: method.to_owned(),
        arguments,
        uses_types: values.uses_types,
    };
    let flat = op.body.as_ref().and_then(|body| body.flat.as_ref().map(|flat| (body, flat)));
    match flat {
        Some((body, flat)) => {
            let mut values = Values::new(api);
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
            let mut values = Values::new(api);
            let mut arguments = values.parameters(op);
            arguments.push((String::from("body"), values.value(&body.ty, &Sample::body(), Position::Into, 0)));
            vec![flattened, call(&flat.with_body, values, arguments)]
        }
        None => {
            let mut values = Values::new(api);
            let mut arguments = values.parameters(op);
            if let Some(body) = &op.body {
                arguments.push((String::from("body"), values.value(&body.ty, &Sample::body(), Position::Exact, 0)));
            }
            vec![call(&op.method, values, arguments)]
        }
    }
}

/// The names an example binds itself, which an argument's binding must not take.
const OWN_BINDINGS: &[&str] = &["client", "response", "stream", "item", "page"];

fn snippet(api: &Api, group: &Group, op: &Operation, method: String, call: Call, ending: Ending) -> Snippet {
    let server = api.servers.iter().find(|s| s.variant == "Sandbox").or(api.servers.first());
    let credential = if !op.api_key_headers.is_empty() {
        Credential::ApiKey
    } else if op.bearer {
        Credential::Bearer
    } else {
        Credential::None
    };
    let mut bindings = Vec::new();
    let mut arguments = Vec::new();
    for (name, value) in call.arguments {
        if value.is_literal() {
            arguments.push(value);
        } else {
            let binding = if OWN_BINDINGS.contains(&name.as_str()) { format!("{name}_value") } else { name };
            arguments.push(ExampleValue::Binding(binding.clone()));
            bindings.push((binding, value));
        }
    }
    Snippet {
        method,
        group: group.name.clone(),
        call: call.method,
        uses_types: call.uses_types,
        client: ClientSetup { credential, environment: server.map(|s| s.variant.clone()) },
        bindings,
        arguments,
        ending,
    }
}

/// What is known of the value an example needs besides its type: the spec's candidates (an object
/// example's property, the field's or parameter's own examples, a default), the rules of its schema,
/// its name and description.
struct Sample<'a> {
    candidates: Vec<&'a Value>,
    rules: Option<&'a Rules>,
    name: &'a str,
    description: Option<&'a str>,
}

impl<'a> Sample<'a> {
    /// A request body of a plain type: nothing but its name.
    fn body() -> Self {
        Self { candidates: Vec::new(), rules: None, name: "body", description: None }
    }

    fn of(candidates: Vec<&'a Value>, name: &'a str) -> Self {
        Self { candidates, rules: None, name, description: None }
    }

    /// The value: the first valid candidate, else one made for the rules (a plain string without
    /// rules is described by its name and description all the same).
    fn chosen(&self, plain: &Rules) -> Value {
        self.rules.unwrap_or(plain).sample(&self.candidates, self.name, self.description)
    }

    fn first(&self) -> Option<&'a Value> {
        self.candidates.first().copied()
    }
}

/// Whether a value is passed to an `impl Into<T>` argument (a `&str` will do for a `String`) or must be
/// the type itself (inside `vec![…]`, `Some(…)`, a variant).
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
enum Position {
    Into,
    Exact,
}

/// Chooses example values, noting whether they name the crate's types.
struct Values<'a> {
    api: &'a Api,
    uses_types: bool,
    /// How many values building a value of each named type takes at least (see [`Values::cost`]).
    costs: std::collections::HashMap<TypeId, usize>,
}

/// The cost of a value that cannot be built (a cycle, a struct only tests can build).
const UNBUILDABLE: usize = 1_000_000;

impl<'a> Values<'a> {
    fn new(api: &'a Api) -> Self {
        Self { api, uses_types: false, costs: std::collections::HashMap::new() }
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

    /// The required parameters: their examples or defaults where valid, else values made for them.
    fn parameters(&mut self, op: &'a Operation) -> Vec<(String, ExampleValue)> {
        op.required_params()
            .map(|param| {
                let sample = Sample {
                    candidates: param.examples.iter().chain(&param.default).collect(),
                    rules: param.rules.as_ref(),
                    name: &param.wire_name,
                    description: param.docs.as_deref(),
                };
                let value = self.value(&param.ty, &sample, Position::Into, 0);
                (crate::naming::bare(&param.name).to_owned(), value)
            })
            .collect()
    }

    /// A constructor argument for `field`, from the object example the struct is built from (else the
    /// field's own example, else one made for its schema).
    fn field(&mut self, field: &'a Field, object: Option<&'a Value>, depth: usize) -> ExampleValue {
        let from_object = object.and_then(|o| o.get(&field.wire_name)).filter(|v| !v.is_null());
        let sample = Sample {
            candidates: from_object.into_iter().chain(&field.examples).chain(&field.default).collect(),
            rules: field.rules.as_ref(),
            name: &field.wire_name,
            description: field.docs.as_deref(),
        };
        if field.is_option() {
            ExampleValue::Some(Box::new(self.value(&field.ty, &sample, Position::Exact, depth + 1)))
        } else {
            self.value(&field.ty, &sample, Position::Into, depth + 1)
        }
    }

    fn value(&mut self, ty: &'a TypeRef, sample: &Sample<'a>, at: Position, depth: usize) -> ExampleValue {
        let plain_string = Rules::String { format: None, pattern: None, min_length: None, max_length: None };
        let any_number = |integer| Rules::Number { min: None, max: None, multiple_of: None, integer };
        match ty {
            TypeRef::String => {
                let text = match sample.chosen(&plain_string) {
                    Value::String(text) => text,
                    other => other.to_string(),
                };
                match at {
                    Position::Into => ExampleValue::Str(text),
                    Position::Exact => ExampleValue::OwnedStr(text),
                }
            }
            TypeRef::Integer { .. } => {
                // A bound or default is a float in places: `5.0` is an integer example all the same.
                let chosen = sample.chosen(&any_number(true));
                let integral =
                    chosen.as_i64().or_else(|| chosen.as_f64().filter(|f| f.fract() == 0.0).map(|f| f as i64));
                ExampleValue::Integer(integral.unwrap_or(1))
            }
            TypeRef::Number { .. } => ExampleValue::Float(sample.chosen(&any_number(false)).as_f64().unwrap_or(1.0)),
            TypeRef::Boolean => ExampleValue::Bool(sample.first().and_then(Value::as_bool).unwrap_or(true)),
            TypeRef::ConstBool(_) | TypeRef::ConstInteger(_) => ExampleValue::Default,
            TypeRef::Native(native) => {
                let own = serde_json::from_str::<Value>(native.sample).ok();
                let text =
                    sample.first().and_then(Value::as_str).or(own.as_ref().and_then(Value::as_str)).unwrap_or("");
                ExampleValue::Native { native, text: text.to_owned() }
            }
            TypeRef::Array(item) if depth < MAX_DEPTH => {
                let first = sample.first().and_then(Value::as_array).and_then(|items| items.first());
                let item =
                    self.value(item, &Sample::of(first.into_iter().collect(), sample.name), Position::Exact, depth + 1);
                // An array converts into the `Vec` an argument takes (and reads better than `vec![…]`).
                match at {
                    Position::Into => ExampleValue::Array(vec![item]),
                    Position::Exact => ExampleValue::Vec(vec![item]),
                }
            }
            TypeRef::Array(_) => ExampleValue::EmptyVec,
            TypeRef::Map(_) | TypeRef::KeyedMap(..) => ExampleValue::EmptyMap,
            TypeRef::Nullable(inner) => ExampleValue::Some(Box::new(self.value(inner, sample, Position::Exact, depth))),
            TypeRef::Any => ExampleValue::Json(sample.first().cloned().unwrap_or_else(|| serde_json::json!({}))),
            TypeRef::Boxed(id) => {
                let value = self.named(*id, sample, at, depth);
                match at {
                    Position::Into => value,
                    Position::Exact => ExampleValue::Boxed(Box::new(value)),
                }
            }
            TypeRef::Named(id) => self.named(*id, sample, at, depth),
        }
    }

    fn named(&mut self, id: TypeId, sample: &Sample<'a>, at: Position, depth: usize) -> ExampleValue {
        let def = self.api.type_def(id);
        let example = sample.first().or(def.examples.first());
        let ty = def.name.clone();
        let todo = || ExampleValue::Todo(def.name.clone());
        match &def.shape {
            Shape::Alias(inner) if depth < MAX_DEPTH => {
                let mut candidates = sample.candidates.clone();
                candidates.extend(&def.examples);
                let aliased = Sample { candidates, ..*sample };
                self.value(inner, &aliased, at, depth + 1)
            }
            Shape::StringEnum { variants, .. } => {
                let wanted = example.and_then(Value::as_str);
                let variant = variants.iter().find(|v| Some(v.wire.as_str()) == wanted).or(variants.first());
                self.uses_types = true;
                match variant {
                    Some(variant) => ExampleValue::Variant { ty, variant: variant.name.clone() },
                    None => ExampleValue::Default,
                }
            }
            Shape::IntegerEnum { variants, .. } => {
                let wanted = example.and_then(Value::as_i64);
                let variant = variants.iter().find(|(_, v)| Some(*v) == wanted).or(variants.first());
                self.uses_types = true;
                match variant {
                    Some((name, _)) => ExampleValue::Variant { ty, variant: name.clone() },
                    None => ExampleValue::Default,
                }
            }
            Shape::ConstString { variant, .. } => {
                self.uses_types = true;
                ExampleValue::Variant { ty, variant: variant.clone() }
            }
            Shape::Struct(fields) if depth < MAX_DEPTH => match &def.constructor {
                Some(constructor) if !constructor.testing_only => {
                    self.uses_types = true;
                    let arguments =
                        constructor.arguments().map(|index| self.field(&fields[index], example, depth)).collect();
                    ExampleValue::New { ty, arguments }
                }
                _ => todo(),
            },
            Shape::Union { variants, .. } if depth < MAX_DEPTH => {
                match variants.iter().min_by_key(|v| self.cost(&v.ty)) {
                    Some(variant) => {
                        let inner = self.value(
                            &variant.ty,
                            &Sample::of(example.into_iter().collect(), sample.name),
                            Position::Exact,
                            depth + 1,
                        );
                        self.uses_types = true;
                        ExampleValue::Wrapped { ty, variant: Some(variant.name.clone()), items: vec![inner] }
                    }
                    None => todo(),
                }
            }
            Shape::Tuple { items, .. } if depth < MAX_DEPTH => {
                let values = example.and_then(Value::as_array);
                let items = items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| {
                        let example = values.and_then(|v| v.get(i));
                        self.value(
                            item,
                            &Sample::of(example.into_iter().collect(), sample.name),
                            Position::Exact,
                            depth + 1,
                        )
                    })
                    .collect();
                self.uses_types = true;
                ExampleValue::Wrapped { ty, variant: None, items }
            }
            Shape::Newtype(inner) if depth < MAX_DEPTH => {
                let inner = self.value(
                    inner,
                    &Sample::of(example.into_iter().collect(), sample.name),
                    Position::Exact,
                    depth + 1,
                );
                self.uses_types = true;
                ExampleValue::Wrapped { ty, variant: None, items: vec![inner] }
            }
            _ => todo(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_keep_the_formats_patterns_and_descriptions_of_the_spec() {
        let spec = r##"
openapi: 3.1.0
info: {title: T, version: "1"}
components:
  schemas:
    Patient:
      type: object
      required: [email, zip, name]
      properties:
        email: {type: string, format: email}
        zip: {type: string, pattern: '^\d{5}(-\d{4})?$', example: "zip"}
        name: {type: string, maxLength: 3}
paths:
  /patients:
    post:
      operationId: create
      tags: [patients]
      parameters:
        - {name: start_date, in: query, required: true, description: "Date in YYYY-MM-DD.", schema: {type: string}}
        - {name: limit, in: query, required: true, schema: {type: integer, minimum: 10, maximum: 20, example: 50}}
      requestBody:
        required: true
        content: {application/json: {schema: {$ref: "#/components/schemas/Patient"}}}
      responses:
        "204": {description: Created}
"##;
        let (api, _) = crate::Generator::new().ir(spec).unwrap();
        let group = &api.groups[0];
        let snippet = &snippets(&api, group, &group.operations[0])[0];
        let strings: Vec<&ExampleValue> = snippet.arguments.iter().collect();
        // The description's date; the example `50` is out of bounds, so the lowest bound instead.
        assert_eq!(strings[0], &ExampleValue::Str(String::from("2026-01-28")));
        assert_eq!(strings[1], &ExampleValue::Integer(10));
        assert_eq!(strings[2], &ExampleValue::Str(String::from("jane.doe@example.com")));
        // The spec's example `zip` breaks its own pattern: a generated ZIP code instead.
        let ExampleValue::Str(zip) = strings[3] else { panic!("{strings:?}") };
        assert!(regex_lite::Regex::new(r"^\d{5}(-\d{4})?$").unwrap().is_match(zip), "{zip}");
        assert_eq!(strings[4], &ExampleValue::Str(String::from("nam")));
    }
}
