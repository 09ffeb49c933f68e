// The size report: what each kind of page downloads from the package, gzip -9, and every file of
// each build. With --check it fails when a page passes its ceiling.
//
//   node scripts/size.mjs [--check] [--json]
//
// A page downloads pkg/web/element.js (the one-line embed) and what it imports at once (the shell,
// before the page's load event), then, for each element it holds, that element's chunk, the
// chunks it imports and its wasm. This follows those imports in the built files themselves, so
// it counts what a browser would request; `npm run bench` counts the requests a real page makes.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

/** The targets of the per-page issue, gzip -9: each page in total, and before its load event. */
export const TARGETS = { checkout: 50_000, order: 30_000, beforeLoad: 5_000 };

/** The checkout page's target, as the bench's summary names it. */
export const BUDGET = TARGETS.checkout;

/**
 * What --check enforces for each page until its target is met: the page as this script measures
 * it plus about 2%, so that no change makes a page heavier unnoticed. Lower them whenever a page
 * gets lighter. The history of the single-package weight, up to 81,734 B for every page, is in
 * git (this file, before the per-page entries). 2026-12-07, the first per-page build: checkout
 * 66,350 B, order 45,670 B, before the load event 2,913 B. Then, with the region locales, the
 * misspelled-attribute warnings (in the shell, so they come before the code) and the quiet line:
 * checkout 67,565 B, order 46,311 B, before the load event 3,513 B. Then one catalogue per locale
 * (2026-12-08): checkout 68,813 B, order 46,103 B, before the load event 3,858 B (the shell
 * rebuilds an element when <html lang> changes, and fetches its texts first). Then the reminder
 * prepared at the shopper's first touch or a second after load: checkout 68,975 B.
 */
export const CEILINGS = { checkout: 69_300, order: 47_000, beforeLoad: 3_950 };

const root = new URL('..', import.meta.url).pathname;

// What a browser fetches: the module, its glue, the snippets it imports (js/dom.js and
// js/codec.js), the element entry, and one catalogue of texts (a page's elements show one locale).
// The CSS is compiled into the wasm (it is adopted as a constructed stylesheet), so it is counted
// there. TypeScript declarations and package.json files are not downloaded by pages.
function shipped(dir) {
  const files = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(wasm|js)$/.test(name)) files.push(p);
    }
  };
  walk(dir);
  return files.sort();
}

const gz = (p) => {
  const raw = readFileSync(p);
  return { raw: raw.length, gzip: gzipSync(raw, { level: 9 }).length };
};

/** The package files `file` makes a browser fetch: its static imports and, with `lazy`, the rest. */
function requests(dir, file, lazy, seen = new Set(), locale = 'zh-CN') {
  if (seen.has(file)) return seen;
  seen.add(file);
  if (!file.endsWith('.js')) return seen;
  const code = readFileSync(join(dir, file), 'utf8');
  const refs = [
    ...[...code.matchAll(/(?:import|export)[^'"`()]*?from\s*["'`]\.\/([\w.-]+)["'`]/g)].map((m) => m[1]),
    // Of the catalogues, only the one an element showing `locale` imports.
    ...(lazy ? [...code.matchAll(/import\(\s*["'`]\.\/([\w.-]+)["'`]\s*\)/g)].map((m) => m[1])
      .filter((f) => !f.startsWith('locale-') || f.startsWith(`locale-${locale}-`)) : []),
    ...(lazy ? [...code.matchAll(/["'`]([\w-]+\.wasm)["'`]/g)].map((m) => m[1]) : []),
  ];
  for (const ref of refs) requests(dir, ref, lazy, seen, locale);
  return seen;
}

/**
 * Each page's download from pkg/web: `beforeLoad` (element.js and its static imports), and the
 * checkout and order pages in total (element.js, then the element's own chunk and wasm).
 */
export function pages(locale = 'zh-CN') {
  const dir = join(root, 'pkg/web');
  if (!existsSync(join(dir, 'element.js'))) throw new Error('pkg/web/element.js is missing: run scripts/build.sh web');
  const loader = readFileSync(join(dir, 'element.js'), 'utf8');
  const chunk = (page) => {
    const m = new RegExp(`import\\(\\s*["'\`]\\./(${page}-[\\w-]+\\.js)["'\`]`).exec(loader);
    if (!m) throw new Error(`pkg/web/element.js loads no ${page} chunk`);
    return m[1];
  };
  const sum = (files) => {
    const list = [...files].sort().map((f) => ({ file: f, ...gz(join(dir, f)) }));
    return { files: list, gzip: list.reduce((t, f) => t + f.gzip, 0), raw: list.reduce((t, f) => t + f.raw, 0) };
  };
  const before = requests(dir, 'element.js', false);
  const page = (name) => sum(requests(dir, chunk(name), true, new Set(before), locale));
  return { beforeLoad: sum(before), checkout: page('checkout'), order: page('order') };
}

export function measure(build = 'web') {
  const dir = join(root, 'pkg', build);
  if (!existsSync(dir)) throw new Error(`pkg/${build} is missing: run scripts/build.sh ${build}`);
  const files = shipped(dir).map((p) => {
    const raw = readFileSync(p);
    return { file: relative(root, p), raw: raw.length, gzip: gzipSync(raw, { level: 9 }).length };
  });
  const total = files.reduce((t, f) => ({ raw: t.raw + f.raw, gzip: t.gzip + f.gzip }), { raw: 0, gzip: 0 });
  return { build, files, total };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const check = process.argv.includes('--check');
  const builds = ['web', 'bundler', 'node'].filter((b) => existsSync(join(root, 'pkg', b)));
  const reports = builds.map((b) => measure(b));
  const perPage = existsSync(join(root, 'pkg/web/element.js')) ? pages() : null;
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify({ pages: perPage, builds: reports }, null, 2));
  } else {
    for (const r of reports) {
      console.log(`pkg/${r.build}`);
      for (const f of r.files) console.log(`  ${f.file.padEnd(64)} ${String(f.raw).padStart(7)} B  ${String(f.gzip).padStart(6)} B gzip`);
      console.log(`  ${'total'.padEnd(64)} ${String(r.total.raw).padStart(7)} B  ${String(r.total.gzip).padStart(6)} B gzip`);
    }
    if (perPage) {
      console.log('\nwhat each page downloads (gzip -9):');
      for (const [name, p] of Object.entries(perPage)) {
        console.log(`  ${name.padEnd(11)} ${String(p.gzip).padStart(6)} B  (${p.files.map((f) => `${f.file} ${f.gzip}`).join(', ')})`);
      }
    }
  }
  if (check) {
    if (!perPage) {
      console.error('no web build to check');
      process.exit(1);
    }
    let broken = false;
    for (const [name, p] of Object.entries(perPage)) {
      const target = TARGETS[name];
      const met = p.gzip <= target ? 'met' : `MISSED by ${p.gzip - target} B (${(p.gzip / target).toFixed(2)}x)`;
      const held = p.gzip <= CEILINGS[name];
      console.log(`${name}: ${p.gzip} B gzip -9; target ${target} B: ${met}; ceiling ${CEILINGS[name]} B: ${held ? 'held' : 'BROKEN'}`);
      broken ||= !held;
    }
    if (broken) process.exit(1);
  }
}
