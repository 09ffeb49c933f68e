// The headless Chromium figures: ready, reaction, assess per call in a page, memory and layout.
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
