//! `openapiv3` document → [`Api`]. Reads the lowered spec once; the emitter never sees it.

use super::*;
use crate::diagnostic::{Diagnostic, DiagnosticKind, Pointer};
use crate::naming::{self, Namespace};
use crate::parse::{CONST_MARKER, EXAMPLES_MARKER, PREFIX_ITEMS_MARKER, PROPERTY_NAMES_MARKER, UNION_IN_ORDER_MARKER};
use crate::Error;
use openapiv3::{
    AdditionalProperties, OpenAPI, Parameter, ParameterSchemaOrContent, ReferenceOr, Schema, SchemaKind,
    SecurityScheme, StatusCode, Type, VariantOrUnknownOrEmpty,
};
use std::collections::BTreeMap;

const SCHEMA_PREFIX: &str = "#/components/schemas/";

/// Names a group may not take: the crate root already has these modules, and `Client` these methods.
const RESERVED_GROUPS: &[&str] = &["builder", "runtime", "types", "webhooks"];

/// Builds the IR, appending findings to `diagnostics`.
pub fn build<'a>(
    spec: &'a OpenAPI,
    webhooks: &'a indexmap::IndexMap<String, ReferenceOr<openapiv3::PathItem>>,
    include_fern_ignored: bool,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Api, Error> {
    let mut builder = Builder {
        spec,
        include_fern_ignored,
        types: Vec::new(),
        by_ref: BTreeMap::new(),
        names: Namespace::default(),
        diagnostics,
        hoisting: Vec::new(),
    };
    builder.declare_components();
    builder.convert_components()?;
    let groups = builder.operations()?;
    let servers = builder.servers();
    let mut webhooks = builder.webhooks(webhooks)?;
    let mut types = builder.types;
    super::cycles::break_alias_cycles(&mut types).map_err(|origin| Error::InvalidSpec {
        pointer: origin,
        message: String::from(
            "this schema is a `$ref` cycle with nothing in between (it refers to itself only through other bare \
             references), so it describes no value; point one of them at a real schema",
        ),
    })?;
    super::cycles::box_cycles(&mut types);
    super::unions::plan_all(&mut types);
    mark_sent(&mut types, &groups);
    mark_users(&mut types, &groups, &webhooks);
    for webhook in &mut webhooks {
        webhook.event_types = event_types(&types, &webhook.payload);
    }
    let mut events: Vec<UnionVariant> = webhooks
        .iter()
        .map(|w| UnionVariant { name: w.variant.clone(), ty: w.payload.clone(), matcher: Matcher::Trial })
        .collect();
    super::unions::plan(&types, &mut events, true);
    Ok(Api {
        title: spec.info.title.clone(),
        version: spec.info.version.clone(),
        openapi_version: spec.openapi.clone(),
        types,
        groups,
        servers,
        webhooks,
        events,
        env_prefix: naming::env_prefix(&spec.info.title),
    })
}

/// Marks the types a caller sends (reachable from any request body or parameter) and, among them, the
/// fields that tell absent from `null` (optional nullable fields of types in JSON request bodies: PATCH
/// semantics); response-only types keep a plain `Option`.
fn mark_sent(types: &mut [TypeDef], groups: &[Group]) {
    let operations = || groups.iter().flat_map(|g| &g.operations);
    let json_bodies = operations().filter_map(|op| op.body.as_ref().filter(|b| b.encoding == BodyEncoding::Json));
    let in_json_body = reachable(types, json_bodies.map(|b| &b.ty));
    let inputs = operations().flat_map(|op| op.body.iter().map(|b| &b.ty).chain(op.params.iter().map(|p| &p.ty)));
    let sent = reachable(types, inputs);
    for ((def, sent), in_json_body) in types.iter_mut().zip(sent).zip(in_json_body) {
        def.sent = sent;
        if let (true, Shape::Struct(fields)) = (in_json_body, &mut def.shape) {
            for field in fields.iter_mut().filter(|f| !f.required && f.nullable) {
                field.tri_state = true;
            }
        }
    }
}

/// Records which groups, webhooks or unreferenced types reach each type, so that the emitter can
/// compile a type exactly when something that uses it is compiled (per-group cargo features).
fn mark_users(types: &mut [TypeDef], groups: &[Group], webhooks: &[Webhook]) {
    for group in groups {
        let reached = reachable(types, group.operations.iter().flat_map(Operation::type_roots));
        for (def, reached) in types.iter_mut().zip(reached) {
            if reached {
                def.used_by_groups.push(group.name.clone());
            }
        }
    }
    let by_webhooks = reachable(types, webhooks.iter().map(|w| &w.payload));
    for (def, reached) in types.iter_mut().zip(by_webhooks) {
        def.used_by_webhooks = reached;
    }
    let unreferenced: Vec<TypeRef> = (0..types.len())
        .filter(|&i| types[i].used_by_groups.is_empty() && !types[i].used_by_webhooks)
        .map(|i| TypeRef::Named(TypeId(i)))
        .collect();
    let by_unreferenced = reachable(types, unreferenced.iter());
    for (def, reached) in types.iter_mut().zip(by_unreferenced) {
        def.used_by_unreferenced = reached;
        def.used_by_groups.sort();
    }
}

/// Which types (by index) the `roots` reach through fields, members, items and aliases.
pub(crate) fn reachable<'t>(types: &[TypeDef], roots: impl IntoIterator<Item = &'t TypeRef>) -> Vec<bool> {
    fn visit(ty: &TypeRef, seen: &mut [bool], stack: &mut Vec<TypeId>) {
        match ty {
            TypeRef::Named(id) | TypeRef::Boxed(id) if !seen[id.0] => {
                seen[id.0] = true;
                stack.push(*id);
            }
            TypeRef::Nullable(inner) | TypeRef::Array(inner) | TypeRef::Map(inner) => visit(inner, seen, stack),
            TypeRef::KeyedMap(key, value) => {
                visit(&TypeRef::Named(*key), seen, stack);
                visit(value, seen, stack);
            }
            _ => {}
        }
    }
    let mut seen = vec![false; types.len()];
    let mut stack = Vec::new();
    for root in roots {
        visit(root, &mut seen, &mut stack);
    }
    while let Some(id) = stack.pop() {
        match &types[id.0].shape {
            Shape::Struct(fields) => fields.iter().for_each(|f| visit(&f.ty, &mut seen, &mut stack)),
            Shape::Union { variants, .. } => variants.iter().for_each(|v| visit(&v.ty, &mut seen, &mut stack)),
            Shape::Tuple { items, .. } => items.iter().for_each(|t| visit(t, &mut seen, &mut stack)),
            Shape::Alias(ty) | Shape::Newtype(ty) => visit(ty, &mut seen, &mut stack),
            _ => {}
        }
    }
    seen
}

/// Whether `name` is an HTTP header name (an RFC 9110 token).
fn is_header_name(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// The `event_type` values a webhook payload is sent with: its string `const`, or its enum.
fn event_types(types: &[TypeDef], payload: &TypeRef) -> Vec<String> {
    let TypeRef::Named(id) = payload else { return Vec::new() };
    let Shape::Struct(fields) = &types[id.0].shape else { return Vec::new() };
    let Some(field) = fields.iter().find(|f| f.wire_name == "event_type") else { return Vec::new() };
    let TypeRef::Named(tag) = &field.ty else { return Vec::new() };
    match &types[tag.0].shape {
        Shape::ConstString(value) => vec![value.clone()],
        Shape::StringEnum { variants, .. } => variants.iter().map(|v| v.wire.clone()).collect(),
        _ => Vec::new(),
    }
}

struct Builder<'a> {
    spec: &'a OpenAPI,
    include_fern_ignored: bool,
    types: Vec<TypeDef>,
    by_ref: BTreeMap<String, TypeId>,
    names: Namespace,
    diagnostics: &'a mut Vec<Diagnostic>,
    /// Where the inline schemas being converted inside each other right now are, outermost first.
    hoisting: Vec<String>,
}

/// How deep inline schemas may nest inside each other. Real specs stay far below (Junction's deepest is
/// 4); an `allOf` whose members include its own schema inline would otherwise expand forever.
const MAX_HOIST_DEPTH: usize = 64;

/// Doc text from a title and description: the description when present; the title only when it says more
/// than the name it annotates (FastAPI titles are usually the name re-cased: `user_id` → "User Id").
fn docs(title: Option<&str>, description: Option<&str>, name: &str) -> Option<String> {
    let squash = |s: &str| s.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_ascii_lowercase();
    let title = title.filter(|t| !t.trim().is_empty() && squash(t) != squash(name));
    let description = description.map(str::trim).filter(|d| !d.is_empty());
    match (title, description) {
        (Some(t), Some(d)) if !d.starts_with(t.trim()) => Some(format!("{}\n\n{d}", t.trim())),
        (_, Some(d)) => Some(d.to_owned()),
        (Some(t), None) => Some(t.trim().to_owned()),
        (None, None) => None,
    }
}

fn placeholder(name: String, origin: String) -> TypeDef {
    TypeDef::new(name, origin, Shape::Alias(TypeRef::Any))
}

/// `example` and the 3.1 `examples` list (kept under a marker by lowering), without repeating the
/// first `examples` item that lowering also copied into `example`.
fn examples(data: &openapiv3::SchemaData) -> Vec<Value> {
    let mut out = Vec::new();
    match data.extensions.get(EXAMPLES_MARKER) {
        Some(Value::Array(list)) => {
            if let Some(example) = &data.example {
                if list.first() != Some(example) {
                    out.push(example.clone());
                }
            }
            out.extend(list.iter().cloned());
        }
        _ => out.extend(data.example.iter().cloned()),
    }
    out
}

fn availability(extensions: &indexmap::IndexMap<String, Value>) -> Option<String> {
    extensions.get("x-fern-availability").and_then(Value::as_str).map(str::to_owned)
}

fn flag(extensions: &indexmap::IndexMap<String, Value>, key: &str) -> bool {
    extensions.get(key).and_then(Value::as_bool) == Some(true)
}

/// The values of a string `enum` (a `const` is a one-value enum after lowering), if the schema is one.
fn string_values(schema: &Schema) -> Option<Vec<String>> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(s)) if !s.enumeration.is_empty() => {
            Some(s.enumeration.iter().flatten().cloned().collect())
        }
        _ => None,
    }
}

/// Whether an inline schema needs a named type of its own (and is hoisted when found inline).
fn needs_own_type(schema: &Schema) -> bool {
    let extensions = &schema.schema_data.extensions;
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(o)) => !o.properties.is_empty(),
        SchemaKind::Any(a) => !a.properties.is_empty(),
        SchemaKind::Type(Type::String(s)) => !s.enumeration.is_empty(),
        SchemaKind::Type(Type::Integer(i)) => !i.enumeration.is_empty() && !extensions.contains_key(CONST_MARKER),
        SchemaKind::Type(Type::Array(_)) => extensions.contains_key(PREFIX_ITEMS_MARKER),
        SchemaKind::AnyOf { any_of: members } | SchemaKind::OneOf { one_of: members } => members.len() > 1,
        SchemaKind::AllOf { all_of } => all_of.len() > 1,
        _ => false,
    }
}

/// The properties of an `allOf` whose members are all objects, merged (later members win).
struct MergedObject {
    properties: indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>,
    /// Properties that members define differently (the last definition wins).
    conflicts: Vec<String>,
    required: Vec<String>,
    additional: Option<AdditionalProperties>,
}

impl MergedObject {
    /// Adds properties; one already there with a different schema is a conflict, and the new one wins.
    fn add(&mut self, properties: impl IntoIterator<Item = (String, ReferenceOr<Box<Schema>>)>) {
        for (name, schema) in properties {
            if let Some(previous) = self.properties.insert(name.clone(), schema.clone()) {
                if previous != schema {
                    self.conflicts.push(name);
                }
            }
        }
    }
}

impl<'a> Builder<'a> {
    fn warn(&mut self, kind: DiagnosticKind, at: impl ToString, message: impl Into<String>) {
        self.diagnostics.push(Diagnostic::warning(kind, at.to_string(), message));
    }

    /// Gives every component schema its id and name before any is converted.
    fn declare_components(&mut self) {
        let Some(components) = &self.spec.components else { return };
        for name in components.schemas.keys() {
            let id = TypeId(self.types.len());
            let rust_name = self.names.claim(naming::type_name(name));
            let origin = Pointer::root().push("components").push("schemas").push(name).to_string();
            self.types.push(placeholder(rust_name, origin));
            self.by_ref.insert(format!("{SCHEMA_PREFIX}{name}"), id);
        }
    }

    fn convert_components(&mut self) -> Result<(), Error> {
        let Some(components) = &self.spec.components else { return Ok(()) };
        for (name, schema) in &components.schemas {
            let id = self.by_ref[&format!("{SCHEMA_PREFIX}{name}")];
            let at = Pointer::root().push("components").push("schemas").push(name);
            match schema {
                ReferenceOr::Reference { reference } => {
                    let target = self.resolve(reference, &at)?;
                    self.types[id.0].shape = Shape::Alias(TypeRef::Named(target));
                }
                ReferenceOr::Item(schema) => self.define(id, schema, name, &at)?,
            }
        }
        Ok(())
    }

    /// Fills in the type `id` from its schema.
    fn define(&mut self, id: TypeId, schema: &Schema, raw_name: &str, at: &Pointer) -> Result<(), Error> {
        let type_name = self.types[id.0].name.clone();
        let data = &schema.schema_data;
        let shape = self.shape(schema, &type_name, at)?;
        let def = &mut self.types[id.0];
        def.docs = docs(data.title.as_deref(), data.description.as_deref(), raw_name);
        def.deprecated = data.deprecated;
        def.examples = examples(data);
        def.availability = availability(&data.extensions);
        def.shape = shape;
        Ok(())
    }

    fn resolve(&self, reference: &str, at: &Pointer) -> Result<TypeId, Error> {
        self.by_ref.get(reference).copied().ok_or_else(|| Error::DanglingRef {
            pointer: at.to_string(),
            reference: reference.to_owned(),
            hint: String::from(if reference.starts_with(SCHEMA_PREFIX) {
                "no such schema under #/components/schemas/; check the name"
            } else {
                "only local references to #/components/schemas/... are supported for schemas"
            }),
        })
    }

    /// The shape a named schema takes: objects become structs, enums enums, unions and tuples their own
    /// shapes; anything else becomes an alias of the type it describes.
    fn shape(&mut self, schema: &Schema, type_name: &str, at: &Pointer) -> Result<Shape, Error> {
        let extensions = &schema.schema_data.extensions;
        // Open unless the spec says the set is exhaustive.
        let open = !flag(extensions, "x-junction-exhaustive");
        if let (Some(Value::String(value)), Some(_)) = (extensions.get(CONST_MARKER), string_values(schema)) {
            return Ok(Shape::ConstString(value.clone()));
        }
        if let Some(values) = string_values(schema) {
            return Ok(Shape::StringEnum { variants: self.enum_variants(values, extensions), open });
        }
        match &schema.schema_kind {
            SchemaKind::Type(Type::Object(object)) if !object.properties.is_empty() => self.struct_shape(
                &object.properties,
                &object.required,
                object.additional_properties.as_ref(),
                type_name,
                at,
            ),
            SchemaKind::Any(any) if !any.properties.is_empty() => {
                self.struct_shape(&any.properties, &any.required, any.additional_properties.as_ref(), type_name, at)
            }
            SchemaKind::Type(Type::Integer(integer))
                if !integer.enumeration.is_empty() && !extensions.contains_key(CONST_MARKER) =>
            {
                let mut names = Namespace::default();
                let mut variants: Vec<(String, i64)> = Vec::new();
                for value in integer.enumeration.iter().flatten() {
                    if !variants.iter().any(|(_, v)| v == value) {
                        let name = match *value {
                            v if v < 0 => format!("Minus{}", v.unsigned_abs()),
                            v => format!("Value{v}"),
                        };
                        variants.push((names.claim(name), *value));
                    }
                }
                Ok(Shape::IntegerEnum { variants, open })
            }
            SchemaKind::Type(Type::Array(array)) if extensions.contains_key(PREFIX_ITEMS_MARKER) => {
                self.tuple_shape(&extensions[PREFIX_ITEMS_MARKER], array.min_items, type_name, at)
            }
            SchemaKind::AnyOf { any_of: members } | SchemaKind::OneOf { one_of: members } if members.len() > 1 => {
                let keyword = if matches!(schema.schema_kind, SchemaKind::AnyOf { .. }) { "anyOf" } else { "oneOf" };
                let discriminator = schema.schema_data.discriminator.as_ref();
                let in_order = flag(extensions, UNION_IN_ORDER_MARKER);
                self.union_shape(members, open, in_order, discriminator, type_name, &at.push(keyword))
            }
            SchemaKind::AllOf { all_of } if all_of.len() > 1 => match self.merged_object(all_of, 0) {
                Some(object) => {
                    for name in &object.conflicts {
                        self.warn(
                            DiagnosticKind::Reinterpreted,
                            at.push("allOf"),
                            format!(
                                "property `{name}` is defined differently by several `allOf` members; the last \
                                 definition is used (make them agree)"
                            ),
                        );
                    }
                    self.struct_shape(&object.properties, &object.required, object.additional.as_ref(), type_name, at)
                }
                None => {
                    self.warn(
                        DiagnosticKind::Reinterpreted,
                        at.push("allOf"),
                        "`allOf` of schemas that are not all objects cannot be merged into one type; read as any JSON value",
                    );
                    Ok(Shape::Alias(TypeRef::Any))
                }
            },
            _ => Ok(Shape::Alias(self.schema_type(schema, type_name, at)?)),
        }
    }

    /// Merges the members of an `allOf` that are all objects (inline, or references to component
    /// schemas, themselves possibly `allOf`s). `None` when a member is not an object.
    fn merged_object(&self, members: &[ReferenceOr<Schema>], depth: usize) -> Option<MergedObject> {
        if depth > 32 {
            return None;
        }
        let mut merged = MergedObject {
            properties: Default::default(),
            conflicts: Vec::new(),
            required: Vec::new(),
            additional: None,
        };
        for member in members {
            let schema = match member {
                ReferenceOr::Item(schema) => schema,
                ReferenceOr::Reference { reference } => {
                    let name = reference.strip_prefix(SCHEMA_PREFIX)?;
                    match self.spec.components.as_ref()?.schemas.get(name)? {
                        ReferenceOr::Item(schema) => schema,
                        ReferenceOr::Reference { .. } => return None,
                    }
                }
            };
            let (properties, required, additional) = match &schema.schema_kind {
                SchemaKind::Type(Type::Object(o)) => (&o.properties, &o.required, &o.additional_properties),
                SchemaKind::Any(a) if !a.properties.is_empty() || a.typ.as_deref() == Some("object") => {
                    (&a.properties, &a.required, &a.additional_properties)
                }
                SchemaKind::AllOf { all_of } => {
                    let inner = self.merged_object(all_of, depth + 1)?;
                    merged.conflicts.extend(inner.conflicts);
                    merged.add(inner.properties);
                    merged.required.extend(inner.required);
                    merged.additional = inner.additional.or(merged.additional);
                    continue;
                }
                _ => return None,
            };
            merged.add(properties.iter().map(|(k, v)| (k.clone(), v.clone())));
            merged.required.extend(required.iter().cloned());
            if additional.is_some() {
                merged.additional = additional.clone();
            }
        }
        merged.required.sort();
        merged.required.dedup();
        merged.conflicts.sort();
        merged.conflicts.dedup();
        Some(merged)
    }

    /// Enum variants named after their values (or `x-fern-enum` names), duplicates dropped.
    fn enum_variants(
        &mut self,
        values: Vec<String>,
        extensions: &indexmap::IndexMap<String, Value>,
    ) -> Vec<EnumVariant> {
        let fern_names = extensions.get("x-fern-enum").and_then(Value::as_object);
        let mut names = Namespace::default();
        let mut variants: Vec<EnumVariant> = Vec::new();
        for value in values {
            if variants.iter().any(|v| v.wire == value) {
                continue;
            }
            let fern = fern_names.and_then(|n| n.get(&value)).and_then(|n| n.get("name")).and_then(Value::as_str);
            let name = names.claim(naming::variant_name(fern.unwrap_or(&value)));
            variants.push(EnumVariant { name, wire: value });
        }
        variants
    }

    fn struct_shape(
        &mut self,
        properties: &indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>,
        required: &[String],
        additional: Option<&AdditionalProperties>,
        type_name: &str,
        at: &Pointer,
    ) -> Result<Shape, Error> {
        let mut names = Namespace::with_reserved(&["additional_properties"]);
        let mut fields = Vec::new();
        let properties_at = at.push("properties");
        for (wire_name, property) in properties {
            let at = properties_at.push(wire_name);
            let hint = naming::nested_type_name(type_name, wire_name);
            let (ty, nullable, data) = match property {
                ReferenceOr::Reference { reference } => (TypeRef::Named(self.resolve(reference, &at)?), false, None),
                ReferenceOr::Item(schema) => {
                    (self.schema_type(schema, &hint, &at)?, schema.schema_data.nullable, Some(&schema.schema_data))
                }
            };
            let rust_name = data
                .and_then(|d| d.extensions.get("x-fern-property-name"))
                .and_then(Value::as_str)
                .unwrap_or(wire_name);
            // Fern SDKs leave `x-fern-ignore` properties out; the data is still on the wire, so it is kept
            // (dropping it would lose it on a round trip) and said in the docs.
            let mut field_docs = data.and_then(|d| docs(d.title.as_deref(), d.description.as_deref(), wire_name));
            if data.is_some_and(|d| flag(&d.extensions, "x-fern-ignore")) {
                let note = "Hidden from Fern-generated SDKs (`x-fern-ignore`).";
                field_docs = Some(field_docs.map_or_else(|| note.to_owned(), |d| format!("{d}\n\n{note}")));
            }
            fields.push(Field {
                name: names.claim(naming::snake_name(rust_name)),
                wire_name: wire_name.clone(),
                docs: field_docs,
                deprecated: data.is_some_and(|d| d.deprecated),
                default: data.and_then(|d| d.default.clone()),
                examples: data.map(examples).unwrap_or_default(),
                availability: data.and_then(|d| availability(&d.extensions)),
                required: required.contains(wire_name),
                nullable,
                ty,
                flatten: false,
                tri_state: false,
                sensitive: data
                    .and_then(|d| d.extensions.get(SENSITIVE_EXTENSION))
                    .and_then(Value::as_bool)
                    .unwrap_or_else(|| is_credential_name(wire_name)),
            });
        }
        let extra = match additional {
            Some(AdditionalProperties::Schema(values)) => {
                let hint = format!("{type_name}Value");
                Some(self.map_value(values, &hint, &at.push("additionalProperties"))?)
            }
            Some(AdditionalProperties::Any(true)) => Some(TypeRef::Any),
            _ => None,
        };
        if let Some(value) = extra {
            fields.push(Field {
                wire_name: String::new(),
                docs: Some(String::from("Properties other than the ones above (`additionalProperties`).")),
                flatten: true,
                ..Field::plain("additional_properties", TypeRef::Map(Box::new(value)), true)
            });
        }
        Ok(Shape::Struct(fields))
    }

    /// A `prefixItems` tuple, carried by lowering under a marker.
    fn tuple_shape(
        &mut self,
        raw: &Value,
        min_items: Option<usize>,
        type_name: &str,
        at: &Pointer,
    ) -> Result<Shape, Error> {
        let at = at.push("prefixItems");
        let members: Vec<ReferenceOr<Schema>> = serde_json::from_value(raw.clone()).map_err(|e| {
            Error::InvalidSpec { pointer: at.to_string(), message: format!("not a list of schemas: {e}") }
        })?;
        let mut items = Vec::new();
        for (i, member) in members.iter().enumerate() {
            let hint = format!("{type_name}Item{i}");
            items.push(self.nullable_type_ref(member, &hint, &at.index(i))?);
        }
        let min_items = min_items.unwrap_or(0).min(items.len());
        // Items that may be missing are `None` when they are.
        for item in &mut items[min_items..] {
            if !matches!(item, TypeRef::Nullable(_)) {
                *item = TypeRef::Nullable(Box::new(item.clone()));
            }
        }
        Ok(Shape::Tuple { items, min_items })
    }

    /// A union: string enums and consts merge into one enum; anything else becomes one variant per
    /// member, whose matchers [`super::unions::plan`] decides once every type is known.
    fn union_shape(
        &mut self,
        members: &[ReferenceOr<Schema>],
        open: bool,
        in_order: bool,
        discriminator: Option<&openapiv3::Discriminator>,
        type_name: &str,
        at: &Pointer,
    ) -> Result<Shape, Error> {
        let inline_strings: Option<Vec<Vec<String>>> = members
            .iter()
            .map(|m| match m {
                ReferenceOr::Item(schema) => string_values(schema),
                ReferenceOr::Reference { .. } => None,
            })
            .collect();
        if let Some(sets) = inline_strings {
            return Ok(Shape::StringEnum {
                variants: self.enum_variants(sets.into_iter().flatten().collect(), &Default::default()),
                open,
            });
        }
        let mut types = Vec::new();
        for (i, member) in members.iter().enumerate() {
            types.push(self.type_ref(member, &format!("{type_name}{}", i + 1), &at.index(i))?);
        }
        // Members that are named types are named after them, minus the words they all share.
        let named: Vec<String> =
            types.iter().filter(|ty| matches!(ty, TypeRef::Named(_))).map(|ty| self.variant_hint(ty)).collect();
        let mut short = naming::strip_common_affixes(&named).into_iter();
        let mut names = Namespace::with_reserved(&["Unknown"]);
        let mut variants = Vec::new();
        for ty in types {
            let hint = match ty {
                TypeRef::Named(_) => short.next().unwrap_or_else(|| self.variant_hint(&ty)),
                _ => self.variant_hint(&ty),
            };
            variants.push(UnionVariant { name: names.claim(hint), ty, matcher: Matcher::Trial });
        }
        // A `discriminator` names the property whose value picks the member: the `mapping` entries
        // pointing at a member, or else the member schema's name.
        if let Some(discriminator) = discriminator {
            let names_member = |target: &String| {
                members.iter().any(|m| match m {
                    ReferenceOr::Reference { reference } => {
                        target == reference || target.as_str() == reference.rsplit('/').next().unwrap_or(reference)
                    }
                    ReferenceOr::Item(_) => false,
                })
            };
            for (value, target) in discriminator.mapping.iter().filter(|(_, target)| !names_member(target)) {
                self.warn(
                    DiagnosticKind::InvalidValue,
                    at.parent().push("discriminator").push("mapping").push(value),
                    format!("`{value}` maps to `{target}`, which is not a member of this union; the entry is ignored"),
                );
            }
            for (variant, member) in variants.iter_mut().zip(members) {
                let ReferenceOr::Reference { reference } = member else { continue };
                let short = reference.rsplit('/').next().unwrap_or(reference);
                let mut values: Vec<String> = discriminator
                    .mapping
                    .iter()
                    .filter(|(_, target)| *target == reference || target.as_str() == short)
                    .map(|(value, _)| value.clone())
                    .collect();
                if values.is_empty() {
                    values.push(short.to_owned());
                }
                variant.matcher = Matcher::Tag { field: discriminator.property_name.clone(), values };
            }
        }
        Ok(Shape::Union { variants, in_order })
    }

    /// A variant name for a union member of type `ty`.
    fn variant_hint(&self, ty: &TypeRef) -> String {
        match ty {
            TypeRef::Named(id) | TypeRef::Boxed(id) => self.types[id.0].name.clone(),
            TypeRef::Nullable(inner) => format!("{}OrNull", self.variant_hint(inner)),
            TypeRef::Array(item) => format!("{}List", self.variant_hint(item)),
            TypeRef::Map(value) | TypeRef::KeyedMap(_, value) => format!("{}Map", self.variant_hint(value)),
            TypeRef::Boolean | TypeRef::ConstBool(_) => String::from("Boolean"),
            TypeRef::ConstInteger(_) | TypeRef::Integer { .. } => String::from("Integer"),
            TypeRef::Number { .. } => String::from("Number"),
            TypeRef::String => String::from("String"),
            TypeRef::Uuid => String::from("Uuid"),
            TypeRef::DateTime => String::from("DateTime"),
            TypeRef::Date => String::from("Date"),
            TypeRef::Bytes => String::from("Bytes"),
            TypeRef::Any => String::from("Value"),
        }
    }

    /// A type reference for a schema at `at`; `hint` names any type that must be hoisted out of it.
    /// Takes schemas boxed or not (`openapiv3` boxes properties and items), matched in place.
    fn type_ref<S: std::borrow::Borrow<Schema>>(
        &mut self,
        schema: &ReferenceOr<S>,
        hint: &str,
        at: &Pointer,
    ) -> Result<TypeRef, Error> {
        match schema {
            ReferenceOr::Reference { reference } => Ok(TypeRef::Named(self.resolve(reference, at)?)),
            ReferenceOr::Item(schema) => self.schema_type(schema.borrow(), hint, at),
        }
    }

    /// Like [`Self::type_ref`], wrapped in `Option` when the schema is nullable (array items, map
    /// values, tuple items: places where no `Field` carries the flag).
    fn nullable_type_ref<S: std::borrow::Borrow<Schema>>(
        &mut self,
        schema: &ReferenceOr<S>,
        hint: &str,
        at: &Pointer,
    ) -> Result<TypeRef, Error> {
        let ty = self.type_ref(schema, hint, at)?;
        Ok(match schema {
            ReferenceOr::Item(s) if s.borrow().schema_data.nullable && !matches!(ty, TypeRef::Any) => {
                TypeRef::Nullable(Box::new(ty))
            }
            _ => ty,
        })
    }

    fn map_value<S: std::borrow::Borrow<Schema>>(
        &mut self,
        values: &ReferenceOr<S>,
        hint: &str,
        at: &Pointer,
    ) -> Result<TypeRef, Error> {
        self.nullable_type_ref(values, hint, at)
    }

    /// Hoists an inline schema that needs its own type into the arena under a fresh name.
    fn hoist(&mut self, schema: &Schema, hint: &str, at: &Pointer) -> Result<TypeRef, Error> {
        if self.hoisting.len() >= MAX_HOIST_DEPTH {
            let at = at.to_string();
            let tail: Vec<&str> = at.rsplit('/').take(4).collect();
            let tail: Vec<&str> = tail.into_iter().rev().collect();
            return Err(Error::InvalidSpec {
                pointer: self.hoisting[0].clone(),
                message: format!(
                    "the inline schemas below this one nest more than {MAX_HOIST_DEPTH} deep (…/{}), which \
                     happens when an `allOf` includes, inline, the schema it belongs to; give the inner schema \
                     a name under components/schemas and `$ref` it",
                    tail.join("/")
                ),
            });
        }
        let id = TypeId(self.types.len());
        let name = self.names.claim(hint.to_owned());
        self.types.push(placeholder(name.clone(), at.to_string()));
        self.hoisting.push(at.to_string());
        let defined = self.define(id, schema, &name, at);
        self.hoisting.pop();
        defined?;
        Ok(TypeRef::Named(id))
    }

    fn schema_type(&mut self, schema: &Schema, hint: &str, at: &Pointer) -> Result<TypeRef, Error> {
        let constant = schema.schema_data.extensions.get(CONST_MARKER);
        match (&schema.schema_kind, constant) {
            (SchemaKind::Type(Type::Boolean(_)), Some(Value::Bool(b))) => return Ok(TypeRef::ConstBool(*b)),
            (SchemaKind::Type(Type::Integer(_)), Some(Value::Number(n))) if n.is_i64() => {
                return Ok(TypeRef::ConstInteger(n.as_i64().unwrap_or_default()))
            }
            (SchemaKind::Type(Type::Number(_)), Some(_)) => {
                self.warn(
                    DiagnosticKind::Reinterpreted,
                    at.push("const"),
                    "a non-integer number `const` is generated as a plain number",
                );
            }
            _ => {}
        }
        if needs_own_type(schema) {
            return self.hoist(schema, hint, at);
        }
        Ok(match &schema.schema_kind {
            SchemaKind::Type(Type::Boolean(_)) => TypeRef::Boolean,
            SchemaKind::Type(Type::Integer(i)) => TypeRef::Integer {
                int32: matches!(&i.format, VariantOrUnknownOrEmpty::Item(openapiv3::IntegerFormat::Int32)),
            },
            SchemaKind::Type(Type::Number(n)) => TypeRef::Number {
                float: matches!(&n.format, VariantOrUnknownOrEmpty::Item(openapiv3::NumberFormat::Float)),
            },
            SchemaKind::Type(Type::String(s)) => match &s.format {
                VariantOrUnknownOrEmpty::Unknown(f) if f == "uuid" || f == "uuid4" => TypeRef::Uuid,
                VariantOrUnknownOrEmpty::Item(openapiv3::StringFormat::DateTime) => TypeRef::DateTime,
                VariantOrUnknownOrEmpty::Item(openapiv3::StringFormat::Date) => TypeRef::Date,
                VariantOrUnknownOrEmpty::Item(openapiv3::StringFormat::Binary) => TypeRef::Bytes,
                _ => TypeRef::String,
            },
            SchemaKind::Type(Type::Array(array)) => match &array.items {
                Some(items) => TypeRef::Array(Box::new(self.nullable_type_ref(
                    items,
                    &format!("{hint}Item"),
                    &at.push("items"),
                )?)),
                None => TypeRef::Array(Box::new(TypeRef::Any)),
            },
            SchemaKind::Type(Type::Object(object)) => {
                let value = match &object.additional_properties {
                    Some(AdditionalProperties::Schema(values)) => {
                        self.map_value(values, &format!("{hint}Value"), &at.push("additionalProperties"))?
                    }
                    _ => TypeRef::Any,
                };
                self.keyed_map(schema, value, hint, at)?
            }
            SchemaKind::AllOf { all_of } if all_of.len() == 1 => {
                self.type_ref(&all_of[0], hint, &at.push("allOf").index(0))?
            }
            // `allOf` with several members has its own (merged) type; an empty one constrains nothing.
            SchemaKind::AllOf { .. } => TypeRef::Any,
            SchemaKind::AnyOf { any_of: members } | SchemaKind::OneOf { one_of: members } => match members.first() {
                Some(only) => self.type_ref(only, hint, at)?,
                None => TypeRef::Any,
            },
            SchemaKind::Not { .. } => {
                self.warn(
                    DiagnosticKind::Reinterpreted,
                    at.push("not"),
                    "`not` cannot be expressed as a Rust type; read as any JSON value",
                );
                TypeRef::Any
            }
            SchemaKind::Any(any) => match any.typ.as_deref() {
                Some("string") => TypeRef::String,
                Some("integer") => TypeRef::Integer { int32: any.format.as_deref() == Some("int32") },
                Some("number") => TypeRef::Number { float: any.format.as_deref() == Some("float") },
                Some("boolean") => TypeRef::Boolean,
                Some("array") => match &any.items {
                    Some(items) => TypeRef::Array(Box::new(self.nullable_type_ref(
                        items,
                        &format!("{hint}Item"),
                        &at.push("items"),
                    )?)),
                    None => TypeRef::Array(Box::new(TypeRef::Any)),
                },
                Some("object") => TypeRef::Map(Box::new(TypeRef::Any)),
                Some(other) => {
                    self.warn(
                        DiagnosticKind::Reinterpreted,
                        at.push("type"),
                        format!("unknown type `{other}`; read as any JSON value"),
                    );
                    TypeRef::Any
                }
                None => TypeRef::Any,
            },
        })
    }

    /// A map, keyed by a named enum when `propertyNames` (carried by lowering) gives one.
    fn keyed_map(&mut self, schema: &Schema, value: TypeRef, hint: &str, at: &Pointer) -> Result<TypeRef, Error> {
        let Some(raw) = schema.schema_data.extensions.get(PROPERTY_NAMES_MARKER) else {
            return Ok(TypeRef::Map(Box::new(value)));
        };
        let at = at.push("propertyNames");
        let names: ReferenceOr<Schema> = serde_json::from_value(raw.clone())
            .map_err(|e| Error::InvalidSpec { pointer: at.to_string(), message: format!("not a schema: {e}") })?;
        match self.type_ref(&names, &format!("{hint}Key"), &at)? {
            TypeRef::Named(key) => Ok(TypeRef::KeyedMap(key, Box::new(value))),
            _ => {
                self.warn(
                    DiagnosticKind::Unsupported,
                    &at,
                    "`propertyNames` that is not a string enum or const is not enforced; keys are strings",
                );
                Ok(TypeRef::Map(Box::new(value)))
            }
        }
    }
    fn operations(&mut self) -> Result<Vec<Group>, Error> {
        let spec = self.spec;
        let root_security = spec.security.clone().unwrap_or_default();
        let mut groups: BTreeMap<String, Vec<(bool, Operation)>> = BTreeMap::new();
        let mut operation_ids: BTreeMap<String, String> = BTreeMap::new();
        for (path, item) in spec.paths.iter() {
            let path_at = Pointer::root().push("paths").push(path);
            let ReferenceOr::Item(item) = item else { continue };
            for (method, op) in item.iter() {
                let at = path_at.push(method);
                let ignored = op.extensions.get("x-fern-ignore").and_then(serde_json::Value::as_bool) == Some(true);
                if ignored && !self.include_fern_ignored {
                    continue;
                }
                if !op.servers.is_empty() || !item.servers.is_empty() {
                    self.warn(
                        DiagnosticKind::Unsupported,
                        at.push("servers"),
                        "per-operation servers are not supported; the client's base URL is used",
                    );
                }
                let label = op.operation_id.clone().unwrap_or_else(|| format!("{} {path}", method.to_uppercase()));
                if let Some(id) = &op.operation_id {
                    if let Some(first) = operation_ids.insert(id.clone(), format!("{} {path}", method.to_uppercase())) {
                        return Err(Error::InvalidSpec {
                            pointer: at.push("operationId").to_string(),
                            message: format!(
                                "operationId `{id}` is also used by `{first}`; operationIds must be unique, rename one"
                            ),
                        });
                    }
                }
                let fern_group = op.extensions.get("x-fern-sdk-group-name").and_then(serde_json::Value::as_str);
                let fern_method = op.extensions.get("x-fern-sdk-method-name").and_then(serde_json::Value::as_str);
                let group = fern_group.or_else(|| op.tags.first().map(String::as_str)).unwrap_or("default");
                let method_raw = match (fern_method, &op.operation_id) {
                    (Some(m), _) => m.to_owned(),
                    (None, Some(id)) => naming::strip_fastapi_suffix(id, path, method).to_owned(),
                    (None, None) => format!("{method}_{path}"),
                };
                let method_name = naming::snake_name(&method_raw);

                let mut params = Vec::new();
                // The builder's own members, and the locals its `send` binds before it reads the
                // parameters (`path`, `request`; `media_type` is `send_accepting`'s argument).
                let mut param_names = Namespace::with_reserved(&[
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
                ]);
                let mut seen = Vec::new();
                // Operation parameters override path-item ones with the same name and location.
                for (list, list_at) in
                    [(&op.parameters, at.push("parameters")), (&item.parameters, path_at.push("parameters"))]
                {
                    for (i, param) in list.iter().enumerate() {
                        let param_at = list_at.index(i);
                        let param = self.component(param, "parameters", |c| &c.parameters, &param_at)?;
                        let data = param.parameter_data_ref();
                        let location = match param {
                            Parameter::Query { .. } => ParamLocation::Query,
                            Parameter::Header { .. } => ParamLocation::Header,
                            Parameter::Path { .. } => ParamLocation::Path,
                            Parameter::Cookie { .. } => ParamLocation::Cookie,
                        };
                        if seen.contains(&(data.name.clone(), location)) {
                            continue;
                        }
                        seen.push((data.name.clone(), location));
                        params.push(self.param(data, location, &mut param_names, &method_name, &param_at)?);
                    }
                }
                // A template parameter the operation forgot to declare (common in hand-written vendor
                // specs): a required `String` argument, so that the spec stays usable, with a warning.
                for name in template_names(path) {
                    if params.iter().any(|p| p.location == ParamLocation::Path && p.wire_name == name) {
                        continue;
                    }
                    self.warn(
                        DiagnosticKind::UndeclaredPathParameter,
                        at.clone(),
                        format!(
                            "path template has `{{{name}}}` but no path parameter `{name}` is declared; it is \
                             generated as a required `String` argument (declare it in the spec to give it a type)"
                        ),
                    );
                    let data = undeclared_path_parameter(name);
                    params.push(self.param(&data, ParamLocation::Path, &mut param_names, &method_name, &at)?);
                }
                // Path parameters come first, in the order the template uses them.
                let position = |p: &Param| path.find(&format!("{{{}}}", p.wire_name)).unwrap_or(usize::MAX);
                params.sort_by_key(|p| {
                    (p.location != ParamLocation::Path, if p.location == ParamLocation::Path { position(p) } else { 0 })
                });
                if let Some(orphan) = params
                    .iter()
                    .find(|p| p.location == ParamLocation::Path && !path.contains(&format!("{{{}}}", p.wire_name)))
                {
                    return Err(Error::InvalidSpec {
                        pointer: at.to_string(),
                        message: format!(
                            "path parameter `{}` is declared but the path template `{path}` has no `{{{}}}`; \
                             add it to the path or make it a query parameter",
                            orphan.wire_name, orphan.wire_name
                        ),
                    });
                }

                let body = match &op.request_body {
                    None => None,
                    Some(body) => self.request_body(body, &type_hint(&method_name, "Body"), &at.push("requestBody"))?,
                };
                let responses = self.responses(&op.responses, &method_name, &at.push("responses"))?;
                let security = op.security.as_ref().unwrap_or(&root_security);
                let (api_key_headers, bearer) = self.credentials(security, &at);
                // A numeric `timeout` query parameter asks the server to hold the request that long
                // (Junction's refresh): the HTTP timeout must outlast it.
                let server_wait = params
                    .iter()
                    .find(|p| {
                        p.location == ParamLocation::Query
                            && p.wire_name.eq_ignore_ascii_case("timeout")
                            && matches!(p.ty, TypeRef::Number { .. } | TypeRef::Integer { .. })
                    })
                    .map(|p| ServerWait {
                        param: p.name.clone(),
                        default_seconds: p.default.as_ref().and_then(Value::as_f64),
                    });

                let mut operation = Operation {
                    label,
                    builder_name: String::new(),
                    error_name: String::new(),
                    response_enum_name: String::new(),
                    method: String::new(),
                    http_method: method.to_uppercase(),
                    path: path.clone(),
                    docs: docs(op.summary.as_deref(), op.description.as_deref(), ""),
                    deprecated: op.deprecated,
                    availability: availability(&op.extensions),
                    params,
                    body,
                    responses,
                    api_key_headers,
                    bearer,
                    server_wait,
                };
                set_method(&mut operation, method_name);
                groups.entry(naming::snake_name(group)).or_default().push((fern_method.is_some(), operation));
            }
        }

        let mut group_names = Namespace::with_reserved(RESERVED_GROUPS);
        let mut out = Vec::new();
        for (group, mut operations) in groups {
            let name = group_names.claim(group);
            // Fallback names that several operations share (FastAPI reuses one handler name across paths)
            // say nothing about which is which: those operations use their whole operationId instead.
            let mut fallback_uses: BTreeMap<String, usize> = BTreeMap::new();
            for (from_fern, op) in &operations {
                if !from_fern {
                    *fallback_uses.entry(op.method.clone()).or_default() += 1;
                }
            }
            for (from_fern, op) in &mut operations {
                if !*from_fern && fallback_uses[&op.method] > 1 {
                    let full = naming::snake_name(&op.label);
                    self.warn(
                        DiagnosticKind::NameCollision,
                        Pointer::root().push("paths").push(&op.path),
                        format!(
                            "{} operations in group `{name}` fall back to the name `{}`; `{}` is generated as `{full}` (set `x-fern-sdk-method-name` to choose)",
                            fallback_uses[&op.method], op.method, op.label
                        ),
                    );
                    set_method(op, full);
                }
            }
            operations.sort_by(|a, b| a.1.method.cmp(&b.1.method));
            let mut methods = Namespace::default();
            let mut seen: BTreeMap<String, String> = BTreeMap::new();
            let mut ops = Vec::new();
            for (from_fern, mut op) in operations {
                if let Some(first) = seen.get(&op.method) {
                    if from_fern {
                        return Err(Error::DuplicateOperation {
                            pointer: Pointer::root()
                                .push("paths")
                                .push(&op.path)
                                .push(&op.http_method.to_lowercase())
                                .to_string(),
                            first: first.clone(),
                            second: op.label.clone(),
                            group: name.clone(),
                            method: op.method.clone(),
                        });
                    }
                }
                seen.insert(op.method.clone(), op.label.clone());
                let claimed = methods.claim(op.method.clone());
                if claimed != op.method {
                    self.warn(
                        DiagnosticKind::NameCollision,
                        Pointer::root().push("paths").push(&op.path),
                        format!(
                            "method name `{}` is taken in group `{name}`; `{}` is generated as `{claimed}`",
                            op.method, op.label
                        ),
                    );
                    set_method(&mut op, claimed);
                }
                ops.push(op);
            }
            out.push(Group { client_name: naming::group_client_name(&name), name, operations: ops });
        }
        Ok(out)
    }

    /// Follows a local `#/components/<kind>/<name>` reference one level (references to references are
    /// not followed, and say so).
    fn component<T>(
        &self,
        item: &'a ReferenceOr<T>,
        kind: &'static str,
        table: fn(&'a openapiv3::Components) -> &'a indexmap::IndexMap<String, ReferenceOr<T>>,
        at: &Pointer,
    ) -> Result<&'a T, Error> {
        let reference = match item {
            ReferenceOr::Item(item) => return Ok(item),
            ReferenceOr::Reference { reference } => reference,
        };
        let prefix = format!("#/components/{kind}/");
        let target = reference.strip_prefix(&prefix).and_then(|name| table(self.spec.components.as_ref()?).get(name));
        match target {
            Some(ReferenceOr::Item(item)) => Ok(item),
            _ => Err(Error::DanglingRef {
                pointer: at.to_string(),
                reference: reference.clone(),
                hint: format!("expected an entry under {prefix} (a reference to a reference is not followed)"),
            }),
        }
    }

    fn param(
        &mut self,
        data: &openapiv3::ParameterData,
        location: ParamLocation,
        names: &mut Namespace,
        method: &str,
        at: &Pointer,
    ) -> Result<Param, Error> {
        let hint = type_hint(method, &data.name);
        let (ty, bounds, default, schema_docs) = match &data.format {
            ParameterSchemaOrContent::Schema(schema) => {
                let at = at.push("schema");
                let ty = self.type_ref(schema, &hint, &at)?;
                match schema {
                    ReferenceOr::Item(schema) => {
                        let d = &schema.schema_data;
                        (
                            ty,
                            bounds(schema),
                            d.default.clone(),
                            docs(d.title.as_deref(), d.description.as_deref(), &data.name),
                        )
                    }
                    ReferenceOr::Reference { .. } => (ty, Bounds::default(), None, None),
                }
            }
            ParameterSchemaOrContent::Content(_) => {
                self.warn(
                    DiagnosticKind::Reinterpreted,
                    at.push("content"),
                    "parameters with `content` are sent as JSON text",
                );
                (TypeRef::Any, Bounds::default(), None, None)
            }
        };
        let required = data.required || location == ParamLocation::Path;
        if location == ParamLocation::Header && !is_header_name(&data.name) {
            return Err(Error::InvalidSpec {
                pointer: at.push("name").to_string(),
                message: format!(
                    "`{}` is not a valid HTTP header name (letters, digits and !#$%&'*+-.^_`|~ only); fix the name",
                    data.name
                ),
            });
        }
        let wanted = naming::snake_name(&data.name);
        let name = names.claim(wanted.clone());
        if name != wanted {
            self.warn(
                DiagnosticKind::NameCollision,
                at.push("name"),
                format!(
                    "parameter `{}` maps to the Rust name `{wanted}`, which another parameter (or the request \
                     builder) already uses; it is generated as `{name}`",
                    data.name
                ),
            );
        }
        // A header is a credential by the property rule, or when it names any key, authorization or
        // cookie (`x-vital-link-token`, `x-idempotency-key`).
        let lowered = data.name.to_ascii_lowercase();
        let sensitive = location == ParamLocation::Header
            && !matches!(ty, TypeRef::Array(_))
            && (is_credential_name(&lowered) || ["key", "authorization", "cookie"].iter().any(|w| lowered.contains(w)));
        Ok(Param {
            sensitive,
            name,
            wire_name: data.name.clone(),
            location,
            required,
            ty,
            docs: data.description.clone().or(schema_docs),
            default,
            bounds,
            deprecated: data.deprecated.unwrap_or(false),
        })
    }

    fn request_body(
        &mut self,
        body: &'a ReferenceOr<openapiv3::RequestBody>,
        hint: &str,
        at: &Pointer,
    ) -> Result<Option<RequestBody>, Error> {
        let body = self.component(body, "requestBodies", |c| &c.request_bodies, at)?;
        let json = body.content.iter().find(|(m, _)| is_json(m));
        let multipart = body.content.iter().find(|(m, _)| media_essence(m) == "multipart/form-data");
        let Some(((media_type, media), encoding)) =
            json.map(|j| (j, BodyEncoding::Json)).or(multipart.map(|m| (m, BodyEncoding::Multipart)))
        else {
            let kinds: Vec<&str> = body.content.keys().map(String::as_str).collect();
            self.warn(
                DiagnosticKind::Unsupported,
                at.push("content"),
                format!("request bodies of type {kinds:?} are not generated yet; the operation is sent without a body"),
            );
            return Ok(None);
        };
        let schema_at = at.push("content").push(media_type).push("schema");
        let ty = match &media.schema {
            Some(schema) => self.type_ref(schema, hint, &schema_at)?,
            None => TypeRef::Any,
        };
        if encoding == BodyEncoding::Multipart
            && !matches!(ty, TypeRef::Named(id) if matches!(self.types[id.0].shape, Shape::Struct(_)))
        {
            self.warn(
                DiagnosticKind::Unsupported,
                &schema_at,
                "a multipart body must be an object with properties; the operation is sent without a body",
            );
            return Ok(None);
        }
        Ok(Some(RequestBody { ty, required: body.required, encoding }))
    }

    fn responses(
        &mut self,
        responses: &'a openapiv3::Responses,
        method: &str,
        at: &Pointer,
    ) -> Result<Vec<Response>, Error> {
        let mut out = Vec::new();
        let listed = responses.responses.iter().map(|(code, r)| (Some(code), r));
        for (code, response) in listed.chain(responses.default.iter().map(|r| (None, r))) {
            let (status, key) = match code {
                Some(StatusCode::Code(code)) => (Status::Code(*code), code.to_string()),
                Some(StatusCode::Range(range)) => {
                    self.warn(
                        DiagnosticKind::Unsupported,
                        at.push(&format!("{range}XX")),
                        "status ranges are not generated yet; such responses are unexpected statuses",
                    );
                    continue;
                }
                None => (Status::Default, String::from("default")),
            };
            let at = at.push(&key);
            let response = self.component(response, "responses", |c| &c.responses, &at)?;
            let variant = match status {
                Status::Code(code) => naming::status_variant_name(code),
                Status::Default => String::from("Default"),
            };
            let mut examples = Vec::new();
            let mut body_media_type = None;
            let mut alternatives = Vec::new();
            let body = if response.content.is_empty() {
                ResponseBody::Empty
            } else if let Some((media_type, media)) =
                response.content.iter().find(|(m, _)| is_json(m)).filter(|(_, media)| {
                    // A JSON alternative that says nothing (`schema: {}`) beside a binary media type (the PDF
                    // endpoints): the body is the binary one.
                    let says_nothing = match &media.schema {
                        None => true,
                        Some(ReferenceOr::Item(Schema { schema_kind: SchemaKind::Any(any), .. })) => {
                            any.typ.is_none() && any.properties.is_empty() && any.any_of.is_empty()
                        }
                        Some(_) => false,
                    };
                    !(says_nothing && response.content.keys().any(|m| !is_json(m)))
                })
            {
                body_media_type = Some(media_type.clone());
                alternatives.extend(response.content.keys().filter(|m| !is_json(m)).cloned());
                examples.extend(media.example.iter().cloned());
                examples.extend(media.examples.values().filter_map(|e| match e {
                    ReferenceOr::Item(example) => example.value.clone(),
                    ReferenceOr::Reference { .. } => None,
                }));
                match &media.schema {
                    Some(schema) => ResponseBody::Json(self.type_ref(
                        schema,
                        &type_hint(method, &format!("{variant}Body")),
                        &at.push("content").push(media_type).push("schema"),
                    )?),
                    None => ResponseBody::Json(TypeRef::Any),
                }
            } else {
                let media_type = response
                    .content
                    .keys()
                    .find(|m| !is_json(m))
                    .or(response.content.keys().next())
                    .cloned()
                    .unwrap_or_default();
                body_media_type = Some(media_type.clone());
                ResponseBody::Bytes { media_type }
            };
            let description = Some(response.description.trim().to_owned()).filter(|d| !d.is_empty());
            out.push(Response {
                status,
                variant,
                description,
                body,
                examples,
                media_type: body_media_type,
                alternatives,
            });
        }
        out.sort_by_key(|r| r.status);
        Ok(out)
    }

    /// The credentials of the first security alternative whose schemes are all supported: API keys in
    /// headers (their header names) and bearer tokens (HTTP bearer, OAuth 2 and OpenID Connect all send
    /// `Authorization: Bearer`). An empty alternative (`{}`) means the operation may go unauthenticated.
    fn credentials(&mut self, security: &[openapiv3::SecurityRequirement], at: &Pointer) -> (Vec<String>, bool) {
        let schemes = self.spec.components.as_ref().map(|c| &c.security_schemes);
        let mut unsupported = Vec::new();
        for requirement in security {
            let mut headers = Vec::new();
            let mut bearer = false;
            let mut usable = true;
            for scheme_name in requirement.keys() {
                match schemes.and_then(|s| s.get(scheme_name)) {
                    Some(ReferenceOr::Item(SecurityScheme::APIKey {
                        location: openapiv3::APIKeyLocation::Header,
                        name,
                        ..
                    })) => headers.push(name.clone()),
                    Some(ReferenceOr::Item(SecurityScheme::HTTP { scheme, .. }))
                        if scheme.eq_ignore_ascii_case("bearer") =>
                    {
                        bearer = true;
                    }
                    Some(ReferenceOr::Item(SecurityScheme::OAuth2 { .. } | SecurityScheme::OpenIDConnect { .. })) => {
                        bearer = true;
                    }
                    _ => {
                        usable = false;
                        unsupported.push(scheme_name.clone());
                    }
                }
            }
            if usable {
                return (headers, bearer);
            }
        }
        if !unsupported.is_empty() {
            self.warn(
                DiagnosticKind::Unsupported,
                at.push("security"),
                format!("security schemes {unsupported:?} are not supported yet (API keys in headers and bearer tokens are); the request is sent without credentials"),
            );
        }
        (Vec::new(), false)
    }

    /// One [`Webhook`] per entry of `webhooks` whose operation has a JSON body.
    fn webhooks(
        &mut self,
        webhooks: &'a indexmap::IndexMap<String, ReferenceOr<openapiv3::PathItem>>,
    ) -> Result<Vec<Webhook>, Error> {
        let mut names = Namespace::with_reserved(&["Unknown"]);
        let mut out = Vec::new();
        for (key, item) in webhooks {
            let at = Pointer::root().push("webhooks").push(key);
            let ReferenceOr::Item(item) = item else {
                self.warn(DiagnosticKind::Unsupported, &at, "a webhook that is a `$ref` is not generated");
                continue;
            };
            for (method, op) in item.iter() {
                let at = at.push(method);
                let Some(body) = &op.request_body else {
                    self.warn(
                        DiagnosticKind::Unsupported,
                        &at,
                        "a webhook without a request body has no payload to parse; not generated",
                    );
                    continue;
                };
                let hint = format!("{}Payload", naming::type_name(key));
                let Some(body) = self.request_body(body, &hint, &at.push("requestBody"))? else { continue };
                out.push(Webhook {
                    key: key.clone(),
                    variant: names.claim(naming::type_name(&key.replace('*', ""))),
                    payload: body.ty,
                    event_types: Vec::new(),
                    docs: docs(op.summary.as_deref(), op.description.as_deref(), ""),
                });
            }
        }
        Ok(out)
    }

    fn servers(&mut self) -> Vec<Server> {
        let mut names = Namespace::default();
        let mut out = Vec::new();
        for (i, server) in self.spec.servers.iter().enumerate() {
            let at = Pointer::root().push("servers").index(i);
            let mut url = server.url.trim_end_matches('/').to_owned();
            for (name, variable) in server.variables.iter().flatten() {
                url = url.replace(&format!("{{{name}}}"), &variable.default);
            }
            if !url.starts_with("https://") {
                self.warn(DiagnosticKind::InvalidValue, at.push("url"), format!("server `{url}` is not an absolute https URL; it is not offered as an environment (use `base_url`)"));
                continue;
            }
            let raw_name = server
                .extensions
                .get("x-fern-server-name")
                .and_then(serde_json::Value::as_str)
                .map(str::to_owned)
                .or_else(|| server.description.clone())
                .unwrap_or_else(|| format!("Server{}", i + 1));
            out.push(Server {
                variant: names.claim(naming::type_name(&raw_name)),
                url,
                docs: server.description.clone(),
            });
        }
        out
    }
}

/// Sets an operation's method name and the type names derived from it.
fn set_method(op: &mut Operation, method: String) {
    op.builder_name = naming::request_builder_name(&method);
    op.error_name = naming::error_enum_name(&method);
    op.response_enum_name = naming::response_enum_name(&method);
    op.method = method;
}

fn media_essence(media_type: &str) -> String {
    media_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase()
}

fn is_json(media_type: &str) -> bool {
    let essence = media_essence(media_type);
    essence == "application/json" || essence.ends_with("+json")
}

/// The name hint for a type hoisted out of an operation: `refresh` + `Body` → `RefreshBody`.
fn type_hint(method: &str, part: &str) -> String {
    format!("{}{}", naming::type_name(method), naming::type_name(part))
}

fn bounds(schema: &Schema) -> Bounds {
    match &schema.schema_kind {
        SchemaKind::Type(Type::Number(n)) => Bounds {
            min: n.minimum.map(|v| (v, n.exclusive_minimum)),
            max: n.maximum.map(|v| (v, n.exclusive_maximum)),
        },
        SchemaKind::Type(Type::Integer(n)) => Bounds {
            min: n.minimum.map(|v| (v as f64, n.exclusive_minimum)),
            max: n.maximum.map(|v| (v as f64, n.exclusive_maximum)),
        },
        _ => Bounds::default(),
    }
}

/// The extension that marks a property as a credential (`true`) or not (`false`), over the name rule of
/// [`is_credential_name`]; settable from an overlay.
pub const SENSITIVE_EXTENSION: &str = "x-sensitive";

/// Whether a property's wire name says it holds a credential: it contains `token`, `secret` or
/// `password`, or is an API key (`api_key`, `apiKey`, `x_api_key`).
fn is_credential_name(wire_name: &str) -> bool {
    let lowered = wire_name.to_ascii_lowercase();
    ["token", "secret", "password"].iter().any(|word| lowered.contains(word))
        || lowered.replace(['-', '_'], "").contains("apikey")
}

/// The parameter names a path template uses (`/a/{id}/b/{kind}` → `id`, `kind`), in order.
fn template_names(path: &str) -> impl Iterator<Item = &str> {
    path.split('{').skip(1).map(|segment| segment.split('}').next().unwrap_or_default())
}

/// The parameter an operation should have declared for `{name}` in its path: a string.
fn undeclared_path_parameter(name: &str) -> openapiv3::ParameterData {
    let string = openapiv3::Schema {
        schema_data: Default::default(),
        schema_kind: openapiv3::SchemaKind::Type(openapiv3::Type::String(Default::default())),
    };
    openapiv3::ParameterData {
        name: name.to_owned(),
        description: Some(String::from("Not declared by the spec (only named in the path template); sent as given.")),
        required: true,
        deprecated: None,
        format: ParameterSchemaOrContent::Schema(ReferenceOr::Item(string)),
        example: None,
        examples: Default::default(),
        explode: None,
        extensions: Default::default(),
    }
}
