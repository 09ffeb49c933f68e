// Moving data across the wasm boundary in bulk. Reading an argument value by value, or building
// a result property by property, costs a call across the boundary each time: about 1,800 calls for
// a comparison of 12 plans. Here an argument crosses as one tape of numbers, and the numbers of a
// result as one Float64Array that these functions turn into objects.

// The argument tape, read by `Reader` in src/bindings/convert.rs. Each value is a tag and what
// follows it: 0 null or undefined, 1 false, 2 true, 3 a number (then the number itself, so every
// double crosses exactly, NaN and infinities included for the checks to name), 4 a string (its
// length, then its UTF-16 code units), 5 an array (its length, then the items; holes read as
// undefined), 6 an object (its own enumerable keys' count, then each key as a string and its
// value). Nesting deeper than 32 (which also stops cycles), functions, symbols, BigInts and a
// getter that throws make the whole argument unreadable.
const MAX_DEPTH = 32;

function put(v, depth, tape) {
  if (depth > MAX_DEPTH) return false;
  switch (typeof v) {
    case 'undefined':
      tape.push(0);
      return true;
    case 'boolean':
      tape.push(v ? 2 : 1);
      return true;
    case 'number':
      tape.push(3, v);
      return true;
    case 'string':
      tape.push(4);
      text(v, tape);
      return true;
    case 'object': {
      if (v === null) {
        tape.push(0);
        return true;
      }
      if (Array.isArray(v)) {
        tape.push(5, v.length);
        for (let i = 0; i < v.length; i++) if (!put(v[i], depth + 1, tape)) return false;
        return true;
      }
      const keys = Object.keys(v);
      tape.push(6, keys.length);
      for (const k of keys) {
        text(k, tape);
        if (!put(v[k], depth + 1, tape)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

// A string's length and code units. Keys have no tag: their place says what they are.
function text(s, tape) {
  tape.push(s.length);
  for (let i = 0; i < s.length; i++) tape.push(s.charCodeAt(i));
}

/** `v` on the argument tape, or undefined when it cannot be read as plain data. */
export function encode(v) {
  const tape = [];
  try {
    return put(v, 0, tape) ? tape : undefined;
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

/** A Verdict: the estimates from the tape, the rest from `text` (JSON). */
export function verdict(tape, text) {
  const { remind, reasons, ids, currency, recommendedPlanId } = JSON.parse(text);
  return { remind, reasons, estimates: estimates(tape, ids, currency), recommendedPlanId };
}

/** An AnnualRate. */
export function rate(monthlyRate, aprNominal, aprEffective) {
  return { monthlyRate, aprNominal, aprEffective };
}
