//! Generates the Junction client from `spec/openapi.yaml`, corrected by `spec/overlay.yaml`, into
//! `OUT_DIR` (see junction-api/lib.rs).

fn main() {
    // Each operation group is a cargo feature (all on by default; see Cargo.toml).
    let generator = junction_codegen::Generator::new().with_group_features(true);
    junction_codegen::build_script::generate_into_out_dir(
        &generator,
        "spec/openapi.yaml",
        &["spec/overlay.yaml"],
        "junction_api.rs",
    );
}
