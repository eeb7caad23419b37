//! The standard reading of the release list and the EOL table, shared by the checks.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::data::{EolTable, JsonField, Release};
use super::official::{self, midnight};
use super::version::{K8sBranch, K8sVersion};
use crate::report::{Finding, Severity, TestcaseId};

/// A published final release.
#[derive(Clone, Debug)]
pub(crate) struct Final {
    /// The upstream version (a vendor-suffixed tag such as `v1.29.3-dev0` is 1.29.3).
    pub version: K8sVersion,
    pub published: DateTime<Utc>,
}

/// The final releases (drafts, flagged pre-releases and pre-release tags dropped), sorted by
/// version; a version published twice keeps its first publication.
pub(crate) struct Releases {
    pub finals: Vec<Final>,
    /// Tags with a pre-release suffix that GitHub does not flag (the official suite takes them
    /// for the final version): (tag, version).
    pub unflagged_pre: Vec<(String, K8sVersion)>,
}

impl Releases {
    pub(crate) fn read(releases: &[Release], id: &TestcaseId, findings: &mut Vec<Finding>) -> Self {
        let mut finals: Vec<Final> = Vec::with_capacity(releases.len());
        let mut unflagged_pre = Vec::new();
        for (index, release) in releases.iter().enumerate() {
            let label = release.label(index);
            let mut warn = |message: String| {
                findings.push(Finding::new(
                    id.clone(),
                    Severity::Warning,
                    Some(label.clone()),
                    message,
                ));
            };
            match release.draft {
                JsonField::Value(true) => continue,
                JsonField::Missing => warn("no `draft`: taken as published".to_owned()),
                _ => {}
            }
            match release.prerelease {
                JsonField::Value(true) => continue,
                JsonField::Missing => {
                    warn("no `prerelease`: the tag decides whether it is one".to_owned())
                }
                _ => {}
            }
            let Some(tag) = &release.tag_name else {
                warn("no `tag_name`: ignored".to_owned());
                continue;
            };
            let version = match tag.parse::<K8sVersion>() {
                Ok(version) => version,
                Err(e) => {
                    warn(format!("`tag_name`: {e}: ignored"));
                    continue;
                }
            };
            if version.is_prerelease() {
                unflagged_pre.push((tag.clone(), version));
                continue;
            }
            let Some(text) = &release.published_at else {
                warn("no `published_at`: ignored".to_owned());
                continue;
            };
            let published = match official::parse_timestamp(text) {
                Some(published) => published,
                None => match DateTime::parse_from_rfc3339(text.trim()) {
                    Ok(published) => {
                        warn(format!(
                            "`published_at` `{text}` is not YYYY-MM-DDTHH:MM:SSZ: read as RFC 3339"
                        ));
                        published.with_timezone(&Utc)
                    }
                    Err(_) => {
                        warn(format!(
                            "`published_at` `{text}` is not a timestamp: ignored"
                        ));
                        continue;
                    }
                },
            };
            finals.push(Final {
                version: version.upstream(),
                published,
            });
        }
        finals.sort_by(|a, b| {
            a.version
                .cmp(&b.version)
                .then(a.published.cmp(&b.published))
        });
        finals.dedup_by(|later, first| later.version == first.version);
        Releases {
            finals,
            unflagged_pre,
        }
    }

    /// Removes the releases published after `now` and returns them, oldest version first: they
    /// are not available yet, so no deadline runs for them and no upgrade targets them.
    pub(crate) fn take_future(&mut self, now: DateTime<Utc>) -> Vec<Final> {
        let (future, available) = std::mem::take(&mut self.finals)
            .into_iter()
            .partition(|r| r.published > now);
        self.finals = available;
        future
    }

    /// The releases of `branch` newer than `version`, oldest version first.
    pub(crate) fn newer_in_branch<'a>(
        &'a self,
        version: &'a K8sVersion,
    ) -> impl Iterator<Item = &'a Final> + 'a {
        let branch = version.branch();
        self.finals.iter().filter(move |r| {
            r.version.branch() == branch && r.version.upstream_cmp(version).is_gt()
        })
    }

    /// The newest final release of `branch` published by `now`.
    pub(crate) fn latest_of(&self, branch: K8sBranch, now: DateTime<Utc>) -> Option<&Final> {
        self.finals
            .iter()
            .rev()
            .find(|r| r.version.branch() == branch && r.published <= now)
    }

    /// The first publication of a release of `branch` or a newer one; the `.0` release of the
    /// branch when the list reaches back that far.
    pub(crate) fn branch_start(&self, branch: K8sBranch) -> Option<(DateTime<Utc>, bool)> {
        let exact = self
            .finals
            .iter()
            .find(|r| r.version == branch.first_version())
            .map(|r| (r.published, true));
        exact.or_else(|| {
            self.finals
                .iter()
                .filter(|r| r.version.branch() >= branch)
                .map(|r| r.published)
                .min()
                .map(|t| (t, false))
        })
    }

    /// The branches with a final release, oldest first.
    pub(crate) fn branches(&self) -> Vec<K8sBranch> {
        let mut branches: Vec<K8sBranch> = self.finals.iter().map(|r| r.version.branch()).collect();
        branches.dedup();
        branches
    }
}

/// Where a branch stands in the EOL table at some moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum BranchStatus {
    /// Listed, supported until the end of life (00:00 UTC of that day).
    Supported(NaiveDate),
    /// Newer than every listed branch: supported, the table is out of date.
    NewerThanTable(K8sBranch),
    /// Listed, past its end of life.
    Eol(NaiveDate),
    /// Not listed and older than the newest listed branch: counted as end of life; the end of
    /// life of the next newer listed branch bounds its own.
    Unlisted(K8sBranch, NaiveDate),
}

/// The EOL table as the standard reads it: unparsable entries are ignored with a warning,
/// later entries for a branch win.
pub(crate) struct Eol {
    pub map: BTreeMap<K8sBranch, NaiveDate>,
}

impl Eol {
    pub(crate) fn read(table: &EolTable, id: &TestcaseId, findings: &mut Vec<Finding>) -> Self {
        let mut map = BTreeMap::new();
        for (index, entry) in table.entries.iter().enumerate() {
            let branch = entry.branch.parse::<K8sBranch>();
            let eol = official::parse_date(&entry.end_of_life);
            match (branch, eol) {
                (Ok(branch), Some(eol)) => {
                    map.insert(branch, eol);
                }
                (Err(e), _) => findings.push(Finding::new(
                    id.clone(),
                    Severity::Warning,
                    Some("EOL table".into()),
                    format!("entry #{index}: {e}: ignored"),
                )),
                (_, None) => findings.push(Finding::new(
                    id.clone(),
                    Severity::Warning,
                    Some("EOL table".into()),
                    format!(
                        "entry #{index}: end-of-life `{}` of branch `{}` is not YYYY-MM-DD: ignored",
                        entry.end_of_life, entry.branch
                    ),
                )),
            }
        }
        Eol { map }
    }

    pub(crate) fn status(&self, branch: K8sBranch, now: DateTime<Utc>) -> BranchStatus {
        if let Some(eol) = self.map.get(&branch) {
            return if now < midnight(*eol) {
                BranchStatus::Supported(*eol)
            } else {
                BranchStatus::Eol(*eol)
            };
        }
        match self.map.range(branch..).next() {
            Some((_, bound)) => BranchStatus::Unlisted(branch, *bound),
            None => {
                BranchStatus::NewerThanTable(self.map.keys().next_back().copied().unwrap_or(branch))
            }
        }
    }

    /// The listed branches supported at `now`, oldest first.
    pub(crate) fn supported(&self, now: DateTime<Utc>) -> Vec<K8sBranch> {
        self.map
            .iter()
            .filter(|(_, eol)| now < midnight(**eol))
            .map(|(branch, _)| *branch)
            .collect()
    }

    /// The warning about a table with fewer than three supported branches.
    pub(crate) fn sanity(&self, now: DateTime<Utc>, id: &TestcaseId) -> Option<Finding> {
        let supported = self.supported(now);
        if supported.len() >= 3 {
            return None;
        }
        let list: Vec<String> = supported.iter().map(K8sBranch::to_string).collect();
        Some(Finding::new(
            id.clone(),
            Severity::Warning,
            Some("EOL table".into()),
            format!(
                "only {} branch{} supported on {} ({}): the table is out of date",
                supported.len(),
                if supported.len() == 1 {
                    " is"
                } else {
                    "es are"
                },
                now.format("%Y-%m-%d"),
                if list.is_empty() {
                    "none".to_owned()
                } else {
                    list.join(", ")
                }
            ),
        ))
    }
}

/// `t` as `YYYY-MM-DDTHH:MM:SSZ`.
pub(crate) fn instant(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// The info about releases published after `now`, which the checks do not count; `None` when
/// there are none.
pub(crate) fn future_releases(id: &TestcaseId, future: &[Final]) -> Option<Finding> {
    if future.is_empty() {
        return None;
    }
    let list: Vec<String> = future
        .iter()
        .map(|r| format!("{} ({})", r.version, instant(r.published)))
        .collect();
    Some(Finding::new(
        id.clone(),
        Severity::Info,
        Some("releases".into()),
        format!(
            "published after the time of the check, so not counted as available: {}",
            list.join(", ")
        ),
    ))
}

/// `date` as `YYYY-MM-DD`.
pub(crate) fn day(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%d").to_string()
}

/// The first moment after the strict deadline `t` (`now > t` fails).
pub(crate) fn just_after(t: DateTime<Utc>) -> DateTime<Utc> {
    t + Duration::nanoseconds(1)
}
