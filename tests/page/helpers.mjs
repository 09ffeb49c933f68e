// Shared by the page tests: building the demo, serving files under the demo's strict CSP,
// a headless Debian Chromium, and the package's own estimate() in Node for expected figures.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, mkdirSync } from 'node:fs';
import { serve as serveFiles } from '../../scripts/serve.mjs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const DIST = join(REPO, 'www', 'dist');
export const SCREENSHOTS = join(REPO, 'test-results', 'screenshots');
const PKG = join(REPO, 'pkg', 'web');

export const LANGS = ['zh-CN', 'zh-TW', 'en'];

/** Trusted Types enforced on top of a CSP, with no policy allowed: no HTML string reaches a sink. */
export const TRUSTED_TYPES = "require-trusted-types-for 'script'; trusted-types 'none'";
export const DESKTOP = { width: 1280, height: 800 };
export const MOBILE = { width: 375, height: 812 };

// The plain checkout of tests/page/fixtures, at the layouts where a reminder opens under the
// shopper's pointer: the pay button full-width, narrow, on a phone, and a <div> whose handler
// calls the real button's element.click().
export const PLAIN_LAYOUTS = [
  { name: 'a full-width pay button', layout: 'full', viewport: DESKTOP },
  { name: 'a narrow pay button', layout: 'narrow', viewport: DESKTOP },
  { name: 'a phone', layout: 'full', viewport: { width: 360, height: 640 } },
  { name: 'a div that calls element.click()', layout: 'div', viewport: DESKTOP },
];

/** The plain checkout at `layout`, its pay button `top` px down. */
export const plainCheckout = (origin, layout, top = 200) =>
  `${origin}/tests/page/fixtures/plain-checkout.html?layout=${layout}&top=${top}`;

/**
 * Waits until the plain checkout is ready: its element guards the form, or with `api` (a page
 * opened with `&guard=api`) the package is initialised and exposed as window.ig.
 */
export async function plainCheckoutReady(page, { api = false } = {}) {
  if (api) {
    await page.waitForFunction(() => window.ig && document.documentElement.dataset.ready === '1');
  } else {
    await elementReady(page);
    await page.waitForFunction(() => document.querySelector('instalment-guard').error === null);
  }
}

/**
 * Waits until the page's `selector` element can decide: it is defined at once by element.js, and
 * its code (wasm and glue) arrives after the page's load event; `ready` resolves then.
 */
export function elementReady(page, selector = 'instalment-guard') {
  return page.evaluate((s) => customElements.whenDefined(s).then(() => document.querySelector(s).ready), selector);
}

/**
 * Opens the plain checkout with its element set to `plans` in `currency` and `locale`, the
 * reminder's likelihood threshold at 0, `disclosure` (none when null) and any `extra`
 * attributes, the form's amount at `amount`; waits until the element took them.
 */
export async function configurePlainCheckout(page, origin, { disclosure, locale, currency, plans, amount, extra = {} }) {
  await page.goto(plainCheckout(origin, 'full'));
  await plainCheckoutReady(page);
  await page.evaluate(([d, l, c, plans, amount, extra]) => {
    const el = document.querySelector('instalment-guard');
    el.removeAttribute('preset');
    el.setAttribute('plans', JSON.stringify(plans));
    el.setAttribute('currency', c);
    el.setAttribute('locale', l);
    el.setAttribute('likelihood-threshold', '0');
    if (d) el.setAttribute('disclosure', d);
    for (const [k, v] of Object.entries(extra)) el.setAttribute(k, v);
    document.getElementById('checkout').dataset.amountMinor = String(amount);
  }, [disclosure, locale, currency, plans, amount, extra]);
  // Rebuilt with these attributes: a new language's texts are fetched first, and until they
  // have come the element keeps its old guard (the fixture's preset, in zh-CN).
  await page.waitForFunction(([ids, c]) => {
    const el = document.querySelector('instalment-guard');
    if (el.error !== null) return false;
    try {
      const v = el.assess();
      const seen = [...v.estimates.map((e) => e.planId), ...v.ineligible.map((i) => i.planId)].sort();
      return seen.join() === ids.join() && v.estimates.every((e) => e.currency === c);
    } catch {
      return false;
    }
  }, [plans.map((p) => p.id).sort(), currency]);
}

/** What the plain checkout's own code heard: its submits (the plan sent), and the guard's events. */
export const seen = (page) => page.evaluate(() => window.__seen);

/** Everything the page has queued so far has run: the dialog's close event, the guard's events. */
export function settle(page) {
  return page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 0)))));
}

// What a shopper reads first in each language's reminder (msg.Title in locales/*.json).
export const DIALOG_TITLES = {
  'zh-CN': '要分期付款吗？',
  'zh-TW': '要分期付款嗎？',
  en: 'Pay in instalments?',
};

// The Huabei preset's 12-month plan as Alipay documents it: a 7.5% total fee the shopper pays.
// Written out here rather than taken from the preset, so the test checks the preset too.
export const HUABEI_12 = {
  id: 'huabei-12',
  provider: 'huabei',
  periods: 12,
  fee: { model: 'flatTotal', rate: '0.075' },
  minAmountMinor: 10000,
};

/** Throws a message that says what to run when the package has not been built. */
export function requirePackage() {
  const needed = ['element.js', 'instalment_guard.js', 'instalment_guard_bg.wasm'];
  const missing = needed.filter((f) => !existsSync(join(PKG, f)));
  if (missing.length) {
    throw new Error(
      `pkg/web is not built (missing ${missing.join(', ')}). ` +
        'Run `bash scripts/build.sh web` first; scripts/test.sh does this before the page tests.',
    );
  }
}

/** Builds www/ into www/dist with the repository's own Vite config. */
export function buildDemo() {
  requirePackage();
  const vite = join(REPO, 'node_modules', 'vite', 'bin', 'vite.js');
  const run = spawnSync(
    process.execPath,
    [vite, 'build', '--config', 'www/vite.config.js', '--logLevel', 'warn'],
    { cwd: REPO, encoding: 'utf8', timeout: 120_000, env: { ...process.env, NO_COLOR: '1' } },
  );
  if (run.status !== 0) {
    throw new Error(`vite build failed (status ${run.status}):\n${run.stdout}\n${run.stderr}`);
  }
  if (!existsSync(join(DIST, 'index.html')) || !existsSync(join(DIST, 'done.html'))) {
    throw new Error('vite build finished but www/dist lacks index.html or done.html');
  }
}

/** The policy `vite preview` sends, read from the config so the two cannot drift apart. */
export async function contentSecurityPolicy() {
  const config = await import(new URL('../../www/vite.config.js', import.meta.url));
  return config.default.preview.headers['Content-Security-Policy'];
}

/** Serves `root` on 127.0.0.1 at a free port, every response with `csp`. */
export function serve(root, csp) {
  return serveFiles(root, { csp });
}

/** Debian's Chromium, headless, with a fresh temporary profile and nothing phoning home. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A page in a new context (fresh storage, so no "don't remind me again" carries over) that
 * records every request, failed response, console error, page error and CSP violation.
 */
/** Runs `fn(page, record)` on a fresh page of `browser`, closing its context whatever happens. */
export async function withPage(browser, options, fn) {
  const { context, page, record } = await openPage(browser, options);
  try {
    await fn(page, record);
  } finally {
    await context.close();
  }
}

export async function openPage(browser, { viewport = DESKTOP } = {}) {
  const context = await browser.newContext({ viewport, locale: 'zh-CN' });
  const page = await context.newPage();
  const record = { requests: [], failed: [], errors: [], warnings: [], violations: [] };
  page.on('request', (r) => record.requests.push(r.url()));
  page.on('response', (r) => {
    if (r.status() >= 400) record.failed.push(r.url());
  });
  page.on('console', (m) => {
    const where = m.location()?.url;
    if (m.type() === 'error') record.errors.push(where ? `${m.text()} [${where}]` : m.text());
    if (m.type() === 'warning') record.warnings.push(m.text());
  });
  page.on('pageerror', (e) => record.errors.push(String(e)));
  // A binding, not an inline script: the page's own CSP cannot refuse it.
  await page.exposeBinding('__reportCspViolation', (_source, v) => record.violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__reportCspViolation({
        directive: e.violatedDirective,
        blocked: e.blockedURI,
        source: `${e.sourceFile}:${e.lineNumber}`,
      });
    });
  });
  return { context, page, record };
}

/** Opens the demo checkout in `lang` and waits until the live estimates show. */
export async function openCheckout(page, origin, lang = 'zh-CN') {
  await page.goto(`${origin}/index.html?lang=${lang}`);
  await waitForEstimates(page);
}

export async function waitForEstimates(page) {
  await elementReady(page);
  await page.waitForFunction(() => {
    const guard = document.querySelector('instalment-guard');
    const cell = document.querySelector('[data-plan-option]:not([data-plan-option=""]) [data-fig="per"]');
    return customElements.get('instalment-guard') && guard?.error === null && cell?.textContent.trim();
  });
}

/** The open reminder dialog (Playwright's CSS engine reaches into open shadow roots). */
export const dialog = (page) => page.locator('instalment-guard-dialog dialog[open]');

/** Waits until the reminder's opening animation has finished: mid-fade, every colour is paler. */
export async function dialogSettled(page) {
  await dialog(page).evaluate((d) => Promise.all(d.getAnimations({ subtree: true }).map((a) => a.finished)));
}

export async function amountMinor(page) {
  return Number(await page.locator('#checkout').getAttribute('data-amount-minor'));
}

let engine = null;

/** The package's pure functions, run in Node from the same web build the page uses. */
export async function pureFunctions() {
  if (!engine) {
    requirePackage();
    engine = await import(new URL('../../pkg/web/instalment_guard.js', import.meta.url));
    engine.initSync({ module: readFileSync(join(PKG, 'instalment_guard_bg.wasm')) });
  }
  return engine;
}

/** Money as each language's reminder and the demo show it. */
export function money(locale, minor) {
  const decimal = `${Math.trunc(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY' }).format(decimal);
}

export function screenshotPath(name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return join(SCREENSHOTS, `${name}.png`);
}

/**
 * Registers the hooks that start a server for `root` under the demo's CSP, and Chromium, before
 * the suite (after `prepare`, which makes sure there is something to serve) and stop both after
 * it. Returns the object that holds them then: `{ server, browser }`.
 */
function livePages(prepare, root) {
  const live = {};
  before(async () => {
    prepare();
    live.server = await serve(root, await contentSecurityPolicy());
    live.browser = await launchBrowser();
  });
  after(async () => {
    await live.browser?.close();
    await live.server?.close();
  });
  return live;
}

/**
 * For a suite of pages served from the repository root (fixtures under tests/page/fixtures, the
 * package under /pkg/web): see `livePages`.
 */
export function repoPages() {
  return livePages(requirePackage, REPO.replace(/\/$/, ''));
}

/** For a suite of the built demo's pages (www/, built into DIST): see `livePages`. */
export function demoPages() {
  return livePages(buildDemo, DIST);
}

// --- axe ----------------------------------------------------------------------------------------

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa'];

/**
 * Loads axe into the page. addScriptTag({ path }) would add an inline script, which the page's
 * own CSP refuses; served from the page's origin through a route, it is an ordinary 'self' script.
 */
export async function injectAxe(page, origin) {
  await page.route(`${origin}/__test__/axe.min.js`, (route) =>
    route.fulfill({ path: AXE, contentType: 'text/javascript' }),
  );
  await page.addScriptTag({ url: `${origin}/__test__/axe.min.js` });
}

/**
 * axe's violations in `context` (the whole page by default). An audit that examined no element
 * (a context selector that matched nothing, say) would report no violation while checking
 * nothing: that throws instead.
 */
export async function axe(page, context) {
  const results = await page.evaluate(
    ([ctx, tags]) => window.axe.run(ctx ?? document, { runOnly: { type: 'tag', values: tags } }),
    [context, AXE_TAGS],
  );
  const examined = ['passes', 'violations', 'incomplete'].reduce(
    (n, kind) => n + results[kind].reduce((m, rule) => m + rule.nodes.length, 0),
    0,
  );
  assert.ok(examined > 0, `axe examined no element in ${JSON.stringify(context ?? 'the page')}`);
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => ({ target: n.target, summary: n.failureSummary })),
  }));
}

export const describeViolations = (vs) => JSON.stringify(vs, null, 2);
