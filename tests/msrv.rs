//! The workspace's `rust-version` (the MSRV the README states, and the one generated standalone crates
//! get) is true: at least the highest `rust-version` of any package a user's build compiles, with
//! every feature on, as the committed `Cargo.lock` resolves them. Dev-dependencies do not count: they
//! build only this repository's tests. `cargo metadata` reads the lock; nothing is compiled.
//!
//! What it cannot see: our own code using a newer std API than the MSRV. Clippy's `incompatible_msrv`
//! (on in `.ci/run`'s clippy step) checks that against the same `rust-version`.

use serde_json::Value;
use std::collections::{BTreeSet, HashMap};

/// `1.89`, `1.89.0` → `(1, 89, 0)`.
fn version(text: &str) -> (u64, u64, u64) {
    let mut parts = text.split('.').map(|part| part.parse::<u64>().unwrap_or(0));
    (parts.next().unwrap_or(0), parts.next().unwrap_or(0), parts.next().unwrap_or(0))
}

/// The packages (name, version, rust-version) a build of the workspace members compiles: everything
/// reachable through normal and build dependencies.
fn built_packages(metadata: &Value) -> Vec<(String, String, Option<String>)> {
    let packages: HashMap<&str, &Value> =
        metadata["packages"].as_array().unwrap().iter().map(|p| (p["id"].as_str().unwrap(), p)).collect();
    let nodes: HashMap<&str, &Value> =
        metadata["resolve"]["nodes"].as_array().unwrap().iter().map(|n| (n["id"].as_str().unwrap(), n)).collect();
    let mut seen = BTreeSet::new();
    let mut stack: Vec<&str> =
        metadata["workspace_members"].as_array().unwrap().iter().map(|m| m.as_str().unwrap()).collect();
    while let Some(id) = stack.pop() {
        if !seen.insert(id) {
            continue;
        }
        for dep in nodes[id]["deps"].as_array().unwrap() {
            let kinds = dep["dep_kinds"].as_array().unwrap();
            if kinds.iter().any(|kind| kind["kind"] != "dev") {
                stack.push(dep["pkg"].as_str().unwrap());
            }
        }
    }
    seen.iter()
        .map(|id| {
            let p = packages[id];
            let field = |name: &str| p[name].as_str().map(str::to_owned);
            (field("name").unwrap(), field("version").unwrap(), field("rust_version"))
        })
        .collect()
}

/// The packages whose `rust-version` is above `msrv`, as `name version needs X`.
fn above(msrv: &str, metadata: &Value) -> Vec<String> {
    built_packages(metadata)
        .into_iter()
        .filter_map(|(name, version_text, needs)| {
            let needs = needs?;
            (version(&needs) > version(msrv)).then(|| format!("{name} {version_text} needs Rust {needs}"))
        })
        .collect()
}

fn metadata() -> Value {
    let output = std::process::Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--locked", "--all-features"])
        .args(["--manifest-path", concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml")])
        .output()
        .expect("cargo runs");
    assert!(output.status.success(), "cargo metadata failed: {}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("cargo metadata prints JSON")
}

#[test]
fn rust_version_covers_every_locked_dependency() {
    let msrv = env!("CARGO_PKG_RUST_VERSION");
    let metadata = metadata();
    let built = built_packages(&metadata);
    assert!(built.iter().any(|(name, ..)| name == "reqwest"), "the graph walk reaches the client's dependencies");
    let too_new = above(msrv, &metadata);
    assert!(
        too_new.is_empty(),
        "rust-version = \"{msrv}\" in Cargo.toml is not true with the committed Cargo.lock:\n  {}\n\
         Raise `rust-version` (and the README's MSRV line) or pin the dependency lower.",
        too_new.join("\n  ")
    );
    // Every member inherits the one value.
    for member in metadata["packages"].as_array().unwrap().iter().filter(|p| p["source"].is_null()) {
        assert_eq!(member["rust_version"], msrv, "{} sets its own rust-version", member["name"]);
    }
}

#[test]
fn the_check_fails_when_a_dependency_raises_the_msrv() {
    let mut metadata = metadata();
    let uuid = metadata["packages"].as_array_mut().unwrap().iter_mut().find(|p| p["name"] == "uuid").unwrap();
    uuid["rust_version"] = Value::from("1.999");
    let too_new = above(env!("CARGO_PKG_RUST_VERSION"), &metadata);
    assert_eq!(too_new.len(), 1, "{too_new:?}");
    assert!(too_new[0].starts_with("uuid ") && too_new[0].ends_with("needs Rust 1.999"), "{too_new:?}");
}

#[test]
fn a_dev_dependency_does_not_count() {
    let mut metadata = metadata();
    // wiremock is only a dev-dependency: raising its rust-version must not fail a user's MSRV.
    let wiremock = metadata["packages"].as_array_mut().unwrap().iter_mut().find(|p| p["name"] == "wiremock").unwrap();
    wiremock["rust_version"] = Value::from("1.999");
    assert_eq!(above(env!("CARGO_PKG_RUST_VERSION"), &metadata), Vec::<String>::new());
}

#[test]
fn the_readme_states_the_msrv() {
    let readme = include_str!("../README.md");
    let line = format!("Rust {}", env!("CARGO_PKG_RUST_VERSION"));
    assert!(readme.contains(&line), "README.md should say \"{line}\" in its MSRV section");
}
