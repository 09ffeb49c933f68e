// What a shopper reads on each plan card, in every jurisdiction and language: the payments on the
// card add up to the total it shows (a first or last payment that differs is named there, not
// only in the collapsed details), the card says what a tap does as plainly as pay in full, and a
// malformed amount from the page under an open reminder leaves the last good figures on screen.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  LANGS, configurePlainCheckout, dialog, pureFunctions, repoPages, settle, withPage,
} from './helpers.mjs';

const live = repoPages();

// 1,000.01 in each currency: its odd cent makes the interest-free and flat-fee plans' first
// payment differ, and the annuity's last.
const AMOUNT = 100001;
const PLANS = [
  { id: 'huabei-3', periods: 3, fee: { model: 'interestFree' } },
  { id: 'huabei-6', periods: 6, fee: { model: 'annuity', annualRate: '0.12' } },
  { id: 'huabei-12', periods: 12, fee: { model: 'flatTotal', rate: '0.075' } },
];
const CURRENCY = { cn: 'CNY', us: 'USD', eu: 'EUR', uk: 'GBP', none: 'CNY' };
const CHOOSE = { 'zh-CN': '选这个方案并付款', 'zh-TW': '選這個方案並付款', en: 'Choose this plan and pay' };

/** Configures the plain checkout's element for `disclosure` in `locale` and opens the reminder. */
export async function remind(page, disclosure, locale, { amount = AMOUNT, plans = PLANS } = {}) {
  await configurePlainCheckout(page, live.server.origin, { disclosure, locale, currency: CURRENCY[disclosure], plans, amount });
  await page.click('#pay');
  await dialog(page).waitFor();
}

/** Minor units of every amount in `text`, each with the number of payments it stands for. */
export function payments(text) {
  const plain = text.replace(/\s/g, ' ');
  return [...plain.matchAll(/(?:(\d+) × )?\D{0,4}?(\d{1,3}(?:,\d{3})*)\.(\d{2})/g)].map((m) => ({
    count: m[1] ? Number(m[1]) : 1,
    minor: Number(m[2].replace(/,/g, '')) * 100 + Number(m[3]),
  }));
}

/** Each card as the shopper sees it: its payments figure, its total and its whole text. */
const cards = (page) => page.evaluate(() => {
  const root = document.querySelector('instalment-guard-dialog').shadowRoot;
  const value = (b, part) => b.querySelector(`[part~="${part}"] [part~="value"]`)?.textContent ?? null;
  return [...root.querySelectorAll('[part~="plan"]')].map((b) => ({
    id: b.dataset.plan,
    payments: value(b, 'per-period'),
    total: value(b, 'total'),
    details: b.querySelector('[part~="details"]').textContent,
    text: b.textContent,
  }));
});

describe('each plan card adds up', () => {
  for (const j of ['cn', 'us', 'eu', 'uk', 'none']) {
    for (const locale of LANGS) {
      it(`${j} in ${locale}: the payments on each card sum to the total it shows, every payment counted`, async () => {
        const ig = await pureFunctions();
        await withPage(live.browser, { viewport: { width: 375, height: 812 } }, async (page) => {
          await remind(page, j, locale);
          const shown = await cards(page);
          assert.equal(shown.length, PLANS.length);
          const differs = { first: 0, last: 0 };
          for (const card of shown) {
            const e = ig.estimate(AMOUNT, CURRENCY[j], PLANS.find((p) => p.id === card.id));
            const paid = e.schedule.map((l) => l.paymentMinor);
            if (paid[0] !== paid[1]) differs.first += 1;
            if (paid.at(-1) !== paid.at(-2)) differs.last += 1;
            const listed = payments(card.payments);
            assert.equal(listed.reduce((n, p) => n + p.count, 0), e.periods, `${card.id}: every payment on the card: ${card.payments}`);
            const sum = listed.reduce((n, p) => n + p.count * p.minor, 0);
            // The total the card shows: a figure under a jurisdiction, the details line without one.
            const [total] = payments(card.total ?? card.details);
            assert.equal(sum, total.minor, `${card.id}: ${card.payments} adds up to ${card.total ?? card.details}`);
            assert.equal(total.minor, e.totalRepaymentMinor, card.id);
            // The payments are in order: what the card names first is the first payment.
            assert.equal(listed[0].minor, paid[0], `${card.id}: ${card.payments}`);
            assert.equal(listed.at(-1).minor, paid.at(-1), `${card.id}: ${card.payments}`);
          }
          assert.ok(differs.first > 0 && differs.last > 0, `the plans have a first and a last payment that differ: ${JSON.stringify(differs)}`);
        });
      });
    }
  }
});

describe('each plan card says what a tap does', () => {
  for (const locale of LANGS) {
    it(`${locale}: "${CHOOSE[locale]}" on every card, as heavy and as large as pay in full's words`, async () => {
      await withPage(live.browser, { viewport: { width: 375, height: 812 } }, async (page) => {
        await remind(page, 'cn', locale);
        const seen = await page.evaluate(() => {
          const root = document.querySelector('instalment-guard-dialog').shadowRoot;
          const look = (el) => {
            const s = getComputedStyle(el);
            return { weight: s.fontWeight, size: s.fontSize, color: s.color, visible: el.getBoundingClientRect().height > 0 };
          };
          return {
            full: look(root.querySelector('[part~="pay-in-full"]')),
            verbs: [...root.querySelectorAll('[part~="plan"]')].map((b) => {
              const v = b.querySelector('[part~="choose"]');
              return v && { text: v.textContent, ...look(v) };
            }),
          };
        });
        assert.equal(seen.verbs.length, PLANS.length);
        for (const verb of seen.verbs) {
          assert.ok(verb, 'the card has its verb');
          assert.equal(verb.text, CHOOSE[locale]);
          assert.ok(verb.visible);
          assert.deepEqual(
            { weight: verb.weight, size: verb.size, color: verb.color },
            { weight: seen.full.weight, size: seen.full.size, color: seen.full.color },
          );
        }
      });
    });
  }
});

describe('a malformed amount under an open reminder', () => {
  /** The open reminder's text, the element's error and the console's warnings so far. */
  const state = (page) => page.evaluate(() => {
    const d = document.querySelector('instalment-guard-dialog').shadowRoot.querySelector('dialog');
    const e = document.querySelector('instalment-guard').error;
    return { open: d.open, text: d.textContent, error: e ? `${e.code} ${e.field}` : null };
  });

  for (const [name, spoil] of [
    ['"1111.11"', (form) => form.setAttribute('data-amount-minor', '1111.11')],
    ['removed', (form) => form.removeAttribute('data-amount-minor')],
  ]) {
    it(`${name}: the last good figures stay, the error is told once on the console and in element.error`, async () => {
      await withPage(live.browser, {}, async (page) => {
        const warnings = [];
        page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
        await remind(page, 'cn', 'zh-CN');
        const before = await state(page);
        assert.ok(before.text.includes('1,000.01'), before.text);
        await page.evaluate(`(${spoil})(document.getElementById('checkout'))`);
        await settle(page);
        // Told again, the page's mistake is not reported twice.
        await page.evaluate(() => document.querySelector('instalment-guard').assess());
        await settle(page);
        const after = await state(page);
        assert.equal(after.open, true);
        assert.equal(after.text, before.text, 'the figures on screen are the last good ones');
        assert.equal(after.error, 'INVALID_AMOUNT data-amount-minor');
        assert.equal(warnings.filter((w) => w.includes('data-amount-minor')).length, 1, warnings.join('\n'));
        // A good amount again: the reminder shows it, and the error goes.
        await page.evaluate(() => document.getElementById('checkout').setAttribute('data-amount-minor', '200000'));
        await settle(page);
        const fixed = await state(page);
        assert.equal(fixed.error, null);
        assert.ok(fixed.text.includes('2,000.00'), fixed.text);
        assert.ok(!fixed.text.includes('1,000.01'), fixed.text);
      });
    });
  }

  it('closed again while the amount is malformed, the next submit goes through unreminded', async () => {
    await withPage(live.browser, {}, async (page) => {
      await remind(page, 'cn', 'en');
      await page.evaluate(() => document.getElementById('checkout').setAttribute('data-amount-minor', '1111.11'));
      await settle(page);
      await page.keyboard.press('Escape');
      await settle(page);
      const verdict = await page.evaluate(() => document.querySelector('instalment-guard').assess());
      assert.deepEqual(verdict.reasons, ['AMOUNT_UNKNOWN']);
      await page.click('#pay');
      await settle(page);
      assert.deepEqual((await page.evaluate(() => window.__seen.submits)), ['']);
    });
  });
});
