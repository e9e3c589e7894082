//! Schema conversion: component and inline schemas → [`TypeDef`]s and [`TypeRef`]s. Inline schemas that
//! need a type of their own are hoisted into the arena under a name derived from where they sit.

use super::build::{docs, Builder, SCHEMA_PREFIX};
use super::*;
use crate::diagnostic::{DiagnosticKind, Pointer};
use crate::naming::{self, Namespace};
use crate::parse::extras::SchemaExtras;
use crate::Error;
use openapiv3::{AdditionalProperties, ReferenceOr, Schema, SchemaKind, Type, VariantOrUnknownOrEmpty};

/// How deep inline schemas may nest inside each other. Real specs stay far below (Junction's deepest is
/// 4); an `allOf` whose members include its own schema inline would otherwise expand forever.
const MAX_HOIST_DEPTH: usize = 64;

fn placeholder(name: String, origin: String) -> TypeDef {
    TypeDef::new(name, origin, Shape::Alias(TypeRef::Any))
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

/// A string enum, open or closed, with its catch-all variant named.
fn string_enum(variants: Vec<EnumVariant>, open: bool) -> Shape {
    let fallback = naming::fallback_variant_name(variants.iter().map(|v| v.name.as_str()));
    Shape::StringEnum { variants, open, fallback }
}

/// The `format` of a string schema as the spec spells it (`openapiv3` parses the 3.0 ones).
fn string_format(format: &VariantOrUnknownOrEmpty<openapiv3::StringFormat>) -> Option<&str> {
    use openapiv3::StringFormat;
    match format {
        VariantOrUnknownOrEmpty::Item(StringFormat::Date) => Some("date"),
        VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => Some("date-time"),
        VariantOrUnknownOrEmpty::Item(StringFormat::Password) => Some("password"),
        VariantOrUnknownOrEmpty::Item(StringFormat::Byte) => Some("byte"),
        VariantOrUnknownOrEmpty::Item(StringFormat::Binary) => Some("binary"),
        VariantOrUnknownOrEmpty::Unknown(format) => Some(format),
        VariantOrUnknownOrEmpty::Empty => None,
    }
}

/// Whether an inline schema needs a named type of its own (and is hoisted when found inline).
fn needs_own_type(schema: &Schema, extras: &SchemaExtras) -> bool {
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(o)) => !o.properties.is_empty(),
        SchemaKind::Any(a) => !a.properties.is_empty(),
        SchemaKind::Type(Type::String(s)) => !s.enumeration.is_empty(),
        SchemaKind::Type(Type::Integer(i)) => !i.enumeration.is_empty() && extras.constant.is_none(),
        SchemaKind::Type(Type::Array(_)) => extras.is_tuple,
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

impl Builder<'_> {
    pub(super) fn declare_components(&mut self) {
        let Some(components) = &self.spec.components else { return };
        for name in components.schemas.keys() {
            let id = TypeId(self.types.len());
            let rust_name = self.names.claim(naming::type_name(name));
            let origin = Pointer::root().push("components").push("schemas").push(name).to_string();
            self.types.push(placeholder(rust_name, origin));
            self.by_ref.insert(format!("{SCHEMA_PREFIX}{name}"), id);
        }
    }

    pub(super) fn convert_components(&mut self) -> Result<(), Error> {
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
        let extras = SchemaExtras::of(data);
        let shape = self.shape(schema, &extras, &type_name, at)?;
        let def = &mut self.types[id.0];
        def.docs = docs(data.title.as_deref(), data.description.as_deref(), raw_name);
        def.deprecated = data.deprecated;
        def.availability = extras.availability.map(str::to_owned);
        def.examples = extras.examples();
        def.shape = shape;
        Ok(())
    }

    pub(super) fn resolve(&self, reference: &str, at: &Pointer) -> Result<TypeId, Error> {
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
    fn shape(&mut self, schema: &Schema, extras: &SchemaExtras, type_name: &str, at: &Pointer) -> Result<Shape, Error> {
        // Open unless the spec says the set is exhaustive.
        let open = !extras.exhaustive;
        if let (Some(Value::String(value)), Some(_)) = (extras.constant, string_values(schema)) {
            return Ok(Shape::ConstString { variant: naming::variant_name(value), value: value.clone() });
        }
        if let Some(values) = string_values(schema) {
            return Ok(string_enum(self.enum_variants(values, Some(extras)), open));
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
                if !integer.enumeration.is_empty() && extras.constant.is_none() =>
            {
                let mut names = Namespace::default();
                let mut variants: Vec<(String, i64)> = Vec::new();
                for value in integer.enumeration.iter().flatten() {
                    if !variants.iter().any(|(_, v)| v == value) {
                        variants.push((names.claim(naming::integer_variant_name(*value)), *value));
                    }
                }
                let fallback = naming::fallback_variant_name(variants.iter().map(|(name, _)| name.as_str()));
                Ok(Shape::IntegerEnum { variants, open, fallback })
            }
            SchemaKind::Type(Type::Array(array)) if extras.is_tuple => {
                self.tuple_shape(extras.prefix_items(at)?, array.min_items, type_name, at)
            }
            SchemaKind::AnyOf { any_of: members } | SchemaKind::OneOf { one_of: members } if members.len() > 1 => {
                let keyword = if matches!(schema.schema_kind, SchemaKind::AnyOf { .. }) { "anyOf" } else { "oneOf" };
                let discriminator = schema.schema_data.discriminator.as_ref();
                let in_order = extras.union_in_order;
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

    /// Enum variants named after their values (or the names Fern gives them), duplicates dropped.
    fn enum_variants(&mut self, values: Vec<String>, extras: Option<&SchemaExtras>) -> Vec<EnumVariant> {
        let mut names = Namespace::default();
        let mut variants: Vec<EnumVariant> = Vec::new();
        for value in values {
            if variants.iter().any(|v| v.wire == value) {
                continue;
            }
            let fern = extras.and_then(|e| e.fern_enum_name(&value));
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
            let extras = data.map(SchemaExtras::of).unwrap_or_default();
            let rust_name = extras.property_name.unwrap_or(wire_name);
            // Fern SDKs leave `x-fern-ignore` properties out; the data is still on the wire, so it is kept
            // (dropping it would lose it on a round trip) and said in the docs.
            let mut field_docs = data.and_then(|d| docs(d.title.as_deref(), d.description.as_deref(), wire_name));
            if extras.fern_ignored {
                let note = "Hidden from Fern-generated SDKs (`x-fern-ignore`).";
                field_docs = Some(field_docs.map_or_else(|| note.to_owned(), |d| format!("{d}\n\n{note}")));
            }
            let name = names.claim(naming::snake_name(rust_name));
            let required = required.contains(wire_name);
            fields.push(Field {
                constant: matches!(ty, TypeRef::ConstBool(_) | TypeRef::ConstInteger(_))
                    .then(|| naming::constant_name(&name)),
                name,
                wire_name: wire_name.clone(),
                docs: field_docs,
                deprecated: data.is_some_and(|d| d.deprecated),
                default: data.and_then(|d| d.default.clone()),
                availability: extras.availability.map(str::to_owned),
                sensitive: extras.sensitive.unwrap_or_else(|| is_credential_name(wire_name)),
                examples: extras.examples(),
                rules: match property {
                    ReferenceOr::Item(schema) => super::samples::Rules::of(schema),
                    ReferenceOr::Reference { .. } => None,
                },
                // Final once every type is known (`analysis`); this is what the spec alone says.
                repr: if required && !nullable { Repr::Plain } else { Repr::Optional },
                required,
                nullable,
                ty,
                flatten: false,
            });
        }
        let extra = match additional {
            Some(AdditionalProperties::Schema(values)) => {
                let hint = naming::map_value_type_name(type_name);
                Some(self.nullable_type_ref(values, &hint, &at.push("additionalProperties"))?)
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

    /// A `prefixItems` tuple.
    fn tuple_shape(
        &mut self,
        members: Vec<ReferenceOr<Schema>>,
        min_items: Option<usize>,
        type_name: &str,
        at: &Pointer,
    ) -> Result<Shape, Error> {
        let at = at.push("prefixItems");
        let mut items = Vec::new();
        for (i, member) in members.iter().enumerate() {
            let hint = naming::tuple_item_type_name(type_name, i);
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
            return Ok(string_enum(self.enum_variants(sets.into_iter().flatten().collect(), None), open));
        }
        let mut types = Vec::new();
        for (i, member) in members.iter().enumerate() {
            types.push(self.type_ref(member, &naming::union_member_type_name(type_name, i), &at.index(i))?);
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
            TypeRef::Nullable(inner) => naming::nullable_member_name(&self.variant_hint(inner)),
            TypeRef::Array(item) => naming::list_member_name(&self.variant_hint(item)),
            TypeRef::Map(value) | TypeRef::KeyedMap(_, value) => naming::map_member_name(&self.variant_hint(value)),
            TypeRef::Boolean | TypeRef::ConstBool(_) => String::from("Boolean"),
            TypeRef::ConstInteger(_) | TypeRef::Integer { .. } => String::from("Integer"),
            TypeRef::Number { .. } => String::from("Number"),
            TypeRef::String => String::from("String"),
            TypeRef::Native(native) => native.variant_name.to_owned(),
            TypeRef::Any => String::from("Value"),
        }
    }

    /// A type reference for a schema at `at`; `hint` names any type that must be hoisted out of it.
    /// Takes schemas boxed or not (`openapiv3` boxes properties and items), matched in place.
    pub(super) fn type_ref<S: std::borrow::Borrow<Schema>>(
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
    /// values, `additionalProperties`, tuple items: places where no `Field` carries the flag).
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
        let extras = SchemaExtras::of(&schema.schema_data);
        match (&schema.schema_kind, extras.constant) {
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
        if needs_own_type(schema, &extras) {
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
            SchemaKind::Type(Type::String(s)) => {
                string_format(&s.format).and_then(native::for_format).map_or(TypeRef::String, TypeRef::Native)
            }
            SchemaKind::Type(Type::Array(array)) => match &array.items {
                Some(items) => TypeRef::Array(Box::new(self.nullable_type_ref(
                    items,
                    &naming::item_type_name(hint),
                    &at.push("items"),
                )?)),
                None => TypeRef::Array(Box::new(TypeRef::Any)),
            },
            SchemaKind::Type(Type::Object(object)) => {
                let value = match &object.additional_properties {
                    Some(AdditionalProperties::Schema(values)) => self.nullable_type_ref(
                        values,
                        &naming::map_value_type_name(hint),
                        &at.push("additionalProperties"),
                    )?,
                    _ => TypeRef::Any,
                };
                self.keyed_map(&extras, value, hint, at)?
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
                        &naming::item_type_name(hint),
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
    fn keyed_map(&mut self, extras: &SchemaExtras, value: TypeRef, hint: &str, at: &Pointer) -> Result<TypeRef, Error> {
        let Some(names) = extras.property_names(at)? else {
            return Ok(TypeRef::Map(Box::new(value)));
        };
        let at = at.push("propertyNames");
        match self.type_ref(&names, &naming::map_key_type_name(hint), &at)? {
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
}

/// Whether a property's wire name says it holds a credential: it contains `token`, `secret` or
/// `password`, or is an API key (`api_key`, `apiKey`, `x_api_key`).
pub(super) fn is_credential_name(wire_name: &str) -> bool {
    let lowered = wire_name.to_ascii_lowercase();
    ["token", "secret", "password"].iter().any(|word| lowered.contains(word))
        || lowered.replace(['-', '_'], "").contains("apikey")
}

#[cfg(test)]
mod tests {
    use crate::ir::{native, Api, Shape, TypeDef, TypeRef};

    /// The IR of a spec whose `components.schemas` are `schemas` (YAML, indented as under `schemas:`).
    fn api(schemas: &str) -> Api {
        let spec = format!(
            "openapi: 3.1.0\ninfo: {{title: T, version: '1'}}\npaths: {{}}\ncomponents:\n  schemas:\n{schemas}"
        );
        crate::Generator::new().ir(&spec).unwrap().0
    }

    fn def<'a>(api: &'a Api, name: &str) -> &'a TypeDef {
        api.types.iter().find(|t| t.name == name).unwrap_or_else(|| panic!("no type {name}"))
    }

    fn field_types(api: &Api, name: &str) -> Vec<(String, TypeRef)> {
        let Shape::Struct(fields) = &def(api, name).shape else { panic!("{name} is not a struct") };
        fields.iter().map(|f| (f.name.clone(), f.ty.clone())).collect()
    }

    #[test]
    fn string_formats_are_rows_of_the_native_table_and_others_are_strings() {
        let api = api("    A:
      type: object
      properties:
        id: {type: string, format: uuid4}
        at: {type: string, format: date-time}
        ip: {type: string, format: ipv6}
        mail: {type: string, format: email}
");
        assert_eq!(
            field_types(&api, "A"),
            [
                ("id".into(), TypeRef::Native(&native::UUID)),
                ("at".into(), TypeRef::Native(&native::DATE_TIME)),
                ("ip".into(), TypeRef::Native(&native::IPV6)),
                ("mail".into(), TypeRef::String),
            ]
        );
    }

    #[test]
    fn a_string_const_is_a_unit_type_whose_variant_is_named_here() {
        let api = api("    Kind: {const: walk-in}\n");
        assert_eq!(def(&api, "Kind").shape, Shape::ConstString { value: "walk-in".into(), variant: "WalkIn".into() });
    }

    #[test]
    fn integer_enums_name_their_values_and_stay_open_unless_exhaustive() {
        let api = api("    Level: {type: integer, enum: [-1, 2, 2]}
    Closed: {type: integer, enum: [1], x-junction-exhaustive: true}
");
        let Shape::IntegerEnum { variants, open, fallback } = &def(&api, "Level").shape else { panic!() };
        assert_eq!(variants, &[("Minus1".to_owned(), -1), ("Value2".to_owned(), 2)]);
        assert!(*open);
        assert_eq!(fallback, "Unknown");
        assert!(matches!(def(&api, "Closed").shape, Shape::IntegerEnum { open: false, .. }));
    }

    #[test]
    fn an_enum_value_named_unknown_moves_the_fallback_aside() {
        let api = api("    S: {type: string, enum: [Unknown, b]}\n");
        let Shape::StringEnum { fallback, .. } = &def(&api, "S").shape else { panic!() };
        assert_eq!(fallback, "UnknownValue");
    }

    #[test]
    fn fern_names_properties_and_enum_values() {
        let api = api("    A:
      type: object
      properties:
        t: {type: string, x-fern-property-name: token_kind, x-sensitive: false}
    E:
      type: string
      enum: ['']
      x-fern-enum: {'': {name: Nothing}}
");
        let Shape::Struct(fields) = &def(&api, "A").shape else { panic!() };
        assert_eq!(
            (fields[0].name.as_str(), fields[0].wire_name.as_str(), fields[0].sensitive),
            ("token_kind", "t", false)
        );
        let Shape::StringEnum { variants, .. } = &def(&api, "E").shape else { panic!() };
        assert_eq!(variants[0].name, "Nothing");
    }

    #[test]
    fn credentials_are_recognised_by_name_and_x_sensitive_marks_others() {
        let api = api("    A:
      type: object
      properties:
        api_key: {type: string}
        refresh_token: {type: string}
        url: {type: string, x-sensitive: true}
        name: {type: string}
");
        let Shape::Struct(fields) = &def(&api, "A").shape else { panic!() };
        let sensitive: Vec<bool> = fields.iter().map(|f| f.sensitive).collect();
        assert_eq!(sensitive, [true, true, true, false]);
    }

    #[test]
    fn inline_objects_are_hoisted_under_names_derived_from_where_they_sit() {
        let api = api("    Outer:
      type: object
      properties:
        inner: {type: object, properties: {a: {type: string}}}
        list: {type: array, items: {type: object, properties: {b: {type: string}}}}
        pair: {type: array, prefixItems: [{type: string}, {type: object, properties: {c: {type: string}}}]}
");
        for name in ["OuterInner", "OuterListItem", "OuterPair", "OuterPairItem1"] {
            def(&api, name);
        }
    }
}
