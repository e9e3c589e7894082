//! The build without the generator (see build.rs): checks that the pregenerated code was made from the
//! spec and overlays this package has, and copies it into `OUT_DIR`. Standard library only, so that a
//! crate depending on junction-api compiles no generator.

use std::path::Path;

/// The line of the generated header that carries the inputs' fingerprint (junction-codegen's
/// `build_script::FINGERPRINT_LINE`; the golden test holds the two equal).
pub const FINGERPRINT_LINE: &str = "// Input fingerprint (FNV-1a 64 of the spec and its overlays): ";

/// junction-codegen's `build_script::input_fingerprint`, which this copy must equal (tests/golden.rs
/// checks it): FNV-1a 64 over the spec, then `0xff` and each overlay.
pub fn input_fingerprint(spec: &[u8], overlays: &[&[u8]]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for &byte in bytes {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    };
    eat(spec);
    for overlay in overlays {
        eat(&[0xff]);
        eat(overlay);
    }
    hash
}

/// Copies `generated` to `$OUT_DIR/out_file` (only when the text differs) if its header records the
/// fingerprint of `spec` and those of `overlays` that exist; otherwise explains what to run.
pub fn copy_into_out_dir(spec: &str, overlays: &[&str], generated: &str, out_file: &str) -> Result<(), String> {
    let (present, missing): (Vec<&str>, Vec<&str>) = overlays.iter().partition(|path| Path::new(path).exists());
    for input in [spec, generated].iter().chain(&present) {
        println!("cargo:rerun-if-changed={input}");
    }
    // A missing overlay: its directory, so that creating it reruns the build (watching a path that does
    // not exist would rerun it every time).
    for overlay in missing.iter().map(Path::new) {
        let directory = overlay.parent().filter(|parent| !parent.as_os_str().is_empty()).unwrap_or(Path::new("."));
        println!("cargo:rerun-if-changed={}", directory.display());
    }
    let read = |path: &str| std::fs::read(path).map_err(|error| format!("cannot read {path}: {error}"));
    let spec_bytes = read(spec)?;
    let overlay_bytes = present.iter().map(|path| read(path)).collect::<Result<Vec<_>, _>>()?;
    let overlay_slices: Vec<&[u8]> = overlay_bytes.iter().map(Vec::as_slice).collect();
    let expected = format!("{:016x}", input_fingerprint(&spec_bytes, &overlay_slices));
    let code = String::from_utf8(read(generated)?).map_err(|_| format!("{generated} is not UTF-8"))?;
    let recorded = code.lines().take(5).find_map(|line| line.strip_prefix(FINGERPRINT_LINE));
    if recorded != Some(expected.as_str()) {
        return Err(format!(
            "{generated} was not generated from this {spec} (and {overlays}): its input fingerprint is {recorded}, these \
             inputs' is {expected}. This build has no generator: junction-codegen is a build-dependency only with \
             `--cfg junction_generator`, which this repository's .cargo/config.toml sets (a RUSTFLAGS variable \
             replaces it). Build with RUSTFLAGS=\"--cfg junction_generator\" to regenerate, or regenerate {generated} \
             with junction-codegen: `cargo run -p junction-codegen -- generate --group-features -o {generated}` in \
             this repository, `junction-codegen generate {spec} --overlay OVERLAY --group-features -o {generated}` \
             elsewhere.",
            overlays = overlays.join(", "),
            recorded = recorded.unwrap_or("missing"),
        ));
    }
    let out_dir = std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set; call this from a build script")?;
    let out = Path::new(&out_dir).join(out_file);
    if std::fs::read(&out).ok().as_deref() != Some(code.as_bytes()) {
        // Written beside and renamed, so that an interrupted build never leaves half a file.
        let partial = out.with_extension("rs.partial");
        std::fs::write(&partial, &code)
            .and_then(|()| std::fs::rename(&partial, &out))
            .map_err(|error| format!("cannot write {}: {error}", out.display()))?;
    }
    Ok(())
}
