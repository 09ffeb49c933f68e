// The elements as the page sees them from the first moment: <instalment-guard> and
// <instalment-remedy>, defined before their wasm has arrived. pkg/web/element.js loads this
// before the page's load event, so it is small and does nothing until an element is in the page.
//
// An element's code (the wasm, its glue and the DOM work in js/dom.js or js/remedy.js) is
// fetched at the first of: the page's next idle moment after its load event (half a second
// after it where there is no requestIdleCallback), a pointerdown, focusin or keydown in the
// guarded form, or a submit. A submit made before the code is here is held until it is, for at
// most HOLD_MS (API.md, "Entries"). Once the code is here, it hands itself over with
// provideGuard() or provideRemedy(), and every element of that kind starts: `ready` resolves
// and `instalmentguard:ready` is fired on the element.

const fail = (code, field, message) =>
  Object.assign(new Error(`${field} ${message}`), { name: 'InstalmentError', code, field });

/**
 * The attributes of <instalment-guard>, in the order its code reads their values:
 * `ATTRIBUTES` in src/engine/remind.rs (tests/contract.rs holds the two lists equal).
 */
export const GUARD_ATTRIBUTES = [
  'currency', 'locale', 'preset', 'plans', 'plan-field', 'shop-id', 'remind-min-amount-minor',
  'remind-interest-free-only', 'remind-max-per-checkout', 'allow-dont-remind',
  'remind-quiet-when-heavy', 'likelihood-weights', 'likelihood-threshold', 'recommend-objective',
  'recommend-max-per-period-minor', 'disclosure', 'promotion-text', 'report-field',
];

/** The attributes of <instalment-remedy>: `ATTRIBUTES` in src/dom/remedy.rs, in its order. */
export const REMEDY_ATTRIBUTES = [
  'currency', 'amount-minor', 'paid-with', 'preset', 'plans', 'bill-plans', 'lost-on-rebuy-minor',
  'status', 'received-days-ago', 'returnable', 'reminded', 'quiet-reasons', 'locale',
];

/** How long a submit made before the guard's code arrived waits for it, at most. */
export const HOLD_MS = 1500;

/** An element with its `part` (if any), attributes and children (strings become text). */
export function h(tag, part, attrs, ...children) {
  const el = document.createElement(tag);
  if (part) el.setAttribute('part', part);
  for (const k in attrs) el.setAttribute(k, attrs[k]);
  el.append(...children.filter((c) => c != null));
  return el;
}

/** A word for the developer on the console. */
export const warn = (e) => console.warn('instalment-guard:', e);

// What has been said once per page, by every build of the package in it.
const saidOnce = (globalThis[Symbol.for('instalment-guard.said')] ??= new Set());

/** Says `e` once per page for `key`. */
export function warnOnce(key, e) {
  if (saidOnce.has(key)) return;
  saidOnce.add(key);
  warn(e);
}

// --- misspelled attributes ----------------------------------------------------------------------
// An attribute the element does not know is ignored, so a typo (`currancy`) would silently leave
// a default in place: the console says so once per tag and name, with the known attribute meant.
// Not for HTML's global attributes (every HTMLElement property, lowercased, covers them and the
// event handlers), nor data-* (Vue's data-v-* too), aria-*, microdata, Angular's and XML's own.
const FOREIGN_ATTRIBUTE = /^(data-|aria-|item|_ngcontent-|_nghost-|ng-reflect-|xml)/;
let globalAttributes;

/** The edit distance of `a` and `b` (insert, delete, replace, or swap two neighbours: 1 each). */
function editDistance(a, b) {
  let [back, prev, row] = [[], Array.from({ length: b.length + 1 }, (_, j) => j), []];
  for (let i = 1; i <= a.length; i++) {
    row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j], back[j - 2] + 1);
    }
    [back, prev] = [prev, row];
  }
  return prev[b.length];
}

/** Warns, once per tag and attribute name, of each attribute of `el` that is none of `known`. */
function checkSpelling(el, known) {
  if (!globalAttributes) {
    globalAttributes = new Set(['class', 'is', 'exportparts', 'role']);
    for (let p = HTMLElement.prototype; p; p = Object.getPrototypeOf(p)) {
      for (const k of Object.getOwnPropertyNames(p)) globalAttributes.add(k.toLowerCase());
    }
  }
  for (const { name } of el.attributes) {
    const key = `${el.localName} ${name}`;
    if (known.includes(name) || globalAttributes.has(name) || FOREIGN_ATTRIBUTE.test(name) || saidOnce.has(key)) continue;
    saidOnce.add(key);
    const near = known.map((k) => [editDistance(name, k), k]).sort((x, y) => x[0] - y[0])[0];
    console.warn(`instalment-guard: <${el.localName}> ignores "${name}", an attribute it does not read: ${
      near[0] < 3 ? `did you mean "${near[1]}"?` : `it reads ${known.join(', ')}`}`);
  }
}

// --- submitting ---------------------------------------------------------------------------------

/**
 * Forms being submitted by instalment-guard itself, for the length of that (synchronous) submit:
 * one set for every copy of this module in the page (the full package and a page's own entry).
 */
export const passing = (globalThis[Symbol.for('instalment-guard.passing')] ??= new WeakSet());

/** Submits again, through the page's own submit handlers, as the same button if it is still there. */
export function resubmit(form, submitter) {
  passing.add(form);
  try {
    if (submitter?.isConnected && submitter.form === form) {
      try {
        return form.requestSubmit(submitter);
      } catch {
        // Not a submit button of this form any more: submit without it.
      }
    }
    form.requestSubmit();
  } finally {
    passing.delete(form);
  }
}

// --- when to load -------------------------------------------------------------------------------

/** Runs `fn` at the page's next idle moment after its load event (500 ms after it in Safari). */
function afterLoad(fn) {
  const idle = () => {
    try {
      if (typeof requestIdleCallback === 'function') return void requestIdleCallback(() => fn());
    } catch {
      // A page replaced requestIdleCallback with one that throws: the timer below does.
    }
    setTimeout(fn, 500);
  };
  if (document.readyState === 'complete') idle();
  else addEventListener('load', idle, { once: true });
}

/**
 * One kind of element's code: `load()` fetches it, and the code, once here, calls `provide`.
 * Elements waiting for it are told when it comes (`arrived`) or cannot come (`failed`).
 */
class Code {
  code = null;
  load = null;
  started = false;
  error = null;
  waiting = new Set();
  live = new Set(); // every connected element of this kind
  // A per-page entry's catalogues: texts(locale, pageLang) is null when that element's texts are
  // here, else a promise of them (js/catalogue.js). Null where every locale is built in.
  texts = null;

  /** Starts fetching the code, once. Never compiles inside the caller's task. */
  start() {
    if (this.started || this.code || !this.load) return;
    this.started = true;
    Promise.resolve()
      .then(() => this.load())
      .then(() => {
        if (!this.code) throw fail('INVALID_STATE', 'element', 'code loaded but did not register itself');
      })
      .catch((err) => this.fail(err));
  }

  provide(code) {
    this.code = code;
    const waiting = [...this.waiting];
    this.waiting.clear();
    for (const el of waiting) el.arrived();
  }

  fail(err) {
    this.error = err;
    console.warn('instalment-guard: could not load; the page works as if it were absent:', err);
    const waiting = [...this.waiting];
    this.waiting.clear();
    for (const el of waiting) el.failed(err);
  }
}

// Each element's error, read through its `error` property; the last one put on the console.
const errors = new WeakMap();
const said = new WeakMap();

/** Records what keeps `el` inactive (null: nothing), and says it on the console once. */
function setError(el, e, quiet) {
  errors.set(el, e);
  if (!e && !quiet) said.delete(el);
  if (e && !quiet && said.get(el) !== e.message) {
    said.set(el, e.message);
    console.error(e);
  }
}

// An element given no `locale` shows the page's language: when <html lang> changes, each such
// element rebuilds in the new one (fetching its texts first, where its build fetches them).
let langWatcher = null;
function watchPageLang() {
  if (langWatcher || typeof MutationObserver === 'undefined') return;
  langWatcher = new MutationObserver(() => {
    for (const tag of ['instalment-guard', 'instalment-remedy']) {
      for (const el of customElements.get(tag)?.code.live ?? []) {
        if (!el.hasAttribute('locale')) el.attributeChangedCallback();
      }
    }
  });
  langWatcher.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
}

// Where there is no DOM (the package imported in Node, or while a page renders on a server), the
// classes are still defined, so importing this never throws; nothing registers them there.
const Element = globalThis.HTMLElement ?? class {};

/** The element classes share this: `ready`, `error`, and waiting for the code. */
class Base extends Element {
  #settle;
  #ready = new Promise((resolve, reject) => {
    this.#settle = { resolve, reject };
  });
  #pending = false;

  constructor() {
    super();
    // Nobody may be listening: a failure is reported on the console, not as an unhandled rejection.
    this.#ready.catch(() => {});
  }

  /**
   * Resolves once the element's code is here and it has read its attributes (a mistake in them
   * is then in `error`); rejects when the code could not be loaded.
   */
  get ready() {
    return this.#ready;
  }

  /** The mistake that keeps the element inactive, or null. */
  get error() {
    return errors.get(this) ?? null;
  }

  connectedCallback() {
    this.#pending = false;
    this.constructor.code.live.add(this);
    watchPageLang();
    checkSpelling(this, this.constructor.observedAttributes);
    const c = this.constructor.code;
    if (c.code) this.arrived();
    else if (c.error) this.failed(c.error);
    else {
      c.waiting.add(this);
      this.waitForCode();
      afterLoad(() => c.start());
    }
  }

  disconnectedCallback() {
    this.constructor.code.waiting.delete(this);
    this.constructor.code.live.delete(this);
    this.stop();
  }

  attributeChangedCallback() {
    // Several attributes often change together (a language switch, an upgrade): rebuild once.
    if (!this.isConnected || this.#pending) return;
    this.#pending = true;
    queueMicrotask(() => {
      if (!this.#pending) return;
      this.#pending = false;
      if (!this.isConnected) return;
      checkSpelling(this, this.constructor.observedAttributes);
      if (this.constructor.code.code) this.begin();
      else this.waitForCode();
    });
  }

  /**
   * Starts once the texts of the locale this element shows are here. A per-page entry fetches
   * each locale's catalogue once; until it arrives the element keeps what it shows, and if it
   * cannot arrive, it keeps it for good (and says so on the console).
   */
  begin() {
    const arrival = this.constructor.code.texts?.(this.getAttribute('locale'), document.documentElement.lang);
    if (!arrival) return this.start();
    arrival.then(
      () => {
        if (this.isConnected) this.start();
      },
      (err) => console.warn('instalment-guard: could not load the texts of a new language; the element keeps its old one:', err),
    );
  }

  /** The code is here: start, and the first time, resolve `ready` and say so. */
  arrived() {
    if (!this.isConnected) return;
    this.begin();
    if (!this.#settle) return;
    this.#settle.resolve();
    this.#settle = null;
    this.dispatchEvent(new Event('instalmentguard:ready', { bubbles: true }));
  }

  failed(err) {
    this.#settle?.reject(err);
    this.#settle = null;
  }

  /** What to do while the code is on its way: nothing, unless a kind says otherwise. */
  waitForCode() {}
}

// --- <instalment-guard> -------------------------------------------------------------------------

// The element guarding each form, told of a mistake the page makes after it attached: a
// malformed or removed data-amount-minor (see `reportAmount` in js/dom.js, which logs it).
const guarding = new WeakMap();

/** Shows the form's amount mistake as its element's `error`; null clears it. */
export function amountError(form, e) {
  const el = guarding.get(form);
  if (el) setError(el, e, true);
}

class GuardElement extends Base {
  static code = new Code();
  static get observedAttributes() {
    return ['for', ...GUARD_ATTRIBUTES];
  }

  #guard = null;
  #state = {};
  #form = null;
  #watching = null; // stops what waitForCode() set up
  #hold = null; // { submitter, timer, busy } while a submit waits for the code
  #gaveUp = false; // a hold ran out: later submits do not wait again

  /** The form `for` names, or null (with `error` saying why) when there is none yet. */
  #findForm() {
    const id = this.getAttribute('for');
    let problem = null;
    let found = null;
    if (!id || !id.trim()) problem = fail('INVALID_CONFIG', 'for', 'is required: the id of the checkout <form>');
    else {
      // Looked up in the element's own tree, which may be a shadow root.
      found = this.getRootNode().getElementById?.(id);
      if (!found) problem = fail('INVALID_CONFIG', 'for', `names no element: nothing has id="${id}"`);
      else if (!(found instanceof HTMLFormElement)) {
        problem = fail('INVALID_CONFIG', 'for', `must name a <form>, but id="${id}" is a <${found.localName}>`);
      }
    }
    if (!problem) return found;
    const missing = problem.message.includes('names no element');
    setError(this, problem, missing);
    if (missing) this.#awaitForm(problem);
    return null;
  }

  /**
   * Waits for a form that is not in the page yet: later in the document, or rendered by a
   * framework after the element. The error is on the console only if the page has loaded
   * without it; the element still starts when it comes.
   */
  #awaitForm(problem) {
    if (this.#watching?.awaiting) return;
    const root = this.getRootNode();
    const observer = new MutationObserver(() => {
      const id = this.getAttribute('for');
      if (id && root.getElementById?.(id)) {
        stop();
        this.#restart();
      }
    });
    observer.observe(root, { childList: true, subtree: true });
    const say = () => {
      if (this.isConnected && this.error === problem) setError(this, problem);
    };
    if (document.readyState === 'complete') say();
    else addEventListener('load', say, { once: true });
    const stop = () => {
      observer.disconnect();
      removeEventListener('load', say);
      if (this.#watching === watching) this.#watching = null;
    };
    const watching = { awaiting: true, stop };
    this.#watching?.stop();
    this.#watching = watching;
  }

  #restart() {
    if (!this.isConnected) return;
    if (this.constructor.code.code) this.begin();
    else this.waitForCode();
  }

  /** Before the code is here: load it at the shopper's first touch of the form, hold a submit. */
  waitForCode() {
    this.#watching?.stop();
    this.#watching = null;
    const form = this.#findForm();
    if (!form) return;
    setError(this, null, true);
    this.#form = form;
    const code = this.constructor.code;
    const touch = () => code.start();
    const submit = (e) => this.#onSubmit(e);
    const leave = () => this.#cancelHold();
    for (const type of ['pointerdown', 'focusin', 'keydown']) form.addEventListener(type, touch, { capture: true, passive: true });
    form.addEventListener('submit', submit, true);
    addEventListener('pagehide', leave);
    this.#watching = {
      stop: () => {
        for (const type of ['pointerdown', 'focusin', 'keydown']) form.removeEventListener(type, touch, { capture: true });
        form.removeEventListener('submit', submit, true);
        removeEventListener('pagehide', leave);
      },
    };
  }

  #onSubmit(e) {
    const code = this.constructor.code;
    if (code.code || code.error || this.#gaveUp || e.defaultPrevented || passing.has(this.#form)) return;
    // The guard cannot decide yet: this submit waits for it (a second one joins the first).
    e.preventDefault();
    e.stopImmediatePropagation();
    if (this.#hold) return;
    const form = this.#form;
    this.#hold = {
      submitter: e.submitter ?? null,
      busy: form.getAttribute('aria-busy'),
      timer: setTimeout(() => this.#release(false), HOLD_MS),
    };
    form.setAttribute('aria-busy', 'true');
    code.start();
  }

  /** Ends a hold: the submit goes on, through the guard when `decide` and it is attached. */
  #release(decide) {
    const hold = this.#endHold();
    if (!hold) return;
    if (!decide) this.#gaveUp = true;
    const form = this.#form;
    if (decide && this.#guard) {
      // The guard's own listener decides this submit, as if the shopper pressed pay now.
      try {
        if (hold.submitter?.isConnected && hold.submitter.form === form) return form.requestSubmit(hold.submitter);
      } catch {
        // Not a submit button of this form any more.
      }
      return form.requestSubmit();
    }
    resubmit(form, hold.submitter);
  }

  #endHold() {
    const hold = this.#hold;
    if (!hold) return null;
    this.#hold = null;
    clearTimeout(hold.timer);
    if (hold.busy === null) this.#form.removeAttribute('aria-busy');
    else this.#form.setAttribute('aria-busy', hold.busy);
    return hold;
  }

  /** The page is going away (perhaps into the back-forward cache): nothing submits later. */
  #cancelHold() {
    this.#endHold();
  }

  arrived() {
    if (!this.isConnected) return;
    super.arrived();
    this.#release(true);
  }

  failed(err) {
    super.failed(err);
    this.#release(false);
  }

  start() {
    this.stop();
    const form = this.#findForm();
    if (!form) return;
    this.#form = form;
    try {
      setError(this, null);
      // Before attaching, which reads the amount already there; not over the element that
      // already guards this form (attaching a second guard is refused).
      if (!guarding.has(form)) guarding.set(form, this);
      this.#guard = this.constructor.code.code.attach(form, GUARD_ATTRIBUTES.map((a) => this.getAttribute(a)));
      if (Object.keys(this.#state).length) this.#guard.update(this.#state);
    } catch (e) {
      setError(this, e);
    }
  }

  stop() {
    this.#watching?.stop();
    this.#watching = null;
    setError(this, null, true);
    if (this.#form && guarding.get(this.#form) === this) guarding.delete(this.#form);
    if (this.#guard) {
      // A rebuild (a new locale, another preset) or a move in the page is the same checkout:
      // the next guard keeps the reminders already shown, so "once per checkout" still holds.
      this.#state = { ...this.#state, remindersShown: this.#guard.remindersShown };
      this.#guard.destroy();
      this.#guard.free();
      this.#guard = null;
    }
    // Taken out of the page while a submit waits: that submit goes on untouched, unless the
    // element was only moved (it is back in the page by the next microtask).
    if (!this.isConnected && this.#hold) {
      queueMicrotask(() => {
        if (!this.isConnected) this.#release(false);
      });
    }
  }

  update(state) {
    if (this.#guard) this.#guard.update(state);
    // Remembered, so a rebuild (a new locale, say) or the code's arrival keeps the cart it was told.
    this.#state = { ...this.#state, ...state };
  }

  assess() {
    if (this.#guard) return this.#guard.assess();
    if (this.error) throw this.error;
    if (!this.isConnected) throw fail('INVALID_STATE', 'element', 'is not connected to a page');
    throw fail('INVALID_STATE', 'element', 'is still loading its code: await element.ready first');
  }
}

// --- <instalment-remedy> ------------------------------------------------------------------------

class RemedyElement extends Base {
  static code = new Code();
  static get observedAttributes() {
    return REMEDY_ATTRIBUTES;
  }

  start() {
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    setError(this, null);
    try {
      this.constructor.code.code.draw(root, REMEDY_ATTRIBUTES.map((a) => this.getAttribute(a)));
    } catch (e) {
      setError(this, e);
      root.replaceChildren();
    }
  }

  stop() {}
}

// --- registering ----------------------------------------------------------------------------------

function define(tag, Class, load, texts) {
  if (typeof customElements === 'undefined') return null;
  if (!customElements.get(tag)) customElements.define(tag, Class);
  const code = customElements.get(tag).code;
  if (load && code && !code.load) code.load = load;
  // element.js names the loader; the page's entry, once loaded, brings the catalogues.
  if (texts && code && !code.texts) code.texts = texts;
  return code;
}

/**
 * Registers <instalment-guard>; `load()` fetches its code, which then calls provideGuard.
 * `texts`, from a per-page entry, fetches the catalogue an element's locale needs.
 */
export const defineGuard = (load, texts) => define('instalment-guard', GuardElement, load, texts);

/** Registers <instalment-remedy>, as defineGuard does <instalment-guard>. */
export const defineRemedy = (load, texts) => define('instalment-remedy', RemedyElement, load, texts);

/**
 * The locales the connected elements of `tag` show, as [locale attribute, page lang] pairs: what
 * an entry fetches with its wasm. The page's own language when there is no such element (a
 * CheckoutGuard built by hand).
 */
export function wantedLocales(tag) {
  const lang = document.documentElement.lang;
  const els = [...(customElements.get(tag)?.code.live ?? [])];
  return els.length ? els.map((el) => [el.getAttribute('locale'), lang]) : [[null, lang]];
}

export { fail };

/**
 * Hands <instalment-guard> its code: `attach(form, texts)` returns a CheckoutGuard for the
 * attributes' texts (GUARD_ATTRIBUTES' order) or throws. False when it already had code.
 */
export function provideGuard(attach) {
  const code = defineGuard();
  if (!code || code.code) return false;
  code.provide({ attach });
  return true;
}

/** Hands <instalment-remedy> its code: `draw(root, texts)` renders into the shadow root or throws. */
export function provideRemedy(draw) {
  const code = defineRemedy();
  if (!code || code.code) return false;
  code.provide({ draw });
  return true;
}
