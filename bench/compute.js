// The Node figures: compare() throughput against the JS peers, assess() per call, and the APR
// accuracy of every side against the exact reference.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { PLANS, AMOUNT, accuracyAmounts } from './plans.js';
import { financialCompare, loanjsCompare, loanjsSchedule } from './peers.js';
import { exactSchedule, exactIrr, relativeError, residual } from './reference.js';
import { batches, summary } from './timing.js';

const require = createRequire(import.meta.url);
const root = new URL('..', import.meta.url).pathname;

function version(pkg) {
  return JSON.parse(readFileSync(`${root}node_modules/${pkg}/package.json`, 'utf8')).version;
}

// The CommonJS build (pkg/node), from wherever the bench put its copy of the release build.
export function loadOursFrom(file = `${root}pkg/node/instalment_guard.js`) {
  return require(file);
}

// Amounts the timed loops walk through, so no side sees one basket forever.
const ROTATION = [AMOUNT, 100_000, 33_333, 299_900, 1_234_567, 8_888, 56_789, 500_000];

export function throughput(ours, { rounds = 12, batchMs = 25, count = 3 } = {}) {
  const sides = [
    { name: 'instalment-guard', fn: (i) => ours.compare(ROTATION[i & 7], 'CNY', PLANS) },
    { name: 'financial', fn: (i) => financialCompare(ROTATION[i & 7], 'CNY', PLANS) },
    { name: 'loanjs', fn: (i) => loanjsCompare(ROTATION[i & 7], 'CNY', PLANS) },
  ];
  const perCall = Object.fromEntries(sides.map((s) => [s.name, []]));
  const ratios = { financial: [], loanjs: [] };
  // Short rounds, round-robin: on a shared machine the load changes within seconds, and a side
  // timed alone through a busy spell would look slower than it is. The ratio is taken within
  // each round, where all sides saw the same conditions, and the median of those is reported.
  for (let r = 0; r < rounds; r++) {
    const round = {};
    for (const s of sides) {
      const b = batches(s.fn, { warmMs: r === 0 ? 300 : 20, batchMs, count }).perCallUs;
      perCall[s.name].push(...b);
      round[s.name] = summary(b).median;
    }
    for (const peer of Object.keys(ratios)) ratios[peer].push(round[peer] / round['instalment-guard']);
  }
  const out = {};
  for (const s of sides) {
    const st = summary(perCall[s.name]);
    out[s.name] = { usPerCall: st, opsPerSec: 1e6 / st.median };
  }
  out.ratio = Object.fromEntries(Object.entries(ratios).map(([k, v]) => [k, summary(v).median]));
  out.rounds = rounds;
  return out;
}

export function assessNode(ours) {
  const config = { currency: 'CNY', plans: PLANS };
  const fn = (i) => ours.assess(config, { amountMinor: ROTATION[i & 7], selectedPlanId: null });
  const v = fn(0);
  const res = batches(fn, { warmMs: 300, batchMs: 40, count: 20 });
  return { usPerCall: summary(res.perCallUs), batchSize: res.batchSize, remind: v.remind, estimates: v.estimates.length };
}

// ---- accuracy ---------------------------------------------------------------------------------

function scheduleCheck(paymentsFen, exact, statedTotal) {
  // Per-period difference from the exact schedule, and whether the payments add up to the total
  // the same result states.
  let wrong = 0;
  let maxDiff = 0;
  for (let i = 0; i < exact.payments.length; i++) {
    const d = Math.abs(paymentsFen[i] - Number(exact.payments[i]));
    if (d) wrong++;
    maxDiff = Math.max(maxDiff, d);
  }
  const sum = paymentsFen.reduce((s, p) => s + p, 0);
  return { wrong, maxDiff, sumGap: statedTotal == null ? 0 : Math.abs(sum - statedTotal) };
}

function blank() {
  return {
    plans: 0,
    schedulesWrong: 0,
    periodsWrong: 0,
    maxPeriodDiffFen: 0,
    sumMismatches: 0,
    maxSumGapFen: 0,
    maxRelErrOwnSchedule: 0,
    maxRelErrVsExact: 0,
    // The same from 100 yuan up: a peer's rounding can dominate on a basket of a few yuan.
    maxRelErrVsExactFrom100Yuan: 0,
    worstVsExact: null,
    maxResidualOwnSchedule: 0,
    zeroRatesNotZero: 0,
    failures: 0,
    worst: null,
  };
}

function fold(acc, { check, relOwn, relExact, resid, zeroMiss, failed, label, amount }) {
  acc.plans++;
  if (failed) {
    acc.failures++;
    return;
  }
  if (check.wrong) acc.schedulesWrong++;
  acc.periodsWrong += check.wrong;
  acc.maxPeriodDiffFen = Math.max(acc.maxPeriodDiffFen, check.maxDiff);
  if (check.sumGap) acc.sumMismatches++;
  acc.maxSumGapFen = Math.max(acc.maxSumGapFen, check.sumGap);
  if (relOwn > acc.maxRelErrOwnSchedule) {
    acc.maxRelErrOwnSchedule = relOwn;
    acc.worst = label;
  }
  if (relExact > acc.maxRelErrVsExact) {
    acc.maxRelErrVsExact = relExact;
    acc.worstVsExact = label;
  }
  if (amount >= 10_000) acc.maxRelErrVsExactFrom100Yuan = Math.max(acc.maxRelErrVsExactFrom100Yuan, relExact);
  acc.maxResidualOwnSchedule = Math.max(acc.maxResidualOwnSchedule, resid);
  if (zeroMiss) acc.zeroRatesNotZero++;
}

export function accuracy(ours) {
  const amounts = accuracyAmounts();
  const sides = { 'instalment-guard': blank(), financial: blank(), loanjs: blank() };
  const irrCache = new Map();
  const irrFor = (amount, payments) => {
    const key = amount + ':' + payments.join(',');
    if (!irrCache.has(key)) irrCache.set(key, exactIrr(amount, payments));
    return irrCache.get(key);
  };
  for (const amount of amounts) {
    const results = {
      'instalment-guard': ours.compare(amount, 'CNY', PLANS),
      financial: financialCompare(amount, 'CNY', PLANS),
      loanjs: loanjsCompare(amount, 'CNY', PLANS),
    };
    for (const plan of PLANS) {
      const exact = exactSchedule(amount, plan);
      const exactRef = irrFor(amount, exact.payments);
      for (const [name, cmp] of Object.entries(results)) {
        const e = cmp.estimates.find((x) => x.planId === plan.id);
        const label = `${plan.id} @ ${amount}`;
        if (!e || !Number.isFinite(e.monthlyRate)) {
          fold(sides[name], { failed: true });
          continue;
        }
        const payments = e.schedule.map((s) => s.paymentMinor);
        // What the result itself claims the shopper repays: ours states it; for loanjs the
        // package's own `sum`; financial has no total of its own beyond the one we add up.
        let stated = e.totalRepaymentMinor;
        if (name === 'loanjs') stated = Math.round(loanjsSchedule(amount, plan).loan.sum * 100);
        const check = scheduleCheck(payments, exact, stated);
        const ownRef = irrFor(amount, payments.map(BigInt));
        fold(sides[name], {
          check,
          relOwn: relativeError(e.monthlyRate, ownRef),
          relExact: relativeError(e.monthlyRate, exactRef),
          resid: residual(e.monthlyRate, amount, payments),
          zeroMiss: exactRef.exactZero && e.monthlyRate !== 0,
          label,
          amount,
        });
      }
    }
  }
  return { amounts: amounts.length, plansPerAmount: PLANS.length, sides };
}

export function peerVersions() {
  return { financial: version('financial'), loanjs: version('loanjs') };
}

// Where compare's time goes, plan by plan: one estimate() per fee model and period count. Not a
// target, a pointer for whoever makes compare faster.
export function estimateByPlan(ours) {
  const out = {};
  for (const plan of PLANS) {
    const res = batches((i) => ours.estimate(ROTATION[i & 7], 'CNY', plan), { warmMs: 60, batchMs: 10, count: 7 });
    out[plan.id] = summary(res.perCallUs).median;
  }
  // The boundary alone: the cheapest possible call, an annualRate of two flows.
  const flows = [{ months: 0, amountMinor: 10_000 }, { months: 1, amountMinor: -10_100 }];
  out['annualRate(2 flows)'] = summary(batches(() => ours.annualRate(flows), { warmMs: 60, batchMs: 10, count: 7 }).perCallUs).median;
  return out;
}
