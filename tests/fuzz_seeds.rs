//! Replays the `flavor_name` fuzz seeds and regressions on stable.
//!
//! Every file in `fuzz/seeds/flavor_name/` (the scs-0100 example names and quirks) and in
//! `fuzz/regressions/flavor_name/` (inputs the fuzzer once broke us with) goes through the same
//! checks as the fuzz target: `fuzz/checks/flavor_name.rs`, included here as a module. See
//! `fuzz/README.md`.

use std::fs;
use std::panic;
use std::path::{Path, PathBuf};

#[path = "../fuzz/checks/flavor_name.rs"]
mod checks;

/// The files of `fuzz/<dir>`, sorted, without dot files (`.gitkeep`).
fn inputs(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz").join(dir);
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|p| p.is_file())
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    files.sort();
    files
}

/// Runs the checks on every file and fails listing each input that panicked.
#[track_caller]
fn replay(files: &[PathBuf]) {
    let mut failed = Vec::new();
    for path in files {
        let data = fs::read(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
        if panic::catch_unwind(|| checks::flavor_name(&data)).is_err() {
            failed.push(format!(
                "{} ({:?})",
                path.display(),
                String::from_utf8_lossy(&data)
            ));
        }
    }
    assert!(
        failed.is_empty(),
        "{} of {} inputs failed the flavor_name checks (messages above):\n{}",
        failed.len(),
        files.len(),
        failed.join("\n")
    );
}

#[test]
fn seeds_pass_the_fuzz_checks() {
    let seeds = inputs("seeds/flavor_name");
    assert!(
        seeds.len() >= 50,
        "fuzz/seeds/flavor_name has {} seeds, expected at least 50",
        seeds.len()
    );
    replay(&seeds);
}

#[test]
fn regressions_pass_the_fuzz_checks() {
    replay(&inputs("regressions/flavor_name"));
}

#[test]
fn checks_run_on_valid_invalid_and_non_utf8_input() {
    // The checks reach the round trips (this name parses) and reject nothing merely for being
    // an invalid name or not UTF-8.
    let valid = "SCS-16T-64-3x10s_bms_hwv_i3h_GNa-64_ib";
    assert!(scs_validators::flavor_name::FlavorName::is_valid(valid));
    checks::check_str(valid);
    checks::check_str("SCS-2iT-4-10n");
    checks::flavor_name(b"SCS-2C-4\xff");
}
