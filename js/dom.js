// The <instalment-guard> element class. wasm-bindgen cannot extend HTMLElement, so this is the
// one piece of hand-written JS: it forwards the element's lifecycle to the Rust guard.

export function defineInstalmentGuard(name, observed, connect) {
  if (customElements.get(name)) return false;
  customElements.define(name, class extends HTMLElement {
    #guard = null;
    #error = null;
    #state = {};
    #pending = false;

    static get observedAttributes() { return observed; }

    connectedCallback() {
      this.#pending = false;
      this.#start();
    }

    disconnectedCallback() { this.#stop(); }

    attributeChangedCallback() {
      // Several attributes often change together (a language switch, an upgrade): rebuild once.
      if (!this.isConnected || this.#pending) return;
      this.#pending = true;
      queueMicrotask(() => {
        if (!this.#pending) return;
        this.#pending = false;
        if (this.isConnected) this.#start();
      });
    }

    #start() {
      this.#stop();
      try {
        this.#guard = connect(this);
        if (Object.keys(this.#state).length) this.#guard.update(this.#state);
      } catch (e) {
        this.#error = e;
        if (e && e.field === 'for' && document.readyState === 'loading') {
          // The form may come later in the page than the element: look again once it is parsed.
          document.addEventListener('DOMContentLoaded', () => {
            if (this.isConnected && !this.#guard) this.#start();
          }, { once: true });
        } else {
          console.error(e);
        }
      }
    }

    #stop() {
      this.#error = null;
      if (this.#guard) {
        this.#guard.destroy();
        this.#guard.free();
        this.#guard = null;
      }
    }

    update(state) {
      if (this.#guard) this.#guard.update(state);
      // Remembered, so a rebuild (a new locale, say) keeps the cart it was told about.
      this.#state = { ...this.#state, ...state };
    }

    assess() {
      if (this.#guard) return this.#guard.assess();
      throw this.#error ?? Object.assign(new Error('<instalment-guard> is not connected to a page'), {
        name: 'InstalmentError', code: 'INVALID_STATE', field: 'element',
      });
    }

    get error() { return this.#error; }
  });
  return true;
}

// The reminder's view. The Rust guard decides everything the dialog says and describes it as a
// JSON tree; this materialises it with createElement and text nodes (never HTML, so a merchant's
// plan label stays text) and owns the native <dialog> mechanics. Each DOM call made from Rust
// instead would cost an import, a glue function and call-site code in a 25 kB budget.

let sheet = null;

export class ReminderView {
  constructor(css, locale, currency, onClose, onToggle) {
    const money = new Intl.NumberFormat(locale, { style: 'currency', currency });
    const percent = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 });
    // Amounts arrive as exact decimal strings, so Intl formats them without a float in between.
    this.text = (t) => (typeof t === 'string' ? t : 'm' in t ? money.format(t.m) : percent.format(t.p));
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
    // Every way out (a plan, pay in full, the close button, Esc) closes the dialog with a return
    // value, and the close event reports it: one path for all of them.
    d.addEventListener('click', (e) => {
      const b = e.target.closest('[data-plan],[data-action]');
      if (b) d.close(b.dataset.plan != null ? 'plan:' + b.dataset.plan : b.dataset.action === 'full' ? 'full' : '');
    });
    d.addEventListener('close', () => this.live && onClose(d.returnValue));
    d.addEventListener('change', (e) => this.live && onToggle(e.target.checked));
    this.live = true;
    (document.body || document.documentElement).append(this.host);
  }

  build(n) {
    if (!Array.isArray(n)) return document.createTextNode(this.text(n));
    const [tag, attrs, ...children] = n;
    const el = tag === '#' ? document.createDocumentFragment() : document.createElement(tag);
    for (const k in attrs) el.setAttribute(k, attrs[k]);
    for (const c of children) el.append(this.build(c));
    return el;
  }

  // Replaces the content, keeping keyboard focus on the same choice when it is still there.
  render(spec) {
    const d = this.dialog;
    const was = this.host.shadowRoot.activeElement;
    const key = was && (was.dataset.plan ?? was.dataset.action);
    d.replaceChildren(this.build(JSON.parse(spec)));
    if (d.open) this.focus(key);
  }

  focus(key) {
    const q = (s) => this.dialog.querySelector(s);
    const same = key != null && [...this.dialog.querySelectorAll('[data-plan],[data-action]')]
      .find((b) => (b.dataset.plan ?? b.dataset.action) === key);
    (same || q('[data-plan]') || q('[data-action=full]'))?.focus();
  }

  open() {
    this.dialog.returnValue = '';
    this.dialog.showModal();
    this.focus(null);
  }

  get isOpen() { return this.dialog.open; }

  remove() {
    this.live = false;
    this.dialog.close();
    this.host.remove();
  }
}
