// Where each page's wasm goes: twiggy's top items of a names-kept build of the same code
// (../shared/design/TOOLCHAIN.md, "Profiling the wasm's size"). The release build strips the
// names, so this builds each entry again with them kept, into target/named (pkg/ and the
// release target are left alone), runs wasm-bindgen --keep-debug and wasm-opt -g -Oz with the
// flags of scripts/build.sh, and ranks the items. The debug sections twiggy lists too are not in
// the shipped file, so they are left out of the ranking and of its percentages.
//
//   node bench/twiggy.js [checkout] [order]     prints each entry's top 20
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const root = new URL('..', import.meta.url).pathname;
const env = { ...process.env, PATH: `${join(root, 'node_modules/.bin')}:${join(homedir(), '.cargo/bin')}:${process.env.PATH}` };
// The same as WASM_FEATURES in scripts/build.sh.
const WASM_FEATURES = ['--enable-reference-types', '--enable-bulk-memory', '--enable-nontrapping-float-to-int',
  '--enable-sign-ext', '--enable-multivalue', '--enable-mutable-globals'];

const run = (cmd, args, opts = {}) => execFileSync(cmd, args, { cwd: root, env, encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'pipe'], ...opts });

/** twiggy on the PATH or in ~/.cargo/bin, installed with cargo when it is in neither. */
export function ensureTwiggy() {
  try {
    return { version: run('twiggy', ['--version']).trim(), installed: false };
  } catch {
    run('cargo', ['install', 'twiggy', '--locked', '--quiet'], { timeout: 900_000 });
    return { version: run('twiggy', ['--version']).trim(), installed: true };
  }
}

// The parts of the names-kept file the shipped one does not hold: the debug sections and the
// name section's subsections ("function names", "local names", …).
const isDebug = (name) => /^custom section '(\.debug_|name|producers|target_features|external_debug_info)/.test(name)
  || /^"[\w ]+" (sub)?section$/.test(name) || /^\.debug_/.test(name);

/** One entry (a cargo feature: checkout or order): its names-kept wasm, ranked. */
export function profileEntry(entry, { top = 20, features = 'bundle' } = {}) {
  const targetDir = join(root, 'target/named');
  run('cargo', ['build', '--quiet', '--release', '--target', 'wasm32-unknown-unknown', '--lib',
    '--no-default-features', '--features', `${features},${entry}`],
  { env: { ...env, CARGO_TARGET_DIR: targetDir, CARGO_PROFILE_RELEASE_STRIP: 'none' }, timeout: 1_800_000 });
  const work = mkdtempSync(join(tmpdir(), `ig-twiggy-${entry}-`));
  try {
    run('wasm-bindgen', ['--target', 'web', '--keep-debug', '--out-dir', work,
      join(targetDir, 'wasm32-unknown-unknown/release/instalment_guard.wasm')]);
    const named = join(work, 'opt.wasm');
    run('wasm-opt', ['-g', '-Oz', ...WASM_FEATURES, join(work, 'instalment_guard_bg.wasm'), '-o', named]);
    const items = JSON.parse(run('twiggy', ['top', '-n', '100000', '--format', 'json', named]));
    const kept = items.filter((i) => !isDebug(i.name));
    const total = kept.reduce((s, i) => s + i.shallow_size, 0);
    // Without its names and debug sections, what the shipped file would be.
    const stripped = join(work, 'stripped.wasm');
    run('wasm-opt', ['--strip-debug', '--strip-producers', '--strip-target-features', ...WASM_FEATURES, named, '-o', stripped]);
    const body = readFileSync(stripped);
    return {
      entry,
      features: `${features},${entry}`,
      namedBytes: statSync(named).size,
      codeAndDataBytes: total,
      strippedBytes: body.length,
      strippedGzip: gzipSync(body, { level: 9 }).length,
      // Without the mangled hash, which changes with every build and says nothing.
      top: kept.slice(0, top).map((i) => ({ name: i.name.replace(/::h[0-9a-f]{16}$/, ''), bytes: i.shallow_size, percent: (100 * i.shallow_size) / total })),
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export function profile(entries = ['checkout', 'order'], opts = {}) {
  const tool = ensureTwiggy();
  return { twiggy: tool.version, installedNow: tool.installed, entries: entries.map((e) => profileEntry(e, opts)) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const entries = process.argv.slice(2);
  const r = profile(entries.length ? entries : undefined);
  for (const e of r.entries) {
    console.log(`${e.entry} (features ${e.features}): ${e.codeAndDataBytes} B of code and data, ${e.strippedGzip} B gzip -9 stripped; ${r.twiggy}`);
    for (const i of e.top) console.log(`  ${String(i.bytes).padStart(7)} B ${i.percent.toFixed(2).padStart(6)}%  ${i.name.slice(0, 120)}`);
  }
}
