//! Comparing plans for one amount: which can take it, and in what order a shopper should see them.

use alloc::string::String;
use alloc::vec::Vec;

use super::error::{insertion_sort, Result};
use super::money::Currency;
use super::plan::{Ineligible, Plan};
use super::schedule::{estimate, Estimate};

/// Estimates of every eligible plan, best first, and why the others were left out.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    /// Interest-free plans first (longest first), then the lowest nominal APR.
    pub estimates: Vec<Estimate>,
    /// Plans whose amount range excludes the amount, in the order given.
    pub ineligible: Vec<(String, Ineligible)>,
}

impl Comparison {
    /// The plan to put first: the head of `estimates`.
    pub fn recommended(&self) -> Option<&str> {
        self.estimates.first().map(|e| e.plan_id.as_str())
    }
}

/// Estimates `plans` for `amount` and orders them. Plans that tie keep the order they were given.
pub fn compare(amount: u64, currency: Currency, plans: &[Plan]) -> Result<Comparison> {
    let mut estimates = Vec::with_capacity(plans.len());
    let mut ineligible = Vec::new();
    for plan in plans {
        match plan.ineligibility(amount) {
            Some(why) => ineligible.push((plan.id.clone(), why)),
            None => estimates.push(estimate(amount, currency, plan)?),
        }
    }
    insertion_sort(&mut estimates, |a, b| {
        match (a.interest_free, b.interest_free) {
            (true, true) => a.periods > b.periods,
            (true, false) => true,
            (false, true) => false,
            // The same rule as the recommendation's default: rates within 1e-12 tie, and go
            // to fewer periods; plans still tied keep their order.
            (false, false) if (a.rate.nominal - b.rate.nominal).abs() <= 1e-12 => {
                a.periods < b.periods
            }
            (false, false) => a.rate.nominal < b.rate.nominal,
        }
    });
    Ok(Comparison {
        estimates,
        ineligible,
    })
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::engine::plan::plans_from_value;

    #[test]
    fn interest_free_first_longest_first_then_cheapest() {
        let plans = plans_from_value(
            &serde_json::from_str(
                r#"[
                {"id": "hb-3", "periods": 3, "fee": {"model": "flatTotal", "rate": "0.023"}},
                {"id": "free-3", "periods": 3, "fee": {"model": "interestFree"}},
                {"id": "hb-12", "periods": 12, "fee": {"model": "flatTotal", "rate": "0.075"}},
                {"id": "free-12", "periods": 12, "fee": {"model": "flatTotal", "rate": "0.075", "payer": "merchant"}},
                {"id": "big-only", "periods": 6, "fee": {"model": "interestFree"}, "minAmountMinor": 1000000},
                {"id": "small-only", "periods": 6, "fee": {"model": "interestFree"}, "maxAmountMinor": 100},
                {"id": "hb-6", "periods": 6, "fee": {"model": "flatTotal", "rate": "0.045"}}
            ]"#,
            )
            .expect("valid JSON"),
            "plans",
        )
        .expect("valid plans");
        let cny = Currency::parse("CNY", "currency").expect("CNY");
        let c = compare(111111, cny, &plans).expect("comparison");
        let order: Vec<&str> = c.estimates.iter().map(|e| e.plan_id.as_str()).collect();
        // Huabei 12 at 7.5% has a lower APR than 3 at 2.3% and 6 at 4.5%.
        assert_eq!(order, vec!["free-12", "free-3", "hb-12", "hb-3", "hb-6"]);
        assert_eq!(c.recommended(), Some("free-12"));
        assert_eq!(
            c.ineligible,
            vec![
                ("big-only".to_string(), Ineligible::BelowMin),
                ("small-only".to_string(), Ineligible::AboveMax)
            ]
        );
    }

    #[test]
    fn no_eligible_plan_recommends_nothing() {
        let c = compare(5, Currency::parse("CNY", "c").expect("CNY"), &[]).expect("comparison");
        assert_eq!(c.recommended(), None);
    }
}
