//! The input data models: GitHub releases, the EOL table, CVE JSON 5.x records and the
//! Kubernetes CVE feed.
//!
//! The models deserialize whatever well-formed JSON of the expected shape says, including
//! values the official suite cannot handle (a release without `draft`, a timestamp with
//! fractional seconds, `lessThan: "*"`, a CVSS entry without `baseScore`); the check decides
//! what they mean. JSON of another shape (a string where an object belongs, `draft: "no"`) is a
//! serde error.

use std::fmt;

use chrono::NaiveDate;
use serde::de::{IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::version::K8sBranch;

/// A JSON object member that may be absent, `null`, or a value; the official suite treats
/// absent (a crash) and `null` (false or skipped) differently.
///
/// Use it with `#[serde(default)]`: absence deserializes to [`JsonField::Missing`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub enum JsonField<T> {
    /// The member is not there.
    #[default]
    Missing,
    /// The member is `null`.
    Null,
    /// The member's value.
    Value(T),
}

impl<T> JsonField<T> {
    /// The value, if there is one.
    pub fn value(&self) -> Option<&T> {
        match self {
            JsonField::Value(value) => Some(value),
            _ => None,
        }
    }

    /// Whether the member is absent.
    pub fn is_missing(&self) -> bool {
        matches!(self, JsonField::Missing)
    }
}

impl<T> From<Option<T>> for JsonField<T> {
    fn from(value: Option<T>) -> Self {
        match value {
            Some(value) => JsonField::Value(value),
            None => JsonField::Null,
        }
    }
}

impl<T: Serialize> Serialize for JsonField<T> {
    /// `null` for [`JsonField::Missing`] too; skip missing members with
    /// `#[serde(skip_serializing_if = "JsonField::is_missing")]`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            JsonField::Value(value) => serializer.serialize_some(value),
            JsonField::Missing | JsonField::Null => serializer.serialize_none(),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for JsonField<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Option::<T>::deserialize(deserializer).map(JsonField::from)
    }
}

/// One element of GitHub's "list releases" answer for `kubernetes/kubernetes`; only the
/// members the check reads are kept.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Release {
    /// The tag, such as `v1.30.2` or `v1.31.0-rc.1`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag_name: Option<String>,
    /// The release title (informational).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Whether the release is a draft.
    #[serde(default, skip_serializing_if = "JsonField::is_missing")]
    pub draft: JsonField<bool>,
    /// Whether GitHub marks the release as a pre-release.
    #[serde(default, skip_serializing_if = "JsonField::is_missing")]
    pub prerelease: JsonField<bool>,
    /// The publication time, `YYYY-MM-DDTHH:MM:SSZ` (`null` for drafts).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_at: Option<String>,
}

impl Release {
    /// A published, final release (`draft` and `prerelease` false).
    pub fn new(tag_name: impl Into<String>, published_at: impl Into<String>) -> Self {
        Release {
            tag_name: Some(tag_name.into()),
            name: None,
            draft: JsonField::Value(false),
            prerelease: JsonField::Value(false),
            published_at: Some(published_at.into()),
        }
    }

    /// The same release flagged as a pre-release.
    pub fn flagged_prerelease(mut self) -> Self {
        self.prerelease = JsonField::Value(true);
        self
    }

    /// The same release as a draft (no publication time).
    pub fn flagged_draft(mut self) -> Self {
        self.draft = JsonField::Value(true);
        self.published_at = None;
        self
    }

    /// How findings name the release: its tag, or its position in the list.
    pub(crate) fn label(&self, index: usize) -> String {
        match &self.tag_name {
            Some(tag) => tag.clone(),
            None => format!("release #{index}"),
        }
    }

    /// How messages name the release: ``release `v1.30.2` `` or `release #3`.
    pub(crate) fn describe(&self, index: usize) -> String {
        match &self.tag_name {
            Some(tag) => format!("release `{tag}`"),
            None => format!("release #{index}"),
        }
    }
}

/// One entry of the EOL table: a branch and the day its upstream support ends, both as the
/// strings of the YAML file (`branch: "1.29"`, `end-of-life: "2025-02-28"`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct EolEntry {
    /// `MAJOR.MINOR`.
    pub branch: String,
    /// `YYYY-MM-DD`; the branch is unsupported from 00:00 UTC of that day on.
    #[serde(rename = "end-of-life")]
    pub end_of_life: String,
}

impl EolEntry {
    /// The entry for `branch`, unsupported from `end_of_life` on.
    pub fn new(branch: K8sBranch, end_of_life: NaiveDate) -> Self {
        EolEntry {
            branch: branch.to_string(),
            end_of_life: end_of_life.format("%Y-%m-%d").to_string(),
        }
    }
}

/// The end-of-life table of Kubernetes branches (`k8s-eol-data.yml` of the official suite, a
/// YAML list of [`EolEntry`]); later entries for the same branch win.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EolTable {
    /// The entries in file order.
    pub entries: Vec<EolEntry>,
}

const fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(date) => date,
        None => panic!("invalid date in the EOL snapshot"),
    }
}

/// The built-in EOL snapshot: the end-of-life dates of branches 1.25 to 1.36 as the official
/// suite's table lists them at [`EOL_SNAPSHOT_SOURCE`], newest first.
pub const EOL_SNAPSHOT: [(K8sBranch, NaiveDate); 12] = [
    (K8sBranch::new(1, 36), date(2027, 6, 28)),
    (K8sBranch::new(1, 35), date(2027, 2, 28)),
    (K8sBranch::new(1, 34), date(2026, 10, 27)),
    (K8sBranch::new(1, 33), date(2026, 6, 28)),
    (K8sBranch::new(1, 32), date(2026, 2, 28)),
    (K8sBranch::new(1, 31), date(2025, 10, 28)),
    (K8sBranch::new(1, 30), date(2025, 6, 28)),
    (K8sBranch::new(1, 29), date(2025, 2, 28)),
    (K8sBranch::new(1, 28), date(2024, 10, 28)),
    (K8sBranch::new(1, 27), date(2024, 6, 28)),
    (K8sBranch::new(1, 26), date(2024, 2, 28)),
    (K8sBranch::new(1, 25), date(2023, 10, 28)),
];

/// Where [`EOL_SNAPSHOT`] comes from: the official suite's table at this commit.
pub const EOL_SNAPSHOT_SOURCE: &str = "SovereignCloudStack/standards commit 077174d9 \
     (2026-08-21), Tests/kaas/scs_0210_version_policy/k8s-eol-data.yml";

/// The day of [`EOL_SNAPSHOT_SOURCE`]; with the snapshot, fewer than two branches are
/// supported from 2027-02-28 on, where the official suite aborts every run.
pub const EOL_SNAPSHOT_DATE: NaiveDate = date(2026, 8, 21);

impl EolTable {
    /// The built-in snapshot ([`EOL_SNAPSHOT`]), newest branch first.
    pub fn snapshot() -> Self {
        EolTable::from_dates(EOL_SNAPSHOT)
    }

    /// A table of `(branch, end of life)` pairs.
    pub fn from_dates(dates: impl IntoIterator<Item = (K8sBranch, NaiveDate)>) -> Self {
        EolTable {
            entries: dates
                .into_iter()
                .map(|(branch, eol)| EolEntry::new(branch, eol))
                .collect(),
        }
    }
}

/// The Kubernetes official CVE feed (a JSON Feed document); the check reads the CVE ids.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CveFeed {
    /// The feed's items, one per CVE.
    pub items: Vec<CveFeedItem>,
}

impl CveFeed {
    /// The CVE ids of the feed, in order.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.items.iter().map(|item| item.id.as_str())
    }
}

/// One item of the CVE feed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CveFeedItem {
    /// The CVE id, such as `CVE-2024-3177`.
    pub id: String,
    /// The item's page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The issue title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
}

/// A CVE JSON 5.x record as the CVE Services API returns it; only what the check reads is kept
/// (`cveMetadata.cveId`, `containers.cna.metrics`, `containers.cna.affected`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CveRecord {
    /// The record's metadata.
    #[serde(
        rename = "cveMetadata",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub cve_metadata: Option<CveMetadata>,
    /// The containers (only the CNA container is read).
    #[serde(default, skip_serializing_if = "JsonField::is_missing")]
    pub containers: JsonField<CveContainers>,
}

impl CveRecord {
    /// The CVE id, if the record names one.
    pub fn cve_id(&self) -> Option<&str> {
        self.cve_metadata.as_ref()?.cve_id.as_deref()
    }

    /// How findings name the record: its CVE id, or its position in the list.
    pub(crate) fn label(&self, index: usize) -> String {
        match self.cve_id() {
            Some(id) => id.to_owned(),
            None => format!("CVE record #{index}"),
        }
    }
}

/// `cveMetadata` of a CVE record.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CveMetadata {
    /// The CVE id.
    #[serde(rename = "cveId", default, skip_serializing_if = "Option::is_none")]
    pub cve_id: Option<String>,
}

/// `containers` of a CVE record.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CveContainers {
    /// The CNA container (the data of the CVE numbering authority).
    #[serde(default, skip_serializing_if = "JsonField::is_missing")]
    pub cna: JsonField<CnaContainer>,
}

/// The CNA container of a CVE record.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CnaContainer {
    /// The severity metrics.
    #[serde(default, skip_serializing_if = "JsonField::is_missing")]
    pub metrics: JsonField<Vec<CveMetric>>,
    /// The affected products and versions.
    #[serde(default, skip_serializing_if = "JsonField::is_missing")]
    pub affected: JsonField<Vec<CveAffected>>,
}

/// One element of `metrics`: its members in document order (`cvssV3_1`, `format`, `other`,
/// ...), each reduced to what the check needs.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CveMetric {
    /// The members in document order (a repeated key keeps its last value, as in Python).
    pub entries: Vec<(String, MetricValue)>,
}

impl CveMetric {
    /// A metric with one CVSS member: `{key: {"baseScore": score}}`.
    pub fn cvss(key: impl Into<String>, base_score: f64) -> Self {
        CveMetric {
            entries: vec![(
                key.into(),
                MetricValue::Object {
                    base_score: BaseScore::Number(base_score),
                },
            )],
        }
    }
}

/// The value of a member of a metric object.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum MetricValue {
    /// An object; only its `baseScore` is kept.
    Object {
        /// The `baseScore` member.
        base_score: BaseScore,
    },
    /// Anything else.
    Other(JsonKind),
}

/// The `baseScore` member of a CVSS object.
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub enum BaseScore {
    /// Not there.
    Missing,
    /// A number.
    Number(f64),
    /// Something that is not a number.
    Other(JsonKind),
}

/// The kind of a JSON value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum JsonKind {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool,
    /// A number.
    Number,
    /// A string.
    String,
    /// An array.
    Array,
    /// An object.
    Object,
}

impl fmt::Display for JsonKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            JsonKind::Null => "null",
            JsonKind::Bool => "a boolean",
            JsonKind::Number => "a number",
            JsonKind::String => "a string",
            JsonKind::Array => "an array",
            JsonKind::Object => "an object",
        })
    }
}

/// Deserializes any value and keeps its kind (and, for `baseScore`, its number).
struct KindVisitor;

#[derive(Clone, Copy)]
enum Scalar {
    Number(f64),
    Kind(JsonKind),
}

impl<'de> Visitor<'de> for KindVisitor {
    type Value = Scalar;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<Scalar, E> {
        Ok(Scalar::Kind(JsonKind::Bool))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Scalar, E> {
        Ok(Scalar::Number(v as f64))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Scalar, E> {
        Ok(Scalar::Number(v as f64))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Scalar, E> {
        Ok(Scalar::Number(v))
    }
    fn visit_str<E>(self, _: &str) -> Result<Scalar, E> {
        Ok(Scalar::Kind(JsonKind::String))
    }
    fn visit_unit<E>(self) -> Result<Scalar, E> {
        Ok(Scalar::Kind(JsonKind::Null))
    }
    fn visit_none<E>(self) -> Result<Scalar, E> {
        Ok(Scalar::Kind(JsonKind::Null))
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Scalar, D::Error> {
        d.deserialize_any(KindVisitor)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Scalar, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Scalar::Kind(JsonKind::Array))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Scalar, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Scalar::Kind(JsonKind::Object))
    }
}

impl<'de> Deserialize<'de> for BaseScore {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(match deserializer.deserialize_any(KindVisitor)? {
            Scalar::Number(n) => BaseScore::Number(n),
            Scalar::Kind(kind) => BaseScore::Other(kind),
        })
    }
}

struct MetricValueVisitor;

impl<'de> Visitor<'de> for MetricValueVisitor {
    type Value = MetricValue;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<MetricValue, A::Error> {
        let mut base_score = BaseScore::Missing;
        while let Some(key) = map.next_key::<String>()? {
            if key == "baseScore" {
                base_score = map.next_value()?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(MetricValue::Object { base_score })
    }
    fn visit_bool<E>(self, _: bool) -> Result<MetricValue, E> {
        Ok(MetricValue::Other(JsonKind::Bool))
    }
    fn visit_i64<E>(self, _: i64) -> Result<MetricValue, E> {
        Ok(MetricValue::Other(JsonKind::Number))
    }
    fn visit_u64<E>(self, _: u64) -> Result<MetricValue, E> {
        Ok(MetricValue::Other(JsonKind::Number))
    }
    fn visit_f64<E>(self, _: f64) -> Result<MetricValue, E> {
        Ok(MetricValue::Other(JsonKind::Number))
    }
    fn visit_str<E>(self, _: &str) -> Result<MetricValue, E> {
        Ok(MetricValue::Other(JsonKind::String))
    }
    fn visit_unit<E>(self) -> Result<MetricValue, E> {
        Ok(MetricValue::Other(JsonKind::Null))
    }
    fn visit_none<E>(self) -> Result<MetricValue, E> {
        Ok(MetricValue::Other(JsonKind::Null))
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<MetricValue, D::Error> {
        d.deserialize_any(MetricValueVisitor)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<MetricValue, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(MetricValue::Other(JsonKind::Array))
    }
}

impl<'de> Deserialize<'de> for MetricValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(MetricValueVisitor)
    }
}

impl<'de> Deserialize<'de> for CveMetric {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MetricVisitor;
        impl<'de> Visitor<'de> for MetricVisitor {
            type Value = CveMetric;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a metric object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<CveMetric, A::Error> {
                let mut entries: Vec<(String, MetricValue)> = Vec::new();
                while let Some((key, value)) = map.next_entry::<String, MetricValue>()? {
                    // A repeated key keeps its first position and its last value (Python dict).
                    match entries.iter_mut().find(|(k, _)| *k == key) {
                        Some(entry) => entry.1 = value,
                        None => entries.push((key, value)),
                    }
                }
                Ok(CveMetric { entries })
            }
        }
        deserializer.deserialize_map(MetricVisitor)
    }
}

impl Serialize for CveMetric {
    /// Lossy: an object member is written as `{"baseScore": ...}` alone.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.entries.len()))?;
        for (key, value) in &self.entries {
            match value {
                MetricValue::Object {
                    base_score: BaseScore::Number(n),
                } => map.serialize_entry(key, &BaseScoreOut(Some(*n)))?,
                MetricValue::Object { .. } => map.serialize_entry(key, &BaseScoreOut(None))?,
                MetricValue::Other(_) => map.serialize_entry(key, &())?,
            }
        }
        map.end()
    }
}

struct BaseScoreOut(Option<f64>);

impl Serialize for BaseScoreOut {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        if let Some(n) = self.0 {
            map.serialize_entry("baseScore", &n)?;
        }
        map.end()
    }
}

/// One element of `affected`: a product and its versions.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CveAffected {
    /// The vendor (informational).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vendor: Option<String>,
    /// The product; only `Kubernetes` (exactly) counts.
    #[serde(default, skip_serializing_if = "JsonField::is_missing")]
    pub product: JsonField<String>,
    /// The versions.
    #[serde(default, skip_serializing_if = "JsonField::is_missing")]
    pub versions: JsonField<Vec<CveVersion>>,
}

/// One element of `versions`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CveVersion {
    /// The (lower) version, such as `1.28.0`, `v1.28.0`, `0`, `unspecified` or `1.28.x`.
    #[serde(default, skip_serializing_if = "JsonField::is_missing")]
    pub version: JsonField<String>,
    /// `affected`, `unaffected` or `unknown`.
    #[serde(default, skip_serializing_if = "JsonField::is_missing")]
    pub status: JsonField<String>,
    /// The exclusive upper bound.
    #[serde(
        rename = "lessThan",
        default,
        skip_serializing_if = "JsonField::is_missing"
    )]
    pub less_than: JsonField<String>,
    /// The inclusive upper bound (wins over `lessThan`).
    #[serde(
        rename = "lessThanOrEqual",
        default,
        skip_serializing_if = "JsonField::is_missing"
    )]
    pub less_than_or_equal: JsonField<String>,
    /// `semver`, `custom`, ... (informational).
    #[serde(
        rename = "versionType",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub version_type: Option<String>,
}
