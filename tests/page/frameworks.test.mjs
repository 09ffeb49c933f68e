// A plan chosen in the reminder must reach the page's own state, in whatever library the page is
// written: each checkout below is built with the real library (devDependencies) and the release
// package, and its submit handler calls preventDefault and reads the plan from its own state. A
// React checkout with controlled radios once heard nothing of the choice and sent 不分期, charging
// the shopper in full (issue 23).
//
// The checkouts (tests/page/fixtures/frameworks/) are built here, once per run, into
// test-results/frameworks/: React 18 and React 19 from one source (npm aliases react18, react19),
// Preact, Vue 3 and Svelte 5 through Vite; the plain form needs no build and loads pkg/web itself.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { build } from 'vite';
import vue from '@vitejs/plugin-vue';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import {
  REPO, contentSecurityPolicy, dialog, launchBrowser, requirePackage, serve, settle, withPage,
} from './helpers.mjs';

const FIXTURES = join(REPO, 'tests', 'page', 'fixtures', 'frameworks');
const OUT = join(REPO, 'test-results', 'frameworks');
const CHOSEN = 'huabei-6';

/** "react" and "react-dom" (and their subpaths) resolved to one of the aliased installs. */
const reactAs = (react, reactDom) => [
  { find: /^react-dom(\/.*)?$/, replacement: `${reactDom}$1` },
  { find: /^react(\/.*)?$/, replacement: `${react}$1` },
];

// Each library's checkout: the page (built into OUT/<dir>/, or served as it is), the Vite
// plugins and aliases it needs, and the library it reports (`window.__seen.library`).
const LIBRARIES = [
  { name: 'React 18', dir: 'react18', page: 'react.html', alias: reactAs('react18', 'react-dom18'), library: /^react 18\./ },
  {
    name: 'React 19',
    dir: 'react19',
    page: 'react.html',
    alias: reactAs('react19', 'react-dom19'),
    library: /^react 19\./,
    // React 19's own way to take a submit: <form action={fn}>.
    states: ['controlled', 'uncontrolled', 'action'],
  },
  { name: 'Preact', dir: 'preact', page: 'preact.html', library: /^preact$/ },
  {
    name: 'Vue 3',
    dir: 'vue',
    page: 'vue.html',
    plugins: () => [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('instalment-') } } })],
    library: /^vue 3\./,
  },
  { name: 'Svelte 5', dir: 'svelte', page: 'svelte.html', plugins: () => [svelte({ configFile: false })], library: /^svelte$/ },
  // No framework: its script only listens to the field.
  { name: 'a plain form', page: 'plain.html', library: /^plain$/, states: ['uncontrolled'] },
];

const FIELDS = ['radios', 'select'];
const STATES = ['controlled', 'uncontrolled'];
// The field after the submit, when nothing was chosen: no radio checked, unless the page's state
// checks "no plan" itself.
const UNCHOSEN = (field, state) => (field === 'select' || state === 'controlled' ? [''] : []);

/** Builds one library's checkout with Vite, as a shop's build would, the package by its npm name. */
async function buildCheckout({ dir, page, alias = [], plugins = () => [] }) {
  await build({
    configFile: false,
    root: FIXTURES,
    base: './',
    logLevel: 'warn',
    plugins: plugins(),
    resolve: {
      alias: [
        { find: /^instalment-guard\/element$/, replacement: join(REPO, 'pkg', 'web', 'element.js') },
        ...alias,
      ],
    },
    build: {
      outDir: join(OUT, dir),
      emptyOutDir: true,
      // The element entry point awaits init() at its top level.
      target: 'es2022',
      // Inlined assets would be data: URLs, which the CSP refuses.
      assetsInlineLimit: 0,
      rolldownOptions: { input: join(FIXTURES, page) },
    },
  });
}

let server;
let browser;

before(async () => {
  requirePackage();
  rmSync(OUT, { recursive: true, force: true });
  // One after another: the machine is small, and each build is a few seconds.
  for (const lib of LIBRARIES) if (lib.dir) await buildCheckout(lib);
  server = await serve({ '/built/': OUT, '/': REPO.replace(/\/$/, '') }, await contentSecurityPolicy());
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const url = (lib, field, state) => {
  const path = lib.dir ? `/built/${lib.dir}/${lib.page}` : `/tests/page/fixtures/frameworks/${lib.page}`;
  return `${server.origin}${path}?field=${field}&state=${state}`;
};

/**
 * Opens the checkout, waits for its guard, presses pay and waits for the reminder, then takes the
 * way out `leave(dialog)` gives, and returns what the page's submit handler read, once every
 * submit there is to come has come.
 */
async function checkout(lib, field, state, leave) {
  let result;
  await withPage(browser, {}, async (page, record) => {
    await page.goto(url(lib, field, state));
    await page.waitForFunction(() => customElements.get('instalment-guard') && document.querySelector('instalment-guard')?.error === null);
    assert.match(await page.evaluate(() => window.__seen.library), lib.library);
    assert.equal(await page.locator('#checkout select, #checkout [type=radio]').count(), field === 'radios' ? 4 : 1);

    await page.click('#pay');
    await dialog(page).waitFor();
    await settle(page);
    assert.deepEqual((await page.evaluate(() => window.__seen)).submits, [], 'the reminder held the submit back');

    await leave(dialog(page));
    await page.waitForFunction(() => window.__seen.submits.length > 0);
    // Long enough for a second submit, had there been one: the guard's own comes a task later.
    await settle(page);
    await page.waitForTimeout(100);
    await settle(page);
    result = {
      submits: (await page.evaluate(() => window.__seen)).submits,
      shown: (await page.locator('#state').textContent()).trim(),
      checked: await page.evaluate(() => {
        const f = document.getElementById('checkout').elements.namedItem('instalment_plan');
        return f instanceof RadioNodeList ? [...f].filter((r) => r.checked).map((r) => r.value) : [f.value];
      }),
    };
    // Each library's page ran under the demo's strict CSP, without a word on the console.
    assert.deepEqual(record.errors, []);
    assert.deepEqual(record.violations, []);
    assert.deepEqual(record.failed, []);
  });
  return result;
}

for (const lib of LIBRARIES) {
  describe(lib.name, () => {
    for (const field of FIELDS) {
      for (const state of lib.states ?? STATES) {
        const what = lib.dir ? `${state} ${field}` : field;

        it(`${what}: a plan chosen in the reminder reaches the state and the submit handler, once`, async () => {
          const { submits, shown, checked } = await checkout(lib, field, state, (d) =>
            d.locator(`[part~="plan"][data-plan="${CHOSEN}"]`).click(),
          );
          assert.deepEqual(submits, [{ state: CHOSEN, sent: CHOSEN }]);
          // The page drew its state again, and kept the field as chosen (a React action resets
          // the form's uncontrolled fields once it has run).
          assert.equal(shown, CHOSEN);
          assert.deepEqual(checked, state === 'action' ? UNCHOSEN(field, state) : [CHOSEN]);
        });

        it(`${what}: pay in full submits once, with no plan`, async () => {
          const { submits, shown, checked } = await checkout(lib, field, state, (d) =>
            d.locator('[part~="pay-in-full"][data-action="full"]').click(),
          );
          assert.deepEqual(submits, [{ state: '', sent: '' }]);
          assert.equal(shown, '');
          assert.deepEqual(checked, UNCHOSEN(field, state));
        });
      }
    }
  });
}
