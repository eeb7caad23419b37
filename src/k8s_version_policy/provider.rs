//! Checks beyond the official suite: the provider-level rules of scs-0210 v2 over the set of
//! versions a provider offers, which one cluster cannot show.

use chrono::{DateTime, Duration, Utc};

use super::check::{eol_message, newer_than_table, upgrade_target};
use super::data::{EolTable, Release};
use super::reading::{day, future_releases, BranchStatus, Eol, Releases};
use super::version::{K8sBranch, K8sVersion};
use crate::report::{Finding, Severity, TestcaseId, TestcaseResult};

/// `scs-validators:scs-0210-latest-minor` (V2-1, not an official id): the latest minor
/// release is offered within 4 months (120 days, the official suite's unused constant) of its
/// `.0` release.
pub const LATEST_MINOR_OFFERED: TestcaseId =
    TestcaseId::from_static("scs-validators:scs-0210-latest-minor");
/// `scs-validators:scs-0210-supported-branches` (V2-6, not an official id): every branch that
/// upstream still supports is offered (a new branch from 4 months after its `.0` release on,
/// the grace V2-1 gives).
pub const SUPPORTED_BRANCHES_OFFERED: TestcaseId =
    TestcaseId::from_static("scs-validators:scs-0210-supported-branches");
/// `scs-validators:scs-0210-no-eol-branches` (V2-7, not an official id; RECOMMENDED, so
/// warnings only): no branch past its upstream end of life is offered.
pub const NO_EOL_BRANCH_OFFERED: TestcaseId =
    TestcaseId::from_static("scs-validators:scs-0210-no-eol-branches");

/// How long after its `.0` release a new minor must be offered (V2-1: 4 months).
pub const MINOR_WINDOW: Duration = Duration::days(120);

/// The three provider-level checks over the versions a provider offers (pre-releases among
/// them do not count as offered): [`latest_minor_offered`], [`supported_branches_offered`],
/// [`no_eol_branch_offered`].
pub fn offered_versions_checks(
    offered: &[K8sVersion],
    releases: &[Release],
    eol: &EolTable,
    now: DateTime<Utc>,
) -> Vec<TestcaseResult> {
    vec![
        latest_minor_offered(offered, releases, now),
        supported_branches_offered(offered, releases, eol, now),
        no_eol_branch_offered(offered, releases, eol, now),
    ]
}

fn offered_branches(offered: &[K8sVersion]) -> Vec<K8sBranch> {
    let mut branches: Vec<K8sBranch> = offered
        .iter()
        .filter(|v| !v.is_prerelease())
        .map(K8sVersion::branch)
        .collect();
    branches.sort_unstable();
    branches.dedup();
    branches
}

fn due_text(due: DateTime<Utc>, exact: bool) -> String {
    if exact {
        day(due)
    } else {
        format!("{} at the latest", day(due))
    }
}

fn target(releases: &Releases, branch: K8sBranch, now: DateTime<Utc>) -> String {
    match releases.latest_of(branch, now) {
        Some(release) => release.version.to_string(),
        None => format!("branch {branch}"),
    }
}

/// V2-1: the latest minor is offered within 4 months of its `.0` release. The newest branch
/// whose window has closed must be offered (or a newer one): an error otherwise; a newer branch
/// still in its window gets an info with its deadline.
pub fn latest_minor_offered(
    offered: &[K8sVersion],
    releases: &[Release],
    now: DateTime<Utc>,
) -> TestcaseResult {
    let id = LATEST_MINOR_OFFERED;
    if offered.is_empty() {
        return aborted(id, "no offered versions given");
    }
    if releases.is_empty() {
        return aborted(id, "no Kubernetes releases given");
    }
    let mut findings = Vec::new();
    let mut releases = Releases::read(releases, &id, &mut findings);
    findings.extend(future_releases(&id, &releases.take_future(now)));
    let offered_branches = offered_branches(offered);
    let newest_offered = offered_branches.last().copied();
    let is_offered = |branch: K8sBranch| newest_offered.is_some_and(|newest| newest >= branch);
    let minors: Vec<(K8sBranch, DateTime<Utc>, bool)> = releases
        .branches()
        .into_iter()
        .filter_map(|b| releases.branch_start(b).map(|(t, exact)| (b, t, exact)))
        .collect();
    let required = minors
        .iter()
        .rposition(|(_, start, _)| now > *start + MINOR_WINDOW);
    if let Some(i) = required {
        let (branch, start, exact) = minors[i];
        if !is_offered(branch) {
            findings.push(Finding::new(
                id.clone(),
                Severity::Error,
                Some(branch.to_string()),
                format!(
                    "minor {branch} (released {}), due by {}, is not offered: roll out {} or \
                     newer (newest offered branch: {})",
                    day(start),
                    due_text(start + MINOR_WINDOW, exact),
                    target(&releases, branch, now),
                    newest_offered.map_or("none".to_owned(), |b| b.to_string())
                ),
            ));
        }
    }
    for &(branch, start, exact) in &minors[required.map_or(0, |i| i + 1)..] {
        if !is_offered(branch) {
            findings.push(Finding::new(
                id.clone(),
                Severity::Info,
                Some(branch.to_string()),
                format!(
                    "minor {branch} (released {}) is due by {}: roll out {} or newer",
                    day(start),
                    due_text(start + MINOR_WINDOW, exact),
                    target(&releases, branch, now)
                ),
            ));
        }
    }
    TestcaseResult::beyond_official(id, findings)
}

/// V2-6: every branch upstream supports at `now` (per the EOL table, plus released branches
/// newer than the table) is offered, from 4 months after its first release on.
pub fn supported_branches_offered(
    offered: &[K8sVersion],
    releases: &[Release],
    eol: &EolTable,
    now: DateTime<Utc>,
) -> TestcaseResult {
    let id = SUPPORTED_BRANCHES_OFFERED;
    if offered.is_empty() {
        return aborted(id, "no offered versions given");
    }
    if releases.is_empty() {
        return aborted(id, "no Kubernetes releases given");
    }
    if eol.entries.is_empty() {
        return aborted(id, "no EOL table given");
    }
    let mut findings = Vec::new();
    let (table, releases) = match read_table(eol, releases, &id, now, &mut findings) {
        Ok(read) => read,
        Err(aborted) => return aborted,
    };
    let offered_branches = offered_branches(offered);
    let newest_listed = table.map.keys().next_back().copied();
    let mut upstream: Vec<(K8sBranch, Option<String>)> = table
        .supported(now)
        .into_iter()
        .map(|b| (b, table.map.get(&b).map(|d| d.to_string())))
        .collect();
    for branch in releases.branches() {
        if newest_listed.map_or(true, |newest| branch > newest) {
            if let Some(newest) = newest_listed {
                findings.push(Finding::new(
                    id.clone(),
                    Severity::Warning,
                    Some(branch.to_string()),
                    newer_than_table(branch, newest),
                ));
            }
            upstream.push((branch, None));
        }
    }
    for (branch, until) in upstream {
        if offered_branches.contains(&branch) {
            continue;
        }
        // Not released yet (a future branch already in the table): nothing to offer.
        let Some((start, exact)) = releases.branch_start(branch) else {
            continue;
        };
        let due = start + MINOR_WINDOW;
        let support = match &until {
            Some(until) => format!("supported upstream until {until}"),
            None => "supported upstream".to_owned(),
        };
        let overdue = now > due;
        findings.push(Finding::new(
            id.clone(),
            if overdue {
                Severity::Error
            } else {
                Severity::Info
            },
            Some(branch.to_string()),
            format!(
                "branch {branch} is {support} but not offered{}: roll out {}, due by {}",
                if overdue { "" } else { " yet" },
                target(&releases, branch, now),
                due_text(due, exact)
            ),
        ));
    }
    TestcaseResult::beyond_official(id, findings)
}

/// V2-7 (RECOMMENDED): no offered version is on a branch past its end of life; a warning per
/// offered version that is (a branch missing from the table but older than its newest branch
/// counts as past its end of life).
pub fn no_eol_branch_offered(
    offered: &[K8sVersion],
    releases: &[Release],
    eol: &EolTable,
    now: DateTime<Utc>,
) -> TestcaseResult {
    let id = NO_EOL_BRANCH_OFFERED;
    if offered.is_empty() {
        return aborted(id, "no offered versions given");
    }
    if eol.entries.is_empty() {
        return aborted(id, "no EOL table given");
    }
    let mut findings = Vec::new();
    let (table, releases) = match read_table(eol, releases, &id, now, &mut findings) {
        Ok(read) => read,
        Err(aborted) => return aborted,
    };
    let mut seen: Vec<&K8sVersion> = Vec::new();
    for version in offered {
        if seen.contains(&version) {
            continue;
        }
        seen.push(version);
        let branch = version.branch();
        let status = table.status(branch, now);
        let message = match status {
            BranchStatus::NewerThanTable(newest) => {
                Some((Severity::Warning, newer_than_table(branch, newest)))
            }
            _ => {
                let target = upgrade_target(&table, &releases, now);
                eol_message(status, branch, "stop offering it and roll out ", &target)
                    .map(|m| (Severity::Warning, m))
            }
        };
        if let Some((severity, message)) = message {
            findings.push(Finding::new(
                id.clone(),
                severity,
                Some(version.to_string()),
                message,
            ));
        }
    }
    TestcaseResult::beyond_official(id, findings)
}

/// A missing input of a check beyond the official suite (official outcome ABORT).
/// Reads the EOL table and the releases of a check that needs both: the findings of reading
/// them, of the releases published after `now` (which do not count) and of the table's sanity
/// go to `findings`; a table without a usable entry aborts the check.
fn read_table(
    eol: &EolTable,
    releases: &[Release],
    id: &TestcaseId,
    now: DateTime<Utc>,
    findings: &mut Vec<Finding>,
) -> Result<(Eol, Releases), TestcaseResult> {
    let table = Eol::read(eol, id, findings);
    if table.map.is_empty() {
        return Err(aborted(id.clone(), "the EOL table has no usable entry"));
    }
    let mut releases = Releases::read(releases, id, findings);
    findings.extend(future_releases(id, &releases.take_future(now)));
    findings.extend(table.sanity(now, id));
    Ok((table, releases))
}

fn aborted(id: TestcaseId, reason: &str) -> TestcaseResult {
    TestcaseResult::aborted(id, reason, crate::report::Outcome::Abort)
}
