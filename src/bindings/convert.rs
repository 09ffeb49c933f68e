//! Crossing the boundary: JS arguments into engine values, engine results into plain JS objects.

use alloc::string::String;
use alloc::vec::Vec;

use crate::engine::{json, AnnualRate, Code, Comparison, Error, Estimate, Value, Verdict};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/codec.js")]
extern "C" {
    /// An argument on the tape (see `encode` in js/codec.js), or `None` when it cannot be read
    /// as plain data.
    #[wasm_bindgen(js_name = encode)]
    pub fn tape(v: &JsValue) -> Option<Vec<f64>>;
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
/// (a function, a symbol, a BigInt, a cyclic object). The argument crosses as one tape of
/// numbers (see `encode` in js/codec.js), which is one call instead of one per value.
pub fn value(js: &JsValue, field: &str) -> Result<Value, Error> {
    read(tape(js).as_deref(), field)
}

/// The [`Value`] on a tape from [`tape`].
pub fn read(tape: Option<&[f64]>, field: &str) -> Result<Value, Error> {
    tape.and_then(|tape| {
        let mut r = Reader { tape, i: 0 };
        let v = r.value(0)?;
        (r.i == tape.len()).then_some(v)
    })
    .ok_or_else(|| {
        Error::new(
            Code::InvalidArgument,
            field,
            &["could not be read as plain data: functions, symbols, BigInts and cyclic objects are refused"],
        )
    })
}

/// Reads the tags and numbers `encode` in js/codec.js writes.
struct Reader<'a> {
    tape: &'a [f64],
    i: usize,
}

impl Reader<'_> {
    fn next(&mut self) -> Option<f64> {
        let v = *self.tape.get(self.i)?;
        self.i += 1;
        Some(v)
    }

    /// A count of what follows; each thing counted takes at least one place on the tape.
    fn count(&mut self) -> Option<usize> {
        let n = self.next()?;
        (n >= 0.0 && n <= (self.tape.len() - self.i) as f64).then_some(n as usize)
    }

    fn string(&mut self) -> Option<String> {
        let n = self.count()?;
        let units = self.tape.get(self.i..self.i + n)?;
        self.i += n;
        // A lone surrogate cannot be in a Rust string; it reads as U+FFFD, as TextEncoder
        // would write it.
        Some(
            char::decode_utf16(units.iter().map(|&u| u as u16))
                .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
                .collect(),
        )
    }

    fn value(&mut self, depth: u32) -> Option<Value> {
        if depth > crate::engine::value::MAX_DEPTH {
            return None;
        }
        Some(match self.next()? as u8 {
            0 => Value::Null,
            1 => Value::Bool(false),
            2 => Value::Bool(true),
            3 => Value::Number(self.next()?),
            4 => Value::String(self.string()?),
            5 => {
                let n = self.count()?;
                let mut items = Vec::with_capacity(n);
                for _ in 0..n {
                    items.push(self.value(depth + 1)?);
                }
                Value::Array(items)
            }
            6 => {
                let n = self.count()?;
                let mut entries = Vec::with_capacity(n);
                for _ in 0..n {
                    entries.push((self.string()?, self.value(depth + 1)?));
                }
                Value::Object(entries)
            }
            _ => return None,
        })
    }
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
