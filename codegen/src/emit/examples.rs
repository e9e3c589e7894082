//! The example checks: every `example`/`examples` value of the spec (schemas, properties, response
//! media types), each paired with the Rust type it must deserialise into. Emitted as a list a test
//! harness runs, so no example can be forgotten and each one is checked against the generated types.

use super::type_tokens;
use crate::diagnostic::Pointer;
use crate::ir::{Api, Paths, ResponseBody, Shape, Status, TypeId, TypeRef};
use crate::Error;
use proc_macro2::TokenStream;
use quote::quote;

/// One example: the schema (or media type) it belongs to, plus ` [i]` when there are several, its JSON
/// text, and the type it must fit.
struct Case {
    pointer: String,
    json: String,
    ty: TokenStream,
}

/// The type an example of `ty` is checked as: through the runtime's codec when generated fields of that
/// type are (timestamps are read tolerantly).
fn checked_type(api: &Api, ty: &TypeRef, nullable: bool) -> TokenStream {
    let mut tokens = type_tokens(api, ty, Paths::Elsewhere);
    if nullable {
        tokens = quote! { ::std::option::Option<#tokens> };
    }
    if api.uses_codec(ty) {
        tokens = quote! { crate::runtime::__private::codec::Coded<#tokens> };
    }
    tokens
}

fn cases(api: &Api) -> Vec<Case> {
    let mut cases = Vec::new();
    let mut push = |pointer: String, examples: &[serde_json::Value], ty: TokenStream| {
        for (i, example) in examples.iter().enumerate() {
            let suffix = if examples.len() > 1 { format!(" [{i}]") } else { String::new() };
            cases.push(Case { pointer: format!("{pointer}{suffix}"), json: example.to_string(), ty: ty.clone() });
        }
    };
    for (i, def) in api.types.iter().enumerate() {
        push(def.origin.clone(), &def.examples, checked_type(api, &TypeRef::Named(TypeId(i)), false));
        if let Shape::Struct(fields) = &def.shape {
            for field in fields {
                let ty = checked_type(api, &field.ty, field.nullable);
                // `origin` is already a pointer; append the escaped property segments.
                let tail = Pointer::root().push("properties").push(&field.wire_name);
                push(format!("{}{}", def.origin, &tail.as_str()[1..]), &field.examples, ty);
            }
        }
    }
    for op in api.operations() {
        for response in &op.responses {
            if let (ResponseBody::Json(ty), Some(media_type)) = (&response.body, &response.media_type) {
                let status = match response.status {
                    Status::Code(code) => code.to_string(),
                    Status::Default => String::from("default"),
                };
                let pointer = Pointer::root()
                    .push("paths")
                    .push(&op.path)
                    .push(&op.http_method.to_ascii_lowercase())
                    .push("responses")
                    .push(&status)
                    .push("content")
                    .push(media_type);
                push(pointer.to_string(), &response.examples, checked_type(api, ty, false));
            }
        }
    }
    cases
}

/// Rust source of `static EXAMPLE_CHECKS: &[(&str, &str, fn(&str) -> Result<(), String>)]`, for a
/// test crate that provides `crate::types`, `crate::runtime` and a generic `check::<T>`.
pub fn harness(api: &Api) -> Result<String, Error> {
    let rows = cases(api).into_iter().map(|Case { pointer, json, ty }| {
        quote! { (#pointer, #json, check::<#ty>) }
    });
    let tokens = quote! {
        /// Deserialises JSON text into one generated type and checks that it serialises back the same.
        pub type ExampleCheck = fn(&str) -> ::std::result::Result<(), ::std::string::String>;

        /// Every example in the spec: where it is, its JSON, and the check that it round-trips through
        /// the type generated for that place.
        #[allow(deprecated, reason = "examples of deprecated types are checked too")]
        pub static EXAMPLE_CHECKS: &[(&str, &str, ExampleCheck)] = &[
            #(#rows),*
        ];
    };
    super::harness_file(api, "examples", tokens)
}
