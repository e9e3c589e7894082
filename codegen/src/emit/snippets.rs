//! Call examples written as Rust: the IR's [`Snippet`]s become tokens here, laid out by prettyplease,
//! for the method docs (`no_run` doctests), the reference pages (`crate::docs`) and the example-call
//! harness (`harness`), so that the three show the same code.

use crate::ir::snippets::{ClientSetup, Credential, Ending, ExampleValue, Snippet};
use crate::ir::Api;
use crate::Error;
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

/// A snippet written out: its lines, each with where it is shown.
#[derive(Clone, Debug, PartialEq)]
pub struct Written {
    /// The method it shows (see [`Snippet::method`]).
    pub method: String,
    /// The lines.
    pub lines: Vec<(Shown, String)>,
}

/// Where a line of a [`Written`] snippet is shown.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum Shown {
    /// Everywhere.
    Always,
    /// In the reference pages; hidden (`# `) in rustdoc, where the crate docs show how a client is made.
    Reference,
}

impl Written {
    /// The text of a `no_run` doctest: the lines rustdoc hides start with `# `, and the whole is wrapped
    /// in a hidden async function that returns errors with `?`.
    pub fn doctest(&self) -> String {
        let mut out = String::from("# async fn example() -> Result<(), Box<dyn std::error::Error>> {\n");
        for (shown, line) in &self.lines {
            match shown {
                Shown::Always => out.push_str(line),
                Shown::Reference if line.is_empty() => out.push('#'),
                Shown::Reference => {
                    out.push_str("# ");
                    out.push_str(line);
                }
            }
            out.push('\n');
        }
        out.push_str("# Ok(())\n# }\n");
        out
    }

    /// The text of the reference pages: every line (the same lines as [`Written::doctest`], which is
    /// what makes the reference compile), without the wrapper.
    pub fn reference(&self) -> String {
        self.lines.iter().map(|(_, line)| format!("{line}\n")).collect()
    }
}

/// The crate's path in examples (`junction_api`).
fn krate(api: &Api) -> proc_macro2::Ident {
    format_ident!("{}", api.crate_name.replace('-', "_"))
}

/// `snippet` written out: its imports, the client (hidden in rustdoc), then the statements.
pub fn written(api: &Api, snippet: &Snippet) -> Written {
    let krate = krate(api);
    let mut lines = Vec::new();
    for import in imports(api, snippet) {
        lines.extend(laid_out(&import).into_iter().map(|line| (Shown::Always, line)));
    }
    let (client_import, client) = client(&krate, &snippet.client);
    lines.extend(laid_out(&client_import).into_iter().map(|line| (Shown::Reference, line)));
    lines.push((Shown::Reference, String::new()));
    lines.extend(laid_out(&client).into_iter().map(|line| (Shown::Reference, line)));
    lines.extend(laid_out(&statements(api, snippet)).into_iter().map(|line| (Shown::Always, line)));
    Written { method: snippet.method.clone(), lines }
}

/// The `use` items a snippet needs: `StreamExt` for a stream, the crate's `types` when a value names one.
fn imports(api: &Api, snippet: &Snippet) -> Vec<TokenStream> {
    let krate = krate(api);
    let mut imports = Vec::new();
    if matches!(snippet.ending, Ending::Items | Ending::Pages) {
        imports.push(quote! { use futures::StreamExt; });
    }
    if snippet.uses_types {
        imports.push(quote! { use #krate::types; });
    }
    imports
}

/// `use …::{Client, Environment};` and the client's `let`.
fn client(krate: &proc_macro2::Ident, setup: &ClientSetup) -> (TokenStream, TokenStream) {
    let credential = match setup.credential {
        Credential::ApiKey => quote! { .api_key("YOUR_API_KEY") },
        Credential::Bearer => quote! { .bearer_token("YOUR_TOKEN") },
        Credential::None => TokenStream::new(),
    };
    match &setup.environment {
        Some(variant) => {
            let variant = format_ident!("{variant}");
            (
                quote! { use #krate::{Client, Environment}; },
                quote! { let client = Client::builder() #credential .environment(Environment::#variant).build()?; },
            )
        }
        None => (
            quote! { use #krate::Client; },
            quote! { let client = Client::builder() #credential .base_url("https://api.example.com").build()?; },
        ),
    }
}

/// The statements of the call: a `let` for each bound argument, then the call and its ending.
fn statements(api: &Api, snippet: &Snippet) -> TokenStream {
    let bindings = snippet.bindings.iter().map(|(name, value)| {
        let name = format_ident!("{name}");
        let value = value_tokens(api, value);
        quote! { let #name = #value; }
    });
    let (group, call) = (format_ident!("{}", snippet.group), format_ident!("{}", snippet.call));
    let arguments = snippet.arguments.iter().map(|value| value_tokens(api, value));
    let request = quote! { client.#group().#call(#(#arguments),*) };
    let ending = match snippet.ending {
        Ending::AwaitUnit => quote! { #request.await?; },
        Ending::Await => quote! { let response = #request.await?; },
        Ending::Items => quote! {
            let mut stream = #request.items();
            while let Some(item) = stream.next().await { let item = item?; }
        },
        Ending::Pages => quote! {
            let mut stream = #request.pages();
            while let Some(page) = stream.next().await { let page = page?; }
        },
    };
    quote! { #(#bindings)* #ending }
}

/// An example value as a Rust expression.
fn value_tokens(api: &Api, value: &ExampleValue) -> TokenStream {
    let all = |items: &[ExampleValue]| items.iter().map(|item| value_tokens(api, item)).collect::<Vec<_>>();
    let path = |ty: &str| {
        let ty = format_ident!("{ty}");
        quote! { types::#ty }
    };
    match value {
        ExampleValue::Str(text) => quote! { #text },
        ExampleValue::OwnedStr(text) => quote! { #text.to_owned() },
        ExampleValue::Integer(n) if *n < 0 => {
            let magnitude = Literal::u64_unsuffixed(n.unsigned_abs());
            quote! { -#magnitude }
        }
        ExampleValue::Integer(n) => Literal::i64_unsuffixed(*n).into_token_stream(),
        ExampleValue::Float(f) if *f < 0.0 => {
            let magnitude = Literal::f64_unsuffixed(-f);
            quote! { -#magnitude }
        }
        ExampleValue::Float(f) => Literal::f64_unsuffixed(*f).into_token_stream(),
        ExampleValue::Bool(b) => quote! { #b },
        ExampleValue::Default => quote! { Default::default() },
        ExampleValue::Native { native, text } => {
            let expression = native
                .example
                .replace("{text}", &format!("{text:?}"))
                .replace("{crate}", &api.crate_name.replace('-', "_"));
            // Each row's expression parses (a test of the native table checks it).
            syn::parse_str::<syn::Expr>(&expression).map_or_else(|_| quote! { todo!() }, |e| quote! { #e })
        }
        ExampleValue::Array(items) => {
            let items = all(items);
            quote! { [#(#items),*] }
        }
        ExampleValue::Vec(items) => {
            let items = all(items);
            quote! { vec![#(#items),*] }
        }
        ExampleValue::EmptyVec => quote! { Vec::new() },
        ExampleValue::EmptyMap => quote! { std::collections::BTreeMap::new() },
        ExampleValue::Some(inner) => {
            let inner = value_tokens(api, inner);
            quote! { Some(#inner) }
        }
        ExampleValue::Boxed(inner) => {
            let inner = value_tokens(api, inner);
            quote! { Box::new(#inner) }
        }
        ExampleValue::Json(json) => {
            // JSON text is a Rust token tree `json!` reads (objects, arrays, strings, numbers, literals).
            let tokens: TokenStream = json.to_string().parse().unwrap_or_default();
            quote! { serde_json::json!(#tokens) }
        }
        ExampleValue::Variant { ty, variant } => {
            let (ty, variant) = (path(ty), format_ident!("{variant}"));
            quote! { #ty::#variant }
        }
        ExampleValue::New { ty, arguments } => {
            let (ty, constructor) = (path(ty), format_ident!("{}", crate::naming::CONSTRUCTOR));
            let arguments = all(arguments);
            quote! { #ty::#constructor(#(#arguments),*) }
        }
        ExampleValue::Wrapped { ty, variant, items } => {
            let ty = path(ty);
            let items = all(items);
            match variant {
                Some(variant) => {
                    let variant = format_ident!("{variant}");
                    quote! { #ty::#variant(#(#items),*) }
                }
                None => quote! { #ty(#(#items),*) },
            }
        }
        ExampleValue::Todo(ty) => {
            let message = format!("a {ty}");
            quote! { todo!(#message) }
        }
        ExampleValue::Binding(name) => format_ident!("{name}").into_token_stream(),
    }
}

use quote::ToTokens;

/// Statements laid out as rustfmt would (by prettyplease, through a function wrapped around them and
/// taken off again).
fn laid_out(statements: &TokenStream) -> Vec<String> {
    let wrapped = quote! { async fn example() -> Result<(), Box<dyn std::error::Error>> { #statements } };
    let Ok(file) = syn::parse2::<syn::File>(wrapped) else { return vec![statements.to_string()] };
    let text = prettyplease::unparse(&file);
    let lines: Vec<&str> = text.lines().collect();
    // The function's first and last lines are the wrapper (an empty body would print as one line).
    let body = if lines.len() > 2 { &lines[1..lines.len() - 1] } else { &[][..] };
    body.iter().map(|line| line.strip_prefix("    ").unwrap_or(line).to_owned()).collect()
}

/// The example calls of every operation as functions a test calls with a client (`EXAMPLE_CALLS`):
/// the same statements as the docs, so that a test can send each one and check what it sends.
pub fn harness(api: &Api) -> Result<String, Error> {
    let krate = krate(api);
    let mut functions = Vec::new();
    let mut rows = Vec::new();
    let mut each = |snippet: &Snippet, op: &crate::ir::Operation| {
        let function = format_ident!("example_{}", functions.len());
        let imports = imports(api, snippet);
        let statements = statements(api, snippet);
        let label = format!("{}.{}", snippet.group, snippet.method);
        functions.push(quote! {
            async fn #function(client: #krate::Client) -> ::std::result::Result<(), ::std::boxed::Box<dyn ::std::error::Error>> {
                #(#imports)*
                #statements
                Ok(())
            }
        });
        let (method, path) = (op.http_method.to_ascii_uppercase(), &op.path);
        rows.push(quote! { (#method, #path, #label, |client| ::std::boxed::Box::pin(#function(client))) });
    };
    for group in &api.groups {
        for op in &group.operations {
            for snippet in crate::ir::snippets::snippets(api, group, op) {
                each(&snippet, op);
            }
            if let Some(snippet) = crate::ir::snippets::paged_snippet(api, group, op) {
                each(&snippet, op);
            }
        }
    }
    let tokens = quote! {
        /// One example: its future, given a client.
        pub type ExampleCall = fn(
            #krate::Client,
        ) -> ::std::pin::Pin<::std::boxed::Box<dyn ::std::future::Future<Output = ::std::result::Result<(), ::std::boxed::Box<dyn ::std::error::Error>>>>>;

        /// Every example of the docs: the operation's HTTP method and path template, the method the
        /// example shows (`group.method`), and the call.
        pub static EXAMPLE_CALLS: &[(&str, &str, &str, ExampleCall)] = &[
            #(#rows),*
        ];

        #(
            #[allow(deprecated, unused_variables, reason = "the examples of deprecated operations are checked too; the examples bind what they receive")]
            #functions
        )*
    };
    super::harness_file(api, "call examples", tokens)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::snippets::{paged_snippet, snippets};

    fn api(spec: &str) -> Api {
        let (api, diagnostics) = crate::Generator::new().ir(spec).expect("the spec converts");
        assert_eq!(diagnostics, [], "the spec is clean");
        api
    }

    fn examples(spec: &str) -> Vec<(String, String)> {
        let api = api(spec);
        let group = &api.groups[0];
        snippets(&api, group, &group.operations[0])
            .iter()
            .map(|s| written(&api, s))
            .map(|s| (s.method.clone(), s.reference()))
            .collect()
    }

    const NOTES: &str = r##"
openapi: 3.1.0
info: {title: Pet Store, version: "1"}
servers: [{url: "https://api.example.com", x-fern-server-name: Production}]
components:
  securitySchemes: {key: {type: apiKey, in: header, name: x-api-key}}
  schemas:
    Note:
      type: object
      required: [title, kind, owner]
      properties:
        title: {type: string}
        kind: {type: string, enum: [text, audio]}
        owner: {$ref: "#/components/schemas/Owner"}
        tags: {type: array, items: {type: string}}
      example: {title: Groceries, kind: audio, owner: {id: 3f1c0e9a-3bd6-4c36-9a4e-2f6a8f9a4d10}}
    Owner:
      type: object
      required: [id]
      properties: {id: {type: string, format: uuid}}
security: [{key: []}]
paths:
  /folders/{folder}/notes:
    post:
      operationId: create_note
      tags: [notes]
      parameters:
        - {name: folder, in: path, required: true, schema: {type: integer, minimum: 5}}
      requestBody:
        required: true
        content: {application/json: {schema: {$ref: "#/components/schemas/Note"}}}
      responses:
        "204": {description: Created}
"##;

    #[test]
    fn a_flattened_body_is_built_from_its_schema_example() {
        let examples = examples(NOTES);
        let methods: Vec<&str> = examples.iter().map(|(m, _)| m.as_str()).collect();
        assert_eq!(methods, ["create_note", "create_note_with_body"]);
        assert_eq!(
            examples[0].1,
            "use pet_store::types;\n\
             use pet_store::{Client, Environment};\n\
             \n\
             let client = Client::builder()\n    .api_key(\"YOUR_API_KEY\")\n    .environment(Environment::Production)\n    .build()?;\n\
             let owner = types::Owner::new(\n    \"3f1c0e9a-3bd6-4c36-9a4e-2f6a8f9a4d10\".parse::<uuid::Uuid>()?,\n);\n\
             client.notes().create_note(5, \"Groceries\", types::NoteKind::Audio, owner).await?;\n"
        );
        // The whole body, built by its `new` from the same example; a 204 binds no response.
        assert!(examples[1].1.contains(
            "let body = types::Note::new(\n    \"Groceries\",\n    types::NoteKind::Audio,\n    types::Owner::new(\"3f1c0e9a-3bd6-4c36-9a4e-2f6a8f9a4d10\".parse::<uuid::Uuid>()?),\n);\n\
             client.notes().create_note_with_body(5, body).await?;\n"
        ), "{}", examples[1].1);
    }

    #[test]
    fn rustdoc_hides_the_client_and_the_wrapper() {
        let api = api(NOTES);
        let group = &api.groups[0];
        let doctest = written(&api, &snippets(&api, group, &group.operations[0])[0]).doctest();
        let shown: Vec<&str> = doctest.lines().filter(|l| !l.starts_with('#')).collect();
        assert_eq!(shown[0], "use pet_store::types;");
        assert!(shown.iter().all(|l| !l.contains("Client::builder")), "{doctest}");
        assert!(doctest.starts_with("# async fn example() -> Result<(), Box<dyn std::error::Error>> {\n"));
        assert!(
            doctest.contains("\n# let client = Client::builder()\n#     .api_key(\"YOUR_API_KEY\")\n"),
            "{doctest}"
        );
        assert!(doctest.ends_with("# Ok(())\n# }\n"));
    }

    #[test]
    fn placeholders_follow_the_types_and_unions_take_their_cheapest_member() {
        let spec = r##"
openapi: 3.1.0
info: {title: T, version: "1"}
components:
  schemas:
    Expr:
      anyOf:
        - {$ref: "#/components/schemas/Nested"}
        - {$ref: "#/components/schemas/Leaf"}
    Nested:
      type: object
      required: [inner]
      properties: {inner: {$ref: "#/components/schemas/Expr"}}
    Leaf:
      type: object
      required: [value]
      properties: {value: {type: number}}
paths:
  /search:
    get:
      operationId: search
      tags: [find]
      parameters:
        - {name: query, in: query, required: true, schema: {type: string}}
        - {name: limit, in: query, required: true, schema: {type: integer, default: 50}}
        - {name: since, in: query, required: true, schema: {type: string, format: date}}
      responses:
        "200": {description: OK, content: {application/json: {schema: {type: array, items: {type: string}}}}}
  /evaluate:
    post:
      operationId: evaluate
      tags: [find]
      requestBody:
        required: true
        content: {application/json: {schema: {type: array, items: {$ref: "#/components/schemas/Expr"}}}}
      responses:
        "200": {description: OK}
"##;
        let api = api(spec);
        let group = &api.groups[0];
        let by_method = |name: &str| {
            let op = group.operations.iter().find(|op| op.method == name).unwrap();
            written(&api, &snippets(&api, group, op)[0]).reference()
        };
        // No servers: the base URL is the caller's; no security: no key.
        let search = by_method("search");
        assert!(
            search.contains("let client = Client::builder().base_url(\"https://api.example.com\").build()?;"),
            "{search}"
        );
        assert!(search.contains("let since = \"2026-01-28\".parse::<chrono::NaiveDate>()?;\n"), "{search}");
        assert!(search.contains("let response = client.find().search(\"query\", 50, since).await?;\n"), "{search}");
        // The recursive member would never end; the leaf is one value.
        let evaluate = by_method("evaluate");
        assert!(evaluate.contains("let body = vec![types::Expr::Leaf(types::Leaf::new(1.0))];\n"), "{evaluate}");
    }

    #[test]
    fn a_paged_operation_shows_its_items_streamed() {
        let spec = r##"
openapi: 3.1.0
info: {title: T, version: "1"}
components:
  schemas:
    Page:
      type: object
      required: [items]
      properties:
        items: {type: array, items: {type: string}}
        next_cursor: {anyOf: [{type: string}, {type: "null"}]}
paths:
  /things/{owner}:
    get:
      operationId: list_things
      tags: [things]
      parameters:
        - {name: owner, in: path, required: true, schema: {type: string}}
        - {name: next_cursor, in: query, required: false, schema: {type: string}}
      responses:
        "200": {description: OK, content: {application/json: {schema: {$ref: "#/components/schemas/Page"}}}}
"##;
        let api = api(spec);
        let group = &api.groups[0];
        let snippet = written(&api, &paged_snippet(&api, group, &group.operations[0]).expect("the operation pages"));
        assert_eq!(snippet.method, "items");
        let text = snippet.reference();
        assert!(text.starts_with("use futures::StreamExt;\nuse t::Client;\n"), "{text}");
        assert!(
            text.ends_with(
                "let mut stream = client.things().list_things(\"owner\").items();\n\
                 while let Some(item) = stream.next().await {\n    let item = item?;\n}\n"
            ),
            "{text}"
        );
    }
}
