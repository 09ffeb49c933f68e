// The headless Chromium figures: ready, reaction, assess per call in a page, memory and layout.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { summary } from './timing.js';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// Playwright gives every launch a new temporary profile of its own (and refuses
// --user-data-dir here), so each bench run starts from an empty one.
export async function launch() {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  return {
    browser,
    version: browser.version(),
    close: () => browser.close().catch(() => {}),
  };
}

async function pageIn(context, errors) {
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return page;
}

// ---- ready -------------------------------------------------------------------------------------
// Each load gets a new browser context: empty HTTP cache, no compiled-wasm cache, a new renderer.
// Loads of the floor page (the same steps with an empty wasm module) alternate with ours, so both
// see the same machine.
async function load(browser, url, errors) {
  const context = await browser.newContext();
  const page = await pageIn(context, errors);
  await page.goto(url);
  await page.waitForFunction(() => window.readyMarks && window.readyMarks.done, null, { timeout: 15_000 });
  const m = await page.evaluate(() => window.readyMarks);
  await context.close();
  if (m.error) {
    errors.push(m.error);
    return null;
  }
  return {
    glueImportMs: m.initStart - m.importStart,
    initMs: m.initEnd - m.initStart,
    wasmFetchMs: m.wasmResponseEnd != null ? m.wasmResponseEnd - m.initStart : null,
    compileInstantiateMs: m.wasmResponseEnd != null ? m.initEnd - m.wasmResponseEnd : null,
    attachMs: m.guardEnd - m.initEnd,
    initToGuardMs: m.guardEnd - m.initStart,
    wasmTransferBytes: m.wasmBytes ?? null,
  };
}

export async function ready(browser, origin, { loads = 40 } = {}) {
  const errors = [];
  const rows = [];
  const floor = [];
  const paired = [];
  for (let i = 0; i <= loads; i++) {
    // Which goes first alternates too, so neither always follows the other.
    const ourUrl = `${origin}/bench/pages/ready.html`;
    const floorUrl = `${origin}/bench/pages/ready.html?floor`;
    let ours;
    let empty;
    if (i % 2 === 0) {
      ours = await load(browser, ourUrl, errors);
      empty = await load(browser, floorUrl, errors);
    } else {
      empty = await load(browser, floorUrl, errors);
      ours = await load(browser, ourUrl, errors);
    }
    // The first loads of a new browser also warm the browser process itself: not counted.
    if (i === 0) continue;
    if (ours) rows.push(ours);
    if (empty) floor.push(empty);
    if (ours && empty) paired.push(ours.initToGuardMs - empty.initMs);
  }
  const pick = (list, k) => summary(list.map((r) => r[k]).filter((v) => v != null));
  return {
    loads: rows.length,
    initToGuardMs: pick(rows, 'initToGuardMs'),
    initMs: pick(rows, 'initMs'),
    wasmFetchMs: pick(rows, 'wasmFetchMs'),
    compileInstantiateMs: pick(rows, 'compileInstantiateMs'),
    attachMs: pick(rows, 'attachMs'),
    glueImportMs: pick(rows, 'glueImportMs'),
    // Each of our loads less the floor load beside it: less moved by drift in the machine's load.
    aboveFloorPairedMs: summary(paired),
    floor: {
      loads: floor.length,
      initMs: pick(floor, 'initMs'),
      wasmFetchMs: pick(floor, 'wasmFetchMs'),
      compileInstantiateMs: pick(floor, 'compileInstantiateMs'),
    },
    errors,
  };
}

// ---- the checkout page ---------------------------------------------------------------------------
async function openCheckout(browser, origin, errors) {
  const context = await browser.newContext();
  const page = await pageIn(context, errors);
  await page.goto(`${origin}/bench/pages/checkout.html`);
  await page.waitForFunction(() => window.bench && window.bench.ready, null, { timeout: 15_000 });
  return { context, page };
}

// ---- reaction ----------------------------------------------------------------------------------
export async function reaction(browser, origin, { runs = 60 } = {}) {
  const errors = [];
  const { context, page } = await openCheckout(browser, origin, errors);
  const rows = [];
  for (let i = 0; i < runs; i++) {
    // A new guard each time: every reminder builds its dialog from nothing, like the first one a
    // shopper sees. The random pause spreads the clicks over the phase of the frame clock.
    await page.evaluate(() => window.bench.freshGuard() && window.bench.arm());
    await page.waitForTimeout(Math.floor(Math.random() * 17));
    await page.click('#pay');
    await page.waitForFunction(() => window.bench.reaction().done, null, { timeout: 5_000 });
    const r = await page.evaluate(() => window.bench.reaction());
    rows.push({
      first: i === 0,
      openInFirstFrame: r.openInFirstFrame,
      totalMs: r.paintedAt - r.submitTs,
      handlerMs: (r.handledAt ?? r.rafAt) - r.submitTs,
      decideMs: r.remindAt != null ? r.remindAt - r.captureAt : null,
      showModalMs: r.showModalMs ?? null,
      waitFrameMs: r.rafAt - (r.handledAt ?? r.rafAt),
      renderMs: r.paintedAt - r.rafAt,
      doubleRafMs: r.nextFrameAt - r.submitTs,
    });
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !window.bench.dialogOpen(), null, { timeout: 5_000 });
  }
  const slow = await page.evaluate(() => window.bench.slowEvents().filter((e) => e.name === 'click'));
  await context.close();
  const pick = (k, xs = rows) => summary(xs.map((r) => r[k]).filter((v) => v != null));
  return {
    runs: rows.length,
    totalMs: pick('totalMs'),
    handlerMs: pick('handlerMs'),
    decideMs: pick('decideMs'),
    showModalMs: pick('showModalMs'),
    waitFrameMs: pick('waitFrameMs'),
    renderMs: pick('renderMs'),
    busyMs: summary(rows.map((r) => r.handlerMs + r.renderMs)),
    doubleRafMs: pick('doubleRafMs'),
    firstRun: rows[0],
    openInFirstFrame: rows.filter((r) => r.openInFirstFrame).length,
    // Only clicks at or over the API's 16 ms floor are reported: when every run is, these are
    // the true quantiles; when some are not, the true ones are lower.
    eventTiming: {
      reported: slow.length,
      durationMs: summary(slow.map((e) => e.duration)),
      inputDelayMs: summary(slow.map((e) => e.processingStart - e.start)),
      processingMs: summary(slow.map((e) => e.processing)),
    },
    errors,
  };
}

// ---- assess in a page --------------------------------------------------------------------------
export async function assessInPage(browser, origin) {
  const errors = [];
  const { context, page } = await openCheckout(browser, origin, errors);
  const r = await page.evaluate(() => window.bench.assessBench());
  await context.close();
  return { ...r, errors };
}

// ---- memory ------------------------------------------------------------------------------------
async function cdpTools(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable').catch(() => {});
  const listeners = async (expression, depth = 0) => {
    const { result } = await cdp.send('Runtime.evaluate', { expression });
    const { listeners: ls } = await cdp.send('DOMDebugger.getEventListeners', {
      objectId: result.objectId, depth, pierce: true,
    });
    await cdp.send('Runtime.releaseObject', { objectId: result.objectId });
    return ls.length;
  };
  const heap = async () => {
    // Twice: the first pass can leave finalizers (wasm-bindgen's FinalizationRegistry) pending.
    await cdp.send('HeapProfiler.collectGarbage');
    await new Promise((r) => setTimeout(r, 50));
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return usedSize;
  };
  return { cdp, listeners, heap };
}

async function snapshot(page, tools) {
  return {
    nodes: await page.evaluate(() => window.bench.countNodes()),
    formListeners: await tools.listeners("document.getElementById('checkout')", -1),
    windowListeners: await tools.listeners('window'),
    documentListeners: await tools.listeners('document'),
    // Every listener on every node, shadow trees included.
    allNodeListeners: await tools.listeners('document', -1),
    heapBytes: await tools.heap(),
    wasmBytes: await page.evaluate(() => window.bench.wasmBytes()),
  };
}

export async function memory(browser, origin, { cycles = 10_000, guards = 1_000 } = {}) {
  const errors = [];
  const { context, page } = await openCheckout(browser, origin, errors);
  const tools = await cdpTools(page);
  await tools.cdp.send('HeapProfiler.enable').catch(() => {});

  const cyc = await page.evaluate((n) => window.bench.updateAssessCycles(n), cycles);
  await page.evaluate(() => window.bench.dropGuard());

  // One guard made and destroyed before the baseline, so one-off costs (the shared stylesheet,
  // compiled code, the allocator's first pages) are not counted as a leak.
  await page.evaluate(() => window.bench.guardChurn(1));
  const before = await snapshot(page, tools);
  const churn = await page.evaluate((n) => window.bench.guardChurn(n), guards);
  const after = await snapshot(page, tools);
  // And once more, to tell a one-off step from growth that continues.
  const churn2 = await page.evaluate((n) => window.bench.guardChurn(n), guards);
  const after2 = await snapshot(page, tools);
  await context.close();
  return {
    updateAssess: {
      cycles: cyc.cycles,
      growthBytes: cyc.endBytes - cyc.startBytes,
      growthAfterFirstBytes: cyc.endBytes - cyc.afterFirstBytes,
      startBytes: cyc.startBytes,
      endBytes: cyc.endBytes,
      ms: cyc.ms,
    },
    churn: { guards: churn.guards, opened: churn.opened, ms: churn.ms, dialogsLeft: churn.dialogsLeft,
      openedSecondRound: churn2.opened },
    before,
    after,
    after2,
    errors,
  };
}

// ---- layout ------------------------------------------------------------------------------------
function sumShifts(shifts) {
  return {
    all: shifts.reduce((s, e) => s + e.value, 0),
    withoutRecentInput: shifts.filter((e) => !e.hadRecentInput).reduce((s, e) => s + e.value, 0),
    count: shifts.length,
    sources: [...new Set(shifts.flatMap((e) => e.sources))],
  };
}

async function settle(page) {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

export async function layout(browser, origin) {
  const errors = [];
  const { context, page } = await openCheckout(browser, origin, errors);
  const steps = [];
  const step = async (name, fn) => {
    await fn();
    await settle(page);
    steps.push(name);
  };
  await step('attach CheckoutGuard', () => page.evaluate(() => window.bench.freshGuard()));
  await step('update amounts', async () => {
    // Ending on an amount the guard reminds about: the library stays quiet on small carts now
    // (reason UNLIKELY), and the next step needs the reminder to open.
    for (const a of [99, 12_345, 5_000_000, 111_111]) await page.evaluate((x) => window.bench.setAmount(x), a);
    for (const a of [59_900, 120_000]) await page.evaluate((x) => window.bench.setElementAmount(x), a);
  });
  const dialog = 'instalment-guard-dialog dialog[open]';
  await step('open reminder (CheckoutGuard), Esc', async () => {
    await page.click('#pay');
    await page.waitForSelector(dialog);
    await settle(page);
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !window.bench.dialogOpen());
  });
  await step('new checkout, open reminder, pay in full', async () => {
    // One reminder per checkout is the default: a new guard stands for the next checkout.
    await page.evaluate(() => window.bench.freshGuard());
    await page.click('#pay');
    await page.waitForSelector(dialog);
    await settle(page);
    await page.click('instalment-guard-dialog [data-action=full]');
  });
  await step('open reminder (<instalment-guard>), Esc', async () => {
    await page.click('#element-pay');
    await page.waitForSelector(dialog);
    await settle(page);
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('instalment-guard-dialog dialog[open]')
      && ![...document.querySelectorAll('instalment-guard-dialog')].some((h) => h.shadowRoot?.querySelector('dialog[open]')));
  });
  await page.waitForTimeout(100);
  const shifts = await page.evaluate(() => window.bench.shifts());
  await context.close();
  return { page: 'bench/pages/checkout.html', steps, ...sumShifts(shifts), errors };
}

// The demo page, when one has been built: whatever its structure, load it, submit the first form
// that has a submit button, and close the reminder, with a layout-shift observer installed before
// any of the page's scripts run.
export async function layoutDemo(browser, origin, path) {
  const errors = [];
  const context = await browser.newContext();
  await context.addInitScript(() => {
    window.__shifts = [];
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) window.__shifts.push({ value: e.value, hadRecentInput: e.hadRecentInput, sources: [] });
    }).observe({ type: 'layout-shift', buffered: true });
  });
  const page = await pageIn(context, errors);
  const steps = [];
  try {
    await page.goto(`${origin}${path}`, { waitUntil: 'load' });
    await page.waitForTimeout(500);
    steps.push('load');
    // A change of basket, if the page has quantity steppers: the amount the guard shows moves.
    const more = page.locator('button[data-step="1"]').first();
    if (await more.count()) {
      await more.click({ timeout: 5_000 });
      await settle(page);
      steps.push('+1 item');
    }
    const button = page.locator('form button:not([type=button]):not([type=reset]), form input[type=submit]').first();
    if (await button.count()) {
      await button.click({ timeout: 5_000 });
      const opened = await page.waitForFunction(
        () => [...document.querySelectorAll('instalment-guard-dialog')].some((h) => h.shadowRoot?.querySelector('dialog[open]')),
        null, { timeout: 3_000 },
      ).then(() => true, () => false);
      steps.push(opened ? 'submit → reminder open' : 'submit (no reminder appeared)');
      if (opened) {
        await settle(page);
        await page.keyboard.press('Escape');
        steps.push('Esc');
      }
    } else {
      steps.push('no submit button found');
    }
    await settle(page);
    await page.waitForTimeout(100);
  } catch (e) {
    errors.push(String(e.message || e));
  }
  const shifts = await page.evaluate(() => window.__shifts || []).catch(() => []);
  await context.close();
  return { page: path, steps, ...sumShifts(shifts), errors };
}

// ---- what each page downloads from the package ---------------------------------------------------
// The storefront pages of bench/shop.js, served from memory under /bench/shop/ (ours with the
// package's CSP, the peers' without: a merchant's own page sets its own).
async function shopContext(browser, origin, html, { csp = null } = {}) {
  const context = await browser.newContext();
  // Nothing leaves the machine: the peers' calls home fail at once, as they would offline.
  await context.route((url) => !url.href.startsWith(origin), (route) => route.abort('internetdisconnected'));
  await context.route('**/bench/shop/*.html', (route) => route.fulfill({
    status: 200,
    contentType: 'text/html; charset=utf-8',
    headers: { 'Cache-Control': 'no-store', ...(csp ? { 'Content-Security-Policy': csp } : {}) },
    body: html,
  }));
  return context;
}

/**
 * One page load, counting what it requested from the package: its Resource Timing, each file
 * under /pkg/web/ read from the bench's copy of the build and compressed with gzip -9 (the
 * server sends them uncompressed), split at the page's load event. `settle(page)` does what
 * the row says (the reminder opened, the remedy shown) and returns whether it did.
 */
export async function pageWeight(browser, origin, { html, pkgDir, csp, settle }) {
  const errors = [];
  const context = await shopContext(browser, origin, html, { csp });
  const page = await pageIn(context, errors);
  const failed = [];
  page.on('requestfailed', (r) => failed.push(`${r.url()} ${r.failure()?.errorText ?? ''}`));
  try {
    await page.goto(`${origin}/bench/shop/page.html`, { waitUntil: 'load' });
    const shown = await settle(page);
    // Whatever the page asks for after it settled, it asks for within a few frames.
    await page.waitForTimeout(300);
    const { entries, loadAt } = await page.evaluate(() => ({
      loadAt: performance.getEntriesByType('navigation')[0].loadEventStart,
      entries: performance.getEntriesByType('resource').map((e) => ({ url: e.name, start: e.startTime })),
    }));
    const files = [];
    for (const e of entries) {
      const path = decodeURIComponent(new URL(e.url).pathname);
      if (!path.startsWith('/pkg/web/')) continue;
      const rel = path.slice('/pkg/web/'.length);
      const file = join(pkgDir, rel);
      if (!existsSync(file)) {
        errors.push(`requested but not in the build: ${rel}`);
        continue;
      }
      const body = readFileSync(file);
      files.push({ file: rel, raw: body.length, gzip: gzipSync(body, { level: 9 }).length, beforeLoad: e.start < loadAt, startMs: Math.round(e.start) });
    }
    files.sort((a, b) => a.startMs - b.startMs);
    const sum = (list, k) => list.reduce((s, f) => s + f[k], 0);
    const early = files.filter((f) => f.beforeLoad);
    return {
      shown, files, errors, failed,
      gzip: sum(files, 'gzip'), raw: sum(files, 'raw'),
      beforeLoadGzip: sum(early, 'gzip'), beforeLoadRaw: sum(early, 'raw'),
      loadEventMs: Math.round(loadAt),
    };
  } finally {
    await context.close();
  }
}

/** The checkout page settles: its element is ready, and a press of pay without a plan opens the reminder. */
export async function openReminder(page) {
  await page.evaluate(() => customElements.whenDefined('instalment-guard').then(() => document.querySelector('instalment-guard').ready));
  await page.click('#pay');
  return page.waitForSelector('instalment-guard-dialog dialog[open]', { timeout: 10_000 }).then(() => true, () => false);
}

/** The order page settles: its element is ready and shows its help. */
export async function showRemedy(page) {
  await page.evaluate(() => customElements.whenDefined('instalment-remedy').then(() => document.querySelector('instalment-remedy').ready));
  return page.waitForFunction(() => {
    const el = document.querySelector('instalment-remedy');
    return !!(el && el.shadowRoot && el.shadowRoot.childElementCount);
  }, null, { timeout: 10_000 }).then(() => true, () => false);
}

// ---- main-thread cost at load ---------------------------------------------------------------------
// Each load: a fresh browser context (empty caches, a new renderer), CDP's Performance domain
// enabled before the navigation, the page loaded, then one second after its load event (by the
// page's clock) the renderer's TaskDuration (every main-thread task so far, in seconds) and the
// long tasks (PerformanceObserver 'longtask', buffered) that started by then. The figure is the
// median with a widget less the median of the same page without one; the variants take turns
// within each round, in an order that rotates, so all see the same machine.
const WINDOW_MS = 1000;

async function oneLoad(browser, origin, v, errors) {
  const context = await shopContext(browser, origin, v.html, { csp: v.csp });
  try {
    const page = await pageIn(context, errors);
    await page.addInitScript(() => {
      window.__longTasks = [];
      try {
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
        }).observe({ type: 'longtask', buffered: true });
      } catch {
        // No long-task timing: the list stays empty and the figure says so.
      }
    });
    const cdp = await context.newCDPSession(page);
    // Thread ticks: the main thread's own CPU time, not wall time another process can stretch.
    const timeDomain = await cdp.send('Performance.enable', { timeDomain: 'threadTicks' })
      .then(() => 'threadTicks', () => cdp.send('Performance.enable').then(() => 'timeTicks'));
    await page.goto(`${origin}/bench/shop/page.html`, { waitUntil: 'load' });
    // Wait until a second after the load event by the page's clock, then read at once.
    const left = await page.evaluate((w) => performance.getEntriesByType('navigation')[0].loadEventEnd + w - performance.now(), WINDOW_MS);
    if (left > 0) await page.waitForTimeout(left);
    const { metrics } = await cdp.send('Performance.getMetrics');
    const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
    const inPage = await page.evaluate((w) => {
      const loadEnd = performance.getEntriesByType('navigation')[0].loadEventEnd;
      const lt = window.__longTasks.filter((t) => t.start <= loadEnd + w);
      const g = document.querySelector('instalment-guard');
      return {
        loadEnd,
        longTasks: lt.length,
        longTaskMs: lt.reduce((s, t) => s + t.duration, 0),
        // Whether the widget had shown itself within the window (ours: its code arrived).
        ready: g ? (() => {
          try {
            g.assess();
            return true;
          } catch {
            return false;
          }
        })() : null,
        sezzle: document.getElementById('sezzle-widget')?.childElementCount ?? null,
        paypal: document.querySelector('[data-pp-message]')?.childElementCount ?? null,
      };
    }, WINDOW_MS);
    return { timeDomain, taskMs: (m.TaskDuration ?? NaN) * 1000, scriptMs: (m.ScriptDuration ?? NaN) * 1000, layoutMs: ((m.LayoutDuration ?? 0) + (m.RecalcStyleDuration ?? 0)) * 1000, ...inPage };
  } finally {
    await context.close();
  }
}

/**
 * `variants`: { key: { html, csp } }, one of them `none` (the baseline). Returns, for each,
 * the medians and, for each widget, its median over the baseline's.
 */
export async function mainThread(browser, origin, variants, { loads = 15 } = {}) {
  const errors = [];
  const keys = Object.keys(variants);
  const rows = Object.fromEntries(keys.map((k) => [k, []]));
  // One discarded round first: the first contexts of a browser also warm the browser itself.
  for (let i = -1; i < loads; i++) {
    const order = keys.map((_, j) => keys[(j + Math.max(i, 0)) % keys.length]);
    for (const k of order) {
      const r = await oneLoad(browser, origin, variants[k], errors);
      if (i >= 0) rows[k].push(r);
    }
  }
  const med = (list, f) => summary(list.map(f).filter((x) => Number.isFinite(x))).median;
  const domains = [...new Set(Object.values(rows).flat().map((r) => r.timeDomain))];
  const out = { loads, windowMs: WINDOW_MS, timeDomain: domains.join(', '), errors: [...new Set(errors)].slice(0, 20), variants: {} };
  for (const k of keys) {
    const list = rows[k];
    out.variants[k] = {
      taskMs: summary(list.map((r) => r.taskMs)),
      scriptMs: med(list, (r) => r.scriptMs),
      layoutMs: med(list, (r) => r.layoutMs),
      longTasks: med(list, (r) => r.longTasks),
      longTaskMs: med(list, (r) => r.longTaskMs),
      shownInWindow: list.filter((r) => (k === 'ours' ? r.ready : k === 'sezzle' ? r.sezzle > 0 : k === 'paypal' ? r.paypal > 0 : true)).length,
      loads: list.length,
    };
  }
  const base = out.variants.none;
  for (const k of keys) {
    if (k === 'none') continue;
    const v = out.variants[k];
    v.overBaseMs = v.taskMs.median - base.taskMs.median;
    v.longTaskOverBaseMs = v.longTaskMs - base.longTaskMs;
  }
  return out;
}
