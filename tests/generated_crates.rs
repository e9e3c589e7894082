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

fn cargo(args: &[&str], dir: &Path, target: &Path) {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| String::from("cargo"));
    // Nothing is read from the test's stdin, which CI may share with other processes (a nested rustc
    // once read another tool's output from it as source).
    let output = Command::new(cargo)
        .stdin(std::process::Stdio::null())
        .args(args)
        .args(["--offline", "--quiet"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env("RUSTFLAGS", "-D warnings")
        .env("RUSTDOCFLAGS", "-D warnings")
        .output()
        .expect("cargo runs");
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
