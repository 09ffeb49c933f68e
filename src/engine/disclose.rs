//! The figures each jurisdiction's law expects beside an instalment amount, in its own words:
//! China's annualised rate by a named method (PBoC Announcement [2021] No. 3), the US "annual
//! percentage rate" with the finance charge and total of payments (Regulation Z), the EU's
//! representative example with the APRC and its warning (Directive (EU) 2023/2225), and the UK's
//! representative APR (FCA CONC 3.5.5R). One computed schedule feeds all four.

use alloc::string::String;
use alloc::vec::Vec;

use super::error::{digits, Code, Error, Result};
use super::irr::{solve, Flow};
use super::messages::keys::disclose::*;
use super::messages::{fill, money, rounded_rate, text, Key, Locale};
use super::money::Currency;
use super::schedule::{Estimate, Line};
use super::value::{amount, Fields, Value};
use super::AnnualRate;

/// Whose rules the figures follow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Jurisdiction {
    /// China: the annualised rate (IRR method) at least as prominent as any fee.
    Cn,
    /// The United States: Regulation Z's triggered terms.
    Us,
    /// The European Union: the representative example with the APRC.
    Eu,
    /// The United Kingdom: the representative APR.
    Uk,
}

impl Jurisdiction {
    /// Every jurisdiction (tests/contract.rs holds the TypeScript to it).
    pub const ALL: [Jurisdiction; 4] = [
        Jurisdiction::Cn,
        Jurisdiction::Us,
        Jurisdiction::Eu,
        Jurisdiction::Uk,
    ];

    /// The code JS uses.
    pub fn as_str(self) -> &'static str {
        match self {
            Jurisdiction::Cn => "cn",
            Jurisdiction::Us => "us",
            Jurisdiction::Eu => "eu",
            Jurisdiction::Uk => "uk",
        }
    }

    /// Reads a jurisdiction code.
    pub fn parse(code: &str, field: &str) -> Result<Jurisdiction> {
        Jurisdiction::ALL
            .into_iter()
            .find(|j| j.as_str() == code)
            .ok_or_else(|| {
                Error::new(
                    Code::InvalidConfig,
                    field,
                    &[
                        "must be \"cn\", \"us\", \"eu\" or \"uk\", got \"",
                        code,
                        "\"",
                    ],
                )
            })
    }

    /// The warning its rules ask for once, above the figures, in `locale`: the EU's "Borrowing
    /// money costs money."; none elsewhere.
    pub fn warning(self, locale: Locale) -> Option<&'static str> {
        (self == Jurisdiction::Eu).then(|| text(locale, WARNING))
    }

    /// The language its texts default to.
    pub fn default_locale(self) -> Locale {
        if self == Jurisdiction::Cn {
            Locale::ZhCn
        } else {
            Locale::En
        }
    }

    /// Decimals of a percentage: two for China and the US (13.57%), one for the EU and UK (14.4%).
    fn places(self) -> u8 {
        match self {
            Jurisdiction::Cn | Jurisdiction::Us => 2,
            Jurisdiction::Eu | Jurisdiction::Uk => 1,
        }
    }
}

/// One figure as disclosed.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// Stable key, such as `apr`.
    pub key: &'static str,
    /// Its name in the locale.
    pub label: &'static str,
    /// The figure as shown.
    pub text: String,
    /// An amount, in minor units.
    pub minor: Option<u64>,
    /// A rate as a fraction, rounded as shown, written exactly (`"0.1357"`).
    pub rate: Option<String>,
    /// A number of months or payments.
    pub count: Option<u32>,
}

/// Everything one jurisdiction expects for one plan.
#[derive(Clone, Debug, PartialEq)]
pub struct Disclosure {
    /// Whose rules.
    pub jurisdiction: Jurisdiction,
    /// In which language.
    pub locale: Locale,
    /// The figures in display order.
    pub items: Vec<Item>,
    /// The key shown at least as prominently as any other figure.
    pub prominent: &'static str,
    /// A warning shown once, such as the EU's "Borrowing money costs money."
    pub warning: Option<&'static str>,
    /// The whole disclosure as one paragraph: a representative example.
    pub summary: String,
}

/// The payment most periods have (with one or two periods, the last), and the payments that
/// differ from it: the first, the last, or both.
fn level(schedule: &[Line]) -> (u64, Option<u64>, Option<u64>) {
    let payments: Vec<u64> = schedule.iter().map(|l| l.payment).collect();
    let Some(&last) = payments.last() else {
        return (0, None, None);
    };
    let mut best = last;
    if payments.len() > 2 {
        let mut best_count = 0;
        // Ties go to the later payment, as a two-period plan's level is its last.
        for p in payments.iter().rev() {
            let count = payments.iter().filter(|q| *q == p).count();
            if count > best_count {
                best = *p;
                best_count = count;
            }
        }
    }
    let first = payments.first().copied().filter(|p| *p != best);
    let last = (payments.len() > 1 && last != best).then_some(last);
    (best, first, last)
}

/// The words of each jurisdiction's items and sentences, per locale.
struct Words {
    labels: &'static [(&'static str, Key)],
}

const CN: Words = Words {
    labels: &[
        ("annualRate", CN_annualRate),
        ("perPeriod", CN_perPeriod),
        ("periods", CN_periods),
        ("totalFee", CN_totalFee),
        ("totalRepayment", CN_totalRepayment),
    ],
};

const US: Words = Words {
    labels: &[
        ("apr", US_apr),
        ("financeCharge", US_financeCharge),
        ("amountFinanced", US_amountFinanced),
        ("totalOfPayments", US_totalOfPayments),
        ("paymentSchedule", US_paymentSchedule),
    ],
};

const EU: Words = Words {
    labels: &[
        ("aprc", EU_aprc),
        ("totalCredit", EU_totalCredit),
        ("borrowingRate", EU_borrowingRate),
        ("duration", EU_duration),
        ("instalment", EU_instalment),
        ("totalPayable", EU_totalPayable),
        ("cashPrice", EU_cashPrice),
    ],
};

// The UK's own labels; the rest are the EU's (see `label`).
const UK: Words = Words {
    labels: &[
        ("representativeApr", UK_representativeApr),
        ("interestRate", UK_interestRate),
    ],
};

fn pick(key: Key, locale: Locale) -> &'static str {
    text(locale, key)
}

/// The label of `key` in `words`, else the EU's (the UK shares the representative example's
/// other items with it).
fn label(words: &Words, key: &str, locale: Locale) -> &'static str {
    words
        .labels
        .iter()
        .chain(EU.labels)
        .find(|(k, _)| *k == key)
        .map_or("", |(_, key)| text(locale, *key))
}

/// The disclosure of `e` under `j`'s rules, in `locale`; `cash_price` adds the EU's and UK's
/// cash price item.
pub fn disclose(
    e: &Estimate,
    j: Jurisdiction,
    locale: Locale,
    cash_price: Option<u64>,
) -> Disclosure {
    let m = |minor: u64| money(locale, e.currency, minor);
    let n = |count: u32| digits(count as u128);
    let (level_payment, first, last) = level(&e.schedule);
    // "12 monthly payments of ¥99.53 (first payment ¥99.61)".
    let mut schedule = if e.periods == 1 {
        fill(pick(ONE_PAYMENT, locale), &[&m(level_payment)])
    } else {
        fill(pick(SCHEDULE, locale), &[&n(e.periods), &m(level_payment)])
    };
    if let Some(p) = first {
        schedule.push_str(&fill(pick(FIRST, locale), &[&m(p)]));
    }
    if let Some(p) = last {
        schedule.push_str(&fill(pick(LAST, locale), &[&m(p)]));
    }
    let duration = if e.periods == 1 {
        String::from(pick(ONE_MONTH, locale))
    } else {
        fill(pick(MONTHS, locale), &[&n(e.periods)])
    };
    let places = j.places();
    let (apr_fraction, apr_text) = rounded_rate(e.rate.nominal, places);
    let (aprc_fraction, aprc_text) = rounded_rate(e.rate.effective, places);
    // The borrowing rate: 0 when the credit costs nothing, else the nominal annual rate, which
    // for an annuity is its stated rate.
    let borrowing = if e.interest_free { 0.0 } else { e.rate.nominal };
    let (borrowing_fraction, mut borrowing_text) = rounded_rate(borrowing, 2);
    let money_item = |words: &Words, key: &'static str, minor: u64| Item {
        key,
        label: label(words, key, locale),
        text: m(minor),
        minor: Some(minor),
        rate: None,
        count: None,
    };
    let rate_item = |words: &Words, key: &'static str, fraction: &str, text: String| Item {
        key,
        label: label(words, key, locale),
        text,
        minor: None,
        rate: Some(String::from(fraction)),
        count: None,
    };
    let instalment = |words: &Words, key: &'static str| Item {
        key,
        label: label(words, key, locale),
        text: schedule.clone(),
        minor: Some(level_payment),
        rate: None,
        count: None,
    };
    let months = |words: &Words, key: &'static str, text: String| Item {
        key,
        label: label(words, key, locale),
        text,
        minor: None,
        rate: None,
        count: Some(e.periods),
    };
    let cash = cash_price.map(|c| (c, fill(pick(CASH_PRICE, locale), &[&m(c)])));
    let (items, prominent, warning, summary) = match j {
        Jurisdiction::Cn => (
            Vec::from([
                rate_item(&CN, "annualRate", &apr_fraction, apr_text.clone()),
                instalment(&CN, "perPeriod"),
                months(
                    &CN,
                    "periods",
                    fill(pick(N_PAYMENTS, locale), &[&n(e.periods)]),
                ),
                money_item(&CN, "totalFee", e.total_fee),
                money_item(&CN, "totalRepayment", e.total_repayment),
            ]),
            "annualRate",
            None,
            fill(
                pick(SUMMARY_CN, locale),
                &[&schedule, &m(e.total_fee), &m(e.total_repayment), &apr_text],
            ),
        ),
        Jurisdiction::Us => (
            Vec::from([
                rate_item(&US, "apr", &apr_fraction, apr_text.clone()),
                money_item(&US, "financeCharge", e.total_fee),
                money_item(&US, "amountFinanced", e.amount),
                money_item(&US, "totalOfPayments", e.total_repayment),
                Item {
                    count: Some(e.periods),
                    ..instalment(&US, "paymentSchedule")
                },
            ]),
            "apr",
            None,
            fill(
                pick(SUMMARY_US, locale),
                &[
                    &m(e.amount),
                    &m(e.total_fee),
                    &m(e.total_repayment),
                    &schedule,
                    &apr_text,
                ],
            ),
        ),
        Jurisdiction::Eu | Jurisdiction::Uk => {
            let eu = j == Jurisdiction::Eu;
            let words = if eu { &EU } else { &UK };
            // "Interest free" only when the shopper pays back no more than was lent.
            if !eu && e.total_repayment == e.amount {
                borrowing_text.push_str(pick(INTEREST_FREE, locale));
            }
            let headline = if eu {
                rate_item(words, "aprc", &aprc_fraction, aprc_text.clone())
            } else {
                let text = fill(pick(APR_REPRESENTATIVE, locale), &[&aprc_text]);
                rate_item(words, "representativeApr", &aprc_fraction, text)
            };
            let mut items = Vec::from([
                headline,
                money_item(words, "totalCredit", e.amount),
                rate_item(
                    words,
                    if eu { "borrowingRate" } else { "interestRate" },
                    &borrowing_fraction,
                    borrowing_text.clone(),
                ),
                months(words, "duration", duration.clone()),
                instalment(words, "instalment"),
                money_item(words, "totalPayable", e.total_repayment),
            ]);
            if let Some((c, _)) = cash {
                items.push(money_item(words, "cashPrice", c));
            }
            let mut summary = if eu {
                fill(
                    pick(SUMMARY_EU, locale),
                    &[
                        &m(e.amount),
                        &duration,
                        &borrowing_text,
                        &schedule,
                        &m(e.total_repayment),
                        &aprc_text,
                    ],
                )
            } else {
                fill(
                    pick(SUMMARY_UK, locale),
                    &[
                        &m(e.amount),
                        &duration,
                        &schedule,
                        &m(e.total_repayment),
                        &borrowing_text,
                        &aprc_text,
                    ],
                )
            };
            if let Some((_, sentence)) = &cash {
                summary.push_str(sentence);
            }
            (
                items,
                if eu { "aprc" } else { "representativeApr" },
                j.warning(locale),
                summary,
            )
        }
    };
    Disclosure {
        jurisdiction: j,
        locale,
        items,
        prominent,
        warning,
        summary,
    }
}

/// The keys of an `Estimate` object as `estimate()` returns it.
pub const ESTIMATE_FIELDS: [&str; 12] = [
    "planId",
    "currency",
    "amountMinor",
    "periods",
    "schedule",
    "totalFeeMinor",
    "totalRepaymentMinor",
    "merchantFeeMinor",
    "interestFree",
    "monthlyRate",
    "aprNominal",
    "aprEffective",
];

/// Reads an `Estimate` given back by a page, and checks that it holds together: `periods`
/// schedule lines whose payments sum to `totalRepaymentMinor`, and rates that are the schedule's
/// own IRR within 1e-9. Anything else is `INVALID_ARGUMENT` at the field at fault.
pub fn estimate_from_value(value: &Value) -> Result<Estimate> {
    let code = Code::InvalidArgument;
    let f = Fields::open(value, "estimate", code, &ESTIMATE_FIELDS)?;
    let bad = |field: &str, why: &[&str]| Error::new(code, field, why);
    let required = |key: &'static str| {
        f.get(key).ok_or_else(|| {
            bad(
                &f.path(key),
                &["is required: pass the Estimate as estimate() or compare() returned it"],
            )
        })
    };
    let number = |key: &'static str| -> Result<f64> {
        match required(key)? {
            Value::Number(n) if n.is_finite() => Ok(*n),
            other => Err(bad(
                &f.path(key),
                &["must be a finite number, got ", other.kind()],
            )),
        }
    };
    let minor = |key: &'static str| amount(required(key)?, &f.path(key));
    let plan_id = match required("planId")? {
        Value::String(s) => s.clone(),
        other => {
            return Err(bad(
                "estimate.planId",
                &["must be a string, got ", other.kind()],
            ))
        }
    };
    let currency = match required("currency")? {
        Value::String(s) => Currency::parse(s, "estimate.currency")?,
        other => {
            return Err(bad(
                "estimate.currency",
                &["must be a string, got ", other.kind()],
            ))
        }
    };
    let periods = super::value::whole(required("periods")?, "estimate.periods", code, 1, 1200)?;
    let Value::Array(lines) = required("schedule")? else {
        return Err(bad("estimate.schedule", &["must be a list of the periods"]));
    };
    if lines.len() != periods as usize {
        return Err(bad(
            "estimate.schedule",
            &[
                "must have one line per period (",
                &digits(periods as u128),
                ")",
            ],
        ));
    }
    let mut schedule = Vec::with_capacity(lines.len());
    for (i, line) in lines.iter().enumerate() {
        let path = super::error::index("estimate.schedule", i);
        let l = Fields::open(
            line,
            &path,
            code,
            &["period", "principalMinor", "feeMinor", "paymentMinor"],
        )?;
        let get = |k: &str| -> Result<u64> {
            l.get(k)
                .ok_or_else(|| bad(&l.path(k), &["is required"]))
                .and_then(|v| amount(v, &l.path(k)))
        };
        let (principal, fee, payment) = (
            get("principalMinor")?,
            get("feeMinor")?,
            get("paymentMinor")?,
        );
        if principal.checked_add(fee) != Some(payment) {
            return Err(bad(
                &l.path("paymentMinor"),
                &["must be principalMinor + feeMinor"],
            ));
        }
        schedule.push(Line {
            period: i as u32 + 1,
            principal,
            fee,
            payment,
        });
    }
    let total_repayment = minor("totalRepaymentMinor")?;
    let sum: u128 = schedule.iter().map(|l| l.payment as u128).sum();
    if sum != total_repayment as u128 {
        return Err(bad(
            "estimate.totalRepaymentMinor",
            &[
                "must be the sum of the schedule's payments (",
                &digits(sum),
                ")",
            ],
        ));
    }
    let amount_minor = minor("amountMinor")?;
    let total_fee = minor("totalFeeMinor")?;
    if amount_minor.checked_add(total_fee) != Some(total_repayment) {
        return Err(bad(
            "estimate.totalFeeMinor",
            &["must be totalRepaymentMinor − amountMinor"],
        ));
    }
    let rate = AnnualRate {
        monthly: number("monthlyRate")?,
        nominal: number("aprNominal")?,
        effective: number("aprEffective")?,
    };
    // The rates must be this schedule's own: the IRR of the amount advanced and the payments.
    let mut flows = Vec::with_capacity(schedule.len() + 1);
    flows.push(Flow {
        months: 0.0,
        amount: amount_minor as i64,
    });
    for l in &schedule {
        flows.push(Flow {
            months: l.period as f64,
            amount: -(l.payment as i64),
        });
    }
    let own = solve(&flows).map_err(|_| bad("estimate.schedule", &["has no annualised rate"]))?;
    for (key, given, want) in [
        ("estimate.monthlyRate", rate.monthly, own.monthly),
        ("estimate.aprNominal", rate.nominal, own.nominal),
        ("estimate.aprEffective", rate.effective, own.effective),
    ] {
        if (given - want).abs() > 1e-9 {
            return Err(bad(
                key,
                &["is not the schedule's own rate: pass the Estimate unchanged"],
            ));
        }
    }
    let interest_free = match required("interestFree")? {
        Value::Bool(b) => *b,
        other => {
            return Err(bad(
                "estimate.interestFree",
                &["must be true or false, got ", other.kind()],
            ))
        }
    };
    Ok(Estimate {
        plan_id,
        currency,
        amount: amount_minor,
        periods,
        schedule,
        total_fee,
        total_repayment,
        merchant_fee: minor("merchantFeeMinor")?,
        interest_free,
        rate,
    })
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::engine::plan::Plan;

    /// An estimate of `amount` repaid by `payments`, one a month from month 1.
    fn est(code: &str, amount: u64, payments: &[u64]) -> Estimate {
        let n = payments.len() as u64;
        let mut schedule = Vec::new();
        for (i, p) in payments.iter().enumerate() {
            let principal = amount / n + if i == 0 { amount % n } else { 0 };
            schedule.push(Line {
                period: i as u32 + 1,
                principal,
                fee: p - principal,
                payment: *p,
            });
        }
        let total: u64 = payments.iter().sum();
        let mut flows = vec![Flow {
            months: 0.0,
            amount: amount as i64,
        }];
        flows.extend(schedule.iter().map(|l| Flow {
            months: l.period as f64,
            amount: -(l.payment as i64),
        }));
        Estimate {
            plan_id: "p".into(),
            currency: Currency::parse(code, "currency").expect("known"),
            amount,
            periods: payments.len() as u32,
            schedule,
            total_fee: total - amount,
            total_repayment: total,
            merchant_fee: 0,
            interest_free: total == amount,
            rate: solve(&flows).expect("a rate"),
        }
    }

    fn item<'a>(d: &'a Disclosure, key: &str) -> &'a Item {
        d.items
            .iter()
            .find(|i| i.key == key)
            .unwrap_or_else(|| panic!("no {key} in {d:?}"))
    }

    fn huabei_12() -> Estimate {
        let plan = Plan::from_value(
            &serde_json::from_str(
                r#"{"id": "huabei-12", "provider": "huabei", "periods": 12,
                    "fee": {"model": "flatTotal", "rate": "0.075"}}"#,
            )
            .expect("JSON"),
            "plan",
        )
        .expect("plan");
        crate::engine::estimate(111_111, Currency::parse("CNY", "c").expect("CNY"), &plan)
            .expect("estimate")
    }

    #[test]
    fn china_huabei_12_periods_reads_13_57_percent_by_the_irr_method() {
        let d = disclose(&huabei_12(), Jurisdiction::Cn, Locale::ZhCn, None);
        assert_eq!(d.prominent, "annualRate");
        assert_eq!(d.items[0].key, "annualRate", "the rate comes first");
        let apr = item(&d, "annualRate");
        assert_eq!(apr.text, "13.57%");
        assert_eq!(apr.rate.as_deref(), Some("0.1357"));
        assert!(
            apr.label.contains("IRR"),
            "the method is named: {}",
            apr.label
        );
        assert_eq!(item(&d, "perPeriod").minor, Some(9953));
        assert_eq!(
            item(&d, "perPeriod").text,
            "12 期，每期 ¥99.53（首期 ¥99.61）"
        );
        assert_eq!(item(&d, "periods").count, Some(12));
        assert_eq!(item(&d, "totalFee").text, "¥83.33");
        assert_eq!(item(&d, "totalRepayment").minor, Some(119_444));
        assert_eq!(d.warning, None);
        assert_eq!(
            d.summary,
            "分 12 期，每期 ¥99.53（首期 ¥99.61），手续费合计 ¥83.33，还款总额 ¥1,194.44，\
             年化利率 13.57%（按内部收益率法复利计算）。"
        );
        // The same plan as the EU and UK show it: the effective rate, one decimal.
        let eu = disclose(&huabei_12(), Jurisdiction::Eu, Locale::En, None);
        assert_eq!(item(&eu, "aprc").text, "14.4%");
        assert_eq!(item(&eu, "aprc").rate.as_deref(), Some("0.144"));
    }

    #[test]
    fn us_regulation_z_appendix_j_examples() {
        // (c)(1)(i): 5,000.00 advanced, 24 monthly payments of 230.00: APR 9.69%.
        let d = disclose(
            &est("USD", 500_000, &[23_000; 24]),
            Jurisdiction::Us,
            Locale::En,
            None,
        );
        assert_eq!(d.prominent, "apr");
        assert_eq!(item(&d, "apr").text, "9.69%");
        assert_eq!(item(&d, "apr").label, "Annual percentage rate");
        assert_eq!(item(&d, "financeCharge").text, "$520.00");
        assert_eq!(item(&d, "amountFinanced").text, "$5,000.00");
        assert_eq!(item(&d, "totalOfPayments").text, "$5,520.00");
        assert_eq!(
            item(&d, "paymentSchedule").text,
            "24 monthly payments of $230.00"
        );
        assert_eq!(
            d.summary,
            "Amount financed $5,000.00. Finance charge $520.00. Total of payments $5,520.00. \
             Payment schedule: 24 monthly payments of $230.00. ANNUAL PERCENTAGE RATE 9.69%."
        );
        // (c)(2)(i): an odd first payment of 250.00, then 23 of 230.00: 10.08%, and the
        // schedule names the first payment.
        let mut first = vec![25_000];
        first.extend([23_000; 23]);
        let d = disclose(
            &est("USD", 500_000, &first),
            Jurisdiction::Us,
            Locale::En,
            None,
        );
        assert_eq!(item(&d, "apr").text, "10.08%");
        assert_eq!(
            item(&d, "paymentSchedule").text,
            "24 monthly payments of $230.00 (first payment $250.00)"
        );
        assert_eq!(item(&d, "paymentSchedule").minor, Some(23_000));
        // (c)(3)(i): an odd final payment of 280.00: 10.50%, the last payment named.
        let mut last = vec![23_000; 23];
        last.push(28_000);
        let d = disclose(
            &est("USD", 500_000, &last),
            Jurisdiction::Us,
            Locale::En,
            None,
        );
        assert_eq!(item(&d, "apr").text, "10.50%");
        assert!(item(&d, "paymentSchedule")
            .text
            .ends_with("(last payment $280.00)"));
        // In Chinese, the locale's words followed by (APR).
        let zh = disclose(
            &est("USD", 500_000, &[23_000; 24]),
            Jurisdiction::Us,
            Locale::ZhCn,
            None,
        );
        assert_eq!(item(&zh, "apr").label, "年百分率（APR）");
    }

    #[test]
    fn eu_representative_example_with_the_aprc_and_the_warning() {
        // A personal loan of 10,000.00 over 60 months at 222.44: APRC 12.7%.
        let e = est("EUR", 1_000_000, &[22_244; 60]);
        let d = disclose(&e, Jurisdiction::Eu, Locale::En, Some(1_000_000));
        assert_eq!(d.prominent, "aprc");
        let keys: Vec<&str> = d.items.iter().map(|i| i.key).collect();
        assert_eq!(
            keys,
            [
                "aprc",
                "totalCredit",
                "borrowingRate",
                "duration",
                "instalment",
                "totalPayable",
                "cashPrice"
            ]
        );
        assert_eq!(item(&d, "aprc").text, "12.7%");
        assert_eq!(item(&d, "duration").text, "60 months");
        assert_eq!(item(&d, "duration").count, Some(60));
        assert_eq!(item(&d, "totalPayable").text, "€13,346.40");
        assert_eq!(d.warning, Some("Borrowing money costs money."));
        assert!(d.summary.starts_with(
            "Representative example: total amount of credit €10,000.00 over 60 months"
        ));
        assert!(
            d.summary.ends_with("APRC 12.7%. Cash price €10,000.00."),
            "{}",
            d.summary
        );
        // Without a cash price, no cash price item.
        let d = disclose(&e, Jurisdiction::Eu, Locale::ZhTw, None);
        assert!(d.items.iter().all(|i| i.key != "cashPrice"));
        assert_eq!(d.warning, Some("借錢是要付出代價的。"));
    }

    #[test]
    fn the_commissions_example_of_two_yearly_repayments_reads_13_1_percent() {
        // Directive 98/7/EC, Annex III, example 3: 1,000 lent, 600 repaid after one year and 600
        // after two; the published rate is 13.07%, so 13.1% to one decimal. Months without a
        // payment are lines of zero.
        let mut e = est("EUR", 100_000, &[60_000, 60_000]);
        let mut schedule = Vec::new();
        for period in 1..=24u32 {
            let payment = if period % 12 == 0 { 60_000 } else { 0 };
            let principal = if payment > 0 { 50_000 } else { 0 };
            schedule.push(Line {
                period,
                principal,
                fee: payment - principal,
                payment,
            });
        }
        let mut flows = vec![Flow {
            months: 0.0,
            amount: 100_000,
        }];
        flows.extend(schedule.iter().map(|l| Flow {
            months: l.period as f64,
            amount: -(l.payment as i64),
        }));
        e.periods = 24;
        e.schedule = schedule;
        e.rate = solve(&flows).expect("a rate");
        let d = disclose(&e, Jurisdiction::Eu, Locale::En, None);
        assert_eq!(item(&d, "aprc").text, "13.1%");
        assert_eq!(item(&d, "aprc").rate.as_deref(), Some("0.131"));
        // The level payment is the most frequent one (nothing), and the schedule names the last.
        assert_eq!(item(&d, "totalPayable").text, "€1,200.00");
        let uk = disclose(&e, Jurisdiction::Uk, Locale::En, None);
        assert_eq!(
            item(&uk, "representativeApr").text,
            "13.1% APR representative"
        );
    }

    #[test]
    fn uk_representative_apr_and_interest_free_only_when_nothing_is_paid_beyond_the_price() {
        // Borrowing 1,000.00 over 12 months at 88.85 a month: 12.7% APR representative.
        let d = disclose(
            &est("GBP", 100_000, &[8_885; 12]),
            Jurisdiction::Uk,
            Locale::En,
            None,
        );
        assert_eq!(d.prominent, "representativeApr");
        assert_eq!(
            item(&d, "representativeApr").text,
            "12.7% APR representative"
        );
        assert_eq!(item(&d, "interestRate").text, "12.00%");
        assert!(!d.summary.contains("interest free"));
        // A plan that costs nothing says so, and only then.
        let free = est("GBP", 120_000, &[10_000; 12]);
        let d = disclose(&free, Jurisdiction::Uk, Locale::En, Some(120_000));
        assert_eq!(
            item(&d, "representativeApr").text,
            "0.0% APR representative"
        );
        assert_eq!(item(&d, "interestRate").text, "0.00% (interest free)");
        assert_eq!(item(&d, "interestRate").rate.as_deref(), Some("0.0000"));
        assert_eq!(
            item(&d, "instalment").text,
            "12 monthly payments of £100.00"
        );
    }

    #[test]
    fn every_jurisdiction_speaks_every_locale() {
        for j in Jurisdiction::ALL {
            for locale in Locale::ALL {
                let d = disclose(&huabei_12(), j, locale, Some(111_111));
                assert_eq!(d.items[0].key, d.prominent);
                assert!(
                    d.items
                        .iter()
                        .all(|i| !i.label.is_empty() && !i.text.is_empty()),
                    "{d:?}"
                );
                assert!(!d.summary.contains("{}"), "{}", d.summary);
            }
        }
    }

    #[test]
    fn an_estimate_given_back_is_checked_against_its_own_schedule() {
        let e = huabei_12();
        let as_value = |e: &Estimate, tweak: &dyn Fn(&mut serde_json::Value)| {
            let mut v = serde_json::json!({
                "planId": e.plan_id, "currency": "CNY", "amountMinor": e.amount, "periods": e.periods,
                "schedule": e.schedule.iter().map(|l| serde_json::json!({
                    "period": l.period, "principalMinor": l.principal, "feeMinor": l.fee, "paymentMinor": l.payment,
                })).collect::<Vec<_>>(),
                "totalFeeMinor": e.total_fee, "totalRepaymentMinor": e.total_repayment,
                "merchantFeeMinor": e.merchant_fee, "interestFree": e.interest_free,
                "monthlyRate": e.rate.monthly, "aprNominal": e.rate.nominal, "aprEffective": e.rate.effective,
            });
            tweak(&mut v);
            serde_json::from_value::<Value>(v).expect("a Value")
        };
        assert_eq!(
            estimate_from_value(&as_value(&e, &|_| {})).expect("accepted"),
            e
        );
        for (tweak, field) in [
            (
                &(|v: &mut serde_json::Value| v["aprNominal"] = 0.1.into())
                    as &dyn Fn(&mut serde_json::Value),
                "estimate.aprNominal",
            ),
            (
                &|v: &mut serde_json::Value| v["totalRepaymentMinor"] = 119_445.into(),
                "estimate.totalRepaymentMinor",
            ),
            (
                &|v: &mut serde_json::Value| v["periods"] = 11.into(),
                "estimate.schedule",
            ),
            (
                &|v: &mut serde_json::Value| v["schedule"][3]["feeMinor"] = 1.into(),
                "estimate.schedule[3].paymentMinor",
            ),
            (
                &|v: &mut serde_json::Value| v["schedule"][3]["paymentMinor"] = 9954.into(),
                "estimate.schedule[3].paymentMinor",
            ),
            (
                &|v: &mut serde_json::Value| {
                    v.as_object_mut().expect("object").remove("aprEffective");
                },
                "estimate.aprEffective",
            ),
            (
                &|v: &mut serde_json::Value| v["currency"] = "XYZ".into(),
                "estimate.currency",
            ),
        ] {
            let err = estimate_from_value(&as_value(&e, tweak)).expect_err(field);
            assert_eq!(err.field, field, "{}", err.message);
        }
    }

    #[test]
    fn jurisdictions_are_read_strictly() {
        assert_eq!(
            Jurisdiction::parse("uk", "j").expect("uk"),
            Jurisdiction::Uk
        );
        for bad in ["UK", "gb", "", "none"] {
            let e = Jurisdiction::parse(bad, "jurisdiction").expect_err(bad);
            assert_eq!(
                (e.code, e.field.as_str()),
                (Code::InvalidConfig, "jurisdiction")
            );
        }
    }
}
