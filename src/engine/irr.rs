//! The annualised rate by the IRR method: the monthly rate r at which the shopper's repayments,
//! discounted by (1+r)^−t, are worth exactly what they were advanced.
//!
//! The solver works in x = ln(1+r), where the discount factors are e^−xt: smooth, defined for
//! every x, and never overflowing once each sum is scaled by its largest factor. A bracket is
//! found first and kept, so Newton's method is only taken when it stays inside it, and bisection
//! finishes the job when it does not: the solver cannot diverge or return NaN.

use super::error::{insertion_sort, Code, Error, Result};
use super::math::{exp, exp_m1, is_whole, ln, powi};
use super::value::{items, Fields, Value, MAX_SAFE};
use alloc::vec::Vec;

/// One cash flow: `amount` minor units at `months` after the start; + to the shopper, − from them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Flow {
    /// When, in months from the start; may be fractional.
    pub months: f64,
    /// How much, in minor units; positive when advanced to the shopper.
    pub amount: i64,
}

/// A rate three ways: per month, nominal per year (12·r) and effective per year ((1+r)^12 − 1).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AnnualRate {
    /// The monthly IRR r.
    pub monthly: f64,
    /// 12·r: the APR of US Regulation Z and of the PBoC's 2021 rule.
    pub nominal: f64,
    /// (1+r)^12 − 1: the APRC of the EU and UK.
    pub effective: f64,
}

impl AnnualRate {
    /// Exactly zero: no cost for the credit.
    pub const ZERO: AnnualRate = AnnualRate {
        monthly: 0.0,
        nominal: 0.0,
        effective: 0.0,
    };

    fn from_log(x: f64) -> AnnualRate {
        let monthly = exp_m1(x);
        AnnualRate {
            monthly,
            nominal: 12.0 * monthly,
            effective: exp_m1(12.0 * x),
        }
    }
}

/// The keys a `CashFlow` object may have.
pub const FLOW_FIELDS: [&str; 2] = ["months", "amountMinor"];

/// The longest horizon accepted: a century of months.
pub const MAX_MONTHS: f64 = 1200.0;

/// The widest x searched: monthly rates from −100% (less 10^−21) to about 5·10^21, which takes in
/// any ratio of safe-integer amounts a month apart.
const X_LIMIT: f64 = 50.0;

/// Checks a `CashFlow[]` found at `path`.
pub fn flows_from_value(value: &Value, path: &str) -> Result<Vec<Flow>> {
    let mut flows = Vec::new();
    for (item_path, item) in items(value, path, Code::InvalidCashFlow)? {
        let f = Fields::open(item, &item_path, Code::InvalidCashFlow, &FLOW_FIELDS)?;
        let months = match f.get("months") {
            Some(Value::Number(m)) if m.is_finite() && (0.0..=MAX_MONTHS).contains(m) => *m,
            Some(other) => {
                return Err(Error::new(
                    Code::InvalidCashFlow,
                    &f.path("months"),
                    &[
                        "must be a number of months from 0 to 1200, got ",
                        other.kind(),
                    ],
                ))
            }
            None => {
                return Err(Error::new(
                    Code::InvalidCashFlow,
                    &f.path("months"),
                    &["is required"],
                ))
            }
        };
        let amount = match f.get("amountMinor") {
            Some(Value::Number(a)) if is_whole(*a) && a.abs() <= MAX_SAFE as f64 => *a as i64,
            Some(other) => {
                return Err(Error::new(
                    Code::InvalidAmount,
                    &f.path("amountMinor"),
                    &["must be a safe whole number of minor units, + to the shopper and − paid back; got ", other.kind()],
                ))
            }
            None => return Err(Error::new(Code::InvalidAmount, &f.path("amountMinor"), &["is required"])),
        };
        flows.push(Flow { months, amount });
    }
    Ok(flows)
}

/// Solves for the rate at which `flows` are worth zero. Where several rates exist (flows that
/// change sign more than once), the one nearest zero is returned.
pub fn solve(flows: &[Flow]) -> Result<AnnualRate> {
    let no_solution = |why: &str| Err(Error::new(Code::NoSolution, "flows", &[why]));
    if !flows.iter().any(|f| f.amount > 0) || !flows.iter().any(|f| f.amount < 0) {
        return no_solution(
            "need at least one amount advanced (+) and one paid back (−) for a rate to exist",
        );
    }
    let sum: i128 = flows.iter().map(|f| f.amount as i128).sum();
    if sum == 0 {
        // Paid back exactly what was advanced: the rate is zero, exactly, not nearly.
        return Ok(AnnualRate::ZERO);
    }
    // Schedules arrive in time order with no zero flows; only other lists are copied and sorted.
    let in_order =
        flows.windows(2).all(|w| w[0].months <= w[1].months) && flows.iter().all(|f| f.amount != 0);
    let owned: Vec<Flow>;
    let sorted: &[Flow] = if in_order {
        flows
    } else {
        let mut v: Vec<Flow> = flows.iter().copied().filter(|f| f.amount != 0).collect();
        insertion_sort(&mut v, |a, b| a.months < b.months);
        owned = v;
        &owned
    };
    let pv = Discounter::new(sorted);
    let sign0 = sum.signum() as f64;

    let bracket = match single_sign_change(sorted) {
        // One root, and the signs at both ends are known without evaluating: at zero it is the
        // sign of the (exact) sum; far out on the root's side it is the other one. Newton then
        // starts from the guess, inside the bracket.
        Some(guess) => {
            let first = sorted.first().map_or(0.0, |f| f.amount.signum() as f64);
            let side = if first != sign0 { 1.0 } else { -1.0 };
            let start = if guess * side > 0.0 && guess.abs() < X_LIMIT {
                guess
            } else {
                side * 1e-2
            };
            Some(Bracket::new(
                0.0,
                sign0,
                side * X_LIMIT,
                -sign0,
                start,
                None,
            ))
        }
        None => pv.nearest_bracket(sign0),
    };
    let x = bracket
        .map(|b| pv.refine(b))
        .filter(|x| x.abs() < X_LIMIT * (1.0 - 1e-12));
    match x {
        Some(x) => Ok(AnnualRate::from_log(x)),
        None => {
            no_solution("have no monthly rate between −100% and 5·10^21 that values them at zero")
        }
    }
}

/// When the flows, in time order, change sign once (an advance, then repayments: every loan),
/// there is exactly one rate; returns a first guess at its x. Otherwise `None`.
fn single_sign_change(sorted: &[Flow]) -> Option<f64> {
    let first_sign = sorted.first()?.amount.signum();
    let split = sorted
        .iter()
        .position(|f| f.amount.signum() != first_sign)?;
    if sorted[split..]
        .iter()
        .any(|f| f.amount.signum() == first_sign)
    {
        return None;
    }
    // Two lumps at their weighted mean times: solving S_first·e^(−x·t_first) = S_later·e^(−x·t_later)
    // gives a guess that is exact for a single repayment and close for level ones.
    let lump = |fs: &[Flow]| {
        let total: f64 = fs.iter().map(|f| f.amount.unsigned_abs() as f64).sum();
        let time = fs
            .iter()
            .map(|f| f.amount.unsigned_abs() as f64 * f.months)
            .sum::<f64>()
            / total;
        (total, time)
    };
    let (s_first, t_first) = lump(&sorted[..split]);
    let (s_later, t_later) = lump(&sorted[split..]);
    let guess = ln(s_later / s_first) / (t_later - t_first);
    Some(if guess.is_finite() { guess } else { 0.01 })
}

/// Present values of a fixed set of flows at any x.
struct Discounter<'a> {
    flows: &'a [Flow],
    /// Every flow falls on a whole month.
    whole_months: bool,
    t_min: f64,
    t_max: f64,
}

/// A running sum of discounted flows and of their derivative.
#[derive(Default)]
struct Sums {
    value: f64,
    slope: f64,
}

impl Sums {
    #[inline(always)]
    fn add(&mut self, f: &Flow, factor: f64) {
        let a = f.amount as f64 * factor;
        self.value += a;
        self.slope -= f.months * a;
    }
}

/// The walk through whole-month flows: the discount factor of each from the one before.
struct Walk {
    u: f64,
    factor: f64,
    prev: f64,
    sums: Sums,
}

impl Walk {
    #[inline(always)]
    fn visit(&mut self, f: &Flow) {
        let gap = (f.months - self.prev).abs() as u32;
        self.prev = f.months;
        self.factor *= if gap == 1 { self.u } else { powi(self.u, gap) };
        self.sums.add(f, self.factor);
    }
}

impl<'a> Discounter<'a> {
    fn new(sorted: &'a [Flow]) -> Discounter<'a> {
        Discounter {
            flows: sorted,
            whole_months: sorted.iter().all(|f| is_whole(f.months)),
            t_min: sorted.first().map_or(0.0, |f| f.months),
            t_max: sorted.last().map_or(0.0, |f| f.months),
        }
    }

    /// The present value at x and its derivative, both multiplied by the same positive factor so
    /// that the largest discount factor is 1: signs and their ratio are exact, nothing overflows.
    fn eval(&self, x: f64) -> (f64, f64) {
        let u = exp(-x.abs());
        let mut sums = Sums::default();
        if self.whole_months {
            // Powers of one exponential, each from the last, walking away from the reference
            // flow (the first for x ≥ 0, the last for x < 0): a month apart is one product.
            let mut walk = Walk {
                u,
                factor: 1.0,
                prev: if x >= 0.0 { self.t_min } else { self.t_max },
                sums,
            };
            if x >= 0.0 {
                for f in self.flows {
                    walk.visit(f);
                }
            } else {
                for f in self.flows.iter().rev() {
                    walk.visit(f);
                }
            }
            sums = walk.sums;
        } else {
            let t_ref = if x >= 0.0 { self.t_min } else { self.t_max };
            for f in self.flows {
                sums.add(f, exp(-x.abs() * (f.months - t_ref).abs()));
            }
        }
        (sums.value, sums.slope)
    }

    fn sign(&self, x: f64) -> f64 {
        sign_of(self.eval(x).0)
    }

    /// The bracket of the root nearest zero, scanning both sides at growing distances.
    fn nearest_bracket(&self, sign0: f64) -> Option<Bracket> {
        let (mut prev, mut step) = (0.0, 1e-4);
        let (mut above, mut below) = (sign0, sign0);
        while prev < X_LIMIT {
            let next = f64::min(step, X_LIMIT);
            let s = self.sign(next);
            if s != above {
                return Some(Bracket::new(
                    prev,
                    above,
                    next,
                    s,
                    0.5 * (prev + next),
                    None,
                ));
            }
            let t = self.sign(-next);
            if t != below {
                return Some(Bracket::new(
                    -prev,
                    below,
                    -next,
                    t,
                    -0.5 * (prev + next),
                    None,
                ));
            }
            (prev, above, below) = (next, s, t);
            step *= 1.5;
        }
        None
    }

    /// Safeguarded Newton inside the bracket, from its starting point. A step is bisection
    /// instead whenever Newton would leave the bracket or would not halve the last step, so the
    /// bracket shrinks at least geometrically and the loop always ends at the root.
    fn refine(&self, b: Bracket) -> f64 {
        let Bracket {
            mut lo,
            sign_lo,
            mut hi,
            start,
            known,
        } = b;
        if sign_lo == 0.0 {
            return lo;
        }
        let mut x = start;
        let (mut value, mut slope) = known.unwrap_or_else(|| self.eval(x));
        let (mut step, mut last) = (hi - lo, hi - lo);
        for _ in 0..400 {
            if value == 0.0 {
                return x;
            }
            if sign_of(value) == sign_lo {
                lo = x;
            } else {
                hi = x;
            }
            let newton = x - value / slope;
            let newton_ok =
                newton >= lo && newton <= hi && (2.0 * value).abs() <= (last * slope).abs();
            last = step;
            if newton_ok {
                step = x - newton;
                x = newton;
            } else {
                step = 0.5 * (hi - lo);
                x = lo + step;
            }
            // Converged: the last move was within rounding of x.
            if step.abs() <= 2.0 * f64::EPSILON * x.abs().max(f64::MIN_POSITIVE) {
                return x;
            }
            (value, slope) = self.eval(x);
        }
        x
    }
}

/// −1, 0 or 1: an exact zero counts as a change of sign, since it is the root itself.
fn sign_of(v: f64) -> f64 {
    if v > 0.0 {
        1.0
    } else if v < 0.0 {
        -1.0
    } else {
        0.0
    }
}

/// An interval whose ends have opposite signs (or an end that is the root), where to start in
/// it, and the present value and slope there when they are already known.
struct Bracket {
    lo: f64,
    sign_lo: f64,
    hi: f64,
    start: f64,
    known: Option<(f64, f64)>,
}

impl Bracket {
    /// Orders the ends; a zero sign at `b` makes it the answer. `start` must lie in [a, b].
    fn new(
        a: f64,
        sign_a: f64,
        b: f64,
        sign_b: f64,
        start: f64,
        known: Option<(f64, f64)>,
    ) -> Bracket {
        if sign_b == 0.0 {
            return Bracket {
                lo: b,
                sign_lo: 0.0,
                hi: b,
                start: b,
                known: None,
            };
        }
        let (lo, sign_lo, hi) = if a < b {
            (a, sign_a, b)
        } else {
            (b, sign_b, a)
        };
        Bracket {
            lo,
            sign_lo,
            hi,
            start,
            known,
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn flows(advance: i64, payments: &[i64]) -> Vec<Flow> {
        let mut v = vec![Flow {
            months: 0.0,
            amount: advance,
        }];
        v.extend(payments.iter().enumerate().map(|(i, &p)| Flow {
            months: (i + 1) as f64,
            amount: -p,
        }));
        v
    }

    /// |Σ payments·(1+r)^−t − advances| / advances, computed independently of the solver.
    fn relative_error(flows: &[Flow], r: f64) -> f64 {
        let pv = |f: &Flow| f.amount as f64 * (1.0 + r).powf(-f.months);
        let advanced: f64 = flows.iter().filter(|f| f.amount > 0).map(pv).sum();
        let repaid: f64 = flows.iter().filter(|f| f.amount < 0).map(pv).sum();
        (advanced + repaid).abs() / advanced
    }

    #[test]
    fn a_single_repayment_gives_the_growth_rate() {
        let fl = vec![
            Flow {
                months: 0.0,
                amount: 10000,
            },
            Flow {
                months: 12.0,
                amount: -11200,
            },
        ];
        let r = solve(&fl).expect("rate");
        assert!((r.effective - 0.12).abs() < 1e-12, "{r:?}");
    }

    #[test]
    fn repaying_exactly_the_advance_is_exactly_zero() {
        let r = solve(&flows(300, &[100, 100, 100])).expect("rate");
        assert_eq!(r, AnnualRate::ZERO);
    }

    #[test]
    fn flows_without_both_signs_have_no_solution() {
        for fl in [
            flows(100, &[]),
            flows(0, &[10, 10]),
            vec![Flow {
                months: 1.0,
                amount: 5,
            }],
        ] {
            assert_eq!(solve(&fl).map_err(|e| e.code), Err(Code::NoSolution));
        }
        assert_eq!(solve(&[]).map_err(|e| e.code), Err(Code::NoSolution));
    }

    #[test]
    fn negative_rates_are_found_too() {
        let fl = flows(1000, &[400, 400]);
        let r = solve(&fl).expect("rate");
        assert!(r.monthly < 0.0);
        assert!(relative_error(&fl, r.monthly) < 1e-12);
    }

    #[test]
    fn fractional_months_are_discounted_by_compound_powers() {
        let fl = vec![
            Flow {
                months: 0.0,
                amount: 100000,
            },
            Flow {
                months: 1.5,
                amount: -103000,
            },
        ];
        let r = solve(&fl).expect("rate");
        assert!(((1.0 + r.monthly).powf(1.5) - 1.03).abs() < 1e-13, "{r:?}");
    }

    #[test]
    fn extreme_but_valid_flows_converge() {
        for fl in [
            flows(1, &[MAX_SAFE as i64]),
            flows(MAX_SAFE as i64, &[1]),
            flows(MAX_SAFE as i64, &[1; 60]),
            flows(MAX_SAFE as i64, &[MAX_SAFE as i64 / 59; 60]),
            vec![
                Flow {
                    months: 0.0,
                    amount: 100,
                },
                Flow {
                    months: 1200.0,
                    amount: -101,
                },
            ],
        ] {
            let r = solve(&fl).expect("rate");
            assert!(r.monthly.is_finite() && r.monthly > -1.0, "{r:?}");
            assert!(relative_error(&fl, r.monthly) < 1e-9, "{r:?}");
        }
    }

    #[test]
    fn with_several_roots_the_one_nearest_zero_is_chosen() {
        // −100 + 230/(1+r) − 132/(1+r)^2 = 0 has roots r = 10% and r = 20%.
        let fl = vec![
            Flow {
                months: 0.0,
                amount: -100,
            },
            Flow {
                months: 1.0,
                amount: 230,
            },
            Flow {
                months: 2.0,
                amount: -132,
            },
        ];
        let r = solve(&fl).expect("rate");
        assert!((r.monthly - 0.10).abs() < 1e-12, "{r:?}");
    }

    #[test]
    fn flows_with_no_real_rate_say_so() {
        // −100 + 100/(1+r) − 100/(1+r)^2 is negative for every r > −1.
        let fl = vec![
            Flow {
                months: 0.0,
                amount: -100,
            },
            Flow {
                months: 1.0,
                amount: 100,
            },
            Flow {
                months: 2.0,
                amount: -100,
            },
        ];
        assert_eq!(solve(&fl).map_err(|e| e.code), Err(Code::NoSolution));
    }

    #[test]
    fn cash_flow_lists_are_checked_field_by_field() {
        let json = |s: &str| -> Value { serde_json::from_str(s).expect("valid test JSON") };
        let ok = flows_from_value(
            &json(r#"[{"months": 0, "amountMinor": 100}, {"months": 1.5, "amountMinor": -101}]"#),
            "flows",
        );
        assert_eq!(ok.map(|f| f.len()), Ok(2));
        for (input, code, field) in [
            (r#"{}"#, Code::InvalidCashFlow, "flows"),
            (
                r#"[{"months": -1, "amountMinor": 1}]"#,
                Code::InvalidCashFlow,
                "flows[0].months",
            ),
            (
                r#"[{"months": 1201, "amountMinor": 1}]"#,
                Code::InvalidCashFlow,
                "flows[0].months",
            ),
            (
                r#"[{"amountMinor": 1}]"#,
                Code::InvalidCashFlow,
                "flows[0].months",
            ),
            (
                r#"[{"months": 0, "amountMinor": 1.5}]"#,
                Code::InvalidAmount,
                "flows[0].amountMinor",
            ),
            (
                r#"[{"months": 0, "amountMinor": 9007199254740992}]"#,
                Code::InvalidAmount,
                "flows[0].amountMinor",
            ),
            (
                r#"[{"months": 0}]"#,
                Code::InvalidAmount,
                "flows[0].amountMinor",
            ),
            (
                r#"[{"months": 0, "amountMinor": 1, "amount": 1}]"#,
                Code::InvalidCashFlow,
                "flows[0].amount",
            ),
        ] {
            let e = flows_from_value(&json(input), "flows").expect_err(input);
            assert_eq!((e.code, e.field.as_str()), (code, field), "{input}");
        }
    }
}
