//! Reference pages from the IR (`junction-codegen docs`): `reference.md`, every method grouped as the
//! client is (description, a Rust snippet, parameters, responses by status, paging), and
//! `models/<Type>.md` for every type, in the form of Junction's own model pages (Field · Type · Required
//! · Description), with Rust names and types and links between the pages.
//!
//! The snippets are the method docs' examples ([`crate::ir::snippets`]): the same lines, which `cargo
//! test` compiles as doctests of the generated crate.

use crate::emit::snippets::written;
use crate::ir::snippets::{paged_snippet, snippets, Snippet};
use crate::ir::{Api, Field, Group, Operation, Paths, ResponseBody, Shape, Status, TypeDef, TypeRef};
use crate::{write_if_changed, Error};
use std::collections::BTreeSet;
use std::path::Path;

/// The directory of the model pages, inside the output directory.
pub const MODELS_DIR: &str = "models";

/// One page: its path inside the output directory (`/`-separated) and its Markdown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    /// `reference.md` or `models/<Type>.md`.
    pub path: String,
    /// The Markdown text.
    pub text: String,
}

/// Every page for `api`: `reference.md`, then one model page per type in name order.
pub fn pages(api: &Api) -> Vec<Page> {
    let mut pages = vec![Page { path: String::from("reference.md"), text: reference(api) }];
    let mut types: Vec<&TypeDef> = api.types.iter().collect();
    types.sort_by(|a, b| a.name.cmp(&b.name));
    for def in types {
        pages.push(Page { path: format!("{MODELS_DIR}/{}.md", def.name), text: model(api, def) });
    }
    pages
}

/// Writes `pages` into `dir` (each file atomically, and only when it changed) and removes the model
/// pages of types that no longer exist, so that the directory is exactly the pages. Returns how many
/// files were written or removed.
pub fn write(dir: &Path, pages: &[Page]) -> Result<usize, Error> {
    let models = dir.join(MODELS_DIR);
    std::fs::create_dir_all(&models).map_err(|source| Error::Write { path: models.display().to_string(), source })?;
    let mut changed = 0;
    for page in pages {
        if write_if_changed(&dir.join(&page.path), &page.text)? {
            changed += 1;
        }
    }
    let current: BTreeSet<&str> = pages.iter().map(|p| p.path.as_str()).collect();
    let entries =
        std::fs::read_dir(&models).map_err(|source| Error::Write { path: models.display().to_string(), source })?;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".md") && !current.contains(format!("{MODELS_DIR}/{name}").as_str()) {
            let path = entry.path();
            std::fs::remove_file(&path).map_err(|source| Error::Write { path: path.display().to_string(), source })?;
            changed += 1;
        }
    }
    Ok(changed)
}

/// What a generated client holds, in a screenful: one line per group (its methods, as far as they fit
/// in `width` columns), then the paged operations and webhooks. `junction-codegen generate -o FILE`
/// prints it, so that the first command a newcomer runs says what they got.
pub fn overview(api: &Api, width: usize) -> String {
    let operations: usize = api.groups.iter().map(|g| g.operations.len()).sum();
    let mut out = format!(
        "{} {}: {operations} operations in {} groups, {} types\n\n",
        api.title,
        api.version,
        api.groups.len(),
        api.types.len()
    );
    let accessor = |group: &Group| format!("client.{}()", group.name);
    let accessor_width = api.groups.iter().map(|g| accessor(g).len()).max().unwrap_or(0);
    for group in &api.groups {
        let mut line = format!("  {:<accessor_width$}  {:>3}  ", accessor(group), group.operations.len());
        let methods: Vec<&str> = group.operations.iter().map(|op| crate::naming::bare(&op.method)).collect();
        for (i, method) in methods.iter().enumerate() {
            let more = format!(", … {} more", methods.len() - i);
            // The last method needs no room for "… more" after it.
            let reserve = if i + 1 < methods.len() { more.len() } else { 0 };
            if i > 0 && line.chars().count() + 2 + method.len() + reserve > width {
                line.push_str(&more);
                break;
            }
            if i > 0 {
                line.push_str(", ");
            }
            line.push_str(method);
        }
        out.push_str(&line);
        out.push('\n');
    }
    let paged = api.operations().filter(|op| op.pagination.is_some()).count();
    out.push_str(&format!(
        "\n{paged} operations page (`.pages()`, `.items()`); {} webhook events (`webhooks::Event`).\n",
        api.webhooks.len()
    ));
    out
}

/// A description on one line, safe in a table cell (`N/A` when there is none, as on Junction's pages).
fn cell(docs: Option<&str>) -> String {
    match docs.map(|d| d.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|d| !d.is_empty()) {
        Some(text) => text.replace('|', "\\|"),
        None => String::from("N/A"),
    }
}

/// `:heavy_check_mark:` or `:heavy_minus_sign:`.
fn required_mark(required: bool) -> &'static str {
    if required {
        ":heavy_check_mark:"
    } else {
        ":heavy_minus_sign:"
    }
}

/// A Rust type as Markdown: code spans, with each named type a link to its model page
/// (`` `Vec<`[`UserAddress`](UserAddress.md)`>` ``). `prefix` is the path from the page to the models.
fn type_markdown(api: &Api, rust: &str, mentioned: impl Iterator<Item = crate::ir::TypeId>, prefix: &str) -> String {
    let names: BTreeSet<&str> = mentioned.map(|id| api.type_def(id).name.as_str()).collect();
    let mut out = String::new();
    let mut code = String::new();
    let flush = |code: &mut String, out: &mut String| {
        if !code.is_empty() {
            out.push_str(&format!("`{code}`"));
            code.clear();
        }
    };
    let mut word = String::new();
    let mut chars = rust.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_alphanumeric() || c == '_' {
            word.push(c);
            if chars.peek().is_some_and(|n| n.is_alphanumeric() || *n == '_') {
                continue;
            }
            if names.contains(word.as_str()) {
                flush(&mut code, &mut out);
                out.push_str(&format!("[`{word}`]({prefix}{word}.md)"));
            } else {
                code.push_str(&word);
            }
            word.clear();
        } else {
            code.push(c);
        }
    }
    flush(&mut code, &mut out);
    out
}

fn ref_markdown(api: &Api, ty: &TypeRef, prefix: &str) -> String {
    type_markdown(api, &api.rust_type(ty, Paths::Short), ty.named(), prefix)
}

/// The model page of one type.
fn model(api: &Api, def: &TypeDef) -> String {
    let mut out = format!("# {}\n\n", def.name);
    if let Some(docs) = &def.docs {
        out.push_str(docs.trim_end());
        out.push_str("\n\n");
    }
    match &def.shape {
        Shape::Struct(fields) => {
            out.push_str("## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n");
            let mut rows: Vec<&Field> = fields.iter().collect();
            rows.sort_by(|a, b| a.name.cmp(&b.name));
            for field in rows {
                let ty = type_markdown(api, &api.field_type(field, Paths::Short), field.ty.named(), "");
                out.push_str(&format!(
                    "| `{}` | {ty} | {} | {} |\n",
                    crate::naming::bare(&field.name),
                    required_mark(field.required),
                    cell(field.docs.as_deref())
                ));
            }
        }
        Shape::StringEnum { variants, open, fallback } => {
            out.push_str("## Values\n\n| Value | Variant |\n| --- | --- |\n");
            for variant in variants {
                out.push_str(&format!("| `{:?}` | `{}::{}` |\n", variant.wire, def.name, variant.name));
            }
            if *open {
                out.push_str(&format!("\nAny other string is kept as `{}::{fallback}(String)`.\n", def.name));
            }
        }
        Shape::IntegerEnum { variants, open, fallback } => {
            out.push_str("## Values\n\n| Value | Variant |\n| --- | --- |\n");
            for (name, value) in variants {
                out.push_str(&format!("| `{value}` | `{}::{name}` |\n", def.name));
            }
            if *open {
                out.push_str(&format!("\nAny other integer is kept as `{}::{fallback}(i64)`.\n", def.name));
            }
        }
        Shape::Union { variants, .. } => {
            out.push_str("## Variants\n\nOne of these (tried in this order):\n\n| Variant | Type |\n| --- | --- |\n");
            for variant in variants {
                let ty = ref_markdown(api, &variant.ty, "");
                out.push_str(&format!("| `{}::{}` | {ty} |\n", def.name, variant.name));
            }
            out.push_str(&format!(
                "\nA value that is none of them is kept as JSON in `{}::Unknown(serde_json::Value)`.\n",
                def.name
            ));
        }
        Shape::Tuple { items, min_items } => {
            out.push_str("## Items\n\n| Position | Type | Required |\n| --- | --- | --- |\n");
            for (i, item) in items.iter().enumerate() {
                out.push_str(&format!(
                    "| {i} | {} | {} |\n",
                    ref_markdown(api, item, ""),
                    required_mark(i < *min_items)
                ));
            }
        }
        Shape::ConstString { value, .. } => out.push_str(&format!("Always the string `{value:?}`.\n")),
        Shape::Alias(ty) => out.push_str(&format!("Another name for {}.\n", ref_markdown(api, ty, ""))),
        Shape::Newtype(ty) => {
            out.push_str(&format!("A wrapper of {} (`{}.0`).\n", ref_markdown(api, ty, ""), def.name))
        }
    }
    out
}

/// `reference.md`.
fn reference(api: &Api) -> String {
    let mut out = format!(
        "# Reference\n\n{} version {}: every method of the client, grouped as the client is \
         (`client.{}()`), and a [model page](models/) for every type.\n\n",
        api.title,
        api.version,
        api.groups.first().map_or("group", |g| g.name.as_str())
    );
    for group in &api.groups {
        // GitHub's heading anchors keep `_`.
        out.push_str(&format!("- [`{0}`](#{0}): {1} methods\n", group.name, group.operations.len()));
    }
    for group in &api.groups {
        out.push_str(&format!("\n## {}\n", group.name));
        for op in &group.operations {
            out.push_str(&method(api, group, op));
        }
    }
    out
}

/// The arguments of a method call as the heading shows them: required parameters, then required body
/// fields.
fn call_arguments(op: &Operation) -> Vec<String> {
    let mut names: Vec<String> = op.required_params().map(|p| crate::naming::bare(&p.name).to_owned()).collect();
    if let Some(body) = &op.body {
        match &body.flat {
            Some(flat) => names.extend(flat.arguments.iter().map(|(_, name)| crate::naming::bare(name).to_owned())),
            None => names.push(String::from("body")),
        }
    }
    names
}

fn method(api: &Api, group: &Group, op: &Operation) -> String {
    let mut out = format!(
        "\n### `client.{}().{}({})`\n\n",
        group.name,
        crate::naming::bare(&op.method),
        call_arguments(op).join(", ")
    );
    out.push_str(&format!("`{} {}`", op.http_method, op.path));
    if op.deprecated {
        out.push_str(" (deprecated)");
    }
    out.push_str("\n\n");
    if let Some(docs) = &op.docs {
        out.push_str(docs.trim_end());
        out.push_str("\n\n");
    }
    let all = snippets(api, group, op);
    if let Some(snippet) = all.iter().find(|s| s.method == op.method) {
        out.push_str(&rust_block(api, snippet));
    }
    if let Some(with_body) = op.body.as_ref().and_then(|b| b.flat.as_ref()).map(|f| &f.with_body) {
        out.push_str(&format!("\n`{with_body}` takes the whole body instead of its required fields.\n"));
    }
    out.push_str(&parameters(api, op));
    out.push_str(&responses(api, op));
    if let Some(pagination) = &op.pagination {
        let items = if pagination.items.is_some() { ", `.items()` every item" } else { "" };
        out.push_str(&format!(
            "\n#### Pagination\n\nPaged {}. `.pages()` streams every page{items}:\n\n",
            pagination.describe(api, op)
        ));
        if let Some(snippet) = paged_snippet(api, group, op) {
            out.push_str(&rust_block(api, &snippet));
        }
    }
    out
}

fn rust_block(api: &Api, snippet: &Snippet) -> String {
    format!("```rust\n{}```\n", written(api, snippet).reference())
}

/// The parameters table: every parameter, then a flattened body's fields (the required ones are
/// arguments, the others builder methods).
fn parameters(api: &Api, op: &Operation) -> String {
    let mut rows = Vec::new();
    for param in &op.params {
        let mut text = match &param.docs {
            Some(docs) => format!("{} ({})", cell(Some(docs)), param.location.name()),
            None => param.summary(),
        };
        if let Some(default) = &param.default {
            text.push_str(&format!(" Default: `{default}`."));
        }
        let bounds = param.bounds.describe();
        if !bounds.is_empty() {
            text.push_str(&format!(" Must be {bounds}."));
        }
        rows.push((
            crate::naming::bare(&param.name).to_owned(),
            ref_markdown(api, &param.ty, "models/"),
            param.required,
            text,
        ));
    }
    let mut body_line = String::new();
    if let Some(body) = &op.body {
        let ty = ref_markdown(api, &body.ty, "models/");
        match body.flat.as_ref().and_then(|flat| api.type_def(flat.ty).built().map(|built| (flat, built))) {
            Some((flat, (fields, constructor))) => {
                body_line =
                    format!("\nThe body is {ty}: its required fields are arguments, the others builder methods.\n");
                let arguments = flat.arguments.iter().map(|(index, name)| (name, *index, true));
                let setters = flat.setters.iter().map(|s| (&s.name, constructor.setters[s.setter].field, false));
                for (name, index, required) in arguments.chain(setters) {
                    // The value type an argument or builder method takes, without the field's `Option`.
                    let field = &fields[index];
                    rows.push((
                        crate::naming::bare(name).to_owned(),
                        ref_markdown(api, &field.ty, "models/"),
                        required,
                        cell(field.docs.as_deref()),
                    ));
                }
            }
            None => {
                rows.push((String::from("body"), ty, body.required, String::from("The request body.")));
            }
        }
    }
    if rows.is_empty() {
        return String::new();
    }
    let mut out = String::from("\n#### Parameters\n");
    out.push_str(&body_line);
    out.push_str("\n| Parameter | Type | Required | Description |\n| --- | --- | --- | --- |\n");
    for (name, ty, required, text) in rows {
        out.push_str(&format!("| `{name}` | {ty} | {} | {text} |\n", required_mark(required)));
    }
    out
}

/// The responses table: each declared status with what the caller gets (the success value, or the
/// error enum's variant inside `Error::Api`).
fn responses(api: &Api, op: &Operation) -> String {
    if op.responses.is_empty() {
        return String::new();
    }
    let mut out = String::from("\n#### Responses\n\n| Status | Returns | Description |\n| --- | --- | --- |\n");
    for response in &op.responses {
        let status = match response.status {
            Status::Code(code) => code.to_string(),
            Status::Default => String::from("other"),
        };
        let body = match &response.body {
            ResponseBody::Empty => String::from("nothing"),
            ResponseBody::Json(ty) => ref_markdown(api, ty, "models/"),
            ResponseBody::Bytes { media_type } => format!("`ByteStream` (`{media_type}`)"),
        };
        let returns = if response.status.is_success() {
            format!("`Ok`: {body}")
        } else {
            format!("`Error::Api`: `{}::{}`({body})", op.error_name, response.variant)
        };
        out.push_str(&format!("| {status} | {returns} | {} |\n", cell(response.description.as_deref())));
    }
    out
}
