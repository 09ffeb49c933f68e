// Only a deliberate act chooses a plan. On a plain checkout whose pay button sits where the
// reminder opens, the habits that used to put a shopper on credit they never saw (a double or
// triple click on pay, Enter pressed again or held) leave the reminder open with nothing chosen,
// at three layouts and when the pay "button" is a div whose handler calls element.click().
// A fresh, deliberate click or key still chooses at once.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  PLAIN_LAYOUTS, dialog, plainCheckout, plainCheckoutReady as ready, repoPages, seen, settle, withPage,
} from './helpers.mjs';

const live = repoPages();

const url = (layout, top) => plainCheckout(live.server.origin, layout, top);
const payId = (layout) => (layout === 'div' ? '#pay-div' : '#pay');

/** The plan's shadow-root element under (x, y), or null. */
function planAt(page, x, y) {
  return page.evaluate(([x, y]) => {
    const root = document.querySelector('instalment-guard-dialog')?.shadowRoot;
    return root?.elementFromPoint(x, y)?.closest('[data-plan]')?.dataset.plan ?? null;
  }, [x, y]);
}

/**
 * Where the pay button must sit so that the reminder's first plan opens right under the pointer:
 * found by opening the reminder once on a throwaway load. Checked, so no test passes for want of
 * a plan under the pointer.
 */
async function aim(page, { layout }) {
  await page.goto(url(layout, 200));
  await ready(page);
  await page.evaluate(() => document.getElementById('pay').click());
  await dialog(page).waitFor();
  const box = await dialog(page).locator('[data-plan]').first().boundingBox();
  const x = Math.round(box.x + box.width / 2);
  const y = Math.round(box.y + box.height / 2);
  const top = y - 28; // the pay button is 3.5rem (56 px) high
  await page.goto(url(layout, top));
  await ready(page);
  const pay = await page.locator(payId(layout)).boundingBox();
  assert.ok(x > pay.x && x < pay.x + pay.width && y > pay.y && y < pay.y + pay.height, 'the pointer is on the pay button');
  return { x, y };
}

/** The plain checkout with the pay button clear of the plans, its reminder opened by a click. */
async function openReminder(page) {
  await page.goto(url('full', 200));
  await ready(page);
  await page.click('#pay');
  await dialog(page).waitFor();
}

/** The open reminder has focus on its heading, no plan was chosen and nothing was submitted. */
async function checkNothingChosen(page) {
  await settle(page);
  assert.ok(await dialog(page).isVisible(), 'the reminder is still open');
  const s = await seen(page);
  assert.deepEqual(s.choose, [], 'no plan was chosen');
  assert.deepEqual(s.submits, [], 'nothing was submitted');
  assert.equal(s.remind, 1, 'one reminder');
}

/** A later, deliberate click on a plan chooses it and submits exactly once. */
async function checkDeliberateClickChooses(page) {
  const plan = dialog(page).locator('[data-plan="huabei-6"]');
  await plan.click();
  await page.waitForFunction(() => window.__seen.submits.length > 0);
  await settle(page);
  const s = await seen(page);
  assert.deepEqual(s.choose, ['huabei-6']);
  assert.deepEqual(s.submits, ['huabei-6'], 'one submit, with the plan chosen');
}

for (const where of PLAIN_LAYOUTS) {
  describe(`with ${where.name}`, () => {
    for (const clickCount of [2, 3]) {
      const what = clickCount === 2 ? 'a double click' : 'a triple click';
      it(`${what} on pay opens the reminder and chooses nothing`, async () => {
        await withPage(live.browser, { viewport: where.viewport }, async (page) => {
          const { x, y } = await aim(page, where);
          await page.mouse.click(x, y, { clickCount });
          await dialog(page).waitFor();
          // Had the dialog taken those clicks, this is the plan they would have chosen.
          assert.ok(await planAt(page, x, y), 'a plan lies under the pointer');
          await checkNothingChosen(page);
          await checkDeliberateClickChooses(page);
        });
      });
    }

    if (where.layout !== 'div') {
      it('Enter pressed again and held after the reminder opens chooses nothing', async () => {
        await withPage(live.browser, { viewport: where.viewport }, async (page) => {
          await page.goto(url(where.layout, 200));
          await ready(page);
          await page.focus('#note');
          await page.keyboard.press('Enter');
          await dialog(page).waitFor();
          const focused = () =>
            page.evaluate(() => {
              const a = document.querySelector('instalment-guard-dialog').shadowRoot.activeElement;
              return a ? a.localName + (a.dataset.plan ? `:${a.dataset.plan}` : '') : null;
            });
          await page.keyboard.press('Enter');
          await page.keyboard.press('Enter');
          // Held down: the second and later keydowns are repeats.
          for (let i = 0; i < 5; i += 1) await page.keyboard.down('Enter');
          await page.keyboard.up('Enter');
          await checkNothingChosen(page);
          assert.equal(await focused(), 'h2', 'focus is on the heading, not on a plan');
          // Tab on to a plan, then a fresh Enter chooses it.
          let plan = null;
          for (let i = 0; i < 6 && !plan; i += 1) {
            await page.keyboard.press('Tab');
            plan = (await focused())?.split(':')[1] ?? null;
          }
          assert.ok(plan, 'Tab reaches a plan');
          await page.keyboard.press('Enter');
          await page.waitForFunction(() => window.__seen.submits.length > 0);
          await settle(page);
          assert.deepEqual((await seen(page)).submits, [plan]);
        });
      });
    }
  });
}

describe('the rules behind it, on the release build', () => {
  it('a pointer click that began before the first painted frame is refused; after it, accepted', async () => {
    await withPage(live.browser, {}, async (page) => {
      await page.goto(url('full', 200));
      await ready(page);
      // All in one task: the reminder opens, and a pointer click made before any frame was
      // painted lands on a plan (as a fast second click does).
      const early = await page.evaluate(() => {
        document.getElementById('pay').click();
        const plan = document.querySelector('instalment-guard-dialog').shadowRoot.querySelector('[data-plan]');
        plan.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
        plan.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, detail: 1 }));
        return plan.dataset.plan;
      });
      assert.equal(early, 'huabei-12');
      await checkNothingChosen(page);
      // After the reminder was painted, the same pair of events counts.
      await page.evaluate(() => {
        const plan = document.querySelector('instalment-guard-dialog').shadowRoot.querySelector('[data-plan]');
        plan.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
        plan.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, detail: 1 }));
      });
      await page.waitForFunction(() => window.__seen.submits.length > 0);
      assert.deepEqual((await seen(page)).submits, ['huabei-12']);
    });
  });

  it('a click from assistive technology (detail 0) counts as soon as the reminder is open', async () => {
    await withPage(live.browser, {}, async (page) => {
      await page.goto(url('full', 200));
      await ready(page);
      await page.evaluate(() => {
        document.getElementById('pay').click();
        document.querySelector('instalment-guard-dialog').shadowRoot.querySelector('[data-plan="huabei-3"]').click();
      });
      await page.waitForFunction(() => window.__seen.submits.length > 0);
      assert.deepEqual((await seen(page)).submits, ['huabei-3']);
    });
  });

  it('a cart change while the reminder is open rewrites the figures in place: focus and an opened breakdown stay', async () => {
    await withPage(live.browser, {}, async (page) => {
      await openReminder(page);
      await settle(page);
      // The shopper tabs to a plan and opens another plan's cost breakdown.
      const marked = await page.evaluate(() => {
        const root = document.querySelector('instalment-guard-dialog').shadowRoot;
        root.querySelector('[data-plan="huabei-6"]').focus();
        const details = root.querySelectorAll('details');
        details[details.length - 1].open = true;
        for (const b of root.querySelectorAll('[data-plan]')) b.mark = b.textContent;
        return details.length;
      });
      assert.ok(marked > 0, 'the plans have cost breakdowns to open');
      await page.evaluate(() => { document.getElementById('checkout').dataset.amountMinor = '222222'; });
      await page.waitForFunction(() => {
        const p = document.querySelector('instalment-guard-dialog').shadowRoot.querySelector('[data-plan="huabei-6"]');
        return p.textContent !== p.mark;
      });
      assert.deepEqual(await page.evaluate(() => {
        const root = document.querySelector('instalment-guard-dialog').shadowRoot;
        const details = root.querySelectorAll('details');
        return {
          focused: root.activeElement?.dataset.plan,
          sameNodes: [...root.querySelectorAll('[data-plan]')].every((b) => b.mark !== undefined),
          changed: [...root.querySelectorAll('[data-plan]')].every((b) => b.mark !== b.textContent),
          lastOpen: details[details.length - 1].open,
          othersClosed: [...details].slice(0, -1).every((d) => !d.open),
          total: root.querySelector('[part~="order-total"]').textContent.includes('2,222.22'),
        };
      }), { focused: 'huabei-6', sameNodes: true, changed: true, lastOpen: true, othersClosed: true, total: true });
      await checkNothingChosen(page);
    });
  });

  it('a press that began before a plan\'s figures changed does not choose it, however late it ends', async () => {
    await withPage(live.browser, {}, async (page) => {
      await openReminder(page);
      await settle(page);
      const plan = dialog(page).locator('[data-plan="huabei-12"]');
      const box = await plan.boundingBox();
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.down();
      // The cart changes under the pressed button; the press ends well after the 500 ms.
      const changedAt = await page.evaluate(() => {
        document.getElementById('checkout').dataset.amountMinor = '222222';
        return performance.now();
      });
      await page.waitForFunction((t) => performance.now() - t > 700, changedAt);
      await page.mouse.up();
      await checkNothingChosen(page);
      // A fresh press on the new figures chooses.
      await page.waitForTimeout(600); // apart from the last click, so not the second of a double-click
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await page.waitForFunction(() => window.__seen.submits.length > 0);
      assert.deepEqual((await seen(page)).submits, ['huabei-12']);
    });
  });

  it('a plan that a cart change takes away takes its opened breakdown with it', async () => {
    await withPage(live.browser, {}, async (page) => {
      await page.goto(`${live.server.origin}/tests/page/fixtures/plain-checkout.html?guard=api`);
      await page.waitForFunction(() => document.documentElement.dataset.ready === '1');
      await page.evaluate(() => {
        const fee = { model: 'flatTotal', rate: '0.045' };
        window.guard = new window.ig.CheckoutGuard(document.getElementById('checkout'), {
          currency: 'CNY',
          plans: [
            { id: 'huabei-3', periods: 3, fee: { model: 'flatTotal', rate: '0.023' }, minAmountMinor: 200000 },
            { id: 'huabei-6', periods: 6, fee },
            { id: 'huabei-12', periods: 12, fee: { model: 'flatTotal', rate: '0.075' } },
          ],
        });
        window.guard.update({ amountMinor: 300000 });
      });
      await page.click('#pay');
      await dialog(page).waitFor();
      const rows = () => page.evaluate(() => [...document.querySelector('instalment-guard-dialog').shadowRoot
        .querySelectorAll('[part~="plans"] > li')].map((li) => ({ plan: li.querySelector('[data-plan]').dataset.plan, open: !!li.querySelector('details')?.open })));
      const before = await rows();
      const at = before.findIndex((r) => r.plan === 'huabei-3');
      assert.ok(at >= 0 && at < before.length - 1, `the plan to go is not the last row: ${JSON.stringify(before)}`);
      await page.evaluate(() => {
        const row = document.querySelector('instalment-guard-dialog').shadowRoot.querySelector('[data-plan="huabei-3"]').closest('li');
        row.querySelector('details').open = true;
      });
      // Under huabei-3's minimum: its row goes, and the rows after it move up.
      await page.evaluate(() => window.guard.update({ amountMinor: 150000 }));
      await page.waitForFunction(() => !document.querySelector('instalment-guard-dialog').shadowRoot.querySelector('[data-plan="huabei-3"]'));
      const after = await rows();
      assert.deepEqual(after.map((r) => r.plan), before.map((r) => r.plan).filter((p) => p !== 'huabei-3'));
      assert.ok(after.every((r) => !r.open), `no other plan inherits the opened breakdown: ${JSON.stringify(after)}`);
    });
  });

  it('a plan whose figures changed in the last 500 ms cannot be clicked; after that it can', async () => {
    await withPage(live.browser, {}, async (page) => {
      await openReminder(page);
      const plan = dialog(page).locator('[data-plan="huabei-12"]');
      const before = await plan.textContent();
      await settle(page);
      // The cart changes while the reminder is open; the shopper's click lands at once.
      const changedAt = await page.evaluate(() => {
        document.getElementById('checkout').dataset.amountMinor = '222222';
        return performance.now();
      });
      await page.waitForFunction((b) => {
        const p = document.querySelector('instalment-guard-dialog').shadowRoot.querySelector('[data-plan="huabei-12"]');
        return p.textContent !== b;
      }, before);
      const box = await plan.boundingBox();
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      const clickedAt = await page.evaluate(() => performance.now());
      assert.ok(clickedAt - changedAt < 500, `the click came ${clickedAt - changedAt} ms after the change`);
      await checkNothingChosen(page);
      await page.waitForFunction((t) => performance.now() - t > 500, changedAt);
      // And far enough from the first click that the browser counts a new click, not the
      // second of a double-click (which is refused on its own account).
      await page.waitForFunction((t) => performance.now() - t > 700, clickedAt);
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await page.waitForFunction(() => window.__seen.submits.length > 0);
      assert.deepEqual((await seen(page)).submits, ['huabei-12']);
    });
  });
});
