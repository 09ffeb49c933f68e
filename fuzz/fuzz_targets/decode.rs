//! Argument decoding, native path: any bytes → JSON → `Value` → every checker (`Plan`, plan
//! lists, `GuardConfig`, `CheckoutState`, `StateUpdate`, cash flows, amounts, currencies, the
//! server's `Choice` through `verify_choice` and `payment_params`).
//! Checks: no panic; every error has a code and a non-empty field under the checker's path,
//! and a message that starts with it; whatever is accepted keeps the promises of its type.
#![no_main]

use instalment_guard::engine::Value;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(v) = serde_json::from_slice::<Value>(data) {
        instalment_guard_fuzz::check_decoders(&v);
    }
});
