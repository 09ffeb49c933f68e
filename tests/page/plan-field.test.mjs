// A form whose plan field is named otherwise than the guard's planField: the most likely mistake
// of a first integration. The guard still works (pages with their own picker have no such field),
// but the developer hears about it once, at the first reminder, unless the page tells the guard
// its picker's choice with update().
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dialog, repoPages, withPage } from './helpers.mjs';

const live = repoPages();
const FIELDLESS = 'has no field named "instalment_plan"';

/** The plain checkout with its plan select renamed, a guard from the JS API, and the console. */
async function open(page) {
  const messages = [];
  page.on('console', (m) => ['warning', 'error'].includes(m.type()) && messages.push(m.text()));
  page.on('pageerror', (e) => messages.push(String(e)));
  await page.goto(`${live.server.origin}/tests/page/fixtures/plain-checkout.html?guard=api`);
  await page.waitForFunction(() => document.documentElement.dataset.ready === '1');
  await page.evaluate(() => {
    document.querySelector('#checkout select').name = 'plan';
    window.guard = new window.ig.CheckoutGuard(document.getElementById('checkout'), { currency: 'CNY', preset: 'huabei' });
  });
  return messages;
}

/** Pay pressed, the reminder seen, and closed with Esc. */
async function remindAndClose(page) {
  await page.click('#pay');
  await dialog(page).waitFor();
  await page.keyboard.press('Escape');
  await dialog(page).waitFor({ state: 'hidden' });
}

describe('a form whose plan field has another name', () => {
  it('reminds, and says once on the console why the choice cannot be seen', async () => {
    await withPage(live.browser, {}, async (page) => {
      const messages = await open(page);
      await remindAndClose(page);
      // A second reminder in the same checkout (the count carried over as zero).
      await page.evaluate(() => window.guard.update({ remindersShown: 0 }));
      await remindAndClose(page);
      assert.equal(messages.length, 1, messages.join(' | '));
      assert.ok(messages[0].includes(FIELDLESS) && messages[0].includes('instalmentguard:choose'), messages[0]);
    });
  });

  it('says nothing when the page tells the guard its own picker\'s choice', async () => {
    await withPage(live.browser, {}, async (page) => {
      const messages = await open(page);
      await page.evaluate(() => window.guard.update({ selectedPlanId: null }));
      await remindAndClose(page);
      assert.deepEqual(messages, []);
    });
  });
});
