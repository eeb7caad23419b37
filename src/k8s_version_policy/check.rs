//! `version-policy-check`: one cluster's version against the releases, the critical CVEs and
//! the EOL table, with both verdicts and the next moment the verdict changes.

use std::collections::HashSet;

use chrono::{DateTime, Utc};

use super::cve::{critical_ranges, CriticalRange, CriticalRanges};
use super::data::{CveFeed, CveRecord, EolTable, Release};
use super::official::{self, midnight, CVE_WARN_WINDOW, CVE_WINDOW, PATCH_WINDOW};
use super::reading::{day, instant, just_after, BranchStatus, Eol, Final, Releases};
use super::version::{K8sBranch, K8sVersion, VersionError};
use super::VERSION_POLICY_CHECK;
use crate::report::{Finding, Outcome, Severity, TestcaseResult};

/// The data the check runs on besides the cluster version and `now`.
#[derive(Clone, Copy, Debug)]
pub struct PolicyData<'a> {
    /// GitHub's "list releases" of `kubernetes/kubernetes` (the official suite reads the first
    /// page of 100, newest first).
    pub releases: &'a [Release],
    /// The CVE records of the Kubernetes CVE feed.
    pub cves: &'a [CveRecord],
    /// The CVE feed itself, if the caller has it: a feed id without a record in `cves` is a
    /// failed download, on which the official suite aborts.
    pub cve_feed: Option<&'a CveFeed>,
    /// The EOL table ([`EolTable::snapshot`] or a newer one).
    pub eol: &'a EolTable,
}

/// The cluster's version: the `gitVersion` string of its `/version` endpoint, or already
/// parsed.
#[derive(Clone, Copy, Debug)]
pub enum ClusterVersion<'a> {
    /// The string as the cluster reports it, such as `v1.30.2-eks-1234567`.
    Text(&'a str),
    /// A parsed version (the official suite is assumed to see its `Display` form).
    Parsed(&'a K8sVersion),
}

impl<'a> From<&'a str> for ClusterVersion<'a> {
    fn from(text: &'a str) -> Self {
        ClusterVersion::Text(text)
    }
}

impl<'a> From<&'a String> for ClusterVersion<'a> {
    fn from(text: &'a String) -> Self {
        ClusterVersion::Text(text)
    }
}

impl<'a> From<&'a K8sVersion> for ClusterVersion<'a> {
    fn from(version: &'a K8sVersion) -> Self {
        ClusterVersion::Parsed(version)
    }
}

/// The result of `version-policy-check` and when to look again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyVerdict {
    /// The testcase result (both outcomes and the findings).
    pub result: TestcaseResult,
    /// The first moment after `now` at which, on the same data, the outcome or the official
    /// outcome differs from now; `None` if neither ever changes. Windows are strict (a patch
    /// is overdue once it is *more* than 31 days old), so such a moment lies one nanosecond
    /// after the deadline; an end of life takes effect at 00:00 UTC of its day.
    pub next_change: Option<DateTime<Utc>>,
}

/// `version-policy-check` (scs-0210 v2): whether the cluster runs a supported branch and has
/// rolled out its branch's patches (within 31 days) and critical CVE fixes (within 14 days,
/// recommended 2).
///
/// See [`version_policy_verdict`] for the next moment the verdict changes, and the module docs
/// for the rules and the divergences from the official suite.
pub fn version_policy_check<'v>(
    cluster: impl Into<ClusterVersion<'v>>,
    data: &PolicyData<'_>,
    now: DateTime<Utc>,
) -> TestcaseResult {
    version_policy_verdict(cluster, data, now).result
}

/// [`version_policy_check`], and the next moment at which its verdict would change on the
/// same data (so that a tool can schedule its re-check).
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use scs_validators::k8s_version_policy::{version_policy_verdict, EolTable, PolicyData, Release};
/// use scs_validators::report::Outcome;
///
/// let releases = [
///     Release::new("v1.28.6", "2024-01-17T19:40:09Z"),
///     Release::new("v1.28.5", "2023-12-20T13:23:37Z"),
/// ];
/// let eol = EolTable::snapshot();
/// let data = PolicyData { releases: &releases, cves: &[], cve_feed: None, eol: &eol };
/// let now = Utc.with_ymd_and_hms(2024, 2, 1, 0, 0, 0).unwrap();
/// let verdict = version_policy_verdict("v1.28.5", &data, now);
/// assert_eq!(verdict.result.outcome(), Outcome::Pass);
/// assert_eq!(
///     verdict.result.findings()[0].message,
///     "patch 1.28.6 published 2024-01-17, due by 2024-02-17"
/// );
/// assert_eq!(verdict.next_change.unwrap().to_rfc3339(), "2024-02-17T19:40:09.000000001+00:00");
/// ```
pub fn version_policy_verdict<'v>(
    cluster: impl Into<ClusterVersion<'v>>,
    data: &PolicyData<'_>,
    now: DateTime<Utc>,
) -> PolicyVerdict {
    let id = VERSION_POLICY_CHECK;
    let cluster = cluster.into();
    let (text, parsed): (String, Result<K8sVersion, VersionError>) = match cluster {
        ClusterVersion::Text(text) => (text.trim().to_owned(), text.parse()),
        ClusterVersion::Parsed(version) => (version.to_string(), Ok(version.clone())),
    };
    let official_text = match cluster {
        ClusterVersion::Text(text) => text,
        ClusterVersion::Parsed(_) => text.as_str(),
    };
    let CriticalRanges {
        ranges,
        findings: cve_findings,
    } = critical_ranges(data.cves);
    // Without anything odd in the records, the official reading gives the same ranges.
    let known = cve_findings
        .is_empty()
        .then(|| ranges.iter().map(|r| r.range.clone()).collect());
    let prepared = official::Prepared::new(
        official_text,
        data.releases,
        data.cves,
        known,
        data.cve_feed,
        data.eol,
    );
    let verdict = prepared.at(now);
    let official_outcome = verdict.outcome();
    let official_change = official_next_change(&prepared, now, official_outcome);

    let missing = if text.is_empty() {
        Some("no cluster version given")
    } else if data.releases.is_empty() {
        Some("no Kubernetes releases given")
    } else if data.eol.entries.is_empty() {
        Some("no EOL table given")
    } else {
        None
    };
    if let Some(reason) = missing {
        return PolicyVerdict {
            result: TestcaseResult::aborted(id, reason, official_outcome),
            next_change: official_change,
        };
    }

    let mut findings = Vec::new();
    let eol = Eol::read(data.eol, &id, &mut findings);
    if eol.map.is_empty() {
        return PolicyVerdict {
            result: TestcaseResult::aborted(
                id,
                "the EOL table has no usable entry",
                official_outcome,
            ),
            next_change: official_change,
        };
    }
    let mut releases = Releases::read(data.releases, &id, &mut findings);
    let future = releases.take_future(now);
    findings.extend(cve_findings);
    if let Some(feed) = data.cve_feed {
        let given: HashSet<&str> = data.cves.iter().filter_map(CveRecord::cve_id).collect();
        for cve in feed.ids() {
            if !given.contains(cve) {
                findings.push(Finding::new(
                    id.clone(),
                    Severity::Warning,
                    Some(cve.to_owned()),
                    "in the CVE feed, but no record was given: its ranges are unknown",
                ));
            }
        }
    }

    let mut deadlines = Vec::new();
    match parsed {
        Err(e) => findings.push(Finding::new(
            id.clone(),
            Severity::Error,
            Some(text.clone()),
            format!("cannot check the cluster version: {e}"),
        )),
        Ok(version) => {
            let cluster = Cluster {
                version: &version,
                subject: &text,
                releases: &releases,
                future: &future,
                ranges: &ranges,
                eol: &eol,
                now,
            };
            cluster.evaluate(&mut findings, &mut deadlines);
        }
    }

    let failed = findings.iter().any(|f| f.severity == Severity::Error);
    let outcome = if failed { Outcome::Fail } else { Outcome::Pass };
    if outcome != official_outcome {
        findings.push(Finding::new(
            id.clone(),
            Severity::Warning,
            Some(text.clone()),
            format!("the official suite {}", verdict.explain(&text)),
        ));
    }
    // The standard verdict only gets worse with time: a passing cluster fails at the first
    // deadline, a failing one stays failed.
    let standard_change = if failed {
        None
    } else {
        deadlines.into_iter().filter(|t| *t > now).min()
    };
    let next_change = match (standard_change, official_change) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    PolicyVerdict {
        result: TestcaseResult::from_findings(id, findings, official_outcome),
        next_change,
    }
}

fn official_next_change(
    prepared: &official::Prepared,
    now: DateTime<Utc>,
    current: Outcome,
) -> Option<DateTime<Utc>> {
    let mut candidates = Vec::new();
    prepared.change_candidates(now, &mut candidates);
    candidates.sort();
    candidates.dedup();
    candidates
        .into_iter()
        .find(|t| prepared.at(*t).outcome() != current)
}

/// The upgrade target of a branch past its end of life: the newest release of the newest
/// supported branch that has one, and, when it is another branch, the least upgrade: the newest
/// release of the oldest supported branch with that branch's end of life.
///
/// The supported branches are those of the EOL table supported at `now` and the released
/// branches newer than the table.
pub(crate) fn upgrade_target(eol: &Eol, releases: &Releases, now: DateTime<Utc>) -> String {
    let newest_listed = eol.map.keys().next_back().copied();
    let mut supported: Vec<K8sBranch> = eol.supported(now);
    supported.extend(
        releases
            .branches()
            .into_iter()
            .filter(|b| newest_listed.is_some_and(|newest| *b > newest)),
    );
    let (Some(&oldest), Some(&last)) = (supported.first(), supported.last()) else {
        return "a supported branch".to_owned();
    };
    let release_of = |branch: K8sBranch| releases.latest_of(branch, now).map(|r| &r.version);
    let newest = supported
        .iter()
        .rev()
        .copied()
        .find(|b| release_of(*b).is_some())
        .unwrap_or(last);
    let newest_text = match release_of(newest) {
        Some(release) => format!("{release} of the newest supported branch {newest}"),
        None => format!("the newest supported branch {newest}"),
    };
    if oldest >= newest {
        return newest_text;
    }
    let until = eol
        .map
        .get(&oldest)
        .map(|date| format!(", supported until {date}"))
        .unwrap_or_default();
    match release_of(oldest) {
        Some(release) => format!("{newest_text} (or at least {release} of branch {oldest}{until})"),
        None => format!("{newest_text} (or at least branch {oldest}{until})"),
    }
}

/// The message for a branch past (or counted past) its end of life; `None` if supported.
pub(crate) fn eol_message(
    status: BranchStatus,
    branch: K8sBranch,
    action: &str,
    target: &str,
) -> Option<String> {
    match status {
        BranchStatus::Eol(date) => Some(format!(
            "branch {branch} reached its end of life on {date}: {action}{target}, due by {date}"
        )),
        BranchStatus::Unlisted(_, bound) => Some(format!(
            "branch {branch} is not in the EOL table, so it counts as past its end of life: \
             {action}{target}, due by {bound} at the latest"
        )),
        BranchStatus::Supported(_) | BranchStatus::NewerThanTable(_) => None,
    }
}

pub(crate) fn newer_than_table(branch: K8sBranch, newest: K8sBranch) -> String {
    format!(
        "branch {branch} is newer than every branch of the EOL table (newest {newest}): the \
         table is out of date; taken as supported"
    )
}

struct Cluster<'a> {
    version: &'a K8sVersion,
    subject: &'a str,
    releases: &'a Releases,
    /// The final releases published after `now` (not available yet).
    future: &'a [Final],
    ranges: &'a [CriticalRange],
    eol: &'a Eol,
    now: DateTime<Utc>,
}

impl Cluster<'_> {
    fn finding(&self, severity: Severity, message: String) -> Finding {
        Finding::new(
            VERSION_POLICY_CHECK,
            severity,
            Some(self.subject.to_owned()),
            message,
        )
    }

    fn evaluate(&self, findings: &mut Vec<Finding>, deadlines: &mut Vec<DateTime<Utc>>) {
        let version = self.version;
        let now = self.now;
        let branch = version.branch();
        if let Some(vendor) = version.vendor() {
            findings.push(self.finding(
                Severity::Info,
                format!(
                    "vendor build `{vendor}` of {}: checked as {}",
                    version.upstream(),
                    version.upstream()
                ),
            ));
        }
        if let Some(pre) = version.pre() {
            findings.push(self.finding(
                Severity::Info,
                format!(
                    "pre-release `{pre}` of {}: checked as older than {}",
                    branch_version(version),
                    branch_version(version)
                ),
            ));
        }
        if let Some(sanity) = self.eol.sanity(now, &VERSION_POLICY_CHECK) {
            findings.push(sanity);
        }
        let status = self.eol.status(branch, now);
        match status {
            BranchStatus::Supported(date) => deadlines.push(midnight(date)),
            BranchStatus::NewerThanTable(newest) => {
                findings.push(self.finding(Severity::Warning, newer_than_table(branch, newest)))
            }
            BranchStatus::Eol(_) | BranchStatus::Unlisted(..) => {
                let target = upgrade_target(self.eol, self.releases, now);
                if let Some(message) = eol_message(status, branch, "roll out ", &target) {
                    findings.push(self.finding(Severity::Error, message));
                }
            }
        }
        for (tag, pre) in &self.releases.unflagged_pre {
            if pre.branch() == branch && pre.patch() > version.patch() {
                findings.push(self.finding(
                    Severity::Info,
                    format!(
                        "release `{tag}` is a pre-release, although GitHub does not flag it: \
                         ignored (the official suite takes it for {})",
                        branch_version(pre)
                    ),
                ));
            }
        }
        let newer: Vec<&Final> = self.releases.newer_in_branch(version).collect();
        // Newer patches published after `now` are not available yet: no deadline runs for them
        // now, but their deadlines are moments at which the verdict changes.
        let coming: Vec<&Final> = self
            .future
            .iter()
            .filter(|r| r.version.branch() == branch && r.version.upstream_cmp(version).is_gt())
            .collect();
        for r in &coming {
            findings.push(self.finding(
                Severity::Info,
                format!(
                    "patch {} is published {}, after the time of the check: not counted as \
                     available yet",
                    r.version,
                    instant(r.published)
                ),
            ));
        }
        self.patches(&newer, &coming, findings, deadlines);
        self.cves(&newer, &coming, findings, deadlines);
    }

    /// V2-2: the latest patch within 31 days. `coming`: the newer patches published after
    /// `now`, which only add deadlines.
    fn patches(
        &self,
        newer: &[&Final],
        coming: &[&Final],
        findings: &mut Vec<Finding>,
        deadlines: &mut Vec<DateTime<Utc>>,
    ) {
        let now = self.now;
        deadlines.extend(
            coming
                .iter()
                .map(|r| just_after(r.published + PATCH_WINDOW)),
        );
        let overdue = newer.iter().rposition(|r| now > r.published + PATCH_WINDOW);
        if let Some(i) = overdue {
            let r = newer[i];
            findings.push(self.finding(
                Severity::Error,
                format!(
                    "patch {} published {}, due by {}, is not rolled out (patches are due \
                     within 31 days)",
                    r.version,
                    day(r.published),
                    day(r.published + PATCH_WINDOW)
                ),
            ));
        }
        let pending = overdue.map_or(0, |i| i + 1);
        for r in &newer[pending..] {
            let due = r.published + PATCH_WINDOW;
            deadlines.push(just_after(due));
            findings.push(self.finding(
                Severity::Info,
                format!(
                    "patch {} published {}, due by {}",
                    r.version,
                    day(r.published),
                    day(due)
                ),
            ));
        }
    }

    /// V2-3 and V2-4: patches that fix a critical CVE of the cluster's version within 14 days
    /// (recommended: 2). `coming`: the newer patches published after `now`, which only add
    /// deadlines.
    fn cves(
        &self,
        newer: &[&Final],
        coming: &[&Final],
        findings: &mut Vec<Finding>,
        deadlines: &mut Vec<DateTime<Utc>>,
    ) {
        let now = self.now;
        let affecting: Vec<&CriticalRange> = self
            .ranges
            .iter()
            .filter(|r| r.range.contains(self.version))
            .collect();
        if affecting.is_empty() {
            return;
        }
        let mut ids: Vec<&str> = affecting.iter().map(|r| r.cve_id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        let ids = ids.join(", ");
        let fixes = |r: &Final| !affecting.iter().any(|c| c.range.contains(&r.version));
        deadlines.extend(
            coming
                .iter()
                .filter(|r| fixes(r))
                .map(|r| just_after(r.published + CVE_WINDOW)),
        );
        let fixing: Vec<&Final> = newer.iter().copied().filter(|r| fixes(r)).collect();
        if fixing.is_empty() {
            let still: Vec<String> = newer.iter().map(|r| r.version.to_string()).collect();
            findings.push(self.finding(
                Severity::Info,
                if still.is_empty() {
                    format!(
                        "affected by critical {ids}; no newer patch of branch {} exists yet: the \
                         14-day deadline runs from the publication of a fix",
                        self.version.branch()
                    )
                } else {
                    format!(
                        "affected by critical {ids}; no newer patch of branch {} fixes it yet \
                         ({} still affected): the 14-day deadline runs from the publication of \
                         a fix",
                        self.version.branch(),
                        still.join(", ")
                    )
                },
            ));
            return;
        }
        let overdue = fixing.iter().rposition(|r| now > r.published + CVE_WINDOW);
        if let Some(i) = overdue {
            let r = fixing[i];
            findings.push(self.finding(
                Severity::Error,
                format!(
                    "patch {} published {} fixes critical {ids}, due by {}, is not rolled out \
                     (critical fixes are due within 14 days)",
                    r.version,
                    day(r.published),
                    day(r.published + CVE_WINDOW)
                ),
            ));
        }
        let pending = overdue.map_or(0, |i| i + 1);
        for r in &fixing[pending..] {
            let recommended = r.published + CVE_WARN_WINDOW;
            let due = r.published + CVE_WINDOW;
            deadlines.push(just_after(due));
            let severity = if now > recommended {
                Severity::Warning
            } else {
                Severity::Info
            };
            findings.push(self.finding(
                severity,
                format!(
                    "patch {} published {} fixes critical {ids}, recommended by {} (2 days), \
                     due by {}",
                    r.version,
                    day(r.published),
                    day(recommended),
                    day(due)
                ),
            ));
        }
    }
}

/// `1.31.0` for `1.31.0-rc.1`.
fn branch_version(version: &K8sVersion) -> K8sVersion {
    K8sVersion::new(version.major(), version.minor(), version.patch())
}
