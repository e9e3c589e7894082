//! The reference pages (`junction-codegen docs`): the committed `docs/` is what the embedded spec
//! generates, and the model pages of the refresh endpoint say what Junction's own pages say.

use junction_codegen::docs::{self, Page};
use junction_codegen::Generator;
use std::collections::BTreeMap;
use std::path::Path;

const SPEC: &str = include_str!("../../spec/openapi.yaml");
const OVERLAY: &str = include_str!("../../spec/overlay.yaml");
const SEED: &str = include_str!("../../tests/fixtures/refresh-user-0.4.483.yaml");

/// The generator as build.rs runs it on the embedded spec (with our corrections).
fn embedded() -> Generator {
    Generator::new().with_named_overlay("spec/overlay.yaml", OVERLAY)
}

fn pages(generator: Generator, spec: &str) -> BTreeMap<String, String> {
    let pages = generator.generate_docs(spec).expect("the spec generates its pages");
    pages.into_iter().map(|Page { path, text }| (path, text)).collect()
}

/// Junction's page for `UserRefreshSuccessResponse` (docs.junction.com, verbatim but for the column
/// padding), and the rows it implies for `UserRefreshErrorResponse`: `error` required, `failedSources`
/// not.
const JUNCTION_SUCCESS_PAGE: &str = "\
# UserRefreshSuccessResponse

## Fields

| Field | Type | Required | Description |
| --- | --- | --- | --- |
| `failedSources` | *string*[] | :heavy_check_mark: | N/A |
| `refreshedSources` | *string*[] | :heavy_check_mark: | N/A |
| `success` | *boolean* | :heavy_check_mark: | Whether operation was successful or not |
| `userId` | *string* | :heavy_check_mark: | A unique ID representing the end user. Typically this will be a user ID from your application. Personally identifiable information, such as an email address or phone number, should not be used in the client_user_id. |
";

/// The rows of a model page's table: field → (required mark, description).
fn rows(page: &str) -> BTreeMap<String, (String, String)> {
    page.lines()
        .filter(|line| line.starts_with("| `"))
        .map(|line| {
            let cells: Vec<&str> = line.trim_matches('|').split(" | ").map(str::trim).collect();
            let field = cells[0].trim_matches('`');
            (heck::ToSnakeCase::to_snake_case(field), (cells[2].to_owned(), cells[3].to_owned()))
        })
        .collect()
}

#[test]
fn the_refresh_model_pages_carry_junctions_rows_in_rust_terms() {
    let ours = pages(Generator::new(), SEED);
    let success = &ours["models/UserRefreshSuccessResponse.md"];
    let mut junction = rows(JUNCTION_SUCCESS_PAGE);
    let mut mine = rows(success);
    // The one row Junction's page lacks: the spec (this 0.4.483 slice and 0.4.687 alike) declares
    // `in_progress_sources` required, and its own example sends it.
    assert_eq!(mine.remove("in_progress_sources"), Some((String::from(":heavy_check_mark:"), String::from("N/A"))));
    assert_eq!(mine, junction, "same rows, required marks and descriptions");
    assert_eq!(
        success.lines().take(5).collect::<Vec<_>>(),
        ["# UserRefreshSuccessResponse", "", "## Fields", "", "| Field | Type | Required | Description |"]
    );
    assert!(success.contains("| `failed_sources` | `Vec<String>` | :heavy_check_mark: | N/A |\n"), "{success}");
    assert!(success.contains("| `success` | `ConstBool<true>` | :heavy_check_mark: | Whether operation"), "{success}");
    assert!(success.contains("| `user_id` | `Uuid` | :heavy_check_mark: | A unique ID"), "{success}");

    let error = rows(&ours["models/UserRefreshErrorResponse.md"]);
    junction.remove("refreshed_sources");
    junction.insert(String::from("error"), (String::from(":heavy_check_mark:"), String::from("N/A")));
    junction.get_mut("failed_sources").unwrap().0 = String::from(":heavy_minus_sign:");
    assert_eq!(error, junction);
}

#[test]
fn the_refresh_reference_entry_is_the_rust_tab_of_junctions_page() {
    let ours = pages(embedded(), SPEC);
    let reference = &ours["reference.md"];
    let start = reference.find("### `client.user().refresh(user_id)`").expect("the refresh entry");
    let entry = &reference[start..];
    let entry = &entry[..entry[4..].find("\n### ").map_or(entry.len(), |end| end + 4)];
    let snippet = "```rust\n\
        use junction_api::{Client, Environment};\n\
        \n\
        let client = Client::builder()\n    .api_key(\"YOUR_API_KEY\")\n    .environment(Environment::Sandbox)\n    .build()?;\n\
        let user_id = \"1449752e-0d8a-40e0-9206-91ab099b2537\".parse::<uuid::Uuid>()?;\n\
        let response = client.user().refresh(user_id).await?;\n\
        ```\n";
    assert!(entry.contains(snippet), "{entry}");
    assert!(entry.contains("| `timeout` | `f64` | :heavy_minus_sign: |"), "{entry}");
    assert!(entry.contains("Must be >= 5 and <= 60."), "{entry}");
    assert!(
        entry.contains("| 400 | `Error::Api`: `RefreshError::BadRequest`([`UserRefreshErrorResponse`](models/UserRefreshErrorResponse.md)) | Bad Request |"),
        "{entry}"
    );
}

/// `docs/` holds exactly the pages the embedded spec generates (`UPDATE_GOLDENS=1` rewrites it, and
/// removes pages of types that are gone).
#[test]
fn the_committed_docs_are_what_the_embedded_spec_generates() {
    let generated = embedded().generate_docs(SPEC).unwrap();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs");
    if std::env::var_os("UPDATE_GOLDENS").is_some_and(|v| v == "1") && std::env::var_os("CI").is_none() {
        docs::write(&dir, &generated).unwrap();
    }
    let mut stale: Vec<String> = generated
        .iter()
        .filter_map(|page| junction_codegen::check::assert_golden(&dir.join(&page.path), &page.text).err())
        .collect();
    let pinned: Vec<String> = std::fs::read_dir(dir.join(docs::MODELS_DIR))
        .map(|entries| entries.flatten().map(|e| format!("models/{}", e.file_name().to_string_lossy())).collect())
        .unwrap_or_default();
    for path in pinned {
        if !generated.iter().any(|page| page.path == path) {
            stale.push(format!("docs/{path} is not generated any more"));
        }
    }
    let count = stale.len();
    stale.truncate(3);
    assert!(
        stale.is_empty(),
        "{count} pages of docs/ are stale; regenerate with `cargo run -p junction-codegen -- docs -o docs` (or \
         `UPDATE_GOLDENS=1 cargo test -p junction-codegen --test docs`) and review `git diff docs/`:\n{}",
        stale.join("\n")
    );
    assert_eq!(generated.len(), 1 + 1030, "reference.md and one page per type");
}

#[test]
fn model_page_names_differ_in_more_than_case() {
    // Case-insensitive file systems (macOS, Windows) would merge two pages otherwise.
    let generated = pages(embedded(), SPEC);
    let mut lower: Vec<String> = generated.keys().map(|path| path.to_lowercase()).collect();
    lower.sort();
    lower.dedup();
    assert_eq!(lower.len(), generated.len());
}

/// The README's counts: one compiled example per group method, an `# Arguments` section wherever a
/// method takes any.
#[test]
fn every_group_method_and_paged_builder_has_one_example_and_arguments_are_documented() {
    let generator = embedded();
    let (api, _) = generator.ir(SPEC).unwrap();
    let operations = api.operations().count();
    let flattened = api.operations().filter(|op| op.body.as_ref().is_some_and(|b| b.flat.is_some())).count();
    let paged = api.operations().filter(|op| op.pagination.is_some()).count();
    assert_eq!((operations, flattened, paged), (205, 43, 62));
    let code = generator.generate(SPEC).unwrap().code;
    // One per group method, and one on each paged builder's `items` (or `pages`).
    assert_eq!(code.matches("\n        /// # Examples\n").count(), operations + flattened + paged);
    assert_eq!(code.matches("\n        /// ```no_run\n").count(), operations + flattened + paged);
    assert_eq!(code.matches(") = stream.next().await {\n").count(), paged);
    assert_eq!(code.matches("\n        /// # Errors\n").count(), operations + flattened);
    // Methods with arguments: the required parameters, and a flattened body's required fields.
    let with_arguments = api
        .operations()
        .map(|op| {
            let flat = op.body.as_ref().and_then(|b| b.flat.as_ref()).is_some_and(|f| !f.arguments.is_empty());
            usize::from(op.required_params().next().is_some() || flat)
                + usize::from(
                    op.required_params().next().is_some() && op.body.as_ref().is_some_and(|b| b.flat.is_some()),
                )
        })
        .sum::<usize>();
    assert_eq!(code.matches("\n        /// # Arguments\n").count(), with_arguments);
}

/// A search for a type's name finds the type: no builder or response enum of a group module has it
/// (`types::CreateInsuranceRequest` is the body; its builder is `user::CreateInsuranceBuilder`).
#[test]
fn no_group_item_has_the_name_of_a_type() {
    let (api, _) = embedded().ir(SPEC).unwrap();
    let types: std::collections::BTreeSet<&str> = api.types.iter().map(|t| t.name.as_str()).collect();
    let mut items = Vec::new();
    for group in &api.groups {
        items.push(group.client_name.as_str());
        for op in &group.operations {
            items.extend([op.builder_name.as_str(), op.error_name.as_str(), op.response_enum_name.as_str()]);
        }
    }
    let shared: Vec<&&str> = items.iter().filter(|name| types.contains(**name)).collect();
    assert_eq!(shared, Vec::<&&str>::new());
    assert!(types.contains("CreateInsuranceRequest"));
    let user = api.groups.iter().find(|g| g.name == "user").unwrap();
    let create_insurance = user.operations.iter().find(|op| op.method == "create_insurance").unwrap();
    assert_eq!(create_insurance.builder_name, "CreateInsuranceBuilder");
}
