// The cold figures of issue 14, in headless Chromium: the first reminder on a page just loaded
// (Event Timing and a frame-based figure, against a bare <dialog> baseline), the cost of a cart
// that keeps changing while the guard watches it, and a traced split of the cold reminder. (What
// each page downloads is in bench/browser.js, pageWeight.)
//
// Every cold load runs in a new browser context of the already running browser: empty HTTP
// cache, no wasm code cache, its own renderer. Ours and the baseline alternate, load by load, so
// both see the same machine.
import { summary, quantile } from './timing.js';

// ---- what runs in the page before its own scripts ------------------------------------------------
// Installed with context.addInitScript, so it is in place before the page's first script runs.
// It records the click and what follows it, never changing what the page does, except:
//  - submits never navigate (a bubbling listener on document cancels whatever the guard let
//    through, as bench/pages/checkout.js does);
//  - with `bare`, the page's reminder is replaced by the baseline: a window capture listener (it
//    runs before any listener on the form, the guard's included) cancels the submit, stops it
//    there, and opens a plain native <dialog> built by hand with createElement from `bare.tree`;
//  - with `marks`, document.createElement and showModal() are wrapped to leave performance marks
//    for the traced loads (never in the timed loads).
function instrument({ bare, marks }) {
  const m = {
    events: [], firstInput: null,
    clickAt: null, clickTs: null, submitAt: null, raf1At: null, raf2At: null,
    openAtRaf1: null, openAtRaf2: null, settled: false,
  };
  window.__cold = m;
  const mark = (name) => { if (marks) performance.mark(name); };

  // Event Timing: 16 ms is the lowest threshold the API accepts; durations come in 8 ms steps.
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      m.events.push({ name: e.name, start: e.startTime, duration: e.duration,
        processingStart: e.processingStart, processingEnd: e.processingEnd, interactionId: e.interactionId });
    }
    check();
  }).observe({ type: 'event', durationThreshold: 16, buffered: true });
  // The page's first discrete input is always reported, whatever its duration (in Chromium it is
  // the pointerdown of the click, not the click itself).
  new PerformanceObserver((list) => {
    const e = list.getEntries()[0];
    if (e && !m.firstInput) m.firstInput = { name: e.name, start: e.startTime, duration: e.duration, processingStart: e.processingStart };
  }).observe({ type: 'first-input', buffered: true });

  // After the second frame, a click that took 16 ms or more has normally been reported within a
  // frame or two; 300 ms without an entry means it was under the threshold.
  let giveUp = null;
  function check() {
    if (m.settled || m.raf2At == null) return;
    if (m.events.some((e) => e.name === 'click')) m.settled = true;
    else if (!giveUp) giveUp = setTimeout(() => { m.settled = true; }, 300);
  }

  const openDialog = () => {
    const own = document.getElementById('ig-bare-host');
    if (own) return own.shadowRoot.querySelector('dialog').open;
    for (const h of document.querySelectorAll('instalment-guard-dialog')) {
      const d = h.shadowRoot && h.shadowRoot.querySelector('dialog');
      if (d && d.open) return true;
    }
    return false;
  };

  // The frame-based figure. The click's handler start is this listener (window, capture, added
  // before any of the page's). The form's submit follows synchronously inside the click's default
  // action, and the reminder opens in the guard's submit listener. The first rAF callback after the
  // click runs at the next rendering opportunity, before that frame's style, layout and paint: the
  // frame that should show the dialog. The second rAF callback runs at the start of the frame
  // after it, so by then the frame with the dialog has been rendered and handed to the
  // compositor. "Handler start → second rAF" therefore covers the handler, the wait for the frame
  // clock and the whole rendering of the dialog's first frame, and includes one vsync wait: an
  // upper bound of the reaction, in finer steps than Event Timing's 8 ms.
  addEventListener('click', (e) => {
    if (m.clickAt != null) return;
    m.clickAt = performance.now();
    m.clickTs = e.timeStamp;
    mark('ig:click');
    requestAnimationFrame(() => {
      m.raf1At = performance.now();
      m.openAtRaf1 = openDialog();
      mark('ig:frame');
      requestAnimationFrame(() => {
        m.raf2At = performance.now();
        m.openAtRaf2 = openDialog();
        mark('ig:painted');
        check();
      });
    });
  }, true);
  addEventListener('submit', () => {
    if (m.submitAt == null) {
      m.submitAt = performance.now();
      mark('ig:submit');
    }
  }, true);
  document.addEventListener('submit', (e) => e.preventDefault());

  if (marks) {
    // The decision ends with the guard's remind event (src/dom/guard.rs, on_submit), or for the
    // bare dialog with the first createElement after the submit; showModal() ends the building.
    // The guard's dialog is usually built already (it prepares it while the page is idle), so
    // at the submit it only redraws what changed: no element need be created then.
    const create = Document.prototype.createElement;
    let built = false;
    const decided = () => {
      if (!built && m.submitAt != null) {
        built = true;
        mark('ig:build');
      }
    };
    addEventListener('instalmentguard:remind', decided, true);
    Document.prototype.createElement = function (...args) {
      decided();
      return create.apply(this, args);
    };
    const show = HTMLDialogElement.prototype.showModal;
    HTMLDialogElement.prototype.showModal = function () {
      mark('ig:modal');
      try {
        return show.call(this);
      } finally {
        mark('ig:modal-end');
      }
    };
  }

  if (bare) {
    // The baseline: the same rows as our reminder (its tree, captured from our dialog in this
    // run), built with plain DOM code and opened with showModal(), in a shadow root with the same
    // stylesheet so it lays out the same boxes. A page with a dialog of its own would have its
    // styles loaded already, so the stylesheet is parsed at load, not in the click.
    let sheet = null;
    const prepare = () => {
      if (sheet) return;
      sheet = new CSSStyleSheet();
      sheet.replaceSync(bare.css);
    };
    document.addEventListener('DOMContentLoaded', prepare);
    const build = (t) => {
      if (typeof t === 'string') return document.createTextNode(t);
      const el = document.createElement(t[0]);
      for (const k in t[1]) el.setAttribute(k, t[1][k]);
      for (let i = 2; i < t.length; i++) el.append(build(t[i]));
      return el;
    };
    let shown = false;
    addEventListener('submit', (e) => {
      e.preventDefault();
      e.stopImmediatePropagation();
      if (shown) return;
      shown = true;
      prepare();
      const host = document.createElement('div');
      host.id = 'ig-bare-host';
      const root = host.attachShadow({ mode: 'open' });
      root.adoptedStyleSheets = [sheet];
      const dialog = build(bare.tree);
      root.append(dialog);
      document.body.append(host);
      dialog.showModal();
    }, true);
  }
}

// Our open reminder, as data: its element tree (tags, attributes, text) and its stylesheet.
function captureDialog() {
  const host = [...document.querySelectorAll('instalment-guard-dialog')]
    .find((h) => h.shadowRoot && h.shadowRoot.querySelector('dialog[open]'));
  if (!host) return null;
  const ser = (n) => {
    if (n.nodeType === 3) return n.data;
    if (n.nodeType !== 1) return null;
    const attrs = {};
    for (const a of n.attributes) if (a.name !== 'open') attrs[a.name] = a.value;
    return [n.localName, attrs, ...[...n.childNodes].map(ser).filter((c) => c != null)];
  };
  const css = host.shadowRoot.adoptedStyleSheets.map((s) => [...s.cssRules].map((r) => r.cssText).join('\n')).join('\n');
  return { tree: ser(host.shadowRoot.querySelector('dialog')), css, rows: host.shadowRoot.querySelectorAll('[data-plan]').length };
}

// ---- the two pages ------------------------------------------------------------------------------
export function pages(origin, demoPath) {
  const list = [{
    key: 'plain',
    label: 'plain page (bench/pages/cold.html, Huabei preset)',
    url: `${origin}/bench/pages/cold.html`,
    submit: '#pay',
    attached: () => window.coldPage && window.coldPage.ready && window.coldPage.guardAttached(),
  }];
  if (demoPath) {
    list.push({
      key: 'demo',
      label: 'demo storefront (www/, default: zh-CN, CNY, Huabei, durable-goods scenario)',
      url: `${origin}${demoPath}`,
      submit: '#place-order',
      // element.js defines the element at once; its code arrives after the page's load event,
      // and `ready` resolves once it has and the element has read its attributes.
      attached: () => {
        const g = document.querySelector('instalment-guard');
        if (!g || document.readyState !== 'complete' || !customElements.get('instalment-guard')) return false;
        return g.ready.then(() => g.error === null, () => false);
      },
    });
  }
  return list;
}

async function newPage(browser, init, errors) {
  const context = await browser.newContext();
  await context.addInitScript(instrument, init);
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  return { context, page };
}

const twoFrames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));

// No shopper presses pay within a frame of the page becoming ready: reading the order and
// reaching the button takes a second or more. The click comes this long after the guard is
// attached, on both sides alike, so the guard's idle-time preparation (src/dom/guard.rs, `prepare`)
// has had the chance it has on a real page; a page loaded and paid in the same instant is not a
// checkout anyone makes.
export const SHOPPER_DELAY_MS = 1000;

async function loadAttached(page, p) {
  await page.goto(p.url);
  await page.waitForFunction(p.attached, null, { timeout: 20_000, polling: 20 });
  await page.evaluate(twoFrames);
  await page.waitForTimeout(SHOPPER_DELAY_MS);
}

async function capture(browser, p, errors) {
  const { context, page } = await newPage(browser, { bare: null, marks: false }, errors);
  try {
    await loadAttached(page, p);
    await page.click(p.submit);
    await page.waitForFunction(() => window.__cold.raf2At != null, null, { timeout: 10_000 });
    const c = await page.evaluate(captureDialog);
    if (!c) throw new Error(`${p.key}: the submit did not open a reminder, so there is nothing to compare with`);
    return c;
  } finally {
    await context.close();
  }
}

// One cold load: a fresh context, the page loaded until the guard is attached, one real click.
async function coldLoad(browser, p, bare, errors) {
  const { context, page } = await newPage(browser, { bare, marks: false }, errors);
  try {
    await loadAttached(page, p);
    // Spread the clicks over the phase of the frame clock.
    await page.waitForTimeout(Math.floor(Math.random() * 17));
    await page.click(p.submit);
    await page.waitForFunction(() => window.__cold.settled, null, { timeout: 10_000, polling: 20 });
    const m = await page.evaluate(() => window.__cold);
    const click = m.events.find((e) => e.name === 'click');
    return {
      eventMs: click ? click.duration : null,
      inputDelayMs: click ? click.processingStart - click.start : null,
      firstInput: m.firstInput,
      rafMs: m.raf2At - m.clickAt,
      clickToSubmitMs: m.submitAt != null ? m.submitAt - m.clickAt : null,
      openAtFrame1: m.openAtRaf1,
      open: m.openAtRaf2,
    };
  } finally {
    await context.close();
  }
}

// Event Timing quantiles when some clicks were under the 16 ms threshold: those count as 16 ms,
// so a quantile that lands on one is an upper bound ("≤ 16 ms"), and the true value is lower.
export function censored(values, q) {
  const xs = values.map((v) => (v == null ? 16 : v)).sort((a, b) => a - b);
  const below = values.filter((v) => v == null).length;
  const value = quantile(xs, q);
  // The quantile is exact only if it lies among the reported clicks.
  const atOrUnder = (xs.length - 1) * q < below;
  return { value, bound: atOrUnder && below > 0 };
}

function side(rows) {
  const ev = rows.map((r) => r.eventMs);
  return {
    loads: rows.length,
    below16: ev.filter((v) => v == null).length,
    eventMedian: censored(ev, 0.5),
    eventP90: censored(ev, 0.9),
    eventMs: ev,
    rafMs: summary(rows.map((r) => r.rafMs)),
    rafP90: quantile(rows.map((r) => r.rafMs).sort((a, b) => a - b), 0.9),
    inputDelayMs: summary(rows.map((r) => r.inputDelayMs).filter((v) => v != null)),
    firstInputMs: summary(rows.map((r) => r.firstInput?.duration).filter((v) => v != null)),
    openAtFrame1: rows.filter((r) => r.openAtFrame1).length,
    open: rows.filter((r) => r.open).length,
  };
}

export async function coldReminder(browser, origin, { loads = 24, demoPath = null } = {}) {
  const errors = [];
  const out = {};
  for (const p of pages(origin, demoPath)) {
    const bare = await capture(browser, p, errors);
    const ours = [];
    const base = [];
    // One discarded pair first: the first contexts of a browser also warm the browser itself.
    for (let i = -1; i < loads; i++) {
      const order = i % 2 === 0 ? ['ours', 'bare'] : ['bare', 'ours'];
      for (const which of order) {
        const r = await coldLoad(browser, p, which === 'bare' ? { tree: bare.tree, css: bare.css } : null, errors);
        if (i >= 0) (which === 'ours' ? ours : base).push(r);
      }
    }
    out[p.key] = { page: p.label, url: p.url.replace(origin, ''), rows: bare.rows, ours: side(ours), bare: side(base), bareData: bare };
  }
  return { ...out, errors };
}

// ---- typing: the cart changes 100 times a second --------------------------------------------------
function frameStats(runs) {
  const intervals = runs.flatMap((r) => r.frames.slice(1).map((t, i) => t - r.frames[i]));
  const lt = runs.flatMap((r) => r.longTasks);
  return {
    runs: runs.length,
    updates: runs.reduce((s, r) => s + r.updates, 0),
    frames: intervals.length,
    intervalMs: summary(intervals),
    longTasks: lt.length,
    longestTaskMs: lt.length ? Math.max(...lt.map((t) => t.duration)) : 0,
  };
}

async function typingRun(browser, origin, { guard, open, fromLoad, bare, ms }, errors) {
  const { context, page } = await newPage(browser, { bare: guard ? null : bare, marks: false }, errors);
  try {
    const query = [guard ? '' : 'noguard', fromLoad ? `typing=${ms}` : ''].filter(Boolean).join('&');
    await page.goto(`${origin}/bench/pages/cold.html${query ? `?${query}` : ''}`);
    await page.waitForFunction(() => window.coldPage && window.coldPage.ready, null, { timeout: 20_000 });
    // From the load: the page starts typing itself as soon as the guard is attached, before it
    // was ever idle, so whatever the guard does in the page's first idle moments (it prepares
    // its reminder) happens while the shopper types.
    if (fromLoad) {
      const r = await page.evaluate(() => window.coldPage.typed);
      if (guard && !r.warmSteps) errors.push('typing from the load: the reminder was not laid out while the cart changed');
      return r;
    }
    // Past the load: the figure is about a page in use.
    await page.waitForTimeout(300);
    if (open) {
      await page.click('#pay');
      await page.waitForFunction(() => window.__cold.openAtRaf2 === true, null, { timeout: 10_000 });
      await page.waitForTimeout(300);
    }
    const r = await page.evaluate((o) => window.coldPage.typing(o), { ms, hz: 100 });
    if (open && !(await page.evaluate(() => window.__cold.openAtRaf2))) errors.push('typing: the dialog was not open');
    return r;
  } finally {
    await context.close();
  }
}

/** Typing from the page's load (reminder closed and not yet prepared), then on a page in use with the reminder closed and open. */
export const TYPING_STATES = ['load', 'closed', 'open'];

export async function typing(browser, origin, { rounds = 2, ms = 5000, bare = null } = {}) {
  const errors = [];
  // The baseline with the reminder open shows the same dialog by hand (see instrument()).
  if (!bare) bare = await capture(browser, pages(origin, null)[0], errors);
  const runs = { load: { ours: [], without: [] }, closed: { ours: [], without: [] }, open: { ours: [], without: [] } };
  for (let i = 0; i < rounds; i++) {
    for (const state of TYPING_STATES) {
      const order = i % 2 === 0 ? [true, false] : [false, true];
      for (const guard of order) {
        const r = await typingRun(browser, origin, { guard, open: state === 'open', fromLoad: state === 'load', bare, ms }, errors);
        runs[state][guard ? 'ours' : 'without'].push(r);
      }
    }
  }
  const out = { ms, hz: 100, rounds };
  for (const state of TYPING_STATES) {
    out[state] = { ours: frameStats(runs[state].ours), without: frameStats(runs[state].without) };
  }
  return { ...out, errors };
}

// ---- where the time goes: traced cold loads --------------------------------------------------------
const CATEGORIES = [
  'devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.frame',
  'blink.user_timing', 'v8.wasm', 'cc',
];

// Sum of the parts of events [ts, ts+dur] (µs) that fall inside [a, b].
function within(events, a, b) {
  let s = 0;
  for (const e of events) s += Math.max(0, Math.min(e.ts + e.dur, b) - Math.max(e.ts, a));
  return s;
}

// Complete ('X') events, and B/E pairs turned into complete ones, for one thread.
function spans(events, names) {
  const out = [];
  const open = new Map();
  for (const e of events) {
    if (!names.has(e.name)) continue;
    if (e.ph === 'X') out.push({ name: e.name, ts: e.ts, dur: e.dur ?? 0 });
    else if (e.ph === 'B') open.set(e.name, e.ts);
    else if (e.ph === 'E' && open.has(e.name)) {
      out.push({ name: e.name, ts: open.get(e.name), dur: e.ts - open.get(e.name) });
      open.delete(e.name);
    }
  }
  // Nested events of the same kinds would count twice: keep only the outermost.
  out.sort((x, y) => x.ts - y.ts || y.dur - x.dur);
  const top = [];
  let end = -Infinity;
  for (const e of out) {
    if (e.ts >= end) {
      top.push(e);
      end = e.ts + e.dur;
    } else if (e.ts + e.dur > end) {
      // Partly overlapping (should not happen on one thread): count the part beyond.
      top.push({ name: e.name, ts: end, dur: e.ts + e.dur - end });
      end = e.ts + e.dur;
    }
  }
  return top;
}

const STYLE_LAYOUT = new Set(['UpdateLayoutTree', 'RecalculateStyles', 'Layout']);
const PAINT = new Set(['PrePaint', 'Paint', 'Layerize', 'Commit', 'UpdateLayer', 'CompositeLayers']);
const LAZY_COMPILE = new Set(['wasm.CompileLazy']);

// The split of one traced cold reminder, in ms. Exported for the test.
export function splitTrace(traceEvents) {
  const markEv = (name) => traceEvents.find((e) => e.name === name && (e.cat || '').includes('blink.user_timing'));
  const need = ['ig:click', 'ig:submit', 'ig:build', 'ig:modal', 'ig:modal-end', 'ig:frame', 'ig:painted'];
  const marks = Object.fromEntries(need.map((n) => [n, markEv(n)]));
  const missing = need.filter((n) => !marks[n]);
  if (missing.length) return { error: `marks missing from the trace: ${missing.join(', ')}` };
  const { pid, tid } = marks['ig:submit'];
  const main = traceEvents.filter((e) => e.pid === pid && e.tid === tid);
  const inRenderer = traceEvents.filter((e) => e.pid === pid);
  const t = Object.fromEntries(need.map((n) => [n, marks[n].ts]));
  const ms = (us) => us / 1000;
  const styleLayout = spans(main, STYLE_LAYOUT);
  const paint = spans(main, PAINT);
  const lazy = spans(main, LAZY_COMPILE);
  // Everything on the reminder's path: from the click's handler to the start of the frame after
  // the dialog's first frame (whose rendering is then complete on the main thread).
  const a = t['ig:click'];
  const b = t['ig:painted'];
  const decisionWall = t['ig:build'] - t['ig:submit'];
  const viewWall = t['ig:modal'] - t['ig:build'];
  const lazyDecision = within(lazy, t['ig:submit'], t['ig:build']);
  const lazyView = within(lazy, t['ig:build'], t['ig:modal']);
  const slDecision = within(styleLayout, t['ig:submit'], t['ig:build']);
  const slView = within(styleLayout, t['ig:build'], t['ig:modal']);
  // Raster happens on the renderer's worker threads, off the main thread.
  const raster = spans(inRenderer.filter((e) => e.tid !== tid && e.name === 'RasterTask'), new Set(['RasterTask']));
  // The wasm compile of the load, on any thread of the renderer, before the click: off the
  // reminder's path, but what the shopper's device pays for it.
  // V8's wasm work of the load, every kind the 'v8.wasm' category shows (streaming decode and
  // validation, instantiation, and the lazy compilation of each function on its first call,
  // which is where Chromium compiles most of the code), outermost events only.
  const compileNames = new Set(inRenderer
    .filter((e) => (e.cat || '').includes('wasm') && e.ph === 'X').map((e) => e.name));
  // Per thread (streaming compilation runs on worker threads), then summed: CPU time, not wall.
  const byThread = new Map();
  for (const e of inRenderer) if (e.ts < a && compileNames.has(e.name)) byThread.set(e.tid, [...(byThread.get(e.tid) ?? []), e]);
  const loadCompileUs = [...byThread.values()].reduce((sum, evs) => sum + within(spans(evs, compileNames), -Infinity, a), 0);
  const style = spans(main, new Set(['UpdateLayoutTree', 'RecalculateStyles']));
  const layoutOnly = spans(main, new Set(['Layout']));
  return {
    totalMs: ms(b - a),
    clickToSubmitMs: ms(t['ig:submit'] - a),
    wasmCompileMs: ms(within(lazy, a, b)),
    decisionMs: ms(decisionWall - lazyDecision - slDecision),
    viewBuildMs: ms(viewWall - lazyView - slView),
    showModalMs: ms(t['ig:modal-end'] - t['ig:modal']),
    styleLayoutMs: ms(within(styleLayout, a, b)),
    styleLayoutInShowModalMs: ms(within(styleLayout, t['ig:modal'], t['ig:modal-end'])),
    styleMs: ms(within(style, a, b)),
    layoutMs: ms(within(layoutOnly, a, b)),
    paintMs: ms(within(paint, a, b)),
    rasterMs: ms(within(raster, a, b + 50_000)),
    waitForFrameMs: ms(t['ig:frame'] - t['ig:modal-end']),
    loadWasmMs: ms(loadCompileUs),
    loadLazyCompileMs: ms(within(lazy, -Infinity, a)),
  };
}

// Traced cold loads of the plain page, ours alternating with the bare baseline (traced the same
// way, so its slices say how much of each one any page showing this dialog pays).
export async function whereTimeGoes(browser, origin, { loads = 5, bare = null } = {}) {
  const errors = [];
  const p = pages(origin, null)[0];
  if (!bare) bare = await capture(browser, p, errors);
  const rows = { ours: [], bare: [] };
  const traceOne = async (which) => {
    const { context, page } = await newPage(browser, { bare: which === 'bare' ? { tree: bare.tree, css: bare.css } : null, marks: true }, errors);
    try {
      await browser.startTracing(page, { categories: CATEGORIES });
      let buf;
      try {
        await loadAttached(page, p);
        await page.waitForTimeout(Math.floor(Math.random() * 17));
        await page.click(p.submit);
        await page.waitForFunction(() => window.__cold.raf2At != null, null, { timeout: 10_000 });
        // The raster of the dialog's frame can end after the second rAF: give it a moment.
        await page.waitForTimeout(100);
      } finally {
        buf = await browser.stopTracing();
      }
      const trace = JSON.parse(buf.toString('utf8'));
      return splitTrace(trace.traceEvents ?? trace);
    } finally {
      await context.close();
    }
  };
  for (let i = -1; i < loads; i++) {
    for (const which of i % 2 === 0 ? ['ours', 'bare'] : ['bare', 'ours']) {
      const r = await traceOne(which);
      if (i < 0) continue;
      if (r.error) errors.push(`${which}: ${r.error}`);
      else rows[which].push(r);
    }
  }
  const medians = (list) => {
    const keys = list.length ? Object.keys(list[0]).filter((k) => typeof list[0][k] === 'number') : [];
    return Object.fromEntries(keys.map((k) => [k, summary(list.map((r) => r[k])).median]));
  };
  return { loads: rows.ours.length, median: medians(rows.ours), bareLoads: rows.bare.length, bareMedian: medians(rows.bare), rows, errors };
}
