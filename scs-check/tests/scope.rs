//! End-to-end tests of `scs-check scope` and `scs-check certify` on the example scope
//! `examples/data/example-scope.yaml` (written for this project; its first script is scs-check
//! in the official runner's calling convention) and on scopes written by the tests.

use std::fs;
use std::path::PathBuf;

mod util;
use util::{code, run, stderr, stdout};

const SCOPE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../examples/data/example-scope.yaml"
);
const COMPLIANT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../examples/data/iaas-compliant"
);
const DEFECTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/iaas-defects");
const KAAS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../examples/data/kaas-compliant"
);

/// The reference date (next draft, v2 effective, v1 warn) and the instant of the IaaS dumps.
const DATE: &str = "2026-11-20";
const NOW: &str = "2026-11-15T00:00:00Z";

/// A scratch folder for files a test writes.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("scs-check-scope-{}-{name}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn scope_lists_validity_and_deciders() {
    let out = run(&["scope", SCOPE, "--date", DATE]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with("next draft\nv2 effective\nv1 warn\n\nnext:\n"),
        "{text}"
    );
    assert!(text.contains("- main: 11 testcases (11 scs-check, 0 live, 0 manual)\n"));
    assert!(text.contains(
        "- recommended: 1 testcase (0 scs-check, 1 live, 0 manual)\n  - scs-0101-rngd: live\n"
    ));
    assert!(text.contains("- preview: 1 testcase (0 scs-check, 0 live, 1 manual)\n  - example-documentation: manual\n"));
    assert!(text.contains("\nv1:\n- main: 4 testcases (4 scs-check, 0 live, 0 manual)\n"));

    // Earlier, v1 alone is listed; the others are deprecated only implicitly.
    let out = run(&["scope", SCOPE, "--date", "2025-12-01"]);
    assert!(stdout(&out).starts_with(
        "next deprecated (implicit: not listed in the timeline entry of 2025-06-01)\n\
         v2 deprecated (implicit: not listed in the timeline entry of 2025-06-01)\n\
         v1 effective\n"
    ));
    let out = run(&["scope", SCOPE, "--date", "2020-01-01"]);
    assert!(stdout(&out)
        .starts_with("next deprecated (implicit: no timeline entry is in force on 2020-01-01)\n"));
}

#[test]
fn scope_as_json() {
    let out = run(&["scope", SCOPE, "--date", DATE, "--format", "json"]);
    assert_eq!(code(&out), 0);
    let json: serde_json::Value = serde_json::from_str(stdout(&out)).unwrap();
    assert_eq!(json["name"], "Example IaaS scope");
    assert_eq!(json["timeline_entry"], "2026-09-01");
    assert_eq!(json["versions"][2]["version"], "v1");
    assert_eq!(json["versions"][2]["validity"], "warn");
    assert_eq!(json["versions"][2]["explicit"], true);
    assert_eq!(json["versions"][1]["stabilized_at"], "2026-03-01");
    let recommended = &json["versions"][0]["targets"][1];
    assert_eq!(recommended["name"], "recommended");
    assert_eq!(recommended["testcases"][0]["decided_by"], "live");
    assert_eq!(recommended["testcases"][0]["section"], "heavy");
    assert_eq!(
        json["versions"][0]["targets"][0]["testcases"][9]["lifetime"],
        "day"
    );
}

#[test]
fn a_scope_that_does_not_load_lists_every_problem_with_its_place() {
    let dir = scratch("bad");
    let text = fs::read_to_string(SCOPE)
        .unwrap()
        .replacen("    section: heavy", "    sektion: heavy", 1)
        .replacen("  - ref: scs-0123-v1", "  - ref: scs-0999-v1", 1)
        .replacen("    v1: warn", "    v1: warning", 1)
        .replacen("    lifetime: quarter", "    lifetime: fortnight", 1);
    let path = dir.join("bad.yaml");
    fs::write(&path, text).unwrap();
    let out = run(&["scope", path.to_str().unwrap(), "--date", DATE]);
    assert_eq!(code(&out), 2);
    assert_eq!(stdout(&out), "");
    let err: Vec<&str> = stderr(&out).lines().collect();
    assert_eq!(err.len(), 4, "{err:?}");
    let shown = path.display().to_string();
    for line in &err {
        assert!(
            line.starts_with(&format!("error: {shown}: line ")),
            "{line}"
        );
    }
    assert!(err
        .iter()
        .any(|l| l.contains("(scripts[1].testcases[0]): unknown key `sektion` in testcases")));
    assert!(err
        .iter()
        .any(|l| l.contains("(versions[0].include[5]): unknown module `scs-0999-v1`")));
    assert!(err
        .iter()
        .any(|l| l.contains("(timeline[0].versions.v1): unknown validity `warning`")));
    assert!(err
        .iter()
        .any(|l| l.contains("(scripts[2].testcases[0].lifetime): unknown lifetime `fortnight`")));

    // Not YAML, or not a scope at all.
    fs::write(dir.join("broken.yaml"), "name: [unclosed\n").unwrap();
    let out = run(&["scope", dir.join("broken.yaml").to_str().unwrap()]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("not YAML"), "{}", stderr(&out));
    fs::write(dir.join("list.yaml"), "- 1\n- 2\n").unwrap();
    let out = run(&["scope", dir.join("list.yaml").to_str().unwrap()]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out)
            .contains("line 1, column 1 (the document): expected a mapping, found a sequence"),
        "{}",
        stderr(&out)
    );
    let out = run(&["scope", dir.join("missing.yaml").to_str().unwrap()]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("cannot read"));
    fs::remove_dir_all(dir).unwrap();
}

/// The summary of the compliant example cloud; the official runner prints the same lines for
/// the same results (its live script reports `scs-0101-rngd` as ABORT, which `certify` leaves
/// missing).
const COMPLIANT_SUMMARY: &str = "\
example-cloud Example IaaS scope next:
- main: PASS (11 passed)
- recommended: TENTATIVE pass (0 passed, 1 missing)
  - MISSING:
    - scs-0101-rngd:
      > A test VM runs rngd (needs a live cloud).
- preview: TENTATIVE pass (0 passed, 1 missing)
  - MISSING:
    - example-documentation:
      > Manual check: the operator's documentation was reviewed.
example-cloud Example IaaS scope v2:
- main: PASS (9 passed)
- recommended: TENTATIVE pass (0 passed, 1 missing)
  - MISSING:
    - scs-0101-rngd:
      > A test VM runs rngd (needs a live cloud).
example-cloud Example IaaS scope v1:
- main: PASS (4 passed)
";

#[test]
fn certify_a_compliant_cloud() {
    let args = [
        "certify",
        SCOPE,
        "-s",
        "example-cloud",
        "--data",
        COMPLIANT,
        "--date",
        DATE,
        "--now",
        NOW,
    ];
    let out = run(&args);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(stdout(&out), COMPLIANT_SUMMARY);
    // Findings go to stderr; none is an error.
    assert!(!stderr(&out).contains("ERROR:"), "{}", stderr(&out));
    // The official outcomes agree on this cloud.
    let mut official = args.to_vec();
    official.push("--official");
    assert_eq!(stdout(&run(&official)), COMPLIANT_SUMMARY);
}

#[test]
fn certify_a_cloud_with_defects() {
    let out = run(&[
        "certify",
        SCOPE,
        "-s",
        "example-cloud",
        "--data",
        DEFECTS,
        "--date",
        DATE,
        "--now",
        NOW,
    ]);
    assert_eq!(code(&out), 1);
    let text = stdout(&out);
    assert!(text.starts_with("example-cloud Example IaaS scope next:\n- main: FAIL (5 passed, 6 failed)\n  - FAILED:\n    - scs-0100-semantics-check:\n      > Flavors keep what their SCS names promise.\n"), "{text}");
    assert!(
        text.contains("example-cloud Example IaaS scope v2:\n- main: FAIL (3 passed, 6 failed)\n")
    );
    assert!(
        text.contains("example-cloud Example IaaS scope v1:\n- main: FAIL (2 passed, 2 failed)\n")
    );
    assert!(
        stderr(&out).contains("ERROR: scs-0100-syntax-check: "),
        "{}",
        stderr(&out)
    );
}

#[test]
fn certify_selects_as_the_runner_does() {
    // Sections and tests narrow the run; the missing lists are then not shown.
    let out = run(&[
        "certify",
        SCOPE,
        "-s",
        "c",
        "--data",
        COMPLIANT,
        "-d",
        DATE,
        "--now",
        NOW,
        "-t",
        "scs-010[02]",
    ]);
    assert_eq!(code(&out), 0);
    let text = stdout(&out);
    assert!(text.starts_with("c Example IaaS scope [tests: 'scs-010[02]'] next:\n- main: TENTATIVE pass (5 passed, 6 missing)\n- recommended: TENTATIVE pass (0 passed, 1 missing)\n"), "{text}");
    assert!(!text.contains("MISSING"));
    let out = run(&[
        "certify", SCOPE, "-s", "c", "--data", COMPLIANT, "-d", DATE, "--now", NOW, "-S", "heavy",
        "-V", "v1",
    ]);
    assert_eq!(stdout(&out), "c Example IaaS scope [sections: heavy] v1:\n- main: TENTATIVE pass (0 passed, 4 missing)\n");
    // Verbose lists the passed testcases.
    let out = run(&[
        "certify", SCOPE, "-s", "c", "--data", COMPLIANT, "-d", DATE, "--now", NOW, "-V", "v1",
        "-v",
    ]);
    assert!(stdout(&out).ends_with("- main: PASS (4 passed)\n  - PASSED:\n    - scs-0100-semantics-check:\n      > Flavors keep what their SCS names promise.\n      > https://docs.scs.community/standards/scs-0100-v3-flavor-naming\n    - scs-0100-syntax-check:\n      > Flavor names starting with SCS- follow the scs-0100 syntax.\n      > https://docs.scs.community/standards/scs-0100-v3-flavor-naming\n    - scs-0103-flavor-2v-4:\n      > The mandatory flavor SCS-2V-4 exists as specified.\n    - scs-0103-flavor-4v-16:\n      > The mandatory flavor SCS-4V-16 exists as specified.\n"), "{}", stdout(&out));
    // Errors: an unknown version, no version in force, a bad pattern, a missing folder.
    for (extra, message) in [
        (vec!["-V", "v9"], "requested version `v9` not found"),
        (
            vec!["-d", "2020-01-01"],
            "no valid version found for 2020-01-01",
        ),
        (vec!["-t", "scs-("], "invalid tests pattern `scs-(`"),
    ] {
        let mut args = vec!["certify", SCOPE, "-s", "c", "--data", COMPLIANT];
        args.extend(extra);
        let out = run(&args);
        assert_eq!(code(&out), 2);
        assert!(stderr(&out).contains(message), "{}", stderr(&out));
    }
    let out = run(&["certify", SCOPE, "-s", "c", "--data", "/nonexistent/folder"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("not a folder"));
}

#[test]
fn certify_a_cluster_with_a_kaas_scope() {
    // A KaaS-shaped scope written here: the three automated testcases, a manual one.
    let dir = scratch("kaas");
    let scope = "\
name: Example KaaS scope
uuid: 2b0e4d4a-0f3e-4d35-9a51-8c1e44c1a001
url: https://example.invalid/kaas.yaml
scripts:
- executable: ./run-scs-check.sh
  args: kaas {testcases}
  testcases:
  - {id: cncf-k8s-conformance, lifetime: year, section: heavy}
  - {id: version-policy-check, section: light}
  - {id: kaas-networking-check, lifetime: month, section: heavy}
- testcases:
  - {id: node-distribution-check, description: 'Manual check: nodes spread over zones.'}
modules:
- {id: conformance, targets: {main: [cncf-k8s-conformance]}}
- {id: versions, targets: {main: [version-policy-check]}}
- {id: nodes, targets: {preview: [node-distribution-check]}}
- {id: networking, targets: {main: [kaas-networking-check]}}
timeline:
- date: 2024-11-26
  versions: {v1: effective}
versions:
- {version: v1, stabilized_at: 2024-11-26, include: [conformance, versions, nodes, networking]}
";
    let path = dir.join("kaas.yaml");
    fs::write(&path, scope).unwrap();
    let out = run(&[
        "certify",
        path.to_str().unwrap(),
        "-s",
        "cluster-1",
        "--data",
        KAAS,
        "-d",
        "2026-09-15",
        "--now",
        "2026-09-15T00:00:00Z",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "cluster-1 Example KaaS scope v1:\n- main: PASS (3 passed)\n- preview: TENTATIVE pass (0 passed, 1 missing)\n  - MISSING:\n    - node-distribution-check:\n      > Manual check: nodes spread over zones.\n"
    );
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn certify_writes_a_report_that_evaluate_reads() {
    let dir = scratch("report");
    let report = dir.join("report.yaml");
    let out = run(&[
        "certify",
        SCOPE,
        "-s",
        "example-cloud",
        "--data",
        COMPLIANT,
        "--date",
        DATE,
        "--now",
        NOW,
        "-o",
        report.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = fs::read_to_string(&report).unwrap();
    assert!(text.starts_with("---\nspec:\n  uuid: \"6f1c1d2e-9a55-4c07-8d1b-3e2f0a9b7c41\"\n  name: \"Example IaaS scope\"\n"), "{text}");
    assert!(text.contains("\nchecked_at: 2026-11-15 00:00:00\nreference_date: 2026-11-20\nsubject: \"example-cloud\"\nrun:\n"), "{text}");
    assert!(
        text.contains("        \"scs-0123-service-image\": 1\n"),
        "{text}"
    );
    assert!(text.contains("  forced_version: null\n"));
    // The document reads back with the results of all 11 testcases run.
    let documents: Vec<scs_validators::scope::ReportDocument> =
        serde_saphyr::from_multiple(&text).unwrap();
    assert_eq!(documents.len(), 1);
    assert_eq!(documents[0].results().len(), 11);

    // The monitor's view at several instants: the day-lifetime services of `next` expire first
    // (checked 2026-11-15, a Sunday: day → 11-17, week → 11-23, month → 2027-01-01).
    let evaluate = |at: &str| run(&["evaluate", SCOPE, report.to_str().unwrap(), "--at", at]);
    let out = evaluate("2026-11-16T23:59:59Z");
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "next: PASS (expires 2026-11-17T00:00:00Z)\nv2: PASS (expires 2026-11-23T00:00:00Z)\n\
         v1: PASS (expires 2026-11-23T00:00:00Z)\n✅ v2\n"
    );
    let out = evaluate("2026-11-17T00:00:00Z");
    assert_eq!(
        stdout(&out),
        "next: MISSING\nv2: PASS (expires 2026-11-23T00:00:00Z)\nv1: PASS (expires 2026-11-23T00:00:00Z)\n✅ v2\n"
    );
    let out = evaluate("2026-11-23T00:00:00Z");
    assert_eq!(code(&out), 1);
    assert_eq!(
        stdout(&out),
        "next: MISSING\nv2: MISSING\nv1: MISSING\n🟧 v2\n"
    );
    // Drafts on request; another date for validity (only v1, effective).
    let out = run(&[
        "evaluate",
        SCOPE,
        report.to_str().unwrap(),
        "--at",
        "2026-11-16T00:00:00Z",
        "--include-drafts",
    ]);
    assert!(stdout(&out).ends_with("✅ next*, v2\n"), "{}", stdout(&out));
    let out = run(&[
        "evaluate",
        SCOPE,
        report.to_str().unwrap(),
        "--at",
        "2026-11-16T00:00:00Z",
        "--date",
        "2026-01-01",
    ]);
    assert_eq!(
        stdout(&out),
        "v1: PASS (expires 2026-11-23T00:00:00Z)\n✅ v1\n"
    );
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn evaluate_merges_reports_and_subjects_as_the_monitor() {
    let dir = scratch("merge");
    let make = |name: &str, subject: &str, checked_at: &str, results: &[(&str, i64)]| {
        let mut text = format!(
            "---\nspec:\n  uuid: 6f1c1d2e-9a55-4c07-8d1b-3e2f0a9b7c41\n  name: Example IaaS scope\n  url: x\nchecked_at: {checked_at}\nreference_date: 2026-11-20\nsubject: {subject}\nrun:\n  uuid: {name}\n  invocations:\n    inv-{name}:\n      results:\n"
        );
        for (id, code) in results {
            text.push_str(&format!("        {id}: {code}\n"));
        }
        text
    };
    let v1_main = [
        "scs-0100-semantics-check",
        "scs-0100-syntax-check",
        "scs-0103-flavor-2v-4",
        "scs-0103-flavor-4v-16",
    ];
    let pass: Vec<(&str, i64)> = v1_main.iter().map(|id| (*id, 1)).collect();
    let mut fail = pass.clone();
    fail[1].1 = -1;
    // Older FAIL, newer PASS for cloud-a (in one stream); only a FAIL for cloud-b; a report on
    // another scope.
    let stream = format!(
        "{}{}",
        make("r1", "cloud-a", "2026-11-16 08:00:00", &fail),
        make("r2", "cloud-a", "2026-11-17 08:00:00", &pass)
    );
    fs::write(dir.join("a.yaml"), stream).unwrap();
    fs::write(
        dir.join("b.yaml"),
        make("r3", "cloud-b", "2026-11-17 09:00:00.5", &fail),
    )
    .unwrap();
    fs::write(
        dir.join("other.yaml"),
        make("r4", "cloud-c", "2026-11-17 09:00:00", &pass).replace(
            "6f1c1d2e-9a55-4c07-8d1b-3e2f0a9b7c41",
            "00000000-0000-0000-0000-000000000000",
        ),
    )
    .unwrap();
    let files: Vec<String> = ["a.yaml", "b.yaml", "other.yaml"]
        .iter()
        .map(|f| dir.join(f).display().to_string())
        .collect();
    let mut args = vec!["evaluate", SCOPE];
    args.extend(files.iter().map(String::as_str));
    args.extend(["--at", "2026-11-18T00:00:00Z", "--date", "2026-01-01"]);
    let out = run(&args);
    // cloud-b fails: exit 1.
    assert_eq!(code(&out), 1);
    assert_eq!(
        stdout(&out),
        "cloud-a:\nv1: PASS (expires 2026-11-30T00:00:00Z)\n✅ v1\ncloud-b:\nv1: FAIL\n🛑 –\n"
    );
    assert!(
        stderr(&out).contains("a report on scope 00000000-0000-0000-0000-000000000000"),
        "{}",
        stderr(&out)
    );
    // Only cloud-a's reports: exit 0. A testcase the scope does not know is warned about.
    fs::write(
        dir.join("extra.yaml"),
        make("r5", "cloud-a", "2026-11-17 10:00:00", &[("tc-unknown", 1)]),
    )
    .unwrap();
    let out = run(&[
        "evaluate",
        SCOPE,
        &files[0],
        dir.join("extra.yaml").to_str().unwrap(),
        "--at",
        "2026-11-18T00:00:00Z",
        "--date",
        "2026-01-01",
    ]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    assert!(
        stderr(&out).contains(
            "WARNING: cloud-a: results of testcases the scope does not declare: tc-unknown"
        ),
        "{}",
        stderr(&out)
    );
    // Nothing on this scope, or not a report: exit 2.
    let out = run(&["evaluate", SCOPE, &files[2]]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("no report on scope 6f1c1d2e"),
        "{}",
        stderr(&out)
    );
    fs::write(dir.join("bad.yaml"), "spec: {uuid: x}\n").unwrap();
    let out = run(&["evaluate", SCOPE, dir.join("bad.yaml").to_str().unwrap()]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("not a report"), "{}", stderr(&out));
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn evaluate_reads_a_report_of_the_official_runner() {
    // Written by the official runner for the example scope (tests/data/scope/README.md).
    let report = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/data/scope/official-runner-report.yaml"
    );
    let out = run(&["evaluate", SCOPE, report, "--at", "2026-11-30T00:00:00Z"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    // Checked 2026-11-29 18:52 (a Sunday): day → 12-01, week → 12-07.
    assert_eq!(
        stdout(&out),
        "next: PASS (expires 2026-12-01T00:00:00Z)\nv2: PASS (expires 2026-12-07T00:00:00Z)\n\
         v1: PASS (expires 2026-12-07T00:00:00Z)\n✅ v2\n"
    );
}

#[test]
fn hostile_scope_files_give_errors_not_crashes() {
    let dir = scratch("hostile");
    // Deep nesting, in flow and block style.
    let deep_flow = format!("name: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    let deep_block: String = (0..5_000)
        .map(|depth| format!("{}- \n", "  ".repeat(depth)))
        .collect();
    // Anchors that would expand exponentially ("billion laughs").
    let mut laughs = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for level in 1..12 {
        let prev = level - 1;
        laughs.push_str(&format!(
            "a{level}: &a{level} [*a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}]\n"
        ));
    }
    for (name, text) in [
        ("flow.yaml", deep_flow),
        ("block.yaml", deep_block),
        ("laughs.yaml", laughs),
    ] {
        let path = dir.join(name);
        fs::write(&path, text).unwrap();
        let out = run(&["scope", path.to_str().unwrap()]);
        assert_eq!(code(&out), 2, "{name}: {}", stderr(&out));
        assert!(
            stderr(&out).starts_with("error: "),
            "{name}: {}",
            stderr(&out)
        );
    }
    // A large scope loads: 20,000 testcases in one module.
    let mut big =
        String::from("name: Big\nuuid: b\nurl: u\nscripts:\n- executable: ./x\n  testcases:\n");
    for at in 0..20_000 {
        big.push_str(&format!("  - id: tc-{at}\n"));
    }
    big.push_str("modules:\n- id: m\n  targets:\n    main:\n");
    for at in 0..20_000 {
        big.push_str(&format!("    - tc-{at}\n"));
    }
    big.push_str("timeline:\n- date: 2025-01-01\n  versions: {v1: effective}\nversions:\n- {version: v1, include: [m]}\n");
    let path = dir.join("big.yaml");
    fs::write(&path, big).unwrap();
    let out = run(&["scope", path.to_str().unwrap(), "--date", "2025-06-01"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stdout(&out).contains("- main: 20000 testcases (0 scs-check, 20000 live, 0 manual)\n"));
    fs::remove_dir_all(dir).unwrap();
}
