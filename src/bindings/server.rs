//! The functions a merchant's server calls (Node, bundlers): `verifyChoice` checks the plan a
//! checkout form sent, `paymentParams` writes the payment provider's fields for it. Nothing here
//! is used by a page; a build for a page's element can leave this module out whole.
#![allow(non_snake_case)] // parameter names appear as written in the TypeScript declarations

use super::convert::{self, value};
use super::error::throw;
use crate::engine::payment::{
    payment_params, plan_json, verify_choice, Choice, Provider, VerifiedChoice,
};
use crate::engine::{json, Code, Error, Value};
use wasm_bindgen::prelude::*;

/// On the merchant's server: checks the plan a checkout form sent against the merchant's own offer
/// and order total, as the page decided it (the plan's limits and the shopper's known credit),
/// and returns the plan with its estimate to store with the order. Throws `INVALID_CHOICE` for a
/// plan the page could not have offered (at `planId`) or a total other than the one the page
/// showed (at `amountMinor`).
#[wasm_bindgen(js_name = verifyChoice, unchecked_return_type = "VerifiedChoice")]
pub fn verify_choice_js(
    #[wasm_bindgen(unchecked_param_type = "Choice")] choice: JsValue,
) -> Result<JsValue, JsValue> {
    throw((|| {
        let choice = Choice::from_value(&value(&choice, "choice")?)?;
        verify_choice(&choice).map(|v| verified(&v))
    })())
}

/// On the merchant's server: the request fields a payment provider documents for a verified
/// choice, to merge into the request (`{}` for pay in full). Throws `UNSUPPORTED_BY_PROVIDER` at
/// `planId` for a plan the provider cannot express.
#[wasm_bindgen(js_name = paymentParams, unchecked_return_type = "PaymentParams")]
pub fn payment_params_js(
    #[wasm_bindgen(unchecked_param_type = "VerifiedChoice")] verified: JsValue,
    #[wasm_bindgen(unchecked_param_type = "PaymentProvider")] provider: JsValue,
) -> Result<JsValue, JsValue> {
    throw((|| {
        let verified = VerifiedChoice::from_value(&value(&verified, "verified")?, "verified")?;
        let provider = match value(&provider, "provider")? {
            Value::String(name) => Provider::parse(&name, "provider")?,
            other => {
                return Err(Error::new(
                    Code::InvalidArgument,
                    "provider",
                    &[
                        "must be \"alipay\", \"stripe\" or \"adyen\", got ",
                        other.kind(),
                    ],
                ))
            }
        };
        let params = payment_params(&verified, provider)?;
        Ok(js_sys::JSON::parse(&params.to_json()).unwrap_or(JsValue::NULL))
    })())
}

/// A `VerifiedChoice` object: `planId` and the plan as JSON text, the estimate set in as an
/// `Estimate` object.
fn verified(v: &VerifiedChoice) -> JsValue {
    let mut w = json::Writer::default();
    w.raw("{\"planId\":");
    match &v.plan {
        Some(plan) => {
            w.string(&plan.id);
            w.raw(",\"plan\":");
            w.raw(&plan_json(plan));
        }
        None => w.raw("null,\"plan\":null"),
    }
    w.raw(",\"estimate\":null}");
    let out = js_sys::JSON::parse(&w.finish()).unwrap_or(JsValue::NULL);
    if let Some(e) = &v.estimate {
        let _ = js_sys::Reflect::set(
            &out,
            &"estimate".into(),
            &convert::Out::default().estimate(e),
        );
    }
    out
}
