//! Repayment schedules for each fee model, exact to the minor unit, and their annualised rates.
//!
//! Every sum is integer arithmetic in u128 (an amount below 2^53 times a rate below 10^10 fits
//! with room to spare); rounding happens only where the rules in docs/rounding.md say, and the
//! schedule always adds up to the total repayment.

use alloc::string::String;
use alloc::vec::Vec;

use super::bigint::Big;
use super::error::{digits, Code, Error, Result};
use super::irr::{solve, AnnualRate, Flow};
use super::math;
use super::money::Currency;
use super::plan::{Fee, Plan};
use super::rate::SCALE;
use super::value::MAX_SAFE;

/// One period of a schedule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line {
    /// 1 for the first month.
    pub period: u32,
    /// Principal repaid this period.
    pub principal: u64,
    /// Fee or interest paid this period.
    pub fee: u64,
    /// principal + fee.
    pub payment: u64,
}

/// What a plan costs the shopper for one amount.
#[derive(Clone, Debug, PartialEq)]
pub struct Estimate {
    /// The plan's id.
    pub plan_id: String,
    /// The currency of every amount.
    pub currency: Currency,
    /// The amount paid in instalments.
    pub amount: u64,
    /// The number of periods.
    pub periods: u32,
    /// Period by period; sums exactly to `total_repayment`.
    pub schedule: Vec<Line>,
    /// Fees the shopper pays; zero when interest-free.
    pub total_fee: u64,
    /// amount + total_fee.
    pub total_repayment: u64,
    /// Fees the merchant pays on the shopper's behalf.
    pub merchant_fee: u64,
    /// True when the shopper pays nothing for the credit.
    pub interest_free: bool,
    /// The IRR of the shopper's cash flows.
    pub rate: AnnualRate,
}

impl Estimate {
    /// The payment of a period that is not the first, if the plan has one: what the shopper
    /// pays most months.
    pub fn regular_payment(&self) -> u64 {
        self.schedule
            .get(1)
            .or(self.schedule.first())
            .map_or(0, |l| l.payment)
    }
}

/// Rounds num/den to the nearest integer, ties to even (banker's rounding).
pub fn div_half_even(num: u128, den: u128) -> u128 {
    let (q, r) = (num / den, num % den);
    match (2 * r).cmp(&den) {
        core::cmp::Ordering::Less => q,
        core::cmp::Ordering::Greater => q + 1,
        core::cmp::Ordering::Equal => q + (q & 1),
    }
}

/// Rounds num/den to the nearest integer, ties away from zero.
pub fn div_half_up(num: u128, den: u128) -> u128 {
    (2 * num + den) / (2 * den)
}

/// Computes the schedule, totals and rates of `plan` for `amount` minor units.
pub fn estimate(amount: u64, currency: Currency, plan: &Plan) -> Result<Estimate> {
    let n = plan.periods;
    let a = amount as u128;
    let (schedule, merchant_fee) = match plan.fee {
        Fee::FlatTotal {
            rate,
            merchant_pays,
        } => {
            let fee = div_half_even(a * rate.nanos() as u128, SCALE as u128);
            if merchant_pays {
                (split(a, 0, n), fee)
            } else {
                (split(a, fee, n), 0)
            }
        }
        Fee::PerPeriod { rate } => {
            let each = div_half_even(a * rate.nanos() as u128, SCALE as u128);
            (split(a, each * n as u128, n), 0)
        }
        Fee::InterestFree => (split(a, 0, n), 0),
        Fee::Annuity { annual_rate } => (annuity(a, annual_rate.nanos(), n), 0),
    };
    let total_fee: u128 = schedule.iter().map(|l| l.fee as u128).sum();
    let total_repayment = a + total_fee;
    if total_repayment > MAX_SAFE as u128 || merchant_fee > MAX_SAFE as u128 {
        return Err(Error::new(
            Code::AmountOutOfRange,
            "amountMinor",
            &[
                "is too large for this plan: the total repayment would pass Number.MAX_SAFE_INTEGER (",
                &digits(MAX_SAFE as u128),
                ") and could not be exact in JS",
            ],
        ));
    }
    let rate = if total_fee == 0 {
        AnnualRate::ZERO
    } else {
        let mut flows = Vec::with_capacity(schedule.len() + 1);
        flows.push(Flow {
            months: 0.0,
            amount: amount as i64,
        });
        flows.extend(schedule.iter().map(|l| Flow {
            months: l.period as f64,
            amount: -(l.payment as i64),
        }));
        solve(&flows)?
    };
    Ok(Estimate {
        plan_id: plan.id.clone(),
        currency,
        amount,
        periods: n,
        schedule,
        total_fee: total_fee as u64,
        total_repayment: total_repayment as u64,
        merchant_fee: merchant_fee as u64,
        interest_free: total_fee == 0,
        rate,
    })
}

fn line(period: u32, principal: u128, fee: u128) -> Line {
    // Amounts below 2^53 and fees of at most ten times them: well inside u64.
    Line {
        period,
        principal: principal as u64,
        fee: fee as u64,
        payment: (principal + fee) as u64,
    }
}

/// Splits principal and a total fee over n periods: floor shares, both remainders in period 1.
fn split(principal: u128, fee: u128, n: u32) -> Vec<Line> {
    let n128 = n as u128;
    let (p, f) = (principal / n128, fee / n128);
    let mut lines = Vec::with_capacity(n as usize);
    lines.push(line(1, p + principal % n128, f + fee % n128));
    for period in 2..=n {
        lines.push(line(period, p, f));
    }
    lines
}

/// An amortising loan at `annual_nanos`/12 a month: a level payment rounded half-up, interest on
/// the balance rounded half-up each month, and the last period clearing what is left.
fn annuity(principal: u128, annual_nanos: u64, n: u32) -> Vec<Line> {
    // i = annual / 12 exactly, as the ratio annual_nanos / (12·10^9).
    let d = 12 * SCALE;
    let payment = level_payment(principal, annual_nanos, d, n);
    let mut balance = principal;
    let mut lines = Vec::with_capacity(n as usize);
    for period in 1..=n {
        let interest = div_half_up(balance * annual_nanos as u128, d as u128);
        // The rounded level payment can run ahead of a tiny balance; a period never repays
        // more principal than is still owed, and the last one repays all of it.
        let part = if period == n {
            balance
        } else {
            payment.saturating_sub(interest).min(balance)
        };
        balance -= part;
        lines.push(line(period, part, interest));
    }
    lines
}

/// P·i/(1−(1+i)^−n) rounded half-up, with i = a/d. Doubles find it: their result is within about
/// 1e-15 of the true value (1 − (1+i)^−n is taken as −expm1(−n·log1p(i)), which loses nothing when
/// i is tiny). Only a value within a billionth of a rounding boundary, where that error could
/// matter, is settled exactly.
fn level_payment(principal: u128, a: u64, d: u64, n: u32) -> u128 {
    if a == 0 {
        return div_half_up(principal, n as u128);
    }
    let i = a as f64 / d as f64;
    let x = principal as f64 * i / -math::exp_m1(-(n as f64) * math::ln_1p(i));
    let below = math::floor(x);
    let frac = x - below;
    if x.is_finite() && x < 9.0e15 && (frac - 0.5).abs() > 1e-9 * x.max(1.0) {
        return below as u128 + (frac > 0.5) as u128;
    }
    exact_level_payment(principal, a, d, n)
}

/// The level payment exactly: P·a·B^n / (d·(B^n − d^n)) where B = d + a, rounded half-up.
fn exact_level_payment(principal: u128, a: u64, d: u64, n: u32) -> u128 {
    let bn = Big::pow(d + a, n);
    let dn = Big::pow(d, n);
    let num = bn.mul_u64(principal as u64).mul_u64(a);
    // B > d, so B^n − d^n is positive.
    let den = bn.sub(&dn).unwrap_or_else(|| Big::from_u128(1)).mul_u64(d);
    // Half-up: ⌊(2·num + den) / (2·den)⌋. The payment is below 2·P·(1+i) < 2^64.
    let twice_den = den.mul_u64(2);
    let q = Big::div_small_quotient(&num.mul_u64(2).add(&den), &twice_den).unwrap_or(u64::MAX);
    q as u128
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::engine::rate::Rate;

    fn plan(periods: u32, fee: Fee) -> Plan {
        Plan {
            id: "p".into(),
            label: None,
            provider: None,
            periods,
            fee,
            min_amount: None,
            max_amount: None,
        }
    }

    fn cny() -> Currency {
        Currency::parse("CNY", "currency").expect("CNY is in the table")
    }

    fn flat(nanos: u64) -> Fee {
        Fee::FlatTotal {
            rate: Rate::from_nanos(nanos),
            merchant_pays: false,
        }
    }

    #[test]
    fn rounding_helpers_follow_their_rules() {
        assert_eq!(div_half_even(25, 10), 2);
        assert_eq!(div_half_even(35, 10), 4);
        assert_eq!(div_half_even(26, 10), 3);
        assert_eq!(div_half_even(24, 10), 2);
        assert_eq!(div_half_up(25, 10), 3);
        assert_eq!(div_half_up(24, 10), 2);
    }

    #[test]
    fn interest_free_splits_the_remainder_into_period_one() {
        let e = estimate(100, cny(), &plan(3, Fee::InterestFree)).expect("estimate");
        let payments: Vec<u64> = e.schedule.iter().map(|l| l.payment).collect();
        assert_eq!(payments, vec![34, 33, 33]);
        assert!(e.interest_free);
        assert_eq!(e.rate, AnnualRate::ZERO);
    }

    #[test]
    fn a_zero_amount_costs_nothing() {
        for fee in [
            flat(75_000_000),
            Fee::PerPeriod {
                rate: Rate::from_nanos(6_000_000),
            },
            Fee::InterestFree,
        ] {
            let e = estimate(0, cny(), &plan(12, fee)).expect("estimate");
            assert_eq!((e.total_repayment, e.total_fee), (0, 0));
            assert_eq!(e.rate, AnnualRate::ZERO);
        }
    }

    #[test]
    fn merchant_paid_flat_fees_leave_the_shopper_interest_free() {
        let fee = Fee::FlatTotal {
            rate: Rate::from_nanos(75_000_000),
            merchant_pays: true,
        };
        let e = estimate(111111, cny(), &plan(12, fee)).expect("estimate");
        assert_eq!(
            (e.total_fee, e.merchant_fee, e.total_repayment),
            (0, 8333, 111111)
        );
        assert!(e.interest_free);
        assert_eq!(e.rate, AnnualRate::ZERO);
    }

    #[test]
    fn a_tiny_fee_that_rounds_to_nothing_is_interest_free() {
        let e = estimate(10, cny(), &plan(3, flat(1))).expect("estimate");
        assert_eq!(e.total_fee, 0);
        assert!(e.interest_free);
    }

    #[test]
    fn a_total_past_max_safe_is_refused_not_rounded() {
        let err = estimate(MAX_SAFE, cny(), &plan(12, flat(75_000_000))).expect_err("too large");
        assert_eq!(
            (err.code, err.field.as_str()),
            (Code::AmountOutOfRange, "amountMinor")
        );
        assert!(estimate(MAX_SAFE, cny(), &plan(12, Fee::InterestFree)).is_ok());
    }

    #[test]
    fn annuity_with_zero_rate_is_p_over_n_with_the_rest_last() {
        let e = estimate(
            100,
            cny(),
            &plan(
                3,
                Fee::Annuity {
                    annual_rate: Rate::from_nanos(0),
                },
            ),
        )
        .expect("estimate");
        let payments: Vec<u64> = e.schedule.iter().map(|l| l.payment).collect();
        assert_eq!(payments, vec![33, 33, 34]);
    }

    #[test]
    fn annuity_never_lets_the_balance_go_negative() {
        // 2 over 4 periods: the level payment rounds up to 1, which would overpay by period 3.
        let e = estimate(
            2,
            cny(),
            &plan(
                4,
                Fee::Annuity {
                    annual_rate: Rate::from_nanos(0),
                },
            ),
        )
        .expect("estimate");
        let principal: Vec<u64> = e.schedule.iter().map(|l| l.principal).collect();
        assert_eq!(principal, vec![1, 1, 0, 0]);
        assert_eq!(e.total_repayment, 2);
    }

    proptest::proptest! {
        #[test]
        fn the_fast_level_payment_is_the_exact_one(
            principal in 0u128..=9_007_199_254_740_991,
            annual in 1u64..=10_000_000_000,
            n in 1u32..=60,
        ) {
            let d = 12 * SCALE;
            proptest::prop_assert_eq!(level_payment(principal, annual, d, n), exact_level_payment(principal, annual, d, n));
        }
    }

    #[test]
    fn ties_and_tiny_rates_are_settled_exactly() {
        let d = 12 * SCALE;
        // A billionth of a percent a year over 60 months: 1 − (1+i)^−60 is about 5e-11.
        for principal in [1u128, 999, 123_456_789, 9_007_199_254_740_991] {
            assert_eq!(
                level_payment(principal, 1, d, 60),
                exact_level_payment(principal, 1, d, 60)
            );
        }
        // Exactly half a fen at 0%: 3 over 2 periods is 1.5, which rounds half-up to 2.
        assert_eq!(level_payment(3, 0, d, 2), 2);
    }

    #[test]
    fn level_payment_matches_the_closed_form() {
        // 15000 at 8% a year over 60 months: 304.145914… (numpy-financial's pmt example).
        let p = level_payment(1_500_000, 80_000_000, 12 * SCALE, 60);
        assert_eq!(p, 30415);
        // 35000 at 8.5% over 360 months: 269.12 by the closed form.
        let i: f64 = 0.085 / 12.0;
        let exact = 3_500_000.0 * i / (1.0 - (1.0 + i).powi(-360));
        assert_eq!(
            level_payment(3_500_000, 85_000_000, 12 * SCALE, 360) as f64,
            exact.round()
        );
    }
}
