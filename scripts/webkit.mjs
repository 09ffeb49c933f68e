// The release build in WebKit (Safari's engine, and iOS in-app browsers'), by hand: CI has no
// WebKit, so run this after a change to what a page loads or shows.
//
//   apt-get install -y webkit2gtk-driver xvfb     (once; WebKitGTK's MiniBrowser and its driver)
//   bash scripts/build.sh web && node scripts/webkit.mjs
//
// It serves pkg/ and a few pages under the strict CSP (scripts/serve.mjs), starts Xvfb and
// WebKitWebDriver, and checks, with the one-line embed: a checkout in zh-CN and in en reminds in
// its language and fetches only its own language's texts and no order-page file; an order page in
// zh-TW shows its help in Traditional Chinese, then in English once <html lang> changes. WebKit has
// no requestIdleCallback, so this also runs the elements' fallback timers. Exits 1 on a failure.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Builder, By } from 'selenium-webdriver';
import { serve } from './serve.mjs';

const root = resolve(new URL('..', import.meta.url).pathname);
const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const DISPLAY = ':77';
const PORT = 4477;

const dir = mkdtempSync(join(tmpdir(), 'ig-webkit-'));
const RADIOS = ['', 'huabei-3', 'huabei-6', 'huabei-12']
  .map((v) => `<label><input type="radio" name="instalment_plan" value="${v}"${v ? '' : ' checked'}> ${v || 'none'}</label>`)
  .join('');
const page = (lang, body) => `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">
<script type="module" src="/pkg/web/element.js"></script></head><body>${body}</body></html>`;
for (const lang of ['zh-CN', 'en']) {
  writeFileSync(join(dir, `checkout-${lang}.html`), page(lang, `<instalment-guard for="checkout" currency="CNY" preset="huabei"></instalment-guard>
<form id="checkout" data-amount-minor="399900" action="/t/paid.html">${RADIOS}<button id="pay">pay</button></form>`));
}
writeFileSync(join(dir, 'order-zh-TW.html'), page('zh-TW', '<instalment-remedy currency="CNY" amount-minor="399900" paid-with="huabei" preset="huabei" status="unshipped"></instalment-remedy>'));
writeFileSync(join(dir, 'paid.html'), 'paid');

const server = await serve({ '/pkg/': join(root, 'pkg'), '/t/': dir });
const xvfb = spawn('Xvfb', [DISPLAY], { stdio: 'ignore' });
const driverProcess = spawn('WebKitWebDriver', [`--port=${PORT}`], { stdio: 'ignore', env: { ...process.env, DISPLAY } });
await new Promise((r) => setTimeout(r, 1500));

let failed = 0;
const check = (ok, what) => {
  console.log(`${ok ? 'ok' : 'not ok'} - ${what}`);
  if (!ok) failed++;
};
let driver;
try {
  driver = await new Builder().usingServer(`http://127.0.0.1:${PORT}`).withCapabilities({
    browserName: 'MiniBrowser',
    'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
  }).build();
  const until = async (js, ms = 10_000) => {
    for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
      if (await driver.executeScript(js)) return;
    }
    throw new Error(`no sign of it in ${ms} ms: ${js}`);
  };
  const ready = async (tag) => {
    await until(`return document.readyState === 'complete' && !!customElements.get('${tag}')`);
    return driver.executeAsyncScript(`const done = arguments[0]; document.querySelector('${tag}').ready.then(() => done(true), () => done(false));`);
  };
  const files = () => driver.executeScript(`return performance.getEntriesByType('resource')
    .map((r) => new URL(r.name).pathname).filter((p) => p.startsWith('/pkg/web/')).map((p) => p.slice(9)).sort()`);
  console.log(`WebKit ${(await driver.getCapabilities()).get('browserVersion')}`);

  for (const [lang, title] of [['zh-CN', '要分期付款吗？'], ['en', 'Pay in instalments?']]) {
    await driver.get(`${server.origin}/t/checkout-${lang}.html`);
    check(await ready('instalment-guard'), `checkout ${lang}: the element is ready`);
    await driver.findElement(By.id('pay')).click();
    await until(`const d = document.querySelector('instalment-guard-dialog')?.shadowRoot?.querySelector('dialog'); return !!d?.open;`);
    const shown = await driver.executeScript(`return document.querySelector('instalment-guard-dialog').shadowRoot.querySelector('h2').textContent.trim()`);
    check(shown === title, `checkout ${lang}: the reminder opens, titled "${shown}"`);
    const fetched = await files();
    const texts = fetched.filter((f) => f.startsWith('locale-'));
    check(texts.length === 1 && texts[0].startsWith(`locale-${lang}-checkout-`), `checkout ${lang}: its language's texts alone (${texts.join(', ')})`);
    check(!fetched.some((f) => f.startsWith('order-')), `checkout ${lang}: no order-page file (${fetched.join(', ')})`);
  }

  await driver.get(`${server.origin}/t/order-zh-TW.html`);
  check(await ready('instalment-remedy'), 'order zh-TW: the element is ready');
  const summary = `return document.querySelector('instalment-remedy').shadowRoot.querySelector('summary')?.textContent ?? ''`;
  const before = await driver.executeScript(summary);
  check(/辦法/.test(before), `order zh-TW: "${before}"`);
  await driver.executeScript(`document.documentElement.lang = 'en'`);
  await until(`return /options/.test(document.querySelector('instalment-remedy').shadowRoot.querySelector('summary')?.textContent ?? '')`);
  check(true, `order: after <html lang="en">, "${await driver.executeScript(summary)}"`);
} catch (e) {
  check(false, e.message);
} finally {
  await driver?.quit().catch(() => {});
  driverProcess.kill();
  xvfb.kill();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
