//! Fuzz target `cve_record`: arbitrary bytes as the JSON of CVE records and of the CVE feed,
//! through scs-0210's `critical_ranges` and `version_policy_verdict`.
//!
//! The properties live in `fuzz/checks/cve_record.rs`, which `tests/fuzz_seeds.rs` also
//! includes to replay the seeds and regressions on stable.

#![no_main]

#[path = "../checks/cve_record.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    checks::cve_record(data);
});
