#!/usr/bin/env bash
# Downstream compile cost (not part of CI; see BENCHMARKS.md): cold `cargo build` of a tiny binary that
# calls only `client.user().refresh(id)`, depending on (1) junction-api with every group, (2) junction-api
# with only the `user` group, (3) a crate generated from the refresh slice alone, and (4) a webhook
# verifier on the types-only build (`features = ["webhooks"]`, no client). Each build uses a fresh
# target directory and this repository's Cargo.lock, offline (crates from the local cache).
#
#   bash scripts/bench-compile.sh        # WORK=/tmp/junction-compile
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
WORK=${WORK:-/tmp/junction-compile}
rm -rf "$WORK"
mkdir -p "$WORK"
cargo run --quiet --release --locked -p junction-codegen -- \
    generate tests/fixtures/refresh-user.yaml --crate "$WORK/refresh-only" --name junction-refresh-only \
    --runtime-path "$ROOT/junction-api/runtime"

# A binary named $1 that depends on `$2` (a dependency line) and calls refresh through crate $3.
tiny() {
    mkdir -p "$WORK/$1/src"
    cat > "$WORK/$1/Cargo.toml" <<EOF
[package]
name = "$1"
version = "0.1.0"
edition = "2021"

[workspace]

[dependencies]
$2
tokio = { version = "1", features = ["macros", "rt"] }
uuid = "1"
EOF
    cat > "$WORK/$1/src/main.rs" <<EOF
//! Uses only \`client.user().refresh\`.
#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = $3::Client::builder().api_key("sk_test").base_url("http://127.0.0.1:9").build()?;
    match client.user().refresh(uuid::Uuid::nil()).timeout(5.0).await {
        Ok(refreshed) => println!("{:?}", refreshed.refreshed_sources),
        Err(error) => println!("{error}"),
    }
    Ok(())
}
EOF
    cp "$ROOT/Cargo.lock" "$WORK/$1/"
}

tiny uses-every-group "junction-api = { path = \"$ROOT\" }" junction_api
tiny uses-user-group "junction-api = { path = \"$ROOT\", default-features = false, features = [\"user\", \"rustls-tls\"] }" junction_api
tiny uses-refresh-slice "junction-refresh-only = { path = \"../refresh-only\" }" junction_refresh_only

# (4) A webhook receiver that never calls the API: the types-only build (no reqwest, tokio or rustls).
mkdir -p "$WORK/verifies-webhooks/src"
cat > "$WORK/verifies-webhooks/Cargo.toml" <<EOF
[package]
name = "verifies-webhooks"
version = "0.1.0"
edition = "2021"

[workspace]

[dependencies]
junction-api = { path = "$ROOT", default-features = false, features = ["webhooks"] }
http = "1"
EOF
cat > "$WORK/verifies-webhooks/src/main.rs" <<'EOF'
//! Verifies one (unsigned, so refused) delivery with `webhooks::Webhook`.
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let webhook = junction_api::webhooks::Webhook::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")?;
    match webhook.verify(b"{}", &http::HeaderMap::new()) {
        Ok(event) => println!("{event:?}"),
        Err(error) => println!("{error}"),
    }
    Ok(())
}
EOF
cp "$ROOT/Cargo.lock" "$WORK/verifies-webhooks/"

echo "# Cold cargo build, $(date -u +%Y-%m-%d), $(nproc) cores"
for crate in uses-every-group uses-user-group uses-refresh-slice verifies-webhooks; do
    start=$(date +%s.%N)
    (cd "$WORK/$crate" && cargo build --quiet --offline ${TIMINGS:+--timings})
    end=$(date +%s.%N)
    python3 -c "print(f'{\"$crate\":<20} {$end-$start:6.1f} s')"
done
