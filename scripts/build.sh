#!/usr/bin/env bash
# Builds the release packages into pkg/: web (the default, ES module + init()), bundler and node.
# Usage: scripts/build.sh [web|bundler|node]...   (all three when none is named)
#
# web also holds each page's own entry (API.md, "Entries"): element.js, the loader a page embeds;
# checkout.js and order.js, each with its own wasm built with only that page's feature, bundled
# by scripts/entries.mjs under content-hashed names.
#
# wasm-pack's own wasm-opt step is off (Cargo.toml) because it downloads binaryen; the npm
# binaryen runs instead, with the wasm features wasm-bindgen's output uses. Debian's older
# wasm-opt must not be used: it corrupts wasm-bindgen's tables and init() fails.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(web bundler node)

WASM_FEATURES=(--enable-reference-types --enable-bulk-memory --enable-nontrapping-float-to-int
  --enable-sign-ext --enable-multivalue --enable-mutable-globals)

# wasm-pack, then wasm-opt: `wasm_build TARGET OUT CARGO-FLAGS...`.
wasm_build() {
  local wb_target=$1 out=$2
  shift 2
  rm -rf "$out"
  wasm-pack --quiet build --release --no-pack --target "$wb_target" --out-dir "$out" -- "$@"
  # --converge repeats -Oz while it still gains; the producers and target-features sections are
  # metadata for tools, not for browsers.
  wasm-opt --strip-producers --strip-target-features -Oz --converge "${WASM_FEATURES[@]}" \
    "$out/instalment_guard_bg.wasm" -o "$out/instalment_guard_bg.wasm"
}

build() {
  # IG_FEATURES (default "bundle", the package's small runtime) lets a measurement build the
  # same package on another runtime or with another decoder: bench/serde-wasm-bindgen.mjs does.
  local features=${IG_FEATURES-bundle}
  local target=$1 out=pkg/$1 flags=(--features "$features")
  # The Node build holds the pure functions only (features "api", not "dom"): Node has no
  # document for a guard to watch. Its JS snippet (js/codec.js) is built in as in the others.
  [ "$target" = node ] && flags=(--no-default-features --features "$features,api")
  local wb_target=$target
  [ "$target" = node ] && wb_target=nodejs
  wasm_build "$wb_target" "$out" "${flags[@]}"
  # Each build says for itself whether its .js files are ES modules or CommonJS. The Node build's
  # glue is CommonJS but its JS snippets are ES modules, which Node 20.19+ loads with require().
  if [ "$target" = node ]; then
    echo '{ "type": "commonjs" }' > "$out/package.json"
    for d in "$out"/snippets/*/; do echo '{ "type": "module" }' > "$d/package.json"; done
  else
    echo '{ "type": "module" }' > "$out/package.json"
  fi
  rm -f "$out/.gitignore"
  if [ "$target" != node ]; then
    # A freed guard's methods become harmless (js/lifetime.js says why), in whichever module
    # defines the class: the glue itself for web, its _bg module for bundler.
    local glue
    glue=$(grep -l '^export class CheckoutGuard' "$out"/*.js)
    cat js/lifetime.js >> "$glue"
  fi
  # wasm-bindgen declares Symbol.dispose on classes; this brings its lib into any consumer's
  # compilation, so a project on lib ES2022 type-checks without skipLibCheck.
  sed -i '1i /// <reference lib="esnext.disposable" />' "$out/instalment_guard.d.ts"
  # Pages download the JS as well as the wasm: minify it. Export names and the glue's import
  # keys survive (terser renames neither exports nor properties); the .d.ts files are untouched.
  local module=--module
  [ "$target" = node ] && module=
  find "$out" -name '*.js' -print0 | while IFS= read -r -d '' f; do
    terser "$f" $module --ecma 2020 --compress passes=2 --mangle --output "$f"
  done
  if [ "$target" = web ]; then
    # Each page's own wasm: only its element's feature, none of the pure functions.
    for page in checkout order; do
      wasm_build web "target/entries/$page" --no-default-features --features "$features,$page"
    done
    cat js/lifetime.js >> target/entries/checkout/instalment_guard.js
    node scripts/entries.mjs web
  fi
  [ "$target" = node ] && node scripts/entries.mjs node
  echo "built $out: $(wc -c < "$out/instalment_guard_bg.wasm") bytes of wasm"
}

for t in "${targets[@]}"; do
  case "$t" in
    web|bundler|node) build "$t" ;;
    *) echo "unknown target: $t (web, bundler or node)" >&2; exit 2 ;;
  esac
done
