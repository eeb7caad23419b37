//! The standard reading of CVE records: which version ranges of which critical CVEs affect
//! Kubernetes.

use std::sync::OnceLock;

use regex::Regex;

use super::data::{BaseScore, CveRecord, CveVersion, JsonField, MetricValue};
use super::official::{self, EntryPath, CRITICAL_SCORE};
use super::version::{K8sVersion, UpperBound, VersionRange};
use super::VERSION_POLICY_CHECK;
use crate::report::{Finding, Severity};

/// One affected range of a critical CVE.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CriticalRange {
    /// The CVE id (or `CVE record #N` for a record without id).
    pub cve_id: String,
    /// The affected versions.
    pub range: VersionRange,
}

/// The critical CVE ranges of a list of records, per the standard reading, and what was odd
/// about the records.
#[derive(Clone, Debug, PartialEq)]
pub struct CriticalRanges {
    /// The affected Kubernetes ranges of every critical record.
    pub ranges: Vec<CriticalRange>,
    /// Warnings about records or entries that were skipped or read differently from the
    /// official suite (testcase `version-policy-check`, subject the CVE id).
    pub findings: Vec<Finding>,
}

impl CriticalRanges {
    /// The ranges that contain `version`.
    pub fn containing<'a>(
        &'a self,
        version: &'a K8sVersion,
    ) -> impl Iterator<Item = &'a CriticalRange> + 'a {
        self.ranges
            .iter()
            .filter(move |range| range.range.contains(version))
    }
}

fn dash_regex() -> &'static Regex {
    static DASH: OnceLock<Regex> = OnceLock::new();
    DASH.get_or_init(|| {
        Regex::new(r"^\s*v?([0-9]+\.[0-9]+\.[0-9]+)\s*-\s*v?([0-9]+\.[0-9]+\.[0-9]+)\s*$")
            .unwrap_or_else(|_| unreachable!())
    })
}

fn x_regex() -> &'static Regex {
    static X: OnceLock<Regex> = OnceLock::new();
    X.get_or_init(|| {
        Regex::new(r"^\s*v?([0-9]+)\.([0-9]+)\.[xX]\s*$").unwrap_or_else(|_| unreachable!())
    })
}

/// The standard reading of one `versions` entry with status `affected`.
///
/// - `version` is the lower bound when it is a version (pre-releases and vendor builds
///   included); `a - b` (spaces optional) is `[a, b]` inclusive; `M.m.x` is the whole branch
///   `[M.m.0, M.(m+1).0)`; anything else (`0`, `unspecified`, missing) leaves the lower bound
///   open (0.0.0);
/// - `lessThanOrEqual` wins over `lessThan`; `*` means no upper bound;
/// - no usable version at all, an unparsable bound, or a bound below the lower one is an
///   error (the message names the field).
///
/// # Errors
///
/// A message naming the field under `path` (such as `affected[0].versions[1]`).
///
/// Returns the range, and whether the entry is plain: bounds that are final releases written
/// as such, which the official suite reads the same way.
fn standard_range(
    entry: &CveVersion,
    path: impl std::fmt::Display,
) -> Result<(VersionRange, bool), String> {
    let text = entry.version.value().map(String::as_str).unwrap_or("");
    let mut default_upper = UpperBound::Single;
    let dash = if text.contains('-') {
        dash_regex().captures(text)
    } else {
        None
    };
    let x_form = if text.trim_end().ends_with(['x', 'X']) {
        x_regex().captures(text)
    } else {
        None
    };
    let mut plain = dash.is_none() && x_form.is_none();
    let lower = if let Some(c) = dash {
        let from = c[1]
            .parse::<K8sVersion>()
            .map_err(|e| format!("`{path}.version`: {e}"))?;
        let to = c[2]
            .parse::<K8sVersion>()
            .map_err(|e| format!("`{path}.version`: {e}"))?;
        default_upper = UpperBound::Inclusive(to);
        Some(from)
    } else if let Some(c) = x_form {
        let too_large = |_| format!("`{path}.version` `{text}` is too large");
        let major = c[1].parse::<u64>().map_err(too_large)?;
        let minor = c[2].parse::<u64>().map_err(too_large)?;
        let next = minor
            .checked_add(1)
            .ok_or_else(|| format!("`{path}.version` `{text}` is too large"))?;
        default_upper = UpperBound::Exclusive(K8sVersion::new(major, next, 0));
        Some(K8sVersion::new(major, minor, 0))
    } else {
        text.parse::<K8sVersion>().ok()
    };
    plain &= lower.as_ref().is_some_and(K8sVersion::is_plain);
    let bound = |name: &str, value: &JsonField<String>| -> Result<Option<K8sVersion>, String> {
        match value {
            JsonField::Value(text) if text.trim() == "*" => Ok(None),
            JsonField::Value(text) => text
                .parse::<K8sVersion>()
                .map(Some)
                .map_err(|_| format!("`{path}.{name}` `{text}` is not a version")),
            JsonField::Null | JsonField::Missing => Err(format!("`{path}.{name}` is null")),
        }
    };
    let upper = if !entry.less_than_or_equal.is_missing() {
        match bound("lessThanOrEqual", &entry.less_than_or_equal)? {
            Some(upper) => UpperBound::Inclusive(upper),
            None => UpperBound::Unbounded,
        }
    } else if !entry.less_than.is_missing() {
        match bound("lessThan", &entry.less_than)? {
            Some(upper) => UpperBound::Exclusive(upper),
            None => UpperBound::Unbounded,
        }
    } else {
        default_upper
    };
    plain &= match &upper {
        UpperBound::Single => true,
        UpperBound::Exclusive(bound) | UpperBound::Inclusive(bound) => bound.is_plain(),
        _ => false,
    };
    let lower = match (lower, &upper) {
        (Some(lower), _) => lower,
        (None, UpperBound::Single) => {
            return Err(match &entry.version {
                JsonField::Value(text) => {
                    format!("`{path}.version` `{text}` names no version and there is no bound")
                }
                _ => format!("`{path}` has neither `version` nor a bound"),
            })
        }
        (None, _) => K8sVersion::new(0, 0, 0),
    };
    VersionRange::new(lower, upper)
        .map(|range| (range, plain))
        .map_err(|e| format!("`{path}`: {e}"))
}

/// The critical affected Kubernetes ranges of `records` per the standard reading.
///
/// A record is critical when a CVSS member of its CNA metrics (any CVSS version, as the
/// official suite counts) has a base score of at least 8. Only critical records' `affected`
/// entries are read (product exactly `Kubernetes`, status `affected`). Everything the official
/// suite skips silently or aborts on gets a warning naming the CVE and the field; the standard
/// reading goes on without that item.
pub fn critical_ranges(records: &[CveRecord]) -> CriticalRanges {
    let mut ranges = Vec::new();
    let mut findings = Vec::new();
    for (index, record) in records.iter().enumerate() {
        let id = record.label(index);
        let mut warn = |message: String| {
            findings.push(Finding::new(
                VERSION_POLICY_CHECK,
                Severity::Warning,
                Some(id.clone()),
                message,
            ));
        };
        let skipped = |what: &str, null: bool| {
            if null {
                format!("`{what}` is null: no severity, the record is ignored")
            } else {
                format!(
                    "no `{what}`: no severity, the record is ignored (the official suite \
                     skips it silently)"
                )
            }
        };
        let containers = match &record.containers {
            JsonField::Value(containers) => containers,
            other => {
                warn(skipped("containers", matches!(other, JsonField::Null)));
                continue;
            }
        };
        let cna = match &containers.cna {
            JsonField::Value(cna) => cna,
            other => {
                warn(skipped("containers.cna", matches!(other, JsonField::Null)));
                continue;
            }
        };
        let metrics = match &cna.metrics {
            JsonField::Value(metrics) => metrics,
            other => {
                warn(skipped(
                    "containers.cna.metrics",
                    matches!(other, JsonField::Null) && !cna.affected.is_missing(),
                ));
                continue;
            }
        };
        if cna.affected.is_missing() {
            warn(skipped("containers.cna.affected", false));
            continue;
        }
        let mut critical = false;
        for (m, metric) in metrics.iter().enumerate() {
            for (key, value) in &metric.entries {
                if !official::is_cvss_key(key) {
                    continue;
                }
                match value {
                    MetricValue::Object {
                        base_score: BaseScore::Number(score),
                    } => critical |= *score >= CRITICAL_SCORE,
                    MetricValue::Object {
                        base_score: BaseScore::Missing,
                    } => warn(format!(
                        "`metrics[{m}].{key}` has no `baseScore`: not counted"
                    )),
                    MetricValue::Object {
                        base_score: BaseScore::Other(kind),
                    } => warn(format!(
                        "`metrics[{m}].{key}.baseScore` is {kind}, not a number: not counted"
                    )),
                    MetricValue::Other(kind) => warn(format!(
                        "`metrics[{m}].{key}` is {kind}, not an object: not counted"
                    )),
                }
            }
        }
        if !critical {
            continue;
        }
        let affected = match &cna.affected {
            JsonField::Value(affected) => affected,
            _ => {
                warn("critical, but `containers.cna.affected` is null: no ranges".to_owned());
                continue;
            }
        };
        for (a, product) in affected.iter().enumerate() {
            match &product.product {
                JsonField::Value(name) if name == "Kubernetes" => {}
                JsonField::Missing => {
                    warn(format!("`affected[{a}]` has no `product`: ignored"));
                    continue;
                }
                _ => continue,
            }
            let versions = match &product.versions {
                JsonField::Value(versions) => versions,
                _ => {
                    warn(format!(
                        "`affected[{a}]` (Kubernetes) has no `versions`: no ranges"
                    ));
                    continue;
                }
            };
            for (v, entry) in versions.iter().enumerate() {
                let path = EntryPath(Some(a), v);
                match &entry.status {
                    JsonField::Value(status) if status == "affected" => {}
                    JsonField::Missing => {
                        warn(format!("`{path}` has no `status`: ignored"));
                        continue;
                    }
                    _ => continue,
                }
                match standard_range(entry, path) {
                    Ok((range, true)) => ranges.push(CriticalRange {
                        cve_id: id.clone(),
                        range,
                    }),
                    Ok((range, false)) => {
                        match &official::affected_range(entry) {
                            Ok(theirs) if *theirs == range => {}
                            Ok(theirs) => warn(format!(
                                "`{path}` read as {range} (the official suite reads {theirs})"
                            )),
                            Err(_) => warn(format!(
                                "`{path}` read as {range} (the official suite aborts on it)"
                            )),
                        }
                        ranges.push(CriticalRange {
                            cve_id: id.clone(),
                            range,
                        });
                    }
                    Err(message) => match &official::affected_range(entry) {
                        Ok(theirs) => warn(format!(
                            "{message}: ignored (the official suite reads {theirs})"
                        )),
                        Err(_) => warn(format!(
                            "{message}: ignored (the official suite aborts on it)"
                        )),
                    },
                }
            }
        }
    }
    CriticalRanges { ranges, findings }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(version: Option<&str>, lt: Option<&str>, le: Option<&str>) -> CveVersion {
        let field = |v: Option<&str>| match v {
            Some(v) => JsonField::Value(v.to_owned()),
            None => JsonField::Missing,
        };
        CveVersion {
            version: field(version),
            status: JsonField::Value("affected".into()),
            less_than: field(lt),
            less_than_or_equal: field(le),
            version_type: None,
        }
    }

    fn read(version: Option<&str>, lt: Option<&str>, le: Option<&str>) -> Result<String, String> {
        standard_range(&entry(version, lt, le), "v").map(|(r, _)| r.to_string())
    }

    #[test]
    fn standard_forms() {
        assert_eq!(read(Some("1.2.3"), None, None).as_deref(), Ok("1.2.3"));
        assert_eq!(
            read(Some("1.2.x"), None, None).as_deref(),
            Ok("[1.2.0, 1.3.0)")
        );
        assert_eq!(
            read(Some("1.2.x"), Some("1.2.7"), None).as_deref(),
            Ok("[1.2.0, 1.2.7)")
        );
        assert_eq!(
            read(Some("v1.2.3 - v1.2.5"), None, None).as_deref(),
            Ok("[1.2.3, 1.2.5]")
        );
        assert_eq!(
            read(Some("1.2.3-1.2.5"), None, None).as_deref(),
            Ok("[1.2.3, 1.2.5]")
        );
        assert_eq!(
            read(Some("1.28.0"), Some("*"), None).as_deref(),
            Ok("[1.28.0, *)")
        );
        assert_eq!(
            read(Some("0"), Some("1.27.13"), None).as_deref(),
            Ok("[0.0.0, 1.27.13)")
        );
        assert_eq!(
            read(None, Some("1.3.0"), None).as_deref(),
            Ok("[0.0.0, 1.3.0)")
        );
        assert_eq!(
            read(Some("unknown"), None, None),
            Err("`v.version` `unknown` names no version and there is no bound".into())
        );
        assert_eq!(
            read(Some("1.28.0"), Some("1.27.0"), None),
            Err("`v`: the upper bound `1.27.0` is below the lower bound `1.28.0`".into())
        );
        assert_eq!(
            read(Some("1.28.0"), Some("1.28"), None),
            Err("`v.lessThan` `1.28` is not a version".into())
        );
    }
}
