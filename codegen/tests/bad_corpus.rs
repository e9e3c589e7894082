//! Malformed and hostile specs (`tests/fixtures/bad/`, plus a 10 MB one built here): each is refused
//! with its pinned, located message. None panics, overflows the stack, hangs or writes an output file.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const WORKSPACE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

/// Runs `generate SPEC -o OUT --deny-warnings --format short` in `dir`; returns the exit code and stderr,
/// after checking that the process ended by itself (no signal, no hang), printed no panic and wrote no
/// output.
fn refuse(dir: &Path, spec: &str, scratch: &Path) -> (i32, String) {
    let out = scratch.join(format!("{spec}.rs").replace('/', "_"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_junction-codegen"))
        .args(["generate", spec, "-o", out.to_str().unwrap(), "--deny-warnings", "--format", "short"])
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("{spec}: still running after 60 s");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    // A stack overflow or other abort ends the process by a signal and leaves no exit code.
    let code = output.status.code().unwrap_or_else(|| panic!("{spec}: killed by a signal: {stderr}"));
    assert!(!stderr.contains("panicked"), "{spec}: panicked: {stderr}");
    assert!(output.stdout.is_empty(), "{spec}: wrote to stdout");
    assert!(!out.exists(), "{spec}: wrote {}", out.display());
    (code, stderr)
}

/// `[[[[…]]]]` 5 million deep: 10 MB.
fn ten_megabytes_of_nested_arrays(dir: &Path) -> &'static str {
    let name = "nested-arrays-10mb.yaml";
    let depth = 5_000_000;
    let mut text = String::from("openapi: 3.1.0\ninfo: {title: Bad, version: \"1\"}\npaths: {}\nx-deep: ");
    text.push_str(&"[".repeat(depth));
    text.push_str(&"]".repeat(depth));
    text.push('\n');
    std::fs::write(dir.join(name), text).unwrap();
    name
}

#[test]
fn every_bad_spec_is_refused_with_its_pinned_message() {
    let scratch = std::env::temp_dir().join(format!("junction-codegen-bad-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).unwrap();
    let mut fixtures: Vec<PathBuf> = std::fs::read_dir(Path::new(WORKSPACE).join("tests/fixtures/bad"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    fixtures.sort();
    assert!(fixtures.len() >= 40, "the corpus has {} specs", fixtures.len());

    let mut report = String::new();
    let mut run = |dir: &Path, spec: &str| {
        let (code, stderr) = refuse(dir, spec, &scratch);
        assert_eq!(code, 1, "{spec}: exit code {code}: {stderr}");
        report.push_str(&format!("== {spec}\n{stderr}"));
    };
    for fixture in &fixtures {
        let name = fixture.file_name().unwrap().to_str().unwrap();
        run(Path::new(WORKSPACE), &format!("tests/fixtures/bad/{name}"));
    }
    let big = ten_megabytes_of_nested_arrays(&scratch);
    run(&scratch, big);
    std::fs::remove_dir_all(&scratch).unwrap();

    // `UPDATE_GOLDENS=1` rewrites the pinned messages, for review with `git diff`.
    if let Err(stale) =
        junction_codegen::check::assert_golden(&Path::new(WORKSPACE).join("tests/golden/bad_corpus.txt"), &report)
    {
        panic!("the messages changed: {stale}");
    }
}
