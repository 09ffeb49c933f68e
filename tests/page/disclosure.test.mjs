// The reminder shows each jurisdiction's disclosure under each plan, in each language: the
// prominent figure first and at least as large as every other figure of its plan, the paragraph
// collapsed, the warning once, pay in full and the first plan on screen at 360 × 640, no
// evaluative words under the EU's and UK's rules, and axe finding nothing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  LANGS, axe, configurePlainCheckout, describeViolations, dialog, injectAxe,
  pureFunctions, repoPages, withPage,
} from './helpers.mjs';

const live = repoPages();

const AMOUNT = 120000;
// Two annuity plans in the shop's currency (the presets are priced in CNY), under ids the
// fixture's plan field offers.
const PLANS = [
  { id: 'huabei-6', periods: 6, fee: { model: 'annuity', annualRate: '0.12' } },
  { id: 'huabei-12', periods: 12, fee: { model: 'annuity', annualRate: '0.099' } },
];
const CURRENCY = { cn: 'CNY', us: 'USD', eu: 'EUR', uk: 'GBP', none: 'CNY' };

/** Configures the plain checkout's element and opens the reminder. */
async function remind(page, disclosure, locale, extra = {}) {
  await configurePlainCheckout(page, live.server.origin, {
    disclosure, locale, currency: CURRENCY[disclosure ?? 'none'], plans: PLANS, amount: 120000, extra,
  });
  await page.click('#pay');
  await dialog(page).waitFor();
}

/** Each plan's figures as laid out: part, caption, value, font size and top. */
function figures(page) {
  return page.evaluate(() => {
    // The reminder on screen: the host whose dialog is open.
    const root = [...document.querySelectorAll('instalment-guard-dialog')].find((h) => h.shadowRoot.querySelector('dialog[open]')).shadowRoot;
    return [...root.querySelectorAll('[part~="plan"]')].map((b) => ({
      id: b.dataset.plan,
      tag: !!b.querySelector('[part~="tag"]'),
      figures: [...b.querySelectorAll('[part~="figure"]')].map((f) => {
        const v = f.querySelector('[part~="value"]');
        return {
          part: f.getAttribute('part'),
          caption: f.querySelector('[part~="caption"]').textContent,
          value: v.textContent,
          size: parseFloat(getComputedStyle(v).fontSize),
          top: v.getBoundingClientRect().top,
        };
      }),
      summary: b.parentElement.querySelector('details[part~="summary"]')?.textContent ?? null,
      summaryOpen: b.parentElement.querySelector('details[part~="summary"]')?.open ?? null,
    }));
  });
}

const count = (page, part) =>
  page.evaluate((p) => [...document.querySelectorAll('instalment-guard-dialog')]
    .find((h) => h.shadowRoot.querySelector('dialog[open]')).shadowRoot.querySelectorAll(`[part~="${p}"]`).length, part);

describe('the disclosure under each plan', () => {
  for (const j of ['cn', 'us', 'eu', 'uk']) {
    for (const locale of LANGS) {
      it(`${j} in ${locale}: disclose()'s items in order, the prominent one first and largest, the paragraph collapsed`, async () => {
        const ig = await pureFunctions();
        await withPage(live.browser, { viewport: { width: 360, height: 640 } }, async (page) => {
          await remind(page, j, locale);
          const shown = await figures(page);
          assert.equal(shown.length, PLANS.length);
          for (const plan of shown) {
            const e = ig.estimate(AMOUNT, CURRENCY[j], PLANS.find((p) => p.id === plan.id));
            const d = ig.disclose(e, j, { locale, cashPriceMinor: AMOUNT });
            assert.deepEqual(plan.figures.map((f) => f.caption), d.items.map((i) => i.label), plan.id);
            const [first, ...rest] = plan.figures;
            assert.ok(first.part.includes('prominent'), first.part);
            assert.equal(d.items[0].key, d.prominent);
            for (const other of rest) {
              assert.ok(first.size >= other.size, `${first.caption} ${first.size}px ≥ ${other.caption} ${other.size}px`);
              assert.ok(first.top <= other.top, `${first.caption} above or beside ${other.caption}`);
            }
            assert.ok(first.value.includes(d.items[0].text.split(' ')[0]), `${first.value} shows ${d.items[0].text}`);
            assert.equal(plan.summary.endsWith(d.summary), true, plan.summary);
            assert.equal(plan.summaryOpen, false, 'the paragraph starts collapsed');
            // No evaluative words of our own under the EU's and UK's rules.
            if (j === 'eu' || j === 'uk') assert.equal(plan.tag, false);
          }
          assert.equal(await count(page, 'warning'), j === 'eu' ? 1 : 0, 'the warning once, for the EU');
          assert.equal(await count(page, 'reason'), j === 'eu' || j === 'uk' ? 0 : 1, 'no plan called recommended in the EU and UK');
          // Pay in full and the first plan on screen, without scrolling.
          const inView = (sel) => page.evaluate((s) => {
            const r = [...document.querySelectorAll('instalment-guard-dialog')].find((h) => h.shadowRoot.querySelector('dialog[open]')).shadowRoot.querySelector(s).getBoundingClientRect();
            return r.top >= 0 && r.bottom <= innerHeight && r.height > 0;
          }, sel);
          assert.ok(await inView('[part~="pay-in-full"]'), 'pay in full is on screen');
          assert.ok(await inView('[part~="plan"]'), 'the first plan is on screen');
          await injectAxe(page, live.server.origin);
          const violations = await axe(page, { include: [{ fromShadowDom: ['instalment-guard-dialog', 'dialog'] }] });
          assert.deepEqual(violations, [], describeViolations(violations));
        });
      });
    }
  }

  it('"none" keeps the per-period amount, the fee and the annualised rate side by side, equally large', async () => {
    await withPage(live.browser, {}, async (page) => {
      await remind(page, 'none', 'en');
      const [plan] = await figures(page);
      assert.deepEqual(plan.figures.map((f) => f.part), ['figure per-period', 'figure fee', 'figure apr']);
      assert.equal(new Set(plan.figures.map((f) => f.size)).size, 1, 'one size for every figure');
      assert.equal(plan.summary, null);
    });
  });

  it('promotion text is shown as plain text, never HTML', async () => {
    await withPage(live.browser, {}, async (page) => {
      const text = 'Credit provided by Example Lender Ltd. <b>Representative</b> & approved';
      await remind(page, 'uk', 'en', { 'promotion-text': text });
      const shown = await page.evaluate(() => {
        const p = [...document.querySelectorAll('instalment-guard-dialog')].find((h) => h.shadowRoot.querySelector('dialog[open]')).shadowRoot.querySelector('[part~="promotion"]');
        return { text: p.textContent, elements: p.children.length };
      });
      assert.deepEqual(shown, { text, elements: 0 });
    });
  });
});
