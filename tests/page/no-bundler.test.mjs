// examples/no-bundler: the package loaded by relative URL from a plain static server (the
// repository root), no Vite in between, under the same strict CSP as the demo.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  DIALOG_TITLES, REPO, contentSecurityPolicy, dialog, launchBrowser, openPage, requirePackage, serve,
} from './helpers.mjs';

let server;
let browser;

before(async () => {
  requirePackage();
  server = await serve(REPO.replace(/\/$/, ''), await contentSecurityPolicy());
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

describe('the no-bundler example', () => {
  it('loads with one module script, reminds, and submits the plan chosen', async () => {
    const { context, page, record } = await openPage(browser);
    try {
      await page.goto(`${server.origin}/examples/no-bundler/index.html`);
      await page.waitForFunction(() => customElements.get('instalment-guard'));
      await page.click('button[type="submit"]');
      await dialog(page).waitFor();
      assert.equal((await dialog(page).locator('h2').textContent()).trim(), DIALOG_TITLES.en);
      assert.match(await page.locator('#log').innerText(), /Reminder shown; recommended plan: huabei-12/);

      await Promise.all([
        page.waitForURL(/instalment_plan=huabei-12/),
        dialog(page).locator('[data-plan="huabei-12"]').click(),
      ]);
      await page.locator('#log li').first().waitFor();
      assert.equal(await page.locator('#log').innerText(), 'Submitted with instalment_plan = "huabei-12"');
      assert.ok(await page.locator('input[value="huabei-12"]').isVisible());

      assert.deepEqual(record.violations, []);
      assert.deepEqual(record.failed, []);
      // Chromium asks for /favicon.ico by itself and the example has no icon (a data: URL icon
      // would break the CSP): that 404's console line is the only one allowed.
      const favicon404 = (e) => e.includes('404 (Not Found)') && e.endsWith(`[${server.origin}/favicon.ico]`);
      assert.deepEqual(record.errors.filter((e) => !favicon404(e)), []);
      assert.deepEqual(record.requests.filter((u) => !u.startsWith(`${server.origin}/`)), []);
    } finally {
      await context.close();
    }
  });
});
