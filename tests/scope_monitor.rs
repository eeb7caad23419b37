//! The compliance monitor's view: relevant results (lifetimes, newest wins, unknown testcases)
//! and the scope verdict (versions in force, the walk, passed, summary), on toy scopes written
//! for these tests with the structure the digest's vectors (13.6, 13.7, 13.9) need.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use scs_validators::scope::{
    evaluate_scope, relevant_results, Buckets, Node, RelevantResults, ReportDocument, ResultRow,
    Scope, ScopeVerdict, TargetVerdict, Validity, Verdict,
};

/// A KaaS-like scope: version v1 (stable) whose main target has three testcases with the
/// lifetimes of 13.7 (year, the default week, month), a manual testcase that only a preview
/// target of a module outside v1 lists, a module without targets, and the timeline of 13.5.
const KAAS: &str = r#"
name: Toy KaaS
uuid: 00000000-0000-0000-0000-00000000000b
url: https://example.invalid/toy-kaas.yaml
scripts:
- executable: ./conformance.py
  testcases:
  - {id: cncf-k8s-conformance, lifetime: year, section: heavy}
- executable: ./version_policy.py
  testcases:
  - {id: version-policy-check, section: light}
- executable: ./networking.py
  testcases:
  - {id: kaas-networking-check, lifetime: month, section: heavy}
- testcases:
  - {id: node-distribution-check, description: checked by hand}
modules:
- {id: conformance, targets: {main: [cncf-k8s-conformance]}}
- {id: version-policy, targets: {main: [version-policy-check]}}
- {id: distribution}
- {id: distribution-manual, targets: {preview: [node-distribution-check]}}
- {id: networking, targets: {main: [kaas-networking-check]}}
versions:
- version: v1
  stabilized_at: 2024-11-26
  include: [conformance, version-policy, distribution, networking]
timeline:
- date: 2024-11-26
  versions: {v1: effective}
- date: 2024-02-28
  versions: {v1: draft}
"#;

/// An IaaS-like scope with the versions next (draft), v5.1, v4, v3 and main targets related as
/// 13.6 needs: `scs-0100-syntax-check` in every main target; `scs-0115-default-rules` and
/// `scs-0123-storage-apis` in next and v5.1 but not v4; `scs-0123-swift-s3` only in v5.1;
/// `scs-0123-service-s3` only in next; v3 ⊂ v4. A recommended testcase and a version without a
/// `main` target (never in force) complete it.
const IAAS: &str = r#"
name: Toy IaaS
uuid: 00000000-0000-0000-0000-00000000000a
url: https://example.invalid/toy-iaas.yaml
scripts:
- executable: ./iaas.py
  testcases:
  - {id: scs-0100-syntax-check}
  - {id: scs-0101-entropy-avail}
  - {id: scs-0102-image-v1}
  - {id: scs-0115-default-rules}
  - {id: scs-0116-recommended}
  - {id: scs-0123-storage-apis}
  - {id: scs-0123-swift-s3}
  - {id: scs-0123-service-s3}
modules:
- {id: flavors, targets: {main: [scs-0100-syntax-check]}}
- {id: entropy, targets: {main: [scs-0101-entropy-avail]}}
- {id: images-v1, targets: {main: [scs-0102-image-v1]}}
- {id: security-groups, targets: {main: [scs-0115-default-rules], recommended: [scs-0116-recommended]}}
- {id: services-v1, targets: {main: [scs-0123-storage-apis, scs-0123-swift-s3]}}
- {id: services-v2, targets: {main: [scs-0123-storage-apis, scs-0123-service-s3]}}
- {id: only-recommended, targets: {recommended: [scs-0116-recommended]}}
versions:
- {version: next, include: [flavors, entropy, security-groups, services-v2]}
- {version: v5.1, stabilized_at: 2024-12-19, include: [flavors, entropy, security-groups, services-v1]}
- {version: v4, stabilized_at: 2024-02-28, include: [flavors, entropy, images-v1]}
- {version: v3, stabilized_at: 2023-06-15, include: [flavors, images-v1]}
- {version: no-main, include: [only-recommended]}
timeline:
- date: 2026-06-11
  versions: {next: draft, v5.1: effective}
- date: 2025-07-01
  versions: {v5.1: effective, v4: deprecated, v3: deprecated}
- date: 2025-02-01
  versions: {v5.1: effective, v4: warn, v3: deprecated}
- date: 2024-12-19
  versions: {v5.1: effective, v4: effective, v3: deprecated}
"#;

/// The toy scope of digest 13.9 (written for the digest).
const TOY: &str = r#"
name: Toy scope
uuid: 00000000-0000-0000-0000-000000000001
url: https://example.invalid/toy.yaml
variables: [cloud, {mode: fast}]
scripts:
- executable: ./script_a.py
  args: -c {cloud} -m {mode} {testcases}
  testcases:
  - {id: tc-a, section: light}
  - {id: tc-b, lifetime: day}
  - {id: tc-c}
  - {id: tc-d}
  - {id: tc-e}
  - {id: tc-f}
- executable: ./script_b.py
  testcases:
  - {id: "ns:tc-g", section: heavy}
  - {id: tc-h}
- testcases:
  - {id: tc-manual, description: manual}
modules:
- {id: m1, targets: {main: [tc-a, tc-b], recommended: [tc-c]}}
- {id: m2, parameters: {p: a parameter}, targets: {main: [tc-d, tc-e, tc-f], preview: [tc-manual]}}
- {id: m3, targets: {main: ["ns:tc-g", tc-h]}}
timeline:
- date: 2025-01-01
  versions: {v2: draft, v1: effective, v0: deprecated}
versions:
- {version: v2, include: [m1, {ref: m2, parameters: {p: x}}, m3]}
- {version: v1, stabilized_at: 2024-12-01, include: [m1, m3]}
- {version: v0, stabilized_at: 2024-01-01, include: [m3]}
- {version: vX, include: [m1]}
"#;

fn load(text: &str) -> Scope {
    let node: Node = serde_saphyr::from_str(text).expect("the toy scope parses");
    Scope::load(&node).expect("the toy scope loads")
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
}

const SUBJECT: &str = "cloud-1";

/// Testcase id → result code, as a test writes them down.
type ResultSet = Vec<(String, i64)>;

fn row(scope: &Scope, testcase: &str, result: i64, checked_at: DateTime<Utc>) -> ResultRow {
    ResultRow {
        subject: SUBJECT.into(),
        scope_uuid: scope.uuid.clone(),
        version: None,
        testcase: testcase.into(),
        result,
        checked_at,
    }
}

/// Every testcase of every main target, with result 1.
fn all_pass(scope: &Scope) -> Vec<(String, i64)> {
    let mut ids: Vec<String> = Vec::new();
    for version in &scope.versions {
        for id in version.main() {
            if !ids.contains(id) {
                ids.push(id.clone());
            }
        }
    }
    ids.into_iter().map(|id| (id, 1)).collect()
}

/// `base` with the changes: a code sets the result, `None` removes it.
fn with(base: &[(String, i64)], changes: &[(&str, Option<i64>)]) -> Vec<(String, i64)> {
    let mut results: Vec<(String, i64)> = base.to_vec();
    for &(id, change) in changes {
        results.retain(|(kept, _)| kept != id);
        if let Some(code) = change {
            results.push((id.to_owned(), code));
        }
    }
    results
}

/// The monitor's view on `day` (validity) of results checked that morning (09:00 UTC) and
/// looked at at noon.
fn view<'s>(
    scope: &'s Scope,
    results: &[(String, i64)],
    day: NaiveDate,
    include_drafts: bool,
) -> ScopeVerdict<'s> {
    let checked = day.and_hms_opt(9, 0, 0).unwrap().and_utc();
    let rows: Vec<ResultRow> = results
        .iter()
        .map(|(id, code)| row(scope, id, *code, checked))
        .collect();
    let relevant = relevant_results(scope, SUBJECT, &rows, checked + Duration::hours(3));
    assert!(relevant.unknown.is_empty());
    evaluate_scope(scope, &relevant, day, include_drafts)
}

/// The per-version main verdicts, in file order.
fn verdicts(verdict: &ScopeVerdict<'_>) -> Vec<(String, Verdict)> {
    verdict
        .versions
        .iter()
        .map(|version| (version.version.name.clone(), version.verdict))
        .collect()
}

fn named(items: &[(&str, Verdict)]) -> Vec<(String, Verdict)> {
    items
        .iter()
        .map(|(name, verdict)| (name.to_string(), *verdict))
        .collect()
}

/// The runner's console verdict on a version's main target.
fn cli(scope: &Scope, results: &[(String, i64)], version: &str) -> TargetVerdict {
    let codes = results
        .iter()
        .map(|(id, code)| (id.as_str(), *code))
        .collect();
    Buckets::new(&codes, scope.version(version).unwrap().main()).target_verdict()
}

use Verdict::{Abort, Fail, Missing, Pass};

/// 13.6, KaaS at 2025-08-01 (v1 effective): sets K1 to K6.
#[test]
fn kaas_result_sets_while_v1_is_effective() {
    let scope = load(KAAS);
    let day = date(2025, 8, 1);
    let all = all_pass(&scope);
    assert_eq!(all.len(), 3);
    // set, results, CLI v1, monitor v1, passed, validity, summary
    type Case<'a> = (
        &'a str,
        ResultSet,
        TargetVerdict,
        Verdict,
        &'a [&'a str],
        Validity,
        &'a str,
    );
    let cases: [Case<'_>; 6] = [
        (
            "K1",
            all.clone(),
            TargetVerdict::Pass,
            Pass,
            &["v1"],
            Validity::Effective,
            "✅ v1",
        ),
        (
            "K2",
            with(&all, &[("version-policy-check", Some(-1))]),
            TargetVerdict::Fail,
            Fail,
            &[],
            Validity::Deprecated,
            "🛑 –",
        ),
        (
            "K3",
            with(&all, &[("version-policy-check", Some(0))]),
            TargetVerdict::Fail,
            Abort,
            &["v1"],
            Validity::Effective,
            "✅* v1",
        ),
        (
            "K4",
            with(&all, &[("cncf-k8s-conformance", None)]),
            TargetVerdict::TentativePass,
            Missing,
            &["v1"],
            Validity::Effective,
            "🟧 v1",
        ),
        (
            "K5",
            with(&all, &[("node-distribution-check", Some(-1))]),
            TargetVerdict::Pass,
            Pass,
            &["v1"],
            Validity::Effective,
            "✅ v1",
        ),
        (
            "K6",
            vec![],
            TargetVerdict::TentativePass,
            Missing,
            &["v1"],
            Validity::Effective,
            "🟧 v1",
        ),
    ];
    for (set, results, cli_v1, v1, passed, validity, summary) in cases {
        let verdict = view(&scope, &results, day, false);
        assert_eq!(cli(&scope, &results, "v1"), cli_v1, "{set}");
        assert_eq!(verdicts(&verdict), named(&[("v1", v1)]), "{set}");
        assert_eq!(verdict.relevant, ["v1"], "{set}");
        assert_eq!(verdict.result, v1, "{set}");
        assert_eq!(verdict.passed, passed, "{set}");
        assert_eq!(verdict.validity, validity, "{set}");
        assert_eq!(verdict.summary(), summary, "{set}");
        // The drafts view is the same: nothing is a draft.
        assert_eq!(view(&scope, &results, day, true), verdict, "{set}");
    }
    // K5: the manual testcase is in no target of v1, so in no bucket either.
    let verdict = view(
        &scope,
        &with(&all, &[("node-distribution-check", Some(-1))]),
        day,
        false,
    );
    assert!(verdict.buckets.failed.is_empty());
    assert_eq!(
        verdict.buckets.passed,
        [
            "cncf-k8s-conformance",
            "kaas-networking-check",
            "version-policy-check"
        ]
    );
}

/// 13.6, KaaS at 2024-03-01 (v1 draft), all PASS.
#[test]
fn kaas_while_v1_is_a_draft() {
    let scope = load(KAAS);
    let all = all_pass(&scope);
    let day = date(2024, 3, 1);
    let default = view(&scope, &all, day, false);
    assert_eq!(verdicts(&default), named(&[("v1", Pass)]));
    assert!(default.relevant.is_empty());
    assert_eq!(default.result, Fail);
    assert!(default.passed.is_empty());
    assert_eq!(default.summary(), "🛑 –");
    assert_eq!(default.buckets, Buckets::default());

    let drafts = view(&scope, &all, day, true);
    assert_eq!(drafts.relevant, ["v1"]);
    assert_eq!(drafts.result, Pass);
    assert_eq!(drafts.passed, ["v1"]);
    assert_eq!(drafts.winner, None);
    assert_eq!(drafts.validity, Validity::Deprecated);
    assert_eq!(drafts.passed_str(), "v1*");
    assert_eq!(drafts.summary(), "🛑 v1*");
}

/// 13.6, IaaS at 2025-02-15 (v5.1 effective, v4 warn, v3 deprecated): I1, I2, I3, I4, I7.
#[test]
fn iaas_result_sets_while_v4_warns() {
    let scope = load(IAAS);
    let day = date(2025, 2, 15);
    let all = all_pass(&scope);
    type Case<'a> = (
        &'a str,
        ResultSet,
        [TargetVerdict; 3],
        [Verdict; 3],
        &'a [&'a str],
        Validity,
        &'a str,
    );
    use TargetVerdict as T;
    let cases: [Case<'_>; 5] = [
        (
            "I1",
            all.clone(),
            [T::Pass, T::Pass, T::Pass],
            [Pass, Pass, Pass],
            &["v5.1"],
            Validity::Effective,
            "✅ v5.1",
        ),
        (
            "I2",
            with(&all, &[("scs-0115-default-rules", Some(-1))]),
            [T::Fail, T::Pass, T::Pass],
            [Fail, Pass, Pass],
            &["v4"],
            Validity::Warn,
            "🟧 v4†",
        ),
        (
            "I3",
            with(&all, &[("scs-0100-syntax-check", Some(-1))]),
            [T::Fail, T::Fail, T::Fail],
            [Fail, Fail, Fail],
            &[],
            Validity::Deprecated,
            "🛑 –",
        ),
        (
            "I4",
            with(&all, &[("scs-0115-default-rules", None)]),
            [T::TentativePass, T::Pass, T::Pass],
            [Missing, Pass, Pass],
            &["v5.1"],
            Validity::Effective,
            "🟧 v5.1",
        ),
        (
            "I7",
            with(&all, &[("scs-0123-storage-apis", Some(0))]),
            [T::Fail, T::Pass, T::Pass],
            [Abort, Pass, Pass],
            &["v5.1"],
            Validity::Effective,
            "✅* v5.1",
        ),
    ];
    for (set, results, cli_verdicts, monitor, passed, validity, summary) in cases {
        let verdict = view(&scope, &results, day, false);
        for (version, expected) in ["v5.1", "v4", "v3"].into_iter().zip(cli_verdicts) {
            assert_eq!(cli(&scope, &results, version), expected, "{set} {version}");
        }
        assert_eq!(
            verdicts(&verdict),
            named(&[("v5.1", monitor[0]), ("v4", monitor[1]), ("v3", monitor[2])]),
            "{set}"
        );
        assert_eq!(verdict.passed, passed, "{set}");
        assert_eq!(verdict.validity, validity, "{set}");
        assert_eq!(verdict.summary(), summary, "{set}");
        let walked: &[&str] = match set {
            "I2" => &["v5.1", "v4"],
            "I3" => &["v5.1", "v4", "v3"],
            _ => &["v5.1"],
        };
        assert_eq!(verdict.relevant, walked, "{set}");
        assert_eq!(verdict.winner, passed.first().copied(), "{set}");
    }

    // A FAIL in any main testcase of v5.1 that v4 lacks makes v4 the winner.
    let v4 = scope.version("v4").unwrap().main();
    let only_in_v51: Vec<&String> = scope
        .version("v5.1")
        .unwrap()
        .main()
        .iter()
        .filter(|id| !v4.contains(id))
        .collect();
    assert_eq!(only_in_v51.len(), 3);
    for id in only_in_v51 {
        let verdict = view(&scope, &with(&all, &[(id, Some(-1))]), day, false);
        assert_eq!(verdict.summary(), "🟧 v4†", "{id}");
    }
}

/// 13.6, IaaS at 2025-08-01 (v4 now deprecated): I2 → 🛑 v4††; I1 and I4 as before; I3 🛑 –.
#[test]
fn iaas_result_sets_after_v4_is_deprecated() {
    let scope = load(IAAS);
    let day = date(2025, 8, 1);
    let all = all_pass(&scope);
    let i2 = view(
        &scope,
        &with(&all, &[("scs-0115-default-rules", Some(-1))]),
        day,
        false,
    );
    assert_eq!(i2.passed, ["v4"]);
    assert_eq!(i2.winner, Some("v4"));
    assert_eq!(i2.validity, Validity::Deprecated);
    assert_eq!(i2.summary(), "🛑 v4††");
    assert_eq!(view(&scope, &all, day, false).summary(), "✅ v5.1");
    let i4 = with(&all, &[("scs-0115-default-rules", None)]);
    assert_eq!(view(&scope, &i4, day, false).summary(), "🟧 v5.1");
    let i3 = with(&all, &[("scs-0100-syntax-check", Some(-1))]);
    assert_eq!(view(&scope, &i3, day, false).summary(), "🛑 –");
}

/// 13.6, IaaS at 2026-11-24 (next draft, v5.1 effective): I1, I2, I5, I6, default view and with
/// drafts.
#[test]
fn iaas_result_sets_with_a_draft_next() {
    let scope = load(IAAS);
    let day = date(2026, 11, 24);
    let all = all_pass(&scope);
    use TargetVerdict as T;
    // set, results, CLI next / v5.1, monitor next / v5.1, default view, with drafts
    type Case<'a> = (&'a str, ResultSet, [T; 2], [Verdict; 2], &'a str, &'a str);
    let cases: [Case<'_>; 4] = [
        (
            "I1",
            all.clone(),
            [T::Pass, T::Pass],
            [Pass, Pass],
            "✅ v5.1",
            "✅ next*, v5.1",
        ),
        (
            "I2",
            with(&all, &[("scs-0115-default-rules", Some(-1))]),
            [T::Fail, T::Fail],
            [Fail, Fail],
            "🛑 –",
            "🛑 –",
        ),
        (
            "I5",
            with(&all, &[("scs-0123-service-s3", None)]),
            [T::TentativePass, T::Pass],
            [Missing, Pass],
            "✅ v5.1",
            "✅ next*, v5.1",
        ),
        (
            "I6",
            with(&all, &[("scs-0123-swift-s3", Some(-1))]),
            [T::Pass, T::Fail],
            [Pass, Fail],
            "🛑 –",
            "🛑 next*",
        ),
    ];
    for (set, results, cli_verdicts, monitor, default_summary, drafts_summary) in cases {
        for (version, expected) in ["next", "v5.1"].into_iter().zip(cli_verdicts) {
            assert_eq!(cli(&scope, &results, version), expected, "{set} {version}");
        }
        let default = view(&scope, &results, day, false);
        let drafts = view(&scope, &results, day, true);
        let expected = named(&[("next", monitor[0]), ("v5.1", monitor[1])]);
        assert_eq!(verdicts(&default), expected, "{set}");
        assert_eq!(verdicts(&drafts), expected, "{set}");
        assert_eq!(default.relevant, ["v5.1"], "{set}");
        assert_eq!(drafts.relevant, ["next", "v5.1"], "{set}");
        assert_eq!(default.summary(), default_summary, "{set}");
        assert_eq!(drafts.summary(), drafts_summary, "{set}");
    }
    // I6 with drafts: only the draft passed; no winner, so deprecated, and the result is v5.1's.
    let i6 = view(
        &scope,
        &with(&all, &[("scs-0123-swift-s3", Some(-1))]),
        day,
        true,
    );
    assert_eq!(
        (i6.result, i6.winner, i6.validity),
        (Fail, None, Validity::Deprecated)
    );
    assert_eq!(i6.passed, ["next"]);
}

/// 13.6, IaaS at 2024-03-01: no version in force, so `🛑 –` whatever the results.
#[test]
fn iaas_before_the_timeline() {
    let scope = load(IAAS);
    let all = all_pass(&scope);
    for results in [
        all.clone(),
        vec![],
        with(&all, &[("scs-0100-syntax-check", Some(-1))]),
    ] {
        for drafts in [false, true] {
            let verdict = view(&scope, &results, date(2024, 3, 1), drafts);
            assert!(verdict.versions.is_empty());
            assert!(verdict.relevant.is_empty());
            assert_eq!(verdict.result, Fail);
            assert_eq!(verdict.summary(), "🛑 –");
        }
    }
}

/// 13.9: the monitor's view of the toy run (v2 draft -1, v1 -1, v0 1).
#[test]
fn the_toy_run_of_13_9() {
    let scope = load(TOY);
    let results: Vec<(String, i64)> = [
        ("tc-a", 1),
        ("tc-b", -1),
        ("tc-c", 0),
        ("tc-d", 1),
        ("tc-f", -1),
        ("ns:tc-g", 1),
        ("tc-h", 1),
    ]
    .into_iter()
    .map(|(id, code)| (id.to_owned(), code))
    .collect();
    let verdict = view(&scope, &results, date(2025, 6, 1), false);
    assert_eq!(
        verdicts(&verdict),
        named(&[("v2", Fail), ("v1", Fail), ("v0", Pass)])
    );
    assert_eq!(verdict.relevant, ["v1", "v0"]);
    assert_eq!(verdict.passed, ["v0"]);
    assert_eq!(verdict.validity, Validity::Deprecated);
    assert_eq!(verdict.summary(), "🛑 v0††");
    // Per target of v2: main FAIL, recommended ABORT (the monitor's order), preview missing.
    let v2 = verdict.version("v2").unwrap();
    assert_eq!(
        v2.targets,
        [("main", Fail), ("recommended", Abort), ("preview", Missing)]
    );
    // Buckets of v1 and v0 (the walked versions): stable-main testcases first, then by id.
    assert_eq!(verdict.buckets.passed, ["ns:tc-g", "tc-a", "tc-h"]);
    assert_eq!(verdict.buckets.failed, ["tc-b"]);
    assert_eq!(verdict.buckets.aborted, ["tc-c"]);
    let with_drafts = view(&scope, &results, date(2025, 6, 1), true);
    assert_eq!(with_drafts.summary(), "🛑 v0††");
    // Now v2's testcases are listed too; tc-c, tc-d, tc-e, tc-f and tc-manual are in no stable
    // main target and come after the others.
    assert_eq!(
        with_drafts.buckets.passed,
        ["ns:tc-g", "tc-a", "tc-h", "tc-d"]
    );
    assert_eq!(with_drafts.buckets.failed, ["tc-b", "tc-f"]);
    assert_eq!(with_drafts.buckets.missing, ["tc-e", "tc-manual"]);
}

/// The stored rows of 13.7: three PASS rows in the current format, a legacy FAIL row for
/// version v1, and a row for a testcase the scope does not declare.
fn rows_of_13_7(scope: &Scope) -> Vec<ResultRow> {
    let report = |checked_at: &str, results: &str| -> ReportDocument {
        serde_saphyr::from_str(&format!(
            "subject: {SUBJECT}\nchecked_at: {checked_at}\nspec: {{uuid: {}}}\n\
             run: {{uuid: r, invocations: {{i1: {{results: {{{results}}}}}}}}}\n",
            scope.uuid
        ))
        .unwrap()
    };
    let legacy: ReportDocument = serde_saphyr::from_str(&format!(
        "subject: {SUBJECT}\nchecked_at: 2026-11-09 03:00:00\nspec: {{uuid: {}}}\n\
         run: {{uuid: legacy}}\nversions: {{v1: {{version-policy-check: {{result: -1}}}}}}\n",
        scope.uuid
    ))
    .unwrap();
    let mut rows = Vec::new();
    rows.extend(ResultRow::from_report(&report(
        "2025-11-15 12:00:00",
        "cncf-k8s-conformance: 1",
    )));
    rows.extend(ResultRow::from_report(&report(
        "2026-10-05 03:00:00",
        "kaas-networking-check: 1, node-distribution-retired: 1",
    )));
    rows.extend(ResultRow::from_report(&report(
        "2026-11-10 03:00:00",
        "version-policy-check: 1",
    )));
    rows.extend(ResultRow::from_report(&legacy));
    assert_eq!(rows.len(), 5);
    assert_eq!(rows[4].version.as_deref(), Some("v1"));
    assert_eq!(rows[4].result, -1);
    assert!(rows[..4].iter().all(|row| row.version.is_none()));
    rows
}

/// 13.7: lifetime expiry in the monitor, every row of the table.
#[test]
fn lifetimes_in_the_monitor() {
    let scope = load(KAAS);
    let rows = rows_of_13_7(&scope);
    let all = [
        "cncf-k8s-conformance",
        "kaas-networking-check",
        "version-policy-check",
    ];
    // now, surviving testcases, expired rows, v1's verdict, summary
    type Case<'a> = (
        DateTime<Utc>,
        &'a [&'a str],
        usize,
        Option<Verdict>,
        &'a str,
    );
    let cases: [Case<'_>; 5] = [
        (utc(2026, 11, 22, 23, 59), &all, 0, Some(Pass), "✅ v1"),
        (
            utc(2026, 11, 23, 0, 0),
            &all[..2],
            2,
            Some(Missing),
            "🟧 v1",
        ),
        (
            utc(2026, 11, 24, 12, 0),
            &all[..2],
            2,
            Some(Missing),
            "🟧 v1",
        ),
        (utc(2026, 12, 1, 0, 0), &all[..1], 3, Some(Missing), "🟧 v1"),
        (utc(2027, 1, 1, 0, 0), &[], 4, None, ""),
    ];
    for (now, surviving, expired, v1, summary) in cases {
        let relevant = relevant_results(&scope, SUBJECT, &rows, now);
        assert_eq!(relevant.unknown, ["node-distribution-retired"], "{now}");
        let mut kept: Vec<&str> = relevant
            .results
            .iter()
            .map(|kept| kept.testcase.as_str())
            .collect();
        kept.sort_unstable();
        assert_eq!(kept, surviving, "{now}");
        assert!(
            relevant.results.iter().all(|kept| kept.result == 1),
            "{now}"
        );
        assert_eq!(relevant.expired, expired, "{now}");
        match v1 {
            Some(v1) => {
                let verdict = evaluate_scope(&scope, &relevant, now.date_naive(), false);
                assert_eq!(verdicts(&verdict), named(&[("v1", v1)]), "{now}");
                assert_eq!(verdict.summary(), summary, "{now}");
            }
            // The subject would be absent from the monitor's overview.
            None => assert!(relevant.is_empty(), "{now}"),
        }
    }

    // With the results page's grace period of 7 days: all three count again.
    let now = utc(2026, 11, 24, 12, 0);
    let relevant = relevant_results(&scope, SUBJECT, &rows, now - Duration::days(7));
    assert_eq!(relevant.results.len(), 3);
    assert_eq!(relevant.get("version-policy-check").unwrap().result, 1);
    let verdict = evaluate_scope(&scope, &relevant, now.date_naive(), false);
    assert_eq!(verdict.summary(), "✅ v1");
}

/// 13.7: the newer PASS beats the older legacy FAIL in either order of the rows; an equal
/// `checked_at` goes to the row given later.
#[test]
fn the_newest_row_wins_and_ties_go_to_the_later_row() {
    let scope = load(KAAS);
    let mut rows = rows_of_13_7(&scope);
    rows.reverse();
    let relevant = relevant_results(&scope, SUBJECT, &rows, utc(2026, 11, 22, 23, 59));
    let kept = relevant.get("version-policy-check").unwrap();
    assert_eq!((kept.result, kept.checked_at), (1, utc(2026, 11, 10, 3, 0)));

    let at = utc(2026, 11, 10, 3, 0);
    let pass = row(&scope, "version-policy-check", 1, at);
    let fail = row(&scope, "version-policy-check", -1, at);
    let now = utc(2026, 11, 11, 0, 0);
    let later_fail = relevant_results(&scope, SUBJECT, [&pass, &fail], now);
    assert_eq!(later_fail.get("version-policy-check").unwrap().result, -1);
    let later_pass = relevant_results(&scope, SUBJECT, [&fail, &pass], now);
    assert_eq!(later_pass.get("version-policy-check").unwrap().result, 1);
    // An older row given later does not replace a newer one.
    let older = row(&scope, "version-policy-check", -1, at - Duration::hours(1));
    let relevant = relevant_results(&scope, SUBJECT, [&pass, &older], now);
    assert_eq!(relevant.get("version-policy-check").unwrap().result, 1);
    assert_eq!(relevant.results.len(), 1);
}

#[test]
fn rows_of_other_subjects_and_scopes_are_skipped() {
    let scope = load(KAAS);
    let at = utc(2026, 11, 10, 3, 0);
    let mut foreign_subject = row(&scope, "version-policy-check", -1, at);
    foreign_subject.subject = "cloud-2".into();
    let mut foreign_scope = row(&scope, "version-policy-check", -1, at);
    foreign_scope.scope_uuid = "another-scope".into();
    let mut unknown_twice = row(&scope, "nope", 1, at);
    unknown_twice.version = Some("v1".into());
    let rows = [
        row(&scope, "version-policy-check", 1, at),
        foreign_subject,
        foreign_scope,
        row(&scope, "nope", 1, at),
        unknown_twice,
        row(&scope, "other", 1, at),
    ];
    let relevant = relevant_results(&scope, SUBJECT, &rows, at);
    assert_eq!(relevant.skipped, 2);
    assert_eq!(relevant.unknown, ["nope", "other"]);
    assert_eq!(relevant.results.len(), 1);
    assert_eq!(relevant.get("version-policy-check").unwrap().result, 1);
    assert_eq!(relevant.codes().get("version-policy-check"), Some(1));
    assert_eq!(
        relevant_results(&scope, "cloud-2", &rows, at).results[0].result,
        -1
    );
}

#[test]
fn expires_at_is_the_first_moment_the_verdict_can_change() {
    let scope = load(KAAS);
    let rows = rows_of_13_7(&scope);
    let at = |now: DateTime<Utc>| {
        let relevant = relevant_results(&scope, SUBJECT, &rows, now);
        let verdict = evaluate_scope(&scope, &relevant, now.date_naive(), false);
        let v1 = verdict.version("v1").unwrap();
        (v1.verdict, v1.expires_at)
    };
    // PASS until the weekly result expires at 2026-11-23 00:00 (exclusive).
    let change = utc(2026, 11, 23, 0, 0);
    assert_eq!(at(utc(2026, 11, 12, 0, 0)), (Pass, Some(change)));
    assert_eq!(at(change - Duration::nanoseconds(1)), (Pass, Some(change)));
    assert_eq!(at(change), (Missing, None));

    // ABORT also has an expiry; the per-result instants are those of each lifetime.
    let now = utc(2026, 11, 12, 0, 0);
    let mut aborted = rows.clone();
    aborted.push(row(
        &scope,
        "kaas-networking-check",
        0,
        utc(2026, 11, 11, 8, 0),
    ));
    let relevant = relevant_results(&scope, SUBJECT, &aborted, now);
    assert_eq!(
        relevant.get("kaas-networking-check").unwrap().expires_at,
        utc(2027, 1, 1, 0, 0)
    );
    assert_eq!(
        relevant.get("cncf-k8s-conformance").unwrap().expires_at,
        utc(2027, 1, 1, 0, 0)
    );
    let verdict = evaluate_scope(&scope, &relevant, now.date_naive(), false);
    let v1 = verdict.version("v1").unwrap();
    assert_eq!((v1.verdict, v1.expires_at), (Abort, Some(change)));

    // FAIL: no expiry given.
    let mut failed = rows.clone();
    failed.push(row(
        &scope,
        "cncf-k8s-conformance",
        -1,
        utc(2026, 11, 11, 8, 0),
    ));
    let relevant = relevant_results(&scope, SUBJECT, &failed, now);
    let verdict = evaluate_scope(&scope, &relevant, now.date_naive(), false);
    let v1 = verdict.version("v1").unwrap();
    assert_eq!((v1.verdict, v1.expires_at), (Fail, None));
}

#[test]
fn a_version_without_main_is_missing() {
    // Put the IaaS version without `main` in force by a timeline of its own.
    let text = IAAS.replace(
        "- date: 2026-06-11\n  versions: {next: draft, v5.1: effective}",
        "- date: 2027-01-01\n  versions: {no-main: effective}\n\
         - date: 2026-06-11\n  versions: {next: draft, v5.1: effective}",
    );
    let scope = load(&text);
    let results = all_pass(&scope);
    let verdict = view(&scope, &results, date(2027, 1, 2), false);
    let no_main = verdict.version("no-main").unwrap();
    assert!(!no_main.has_main);
    assert_eq!(no_main.targets, [("recommended", Missing)]);
    assert_eq!((no_main.verdict, no_main.expires_at), (Missing, None));
    // Like a missing result, it is the winner, shown 🟧.
    assert_eq!(verdict.winner, Some("no-main"));
    assert_eq!(verdict.summary(), "🟧 no-main");
    assert_eq!(verdict.versions.len(), 1);
}

#[test]
fn non_canonical_codes_count_as_present() {
    let scope = load(KAAS);
    let all = all_pass(&scope);
    let results = with(&all, &[("version-policy-check", Some(2))]);
    let verdict = view(&scope, &results, date(2025, 8, 1), false);
    assert_eq!(verdict.result, Pass);
    assert_eq!(verdict.summary(), "✅ v1");
    assert_eq!(verdict.buckets.other, ["version-policy-check"]);
    assert!(verdict.version("v1").unwrap().expires_at.is_some());
}

#[test]
fn many_rows_in_one_pass() {
    let scope = load(KAAS);
    let start = utc(2026, 11, 1, 0, 0);
    let ids = [
        "cncf-k8s-conformance",
        "kaas-networking-check",
        "version-policy-check",
        "unknown",
    ];
    let rows: Vec<ResultRow> = (0..200_000)
        .map(|n| {
            let checked = start + Duration::seconds(n);
            row(
                &scope,
                ids[n as usize % 4],
                if n % 7 == 0 { -1 } else { 1 },
                checked,
            )
        })
        .collect();
    let relevant: RelevantResults =
        relevant_results(&scope, SUBJECT, &rows, start + Duration::days(3));
    assert_eq!(relevant.results.len(), 3);
    assert_eq!(relevant.unknown, ["unknown"]);
    // The newest row of each testcase wins.
    for (offset, id) in ids[..3].iter().enumerate() {
        let n = 200_000 - 4 + offset as i64;
        let kept = relevant.get(id).unwrap();
        assert_eq!(kept.checked_at, start + Duration::seconds(n));
        assert_eq!(kept.result, if n % 7 == 0 { -1 } else { 1 });
    }
}
