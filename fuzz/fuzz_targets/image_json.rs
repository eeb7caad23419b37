//! Fuzz target `image_json`: arbitrary bytes as a Glance image list, then every check that
//! reads images.
//!
//! The properties live in `fuzz/checks/image_json.rs`, which `tests/fuzz_seeds.rs` also
//! includes to replay the seeds and regressions on stable.

#![no_main]

#[path = "../checks/image_json.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    checks::image_json(data);
});
