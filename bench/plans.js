// The workload every compute and assess figure uses: twelve plans a Chinese checkout could
// plausibly offer at once, covering all four fee models and periods from 3 to 24, so no single
// code path (the annuity's level payment, the flat fee's remainders, the zero-rate shortcut)
// dominates the average. No plan has an eligibility range, so all twelve are costed every time
// and both sides do the same amount of work.
export const PLANS = [
  { id: 'huabei-3', provider: 'huabei', periods: 3, fee: { model: 'flatTotal', rate: '0.023' } },
  { id: 'huabei-6', provider: 'huabei', periods: 6, fee: { model: 'flatTotal', rate: '0.045' } },
  { id: 'huabei-12', provider: 'huabei', periods: 12, fee: { model: 'flatTotal', rate: '0.075' } },
  { id: 'huabei-12-shop', provider: 'huabei', periods: 12, fee: { model: 'flatTotal', rate: '0.075', payer: 'merchant' } },
  { id: 'card-3', provider: 'credit_card', periods: 3, fee: { model: 'perPeriod', rate: '0.009' } },
  { id: 'card-6', provider: 'credit_card', periods: 6, fee: { model: 'perPeriod', rate: '0.0075' } },
  { id: 'card-12', provider: 'credit_card', periods: 12, fee: { model: 'perPeriod', rate: '0.006' } },
  { id: 'card-24', provider: 'credit_card', periods: 24, fee: { model: 'perPeriod', rate: '0.006' } },
  { id: 'loan-6', provider: 'bnpl', periods: 6, fee: { model: 'annuity', annualRate: '0.0499' } },
  { id: 'loan-12', provider: 'bnpl', periods: 12, fee: { model: 'annuity', annualRate: '0.1299' } },
  { id: 'loan-24', provider: 'bnpl', periods: 24, fee: { model: 'annuity', annualRate: '0.0599' } },
  { id: 'free-24', provider: 'bnpl', periods: 24, fee: { model: 'interestFree' } },
];

// The basket the throughput runs on: 1111.11 yuan, the Huabei worked example's amount.
export const AMOUNT = 111_111;

// The baskets the accuracy check sweeps: small, odd, round and large totals, so remainders,
// half-way roundings and long balances all occur. Deterministic, so runs compare.
export function accuracyAmounts() {
  const fixed = [100, 101, 999, 1_000, 9_999, 33_333, 100_000, 111_111, 123_457, 500_000,
    999_999, 1_000_000, 1_234_567, 2_000_000, 9_999_999, 50_000_000];
  // A small linear congruential sequence: reproducible without a seedable RNG package.
  let x = 20_240_611;
  const drawn = [];
  for (let i = 0; i < 48; i++) {
    x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
    drawn.push(100 + (x % 5_000_000));
  }
  return [...fixed, ...drawn];
}
