//! Fuzz target `scope_yaml`: arbitrary bytes as a scope file (YAML), through `Scope::load`,
//! validity on dates, the runner's selection and its summary.
//!
//! The properties live in `fuzz/checks/scope_yaml.rs`, which `tests/fuzz_seeds.rs` also
//! includes to replay the seeds and regressions on stable.

#![no_main]

#[path = "../checks/scope_yaml.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    checks::scope_yaml(data);
});
