// The built demo under the strict CSP: nothing refused, nothing logged as an error, no request
// leaving the origin, axe finding nothing, and screenshots in every language at two sizes for a
// person to look at (test-results/screenshots/).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  demoPages, DESKTOP, LANGS, MOBILE, dialog, dialogSettled, openCheckout, withPage, screenshotPath,
  axe, injectAxe, describeViolations,
} from './helpers.mjs';


const live = demoPages();

/** Submits without a plan and waits for the reminder. */
async function openReminder(page) {
  await page.click('#place-order');
  await dialog(page).waitFor();
  await dialogSettled(page);
}


/**
 * The money and rate values under `root` (a selector, optionally inside a shadow host) that
 * wrap onto a second line: "CN¥1,628." above "92" is a misread amount waiting to happen.
 */
function wrappedValues(page, host, selector) {
  return page.evaluate(
    ([hostSel, sel]) => {
      const root = hostSel ? document.querySelector(hostSel)?.shadowRoot : document;
      return [...(root?.querySelectorAll(sel) ?? [])]
        .filter((el) => el.textContent.trim())
        .filter((el) => el.getBoundingClientRect().height > 1.5 * parseFloat(getComputedStyle(el).lineHeight))
        .map((el) => el.textContent.trim());
    },
    [host, selector],
  );
}

/**
 * The figures (runs of text with a digit, between spaces or a Chinese comma; a no-break space
 * holds "11 × ¥99.53" together) that a line break splits, in `selector`'s elements under `host`'s
 * shadow root. A value may wrap between its figures, never inside one.
 */
function brokenFigures(page, host, selector) {
  return page.evaluate(
    ([hostSel, sel]) => {
      const root = document.querySelector(hostSel).shadowRoot;
      const broken = [];
      for (const el of root.querySelectorAll(sel)) {
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let t = walker.nextNode(); t; t = walker.nextNode()) {
          for (const m of t.data.matchAll(/[^ ，]*\d[^ ，]*/g)) {
            const range = document.createRange();
            range.setStart(t, m.index);
            range.setEnd(t, m.index + m[0].length);
            const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.bottom)));
            if (lines.size > 1) broken.push(m[0]);
          }
        }
      }
      return broken;
    },
    [host, selector],
  );
}

/** What no shopper should ever read: ids, codes, or a template that was not filled. */
function assertNoRawText(text, where) {
  for (const raw of [/huabei-\d/, /card-\d/, /\bNaN\b/, /\bundefined\b/, /\bnull\b/, /\{\w*\}/, /[A-Z]{3,}_[A-Z]+/]) {
    assert.doesNotMatch(text, raw, `${where} shows ${raw}`);
  }
}

describe('strict CSP and no network', () => {
  for (const lang of LANGS) {
    it(`${lang}: the page, the reminder and done.html load with no CSP violation or console error`, async () => {
      await withPage(live.browser, {}, async (page, record) => {
        await openCheckout(page, live.server.origin, lang);
        await openReminder(page);
        await Promise.all([
          page.waitForURL(/\/done\.html\?/),
          dialog(page).locator('[part~="plan"]').first().click(),
        ]);
        await page.locator('[data-out="plan-detail"]:not([hidden])').waitFor();
        assert.deepEqual(record.violations, []);
        assert.deepEqual(record.errors, []);
        assert.deepEqual(record.failed, [], 'every file the pages ask for exists');
      });
    });
  }

  it('no request leaves the origin, through a whole checkout and a language switch', async () => {
    await withPage(live.browser, {}, async (page, record) => {
      await openCheckout(page, live.server.origin);
      await page.locator('.lang-switch [data-locale="zh-TW"]').click();
      await page.locator('[data-item="fridge"] [data-step="1"]').click();
      await openReminder(page);
      await Promise.all([page.waitForURL(/\/done\.html\?/), dialog(page).locator('[data-action="full"]').click()]);
      await page.locator('[data-out="facts"]:not([hidden])').waitFor();
      assert.ok(record.requests.some((u) => u.endsWith('.wasm')), 'the recorder saw the page load');
      const away = record.requests.filter((u) => !u.startsWith(`${live.server.origin}/`));
      assert.deepEqual(away, []);
    });
  });
});

describe('accessibility (axe: wcag2a, wcag2aa, wcag21aa)', () => {
  for (const lang of LANGS) {
    it(`${lang}: the checkout page, and the page with the reminder open`, async () => {
      await withPage(live.browser, {}, async (page) => {
        await openCheckout(page, live.server.origin, lang);
        await injectAxe(page, live.server.origin);
        const pageViolations = await axe(page);
        assert.deepEqual(pageViolations, [], describeViolations(pageViolations));

        await openReminder(page);
        // The dialog lives in a shadow root: axe reaches it with a fromShadowDom selector.
        const dialogViolations = await axe(page, { include: [{ fromShadowDom: ['instalment-guard-dialog', 'dialog'] }] });
        assert.deepEqual(dialogViolations, [], describeViolations(dialogViolations));
        const withDialog = await axe(page);
        assert.deepEqual(withDialog, [], describeViolations(withDialog));
      });
    });
  }

  it('the order-complete page', async () => {
    await withPage(live.browser, {}, async (page) => {
      await page.goto(`${live.server.origin}/done.html?amount_minor=477690&pay_method=huabei&instalment_plan=huabei-12&lang=zh-CN`);
      await page.locator('[data-out="plan-detail"]:not([hidden])').waitFor();
      await injectAxe(page, live.server.origin);
      const violations = await axe(page);
      assert.deepEqual(violations, [], describeViolations(violations));
    });
  });
});

describe('screenshots and layout', () => {
  for (const [size, viewport] of [['desktop', DESKTOP], ['mobile', MOBILE]]) {
    for (const lang of LANGS) {
      it(`${lang} at ${viewport.width}×${viewport.height}: checkout, reminder and done.html`, async () => {
        await withPage(live.browser, { viewport }, async (page) => {
          await openCheckout(page, live.server.origin, lang);
          // Nothing wider than the screen, so nothing is cut off or scrolls sideways.
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          assert.ok(overflow <= 0, `the page is ${overflow}px wider than the viewport`);
          assertNoRawText(await page.locator('body').innerText(), 'the checkout page');
          await page.screenshot({ path: screenshotPath(`checkout-${lang}-${size}`), fullPage: true });

          assert.deepEqual(await wrappedValues(page, null, '.figure-value, [data-out="total"], [data-out="price"]'), []);

          await openReminder(page);
          assertNoRawText(await dialog(page).innerText(), 'the reminder');
          await page.screenshot({ path: screenshotPath(`reminder-${lang}-${size}`) });

          await Promise.all([
            page.waitForURL(/\/done\.html\?/),
            dialog(page).locator('[part~="plan"]').first().click(),
          ]);
          await page.locator('[data-out="plan-detail"]:not([hidden])').waitFor();
          assertNoRawText(await page.locator('body').innerText(), 'done.html');
          assert.deepEqual(await wrappedValues(page, null, '[data-out="amount"]'), []);
          await page.screenshot({ path: screenshotPath(`done-${lang}-${size}`), fullPage: true });
        });
      });
    }
  }
});

describe('the reminder at phone width (product layout)', () => {
  // A value may wrap inside its card (between the payments of a plan that names several), but
  // never inside a number, in every language.
  for (const lang of LANGS) {
    it(`${lang}: no amount or rate in the dialog breaks across lines at 375 px`, async () => {
      await withPage(live.browser, { viewport: MOBILE }, async (page) => {
        await openCheckout(page, live.server.origin, lang);
        await openReminder(page);
        const broken = await brokenFigures(page, 'instalment-guard-dialog', '[part~="value"], [part~="order-total"]');
        assert.deepEqual(broken, [], `broken across lines in the dialog: ${broken.join(' | ')}`);
      });
    });
  }
});
