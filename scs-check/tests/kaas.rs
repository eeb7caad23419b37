//! End-to-end tests of `scs-check kaas` on the example data folders
//! `examples/data/kaas-compliant` (a compliant cluster), `examples/data/kaas-behind-cve` (the
//! same cluster behind a critical CVE fix) and `examples/data/kaas-eol` (the same cluster on a
//! branch past its end of life), all evaluated at the instant they were dumped: exact result
//! lines and exit status, the findings that name the release to roll out and its deadline, the
//! official outcomes, the testcase selection, and how missing and malformed inputs are
//! reported.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;

const COMPLIANT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../examples/data/kaas-compliant"
);
const BEHIND_CVE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../examples/data/kaas-behind-cve"
);
const EOL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/kaas-eol");

/// The instant the example data was dumped at: 1.34, 1.35 and 1.36 are supported then.
const NOW: &str = "2026-09-15T00:00:00Z";

/// The default testcases (main testcases of SCS-compatible KaaS v1), in the order printed.
const DEFAULT_IDS: [&str; 3] = [
    "cncf-k8s-conformance",
    "version-policy-check",
    "kaas-networking-check",
];

/// Every registered KaaS testcase.
const ALL_IDS: [&str; 6] = [
    "cncf-k8s-conformance",
    "version-policy-check",
    "kaas-networking-check",
    "node-distribution-check",
    "scs-0211-default-storage-class",
    "scs-validators:scs-0219-default-ingress-class",
];

/// The finding of `kaas-behind-cve`: the critical fix to roll out and its deadline.
const CVE_ERROR: &str = "ERROR: version-policy-check: v1.35.8: patch 1.35.9 published \
                         2026-08-25 fixes critical CVE-2026-41902, due by 2026-09-08, is not \
                         rolled out (critical fixes are due within 14 days)\n";

/// The finding of `kaas-eol`: the upgrade target.
const EOL_ERROR: &str = "ERROR: version-policy-check: v1.33.13: branch 1.33 reached its end of \
                         life on 2026-06-28: roll out 1.36.6 of the newest supported branch 1.36 \
                         (or at least 1.34.13 of branch 1.34, supported until 2026-10-27), due \
                         by 2026-06-28\n";

mod util;

use util::{code, lines, run, stderr, stdout};

/// The default lines with `version-policy-check` as `policy` and the rest PASS.
fn policy_lines(policy: &str) -> String {
    lines(DEFAULT_IDS, |id| {
        if id == "version-policy-check" {
            policy
        } else {
            "PASS"
        }
    })
}

/// The `ERROR:` lines of stderr.
fn errors(o: &Output) -> Vec<&str> {
    stderr(o)
        .lines()
        .filter(|l| l.starts_with("ERROR: "))
        .collect()
}

/// A scratch copy of the example folder `from` for one test.
fn scratch_copy(from: &str, name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("kaas-{name}"));
    if dir.exists() {
        fs::remove_dir_all(&dir).expect("clear scratch folder");
    }
    copy_tree(Path::new(from), &dir);
    dir
}

fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create folder");
    for entry in fs::read_dir(from).expect("read folder") {
        let entry = entry.expect("folder entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

// ---- the compliant cluster ----

#[test]
fn compliant_passes_the_default_testcases() {
    for official in [false, true] {
        let mut args = vec!["kaas", COMPLIANT, "--now", NOW];
        if official {
            args.push("--official");
        }
        let o = run(&args);
        assert_eq!(
            stdout(&o),
            lines(DEFAULT_IDS, |_| "PASS"),
            "official: {official}\n{}",
            stderr(&o)
        );
        assert_eq!(code(&o), 0, "official: {official}");
        for line in stderr(&o).lines() {
            assert!(line.starts_with("INFO: "), "only infos expected: {line}");
        }
        assert!(stderr(&o).contains(
            "INFO: cncf-k8s-conformance: sonobuoy reports 16 passed, 0 failed, 0 failed_ok, \
             3 skipped\n"
        ));
        assert!(stderr(&o).contains(
            "INFO: kaas-networking-check: sonobuoy reports 9 passed, 0 failed, 0 failed_ok, \
             1 skipped\n"
        ));
    }
}

#[test]
fn compliant_passes_every_registered_kaas_testcase() {
    let mut args = vec!["kaas", COMPLIANT, "--now", NOW];
    args.extend(ALL_IDS);
    let o = run(&args);
    assert_eq!(stdout(&o), lines(ALL_IDS, |_| "PASS"), "{}", stderr(&o));
    assert_eq!(code(&o), 0);
    for line in stderr(&o).lines() {
        assert!(line.starts_with("INFO: "), "only infos expected: {line}");
    }
    for needle in [
        "INFO: node-distribution-check: the control plane nodes are spread over 3 zones\n",
        "INFO: node-distribution-check: the worker nodes are spread over 3 zones\n",
        "INFO: scs-0211-default-storage-class: csi-cinder-replicated: the default StorageClass, \
         provisioner `cinder.csi.openstack.org`, volume expansion allowed\n",
        "INFO: scs-validators:scs-0219-default-ingress-class: traefik: the default \
         IngressClass, controller `traefik.io/ingress-controller`\n",
    ] {
        assert!(stderr(&o).contains(needle), "missing {needle:?}");
    }

    // The official suite has no testcase for the check beyond it: ABORT there.
    args.push("--official");
    let o = run(&args);
    assert_eq!(
        stdout(&o),
        lines(ALL_IDS, |id| if id.starts_with("scs-validators:") {
            "ABORT"
        } else {
            "PASS"
        })
    );
    assert_eq!(code(&o), 1);
}

// ---- behind a critical CVE fix ----

#[test]
fn behind_cve_fails_naming_the_fix_and_its_deadline() {
    for official in [false, true] {
        let mut args = vec!["kaas", BEHIND_CVE, "--now", NOW];
        if official {
            args.push("--official");
        }
        let o = run(&args);
        assert_eq!(stdout(&o), policy_lines("FAIL"), "official: {official}");
        assert_eq!(code(&o), 1, "official: {official}");
        assert_eq!(errors(&o), [CVE_ERROR.trim_end()], "official: {official}");
        let err = stderr(&o);
        for needle in [
            "INFO: version-policy-check: v1.35.8: patch 1.35.9 published 2026-08-25, due by \
             2026-09-25\n",
            "INFO: version-policy-check: v1.35.8: patch 1.35.10 published 2026-09-09, due by \
             2026-10-10\n",
            "WARNING: version-policy-check: v1.35.8: patch 1.35.10 published 2026-09-09 fixes \
             critical CVE-2026-41902, recommended by 2026-09-11 (2 days), due by 2026-09-23\n",
        ] {
            assert!(err.contains(needle), "missing {needle:?} in:\n{err}");
        }
        // Both readings agree: no warning about the official suite.
        assert!(!err.contains("the official suite"), "{err}");
    }
}

#[test]
fn behind_cve_deadline_is_strict() {
    // v1.35.9 was published at 2026-08-25T15:40:02Z: due within 14 days, strictly.
    for (now, outcome) in [
        ("2026-09-08T15:40:02Z", "PASS"),
        ("2026-09-08T15:40:03Z", "FAIL"),
    ] {
        for official in [false, true] {
            let mut args = vec!["kaas", BEHIND_CVE, "--now", now, "version-policy-check"];
            if official {
                args.push("--official");
            }
            let o = run(&args);
            assert_eq!(
                stdout(&o),
                format!("version-policy-check: {outcome}\n"),
                "{now}, official: {official}"
            );
            assert_eq!(code(&o), i32::from(outcome == "FAIL"));
        }
    }
    let o = run(&[
        "kaas",
        BEHIND_CVE,
        "--now",
        "2026-09-08T15:40:02Z",
        "version-policy-check",
    ]);
    assert!(stderr(&o).contains(
        "WARNING: version-policy-check: v1.35.8: patch 1.35.9 published 2026-08-25 fixes \
         critical CVE-2026-41902, recommended by 2026-08-27 (2 days), due by 2026-09-08\n"
    ));
    assert!(errors(&o).is_empty(), "{}", stderr(&o));
    // v1.35.10 is published on 2026-09-09: at this instant it is not out yet, so it is
    // neither due nor a critical fix to recommend.
    assert!(
        stderr(&o).contains(
            "INFO: version-policy-check: v1.35.8: patch 1.35.10 is published \
             2026-09-09T16:31:45Z, after the time of the check: not counted as available yet\n"
        ),
        "{}",
        stderr(&o)
    );
    assert!(!stderr(&o).contains("1.35.10 published"), "{}", stderr(&o));
}

// ---- an end-of-life branch ----

#[test]
fn eol_fails_naming_the_upgrade_target() {
    for official in [false, true] {
        let mut args = vec!["kaas", EOL, "--now", NOW];
        if official {
            args.push("--official");
        }
        let o = run(&args);
        assert_eq!(stdout(&o), policy_lines("FAIL"), "official: {official}");
        assert_eq!(code(&o), 1, "official: {official}");
        assert_eq!(errors(&o), [EOL_ERROR.trim_end()], "official: {official}");
        assert!(stderr(&o).contains(
            "INFO: version-policy-check: v1.33.13: affected by critical CVE-2026-41902; no newer \
             patch of branch 1.33 exists yet: the 14-day deadline runs from the publication of a \
             fix\n"
        ));
    }
}

#[test]
fn end_of_life_takes_effect_at_midnight_utc() {
    let o = run(&[
        "kaas",
        EOL,
        "--now",
        "2026-06-27T23:59:59Z",
        "version-policy-check",
    ]);
    assert_eq!(stdout(&o), "version-policy-check: PASS\n", "{}", stderr(&o));
    assert_eq!(code(&o), 0);
    let o = run(&[
        "kaas",
        EOL,
        "--now",
        "2026-06-28T00:00:00Z",
        "version-policy-check",
        "--official",
    ]);
    assert_eq!(stdout(&o), "version-policy-check: FAIL\n");
    assert_eq!(code(&o), 1);
    // the targets are the newest 1.36 and 1.34 releases at that moment
    assert!(
        stderr(&o).contains(
            "ERROR: version-policy-check: v1.33.13: branch 1.33 reached its end of life on \
             2026-06-28: roll out 1.36.2 of the newest supported branch 1.36 (or at least 1.34.9 \
             of branch 1.34, supported until 2026-10-27), due by 2026-06-28\n"
        ),
        "{}",
        stderr(&o)
    );
}

/// An EOL table (the YAML list of the official suite) that keeps 1.33 supported longer.
const EXTENDED_EOL: &str = "\
- branch: \"1.36\"
  end-of-life: \"2027-06-28\"
- branch: \"1.35\"
  end-of-life: \"2027-02-28\"
- branch: \"1.34\"
  end-of-life: \"2026-10-27\"
- branch: \"1.33\"
  end-of-life: \"2026-10-01\"
";

#[test]
fn eol_table_from_the_folder_or_the_flag() {
    let dir = scratch_copy(EOL, "extended-eol");
    let table = dir.join("eol.yaml");
    fs::write(&table, EXTENDED_EOL).expect("write eol.yaml");
    // DIR/eol.yaml replaces the built-in snapshot
    let o = run(&["kaas", path_str(&dir), "--now", NOW, "version-policy-check"]);
    assert_eq!(stdout(&o), "version-policy-check: PASS\n", "{}", stderr(&o));
    assert_eq!(code(&o), 0);
    // and so does --eol, for the original folder
    let o = run(&[
        "kaas",
        EOL,
        "--now",
        NOW,
        "--eol",
        path_str(&table),
        "version-policy-check",
        "--official",
    ]);
    assert_eq!(stdout(&o), "version-policy-check: PASS\n", "{}", stderr(&o));
    assert_eq!(code(&o), 0);
    // a table of another shape is an input error naming the file
    fs::write(&table, "1.33: 2026-10-01\n").expect("write eol.yaml");
    let o = run(&["kaas", path_str(&dir), "--now", NOW]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).starts_with(&format!("error: {}: not an EOL table: ", table.display())),
        "{}",
        stderr(&o)
    );
}

// ---- selection and formats ----

#[test]
fn positional_ids_run_only_those_in_order() {
    let o = run(&[
        "kaas",
        EOL,
        "--now",
        NOW,
        "scs-0211-default-storage-class",
        "version-policy-check",
    ]);
    assert_eq!(
        stdout(&o),
        "scs-0211-default-storage-class: PASS\nversion-policy-check: FAIL\n"
    );
    assert_eq!(code(&o), 1);
    assert_eq!(errors(&o), [EOL_ERROR.trim_end()]);

    let o = run(&[
        "kaas",
        BEHIND_CVE,
        "--now",
        NOW,
        "--testcases",
        "node-distribution-check,kaas-networking-check",
        "cncf-k8s-conformance",
    ]);
    assert_eq!(
        stdout(&o),
        "node-distribution-check: PASS\nkaas-networking-check: PASS\ncncf-k8s-conformance: PASS\n"
    );
    assert_eq!(code(&o), 0);
}

#[test]
fn unknown_testcase_is_a_usage_error() {
    let o = run(&[
        "kaas",
        COMPLIANT,
        "--now",
        NOW,
        "version-policy-check",
        "availability-zones-check",
    ]);
    assert_eq!(code(&o), 2);
    assert_eq!(stdout(&o), "");
    assert_eq!(
        stderr(&o),
        "error: unknown testcase `availability-zones-check`\n"
    );
}

#[test]
fn json_report_has_both_outcomes_and_the_findings() {
    let o = run(&["kaas", BEHIND_CVE, "--now", NOW, "--format", "json"]);
    assert_eq!(code(&o), 1);
    assert!(o.stderr.is_empty(), "{}", stderr(&o));
    let report: Value = serde_json::from_str(stdout(&o)).expect("stdout is one JSON document");
    let results = report["results"].as_array().expect("results list");
    let ids: Vec<&str> = results
        .iter()
        .map(|r| r["id"].as_str().expect("id"))
        .collect();
    assert_eq!(ids, DEFAULT_IDS);
    let policy = &results[1];
    assert_eq!(policy["outcome"], "FAIL");
    assert_eq!(policy["official"], "FAIL");
    let error = policy["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["severity"] == "error")
        .expect("an error finding");
    assert_eq!(error["testcase"], "version-policy-check");
    assert_eq!(error["subject"], "v1.35.8");
    assert!(error["message"]
        .as_str()
        .expect("message")
        .starts_with("patch 1.35.9 published 2026-08-25 fixes critical CVE-2026-41902"));
}

// ---- missing and malformed inputs ----

#[test]
fn missing_version_json_aborts_naming_the_file() {
    let dir = scratch_copy(COMPLIANT, "no-version");
    fs::remove_file(dir.join("version.json")).expect("remove version.json");
    for official in [false, true] {
        let mut args = vec!["kaas", path_str(&dir), "--now", NOW];
        if official {
            args.push("--official");
        }
        let o = run(&args);
        assert_eq!(stdout(&o), policy_lines("ABORT"), "official: {official}");
        assert_eq!(code(&o), 1);
        assert_eq!(
            errors(&o),
            ["ERROR: version-policy-check: missing input: the cluster's version (version.json)"]
        );
    }
}

#[test]
fn missing_sonobuoy_results_abort_their_testcase() {
    let dir = scratch_copy(COMPLIANT, "no-networking-run");
    fs::remove_dir_all(dir.join("sonobuoy/kaas-networking-check"))
        .expect("remove the networking run");
    let o = run(&["kaas", path_str(&dir), "--now", NOW]);
    assert_eq!(
        stdout(&o),
        "cncf-k8s-conformance: PASS\nversion-policy-check: PASS\nkaas-networking-check: ABORT\n"
    );
    assert_eq!(code(&o), 1);
    assert_eq!(
        errors(&o),
        [
            "ERROR: kaas-networking-check: missing input: the Sonobuoy results of \
             kaas-networking-check (sonobuoy/kaas-networking-check/plugins/e2e/\
             sonobuoy_results.yaml)"
        ]
    );
}

#[test]
fn malformed_nodes_json_is_an_input_error_naming_the_file() {
    let dir = scratch_copy(COMPLIANT, "bad-nodes");
    let nodes = dir.join("nodes.json");
    fs::write(
        &nodes,
        r#"{"kind": "List", "items": [{"metadata": {"name": "n1", "labels": ["zone-a"]}}]}"#,
    )
    .expect("write nodes.json");
    // read up front, whichever testcases run
    for ids in [&[][..], &["version-policy-check"][..]] {
        let mut args = vec!["kaas", path_str(&dir), "--now", NOW];
        args.extend(ids);
        let o = run(&args);
        assert_eq!(code(&o), 2);
        assert_eq!(stdout(&o), "");
        assert_eq!(
            stderr(&o),
            format!(
                "error: {}: not a node list: $.items[0]: invalid type: sequence, expected an \
                 object of strings for `metadata.labels`\n",
                nodes.display()
            )
        );
    }
    fs::write(&nodes, "NAME STATUS ROLES\n").expect("write nodes.json");
    let o = run(&["kaas", path_str(&dir), "--now", NOW]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).starts_with(&format!("error: {}: invalid JSON: ", nodes.display())),
        "{}",
        stderr(&o)
    );
}

#[test]
fn malformed_sonobuoy_yaml_is_an_input_error_naming_the_file() {
    let dir = scratch_copy(COMPLIANT, "bad-sonobuoy");
    let results = dir.join("sonobuoy/cncf-k8s-conformance/plugins/e2e/sonobuoy_results.yaml");
    let prefix = format!(
        "error: {}: not a Sonobuoy results tree: ",
        results.display()
    );
    for (yaml, problem) in [
        (
            "name: e2e\nitems:\n- name: 'junit_01.xml\n  items: []\n",
            "unclosed quote",
        ),
        (
            "name: e2e\nitems: junit_01.xml\n",
            "expected sequence start",
        ),
    ] {
        fs::write(&results, yaml).expect("write sonobuoy_results.yaml");
        let o = run(&["kaas", path_str(&dir), "--now", NOW]);
        assert_eq!(code(&o), 2, "{yaml:?}");
        assert_eq!(stdout(&o), "");
        let err = stderr(&o);
        assert!(err.starts_with(&prefix), "{err}");
        assert!(err.contains(problem), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
}

#[test]
fn readmes_show_the_instant_and_the_findings() {
    let readme = |dir: &str| fs::read_to_string(Path::new(dir).join("README.md")).expect("README");
    for dir in [COMPLIANT, BEHIND_CVE, EOL] {
        assert!(readme(dir).contains(&format!("--now {NOW}")), "{dir}");
    }
    assert!(readme(BEHIND_CVE).contains(CVE_ERROR.trim_end()));
    assert!(readme(EOL).contains(EOL_ERROR.trim_end()));
}
