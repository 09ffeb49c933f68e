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

// The tape being written: numbers go straight into a Float64Array, which the glue copies into
// wasm memory in one block (a plain array would be converted number by number). One buffer
// serves every call, grown by doubling; `n` is how much of it the current tape holds.
let buf = new Float64Array(256);
let n = 0;

// A buffer with room for `need` more numbers after the `n` written, the tape copied over.
function grow(need) {
  let size = buf.length * 2;
  while (size - n < need) size *= 2;
  const bigger = new Float64Array(size);
  bigger.set(buf);
  buf = bigger;
}

function push(x) {
  if (n === buf.length) grow(1);
  buf[n++] = x;
}

function put(v, depth) {
  if (depth > MAX_DEPTH) {
    push(8);
    return;
  }
  switch (typeof v) {
    case 'undefined':
      push(0);
      return;
    case 'boolean':
      push(v ? 2 : 1);
      return;
    case 'number':
      push(3);
      push(v);
      return;
    case 'string':
      push(4);
      text(v);
      return;
    case 'object':
      if (v === null) push(0);
      else container(v, depth);
      return;
    default:
      push(7);
      push(KINDS[typeof v] ?? THREW);
  }
}

function container(v, depth) {
  const start = n;
  try {
    if (Array.isArray(v)) {
      const len = v.length;
      push(5);
      push(len);
      for (let i = 0; i < len; i++) item(v, i, depth);
    } else {
      const keys = Object.keys(v);
      push(6);
      push(keys.length);
      for (const k of keys) {
        text(k);
        item(v, k, depth);
      }
    }
  } catch {
    // It could not even be listed (a proxy whose traps throw, a revoked proxy): it is one value
    // that threw, and what was written of it goes.
    n = start;
    push(7);
    push(THREW);
  }
}

// v[k] on the tape, or the mark of a read that threw (a getter, a proxy's get trap).
function item(v, k, depth) {
  let x;
  try {
    x = v[k];
  } catch {
    push(7);
    push(THREW);
    return;
  }
  put(x, depth + 1);
}

// A string's length and code units. Keys have no tag: their place says what they are.
function text(s) {
  const len = s.length;
  push(len);
  if (buf.length - n < len) grow(len);
  for (let i = 0; i < len; i++) buf[n++] = s.charCodeAt(i);
}

/**
 * `v` on the argument tape, or undefined should even that fail (the tape outgrowing memory). The
 * tape is a view of a buffer later calls reuse: the glue copies it into wasm memory at once. A
 * getter of `v` may itself call into the package and so encode again: that tape is written after
 * this one's, which stays as it was.
 */
export function encode(v) {
  const base = n;
  try {
    put(v, 0);
    return buf.subarray(base, n);
  } catch {
    return undefined;
  } finally {
    n = base;
    // One very large argument does not keep its buffer for the life of the page.
    if (base === 0 && buf.length > 65536) buf = new Float64Array(256);
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
