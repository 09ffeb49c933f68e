//! instalment-guard-fit: fits the reminder's likelihood weights to a merchant's order history.
//!
//! ```text
//! instalment-guard-fit ORDERS.csv [--holdout 0.3]
//! ```
//!
//! The tool is native only: its crates are not even dependencies on wasm32 (Cargo.toml). But a
//! wasm build (`cargo build --target wasm32-unknown-unknown`, wasm-pack test) builds every bin
//! whose features are on, and `fit` is a default feature, so on wasm32 this bin is an empty
//! `no_main` module that only links the library (whose feature `bundle` brings the panic
//! handler; without it, std does).
#![cfg_attr(all(target_arch = "wasm32", not(test)), no_std, no_main)]

// A crate root's modules sit beside it, so without the path this would be src/bin/tool.rs, which
// Cargo would take for a bin of its own.
#[cfg(not(target_arch = "wasm32"))]
#[path = "fit/tool.rs"]
mod tool;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    tool::main()
}

#[cfg(all(target_arch = "wasm32", not(test)))]
use instalment_guard as _;
