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
use crate::engine::messages::{fill, money, percent, Locale, Text3};
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
        |attrs: JsValue, lang: String| view(&attrs, &lang).map_err(|e| to_js(&e)),
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

const SUMMARY: Text3 = [
    "想用分期付款？查看办法",
    "想用分期付款？查看辦法",
    "Meant to pay in instalments? See your options",
];
const MISSED: Text3 = [
    "这笔订单本可以选：{}，手续费 {}，年化利率 {}。",
    "這筆訂單本可以選：{}，手續費 {}，年化利率 {}。",
    "This order could have used: {}, fee {}, annualised rate {}.",
];
const CAPTION: Text3 = [
    "付款后还能怎么做",
    "付款後還能怎麼做",
    "What you can still do",
];
const HEADERS: [Text3; 5] = [
    ["办法", "辦法", "Way"],
    ["年化利率", "年化利率", "Annualised rate"],
    ["多花的钱", "多花的錢", "Costs you"],
    ["会失去", "會失去", "You lose"],
    ["时间", "時間", "Time"],
];
const NAMES: [(Kind, Text3); 4] = [
    (Kind::Keep, ["保持原样", "保持原樣", "Keep it as it is"]),
    (
        Kind::BillInstalment,
        ["账单分期", "帳單分期", "Bill instalment"],
    ),
    (
        Kind::RefundAndRebuy,
        ["退款后重新下单", "退款後重新下單", "Refund and order again"],
    ),
    (
        Kind::CustomerService,
        ["找客服", "找客服", "Ask customer service"],
    ),
];
const TIME: [(Kind, Text3); 4] = [
    (Kind::Keep, ["无需操作", "無需操作", "None"]),
    (
        Kind::BillInstalment,
        ["等下一期账单", "等下一期帳單", "Until the next bill"],
    ),
    (
        Kind::RefundAndRebuy,
        [
            "退款约 1–7 天",
            "退款約 1–7 天",
            "About 1–7 days for the refund",
        ],
    ),
    (
        Kind::CustomerService,
        [
            "数天，结果不确定",
            "數天，結果不確定",
            "Days; the outcome is uncertain",
        ],
    ),
];
const NOTHING: Text3 = ["无", "無", "Nothing"];
const UNKNOWN: Text3 = ["不确定", "不確定", "Unknown"];
const INTEREST_FREE_DEAL: Text3 = [
    "商家承担的免息优惠",
    "商家承擔的免息優惠",
    "The shop's interest-free deal",
];
const DISCOUNTS: Text3 = ["{} 的优惠", "{} 的優惠", "{} of discounts"];
// The discounts lost are part of what refunding and ordering again costs, not on top of it.
const COST_WITH_LOSS: Text3 = [
    "{}（含失去的 {} 优惠）",
    "{}（含失去的 {} 優惠）",
    "{}, including the {} of discounts you lose",
];
const CLOSED: Text3 = ["现在不可用", "現在不可用", "Not open now"];
const IF_STILL: Text3 = [
    "如果仍想分期：{}花费更少。",
    "如果仍想分期：{}花費更少。",
    "If you still want instalments: {} costs less.",
];
const TYPICAL: Text3 = [
    "账单分期的费率是典型值，以你的 App 显示为准。",
    "帳單分期的費率是典型值，以你的 App 顯示為準。",
    "Bill instalment rates are typical; check your app.",
];
const HOW: Text3 = ["怎么做：{}", "怎麼做：{}", "How: {}"];

fn name_of(kind: Kind, locale: Locale) -> &'static str {
    NAMES
        .iter()
        .find(|(k, _)| *k == kind)
        .map_or("", |(_, t)| t[locale as usize])
}

fn model(order: &PaidOrder, r: &Remedy, locale: Locale) -> String {
    let t = |text: Text3| text[locale as usize];
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
    let t = |text: Text3| text[locale as usize];
    let m = |minor: u64| money(locale, order.currency, minor);
    j.raw("{\"kind\":");
    j.string(way.kind.as_str());
    j.raw(",\"name\":");
    let mut name = String::from(name_of(way.kind, locale));
    if let Some(e) = &way.estimate {
        if way.kind == Kind::BillInstalment {
            name.push_str(if locale == Locale::En { " (" } else { "（" });
            name.push_str(&digits(e.periods as u128));
            name.push_str(if locale == Locale::En {
                " payments)"
            } else {
                " 期）"
            });
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
            .map_or("", |(_, tx)| tx[locale as usize]),
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
