//! The fuzz property on a small CI budget: mutated Junction specs never make the generator panic,
//! and every `Ok` output parses as Rust. Also replays every failure the long run
//! (`examples/fuzz.rs`) ever found.

#[path = "../fuzz/mutate.rs"]
mod mutate;

use std::path::Path;

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

#[test]
fn mutated_specs_never_panic_and_ok_outputs_parse() {
    let (real, small) = mutate::seeds(Path::new(ROOT));
    let mut rng = mutate::Rng::new(20261122);
    let mut failures = Vec::new();
    let mut generated = 0;
    for i in 0..1000 {
        let text = mutate::input(&mut rng, &real, &small);
        match mutate::check(&text) {
            Ok(true) => generated += 1,
            Ok(false) => {}
            Err(problem) => failures.push(format!("input {i}: {problem}\n{text}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n---\n"));
    // The mutations must leave many inputs valid enough to reach the emitter, or the property says little.
    assert!(generated >= 200, "only {generated} of 1000 inputs generated code");
}

#[test]
fn every_saved_fuzz_failure_is_fixed() {
    let dir = Path::new(ROOT).join("tests/fixtures/fuzz-crashes");
    let mut entries: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries.iter().filter(|p| p.extension().is_some_and(|e| e == "txt")) {
        let text = std::fs::read_to_string(path).unwrap();
        if let Err(problem) = mutate::check(&text) {
            panic!("{}: {problem}", path.display());
        }
    }
}
