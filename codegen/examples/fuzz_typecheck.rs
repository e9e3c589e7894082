//! The fuzz property, type-checked: mutated Junction specs whose generation succeeds must give code that
//! `cargo check` accepts, not only code that parses. Outputs are batched into crates of many modules
//! (each module with its own copy of the runtime, since every output adds inherent methods to its
//! `Client`), checked offline with this workspace's lock file in one shared target directory. Slow
//! (nested cargo), so it is an example, not a test:
//!
//! ```text
//! cargo run --release -p junction-codegen --example fuzz_typecheck -- [OUTPUTS] [BATCH] [SEED]
//! ```
//!
//! Each output that does not type-check, or type-checks with warnings, is saved with its input and
//! the compiler's messages under `target/fuzz-typecheck/failures/`.

#[path = "../fuzz/mutate.rs"]
#[allow(dead_code, reason = "the shared mutator's own check (parse only) is not used here")]
mod mutate;

use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use std::process::Command;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let wanted: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1000);
    let batch: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100).max(1);
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let work = root.join("target/fuzz-typecheck");
    let target = root.join("target/fuzz-typecheck-target");
    let failures_dir = work.join("failures");
    std::fs::create_dir_all(&failures_dir).unwrap();
    let (real, small) = mutate::seeds(&root);
    std::panic::set_hook(Box::new(|_| {}));
    let started = Instant::now();

    // Distinct outputs only: many mutations leave the code unchanged.
    let mut rng = mutate::Rng::new(seed);
    let mut cases: Vec<(String, String)> = Vec::new();
    let mut seen = HashSet::new();
    let mut tried = 0usize;
    while cases.len() < wanted && tried < wanted * 200 {
        tried += 1;
        let text = mutate::input(&mut rng, &real, &small);
        let generated = std::panic::catch_unwind(|| junction_codegen::Generator::new().generate(&text));
        if let Ok(Ok(generated)) = generated {
            if seen.insert(generated.code.clone()) {
                cases.push((text, generated.code));
            }
        }
    }
    eprintln!("{} distinct outputs from {tried} inputs in {:.0} s", cases.len(), started.elapsed().as_secs_f64());

    let (mut failed, mut warned) = (0usize, 0usize);
    for (number, chunk) in cases.chunks(batch).enumerate() {
        let dir = work.join(format!("batch-{number}"));
        write_batch(&root, &dir, number, chunk);
        let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| String::from("cargo")))
            .stdin(std::process::Stdio::null())
            .args(["check", "--offline", "--quiet", "--message-format", "short"])
            .current_dir(&dir)
            .env("CARGO_TARGET_DIR", &target)
            .env_remove("RUSTFLAGS")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        let mut errors: BTreeMap<usize, Vec<&str>> = BTreeMap::new();
        let mut warnings: BTreeMap<usize, Vec<&str>> = BTreeMap::new();
        for line in stderr.lines() {
            let Some(case) = line.strip_prefix("src/case_").and_then(|r| r.split('/').next()?.parse::<usize>().ok())
            else {
                continue;
            };
            if line.contains(": error") {
                errors.entry(case).or_default().push(line);
            } else if line.contains(": warning") {
                warnings.entry(case).or_default().push(line);
            }
        }
        if !output.status.success() && errors.is_empty() {
            panic!("batch {number} failed outside the generated code:\n{stderr}");
        }
        // Generated code must compile without warnings too: both are findings, saved with their input.
        for (kind, found) in [("errors", &errors), ("warnings", &warnings)] {
            for (case, messages) in found {
                let (input, _) = &chunk[*case];
                let name = format!("typecheck-{seed}-{number}-{case}");
                std::fs::write(failures_dir.join(format!("{name}.txt")), input).unwrap();
                std::fs::write(failures_dir.join(format!("{name}.{kind}")), messages.join("\n")).unwrap();
                eprintln!("{name}: {}", messages[0]);
            }
        }
        failed += errors.len();
        warned += warnings.len();
        eprintln!(
            "batch {number}: {} outputs, {} fail to type-check, {} with warnings ({:.0} s so far)",
            chunk.len(),
            errors.len(),
            warnings.len(),
            started.elapsed().as_secs_f64()
        );
    }
    println!(
        "{} distinct outputs (from {tried} mutated inputs, seed {seed}) type-checked in {:.0} s: {failed} failed, \
         {warned} had warnings",
        cases.len(),
        started.elapsed().as_secs_f64()
    );
}

/// A crate with one module per output, `src/case_N/`, each holding the output with `crate::` paths
/// pointing into the module, and the runtime crate re-exported there as `runtime`.
fn write_batch(root: &Path, dir: &Path, number: usize, chunk: &[(String, String)]) {
    let _ = std::fs::remove_dir_all(dir);
    // The first output's standalone crate supplies the manifest (its dependencies and features).
    let generator = junction_codegen::Generator::new().with_runtime_path(root.join("junction-api/runtime"));
    generator.generate_crate(&chunk[0].0, dir, Some(&format!("fuzz-batch-{number}"))).unwrap();
    let src = dir.join("src");
    std::fs::remove_file(src.join("client.rs")).unwrap();
    let mut lib = String::from("//! Fuzz outputs, one module each.\n\n");
    for (case, (_, code)) in chunk.iter().enumerate() {
        let module = format!("case_{case}");
        let prefix = format!("crate::{module}::");
        let case_dir = src.join(&module);
        std::fs::create_dir_all(&case_dir).unwrap();
        let code = code.replace("crate::", &prefix);
        let header = "pub use junction_runtime as runtime;\n\npub use runtime::{ClientBuilder, Error, Response};\n\n";
        std::fs::write(case_dir.join("mod.rs"), format!("{header}{code}")).unwrap();
        lib.push_str(&format!("pub mod {module};\n"));
    }
    std::fs::write(src.join("lib.rs"), lib).unwrap();
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
}
