// The hostile-input table in Chromium: tests/page/fixtures/bad-inputs.html runs every row of
// tests/support/bad-inputs.mjs (pure functions, CheckoutGuard, update() and the attributes of
// <instalment-guard>) against the web build, served from the repository root under the strict CSP.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { openPage, repoPages } from './helpers.mjs';

const live = repoPages();

it('refuses every bad input with the right code and field, in the page, and stays usable', async () => {
  const { context, page, record } = await openPage(live.browser);
  try {
    await page.goto(`${live.server.origin}/tests/page/fixtures/bad-inputs.html`);
    await page.waitForFunction(() => window.badInputs, null, { timeout: 120_000 });
    const outcome = await page.evaluate(() => window.badInputs);
    assert.equal(outcome.crashed, undefined, outcome.crashed);
    const { refused, accepted, pageRefused, failures } = outcome;
    console.log(`bad inputs checked: ${refused}`);
    console.log(`(of which CheckoutGuard, update() and element attributes: ${pageRefused}; odd but valid inputs accepted: ${accepted})`);
    assert.equal(outcome.before, 8333);
    assert.deepEqual(failures, [], `${failures.length} rows went wrong:\n${failures.map((f) => `- ${f.name}: ${f.wrong.join('; ')}`).join('\n')}`);
    assert.ok(refused >= 300, `only ${refused} bad inputs`);
    // Nothing escaped as an uncaught error, and the policy was never broken. The element logs
    // each configuration error on the console by design; those are not page errors.
    assert.deepEqual(record.violations, []);
    assert.deepEqual(record.errors.filter((e) => !e.startsWith('InstalmentError: ')), []);
  } finally {
    await context.close();
  }
});
