//! The compliance monitor's view of a subject: which stored results still count
//! ([`relevant_results`]) and what they mean for a scope ([`evaluate_scope`]).
//!
//! The monitor stores one row per testcase result of every uploaded report ([`ResultRow`]),
//! keeps for each testcase the newest result that has not expired by its testcase's
//! [`Lifetime`](super::Lifetime), and evaluates the `main` target of every version in force: the
//! first version, newest first, whose result is not FAIL is the one shown.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};

use super::model::{Scope, Version};
use super::report::ReportDocument;
use super::results::{evaluate, Buckets, Results, Verdict};
use super::time::Validity;

/// One stored result: the monitor's `result2` row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResultRow {
    /// The report's `subject`.
    pub subject: String,
    /// The report's `spec.uuid`.
    pub scope_uuid: String,
    /// Legacy reports: the version the result was reported for; `None` for reports in the current
    /// format (the monitor stores the placeholder `*`). Not used in the evaluation.
    pub version: Option<String>,
    /// The testcase id, as reported (not checked against any scope).
    pub testcase: String,
    /// The result code, as reported (1 PASS, 0 ABORT, -1 FAIL; any other integer is kept).
    pub result: i64,
    /// The report's `checked_at`.
    pub checked_at: DateTime<Utc>,
}

impl ResultRow {
    /// The rows the monitor stores for a report: one per result of
    /// [`ReportDocument::results`] for a report in the current format, or, for a legacy report,
    /// one per version and testcase of its `versions` (with the version name).
    pub fn from_report(report: &ReportDocument) -> Vec<ResultRow> {
        let row = |version: Option<&str>, testcase: &str, result: i64| ResultRow {
            subject: report.subject.clone(),
            scope_uuid: report.spec.uuid.clone(),
            version: version.map(str::to_owned),
            testcase: testcase.to_owned(),
            result,
            checked_at: report.checked_at,
        };
        match &report.versions {
            Some(versions) => versions
                .iter()
                .flat_map(|(name, results)| {
                    results
                        .iter()
                        .map(move |(testcase, code)| row(Some(name), testcase, code))
                })
                .collect(),
            None => report
                .results()
                .iter()
                .map(|(testcase, code)| row(None, testcase, code))
                .collect(),
        }
    }
}

/// A result that still counts: the newest unexpired one of its testcase.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RelevantResult {
    /// The testcase id.
    pub testcase: String,
    /// The result code.
    pub result: i64,
    /// When it was checked.
    pub checked_at: DateTime<Utc>,
    /// The first instant at which it no longer counts ([`Lifetime::expiry`](super::Lifetime::expiry)
    /// of `checked_at`).
    pub expires_at: DateTime<Utc>,
}

/// What [`relevant_results`] kept and dropped.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RelevantResults {
    /// The kept results, one per testcase, in the order the testcases' first unexpired rows came.
    pub results: Vec<RelevantResult>,
    /// Testcase ids of rows for the scope that it does not declare, without repetition, in order
    /// of appearance (dropped; the monitor logs them as "missing objects").
    pub unknown: Vec<String>,
    /// The number of rows dropped because they had expired.
    pub expired: usize,
    /// The number of rows of another subject or scope (skipped without looking at them further).
    pub skipped: usize,
    index: HashMap<String, usize>,
}

impl RelevantResults {
    /// The kept result of `testcase`.
    pub fn get(&self, testcase: &str) -> Option<&RelevantResult> {
        self.index.get(testcase).map(|&at| &self.results[at])
    }

    /// The kept results as testcase id → code, for [`evaluate`] and [`Buckets`].
    pub fn codes(&self) -> Results {
        self.results
            .iter()
            .map(|kept| (kept.testcase.as_str(), kept.result))
            .collect()
    }

    /// Whether no result counts. The monitor then leaves the subject out of its overview
    /// altogether; where it shows the subject anyway (a page asked for it), it evaluates the
    /// empty set, in which every version's `main` result is missing.
    pub fn is_empty(&self) -> bool {
        self.results.is_empty()
    }
}

/// The results that count for `subject` in `scope` at the instant `now` (the monitor's
/// retrieval, digest 9.2), in one pass over `rows`.
///
/// - A row of another subject, or whose `scope_uuid` is not the scope's `uuid`, is skipped and
///   counted in [`RelevantResults::skipped`] (the monitor evaluates each subject and scope
///   separately; rows can therefore come from one query over everything).
/// - A row for a testcase the scope does not declare is dropped and its id listed in
///   [`RelevantResults::unknown`].
/// - A row is dropped as expired when `now >= testcase.lifetime.expiry(checked_at)`. To give
///   results a grace period, as the monitor's results page does with 7 days, pass `now` minus the
///   grace period.
/// - Of the remaining rows of a testcase, the one with the newest `checked_at` is kept; of several
///   with that time, the one given last (the monitor's choice likewise depends on the order its
///   database returns rows in). The version column of legacy rows plays no part.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use scs_validators::scope::{relevant_results, Node, ResultRow, Scope};
///
/// let scope = Scope::load(&serde_json::from_str::<Node>(r#"{
///     "name": "Toy", "uuid": "0000", "url": "https://example.invalid/toy.yaml",
///     "scripts": [{"executable": "./check.py", "testcases": [{"id": "tc-a", "lifetime": "day"}]}],
///     "modules": [{"id": "m1", "targets": {"main": ["tc-a"]}}],
///     "versions": [{"version": "v1", "include": ["m1"]}],
///     "timeline": [{"date": "2025-01-01", "versions": {"v1": "effective"}}]
/// }"#)?)?;
/// let at = |d, h| Utc.with_ymd_and_hms(2026, 11, d, h, 0, 0).unwrap();
/// let row = |testcase: &str, result, checked_at| ResultRow {
///     subject: "cloud".into(), scope_uuid: "0000".into(), version: None,
///     testcase: testcase.into(), result, checked_at,
/// };
/// let rows = [row("tc-a", -1, at(20, 8)), row("tc-a", 1, at(21, 8)), row("tc-z", 1, at(21, 8))];
/// let relevant = relevant_results(&scope, "cloud", &rows, at(22, 12));
/// assert_eq!(relevant.get("tc-a").map(|kept| kept.result), Some(1));
/// assert_eq!(relevant.get("tc-a").map(|kept| kept.expires_at), Some(at(23, 0)));
/// assert_eq!(relevant.unknown, ["tc-z"]);
/// assert_eq!(relevant_results(&scope, "cloud", &rows, at(23, 0)).expired, 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn relevant_results<'r>(
    scope: &Scope,
    subject: &str,
    rows: impl IntoIterator<Item = &'r ResultRow>,
    now: DateTime<Utc>,
) -> RelevantResults {
    let mut relevant = RelevantResults::default();
    let mut unknown: HashSet<&'r str> = HashSet::new();
    for row in rows {
        if row.subject != subject || row.scope_uuid != scope.uuid {
            relevant.skipped += 1;
            continue;
        }
        let Some(testcase) = scope.testcase(&row.testcase) else {
            if unknown.insert(row.testcase.as_str()) {
                relevant.unknown.push(row.testcase.clone());
            }
            continue;
        };
        let expires_at = testcase.lifetime.expiry(row.checked_at);
        if now >= expires_at {
            relevant.expired += 1;
            continue;
        }
        let kept = RelevantResult {
            testcase: row.testcase.clone(),
            result: row.result,
            checked_at: row.checked_at,
            expires_at,
        };
        match relevant.index.get(&row.testcase) {
            Some(&at) => {
                if relevant.results[at].checked_at <= row.checked_at {
                    relevant.results[at] = kept;
                }
            }
            None => {
                relevant
                    .index
                    .insert(row.testcase.clone(), relevant.results.len());
                relevant.results.push(kept);
            }
        }
    }
    relevant
}

/// One version's evaluation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VersionVerdict<'s> {
    /// The version.
    pub version: &'s Version,
    /// Its validity on the check date.
    pub validity: Validity,
    /// Each target's verdict ([`evaluate`]), in the version's target order.
    pub targets: Vec<(&'s str, Verdict)>,
    /// Whether the version has a `main` target.
    pub has_main: bool,
    /// The version's verdict: that of its `main` target. A version without a `main` target
    /// (which the loader accepts but the official monitor crashes on) has
    /// [`Verdict::Missing`]: nothing decides it, and like a missing result this does not stop
    /// it from being shown, with 🟧.
    pub verdict: Verdict,
    /// For a verdict of PASS or ABORT: the first instant at which it can change because a result
    /// of a `main` testcase expires (the earliest [`RelevantResult::expires_at`] among them; the
    /// verdict holds strictly before it). `None` for the other verdicts, and for a `main` target
    /// without testcases.
    pub expires_at: Option<DateTime<Utc>>,
}

/// A scope's evaluation for one subject (the monitor's `_evaluate_scope`, digest 9.3).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScopeVerdict<'s> {
    /// The versions in force on the check date (explicitly listed by the timeline), in file
    /// order, drafts included.
    pub versions: Vec<VersionVerdict<'s>>,
    /// The versions walked, in order: newest first, skipping drafts unless they were included,
    /// until the first non-draft version whose verdict is not FAIL.
    pub relevant: Vec<&'s str>,
    /// The verdict of the last version walked; FAIL when none was.
    pub result: Verdict,
    /// The walked versions whose verdict is not FAIL (PASS, ABORT or missing), in order.
    pub passed: Vec<&'s str>,
    /// The first walked non-draft version whose verdict is not FAIL: the one the subject is shown
    /// with.
    pub winner: Option<&'s str>,
    /// The winner's validity; [`Validity::Deprecated`] without a winner.
    pub validity: Validity,
    /// The testcases of every target of the walked versions by their result, each bucket sorted
    /// with the testcases in the `main` target of a stabilized version first, then by id.
    pub buckets: Buckets<'s>,
}

impl<'s> ScopeVerdict<'s> {
    /// The evaluation of the version named `name`, if it is in force.
    pub fn version(&self, name: &str) -> Option<&VersionVerdict<'s>> {
        self.versions
            .iter()
            .find(|verdict| verdict.version.name == name)
    }

    /// The passed versions as the monitor lists them: names joined by `, `, each with its
    /// validity's [`mark`](Validity::mark) (`v5.1`, `next*, v5.1`, `v4†`); empty when none
    /// passed.
    pub fn passed_str(&self) -> String {
        self.passed
            .iter()
            .map(|name| {
                let mark = self
                    .version(name)
                    .map_or("", |verdict| verdict.validity.mark());
                format!("{name}{mark}")
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The monitor's summary text (digest 9.4): the result's [`symbol`](Verdict::symbol) and
    /// [`passed_str`](ScopeVerdict::passed_str) (`–` when empty). Unless the result is FAIL, the
    /// symbol becomes 🟧 when the validity is `warn` and 🛑 when it is `deprecated` (so also
    /// when only drafts passed).
    ///
    /// ```
    /// use chrono::{NaiveDate, TimeZone, Utc};
    /// use scs_validators::scope::{evaluate_scope, relevant_results, Node, ResultRow, Scope};
    ///
    /// let scope = Scope::load(&serde_json::from_str::<Node>(r#"{
    ///     "name": "Toy", "uuid": "0000", "url": "https://example.invalid/toy.yaml",
    ///     "scripts": [{"executable": "./check.py", "testcases": [{"id": "tc-a"}, {"id": "tc-b"}]}],
    ///     "modules": [{"id": "m1", "targets": {"main": ["tc-a"]}},
    ///                 {"id": "m2", "targets": {"main": ["tc-b"]}}],
    ///     "versions": [{"version": "v2", "include": ["m1", "m2"]},
    ///                  {"version": "v1", "include": ["m1"], "stabilized_at": "2024-12-01"}],
    ///     "timeline": [{"date": "2025-01-01", "versions": {"v2": "effective", "v1": "warn"}}]
    /// }"#)?)?;
    /// let at = Utc.with_ymd_and_hms(2026, 11, 24, 8, 0, 0).unwrap();
    /// let rows: Vec<ResultRow> = [("tc-a", 1), ("tc-b", -1)].into_iter().map(|(id, result)| {
    ///     ResultRow { subject: "cloud".into(), scope_uuid: "0000".into(), version: None,
    ///                 testcase: id.into(), result, checked_at: at }
    /// }).collect();
    /// let relevant = relevant_results(&scope, "cloud", &rows, at);
    /// let verdict = evaluate_scope(&scope, &relevant, at.date_naive(), false);
    /// assert_eq!(verdict.relevant, ["v2", "v1"]);
    /// assert_eq!(verdict.summary(), "🟧 v1†");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn summary(&self) -> String {
        let mut symbol = self.result.symbol();
        if self.result != Verdict::Fail {
            match self.validity {
                Validity::Warn => symbol = "🟧",
                Validity::Deprecated => symbol = "🛑",
                Validity::Effective | Validity::Draft => {}
            }
        }
        let passed = self.passed_str();
        let passed = if passed.is_empty() { "–" } else { &passed };
        format!("{symbol} {passed}")
    }
}

/// Evaluates `scope` with the results that count (from [`relevant_results`]) for the versions in
/// force on `check_date` (the monitor's `_evaluate_scope`, digest 9.3).
///
/// Every version the timeline entry of `check_date` lists is evaluated
/// ([`Scope::versions_in_force`]). Then the versions are walked in file order (newest first by
/// convention), drafts skipped unless `include_drafts`: each walked version is relevant and sets
/// the result; one whose verdict is not FAIL has passed, and if it is not a draft it is the winner
/// and the walk stops. So a version with missing or aborted results can be the winner
/// (shown 🟧 or ✅*).
///
/// The monitor computes validity when it starts or reloads its scopes, from its own date, while
/// results expire by the current time; here the date and the instant (of [`relevant_results`])
/// are both the caller's.
pub fn evaluate_scope<'s>(
    scope: &'s Scope,
    relevant: &RelevantResults,
    check_date: NaiveDate,
    include_drafts: bool,
) -> ScopeVerdict<'s> {
    let codes = relevant.codes();
    let versions: Vec<VersionVerdict<'s>> = scope
        .versions_in_force(check_date)
        .into_iter()
        .map(|status| evaluate_version(status.version, status.validity, &codes, relevant))
        .collect();

    let mut relevant_versions = Vec::new();
    let mut passed = Vec::new();
    let mut winner = None;
    let mut result = Verdict::Fail;
    for verdict in &versions {
        let is_draft = verdict.validity == Validity::Draft;
        if is_draft && !include_drafts {
            continue;
        }
        let name = verdict.version.name.as_str();
        relevant_versions.push(name);
        result = verdict.verdict;
        if result != Verdict::Fail {
            passed.push(name);
            if !is_draft {
                winner = Some(verdict);
                break;
            }
        }
    }

    // The testcases of any target of a walked version, stable-main ones first.
    let mut seen = HashSet::new();
    let mut ids: Vec<&'s str> = Vec::new();
    for name in &relevant_versions {
        if let Some(version) = scope.version(name) {
            for target in &version.targets {
                for id in &target.testcases {
                    if seen.insert(id.as_str()) {
                        ids.push(id.as_str());
                    }
                }
            }
        }
    }
    let stable_main = |id: &str| {
        scope
            .testcase(id)
            .is_some_and(|testcase| testcase.stable_main_versions > 0)
    };
    ids.sort_by_cached_key(|&id| (!stable_main(id), id));
    let mut buckets = Buckets::default();
    for id in ids {
        buckets.push(id, codes.get(id));
    }

    ScopeVerdict {
        relevant: relevant_versions,
        result,
        passed,
        winner: winner.map(|verdict| verdict.version.name.as_str()),
        validity: winner.map_or(Validity::Deprecated, |verdict| verdict.validity),
        buckets,
        versions,
    }
}

fn evaluate_version<'s>(
    version: &'s Version,
    validity: Validity,
    codes: &Results,
    relevant: &RelevantResults,
) -> VersionVerdict<'s> {
    let targets: Vec<(&'s str, Verdict)> = version
        .targets
        .iter()
        .map(|target| (target.name.as_str(), evaluate(codes, &target.testcases)))
        .collect();
    let main = targets.iter().find(|(name, _)| *name == "main");
    let verdict = main.map_or(Verdict::Missing, |&(_, verdict)| verdict);
    let expires_at = match verdict {
        Verdict::Pass | Verdict::Abort => version
            .main()
            .iter()
            .filter_map(|id| relevant.get(id).map(|kept| kept.expires_at))
            .min(),
        Verdict::Missing | Verdict::Fail => None,
    };
    VersionVerdict {
        version,
        validity,
        has_main: main.is_some(),
        targets,
        verdict,
        expires_at,
    }
}
