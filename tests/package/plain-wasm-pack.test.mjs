// The first command a Rust-wasm developer types: `wasm-pack build --target web`, with no other
// flags, on a copy of the repository's files. It must build a package that works on Rust's
// standard runtime (the size-optimised one is the opt-in `bundle` feature), and a plain page that
// imports the result must remind, with the JS API and with the element.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { launch, serve } from '../support/browser.mjs';

const repo = new URL('../..', import.meta.url).pathname;

describe('a plain `wasm-pack build --target web`', () => {
  let dir;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ig-plain-'));
    // The files a clone has, as they are now in the working tree.
    const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: repo, encoding: 'utf8' })
      .split('\0')
      .filter((f) => f && (['Cargo.toml', 'Cargo.lock', 'build.rs'].includes(f) || /^(src|js|locales)\//.test(f)));
    for (const f of files) {
      mkdirSync(dirname(join(dir, f)), { recursive: true });
      cpSync(join(repo, f), join(dir, f));
    }
    // The repository's target directory is shared so that the dependencies are not compiled again.
    execFileSync('wasm-pack', ['build', '--target', 'web'], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        PATH: `${join(homedir(), '.cargo', 'bin')}:${process.env.PATH}`,
        CARGO_TARGET_DIR: process.env.CARGO_TARGET_DIR ?? join(repo, 'target'),
      },
    });
  });

  after(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('imports into a plain page, reminds with the JS API and with the element', async () => {
    writeFileSync(join(dir, 'index.html'), `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>plain</title>
<script type="module" src="./page.js"></script></head>
<body>
<form id="api" data-amount-minor="111111"><select name="instalment_plan"><option value="">none</option><option value="huabei-12">12</option></select><button id="pay-api">Pay</button></form>
<instalment-guard for="el" currency="CNY" locale="en"></instalment-guard>
<form id="el" data-amount-minor="111111"><select name="instalment_plan"><option value="">none</option><option value="huabei-12">12</option></select><button id="pay-el">Pay</button></form>
</body></html>`);
    writeFileSync(join(dir, 'page.js'), `
import init, { CheckoutGuard, defineElement, estimate } from './pkg/instalment_guard.js';
await init();
defineElement();
window.guard = new CheckoutGuard(document.getElementById('api'), { currency: 'CNY', locale: 'en' });
window.fee = estimate(111111, 'CNY', { id: 'h', periods: 12, fee: { model: 'flatTotal', rate: '0.075' } }).totalFeeMinor;
`);
    const server = await serve(dir);
    const browser = await launch();
    try {
      const page = await browser.newPage();
      const problems = [];
      page.on('pageerror', (e) => problems.push(e.message));
      page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
      await page.goto(`${server.origin}/index.html`);
      await page.waitForFunction(() => window.fee !== undefined);
      assert.equal(await page.evaluate(() => window.fee), 8333);
      for (const pay of ['#pay-api', '#pay-el']) {
        await page.click(pay);
        const dialog = page.locator('instalment-guard-dialog dialog[open]');
        await dialog.waitFor();
        assert.equal((await dialog.locator('h2').textContent()).trim(), 'Pay in instalments?');
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'hidden' });
      }
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
