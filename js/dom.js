import { encode } from './codec.js';
import { amountError, h, passing, resubmit, warn } from './shell.js';

// The DOM side of instalment-guard. The guard's decisions are made in Rust (src/dom/guard.rs):
// whether to remind, what the dialog says, what each choice does. This module performs the DOM
// work the Rust side asks for, and owns three things of its own: reading the page for a decision
// in one snapshot, laying out the dialog from the view model Rust sends, and letting only
// deliberate acts through to it (ReminderView.deliberate). Each DOM call made from Rust instead costs an import, a glue function
// and call-site code, and every byte is paid by every shopper.


// --- the form ---------------------------------------------------------------------------------

// The forms guarded by any copy of this module: a page may hold the full package and a page's
// own entry at once, each with its own wasm and its own copy of this file, and must still get
// one guard per form.
const guarded = (globalThis[Symbol.for('instalment-guard.guarded')] ??= new WeakSet());

/** Marks a form as guarded; false when it already is (two guards would remind twice). */
export function claim(form) {
  if (guarded.has(form)) return false;
  guarded.add(form);
  return true;
}

export function release(form) {
  guarded.delete(form);
}

/**
 * Runs `decide(submitter)` on every submit of `form`, first among its listeners (capture phase on
 * the form itself), and stops the submit only when it returns true. If it throws, even from a
 * trapped wasm instance, the submit goes through: the guard fails open.
 *
 * Once, at the page's next idle moment after the shopper first touches the form (a pointerdown,
 * focusin or keydown in it) or PREPARE_AFTER_LOAD_MS after the load event, whichever comes first,
 * it calls `decide(undefined)`: no submit, only the guard's cue to prepare its first reminder, so
 * that the code it runs is compiled and its view built before the shopper presses pay, while the
 * page's own first second after its load is left to the page. Where there is no
 * requestIdleCallback (Safari), the cue comes half a second later instead. A busy page may never
 * be idle: the reminder is then prepared at the submit, as it always could be.
 */
export function listenSubmit(form, decide) {
  const onSubmit = (e) => {
    // The submit the guard itself makes after a choice goes through without asking it again.
    if (e.defaultPrevented || passing.has(form)) return;
    if (pending.has(form)) {
      clearTimeout(pending.get(form));
      pending.delete(form);
    }
    let stop = false;
    try {
      stop = decide(e.submitter ?? null) === true;
    } catch (err) {
      console.warn('instalment-guard: let the submit through after an error:', err);
    }
    if (stop) {
      e.preventDefault();
      e.stopImmediatePropagation();
    }
  };
  form.addEventListener('submit', onSubmit, true);
  const prepare = () => {
    try {
      decide(undefined);
    } catch (err) {
      // A guard destroyed meanwhile has dropped `decide`, which then throws: nothing to prepare.
      // A trap in the wasm is worth a word: the submit will fail open, but should be looked at.
      if (err instanceof WebAssembly.RuntimeError) console.warn('instalment-guard: could not prepare the reminder:', err);
    }
  };
  // Unprepared (a page replaced requestIdleCallback with one that throws), the first reminder does
  // this work at the submit.
  let timer = 0;
  const stopCue = () => {
    clearTimeout(timer);
    removeEventListener('load', later);
    for (const type of TOUCH) form.removeEventListener(type, cue, { capture: true });
  };
  function cue() {
    stopCue();
    whenIdle(prepare, 500);
  }
  function later() {
    const since = performance.now() - (performance.getEntriesByType?.('navigation')[0]?.loadEventEnd || 0);
    timer = setTimeout(cue, Math.max(0, PREPARE_AFTER_LOAD_MS - since));
  }
  for (const type of TOUCH) form.addEventListener(type, cue, { capture: true, passive: true });
  if (document.readyState === 'complete') later();
  else addEventListener('load', later, { once: true });
  return () => {
    stopCue();
    form.removeEventListener('submit', onSubmit, true);
  };
}

/** How long after the page's load event the guard prepares its reminder untouched (see listenSubmit). */
const PREPARE_AFTER_LOAD_MS = 1000;
const TOUCH = ['pointerdown', 'focusin', 'keydown'];

/**
 * Runs `fn` when the page is next idle, or after `ms` where there is no requestIdleCallback (as
 * in Safari). False when it could not be scheduled: a page may have replaced these functions.
 */
function whenIdle(fn, ms) {
  try {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(fn);
    else setTimeout(fn, ms);
    return true;
  } catch {
    return false;
  }
}

/** Calls `changed(value)` when the attribute changes; `flush()` delivers pending changes now. */
export function watchAttribute(el, name, changed) {
  const observer = new MutationObserver(() => changed(el.getAttribute(name)));
  observer.observe(el, { attributes: true, attributeFilter: [name] });
  return {
    flush() {
      if (observer.takeRecords().length) changed(el.getAttribute(name));
    },
    stop() {
      observer.disconnect();
    },
  };
}

function field(form, name) {
  const item = form.elements.namedItem(name);
  if (!item) return null;
  // One radio comes back as the element, several as a RadioNodeList.
  if (item instanceof RadioNodeList) return { radios: [...item].filter((r) => r.type === 'radio') };
  if (item.type === 'radio') return { radios: [item] };
  return { input: item };
}

/** The plan field's value ("" when nothing is chosen), or undefined when the form has none. */
function planValue(form, name) {
  const f = field(form, name);
  if (!f) return undefined;
  return f.radios ? (f.radios.find((r) => r.checked)?.value ?? '') : f.input.value;
}

/** The values the plan field can take, or undefined when it takes any (a hidden input). */
function planOptions(form, name) {
  const f = field(form, name);
  if (!f) return undefined;
  if (f.radios) return f.radios.map((r) => r.value);
  if (f.input instanceof HTMLSelectElement) return [...f.input.options].map((o) => o.value);
  return undefined;
}

// Frameworks such as React shadow `value` and `checked` on the element to track changes; the
// prototype's own setter goes round them, so the following events register as a real change.
function setNative(el, prop, value) {
  const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el), prop)?.set;
  if (setter) setter.call(el, value);
  else el[prop] = value;
}

const fire = (el) => {
  for (const type of ['input', 'change']) el.dispatchEvent(new Event(type, { bubbles: true }));
};

/**
 * Chooses `id` in the plan field as the shopper would, so that the page's framework hears it the
 * way it listens. A radio is clicked: React and Preact learn of a radio's change from its click,
 * and the click also checks it and fires input and change, which Vue, Svelte and plain pages
 * hear. A select or text field gets its value through the native setter, then input and change.
 */
export function choosePlan(form, name, id) {
  const f = field(form, name);
  if (!f) return false;
  if (f.radios) {
    const radio = f.radios.find((r) => r.value === id);
    if (!radio) return false;
    if (!radio.checked) radio.click();
    // A page that cancelled the click (or a disabled radio) leaves it unchecked: set it anyway,
    // since the shopper chose it, and say so in the events a plain page listens for.
    if (!radio.checked) {
      setNative(radio, 'checked', true);
      fire(radio);
    }
  } else {
    setNative(f.input, 'value', id);
    fire(f.input);
  }
  return true;
}

/**
 * Submits after a choice, once the page has handled the field's own events. React, Preact, Vue
 * and Svelte apply a state change after the event that caused it (in a microtask), and a submit
 * handler that reads that state must see the plan, so the submit waits for the next task.
 */
export function resubmitAfterChoice(form, submitter) {
  const timer = setTimeout(() => {
    pending.delete(form);
    resubmit(form, submitter);
  }, 0);
  pending.set(form, timer);
}

// Forms with a submit waiting for the page to handle a choice. A submit the page makes meanwhile
// (a double press) carries the choice already and takes its place, so the order goes once.
const pending = new WeakMap();

/** Dispatches a bubbling custom event; false when a cancelable one was cancelled. */
export function emit(target, type, detail, cancelable) {
  return target.dispatchEvent(new CustomEvent(type, { bubbles: true, cancelable, detail }));
}

const defaultButton = (form) =>
  form.querySelector('button:not([type]),button[type=submit],input[type=submit],input[type=image]');

// The guard's own submits (and a hold's release) go through `resubmit` in js/shell.js, which
// marks the form in `passing` for that synchronous submit.
export { resubmit };

/**
 * Tells the server what the guard did, in a hidden input named `name` (created when missing):
 * "reminded", or "quiet:" and the verdict's reasons. Set on each submit the guard lets through,
 * before the browser reads the form's fields.
 */
export function report(form, name, value) {
  let input = form.elements.namedItem(name);
  if (input instanceof RadioNodeList) input = input[0];
  if (!input) {
    input = document.createElement('input');
    input.type = 'hidden';
    input.name = name;
    form.append(input);
  }
  input.value = value;
}

/** Gives focus back to the pay button: the one that submitted, or the form's first. */
export function focusPay(form, submitter) {
  (submitter?.isConnected ? submitter : defaultButton(form))?.focus();
}

// --- the page ---------------------------------------------------------------------------------

/**
 * Everything the guard reads from the page for one decision, in one crossing: the argument
 * tape (js/codec.js) of [the plan field's value or null, the values it can take or null, whether
 * the shopper asked not to be reminded]. Read by `PageState` in src/dom/guard.rs.
 */
export function snapshot(form, name, key) {
  return encode([planValue(form, name) ?? null, planOptions(form, name) ?? null, optedOut(key)]);
}

// localStorage throws where storage is blocked; the guard then simply never remembers.
function optedOut(key) {
  try {
    return localStorage.getItem(key) !== null;
  } catch {
    return false;
  }
}

export function setOptedOut(key, on) {
  try {
    if (on) localStorage.setItem(key, '1');
    else localStorage.removeItem(key);
  } catch {
    // Nothing to remember with; the checkbox still applies to this page.
  }
}

export const pageLang = () => document.documentElement.lang || '';

export { warn };

/**
 * Says once on the console that the form's data-amount-minor is malformed or was removed, and
 * shows it as the guarding element's `error`; null (a good amount again) clears it.
 */
export function reportAmount(form, err) {
  if (err) warn(err);
  amountError(form, err);
}

// Why a quiet guard let a submit through, for the developer wondering where the reminder went.
let quietSaid = false;

/**
 * Tells the console, at info level and once per page, why the guard stayed quiet at a submit:
 * `reasons` its verdict's codes (comma-separated), `score` and `threshold` the likelihood's (NaN
 * when there is none).
 */
export function quiet(reasons, score, threshold) {
  if (quietSaid) return;
  quietSaid = true;
  console.info(`instalment-guard: no reminder at this submit: ${reasons}${
    score === score ? `; likelihood score ${score.toFixed(3)}, threshold ${threshold} (likelihood-threshold)` : ''}${
    reasons.includes('AMOUNT_UNKNOWN') ? '; set data-amount-minor on the form, or call update({ amountMinor })' : ''
  }. assess() on the element or guard gives the whole verdict; said once per page.`);
}

// --- the reminder's view ----------------------------------------------------------------------
// Rust sends the dialog's content as a view model (src/dom/dialog.rs, `Dialog::model`), JSON of
//   { title, close, lead, total, payInFull, note: string,
//     choose: string,                            // the verb on each plan card
//     empty: string | null,                      // instead of plans, when none can take the amount
//     reason: string | null,                     // which rule put the first plan first
//     repayments: string | null,                 // the shopper's repayments with the first plan
//     unavailable: string[],                     // providers the shopper's credit rules out
//     warning: string | null,                    // the jurisdiction's warning, once above the plans
//     promotion: string | null,                  // the merchant's approved wording, plain text
//     costDetails: string,                       // the label that opens a plan's paragraph
//   and each plan's figures the disclosure's items (the prominent one first, its part saying so)
//   and `summary: string | null`, the disclosure as one paragraph, shown collapsed.
//     dontRemind: { label: string, checked: boolean } | null,
//     plans: { id, name: string, tag: string | null, details: string,
//              figures: { part, caption, value: string }[] }[] }
// with every text in the shopper's language and every figure formatted. This lays it out with
// createElement and text nodes, never HTML, so a merchant's plan label stays text. The `part`
// names are the theming contract (README); the stylesheet is src/dom/style.css.

let sheet = null;


function plan(p, costDetails, choose) {
  // The row's key (`data-row`) keeps a redraw from handing one plan's opened breakdown to another.
  return h('li', null, { 'data-row': p.id }, h('button', 'plan', { type: 'button', 'data-plan': p.id },
    h('span', 'plan-name', null, p.name, p.tag && h('span', 'tag', null, p.tag)),
    // Per-period amount, fee and annualised rate side by side, in the same type.
    h('span', 'figures', null, ...p.figures.map((f) =>
      h('span', `figure ${f.part}`, null, h('span', 'caption', null, f.caption), h('span', 'value', null, f.value)))),
    h('span', 'details', null, p.details),
    // What a tap does, in words as plain as pay in full's: it submits the order on credit.
    h('span', 'choose', null, choose)),
  // Outside the button: a <details> is interactive, and a button may hold no such thing.
  p.summary && h('details', 'summary', null, h('summary', null, null, costDetails), p.summary));
}

function layout(m) {
  const dontRemind = m.dontRemind && h('label', 'dont-remind', null,
    h('input', null, m.dontRemind.checked ? { type: 'checkbox', checked: '' } : { type: 'checkbox' }),
    m.dontRemind.label);
  return [
    h('div', 'header', null,
      // The heading takes the focus when the reminder opens (never a plan); from script only,
      // so it is no Tab stop.
      h('h2', 'title', { id: 'title', tabindex: '-1' }, m.title),
      h('button', 'close', { type: 'button', 'data-action': 'close', 'aria-label': m.close }, '×')),
    // Before the plans in the document, so that paying in full is reached by Tab no later than
    // any plan; the stylesheet shows it at the bottom (order), where a checkout's button sits.
    h('div', 'footer', null,
      h('button', 'pay-in-full', { type: 'button', 'data-action': 'full' }, m.payInFull),
      dontRemind,
      h('p', 'note', null, m.note)),
    h('div', 'body', null,
      h('p', 'lead', { id: 'lead' }, m.lead),
      h('p', 'order-total', null, m.total),
      m.repayments && h('p', 'repayments', null, m.repayments),
      m.reason && h('p', 'reason', null, m.reason),
      m.warning && h('p', 'warning', null, m.warning),
      m.promotion && h('p', 'promotion', null, m.promotion),
      m.empty != null
        ? h('p', 'empty', null, m.empty)
        // Safari drops list semantics under list-style:none unless the role is explicit.
        : h('ul', 'plans', { role: 'list' }, ...m.plans.map((p) => plan(p, m.costDetails, m.choose))),
      ...m.unavailable.map((line) => h('p', 'unavailable', null, line))),
  ];
}

/**
 * What the idle layout adds a step at a time, in the dialog's order: the footer, each line of the
 * body and each plan (the list itself is no step: empty, it has nothing to lay out).
 */
const PARTS = '[part~=footer],[part~=body]>:not([part~=plans]),[part~=plans]>li';

/**
 * One step of `ReminderView.warm`: the dialog laid out hidden, with `parts` from `from` on left
 * out, and closed again before it returns, whatever throws. `data-warm` goes first: left behind,
 * it would make the dialog open hidden. `data-later` only applies under it.
 */
function layOut(d, parts, from) {
  d.setAttribute('data-warm', '');
  try {
    for (let i = from; i < parts.length; i++) parts[i].setAttribute('data-later', '');
    void d.offsetWidth;
  } finally {
    // Closed again with transitions and animations off, so that a theme's exit transition on
    // `display` has nothing to run; then the switch itself goes, which changes no value.
    try {
      d.setAttribute('data-cold', '');
    } finally {
      d.removeAttribute('data-warm');
    }
    try {
      void getComputedStyle(d).display;
    } finally {
      d.removeAttribute('data-cold');
      for (let i = from; i < parts.length; i++) parts[i].removeAttribute('data-later');
    }
  }
}

const keyOf = (el) => el.dataset.plan ?? el.dataset.action ?? el.dataset.row ?? (el.id || null);

// Whether a shown node and a freshly built one stand for the same thing: text for text, and an
// element of the same tag and key (a plan button is never reused for another plan).
const same = (a, b) =>
  a.nodeType === b.nodeType && (a.nodeType !== 1 || (a.localName === b.localName && keyOf(a) === keyOf(b)));

/**
 * Makes `parent`'s children match `fresh` (built by `layout`), reusing each shown node that
 * stands for the same thing and replacing the rest. A redraw after a cart change thus rewrites a
 * few texts, where building the dialog anew would make the browser restyle all of it, and
 * refocusing lay it out, at every change. Stops, returning false, once `live()` is false.
 */
function patch(parent, fresh, live) {
  const shown = [...parent.childNodes];
  for (let i = 0; i < fresh.length; i++) {
    if (!live()) return false;
    const [o, n] = [shown[i], fresh[i]];
    if (!o) parent.append(n);
    else if (!same(o, n)) parent.replaceChild(n, o);
    else if (o.nodeType !== 1) o.data === n.data || (o.data = n.data);
    else {
      // An opened cost breakdown is the shopper's doing: it stays open.
      for (const { name } of [...o.attributes]) if (!n.hasAttribute(name) && !(name === 'open' && o.localName === 'details')) o.removeAttribute(name);
      for (const { name, value } of n.attributes) if (o.getAttribute(name) !== value) o.setAttribute(name, value);
      // The checkbox shows the guard's state, which the shopper's own ticks already went into.
      if (o.localName === 'input') o.checked = n.checked;
      if (!patch(o, [...n.childNodes], live)) return false;
    }
  }
  for (let i = fresh.length; i < shown.length && live(); i++) shown[i].remove();
  return live();
}

export class ReminderView {
  constructor(css, locale, onClose, onToggle) {
    this.host = document.createElement('instalment-guard-dialog');
    const root = this.host.attachShadow({ mode: 'open' });
    if (!sheet) {
      // A constructed stylesheet: allowed under a strict style-src 'self', and parsed once per page.
      sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
    }
    root.adoptedStyleSheets = [sheet];
    const d = (this.dialog = document.createElement('dialog'));
    d.setAttribute('part', 'dialog');
    d.setAttribute('lang', locale);
    d.setAttribute('aria-labelledby', 'title');
    d.setAttribute('aria-describedby', 'lead');
    root.append(d);
    // Every way out (a plan, pay in full, the close button, Esc) closes the dialog, and its close
    // event reports which (`outcome`): one path for all of them.
    // Only deliberate acts count (see `deliberate`): a stray click or key is swallowed whole, so
    // it neither chooses, closes nor ticks anything.
    d.addEventListener('pointerdown', (e) => (this.downAt = e.timeStamp), true);
    // Enter and Space activate the focused control: only a fresh press made after the reminder
    // was painted does. Tab, Escape and the rest keep working at once.
    d.addEventListener('keydown', (e) => {
      if (e.key !== 'Enter' && e.key !== ' ') return;
      this.keyOk = !e.repeat && e.timeStamp >= this.paintedAt;
      if (!e.repeat) this.keyAt = e.timeStamp;
      if (!this.keyOk) e.preventDefault();
    }, true);
    // A space activates a button on keyup: refused with the keydown that started it. Once the
    // click it makes is over, no key is down.
    d.addEventListener('keyup', (e) => {
      if (e.key !== 'Enter' && e.key !== ' ') return;
      if (e.key === ' ' && !this.keyOk) e.preventDefault();
      setTimeout(() => (this.keyAt = -Infinity));
    }, true);
    d.addEventListener('click', (e) => {
      if (!this.deliberate(e)) {
        e.preventDefault();
        e.stopImmediatePropagation();
        return;
      }
      const b = e.target.closest('[data-plan],[data-action]');
      if (!b) return;
      // Reported as a number (see `Outcome::from_code` in src/dom/dialog.rs): a plan by its
      // place in the list, -2 pay in full, -1 closed.
      const plans = [...d.querySelectorAll('[data-plan]')];
      this.outcome = b.dataset.plan != null ? plans.indexOf(b) : b.dataset.action === 'full' ? -2 : -1;
      d.close();
    }, true);
    // Esc and the close button leave `outcome` at -1.
    d.addEventListener('close', () => {
      const outcome = this.outcome;
      this.outcome = -1;
      if (this.live) onClose(outcome);
    });
    d.addEventListener('change', (e) => this.live && onToggle(e.target.checked));
    this.live = true;
    this.outcome = -1;
    this.paintedAt = Infinity;
    this.changedAt = new Map();
    (document.body || document.documentElement).append(this.host);
  }

  /**
   * Shows `model`, changing only what differs from what is shown (see `patch`): a control that
   * stands for the same thing keeps its node, so keyboard focus and an opened cost breakdown stay
   * where they were; a control that went or moved is rebuilt, and the focus follows its choice.
   */
  render(model) {
    // Unchanged content is left alone: no refocus, so a page that reacts to focus by updating
    // the guard cannot set off an endless redraw.
    if (model === this.model) return;
    const d = this.dialog;
    const was = this.host.shadowRoot.activeElement;
    const key = was && keyOf(was);
    const before = d.open ? this.figures() : new Map();
    // Page code may run inside the patch (a blur when the focused control goes) and draw a newer
    // model: this pass then stops, and the newer one stands.
    const pass = (this.pass = (this.pass ?? 0) + 1);
    if (!patch(d, layout(JSON.parse(model)), () => this.pass === pass)) return;
    this.model = model;
    if (d.open) {
      // A plan whose figures just changed, or that is new or moved in the list, is not what the
      // shopper was looking at: a click on it in the next half second is refused (see `deliberate`).
      const now = performance.now();
      const order = [...before.keys()];
      [...this.figures()].forEach(([id, text], i) => {
        if (before.get(id) !== text || order[i] !== id) this.changedAt.set(id, now);
      });
      if (was && !was.isConnected) this.focus(key);
    }
  }

  /** Each plan's id and everything it says, to tell which plans changed in a redraw. */
  figures() {
    return new Map([...this.dialog.querySelectorAll('[data-plan]')].map((b) => [b.dataset.plan, b.textContent]));
  }

  /** Focus on the same control as before a redraw, else on the heading: never on a plan of its own. */
  focus(key) {
    const match = key != null && [...this.dialog.querySelectorAll('[data-plan],[data-action],[id]')].find((b) => keyOf(b) === key);
    // Put back after a redraw (a key was focused), the focus is not scrolled to: scrolling would
    // lay the dialog out again at every change of the cart instead of once a frame. On opening
    // (no key), the heading is scrolled into view as usual.
    (match || this.dialog.querySelector('h2'))?.focus(key == null ? undefined : { preventScroll: true });
  }

  /**
   * Lays the closed dialog out, unseen, over the page's next idle moments: the first layout of its
   * text (finding fonts for each script and weight, loading line-breaking data) is most of what
   * its first opening would otherwise cost on the click. Done at once, that layout is a task of
   * 50–150 ms on a cold page (BENCHMARKS.md), long enough to hold up a shopper who is typing, so
   * it goes in steps, one per idle callback: the header first, then one more part of the dialog
   * at each step. A step lays out what the steps before it did (quick by then: their fonts and
   * words are known) and one part more. The dialog takes part in layout only within a step
   * (hidden, fixed, out of the page's flow, whatever a theme says of `::part(dialog)`), so it is
   * never painted, shifts nothing and takes no input. The steps stop once it is laid out whole,
   * once it has opened (even if closed again since) and when it goes. A page's own web fonts
   * named for the dialog may start loading then.
   */
  warm() {
    if (this.warming || this.everOpened) return;
    this.warming = true;
    let shown = 0;
    const stop = () => (this.warming = false);
    const step = () => {
      const d = this.dialog;
      const parts = d.querySelectorAll(PARTS);
      // Once opened (even if closed again since), it has been laid out whole.
      if (!this.live || this.everOpened || !this.host.isConnected || shown > parts.length) return stop();
      try {
        layOut(d, parts, shown);
      } catch (err) {
        // Only a page that broke the DOM's own methods gets here: the first opening lays the
        // reminder out instead, as it would have without this.
        console.warn('instalment-guard: could not lay the reminder out ahead:', err);
        return stop();
      }
      if (++shown > parts.length || !whenIdle(step, 0)) stop();
    };
    if (!whenIdle(step, 0)) stop();
  }

  open() {
    // Built ahead of the submit, the host may have been taken out of the page since (a framework
    // re-rendering <body>, a script tidying it): a dialog out of the document cannot open.
    if (!this.host.isConnected) (document.body || document.documentElement).append(this.host);
    this.outcome = -1;
    this.paintedAt = Infinity;
    this.changedAt.clear();
    this.keyOk = false;
    this.keyAt = -Infinity;
    this.downAt = -Infinity;
    this.everOpened = true;
    this.dialog.showModal();
    this.focus(null);
    // The first frame with the reminder on screen: rAF runs before that frame's paint, and a task
    // queued from it runs after. Whatever input carries an earlier timeStamp was aimed at the page
    // underneath (the second click of a double-click on pay, a held Enter), not at a plan.
    const opened = this.dialog;
    requestAnimationFrame(() => setTimeout(() => {
      if (opened.open && this.paintedAt === Infinity) this.paintedAt = performance.now();
    }));
  }

  /**
   * Whether a click was meant for what it landed on. Clicks from the keyboard and assistive
   * technology (detail 0) count, unless the key that made them was refused; a pointer click counts
   * only when it and its pointerdown both come after the first painted frame, and as the first
   * click of its series (the second click of a double-click began before the dialog was there).
   * A plan whose figures changed (or that came or moved) in the last 500 ms cannot be chosen yet,
   * nor by a press, of a pointer or of Enter or Space, that began before they changed.
   */
  deliberate(e) {
    const plan = e.target.closest?.('[data-plan]');
    if (plan) {
      const changed = this.changedAt.get(plan.dataset.plan) ?? -Infinity;
      if (performance.now() - changed < 500) return false;
      const pressed = e.detail === 0 ? this.keyAt : this.downAt;
      if (pressed > -Infinity && pressed < changed) return false;
    }
    if (e.detail === 0) return true;
    return e.detail === 1 && e.timeStamp >= this.paintedAt && this.downAt >= this.paintedAt;
  }

  /** On screen: open, and still in the page (a dialog removed while open keeps its `open`). */
  get isOpen() {
    return this.dialog.open && this.dialog.isConnected;
  }

  remove() {
    this.live = false;
    this.dialog.close();
    this.host.remove();
  }
}
