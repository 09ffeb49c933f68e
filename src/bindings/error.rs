//! `InstalmentError`: the engine's error as a JS `Error` with `name`, `code` and `field`.

use crate::engine::{Code, Error};
use wasm_bindgen::prelude::*;

/// Builds the JS error thrown for `e`: an `Error` whose `name` is `"InstalmentError"`, so stack
/// traces, `instanceof Error` and error trackers all treat it as a real error.
pub fn to_js(e: &Error) -> JsValue {
    let err = js_sys::Error::new(&e.message);
    err.set_name("InstalmentError");
    let obj: &JsValue = err.as_ref();
    // Setting data properties on a fresh Error cannot fail.
    let _ = js_sys::Reflect::set(obj, &"code".into(), &e.code.as_str().into());
    let _ = js_sys::Reflect::set(obj, &"field".into(), &e.field.as_str().into());
    err.into()
}

/// Converts an engine result into what an exported function returns: errors become thrown
/// `InstalmentError`s.
pub fn throw<T>(r: Result<T, Error>) -> Result<T, JsValue> {
    r.map_err(|e| to_js(&e))
}

/// An `InstalmentError` built in place, for failures found at the boundary itself.
pub fn new(code: Code, field: &str, parts: &[&str]) -> JsValue {
    to_js(&Error::new(code, field, parts))
}

/// True when `value` is an error this package threw: a type guard for `catch (e)`.
#[wasm_bindgen(js_name = isInstalmentError, unchecked_return_type = "value is InstalmentError")]
pub fn is_instalment_error(
    #[wasm_bindgen(unchecked_param_type = "unknown")] value: &JsValue,
) -> bool {
    value.is_instance_of::<js_sys::Error>()
        && js_sys::Reflect::get(value, &"name".into())
            .ok()
            .and_then(|n| n.as_string())
            .as_deref()
            == Some("InstalmentError")
}
