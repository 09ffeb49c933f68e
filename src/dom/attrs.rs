//! What both elements read their attributes with.

use crate::bindings::convert::value;
use crate::engine::{Code, Error, Value};
use alloc::string::String;
use wasm_bindgen::JsCast;

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
