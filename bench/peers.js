// The JavaScript peers for the compute comparison, written as a careful shop developer would
// write them with each package, and given every benefit of the doubt:
//  - each returns what our `compare` returns (a schedule per plan, total fee, rates, sorted, a
//    recommendation), so neither side skips work the other does;
//  - the rounding follows the documented conventions wherever the package leaves it to the caller
//    (half-even flat fees, remainders to period 1), so differences are the package's own;
//  - payments that add up to the advance get rate 0 without calling the solver, as ours do.
// The IRR is financial.irr with its default arguments (guess 0.1, tol 1e-6, 100 iterations), as
// its README shows it; loanjs has no rate solver, so its schedules are paired with financial.irr.
import * as financial from 'financial';
import LoanJS from 'loanjs';

const { irr, pmt } = financial;
const { Loan } = LoanJS;

// Half to even on a double, for the flat and per-period fees (docs/rounding.md). Math.round alone
// would round 4.5 up; the product amount × rate is a double, so its own error stays in.
function roundHalfEven(x) {
  const r = Math.round(x);
  return Math.abs(x - Math.trunc(x)) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

function rates(monthly) {
  return { monthlyRate: monthly, aprNominal: 12 * monthly, aprEffective: Math.pow(1 + monthly, 12) - 1 };
}

function irrOf(amount, payments) {
  // Paying back exactly the advance is a rate of exactly zero: no solver needed.
  let sum = 0;
  for (let i = 0; i < payments.length; i++) sum += payments[i];
  if (sum === amount) return 0;
  const flows = new Array(payments.length + 1);
  flows[0] = amount;
  for (let i = 0; i < payments.length; i++) flows[i + 1] = -payments[i];
  return irr(flows);
}

function estimateOf(plan, currency, amount, principal, fees, merchantFee) {
  const schedule = new Array(principal.length);
  const payments = new Array(principal.length);
  let totalFee = 0;
  let totalRepay = 0;
  for (let i = 0; i < principal.length; i++) {
    const payment = principal[i] + fees[i];
    payments[i] = payment;
    totalFee += fees[i];
    totalRepay += payment;
    schedule[i] = { period: i + 1, principalMinor: principal[i], feeMinor: fees[i], paymentMinor: payment };
  }
  return {
    planId: plan.id,
    currency,
    amountMinor: amount,
    periods: plan.periods,
    schedule,
    totalFeeMinor: totalFee,
    totalRepaymentMinor: totalRepay,
    merchantFeeMinor: merchantFee,
    interestFree: totalFee === 0,
    ...rates(irrOf(amount, payments)),
  };
}

function byCost(a, b) {
  // Interest-free first, longest first; then cheapest by nominal APR (as our compare sorts).
  if (a.interestFree !== b.interestFree) return a.interestFree ? -1 : 1;
  if (a.interestFree) return b.periods - a.periods;
  return a.aprNominal - b.aprNominal;
}

function comparison(estimates) {
  estimates.sort(byCost);
  return { estimates, ineligible: [], recommendedPlanId: estimates.length ? estimates[0].planId : null };
}

function splitEven(total, n) {
  const each = Math.floor(total / n);
  const out = new Array(n).fill(each);
  out[0] += total - each * n;
  return out;
}

// ---- npm `financial` ----------------------------------------------------------------------------
// financial has pmt for the annuity's level payment; the per-period interest then comes from the
// running balance (cheaper and closer to the rule than ipmt, which works on unrounded balances).
// Flat and per-period fees need no financial function at all: plain integer arithmetic.
function financialEstimate(amount, currency, plan) {
  const n = plan.periods;
  const fee = plan.fee;
  if (fee.model === 'annuity') {
    const i = Number(fee.annualRate) / 12;
    const level = Math.round(i === 0 ? amount / n : pmt(i, n, -amount));
    const principal = new Array(n);
    const fees = new Array(n);
    let balance = amount;
    for (let k = 0; k < n; k++) {
      const interest = Math.round(balance * i);
      const part = k === n - 1 ? balance : level - interest;
      principal[k] = part;
      fees[k] = interest;
      balance -= part;
    }
    return estimateOf(plan, currency, amount, principal, fees, 0);
  }
  const principal = splitEven(amount, n);
  if (fee.model === 'flatTotal') {
    const total = roundHalfEven(amount * Number(fee.rate));
    if (fee.payer === 'merchant') return estimateOf(plan, currency, amount, principal, new Array(n).fill(0), total);
    return estimateOf(plan, currency, amount, principal, splitEven(total, n), 0);
  }
  if (fee.model === 'perPeriod') {
    const each = roundHalfEven(amount * Number(fee.rate));
    return estimateOf(plan, currency, amount, principal, new Array(n).fill(each), 0);
  }
  return estimateOf(plan, currency, amount, principal, new Array(n).fill(0), 0);
}

export function financialCompare(amount, currency, plans) {
  return comparison(plans.map((p) => financialEstimate(amount, currency, p)));
}

// ---- npm `loanjs` --------------------------------------------------------------------------------
// loanjs works in major units (yuan) with doubles and rounds each part to 0.01 by
// Math.round(x·100)/100. Its annuity is used as it comes. For the other models its documented
// custom-instalment hook (a function as loanType) supplies the parts; it must be handed a rate
// above zero, which the hook ignores. Its schedule is read back in fen from `installment`,
// `capital` and `interest`, which is what a page would show.
function flatHook(plan) {
  // The hook is called once per period with the capital repaid so far; only period 1 has none.
  const fee = plan.fee;
  return (amountMajor, n, capitalSum) => {
    const amount = Math.round(amountMajor * 100);
    const first = capitalSum === 0;
    const each = Math.floor(amount / n);
    const capital = first ? amount - each * (n - 1) : each;
    let interest = 0;
    if (fee.model === 'flatTotal' && fee.payer !== 'merchant') {
      const total = roundHalfEven(amount * Number(fee.rate));
      const feeEach = Math.floor(total / n);
      interest = first ? total - feeEach * (n - 1) : feeEach;
    } else if (fee.model === 'perPeriod') {
      interest = roundHalfEven(amount * Number(fee.rate));
    }
    return { capital: capital / 100, interest: interest / 100, installment: (capital + interest) / 100 };
  };
}

export function loanjsSchedule(amount, plan) {
  const fee = plan.fee;
  const loan = fee.model === 'annuity'
    ? Loan(amount / 100, plan.periods, Number(fee.annualRate) * 100, 'annuity')
    : Loan(amount / 100, plan.periods, 1, flatHook(plan));
  const n = loan.installments.length;
  const principal = new Array(n);
  const fees = new Array(n);
  for (let k = 0; k < n; k++) {
    const inst = loan.installments[k];
    principal[k] = Math.round(inst.capital * 100);
    fees[k] = Math.round(inst.interest * 100);
  }
  return { loan, principal, fees };
}

function loanjsEstimate(amount, currency, plan) {
  const { principal, fees } = loanjsSchedule(amount, plan);
  const merchantFee = plan.fee.model === 'flatTotal' && plan.fee.payer === 'merchant'
    ? roundHalfEven(amount * Number(plan.fee.rate))
    : 0;
  return estimateOf(plan, currency, amount, principal, fees, merchantFee);
}

export function loanjsCompare(amount, currency, plans) {
  return comparison(plans.map((p) => loanjsEstimate(amount, currency, p)));
}
