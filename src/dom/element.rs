//! `<instalment-guard>`: the one-line embed. The element class (in `js/dom.js`) finds the form
//! its `for` attribute names and hands over the text of the attributes listed in
//! [`ATTRIBUTES`]; they are typed and checked here, through the same checks as the JS
//! constructor and `assess()`, and the guard lives as long as the element is in the page.

use super::attrs::json;
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

#[wasm_bindgen(module = "/js/shell.js")]
extern "C" {
    #[wasm_bindgen(js_name = provideGuard)]
    fn provide_guard(attach: &js_sys::Function) -> bool;
}

/// Registers `<instalment-guard>` (its element class is in js/shell.js, which hands over the
/// attributes in [`ATTRIBUTES`]' order) and gives it this code: every such element in the page
/// starts. Returns false when it already had code. The checkout page's entry calls this once its
/// wasm is here; in the full package it registers `<instalment-remedy>` too.
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
    let defined = provide_guard(attach.as_ref().unchecked_ref());
    if defined {
        // A custom element definition lasts as long as the page, and so must its callback.
        attach.forget();
    }
    // The full package's one call registers the order-complete page's element too.
    #[cfg(feature = "order")]
    super::remedy::define_remedy_element();
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
