//! Enums of strings and integers (open ones keep unknown values), and constant strings.

use super::*;

pub(super) fn string_enum(name: &str, variants: &[EnumVariant], open: bool, fallback: &str) -> TokenStream {
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

pub(super) fn integer_enum(name: &str, variants: &[(String, i64)], open: bool, fallback: &str) -> TokenStream {
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
pub(super) fn const_string(name: &str, value: &str, variant: &str) -> TokenStream {
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
