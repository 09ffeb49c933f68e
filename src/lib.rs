//! instalment-guard: notices a shopper paying without an instalment plan, shows what each plan
//! really costs (per period, total fee and annualised rate, exact to the minor unit) and reminds
//! them once before they pay, never blocking the payment.
//!
//! Three layers, each depending only on those below it: [`engine`] (pure Rust), [`bindings`]
//! (the JS boundary) and `dom` (the checkout guard, its dialog and the custom element).
//! docs/architecture.md maps each concern to its file; docs/contract.md is the JS contract.
//!
//! The crate builds on the standard runtime everywhere, so a plain `wasm-pack build` (or a Rust
//! program that depends on it) gets std's allocator and panic handler. The npm package is built
//! with the opt-in feature `bundle` (scripts/build.sh), which makes the wasm `no_std` with a small
//! allocator and an abort-only panic handler: std's panic and formatting machinery would be most
//! of the package's weight.
#![cfg_attr(all(target_arch = "wasm32", feature = "bundle"), no_std)]
#![warn(missing_docs)]

extern crate alloc;

pub mod bindings;
#[cfg(all(any(feature = "checkout", feature = "order"), target_arch = "wasm32"))]
pub mod dom;
pub mod engine;
#[cfg(all(feature = "bundle", target_arch = "wasm32"))]
mod runtime;

#[cfg(feature = "api")]
pub use bindings::api::{annual_rate_js, assess_js, compare_js, estimate_js};
pub use bindings::error::is_instalment_error;
#[cfg(all(feature = "order", target_arch = "wasm32"))]
pub use dom::remedy::define_remedy_element;
#[cfg(all(feature = "checkout", target_arch = "wasm32"))]
pub use dom::{element::define_element, guard::CheckoutGuard};
