// What the browser tests need from the page that is easier said in JS than through web-sys:
// catching what a call throws, recording what a form does, reaching into the dialog's shadow
// root, and breaking a platform API for a moment. No assertion lives here; the Rust tests judge.

/** Calls `f` as a storefront would: `{ ok: true, value }` with what it returned, or
 * `{ ok: false, value }` with what it threw. */
export function attempt(f) {
  try {
    return { ok: true, value: f() };
  } catch (value) {
    return { ok: false, value };
  }
}


export const typeOf = (v) => typeof v;

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// --- the page under test ------------------------------------------------------------------------

/** Puts `html` into a fresh container on the page; every test builds its own. */
export function mount(html) {
  const box = document.createElement('div');
  box.setAttribute('data-test-fixture', '');
  box.innerHTML = html;
  document.body.append(box);
  return box;
}

/** Like mount(), but inside an open shadow root of the container; returns that root. */
export function mountShadow(box, html) {
  const root = box.attachShadow({ mode: 'open' });
  root.innerHTML = html;
  return root;
}

export const query = (scope, selector) => scope.querySelector(selector);

export const queryAll = (scope, selector) => [...scope.querySelectorAll(selector)];

export const isDefined = (name) => customElements.get(name) !== undefined;

/** Removes every reminder dialog's host, for a test whose guards are all gone. */
export function sweepHosts() {
  for (const el of document.querySelectorAll('instalment-guard-dialog')) el.remove();
}

/** Removes what an earlier test left behind when it stopped half-way (a trap skips Drop). */
export function sweep() {
  for (const el of document.querySelectorAll('[data-test-fixture], instalment-guard-dialog')) el.remove();
}

/**
 * Records, in order, the guard's events and the plan field's input/change as they bubble to `box`,
 * and every submit that reaches the page's own listener on `form`. That listener prevents the
 * navigation itself, as a single-page checkout would, so the test page stays where it is.
 */
export function record(box, form, field) {
  const log = [];
  for (const type of ['remind', 'choose', 'proceed', 'dismiss']) {
    box.addEventListener('instalmentguard:' + type, (e) => {
      log.push({ type, detail: e.detail, cancelable: e.cancelable, target: e.target });
    });
  }
  for (const type of ['input', 'change']) {
    box.addEventListener(type, (e) => log.push({ type, target: e.target }));
  }
  form.addEventListener('submit', (e) => {
    // Whether anything before this listener (the guard) touched the submit.
    const prevented = e.defaultPrevented;
    e.preventDefault();
    const data = new FormData(form);
    log.push({ type: 'submit', plan: data.get(field), submitter: e.submitter ?? null, prevented });
  });
  return log;
}

// --- the reminder dialog ------------------------------------------------------------------------

export const hosts = () => [...document.querySelectorAll('instalment-guard-dialog')];

export const dialogOf = (host) => host.shadowRoot?.querySelector('dialog') ?? null;

/** Every reminder dialog on the page that is open now. */
export const openDialogs = () => hosts().map(dialogOf).filter((d) => d && d.open);

/** Clicks what `selector` finds in the dialog; false when nothing matches. */
export function clickIn(dialog, selector) {
  const el = dialog.querySelector(selector);
  if (!el) return false;
  el.click();
  return true;
}

/** Focuses what `selector` finds in the dialog; false when nothing matches. */
export function focusOn(dialog, selector) {
  const el = dialog.querySelector(selector);
  if (!el) return false;
  el.focus();
  return true;
}

/** The dialog's text as the shopper reads it, whitespace collapsed. */
export const textOf = (node) => (node.textContent ?? '').replace(/\s+/g, ' ').trim();

export const canRequestClose = (dialog) => typeof dialog.requestClose === 'function';

export const activeElement = () => document.activeElement;

export const count = (node, selector) => node.querySelectorAll(selector).length;

/** A page that vetoes every reminder on `form`. */
export function cancelReminders(form) {
  form.addEventListener('instalmentguard:remind', (e) => e.preventDefault());
}

/** Calls `f` on the first `type` event that reaches `target`. */
export function once(target, type, f) {
  target.addEventListener(type, () => f(), { once: true });
}

// --- breaking the platform for a moment ---------------------------------------------------------

/** Makes `HTMLDialogElement.prototype.showModal` throw; returns the function that restores it. */
export function breakShowModal() {
  const proto = HTMLDialogElement.prototype;
  const original = Object.getOwnPropertyDescriptor(proto, 'showModal');
  proto.showModal = function () {
    throw new DOMException('showModal broken by the test', 'InvalidStateError');
  };
  return () => Object.defineProperty(proto, 'showModal', original);
}

/** Makes every `<span>` the page creates throw, so the reminder cannot be laid out; returns the undo. */
export function breakLayout() {
  const original = Document.prototype.createElement;
  Document.prototype.createElement = function (tag, ...rest) {
    if (String(tag).toLowerCase() === 'span') throw new DOMException('createElement broken by the test', 'NotSupportedError');
    return original.call(this, tag, ...rest);
  };
  return () => {
    Document.prototype.createElement = original;
  };
}

/** Makes localStorage throw, as it does where the shopper blocks site data; returns the undo. */
export function breakStorage() {
  const proto = Storage.prototype;
  const saved = ['getItem', 'setItem', 'removeItem'].map((k) => [k, Object.getOwnPropertyDescriptor(proto, k)]);
  for (const [k] of saved) {
    proto[k] = function () {
      throw new DOMException('storage blocked by the test', 'SecurityError');
    };
  }
  return () => {
    for (const [k, d] of saved) Object.defineProperty(proto, k, d);
  };
}

/** Sets `<html lang>`; returns the undo. */
export function setPageLang(lang) {
  const html = document.documentElement;
  const had = html.getAttribute('lang');
  html.setAttribute('lang', lang);
  return () => (had === null ? html.removeAttribute('lang') : html.setAttribute('lang', had));
}

/** What has focus inside the dialog's shadow root, and whether the dialog is modal. */
export function focusIn(dialog) {
  const active = dialog.getRootNode().activeElement;
  return {
    plan: active?.dataset?.plan ?? null,
    action: active?.dataset?.action ?? null,
    tag: active?.localName ?? null,
    modal: dialog.matches(':modal'),
  };
}

/** A plan object that refers to itself, which JSON cannot express. */
export function cyclicPlan() {
  const plan = { id: 'loop', periods: 3, fee: { model: 'interestFree' } };
  plan.self = plan;
  return plan;
}

/** A function, as a careless caller might pass for a plan. */
export const aFunction = () => () => 1;
