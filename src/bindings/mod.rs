//! The JS boundary: every `#[wasm_bindgen]` export of the pure functions, argument conversion,
//! output objects, `InstalmentError` and the TypeScript declarations.
//!
//! Only `api` (the exports) and `error` (`InstalmentError`) are public API. How arguments and
//! results cross (`convert`, with its JS half in js/codec.js) and the argument memo are internals
//! the DOM layer shares; `types` is reachable, hidden, for tests/contract.rs alone.

#[cfg(feature = "api")]
pub mod api;
// A page's entry without the pure functions (feature "api") uses only part of the codec.
#[cfg_attr(not(feature = "api"), allow(dead_code))]
pub(crate) mod convert;
pub mod error;
#[cfg(feature = "api")]
pub(crate) mod memo;
#[doc(hidden)]
pub mod types;
