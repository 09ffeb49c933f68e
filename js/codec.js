// Moving data across the wasm boundary in bulk. Reading an argument value by value, or building
// a result property by property, costs a call across the boundary each time: about 1,800 calls for
// a comparison of 12 plans. Here an argument crosses as one JSON text, and the numbers of a result
// as one Float64Array that these functions turn into objects.

// True when JSON carries `v` exactly: finite numbers, strings, booleans, null, arrays without
// holes and plain objects, nested at most 32 deep (which also stops cycles).
function plain(v, depth) {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(v);
    case 'object': {
      if (v === null) return true;
      if (depth > 32) return false;
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) if (!plain(v[i], depth + 1)) return false;
        return true;
      }
      const proto = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null) return false;
      for (const k of Object.keys(v)) if (!plain(v[k], depth + 1)) return false;
      return true;
    }
    default:
      return false;
  }
}

/**
 * JSON text of `v`, or undefined when JSON cannot carry it exactly (non-finite numbers,
 * undefined, functions, symbols, BigInts, objects that are not plain, cycles): the caller then
 * reads the value the slow, exact way, which also reports those mistakes.
 */
export function toJson(v) {
  return plain(v, 0) ? JSON.stringify(v) : undefined;
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
