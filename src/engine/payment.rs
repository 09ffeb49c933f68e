//! From the shopper's choice to the payment, on the merchant's server: `verify_choice` checks that
//! the plan a form sent is one the page could have offered for the server's own order total, and
//! `payment_params` turns the verified plan into the fields a payment provider documents.
//!
//! The page is never trusted here. The plans, their eligibility and the estimate are computed
//! again from the merchant's own offer with the same code the page runs (`remind::offer`,
//! `Plan::ineligibility`, `remind::credit_ineligibility`, `schedule::estimate`), so a tampered
//! form can only be refused, never turned into a charge at terms no one was shown.

use alloc::string::String;
use alloc::vec::Vec;

use super::disclose::estimate_from_value;
use super::error::{digits, join, Code, Error, Result};
use super::json::Writer;
use super::money::{decimal_string, Currency};
use super::plan::{Fee, Ineligible, Plan};
use super::remind::{credit_from_value, credit_ineligibility, normalise_choice, offer};
use super::schedule::{estimate, Estimate};
use super::value::{Fields, Value};

/// The keys a `Choice` object may have.
pub const CHOICE_FIELDS: [&str; 7] = [
    "amountMinor",
    "currency",
    "planId",
    "plans",
    "preset",
    "availableCreditMinor",
    "shownAmountMinor",
];

/// The keys a `VerifiedChoice` object has.
pub const VERIFIED_FIELDS: [&str; 3] = ["planId", "plan", "estimate"];

/// What a server knows about one order when the checkout form arrives.
#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    /// The server's own order total, never the page's.
    pub amount: u64,
    /// The order's currency.
    pub currency: Currency,
    /// The form's plan field; `None` for pay in full (`null`, `""` or `"none"` in JS).
    pub plan_id: Option<String>,
    /// The merchant's offer, exactly as given to the page (a preset expanded).
    pub plans: Vec<Plan>,
    /// Credit available per provider, when the server knows it.
    pub credit: Vec<(String, u64)>,
    /// The amount the page showed (its `data-amount-minor` at submit), when the form sent it.
    pub shown_amount: Option<u64>,
}

impl Choice {
    /// Checks a `Choice` object. Fields are named from its top: `planId`, `plans[2].fee.rate`.
    pub fn from_value(value: &Value) -> Result<Choice> {
        let f = Fields::open_root(value, "choice", Code::InvalidChoice, &CHOICE_FIELDS)?;
        let amount = f.amount("amountMinor")?.ok_or_else(|| {
            Error::new(
                Code::InvalidAmount,
                "amountMinor",
                &["is required: the server's own order total, in minor units"],
            )
        })?;
        let currency = f.currency(", such as \"CNY\"")?;
        // Required, though null is allowed: a server that forgot to pass the form's plan field
        // would otherwise charge every shopper in full, whatever they chose.
        if !f.has("planId") {
            return Err(Error::new(
                Code::InvalidChoice,
                "planId",
                &["is required: the form's plan field as it arrived, or null for pay in full"],
            ));
        }
        let plan_id = normalise_choice(f.string("planId", Code::InvalidChoice)?);
        let plans = offer(&f, currency)?;
        let credit = match f.get("availableCreditMinor") {
            None => Vec::new(),
            Some(v) => credit_from_value(v)?,
        };
        Ok(Choice {
            amount,
            currency,
            plan_id,
            plans,
            credit,
            shown_amount: f.amount("shownAmountMinor")?,
        })
    }
}

/// A choice the page could have offered, with what it costs the shopper.
#[derive(Clone, Debug, PartialEq)]
pub struct VerifiedChoice {
    /// The offered plan as the merchant wrote it; `None` for pay in full.
    pub plan: Option<Plan>,
    /// The plan's estimate for the server's total, as `estimate()` gives it; `None` for pay in full.
    pub estimate: Option<Estimate>,
}

impl VerifiedChoice {
    /// The chosen plan's id; `None` for pay in full.
    pub fn plan_id(&self) -> Option<&str> {
        self.plan.as_ref().map(|p| p.id.as_str())
    }

    /// Reads a `VerifiedChoice` handed back (from JS, or from an order store), named `path`. It
    /// must hold together: the plan's id is `planId`, and the estimate is the plan's own for its
    /// amount and currency, figure for figure. Anything else is `INVALID_ARGUMENT`.
    pub fn from_value(value: &Value, path: &str) -> Result<VerifiedChoice> {
        let code = Code::InvalidArgument;
        let f = Fields::open(value, path, code, &VERIFIED_FIELDS)?;
        let plan_id = normalise_choice(f.string("planId", code)?);
        let Some(plan_id) = plan_id else {
            for key in ["plan", "estimate"] {
                if f.get(key).is_some() {
                    return Err(Error::new(
                        code,
                        &f.path(key),
                        &["must be null when planId is null (pay in full)"],
                    ));
                }
            }
            return Ok(VerifiedChoice {
                plan: None,
                estimate: None,
            });
        };
        let required = |key: &str| {
            f.get(key).ok_or_else(|| {
                Error::new(
                    code,
                    &f.path(key),
                    &["is required: pass the VerifiedChoice as verifyChoice() returned it"],
                )
            })
        };
        let plan = Plan::from_value(required("plan")?, &f.path("plan"))?;
        if plan.id != plan_id {
            return Err(Error::new(
                code,
                &f.path("plan.id"),
                &[
                    "must be planId (\"",
                    &plan_id,
                    "\"), got \"",
                    &plan.id,
                    "\"",
                ],
            ));
        }
        let estimate_path = f.path("estimate");
        let given = estimate_from_value(required("estimate")?).map_err(|e| under(e, path))?;
        let own = estimate(given.amount, given.currency, &plan)?;
        if own != given {
            return Err(Error::new(
                code,
                &estimate_path,
                &[
                    "is not the estimate of ",
                    &f.path("plan"),
                    " for its amount and currency: pass the VerifiedChoice as verifyChoice() returned it",
                ],
            ));
        }
        Ok(VerifiedChoice {
            plan: Some(plan),
            estimate: Some(own),
        })
    }
}

/// `plan` as a `PlanSpec` JSON object, as a merchant would write it: rates as exact decimal
/// strings, the payer only when it is the merchant, absent fields left out.
pub fn plan_json(plan: &Plan) -> String {
    let mut w = Writer::default();
    w.raw("{\"id\":");
    w.string(&plan.id);
    if let Some(label) = &plan.label {
        w.raw(",\"label\":");
        w.string(label);
    }
    if let Some(provider) = &plan.provider {
        w.raw(",\"provider\":");
        w.string(provider);
    }
    w.raw(",\"periods\":");
    w.raw(&digits(plan.periods as u128));
    w.raw(",\"fee\":");
    let rate = |r: super::rate::Rate| {
        let s = decimal_string(r.nanos(), 9);
        let s = s.trim_end_matches('0').trim_end_matches('.');
        String::from(if s.is_empty() { "0" } else { s })
    };
    match plan.fee {
        Fee::FlatTotal {
            rate: r,
            merchant_pays,
        } => {
            w.raw("{\"model\":\"flatTotal\",\"rate\":");
            w.string(&rate(r));
            w.raw(if merchant_pays {
                ",\"payer\":\"merchant\"}"
            } else {
                "}"
            });
        }
        Fee::PerPeriod { rate: r } => {
            w.raw("{\"model\":\"perPeriod\",\"rate\":");
            w.string(&rate(r));
            w.raw("}");
        }
        Fee::Annuity { annual_rate } => {
            w.raw("{\"model\":\"annuity\",\"annualRate\":");
            w.string(&rate(annual_rate));
            w.raw("}");
        }
        Fee::InterestFree => w.raw("{\"model\":\"interestFree\"}"),
    }
    for (key, bound) in [
        ("minAmountMinor", plan.min_amount),
        ("maxAmountMinor", plan.max_amount),
    ] {
        if let Some(b) = bound {
            w.raw(",\"");
            w.raw(key);
            w.raw("\":");
            w.raw(&digits(b as u128));
        }
    }
    w.raw("}");
    w.finish()
}

/// `e`, whose field is named from an `estimate` argument, named from inside `root` instead.
fn under(mut e: Error, root: &str) -> Error {
    if root.is_empty() {
        return e;
    }
    e.field = join(root, &e.field);
    e.message = join(root, &e.message);
    e
}

/// Checks a choice against the merchant's own offer and total, and costs it.
///
/// Refused with `INVALID_CHOICE`: a `shown_amount` other than `amount` (at `amountMinor`: the cart
/// changed after the shopper saw the figures), a plan id the offer does not hold, and a plan the
/// amount, its limits or the shopper's known credit make ineligible (at `planId`). Pay in full is
/// always a choice the page offered. The result does not depend on anything but `choice`, so
/// verifying again gives the same answer.
pub fn verify_choice(choice: &Choice) -> Result<VerifiedChoice> {
    if let Some(shown) = choice.shown_amount.filter(|&s| s != choice.amount) {
        return Err(Error::new(
            Code::InvalidChoice,
            "amountMinor",
            &[
                "is ",
                &digits(choice.amount as u128),
                " but the page showed the shopper ",
                &digits(shown as u128),
                " (shownAmountMinor): the cart changed after the figures were shown, so show the \
                 checkout again with the new total",
            ],
        ));
    }
    let Some(id) = choice.plan_id.as_deref() else {
        return Ok(VerifiedChoice {
            plan: None,
            estimate: None,
        });
    };
    let Some(plan) = choice.plans.iter().find(|p| p.id == id) else {
        return Err(Error::new(
            Code::InvalidChoice,
            "planId",
            &[
                "\"",
                id,
                "\" is not a plan of this offer, so the page could not have shown it",
            ],
        ));
    };
    let why = plan
        .ineligibility(choice.amount)
        .or_else(|| credit_ineligibility(plan, &choice.credit, choice.amount));
    if let Some(why) = why {
        let amount = digits(choice.amount as u128);
        let provider = plan.provider.as_deref().unwrap_or_default();
        let bound = |b: Option<u64>| digits(b.unwrap_or_default() as u128);
        let (min, max) = (bound(plan.min_amount), bound(plan.max_amount));
        let detail: [&str; 4] = match why {
            Ineligible::BelowMin => [
                "the amount ",
                &amount,
                " is below its minAmountMinor ",
                &min,
            ],
            Ineligible::AboveMax => [
                "the amount ",
                &amount,
                " is above its maxAmountMinor ",
                &max,
            ],
            Ineligible::OverCreditLimit => [
                "the amount ",
                &amount,
                " is over the shopper's available credit with ",
                provider,
            ],
            Ineligible::ProviderUnavailable => [
                "availableCreditMinor says ",
                provider,
                " is not available to this shopper",
                "",
            ],
        };
        let mut parts = alloc::vec!["\"", id, "\" cannot take this order (", why.as_str(), "): "];
        parts.extend(detail);
        return Err(Error::new(Code::InvalidChoice, "planId", &parts));
    }
    Ok(VerifiedChoice {
        plan: Some(plan.clone()),
        estimate: Some(estimate(choice.amount, choice.currency, plan)?),
    })
}

/// The payment providers whose request fields [`payment_params`] writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Provider {
    /// Alipay's `alipay.trade.page.pay` and `alipay.trade.wap.pay` (Huabei instalments).
    Alipay,
    /// Stripe's PaymentIntents (card instalments in Mexico, meses sin intereses).
    Stripe,
    /// Adyen's `/payments` (`installments.value`).
    Adyen,
}

impl Provider {
    /// Every provider, in declaration order.
    pub const ALL: [Provider; 3] = [Provider::Alipay, Provider::Stripe, Provider::Adyen];

    /// The name JS passes.
    pub fn as_str(self) -> &'static str {
        match self {
            Provider::Alipay => "alipay",
            Provider::Stripe => "stripe",
            Provider::Adyen => "adyen",
        }
    }

    /// The provider `name` names, at `field`.
    pub fn parse(name: &str, field: &str) -> Result<Provider> {
        Provider::ALL
            .into_iter()
            .find(|p| p.as_str() == name)
            .ok_or_else(|| {
                Error::new(
                    Code::InvalidArgument,
                    field,
                    &[
                        "must be \"alipay\", \"stripe\" or \"adyen\", got \"",
                        name,
                        "\"",
                    ],
                )
            })
    }
}

/// Huabei's instalment counts: `hb_fq_num` takes 3, 6 or 12.
pub const HUABEI_PERIODS: [u32; 3] = [3, 6, 12];

/// The months Stripe's Mexican card instalments take (`plan.count`).
pub const STRIPE_COUNTS: [u32; 6] = [3, 6, 9, 12, 18, 24];

/// The request fields for one verified choice and provider.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PaymentParams {
    /// Pay in full: no instalment field at all (`{}`).
    PayInFull,
    /// Alipay: `extend_params.hb_fq_num` = `periods`, `extend_params.hb_fq_seller_percent` =
    /// `seller_percent` (100 when the merchant pays the fee, else 0), and `enable_pay_channels`
    /// = `"pcreditpayInstallment"`, so the cashier offers Huabei instalments only.
    Alipay {
        /// `hb_fq_num`.
        periods: u32,
        /// `hb_fq_seller_percent`: 0 or 100.
        seller_percent: u32,
    },
    /// Stripe: `payment_method_options.card.installments.plan` =
    /// `{ count, interval: "month", type: "fixed_count" }`, sent with the confirmation.
    Stripe {
        /// `plan.count`.
        count: u32,
    },
    /// Adyen: `installments.value`.
    Adyen {
        /// `installments.value`.
        value: u32,
    },
}

impl PaymentParams {
    /// The fields as a JSON object, to merge into the provider's request: `{}` for pay in full.
    pub fn to_json(&self) -> String {
        let mut w = Writer::default();
        match *self {
            PaymentParams::PayInFull => w.raw("{}"),
            PaymentParams::Alipay {
                periods,
                seller_percent,
            } => {
                w.raw("{\"extend_params\":{\"hb_fq_num\":");
                w.string(&digits(periods as u128));
                w.raw(",\"hb_fq_seller_percent\":");
                w.string(&digits(seller_percent as u128));
                w.raw("},\"enable_pay_channels\":\"pcreditpayInstallment\"}");
            }
            PaymentParams::Stripe { count } => {
                w.raw(
                    "{\"payment_method_options\":{\"card\":{\"installments\":{\"plan\":{\"count\":",
                );
                w.raw(&digits(count as u128));
                w.raw(",\"interval\":\"month\",\"type\":\"fixed_count\"}}}}}");
            }
            PaymentParams::Adyen { value } => {
                w.raw("{\"installments\":{\"value\":");
                w.raw(&digits(value as u128));
                w.raw("}}");
            }
        }
        w.finish()
    }
}

fn unsupported(parts: &[&str]) -> Error {
    Error::new(Code::UnsupportedByProvider, "planId", parts)
}

/// The request fields `provider` documents for a verified choice. A plan the provider cannot
/// express is `UNSUPPORTED_BY_PROVIDER` at `planId`: for Alipay, a plan that is not Huabei's,
/// in another currency than CNY, of other than 3, 6 or 12 periods, or priced by a model Huabei
/// does not use; for Stripe and Adyen, a fee the shopper pays (neither computes interest), and for
/// Stripe a currency other than MXN or a count other than 3, 6, 9, 12, 18 or 24.
pub fn payment_params(verified: &VerifiedChoice, provider: Provider) -> Result<PaymentParams> {
    let (Some(plan), Some(e)) = (&verified.plan, &verified.estimate) else {
        return Ok(PaymentParams::PayInFull);
    };
    let id = plan.id.as_str();
    let periods = digits(plan.periods as u128);
    // What the shopper was shown: no fee at all means the merchant bears whatever the provider
    // charges, or the shopper would pay a fee no one showed.
    let merchant_pays = e.interest_free;
    match provider {
        Provider::Alipay => {
            if plan.provider.as_deref() != Some("huabei") {
                return Err(unsupported(&[
                    "\"",
                    id,
                    "\" is not a Huabei plan (provider \"huabei\"): Alipay's hb_fq_num carries Huabei instalments only",
                ]));
            }
            if e.currency.code() != "CNY" {
                return Err(unsupported(&[
                    "\"",
                    id,
                    "\" is priced in ",
                    e.currency.code(),
                    ": Huabei instalments are in CNY",
                ]));
            }
            if !HUABEI_PERIODS.contains(&plan.periods) {
                return Err(unsupported(&[
                    "\"",
                    id,
                    "\" has ",
                    &periods,
                    " periods: Alipay's hb_fq_num takes 3, 6 or 12",
                ]));
            }
            if matches!(plan.fee, Fee::PerPeriod { .. } | Fee::Annuity { .. }) && !merchant_pays {
                return Err(unsupported(&[
                    "\"",
                    id,
                    "\" is priced per period or as a loan: Huabei charges one total fee (fee model \"flatTotal\"), so the shopper would pay other figures than those shown",
                ]));
            }
            Ok(PaymentParams::Alipay {
                periods: plan.periods,
                seller_percent: if merchant_pays { 100 } else { 0 },
            })
        }
        Provider::Stripe => {
            if e.currency.code() != "MXN" {
                return Err(unsupported(&[
                    "\"",
                    id,
                    "\" is priced in ",
                    e.currency.code(),
                    ": Stripe's fixed_count instalments are for MXN card payments",
                ]));
            }
            if !merchant_pays {
                return Err(unsupported(&[
                    "\"",
                    id,
                    "\" charges the shopper a fee: Stripe's instalments in Mexico are months without interest, the fee paid by the merchant",
                ]));
            }
            if !STRIPE_COUNTS.contains(&plan.periods) {
                return Err(unsupported(&[
                    "\"",
                    id,
                    "\" has ",
                    &periods,
                    " periods: Stripe's plan.count takes 3, 6, 9, 12, 18 or 24",
                ]));
            }
            Ok(PaymentParams::Stripe {
                count: plan.periods,
            })
        }
        Provider::Adyen => {
            if !merchant_pays {
                return Err(unsupported(&[
                    "\"",
                    id,
                    "\" charges the shopper a fee: Adyen's installments.value sets the count only and computes no interest",
                ]));
            }
            Ok(PaymentParams::Adyen {
                value: plan.periods,
            })
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::engine::plan::plans_from_value;
    use crate::engine::presets;

    fn json(text: &str) -> Value {
        serde_json::from_str(text).expect("valid JSON")
    }

    fn choice(text: &str) -> Result<Choice> {
        Choice::from_value(&json(text))
    }

    fn verify(text: &str) -> Result<VerifiedChoice> {
        choice(text).and_then(|c| verify_choice(&c))
    }

    fn refused(r: Result<impl core::fmt::Debug>) -> (Code, String) {
        let e = r.expect_err("refused");
        (e.code, e.field.clone())
    }

    const CNY: &str = r#""amountMinor": 480690, "currency": "CNY""#;

    #[test]
    fn a_preset_plan_verifies_with_the_estimate_the_page_showed() {
        let v = verify(&format!(r#"{{{CNY}, "planId": "huabei-6"}}"#)).expect("verified");
        let plans = presets::plans("huabei", "CNY", "preset").expect("preset");
        let cny = Currency::parse("CNY", "currency").expect("CNY");
        assert_eq!(v.plan.as_ref(), Some(&plans[1]));
        assert_eq!(
            v.estimate,
            Some(estimate(480690, cny, &plans[1]).expect("estimate"))
        );
        assert_eq!(v.plan_id(), Some("huabei-6"));
    }

    #[test]
    fn pay_in_full_is_always_a_choice_the_page_offered() {
        for id in ["null", r#""""#, r#""none""#] {
            let v = verify(&format!(r#"{{{CNY}, "planId": {id}}}"#)).expect(id);
            assert_eq!((v.plan, v.estimate), (None, None));
        }
        // Even for an amount no plan takes.
        let v = verify(r#"{"amountMinor": 5, "currency": "CNY", "planId": null}"#).expect("tiny");
        assert_eq!(v.plan_id(), None);
    }

    #[test]
    fn what_the_page_could_not_have_offered_is_refused_at_plan_id() {
        for (text, code, field) in [
            // An id the offer does not hold: the huabei preset has no 9 periods.
            (format!(r#"{{{CNY}, "planId": "huabei-9"}}"#), Code::InvalidChoice, "planId"),
            // A card plan against the Huabei offer.
            (format!(r#"{{{CNY}, "planId": "card-6", "preset": "huabei"}}"#), Code::InvalidChoice, "planId"),
            // Below the presets' 100-yuan floor.
            (r#"{"amountMinor": 9999, "currency": "CNY", "planId": "huabei-3"}"#.into(), Code::InvalidChoice, "planId"),
            // Above a plan's maximum.
            (
                r#"{"amountMinor": 20001, "currency": "CNY", "planId": "a",
                    "plans": [{"id": "a", "periods": 3, "fee": {"model": "interestFree"}, "maxAmountMinor": 20000}]}"#.into(),
                Code::InvalidChoice,
                "planId",
            ),
            // Over the shopper's known credit, and a provider not available to them.
            (format!(r#"{{{CNY}, "planId": "huabei-3", "availableCreditMinor": {{"huabei": 300000}}}}"#), Code::InvalidChoice, "planId"),
            (format!(r#"{{{CNY}, "planId": "huabei-3", "availableCreditMinor": {{"huabei": 0}}}}"#), Code::InvalidChoice, "planId"),
            // The page showed another total: the cart changed after the figures.
            (format!(r#"{{{CNY}, "planId": "huabei-3", "shownAmountMinor": 478690}}"#), Code::InvalidChoice, "amountMinor"),
            (format!(r#"{{{CNY}, "planId": null, "shownAmountMinor": 478690}}"#), Code::InvalidChoice, "amountMinor"),
            // The usual codes for the rest.
            (r#"{"currency": "CNY", "planId": null}"#.into(), Code::InvalidAmount, "amountMinor"),
            (r#"{"amountMinor": 1.5, "currency": "CNY", "planId": null}"#.into(), Code::InvalidAmount, "amountMinor"),
            (r#"{"amountMinor": 100, "currency": "XYZ", "planId": null}"#.into(), Code::InvalidCurrency, "currency"),
            (r#"{"amountMinor": 100, "currency": "USD", "planId": null}"#.into(), Code::InvalidConfig, "plans"),
            (format!(r#"{{{CNY}, "planId": null, "preset": "klarna"}}"#), Code::InvalidConfig, "preset"),
            (format!(r#"{{{CNY}, "planId": null, "plans": [{{"id": "a"}}]}}"#), Code::InvalidPlan, "plans[0].periods"),
            (format!(r#"{{{CNY}, "planId": null, "availableCreditMinor": {{"huabei": -1}}}}"#), Code::InvalidAmount, "availableCreditMinor.huabei"),
            (format!(r#"{{{CNY}, "planId": null, "shownAmountMinor": "480690"}}"#), Code::InvalidAmount, "shownAmountMinor"),
            (format!(r#"{{{CNY}}}"#), Code::InvalidChoice, "planId"),
            (format!(r#"{{{CNY}, "planId": 6}}"#), Code::InvalidChoice, "planId"),
            (format!(r#"{{{CNY}, "planId": null, "plan": "huabei-6"}}"#), Code::InvalidChoice, "plan"),
            ("[]".into(), Code::InvalidChoice, "choice"),
        ] {
            assert_eq!(refused(verify(&text)), (code, field.to_string()), "{text}");
        }
        // Credit above the amount, or for another provider, leaves the plan eligible.
        verify(&format!(r#"{{{CNY}, "planId": "huabei-3", "availableCreditMinor": {{"huabei": 480690, "jd": 0}}}}"#))
            .expect("credit enough");
    }

    #[test]
    fn messages_say_why() {
        let e = verify(&format!(
            r#"{{{CNY}, "planId": "huabei-3", "availableCreditMinor": {{"huabei": 300000}}}}"#
        ))
        .expect_err("over");
        assert_eq!(
            e.message,
            "planId \"huabei-3\" cannot take this order (OVER_CREDIT_LIMIT): the amount 480690 is over the shopper's available credit with huabei"
        );
        let e = verify(&format!(
            r#"{{{CNY}, "planId": "huabei-3", "shownAmountMinor": 478690}}"#
        ))
        .expect_err("changed");
        assert!(
            e.message
                .starts_with("amountMinor is 480690 but the page showed the shopper 478690"),
            "{}",
            e.message
        );
    }

    #[test]
    fn verifying_again_gives_the_same_answer() {
        let c = choice(&format!(
            r#"{{{CNY}, "planId": "huabei-12", "preset": "huabei-interest-free"}}"#
        ))
        .expect("choice");
        let once = verify_choice(&c).expect("once");
        assert_eq!(verify_choice(&c).expect("twice"), once);
        let again = Choice {
            plan_id: once.plan_id().map(str::to_string),
            ..c
        };
        assert_eq!(verify_choice(&again).expect("from the result"), once);
    }

    fn params(text: &str, provider: Provider) -> Result<String> {
        payment_params(&verify(text)?, provider).map(|p| p.to_json())
    }

    #[test]
    fn huabei_plans_become_alipay_fields() {
        assert_eq!(
            params(
                &format!(r#"{{{CNY}, "planId": "huabei-6"}}"#),
                Provider::Alipay
            )
            .expect("6"),
            r#"{"extend_params":{"hb_fq_num":"6","hb_fq_seller_percent":"0"},"enable_pay_channels":"pcreditpayInstallment"}"#
        );
        assert_eq!(
            params(
                &format!(r#"{{{CNY}, "planId": "huabei-12", "preset": "huabei-interest-free"}}"#),
                Provider::Alipay
            )
            .expect("12"),
            r#"{"extend_params":{"hb_fq_num":"12","hb_fq_seller_percent":"100"},"enable_pay_channels":"pcreditpayInstallment"}"#
        );
        for provider in Provider::ALL {
            assert_eq!(
                params(&format!(r#"{{{CNY}, "planId": null}}"#), provider).expect("full"),
                "{}"
            );
        }
    }

    #[test]
    fn what_a_provider_cannot_express_is_refused_at_plan_id() {
        let own = |plan: &str, currency: &str| {
            format!(
                r#"{{"amountMinor": 600000, "currency": "{currency}", "planId": "p", "plans": [{plan}]}}"#
            )
        };
        let free = |periods: u32| {
            format!(
                r#"{{"id": "p", "provider": "huabei", "periods": {periods}, "fee": {{"model": "interestFree"}}}}"#
            )
        };
        for (text, provider) in [
            (own(&free(9), "CNY"), Provider::Alipay),
            (own(&free(24), "CNY"), Provider::Alipay),
            (
                format!(r#"{{{CNY}, "planId": "card-6", "preset": "credit-card-cn"}}"#),
                Provider::Alipay,
            ),
            (own(&free(6), "HKD"), Provider::Alipay),
            (
                own(
                    r#"{"id": "p", "provider": "huabei", "periods": 6, "fee": {"model": "perPeriod", "rate": "0.007"}}"#,
                    "CNY",
                ),
                Provider::Alipay,
            ),
            (
                format!(r#"{{{CNY}, "planId": "huabei-6"}}"#),
                Provider::Stripe,
            ),
            (own(&free(6), "CNY"), Provider::Stripe),
            (
                own(
                    &free(6).replace("interestFree\"", "flatTotal\", \"rate\": \"0.05\""),
                    "MXN",
                ),
                Provider::Stripe,
            ),
            (own(&free(4), "MXN"), Provider::Stripe),
            (
                format!(r#"{{{CNY}, "planId": "huabei-6"}}"#),
                Provider::Adyen,
            ),
            (
                format!(r#"{{{CNY}, "planId": "card-6", "preset": "credit-card-cn"}}"#),
                Provider::Adyen,
            ),
        ] {
            assert_eq!(
                refused(params(&text, provider)),
                (Code::UnsupportedByProvider, "planId".to_string()),
                "{text} {provider:?}"
            );
        }
        assert_eq!(
            params(&own(&free(18), "MXN"), Provider::Stripe).expect("stripe"),
            r#"{"payment_method_options":{"card":{"installments":{"plan":{"count":18,"interval":"month","type":"fixed_count"}}}}}"#
        );
        assert_eq!(
            params(&own(&free(10), "BRL"), Provider::Adyen).expect("adyen"),
            r#"{"installments":{"value":10}}"#
        );
    }

    #[test]
    fn a_verified_choice_read_back_must_hold_together() {
        let plans = plans_from_value(&json(r#"[{"id": "huabei-6", "provider": "huabei", "periods": 6, "fee": {"model": "flatTotal", "rate": "0.045"}}]"#), "plans")
            .expect("plans");
        let cny = Currency::parse("CNY", "currency").expect("CNY");
        let e = estimate(480690, cny, &plans[0]).expect("estimate");
        let text = |plan_id: &str, rate: &str, total_fee: u64| {
            let lines: Vec<String> = e
                .schedule
                .iter()
                .map(|l| format!(r#"{{"period": {}, "principalMinor": {}, "feeMinor": {}, "paymentMinor": {}}}"#, l.period, l.principal, l.fee, l.payment))
                .collect();
            format!(
                r#"{{"planId": "{plan_id}", "plan": {{"id": "huabei-6", "provider": "huabei", "periods": 6, "fee": {{"model": "flatTotal", "rate": "{rate}"}}}},
                   "estimate": {{"planId": "huabei-6", "currency": "CNY", "amountMinor": 480690, "periods": 6, "schedule": [{}],
                   "totalFeeMinor": {total_fee}, "totalRepaymentMinor": {}, "merchantFeeMinor": 0, "interestFree": false,
                   "monthlyRate": {:?}, "aprNominal": {:?}, "aprEffective": {:?}}}}}"#,
                lines.join(","),
                e.total_repayment,
                e.rate.monthly,
                e.rate.nominal,
                e.rate.effective
            )
        };
        let v =
            VerifiedChoice::from_value(&json(&text("huabei-6", "0.045", e.total_fee)), "verified")
                .expect("holds");
        assert_eq!(v.estimate.as_ref(), Some(&e));
        // A plan edited after verifying no longer matches its estimate.
        assert_eq!(
            refused(VerifiedChoice::from_value(
                &json(&text("huabei-6", "0.023", e.total_fee)),
                "verified"
            )),
            (Code::InvalidArgument, "verified.estimate".to_string())
        );
        assert_eq!(
            refused(VerifiedChoice::from_value(
                &json(&text("huabei-12", "0.045", e.total_fee)),
                "verified"
            )),
            (Code::InvalidArgument, "verified.plan.id".to_string())
        );
        // The estimate's own checks, named from inside the argument.
        assert_eq!(
            refused(VerifiedChoice::from_value(
                &json(&text("huabei-6", "0.045", e.total_fee + 1)),
                "verified"
            )),
            (
                Code::InvalidArgument,
                "verified.estimate.totalFeeMinor".to_string()
            )
        );
        let full = VerifiedChoice::from_value(
            &json(r#"{"planId": null, "plan": null, "estimate": null}"#),
            "verified",
        )
        .expect("pay in full");
        assert_eq!(full.plan_id(), None);
        assert_eq!(
            refused(VerifiedChoice::from_value(
                &json(r#"{"planId": null, "plan": {"id": "x"}}"#),
                "verified"
            )),
            (Code::InvalidArgument, "verified.plan".to_string())
        );
    }

    #[test]
    fn a_plan_written_back_reads_as_the_same_plan() {
        let text = r#"[
            {"id": "a", "label": "六期 \"免息\"", "provider": "huabei", "periods": 6, "fee": {"model": "flatTotal", "rate": "0.045", "payer": "merchant"}, "minAmountMinor": 10000, "maxAmountMinor": 5000000},
            {"id": "b", "periods": 3, "fee": {"model": "perPeriod", "rate": 0.0075}},
            {"id": "c", "periods": 12, "fee": {"model": "annuity", "annualRate": "0"}},
            {"id": "d", "periods": 1, "fee": {"model": "interestFree"}},
            {"id": "e", "periods": 2, "fee": {"model": "flatTotal", "rate": "1"}}
        ]"#;
        for plan in plans_from_value(&json(text), "plans").expect("plans") {
            let back = plan_json(&plan);
            assert_eq!(Plan::from_value(&json(&back), "plan"), Ok(plan), "{back}");
        }
        let hb = presets::plans("huabei", "CNY", "preset").expect("preset");
        assert_eq!(
            plan_json(&hb[1]),
            r#"{"id":"huabei-6","provider":"huabei","periods":6,"fee":{"model":"flatTotal","rate":"0.045"},"minAmountMinor":10000}"#
        );
    }

    #[test]
    fn provider_names() {
        for p in Provider::ALL {
            assert_eq!(Provider::parse(p.as_str(), "provider"), Ok(p));
        }
        assert_eq!(
            refused(Provider::parse("paypal", "provider")),
            (Code::InvalidArgument, "provider".to_string())
        );
    }
}
