//! Questions about types the IR's passes and the emitter ask: what a reference ends at, whether the
//! codec reads it, how it is written as text, how its Rust type is printed, how a path splits.

use super::*;

/// The type a reference ends at through aliases (and boxes): the reference itself unless it names an
/// alias. Alias cycles are broken before anything asks, so the bound only guards bad input.
pub fn resolve<'t>(types: &'t [TypeDef], mut ty: &'t TypeRef) -> &'t TypeRef {
    for _ in 0..=types.len() {
        match ty {
            TypeRef::Named(id) | TypeRef::Boxed(id) => match &types[id.0].shape {
                Shape::Alias(inner) => ty = inner,
                _ => return ty,
            },
            _ => return ty,
        }
    }
    ty
}

/// See [`Api::uses_codec`].
pub(super) fn uses_codec(types: &[TypeDef], ty: &TypeRef) -> bool {
    let mut budget = types.len() + 1;
    let mut pending = vec![ty];
    while let Some(ty) = pending.pop() {
        for part in ty.parts() {
            match part {
                TypeRef::Native(native) if native.codec => return true,
                TypeRef::Named(id) => match &types[id.0].shape {
                    Shape::Alias(inner) if budget > 0 => {
                        budget -= 1;
                        pending.push(inner);
                    }
                    _ => {}
                },
                _ => {}
            }
        }
    }
    false
}

/// See [`Api::text_form`].
pub(super) fn text_form(types: &[TypeDef], ty: &TypeRef) -> TextForm {
    match ty {
        TypeRef::Native(native) => native.text,
        TypeRef::String | TypeRef::Integer { .. } | TypeRef::Number { .. } | TypeRef::Boolean => TextForm::Display,
        TypeRef::Named(id) | TypeRef::Boxed(id) => types[id.0].text,
        _ => TextForm::Json,
    }
}

/// How the Rust type of a reference is printed.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum Paths {
    /// Full paths, from inside the `types` module (named types unqualified).
    InTypes,
    /// Full paths, from anywhere else in the generated crate (`crate::types::Name`).
    Elsewhere,
    /// Last segments only (`Vec<Uuid>`), as reports print types.
    Short,
}

/// See [`Api::rust_type`].
pub(super) fn rust_type(types: &[TypeDef], ty: &TypeRef, paths: Paths) -> String {
    let full = paths != Paths::Short;
    let pick = |long: &str, short: &str| if full { long.to_owned() } else { short.to_owned() };
    let named = |id: TypeId| match paths {
        Paths::Elsewhere => format!("crate::types::{}", types[id.0].name),
        _ => types[id.0].name.clone(),
    };
    let inner = |ty: &TypeRef| rust_type(types, ty, paths);
    match ty {
        TypeRef::Named(id) => named(*id),
        TypeRef::Boxed(id) => format!("{}<{}>", pick("::std::boxed::Box", "Box"), named(*id)),
        TypeRef::Boolean => String::from("bool"),
        TypeRef::ConstBool(value) => format!("{}<{value}>", pick("crate::runtime::ConstBool", "ConstBool")),
        TypeRef::ConstInteger(value) if full && *value < 0 => format!("crate::runtime::ConstInteger<{{ {value} }}>"),
        TypeRef::ConstInteger(value) => format!("{}<{value}>", pick("crate::runtime::ConstInteger", "ConstInteger")),
        TypeRef::Integer { int32 } => String::from(if *int32 { "i32" } else { "i64" }),
        TypeRef::Number { float } => String::from(if *float { "f32" } else { "f64" }),
        TypeRef::String => pick("::std::string::String", "String"),
        TypeRef::Native(native) if full => native.rust_path.to_owned(),
        TypeRef::Native(native) => short_path(native.rust_path),
        TypeRef::Array(item) => format!("{}<{}>", pick("::std::vec::Vec", "Vec"), inner(item)),
        TypeRef::Map(value) => format!(
            "{}<{}, {}>",
            pick("::std::collections::BTreeMap", "BTreeMap"),
            pick("::std::string::String", "String"),
            inner(value)
        ),
        TypeRef::KeyedMap(key, value) => {
            format!("{}<{}, {}>", pick("::std::collections::BTreeMap", "BTreeMap"), named(*key), inner(value))
        }
        TypeRef::Nullable(value) => format!("{}<{}>", pick("::std::option::Option", "Option"), inner(value)),
        TypeRef::Any => pick("::serde_json::Value", "Value"),
    }
}

/// A type path with every segment but the last dropped: `::chrono::DateTime<::chrono::FixedOffset>` →
/// `DateTime<FixedOffset>`.
fn short_path(path: &str) -> String {
    let mut out = String::new();
    let mut word = String::new();
    let mut chars = path.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            ':' if chars.peek() == Some(&':') => {
                chars.next();
                word.clear();
            }
            c if c.is_alphanumeric() || c == '_' => word.push(c),
            c => {
                out.push_str(&word);
                word.clear();
                out.push(c);
            }
        }
    }
    out.push_str(&word);
    out
}

/// Splits a path template into literal text and `{parameter}` names (an unclosed `{` runs to the end).
pub fn path_template(path: &str) -> Vec<PathSegment> {
    let mut segments = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let close = rest[open..].find('}').map_or(rest.len(), |c| open + c);
        if open > 0 {
            segments.push(PathSegment::Literal(rest[..open].to_owned()));
        }
        segments.push(PathSegment::Param(rest[open + 1..close].to_owned()));
        rest = &rest[(close + 1).min(rest.len())..];
    }
    if !rest.is_empty() {
        segments.push(PathSegment::Literal(rest.to_owned()));
    }
    segments
}
