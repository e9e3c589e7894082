//! Generates the Junction client from `spec/openapi.yaml` into `OUT_DIR` (see junction-api/lib.rs).

fn main() {
    let generator = junction_codegen::Generator::new();
    junction_codegen::build_script::generate_into_out_dir(&generator, "spec/openapi.yaml", "junction_api.rs");
}
