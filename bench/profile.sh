#!/usr/bin/env bash
# A CPU profile of compare() by Rust function name. Builds the Node flavour of the crate with its
# names kept, into a temporary folder (pkg/ and target/ are left alone), then profiles it.
# Takes a minute or two: the dependencies compile afresh in the temporary target folder.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
CARGO_TARGET_DIR="$work/target" CARGO_PROFILE_RELEASE_STRIP=false \
  cargo build --quiet --release --target wasm32-unknown-unknown --no-default-features --features bundle
wasm-bindgen --target nodejs --keep-debug --out-dir "$work/pkg" \
  "$work/target/wasm32-unknown-unknown/release/instalment_guard.wasm"
node --cpu-prof --cpu-prof-dir="$work/prof" --cpu-prof-interval 50 bench/profile.js run "$work/pkg/instalment_guard.js"
node bench/profile.js tree "$work/prof"
