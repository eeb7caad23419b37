//! scs-0210 v2 (text revision 2026-06-16): Kubernetes version policy.
//!
//! Standard: <https://docs.scs.community/standards/scs-0210-v2-k8s-version-policy>; the
//! official testcase is `version-policy-check` of the `SCS-compatible KaaS` scope, implemented
//! by `Tests/kaas/scs_0210_version_policy/k8s_version_policy.py`.
//!
//! What is covered:
//!
//! - [`K8sVersion`], [`K8sBranch`] and [`VersionRange`]: Kubernetes versions on top of the
//!   `semver` crate, with pre-releases (`v1.31.0-rc.1`) and vendor builds
//!   (`v1.30.2-eks-1234567`, `v1.30.2-gke.1000`; `+k3s1` build metadata is ignored).
//! - The input models ([`Release`], [`EolTable`] with the built-in [`EOL_SNAPSHOT`],
//!   [`CveRecord`], [`CveFeed`]) and [`critical_ranges`], the critical affected ranges of CVE
//!   records.
//! - [`version_policy_check`] / [`version_policy_verdict`]: the testcase
//!   `version-policy-check` for one cluster, with the outcome per the standard text, the
//!   official suite's outcome, findings that name the release to roll out and its deadline,
//!   and the next moment the verdict changes. [`official`] reproduces each step of the official
//!   script, including where it aborts.
//! - Beyond the official suite (ids `scs-validators:scs-0210-…`), over the set of versions a
//!   provider offers: [`latest_minor_offered`] (V2-1), [`supported_branches_offered`] (V2-6),
//!   [`no_eol_branch_offered`] (V2-7, a recommendation: warnings only).
//!
//! # The rules
//!
//! A cluster passes `version-policy-check` when
//!
//! 1. its branch is supported: listed in the EOL table with an end of life after `now` (the
//!    end of life is 00:00 UTC of its day), or newer than every listed branch;
//! 2. no newer patch of its branch is more than 31 days old ("1 month", V2-2);
//! 3. if its version lies in an affected range of a critical CVE (CVSS base score of at least
//!    8 in any CVSS member of the CNA metrics), no newer patch of its branch *that lies outside
//!    all those ranges* is more than 14 days old (V2-3); after 2 days such a patch gets a
//!    warning (V2-4, RECOMMENDED).
//!
//! All windows are strict: a patch published at `t` is overdue from just after `t + 31 days`.
//! Every finding about the cluster names the release to roll out and the day it was or is due
//! (`patch 1.28.6 published 2024-01-17, due by 2024-02-17`); pending deadlines are infos. A
//! release published after `now` is not available yet: no deadline runs for it and no upgrade
//! targets it (an info names it; its deadline still counts for the next change of the verdict).
//! Times are UTC (the official suite uses the host's local time, Q-210-9).
//!
//! A cluster on a branch past its end of life fails, as in the official suite. The finding
//! names the end of life (the deadline) and the upgrade: the newest release of the newest
//! supported branch, and the least upgrade, the newest release of the oldest supported branch
//! with that branch's end of life (`branch 1.26 reached its end of life on 2024-02-28: roll
//! out 1.29.2 of the newest supported branch 1.29 (or at least 1.27.11 of branch 1.27,
//! supported until 2024-06-28), due by 2024-02-28`). The text only
//! RECOMMENDS not to offer such versions (V2-7), but it also requires every supported version
//! to be kept patched, and the digest lists this reading as ambiguous (its item 12.6), so the
//! standard verdict follows the official suite here; the provider-level
//! [`no_eol_branch_offered`] reports the recommendation as warnings.
//!
//! # Divergences from the official suite
//!
//! | data | standard (this crate) | official suite | digest |
//! | --- | --- | --- | --- |
//! | cluster version with a vendor suffix (`v1.30.2-eks-1234567`, `v1.30.2-gke.1000`) | checked as 1.30.2 | ABORT | Q-210-5 |
//! | cluster version that is a pre-release (`v1.31.0-rc.1`) | checked; older than 1.31.0, so the final release is a newer patch | ABORT | Q-210-5 |
//! | cluster branch newer than every branch of the EOL table (1.37 with the snapshot) | supported, with a warning that the table is out of date | FAIL ("already EOL") | Q-210-3 |
//! | EOL table with fewer than two supported branches | applied as it is, with a warning | ABORT | Q-210-4 |
//! | newer patch that is itself in every critical range holding the cluster's version | no CVE window (it fixes nothing); the 31-day window still applies | 2/14-day CVE window | Q-210-2 |
//! | release tagged as a pre-release (`v1.29.5-rc.0`) but not flagged `prerelease` | ignored | taken as the final 1.29.5 | Q-210-6 |
//! | release without `draft` or `prerelease`; `published_at` with fractions or an offset | `draft` missing: published; `prerelease` missing: the tag decides; the timestamp read as RFC 3339; a warning each | ABORT | Q-210-13 |
//! | more than 100 releases | all are read | the first 100 only | Q-210-14 |
//! | CVSS member without a numeric `baseScore`, or not an object | not counted, warning | ABORT (unless an earlier member already was critical) | 1.8 |
//! | critical range `lessThan: "*"` | no upper bound, warning | ABORT | 1.8 |
//! | critical range with the upper bound below the lower one; unparsable bound; `null` bound | ignored, warning | ABORT | 1.8 |
//! | critical range `version: "1.2.x"` | the branch `[1.2.0, 1.3.0)`, warning | empty range | Q-210-7 |
//! | critical range `"1.2.3 - 1.2.5"` (spaces optional) | `[1.2.3, 1.2.5]`, warning | `[1.2.3, 1.2.5)` (without spaces: nothing) | Q-210-7 |
//! | critical range `1.2.x` with `lessThan` | from 1.2.0 | from 0.0.0 | 1.8 |
//! | critical range `version: "1.2.3-rc.1"` | that pre-release alone | 0.0.0 alone (nothing) | 1.8 |
//! | critical range without `version` | from 0.0.0 (a bound is needed), warning | ABORT | 1.8 |
//! | critical record: `affected` entry without `product`, version entry without `status`, Kubernetes entry without `versions` | ignored, warning | ABORT | 1.8 |
//! | CVE record with `containers`, `cna` or `metrics` `null` | ignored, warning | ABORT | 1.8 |
//! | CVE record without CNA `metrics` or `affected` | ignored, warning | skipped silently (same verdict) | Q-210-10/11 |
//! | CVE feed id without a record | warning | ABORT (a failed download) | Q-210-10 |
//! | unparsable EOL table entry | ignored, warning | ABORT | 1.4 |
//! | no cluster version, no releases, empty EOL table | ABORT (input missing) | PASS with no releases; ABORT otherwise | — |
//! | [`K8sBranch::previous`] at minor 0 | `None` | the branch itself (unused by the check) | Q-210-8 |
//!
//! Each divergence is pinned by a test, and wherever the two outcomes differ a warning finding
//! says what the official suite reports and why. Not reproduced in the official reading:
//! Python's `int()` accepting negative numbers and non-ASCII digits (see [`official`]).
//!
//! ```
//! use chrono::{TimeZone, Utc};
//! use scs_validators::k8s_version_policy::{version_policy_check, EolTable, PolicyData, Release};
//! use scs_validators::report::Outcome;
//!
//! let releases = [
//!     Release::new("v1.30.3", "2024-07-16T10:00:00Z"),
//!     Release::new("v1.30.2", "2024-06-11T10:00:00Z"),
//! ];
//! let eol = EolTable::snapshot();
//! let data = PolicyData { releases: &releases, cves: &[], cve_feed: None, eol: &eol };
//! let now = Utc.with_ymd_and_hms(2024, 9, 1, 0, 0, 0).unwrap();
//! let result = version_policy_check("v1.30.2-eks-1234567", &data, now);
//! assert_eq!(result.outcome(), Outcome::Fail);
//! assert_eq!(result.official(), Outcome::Abort);
//! assert!(result.findings().iter().any(|f| f.message
//!     == "patch 1.30.3 published 2024-07-16, due by 2024-08-16, is not rolled out \
//!         (patches are due within 31 days)"));
//! ```

mod check;
mod cve;
mod data;
pub mod official;
mod provider;
mod reading;
mod version;

use crate::report::TestcaseId;

pub use check::{
    version_policy_check, version_policy_verdict, ClusterVersion, PolicyData, PolicyVerdict,
};
pub use cve::{critical_ranges, CriticalRange, CriticalRanges};
pub use data::{
    BaseScore, CnaContainer, CveAffected, CveContainers, CveFeed, CveFeedItem, CveMetadata,
    CveMetric, CveRecord, CveVersion, EolEntry, EolTable, JsonField, JsonKind, MetricValue,
    Release, EOL_SNAPSHOT, EOL_SNAPSHOT_DATE, EOL_SNAPSHOT_SOURCE,
};
pub use provider::{
    latest_minor_offered, no_eol_branch_offered, offered_versions_checks,
    supported_branches_offered, LATEST_MINOR_OFFERED, MINOR_WINDOW, NO_EOL_BRANCH_OFFERED,
    SUPPORTED_BRANCHES_OFFERED,
};
pub use version::{
    K8sBranch, K8sVersion, RangeError, UpperBound, VersionError, VersionErrorKind, VersionRange,
};

/// `version-policy-check` (official id, without the `scs-0210-` prefix): the cluster runs a
/// supported branch and its branch's recent patches and critical CVE fixes.
pub const VERSION_POLICY_CHECK: TestcaseId = TestcaseId::from_static("version-policy-check");

/// How many releases the official suite reads (the first page of GitHub's list).
pub const OFFICIAL_RELEASE_PAGE: usize = 100;
