//! The README's claims that no doctest compiles: the counts in its pitch, the features in its table, the
//! files it links to, and its length (a front door, not the guide). Its code blocks are doctests
//! (`ReadmeDoctests` in junction-api/lib.rs); its MSRV line is checked by tests/msrv.rs.

const README: &str = include_str!("../README.md");
const MANIFEST: &str = include_str!("../Cargo.toml");
const SPEC: &str = include_str!("../spec/openapi.yaml");
const OVERLAY: &str = include_str!("../spec/overlay.yaml");

#[test]
fn the_counts_in_the_pitch_are_the_generated_apis() {
    let generator = junction_codegen::Generator::new().with_named_overlay("spec/overlay.yaml", OVERLAY);
    let (api, _) = generator.ir(SPEC).unwrap();
    let pitch = README.split("\n## ").next().unwrap().replace('\n', " ");
    let thousands = |n: usize| match n {
        1_000.. => format!("{},{:03}", n / 1000, n % 1000),
        _ => n.to_string(),
    };
    let claim = format!(
        "({} operations, {} types, {} webhook events)",
        api.operations().count(),
        thousands(api.types.len()),
        api.events.len()
    );
    assert!(pitch.contains(&claim), "the README's pitch should say {claim}");
}

#[test]
fn every_feature_in_the_table_is_one_of_the_crates() {
    let table = README.split("| feature | default | what it gives |").nth(1).unwrap().split("\n\n").next().unwrap();
    let features = MANIFEST.split("[features]").nth(1).unwrap().split("\n[").next().unwrap();
    let declared = |name: &str| features.lines().any(|line| line.starts_with(&format!("{name} = ")));
    let mut named = 0;
    for row in table.lines().filter(|row| row.starts_with("| ")) {
        let first = row.split('|').nth(1).unwrap();
        for name in first.split('`').skip(1).step_by(2) {
            assert!(declared(name), "the README's feature table names `{name}`, which Cargo.toml does not declare");
            named += 1;
        }
    }
    assert!(named >= 8, "the table names {named} features");
}

#[test]
fn every_local_link_leads_to_a_file() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let links: Vec<&str> = README.split("](").skip(1).filter_map(|rest| rest.split(')').next()).collect();
    assert!(links.len() >= 10, "{links:?}");
    for link in links.into_iter().filter(|link| !link.starts_with("http")) {
        assert!(root.join(link).is_file(), "the README links to {link}, which is not a file");
    }
}

#[test]
fn the_readme_is_a_front_door() {
    let lines = README.lines().count();
    assert!(lines <= 200, "README.md has {lines} lines; the guide lives in junction-api/guide/");
    // It starts with the install lines and the first call.
    let headings: Vec<&str> = README.lines().filter(|line| line.starts_with("## ")).collect();
    assert_eq!(&headings[..2], ["## Install", "## The first call"]);
}
