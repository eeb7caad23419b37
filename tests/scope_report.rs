//! The YAML report of a compliance run: reading (with serde-saphyr and serde_json), writing
//! (`to_yaml`, `reports_to_yaml`) and the round trip between them.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use scs_validators::scope::{
    format_timestamp, parse_result_lines, parse_timestamp, reports_to_yaml, Invocation, OrderedMap,
    ReportDocument, ReportError, Results, Run, SpecRef,
};

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, s).unwrap()
}

fn lines(items: &[&str]) -> Vec<String> {
    items.iter().map(|item| item.to_string()).collect()
}

/// A report as the official runner would write it for the run of digest 13.9.
fn sample() -> ReportDocument {
    let a = Invocation {
        id: "9d3e4b5a-0000-4000-8000-00000000000a".into(),
        cmd: "./script_a.py -c c1 -m fast tc-a tc-b tc-c tc-d tc-e tc-f".into(),
        results: [
            ("tc-a", 1),
            ("tc-b", -1),
            ("tc-c", 0),
            ("tc-d", 1),
            ("tc-f", -1),
        ]
        .into_iter()
        .collect(),
        rc: 0,
        stdout: lines(&["tc-a: PASS", "tc-b:fail"]),
        stderr: lines(&["ERROR: an error line on stderr", "CRITICAL: boom"]),
        info: 1,
        warning: 1,
        error: 2,
        critical: 1,
    };
    let b = Invocation {
        id: "9d3e4b5a-0000-4000-8000-00000000000b".into(),
        cmd: "./script_b.py".into(),
        results: [("ns:tc-g", 1), ("tc-h", 1)].into_iter().collect(),
        rc: 3,
        stdout: lines(&["ns:tc-g: PASS", "tc-h: PASS"]),
        stderr: vec![],
        ..Invocation::default()
    };
    ReportDocument {
        spec: SpecRef {
            uuid: "00000000-0000-0000-0000-000000000001".into(),
            name: "Toy scope".into(),
            url: "https://example.invalid/toy.yaml".into(),
        },
        checked_at: utc(2025, 6, 1, 10, 15, 42) + Duration::microseconds(123_456),
        reference_date: NaiveDate::from_ymd_opt(2025, 6, 1),
        subject: "toycloud".into(),
        run: Run {
            uuid: "5b1f7a52-0000-4000-8000-000000000001".into(),
            argv: lines(&[
                "-s",
                "toycloud",
                "-a",
                "cloud=c1",
                "-o",
                "report.yaml",
                "toy.yaml",
            ]),
            assignment: [("cloud", "c1".to_string())].into_iter().collect(),
            sections: None,
            forced_version: None,
            forced_tests: None,
            invocations: [(a.id.clone(), a), (b.id.clone(), b)].into_iter().collect(),
        },
        versions: None,
    }
}

fn read(text: &str) -> ReportDocument {
    serde_saphyr::from_str(text).unwrap_or_else(|error| panic!("{error}\n{text}"))
}

fn read_error(text: &str) -> String {
    serde_saphyr::from_str::<ReportDocument>(text)
        .expect_err("the document must be refused")
        .to_string()
}

#[test]
fn the_layout_is_the_official_one() {
    let mut report = sample();
    report.run.invocations = [(
        "i1",
        Invocation {
            id: "i1".into(),
            cmd: "./check.py".into(),
            results: [("tc-a", 1), ("tc-b", -1)].into_iter().collect(),
            rc: 0,
            stdout: lines(&["tc-a: PASS"]),
            stderr: vec![],
            ..Invocation::default()
        },
    )]
    .into_iter()
    .collect();
    report.run.argv = vec![];
    report.run.sections = Some(lines(&["light", "medium"]));
    report.run.forced_tests = Some("tc-.*".into());
    let expected = r#"---
spec:
  uuid: "00000000-0000-0000-0000-000000000001"
  name: "Toy scope"
  url: "https://example.invalid/toy.yaml"
checked_at: 2025-06-01 10:15:42.123456
reference_date: 2025-06-01
subject: "toycloud"
run:
  uuid: "5b1f7a52-0000-4000-8000-000000000001"
  argv: []
  assignment:
    "cloud": "c1"
  sections:
  - "light"
  - "medium"
  forced_version: null
  forced_tests: "tc-.*"
  invocations:
    "i1":
      id: "i1"
      cmd: "./check.py"
      results:
        "tc-a": 1
        "tc-b": -1
      rc: 0
      stdout:
      - "tc-a: PASS"
      stderr: []
      info: 0
      warning: 0
      error: 0
      critical: 0
"#;
    assert_eq!(report.to_yaml(), expected);
    assert_eq!(read(expected), report);

    report.run.assignment = OrderedMap::new();
    report.run.invocations = OrderedMap::new();
    report.reference_date = None;
    report.run.sections = Some(vec![]);
    let text = report.to_yaml();
    assert!(text.contains("\nreference_date: null\n"), "{text}");
    assert!(text.contains("\n  assignment: {}\n"), "{text}");
    assert!(text.contains("\n  sections: []\n"), "{text}");
    assert!(text.ends_with("\n  invocations: {}\n"), "{text}");
    assert_eq!(read(&text), report);
}

#[test]
fn round_trip_through_yaml_and_json() {
    let report = sample();
    let text = report.to_yaml();
    assert!(text.starts_with("---\nspec:\n"));
    assert!(text.contains("\nchecked_at: 2025-06-01 10:15:42.123456\n"));
    assert_eq!(read(&text), report);

    // serde's own view: checked_at as the same naive text, in the official key order.
    let json = serde_json::to_string(&report).unwrap();
    assert!(json.starts_with(r#"{"spec":{"uuid":"00000000-0000-0000-0000-000000000001","#));
    assert!(json.contains(r#""checked_at":"2025-06-01 10:15:42.123456","reference_date":"2025-06-01","subject":"toycloud","run":{"uuid""#));
    assert!(!json.contains("versions"));
    assert_eq!(
        serde_json::from_str::<ReportDocument>(&json).unwrap(),
        report
    );
}

#[test]
fn checked_at_precision_survives() {
    let mut report = sample();
    for at in [
        utc(2026, 11, 24, 7, 28, 50),
        utc(2026, 11, 24, 7, 28, 50) + Duration::microseconds(935_947),
        utc(2026, 11, 24, 7, 28, 50) + Duration::nanoseconds(1),
        utc(1, 1, 1, 0, 0, 0),
        utc(9999, 12, 31, 23, 59, 59),
    ] {
        report.checked_at = at;
        assert_eq!(read(&report.to_yaml()).checked_at, at);
    }
    assert_eq!(
        format_timestamp(utc(2026, 1, 2, 3, 4, 5)),
        "2026-01-02 03:04:05"
    );
    assert_eq!(
        format_timestamp(utc(2026, 1, 2, 3, 4, 5) + Duration::nanoseconds(1)),
        "2026-01-02 03:04:05.000000001"
    );
}

const HOSTILE: &[&str] = &[
    "",
    " ",
    "  leading spaces",
    "trailing space ",
    "\"double\" and 'single' quotes",
    "back\\slash \\n not a newline",
    "line\nbreak",
    "cr\r\nlf",
    "tab\there",
    "key: value",
    "- a list item",
    "# a comment",
    "value # comment",
    "null",
    "~",
    "Null",
    "yes",
    "no",
    "on",
    "off",
    "true",
    "False",
    "123",
    "-1",
    "0x1F",
    "1e3",
    "0o17",
    ".inf",
    ".nan",
    "2025-06-01",
    "2026-11-24 07:28:50",
    "---",
    "...",
    "--- a document marker",
    "&anchor",
    "*alias",
    "!tag",
    "!!str x",
    "%YAML 1.2",
    "@at",
    "`backtick`",
    "{flow: map}",
    "[flow, seq]",
    "? complex",
    "| literal",
    "> folded",
    "a, b",
    "nul\0byte",
    "bell\u{7} escape\u{1b} del\u{7f}",
    "c1 \u{80} \u{9f}",
    "next line \u{85} here",
    "line separator \u{2028} here",
    "paragraph separator \u{2029} here",
    "bom \u{feff} here",
    "noncharacters \u{fffe} \u{ffff}",
    "nbsp\u{a0}here",
    "emoji 🦀 and ümlauts",
    "\u{10ffff}",
];

#[test]
fn hostile_strings_survive_as_strings() {
    for &text in HOSTILE {
        let mut report = sample();
        report.subject = text.into();
        report.spec.name = text.into();
        report.spec.url = text.into();
        report.run.argv = vec![text.into(), "x".into()];
        report.run.assignment = [(text, text.to_string())].into_iter().collect();
        report.run.forced_version = Some(text.into());
        report.run.forced_tests = Some(text.into());
        report.run.sections = Some(vec![text.into()]);
        let mut invocation = Invocation {
            id: text.into(),
            cmd: text.into(),
            results: [(text, 1)].into_iter().collect(),
            stdout: vec![text.into(), text.into()],
            stderr: vec![text.into()],
            ..Invocation::default()
        };
        invocation.results.insert(format!("{text}:tc"), -1);
        report.run.invocations = [(text, invocation)].into_iter().collect();
        let yaml = report.to_yaml();
        // Nothing but the document's own line breaks: every string stays on its line.
        for line in yaml.lines() {
            assert!(
                !line.contains(['\u{85}', '\u{2028}', '\u{2029}', '\r']),
                "{line:?}"
            );
        }
        assert_eq!(read(&yaml), report, "{text:?}:\n{yaml}");
    }
}

#[test]
fn long_keys_are_explicit() {
    let long = "k".repeat(3000);
    let mut report = sample();
    report.run.assignment = [(long.as_str(), "v".to_string())].into_iter().collect();
    let mut invocation = Invocation {
        id: long.clone(),
        ..Invocation::default()
    };
    invocation.results.insert(long.as_str(), 1);
    report.run.invocations = [(long.as_str(), invocation)].into_iter().collect();
    let yaml = report.to_yaml();
    assert!(
        yaml.contains(&format!("\n    ? \"{long}\"\n    : \"v\"\n")),
        "{yaml}"
    );
    assert_eq!(read(&yaml), report);
}

/// A report laid out as PyYAML writes it (plain scalars where it uses them), for the run of
/// digest 13.9: subject toycloud, script A then script B.
const HAND_WRITTEN: &str = r#"---
spec:
  uuid: 00000000-0000-0000-0000-000000000001
  name: Toy scope
  url: https://example.invalid/toy.yaml
checked_at: 2025-06-01 10:15:42.123456
reference_date: 2025-06-01
subject: toycloud
run:
  uuid: 3f0c7f6e-4b1a-4c59-8d0e-6a1b2c3d4e5f
  argv:
  - -s
  - toycloud
  - -a
  - cloud=c1
  - -d
  - '2025-06-01'
  - -o
  - report.yaml
  - toy.yaml
  assignment:
    cloud: c1
  sections: null
  forced_version: null
  forced_tests: null
  invocations:
    0b9e2f0c-7d0e-4f43-9a57-1c2d3e4f5a6b:
      id: 0b9e2f0c-7d0e-4f43-9a57-1c2d3e4f5a6b
      cmd: ./script_a.py -c c1 -m fast tc-a tc-b tc-c tc-d tc-e tc-f
      results:
        tc-a: 1
        tc-b: -1
        tc-c: 0
        tc-d: 1
        tc-f: -1
      rc: 0
      stdout:
      - header line without verdict
      - 'tc-a: PASS'
      - tc-b:fail
      - 'tc-c: ABORT'
      - 'tc-x: PASS'
      - 'tc-d : pass '
      - 'tc-e: MAYBE'
      - 'tc-f: PASS'
      - 'tc-f: FAIL'
      - 'INFO: this is info on stdout'
      stderr:
      - 'ERROR: an error line on stderr'
      - error lowercase on stderr
      - 'CRITICAL: boom'
      - 'WARNING: warn'
      - one more line
      info: 1
      warning: 1
      error: 2
      critical: 1
    c4d5e6f7-0a1b-4c2d-8e3f-405162738495:
      id: c4d5e6f7-0a1b-4c2d-8e3f-405162738495
      cmd: ./script_b.py
      results:
        ns:tc-g: 1
        tc-h: 1
      rc: 3
      stdout:
      - 'ns:tc-g: PASS'
      - 'tc-h: PASS'
      stderr: []
      info: 0
      warning: 0
      error: 0
      critical: 0
"#;

#[test]
fn a_report_in_the_official_layout() {
    let report = read(HAND_WRITTEN);
    assert_eq!(report.subject, "toycloud");
    assert_eq!(report.spec.name, "Toy scope");
    assert_eq!(
        report.checked_at.to_rfc3339(),
        "2025-06-01T10:15:42.123456+00:00"
    );
    assert_eq!(report.reference_date, NaiveDate::from_ymd_opt(2025, 6, 1));
    assert_eq!(report.run.argv[5], "2025-06-01");
    assert_eq!(
        report.run.assignment.get("cloud").map(String::as_str),
        Some("c1")
    );
    assert_eq!(report.run.sections, None);
    let ids: Vec<&str> = report.run.invocations.keys().collect();
    assert_eq!(
        ids,
        [
            "0b9e2f0c-7d0e-4f43-9a57-1c2d3e4f5a6b",
            "c4d5e6f7-0a1b-4c2d-8e3f-405162738495"
        ]
    );
    let a = report.run.invocations.get(ids[0]).unwrap();
    let b = report.run.invocations.get(ids[1]).unwrap();
    assert_eq!(
        (a.rc, a.info, a.warning, a.error, a.critical),
        (0, 1, 1, 2, 1)
    );
    assert_eq!(b.rc, 3);

    // The results are exactly what the runner parses from the scripts' output (digest 13.9).
    let parsed_a = parse_result_lines(
        a.stdout.iter().map(String::as_str),
        &["tc-a", "tc-b", "tc-c", "tc-d", "tc-e", "tc-f"],
    );
    assert_eq!(parsed_a.results, a.results);
    assert_eq!(parsed_a.ignored, ["tc-x"]);
    let parsed_b = parse_result_lines(b.stdout.iter().map(String::as_str), &["ns:tc-g", "tc-h"]);
    assert_eq!(parsed_b.results, b.results);

    let expected: Results = [
        ("tc-a", 1),
        ("tc-b", -1),
        ("tc-c", 0),
        ("tc-d", 1),
        ("tc-f", -1),
        ("ns:tc-g", 1),
        ("tc-h", 1),
    ]
    .into_iter()
    .collect();
    let merged = report.results();
    assert_eq!(merged, expected);
    let order: Vec<&str> = merged.iter().map(|(id, _)| id).collect();
    assert_eq!(
        order,
        ["tc-a", "tc-b", "tc-c", "tc-d", "tc-f", "ns:tc-g", "tc-h"]
    );

    // Our writing of it reads back the same.
    assert_eq!(read(&report.to_yaml()), report);
}

#[test]
fn a_later_invocation_wins() {
    let mut report = sample();
    let mut late = Invocation {
        id: "late".into(),
        ..Invocation::default()
    };
    late.results.insert("tc-b", 1);
    late.results.insert("tc-z", 0);
    report.run.invocations.insert("late", late);
    let results = report.results();
    assert_eq!(results.get("tc-b"), Some(1));
    assert_eq!(results.get("tc-z"), Some(0));
    assert_eq!(results.len(), 8);
}

#[test]
fn several_documents_in_one_stream() {
    let first = sample();
    let mut second = sample();
    second.subject = "other".into();
    second.run.uuid = "another".into();
    second.checked_at += Duration::hours(1);
    let text = reports_to_yaml([&first, &second]);
    assert_eq!(text.matches("---\n").count(), 2);
    assert_eq!(text, format!("{}{}", first.to_yaml(), second.to_yaml()));
    let read: Vec<ReportDocument> = serde_saphyr::from_multiple(&text).unwrap();
    assert_eq!(read, [first, second]);

    let both = format!("{HAND_WRITTEN}{HAND_WRITTEN}");
    let read: Vec<ReportDocument> = serde_saphyr::from_multiple(&both).unwrap();
    assert_eq!(read.len(), 2);
    assert_eq!(read[0], read[1]);
}

#[test]
fn missing_required_fields_are_named() {
    let without = |key: &str| {
        let mut kept = Vec::new();
        let mut skipping = false;
        for line in HAND_WRITTEN.lines() {
            let indent = line.len() - line.trim_start().len();
            if skipping && indent > 0 {
                continue;
            }
            skipping = line.starts_with(&format!("{key}:"));
            if !skipping {
                kept.push(line);
            }
        }
        kept.join("\n")
    };
    let error = read_error(&without("subject"));
    assert!(error.contains("missing field `subject`"), "{error}");
    let error = read_error(&without("checked_at"));
    assert!(error.contains("missing field `checked_at`"), "{error}");
    let error = read_error(&without("spec"));
    assert!(error.contains("missing field `spec.uuid`"), "{error}");
    let error = read_error(&without("run"));
    assert!(
        error.contains("missing fields `run.uuid`, `run.invocations`"),
        "{error}"
    );

    let error = read_error(&HAND_WRITTEN.replace("  uuid: 3f0c7f6e", "  nouuid: 3f0c7f6e"));
    assert!(error.contains("missing field `run.uuid`"), "{error}");
    let error = read_error(&HAND_WRITTEN.replace("subject: toycloud", "subject: null"));
    assert!(error.contains("missing field `subject`"), "{error}");
    let error = read_error(&HAND_WRITTEN.replacen("      results:", "      outcomes:", 1));
    assert!(
        error.contains(
            "missing field `run.invocations.0b9e2f0c-7d0e-4f43-9a57-1c2d3e4f5a6b.results`"
        ),
        "{error}"
    );
    let error = read_error("{}");
    assert!(
        error.contains(
            "missing fields `spec.uuid`, `checked_at`, `subject`, `run.uuid`, `run.invocations`"
        ),
        "{error}"
    );
}

#[test]
fn only_the_monitors_fields_are_required() {
    let report = read(
        "subject: s\nchecked_at: 2026-11-24\nspec: {uuid: u}\n\
         run: {uuid: r, invocations: {i1: {results: {tc-a: 1}}}, extra: [1, 2]}\nextra: true\n",
    );
    assert_eq!(report.checked_at, utc(2026, 11, 24, 0, 0, 0));
    assert_eq!(report.reference_date, None);
    assert_eq!(report.spec.name, "");
    assert!(report.run.argv.is_empty());
    let invocation = report.run.invocations.get("i1").unwrap();
    // An absent invocation id is taken from the key.
    assert_eq!(invocation.id, "i1");
    assert_eq!((invocation.rc, invocation.critical), (0, 0));
    assert_eq!(report.results().get("tc-a"), Some(1));
}

#[test]
fn wrong_types_and_bad_values_are_errors() {
    let error = read_error(&HAND_WRITTEN.replace(
        "checked_at: 2025-06-01 10:15:42.123456",
        "checked_at: 01.06.2025 10:15",
    ));
    assert!(
        error.contains("invalid timestamp `01.06.2025 10:15`"),
        "{error}"
    );
    let error =
        read_error(&HAND_WRITTEN.replace("reference_date: 2025-06-01", "reference_date: 2025-6-1"));
    assert!(error.contains("invalid date `2025-6-1`"), "{error}");
    let error = read_error(&HAND_WRITTEN.replace("tc-a: 1\n", "tc-a: PASS\n"));
    assert!(!error.is_empty());
}

#[test]
fn a_non_canonical_result_code_is_kept() {
    let report = read(&HAND_WRITTEN.replace("tc-a: 1\n", "tc-a: 2\n"));
    assert_eq!(report.results().get("tc-a"), Some(2));
    assert!(report.to_yaml().contains("\n        \"tc-a\": 2\n"));
    assert_eq!(read(&report.to_yaml()), report);
}

#[test]
fn legacy_reports_with_versions() {
    let text = r#"---
spec: {uuid: 1fffebe6-fd4b-44d3-a36c-fc58b4bb0180, name: SCS-compatible KaaS}
checked_at: 2026-11-09 03:00:00
subject: cluster-1
versions:
  v1:
    version-policy-check: {result: -1, invocation: abc}
    cncf-k8s-conformance: {result: 1}
  v2:
    version-policy-check: {result: 1}
run:
  uuid: 0d2c
"#;
    let report = read(text);
    let versions = report.versions.as_ref().unwrap();
    assert_eq!(versions.keys().collect::<Vec<_>>(), ["v1", "v2"]);
    assert_eq!(
        versions.get("v1").unwrap().get("version-policy-check"),
        Some(-1)
    );
    assert!(report.run.invocations.is_empty());
    // A later version wins in the merged view.
    assert_eq!(report.results().get("version-policy-check"), Some(1));
    assert_eq!(report.results().get("cncf-k8s-conformance"), Some(1));

    let yaml = report.to_yaml();
    assert!(
        yaml.ends_with(
            "versions:\n  \"v1\":\n    \"version-policy-check\":\n      result: -1\n    \
         \"cncf-k8s-conformance\":\n      result: 1\n  \"v2\":\n    \
         \"version-policy-check\":\n      result: 1\n"
        ),
        "{yaml}"
    );
    assert_eq!(read(&yaml), report);
    let json = serde_json::to_string(&report).unwrap();
    assert!(json.contains(r#""versions":{"v1":{"version-policy-check":{"result":-1}"#));
    assert_eq!(
        serde_json::from_str::<ReportDocument>(&json).unwrap(),
        report
    );

    let error = read_error(&text.replace("{result: 1}\n  v2", "{outcome: 1}\n  v2"));
    assert!(
        error.contains("missing field `versions.v1.cncf-k8s-conformance.result`"),
        "{error}"
    );
    // Invocations, if present, are read but do not count.
    let with_invocations = text.replace(
        "  uuid: 0d2c\n",
        "  uuid: 0d2c\n  invocations: {i1: {results: {cncf-k8s-conformance: -1}}}\n",
    );
    let report = read(&with_invocations);
    assert_eq!(report.run.invocations.len(), 1);
    assert_eq!(report.results().get("cncf-k8s-conformance"), Some(1));
}

#[test]
fn timestamps_as_pyyaml_reads_them() {
    let base = utc(2026, 11, 24, 7, 28, 50);
    let micro = base + Duration::microseconds(935_947);
    for (text, expected) in [
        ("2026-11-24 07:28:50.935947", micro),
        ("2026-11-24T07:28:50.935947", micro),
        ("2026-11-24t07:28:50.935947", micro),
        ("2026-11-24 \t 07:28:50.935947", micro),
        ("2026-11-24 07:28:50", base),
        ("2026-11-24 7:28:50", base),
        ("2026-11-24 07:28:50.", base),
        ("2026-11-24 07:28:50.9359470001", micro),
        ("2026-11-24T07:28:50Z", base),
        ("2026-11-24T07:28:50 Z", base),
        ("2026-11-24 07:28:50.935947+00:00", micro),
        ("2026-11-24T09:28:50+02:00", base),
        ("2026-11-24T09:28:50+2", base),
        ("2026-11-24T02:58:50-04:30", base),
        ("2026-11-24T02:28:50 -05", base),
        ("2026-11-25T01:28:50+18", base),
        ("2026-1-4 07:28:50", utc(2026, 1, 4, 7, 28, 50)),
        ("2026-11-24", utc(2026, 11, 24, 0, 0, 0)),
        ("2026-01-01T00:30:00+01:00", utc(2025, 12, 31, 23, 30, 0)),
    ] {
        assert_eq!(parse_timestamp(text), Ok(expected), "{text}");
    }
    for text in [
        "",
        "2026-11-24 ",
        "2026-1-4",
        "26-11-24",
        "2026/11/24",
        "2026-13-01",
        "2026-02-30 00:00:00",
        "2026-11-24 24:00:00",
        "2026-11-24 07:28",
        "2026-11-24 07:28:5",
        "2026-11-24 07:28:50 UTC",
        "2026-11-24 07:28:50+01:30:00",
        "2026-11-24 07:28:50+0130",
        "2026-11-24 07:28:50+01:60",
        "2026-11-24T07:28:50.5.5",
        "2026-11-24\n07:28:50",
        "0000-01-01 00:00:00+01:00",
        "yesterday",
    ] {
        assert_eq!(
            parse_timestamp(text),
            Err(ReportError::InvalidTimestamp(text.into())),
            "{text}"
        );
    }
    let error = parse_timestamp("bad\nstamp").unwrap_err().to_string();
    assert_eq!(
        error,
        "invalid timestamp `bad\\nstamp`: expected YYYY-MM-DD HH:MM:SS[.fraction][offset] or YYYY-MM-DD"
    );

    // In a report, any of the accepted forms, plain or quoted.
    for form in ["2026-11-24T07:28:50Z", "'2026-11-24 09:28:50+02:00'"] {
        let text = HAND_WRITTEN.replace(
            "checked_at: 2025-06-01 10:15:42.123456",
            &format!("checked_at: {form}"),
        );
        assert_eq!(read(&text).checked_at, base, "{form}");
    }
}

#[test]
fn leap_seconds_are_written_as_second_60() {
    let leap = NaiveDate::from_ymd_opt(2016, 12, 31)
        .unwrap()
        .and_hms_nano_opt(23, 59, 59, 1_500_000_000)
        .unwrap()
        .and_utc();
    assert_eq!(format_timestamp(leap), "2016-12-31 23:59:60.500000");
    assert_eq!(parse_timestamp("2016-12-31 23:59:60.5"), Ok(leap));
}

#[test]
fn ordered_map_keeps_order_and_replaces_in_place() {
    let mut map: OrderedMap<i32> = [("b", 1), ("a", 2)].into_iter().collect();
    assert_eq!(map.insert("b", 3), Some(1));
    assert_eq!(map.insert("c", 4), None);
    assert_eq!(
        map.iter().collect::<Vec<_>>(),
        [("b", &3), ("a", &2), ("c", &4)]
    );
    *map.get_mut("a").unwrap() += 10;
    assert_eq!(map.get("a"), Some(&12));
    assert!(map.contains_key("c") && !map.contains_key("d"));
    assert_eq!(
        serde_json::to_string(&map).unwrap(),
        r#"{"b":3,"a":12,"c":4}"#
    );
    let read: OrderedMap<i32> = serde_json::from_str(r#"{"z":1,"y":2,"z":3}"#).unwrap();
    assert_eq!(read.iter().collect::<Vec<_>>(), [("z", &3), ("y", &2)]);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_string_round_trips(text in any::<String>(), key in any::<String>(), code in any::<i64>()) {
        let mut report = sample();
        report.subject = text.clone();
        report.run.argv = vec![text.clone()];
        report.run.assignment = [(key.as_str(), text.clone())].into_iter().collect();
        let mut invocation = Invocation { id: key.clone(), cmd: text.clone(), ..Invocation::default() };
        invocation.results.insert(key.as_str(), code);
        invocation.stdout = vec![text.clone(), key.clone()];
        report.run.invocations = [(key.as_str(), invocation)].into_iter().collect();
        let yaml = report.to_yaml();
        let back: ReportDocument = serde_saphyr::from_str(&yaml)
            .map_err(|error| TestCaseError::fail(format!("{error}\n{yaml}")))?;
        prop_assert_eq!(back, report);
    }

    #[test]
    fn any_instant_round_trips(seconds in -62_135_596_800i64..253_402_300_800, nanos in 0u32..1_000_000_000) {
        let at = DateTime::from_timestamp(seconds, nanos).unwrap();
        prop_assert_eq!(parse_timestamp(&format_timestamp(at)), Ok(at));
    }
}
