//! instalment-guard: notices a shopper paying without an instalment plan, shows what each plan
//! really costs (per period, total fee and annualised rate, exact to the minor unit) and reminds
//! them once before they pay, never blocking the payment.
//!
//! Three layers, each depending only on the one below: [`engine`] (pure Rust), [`bindings`]
//! (the JS boundary) and `dom` (the checkout guard, its dialog and the custom element).
//!
//! In wasm the crate is `no_std`: std's panic and formatting machinery would be most of the
//! package's weight. Natively it links std, so the engine is tested with the ordinary harness.
#![cfg_attr(target_arch = "wasm32", no_std)]
#![warn(missing_docs)]

extern crate alloc;

pub mod bindings;
#[cfg(all(feature = "dom", target_arch = "wasm32"))]
pub mod dom;
pub mod engine;
#[cfg(all(feature = "bundle", target_arch = "wasm32"))]
mod runtime;

pub use bindings::api::{annual_rate_js, assess_js, compare_js, estimate_js};
pub use bindings::error::is_instalment_error;
#[cfg(all(feature = "dom", target_arch = "wasm32"))]
pub use dom::{element::define_element, guard::CheckoutGuard};
