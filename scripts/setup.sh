#!/usr/bin/env bash
# Installs everything a fresh machine lacks, and does nothing (in about a second) when all of it
# is there.
#
#   bash scripts/setup.sh        everything `npm test` needs (also `all` or `test`): the wasm
#                                target, wasm-pack, the wasm-bindgen CLI matching the pinned
#                                crate, Chromium and chromedriver, Firefox and geckodriver, nightly
#                                Rust and cargo-fuzz, CJK fonts for the screenshots, and the node
#                                packages.
#   bash scripts/setup.sh demo   only what `npm start` needs to build and serve the demo: the wasm
#                                target, wasm-pack, the wasm-bindgen CLI and the node packages.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

log() { printf '[setup] %s\n' "$*" >&2; }

# The CLI must be exactly the version Cargo.toml pins, or wasm-bindgen refuses the module.
WB_VERSION=$(sed -n 's/^wasm-bindgen = { version = "=\([0-9.]*\)".*/\1/p' Cargo.toml)
[ -n "$WB_VERSION" ] || { log "cannot read the pinned wasm-bindgen version from Cargo.toml"; exit 1; }

MODE=${1:-all}
case "$MODE" in
  all | test) FULL=1 ;;
  demo) FULL= ;;
  *) log "unknown mode \"$MODE\": use demo, test or all (the default)"; exit 2 ;;
esac

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# --- Debian packages (network-bound: started first, in the background) ------------------------
apt_pkgs=()
# The demo needs none of these: it opens in your own browser and takes no screenshots.
if [ -n "$FULL" ]; then
  [ -x /usr/bin/chromium ] || apt_pkgs+=(chromium)
  [ -x /usr/bin/chromedriver ] || apt_pkgs+=(chromium-driver)
  command -v firefox >/dev/null 2>&1 || command -v firefox-esr >/dev/null 2>&1 || apt_pkgs+=(firefox-esr)
  # Chinese text in the screenshots needs a CJK font; Debian's fonts-noto-cjk provides it.
  fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || apt_pkgs+=(fonts-noto-cjk)
fi
apt_pid=
if [ ${#apt_pkgs[@]} -gt 0 ]; then
  log "installing ${apt_pkgs[*]} (Debian)"
  (sudo_if_needed apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y -qq "${apt_pkgs[@]}") \
    > /tmp/instalment-guard-apt.log 2>&1 &
  apt_pid=$!
fi

# --- npm packages (also network-bound) ----------------------------------------------------------
npm_pid=
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "installing node packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error > /tmp/instalment-guard-npm.log 2>&1 &
  npm_pid=$!
fi

# --- Rust tools (CPU-bound: one after another) ---------------------------------------------------
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
if ! command -v wasm-pack >/dev/null 2>&1; then
  # From crates.io: npm's wasm-pack downloads a prebuilt binary, which this network refuses.
  log "installing wasm-pack (about 3 minutes)"
  cargo install wasm-pack --locked --quiet
fi
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WB_VERSION" ]; then
  # Without --locked: one of the CLI's locked dependencies is not on the registry.
  log "installing wasm-bindgen-cli $WB_VERSION (about 3 minutes)"
  cargo install wasm-bindgen-cli --version "$WB_VERSION" --force --quiet
fi
# Firefox's driver and the fuzzer's toolchain are for the tests only.
if [ -n "$FULL" ]; then
  if ! command -v geckodriver >/dev/null 2>&1; then
    log "installing geckodriver (about 2.5 minutes)"
    cargo install geckodriver --locked --quiet
  fi
  # The fuzz targets (scripts/fuzz.sh): cargo-fuzz drives libFuzzer, whose instrumentation needs
  # nightly rustc. The minimal profile is enough; the crate itself still builds on stable.
  if ! rustup toolchain list | grep -q '^nightly-'; then
    log "installing the nightly toolchain for cargo-fuzz"
    rustup toolchain install nightly --profile minimal
  fi
  if ! command -v cargo-fuzz >/dev/null 2>&1; then
    log "installing cargo-fuzz (about 2 minutes)"
    cargo install cargo-fuzz --locked --quiet
  fi
fi

wait_for() {
  local pid=$1 what=$2 logfile=$3
  [ -n "$pid" ] || return 0
  if ! wait "$pid"; then
    log "$what failed; its log:"
    cat "$logfile" >&2
    exit 1
  fi
}
wait_for "$apt_pid" "apt-get install" /tmp/instalment-guard-apt.log
wait_for "$npm_pid" "npm ci" /tmp/instalment-guard-npm.log
log "ready ($MODE)"
