//! Crossing the boundary: JS arguments into engine values, engine results into plain JS objects.

use alloc::string::String;
use alloc::vec::Vec;

use crate::engine::error::{index, join};
use crate::engine::value::MAX_DEPTH;
use crate::engine::{
    json, AnnualRate, Code, Comparison, Error, Estimate, Ineligible, Value, Verdict,
};
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

/// Reads a JS argument into a loose [`Value`]. The argument crosses as one tape of numbers (see
/// `encode` in js/codec.js), which is one call instead of one per value. A function, a symbol, a
/// BigInt or a property that throws when read is refused as `INVALID_ARGUMENT` at its own path
/// (`plans[2].id`), with `field` naming the argument itself.
pub fn value(js: &JsValue, field: &str) -> Result<Value, Error> {
    read(tape(js).as_deref(), field)
}

/// The arguments whose fields are named from their own top (`currency`, not `config.currency`),
/// as `Fields::open_root` names them.
const BARE_ROOTS: &[&str] = &["config", "state", "choice"];

/// The [`Value`] on a tape from [`tape`], the argument being called `field`.
pub fn read(tape: Option<&[f64]>, field: &str) -> Result<Value, Error> {
    let (value, unreadable) = tape
        .and_then(|tape| {
            let mut r = Reader {
                tape,
                i: 0,
                unreadable: false,
            };
            let v = r.value(0)?;
            (r.i == tape.len()).then_some((v, r.unreadable))
        })
        .ok_or_else(|| {
            Error::new(
                Code::InvalidArgument,
                field,
                &["could not be read as plain data"],
            )
        })?;
    if unreadable {
        let bare = BARE_ROOTS.contains(&field) && matches!(value, Value::Object(_));
        if let Some(e) = refusal(&value, if bare { "" } else { field }) {
            return Err(e);
        }
    }
    Ok(value)
}

/// The first value no JSON holds inside `v` (depth first, in the caller's order), refused at its
/// path below `path`.
fn refusal(v: &Value, path: &str) -> Option<Error> {
    match v {
        Value::Unreadable(kind) => Some(Error::new(
            Code::InvalidArgument,
            path,
            &["could not be read as plain data: got ", kind],
        )),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, v)| refusal(v, &index(path, i))),
        Value::Object(entries) => entries.iter().find_map(|(k, v)| refusal(v, &join(path, k))),
        _ => None,
    }
}

/// Reads the tags and numbers `encode` in js/codec.js writes.
struct Reader<'a> {
    tape: &'a [f64],
    i: usize,
    /// Whether a [`Value::Unreadable`] was read, so that only then is the value searched for it.
    unreadable: bool,
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
        let tag = self.next()? as u8;
        // encode() writes containers at most MAX_DEPTH deep, and tag 8 below that.
        if matches!(tag, 5 | 6) && depth > MAX_DEPTH {
            return None;
        }
        Some(match tag {
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
            7 => {
                self.unreadable = true;
                Value::Unreadable(match self.next()? as u8 {
                    0 => "a function",
                    1 => "a symbol",
                    2 => "a BigInt",
                    3 => "a getter or proxy trap that threw",
                    _ => return None,
                })
            }
            8 => Value::TooDeep,
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
        t.extend_from_slice(&[e.amount as f64, e.periods as f64]);
        for l in &e.schedule {
            t.extend_from_slice(&[l.principal as f64, l.fee as f64, l.payment as f64]);
        }
        t.extend_from_slice(&[
            e.total_fee as f64,
            e.total_repayment as f64,
            e.merchant_fee as f64,
            if e.interest_free { 1.0 } else { 0.0 },
            e.rate.monthly,
            e.rate.nominal,
            e.rate.effective,
        ]);
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
        self.text.raw(",");
        self.ineligible(&c.ineligible);
        self.text.raw("}");
        js_comparison(&self.tape, &self.text.finish())
    }

    /// A `Verdict` object. Its numbers beyond the estimates (the likelihood's, then the
    /// affordability's) go first on the tape, and `n` says how many there are: see `verdict` in
    /// js/codec.js.
    pub fn verdict(mut self, v: &Verdict) -> JsValue {
        let t = &mut self.tape;
        let w = &mut self.text;
        w.raw(if v.remind {
            "{\"remind\":true,\"reasons\":["
        } else {
            "{\"remind\":false,\"reasons\":["
        });
        for (i, r) in v.reasons.iter().enumerate() {
            if i > 0 {
                w.raw(",");
            }
            w.string(r.as_str());
        }
        w.raw("],\"likelihood\":");
        match &v.likelihood {
            Some(l) => {
                t.extend([l.score, l.logit, l.threshold]);
                w.raw("[");
                for (i, (feature, value, weight)) in l.contributions.iter().enumerate() {
                    if i > 0 {
                        w.raw(",");
                    }
                    w.string(feature);
                    t.extend([*value, *weight]);
                }
                w.raw("]");
            }
            None => w.raw("null"),
        }
        w.raw(",\"affordability\":");
        match &v.affordability {
            Some(a) => {
                t.extend([
                    a.before as f64,
                    a.after as f64,
                    a.plans_after as f64,
                    a.share.unwrap_or(f64::NAN),
                ]);
                w.string(a.level.as_str());
            }
            None => w.raw("null"),
        }
        w.raw(",\"recommendation\":");
        match &v.recommendation {
            Some(r) => {
                w.raw("{\"planId\":");
                w.string(&r.plan_id);
                w.raw(",\"reason\":");
                w.string(r.reason.as_str());
                w.raw(match r.within_budget {
                    Some(true) => ",\"withinBudget\":true}",
                    Some(false) => ",\"withinBudget\":false}",
                    None => ",\"withinBudget\":null}",
                });
            }
            None => w.raw("null"),
        }
        w.raw(",\"n\":");
        w.raw(&crate::engine::error::digits(t.len() as u128));
        w.raw(",");
        self.ineligible(&v.ineligible);
        self.text.raw(",");
        let recommended = v.recommendation.as_ref().map(|r| r.plan_id.as_str());
        self.estimates(&v.comparison.estimates, recommended);
        self.text.raw("}");
        js_verdict(&self.tape, &self.text.finish())
    }

    /// `"ineligible":[{planId, reason}…]`.
    fn ineligible(&mut self, list: &[(String, Ineligible)]) {
        self.text.raw("\"ineligible\":[");
        for (i, (id, why)) in list.iter().enumerate() {
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
        self.text.raw("]");
    }
}

/// A `Disclosure` object: JSON text (amounts as whole numbers, rates as the exact decimal they
/// were rounded to) parsed by the browser.
pub fn disclosure(d: &crate::engine::disclose::Disclosure) -> JsValue {
    let mut w = json::Writer::default();
    w.raw("{\"jurisdiction\":");
    w.string(d.jurisdiction.as_str());
    w.raw(",\"locale\":");
    w.string(d.locale.tag());
    w.raw(",\"items\":[");
    for (i, item) in d.items.iter().enumerate() {
        w.raw(if i == 0 { "{\"key\":" } else { ",{\"key\":" });
        w.string(item.key);
        w.raw(",\"label\":");
        w.string(item.label);
        w.raw(",\"text\":");
        w.string(&item.text);
        if let Some(minor) = item.minor {
            w.raw(",\"minor\":");
            w.raw(&crate::engine::error::digits(minor as u128));
        }
        if let Some(rate) = &item.rate {
            w.raw(",\"rate\":");
            w.raw(rate);
        }
        if let Some(count) = item.count {
            w.raw(",\"count\":");
            w.raw(&crate::engine::error::digits(count as u128));
        }
        w.raw("}");
    }
    w.raw("],\"prominent\":");
    w.string(d.prominent);
    w.raw(",\"warning\":");
    match d.warning {
        Some(text) => w.string(text),
        None => w.raw("null"),
    }
    w.raw(",\"summary\":");
    w.string(&d.summary);
    w.raw("}");
    js_sys::JSON::parse(&w.finish()).unwrap_or(JsValue::NULL)
}

/// A `Remedy` object: its structure as JSON text, its estimates as `Estimate` objects set in.
pub fn remedy(r: &crate::engine::remedy::Remedy) -> JsValue {
    let mut w = json::Writer::default();
    w.raw(if r.offer {
        "{\"offer\":true,\"missed\":null,\"options\":["
    } else {
        "{\"offer\":false,\"missed\":null,\"options\":["
    });
    let number = |w: &mut json::Writer, n: Option<i64>| match n {
        Some(n) => {
            if n < 0 {
                w.raw("-");
            }
            w.raw(&crate::engine::error::digits(n.unsigned_abs() as u128));
        }
        None => w.raw("null"),
    };
    for (i, way) in r.options.iter().enumerate() {
        w.raw(if i == 0 { "{\"kind\":" } else { ",{\"kind\":" });
        w.string(way.kind.as_str());
        w.raw(if way.available {
            ",\"available\":true,\"reason\":"
        } else {
            ",\"available\":false,\"reason\":"
        });
        match way.reason {
            Some(reason) => w.string(reason),
            None => w.raw("null"),
        }
        w.raw(",\"estimate\":null,\"costMinor\":");
        number(&mut w, way.cost.map(|c| c as i64));
        w.raw(",\"extraCostMinor\":");
        number(&mut w, way.extra_cost);
        w.raw(",\"steps\":[");
        for (k, step) in way.steps.iter().enumerate() {
            if k > 0 {
                w.raw(",");
            }
            w.string(step);
        }
        w.raw("]}");
    }
    w.raw("],\"recommended\":");
    match r.recommended {
        Some(kind) => w.string(kind.as_str()),
        None => w.raw("null"),
    }
    w.raw("}");
    let out = js_sys::JSON::parse(&w.finish()).unwrap_or(JsValue::NULL);
    let set = |target: &JsValue, key: &str, e: &Estimate| {
        let _ = js_sys::Reflect::set(target, &key.into(), &Out::default().estimate(e));
    };
    if let Some(e) = &r.missed {
        set(&out, "missed", e);
    }
    if let Ok(options) = js_sys::Reflect::get(&out, &"options".into()) {
        for (i, way) in r.options.iter().enumerate() {
            if let Some(e) = &way.estimate {
                set(
                    &js_sys::Reflect::get_u32(&options, i as u32).unwrap_or(JsValue::NULL),
                    "estimate",
                    e,
                );
            }
        }
    }
    out
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    // Tapes as encode() in js/codec.js writes them.
    fn key(k: &str, tape: &mut Vec<f64>) {
        tape.push(k.len() as f64);
        tape.extend(k.bytes().map(f64::from));
    }

    /// { id: <v>, periods: 3 } with `v` written by `value`.
    fn plan_with_id(value: &[f64]) -> Vec<f64> {
        let mut t = vec![6.0, 2.0];
        key("id", &mut t);
        t.extend_from_slice(value);
        key("periods", &mut t);
        t.extend_from_slice(&[3.0, 3.0]);
        t
    }

    fn refused(tape: &[f64], field: &str) -> (Code, String, String) {
        let e = read(Some(tape), field).expect_err("refused");
        (e.code, e.field.clone(), e.message.clone())
    }

    #[test]
    fn what_no_json_holds_is_refused_at_its_own_path() {
        for (kind, what) in [
            (0.0, "a function"),
            (1.0, "a symbol"),
            (2.0, "a BigInt"),
            (3.0, "a getter or proxy trap that threw"),
        ] {
            let (code, field, message) = refused(&plan_with_id(&[7.0, kind]), "plan");
            assert_eq!((code, field.as_str()), (Code::InvalidArgument, "plan.id"));
            assert!(message.ends_with(what), "{message}");
            // The whole argument, when it is the value.
            assert_eq!(refused(&[7.0, kind], "amountMinor").1, "amountMinor");
            // In a list.
            assert_eq!(refused(&[5.0, 2.0, 0.0, 7.0, kind], "flows").1, "flows[1]");
        }
    }

    #[test]
    fn config_and_state_fields_are_named_from_their_top() {
        let tape = plan_with_id(&[7.0, 2.0]);
        assert_eq!(refused(&tape, "config").1, "id");
        assert_eq!(refused(&tape, "state").1, "id");
        assert_eq!(refused(&[7.0, 1.0], "state").1, "state");
        assert_eq!(refused(&[5.0, 1.0, 7.0, 1.0], "state").1, "state[0]");
    }

    #[test]
    fn nesting_cut_off_is_left_to_the_checks() {
        // [[<too deep>]]: read, for the plan checks to refuse as an array where a plan belongs.
        let v = read(Some(&[5.0, 1.0, 5.0, 1.0, 8.0]), "plans").expect("readable");
        assert_eq!(v, Value::Array(vec![Value::Array(vec![Value::TooDeep])]));
        // A container deeper than encode() ever writes one makes the tape unreadable.
        let mut deep = Vec::new();
        for _ in 0..=MAX_DEPTH + 1 {
            deep.extend_from_slice(&[5.0, 1.0]);
        }
        deep.push(0.0);
        assert_eq!(refused(&deep, "plans").0, Code::InvalidArgument);
    }

    #[test]
    fn malformed_tapes_are_refused_whole() {
        for tape in [
            &[][..],
            &[9.0],
            &[7.0, 4.0],
            &[7.0],
            &[5.0, 3.0, 0.0],
            &[0.0, 0.0],
        ] {
            let (code, field, _) = refused(tape, "plan");
            assert_eq!((code, field.as_str()), (Code::InvalidArgument, "plan"));
        }
        assert!(read(None, "plan").is_err());
    }
}
