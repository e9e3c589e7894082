//! Structs: fields, constructors and setters, and the `Debug` that redacts credentials.

use super::*;

pub(super) fn struct_def(api: &Api, name: &str, fields: &[Field], constructor: Option<&Constructor>) -> TokenStream {
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
pub(in crate::emit) fn field_argument(
    api: &Api,
    name: &proc_macro2::Ident,
    field: &Field,
    paths: Paths,
) -> TokenStream {
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

pub(super) fn struct_field(api: &Api, owner: &str, field: &Field) -> TokenStream {
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
