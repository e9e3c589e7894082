//! The long fuzz run: mutated Junction specs through the whole generator on every core, until a count
//! of executions. Each failure (a panic, or an `Ok` output that is not Rust) is saved under
//! `tests/fixtures/fuzz-crashes/` as a regression fixture, which `tests/fuzz.rs` replays in CI. The
//! input being run is kept in `target/fuzz-current-N.txt`, so that a crash the process cannot catch (a
//! stack overflow aborts) still leaves its input behind.
//!
//! ```text
//! cargo run --release -p junction-codegen --example fuzz -- [EXECUTIONS] [SEED]
//! ```

#[path = "../fuzz/mutate.rs"]
mod mutate;

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let executions: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1_000_000);
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let (real, small) = mutate::seeds(&root);
    // Panics are expected findings, caught and saved; their default message would flood the output.
    std::panic::set_hook(Box::new(|_| {}));
    let done = AtomicUsize::new(0);
    let failures = AtomicUsize::new(0);
    let generated = AtomicUsize::new(0);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let started = Instant::now();
    std::thread::scope(|scope| {
        for thread in 0..threads {
            let (real, small, root, done, failures, generated) = (&real, &small, &root, &done, &failures, &generated);
            scope.spawn(move || {
                let mut rng = mutate::Rng::new(seed.wrapping_mul(1000).wrapping_add(thread as u64));
                let current = root.join(format!("target/fuzz-current-{thread}.txt"));
                while done.fetch_add(1, Ordering::Relaxed) < executions {
                    let text = mutate::input(&mut rng, real, small);
                    let _ = std::fs::write(&current, &text);
                    match mutate::check(&text) {
                        Ok(true) => {
                            generated.fetch_add(1, Ordering::Relaxed);
                        }
                        Ok(false) => {}
                        Err(problem) => {
                            let n = failures.fetch_add(1, Ordering::Relaxed);
                            let name = format!("crash-{seed}-{thread}-{n}.txt");
                            let _ = std::fs::write(root.join("tests/fixtures/fuzz-crashes").join(&name), &text);
                            eprintln!("{name}: {problem}");
                        }
                    }
                    let count = done.load(Ordering::Relaxed);
                    if thread == 0 && count % 50_000 < threads {
                        eprintln!("{count} executions, {:.0} s", started.elapsed().as_secs_f64());
                    }
                }
            });
        }
    });
    let elapsed = started.elapsed().as_secs_f64();
    println!(
        "{executions} executions on {threads} threads in {elapsed:.0} s ({:.0}/s), seed {seed}: {} generated code \
         (each parsed as Rust), the rest refused with an error; {} failures",
        executions as f64 / elapsed,
        generated.load(Ordering::Relaxed),
        failures.load(Ordering::Relaxed)
    );
}
