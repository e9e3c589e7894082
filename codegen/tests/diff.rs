//! `diff`: each semver rule on a small spec and its one-line mutations, then Junction's own history
//! pinned as golden reports.

use junction_codegen::diff::{diff, Format, Level, Report};
use junction_codegen::ir::Api;
use junction_codegen::Generator;

const BASE: &str = r##"
openapi: 3.1.0
info: {title: Pets, version: "1"}
servers: [{url: "https://api.example.com"}]
paths:
  /pets/{id}:
    get:
      operationId: get_pet
      x-fern-sdk-group-name: pets
      x-fern-sdk-method-name: get
      summary: Read a pet
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
        - {name: verbose, in: query, schema: {type: boolean}}
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/Pet"}}}}
        "404": {description: missing, content: {application/json: {schema: {$ref: "#/components/schemas/Problem"}}}}
  /pets:
    post:
      operationId: create_pet
      x-fern-sdk-group-name: pets
      x-fern-sdk-method-name: create
      requestBody: {required: true, content: {application/json: {schema: {$ref: "#/components/schemas/NewPet"}}}}
      responses:
        "201": {description: created, content: {application/json: {schema: {$ref: "#/components/schemas/Pet"}}}}
components:
  schemas:
    Pet: {type: object, required: [id, kind], properties: {id: {type: string}, kind: {$ref: "#/components/schemas/Kind"}}}
    NewPet: {type: object, required: [name], properties: {name: {type: string}}}
    Kind: {type: string, enum: [cat, dog]}
    Problem: {type: object, properties: {detail: {type: string}}}
"##;

fn ir(spec: &str) -> Api {
    Generator::new().ir(spec).unwrap().0
}

/// The report from BASE to BASE with `from` replaced by `to` (which must occur exactly once).
fn mutated(from: &str, to: &str) -> Report {
    assert_eq!(BASE.matches(from).count(), 1, "`{from}` must occur once in BASE");
    diff(&ir(BASE), &ir(&BASE.replace(from, to)))
}

/// The changes as `(subject, level, message)` text, for exact comparison.
fn items(report: &Report) -> Vec<(String, Level, String)> {
    report.changes.iter().map(|c| (c.subject.to_string(), c.level, c.message.clone())).collect()
}

fn one(subject: &str, level: Level, message: &str) -> Vec<(String, Level, String)> {
    vec![(subject.to_string(), level, message.to_string())]
}

#[test]
fn an_unchanged_spec_has_no_changes_and_implies_no_release() {
    let report = diff(&ir(BASE), &ir(BASE));
    assert_eq!(items(&report), []);
    assert_eq!(report.bump(), None);
    assert!(report.render(Format::Text).ends_with("implies no release (no change to the generated API)\n"));
}

#[test]
fn a_field_added_to_a_received_struct_is_minor_because_nobody_outside_builds_one() {
    let report = mutated("id: {type: string}, kind:", "id: {type: string}, age: {type: integer}, kind:");
    assert_eq!(
        items(&report),
        one("types::Pet", Level::Minor, "field `age: Option<i64>` added (the struct is only received)")
    );
    assert_eq!(report.bump(), Some(Level::Minor));
}

#[test]
fn an_optional_field_added_to_a_sent_struct_is_minor_because_it_is_one_more_setter() {
    let report =
        mutated("properties: {name: {type: string}}", "properties: {name: {type: string}, tag: {type: string}}");
    assert_eq!(
        items(&report),
        one("types::NewPet", Level::Minor, "field `tag: Option<String>` added (optional: a new setter)")
    );
    assert_eq!(report.bump(), Some(Level::Minor));
}

#[test]
fn a_required_field_added_to_a_sent_struct_is_major_because_new_takes_it() {
    let report = mutated(
        "required: [name], properties: {name: {type: string}}",
        "required: [name, tag], properties: {name: {type: string}, tag: {type: string}}",
    );
    assert_eq!(
        items(&report),
        one("types::NewPet", Level::Major, "field `tag: String` added (required: a new argument of `new`)")
    );
}

#[test]
fn a_sent_field_made_optional_or_required_changes_new_and_is_major() {
    // Nullable keeps the field an `Option` when it becomes optional, so only `new` tells.
    let nullable = "required: [name], properties: {name: {type: [string, 'null']}}";
    let optional = "required: [], properties: {name: {type: [string, 'null']}}";
    let report = diff(
        &ir(&BASE.replace("required: [name], properties: {name: {type: string}}", nullable)),
        &ir(&BASE.replace("required: [name], properties: {name: {type: string}}", optional)),
    );
    let changes = items(&report);
    assert!(
        changes.contains(&("types::NewPet".into(), Level::Major, "`new(name)` is now `new()`".into())),
        "{changes:?}"
    );
}

#[test]
fn a_parameter_that_takes_a_flattened_body_setters_name_is_major() {
    let with_tag =
        BASE.replace("properties: {name: {type: string}}", "properties: {name: {type: string}, tag: {type: string}}");
    let with_param = with_tag.replace(
        "      requestBody: {required: true",
        "      parameters: [{name: tag, in: query, schema: {type: string}}]\n      requestBody: {required: true",
    );
    let changes = items(&diff(&ir(&with_tag), &ir(&with_param)));
    assert_eq!(
        changes,
        [
            (
                "client.pets().create()".into(),
                Level::Major,
                "the body's `tag` is set by `body_tag` (was `tag`): a parameter took the name".into()
            ),
            (
                "client.pets().create()".into(),
                Level::Minor,
                "query parameter `tag: String` (builder method) added".into()
            ),
        ]
    );
}

#[test]
fn parameters_added_as_arguments_are_major_and_as_builder_methods_minor() {
    let optional = mutated(
        "        - {name: verbose, in: query, schema: {type: boolean}}\n",
        "        - {name: verbose, in: query, schema: {type: boolean}}\n        - {name: fields, in: query, schema: {type: string}}\n",
    );
    let call = "client.pets().get()";
    assert_eq!(items(&optional), one(call, Level::Minor, "query parameter `fields: String` (builder method) added"));
    let required = mutated(
        "        - {name: verbose, in: query, schema: {type: boolean}}\n",
        "        - {name: verbose, in: query, schema: {type: boolean}}\n        - {name: fields, in: query, required: true, schema: {type: string}}\n",
    );
    assert_eq!(items(&required), one(call, Level::Major, "query parameter `fields: String` (argument) added"));
    let now_required = mutated("{name: verbose, in: query,", "{name: verbose, in: query, required: true,");
    assert_eq!(
        items(&now_required),
        one(call, Level::Major, "parameter `verbose` now required (a builder method became an argument)")
    );
}

#[test]
fn enum_values_added_are_minor_for_open_enums_and_major_for_closed_ones() {
    let open = mutated("enum: [cat, dog]", "enum: [cat, dog, bird]");
    assert_eq!(items(&open), one("types::Kind", Level::Minor, "variant `Bird` (\"bird\") added"));
    let closed_base = BASE.replace("enum: [cat, dog]", "enum: [cat, dog], x-junction-exhaustive: true");
    let closed_new = closed_base.replace("enum: [cat, dog]", "enum: [cat, dog, bird]");
    let closed = diff(&ir(&closed_base), &ir(&closed_new));
    assert_eq!(items(&closed), one("types::Kind", Level::Major, "variant `Bird` (\"bird\") added"));
    let removed = mutated("enum: [cat, dog]", "enum: [cat]");
    assert_eq!(items(&removed), one("types::Kind", Level::Major, "variant `Dog` (\"dog\") removed"));
}

#[test]
fn error_statuses_added_are_minor_and_removed_major() {
    let added = mutated(
        r##"        "404": {description: missing,"##,
        r##"        "409": {description: conflict, content: {application/json: {schema: {$ref: "#/components/schemas/Problem"}}}}
        "404": {description: missing,"##,
    );
    assert_eq!(items(&added), one("client.pets().get()", Level::Minor, "response 409 (`Conflict`) added"));
    let removed = mutated(
        "        \"404\": {description: missing, content: {application/json: {schema: {$ref: \"#/components/schemas/Problem\"}}}}\n",
        "",
    );
    assert_eq!(items(&removed), one("client.pets().get()", Level::Major, "response 404 (`NotFound`) removed"));
}

#[test]
fn type_changes_and_optionality_changes_are_major() {
    let retyped = mutated("properties: {id: {type: string}, kind:", "properties: {id: {type: integer}, kind:");
    assert_eq!(items(&retyped), one("types::Pet", Level::Major, "field `id` type `String` → `i64`"));
    let optional = mutated("required: [id, kind]", "required: [kind]");
    assert_eq!(items(&optional), one("types::Pet", Level::Major, "field `id` type `String` → `Option<String>`"));
}

#[test]
fn operations_removed_are_major_renamed_are_major_and_added_minor() {
    let renamed = mutated("x-fern-sdk-method-name: get\n", "x-fern-sdk-method-name: fetch\n");
    assert_eq!(
        items(&renamed),
        one(
            "client.pets().fetch()",
            Level::Major,
            "renamed from `client.pets().get()` (same endpoint `GET /pets/{id}`)"
        )
    );
    let removed = diff(&ir(BASE), &ir(&BASE.replace("    post:", "    x-removed-post:")));
    let removed_items = items(&removed);
    assert!(removed_items.contains(&("client.pets().create()".into(), Level::Major, "operation removed".into())));
    // Its body type stays (every component schema is generated) but is no longer sent, so its `new`
    // moves behind the `testing` feature.
    let no_longer_sent = "no longer sent in requests: `new` and its setters only with the `testing` feature";
    assert!(removed_items.contains(&("types::NewPet".into(), Level::Major, no_longer_sent.into())));
    let added = diff(&ir(&BASE.replace("    post:", "    x-removed-post:")), &ir(BASE));
    assert!(items(&added).contains(&(
        "client.pets().create()".into(),
        Level::Minor,
        "operation added (`POST /pets`)".into()
    )));
}

#[test]
fn a_new_schema_that_takes_the_error_enums_name_renames_it_and_is_major() {
    // `pets.get` declares a 404, so its error enum is `GetError`; a schema of that name pushes the enum
    // to `PetsGetError`, which breaks every `match` on `GetError`.
    let report = mutated(
        "    Problem: {type: object, properties: {detail: {type: string}}}\n",
        "    Problem: {type: object, properties: {detail: {type: string}}}\n    GetError: {type: object, properties: {code: {type: string}}}\n",
    );
    let on_get: Vec<_> =
        items(&report).into_iter().filter(|(subject, ..)| subject.starts_with("client.pets().get(")).collect();
    assert_eq!(on_get, one("client.pets().get()", Level::Major, "error enum `GetError` renamed `PetsGetError`"));
    assert_eq!(report.bump(), Some(Level::Major));
}

#[test]
fn wire_only_changes_are_patch() {
    let docs = mutated("summary: Read a pet", "summary: Read one pet");
    assert_eq!(items(&docs), one("client.pets().get()", Level::Patch, "documentation changed"));
    let secured = diff(
        &ir(BASE),
        &ir(&BASE
            .replace("      summary: Read a pet\n", "      summary: Read a pet\n      security: [{key: []}]\n")
            .replace(
                "components:\n",
                "components:\n  securitySchemes:\n    key: {type: apiKey, in: header, name: x-key}\n",
            )),
    );
    assert_eq!(items(&secured), one("client.pets().get()", Level::Patch, "security (none) → API key in `x-key`"));
    let moved = mutated("url: \"https://api.example.com\"", "url: \"https://api2.example.com\"");
    assert_eq!(moved.bump(), Some(Level::Patch), "{moved:?}");
}

#[test]
fn the_refresh_endpoint_did_not_change_from_the_seed_slice_to_0_4_687() {
    let live = ir(include_str!("../../spec/openapi.yaml"));
    // The seed slice as the repository embeds it: 0.4.483 plus the two Fern naming lines 0.4.687 has.
    let seed = ir(include_str!("../../tests/fixtures/refresh-user.yaml"));
    let mut report = diff(&seed, &live);
    report.restrict(&seed, &live, &[String::from("user.refresh")]);
    assert_eq!(items(&report), [], "{}", report.render(Format::Text));
    // The published slice has no Fern names, so its method takes the fallback name; nothing else differs.
    let pristine = ir(include_str!("../../tests/fixtures/refresh-user-0.4.483.yaml"));
    let mut report = diff(&pristine, &live);
    report.restrict(&pristine, &live, &[String::from("user.refresh")]);
    assert_eq!(
        items(&report),
        one(
            "client.user().refresh()",
            Level::Major,
            "renamed from `client.user().refresh_user_id()` (same endpoint `POST /v2/user/refresh/{user_id}`)"
        )
    );
}

/// Compares a report with its committed golden in `tests/golden/diff/` (`UPDATE_GOLDENS=1` updates it).
fn assert_golden(old: &str, new: &str, format: Format, name: &str) {
    let report = diff(&ir(old), &ir(new)).render(format);
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/golden/diff").join(name);
    if let Err(stale) = junction_codegen::check::assert_golden(&path, &report) {
        panic!("{stale}");
    }
}

#[test]
fn junction_history_reports_match_their_goldens() {
    let v0_1_982 = include_str!("../../tests/fixtures/openapi-0.1.982.json");
    let v0_2_86 = include_str!("../../tests/fixtures/openapi-0.2.86.json");
    let v0_4_632 = include_str!("../../tests/fixtures/openapi-0.4.632.json");
    let v0_4_687 = include_str!("../../spec/openapi.yaml");
    let cases = [
        (v0_4_632, v0_4_687, Format::Text, "0.4.632-to-0.4.687.txt"),
        (v0_4_632, v0_4_687, Format::Markdown, "0.4.632-to-0.4.687.md"),
        (v0_2_86, v0_4_632, Format::Text, "0.2.86-to-0.4.632.txt"),
        (v0_1_982, v0_2_86, Format::Text, "0.1.982-to-0.2.86.txt"),
    ];
    for (old, new, format, name) in cases {
        assert_golden(old, new, format, name);
    }
}

#[test]
fn the_0_4_632_to_0_4_687_summary_is_pinned() {
    let report = diff(
        &ir(include_str!("../../tests/fixtures/openapi-0.4.632.json")),
        &ir(include_str!("../../spec/openapi.yaml")),
    );
    let counts = [Level::Major, Level::Minor, Level::Patch].map(|l| report.count(l));
    assert_eq!(counts, [3, 30, 0]);
    assert_eq!(report.bump(), Some(Level::Major));
    let json: serde_json::Value = serde_json::from_str(&report.render(Format::Json)).unwrap();
    assert_eq!(json["bump"], "major");
    assert_eq!(json["changes"].as_array().unwrap().len(), 33);
}

#[test]
fn paging_added_is_minor_removed_is_major_and_a_new_walk_is_patch() {
    // `GET /pets` answers a page of pets with a cursor: recognised once its cursor parameter exists.
    let listing = r##"
  /pets/all:
    get:
      operationId: list_pets
      x-fern-sdk-group-name: pets
      x-fern-sdk-method-name: list
      parameters: [{name: sort, in: query, schema: {type: string}}]
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/PetPage"}}}}
components:"##;
    let page = "\n    PetPage: {type: object, required: [data], properties: {data: {type: array, items: {$ref: \"#/components/schemas/Pet\"}}, next_cursor: {type: [string, 'null']}}}";
    let unpaged =
        BASE.replacen("\ncomponents:", listing, 1).replacen("\n  schemas:", &format!("\n  schemas:{page}"), 1);
    let paged =
        unpaged.replace("[{name: sort,", "[{name: next_cursor, in: query, schema: {type: string}}, {name: sort,");
    let report = diff(&ir(&unpaged), &ir(&paged));
    assert!(
        items(&report).contains(&(
            String::from("client.pets().list()"),
            Level::Minor,
            String::from(
                "now paged (by cursor: each page's `next_cursor` is sent as `next_cursor`; pages are `PetPage`, items \
                 `data`): `.pages()` and `.items()` added"
            )
        )),
        "{:?}",
        items(&report)
    );
    assert_eq!(report.bump(), Some(Level::Minor));

    let report = diff(&ir(&paged), &ir(&unpaged));
    assert!(items(&report).contains(&(
        String::from("client.pets().list()"),
        Level::Major,
        String::from("no longer paged: `.pages()` and `.items()` removed")
    )));

    // Declared with another cursor field: the same methods, another walk.
    let redeclared = paged.replace(
        "x-fern-sdk-method-name: list\n",
        "x-fern-sdk-method-name: list\n      x-fern-pagination: {cursor: $request.next_cursor, next_cursor: $response.next_cursor}\n",
    );
    let report = diff(&ir(&paged), &ir(&redeclared));
    assert_eq!(
        items(&report),
        [
            (String::from("client.pets().list()"), Level::Major, String::from("pages no longer hold one list of items: `.items()` removed")),
            (
                String::from("client.pets().list()"),
                Level::Patch,
                String::from(
                    "pages by cursor: each page's `next_cursor` is sent as `next_cursor`; pages are `PetPage`, no item \
                     list (was: by cursor: each page's `next_cursor` is sent as `next_cursor`; pages are `PetPage`, \
                     items `data`)"
                )
            ),
        ]
    );
}
