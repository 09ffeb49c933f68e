//! Published worked examples, reproduced by the engine: those in docs/rounding.md, US Regulation Z
//! Appendix J, the EU's APR examples, numpy-financial's test values and Chinese card plans.
#![cfg(not(target_arch = "wasm32"))]

use instalment_guard::engine::{
    annual_rate, compare, estimate, AnnualRate, Currency, Flow, Plan, Value,
};

fn cny() -> Currency {
    Currency::parse("CNY", "currency").expect("CNY is in the table")
}

fn plan(json: &str) -> Plan {
    let v: Value = serde_json::from_str(json).expect("valid test JSON");
    Plan::from_value(&v, "plan").expect("valid plan")
}

/// An advance at month 0 followed by `payments`, each (months, amount), in minor units.
fn loan(advance: i64, payments: &[(f64, i64)]) -> Vec<Flow> {
    let mut flows = vec![Flow {
        months: 0.0,
        amount: advance,
    }];
    flows.extend(payments.iter().map(|&(months, amount)| Flow {
        months,
        amount: -amount,
    }));
    flows
}

/// `count` equal payments, the first at `first` months and then every `every` months.
fn level(first: f64, every: f64, count: usize, amount: i64) -> Vec<(f64, i64)> {
    (0..count)
        .map(|k| (first + every * k as f64, amount))
        .collect()
}

fn rate(flows: &[Flow]) -> AnnualRate {
    annual_rate(flows).expect("these flows have a rate")
}

/// A percentage rounded to `places` decimals, as a published figure is.
fn pct(x: f64, places: i32) -> f64 {
    let scale = 10f64.powi(places);
    (x * 100.0 * scale).round() / scale
}

// --- docs/rounding.md -----------------------------------------------------------------------

#[test]
fn huabei_1111_11_over_12_periods_at_7_5_percent() {
    let p =
        plan(r#"{"id": "hb-12", "periods": 12, "fee": {"model": "flatTotal", "rate": "0.075"}}"#);
    let e = estimate(111111, cny(), &p).expect("estimate");
    assert_eq!(e.total_fee, 8333, "fee 83.33");
    assert_eq!(e.regular_payment(), 9953, "99.53 a month");
    // Both remainders land in period 1: 3 fen of principal and 5 fen of fee.
    assert_eq!((e.schedule[0].principal, e.schedule[0].fee), (9262, 699));
    assert_eq!(e.total_repayment, 119444);
}

#[test]
fn card_12000_over_12_periods_at_0_6_percent_a_period() {
    let p =
        plan(r#"{"id": "card-12", "periods": 12, "fee": {"model": "perPeriod", "rate": "0.006"}}"#);
    let e = estimate(1_200_000, cny(), &p).expect("estimate");
    assert!(
        e.schedule.iter().all(|l| l.payment == 107200),
        "1072.00 every month"
    );
    assert_eq!(e.total_fee, 86400);
    // Reported for this plan by rule-of-thumb pages as "about 13%"; by IRR it is 13.03% nominal.
    assert_eq!(pct(e.rate.nominal, 2), 13.03);
    assert_eq!(pct(e.rate.effective, 2), 13.84);
}

// --- US Regulation Z, Appendix J (c): the actuarial-method examples --------------------------
// Appendix J states a nominal APR: the unit-period rate times the unit-periods in a year. The
// engine works in months, so other unit-periods are converted back from the monthly rate.

/// The Appendix J APR for a unit-period of `unit` months, from the engine's monthly rate.
fn reg_z_apr(r: AnnualRate, unit: f64) -> f64 {
    let per_unit = (1.0 + r.monthly).powf(unit) - 1.0;
    per_unit * 12.0 / unit
}

#[test]
fn reg_z_c_1_i_monthly_regular_first_period() {
    let r = rate(&loan(500_000, &level(1.0, 1.0, 24, 23_000)));
    assert_eq!(pct(r.nominal, 2), 9.69);
}

#[test]
fn reg_z_c_1_ii_monthly_long_first_period() {
    // First payment one month and 19 days after the advance: 19/30 of a month.
    let r = rate(&loan(600_000, &level(1.0 + 19.0 / 30.0, 1.0, 36, 20_000)));
    assert_eq!(pct(r.nominal, 2), 11.82);
}

#[test]
fn reg_z_c_1_iii_semimonthly_short_first_period() {
    // Half-month unit-periods; the first payment 6/15 of one after the advance.
    let r = rate(&loan(500_000, &level(0.5 * 6.0 / 15.0, 0.5, 24, 21_917)));
    assert_eq!(pct(reg_z_apr(r, 0.5), 2), 10.34);
}

#[test]
fn reg_z_c_1_iv_quarterly_long_first_period() {
    let r = rate(&loan(
        1_000_000,
        &level(3.0 * (1.0 + 39.0 / 90.0), 3.0, 40, 38_500),
    ));
    assert_eq!(pct(reg_z_apr(r, 3.0), 2), 8.97);
}

#[test]
fn reg_z_c_1_v_weekly_long_first_period() {
    let week = 12.0 / 52.0;
    let r = rate(&loan(
        50_000,
        &level(week * (4.0 + 4.0 / 7.0), week, 30, 1_760),
    ));
    assert_eq!(pct(reg_z_apr(r, week), 2), 14.96);
}

#[test]
fn reg_z_c_2_i_monthly_odd_first_payment() {
    let mut payments = vec![(1.0, 25_000)];
    payments.extend(level(2.0, 1.0, 23, 23_000));
    assert_eq!(pct(rate(&loan(500_000, &payments)).nominal, 2), 10.08);
}

#[test]
fn reg_z_c_3_i_monthly_odd_final_payment() {
    let mut payments = level(1.0, 1.0, 23, 23_000);
    payments.push((24.0, 28_000));
    assert_eq!(pct(rate(&loan(500_000, &payments)).nominal, 2), 10.50);
}

#[test]
fn reg_z_c_4_i_monthly_odd_first_and_final_payments() {
    let mut payments = vec![(1.0, 25_000)];
    payments.extend(level(2.0, 1.0, 22, 23_000));
    payments.push((24.0, 28_000));
    assert_eq!(pct(rate(&loan(500_000, &payments)).nominal, 2), 10.90);
}

#[test]
fn reg_z_c_4_ii_two_monthly_short_first_period() {
    // Two-month unit-periods; the first payment 52/60 of one after the advance.
    let first = 2.0 * 52.0 / 60.0;
    let mut payments = vec![(first, 44_936)];
    payments.extend(level(first + 2.0, 2.0, 18, 46_500));
    payments.push((first + 2.0 * 19.0, 20_000));
    assert_eq!(
        pct(reg_z_apr(rate(&loan(800_000, &payments)), 2.0), 2),
        7.30
    );
}

// --- The EU's worked APR examples (Directive 98/7/EC, Annex III) -----------------------------
// The EU rate is effective: (1+r)^12 − 1, with time in years of 365 days.

fn years(days: f64) -> f64 {
    days / 365.0 * 12.0
}

#[test]
fn eu_example_1_single_repayment_after_546_days() {
    let r = rate(&loan(100_000, &[(years(546.0), 120_000)]));
    assert_eq!(pct(r.effective, 2), 12.96);
}

#[test]
fn eu_example_2_the_lender_keeps_50_of_the_1000() {
    let r = rate(&loan(95_000, &[(years(546.0), 120_000)]));
    assert_eq!(pct(r.effective, 1), 16.9);
}

#[test]
fn eu_example_3_two_yearly_repayments_of_600() {
    let r = rate(&loan(100_000, &[(12.0, 60_000), (24.0, 60_000)]));
    // Published as i = 0.1306623, cut off (not rounded) at the seventh place.
    assert_eq!((r.effective * 1e7).floor(), 1306623.0, "{}", r.effective);
}

#[test]
fn eu_consumer_loan_10000_over_60_months() {
    // A representative personal loan: 60 payments of 222.44; APRC 12.7%.
    let r = rate(&loan(1_000_000, &level(1.0, 1.0, 60, 22_244)));
    assert_eq!(pct(r.effective, 1), 12.7);
}

// --- numpy-financial's tests (numpy_financial/tests/test_financial.py) -----------------------
// irr() works on periods; here a period is a month, so the monthly rate is its result. The values
// are its full-precision results, checked far tighter than its own two decimals.

fn periods(amounts: &[i64]) -> Vec<Flow> {
    amounts
        .iter()
        .enumerate()
        .map(|(t, &amount)| Flow {
            months: t as f64,
            amount,
        })
        .collect()
}

#[test]
fn numpy_financial_irr_values() {
    for (amounts, expected) in [
        (
            &[-150000, 15000, 25000, 35000, 45000, 60000][..],
            0.05243288885941433,
        ),
        (&[-100, 0, 0, 74][..], -0.0954958303489728),
        (&[-100, 39, 59, 55, 20][..], 0.28094842115996066),
        (&[-100, 100, 0, -7][..], -0.08329966618493256),
        (&[-100, 100, 0, 7][..], 0.06205848562992955),
        // -5, 10.5, 1, -8, 1 in tenths: flows that change sign three times.
        (&[-50, 105, 10, -80, 10][..], 0.08859833852775534),
    ] {
        let r = rate(&periods(amounts));
        assert!(
            (r.monthly - expected).abs() <= 1e-9 * expected.abs(),
            "{amounts:?}: {} vs {expected}",
            r.monthly
        );
    }
}

#[test]
fn numpy_financial_irr_without_a_solution() {
    let err = annual_rate(&periods(&[-1, -2, -3])).expect_err("no rate");
    assert_eq!(err.code.as_str(), "NO_SOLUTION");
}

#[test]
fn numpy_financial_pmt_values() {
    // pmt(0.08/12, 60, 15000) = −304.145914…, which rounds half-up to 304.15.
    let p =
        plan(r#"{"id": "l", "periods": 60, "fee": {"model": "annuity", "annualRate": "0.08"}}"#);
    let e = estimate(1_500_000, cny(), &p).expect("estimate");
    assert_eq!(e.regular_payment(), 30415);
    // pmt(0, 60, 15000) = −250.
    let p = plan(r#"{"id": "l", "periods": 60, "fee": {"model": "annuity", "annualRate": "0"}}"#);
    assert_eq!(
        estimate(1_500_000, cny(), &p)
            .expect("estimate")
            .regular_payment(),
        25000
    );
}

#[test]
fn numpy_financial_ipmt_and_ppmt_to_the_fen() {
    // ipmt(0.1/12, per, 24, 2000) for per = 1..4. The engine rounds the level payment before
    // splitting it, so later periods may differ from the unrounded values by up to one fen.
    let p = plan(r#"{"id": "l", "periods": 24, "fee": {"model": "annuity", "annualRate": "0.1"}}"#);
    let e = estimate(200_000, cny(), &p).expect("estimate");
    for (line, exact) in e
        .schedule
        .iter()
        .zip([16.66666667, 16.03647345, 15.40102862, 14.76028842])
    {
        assert!(
            (line.fee as f64 - exact * 100.0).abs() <= 1.0,
            "period {}: {} vs {exact}",
            line.period,
            line.fee
        );
    }
    assert_eq!(
        e.schedule[0].fee, 1667,
        "the first period's interest is exact"
    );
    // ppmt(0.1/12, 1, 60, 55000) = −710.2541…
    let p = plan(r#"{"id": "l", "periods": 60, "fee": {"model": "annuity", "annualRate": "0.1"}}"#);
    let e = estimate(5_500_000, cny(), &p).expect("estimate");
    assert!(
        (e.schedule[0].principal as f64 - 71025.41).abs() <= 1.0,
        "{}",
        e.schedule[0].principal
    );
}

#[test]
fn annuity_rates_come_back_as_their_own_rate() {
    // A loan at 12% a year has an IRR of 1% a month, less only what rounding to the fen moved.
    let p =
        plan(r#"{"id": "l", "periods": 36, "fee": {"model": "annuity", "annualRate": "0.12"}}"#);
    let e = estimate(1_000_000, cny(), &p).expect("estimate");
    assert!((e.rate.nominal - 0.12).abs() < 1e-5, "{}", e.rate.nominal);
}

// --- Other published figures ---------------------------------------------------------------

#[test]
fn a_30_year_loan_of_35000_at_269_50_a_month() {
    // Adobe FormCalc's Apr(35000, 269.50, 360) reference gives 0.08515404566, from a solver that
    // stops early; the exact rate is 0.0851533, so the reference is met within 1e-5.
    let r = rate(&loan(3_500_000, &level(1.0, 1.0, 360, 26_950)));
    assert!((r.nominal - 0.08515404566).abs() < 1e-5, "{}", r.nominal);
}

#[test]
fn icbc_card_instalment_24_periods_total_fee_7_89_percent() {
    // 12000 over 24 periods with a 7.89% total fee: 539.45 a month, 7.40% a year by IRR.
    let p = plan(
        r#"{"id": "icbc-24", "periods": 24, "fee": {"model": "flatTotal", "rate": "0.0789"}}"#,
    );
    let e = estimate(1_200_000, cny(), &p).expect("estimate");
    assert!(e.schedule.iter().all(|l| l.payment == 53945));
    assert_eq!(pct(e.rate.nominal, 2), 7.40);
}

#[test]
fn huabei_presets_order_by_rate_as_their_irrs_say() {
    // Spread evenly, 2.3% over 3, 4.5% over 6 and 7.5% over 12 are 13.75%, 15.27% and 13.57% a
    // year by IRR; the engine's remainder-to-period-1 split moves them by well under 0.01 point.
    let plans: Vec<Plan> = [(3, "0.023"), (6, "0.045"), (12, "0.075")]
        .iter()
        .map(|(n, r)| {
            plan(&format!(r#"{{"id": "hb-{n}", "periods": {n}, "fee": {{"model": "flatTotal", "rate": "{r}"}}}}"#))
        })
        .collect();
    let c = compare(1_000_000, cny(), &plans).expect("comparison");
    let got: Vec<(&str, f64)> = c
        .estimates
        .iter()
        .map(|e| (e.plan_id.as_str(), pct(e.rate.nominal, 2)))
        .collect();
    assert_eq!(
        got,
        vec![("hb-12", 13.57), ("hb-3", 13.75), ("hb-6", 15.27)]
    );
}
