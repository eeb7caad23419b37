//! The properties the `cve_record` fuzz target checks, shared with the stable seed replay in
//! `tests/fuzz_seeds.rs` (both include this file with `#[path = …] mod …;`).
//!
//! The input is read as JSON three ways: one CVE record (`CveRecord`), a list of them
//! (`Vec<CveRecord>`) and a CVE feed (`CveFeed`). What parses goes through
//! `critical_ranges` and `version_policy_verdict` for two fixed clusters on a fixed release
//! list at a fixed `now`. Each property is an `assert!` naming what broke, so a failure reads
//! as a bug report.

use std::sync::OnceLock;

use scs_validators::k8s_version_policy::{
    critical_ranges, version_policy_verdict, BaseScore, CriticalRange, CveFeed, CveRecord,
    EolTable, JsonField, MetricValue, PolicyData, Release, VERSION_POLICY_CHECK,
};
use scs_validators::report::{Outcome, Severity, TestcaseResult};

/// The clusters checked: a plain version with a newer patch 24 days old (so that a critical
/// CVE it is affected by and the newer patch is not decides the verdict), and a vendor build
/// (which the official suite aborts on).
pub const CLUSTERS: [&str; 2] = ["v1.28.5", "v1.29.0-eks-1234567"];

/// The instant of the checks (RFC 3339, read through serde so that the fuzz crate needs no
/// `chrono` of its own).
pub const NOW: &str = "2024-02-10T00:00:00Z";

/// Five years after [`NOW`]: where a verdict without a next change is the same as at [`NOW`].
pub const MUCH_LATER: &str = "2029-02-10T00:00:00Z";

/// A timestamp of [`NOW`]'s form as whatever type the caller needs (`DateTime<Utc>`).
fn instant<T: serde::de::DeserializeOwned>(text: &str) -> T {
    serde_json::from_value(serde_json::Value::String(text.to_owned()))
        .unwrap_or_else(|e| panic!("{text}: {e}"))
}

/// The releases, newest first, as GitHub lists them.
pub fn releases() -> &'static [Release] {
    static RELEASES: OnceLock<Vec<Release>> = OnceLock::new();
    RELEASES.get_or_init(|| {
        vec![
            Release::new("v1.30.0-alpha.1", "2024-01-23T22:27:06Z").flagged_prerelease(),
            Release::new("v1.29.1", "2024-01-17T13:39:41Z"),
            Release::new("v1.28.6", "2024-01-17T19:40:09Z"),
            Release::new("v1.27.10", "2024-01-17T13:41:11Z"),
            Release::new("v1.28.5", "2023-12-20T13:23:37Z"),
            Release::new("v1.27.9", "2023-12-20T11:08:53Z"),
            Release::new("v1.29.0", "2023-12-13T18:50:28Z"),
            Release::new("v1.29.0-rc.2", "2023-12-05T10:51:54Z").flagged_prerelease(),
        ]
    })
}

fn eol() -> &'static EolTable {
    static EOL: OnceLock<EolTable> = OnceLock::new();
    EOL.get_or_init(EolTable::snapshot)
}

/// Checks every property on `data`, read as the JSON of a CVE record, a list of records and
/// a CVE feed.
pub fn cve_record(data: &[u8]) {
    if let Ok(record) = serde_json::from_slice::<CveRecord>(data) {
        check_records(std::slice::from_ref(&record), None);
    }
    if let Ok(records) = serde_json::from_slice::<Vec<CveRecord>>(data) {
        check_records(&records, None);
    }
    if let Ok(feed) = serde_json::from_slice::<CveFeed>(data) {
        check_records(&[], Some(&feed));
    }
}

/// Checks the standard reading of `records` and the whole check on them (and on `feed`).
pub fn check_records(records: &[CveRecord], feed: Option<&CveFeed>) {
    let ranges = critical_ranges(records);
    let labels: Vec<String> = records
        .iter()
        .enumerate()
        .map(|(i, r)| match r.cve_id() {
            Some(id) => id.to_owned(),
            None => format!("CVE record #{i}"),
        })
        .collect();
    for finding in &ranges.findings {
        assert_eq!(
            finding.severity,
            Severity::Warning,
            "critical_ranges gives a non-warning: {finding}"
        );
        assert_eq!(finding.testcase, VERSION_POLICY_CHECK, "{finding}");
        assert!(
            finding.subject.as_ref().is_some_and(|s| labels.contains(s)),
            "finding about no record: {finding}"
        );
        let _ = finding.to_string();
    }
    for range in &ranges.ranges {
        let r = &range.range;
        let _ = r.to_string();
        assert!(
            labels.contains(&range.cve_id),
            "range of no record: {range:?}"
        );
        assert_eq!(
            r.contains(r.lower()),
            !r.is_empty(),
            "{r}: contains its lower bound vs is_empty"
        );
    }
    check_round_trip(records, &ranges.ranges);

    let data = PolicyData {
        releases: releases(),
        cves: records,
        cve_feed: feed,
        eol: eol(),
    };
    let now = instant(NOW);
    for cluster in CLUSTERS {
        let verdict = version_policy_verdict(cluster, &data, now);
        let result = &verdict.result;
        check_result(cluster, result);
        for finding in &ranges.findings {
            assert!(
                result.findings().contains(finding),
                "{cluster}: the check drops the CVE warning {finding}"
            );
        }
        if let Some(feed) = feed {
            for id in feed.ids() {
                if !records.iter().any(|r| r.cve_id() == Some(id)) {
                    assert!(
                        result
                            .findings()
                            .iter()
                            .any(|f| f.severity == Severity::Warning
                                && f.subject.as_deref() == Some(id)),
                        "{cluster}: no warning about the feed id {id:?} without a record"
                    );
                }
            }
        }
        // The verdict changes at `next_change`, and never if there is none.
        let pair = (result.outcome(), result.official());
        let (later, what) = match verdict.next_change {
            Some(t) => {
                assert!(t > now, "{cluster}: next change {t} is not after now");
                (t, "differs")
            }
            None => (instant(MUCH_LATER), "is the same"),
        };
        let then = version_policy_verdict(cluster, &data, later).result;
        check_result(cluster, &then);
        assert_eq!(
            (then.outcome(), then.official()) != pair,
            verdict.next_change.is_some(),
            "{cluster}: at {later} the verdict should be {what}: now {pair:?}, then {:?} \
             (next change {:?})",
            (then.outcome(), then.official()),
            verdict.next_change
        );
    }
}

/// The outcome agrees with the findings, every finding is about `version-policy-check`, and a
/// divergence from the official suite is explained.
fn check_result(cluster: &str, result: &TestcaseResult) {
    assert_eq!(result.id(), &VERSION_POLICY_CHECK, "{cluster}");
    let has_error = result
        .findings()
        .iter()
        .any(|f| f.severity == Severity::Error);
    // The inputs are all there, so the standard reading never aborts.
    assert_ne!(result.outcome(), Outcome::Abort, "{cluster}: {result:?}");
    assert_eq!(
        result.outcome() == Outcome::Fail,
        has_error,
        "{cluster}: outcome {} with{} an error finding",
        result.outcome(),
        if has_error { "" } else { "out" }
    );
    for finding in result.findings() {
        assert_eq!(
            finding.testcase, VERSION_POLICY_CHECK,
            "{cluster}: {finding}"
        );
        let _ = finding.to_string();
    }
    if result.diverges() {
        assert!(
            result
                .findings()
                .iter()
                .any(|f| f.severity == Severity::Warning
                    && f.message.starts_with("the official suite")),
            "{cluster}: outcome {} vs official {} without a warning",
            result.outcome(),
            result.official()
        );
    }
}

/// The records serialize, and the serialized records (lossy: a metric keeps only its base
/// scores) give the same critical ranges. Skipped when a base score lies within a rounding
/// error of 8, where JSON's float parsing may move it across the threshold.
fn check_round_trip(records: &[CveRecord], ranges: &[CriticalRange]) {
    let near_threshold = records.iter().any(|r| {
        let Some(cna) = r.containers.value().and_then(|c| c.cna.value()) else {
            return false;
        };
        cna.metrics.value().is_some_and(|metrics| {
            metrics.iter().flat_map(|m| &m.entries).any(|(_, v)| {
                matches!(v, MetricValue::Object { base_score: BaseScore::Number(n) }
                    if (n - 8.0).abs() < 1e-9)
            })
        })
    });
    let json = serde_json::to_vec(records)
        .unwrap_or_else(|e| panic!("CVE records do not serialize: {e}: {records:?}"));
    let back: Vec<CveRecord> = serde_json::from_slice(&json).unwrap_or_else(|e| {
        panic!(
            "serialized CVE records do not parse: {e}: {}",
            String::from_utf8_lossy(&json)
        )
    });
    assert_eq!(back.len(), records.len(), "round trip");
    for (a, b) in records.iter().zip(&back) {
        assert_eq!(a.cve_id(), b.cve_id(), "round trip of the CVE id");
        let missing = |r: &CveRecord| matches!(r.containers, JsonField::Missing);
        assert_eq!(missing(a), missing(b), "round trip of `containers`");
    }
    if !near_threshold {
        assert_eq!(
            critical_ranges(&back).ranges,
            ranges,
            "the serialized records give other ranges: {}",
            String::from_utf8_lossy(&json)
        );
    }
}
