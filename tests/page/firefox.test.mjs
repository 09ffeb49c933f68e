// The deliberate-choice defects again, in Firefox ESR: Debian's firefox-esr driven through the
// geckodriver that scripts/setup.sh installs, with selenium-webdriver (Playwright's Firefox is a
// patched build it would have to download, which this network refuses). WebDriver's actions
// are real input events, so the browser assigns timeStamp, detail and repeat itself.
import assert from 'node:assert/strict';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Builder, Key, Origin } from 'selenium-webdriver';
import firefox from 'selenium-webdriver/firefox.js';
import { PLAIN_LAYOUTS, REPO, contentSecurityPolicy, plainCheckout, requirePackage, serve } from './helpers.mjs';

const GECKODRIVER = process.env.GECKODRIVER ?? join(homedir(), '.cargo', 'bin', 'geckodriver');
const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';

let server;
let driver;

before(async () => {
  requirePackage();
  server = await serve(REPO.replace(/\/$/, ''), await contentSecurityPolicy());
  const options = new firefox.Options().addArguments('-headless').setBinary(FIREFOX);
  // Nothing of Firefox's own may phone home from the test machine.
  for (const [pref, value] of [
    ['app.update.enabled', false],
    ['browser.shell.checkDefaultBrowser', false],
    ['network.captive-portal-service.enabled', false],
    ['datareporting.policy.dataSubmissionEnabled', false],
    ['toolkit.telemetry.enabled', false],
  ]) options.setPreference(pref, value);
  driver = await new Builder()
    .forBrowser('firefox')
    .setFirefoxOptions(options)
    .setFirefoxService(new firefox.ServiceBuilder(GECKODRIVER))
    .build();
});

after(async () => {
  await driver?.quit();
  await server?.close();
});

const js = (script, ...args) => driver.executeScript(script, ...args);
const jsAsync = (script, ...args) => driver.executeAsyncScript(script, ...args);
const seen = () => js('return window.__seen');
const dialogOpen = () => js("return !!document.querySelector('instalment-guard-dialog')?.shadowRoot.querySelector('dialog[open]')");

async function load(layout, top, viewport) {
  await driver.manage().window().setRect({ width: viewport.width, height: viewport.height });
  // The window's outer size includes Firefox's own frame: size the page's viewport exactly.
  const inner = await js('return [innerWidth, innerHeight]');
  await driver.manage().window().setRect({
    width: viewport.width * 2 - inner[0],
    height: viewport.height * 2 - inner[1],
  });
  await driver.get(plainCheckout(server.origin, layout, top));
  await driver.wait(async () => js("return !!customElements.get('instalment-guard')"), 10_000);
  // The element's code arrives after the page's load event; `ready` says when it can decide.
  await jsAsync("const done = arguments[0]; document.querySelector('instalment-guard').ready.then(() => done(), () => done())");
  await driver.wait(async () => js("return document.querySelector('instalment-guard').error === null"), 10_000);
}

/** Lets everything queued run: the dialog's close event and the guard's events after it. */
const settle = () => jsAsync('const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 0)))');

/** Where the pay button must sit for the reminder's first plan to open under the pointer. */
async function aim(where) {
  await load(where.layout, 200, where.viewport);
  const box = await js(`
    document.getElementById('pay').click();
    const root = document.querySelector('instalment-guard-dialog').shadowRoot;
    const r = root.querySelector('[data-plan]').getBoundingClientRect();
    const x = Math.round(r.x + r.width / 2);
    const y = Math.round(r.y + r.height / 2);
    return { x, y, under: root.elementFromPoint(x, y)?.closest('[data-plan]')?.dataset.plan ?? null };`);
  // Had the reminder taken the clicks, this is the plan they would have chosen.
  assert.ok(box.under, 'a plan lies under the pointer');
  await load(where.layout, box.y - 28, where.viewport);
  return box;
}

async function checkNothingChosen() {
  await settle();
  assert.equal(await dialogOpen(), true, 'the reminder is still open');
  const s = await seen();
  assert.deepEqual(s.choose, [], 'no plan was chosen');
  assert.deepEqual(s.submits, [], 'nothing was submitted');
  assert.equal(s.remind, 1);
}

for (const where of PLAIN_LAYOUTS) {
  describe(`Firefox, with ${where.name}`, () => {
    for (const clicks of [2, 3]) {
      it(`${clicks === 2 ? 'a double' : 'a triple'} click on pay opens the reminder and chooses nothing`, async () => {
        const { x, y, under } = await aim(where);
        let actions = driver.actions().move({ x, y, origin: Origin.VIEWPORT });
        for (let i = 0; i < clicks; i += 1) actions = actions.press().release();
        await actions.perform();
        await driver.wait(async () => (await seen()).remind > 0, 5_000);
        await checkNothingChosen();
        // A later, deliberate click still chooses.
        await driver.actions().move({ x, y, origin: Origin.VIEWPORT }).press().release().perform();
        await driver.wait(async () => (await seen()).submits.length > 0, 5_000);
        await settle();
        assert.deepEqual((await seen()).submits, [under]);
      });
    }

    if (where.layout !== 'div') {
      it('Enter pressed again after the reminder opens chooses nothing; a fresh Enter on a plan does', async () => {
        await load(where.layout, 200, where.viewport);
        const note = await driver.findElement({ id: 'note' });
        await note.sendKeys(Key.ENTER);
        await driver.wait(async () => (await seen()).remind > 0, 5_000);
        const focused = () =>
          js("const a = document.querySelector('instalment-guard-dialog').shadowRoot.activeElement; return a ? a.localName + (a.dataset.plan ? ':' + a.dataset.plan : '') : null");
        await driver.actions().keyDown(Key.ENTER).keyUp(Key.ENTER).keyDown(Key.ENTER).keyUp(Key.ENTER).perform();
        await checkNothingChosen();
        assert.equal(await focused(), 'h2', 'focus is on the heading, not on a plan');
        let plan = null;
        for (let i = 0; i < 6 && !plan; i += 1) {
          await driver.actions().keyDown(Key.TAB).keyUp(Key.TAB).perform();
          plan = (await focused())?.split(':')[1] ?? null;
        }
        assert.ok(plan, 'Tab reaches a plan');
        await driver.actions().keyDown(Key.ENTER).keyUp(Key.ENTER).perform();
        await driver.wait(async () => (await seen()).submits.length > 0, 5_000);
        assert.deepEqual((await seen()).submits, [plan]);
      });
    }
  });
}
