//! `junction-codegen generate SPEC --crate DIR` on every Junction spec in `tests/fixtures/`, on the
//! embedded one, on the other-vendors fixture and on the adversarial-names fixture: each standalone crate must pass `cargo check` with `-D warnings` and `cargo doc` with
//! no rustdoc warning (broken intra-doc links, bare URLs, stray HTML), using nothing from this repository
//! at build time but the runtime crate. Runs cargo offline with this workspace's lock file, in one shared target directory.

use junction_codegen::Generator;
use std::path::{Path, PathBuf};
use std::process::Command;

const SPECS: &[(&str, &str)] = &[
    ("junction-0-4-687", "spec/openapi.yaml"),
    ("junction-0-4-632", "tests/fixtures/openapi-0.4.632.json"),
    ("junction-0-2-86", "tests/fixtures/openapi-0.2.86.json"),
    ("junction-0-1-982", "tests/fixtures/openapi-0.1.982.json"),
    ("junction-0-1-188", "tests/fixtures/openapi-3.0-0.1.188.json"),
    ("junction-0-1-169", "tests/fixtures/openapi-3.0-0.1.169.json"),
    ("org-management", "tests/fixtures/org-management-2026-08-19.json"),
    ("pet-store", "tests/fixtures/vendors-3.1.yaml"),
    ("adversarial", "tests/fixtures/adversarial-names.yaml"),
];

/// Runs `cargo ARGS --offline --quiet` in `dir` with warnings denied, in the shared target directory.
fn cargo_output(args: &[&str], dir: &Path, target: &Path) -> std::process::Output {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| String::from("cargo"));
    // Nothing is read from the test's stdin, which CI may share with other processes (a nested rustc
    // once read another tool's output from it as source).
    Command::new(cargo)
        .stdin(std::process::Stdio::null())
        .args(args)
        .args(["--offline", "--quiet"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env("RUSTFLAGS", "-D warnings")
        .env("RUSTDOCFLAGS", "-D warnings")
        .output()
        .expect("cargo runs")
}

/// [`cargo_output`], which must succeed.
fn cargo(args: &[&str], dir: &Path, target: &Path) {
    let output = cargo_output(args, dir, target);
    assert!(
        output.status.success(),
        "`cargo {}` failed in {}:\n{}",
        args.join(" "),
        dir.display(),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
#[ignore = "nested cargo builds (about 90 s): its own step in .ci/run, `cargo test --test generated_crates -- --ignored`"]
fn every_junction_spec_generates_a_standalone_crate_that_checks_and_documents_warning_free() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let scratch = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("generated-crates");
    let target = scratch.join("target");
    for (name, spec) in SPECS {
        let text = std::fs::read_to_string(root.join(spec)).unwrap();
        let dir = scratch.join(name);
        let generator = Generator::new().with_runtime_path(root.join("junction-api/runtime"));
        let (generated, _) = generator.generate_crate(&text, &dir, Some(name)).unwrap();
        assert!(generated.operations > 0, "{spec}");
        // The same dependency versions as this workspace, so that the check runs offline.
        std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
        for file in ["Cargo.toml", "src/lib.rs", "src/client.rs"] {
            assert!(dir.join(file).is_file(), "{name}: {file} is written");
        }
        cargo(&["check", "--lib"], &dir, &target);
        cargo(&["doc", "--no-deps", "--lib"], &dir, &target);
    }
}

/// The caller the evolution test compiles, unchanged, against each generation of `evolution.yaml`.
const CALLER: &str = r#"//! Written once against the first generation of the notes API.
use futures_util::StreamExt;
use notes::types::{Note, NoteCreate, NoteStatus};

/// Every note title, from the second page on (resumed at `saved`), and the first page's cursor.
pub async fn titles(client: &notes::Client, saved: &str) -> Result<(Vec<String>, Option<String>), notes::Error> {
    let mut titles = Vec::new();
    let mut notes = client.notes().list().next_cursor(saved).items();
    while let Some(note) = notes.next().await {
        titles.push(note?.title);
    }
    let first = client.notes().list().pages().max_pages(1).next().await.transpose()?;
    Ok((titles, first.and_then(|page| page.into_body().next_cursor)))
}

pub async fn create_and_read(client: &notes::Client) -> Result<Note, Box<dyn std::error::Error>> {
    let body = NoteCreate::new("groceries").summary("milk, eggs").pinned(true);
    client.notes().create_with_body(body.clone().clear_summary()).await?;
    let created = client.notes().create("groceries").summary("milk").pinned(false).await?;
    let note = client.notes().get(created.id.as_str()).verbose(true).await?;
    match note.status {
        Some(NoteStatus::Published) => println!("{} is out", note.title),
        Some(_) | None => println!("{} is a draft", note.title),
    }
    Ok(note.into_body())
}
"#;

/// `evolution.yaml` with each `(from, to)` replacement made (each `from` must occur once).
fn evolved(spec: &str, edits: &[(&str, &str)]) -> String {
    edits.iter().fold(spec.to_owned(), |spec, (from, to)| {
        assert_eq!(spec.matches(from).count(), 1, "`{from}` must occur once");
        spec.replacen(from, to, 1)
    })
}

#[test]
#[ignore = "nested cargo builds: its own step in .ci/run, `cargo test --test generated_crates -- --ignored`"]
fn the_same_caller_compiles_after_optional_additions_and_breaks_after_a_required_one() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let scratch = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("evolution");
    let target = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("generated-crates").join("target");
    let v1 = std::fs::read_to_string(root.join("tests/fixtures/evolution.yaml")).unwrap();
    // A minor bump by `diff`'s rules: an optional request field and an optional query parameter.
    let v2 = evolved(
        &v1,
        &[
            ("        pinned: {type: boolean, default: false}\n", "        pinned: {type: boolean, default: false}\n        tags: {type: array, items: {type: string}}\n"),
            ("        - {name: verbose, in: query, schema: {type: boolean}}\n", "        - {name: verbose, in: query, schema: {type: boolean}}\n        - {name: lang, in: query, schema: {type: string}}\n"),
        ],
    );
    // A major one: a required request field.
    let v3 = evolved(
        &v2,
        &[
            ("      required: [title]\n", "      required: [title, folder]\n"),
            (
                "        title: {type: string}\n        summary",
                "        title: {type: string}\n        folder: {type: string}\n        summary",
            ),
        ],
    );
    let ir = |spec: &str| Generator::new().ir(spec).unwrap().0;
    let bump = |old: &str, new: &str| junction_codegen::diff::diff(&ir(old), &ir(new)).bump();
    assert_eq!(bump(&v1, &v2), Some(junction_codegen::diff::Level::Minor));
    assert_eq!(bump(&v2, &v3), Some(junction_codegen::diff::Level::Major));

    let (api, caller) = (scratch.join("notes"), scratch.join("caller"));
    std::fs::create_dir_all(caller.join("src")).unwrap();
    std::fs::write(
        caller.join("Cargo.toml"),
        "[package]\nname = \"caller\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[workspace]\n\n[dependencies]\nfutures-util = { version = \"0.3\", default-features = false }\nnotes = { path = \"../notes\" }\n",
    )
    .unwrap();
    std::fs::write(caller.join("src/lib.rs"), CALLER).unwrap();
    std::fs::copy(root.join("Cargo.lock"), caller.join("Cargo.lock")).unwrap();
    let generate = |spec: &str| {
        let generator = Generator::new().with_runtime_path(root.join("junction-api/runtime"));
        generator.generate_crate(spec, &api, Some("notes")).unwrap();
    };
    for spec in [&v1, &v2] {
        generate(spec);
        cargo(&["check"], &caller, &target);
    }
    generate(&v3);
    // The same flags as the checks above, so the dependencies built for them are reused.
    let output = cargo_output(&["check"], &caller, &target);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "a new required field must break the caller");
    // Both `NoteCreate::new` and the flattened `create` now take the new field.
    assert!(stderr.contains("this function takes 2 arguments but 1 argument was supplied"), "{stderr}");
    assert!(stderr.contains("this method takes 2 arguments but 1 argument was supplied"), "{stderr}");
}
