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
  // A submit made before the guard's code is here waits for it, 1.5 s at most (API.md, "Entries").
  await page.waitForFunction((n) => window.__seen.submits.length >= n, submits, { timeout: 2500 });
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
const DIALOG_TAGS = ['instalment-guard-dialog', 'dialog', 'h2', 'p', 'ul', 'li', 'span', 'button', 'label', 'input', 'div', 'details', 'summary'];

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
      urls: all.flatMap((e) => [...e.attributes].filter((a) => /^\s*javascript:/i.test(a.value) && !['data-plan', 'data-row', 'value'].includes(a.name)).map((a) => `<${e.localName} ${a.name}>`)),
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
        // locale from a hostile <html lang>, a language it does not speak, speaks English.
        await page.evaluate(() => document.querySelector('instalment-guard').remove());
        const api = await page.evaluate(async (payload) => {
          // The full API is its own module: element.js loads only the checkout page's code.
          const ig = await import('/pkg/web/instalment_guard.js');
          await ig.default();
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
        assert.equal(await dialog(page).getAttribute('lang'), 'en');
        assert.equal((await dialog(page).locator('h2').textContent()).trim(), DIALOG_TITLES.en);
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
          ? page.route('**/*.wasm', (route) => {
            asked();
            return how.route(route);
          })
          : page.on('request', (r) => r.url().endsWith('.wasm') && asked()));
        await open(servers[how.server ?? STRICT], surface, async (page, { record }) => {
          if (surface === 'element') {
            // The element is defined at once and fetches its code after the load event: that
            // fails (its `ready` rejects) or, with a wasm that never comes, waits for ever.
            // Either way the guard never decides.
            if (how.hangs) await wasAsked;
            else {
              const ready = await page.evaluate(() => document.querySelector('instalment-guard').ready.then(() => 'ready', (e) => `failed: ${e?.name}`));
              assert.match(ready, /^failed/);
            }
            const assessed = await page.evaluate(() => {
              try {
                return JSON.stringify(document.querySelector('instalment-guard').assess());
              } catch (e) {
                return `threw ${e?.code}`;
              }
            });
            assert.equal(assessed, 'threw INVALID_STATE');
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

// --- 3. races ----------------------------------------------------------------------------------

const PERCENT = new Intl.NumberFormat('zh-CN', { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Each Huabei plan's figures as the open reminder should show them for `amount`, from the package. */
function expectedFigures(amount) {
  const verdict = engine.assess({ currency: 'CNY', preset: 'huabei' }, { amountMinor: amount });
  return Object.fromEntries(verdict.estimates.map((e) => [e.planId, [
    payments(e.schedule.map((l) => l.paymentMinor)),
    money('zh-CN', e.totalFeeMinor),
    PERCENT.format(Math.round(e.aprNominal * 10_000) / 10_000),
  ]]));
}

/** Every payment as a zh-CN card lists them: "首期 ¥110.67，之后 11 × ¥110.59". */
function payments(paid) {
  const runs = [];
  for (const p of paid) {
    if (runs.at(-1)?.minor === p) runs.at(-1).n += 1;
    else runs.push({ minor: p, n: 1 });
  }
  return runs.map(({ minor, n }, i) => {
    const m = money('zh-CN', minor);
    if (n === 1 && runs.length > 1 && i === 0) return `首期 ${m}`;
    if (n === 1 && runs.length > 1 && i === runs.length - 1) return `，末期 ${m}`;
    return i === 0 ? `${n} × ${m}` : `，之后 ${n} × ${m}`;
  }).join('');
}

/** The open reminder's order total and each plan's payments, fee and rate. */
function shownFigures(page) {
  return page.evaluate(() => {
    const root = document.querySelector('instalment-guard-dialog').shadowRoot;
    const value = (b, part) => b.querySelector(`[part~="${part}"] [part~="value"]`).textContent.trim().replace(/\s/g, ' ');
    return {
      total: root.querySelector('[part~="order-total"]').textContent,
      plans: Object.fromEntries([...root.querySelectorAll('[part~="plan"]')].map((b) => [b.dataset.plan, ['per-period', 'fee', 'apr'].map((p) => value(b, p))])),
    };
  });
}

/**
 * Changes the cart 100 times a second for 2 s (by the form's attribute, or by `update()` on
 * window.g), on a schedule kept by the clock, not by the timers' delays; every 17th amount is below
 * the plans' minimum, so the list empties and fills again. Returns the last amount and how long
 * the storm took.
 */
function cartStorm(page, how) {
  return page.evaluate(async (how) => {
    const form = document.getElementById('checkout');
    const start = performance.now();
    let amount = 0;
    for (let i = 0; i < 200; i += 1) {
      amount = i === 199 ? 123457 : i % 17 === 0 ? 9999 : 10000 + ((i * 7919 * 104729) % 4_990_000);
      if (how === 'attribute') form.dataset.amountMinor = String(amount);
      else window.g.update({ amountMinor: amount });
      const next = start + (i + 1) * 10;
      await new Promise((r) => setTimeout(r, Math.max(0, next - performance.now())));
    }
    return { amount, took: performance.now() - start };
  }, how);
}

describe('3. races', () => {
  for (const [surface, how] of [['element', 'attribute'], ['api', 'update']]) {
    const what = how === 'attribute' ? 'data-amount-minor' : 'update()';
    it(`${what} changed 100 times a second for 2 s under an open reminder (${surfaceName(surface)}): it ends on the final figures`, async () => {
      await open(servers[STRICT], surface, async (page, { record }) => {
        if (surface === 'api') await attachApiGuard(page);
        await remind(page);
        const { amount, took } = await cartStorm(page, how);
        // Kept to the clock, so never faster than 100 a second; slower only when each redraw
        // takes longer than 10 ms (a loaded machine), which is no reason to fail.
        assert.ok(took >= 1990, `the storm took ${took} ms`);
        // update() redraws before it returns, and an attribute change by the next microtask: by
        // two frames and a task later, the reminder shows what it will keep showing.
        await settle(page);
        const shown = await shownFigures(page);
        assert.ok(shown.total.includes(money('zh-CN', amount)), `the order total is the last amount: ${shown.total}`);
        assert.deepEqual(shown.plans, expectedFigures(amount));
        assert.ok(await dialog(page).isVisible(), 'the reminder stayed open');
        const s = await seen(page);
        assert.deepEqual([s.remind, s.submits.length, s.choose.length], [1, 0, 0], 'one reminder, nothing chosen or sent');
        assert.deepEqual(record.errors, []);
        await payInFull(page, 1);
        await settle(page);
        assert.deepEqual((await seen(page)).submits, ['']);
        assert.deepEqual(record.errors, []);
      });
    });
  }

  // Where the guard lives: an element outside the form (the plain checkout's), one inside it
  // (the demo's: removing the form disconnects the element too), and a JS API guard.
  const REMOVALS = [
    { name: '<instalment-guard> outside the form', surface: 'element' },
    { name: '<instalment-guard> inside the form', surface: 'element', inside: true },
    { name: 'new CheckoutGuard', surface: 'api' },
  ];
  for (const where of REMOVALS) {
    it(`the form removed while the reminder is open, with ${where.name}: no exception, no submit`, async () => {
      await open(servers[STRICT], where.surface, async (page, { record }) => {
        if (where.surface === 'api') await attachApiGuard(page);
        if (where.inside) {
          await page.evaluate(() => document.getElementById('checkout').prepend(document.querySelector('instalment-guard')));
          await plainCheckoutReady(page);
        }
        await remind(page);
        await page.evaluate(() => {
          window.form = document.getElementById('checkout');
          window.form.remove();
        });
        await settle(page);
        if (await dialog(page).count()) {
          // Still open: each way out is harmless. Pay in full is the one that would submit.
          await dialog(page).locator('[data-action="full"]').click();
          await dialog(page).waitFor({ state: 'hidden' });
          await settle(page);
        }
        if (where.inside) assert.equal(await page.locator('instalment-guard-dialog').count(), 0, 'the guard went with its element');
        assert.deepEqual((await seen(page)).submits, [], 'a form that left the page sends nothing');
        assert.deepEqual(record.errors, []);
        // Put back, the form is guarded as the checkout it was: reminded once already.
        await page.evaluate(() => document.body.prepend(window.form));
        if (where.inside) await plainCheckoutReady(page);
        await submitGoesThrough(page, 1);
        assert.deepEqual(record.errors, []);
      });
    });
  }

  for (const surface of SURFACES) {
    it(`page code removes the open reminder from the page (${surfaceName(surface)}): the next submit goes through once`, async () => {
      await open(servers[STRICT], surface, async (page, { record }) => {
        if (surface === 'api') await attachApiGuard(page);
        await remind(page);
        // A framework re-rendering the body takes the reminder's host with it; its dialog keeps
        // its open attribute, but nobody can see it any more.
        await page.evaluate(() => document.querySelector('instalment-guard-dialog').remove());
        await settle(page);
        assert.deepEqual((await seen(page)).submits, []);
        await submitGoesThrough(page, 1);
        assert.deepEqual(record.errors, []);
      });
    });
  }

  // The first guard, then what tries to guard the same form a second time.
  const SECOND_GUARDS = [
    {
      name: 'a second new CheckoutGuard', surface: 'api', first: true,
      second: () => new window.ig.CheckoutGuard(document.getElementById('checkout'), { currency: 'CNY' }),
      refused: 'InstalmentError INVALID_STATE form',
    },
    {
      name: 'a new CheckoutGuard on the form an element guards', surface: 'element',
      second: async () => {
        // The full package, with a wasm of its own beside the element's: still one guard a form.
        const ig = await import('/pkg/web/instalment_guard.js');
        await ig.default();
        return new ig.CheckoutGuard(document.getElementById('checkout'), { currency: 'CNY' });
      },
      refused: 'InstalmentError INVALID_STATE form',
    },
    {
      name: 'a second <instalment-guard> for the same form', surface: 'element',
      second: () => {
        const el = document.createElement('instalment-guard');
        el.setAttribute('for', 'checkout');
        el.setAttribute('currency', 'CNY');
        document.body.append(el);
        if (el.error) throw el.error;
        return el;
      },
      refused: 'InstalmentError INVALID_STATE for',
      logged: 1,
    },
  ];
  for (const two of SECOND_GUARDS) {
    it(`${two.name} is refused with an InstalmentError; one reminder, one submit`, async () => {
      await open(servers[STRICT], two.surface, async (page, { record }) => {
        if (two.first) await attachApiGuard(page);
        const refused = await page.evaluate(`(async () => {
          try {
            await (${two.second})();
            return 'accepted';
          } catch (e) {
            return [e.name, e.code, e.field].join(' ');
          }
        })()`);
        assert.equal(refused, two.refused);
        await remind(page);
        await settle(page);
        assert.equal(await page.locator('instalment-guard-dialog').count(), 1, 'one reminder on the page');
        assert.equal((await seen(page)).remind, 1);
        await payInFull(page, 1);
        await settle(page);
        assert.deepEqual((await seen(page)).submits, ['']);
        assert.equal(record.errors.length, two.logged ?? 0, record.errors.join('\n'));
      });
    });
  }

  for (const surface of SURFACES) {
    it(`Enter held down on the pay button (${surfaceName(surface)}): one reminder, no submit`, async () => {
      await open(servers[STRICT], surface, async (page, { record }) => {
        if (surface === 'api') await attachApiGuard(page);
        await page.focus('#pay');
        // The first keydown submits; the rest are repeats, landing on the reminder.
        for (let i = 0; i < 20; i += 1) await page.keyboard.down('Enter');
        await page.keyboard.up('Enter');
        await dialog(page).waitFor();
        await settle(page);
        const s = await seen(page);
        assert.deepEqual([s.remind, s.submits.length, s.choose.length, s.proceed, s.dismiss], [1, 0, 0, 0, 0]);
        assert.equal(await page.locator('instalment-guard-dialog').count(), 1);
        assert.ok(await dialog(page).isVisible());
        await payInFull(page, 1);
        await settle(page);
        assert.deepEqual((await seen(page)).submits, [''], 'one submit in all');
        assert.deepEqual(record.errors, []);
      });
    });
  }

  for (const surface of SURFACES) {
    it(`the page's own code submits again while the reminder is open (${surfaceName(surface)}): held with it, one submit in all`, async () => {
      await open(servers[STRICT], surface, async (page, { record }) => {
        if (surface === 'api') await attachApiGuard(page);
        await remind(page);
        // A payment widget or an auto-submit calls requestSubmit() behind the modal reminder.
        await page.evaluate(() => document.getElementById('checkout').requestSubmit());
        await settle(page);
        let s = await seen(page);
        assert.deepEqual([s.remind, s.submits.length], [1, 0], 'held while the shopper decides, without a second reminder');
        assert.ok(await dialog(page).isVisible());
        await payInFull(page, 1);
        await settle(page);
        s = await seen(page);
        assert.deepEqual(s.submits, [''], 'one submit in all');
        assert.deepEqual(record.errors, []);
      });
    });
  }
});

// --- 4. privacy --------------------------------------------------------------------------------

const DEMO_KEY = `${OPT_OUT_PREFIX}haowuji-demo`;

/** Everything the browser could keep for the page's origin, and the cookies of the whole context. */
async function kept(page, context) {
  const inPage = await page.evaluate(async () => ({
    cookie: document.cookie,
    local: Object.fromEntries(Object.entries(localStorage)),
    session: Object.keys(sessionStorage),
    indexedDB: (await indexedDB.databases()).map((d) => d.name),
    caches: await caches.keys(),
    serviceWorkers: (await navigator.serviceWorker.getRegistrations()).length,
  }));
  return { cookies: await context.cookies(), ...inPage };
}

const NOTHING_KEPT = { cookies: [], cookie: '', local: {}, session: [], indexedDB: [], caches: [], serviceWorkers: 0 };

async function checkKept(page, context, step, local = {}) {
  assert.deepEqual(await kept(page, context), { ...NOTHING_KEPT, local }, `after: ${step}`);
}

/** Every request the page made went to its own origin. */
function checkOwnOrigin(record, origin) {
  assert.ok(record.requests.some((u) => u.endsWith('.wasm')), 'the wasm was loaded (the flow really ran)');
  assert.deepEqual(record.requests.filter((u) => !u.startsWith(`${origin}/`)), []);
}

describe('4. privacy: the demo flow', () => {
  before(async () => {
    buildDemo();
    servers.demo = await serve(DIST, await contentSecurityPolicy());
  });

  it('open, change the cart, remind, close, remind again, pay in full, done: no foreign request, nothing kept', async () => {
    const { origin } = servers.demo;
    const { context, page, record } = await openPage(browser);
    try {
      await openCheckout(page, origin);
      await checkKept(page, context, 'opening the checkout');
      await page.locator('[data-item="fridge"] [data-step="1"]').click();
      await page.locator('#coupon').uncheck();
      await checkKept(page, context, 'changing the cart');
      await page.click('#place-order');
      await dialog(page).waitFor();
      await checkKept(page, context, 'the reminder');
      await page.keyboard.press('Escape');
      await dialog(page).waitFor({ state: 'hidden' });
      await settle(page);
      await checkKept(page, context, 'closing it');
      // A new visit is a new checkout, reminded again.
      await openCheckout(page, origin);
      await page.locator('[data-item="kettle"] [data-step="1"]').click();
      await page.click('#place-order');
      await dialog(page).waitFor();
      await checkKept(page, context, 'the second reminder');
      await Promise.all([page.waitForURL(/\/done\.html\?/), dialog(page).locator('[data-action="full"]').click()]);
      await page.locator('[data-out="facts"]:not([hidden])').waitFor();
      await checkKept(page, context, 'paying in full, on the done page');
      checkOwnOrigin(record, origin);
      assert.deepEqual(record.errors, []);
      assert.deepEqual(record.violations, []);
    } finally {
      await context.close();
    }
  });

  it('"don\'t remind me again" keeps exactly its key while ticked, and nothing else', async () => {
    const { origin } = servers.demo;
    const { context, page, record } = await openPage(browser);
    try {
      await openCheckout(page, origin);
      await page.click('#place-order');
      await dialog(page).waitFor();
      const box = dialog(page).locator('[part~="dont-remind"] input');
      await box.check();
      await checkKept(page, context, 'ticking it', { [DEMO_KEY]: '1' });
      await box.uncheck();
      await checkKept(page, context, 'unticking it');
      await box.check();
      await Promise.all([page.waitForURL(/\/done\.html\?/), dialog(page).locator('[data-action="full"]').click()]);
      await page.locator('[data-out="facts"]:not([hidden])').waitFor();
      await checkKept(page, context, 'paying in full with it ticked', { [DEMO_KEY]: '1' });
      // The next checkout is not reminded, and keeps nothing more.
      await openCheckout(page, origin);
      const verdict = await page.evaluate(() => document.querySelector('instalment-guard').assess());
      assert.ok(verdict.reasons.includes('SHOPPER_OPTED_OUT'), verdict.reasons.join());
      await Promise.all([page.waitForURL(/\/done\.html\?/), page.click('#place-order')]);
      await checkKept(page, context, 'the next checkout', { [DEMO_KEY]: '1' });
      checkOwnOrigin(record, origin);
      assert.deepEqual(record.errors, []);
    } finally {
      await context.close();
    }
  });
});
