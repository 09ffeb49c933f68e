//! Instalment plans as storefronts describe them (`PlanSpec`), checked into typed fee models.

use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::error::{digits, Code, Error, Result};
use super::rate::{Rate, MAX};
use super::value::{items, Fields, Value};

/// The most periods a plan may have: five years of monthly payments.
pub const MAX_PERIODS: u32 = 60;

/// The most plans a list may hold (docs/contract.md). No checkout offers more than a handful; the cap keeps
/// a runaway list (10,000 generated plans) from being costed on every cart change.
pub const MAX_PLANS: usize = 64;

/// How a plan charges for the credit it gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fee {
    /// Huabei style: one fee, `rate` × amount, spread over the periods.
    FlatTotal {
        /// The total fee as a fraction of the amount.
        rate: Rate,
        /// The merchant pays the fee (Alipay `hb_fq_seller_percent = 100`), not the shopper.
        merchant_pays: bool,
    },
    /// Card style: the same fee, `rate` × amount, every period.
    PerPeriod {
        /// The fee each period as a fraction of the amount.
        rate: Rate,
    },
    /// An amortising loan at `annual_rate` / 12 a month.
    Annuity {
        /// The nominal yearly rate.
        annual_rate: Rate,
    },
    /// No fee at all.
    InterestFree,
}

/// A checked plan.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    /// Unique within a configuration; the value the form's plan field takes.
    pub id: String,
    /// What the shopper sees; plain text.
    pub label: Option<String>,
    /// Who gives the credit: "huabei", "credit_card", "bnpl" or the merchant's own word.
    pub provider: Option<String>,
    /// Monthly periods, 1 to 60.
    pub periods: u32,
    /// How it is charged.
    pub fee: Fee,
    /// The smallest amount the plan takes, inclusive.
    pub min_amount: Option<u64>,
    /// The largest amount the plan takes, inclusive.
    pub max_amount: Option<u64>,
}

/// The keys a `PlanSpec` object may have; any other is refused as a likely typo.
pub const PLAN_FIELDS: [&str; 7] = [
    "id",
    "label",
    "provider",
    "periods",
    "fee",
    "minAmountMinor",
    "maxAmountMinor",
];

impl Plan {
    /// Checks one `PlanSpec` found at `path`.
    pub fn from_value(value: &Value, path: &str) -> Result<Plan> {
        let f = Fields::open(value, path, Code::InvalidPlan, &PLAN_FIELDS)?;
        let id = match f.string("id", Code::InvalidPlan)? {
            None => {
                return Err(Error::new(
                    Code::InvalidPlan,
                    &f.path("id"),
                    &["is required: a unique plan id such as \"huabei-12\""],
                ))
            }
            Some(id) => id,
        };
        if id.trim().is_empty() || id == "none" {
            return Err(Error::new(
                Code::InvalidPlan,
                &f.path("id"),
                &["must not be empty or \"none\": those mean \"no instalments\" in the form, got \"", id, "\""],
            ));
        }
        if id.len() > 100 {
            return Err(Error::new(
                Code::InvalidPlan,
                &f.path("id"),
                &["must be at most 100 characters"],
            ));
        }
        let label = f.string("label", Code::InvalidPlan)?;
        // Bytes, not characters: 600 bytes are 200 Chinese characters, and counting is cheaper.
        if label.is_some_and(|l| l.len() > 600) {
            return Err(Error::new(
                Code::InvalidPlan,
                &f.path("label"),
                &["must be at most 600 bytes (200 Chinese characters)"],
            ));
        }
        let provider = f.string("provider", Code::InvalidPlan)?;
        let periods = match f.whole("periods", Code::InvalidPlan, 1, MAX_PERIODS)? {
            Some(p) => p,
            None => {
                return Err(Error::new(
                    Code::InvalidPlan,
                    &f.path("periods"),
                    &["is required: the number of monthly periods, 1 to 60"],
                ))
            }
        };
        let fee = match f.get("fee") {
            Some(v) => Fee::from_value(v, &f.path("fee"))?,
            None => {
                return Err(Error::new(
                    Code::InvalidPlan,
                    &f.path("fee"),
                    &["is required, such as { model: \"interestFree\" }"],
                ))
            }
        };
        let min_amount = f.amount("minAmountMinor")?;
        let max_amount = f.amount("maxAmountMinor")?;
        if let (Some(min), Some(max)) = (min_amount, max_amount) {
            if min > max {
                return Err(Error::new(
                    Code::InvalidPlan,
                    &f.path("maxAmountMinor"),
                    &[
                        "must not be below minAmountMinor (",
                        &digits(min as u128),
                        ")",
                    ],
                ));
            }
        }
        Ok(Plan {
            id: id.to_string(),
            label: label.map(str::to_string),
            provider: provider.map(str::to_string),
            periods,
            fee,
            min_amount,
            max_amount,
        })
    }

    /// What the shopper reads: the merchant's label, else a name from the provider and periods.
    pub fn name(&self, locale: super::messages::Locale) -> String {
        self.label.clone().unwrap_or_else(|| {
            super::messages::default_label(locale, self.provider.as_deref(), self.periods)
        })
    }

    /// Why `amount` is outside the plan's range, if it is.
    pub fn ineligibility(&self, amount: u64) -> Option<Ineligible> {
        if self.min_amount.is_some_and(|min| amount < min) {
            Some(Ineligible::BelowMin)
        } else if self.max_amount.is_some_and(|max| amount > max) {
            Some(Ineligible::AboveMax)
        } else {
            None
        }
    }
}

/// Why a plan cannot take an amount.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ineligible {
    /// The amount is below `minAmountMinor`.
    BelowMin,
    /// The amount is above `maxAmountMinor`.
    AboveMax,
    /// The provider's available credit (`availableCreditMinor`) is below the amount.
    OverCreditLimit,
    /// The provider's available credit is 0: not available to this shopper.
    ProviderUnavailable,
}

impl Ineligible {
    /// Every reason: the amount ones `compare()` gives, then the credit ones `assess()` adds.
    pub const ALL: [Ineligible; 4] = [
        Ineligible::BelowMin,
        Ineligible::AboveMax,
        Ineligible::OverCreditLimit,
        Ineligible::ProviderUnavailable,
    ];

    /// The stable code JS sees.
    pub fn as_str(self) -> &'static str {
        match self {
            Ineligible::BelowMin => "BELOW_MIN",
            Ineligible::AboveMax => "ABOVE_MAX",
            Ineligible::OverCreditLimit => "OVER_CREDIT_LIMIT",
            Ineligible::ProviderUnavailable => "PROVIDER_UNAVAILABLE",
        }
    }
}

/// The highest rate each fee model takes, in billionths, the bound itself allowed: a flat total
/// fee of the whole amount, 10% of it every period, and an annual rate of 100%. Anything above
/// is a percent written where a fraction belongs (`"5"` meant as 5%), which a shopper would see
/// as an APR in the thousands of percent.
pub fn bound(model: &str) -> u64 {
    match model {
        "perPeriod" => MAX / 10,
        _ => MAX,
    }
}

/// Each fee model's name, as `fee.model` gives it, and the keys its object may have.
pub const FEE_MODELS: [(&str, &[&str]); 4] = [
    ("flatTotal", &["model", "rate", "payer"]),
    ("perPeriod", &["model", "rate"]),
    ("annuity", &["model", "annualRate"]),
    ("interestFree", &["model"]),
];

impl Fee {
    /// Checks one `Fee` found at `path`.
    pub fn from_value(value: &Value, path: &str) -> Result<Fee> {
        let model = match value {
            Value::Object(entries) => entries.iter().find(|(k, _)| k == "model").map(|(_, v)| v),
            other => {
                return Err(Error::new(
                    Code::InvalidPlan,
                    path,
                    &["must be an object, got ", other.kind()],
                ))
            }
        };
        let model_path = super::error::join(path, "model");
        let (model, known) = match model {
            Some(Value::String(m)) => match FEE_MODELS.iter().find(|(name, _)| name == m) {
                Some(&(name, known)) => (name, known),
                None => {
                    return Err(Error::new(
                        Code::InvalidPlan,
                        &model_path,
                        &[
                            "must be \"flatTotal\", \"perPeriod\", \"annuity\" or \"interestFree\", got \"",
                            m,
                            "\"",
                        ],
                    ))
                }
            },
            _ => {
                return Err(Error::new(
                    Code::InvalidPlan,
                    &model_path,
                    &["must be \"flatTotal\", \"perPeriod\", \"annuity\" or \"interestFree\""],
                ))
            }
        };
        let rate = |f: &Fields, key: &str| match f.get(key) {
            Some(v) => Rate::from_value(v, &f.path(key))
                .and_then(|r| r.at_most(bound(model), model, &f.path(key))),
            None => Err(Error::new(
                Code::InvalidRate,
                &f.path(key),
                &["is required, as a decimal string such as \"0.075\""],
            )),
        };
        let f = Fields::open(value, path, Code::InvalidPlan, known)?;
        match model {
            "flatTotal" => {
                let merchant_pays = match f.string("payer", Code::InvalidPlan)? {
                    None | Some("shopper") => false,
                    Some("merchant") => true,
                    Some(other) => {
                        return Err(Error::new(
                            Code::InvalidPlan,
                            &f.path("payer"),
                            &["must be \"shopper\" or \"merchant\", got \"", other, "\""],
                        ))
                    }
                };
                Ok(Fee::FlatTotal {
                    rate: rate(&f, "rate")?,
                    merchant_pays,
                })
            }
            "perPeriod" => Ok(Fee::PerPeriod {
                rate: rate(&f, "rate")?,
            }),
            "annuity" => Ok(Fee::Annuity {
                annual_rate: rate(&f, "annualRate")?,
            }),
            "interestFree" => Ok(Fee::InterestFree),
            // A name in FEE_MODELS without a reading of its own here.
            other => Err(Error::new(
                Code::InvalidPlan,
                &model_path,
                &[
                    "names the model \"",
                    other,
                    "\", which this version cannot read",
                ],
            )),
        }
    }
}

/// Checks a list of plans at `path`, refusing duplicate ids and more than [`MAX_PLANS`] plans.
/// Too many plans is a configuration mistake (`INVALID_CONFIG` at `path`), found before any plan
/// is read.
pub fn plans_from_value(value: &Value, path: &str) -> Result<Vec<Plan>> {
    if let Value::Array(list) = value {
        if list.len() > MAX_PLANS {
            return Err(Error::new(
                Code::InvalidConfig,
                path,
                &[
                    "must list at most 64 plans, got ",
                    &digits(list.len() as u128),
                ],
            ));
        }
    }
    let mut plans: Vec<Plan> = Vec::new();
    for (item_path, item) in items(value, path, Code::InvalidPlan)? {
        let plan = Plan::from_value(item, &item_path)?;
        if let Some(first) = plans.iter().position(|p| p.id == plan.id) {
            return Err(Error::new(
                Code::InvalidPlan,
                &super::error::join(&item_path, "id"),
                &[
                    "repeats the id \"",
                    &plan.id,
                    "\" of ",
                    &super::error::index(path, first),
                    "; ids must be unique",
                ],
            ));
        }
        plans.push(plan);
    }
    Ok(plans)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn json(s: &str) -> Value {
        serde_json::from_str(s).expect("test JSON is valid")
    }

    fn err(s: &str) -> Error {
        plans_from_value(&json(s), "plans").expect_err(s)
    }

    #[test]
    fn each_model_takes_rates_up_to_its_bound_and_names_the_fraction_meant_above_it() {
        let fee = |model: &str, key: &str, rate: &str| {
            let text = format!(r#"{{"model": "{model}", "{key}": "{rate}"}}"#);
            Fee::from_value(&json(&text), "plan.fee")
        };
        for (model, key, at, above, written, meant) in [
            ("flatTotal", "rate", "1", "1.000000001", "5", "0.05"),
            ("perPeriod", "rate", "0.1", "0.100000001", "0.75", "0.0075"),
            ("annuity", "annualRate", "1", "1.000000001", "12", "0.12"),
        ] {
            assert!(fee(model, key, at).is_ok(), "{model} at its bound");
            for bad in [above, written] {
                let e = fee(model, key, bad).expect_err(bad);
                assert_eq!(e.code, Code::InvalidRate, "{model} {bad}");
                assert_eq!(e.field, format!("plan.fee.{key}"));
                assert!(e.message.contains(model), "{}", e.message);
            }
            let e = fee(model, key, written).unwrap_err();
            assert!(
                e.message
                    .contains(&format!("for {written}% write \"{meant}\"")),
                "{}",
                e.message
            );
        }
        // A JS number is held to the same bound.
        let e = Fee::from_value(
            &Value::object(alloc::vec![
                ("model", Value::str("perPeriod")),
                ("rate", Value::Number(0.75)),
            ]),
            "f",
        )
        .unwrap_err();
        assert!(e.message.contains("write \"0.0075\""), "{}", e.message);
    }

    #[test]
    fn reads_every_fee_model() {
        let plans = plans_from_value(
            &json(
                r#"[
                {"id": "hb-12", "label": "花呗分12期", "provider": "huabei", "periods": 12,
                 "fee": {"model": "flatTotal", "rate": "0.075"}, "minAmountMinor": 10000},
                {"id": "hb-free", "periods": 3, "fee": {"model": "flatTotal", "rate": 0.023, "payer": "merchant"}},
                {"id": "card", "periods": 12, "fee": {"model": "perPeriod", "rate": "0.006"}, "maxAmountMinor": 5000000},
                {"id": "loan", "periods": 60, "fee": {"model": "annuity", "annualRate": "0.12"}},
                {"id": "free", "periods": 1, "fee": {"model": "interestFree"}}
            ]"#,
            ),
            "plans",
        )
        .expect("valid plans");
        assert_eq!(plans.len(), 5);
        assert_eq!(
            plans[0].fee,
            Fee::FlatTotal {
                rate: Rate::from_nanos(75_000_000),
                merchant_pays: false
            }
        );
        assert_eq!(plans[0].label.as_deref(), Some("花呗分12期"));
        assert_eq!(plans[0].min_amount, Some(10000));
        assert_eq!(
            plans[1].fee,
            Fee::FlatTotal {
                rate: Rate::from_nanos(23_000_000),
                merchant_pays: true
            }
        );
        assert_eq!(
            plans[2].fee,
            Fee::PerPeriod {
                rate: Rate::from_nanos(6_000_000)
            }
        );
        assert_eq!(
            plans[3].fee,
            Fee::Annuity {
                annual_rate: Rate::from_nanos(120_000_000)
            }
        );
        assert_eq!(plans[4].fee, Fee::InterestFree);
    }

    #[test]
    fn every_fee_model_is_read_with_every_key_it_lists() {
        for (model, keys) in FEE_MODELS {
            let mut entries = vec![("model", Value::str(model))];
            for key in keys.iter().filter(|k| **k != "model") {
                let v = if *key == "payer" { "merchant" } else { "0.01" };
                entries.push((key, Value::str(v)));
            }
            let fee = Fee::from_value(&Value::object(entries), "fee");
            assert!(fee.is_ok(), "{model}: {fee:?}");
        }
    }

    #[test]
    fn every_mistake_names_its_field() {
        for (input, code, field) in [
            (r#"{}"#, Code::InvalidPlan, "plans"),
            (r#"[1]"#, Code::InvalidPlan, "plans[0]"),
            (
                r#"[{"periods": 3, "fee": {"model": "interestFree"}}]"#,
                Code::InvalidPlan,
                "plans[0].id",
            ),
            (
                r#"[{"id": "", "periods": 3, "fee": {"model": "interestFree"}}]"#,
                Code::InvalidPlan,
                "plans[0].id",
            ),
            (
                r#"[{"id": "none", "periods": 3, "fee": {"model": "interestFree"}}]"#,
                Code::InvalidPlan,
                "plans[0].id",
            ),
            (
                r#"[{"id": 7, "periods": 3, "fee": {"model": "interestFree"}}]"#,
                Code::InvalidPlan,
                "plans[0].id",
            ),
            (
                r#"[{"id": "a", "periods": 0, "fee": {"model": "interestFree"}}]"#,
                Code::InvalidPlan,
                "plans[0].periods",
            ),
            (
                r#"[{"id": "a", "periods": 61, "fee": {"model": "interestFree"}}]"#,
                Code::InvalidPlan,
                "plans[0].periods",
            ),
            (
                r#"[{"id": "a", "periods": 2.5, "fee": {"model": "interestFree"}}]"#,
                Code::InvalidPlan,
                "plans[0].periods",
            ),
            (
                r#"[{"id": "a", "periods": "12", "fee": {"model": "interestFree"}}]"#,
                Code::InvalidPlan,
                "plans[0].periods",
            ),
            (
                r#"[{"id": "a", "fee": {"model": "interestFree"}}]"#,
                Code::InvalidPlan,
                "plans[0].periods",
            ),
            (
                r#"[{"id": "a", "periods": 3}]"#,
                Code::InvalidPlan,
                "plans[0].fee",
            ),
            (
                r#"[{"id": "a", "periods": 3, "fee": {"model": "flat"}}]"#,
                Code::InvalidPlan,
                "plans[0].fee.model",
            ),
            (
                r#"[{"id": "a", "periods": 3, "fee": {"rate": "0.1"}}]"#,
                Code::InvalidPlan,
                "plans[0].fee.model",
            ),
            (
                r#"[{"id": "a", "periods": 3, "fee": {"model": "flatTotal"}}]"#,
                Code::InvalidRate,
                "plans[0].fee.rate",
            ),
            (
                r#"[{"id": "a", "periods": 3, "fee": {"model": "flatTotal", "rate": "-0.1"}}]"#,
                Code::InvalidRate,
                "plans[0].fee.rate",
            ),
            (
                r#"[{"id": "a", "periods": 3, "fee": {"model": "flatTotal", "rate": "0.1", "payer": "bank"}}]"#,
                Code::InvalidPlan,
                "plans[0].fee.payer",
            ),
            (
                r#"[{"id": "a", "periods": 3, "fee": {"model": "perPeriod", "annualRate": "0.1"}}]"#,
                Code::InvalidPlan,
                "plans[0].fee.annualRate",
            ),
            (
                r#"[{"id": "a", "periods": 3, "fee": {"model": "annuity", "rate": "0.1"}}]"#,
                Code::InvalidPlan,
                "plans[0].fee.rate",
            ),
            (
                r#"[{"id": "a", "periods": 3, "fee": {"model": "interestFree", "rate": "0"}}]"#,
                Code::InvalidPlan,
                "plans[0].fee.rate",
            ),
            (
                r#"[{"id": "a", "periods": 3, "fee": {"model": "interestFree"}, "minAmountMinor": -1}]"#,
                Code::InvalidAmount,
                "plans[0].minAmountMinor",
            ),
            (
                r#"[{"id": "a", "periods": 3, "fee": {"model": "interestFree"}, "minAmountMinor": 5, "maxAmountMinor": 4}]"#,
                Code::InvalidPlan,
                "plans[0].maxAmountMinor",
            ),
            (
                r#"[{"id": "a", "periods": 3, "fee": {"model": "interestFree"}, "colour": "red"}]"#,
                Code::InvalidPlan,
                "plans[0].colour",
            ),
            (
                r#"[{"id": "a", "periods": 3, "fee": {"model": "interestFree"}},
                    {"id": "a", "periods": 6, "fee": {"model": "interestFree"}}]"#,
                Code::InvalidPlan,
                "plans[1].id",
            ),
        ] {
            let e = err(input);
            assert_eq!(
                (e.code, e.field.as_str()),
                (code, field),
                "{input}: {}",
                e.message
            );
            assert!(e.message.starts_with(field), "{}", e.message);
        }
    }

    #[test]
    fn a_list_holds_at_most_64_plans() {
        let list = |n: usize| {
            Value::Array(
                (0..n)
                    .map(|i| {
                        json(&format!(
                            r#"{{"id": "p{i}", "periods": 3, "fee": {{"model": "interestFree"}}}}"#
                        ))
                    })
                    .collect(),
            )
        };
        assert_eq!(
            plans_from_value(&list(64), "plans").map(|p| p.len()),
            Ok(64)
        );
        for n in [65, 10_000] {
            let e = plans_from_value(&list(n), "plans").expect_err("too many");
            assert_eq!((e.code, e.field.as_str()), (Code::InvalidConfig, "plans"));
            assert!(e.message.ends_with(&format!("got {n}")), "{}", e.message);
        }
        // The count is checked before the plans: junk past the cap is not read at all.
        let junk = Value::Array(vec![Value::Null; 65]);
        let e = plans_from_value(&junk, "plans").expect_err("too many");
        assert_eq!((e.code, e.field.as_str()), (Code::InvalidConfig, "plans"));
    }

    #[test]
    fn eligibility_is_inclusive() {
        let plans = plans_from_value(
            &json(r#"[{"id": "a", "periods": 3, "fee": {"model": "interestFree"}, "minAmountMinor": 100, "maxAmountMinor": 200}]"#),
            "plans",
        )
        .expect("valid");
        assert_eq!(plans[0].ineligibility(99), Some(Ineligible::BelowMin));
        assert_eq!(plans[0].ineligibility(100), None);
        assert_eq!(plans[0].ineligibility(200), None);
        assert_eq!(plans[0].ineligibility(201), Some(Ineligible::AboveMax));
    }
}
