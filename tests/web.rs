//! The JS boundary in real browsers: `estimate`, `compare`, `annualRate` and `assess` called the
//! way a storefront calls them, with the values and mistakes a storefront makes. Every call goes
//! out through JS, so a failure arrives as the value a real `throw` carried.
#![cfg(target_arch = "wasm32")]

#[macro_use]
mod support;

use instalment_guard::{annual_rate_js, assess_js, compare_js, estimate_js};
use support::{array, check_error, from_js, get, js, json, num, plan_ids, strings, text, Outcome};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn estimate(
    amount: impl Into<JsValue>,
    currency: impl Into<JsValue>,
    plan: impl Into<JsValue>,
) -> Result<JsValue, JsValue> {
    let (a, c, p) = (amount.into(), currency.into(), plan.into());
    from_js(move || estimate_js(a.clone(), c.clone(), p.clone()))
}

fn compare(
    amount: impl Into<JsValue>,
    currency: impl Into<JsValue>,
    plans: impl Into<JsValue>,
) -> Result<JsValue, JsValue> {
    let (a, c, p) = (amount.into(), currency.into(), plans.into());
    from_js(move || compare_js(a.clone(), c.clone(), p.clone()))
}

fn annual_rate(flows: impl Into<JsValue>) -> Result<JsValue, JsValue> {
    let f = flows.into();
    from_js(move || annual_rate_js(f.clone()))
}

fn assess(config: impl Into<JsValue>, state: impl Into<JsValue>) -> Result<JsValue, JsValue> {
    let (c, s) = (config.into(), state.into());
    from_js(move || assess_js(c.clone(), s.clone()))
}

const HUABEI_12: &str =
    r#"{"id": "huabei-12", "periods": 12, "fee": {"model": "flatTotal", "rate": "0.075"}}"#;

/// A plan with `fee` (JSON) in place of the usual one.
fn plan_with_fee(fee: &str) -> JsValue {
    js(&format!(r#"{{"id": "p", "periods": 12, "fee": {fee}}}"#))
}

fn payments(estimate: &JsValue) -> Vec<f64> {
    array(estimate, "schedule")
        .iter()
        .map(|l| num(&l, "paymentMinor").unwrap_or(f64::NAN))
        .collect()
}

fn close_to(actual: Option<f64>, expected: f64, relative: f64) -> bool {
    actual.is_some_and(|a| ((a - expected) / expected).abs() <= relative)
}

/// A thrown error must leave the module as it was: the worked example still comes out right.
fn still_works() -> Outcome {
    let e = estimate(111111, "CNY", js(HUABEI_12))?;
    check_eq!(
        num(&e, "schedule.1.paymentMinor"),
        Some(9953.0),
        "after an error"
    );
    Ok(())
}

// ---- worked examples ---------------------------------------------------------------------------

#[wasm_bindgen_test]
fn huabei_1111_11_over_12_periods_at_7_5_percent_is_99_53_a_month_with_a_fee_of_83_33() -> Outcome {
    let e = estimate(111111, "CNY", js(HUABEI_12))?;
    check_eq!(text(&e, "planId").as_deref(), Some("huabei-12"));
    check_eq!(text(&e, "currency").as_deref(), Some("CNY"));
    check_eq!(num(&e, "amountMinor"), Some(111111.0));
    check_eq!(num(&e, "periods"), Some(12.0));
    check_eq!(num(&e, "totalFeeMinor"), Some(8333.0));
    check_eq!(num(&e, "totalRepaymentMinor"), Some(119444.0));
    check_eq!(num(&e, "merchantFeeMinor"), Some(0.0));
    check_eq!(get(&e, "interestFree").as_bool(), Some(false));
    // floor(111111/12) = 9259 and floor(8333/12) = 694 a period; both remainders (3 and 5) go to
    // period 1.
    let mut expected = vec![9953.0; 12];
    expected[0] = 9961.0;
    check_eq!(payments(&e), expected);
    check_eq!(num(&e, "schedule.0.principalMinor"), Some(9262.0));
    check_eq!(num(&e, "schedule.0.feeMinor"), Some(699.0));
    check_eq!(num(&e, "schedule.11.principalMinor"), Some(9259.0));
    check_eq!(num(&e, "schedule.11.feeMinor"), Some(694.0));
    // The IRR of those flows, worked out independently to 40 digits.
    let r = 0.011_305_758_153_627_4;
    check!(close_to(num(&e, "monthlyRate"), r, 1e-9), "{}", json(&e));
    check!(close_to(num(&e, "aprNominal"), 12.0 * r, 1e-9));
    check!(close_to(
        num(&e, "aprEffective"),
        0.144_431_387_300_919_4,
        1e-9
    ));
    Ok(())
}

#[wasm_bindgen_test]
fn a_card_plan_of_12000_over_12_periods_at_0_6_percent_a_period_is_1072_a_month() -> Outcome {
    let plan = js(
        r#"{"id": "card-12", "provider": "credit_card", "periods": 12,
                      "fee": {"model": "perPeriod", "rate": "0.006"}}"#,
    );
    let e = estimate(1_200_000, "CNY", plan)?;
    check_eq!(payments(&e), vec![107200.0; 12]);
    check_eq!(num(&e, "schedule.0.feeMinor"), Some(7200.0));
    check_eq!(num(&e, "totalFeeMinor"), Some(86400.0));
    check_eq!(num(&e, "totalRepaymentMinor"), Some(1_286_400.0));
    let r = 0.010_861_853_567_590_09;
    check!(close_to(num(&e, "monthlyRate"), r, 1e-9), "{}", json(&e));
    check!(close_to(num(&e, "aprNominal"), 12.0 * r, 1e-9));
    Ok(())
}

#[wasm_bindgen_test]
fn every_schedule_sums_exactly_to_the_total_repayment() -> Outcome {
    let fees = [
        r#"{"model": "flatTotal", "rate": "0.075"}"#,
        r#"{"model": "flatTotal", "rate": "0.045", "payer": "merchant"}"#,
        r#"{"model": "perPeriod", "rate": "0.006"}"#,
        r#"{"model": "annuity", "annualRate": "0.12"}"#,
        r#"{"model": "annuity", "annualRate": "0"}"#,
        r#"{"model": "interestFree"}"#,
    ];
    for fee in fees {
        for periods in [1, 3, 7, 12, 24, 60] {
            for amount in [1u64, 100, 99_999, 111_111, 1_234_567, 987_654_321] {
                let plan = js(&format!(
                    r#"{{"id": "p", "periods": {periods}, "fee": {fee}}}"#
                ));
                let e = estimate(amount as f64, "CNY", plan)?;
                let lines = array(&e, "schedule");
                let sum = |key: &str| -> f64 {
                    lines.iter().map(|l| num(&l, key).unwrap_or(f64::NAN)).sum()
                };
                let total = num(&e, "totalRepaymentMinor");
                let case = format!("{amount} over {periods} with {fee}");
                check_eq!(lines.length(), periods, "{case}");
                check_eq!(Some(sum("paymentMinor")), total, "{case}");
                check_eq!(sum("principalMinor"), amount as f64, "{case}");
                check_eq!(Some(sum("feeMinor")), num(&e, "totalFeeMinor"), "{case}");
                check_eq!(
                    total,
                    num(&e, "totalFeeMinor").map(|f| f + amount as f64),
                    "{case}"
                );
                let numbered: Vec<f64> = lines.iter().filter_map(|l| num(&l, "period")).collect();
                check_eq!(
                    numbered,
                    (1..=periods).map(f64::from).collect::<Vec<_>>(),
                    "{case}"
                );
            }
        }
    }
    Ok(())
}

#[wasm_bindgen_test]
fn each_fee_model_rounds_as_documented() -> Outcome {
    // Interest-free: the principal remainder goes to period 1.
    let free = js(r#"{"id": "f", "periods": 3, "fee": {"model": "interestFree"}}"#);
    let e = estimate(100, "CNY", free)?;
    check_eq!(payments(&e), vec![34.0, 33.0, 33.0]);
    check_eq!(get(&e, "interestFree").as_bool(), Some(true));
    check_eq!(num(&e, "aprNominal"), Some(0.0));

    // Merchant-paid Huabei: the shopper pays nothing extra; the fee is the merchant's.
    let merchant = plan_with_fee(r#"{"model": "flatTotal", "rate": "0.075", "payer": "merchant"}"#);
    let e = estimate(111111, "CNY", merchant)?;
    check_eq!(get(&e, "interestFree").as_bool(), Some(true));
    check_eq!(num(&e, "totalFeeMinor"), Some(0.0));
    check_eq!(num(&e, "merchantFeeMinor"), Some(8333.0));
    check_eq!(num(&e, "totalRepaymentMinor"), Some(111111.0));

    // Half-even: 2 × 0.25 = 0.5 rounds to 0; 6 × 0.25 = 1.5 rounds to 2.
    let quarter = js(r#"{"id": "q", "periods": 1, "fee": {"model": "flatTotal", "rate": "0.25"}}"#);
    check_eq!(
        num(&estimate(2, "CNY", quarter.clone())?, "totalFeeMinor"),
        Some(0.0)
    );
    check_eq!(
        num(&estimate(6, "CNY", quarter)?, "totalFeeMinor"),
        Some(2.0)
    );

    // Annuity: 1000.00 at 12% a year over 12 months; P·i/(1−(1+i)^−n) = 88.8487… → 88.85.
    let annuity = plan_with_fee(r#"{"model": "annuity", "annualRate": "0.12"}"#);
    let e = estimate(100_000, "CNY", annuity)?;
    check_eq!(num(&e, "schedule.0.paymentMinor"), Some(8885.0));
    check_eq!(num(&e, "schedule.0.feeMinor"), Some(1000.0));
    check!(close_to(num(&e, "aprNominal"), 0.12, 1e-4), "{}", json(&e));

    // JPY has no minor unit; the amount is in yen and the schedule is still exact.
    let e = estimate(10_000, "JPY", js(HUABEI_12))?;
    check_eq!(text(&e, "currency").as_deref(), Some("JPY"));
    check_eq!(num(&e, "totalFeeMinor"), Some(750.0));
    Ok(())
}

// ---- compare -----------------------------------------------------------------------------------

#[wasm_bindgen_test]
fn compare_puts_interest_free_first_longest_first_then_the_lowest_apr() -> Outcome {
    let plans = js(r#"[
        {"id": "hb-3", "periods": 3, "fee": {"model": "flatTotal", "rate": "0.023"}},
        {"id": "free-3", "periods": 3, "fee": {"model": "interestFree"}},
        {"id": "card-12", "periods": 12, "fee": {"model": "perPeriod", "rate": "0.006"}},
        {"id": "too-small", "periods": 6, "fee": {"model": "interestFree"}, "maxAmountMinor": 50000},
        {"id": "hb-12", "periods": 12, "fee": {"model": "flatTotal", "rate": "0.075"}},
        {"id": "merchant-6", "periods": 6, "fee": {"model": "flatTotal", "rate": "0.045", "payer": "merchant"}},
        {"id": "loan-24", "periods": 24, "fee": {"model": "annuity", "annualRate": "0.05"}},
        {"id": "too-big", "periods": 12, "fee": {"model": "interestFree"}, "minAmountMinor": 200000},
        {"id": "free-12", "periods": 12, "fee": {"model": "interestFree"}, "minAmountMinor": 111111, "maxAmountMinor": 111111}
    ]"#);
    let c = compare(111111, "CNY", plans)?;
    let ids = plan_ids(&c);
    check_eq!(ids.len(), 7, "{}", json(&c));
    // Interest-free, longest first (the merchant-paid plan is interest-free for the shopper); the
    // bounds are inclusive, so free-12 takes exactly 111111.
    check_eq!(
        ids[..3],
        ["free-12", "merchant-6", "free-3"],
        "{}",
        json(&c)
    );
    // Then by the lowest annualised rate.
    let aprs: Vec<f64> = array(&c, "estimates")
        .iter()
        .skip(3)
        .filter_map(|e| num(&e, "aprNominal"))
        .collect();
    check_eq!(aprs.len(), 4, "{}", json(&c));
    check!(
        aprs.windows(2).all(|w| w[0] <= w[1]),
        "not by lowest aprNominal: {aprs:?}"
    );
    check_eq!(ids[3], "loan-24");
    check_eq!(text(&c, "recommendedPlanId").as_deref(), Some("free-12"));
    check_eq!(
        json(&get(&c, "ineligible")),
        r#"[{"planId":"too-small","reason":"ABOVE_MAX"},{"planId":"too-big","reason":"BELOW_MIN"}]"#
    );
    // Every estimate in a comparison is the one estimate() gives for that plan.
    let single = estimate(111111, "CNY", js(HUABEI_12))?;
    let from_compare = support::estimate_of(&c, "hb-12");
    check_eq!(
        json(&get(&from_compare, "schedule")),
        json(&get(&single, "schedule"))
    );
    Ok(())
}

#[wasm_bindgen_test]
fn compare_with_no_eligible_plan_recommends_nothing() -> Outcome {
    let plans = js(
        r#"[{"id": "hb-3", "periods": 3, "fee": {"model": "interestFree"}, "minAmountMinor": 10000}]"#,
    );
    let c = compare(9999, "CNY", plans)?;
    check_eq!(array(&c, "estimates").length(), 0);
    check!(get(&c, "recommendedPlanId").is_null(), "{}", json(&c));
    check_eq!(
        json(&get(&c, "ineligible")),
        r#"[{"planId":"hb-3","reason":"BELOW_MIN"}]"#
    );
    Ok(())
}

// ---- annualRate --------------------------------------------------------------------------------

#[wasm_bindgen_test]
fn annual_rate_of_simple_flows() -> Outcome {
    // 100.00 advanced, 110.00 paid back a month later: 10% a month.
    let r = annual_rate(js(
        r#"[{"months": 0, "amountMinor": 10000}, {"months": 1, "amountMinor": -11000}]"#,
    ))?;
    check!(close_to(num(&r, "monthlyRate"), 0.1, 1e-9), "{}", json(&r));
    check!(close_to(num(&r, "aprNominal"), 1.2, 1e-9), "{}", json(&r));
    check!(
        close_to(num(&r, "aprEffective"), 2.138_428_376_721, 1e-9),
        "{}",
        json(&r)
    );

    // A year later instead: 10% a year effective, whatever the month count's fractions.
    let r = annual_rate(js(
        r#"[{"months": 0, "amountMinor": 10000}, {"months": 12, "amountMinor": -11000}]"#,
    ))?;
    check!(close_to(num(&r, "aprEffective"), 0.1, 1e-9), "{}", json(&r));
    let r = annual_rate(js(
        r#"[{"months": 0.5, "amountMinor": 10000}, {"months": 6.5, "amountMinor": -10488}]"#,
    ))?;
    check!(close_to(num(&r, "aprEffective"), 0.1, 1e-3), "{}", json(&r));

    // Paid back exactly what was advanced: zero, not nearly zero.
    let r = annual_rate(js(
        r#"[{"months": 0, "amountMinor": 300}, {"months": 1, "amountMinor": -100},
                               {"months": 2, "amountMinor": -100}, {"months": 3, "amountMinor": -100}]"#,
    ))?;
    check_eq!(
        json(&r),
        r#"{"monthlyRate":0,"aprNominal":0,"aprEffective":0}"#
    );
    Ok(())
}

#[wasm_bindgen_test]
fn annual_rate_agrees_with_estimate() -> Outcome {
    let e = estimate(111111, "CNY", js(HUABEI_12))?;
    let mut flows = vec![r#"{"months": 0, "amountMinor": 111111}"#.to_string()];
    for (i, p) in payments(&e).iter().enumerate() {
        flows.push(format!(r#"{{"months": {}, "amountMinor": -{p}}}"#, i + 1));
    }
    let r = annual_rate(js(&format!("[{}]", flows.join(","))))?;
    check!(close_to(
        num(&r, "monthlyRate"),
        num(&e, "monthlyRate").unwrap_or(0.0),
        1e-12
    ));
    Ok(())
}

// ---- rates as numbers --------------------------------------------------------------------------

#[wasm_bindgen_test]
fn a_rate_given_as_a_number_reads_as_its_shortest_decimal_form() -> Outcome {
    for (as_number, as_string, fee) in [
        (
            r#"0.075"#,
            r#""0.075""#,
            r#"{"model": "flatTotal", "rate": RATE}"#,
        ),
        (
            r#"0.006"#,
            r#""0.006""#,
            r#"{"model": "perPeriod", "rate": RATE}"#,
        ),
        (
            r#"0.12"#,
            r#""0.12""#,
            r#"{"model": "annuity", "annualRate": RATE}"#,
        ),
        (
            r#"1e-9"#,
            r#""0.000000001""#,
            r#"{"model": "perPeriod", "rate": RATE}"#,
        ),
        (r#"0"#, r#""0""#, r#"{"model": "flatTotal", "rate": RATE}"#),
    ] {
        let by_number = estimate(
            111111,
            "CNY",
            plan_with_fee(&fee.replace("RATE", as_number)),
        )?;
        let by_string = estimate(
            111111,
            "CNY",
            plan_with_fee(&fee.replace("RATE", as_string)),
        )?;
        check_eq!(
            json(&by_number),
            json(&by_string),
            "{as_number} vs {as_string}"
        );
    }
    // 0.1 + 0.2 is 0.30000000000000004 in shortest form: 17 places, never silently rounded.
    let plan = plan_with_fee(r#"{"model": "flatTotal", "rate": 0}"#);
    js_sys::Reflect::set(
        &get(&plan, "fee"),
        &"rate".into(),
        &JsValue::from_f64(0.1 + 0.2),
    )?;
    check_error(
        &estimate(111111, "CNY", plan),
        "INVALID_RATE",
        "plan.fee.rate",
    )?;
    let tiny = plan_with_fee(r#"{"model": "perPeriod", "rate": 1e-10}"#);
    check_error(
        &estimate(111111, "CNY", tiny),
        "INVALID_RATE",
        "plan.fee.rate",
    )?;
    still_works()
}

// ---- assess ------------------------------------------------------------------------------------

#[wasm_bindgen_test]
fn assess_says_why_it_would_remind_or_stay_quiet() -> Outcome {
    let config = r#"{"currency": "CNY", "preset": "huabei"}"#;
    let reasons = |state: &str| -> Result<Vec<String>, JsValue> {
        Ok(strings(&assess(js(config), js(state))?, "reasons"))
    };
    let v = assess(js(config), js(r#"{"amountMinor": 111111}"#))?;
    check_eq!(get(&v, "remind").as_bool(), Some(true));
    check_eq!(
        strings(&v, "reasons"),
        ["NO_PLAN_SELECTED", "ELIGIBLE_PLANS"]
    );
    // Annualised, Huabei's 12 periods (13.57%) undercut its 3 (13.75%) and 6 (15.27%).
    check_eq!(plan_ids(&v), ["huabei-12", "huabei-3", "huabei-6"]);
    check_eq!(text(&v, "recommendedPlanId").as_deref(), Some("huabei-12"));
    check_eq!(
        reasons(r#"{"amountMinor": 111111, "selectedPlanId": "huabei-6"}"#)?,
        ["PLAN_SELECTED"]
    );
    // "" and "none" are the form's ways of saying no plan.
    for none in [r#""""#, r#""none""#, "null"] {
        let state = format!(r#"{{"amountMinor": 111111, "selectedPlanId": {none}}}"#);
        check_eq!(
            reasons(&state)?,
            ["NO_PLAN_SELECTED", "ELIGIBLE_PLANS"],
            "{none}"
        );
    }
    check_eq!(reasons(r#"{"amountMinor": 9999}"#)?, ["NO_ELIGIBLE_PLAN"]);
    check_eq!(
        reasons(r#"{"amountMinor": 111111, "remindersShown": 1}"#)?,
        ["REMINDER_LIMIT_REACHED"]
    );
    check_eq!(
        reasons(r#"{"amountMinor": 111111, "dontRemind": true}"#)?,
        ["SHOPPER_OPTED_OUT"]
    );
    let v = assess(
        js(
            r#"{"currency": "CNY", "preset": "huabei", "remind": {"minAmountMinor": 200000, "interestFreeOnly": true}}"#,
        ),
        js(r#"{"amountMinor": 111111}"#),
    )?;
    check_eq!(get(&v, "remind").as_bool(), Some(false));
    check_eq!(
        strings(&v, "reasons"),
        ["BELOW_REMIND_MINIMUM", "NO_INTEREST_FREE_PLAN"]
    );
    let v = assess(
        js(r#"{"currency": "CNY", "preset": "huabei-interest-free"}"#),
        js(r#"{"amountMinor": 111111}"#),
    )?;
    check_eq!(
        strings(&v, "reasons"),
        [
            "NO_PLAN_SELECTED",
            "ELIGIBLE_PLANS",
            "INTEREST_FREE_AVAILABLE"
        ]
    );
    check_eq!(plan_ids(&v), ["huabei-12", "huabei-6", "huabei-3"]);
    Ok(())
}

// ---- errors ------------------------------------------------------------------------------------

type Call = Box<dyn Fn() -> Result<JsValue, JsValue>>;

/// Runs each failing call, checks its error, and checks the module still works after it.
fn check_errors(cases: Vec<(&str, Call, &str, &str)>) -> Outcome {
    for (what, call, code, field) in cases {
        check_error(&call(), code, field).map_err(|e| {
            JsValue::from_str(&format!("{what}: {}", e.as_string().unwrap_or_default()))
        })?;
        still_works().map_err(|e| {
            JsValue::from_str(&format!(
                "after {what}: {}",
                e.as_string().unwrap_or_default()
            ))
        })?;
    }
    Ok(())
}

fn estimate_of_amount(amount: JsValue) -> Call {
    Box::new(move || estimate(amount.clone(), "CNY", js(HUABEI_12)))
}

#[wasm_bindgen_test]
fn amounts_that_are_not_safe_whole_non_negative_numbers_are_refused() -> Outcome {
    let bad = |v: f64| estimate_of_amount(JsValue::from_f64(v));
    check_errors(vec![
        ("NaN", bad(f64::NAN), "INVALID_AMOUNT", "amountMinor"),
        (
            "Infinity",
            bad(f64::INFINITY),
            "INVALID_AMOUNT",
            "amountMinor",
        ),
        (
            "-Infinity",
            bad(f64::NEG_INFINITY),
            "INVALID_AMOUNT",
            "amountMinor",
        ),
        ("negative", bad(-1.0), "INVALID_AMOUNT", "amountMinor"),
        ("fractional", bad(1111.11), "INVALID_AMOUNT", "amountMinor"),
        (
            "2**53",
            bad(9_007_199_254_740_992.0),
            "INVALID_AMOUNT",
            "amountMinor",
        ),
        (
            "a string",
            estimate_of_amount("111111".into()),
            "INVALID_AMOUNT",
            "amountMinor",
        ),
        (
            "null",
            estimate_of_amount(JsValue::NULL),
            "INVALID_AMOUNT",
            "amountMinor",
        ),
        (
            "undefined",
            estimate_of_amount(JsValue::UNDEFINED),
            "INVALID_AMOUNT",
            "amountMinor",
        ),
        (
            "true",
            estimate_of_amount(JsValue::TRUE),
            "INVALID_AMOUNT",
            "amountMinor",
        ),
        (
            "a plan's bound",
            Box::new(|| {
                estimate(
                    111111,
                    "CNY",
                    js(
                        r#"{"id": "a", "periods": 3, "fee": {"model": "interestFree"}, "minAmountMinor": 1.5}"#,
                    ),
                )
            }),
            "INVALID_AMOUNT",
            "plan.minAmountMinor",
        ),
        (
            "an assess state",
            Box::new(|| {
                assess(
                    js(r#"{"currency": "CNY", "preset": "huabei"}"#),
                    js(r#"{"amountMinor": -5}"#),
                )
            }),
            "INVALID_AMOUNT",
            "amountMinor",
        ),
    ])?;
    // The largest safe integer is an amount like any other.
    let free = js(r#"{"id": "f", "periods": 1, "fee": {"model": "interestFree"}}"#);
    let e = estimate(9_007_199_254_740_991.0, "CNY", free)?;
    check_eq!(
        num(&e, "totalRepaymentMinor"),
        Some(9_007_199_254_740_991.0)
    );
    // …until a fee would take the total past it: refused, not rounded.
    check_errors(vec![(
        "a total past 2**53",
        Box::new(|| estimate(9_007_199_254_740_991.0, "CNY", js(HUABEI_12))),
        "AMOUNT_OUT_OF_RANGE",
        "amountMinor",
    )])
}

#[wasm_bindgen_test]
fn unknown_and_lower_case_currencies_are_refused() -> Outcome {
    let bad = |c: JsValue| -> Call { Box::new(move || estimate(111111, c.clone(), js(HUABEI_12))) };
    check_errors(vec![
        ("unknown", bad("XYZ".into()), "INVALID_CURRENCY", "currency"),
        (
            "lower case",
            bad("cny".into()),
            "INVALID_CURRENCY",
            "currency",
        ),
        (
            "two letters",
            bad("CN".into()),
            "INVALID_CURRENCY",
            "currency",
        ),
        ("a number", bad(156.into()), "INVALID_CURRENCY", "currency"),
        (
            "missing",
            bad(JsValue::UNDEFINED),
            "INVALID_CURRENCY",
            "currency",
        ),
        (
            "in a config",
            Box::new(|| {
                assess(
                    js(r#"{"currency": "RMB", "preset": "huabei"}"#),
                    js(r#"{"amountMinor": 1}"#),
                )
            }),
            "INVALID_CURRENCY",
            "currency",
        ),
    ])
}

#[wasm_bindgen_test]
fn plans_out_of_shape_are_refused_with_their_path() -> Outcome {
    let bad_plan =
        |plan: &'static str| -> Call { Box::new(move || estimate(111111, "CNY", js(plan))) };
    let bad_plans =
        |plans: &'static str| -> Call { Box::new(move || compare(111111, "CNY", js(plans))) };
    check_errors(vec![
        (
            "0 periods",
            bad_plan(r#"{"id": "a", "periods": 0, "fee": {"model": "interestFree"}}"#),
            "INVALID_PLAN",
            "plan.periods",
        ),
        (
            "61 periods",
            bad_plan(r#"{"id": "a", "periods": 61, "fee": {"model": "interestFree"}}"#),
            "INVALID_PLAN",
            "plan.periods",
        ),
        (
            "a duplicate id",
            bad_plans(
                r#"[{"id": "a", "periods": 3, "fee": {"model": "interestFree"}},
                          {"id": "a", "periods": 6, "fee": {"model": "interestFree"}}]"#,
            ),
            "INVALID_PLAN",
            "plans[1].id",
        ),
        (
            "a typo in a plan",
            bad_plan(
                r#"{"id": "a", "peroids": 3, "periods": 3, "fee": {"model": "interestFree"}}"#,
            ),
            "INVALID_PLAN",
            "plan.peroids",
        ),
        (
            "a typo in a fee",
            bad_plans(
                r#"[{"id": "a", "periods": 3, "fee": {"model": "interestFree"}},
                          {"id": "b", "periods": 3, "fee": {"model": "flatTotal", "rate": "0.1", "payor": "merchant"}}]"#,
            ),
            "INVALID_PLAN",
            "plans[1].fee.payor",
        ),
        (
            "an unknown fee model",
            bad_plan(r#"{"id": "a", "periods": 3, "fee": {"model": "flat"}}"#),
            "INVALID_PLAN",
            "plan.fee.model",
        ),
        (
            "a plan that is a number",
            bad_plan("42"),
            "INVALID_PLAN",
            "plan",
        ),
        (
            "a plan that is an array",
            bad_plan("[]"),
            "INVALID_PLAN",
            "plan",
        ),
        (
            "a plan in the list that is a string",
            bad_plans(r#"[{"id": "a", "periods": 3, "fee": {"model": "interestFree"}}, "b"]"#),
            "INVALID_PLAN",
            "plans[1]",
        ),
        (
            "plans that are an object",
            bad_plans(r#"{"0": {}}"#),
            "INVALID_PLAN",
            "plans",
        ),
        (
            "plans that are a string",
            bad_plans(r#""huabei""#),
            "INVALID_PLAN",
            "plans",
        ),
        (
            "periods as a string",
            bad_plan(r#"{"id": "a", "periods": "12", "fee": {"model": "interestFree"}}"#),
            "INVALID_PLAN",
            "plan.periods",
        ),
        (
            "a typo in a guard config",
            Box::new(|| {
                assess(
                    js(
                        r#"{"currency": "CNY", "preset": "huabei", "remind": {"maxPerCheckOut": 2}}"#,
                    ),
                    js(r#"{"amountMinor": 1}"#),
                )
            }),
            "INVALID_CONFIG",
            "remind.maxPerCheckOut",
        ),
        (
            "a typo in a state",
            Box::new(|| {
                assess(
                    js(r#"{"currency": "CNY", "preset": "huabei"}"#),
                    js(r#"{"amountMinor": 1, "selectedPlan": "huabei-3"}"#),
                )
            }),
            "INVALID_STATE",
            "selectedPlan",
        ),
        (
            "a config that is not an object",
            Box::new(|| assess(JsValue::from_str("huabei"), js(r#"{"amountMinor": 1}"#))),
            "INVALID_CONFIG",
            "config",
        ),
    ])
}

#[wasm_bindgen_test]
fn malformed_rates_are_refused() -> Outcome {
    let bad = |rate: &'static str| -> Call {
        Box::new(move || {
            estimate(
                111111,
                "CNY",
                plan_with_fee(&format!(r#"{{"model": "flatTotal", "rate": {rate}}}"#)),
            )
        })
    };
    check_errors(vec![
        (
            "a percent",
            bad(r#""7.5%""#),
            "INVALID_RATE",
            "plan.fee.rate",
        ),
        (
            "negative",
            bad(r#""-0.1""#),
            "INVALID_RATE",
            "plan.fee.rate",
        ),
        (
            "negative number",
            bad("-0.1"),
            "INVALID_RATE",
            "plan.fee.rate",
        ),
        ("words", bad(r#""abc""#), "INVALID_RATE", "plan.fee.rate"),
        ("empty", bad(r#""""#), "INVALID_RATE", "plan.fee.rate"),
        (
            "ten places",
            bad(r#""0.0750000001""#),
            "INVALID_RATE",
            "plan.fee.rate",
        ),
        (
            "exponent",
            bad(r#""7.5e-2""#),
            "INVALID_RATE",
            "plan.fee.rate",
        ),
        ("a boolean", bad("true"), "INVALID_RATE", "plan.fee.rate"),
        (
            "missing",
            Box::new(|| estimate(111111, "CNY", plan_with_fee(r#"{"model": "perPeriod"}"#))),
            "INVALID_RATE",
            "plan.fee.rate",
        ),
        (
            "annual, in a list",
            Box::new(|| {
                compare(
                    111111,
                    "CNY",
                    js(
                        r#"[{"id": "a", "periods": 3, "fee": {"model": "interestFree"}},
                           {"id": "b", "periods": 3, "fee": {"model": "annuity", "annualRate": "12%"}}]"#,
                    ),
                )
            }),
            "INVALID_RATE",
            "plans[1].fee.annualRate",
        ),
    ])?;
    // Trailing zeros carry no value: nine significant places and zeros after them are fine.
    let e = estimate(
        111111,
        "CNY",
        plan_with_fee(r#"{"model": "flatTotal", "rate": "0.0750000000"}"#),
    )?;
    check_eq!(num(&e, "totalFeeMinor"), Some(8333.0));
    Ok(())
}

#[wasm_bindgen_test]
fn functions_symbols_and_bigints_are_invalid_arguments_where_they_are() -> Outcome {
    let function = support::a_function;
    let symbol = || -> JsValue { js_sys::Symbol::for_("instalment").into() };
    check_errors(vec![
        (
            "a function as the plan",
            Box::new(move || estimate(111111, "CNY", function())),
            "INVALID_ARGUMENT",
            "plan",
        ),
        (
            "a symbol as the currency",
            Box::new(move || estimate(111111, symbol(), js(HUABEI_12))),
            "INVALID_ARGUMENT",
            "currency",
        ),
        (
            "a symbol as the amount",
            Box::new(move || estimate(symbol(), "CNY", js(HUABEI_12))),
            "INVALID_ARGUMENT",
            "amountMinor",
        ),
        (
            "a BigInt as the amount",
            Box::new(|| estimate(js_sys::BigInt::from(111111u32), "CNY", js(HUABEI_12))),
            "INVALID_ARGUMENT",
            "amountMinor",
        ),
        (
            "a function as the plans",
            Box::new(move || compare(111111, "CNY", function())),
            "INVALID_ARGUMENT",
            "plans",
        ),
        (
            "a function inside a plan",
            Box::new(move || {
                let plan = support::object(&[
                    ("id", "a".into()),
                    ("periods", 3.into()),
                    ("fee", function()),
                ]);
                estimate(111111, "CNY", plan)
            }),
            "INVALID_ARGUMENT",
            "plan.fee",
        ),
        (
            // Cut off 32 levels down, where the checks never look: the key is unknown first.
            "a cyclic plan",
            Box::new(|| estimate(111111, "CNY", support::cyclic_plan())),
            "INVALID_PLAN",
            "plan.self",
        ),
        (
            "a function as the flows",
            Box::new(move || annual_rate(function())),
            "INVALID_ARGUMENT",
            "flows",
        ),
        (
            "a symbol as the config",
            Box::new(move || assess(symbol(), js(r#"{"amountMinor": 1}"#))),
            "INVALID_ARGUMENT",
            "config",
        ),
    ])
}

#[wasm_bindgen_test]
fn flows_with_no_rate_have_no_solution() -> Outcome {
    let flows = |f: &'static str| -> Call { Box::new(move || annual_rate(js(f))) };
    check_errors(vec![
        (
            "only advances",
            flows(r#"[{"months": 0, "amountMinor": 100}, {"months": 1, "amountMinor": 50}]"#),
            "NO_SOLUTION",
            "flows",
        ),
        (
            "only repayments",
            flows(r#"[{"months": 1, "amountMinor": -100}]"#),
            "NO_SOLUTION",
            "flows",
        ),
        ("no flows", flows("[]"), "NO_SOLUTION", "flows"),
        (
            "flows that are not a list",
            flows(r#"{"months": 0, "amountMinor": 100}"#),
            "INVALID_CASH_FLOW",
            "flows",
        ),
        (
            "a month past the range",
            flows(r#"[{"months": -1, "amountMinor": 100}, {"months": 1, "amountMinor": -110}]"#),
            "INVALID_CASH_FLOW",
            "flows[0].months",
        ),
        (
            "a fractional amount",
            flows(r#"[{"months": 0, "amountMinor": 100}, {"months": 1, "amountMinor": -110.5}]"#),
            "INVALID_AMOUNT",
            "flows[1].amountMinor",
        ),
    ])
}

#[wasm_bindgen_test]
fn errors_are_thrown_as_real_errors_with_a_stack() -> Outcome {
    let e = match estimate(f64::NAN, "CNY", js(HUABEI_12)) {
        Err(e) => e,
        Ok(v) => {
            return Err(JsValue::from_str(&format!(
                "NaN was accepted: {}",
                json(&v)
            )))
        }
    };
    check!(e.is_instance_of::<js_sys::Error>());
    check_eq!(support::type_of(&get(&e, "stack")), "string");
    let message = text(&e, "message").unwrap_or_default();
    check!(
        message.contains("amountMinor"),
        "the message names the field: {message}"
    );
    // toString() is what consoles and error trackers print.
    let shown: String = js_sys::Error::from(e).to_string().into();
    check!(shown.starts_with("InstalmentError: "), "{shown}");
    still_works()
}
