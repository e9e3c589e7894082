//! Generated sources are pinned as real `.rs` files in `tests/golden/`, each compiled: the full API by
//! `junction-api` itself (its build script output must equal the golden), the others by a
//! `tests/golden_*compiles.rs` crate. After a deliberate change to a spec or the generator, update every
//! golden with `UPDATE_GOLDENS=1 cargo test --workspace` (refused when `CI` is set) and review
//! `git diff tests/golden/`.

use junction_codegen::{DiagnosticKind, Generator};

const SPEC: &str = include_str!("../spec/openapi.yaml");
/// Our corrections to it, which build.rs applies.
const OVERLAY: &str = include_str!("../spec/overlay.yaml");

/// The generator as build.rs runs it, but for the feature gates.
fn embedded() -> Generator {
    Generator::new().with_named_overlay("spec/overlay.yaml", OVERLAY)
}
const GOLDEN: &str = include_str!("golden/junction_api.rs");
const SEED_SPEC: &str = include_str!("fixtures/refresh-user.yaml");
const SEED_GOLDEN: &str = include_str!("golden/refresh_user.rs");
const LOWERING_SPEC: &str = include_str!("fixtures/lowering-3.1.yaml");
const VENDORS_SPEC: &str = include_str!("fixtures/vendors-3.1.yaml");

/// Compares generated code with the golden at `path` (relative to the workspace), or updates it.
fn assert_golden(path: &str, code: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    if let Err(stale) = junction_codegen::check::assert_golden(&path, code) {
        panic!("{stale}");
    }
}

fn assert_generated_golden(spec: &str, path: &str) {
    assert_golden(path, &Generator::new().generate(spec).expect("the spec generates").code);
}

#[test]
fn full_api_golden_matches_the_generated_source_for_the_embedded_spec() {
    // As build.rs generates it: each operation group behind its cargo feature.
    let generated = embedded().with_group_features(true).generate(SPEC).expect("the spec generates");
    assert_golden("tests/golden/junction_api.rs", &generated.code);
}

/// The text of a manifest's table `header` (`[features]`), up to the next table.
fn manifest_table<'m>(manifest: &'m str, header: &str) -> &'m str {
    manifest.split(&format!("\n{header}\n")).nth(1).and_then(|rest| rest.split("\n[").next()).unwrap()
}

/// The features of `junction-api` that do not come from the spec.
const NOT_THE_SPECS: &[&str] = &["client", "native-tls", "rustls-tls", "testing", "tower", "tracing"];

#[test]
fn the_manifest_declares_exactly_the_features_the_generated_code_tests() {
    let (api, _) = embedded().ir(SPEC).unwrap();
    let wanted = api.features.clone();
    let manifest = include_str!("../Cargo.toml");
    let table = manifest_table(manifest, "[features]");
    // One line per feature: `name = [..]`. The client's, TLS, tower, tracing and testing are not the spec's.
    let features: Vec<(&str, &str)> = table
        .lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| line.split_once(" = ["))
        .filter(|(name, _)| *name != "default" && !NOT_THE_SPECS.contains(name))
        .collect();
    let declared: Vec<&str> = features.iter().map(|(name, _)| *name).collect();
    assert_eq!(declared, wanted, "Cargo.toml's [features] must list one feature per group (a new spec changed them)");
    for (name, implies) in &features {
        let expected = match *name {
            "webhooks" => "\"junction-runtime/webhooks\"]",
            "unreferenced_schemas" => "]",
            _ => "\"client\"]",
        };
        assert_eq!(*implies, expected, "`{name}`: every group implies the client, the webhooks only verification");
    }
    let default = table.split("default = [").nth(1).and_then(|d| d.split(']').next()).unwrap();
    let default: Vec<&str> = default
        .split(',')
        .map(|f| f.trim().trim_matches('"'))
        .filter(|f| !f.is_empty() && !NOT_THE_SPECS.contains(f))
        .collect();
    assert_eq!(default, wanted, "every group is on by default");
}

/// The `[dependencies]` lines of a manifest, without comments.
fn dependency_lines(manifest: &str) -> Vec<String> {
    manifest_table(manifest, "[dependencies]")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

#[test]
fn generated_crates_depend_on_exactly_what_this_crate_declares_for_its_generated_code() {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("dependencies-crate");
    let runtime = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("junction-api/runtime");
    let generator = junction_codegen::Generator::new().with_runtime_path(&runtime);
    generator.generate_crate(SEED_SPEC, &dir, Some("seed")).unwrap();
    let generated = dependency_lines(&std::fs::read_to_string(dir.join("Cargo.toml")).unwrap());
    // The client's dependency is optional here (types-only builds) and always there in a standalone crate.
    let ours: Vec<String> =
        dependency_lines(include_str!("../Cargo.toml")).iter().map(|l| l.replace(", optional = true", "")).collect();
    let without_runtime = |lines: &[String]| -> Vec<String> {
        lines.iter().filter(|l| !l.starts_with("junction-runtime ")).cloned().collect()
    };
    assert_eq!(without_runtime(&generated), without_runtime(&ours));
    assert!(generated.iter().any(|l| l.starts_with("junction-runtime = { path = ")), "{generated:?}");
    assert!(ours.iter().any(|l| l.starts_with("junction-runtime = { path = \"junction-api/runtime\"")), "{ours:?}");
}

#[test]
fn seed_slice_golden_stays_exact() {
    assert_generated_golden(SEED_SPEC, "tests/golden/refresh_user.rs");
}

#[test]
fn lowering_golden_matches_its_generated_source() {
    assert_generated_golden(LOWERING_SPEC, "tests/golden/lowering.rs");
}

#[test]
fn vendors_golden_matches_its_generated_source_and_reports_what_it_cannot_carry_or_guessed() {
    assert_generated_golden(VENDORS_SPEC, "tests/golden/vendors.rs");
    let diagnostics = Generator::new().generate(VENDORS_SPEC).unwrap().diagnostics;
    let pointers: Vec<&str> = diagnostics.iter().map(|d| d.pointer.as_str()).collect();
    // The keyword it cannot carry, and the path parameter the spec forgot to declare (the JavaScript
    // renderings of i64::MIN/MAX in `Counter` are exact 64-bit limits: no diagnostic).
    assert_eq!(
        pointers,
        ["#/components/schemas/Owner/properties/tree/maxDepth", "#/paths/~1owners~1{id}~1photos~1{photoId}/put"]
    );
    let kinds: Vec<_> = diagnostics.iter().map(|d| d.kind).collect();
    assert_eq!(kinds, [DiagnosticKind::IgnoredKeyword, DiagnosticKind::UndeclaredPathParameter]);
    // Still a warning: `--deny-warnings` refuses the spec.
    let denied = Generator::new().with_deny_warnings(true).generate(VENDORS_SPEC).unwrap_err();
    assert!(matches!(denied, junction_codegen::Error::WarningsDenied { .. }), "{denied}");
}

#[test]
fn the_crate_compiles_exactly_the_golden_source() {
    // build.rs wrote this file; the crate `include!`s it.
    let built = include_str!(concat!(env!("OUT_DIR"), "/junction_api.rs"));
    assert_golden("tests/golden/junction_api.rs", built);
}

#[test]
fn the_embedded_spec_generates_every_operation_with_no_diagnostics() {
    // With the overlay, as build.rs generates it: every overlay action matched something.
    let generated = embedded().generate(SPEC).unwrap();
    assert_eq!(generated.diagnostics, []);
    // 207 operations, of which 2 are `x-fern-ignore`d.
    assert_eq!(generated.operations, 205);
}

#[test]
fn the_seed_slice_and_lowering_fixture_produce_no_diagnostics() {
    for spec in [SEED_SPEC, LOWERING_SPEC] {
        assert_eq!(Generator::new().generate(spec).unwrap().diagnostics, []);
    }
    assert_eq!(Generator::new().generate(SEED_SPEC).unwrap().types, 3);
}

#[test]
fn generating_twice_gives_byte_identical_output() {
    let fixture = include_str!("fixtures/refresh-user-0.4.483.yaml");
    for spec in [SPEC, SEED_SPEC, fixture, LOWERING_SPEC, VENDORS_SPEC] {
        let first = Generator::new().generate(spec).unwrap().code;
        let second = Generator::new().generate(spec).unwrap().code;
        assert_eq!(first, second);
    }
}

#[test]
fn goldens_start_with_the_generated_header() {
    // The spec's title and version, not the generator's: a release of the generator rewrites no golden.
    assert!(SEED_GOLDEN
        .starts_with("// @generated by junction-codegen from \"Junction API\" version 0.4.483 (OpenAPI 3.1.0).\n"));
    assert!(GOLDEN
        .starts_with("// @generated by junction-codegen from \"Junction API\" version 0.4.687 (OpenAPI 3.1.0).\n"));
}

/// The build without the generator (build.rs in crates that depend on junction-api), compiled here as
/// a module so that it can be tested against the generator it stands in for.
#[allow(dead_code)] // `copy_into_out_dir` is what build.rs calls; the tests call the rest.
#[path = "../junction-api/pregenerated.rs"]
mod pregenerated;

#[test]
fn the_build_without_the_generator_computes_the_fingerprint_the_generator_records() {
    use junction_codegen::build_script::{input_fingerprint, FINGERPRINT_LINE};
    assert_eq!(pregenerated::FINGERPRINT_LINE, FINGERPRINT_LINE);
    let cases: [(&str, &[&str]); 5] = [(SPEC, &[OVERLAY]), (SPEC, &[]), ("", &[]), ("ab", &[]), ("a", &["b"])];
    let mut seen = Vec::new();
    for (spec, overlays) in cases {
        let bytes: Vec<&[u8]> = overlays.iter().map(|overlay| overlay.as_bytes()).collect();
        let fingerprint = input_fingerprint(spec, overlays);
        assert_eq!(pregenerated::input_fingerprint(spec.as_bytes(), &bytes), fingerprint, "{overlays:?}");
        seen.push(fingerprint);
    }
    seen.sort_unstable();
    seen.dedup();
    assert_eq!(seen.len(), cases.len(), "an overlay's boundary is part of the fingerprint");
    // The golden that build.rs copies records the embedded inputs' fingerprint on its third line.
    let recorded = format!("{FINGERPRINT_LINE}{:016x}", input_fingerprint(SPEC, &[OVERLAY]));
    assert_eq!(GOLDEN.lines().nth(2), Some(recorded.as_str()));
}

#[test]
fn the_build_without_the_generator_refuses_code_made_from_other_inputs_and_says_what_to_run() {
    let dir = std::env::temp_dir().join(format!("junction-pregenerated-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let spec = dir.join("openapi.yaml");
    std::fs::write(&spec, SPEC.replacen("0.4.687", "0.4.688", 1)).unwrap();
    let overlay = concat!(env!("CARGO_MANIFEST_DIR"), "/spec/overlay.yaml");
    let golden = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/junction_api.rs");
    let error = pregenerated::copy_into_out_dir(spec.to_str().unwrap(), &[overlay], golden, "unused.rs")
        .expect_err("an edited spec no longer matches the golden");
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(error.contains("was not generated from this"), "{error}");
    assert!(error.contains("RUSTFLAGS=\"--cfg junction_generator\""), "{error}");
    assert!(error.contains("generate --group-features -o"), "{error}");
}

/// What keeps the whole API cheap to depend on (BENCHMARKS.md, "Compile cost of issue 17"): no
/// operation is an `async fn` of its own (the runtime's `send_request` is the one async path), and every
/// function through which an operation is sent or decoded is `#[inline]`, so that it is compiled in the
/// crate that calls it, not here.
#[test]
fn operations_are_compiled_where_they_are_called_and_share_one_async_path() {
    let lines: Vec<&str> = GOLDEN.lines().map(str::trim).collect();
    // Doc examples wrap their calls in `async fn example()`; the code itself has none.
    let async_code = lines.iter().filter(|line| !line.starts_with("///") && line.contains("async ")).count();
    assert_eq!(async_code, 0, "a generated function is async again");
    let entry_points = [
        "pub fn send(",
        "pub fn send_accepting(",
        "fn request(",
        "fn decode(",
        "fn decode_error(",
        "fn into_future(self) -> Self::IntoFuture {",
        "fn send_page(self) -> Self::Future {",
        "fn advance(&mut self, page: &Self::Page) -> crate::runtime::__private::Advance {",
        "fn items(page: Self::Page) -> ::std::vec::Vec<Self::Item> {",
        "pub fn pages(self) -> crate::runtime::Pages<Self> {",
        "pub fn items(self) -> crate::runtime::Items<Self> {",
        "pub fn from_slice(",
    ];
    let mut counts = [0usize; 12];
    for (index, line) in lines.iter().enumerate().skip(1) {
        if let Some(kind) = entry_points.iter().position(|entry| line.starts_with(entry)) {
            assert_eq!(lines[index - 1], "#[inline]", "line {}: `{line}` is not #[inline]", index + 1);
            counts[kind] += 1;
        }
    }
    // Per operation (205), per paged operation (62) and once for the webhook parser.
    assert_eq!(counts[0], 205, "send");
    assert_eq!((counts[2], counts[3], counts[5]), (205, 205, 205), "request, decode, into_future");
    assert_eq!((counts[6], counts[7], counts[9]), (62, 62, 62), "send_page, advance, pages");
    assert_eq!(counts[11], 1, "Event::from_slice");
}
