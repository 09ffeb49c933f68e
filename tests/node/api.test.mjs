// The pure functions from the nodejs build, as a server-side or build-time caller uses them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const ig = require('../../pkg/node/instalment_guard.js');

const huabei12 = { id: 'huabei-12', periods: 12, fee: { model: 'flatTotal', rate: '0.075' } };

/** Runs `fn`, expecting an InstalmentError with this code and field. */
function throwsInstalment(fn, code, field) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof Error, 'an Error');
    assert.equal(e.name, 'InstalmentError');
    assert.equal(e.code, code, e.message);
    assert.equal(e.field, field, e.message);
    assert.ok(e.message.startsWith(field), `the message names the field: ${e.message}`);
    assert.ok(ig.isInstalmentError(e));
    return true;
  });
}

describe('estimate', () => {
  it('reproduces the Huabei example: 1111.11 over 12 at 7.5% is 99.53 a month, fee 83.33', () => {
    const e = ig.estimate(111111, 'CNY', huabei12);
    assert.equal(e.schedule[1].paymentMinor, 9953);
    assert.equal(e.totalFeeMinor, 8333);
    assert.equal(e.totalRepaymentMinor, 119444);
    assert.equal(e.schedule.reduce((s, l) => s + l.paymentMinor, 0), e.totalRepaymentMinor);
    assert.equal(e.currency, 'CNY');
    assert.equal(e.interestFree, false);
    assert.ok(Math.abs(e.aprNominal - 12 * e.monthlyRate) < 1e-15);
  });

  it('reproduces the card example: 12000 over 12 at 0.6% a period is 1072.00 a month', () => {
    const e = ig.estimate(1200000, 'CNY', { id: 'card-12', periods: 12, fee: { model: 'perPeriod', rate: '0.006' } });
    assert.ok(e.schedule.every((l) => l.paymentMinor === 107200));
  });

  it('reads a JS number rate through its shortest decimal form', () => {
    const viaNumber = ig.estimate(111111, 'CNY', { ...huabei12, fee: { model: 'flatTotal', rate: 0.075 } });
    assert.deepEqual(viaNumber, ig.estimate(111111, 'CNY', huabei12));
  });

  it('reports a merchant-paid fee without charging the shopper', () => {
    const e = ig.estimate(111111, 'CNY', { ...huabei12, fee: { model: 'flatTotal', rate: '0.075', payer: 'merchant' } });
    assert.equal(e.totalFeeMinor, 0);
    assert.equal(e.merchantFeeMinor, 8333);
    assert.equal(e.interestFree, true);
    assert.equal(e.aprNominal, 0);
  });
});

describe('compare', () => {
  it('puts interest-free plans first, longest first, then the lowest rate', () => {
    const c = ig.compare(111111, 'CNY', [
      { id: 'hb-3', periods: 3, fee: { model: 'flatTotal', rate: '0.023' } },
      { id: 'free-3', periods: 3, fee: { model: 'interestFree' } },
      huabei12,
      { id: 'free-6', periods: 6, fee: { model: 'interestFree' } },
      { id: 'big', periods: 6, fee: { model: 'interestFree' }, minAmountMinor: 500000 },
    ]);
    assert.deepEqual(c.estimates.map((e) => e.planId), ['free-6', 'free-3', 'huabei-12', 'hb-3']);
    assert.deepEqual(c.ineligible, [{ planId: 'big', reason: 'BELOW_MIN' }]);
    assert.equal(c.recommendedPlanId, 'free-6');
  });

  it('recommends nothing when no plan fits', () => {
    assert.equal(ig.compare(1, 'CNY', [{ ...huabei12, minAmountMinor: 10000 }]).recommendedPlanId, null);
  });
});

describe('annualRate', () => {
  it('finds 1% a month for 100 repaid as 101 a month later', () => {
    const r = ig.annualRate([{ months: 0, amountMinor: 10000 }, { months: 1, amountMinor: -10100 }]);
    assert.ok(Math.abs(r.monthlyRate - 0.01) < 1e-12);
    assert.ok(Math.abs(r.aprEffective - (1.01 ** 12 - 1)) < 1e-12);
  });

  it('says when no rate exists', () => {
    throwsInstalment(() => ig.annualRate([{ months: 0, amountMinor: -1 }, { months: 1, amountMinor: -2 }]), 'NO_SOLUTION', 'flows');
  });
});

describe('assess', () => {
  it('reminds when nothing is chosen, and says why', () => {
    const v = ig.assess({ currency: 'CNY', preset: 'huabei' }, { amountMinor: 111111 });
    assert.equal(v.remind, true);
    assert.deepEqual(v.reasons, ['NO_PLAN_SELECTED', 'ELIGIBLE_PLANS']);
    assert.equal(v.recommendedPlanId, 'huabei-12');
  });

  it('stays quiet with a stable reason when a plan is chosen', () => {
    const v = ig.assess({ currency: 'CNY', preset: 'huabei' }, { amountMinor: 111111, selectedPlanId: 'huabei-3' });
    assert.deepEqual([v.remind, v.reasons], [false, ['PLAN_SELECTED']]);
  });
});

describe('every mistake is an InstalmentError naming its field', () => {
  const cases = [
    ['NaN amount', () => ig.estimate(NaN, 'CNY', huabei12), 'INVALID_AMOUNT', 'amountMinor'],
    ['Infinity', () => ig.estimate(Infinity, 'CNY', huabei12), 'INVALID_AMOUNT', 'amountMinor'],
    ['negative', () => ig.estimate(-1, 'CNY', huabei12), 'INVALID_AMOUNT', 'amountMinor'],
    ['fractional', () => ig.estimate(1111.11, 'CNY', huabei12), 'INVALID_AMOUNT', 'amountMinor'],
    ['unsafe integer', () => ig.estimate(2 ** 53, 'CNY', huabei12), 'INVALID_AMOUNT', 'amountMinor'],
    ['string amount', () => ig.estimate('111111', 'CNY', huabei12), 'INVALID_AMOUNT', 'amountMinor'],
    ['unknown currency', () => ig.estimate(1, 'RMB', huabei12), 'INVALID_CURRENCY', 'currency'],
    ['lower-case currency', () => ig.estimate(1, 'cny', huabei12), 'INVALID_CURRENCY', 'currency'],
    ['periods 0', () => ig.estimate(1, 'CNY', { ...huabei12, periods: 0 }), 'INVALID_PLAN', 'plan.periods'],
    ['periods 61', () => ig.estimate(1, 'CNY', { ...huabei12, periods: 61 }), 'INVALID_PLAN', 'plan.periods'],
    ['percent rate', () => ig.estimate(1, 'CNY', { ...huabei12, fee: { model: 'flatTotal', rate: '7.5%' } }), 'INVALID_RATE', 'plan.fee.rate'],
    ['negative rate', () => ig.estimate(1, 'CNY', { ...huabei12, fee: { model: 'perPeriod', rate: '-0.1' } }), 'INVALID_RATE', 'plan.fee.rate'],
    ['ten decimals', () => ig.estimate(1, 'CNY', { ...huabei12, fee: { model: 'annuity', annualRate: '0.1234567891' } }), 'INVALID_RATE', 'plan.fee.annualRate'],
    ['duplicate ids', () => ig.compare(1, 'CNY', [huabei12, huabei12]), 'INVALID_PLAN', 'plans[1].id'],
    ['a typo', () => ig.compare(1, 'CNY', [{ ...huabei12, peroids: 3 }]), 'INVALID_PLAN', 'plans[0].peroids'],
    ['plans not an array', () => ig.compare(1, 'CNY', huabei12), 'INVALID_PLAN', 'plans'],
    ['a function', () => ig.estimate(1, 'CNY', () => huabei12), 'INVALID_ARGUMENT', 'plan'],
    ['total past MAX_SAFE_INTEGER', () => ig.estimate(2 ** 53 - 1, 'CNY', huabei12), 'AMOUNT_OUT_OF_RANGE', 'amountMinor'],
    ['config without currency', () => ig.assess({ preset: 'huabei' }, { amountMinor: 1 }), 'INVALID_CURRENCY', 'currency'],
    ['bad reminder cap', () => ig.assess({ currency: 'CNY', preset: 'huabei', remind: { maxPerCheckout: -1 } }, { amountMinor: 1 }), 'INVALID_CONFIG', 'remind.maxPerCheckout'],
  ];
  for (const [name, fn, code, field] of cases) {
    it(name, () => throwsInstalment(fn, code, field));
  }

  it('leaves the module fully usable after every one of them', () => {
    for (const [, fn] of cases) assert.throws(fn);
    assert.equal(ig.estimate(111111, 'CNY', huabei12).totalFeeMinor, 8333);
  });
});

describe('arguments cross the boundary intact', () => {
  const plan = (over) => ({ ...huabei12, ...over });

  it('keeps every character of an id: CJK, emoji (surrogate pairs), quotes and control characters', () => {
    for (const id of ['花呗分12期', '分期😀🙂', 'say "hi"\\ \n\t\u0001', 'x'.repeat(100)]) {
      assert.equal(ig.estimate(111111, 'CNY', plan({ id })).planId, id);
      assert.deepEqual(ig.compare(111111, 'CNY', [plan({ id })]).estimates.map((e) => e.planId), [id]);
    }
  });

  it('keeps an argument whole when reading it calls the package again, and past any buffer size', () => {
    const want = ig.estimate(111111, 'CNY', huabei12);
    // 40 plans of 90-character ids: a tape of some 4,000 numbers.
    const ids = Array.from({ length: 40 }, (_, i) => `${i}`.padStart(90, 'x'));
    let inner;
    const reentrant = { id: 'huabei-12', fee: huabei12.fee };
    Object.defineProperty(reentrant, 'periods', {
      enumerable: true,
      get() {
        // A getter that itself encodes a longer argument, in the middle of this one's tape.
        inner = ig.compare(111111, 'CNY', ids.map((id) => plan({ id })));
        return 12;
      },
    });
    assert.deepEqual(ig.estimate(111111, 'CNY', reentrant), want);
    assert.deepEqual(inner.estimates.map((e) => e.planId).sort(), ids.sort());
  });

  it('reads a lone surrogate, which no Rust string can hold, as U+FFFD', () => {
    assert.equal(ig.estimate(111111, 'CNY', plan({ id: 'a\ud800b' })).planId, 'a\ufffdb');
  });

  it('reads undefined as an absent value, and object keys in any order', () => {
    const want = ig.estimate(111111, 'CNY', huabei12);
    assert.deepEqual(ig.estimate(111111, 'CNY', { ...huabei12, minAmountMinor: undefined }), want);
    assert.deepEqual(ig.estimate(111111, 'CNY', { fee: huabei12.fee, periods: 12, id: 'huabei-12' }), want);
  });

  it('reads numbers as the exact doubles they are', () => {
    // Near the largest safe integer, where a decimal detour could round.
    const e = ig.estimate(2 ** 53 - 100, 'CNY', { id: 'free', periods: 1, fee: { model: 'interestFree' } });
    assert.equal(e.totalRepaymentMinor, 2 ** 53 - 100);
    // The double next to 0.075 is a different rate, with more places than a rate may have.
    throwsInstalment(() => ig.estimate(111111, 'CNY', plan({ fee: { model: 'flatTotal', rate: 0.07500000000000001 } })), 'INVALID_RATE', 'plan.fee.rate');
  });

  it('refuses what cannot be read as plain data, naming where it is', () => {
    const throwing = { id: 'a', periods: 3 };
    Object.defineProperty(throwing, 'fee', { enumerable: true, get() { throw new Error('no'); } });
    throwsInstalment(() => ig.estimate(1, 'CNY', throwing), 'INVALID_ARGUMENT', 'plan.fee');
    throwsInstalment(() => ig.compare(1, 'CNY', [plan({ id: Symbol('x') })]), 'INVALID_ARGUMENT', 'plans[0].id');
    throwsInstalment(() => ig.annualRate([{ months: 0, amountMinor: 10n }]), 'INVALID_ARGUMENT', 'flows[0].amountMinor');
    // Nesting is cut off 32 levels down, where no check looks: the level that is wrong is named.
    let deep = {};
    for (let i = 0; i < 40; i++) deep = { deep };
    throwsInstalment(() => ig.estimate(1, 'CNY', plan({ extra: deep })), 'INVALID_PLAN', 'plan.extra');
  });

  it('reads plans afresh when they change, even when the same array is passed again', () => {
    const plans = [{ ...huabei12 }];
    assert.equal(ig.compare(111111, 'CNY', plans).estimates[0].totalFeeMinor, 8333);
    plans[0].fee = { model: 'flatTotal', rate: '0.045' };
    assert.equal(ig.compare(111111, 'CNY', plans).estimates[0].totalFeeMinor, 5000);
    plans[0].periods = 100;
    throwsInstalment(() => ig.compare(111111, 'CNY', plans), 'INVALID_PLAN', 'plans[0].periods');
    const config = { currency: 'CNY', plans: [{ ...huabei12, fee: { ...huabei12.fee } }] };
    assert.equal(ig.assess(config, { amountMinor: 111111 }).estimates[0].totalFeeMinor, 8333);
    config.plans[0].fee.rate = '0.045';
    assert.equal(ig.assess(config, { amountMinor: 111111 }).estimates[0].totalFeeMinor, 5000);
  });
});

describe('disclose', () => {
  const e = () => ig.estimate(111111, 'CNY', huabei12);

  it('cn: the annualised rate by the IRR method first, prominent, in Chinese by default', () => {
    const d = ig.disclose(e(), 'cn');
    assert.equal(d.jurisdiction, 'cn');
    assert.equal(d.locale, 'zh-CN');
    assert.equal(d.prominent, 'annualRate');
    assert.deepEqual(d.items.map((i) => i.key), ['annualRate', 'perPeriod', 'periods', 'totalFee', 'totalRepayment']);
    assert.equal(d.items[0].text, '13.57%');
    assert.equal(d.items[0].rate, 0.1357);
    assert.equal(d.items[1].minor, 9953);
    assert.equal(d.items[2].count, 12);
    assert.equal(d.warning, null);
    assert.match(d.summary, /年化利率 13\.57%/);
  });

  it('eu and uk: the effective rate to one decimal; the EU warning; the cash price when given', () => {
    const eu = ig.disclose(e(), 'eu', { locale: 'en', cashPriceMinor: 111111 });
    assert.equal(eu.items[0].key, 'aprc');
    assert.equal(eu.items[0].text, '14.4%');
    assert.equal(eu.items[0].rate, 0.144);
    assert.equal(eu.warning, 'Borrowing money costs money.');
    assert.equal(eu.items.at(-1).key, 'cashPrice');
    const uk = ig.disclose(e(), 'uk');
    assert.equal(uk.items[0].text, '14.4% APR representative');
    assert.ok(!uk.items.some((i) => i.key === 'cashPrice'));
  });

  it('refuses an estimate that does not hold together, a bad jurisdiction and bad options', () => {
    throwsInstalment(() => ig.disclose({ ...e(), aprNominal: 0.1 }, 'cn'), 'INVALID_ARGUMENT', 'estimate.aprNominal');
    throwsInstalment(() => ig.disclose({ ...e(), totalRepaymentMinor: 1 }, 'cn'), 'INVALID_ARGUMENT', 'estimate.totalRepaymentMinor');
    throwsInstalment(() => ig.disclose(e(), 'gb'), 'INVALID_CONFIG', 'jurisdiction');
    throwsInstalment(() => ig.disclose(e(), 'us', { locale: 'fr' }), 'INVALID_CONFIG', 'options.locale');
    throwsInstalment(() => ig.disclose(e(), 'eu', { cashPriceMinor: -1 }), 'INVALID_AMOUNT', 'options.cashPriceMinor');
    throwsInstalment(() => ig.disclose(e(), 'eu', { cash: 1 }), 'INVALID_CONFIG', 'options.cash');
  });
});

describe('remedy', () => {
  const order = (over = {}) => ({
    amountMinor: 600000,
    currency: 'CNY',
    paidWith: 'huabei',
    plans: [{ id: 'huabei-12', provider: 'huabei', periods: 12, fee: { model: 'flatTotal', rate: '0.075', payer: 'merchant' } }],
    ...over,
  });

  it('the missed interest-free plan, every way back with its cost, keep first', () => {
    const r = ig.remedy(order({ lostOnRebuyMinor: 60000, status: 'shipped' }), { locale: 'en' });
    assert.equal(r.offer, true);
    assert.equal(r.missed.planId, 'huabei-12');
    assert.equal(r.missed.totalFeeMinor, 0);
    assert.deepEqual(r.options.map((o) => o.kind), ['keep', 'billInstalment', 'refundAndRebuy', 'customerService']);
    const bill = r.options[1];
    assert.equal(bill.costMinor, 52800, "the bill's 12 periods at a typical 8.8%");
    assert.equal(bill.extraCostMinor, 52800);
    assert.equal(bill.estimate.periods, 12);
    assert.equal(r.options[2].costMinor, 60000);
    assert.equal(r.options[3].costMinor, null);
    assert.equal(r.recommended, 'billInstalment');
    assert.ok(bill.steps.some((s) => s.includes('check your app')));
  });

  it('no second ask: nothing offered after a reminder', () => {
    assert.equal(ig.remedy(order({ checkout: { reminded: true } })).offer, false);
  });

  it('refuses another currency, a bad status and a bad locale', () => {
    throwsInstalment(() => ig.remedy(order({ currency: 'USD' })), 'INVALID_CURRENCY', 'currency');
    throwsInstalment(() => ig.remedy(order({ status: 'lost' })), 'INVALID_STATE', 'status');
    throwsInstalment(() => ig.remedy(order(), { locale: 'fr' }), 'INVALID_CONFIG', 'options.locale');
  });
});
