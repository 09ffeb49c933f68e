// One reminder flow, remind → choose → submit, counted at the wasm boundary on the release
// build: every call from JS into the instance (the guard's own entry points and the glue's
// allocations for what crosses) and every call out of it. The architecture's promise is at
// most 4 calls in; the table printed says where each one goes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dialog, repoPages, withPage } from './helpers.mjs';

const live = repoPages();

const sum = (counts) => Object.values(counts).reduce((a, b) => a + b, 0);

describe('crossings of the wasm boundary', () => {
  it('remind → choose → submit makes at most 4 calls into wasm', async () => {
    await withPage(live.browser, {}, async (page) => {
      await page.goto(`${live.server.origin}/tests/page/fixtures/crossings.html`);
      await page.waitForFunction(() => document.documentElement.dataset.ready === '1');
      // The guard prepares its reminder once the page is first idle: a call of its own (and the
      // page snapshot it reads), made before the shopper does anything. Counted apart, so that a
      // page slow to become idle cannot move it into the flow below: since ready, either it had
      // already happened (0 calls) or it is these.
      await page.evaluate(() => (window.crossings = { in: {}, out: {} }));
      await page.waitForFunction(() => document.querySelector('instalment-guard-dialog') !== null);
      const prepared = await page.evaluate(() => window.crossings.in);
      assert.ok(sum(prepared) <= 2, `the preparation: at most 2 calls into wasm, got ${JSON.stringify(prepared)}`);
      await page.evaluate(() => (window.crossings = { in: {}, out: {} }));
      await page.click('#pay');
      await dialog(page).waitFor();
      await dialog(page).locator('[data-plan="huabei-6"]').click();
      await page.waitForFunction(() => window.__seen.submits.length === 1);
      assert.deepEqual(await page.evaluate(() => window.__seen.submits), ['huabei-6']);
      const { in: into, out } = await page.evaluate(() => window.crossings);
      console.log(`JS→wasm calls in one remind → choose → submit flow: ${sum(into)}`, into);
      console.log(`wasm→JS calls in the same flow: ${sum(out)}`);
      assert.ok(sum(into) > 0, 'the counter saw the flow');
      assert.ok(sum(into) <= 4, `at most 4 calls into wasm, got ${sum(into)}: ${JSON.stringify(into)}`);
    });
  });
});
