// The in-page half of the browser figures. bench/browser.js drives it through window.bench:
// the page only records, the driver decides what happens when, so real input (Playwright's
// clicks and keys, dispatched by the browser) triggers every submit that is timed.
import init, { CheckoutGuard, assess } from '/pkg/web/instalment_guard.js';
import '/pkg/web/element.js';
import { PLANS, AMOUNT } from '/bench/plans.js';
import { batches, summary } from '/bench/timing.js';

// Layout shifts from the very start of the page (buffered), so the attach itself is covered.
const shifts = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    shifts.push({ value: e.value, hadRecentInput: e.hadRecentInput, at: e.startTime,
      sources: (e.sources || []).map((s) => s.node ? s.node.nodeName + (s.node.id ? '#' + s.node.id : '') : '?') });
  }
}).observe({ type: 'layout-shift', buffered: true });

// Event Timing for the clicks that submit: the browser's own "input to next paint" figure,
// reported only at or above its 16 ms floor, in 8 ms steps.
const slowEvents = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    if (e.name === 'click' || e.name === 'keydown' || e.name === 'pointerup') {
      slowEvents.push({ name: e.name, start: e.startTime, duration: e.duration,
        processingStart: e.processingStart, processing: e.processingEnd - e.processingStart });
    }
  }
}).observe({ type: 'event', durationThreshold: 16, buffered: true });

const form = document.getElementById('checkout');
const select = document.getElementById('plan');
select.append(new Option('不分期', ''), ...PLANS.map((p) => new Option(p.id, p.id)));

const CONFIG = { currency: 'CNY', plans: PLANS };

// Whatever gets past the guard must not navigate away in the middle of a measurement.
document.addEventListener('submit', (e) => e.preventDefault());

// showModal() is where the browser lays the new dialog out, synchronously: timing it tells the
// guard's own work from the platform's. Two performance.now() calls are all this adds.
const showModal = HTMLDialogElement.prototype.showModal;
HTMLDialogElement.prototype.showModal = function () {
  const t = performance.now();
  try {
    return showModal.call(this);
  } finally {
    if (current && current.submitTs != null && current.showModalMs == null) current.showModalMs = performance.now() - t;
  }
};

const wasm = await init();
let guard = null;

function dialogOf() {
  const hosts = document.querySelectorAll('instalment-guard-dialog');
  const host = hosts[hosts.length - 1];
  return host && host.shadowRoot && host.shadowRoot.querySelector('dialog');
}

// ---- reaction --------------------------------------------------------------------------------
// A window capture listener runs before any listener on the form, the guard's included.
let current = null;
const reactions = [];
addEventListener('submit', (e) => {
  if (!current || current.submitTs != null) return;
  const r = current;
  r.submitTs = e.timeStamp;
  r.captureAt = performance.now();
  // Mutation records are delivered at the first microtask checkpoint after the guard's own
  // listener returns: the host it appends marks the moment the dialog is open.
  const mo = new MutationObserver(() => {
    if (r.handledAt == null) r.handledAt = performance.now();
    mo.disconnect();
  });
  mo.observe(document.body, { childList: true });
  requestAnimationFrame(() => {
    r.rafAt = performance.now();
    const d = dialogOf();
    r.openInFirstFrame = !!(d && d.open);
    // Posted from inside the frame's animation callbacks, this message runs once the frame's
    // style, layout and paint are done: the end of the first paint opportunity with the dialog.
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      r.paintedAt = performance.now();
      requestAnimationFrame(() => {
        r.nextFrameAt = performance.now();
        r.done = true;
        reactions.push(r);
      });
    };
    ch.port2.postMessage(0);
  });
}, true);
form.addEventListener('instalmentguard:remind', () => {
  if (current && current.remindAt == null) current.remindAt = performance.now();
});

function freshGuard(config = CONFIG) {
  if (guard) {
    guard.destroy();
    guard.free();
  }
  guard = new CheckoutGuard(form, config);
  guard.update({ amountMinor: AMOUNT });
  return guard;
}

// ---- assess per call ---------------------------------------------------------------------------
function assessBench() {
  const state = { amountMinor: AMOUNT, selectedPlanId: null };
  const pure = batches(() => assess(CONFIG, state), { warmMs: 300, batchMs: 40, count: 20 });
  freshGuard();
  select.value = '';
  const onGuard = batches(() => guard.assess(), { warmMs: 300, batchMs: 40, count: 20 });
  const v = guard.assess();
  return {
    pure: { ...summary(pure.perCallUs), batchSize: pure.batchSize },
    guard: { ...summary(onGuard.perCallUs), batchSize: onGuard.batchSize },
    remind: v.remind,
    estimates: v.estimates.length,
  };
}

// ---- memory ------------------------------------------------------------------------------------
function countNodes() {
  // Every node of the document, shadow trees included, text nodes too.
  let n = 0;
  const walk = (root) => {
    const it = document.createTreeWalker(root, NodeFilter.SHOW_ALL);
    for (let node = it.currentNode; node; node = it.nextNode()) {
      n++;
      if (node.shadowRoot) walk(node.shadowRoot);
    }
  };
  walk(document);
  return n;
}

function updateAssessCycles(count) {
  freshGuard();
  const bytes = () => wasm.memory.buffer.byteLength;
  const start = bytes();
  guard.update({ amountMinor: AMOUNT });
  guard.assess();
  const afterFirst = bytes();
  const t0 = performance.now();
  for (let i = 0; i < count; i++) {
    guard.update({ amountMinor: 10_000 + ((i * 7_919) % 5_000_000) });
    guard.assess();
  }
  return { cycles: count, startBytes: start, afterFirstBytes: afterFirst, endBytes: bytes(), ms: performance.now() - t0 };
}

function guardChurn(count) {
  if (guard) {
    guard.destroy();
    guard.free();
    guard = null;
  }
  const bytes = () => wasm.memory.buffer.byteLength;
  const startBytes = bytes();
  let opened = 0;
  const t0 = performance.now();
  for (let i = 0; i < count; i++) {
    const g = new CheckoutGuard(form, CONFIG);
    // From 1,500.00 yuan: small carts no longer get a reminder (reason UNLIKELY), and each guard
    // here must open its dialog.
    g.update({ amountMinor: 150_000 + i });
    // Every guard puts its dialog on screen, so destroy() has nodes and listeners to take back.
    form.requestSubmit();
    const d = dialogOf();
    if (d && d.open) opened++;
    g.destroy();
    g.free();
  }
  return { guards: count, opened, startBytes, endBytes: bytes(), ms: performance.now() - t0,
    dialogsLeft: document.querySelectorAll('instalment-guard-dialog').length };
}

// element.js defines <instalment-guard> at once, but its code arrives after the page's load
// event: the page is ready for the driver once the element's `ready` has resolved too.
await customElements.whenDefined('instalment-guard');
await document.querySelector('instalment-guard').ready;

window.bench = {
  ready: true,
  wasmBytes: () => wasm.memory.buffer.byteLength,
  countNodes,
  freshGuard: () => { freshGuard(); return true; },
  dropGuard: () => { if (guard) { guard.destroy(); guard.free(); guard = null; } return true; },
  arm: () => { current = { done: false }; return true; },
  reaction: () => current,
  reactions: () => reactions,
  dialogOpen: () => { const d = dialogOf(); return !!(d && d.open); },
  slowEvents: () => slowEvents,
  shifts: () => shifts,
  assessBench,
  updateAssessCycles,
  guardChurn,
  // The element guard's form, for the layout walk-through.
  elementForm: () => document.getElementById('element-form'),
  setAmount: (minor) => { form.dataset.amountMinor = String(minor); if (guard) guard.update({ amountMinor: minor }); return true; },
  setElementAmount: (minor) => { document.getElementById('element-form').dataset.amountMinor = String(minor); return true; },
};
