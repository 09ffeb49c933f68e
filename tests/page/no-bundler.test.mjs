// examples/no-bundler: the package loaded by relative URL from a plain static server (the
// repository root), no Vite in between, under the same strict CSP as the demo, and again with
// Trusted Types enforced on top: the widget builds its dialog from nodes, never from HTML
// strings, so a shop that locks down its DOM sinks needs no policy for it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  DIALOG_TITLES, REPO, TRUSTED_TYPES, contentSecurityPolicy, dialog, launchBrowser, openPage, requirePackage, serve,
} from './helpers.mjs';
const STRICT = "the demo's CSP";
const WITH_TRUSTED_TYPES = "the demo's CSP with Trusted Types enforced (no policy allowed)";

let servers;
let browser;
let csp;

before(async () => {
  requirePackage();
  csp = await contentSecurityPolicy();
  const root = REPO.replace(/\/$/, '');
  servers = {
    [STRICT]: await serve(root, csp),
    [WITH_TRUSTED_TYPES]: await serve(root, `${csp}; ${TRUSTED_TYPES}`),
  };
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  for (const s of Object.values(servers ?? {})) await s.close();
});

describe('the no-bundler example', () => {
  for (const policy of [STRICT, WITH_TRUSTED_TYPES]) {
    it(`loads with one module script, reminds, and submits the plan chosen, under ${policy}`, () => run(servers[policy], policy === WITH_TRUSTED_TYPES));
  }
});

async function run(server, trustedTypes) {
  const { context, page, record } = await openPage(browser);
  try {
    await page.goto(`${server.origin}/examples/no-bundler/index.html`);
    await page.waitForFunction(() => customElements.get('instalment-guard'));
    await page.click('button[type="submit"]');
    await dialog(page).waitFor();
    assert.equal((await dialog(page).locator('h2').textContent()).trim(), DIALOG_TITLES.en);
    assert.match(await page.locator('#log').innerText(), /Reminder shown; recommended plan: huabei-12/);

    await Promise.all([
      page.waitForURL(/instalment_plan=huabei-12/),
      dialog(page).locator('[data-plan="huabei-12"]').click(),
    ]);
    await page.locator('#log li').first().waitFor();
    assert.equal(await page.locator('#log').innerText(), 'Submitted with instalment_plan = "huabei-12"');
    assert.ok(await page.locator('input[value="huabei-12"]').isVisible());

    assert.deepEqual(record.violations, []);
    assert.deepEqual(record.failed, []);
    // Chromium asks for /favicon.ico by itself and the example has no icon (a data: URL icon
    // would break the CSP): that 404's console line is the only one allowed.
    const favicon404 = (e) => e.includes('404 (Not Found)') && e.endsWith(`[${server.origin}/favicon.ico]`);
    assert.deepEqual(record.errors.filter((e) => !favicon404(e)), []);
    assert.deepEqual(record.requests.filter((u) => !u.startsWith(`${server.origin}/`)), []);
    if (trustedTypes) {
      // Last, as it reports a violation of its own: the policy was in force all along, so an
      // HTML string into a DOM sink is refused.
      const sink = await page.evaluate(() => {
        try {
          document.createElement('div').innerHTML = '<b>x</b>';
          return 'accepted';
        } catch (e) {
          return e.name;
        }
      });
      assert.equal(sink, 'TypeError');
    }
  } finally {
    await context.close();
  }
}

describe('an element placed before its form', () => {
  it('waits for the document to finish parsing, then guards the form', async () => {
    const server = servers[STRICT];
    const { context, page, record } = await openPage(browser);
    try {
      // The element module runs (async) while a slow classic script holds the parser before
      // the form: the element cannot find its form yet, says so on `error`, and tries again at
      // DOMContentLoaded. The page and the slow script are served by the test itself.
      const base = `${server.origin}/late-form/`;
      let release;
      const released = new Promise((resolve) => { release = resolve; });
      await page.route(`${base}index.html`, (route) => route.fulfill({
        contentType: 'text/html; charset=utf-8',
        headers: { 'Content-Security-Policy': csp },
        body: `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>late form</title>
<script type="module" async src="/pkg/web/element.js"></script>
<instalment-guard for="checkout" currency="CNY"></instalment-guard>
<script src="${base}slow.js"></script>
<form id="checkout" data-amount-minor="111111" action="${base}paid.html">
<select name="instalment_plan"><option value="">不分期</option><option value="huabei-12">12 期</option></select>
<button>提交订单</button></form>`,
      }));
      await page.route(`${base}slow.js`, async (route) => {
        await released;
        await route.fulfill({ contentType: 'text/javascript', body: '' });
      });
      await page.goto(`${base}index.html`, { waitUntil: 'commit' });
      await page.waitForFunction(() => customElements.get('instalment-guard') && document.readyState === 'loading');
      const early = await page.evaluate(() => {
        const e = document.querySelector('instalment-guard').error;
        return e && { code: e.code, field: e.field, message: e.message };
      });
      assert.equal(early?.code, 'INVALID_CONFIG');
      assert.equal(early?.field, 'for');
      assert.match(early?.message, /nothing has id="checkout"/);

      release();
      await page.waitForFunction(() => document.readyState !== 'loading');
      await page.waitForFunction(() => document.querySelector('instalment-guard').error === null);
      await page.click('button');
      await dialog(page).waitFor();
      assert.equal((await dialog(page).locator('h2').textContent()).trim(), DIALOG_TITLES['zh-CN']);
      assert.deepEqual(record.violations, []);
      // A miss it will retry is not logged as an error; a setup error it cannot retry is.
      assert.deepEqual(record.errors, []);
    } finally {
      await context.close();
    }
  });
});
