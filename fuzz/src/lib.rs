//! What the engine's API promises, written as assertions the fuzz targets run on every input, and
//! the two ways a target reads its input: JSON text (the committed seeds are readable JSON) or,
//! for any input that does not start with `{`, structured values drawn with `arbitrary`, which
//! reach amounts, rates and dates that byte-flipping JSON text rarely produces.
//!
//! A failed assertion is a panic, which libFuzzer reports as a crash with its input saved.

use arbitrary::{Arbitrary, Unstructured};
use core::fmt;
use core::marker::PhantomData;
use instalment_guard::engine::irr::{flows_from_value, MAX_MONTHS};
use instalment_guard::engine::plan::{plans_from_value, MAX_PERIODS};
use instalment_guard::engine::rate::SCALE;
use instalment_guard::engine::value::{amount, MAX_SAFE};
use instalment_guard::engine::{
    annual_rate, assess, compare, estimate, AnnualRate, CheckoutState, Code, Comparison, Currency,
    Error, Estimate, Fee, Flow, GuardConfig, Ineligible, Plan, Reason, Result, StateUpdate, Value,
    Verdict,
};

// ---------------------------------------------------------------------------------------------
// Errors

/// Every error has a code, a non-empty field and a message that starts with that field.
pub fn check_error(e: &Error) {
    assert!(!e.code.as_str().is_empty(), "error without a code: {e:?}");
    assert!(!e.field.is_empty(), "error without a field: {e:?}");
    let rest = e.message.strip_prefix(e.field.as_str());
    assert!(
        rest.is_some_and(|r| r.len() > 1 && r.starts_with(' ')),
        "message does not start with its field: {e:?}"
    );
}

/// As [`check_error`], for a checker given the path `root`: the field lies under it.
pub fn check_error_under(e: &Error, root: &str) {
    check_error(e);
    let rest = e.field.strip_prefix(root);
    assert!(
        rest.is_some_and(|r| r.is_empty() || r.starts_with('.') || r.starts_with('[')),
        "field {:?} is not under {root:?}: {e:?}",
        e.field
    );
}

// ---------------------------------------------------------------------------------------------
// Decoders

/// What a checked plan guarantees.
pub fn check_plan(p: &Plan) {
    assert!(!p.id.trim().is_empty() && p.id != "none", "{p:?}");
    assert!((1..=MAX_PERIODS).contains(&p.periods), "{p:?}");
    if let (Some(min), Some(max)) = (p.min_amount, p.max_amount) {
        assert!(min <= max, "{p:?}");
    }
    for a in [p.min_amount, p.max_amount].into_iter().flatten() {
        assert!(a <= MAX_SAFE, "{p:?}");
    }
    let (nanos, model) = match p.fee {
        Fee::FlatTotal { rate, .. } => (rate.nanos(), "flatTotal"),
        Fee::PerPeriod { rate } => (rate.nanos(), "perPeriod"),
        Fee::Annuity { annual_rate } => (annual_rate.nanos(), "annuity"),
        Fee::InterestFree => (0, "interestFree"),
    };
    assert!(
        nanos <= instalment_guard::engine::plan::bound(model),
        "{p:?}"
    );
}

fn check_plans(plans: &[Plan]) {
    for (i, p) in plans.iter().enumerate() {
        check_plan(p);
        assert!(
            plans[..i].iter().all(|q| q.id != p.id),
            "duplicate id {:?}",
            p.id
        );
    }
}

fn check_config(c: &GuardConfig) {
    assert!(!c.plans.is_empty());
    check_plans(&c.plans);
    assert!(!c.plan_field.trim().is_empty(), "{c:?}");
    assert!(c.remind.max_per_checkout <= 1, "{c:?}");
    assert!(c.remind.min_amount <= MAX_SAFE, "{c:?}");
}

fn check_flows(flows: &[Flow]) {
    for f in flows {
        assert!(
            f.months.is_finite() && (0.0..=MAX_MONTHS).contains(&f.months),
            "{f:?}"
        );
        assert!(f.amount.unsigned_abs() <= MAX_SAFE, "{f:?}");
    }
}

fn check_choice(choice: &Option<String>) {
    if let Some(c) = choice {
        assert!(!c.is_empty() && c != "none", "{choice:?}");
    }
}

/// Runs every argument checker on `v`, and on the member of the same name when `v` is an object
/// (so one seed can feed all of them), asserting the promises of each result.
pub fn check_decoders(v: &Value) {
    let member = |key: &str| match v {
        Value::Object(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, m)| m),
        _ => None,
    };
    for (key, root) in [("plan", Some(v)), ("plan", member("plan"))] {
        if let Some(x) = root {
            match Plan::from_value(x, key) {
                Ok(p) => check_plan(&p),
                Err(e) => check_error_under(&e, key),
            }
        }
    }
    for x in [Some(v), member("plans")].into_iter().flatten() {
        match plans_from_value(x, "plans") {
            Ok(plans) => check_plans(&plans),
            Err(e) => check_error_under(&e, "plans"),
        }
    }
    for x in [Some(v), member("config")].into_iter().flatten() {
        match GuardConfig::from_value(x) {
            Ok(c) => check_config(&c),
            Err(e) => check_error(&e),
        }
    }
    for x in [Some(v), member("state")].into_iter().flatten() {
        match CheckoutState::from_value(x) {
            Ok(s) => {
                assert!(s.amount <= MAX_SAFE);
                check_choice(&s.selected_plan);
            }
            Err(e) => check_error(&e),
        }
        match StateUpdate::from_value(x) {
            Ok(u) => {
                assert!(u.amount.is_none_or(|a| a <= MAX_SAFE));
                if let Some(choice) = &u.selected_plan {
                    check_choice(choice);
                }
            }
            Err(e) => check_error(&e),
        }
    }
    for x in [Some(v), member("flows")].into_iter().flatten() {
        match flows_from_value(x, "flows") {
            Ok(flows) => check_flows(&flows),
            Err(e) => check_error_under(&e, "flows"),
        }
    }
    for x in [Some(v), member("amountMinor")].into_iter().flatten() {
        match amount(x, "amountMinor") {
            Ok(a) => assert!(a <= MAX_SAFE),
            Err(e) => check_error_under(&e, "amountMinor"),
        }
    }
    for x in [Some(v), member("choice")].into_iter().flatten() {
        match instalment_guard::engine::Choice::from_value(x) {
            Ok(c) => check_verified_choice(&c),
            Err(e) => check_error(&e),
        }
    }
    if let Some(Value::String(code)) = member("currency") {
        if let Err(e) = Currency::parse(code, "currency") {
            check_error_under(&e, "currency");
        }
    }
}

/// A choice the server verifies: an accepted plan is one of the offer's, eligible, with the
/// estimate `estimate()` gives; a refusal is `INVALID_CHOICE` at `planId` or `amountMinor` (or an
/// estimate's own error); every provider either writes fields or refuses at `planId`.
fn check_verified_choice(c: &instalment_guard::engine::Choice) {
    use instalment_guard::engine::{payment_params, verify_choice, Provider};
    check_choice(&c.plan_id);
    match verify_choice(c) {
        Ok(v) => {
            assert_eq!(v.plan_id(), c.plan_id.as_deref());
            assert_eq!(verify_choice(c).as_ref(), Ok(&v), "verifying again differs");
            if let (Some(plan), Some(e)) = (&v.plan, &v.estimate) {
                assert!(c.plans.contains(plan));
                assert!(plan.ineligibility(c.amount).is_none());
                assert_eq!(Ok(e), estimate(c.amount, c.currency, plan).as_ref());
            }
            for provider in Provider::ALL {
                match payment_params(&v, provider) {
                    Ok(p) => assert!(p.to_json().starts_with('{')),
                    Err(e) => assert_eq!(
                        (e.code, e.field.as_str()),
                        (Code::UnsupportedByProvider, "planId")
                    ),
                }
            }
        }
        Err(e) => {
            check_error(&e);
            if e.code == Code::InvalidChoice {
                assert!(e.field == "planId" || e.field == "amountMinor", "{e}");
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Rates

/// |Σ a·(1+r)^−t| / Σ |a|·(1+r)^−t at the monthly rate r, every term scaled by the largest
/// discount factor, computed apart from the solver. `None` where ln(1+r) cannot be recovered
/// from r accurately (r near −100%) or r is beyond any plan.
pub fn residual(flows: &[Flow], monthly: f64) -> Option<f64> {
    if !(-0.9..=1e6).contains(&monthly) {
        return None;
    }
    let x = monthly.ln_1p();
    // The reference is the first or last flow that is not zero, as the solver's is: a zero
    // flow far away would otherwise push every factor into the subnormals.
    let times = flows.iter().filter(|f| f.amount != 0).map(|f| f.months);
    let t_ref = if x >= 0.0 {
        times.fold(f64::INFINITY, f64::min)
    } else {
        times.fold(f64::NEG_INFINITY, f64::max)
    };
    let (mut value, mut scale) = (0.0f64, 0.0f64);
    for f in flows {
        let d = (-x * (f.months - t_ref)).exp();
        value += f.amount as f64 * d;
        scale += f.amount.unsigned_abs() as f64 * d;
    }
    (scale > 0.0).then(|| value.abs() / scale)
}

/// How close a returned rate must bring the flows to zero, relative to their size.
pub const RESIDUAL: f64 = 1e-9;

fn check_rate_numbers(r: &AnnualRate) {
    assert!(
        r.monthly.is_finite() && r.nominal.is_finite() && r.effective.is_finite(),
        "{r:?}"
    );
    // −100% itself is allowed: rates within 1e-16 of it (ln(1+r) below −36.7, reachable with
    // fractional months) have no double of their own, and the solver searches down to −50.
    assert!(r.monthly >= -1.0, "{r:?}");
    assert_eq!(r.nominal, 12.0 * r.monthly, "{r:?}");
}

/// True when the flows, netted month by month, change sign exactly once and all fall on whole
/// months: then exactly one rate exists, between the ±50 the solver searches in ln(1+r)
/// (amounts are below 2^53 and a month apart), so it must be found.
fn has_one_rate(flows: &[Flow]) -> bool {
    if !flows.iter().all(|f| f.months.fract() == 0.0) {
        return false;
    }
    let mut net = [0i128; MAX_MONTHS as usize + 1];
    for f in flows {
        net[f.months as usize] += f.amount as i128;
    }
    let signs: Vec<i128> = net
        .iter()
        .filter(|&&a| a != 0)
        .map(|a| a.signum())
        .collect();
    signs.windows(2).filter(|w| w[0] != w[1]).count() == 1
}

/// `annual_rate`: a finite rate that solves the flows, or `NO_SOLUTION` only when there is none.
pub fn check_annual_rate(flows: &[Flow], result: &Result<AnnualRate>) {
    match result {
        Ok(r) => {
            check_rate_numbers(r);
            if let Some(res) = residual(flows, r.monthly) {
                assert!(res < RESIDUAL, "rate {r:?} leaves a residual of {res:e}");
            }
        }
        Err(e) => {
            check_error_under(e, "flows");
            assert_eq!(e.code, Code::NoSolution, "{e:?}");
            assert!(!has_one_rate(flows), "no rate found for a loan: {e:?}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Estimates and comparisons

fn fee_nanos(fee: Fee) -> u128 {
    match fee {
        Fee::FlatTotal { rate, .. } | Fee::PerPeriod { rate } => rate.nanos() as u128,
        Fee::Annuity { annual_rate } => annual_rate.nanos() as u128,
        Fee::InterestFree => 0,
    }
}

/// `amount × rate` rounded to the nearest minor unit (ties either way), as the flat and
/// per-period models promise.
fn assert_rounded_product(got: u128, amount: u64, nanos: u128, what: &str) {
    let exact = amount as u128 * nanos;
    let scaled = got * SCALE as u128;
    let diff = scaled.abs_diff(exact);
    assert!(
        2 * diff <= SCALE as u128,
        "{what} {got} is not {amount} × {nanos}e-9 rounded"
    );
}

/// One plan's estimate: the schedule has `periods` lines that sum exactly to the total
/// repayment, the fee follows the plan's model, and the rate is finite and solves the schedule.
pub fn check_estimate(amount: u64, currency: Currency, plan: &Plan, result: &Result<Estimate>) {
    let e = match result {
        Ok(e) => e,
        Err(err) => {
            check_error(err);
            assert_eq!(
                (err.code, err.field.as_str()),
                (Code::AmountOutOfRange, "amountMinor"),
                "a checked plan and amount failed otherwise: {err:?}"
            );
            assert!(
                plan.fee != Fee::InterestFree && amount > 0,
                "an interest-free plan cannot overflow: {err:?}"
            );
            return;
        }
    };
    assert_eq!(e.plan_id, plan.id);
    assert_eq!(
        (e.amount, e.currency, e.periods),
        (amount, currency, plan.periods)
    );
    assert_eq!(e.schedule.len(), plan.periods as usize, "{e:?}");
    let (mut principal, mut fee, mut paid) = (0u128, 0u128, 0u128);
    for (i, l) in e.schedule.iter().enumerate() {
        assert_eq!(l.period as usize, i + 1, "{e:?}");
        assert_eq!(
            l.payment as u128,
            l.principal as u128 + l.fee as u128,
            "{l:?}"
        );
        principal += l.principal as u128;
        fee += l.fee as u128;
        paid += l.payment as u128;
    }
    assert_eq!(principal, amount as u128, "principal repaid: {e:?}");
    assert_eq!(fee, e.total_fee as u128, "fees: {e:?}");
    assert_eq!(
        paid, e.total_repayment as u128,
        "the schedule must sum exactly: {e:?}"
    );
    assert_eq!(
        e.total_repayment as u128,
        amount as u128 + e.total_fee as u128
    );
    assert!(
        e.total_repayment <= MAX_SAFE && e.merchant_fee <= MAX_SAFE,
        "{e:?}"
    );
    assert_eq!(e.interest_free, e.total_fee == 0, "{e:?}");
    assert_eq!(
        e.regular_payment(),
        e.schedule
            .get(1)
            .or(e.schedule.first())
            .map_or(0, |l| l.payment)
    );
    let nanos = fee_nanos(plan.fee);
    match plan.fee {
        Fee::InterestFree => assert_eq!((e.total_fee, e.merchant_fee), (0, 0)),
        Fee::FlatTotal { merchant_pays, .. } => {
            let (paid_by_shopper, paid_by_merchant) = if merchant_pays {
                (0, e.merchant_fee)
            } else {
                (e.total_fee, 0)
            };
            assert_eq!(paid_by_shopper.min(paid_by_merchant), 0);
            assert_eq!(
                e.total_fee + e.merchant_fee,
                paid_by_shopper + paid_by_merchant
            );
            assert_rounded_product(
                (e.total_fee + e.merchant_fee) as u128,
                amount,
                nanos,
                "flat fee",
            );
        }
        Fee::PerPeriod { .. } => {
            assert_eq!(e.merchant_fee, 0);
            let n = plan.periods as u128;
            assert_eq!(e.total_fee as u128 % n, 0, "{e:?}");
            assert_rounded_product(e.total_fee as u128 / n, amount, nanos, "fee per period");
        }
        Fee::Annuity { .. } => {
            assert_eq!(e.merchant_fee, 0);
            if nanos == 0 {
                assert_eq!(e.total_fee, 0);
            }
        }
    }
    check_rate_numbers(&e.rate);
    if e.interest_free {
        assert_eq!(e.rate, AnnualRate::ZERO, "{e:?}");
    } else {
        assert!(e.rate.monthly >= 0.0, "a fee with a negative rate: {e:?}");
        let mut flows = vec![Flow {
            months: 0.0,
            amount: amount as i64,
        }];
        flows.extend(e.schedule.iter().map(|l| Flow {
            months: l.period as f64,
            amount: -(l.payment as i64),
        }));
        if let Some(res) = residual(&flows, e.rate.monthly) {
            assert!(
                res < RESIDUAL,
                "rate {:?} leaves a residual of {res:e}",
                e.rate
            );
        }
    }
}

/// The sort key README documents: interest-free first (longest first), then lowest aprNominal.
fn ranks_before(a: &Estimate, b: &Estimate) -> bool {
    match (a.interest_free, b.interest_free) {
        (true, true) => a.periods > b.periods,
        (true, false) => true,
        (false, true) => false,
        // Rates within 1e-12 tie, and go to fewer periods.
        (false, false) if (a.rate.nominal - b.rate.nominal).abs() <= 1e-12 => a.periods < b.periods,
        (false, false) => a.rate.nominal < b.rate.nominal,
    }
}

/// `compare`: every plan is either estimated (exactly as `estimate` does it) or listed as
/// ineligible with the right reason; estimates are in the documented order, ties in the order
/// given; an error is the first eligible plan's error.
pub fn check_comparison(
    amount: u64,
    currency: Currency,
    plans: &[Plan],
    result: &Result<Comparison>,
) {
    let eligible: Vec<&Plan> = plans
        .iter()
        .filter(|p| p.ineligibility(amount).is_none())
        .collect();
    let singles: Vec<Result<Estimate>> = eligible
        .iter()
        .map(|p| estimate(amount, currency, p))
        .collect();
    let c = match result {
        Ok(c) => c,
        Err(e) => {
            check_error(e);
            let first = singles.iter().find_map(|r| r.as_ref().err());
            assert_eq!(
                Some(e),
                first,
                "compare failed where no single estimate does"
            );
            return;
        }
    };
    assert!(
        singles.iter().all(Result::is_ok),
        "compare succeeded past a failing plan"
    );
    let ineligible: Vec<(String, _)> = plans
        .iter()
        .filter_map(|p| p.ineligibility(amount).map(|why| (p.id.clone(), why)))
        .collect();
    assert_eq!(c.ineligible, ineligible);
    assert_eq!(c.estimates.len(), eligible.len());
    let position = |id: &str| eligible.iter().position(|p| p.id == id);
    for e in &c.estimates {
        let i = position(&e.plan_id).expect("an estimate of an eligible plan");
        assert_eq!(
            Some(e),
            singles[i].as_ref().ok(),
            "compare and estimate differ"
        );
    }
    for w in c.estimates.windows(2) {
        assert!(
            !ranks_before(&w[1], &w[0]),
            "out of order: {:?} before {:?}",
            w[0].plan_id,
            w[1].plan_id
        );
        if !ranks_before(&w[0], &w[1]) {
            // A tie keeps the order the plans were given in.
            assert!(
                position(&w[0].plan_id) < position(&w[1].plan_id),
                "tie reordered"
            );
        }
    }
    assert_eq!(
        c.recommended(),
        c.estimates.first().map(|e| e.plan_id.as_str())
    );
}

// ---------------------------------------------------------------------------------------------
// The decision

/// `assess`: the comparison is `compare`'s, limited to what the form offers, and the verdict and
/// reasons follow the rules in README's "How the guard decides", in their fixed order.
pub fn check_verdict(
    config: &GuardConfig,
    state: &CheckoutState,
    offered: Option<&[String]>,
    result: &Result<Verdict>,
) {
    let full = compare(state.amount, config.currency, &config.plans);
    let (v, c) = match (result, &full) {
        (Ok(v), Ok(c)) => (v, c),
        (Err(e), Err(f)) => {
            check_error(e);
            assert_eq!(e, f);
            return;
        }
        (r, f) => panic!("assess {r:?} where compare gives {f:?}"),
    };
    // Plans the shopper's available credit rules out are listed after the amount reasons.
    let credit_out: Vec<&str> = v
        .ineligible
        .iter()
        .filter(|(_, why)| {
            matches!(
                why,
                Ineligible::OverCreditLimit | Ineligible::ProviderUnavailable
            )
        })
        .map(|(id, _)| id.as_str())
        .collect();
    assert_eq!(v.ineligible[..c.ineligible.len()], c.ineligible[..]);
    let eligible: Vec<&Estimate> = c
        .estimates
        .iter()
        .filter(|e| !credit_out.contains(&e.plan_id.as_str()))
        .collect();
    let shown: Vec<Estimate> = eligible
        .iter()
        .filter(|e| offered.is_none_or(|o| o.contains(&e.plan_id)))
        .map(|e| (*e).clone())
        .collect();
    // The recommended plan is moved first; the others keep compare()'s order.
    let mut expected = shown.clone();
    if let Some(r) = &v.recommendation {
        let i = expected
            .iter()
            .position(|e| e.plan_id == r.plan_id)
            .expect("the recommended plan is one shown");
        let first = expected.remove(i);
        expected.insert(0, first);
    }
    assert_eq!(v.comparison.estimates, expected);
    assert_eq!(v.comparison.ineligible, c.ineligible);
    if let Some(l) = &v.likelihood {
        assert!((0.0..=1.0).contains(&l.score), "{l:?}");
    }
    let policy = config.remind;
    let interest_free = shown.iter().any(|e| e.interest_free);
    let quiet: Vec<Reason> = [
        (state.selected_plan.is_some(), Reason::PlanSelected),
        (eligible.is_empty(), Reason::NoEligiblePlan),
        (
            !eligible.is_empty() && shown.is_empty(),
            Reason::NoPlanInForm,
        ),
        (state.amount < policy.min_amount, Reason::BelowRemindMinimum),
        (
            policy.interest_free_only && !interest_free,
            Reason::NoInterestFreePlan,
        ),
        (
            state.reminders_shown >= policy.max_per_checkout,
            Reason::ReminderLimitReached,
        ),
        (state.dont_remind, Reason::ShopperOptedOut),
        (
            v.likelihood.as_ref().is_some_and(|l| l.score < l.threshold),
            Reason::Unlikely,
        ),
        (
            policy.quiet_when_heavy
                && v.affordability
                    .is_some_and(|a| a.level == instalment_guard::engine::advice::Level::High),
            Reason::HeavyRepayments,
        ),
    ]
    .into_iter()
    .filter_map(|(applies, r)| applies.then_some(r))
    .collect();
    assert_eq!(v.remind, quiet.is_empty(), "{v:?}");
    if v.remind {
        let mut why = vec![Reason::NoPlanSelected, Reason::EligiblePlans];
        if interest_free {
            why.push(Reason::InterestFreeAvailable);
        }
        assert_eq!(v.reasons, why);
    } else {
        assert_eq!(v.reasons, quiet);
    }
}

// ---------------------------------------------------------------------------------------------
// Inputs: JSON envelopes

fn member<'a>(v: &'a Value, key: &str) -> Option<&'a Value> {
    match v {
        Value::Object(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, m)| m),
        _ => None,
    }
}

/// Unwraps a checker's result, asserting the promises of its error; `valid` inputs, built by
/// the structured generators, must be accepted.
fn checked<T>(r: Result<T>, valid: bool) -> Option<T> {
    match r {
        Ok(t) => Some(t),
        Err(e) => {
            check_error(&e);
            assert!(!valid, "a valid input was refused: {e:?}");
            None
        }
    }
}

/// `{ amountMinor, currency, plans, flows }`: the arguments of `estimate` (each plan), `compare`
/// (all of them) and `annualRate`, read as the JS boundary reads them.
pub fn run_engine(v: &Value, valid: bool) {
    if let Some(f) = member(v, "flows") {
        if let Some(flows) = checked(flows_from_value(f, "flows"), valid) {
            check_annual_rate(&flows, &annual_rate(&flows));
        }
    }
    let amount = member(v, "amountMinor").and_then(|a| checked(amount(a, "amountMinor"), valid));
    let currency = match member(v, "currency") {
        Some(Value::String(code)) => checked(Currency::parse(code, "currency"), valid),
        _ => None,
    };
    let plans = member(v, "plans").and_then(|p| checked(plans_from_value(p, "plans"), valid));
    let (Some(amount), Some(currency), Some(plans)) = (amount, currency, plans) else {
        return;
    };
    for plan in &plans {
        check_estimate(amount, currency, plan, &estimate(amount, currency, plan));
    }
    check_comparison(amount, currency, &plans, &compare(amount, currency, &plans));
}

/// `{ config, state, offered? }`: the arguments of `assess`, and the plan ids the form offers.
pub fn run_assess(v: &Value, valid: bool) {
    let config = member(v, "config").and_then(|c| checked(GuardConfig::from_value(c), valid));
    let state = member(v, "state").and_then(|s| checked(CheckoutState::from_value(s), valid));
    let offered: Option<Vec<String>> = match member(v, "offered") {
        Some(Value::Array(items)) => Some(
            items
                .iter()
                .filter_map(|i| match i {
                    Value::String(s) => Some(s.clone()),
                    _ => None,
                })
                .collect(),
        ),
        _ => None,
    };
    let (Some(config), Some(state)) = (config, state) else {
        return;
    };
    let offered = offered.as_deref();
    check_verdict(&config, &state, offered, &assess(&config, &state, offered));
}

// ---------------------------------------------------------------------------------------------
// Inputs: structured, valid by construction

fn num(n: u64) -> Value {
    Value::Number(n as f64)
}

/// An amount of minor units, weighted towards the sizes that matter.
#[derive(Arbitrary, Debug)]
pub enum AmountGen {
    /// Up to 655.35 CNY.
    Small(u16),
    /// Up to about 43 million CNY.
    Mid(u32),
    /// Anything up to `Number.MAX_SAFE_INTEGER`.
    Wide(u64),
    /// Just below `Number.MAX_SAFE_INTEGER`.
    NearMax(u16),
}

impl AmountGen {
    /// The amount in minor units.
    pub fn minor(&self) -> u64 {
        match *self {
            AmountGen::Small(x) => x as u64,
            AmountGen::Mid(x) => x as u64,
            AmountGen::Wide(x) => x % (MAX_SAFE + 1),
            AmountGen::NearMax(d) => MAX_SAFE - d as u64,
        }
    }
}

/// A rate in billionths, from 0 to its fee model's bound (`plan::bound`): the structured inputs
/// are valid, so a rate above the bound, which is refused, is left to the unstructured inputs and
/// the unit tests.
#[derive(Arbitrary, Debug)]
pub enum RateGen {
    /// One of the rates real plans use, or the limits.
    Known(u8),
    /// Any rate.
    Any(u64),
    /// A few billionths.
    Tiny(u8),
}

const KNOWN_RATES: [u64; 10] = [
    0,
    23_000_000,
    45_000_000,
    75_000_000,
    6_000_000,
    9_000_000,
    120_000_000,
    SCALE,
    SCALE / 10,
    1,
];

impl RateGen {
    fn nanos(&self, bound: u64) -> u64 {
        match *self {
            RateGen::Known(i) => KNOWN_RATES[i as usize % KNOWN_RATES.len()].min(bound),
            RateGen::Any(n) => n % (bound + 1),
            RateGen::Tiny(n) => (n as u64).min(bound),
        }
    }

    /// As the decimal string a merchant would write for `model`: `"0.075000000"`.
    fn value(&self, model: &str) -> Value {
        let n = self.nanos(instalment_guard::engine::plan::bound(model));
        Value::String(format!("{}.{:09}", n / SCALE, n % SCALE))
    }
}

/// A fee model.
#[derive(Arbitrary, Debug)]
pub enum FeeGen {
    /// Huabei: flat total, paid by the merchant when true.
    FlatTotal(RateGen, bool),
    /// Card: per period.
    PerPeriod(RateGen),
    /// Amortising.
    Annuity(RateGen),
    /// Free.
    InterestFree,
}

impl FeeGen {
    fn value(&self) -> Value {
        let model = |m: &str, rest: Vec<(&str, Value)>| {
            let mut entries = vec![("model", Value::str(m))];
            entries.extend(rest);
            Value::object(entries)
        };
        match self {
            FeeGen::FlatTotal(r, merchant) => model(
                "flatTotal",
                vec![
                    ("rate", r.value("flatTotal")),
                    (
                        "payer",
                        Value::str(if *merchant { "merchant" } else { "shopper" }),
                    ),
                ],
            ),
            FeeGen::PerPeriod(r) => model("perPeriod", vec![("rate", r.value("perPeriod"))]),
            FeeGen::Annuity(r) => model("annuity", vec![("annualRate", r.value("annuity"))]),
            FeeGen::InterestFree => model("interestFree", vec![]),
        }
    }
}

/// A plan; its id comes from its position, so ids are unique.
#[derive(Arbitrary, Debug)]
pub struct PlanGen {
    periods: u8,
    fee: FeeGen,
    min: Option<AmountGen>,
    max: Option<AmountGen>,
}

impl PlanGen {
    fn value(&self, i: usize) -> Value {
        let mut entries = vec![
            ("id", Value::String(format!("p{i}"))),
            ("periods", num(1 + self.periods as u64 % MAX_PERIODS as u64)),
            ("fee", self.fee.value()),
        ];
        let (min, max) = (
            self.min.as_ref().map(AmountGen::minor),
            self.max.as_ref().map(AmountGen::minor),
        );
        let (min, max) = match (min, max) {
            (Some(a), Some(b)) => (Some(a.min(b)), Some(a.max(b))),
            other => other,
        };
        entries.extend(min.map(|m| ("minAmountMinor", num(m))));
        entries.extend(max.map(|m| ("maxAmountMinor", num(m))));
        Value::object(entries)
    }
}

fn plans_value(plans: &[PlanGen]) -> Value {
    Value::Array(
        plans
            .iter()
            .take(24)
            .enumerate()
            .map(|(i, p)| p.value(i))
            .collect(),
    )
}

/// When a flow happens.
#[derive(Arbitrary, Debug)]
pub enum MonthsGen {
    /// A whole month, 0 to 1200.
    Whole(u16),
    /// Thousandths of a month, 0 to 1200.
    Fraction(u32),
}

/// One cash flow.
#[derive(Arbitrary, Debug)]
pub struct FlowGen {
    months: MonthsGen,
    small: bool,
    amount: i64,
}

impl FlowGen {
    fn value(&self) -> Value {
        let months = match self.months {
            MonthsGen::Whole(m) => (m as u64 % (MAX_MONTHS as u64 + 1)) as f64,
            MonthsGen::Fraction(t) => (t % 1_200_001) as f64 / 1000.0,
        };
        let amount = if self.small {
            self.amount % 100_000
        } else {
            self.amount % (MAX_SAFE as i64 + 1)
        };
        Value::object(vec![
            ("months", Value::Number(months)),
            ("amountMinor", Value::Number(amount as f64)),
        ])
    }
}

const CURRENCIES: [&str; 5] = ["CNY", "JPY", "KWD", "CLF", "USD"];

/// Arguments for [`run_engine`].
#[derive(Arbitrary, Debug)]
pub struct EngineGen {
    amount: AmountGen,
    currency: u8,
    plans: Vec<PlanGen>,
    flows: Vec<FlowGen>,
}

impl EngineGen {
    /// The envelope [`run_engine`] reads.
    pub fn value(&self) -> Value {
        Value::object(vec![
            ("amountMinor", num(self.amount.minor())),
            (
                "currency",
                Value::str(CURRENCIES[self.currency as usize % CURRENCIES.len()]),
            ),
            ("plans", plans_value(&self.plans)),
            (
                "flows",
                Value::Array(self.flows.iter().take(128).map(FlowGen::value).collect()),
            ),
        ])
    }
}

/// Where the plans come from.
#[derive(Arbitrary, Debug)]
pub enum SourceGen {
    /// One of the presets (with CNY, the only currency they take).
    Preset(u8),
    /// The merchant's own list.
    Plans(Vec<PlanGen>, u8),
}

/// The reminder policy.
#[derive(Arbitrary, Debug)]
pub struct RemindGen {
    min: Option<AmountGen>,
    interest_free_only: Option<bool>,
    max_per_checkout: Option<u16>,
    allow_dont_remind: Option<bool>,
}

/// The shopper's choice in the form.
#[derive(Arbitrary, Debug)]
pub enum ChoiceGen {
    /// The `""` radio.
    Empty,
    /// The `"none"` value.
    None,
    /// One of the configured plans, by position.
    Plan(u8),
    /// A value the configuration does not know.
    Unknown,
}

/// Arguments for [`run_assess`].
#[derive(Arbitrary, Debug)]
pub struct AssessGen {
    source: SourceGen,
    locale: Option<u8>,
    remind: Option<RemindGen>,
    amount: AmountGen,
    choice: Option<ChoiceGen>,
    reminders_shown: Option<u16>,
    dont_remind: Option<bool>,
    /// Plan positions the form offers (255: an id the configuration lacks); `None`: not known.
    offered: Option<Vec<u8>>,
}

const PRESETS: [(&str, &[&str]); 3] = [
    ("huabei", &["huabei-3", "huabei-6", "huabei-12"]),
    (
        "huabei-interest-free",
        &["huabei-3", "huabei-6", "huabei-12"],
    ),
    (
        "credit-card-cn",
        &["card-3", "card-6", "card-12", "card-24"],
    ),
];

impl AssessGen {
    /// The envelope [`run_assess`] reads.
    pub fn value(&self) -> Value {
        let mut config = Vec::new();
        let ids: Vec<String> = match &self.source {
            SourceGen::Preset(p) => {
                let (name, ids) = PRESETS[*p as usize % PRESETS.len()];
                config.push(("currency", Value::str("CNY")));
                config.push(("preset", Value::str(name)));
                ids.iter().map(|s| s.to_string()).collect()
            }
            SourceGen::Plans(plans, currency) => {
                let plans = if plans.is_empty() {
                    Value::Array(vec![PlanGen {
                        periods: 11,
                        fee: FeeGen::InterestFree,
                        min: None,
                        max: None,
                    }
                    .value(0)])
                } else {
                    plans_value(plans)
                };
                let n = match &plans {
                    Value::Array(items) => items.len(),
                    _ => 0,
                };
                config.push((
                    "currency",
                    Value::str(CURRENCIES[*currency as usize % CURRENCIES.len()]),
                ));
                config.push(("plans", plans));
                (0..n).map(|i| format!("p{i}")).collect()
            }
        };
        if let Some(l) = self.locale {
            config.push((
                "locale",
                Value::str(["zh-CN", "zh-TW", "en"][l as usize % 3]),
            ));
        }
        if let Some(r) = &self.remind {
            let mut remind = Vec::new();
            remind.extend(r.min.as_ref().map(|m| ("minAmountMinor", num(m.minor()))));
            remind.extend(
                r.interest_free_only
                    .map(|b| ("interestFreeOnly", Value::Bool(b))),
            );
            remind.extend(
                r.max_per_checkout
                    .map(|m| ("maxPerCheckout", num(m as u64 % 2))),
            );
            remind.extend(
                r.allow_dont_remind
                    .map(|b| ("allowDontRemind", Value::Bool(b))),
            );
            config.push(("remind", Value::object(remind)));
        }
        let id = |i: u8| ids.get(i as usize % ids.len()).cloned().unwrap_or_default();
        let mut state = vec![("amountMinor", num(self.amount.minor()))];
        if let Some(c) = &self.choice {
            let choice = match c {
                ChoiceGen::Empty => String::new(),
                ChoiceGen::None => "none".to_string(),
                ChoiceGen::Plan(i) => id(*i),
                ChoiceGen::Unknown => "ghost".to_string(),
            };
            state.push(("selectedPlanId", Value::String(choice)));
        }
        state.extend(
            self.reminders_shown
                .map(|n| ("remindersShown", num(n as u64))),
        );
        state.extend(self.dont_remind.map(|b| ("dontRemind", Value::Bool(b))));
        let mut envelope = vec![
            ("config", Value::object(config)),
            ("state", Value::object(state)),
        ];
        if let Some(offered) = &self.offered {
            let list = offered
                .iter()
                .map(|&i| Value::String(if i == 255 { "ghost".to_string() } else { id(i) }))
                .collect();
            envelope.push(("offered", Value::Array(list)));
        }
        Value::object(envelope)
    }
}

/// Generators of valid arguments.
pub trait Generate {
    /// The JSON-like envelope the target reads.
    fn value(&self) -> Value;
}

impl Generate for EngineGen {
    fn value(&self) -> Value {
        EngineGen::value(self)
    }
}

impl Generate for AssessGen {
    fn value(&self) -> Value {
        AssessGen::value(self)
    }
}

/// A target's input: JSON text when the bytes start with `{`, else structured values drawn by
/// `G`, which are valid by construction, so every checker must accept them. `cargo fuzz fmt`
/// prints it as JSON, ready to become a seed or a regression test.
pub struct Input<G> {
    /// The arguments.
    pub value: Value,
    /// Built by `G`: checkers must accept it.
    pub valid: bool,
    generator: PhantomData<G>,
}

impl<'a, G: Arbitrary<'a> + Generate> Arbitrary<'a> for Input<G> {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        let rest = u.bytes(u.len())?;
        Self::arbitrary_take_rest(Unstructured::new(rest))
    }

    fn arbitrary_take_rest(u: Unstructured<'a>) -> arbitrary::Result<Self> {
        let data = u.peek_bytes(u.len()).unwrap_or_default();
        let (value, valid) = if data.first() == Some(&b'{') {
            let v = serde_json::from_slice::<Value>(data)
                .map_err(|_| arbitrary::Error::IncorrectFormat)?;
            (v, false)
        } else {
            (G::arbitrary_take_rest(u)?.value(), true)
        };
        Ok(Input {
            value,
            valid,
            generator: PhantomData,
        })
    }
}

impl<G> fmt::Debug for Input<G> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut text = String::new();
        write_json(&self.value, &mut text);
        let origin = if self.valid { "generated" } else { "JSON" };
        write!(f, "{text}\n({origin} input)")
    }
}

/// `v` as JSON text.
pub fn write_json(v: &Value, out: &mut String) {
    let string = |s: &str| serde_json::to_string(s).unwrap_or_default();
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&format!("{n}")),
        Value::String(s) => out.push_str(&string(s)),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                out.push_str(if i > 0 { ", " } else { "" });
                write_json(item, out);
            }
            out.push(']');
        }
        Value::Object(entries) => {
            out.push('{');
            for (i, (k, item)) in entries.iter().enumerate() {
                out.push_str(if i > 0 { ", " } else { "" });
                out.push_str(&string(k));
                out.push_str(": ");
                write_json(item, out);
            }
            out.push('}');
        }
        // What no JSON holds never comes from JSON or the generators; shown as a JS reader
        // would meet it, should a future generator make one.
        Value::Unreadable(kind) => out.push_str(&format!("/* unreadable: {kind} */ null")),
        Value::TooDeep => out.push_str("/* nested too deep */ null"),
    }
}
