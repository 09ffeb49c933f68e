//! The pure functions JS calls: `estimate`, `compare`, `annualRate` and `assess`.
#![allow(non_snake_case)] // parameter names appear as written in the TypeScript declarations

use super::convert::{self, value};
use super::error::throw;
use super::memo::Memo;
use crate::engine::plan::Plan;
use crate::engine::{self, irr, plan, CheckoutState, Currency, Error, GuardConfig, Value};
use alloc::vec::Vec;

static PLANS: Memo<Vec<Plan>> = Memo::new();
static CONFIG: Memo<GuardConfig> = Memo::new();
use wasm_bindgen::prelude::*;

fn amount_arg(js: &JsValue) -> Result<u64, Error> {
    engine::value::amount(&value(js, "amountMinor")?, "amountMinor")
}

fn currency_arg(js: &JsValue) -> Result<Currency, Error> {
    match value(js, "currency")? {
        Value::String(code) => Currency::parse(&code, "currency"),
        other => Err(Error::new(
            engine::Code::InvalidCurrency,
            "currency",
            &[
                "must be an ISO 4217 code such as \"CNY\", got ",
                other.kind(),
            ],
        )),
    }
}

/// What one plan costs for one amount: the schedule period by period, the total fee, and the
/// annualised rate by the IRR method. Throws an `InstalmentError` for any bad input.
#[wasm_bindgen(js_name = estimate, unchecked_return_type = "Estimate")]
pub fn estimate_js(
    #[wasm_bindgen(unchecked_param_type = "number")] amountMinor: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] currency: JsValue,
    #[wasm_bindgen(unchecked_param_type = "PlanSpec")] plan: JsValue,
) -> Result<JsValue, JsValue> {
    throw((|| {
        let amount = amount_arg(&amountMinor)?;
        let currency = currency_arg(&currency)?;
        let plan = plan::Plan::from_value(&value(&plan, "plan")?, "plan")?;
        engine::estimate(amount, currency, &plan).map(|e| convert::Out::default().estimate(&e))
    })())
}

/// Every eligible plan costed for one amount, interest-free first (longest first), then by
/// lowest annualised rate, with the plans the amount falls outside of and the one to put first.
/// At most 64 plans, as in a config: more is `INVALID_CONFIG` at `plans`.
#[wasm_bindgen(js_name = compare, unchecked_return_type = "Comparison")]
pub fn compare_js(
    #[wasm_bindgen(unchecked_param_type = "number")] amountMinor: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] currency: JsValue,
    #[wasm_bindgen(unchecked_param_type = "PlanSpec[]")] plans: JsValue,
) -> Result<JsValue, JsValue> {
    throw((|| {
        let amount = amount_arg(&amountMinor)?;
        let currency = currency_arg(&currency)?;
        let plans = PLANS.read(&plans, "plans", |v| plan::plans_from_value(v, "plans"))?;
        engine::compare(amount, currency, &plans).map(|c| convert::Out::default().comparison(&c))
    })())
}

/// The annualised rate of any cash flows (+ to the shopper, − paid by them, at any month,
/// fractions allowed) by the IRR method. Throws `NO_SOLUTION` when no rate exists.
#[wasm_bindgen(js_name = annualRate, unchecked_return_type = "AnnualRate")]
pub fn annual_rate_js(
    #[wasm_bindgen(unchecked_param_type = "CashFlow[]")] flows: JsValue,
) -> Result<JsValue, JsValue> {
    throw((|| {
        let flows = irr::flows_from_value(&value(&flows, "flows")?, "flows")?;
        engine::annual_rate(&flows).map(|r| convert::Out::default().rate(&r))
    })())
}

/// The guard's decision without a page: would a submit in this state be stopped with a reminder,
/// and why (or why not)?
#[wasm_bindgen(js_name = assess, unchecked_return_type = "Verdict")]
pub fn assess_js(
    #[wasm_bindgen(unchecked_param_type = "GuardConfig")] config: JsValue,
    #[wasm_bindgen(unchecked_param_type = "CheckoutState")] state: JsValue,
) -> Result<JsValue, JsValue> {
    throw((|| {
        let config = CONFIG.read(&config, "config", GuardConfig::from_value)?;
        let state = CheckoutState::from_value(&value(&state, "state")?)?;
        engine::assess(&config, &state, None).map(|v| convert::Out::default().verdict(&v))
    })())
}

/// An optional `options` argument: its `locale` and, where `known` has it, `cashPriceMinor`.
fn options_of(
    options: &Value,
    known: &[&str],
) -> Result<(Option<engine::Locale>, Option<u64>), Error> {
    if *options == Value::Null {
        return Ok((None, None));
    }
    let f = engine::value::Fields::open(options, "options", engine::Code::InvalidConfig, known)?;
    let locale = f
        .string("locale", engine::Code::InvalidConfig)?
        .map(|tag| engine::Locale::parse(tag, "options.locale"))
        .transpose()?;
    Ok((locale, f.amount("cashPriceMinor")?))
}

/// The figures `jurisdiction`'s law expects beside an instalment amount, for an `Estimate` as
/// `estimate()` or `compare()` returned it: each item with its label and text in the locale, the
/// key to show most prominently, the warning to show once, and the whole as one paragraph.
///
/// Declared by hand in `types.rs` (`skip_typescript`): wasm-bindgen writes a parameter typed with
/// `unchecked_param_type` as required, and `options` may be left out.
#[wasm_bindgen(js_name = disclose, skip_typescript)]
pub fn disclose_js(
    estimate: JsValue,
    jurisdiction: JsValue,
    options: JsValue,
) -> Result<JsValue, JsValue> {
    use crate::engine::disclose::{disclose, estimate_from_value, Jurisdiction};
    throw((|| {
        let estimate = estimate_from_value(&value(&estimate, "estimate")?)?;
        let j = match value(&jurisdiction, "jurisdiction")? {
            Value::String(code) => Jurisdiction::parse(&code, "jurisdiction")?,
            other => {
                return Err(Error::new(
                    engine::Code::InvalidConfig,
                    "jurisdiction",
                    &[
                        "must be \"cn\", \"us\", \"eu\" or \"uk\", got ",
                        other.kind(),
                    ],
                ))
            }
        };
        let options = value(&options, "options")?;
        let (locale, cash_price) = options_of(&options, &["locale", "cashPriceMinor"])?;
        let locale = locale.unwrap_or(j.default_locale());
        Ok(convert::disclosure(&disclose(
            &estimate, j, locale, cash_price,
        )))
    })())
}

/// What a shopper who paid a CNY order in full can still do: whether to offer help at all, the
/// plan they missed, and every way back (keep, bill instalment, refund and rebuy, customer
/// service) with whether it is open, what it costs beyond the price and the steps to take.
///
/// Declared by hand in `types.rs`, as `disclose` is.
#[wasm_bindgen(js_name = remedy, skip_typescript)]
pub fn remedy_js(order: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    use crate::engine::remedy::{remedy, PaidOrder};
    throw((|| {
        let order = PaidOrder::from_value(&value(&order, "order")?)?;
        let options = value(&options, "options")?;
        let (locale, _) = options_of(&options, &["locale"])?;
        let locale = locale.unwrap_or(engine::Locale::ZhCn);
        remedy(&order, locale).map(|r| convert::remedy(&r))
    })())
}
