//! What the guard advises beside its yes/no: how likely this shopper is to want instalments for
//! this cart (a small logistic model), which plan to put first and by which stated rule, and what
//! the shopper's instalment repayments would become. Everything is computed from what the page
//! passes for this checkout; nothing about the shopper is kept.

use alloc::string::String;
use alloc::vec::Vec;

use super::error::{Code, Error, Result};
use super::math::{exp, ln};
use super::money::Currency;
use super::schedule::Estimate;
use super::value::{Fields, Value};

/// The model's features, in the order `contributions` lists them. `lnAmount` is the natural log
/// of the amount in major units; `interestFree` 1 when an eligible plan costs the shopper
/// nothing; `bestApr` the lowest `aprNominal` among eligible plans (0 when one is interest-free);
/// `durable` 1 for a cart of durable goods; `priorInstalment` +1, -1 or 0 for the shopper's last
/// choice in this shop (a plan, in full, unknown).
pub const FEATURES: [&str; 5] = [
    "lnAmount",
    "interestFree",
    "bestApr",
    "durable",
    "priorInstalment",
];

/// The keys a `LikelihoodWeights` object may have.
pub const WEIGHT_FIELDS: [&str; 6] = [
    "intercept",
    "lnAmount",
    "interestFree",
    "bestApr",
    "durable",
    "priorInstalment",
];

/// The keys of `likelihood` in a `GuardConfig`.
pub const LIKELIHOOD_FIELDS: [&str; 2] = ["weights", "threshold"];

/// The keys of `recommend` in a `GuardConfig`.
pub const RECOMMEND_FIELDS: [&str; 2] = ["objective", "maxPerPeriodMinor"];

/// The default slope on `lnAmount`: the logistic fit of instalment uptake on the log of the order
/// value over about 74,000 single-card marketplace orders (Brazil, 2016-18), which ranks held-out
/// orders with an AUC of about 0.73. `instalment-guard-fit` computes it from a shop's own orders.
pub const DEFAULT_SLOPE: f64 = 1.15;

/// Where a typical shopper is taken to be as likely as not to want instalments, in major units.
/// BRL 52 is measured on the same orders; the others are product choices, anchored on the average
/// US pay-later purchase (about 135 USD in 2021) and on where a fee-bearing plan is worth its cost.
/// The default intercept is `-DEFAULT_SLOPE * ln(reference)`, which puts the 50% point there.
pub const REFERENCE_AMOUNTS: [(&str, f64); 9] = [
    ("CNY", 1_000.0),
    ("HKD", 1_200.0),
    ("TWD", 5_000.0),
    ("USD", 150.0),
    ("EUR", 150.0),
    ("GBP", 130.0),
    ("JPY", 20_000.0),
    ("KRW", 200_000.0),
    ("BRL", 52.0),
];

/// The default threshold: remind when the shopper is at least as likely as not to want a plan.
pub const DEFAULT_THRESHOLD: f64 = 0.5;

/// A logistic model's weights; a feature left out weighs 0.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Weights {
    /// The constant term.
    pub intercept: f64,
    /// One weight per [`FEATURES`] entry.
    pub features: [f64; 5],
}

impl Weights {
    /// The built-in weights for `currency`, or `None` where none are defined.
    pub fn default_for(currency: Currency) -> Option<Weights> {
        let (_, reference) = REFERENCE_AMOUNTS
            .iter()
            .find(|(code, _)| *code == currency.code())?;
        Some(Weights {
            intercept: -DEFAULT_SLOPE * ln(*reference),
            features: [DEFAULT_SLOPE, 0.0, 0.0, 0.0, 0.0],
        })
    }

    /// Checks a `LikelihoodWeights` object at `path`: finite numbers, `intercept` absent counts 0.
    pub fn from_value(value: &Value, path: &str) -> Result<Weights> {
        let f = Fields::open(value, path, Code::InvalidConfig, &WEIGHT_FIELDS)?;
        let mut w = Weights {
            intercept: number(&f, "intercept")?.unwrap_or(0.0),
            features: [0.0; 5],
        };
        for (slot, name) in w.features.iter_mut().zip(FEATURES) {
            *slot = number(&f, name)?.unwrap_or(0.0);
        }
        Ok(w)
    }
}

/// An optional finite number.
fn number(f: &Fields, key: &str) -> Result<Option<f64>> {
    match f.get(key) {
        None => Ok(None),
        Some(Value::Number(n)) if n.is_finite() => Ok(Some(*n)),
        Some(other) => Err(Error::new(
            Code::InvalidConfig,
            &f.path(key),
            &["must be a finite number, got ", &other.got()],
        )),
    }
}

/// The merchant's `likelihood` settings.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LikelihoodPolicy {
    /// The merchant's weights, which replace the defaults whole.
    pub weights: Option<Weights>,
    /// Stay quiet (`UNLIKELY`) below this score.
    pub threshold: f64,
}

impl Default for LikelihoodPolicy {
    fn default() -> LikelihoodPolicy {
        LikelihoodPolicy {
            weights: None,
            threshold: DEFAULT_THRESHOLD,
        }
    }
}

impl LikelihoodPolicy {
    /// Checks `likelihood` of a config.
    pub fn from_value(value: &Value) -> Result<LikelihoodPolicy> {
        let f = Fields::open(value, "likelihood", Code::InvalidConfig, &LIKELIHOOD_FIELDS)?;
        let threshold = match number(&f, "threshold")? {
            None => DEFAULT_THRESHOLD,
            Some(t) if (0.0..=1.0).contains(&t) => t,
            Some(_) => {
                return Err(Error::new(
                    Code::InvalidConfig,
                    "likelihood.threshold",
                    &["must be from 0 to 1 (a probability; 0 reminds whatever the score)"],
                ))
            }
        };
        Ok(LikelihoodPolicy {
            weights: f
                .get("weights")
                .map(|w| Weights::from_value(w, "likelihood.weights"))
                .transpose()?,
            threshold,
        })
    }
}

/// What the page tells about the cart and the shopper (`signals`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Signals {
    /// The cart holds durable goods.
    pub durable: Option<bool>,
    /// The shopper's last choice in this shop: a plan (true) or in full (false).
    pub prior_instalment: Option<bool>,
}

impl Signals {
    /// Checks `signals` of a state.
    pub fn from_value(value: &Value) -> Result<Signals> {
        let f = Fields::open(
            value,
            "signals",
            Code::InvalidState,
            &["durable", "priorInstalment"],
        )?;
        Ok(Signals {
            durable: f.bool("durable", Code::InvalidState)?,
            prior_instalment: f.bool("priorInstalment", Code::InvalidState)?,
        })
    }
}

/// A likelihood as the verdict reports it.
#[derive(Clone, Debug, PartialEq)]
pub struct Likelihood {
    /// `1 / (1 + e^-logit)`.
    pub score: f64,
    /// `intercept + Σ weight × value`.
    pub logit: f64,
    /// The threshold it was held to.
    pub threshold: f64,
    /// Every feature with a non-zero weight, in [`FEATURES`] order: (name, value, weight).
    pub contributions: Vec<(&'static str, f64, f64)>,
}

/// Scores a checkout whose eligible plans are `eligible` (not empty).
pub fn likelihood(
    weights: &Weights,
    threshold: f64,
    amount: u64,
    currency: Currency,
    eligible: &[Estimate],
    signals: Signals,
) -> Likelihood {
    let major = amount as f64 / super::math::powi(10.0, currency.exponent() as u32);
    let free = eligible.iter().any(|e| e.interest_free);
    let best_apr = if free {
        0.0
    } else {
        eligible
            .iter()
            .map(|e| e.rate.nominal)
            .fold(f64::INFINITY, f64::min)
    };
    let flag = |b: Option<bool>| match b {
        Some(true) => 1.0,
        Some(false) => -1.0,
        None => 0.0,
    };
    let values = [
        // ln(0) is -inf: a zero amount is as unlikely as can be, not NaN.
        if major > 0.0 { ln(major) } else { -1e308 },
        if free { 1.0 } else { 0.0 },
        if best_apr.is_finite() { best_apr } else { 0.0 },
        if signals.durable == Some(true) {
            1.0
        } else {
            0.0
        },
        flag(signals.prior_instalment),
    ];
    let mut logit = weights.intercept;
    let mut contributions = Vec::new();
    for ((name, value), weight) in FEATURES.iter().zip(values).zip(weights.features) {
        if weight != 0.0 {
            logit += weight * value;
            contributions.push((*name, value, weight));
        }
    }
    Likelihood {
        score: 1.0 / (1.0 + exp(-logit)),
        logit,
        threshold,
        contributions,
    }
}

/// Which plan to put first when nothing is interest-free.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Objective {
    /// The lowest `aprNominal`; rates within 1e-12 go to fewer periods.
    LowestApr,
    /// The lowest total fee; ties go to more periods.
    LowestFee,
}

/// The merchant's `recommend` settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RecommendPolicy {
    /// The rule when nothing is interest-free.
    pub objective: Objective,
    /// Set aside plans whose largest payment is above this, when any plan fits.
    pub max_per_period: Option<u64>,
}

impl Default for RecommendPolicy {
    fn default() -> RecommendPolicy {
        RecommendPolicy {
            objective: Objective::LowestApr,
            max_per_period: None,
        }
    }
}

impl RecommendPolicy {
    /// Checks `recommend` of a config.
    pub fn from_value(value: &Value) -> Result<RecommendPolicy> {
        let f = Fields::open(value, "recommend", Code::InvalidConfig, &RECOMMEND_FIELDS)?;
        let objective = match f.string("objective", Code::InvalidConfig)? {
            None | Some("lowestApr") => Objective::LowestApr,
            Some("lowestFee") => Objective::LowestFee,
            Some(other) => {
                return Err(Error::new(
                    Code::InvalidConfig,
                    "recommend.objective",
                    &[
                        "must be \"lowestApr\" or \"lowestFee\", got \"",
                        other,
                        "\"",
                    ],
                ))
            }
        };
        Ok(RecommendPolicy {
            objective,
            max_per_period: f.amount("maxPerPeriodMinor")?,
        })
    }
}

/// Why a plan is put first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecommendReason {
    /// It costs the shopper nothing (the longest such plan).
    InterestFree,
    /// The lowest annualised rate.
    LowestApr,
    /// The lowest total fee.
    LowestFee,
}

impl RecommendReason {
    /// Every reason (tests/contract.rs holds the TypeScript to it).
    pub const ALL: [RecommendReason; 3] = [
        RecommendReason::InterestFree,
        RecommendReason::LowestApr,
        RecommendReason::LowestFee,
    ];

    /// The code JS sees.
    pub fn as_str(self) -> &'static str {
        match self {
            RecommendReason::InterestFree => "INTEREST_FREE",
            RecommendReason::LowestApr => "LOWEST_APR",
            RecommendReason::LowestFee => "LOWEST_FEE",
        }
    }
}

/// The plan put first, and by which rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recommendation {
    /// Its id.
    pub plan_id: String,
    /// The rule.
    pub reason: RecommendReason,
    /// With a budget: whether some plan kept to it. `None` without one.
    pub within_budget: Option<bool>,
}

/// The largest payment of a plan's schedule.
pub fn largest_payment(e: &Estimate) -> u64 {
    e.schedule.iter().map(|l| l.payment).max().unwrap_or(0)
}

/// Picks the plan to put first among `eligible` (in config order among equals), or `None` when
/// the list is empty. With a budget, the plans above it are set aside when any plan keeps to it.
pub fn recommend(eligible: &[Estimate], policy: RecommendPolicy) -> Option<Recommendation> {
    let fits = |e: &&Estimate| {
        policy
            .max_per_period
            .is_none_or(|b| largest_payment(e) <= b)
    };
    let any_fits = eligible.iter().any(|e| fits(&e));
    let pool: Vec<&Estimate> = eligible.iter().filter(|e| !any_fits || fits(e)).collect();
    let mut best: Option<(&Estimate, RecommendReason)> = None;
    for e in pool {
        let reason = if e.interest_free {
            RecommendReason::InterestFree
        } else if policy.objective == Objective::LowestFee {
            RecommendReason::LowestFee
        } else {
            RecommendReason::LowestApr
        };
        let better = match best {
            None => true,
            Some((b, _)) => match (e.interest_free, b.interest_free) {
                (true, false) => true,
                (false, true) => false,
                (true, true) => e.periods > b.periods,
                (false, false) => match policy.objective {
                    Objective::LowestApr => {
                        let (x, y) = (e.rate.nominal, b.rate.nominal);
                        if (x - y).abs() <= 1e-12 {
                            e.periods < b.periods
                        } else {
                            x < y
                        }
                    }
                    Objective::LowestFee => {
                        e.total_fee < b.total_fee
                            || (e.total_fee == b.total_fee && e.periods > b.periods)
                    }
                },
            },
        };
        if better {
            best = Some((e, reason));
        }
    }
    best.map(|(e, reason)| Recommendation {
        plan_id: e.plan_id.clone(),
        reason,
        within_budget: policy.max_per_period.map(|_| any_fits),
    })
}

/// Instalment plans the shopper already repays, as the page knows them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Commitments {
    /// How many.
    pub count: u32,
    /// What they cost a month, in minor units.
    pub monthly: u64,
}

impl Commitments {
    /// Checks `commitments` of a state.
    pub fn from_value(value: &Value) -> Result<Commitments> {
        let f = Fields::open(
            value,
            "commitments",
            Code::InvalidState,
            &["count", "monthlyMinor"],
        )?;
        let missing = |k: &str| {
            Error::new(
                Code::InvalidState,
                &f.path(k),
                &["is required in commitments"],
            )
        };
        Ok(Commitments {
            count: f
                .whole("count", Code::InvalidState, 0, 10_000)?
                .ok_or_else(|| missing("count"))?,
            monthly: f
                .amount("monthlyMinor")?
                .ok_or_else(|| missing("monthlyMinor"))?,
        })
    }
}

/// How heavy the shopper's repayments would be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// Below every mark.
    Ok,
    /// A quarter of income or more, or 3 plans or more.
    Caution,
    /// Half of income or more, or 5 plans or more.
    High,
}

impl Level {
    /// Every level (tests/contract.rs holds the TypeScript to it).
    pub const ALL: [Level; 3] = [Level::Ok, Level::Caution, Level::High];

    /// The word JS sees.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Ok => "ok",
            Level::Caution => "caution",
            Level::High => "high",
        }
    }
}

/// The shopper's instalment repayments before and after the recommended plan.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Affordability {
    /// `commitments.monthlyMinor`, 0 without.
    pub before: u64,
    /// `before` plus the recommended plan's largest payment.
    pub after: u64,
    /// `commitments.count + 1`.
    pub plans_after: u32,
    /// `after / monthlyIncomeMinor`, when the income is known.
    pub share: Option<f64>,
    /// The level those give.
    pub level: Level,
}

/// Measures the repayments with `payment` added to `commitments`.
pub fn affordability(
    commitments: Option<Commitments>,
    income: Option<u64>,
    payment: u64,
) -> Affordability {
    let c = commitments.unwrap_or(Commitments {
        count: 0,
        monthly: 0,
    });
    let after = c.monthly.saturating_add(payment);
    let plans_after = c.count.saturating_add(1);
    let share = income.map(|i| after as f64 / i as f64);
    let at_least = |s: f64| share.is_some_and(|x| x >= s);
    let level = if at_least(0.5) || plans_after >= 5 {
        Level::High
    } else if at_least(0.25) || plans_after >= 3 {
        Level::Caution
    } else {
        Level::Ok
    };
    Affordability {
        before: c.monthly,
        after,
        plans_after,
        share,
        level,
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::engine::plan::plans_from_value;

    fn cny() -> Currency {
        Currency::parse("CNY", "currency").expect("CNY")
    }

    fn estimates(amount: u64, plans: &str) -> Vec<Estimate> {
        let plans =
            plans_from_value(&serde_json::from_str(plans).expect("JSON"), "plans").expect("plans");
        let mut list = Vec::new();
        for p in &plans {
            list.push(crate::engine::estimate(amount, cny(), p).expect("estimate"));
        }
        list
    }

    const HUABEI: &str = r#"[
        {"id": "hb-3", "periods": 3, "fee": {"model": "flatTotal", "rate": "0.023"}},
        {"id": "hb-6", "periods": 6, "fee": {"model": "flatTotal", "rate": "0.045"}},
        {"id": "hb-12", "periods": 12, "fee": {"model": "flatTotal", "rate": "0.075"}}
    ]"#;

    #[test]
    fn the_default_weights_put_the_even_point_at_the_reference_amount() {
        for (code, reference) in REFERENCE_AMOUNTS {
            let currency = Currency::parse(code, "currency").expect("known");
            let w = Weights::default_for(currency).expect("defaults");
            let minor = reference * crate::engine::math::powi(10.0, currency.exponent() as u32);
            let l = likelihood(
                &w,
                0.5,
                minor as u64,
                currency,
                &estimates(100_000, HUABEI),
                Signals::default(),
            );
            assert!((l.score - 0.5).abs() < 1e-9, "{code}: {}", l.score);
            assert_eq!(
                l.contributions,
                vec![("lnAmount", ln(reference), DEFAULT_SLOPE)]
            );
        }
        assert_eq!(
            Weights::default_for(Currency::parse("SGD", "currency").expect("known")),
            None
        );
    }

    #[test]
    fn the_score_is_a_probability_that_rises_with_the_amount() {
        let w = Weights::default_for(cny()).expect("CNY");
        let plans = estimates(100_000, HUABEI);
        let mut last = 0.0;
        for amount in [
            0,
            1,
            100,
            10_000,
            100_000,
            1_000_000,
            100_000_000,
            9_007_199_254_740_991,
        ] {
            let l = likelihood(&w, 0.5, amount, cny(), &plans, Signals::default());
            assert!((0.0..=1.0).contains(&l.score), "{amount}: {}", l.score);
            assert!(l.score >= last, "{amount}");
            last = l.score;
        }
    }

    #[test]
    fn merchant_weights_are_honoured_exactly() {
        let w = Weights::from_value(
            &serde_json::from_str(
                r#"{"intercept": -3, "lnAmount": 0.5, "interestFree": 1.25, "bestApr": -4,
                    "durable": 0.75, "priorInstalment": 0.3}"#,
            )
            .expect("JSON"),
            "likelihood.weights",
        )
        .expect("weights");
        let plans = estimates(200_000, HUABEI);
        let best = plans
            .iter()
            .map(|e| e.rate.nominal)
            .fold(f64::INFINITY, f64::min);
        let signals = Signals {
            durable: Some(true),
            prior_instalment: Some(false),
        };
        let l = likelihood(&w, 0.5, 200_000, cny(), &plans, signals);
        let sum = -3.0 + 0.5 * ln(2000.0) + 0.0 * 1.25 - 4.0 * best + 0.75 - 0.3;
        assert!((l.logit - sum).abs() < 1e-12);
        assert!((l.score - 1.0 / (1.0 + (-sum).exp())).abs() < 1e-12);
        let total: f64 = l.contributions.iter().map(|(_, v, w)| v * w).sum();
        assert!((-3.0 + total - l.logit).abs() < 1e-12);
        // interestFree is 0 here but its weight is not: it is still listed.
        let names: Vec<&str> = l.contributions.iter().map(|c| c.0).collect();
        assert_eq!(names, FEATURES.to_vec());
    }

    #[test]
    fn an_interest_free_plan_never_lowers_the_score() {
        let w = Weights {
            intercept: -2.0,
            features: [1.0, 0.8, -3.0, 0.0, 0.0],
        };
        let plans = estimates(300_000, HUABEI);
        let mut with_free = plans.clone();
        with_free.extend(estimates(
            300_000,
            r#"[{"id": "free", "periods": 3, "fee": {"model": "interestFree"}}]"#,
        ));
        let a = likelihood(&w, 0.5, 300_000, cny(), &plans, Signals::default());
        let b = likelihood(&w, 0.5, 300_000, cny(), &with_free, Signals::default());
        assert!(b.score >= a.score);
    }

    #[test]
    fn bad_weights_and_thresholds_are_refused_at_their_field() {
        for (text, field) in [
            (r#"{"threshold": 1.5}"#, "likelihood.threshold"),
            (r#"{"threshold": "0.5"}"#, "likelihood.threshold"),
            (
                r#"{"weights": {"lnAmount": "1"}}"#,
                "likelihood.weights.lnAmount",
            ),
            (r#"{"weights": {"slope": 1}}"#, "likelihood.weights.slope"),
            (r#"{"weights": []}"#, "likelihood.weights"),
            (r#"{"cutoff": 1}"#, "likelihood.cutoff"),
        ] {
            let e = LikelihoodPolicy::from_value(&serde_json::from_str(text).expect("JSON"))
                .expect_err(text);
            assert_eq!(
                (e.code, e.field.as_str()),
                (Code::InvalidConfig, field),
                "{text}"
            );
        }
    }

    fn pick(
        amount: u64,
        plans: &str,
        policy: RecommendPolicy,
    ) -> Option<(String, RecommendReason, Option<bool>)> {
        recommend(&estimates(amount, plans), policy).map(|r| (r.plan_id, r.reason, r.within_budget))
    }

    #[test]
    fn the_longest_interest_free_plan_comes_first() {
        let plans = r#"[
            {"id": "hb-12", "periods": 12, "fee": {"model": "flatTotal", "rate": "0.075"}},
            {"id": "free-3", "periods": 3, "fee": {"model": "interestFree"}},
            {"id": "free-6", "periods": 6, "fee": {"model": "flatTotal", "rate": "0.045", "payer": "merchant"}},
            {"id": "free-6b", "periods": 6, "fee": {"model": "interestFree"}}
        ]"#;
        assert_eq!(
            pick(600_000, plans, RecommendPolicy::default()),
            Some(("free-6".into(), RecommendReason::InterestFree, None))
        );
    }

    #[test]
    fn lowest_apr_ties_go_to_fewer_periods_then_the_first_listed() {
        assert_eq!(
            pick(111_111, HUABEI, RecommendPolicy::default()).map(|r| r.0),
            Some("hb-12".into())
        );
        let same_rate = r#"[
            {"id": "p-6", "periods": 6, "fee": {"model": "annuity", "annualRate": "0.12"}},
            {"id": "p-3", "periods": 3, "fee": {"model": "annuity", "annualRate": "0.12"}},
            {"id": "p-3b", "periods": 3, "fee": {"model": "annuity", "annualRate": "0.12"}}
        ]"#;
        assert_eq!(
            pick(600_000, same_rate, RecommendPolicy::default()),
            Some(("p-3".into(), RecommendReason::LowestApr, None))
        );
    }

    #[test]
    fn lowest_fee_ties_go_to_more_periods() {
        let policy = RecommendPolicy {
            objective: Objective::LowestFee,
            max_per_period: None,
        };
        assert_eq!(
            pick(111_111, HUABEI, policy),
            Some(("hb-3".into(), RecommendReason::LowestFee, None))
        );
        let same_fee = r#"[
            {"id": "a-3", "periods": 3, "fee": {"model": "flatTotal", "rate": "0.03"}},
            {"id": "a-6", "periods": 6, "fee": {"model": "flatTotal", "rate": "0.03"}}
        ]"#;
        assert_eq!(
            pick(100_000, same_fee, policy).map(|r| r.0),
            Some("a-6".into())
        );
    }

    #[test]
    fn a_budget_sets_aside_the_plans_above_it_when_one_fits() {
        // 1111.11 over 3 is about 379/month; over 6 about 193; over 12 about 99.
        let budget = |b| RecommendPolicy {
            objective: Objective::LowestFee,
            max_per_period: Some(b),
        };
        assert_eq!(
            pick(111_111, HUABEI, budget(20_000)),
            Some(("hb-6".into(), RecommendReason::LowestFee, Some(true)))
        );
        assert_eq!(
            pick(111_111, HUABEI, budget(5_000)),
            Some(("hb-3".into(), RecommendReason::LowestFee, Some(false)))
        );
        assert_eq!(recommend(&[], RecommendPolicy::default()), None);
    }

    #[test]
    fn affordability_levels_turn_at_a_quarter_a_half_three_and_five_plans() {
        let c = |count, monthly| Some(Commitments { count, monthly });
        let level = |c, i, p| affordability(c, i, p).level;
        assert_eq!(level(None, None, 10_000), Level::Ok);
        assert_eq!(level(None, Some(40_001), 10_000), Level::Ok);
        assert_eq!(level(None, Some(40_000), 10_000), Level::Caution);
        assert_eq!(level(None, Some(20_001), 10_000), Level::Caution);
        assert_eq!(level(None, Some(20_000), 10_000), Level::High);
        assert_eq!(level(c(1, 0), None, 1), Level::Ok);
        assert_eq!(level(c(2, 0), None, 1), Level::Caution);
        assert_eq!(level(c(3, 0), None, 1), Level::Caution);
        assert_eq!(level(c(4, 0), None, 1), Level::High);
        let a = affordability(c(2, 30_000), Some(200_000), 10_000);
        assert_eq!((a.before, a.after, a.plans_after), (30_000, 40_000, 3));
        assert_eq!(a.share, Some(0.2));
    }
}
