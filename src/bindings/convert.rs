//! Crossing the boundary: JS arguments into engine values, engine results into plain JS objects.

use alloc::string::String;
use alloc::vec::Vec;

use crate::engine::{json, AnnualRate, Code, Comparison, Error, Estimate, Value, Verdict};
use js_sys::{Array, Object};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(module = "/js/codec.js")]
extern "C" {
    #[wasm_bindgen(js_name = toJson)]
    fn to_json(v: &JsValue) -> Option<String>;
    #[wasm_bindgen(js_name = estimate)]
    fn js_estimate(tape: &[f64], plan_id: &str, currency: &str) -> JsValue;
    #[wasm_bindgen(js_name = comparison)]
    fn js_comparison(tape: &[f64], text: &str) -> JsValue;
    #[wasm_bindgen(js_name = verdict)]
    fn js_verdict(tape: &[f64], text: &str) -> JsValue;
    #[wasm_bindgen(js_name = rate)]
    fn js_rate(monthly: f64, nominal: f64, effective: f64) -> JsValue;
}

/// Reads a JS argument into a loose [`Value`], naming `field` if it cannot be read at all
/// (a function, a symbol, a BigInt, a cyclic object). Objects cross as JSON text when JSON can
/// carry them exactly, which is one call instead of one per value; anything else is read value
/// by value, and gives the same result.
pub fn value(js: &JsValue, field: &str) -> Result<Value, Error> {
    from_text(js, text(js).as_deref(), field)
}

/// An object argument as JSON text, when JSON carries it exactly.
pub fn text(js: &JsValue) -> Option<String> {
    if js.is_object() {
        to_json(js)
    } else {
        None
    }
}

/// [`value`] when the argument's text (from [`text`]) is already at hand.
pub fn from_text(js: &JsValue, text: Option<&str>, field: &str) -> Result<Value, Error> {
    if let Some(v) = text.and_then(json::parse) {
        return Ok(v);
    }
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

/// Builds result objects. Every number of the estimates goes on one tape (a Float64Array on the
/// JS side, so rates cross as exact doubles) and the few strings in a small JSON text; the JS
/// codec turns them into objects. Setting properties one by one would cross the boundary about
/// 1,800 times for a comparison of 12 plans.
#[derive(Default)]
pub struct Out {
    tape: Vec<f64>,
    text: json::Writer,
}

impl Out {
    /// Writes an estimate's numbers in the codec's order (see `estimates` in js/codec.js).
    fn tape(&mut self, e: &Estimate) {
        let t = &mut self.tape;
        t.reserve(e.schedule.len() * 3 + 9);
        t.push(e.amount as f64);
        t.push(e.periods as f64);
        for l in &e.schedule {
            t.push(l.principal as f64);
            t.push(l.fee as f64);
            t.push(l.payment as f64);
        }
        t.push(e.total_fee as f64);
        t.push(e.total_repayment as f64);
        t.push(e.merchant_fee as f64);
        t.push(if e.interest_free { 1.0 } else { 0.0 });
        t.push(e.rate.monthly);
        t.push(e.rate.nominal);
        t.push(e.rate.effective);
    }

    /// The estimates' ids and currency, and the recommendation, as JSON members.
    fn estimates(&mut self, list: &[Estimate], recommended: Option<&str>) {
        let w = &mut self.text;
        w.raw("\"ids\":[");
        for (i, e) in list.iter().enumerate() {
            if i > 0 {
                w.raw(",");
            }
            w.string(&e.plan_id);
        }
        w.raw("],\"currency\":");
        w.string(list.first().map_or("", |e| e.currency.code()));
        w.raw(",\"recommendedPlanId\":");
        match recommended {
            Some(id) => w.string(id),
            None => w.raw("null"),
        }
        for e in list {
            self.tape(e);
        }
    }

    /// An `AnnualRate` object.
    pub fn rate(&self, r: &AnnualRate) -> JsValue {
        js_rate(r.monthly, r.nominal, r.effective)
    }

    /// An `Estimate` object.
    pub fn estimate(mut self, e: &Estimate) -> JsValue {
        self.tape(e);
        js_estimate(&self.tape, &e.plan_id, e.currency.code())
    }

    /// A `Comparison` object.
    pub fn comparison(mut self, c: &Comparison) -> JsValue {
        self.text.raw("{");
        self.estimates(&c.estimates, c.recommended());
        self.text.raw(",\"ineligible\":[");
        for (i, (id, why)) in c.ineligible.iter().enumerate() {
            self.text.raw(if i == 0 {
                "{\"planId\":"
            } else {
                ",{\"planId\":"
            });
            self.text.string(id);
            self.text.raw(",\"reason\":");
            self.text.string(why.as_str());
            self.text.raw("}");
        }
        self.text.raw("]}");
        js_comparison(&self.tape, &self.text.finish())
    }

    /// A `Verdict` object.
    pub fn verdict(mut self, v: &Verdict) -> JsValue {
        self.text.raw(if v.remind {
            "{\"remind\":true,\"reasons\":["
        } else {
            "{\"remind\":false,\"reasons\":["
        });
        for (i, r) in v.reasons.iter().enumerate() {
            if i > 0 {
                self.text.raw(",");
            }
            self.text.string(r.as_str());
        }
        self.text.raw("],");
        self.estimates(&v.comparison.estimates, v.comparison.recommended());
        self.text.raw("}");
        js_verdict(&self.tape, &self.text.finish())
    }
}
