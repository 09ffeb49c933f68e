//! The shopper's language when the merchant named none: the page's `lang`, shared by both
//! elements and the `CheckoutGuard` constructor.

use crate::engine::Locale;
use alloc::string::String;
use core::sync::atomic::{AtomicBool, Ordering};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/shell.js")]
extern "C" {
    fn warn(e: &JsValue);
}

/// The page's `lang` has been found to name a language the widget does not speak (said once).
static FOREIGN_LANG_SAID: AtomicBool = AtomicBool::new(false);

/// The locale for an element or guard given none, from the page's `lang` (see
/// [`Locale::from_lang`]): English for a language the widget does not speak, which the console
/// hears once per page.
pub(super) fn page_locale(lang: &str) -> Locale {
    Locale::from_lang(lang).unwrap_or_else(|| {
        if !FOREIGN_LANG_SAID.swap(true, Ordering::Relaxed) {
            warn(&JsValue::from_str(
                &(String::from("<html lang=\"")
                    + lang
                    + "\"> is neither Chinese nor English, so the reminder shows English; set \
                       locale=\"zh-CN\", \"zh-TW\" or \"en\" to choose"),
            ));
        }
        Locale::En
    })
}
