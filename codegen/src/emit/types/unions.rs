//! Unions (`oneOf`/`anyOf`): decoded by tag, by shape or by trying each member.

use super::*;

/// A union: an enum with one variant per member and `Unknown` for anything else. Serialising writes the
/// member as it is; deserialising follows the matchers the IR planned, in order.
pub(in crate::emit) fn union(
    api: &Api,
    name: &str,
    variants: &[UnionVariant],
    text: TextForm,
    paths: Paths,
) -> TokenStream {
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
pub(super) fn member_decoder(api: &Api, ty: &TypeRef) -> TokenStream {
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
