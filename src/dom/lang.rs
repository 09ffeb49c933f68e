//! The shopper's language when the merchant named none: the page's `lang`, shared by both
//! elements and the `CheckoutGuard` constructor.

use crate::engine::Locale;
use alloc::string::String;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/shell.js")]
extern "C" {
    /// Says `e` on the console once per page for `key`, whichever element's build asks.
    #[wasm_bindgen(js_name = warnOnce)]
    fn warn_once(key: &str, e: &JsValue);
}

/// The locale for an element or guard given none, from the page's `lang` (see
/// [`Locale::from_lang`]): English for a language the widget does not speak, which the console
/// hears once per page (the checkout's and the order page's builds share the one warning).
pub(super) fn page_locale(lang: &str) -> Locale {
    Locale::from_lang(lang).unwrap_or_else(|| {
        warn_once(
            "lang",
            &JsValue::from_str(
                &(String::from("<html lang=\"")
                    + lang
                    + "\"> is neither Chinese nor English, so the reminder shows English; set \
                       locale=\"zh-CN\", \"zh-TW\" or \"en\" to choose"),
            ),
        );
        Locale::En
    })
}
