//! `estimate` (each plan), `compare` (all of them) and `annual_rate`, from a JSON envelope
//! `{ amountMinor, currency, plans, flows }` or structured values drawn with `arbitrary`.
//! Checks: schedules of `periods` lines that sum exactly to the total repayment, fees as each
//! model defines them, finite rates that solve their flows, `NO_SOLUTION` only where no rate
//! exists, and compare's documented order (interest-free first, longest first, then lowest
//! aprNominal, ties as given).
#![no_main]

use instalment_guard_fuzz::{run_engine, EngineGen, Input};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: Input<EngineGen>| {
    run_engine(&input.value, input.valid);
});
