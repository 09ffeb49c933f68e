//! `assess`, from a JSON envelope `{ config, state, offered? }` or structured values drawn with
//! `arbitrary`. Checks: the verdict and its reasons follow README's "How the guard decides" in
//! their fixed order, the comparison is compare's limited to the plans the form offers, and
//! errors are compare's.
#![no_main]

use instalment_guard_fuzz::{run_assess, AssessGen, Input};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: Input<AssessGen>| {
    run_assess(&input.value, input.valid);
});
