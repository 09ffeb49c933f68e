// From the choice to the payment, as a Node server calls it: verifyChoice() checks the form's plan
// against the merchant's offer and its own total, paymentParams() writes each provider's fields.
// The expected fields are fixtures written from the providers' documentation
// (fixtures/payment-params.json, sources in docs/payment.md), not from this package's output.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const ig = require('../../pkg/node/instalment_guard.js');
const fixtures = JSON.parse(readFileSync(new URL('./fixtures/payment-params.json', import.meta.url), 'utf8'));
const PROVIDERS = ['alipay', 'stripe', 'adyen'];

/** Runs `fn`, expecting an InstalmentError with this code and field. */
function throwsInstalment(fn, code, field) {
  assert.throws(fn, (e) => {
    assert.equal(e.name, 'InstalmentError', e.message);
    assert.equal(e.code, code, e.message);
    assert.equal(e.field, field, e.message);
    assert.ok(e.message.startsWith(field), `the message names the field: ${e.message}`);
    return true;
  });
}

const order = (planId, extra = {}) => ({ amountMinor: fixtures.amountMinor, currency: 'CNY', planId, ...extra });

describe("paymentParams: each preset's plans against each provider's documented fields", () => {
  for (const [preset, plans] of Object.entries(fixtures.presets)) {
    it(`${preset}: the fixtures cover every plan of the preset`, () => {
      // The preset's own plans, as the page's guard lists them.
      const verdict = ig.assess({ currency: 'CNY', preset }, { amountMinor: fixtures.amountMinor });
      const ids = [...verdict.estimates.map((e) => e.planId), ...verdict.ineligible.map((i) => i.planId)];
      assert.deepEqual(new Set(ids), new Set(Object.keys(plans)));
    });
    for (const [planId, expected] of Object.entries(plans)) {
      for (const provider of PROVIDERS) {
        const want = expected[provider];
        it(`${preset} ${planId} → ${provider}: ${want.refused ? `refused (${want.why})` : JSON.stringify(want)}`, () => {
          const verified = ig.verifyChoice(order(planId, { preset }));
          if (want.refused) {
            throwsInstalment(() => ig.paymentParams(verified, provider), want.refused, 'planId');
          } else {
            assert.deepEqual(ig.paymentParams(verified, provider), want);
          }
        });
      }
    }
  }

  it('every Alipay field written keeps to the documented values, as strings', () => {
    const rules = fixtures.rules.alipay;
    for (const preset of ['huabei', 'huabei-interest-free']) {
      for (const planId of Object.keys(fixtures.presets[preset])) {
        const p = ig.paymentParams(ig.verifyChoice(order(planId, { preset })), 'alipay');
        assert.deepEqual(Object.keys(p).sort(), ['enable_pay_channels', 'extend_params']);
        assert.deepEqual(Object.keys(p.extend_params).sort(), ['hb_fq_num', 'hb_fq_seller_percent']);
        assert.ok(rules.hb_fq_num.includes(p.extend_params.hb_fq_num), p.extend_params.hb_fq_num);
        assert.ok(rules.hb_fq_seller_percent.includes(p.extend_params.hb_fq_seller_percent));
        assert.equal(p.enable_pay_channels, rules.enable_pay_channels);
      }
    }
  });

  it("a Mexican shop's months without interest go to Stripe and Adyen as documented", () => {
    const mx = fixtures.mexico;
    const rules = fixtures.rules.stripe;
    const plans = mx.counts.map((n) => ({ id: `msi-${n}`, periods: n, fee: { model: 'interestFree' } }));
    for (const plan of plans) {
      const v = ig.verifyChoice({ amountMinor: mx.amountMinor, currency: mx.currency, planId: plan.id, plans });
      assert.deepEqual(ig.paymentParams(v, 'stripe'), {
        payment_method_options: {
          card: { installments: { plan: { count: plan.periods, interval: rules.interval, type: rules.type } } },
        },
      });
      assert.ok(rules.count.includes(plan.periods));
      assert.deepEqual(ig.paymentParams(v, 'adyen'), { installments: { value: plan.periods } });
      throwsInstalment(() => ig.paymentParams(v, 'alipay'), 'UNSUPPORTED_BY_PROVIDER', 'planId');
    }
    for (const { periods, fee, why } of mx.refusedByStripe) {
      const p = [{ id: 'p', periods, fee }];
      const v = ig.verifyChoice({ amountMinor: mx.amountMinor, currency: mx.currency, planId: 'p', plans: p });
      assert.ok(why);
      throwsInstalment(() => ig.paymentParams(v, 'stripe'), 'UNSUPPORTED_BY_PROVIDER', 'planId');
    }
  });

  it('pay in full gives no instalment field at all, for every provider', () => {
    for (const planId of [null, '', 'none']) {
      const v = ig.verifyChoice(order(planId));
      assert.deepEqual(v, { planId: null, plan: null, estimate: null });
      for (const provider of PROVIDERS) assert.deepEqual(ig.paymentParams(v, provider), {});
    }
  });
});

describe('paymentParams: plans a provider cannot express, refused at planId', () => {
  const huabei = (periods, fee = { model: 'interestFree' }) => ({ id: 'p', provider: 'huabei', periods, fee });
  const cases = [
    ['a Huabei plan of 9 periods', huabei(9), 'CNY', 'alipay'],
    ['a Huabei plan of 24 periods', huabei(24), 'CNY', 'alipay'],
    ['a plan of another provider', { ...huabei(6), provider: 'credit_card' }, 'CNY', 'alipay'],
    ['a plan without a provider', { id: 'p', periods: 6, fee: { model: 'interestFree' } }, 'CNY', 'alipay'],
    ['a Huabei plan priced in HKD', huabei(6), 'HKD', 'alipay'],
    ['a Huabei plan priced per period, shopper paying', huabei(6, { model: 'perPeriod', rate: '0.0075' }), 'CNY', 'alipay'],
    ['a CNY plan for Stripe', huabei(6), 'CNY', 'stripe'],
    ['an MXN plan whose fee the shopper pays, for Stripe', huabei(6, { model: 'flatTotal', rate: '0.05' }), 'MXN', 'stripe'],
    ['an MXN plan of 4 months, for Stripe', huabei(4), 'MXN', 'stripe'],
    ['a plan whose fee the shopper pays, for Adyen', huabei(6, { model: 'annuity', annualRate: '0.2' }), 'BRL', 'adyen'],
  ];
  for (const [what, plan, currency, provider] of cases) {
    it(what, () => {
      const v = ig.verifyChoice({ amountMinor: 600000, currency, planId: 'p', plans: [plan] });
      throwsInstalment(() => ig.paymentParams(v, provider), 'UNSUPPORTED_BY_PROVIDER', 'planId');
    });
  }

  it('an unknown provider, and a verified choice altered after verifying', () => {
    const v = ig.verifyChoice(order('huabei-6'));
    throwsInstalment(() => ig.paymentParams(v, 'paypal'), 'INVALID_ARGUMENT', 'provider');
    throwsInstalment(() => ig.paymentParams(v, 1), 'INVALID_ARGUMENT', 'provider');
    // Its plan made cheaper afterwards: the estimate is no longer the plan's own.
    const cheaper = { ...v, plan: { ...v.plan, fee: { model: 'flatTotal', rate: '0.023' } } };
    throwsInstalment(() => ig.paymentParams(cheaper, 'alipay'), 'INVALID_ARGUMENT', 'verified.estimate');
    // Another plan id than its plan's.
    throwsInstalment(() => ig.paymentParams({ ...v, planId: 'huabei-12' }, 'alipay'), 'INVALID_ARGUMENT', 'verified.plan.id');
    // Pay in full with a plan left in.
    throwsInstalment(() => ig.paymentParams({ ...v, planId: null }, 'alipay'), 'INVALID_ARGUMENT', 'verified.plan');
  });
});

describe('verifyChoice', () => {
  it('refuses an id the offer does not hold', () => {
    for (const [planId, extra] of [
      ['huabei-9', {}],
      ['card-6', { preset: 'huabei' }],
      ['huabei-6', { preset: 'credit-card-cn' }],
      ['HUABEI-6', {}],
      ['huabei-6 ', {}],
    ]) {
      throwsInstalment(() => ig.verifyChoice(order(planId, extra)), 'INVALID_CHOICE', 'planId');
    }
  });

  it('refuses a plan the amount, its limits or the known credit make ineligible', () => {
    const plans = [
      { id: 'small', periods: 3, fee: { model: 'interestFree' }, maxAmountMinor: 100000 },
      { id: 'big', periods: 12, fee: { model: 'interestFree' }, minAmountMinor: 1000000 },
      { id: 'hb', provider: 'huabei', periods: 6, fee: { model: 'interestFree' } },
    ];
    throwsInstalment(() => ig.verifyChoice(order('small', { plans })), 'INVALID_CHOICE', 'planId');
    throwsInstalment(() => ig.verifyChoice(order('big', { plans })), 'INVALID_CHOICE', 'planId');
    // Below the preset's 100-yuan floor.
    throwsInstalment(() => ig.verifyChoice({ ...order('huabei-3'), amountMinor: 9999 }), 'INVALID_CHOICE', 'planId');
    // Over the shopper's Huabei credit, and Huabei not available to them.
    for (const huabei of [300000, 0]) {
      throwsInstalment(
        () => ig.verifyChoice(order('hb', { plans, availableCreditMinor: { huabei } })),
        'INVALID_CHOICE',
        'planId',
      );
    }
    // The page said the same: the guard's verdict lists them as ineligible.
    const verdict = ig.assess({ currency: 'CNY', plans }, { amountMinor: fixtures.amountMinor, availableCreditMinor: { huabei: 300000 } });
    assert.deepEqual(verdict.ineligible.map((i) => i.planId).sort(), ['big', 'hb', 'small']);
    // Enough credit, or credit with another provider, leaves the plan eligible.
    ig.verifyChoice(order('hb', { plans, availableCreditMinor: { huabei: fixtures.amountMinor, jd: 0 } }));
  });

  it('refuses a total other than the one the page showed, at amountMinor', () => {
    for (const planId of ['huabei-6', null]) {
      throwsInstalment(
        () => ig.verifyChoice(order(planId, { shownAmountMinor: fixtures.amountMinor - 2000 })),
        'INVALID_CHOICE',
        'amountMinor',
      );
    }
    assert.equal(ig.verifyChoice(order('huabei-6', { shownAmountMinor: fixtures.amountMinor })).planId, 'huabei-6');
  });

  it('gives the estimate estimate() gives, to the fen', () => {
    for (const preset of ['huabei', 'huabei-interest-free', 'credit-card-cn']) {
      for (const planId of Object.keys(fixtures.presets[preset])) {
        const v = ig.verifyChoice(order(planId, { preset }));
        assert.equal(v.planId, planId);
        assert.equal(v.plan.id, planId);
        assert.deepEqual(v.estimate, ig.estimate(fixtures.amountMinor, 'CNY', v.plan));
        // And the one the page's guard showed for the same offer and amount.
        const shown = ig.assess({ currency: 'CNY', preset }, { amountMinor: fixtures.amountMinor }).estimates.find((e) => e.planId === planId);
        assert.deepEqual(v.estimate, shown);
      }
    }
  });

  it('writes the plan back as the merchant wrote it', () => {
    const plan = { id: 'x', label: '6 期免息', provider: 'huabei', periods: 6, fee: { model: 'flatTotal', rate: '0.045', payer: 'merchant' }, minAmountMinor: 10000 };
    assert.deepEqual(ig.verifyChoice(order('x', { plans: [plan] })).plan, plan);
    const preset = ig.verifyChoice(order('huabei-12')).plan;
    assert.deepEqual(preset, { id: 'huabei-12', provider: 'huabei', periods: 12, fee: { model: 'flatTotal', rate: '0.075' }, minAmountMinor: 10000 });
  });

  it('is idempotent: the same answer again, from its own result, and through JSON', () => {
    const choice = order('huabei-12', { preset: 'huabei-interest-free', shownAmountMinor: fixtures.amountMinor });
    const once = ig.verifyChoice(choice);
    assert.deepEqual(ig.verifyChoice(choice), once);
    assert.deepEqual(ig.verifyChoice({ ...choice, planId: once.planId }), once);
    // Stored with the order as JSON and read back, it gives the same fields.
    const stored = JSON.parse(JSON.stringify(once));
    assert.deepEqual(ig.paymentParams(stored, 'alipay'), ig.paymentParams(once, 'alipay'));
    // disclose() takes its estimate, for the order record.
    assert.equal(ig.disclose(once.estimate, 'cn').prominent, 'annualRate');
  });

  it('keeps the usual codes for the other fields', () => {
    for (const [choice, code, field] of [
      [{ currency: 'CNY', planId: null }, 'INVALID_AMOUNT', 'amountMinor'],
      [{ amountMinor: '480690', currency: 'CNY', planId: null }, 'INVALID_AMOUNT', 'amountMinor'],
      [{ amountMinor: 100, currency: 'RMB', planId: null }, 'INVALID_CURRENCY', 'currency'],
      [{ amountMinor: 100, currency: 'USD', planId: null }, 'INVALID_CONFIG', 'plans'],
      [{ amountMinor: 100, currency: 'CNY', planId: null, preset: 'klarna' }, 'INVALID_CONFIG', 'preset'],
      [{ amountMinor: 100, currency: 'CNY', planId: null, plans: [{ id: 'a' }] }, 'INVALID_PLAN', 'plans[0].periods'],
      [{ amountMinor: 100, currency: 'CNY', planId: null, shownAmountMinor: 1.5 }, 'INVALID_AMOUNT', 'shownAmountMinor'],
      [{ amountMinor: 100, currency: 'CNY', planId: null, availableCreditMinor: 5 }, 'INVALID_STATE', 'availableCreditMinor'],
      // The plan field is required: a server that forgot it would charge everyone in full.
      [{ amountMinor: 100, currency: 'CNY' }, 'INVALID_CHOICE', 'planId'],
      [{ amountMinor: 100, currency: 'CNY', planId: 6 }, 'INVALID_CHOICE', 'planId'],
      [{ amountMinor: 100, currency: 'CNY', planId: null, amount: 100 }, 'INVALID_CHOICE', 'amount'],
      [{ amountMinor: 100, currency: 'CNY', planId: null, plans: [{ id: 'a', periods: 3, fee: { model: 'interestFree' }, x: () => 1 }] }, 'INVALID_ARGUMENT', 'plans[0].x'],
      [null, 'INVALID_CHOICE', 'choice'],
    ]) {
      throwsInstalment(() => ig.verifyChoice(choice), code, field);
    }
  });
});

describe("README's Node snippet", () => {
  // As README.md, "From the choice to the payment", writes it.
  function alipayInstalmentFields(form, totalMinor, order) {
    const verified = ig.verifyChoice({
      amountMinor: totalMinor, currency: 'CNY', preset: 'huabei',
      planId: form.get('instalment_plan'),
      shownAmountMinor: form.has('amount_minor') ? Number(form.get('amount_minor')) : null,
    });
    order.instalments = verified;
    return ig.paymentParams(verified, 'alipay');
  }

  it('maps the form, and refuses a stale total and a tampered plan', () => {
    const order = {};
    const fields = alipayInstalmentFields(new URLSearchParams('instalment_plan=huabei-6&amount_minor=480690'), 480690, order);
    assert.equal(fields.extend_params.hb_fq_num, '6');
    assert.equal(order.instalments.estimate.periods, 6);
    assert.deepEqual(alipayInstalmentFields(new URLSearchParams(''), 480690, {}), {});
    assert.deepEqual(alipayInstalmentFields(new URLSearchParams('instalment_plan='), 480690, {}), {});
    throwsInstalment(() => alipayInstalmentFields(new URLSearchParams('instalment_plan=huabei-6&amount_minor=478690'), 480690, {}), 'INVALID_CHOICE', 'amountMinor');
    throwsInstalment(() => alipayInstalmentFields(new URLSearchParams('instalment_plan=huabei-9'), 480690, {}), 'INVALID_CHOICE', 'planId');
  });
});
