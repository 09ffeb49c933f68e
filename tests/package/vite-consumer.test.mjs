// The npm package as a storefront developer meets it: `npm pack`, installed into a fresh Vite
// project, type-checked with TypeScript in strict mode, built, and run in Chromium.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launch } from '../support/browser.mjs';

const repo = new URL('../..', import.meta.url).pathname;
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describe('the packed npm package in a fresh Vite project', () => {
  let dir;
  let tarball;

  before(() => {
    assert.ok(existsSync(join(repo, 'pkg/web/instalment_guard.js')), 'pkg/ is built first by scripts/build.sh');
    dir = mkdtempSync(join(tmpdir(), 'ig-consumer-'));
    // pkg/ is already built; --ignore-scripts skips prepack's second build.
    const packed = JSON.parse(run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], repo));
    tarball = join(dir, packed[0].filename);
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'shop', private: true, type: 'module' }));
    const vite = JSON.parse(readFileSync(join(repo, 'node_modules/vite/package.json'), 'utf8')).version;
    const ts = JSON.parse(readFileSync(join(repo, 'node_modules/typescript/package.json'), 'utf8')).version;
    run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', tarball, `vite@${vite}`, `typescript@${ts}`], dir);
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('ships the builds, the element entry and the types, and nothing else', () => {
    const files = JSON.parse(run('npm', ['pack', '--ignore-scripts', '--dry-run', '--json'], repo))[0].files.map((f) => f.path);
    for (const f of ['pkg/web/instalment_guard.js', 'pkg/web/instalment_guard_bg.wasm', 'pkg/web/instalment_guard.d.ts',
      'pkg/web/element.js', 'pkg/web/element.d.ts', 'pkg/web/checkout.js', 'pkg/web/checkout.d.ts', 'pkg/web/order.js',
      'pkg/web/order.d.ts', 'pkg/bundler/instalment_guard.js', 'pkg/node/instalment_guard.js', 'pkg/node/index.mjs',
      'pkg/node/index.d.mts', 'README.md']) {
      assert.ok(files.includes(f), `${f} is in the package`);
    }
    // Each page's chunks and wasm, under content-hashed names.
    for (const page of ['checkout', 'order']) {
      assert.ok(files.some((f) => new RegExp(`^pkg/web/${page}-[\\w-]+\\.js$`).test(f)), `${page}'s chunk is in the package`);
      assert.ok(files.some((f) => new RegExp(`^pkg/web/${page}-[0-9a-f]{10}\\.wasm$`).test(f)), `${page}'s wasm is in the package`);
    }
    // Every entry in package.json exports, with its types, is a shipped file; so is every sideEffects file.
    const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
    const targets = [];
    const walk = (v) => (typeof v === 'string' ? targets.push(v) : Object.values(v).forEach(walk));
    walk(pkg.exports);
    for (const t of targets) assert.ok(files.includes(t.replace(/^\.\//, '')), `exports names ${t}, which is not packed`);
    for (const entry of ['.', './element', './checkout', './order']) assert.ok(pkg.exports[entry].types, `${entry} has types`);
    assert.ok(pkg.exports['.'].node, 'the root entry has a node condition');
    for (const glob of pkg.sideEffects) {
      const re = new RegExp(`^${glob.replace(/^\.\//, '').replace(/[.]/g, '\\.').replace(/\*/g, '.*')}$`);
      assert.ok(files.some((f) => re.test(f)), `sideEffects names ${glob}, which matches no packed file`);
    }
    assert.ok(!files.some((f) => f.startsWith('src/') || f.startsWith('www/') || f.startsWith('tests/')), files.join(', '));
  });

  it('in Node, the root entry is the Node build: init() does nothing, CheckoutGuard explains, the elements load without a DOM', () => {
    const out = run('node', ['--input-type=module', '-e', `
import init, { estimate, CheckoutGuard, isInstalmentError } from 'instalment-guard';
import 'instalment-guard/element';
import 'instalment-guard/checkout';
import 'instalment-guard/order';
await init();
const perMonth = estimate(111111, 'CNY', { id: 'h', periods: 12, fee: { model: 'flatTotal', rate: '0.075' } }).schedule[1].paymentMinor;
let refused;
try { new CheckoutGuard(null, { currency: 'CNY' }); } catch (e) { refused = [isInstalmentError(e), e.code, e.field].join(' '); }
console.log(JSON.stringify({ perMonth, refused }));
`], dir);
    assert.deepEqual(JSON.parse(out), { perMonth: 9953, refused: 'true INVALID_STATE form' });
    // The CommonJS build stays requireable.
    const cjs = run('node', ['-e', "console.log(require('instalment-guard/node').estimate(111111, 'CNY', { id: 'h', periods: 3, fee: { model: 'interestFree' } }).schedule[0].paymentMinor)"], dir);
    assert.equal(cjs.trim(), '37037');
  });

  it('type-checks a storefront script against the declarations in strict mode', () => {
    mkdirSync(join(dir, 'src'), { recursive: true });
    writeFileSync(join(dir, 'src/main.ts'), `
import init, {
  estimate, compare, disclose, remedy, CheckoutGuard, isInstalmentError,
  type Estimate, type GuardConfig, type InstalmentError, type Verdict,
} from 'instalment-guard';
import 'instalment-guard/element';
import initCheckout, { CheckoutGuard as PageGuard } from 'instalment-guard/checkout';
import initOrder, { defineRemedyElement } from 'instalment-guard/order';

const pageReady: Promise<void> = initCheckout();
const orderReady: Promise<void> = initOrder();
const remedyDefined: boolean = defineRemedyElement();
const samePageGuard: typeof CheckoutGuard = PageGuard;
console.log(pageReady, orderReady, remedyDefined, samePageGuard);

await init();
const e: Estimate = estimate(111111, 'CNY', { id: 'huabei-12', periods: 12, fee: { model: 'flatTotal', rate: '0.075' } });
const perMonth: number = e.schedule[1].paymentMinor;
const best: string | null = compare(111111, 'CNY', [{ id: 'f', periods: 3, fee: { model: 'interestFree' } }]).recommendedPlanId;
const config: GuardConfig = { currency: 'CNY', preset: 'huabei', remind: { maxPerCheckout: 1 } };
// A config's locale is any tag, the shopper's own included.
const regional: GuardConfig[] = [{ currency: 'CNY', locale: 'en-US' }, { currency: 'CNY', locale: navigator.language }];
const form = document.querySelector('form')!;
const guard = new CheckoutGuard(form, config);
guard.update({ amountMinor: 111111 });
const reasons: string[] = guard.assess().reasons;
const el = document.querySelector('instalment-guard');
el?.update({ amountMinor: 1 });
try {
  estimate(-1, 'CNY', { id: 'x', periods: 3, fee: { model: 'interestFree' } });
} catch (err) {
  if (isInstalmentError(err)) console.log(err.code, err.field);
}
// The options of disclose() and remedy() are optional, as README shows them.
const shown: string = disclose(e, 'cn').items[0].text;
const inEnglish: string = disclose(e, 'us', { locale: 'en' }).summary;
const help: boolean = remedy({ amountMinor: 111111, currency: 'CNY', paidWith: 'huabei', plans: [] }).offer;
// Both elements by tag name, and the guard's events with their detail, on the form and above it.
const order = document.querySelector('instalment-remedy');
const orderError: InstalmentError | null | undefined = order?.error;
const made = document.createElement('instalment-guard');
const verdictNow: Verdict = made.assess();
form.addEventListener('instalmentguard:choose', (ev) => {
  const id: string = ev.detail.planId;
  console.log(id);
});
form.addEventListener('instalmentguard:remind', (ev) => {
  const remind: boolean = ev.detail.remind;
  if (!remind) ev.preventDefault();
});
document.addEventListener('instalmentguard:proceed', (ev) => {
  const none: null = ev.detail.planId;
  console.log(none);
});
document.body.addEventListener('instalmentguard:dismiss', (ev) => console.log(ev.detail.planId === null));
console.log(perMonth, best, reasons, shown, inEnglish, help, orderError, verdictNow, regional);
`);
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', strict: true, noEmit: true, lib: ['ES2022', 'DOM'], skipLibCheck: false },
      include: ['src'],
    }));
    const tsc = spawnSync(join(dir, 'node_modules/.bin/tsc'), ['-p', dir], { encoding: 'utf8' });
    assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr);
    // A mistake the types must catch: a rate given as a percentage object is not a Fee.
    writeFileSync(join(dir, 'src/wrong.ts'), `
import { estimate } from 'instalment-guard';
estimate(1, 'CNY', { id: 'x', periods: 3, fee: { model: 'flat', rate: '0.1' } });
`);
    const wrong = spawnSync(join(dir, 'node_modules/.bin/tsc'), ['-p', dir], { encoding: 'utf8' });
    assert.notEqual(wrong.status, 0, 'tsc refuses an unknown fee model');
    rmSync(join(dir, 'src/wrong.ts'));
    // The event map types each detail: a plan id is no number, and proceed carries no plan.
    for (const [what, code, message] of [
      ['a number from a choose event\'s planId', "const n: number = ev.detail.planId;", /TS2322/],
      ['a plan id from a proceed event', "const s: string = ev.detail.planId;", /TS2322/],
      ['an unknown element method', "document.querySelector('instalment-remedy')?.update({ amountMinor: 1 });", /TS2339/],
    ]) {
      const event = what.includes('proceed') ? 'instalmentguard:proceed' : 'instalmentguard:choose';
      writeFileSync(join(dir, 'src/wrong.ts'), code.startsWith('document')
        ? `export {};\n${code}\n`
        : `document.querySelector('form')!.addEventListener('${event}', (ev) => { ${code} console.log(ev); });\nexport {};\n`);
      const refused = spawnSync(join(dir, 'node_modules/.bin/tsc'), ['-p', dir], { encoding: 'utf8' });
      assert.notEqual(refused.status, 0, `tsc refuses ${what}`);
      assert.match(refused.stdout, message, refused.stdout);
      assert.match(refused.stdout, /src\/wrong\.ts/, refused.stdout);
      rmSync(join(dir, 'src/wrong.ts'));
    }
  });

  it('builds with Vite and reminds in Chromium under a strict CSP', async () => {
    writeFileSync(join(dir, 'index.html'), `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>Shop</title>
<script type="module" src="/src/shop.js"></script></head>
<body>
<instalment-guard for="checkout" currency="CNY"></instalment-guard>
<form id="checkout" data-amount-minor="111111" action="/done.html">
  <select name="instalment_plan"><option value="">不分期</option><option value="huabei-3">3期</option><option value="huabei-6">6期</option><option value="huabei-12">12期</option></select>
  <button id="pay">提交订单</button>
</form>
</body></html>`);
    writeFileSync(join(dir, 'done.html'), '<!doctype html><html><head><meta charset="utf-8"><title>Done</title></head><body>done</body></html>');
    writeFileSync(join(dir, 'src/shop.js'), `
import init, { estimate } from 'instalment-guard';
import 'instalment-guard/element';
await init();
window.perMonth = estimate(111111, 'CNY', { id: 'h', periods: 12, fee: { model: 'flatTotal', rate: '0.075' } }).schedule[1].paymentMinor;
`);
    writeFileSync(join(dir, 'vite.config.js'), `export default { build: { target: 'es2022', rollupOptions: { input: ['index.html', 'done.html'] } } };`);
    run(join(dir, 'node_modules/.bin/vite'), ['build', '--logLevel', 'error'], dir);
    const server = await serve(join(dir, 'dist'));
    const browser = await launch();
    try {
      const page = await browser.newPage();
      const problems = [];
      page.on('pageerror', (e) => problems.push(e.message));
      page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
      await page.goto(`${server.origin}/index.html`);
      await page.waitForFunction(() => window.perMonth !== undefined);
      assert.equal(await page.evaluate(() => window.perMonth), 9953);
      await page.click('#pay');
      const dialog = page.locator('instalment-guard-dialog dialog[open]');
      await dialog.waitFor();
      await page.locator('instalment-guard-dialog [data-plan="huabei-6"]').click();
      await page.waitForURL(/done\.html\?instalment_plan=huabei-6&instalment_guard=reminded$/);
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
