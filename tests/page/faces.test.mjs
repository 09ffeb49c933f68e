// What a shopper reads on each plan card, in every jurisdiction and language: the payments on the
// card add up to the total it shows (a first or last payment that differs is named there, not
// only in the collapsed details), and the card says what a tap does as plainly as pay in full.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  LANGS, dialog, plainCheckout, plainCheckoutReady, pureFunctions, repoPages, settle, withPage,
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
  await page.goto(plainCheckout(live.server.origin, 'full'));
  await plainCheckoutReady(page);
  await page.evaluate(([d, l, c, plans, amount]) => {
    const el = document.querySelector('instalment-guard');
    el.removeAttribute('preset');
    el.setAttribute('plans', JSON.stringify(plans));
    el.setAttribute('currency', c);
    el.setAttribute('locale', l);
    el.setAttribute('likelihood-threshold', '0');
    el.setAttribute('disclosure', d);
    document.getElementById('checkout').dataset.amountMinor = String(amount);
  }, [disclosure, locale, CURRENCY[disclosure], plans, amount]);
  await page.waitForFunction(() => document.querySelector('instalment-guard').error === null);
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
