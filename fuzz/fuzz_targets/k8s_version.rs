//! Fuzz target `k8s_version`: arbitrary text through the Kubernetes version and branch parsers
//! of scs-0210.
//!
//! The properties live in `fuzz/checks/k8s_version.rs`, which `tests/fuzz_seeds.rs` also
//! includes to replay the seeds and regressions on stable.

#![no_main]

#[path = "../checks/k8s_version.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    checks::k8s_version(data);
});
