//! What the official suite (`Tests/kaas/scs_0210_version_policy/k8s_version_policy.py`)
//! computes, step by step, including where it crashes (reported as ABORT).
//!
//! These functions reproduce the probed behaviour of the digest (sections 1.5 to 1.9); the
//! check in the parent module uses them for the `official` outcome. An [`OfficialAbort`] is
//! an exception of the official script: the testcase line would read
//! `version-policy-check: ABORT`.
//!
//! Python's `int()` leniency is reproduced for ASCII input (surrounding whitespace, a `+` sign,
//! `_` between digits, `-0`); negative numbers, numbers above `u64::MAX` and non-ASCII digits,
//! which Python also accepts, are treated as unparsable here (the digest: an accident, need not
//! be reproduced).

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use regex::Regex;

use super::data::{
    BaseScore, CveFeed, CveMetric, CveRecord, CveVersion, EolEntry, EolTable, JsonField, JsonKind,
    MetricValue, Release,
};
use super::version::{K8sBranch, K8sVersion, UpperBound, VersionRange};

/// The official patch window: a newer patch older than this fails the check (strictly).
pub const PATCH_WINDOW: Duration = Duration::days(31);
/// The official critical-CVE window (strict).
pub const CVE_WINDOW: Duration = Duration::days(14);
/// The official critical-CVE warning window (strict).
pub const CVE_WARN_WINDOW: Duration = Duration::days(2);
/// The CVSS base score from which a CVE is critical (inclusive).
pub const CRITICAL_SCORE: f64 = 8.0;

/// An exception in the official script: the testcase reports ABORT. The message says what it
/// choked on.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct OfficialAbort(String);

impl OfficialAbort {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        OfficialAbort(message.into())
    }

    /// What the official suite chokes on.
    pub fn message(&self) -> &str {
        &self.0
    }
}

/// Python's `int(text)` for ASCII text (see the module docs for what is not reproduced).
fn py_int(text: &str) -> Option<u64> {
    let text = text.trim();
    let (negative, digits) = match text.as_bytes().first() {
        Some(b'+') => (false, &text[1..]),
        Some(b'-') => (true, &text[1..]),
        _ => (false, text),
    };
    let bytes = digits.as_bytes();
    if bytes.is_empty() || !bytes[0].is_ascii_digit() || !bytes[bytes.len() - 1].is_ascii_digit() {
        return None;
    }
    let mut value: u64 = 0;
    let mut previous_underscore = false;
    for &b in bytes {
        match b {
            b'0'..=b'9' => {
                value = value.checked_mul(10)?.checked_add(u64::from(b - b'0'))?;
                previous_underscore = false;
            }
            b'_' if !previous_underscore => previous_underscore = true,
            _ => return None,
        }
    }
    (!negative || value == 0).then_some(value)
}

/// The official `parse_version`: trim, drop one leading `v`, cut at the first `+`, exactly
/// three `int()` parts. Any `-suffix` fails.
///
/// # Errors
///
/// [`OfficialAbort`] where the official function raises.
pub fn parse_version(text: &str) -> Result<K8sVersion, OfficialAbort> {
    let cleansed = text.trim();
    let cleansed = cleansed.strip_prefix('v').unwrap_or(cleansed);
    let cleansed = cleansed.split('+').next().unwrap_or_default();
    let mut parts = cleansed.split('.');
    let numbers = (parts.next(), parts.next(), parts.next(), parts.next());
    if let (Some(major), Some(minor), Some(patch), None) = numbers {
        if let (Some(major), Some(minor), Some(patch)) =
            (py_int(major), py_int(minor), py_int(patch))
        {
            return Ok(K8sVersion::new(major, minor, patch));
        }
    }
    Err(OfficialAbort::new(format!(
        "`{text}` is not a version it can parse"
    )))
}

/// The fields of Python's `strptime` used here: the digits a directive accepts (`%Y`: exactly
/// four; the others one or two, or a space and one digit for `%d`) and the largest two-digit
/// value its pattern allows (`%m` 12, `%d` 31, `%H` 23, `%M` 59, `%S` 61).
#[derive(Clone, Copy)]
enum Directive {
    Year,
    /// One or two digits; `(min, max)` of the two-digit form (`0[1-9]|1[0-2]` is 1..=12).
    Two(u32, u32),
    /// `%d`, which also takes a space and one digit.
    Day,
}

/// Reads `text` with a `strptime` format made of directives and literal separators
/// (compared case-insensitively, as `strptime` does). `None` where `strptime` raises.
fn strptime(text: &str, format: &[(Directive, Option<u8>)]) -> Option<[u32; 6]> {
    let bytes = text.as_bytes();
    let mut pos = 0;
    let mut out = [0u32; 6];
    for (slot, (directive, literal)) in format.iter().enumerate() {
        let start = pos;
        if matches!(directive, Directive::Day) && bytes.get(pos) == Some(&b' ') {
            pos += 1;
            let digit = *bytes.get(pos).filter(|b| (b'1'..=b'9').contains(b))?;
            out[slot] = u32::from(digit - b'0');
            pos += 1;
        } else {
            while pos < bytes.len() && bytes[pos].is_ascii_digit() {
                pos += 1;
            }
            let digits = &text[start..pos];
            let value: u32 = digits.parse().ok()?;
            let (min, max) = match directive {
                Directive::Year => (1, 9999),
                Directive::Two(min, max) => (*min, *max),
                Directive::Day => (1, 31),
            };
            let ok = match (directive, digits.len()) {
                (Directive::Year, 4) => value >= min,
                (Directive::Year, _) => false,
                (_, 1) => value >= min,
                (_, 2) => (min..=max).contains(&value),
                _ => false,
            };
            if !ok {
                return None;
            }
            out[slot] = value;
        }
        if let Some(literal) = literal {
            if !bytes.get(pos)?.eq_ignore_ascii_case(literal) {
                return None;
            }
            pos += 1;
        }
    }
    (pos == bytes.len()).then_some(out)
}

const MONTH: Directive = Directive::Two(1, 12);

/// `datetime.strptime(text, "%Y-%m-%d")` (also used, it is the same grammar, by the standard
/// reading of the EOL table).
pub(crate) fn parse_date(text: &str) -> Option<NaiveDate> {
    let format = [
        (Directive::Year, Some(b'-')),
        (MONTH, Some(b'-')),
        (Directive::Day, None),
    ];
    let n = strptime(text, &format)?;
    NaiveDate::from_ymd_opt(i32::try_from(n[0]).ok()?, n[1], n[2])
}

/// `datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ")`, read as UTC.
pub(crate) fn parse_timestamp(text: &str) -> Option<DateTime<Utc>> {
    let format = [
        (Directive::Year, Some(b'-')),
        (MONTH, Some(b'-')),
        (Directive::Day, Some(b'T')),
        (Directive::Two(0, 23), Some(b':')),
        (Directive::Two(0, 59), Some(b':')),
        (Directive::Two(0, 61), Some(b'Z')),
    ];
    let n = strptime(text, &format)?;
    let date = NaiveDate::from_ymd_opt(i32::try_from(n[0]).ok()?, n[1], n[2])?;
    let time = NaiveTime::from_hms_opt(n[3], n[4], n[5])?;
    Some(NaiveDateTime::new(date, time).and_utc())
}

/// A release's version and publication time as the official `parse_github_release_data` reads
/// them: the tag cut at the first `-` (`v1.29.3-dev0` is 1.29.3, `v1.30.0-rc.1` is 1.30.0),
/// `published_at` exactly `%Y-%m-%dT%H:%M:%SZ`, as UTC.
///
/// # Errors
///
/// [`OfficialAbort`] for a missing or unparsable tag or timestamp.
pub fn parse_release(release: &Release) -> Result<(K8sVersion, DateTime<Utc>), OfficialAbort> {
    parse_release_at(release, 0)
}

fn parse_release_at(
    release: &Release,
    index: usize,
) -> Result<(K8sVersion, DateTime<Utc>), OfficialAbort> {
    let name = release.describe(index);
    let Some(tag) = &release.tag_name else {
        return Err(OfficialAbort::new(format!("{name} has no `tag_name`")));
    };
    let version = parse_version(tag.split('-').next().unwrap_or_default()).map_err(|_| {
        OfficialAbort::new(format!("release tag `{tag}` is not a version it can parse"))
    })?;
    let Some(published) = &release.published_at else {
        return Err(OfficialAbort::new(format!("{name} has no `published_at`")));
    };
    let published = parse_timestamp(published).ok_or_else(|| {
        OfficialAbort::new(format!(
            "{name}: `published_at` `{published}` is not YYYY-MM-DDTHH:MM:SSZ"
        ))
    })?;
    Ok((version, published))
}

/// An EOL table entry as the official `parse_branch_info` reads it: the end of life is 00:00 UTC
/// of the given day.
///
/// # Errors
///
/// [`OfficialAbort`] for a branch that is not two `int()` parts or a date that is not
/// `%Y-%m-%d`.
pub fn parse_eol_entry(entry: &EolEntry) -> Result<(K8sBranch, NaiveDate), OfficialAbort> {
    let mut parts = entry.branch.split('.');
    let branch = match (parts.next(), parts.next(), parts.next()) {
        (Some(major), Some(minor), None) => py_int(major)
            .zip(py_int(minor))
            .map(|(major, minor)| K8sBranch::new(major, minor)),
        _ => None,
    };
    let branch = branch.ok_or_else(|| {
        OfficialAbort::new(format!(
            "EOL table: branch `{}` is not MAJOR.MINOR",
            entry.branch
        ))
    })?;
    let eol = parse_date(&entry.end_of_life).ok_or_else(|| {
        OfficialAbort::new(format!(
            "EOL table: end-of-life `{}` of branch `{}` is not YYYY-MM-DD",
            entry.end_of_life, entry.branch
        ))
    })?;
    Ok((branch, eol))
}

/// The table as the official suite builds its map: every entry parsed (one bad entry aborts),
/// later entries for the same branch win.
fn eol_map(table: &EolTable) -> Result<Vec<(K8sBranch, DateTime<Utc>)>, OfficialAbort> {
    let mut map: HashMap<K8sBranch, DateTime<Utc>> = HashMap::new();
    for entry in &table.entries {
        let (branch, eol) = parse_eol_entry(entry)?;
        map.insert(branch, midnight(eol));
    }
    let mut entries: Vec<_> = map.into_iter().collect();
    entries.sort();
    Ok(entries)
}

pub(crate) fn midnight(date: NaiveDate) -> DateTime<Utc> {
    date.and_time(NaiveTime::MIN).and_utc()
}

/// The branches the official suite considers supported at `now` (`now` before the end of life
/// at 00:00), sorted. With fewer than three it warns (`warn` is true).
///
/// # Errors
///
/// [`OfficialAbort`] for a bad entry, or when fewer than two branches are supported.
pub fn supported_branches(
    table: &EolTable,
    now: DateTime<Utc>,
) -> Result<(Vec<K8sBranch>, bool), OfficialAbort> {
    let map = eol_map(table)?;
    supported_in(&map, now)
}

fn supported_in(
    map: &[(K8sBranch, DateTime<Utc>)],
    now: DateTime<Utc>,
) -> Result<(Vec<K8sBranch>, bool), OfficialAbort> {
    let supported: Vec<K8sBranch> = map
        .iter()
        .filter(|(_, eol)| now < *eol)
        .map(|(branch, _)| *branch)
        .collect();
    if supported.len() < 2 {
        return Err(too_few(supported.len()));
    }
    let warn = supported.len() < 3;
    Ok((supported, warn))
}

fn too_few(count: usize) -> OfficialAbort {
    OfficialAbort::new(format!(
        "its EOL table lists {count} supported branch{} (it needs at least 2)",
        if count == 1 { "" } else { "es" }
    ))
}

/// Whether a metrics key names CVSS data (the official pattern `[cC][vV][sS]{1,2}V\d`, searched
/// anywhere in the key: `cvssV3_1`, `cvssV4_0`, `cvsV3` match, `other` does not).
pub fn is_cvss_key(key: &str) -> bool {
    let b = key.as_bytes();
    (0..b.len()).any(|i| {
        let rest = &b[i..];
        if rest.len() < 5
            || !rest[0].eq_ignore_ascii_case(&b'c')
            || !rest[1].eq_ignore_ascii_case(&b'v')
            || !rest[2].eq_ignore_ascii_case(&b's')
        {
            return false;
        }
        let tail = if rest[3].eq_ignore_ascii_case(&b's') {
            &rest[4..]
        } else {
            &rest[3..]
        };
        // `[sS]{1,2}` backtracks: after `ss`, `sV\d` may still follow a single `s`.
        let at = |t: &[u8]| t.len() >= 2 && t[0] == b'V' && t[1].is_ascii_digit();
        at(tail) || at(&rest[3..])
    })
}

/// The official `is_high_severity`: some CVSS member (in document order, stopping at the first
/// hit) has `baseScore >= 8`.
///
/// # Errors
///
/// [`OfficialAbort`] when, before a hit, a CVSS member is not an object or lacks a numeric
/// `baseScore` (a boolean score compares as 0 or 1, as in Python).
pub fn is_critical(metrics: &[CveMetric]) -> Result<bool, OfficialAbort> {
    is_critical_in(metrics, "the record")
}

fn is_critical_in(metrics: &[CveMetric], label: &str) -> Result<bool, OfficialAbort> {
    for (index, metric) in metrics.iter().enumerate() {
        for (key, value) in &metric.entries {
            if !is_cvss_key(key) {
                continue;
            }
            let score = match value {
                MetricValue::Object {
                    base_score: BaseScore::Number(score),
                } => *score,
                MetricValue::Object {
                    base_score: BaseScore::Other(JsonKind::Bool),
                } => 0.0, // True >= 8 and False >= 8 are both false
                MetricValue::Object {
                    base_score: BaseScore::Missing,
                } => {
                    return Err(OfficialAbort::new(format!(
                        "{label}: `metrics[{index}].{key}` has no `baseScore`"
                    )))
                }
                MetricValue::Object {
                    base_score: BaseScore::Other(kind),
                } => {
                    return Err(OfficialAbort::new(format!(
                        "{label}: `metrics[{index}].{key}.baseScore` is {kind}, not a number"
                    )))
                }
                MetricValue::Other(kind) => {
                    return Err(OfficialAbort::new(format!(
                        "{label}: `metrics[{index}].{key}` is {kind}, not an object"
                    )))
                }
            };
            if score >= CRITICAL_SCORE {
                return Ok(true);
            }
        }
    }
    Ok(false)
}

fn dash_form_regex() -> &'static Regex {
    static DASH: OnceLock<Regex> = OnceLock::new();
    DASH.get_or_init(|| {
        Regex::new(r"v?[0-9]+\.[0-9]+\.[0-9]+\s+-\s+v?[0-9]+\.[0-9]+\.[0-9]+")
            .unwrap_or_else(|_| unreachable!())
    })
}

/// The official `parse_cve_version_information`: the range of one `versions` entry (digest
/// 1.8 step 4, with its odd `version` forms: `1.2.x` gives the empty range `[1.2.0, 1.2.0)`,
/// `1.2.3 - 1.2.5` gives `[1.2.3, 1.2.5)`, both only when neither bound parses).
///
/// # Errors
///
/// [`OfficialAbort`] for a missing or `null` `version`, an unparsable upper bound (`*`), junk
/// before an `M.m.x` form, or an upper bound below the lower one.
pub fn affected_range(entry: &CveVersion) -> Result<VersionRange, OfficialAbort> {
    affected_range_in(entry, "the record", EntryPath(None, 0))
}

/// `affected[a].versions[v]` (or `versions[v]`), formatted only for messages.
#[derive(Clone, Copy)]
pub(crate) struct EntryPath(pub Option<usize>, pub usize);

impl std::fmt::Display for EntryPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(a) = self.0 {
            write!(f, "affected[{a}].")?;
        }
        write!(f, "versions[{}]", self.1)
    }
}

/// Python's `re.search(r'v?\d+\.\d+\.x', text)`.
fn has_x_form(text: &str) -> bool {
    let b = text.as_bytes();
    (0..b.len().saturating_sub(1)).any(|i| {
        if b[i] != b'.' || b[i + 1] != b'x' {
            return false;
        }
        let before = &b[..i];
        let minor = before
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_digit())
            .count();
        if minor == 0 || before.len() < minor + 2 || before[before.len() - minor - 1] != b'.' {
            return false;
        }
        let rest = &before[..before.len() - minor - 1];
        rest.last().is_some_and(u8::is_ascii_digit)
    })
}

fn affected_range_in(
    entry: &CveVersion,
    label: &str,
    path: EntryPath,
) -> Result<VersionRange, OfficialAbort> {
    let field = |name: &str| format!("{label}: `{path}.{name}`");
    let version = match &entry.version {
        JsonField::Value(version) => version.as_str(),
        JsonField::Missing => {
            return Err(OfficialAbort::new(format!(
                "{} is missing",
                field("version")
            )))
        }
        JsonField::Null => return Err(OfficialAbort::new(format!("{} is null", field("version")))),
    };
    let mut lower = parse_version(version).ok();
    let bound = |name: &str, value: &JsonField<String>| match value {
        JsonField::Value(text) => parse_version(text)
            .map_err(|_| OfficialAbort::new(format!("{} `{text}` is not a version", field(name)))),
        _ => Err(OfficialAbort::new(format!("{} is null", field(name)))),
    };
    let mut inclusive = false;
    let mut upper = if !entry.less_than_or_equal.is_missing() {
        inclusive = true;
        Some(bound("lessThanOrEqual", &entry.less_than_or_equal)?)
    } else if !entry.less_than.is_missing() {
        Some(bound("lessThan", &entry.less_than)?)
    } else {
        None
    };
    if lower.is_none() && upper.is_none() {
        if has_x_form(version) {
            let mut parts = version.trim_matches('v').split('.');
            let major = parts.next().and_then(py_int);
            let minor = parts.next().and_then(py_int);
            let (Some(major), Some(minor)) = (major, minor) else {
                return Err(OfficialAbort::new(format!(
                    "{} `{version}` has an `M.m.x` form it cannot read",
                    field("version")
                )));
            };
            lower = Some(K8sVersion::new(major, minor, 0));
            upper = Some(K8sVersion::new(major, minor, 0));
        }
        if version.contains('-') && dash_form_regex().is_match(version) {
            let mut parts = version.split('-');
            let from = parse_version(parts.next().unwrap_or_default());
            let to = parse_version(parts.next().unwrap_or_default());
            let (Ok(from), Ok(to)) = (from, to) else {
                return Err(OfficialAbort::new(format!(
                    "{} `{version}` has an `a - b` form it cannot read",
                    field("version")
                )));
            };
            lower = Some(from);
            upper = Some(to);
        }
    }
    let lower = lower.unwrap_or(K8sVersion::new(0, 0, 0));
    let upper = match upper {
        None => UpperBound::Single,
        Some(upper) if inclusive => UpperBound::Inclusive(upper),
        Some(upper) => UpperBound::Exclusive(upper),
    };
    VersionRange::new(lower, upper)
        .map_err(|e| OfficialAbort::new(format!("{label}: `{path}`: {e}")))
}

/// The official `collect_cve_versions` over fetched records: the set of affected Kubernetes
/// ranges of all critical records (records without `containers.cna.metrics` or
/// `containers.cna.affected` are skipped silently; equal ranges collapse).
///
/// # Errors
///
/// [`OfficialAbort`] at the first record the official code raises on (a `null` container, a
/// bad CVSS member, an `affected` entry without `product`, a Kubernetes entry without
/// `versions`, a version entry without `status`, a range it cannot read).
pub fn critical_ranges(records: &[CveRecord]) -> Result<Vec<VersionRange>, OfficialAbort> {
    let mut seen: HashSet<VersionRange> = HashSet::new();
    let mut ranges = ranges_of(records)?;
    ranges.retain(|range| seen.insert(range.clone()));
    Ok(ranges)
}

/// [`critical_ranges`] without collapsing equal ranges.
fn ranges_of(records: &[CveRecord]) -> Result<Vec<VersionRange>, OfficialAbort> {
    let mut ranges: Vec<VersionRange> = Vec::new();
    for (index, record) in records.iter().enumerate() {
        let label = record.label(index);
        let null = |what: &str| OfficialAbort::new(format!("{label}: `{what}` is null"));
        let containers = match &record.containers {
            JsonField::Missing => continue,
            JsonField::Null => return Err(null("containers")),
            JsonField::Value(containers) => containers,
        };
        let cna = match &containers.cna {
            JsonField::Missing => continue,
            JsonField::Null => return Err(null("containers.cna")),
            JsonField::Value(cna) => cna,
        };
        if cna.metrics.is_missing() || cna.affected.is_missing() {
            continue;
        }
        let JsonField::Value(metrics) = &cna.metrics else {
            return Err(null("containers.cna.metrics"));
        };
        if !is_critical_in(metrics, &label)? {
            continue;
        }
        let JsonField::Value(affected) = &cna.affected else {
            return Err(null("containers.cna.affected"));
        };
        for (a, product) in affected.iter().enumerate() {
            match &product.product {
                JsonField::Missing => {
                    return Err(OfficialAbort::new(format!(
                        "{label}: `affected[{a}]` has no `product`"
                    )))
                }
                JsonField::Value(name) if name == "Kubernetes" => {}
                _ => continue,
            }
            let JsonField::Value(versions) = &product.versions else {
                return Err(OfficialAbort::new(format!(
                    "{label}: the Kubernetes entry `affected[{a}]` has no `versions`"
                )));
            };
            for (v, entry) in versions.iter().enumerate() {
                match &entry.status {
                    JsonField::Missing => {
                        return Err(OfficialAbort::new(format!(
                            "{label}: `affected[{a}].versions[{v}]` has no `status`"
                        )))
                    }
                    JsonField::Value(status) if status == "affected" => {}
                    _ => continue,
                }
                let range = affected_range_in(entry, &label, EntryPath(Some(a), v))?;
                ranges.push(range);
            }
        }
    }
    Ok(ranges)
}

/// The result of the official recency rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recency {
    /// Whether the version is recent enough (`check_k8s_version_recency` returned true).
    pub recent: bool,
    /// The official warnings ("consider updating from 1.28.5 to 1.28.6 (critical CVE)"), in
    /// list order, up to the decision.
    pub warnings: Vec<String>,
}

/// The official recency rule (`check_k8s_version_recency`, digest 1.7) for `version` over
/// `releases` in list order, with the critical ranges `ranges`, at `now`.
///
/// # Errors
///
/// [`OfficialAbort`] for a release without `draft` (or, when it is not a draft, without
/// `prerelease`), or a non-draft, non-prerelease release that does not parse, reached before
/// the decision.
pub fn check_recency(
    version: &K8sVersion,
    releases: &[Release],
    ranges: &[VersionRange],
    now: DateTime<Utc>,
) -> Result<Recency, OfficialAbort> {
    let in_cve = ranges.iter().any(|range| range.contains(version));
    let steps = steps(releases);
    let mut warnings = Vec::new();
    match recency(version, &steps, in_cve, now, Some(&mut warnings)) {
        Ok(None) => Ok(Recency {
            recent: true,
            warnings,
        }),
        Ok(Some(_)) => Ok(Recency {
            recent: false,
            warnings,
        }),
        Err(abort) => Err(abort.clone()),
    }
}

/// One release as the official loop sees it.
#[derive(Clone, Debug)]
pub(crate) enum Step {
    /// The loop raises here.
    Abort(OfficialAbort),
    /// A parsed, non-draft, non-prerelease release.
    Release {
        version: K8sVersion,
        published: DateTime<Utc>,
    },
}

/// The releases as the loop sees them: drafts and pre-releases dropped, ending at the first
/// release the loop raises on.
pub(crate) fn steps(releases: &[Release]) -> Vec<Step> {
    let mut steps = Vec::with_capacity(releases.len());
    for (index, release) in releases.iter().enumerate() {
        let flag = |field: &JsonField<bool>, name: &str| match field {
            JsonField::Missing => Err(OfficialAbort::new(format!(
                "{} has no `{name}`",
                release.describe(index)
            ))),
            JsonField::Value(value) => Ok(*value),
            JsonField::Null => Ok(false),
        };
        let skip = flag(&release.draft, "draft").and_then(|draft| {
            if draft {
                Ok(true)
            } else {
                flag(&release.prerelease, "prerelease")
            }
        });
        let step = match skip {
            Ok(true) => continue,
            Ok(false) => match parse_release_at(release, index) {
                Ok((version, published)) => Step::Release { version, published },
                Err(abort) => Step::Abort(abort),
            },
            Err(abort) => Step::Abort(abort),
        };
        let stop = matches!(step, Step::Abort(_));
        steps.push(step);
        if stop {
            break;
        }
    }
    steps
}

/// Which release made the recency rule fail, and why.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Overdue<'a> {
    pub version: &'a K8sVersion,
    pub published: DateTime<Utc>,
    /// Failed by the CVE window rather than the patch window.
    pub cve: bool,
}

fn recency<'a>(
    version: &K8sVersion,
    steps: &'a [Step],
    in_cve: bool,
    now: DateTime<Utc>,
    mut warnings: Option<&mut Vec<String>>,
) -> Result<Option<Overdue<'a>>, &'a OfficialAbort> {
    for step in steps {
        let (release, published) = match step {
            Step::Abort(abort) => return Err(abort),
            Step::Release { version, published } => (version, *published),
        };
        if release.branch() != version.branch() || version.patch() >= release.patch() {
            continue;
        }
        let age = now - published;
        if age > PATCH_WINDOW {
            return Ok(Some(Overdue {
                version: release,
                published,
                cve: false,
            }));
        }
        if in_cve && age > CVE_WARN_WINDOW {
            if let Some(warnings) = warnings.as_deref_mut() {
                warnings.push(format!(
                    "consider updating from {version} to {release} (critical CVE)"
                ));
            }
            if age > CVE_WINDOW {
                return Ok(Some(Overdue {
                    version: release,
                    published,
                    cve: true,
                }));
            }
        }
    }
    Ok(None)
}

/// Everything the official run derives from the data before the time-dependent decision.
#[derive(Clone, Debug)]
pub(crate) struct Prepared {
    eol: Result<Vec<(K8sBranch, DateTime<Utc>)>, OfficialAbort>,
    cve: Result<Vec<VersionRange>, OfficialAbort>,
    feed: Option<OfficialAbort>,
    cluster: Result<K8sVersion, OfficialAbort>,
    steps: Vec<Step>,
    in_cve: bool,
}

/// The official verdict at one moment.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Verdict<'a> {
    Pass,
    /// The cluster's branch is not supported per the table.
    FailEol(K8sBranch),
    /// The recency rule failed.
    FailRecency(Overdue<'a>),
    /// A crash on the data.
    Abort(&'a OfficialAbort),
    /// The table sanity check: fewer than two supported branches.
    AbortTooFew(usize),
}

impl Verdict<'_> {
    pub(crate) fn outcome(&self) -> crate::report::Outcome {
        use crate::report::Outcome;
        match self {
            Verdict::Pass => Outcome::Pass,
            Verdict::FailEol(_) | Verdict::FailRecency(_) => Outcome::Fail,
            Verdict::Abort(_) | Verdict::AbortTooFew(_) => Outcome::Abort,
        }
    }

    /// Why, for a finding: `aborts: ...`, `reports FAIL: ...`, `reports PASS`.
    pub(crate) fn explain(&self, cluster: &str) -> String {
        match self {
            Verdict::Pass => "reports PASS".to_owned(),
            Verdict::FailEol(branch) => {
                format!("reports FAIL: branch {branch} is not a supported branch of its EOL table")
            }
            Verdict::FailRecency(overdue) if overdue.cve => format!(
                "reports FAIL: {} published {} is more than 14 days old and `{cluster}` lies in \
                 a critical CVE range (it does not check whether {} fixes the CVE)",
                overdue.version,
                overdue.published.format("%Y-%m-%d"),
                overdue.version
            ),
            Verdict::FailRecency(overdue) => format!(
                "reports FAIL: {} published {} is more than 31 days old",
                overdue.version,
                overdue.published.format("%Y-%m-%d")
            ),
            Verdict::Abort(abort) => format!("aborts: {abort}"),
            Verdict::AbortTooFew(count) => format!("aborts: {}", too_few(*count)),
        }
    }
}

impl Prepared {
    /// `known_ranges`: the official critical ranges when the caller already knows them (the
    /// standard reading yields the same ranges when it finds nothing odd in the records).
    pub(crate) fn new(
        cluster: &str,
        releases: &[Release],
        records: &[CveRecord],
        known_ranges: Option<Vec<VersionRange>>,
        feed: Option<&CveFeed>,
        eol: &EolTable,
    ) -> Self {
        let cve = match known_ranges {
            Some(ranges) => Ok(ranges),
            None => ranges_of(records),
        };
        let cluster = parse_version(cluster).map_err(|_| {
            OfficialAbort::new(format!(
                "the cluster version `{cluster}` is not a version it can parse"
            ))
        });
        let in_cve = match (&cluster, &cve) {
            (Ok(version), Ok(ranges)) => ranges.iter().any(|range| range.contains(version)),
            _ => false,
        };
        let feed = feed.and_then(|feed| {
            let fetched: HashSet<&str> = records.iter().filter_map(CveRecord::cve_id).collect();
            feed.ids()
                .find(|id| !fetched.contains(id))
                .map(|id| OfficialAbort::new(format!("the CVE record of `{id}` was not fetched")))
        });
        Prepared {
            eol: eol_map(eol),
            cve,
            feed,
            cluster,
            steps: steps(&releases[..releases.len().min(super::OFFICIAL_RELEASE_PAGE)]),
            in_cve,
        }
    }

    /// The official verdict at `now`.
    pub(crate) fn at(&self, now: DateTime<Utc>) -> Verdict<'_> {
        let map = match &self.eol {
            Ok(map) => map,
            Err(abort) => return Verdict::Abort(abort),
        };
        let supported = map.iter().filter(|(_, eol)| now < *eol).count();
        if supported < 2 {
            return Verdict::AbortTooFew(supported);
        }
        if let Err(abort) = &self.cve {
            return Verdict::Abort(abort);
        }
        if let Some(abort) = &self.feed {
            return Verdict::Abort(abort);
        }
        let cluster = match &self.cluster {
            Ok(cluster) => cluster,
            Err(abort) => return Verdict::Abort(abort),
        };
        let branch = cluster.branch();
        if !map.iter().any(|(b, eol)| *b == branch && now < *eol) {
            return Verdict::FailEol(branch);
        }
        match recency(cluster, &self.steps, self.in_cve, now, None) {
            Ok(None) => Verdict::Pass,
            Ok(Some(overdue)) => Verdict::FailRecency(overdue),
            Err(abort) => Verdict::Abort(abort),
        }
    }

    /// The moments after `now` at which the official verdict may change: the table's ends of
    /// life, and just after each window of each newer release of the cluster's branch closes.
    pub(crate) fn change_candidates(&self, now: DateTime<Utc>, out: &mut Vec<DateTime<Utc>>) {
        if let Ok(map) = &self.eol {
            out.extend(map.iter().map(|(_, eol)| *eol).filter(|eol| *eol > now));
        }
        let Ok(cluster) = &self.cluster else { return };
        for step in &self.steps {
            if let Step::Release { version, published } = step {
                if version.branch() == cluster.branch() && version.patch() > cluster.patch() {
                    let mut windows = vec![PATCH_WINDOW];
                    if self.in_cve {
                        windows.push(CVE_WINDOW);
                    }
                    out.extend(
                        windows
                            .into_iter()
                            .map(|w| *published + w + Duration::nanoseconds(1))
                            .filter(|t| *t > now),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn x_form_search() {
        assert!(has_x_form("1.2.x"));
        assert!(has_x_form("v1.22.x"));
        assert!(has_x_form("<= 1.2.x"));
        assert!(has_x_form("1.2.x-foo"));
        assert!(!has_x_form("1.x"));
        assert!(!has_x_form(".2.x"));
        assert!(!has_x_form("1.2.X"));
        assert!(!has_x_form("1..x"));
        assert!(!has_x_form("x"));
    }

    #[test]
    fn python_int() {
        assert_eq!(py_int("05"), Some(5));
        assert_eq!(py_int(" 28 "), Some(28));
        assert_eq!(py_int("+3"), Some(3));
        assert_eq!(py_int("2_0"), Some(20));
        assert_eq!(py_int("-0"), Some(0));
        assert_eq!(py_int("-1"), None);
        assert_eq!(py_int("2__0"), None);
        assert_eq!(py_int("_2"), None);
        assert_eq!(py_int("2_"), None);
        assert_eq!(py_int(""), None);
        assert_eq!(py_int("x"), None);
        assert_eq!(py_int("5-rc"), None);
    }

    #[test]
    fn strptime() {
        let t = |s| parse_timestamp(s).map(|t| t.to_rfc3339());
        assert_eq!(
            t("2024-01-17T19:40:09Z").as_deref(),
            Some("2024-01-17T19:40:09+00:00")
        );
        assert_eq!(
            t("2024-1-7t9:4:9z").as_deref(),
            Some("2024-01-07T09:04:09+00:00")
        );
        assert_eq!(t("2024-01-01T00:00:00.5Z"), None);
        assert_eq!(t("2024-01-01T00:00:00+00:00"), None);
        assert_eq!(t("2024-01-01"), None);
        assert_eq!(t("2024-02-30T00:00:00Z"), None);
        assert_eq!(t("2024-01-01T00:00:60Z"), None);
        assert_eq!(
            parse_date("2025-6-28"),
            NaiveDate::from_ymd_opt(2025, 6, 28)
        );
        assert_eq!(
            parse_date("2025-06- 8"),
            NaiveDate::from_ymd_opt(2025, 6, 8)
        );
        assert_eq!(parse_date("2025-06-28T00:00:00"), None);
        assert_eq!(parse_date("25-06-28"), None);
    }
}
