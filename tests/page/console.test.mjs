// What a storefront developer's console says about their own mistakes: a page language the
// reminder does not speak, a misspelled attribute, and a guard that stays quiet at a submit. Each
// is said once, and nothing is said for what is fine (region tags, HTML's and frameworks' own
// attributes). Pages are written by the test and load the web build as the quick start does.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DIALOG_TITLES, dialog, repoPages, withPage } from './helpers.mjs';

const live = repoPages();

/**
 * Opens a page of `body` under `<html lang>` (`lang` null: no attribute), served beside the
 * repository so /pkg/web/element.js is the package. Every console line is kept as [type, text].
 * The form's own submit handler stops the navigation and counts submits in window.submits.
 */
async function open(page, { lang = 'zh-CN', body }) {
  const lines = [];
  page.on('console', (m) => lines.push([m.type(), m.text()]));
  page.on('pageerror', (e) => lines.push(['pageerror', String(e)]));
  const url = `${live.server.origin}/console-test/page.html`;
  await page.route(url, (route) => route.fulfill({
    contentType: 'text/html; charset=utf-8',
    body: `<!doctype html><html${lang === null ? '' : ` lang="${lang}"`}><meta charset="utf-8"><title>console</title>
<script type="module" src="/pkg/web/element.js"></script>
<script type="module" src="/console-test/count.js"></script>
${body}`,
  }));
  await page.route(`${live.server.origin}/console-test/count.js`, (route) => route.fulfill({
    contentType: 'text/javascript',
    body: `window.submits = 0;
document.addEventListener('submit', (e) => { e.preventDefault(); window.submits += 1; });`,
  }));
  await page.goto(url);
  await page.waitForFunction(() => customElements.get('instalment-guard') && typeof window.submits === 'number');
  return lines;
}

const FORM = (amount = '111111') => `<form id="checkout"${amount === null ? '' : ` data-amount-minor="${amount}"`}>
<select name="instalment_plan"><option value="">none</option><option value="huabei-3">3</option><option value="huabei-6">6</option><option value="huabei-12">12</option></select>
<button id="pay">pay</button></form>`;

const of = (lines, type) => lines.filter(([t]) => t === type).map(([, text]) => text);

/** Presses pay, and returns the reminder's lang, closing it; null when none opened. */
async function remindedIn(page) {
  await page.click('#pay');
  const opened = await dialog(page).waitFor({ timeout: 3000 }).then(() => true, () => false);
  if (!opened) return null;
  const lang = await dialog(page).getAttribute('lang');
  await page.keyboard.press('Escape');
  await dialog(page).waitFor({ state: 'hidden' });
  return lang;
}

describe('region locales', () => {
  for (const [tag, want] of [['en-US', 'en'], ['zh-cn', 'zh-CN'], ['ZH-hant-HK', 'zh-TW'], ['zh_TW', 'zh-TW'], ['zh', 'zh-CN']]) {
    it(`locale="${tag}" on the element reminds in ${want}`, async () => {
      await withPage(live.browser, {}, async (page) => {
        const lines = await open(page, {
          lang: 'zh-CN',
          body: `<instalment-guard for="checkout" currency="CNY" locale="${tag}"></instalment-guard>${FORM()}`,
        });
        assert.equal(await page.evaluate(() => document.querySelector('instalment-guard').error), null);
        assert.equal(await remindedIn(page), want);
        assert.deepEqual([...of(lines, 'warning'), ...of(lines, 'error'), ...of(lines, 'pageerror')], []);
      });
    });
  }

  for (const [lang, want] of [['en-GB', 'en'], ['zh-HK', 'zh-TW'], [null, 'zh-CN'], ['', 'zh-CN']]) {
    it(`<html${lang === null ? '' : ` lang="${lang}"`}> reminds in ${want}, silently`, async () => {
      await withPage(live.browser, {}, async (page) => {
        const lines = await open(page, { lang, body: `<instalment-guard for="checkout" currency="CNY"></instalment-guard>${FORM()}` });
        assert.equal(await remindedIn(page), want);
        assert.deepEqual(of(lines, 'warning'), []);
      });
    });
  }

  it('<html lang="fr"> gives English, with one console warning for the whole page', async () => {
    await withPage(live.browser, {}, async (page) => {
      const lines = await open(page, {
        lang: 'fr',
        body: `<instalment-guard for="checkout" currency="CNY"></instalment-guard>${FORM()}
<instalment-remedy currency="CNY" amount-minor="111111" paid-with="huabei" preset="huabei"></instalment-remedy>`,
      });
      assert.equal(await page.evaluate(() => document.querySelector('instalment-guard').error), null);
      await page.click('#pay');
      await dialog(page).waitFor();
      assert.equal(await dialog(page).getAttribute('lang'), 'en');
      assert.equal((await dialog(page).locator('h2').textContent()).trim(), DIALOG_TITLES.en);
      await page.keyboard.press('Escape');
      // The order page's element follows the same rule, and the warning is not repeated by it, by
      // a rebuild, or by a guard made from the JS API.
      assert.equal(await page.locator('instalment-remedy details').getAttribute('lang'), 'en');
      await page.evaluate(() => document.querySelector('instalment-guard').setAttribute('shop-id', 'rebuilt'));
      await page.evaluate(() => document.querySelector('instalment-remedy').setAttribute('amount-minor', '222222'));
      await page.waitForFunction(() => document.querySelector('instalment-remedy').shadowRoot.querySelector('details'));
      const warnings = of(lines, 'warning');
      assert.equal(warnings.length, 1, warnings.join(' | '));
      assert.match(warnings[0], /^instalment-guard: <html lang="fr"> is neither Chinese nor English, so the reminder shows English; set locale=/);
    });
  });
});

describe('misspelled attributes', () => {
  it('warn once each, naming the attribute meant; HTML\'s and frameworks\' own stay quiet', async () => {
    await withPage(live.browser, {}, async (page) => {
      const lines = await open(page, {
        body: `<instalment-guard for="checkout" currency="CNY" allow-dont-remined="false" presett="huabei"
  class="guard" id="g" hidden title="t" tabindex="-1" itemprop="x" data-v-7ba5bd90 data-shop="x" aria-label="reminder" role="region"
  _ngcontent-ng-c2193 _nghost-ng-c2193 ng-reflect-locale="en" onclick="" frobnicate="1"></instalment-guard>${FORM()}
<instalment-remedy currency="CNY" amount-minr="111111" paid-with="huabei" preset="huabei" data-v-1 aria-hidden="false"></instalment-remedy>`,
      });
      await page.waitForFunction(() => document.querySelector('instalment-guard').error === null);
      // Rebuilds and redraws read the attributes again: nothing is said twice.
      await page.evaluate(() => document.querySelector('instalment-guard').setAttribute('shop-id', 'rebuilt'));
      await page.evaluate(() => document.querySelector('instalment-remedy').setAttribute('paid-with', 'credit_card'));
      await page.evaluate(() => new Promise((r) => setTimeout(r, 50)));
      // With no attribute near it, the warning lists every attribute the element reads instead.
      const warnings = of(lines, 'warning').map((w) => w.replace(/(it reads for, currency, locale, ).*(allow-dont-remind).*$/, '$1…')).sort();
      assert.ok(of(lines, 'warning').some((w) => / it reads for, currency, locale, .*allow-dont-remind.*promotion-text$/.test(w)));
      assert.deepEqual(warnings, [
        'instalment-guard: <instalment-guard> ignores "allow-dont-remined", an attribute it does not read: did you mean "allow-dont-remind"?',
        'instalment-guard: <instalment-guard> ignores "frobnicate", an attribute it does not read: it reads for, currency, locale, …',
        'instalment-guard: <instalment-guard> ignores "presett", an attribute it does not read: did you mean "preset"?',
        'instalment-guard: <instalment-remedy> ignores "amount-minr", an attribute it does not read: did you mean "amount-minor"?',
      ].sort());
      assert.deepEqual(of(lines, 'pageerror'), []);
    });
  });

  it('a misspelled required attribute is named beside the error it causes', async () => {
    await withPage(live.browser, {}, async (page) => {
      const lines = await open(page, { body: `<instalment-guard for="checkout" currancy="CNY"></instalment-guard>${FORM()}` });
      await page.waitForFunction(() => document.querySelector('instalment-guard').error !== null);
      assert.equal(await page.evaluate(() => document.querySelector('instalment-guard').error.field), 'currency');
      assert.deepEqual(of(lines, 'warning'), [
        'instalment-guard: <instalment-guard> ignores "currancy", an attribute it does not read: did you mean "currency"?',
      ]);
    });
  });
});

describe('a quiet guard says why', () => {
  it('once per page, at info level, with the reason and what to do', async () => {
    await withPage(live.browser, {}, async (page) => {
      const lines = await open(page, { body: `<instalment-guard for="checkout" currency="CNY"></instalment-guard>${FORM(null)}` });
      await page.waitForFunction(() => document.querySelector('instalment-guard').error === null);
      await page.click('#pay');
      await page.waitForFunction(() => window.submits === 1);
      // A second quiet submit, for another reason, is not said again.
      await page.evaluate(() => document.getElementById('checkout').setAttribute('data-amount-minor', '1'));
      await page.click('#pay');
      await page.waitForFunction(() => window.submits === 2);
      const infos = of(lines, 'info');
      assert.equal(infos.length, 1, infos.join(' | '));
      assert.equal(infos[0], 'instalment-guard: no reminder at this submit: AMOUNT_UNKNOWN; set data-amount-minor on the form, '
        + 'or call update({ amountMinor }). assess() on the element or guard gives the whole verdict; said once per page.');
      assert.deepEqual(of(lines, 'warning'), []);
    });
  });

  it('UNLIKELY comes with the likelihood score and the threshold it missed', async () => {
    await withPage(live.browser, {}, async (page) => {
      const lines = await open(page, { body: `<instalment-guard for="checkout" currency="CNY" likelihood-threshold="0.99"></instalment-guard>${FORM()}` });
      await page.waitForFunction(() => document.querySelector('instalment-guard').error === null);
      const score = await page.evaluate(() => document.querySelector('instalment-guard').assess().likelihood.score);
      await page.click('#pay');
      await page.waitForFunction(() => window.submits === 1);
      assert.deepEqual(of(lines, 'info'), [
        `instalment-guard: no reminder at this submit: UNLIKELY; likelihood score ${score.toFixed(3)}, threshold 0.99 (likelihood-threshold). `
        + 'assess() on the element or guard gives the whole verdict; said once per page.',
      ]);
    });
  });

  it('a reminder is no quiet submit: nothing is said', async () => {
    await withPage(live.browser, {}, async (page) => {
      const lines = await open(page, { body: `<instalment-guard for="checkout" currency="CNY"></instalment-guard>${FORM()}` });
      assert.equal(await remindedIn(page), 'zh-CN');
      assert.deepEqual(of(lines, 'info'), []);
    });
  });
});
