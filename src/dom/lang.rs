//! The shopper's language when the merchant named none: the page's `lang`, shared by both
//! elements and the `CheckoutGuard` constructor.

use crate::engine::catalogue::has as has_texts;
use crate::engine::{Code, Error, Locale};
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

/// Refuses to draw in `locale` before its texts are here. A per-page build is given its
/// catalogues by its entry (js/catalogue.js) before an element starts, so this is the case of a
/// `CheckoutGuard` built by hand in a locale no element asked for.
pub(super) fn texts_here(locale: Locale) -> Result<(), Error> {
    if has_texts(locale) {
        return Ok(());
    }
    Err(Error::new(
        Code::InvalidState,
        "locale",
        &[
            "has no texts here yet: await loadLocale(\"",
            locale.tag(),
            "\") from this entry before drawing in it",
        ],
    ))
}

/// Says on the console, once per page, that a text just drawn was missing from this page's
/// catalogue (a key of a group scripts/entries.mjs does not ship to this page): a build mistake
/// the page tests would otherwise only see as a blank.
pub(super) fn say_missing_texts() {
    if let Some(key) = crate::engine::catalogue::take_missed() {
        warn_once(
            "catalogue",
            &JsValue::from_str(
                &(String::from("a text is missing from this page's catalogue (key number ")
                    + &crate::engine::error::digits(key.index() as u128)
                    + "); serve the files of one build of instalment-guard together"),
            ),
        );
    }
}

/// Takes one locale's catalogue in a per-page build: `tag` names the locale, `texts` is the
/// catalogue file's list (scripts/entries.mjs writes one per locale). The full package holds
/// every locale and has no such function.
#[cfg(not(feature = "api"))]
#[wasm_bindgen(js_name = setCatalogue)]
pub fn set_catalogue(tag: &str, texts: JsValue) -> Result<(), JsValue> {
    use crate::bindings::convert::value;
    use crate::bindings::error::to_js;
    use crate::engine::Value;
    let read = || -> Result<(), Error> {
        let locale = Locale::parse(tag, "locale")?;
        let Value::Array(items) = value(&texts, "catalogue")? else {
            return Err(Error::new(
                Code::InvalidArgument,
                "catalogue",
                &["must be a list of texts"],
            ));
        };
        let mut out = alloc::vec::Vec::with_capacity(items.len());
        for item in items {
            let Value::String(s) = item else {
                return Err(Error::new(
                    Code::InvalidArgument,
                    "catalogue",
                    &["must be a list of texts"],
                ));
            };
            out.push(s);
        }
        crate::engine::catalogue::install(locale, out)
    };
    read().map_err(|e| to_js(&e))
}
