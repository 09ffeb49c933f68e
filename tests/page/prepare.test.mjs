// The first reminder is prepared while the page is idle (src/dom/guard.rs, `prepare`): the closed
// dialog is built with the figures of the moment, so pressing pay only redraws and opens. What
// this must never do: show anything, tell the page anything, count a reminder, or outlive its guard.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dialog, repoPages, withPage } from './helpers.mjs';

const live = repoPages();
const page_ = (origin) => `${origin}/tests/page/fixtures/plain-checkout.html?guard=api`;

/** Waits until the page has been idle once more, which is when the guard prepares. */
const idle = (page) =>
  page.evaluate(() => new Promise((r) => requestIdleCallback(() => setTimeout(r, 50), { timeout: 2000 })));

const hosts = (page) => page.locator('instalment-guard-dialog').count();

describe('the reminder prepared while the page is idle', () => {
  it('is built closed and silent, then opens at the submit with the figures of that moment', async () => {
    await withPage(live.browser, {}, async (page) => {
      await page.goto(page_(live.server.origin));
      await page.waitForFunction(() => document.documentElement.dataset.ready === '1');
      await page.evaluate(() => {
        window.guard = new window.ig.CheckoutGuard(document.getElementById('checkout'), { currency: 'CNY', preset: 'huabei' });
      });
      await idle(page);
      assert.equal(await hosts(page), 1, 'the dialog is there once the page was idle');
      const before = await page.evaluate(() => ({
        open: document.querySelector('instalment-guard-dialog').shadowRoot.querySelector('dialog').open,
        shown: window.guard.remindersShown,
        seen: window.__seen,
        focus: document.activeElement === document.body,
      }));
      assert.deepEqual(before, {
        open: false,
        shown: 0,
        seen: { submits: [], choose: [], remind: 0, proceed: 0, dismiss: 0 },
        focus: true,
      }, 'nothing shown, counted or told to the page, and focus untouched');

      // The cart changes after the preparation: the reminder shows the new total, not the prepared one.
      await page.evaluate(() => window.guard.update({ amountMinor: 250000 }));
      await page.click('#pay');
      await dialog(page).waitFor();
      assert.match(await dialog(page).locator('[part~="order-total"]').textContent(), /2,500\.00/);
      assert.equal(await hosts(page), 1, 'the prepared dialog is the one that opened');
      assert.equal(await page.evaluate(() => window.__seen.remind), 1);
      assert.equal(await page.evaluate(() => window.guard.remindersShown), 1);
    });
  });

  it('is skipped, not fatal, on a page whose requestIdleCallback throws', async () => {
    await withPage(live.browser, {}, async (page) => {
      await page.goto(page_(live.server.origin));
      await page.waitForFunction(() => document.documentElement.dataset.ready === '1');
      await page.evaluate(() => {
        window.requestIdleCallback = () => {
          throw new Error('this page broke requestIdleCallback');
        };
        window.guard = new window.ig.CheckoutGuard(document.getElementById('checkout'), { currency: 'CNY', preset: 'huabei' });
      });
      await page.waitForTimeout(300);
      assert.equal(await hosts(page), 0, 'nothing prepared');
      await page.click('#pay');
      await dialog(page).waitFor();
      assert.equal(await page.evaluate(() => window.guard.remindersShown), 1, 'the reminder is built at the submit instead');
    });
  });

  it('is not built for a checkout that would not be reminded, nor for a guard already gone', async () => {
    await withPage(live.browser, {}, async (page) => {
      await page.goto(page_(live.server.origin));
      await page.waitForFunction(() => document.documentElement.dataset.ready === '1');
      await page.evaluate(() => {
        const form = document.getElementById('checkout');
        form.querySelector('select').value = 'huabei-6';
        const chosen = new window.ig.CheckoutGuard(form, { currency: 'CNY', preset: 'huabei' });
        window.chosen = chosen;
      });
      await idle(page);
      assert.equal(await hosts(page), 0, 'a plan is chosen: nothing to prepare');

      await page.evaluate(() => {
        const form = document.getElementById('checkout');
        window.chosen.destroy();
        form.querySelector('select').value = '';
        // Destroyed and freed before the page is idle: the preparation finds no guard.
        new window.ig.CheckoutGuard(form, { currency: 'CNY', preset: 'huabei' }).destroy();
        const freed = new window.ig.CheckoutGuard(form, { currency: 'CNY', preset: 'huabei' });
        freed.free();
      });
      await idle(page);
      assert.equal(await hosts(page), 0, 'no dialog outlives its guard');
      const errors = [];
      page.on('console', (m) => m.type() === 'warning' && errors.push(m.text()));
      await page.click('#pay');
      await page.waitForFunction(() => window.__seen.submits.length === 1);
      assert.deepEqual(errors, []);
    });
  });
});
