// The yardstick for the accuracy figures, written independently of the library: schedules in
// exact integer arithmetic from the rounding rules of the public contract (docs/rounding.md), and
// the IRR in BigInt fixed point, certified to within 1e-38 in the discount factor (far below
// 1e-30 in the rate). Nothing here is timed, so clarity wins over speed.

const RATE_SCALE = 10n ** 9n; // API rates carry at most nine decimal places

// A decimal rate string as an exact multiple of 1e-9.
export function rateUnits(rate) {
  const s = String(rate);
  const m = /^(\d+)(?:\.(\d{0,9}))?$/.exec(s);
  if (!m) throw new Error(`reference: unsupported rate ${s}`);
  return BigInt(m[1]) * RATE_SCALE + BigInt((m[2] ?? '').padEnd(9, '0') || '0');
}

// num/den rounded half to even, and half up, for non-negative num and positive den.
function halfEven(num, den) {
  const q = num / den;
  const twice = 2n * (num % den);
  if (twice > den || (twice === den && q % 2n === 1n)) return q + 1n;
  return q;
}
function halfUp(num, den) {
  return (2n * num + den) / (2n * den);
}

// principal split: floor(amount/n) each, the remainder to period 1.
function split(total, n) {
  const each = total / n;
  return Array.from({ length: Number(n) }, (_, i) => (i === 0 ? each + (total - each * n) : each));
}

// The exact schedule of one plan: per-period payments in fen (BigInt), the shopper's total fee,
// and the merchant's. Mirrors the documented conventions, not the library's code.
export function exactSchedule(amountMinor, plan) {
  const a = BigInt(amountMinor);
  const n = BigInt(plan.periods);
  const fee = plan.fee;
  const principal = split(a, n);
  let fees = principal.map(() => 0n);
  let merchantFee = 0n;
  if (fee.model === 'flatTotal') {
    const total = halfEven(a * rateUnits(fee.rate), RATE_SCALE);
    if (fee.payer === 'merchant') merchantFee = total;
    else fees = split(total, n);
  } else if (fee.model === 'perPeriod') {
    const each = halfEven(a * rateUnits(fee.rate), RATE_SCALE);
    fees = principal.map(() => each);
  } else if (fee.model === 'annuity') {
    // i = u / d exactly, with u the annual rate in 1e-9 units and d = 12e9.
    const u = rateUnits(fee.annualRate);
    const d = 12n * RATE_SCALE;
    let level;
    if (u === 0n) {
      level = halfUp(a, n);
    } else {
      // P·i/(1 − (1+i)^−n) = P·u·(d+u)^n / (d·((d+u)^n − d^n))
      const gn = (d + u) ** n;
      const dn = d ** n;
      level = halfUp(a * u * gn, d * (gn - dn));
    }
    let balance = a;
    const pr = [];
    fees = [];
    for (let k = 1n; k <= n; k++) {
      const interest = halfUp(balance * u, d);
      const part = k === n ? balance : level - interest;
      pr.push(part);
      fees.push(interest);
      balance -= part;
    }
    principal.splice(0, principal.length, ...pr);
  } else if (fee.model !== 'interestFree') {
    throw new Error(`reference: unknown fee model ${fee.model}`);
  }
  const payments = principal.map((p, i) => p + fees[i]);
  const totalFee = fees.reduce((s, f) => s + f, 0n);
  return { payments, totalFee, merchantFee };
}

// ---- the IRR ---------------------------------------------------------------------------------
// Fixed point with 45 decimal digits: the residual of a 24-term sum stays far below 1e-30.
const S = 10n ** 45n;

// Σ p_t·v^t − A for v = 1/(1+r) in fixed point, by Horner, in fen·S.
function npv(advance, payments, v) {
  let acc = 0n;
  for (let t = payments.length - 1; t >= 0; t--) acc = ((acc + payments[t] * S) * v) / S;
  return acc - advance * S;
}
function npvSlope(payments, v) {
  // d/dv Σ p_t v^t = Σ t·p_t·v^(t−1)
  let acc = 0n;
  for (let t = payments.length - 1; t >= 1; t--) acc = ((acc + BigInt(t + 1) * payments[t] * S) * v) / S;
  return acc + payments[0] * S;
}

function toFixed(x) {
  // A double is an exact dyadic rational; take enough of its digits that rounding is harmless.
  if (x === 0) return 0n;
  const [mant, exp] = x.toExponential(20).split('e');
  const digits = BigInt(mant.replace('.', '').replace('-', ''));
  const e = Number(exp) - 20 + 45;
  const v = e >= 0 ? digits * 10n ** BigInt(e) : digits / 10n ** BigInt(-e);
  return x < 0 ? -v : v;
}

// The monthly IRR r of: +advance at month 0, −payments[t] at month t+1. Returned as a fixed-point
// BigInt (r·S) with a certified bracket: the root lies in [lo, hi], v known to ±1e-38.
export function exactIrr(advance, payments) {
  const A = BigInt(advance);
  const P = payments.map(BigInt);
  const sum = P.reduce((s, p) => s + p, 0n);
  if (sum === A) return { r: 0n, lo: 0n, hi: 0n, exactZero: true };
  // For positive payments Σ p v^t − A is increasing in v, so Newton from a double start and a
  // final sign check around the answer give both the value and its guarantee.
  let guess = 0.01;
  {
    // A few double-precision Newton steps on r for the start point.
    const a = Number(A);
    const p = P.map(Number);
    for (let k = 0; k < 50; k++) {
      let f = -a;
      let df = 0;
      for (let t = 0; t < p.length; t++) {
        const d = Math.pow(1 + guess, -(t + 1));
        f += p[t] * d;
        df -= (t + 1) * p[t] * d / (1 + guess);
      }
      const next = guess - f / df;
      if (!Number.isFinite(next) || next <= -0.99) break;
      if (Math.abs(next - guess) < 1e-15) { guess = next; break; }
      guess = next;
    }
  }
  let v = (S * S) / (S + toFixed(guess));
  for (let k = 0; k < 8; k++) {
    const f = npv(A, P, v);
    const df = npvSlope(P, v);
    if (df === 0n) break;
    const step = (f * S) / df;
    v -= step;
    if (step === 0n) break;
  }
  // Certify: the sign must change across a small interval around v.
  const eps = S / 10n ** 38n;
  const vLo = v - eps;
  const vHi = v + eps;
  if (!(npv(A, P, vLo) < 0n && npv(A, P, vHi) > 0n)) {
    throw new Error('reference IRR could not certify its root');
  }
  // r = 1/v − 1, and v moving down means r moving up.
  const r = (S * S) / v - S;
  return { r, lo: (S * S) / vHi - S, hi: (S * S) / vLo - S, exactZero: false };
}

// |x − r|/|r| for a double x against the fixed-point reference, or |x| when r is exactly zero.
export function relativeError(x, ref) {
  const X = toFixed(x);
  if (ref.exactZero) return Math.abs(x);
  const diff = X > ref.r ? X - ref.r : ref.r - X;
  // Scale before dividing so the quotient keeps its digits as a BigInt.
  return Number((diff * 10n ** 30n) / (ref.r < 0n ? -ref.r : ref.r)) / 1e30;
}

// How far a rate misses the IRR equation: |Σ p_t (1+x)^−t − A| / A, evaluated exactly.
export function residual(x, advance, payments) {
  const A = BigInt(advance);
  const P = payments.map(BigInt);
  const v = (S * S) / (S + toFixed(x));
  const f = npv(A, P, v);
  const abs = f < 0n ? -f : f;
  return Number((abs * 10n ** 30n) / (A * S)) / 1e30;
}
