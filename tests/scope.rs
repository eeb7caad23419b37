//! scs-0003/scs-0004 scopes: loading, validity, lifetimes, result lines, verdicts, selection
//! and the runner's summary. Vectors from the rule digest, sections 13.3-13.10; every scope file
//! here is written for this project.

use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Timelike, Utc};
use proptest::prelude::*;
use scs_validators::report::Outcome;
use scs_validators::scope::{
    evaluate, parse_result_lines, split_lines, Buckets, Lifetime, Node, OfficialLoad, ProblemKind,
    Results, RunOptions, Scope, SelectError, TargetVerdict, Validity, Verdict,
};

const TOY: &str = include_str!("data/scope/toy.yaml");

fn node(yaml: &str) -> Node {
    serde_saphyr::from_str(yaml).expect("test YAML parses")
}

fn load(yaml: &str) -> Scope {
    Scope::load(&node(yaml)).unwrap_or_else(|e| panic!("{e}"))
}

fn problems(yaml: &str) -> Vec<(ProblemKind, OfficialLoad, String)> {
    match Scope::load(&node(yaml)) {
        Ok(_) => Vec::new(),
        Err(error) => error
            .problems
            .into_iter()
            .map(|p| (p.kind, p.official, p.place.path))
            .collect(),
    }
}

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn instant(text: &str) -> DateTime<Utc> {
    for format in ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"] {
        if let Ok(t) = chrono::NaiveDateTime::parse_from_str(text, format) {
            return t.and_utc();
        }
    }
    panic!("bad test instant {text}")
}

// ---------------------------------------------------------------------------------------------
// 13.4: Lifetime::expiry

#[test]
fn lifetime_expiry_table() {
    // checked_at, day, week, month, quarter, year
    let table = [
        (
            "2024-03-01 00:00",
            "2024-03-03",
            "2024-03-11",
            "2024-05-01",
            "2024-07-01",
            "2025-05-01",
        ),
        (
            "2024-03-01 13:37",
            "2024-03-03",
            "2024-03-11",
            "2024-05-01",
            "2024-07-01",
            "2025-05-01",
        ),
        (
            "2024-03-03 23:59",
            "2024-03-05",
            "2024-03-11",
            "2024-05-01",
            "2024-07-01",
            "2025-05-01",
        ),
        (
            "2024-03-04 00:00",
            "2024-03-06",
            "2024-03-18",
            "2024-05-01",
            "2024-07-01",
            "2025-05-01",
        ),
        (
            "2024-02-28 12:00",
            "2024-03-01",
            "2024-03-11",
            "2024-04-01",
            "2024-07-01",
            "2025-04-01",
        ),
        (
            "2024-02-29 12:00",
            "2024-03-02",
            "2024-03-11",
            "2024-04-01",
            "2024-07-01",
            "2025-04-01",
        ),
        (
            "2024-12-30 08:00",
            "2025-01-01",
            "2025-01-13",
            "2025-02-01",
            "2025-04-01",
            "2026-02-01",
        ),
        (
            "2024-12-31 23:59:59",
            "2025-01-02",
            "2025-01-13",
            "2025-02-01",
            "2025-04-01",
            "2026-02-01",
        ),
        (
            "2025-01-31 10:00",
            "2025-02-02",
            "2025-02-10",
            "2025-03-01",
            "2025-07-01",
            "2026-03-01",
        ),
        (
            "2025-02-15 09:30",
            "2025-02-17",
            "2025-02-24",
            "2025-04-01",
            "2025-07-01",
            "2026-04-01",
        ),
        (
            "2025-08-01 00:00",
            "2025-08-03",
            "2025-08-11",
            "2025-10-01",
            "2026-01-01",
            "2026-10-01",
        ),
        (
            "2025-09-30 18:00",
            "2025-10-02",
            "2025-10-13",
            "2025-11-01",
            "2026-01-01",
            "2026-11-01",
        ),
        (
            "2025-10-01 00:00",
            "2025-10-03",
            "2025-10-13",
            "2025-12-01",
            "2026-04-01",
            "2026-12-01",
        ),
        (
            "2025-11-15 12:00",
            "2025-11-17",
            "2025-11-24",
            "2026-01-01",
            "2026-04-01",
            "2027-01-01",
        ),
        (
            "2025-12-31 12:00",
            "2026-01-02",
            "2026-01-12",
            "2026-02-01",
            "2026-04-01",
            "2027-02-01",
        ),
        (
            "2026-03-31 12:00",
            "2026-04-02",
            "2026-04-13",
            "2026-05-01",
            "2026-07-01",
            "2027-05-01",
        ),
        (
            "2026-06-30 23:00",
            "2026-07-02",
            "2026-07-13",
            "2026-08-01",
            "2026-10-01",
            "2027-08-01",
        ),
        (
            "2026-07-01 00:00",
            "2026-07-03",
            "2026-07-13",
            "2026-09-01",
            "2027-01-01",
            "2027-09-01",
        ),
        (
            "2026-11-24 14:00",
            "2026-11-26",
            "2026-12-07",
            "2027-01-01",
            "2027-04-01",
            "2028-01-01",
        ),
    ];
    for (checked, day, week, month, quarter, year) in table {
        let checked_at = instant(checked);
        for (lifetime, expected) in [
            (Lifetime::Day, day),
            (Lifetime::Week, week),
            (Lifetime::Month, month),
            (Lifetime::Quarter, quarter),
            (Lifetime::Year, year),
        ] {
            let expected = date(expected).and_hms_opt(0, 0, 0).unwrap().and_utc();
            assert_eq!(
                lifetime.expiry(checked_at),
                expected,
                "{lifetime} checked at {checked}"
            );
        }
    }
    // The default lifetime is a week.
    assert_eq!(Lifetime::default(), Lifetime::Week);
}

#[test]
fn unknown_lifetimes_are_errors() {
    for text in ["fortnight", "Week", "", " week"] {
        let error = text.parse::<Lifetime>().unwrap_err();
        assert!(error.to_string().contains("unknown lifetime"), "{error}");
    }
    assert_eq!("quarter".parse::<Lifetime>().unwrap(), Lifetime::Quarter);
}

#[test]
fn expiry_saturates_at_the_end_of_time() {
    let last = DateTime::<Utc>::MAX_UTC;
    for lifetime in Lifetime::ALL {
        assert_eq!(lifetime.expiry(last), DateTime::<Utc>::MAX_UTC);
    }
}

proptest! {
    /// Expiry is always 00:00 of a later day, and never earlier for a later check.
    #[test]
    fn expiry_is_a_later_midnight_and_monotone(
        seconds in 0i64..4_000_000_000,
        later in 0i64..100_000_000,
        which in 0usize..5,
    ) {
        let lifetime = Lifetime::ALL[which];
        let checked = Utc.timestamp_opt(seconds, 0).unwrap();
        let expiry = lifetime.expiry(checked);
        prop_assert!(expiry > checked);
        prop_assert_eq!((expiry.hour(), expiry.minute(), expiry.second()), (0, 0, 0));
        prop_assert!(expiry.date_naive() > checked.date_naive());
        let checked_later = Utc.timestamp_opt(seconds + later, 0).unwrap();
        prop_assert!(lifetime.expiry(checked_later) >= expiry);
        if which > 0 {
            // A longer lifetime never expires earlier.
            prop_assert!(expiry > Lifetime::ALL[which - 1].expiry(checked));
        }
        if lifetime == Lifetime::Month || lifetime == Lifetime::Quarter || lifetime == Lifetime::Year {
            prop_assert_eq!(expiry.day(), 1);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 13.3: evaluate and the runner's verdict

#[test]
fn evaluate_truth_table() {
    /// Results present, the monitor's verdict, the runner's verdict, the runner's tally.
    type Row = (
        &'static [(&'static str, i64)],
        Verdict,
        TargetVerdict,
        &'static str,
    );
    let rows: [Row; 12] = [
        (
            &[("a", 1), ("b", 1)],
            Verdict::Pass,
            TargetVerdict::Pass,
            "2 passed",
        ),
        (
            &[("a", 1), ("b", 0)],
            Verdict::Abort,
            TargetVerdict::Fail,
            "1 passed, 1 aborted",
        ),
        (
            &[("a", 1), ("b", -1)],
            Verdict::Fail,
            TargetVerdict::Fail,
            "1 passed, 1 failed",
        ),
        (
            &[("a", 1)],
            Verdict::Missing,
            TargetVerdict::TentativePass,
            "1 passed, 1 missing",
        ),
        (
            &[("a", 0), ("b", 0)],
            Verdict::Abort,
            TargetVerdict::Fail,
            "0 passed, 2 aborted",
        ),
        (
            &[("a", 0), ("b", -1)],
            Verdict::Fail,
            TargetVerdict::Fail,
            "0 passed, 1 failed, 1 aborted",
        ),
        (
            &[("a", 0)],
            Verdict::Missing,
            TargetVerdict::Fail,
            "0 passed, 1 aborted, 1 missing",
        ),
        (
            &[("a", -1), ("b", -1)],
            Verdict::Fail,
            TargetVerdict::Fail,
            "0 passed, 2 failed",
        ),
        (
            &[("a", -1)],
            Verdict::Fail,
            TargetVerdict::Fail,
            "0 passed, 1 failed, 1 missing",
        ),
        (
            &[],
            Verdict::Missing,
            TargetVerdict::TentativePass,
            "0 passed, 2 missing",
        ),
        // value 2 (non-canonical) only: counted nowhere, behaves like PASS
        (
            &[("a", 2), ("b", 2)],
            Verdict::Pass,
            TargetVerdict::Pass,
            "0 passed",
        ),
        (
            &[("a", 2), ("b", 1)],
            Verdict::Pass,
            TargetVerdict::Pass,
            "1 passed",
        ),
    ];
    for (values, verdict, target, tally) in rows {
        let results: Results = values.iter().map(|&(id, code)| (id, code)).collect();
        let ids = ["a", "b"];
        assert_eq!(evaluate(&results, &ids), verdict, "{values:?}");
        let buckets = Buckets::new(&results, &ids);
        assert_eq!(buckets.verdict(), verdict, "{values:?}");
        assert_eq!(buckets.target_verdict(), target, "{values:?}");
        assert_eq!(buckets.tally(), tally, "{values:?}");
    }
    // No testcases at all.
    let empty: [&str; 0] = [];
    assert_eq!(evaluate(&Results::new(), &empty), Verdict::Pass);
    let buckets = Buckets::new(&Results::new(), &empty);
    assert_eq!(buckets.target_verdict(), TargetVerdict::Pass);
    assert_eq!(buckets.tally(), "0 passed");
    assert_eq!(TargetVerdict::TentativePass.to_string(), "TENTATIVE pass");
    assert_eq!(Verdict::Missing.to_string(), "MISSING");
}

// ---------------------------------------------------------------------------------------------
// 8.3: result lines

#[test]
fn result_lines_as_the_runner_reads_them() {
    let stdout = "header line without verdict\ntc-a: PASS\ntc-b:fail\ntc-c: ABORT\ntc-x: PASS\n\
                  tc-d : pass \ntc-e: MAYBE\ntc-f: PASS\ntc-f: FAIL\nINFO: this is info on stdout\n\
                  ns:tc-g: PASS\ntc-h: PASSED\n";
    let requested = [
        "tc-a", "tc-b", "tc-c", "tc-d", "tc-e", "tc-f", "ns:tc-g", "tc-h",
    ];
    let parsed = parse_result_lines(split_lines(stdout), &requested);
    let got: Vec<(&str, i64)> = parsed.results.iter().collect();
    assert_eq!(
        got,
        [
            ("tc-a", 1),
            ("tc-b", -1),
            ("tc-c", 0),
            ("tc-d", 1),
            ("tc-f", -1),
            ("ns:tc-g", 1)
        ]
    );
    assert_eq!(parsed.ignored, ["tc-x"]);
    // Without a request list every id counts.
    let none: [&str; 0] = [];
    let parsed = parse_result_lines(split_lines("tc-x: abort\n"), &none);
    assert_eq!(parsed.results.get("tc-x"), Some(0));
    // Python's upper-casing and stripping.
    let parsed = parse_result_lines(["tc-y:\u{1f}pa\u{17f}s\u{1c}"], &none);
    assert_eq!(parsed.results.get("tc-y"), Some(1));
    assert_eq!(
        Outcome::Fail,
        scs_validators::scope::code_outcome(parsed.results.get("tc-y").unwrap() - 2).unwrap()
    );
}

#[test]
fn lines_split_as_python_splits_them() {
    assert_eq!(
        split_lines("a\nb\r\nc\rd\u{2028}e\u{85}f\n"),
        ["a", "b", "c", "d", "e", "f"]
    );
    assert_eq!(split_lines("a\n\nb"), ["a", "", "b"]);
    assert_eq!(split_lines(""), Vec::<&str>::new());
    assert_eq!(split_lines("x\u{1c}y\u{0b}z"), ["x", "y", "z"]);
}

// ---------------------------------------------------------------------------------------------
// 13.9: the synthetic scope, loaded, selected and summarised

#[test]
fn toy_scope_loads_with_the_official_facts() {
    let scope = load(TOY);
    let names: Vec<(&str, Option<&str>)> = scope
        .variables
        .iter()
        .map(|v| (v.name.as_str(), v.default.as_deref()))
        .collect();
    assert_eq!(names, [("cloud", None), ("mode", Some("fast"))]);
    let attn: Vec<(&str, usize)> = scope
        .testcases
        .iter()
        .map(|t| (t.id.as_str(), t.stable_main_versions))
        .collect();
    assert_eq!(
        attn,
        [
            ("tc-a", 1),
            ("tc-b", 1),
            ("tc-c", 0),
            ("tc-d", 0),
            ("tc-e", 0),
            ("tc-f", 0),
            ("ns:tc-g", 2),
            ("tc-h", 2),
            ("tc-manual", 0)
        ]
    );
    assert_eq!(scope.testcase("tc-b").unwrap().lifetime, Lifetime::Day);
    assert_eq!(scope.testcase("tc-a").unwrap().lifetime, Lifetime::Week);
    let v2 = scope.version("v2").unwrap();
    let targets: Vec<(&str, Vec<&str>)> = v2
        .targets
        .iter()
        .map(|t| {
            (
                t.name.as_str(),
                t.testcases.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        targets,
        [
            (
                "main",
                vec!["ns:tc-g", "tc-a", "tc-b", "tc-d", "tc-e", "tc-f", "tc-h"]
            ),
            ("recommended", vec!["tc-c"]),
            ("preview", vec!["tc-manual"]),
        ]
    );
    assert_eq!(v2.include[1].parameters, [("p".to_owned(), "x".to_owned())]);
    assert_eq!(scope.module("m2").unwrap().parameters[0].1, "a parameter");

    let status: Vec<(&str, Validity, bool)> = scope
        .validity_on(date("2025-06-01"))
        .into_iter()
        .map(|s| (s.version.name.as_str(), s.validity, s.explicit))
        .collect();
    assert_eq!(
        status,
        [
            ("v2", Validity::Draft, true),
            ("v1", Validity::Effective, true),
            ("v0", Validity::Deprecated, true),
            ("vX", Validity::Deprecated, false),
        ]
    );
    // Before the first timeline entry nothing is in force.
    assert!(scope.versions_in_force(date("2024-12-31")).is_empty());
    assert_eq!(
        scope.timeline_entry_on(date("2025-01-01")).unwrap().date,
        date("2025-01-01")
    );
}

/// The results the two scripts of 13.9 report.
fn toy_results() -> Results {
    let scope_a = "header line without verdict\ntc-a: PASS\ntc-b:fail\ntc-c: ABORT\ntc-x: PASS\n\
                   tc-d : pass \ntc-e: MAYBE\ntc-f: PASS\ntc-f: FAIL\nINFO: this is info on stdout\n";
    let scope_b = "ns:tc-g: PASS\ntc-h: PASS\n";
    let mut results = parse_result_lines(
        split_lines(scope_a),
        &["tc-a", "tc-b", "tc-c", "tc-d", "tc-e", "tc-f"],
    )
    .results;
    results.extend(&parse_result_lines(split_lines(scope_b), &["ns:tc-g", "tc-h"]).results);
    results
}

#[test]
fn toy_scope_runs_and_summarises_like_the_runner() {
    let scope = load(TOY);
    let options = RunOptions {
        date: date("2025-06-01"),
        ..RunOptions::default()
    };
    let selection = scope.select(&options).unwrap();
    let versions: Vec<&str> = selection
        .versions
        .iter()
        .map(|s| s.version.name.as_str())
        .collect();
    assert_eq!(versions, ["v2", "v1", "v0"]);
    let runs: Vec<(Option<&str>, Vec<&str>)> = selection
        .script_runs(&scope)
        .into_iter()
        .map(|(script, ids)| (script.executable.as_deref(), ids))
        .collect();
    assert_eq!(
        runs,
        [
            (
                Some("./script_a.py"),
                vec!["tc-a", "tc-b", "tc-c", "tc-d", "tc-e", "tc-f"]
            ),
            (Some("./script_b.py"), vec!["ns:tc-g", "tc-h"]),
        ]
    );
    assert!(!selection.partial);
    let summary = selection.summary(&scope, "toycloud", &toy_results(), false);
    let expected = "\
toycloud Toy scope v2:
- main: FAIL (4 passed, 2 failed, 1 missing)
  - FAILED:
    - tc-b:
    - tc-f:
  - MISSING:
    - tc-e:
- recommended: FAIL (0 passed, 1 aborted)
  - ABORTED:
    - tc-c:
- preview: TENTATIVE pass (0 passed, 1 missing)
  - MISSING:
    - tc-manual:
      > manual
toycloud Toy scope v1:
- main: FAIL (3 passed, 1 failed)
  - FAILED:
    - tc-b:
- recommended: FAIL (0 passed, 1 aborted)
  - ABORTED:
    - tc-c:
toycloud Toy scope v0:
- main: PASS (2 passed)
";
    assert_eq!(summary, expected);
    // Verbose adds the passed lists.
    let verbose = selection.summary(&scope, "toycloud", &toy_results(), true);
    assert!(
        verbose.ends_with("- main: PASS (2 passed)\n  - PASSED:\n    - ns:tc-g:\n    - tc-h:\n")
    );
    // The monitor's view of v2/v1/v0 main.
    let results = toy_results();
    let verdicts: Vec<Verdict> = ["v2", "v1", "v0"]
        .iter()
        .map(|v| evaluate(&results, scope.version(v).unwrap().main()))
        .collect();
    assert_eq!(verdicts, [Verdict::Fail, Verdict::Fail, Verdict::Pass]);
}

#[test]
fn selection_filters_and_errors() {
    let scope = load(TOY);
    let base = RunOptions {
        date: date("2025-06-01"),
        ..RunOptions::default()
    };
    // Sections: testcases without a section never run; the run is partial.
    let sections = RunOptions {
        sections: Some(vec!["light".into(), "heavy".into()]),
        ..base.clone()
    };
    let selection = scope.select(&sections).unwrap();
    let ids: Vec<&str> = selection.testcases.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["tc-a", "ns:tc-g"]);
    assert!(selection.partial);
    assert_eq!(selection.title, "Toy scope [sections: light, heavy]");
    // A tests pattern is anchored at the start only.
    let tests = RunOptions {
        tests: Some("tc-[ab]".into()),
        ..base.clone()
    };
    let selection = scope.select(&tests).unwrap();
    let ids: Vec<&str> = selection.testcases.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["tc-a", "tc-b"]);
    assert_eq!(selection.title, "Toy scope [tests: 'tc-[ab]']");
    // Partial runs do not list missing testcases, but count them.
    let summary = selection.summary(&scope, "toycloud", &Results::new(), false);
    assert!(summary.contains("- main: TENTATIVE pass (0 passed, 7 missing)\n- recommended"));
    assert!(!summary.contains("MISSING"));
    let nothing = RunOptions {
        tests: Some("zzz".into()),
        ..base.clone()
    };
    assert!(scope.select(&nothing).unwrap().testcases.is_empty());
    // A pattern that matches inside an id does not count (re.match).
    let inner = RunOptions {
        tests: Some("tc-g".into()),
        ..base.clone()
    };
    assert!(scope.select(&inner).unwrap().testcases.is_empty());
    // Forced versions: any validity, even unlisted; unknown ones are errors.
    let forced = RunOptions {
        version: Some("vX".into()),
        ..base.clone()
    };
    let selection = scope.select(&forced).unwrap();
    assert_eq!(selection.versions.len(), 1);
    assert!(!selection.versions[0].explicit);
    let unknown = RunOptions {
        version: Some("v9".into()),
        ..base.clone()
    };
    assert_eq!(
        scope.select(&unknown).unwrap_err(),
        SelectError::UnknownVersion("v9".into())
    );
    let early = RunOptions {
        date: date("2024-03-01"),
        ..RunOptions::default()
    };
    let error = scope.select(&early).unwrap_err();
    assert_eq!(error.to_string(), "no valid version found for 2024-03-01");
    let bad = RunOptions {
        tests: Some("tc-(".into()),
        ..base
    };
    assert!(matches!(
        scope.select(&bad),
        Err(SelectError::InvalidTests { .. })
    ));
}

// ---------------------------------------------------------------------------------------------
// 13.10: loader problems, one change of the toy scope each

/// The toy scope with `from` replaced by `to` (which must occur).
fn toy_with(from: &str, to: &str) -> String {
    assert!(TOY.contains(from), "{from}");
    TOY.replacen(from, to, 1)
}

fn kinds(yaml: &str) -> Vec<(ProblemKind, OfficialLoad)> {
    problems(yaml).into_iter().map(|(k, o, _)| (k, o)).collect()
}

#[test]
fn duplicates_are_refused() {
    let yaml = toy_with(
        "- testcases:\n  - {id: tc-manual",
        "- testcases:\n  - {id: tc-a}\n  - {id: tc-manual",
    );
    let found = problems(&yaml);
    assert_eq!(found.len(), 1, "{found:?}");
    let (kind, official, path) = &found[0];
    assert!(
        matches!(kind, ProblemKind::DuplicateTestcase { id, first } if id == "tc-a" && first.path == "scripts[0].testcases[0]")
    );
    assert_eq!(*official, OfficialLoad::Refuses);
    assert_eq!(path, "scripts[2].testcases[0]");

    let yaml = toy_with("- {id: m3,", "- {id: m1}\n- {id: m3,");
    assert!(
        matches!(&kinds(&yaml)[..], [(ProblemKind::DuplicateModule { id, .. }, OfficialLoad::Refuses)] if id == "m1")
    );
    let yaml = toy_with(
        "- {version: vX,",
        "- {version: v1, include: [m1]}\n- {version: vX,",
    );
    assert!(
        matches!(&kinds(&yaml)[..], [(ProblemKind::DuplicateVersion { name, .. }, OfficialLoad::Refuses)] if name == "v1")
    );
}

#[test]
fn unknown_references_are_problems_where_the_official_loader_crashes() {
    for yaml in [
        toy_with("include: [m1, {ref: m2", "include: [nope, {ref: m2"),
        toy_with("{ref: m2,", "{ref: nope,"),
    ] {
        assert_eq!(
            kinds(&yaml),
            [(
                ProblemKind::UnknownModule("nope".into()),
                OfficialLoad::Crashes
            )]
        );
    }
    let yaml = toy_with("v0: deprecated}", "v0: deprecated, v9: draft}");
    assert_eq!(
        problems(&yaml),
        [(
            ProblemKind::UnknownVersion("v9".into()),
            OfficialLoad::Crashes,
            "timeline[0].versions.v9".into()
        )]
    );
}

#[test]
fn undeclared_testcases_in_every_target() {
    // In main of a module of stabilized v1: the official loader crashes.
    let yaml = toy_with("main: [tc-a, tc-b]", "main: [tc-a, tc-b, tc-undeclared]");
    assert_eq!(
        problems(&yaml),
        [(
            ProblemKind::UndeclaredTestcase("tc-undeclared".into()),
            OfficialLoad::Crashes,
            "modules[0].targets.main[2]".into()
        )]
    );
    // Only in an unstabilized version, or in another target: it loads there (and the runner
    // crashes when the version is selected); here it is a problem either way.
    let yaml = toy_with(
        "- {id: m3,",
        "- {id: m9, targets: {main: [tc-undeclared]}}\n- {id: m3,",
    )
    .replacen(
        "include: [m1, {ref: m2, parameters: {p: x}}, m3]",
        "include: [m1, {ref: m2, parameters: {p: x}}, m3, m9]",
        1,
    );
    assert_eq!(
        kinds(&yaml),
        [(
            ProblemKind::UndeclaredTestcase("tc-undeclared".into()),
            OfficialLoad::Accepts
        )]
    );
    let yaml = toy_with("recommended: [tc-c]", "recommended: [tc-c, tc-undeclared]");
    assert_eq!(
        kinds(&yaml),
        [(
            ProblemKind::UndeclaredTestcase("tc-undeclared".into()),
            OfficialLoad::Accepts
        )]
    );
}

#[test]
fn unknown_keys_in_the_six_contexts() {
    let cases = [
        ("name: Toy scope", "name: Toy scope\nfoo: 1", "spec", ""),
        (
            "- executable: ./script_b.py",
            "- executable: ./script_b.py\n  foo: 1",
            "scripts",
            "scripts[1]",
        ),
        (
            "{id: tc-c}",
            "{id: tc-c, foo: 1}",
            "testcases",
            "scripts[0].testcases[2]",
        ),
        ("{id: m3,", "{id: m3, foo: 1,", "modules", "modules[2]"),
        (
            "{version: vX,",
            "{version: vX, foo: 1,",
            "versions",
            "versions[3]",
        ),
        (
            "{ref: m2,",
            "{ref: m2, foo: 1,",
            "include",
            "versions[0].include[1]",
        ),
        (
            "{version: v0,",
            "{version: v0, deprecated_at: 2024-06-01,",
            "versions",
            "versions[2]",
        ),
    ];
    for (from, to, context, place) in cases {
        let found = problems(&toy_with(from, to));
        assert_eq!(found.len(), 1, "{to}: {found:?}");
        let (kind, official, path) = &found[0];
        match kind {
            ProblemKind::UnknownKeys { context: c, keys } => {
                assert_eq!(*c, context);
                assert_eq!(keys.len(), 1);
            }
            other => panic!("{to}: {other:?}"),
        }
        assert_eq!(*official, OfficialLoad::Refuses);
        assert_eq!(path, place);
    }
    // Where the official check does not look, any key is fine.
    for (from, to) in [
        (
            "{main: [tc-a, tc-b], recommended",
            "{main: [tc-a, tc-b], foo: [], recommended",
        ),
        ("- date: 2025-01-01", "- date: 2025-01-01\n  foo: 1"),
        (
            "variables: [cloud, {mode: fast}]",
            "variables: [cloud, {mode: fast}]\nprerequisite: {name: x, url: y, foo: 1}",
        ),
        ("{version: vX,", "{version: vX, targets: {},"),
        (
            "- {id: m3, targets: {main: [\"ns:tc-g\", tc-h]}}",
            "- {id: m3, targets: {main: [\"ns:tc-g\", tc-h]}}\n- {id: m4}",
        ),
    ] {
        assert_eq!(problems(&toy_with(from, to)), [], "{to}");
    }
    // The loader computes a version's targets; a written `targets` is ignored.
    let scope = load(&toy_with(
        "{version: vX,",
        "{version: vX, targets: {main: [tc-h]},",
    ));
    assert_eq!(scope.version("vX").unwrap().main(), ["tc-a", "tc-b"]);
}

#[test]
fn missing_keys_and_wrong_types() {
    let found = kinds(&toy_with(
        "uuid: 00000000-0000-0000-0000-000000000001\n",
        "",
    ));
    assert_eq!(
        found,
        [(ProblemKind::MissingKey("uuid"), OfficialLoad::Accepts)]
    );
    let timeline_start = TOY.find("timeline:").unwrap();
    let timeline_end = TOY.find("versions:\n").unwrap();
    let no_timeline = format!("{}{}", &TOY[..timeline_start], &TOY[timeline_end..]);
    assert_eq!(
        kinds(&no_timeline),
        [(ProblemKind::MissingKey("timeline"), OfficialLoad::Crashes)]
    );
    let found = kinds(&toy_with("{version: vX, include: [m1]}", "{version: vX}"));
    assert_eq!(
        found,
        [(ProblemKind::MissingKey("include"), OfficialLoad::Crashes)]
    );
    let found = kinds(&toy_with("lifetime: day", "lifetime: fortnight"));
    assert_eq!(
        found,
        [(
            ProblemKind::UnknownLifetime("fortnight".into()),
            OfficialLoad::Accepts
        )]
    );
    let found = kinds(&toy_with("v1: effective", "v1: bogus"));
    assert_eq!(
        found,
        [(
            ProblemKind::UnknownValidity("bogus".into()),
            OfficialLoad::Accepts
        )]
    );
    let found = kinds(&toy_with("section: light", "section: [light]"));
    assert!(matches!(
        &found[..],
        [(
            ProblemKind::WrongType {
                expected: "a string",
                found: "a sequence"
            },
            _
        )]
    ));
    let found = kinds(&toy_with("- date: 2025-01-01", "- date: 2025-13-01"));
    assert_eq!(
        found,
        [(
            ProblemKind::InvalidDate("2025-13-01".into()),
            OfficialLoad::Crashes
        )]
    );
    // Several problems at once, all reported.
    let many = toy_with("lifetime: day", "lifetime: fortnight")
        .replacen("v1: effective", "v1: bogus", 1)
        .replacen("{ref: m2,", "{ref: nope,", 1)
        .replacen("{id: tc-c}", "{id: tc-c, foo: 1}", 1);
    assert_eq!(problems(&many).len(), 4);
    // A null validity is "not listed".
    let scope = load(&toy_with("v1: effective", "v1: null"));
    let v1 = scope.validity_on(date("2025-06-01"))[1];
    assert_eq!((v1.validity, v1.explicit), (Validity::Deprecated, false));
}

#[test]
fn documents_of_any_shape_give_problems_not_panics() {
    for yaml in [
        "",
        "42",
        "[1, 2]",
        "name: x",
        "modules: 5\nversions: {}\ntimeline: x\nscripts: [1, [2], {testcases: 3}]",
        "versions: [[[[]]]]",
    ] {
        let document: Node =
            serde_saphyr::from_str(yaml).unwrap_or(Node::new(scs_validators::scope::Value::Null));
        let error = Scope::load(&document).unwrap_err();
        assert!(!error.problems.is_empty(), "{yaml}");
        assert!(
            error.to_string().starts_with("scope does not load"),
            "{yaml}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// 13.8: a scope in the legacy format (before 2024-03-14) is refused by the keyword check

#[test]
fn legacy_format_gives_five_keyword_problems_in_order() {
    let legacy = "\
name: Legacy scope
url: https://example.invalid/legacy.yaml
variables:
  - os_cloud
versions:
  - version: v5
    standards:
      - name: A standard
        check_tools:
          - executable: ./check.py
  - version: v4
    standards: []
  - version: v3
    stabilized_at: 2023-06-15
    deprecated_at: 2024-04-30
    standards: []
  - version: v2
    stabilized_at: 2023-03-20
    deprecated_at: 2024-04-30
    standards: []
  - version: v1
    stabilized_at: 2021-01-01
    deprecated_at: 2023-10-30
    standards: []
";
    let error = Scope::load(&node(legacy)).unwrap_err();
    let keyword: Vec<(String, Vec<String>)> = error
        .problems
        .iter()
        .filter_map(|p| match &p.kind {
            ProblemKind::UnknownKeys { keys, .. } => Some((p.place.path.clone(), keys.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(
        keyword,
        [
            ("versions[0]".to_owned(), vec!["standards".to_owned()]),
            ("versions[1]".to_owned(), vec!["standards".to_owned()]),
            (
                "versions[2]".to_owned(),
                vec!["deprecated_at".to_owned(), "standards".to_owned()]
            ),
            (
                "versions[3]".to_owned(),
                vec!["deprecated_at".to_owned(), "standards".to_owned()]
            ),
            (
                "versions[4]".to_owned(),
                vec!["deprecated_at".to_owned(), "standards".to_owned()]
            ),
        ]
    );
    // The keyword problems come first.
    assert!(matches!(
        error.problems[0].kind,
        ProblemKind::UnknownKeys { .. }
    ));
}

// ---------------------------------------------------------------------------------------------
// 13.5: validity on dates, for scopes with the timelines of the two official scopes

/// A scope with the structure of the IaaS scope's timeline (written for this test).
const IAAS_LIKE: &str = "\
name: IaaS-like
uuid: 11111111-1111-1111-1111-111111111111
url: https://example.invalid/iaas-like.yaml
scripts:
- executable: ./check.py
  testcases: [{id: tc-1}]
modules:
- {id: m, targets: {main: [tc-1]}}
timeline:
- date: 2026-06-11
  versions: {next: draft, v5.1: effective}
- date: 2025-09-09
  versions: {next: draft, v5.1: effective, v4: deprecated, v3: deprecated}
- date: 2025-07-01
  versions: {v5.1: effective, v4: deprecated, v3: deprecated}
- date: 2025-02-01
  versions: {v5.1: effective, v4: warn, v3: deprecated}
- date: 2024-12-19
  versions: {v5.1: effective, v4: effective, v3: deprecated}
versions:
- {version: next, include: [m]}
- {version: v5.1, stabilized_at: 2024-12-19, include: [m]}
- {version: v4, stabilized_at: 2024-02-28, include: [m]}
- {version: v3, stabilized_at: 2024-02-28, include: [m]}
";

#[test]
fn validity_on_dates() {
    let scope = load(IAAS_LIKE);
    // (date, entry used, [(validity, explicit)] for next, v5.1, v4, v3)
    use Validity::*;
    let table = [
        (
            "2024-03-01",
            None,
            [
                (Deprecated, false),
                (Deprecated, false),
                (Deprecated, false),
                (Deprecated, false),
            ],
        ),
        (
            "2025-02-15",
            Some("2025-02-01"),
            [
                (Deprecated, false),
                (Effective, true),
                (Warn, true),
                (Deprecated, true),
            ],
        ),
        (
            "2025-08-01",
            Some("2025-07-01"),
            [
                (Deprecated, false),
                (Effective, true),
                (Deprecated, true),
                (Deprecated, true),
            ],
        ),
        (
            "2026-08-21",
            Some("2026-06-11"),
            [
                (Draft, true),
                (Effective, true),
                (Deprecated, false),
                (Deprecated, false),
            ],
        ),
        (
            "2026-11-24",
            Some("2026-06-11"),
            [
                (Draft, true),
                (Effective, true),
                (Deprecated, false),
                (Deprecated, false),
            ],
        ),
    ];
    for (day, entry, expected) in table {
        let on = date(day);
        assert_eq!(
            scope.timeline_entry_on(on).map(|e| e.date),
            entry.map(date),
            "{day}"
        );
        let got: Vec<(Validity, bool)> = scope
            .validity_on(on)
            .into_iter()
            .map(|s| (s.validity, s.explicit))
            .collect();
        assert_eq!(got, expected, "{day}");
    }
    // Runs: the explicit ones in file order.
    let run = |day: &str| -> Vec<String> {
        scope
            .versions_in_force(date(day))
            .iter()
            .map(|s| s.version.name.clone())
            .collect()
    };
    assert_eq!(run("2025-02-15"), ["v5.1", "v4", "v3"]);
    assert_eq!(run("2026-11-24"), ["next", "v5.1"]);
    assert!(run("2024-03-01").is_empty());
    // The entry on the exact start date is in force that day.
    assert_eq!(
        scope.timeline_entry_on(date("2025-07-01")).unwrap().date,
        date("2025-07-01")
    );
    // Marks and certifiability.
    assert_eq!(
        Validity::ALL.map(|v| (v.mark(), v.is_certifiable())),
        [("", true), ("†", true), ("*", false), ("††", false)]
    );
}

#[test]
fn timeline_in_any_order_and_equal_dates() {
    let yaml = IAAS_LIKE.replacen(
        "- date: 2024-12-19\n  versions: {v5.1: effective, v4: effective, v3: deprecated}",
        "- date: 2025-03-01\n  versions: {v5.1: draft}\n- date: 2025-03-01\n  versions: {v5.1: warn}\n- date: 2024-12-19\n  versions: {v5.1: effective, v4: effective, v3: deprecated}",
        1,
    );
    let scope = load(&yaml);
    // Unsorted entries: the latest start not after the date wins; on equal dates the first.
    let v51 = scope.validity_on(date("2025-03-15"))[1];
    assert_eq!(v51.validity, Validity::Draft);
    let v51 = scope.validity_on(date("2025-01-15"))[1];
    assert_eq!(v51.validity, Validity::Effective);
}
