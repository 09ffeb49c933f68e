//! `<instalment-guard>`: the one-line embed. The element class (in `js/dom.js`) finds the form
//! its `for` attribute names and hands over the text of the attributes listed in
//! [`ATTRIBUTES`]; they are typed and checked here, through the same checks as the JS
//! constructor and `assess()`, and the guard lives as long as the element is in the page.

use super::guard::CheckoutGuard;
use crate::bindings::convert::value;
use crate::bindings::error::to_js;
use crate::engine::remind::{AttrKind, ATTRIBUTES};
use crate::engine::{Code, Error, GuardConfig, Value};
use alloc::string::String;
use alloc::vec::Vec;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlFormElement;

/// The element's tag.
pub const TAG: &str = "instalment-guard";

#[wasm_bindgen(module = "/js/dom.js")]
extern "C" {
    #[wasm_bindgen(js_name = defineInstalmentGuard)]
    fn define_instalment_guard(name: &str, attributes: &str, attach: &js_sys::Function) -> bool;
}

/// Registers `<instalment-guard>` with the page's custom element registry. Returns false when it
/// was already registered. The `instalment-guard/element` entry point calls this on import.
#[wasm_bindgen(js_name = defineElement)]
pub fn define_element() -> bool {
    let attach = Closure::<dyn Fn(JsValue, JsValue) -> Result<JsValue, JsValue>>::new(
        |form: JsValue, attrs: JsValue| {
            // The element found the form by id; only a real <form> reaches here.
            let form: HtmlFormElement = form.unchecked_into();
            let config = config(&attrs).map_err(|e| to_js(&e))?;
            CheckoutGuard::attach(form, config)
                .map(JsValue::from)
                .map_err(|mut e| {
                    // The form is the `for` attribute's: "for names a form that already has…".
                    if e.field == "form" {
                        e.field = String::from("for");
                        e.message = String::from("for names a form that")
                            + e.message.get(4..).unwrap_or_default();
                    }
                    to_js(&e)
                })
        },
    );
    let names = names(ATTRIBUTES.iter().map(|(a, _, _)| *a));
    let defined = define_instalment_guard(TAG, &names, attach.as_ref().unchecked_ref());
    if defined {
        // A custom element definition lasts as long as the page, and so must its callback.
        attach.forget();
    }
    // The order-complete page's element comes with it: the entry point registers both.
    super::remedy::define();
    defined
}

/// The config from the attributes' text, one entry per [`ATTRIBUTES`] (null when absent).
fn config(attrs: &JsValue) -> Result<GuardConfig, Error> {
    let Value::Array(texts) = value(attrs, "attributes")? else {
        return Err(Error::new(
            Code::InvalidArgument,
            "attributes",
            &["must be a list"],
        ));
    };
    let mut values = Vec::with_capacity(texts.len());
    for ((attr, _, kind), v) in ATTRIBUTES.iter().zip(texts) {
        values.push(match (kind, v) {
            (_, Value::Null) => None,
            (AttrKind::Json, Value::String(text)) => Some(json(attr, &text)?),
            (_, v) => Some(v),
        });
    }
    GuardConfig::from_attributes(values)
}

/// Attribute names as the JS element class takes them: one space-separated string, since a
/// list of strings would cost its own glue.
pub(super) fn names<'a>(list: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for name in list {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(name);
    }
    out
}

/// An attribute holding JSON, parsed by the browser's own parser.
pub(super) fn json(attr: &str, text: &str) -> Result<Value, Error> {
    match js_sys::JSON::parse(text) {
        Ok(parsed) => value(&parsed, attr),
        Err(e) => {
            let why = e
                .dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .unwrap_or_default();
            Err(Error::new(
                Code::InvalidConfig,
                attr,
                &["is not valid JSON: ", &why],
            ))
        }
    }
}
