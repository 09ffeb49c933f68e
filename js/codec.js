// Moving data across the wasm boundary in bulk. Reading an argument value by value, or building
// a result property by property, costs a call across the boundary each time: about 1,800 calls for
// a comparison of 12 plans. Here an argument crosses as one tape of numbers, and the numbers of a
// result as one Float64Array that these functions turn into objects.

// The argument tape, read by `Reader` in src/bindings/convert.rs. Each value is a tag and what
// follows it: 0 null or undefined, 1 false, 2 true, 3 a number (then the number itself, so every
// double crosses exactly, NaN and infinities included for the checks to name), 4 a string (its
// length, then its UTF-16 code units), 5 an array (its length, then the items; holes read as
// undefined), 6 an object (its own enumerable keys' count, then each key as a string and its
// value). What no JSON holds is written in its place, so the Rust side can name its exact path:
// 7 and a kind (0 a function, 1 a symbol, 2 a BigInt, 3 a value whose reading threw: a getter, a
// proxy's trap, a revoked proxy), and 8 for a value nested deeper than 32 levels (which also ends
// a cycle), whose nesting the checks of the levels above always refuse first.
const MAX_DEPTH = 32;
const KINDS = { function: 0, symbol: 1, bigint: 2 };
const THREW = 3;

function put(v, depth, tape) {
  if (depth > MAX_DEPTH) {
    tape.push(8);
    return;
  }
  switch (typeof v) {
    case 'undefined':
      tape.push(0);
      return;
    case 'boolean':
      tape.push(v ? 2 : 1);
      return;
    case 'number':
      tape.push(3, v);
      return;
    case 'string':
      tape.push(4);
      text(v, tape);
      return;
    case 'object':
      if (v === null) tape.push(0);
      else container(v, depth, tape);
      return;
    default:
      tape.push(7, KINDS[typeof v] ?? THREW);
  }
}

function container(v, depth, tape) {
  const start = tape.length;
  try {
    if (Array.isArray(v)) {
      const n = v.length;
      tape.push(5, n);
      for (let i = 0; i < n; i++) item(v, i, depth, tape);
    } else {
      const keys = Object.keys(v);
      tape.push(6, keys.length);
      for (const k of keys) {
        text(k, tape);
        item(v, k, depth, tape);
      }
    }
  } catch {
    // It could not even be listed (a proxy whose traps throw, a revoked proxy): it is one value
    // that threw, and what was written of it goes.
    tape.length = start;
    tape.push(7, THREW);
  }
}

// v[k] on the tape, or the mark of a read that threw (a getter, a proxy's get trap).
function item(v, k, depth, tape) {
  let x;
  try {
    x = v[k];
  } catch {
    tape.push(7, THREW);
    return;
  }
  put(x, depth + 1, tape);
}

// A string's length and code units. Keys have no tag: their place says what they are.
function text(s, tape) {
  tape.push(s.length);
  for (let i = 0; i < s.length; i++) tape.push(s.charCodeAt(i));
}

/** `v` on the argument tape, or undefined should even that fail (the tape outgrowing memory). */
export function encode(v) {
  const tape = [];
  try {
    put(v, 0, tape);
    return tape;
  } catch {
    return undefined;
  }
}

// The layout of an estimate on the tape, written by src/bindings/convert.rs: amountMinor,
// periods, then principal, fee and payment for each period, then totalFeeMinor,
// totalRepaymentMinor, merchantFeeMinor, interestFree (0 or 1), monthlyRate, aprNominal and
// aprEffective. `ids` holds the plan ids in the same order.
function estimates(tape, ids, currency) {
  const out = [];
  let k = 0;
  for (const planId of ids) {
    const amountMinor = tape[k++];
    const periods = tape[k++];
    const schedule = [];
    for (let period = 1; period <= periods; period++) {
      schedule.push({ period, principalMinor: tape[k], feeMinor: tape[k + 1], paymentMinor: tape[k + 2] });
      k += 3;
    }
    out.push({
      planId,
      currency,
      amountMinor,
      periods,
      schedule,
      totalFeeMinor: tape[k],
      totalRepaymentMinor: tape[k + 1],
      merchantFeeMinor: tape[k + 2],
      interestFree: tape[k + 3] === 1,
      monthlyRate: tape[k + 4],
      aprNominal: tape[k + 5],
      aprEffective: tape[k + 6],
    });
    k += 7;
  }
  return out;
}

/** An Estimate from the tape. */
export function estimate(tape, planId, currency) {
  return estimates(tape, [planId], currency)[0];
}

/** A Comparison: the estimates from the tape, the rest from `text` (JSON). */
export function comparison(tape, text) {
  const { ids, currency, ineligible, recommendedPlanId } = JSON.parse(text);
  return { estimates: estimates(tape, ids, currency), ineligible, recommendedPlanId };
}

/**
 * A Verdict: `text` (JSON) gives the structure, the tape its numbers: first `n` of them for the
 * likelihood (score, logit, threshold, then value and weight per feature named in `likelihood`)
 * and the affordability (before, after, plansAfter, shareOfIncome or NaN), then the estimates.
 * Written by `Out::verdict` in src/bindings/convert.rs.
 */
export function verdict(tape, text) {
  const v = JSON.parse(text);
  let k = 0;
  const likelihood = v.likelihood && {
    score: tape[k++],
    logit: tape[k++],
    threshold: tape[k++],
    contributions: v.likelihood.map((feature) => ({ feature, value: tape[k++], weight: tape[k++] })),
  };
  const affordability = v.affordability && {
    monthlyBeforeMinor: tape[k++],
    monthlyAfterMinor: tape[k++],
    plansAfter: tape[k++],
    shareOfIncome: Number.isNaN(tape[k]) ? (k++, null) : tape[k++],
    level: v.affordability,
  };
  return {
    remind: v.remind,
    reasons: v.reasons,
    estimates: estimates(tape.subarray(v.n), v.ids, v.currency),
    recommendedPlanId: v.recommendedPlanId,
    ineligible: v.ineligible,
    likelihood,
    recommendation: v.recommendation,
    affordability,
  };
}

/** An AnnualRate. */
export function rate(monthlyRate, aprNominal, aprEffective) {
  return { monthlyRate, aprNominal, aprEffective };
}
