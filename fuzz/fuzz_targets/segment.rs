//! cargo-fuzz target: see `tests/common/fuzz_checks.rs` for the input format and invariants.
#![no_main]

#[path = "../../tests/common/fuzz_checks.rs"]
mod fuzz_checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| fuzz_checks::fuzz_segment(data));
