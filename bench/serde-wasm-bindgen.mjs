// serde-wasm-bindgen against our own argument codec, side by side: the same sources built twice
// in scratch copies, once as they are (arguments cross as one tape of numbers, js/codec.js) and
// once with `bindings::convert::value` reading them through `serde_wasm_bindgen::from_value`
// into the engine's `Value` (which implements serde's Deserialize). Both on Rust's standard
// runtime, since serde-wasm-bindgen links std and the `bundle` runtime is no_std. Prints the web
// package's weight (every .wasm/.js/.css, each gzip -9, summed) and compare() throughput in Node,
// for the same plans array (decoded once and memoised) and for a fresh copy every call.
//
//   node bench/serde-wasm-bindgen.mjs        (about 5 minutes: four release builds)
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { PLANS } from './plans.js';
import { batches } from './timing.js';

const repo = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);

function copySources(dir) {
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: repo, encoding: 'utf8' })
    .split('\0')
    .filter((f) => f && (/^(Cargo\.(toml|lock)|src\/|js\/|scripts\/)/.test(f)));
  for (const f of files) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    cpSync(join(repo, f), join(dir, f));
  }
}

/** Rewrites the copy so that every argument is read by serde-wasm-bindgen. */
function useSerdeWasmBindgen(dir) {
  const cargo = join(dir, 'Cargo.toml');
  writeFileSync(cargo, `${readFileSync(cargo, 'utf8')}\n[dependencies.serde-wasm-bindgen]\nversion = "0.6"\n`);
  const convert = join(dir, 'src/bindings/convert.rs');
  const before = readFileSync(convert, 'utf8');
  const body = '    read(tape(js).as_deref(), field)\n}';
  if (!before.includes(body)) throw new Error('convert.rs changed: update bench/serde-wasm-bindgen.mjs');
  writeFileSync(convert, before.replace(body, `    serde_wasm_bindgen::from_value(js.clone()).map_err(|_| {
        Error::new(Code::InvalidArgument, field, &["could not be read as plain data"])
    })
}`));
}

function build(dir) {
  execFileSync('bash', ['scripts/build.sh', 'web', 'node'], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      IG_FEATURES: '',
      PATH: `${join(repo, 'node_modules/.bin')}:${process.env.PATH}`,
      // One target directory for both copies: the dependencies they share compile once.
      CARGO_TARGET_DIR: join(repo, 'target', 'serde-wasm-bindgen'),
    },
  });
  // The Node build requires its snippets as ES modules from CommonJS: Node finds them by path.
  return { web: weigh(join(dir, 'pkg/web')), ours: require(join(dir, 'pkg/node/instalment_guard.js')) };
}

function weigh(dir) {
  let total = 0;
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(wasm|js|css)$/.test(name)) total += gzipSync(readFileSync(p), { level: 9 }).length;
    }
  };
  walk(dir);
  return total;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function perCall(sides, fn) {
  const out = Object.fromEntries(sides.map((s) => [s.name, []]));
  for (let round = 0; round < 10; round++) {
    for (const s of sides) out[s.name].push(...batches((i) => fn(s.ours, i), { warmMs: round ? 20 : 300, batchMs: 25, count: 3 }).perCallUs);
  }
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, median(v)]));
}

const scratch = mkdtempSync(join(tmpdir(), 'ig-swb-'));
try {
  const sides = [];
  for (const name of ['codec (ours)', 'serde-wasm-bindgen']) {
    const dir = join(scratch, name.startsWith('codec') ? 'codec' : 'swb');
    copySources(dir);
    if (!name.startsWith('codec')) useSerdeWasmBindgen(dir);
    console.error(`building ${name} …`);
    sides.push({ name, ...build(dir) });
  }
  for (const s of sides) {
    const e = s.ours.estimate(111111, 'CNY', PLANS[2]);
    if (e.totalFeeMinor !== 8333) throw new Error(`${s.name}: wrong estimate`);
  }
  const same = perCall(sides, (ours) => ours.compare(111111, 'CNY', PLANS));
  const fresh = perCall(sides, (ours) => ours.compare(111111, 'CNY', structuredClone(PLANS)));
  console.log('| decoder (std runtime) | web package, gzip -9 | compare() of 12 plans, same array | compare(), a fresh array each call |');
  console.log('| --- | --- | --- | --- |');
  for (const s of sides) {
    console.log(`| ${s.name} | ${s.web.toLocaleString('en')} B | ${same[s.name].toFixed(1)} µs | ${fresh[s.name].toFixed(1)} µs |`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
