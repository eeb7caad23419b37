//! Fuzz target `flavor_name`: arbitrary bytes through every scs-0100 entry point.
//!
//! The properties live in `fuzz/checks/flavor_name.rs`, which `tests/fuzz_seeds.rs` also
//! includes to replay the seeds and regressions on stable.

#![no_main]

#[path = "../checks/flavor_name.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    checks::flavor_name(data);
});
