//! Crossing the boundary: JS arguments into engine values, engine results into plain JS objects.

use alloc::vec::Vec;

use crate::engine::{AnnualRate, Code, Comparison, Error, Estimate, Value, Verdict};
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Reads a JS argument into a loose [`Value`], naming `field` if it cannot be read at all
/// (a function, a symbol, a BigInt, a cyclic object).
pub fn value(js: &JsValue, field: &str) -> Result<Value, Error> {
    read(js, 0).ok_or_else(|| {
        Error::new(
            Code::InvalidArgument,
            field,
            &["could not be read as plain data: functions, symbols, BigInts and cyclic objects are refused"],
        )
    })
}

fn read(js: &JsValue, depth: u32) -> Option<Value> {
    if depth > crate::engine::value::MAX_DEPTH {
        return None;
    }
    if js.is_null() || js.is_undefined() {
        return Some(Value::Null);
    }
    if let Some(b) = js.as_bool() {
        return Some(Value::Bool(b));
    }
    if let Some(n) = js.as_f64() {
        return Some(Value::Number(n));
    }
    if let Some(s) = js.as_string() {
        return Some(Value::String(s));
    }
    if Array::is_array(js) {
        let list: &Array = js.unchecked_ref();
        let mut items = Vec::with_capacity(list.length() as usize);
        for v in list.iter() {
            items.push(read(&v, depth + 1)?);
        }
        return Some(Value::Array(items));
    }
    if js.is_object() {
        let entries = Object::entries(js.unchecked_ref());
        let mut out = Vec::with_capacity(entries.length() as usize);
        for entry in entries.iter() {
            let pair: &Array = entry.unchecked_ref();
            out.push((pair.get(0).as_string()?, read(&pair.get(1), depth + 1)?));
        }
        return Some(Value::Object(out));
    }
    None
}

/// The property names of the output objects, made into JS strings once per call rather than
/// once per property: a comparison of 12 plans sets about a thousand of them.
const NAMES: &[&str] = &[
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
    "period",
    "principalMinor",
    "feeMinor",
    "paymentMinor",
    "estimates",
    "ineligible",
    "recommendedPlanId",
    "reason",
    "remind",
    "reasons",
];

#[derive(Clone, Copy)]
enum K {
    PlanId,
    Currency,
    AmountMinor,
    Periods,
    Schedule,
    TotalFeeMinor,
    TotalRepaymentMinor,
    MerchantFeeMinor,
    InterestFree,
    MonthlyRate,
    AprNominal,
    AprEffective,
    Period,
    PrincipalMinor,
    FeeMinor,
    PaymentMinor,
    Estimates,
    Ineligible,
    RecommendedPlanId,
    Reason,
    Remind,
    Reasons,
}

/// Builds output objects, holding the property names for one call.
pub struct Out {
    keys: Vec<JsValue>,
}

impl Default for Out {
    fn default() -> Out {
        Out {
            keys: NAMES.iter().map(|n| JsValue::from_str(n)).collect(),
        }
    }
}

/// A plain object being filled in.
struct Obj<'a> {
    object: Object,
    keys: &'a [JsValue],
}

impl Obj<'_> {
    fn set(self, key: K, value: &JsValue) -> Self {
        if let Some(k) = self.keys.get(key as usize) {
            // Defining a property on a fresh plain object cannot fail.
            let _ = Reflect::set(&self.object, k, value);
        }
        self
    }

    fn num(self, key: K, n: f64) -> Self {
        self.set(key, &JsValue::from_f64(n))
    }

    fn rate(self, r: &AnnualRate) -> Self {
        self.num(K::MonthlyRate, r.monthly)
            .num(K::AprNominal, r.nominal)
            .num(K::AprEffective, r.effective)
    }

    fn done(self) -> JsValue {
        self.object.into()
    }
}

impl Out {
    fn obj(&self) -> Obj<'_> {
        Obj {
            object: Object::new(),
            keys: &self.keys,
        }
    }

    /// An `AnnualRate` object.
    pub fn rate(&self, r: &AnnualRate) -> JsValue {
        self.obj().rate(r).done()
    }

    /// An `Estimate` object.
    pub fn estimate(&self, e: &Estimate) -> JsValue {
        let schedule = Array::new_with_length(e.schedule.len() as u32);
        for (i, l) in e.schedule.iter().enumerate() {
            let line = self
                .obj()
                .num(K::Period, l.period as f64)
                .num(K::PrincipalMinor, l.principal as f64)
                .num(K::FeeMinor, l.fee as f64)
                .num(K::PaymentMinor, l.payment as f64)
                .done();
            schedule.set(i as u32, line);
        }
        self.obj()
            .set(K::PlanId, &JsValue::from_str(&e.plan_id))
            .set(K::Currency, &JsValue::from_str(e.currency.code()))
            .num(K::AmountMinor, e.amount as f64)
            .num(K::Periods, e.periods as f64)
            .set(K::Schedule, &schedule)
            .num(K::TotalFeeMinor, e.total_fee as f64)
            .num(K::TotalRepaymentMinor, e.total_repayment as f64)
            .num(K::MerchantFeeMinor, e.merchant_fee as f64)
            .set(K::InterestFree, &JsValue::from_bool(e.interest_free))
            .rate(&e.rate)
            .done()
    }

    fn estimates(&self, list: &[Estimate]) -> Array {
        list.iter().map(|e| self.estimate(e)).collect()
    }

    /// A `Comparison` object.
    pub fn comparison(&self, c: &Comparison) -> JsValue {
        let ineligible: Array = c
            .ineligible
            .iter()
            .map(|(id, why)| {
                self.obj()
                    .set(K::PlanId, &JsValue::from_str(id))
                    .set(K::Reason, &JsValue::from_str(why.as_str()))
                    .done()
            })
            .collect();
        self.obj()
            .set(K::Estimates, &self.estimates(&c.estimates))
            .set(K::Ineligible, &ineligible)
            .set(K::RecommendedPlanId, &recommended(c))
            .done()
    }

    /// A `Verdict` object.
    pub fn verdict(&self, v: &Verdict) -> JsValue {
        let reasons: Array = v
            .reasons
            .iter()
            .map(|r| JsValue::from_str(r.as_str()))
            .collect();
        self.obj()
            .set(K::Remind, &JsValue::from_bool(v.remind))
            .set(K::Reasons, &reasons)
            .set(K::Estimates, &self.estimates(&v.comparison.estimates))
            .set(K::RecommendedPlanId, &recommended(&v.comparison))
            .done()
    }
}

fn recommended(c: &Comparison) -> JsValue {
    c.recommended().map_or(JsValue::NULL, JsValue::from_str)
}
