//! scs-0219 v1 (KaaS networking) and scs-0201 v1 (CNCF conformance): Sonobuoy e2e results.
//!
//! Standards: <https://docs.scs.community/standards/scs-0219-v1-kaas-networking> and
//! <https://docs.scs.community/standards/scs-0201-v1-cncf-conformance> (Draft, but part of the
//! stable KaaS scope).
//!
//! Both testcases run the upstream Kubernetes e2e tests through Sonobuoy and judge the results
//! file `plugins/e2e/sonobuoy_results.yaml`, each from its own run:
//!
//! - [`KAAS_NETWORKING_CHECK`] (`kaas-networking-check`, scs-0219 NW-1: the CNI MUST fully
//!   support `NetworkPolicy`): the run with `--e2e-focus "NetworkPolicy"`;
//! - [`CNCF_K8S_CONFORMANCE`] (`cncf-k8s-conformance`, scs-0201: every `[Conformance]` test MUST
//!   pass): the run with `--mode=certified-conformance`.
//!
//! Failed tests whose name matches a regular expression of the `okToFail` list (upstream test
//! bugs and optional features; the list lives in `Tests/kaas/scs-sonobuoy-config-v1.yaml` and
//! may change without a new version of the standard) count as `failed_ok`.
//! [`SonobuoyConfig::snapshot`] is that list as of standards commit `077174d9` (2026-08-21);
//! [`SonobuoyConfig`] also deserializes a caller's own file, checked as the official suite checks
//! it. This module takes the results tree already parsed ([`ResultItem`], a serde type: the
//! caller reads the YAML).
//!
//! Beyond the official suite, [`default_ingress_class`] checks scs-0219 NW-3 (a default
//! IngressClass SHOULD be offered) under the crate's id [`DEFAULT_INGRESS_CLASS`]; NW-2
//! (AdminNetworkPolicy) and NW-4 are not checked.
//!
//! # How a run is judged
//!
//! As the official suite (`Tests/kaas/sonobuoy_handler`) walks the tree: files (`items` of the
//! root) → suites → tests; only the third level counts, and a test without `status` counts as
//! `skipped`. A `failed` test matched by an `okToFail` regex (an unanchored search) becomes
//! `failed_ok`. Official verdict: FAIL iff some test is `failed`, else PASS.
//!
//! The standard's verdict ([`evaluate`], [`networking_check`], [`conformance_check`]) fails on
//! the same failed tests, and also where the official suite passes a run that shows nothing:
//!
//! # Divergences from the official suite
//!
//! | input | standard (this crate) | official suite | why |
//! | --- | --- | --- | --- |
//! | no test passed (empty results, a focus that matches nothing) | FAIL | PASS | tests that did not run show no conformance |
//! | a test with another status (`timeout`, `unknown`, …) | FAIL | PASS (counted only) | the test did not pass |
//! | a failed test without a name | FAIL | ABORT (crash) | the official suite looks the name up to match it |
//! | an `okToFail` regex that Rust's `regex` cannot compile (look-around, back-references) | configuration error | accepted | different regex engines; the snapshot uses none of these |
//!
//! Each is pinned by a test in `tests/sonobuoy.rs`, and each result that diverges carries a
//! warning saying what the official suite does. Two corners are read slightly differently and
//! do not change a verdict: an explicit `status: null` counts as `skipped` here (the official
//! suite counts it under `None`), and a failed test whose name is `null` is taken for a missing
//! name (the official suite crashes on it only when the `okToFail` list is not empty).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

use regex::Regex;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

use crate::input::kubernetes::{IngressClass, DEFAULT_INGRESS_CLASS_ANNOTATION};
use crate::report::{Finding, Outcome, Severity, TestcaseId, TestcaseResult};

/// `kaas-networking-check` (scs-0219 v1): the `NetworkPolicy` e2e tests pass.
pub const KAAS_NETWORKING_CHECK: TestcaseId = TestcaseId::from_static("kaas-networking-check");
/// `cncf-k8s-conformance` (scs-0201 v1): the `[Conformance]` e2e tests pass.
pub const CNCF_K8S_CONFORMANCE: TestcaseId = TestcaseId::from_static("cncf-k8s-conformance");
/// `scs-validators:scs-0219-default-ingress-class` (not an official id): a default
/// IngressClass is offered (scs-0219 NW-3, SHOULD; advisory).
pub const DEFAULT_INGRESS_CLASS: TestcaseId =
    TestcaseId::from_static("scs-validators:scs-0219-default-ingress-class");

// ---------------------------------------------------------------------------------------------
// The results tree.

/// One node of Sonobuoy's results tree (`sonobuoy_results.yaml`): the root (the plugin, such as
/// `e2e`), a results file, a suite or a test.
///
/// Deserializes from the parsed YAML: `name` and `status` (strings or null), `meta` (an object
/// whose scalar values are kept as text), `items` (a list); `details` and other keys are
/// ignored. Errors name the field.
///
/// ```
/// use scs_validators::sonobuoy::ResultItem;
/// let root: ResultItem = serde_json::from_str(
///     r#"{"name": "e2e", "status": "passed", "meta": {"type": "summary"},
///         "items": [{"name": "junit_01.xml", "items": [{"name": "Kubernetes e2e suite",
///           "items": [{"name": "[sig-network] NetworkPolicy ... [Conformance]",
///                      "status": "passed", "details": {"system-out": "…"}}]}]}]}"#,
/// )?;
/// assert_eq!(root.items[0].items[0].items[0].status.as_deref(), Some("passed"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ResultItem {
    /// The name (the test's full name for a test); `None` when absent or null.
    pub name: Option<String>,
    /// `passed`, `failed`, `skipped`, or another value; `None` when absent or null (a test
    /// without status counts as `skipped`).
    pub status: Option<String>,
    /// `meta`: Sonobuoy's metadata (`type`, `file`, `duration`, …).
    pub meta: BTreeMap<String, String>,
    /// The children.
    pub items: Vec<ResultItem>,
}

impl ResultItem {
    /// An item with a name and nothing else.
    pub fn new(name: impl Into<String>) -> Self {
        ResultItem {
            name: Some(name.into()),
            ..ResultItem::default()
        }
    }

    /// The same item with a status.
    #[must_use]
    pub fn with_status(mut self, status: impl Into<String>) -> Self {
        self.status = Some(status.into());
        self
    }

    /// The same item with these children.
    #[must_use]
    pub fn with_items(mut self, items: Vec<ResultItem>) -> Self {
        self.items = items;
        self
    }

    /// A results tree in Sonobuoy's shape: the root `e2e` with one file and one suite holding
    /// `tests`.
    pub fn e2e(tests: Vec<ResultItem>) -> Self {
        ResultItem::new("e2e").with_items(vec![ResultItem::new("junit_01.xml").with_items(vec![
            ResultItem::new("Kubernetes e2e suite").with_items(tests),
        ])])
    }
}

/// Reads a string or null; errors name the field.
struct OptStr(&'static str);

impl<'de> DeserializeSeed<'de> for OptStr {
    type Value = Option<String>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl Visitor<'_> for OptStr {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a string or null for `{}`", self.0)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Some(v.to_owned()))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
}

/// A scalar kept as text (`None` for null).
struct ScalarText(&'static str);

impl<'de> DeserializeSeed<'de> for ScalarText {
    type Value = Option<String>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl Visitor<'_> for ScalarText {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a string, number, boolean or null for `{}`", self.0)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Some(v.to_owned()))
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
}

/// `meta`: an object of scalars (`null` reads as empty).
struct Meta;

impl<'de> DeserializeSeed<'de> for Meta {
    type Value = BTreeMap<String, String>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Meta {
    type Value = BTreeMap<String, String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object for `meta`")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = BTreeMap::new();
        while let Some(k) = map.next_key::<String>()? {
            if let Some(v) = map.next_value_seed(ScalarText("meta"))? {
                out.insert(k, v);
            }
        }
        Ok(out)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(BTreeMap::new())
    }
}

/// `items`: a list of result items.
struct Items;

impl<'de> DeserializeSeed<'de> for Items {
    type Value = Vec<ResultItem>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Items {
    type Value = Vec<ResultItem>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list for `items`")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(item) = seq.next_element::<ResultItem>()? {
            out.push(item);
        }
        Ok(out)
    }
}

impl<'de> Deserialize<'de> for ResultItem {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = ResultItem;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a Sonobuoy result item (an object with name, status, items)")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ResultItem, A::Error> {
                let mut item = ResultItem::default();
                while let Some(key) = map.next_key::<Cow<'de, str>>()? {
                    match key.as_ref() {
                        "name" => item.name = map.next_value_seed(OptStr("name"))?,
                        "status" => item.status = map.next_value_seed(OptStr("status"))?,
                        "meta" => item.meta = map.next_value_seed(Meta)?,
                        "items" => item.items = map.next_value_seed(Items)?,
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(item)
            }
        }
        deserializer.deserialize_map(V)
    }
}

// ---------------------------------------------------------------------------------------------
// The okToFail configuration.

/// One `okToFail` entry: a regular expression searched in the names of failed tests, and why
/// those failures are acceptable.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OkToFailEntry {
    /// The regular expression (searched anywhere in the test name; `.` is a wildcard).
    pub regex: String,
    /// Why a failure is acceptable.
    pub reason: String,
}

impl OkToFailEntry {
    /// An entry.
    pub fn new(regex: impl Into<String>, reason: impl Into<String>) -> Self {
        OkToFailEntry {
            regex: regex.into(),
            reason: reason.into(),
        }
    }
}

/// Why an `okToFail` configuration is unusable (the official suite then reports ABORT).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// A regex is empty or only white space.
    #[error("okToFail[{index}].regex must be a non-empty string")]
    EmptyRegex {
        /// The entry's position in the list.
        index: usize,
    },
    /// A reason is empty or only white space.
    #[error("okToFail[{index}].reason must be a non-empty string")]
    EmptyReason {
        /// The entry's position in the list.
        index: usize,
    },
    /// A regex does not compile.
    #[error("okToFail[{index}].regex `{regex}` is not a valid regular expression: {message}")]
    InvalidRegex {
        /// The entry's position in the list.
        index: usize,
        /// The regex.
        regex: String,
        /// What the regex engine says.
        message: String,
    },
}

/// The `okToFail` list of a Sonobuoy configuration, validated and compiled.
///
/// Deserializes from the configuration file's parsed YAML (`scs-sonobuoy-config-v1.yaml`): a
/// mapping whose only key is `okToFail`, a list of mappings with exactly the keys `regex` and
/// `reason`, both non-empty strings; an empty document (null) is an empty list. Anything else is
/// an error, as in the official suite.
///
/// ```
/// use scs_validators::sonobuoy::SonobuoyConfig;
/// let config: SonobuoyConfig = serde_json::from_str(
///     r#"{"okToFail": [{"regex": "Feature:SCTPConnectivity", "reason": "SCTP is optional"}]}"#,
/// )?;
/// assert!(config.matching("[sig-network] ... [Feature:SCTPConnectivity]").is_some());
/// assert!(serde_json::from_str::<SonobuoyConfig>(r#"{"okToFail": [], "extra": 1}"#).is_err());
/// assert_eq!(SonobuoyConfig::snapshot().entries().len(), 9);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct SonobuoyConfig {
    entries: Vec<(OkToFailEntry, Regex)>,
}

/// The `okToFail` list of `Tests/kaas/scs-sonobuoy-config-v1.yaml` at standards commit
/// `077174d9`: (regex, reason), reasons in this crate's words.
const SNAPSHOT: &[(&str, &str)] = &[
    (
        "HostPort validates that there is no conflict between pods with same hostPort but \
         different hostIP and protocol",
        "fails on clusters whose nodes have only an ExternalIP, no InternalIP \
         (kubernetes/kubernetes#136626)",
    ),
    (
        "Services should be able to switch session affinity for NodePort service",
        "fails on clusters whose nodes have only an ExternalIP, no InternalIP \
         (kubernetes/kubernetes#136626)",
    ),
    (
        "Services should have session affinity work for NodePort service",
        "fails on clusters whose nodes have only an ExternalIP, no InternalIP \
         (kubernetes/kubernetes#136626)",
    ),
    (
        "validates that there exists conflict between pods with same hostPort and protocol but \
         one using 0.0.0.0 hostIP",
        "fails on clusters whose nodes have only an ExternalIP, no InternalIP \
         (kubernetes/kubernetes#136626)",
    ),
    (
        "Netpol NetworkPolicy between server and client should allow ingress access from \
         updated namespace",
        "flaky upstream, fixed in Kubernetes 1.36 (kubernetes/kubernetes#136715)",
    ),
    (
        "Feature:SCTPConnectivity",
        "SCTP support is optional (Cilium does not enable it by default)",
    ),
    (
        "should.allow.egress.access.to.server.in.CIDR.block",
        "left out of Cilium's own NetworkPolicy e2e runs (cilium/cilium#9209)",
    ),
    (
        "should.ensure.an.IP.overlapping.both.IPBlock.CIDR.and.IPBlock.Except.is.allowed",
        "left out of Cilium's own NetworkPolicy e2e runs (cilium/cilium#9209)",
    ),
    (
        "should.enforce.except.clause.while.egress.access.to.server.in.CIDR.block",
        "left out of Cilium's own NetworkPolicy e2e runs (cilium/cilium#9209)",
    ),
];

/// Whether `s` is empty after Python's `str.strip()`.
fn blank(s: &str) -> bool {
    s.trim_matches(|c: char| c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c))
        .is_empty()
}

impl SonobuoyConfig {
    /// The official `okToFail` list as of standards commit `077174d9` (2026-08-21): nine
    /// entries (four tests that need an InternalIP, one flaky test, SCTP, three CIDR tests that
    /// Cilium does not pass).
    pub fn snapshot() -> Self {
        SonobuoyConfig {
            entries: SNAPSHOT
                .iter()
                .filter_map(|&(regex, reason)| {
                    Regex::new(regex)
                        .ok()
                        .map(|r| (OkToFailEntry::new(regex, reason), r))
                })
                .collect(),
        }
    }

    /// A configuration from the caller's entries.
    ///
    /// # Errors
    ///
    /// [`ConfigError`] for the first entry with a blank regex or reason, or a regex that does
    /// not compile.
    pub fn new(entries: Vec<OkToFailEntry>) -> Result<Self, ConfigError> {
        let mut compiled = Vec::with_capacity(entries.len());
        for (index, entry) in entries.into_iter().enumerate() {
            if blank(&entry.regex) {
                return Err(ConfigError::EmptyRegex { index });
            }
            if blank(&entry.reason) {
                return Err(ConfigError::EmptyReason { index });
            }
            let regex = Regex::new(&entry.regex).map_err(|e| ConfigError::InvalidRegex {
                index,
                regex: entry.regex.clone(),
                message: e.to_string(),
            })?;
            compiled.push((entry, regex));
        }
        Ok(SonobuoyConfig { entries: compiled })
    }

    /// The entries, in order.
    pub fn entries(&self) -> impl ExactSizeIterator<Item = &OkToFailEntry> {
        self.entries.iter().map(|(e, _)| e)
    }

    /// The first entry whose regex occurs in `test_name`, if any.
    pub fn matching(&self, test_name: &str) -> Option<&OkToFailEntry> {
        self.entries
            .iter()
            .find(|(_, r)| r.is_match(test_name))
            .map(|(e, _)| e)
    }
}

/// One `okToFail` entry while it is read; `index` names it in errors.
struct EntrySeed(usize);

impl<'de> DeserializeSeed<'de> for EntrySeed {
    type Value = OkToFailEntry;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for EntrySeed {
    type Value = OkToFailEntry;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "a mapping with `regex` and `reason` for okToFail[{}]",
            self.0
        )
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let index = self.0;
        let mut regex = None;
        let mut reason = None;
        let mut unknown: Vec<String> = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "regex" => regex = map.next_value::<Option<EntryText>>()?,
                "reason" => reason = map.next_value::<Option<EntryText>>()?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                    unknown.push(key);
                }
            }
        }
        if !unknown.is_empty() {
            unknown.sort();
            return Err(de::Error::custom(format_args!(
                "okToFail[{index}] has unknown keys: {}",
                unknown
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
        let text = |v: Option<EntryText>, field: &str| match v {
            Some(EntryText(Some(s))) if !blank(&s) => Ok(s),
            _ => Err(de::Error::custom(format_args!(
                "okToFail[{index}].{field} must be a non-empty string"
            ))),
        };
        Ok(OkToFailEntry {
            regex: text(regex, "regex")?,
            reason: text(reason, "reason")?,
        })
    }
}

/// The value of `regex` or `reason`: `Some` for a string, `None` for any other value (reported
/// with the entry's index by [`EntrySeed`]).
struct EntryText(Option<String>);

impl<'de> Deserialize<'de> for EntryText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = EntryText;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any value")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<EntryText, E> {
                Ok(EntryText(Some(v.to_owned())))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<EntryText, E> {
                Ok(EntryText(None))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<EntryText, E> {
                Ok(EntryText(None))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<EntryText, E> {
                Ok(EntryText(None))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<EntryText, E> {
                Ok(EntryText(None))
            }
            fn visit_unit<E: de::Error>(self) -> Result<EntryText, E> {
                Ok(EntryText(None))
            }
            fn visit_none<E: de::Error>(self) -> Result<EntryText, E> {
                Ok(EntryText(None))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<EntryText, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(EntryText(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<EntryText, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(EntryText(None))
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// The `okToFail` value: a list of entries.
struct EntryList;

impl<'de> DeserializeSeed<'de> for EntryList {
    type Value = Vec<OkToFailEntry>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for EntryList {
    type Value = Vec<OkToFailEntry>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list for `okToFail`")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while let Some(entry) = seq.next_element_seed(EntrySeed(out.len()))? {
            out.push(entry);
        }
        Ok(out)
    }
}

impl<'de> Deserialize<'de> for SonobuoyConfig {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = SonobuoyConfig;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a mapping with the key `okToFail`")
            }
            fn visit_unit<E: de::Error>(self) -> Result<SonobuoyConfig, E> {
                Ok(SonobuoyConfig::default())
            }
            fn visit_none<E: de::Error>(self) -> Result<SonobuoyConfig, E> {
                Ok(SonobuoyConfig::default())
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<SonobuoyConfig, A::Error> {
                let mut entries = Vec::new();
                let mut unknown: Vec<String> = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    if key == "okToFail" {
                        entries = map.next_value_seed(EntryList)?;
                    } else {
                        map.next_value::<IgnoredAny>()?;
                        unknown.push(key);
                    }
                }
                if !unknown.is_empty() {
                    unknown.sort();
                    return Err(de::Error::custom(format_args!(
                        "unknown top-level keys: {} (only `okToFail` is allowed)",
                        unknown
                            .iter()
                            .map(|k| format!("`{k}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )));
                }
                SonobuoyConfig::new(entries).map_err(de::Error::custom)
            }
        }
        deserializer.deserialize_any(V)
    }
}

// ---------------------------------------------------------------------------------------------
// Evaluation.

/// How many tests of a run ended how.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StatusCounts {
    /// `passed`.
    pub passed: usize,
    /// `failed`, not excused by `okToFail`.
    pub failed: usize,
    /// `failed`, excused by `okToFail`.
    pub failed_ok: usize,
    /// `skipped`, or no status.
    pub skipped: usize,
    /// Any other status (`timeout`, …), by status.
    pub other: BTreeMap<String, usize>,
}

impl fmt::Display for StatusCounts {
    /// `1 passed, 1 failed, 3 failed_ok, 2 skipped`, then other statuses (`, 1 timeout`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} passed, {} failed, {} failed_ok, {} skipped",
            self.passed, self.failed, self.failed_ok, self.skipped
        )?;
        for (status, n) in &self.other {
            write!(f, ", {n} {status}")?;
        }
        Ok(())
    }
}

/// A run's results, judged.
#[derive(Clone, Debug)]
pub struct Evaluation<'a> {
    /// The counts.
    pub counts: StatusCounts,
    /// The failed tests that no `okToFail` entry excuses, in order.
    pub failed: Vec<&'a ResultItem>,
    /// The failed tests an `okToFail` entry excuses, with the first matching entry.
    pub failed_ok: Vec<(&'a ResultItem, &'a OkToFailEntry)>,
    /// The tests with a status other than passed, failed or skipped.
    pub other: Vec<&'a ResultItem>,
    /// Whether some failed test has no name (the official suite crashes on it).
    pub unnamed_failure: bool,
}

impl Evaluation<'_> {
    /// The verdict per the standard texts: PASS iff no test failed unexcused, no test ended
    /// with another status, and at least one test passed.
    pub fn outcome(&self) -> Outcome {
        if self.counts.failed > 0 || !self.other.is_empty() || self.counts.passed == 0 {
            Outcome::Fail
        } else {
            Outcome::Pass
        }
    }

    /// The official suite's verdict: ABORT when a failed test has no name, else FAIL iff some
    /// test failed unexcused.
    pub fn official(&self) -> Outcome {
        if self.unnamed_failure {
            Outcome::Abort
        } else if self.counts.failed > 0 {
            Outcome::Fail
        } else {
            Outcome::Pass
        }
    }
}

/// Judges the tests of a results tree (the third level: files → suites → tests) against the
/// `okToFail` list.
///
/// ```
/// use scs_validators::sonobuoy::{evaluate, ResultItem, SonobuoyConfig};
/// let results = ResultItem::e2e(vec![
///     ResultItem::new("[sig-network] Netpol ... should support a 'default-deny-ingress' policy")
///         .with_status("passed"),
///     ResultItem::new("[sig-network] Netpol ... [Feature:SCTPConnectivity] ...")
///         .with_status("failed"),
///     ResultItem::new("[sig-storage] ... ").with_status("skipped"),
/// ]);
/// let config = SonobuoyConfig::snapshot();
/// let e = evaluate(&results, &config);
/// assert_eq!(e.counts.to_string(), "1 passed, 0 failed, 1 failed_ok, 1 skipped");
/// ```
pub fn evaluate<'a>(results: &'a ResultItem, config: &'a SonobuoyConfig) -> Evaluation<'a> {
    let mut e = Evaluation {
        counts: StatusCounts::default(),
        failed: Vec::new(),
        failed_ok: Vec::new(),
        other: Vec::new(),
        unnamed_failure: false,
    };
    let tests = results
        .items
        .iter()
        .flat_map(|file| &file.items)
        .flat_map(|suite| &suite.items);
    for test in tests {
        match test.status.as_deref().unwrap_or("skipped") {
            "passed" => e.counts.passed += 1,
            "skipped" => e.counts.skipped += 1,
            "failed" => {
                let excused = test.name.as_deref().and_then(|n| config.matching(n));
                e.unnamed_failure |= test.name.is_none();
                match excused {
                    Some(entry) => {
                        e.counts.failed_ok += 1;
                        e.failed_ok.push((test, entry));
                    }
                    None => {
                        e.counts.failed += 1;
                        e.failed.push(test);
                    }
                }
            }
            other => {
                *e.counts.other.entry(other.to_owned()).or_default() += 1;
                e.other.push(test);
            }
        }
    }
    e
}

/// `kaas-networking-check` (scs-0219 NW-1) on the results of the run with
/// `--e2e-focus "NetworkPolicy"`.
pub fn networking_check(results: &ResultItem, config: &SonobuoyConfig) -> TestcaseResult {
    judge(KAAS_NETWORKING_CHECK, results, config)
}

/// `cncf-k8s-conformance` (scs-0201) on the results of the run with
/// `--mode=certified-conformance`.
///
/// ```
/// use scs_validators::report::Outcome;
/// use scs_validators::sonobuoy::{conformance_check, ResultItem, SonobuoyConfig};
/// let results = ResultItem::e2e(vec![
///     ResultItem::new("[sig-apps] Deployment should run the lifecycle of a Deployment [Conformance]")
///         .with_status("passed"),
///     ResultItem::new("[sig-network] Services should be able to change the type from ExternalName to ClusterIP [Conformance]")
///         .with_status("failed"),
/// ]);
/// let result = conformance_check(&results, &SonobuoyConfig::snapshot());
/// assert_eq!((result.outcome(), result.official()), (Outcome::Fail, Outcome::Fail));
/// ```
pub fn conformance_check(results: &ResultItem, config: &SonobuoyConfig) -> TestcaseResult {
    judge(CNCF_K8S_CONFORMANCE, results, config)
}

/// The result of testcase `id` when the `okToFail` configuration cannot be used: ABORT (the
/// official suite aborts too), with `error` as the reason.
pub fn invalid_config(id: TestcaseId, error: &dyn fmt::Display) -> TestcaseResult {
    TestcaseResult::aborted(
        id,
        format!("the okToFail configuration is invalid: {error}"),
        Outcome::Abort,
    )
}

fn judge(id: TestcaseId, results: &ResultItem, config: &SonobuoyConfig) -> TestcaseResult {
    let e = evaluate(results, config);
    let official = e.official();
    let mut findings = Vec::new();
    let finding = |severity, subject: Option<&String>, message: String| {
        Finding::new(id.clone(), severity, subject.cloned(), message)
    };
    for test in &e.failed {
        findings.push(finding(
            Severity::Error,
            test.name.as_ref(),
            if test.name.is_some() {
                "failed, and no okToFail entry excuses it".to_owned()
            } else {
                "a test without a name failed".to_owned()
            },
        ));
    }
    for (test, entry) in &e.failed_ok {
        findings.push(finding(
            Severity::Info,
            test.name.as_ref(),
            format!(
                "failed, excused by the okToFail entry `{}`: {}",
                entry.regex, entry.reason
            ),
        ));
    }
    for test in &e.other {
        findings.push(finding(
            Severity::Error,
            test.name.as_ref(),
            format!(
                "ended with the status `{}`: the test did not pass",
                test.status.as_deref().unwrap_or_default()
            ),
        ));
    }
    if e.counts.passed == 0 {
        findings.push(finding(
            Severity::Error,
            None,
            "no test passed: the results show no test that ran successfully".to_owned(),
        ));
    }
    findings.push(finding(
        Severity::Info,
        None,
        format!("sonobuoy reports {}", e.counts),
    ));
    // What the official suite does differently.
    if !e.other.is_empty() {
        let n = e.other.len();
        findings.push(finding(
            Severity::Warning,
            None,
            format!(
                "the official suite counts the {n} test{} with another status but does not fail \
                 on {}",
                if n == 1 { "" } else { "s" },
                if n == 1 { "it" } else { "them" }
            ),
        ));
    }
    if e.counts.passed == 0 {
        findings.push(finding(
            Severity::Warning,
            None,
            "the official suite does not require any test to pass".to_owned(),
        ));
    }
    if e.unnamed_failure {
        findings.push(finding(
            Severity::Warning,
            None,
            "the official suite crashes on a failed test without a name (ABORT)".to_owned(),
        ));
    }
    TestcaseResult::from_findings(id, findings, official)
}

/// `scs-validators:scs-0219-default-ingress-class`: scs-0219 NW-3, a default IngressClass
/// SHOULD be offered (advisory: warnings only, never FAIL).
///
/// A default IngressClass carries the annotation `ingressclass.kubernetes.io/is-default-class`
/// with the value exactly `"true"`.
///
/// ```
/// use scs_validators::input::kubernetes::IngressClass;
/// use scs_validators::report::{Outcome, Severity};
/// use scs_validators::sonobuoy::default_ingress_class;
/// let result = default_ingress_class(&[IngressClass::new("nginx")]);
/// assert_eq!(result.outcome(), Outcome::Pass);
/// assert_eq!(result.findings()[0].severity, Severity::Warning);
/// ```
pub fn default_ingress_class(classes: &[IngressClass]) -> TestcaseResult {
    let id = DEFAULT_INGRESS_CLASS;
    let mut findings = Vec::new();
    let finding = |severity, subject: Option<&str>, message: String| {
        Finding::new(id.clone(), severity, subject.map(str::to_owned), message)
    };
    let defaults: Vec<&IngressClass> = classes.iter().filter(|c| c.is_default()).collect();
    for c in classes {
        if let Some(v) = c.annotations.get(DEFAULT_INGRESS_CLASS_ANNOTATION) {
            if v != "true" && v.eq_ignore_ascii_case("true") {
                findings.push(finding(
                    Severity::Warning,
                    Some(&c.name),
                    format!(
                        "the annotation `{DEFAULT_INGRESS_CLASS_ANNOTATION}` is `{v}`, not \
                         `true`: Kubernetes does not take this class as the default"
                    ),
                ));
            }
        }
    }
    match defaults.as_slice() {
        [] if classes.is_empty() => findings.push(finding(
            Severity::Warning,
            None,
            "no IngressClass: a managed Ingress controller with a default IngressClass SHOULD \
             be offered"
                .to_owned(),
        )),
        [] => findings.push(finding(
            Severity::Warning,
            None,
            format!(
                "no default IngressClass: none of {} IngressClass{} has the annotation \
                 `{DEFAULT_INGRESS_CLASS_ANNOTATION}` set to `true`, and a default SHOULD be \
                 offered",
                classes.len(),
                if classes.len() == 1 { "" } else { "es" }
            ),
        )),
        [one] => findings.push(finding(
            Severity::Info,
            Some(&one.name),
            match &one.controller {
                Some(c) => format!("the default IngressClass, controller `{c}`"),
                None => "the default IngressClass".to_owned(),
            },
        )),
        several => findings.push(finding(
            Severity::Warning,
            None,
            format!(
                "{} IngressClasses are marked default ({}): Kubernetes then refuses new \
                 Ingresses without `ingressClassName`",
                several.len(),
                several
                    .iter()
                    .map(|c| format!("`{}`", c.name))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )),
    }
    TestcaseResult::beyond_official(id, findings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snapshot_compiles_completely() {
        let config = SonobuoyConfig::snapshot();
        assert_eq!(config.entries().len(), SNAPSHOT.len());
        assert!(config
            .entries()
            .all(|e| !blank(&e.regex) && !blank(&e.reason)));
    }

    #[test]
    fn blank_is_python_strip() {
        assert!(blank(" \t\n\u{1f}\u{a0}"));
        assert!(!blank(" x "));
    }
}
