//! The `types` module: one item per [`TypeDef`].

use super::{doc_attrs, ident, rust_tokens, type_tokens};
use crate::ir::{
    self, Api, Constructor, EnumVariant, Field, Init, Matcher, Paths, Repr, Shape, TextForm, TypeDef, TypeRef,
    UnionVariant,
};
use proc_macro2::{Literal, TokenStream};
use quote::quote;

mod enums;
mod structs;
mod unions;

use enums::{const_string, integer_enum, string_enum};
pub(super) use structs::field_argument;
use structs::struct_def;
use unions::member_decoder;
pub(super) use unions::union;

pub(super) fn types_module(api: &Api) -> TokenStream {
    let items: TokenStream = api.types.iter().map(|def| type_def(api, def)).collect();
    types_module_shell(api, items, false)
}

/// `pub mod types { items }` (nothing when the spec has no types), its docs indexing the types by the
/// group whose operations send or return them (the page lists all of them flat). With group features,
/// each group's paragraph is documented only with its feature, so that its links always resolve.
fn types_module_shell(api: &Api, items: TokenStream, gated: bool) -> TokenStream {
    if api.types.is_empty() {
        return TokenStream::new();
    }
    let allow = super::allow_deprecated(api);
    let index = type_index(api, gated);
    quote! {
        /// Request and response types, one per schema (and one per inline object or union), with the
        /// types each operation group names directly listed below.
        #index
        #allow
        pub mod types {
            #items
        }
    }
}

/// The `types` module's index: per operation group (and for the webhooks) the types it names directly,
/// each paragraph documented only with the feature that compiles them when `gated`.
fn type_index(api: &Api, gated: bool) -> TokenStream {
    let mut sections: Vec<(String, &str, String, Vec<ir::TypeId>)> = api
        .groups
        .iter()
        .map(|group| {
            let intro = format!(
                "What [`client.{}()`](crate::{}::{}) sends and returns",
                group.name, group.name, group.client_name
            );
            let ids = group.operations.iter().flat_map(|op| op.type_roots().flat_map(TypeRef::named)).collect();
            (format!("`{}`", group.name), group.feature.as_str(), intro, ids)
        })
        .collect();
    if !api.webhooks.is_empty() {
        let ids = api.webhooks.iter().flat_map(|w| w.payload.named()).collect();
        let intro = String::from("The payloads of [`Event`](crate::webhooks::Event)");
        sections.push((String::from("Webhooks"), crate::naming::WEBHOOKS_FEATURE, intro, ids));
    }
    let sections = sections.into_iter().map(|(heading, feature, intro, mut ids)| {
        ids.sort_by(|a, b| api.type_def(*a).name.cmp(&api.type_def(*b).name));
        ids.dedup();
        let links: Vec<String> = ids
            .iter()
            .map(|id| {
                let name = &api.type_def(*id).name;
                format!("[`{name}`](crate::types::{name})")
            })
            .collect();
        let list = if links.is_empty() { String::from("no named type") } else { links.join(", ") };
        let lines = [String::new(), format!(" ## {heading}"), String::new(), format!(" {intro}: {list}.")];
        let lines = lines.iter().map(|line| match gated {
            true => quote! { #[cfg_attr(feature = #feature, doc = #line)] },
            false => quote! { #[doc = #line] },
        });
        quote! { #(#lines)* }
    });
    quote! { #(#sections)* }
}

/// The `types` module with every item behind the cargo features of what uses its type (see
/// [`super::Options::group_features`]). Built as syntax, type by type, because one type is several
/// items (the type, its impls) and each needs the attribute.
pub(super) fn gated_types_file(api: &Api) -> Result<syn::File, crate::Error> {
    let parse = |tokens: TokenStream, item: &str| {
        syn::parse2::<syn::File>(tokens)
            .map_err(|e| crate::Error::Emit { item: item.to_owned(), message: e.to_string() })
    };
    let mut file = parse(types_module_shell(api, TokenStream::new(), true), "the types module")?;
    let Some(syn::Item::Mod(module)) = file.items.first_mut() else { return Ok(file) };
    let mut items = Vec::new();
    for def in &api.types {
        let cfg = super::cfg_features(&def.features.iter().map(String::as_str).collect::<Vec<_>>());
        items.extend(super::gated_items(type_def(api, def), &cfg, &def.name)?);
    }
    if let Some((_, content)) = &mut module.content {
        *content = items;
    }
    Ok(file)
}

/// Appends a paragraph to doc text.
pub(super) fn with_note(docs: Option<String>, note: &str) -> Option<String> {
    Some(match docs {
        Some(d) if !d.trim().is_empty() => format!("{}\n\n{note}", d.trim_end()),
        _ => note.to_owned(),
    })
}

/// The availability note (`x-fern-availability`), if any.
pub(super) fn availability_note(docs: Option<String>, availability: Option<&str>) -> Option<String> {
    match availability {
        Some("deprecated") => with_note(docs, "**Availability: deprecated.**"),
        Some(level) if level != "generally-available" && level != "ga" => {
            with_note(docs, &format!("**Availability: {level}.** It may change without notice."))
        }
        _ => docs,
    }
}

/// `#[deprecated]` with a note, when the spec deprecates the item.
pub(super) fn deprecated_attr(deprecated: bool) -> TokenStream {
    if deprecated {
        quote! { #[deprecated(note = "deprecated in the API spec")] }
    } else {
        TokenStream::new()
    }
}

fn type_def(api: &Api, def: &TypeDef) -> TokenStream {
    let mut docs = availability_note(def.docs.clone(), def.availability.as_deref());
    if let Shape::ConstString { value, .. } = &def.shape {
        docs = with_note(docs, &format!("Always `{value:?}`."));
    }
    let docs = doc_attrs(docs.as_deref());
    let deprecated = deprecated_attr(def.deprecated);
    let item = match &def.shape {
        Shape::Struct(fields) => struct_def(api, &def.name, fields, def.constructor.as_ref()),
        Shape::StringEnum { variants, open, fallback } => string_enum(&def.name, variants, *open, fallback),
        Shape::IntegerEnum { variants, open, fallback } => integer_enum(&def.name, variants, *open, fallback),
        Shape::ConstString { value, variant } => const_string(&def.name, value, variant),
        Shape::Union { variants, .. } => union(api, &def.name, variants, def.text, Paths::InTypes),
        Shape::Tuple { items, min_items } => tuple(api, &def.name, items, *min_items),
        Shape::Alias(ty) => alias(api, &def.name, ty),
        Shape::Newtype(ty) => newtype(api, &def.name, ty),
    };
    quote! {
        #docs
        #deprecated
        #item
    }
}

/// A `prefixItems` tuple: a tuple struct read from a JSON array whose trailing items may be missing.
fn tuple(api: &Api, name: &str, items: &[TypeRef], min_items: usize) -> TokenStream {
    let name = ident(name);
    let members = items.iter().map(|item| {
        let ty = type_tokens(api, item, Paths::InTypes);
        let codec = api
            .uses_codec(item)
            .then(|| quote! { #[serde(serialize_with = "crate::runtime::__private::codec::serialize")] });
        quote! { #codec pub #ty }
    });
    let decoded = items.iter().enumerate().map(|(i, item)| {
        let decode = member_decoder(api, item);
        quote! { #decode(&items[#i])? }
    });
    let (min, max) = (min_items, items.len());
    quote! {
        #[derive(Clone, Debug, PartialEq, ::serde::Serialize)]
        pub struct #name(#(#members),*);

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let items = crate::runtime::__private::tuple_items(deserializer, #min, #max)?;
                ::std::result::Result::Ok(Self(#(#decoded),*))
            }
        }
    }
}

/// A self-referential alias: a transparent newtype (the JSON is the inner value's).
fn newtype(api: &Api, name: &str, ty: &TypeRef) -> TokenStream {
    let name = ident(name);
    let codec = api.uses_codec(ty).then(|| quote! { #[serde(with = "crate::runtime::__private::codec")] });
    let ty = type_tokens(api, ty, Paths::InTypes);
    quote! {
        #[derive(Clone, Debug, ::serde::Deserialize, PartialEq, ::serde::Serialize)]
        #[serde(transparent)]
        pub struct #name(#codec pub #ty);
    }
}

fn alias(api: &Api, name: &str, ty: &TypeRef) -> TokenStream {
    let name = ident(name);
    let ty = type_tokens(api, ty, Paths::InTypes);
    quote! {
        pub type #name = #ty;
    }
}

#[cfg(test)]
mod tests {
    use super::structs::struct_field;
    use super::*;
    use crate::ir::TypeId;

    fn api_with(types: Vec<TypeDef>) -> Api {
        Api {
            title: String::new(),
            version: String::new(),
            openapi_version: String::new(),
            types,
            groups: vec![],
            servers: vec![],
            webhooks: vec![],
            events: vec![],
            features: vec![],
            env_prefix: String::from("TEST"),
            crate_name: String::from("test"),
            input_fingerprint: 0,
        }
    }

    /// Token text without spacing (tokens parsed from the IR's type text space `<::` differently from
    /// `quote!`; the formatted output is the same).
    fn spaceless(tokens: &TokenStream) -> String {
        tokens.to_string().replace(' ', "")
    }

    fn field(name: &str, wire: &str, ty: TypeRef, required: bool, nullable: bool) -> Field {
        let repr = if required && !nullable { Repr::Plain } else { Repr::Optional };
        Field { wire_name: wire.into(), nullable, repr, ..Field::plain(name, ty, required) }
    }

    #[test]
    fn optional_renamed_field_skips_absent_values() {
        let api = api_with(vec![]);
        let tokens = struct_field(
            &api,
            "Owner",
            &field("user_id", "userId", TypeRef::Native(&crate::ir::native::UUID), false, false),
        );
        let expected = quote! {
            #[serde(rename = "userId", skip_serializing_if = "::std::option::Option::is_none")]
            pub user_id: ::std::option::Option<::uuid::Uuid>
        };
        assert_eq!(spaceless(&tokens), spaceless(&expected));
    }

    #[test]
    fn required_nullable_field_is_an_option_that_serialises_null() {
        let api = api_with(vec![]);
        let tokens = struct_field(&api, "Owner", &field("note", "note", TypeRef::String, true, true));
        let expected = quote! { pub note: ::std::option::Option<::std::string::String> };
        assert_eq!(spaceless(&tokens), spaceless(&expected));
    }

    #[test]
    fn const_fields_get_a_type_level_value_and_an_associated_constant() {
        let api = api_with(vec![]);
        let success = Field {
            constant: Some(String::from("SUCCESS")),
            ..field("success", "success", TypeRef::ConstBool(true), true, false)
        };
        let tokens = struct_def(&api, "Ok", &[success], None);
        let expected = quote! {
            #[derive(Clone, Debug, ::serde::Deserialize, PartialEq, ::serde::Serialize)]
            #[non_exhaustive]
            pub struct Ok {
                pub success: crate::runtime::ConstBool<true>,
            }

            impl Ok {
                #[doc = " The value `success` always has."]
                pub const SUCCESS: bool = true;
            }
        };
        assert_eq!(spaceless(&tokens), spaceless(&expected));
    }

    #[test]
    fn structs_are_built_with_new_and_setters_and_received_ones_only_for_tests() {
        let api = api_with(vec![]);
        let nickname = Field {
            repr: Repr::TriState,
            nullable: true,
            ..field("nickname", "nickname", TypeRef::String, false, true)
        };
        let fields = [field("name", "name", TypeRef::String, true, false), nickname];
        let constructor = |testing_only| Constructor {
            testing_only,
            inits: vec![Init::Argument, Init::Absent],
            setters: vec![ir::Setter { field: 1, name: "nickname".into(), clear: Some("clear_nickname".into()) }],
        };
        let sent = spaceless(&struct_def(&api, "Sent", &fields, Some(&constructor(false))));
        let expected = quote! {
            impl Sent {
                #[doc = " A value from its required fields (`name`); the others start absent (or at their defaults) and have setters."]
                pub fn new(name: impl ::std::convert::Into<::std::string::String>) -> Self {
                    Self { name: name.into(), nickname: ::std::default::Default::default(), }
                }
                #[doc = " Sets `nickname`."]
                pub fn nickname(mut self, value: impl ::std::convert::Into<::std::string::String>) -> Self {
                    self.nickname = crate::runtime::Nullable::Value(value.into());
                    self
                }
                #[doc = " Sends `nickname` as `null`."]
                pub fn clear_nickname(mut self) -> Self {
                    self.nickname = crate::runtime::Nullable::Null;
                    self
                }
            }
        };
        assert!(sent.contains(&spaceless(&expected)), "{sent}");
        assert!(sent.contains("#[non_exhaustive]pubstructSent"), "{sent}");
        assert!(!sent.contains("cfg"), "{sent}");
        let received = spaceless(&struct_def(&api, "Received", &fields, Some(&constructor(true))));
        assert!(received.contains("#[non_exhaustive]pubstructReceived"), "{received}");
        assert!(received.contains("#[cfg(feature=\"testing\")]implReceived"), "{received}");
    }

    #[test]
    fn type_references_render_boxes_negative_consts_and_maps() {
        let leaf =
            TypeDef::new("Leaf", "", Shape::StringEnum { variants: vec![], open: false, fallback: "Unknown".into() });
        let api = api_with(vec![leaf]);
        let render = |ty: TypeRef, paths| spaceless(&super::super::type_tokens(&api, &ty, paths));
        assert_eq!(render(TypeRef::Boxed(TypeId(0)), Paths::InTypes), spaceless(&quote! { ::std::boxed::Box<Leaf> }));
        assert_eq!(render(TypeRef::Named(TypeId(0)), Paths::Elsewhere), spaceless(&quote! { crate::types::Leaf }));
        assert_eq!(
            render(TypeRef::ConstInteger(-3), Paths::InTypes),
            spaceless(&quote! { crate::runtime::ConstInteger<{ -3 }> })
        );
        assert_eq!(
            render(TypeRef::Map(Box::new(TypeRef::Integer { int32: true })), Paths::InTypes),
            spaceless(&quote! { ::std::collections::BTreeMap<::std::string::String, i32> })
        );
    }

    #[test]
    fn spec_text_is_made_safe_for_rustdoc() {
        let text = super::super::doc_text;
        assert_eq!(
            text("[Deprecated] see [the docs](https://x.y/z)."),
            "\\[Deprecated\\] see [the docs](https://x.y/z).\n"
        );
        assert_eq!(text("docs (https://docs.x.io/a) here"), "docs (<https://docs.x.io/a>) here\n");
        assert_eq!(text("see https://x.io/a."), "see <https://x.io/a>.\n");
        assert_eq!(text("a `List[int]` and <b>"), "a `List[int]` and \\<b>\n");
        assert_eq!(text("```\nfn main() {}\n```"), "```text\nfn main() {}\n```\n");
        assert_eq!(text("Example:\n\n    let x = [1];"), "Example:\n\nlet x = \\[1\\];\n");
    }

    #[test]
    fn docs_become_one_attribute_per_line() {
        let tokens = super::super::doc_attrs(Some("Title\n\nBody line"));
        assert_eq!(tokens.to_string(), quote! { #[doc = " Title"] #[doc = ""] #[doc = " Body line"] }.to_string());
    }
}
