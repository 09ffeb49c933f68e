// The hostile-input table: bad arguments for every export and bad values for every attribute of
// <instalment-guard>, each row with the `code` and `field` it must fail with. One table, two
// runners: tests/node/bad-inputs.test.mjs runs the pure-function rows against the nodejs build,
// and tests/page/fixtures/bad-inputs.js runs every row, the CheckoutGuard, update() and element
// rows included, against the web build in Chromium.
//
// A row is { name, run, code, field } (the call must throw an InstalmentError with that code and
// field) or { name, run, accept } (an odd input the contract allows: the call must succeed and
// `accept(result)` hold). After every row the module must still answer known-good calls exactly.
//
// Plain ES module: no Node or DOM import. The DOM rows touch `document` only when they run.

/** Huabei 12 periods at 7.5%: 1111.11 CNY: 83.33 in fees, 99.53 a month (docs/rounding.md). */
export const HUABEI_12 = Object.freeze({
  id: 'huabei-12',
  periods: 12,
  fee: Object.freeze({ model: 'flatTotal', rate: '0.075' }),
});

/** The largest number of plans a configuration may hold (docs/contract.md). */
export const MAX_PLANS = 64;

const AMOUNT = 111111;
const plan = (over = {}) => ({ id: 'huabei-12', periods: 12, fee: { model: 'flatTotal', rate: '0.075' }, ...over });
const config = (over = {}) => ({ currency: 'CNY', preset: 'huabei', ...over });
const withPlans = (plans) => ({ currency: 'CNY', plans });

/** What is no checkout state at all: refused whole, at `state`, by assess() and update() alike. */
const notAState = () => [
    ['undefined', undefined, 'INVALID_STATE', 'state'],
    ['null', null, 'INVALID_STATE', 'state'],
    ['111111 (a bare amount)', AMOUNT, 'INVALID_STATE', 'state'],
    ['"111111"', '111111', 'INVALID_STATE', 'state'],
    ['[] (an array)', [], 'INVALID_STATE', 'state'],
    ['[{ amountMinor }]', [state()], 'INVALID_STATE', 'state'],
];
const state = (over = {}) => ({ amountMinor: AMOUNT, ...over });
const plansOf = (n) => Array.from({ length: n }, (_, i) => plan({ id: `plan-${i}` }));

// ---- values that cannot be read as plain data ----------------------------------------------------

function throwingGetter(base, key) {
  const o = { ...base };
  delete o[key];
  return Object.defineProperty(o, key, {
    enumerable: true,
    get() {
      throw new Error(`the getter of ${key} throws`);
    },
  });
}

const THROW = () => {
  throw new Error('a trap throws');
};

/** A proxy every trap of which throws. */
const allTrapsThrow = (target = {}) =>
  new Proxy(target, Object.fromEntries(
    ['get', 'set', 'has', 'ownKeys', 'getOwnPropertyDescriptor', 'getPrototypeOf', 'setPrototypeOf',
      'isExtensible', 'preventExtensions', 'defineProperty', 'deleteProperty', 'apply', 'construct']
      .map((t) => [t, THROW]),
  ));

function revoked(target = {}) {
  const { proxy, revoke } = Proxy.revocable(target, {});
  revoke();
  return proxy;
}

/** Arrays nested `depth` deep: [[[…]]]. Built in a loop: a recursive builder would overflow. */
function nested(depth) {
  let v = [];
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}

function cyclic(base) {
  const o = { ...base };
  o.self = o;
  return o;
}

/**
 * Values no JSON holds: each is refused as INVALID_ARGUMENT at its own path, wherever it sits.
 * Built afresh for every row (a proxy is only revoked once).
 */
const UNREADABLE = [
  ['a BigInt', () => 111111n],
  ['a symbol', () => Symbol('x')],
  ['a function', () => () => AMOUNT],
  ['a proxy whose traps all throw', () => allTrapsThrow()],
  ['a revoked proxy', () => revoked()],
];

// ---- the kinds of bad value ---------------------------------------------------------------------

/** Bad amounts of minor units, each refused as INVALID_AMOUNT. */
const BAD_AMOUNTS = [
  ['NaN', NaN],
  ['Infinity', Infinity],
  ['-Infinity', -Infinity],
  ['-1', -1],
  ['-0.5', -0.5],
  ['0.5', 0.5],
  ['1111.11 (major units)', 1111.11],
  ['2**53 (unsafe)', 2 ** 53],
  ['2**53 + 2 (unsafe)', 2 ** 53 + 2],
  ['1e300', 1e300],
  ['Number.MAX_VALUE', Number.MAX_VALUE],
  ['Number.MIN_VALUE (a fraction)', Number.MIN_VALUE],
  ['-(2**53 - 1)', -(2 ** 53 - 1)],
  ['"111111" (a string)', '111111'],
  ['"" (an empty string)', ''],
  ['"1e5"', '1e5'],
  ['true', true],
  ['false', false],
  ['[] (an array)', []],
  ['[111111]', [111111]],
  ['{} (an object)', {}],
  ['{ amountMinor: 111111 }', { amountMinor: AMOUNT }],
  ['new Number(111111)', new Number(AMOUNT)],
  ['a frozen array', Object.freeze([AMOUNT])],
];

/** Bad cash-flow amounts (negative ones are repayments, so they are fine here). */
const BAD_FLOW_AMOUNTS = [
  ['NaN', NaN],
  ['Infinity', Infinity],
  ['-Infinity', -Infinity],
  ['0.5', 0.5],
  ['-0.5', -0.5],
  ['2**53', 2 ** 53],
  ['-(2**53)', -(2 ** 53)],
  ['"-10100"', '-10100'],
  ['true', true],
  ['[-10100]', [-10100]],
  ['{}', {}],
];

/** Bad currencies, each INVALID_CURRENCY. */
const BAD_CURRENCIES = [
  ['"RMB" (not ISO 4217)', 'RMB'],
  ['"XYZ"', 'XYZ'],
  ['"XAU" (gold, not money)', 'XAU'],
  ['"XXX"', 'XXX'],
  ['"cny" (lower case)', 'cny'],
  ['"Cny"', 'Cny'],
  ['"CN"', 'CN'],
  ['"CNYY"', 'CNYY'],
  ['"" (empty)', ''],
  ['" CNY"', ' CNY'],
  ['"CNY "', 'CNY '],
  ['"C1Y"', 'C1Y'],
  ['"ＣＮＹ" (full width)', 'ＣＮＹ'],
  ['"CN\\ud800" (a lone surrogate)', 'CN\ud800'],
  ['"C\\u0000Y"', 'C\u0000Y'],
  ['156 (the numeric code)', 156],
  ['["CNY"]', ['CNY']],
  ['{ code: "CNY" }', { code: 'CNY' }],
  ['new String("CNY")', new String('CNY')],
  ['true', true],
  ['NaN', NaN],
];

/** Bad rates: each INVALID_RATE at the rate's path. */
const BAD_RATES = [
  ['"1e3"', '1e3'],
  ['"0.1.2"', '0.1.2'],
  ['"-0.01"', '-0.01'],
  ['" 0.05"', ' 0.05'],
  ['"0.05 "', '0.05 '],
  ['"7.5%"', '7.5%'],
  ['"" (empty)', ''],
  ['".5"', '.5'],
  ['"5."', '5.'],
  ['"+0.05"', '+0.05'],
  ['"0x10"', '0x10'],
  ['"1e-2"', '1e-2'],
  ['"0,075"', '0,075'],
  ['"NaN"', 'NaN'],
  ['"Infinity"', 'Infinity'],
  ['"٠.٠٧٥" (Arabic-Indic digits)', '٠.٠٧٥'],
  ['"0.1234567891" (10 places)', '0.1234567891'],
  ['"10.000000001" (above 10)', '10.000000001'],
  ['"11"', '11'],
  ['"99999999999999999999999"', '99999999999999999999999'],
  ['-0.01', -0.01],
  ['NaN', NaN],
  ['Infinity', Infinity],
  ['-Infinity', -Infinity],
  ['10.5', 10.5],
  ['0.1 + 0.2 (17 places)', 0.1 + 0.2],
  ['1e-10', 1e-10],
  ['1 / 3', 1 / 3],
  ['true', true],
  ['[] (an array)', []],
  ['["0.075"]', ['0.075']],
  ['{ value: "0.075" }', { value: '0.075' }],
];

/** Bad period counts, each INVALID_PLAN at `periods`. */
const BAD_PERIODS = [
  ['0', 0],
  ['61', 61],
  ['3.5', 3.5],
  ['-1', -1],
  ['-0', -0],
  ['NaN', NaN],
  ['Infinity', Infinity],
  ['1e21', 1e21],
  ['2**32 + 12 (wraps to 12 in u32)', 2 ** 32 + 12],
  ['"12" (a string)', '12'],
  ['[12]', [12]],
  ['true', true],
  ['{}', {}],
];

// ---- the rows -----------------------------------------------------------------------------------

const rows = [];
const refuse = (name, run, code, field) => rows.push({ name, run, code, field });
const accept = (name, run, ok) => rows.push({ name, run, accept: ok });

/** Rows for one place a value goes: every unreadable value there is INVALID_ARGUMENT at `path`. */
function unreadableAt(label, path, call) {
  for (const [what, make] of UNREADABLE) refuse(`${label}: ${what}`, (ig) => call(ig, make()), 'INVALID_ARGUMENT', path);
}

// The slots an amount goes in, for every pure function.
const AMOUNT_SLOTS = [
  ['estimate amountMinor', 'amountMinor', true, (ig, v) => ig.estimate(v, 'CNY', HUABEI_12)],
  ['compare amountMinor', 'amountMinor', true, (ig, v) => ig.compare(v, 'CNY', [HUABEI_12])],
  ['assess state.amountMinor', 'amountMinor', true, (ig, v) => ig.assess(config(), state({ amountMinor: v }))],
  ['estimate plan.minAmountMinor', 'plan.minAmountMinor', false, (ig, v) => ig.estimate(AMOUNT, 'CNY', plan({ minAmountMinor: v }))],
  ['compare plans[1].maxAmountMinor', 'plans[1].maxAmountMinor', false,
    (ig, v) => ig.compare(AMOUNT, 'CNY', [HUABEI_12, plan({ id: 'b', maxAmountMinor: v })])],
  ['assess config.plans[0].minAmountMinor', 'plans[0].minAmountMinor', false,
    (ig, v) => ig.assess(withPlans([plan({ minAmountMinor: v })]), state())],
  ['assess config.remind.minAmountMinor', 'remind.minAmountMinor', false,
    (ig, v) => ig.assess(config({ remind: { minAmountMinor: v } }), state())],
];

/** The pure-function rows, for Node and the page alike. */
export function pureTable() {
  rows.length = 0;

  // Amounts, everywhere one is asked for.
  for (const [label, path, required, call] of AMOUNT_SLOTS) {
    for (const [what, v] of BAD_AMOUNTS) refuse(`${label}: ${what}`, (ig) => call(ig, v), 'INVALID_AMOUNT', path);
    unreadableAt(label, path, call);
    if (required) {
      refuse(`${label}: undefined`, (ig) => call(ig, undefined), 'INVALID_AMOUNT', path);
      refuse(`${label}: null`, (ig) => call(ig, null), 'INVALID_AMOUNT', path);
    }
  }
  refuse('estimate: minAmountMinor above maxAmountMinor', (ig) => ig.estimate(AMOUNT, 'CNY', plan({ minAmountMinor: 5, maxAmountMinor: 4 })),
    'INVALID_PLAN', 'plan.maxAmountMinor');
  refuse('estimate: total repayment past 2**53 - 1', (ig) => ig.estimate(2 ** 53 - 1, 'CNY', HUABEI_12), 'AMOUNT_OUT_OF_RANGE', 'amountMinor');
  refuse('estimate: 10% a period over 60 periods on 2**51', (ig) => ig.estimate(2 ** 51, 'CNY', plan({ periods: 60, fee: { model: 'perPeriod', rate: '0.1' } })),
    'AMOUNT_OUT_OF_RANGE', 'amountMinor');
  accept('estimate: a merchant fee of 100% on 2**53 - 1 is exact', (ig) => ig.estimate(2 ** 53 - 1, 'CNY', plan({ fee: { model: 'flatTotal', rate: '1', payer: 'merchant' } })),
    (e) => e.merchantFeeMinor === 2 ** 53 - 1 && e.totalRepaymentMinor === 2 ** 53 - 1);
  accept('estimate: -0 reads as 0', (ig) => ig.estimate(-0, 'CNY', plan({ fee: { model: 'interestFree' } })),
    (e) => Object.is(e.amountMinor, 0) && e.totalRepaymentMinor === 0);
  accept('estimate: 2**53 - 1 interest-free is exact', (ig) => ig.estimate(2 ** 53 - 1, 'CNY', plan({ periods: 60, fee: { model: 'interestFree' } })),
    (e) => e.schedule.reduce((s, l) => s + l.paymentMinor, 0) === 2 ** 53 - 1);

  // Currencies.
  const CURRENCY_SLOTS = [
    ['estimate currency', (ig, v) => ig.estimate(AMOUNT, v, HUABEI_12)],
    ['compare currency', (ig, v) => ig.compare(AMOUNT, v, [HUABEI_12])],
    ['assess config.currency', (ig, v) => ig.assess(config({ currency: v }), state())],
  ];
  for (const [label, call] of CURRENCY_SLOTS) {
    for (const [what, v] of BAD_CURRENCIES) refuse(`${label}: ${what}`, (ig) => call(ig, v), 'INVALID_CURRENCY', 'currency');
    for (const v of [undefined, null]) refuse(`${label}: ${v}`, (ig) => call(ig, v), 'INVALID_CURRENCY', 'currency');
    unreadableAt(label, 'currency', call);
  }
  refuse('assess config: no currency at all', (ig) => ig.assess({ preset: 'huabei' }, state()), 'INVALID_CURRENCY', 'currency');

  // Rates, in each fee model that has one, through estimate, compare and assess.
  // Each slot's model has a bound (API.md): the bound itself is a rate, a billionth more is a
  // percent written where a fraction belongs, and so is the percent a merchant most likely meant.
  const RATE_SLOTS = [
    ['estimate flatTotal rate', 'plan.fee.rate', ['1', '1.000000001', '5', 5],
      (ig, v) => ig.estimate(AMOUNT, 'CNY', plan({ fee: { model: 'flatTotal', rate: v } }))],
    ['compare perPeriod rate', 'plans[1].fee.rate', ['0.1', '0.100000001', '0.75', 0.75],
      (ig, v) => ig.compare(AMOUNT, 'CNY', [HUABEI_12, plan({ id: 'card', fee: { model: 'perPeriod', rate: v } })])],
    ['assess annuity annualRate', 'plans[0].fee.annualRate', ['1', '1.000000001', '12', 12],
      (ig, v) => ig.assess(withPlans([plan({ fee: { model: 'annuity', annualRate: v } })]), state())],
  ];
  for (const [label, path, [bound, ...above], call] of RATE_SLOTS) {
    for (const [what, v] of BAD_RATES) refuse(`${label}: ${what}`, (ig) => call(ig, v), 'INVALID_RATE', path);
    refuse(`${label}: null (a required rate)`, (ig) => call(ig, null), 'INVALID_RATE', path);
    unreadableAt(label, path, call);
    accept(`${label}: ${bound}, its model's bound`, (ig) => call(ig, bound), () => true);
    accept(`${label}: ${bound} as a number`, (ig) => call(ig, Number(bound)), () => true);
    for (const v of above) refuse(`${label}: ${JSON.stringify(v)}, above its model's bound`, (ig) => call(ig, v), 'INVALID_RATE', path);
  }
  accept('estimate: rate "0.0750000000" (trailing zeros)', (ig) => ig.estimate(AMOUNT, 'CNY', plan({ fee: { model: 'flatTotal', rate: '0.0750000000' } })),
    (e) => e.totalFeeMinor === 8333);
  accept('estimate: rate 0.075 as a number', (ig) => ig.estimate(AMOUNT, 'CNY', plan({ fee: { model: 'flatTotal', rate: 0.075 } })),
    (e) => e.totalFeeMinor === 8333);

  // Periods.
  for (const [what, v] of BAD_PERIODS) {
    refuse(`estimate periods: ${what}`, (ig) => ig.estimate(AMOUNT, 'CNY', plan({ periods: v })), 'INVALID_PLAN', 'plan.periods');
    refuse(`compare plans[1].periods: ${what}`, (ig) => ig.compare(AMOUNT, 'CNY', [HUABEI_12, plan({ id: 'b', periods: v })]), 'INVALID_PLAN', 'plans[1].periods');
  }
  for (const v of [undefined, null]) {
    refuse(`estimate periods: ${v} (required)`, (ig) => ig.estimate(AMOUNT, 'CNY', plan({ periods: v })), 'INVALID_PLAN', 'plan.periods');
  }
  unreadableAt('estimate periods', 'plan.periods', (ig, v) => ig.estimate(AMOUNT, 'CNY', plan({ periods: v })));

  // The plan object and its other fields.
  // [what, value, the field below the plan at fault ('' for the plan itself)]
  const PLAN_SHAPES = [
    ['undefined', undefined, ''], ['null', null, ''], ['"huabei-12"', 'huabei-12', ''], ['12', 12, ''], ['true', true, ''],
    ['[] (an array)', [], ''], ['[HUABEI_12] (an array holding the plan)', [HUABEI_12], ''],
    ['a nested array 10,000 deep', nested(10_000), ''],
    ['new Date() (an object without own fields)', new Date(0), '.id'], ['{}', {}, '.id'],
    ['a class instance with its fields as getters', new (class { get id() { return 'a'; } })(), '.id'],
  ];
  for (const [what, v, below] of PLAN_SHAPES) {
    refuse(`estimate plan: ${what}`, (ig) => ig.estimate(AMOUNT, 'CNY', v), 'INVALID_PLAN', `plan${below}`);
    refuse(`compare plans[1]: ${what}`, (ig) => ig.compare(AMOUNT, 'CNY', [HUABEI_12, v]), 'INVALID_PLAN', `plans[1]${below}`);
  }
  unreadableAt('estimate plan', 'plan', (ig, v) => ig.estimate(AMOUNT, 'CNY', v));
  const BAD_IDS = [
    ['missing', undefined], ['null', null], ['"" (empty)', ''], ['"   " (blank)', '   '], ['"none"', 'none'],
    ['7', 7], ['["a"]', ['a']], ['{}', {}], ['101 characters', 'x'.repeat(101)], ['34 CJK characters (102 bytes)', '分'.repeat(34)],
  ];
  for (const [what, v] of BAD_IDS) {
    refuse(`estimate id: ${what}`, (ig) => ig.estimate(AMOUNT, 'CNY', plan({ id: v })), 'INVALID_PLAN', 'plan.id');
    refuse(`assess config.plans[1].id: ${what}`, (ig) => ig.assess(withPlans([HUABEI_12, plan({ id: v })]), state()), 'INVALID_PLAN', 'plans[1].id');
  }
  unreadableAt('compare plans[0].id', 'plans[0].id', (ig, v) => ig.compare(AMOUNT, 'CNY', [plan({ id: v })]));
  for (const [what, v] of [['5', 5], ['601 bytes', 'x'.repeat(601)], ['["a"]', ['a']], ['{}', {}], ['true', true]]) {
    refuse(`estimate label: ${what}`, (ig) => ig.estimate(AMOUNT, 'CNY', plan({ label: v })), 'INVALID_PLAN', 'plan.label');
  }
  for (const [what, v] of [['5', 5], ['[]', []], ['{}', {}], ['false', false]]) {
    refuse(`estimate provider: ${what}`, (ig) => ig.estimate(AMOUNT, 'CNY', plan({ provider: v })), 'INVALID_PLAN', 'plan.provider');
  }
  for (const key of ['colour', 'Id', 'period', 'fees', 'minAmount', '', ' id', 'constructor']) {
    refuse(`estimate plan: unknown field "${key}"`, (ig) => ig.estimate(AMOUNT, 'CNY', { ...plan(), [key]: 1 }), 'INVALID_PLAN', key === '' ? 'plan[""]' : `plan.${key}`);
  }
  refuse('estimate plan: own "__proto__" key (from JSON.parse)', (ig) => ig.estimate(AMOUNT, 'CNY', JSON.parse('{"id":"a","periods":3,"fee":{"model":"interestFree"},"__proto__":{}}')),
    'INVALID_PLAN', 'plan.__proto__');
  refuse('estimate plan: a cyclic plan', (ig) => ig.estimate(AMOUNT, 'CNY', cyclic(plan())), 'INVALID_PLAN', 'plan.self');
  refuse('estimate plan: unknown field holding arrays 10,000 deep', (ig) => ig.estimate(AMOUNT, 'CNY', plan({ extra: nested(10_000) })),
    'INVALID_PLAN', 'plan.extra');
  refuse('estimate plan: a getter on fee that throws', (ig) => ig.estimate(AMOUNT, 'CNY', throwingGetter(plan(), 'fee')), 'INVALID_ARGUMENT', 'plan.fee');
  refuse('estimate plan: a getter on periods that throws', (ig) => ig.estimate(AMOUNT, 'CNY', throwingGetter(plan(), 'periods')), 'INVALID_ARGUMENT', 'plan.periods');
  refuse('compare plans[1]: a getter on fee.rate that throws', (ig) => ig.compare(AMOUNT, 'CNY', [HUABEI_12, plan({ id: 'b', fee: throwingGetter({ model: 'flatTotal' }, 'rate') })]),
    'INVALID_ARGUMENT', 'plans[1].fee.rate');
  refuse('estimate plan: a proxy whose get trap throws', (ig) => ig.estimate(AMOUNT, 'CNY', new Proxy(plan(), { get: THROW })), 'INVALID_ARGUMENT', 'plan.id');
  refuse('estimate plan: a proxy whose ownKeys trap throws', (ig) => ig.estimate(AMOUNT, 'CNY', new Proxy(plan(), { ownKeys: THROW })), 'INVALID_ARGUMENT', 'plan');
  refuse('estimate plan: a proxy whose getOwnPropertyDescriptor trap throws',
    (ig) => ig.estimate(AMOUNT, 'CNY', new Proxy(plan(), { getOwnPropertyDescriptor: THROW })), 'INVALID_ARGUMENT', 'plan');
  refuse('estimate plan: a revoked proxy of a good plan', (ig) => ig.estimate(AMOUNT, 'CNY', revoked(plan())), 'INVALID_ARGUMENT', 'plan');
  refuse('estimate plan: a proxy of a plan with periods 0', (ig) => ig.estimate(AMOUNT, 'CNY', new Proxy(plan({ periods: 0 }), {})), 'INVALID_PLAN', 'plan.periods');
  refuse('estimate plan: a frozen plan with periods 61', (ig) => ig.estimate(AMOUNT, 'CNY', Object.freeze(plan({ periods: 61 }))), 'INVALID_PLAN', 'plan.periods');
  refuse('estimate plan: a deep-frozen plan with rate "7.5%"',
    (ig) => ig.estimate(AMOUNT, 'CNY', Object.freeze(plan({ fee: Object.freeze({ model: 'flatTotal', rate: '7.5%' }) }))), 'INVALID_RATE', 'plan.fee.rate');
  refuse('estimate plan: a symbol-valued label', (ig) => ig.estimate(AMOUNT, 'CNY', plan({ label: Symbol('label') })), 'INVALID_ARGUMENT', 'plan.label');
  accept('estimate plan: a transparent proxy of a good plan', (ig) => ig.estimate(AMOUNT, 'CNY', new Proxy(plan(), {})), (e) => e.totalFeeMinor === 8333);
  accept('estimate plan: a frozen plan', (ig) => ig.estimate(AMOUNT, 'CNY', HUABEI_12), (e) => e.totalFeeMinor === 8333);
  accept('estimate plan: a symbol-keyed extra property is not data', (ig) => ig.estimate(AMOUNT, 'CNY', { ...plan(), [Symbol('x')]: 1 }), (e) => e.totalFeeMinor === 8333);
  accept('estimate plan: inherited fields are not its own', (ig) => ig.estimate(AMOUNT, 'CNY', Object.assign(Object.create({ colour: 'red' }), plan())),
    (e) => e.totalFeeMinor === 8333);

  // Fees and their models.
  const BAD_FEES = [
    ['missing', undefined, 'INVALID_PLAN', 'plan.fee'],
    ['null', null, 'INVALID_PLAN', 'plan.fee'],
    ['"flatTotal" (a string)', 'flatTotal', 'INVALID_PLAN', 'plan.fee'],
    ['[] (an array)', [], 'INVALID_PLAN', 'plan.fee'],
    ['[{ model: "interestFree" }]', [{ model: 'interestFree' }], 'INVALID_PLAN', 'plan.fee'],
    ['7', 7, 'INVALID_PLAN', 'plan.fee'],
    ['{} (no model)', {}, 'INVALID_PLAN', 'plan.fee.model'],
    ['{ rate: "0.075" } (no model)', { rate: '0.075' }, 'INVALID_PLAN', 'plan.fee.model'],
    ['model "flat"', { model: 'flat', rate: '0.075' }, 'INVALID_PLAN', 'plan.fee.model'],
    ['model "FLATTOTAL"', { model: 'FLATTOTAL', rate: '0.075' }, 'INVALID_PLAN', 'plan.fee.model'],
    ['model "balloon"', { model: 'balloon' }, 'INVALID_PLAN', 'plan.fee.model'],
    ['model ""', { model: '' }, 'INVALID_PLAN', 'plan.fee.model'],
    ['model 5', { model: 5 }, 'INVALID_PLAN', 'plan.fee.model'],
    ['model null', { model: null }, 'INVALID_PLAN', 'plan.fee.model'],
    ['model ["flatTotal"]', { model: ['flatTotal'], rate: '0.075' }, 'INVALID_PLAN', 'plan.fee.model'],
    ['flatTotal without rate', { model: 'flatTotal' }, 'INVALID_RATE', 'plan.fee.rate'],
    ['perPeriod without rate', { model: 'perPeriod' }, 'INVALID_RATE', 'plan.fee.rate'],
    ['annuity without annualRate', { model: 'annuity' }, 'INVALID_RATE', 'plan.fee.annualRate'],
    ['payer "bank"', { model: 'flatTotal', rate: '0.075', payer: 'bank' }, 'INVALID_PLAN', 'plan.fee.payer'],
    ['payer "Merchant"', { model: 'flatTotal', rate: '0.075', payer: 'Merchant' }, 'INVALID_PLAN', 'plan.fee.payer'],
    ['payer true', { model: 'flatTotal', rate: '0.075', payer: true }, 'INVALID_PLAN', 'plan.fee.payer'],
    ['payer on perPeriod', { model: 'perPeriod', rate: '0.006', payer: 'merchant' }, 'INVALID_PLAN', 'plan.fee.payer'],
    ['annualRate on perPeriod', { model: 'perPeriod', annualRate: '0.1' }, 'INVALID_PLAN', 'plan.fee.annualRate'],
    ['rate on annuity', { model: 'annuity', rate: '0.1' }, 'INVALID_PLAN', 'plan.fee.rate'],
    ['rate on interestFree', { model: 'interestFree', rate: '0' }, 'INVALID_PLAN', 'plan.fee.rate'],
    ['an unknown field', { model: 'interestFree', note: 'x' }, 'INVALID_PLAN', 'plan.fee.note'],
  ];
  for (const [what, v, code, field] of BAD_FEES) {
    refuse(`estimate fee: ${what}`, (ig) => ig.estimate(AMOUNT, 'CNY', plan({ fee: v })), code, field);
    refuse(`compare plans[1].fee: ${what}`, (ig) => ig.compare(AMOUNT, 'CNY', [HUABEI_12, plan({ id: 'b', fee: v })]), code, field.replace('plan.', 'plans[1].'));
  }
  unreadableAt('estimate fee.model', 'plan.fee.model', (ig, v) => ig.estimate(AMOUNT, 'CNY', plan({ fee: { model: v } })));

  // Plan lists.
  const BAD_LISTS = [
    ['undefined', undefined, 'INVALID_PLAN', 'plans'],
    ['null', null, 'INVALID_PLAN', 'plans'],
    ['a plan, not a list', HUABEI_12, 'INVALID_PLAN', 'plans'],
    ['{} (an object)', {}, 'INVALID_PLAN', 'plans'],
    ['{ 0: plan, length: 1 } (array-like)', { 0: HUABEI_12, length: 1 }, 'INVALID_PLAN', 'plans'],
    ['"huabei" (a string)', 'huabei', 'INVALID_PLAN', 'plans'],
    ['a Float64Array', new Float64Array(2), 'INVALID_PLAN', 'plans'],
    ['a Map', new Map([[0, HUABEI_12]]), 'INVALID_PLAN', 'plans'],
    ['[null]', [null], 'INVALID_PLAN', 'plans[0]'],
    ['[[]]', [[]], 'INVALID_PLAN', 'plans[0]'],
    ['a hole before a plan', [, HUABEI_12], 'INVALID_PLAN', 'plans[0]'],
    ['arrays nested 10,000 deep', nested(10_000), 'INVALID_PLAN', 'plans[0]'],
    ['duplicate ids', [HUABEI_12, HUABEI_12], 'INVALID_PLAN', 'plans[1].id'],
    ['duplicate ids, apart', [HUABEI_12, plan({ id: 'b' }), plan({ periods: 3 })], 'INVALID_PLAN', 'plans[2].id'],
    ['65 plans', plansOf(MAX_PLANS + 1), 'INVALID_CONFIG', 'plans'],
    ['10,000 plans', plansOf(10_000), 'INVALID_CONFIG', 'plans'],
    ['10,000 junk items', Array.from({ length: 10_000 }, () => 7), 'INVALID_CONFIG', 'plans'],
  ];
  for (const [what, v, code, field] of BAD_LISTS) {
    refuse(`compare plans: ${what}`, (ig) => ig.compare(AMOUNT, 'CNY', v), code, field);
    // In a config, absent plans mean the built-in Huabei plans in CNY, and a missing choice
    // between plans and preset in any other currency.
    if (v == null) {
      accept(`assess config.plans: ${what}, in CNY (the Huabei preset)`, (ig) => ig.assess(withPlans(v), state()), (r) => r.recommendedPlanId === 'huabei-12');
      refuse(`assess config.plans: ${what}, in USD`, (ig) => ig.assess({ currency: 'USD', plans: v }, state()), 'INVALID_CONFIG', field);
    } else {
      refuse(`assess config.plans: ${what}`, (ig) => ig.assess(withPlans(v), state()), code, field);
    }
  }
  unreadableAt('compare plans', 'plans', (ig, v) => ig.compare(AMOUNT, 'CNY', v));

  // disclose(): an Estimate handed back is checked against its own schedule and rates.
  const est = (ig, over = {}) => ({ ...ig.estimate(AMOUNT, 'CNY', HUABEI_12), ...over });
  for (const [what, over, field] of [
    ['aprNominal not the schedule\'s own', { aprNominal: 0.1 }, 'estimate.aprNominal'],
    ['aprEffective NaN', { aprEffective: NaN }, 'estimate.aprEffective'],
    ['monthlyRate a string', { monthlyRate: '0.01' }, 'estimate.monthlyRate'],
    ['totalRepaymentMinor off by one', { totalRepaymentMinor: 119445 }, 'estimate.totalRepaymentMinor'],
    ['totalFeeMinor off by one', { totalFeeMinor: 8334 }, 'estimate.totalFeeMinor'],
    ['periods 11 for 12 lines', { periods: 11 }, 'estimate.schedule'],
    ['schedule not a list', { schedule: {} }, 'estimate.schedule'],
    ['an unknown field', { note: 'x' }, 'estimate.note'],
    ['planId 5', { planId: 5 }, 'estimate.planId'],
    ['interestFree "no"', { interestFree: 'no' }, 'estimate.interestFree'],
  ]) {
    refuse(`disclose estimate: ${what}`, (ig) => ig.disclose(est(ig, over), 'cn'), 'INVALID_ARGUMENT', field);
  }
  refuse('disclose estimate: a line whose payment is not principal + fee', (ig) => {
    const e = est(ig);
    e.schedule[3] = { ...e.schedule[3], feeMinor: e.schedule[3].feeMinor + 1 };
    return ig.disclose(e, 'cn');
  }, 'INVALID_ARGUMENT', 'estimate.schedule[3].paymentMinor');
  refuse('disclose estimate: currency "XYZ"', (ig) => ig.disclose(est(ig, { currency: 'XYZ' }), 'cn'), 'INVALID_CURRENCY', 'estimate.currency');
  refuse('disclose: jurisdiction "gb"', (ig) => ig.disclose(est(ig), 'gb'), 'INVALID_CONFIG', 'jurisdiction');
  refuse('disclose: jurisdiction 1', (ig) => ig.disclose(est(ig), 1), 'INVALID_CONFIG', 'jurisdiction');
  refuse('disclose: options.locale "fr"', (ig) => ig.disclose(est(ig), 'eu', { locale: 'fr' }), 'INVALID_CONFIG', 'options.locale');
  // disclose() and remedy() take a locale exactly, unlike a config or an element (API.md).
  refuse('disclose: options.locale "en-US" (exact tags only)', (ig) => ig.disclose(est(ig), 'us', { locale: 'en-US' }), 'INVALID_CONFIG', 'options.locale');
  refuse('disclose: options.locale "zh-cn" (exact tags only)', (ig) => ig.disclose(est(ig), 'cn', { locale: 'zh-cn' }), 'INVALID_CONFIG', 'options.locale');
  const order = { amountMinor: AMOUNT, currency: 'CNY', paidWith: 'huabei', plans: [HUABEI_12] };
  refuse('remedy: options.locale "en-US" (exact tags only)', (ig) => ig.remedy(order, { locale: 'en-US' }), 'INVALID_CONFIG', 'options.locale');
  accept('disclose: no options', (ig) => ig.disclose(est(ig), 'cn'), (d) => d.locale === 'zh-CN');
  accept('remedy: no options', (ig) => ig.remedy(order), (r) => r.missed?.planId === 'huabei-12');
  refuse('disclose: options.cashPriceMinor 1.5', (ig) => ig.disclose(est(ig), 'eu', { cashPriceMinor: 1.5 }), 'INVALID_AMOUNT', 'options.cashPriceMinor');
  refuse('disclose: options []', (ig) => ig.disclose(est(ig), 'eu', []), 'INVALID_CONFIG', 'options');
  refuse('compare plans: a proxy of a list whose get trap throws', (ig) => ig.compare(AMOUNT, 'CNY', new Proxy([HUABEI_12], { get: THROW })), 'INVALID_ARGUMENT', 'plans');
  refuse('assess config.plans: [] (none)', (ig) => ig.assess(withPlans([]), state()), 'INVALID_CONFIG', 'plans');
  accept('compare plans: exactly 64 plans', (ig) => ig.compare(AMOUNT, 'CNY', plansOf(MAX_PLANS)), (c) => c.estimates.length === MAX_PLANS);
  accept('assess config.plans: exactly 64 plans', (ig) => ig.assess(withPlans(plansOf(MAX_PLANS)), state()), (v) => v.estimates.length === MAX_PLANS);

  // Cash flows.
  const flows = (over) => [{ months: 0, amountMinor: 10000 }, { months: 1, amountMinor: -10100, ...over }];
  const BAD_FLOW_LISTS = [
    ['undefined', undefined, 'INVALID_CASH_FLOW', 'flows'],
    ['null', null, 'INVALID_CASH_FLOW', 'flows'],
    ['{} (an object)', {}, 'INVALID_CASH_FLOW', 'flows'],
    ['one flow, not a list', { months: 0, amountMinor: 1 }, 'INVALID_CASH_FLOW', 'flows'],
    ['"[]" (a string)', '[]', 'INVALID_CASH_FLOW', 'flows'],
    ['[null]', [null], 'INVALID_CASH_FLOW', 'flows[0]'],
    ['[[0, 10000]] (pairs)', [[0, 10000], [1, -10100]], 'INVALID_CASH_FLOW', 'flows[0]'],
    ['arrays nested 10,000 deep', nested(10_000), 'INVALID_CASH_FLOW', 'flows[0]'],
    ['[] (no flows)', [], 'NO_SOLUTION', 'flows'],
    ['only advances', [{ months: 0, amountMinor: 100 }, { months: 1, amountMinor: 50 }], 'NO_SOLUTION', 'flows'],
    ['only repayments', [{ months: 1, amountMinor: -100 }], 'NO_SOLUTION', 'flows'],
    ['all zero', [{ months: 0, amountMinor: 0 }, { months: 1, amountMinor: 0 }], 'NO_SOLUTION', 'flows'],
    ['paid back more at the same instant', [{ months: 0, amountMinor: 100 }, { months: 0, amountMinor: -200 }], 'NO_SOLUTION', 'flows'],
    ['an unknown field', flows({ date: '2026-01-01' }), 'INVALID_CASH_FLOW', 'flows[1].date'],
    ['"month" for "months"', [{ months: 0, amountMinor: 10000 }, { month: 1, amountMinor: -10100 }], 'INVALID_CASH_FLOW', 'flows[1].month'],
  ];
  for (const [what, v, code, field] of BAD_FLOW_LISTS) refuse(`annualRate flows: ${what}`, (ig) => ig.annualRate(v), code, field);
  unreadableAt('annualRate flows', 'flows', (ig, v) => ig.annualRate(v));
  const BAD_MONTHS = [
    ['-1', -1], ['1201', 1201], ['NaN', NaN], ['Infinity', Infinity], ['-Infinity', -Infinity], ['"1"', '1'], ['[1]', [1]], ['true', true], ['null', null],
  ];
  for (const [what, v] of BAD_MONTHS) refuse(`annualRate flows[1].months: ${what}`, (ig) => ig.annualRate(flows({ months: v })), 'INVALID_CASH_FLOW', 'flows[1].months');
  unreadableAt('annualRate flows[1].months', 'flows[1].months', (ig, v) => ig.annualRate(flows({ months: v })));
  for (const [what, v] of [...BAD_FLOW_AMOUNTS, ['null', null]]) {
    refuse(`annualRate flows[1].amountMinor: ${what}`, (ig) => ig.annualRate(flows({ amountMinor: v })), 'INVALID_AMOUNT', 'flows[1].amountMinor');
  }
  unreadableAt('annualRate flows[1].amountMinor', 'flows[1].amountMinor', (ig, v) => ig.annualRate(flows({ amountMinor: v })));
  accept('annualRate: flows out of time order', (ig) => ig.annualRate([{ months: 1, amountMinor: -10100 }, { months: 0, amountMinor: 10000 }]),
    (r) => Math.abs(r.monthlyRate - 0.01) < 1e-12);
  accept('annualRate: fractional months', (ig) => ig.annualRate([{ months: 0, amountMinor: 10000 }, { months: 0.5, amountMinor: -10050 }]),
    (r) => r.monthlyRate > 0.0099 && r.monthlyRate < 0.0101);

  // Configurations, through assess (the guard's constructor runs the same list in the page).
  for (const [what, c, code, field] of configRows()) {
    refuse(`assess config: ${what}`, (ig) => ig.assess(c(), state()), code, field);
  }
  for (const tag of LOCALE_TAGS) {
    accept(`assess config: locale "${tag}" (a tag of zh or en)`, (ig) => ig.assess(config({ locale: tag }), state()), (v) => v.remind === true);
  }

  // Checkout states.
  const BAD_STATES = [
    ...notAState(),
    ['{} (no amount)', {}, 'INVALID_AMOUNT', 'amountMinor'],
    ['"amount" for "amountMinor"', { amount: AMOUNT }, 'INVALID_STATE', 'amount'],
    ['an unknown field', state({ coupon: 'X' }), 'INVALID_STATE', 'coupon'],
    ['selectedPlanId 12', state({ selectedPlanId: 12 }), 'INVALID_STATE', 'selectedPlanId'],
    ['selectedPlanId ["huabei-12"]', state({ selectedPlanId: ['huabei-12'] }), 'INVALID_STATE', 'selectedPlanId'],
    ['selectedPlanId {}', state({ selectedPlanId: {} }), 'INVALID_STATE', 'selectedPlanId'],
    ['selectedPlanId false', state({ selectedPlanId: false }), 'INVALID_STATE', 'selectedPlanId'],
    ['remindersShown -1', state({ remindersShown: -1 }), 'INVALID_STATE', 'remindersShown'],
    ['remindersShown 0.5', state({ remindersShown: 0.5 }), 'INVALID_STATE', 'remindersShown'],
    ['remindersShown "1"', state({ remindersShown: '1' }), 'INVALID_STATE', 'remindersShown'],
    ['remindersShown 2**32', state({ remindersShown: 2 ** 32 }), 'INVALID_STATE', 'remindersShown'],
    ['remindersShown NaN', state({ remindersShown: NaN }), 'INVALID_STATE', 'remindersShown'],
    ['dontRemind "yes"', state({ dontRemind: 'yes' }), 'INVALID_STATE', 'dontRemind'],
    ['dontRemind 1', state({ dontRemind: 1 }), 'INVALID_STATE', 'dontRemind'],
    ['signals.durable "yes"', state({ signals: { durable: 'yes' } }), 'INVALID_STATE', 'signals.durable'],
    ['signals.category (unknown)', state({ signals: { category: 'tv' } }), 'INVALID_STATE', 'signals.category'],
    ['signals true', state({ signals: true }), 'INVALID_STATE', 'signals'],
    ['commitments.count -1', state({ commitments: { count: -1, monthlyMinor: 0 } }), 'INVALID_STATE', 'commitments.count'],
    ['commitments.count 1.5', state({ commitments: { count: 1.5, monthlyMinor: 0 } }), 'INVALID_STATE', 'commitments.count'],
    ['commitments without monthlyMinor', state({ commitments: { count: 1 } }), 'INVALID_STATE', 'commitments.monthlyMinor'],
    ['commitments.monthlyMinor -5', state({ commitments: { count: 1, monthlyMinor: -5 } }), 'INVALID_AMOUNT', 'commitments.monthlyMinor'],
    ['monthlyIncomeMinor 0', state({ monthlyIncomeMinor: 0 }), 'INVALID_AMOUNT', 'monthlyIncomeMinor'],
    ['monthlyIncomeMinor 1000.5', state({ monthlyIncomeMinor: 1000.5 }), 'INVALID_AMOUNT', 'monthlyIncomeMinor'],
    ['availableCreditMinor 300000', state({ availableCreditMinor: 300000 }), 'INVALID_STATE', 'availableCreditMinor'],
    ['availableCreditMinor.huabei -1', state({ availableCreditMinor: { huabei: -1 } }), 'INVALID_AMOUNT', 'availableCreditMinor.huabei'],
    ['availableCreditMinor.huabei "3000"', state({ availableCreditMinor: { huabei: '3000' } }), 'INVALID_AMOUNT', 'availableCreditMinor.huabei'],
    ['a getter on amountMinor that throws', throwingGetter(state(), 'amountMinor'), 'INVALID_ARGUMENT', 'amountMinor'],
  ];
  for (const [what, s, code, field] of BAD_STATES) refuse(`assess state: ${what}`, (ig) => ig.assess(config(), s), code, field);
  unreadableAt('assess state', 'state', (ig, v) => ig.assess(config(), v));
  unreadableAt('assess state.selectedPlanId', 'selectedPlanId', (ig, v) => ig.assess(config(), state({ selectedPlanId: v })));
  accept('assess state: selectedPlanId of a plan not on offer', (ig) => ig.assess(config(), state({ selectedPlanId: 'nope' })),
    (v) => v.remind === false && v.reasons.join() === 'PLAN_SELECTED');
  accept('assess state: selectedPlanId null means none', (ig) => ig.assess(config(), state({ selectedPlanId: null })), (v) => v.remind === true);

  // Missing arguments altogether.
  refuse('estimate()', (ig) => ig.estimate(), 'INVALID_AMOUNT', 'amountMinor');
  refuse('estimate(111111)', (ig) => ig.estimate(AMOUNT), 'INVALID_CURRENCY', 'currency');
  refuse('estimate(111111, "CNY")', (ig) => ig.estimate(AMOUNT, 'CNY'), 'INVALID_PLAN', 'plan');
  refuse('compare(111111, "CNY")', (ig) => ig.compare(AMOUNT, 'CNY'), 'INVALID_PLAN', 'plans');
  refuse('annualRate()', (ig) => ig.annualRate(), 'INVALID_CASH_FLOW', 'flows');
  refuse('assess()', (ig) => ig.assess(), 'INVALID_CONFIG', 'config');
  refuse('assess(config)', (ig) => ig.assess(config()), 'INVALID_STATE', 'state');

  return rows.splice(0);
}

/** Tags a config's or element's `locale` takes besides the exact three, in any case (API.md). */
const LOCALE_TAGS = ['zh', 'zh-cn', 'zh_CN', 'en-US', 'EN', 'zh-Hant-TW', 'zh-hk'];

/** Bad configurations: [what, () => config, code, field]. Fields are named from the config's top. */
function configRows() {
  return [
    ['undefined', () => undefined, 'INVALID_CONFIG', 'config'],
    ['null', () => null, 'INVALID_CONFIG', 'config'],
    ['"huabei" (a string)', () => 'huabei', 'INVALID_CONFIG', 'config'],
    ['[] (an array)', () => [], 'INVALID_CONFIG', 'config'],
    ['[config] (an array holding one)', () => [config()], 'INVALID_CONFIG', 'config'],
    ['5', () => 5, 'INVALID_CONFIG', 'config'],
    ['a proxy whose traps all throw', () => allTrapsThrow(config()), 'INVALID_ARGUMENT', 'config'],
    ['a revoked proxy', () => revoked(config()), 'INVALID_ARGUMENT', 'config'],
    ['a getter on currency that throws', () => throwingGetter(config(), 'currency'), 'INVALID_ARGUMENT', 'currency'],
    ['a BigInt shopId', () => config({ shopId: 7n }), 'INVALID_ARGUMENT', 'shopId'],
    ['neither plans nor preset, in USD', () => ({ currency: 'USD' }), 'INVALID_CONFIG', 'plans'],
    ['plans null, no preset, in USD', () => ({ currency: 'USD', plans: null }), 'INVALID_CONFIG', 'plans'],
    ['preset and plans both', () => config({ plans: [HUABEI_12] }), 'INVALID_CONFIG', 'preset'],
    ['preset "paypal"', () => config({ preset: 'paypal' }), 'INVALID_CONFIG', 'preset'],
    ['preset "HUABEI"', () => config({ preset: 'HUABEI' }), 'INVALID_CONFIG', 'preset'],
    ['preset "" (empty)', () => config({ preset: '' }), 'INVALID_CONFIG', 'preset'],
    ['preset 1', () => config({ preset: 1 }), 'INVALID_CONFIG', 'preset'],
    ['preset ["huabei"]', () => config({ preset: ['huabei'] }), 'INVALID_CONFIG', 'preset'],
    ['preset "huabei" in USD', () => config({ currency: 'USD' }), 'INVALID_CONFIG', 'preset'],
    ['preset "credit-card-cn" in JPY', () => config({ currency: 'JPY', preset: 'credit-card-cn' }), 'INVALID_CONFIG', 'preset'],
    ['plans {} (an object)', () => withPlans({}), 'INVALID_PLAN', 'plans'],
    ['plans [{}]', () => withPlans([{}]), 'INVALID_PLAN', 'plans[0].id'],
    ['plans[1] rate "1e3"', () => withPlans([HUABEI_12, plan({ id: 'b', fee: { model: 'flatTotal', rate: '1e3' } })]), 'INVALID_RATE', 'plans[1].fee.rate'],
    ['plans[1] rate "7.5%"', () => withPlans([HUABEI_12, plan({ id: 'b', fee: { model: 'flatTotal', rate: '7.5%' } })]), 'INVALID_RATE', 'plans[1].fee.rate'],
    ['plans[1] periods 61', () => withPlans([HUABEI_12, plan({ id: 'b', periods: 61 })]), 'INVALID_PLAN', 'plans[1].periods'],
    ['plans[1] fee model "loan"', () => withPlans([HUABEI_12, plan({ id: 'b', fee: { model: 'loan' } })]), 'INVALID_PLAN', 'plans[1].fee.model'],
    ['65 plans', () => withPlans(plansOf(MAX_PLANS + 1)), 'INVALID_CONFIG', 'plans'],
    ['10,000 plans', () => withPlans(plansOf(10_000)), 'INVALID_CONFIG', 'plans'],
    ['plans nested 10,000 deep', () => withPlans(nested(10_000)), 'INVALID_PLAN', 'plans[0]'],
    // Any tag of zh or en is a locale (LOCALE_TAGS); another language is refused.
    ['locale "fr"', () => config({ locale: 'fr' }), 'INVALID_CONFIG', 'locale'],
    ['locale "ja-JP"', () => config({ locale: 'ja-JP' }), 'INVALID_CONFIG', 'locale'],
    ['locale "eng" (not the en subtag)', () => config({ locale: 'eng' }), 'INVALID_CONFIG', 'locale'],
    ['locale "" (empty)', () => config({ locale: '' }), 'INVALID_CONFIG', 'locale'],
    ['locale 86', () => config({ locale: 86 }), 'INVALID_CONFIG', 'locale'],
    ['locale ["en"]', () => config({ locale: ['en'] }), 'INVALID_CONFIG', 'locale'],
    ['planField "" (empty)', () => config({ planField: '' }), 'INVALID_CONFIG', 'planField'],
    ['planField "   " (blank)', () => config({ planField: '   ' }), 'INVALID_CONFIG', 'planField'],
    ['planField 1', () => config({ planField: 1 }), 'INVALID_CONFIG', 'planField'],
    ['planField ["plan"]', () => config({ planField: ['plan'] }), 'INVALID_CONFIG', 'planField'],
    ['shopId 42', () => config({ shopId: 42 }), 'INVALID_CONFIG', 'shopId'],
    ['shopId {}', () => config({ shopId: {} }), 'INVALID_CONFIG', 'shopId'],
    ['remind "once" (a string)', () => config({ remind: 'once' }), 'INVALID_CONFIG', 'remind'],
    ['remind [] (an array)', () => config({ remind: [] }), 'INVALID_CONFIG', 'remind'],
    ['remind true', () => config({ remind: true }), 'INVALID_CONFIG', 'remind'],
    ['remind.max (a typo)', () => config({ remind: { max: 1 } }), 'INVALID_CONFIG', 'remind.max'],
    ['remind.maxPerCheckout 2 (asking again)', () => config({ remind: { maxPerCheckout: 2 } }), 'INVALID_CONFIG', 'remind.maxPerCheckout'],
    ['remind.maxPerCheckout 1000', () => config({ remind: { maxPerCheckout: 1000 } }), 'INVALID_CONFIG', 'remind.maxPerCheckout'],
    ['remind.maxPerCheckout -1', () => config({ remind: { maxPerCheckout: -1 } }), 'INVALID_CONFIG', 'remind.maxPerCheckout'],
    ['remind.maxPerCheckout 0.5', () => config({ remind: { maxPerCheckout: 0.5 } }), 'INVALID_CONFIG', 'remind.maxPerCheckout'],
    ['remind.maxPerCheckout "1"', () => config({ remind: { maxPerCheckout: '1' } }), 'INVALID_CONFIG', 'remind.maxPerCheckout'],
    ['remind.maxPerCheckout Infinity', () => config({ remind: { maxPerCheckout: Infinity } }), 'INVALID_CONFIG', 'remind.maxPerCheckout'],
    ['remind.maxPerCheckout true', () => config({ remind: { maxPerCheckout: true } }), 'INVALID_CONFIG', 'remind.maxPerCheckout'],
    ['remind.interestFreeOnly "yes"', () => config({ remind: { interestFreeOnly: 'yes' } }), 'INVALID_CONFIG', 'remind.interestFreeOnly'],
    ['remind.interestFreeOnly "false"', () => config({ remind: { interestFreeOnly: 'false' } }), 'INVALID_CONFIG', 'remind.interestFreeOnly'],
    ['remind.interestFreeOnly 1', () => config({ remind: { interestFreeOnly: 1 } }), 'INVALID_CONFIG', 'remind.interestFreeOnly'],
    ['remind.allowDontRemind "false"', () => config({ remind: { allowDontRemind: 'false' } }), 'INVALID_CONFIG', 'remind.allowDontRemind'],
    ['remind.allowDontRemind 0', () => config({ remind: { allowDontRemind: 0 } }), 'INVALID_CONFIG', 'remind.allowDontRemind'],
    ['remind.allowDontRemind []', () => config({ remind: { allowDontRemind: [] } }), 'INVALID_CONFIG', 'remind.allowDontRemind'],
    ['an unknown field "plan"', () => config({ plan: [] }), 'INVALID_CONFIG', 'plan'],
    ['an unknown field "planFeild" (a typo)', () => config({ planFeild: 'x' }), 'INVALID_CONFIG', 'planFeild'],
    ['an unknown field "tracking"', () => config({ tracking: true }), 'INVALID_CONFIG', 'tracking'],
    ['likelihood []', () => config({ likelihood: [] }), 'INVALID_CONFIG', 'likelihood'],
    ['likelihood.threshold 1.5', () => config({ likelihood: { threshold: 1.5 } }), 'INVALID_CONFIG', 'likelihood.threshold'],
    ['likelihood.threshold -0.1', () => config({ likelihood: { threshold: -0.1 } }), 'INVALID_CONFIG', 'likelihood.threshold'],
    ['likelihood.threshold "0.5"', () => config({ likelihood: { threshold: '0.5' } }), 'INVALID_CONFIG', 'likelihood.threshold'],
    ['likelihood.threshold NaN', () => config({ likelihood: { threshold: NaN } }), 'INVALID_CONFIG', 'likelihood.threshold'],
    ['likelihood.weights.lnAmount Infinity', () => config({ likelihood: { weights: { intercept: 0, lnAmount: Infinity } } }), 'INVALID_CONFIG', 'likelihood.weights.lnAmount'],
    ['likelihood.weights.intercept "1"', () => config({ likelihood: { weights: { intercept: '1' } } }), 'INVALID_CONFIG', 'likelihood.weights.intercept'],
    ['likelihood.weights.slope (unknown)', () => config({ likelihood: { weights: { intercept: 0, slope: 1 } } }), 'INVALID_CONFIG', 'likelihood.weights.slope'],
    ['recommend.objective "cheapest"', () => config({ recommend: { objective: 'cheapest' } }), 'INVALID_CONFIG', 'recommend.objective'],
    ['recommend.maxPerPeriodMinor -1', () => config({ recommend: { maxPerPeriodMinor: -1 } }), 'INVALID_AMOUNT', 'recommend.maxPerPeriodMinor'],
    ['recommend.maxPerPeriodMinor 99.5', () => config({ recommend: { maxPerPeriodMinor: 99.5 } }), 'INVALID_AMOUNT', 'recommend.maxPerPeriodMinor'],
    ['remind.quietWhenHeavy "no"', () => config({ remind: { quietWhenHeavy: 'no' } }), 'INVALID_CONFIG', 'remind.quietWhenHeavy'],
    ['disclosure "gb"', () => config({ disclosure: 'gb' }), 'INVALID_CONFIG', 'disclosure'],
    ['disclosure "UK" (codes are lower case)', () => config({ disclosure: 'UK' }), 'INVALID_CONFIG', 'disclosure'],
    ['disclosure true', () => config({ disclosure: true }), 'INVALID_CONFIG', 'disclosure'],
    ['promotionText 5', () => config({ promotionText: 5 }), 'INVALID_CONFIG', 'promotionText'],
    ['promotionText over 500 characters', () => config({ promotionText: '贷'.repeat(501) }), 'INVALID_CONFIG', 'promotionText'],
    ['promotionText.fr (not a locale)', () => config({ promotionText: { fr: 'x' } }), 'INVALID_CONFIG', 'promotionText.fr'],
    ['promotionText.en []', () => config({ promotionText: { en: [] } }), 'INVALID_CONFIG', 'promotionText.en'],
    ['a frozen config with locale "jp"', () => Object.freeze(config({ locale: 'jp' })), 'INVALID_CONFIG', 'locale'],
    ['a cyclic config', () => cyclic(config()), 'INVALID_CONFIG', 'self'],
  ];
}

// ---- the page's rows: CheckoutGuard, update() and <instalment-guard> ------------------------------

let forms = 0;
const made = [];

/** A checkout form in the page: no plan chosen, Huabei plans on offer, 1111.11 CNY. */
export function checkoutForm(amount = AMOUNT) {
  const form = document.createElement('form');
  form.id = `bad-inputs-${++forms}`;
  form.setAttribute('data-amount-minor', String(amount));
  form.action = '#';
  for (const value of ['', 'huabei-3', 'huabei-6', 'huabei-12']) {
    const input = document.createElement('input');
    Object.assign(input, { type: 'radio', name: 'instalment_plan', value, checked: value === '' });
    form.append(input);
  }
  form.append(document.createElement('button'));
  document.body.append(form);
  made.push(form);
  return form;
}

/** A CheckoutGuard, destroyed once the row is over. */
function guardOn(ig, form, cfg) {
  const g = new ig.CheckoutGuard(form, cfg);
  made.push(g);
  return g;
}

/** Undoes what a page row made: guards, forms and elements. */
export function cleanUp() {
  for (const thing of made.splice(0).reverse()) {
    if (typeof thing.destroy === 'function') {
      thing.destroy();
      thing.free();
    } else {
      thing.remove();
    }
  }
}

// The attributes of a working element; a row replaces or removes one (null removes).
const GOOD_ATTRIBUTES = { currency: 'CNY', locale: 'en', preset: 'huabei' };

/** Connects an <instalment-guard> for a fresh form; throws the element's `error`, if any. */
function element(attrs) {
  const form = checkoutForm();
  const el = document.createElement('instalment-guard');
  const all = { for: form.id, ...GOOD_ATTRIBUTES, ...attrs };
  for (const [k, v] of Object.entries(all)) if (v !== null) el.setAttribute(k, v);
  document.body.append(el);
  made.push(el);
  if (el.error) throw el.error;
  return el;
}

/** Changes one attribute of a working element, waits for its rebuild and throws its `error`. */
async function changed(attrs) {
  const el = element({});
  if (el.assess().remind !== true) throw new Error('the element did not work before the change');
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null) el.removeAttribute(k);
    else el.setAttribute(k, v);
  }
  await Promise.resolve();
  await Promise.resolve();
  if (el.error) throw el.error;
  return el;
}

const planJson = (over = {}) => JSON.stringify([plan(over)]);

/** The rows that need a page: CheckoutGuard, update() and the element's attributes. */
export function pageTable() {
  rows.length = 0;

  // The form argument.
  const BAD_FORMS = [
    ['undefined', () => undefined],
    ['null', () => null],
    ['the id "checkout"', () => 'checkout'],
    ['{} (an object)', () => ({})],
    ['a <div>', () => document.createElement('div')],
    ['an <input>', () => document.createElement('input')],
    ['the document', () => document],
    ['a form\'s elements collection', () => checkoutForm().elements],
    ['an array holding a form', () => [checkoutForm()]],
    ['a BigInt', () => 1n],
    ['a symbol', () => Symbol('form')],
    ['a function', () => () => checkoutForm()],
    ['a proxy of a form (not the form itself)', () => new Proxy(checkoutForm(), {})],
    ['a proxy of a form whose traps all throw', () => allTrapsThrow(checkoutForm())],
    ['a revoked proxy of a form', () => revoked(checkoutForm())],
  ];
  for (const [what, f] of BAD_FORMS) {
    refuse(`new CheckoutGuard form: ${what}`, (ig) => guardOn(ig, f(), config()), 'INVALID_ARGUMENT', 'form');
  }
  refuse('new CheckoutGuard: a form that already has a guard', (ig) => {
    const form = checkoutForm();
    guardOn(ig, form, config());
    return guardOn(ig, form, config());
  }, 'INVALID_STATE', 'form');
  refuse('new CheckoutGuard: both arguments missing', (ig) => guardOn(ig), 'INVALID_ARGUMENT', 'form');
  refuse('new CheckoutGuard: config missing', (ig) => guardOn(ig, checkoutForm()), 'INVALID_CONFIG', 'config');

  // The config argument: every configuration assess() refuses, the constructor refuses alike.
  for (const [what, c, code, field] of configRows()) {
    refuse(`new CheckoutGuard config: ${what}`, (ig) => guardOn(ig, checkoutForm(), c()), code, field);
  }
  for (const [what, v] of BAD_AMOUNTS.slice(0, 8)) {
    refuse(`new CheckoutGuard config.remind.minAmountMinor: ${what}`, (ig) => guardOn(ig, checkoutForm(), config({ remind: { minAmountMinor: v } })),
      'INVALID_AMOUNT', 'remind.minAmountMinor');
  }

  // update(state).
  const updated = (s) => (ig) => guardOn(ig, checkoutForm(), config()).update(s);
  for (const [what, v] of BAD_AMOUNTS) refuse(`guard.update amountMinor: ${what}`, updated({ amountMinor: v }), 'INVALID_AMOUNT', 'amountMinor');
  for (const [what, make] of UNREADABLE) {
    refuse(`guard.update amountMinor: ${what}`, (ig) => updated({ amountMinor: make() })(ig), 'INVALID_ARGUMENT', 'amountMinor');
    refuse(`guard.update state: ${what}`, (ig) => updated(make())(ig), 'INVALID_ARGUMENT', 'state');
  }
  const BAD_UPDATES = [
    ...notAState(),
    ['"amount" for "amountMinor"', { amount: AMOUNT }, 'INVALID_STATE', 'amount'],
    ['dontRemind (not the page\'s to set)', { dontRemind: true }, 'INVALID_STATE', 'dontRemind'],
    ['selectedPlanId 3', { selectedPlanId: 3 }, 'INVALID_STATE', 'selectedPlanId'],
    ['selectedPlanId ["huabei-3"]', { selectedPlanId: ['huabei-3'] }, 'INVALID_STATE', 'selectedPlanId'],
    ['remindersShown -1', { remindersShown: -1 }, 'INVALID_STATE', 'remindersShown'],
    ['remindersShown 1.5', { remindersShown: 1.5 }, 'INVALID_STATE', 'remindersShown'],
    ['remindersShown "0"', { remindersShown: '0' }, 'INVALID_STATE', 'remindersShown'],
    ['remindersShown 2**32', { remindersShown: 2 ** 32 }, 'INVALID_STATE', 'remindersShown'],
    ['a getter on amountMinor that throws', throwingGetter({}, 'amountMinor'), 'INVALID_ARGUMENT', 'amountMinor'],
    ['a frozen state with amountMinor -1', Object.freeze({ amountMinor: -1 }), 'INVALID_AMOUNT', 'amountMinor'],
    ['a nested array 10,000 deep', nested(10_000), 'INVALID_STATE', 'state'],
  ];
  for (const [what, s, code, field] of BAD_UPDATES) refuse(`guard.update state: ${what}`, updated(s), code, field);
  // A destroyed guard has nothing to update: harmless, as destroy() itself is.
  accept('guard.update after destroy()', (ig) => {
    const g = guardOn(ig, checkoutForm(), config());
    g.destroy();
    return g.update(state()) ?? 'no-op';
  }, (r) => r === 'no-op');
  refuse('guard.assess after destroy()', (ig) => {
    const g = guardOn(ig, checkoutForm(), config());
    g.destroy();
    return g.assess();
  }, 'INVALID_STATE', 'guard');
  accept('guard.update: a bad update keeps the last good amount', (ig) => {
    const g = guardOn(ig, checkoutForm(), config());
    g.update({ amountMinor: 222222 });
    try {
      g.update({ amountMinor: -1 });
    } catch {
      // Refused, as the rows above check.
    }
    return g.assess();
  }, (v) => v.estimates.every((e) => e.amountMinor === 222222));
  accept('guard.update: {} changes nothing', (ig) => {
    const g = guardOn(ig, checkoutForm(), config());
    g.update({});
    return g.assess();
  }, (v) => v.remind === true);

  // <instalment-guard>'s attributes, as the element is connected.
  const FOR = [
    ['for missing', { for: null }, 'INVALID_CONFIG', 'for'],
    ['for "" (empty)', { for: '' }, 'INVALID_CONFIG', 'for'],
    ['for "   " (blank)', { for: '   ' }, 'INVALID_CONFIG', 'for'],
    ['for naming nothing', { for: 'no-such-form' }, 'INVALID_CONFIG', 'for'],
    ['for naming the <body>', { for: '__body' }, 'INVALID_CONFIG', 'for'],
  ];
  const ATTRS = [
    ...FOR,
    ['currency missing', { currency: null }, 'INVALID_CURRENCY', 'currency'],
    ['currency "" (empty)', { currency: '' }, 'INVALID_CURRENCY', 'currency'],
    ['currency "cny"', { currency: 'cny' }, 'INVALID_CURRENCY', 'currency'],
    ['currency "RMB"', { currency: 'RMB' }, 'INVALID_CURRENCY', 'currency'],
    ['currency "CNY " (a trailing space)', { currency: 'CNY ' }, 'INVALID_CURRENCY', 'currency'],
    ['currency "XAU"', { currency: 'XAU' }, 'INVALID_CURRENCY', 'currency'],
    ['currency "156"', { currency: '156' }, 'INVALID_CURRENCY', 'currency'],
    ['currency "ＣＮＹ"', { currency: 'ＣＮＹ' }, 'INVALID_CURRENCY', 'currency'],
    ['currency "USD" with preset "huabei"', { currency: 'USD' }, 'INVALID_CONFIG', 'preset'],
    ['currency "USD" with neither preset nor plans', { currency: 'USD', preset: null }, 'INVALID_CONFIG', 'plans'],
    ['locale "" (empty)', { locale: '' }, 'INVALID_CONFIG', 'locale'],
    ['locale "fr"', { locale: 'fr' }, 'INVALID_CONFIG', 'locale'],
    ['locale "de-DE"', { locale: 'de-DE' }, 'INVALID_CONFIG', 'locale'],
    ['locale " en"', { locale: ' en' }, 'INVALID_CONFIG', 'locale'],
    ['preset "" (empty)', { preset: '' }, 'INVALID_CONFIG', 'preset'],
    ['preset "paypal"', { preset: 'paypal' }, 'INVALID_CONFIG', 'preset'],
    ['preset "Huabei"', { preset: 'Huabei' }, 'INVALID_CONFIG', 'preset'],
    ['preset "huabei " (a trailing space)', { preset: 'huabei ' }, 'INVALID_CONFIG', 'preset'],
    ['preset and plans both', { plans: planJson() }, 'INVALID_CONFIG', 'preset'],
    ['plans "" (empty)', { preset: null, plans: '' }, 'INVALID_CONFIG', 'plans'],
    ['plans "not json"', { preset: null, plans: 'not json' }, 'INVALID_CONFIG', 'plans'],
    ['plans "[{" (cut short)', { preset: null, plans: '[{' }, 'INVALID_CONFIG', 'plans'],
    ['plans in single quotes', { preset: null, plans: "[{'id':'a'}]" }, 'INVALID_CONFIG', 'plans'],
    ['plans "null", in USD (no Huabei default)', { currency: 'USD', preset: null, plans: 'null' }, 'INVALID_CONFIG', 'plans'],
    ['plans "[]"', { preset: null, plans: '[]' }, 'INVALID_CONFIG', 'plans'],
    ['plans "{}"', { preset: null, plans: '{}' }, 'INVALID_PLAN', 'plans'],
    ['plans "5"', { preset: null, plans: '5' }, 'INVALID_PLAN', 'plans'],
    ['plans "\\"huabei\\""', { preset: null, plans: '"huabei"' }, 'INVALID_PLAN', 'plans'],
    ['plans "[1]"', { preset: null, plans: '[1]' }, 'INVALID_PLAN', 'plans[0]'],
    ['plans with rate "7.5%"', { preset: null, plans: planJson({ fee: { model: 'flatTotal', rate: '7.5%' } }) }, 'INVALID_RATE', 'plans[0].fee.rate'],
    ['plans with flatTotal rate "5" (5% meant)', { preset: null, plans: planJson({ fee: { model: 'flatTotal', rate: '5' } }) }, 'INVALID_RATE', 'plans[0].fee.rate'],
    ['plans with flatTotal rate "1.000000001"', { preset: null, plans: planJson({ fee: { model: 'flatTotal', rate: '1.000000001' } }) }, 'INVALID_RATE', 'plans[0].fee.rate'],
    ['plans with perPeriod rate 0.75 (0.75% meant)', { preset: null, plans: planJson({ fee: { model: 'perPeriod', rate: 0.75 } }) }, 'INVALID_RATE', 'plans[0].fee.rate'],
    ['plans with perPeriod rate "0.100000001"', { preset: null, plans: planJson({ fee: { model: 'perPeriod', rate: '0.100000001' } }) }, 'INVALID_RATE', 'plans[0].fee.rate'],
    ['plans with annuity annualRate "1.000000001"', { preset: null, plans: planJson({ fee: { model: 'annuity', annualRate: '1.000000001' } }) }, 'INVALID_RATE', 'plans[0].fee.annualRate'],
    ['plans with rate "1e3"', { preset: null, plans: planJson({ fee: { model: 'flatTotal', rate: '1e3' } }) }, 'INVALID_RATE', 'plans[0].fee.rate'],
    ['plans with rate "0.1.2"', { preset: null, plans: planJson({ fee: { model: 'perPeriod', rate: '0.1.2' } }) }, 'INVALID_RATE', 'plans[0].fee.rate'],
    ['plans with rate "-0.01"', { preset: null, plans: planJson({ fee: { model: 'perPeriod', rate: '-0.01' } }) }, 'INVALID_RATE', 'plans[0].fee.rate'],
    ['plans with rate " 0.05"', { preset: null, plans: planJson({ fee: { model: 'annuity', annualRate: ' 0.05' } }) }, 'INVALID_RATE', 'plans[0].fee.annualRate'],
    ['plans with periods 0', { preset: null, plans: planJson({ periods: 0 }) }, 'INVALID_PLAN', 'plans[0].periods'],
    ['plans with periods 61', { preset: null, plans: planJson({ periods: 61 }) }, 'INVALID_PLAN', 'plans[0].periods'],
    ['plans with periods 3.5', { preset: null, plans: planJson({ periods: 3.5 }) }, 'INVALID_PLAN', 'plans[0].periods'],
    ['plans with fee model "flat"', { preset: null, plans: planJson({ fee: { model: 'flat' } }) }, 'INVALID_PLAN', 'plans[0].fee.model'],
    ['plans with an unknown field', { preset: null, plans: planJson({ colour: 'red' }) }, 'INVALID_PLAN', 'plans[0].colour'],
    ['plans with amount 1111.11', { preset: null, plans: planJson({ minAmountMinor: 1111.11 }) }, 'INVALID_AMOUNT', 'plans[0].minAmountMinor'],
    ['plans with duplicate ids', { preset: null, plans: JSON.stringify([plan(), plan()]) }, 'INVALID_PLAN', 'plans[1].id'],
    ['plans, 65 of them', { preset: null, plans: JSON.stringify(plansOf(MAX_PLANS + 1)) }, 'INVALID_CONFIG', 'plans'],
    ['plans, 10,000 of them', { preset: null, plans: JSON.stringify(plansOf(10_000)) }, 'INVALID_CONFIG', 'plans'],
    ['plans nested 10,000 deep', { preset: null, plans: '['.repeat(10_000) + ']'.repeat(10_000) }, 'INVALID_PLAN', 'plans[0]'],
    ['plan-field "" (empty)', { 'plan-field': '' }, 'INVALID_CONFIG', 'plan-field'],
    ['plan-field "   " (blank)', { 'plan-field': '   ' }, 'INVALID_CONFIG', 'plan-field'],
    ['remind-min-amount-minor "" (empty)', { 'remind-min-amount-minor': '' }, 'INVALID_AMOUNT', 'remind-min-amount-minor'],
    ['remind-min-amount-minor "-1"', { 'remind-min-amount-minor': '-1' }, 'INVALID_AMOUNT', 'remind-min-amount-minor'],
    ['remind-min-amount-minor "1111.11"', { 'remind-min-amount-minor': '1111.11' }, 'INVALID_AMOUNT', 'remind-min-amount-minor'],
    ['remind-min-amount-minor "1e5"', { 'remind-min-amount-minor': '1e5' }, 'INVALID_AMOUNT', 'remind-min-amount-minor'],
    ['remind-min-amount-minor "0x10"', { 'remind-min-amount-minor': '0x10' }, 'INVALID_AMOUNT', 'remind-min-amount-minor'],
    ['remind-min-amount-minor "NaN"', { 'remind-min-amount-minor': 'NaN' }, 'INVALID_AMOUNT', 'remind-min-amount-minor'],
    ['remind-min-amount-minor "Infinity"', { 'remind-min-amount-minor': 'Infinity' }, 'INVALID_AMOUNT', 'remind-min-amount-minor'],
    ['remind-min-amount-minor "100 fen"', { 'remind-min-amount-minor': '100 fen' }, 'INVALID_AMOUNT', 'remind-min-amount-minor'],
    ['remind-min-amount-minor 2**53 (16 digits)', { 'remind-min-amount-minor': String(2 ** 53) }, 'INVALID_AMOUNT', 'remind-min-amount-minor'],
    ['remind-min-amount-minor 17 digits', { 'remind-min-amount-minor': '12345678901234567' }, 'INVALID_AMOUNT', 'remind-min-amount-minor'],
    ['remind-interest-free-only "yes"', { 'remind-interest-free-only': 'yes' }, 'INVALID_CONFIG', 'remind-interest-free-only'],
    ['remind-interest-free-only "no"', { 'remind-interest-free-only': 'no' }, 'INVALID_CONFIG', 'remind-interest-free-only'],
    ['remind-interest-free-only "0"', { 'remind-interest-free-only': '0' }, 'INVALID_CONFIG', 'remind-interest-free-only'],
    ['remind-interest-free-only "1"', { 'remind-interest-free-only': '1' }, 'INVALID_CONFIG', 'remind-interest-free-only'],
    ['remind-interest-free-only "off"', { 'remind-interest-free-only': 'off' }, 'INVALID_CONFIG', 'remind-interest-free-only'],
    ['remind-max-per-checkout "2"', { 'remind-max-per-checkout': '2' }, 'INVALID_CONFIG', 'remind-max-per-checkout'],
    ['remind-max-per-checkout "1000"', { 'remind-max-per-checkout': '1000' }, 'INVALID_CONFIG', 'remind-max-per-checkout'],
    ['remind-max-per-checkout "-1"', { 'remind-max-per-checkout': '-1' }, 'INVALID_CONFIG', 'remind-max-per-checkout'],
    ['remind-max-per-checkout "0.5"', { 'remind-max-per-checkout': '0.5' }, 'INVALID_CONFIG', 'remind-max-per-checkout'],
    ['remind-max-per-checkout "" (empty)', { 'remind-max-per-checkout': '' }, 'INVALID_CONFIG', 'remind-max-per-checkout'],
    ['remind-max-per-checkout "once"', { 'remind-max-per-checkout': 'once' }, 'INVALID_CONFIG', 'remind-max-per-checkout'],
    ['remind-max-per-checkout "Infinity"', { 'remind-max-per-checkout': 'Infinity' }, 'INVALID_CONFIG', 'remind-max-per-checkout'],
    ['allow-dont-remind "no"', { 'allow-dont-remind': 'no' }, 'INVALID_CONFIG', 'allow-dont-remind'],
    ['allow-dont-remind "0"', { 'allow-dont-remind': '0' }, 'INVALID_CONFIG', 'allow-dont-remind'],
    ['allow-dont-remind "off"', { 'allow-dont-remind': 'off' }, 'INVALID_CONFIG', 'allow-dont-remind'],
    ['allow-dont-remind "hide"', { 'allow-dont-remind': 'hide' }, 'INVALID_CONFIG', 'allow-dont-remind'],
  ];
  for (const [what, attrs, code, field] of ATTRS) {
    refuse(`<instalment-guard> ${what}`, () => element(resolveIds({ ...attrs })), code, field);
  }
  // The same mistakes made on a working element: it rebuilds, goes inactive and says why.
  for (const [what, attrs, code, field] of ATTRS.filter((_, i) => i % 3 === 0)) {
    refuse(`<instalment-guard> changed to ${what}`, () => changed(resolveIds({ ...attrs })), code, field);
  }
  refuse('<instalment-guard> for naming a form that already has a guard', (ig) => {
    const form = checkoutForm();
    guardOn(ig, form, config());
    return element({ for: form.id });
  }, 'INVALID_STATE', 'for');
  refuse('<instalment-guard> element.update({ amountMinor: NaN })', () => element({}).update({ amountMinor: NaN }), 'INVALID_AMOUNT', 'amountMinor');
  refuse('<instalment-guard> element.update("111111")', () => element({}).update('111111'), 'INVALID_STATE', 'state');
  refuse('<instalment-guard> element.update({ amountMinor: 111111n })', () => element({}).update({ amountMinor: 111111n }), 'INVALID_ARGUMENT', 'amountMinor');
  for (const [what, v] of [['""', ''], ['"true"', 'true'], ['"FALSE"', 'FALSE'], ['"remind-interest-free-only"', 'remind-interest-free-only']]) {
    accept(`<instalment-guard> remind-interest-free-only ${what}`, () => element({ 'remind-interest-free-only': v }), (el) => el.error === null);
  }
  for (const [what, v] of [['"false"', 'false'], ['"True"', 'True'], ['"" (present)', '']]) {
    accept(`<instalment-guard> allow-dont-remind ${what}`, () => element({ 'allow-dont-remind': v }), (el) => el.error === null);
  }
  for (const [what, v] of [['"" (empty)', ''], ['markup', '<script>alert(1)</script>'], ['10,000 characters', 'x'.repeat(10_000)], ['a lone surrogate', '\ud800'], ['"  " (blank)', '  ']]) {
    accept(`<instalment-guard> shop-id ${what} (any text scopes the opt-out)`, () => element({ 'shop-id': v }), (el) => el.error === null && el.assess().remind === true);
  }
  accept('<instalment-guard> remind-max-per-checkout "0" never reminds', () => element({ 'remind-max-per-checkout': '0' }),
    (el) => el.assess().reasons.includes('REMINDER_LIMIT_REACHED'));
  accept('<instalment-guard> plans, exactly 64 of them', () => element({ preset: null, plans: JSON.stringify(plansOf(MAX_PLANS)) }),
    (el) => el.error === null);
  for (const tag of LOCALE_TAGS) {
    accept(`<instalment-guard> locale "${tag}" (a tag of zh or en)`, () => element({ locale: tag }), (el) => el.error === null && el.assess().remind === true);
  }
  accept('<instalment-guard> remind-min-amount-minor " 5 " (spaces around digits)', () => element({ 'remind-min-amount-minor': ' 5 ' }), (el) => el.error === null);

  return rows.splice(0);
}

// `for` rows that name page elements by a marker: the body gets an id for the occasion.
function resolveIds(attrs) {
  if (attrs.for === '__body') {
    document.body.id ||= 'bad-inputs-body';
    attrs.for = document.body.id;
  }
  return attrs;
}

// ---- running the table --------------------------------------------------------------------------

/** The known-good answers the module must still give after every row; a list of what is wrong. */
export function knownGood(ig) {
  const wrong = [];
  const e = ig.estimate(AMOUNT, 'CNY', HUABEI_12);
  if (e.totalFeeMinor !== 8333 || e.schedule[1].paymentMinor !== 9953 || e.totalRepaymentMinor !== 119444) {
    wrong.push(`estimate(111111, 'CNY', huabei-12) gave fee ${e.totalFeeMinor}, month 2 ${e.schedule[1].paymentMinor}`);
  }
  const c = ig.compare(AMOUNT, 'CNY', [HUABEI_12, plan({ id: 'free-3', periods: 3, fee: { model: 'interestFree' } })]);
  if (c.recommendedPlanId !== 'free-3' || c.estimates.length !== 2) wrong.push(`compare recommended ${c.recommendedPlanId}`);
  const r = ig.annualRate([{ months: 0, amountMinor: 10000 }, { months: 1, amountMinor: -10100 }]);
  if (Math.abs(r.monthlyRate - 0.01) > 1e-12) wrong.push(`annualRate gave ${r.monthlyRate}`);
  const v = ig.assess(config(), state());
  if (!v.remind || v.recommendedPlanId !== 'huabei-12') wrong.push(`assess gave remind ${v.remind}, ${v.recommendedPlanId}`);
  return wrong;
}

/** What went wrong with a thrown value, against the row's expectation (empty when all is right). */
function judgeError(ig, row, e) {
  if (!(e instanceof Error)) return [`threw a non-Error: ${String(e)}`];
  const got = `${e.name} ${e.code} at ${JSON.stringify(e.field)}: ${e.message}`;
  const wrong = [];
  if (e.name !== 'InstalmentError') wrong.push(`threw ${e.name}, not an InstalmentError: ${e.message}`);
  else if (!ig.isInstalmentError(e)) wrong.push('isInstalmentError(e) is false');
  if (row.accept) wrong.push(`was refused: ${got}`);
  else {
    if (e.code !== row.code || e.field !== row.field) wrong.push(`expected ${row.code} at ${JSON.stringify(row.field)}, got ${got}`);
    if (typeof e.message !== 'string' || !e.message.startsWith(e.field)) wrong.push(`the message does not start with the field: ${e.message}`);
  }
  return wrong;
}

/**
 * Runs `rows` against the module `ig` in order, checking the known-good answers after each, and
 * `extraGood()` too when given (the page checks that a fresh guard still works). Resolves to
 * { refused, accepted, failures: [{ name, wrong }] }.
 */
export async function runTable(ig, rows, { afterEach = () => {}, extraGood = () => [] } = {}) {
  const failures = [];
  let refused = 0;
  let accepted = 0;
  for (const row of rows) {
    let wrong;
    try {
      const result = await row.run(ig);
      wrong = row.accept
        ? (row.accept(result) ? [] : ['was accepted, but the result is wrong'])
        : [`expected ${row.code} at ${JSON.stringify(row.field)}, but nothing was thrown`];
    } catch (e) {
      wrong = judgeError(ig, row, e);
    }
    try {
      afterEach();
    } catch (e) {
      wrong.push(`cleaning up threw ${e?.name}: ${e?.message}`);
    }
    try {
      wrong.push(...knownGood(ig), ...extraGood(ig));
    } catch (e) {
      wrong.push(`a known-good call then threw ${e?.name} ${e?.code ?? ''}: ${e?.message}`);
    }
    if (row.accept) accepted++;
    else refused++;
    if (wrong.length) failures.push({ name: row.name, wrong });
  }
  return { refused, accepted, failures };
}
