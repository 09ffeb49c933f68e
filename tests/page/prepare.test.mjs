// The first reminder is prepared while the page is idle (src/dom/guard.rs, `prepare`): the closed
// dialog is built with the figures of the moment, so pressing pay only opens it (or rebuilds it,
// when the figures changed meanwhile). What this must never do: show anything, tell the page
// anything, count a reminder, outlive its guard, or cost the shopper their reminder.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dialog, repoPages, withPage } from './helpers.mjs';

const live = repoPages();
const url = (origin) => `${origin}/tests/page/fixtures/plain-checkout.html?guard=api`;
const NOTHING_SEEN = { submits: [], choose: [], remind: 0, proceed: 0, dismiss: 0 };
/** What `prepared` reads of a dialog prepared and not shown: closed, its 3 plans, nothing told. */
const PREPARED_UNSEEN = { open: false, drawn: 0, plans: 3, shown: 0, seen: NOTHING_SEEN, focusOnBody: true };

/** The plain checkout with the JS API, and every console warning or error from then on. */
async function open(page) {
  const messages = [];
  page.on('console', (m) => ['warning', 'error'].includes(m.type()) && messages.push(m.text()));
  page.on('pageerror', (e) => messages.push(String(e)));
  await page.goto(url(live.server.origin));
  await page.waitForFunction(() => document.documentElement.dataset.ready === '1');
  return messages;
}

/** A guard on the checkout, made by the page's own code. */
const attach = (page) =>
  page.evaluate(() => {
    window.guard = new window.ig.CheckoutGuard(document.getElementById('checkout'), { currency: 'CNY', preset: 'huabei' });
  });

/**
 * Waits until the page has been idle once more after a second past its load event, which is when
 * an untouched guard prepares (js/dom.js, PREPARE_AFTER_LOAD_MS).
 */
const idle = (page) =>
  page.evaluate(() => new Promise((r) => {
    const left = performance.getEntriesByType('navigation')[0].loadEventEnd + 1000 - performance.now();
    setTimeout(() => requestIdleCallback(() => setTimeout(r, 50)), Math.max(0, left) + 20);
  }));

/**
 * Counts the steps of the idle layout (window.__layouts), and from the first step on holds the
 * page's idle callbacks (window.__held) until the test runs them.
 */
const holdAfterFirstStep = (page) =>
  page.evaluate(() => {
    window.__layouts = 0;
    window.__held = [];
    const ric = window.requestIdleCallback;
    window.requestIdleCallback = (fn, o) => (window.__layouts ? window.__held.push(fn) : ric(fn, o));
    const width = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'offsetWidth');
    Object.defineProperty(HTMLElement.prototype, 'offsetWidth', {
      ...width,
      get() {
        if (this.localName === 'dialog' && this.hasAttribute('data-warm')) window.__layouts++;
        return width.get.call(this);
      },
    });
  });

const hosts = (page) => page.locator('instalment-guard-dialog').count();

const prepared = (page) =>
  page.evaluate(() => {
    const host = document.querySelector('instalment-guard-dialog');
    const d = host?.shadowRoot.querySelector('dialog');
    return {
      open: d?.open,
      drawn: d ? d.getBoundingClientRect().width : null,
      plans: d ? d.querySelectorAll('[data-plan]').length : 0,
      shown: window.guard.remindersShown,
      seen: window.__seen,
      focusOnBody: document.activeElement === document.body,
    };
  });

describe('the reminder prepared while the page is idle', () => {
  it('is built closed and silent, and the submit opens that very dialog', async () => {
    await withPage(live.browser, {}, async (page) => {
      const messages = await open(page);
      await attach(page);
      await idle(page);
      assert.equal(await hosts(page), 1, 'the dialog is there once the page was idle');
      assert.deepEqual(await prepared(page), PREPARED_UNSEEN, 'its plans are laid out, and nothing is shown, counted, focused or told to the page');
      // Marks the prepared nodes: an unchanged cart opens them as they are, with no rebuild.
      await page.evaluate(() => {
        for (const b of document.querySelector('instalment-guard-dialog').shadowRoot.querySelectorAll('[data-plan]')) b.preparedMark = true;
      });
      await page.click('#pay');
      await dialog(page).waitFor();
      assert.deepEqual(
        await page.evaluate(() => [...document.querySelector('instalment-guard-dialog').shadowRoot.querySelectorAll('[data-plan]')].map((b) => b.preparedMark === true)),
        [true, true, true], 'the prepared plans are the ones shown');
      assert.equal(await hosts(page), 1);
      assert.equal(await page.evaluate(() => window.__seen.remind), 1);
      assert.equal(await page.evaluate(() => window.guard.remindersShown), 1);
      assert.deepEqual(messages, []);
    });
  });

  it('lays the prepared dialog out in short idle steps, hidden and out of the flow, and never paints it', async () => {
    await withPage(live.browser, {}, async (page) => {
      const messages = await open(page);
      await page.evaluate(() => {
        const seen = (window.__warm = { layouts: [], framesWithWarm: 0, shifts: 0, frames: 0, idle: 0 });
        // Which idle callback each layout of the dialog happens in.
        const ric = window.requestIdleCallback;
        window.requestIdleCallback = (fn, o) => ric((d) => { seen.idle++; fn(d); }, o);
        const width = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'offsetWidth');
        Object.defineProperty(HTMLElement.prototype, 'offsetWidth', {
          ...width,
          get() {
            if (this.localName === 'dialog' && this.hasAttribute('data-warm')) {
              const cs = getComputedStyle(this);
              seen.layouts.push({
                idle: seen.idle,
                display: cs.display, visibility: cs.visibility, position: cs.position,
                width: this.getBoundingClientRect().width > 100,
                plans: [...this.querySelectorAll('[data-plan]')].filter((b) => b.getBoundingClientRect().width > 0).length,
                footer: this.querySelector('[part~=footer]').getBoundingClientRect().width > 0,
                header: this.querySelector('h2').getBoundingClientRect().width > 0,
                // The footer, each line of the body, each plan's row.
                parts: [...this.querySelectorAll('[part~=footer],[part~=body]>p,[part~=plans]>li')]
                  .map((p) => p.getBoundingClientRect().width > 0),
              });
            }
            return width.get.call(this);
          },
        });
        new PerformanceObserver((l) => (seen.shifts += l.getEntries().length)).observe({ type: 'layout-shift' });
        const frame = () => {
          seen.frames++;
          const d = document.querySelector('instalment-guard-dialog')?.shadowRoot.querySelector('dialog');
          if (d?.hasAttribute('data-warm')) seen.framesWithWarm++;
          requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      });
      await attach(page);
      await page.waitForFunction(() => window.__warm.layouts.some((l) => l.plans === 3));
      await idle(page);
      const warm = await page.evaluate(() => window.__warm);
      const { layouts } = warm;
      // The header alone, then one part more each time, in the dialog's order: the footer, the
      // lead, the order total, each of the 3 plans. Then no more steps.
      const n = layouts[0].parts.length;
      assert.ok(n >= 6, `the dialog has its footer, lines and plans (${n})`);
      assert.deepEqual(layouts.map((l) => l.parts), Array.from({ length: n + 1 }, (_, k) => Array.from({ length: n }, (_, i) => i < k)),
        'each step lays out the parts before it and one more');
      assert.ok(layouts.every((l) => l.header), 'the header in every step');
      assert.equal(new Set(layouts.map((l) => l.idle)).size, layouts.length, 'each step in an idle callback of its own');
      assert.deepEqual({ plans: layouts.at(-1).plans, footer: layouts.at(-1).footer }, { plans: 3, footer: true }, 'the whole dialog last');
      for (const l of layouts) {
        assert.deepEqual({ display: l.display, visibility: l.visibility, position: l.position, width: l.width },
          { display: 'flex', visibility: 'hidden', position: 'fixed', width: true },
          'as the dialog it will be, hidden and out of the page flow');
      }
      assert.ok(warm.frames > 0, 'frames were watched');
      assert.equal(warm.framesWithWarm, 0, 'no frame ever had it laid out');
      assert.equal(warm.shifts, 0, 'nothing on the page moved');
      assert.deepEqual(await prepared(page), PREPARED_UNSEEN);
      assert.deepEqual(messages, []);
    });
  });

  it('stops laying out for good once the reminder has opened, and leaves no part of it hidden', async () => {
    await withPage(live.browser, {}, async (page) => {
      await open(page);
      await holdAfterFirstStep(page);
      await attach(page);
      // Pay pressed after the first step, with the next one due.
      await page.waitForFunction(() => window.__layouts === 1 && window.__held.length === 1);
      await page.click('#pay');
      await dialog(page).waitFor();
      const shownOpen = await page.evaluate(() => {
        const d = document.querySelector('instalment-guard-dialog').shadowRoot.querySelector('dialog');
        return {
          open: d.open,
          later: d.querySelectorAll('[data-later]').length,
          warm: d.hasAttribute('data-warm'),
          plans: [...d.querySelectorAll('[data-plan]')].filter((b) => b.getBoundingClientRect().width > 0).length,
        };
      });
      assert.deepEqual(shownOpen, { open: true, later: 0, warm: false, plans: 3 }, 'every plan shown');
      // Closed again before the next step was due: the steps do not resume.
      await page.keyboard.press('Escape');
      await page.waitForFunction(() => !document.querySelector('instalment-guard-dialog').shadowRoot.querySelector('dialog').open);
      await page.evaluate(() => window.__held.splice(0).forEach((fn) => fn({ timeRemaining: () => 50, didTimeout: false })));
      assert.deepEqual(await page.evaluate(() => [window.__layouts, window.__held.length]), [1, 0], 'no step after the reminder opened, and none due');
    });
  });

  it('stops laying out when the guard goes', async () => {
    await withPage(live.browser, {}, async (page) => {
      const messages = await open(page);
      await holdAfterFirstStep(page);
      await attach(page);
      await page.waitForFunction(() => window.__layouts === 1 && window.__held.length === 1);
      await page.evaluate(() => window.guard.destroy());
      await page.evaluate(() => window.__held.splice(0).forEach((fn) => fn({ timeRemaining: () => 50, didTimeout: false })));
      assert.deepEqual(await page.evaluate(() => [window.__layouts, window.__held.length]), [1, 0], 'no step after destroy()');
      assert.equal(await hosts(page), 0);
      assert.deepEqual(messages, []);
    });
  });

  it('warns, and lays nothing out after, when the page broke a DOM method mid-step', async () => {
    await withPage(live.browser, {}, async (page) => {
      const messages = await open(page);
      // getComputedStyle throws while the dialog is being put back after a step.
      await page.evaluate(() => {
        const real = window.getComputedStyle;
        window.getComputedStyle = function (el, ...rest) {
          if (el?.localName === 'dialog' && el.hasAttribute('data-cold')) throw new Error('page broke getComputedStyle');
          return real.call(this, el, ...rest);
        };
      });
      await attach(page);
      await idle(page);
      await idle(page);
      const warned = messages.filter((m) => m.includes('could not lay the reminder out ahead'));
      assert.equal(warned.length, 1, `one warning: ${messages.join(' | ')}`);
      assert.equal(messages.length, 1, 'and no uncaught error');
      assert.deepEqual(await page.evaluate(() => {
        const d = document.querySelector('instalment-guard-dialog').shadowRoot.querySelector('dialog');
        return [...d.querySelectorAll('[data-later],[data-warm],[data-cold]')].length + d.getAttributeNames().filter((a) => a.startsWith('data-')).length;
      }), 0, 'nothing left on the dialog');
      await page.click('#pay');
      await dialog(page).waitFor();
      assert.equal(await page.evaluate(() => {
        const d = document.querySelector('instalment-guard-dialog').shadowRoot.querySelector('dialog');
        return [...d.querySelectorAll('[data-plan]')].filter((b) => b.getBoundingClientRect().width > 0).length;
      }), 3, 'the reminder opens with every plan shown');
    });
  });

  it('leaves nothing running for a theme that animates the dialog\'s closing', async () => {
    await withPage(live.browser, {}, async (page) => {
      const messages = await open(page);
      // A page theme with the usual exit transition on ::part(dialog), and an animation.
      await page.evaluate(() => {
        const theme = new CSSStyleSheet();
        theme.replaceSync(`instalment-guard-dialog::part(dialog){transition:display 2s allow-discrete,overlay 2s allow-discrete,opacity 2s,visibility 2s;animation:spin 2s infinite}
          @keyframes spin{to{rotate:1turn}}`);
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, theme];
      });
      await attach(page);
      await idle(page);
      assert.deepEqual(await page.evaluate(() => {
        const d = document.querySelector('instalment-guard-dialog').shadowRoot.querySelector('dialog');
        const cs = getComputedStyle(d);
        return { display: cs.display, running: d.getAnimations().length, warm: d.hasAttribute('data-warm'), cold: d.hasAttribute('data-cold') };
      }), { display: 'none', running: 0, warm: false, cold: false }, 'closed, with no transition or animation left running');
      assert.deepEqual(await prepared(page), PREPARED_UNSEEN);
      assert.deepEqual(messages, []);
    });
  });

  it('shows the figures of the submit, not of the preparation, when the cart changed between', async () => {
    await withPage(live.browser, {}, async (page) => {
      await open(page);
      await attach(page);
      await idle(page);
      assert.equal(await hosts(page), 1);
      await page.evaluate(() => window.guard.update({ amountMinor: 250000 }));
      await page.click('#pay');
      await dialog(page).waitFor();
      assert.match(await dialog(page).locator('[part~="order-total"]').textContent(), /2,500\.00/);
    });
  });

  it('still reminds when the page took the prepared dialog out of the document', async () => {
    await withPage(live.browser, {}, async (page) => {
      await open(page);
      await attach(page);
      await idle(page);
      // A framework re-rendering <body>, or a script tidying it, removes what it does not know.
      await page.evaluate(() => document.querySelector('instalment-guard-dialog').remove());
      await page.click('#pay');
      await dialog(page).waitFor();
      assert.equal(await hosts(page), 1, 'put back and opened');
      assert.equal(await page.evaluate(() => window.__seen.submits.length), 0, 'the submit waits for the shopper');
    });
  });

  it('is removed with its guard', async () => {
    await withPage(live.browser, {}, async (page) => {
      await open(page);
      await attach(page);
      await idle(page);
      assert.equal(await hosts(page), 1);
      await page.evaluate(() => window.guard.destroy());
      assert.equal(await hosts(page), 0);
    });
  });

  it('waits for the shopper\'s first touch of the form when that comes before a second after the load', async () => {
    await withPage(live.browser, {}, async (page) => {
      const messages = await open(page);
      await page.evaluate(() => {
        // As if the page had only just loaded, a minute from now: only a touch can cue it.
        const real = performance.getEntriesByType.bind(performance);
        performance.getEntriesByType = (type) => (type === 'navigation' ? [{ loadEventEnd: performance.now() + 60_000 }] : real(type));
      });
      await attach(page);
      await page.evaluate(() => new Promise((r) => requestIdleCallback(() => setTimeout(r, 200))));
      assert.equal(await hosts(page), 0, 'untouched, nothing is prepared in the page\'s first second');
      await page.focus('#note');
      await page.waitForFunction(() => document.querySelector('instalment-guard-dialog'), null, { timeout: 5000 });
      assert.deepEqual((await prepared(page)).seen, NOTHING_SEEN);
      assert.deepEqual(messages, []);
    });
  });

  it('comes half a second later where the browser has no requestIdleCallback (Safari)', async () => {
    await withPage(live.browser, {}, async (page) => {
      const messages = await open(page);
      const t0 = await page.evaluate(() => {
        delete window.requestIdleCallback;
        window.requestIdleCallback = undefined;
        const t = performance.now();
        window.guard = new window.ig.CheckoutGuard(document.getElementById('checkout'), { currency: 'CNY', preset: 'huabei' });
        return t;
      });
      assert.equal(await hosts(page), 0, 'not during the attach');
      await page.waitForFunction(() => document.querySelector('instalment-guard-dialog'), null, { timeout: 5000 });
      const waited = await page.evaluate((t) => performance.now() - t, t0);
      assert.ok(waited >= 450, `prepared after ${waited} ms`);
      assert.deepEqual((await prepared(page)).seen, NOTHING_SEEN);
      assert.deepEqual(messages, []);
    });
  });

  it('is skipped, not fatal, on a page whose requestIdleCallback throws', async () => {
    await withPage(live.browser, {}, async (page) => {
      await open(page);
      await page.evaluate(() => {
        window.requestIdleCallback = () => {
          throw new Error('this page broke requestIdleCallback');
        };
      });
      await attach(page);
      // Long enough for either schedule (idle, or 500 ms later) to have run, a second after the load.
      await page.waitForTimeout(1800);
      assert.equal(await hosts(page), 0, 'nothing prepared');
      await page.click('#pay');
      await dialog(page).waitFor();
      assert.equal(await page.evaluate(() => window.guard.remindersShown), 1, 'the reminder is built at the submit instead');
    });
  });

  it('is not built for a checkout that would not be reminded, nor for a guard already gone', async () => {
    await withPage(live.browser, {}, async (page) => {
      const messages = await open(page);
      await page.evaluate(() => {
        const form = document.getElementById('checkout');
        form.querySelector('select').value = 'huabei-6';
        window.chosen = new window.ig.CheckoutGuard(form, { currency: 'CNY', preset: 'huabei' });
      });
      await idle(page);
      assert.equal(await hosts(page), 0, 'a plan is chosen: nothing to prepare');

      await page.evaluate(() => {
        const form = document.getElementById('checkout');
        window.chosen.destroy();
        form.querySelector('select').value = '';
        // Destroyed, and freed, before the page is idle: the preparation finds no guard.
        new window.ig.CheckoutGuard(form, { currency: 'CNY', preset: 'huabei' }).destroy();
        new window.ig.CheckoutGuard(form, { currency: 'CNY', preset: 'huabei' }).free();
      });
      await idle(page);
      assert.equal(await hosts(page), 0, 'no dialog outlives its guard');
      await page.click('#pay');
      await page.waitForFunction(() => window.__seen.submits.length === 1);
      assert.deepEqual(messages, []);
    });
  });
});
