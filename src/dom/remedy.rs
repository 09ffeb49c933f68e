//! `<instalment-remedy>`: the order-complete page's help after paying. The element (in
//! `js/dom.js`) hands over its attributes' text; they are read into a `PaidOrder` here, the
//! remedy is computed, and the element gets back a view model to lay out: nothing when there is
//! nothing to offer, else one neutral collapsed line that opens to the missed plan and the ways
//! back as a small table, keep first.

use super::attrs::json;
use crate::bindings::convert::value;
use crate::bindings::error::to_js;
use crate::engine::error::digits;
use crate::engine::json::Writer;
use crate::engine::messages::keys::remedy_page::*;
use crate::engine::messages::{fill, money, percent, text, Key, Locale};
use crate::engine::presets;
use crate::engine::remedy::{
    remedy, Kind, PaidOrder, Remedy, Way, ELEMENT_ATTRIBUTES as ATTRIBUTES,
};
use crate::engine::remind::{attribute_value, AttrKind};
use crate::engine::{Code, Error, Value};
use alloc::string::String;
use alloc::vec::Vec;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The element's tag.
pub const TAG: &str = "instalment-remedy";

#[wasm_bindgen(module = "/js/remedy.js")]
extern "C" {
    #[wasm_bindgen(js_name = defineInstalmentRemedy)]
    fn define_instalment_remedy(css: &str, render: &js_sys::Function) -> bool;
}

/// Registers `<instalment-remedy>` (its element class is in js/shell.js, which takes the
/// attributes in [`ATTRIBUTES`]' order) and gives it this code; false when it already had code.
/// The order page's entry calls this once its wasm is here; the full package's `defineElement`
/// calls it with `<instalment-guard>`'s.
#[wasm_bindgen(js_name = defineRemedyElement)]
pub fn define_remedy_element() -> bool {
    let render = Closure::<dyn Fn(JsValue, String) -> Result<String, JsValue>>::new(
        |attrs: JsValue, lang: String| {
            let drawn = view(&attrs, &lang).map_err(|e| to_js(&e));
            super::lang::say_missing_texts();
            drawn
        },
    );
    let defined =
        define_instalment_remedy(include_str!("remedy.css"), render.as_ref().unchecked_ref());
    if defined {
        render.forget();
    }
    defined
}

/// The remedy's view model for the element's attributes, or "" when nothing is to be offered.
fn view(attrs: &JsValue, lang: &str) -> Result<String, Error> {
    let Value::Array(texts) = value(attrs, "attributes")? else {
        return Err(Error::new(
            Code::InvalidArgument,
            "attributes",
            &["must be a list"],
        ));
    };
    let text = |name: &str| -> Option<&str> {
        let i = ATTRIBUTES.iter().position(|(a, _, _)| *a == name)?;
        match texts.get(i) {
            Some(Value::String(s)) => Some(s.as_str()),
            _ => None,
        }
    };
    let locale = match text("locale") {
        Some(tag) => Locale::resolve(tag, "locale")?,
        None => super::lang::page_locale(lang),
    };
    super::lang::texts_here(locale)?;
    let mut fields: Vec<(String, Value)> = Vec::new();
    let mut checkout: Vec<(String, Value)> = Vec::new();
    for (attr, key, kind) in ATTRIBUTES {
        let Some(raw) = text(attr) else { continue };
        let v = match (attr, kind) {
            (_, _) if key.is_empty() => continue,
            (_, AttrKind::Json) => json(attr, raw)?,
            ("quiet-reasons", _) => Value::Array(
                raw.split(|c: char| c == ',' || c.is_whitespace())
                    .filter(|s| !s.is_empty())
                    .map(|s| Value::String(String::from(s)))
                    .collect(),
            ),
            _ => {
                attribute_value(kind, attr, raw).unwrap_or_else(|| Value::String(String::from(raw)))
            }
        };
        match key.strip_prefix("checkout.") {
            Some(k) => checkout.push((String::from(k), v)),
            None => fields.push((String::from(key), v)),
        }
    }
    if !checkout.is_empty() {
        if !checkout.iter().any(|(k, _)| k == "reminded") {
            checkout.push((String::from("reminded"), Value::Bool(false)));
        }
        fields.push((String::from("checkout"), Value::Object(checkout)));
    }
    // A preset stands for the plans the checkout offered; it is read as the guard reads it.
    let preset = text("preset");
    if preset.is_some() && text("plans").is_some() {
        return Err(Error::new(
            Code::InvalidConfig,
            "preset",
            &["cannot be given together with plans: choose one"],
        ));
    }
    if preset.is_some() || text("plans").is_none() {
        fields.push((String::from("plans"), Value::Array(Vec::new())));
    }
    let rename = |e: Error| {
        ATTRIBUTES
            .iter()
            .filter(|(_, key, _)| !key.is_empty())
            .fold(e, |e, (attr, key, _)| e.renamed(key, attr))
    };
    let mut order = PaidOrder::from_value(&Value::Object(fields)).map_err(rename)?;
    if text("plans").is_none() {
        order.plans = presets::plans(preset.unwrap_or("huabei"), "CNY", "preset")?;
    }
    let r = remedy(&order, locale)?;
    Ok(if r.offer {
        model(&order, &r, locale)
    } else {
        String::new()
    })
}

const HEADERS: [Key; 5] = [HEADERS_0, HEADERS_1, HEADERS_2, HEADERS_3, HEADERS_4];
const NAMES: [(Kind, Key); 4] = [
    (Kind::Keep, NAMES_Keep),
    (Kind::BillInstalment, NAMES_BillInstalment),
    (Kind::RefundAndRebuy, NAMES_RefundAndRebuy),
    (Kind::CustomerService, NAMES_CustomerService),
];
const TIME: [(Kind, Key); 4] = [
    (Kind::Keep, TIME_Keep),
    (Kind::BillInstalment, TIME_BillInstalment),
    (Kind::RefundAndRebuy, TIME_RefundAndRebuy),
    (Kind::CustomerService, TIME_CustomerService),
];

fn name_of(kind: Kind, locale: Locale) -> &'static str {
    NAMES
        .iter()
        .find(|(k, _)| *k == kind)
        .map_or("", |(_, key)| text(locale, *key))
}

fn model(order: &PaidOrder, r: &Remedy, locale: Locale) -> String {
    let t = |key: Key| text(locale, key);
    let m = |minor: u64| money(locale, order.currency, minor);
    let mut j = Writer::default();
    j.raw("{\"lang\":");
    j.string(locale.tag());
    j.raw(",\"summary\":");
    j.string(t(SUMMARY));
    j.raw(",\"missed\":");
    match &r.missed {
        Some(e) => {
            let name = order
                .plans
                .iter()
                .find(|p| p.id == e.plan_id)
                .map(|p| p.name(locale))
                .unwrap_or_default();
            j.string(&fill(
                t(MISSED),
                &[&name, &m(e.total_fee), &percent(e.rate.nominal, 2)],
            ));
        }
        None => j.raw("null"),
    }
    j.raw(",\"caption\":");
    j.string(t(CAPTION));
    j.raw(",\"headers\":[");
    for (i, h) in HEADERS.iter().enumerate() {
        if i > 0 {
            j.raw(",");
        }
        j.string(t(*h));
    }
    j.raw("],\"rows\":[");
    for (i, way) in r.options.iter().enumerate() {
        if i > 0 {
            j.raw(",");
        }
        row(&mut j, order, r, way, locale);
    }
    j.raw("],\"recommended\":");
    match r.recommended {
        Some(kind) => j.string(&fill(t(IF_STILL), &[name_of(kind, locale)])),
        None => j.raw("null"),
    }
    j.raw(",\"typical\":");
    j.string(t(TYPICAL));
    j.raw("}");
    j.finish()
}

/// `{kind, name, rate, cost, lose, time, available, steps}`: the rate at least as prominent as
/// the fee (the same cell type, the column before).
fn row(j: &mut Writer, order: &PaidOrder, r: &Remedy, way: &Way, locale: Locale) {
    let t = |key: Key| text(locale, key);
    let m = |minor: u64| money(locale, order.currency, minor);
    j.raw("{\"kind\":");
    j.string(way.kind.as_str());
    j.raw(",\"name\":");
    let mut name = String::from(name_of(way.kind, locale));
    if let Some(e) = &way.estimate {
        if way.kind == Kind::BillInstalment {
            name = fill(t(BILL_PERIODS), &[&name, &digits(e.periods as u128)]);
        }
    }
    j.string(&name);
    j.raw(",\"rate\":");
    j.string(&match &way.estimate {
        Some(e) => percent(e.rate.nominal, 2),
        None => String::from("—"),
    });
    j.raw(",\"cost\":");
    j.string(&match (way.available, way.cost) {
        (false, _) => String::from(t(CLOSED)),
        (true, Some(c)) if way.kind == Kind::RefundAndRebuy && order.lost_on_rebuy > 0 => {
            fill(t(COST_WITH_LOSS), &[&m(c), &m(order.lost_on_rebuy)])
        }
        (true, Some(c)) => m(c),
        (true, None) => String::from(t(UNKNOWN)),
    });
    j.raw(",\"lose\":");
    let missed_free = r.missed.as_ref().is_some_and(|e| e.interest_free);
    j.string(&match way.kind {
        Kind::BillInstalment if missed_free => String::from(t(INTEREST_FREE_DEAL)),
        Kind::RefundAndRebuy if order.lost_on_rebuy > 0 => {
            fill(t(DISCOUNTS), &[&m(order.lost_on_rebuy)])
        }
        _ => String::from(t(NOTHING)),
    });
    j.raw(",\"time\":");
    j.string(
        TIME.iter()
            .find(|(k, _)| *k == way.kind)
            .map_or("", |(_, key)| text(locale, *key)),
    );
    j.raw(if way.available {
        ",\"available\":true,\"how\":"
    } else {
        ",\"available\":false,\"how\":"
    });
    j.string(&fill(t(HOW), &[name_of(way.kind, locale)]));
    j.raw(",\"steps\":[");
    for (i, step) in way.steps.iter().enumerate() {
        if i > 0 {
            j.raw(",");
        }
        j.string(step);
    }
    j.raw("]}");
}
