//! Small records of what a probe observed on the cloud, for the checks that need more than a
//! listing: the token's role names (`roles.json`), the outcome of the key-manager secret probe
//! (`key_manager_probe.json`, scs-0116) and the outcome of the S3 probe (`s3_probe.json`,
//! scs-0123 v1).
//!
//! A probe tool does the I/O and writes these records; the checks only read them.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

/// The role names of the token the checks ran with (`roles.json`).
///
/// Deserializes from
///
/// - a list of names: `["member", "reader"]`;
/// - `{"roles": [...]}`, the list holding names or role objects with a `name` (Keystone:
///   `{"id": "…", "name": "member"}`), `Name` or `Role` key (`openstack role list -f json`,
///   `openstack role assignment list --names -f json`);
/// - a Keystone v3 token body: `{"token": {"roles": [...], …}}`.
///
/// Duplicates are kept out; the order of first appearance is kept.
///
/// ```
/// use scs_validators::input::probes::Roles;
/// let roles: Roles = serde_json::from_str(r#"["member", "reader"]"#)?;
/// assert_eq!(roles.names(), ["member", "reader"]);
/// let roles: Roles = serde_json::from_str(
///     r#"{"token": {"roles": [{"id": "9fe2ff9ee4384b1894a90878d3e92bab", "name": "member"}]}}"#,
/// )?;
/// assert!(roles.contains("member"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Roles(Vec<String>);

impl Roles {
    /// Role names, duplicates dropped.
    pub fn new<I, S>(names: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let mut out: Vec<String> = Vec::new();
        for name in names {
            let name = name.into();
            if !out.contains(&name) {
                out.push(name);
            }
        }
        Roles(out)
    }

    /// The role names.
    pub fn names(&self) -> &[String] {
        &self.0
    }

    /// Whether the token has the role `name` (exact comparison).
    pub fn contains(&self, name: &str) -> bool {
        self.0.iter().any(|n| n == name)
    }
}

impl<'de> Deserialize<'de> for Roles {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_any(RolesVisitor { depth: 0 })
            .map(Roles::new)
    }
}

struct RolesVisitor {
    /// 0: the top level; 1: inside `token`.
    depth: u8,
}

impl<'de> Visitor<'de> for RolesVisitor {
    type Value = Vec<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of role names, or an object with `roles` or `token`")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<String>, A::Error> {
        let mut out = Vec::new();
        while let Some(RoleName(name)) = seq.next_element::<RoleName>()? {
            out.push(name);
        }
        Ok(out)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Vec<String>, A::Error> {
        let mut found: Option<Vec<String>> = None;
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            match key.as_ref() {
                "roles" if found.is_none() => {
                    found = Some(map.next_value::<RoleList>()?.0);
                }
                "token" if self.depth == 0 && found.is_none() => {
                    found = Some(map.next_value::<TokenRoles>()?.0);
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        found.ok_or_else(|| de::Error::missing_field("roles"))
    }
}

struct RoleList(Vec<String>);

impl<'de> Deserialize<'de> for RoleList {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RoleList;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of roles")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RoleList, A::Error> {
                let mut out = Vec::new();
                while let Some(RoleName(name)) = seq.next_element::<RoleName>()? {
                    out.push(name);
                }
                Ok(RoleList(out))
            }
        }
        deserializer.deserialize_seq(V)
    }
}

struct TokenRoles(Vec<String>);

impl<'de> Deserialize<'de> for TokenRoles {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_map(RolesVisitor { depth: 1 })
            .map(TokenRoles)
    }
}

/// A role as a bare name or an object with `name`, `Name` or `Role`.
struct RoleName(String);

impl<'de> Deserialize<'de> for RoleName {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RoleName;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a role name or a role object with a `name`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RoleName, E> {
                Ok(RoleName(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<RoleName, E> {
                Ok(RoleName(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RoleName, A::Error> {
                let mut name = None;
                while let Some(key) = map.next_key::<Cow<'de, str>>()? {
                    match key.as_ref() {
                        "name" | "Name" | "Role" if name.is_none() => {
                            name = Some(map.next_value::<String>()?);
                        }
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                name.map(RoleName)
                    .ok_or_else(|| de::Error::missing_field("name"))
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// What one step of a probe observed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum StepOutcome {
    /// The step worked (for `list`: the listing worked and showed the created secret).
    Ok,
    /// The API refused the step for lack of permission (HTTP 403).
    Forbidden,
    /// For `list`: the listing worked but did not show the secret just created. For any other
    /// step: an HTTP 404, which counts as another error.
    NotFound,
    /// Any other error (HTTP 5xx, a timeout, no endpoint, …).
    Error,
}

impl fmt::Display for StepOutcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            StepOutcome::Ok => "ok",
            StepOutcome::Forbidden => "forbidden",
            StepOutcome::NotFound => "not_found",
            StepOutcome::Error => "error",
        })
    }
}

/// One step of the key-manager probe: its outcome and, optionally, the error text.
///
/// Deserializes from the bare outcome (`"forbidden"`) or an object
/// `{"outcome": "error", "detail": "500 Internal Server Error"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ProbeStep {
    /// What the step observed.
    pub outcome: StepOutcome,
    /// The error text or any other detail worth showing (optional).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

impl ProbeStep {
    /// A step with no detail.
    pub fn new(outcome: StepOutcome) -> Self {
        ProbeStep {
            outcome,
            detail: None,
        }
    }

    /// The same step with a detail text.
    #[must_use]
    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }
}

impl From<StepOutcome> for ProbeStep {
    fn from(outcome: StepOutcome) -> Self {
        ProbeStep::new(outcome)
    }
}

impl<'de> Deserialize<'de> for ProbeStep {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Bare(StepOutcome),
            Full(FullStep),
        }
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct FullStep {
            outcome: StepOutcome,
            #[serde(default)]
            detail: Option<String>,
        }
        let raw = Raw::deserialize(deserializer).map_err(|_| {
            de::Error::custom(
                "expected a step outcome (`ok`, `forbidden`, `not_found`, `error`) or \
                 `{\"outcome\": …, \"detail\": …}`",
            )
        })?;
        Ok(match raw {
            Raw::Bare(outcome) => ProbeStep::new(outcome),
            Raw::Full(FullStep { outcome, detail }) => ProbeStep { outcome, detail },
        })
    }
}

/// What the key-manager permission probe observed (`key_manager_probe.json`, scs-0116).
///
/// The probe runs as the user of `roles.json` and mirrors the official suite: it removes
/// leftover secrets named `scs-member-role-test-secret` (`cleanup`: list secrets, delete those),
/// creates one such secret (opaque, `text/plain`) (`create`), lists the secrets and looks for
/// it by name or id (`list`), and deletes it (`delete`). Each field records one step;
/// a step not attempted (because an earlier one failed) is left out.
///
/// | field | values |
/// | --- | --- |
/// | `cleanup` | optional; `ok`, `forbidden` or `error` |
/// | `create` | `ok`, `forbidden` or `error` |
/// | `list` | `ok` (the secret shows), `not_found` (it does not), `forbidden` or `error` |
/// | `delete` | `ok`, `forbidden` or `error` |
///
/// Each value is the bare outcome or `{"outcome": …, "detail": "…"}`. Unknown fields are
/// rejected, so that a misspelt step does not pass for "not attempted".
///
/// ```
/// use scs_validators::input::probes::{KeyManagerProbe, StepOutcome};
/// let ok: KeyManagerProbe = serde_json::from_str(
///     r#"{"cleanup": "ok", "create": "ok", "list": "ok", "delete": "ok"}"#,
/// )?;
/// assert_eq!(ok.first_failure(), None);
/// let refused: KeyManagerProbe = serde_json::from_str(
///     r#"{"create": {"outcome": "forbidden", "detail": "403 Forbidden: secret:post"}}"#,
/// )?;
/// let (step, observed) = refused.first_failure().unwrap();
/// assert_eq!(step.as_str(), "create");
/// assert_eq!(observed.outcome, StepOutcome::Forbidden);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyManagerProbe {
    /// Removing leftover test secrets (listing, then deleting each); optional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cleanup: Option<ProbeStep>,
    /// Creating the test secret.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub create: Option<ProbeStep>,
    /// Listing the secrets and finding the test secret.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list: Option<ProbeStep>,
    /// Deleting the test secret.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delete: Option<ProbeStep>,
}

/// A step of the key-manager probe, in the order the probe runs them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum ProbeStepKind {
    /// Removing leftover test secrets.
    Cleanup,
    /// Creating the test secret.
    Create,
    /// Listing the secrets and finding the test secret.
    List,
    /// Deleting the test secret.
    Delete,
}

impl ProbeStepKind {
    /// The field name: `cleanup`, `create`, `list` or `delete`.
    pub fn as_str(self) -> &'static str {
        match self {
            ProbeStepKind::Cleanup => "cleanup",
            ProbeStepKind::Create => "create",
            ProbeStepKind::List => "list",
            ProbeStepKind::Delete => "delete",
        }
    }
}

impl fmt::Display for ProbeStepKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl KeyManagerProbe {
    /// A probe where every step (including the cleanup) worked.
    pub fn all_ok() -> Self {
        KeyManagerProbe {
            cleanup: Some(StepOutcome::Ok.into()),
            create: Some(StepOutcome::Ok.into()),
            list: Some(StepOutcome::Ok.into()),
            delete: Some(StepOutcome::Ok.into()),
        }
    }

    /// The steps in order, each with what it observed (`None`: not attempted).
    pub fn steps(&self) -> [(ProbeStepKind, Option<&ProbeStep>); 4] {
        [
            (ProbeStepKind::Cleanup, self.cleanup.as_ref()),
            (ProbeStepKind::Create, self.create.as_ref()),
            (ProbeStepKind::List, self.list.as_ref()),
            (ProbeStepKind::Delete, self.delete.as_ref()),
        ]
    }

    /// The first step that did not work, if any.
    pub fn first_failure(&self) -> Option<(ProbeStepKind, &ProbeStep)> {
        self.steps()
            .into_iter()
            .find_map(|(kind, step)| match step {
                Some(s) if s.outcome != StepOutcome::Ok => Some((kind, s)),
                _ => None,
            })
    }
}

/// How the S3 probe's bucket listing ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum S3Outcome {
    /// The listing raised an error; its text is in [`S3Probe::error`]. The normal case: the
    /// probe uses an access key that does not exist.
    Error,
    /// The listing succeeded in spite of the made-up access key.
    Listed,
}

/// What the S3 probe of `scs-0123-swift-s3` observed (`s3_probe.json`, scs-0123 v1).
///
/// The probe mirrors the official suite: it takes the object-store (Swift) endpoint from the
/// catalog, keeps its scheme and host, and lists the S3 buckets there with the access key
/// `doesnotexist` and an empty secret.
///
/// | field | meaning |
/// | --- | --- |
/// | `endpoint` | optional: the URL the probe sent the request to |
/// | `outcome` | `error` (the listing raised) or `listed` (it succeeded) |
/// | `error` | for `error`: the error text as the S3 client printed it |
///
/// Unknown fields are rejected.
///
/// ```
/// use scs_validators::input::probes::{S3Outcome, S3Probe};
/// let probe: S3Probe = serde_json::from_str(
///     r#"{"endpoint": "https://swift.example.com", "outcome": "error",
///         "error": "An error occurred (InvalidAccessKeyId) when calling the ListBuckets operation: Unknown"}"#,
/// )?;
/// assert_eq!(probe.outcome, S3Outcome::Error);
/// assert!(probe.error_text().contains("InvalidAccessKeyId"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct S3Probe {
    /// The URL the probe sent the bucket listing to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endpoint: Option<String>,
    /// How the listing ended.
    pub outcome: S3Outcome,
    /// The error text (for [`S3Outcome::Error`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

impl S3Probe {
    /// A probe whose listing failed with `error`.
    pub fn error(endpoint: Option<&str>, error: impl Into<String>) -> Self {
        S3Probe {
            endpoint: endpoint.map(str::to_owned),
            outcome: S3Outcome::Error,
            error: Some(error.into()),
        }
    }

    /// A probe whose listing succeeded.
    pub fn listed(endpoint: Option<&str>) -> Self {
        S3Probe {
            endpoint: endpoint.map(str::to_owned),
            outcome: S3Outcome::Listed,
            error: None,
        }
    }

    /// The error text, empty when there is none.
    pub fn error_text(&self) -> &str {
        self.error.as_deref().unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_shapes() {
        let cli: Roles = serde_json::from_str(
            r#"{"roles": [{"ID": "1", "Name": "member"}, {"Role": "reader", "User": "u"}, "member"]}"#,
        )
        .unwrap();
        assert_eq!(cli.names(), ["member", "reader"]);
        let err = serde_json::from_str::<Roles>(r#"{"token": {"catalog": []}}"#).unwrap_err();
        assert_eq!(err.to_string(), "missing field `roles` at line 1 column 25");
        let err = serde_json::from_str::<Roles>(r#"[{"id": "x"}]"#).unwrap_err();
        assert_eq!(err.to_string(), "missing field `name` at line 1 column 12");
    }

    #[test]
    fn probe_steps() {
        let probe: KeyManagerProbe =
            serde_json::from_str(r#"{"create": "ok", "list": {"outcome": "not_found"}}"#).unwrap();
        assert_eq!(probe.cleanup, None);
        let (kind, step) = probe.first_failure().unwrap();
        assert_eq!(kind, ProbeStepKind::List);
        assert_eq!(step.outcome, StepOutcome::NotFound);
        assert_eq!(
            serde_json::to_string(&probe).unwrap(),
            r#"{"create":{"outcome":"ok"},"list":{"outcome":"not_found"}}"#
        );
        let err = serde_json::from_str::<KeyManagerProbe>(r#"{"crate": "ok"}"#).unwrap_err();
        assert!(
            err.to_string().starts_with("unknown field `crate`"),
            "{err}"
        );
        let err = serde_json::from_str::<KeyManagerProbe>(r#"{"create": "denied"}"#).unwrap_err();
        assert!(
            err.to_string().starts_with("expected a step outcome"),
            "{err}"
        );
    }

    #[test]
    fn s3_probe_shapes() {
        let probe: S3Probe = serde_json::from_str(r#"{"outcome": "listed"}"#).unwrap();
        assert_eq!(probe, S3Probe::listed(None));
        assert_eq!(probe.error_text(), "");
        let err = serde_json::from_str::<S3Probe>(r#"{"error": "x"}"#).unwrap_err();
        assert_eq!(
            err.to_string(),
            "missing field `outcome` at line 1 column 14"
        );
    }
}
