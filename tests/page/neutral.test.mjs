// The reminder is neutral by construction, under every jurisdiction's figures: one reminder per
// checkout, paying in full as large as any plan and reached by Tab no later than any plan, no
// plan chosen or focused for the shopper, no countdown or urgency, closing in one action, and
// the wording says what happens without shaming.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  dialog, plainCheckout, plainCheckoutReady, repoPages, seen, settle, withPage,
} from './helpers.mjs';

const live = repoPages();

const PAY_IN_FULL = { 'zh-CN': '不分期，全额付款', 'zh-TW': '不分期，全額付款', en: 'Pay in full, no instalments' };
// Urgency, scarcity and shaming, in the three languages: none of it may appear.
const PRESSURE = /hurry|limited time|expires|countdown|last chance|only \d|don't miss|no thanks|i don't want|剩余|倒计时|倒計時|限时|限時|仅剩|僅剩|最后机会|最後機會|抓紧|抓緊|错过|錯過|不想省/i;

async function open(page, disclosure, locale) {
  await page.goto(plainCheckout(live.server.origin, 'full'));
  await plainCheckoutReady(page);
  await page.evaluate(([d, l]) => {
    const el = document.querySelector('instalment-guard');
    el.setAttribute('disclosure', d);
    el.setAttribute('locale', l);
  }, [disclosure, locale]);
  await page.waitForFunction(() => document.querySelector('instalment-guard').error === null);
  // A new language's texts are fetched first; the element rebuilds once they have come.
  await page.waitForFunction((l) => l === 'zh-CN'
    || performance.getEntriesByType('resource').some((r) => r.name.includes(`/locale-${l}-checkout-`)), locale);
  await settle(page);
  await page.click('#pay');
  await dialog(page).waitFor();
  await settle(page);
}

const inDialog = (page, fn, arg) =>
  page.evaluate(([f, a]) => new Function('root', 'arg', `return (${f})(root, arg)`)(
    document.querySelector('instalment-guard-dialog').shadowRoot, a), [fn.toString(), arg]);

describe('neutral by construction', () => {
  for (const disclosure of ['cn', 'eu', 'uk', 'none']) {
    for (const locale of ['zh-CN', 'zh-TW', 'en']) {
      it(`${disclosure}, ${locale}: pay in full first in tab order and as large as a plan; nothing chosen; no pressure`, async () => {
        await withPage(live.browser, { viewport: { width: 360, height: 640 } }, async (page) => {
          await open(page, disclosure, locale);
          const facts = await inDialog(page, (root) => {
            const full = root.querySelector('[part~="pay-in-full"]');
            const plans = [...root.querySelectorAll('[part~="plan"]')];
            const tabbable = [...root.querySelectorAll('button, input, summary')];
            const size = (el) => parseFloat(getComputedStyle(el).fontSize);
            return {
              label: full.textContent,
              fullWidth: full.getBoundingClientRect().width,
              planWidths: plans.map((p) => p.getBoundingClientRect().width),
              fullSize: size(full),
              nameSizes: plans.map((p) => size(p.querySelector('[part~="plan-name"]'))),
              fullWeight: Number(getComputedStyle(full).fontWeight),
              nameWeights: plans.map((p) => Number(getComputedStyle(p.querySelector('[part~="plan-name"]')).fontWeight)),
              fullIndex: tabbable.indexOf(full),
              planIndexes: plans.map((p) => tabbable.indexOf(p)),
              focused: root.activeElement?.localName,
              pressed: plans.filter((p) => p.matches('[aria-pressed="true"], [aria-checked="true"], [aria-selected="true"], [aria-current]')).length,
              text: root.querySelector('dialog').textContent,
              timers: root.querySelectorAll('[role="timer"], progress, meter').length,
            };
          });
          assert.equal(facts.label, PAY_IN_FULL[locale], 'a neutral label that says what happens');
          for (const w of facts.planWidths) assert.ok(facts.fullWidth >= w - 0.5, `pay in full ${facts.fullWidth}px wide, a plan ${w}px`);
          for (const s of facts.nameSizes) assert.ok(facts.fullSize >= s, `pay in full ${facts.fullSize}px text, a plan's name ${s}px`);
          for (const w of facts.nameWeights) assert.ok(facts.fullWeight >= w);
          for (const i of facts.planIndexes) assert.ok(facts.fullIndex < i, 'pay in full comes before every plan in tab order');
          assert.equal(facts.focused, 'h2', 'the heading has focus, not a plan');
          assert.equal(facts.pressed, 0, 'no plan is marked chosen');
          assert.equal(await page.evaluate(() => document.querySelector('select').value), '', 'the form is not set for the shopper');
          assert.equal(facts.timers, 0, 'no countdown');
          assert.doesNotMatch(facts.text, PRESSURE);
        });
      });
    }
  }

  it('closing is one action: one Esc, or one click on the close button; then the next submit goes through', async () => {
    for (const how of ['Escape', 'close']) {
      await withPage(live.browser, {}, async (page) => {
        await open(page, 'cn', 'zh-CN');
        await page.waitForTimeout(100);
        if (how === 'Escape') await page.keyboard.press('Escape');
        else await dialog(page).locator('[part~="close"]').click();
        await settle(page);
        assert.equal(await dialog(page).count(), 0, `one ${how} closes it`);
        // One reminder per checkout: the second submit is not asked again.
        await page.click('#pay');
        await settle(page);
        const s = await seen(page);
        assert.equal(s.remind, 1);
        assert.deepEqual(s.submits, ['']);
      });
    }
  });

  it('a second reminder per checkout cannot be configured', async () => {
    await withPage(live.browser, {}, async (page) => {
      await page.goto(plainCheckout(live.server.origin, 'full'));
      await plainCheckoutReady(page);
      const error = await page.evaluate(async () => {
        const el = document.querySelector('instalment-guard');
        el.setAttribute('remind-max-per-checkout', '2');
        await new Promise((r) => setTimeout(r, 0));
        return { code: el.error?.code, field: el.error?.field };
      });
      assert.deepEqual(error, { code: 'INVALID_CONFIG', field: 'remind-max-per-checkout' });
    });
  });
});
