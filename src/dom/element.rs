//! `<instalment-guard>`: the one-line embed. Its attributes are read into a `GuardConfig`, and a
//! `CheckoutGuard` lives for as long as the element is in the page.

use super::guard::CheckoutGuard;
use super::single::Single;
use crate::bindings::convert::value;
use crate::bindings::error::to_js;
use crate::engine::plan::plans_from_value;
use crate::engine::{presets, Code, Error, GuardConfig, Value};
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::cell::Cell;
use js_sys::{Array, Function};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, DocumentFragment, Element, HtmlFormElement};

/// The element's tag.
pub const TAG: &str = "instalment-guard";

#[wasm_bindgen(module = "/js/dom.js")]
extern "C" {
    #[wasm_bindgen(js_name = defineInstalmentGuard)]
    fn define_instalment_guard(name: &str, observed: &Array, connect: &Function) -> bool;
}

/// Attributes and the `GuardConfig` fields they fill. Errors name the attribute.
const ATTRIBUTES: &[(&str, &str)] = &[
    ("currency", "currency"),
    ("locale", "locale"),
    ("preset", "preset"),
    ("plans", "plans"),
    ("plan-field", "planField"),
    ("shop-id", "shopId"),
    ("remind-min-amount-minor", "remind.minAmountMinor"),
    ("remind-interest-free-only", "remind.interestFreeOnly"),
    ("remind-max-per-checkout", "remind.maxPerCheckout"),
    ("allow-dont-remind", "remind.allowDontRemind"),
];

static DEFINED: Single<Cell<bool>> = Single(Cell::new(false));

/// Registers `<instalment-guard>` with the page's custom element registry. Returns false when it
/// was already registered. The `instalment-guard/element` entry point calls this on import.
#[wasm_bindgen(js_name = defineElement)]
pub fn define_element() -> bool {
    if DEFINED.0.get() {
        return false;
    }
    let observed: Array = core::iter::once("for")
        .chain(ATTRIBUTES.iter().map(|(a, _)| *a))
        .map(JsValue::from_str)
        .collect();
    let connect = Closure::<dyn Fn(Element) -> Result<JsValue, JsValue>>::new(|el: Element| {
        connect(&el).map(JsValue::from).map_err(|e| to_js(&e))
    });
    let defined = define_instalment_guard(TAG, &observed, connect.as_ref().unchecked_ref());
    if defined {
        DEFINED.0.set(true);
        // A custom element definition lasts as long as the page, and so must its callback.
        connect.forget();
    }
    defined
}

fn connect(el: &Element) -> Result<CheckoutGuard, Error> {
    let config = GuardConfig::from_value(&config_value(el)?).map_err(attribute_error)?;
    let form = find_form(el)?;
    CheckoutGuard::attach(form, config).map_err(|e| {
        // attach() fails only when the form is already guarded.
        let message = js_sys::Error::from(e).message();
        Error::new(
            Code::InvalidState,
            "for",
            &["names a form that ", &String::from(message)],
        )
    })
}

/// The attributes as a `GuardConfig`-shaped value.
fn config_value(el: &Element) -> Result<Value, Error> {
    let mut entries: Vec<(String, Value)> = Vec::new();
    let mut remind: Vec<(String, Value)> = Vec::new();
    for (attr, field) in ATTRIBUTES {
        let Some(raw) = el.get_attribute(attr) else {
            continue;
        };
        let v = match *attr {
            "plans" => {
                let parsed = js_sys::JSON::parse(&raw).map_err(|e| {
                    let why: String = js_sys::Error::from(e).message().into();
                    Error::new(Code::InvalidConfig, "plans", &["is not valid JSON: ", &why])
                })?;
                let v = value(&parsed, "plans")?;
                // Checked here so that errors name the attribute's own paths, plans[1].fee.rate.
                plans_from_value(&v, "plans")?;
                v
            }
            "remind-min-amount-minor" | "remind-max-per-checkout" => number(&raw),
            "remind-interest-free-only" | "allow-dont-remind" => Value::Bool(raw != "false"),
            _ => Value::String(raw),
        };
        match field.strip_prefix("remind.") {
            Some(key) => remind.push((key.to_string(), v)),
            None => entries.push((field.to_string(), v)),
        }
    }
    if !remind.is_empty() {
        entries.push(("remind".to_string(), Value::Object(remind)));
    }
    let has = |k: &str| entries.iter().any(|(key, _)| key == k);
    if !has("plans") && !has("preset") {
        // The built-in Huabei plans, where they apply: the one-line embed needs nothing else.
        let cny = entries
            .iter()
            .any(|(k, v)| k == "currency" && *v == Value::str("CNY"));
        if !cny {
            return Err(Error::new(
                Code::InvalidConfig,
                "plans",
                &[
                    "are needed: set preset=\"",
                    presets::NAMES[0],
                    "\" (for CNY) or plans='[…]' as JSON",
                ],
            ));
        }
        entries.push(("preset".to_string(), Value::str("huabei")));
    }
    Ok(Value::Object(entries))
}

/// A whole number written in an attribute; anything else stays a string for the checks to refuse.
fn number(raw: &str) -> Value {
    let t = raw.trim();
    if !t.is_empty() && t.len() <= 16 && t.bytes().all(|b| b.is_ascii_digit()) {
        Value::Number(t.bytes().fold(0u64, |acc, b| acc * 10 + (b - b'0') as u64) as f64)
    } else {
        Value::String(raw.to_string())
    }
}

/// Renames a config field in an error to the attribute that set it.
fn attribute_error(mut e: Error) -> Error {
    if let Some((attr, field)) = ATTRIBUTES.iter().find(|(a, f)| e.field == *f && a != f) {
        // Every message starts with its field's name: put the attribute's in its place.
        e.message = attr.to_string() + e.message.strip_prefix(field).unwrap_or("");
        e.field = attr.to_string();
    }
    e
}

fn find_form(el: &Element) -> Result<HtmlFormElement, Error> {
    let id = match el.get_attribute("for") {
        Some(id) if !id.trim().is_empty() => id,
        _ => {
            return Err(Error::new(
                Code::InvalidConfig,
                "for",
                &["is required: the id of the checkout <form>"],
            ))
        }
    };
    // The form is looked up in the element's own tree, which may be a shadow root.
    let root = el.get_root_node();
    let found = match root.dyn_ref::<Document>() {
        Some(doc) => doc.get_element_by_id(&id),
        None => root
            .dyn_ref::<DocumentFragment>()
            .and_then(|f| f.get_element_by_id(&id)),
    };
    match found {
        None => Err(Error::new(
            Code::InvalidConfig,
            "for",
            &["names no element: nothing has id=\"", &id, "\""],
        )),
        Some(found) => found.dyn_into::<HtmlFormElement>().map_err(|other| {
            let tag = other.tag_name().to_ascii_lowercase();
            Error::new(
                Code::InvalidConfig,
                "for",
                &["must name a <form>, but id=\"", &id, "\" is a <", &tag, ">"],
            )
        }),
    }
}
