//! The `types` module: one item per [`TypeDef`].

use super::{doc_attrs, ident, type_tokens, Scope};
use crate::ir::{Api, EnumVariant, Field, Shape, TypeDef, TypeRef};
use crate::naming;
use proc_macro2::TokenStream;
use quote::quote;

pub(super) fn types_module(api: &Api) -> TokenStream {
    if api.types.is_empty() {
        return TokenStream::new();
    }
    let items = api.types.iter().map(|def| type_def(api, def));
    quote! {
        /// Request and response types, one per schema.
        pub mod types {
            #(#items)*
        }
    }
}

fn type_def(api: &Api, def: &TypeDef) -> TokenStream {
    let mut docs = def.docs.clone();
    if def.deprecated {
        let note = "**Deprecated** in the API spec.";
        docs = Some(match docs {
            Some(d) => format!("{d}\n\n{note}"),
            None => note.to_owned(),
        });
    }
    if let Shape::ConstString(value) = &def.shape {
        let note = format!("Always `{value:?}`.");
        docs = Some(match docs {
            Some(d) => format!("{d}\n\n{note}"),
            None => note,
        });
    }
    let docs = doc_attrs(docs.as_deref());
    let item = match &def.shape {
        Shape::Struct(fields) => struct_def(api, &def.name, fields),
        Shape::StringEnum(variants) => string_enum(&def.name, variants),
        Shape::ConstString(value) => const_string(&def.name, value),
        Shape::Alias(ty) => alias(api, &def.name, ty),
    };
    quote! {
        #docs
        #item
    }
}

fn struct_def(api: &Api, name: &str, fields: &[Field]) -> TokenStream {
    let name = ident(name);
    let members = fields.iter().map(|field| struct_field(api, field));
    let constants = fields.iter().filter_map(|field| {
        let (ty, value) = match &field.ty {
            TypeRef::ConstBool(value) => (quote! { bool }, quote! { #value }),
            TypeRef::ConstInteger(value) => {
                let literal = proc_macro2::Literal::i64_unsuffixed(*value);
                (quote! { i64 }, quote! { #literal })
            }
            _ => return None,
        };
        let constant = ident(&naming::constant_name(&field.name));
        let doc = format!(" The value `{}` always has.", field.wire_name);
        Some(quote! {
            #[doc = #doc]
            pub const #constant: #ty = #value;
        })
    });
    let constants: Vec<TokenStream> = constants.collect();
    let impl_block = (!constants.is_empty()).then(|| {
        quote! {
            impl #name {
                #(#constants)*
            }
        }
    });
    quote! {
        #[derive(Clone, Debug, ::serde::Deserialize, PartialEq, ::serde::Serialize)]
        pub struct #name {
            #(#members,)*
        }

        #impl_block
    }
}

fn struct_field(api: &Api, field: &Field) -> TokenStream {
    let name = ident(&field.name);
    let ty = type_tokens(api, &field.ty, Scope::Types);
    let ty = if field.optional() {
        quote! { ::std::option::Option<#ty> }
    } else {
        ty
    };
    let mut serde = Vec::new();
    if field.name != field.wire_name {
        let wire = &field.wire_name;
        serde.push(quote! { rename = #wire });
    }
    if !field.required {
        // Absent stays absent on the way back out.
        serde.push(quote! { skip_serializing_if = "::std::option::Option::is_none" });
    }
    let serde = (!serde.is_empty()).then(|| quote! { #[serde(#(#serde),*)] });
    let mut docs = field.docs.clone().unwrap_or_default();
    if let Some(default) = &field.default {
        docs = format!("{docs}{}Defaults to `{default}` when absent.", if docs.is_empty() { "" } else { "\n\n" });
    }
    if field.deprecated {
        docs = format!("{docs}{}**Deprecated** in the API spec.", if docs.is_empty() { "" } else { "\n\n" });
    }
    let docs = doc_attrs(Some(&docs).filter(|d| !d.is_empty()).map(String::as_str));
    quote! {
        #docs
        #serde
        pub #name: #ty
    }
}

fn string_enum(name: &str, variants: &[EnumVariant]) -> TokenStream {
    let name = ident(name);
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
    }
}

/// A string `const`: a one-variant enum, so serde accepts exactly that string.
fn const_string(name: &str, value: &str) -> TokenStream {
    let name = ident(name);
    let variant = ident(&naming::variant_name(value));
    let rename = (naming::variant_name(value) != value).then(|| quote! { #[serde(rename = #value)] });
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

fn alias(api: &Api, name: &str, ty: &TypeRef) -> TokenStream {
    let name = ident(name);
    let ty = type_tokens(api, ty, Scope::Types);
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
        }
    }

    fn field(name: &str, wire: &str, ty: TypeRef, required: bool, nullable: bool) -> Field {
        Field {
            name: name.into(),
            wire_name: wire.into(),
            docs: None,
            ty,
            required,
            nullable,
            deprecated: false,
            default: None,
        }
    }

    #[test]
    fn optional_renamed_field_skips_absent_values() {
        let api = api_with(vec![]);
        let tokens = struct_field(&api, &field("user_id", "userId", TypeRef::Uuid, false, false));
        let expected = quote! {
            #[serde(rename = "userId", skip_serializing_if = "::std::option::Option::is_none")]
            pub user_id: ::std::option::Option<::uuid::Uuid>
        };
        assert_eq!(tokens.to_string(), expected.to_string());
    }

    #[test]
    fn required_nullable_field_is_an_option_that_serialises_null() {
        let api = api_with(vec![]);
        let tokens = struct_field(&api, &field("note", "note", TypeRef::String, true, true));
        let expected = quote! { pub note: ::std::option::Option<::std::string::String> };
        assert_eq!(tokens.to_string(), expected.to_string());
    }

    #[test]
    fn const_fields_get_a_type_level_value_and_an_associated_constant() {
        let api = api_with(vec![]);
        let tokens = struct_def(&api, "Ok", &[field("success", "success", TypeRef::ConstBool(true), true, false)]);
        let expected = quote! {
            #[derive(Clone, Debug, ::serde::Deserialize, PartialEq, ::serde::Serialize)]
            pub struct Ok {
                pub success: crate::runtime::ConstBool<true>,
            }

            impl Ok {
                #[doc = " The value `success` always has."]
                pub const SUCCESS: bool = true;
            }
        };
        assert_eq!(tokens.to_string(), expected.to_string());
    }

    #[test]
    fn type_references_render_boxes_negative_consts_and_maps() {
        let leaf = TypeDef {
            name: "Leaf".into(),
            origin: String::new(),
            docs: None,
            deprecated: false,
            shape: Shape::StringEnum(vec![]),
        };
        let api = api_with(vec![leaf]);
        let render = |ty: TypeRef, scope| super::super::type_tokens(&api, &ty, scope).to_string();
        assert_eq!(render(TypeRef::Boxed(TypeId(0)), Scope::Types), quote! { ::std::boxed::Box<Leaf> }.to_string());
        assert_eq!(render(TypeRef::Named(TypeId(0)), Scope::Elsewhere), quote! { crate::types::Leaf }.to_string());
        assert_eq!(
            render(TypeRef::ConstInteger(-3), Scope::Types),
            quote! { crate::runtime::ConstInteger<{ -3 }> }.to_string()
        );
        assert_eq!(
            render(TypeRef::Map(Box::new(TypeRef::Integer { int32: true })), Scope::Types),
            quote! { ::std::collections::BTreeMap<::std::string::String, i32> }.to_string()
        );
    }

    #[test]
    fn docs_become_one_attribute_per_line() {
        let tokens = super::super::doc_attrs(Some("Title\n\nBody line"));
        assert_eq!(tokens.to_string(), quote! { #[doc = " Title"] #[doc = ""] #[doc = " Body line"] }.to_string());
    }
}
