//! The `types` module: one item per [`TypeDef`].

use super::{doc_attrs, ident, rust_tokens, type_tokens};
use crate::ir::{
    self, Api, Constructor, EnumVariant, Field, Init, Matcher, Paths, Repr, Shape, TextForm, TypeDef, TypeRef,
    UnionVariant,
};
use proc_macro2::{Literal, TokenStream};
use quote::quote;

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

fn struct_def(api: &Api, name: &str, fields: &[Field], constructor: Option<&Constructor>) -> TokenStream {
    let name_ident = ident(name);
    let members = fields.iter().map(|field| struct_field(api, name, field));
    let mut items: Vec<TokenStream> = fields
        .iter()
        .filter_map(|field| {
            let (ty, value) = match &field.ty {
                TypeRef::ConstBool(value) => (quote! { bool }, quote! { #value }),
                TypeRef::ConstInteger(value) => {
                    let literal = Literal::i64_unsuffixed(*value);
                    (quote! { i64 }, quote! { #literal })
                }
                _ => return None,
            };
            let constant = ident(field.constant.as_deref()?);
            let doc = format!(" The value `{}` always has.", field.wire_name);
            Some(quote! {
                #[doc = #doc]
                pub const #constant: #ty = #value;
            })
        })
        .collect();
    items.extend(fields.iter().filter_map(|field| {
        let Repr::Defaulted { function, value } = &field.repr else { return None };
        let (function, value) = (ident(function), literal(api, value));
        let ty = type_tokens(api, &field.ty, Paths::InTypes);
        let doc = format!(" The default of `{}`.", field.wire_name);
        Some(quote! {
            #[doc = #doc]
            pub fn #function() -> #ty {
                #value
            }
        })
    }));
    let impl_block = (!items.is_empty()).then(|| {
        quote! {
            impl #name_ident {
                #(#items)*
            }
        }
    });
    let constructor = constructor.map(|constructor| constructor_impl(api, name, fields, constructor));
    // A struct holding credentials gets a `Debug` of its own instead of the derived one.
    let redacting = fields.iter().any(|field| field.sensitive);
    let derived_debug = (!redacting).then(|| quote! { Debug, });
    let debug = redacting.then(|| redacting_debug(name, fields));
    quote! {
        #[derive(Clone, #derived_debug ::serde::Deserialize, PartialEq, ::serde::Serialize)]
        #[non_exhaustive]
        pub struct #name_ident {
            #(#members,)*
        }

        #impl_block

        #constructor

        #debug
    }
}

/// `new` and the setters (see [`Constructor`]); behind the `testing` feature for a type that is only
/// received.
fn constructor_impl(api: &Api, name: &str, fields: &[Field], constructor: &Constructor) -> TokenStream {
    let arguments: Vec<&Field> = constructor.arguments().map(|index| &fields[index]).collect();
    let params = arguments.iter().map(|field| field_argument(api, &ident(&field.name), field, Paths::InTypes));
    let inits = fields.iter().zip(&constructor.inits).map(|(field, init)| {
        let member = ident(&field.name);
        let value = match init {
            // Shorthand: clippy's `redundant_field_names`.
            Init::Argument if field.is_option() => return quote! { #member },
            Init::Argument => quote! { #member.into() },
            Init::Fixed | Init::Absent => quote! { ::std::default::Default::default() },
            Init::Default(function) => {
                let function = ident(function);
                quote! { Self::#function() }
            }
        };
        quote! { #member: #value }
    });
    let setters = constructor.setters.iter().map(|setter| {
        let field = &fields[setter.field];
        let (member, method) = (ident(&field.name), ident(&setter.name));
        let ty = type_tokens(api, &field.ty, Paths::InTypes);
        let wrapped = match field.repr {
            Repr::Optional => quote! { ::std::option::Option::Some(value.into()) },
            Repr::TriState => quote! { crate::runtime::Nullable::Value(value.into()) },
            Repr::Plain | Repr::Defaulted { .. } => quote! { value.into() },
        };
        let label = crate::naming::bare(&field.name);
        let doc = format!(" Sets `{label}`.");
        let deprecated = deprecated_attr(field.deprecated);
        let clear = setter.clear.as_ref().map(|clear| {
            let clear = ident(clear);
            let doc = format!(" Sends `{label}` as `null`.");
            quote! {
                #[doc = #doc]
                #deprecated
                pub fn #clear(mut self) -> Self {
                    self.#member = crate::runtime::Nullable::Null;
                    self
                }
            }
        });
        quote! {
            #[doc = #doc]
            #deprecated
            pub fn #method(mut self, value: impl ::std::convert::Into<#ty>) -> Self {
                self.#member = #wrapped;
                self
            }
            #clear
        }
    });
    let listed = arguments.iter().map(|f| format!("`{}`", crate::naming::bare(&f.name))).collect::<Vec<_>>();
    let doc = if listed.is_empty() {
        String::from(" A value with every field absent (or at its default); fill it with the setters.")
    } else {
        format!(
            " A value from its required fields ({}); the others start absent (or at their defaults) and have setters.",
            listed.join(", ")
        )
    };
    let constructor_name = ident(crate::naming::CONSTRUCTOR);
    // Clippy's limit is seven; a required field is an argument however many there are.
    let allow = (arguments.len() > 7).then(|| {
        quote! { #[allow(clippy::too_many_arguments, reason = "one argument per required field of the spec")] }
    });
    let cfg = constructor.testing_only.then(|| {
        let feature = crate::naming::TESTING_FEATURE;
        quote! { #[cfg(feature = #feature)] }
    });
    let name = ident(name);
    // `new()` without arguments is also the `Default` (what clippy's `new_without_default` asks).
    let default = arguments.is_empty().then(|| {
        quote! {
            #cfg
            impl ::std::default::Default for #name {
                fn default() -> Self {
                    Self::#constructor_name()
                }
            }
        }
    });
    quote! {
        #cfg
        impl #name {
            #[doc = #doc]
            #allow
            pub fn #constructor_name(#(#params),*) -> Self {
                Self {
                    #(#inits,)*
                }
            }

            #(#setters)*
        }

        #default
    }
}

/// The parameter `name` that passes a value for `field` to `new` (and to a flattened operation method):
/// `impl Into<T>`, or `Option<T>` for a required nullable field, where the caller says `None` or
/// `Some(..)` on purpose.
pub(super) fn field_argument(api: &Api, name: &proc_macro2::Ident, field: &Field, paths: Paths) -> TokenStream {
    let ty = type_tokens(api, &field.ty, paths);
    if field.is_option() {
        quote! { #name: ::std::option::Option<#ty> }
    } else {
        quote! { #name: impl ::std::convert::Into<#ty> }
    }
}

/// `Debug` for a struct holding credentials: every field as derived, but credentials as `<redacted>`.
fn redacting_debug(name: &str, fields: &[Field]) -> TokenStream {
    let name_ident = ident(name);
    let entries = fields.iter().map(|field| {
        let member = ident(&field.name);
        let label = crate::naming::bare(&field.name);
        if field.sensitive {
            quote! { .field(#label, &crate::runtime::Redacted(&self.#member)) }
        } else {
            quote! { .field(#label, &self.#member) }
        }
    });
    quote! {
        impl ::std::fmt::Debug for #name_ident {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(#name) #(#entries)* .finish()
            }
        }
    }
}

/// A default value as a Rust expression.
fn literal(api: &Api, value: &ir::Literal) -> TokenStream {
    match value {
        ir::Literal::Bool(b) => quote! { #b },
        ir::Literal::I32(n) => {
            let n = Literal::i32_suffixed(*n);
            quote! { #n }
        }
        ir::Literal::I64(n) => {
            let n = Literal::i64_suffixed(*n);
            quote! { #n }
        }
        ir::Literal::F64(n) => {
            let n = Literal::f64_suffixed(*n);
            quote! { #n }
        }
        ir::Literal::String(s) => quote! { ::std::string::String::from(#s) },
        ir::Literal::EmptyList => quote! { ::std::vec::Vec::new() },
        ir::Literal::Variant { ty, variant } => {
            let (name, variant) = (ident(&api.type_def(*ty).name), ident(variant));
            quote! { #name::#variant }
        }
    }
}

fn struct_field(api: &Api, owner: &str, field: &Field) -> TokenStream {
    let name = ident(&field.name);
    let ty = rust_tokens(&api.field_type(field, Paths::InTypes));
    let tri_state = field.repr == Repr::TriState;
    let mut serde = Vec::new();
    if field.flatten {
        serde.push(quote! { flatten });
    } else if field.name != field.wire_name {
        let wire = &field.wire_name;
        serde.push(quote! { rename = #wire });
    }
    // Timestamps and binary content: the runtime's codec reads and writes them, in any container.
    let codec = !field.flatten && api.uses_codec(&field.ty);
    if let Repr::Defaulted { function, .. } = &field.repr {
        let path = format!("{owner}::{function}");
        serde.push(quote! { default = #path });
    } else if tri_state {
        // Absent reads as `Absent` and is left out on the way back; `null` is `Null`.
        serde.push(quote! { default });
    } else if codec && field.optional() {
        // `with` loses serde's reading of an absent `Option` as `None`; `default` restores it.
        serde.push(quote! { default });
    }
    if codec {
        serde.push(quote! { with = "crate::runtime::__private::codec" });
    }
    if tri_state {
        serde.push(quote! { skip_serializing_if = "crate::runtime::Nullable::is_absent" });
    } else if !field.required && !field.flatten && !matches!(field.repr, Repr::Defaulted { .. }) {
        // Absent stays absent on the way back out.
        serde.push(quote! { skip_serializing_if = "::std::option::Option::is_none" });
    }
    let serde = (!serde.is_empty()).then(|| quote! { #[serde(#(#serde),*)] });
    let mut docs = availability_note(field.docs.clone(), field.availability.as_deref());
    match (&field.default, &field.repr) {
        (Some(default), Repr::Defaulted { .. }) => {
            docs = with_note(docs, &format!("Defaults to `{default}` when absent."))
        }
        (Some(default), _) => {
            docs =
                with_note(docs, &format!("The spec's default is `{default}`: the server's, when the field is absent."))
        }
        (None, _) => {}
    }
    if tri_state {
        docs = with_note(docs, "`Absent` leaves the field out; `Null` sends `null`.");
    }
    if let TypeRef::Native(native) = &field.ty {
        if let Some(note) = native.field_note {
            docs = with_note(docs, note);
        }
    }
    let docs = doc_attrs(docs.as_deref());
    let deprecated = deprecated_attr(field.deprecated);
    quote! {
        #docs
        #deprecated
        #serde
        pub #name: #ty
    }
}

fn string_enum(name: &str, variants: &[EnumVariant], open: bool, fallback: &str) -> TokenStream {
    let name = ident(name);
    if !open {
        return closed_string_enum(&name, variants);
    }
    let members = variants.iter().map(|variant| {
        let variant_name = ident(&variant.name);
        let doc = format!(" `{:?}`", variant.wire);
        quote! {
            #[doc = #doc]
            #variant_name
        }
    });
    let to_wire = variants.iter().map(|variant| {
        let variant_name = ident(&variant.name);
        let wire = &variant.wire;
        quote! { Self::#variant_name => #wire }
    });
    let from_wire = variants.iter().map(|variant| {
        let variant_name = ident(&variant.name);
        let wire = &variant.wire;
        quote! { #wire => ::std::option::Option::Some(Self::#variant_name) }
    });
    let unknown = ident(fallback);
    quote! {
        #[derive(Clone, Debug, Eq, Hash, Ord, PartialEq, PartialOrd)]
        #[non_exhaustive]
        pub enum #name {
            #(#members,)*
            /// A value this version of the crate does not know (the set is open).
            #unknown(::std::string::String),
        }

        impl #name {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#to_wire,)*
                    Self::#unknown(value) => value,
                }
            }

            /// The variant for a value this version knows.
            pub fn known(value: &str) -> ::std::option::Option<Self> {
                match value {
                    #(#from_wire,)*
                    _ => ::std::option::Option::None,
                }
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        /// Any text: a value this version does not know is kept in the catch-all variant.
        impl ::std::str::FromStr for #name {
            type Err = ::std::convert::Infallible;

            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok(Self::known(value).unwrap_or_else(|| Self::#unknown(value.to_owned())))
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                crate::runtime::__private::deserialize_open_enum(deserializer, Self::known, Self::#unknown)
            }
        }
    }
}

fn closed_string_enum(name: &proc_macro2::Ident, variants: &[EnumVariant]) -> TokenStream {
    let members = variants.iter().map(|variant| {
        let variant_name = ident(&variant.name);
        let rename = (variant.name != variant.wire).then(|| {
            let wire = &variant.wire;
            quote! { #[serde(rename = #wire)] }
        });
        quote! {
            #rename
            #variant_name
        }
    });
    let arms = variants.iter().map(|variant| {
        let variant_name = ident(&variant.name);
        let wire = &variant.wire;
        quote! { Self::#variant_name => #wire }
    });
    let from_wire = variants.iter().map(|variant| {
        let variant_name = ident(&variant.name);
        let wire = &variant.wire;
        quote! { #wire => ::std::result::Result::Ok(Self::#variant_name) }
    });
    let type_name = name.to_string();
    quote! {
        #[derive(Clone, Copy, Debug, ::serde::Deserialize, Eq, Hash, Ord, PartialEq, PartialOrd, ::serde::Serialize)]
        pub enum #name {
            #(#members,)*
        }

        impl #name {
            /// The value as sent on the wire.
            pub const fn as_str(self) -> &'static str {
                match self {
                    #(#arms,)*
                }
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for #name {
            type Err = crate::runtime::UnknownValue;

            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                match value {
                    #(#from_wire,)*
                    _ => ::std::result::Result::Err(crate::runtime::UnknownValue { type_name: #type_name }),
                }
            }
        }
    }
}

fn integer_enum(name: &str, variants: &[(String, i64)], open: bool, fallback: &str) -> TokenStream {
    let name = ident(name);
    let members = variants.iter().map(|(variant, value)| {
        let variant = ident(variant);
        let doc = format!(" `{value}`");
        quote! {
            #[doc = #doc]
            #variant
        }
    });
    let to_wire = variants.iter().map(|(variant, value)| {
        let variant = ident(variant);
        let value = Literal::i64_unsuffixed(*value);
        quote! { Self::#variant => #value }
    });
    let from_wire = variants.iter().map(|(variant, value)| {
        let variant = ident(variant);
        let value = Literal::i64_unsuffixed(*value);
        quote! { #value => ::std::option::Option::Some(Self::#variant) }
    });
    let fallback_name = ident(fallback);
    let (unknown, unknown_arm, fallback) = if open {
        (
            quote! {
                /// A value this version of the crate does not know (the set is open).
                #fallback_name(i64),
            },
            quote! { Self::#fallback_name(value) => *value, },
            quote! { ::std::result::Result::Ok(Self::known(value).unwrap_or(Self::#fallback_name(value))) },
        )
    } else {
        (
            TokenStream::new(),
            TokenStream::new(),
            quote! {
                Self::known(value).ok_or_else(|| <D::Error as ::serde::de::Error>::custom(
                    ::std::format_args!("unknown value {value}")
                ))
            },
        )
    };
    let non_exhaustive = open.then(|| quote! { #[non_exhaustive] });
    quote! {
        #[derive(Clone, Copy, Debug, Eq, Hash, Ord, PartialEq, PartialOrd)]
        #non_exhaustive
        pub enum #name {
            #(#members,)*
            #unknown
        }

        impl #name {
            /// The value as sent on the wire.
            pub fn value(&self) -> i64 {
                match self {
                    #(#to_wire,)*
                    #unknown_arm
                }
            }

            /// The variant for a value this version knows.
            pub fn known(value: i64) -> ::std::option::Option<Self> {
                match value {
                    #(#from_wire,)*
                    _ => ::std::option::Option::None,
                }
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(&self.value(), f)
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.value())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let value = <i64 as ::serde::Deserialize>::deserialize(deserializer)?;
                #fallback
            }
        }
    }
}

/// A string `const`: a one-variant enum, so serde accepts exactly that string.
fn const_string(name: &str, value: &str, variant: &str) -> TokenStream {
    let name = ident(name);
    let rename = (variant != value).then(|| quote! { #[serde(rename = #value)] });
    let variant = ident(variant);
    quote! {
        #[derive(Clone, Copy, Debug, Default, ::serde::Deserialize, Eq, Hash, Ord, PartialEq, PartialOrd, ::serde::Serialize)]
        pub enum #name {
            #[default]
            #rename
            #variant,
        }

        impl #name {
            /// The constant.
            pub const VALUE: &'static str = #value;
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(Self::VALUE)
            }
        }
    }
}

/// A union: an enum with one variant per member and `Unknown` for anything else. Serialising writes the
/// member as it is; deserialising follows the matchers the IR planned, in order.
pub(super) fn union(api: &Api, name: &str, variants: &[UnionVariant], text: TextForm, paths: Paths) -> TokenStream {
    let name = ident(name);
    let members = variants.iter().map(|variant| {
        let variant_name = ident(&variant.name);
        let ty = type_tokens(api, &variant.ty, paths);
        let doc = match &variant.matcher {
            Matcher::Tag { field, values } => format!(" Chosen when `{field}` is {}.", quoted_list(values)),
            Matcher::Key(key) => format!(" Chosen when the object has `{key}`."),
            Matcher::KnownString => String::from(" Chosen when the string is one of its known values."),
            Matcher::Trial => String::from(" Chosen when the value has this shape."),
        };
        let codec = api
            .uses_codec(&variant.ty)
            .then(|| quote! { #[serde(serialize_with = "crate::runtime::__private::codec::serialize")] });
        quote! {
            #[doc = #doc]
            #codec
            #variant_name(#ty)
        }
    });
    let tags: Vec<(&str, Vec<TokenStream>)> = variants.iter().fold(Vec::new(), |mut tags, variant| {
        if let Matcher::Tag { field, values } = &variant.matcher {
            let variant_name = ident(&variant.name);
            let decode = member_decoder(api, &variant.ty);
            let arm = quote! {
                #(::std::option::Option::Some(#values))|* => {
                    return #decode(&value).map(Self::#variant_name);
                }
            };
            match tags.iter_mut().find(|(f, _)| f == field) {
                Some((_, arms)) => arms.push(arm),
                None => tags.push((field, vec![arm])),
            }
        }
        tags
    });
    let tag_matches = tags.iter().map(|(field, arms)| {
        quote! {
            match crate::runtime::__private::tag_of(&value, #field) {
                #(#arms)*
                _ => {}
            }
        }
    });
    let others = variants.iter().filter_map(|variant| {
        let variant_name = ident(&variant.name);
        let ty = type_tokens(api, &variant.ty, paths);
        Some(match &variant.matcher {
            Matcher::Tag { .. } => return None,
            Matcher::Key(key) => {
                let decode = member_decoder(api, &variant.ty);
                quote! {
                    if value.get(#key).is_some() {
                        return #decode(&value).map(Self::#variant_name);
                    }
                }
            }
            Matcher::KnownString => quote! {
                if let ::std::option::Option::Some(known) = value.as_str().and_then(<#ty>::known) {
                    return ::std::result::Result::Ok(Self::#variant_name(known));
                }
            },
            Matcher::Trial if api.uses_codec(&variant.ty) => quote! {
                if let ::std::result::Result::Ok(member) = <#ty as crate::runtime::__private::codec::Codec>::read(&value) {
                    return ::std::result::Result::Ok(Self::#variant_name(member));
                }
            },
            Matcher::Trial => quote! {
                if let ::std::result::Result::Ok(member) = <#ty as ::serde::Deserialize>::deserialize(&value) {
                    return ::std::result::Result::Ok(Self::#variant_name(member));
                }
            },
        })
    });
    let display = display_for_scalar_union(api, &name, variants, text);
    let conversions = api.union_conversions(variants).into_iter().map(|(variant, from_str)| {
        let variant_name = ident(&variant.name);
        let ty = type_tokens(api, &variant.ty, paths);
        let from_str = from_str.then(|| {
            quote! {
                impl ::std::convert::From<&str> for #name {
                    fn from(value: &str) -> Self {
                        Self::#variant_name(value.to_owned())
                    }
                }
            }
        });
        quote! {
            impl ::std::convert::From<#ty> for #name {
                fn from(value: #ty) -> Self {
                    Self::#variant_name(value)
                }
            }
            #from_str
        }
    });
    quote! {
        #[derive(Clone, Debug, PartialEq, ::serde::Serialize)]
        #[non_exhaustive]
        #[serde(untagged)]
        #[allow(clippy::large_enum_variant, reason = "members are held as parsed; boxing would allocate for every value")]
        pub enum #name {
            #(#members,)*
            /// A value that matches no member this version knows, kept as it came.
            Unknown(::serde_json::Value),
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                #(#tag_matches)*
                #(#others)*
                ::std::result::Result::Ok(Self::Unknown(value))
            }
        }

        #display

        #(#conversions)*
    }
}

/// The function that reads a union member or tuple item of type `ty` from a parsed JSON value.
fn member_decoder(api: &Api, ty: &TypeRef) -> TokenStream {
    if api.uses_codec(ty) {
        quote! { crate::runtime::__private::codec::from_value }
    } else {
        quote! { crate::runtime::__private::decode_member }
    }
}

fn quoted_list(values: &[String]) -> String {
    values.iter().map(|v| format!("`{v:?}`")).collect::<Vec<_>>().join(" or ")
}

/// Unions of scalars (used as parameters) print as the member they hold; timestamps as RFC 3339.
fn display_for_scalar_union(
    api: &Api,
    name: &proc_macro2::Ident,
    variants: &[UnionVariant],
    text: TextForm,
) -> TokenStream {
    if text != TextForm::Display {
        return TokenStream::new();
    }
    let arms = variants.iter().map(|variant| {
        let variant_name = ident(&variant.name);
        if api.text_form(&variant.ty) == TextForm::Timestamp {
            return quote! { Self::#variant_name(value) => f.write_str(&crate::runtime::timestamp::format(value)) };
        }
        quote! { Self::#variant_name(value) => ::std::fmt::Display::fmt(value, f) }
    });
    quote! {
        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    #(#arms,)*
                    Self::Unknown(::serde_json::Value::String(value)) => f.write_str(value),
                    Self::Unknown(value) => ::std::fmt::Display::fmt(value, f),
                }
            }
        }
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
