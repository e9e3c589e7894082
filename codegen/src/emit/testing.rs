//! The test kit (the `testing` feature): `testing::Mock`, and per group a struct of typed expectations
//! (`mock.user().refresh()`) over the runtime's `MockTransport`, so that the compiler checks every
//! canned body against its operation's types.

use super::operations::{error_type, success_type};
use super::{cfg_features, doc_attrs, ident, type_tokens};
use crate::ir::{Api, BodyEncoding, Group, Operation, Paths, Response, ResponseBody, SuccessShape};
use crate::naming;
use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// `#[cfg(feature = "testing")]`: what every item of the test kit sits behind.
fn testing_cfg() -> TokenStream {
    cfg_features(&[naming::TESTING_FEATURE])
}

/// The group's expectations struct (`UserMock`) and its methods, one per operation; emitted inside the
/// group's module.
pub(super) fn group_mock(api: &Api, group: &Group) -> TokenStream {
    let cfg = testing_cfg();
    let name = ident(&group.mock_name);
    let doc = format!(
        " Expectations of the `{}` operations, for a [`Mock`](crate::testing::Mock); get one with `mock.{}()`.",
        group.name, group.name
    );
    let methods = group.operations.iter().map(|op| expectation_method(api, group, op));
    quote! {
        #[doc = #doc]
        #cfg
        #[derive(Clone, Copy, Debug)]
        pub struct #name<'a> {
            mock: &'a crate::runtime::testing::MockTransport,
        }

        #cfg
        impl<'a> #name<'a> {
            pub(crate) fn new(mock: &'a crate::runtime::testing::MockTransport) -> Self {
                Self { mock }
            }

            #(#methods)*
        }
    }
}

/// `mock.user().refresh()`: a new expectation of one operation, typed by its success body, its error
/// enum and its JSON request body.
fn expectation_method(api: &Api, group: &Group, op: &Operation) -> TokenStream {
    let method = ident(&op.method);
    let success = mock_success_type(api, op);
    let error = error_type(op);
    let request_body = match &op.body {
        Some(body) if body.encoding == BodyEncoding::Json && !api.uses_codec(&body.ty) => {
            type_tokens(api, &body.ty, Paths::Elsewhere)
        }
        _ => quote! { () },
    };
    let label = format!("{}.{}", group.name, op.method);
    let http_method = ident(&op.http_method);
    let template = &op.path;
    let returns = success_response(api, op);
    let fails = error_response(api, op);
    let docs = format!(
        "Expects a call of [`{client}::{method}`]({client}::{method}) (`{verb} {path}`): `.returns(..)` answers \
         {status} with a body of its success type, `.fails_with(..)` a declared error with its status.",
        client = group.client_name,
        method = op.method,
        verb = op.http_method,
        path = op.path,
        status = op.mock_success_status(),
    );
    let docs = doc_attrs(Some(&docs));
    quote! {
        #docs
        pub fn #method(&self) -> crate::runtime::testing::Expectation<#success, #error, #request_body> {
            self.mock.expect(#label, ::reqwest::Method::#http_method, #template, #returns, #fails)
        }
    }
}

/// What `.returns(..)` takes: the success type, except that a streamed body is given as bytes.
fn mock_success_type(api: &Api, op: &Operation) -> TokenStream {
    match op.success_shape() {
        SuccessShape::Shared(ResponseBody::Bytes { .. }) => quote! { crate::runtime::Bytes },
        _ => success_type(api, op),
    }
}

/// The canned response of a body with a status: JSON (through the codec for timestamps), bytes with
/// their media type, or nothing.
fn canned(api: &Api, status: u16, body: &ResponseBody, value: TokenStream) -> TokenStream {
    let status = Literal::u16_unsuffixed(status);
    let response = quote! { crate::runtime::testing::MockResponse::status(#status) };
    match body {
        ResponseBody::Empty => response,
        ResponseBody::Json(ty) if api.uses_codec(ty) => {
            quote! { #response.json(&crate::runtime::__private::codec::Coded(#value)) }
        }
        ResponseBody::Json(_) => quote! { #response.json(&#value) },
        ResponseBody::Bytes { media_type } => {
            quote! { #response.header("content-type", #media_type).body(#value) }
        }
    }
}

/// The closure that turns a success value into its canned response.
fn success_response(api: &Api, op: &Operation) -> TokenStream {
    match op.success_shape() {
        SuccessShape::Undeclared => {
            let status = Literal::u16_unsuffixed(op.mock_success_status());
            quote! { |()| crate::runtime::testing::MockResponse::status(#status) }
        }
        SuccessShape::Shared(ResponseBody::Empty) => {
            let response = canned(api, op.mock_success_status(), &ResponseBody::Empty, quote! {});
            quote! { |()| #response }
        }
        SuccessShape::Shared(body) => {
            let response = canned(api, op.mock_success_status(), body, quote! { body });
            quote! { |body| #response }
        }
        SuccessShape::ByStatus => {
            let name = ident(&op.response_enum_name);
            let arms = op.successes().map(|response| variant_arm(api, op, &name, response));
            quote! { |body| match body { #(#arms)* } }
        }
    }
}

/// The closure that turns an error enum value into its canned response.
fn error_response(api: &Api, op: &Operation) -> TokenStream {
    if op.errors().next().is_none() {
        return quote! { |error| match error {} };
    }
    let name = ident(&op.error_name);
    let arms = op.errors().map(|response| variant_arm(api, op, &name, response));
    quote! { |error| match error { #(#arms)* } }
}

/// One arm of a match over a response or error enum: the variant's status and body.
fn variant_arm(api: &Api, op: &Operation, enum_name: &proc_macro2::Ident, response: &Response) -> TokenStream {
    let variant = ident(&response.variant);
    let status = op.mock_status(response);
    match &response.body {
        ResponseBody::Empty => {
            let canned = canned(api, status, &response.body, quote! {});
            quote! { #enum_name::#variant => #canned, }
        }
        body => {
            let canned = canned(api, status, body, quote! { body });
            quote! { #enum_name::#variant(body) => #canned, }
        }
    }
}

/// The crate's `testing` module: `Mock`, whose accessors mirror the client's.
pub(super) fn testing_module(api: &Api, gated: bool) -> TokenStream {
    // With group features, a types-only build has no client to mock.
    let (testing, client) = (naming::TESTING_FEATURE, naming::CLIENT_FEATURE);
    let cfg = match gated {
        true => quote! { #[cfg(all(feature = #testing, feature = #client))] },
        false => testing_cfg(),
    };
    let accessors = api.groups.iter().map(|group| {
        let module = ident(&group.name);
        let mock = ident(&group.mock_name);
        let doc = format!(" Expectations of the `{}` operations.", group.name);
        let group_cfg = gated.then(|| cfg_features(&[group.feature.as_str()]));
        quote! {
            #[doc = #doc]
            #group_cfg
            pub fn #module(&self) -> crate::#module::#mock<'_> {
                crate::#module::#mock::new(&self.0)
            }
        }
    });
    quote! {
        /// The test kit (feature `testing`): a mock of the API that runs in process, without sockets.
        ///
        /// [`Mock`](crate::testing::Mock) holds typed expectations (`mock.user().refresh().returns(..)`)
        /// and hands out a [`Client`] that is answered from them; see the runtime's
        /// [`testing`](crate::runtime::testing) module for how requests meet expectations.
        #cfg
        pub mod testing {
            /// A mock of the API: expectations per operation, a client answered from them, and what the
            /// client sent. Clones share everything. It dereferences to the runtime's
            /// [`MockTransport`](crate::runtime::testing::MockTransport) (`verify`, `sleeps`,
            /// `unmatched`).
            #[derive(Clone, Debug, Default)]
            pub struct Mock(crate::runtime::testing::MockTransport);

            impl Mock {
                /// A mock without expectations.
                pub fn new() -> Self {
                    Self::default()
                }

                /// A client answered by this mock (test credentials, virtual time).
                pub fn client(&self) -> crate::Client {
                    match self.client_builder().build() {
                        ::std::result::Result::Ok(client) => client,
                        ::std::result::Result::Err(error) => {
                            ::std::panic!("the mocked client cannot be built: {error}")
                        }
                    }
                }

                /// A client builder answered by this mock, to change more settings (retries, headers)
                /// before `build()`.
                pub fn client_builder(&self) -> crate::runtime::ClientBuilder<crate::Client> {
                    self.0.configure(crate::Client::builder())
                }

                #(#accessors)*
            }

            impl ::std::ops::Deref for Mock {
                type Target = crate::runtime::testing::MockTransport;

                fn deref(&self) -> &crate::runtime::testing::MockTransport {
                    &self.0
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One operation: a `201` with a body, a `404` without one and a `default` error.
    const SPEC: &str = r#"
openapi: 3.1.0
info: {title: Items, version: "1"}
paths:
  /items/{id}:
    put:
      operationId: put_item
      tags: [items]
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        "201": {description: created, content: {application/json: {schema: {type: object, properties: {id: {type: string}}}}}}
        "404": {description: missing}
        default: {description: anything else, content: {application/json: {schema: {type: object, properties: {message: {type: string}}}}}}
"#;

    fn api() -> Api {
        crate::Generator::new().ir(SPEC).unwrap().0
    }

    fn spaceless(tokens: &TokenStream) -> String {
        tokens.to_string().replace(' ', "")
    }

    #[test]
    fn each_error_variant_is_answered_with_its_status_and_body() {
        let api = api();
        let op = &api.groups[0].operations[0];
        let fails = spaceless(&error_response(&api, op));
        assert!(
            fails.contains("PutItemError::NotFound=>crate::runtime::testing::MockResponse::status(404),"),
            "{fails}"
        );
        // `default` decodes any undeclared status: the first 5xx the operation does not declare.
        assert!(
            fails.contains(
                "PutItemError::Default(body)=>crate::runtime::testing::MockResponse::status(500).json(&body),"
            ),
            "{fails}"
        );
        let returns = spaceless(&success_response(&api, op));
        assert_eq!(returns, "|body|crate::runtime::testing::MockResponse::status(201).json(&body)");
    }

    #[test]
    fn an_expectation_names_the_operation_and_its_template() {
        let api = api();
        let method = spaceless(&expectation_method(&api, &api.groups[0], &api.groups[0].operations[0]));
        assert!(method.contains("pubfnput_item(&self)->crate::runtime::testing::Expectation<"), "{method}");
        assert!(
            method.contains(r#"self.mock.expect("items.put_item",::reqwest::Method::PUT,"/items/{id}","#),
            "{method}"
        );
    }

    #[test]
    fn with_group_features_the_test_kit_needs_the_client_too() {
        let api = api();
        let gated = spaceless(&testing_module(&api, true));
        assert!(gated.contains(r#"#[cfg(all(feature="testing",feature="client"))]pubmodtesting"#), "{gated}");
        assert!(gated.contains(r#"#[cfg(feature="items")]pubfnitems(&self)->crate::items::ItemsMock<'_>"#), "{gated}");
        let plain = spaceless(&testing_module(&api, false));
        assert!(plain.contains(r#"#[cfg(feature="testing")]pubmodtesting"#), "{plain}");
    }
}
