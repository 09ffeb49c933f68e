//! `<instalment-guard>`: the one-line embed. The element class (in `js/dom.js`) reads its
//! attributes into a `GuardConfig` object and attaches a `CheckoutGuard` through the same checks
//! as the JS constructor, for as long as the element is in the page.

use super::guard::CheckoutGuard;
use wasm_bindgen::prelude::*;

/// The element's tag.
pub const TAG: &str = "instalment-guard";

#[wasm_bindgen(module = "/js/dom.js")]
extern "C" {
    #[wasm_bindgen(js_name = defineInstalmentGuard)]
    fn define_instalment_guard(name: &str, attach: &js_sys::Function) -> bool;
}

/// Registers `<instalment-guard>` with the page's custom element registry. Returns false when it
/// was already registered. The `instalment-guard/element` entry point calls this on import.
#[wasm_bindgen(js_name = defineElement)]
pub fn define_element() -> bool {
    let attach =
        Closure::<dyn Fn(JsValue, JsValue) -> Result<JsValue, JsValue>>::new(|form, config| {
            CheckoutGuard::new(form, config).map(JsValue::from)
        });
    let defined = define_instalment_guard(TAG, attach.as_ref().unchecked_ref());
    if defined {
        // A custom element definition lasts as long as the page, and so must its callback.
        attach.forget();
    }
    defined
}
