#!/usr/bin/env bash
# Every test, in the order that fails fastest: the engine natively (and briefly fuzzed), the
# boundary and DOM layer in real Chrome and Firefox, then the release build itself: its size, the
# Node build, the demo page driven by Playwright, and the npm package installed into a fresh Vite
# project.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

# Each step's time is printed when the next one starts (and the last one's at the end), so a
# slow step shows in any CI log.
started=$SECONDS
last=
step() {
  [ -z "$last" ] || printf '=== %s: %d s\n' "$last" $((SECONDS - step_start))
  last=${1%%:*}
  step_start=$SECONDS
  [ "$1" = done ] || printf '\n=== %s\n' "$*"
}

step "native: cargo test (engine, worked examples, properties, the TypeScript contract)"
cargo test --quiet

step "lint: cargo clippy (native and wasm32)"
cargo clippy --quiet --all-targets -- -D warnings
cargo clippy --quiet --target wasm32-unknown-unknown --features bundle -- -D warnings

step "fuzz: cargo fuzz smoke run"
# Each target for 10 s, from the committed seeds on a fresh clone: a smoke test of the harness
# and the invariants; the real search is a longer `npm run fuzz`.
bash scripts/fuzz.sh --smoke

step "browsers: wasm-pack test in headless Chrome and Firefox"
# The drivers come from Debian and crates.io; named per browser, since wasm-pack would otherwise
# try to download its own (and with both variables set, its test runner takes Firefox's for both).
# Chrome goes through scripts/one-request-proxy.mjs, one connection per request: the test
# runner's server can leave one of Chrome's parallel module requests unread (the page then
# hangs at "Loading scripts..."); the script says why. A page load is capped at 60 s, so a hang
# fails in a minute rather than five.
wbg_dir=$(mktemp -d)
node scripts/one-request-proxy.mjs "$wbg_dir/port" &
proxy_pid=$!
trap 'kill "$proxy_pid" 2>/dev/null || true' EXIT
for _ in $(seq 50); do [ -s "$wbg_dir/port" ] && break; sleep 0.1; done
cat > "$wbg_dir/webdriver.json" <<JSON
{ "timeouts": { "pageLoad": 60000 },
  "goog:chromeOptions": { "args": ["proxy-server=http://127.0.0.1:$(cat "$wbg_dir/port")",
                                   "proxy-bypass-list=<-loopback>"] } }
JSON
WASM_BINDGEN_TEST_WEBDRIVER_JSON="$wbg_dir/webdriver.json" \
  wasm-pack test --headless --chrome --chromedriver /usr/bin/chromedriver
kill "$proxy_pid" 2>/dev/null || true
trap - EXIT
wasm-pack test --headless --firefox --geckodriver "$HOME/.cargo/bin/geckodriver"

step "release build: web, bundler and node"
bash scripts/build.sh

step "size: what each page downloads from the package, gzip, against its ceiling in scripts/size.mjs"
node scripts/size.mjs --check

step "node: the pure functions from the nodejs build, and the bundler build"
node --test tests/node/

step "pages: the built demo and fixtures in Chromium (Playwright) and Firefox ESR (WebDriver), with axe audits and screenshots"
node --test --test-concurrency=1 tests/page/

step "package: npm pack, installed into a fresh Vite project"
node --test tests/package/

step done
printf '\nAll tests passed in %d s.\n' $((SECONDS - started))
