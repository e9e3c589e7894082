//! One module per operation group: the group client, and per operation a request builder, its send
//! function and the enums of its responses.

use super::types::{deprecated_attr, field_argument};
use super::{doc_attrs, ident, type_tokens};
use crate::ir::{
    Api, BodyEncoding, Group, Operation, PaginationOrigin, Param, ParamLocation, PartForm, PathSegment, Paths,
    Response, ResponseBody, Shape, Status, SuccessShape, TextForm, TypeRef,
};
use proc_macro2::{Literal, TokenStream};
use quote::quote;

pub(super) fn group_module(api: &Api, group: &Group) -> TokenStream {
    let module = ident(&group.name);
    let client = ident(&group.client_name);
    let doc = format!(
        " Operations of the `{}` group: [`{}`]({}::{}) and its request builders.",
        group.name, group.client_name, group.name, group.client_name
    );
    let client_doc = format!(" The `{}` operations; get one with `client.{}()`.", group.name, group.name);
    let methods = group.operations.iter().map(|op| operation_method(api, group, op));
    let items = group.operations.iter().map(|op| operation_items(api, group, op));
    let mock = super::testing::group_mock(api, group);
    let allow = super::allow_deprecated(api);
    quote! {
        #[doc = #doc]
        #allow
        pub mod #module {
            #[doc = #client_doc]
            #[derive(Clone, Copy, Debug)]
            pub struct #client<'a> {
                client: &'a crate::runtime::Client,
            }

            impl<'a> #client<'a> {
                pub(crate) fn new(client: &'a crate::runtime::Client) -> Self {
                    Self { client }
                }

                #(#methods)*
            }

            #(#items)*

            #mock
        }
    }
}

fn param_type(api: &Api, param: &Param) -> TokenStream {
    type_tokens(api, &param.ty, Paths::Elsewhere)
}

/// The group-client methods: required parameters as arguments, returning the builder. A struct body's
/// required fields are arguments too, and a second method takes the whole body instead.
fn operation_method(api: &Api, group: &Group, op: &Operation) -> TokenStream {
    let method = ident(&op.method);
    let builder = ident(&op.builder_name);
    let mut docs = op.docs.clone().unwrap_or_default();
    if !docs.is_empty() {
        docs.push_str("\n\n");
    }
    docs.push_str(&format!("`{} {}`", op.http_method, op.path));
    if let Some(note) = super::types::availability_note(None, op.availability.as_deref()) {
        docs.push_str(&format!("\n\n{note}"));
    }
    if let Some(pagination) = &op.pagination {
        let origin = match pagination.origin {
            PaginationOrigin::Declared => "as the spec's `x-fern-pagination` declares",
            PaginationOrigin::Recognised => "as recognised from its parameter and field names",
        };
        let builder = &op.builder_name;
        let items =
            if pagination.items.is_some() { format!(" and [`items`]({builder}::items)") } else { String::new() };
        docs.push_str(&format!(
            "\n\nPaged {} ({origin}): [`pages`]({builder}::pages){items} stream every page.",
            pagination.describe(api, op),
        ));
    }
    for p in op.required_params().filter(|p| p.deprecated) {
        docs.push_str(&format!("\n\nThe parameter `{}` is deprecated in the API spec.", p.name));
    }
    let deprecated = deprecated_attr(op.deprecated);
    let args: Vec<TokenStream> = op
        .required_params()
        .map(|p| {
            let name = ident(&p.name);
            let ty = param_type(api, p);
            quote! { #name: impl ::std::convert::Into<#ty> }
        })
        .collect();
    let inits: Vec<TokenStream> = op
        .params
        .iter()
        .map(|p| {
            let name = ident(&p.name);
            match (p.required, p.sensitive) {
                (true, false) => quote! { #name: #name.into() },
                (true, true) => quote! { #name: crate::runtime::Redacted(#name.into()) },
                (false, _) => quote! { #name: ::std::option::Option::None },
            }
        })
        .collect();
    let snippets: Vec<_> =
        crate::ir::snippets::snippets(api, group, op).iter().map(|s| super::snippets::written(api, s)).collect();
    let build = |method: &proc_macro2::Ident,
                 body_args: Vec<TokenStream>,
                 body_init: Option<TokenStream>,
                 docs: &str| {
        // Clippy counts `&self` too; its limit is seven.
        let allow = (args.len() + body_args.len() + 1 > 7).then(|| {
            quote! { #[allow(clippy::too_many_arguments, reason = "one argument per required parameter and body field")] }
        });
        let name = method.to_string();
        let flattened = name == op.method;
        let docs = doc_attrs(Some(&format!("{docs}{}{}", arguments_doc(api, op, flattened), errors_doc(op))));
        let example = snippets.iter().find(|s| s.method == name).map(|s| example_doc(&s.doctest()));
        quote! {
            #docs
            #example
            #deprecated
            #allow
            pub fn #method(&self, #(#args,)* #(#body_args),*) -> #builder<'a> {
                #builder {
                    client: self.client,
                    options: ::std::default::Default::default(),
                    #(#inits,)*
                    #body_init
                }
            }
        }
    };
    let body_ty = op.body.as_ref().map(|body| type_tokens(api, &body.ty, Paths::Elsewhere));
    let whole_body = body_ty.as_ref().map(|ty| (quote! { body: #ty }, quote! { body }));
    let (Some(flat), Some(body_ty)) = (op.body.as_ref().and_then(|body| body.flat.as_ref()), &body_ty) else {
        let (arg, init) = whole_body.unzip();
        return build(&method, arg.into_iter().collect(), init, &docs);
    };
    let def = api.type_def(flat.ty);
    let Some((fields, _)) = def.built() else { return TokenStream::new() };
    let body_args =
        flat.arguments.iter().map(|(field, name)| field_argument(api, &ident(name), &fields[*field], Paths::Elsewhere));
    let names = flat.arguments.iter().map(|(_, name)| ident(name));
    let constructor = ident(crate::naming::CONSTRUCTOR);
    let body_init = quote! { body: #body_ty::#constructor(#(#names),*) };
    let with_body = ident(&flat.with_body);
    let flat_docs = format!(
        "{docs}\n\nThe body's required fields are arguments, its other fields builder methods; \
         [`{with_body}`](Self::{with_body}) takes a whole [`{}`](crate::types::{}) instead.",
        def.name, def.name
    );
    let body_docs = format!(
        "{docs}\n\nTakes the whole body; [`{0}`](Self::{0}) takes its fields.",
        crate::naming::bare(&op.method)
    );
    let (arg, init) = whole_body.unzip();
    let flattened = build(&method, body_args.collect(), Some(body_init), &flat_docs);
    let whole = build(&with_body, arg.into_iter().collect(), init, &body_docs);
    quote! {
        #flattened
        #whole
    }
}

/// The `# Arguments` section of a group method's docs: each required parameter (and, for the method
/// that takes a struct body's fields, each required field) with its description, default and bounds.
fn arguments_doc(api: &Api, op: &Operation, flattened: bool) -> String {
    let mut items = Vec::new();
    for param in op.required_params() {
        let mut text = param.summary();
        if let Some(default) = &param.default {
            text.push_str(&format!(" The server's default is `{default}`."));
        }
        let bounds = param.bounds.describe();
        if !bounds.is_empty() {
            text.push_str(&format!(" Must be {bounds}, checked before the request is sent."));
        }
        items.push((crate::naming::bare(&param.name).to_owned(), text));
    }
    let flat = op.body.as_ref().and_then(|body| body.flat.as_ref()).filter(|_| flattened);
    if let Some((flat, (fields, _))) = flat.and_then(|flat| api.type_def(flat.ty).built().map(|built| (flat, built))) {
        for (index, name) in &flat.arguments {
            let field = &fields[*index];
            let text = crate::ir::first_paragraph(field.docs.as_deref())
                .unwrap_or_else(|| format!("The body's `{}`.", field.wire_name));
            items.push((crate::naming::bare(name).to_owned(), text));
        }
    }
    if items.is_empty() {
        return String::new();
    }
    let list: String = items.iter().map(|(name, text)| format!("\n- `{name}`: {text}")).collect();
    format!("\n\n# Arguments\n{list}")
}

/// The `# Errors` section: the declared error statuses (each a variant of the operation's error enum
/// inside `Error::Api`), then what else a call can fail with.
fn errors_doc(op: &Operation) -> String {
    let statuses: Vec<String> = op
        .errors()
        .map(|response| {
            let status = match response.status {
                Status::Code(code) => code.to_string(),
                Status::Default => String::from("any other status"),
            };
            format!("{status} [`{}::{}`]", op.error_name, response.variant)
        })
        .collect();
    let declared = match statuses.is_empty() {
        true => String::from("The spec declares no error status. "),
        false => format!(
            "A declared error status is [`Error::Api`](crate::runtime::Error::Api) holding its body: {}. ",
            statuses.join(", ")
        ),
    };
    format!(
        "\n\n# Errors\n\n{declared}A call also fails with an argument out of bounds, on the transport, at an \
         undeclared status or with a body that does not decode: see [`Error`](crate::runtime::Error)."
    )
}

/// The `# Examples` section: a `no_run` doctest (compiled by `cargo test`, never sent). Its lines are
/// the generator's own Rust, so they skip the escaping that spec text gets.
pub(super) fn example_doc(doctest: &str) -> TokenStream {
    let lines = ["", "# Examples", "", "```no_run"].into_iter().chain(doctest.lines()).chain(["```"]).map(|line| {
        if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        }
    });
    quote! { #(#[doc = #lines])* }
}

/// The request-builder methods that set the fields of a flattened struct body.
fn body_setters(api: &Api, op: &Operation) -> TokenStream {
    let Some(flat) = op.body.as_ref().and_then(|b| b.flat.as_ref()) else { return TokenStream::new() };
    let Some((fields, constructor)) = api.type_def(flat.ty).built() else { return TokenStream::new() };
    let methods = flat.setters.iter().map(|flat_setter| {
        let setter = &constructor.setters[flat_setter.setter];
        let field = &fields[setter.field];
        let (name, inner) = (ident(&flat_setter.name), ident(&setter.name));
        let ty = type_tokens(api, &field.ty, Paths::Elsewhere);
        let label = crate::naming::bare(&field.name);
        let summary = field.docs.as_deref().and_then(|d| d.split("\n\n").next()).unwrap_or_default();
        let docs = doc_attrs(Some(&format!("Sets the body's `{label}`.\n\n{summary}")));
        let deprecated = deprecated_attr(field.deprecated);
        let clear = flat_setter.clear.as_ref().zip(setter.clear.as_ref()).map(|(clear, inner_clear)| {
            let (clear, inner_clear) = (ident(clear), ident(inner_clear));
            let doc = format!(" Sends the body's `{label}` as `null`.");
            quote! {
                #[doc = #doc]
                #deprecated
                pub fn #clear(mut self) -> Self {
                    self.body = self.body.#inner_clear();
                    self
                }
            }
        });
        quote! {
            #docs
            #deprecated
            pub fn #name(mut self, value: impl ::std::convert::Into<#ty>) -> Self {
                self.body = self.body.#inner(value);
                self
            }
            #clear
        }
    });
    quote! { #(#methods)* }
}

/// The success type of an operation: the one body type all 2xx responses share, or an enum by status.
pub(super) fn success_type(api: &Api, op: &Operation) -> TokenStream {
    match op.success_shape() {
        SuccessShape::Undeclared => quote! { () },
        SuccessShape::Shared(ResponseBody::Bytes { .. }) => quote! { crate::runtime::ByteStream },
        SuccessShape::Shared(body) => body_type(api, body),
        SuccessShape::ByStatus => {
            let name = ident(&op.response_enum_name);
            quote! { #name }
        }
    }
}

fn body_type(api: &Api, body: &ResponseBody) -> TokenStream {
    match body {
        ResponseBody::Empty => quote! { () },
        ResponseBody::Json(ty) => type_tokens(api, ty, Paths::Elsewhere),
        ResponseBody::Bytes { .. } => quote! { crate::runtime::Bytes },
    }
}

pub(super) fn error_type(op: &Operation) -> TokenStream {
    if op.errors().next().is_none() {
        quote! { ::std::convert::Infallible }
    } else {
        let name = ident(&op.error_name);
        quote! { #name }
    }
}

fn operation_items(api: &Api, group: &Group, op: &Operation) -> TokenStream {
    let builder = ident(&op.builder_name);
    let success = success_type(api, op);
    let error = error_type(op);
    let output = quote! {
        ::std::result::Result<crate::runtime::Response<#success>, crate::runtime::Error<#error>>
    };
    let builder_doc = format!(
        " Request builder for [`{}::{}`]: set optional parameters, then `.await` it (or call `send`). \
         To send the same request again, `.clone()` it first.",
        group.client_name, op.method
    );
    let fields = op.params.iter().map(|p| {
        let name = ident(&p.name);
        let mut ty = param_type(api, p);
        if p.sensitive {
            ty = quote! { crate::runtime::Redacted<#ty> };
        }
        if p.required {
            quote! { #name: #ty }
        } else {
            quote! { #name: ::std::option::Option<#ty> }
        }
    });
    let body_field = op.body.as_ref().map(|body| {
        let ty = type_tokens(api, &body.ty, Paths::Elsewhere);
        quote! { body: #ty, }
    });
    let setters = op.optional_params().map(|p| setter(api, p));
    let body_setters = body_setters(api, op);
    let send = send_fn(api, op, &success, &error, &output);
    let enums = response_enums(api, group, op);
    let inline = super::compiled_where_called();
    let (paging_methods, paging_impls) = op
        .pagination
        .as_ref()
        .map(|pagination| {
            (super::pages::methods(api, group, op, pagination), super::pages::impls(api, op, pagination, &error))
        })
        .unzip();
    quote! {
        #[doc = #builder_doc]
        #[derive(Clone, Debug)]
        #[must_use = "a request does nothing until it is awaited or sent"]
        pub struct #builder<'a> {
            client: &'a crate::runtime::Client,
            options: crate::runtime::RequestOptions,
            #(#fields,)*
            #body_field
        }

        impl<'a> #builder<'a> {
            #(#setters)*

            #body_setters

            /// Per-request settings (timeout, retries, extra headers and query parameters) that override
            /// the client's.
            pub fn request_options(mut self, options: crate::runtime::RequestOptions) -> Self {
                self.options = options;
                self
            }

            #send

            #paging_methods
        }

        impl<'a> ::std::future::IntoFuture for #builder<'a> {
            type Output = #output;
            type IntoFuture = crate::runtime::BoxFuture<'a, Self::Output>;

            #inline
            fn into_future(self) -> Self::IntoFuture {
                self.send()
            }
        }

        #paging_impls

        #enums
    }
}

/// A builder method for an optional parameter, documenting its default and bounds.
fn setter(api: &Api, param: &Param) -> TokenStream {
    let name = ident(&param.name);
    let ty = param_type(api, param);
    let mut docs = param.docs.clone().unwrap_or_else(|| format!("Sets `{}`.", param.wire_name));
    if let Some(default) = &param.default {
        docs.push_str(&format!("\n\nThe server uses `{default}` when it is not set."));
    }
    let bounds = param.bounds.describe();
    if !bounds.is_empty() {
        docs.push_str(&format!("\n\nMust be {bounds}; other values are rejected before the request is sent."));
    }
    let docs = doc_attrs(Some(&docs));
    let deprecated = deprecated_attr(param.deprecated);
    let wrapped = if param.sensitive {
        quote! { crate::runtime::Redacted(#name.into()) }
    } else {
        quote! { #name.into() }
    };
    quote! {
        #docs
        #deprecated
        pub fn #name(mut self, #name: impl ::std::convert::Into<#ty>) -> Self {
            self.#name = ::std::option::Option::Some(#wrapped);
            self
        }
    }
}

fn bound_tokens(bound: Option<(f64, bool)>) -> TokenStream {
    match bound {
        Some((value, exclusive)) => {
            let value = Literal::f64_suffixed(value);
            quote! { ::std::option::Option::Some((#value, #exclusive)) }
        }
        None => quote! { ::std::option::Option::None },
    }
}

/// Validation of one parameter value held in `name`, before anything is sent.
fn validate(param: &Param, value: &TokenStream) -> Option<TokenStream> {
    if param.bounds.is_empty() || !matches!(param.ty, TypeRef::Number { .. } | TypeRef::Integer { .. }) {
        return None;
    }
    let wire = &param.wire_name;
    let min = bound_tokens(param.bounds.min);
    let max = bound_tokens(param.bounds.max);
    let value = match param.ty {
        TypeRef::Integer { .. } => quote! { #value as f64 },
        _ => value.clone(),
    };
    Some(quote! {
        crate::runtime::__private::check_bounds(#wire, #value, #min, #max)?;
    })
}

/// `send` (and `send_accepting`) with the `request` and `decode` they hand to the runtime; `output` is
/// the `Result` of `success` and `error` that `decode` returns.
fn send_fn(api: &Api, op: &Operation, success: &TokenStream, error: &TokenStream, output: &TokenStream) -> TokenStream {
    let inline = super::compiled_where_called();
    let names: Vec<_> = op.params.iter().map(|p| ident(&p.name)).collect();
    let body_name = op.body.as_ref().map(|_| quote! { body });

    let checks = op.params.iter().filter_map(|p| {
        let name = ident(&p.name);
        if p.required {
            validate(p, &quote! { #name })
        } else {
            let check = validate(p, &quote! { *value })?;
            Some(quote! {
                if let ::std::option::Option::Some(value) = &#name {
                    #check
                }
            })
        }
    });

    // The path: literal pieces and encoded parameters, concatenated (no `format!`, whose arguments
    // prettyplease cannot lay out).
    let pieces: Vec<TokenStream> = op
        .template
        .iter()
        .filter_map(|segment| match segment {
            PathSegment::Literal(literal) => Some(quote! { #literal }),
            PathSegment::Param(wire) => {
                let param = op.params.iter().find(|p| p.location == ParamLocation::Path && &p.wire_name == wire)?;
                let name = ident(&param.name);
                let value = wire_text(api, &param.ty, quote! { &#name });
                Some(quote! { &crate::runtime::__private::encode_path_segment(#wire, #value)? })
            }
        })
        .collect();
    let path = match pieces.as_slice() {
        [] => quote! { ::std::string::String::from("/") },
        [only] if op.params.iter().all(|p| p.location != ParamLocation::Path) => {
            quote! { ::std::string::String::from(#only) }
        }
        _ => quote! { [#(#pieces),*].concat() },
    };

    let method = ident(&op.http_method);
    let template = &op.path;
    let extras = op.params.iter().filter(|p| p.location != ParamLocation::Path).map(|p| {
        let name = ident(&p.name);
        let wire = &p.wire_name;
        let add = match p.location {
            ParamLocation::Header if p.sensitive => quote! { sensitive_header },
            ParamLocation::Header => quote! { header },
            ParamLocation::Cookie => quote! { cookie },
            _ => quote! { query },
        };
        let each = |value: TokenStream| match &p.ty {
            // Arrays are sent as repeated parameters (`form` style, `explode: true`; for cookies,
            // repeated `name=value` pairs).
            TypeRef::Array(item_ty) => {
                let item = wire_text(api, item_ty, quote! { item });
                quote! {
                    for item in #value {
                        request.#add(#wire, #item);
                    }
                }
            }
            ty => {
                let value = wire_text(api, ty, value);
                quote! { request.#add(#wire, #value); }
            }
        };
        // A credential is held `Redacted`; what is sent is the value inside.
        let (required, optional) = if p.sensitive {
            (quote! { &#name.0 }, quote! { &value.0 })
        } else {
            (quote! { &#name }, quote! { value })
        };
        if p.required {
            each(required)
        } else {
            let add = each(optional);
            quote! {
                if let ::std::option::Option::Some(value) = &#name {
                    #add
                }
            }
        }
    });
    let body = op.body.as_ref().map(|body| match body.encoding {
        BodyEncoding::Json => quote! { request.json(&body); },
        BodyEncoding::Multipart => multipart_body(api, &body.ty),
    });
    let auth = (!op.api_key_headers.is_empty() || op.bearer).then(|| {
        let headers = &op.api_key_headers;
        let keys = (!headers.is_empty()).then(|| quote! { request.api_key_headers(&[#(#headers),*]); });
        let bearer = op.bearer.then(|| quote! { request.bearer_auth(); });
        quote! { #keys #bearer }
    });
    let extras: Vec<TokenStream> = extras.collect();
    let server_wait = op.server_wait.as_ref().map(|wait| {
        let name = ident(&wait.param);
        let param = op.params.iter().find(|p| p.name == wait.param);
        let as_f64 = match param.map(|p| &p.ty) {
            Some(TypeRef::Integer { .. }) => quote! { as f64 },
            _ => TokenStream::new(),
        };
        let required = param.is_some_and(|p| p.required);
        match (required, wait.default_seconds) {
            (true, _) => quote! { request.server_wait(#name #as_f64); },
            (false, Some(default)) => {
                let default = Literal::f64_suffixed(default);
                if as_f64.is_empty() {
                    quote! { request.server_wait(#name.unwrap_or(#default)); }
                } else {
                    quote! { request.server_wait(#name.map_or(#default, |seconds| seconds #as_f64)); }
                }
            }
            (false, None) => quote! {
                if let ::std::option::Option::Some(seconds) = #name {
                    request.server_wait(seconds #as_f64);
                }
            },
        }
    });
    let arms = response_arms(api, op, true);
    // Sending is the runtime's one async path; each operation adds how it builds its request and how it
    // decodes a response. A streamed 2xx body never reaches `decode`, which handles the other statuses.
    let sender = if op.streams() {
        quote! { stream_request }
    } else {
        quote! { send_request }
    };
    let alternatives: Vec<&str> = op.successes().flat_map(|r| r.alternatives.iter().map(String::as_str)).collect();
    let send_accepting = (!alternatives.is_empty()).then(|| {
        let list = alternatives.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", ");
        let doc = format!(
            " Sends the request asking for another media type than JSON (the server offers {list}); \
             a 2xx body is returned unread, to be streamed."
        );
        let error_arms = response_arms(api, op, false);
        quote! {
            #[doc = #doc]
            #inline
            pub fn send_accepting(
                self,
                media_type: &'static str,
            ) -> crate::runtime::ResponseFuture<'a, crate::runtime::ByteStream, #error> {
                let request = self.request().map(|mut request| {
                    request.header("accept", &media_type);
                    request
                });
                crate::runtime::__private::stream_request(request, Self::decode_error)
            }

            /// Decodes the error statuses of a response whose 2xx body was streamed.
            #inline
            fn decode_error(
                response: crate::runtime::RawResponse,
            ) -> ::std::result::Result<crate::runtime::Response<crate::runtime::ByteStream>, crate::runtime::Error<#error>> {
                #error_arms
            }
        }
    });
    quote! {
        /// Sends the request.
        #inline
        pub fn send(self) -> crate::runtime::ResponseFuture<'a, #success, #error> {
            crate::runtime::__private::#sender(self.request(), Self::decode)
        }

        /// The request this builder describes: parameters checked, path encoded, body serialized.
        #inline
        fn request(self) -> ::std::result::Result<crate::runtime::__private::Request<'a>, crate::runtime::Error<#error>> {
            let Self { client, options, #(#names,)* #body_name } = self;
            #(#checks)*
            let path = #path;
            let mut request = client.request(::reqwest::Method::#method, #template, path);
            request.options(options);
            #server_wait
            #(#extras)*
            #body
            #auth
            ::std::result::Result::Ok(request)
        }

        /// Decodes a response by its status.
        #inline
        fn decode(response: crate::runtime::RawResponse) -> #output {
            #arms
        }

        #send_accepting
    }
}

/// A parameter value as the runtime sends it (`&dyn Display`). Timestamps are written as RFC 3339,
/// which their `Display` is not.
/// Values with no text form of their own (objects, lists inside lists, unions of such) are sent as
/// JSON text.
fn wire_text(api: &Api, ty: &TypeRef, value: TokenStream) -> TokenStream {
    text(api.text_form(ty), value)
}

/// A value written in a text form.
fn text(form: TextForm, value: TokenStream) -> TokenStream {
    match form {
        TextForm::Timestamp => quote! { &crate::runtime::timestamp::format(#value) },
        TextForm::Display => value,
        TextForm::Json => quote! { &crate::runtime::__private::json_text(#value) },
    }
}

/// A `multipart/form-data` body from the fields of the body struct: bytes become file parts (one per
/// item of a list), scalars text parts, anything else JSON text.
fn multipart_body(api: &Api, ty: &TypeRef) -> TokenStream {
    let TypeRef::Named(id) = ty else { return TokenStream::new() };
    let Shape::Struct(fields) = &api.type_def(*id).shape else { return TokenStream::new() };
    let parts = fields.iter().map(|field| {
        let name = ident(&field.name);
        let wire = &field.wire_name;
        let add = |ty: &TypeRef, value: TokenStream| match api.part_form(ty) {
            PartForm::File => quote! { form.file(#wire, #value); },
            PartForm::Files => quote! {
                for part in #value {
                    form.file(#wire, part);
                }
            },
            PartForm::Text(form) => {
                let value = text(form, value);
                quote! { form.text(#wire, #value); }
            }
            PartForm::Json => quote! { form.json(#wire, #value); },
        };
        if field.is_option() {
            let add = add(&field.ty, quote! { value });
            quote! {
                if let ::std::option::Option::Some(value) = &body.#name {
                    #add
                }
            }
        } else {
            add(&field.ty, quote! { &body.#name })
        }
    });
    quote! {
        let mut form = crate::runtime::__private::Multipart::new();
        #(#parts)*
        request.multipart(form);
    }
}

/// The call that reads a success body, `response.#call`.
fn decode_call(api: &Api, body: &ResponseBody) -> TokenStream {
    match body {
        ResponseBody::Empty => quote! { empty() },
        // A body that is itself a timestamp (or a list of them): read through the codec.
        ResponseBody::Json(ty) if api.uses_codec(ty) => {
            let ty = type_tokens(api, ty, Paths::Elsewhere);
            quote! { json::<crate::runtime::__private::codec::Coded<#ty>, _>().map(|r| r.map(|coded| coded.0)) }
        }
        ResponseBody::Json(_) => quote! { json() },
        ResponseBody::Bytes { .. } => quote! { bytes() },
    }
}

/// The arms of the status match: success arms (unless `successes` is false, when 2xx bodies were
/// already handed over unread) and the declared errors, then the fallback.
fn response_arms(api: &Api, op: &Operation, successes: bool) -> TokenStream {
    let success_shape = if successes { op.success_shape() } else { SuccessShape::Shared(&ResponseBody::Empty) };
    let streamed = !successes || op.streams();
    let successes: Vec<&Response> = op.successes().collect();
    let mut arms = Vec::new();
    match success_shape {
        SuccessShape::Undeclared => arms.push(quote! { 200..=299 => response.empty(), }),
        SuccessShape::Shared(_) if streamed => {}
        SuccessShape::Shared(body) => {
            let codes = successes.iter().map(|r| status_literal(r.status));
            let decode = decode_call(api, body);
            arms.push(quote! { #(#codes)|* => response.#decode, });
        }
        SuccessShape::ByStatus => {
            let enum_name = ident(&op.response_enum_name);
            for response in &successes {
                let code = status_literal(response.status);
                let variant = ident(&response.variant);
                // The enum variant does not pin the body type for inference; name it.
                let decode = match &response.body {
                    ResponseBody::Json(ty) if !api.uses_codec(ty) => {
                        let ty = type_tokens(api, ty, Paths::Elsewhere);
                        quote! { json::<#ty, _>() }
                    }
                    body => decode_call(api, body),
                };
                let wrap = match response.body {
                    ResponseBody::Empty => quote! { |()| #enum_name::#variant },
                    _ => quote! { #enum_name::#variant },
                };
                arms.push(quote! { #code => response.#decode.map(|r| r.map(#wrap)), });
            }
        }
    }
    let error_name = ident(&op.error_name);
    let mut fallback = quote! { ::std::result::Result::Err(response.unexpected()) };
    for response in op.errors() {
        let variant = ident(&response.variant);
        let error = match &response.body {
            ResponseBody::Empty => quote! { response.api_error_without_body(#error_name::#variant) },
            ResponseBody::Json(ty) if api.uses_codec(ty) => {
                let ty = type_tokens(api, ty, Paths::Elsewhere);
                quote! {
                    response.api_error(|coded: crate::runtime::__private::codec::Coded<#ty>| #error_name::#variant(coded.0))
                }
            }
            ResponseBody::Json(_) => quote! { response.api_error(#error_name::#variant) },
            ResponseBody::Bytes { .. } => quote! { response.api_error_bytes(#error_name::#variant) },
        };
        match response.status {
            Status::Default => fallback = quote! { ::std::result::Result::Err(#error) },
            status => {
                let code = status_literal(status);
                arms.push(quote! { #code => ::std::result::Result::Err(#error), });
            }
        }
    }
    if arms.is_empty() {
        // Nothing to tell apart: no `match` with a lone wildcard.
        return fallback;
    }
    quote! {
        match response.status.as_u16() {
            #(#arms)*
            _ => #fallback,
        }
    }
}

fn status_literal(status: Status) -> TokenStream {
    match status {
        Status::Code(code) => {
            let code = Literal::u16_unsuffixed(code);
            quote! { #code }
        }
        Status::Default => quote! { _ },
    }
}

/// The error enum (declared error bodies) and, when success bodies differ by status, the response enum.
fn response_enums(api: &Api, group: &Group, op: &Operation) -> TokenStream {
    let variant = |response: &Response| {
        let name = ident(&response.variant);
        let status = match response.status {
            Status::Code(code) => code.to_string(),
            Status::Default => String::from("Any other status"),
        };
        let description = response.description.as_deref().unwrap_or("(no description)");
        let doc = format!(" {status}: {}", super::doc_text(description.lines().next().unwrap_or_default()).trim_end());
        let payload = match &response.body {
            ResponseBody::Empty => quote! {},
            body => {
                let ty = body_type(api, body);
                quote! { (#ty) }
            }
        };
        quote! {
            #[doc = #doc]
            #name #payload
        }
    };
    let errors: Vec<&Response> = op.errors().collect();
    let error_enum = (!errors.is_empty()).then(|| {
        let name = ident(&op.error_name);
        let doc = format!(" The error bodies [`{}::{}`] declares, by status.", group.client_name, op.method);
        let variants = errors.iter().map(|r| variant(r));
        quote! {
            #[doc = #doc]
            #[derive(Clone, Debug, PartialEq)]
            #[non_exhaustive]
            pub enum #name {
                #(#variants,)*
            }
        }
    });
    let response_enum = (op.success_shape() == SuccessShape::ByStatus).then(|| {
        let name = ident(&op.response_enum_name);
        let doc = format!(" The success bodies [`{}::{}`] declares, by status.", group.client_name, op.method);
        let variants = op.successes().map(variant);
        quote! {
            #[doc = #doc]
            #[derive(Clone, Debug, PartialEq)]
            #[non_exhaustive]
            pub enum #name {
                #(#variants,)*
            }
        }
    });
    quote! {
        #error_enum
        #response_enum
    }
}
