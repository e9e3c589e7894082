//! Generation time beside its floor, in one run: parsing the spec with the same YAML crate the
//! generator uses, then each stage of the pipeline, then the whole. A benchmark, not a test: it
//! asserts nothing and prints the numbers (best and median of N runs).
//!
//! ```text
//! cargo bench -p junction-codegen --bench generate [-- SPEC [RUNS]]
//! ```

use std::time::{Duration, Instant};

/// Best and median wall time of `runs` calls.
fn measure<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, Duration) {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(f());
            start.elapsed()
        })
        .collect();
    times.sort();
    (times[0], times[times.len() / 2])
}

/// Formats `code` with the toolchain's rustfmt, as a generator that shells out to it would.
fn rustfmt(code: &str) -> String {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new("rustfmt")
        .args(["--edition", "2021", "--emit", "stdout"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("rustfmt runs");
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let input = code.to_owned();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output().expect("rustfmt finishes");
    writer.join().expect("the writer thread ends").expect("rustfmt reads its input");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn main() {
    // `cargo bench` passes `--bench`; the other arguments are ours.
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    let path = args.first().cloned().unwrap_or_else(|| format!("{}/../spec/openapi.yaml", env!("CARGO_MANIFEST_DIR")));
    let runs: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(10);
    let spec = std::fs::read_to_string(&path).expect("the spec is readable");

    // Inputs of the later stages, computed once.
    let generator = junction_codegen::Generator::new();
    let gated = junction_codegen::Generator::new().with_group_features(true);
    // The overlay build.rs applies to the embedded spec (only when the spec is the embedded one).
    let overlay_path = format!("{}/../spec/overlay.yaml", env!("CARGO_MANIFEST_DIR"));
    let overlay = std::fs::read_to_string(&overlay_path).ok().filter(|_| args.is_empty());
    let overlays: Vec<junction_codegen::Overlay> = overlay
        .iter()
        .map(|text| junction_codegen::Overlay { name: overlay_path.clone(), text: text.clone() })
        .collect();
    let as_build_rs = overlays
        .iter()
        .fold(gated.clone(), |generator, overlay| generator.with_named_overlay(&overlay.name, &overlay.text));
    let (api, _) = generator.ir(&spec).expect("the spec generates");
    let tokens = junction_codegen::stages::emit_tokens(&api);
    let file: syn::File = syn::parse2(tokens.clone()).expect("the tokens parse");

    let rows: Vec<(&str, (Duration, Duration))> = vec![
        (
            "floor: YAML text -> serde_yaml::Value",
            measure(runs, || serde_yaml::from_str::<serde_yaml::Value>(&spec).expect("valid YAML")),
        ),
        ("read: text -> JSON value (floor + checks)", measure(runs, || junction_codegen::stages::read_value(&spec))),
        ("parse: read + 3.1 lowering + openapiv3", measure(runs, || junction_codegen::stages::parse(&spec))),
        ("ir: parse + IR build", measure(runs, || generator.ir(&spec))),
        ("emit: IR -> tokens (quote!)", measure(runs, || junction_codegen::stages::emit_tokens(&api))),
        ("check: tokens -> syn::File", measure(runs, || syn::parse2::<syn::File>(tokens.clone()))),
        ("format: syn::File -> text (prettyplease)", measure(runs, || prettyplease::unparse(&file))),
        ("whole: Generator::generate", measure(runs, || generator.generate(&spec))),
        ("whole, per-group features", measure(runs, || gated.generate(&spec))),
        (
            "overlays: read + spec/overlay.yaml applied",
            measure(runs, || junction_codegen::stages::read_with_overlays(&spec, &overlays)),
        ),
        ("whole, features + overlay (as build.rs)", measure(runs, || as_build_rs.generate(&spec))),
        // The alternatives to syn + prettyplease, measured on the same tokens.
        ("alt: tokens -> text unformatted (to_string)", measure(runs, || tokens.to_string())),
        ("alt: unformatted text -> rustfmt", measure(runs.min(3), || rustfmt(&tokens.to_string()))),
    ];
    let floor = rows[0].1 .0.as_secs_f64();
    println!("{path}: {} bytes, {runs} runs each (best / median)", spec.len());
    for (name, (best, median)) in &rows {
        println!(
            "  {name:<44} {:>8.1} ms {:>8.1} ms  {:>5.2}x floor",
            best.as_secs_f64() * 1e3,
            median.as_secs_f64() * 1e3,
            best.as_secs_f64() / floor
        );
    }
}
