//! Benchmarks of the scope machinery (scs-0003/scs-0004): loading a scope, the runner's
//! selection and summary, report documents and the compliance monitor's evaluation.
//!
//! The scope is generated: 200 testcases in 10 scripts (lifetimes cycling through day, week,
//! month, quarter, year; sections light, medium, heavy), 20 modules of 10 testcases each (a
//! `main` target, and every fourth module a `recommended` target), and 10 versions, newest
//! first, each including 12 to 20 modules (the older, the fewer), the older seven stabilized, with
//! a timeline of five entries. Every case checks its result once before it is measured.
//!
//! - `scope/load`: `Scope::load` of the parsed document (the throughput counts testcases);
//!   `scope/parse_yaml_and_load`: from the YAML text (serde-saphyr, as `scs-check` reads it).
//! - `scope/select_and_summary`: the runner's selection for a date and its console summary over
//!   results for every testcase (testcases).
//! - `monitor/evaluate`: 10,000 reports (100 subjects with 100 reports each, one script's 20
//!   results per report, checked hourly) through `relevant_results` and `evaluate_scope` per
//!   subject (the throughput counts reports).
//! - `report/to_yaml` and `report/parse_yaml`: one report document with 200 results.
//!
//! Run with `cargo bench --bench scope`; `cargo bench --bench scope -- --test` runs each case
//! once.

use std::fmt::Write as _;
use std::hint::black_box;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use scs_validators::scope::{
    evaluate_scope, relevant_results, Invocation, Node, ReportDocument, ResultRow, Results,
    RunOptions, Scope, SpecRef, Verdict,
};

const TESTCASES: usize = 200;
const SCRIPTS: usize = 10;
const MODULES: usize = 20;
const VERSIONS: usize = 10;
const UUID: &str = "5c0b3e0a-7d4f-4c41-9a8e-0b1c2d3e4f50";

fn testcase_id(at: usize) -> String {
    format!("scs-{:04}-testcase-{at:03}", 100 + at / 10)
}

/// The generated scope as YAML text.
fn scope_yaml() -> String {
    let lifetimes = ["day", "week", "month", "quarter", "year"];
    let sections = ["light", "medium", "heavy"];
    let mut text = format!(
        "name: Generated scope\nuuid: {UUID}\nurl: https://example.invalid/generated.yaml\nvariables:\n  - os_cloud\n  - mode: fast\nscripts:\n"
    );
    let per_script = TESTCASES / SCRIPTS;
    for script in 0..SCRIPTS {
        let _ = write!(text, "- executable: ./check-{script}.py\n  args: -c {{os_cloud}} {{testcases}}\n  testcases:\n");
        for at in script * per_script..(script + 1) * per_script {
            let _ = write!(
                text,
                "  - id: {}\n    lifetime: {}\n    section: {}\n    description: Testcase number {at} holds.\n    url: https://example.invalid/standards/{at}\n",
                testcase_id(at),
                lifetimes[at % lifetimes.len()],
                sections[at % sections.len()],
            );
        }
    }
    text.push_str("modules:\n");
    let per_module = TESTCASES / MODULES;
    for module in 0..MODULES {
        let ids: Vec<String> = (module * per_module..(module + 1) * per_module)
            .map(testcase_id)
            .collect();
        let _ = write!(
            text,
            "- id: module-{module}\n  name: Module {module}\n  targets:\n    main: [{}]\n",
            ids.join(", ")
        );
        if module % 4 == 0 {
            let _ = writeln!(text, "    recommended: [{}]", ids[..3].join(", "));
        }
    }
    text.push_str("timeline:\n");
    for (at, year) in (2021..2026).rev().enumerate() {
        let _ = write!(text, "- date: {year}-01-01\n  versions:\n");
        for version in 0..VERSIONS {
            let code = match version.cmp(&(at + 1)) {
                std::cmp::Ordering::Less => "draft",
                std::cmp::Ordering::Equal => "effective",
                std::cmp::Ordering::Greater if version == at + 2 => "warn",
                std::cmp::Ordering::Greater => "deprecated",
            };
            let _ = writeln!(text, "    v{}: {code}", VERSIONS - version);
        }
    }
    text.push_str("versions:\n");
    for version in 0..VERSIONS {
        let _ = writeln!(text, "- version: v{}", VERSIONS - version);
        if version >= 3 {
            let _ = writeln!(text, "  stabilized_at: 20{:02}-01-01", 30 - version);
        }
        text.push_str("  include:\n");
        for module in 0..MODULES - version.min(8) {
            if module == 1 {
                let _ = writeln!(text, "  - ref: module-1\n    parameters: {{p: v{version}}}");
            } else {
                let _ = writeln!(text, "  - module-{module}");
            }
        }
    }
    text
}

fn loaded() -> (String, Node, Scope) {
    let text = scope_yaml();
    let node: Node = serde_saphyr::from_str(&text).expect("generated YAML parses");
    let scope = Scope::load(&node).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(scope.testcases.len(), TESTCASES);
    assert_eq!(scope.versions.len(), VERSIONS);
    (text, node, scope)
}

fn bench_scope(c: &mut Criterion) {
    let (text, node, scope) = loaded();
    let mut group = c.benchmark_group("scope");
    group.throughput(Throughput::Elements(TESTCASES as u64));
    group.bench_function("load", |b| {
        b.iter(|| Scope::load(black_box(&node)).unwrap())
    });
    group.bench_function("parse_yaml_and_load", |b| {
        b.iter(|| {
            let node: Node = serde_saphyr::from_str(black_box(&text)).unwrap();
            Scope::load(&node).unwrap()
        })
    });
    let date = NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
    let options = RunOptions {
        date,
        ..RunOptions::default()
    };
    let results: Results = scope
        .testcases
        .iter()
        .enumerate()
        .map(|(at, t)| (t.id.clone(), [1, 1, 1, 0, -1][at % 5]))
        .collect();
    let selection = scope.select(&options).unwrap();
    assert_eq!(selection.versions.len(), VERSIONS);
    let summary = selection.summary(&scope, "cloud", &results, false);
    assert!(summary.contains("- main: FAIL ("));
    group.bench_function("select_and_summary", |b| {
        b.iter(|| {
            let selection = scope.select(black_box(&options)).unwrap();
            selection.summary(&scope, "cloud", black_box(&results), false)
        })
    });
    group.finish();
}

const SUBJECTS: usize = 100;
const REPORTS_PER_SUBJECT: usize = 100;

/// The stored rows of 10,000 reports, grouped by subject as the monitor's query returns them.
fn rows(scope: &Scope, start: DateTime<Utc>) -> Vec<(String, Vec<ResultRow>)> {
    let per_script = TESTCASES / SCRIPTS;
    (0..SUBJECTS)
        .map(|subject| {
            let name = format!("cloud-{subject:03}");
            let mut rows = Vec::with_capacity(REPORTS_PER_SUBJECT * per_script);
            for report in 0..REPORTS_PER_SUBJECT {
                let script = report % SCRIPTS;
                let checked_at = start + Duration::hours(report as i64);
                for testcase in &scope.testcases[script * per_script..(script + 1) * per_script] {
                    // One subject in ten has a failing testcase.
                    let failing = subject % 10 == 0 && testcase.id.ends_with("007");
                    rows.push(ResultRow {
                        subject: name.clone(),
                        scope_uuid: UUID.to_owned(),
                        version: None,
                        testcase: testcase.id.clone(),
                        result: if failing { -1 } else { 1 },
                        checked_at,
                    });
                }
            }
            (name, rows)
        })
        .collect()
}

fn bench_monitor(c: &mut Criterion) {
    let (_, _, scope) = loaded();
    let start = Utc.with_ymd_and_hms(2025, 5, 28, 0, 0, 0).unwrap();
    let now = start + Duration::hours(REPORTS_PER_SUBJECT as i64);
    let date = now.date_naive();
    let grouped = rows(&scope, start);
    let evaluate_all = |grouped: &[(String, Vec<ResultRow>)]| -> usize {
        let mut passing = 0;
        for (subject, rows) in grouped {
            let relevant = relevant_results(&scope, subject, rows, now);
            let verdict = evaluate_scope(&scope, &relevant, date, false);
            passing += usize::from(verdict.result == Verdict::Pass);
        }
        passing
    };
    // Nine subjects in ten pass the newest versions; the failing ones fall back to a version
    // without the failing testcase or fail.
    let passing = evaluate_all(&grouped);
    assert!((80..SUBJECTS).contains(&passing), "{passing}");
    let mut group = c.benchmark_group("monitor");
    group.throughput(Throughput::Elements(
        (SUBJECTS * REPORTS_PER_SUBJECT) as u64,
    ));
    group.bench_function("evaluate", |b| b.iter(|| evaluate_all(black_box(&grouped))));
    group.finish();
}

fn bench_report(c: &mut Criterion) {
    let (_, _, scope) = loaded();
    let mut results = Results::new();
    for (at, testcase) in scope.testcases.iter().enumerate() {
        results.insert(testcase.id.clone(), [1, 0, -1][at % 3]);
    }
    let invocation = Invocation {
        id: "0b6f3c52-0d1e-4a7f-8c5d-2e9a1b7c6d40".into(),
        cmd: "./check.py -c cloud".into(),
        stdout: results
            .iter()
            .map(|(id, code)| format!("{id}: {code}"))
            .collect(),
        results,
        ..Invocation::default()
    };
    let mut document = ReportDocument {
        spec: SpecRef {
            uuid: UUID.into(),
            name: "Generated scope".into(),
            url: "https://example.invalid".into(),
        },
        checked_at: Utc.with_ymd_and_hms(2026, 11, 24, 7, 28, 50).unwrap(),
        reference_date: NaiveDate::from_ymd_opt(2026, 11, 24),
        subject: "cloud".into(),
        run: Default::default(),
        versions: None,
    };
    document.run.uuid = "7a1d5e88-6c2b-4f0e-9d3a-1b2c3d4e5f60".into();
    document
        .run
        .invocations
        .insert(invocation.id.clone(), invocation);
    let yaml = document.to_yaml();
    let back: ReportDocument = serde_saphyr::from_str(&yaml).unwrap();
    assert_eq!(back, document);
    let mut group = c.benchmark_group("report");
    group.throughput(Throughput::Elements(1));
    group.bench_function("to_yaml", |b| b.iter(|| black_box(&document).to_yaml()));
    group.bench_function("parse_yaml", |b| {
        b.iter(|| serde_saphyr::from_str::<ReportDocument>(black_box(&yaml)).unwrap())
    });
    group.finish();
}

criterion_group!(benches, bench_scope, bench_monitor, bench_report);
criterion_main!(benches);
