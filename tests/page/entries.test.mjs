// Each page downloads only what it shows (API.md, "Entries"), on the release build in Chromium:
// the one-line embed and each page's own entry load only their page's files, and nothing but the
// small shell before the page's load event; a submit made before the guard's code has arrived is
// held for it; and the form tells the server what the guard did.
//
// The outcome tests have a deadline of the hold plus a second, never a timing of their own: a
// slow machine makes them slower, not wrong.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  DIALOG_TITLES, REPO, contentSecurityPolicy, dialog, elementReady, launchBrowser, openPage, requirePackage, serve,
} from './helpers.mjs';

const HOLD_MS = 1500;
const DEADLINE = HOLD_MS + 1000;

let server;
let browser;
let csp;

before(async () => {
  requirePackage();
  csp = await contentSecurityPolicy();
  server = await serve(REPO.replace(/\/$/, ''), csp);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const RADIOS = ['', 'huabei-3', 'huabei-6', 'huabei-12']
  .map((v) => `<label><input type="radio" name="instalment_plan" value="${v}"${v ? '' : ' checked'}> ${v || 'none'}</label>`)
  .join('\n');

/** A checkout page with `script` as its only script, in `lang`. */
const checkoutPage = (script, lang, extra = '') => `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>checkout</title>
<script type="module" src="${script}"></script></head>
<body>
<instalment-guard for="checkout" currency="CNY" preset="huabei" ${extra}></instalment-guard>
<form id="checkout" data-amount-minor="399900" action="/paid.html">
${RADIOS}
<button id="pay">pay</button>
</form>
</body></html>`;

/** An order-complete page with `script` as its only script, in `lang`. */
const orderPage = (script, lang) => `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>paid</title>
<script type="module" src="${script}"></script></head>
<body>
<instalment-remedy currency="CNY" amount-minor="399900" paid-with="huabei" preset="huabei" status="unshipped"></instalment-remedy>
</body></html>`;

/**
 * Opens `html` as /entries-test/page.html under the demo's CSP (served by the test itself, so
 * the package's own files come from the real server). `delay(url)` may hold a package file back
 * (ms), or return 'abort' or 'never'. Records what the page's own code hears.
 */
async function open(html, { delay = () => 0 } = {}) {
  const { context, page, record } = await openPage(browser);
  await page.route('**/entries-test/page.html', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', headers: { 'Content-Security-Policy': csp }, body: html }));
  await page.route('**/paid.html*', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: 'paid' }));
  const pending = [];
  await page.route('**/pkg/web/**', async (route) => {
    const d = delay(route.request().url());
    if (d === 'abort') return route.abort();
    if (d === 'never') return void pending.push(route);
    if (d) await new Promise((r) => setTimeout(r, d));
    return route.continue().catch(() => {});
  });
  // The page's own submit handler, counting what it would send: it runs after the guard's.
  await page.addInitScript(() => {
    window.__sent = [];
    document.addEventListener('DOMContentLoaded', () => {
      const form = document.getElementById('checkout');
      // Every value the form's aria-busy takes, in order.
      window.__busy = [];
      if (form) {
        new MutationObserver(() => window.__busy.push(form.getAttribute('aria-busy')))
          .observe(form, { attributes: true, attributeFilter: ['aria-busy'] });
      }
      form?.addEventListener('submit', (e) => {
        if (e.defaultPrevented) return;
        e.preventDefault();
        const data = new FormData(form);
        window.__sent.push({ plan: data.get('instalment_plan'), report: data.get('instalment_guard') });
      });
    });
  });
  await page.goto(`${server.origin}/entries-test/page.html`);
  return { context, page, record, pending };
}

const packageFiles = (record) => [...new Set(record.requests
  .filter((u) => u.includes('/pkg/web/'))
  .map((u) => new URL(u).pathname.replace('/pkg/web/', '')))].sort();

/** When each package file was requested, relative to the page's load event (ms; < 0 before it). */
const sinceLoad = (page) => page.evaluate(() => {
  const nav = performance.getEntriesByType('navigation')[0];
  return performance.getEntriesByType('resource')
    .filter((r) => r.name.includes('/pkg/web/'))
    .map((r) => ({ file: new URL(r.name).pathname.replace('/pkg/web/', ''), at: r.startTime - nav.loadEventStart }));
});

const pattern = (files) => files
  .map((f) => (/^locale-/.test(f) ? f.replace(/^(locale-.+?-(?:checkout|order))-[^.]+\.js$/, '$1-#.js') : f.replace(/-[\w-]+\.(js|wasm)$/, '-#.$1')))
  .sort();

describe('each entry loads only its own page\'s files', () => {
  // Each with the one catalogue of the page's language: never another language's texts.
  const cases = [
    ['element.js, a checkout', (l) => checkoutPage('/pkg/web/element.js', l), (l) => ['catalogue-#.js', 'checkout-#.js', 'checkout-#.wasm', 'element.js', `locale-${l}-checkout-#.js`, 'shell-#.js']],
    ['checkout.js, a checkout', (l) => checkoutPage('/pkg/web/checkout.js', l), (l) => ['catalogue-#.js', 'checkout-#.js', 'checkout-#.wasm', 'checkout.js', `locale-${l}-checkout-#.js`, 'shell-#.js']],
    ['element.js, an order page', (l) => orderPage('/pkg/web/element.js', l), (l) => ['catalogue-#.js', 'element.js', `locale-${l}-order-#.js`, 'order-#.js', 'order-#.wasm', 'shell-#.js']],
    ['order.js, an order page', (l) => orderPage('/pkg/web/order.js', l), (l) => ['catalogue-#.js', `locale-${l}-order-#.js`, 'order-#.js', 'order-#.wasm', 'order.js', 'shell-#.js']],
  ];
  for (const [what, html, files] of cases) {
    for (const lang of ['zh-CN', 'en']) {
      const expected = files(lang);
      it(`${what} in ${lang}: only its files, the shell alone before the load event, and it ${what.includes('order') ? 'renders' : 'reminds'}`, async () => {
        const { context, page, record } = await open(html(lang));
        try {
          const tag = what.includes('order') ? 'instalment-remedy' : 'instalment-guard';
          await elementReady(page, tag);
          if (tag === 'instalment-guard') {
            await page.click('#pay');
            await dialog(page).waitFor();
            assert.equal((await dialog(page).locator('h2').textContent()).trim(), DIALOG_TITLES[lang]);
          } else {
            const summary = await page.evaluate(() => document.querySelector('instalment-remedy').shadowRoot.querySelector('summary')?.textContent);
            assert.ok(summary && summary.length > 5, `the remedy's line shows: ${summary}`);
            assert.equal(/[\u4e00-\u9fff]/.test(summary), lang === 'zh-CN', summary);
          }
          assert.deepEqual(pattern(packageFiles(record)), expected);
          // Before the load event: the one-line embed fetches its shell and nothing else. A page's
          // own entry exports its JS API, so its glue comes with it; never its wasm.
          const early = what.startsWith('element.js') ? /^(element\.js|shell-[\w-]+\.js)$/ : /\.js$/;
          for (const r of await sinceLoad(page)) {
            if (r.at < 0) assert.match(r.file, early, `${r.file} was requested ${-r.at} ms before the load event`);
          }
          assert.deepEqual(record.errors, []);
          assert.deepEqual(record.violations, []);
        } finally {
          await context.close();
        }
      });
    }
  }
});

describe('a submit made before the guard is ready', () => {
  const sent = (page) => page.evaluate(() => window.__sent);
  const isWasm = (url) => /\/checkout-[\w-]+\.wasm$/.test(url);

  it('the wasm arrives 1 s late and the shopper presses pay at once: the reminder opens; nothing is sent before the answer', async () => {
    const { context, page } = await open(checkoutPage('/pkg/web/element.js', 'en'), { delay: (u) => (isWasm(u) ? 1000 : 0) });
    try {
      await page.waitForFunction(() => customElements.get('instalment-guard'));
      await page.click('#pay');
      await dialog(page).waitFor({ timeout: DEADLINE });
      assert.deepEqual(await sent(page), [], 'nothing was sent before the shopper answered');
      assert.deepEqual(await page.evaluate(() => window.__busy), ['true', null], 'the form was busy while held, and only then');
      await page.waitForTimeout(150); // the reminder takes no press that began before it opened
      await dialog(page).locator('[data-plan="huabei-6"]').click();
      await page.waitForFunction(() => window.__sent.length === 1);
      assert.deepEqual(await sent(page), [{ plan: 'huabei-6', report: 'reminded' }]);
    } finally {
      await context.close();
    }
  });

  it('a second press during the hold joins the first: one reminder, one submit', async () => {
    const { context, page } = await open(checkoutPage('/pkg/web/element.js', 'en'), { delay: (u) => (isWasm(u) ? 800 : 0) });
    try {
      await page.waitForFunction(() => customElements.get('instalment-guard'));
      await page.click('#pay');
      // Pressed again while the first press waits (page code may also call requestSubmit()).
      await page.evaluate(() => {
        document.getElementById('pay').click();
        document.getElementById('checkout').requestSubmit();
      });
      await dialog(page).waitFor({ timeout: DEADLINE });
      await page.waitForTimeout(150);
      await dialog(page).locator('[part~="pay-in-full"]').click();
      await page.waitForFunction(() => window.__sent.length === 1);
      await page.waitForTimeout(300);
      assert.deepEqual(await sent(page), [{ plan: '', report: 'reminded' }]);
    } finally {
      await context.close();
    }
  });

  for (const [how, delay] of [['fails to load', 'abort'], ['never arrives', 'never']]) {
    it(`the wasm ${how}: exactly one submit, with its button, and the form is no longer busy`, async () => {
      const { context, page } = await open(checkoutPage('/pkg/web/element.js', 'en'), { delay: (u) => (isWasm(u) ? delay : 0) });
      try {
        await page.waitForFunction(() => customElements.get('instalment-guard'));
        await page.evaluate(() => document.getElementById('checkout').addEventListener('submit', (e) => {
          window.__submitter = e.submitter?.id ?? null;
        }));
        await page.click('#pay');
        await page.waitForFunction(() => window.__sent.length === 1, null, { timeout: DEADLINE });
        await page.waitForTimeout(how === 'never arrives' ? 300 : HOLD_MS + 300);
        assert.deepEqual(await sent(page), [{ plan: '', report: null }], 'one submit, and no word about a guard that never decided');
        assert.equal(await page.evaluate(() => window.__submitter), 'pay');
        assert.equal(await page.getAttribute('#checkout', 'aria-busy'), null);
        assert.equal(await dialog(page).count(), 0, 'no reminder');
      } finally {
        await context.close();
      }
    });
  }

  it('the element taken out of the page during a hold: the submit goes on, once; moved, it keeps waiting', async () => {
    const { context, page } = await open(checkoutPage('/pkg/web/element.js', 'en'), { delay: (u) => (isWasm(u) ? 1000 : 0) });
    try {
      await page.waitForFunction(() => customElements.get('instalment-guard'));
      await page.click('#pay');
      // Moved within the page (a framework re-rendering): still held, and the reminder comes.
      await page.evaluate(() => document.body.append(document.querySelector('instalment-guard')));
      await page.waitForTimeout(50);
      assert.deepEqual(await sent(page), []);
      await dialog(page).waitFor({ timeout: DEADLINE });
      await page.waitForTimeout(150);
      await dialog(page).locator('[part~="pay-in-full"]').click();
      await page.waitForFunction(() => window.__sent.length === 1);
      // A second page, where the element goes away while the submit waits.
      const second = await open(checkoutPage('/pkg/web/element.js', 'en'), { delay: (u) => (isWasm(u) ? 'never' : 0) });
      try {
        await second.page.waitForFunction(() => customElements.get('instalment-guard'));
        await second.page.click('#pay');
        await second.page.evaluate(() => document.querySelector('instalment-guard').remove());
        await second.page.waitForFunction(() => window.__sent.length === 1, null, { timeout: 500 });
        await second.page.waitForTimeout(HOLD_MS + 300);
        assert.equal((await second.page.evaluate(() => window.__sent)).length, 1);
        assert.equal(await second.page.getAttribute('#checkout', 'aria-busy'), null);
      } finally {
        await second.context.close();
      }
    } finally {
      await context.close();
    }
  });

  it('pagehide during a hold: nothing is submitted after the page comes back, even when the wasm arrives', async () => {
    const { context, page } = await open(checkoutPage('/pkg/web/element.js', 'en'), { delay: (u) => (isWasm(u) ? 1000 : 0) });
    try {
      await page.waitForFunction(() => customElements.get('instalment-guard'));
      await page.click('#pay');
      // Leaving for the back-forward cache, then coming back from it, as a browser tells a page.
      await page.evaluate(() => {
        dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true }));
        dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
      });
      assert.equal(await page.getAttribute('#checkout', 'aria-busy'), null);
      await page.evaluate(() => document.querySelector('instalment-guard').ready);
      await page.waitForTimeout(HOLD_MS + 300);
      assert.deepEqual(await sent(page), []);
      assert.equal(await dialog(page).count(), 0, 'no reminder opens by itself');
      // The next press is the shopper's own, and reminds.
      await page.click('#pay');
      await dialog(page).waitFor({ timeout: DEADLINE });
    } finally {
      await context.close();
    }
  });
});

describe('the report field', () => {
  const sent = (page) => page.evaluate(() => window.__sent);

  it('quiet: the reasons, comma-separated; after a reminder: "reminded"; report-field="" sets none', async () => {
    const { context, page } = await open(checkoutPage('/pkg/web/element.js', 'en', 'remind-max-per-checkout="0"'));
    try {
      await elementReady(page);
      await page.click('#pay');
      await page.waitForFunction(() => window.__sent.length === 1);
      const [{ report }] = await sent(page);
      const reasons = await page.evaluate(() => document.querySelector('instalment-guard').assess().reasons);
      assert.equal(report, `quiet:${reasons.join(',')}`);
      assert.ok(reasons.length > 0, report);
      await page.evaluate(() => document.querySelector('instalment-guard').setAttribute('report-field', ''));
      await page.evaluate(() => {
        document.querySelector('input[name=instalment_guard]').remove();
        return document.querySelector('instalment-guard').ready;
      });
      await page.waitForFunction(() => document.querySelector('instalment-guard').error === null);
      await page.click('#pay');
      await page.waitForFunction(() => window.__sent.length === 2);
      assert.equal((await sent(page))[1].report, null);
    } finally {
      await context.close();
    }
  });

  it('renamed with report-field, and "reminded" on every submit after the reminder', async () => {
    const { context, page } = await open(checkoutPage('/pkg/web/element.js', 'en', 'report-field="guard_said"'));
    try {
      await elementReady(page);
      await page.click('#pay');
      await dialog(page).waitFor();
      await page.waitForTimeout(150);
      await dialog(page).locator('[part~="close"]').click();
      await page.click('#pay');
      await page.waitForFunction(() => window.__sent.length === 1);
      assert.equal(await page.evaluate(() => new FormData(document.getElementById('checkout')).get('guard_said')), 'reminded');
    } finally {
      await context.close();
    }
  });
});

describe('a change of language fetches that language\'s catalogue, and keeps the old text until it comes', () => {
  const summary = (page) => page.evaluate(() => document.querySelector('instalment-remedy').shadowRoot.querySelector('summary')?.textContent ?? '');
  const han = /[\u4e00-\u9fff]/;

  for (const [how, change] of [
    ['<html lang>', (page) => page.evaluate(() => { document.documentElement.lang = 'en'; })],
    ['the locale attribute', (page) => page.evaluate(() => document.querySelector('instalment-remedy').setAttribute('locale', 'en-GB'))],
  ]) {
    it(`${how}: zh-CN stays on screen while the en catalogue is on its way, then en`, async () => {
      const { context, page, record, pending } = await open(orderPage('/pkg/web/element.js', 'zh-CN'), {
        delay: (url) => (url.includes('/locale-en-') ? 'never' : 0),
      });
      try {
        await elementReady(page, 'instalment-remedy');
        assert.match(await summary(page), han);
        const asked = page.waitForRequest((r) => r.url().includes('/locale-en-order-'), { timeout: DEADLINE });
        await change(page);
        // The catalogue is requested, and until it arrives the Chinese text stays.
        await asked;
        await page.waitForTimeout(200);
        const meanwhile = await summary(page);
        assert.match(meanwhile, han, `the old text stays while the new one is on its way: "${meanwhile}"`);
        for (const route of pending) await route.continue();
        await page.waitForFunction(() => !/[\u4e00-\u9fff]/.test(document.querySelector('instalment-remedy').shadowRoot.querySelector('summary')?.textContent ?? '上'), null, { timeout: DEADLINE });
        assert.ok((await summary(page)).length > 5);
        assert.deepEqual(pattern(packageFiles(record)).filter((f) => f.startsWith('locale-')), ['locale-en-order-#.js', 'locale-zh-CN-order-#.js']);
        assert.deepEqual(record.errors, []);
      } finally {
        await context.close();
      }
    });
  }

  it('a checkout whose <html lang> changes reminds in the new language', async () => {
    const { context, page, record } = await open(checkoutPage('/pkg/web/element.js', 'zh-CN'));
    try {
      await elementReady(page, 'instalment-guard');
      const arrived = page.waitForResponse((r) => r.url().includes('/locale-zh-TW-checkout-'), { timeout: DEADLINE });
      await page.evaluate(() => { document.documentElement.lang = 'zh-Hant-TW'; });
      await arrived;
      await page.waitForTimeout(100);
      await page.click('#pay');
      await dialog(page).waitFor();
      assert.equal((await dialog(page).locator('h2').textContent()).trim(), DIALOG_TITLES['zh-TW']);
      assert.deepEqual(record.errors, []);
    } finally {
      await context.close();
    }
  });

  it('a catalogue that cannot be fetched lets the submit through, once', async () => {
    const { context, page, record } = await open(checkoutPage('/pkg/web/element.js', 'zh-CN'), {
      delay: (url) => (url.includes('/locale-') ? 'abort' : 0),
    });
    try {
      await page.click('#pay');
      await page.waitForFunction(() => window.__sent.length > 0, null, { timeout: DEADLINE });
      await page.waitForTimeout(300);
      assert.deepEqual(await page.evaluate(() => window.__sent), [{ plan: '', report: null }]);
      assert.equal(await dialog(page).count(), 0);
      assert.ok(record.warnings.some((w) => w.includes('could not load')), record.warnings.join('\n'));
    } finally {
      await context.close();
    }
  });
});

describe('a CheckoutGuard built by hand from the checkout entry', () => {
  it('has the page\'s language after init(); another needs loadLocale(), and a language of no one\'s is refused', async () => {
    const html = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>by hand</title></head>
<body><form id="checkout" data-amount-minor="399900" action="/paid.html">${RADIOS}<button id="pay">pay</button></form></body></html>`;
    const { context, page, record } = await open(html);
    try {
      const r = await page.evaluate(async () => {
        const m = await import('/pkg/web/checkout.js');
        await m.default();
        const form = document.getElementById('checkout');
        const out = {};
        const attempt = (f) => {
          try {
            return f();
          } catch (e) {
            return { code: e.code, field: e.field, message: e.message };
          }
        };
        out.en = attempt(() => new m.CheckoutGuard(form, { currency: 'CNY', locale: 'en' }));
        out.fr = await m.loadLocale('fr').then(() => 'loaded', (e) => ({ code: e.code, field: e.field }));
        await m.loadLocale('en-GB');
        const guard = attempt(() => new m.CheckoutGuard(form, { currency: 'CNY', locale: 'en' }));
        out.afterLoad = guard instanceof m.CheckoutGuard;
        window.guard = guard;
        return out;
      });
      assert.equal(r.en.code, 'INVALID_STATE');
      assert.equal(r.en.field, 'locale');
      assert.match(r.en.message, /loadLocale\("en"\)/);
      assert.deepEqual(r.fr, { code: 'INVALID_CONFIG', field: 'locale' });
      assert.equal(r.afterLoad, true);
      await page.click('#pay');
      await dialog(page).waitFor();
      assert.equal((await dialog(page).locator('h2').textContent()).trim(), DIALOG_TITLES.en);
      const locales = pattern(packageFiles(record)).filter((f) => f.startsWith('locale-'));
      assert.deepEqual(locales, ['locale-en-checkout-#.js', 'locale-zh-CN-checkout-#.js']);
      assert.deepEqual(record.errors, []);
    } finally {
      await context.close();
    }
  });
});
