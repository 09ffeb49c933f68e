// Dropping a guard in any way its TypeScript declarations offer (destroy(), free(),
// Symbol.dispose, `using`) releases the form: the next submit goes through untouched, a new
// guard may attach, and every method of the old one is harmless. On the release build.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dialog, plainCheckout, plainCheckoutReady, repoPages, withPage } from './helpers.mjs';

const live = repoPages();

async function open(page) {
  await page.goto(`${plainCheckout(live.server.origin, 'full')}&guard=api`);
  await plainCheckoutReady(page, { api: true });
}

// Each drops the guard in `window.g` its own way; `using` needs a block of its own.
const WAYS = {
  'destroy()': () => window.g.destroy(),
  'free()': () => window.g.free(),
  'Symbol.dispose': () => window.g[Symbol.dispose](),
};

/**
 * After the drop: the submit goes through with no new reminder, the old guard is harmless, and
 * a new one attaches (and reminds).
 */
async function checkReleased(page, way, remindedBefore = 0) {
  assert.equal(await dialog(page).count(), 0, 'no reminder is left on the page');
  await page.click('#pay');
  await page.waitForFunction(() => window.__seen.submits.length === 1);
  const after = await page.evaluate(() => {
    const g = window.g;
    const calls = {};
    for (const [name, call] of Object.entries({
      destroy: () => g.destroy(),
      update: () => g.update({ amountMinor: 222222 }),
      remindersShown: () => g.remindersShown,
      free: () => g.free(),
    })) {
      try {
        calls[name] = call() ?? null;
      } catch (e) {
        calls[name] = `threw ${e.name}: ${e.message}`;
      }
    }
    let assessed;
    try {
      g.assess();
      assessed = 'returned';
    } catch (e) {
      assessed = `${e.name} ${e.code} ${e.field}`;
    }
    let again;
    try {
      window.g2 = new window.ig.CheckoutGuard(document.getElementById('checkout'), { currency: 'CNY' });
      again = 'attached';
    } catch (e) {
      again = `${e.name}: ${e.message}`;
    }
    return { calls, assessed, again, seen: window.__seen };
  });
  assert.deepEqual(after.seen.submits, [''], 'the submit went through once, without a plan');
  assert.equal(after.seen.remind, remindedBefore, 'no new reminder');
  // A destroyed guard still says how many reminders it showed (a rebuilt element carries the
  // count over); a freed one has nothing left to say.
  const shown = way === 'destroy()' ? remindedBefore : 0;
  assert.deepEqual(after.calls, { destroy: null, update: null, remindersShown: shown, free: null });
  assert.equal(after.assessed, 'InstalmentError INVALID_STATE guard');
  assert.equal(after.again, 'attached', 'a new guard attaches to the released form');
  // And the new guard guards.
  await page.click('#pay');
  await dialog(page).waitFor();
}

describe('dropping a guard releases its form', () => {
  for (const [way, drop] of Object.entries(WAYS)) {
    it(`${way}, with the reminder closed`, async () => {
      await withPage(live.browser, {}, async (page) => {
        await open(page);
        await page.evaluate(() => {
          window.g = new window.ig.CheckoutGuard(document.getElementById('checkout'), { currency: 'CNY' });
        });
        await page.evaluate(drop);
        await checkReleased(page, way);
      });
    });

    it(`${way}, with the reminder open`, async () => {
      await withPage(live.browser, {}, async (page) => {
        await open(page);
        await page.evaluate(() => {
          window.g = new window.ig.CheckoutGuard(document.getElementById('checkout'), { currency: 'CNY' });
        });
        await page.click('#pay');
        await dialog(page).waitFor();
        await page.evaluate(drop);
        await dialog(page).waitFor({ state: 'detached' });
        await checkReleased(page, way, 1);
      });
    });
  }

  it('`using` releases the form at the end of its block', async () => {
    await withPage(live.browser, {}, async (page) => {
      await open(page);
      const inside = await page.evaluate(`(() => {
        let verdict;
        {
          using guard = new window.ig.CheckoutGuard(document.getElementById('checkout'), { currency: 'CNY' });
          window.g = guard;
          verdict = guard.assess().remind;
        }
        return verdict;
      })()`);
      assert.equal(inside, true, 'inside the block, the guard would remind');
      await checkReleased(page, 'using');
    });
  });
});
