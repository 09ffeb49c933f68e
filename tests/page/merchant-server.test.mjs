// The demo's whole path through the example merchant server (examples/merchant-server), in zh-CN:
// remind → choose 6 期 → the server's fields show hb_fq_num 6; pay in full → no instalment
// fields, and the order page offers help; a form tampered in the page and a cart changed after
// the reminder are refused with a clear message, and nothing is "charged".
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { axe, buildDemo, describeViolations, dialog, injectAxe, launchBrowser, waitForEstimates, withPage, money } from './helpers.mjs';
import { startMerchantServer } from '../../examples/merchant-server/server.mjs';

const live = {};
before(async () => {
  buildDemo();
  live.keys = mkdtempSync(join(tmpdir(), 'merchant-keys-'));
  live.server = await startMerchantServer({ keysDir: live.keys });
  live.browser = await launchBrowser();
});
after(async () => {
  await live.browser?.close();
  await live.server?.close();
  if (live.keys) rmSync(live.keys, { recursive: true, force: true });
});

async function openShop(page) {
  await page.goto(`${live.server.origin}/?lang=zh-CN`);
  await waitForEstimates(page);
}

/** The order page's decoded biz_content, or null when the server built no request. */
async function bizContent(page) {
  const details = page.locator('[data-out="server-sends"]');
  await details.locator('summary').click();
  const pre = details.locator('[data-out="biz-content"]');
  return (await pre.count()) ? JSON.parse(await pre.textContent()) : null;
}

const orderCount = () => live.server.orders.size;

describe('the demo through the merchant server (zh-CN)', () => {
  it('remind → choose 6 期 → the server sends hb_fq_num 6; a declined Huabei payment is offered pay in full', async () => {
    await withPage(live.browser, {}, async (page, record) => {
      await openShop(page);
      await page.click('#place-order');
      await dialog(page).waitFor();
      assert.equal((await dialog(page).locator('h2').textContent()).trim(), '要分期付款吗？');
      await Promise.all([
        page.waitForURL(/\/orders\/[0-9a-f]{10}$/),
        dialog(page).locator('[part~="plan"][data-plan="huabei-6"]').click(),
      ]);
      const status = page.locator('[data-status]');
      assert.equal(await status.getAttribute('data-status'), 'awaiting');
      // The summary is collapsed until opened.
      assert.equal(await page.locator('[data-out="server-sends"]').evaluate((d) => d.open), false);
      const biz = await bizContent(page);
      assert.deepEqual(biz.extend_params, { hb_fq_num: '6', hb_fq_seller_percent: '0' });
      assert.equal(biz.enable_pay_channels, 'pcreditpayInstallment');
      assert.equal(biz.total_amount, '4806.90');
      // The page itself never went to Alipay.
      assert.ok(record.requests.every((u) => u.startsWith(live.server.origin)), record.requests.join('\n'));
      // No help offered: the shopper chose a plan.
      assert.equal(await page.locator('instalment-remedy').count(), 0);
      await injectAxe(page, live.server.origin);
      const violations = await axe(page);
      assert.deepEqual(violations, [], describeViolations(violations));

      // Huabei declines: the order page offers a new request to pay in full.
      await Promise.all([page.waitForURL(/\/orders\//), page.getByRole('button', { name: '花呗分期被拒' }).click()]);
      assert.equal(await status.getAttribute('data-status'), 'declined');
      await Promise.all([page.waitForURL(/\/orders\//), page.locator('[data-out="pay-in-full"]').click()]);
      const retry = await bizContent(page);
      assert.equal(retry.extend_params, undefined);
      assert.equal(retry.enable_pay_channels, undefined);
      assert.notEqual(retry.out_trade_no, biz.out_trade_no);
      assert.deepEqual(record.errors, []);
      assert.deepEqual(record.violations, []);
    });
  });

  it('pay in full in the reminder → no instalment fields; the order page carries the help, silent since the shopper was reminded', async () => {
    await withPage(live.browser, {}, async (page, record) => {
      await openShop(page);
      await page.click('#place-order');
      await dialog(page).waitFor();
      await Promise.all([
        page.waitForURL(/\/orders\/[0-9a-f]{10}$/),
        dialog(page).locator('[part~="pay-in-full"][data-action="full"]').click(),
      ]);
      const biz = await bizContent(page);
      assert.equal(biz.extend_params, undefined);
      assert.equal(biz.enable_pay_channels, undefined);
      const remedy = page.locator('instalment-remedy');
      assert.equal(await remedy.getAttribute('amount-minor'), '480690');
      assert.equal(await remedy.getAttribute('paid-with'), 'huabei');
      // The shopper was reminded, so the help stays silent, as it must.
      assert.equal(await remedy.getAttribute('reminded'), 'true');
      assert.deepEqual(record.errors, []);
    });
  });

  it('pay in full without a reminder (a small cart) → the order page offers help', async () => {
    await withPage(live.browser, {}, async (page) => {
      await openShop(page);
      await page.selectOption('#scenario', 'small');
      await waitForEstimates(page);
      await Promise.all([page.waitForURL(/\/orders\/[0-9a-f]{10}$/), page.click('#place-order')]);
      const remedy = page.locator('instalment-remedy');
      // The shop's coupon applies from ¥200.
      assert.equal(await remedy.getAttribute('amount-minor'), String(12900 + 3990 + 5900 - 2000));
      assert.notEqual(await remedy.getAttribute('reminded'), 'true');
      // The element offers its one collapsed line.
      await page.waitForFunction(() => document.querySelector('instalment-remedy')?.shadowRoot?.querySelector('[part~="remedy-summary"]'));
    });
  });

  it('a plan tampered in the page is refused with a clear message, and nothing is charged', async () => {
    await withPage(live.browser, {}, async (page) => {
      await openShop(page);
      const before = orderCount();
      await page.evaluate(() => {
        const radio = document.querySelector('input[name="instalment_plan"][value="huabei-3"]');
        radio.value = 'huabei-9';
        radio.checked = true;
      });
      await Promise.all([page.waitForURL(/\/orders$/), page.click('#place-order')]);
      const refused = page.locator('[data-refused="plan"]');
      await refused.waitFor();
      assert.match(await refused.locator('[role="alert"]').textContent(), /没有扣款/);
      assert.equal(orderCount(), before, 'no order was created');
      await injectAxe(page, live.server.origin);
      const violations = await axe(page);
      assert.deepEqual(violations, [], describeViolations(violations));
    });
  });

  it('a cart changed after the reminder is refused, and the checkout shows the new figures', async () => {
    await withPage(live.browser, {}, async (page) => {
      await openShop(page);
      await page.click('#place-order');
      await dialog(page).waitFor();
      // The shop reprices the fridge while the shopper reads the reminder.
      const old = live.server.catalogue.fridge;
      live.server.catalogue.fridge = old - 10000;
      try {
        const before = orderCount();
        await Promise.all([
          page.waitForURL(/\/orders$/),
          dialog(page).locator('[part~="plan"][data-plan="huabei-6"]').click(),
        ]);
        const alert = page.locator('[data-refused="changed"] [role="alert"]');
        const text = await alert.textContent();
        assert.ok(text.includes(money('zh-CN', 470690)) && text.includes(money('zh-CN', 480690)), text);
        assert.match(text, /没有扣款/);
        assert.equal(orderCount(), before);
        // Back at the checkout: the new total, and the plans priced for it.
        await page.getByRole('link', { name: '返回结算页' }).click();
        await waitForEstimates(page);
        assert.equal(await page.locator('#checkout').getAttribute('data-amount-minor'), '470690');
        assert.equal((await page.locator('[data-out="total"]').textContent()).trim(), money('zh-CN', 470690));
      } finally {
        live.server.catalogue.fridge = old;
      }
    });
  });
});
