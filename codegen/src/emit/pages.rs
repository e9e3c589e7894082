//! A paged operation's builder methods `.pages()` and `.items()`, and its impls of the runtime's
//! `Paginated` and `PaginatedItems`: a few lines each, reading the fields the IR's [`Pagination`] names.

use super::{ident, type_tokens};
use crate::ir::{
    Api, FieldPath, Group, Operation, PageItems, PageStyle, Pagination, Paths, Repr, Shape, TypeId, TypeRef,
};
use proc_macro2::TokenStream;
use quote::quote;

/// How a page field's value is read.
#[derive(Clone, Copy)]
enum Read {
    /// `Option<&str>`.
    Str,
    /// `Option<i64>`.
    Integer,
    /// `Option<bool>`.
    Boolean,
    /// The number of items it holds, `usize`.
    Count { grouped: bool },
    /// The items, moved out of the page: `Vec<Item>`.
    Items { grouped: bool },
}

/// The `.pages()`/`.items()` methods of the builder (inside its `impl`).
pub(super) fn methods(api: &Api, group: &Group, op: &Operation, pagination: &Pagination) -> TokenStream {
    let inline = super::compiled_where_called();
    let builder = &op.builder_name;
    let how = pagination.describe(api, op);
    // The example goes on `items` when there is one, else on `pages`.
    let example = crate::ir::snippets::paged_snippet(api, group, op)
        .map(|s| super::operations::example_doc(&super::snippets::written(api, &s).doctest()));
    let (pages_example, items_example) = match pagination.items {
        Some(_) => (None, example),
        None => (example, None),
    };
    let pages_doc = super::doc_attrs(Some(&format!(
        "Every page of this request, as a `futures` stream of typed responses, each sent with this builder's \
         parameters and request options (retries included). The operation pages {how}.\n\n\
         Resume by setting the position parameter first; stop by dropping the stream. A cursor the server repeats, \
         or the limit of [`Pages::max_pages`](crate::runtime::Pages::max_pages) ends it with \
         [`Error::Pagination`](crate::runtime::Error::Pagination), and an error on any page ends it after \
         yielding that error."
    )));
    let items = pagination.items.as_ref().map(|items| {
        let what = if items.grouped { "every list of each page's map, in key order" } else { "each page's list" };
        let doc = super::doc_attrs(Some(&format!(
            "The items of every page ({what}), as a `futures` stream; see [`pages`]({builder}::pages)."
        )));
        quote! {
            #doc
            #items_example
            #inline
            pub fn items(self) -> crate::runtime::Items<Self> {
                crate::runtime::Pages::new(self).items()
            }
        }
    });
    quote! {
        #pages_doc
        #pages_example
        #inline
        pub fn pages(self) -> crate::runtime::Pages<Self> {
            crate::runtime::Pages::new(self)
        }

        #items
    }
}

/// The builder's `Paginated` (and, with items, `PaginatedItems`) impls.
pub(super) fn impls(api: &Api, op: &Operation, pagination: &Pagination, error: &TokenStream) -> TokenStream {
    let inline = super::compiled_where_called();
    let builder = ident(&op.builder_name);
    let page_ty = type_tokens(api, &TypeRef::Named(pagination.page), Paths::Elsewhere);
    let page = pagination.page;
    let slot = |index: usize| {
        let name = ident(&op.params[index].name);
        quote! { &mut self.#name }
    };
    let received = pagination.items.as_ref().map_or_else(
        || quote! { ::std::option::Option::None },
        |items| {
            let count = read(api, page, &items.field, Read::Count { grouped: items.grouped });
            quote! { ::std::option::Option::Some(#count) }
        },
    );
    let integer = |path: &FieldPath| read(api, page, path, Read::Integer);
    let advance = match &pagination.style {
        PageStyle::Cursor { param, next } => {
            let slot = slot(*param);
            let next = read(api, page, next, Read::Str);
            quote! { crate::runtime::__private::Advance::cursor(#slot, #next) }
        }
        PageStyle::Offset { param, start, step, total } => {
            let slot = slot(*param);
            let start = proc_macro2::Literal::i64_unsuffixed(*start);
            let step = match step {
                Some(step) => {
                    let param = &op.params[*step];
                    let name = ident(&param.name);
                    let default = param.integer_default().unwrap_or(0);
                    let default = proc_macro2::Literal::i64_unsuffixed(default);
                    match param.ty {
                        TypeRef::Integer { int32: true } => quote! { self.#name.map_or(#default, i64::from) },
                        _ => quote! { self.#name.unwrap_or(#default) },
                    }
                }
                None => quote! { 0 },
            };
            let total = option(total.as_ref().map(integer));
            quote! { crate::runtime::__private::Advance::offset(#slot, #start, #received, #step, #total) }
        }
        PageStyle::PageNumber { param, start, pages, total_and_size } => {
            let slot = slot(*param);
            let start = proc_macro2::Literal::i64_unsuffixed(*start);
            let pages = option(pages.as_ref().map(integer));
            let total_and_size = match total_and_size {
                Some((total, size)) => {
                    let (total, size) = (integer(total), integer(size));
                    quote! { #total.zip(#size) }
                }
                None => quote! { ::std::option::Option::None },
            };
            quote! { crate::runtime::__private::Advance::page_number(#slot, #start, #received, #pages, #total_and_size) }
        }
    };
    let advance = match &pagination.has_next {
        Some(flag) => {
            let flag = read(api, page, flag, Read::Boolean);
            quote! { crate::runtime::__private::Advance::while_more(#flag, || #advance) }
        }
        None => advance,
    };
    let items_impl = pagination.items.as_ref().map(|items| items_impl(api, page, items, &builder));
    quote! {
        impl<'a> crate::runtime::Paginated for #builder<'a> {
            type Page = #page_ty;
            type Error = #error;
            type Future = crate::runtime::PageFuture<'a, Self::Page, Self::Error>;

            #inline
            fn send_page(self) -> Self::Future {
                ::std::future::IntoFuture::into_future(self)
            }

            #inline
            fn advance(&mut self, page: &Self::Page) -> crate::runtime::__private::Advance {
                #advance
            }
        }

        #items_impl
    }
}

fn items_impl(api: &Api, page: TypeId, items: &PageItems, builder: &proc_macro2::Ident) -> TokenStream {
    let inline = super::compiled_where_called();
    let item = type_tokens(api, &items.item, Paths::Elsewhere);
    let take = read(api, page, &items.field, Read::Items { grouped: items.grouped });
    quote! {
        impl crate::runtime::PaginatedItems for #builder<'_> {
            type Item = #item;

            #inline
            fn items(page: Self::Page) -> ::std::vec::Vec<Self::Item> {
                #take
            }
        }
    }
}

/// `Some(value)` for a value that is there, or the value itself when it is already an `Option`.
fn option(value: Option<TokenStream>) -> TokenStream {
    value.unwrap_or_else(|| quote! { ::std::option::Option::None })
}

/// An expression reading the field at `path` of `page` as `how` says. The fields along the way are
/// required objects (the IR checked), so only the last one may be an `Option`.
fn read(api: &Api, page: TypeId, path: &FieldPath, how: Read) -> TokenStream {
    let mut id = page;
    let mut access = quote! { page };
    let mut last = None;
    for &index in path {
        let Shape::Struct(fields) = &api.type_def(id).shape else { break };
        let field = &fields[index];
        let name = ident(&field.name);
        access = quote! { #access.#name };
        if let TypeRef::Named(next) = field.ty {
            id = next;
        }
        last = Some(field);
    }
    let Some(field) = last else { return access };
    let widen = match field.ty {
        TypeRef::Integer { int32: true } => quote! { .map(i64::from) },
        _ => TokenStream::new(),
    };
    // How the value is held: plainly (required, or defaulted), in an `Option`, or in a `Nullable`.
    let held = match field.repr {
        Repr::Plain | Repr::Defaulted { .. } => Held::Plain,
        Repr::Optional => Held::Option,
        Repr::TriState => Held::Nullable,
    };
    let count = |grouped: bool, items: TokenStream| {
        if grouped {
            quote! { #items.values().map(::std::vec::Vec::len).sum() }
        } else {
            quote! { #items.len() }
        }
    };
    match (how, held) {
        (Read::Str, Held::Plain) => quote! { ::std::option::Option::Some(#access.as_str()) },
        (Read::Str, Held::Option) => quote! { #access.as_deref() },
        (Read::Str, Held::Nullable) => quote! { #access.value().map(::std::string::String::as_str) },
        (Read::Integer | Read::Boolean, Held::Plain) => quote! { ::std::option::Option::Some(#access)#widen },
        (Read::Integer | Read::Boolean, Held::Option) => quote! { #access #widen },
        (Read::Integer | Read::Boolean, Held::Nullable) => quote! { #access.value().copied()#widen },
        (Read::Count { grouped }, Held::Plain) => count(grouped, access),
        (Read::Count { grouped }, Held::Option | Held::Nullable) => {
            let each = count(grouped, quote! { items });
            let some = if matches!(held, Held::Option) {
                quote! { as_ref() }
            } else {
                quote! { value() }
            };
            quote! { #access.#some.map_or(0, |items| #each) }
        }
        (Read::Items { grouped }, held) => {
            let list = match held {
                Held::Plain => access,
                Held::Option => quote! { #access.unwrap_or_default() },
                Held::Nullable => quote! { #access.into_value().unwrap_or_default() },
            };
            if grouped {
                quote! { #list.into_values().flatten().collect() }
            } else {
                list
            }
        }
    }
}

#[derive(Clone, Copy)]
enum Held {
    Plain,
    Option,
    Nullable,
}
