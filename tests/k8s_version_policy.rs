//! scs-0210 (Kubernetes version policy) through the public API: the 21 cases of the official
//! unit tests, the digest's matrix (13.1) with both verdicts, every documented divergence,
//! full messages, the next-change moment, the provider-level checks, version parsing with real
//! vendor strings, property tests and a timing guard.

use std::time::Instant;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use scs_validators::k8s_version_policy::{
    self as kvp, critical_ranges, official, version_policy_check, version_policy_verdict,
    ClusterVersion, CveFeed, CveMetric, CveRecord, CveVersion, EolEntry, EolTable, JsonField,
    K8sBranch, K8sVersion, PolicyData, Release, UpperBound, VersionErrorKind, VersionRange,
    EOL_SNAPSHOT, VERSION_POLICY_CHECK,
};
use scs_validators::report::{Outcome, Severity, TestcaseResult};

// ---------------------------------------------------------------------------------------------
// Helpers and data

fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, s).unwrap()
}

fn day(y: i32, mo: u32, d: u32) -> DateTime<Utc> {
    at(y, mo, d, 0, 0, 0)
}

fn v(text: &str) -> K8sVersion {
    text.parse().unwrap()
}

/// The release facts of the digest (13.1): 2023-12-13 … 2024-03-15, newest first as GitHub
/// lists them; `true` marks GitHub pre-releases.
const Q1_2024: &[(&str, &str, bool)] = &[
    ("v1.29.3", "2024-03-15T20:15:39Z", false),
    ("v1.27.12", "2024-03-15T19:26:37Z", false),
    ("v1.28.8", "2024-03-15T18:53:33Z", false),
    ("v1.26.15", "2024-03-14T16:24:57Z", false),
    ("v1.30.0-beta.0", "2024-03-13T05:40:09Z", true),
    ("v1.30.0-alpha.3", "2024-02-28T05:37:33Z", true),
    ("v1.29.2", "2024-02-14T18:01:57Z", false),
    ("v1.26.14", "2024-02-14T16:07:53Z", false),
    ("v1.27.11", "2024-02-14T15:51:57Z", false),
    ("v1.28.7", "2024-02-14T15:49:40Z", false),
    ("v1.30.0-alpha.2", "2024-02-14T05:11:21Z", true),
    ("v1.30.0-alpha.1", "2024-01-31T19:48:16Z", true),
    ("v1.26.13", "2024-01-17T19:42:17Z", false),
    ("v1.28.6", "2024-01-17T19:40:09Z", false),
    ("v1.27.10", "2024-01-17T19:40:02Z", false),
    ("v1.29.1", "2024-01-17T19:37:29Z", false),
    ("v1.26.12", "2023-12-20T13:27:00Z", false),
    ("v1.28.5", "2023-12-20T13:23:37Z", false),
    ("v1.27.9", "2023-12-20T11:14:33Z", false),
    ("v1.29.0", "2023-12-13T16:34:20Z", false),
];

fn q1_releases() -> Vec<Release> {
    Q1_2024
        .iter()
        .map(|(tag, published, pre)| {
            let release = Release::new(*tag, *published);
            if *pre {
                release.flagged_prerelease()
            } else {
                release
            }
        })
        .collect()
}

fn snapshot() -> EolTable {
    EolTable::snapshot()
}

fn data<'a>(releases: &'a [Release], cves: &'a [CveRecord], eol: &'a EolTable) -> PolicyData<'a> {
    PolicyData {
        releases,
        cves,
        cve_feed: None,
        eol,
    }
}

fn record(json: &str) -> CveRecord {
    serde_json::from_str(json).unwrap()
}

/// A critical (CVSS 3.1 base score 9.8) record for product Kubernetes with the given JSON
/// `versions` array.
fn critical(id: &str, versions: &str) -> CveRecord {
    record(&format!(
        r#"{{"cveMetadata": {{"cveId": "{id}"}},
            "containers": {{"cna": {{
              "metrics": [{{"cvssV3_1": {{"baseScore": 9.8}}}}],
              "affected": [{{"vendor": "Kubernetes", "product": "Kubernetes", "versions": {versions}}}]
            }}}}}}"#
    ))
}

fn check(
    cluster: &str,
    releases: &[Release],
    cves: &[CveRecord],
    eol: &EolTable,
    now: DateTime<Utc>,
) -> TestcaseResult {
    version_policy_check(cluster, &data(releases, cves, eol), now)
}

fn messages(result: &TestcaseResult, severity: Severity) -> Vec<String> {
    result
        .findings()
        .iter()
        .filter(|f| f.severity == severity)
        .map(|f| f.message.clone())
        .collect()
}

fn has(result: &TestcaseResult, severity: Severity, needle: &str) -> bool {
    result
        .findings()
        .iter()
        .any(|f| f.severity == severity && f.message.contains(needle))
}

fn official_ranges(records: &[CveRecord]) -> Vec<VersionRange> {
    official::critical_ranges(records).unwrap()
}

fn entry(json: &str) -> CveVersion {
    serde_json::from_str(json).unwrap()
}

fn metric(json: &str) -> CveMetric {
    serde_json::from_str(json).unwrap()
}

// ---------------------------------------------------------------------------------------------
// The 21 official unit tests (digest 1.12), through `official` and the crate's own types.

#[test]
fn official_recency_without_cve_2024_01_17() {
    let r = official::check_recency(&v("1.28.5"), &q1_releases(), &[], day(2024, 1, 17)).unwrap();
    assert!(r.recent);
}

#[test]
fn official_recency_without_cve_2024_01_31() {
    let r = official::check_recency(&v("1.28.5"), &q1_releases(), &[], day(2024, 1, 31)).unwrap();
    assert!(r.recent);
}

#[test]
fn official_recency_without_cve_2024_02_18() {
    let r = official::check_recency(&v("1.28.5"), &q1_releases(), &[], day(2024, 2, 18)).unwrap();
    assert!(!r.recent);
}

#[test]
fn official_recency_with_cve() {
    let ranges = [VersionRange::single(v("1.28.5"))];
    let early =
        official::check_recency(&v("1.28.5"), &q1_releases(), &ranges, day(2024, 1, 20)).unwrap();
    assert!(early.recent);
    assert!(!early.warnings.is_empty());
    assert!(early.warnings[0].starts_with("consider updating from 1.28.5"));
    let late =
        official::check_recency(&v("1.28.5"), &q1_releases(), &ranges, day(2024, 2, 1)).unwrap();
    assert!(!late.recent);
}

#[test]
fn official_is_high_severity() {
    let high31 = CveMetric::cvss("cvssV3_1", 8.0);
    let high30 = CveMetric::cvss("cvssV3_0", 8.0);
    let low31 = CveMetric::cvss("cvssV3_1", 7.9);
    let low30 = CveMetric::cvss("cvssV3_0", 7.9);
    assert!(official::is_critical(&[high31]).unwrap());
    assert!(official::is_critical(std::slice::from_ref(&high30)).unwrap());
    assert!(official::is_critical(&[low31.clone(), high30]).unwrap());
    assert!(!official::is_critical(std::slice::from_ref(&low31)).unwrap());
    assert!(!official::is_critical(&[low30, low31]).unwrap());
}

#[test]
fn official_cve_info_missing_upper() {
    let range = official::affected_range(&entry(r#"{"version": "1.2.3"}"#)).unwrap();
    assert_eq!(range, VersionRange::single(v("1.2.3")));
}

#[test]
fn official_cve_info_exclusive() {
    let range =
        official::affected_range(&entry(r#"{"version": "1.2.3", "lessThan": "1.3.0"}"#)).unwrap();
    let expected = VersionRange::new(v("1.2.3"), UpperBound::Exclusive(v("1.3.0"))).unwrap();
    assert_eq!(range, expected);
}

#[test]
fn official_cve_info_inclusive() {
    let range = official::affected_range(&entry(
        r#"{"version": "1.2.3", "lessThanOrEqual": "1.3.0"}"#,
    ))
    .unwrap();
    let expected = VersionRange::new(v("1.2.3"), UpperBound::Inclusive(v("1.3.0"))).unwrap();
    assert_eq!(range, expected);
}

#[test]
fn official_cve_info_missing_lower() {
    let range = official::affected_range(&entry(
        r#"{"version": "unspecified", "lessThanOrEqual": "1.3.0"}"#,
    ))
    .unwrap();
    let expected = VersionRange::new(v("0.0.0"), UpperBound::Inclusive(v("1.3.0"))).unwrap();
    assert_eq!(range, expected);
}

#[test]
fn official_parse_version() {
    let version = official::parse_version("  v2.4.99   ").unwrap();
    assert_eq!(
        (version.major(), version.minor(), version.patch()),
        (2, 4, 99)
    );
    assert_eq!(v("  v2.4.99   "), K8sVersion::new(2, 4, 99));
}

#[test]
fn official_parse_branch_info() {
    let entry = EolEntry {
        branch: "1.29".into(),
        end_of_life: "2025-02-28".into(),
    };
    let (branch, eol) = official::parse_eol_entry(&entry).unwrap();
    assert_eq!((branch.major(), branch.minor()), (1, 29));
    assert_eq!(eol, NaiveDate::from_ymd_opt(2025, 2, 28).unwrap());
}

#[test]
fn official_parse_release_data1() {
    let (version, published) =
        official::parse_release(&Release::new("v1.29.3-dev0", "2024-02-03T13:37:42Z")).unwrap();
    assert_eq!(version, K8sVersion::new(1, 29, 3));
    assert_eq!(published, at(2024, 2, 3, 13, 37, 42));
}

#[test]
fn official_parse_release_data2() {
    let (version, published) =
        official::parse_release(&Release::new("1.24.0", "2023-01-03T13:37:42Z")).unwrap();
    assert_eq!(version, K8sVersion::new(1, 24, 0));
    assert_eq!(published, at(2023, 1, 3, 13, 37, 42));
}

#[test]
fn official_is_eol() {
    // 1.29 with end of life 2025-02-28 is not supported on 2025-03-01 (the sanity rule needs
    // two supported branches, so two later ones are listed too).
    let table = EolTable::from_dates([
        (
            K8sBranch::new(1, 29),
            NaiveDate::from_ymd_opt(2025, 2, 28).unwrap(),
        ),
        (
            K8sBranch::new(1, 30),
            NaiveDate::from_ymd_opt(2025, 6, 28).unwrap(),
        ),
        (
            K8sBranch::new(1, 31),
            NaiveDate::from_ymd_opt(2025, 10, 28).unwrap(),
        ),
    ]);
    let (supported, warn) = official::supported_branches(&table, day(2025, 3, 1)).unwrap();
    assert!(!supported.contains(&K8sBranch::new(1, 29)));
    assert!(warn, "two supported branches: the official suite warns");
    let result = check(
        "1.29.14",
        &[Release::new("v1.29.14", "2025-02-12T10:00:00Z")],
        &[],
        &table,
        day(2025, 3, 1),
    );
    assert_eq!(
        (result.outcome(), result.official()),
        (Outcome::Fail, Outcome::Fail)
    );
}

#[test]
fn official_k8s_version_operators() {
    assert_eq!(K8sVersion::new(1, 2, 3), K8sVersion::new(1, 2, 3));
    assert_eq!(
        K8sVersion::new(1, 2, 0),
        K8sBranch::new(1, 2).first_version()
    );
    assert!(K8sVersion::new(1, 2, 3) < K8sVersion::new(1, 2, 4));
    assert!(K8sVersion::new(1, 2, 3) < K8sVersion::new(1, 3, 0));
    assert!(K8sVersion::new(1, 2, 3) < K8sVersion::new(2, 0, 0));
}

#[test]
fn official_k8s_branch_basics() {
    assert_eq!(K8sBranch::new(1, 29), K8sBranch::new(1, 29));
    assert!(K8sBranch::new(1, 28) < K8sBranch::new(1, 29));
    assert_eq!(K8sVersion::new(1, 28, 5).branch(), K8sBranch::new(1, 28));
    assert_eq!(
        K8sBranch::new(1, 29).previous(),
        Some(K8sBranch::new(1, 28))
    );
}

#[test]
fn official_version_range_constructor1() {
    // The official `VersionRange(lower_version=None)` raises; a Rust range always has a lower
    // bound, so the case is the CVE entry without `version`, on which the official suite
    // aborts.
    let err = official::affected_range(&entry(r#"{"lessThan": "1.3.0"}"#)).unwrap_err();
    assert_eq!(
        err.message(),
        "the record: `versions[0].version` is missing"
    );
}

#[test]
fn official_version_range_constructor2() {
    let err = VersionRange::new(v("2.3.0"), UpperBound::Exclusive(v("1.3.0"))).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the upper bound `1.3.0` is below the lower bound `2.3.0`"
    );
}

#[test]
fn official_version_range_contains_with_no_upper_limit() {
    let range = VersionRange::single(v("3.4.5"));
    assert!(!range.contains(&v("3.4.4")));
    assert!(range.contains(&v("3.4.5")));
    assert!(!range.contains(&v("3.4.6")));
}

#[test]
fn official_version_range_contains_inclusive() {
    let range = VersionRange::new(v("1.2.1"), UpperBound::Inclusive(v("1.3.4"))).unwrap();
    assert!(!range.contains(&v("1.2.0")));
    assert!(range.contains(&v("1.2.1")));
    assert!(range.contains(&v("1.3.4")));
    assert!(!range.contains(&v("1.3.5")));
}

#[test]
fn official_version_range_contains_exclusive() {
    let range = VersionRange::new(v("1.2.1"), UpperBound::Exclusive(v("1.3.4"))).unwrap();
    assert!(matches!(range.upper(), UpperBound::Exclusive(_)));
    assert!(!range.contains(&v("1.2.0")));
    assert!(range.contains(&v("1.2.1")));
    assert!(range.contains(&v("1.3.3")));
    assert!(!range.contains(&v("1.3.4")));
}

// ---------------------------------------------------------------------------------------------
// Digest 13.1: the recency matrix with both verdicts.

#[test]
fn recency_matrix_both_verdicts() {
    let times = [
        day(2024, 1, 17),
        day(2024, 1, 31),
        at(2024, 2, 17, 19, 40, 9),
        at(2024, 2, 17, 19, 40, 10),
        day(2024, 2, 18),
        day(2024, 3, 1),
        day(2024, 3, 16),
        day(2024, 4, 16),
    ];
    let rows: &[(&str, &str)] = &[
        ("1.28.5", "TTTFFFFF"),
        ("1.28.6", "TTTTTTTF"),
        ("1.28.7", "TTTTTTTF"),
        ("1.28.8", "TTTTTTTT"),
        ("1.29.0", "TTFFFFFF"),
        ("1.29.1", "TTTTTTTF"),
        ("1.29.2", "TTTTTTTF"),
        ("1.29.3", "TTTTTTTT"),
        ("1.27.9", "TTFFFFFF"),
        ("1.26.12", "TTTTFFFF"),
        ("1.30.0", "TTTTTTTT"),
        ("1.31.0", "TTTTTTTT"),
        ("1.28.99", "TTTTTTTT"),
    ];
    let releases = q1_releases();
    let eol = snapshot();
    for (version, expected) in rows {
        for (now, cell) in times.iter().zip(expected.chars()) {
            let recent = cell == 'T';
            let official = official::check_recency(&v(version), &releases, &[], *now).unwrap();
            assert_eq!(
                official.recent, recent,
                "official recency of {version} at {now}"
            );
            let result = check(version, &releases, &[], &eol, *now);
            let want = if recent { Outcome::Pass } else { Outcome::Fail };
            assert_eq!(
                result.official(),
                want,
                "official verdict of {version} at {now}"
            );
            assert_eq!(
                result.outcome(),
                want,
                "standard verdict of {version} at {now}"
            );
        }
    }
}

fn range_1_28_0_to_1_28_6() -> Vec<CveRecord> {
    vec![critical(
        "CVE-2024-90001",
        r#"[{"version": "1.28.0", "lessThan": "1.28.6", "status": "affected"}]"#,
    )]
}

#[test]
fn cve_windows_with_range_1_28_0_to_1_28_6() {
    let releases = q1_releases();
    let cves = range_1_28_0_to_1_28_6();
    let ranges = official_ranges(&cves);
    assert_eq!(ranges.len(), 1);
    assert_eq!(ranges[0].to_string(), "[1.28.0, 1.28.6)");
    let eol = snapshot();
    // (now, passes, official warning)
    let cases = [
        (at(2024, 1, 19, 19, 40, 9), true, false),
        (at(2024, 1, 19, 19, 40, 10), true, true),
        (at(2024, 1, 31, 19, 40, 9), true, true),
        (at(2024, 1, 31, 19, 40, 10), false, true),
        (day(2024, 2, 1), false, true),
    ];
    for (now, passes, warned) in cases {
        let official = official::check_recency(&v("1.28.5"), &releases, &ranges, now).unwrap();
        assert_eq!(official.recent, passes, "official at {now}");
        assert_eq!(
            official
                .warnings
                .iter()
                .any(|w| w.contains("1.28.5 to 1.28.6")),
            warned,
            "official warning at {now}"
        );
        let result = check("1.28.5", &releases, &cves, &eol, now);
        let want = if passes { Outcome::Pass } else { Outcome::Fail };
        assert_eq!(
            (result.outcome(), result.official()),
            (want, want),
            "at {now}"
        );
        // 1.28.6 lies outside the range: it fixes the CVE, so the standard applies the window.
        let recommended = has(&result, Severity::Warning, "fixes critical CVE-2024-90001");
        assert_eq!(
            recommended,
            warned && passes,
            "standard 2-day warning at {now}"
        );
    }
    let result = check(
        "1.28.5",
        &releases,
        &cves,
        &eol,
        at(2024, 1, 19, 19, 40, 10),
    );
    assert_eq!(
        messages(&result, Severity::Warning),
        [
            "patch 1.28.6 published 2024-01-17 fixes critical CVE-2024-90001, recommended by \
          2024-01-19 (2 days), due by 2024-01-31"
        ]
    );
    let result = check(
        "1.28.5",
        &releases,
        &cves,
        &eol,
        at(2024, 1, 31, 19, 40, 10),
    );
    assert_eq!(
        messages(&result, Severity::Error),
        [
            "patch 1.28.6 published 2024-01-17 fixes critical CVE-2024-90001, due by 2024-01-31, \
          is not rolled out (critical fixes are due within 14 days)"
        ]
    );
}

#[test]
fn cve_list_order_changes_warnings_not_verdict() {
    let releases = q1_releases();
    let ranges = official_ranges(&range_1_28_0_to_1_28_6());
    let now = day(2024, 2, 20);
    let forward = official::check_recency(&v("1.28.5"), &releases, &ranges, now).unwrap();
    assert!(!forward.recent);
    assert_eq!(
        forward.warnings,
        ["consider updating from 1.28.5 to 1.28.7 (critical CVE)"]
    );
    let reversed: Vec<Release> = releases.iter().rev().cloned().collect();
    let backward = official::check_recency(&v("1.28.5"), &reversed, &ranges, now).unwrap();
    assert!(!backward.recent);
    assert!(backward.warnings.is_empty());
}

#[test]
fn q_210_2_cve_window_only_for_fixing_releases() {
    let releases = q1_releases();
    let eol = snapshot();
    let cves = vec![critical(
        "CVE-2024-90009",
        r#"[{"version": "1.28.0", "lessThan": "1.28.9", "status": "affected"}]"#,
    )];
    let r = check("1.28.7", &releases, &cves, &eol, day(2024, 3, 1));
    assert_eq!((r.outcome(), r.official()), (Outcome::Pass, Outcome::Pass));
    let r = check("1.28.7", &releases, &cves, &eol, day(2024, 3, 18));
    assert_eq!((r.outcome(), r.official()), (Outcome::Pass, Outcome::Pass));
    let official = official::check_recency(
        &v("1.28.7"),
        &releases,
        &official_ranges(&cves),
        day(2024, 3, 18),
    )
    .unwrap();
    assert_eq!(
        official.warnings,
        ["consider updating from 1.28.7 to 1.28.8 (critical CVE)"]
    );
    // 2024-03-30: 1.28.8 is 15 days old, but it is affected too.
    let r = check("1.28.7", &releases, &cves, &eol, day(2024, 3, 30));
    assert_eq!((r.outcome(), r.official()), (Outcome::Pass, Outcome::Fail));
    assert_eq!(
        messages(&r, Severity::Info),
        [
            "patch 1.28.8 published 2024-03-15, due by 2024-04-15",
            "affected by critical CVE-2024-90009; no newer patch of branch 1.28 fixes it yet \
             (1.28.8 still affected): the 14-day deadline runs from the publication of a fix",
        ]
    );
    assert_eq!(
        messages(&r, Severity::Warning),
        ["the official suite reports FAIL: 1.28.8 published 2024-03-15 is more than 14 days old \
          and `1.28.7` lies in a critical CVE range (it does not check whether 1.28.8 fixes the \
          CVE)"]
    );
    let r = check("1.28.8", &releases, &cves, &eol, day(2024, 3, 30));
    assert_eq!((r.outcome(), r.official()), (Outcome::Pass, Outcome::Pass));
}

#[test]
fn full_decision_at_2024_03_01() {
    let releases = q1_releases();
    let eol = snapshot();
    let now = day(2024, 3, 1);
    let cases = [
        ("1.28.5", Outcome::Fail, Outcome::Fail),
        ("1.28.7", Outcome::Pass, Outcome::Pass),
        ("1.27.11", Outcome::Pass, Outcome::Pass),
        ("1.29.2", Outcome::Pass, Outcome::Pass),
        ("1.30.0", Outcome::Pass, Outcome::Pass),
        ("1.26.15", Outcome::Fail, Outcome::Fail),
        ("1.24.0", Outcome::Fail, Outcome::Fail),
        // Q-210-3: a branch newer than every listed branch is supported (the table is stale).
        ("1.37.0", Outcome::Pass, Outcome::Fail),
        ("2.0.0", Outcome::Pass, Outcome::Fail),
    ];
    for (cluster, outcome, official) in cases {
        let r = check(cluster, &releases, &[], &eol, now);
        assert_eq!(
            (r.outcome(), r.official()),
            (outcome, official),
            "{cluster}"
        );
    }
    let r = check("1.28.5", &releases, &[], &eol, now);
    assert_eq!(
        messages(&r, Severity::Error),
        [
            "patch 1.28.6 published 2024-01-17, due by 2024-02-17, is not rolled out (patches are \
          due within 31 days)"
        ]
    );
    assert_eq!(r.findings()[0].subject.as_deref(), Some("1.28.5"));
    // 1.28.8 is published on 2024-03-15, after `now`: not available yet, no deadline runs.
    assert_eq!(
        messages(&r, Severity::Info),
        [
            "patch 1.28.8 is published 2024-03-15T18:53:33Z, after the time of the check: not \
             counted as available yet",
            "patch 1.28.7 published 2024-02-14, due by 2024-03-16",
        ]
    );
    let r = check("1.26.15", &releases, &[], &eol, now);
    assert_eq!(
        messages(&r, Severity::Error),
        [
            "branch 1.26 reached its end of life on 2024-02-28: roll out 1.29.2 of the newest \
             supported branch 1.29 (or at least 1.27.11 of branch 1.27, supported until \
             2024-06-28), due by 2024-02-28"
        ]
    );
    let r = check("1.24.0", &releases, &[], &eol, now);
    assert_eq!(
        messages(&r, Severity::Error),
        [
            "branch 1.24 is not in the EOL table, so it counts as past its end of life: roll out \
             1.29.2 of the newest supported branch 1.29 (or at least 1.27.11 of branch 1.27, \
             supported until 2024-06-28), due by 2023-10-28 at the latest"
        ]
    );
    let r = check("1.37.0", &releases, &[], &eol, now);
    assert_eq!(
        messages(&r, Severity::Warning),
        [
            "branch 1.37 is newer than every branch of the EOL table (newest 1.36): the table \
             is out of date; taken as supported",
            "the official suite reports FAIL: branch 1.37 is not a supported branch of its EOL \
             table",
        ]
    );
}

#[test]
fn single_version_ranges_at_2024() {
    let releases = q1_releases();
    let eol = snapshot();
    let cves = vec![critical(
        "CVE-2024-90010",
        r#"[{"version": "1.28.7", "status": "affected"}]"#,
    )];
    let r = check("1.28.7", &releases, &cves, &eol, day(2024, 3, 1));
    assert_eq!((r.outcome(), r.official()), (Outcome::Pass, Outcome::Pass));
    let cves = vec![critical(
        "CVE-2024-90011",
        r#"[{"version": "1.28.6", "status": "affected"}]"#,
    )];
    let ranges = official_ranges(&cves);
    let official =
        official::check_recency(&v("1.28.6"), &releases, &ranges, day(2024, 2, 17)).unwrap();
    assert!(official.recent);
    assert_eq!(official.warnings.len(), 1, "1.28.7 is 2 d 8 h old");
    let r = check("1.28.6", &releases, &cves, &eol, day(2024, 2, 17));
    assert_eq!((r.outcome(), r.official()), (Outcome::Pass, Outcome::Pass));
    assert_eq!(
        messages(&r, Severity::Warning),
        [
            "patch 1.28.7 published 2024-02-14 fixes critical CVE-2024-90011, recommended by \
          2024-02-16 (2 days), due by 2024-02-28"
        ]
    );
}

#[test]
fn robustness_cases_of_13_1() {
    let eol = snapshot();
    let now = day(2024, 3, 1);
    // A fractional timestamp in another branch: the official suite aborts.
    let mut releases = q1_releases();
    releases.insert(0, Release::new("v1.25.16", "2024-01-01T00:00:00.5Z"));
    let r = check("1.28.7", &releases, &[], &eol, now);
    assert_eq!((r.outcome(), r.official()), (Outcome::Pass, Outcome::Abort));
    assert!(has(
        &r,
        Severity::Warning,
        "`published_at` `2024-01-01T00:00:00.5Z` is not YYYY-MM-DDTHH:MM:SSZ: read as RFC 3339"
    ));
    assert!(has(
        &r,
        Severity::Warning,
        "the official suite aborts: release `v1.25.16`: `published_at` `2024-01-01T00:00:00.5Z` \
         is not YYYY-MM-DDTHH:MM:SSZ"
    ));
    // A release without `draft`.
    let mut releases = q1_releases();
    releases[3].draft = JsonField::Missing;
    let r = check("1.28.7", &releases, &[], &eol, now);
    assert_eq!((r.outcome(), r.official()), (Outcome::Pass, Outcome::Abort));
    let finding = r
        .findings()
        .iter()
        .find(|f| f.message == "no `draft`: taken as published")
        .unwrap();
    assert_eq!(finding.subject.as_deref(), Some("v1.26.15"));
    // EOL data on or after 2027-02-28.
    let r = check(
        "1.36.2",
        &[Release::new("v1.36.2", "2027-02-10T00:00:00Z")],
        &[],
        &eol,
        day(2027, 2, 28),
    );
    assert_eq!((r.outcome(), r.official()), (Outcome::Pass, Outcome::Abort));
    assert_eq!(
        messages(&r, Severity::Warning),
        [
            "only 1 branch is supported on 2027-02-28 (1.36): the table is out of date",
            "the official suite aborts: its EOL table lists 1 supported branch (it needs at \
             least 2)",
        ]
    );
    // Harmless: a draft with `published_at: null`, an unflagged rc tag of the cluster's own
    // version.
    let mut releases = q1_releases();
    releases.insert(
        0,
        Release::new("v1.30.0", "2024-02-20T00:00:00Z").flagged_draft(),
    );
    releases.insert(0, Release::new("v1.30.0-rc.1", "2024-02-25T00:00:00Z"));
    let r = check("1.30.0", &releases, &[], &eol, now);
    assert_eq!((r.outcome(), r.official()), (Outcome::Pass, Outcome::Pass));
}

// ---------------------------------------------------------------------------------------------
// Divergences (module docs table), each pinned.

#[test]
fn q_210_5_vendor_builds_are_checked() {
    let releases = q1_releases();
    let eol = snapshot();
    for cluster in ["v1.28.5-eks-1234567", "v1.28.5-gke.1000"] {
        let r = check(cluster, &releases, &[], &eol, day(2024, 1, 31));
        assert_eq!(
            (r.outcome(), r.official()),
            (Outcome::Pass, Outcome::Abort),
            "{cluster}"
        );
        assert!(has(
            &r,
            Severity::Warning,
            &format!(
                "the official suite aborts: the cluster version `{cluster}` is not a version it \
                 can parse"
            )
        ));
        let r = check(cluster, &releases, &[], &eol, day(2024, 3, 1));
        assert_eq!(
            (r.outcome(), r.official()),
            (Outcome::Fail, Outcome::Abort),
            "{cluster}"
        );
        assert_eq!(r.findings()[0].subject.as_deref(), Some(cluster));
    }
    let r = check(
        "v1.28.5-eks-1234567",
        &releases,
        &[],
        &eol,
        day(2024, 1, 31),
    );
    assert_eq!(
        messages(&r, Severity::Info)[0],
        "vendor build `eks-1234567` of 1.28.5: checked as 1.28.5"
    );
    // Build metadata is accepted by both.
    let r = check("v1.28.8+k3s1", &releases, &[], &eol, day(2024, 3, 20));
    assert_eq!((r.outcome(), r.official()), (Outcome::Pass, Outcome::Pass));
}

#[test]
fn q_210_5_prereleases_are_checked() {
    let eol = snapshot();
    let releases = [
        Release::new("v1.31.1", "2024-09-11T10:00:00Z"),
        Release::new("v1.31.0", "2024-08-13T10:00:00Z"),
        Release::new("v1.31.0-rc.1", "2024-08-07T10:00:00Z").flagged_prerelease(),
    ];
    let r = check("v1.31.0-rc.1", &releases, &[], &eol, day(2024, 8, 20));
    assert_eq!((r.outcome(), r.official()), (Outcome::Pass, Outcome::Abort));
    assert_eq!(
        messages(&r, Severity::Info)[0],
        "pre-release `rc.1` of 1.31.0: checked as older than 1.31.0"
    );
    let r = check("v1.31.0-rc.1", &releases, &[], &eol, day(2024, 10, 1));
    assert_eq!((r.outcome(), r.official()), (Outcome::Fail, Outcome::Abort));
    assert_eq!(
        messages(&r, Severity::Error),
        [
            "patch 1.31.0 published 2024-08-13, due by 2024-09-13, is not rolled out (patches are \
          due within 31 days)"
        ]
    );
}

#[test]
fn q_210_6_unflagged_prerelease_tags() {
    let eol = snapshot();
    let releases = [
        Release::new("v1.29.5-rc.0", "2024-04-01T10:00:00Z"),
        Release::new("v1.29.4", "2024-03-20T10:00:00Z"),
    ];
    let r = check("1.29.4", &releases, &[], &eol, day(2024, 5, 15));
    assert_eq!((r.outcome(), r.official()), (Outcome::Pass, Outcome::Fail));
    assert_eq!(
        messages(&r, Severity::Info),
        [
            "release `v1.29.5-rc.0` is a pre-release, although GitHub does not flag it: ignored \
          (the official suite takes it for 1.29.5)"
        ]
    );
    assert!(has(
        &r,
        Severity::Warning,
        "the official suite reports FAIL: 1.29.5 published 2024-04-01 is more than 31 days old"
    ));
}

#[test]
fn q_210_13_malformed_releases() {
    let eol = snapshot();
    let now = day(2024, 3, 1);
    let base = q1_releases();
    // (change, standard warning)
    type Change = Box<dyn Fn(&mut Release)>;
    let cases: Vec<(Change, &str)> = vec![
        (
            Box::new(|r| r.prerelease = JsonField::Missing),
            "no `prerelease`: the tag decides whether it is one",
        ),
        (
            Box::new(|r| r.published_at = Some("2024-03-14T16:24:57+00:00".into())),
            "`published_at` `2024-03-14T16:24:57+00:00` is not YYYY-MM-DDTHH:MM:SSZ: read as RFC 3339",
        ),
        (
            Box::new(|r| r.published_at = Some("2024-03-14".into())),
            "`published_at` `2024-03-14` is not a timestamp: ignored",
        ),
        (Box::new(|r| r.published_at = None), "no `published_at`: ignored"),
        (Box::new(|r| r.tag_name = Some("v1.26".into())), "`tag_name`: `v1.26` is not a Kubernetes version: the patch number is missing: ignored"),
    ];
    for (change, warning) in cases {
        let mut releases = base.clone();
        change(&mut releases[3]); // v1.26.15
        let r = check("1.28.7", &releases, &[], &eol, now);
        assert_eq!(
            (r.outcome(), r.official()),
            (Outcome::Pass, Outcome::Abort),
            "{warning}"
        );
        assert!(
            has(&r, Severity::Warning, warning),
            "{warning}: {:?}",
            r.findings()
        );
    }
    // `draft: null` is a falsy draft flag for both readings.
    let mut releases = base.clone();
    releases[3].draft = JsonField::Null;
    let r = check("1.28.7", &releases, &[], &eol, now);
    assert_eq!((r.outcome(), r.official()), (Outcome::Pass, Outcome::Pass));
    assert!(r.findings().iter().all(|f| f.severity != Severity::Warning));
    // A malformed release after an overdue one is never reached: the official suite fails.
    let mut releases = base.clone();
    releases.push(Release {
        draft: JsonField::Missing,
        ..Release::new("v1.25.0", "2023-01-01T00:00:00Z")
    });
    let r = check("1.28.5", &releases, &[], &eol, now);
    assert_eq!((r.outcome(), r.official()), (Outcome::Fail, Outcome::Fail));
}

#[test]
fn q_210_14_only_the_first_100_releases_count_officially() {
    let eol = snapshot();
    let mut releases: Vec<Release> = (0..100)
        .map(|i| Release::new(format!("v1.27.{}", 100 - i), "2024-01-05T00:00:00Z"))
        .collect();
    releases.push(Release::new("v1.28.9", "2024-01-10T00:00:00Z"));
    let r = check("1.28.8", &releases, &[], &eol, day(2024, 3, 1));
    assert_eq!((r.outcome(), r.official()), (Outcome::Fail, Outcome::Pass));
    assert!(has(
        &r,
        Severity::Warning,
        "the official suite reports PASS"
    ));
}

#[test]
fn cvss_without_base_score() {
    let eol = snapshot();
    let releases = q1_releases();
    let cves = vec![record(
        r#"{"cveMetadata": {"cveId": "CVE-2024-90020"},
            "containers": {"cna": {"metrics": [{"cvssV3_1": {"vectorString": "CVSS:3.1/AV:N"}}],
                                   "affected": [{"product": "Kubernetes", "versions": []}]}}}"#,
    )];
    let err = official::critical_ranges(&cves).unwrap_err();
    assert_eq!(
        err.message(),
        "CVE-2024-90020: `metrics[0].cvssV3_1` has no `baseScore`"
    );
    let r = check("1.28.7", &releases, &cves, &eol, day(2024, 3, 1));
    assert_eq!((r.outcome(), r.official()), (Outcome::Pass, Outcome::Abort));
    let finding = &r.findings()[0];
    assert_eq!(finding.subject.as_deref(), Some("CVE-2024-90020"));
    assert_eq!(
        finding.message,
        "`metrics[0].cvssV3_1` has no `baseScore`: not counted"
    );
    // An earlier critical member short-circuits the official check.
    let metrics = [
        CveMetric::cvss("cvssV3_1", 9.0),
        metric(r#"{"cvssV4_0": {"vectorString": "x"}}"#),
    ];
    assert!(official::is_critical(&metrics).unwrap());
    let bad = [metric(r#"{"cvssV3_1": "9.8"}"#)];
    assert_eq!(
        official::is_critical(&bad).unwrap_err().message(),
        "the record: `metrics[0].cvssV3_1` is a string, not an object"
    );
    // Keys that do not name CVSS data are not read; a boolean score compares as 0 or 1.
    assert!(
        !official::is_critical(&[metric(r#"{"other": {"content": 1}, "format": "CVSS"}"#)])
            .unwrap()
    );
    assert!(!official::is_critical(&[metric(r#"{"cvssV3_1": {"baseScore": true}}"#)]).unwrap());
    assert!(official::is_cvss_key("cvsV3") && official::is_cvss_key("CVSSV3_1"));
    assert!(!official::is_cvss_key("cvssv3_1"));
}

#[test]
fn less_than_star_is_unbounded() {
    let eol = snapshot();
    let releases = q1_releases();
    let cves = vec![critical(
        "CVE-2024-90021",
        r#"[{"version": "1.28.0", "lessThan": "*", "status": "affected"}]"#,
    )];
    assert_eq!(
        official::critical_ranges(&cves).unwrap_err().message(),
        "CVE-2024-90021: `affected[0].versions[0].lessThan` `*` is not a version"
    );
    let ranges = critical_ranges(&cves);
    assert_eq!(ranges.ranges[0].range.to_string(), "[1.28.0, *)");
    assert_eq!(
        ranges.findings[0].message,
        "`affected[0].versions[0]` read as [1.28.0, *) (the official suite aborts on it)"
    );
    assert_eq!(
        ranges.findings[0].subject.as_deref(),
        Some("CVE-2024-90021")
    );
    // 1.28.8 is published on 2024-03-15: not yet on 2024-03-01, still affected after.
    let r = check("1.28.7", &releases, &cves, &eol, day(2024, 3, 1));
    assert_eq!((r.outcome(), r.official()), (Outcome::Pass, Outcome::Abort));
    assert!(has(
        &r,
        Severity::Info,
        "affected by critical CVE-2024-90021; no newer patch of branch 1.28 exists yet"
    ));
    let r = check("1.28.7", &releases, &cves, &eol, day(2024, 3, 20));
    assert_eq!((r.outcome(), r.official()), (Outcome::Pass, Outcome::Abort));
    assert!(has(
        &r,
        Severity::Info,
        "affected by critical CVE-2024-90021; no newer patch of branch 1.28 fixes it yet \
         (1.28.8 still affected)"
    ));
}

#[test]
fn upper_bound_below_lower_bound() {
    let eol = snapshot();
    let releases = q1_releases();
    let cves = vec![critical(
        "CVE-2024-90022",
        r#"[{"version": "1.28.0", "lessThan": "1.27.0", "status": "affected"},
            {"version": "1.28.0", "lessThan": "1.28.7", "status": "affected"}]"#,
    )];
    assert!(official::critical_ranges(&cves)
        .unwrap_err()
        .message()
        .contains("the upper bound `1.27.0` is below the lower bound `1.28.0`"));
    let ranges = critical_ranges(&cves);
    assert_eq!(ranges.ranges.len(), 1);
    assert_eq!(
        ranges.findings[0].message,
        "`affected[0].versions[0]`: the upper bound `1.27.0` is below the lower bound `1.28.0`: \
         ignored (the official suite aborts on it)"
    );
    // The second entry still counts: 1.28.7 fixes 1.28.6, published 2024-02-14.
    let r = check("1.28.6", &releases, &cves, &eol, day(2024, 3, 1));
    assert_eq!((r.outcome(), r.official()), (Outcome::Fail, Outcome::Abort));
}

#[test]
fn q_210_7_odd_version_forms() {
    let read = |json: &str| {
        let e = entry(json);
        (
            official::affected_range(&e).map(|r| r.to_string()),
            critical_ranges(&[critical("CVE-X", &format!("[{json}]"))])
                .ranges
                .first()
                .map(|r| r.range.to_string()),
        )
    };
    let ok = |s: &str| Ok::<String, official::OfficialAbort>(s.to_owned());
    // (entry, official range, standard range)
    assert_eq!(
        read(r#"{"version": "1.2.x", "status": "affected"}"#),
        (ok("[1.2.0, 1.2.0)"), Some("[1.2.0, 1.3.0)".into()))
    );
    assert_eq!(
        read(r#"{"version": "v1.2.x", "status": "affected"}"#),
        (ok("[1.2.0, 1.2.0)"), Some("[1.2.0, 1.3.0)".into()))
    );
    assert_eq!(
        read(r#"{"version": "1.2.x", "lessThan": "1.3.0", "status": "affected"}"#),
        (ok("[0.0.0, 1.3.0)"), Some("[1.2.0, 1.3.0)".into()))
    );
    assert_eq!(
        read(r#"{"version": "1.2.3 - 1.2.5", "status": "affected"}"#),
        (ok("[1.2.3, 1.2.5)"), Some("[1.2.3, 1.2.5]".into()))
    );
    assert_eq!(
        read(r#"{"version": "v1.2.3 - v1.2.5", "status": "affected"}"#),
        (ok("[1.2.3, 1.2.5)"), Some("[1.2.3, 1.2.5]".into()))
    );
    assert_eq!(
        read(r#"{"version": "1.2.3-1.2.5", "status": "affected"}"#),
        (ok("0.0.0"), Some("[1.2.3, 1.2.5]".into()))
    );
    assert_eq!(
        read(r#"{"version": "1.2.3-rc.1", "status": "affected"}"#),
        (ok("0.0.0"), Some("1.2.3-rc.1".into()))
    );
    assert_eq!(
        read(r#"{"version": "unknown", "status": "affected"}"#),
        (ok("0.0.0"), None)
    );
    assert_eq!(
        read(r#"{"version": "0", "lessThan": "1.27.13", "status": "affected"}"#),
        (ok("[0.0.0, 1.27.13)"), Some("[0.0.0, 1.27.13)".into()))
    );
    assert_eq!(
        read(r#"{"version": "v1.28.0", "lessThan": "v1.28.4", "status": "affected"}"#),
        (ok("[1.28.0, 1.28.4)"), Some("[1.28.0, 1.28.4)".into()))
    );
    assert_eq!(
        read(
            r#"{"version": "1.2.3", "lessThan": "1.3.0", "lessThanOrEqual": "1.4.0", "status": "affected"}"#
        ),
        (ok("[1.2.3, 1.4.0]"), Some("[1.2.3, 1.4.0]".into()))
    );
    // Official aborts, standard reading.
    let (official, standard) = read(r#"{"version": "<= 1.2.x", "status": "affected"}"#);
    assert!(official.is_err());
    assert_eq!(standard, None);
    let (official, standard) = read(r#"{"lessThan": "1.3.0", "status": "affected"}"#);
    assert!(official.is_err());
    assert_eq!(standard.as_deref(), Some("[0.0.0, 1.3.0)"));
    // The standard reading pins its divergence in a finding that names the CVE and the field.
    let ranges = critical_ranges(&[critical(
        "CVE-X",
        r#"[{"version": "1.2.x", "status": "affected"}]"#,
    )]);
    assert_eq!(
        ranges.findings[0].message,
        "`affected[0].versions[0]` read as [1.2.0, 1.3.0) (the official suite reads [1.2.0, 1.2.0))"
    );
    // On a cluster: 1.28.x affects 1.28.6; 1.28.7 (2024-02-14) is more than 14 days old.
    let cves = vec![critical(
        "CVE-2024-90023",
        r#"[{"version": "1.28.x", "status": "affected"}]"#,
    )];
    let r = check(
        "1.28.6",
        &q1_releases(),
        &cves,
        &snapshot(),
        day(2024, 3, 1),
    );
    assert_eq!(
        (r.outcome(), r.official()),
        (Outcome::Pass, Outcome::Pass),
        "1.28.7 is in the branch range too"
    );
    let cves = vec![critical(
        "CVE-2024-90023",
        r#"[{"version": "1.28.x", "lessThan": "1.28.7", "status": "affected"}]"#,
    )];
    let r = check(
        "1.28.6",
        &q1_releases(),
        &cves,
        &snapshot(),
        day(2024, 3, 1),
    );
    assert_eq!((r.outcome(), r.official()), (Outcome::Fail, Outcome::Fail));
    let cves = vec![critical(
        "CVE-2024-90024",
        r#"[{"version": "1.28.6 - 1.28.6", "status": "affected"}]"#,
    )];
    let r = check(
        "1.28.6",
        &q1_releases(),
        &cves,
        &snapshot(),
        day(2024, 3, 1),
    );
    assert_eq!(
        (r.outcome(), r.official()),
        (Outcome::Fail, Outcome::Pass),
        "inclusive a - b"
    );
    assert!(has(
        &r,
        Severity::Warning,
        "the official suite reports PASS"
    ));
}

#[test]
fn malformed_critical_records() {
    let eol = snapshot();
    let releases = q1_releases();
    let cases = [
        (
            r#"{"cveMetadata": {"cveId": "CVE-A"}, "containers": {"cna": {"metrics": [{"cvssV3_1": {"baseScore": 9.0}}], "affected": [{"versions": []}]}}}"#,
            "`affected[0]` has no `product`: ignored",
            "CVE-A: `affected[0]` has no `product`",
        ),
        (
            r#"{"cveMetadata": {"cveId": "CVE-B"}, "containers": {"cna": {"metrics": [{"cvssV3_1": {"baseScore": 9.0}}], "affected": [{"product": "Kubernetes"}]}}}"#,
            "`affected[0]` (Kubernetes) has no `versions`: no ranges",
            "CVE-B: the Kubernetes entry `affected[0]` has no `versions`",
        ),
        (
            r#"{"cveMetadata": {"cveId": "CVE-C"}, "containers": {"cna": {"metrics": [{"cvssV3_1": {"baseScore": 9.0}}], "affected": [{"product": "Kubernetes", "versions": [{"version": "1.2.3"}]}]}}}"#,
            "`affected[0].versions[0]` has no `status`: ignored",
            "CVE-C: `affected[0].versions[0]` has no `status`",
        ),
        (
            r#"{"cveMetadata": {"cveId": "CVE-D"}, "containers": null}"#,
            "`containers` is null: no severity, the record is ignored",
            "CVE-D: `containers` is null",
        ),
        (
            r#"{"cveMetadata": {"cveId": "CVE-E"}, "containers": {"cna": {"metrics": null, "affected": []}}}"#,
            "`containers.cna.metrics` is null: no severity, the record is ignored",
            "CVE-E: `containers.cna.metrics` is null",
        ),
    ];
    for (json, warning, abort) in cases {
        let cves = vec![record(json)];
        assert_eq!(
            official::critical_ranges(&cves).unwrap_err().message(),
            abort
        );
        let r = check("1.28.7", &releases, &cves, &eol, day(2024, 3, 1));
        assert_eq!(
            (r.outcome(), r.official()),
            (Outcome::Pass, Outcome::Abort),
            "{json}"
        );
        assert_eq!(messages(&r, Severity::Warning)[0], warning);
    }
}

#[test]
fn silently_skipped_and_noncritical_records() {
    let eol = snapshot();
    let releases = q1_releases();
    let records: Vec<CveRecord> =
        serde_json::from_str(include_str!("data/k8s/cve-records.json")).unwrap();
    assert_eq!(records.len(), 3);
    // Only the first is critical; its kubelet entry does not count.
    let official = official_ranges(&records);
    assert_eq!(official.len(), 1);
    assert_eq!(official[0].to_string(), "[1.28.0, 1.28.6)");
    let ranges = critical_ranges(&records);
    assert_eq!(ranges.ranges.len(), 1);
    assert_eq!(ranges.ranges[0].cve_id, "CVE-2024-90001");
    // The non-critical record's `1.2.x` is ignored (no finding); the ADP-only one is skipped
    // silently by the official suite, with a warning here.
    assert_eq!(ranges.findings.len(), 1);
    assert_eq!(
        ranges.findings[0].subject.as_deref(),
        Some("CVE-2024-90003")
    );
    assert_eq!(
        ranges.findings[0].message,
        "no `containers.cna.metrics`: no severity, the record is ignored (the official suite \
         skips it silently)"
    );
    let r = check("1.28.5", &releases, &records, &eol, day(2024, 2, 1));
    assert_eq!((r.outcome(), r.official()), (Outcome::Fail, Outcome::Fail));
    assert_eq!(
        ranges
            .containing(&v("1.28.5"))
            .map(|r| r.cve_id.as_str())
            .collect::<Vec<_>>(),
        ["CVE-2024-90001"]
    );
}

#[test]
fn q_210_10_feed_ids_without_record() {
    let eol = snapshot();
    let releases = q1_releases();
    let feed: CveFeed = serde_json::from_str(include_str!("data/k8s/cve-feed.json")).unwrap();
    assert_eq!(
        feed.ids().collect::<Vec<_>>(),
        ["CVE-2024-90001", "CVE-2024-90002", "CVE-2024-90003"]
    );
    let records: Vec<CveRecord> =
        serde_json::from_str(include_str!("data/k8s/cve-records.json")).unwrap();
    let all = PolicyData {
        cve_feed: Some(&feed),
        ..data(&releases, &records, &eol)
    };
    let r = version_policy_check("1.28.7", &all, day(2024, 3, 1));
    assert_eq!((r.outcome(), r.official()), (Outcome::Pass, Outcome::Pass));
    let partial = PolicyData {
        cve_feed: Some(&feed),
        ..data(&releases, &records[..2], &eol)
    };
    let r = version_policy_check("1.28.7", &partial, day(2024, 3, 1));
    assert_eq!((r.outcome(), r.official()), (Outcome::Pass, Outcome::Abort));
    let finding = r
        .findings()
        .iter()
        .find(|f| f.subject.as_deref() == Some("CVE-2024-90003"))
        .unwrap();
    assert_eq!(
        finding.message,
        "in the CVE feed, but no record was given: its ranges are unknown"
    );
    assert!(has(
        &r,
        Severity::Warning,
        "the official suite aborts: the CVE record of `CVE-2024-90003` was not fetched"
    ));
}

#[test]
fn caller_given_eol_tables() {
    let table: EolTable = serde_json::from_str(include_str!("data/k8s/eol-table.json")).unwrap();
    assert_eq!(table.entries.len(), 4);
    let releases = [Release::new("v1.28.15", "2024-10-22T10:00:00Z")];
    // The later 1.28 entry (2024-11-28) wins for both readings.
    let r = check("1.28.15", &releases, &[], &table, day(2024, 11, 1));
    assert_eq!((r.outcome(), r.official()), (Outcome::Pass, Outcome::Pass));
    let r = check("1.28.15", &releases, &[], &table, day(2024, 11, 28));
    assert_eq!((r.outcome(), r.official()), (Outcome::Fail, Outcome::Fail));
    // An unparsable entry: ignored here, the official suite aborts.
    let mut bad = table.clone();
    bad.entries.push(EolEntry {
        branch: "1.31.1".into(),
        end_of_life: "2025-10-28".into(),
    });
    bad.entries.push(EolEntry {
        branch: "1.32".into(),
        end_of_life: "2026-02-28T00:00:00".into(),
    });
    let r = check("1.28.15", &releases, &[], &bad, day(2024, 11, 1));
    assert_eq!((r.outcome(), r.official()), (Outcome::Pass, Outcome::Abort));
    assert_eq!(
        messages(&r, Severity::Warning)[..2],
        [
            "entry #4: `1.31.1` is not a Kubernetes branch: it has too many numbers: ignored",
            "entry #5: end-of-life `2026-02-28T00:00:00` of branch `1.32` is not YYYY-MM-DD: ignored",
        ]
    );
    assert!(has(
        &r,
        Severity::Warning,
        "the official suite aborts: EOL table: branch `1.31.1` is not MAJOR.MINOR"
    ));
    // The end of life is 00:00 UTC of its day.
    let r = check(
        "1.29.10",
        &[Release::new("v1.29.10", "2024-10-22T10:00:00Z")],
        &[],
        &table,
        at(2025, 2, 27, 23, 59, 59),
    );
    assert_eq!(r.outcome(), Outcome::Pass);
    let r = check(
        "1.29.10",
        &[Release::new("v1.29.10", "2024-10-22T10:00:00Z")],
        &[],
        &table,
        day(2025, 2, 28),
    );
    assert_eq!(r.outcome(), Outcome::Fail);
}

#[test]
fn eol_snapshot_facts() {
    assert_eq!(EOL_SNAPSHOT.len(), 12);
    assert_eq!(
        kvp::EOL_SNAPSHOT_DATE,
        NaiveDate::from_ymd_opt(2026, 8, 21).unwrap()
    );
    assert!(kvp::EOL_SNAPSHOT_SOURCE.contains("077174d9"));
    let table = snapshot();
    assert_eq!(table.entries[0].branch, "1.36");
    assert_eq!(table.entries[0].end_of_life, "2027-06-28");
    assert_eq!(
        table.entries[2].end_of_life, "2026-10-27",
        "1.34 ends on the 27th"
    );
    // Supported sets of the digest (1.6).
    let supported = |now| official::supported_branches(&table, now).map(|(s, w)| (s.len(), w));
    assert_eq!(supported(day(2024, 3, 1)), Ok((10, false)));
    assert_eq!(supported(day(2025, 2, 15)), Ok((8, false)));
    assert_eq!(supported(day(2025, 8, 1)), Ok((6, false)));
    assert_eq!(supported(day(2026, 8, 21)), Ok((3, false)));
    assert_eq!(supported(at(2026, 10, 26, 23, 59, 0)), Ok((3, false)));
    assert_eq!(supported(day(2026, 10, 27)), Ok((2, true)));
    assert_eq!(supported(day(2026, 11, 24)), Ok((2, true)));
    assert!(supported(day(2027, 2, 28)).is_err());
    // Serialized in the YAML file's key names.
    let json = serde_json::to_string(&table.entries[11]).unwrap();
    assert_eq!(json, r#"{"branch":"1.25","end-of-life":"2023-10-28"}"#);
}

#[test]
fn missing_inputs_abort() {
    let eol = snapshot();
    let releases = q1_releases();
    let r = check("  ", &releases, &[], &eol, day(2024, 3, 1));
    assert_eq!(
        (r.outcome(), r.official()),
        (Outcome::Abort, Outcome::Abort)
    );
    assert_eq!(r.findings()[0].message, "no cluster version given");
    let r = check("1.28.7", &[], &[], &eol, day(2024, 3, 1));
    assert_eq!((r.outcome(), r.official()), (Outcome::Abort, Outcome::Pass));
    assert_eq!(r.findings()[0].message, "no Kubernetes releases given");
    let r = check(
        "1.28.7",
        &releases,
        &[],
        &EolTable::default(),
        day(2024, 3, 1),
    );
    assert_eq!(
        (r.outcome(), r.official()),
        (Outcome::Abort, Outcome::Abort)
    );
    // An unparsable version is data, not a missing input: FAIL with the parse error.
    let r = check("v1.28", &releases, &[], &eol, day(2024, 3, 1));
    assert_eq!((r.outcome(), r.official()), (Outcome::Fail, Outcome::Abort));
    assert_eq!(
        messages(&r, Severity::Error),
        [
            "cannot check the cluster version: `v1.28` is not a Kubernetes version: the patch \
          number is missing"
        ]
    );
}

#[test]
fn parsed_cluster_versions() {
    let eol = snapshot();
    let releases = q1_releases();
    let version = v("v1.28.5-gke.1000");
    let r = version_policy_check(&version, &data(&releases, &[], &eol), day(2024, 1, 31));
    assert_eq!((r.outcome(), r.official()), (Outcome::Pass, Outcome::Abort));
    let plain = K8sVersion::new(1, 28, 5);
    let r = version_policy_check(
        ClusterVersion::Parsed(&plain),
        &data(&releases, &[], &eol),
        day(2024, 1, 31),
    );
    assert_eq!((r.outcome(), r.official()), (Outcome::Pass, Outcome::Pass));
    assert_eq!(r.id(), &VERSION_POLICY_CHECK);
    let owned = String::from("1.28.5");
    let r = version_policy_check(&owned, &data(&releases, &[], &eol), day(2024, 1, 31));
    assert_eq!(r.outcome(), Outcome::Pass);
}

#[test]
fn branch_previous_at_minor_zero() {
    assert_eq!(K8sBranch::new(2, 0).previous(), None);
    assert_eq!(K8sBranch::new(1, 29).next(), Some(K8sBranch::new(1, 30)));
}

#[test]
fn json_value_kinds_in_metrics() {
    // Integer, negative and null scores; members that are not objects.
    let cases = [
        (r#"{"cvssV3_1": {"baseScore": 9}}"#, Ok(true)),
        (r#"{"cvssV3_1": {"baseScore": -1}}"#, Ok(false)),
        (
            r#"{"cvssV3_1": {"baseScore": null}}"#,
            Err("`metrics[0].cvssV3_1.baseScore` is null, not a number"),
        ),
        (
            r#"{"cvssV3_1": {"baseScore": [9]}}"#,
            Err("`metrics[0].cvssV3_1.baseScore` is an array, not a number"),
        ),
        (
            r#"{"cvssV3_1": {"baseScore": {"v": 9}}}"#,
            Err("`metrics[0].cvssV3_1.baseScore` is an object, not a number"),
        ),
        (
            r#"{"cvssV3_1": [1, 2]}"#,
            Err("`metrics[0].cvssV3_1` is an array, not an object"),
        ),
        (
            r#"{"cvssV3_1": 9.8}"#,
            Err("`metrics[0].cvssV3_1` is a number, not an object"),
        ),
        (
            r#"{"cvssV3_1": null}"#,
            Err("`metrics[0].cvssV3_1` is null, not an object"),
        ),
        (
            r#"{"cvssV3_1": true}"#,
            Err("`metrics[0].cvssV3_1` is a boolean, not an object"),
        ),
        (r#"{"cvssV3_1": {"baseScore": false}}"#, Ok(false)),
    ];
    for (json, expected) in cases {
        let m = metric(json);
        let official = official::is_critical(std::slice::from_ref(&m));
        match expected {
            Ok(critical) => assert_eq!(official, Ok(critical), "{json}"),
            Err(message) => assert_eq!(
                official.unwrap_err().message(),
                format!("the record: {message}"),
                "{json}"
            ),
        }
        // The standard reading warns about every member it cannot count.
        let record = record(&format!(
            r#"{{"cveMetadata": {{"cveId": "CVE-K"}}, "containers": {{"cna": {{"metrics": [{json}], "affected": []}}}}}}"#
        ));
        let ranges = critical_ranges(std::slice::from_ref(&record));
        assert_eq!(
            ranges.findings.is_empty(),
            expected.is_ok() && !json.contains("false"),
            "{json}"
        );
    }
    // Serialization keeps what the check reads.
    let m = metric(
        r#"{"format": "CVSS", "cvssV3_1": {"baseScore": 9.8, "vectorString": "x"}, "cvssV4_0": {}}"#,
    );
    assert_eq!(
        serde_json::to_string(&m).unwrap(),
        r#"{"format":null,"cvssV3_1":{"baseScore":9.8},"cvssV4_0":{}}"#
    );
}

#[test]
fn record_shapes_the_official_suite_skips_or_aborts_on() {
    let eol = snapshot();
    let releases = q1_releases();
    // (record, official: skipped (Ok) or aborted, standard warning)
    let cases = [
        (r#"{"cveMetadata": {"cveId": "CVE-S1"}}"#, true, "no `containers`: no severity, the record is ignored (the official suite skips it silently)"),
        (r#"{"cveMetadata": {"cveId": "CVE-S2"}, "containers": {"adp": []}}"#, true, "no `containers.cna`: no severity, the record is ignored (the official suite skips it silently)"),
        (r#"{"cveMetadata": {"cveId": "CVE-S3"}, "containers": {"cna": null}}"#, false, "`containers.cna` is null: no severity, the record is ignored"),
        (r#"{"cveMetadata": {"cveId": "CVE-S4"}, "containers": {"cna": {"metrics": [{"cvssV3_1": {"baseScore": 9.8}}]}}}"#, true, "no `containers.cna.affected`: no severity, the record is ignored (the official suite skips it silently)"),
        (r#"{"cveMetadata": {"cveId": "CVE-S5"}, "containers": {"cna": {"metrics": null}}}"#, true, "no `containers.cna.metrics`: no severity, the record is ignored (the official suite skips it silently)"),
        (r#"{"cveMetadata": {"cveId": "CVE-S6"}, "containers": {"cna": {"metrics": [{"cvssV3_1": {"baseScore": 9.8}}], "affected": null}}}"#, false, "critical, but `containers.cna.affected` is null: no ranges"),
        (r#"{"containers": {"cna": {"affected": []}}}"#, true, "no `containers.cna.metrics`: no severity, the record is ignored (the official suite skips it silently)"),
    ];
    for (json, skipped, warning) in cases {
        let records = vec![record(json)];
        assert_eq!(
            official::critical_ranges(&records).is_ok(),
            skipped,
            "{json}"
        );
        let r = check("1.28.7", &releases, &records, &eol, day(2024, 3, 1));
        let official = if skipped {
            Outcome::Pass
        } else {
            Outcome::Abort
        };
        assert_eq!(
            (r.outcome(), r.official()),
            (Outcome::Pass, official),
            "{json}"
        );
        assert_eq!(messages(&r, Severity::Warning)[0], warning, "{json}");
    }
    // A record without id is named by its position.
    let r = check(
        "1.28.7",
        &releases,
        &[record(r#"{"containers": {}}"#)],
        &eol,
        day(2024, 3, 1),
    );
    assert_eq!(r.findings()[0].subject.as_deref(), Some("CVE record #0"));
    // Null bounds and an unreadable `a - b` form abort officially, are ignored here.
    for (json, warning) in [
        (r#"{"version": "1.28.0", "lessThan": null, "status": "affected"}"#, "`affected[0].versions[0].lessThan` is null: ignored (the official suite aborts on it)"),
        (r#"{"version": null, "lessThanOrEqual": "1.28.9", "status": "affected"}"#, "`affected[0].versions[0]` read as [0.0.0, 1.28.9] (the official suite aborts on it)"),
        (r#"{"version": "x1.2.3 - 1.2.5", "status": "affected"}"#, "`affected[0].versions[0].version` `x1.2.3 - 1.2.5` names no version and there is no bound: ignored (the official suite aborts on it)"),
    ] {
        let ranges = critical_ranges(&[critical("CVE-N", &format!("[{json}]"))]);
        assert_eq!(ranges.findings[0].message, warning, "{json}");
        assert!(official::critical_ranges(&[critical("CVE-N", &format!("[{json}]"))]).is_err());
    }
}

#[test]
fn unusable_tables_and_missing_provider_inputs() {
    let releases = q1_releases();
    let unusable = EolTable {
        entries: vec![EolEntry {
            branch: "x".into(),
            end_of_life: "2025-01-01".into(),
        }],
    };
    let r = check("1.28.7", &releases, &[], &unusable, day(2024, 3, 1));
    assert_eq!(
        (r.outcome(), r.official()),
        (Outcome::Abort, Outcome::Abort)
    );
    assert_eq!(r.findings()[0].message, "the EOL table has no usable entry");
    let eol = snapshot();
    let offered = [v("1.28.7")];
    for r in [
        kvp::latest_minor_offered(&offered, &[], day(2024, 3, 1)),
        kvp::supported_branches_offered(&[], &releases, &eol, day(2024, 3, 1)),
        kvp::supported_branches_offered(&offered, &[], &eol, day(2024, 3, 1)),
        kvp::supported_branches_offered(&offered, &releases, &EolTable::default(), day(2024, 3, 1)),
        kvp::supported_branches_offered(&offered, &releases, &unusable, day(2024, 3, 1)),
        kvp::no_eol_branch_offered(&[], &releases, &eol, day(2024, 3, 1)),
        kvp::no_eol_branch_offered(&offered, &releases, &EolTable::default(), day(2024, 3, 1)),
    ] {
        assert_eq!(
            (r.outcome(), r.official()),
            (Outcome::Abort, Outcome::Abort),
            "{r:?}"
        );
    }
    // Every branch past its end of life, and a branch newer than the table.
    let r = kvp::no_eol_branch_offered(
        &[v("1.37.1"), v("1.36.9")],
        &releases,
        &eol,
        day(2028, 1, 1),
    );
    assert_eq!(
        messages(&r, Severity::Warning),
        [
            "only 0 branches are supported on 2028-01-01 (none): the table is out of date",
            "branch 1.37 is newer than every branch of the EOL table (newest 1.36): the table is out of date; taken as supported",
            "branch 1.36 reached its end of life on 2027-06-28: stop offering it and roll out a supported branch, due by 2027-06-28",
        ]
    );
    // With a released branch newer than the table, that branch is the upgrade target.
    let newer = [Release::new("v1.37.2", "2027-09-01T00:00:00Z")];
    let r = check("1.36.9", &newer, &[], &eol, day(2028, 1, 1));
    assert!(has(
        &r,
        Severity::Error,
        "roll out 1.37.2 of the newest supported branch 1.37, due by 2027-06-28"
    ));
    // Serialized versions, branches and fields.
    assert_eq!(
        serde_json::to_string(&K8sBranch::new(1, 30)).unwrap(),
        r#""1.30""#
    );
    assert_eq!(
        serde_json::to_string(&JsonField::Value(true)).unwrap(),
        "true"
    );
    assert_eq!(JsonField::<bool>::from(None), JsonField::Null);
    assert_eq!(JsonField::Value(3).value(), Some(&3));
    let range = VersionRange::new(v("1.2.3"), UpperBound::Unbounded).unwrap();
    assert_eq!(
        (range.lower(), range.to_string().as_str()),
        (&v("1.2.3"), "[1.2.3, *)")
    );
    assert!(range.contains(&v("9.0.0")) && !range.contains(&v("1.2.2")));
    assert_eq!(
        " ".parse::<K8sBranch>().unwrap_err().kind(),
        &VersionErrorKind::Empty
    );
}

// ---------------------------------------------------------------------------------------------
// The next moment the verdict changes.

#[test]
fn next_change_is_the_next_deadline() {
    let eol = snapshot();
    let releases = q1_releases();
    let d = data(&releases, &[], &eol);
    let verdict = version_policy_verdict("1.28.5", &d, day(2024, 1, 31));
    let next = verdict.next_change.unwrap();
    assert_eq!(next, at(2024, 2, 17, 19, 40, 9) + Duration::nanoseconds(1));
    assert_eq!(
        version_policy_check("1.28.5", &d, next).outcome(),
        Outcome::Fail
    );
    assert_eq!(
        version_policy_check("1.28.5", &d, next - Duration::nanoseconds(1)).outcome(),
        Outcome::Pass
    );
    // A failing cluster stays failed; the official verdict turns from FAIL into ABORT when
    // the snapshot table lists fewer than two supported branches.
    let verdict = version_policy_verdict("1.28.5", &d, day(2024, 3, 1));
    assert_eq!(verdict.next_change, Some(day(2027, 2, 28)));
    let after = version_policy_check("1.28.5", &d, day(2027, 2, 28));
    assert_eq!(
        (after.outcome(), after.official()),
        (Outcome::Fail, Outcome::Abort)
    );
    // With a table that keeps two branches supported for long, only their end changes it.
    let long = EolTable::from_dates([
        (
            K8sBranch::new(1, 28),
            NaiveDate::from_ymd_opt(2024, 10, 28).unwrap(),
        ),
        (
            K8sBranch::new(9, 0),
            NaiveDate::from_ymd_opt(9999, 1, 1).unwrap(),
        ),
        (
            K8sBranch::new(9, 1),
            NaiveDate::from_ymd_opt(9999, 1, 1).unwrap(),
        ),
    ]);
    let verdict = version_policy_verdict("1.28.5", &data(&releases, &[], &long), day(2024, 3, 1));
    assert_eq!(verdict.next_change, Some(day(9999, 1, 1)));
    // No newer patch: the branch's end of life (00:00 UTC).
    let verdict = version_policy_verdict("1.28.8", &d, day(2024, 3, 16));
    assert_eq!(verdict.next_change, Some(day(2024, 10, 28)));
    // The official table sanity check: PASS turns into ABORT on 2027-02-28.
    let late = [Release::new("v1.36.2", "2027-02-10T00:00:00Z")];
    let verdict = version_policy_verdict("1.36.2", &data(&late, &[], &eol), day(2027, 2, 1));
    assert_eq!(verdict.next_change, Some(day(2027, 2, 28)));
    let verdict = version_policy_verdict("1.36.2", &data(&late, &[], &eol), day(2027, 2, 28));
    assert_eq!(verdict.result.official(), Outcome::Abort);
    assert_eq!(
        verdict.next_change,
        Some(day(2027, 6, 28)),
        "the branch's own end of life"
    );
    // Official ABORT turns into FAIL once an earlier release is overdue (list order).
    let releases = [
        Release::new("v1.28.6", "2024-01-17T19:40:09Z"),
        Release {
            draft: JsonField::Missing,
            ..Release::new("v1.28.1", "2023-09-13T00:00:00Z")
        },
    ];
    let verdict = version_policy_verdict("1.28.5", &data(&releases, &[], &eol), day(2024, 2, 1));
    assert_eq!(
        (verdict.result.outcome(), verdict.result.official()),
        (Outcome::Pass, Outcome::Abort)
    );
    assert_eq!(
        verdict.next_change,
        Some(at(2024, 2, 17, 19, 40, 9) + Duration::nanoseconds(1))
    );
    // The CVE window.
    let cves = range_1_28_0_to_1_28_6();
    let q1 = q1_releases();
    let verdict = version_policy_verdict("1.28.5", &data(&q1, &cves, &eol), day(2024, 1, 20));
    assert_eq!(
        verdict.next_change,
        Some(at(2024, 1, 31, 19, 40, 9) + Duration::nanoseconds(1))
    );
}

// ---------------------------------------------------------------------------------------------
// Beyond the official suite: the provider-level rules.

/// Releases with the `.0` of each branch (2023-08 … 2024-09).
fn provider_releases() -> Vec<Release> {
    [
        ("v1.31.0", "2024-08-13T17:00:00Z"),
        ("v1.30.4", "2024-08-14T10:00:00Z"),
        ("v1.29.8", "2024-08-14T10:00:00Z"),
        ("v1.28.13", "2024-08-14T10:00:00Z"),
        ("v1.27.16", "2024-07-16T10:00:00Z"),
        ("v1.30.0", "2024-04-17T17:00:00Z"),
        ("v1.29.0", "2023-12-13T16:34:20Z"),
        ("v1.28.0", "2023-08-15T17:00:00Z"),
    ]
    .into_iter()
    .map(|(tag, at)| Release::new(tag, at))
    .collect()
}

#[test]
fn v2_1_latest_minor_offered() {
    let releases = provider_releases();
    let now = day(2024, 9, 1);
    let offered = [v("1.29.8"), v("v1.28.13-eks-1")];
    let r = kvp::latest_minor_offered(&offered, &releases, now);
    assert_eq!(r.id().as_str(), "scs-validators:scs-0210-latest-minor");
    assert_eq!((r.outcome(), r.official()), (Outcome::Fail, Outcome::Abort));
    assert_eq!(
        messages(&r, Severity::Error),
        [
            "minor 1.30 (released 2024-04-17), due by 2024-08-15, is not offered: roll out 1.30.4 \
          or newer (newest offered branch: 1.29)"
        ]
    );
    assert_eq!(r.findings()[0].subject.as_deref(), Some("1.30"));
    assert_eq!(
        messages(&r, Severity::Info),
        ["minor 1.31 (released 2024-08-13) is due by 2024-12-11: roll out 1.31.0 or newer"]
    );
    let offered = [v("1.30.4"), v("1.29.8")];
    let r = kvp::latest_minor_offered(&offered, &releases, now);
    assert_eq!(r.outcome(), Outcome::Pass);
    // A pre-release does not count as offered.
    let offered = [v("1.31.0-rc.1"), v("1.29.8")];
    assert_eq!(
        kvp::latest_minor_offered(&offered, &releases, now).outcome(),
        Outcome::Fail
    );
    assert_eq!(
        kvp::latest_minor_offered(&[], &releases, now).outcome(),
        Outcome::Abort
    );
}

#[test]
fn v2_6_supported_branches_offered() {
    let releases = provider_releases();
    let eol = snapshot();
    let now = day(2024, 9, 1);
    let offered = [v("1.28.13"), v("1.29.8")];
    let r = kvp::supported_branches_offered(&offered, &releases, &eol, now);
    assert_eq!((r.outcome(), r.official()), (Outcome::Fail, Outcome::Abort));
    assert_eq!(
        messages(&r, Severity::Error),
        [
            "branch 1.30 is supported upstream until 2025-06-28 but not offered: roll out 1.30.4, \
          due by 2024-08-15"
        ]
    );
    assert_eq!(
        messages(&r, Severity::Info),
        [
            "branch 1.31 is supported upstream until 2025-10-28 but not offered yet: roll out \
          1.31.0, due by 2024-12-11"
        ]
    );
    let offered = [v("1.28.13"), v("1.29.8"), v("1.30.4")];
    let r = kvp::supported_branches_offered(&offered, &releases, &eol, now);
    assert_eq!(r.outcome(), Outcome::Pass);
    // Branches newer than the table are supported upstream too.
    let old_table = EolTable::from_dates(EOL_SNAPSHOT[7..].iter().copied()); // 1.29 and older
    let r = kvp::supported_branches_offered(&offered, &releases, &old_table, now);
    assert!(has(
        &r,
        Severity::Warning,
        "branch 1.31 is newer than every branch of the EOL table (newest 1.29)"
    ));
    assert!(has(
        &r,
        Severity::Info,
        "branch 1.31 is supported upstream but not offered yet"
    ));
}

#[test]
fn v2_7_no_eol_branch_offered() {
    let releases = provider_releases();
    let eol = snapshot();
    let now = day(2024, 9, 1);
    let offered = [v("1.27.16"), v("1.28.13"), v("1.27.16"), v("1.24.17")];
    let r = kvp::no_eol_branch_offered(&offered, &releases, &eol, now);
    assert_eq!(
        (r.outcome(), r.official()),
        (Outcome::Pass, Outcome::Abort),
        "a recommendation"
    );
    assert_eq!(
        messages(&r, Severity::Warning),
        [
            "branch 1.27 reached its end of life on 2024-06-28: stop offering it and roll out \
             1.31.0 of the newest supported branch 1.31 (or at least 1.28.13 of branch 1.28, \
             supported until 2024-10-28), due by 2024-06-28",
            "branch 1.24 is not in the EOL table, so it counts as past its end of life: stop \
             offering it and roll out 1.31.0 of the newest supported branch 1.31 (or at least \
             1.28.13 of branch 1.28, supported until 2024-10-28), due by 2023-10-28 at the \
             latest",
        ]
    );
    assert_eq!(r.findings()[0].subject.as_deref(), Some("1.27.16"));
    let unusable = EolTable {
        entries: vec![EolEntry {
            branch: "one".into(),
            end_of_life: "2025-01-01".into(),
        }],
    };
    let r = kvp::no_eol_branch_offered(&offered, &releases, &unusable, now);
    assert_eq!(
        (r.outcome(), r.official()),
        (Outcome::Abort, Outcome::Abort)
    );
    assert_eq!(r.findings()[0].message, "the EOL table has no usable entry");
    let all = kvp::offered_versions_checks(&[v("1.28.13")], &releases, &eol, now);
    assert_eq!(all.len(), 3);
    assert!(all.iter().all(|r| !r.id().is_official()));
}

// ---------------------------------------------------------------------------------------------
// Version parsing.

#[test]
fn real_vendor_strings() {
    let eks = v("v1.30.2-eks-1234567");
    assert_eq!((eks.major(), eks.minor(), eks.patch()), (1, 30, 2));
    assert_eq!(eks.vendor(), Some("eks-1234567"));
    assert!(!eks.is_prerelease() && !eks.is_plain());
    assert_eq!(eks.to_string(), "1.30.2-eks-1234567");
    assert!(eks > K8sVersion::new(1, 30, 2) && eks < K8sVersion::new(1, 30, 3));
    let gke = v("v1.30.2-gke.1000");
    assert_eq!(gke.vendor(), Some("gke.1000"));
    assert_eq!(gke.upstream(), K8sVersion::new(1, 30, 2));
    let k3s = v("v1.29.4+k3s1");
    assert_eq!(k3s, K8sVersion::new(1, 29, 4));
    assert!(k3s.is_plain());
    assert_eq!(v("v1.30.2+rke2r1").to_string(), "1.30.2");
    let rc = v("v1.31.0-rc.1");
    assert_eq!(rc.pre(), Some("rc.1"));
    assert!(rc.is_prerelease());
    assert!(v("v1.31.0-alpha.3") < v("v1.31.0-beta.0"));
    assert!(v("v1.31.0-beta.0") < v("v1.31.0-rc.0"));
    assert!(v("v1.31.0-rc.1") < v("v1.31.0-rc.2"));
    assert!(rc < K8sVersion::new(1, 31, 0) && rc > K8sVersion::new(1, 30, 99));
    assert_eq!(rc.as_semver().to_string(), "1.31.0-rc.1");
    assert_eq!(v("\tv1.28.05\n"), K8sVersion::new(1, 28, 5));
    // The official reading aborts on every `-suffix`, accepts `+build`.
    for text in ["v1.30.2-eks-1234567", "v1.30.2-gke.1000", "v1.31.0-rc.1"] {
        assert!(official::parse_version(text).is_err(), "{text}");
    }
    assert_eq!(
        official::parse_version("v1.29.4+k3s1").unwrap(),
        K8sVersion::new(1, 29, 4)
    );
    assert_eq!(
        official::parse_version("1.2_0.3").unwrap(),
        K8sVersion::new(1, 20, 3)
    );
}

#[test]
fn digest_1_5_parse_table() {
    // (input, official, standard)
    type Case<'a> = (&'a str, Option<(u64, u64, u64)>, Option<&'a str>);
    let cases: &[Case] = &[
        ("v1.28.5", Some((1, 28, 5)), Some("1.28.5")),
        ("1.28.5", Some((1, 28, 5)), Some("1.28.5")),
        ("  v2.4.99  ", Some((2, 4, 99)), Some("2.4.99")),
        ("\tv1.28.5\n", Some((1, 28, 5)), Some("1.28.5")),
        ("v1.28.5+k3s1", Some((1, 28, 5)), Some("1.28.5")),
        ("v1.30.2+rke2r1", Some((1, 30, 2)), Some("1.30.2")),
        ("v1.28.5+", Some((1, 28, 5)), Some("1.28.5")),
        ("v1.28.5+abc+def", Some((1, 28, 5)), Some("1.28.5")),
        ("v1.28.05", Some((1, 28, 5)), Some("1.28.5")),
        ("v1.28.5-rc.1", None, Some("1.28.5-rc.1")),
        ("v1.30.2-eks-1234567", None, Some("1.30.2-eks-1234567")),
        ("v1.28", None, None),
        ("1.28.5.1", None, None),
        ("V1.28.5", None, None),
        ("vv1.28.5", None, None),
        ("+v1.28.5", None, None),
        ("1.28.x", None, None),
        ("", None, None),
        // Python's int(): `_` between digits is reproduced, negative numbers are not.
        ("1.2_0.3", Some((1, 20, 3)), None),
        ("v1.-1.0", None, None),
    ];
    for (input, official, standard) in cases {
        let theirs = official::parse_version(input)
            .ok()
            .map(|v| (v.major(), v.minor(), v.patch()));
        assert_eq!(theirs, *official, "official {input:?}");
        let ours = input.parse::<K8sVersion>().ok().map(|v| v.to_string());
        assert_eq!(ours.as_deref(), *standard, "standard {input:?}");
    }
    // Release tags are cut at the first `-` officially.
    for (tag, version) in [
        ("v1.29.3-dev0", "1.29.3"),
        ("v1.30.0-alpha.1", "1.30.0"),
        ("v1.30.0-rc.0+build", "1.30.0"),
        ("v1.29.3+foo-bar", "1.29.3"),
    ] {
        let (parsed, _) =
            official::parse_release(&Release::new(tag, "2024-01-01T00:00:00Z")).unwrap();
        assert_eq!(parsed.to_string(), version, "{tag}");
    }
    for stamp in [
        "2024-01-01T00:00:00.123Z",
        "2024-01-01T00:00:00+00:00",
        "2024-01-01",
    ] {
        let err = official::parse_release(&Release::new("v1.30.0", stamp)).unwrap_err();
        assert_eq!(
            err.message(),
            format!("release `v1.30.0`: `published_at` `{stamp}` is not YYYY-MM-DDTHH:MM:SSZ")
        );
    }
    let untagged = Release {
        tag_name: None,
        ..Release::new("x", "2024-01-01T00:00:00Z")
    };
    assert_eq!(
        official::parse_release(&untagged).unwrap_err().message(),
        "release #0 has no `tag_name`"
    );
}

#[test]
fn version_errors_name_the_input() {
    let cases = [
        ("v1.28", VersionErrorKind::MissingPatch, "`v1.28` is not a Kubernetes version: the patch number is missing"),
        ("1.28.5.1", VersionErrorKind::TooManyNumbers, "`1.28.5.1` is not a Kubernetes version: it has too many numbers"),
        ("V1.28.5", VersionErrorKind::NotANumber("V1".into()), "`V1.28.5` is not a Kubernetes version: `V1` is not a number"),
        ("vv1.28.5", VersionErrorKind::NotANumber("v1".into()), "`vv1.28.5` is not a Kubernetes version: `v1` is not a number"),
        ("1.28.x", VersionErrorKind::NotANumber("x".into()), "`1.28.x` is not a Kubernetes version: `x` is not a number"),
        ("", VersionErrorKind::Empty, "`` is not a Kubernetes version: it is empty"),
        ("+v1.28.5", VersionErrorKind::Empty, "`+v1.28.5` is not a Kubernetes version: it is empty"),
        ("1.28.5-", VersionErrorKind::BadSuffix(String::new()), "`1.28.5-` is not a Kubernetes version: the suffix `` is neither a pre-release nor a vendor build"),
        ("1.28.5-rc.01", VersionErrorKind::BadSuffix("rc.01".into()), "`1.28.5-rc.01` is not a Kubernetes version: the suffix `rc.01` is neither a pre-release nor a vendor build"),
        ("1", VersionErrorKind::MissingMinor, "`1` is not a Kubernetes version: the minor number is missing"),
    ];
    for (input, kind, message) in cases {
        let err = input.parse::<K8sVersion>().unwrap_err();
        assert_eq!(err.kind(), &kind, "{input}");
        assert_eq!(err.input(), input);
        assert_eq!(err.to_string(), message);
    }
    assert_eq!(
        "1.29.3".parse::<K8sBranch>().unwrap_err().to_string(),
        "`1.29.3` is not a Kubernetes branch: it has too many numbers"
    );
    assert_eq!(
        " v1.29 ".parse::<K8sBranch>().unwrap(),
        K8sBranch::new(1, 29)
    );
}

#[test]
fn serde_models() {
    // Versions and branches are strings.
    assert_eq!(
        serde_json::to_string(&v("v1.30.2-eks-1")).unwrap(),
        r#""1.30.2-eks-1""#
    );
    assert_eq!(
        serde_json::from_str::<K8sVersion>(r#""v1.31.0-rc.1""#).unwrap(),
        v("1.31.0-rc.1")
    );
    assert!(serde_json::from_str::<K8sVersion>(r#""1.31""#)
        .unwrap_err()
        .to_string()
        .contains("`1.31`"));
    assert_eq!(
        serde_json::from_str::<K8sBranch>(r#""1.31""#).unwrap(),
        K8sBranch::new(1, 31)
    );
    // Releases: absent and null differ.
    let releases: Vec<Release> = serde_json::from_str(
        r#"[{"tag_name": "v1.30.0", "name": "Kubernetes v1.30.0", "draft": false, "prerelease": false,
              "published_at": "2024-04-17T17:35:53Z", "html_url": "https://example.invalid", "assets": []},
            {"tag_name": "v1.30.1", "draft": null, "published_at": null}]"#,
    )
    .unwrap();
    assert_eq!(
        releases[0],
        Release {
            name: Some("Kubernetes v1.30.0".into()),
            ..Release::new("v1.30.0", "2024-04-17T17:35:53Z")
        }
    );
    assert_eq!(releases[1].draft, JsonField::Null);
    assert_eq!(releases[1].prerelease, JsonField::Missing);
    assert_eq!(releases[1].published_at, None);
    let back = serde_json::to_string(&releases[1]).unwrap();
    assert_eq!(back, r#"{"tag_name":"v1.30.1","draft":null}"#);
    // JSON of another shape is a serde error.
    assert!(
        serde_json::from_str::<Vec<Release>>(r#"[{"tag_name": "v1.30.0", "draft": "no"}]"#)
            .is_err()
    );
    assert!(
        serde_json::from_str::<Vec<Release>>(r#"{"message": "API rate limit exceeded"}"#).is_err()
    );
    assert!(
        serde_json::from_str::<CveRecord>(r#"{"containers": {"cna": {"metrics": [1]}}}"#).is_err()
    );
    assert!(serde_json::from_str::<CveRecord>(
        r#"{"containers": {"cna": {"affected": [{"product": 5}]}}}"#
    )
    .is_err());
    assert!(
        serde_json::from_str::<EolTable>(r#"[{"branch": 1.3, "end-of-life": "2025-06-28"}]"#)
            .is_err()
    );
    assert!(serde_json::from_str::<CveFeed>(r#"{"items": [{"url": "x"}]}"#).is_err());
    // Metric members keep their order; a repeated key keeps its last value.
    let m = metric(
        r#"{"format": "CVSS", "cvssV3_1": {"baseScore": 5.0}, "cvssV3_1": {"baseScore": 9.0}}"#,
    );
    assert_eq!(m.entries.len(), 2);
    assert_eq!(m.entries[0].0, "format");
    assert!(official::is_critical(&[m]).unwrap());
    let records: Vec<CveRecord> =
        serde_json::from_str(include_str!("data/k8s/cve-records.json")).unwrap();
    assert_eq!(records[0].cve_id(), Some("CVE-2024-90001"));
    assert_eq!(records[2].cve_id(), Some("CVE-2024-90003"));
}

// ---------------------------------------------------------------------------------------------
// Properties.

fn plain() -> impl Strategy<Value = (u64, u64, u64)> {
    (0u64..4, 0u64..40, 0u64..30)
}

fn any_version() -> impl Strategy<Value = K8sVersion> {
    let pre = prop_oneof![Just("alpha"), Just("beta"), Just("rc")];
    prop_oneof![
        plain().prop_map(|(a, b, c)| K8sVersion::new(a, b, c)),
        (plain(), pre, proptest::option::of(0u32..5)).prop_map(|((a, b, c), p, n)| match n {
            Some(n) => v(&format!("{a}.{b}.{c}-{p}.{n}")),
            None => v(&format!("{a}.{b}.{c}-{p}")),
        }),
        (plain(), "(eks|gke|aks|k0s)[-.][0-9]{1,7}")
            .prop_map(|((a, b, c), vendor)| v(&format!("{a}.{b}.{c}-{vendor}"))),
    ]
}

proptest! {
    #[test]
    fn display_parse_round_trip(version in any_version()) {
        prop_assert_eq!(version.to_string().parse::<K8sVersion>().unwrap(), version);
    }

    #[test]
    fn decorations_are_ignored(version in any_version(), build in "[a-z0-9.+-]{0,8}", ws in "[ \t\n]{0,2}") {
        let text = format!("{ws}v{version}+{build}{ws}");
        prop_assert_eq!(text.parse::<K8sVersion>().unwrap(), version);
    }

    #[test]
    fn plain_order_is_numeric(a in plain(), b in plain()) {
        let (x, y) = (K8sVersion::new(a.0, a.1, a.2), K8sVersion::new(b.0, b.1, b.2));
        prop_assert_eq!(x.cmp(&y), a.cmp(&b));
        prop_assert_eq!(x.branch().cmp(&y.branch()), (a.0, a.1).cmp(&(b.0, b.1)));
        prop_assert_eq!(official::parse_version(&format!(" v{x}+b ")).unwrap(), x);
    }

    #[test]
    fn suffixes_sort_around_their_release(version in any_version()) {
        let release = K8sVersion::new(version.major(), version.minor(), version.patch());
        let next = K8sVersion::new(version.major(), version.minor(), version.patch() + 1);
        if version.is_prerelease() {
            prop_assert!(version < release);
            prop_assert!(version.upstream() == version);
        } else {
            prop_assert!(version >= release && version < next);
            prop_assert_eq!(version.upstream(), release);
        }
        prop_assert!(VersionRange::single(version.upstream()).contains(&version));
    }

    #[test]
    fn range_membership_follows_order(a in plain(), b in plain(), x in plain()) {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        let (lo, hi, x) = (K8sVersion::new(lo.0, lo.1, lo.2), K8sVersion::new(hi.0, hi.1, hi.2), K8sVersion::new(x.0, x.1, x.2));
        let exclusive = VersionRange::new(lo.clone(), UpperBound::Exclusive(hi.clone())).unwrap();
        let inclusive = VersionRange::new(lo.clone(), UpperBound::Inclusive(hi.clone())).unwrap();
        prop_assert_eq!(exclusive.contains(&x), lo <= x && x < hi);
        prop_assert_eq!(inclusive.contains(&x), lo <= x && x <= hi);
        prop_assert_eq!(exclusive.is_empty(), lo == hi);
        if lo != hi {
            prop_assert!(VersionRange::new(hi, UpperBound::Inclusive(lo)).is_err());
        }
    }
}

fn member(name: &str, value: &Option<&str>) -> String {
    match value {
        None => String::new(),
        Some(value) => format!(r#""{name}": {value},"#),
    }
}

/// A CVE record in JSON from a small grammar of well-formed and odd pieces.
fn record_json() -> impl Strategy<Value = String> {
    let version = proptest::option::of(proptest::sample::select(vec![
        r#""1.28.0""#,
        r#""v1.28.0""#,
        r#""0""#,
        r#""unspecified""#,
        r#""1.28.x""#,
        r#""1.28.1 - 1.28.3""#,
        r#""1.28.1-1.28.3""#,
        r#""1.28.0-rc.1""#,
        "null",
        r#""<= 1.2.x""#,
    ]));
    let less_than = proptest::option::of(proptest::sample::select(vec![
        r#""1.28.5""#,
        r#""*""#,
        r#""1.27.0""#,
        r#""1.28""#,
        "null",
    ]));
    let less_equal = proptest::option::of(proptest::sample::select(vec![r#""1.28.4""#, "null"]));
    let status = proptest::option::of(proptest::sample::select(vec![
        r#""affected""#,
        r#""affected""#,
        r#""unaffected""#,
        "null",
    ]));
    let entry = (version, less_than, less_equal, status).prop_map(|(v, lt, le, st)| {
        let body = format!(
            "{}{}{}{}",
            member("version", &v),
            member("lessThan", &lt),
            member("lessThanOrEqual", &le),
            member("status", &st)
        );
        format!("{{{}}}", body.trim_end_matches(','))
    });
    let product = proptest::option::of(proptest::sample::select(vec![
        r#""Kubernetes""#,
        r#""Kubernetes""#,
        r#""kubelet""#,
        "null",
    ]));
    let affected = (product, proptest::collection::vec(entry, 0..3)).prop_map(|(p, entries)| {
        format!(
            "{{{}\"versions\": [{}]}}",
            member("product", &p),
            entries.join(", ")
        )
    });
    let metric = proptest::sample::select(vec![
        r#"{"cvssV3_1": {"baseScore": 9.8}}"#,
        r#"{"cvssV3_1": {"baseScore": 5.0}}"#,
        r#"{"cvssV4_0": {"vectorString": "x"}}"#,
        r#"{"cvssV3_0": {"baseScore": "8"}}"#,
        r#"{"format": "CVSS"}"#,
    ]);
    let cna = (
        proptest::collection::vec(metric, 0..3),
        proptest::collection::vec(affected, 0..3),
        0..6u8,
    )
        .prop_map(|(metrics, affected, shape)| match shape {
            0 => r#"{"cna": {"affected": []}}"#.to_owned(),
            1 => "null".to_owned(),
            _ => format!(
                r#"{{"cna": {{"metrics": [{}], "affected": [{}]}}}}"#,
                metrics.join(", "),
                affected.join(", ")
            ),
        });
    cna.prop_map(|containers| {
        format!(r#"{{"cveMetadata": {{"cveId": "CVE-P"}}, "containers": {containers}}}"#)
    })
}

proptest! {
    /// Every record the official suite aborts on gets a finding, and without findings both
    /// readings give the same ranges (the check relies on that to read the records once).
    #[test]
    fn official_aborts_always_come_with_findings(
        jsons in proptest::collection::vec(record_json(), 1..4)
    ) {
        let records: Vec<CveRecord> = jsons.iter().map(|j| record(j)).collect();
        let standard = critical_ranges(&records);
        match official::critical_ranges(&records) {
            Err(_) => prop_assert!(!standard.findings.is_empty()),
            Ok(official) => {
                if standard.findings.is_empty() {
                    let mut ours: Vec<VersionRange> = Vec::new();
                    for r in &standard.ranges {
                        if !ours.contains(&r.range) {
                            ours.push(r.range.clone());
                        }
                    }
                    prop_assert_eq!(ours, official);
                }
            }
        }
        // And the check's official outcome agrees with the official pieces (1.28.9 is 20 days
        // old: the cluster fails iff it lies in a critical range).
        let releases = [Release::new("v1.28.9", "2024-02-10T00:00:00Z")];
        let eol = snapshot();
        let result = check("1.28.3", &releases, &records, &eol, day(2024, 3, 1));
        let expected = match official::critical_ranges(&records) {
            Err(_) => Outcome::Abort,
            Ok(ranges) => {
                let recency = official::check_recency(&v("1.28.3"), &releases, &ranges, day(2024, 3, 1)).unwrap();
                if recency.recent { Outcome::Pass } else { Outcome::Fail }
            }
        };
        prop_assert_eq!(result.official(), expected);
    }
}

// ---------------------------------------------------------------------------------------------
// Timing: 100 releases and 200 CVE records.

#[test]
fn check_is_fast_on_realistic_sizes() {
    let mut releases = Vec::new();
    for minor in 26..36u64 {
        for patch in 0..10u64 {
            let published =
                day(2024, 1, 1) + Duration::days((minor as i64 - 26) * 30 + patch as i64 * 3);
            releases.push(Release::new(
                format!("v1.{minor}.{patch}"),
                published.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            ));
        }
    }
    releases.reverse();
    let cves: Vec<CveRecord> = (0..200)
        .map(|i| {
            let minor = 26 + i % 10;
            critical(
                &format!("CVE-2024-{:05}", 10000 + i),
                &format!(
                    r#"[{{"version": "1.{minor}.0", "lessThan": "1.{minor}.{}", "status": "affected"}},
                        {{"version": "{}", "lessThan": "1.{minor}.9", "status": "affected"}},
                        {{"version": "0", "lessThanOrEqual": "1.{}.3", "status": "unaffected"}}]"#,
                    1 + i % 9,
                    // One record in 20 with an odd form (a finding, and the official reading
                    // computed on its own).
                    if i % 20 == 0 { "1.2.x".to_owned() } else { format!("1.{minor}.2") },
                    minor
                ),
            )
        })
        .collect();
    let eol = snapshot();
    let d = data(&releases, &cves, &eol);
    let now = day(2024, 6, 1);
    let first = version_policy_verdict("1.30.2", &d, now);
    assert!(first.result.findings().len() > 2);
    let runs = 20;
    let start = Instant::now();
    for _ in 0..runs {
        let verdict = version_policy_verdict("1.30.2", &d, now);
        assert_eq!(verdict.result.outcome(), first.result.outcome());
    }
    let per_run = start.elapsed() / runs;
    // Unoptimised test builds on a shared machine: a loose guard against quadratic blowups
    // (an optimised build takes well under a millisecond; see the report).
    assert!(per_run.as_millis() < 50, "{per_run:?} per check");
}

#[test]
fn testcase_id() {
    assert_eq!(VERSION_POLICY_CHECK.as_str(), "version-policy-check");
    assert!(VERSION_POLICY_CHECK.is_official());
}

/// Releases published after `now` do not count as available: no deadline runs for them and no
/// finding calls them due, an info says so, and their deadlines still are the moments at which
/// the verdict changes.
#[test]
fn releases_published_after_now_do_not_count() {
    let eol = snapshot();
    let releases = [
        Release::new("v1.30.5", "2024-09-11T10:00:00Z"),
        Release::new("v1.30.4", "2024-08-14T10:00:00Z"),
        Release::new("v1.30.3", "2024-07-16T10:00:00Z"),
    ];
    let now = day(2024, 8, 20);
    let ahead = "patch 1.30.5 is published 2024-09-11T10:00:00Z, after the time of the check: \
                 not counted as available yet";
    let verdict = version_policy_verdict("v1.30.3", &data(&releases, &[], &eol), now);
    let r = &verdict.result;
    assert_eq!((r.outcome(), r.official()), (Outcome::Pass, Outcome::Pass));
    assert_eq!(
        messages(r, Severity::Info),
        [
            ahead,
            "patch 1.30.4 published 2024-08-14, due by 2024-09-14"
        ]
    );
    assert_eq!(
        verdict.next_change,
        Some(at(2024, 9, 14, 10, 0, 0) + Duration::nanoseconds(1))
    );

    // Only the coming patch is newer: nothing is due, and its deadline is the next change.
    let verdict = version_policy_verdict("v1.30.4", &data(&releases, &[], &eol), now);
    assert_eq!(messages(&verdict.result, Severity::Info), [ahead]);
    let next = at(2024, 10, 12, 10, 0, 0) + Duration::nanoseconds(1);
    assert_eq!(verdict.next_change, Some(next));
    let later = check("v1.30.4", &releases, &[], &eol, next);
    assert_eq!(
        messages(&later, Severity::Error),
        [
            "patch 1.30.5 published 2024-09-11, due by 2024-10-12, is not rolled out (patches are \
          due within 31 days)"
        ]
    );

    // A critical fix published after now: no fix exists yet; 14 days after it, the cluster
    // fails.
    let cves = [critical(
        "CVE-2024-90100",
        r#"[{"version": "1.30.0", "lessThan": "1.30.5", "status": "affected"}]"#,
    )];
    let verdict = version_policy_verdict("v1.30.4", &data(&releases, &cves, &eol), now);
    let r = &verdict.result;
    assert_eq!((r.outcome(), r.official()), (Outcome::Pass, Outcome::Pass));
    assert_eq!(
        messages(r, Severity::Info),
        [
            ahead,
            "affected by critical CVE-2024-90100; no newer patch of branch 1.30 exists yet: the \
             14-day deadline runs from the publication of a fix",
        ]
    );
    assert!(messages(r, Severity::Warning).is_empty());
    let next = at(2024, 9, 25, 10, 0, 0) + Duration::nanoseconds(1);
    assert_eq!(verdict.next_change, Some(next));
    let later = check("v1.30.4", &releases, &cves, &eol, next);
    assert_eq!(
        (later.outcome(), later.official()),
        (Outcome::Fail, Outcome::Fail)
    );
    assert_eq!(
        messages(&later, Severity::Error),
        [
            "patch 1.30.5 published 2024-09-11 fixes critical CVE-2024-90100, due by 2024-09-25, \
          is not rolled out (critical fixes are due within 14 days)"
        ]
    );

    // The upgrade target of a branch past its end of life is a release out by now.
    let mut with_future = provider_releases();
    with_future.push(Release::new("v1.31.1", "2024-09-11T10:00:00Z"));
    let r = check("1.27.16", &with_future, &[], &eol, day(2024, 9, 1));
    assert_eq!(
        messages(&r, Severity::Error),
        [
            "branch 1.27 reached its end of life on 2024-06-28: roll out 1.31.0 of the newest \
          supported branch 1.31 (or at least 1.28.13 of branch 1.28, supported until \
          2024-10-28), due by 2024-06-28"
        ]
    );
}

/// The provider checks do not count releases published after `now` either.
#[test]
fn provider_checks_ignore_releases_published_after_now() {
    let mut releases = provider_releases();
    releases.push(Release::new("v1.32.0", "2024-12-11T18:00:00Z"));
    let now = day(2024, 9, 1);
    let ahead = "published after the time of the check, so not counted as available: 1.32.0 \
                 (2024-12-11T18:00:00Z)";
    let r = kvp::latest_minor_offered(&[v("1.31.0")], &releases, now);
    assert_eq!(r.outcome(), Outcome::Pass);
    assert_eq!(messages(&r, Severity::Info), [ahead]);
    assert_eq!(r.findings()[0].subject.as_deref(), Some("releases"));
    let offered = [v("1.28.13"), v("1.29.8"), v("1.30.4"), v("1.31.0")];
    let r = kvp::supported_branches_offered(&offered, &releases, &snapshot(), now);
    assert_eq!(messages(&r, Severity::Info), [ahead]);
    assert_eq!(r.outcome(), Outcome::Pass);
}

/// Every error about the cluster names the release to roll out and the day it was due; an
/// end of life names its date, the newest supported branch and the least upgrade.
#[test]
fn every_error_names_a_release_and_a_deadline() {
    let release = regex::Regex::new(r"\b\d+\.\d+\.\d+\b").unwrap();
    let due = regex::Regex::new(r"due by \d{4}-\d{2}-\d{2}\b").unwrap();
    let eol = snapshot();
    let q1 = q1_releases();
    let newer = [
        Release::new("v1.30.5", "2024-09-11T10:00:00Z"),
        Release::new("v1.30.4", "2024-08-14T10:00:00Z"),
        Release::new("v1.30.3", "2024-07-16T10:00:00Z"),
    ];
    let cves = [critical(
        "CVE-2024-90100",
        r#"[{"version": "1.30.0", "lessThan": "1.30.5", "status": "affected"}]"#,
    )];
    let cases = [
        // the patch window
        check("1.28.5", &q1, &[], &eol, day(2024, 3, 1)),
        // the CVE window (and the patch window)
        check("1.30.3", &newer, &cves, &eol, day(2024, 9, 30)),
        // end of life, listed and unlisted
        check("1.26.15", &q1, &[], &eol, day(2024, 3, 1)),
        check("1.24.0", &q1, &[], &eol, day(2024, 3, 1)),
        check("1.27.16", &provider_releases(), &[], &eol, day(2024, 9, 1)),
    ];
    let mut errors = 0;
    for r in &cases {
        assert_eq!(r.outcome(), Outcome::Fail);
        for message in messages(r, Severity::Error) {
            errors += 1;
            assert!(release.is_match(&message), "{message}");
            assert!(due.is_match(&message), "{message}");
            if message.contains("end of life") {
                assert!(
                    message.contains("of the newest supported branch"),
                    "{message}"
                );
                assert!(message.contains("or at least"), "{message}");
            }
        }
    }
    assert_eq!(errors, 6);
}
