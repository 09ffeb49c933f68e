//! The JS boundary: every `#[wasm_bindgen]` export of the pure functions, argument conversion,
//! output objects, `InstalmentError` and the TypeScript declarations.

pub mod api;
pub mod convert;
pub mod error;
pub mod memo;
mod types;
