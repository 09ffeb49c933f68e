// Nothing spills out of its box on a phone: at 320, 360 and 375 px, in every jurisdiction and
// language, no text or element of the reminder reaches past its plan card or the dialog, and none
// of the order page's <instalment-remedy> past its own box (UK's "0.00% (interest free)" and
// "APR representative" once did). What is clipped away for screen readers only is not on screen.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  LANGS, axe, configurePlainCheckout, describeViolations, dialog, injectAxe, plainCheckout, plainCheckoutReady, repoPages, screenshotPath, settle, withPage,
} from './helpers.mjs';

const live = repoPages();

const WIDTHS = [320, 360, 375];
const AMOUNT = 100001;
// An interest-free plan (UK: "0.00% (interest free)"), an annuity and a flat fee, under the ids
// the fixture's plan field offers.
const PLANS = [
  { id: 'huabei-3', periods: 3, fee: { model: 'interestFree' } },
  { id: 'huabei-6', periods: 6, fee: { model: 'annuity', annualRate: '0.12' } },
  { id: 'huabei-12', periods: 12, fee: { model: 'flatTotal', rate: '0.075' } },
];
const CURRENCY = { cn: 'CNY', us: 'USD', eu: 'EUR', uk: 'GBP' };

/**
 * Everything under `outer` (in the shadow root of `host`, itself inside the viewport) that is
 * wider than its box: an element whose content scrolls or spills past it, and an element or a
 * line of text reaching past its card (`cards`, a selector) or else `outer` itself.
 */
function spills(page, host, outer, cards) {
  return page.evaluate(([host, outer, cards]) => {
    const root = document.querySelector(host).shadowRoot;
    const box = root.querySelector(outer);
    const found = [];
    const name = (el) => `${el.localName}${el.getAttribute('part') ? `[${el.getAttribute('part')}]` : ''}`;
    const beyond = (r, b) => r.left < b.left - 1 || r.right > b.right + 1;
    const edges = (r) => `${Math.round(r.left)}–${Math.round(r.right)}`;
    const b = box.getBoundingClientRect();
    if (b.left < -1 || b.right > document.documentElement.clientWidth + 1) {
      found.push(`${name(box)} ${edges(b)} is wider than the viewport (${document.documentElement.clientWidth})`);
    }
    const cardOf = (el) => el.closest(cards) ?? box;
    // Visually hidden for assistive technology only (clipped to nothing): not on screen.
    const clipped = (el) => {
      for (let e = el; e && e !== box; e = e.parentElement) if (getComputedStyle(e).clipPath !== 'none') return true;
      return false;
    };
    for (const el of box.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if ((r.width === 0 && r.height === 0) || clipped(el)) continue;
      if (el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1) {
        found.push(`${name(el)} "${el.textContent.slice(0, 50)}" is ${el.scrollWidth} px wide in ${el.clientWidth} px`);
      }
      const card = el === box ? null : cardOf(el.parentElement);
      if (card && beyond(r, card.getBoundingClientRect())) {
        found.push(`${name(el)} "${el.textContent.slice(0, 50)}" ${edges(r)} reaches past ${name(card)} ${edges(card.getBoundingClientRect())}`);
      }
    }
    // Each line of text, measured as laid out.
    const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      if (!t.data.trim() || clipped(t.parentElement)) continue;
      const range = document.createRange();
      range.selectNodeContents(t);
      const card = cardOf(t.parentElement).getBoundingClientRect();
      for (const r of range.getClientRects()) {
        if (r.width > 0 && beyond(r, card)) found.push(`"${t.data.slice(0, 50)}" ${edges(r)} reaches past ${edges(card)}`);
      }
    }
    return found;
  }, [host, outer, cards]);
}

describe('the reminder fits a phone', () => {
  for (const j of ['cn', 'us', 'eu', 'uk']) {
    for (const locale of LANGS) {
      it(`${j} in ${locale} at ${WIDTHS.join(', ')} px: nothing wider than its card or the dialog`, async () => {
        await withPage(live.browser, { viewport: { width: WIDTHS[0], height: 700 } }, async (page) => {
          await configurePlainCheckout(page, live.server.origin, { disclosure: j, locale, currency: CURRENCY[j], plans: PLANS, amount: AMOUNT });
          // The shopper's own repayments add the repayments line.
          await page.evaluate(() => document.querySelector('instalment-guard').update({
            commitments: { count: 2, monthlyMinor: 80000 }, monthlyIncomeMinor: 1500000,
          }));
          await page.click('#pay');
          await dialog(page).waitFor();
          // Every plan's cost details opened: their paragraphs must fit too.
          await page.evaluate(() => {
            for (const d of document.querySelector('instalment-guard-dialog').shadowRoot.querySelectorAll('details')) d.open = true;
          });
          for (const width of WIDTHS) {
            await page.setViewportSize({ width, height: 700 });
            await settle(page);
            const found = await spills(page, 'instalment-guard-dialog', 'dialog', '[part~="plan"],[part~="pay-in-full"]');
            assert.deepEqual(found, [], `${j} ${locale} at ${width} px:\n${found.join('\n')}`);
          }
        });
      });
    }
  }
});

describe('help after paying fits a phone', () => {
  for (const locale of LANGS) {
    it(`${locale} at ${WIDTHS.join(', ')} px: the opened remedy, nothing wider than its box`, async () => {
      await withPage(live.browser, { viewport: { width: WIDTHS[0], height: 700 } }, async (page) => {
        await page.goto(plainCheckout(live.server.origin, 'full'));
        await plainCheckoutReady(page);
        await page.evaluate((locale) => {
          const el = document.createElement('instalment-remedy');
          for (const [k, v] of Object.entries({
            currency: 'CNY', 'amount-minor': '480690', 'paid-with': 'huabei', preset: 'huabei',
            status: 'unshipped', 'lost-on-rebuy-minor': '2000', reminded: 'false', 'quiet-reasons': 'UNLIKELY', locale,
          })) el.setAttribute(k, v);
          document.body.prepend(el);
        }, locale);
        await page.waitForFunction(() => document.querySelector('instalment-remedy').shadowRoot?.querySelector('details'));
        await page.evaluate(() => { document.querySelector('instalment-remedy').shadowRoot.querySelector('details').open = true; });
        for (const width of WIDTHS) {
          await page.setViewportSize({ width, height: 700 });
          await settle(page);
          const found = await spills(page, 'instalment-remedy', 'details', 'tr,section');
          assert.deepEqual(found, [], `${locale} at ${width} px:\n${found.join('\n')}`);
          if (width === 375) await page.locator('instalment-remedy').screenshot({ path: screenshotPath(`remedy-${locale}-375`) });
        }
        // Stacked on a phone, it is still a table to assistive technology.
        await injectAxe(page, live.server.origin);
        const violations = await axe(page, { include: [{ fromShadowDom: ['instalment-remedy', 'details'] }] });
        assert.deepEqual(violations, [], describeViolations(violations));
        const roles = await page.evaluate(() => {
          const t = document.querySelector('instalment-remedy').shadowRoot.querySelector('table');
          return { display: getComputedStyle(t).display, role: t.getAttribute('role'), headers: t.querySelectorAll('[role=columnheader]').length };
        });
        assert.deepEqual(roles, { display: 'block', role: 'table', headers: 5 });
      });
    });
  }
});
