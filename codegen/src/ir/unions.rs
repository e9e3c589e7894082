//! Decides how each union is deserialised, once every type is known: by a string `const` tag shared by
//! the object members, by a property only one member has, by the values an open enum knows, and only
//! then by trial, most specific member first. A value nothing matches is kept as JSON (`Unknown`).

use super::{Field, Matcher, Shape, TypeDef, TypeId, TypeRef, UnionVariant};

/// The members a union converts from (`impl From<Member> for Union`): those whose Rust type (seen
/// through aliases) no other member has, and that are not any JSON value. A `String` member also
/// converts from `&str`.
pub fn conversions<'v>(types: &[TypeDef], variants: &'v [UnionVariant]) -> Vec<(&'v UnionVariant, bool)> {
    let rust: Vec<String> = variants.iter().map(|v| expanded(types, &v.ty, 0)).collect();
    variants
        .iter()
        .zip(&rust)
        .filter(|(variant, ty)| variant.ty != TypeRef::Any && rust.iter().filter(|other| other == ty).count() == 1)
        .map(|(variant, _)| (variant, super::resolve(types, &variant.ty) == &TypeRef::String))
        .collect()
}

/// A type as Rust sees it: every alias replaced by what it names (type aliases are not new types).
fn expanded(types: &[TypeDef], ty: &TypeRef, depth: usize) -> String {
    let inner = |ty: &TypeRef| expanded(types, ty, depth + 1);
    match ty {
        _ if depth > 32 => String::from("?"),
        TypeRef::Named(id) | TypeRef::Boxed(id) => match &types[id.0].shape {
            Shape::Alias(target) if matches!(ty, TypeRef::Named(_)) => inner(target),
            Shape::Alias(target) => format!("Box<{}>", inner(target)),
            _ if matches!(ty, TypeRef::Boxed(_)) => format!("Box<{}>", types[id.0].name),
            _ => types[id.0].name.clone(),
        },
        TypeRef::Array(item) => format!("Vec<{}>", inner(item)),
        TypeRef::Map(value) => format!("Map<{}>", inner(value)),
        TypeRef::KeyedMap(key, value) => format!("Map<{}, {}>", types[key.0].name, inner(value)),
        TypeRef::Nullable(value) => format!("Option<{}>", inner(value)),
        other => format!("{other:?}"),
    }
}

/// Plans every union in the arena.
pub fn plan_all(types: &mut [TypeDef]) {
    for i in 0..types.len() {
        let Shape::Union { variants, in_order } = &types[i].shape else { continue };
        let (mut variants, in_order) = (variants.clone(), *in_order);
        // A union that lists itself as a member adds nothing by it (and trying it would recurse
        // forever): the member is dropped.
        variants.retain(|v| !matches!(v.ty, TypeRef::Named(TypeId(id)) | TypeRef::Boxed(TypeId(id)) if id == i));
        plan(types, &mut variants, in_order);
        types[i].shape = Shape::Union { variants, in_order };
    }
}

/// Sets each variant's [`Matcher`] and sorts the variants into the order they are tried.
pub fn plan(types: &[TypeDef], variants: &mut [UnionVariant], in_order: bool) {
    let structs: Vec<Option<&[Field]>> = variants.iter().map(|v| struct_fields(types, &v.ty)).collect();
    let struct_count = structs.iter().flatten().count();

    // A `discriminator` (set by the IR builder) is authoritative: its tags stay as they are.
    let discriminated = variants.iter().any(|v| matches!(v.matcher, Matcher::Tag { .. }));
    let tag = (struct_count >= 2 && !discriminated).then(|| common_tag(types, &structs)).flatten();
    for (i, variant) in variants.iter_mut().enumerate() {
        if discriminated && matches!(variant.matcher, Matcher::Tag { .. }) {
            continue;
        }
        variant.matcher = match (structs[i], &tag) {
            (Some(fields), Some(tag)) => Matcher::Tag {
                field: tag.clone(),
                values: fields
                    .iter()
                    .find(|f| &f.wire_name == tag)
                    .and_then(|f| tag_values(types, f))
                    .unwrap_or_default(),
            },
            (Some(fields), None) => match unique_key(fields, &structs, i) {
                Some(key) => Matcher::Key(key),
                None => Matcher::Trial,
            },
            (None, _) if is_open_enum(types, &variant.ty) => Matcher::KnownString,
            (None, _) => Matcher::Trial,
        };
    }
    let rank = |v: &UnionVariant| match v.matcher {
        Matcher::Tag { .. } => 0,
        Matcher::Key(_) => 1,
        Matcher::KnownString => 2,
        Matcher::Trial => 3,
    };
    // Stable sorts: equal ranks keep spec order.
    if in_order {
        variants.sort_by_key(rank);
    } else {
        variants.sort_by_key(|v| (rank(v), looseness(types, &v.ty)));
    }
}

/// The named type a reference ends at, through aliases and boxes.
fn target<'t>(types: &'t [TypeDef], ty: &TypeRef) -> Option<&'t TypeDef> {
    let (TypeRef::Named(id) | TypeRef::Boxed(id)) = ty else { return None };
    match &types[id.0].shape {
        Shape::Alias(inner) => match super::resolve(types, inner) {
            TypeRef::Named(id) | TypeRef::Boxed(id) => Some(&types[id.0]),
            _ => None,
        },
        _ => Some(&types[id.0]),
    }
}

fn struct_fields<'t>(types: &'t [TypeDef], ty: &TypeRef) -> Option<&'t [Field]> {
    match &target(types, ty)?.shape {
        Shape::Struct(fields) => Some(fields),
        _ => None,
    }
}

fn is_open_enum(types: &[TypeDef], ty: &TypeRef) -> bool {
    matches!(target(types, ty).map(|t| &t.shape), Some(Shape::StringEnum { open: true, .. }))
}

/// The values a required field pins its object to: a string `const`, or a closed enum.
fn tag_values(types: &[TypeDef], field: &Field) -> Option<Vec<String>> {
    if !field.required || field.nullable {
        return None;
    }
    match &target(types, &field.ty)?.shape {
        Shape::ConstString { value, .. } => Some(vec![value.clone()]),
        Shape::StringEnum { variants, open: false, .. } => Some(variants.iter().map(|v| v.wire.clone()).collect()),
        _ => None,
    }
}

/// A property every object member pins to its own, disjoint set of values.
fn common_tag(types: &[TypeDef], structs: &[Option<&[Field]>]) -> Option<String> {
    let first = structs.iter().flatten().next()?;
    'candidates: for candidate in first.iter().filter(|f| tag_values(types, f).is_some()) {
        let mut seen: Vec<String> = Vec::new();
        for fields in structs.iter().flatten() {
            let field = fields.iter().find(|f| f.wire_name == candidate.wire_name);
            let Some(values) = field.and_then(|f| tag_values(types, f)) else { continue 'candidates };
            if values.iter().any(|v| seen.contains(v)) {
                continue 'candidates;
            }
            seen.extend(values);
        }
        return Some(candidate.wire_name.clone());
    }
    None
}

/// A required property of member `i` that no other object member has at all.
fn unique_key(fields: &[Field], structs: &[Option<&[Field]>], i: usize) -> Option<String> {
    fields
        .iter()
        .filter(|f| f.required && !f.flatten)
        .find(|f| {
            structs
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .all(|(_, other)| other.is_none_or(|o| o.iter().all(|g| g.wire_name != f.wire_name)))
        })
        .map(|f| f.wire_name.clone())
}

/// How deep [`looseness`] looks into a type.
const LOOSENESS_DEPTH: usize = 16;

/// How much a type accepts, roughly: members that accept less are tried first, so that a body is not
/// taken by a looser member that happens to come earlier (`Vec<f64>` before `Vec<Option<f64>>`,
/// `Uuid` before `String`, an object with more required properties before one with fewer).
fn looseness(types: &[TypeDef], ty: &TypeRef) -> u32 {
    looseness_within(types, ty, 0)
}

/// [`looseness`], looking at most [`LOOSENESS_DEPTH`] types deep: a recursive newtype
/// (`Forest = Vec<Forest>`) would otherwise be followed forever.
fn looseness_within(types: &[TypeDef], ty: &TypeRef, depth: usize) -> u32 {
    if depth > LOOSENESS_DEPTH {
        return 1000;
    }
    let looseness = |ty: &TypeRef| looseness_within(types, ty, depth + 1);
    match ty {
        TypeRef::Any => 1000,
        TypeRef::Nullable(inner) => looseness(inner) + 1,
        TypeRef::Array(item) => looseness(item),
        TypeRef::Map(value) | TypeRef::KeyedMap(_, value) => 500 + looseness(value) / 10,
        TypeRef::ConstBool(_) | TypeRef::ConstInteger(_) => 50,
        TypeRef::Boolean | TypeRef::Integer { .. } => 100,
        TypeRef::Native(native) => native.union_rank,
        TypeRef::Number { .. } => 200,
        TypeRef::String => 300,
        TypeRef::Named(_) | TypeRef::Boxed(_) => match target(types, ty).map(|t| &t.shape) {
            Some(Shape::Struct(fields)) => {
                let required = fields.iter().filter(|f| f.required).count() as u32;
                400u32.saturating_sub(10 * required)
            }
            Some(Shape::ConstString { .. }) | Some(Shape::StringEnum { open: false, .. }) => 50,
            Some(Shape::IntegerEnum { open: false, .. }) => 50,
            Some(Shape::StringEnum { open: true, .. }) => 300,
            Some(Shape::IntegerEnum { open: true, .. }) | Some(Shape::Tuple { .. }) => 100,
            Some(Shape::Union { .. }) => 350,
            Some(Shape::Newtype(inner)) => looseness(inner),
            Some(Shape::Alias(_)) | None => 1000,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{EnumVariant, TypeId};

    fn def(name: &str, shape: Shape) -> TypeDef {
        TypeDef::new(name, "", shape)
    }

    fn field(wire: &str, ty: TypeRef, required: bool) -> Field {
        Field::plain(wire, ty, required)
    }

    fn variant(name: &str, ty: TypeRef) -> UnionVariant {
        UnionVariant { name: name.to_owned(), ty, matcher: Matcher::Trial }
    }

    #[test]
    fn looseness_of_a_recursive_newtype_is_bounded() {
        // `Forest = Vec<Forest>`, found by the fuzzer: following it used to overflow the stack.
        let forest = def("Forest", Shape::Newtype(TypeRef::Array(Box::new(TypeRef::Named(TypeId(0))))));
        assert_eq!(looseness(&[forest], &TypeRef::Named(TypeId(0))), 1000);
    }

    #[test]
    fn objects_with_disjoint_const_tags_are_chosen_by_tag() {
        let types = vec![
            def("WalkInTag", Shape::ConstString { value: "walk_in_test".into(), variant: "WalkInTest".into() }),
            def("TestKitTag", Shape::ConstString { value: "testkit".into(), variant: "Testkit".into() }),
            def("WalkIn", Shape::Struct(vec![field("type", TypeRef::Named(TypeId(0)), true)])),
            def("TestKit", Shape::Struct(vec![field("type", TypeRef::Named(TypeId(1)), true)])),
        ];
        let mut variants =
            vec![variant("WalkIn", TypeRef::Named(TypeId(2))), variant("TestKit", TypeRef::Named(TypeId(3)))];
        plan(&types, &mut variants, false);
        assert_eq!(variants[0].matcher, Matcher::Tag { field: "type".into(), values: vec!["walk_in_test".into()] });
        assert_eq!(variants[1].matcher, Matcher::Tag { field: "type".into(), values: vec!["testkit".into()] });
    }

    #[test]
    fn objects_without_a_tag_are_chosen_by_a_property_only_they_have() {
        let types = vec![
            def("Index", Shape::Struct(vec![field("index", TypeRef::String, true)])),
            def("Placeholder", Shape::Struct(vec![field("placeholder", TypeRef::ConstBool(true), true)])),
        ];
        let mut variants =
            vec![variant("Index", TypeRef::Named(TypeId(0))), variant("Placeholder", TypeRef::Named(TypeId(1)))];
        plan(&types, &mut variants, false);
        assert_eq!(variants[0].matcher, Matcher::Key("index".into()));
        assert_eq!(variants[1].matcher, Matcher::Key("placeholder".into()));
    }

    #[test]
    fn open_enums_match_known_values_and_trials_go_most_specific_first() {
        let open = Shape::StringEnum {
            variants: vec![EnumVariant { name: "A".into(), wire: "a".into() }],
            open: true,
            fallback: "Unknown".into(),
        };
        let types = vec![def("Providers", open)];
        let mut variants = vec![
            variant(
                "NullableNumberList",
                TypeRef::Array(Box::new(TypeRef::Nullable(Box::new(TypeRef::Number { float: false })))),
            ),
            variant("String", TypeRef::String),
            variant("NumberList", TypeRef::Array(Box::new(TypeRef::Number { float: false }))),
            variant("Providers", TypeRef::Named(TypeId(0))),
            variant("Uuid", TypeRef::Native(&crate::ir::native::UUID)),
        ];
        plan(&types, &mut variants, false);
        let order: Vec<&str> = variants.iter().map(|v| v.name.as_str()).collect();
        assert_eq!(order, ["Providers", "Uuid", "NumberList", "NullableNumberList", "String"]);
        assert_eq!(variants[0].matcher, Matcher::KnownString);
    }

    #[test]
    fn left_to_right_unions_keep_spec_order_for_trials() {
        let mut variants =
            vec![variant("String", TypeRef::String), variant("Uuid", TypeRef::Native(&crate::ir::native::UUID))];
        plan(&[], &mut variants, true);
        assert_eq!(variants[0].name, "String");
    }
}
