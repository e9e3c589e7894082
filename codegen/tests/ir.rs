//! IR-level tests: what the pipeline decides about the seed spec before anything is emitted.

use junction_codegen::ir::{Api, ParamLocation, ResponseBody, Shape, Status, TypeRef};
use junction_codegen::Generator;

const SEED: &str = include_str!("../../tests/fixtures/refresh-user-0.4.483.yaml");
const EMBEDDED: &str = include_str!("../../tests/fixtures/refresh-user.yaml");

fn ir(spec: &str) -> Api {
    let (api, diagnostics) = Generator::new().ir(spec).unwrap();
    assert_eq!(diagnostics, [], "the seed spec should produce no diagnostics");
    api
}

fn named(api: &Api, ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(id) => api.type_def(*id).name.clone(),
        other => panic!("expected a named type, got {other:?}"),
    }
}

#[test]
fn fern_names_decide_the_call_shape() {
    let api = ir(EMBEDDED);
    let ops: Vec<(&str, &str)> = api
        .groups
        .iter()
        .flat_map(|g| g.operations.iter().map(move |o| (g.name.as_str(), o.method.as_str())))
        .collect();
    assert_eq!(ops, [("user", "refresh")]);
    let op = &api.groups[0].operations[0];
    assert_eq!((op.builder_name.as_str(), op.error_name.as_str()), ("RefreshBuilder", "RefreshError"));
    assert_eq!(api.groups[0].client_name, "UserClient");
}

#[test]
fn without_fern_names_the_first_tag_and_the_fastapi_stem_are_used() {
    let api = ir(SEED);
    assert_eq!(api.groups[0].name, "user");
    assert_eq!(api.groups[0].operations[0].method, "refresh_user_id");
}

#[test]
fn the_refresh_operation_has_typed_parameters_and_responses_by_status() {
    let api = ir(EMBEDDED);
    let op = &api.groups[0].operations[0];
    assert_eq!((op.http_method.as_str(), op.path.as_str()), ("POST", "/v2/user/refresh/{user_id}"));
    assert_eq!(op.api_key_headers, ["x-vital-api-key"]);

    let user_id = &op.params[0];
    assert_eq!((user_id.name.as_str(), user_id.location, user_id.required), ("user_id", ParamLocation::Path, true));
    assert_eq!(user_id.ty, TypeRef::Native(&junction_codegen::ir::native::UUID));

    let timeout = &op.params[1];
    assert_eq!((timeout.name.as_str(), timeout.location, timeout.required), ("timeout", ParamLocation::Query, false));
    assert_eq!(timeout.ty, TypeRef::Number { float: false });
    assert_eq!((timeout.bounds.min, timeout.bounds.max), (Some((5.0, false)), Some((60.0, false))));
    assert_eq!(timeout.default, Some(serde_json::json!(10)));

    let statuses: Vec<(Status, &str, String)> = op
        .responses
        .iter()
        .map(|r| match &r.body {
            ResponseBody::Json(ty) => (r.status, r.variant.as_str(), named(&api, ty)),
            other => panic!("expected JSON bodies, got {other:?}"),
        })
        .collect();
    assert_eq!(
        statuses,
        [
            (Status::Code(200), "Ok", String::from("UserRefreshSuccessResponse")),
            (Status::Code(202), "Accepted", String::from("UserRefreshSuccessResponse")),
            (Status::Code(400), "BadRequest", String::from("UserRefreshErrorResponse")),
            (Status::Code(422), "UnprocessableEntity", String::from("HttpValidationError")),
        ]
    );
}

#[test]
fn const_properties_become_type_level_constants() {
    let api = ir(EMBEDDED);
    let fields = |name: &str| match &api.types.iter().find(|t| t.name == name).unwrap().shape {
        Shape::Struct(fields) => fields.clone(),
        other => panic!("expected a struct, got {other:?}"),
    };
    let success = fields("UserRefreshSuccessResponse");
    assert_eq!(success[0].ty, TypeRef::ConstBool(true));
    assert!(success[0].required && !success[0].optional());
    assert_eq!(fields("UserRefreshErrorResponse")[0].ty, TypeRef::ConstBool(false));

    let error = fields("UserRefreshErrorResponse");
    let failed = error.iter().find(|f| f.name == "failed_sources").unwrap();
    assert!(failed.optional(), "failed_sources is not required in the error body");
    assert_eq!(failed.ty, TypeRef::Array(Box::new(TypeRef::String)));
    assert_eq!(fields("HttpValidationError")[0].ty, TypeRef::Any);
}

#[test]
fn servers_become_environments_with_fern_names() {
    let api = ir(EMBEDDED);
    let servers: Vec<(&str, &str)> = api.servers.iter().map(|s| (s.variant.as_str(), s.url.as_str())).collect();
    assert_eq!(
        servers,
        [
            ("Production", "https://api.us.junction.com"),
            ("ProductionEu", "https://api.eu.junction.com"),
            ("Sandbox", "https://api.sandbox.us.junction.com"),
            ("SandboxEu", "https://api.sandbox.eu.junction.com"),
        ]
    );
}

/// A small 3.1 spec using the constructs the lowering handles, run through the whole IR stage.
const LOWERED: &str = include_str!("../../tests/fixtures/lowering-3.1.yaml");

#[test]
fn lowered_constructs_reach_the_ir_with_their_meaning() {
    let (api, diagnostics) = Generator::new().ir(LOWERED).unwrap();
    assert_eq!(diagnostics, []);
    let item = api.types.iter().find(|t| t.name == "Item").unwrap();
    let Shape::Struct(fields) = &item.shape else { panic!("Item is a struct") };
    let by_name = |n: &str| fields.iter().find(|f| f.name == n).unwrap();

    let kind = by_name("kind");
    assert_eq!(named(&api, &kind.ty), "ItemKind");
    assert_eq!(
        api.types.iter().find(|t| t.name == "ItemKind").unwrap().shape,
        Shape::ConstString { value: String::from("item"), variant: String::from("Item") }
    );
    assert_eq!(kind.docs.as_deref(), Some("The discriminant"));

    // A nullable self-reference: kept as a reference, marked nullable, and boxed because it is a cycle.
    let parent = by_name("parent");
    assert!(parent.nullable && parent.required);
    assert!(matches!(parent.ty, TypeRef::Boxed(id) if api.type_def(id).name == "Item"));
    assert_eq!(parent.docs.as_deref(), Some("The parent item"));

    assert_eq!(by_name("version").ty, TypeRef::ConstInteger(2));
    assert!(by_name("note").nullable);

    let methods: Vec<&str> = api.groups[0].operations.iter().map(|o| o.method.as_str()).collect();
    assert_eq!((api.groups[0].name.as_str(), methods.as_slice()), ("items", ["create_item", "get_item"].as_slice()));
    let op = &api.groups[0].operations[1];
    let limit = &op.params[1];
    assert_eq!(limit.ty, TypeRef::Integer { int32: false });
    assert_eq!(limit.bounds.min, Some((0.0, true)));
}

#[test]
fn a_dangling_ref_is_an_error_naming_where_it_is() {
    let spec = LOWERED.replace("#/components/schemas/Item\"}, {type", "#/components/schemas/Itme\"}, {type");
    let err = Generator::new().generate(&spec).unwrap_err().to_string();
    assert!(err.contains("#/components/schemas/Item/properties/parent"), "{err}");
    assert!(err.contains("#/components/schemas/Itme"), "{err}");
}

#[test]
fn a_path_parameter_missing_from_the_declarations_is_a_string_argument_and_a_warning() {
    let spec = LOWERED.replace("/items/{id}:", "/items/{id}/{other}:");
    let (api, diagnostics) = Generator::new().ir(&spec).unwrap();
    let op = api.operations().find(|op| op.path == "/items/{id}/{other}").unwrap();
    let other = op.params.iter().find(|p| p.wire_name == "other").unwrap();
    assert_eq!((other.location, other.required, &other.ty), (ParamLocation::Path, true, &TypeRef::String));
    // Path parameters stay in template order.
    let path: Vec<&str> = op.required_params().map(|p| p.wire_name.as_str()).collect();
    assert_eq!(path, ["id", "other"]);
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(diagnostics[0].pointer, "#/paths/~1items~1{id}~1{other}/get");
    assert_eq!(diagnostics[0].kind, junction_codegen::DiagnosticKind::UndeclaredPathParameter);
    assert!(diagnostics[0].message.contains("`{other}`"), "{}", diagnostics[0]);
    assert!(Generator::new().with_deny_warnings(true).generate(&spec).is_err());
}

#[test]
fn unsupported_keywords_surface_as_diagnostics_through_the_generator() {
    let spec = LOWERED.replace("note: {type: [string, \"null\"]}", "note: {type: string, contains: {type: string}}");
    let generated = Generator::new().generate(&spec).unwrap();
    let pointers: Vec<&str> = generated.diagnostics.iter().map(|d| d.pointer.as_str()).collect();
    assert_eq!(pointers, ["#/components/schemas/Item/properties/note/contains"]);
}

#[test]
fn only_https_servers_become_environments() {
    let spec = r#"
openapi: 3.1.0
info: {title: T, version: "1"}
servers:
  - {url: "https://api.example.com/v1/", x-fern-server-name: Production}
  - {url: "http://insecure.example.com", description: Plain}
  - {url: "/relative"}
paths: {}
"#;
    let (api, diagnostics) = Generator::new().ir(spec).unwrap();
    let urls: Vec<&str> = api.servers.iter().map(|s| s.url.as_str()).collect();
    assert_eq!(urls, ["https://api.example.com/v1"]);
    let pointers: Vec<&str> = diagnostics.iter().map(|d| d.pointer.as_str()).collect();
    assert_eq!(pointers, ["#/servers/1/url", "#/servers/2/url"]);
}

#[test]
fn a_ref_cycle_of_bare_references_is_an_error_not_a_recursive_alias() {
    let spec = r#"
openapi: 3.1.0
info: {title: T, version: "1"}
paths: {}
components:
  schemas:
    A: {$ref: '#/components/schemas/B'}
    B: {$ref: '#/components/schemas/A'}
"#;
    let err = Generator::new().generate(spec).unwrap_err().to_string();
    assert!(err.contains("#/components/schemas/A") && err.contains("`$ref` cycle"), "{err}");
}

#[test]
fn only_types_a_caller_sends_are_buildable_and_the_rest_are_marked_received() {
    let sent = |api: &Api, name: &str| api.types.iter().find(|t| t.name == name).map(|t| t.sent);
    let seed = ir(EMBEDDED);
    assert_eq!(sent(&seed, "UserRefreshSuccessResponse"), Some(false));
    assert_eq!(sent(&seed, "UserRefreshErrorResponse"), Some(false));
    let (lowering, _) = Generator::new().ir(include_str!("../../tests/fixtures/lowering-3.1.yaml")).unwrap();
    // `Item` is the request body (and a response); `Status` is reached through one of its fields.
    assert_eq!(sent(&lowering, "Item"), Some(true));
    assert_eq!(sent(&lowering, "Status"), Some(true));
    let error_body = lowering.types.iter().filter(|t| !t.sent).map(|t| t.name.as_str()).collect::<Vec<_>>();
    assert_eq!(error_body, ["CreateItemDefaultBody"]);
}

#[test]
fn credentials_are_marked_by_name_or_by_x_sensitive_even_beside_a_ref() {
    let spec = r##"
openapi: 3.1.0
info: {title: T, version: "1"}
paths: {}
components:
  schemas:
    Secret: {type: string}
    Holder:
      type: object
      properties:
        key: {$ref: '#/components/schemas/Secret', x-sensitive: true}
        refresh_token: {type: string}
        page_token: {type: string, x-sensitive: false}
        plain: {type: string}
"##;
    let (api, diagnostics) = Generator::new().ir(spec).unwrap();
    assert_eq!(diagnostics, []);
    let holder = api.types.iter().find(|t| t.name == "Holder").unwrap();
    let Shape::Struct(fields) = &holder.shape else { panic!("Holder is a struct") };
    let sensitive: Vec<(&str, bool)> = fields.iter().map(|f| (f.wire_name.as_str(), f.sensitive)).collect();
    assert_eq!(sensitive, [("key", true), ("refresh_token", true), ("page_token", false), ("plain", false)]);
}

#[test]
fn builder_and_response_enum_names_never_repeat_a_type_name() {
    // The body schema is named like the builder would be, and a schema like the error enum.
    let spec = r##"
openapi: 3.1.0
info: {title: T, version: "1"}
paths:
  /insurance:
    post:
      operationId: create_insurance
      tags: [user]
      requestBody:
        content:
          application/json:
            schema: {$ref: "#/components/schemas/CreateInsuranceBuilder"}
      responses:
        "200": {description: OK}
        "400":
          description: Bad
          content:
            application/json:
              schema: {$ref: "#/components/schemas/CreateInsuranceError"}
components:
  schemas:
    CreateInsuranceBuilder:
      type: object
      properties: {payor: {type: string}}
    CreateInsuranceError:
      type: object
      properties: {error: {type: string}}
"##;
    let api = ir(spec);
    let op = &api.groups[0].operations[0];
    assert_eq!(op.method, "create_insurance");
    assert_eq!(
        (op.builder_name.as_str(), op.error_name.as_str()),
        ("UserCreateInsuranceBuilder", "UserCreateInsuranceError")
    );
}

/// A spec whose one operation declares a 201, a 500 and a `default` response.
const DEFAULT_RESPONSE: &str = r#"
openapi: 3.1.0
info: {title: Statuses, version: "1"}
paths:
  /items:
    post:
      operationId: create_item
      tags: [items]
      responses:
        "201": {description: created, content: {application/json: {schema: {type: object, properties: {id: {type: string}}}}}}
        "500": {description: broken}
        default: {description: anything else, content: {application/json: {schema: {type: object, properties: {message: {type: string}}}}}}
"#;

#[test]
fn the_test_kit_answers_each_declared_response_with_a_status_that_decodes_as_it() {
    let (api, _) = Generator::new().ir(DEFAULT_RESPONSE).unwrap();
    let group = &api.groups[0];
    assert_eq!(group.mock_name, "ItemsMock");
    let op = &group.operations[0];
    // A success is answered with the first declared 2xx.
    assert_eq!(op.mock_success_status(), 201);
    let statuses: Vec<(Status, u16)> = op.errors().map(|r| (r.status, op.mock_status(r))).collect();
    // `default` takes the first 5xx the operation does not declare, so that it decodes as `default`.
    assert_eq!(statuses, [(Status::Code(500), 500), (Status::Default, 501)]);
}

#[test]
fn group_names_that_are_the_crates_own_modules_or_features_are_kept_apart() {
    let spec = DEFAULT_RESPONSE.replace("tags: [items]", "tags: [testing]");
    let (api, _) = Generator::new().ir(&spec).unwrap();
    assert_ne!(api.groups[0].name, "testing", "`testing` is the test kit's module and feature");
}
