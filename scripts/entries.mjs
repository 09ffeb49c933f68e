// Writes the package's per-page entries next to the full web build, and the Node build's ES module.
//
//   node scripts/entries.mjs web    after scripts/build.sh has built target/entries/{checkout,order}
//   node scripts/entries.mjs node   after it has built pkg/node
//
// web: bundles js/entries/{element,checkout,order}.js with their wasm-bindgen glue and JS snippets
// into pkg/web with rolldown, one chunk per page and one shared chunk (js/shell.js, which
// element.js needs before the page's load event), minified and tree-shaken so that each page's
// chunk carries only the DOM code its element calls. Every file an element fetches at run time
// has a content-hashed name (a server may cache it as immutable); element.js, checkout.js and
// order.js keep theirs, since pages and bundlers name them.
//
// node: pkg/node/index.mjs, the ES module the package's `node` export condition resolves to: the
// CommonJS build's functions, an `init()` that has nothing to do, and a CheckoutGuard that
// explains there is no document to guard.
import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PAGES = ['checkout', 'order'];
// The groups of catalogue keys each page's code reads: the checkout's reminder and disclosures,
// the order page's help after paying; both write plan names (msg) and amounts (sign).
const PAGE_GROUPS = {
  checkout: ['disclose', 'msg', 'sign'],
  order: ['msg', 'remedy', 'remedy_page', 'sign'],
};
// Rust sorts the keys by their bytes; for the ASCII keys of locales/*.json that is this order.
const byCodeUnit = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const hash = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 10);

async function web() {
  const { rolldown } = await import('rolldown');
  const out = join(root, 'pkg/web');
  // Files of an earlier build: their names change with their content.
  for (const f of readdirSync(out)) {
    if (/^(checkout|order|shell|catalogue|locale)-[\w-]+\.(js|wasm|json)$/.test(f)) rmSync(join(out, f));
  }
  // One catalogue per locale: its texts as a list in the keys' sorted order, the order in which
  // build.rs numbers them (the wasm refuses a list of another length).
  // Each page gets only the groups of keys its code reads (the part of a key before its first
  // dot); the others are empty strings, so every list has one entry per key. A page that draws
  // a key it was not given says so on the console (say_missing_texts in src/dom/lang.rs).
  // Each list is a module of its own, loaded by import(): bundlers split it into a file of its
  // own (a JSON file fetched by URL would be inlined by Vite as a data: URL, which a strict CSP
  // refuses), and script-src 'self' already allows it.
  const locales = JSON.parse(readFileSync(join(root, 'locales/locales.json'), 'utf8'));
  const texts = {};
  for (const page of PAGES) {
    for (const { tag } of locales) {
      const source = JSON.parse(readFileSync(join(root, 'locales', `${tag}.json`), 'utf8'));
      const keys = Object.keys(source).sort(byCodeUnit);
      const list = keys.map((k) => (PAGE_GROUPS[page].includes(k.split('.')[0]) ? source[k] : ''));
      texts[`${page}:${tag}`] = `export default ${JSON.stringify(list)};`;
    }
  }
  const catalogues = (page) => [
    `export const LOCALES = ${JSON.stringify(locales)};`,
    'export const LOAD = {',
    ...locales.map(({ tag }) => `  ${JSON.stringify(tag)}: () => import(${JSON.stringify(`instalment-guard:texts:${page}:${tag}`)}),`),
    '};',
  ].join('\n');
  const wasmName = {};
  for (const page of PAGES) {
    const bytes = readFileSync(join(root, 'target/entries', page, 'instalment_guard_bg.wasm'));
    wasmName[page] = `${page}-${hash(bytes)}.wasm`;
    copyFileSync(join(root, 'target/entries', page, 'instalment_guard_bg.wasm'), join(out, wasmName[page]));
  }
  const glue = (page) => join(root, 'target/entries', page, 'instalment_guard.js');
  const bundle = await rolldown({
    input: Object.fromEntries(['element', ...PAGES].map((n) => [n, join(root, 'js/entries', `${n}.js`)])),
    plugins: [{
      name: 'instalment-guard-entries',
      resolveId(id) {
        // js/catalogue.js's file list, one per page: the entry passes it in (see PAGE_GROUPS).
        const list = /^instalment-guard:catalogues:(\w+)$/.exec(id)?.[1];
        if (list) return `\0catalogues:${list}`;
        const one = /^instalment-guard:texts:(\w+:[\w-]+)$/.exec(id)?.[1];
        if (one) return `\0texts:${one}`;
        const page = /^instalment-guard:(\w+)$/.exec(id)?.[1];
        if (page) return glue(page);
        // The glue imports its copies of js/*.js from snippets/; every page must share the one
        // js/shell.js (its element classes and what they wait for), so each resolves to js/.
        const snippet = /[\\/]snippets[\\/][^\\/]+[\\/]js[\\/](.+)$/.exec(id)?.[1];
        if (snippet) return join(root, 'js', snippet);
        return null;
      },
      load(id) {
        const page = /^\0catalogues:(\w+)$/.exec(id)?.[1];
        if (page) return catalogues(page);
        const one = /^\0texts:(\w+:[\w-]+)$/.exec(id)?.[1];
        return one ? texts[one] : null;
      },
      transform(code, id) {
        // The glue's default wasm URL, under the name the file is served by.
        const page = PAGES.find((p) => id === glue(p));
        if (!page) return null;
        if (!code.includes("'instalment_guard_bg.wasm'")) throw new Error(`${id}: no default wasm URL to rename`);
        return code.replace("'instalment_guard_bg.wasm'", `'${wasmName[page]}'`);
      },
    }],
  });
  const { output } = await bundle.write({
    dir: out,
    format: 'es',
    minify: true,
    entryFileNames: (chunk) => (chunk.name === 'element' ? 'element.js' : '[name]-[hash].js'),
    // A catalogue's chunk is named for its locale and page: locale-zh-CN-checkout-<hash>.js.
    chunkFileNames: (chunk) => {
      const one = /^\0texts:(\w+):([\w-]+)$/.exec(chunk.facadeModuleId ?? '');
      return one ? `locale-${one[2]}-${one[1]}-[hash].js` : '[name]-[hash].js';
    },
  });
  await bundle.close();
  const files = {};
  for (const chunk of output) if (chunk.type === 'chunk' && chunk.isEntry) files[chunk.name] = chunk.fileName;
  // The stable names bundlers and pages import: each the hashed chunk's exports, nothing more.
  for (const page of PAGES) {
    writeFileSync(join(out, `${page}.js`), `export*from"./${files[page]}";export{default}from"./${files[page]}";\n`);
  }
  for (const name of ['element', 'checkout', 'order']) {
    copyFileSync(join(root, 'js/entries', `${name}.d.ts`), join(out, `${name}.d.ts`));
  }
  const sizes = output.filter((c) => c.type === 'chunk').map((c) => `${c.fileName} ${c.code.length} B`);
  console.log(`entries in pkg/web: ${sizes.join(', ')}, ${Object.values(wasmName).join(', ')}`);
}

function node() {
  const dir = join(root, 'pkg/node');
  const require = createRequire(join(dir, 'index.mjs'));
  const names = Object.keys(require('./instalment_guard.js')).filter((n) => n !== '__esModule').sort();
  const lines = [
    '// The Node build as an ES module (the package\'s `node` export condition): the pure functions of',
    '// the CommonJS build, an init() with nothing to do (the wasm is compiled when this loads), and',
    '// a CheckoutGuard that says why it cannot work here. Written by scripts/entries.mjs.',
    "import { createRequire } from 'node:module';",
    '',
    'const api = createRequire(import.meta.url)(\'./instalment_guard.js\');',
    `export const { ${names.join(', ')} } = api;`,
    '',
    '/** Nothing to fetch or compile in Node: the functions work as soon as this module is loaded. */',
    'export default async function init() {}',
    '',
    '/** The guard watches a form in a page; Node has no document to watch. */',
    'export class CheckoutGuard {',
    '  constructor() {',
    "    throw Object.assign(new Error('form CheckoutGuard needs a browser page: Node has no document or form to guard; the pure functions (estimate, compare, assess, …) work here'),",
    "      { name: 'InstalmentError', code: 'INVALID_STATE', field: 'form' });",
    '  }',
    '}',
    '',
    '/** The elements need a browser page too; in Node (server-side rendering) this does nothing. */',
    'export function defineElement() {',
    '  return false;',
    '}',
    '',
  ];
  writeFileSync(join(dir, 'index.mjs'), lines.join('\n'));
  copyFileSync(join(root, 'js/entries/node.d.ts'), join(dir, 'index.d.mts'));
  console.log(`pkg/node/index.mjs: ${names.length} functions`);
}

const what = process.argv[2];
if (what === 'web') await web();
else if (what === 'node') node();
else {
  console.error('usage: node scripts/entries.mjs web|node');
  process.exit(2);
}
