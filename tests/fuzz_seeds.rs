//! Replays the fuzz seeds and regressions on stable.
//!
//! Every file in `fuzz/seeds/<target>/` and in `fuzz/regressions/<target>/` (inputs the fuzzer
//! once broke us with) goes through the same checks as the fuzz target, `fuzz/checks/<target>.rs`,
//! included here as a module. The targets: `flavor_name` (seeds: the scs-0100 example names and
//! quirks) and `image_json` (seeds: small Glance image lists). See `fuzz/README.md`.

use std::fs;
use std::panic;
use std::path::{Path, PathBuf};

use scs_validators::k8s_version_policy::{critical_ranges, CveFeed, CveRecord, K8sVersion};

#[path = "../fuzz/checks/flavor_name.rs"]
mod checks;

#[path = "../fuzz/checks/image_json.rs"]
mod image_json_checks;

#[path = "../fuzz/checks/k8s_version.rs"]
mod k8s_version_checks;

#[path = "../fuzz/checks/cve_record.rs"]
mod cve_record_checks;

#[path = "../fuzz/checks/scope_yaml.rs"]
mod scope_yaml_checks;

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

// The KaaS targets: `k8s_version` (seeds: Kubernetes version strings of vendors and odd
// ones) and `cve_record` (small CVE records, lists and a feed, with the odd `versions` forms of
// scs-0210).

#[test]
fn k8s_version_seeds_pass_the_fuzz_checks() {
    let seeds = inputs("seeds/k8s_version");
    assert!(
        seeds.len() >= 15,
        "fuzz/seeds/k8s_version has {} seeds, expected at least 15",
        seeds.len()
    );
    replay_with(&seeds, "k8s_version", k8s_version_checks::k8s_version);
}

#[test]
fn k8s_version_regressions_pass_the_fuzz_checks() {
    replay_with(
        &inputs("regressions/k8s_version"),
        "k8s_version",
        k8s_version_checks::k8s_version,
    );
}

#[test]
fn k8s_version_seeds_reach_the_round_trips() {
    // Most seeds parse as a version (vendor builds, pre-releases, build metadata), some as a
    // branch, and the odd ones as neither: the checks see all three.
    let texts: Vec<String> = inputs("seeds/k8s_version")
        .iter()
        .map(|p| fs::read_to_string(p).unwrap())
        .collect();
    let versions = texts
        .iter()
        .filter(|t| t.parse::<K8sVersion>().is_ok())
        .count();
    let branches = texts
        .iter()
        .filter(|t| k8s_version_checks::check_branch(t).is_some())
        .count();
    assert!(versions >= 10, "{versions} seeds parse as a version");
    assert!(branches >= 2, "{branches} seeds parse as a branch");
    assert!(
        versions + branches + 5 <= texts.len(),
        "fewer than 5 seeds are rejected"
    );
    for text in ["v1.30.2-eks-1234567", "v1.31.0-rc.1", "v1.29.4+k3s1"] {
        assert!(k8s_version_checks::check_version(text).is_some(), "{text}");
    }
    k8s_version_checks::check_text("v1.30.2-gke.1000\nv1.30.2\n1.30");
    k8s_version_checks::k8s_version(b"v1.30.2\xff");
}

#[test]
fn cve_record_seeds_pass_the_fuzz_checks() {
    let seeds = inputs("seeds/cve_record");
    assert!(
        seeds.len() >= 15,
        "fuzz/seeds/cve_record has {} seeds, expected at least 15",
        seeds.len()
    );
    replay_with(&seeds, "cve_record", cve_record_checks::cve_record);
}

#[test]
fn cve_record_regressions_pass_the_fuzz_checks() {
    replay_with(
        &inputs("regressions/cve_record"),
        "cve_record",
        cve_record_checks::cve_record,
    );
}

#[test]
fn cve_record_seeds_reach_every_check() {
    // The seeds parse as records, lists and a feed; some records are critical with ranges that
    // hold the first cluster, and many are odd enough to get warnings.
    let seeds: Vec<Vec<u8>> = inputs("seeds/cve_record")
        .iter()
        .map(|p| fs::read(p).unwrap())
        .collect();
    let records: Vec<CveRecord> = seeds
        .iter()
        .filter_map(|d| serde_json::from_slice::<CveRecord>(d).ok())
        .collect();
    let lists = seeds
        .iter()
        .filter(|d| serde_json::from_slice::<Vec<CveRecord>>(d).is_ok())
        .count();
    let feeds = seeds
        .iter()
        .filter(|d| serde_json::from_slice::<CveFeed>(d).is_ok_and(|feed| !feed.items.is_empty()))
        .count();
    assert!(records.len() >= 12, "{} seeds are records", records.len());
    assert!(lists >= 2, "{lists} seeds are lists of records");
    assert!(feeds >= 1, "{feeds} seeds are a feed");
    let ranges = critical_ranges(&records);
    let cluster: K8sVersion = cve_record_checks::CLUSTERS[0].parse().unwrap();
    assert!(
        ranges.containing(&cluster).count() >= 3,
        "the seeds' ranges hold {cluster} {} times",
        ranges.containing(&cluster).count()
    );
    assert!(
        ranges.findings.len() >= 10,
        "{} warnings",
        ranges.findings.len()
    );
    cve_record_checks::check_records(&records, None);
    cve_record_checks::cve_record(b"not json");
    cve_record_checks::cve_record(b"[]");
    cve_record_checks::cve_record(b"{}");
}

#[test]
fn scope_yaml_seeds_pass_the_fuzz_checks() {
    let seeds = inputs("seeds/scope_yaml");
    assert!(
        seeds.len() >= 4,
        "fuzz/seeds/scope_yaml has {} seeds",
        seeds.len()
    );
    replay_with(&seeds, "scope_yaml", scope_yaml_checks::scope_yaml);
}

#[test]
fn scope_yaml_regressions_pass_the_fuzz_checks() {
    replay_with(
        &inputs("regressions/scope_yaml"),
        "scope_yaml",
        scope_yaml_checks::scope_yaml,
    );
}

#[test]
fn scope_yaml_seeds_load_and_fail_as_intended() {
    // Two seeds load, one does not: the checks on both paths run.
    let outcomes: Vec<(String, bool)> = inputs("seeds/scope_yaml")
        .iter()
        .map(|p| {
            let text = fs::read_to_string(p).unwrap();
            let node: scs_validators::scope::Node = serde_saphyr::from_str(&text).unwrap();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, scs_validators::scope::Scope::load(&node).is_ok())
        })
        .collect();
    assert!(outcomes.iter().any(|(_, ok)| *ok), "{outcomes:?}");
    assert!(
        outcomes.contains(&("problems.yaml".to_owned(), false)),
        "{outcomes:?}"
    );
    // A one-line-per-problem violation would be caught: a key with a line break.
    scope_yaml_checks::scope_yaml(b"name: x\nuuid: u\nurl: v\nscripts: []\nmodules: []\nversions: []\ntimeline: []\n\"a\\nb\": 1\n");
}
