// Hostile input and hostile pages, on the release build (pkg/web) in Debian's Chromium, on the
// plain checkout of tests/page/fixtures and the demo:
// 1. Injection: markup, script, CSS and bidi payloads in every string a shop hands the guard stay
//    text, under the strict CSP and with Trusted Types enforced, from the element and the JS API.
// 2. Fail open: a wasm that is missing, corrupt, blocked or never comes, and page code that throws
//    or breaks the DOM calls the guard needs, never cost the shop a submit, nor add one.
// 3. Races: a storm of cart changes, the form removed, a second guard, Enter held down: one
//    reminder at most, the final figures, no exception, no double submit.
// 4. Privacy: the whole demo flow asks nothing of any other origin and keeps nothing in the
//    browser, unless the shopper ticks "don't remind me again", which keeps exactly one key.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  DIALOG_TITLES, DIST, REPO, TRUSTED_TYPES, buildDemo, contentSecurityPolicy, dialog, launchBrowser, money,
  openCheckout, openPage, plainCheckout, plainCheckoutReady, pureFunctions, requirePackage, seen, serve, settle,
} from './helpers.mjs';

const STRICT = "the demo's CSP";
const WITH_TRUSTED_TYPES = "the demo's CSP with Trusted Types enforced";
const OPT_OUT_PREFIX = 'instalment-guard:dont-remind:';

let servers;
let browser;
let engine;

before(async () => {
  requirePackage();
  const csp = await contentSecurityPolicy();
  const noWasm = csp.replace(" 'wasm-unsafe-eval'", '');
  assert.notEqual(noWasm, csp, "the demo's CSP allows wasm by 'wasm-unsafe-eval'");
  const root = REPO.replace(/\/$/, '');
  servers = {
    [STRICT]: await serve(root, csp),
    [WITH_TRUSTED_TYPES]: await serve(root, `${csp}; ${TRUSTED_TYPES}`),
    noWasm: await serve(root, noWasm),
  };
  browser = await launchBrowser();
  engine = await pureFunctions();
});

after(async () => {
  await browser?.close();
  for (const s of Object.values(servers ?? {})) await s.close();
});

// The two ways a shop attaches the guard to the plain checkout.
const SURFACES = ['element', 'api'];
const surfaceName = (s) => (s === 'element' ? '<instalment-guard>' : 'new CheckoutGuard');

/**
 * A fresh page on the plain checkout guarded by `surface` ('api': the page exposes the package as
 * window.ig and the test attaches the guard), with every way a payload could show that it ran
 * recorded in `fired`: a call to the global __pwned (a binding the page's CSP cannot refuse), an
 * alert, a console line saying PWNED. `arm` runs in the page before any of its scripts;
 * `beforeGoto(page)` sets up routes; `ready: false` does not wait for the guard to be ready.
 */
async function open(server, surface, fn, { arm, beforeGoto, ready = true } = {}) {
  const { context, page, record } = await openPage(browser);
  const fired = [];
  try {
    await page.exposeBinding('__pwned', (_source, what) => fired.push(`__pwned(${what})`));
    page.on('dialog', (d) => {
      fired.push(`${d.type()}(${d.message()})`);
      d.dismiss().catch(() => {});
    });
    page.on('console', (m) => {
      if (m.text().includes('PWNED')) fired.push(`console.${m.type()}(${m.text()})`);
    });
    if (arm) await page.addInitScript(arm);
    await beforeGoto?.(page);
    const api = surface === 'api';
    await page.goto(`${plainCheckout(server.origin, 'full')}${api ? '&guard=api' : ''}`, { waitUntil: ready ? 'load' : 'domcontentloaded' });
    if (ready) await plainCheckoutReady(page, { api });
    else await page.waitForFunction(() => window.__seen);
    await fn(page, { record, fired, context });
  } finally {
    await context.close();
  }
}

/** Attaches the JS API's guard to the plain checkout as window.g. */
function attachApiGuard(page, config = { currency: 'CNY', preset: 'huabei', locale: 'zh-CN' }) {
  return page.evaluate((c) => {
    window.g = new window.ig.CheckoutGuard(document.getElementById('checkout'), c);
  }, config);
}

/** Presses pay and waits for the reminder; a submit that went through instead fails at once. */
async function remind(page) {
  const before = (await seen(page)).submits.length;
  await page.click('#pay');
  await page.waitForFunction((n) => document.querySelector('instalment-guard-dialog')?.shadowRoot?.querySelector('dialog[open]')
    || window.__seen.submits.length > n, before);
  assert.equal((await seen(page)).submits.length, before, 'the reminder held the submit');
  await dialog(page).waitFor();
}

/** Pay in full in the open reminder, and waits until the page's submit listener heard it. */
async function payInFull(page, submits) {
  await dialog(page).locator('[data-action="full"]').click();
  await page.waitForFunction((n) => window.__seen.submits.length >= n, submits);
}

/**
 * Presses pay when no reminder should come: the submit reaches the page's own listener once. A
 * submit that goes through does so in the task of the click; two frames and a task after it, one
 * that has not never will.
 */
async function submitGoesThrough(page, submits) {
  await page.click('#pay');
  await settle(page);
  assert.equal((await seen(page)).submits.length, submits, 'the submit went through exactly once');
  assert.equal(await dialog(page).count(), 0, 'no reminder is open');
}

// --- 1. injection ------------------------------------------------------------------------------

// Each runs __pwned, alert or console.log (of PWNED, a word no payload spells out) if anything
// ever treats it as markup, a URL or CSS.
// Short enough to be plan ids (at most 100 bytes) as well as labels.
const PAYLOADS = [
  `<img src=x onerror="__pwned('img')">`,
  `<script>__pwned('script')</script>`,
  `"><svg onload="__pwned('svg')">`,
  'javascript:alert(document.domain)',
  `</style><style>*{display:none}</style><b onclick=console.log('PWN'+'ED')>`,
  `}*{display:none!important}dialog{visibility:hidden}`,
  // Right-to-left override, left-to-right isolate and override, never closed.
  '\u202E12期\u2066 gnp.exe\u202D',
  `&lt;b&gt; {{constructor.constructor('__pwned(1)')()}} \${__pwned(2)}`,
];

// Every payload at once, for the strings that take one value: plan-field, shop-id, locale.
const ALL_IN_ONE = `"><img src=x onerror="__pwned('one')"><script>__pwned('one')</script></style>}*{display:none}\u202E javascript:alert(document.domain)`;

const hostilePlans = () =>
  PAYLOADS.map((p, i) => ({ id: p, label: p, periods: [3, 6, 9, 12, 18, 24, 36, 48][i], fee: { model: 'flatTotal', rate: '0.05' } }));

// What the plain checkout and the reminder are made of; anything else is someone's payload.
const PAGE_TAGS = ['html', 'head', 'meta', 'title', 'link', 'script', 'body', 'instalment-guard', 'form', 'label', 'input', 'select', 'option', 'button', 'div'];
const DIALOG_TAGS = ['instalment-guard-dialog', 'dialog', 'h2', 'p', 'ul', 'li', 'span', 'button', 'label', 'input', 'div'];

/**
 * Every element in the document and in every shadow root, by tag; every inline handler; every
 * script and stylesheet. What a payload turned into markup would add to.
 */
function inventory(page) {
  return page.evaluate(() => {
    const all = [];
    const walk = (root) => {
      for (const el of root.querySelectorAll('*')) {
        all.push(el);
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    const hosts = [...document.querySelectorAll('instalment-guard-dialog')];
    return {
      tags: [...new Set(all.map((e) => e.localName))].sort(),
      handlers: all.flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `<${e.localName} ${a.name}>`)),
      urls: all.flatMap((e) => [...e.attributes].filter((a) => /^\s*javascript:/i.test(a.value) && a.name !== 'data-plan' && a.name !== 'value').map((a) => `<${e.localName} ${a.name}>`)),
      scripts: [...document.scripts].map((s) => s.getAttribute('src')),
      sheets: document.styleSheets.length,
      hosts: hosts.length,
      shadowSheets: hosts.map((h) => [h.shadowRoot.styleSheets.length, h.shadowRoot.adoptedStyleSheets.length]),
      pwned: 'pwned' in window || typeof window.__pwned !== 'function',
    };
  });
}

function checkInventory(inv) {
  const allowed = new Set([...PAGE_TAGS, ...DIALOG_TAGS]);
  assert.deepEqual(inv.tags.filter((t) => !allowed.has(t)), [], 'no element a payload could have made');
  assert.deepEqual(inv.handlers, [], 'no inline event handler anywhere');
  assert.deepEqual(inv.urls, [], 'no javascript: URL anywhere a browser would follow it');
  assert.deepEqual(inv.scripts, ['/pkg/web/element.js', 'plain-checkout.js'], "the page's own two scripts only");
  assert.equal(inv.sheets, 1, "the page's own stylesheet only");
  for (const [inline, adopted] of inv.shadowSheets) {
    assert.deepEqual([inline, adopted], [0, 1], "the reminder's one constructed stylesheet only");
  }
  assert.equal(inv.pwned, false, 'no global was added or replaced');
}

/**
 * Each plan in the open reminder: its id, its name exactly as the shop wrote it (one text node),
 * whether it is laid out and visible, and whether its per-period amount still reads left to right
 * (a bidi override in a label must not reverse the figures beside it).
 */
function shownPlans(page) {
  return page.evaluate(() => {
    const root = document.querySelector('instalment-guard-dialog').shadowRoot;
    return [...root.querySelectorAll('[part~="plan"]')].map((b) => {
      const name = b.querySelector('[part~="plan-name"]');
      const value = b.querySelector('[part~="per-period"] [part~="value"]').firstChild;
      const x = (i) => {
        const r = document.createRange();
        r.setStart(value, i);
        r.setEnd(value, i + 1);
        return r.getBoundingClientRect().x;
      };
      const box = b.getBoundingClientRect();
      return {
        id: b.dataset.plan,
        name: [...name.childNodes].map((n) => (n.nodeType === Node.TEXT_NODE ? n.data : `<${n.localName}>`)),
        visible: box.width > 0 && box.height > 0 && getComputedStyle(b).visibility === 'visible' && getComputedStyle(name).display !== 'none',
        leftToRight: x(0) < x(value.length - 1),
      };
    });
  });
}

/** Renames the plan field to `field` and offers `ids` in it (built as nodes: the page is honest). */
function offerPlans(page, field, ids) {
  return page.evaluate(([field, ids]) => {
    const select = document.querySelector('#checkout select');
    select.name = field;
    select.replaceChildren(new Option('不分期', ''), ...ids.map((id) => new Option(id, id)));
  }, [field, ids]);
}

/** The guard on the plain checkout, configured with payloads, by `surface`. */
async function attachHostile(page, surface, config) {
  if (surface === 'api') {
    await attachApiGuard(page, { currency: 'CNY', locale: 'zh-CN', ...config });
    return;
  }
  await page.evaluate((c) => {
    const el = document.querySelector('instalment-guard');
    el.removeAttribute('preset');
    el.setAttribute('plans', JSON.stringify(c.plans));
    el.setAttribute('plan-field', c.planField);
    el.setAttribute('shop-id', c.shopId);
  }, config);
  // The element rebuilds its guard in a microtask; once it has, it reports no error and reads
  // the plans it was given.
  await page.waitForFunction((n) => {
    const el = document.querySelector('instalment-guard');
    return el.error === null && el.getAttribute('shop-id') && el.assess().estimates.length === n;
  }, config.plans.length);
}

describe('1. injection: hostile strings stay text', () => {
  for (const policy of [STRICT, WITH_TRUSTED_TYPES]) {
    for (const surface of SURFACES) {
      it(`plan labels and ids, plan-field and shop-id through ${surfaceName(surface)}, under ${policy}`, async () => {
        await open(servers[policy], surface, async (page, { record, fired }) => {
          const plans = hostilePlans();
          await offerPlans(page, ALL_IN_ONE, PAYLOADS);
          await attachHostile(page, surface, { plans, planField: ALL_IN_ONE, shopId: ALL_IN_ONE });
          await remind(page);
          await settle(page);
          assert.equal((await dialog(page).locator('h2').textContent()).trim(), DIALOG_TITLES['zh-CN']);

          const shown = await shownPlans(page);
          assert.deepEqual(shown.map((p) => p.id).sort(), [...PAYLOADS].sort(), 'every plan, its id intact');
          for (const p of shown) {
            assert.deepEqual(p.name, [p.id], `the label is one text node, exactly as given: ${JSON.stringify(p.id)}`);
            assert.ok(p.visible, `the plan is on screen: ${JSON.stringify(p.id)}`);
            assert.ok(p.leftToRight, `its per-period amount reads left to right: ${JSON.stringify(p.id)}`);
          }
          checkInventory(await inventory(page));

          // "Don't remind me again" keeps the shop id as it is, inside the key.
          await dialog(page).locator('[part~="dont-remind"] input').check();
          assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), [OPT_OUT_PREFIX + ALL_IN_ONE]);

          // Choosing the <img> plan puts its id, as text, in the renamed field, and submits once.
          const img = PAYLOADS[0];
          await dialog(page).locator('[part~="plan"]').nth(shown.findIndex((p) => p.id === img)).click();
          await page.waitForFunction(() => window.__seen.submits.length > 0);
          await settle(page);
          const s = await seen(page);
          assert.deepEqual(s.choose, [img]);
          assert.deepEqual(s.submits, [img], 'one submit, carrying the id as text');
          assert.equal(await page.evaluate(() => document.querySelector('#checkout select').value), img);

          checkInventory(await inventory(page));
          assert.deepEqual(fired, [], 'no payload ran');
          assert.deepEqual(record.violations, [], 'no CSP or Trusted Types violation');
          assert.deepEqual(record.errors, []);
          assert.deepEqual(record.requests.filter((u) => !u.startsWith(`${servers[policy].origin}/`) || /\/x$/.test(u)), []);
        });
      });
    }

    it(`locale and currency strings, the page's lang, and update() under ${policy}`, async () => {
      // Refused strings must fail open and only ever come back as text in an InstalmentError.
      await open(servers[policy], 'element', async (page, { record, fired }) => {
        for (const attr of ['locale', 'currency']) {
          await page.evaluate(([attr, payload]) => document.querySelector('instalment-guard').setAttribute(attr, payload), [attr, ALL_IN_ONE]);
          await page.waitForFunction(() => document.querySelector('instalment-guard').error !== null);
          const error = await page.evaluate(() => {
            const e = document.querySelector('instalment-guard').error;
            return { name: e.name, code: e.code, field: e.field, message: e.message };
          });
          assert.equal(error.name, 'InstalmentError');
          assert.equal(error.code, attr === 'locale' ? 'INVALID_CONFIG' : 'INVALID_CURRENCY');
          assert.equal(error.field, attr);
          // The inactive element lets the submit through untouched.
          await submitGoesThrough(page, attr === 'locale' ? 1 : 2);
          checkInventory(await inventory(page));
          await page.evaluate(([attr, v]) => document.querySelector('instalment-guard').setAttribute(attr, v), [attr, attr === 'locale' ? 'zh-CN' : 'CNY']);
          await page.waitForFunction(() => document.querySelector('instalment-guard').error === null);
        }
        assert.equal(record.errors.length, 2, 'the element logged each refused attribute once');
        for (const e of record.errors) assert.match(e, /^InstalmentError: (locale|currency) /);

        // The JS API refuses the same strings with an InstalmentError, and a guard that takes its
        // locale from a hostile <html lang> speaks Simplified Chinese.
        await page.evaluate(() => document.querySelector('instalment-guard').remove());
        const api = await page.evaluate(async (payload) => {
          const ig = await import('/pkg/web/instalment_guard.js');
          const form = document.getElementById('checkout');
          const codes = [];
          for (const config of [{ currency: 'CNY', locale: payload }, { currency: payload }]) {
            try {
              new ig.CheckoutGuard(form, config);
              codes.push('accepted');
            } catch (e) {
              codes.push(`${e.name} ${e.code} ${e.field}`);
            }
          }
          document.documentElement.lang = payload;
          window.g = new ig.CheckoutGuard(form, { currency: 'CNY', shopId: payload });
          let update;
          try {
            window.g.update({ amountMinor: payload });
          } catch (e) {
            update = `${e.name} ${e.code} ${e.field}`;
          }
          return { codes, update };
        }, ALL_IN_ONE);
        assert.deepEqual(api.codes, ['InstalmentError INVALID_CONFIG locale', 'InstalmentError INVALID_CURRENCY currency']);
        assert.equal(api.update, 'InstalmentError INVALID_AMOUNT amountMinor');
        await remind(page);
        assert.equal(await dialog(page).getAttribute('lang'), 'zh-CN');
        assert.equal((await dialog(page).locator('h2').textContent()).trim(), DIALOG_TITLES['zh-CN']);
        checkInventory(await inventory(page));
        await payInFull(page, 3);
        await settle(page);
        assert.equal((await seen(page)).submits.length, 3);
        assert.deepEqual(fired, []);
        assert.deepEqual(record.violations, []);
        assert.equal(record.errors.length, 2, 'nothing more was logged as an error');
      });
    });
  }
});

// --- 2. fail open ------------------------------------------------------------------------------

// Passes the wasm magic number and version, then nothing a compiler can read.
const GARBAGE = Buffer.concat([Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]), Buffer.from('not a module '.repeat(64))]);

const BROKEN_WASM = [
  { name: 'missing (404)', route: (r) => r.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' }) },
  { name: 'corrupt (garbage after the magic number)', route: (r) => r.fulfill({ status: 200, contentType: 'application/wasm', body: GARBAGE }) },
  { name: "blocked by the CSP (no 'wasm-unsafe-eval')", server: 'noWasm' },
  // The handler never fulfils, continues nor aborts: the fetch hangs for as long as the page lives.
  { name: 'never answered', route: () => {}, hangs: true },
];

/**
 * Starts the page's own `init()` (window.__init says how it went) and, for a wasm that comes back
 * broken, waits until it has failed; for one that never comes, until it was asked for.
 */
async function initFails(page, how, asked) {
  await page.evaluate(() => {
    window.__init = 'pending';
    import('/pkg/web/instalment_guard.js')
      .then((ig) => ig.default())
      .then(() => (window.__init = 'resolved'), (e) => (window.__init = `rejected: ${e?.name}`));
  });
  if (how.hangs) await asked;
  else await page.waitForFunction(() => window.__init !== 'pending');
}

describe('2. fail open: a broken wasm costs no submit', () => {
  for (const how of BROKEN_WASM) {
    for (const surface of SURFACES) {
      it(`the wasm ${how.name}: ${surface === 'element' ? '<instalment-guard> never activates' : `init() ${how.hangs ? 'hangs' : 'rejects'}`}, and every submit goes through once`, async () => {
        let asked;
        const wasAsked = new Promise((resolve) => { asked = resolve; });
        const beforeGoto = (page) => (how.route
          ? page.route('**/instalment_guard_bg.wasm', (route) => {
            asked();
            return how.route(route);
          })
          : page.on('request', (r) => r.url().endsWith('.wasm') && asked()));
        await open(servers[how.server ?? STRICT], surface, async (page, { record }) => {
          if (surface === 'element') {
            // The element's module awaits init(): it fails (an import of it fails the same way)
            // or, with a wasm that never comes, waits for ever. Either way no element is defined.
            if (how.hangs) await wasAsked;
            else {
              const loaded = await page.evaluate(() => import('/pkg/web/element.js').then(() => 'loaded', (e) => `failed: ${e?.name}`));
              assert.match(loaded, /^failed/);
            }
            assert.equal(await page.evaluate(() => customElements.get('instalment-guard')), undefined);
          } else {
            await initFails(page, how, wasAsked);
            // A shop that does not wait for init() gets an error where its guard should be.
            const attached = await page.evaluate(async () => {
              const ig = await import('/pkg/web/instalment_guard.js');
              try {
                window.g = new ig.CheckoutGuard(document.getElementById('checkout'), { currency: 'CNY' });
                return 'attached';
              } catch (e) {
                return `threw ${e?.name}`;
              }
            });
            assert.match(attached, /^threw /);
          }
          await submitGoesThrough(page, 1);
          await submitGoesThrough(page, 2);
          assert.deepEqual((await seen(page)).submits, ['', ''], 'sent as the shopper left them, without a plan');
          if (surface === 'api') {
            assert.match(await page.evaluate(() => window.__init), how.hangs ? /^pending$/ : /^rejected: /);
          }
          if (how.server === 'noWasm') {
            assert.ok(record.violations.length > 0, 'the CSP refused the wasm');
            for (const v of record.violations) assert.equal(v.blocked, 'wasm-eval');
          } else {
            assert.deepEqual(record.violations, []);
          }
        }, { beforeGoto, ready: false });
      });
    }
  }
});

// Page code that throws, or breaks a DOM call the guard makes. `arm` runs before any script of
// the page; `reminds` says whether the reminder can still show.
const THROWING = [
  {
    name: "the page's instalmentguard:remind listener throws",
    arm: () => document.addEventListener('instalmentguard:remind', () => { throw new Error('page bug in remind'); }),
    reminds: true,
    pageErrors: [/page bug in remind/],
  },
  {
    name: "the page's instalmentguard:choose listener throws",
    arm: () => document.addEventListener('instalmentguard:choose', () => { throw new Error('page bug in choose'); }),
    reminds: true,
    choose: 'huabei-6',
    pageErrors: [/page bug in choose/],
  },
  {
    name: 'HTMLDialogElement.prototype.showModal is patched to throw',
    arm: () => {
      HTMLDialogElement.prototype.showModal = () => { throw new DOMException('patched by the page', 'InvalidStateError'); };
    },
    reminds: false,
  },
  {
    name: 'Element.prototype.attachShadow is patched to throw',
    arm: () => {
      Element.prototype.attachShadow = () => { throw new DOMException('patched by the page', 'NotSupportedError'); };
    },
    reminds: false,
  },
  {
    // The guard reads the plan field through form.elements on every submit.
    name: "a script replaces the form's elements getter with one that throws",
    arm: () => {
      Object.defineProperty(HTMLFormElement.prototype, 'elements', { get() { throw new Error('patched by the page'); } });
    },
    reminds: false,
  },
];

describe('2. fail open: page code that throws costs no submit, nor adds one', () => {
  for (const how of THROWING) {
    for (const surface of SURFACES) {
      it(`${how.name}, with ${surfaceName(surface)}`, async () => {
        await open(servers[STRICT], surface, async (page, { record }) => {
          if (surface === 'api') await attachApiGuard(page);
          if (how.reminds) {
            await remind(page);
            if (how.choose) {
              await dialog(page).locator(`[data-plan="${how.choose}"]`).click();
              await page.waitForFunction(() => window.__seen.submits.length >= 1);
            } else {
              await payInFull(page, 1);
            }
            await settle(page);
            assert.deepEqual((await seen(page)).submits, [how.choose ?? ''], 'the choice submitted once');
            // Reminded once per checkout: the next submit goes straight through.
            await submitGoesThrough(page, 2);
          } else {
            await submitGoesThrough(page, 1);
            await submitGoesThrough(page, 2);
            assert.deepEqual((await seen(page)).submits, ['', '']);
          }
          // Only what the page threw itself is an uncaught error; the guard warns and steps aside.
          const patterns = how.pageErrors ?? [];
          assert.equal(record.errors.length, patterns.length, record.errors.join('\n'));
          patterns.forEach((p, i) => assert.match(record.errors[i], p));
          assert.deepEqual(record.violations, []);
        }, { arm: how.arm });
      });
    }
  }
});
