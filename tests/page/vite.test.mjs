// The demo through Vite itself: `vite` (dev, where the package is served from outside www/ by
// the aliases and server.fs.allow) and `vite preview` (the build, with the CSP header).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  DIST, REPO, buildDemo, contentSecurityPolicy, dialog, launchBrowser, openPage, requirePackage,
  waitForEstimates,
} from './helpers.mjs';

const VITE = join(REPO, 'node_modules', 'vite', 'bin', 'vite.js');
const children = new Set();
let browser;

/** Starts Vite with `args` on a free port and resolves to the URL it prints. */
function startVite(args) {
  const child = spawn(process.execPath, [VITE, ...args, '--config', 'www/vite.config.js', '--port', '0'], {
    cwd: REPO,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`vite ${args.join(' ')} printed no URL:\n${output}`)), 30_000);
    const read = (chunk) => {
      output += chunk;
      const url = /http:\/\/127\.0\.0\.1:\d+/.exec(output);
      if (url) {
        clearTimeout(timer);
        resolve(url[0]);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`vite ${args.join(' ')} exited with ${code}:\n${output}`));
    });
  });
}

function stop(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
}

before(async () => {
  requirePackage();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await Promise.all([...children].map(stop));
});

describe('Vite', () => {
  it('the dev server serves the demo, and it reminds', async () => {
    const origin = await startVite([]);
    const { context, page, record } = await openPage(browser);
    try {
      await page.goto(`${origin}/index.html?lang=en`);
      await waitForEstimates(page);
      await page.click('#place-order');
      await dialog(page).waitFor();
      assert.equal(await dialog(page).getAttribute('lang'), 'en');
      assert.deepEqual(record.errors, []);
      assert.deepEqual(record.failed, []);
    } finally {
      await context.close();
    }
  });

  it('preview serves the build with the strict CSP and wasm as application/wasm', async () => {
    buildDemo();
    const origin = await startVite(['preview']);
    for (const name of ['index.html', 'done.html']) {
      const page = await fetch(`${origin}/${name}`);
      assert.equal(page.status, 200);
      assert.equal(page.headers.get('content-security-policy'), await contentSecurityPolicy());
      const html = await page.text();
      assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, `${name}: no inline script`);
      assert.doesNotMatch(html, /<style|\sstyle=/, `${name}: no inline style`);
    }
    const wasm = readdirSync(join(DIST, 'assets')).find((f) => f.endsWith('.wasm'));
    assert.ok(wasm, 'the build emits the wasm as an asset');
    const res = await fetch(`${origin}/assets/${wasm}`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/wasm');
  });
});
