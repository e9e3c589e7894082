#!/usr/bin/env bash
# Peers benchmark (not part of CI; see BENCHMARKS.md). Installs OpenAPI Generator (from PyPI, which
# bundles its jar and runs on the machine's Java 17) and cargo-progenitor (from crates.io) into $WORK,
# then, in one run and on the same specs, times each generator beside junction-codegen and measures
# the generated code: lines, and `cargo check` of the generated crate alone (its dependencies built
# first). A failure is recorded with its message, never skipped.
#
#   bash scripts/bench-peers.sh            # WORK=/tmp/junction-peers RUNS=3
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
WORK=${WORK:-/tmp/junction-peers}
RUNS=${RUNS:-3}
OPENAPI_GENERATOR_VERSION=7.26.0
PROGENITOR_VERSION=0.15.1
mkdir -p "$WORK"
REPORT="$WORK/report.md"
: > "$REPORT"
say() { echo "$*" | tee -a "$REPORT"; }

echo "== installing peers into $WORK"
if [ ! -x "$WORK/venv/bin/openapi-generator-cli" ]; then
    python3 -m venv "$WORK/venv"
    "$WORK/venv/bin/pip" install --quiet "openapi-generator-cli==$OPENAPI_GENERATOR_VERSION"
fi
if [ ! -x "$WORK/cargo/bin/cargo-progenitor" ]; then
    cargo install --quiet --locked --root "$WORK/cargo" cargo-progenitor --version "$PROGENITOR_VERSION" \
        || cargo install --quiet --root "$WORK/cargo" cargo-progenitor
fi
cargo build --quiet --release --locked -p junction-codegen
OURS="$ROOT/target/release/junction-codegen"
OAG="$WORK/venv/bin/openapi-generator-cli"
PROGENITOR="$WORK/cargo/bin/cargo-progenitor"

# Best wall time of $RUNS runs of a command, in seconds; "FAILED (exit N): first lines" when it fails.
best_of() {
    local out="$1"; shift
    local best="" status=0
    for _ in $(seq "$RUNS"); do
        rm -rf "$out"
        local start end
        start=$(date +%s.%N)
        "$@" > "$WORK/last.log" 2>&1
        status=$?
        end=$(date +%s.%N)
        if [ "$status" -ne 0 ]; then
            # The first lines that say something (no blank lines, backtrace frames or their locations).
            echo "FAILED (exit $status): $(grep -vE '^\s*$|^\s+[0-9]+:|^\s+at |^Stack backtrace' "$WORK/last.log" | head -2 | tr '\n' ' ' | cut -c1-300)"
            return
        fi
        best=$(python3 -c "t=$end-$start; b='$best'; print(f'{min(t, float(b)) if b else t:.3f}')")
    done
    echo "$best"
}

# Lines of Rust in a generated tree.
rust_lines() { find "$1" -name '*.rs' -print0 2>/dev/null | xargs -0 cat 2>/dev/null | wc -l; }

# `cargo check` seconds of a generated crate alone: its dependencies are built first, then the crate's
# own sources are touched and checked again, without incremental compilation (whose cache would
# otherwise answer for the unchanged sources: that measured 5.6 s for a crate that checks in 13 s).
# Prints seconds, or FAILED with the error count and the first error.
check_crate() {
    local dir="$1"
    export CARGO_INCREMENTAL=0
    (cd "$dir" && CARGO_TARGET_DIR="$WORK/check-target" cargo check --quiet > "$WORK/check.log" 2>&1)
    local status=$?
    if [ "$status" -ne 0 ]; then
        echo "FAILED: $(grep -c '^error' "$WORK/check.log") errors, first: $(grep -m1 '^error' "$WORK/check.log" | cut -c1-160)"
        return
    fi
    find "$dir/src" -name '*.rs' -exec touch {} +
    local start end
    start=$(date +%s.%N)
    (cd "$dir" && CARGO_TARGET_DIR="$WORK/check-target" cargo check --quiet > /dev/null 2>&1)
    end=$(date +%s.%N)
    python3 -c "print(f'{$end-$start:.2f}')"
}

say "# Peers, $(date -u +%Y-%m-%d), $(nproc) cores, $(uname -m); best of $RUNS runs"
say ""
say "openapi-generator-cli $OPENAPI_GENERATOR_VERSION (generator rust, library reqwest) on $(java -version 2>&1 | head -1);"
say "$("$PROGENITOR" --version 2>/dev/null || echo cargo-progenitor "$PROGENITOR_VERSION")"
say ""
say "| spec (operations) | tool | generate (s) | Rust lines | cargo check of the crate (s) |"
say "|---|---|---|---|---|"

for spec in spec/openapi.yaml tests/fixtures/openapi-3.0-0.1.188.json; do
    operations=$(python3 -c "
import json, sys
text = open('$spec').read()
try:
    doc = json.loads(text)
except ValueError:
    import re
    # YAML: count the HTTP-method keys at path-item depth (4 spaces) under 'paths:', up to the next
    # top-level key (webhooks have methods too).
    paths = re.split(r'\n(?=\S)', text.split('\npaths:\n', 1)[1], maxsplit=1)[0]
    print(len(re.findall(r'^    (get|put|post|delete|patch|head|options|trace):', paths, re.M))); sys.exit()
print(sum(1 for item in doc['paths'].values() for m in item if m in ('get','put','post','delete','patch','head','options','trace')))")
    name="$(basename "$spec") ($operations)"
    out="$WORK/ours-$(basename "$spec")"
    # The runtime crate is not published yet: the generated crate depends on this repository's.
    t=$(best_of "$out" "$OURS" generate "$spec" --crate "$out" --name ours-client --runtime-path "$ROOT/junction-api/runtime")
    say "| $name | junction-codegen | $t | $(rust_lines "$out/src") generated, $(rust_lines "$ROOT/junction-api/runtime") runtime | $(check_crate "$out") |"

    out="$WORK/oag-$(basename "$spec")"
    t=$(best_of "$out" "$OAG" generate -g rust --library reqwest -i "$spec" -o "$out" \
        --additional-properties=packageName=oag_client --skip-validate-spec)
    if [[ "$t" == FAILED* ]]; then
        say "| $name | OpenAPI Generator | $t | | |"
    else
        say "| $name | OpenAPI Generator | $t | $(rust_lines "$out/src") | $(check_crate "$out") |"
    fi

    out="$WORK/progenitor-$(basename "$spec")"
    t=$(best_of "$out" "$PROGENITOR" progenitor -i "$spec" -o "$out" -n progenitor-client -v 0.1.0)
    if [[ "$t" == FAILED* ]]; then
        say "| $name | progenitor | $t | | |"
    else
        say "| $name | progenitor | $t | $(rust_lines "$out/src") | $(check_crate "$out") |"
    fi
done
say ""
say "Report: $REPORT"
