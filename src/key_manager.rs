//! scs-0116 v1: key manager.
//!
//! Standard: <https://docs.scs.community/standards/scs-0116-v1-key-manager-standard> and its
//! supplement w1 (implementation and testing notes).
//!
//! What is covered:
//!
//! - [`presence`] (`scs-0116-presence`, recommended): the catalog offers a service of type
//!   `key-manager` (the standard: CSPs SHOULD offer the Key Manager API);
//! - [`permissions`] (`scs-0116-permissions`): where a key manager is offered, a user with the
//!   identity role `member` may create, list and delete secrets (the standard: without secure
//!   RBAC, the policies MUST map `member` to Barbican's `creator`). The I/O is done by a probe
//!   tool; its observations are a [`KeyManagerProbe`] record;
//! - [`preflight`]: the official suite's check of the token's roles before any testcase, and
//!   [`apply_preflight`], which turns its verdict into the official outcome of every result.
//!
//! Not automatable, so not covered: keys stored encrypted, the master KEK kept apart from the
//! keys and not in plain text on the key manager's host.
//!
//! # Divergences from the official suite
//!
//! | input | standard (this crate) | official suite | why |
//! | --- | --- | --- | --- |
//! | a token with `admin` or `manager`, or without `member` (any testcase of any module, through [`apply_preflight`]) | per the data (permissions with a key manager: ABORT, a probe as a plain member is needed) | ABORT | the role check is the official suite's safeguard, not a rule of a standard |
//! | no `key-manager` service, token with `admin` or `manager` or without `member` | permissions PASS | ABORT | the rule only applies where a key manager is offered; the official suite checks the roles first |
//! | the secret just created does not show in the listing | permissions FAIL | ABORT | its cleanup step indexes the empty search result and crashes |
//! | listing the secrets is forbidden after creating one worked | permissions FAIL | ABORT | its cleanup step refers to a search result that was never assigned |
//! | a step fails with another error than "forbidden" (HTTP 5xx, 404, timeout) | permissions FAIL | ABORT | the member could not use the key manager; the official suite only catches "forbidden" |
//!
//! Each divergence is pinned by a test in `tests/key_manager.rs`, and wherever the two outcomes
//! differ a warning finding says why.
//!
//! Beyond the official suite, [`permissions`] warns when the token holds Barbican's own
//! `creator` role (which lets the probe succeed whatever the `member` mapping), and
//! [`presence`] warns about a `key-manager` service without an endpoint URL and about a service
//! whose type differs from `key-manager` only in case.

use std::fmt;

use thiserror::Error;

use crate::input::catalog::CatalogService;
use crate::input::probes::{KeyManagerProbe, ProbeStepKind, StepOutcome};
use crate::report::{Finding, Outcome, Report, Severity, TestcaseId, TestcaseResult};

/// `scs-0116-presence`: the catalog offers a service of type `key-manager`.
pub const PRESENCE: TestcaseId = TestcaseId::from_static("scs-0116-presence");
/// `scs-0116-permissions`: a `member` may create, list and delete secrets.
pub const PERMISSIONS: TestcaseId = TestcaseId::from_static("scs-0116-permissions");

/// The service type of the Key Manager API.
pub const KEY_MANAGER_TYPE: &str = "key-manager";
/// The roles that make the official suite refuse to run: `admin` and `manager`.
pub const ELEVATED_ROLES: [&str; 2] = ["admin", "manager"];
/// The role the official suite needs: `member`.
pub const MEMBER_ROLE: &str = "member";
/// Barbican's own role for creating secrets.
pub const CREATOR_ROLE: &str = "creator";

/// Why the official suite's pre-flight check refuses a token.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum PreflightError {
    /// No role names were given.
    #[error("no role names were given")]
    NoRoles,
    /// The token has `admin` or `manager`.
    #[error("the token has the elevated role(s) {}", Quoted(.roles))]
    Elevated {
        /// The elevated roles found, in the order of [`ELEVATED_ROLES`].
        roles: Vec<String>,
    },
    /// The token lacks `member`.
    #[error("the token lacks the role `member` (it has {})", Quoted(.roles))]
    MissingMember {
        /// The roles the token has.
        roles: Vec<String>,
    },
}

/// Role names as `` `a`, `b` ``.
struct Quoted<'a>(&'a [String]);

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, name) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "`{name}`")?;
        }
        Ok(())
    }
}

/// The official suite's pre-flight check over the token's role names: it refuses a token with
/// `admin` or `manager`, or without `member`, and then reports every requested testcase as
/// ABORT. Names are compared exactly.
///
/// # Errors
///
/// The reason the official suite refuses the token; [`PreflightError::NoRoles`] for an empty
/// list.
///
/// ```
/// use scs_validators::key_manager::{preflight, PreflightError};
/// assert_eq!(preflight(&["member", "reader"]), Ok(()));
/// let err = preflight(&["member", "admin"]).unwrap_err();
/// assert_eq!(err.to_string(), "the token has the elevated role(s) `admin`");
/// assert!(matches!(preflight(&["reader"]), Err(PreflightError::MissingMember { .. })));
/// ```
pub fn preflight<S: AsRef<str>>(role_names: &[S]) -> Result<(), PreflightError> {
    if role_names.is_empty() {
        return Err(PreflightError::NoRoles);
    }
    let has = |role: &str| role_names.iter().any(|r| r.as_ref() == role);
    let elevated: Vec<String> = ELEVATED_ROLES
        .iter()
        .filter(|r| has(r))
        .map(|r| (*r).to_owned())
        .collect();
    if !elevated.is_empty() {
        return Err(PreflightError::Elevated { roles: elevated });
    }
    if !has(MEMBER_ROLE) {
        return Err(PreflightError::MissingMember {
            roles: role_names.iter().map(|r| r.as_ref().to_owned()).collect(),
        });
    }
    Ok(())
}

/// Applies the official pre-flight check to a report of any module: when [`preflight`] refuses
/// the roles, every result's official outcome becomes ABORT, with a warning finding where the
/// outcome per the standard differs. When the roles pass, the report is left as it is.
///
/// A result whose own outcome is ABORT keeps its outcome and its first error finding (the
/// reason); results built by this crate carry only that one finding.
///
/// ```
/// use scs_validators::key_manager::apply_preflight;
/// use scs_validators::report::Outcome;
/// use scs_validators::services::{self, Version};
/// use scs_validators::input::catalog::{CatalogService, Endpoint};
/// let catalog = [CatalogService::new("compute").with_endpoint(Endpoint::public("https://c/"))];
/// let mut report = services::check(&catalog, Version::V2, None);
/// apply_preflight(&mut report, &["member", "admin"]);
/// let compute = report.get("scs-0123-service-compute").unwrap();
/// assert_eq!((compute.outcome(), compute.official()), (Outcome::Pass, Outcome::Abort));
/// ```
pub fn apply_preflight<S: AsRef<str>>(report: &mut Report, role_names: &[S]) {
    let Err(err) = preflight(role_names) else {
        return;
    };
    for result in &mut report.results {
        if result.official() == Outcome::Abort {
            continue;
        }
        let id = result.id().clone();
        *result = if result.outcome() == Outcome::Abort {
            let reason = result
                .findings()
                .iter()
                .find(|f| f.severity == Severity::Error)
                .map(|f| f.message.clone())
                .unwrap_or_default();
            TestcaseResult::aborted(id, reason, Outcome::Abort)
        } else {
            let mut findings = result.findings().to_vec();
            findings.push(Finding::new(
                id.clone(),
                Severity::Warning,
                None,
                format!("the official suite reports every testcase as ABORT: {err}"),
            ));
            TestcaseResult::from_findings(id, findings, Outcome::Abort)
        };
    }
}

fn key_managers(catalog: &[CatalogService]) -> impl Iterator<Item = &CatalogService> {
    catalog
        .iter()
        .filter(|s| s.service_type == KEY_MANAGER_TYPE)
}

const NO_CATALOG: &str = "no service catalog was given (the list of services is empty)";

/// `scs-0116-presence`: the catalog holds a service of type exactly `key-manager`.
///
/// Fails without one. Warns about a `key-manager` service without an endpoint URL and about
/// services whose type is `key-manager` in another case. ABORT for an empty catalog (not
/// given). The official outcome assumes the pre-flight check passes (see [`apply_preflight`]).
pub fn presence(catalog: &[CatalogService]) -> TestcaseResult {
    let id = PRESENCE;
    if catalog.is_empty() {
        return TestcaseResult::aborted(id, NO_CATALOG, Outcome::Abort);
    }
    let mut findings = Vec::new();
    let found: Vec<&CatalogService> = key_managers(catalog).collect();
    for s in catalog.iter().filter(|s| {
        s.service_type != KEY_MANAGER_TYPE && s.service_type.eq_ignore_ascii_case(KEY_MANAGER_TYPE)
    }) {
        findings.push(Finding::new(
            id.clone(),
            Severity::Warning,
            Some(s.label().to_owned()),
            format!(
                "service type `{}` is not `key-manager`: service types are case-sensitive",
                s.service_type
            ),
        ));
    }
    if found.is_empty() {
        findings.push(Finding::new(
            id.clone(),
            Severity::Error,
            None,
            "no service of type `key-manager` in the catalog; scs-0116 recommends offering the \
             Key Manager API",
        ));
        return TestcaseResult::from_findings(id, findings, Outcome::Fail);
    }
    if !found.iter().any(|s| s.has_endpoint()) {
        for s in &found {
            findings.push(Finding::new(
                id.clone(),
                Severity::Warning,
                Some(s.label().to_owned()),
                "the `key-manager` service lists no endpoint URL, so clients cannot reach it",
            ));
        }
    }
    TestcaseResult::from_findings(id, findings, Outcome::Pass)
}

/// `scs-0116-permissions`: where the catalog offers a key manager, the probe, run as a user
/// with `member` and without `admin` or `manager`, could create, list and delete a secret.
///
/// - No `key-manager` service: PASS (the rule applies only where a key manager is offered).
/// - Roles refused by [`preflight`], or no probe record: ABORT (a probe as a plain member is
///   needed).
/// - A probe step forbidden, failed, or the new secret missing from the listing: FAIL, naming
///   the step.
///
/// ABORT for an empty catalog (not given).
///
/// ```
/// use scs_validators::input::catalog::{CatalogService, Endpoint};
/// use scs_validators::input::probes::{KeyManagerProbe, StepOutcome};
/// use scs_validators::key_manager::permissions;
/// use scs_validators::report::Outcome;
/// let catalog = [CatalogService::new("key-manager")
///     .with_name("barbican")
///     .with_endpoint(Endpoint::public("https://barbican.example.com"))];
/// let probe = KeyManagerProbe { create: Some(StepOutcome::Forbidden.into()), ..Default::default() };
/// let r = permissions(&catalog, &["member"], Some(&probe));
/// assert_eq!((r.outcome(), r.official()), (Outcome::Fail, Outcome::Fail));
/// ```
pub fn permissions<S: AsRef<str>>(
    catalog: &[CatalogService],
    role_names: &[S],
    probe: Option<&KeyManagerProbe>,
) -> TestcaseResult {
    let id = PERMISSIONS;
    if catalog.is_empty() {
        return TestcaseResult::aborted(id, NO_CATALOG, Outcome::Abort);
    }
    let roles = preflight(role_names);
    if key_managers(catalog).next().is_none() {
        let mut findings = vec![Finding::new(
            id.clone(),
            Severity::Info,
            None,
            "no service of type `key-manager` in the catalog: the policy rule applies only \
             where a key manager is offered",
        )];
        let official = match &roles {
            Ok(()) => Outcome::Pass,
            Err(err) => {
                findings.push(Finding::new(
                    id.clone(),
                    Severity::Warning,
                    None,
                    format!("the official suite checks the roles first and reports ABORT: {err}"),
                ));
                Outcome::Abort
            }
        };
        return TestcaseResult::from_findings(id, findings, official);
    }
    if let Err(err) = roles {
        return TestcaseResult::aborted(
            id,
            format!(
                "the probe must run as a user with `member` and without `admin` or `manager`, \
                 but {err}"
            ),
            Outcome::Abort,
        );
    }
    let Some(probe) = probe else {
        return TestcaseResult::aborted(
            id,
            "the catalog offers a key manager, but no key-manager probe record was given",
            Outcome::Abort,
        );
    };
    let mut findings = Vec::new();
    if role_names.iter().any(|r| r.as_ref() == CREATOR_ROLE) {
        findings.push(Finding::new(
            id.clone(),
            Severity::Warning,
            None,
            "the token also has Barbican's role `creator`, which allows creating secrets by \
             itself: the probe does not show what `member` alone may do",
        ));
    }
    let Some((step, observed)) = probe.first_failure() else {
        if let Some((missing, _)) = probe
            .steps()
            .into_iter()
            .find(|(kind, s)| *kind != ProbeStepKind::Cleanup && s.is_none())
        {
            return TestcaseResult::aborted(
                id,
                format!(
                    "the key-manager probe record has no `{missing}` step and no failure \
                     before it: the probe is incomplete"
                ),
                Outcome::Abort,
            );
        }
        return TestcaseResult::from_findings(id, findings, Outcome::Pass);
    };
    let detail = observed
        .detail
        .as_deref()
        .map(|d| format!(": `{d}`"))
        .unwrap_or_default();
    let action = match step {
        ProbeStepKind::Cleanup => "list or delete leftover test secrets",
        ProbeStepKind::Create => "create a secret",
        ProbeStepKind::List => "list secrets",
        ProbeStepKind::Delete => "delete a secret",
    };
    let message = match (step, observed.outcome) {
        (_, StepOutcome::Forbidden) => {
            format!("a `member` may not {action} (forbidden){detail}")
        }
        (ProbeStepKind::List, StepOutcome::NotFound) => {
            format!("the secret the probe created does not show in the listing{detail}")
        }
        (_, outcome) => format!(
            "the probe could not {action} (`{outcome}`){detail}, so it cannot show that a \
             `member` may use the key manager"
        ),
    };
    findings.push(Finding::new(id.clone(), Severity::Error, None, message));
    let official = match (step, observed.outcome) {
        (ProbeStepKind::List, _) => {
            let why = if observed.outcome == StepOutcome::Forbidden {
                "after the forbidden listing its cleanup refers to a search result that was \
                 never assigned"
            } else if observed.outcome == StepOutcome::NotFound {
                "its cleanup takes the first secret of an empty search result"
            } else {
                "it only catches \"forbidden\" errors"
            };
            Some(why)
        }
        (_, StepOutcome::Forbidden) => None,
        _ => Some("it only catches \"forbidden\" errors"),
    };
    let official = match official {
        None => Outcome::Fail,
        Some(why) => {
            findings.push(Finding::new(
                id.clone(),
                Severity::Warning,
                None,
                format!("the official suite crashes here ({why}) and reports ABORT"),
            ));
            Outcome::Abort
        }
    };
    TestcaseResult::from_findings(id, findings, official)
}

/// Runs `scs-0116-presence` and `scs-0116-permissions`, then [`apply_preflight`] with the same
/// role names.
pub fn check<S: AsRef<str>>(
    catalog: &[CatalogService],
    role_names: &[S],
    probe: Option<&KeyManagerProbe>,
) -> Report {
    let mut report = Report {
        results: vec![presence(catalog), permissions(catalog, role_names, probe)],
    };
    apply_preflight(&mut report, role_names);
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preflight_messages() {
        assert_eq!(
            preflight(&["manager", "admin", "member"])
                .unwrap_err()
                .to_string(),
            "the token has the elevated role(s) `admin`, `manager`"
        );
        assert_eq!(
            preflight(&["reader", "creator"]).unwrap_err().to_string(),
            "the token lacks the role `member` (it has `reader`, `creator`)"
        );
        assert_eq!(preflight::<&str>(&[]).unwrap_err(), PreflightError::NoRoles);
        // Exact comparison, as the official suite does.
        assert!(preflight(&["Member"]).is_err());
        assert!(preflight(&["member", "Admin"]).is_ok());
    }
}
