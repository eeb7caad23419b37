//! Replays the fuzz seeds and regressions on stable.
//!
//! Every file in `fuzz/seeds/<target>/` and in `fuzz/regressions/<target>/` (inputs the fuzzer
//! once broke us with) goes through the same checks as the fuzz target, `fuzz/checks/<target>.rs`,
//! included here as a module. The targets: `flavor_name` (seeds: the scs-0100 example names and
//! quirks) and `image_json` (seeds: small Glance image lists). See `fuzz/README.md`.

use std::fs;
use std::panic;
use std::path::{Path, PathBuf};

#[path = "../fuzz/checks/flavor_name.rs"]
mod checks;

#[path = "../fuzz/checks/image_json.rs"]
mod image_json_checks;

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

/// Runs the `flavor_name` checks on every file and fails listing each input that panicked.
#[track_caller]
fn replay(files: &[PathBuf]) {
    replay_with(files, "flavor_name", checks::flavor_name);
}

/// Runs `check` on every file and fails listing each input that panicked.
#[track_caller]
fn replay_with(files: &[PathBuf], target: &str, check: fn(&[u8])) {
    let mut failed = Vec::new();
    for path in files {
        let data = fs::read(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
        if panic::catch_unwind(|| check(&data)).is_err() {
            failed.push(format!(
                "{} ({:?})",
                path.display(),
                String::from_utf8_lossy(&data)
            ));
        }
    }
    assert!(
        failed.is_empty(),
        "{} of {} inputs failed the {target} checks (messages above):\n{}",
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

#[test]
fn image_json_seeds_pass_the_fuzz_checks() {
    let seeds = inputs("seeds/image_json");
    assert!(
        seeds.len() >= 20,
        "fuzz/seeds/image_json has {} seeds, expected at least 20",
        seeds.len()
    );
    replay_with(&seeds, "image_json", image_json_checks::image_json);
}

#[test]
fn image_json_regressions_pass_the_fuzz_checks() {
    // The folder appears with the first regression.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions/image_json");
    if !dir.exists() {
        return;
    }
    replay_with(
        &inputs("regressions/image_json"),
        "image_json",
        image_json_checks::image_json,
    );
}

#[test]
fn image_json_checks_reach_every_check() {
    use scs_validators::input::ImageList;
    // Most seeds are image lists that parse, so the checks get past the parser; a few are
    // not, and are merely rejected.
    let seeds = inputs("seeds/image_json");
    let parsed = seeds
        .iter()
        .filter(|p| serde_json::from_slice::<ImageList>(&fs::read(p).unwrap()).is_ok())
        .count();
    assert!(
        parsed >= seeds.len() * 3 / 4 && parsed < seeds.len(),
        "{parsed} of {} image_json seeds parse",
        seeds.len()
    );
    // An outdated image without a replacement fails scs-0102-image-recency: the checks see
    // failures as well as passes.
    let list: ImageList = serde_json::from_str(
        r#"[{"id": "1", "name": "Debian 12 old", "visibility": "public",
             "created_at": "2024-01-02T00:00:00Z", "image_build_date": "2024-01-01",
             "replace_frequency": "monthly", "provided_until": "2030-01-01"}]"#,
    )
    .unwrap();
    image_json_checks::check_images(&list.0);
    image_json_checks::image_json(b"not json");
    image_json_checks::image_json(b"{\"images\": [{\"id\": \"\\u00e9\"}]}");
}
