//! Times one generation run beside its floor, in one process: reading the YAML with the same YAML crate
//! (`parse::read_value`), then the whole pipeline (read, lower, IR, emit, prettyplease). Not a test: run
//! it in release mode and read the numbers.
//!
//! ```text
//! cargo run --release -p junction-codegen --example generate_timing -- spec/openapi.yaml
//! ```

use std::time::{Duration, Instant};

fn best_of<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(f());
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| String::from("spec/openapi.yaml"));
    let spec = std::fs::read_to_string(&path).expect("the spec is readable");
    let runs = 5;
    let parse = best_of(runs, || junction_codegen::parse::read_value(&spec).expect("valid YAML"));
    let generate = best_of(runs, || junction_codegen::Generator::new().generate(&spec).expect("it generates"));
    println!("{path}: {} bytes, best of {runs} runs", spec.len());
    println!("  read YAML only (floor): {:>8.1} ms", parse.as_secs_f64() * 1e3);
    println!("  whole generation:       {:>8.1} ms", generate.as_secs_f64() * 1e3);
    println!("  ratio:                  {:>8.2}x", generate.as_secs_f64() / parse.as_secs_f64());
}
