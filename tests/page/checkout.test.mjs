// The demo checkout driven like a shopper would: the forgotten plan caught in each language,
// every way out of the reminder, the cart changing under it, and the keyboard alone.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  demoPages, DIALOG_TITLES, HUABEI_12, LANGS, MOBILE, amountMinor, dialog, money, openCheckout,
  withPage, pureFunctions, waitForEstimates, screenshotPath,
} from './helpers.mjs';

// How the done page names the 12-month Huabei plan in each language.
const HUABEI_12_LABEL = {
  'zh-CN': '花呗分12期',
  'zh-TW': '花唄分12期',
  en: 'Huabei, 12 monthly payments',
};

const live = demoPages();
let engine;

before(async () => {
  engine = await pureFunctions();
});

const query = (page) => new URL(page.url()).searchParams;
const planButton = (page, id) => dialog(page).locator(`[part~="plan"][data-plan="${id}"]`);
const dialogValue = (page, id, figure) =>
  planButton(page, id).locator(`[part~="${figure}"] [part~="value"]`);
const liveValue = (page, id, figure) =>
  page.locator(`[data-plan-option="${id}"] [data-fig="${figure}"]`);

/** Counts what reaches the page's own submit listeners, and the guard's events. */
async function watchForm(page) {
  await page.evaluate(() => {
    const form = document.getElementById('checkout');
    window.__seen = { submits: 0, remind: 0, dismiss: 0, proceed: 0, choose: [] };
    form.addEventListener('submit', (e) => {
      if (!e.defaultPrevented) window.__seen.submits += 1;
    });
    form.addEventListener('instalmentguard:remind', () => (window.__seen.remind += 1));
    form.addEventListener('instalmentguard:dismiss', () => (window.__seen.dismiss += 1));
    form.addEventListener('instalmentguard:proceed', () => (window.__seen.proceed += 1));
    form.addEventListener('instalmentguard:choose', (e) => window.__seen.choose.push(e.detail.planId));
  });
}

const seen = (page) => page.evaluate(() => window.__seen);

describe('the forgotten plan, in each language', () => {
  for (const lang of LANGS) {
    it(`${lang}: submit without a plan → reminder with the cart's figures → choose 12 months → done.html`, async () => {
      await withPage(live.browser, {}, async (page) => {
        await openCheckout(page, live.server.origin, lang);
        await watchForm(page);
        const amount = await amountMinor(page);
        const expected = engine.estimate(amount, 'CNY', HUABEI_12);
        const perPeriod = money(lang, expected.schedule[1].paymentMinor);
        const fee = money(lang, expected.totalFeeMinor);

        // The page already showed the same figures beside the picker.
        assert.equal((await liveValue(page, 'huabei-12', 'per').textContent()).trim(), perPeriod);
        assert.equal((await liveValue(page, 'huabei-12', 'fee').textContent()).trim(), fee);

        await page.click('#place-order');
        await dialog(page).waitFor();
        assert.equal(await dialog(page).getAttribute('lang'), lang);
        assert.equal((await dialog(page).locator('h2').textContent()).trim(), DIALOG_TITLES[lang]);
        assert.ok(
          (await dialog(page).locator('[part~="order-total"]').textContent()).includes(money(lang, amount)),
          'the dialog states the order total',
        );
        // Every payment on the card: the first, which carries the rounding, then the eleven others.
        const FACE = {
          'zh-CN': (a, n, b) => `首期 ${a}，之后 ${n} × ${b}`,
          'zh-TW': (a, n, b) => `首期 ${a}，之後 ${n} × ${b}`,
          en: (a, n, b) => `first ${a}, then ${n} × ${b}`,
        };
        assert.equal(
          (await dialogValue(page, 'huabei-12', 'per-period').textContent()).trim().replace(/\s/g, ' '),
          FACE[lang](money(lang, expected.schedule[0].paymentMinor), 11, perPeriod),
        );
        assert.equal((await dialogValue(page, 'huabei-12', 'fee').textContent()).trim(), fee);
        // The cheapest plan by APR comes first; focus is on the heading, not on any plan.
        const first = await dialog(page).locator('[part~="plan"]').first().getAttribute('data-plan');
        assert.equal(first, 'huabei-12');
        const focused = await page.evaluate(
          () => document.querySelector('instalment-guard-dialog').shadowRoot.activeElement?.localName,
        );
        assert.equal(focused, 'h2');
        assert.equal((await seen(page)).submits, 0, 'the reminder held the submit back');

        await Promise.all([page.waitForURL(/\/done\.html\?/), planButton(page, 'huabei-12').click()]);
        const sent = query(page);
        assert.equal(sent.get('instalment_plan'), 'huabei-12');
        assert.equal(sent.get('pay_method'), 'huabei');
        assert.equal(sent.get('amount_minor'), String(amount));
        assert.equal(sent.get('lang'), lang);

        await page.locator('[data-out="plan-detail"]:not([hidden])').waitFor();
        assert.equal(await page.getAttribute('html', 'lang'), lang);
        assert.equal((await page.locator('[data-out="plan"]').textContent()).trim(), HUABEI_12_LABEL[lang]);
        assert.equal((await page.locator('[data-out="amount"]').textContent()).trim(), money(lang, amount));
        assert.ok((await page.locator('[data-out="plan-detail"]').textContent()).includes(perPeriod));
      });
    });
  }
});

describe('every way out of the reminder', () => {
  it('pay in full submits the order unchanged, with no plan', async () => {
    await withPage(live.browser, {}, async (page) => {
      await openCheckout(page, live.server.origin);
      const amount = await amountMinor(page);
      await page.click('#place-order');
      await dialog(page).waitFor();
      await Promise.all([
        page.waitForURL(/\/done\.html\?/),
        dialog(page).locator('[part~="pay-in-full"][data-action="full"]').click(),
      ]);
      assert.equal(query(page).get('instalment_plan'), '');
      assert.equal(query(page).get('amount_minor'), String(amount));
      await page.locator('[data-out="facts"]:not([hidden])').waitFor();
      assert.equal((await page.locator('[data-out="plan"]').textContent()).trim(), '不分期');
      assert.equal((await page.locator('[data-out="method"]').textContent()).trim(), '花呗');
    });
  });

  // Enter in a quantity field submits the form too: the easiest way to pay by mistake. It leaves
  // focus in the field, so only the guard can have moved it to the pay button afterwards (a click
  // on the pay button focuses it, and a closing modal dialog gives focus back on its own).
  const ways = [
    { open: 'a click on pay', close: 'Escape' },
    { open: 'a click on pay', close: 'the close button' },
    { open: 'Enter in a quantity field', close: 'Escape' },
  ];
  for (const { open, close } of ways) {
    it(`${open}, then ${close}: nothing submitted, focus on the pay button, the next submit goes through`, async () => {
      await withPage(live.browser, {}, async (page) => {
        await openCheckout(page, live.server.origin);
        await watchForm(page);
        if (open === 'a click on pay') {
          await page.click('#place-order');
        } else {
          await page.locator('[data-item="fridge"] input[type="number"]').focus();
          await page.keyboard.press('Enter');
        }
        await dialog(page).waitFor();
        if (close === 'Escape') await page.keyboard.press('Escape');
        else await dialog(page).locator('[data-action="close"]').click();
        // The dialog hides at once; its close event, which the guard reports from, is a task
        // the browser queues after that. Wait for what the guard does, not for what the dialog does.
        await dialog(page).waitFor({ state: 'hidden' });
        await page.waitForFunction(() => window.__seen.dismiss > 0);
        // The guard moves focus in the same task as it reports, so it is already there.
        assert.equal(await page.evaluate(() => document.activeElement?.id), 'place-order');

        const after = await seen(page);
        assert.equal(after.submits, 0, 'nothing was submitted');
        assert.equal(after.remind, 1);
        assert.equal(after.dismiss, 1);
        assert.match(page.url(), /\/index\.html\?lang=zh-CN$/);

        // Reminded once per checkout: the guard now lets the submit through.
        const verdict = await page.evaluate(() => document.querySelector('instalment-guard').assess());
        assert.equal(verdict.remind, false);
        assert.ok(verdict.reasons.includes('REMINDER_LIMIT_REACHED'), verdict.reasons.join());
        await Promise.all([page.waitForURL(/\/done\.html\?/), page.click('#place-order')]);
        assert.equal(query(page).get('instalment_plan'), '');
      });
    });
  }
});

describe('reminded once per checkout, whatever the page does', () => {
  // A language or preset change rebuilds the element's guard; the checkout is the same one.
  it('a language switch after closing the reminder does not bring it back', async () => {
    await withPage(live.browser, {}, async (page) => {
      await openCheckout(page, live.server.origin);
      await page.click('#place-order');
      await dialog(page).waitFor();
      await page.keyboard.press('Escape');
      await dialog(page).waitFor({ state: 'hidden' });
      await page.locator('.lang-switch [data-locale="en"]').click();
      await page.waitForFunction(() => document.documentElement.lang === 'en');
      const verdict = await page.evaluate(() => document.querySelector('instalment-guard').assess());
      assert.equal(verdict.remind, false, `reasons: ${verdict.reasons.join()}`);
    });
  });
});

describe('the cart and the plan picker', () => {
  it('a plan chosen on the page submits straight away, with no reminder', async () => {
    await withPage(live.browser, {}, async (page) => {
      await openCheckout(page, live.server.origin);
      await page.locator('[data-plan-option="huabei-6"]').click();
      const verdict = await page.evaluate(() => document.querySelector('instalment-guard').assess());
      assert.equal(verdict.remind, false);
      assert.ok(verdict.reasons.includes('PLAN_SELECTED'), verdict.reasons.join());
      // A reminder would hold the submit back; reaching done.html shows none did.
      await Promise.all([page.waitForURL(/\/done\.html\?/), page.click('#place-order')]);
      assert.equal(query(page).get('instalment_plan'), 'huabei-6');
    });
  });

  it('quantities and the coupon update data-amount-minor, the live estimates and an open reminder', async () => {
    await withPage(live.browser, {}, async (page) => {
      await openCheckout(page, live.server.origin);
      const per = (amount) => money('zh-CN', engine.estimate(amount, 'CNY', HUABEI_12).schedule[1].paymentMinor);
      const start = await amountMinor(page);

      await page.locator('[data-item="fridge"] [data-step="1"]').click();
      assert.equal(await amountMinor(page), start + 459900);
      assert.equal((await liveValue(page, 'huabei-12', 'per').textContent()).trim(), per(start + 459900));
      assert.equal(await page.inputValue('input[name="amount_minor"]'), String(start + 459900));

      await page.locator('[data-item="fridge"] [data-step="-1"]').click();
      await page.locator('[data-item="kettle"] [data-step="1"]').click();
      const withKettle = start + 12900;
      assert.equal(await amountMinor(page), withKettle);

      await page.locator('#coupon').uncheck();
      const noCoupon = withKettle + 2000;
      assert.equal(await amountMinor(page), noCoupon);
      assert.equal((await liveValue(page, 'huabei-12', 'per').textContent()).trim(), per(noCoupon));
      assert.equal((await page.locator('[data-out="total"]').textContent()).trim(), money('zh-CN', noCoupon));

      await page.click('#place-order');
      await dialog(page).waitFor();
      // The card lists every payment: the eleven regular ones after the first.
      const payments = async () => (await dialogValue(page, 'huabei-12', 'per-period').textContent()).trim().replace(/\s/g, ' ');
      assert.ok((await payments()).endsWith(`11 × ${per(noCoupon)}`), await payments());

      // The cart changes while the reminder is open (another tab, a price update): it follows.
      await page.evaluate(() => document.querySelector('[data-item="boxes"] [data-step="1"]').click());
      const more = noCoupon + 5900;
      assert.equal(await amountMinor(page), more);
      await page.waitForFunction(
        (want) => {
          const root = document.querySelector('instalment-guard-dialog').shadowRoot;
          const v = root.querySelector('[data-plan="huabei-12"] [part~="per-period"] [part~="value"]');
          return v?.textContent.trim().replace(/\s/g, ' ').endsWith(want);
        },
        `11 × ${per(more)}`,
      );
      assert.ok((await dialog(page).locator('[part~="order-total"]').textContent()).includes(money('zh-CN', more)));
    });
  });

  it('a balance payment is never reminded; a credit card offers the card plans', async () => {
    await withPage(live.browser, {}, async (page) => {
      await openCheckout(page, live.server.origin);
      await page.locator('input[name="pay_method"][value="balance"]').check();
      await page.locator('fieldset.plans').waitFor({ state: 'hidden' });
      await Promise.all([page.waitForURL(/\/done\.html\?/), page.click('#place-order')]);
      assert.equal(query(page).get('pay_method'), 'balance');
      assert.equal(query(page).has('instalment_plan'), false, 'a hidden, disabled picker sends nothing');

      await openCheckout(page, live.server.origin);
      await page.locator('input[name="pay_method"][value="card"]').check();
      await page.waitForFunction(() =>
        document.querySelector('[data-plan-option="card-24"] [data-fig="apr"]')?.textContent.trim(),
      );
      assert.equal(await page.getAttribute('instalment-guard', 'preset'), 'credit-card-cn');
      await page.click('#place-order');
      await dialog(page).waitFor();
      const offered = await dialog(page).locator('[part~="plan"]').evaluateAll((bs) => bs.map((b) => b.dataset.plan));
      assert.deepEqual([...offered].sort(), ['card-12', 'card-24', 'card-3', 'card-6']);
      await Promise.all([page.waitForURL(/\/done\.html\?/), planButton(page, 'card-24').click()]);
      assert.equal(query(page).get('instalment_plan'), 'card-24');
      await page.locator('[data-out="facts"]:not([hidden])').waitFor();
      assert.equal((await page.locator('[data-out="plan"]').textContent()).trim(), '信用卡分24期');
    });
  });

  it('switching the language rewrites the page and the reminder, and keeps the cart', async () => {
    await withPage(live.browser, {}, async (page) => {
      await openCheckout(page, live.server.origin, 'zh-CN');
      await page.locator('[data-item="kettle"] [data-step="1"]').click();
      const amount = await amountMinor(page);
      await page.locator('.lang-switch [data-locale="en"]').click();
      await page.waitForFunction(() => document.documentElement.lang === 'en');
      await waitForEstimates(page);
      assert.equal(await page.getAttribute('instalment-guard', 'locale'), 'en');
      assert.equal(await amountMinor(page), amount);
      assert.equal((await page.locator('#place-order').textContent()).trim(), 'Place order');
      assert.match(page.url(), /\?lang=en$/);
      await page.click('#place-order');
      await dialog(page).waitFor();
      assert.equal((await dialog(page).locator('h2').textContent()).trim(), DIALOG_TITLES.en);
    });
  });
});

describe('the keyboard alone', () => {
  for (const [viewport, key] of [[undefined, 'Enter'], [MOBILE, 'Space']]) {
    const where = viewport ? 'at 375 px' : 'on the desktop';
    it(`${where}: Tab to the pay button, Enter, Tab past the first plan to the next, ${key} → done.html`, async () => {
      await withPage(live.browser, { viewport }, async (page) => {
        await openCheckout(page, live.server.origin);
        // From the top of the page, as a keyboard user arrives.
        let presses = 0;
        while (!(await page.evaluate(() => document.activeElement?.id === 'place-order'))) {
          await page.keyboard.press('Tab');
          presses += 1;
          assert.ok(presses < 80, 'the pay button is reachable with Tab');
        }
        await page.keyboard.press('Enter');
        await dialog(page).waitFor();
        const active = () =>
          page.evaluate(() => document.querySelector('instalment-guard-dialog').shadowRoot.activeElement?.dataset.plan);
        assert.equal(await active(), undefined, 'no plan has focus when the reminder opens');
        // From the heading: the close button, pay in full (never later than a plan), the
        // "don't remind me" box, then the first plan (the recommended one).
        const part = () =>
          page.evaluate(() => document.querySelector('instalment-guard-dialog').shadowRoot.activeElement?.getAttribute('part') ?? null);
        const order = [];
        for (let i = 0; i < 6 && (await active()) === undefined; i++) {
          await page.keyboard.press('Tab');
          order.push(await part());
        }
        assert.deepEqual(order, ['close', 'pay-in-full', null, 'plan']);
        assert.equal(await active(), 'huabei-12');
        // Past the plan's collapsed cost details (the disclosure paragraph), to the next plan.
        await page.keyboard.press('Tab');
        assert.equal(
          await page.evaluate(() => document.querySelector('instalment-guard-dialog').shadowRoot.activeElement?.localName),
          'summary',
        );
        await page.keyboard.press('Tab');
        const next = await active();
        assert.ok(next && next !== 'huabei-12', `Tab moves to another plan, got ${next}`);
        await Promise.all([page.waitForURL(/\/done\.html\?/), page.keyboard.press(key)]);
        assert.equal(query(page).get('instalment_plan'), next);
      });
    });
  }
});

describe('the demo scenarios: whom the guard reminds', () => {
  /** Opens the demo on a scenario, as its `?scenario=` parameter does. */
  async function openScenario(page, lang, name) {
    await page.goto(`${live.server.origin}/index.html?lang=${lang}&scenario=${name}`);
    await waitForEstimates(page);
    await watchForm(page);
  }

  /** Presses pay; resolves with whether the reminder opened (else the order went to done.html). */
  async function pay(page) {
    await page.click('#place-order');
    const opened = await Promise.race([
      dialog(page).waitFor().then(() => true),
      page.waitForURL(/done\.html/).then(() => false),
    ]);
    return opened;
  }

  const REPAYMENTS = {
    'zh-CN': '你每月的分期还款最多将是',
    'zh-TW': '你每月的分期還款最多將是',
    en: 'your instalment repayments would become up to',
  };

  for (const lang of LANGS) {
    it(`${lang}: a shopper already repaying 2 plans sees what their repayments would become`, async () => {
      await withPage(live.browser, {}, async (page) => {
        await openScenario(page, lang, 'repaying');
        assert.equal(await pay(page), true, 'reminded');
        const verdict = await page.evaluate(() => document.querySelector('instalment-guard').assess());
        assert.equal(verdict.affordability.plansAfter, 3);
        const line = (await dialog(page).locator('[part~="repayments"]').textContent()).trim();
        assert.ok(line.includes(REPAYMENTS[lang]), line);
        assert.ok(line.includes(money(lang, verdict.affordability.monthlyAfterMinor)), line);
        // The rule line names why the first plan is first, and nothing else sets it apart.
        assert.ok((await dialog(page).locator('[part~="reason"]').textContent()).trim().length > 0);
        const first = await dialog(page).locator('[part~="plan"]').first().getAttribute('data-plan');
        assert.equal(first, verdict.recommendation.planId);
      });
    });
  }

  for (const [name, reason] of [['small', 'UNLIKELY'], ['stretched', 'HEAVY_REPAYMENTS'], ['limit', 'NO_ELIGIBLE_PLAN']]) {
    it(`${name}: no reminder (${reason}); the order goes straight through`, async () => {
      await withPage(live.browser, {}, async (page) => {
        await openScenario(page, 'en', name);
        const verdict = await page.evaluate(() => document.querySelector('instalment-guard').assess());
        assert.ok(verdict.reasons.includes(reason), JSON.stringify(verdict.reasons));
        if (name === 'limit') {
          assert.deepEqual(
            verdict.ineligible.map((i) => i.reason),
            ['OVER_CREDIT_LIMIT', 'OVER_CREDIT_LIMIT', 'OVER_CREDIT_LIMIT'],
          );
          assert.equal((await liveValue(page, 'huabei-12', 'per').textContent()).trim(), 'Huabei limit too low');
        }
        assert.equal(await pay(page), false, 'not reminded');
      });
    });
  }

  it('switching scenarios in place changes what the guard knows, and back', async () => {
    await withPage(live.browser, {}, async (page) => {
      await openScenario(page, 'zh-CN', 'durable');
      const reasons = () => page.evaluate(() => document.querySelector('instalment-guard').assess().reasons);
      assert.deepEqual(await reasons(), ['NO_PLAN_SELECTED', 'ELIGIBLE_PLANS']);
      await page.selectOption('#scenario', 'stretched');
      assert.deepEqual(await reasons(), ['HEAVY_REPAYMENTS']);
      await page.selectOption('#scenario', 'small');
      assert.deepEqual(await reasons(), ['UNLIKELY']);
      await page.selectOption('#scenario', 'durable');
      assert.deepEqual(await reasons(), ['NO_PLAN_SELECTED', 'ELIGIBLE_PLANS']);
    });
  });
});

describe('the demo as a shop abroad: each jurisdiction\'s disclosure', () => {
  const PROMINENT = { us: 'Annual percentage rate', eu: 'APRC', uk: 'Representative APR' };
  const SIGN = { us: '$', eu: '€', uk: '£' };
  for (const shop of ['us', 'eu', 'uk']) {
    it(`${shop}: an English shop whose reminder leads with the ${PROMINENT[shop]}; screenshot`, async () => {
      await withPage(live.browser, { viewport: MOBILE }, async (page) => {
        await page.goto(`${live.server.origin}/index.html?lang=en&shop=${shop}`);
        await waitForEstimates(page);
        assert.ok((await page.locator('[data-out="total"]').textContent()).includes(SIGN[shop]));
        await page.click('#place-order');
        await dialog(page).waitFor();
        const first = dialog(page).locator('[part~="plan"]').first();
        assert.equal((await first.locator('[part~="caption"]').first().textContent()).trim(), PROMINENT[shop]);
        assert.ok((await first.locator('[part~="prominent"]').count()) === 1);
        assert.equal(await dialog(page).locator('[part~="warning"]').count(), shop === 'eu' ? 1 : 0);
        assert.equal(await dialog(page).locator('[part~="reason"]').count(), shop === 'us' ? 1 : 0);
        await page.waitForTimeout(250);
        await page.screenshot({ path: screenshotPath(`shop-${shop}-reminder`) });
      });
    });
  }

  for (const shop of ['us', 'eu', 'uk']) {
    for (const lang of ['en', 'zh-CN']) {
      it(`${shop} in ${lang}: the picker leads with the reminder's rate, from the package, and the shop never says Huabei`, async () => {
        await withPage(live.browser, {}, async (page) => {
          await page.goto(`${live.server.origin}/index.html?lang=${lang}&shop=${shop}`);
          await waitForEstimates(page);
          const HUABEI = /Huabei|花呗|花唄/;
          const words = () => page.evaluate(() =>
            [document.body.innerText, ...[...document.querySelectorAll('option')].map((o) => o.textContent)].join('\n'));
          assert.doesNotMatch(await words(), HUABEI);
          const picker = {
            caption: (await page.locator('[data-plan-option="huabei-6"] [data-out="apr-caption"]').textContent()).trim(),
            value: (await liveValue(page, 'huabei-6', 'apr').textContent()).trim(),
          };
          await page.click('#place-order');
          await dialog(page).waitFor();
          const card = dialog(page).locator('[data-plan="huabei-6"] [part~="prominent"]');
          // The same name, and the same figure (the card adds "APR representative" in the UK).
          assert.deepEqual(picker, {
            caption: (await card.locator('[part~="caption"]').textContent()).trim(),
            value: (await card.locator('[part~="value"]').textContent()).trim().split(/\s/)[0],
          });
          // Paid in full abroad: the order page speaks of paying later, in the shop's currency.
          await Promise.all([page.waitForURL(/\/done\.html\?/), dialog(page).locator('[part~="pay-in-full"]').click()]);
          await page.locator('[data-out="facts"]:not([hidden])').waitFor();
          assert.doesNotMatch(await words(), HUABEI);
          assert.ok((await page.locator('[data-out="amount"]').textContent()).includes({ us: '$', eu: '€', uk: '£' }[shop]));
        });
      });
    }
  }

  it('abroad, the limit scenario is the pay-later lender\'s: no plan, no reminder', async () => {
    await withPage(live.browser, {}, async (page) => {
      await page.goto(`${live.server.origin}/index.html?lang=en&shop=uk&scenario=limit`);
      await waitForEstimates(page);
      const verdict = await page.evaluate(() => document.querySelector('instalment-guard').assess());
      assert.deepEqual(verdict.ineligible.map((i) => i.reason), ['OVER_CREDIT_LIMIT', 'OVER_CREDIT_LIMIT', 'OVER_CREDIT_LIMIT']);
      assert.equal(verdict.remind, false);
      assert.ok((await page.locator('[data-out="scenario-note"]').textContent()).includes('£3,000.00'));
    });
  });

  it('?shop=eu alone opens the shop abroad in English, as choosing it does; ?lang= still wins', async () => {
    await withPage(live.browser, {}, async (page) => {
      await page.goto(`${live.server.origin}/index.html?shop=eu`);
      await waitForEstimates(page);
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
      await page.goto(`${live.server.origin}/index.html?shop=eu&lang=zh-TW`);
      await waitForEstimates(page);
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-TW');
    });
  });

  it('back to China from abroad: CNY, the Huabei plans and the cn disclosure again', async () => {
    await withPage(live.browser, {}, async (page) => {
      await page.goto(`${live.server.origin}/index.html?lang=en&shop=uk`);
      await waitForEstimates(page);
      await page.selectOption('#shop', 'cn');
      await page.waitForFunction(() => document.querySelector('instalment-guard').getAttribute('preset') === 'huabei');
      await waitForEstimates(page);
      const v = await page.evaluate(() => document.querySelector('instalment-guard').assess());
      assert.equal(v.estimates[0].currency, 'CNY');
      await page.click('#place-order');
      await dialog(page).waitFor();
      assert.equal(
        (await dialog(page).locator('[part~="prominent"] [part~="caption"]').first().textContent()).trim(),
        'Annualised rate (IRR method, 12 × the monthly rate)',
      );
    });
  });
});
