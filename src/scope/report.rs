//! The YAML report of a compliance run (scs-compliance-check `-o`), as the official runner writes
//! it and the compliance monitor reads it.
//!
//! A report document has, in this key order: `spec {uuid, name, url}`, `checked_at`,
//! `reference_date`, `subject` and `run {uuid, argv, assignment, sections, forced_version,
//! forced_tests, invocations}`; each invocation has `id`, `cmd`, `results`, `rc`, `stdout`,
//! `stderr` and the counts `info`, `warning`, `error`, `critical`. Results are not kept per
//! version: a consumer merges the invocations' `results` ([`ReportDocument::results`]).
//!
//! Reading ([`Deserialize`], with any serde format) is as lenient as the monitor: only `subject`,
//! `checked_at`, `spec.uuid`, `run.uuid` and every `run.invocations.*.results` are required, the
//! other fields get defaults, unknown keys are ignored. A missing (or null) required field is an
//! error naming it by its path ([`ReportError::MissingFields`]). A field that is present but of
//! the wrong type is an error of the format (serde's message).
//!
//! Legacy reports, with results per version in a top-level `versions: {<version>: {<testcase>:
//! {result: N}}}`, are read as well (kept in [`ReportDocument::versions`]); as in the monitor,
//! such a document needs no `run.invocations`, and its results are those of `versions`.
//!
//! Writing is done here, without a YAML library: [`ReportDocument::to_yaml`] and
//! [`reports_to_yaml`] produce block-style YAML that PyYAML reads back into the same values
//! (with `checked_at` a `datetime`) and that every YAML 1.1 or 1.2 parser reads as the same strings.

use std::collections::HashMap;
use std::fmt::{self, Write as _};

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Utc};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};

use super::results::Results;

/// String keys → values in insertion order; inserting an existing key replaces its value and
/// keeps its position (as a Python `dict` does). Serialized as a map, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrderedMap<V> {
    entries: Vec<(String, V)>,
    index: HashMap<String, usize>,
}

impl<V> Default for OrderedMap<V> {
    fn default() -> Self {
        OrderedMap {
            entries: Vec::new(),
            index: HashMap::new(),
        }
    }
}

impl<V> OrderedMap<V> {
    /// An empty map.
    pub fn new() -> Self {
        OrderedMap::default()
    }

    /// Sets `key` to `value`; returns the value it replaces, if any.
    pub fn insert(&mut self, key: impl Into<String>, value: V) -> Option<V> {
        let key = key.into();
        match self.index.get(&key) {
            Some(&at) => Some(std::mem::replace(&mut self.entries[at].1, value)),
            None => {
                self.index.insert(key.clone(), self.entries.len());
                self.entries.push((key, value));
                None
            }
        }
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&V> {
        self.index.get(key).map(|&at| &self.entries[at].1)
    }

    /// The value of `key`, to change it.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut V> {
        self.index.get(key).map(|&at| &mut self.entries[at].1)
    }

    /// Whether `key` is present.
    pub fn contains_key(&self, key: &str) -> bool {
        self.index.contains_key(key)
    }

    /// The entries in insertion order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &V)> + '_ {
        self.entries
            .iter()
            .map(|(key, value)| (key.as_str(), value))
    }

    /// The keys in insertion order.
    pub fn keys(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        self.entries.iter().map(|(key, _)| key.as_str())
    }

    /// The values in insertion order.
    pub fn values(&self) -> impl ExactSizeIterator<Item = &V> + '_ {
        self.entries.iter().map(|(_, value)| value)
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the map is empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

impl<K: Into<String>, V> FromIterator<(K, V)> for OrderedMap<V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut map = OrderedMap::new();
        for (key, value) in iter {
            map.insert(key, value);
        }
        map
    }
}

impl<V: Serialize> Serialize for OrderedMap<V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for OrderedMap<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit<V>(std::marker::PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for Visit<V> {
            type Value = OrderedMap<V>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map with string keys")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = OrderedMap::new();
                while let Some((key, value)) = map.next_entry::<String, V>()? {
                    out.insert(key, value);
                }
                Ok(out)
            }
        }
        deserializer.deserialize_map(Visit(std::marker::PhantomData))
    }
}

/// Why a report document (or one of its timestamps or dates) could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ReportError {
    /// Required fields are absent or null; their paths, such as `run.uuid` or
    /// `run.invocations.<id>.results`, in document order.
    #[error("missing field{} {}", if .0.len() == 1 { "" } else { "s" }, list(.0))]
    MissingFields(Vec<String>),
    /// A `checked_at` that is not a timestamp.
    #[error(
        "invalid timestamp `{}`: expected YYYY-MM-DD HH:MM:SS[.fraction][offset] or YYYY-MM-DD",
        .0.escape_debug()
    )]
    InvalidTimestamp(String),
    /// A `reference_date` that is not a calendar date.
    #[error("invalid date `{}`: expected YYYY-MM-DD", .0.escape_debug())]
    InvalidDate(String),
}

fn list(items: &[String]) -> String {
    items
        .iter()
        .map(|item| format!("`{}`", item.escape_debug()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The scope a report is about: a copy of the scope file's `uuid`, `name` and `url`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawSpec")]
pub struct SpecRef {
    /// `uuid`: the scope's identity (required when reading).
    pub uuid: String,
    /// `name`, such as `SCS-compatible IaaS`.
    pub name: String,
    /// `url` of the scope file.
    pub url: String,
}

/// The record of one run: how the runner was called and what each script reported.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawRun")]
pub struct Run {
    /// `uuid`: the report's identity in the monitor (required when reading).
    pub uuid: String,
    /// `argv`: the runner's command-line arguments.
    pub argv: Vec<String>,
    /// `assignment`: the variables assigned with `-a`, in order (defaults are not included).
    pub assignment: OrderedMap<String>,
    /// `sections` selected with `-S`, or `None` for all.
    pub sections: Option<Vec<String>>,
    /// `forced_version` given with `-V`.
    pub forced_version: Option<String>,
    /// `forced_tests`: the `-t` regular expression.
    pub forced_tests: Option<String>,
    /// `invocations`: invocation id → invocation, in run order (required, with each invocation's
    /// `results`, when reading a report that is not a legacy one).
    pub invocations: OrderedMap<Invocation>,
}

/// One run of one script.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawInvocation")]
pub struct Invocation {
    /// `id` (a random uuid). When reading, an absent id is taken from the invocation's key.
    pub id: String,
    /// `cmd`: the command line as run, with its environment assignments first.
    pub cmd: String,
    /// `results`: testcase id → result code (1 PASS, 0 ABORT, -1 FAIL; other codes are kept).
    pub results: Results,
    /// `rc`: the script's exit code (127 when it could not be started).
    pub rc: i64,
    /// `stdout`, as lines.
    pub stdout: Vec<String>,
    /// `stderr`, as lines.
    pub stderr: Vec<String>,
    /// `info`: lines of stderr and stdout starting with `info` (in any case).
    pub info: u64,
    /// `warning`: likewise for `warning`.
    pub warning: u64,
    /// `error`: likewise for `error`.
    pub error: u64,
    /// `critical`: likewise for `critical`.
    pub critical: u64,
}

/// One report document (digest 8.6): what the official runner writes with `-o` and uploads.
///
/// ```
/// use scs_validators::scope::ReportDocument;
///
/// let text = r#"{"subject": "toycloud", "checked_at": "2026-11-24 07:28:50.935947",
///     "spec": {"uuid": "0000"},
///     "run": {"uuid": "1111", "invocations": {"a": {"results": {"tc-a": 1, "tc-b": -1}},
///                                             "b": {"results": {"tc-b": 1}}}}}"#;
/// let report: ReportDocument = serde_json::from_str(text)?;
/// assert_eq!(report.checked_at.to_string(), "2026-11-24 07:28:50.935947 UTC");
/// let results = report.results();
/// assert_eq!((results.get("tc-a"), results.get("tc-b")), (Some(1), Some(1)));
/// assert!(report.to_yaml().starts_with("---\nspec:\n  uuid: \"0000\"\n"));
///
/// let error = serde_json::from_str::<ReportDocument>(r#"{"spec": {}}"#).unwrap_err();
/// assert!(error.to_string().contains("missing fields `spec.uuid`, `checked_at`, `subject`"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawDocument")]
pub struct ReportDocument {
    /// `spec`: the scope.
    pub spec: SpecRef,
    /// `checked_at`: when the report was made. The official runner writes the checking host's
    /// naive local time; it is read as UTC (see [`parse_timestamp`]). Serialized as
    /// [`format_timestamp`] writes it.
    #[serde(serialize_with = "serialize_timestamp")]
    pub checked_at: DateTime<Utc>,
    /// `reference_date`: the date version validity was computed for (`--date`).
    pub reference_date: Option<NaiveDate>,
    /// `subject`: the cloud or cluster checked.
    pub subject: String,
    /// `run`: how the runner was called and what the scripts reported.
    pub run: Run,
    /// Legacy reports only: `versions`, version name → testcase id → result code (written as
    /// `{result: N}` per testcase). `None` for reports in the current format.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "serialize_legacy"
    )]
    pub versions: Option<OrderedMap<Results>>,
}

impl ReportDocument {
    /// The report's results, as the monitor reads them: every invocation's `results` merged in
    /// order, a later invocation's result for the same testcase winning.
    ///
    /// For a legacy report (with [`ReportDocument::versions`]) the monitor ignores the
    /// invocations and stores one row per version; here the versions' results are merged in
    /// file order, a later version winning (the monitor's choice among equal-time rows depends
    /// on its database's ordering instead).
    pub fn results(&self) -> Results {
        let mut merged = Results::new();
        match &self.versions {
            Some(versions) => versions.values().for_each(|one| merged.extend(one)),
            None => self
                .run
                .invocations
                .values()
                .for_each(|invocation| merged.extend(&invocation.results)),
        }
        merged
    }

    /// The document as YAML text, as the official runner lays it out: one document starting
    /// with `---`, block style, keys in the official order.
    ///
    /// `checked_at` is a plain naive UTC timestamp (`2026-11-24 07:28:50.935947`, the fraction
    /// only when not zero, with 9 digits when the instant has sub-microsecond precision, which
    /// PyYAML truncates), so that PyYAML reads it back as a `datetime`; `reference_date` a plain
    /// date. Every string, map keys included, is double-quoted, with `\\`, `\"`, control
    /// characters, U+0085, U+2028, U+2029, U+FEFF and the non-characters U+FFFE and U+FFFF
    /// escaped, so no string can turn into a number, a boolean, `null` or more lines. A key
    /// longer than 1000 characters is written as an explicit `? ` key (YAML limits implicit keys
    /// to 1024 characters). Empty lists are `[]`, empty maps `{}`, absent values `null`.
    ///
    /// Timestamps outside the years 0 to 9999 (which no parsed report has) are written as chrono
    /// displays them and cannot be read back.
    pub fn to_yaml(&self) -> String {
        let mut out = String::new();
        self.write_yaml(&mut out);
        out
    }

    fn write_yaml(&self, out: &mut String) {
        out.push_str("---\n");
        out.push_str("spec:\n");
        write_string_field(out, 1, "uuid", &self.spec.uuid);
        write_string_field(out, 1, "name", &self.spec.name);
        write_string_field(out, 1, "url", &self.spec.url);
        out.push_str("checked_at: ");
        out.push_str(&format_timestamp(self.checked_at));
        out.push('\n');
        out.push_str("reference_date: ");
        match self.reference_date {
            Some(date) => out.push_str(&date.format("%Y-%m-%d").to_string()),
            None => out.push_str("null"),
        }
        out.push('\n');
        write_string_field(out, 0, "subject", &self.subject);
        out.push_str("run:\n");
        let run = &self.run;
        write_string_field(out, 1, "uuid", &run.uuid);
        write_list_field(out, 1, "argv", Some(&run.argv));
        write_key(out, 1, "assignment", false);
        write_map(out, 2, &run.assignment, |out, _, value| {
            out.push(' ');
            write_quoted(out, value);
            out.push('\n');
        });
        write_list_field(out, 1, "sections", run.sections.as_deref());
        write_option_field(out, 1, "forced_version", run.forced_version.as_deref());
        write_option_field(out, 1, "forced_tests", run.forced_tests.as_deref());
        write_key(out, 1, "invocations", false);
        write_map(out, 2, &run.invocations, |out, level, invocation| {
            out.push('\n');
            write_invocation(out, level + 1, invocation);
        });
        if let Some(versions) = &self.versions {
            out.push_str("versions:");
            write_map(out, 1, versions, |out, level, results| {
                write_results(out, level + 1, results, true);
            });
        }
    }
}

/// Several report documents as one YAML stream, each starting with `---` (as the official test
/// runner concatenates them before upload).
pub fn reports_to_yaml<'a>(documents: impl IntoIterator<Item = &'a ReportDocument>) -> String {
    let mut out = String::new();
    for document in documents {
        document.write_yaml(&mut out);
    }
    out
}

fn write_invocation(out: &mut String, level: usize, invocation: &Invocation) {
    write_string_field(out, level, "id", &invocation.id);
    write_string_field(out, level, "cmd", &invocation.cmd);
    write_key(out, level, "results", false);
    write_results(out, level + 1, &invocation.results, false);
    write_int_field(out, level, "rc", invocation.rc);
    write_list_field(out, level, "stdout", Some(&invocation.stdout));
    write_list_field(out, level, "stderr", Some(&invocation.stderr));
    for (key, count) in [
        ("info", invocation.info),
        ("warning", invocation.warning),
        ("error", invocation.error),
        ("critical", invocation.critical),
    ] {
        indent(out, level);
        let _ = writeln!(out, "{key}: {count}");
    }
}

/// Writes `results` after a key that has been written without its line end: ` {}` when empty,
/// else one entry per line at `level`; `legacy` writes each code as `{result: N}`.
fn write_results(out: &mut String, level: usize, results: &Results, legacy: bool) {
    if results.is_empty() {
        out.push_str(" {}\n");
        return;
    }
    out.push('\n');
    for (id, code) in results.iter() {
        write_map_key(out, level, id);
        if legacy {
            out.push('\n');
            indent(out, level + 1);
            let _ = writeln!(out, "result: {code}");
        } else {
            let _ = writeln!(out, " {code}");
        }
    }
}

/// Writes a map after a key written without its line end: ` {}` when empty, else one entry per
/// line at `level`, each value written by `value` right after `key:` (it writes its own line end).
fn write_map<V>(
    out: &mut String,
    level: usize,
    map: &OrderedMap<V>,
    mut value: impl FnMut(&mut String, usize, &V),
) {
    if map.is_empty() {
        out.push_str(" {}\n");
        return;
    }
    out.push('\n');
    for (key, item) in map.iter() {
        write_map_key(out, level, key);
        value(out, level, item);
    }
}

/// Writes `"key":` (or, for a long key, `? "key"` and `:` on the next line) at `level`, without
/// the line end.
fn write_map_key(out: &mut String, level: usize, key: &str) {
    indent(out, level);
    let start = out.len();
    write_quoted(out, key);
    if out[start..].chars().count() > 1000 {
        out.insert_str(start, "? ");
        out.push('\n');
        indent(out, level);
    }
    out.push(':');
}

fn indent(out: &mut String, level: usize) {
    for _ in 0..level {
        out.push_str("  ");
    }
}

/// Writes `key:` at `level`, with the line end when `newline`.
fn write_key(out: &mut String, level: usize, key: &str, newline: bool) {
    indent(out, level);
    out.push_str(key);
    out.push(':');
    if newline {
        out.push('\n');
    }
}

fn write_string_field(out: &mut String, level: usize, key: &str, value: &str) {
    write_key(out, level, key, false);
    out.push(' ');
    write_quoted(out, value);
    out.push('\n');
}

fn write_option_field(out: &mut String, level: usize, key: &str, value: Option<&str>) {
    match value {
        Some(value) => write_string_field(out, level, key, value),
        None => {
            write_key(out, level, key, false);
            out.push_str(" null\n");
        }
    }
}

fn write_int_field(out: &mut String, level: usize, key: &str, value: i64) {
    write_key(out, level, key, false);
    let _ = writeln!(out, " {value}");
}

/// A list of strings as PyYAML writes it in a block mapping: the items at the key's indentation.
fn write_list_field(out: &mut String, level: usize, key: &str, items: Option<&[String]>) {
    write_key(out, level, key, false);
    match items {
        None => out.push_str(" null\n"),
        Some([]) => out.push_str(" []\n"),
        Some(items) => {
            out.push('\n');
            for item in items {
                indent(out, level);
                out.push_str("- ");
                write_quoted(out, item);
                out.push('\n');
            }
        }
    }
}

/// Writes `text` as a YAML double-quoted scalar.
fn write_quoted(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\0' => out.push_str("\\0"),
            '\u{07}' => out.push_str("\\a"),
            '\u{08}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\u{0b}' => out.push_str("\\v"),
            '\u{0c}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            '\u{1b}' => out.push_str("\\e"),
            '\u{00}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => {
                let _ = write!(out, "\\x{:02X}", u32::from(c));
            }
            '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}' => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// An instant as the report's `checked_at`: the naive UTC form PyYAML writes for a `datetime`,
/// `YYYY-MM-DD HH:MM:SS`, followed by `.ffffff` when there are microseconds, or by 9 digits when
/// there is sub-microsecond precision. A leap second is written as second `60`.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use scs_validators::scope::format_timestamp;
///
/// let at = Utc.with_ymd_and_hms(2026, 11, 24, 7, 28, 50).unwrap();
/// assert_eq!(format_timestamp(at), "2026-11-24 07:28:50");
/// let at = at + chrono::Duration::microseconds(935_947);
/// assert_eq!(format_timestamp(at), "2026-11-24 07:28:50.935947");
/// ```
pub fn format_timestamp(at: DateTime<Utc>) -> String {
    let naive = at.naive_utc();
    let (nanos, leap) = match naive.nanosecond() {
        n if n >= 1_000_000_000 => (n - 1_000_000_000, 1),
        n => (n, 0),
    };
    let mut text = format!(
        "{} {:02}:{:02}:{:02}",
        naive.date().format("%Y-%m-%d"),
        naive.hour(),
        naive.minute(),
        naive.second() + leap
    );
    if nanos % 1000 != 0 {
        let _ = write!(text, ".{nanos:09}");
    } else if nanos != 0 {
        let _ = write!(text, ".{:06}", nanos / 1000);
    }
    text
}

fn serialize_timestamp<S: Serializer>(
    at: &DateTime<Utc>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&format_timestamp(*at))
}

fn serialize_legacy<S: Serializer>(
    versions: &Option<OrderedMap<Results>>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    struct Entry(i64);
    impl Serialize for Entry {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut map = serializer.serialize_map(Some(1))?;
            map.serialize_entry("result", &self.0)?;
            map.end()
        }
    }
    struct Version<'a>(&'a Results);
    impl Serialize for Version<'_> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_map(self.0.iter().map(|(id, code)| (id, Entry(code))))
        }
    }
    match versions {
        Some(versions) => serializer.collect_map(
            versions
                .iter()
                .map(|(name, results)| (name, Version(results))),
        ),
        None => serializer.serialize_none(),
    }
}

/// Reads a `checked_at` value as an instant in UTC.
///
/// Accepted, as PyYAML reads a YAML timestamp: `YYYY-MM-DD` (midnight UTC), or `YYYY-M-D`
/// with one- or two-digit month and day, then `T`, `t` or spaces and tabs, then `H:MM:SS` or
/// `HH:MM:SS`, an optional fraction of any length (digits after the ninth are dropped), and an
/// optional offset after optional spaces: `Z` (or `z`), `±H`, `±HH` or `±HH:MM`. A timestamp
/// without offset is naive, as the official runner writes it (the checking host's local time),
/// and is read as UTC; one with an offset is converted to UTC. Second 60 is read as a leap
/// second.
///
/// ```
/// use scs_validators::scope::parse_timestamp;
///
/// let at = parse_timestamp("2026-11-24 07:28:50.935947")?;
/// assert_eq!(at.to_rfc3339(), "2026-11-24T07:28:50.935947+00:00");
/// assert_eq!(parse_timestamp("2026-11-24T09:28:50.935947+02:00")?, at);
/// assert_eq!(parse_timestamp("2026-11-24")?.to_rfc3339(), "2026-11-24T00:00:00+00:00");
/// assert!(parse_timestamp("24.11.2026").is_err());
/// # Ok::<(), scs_validators::scope::ReportError>(())
/// ```
pub fn parse_timestamp(text: &str) -> Result<DateTime<Utc>, ReportError> {
    parse_timestamp_inner(text).ok_or_else(|| ReportError::InvalidTimestamp(text.to_owned()))
}

/// A cursor over ASCII text.
struct Cursor<'t> {
    bytes: &'t [u8],
    at: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn eat(&mut self, byte: u8) -> bool {
        let hit = self.peek() == Some(byte);
        self.at += usize::from(hit);
        hit
    }

    /// Between `min` and `max` digits, as a number.
    fn digits(&mut self, min: usize, max: usize) -> Option<u32> {
        let mut value = 0u32;
        let mut count = 0;
        while count < max {
            match self.peek() {
                Some(digit @ b'0'..=b'9') => {
                    value = value * 10 + u32::from(digit - b'0');
                    self.at += 1;
                    count += 1;
                }
                _ => break,
            }
        }
        (count >= min).then_some(value)
    }

    fn blanks(&mut self) -> usize {
        let start = self.at;
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.at += 1;
        }
        self.at - start
    }

    fn done(&self) -> bool {
        self.at == self.bytes.len()
    }
}

fn parse_timestamp_inner(text: &str) -> Option<DateTime<Utc>> {
    let mut cursor = Cursor {
        bytes: text.as_bytes(),
        at: 0,
    };
    let year = cursor.digits(4, 4)?;
    if !cursor.eat(b'-') {
        return None;
    }
    let month_start = cursor.at;
    let month = cursor.digits(1, 2)?;
    let month_len = cursor.at - month_start;
    if !cursor.eat(b'-') {
        return None;
    }
    let day_start = cursor.at;
    let day = cursor.digits(1, 2)?;
    let day_len = cursor.at - day_start;
    let date = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?;
    if cursor.done() {
        // A date alone must have two-digit month and day (YAML 1.1).
        return (month_len == 2 && day_len == 2).then(|| date.and_time(NaiveTime::MIN).and_utc());
    }
    if !(cursor.eat(b'T') || cursor.eat(b't') || cursor.blanks() > 0) {
        return None;
    }
    let hour = cursor.digits(1, 2)?;
    if !cursor.eat(b':') {
        return None;
    }
    let minute = cursor.digits(2, 2)?;
    if !cursor.eat(b':') {
        return None;
    }
    let second = cursor.digits(2, 2)?;
    let mut nanos = 0u32;
    if cursor.eat(b'.') {
        let mut scale = 100_000_000u32;
        while let Some(digit @ b'0'..=b'9') = cursor.peek() {
            nanos += u32::from(digit - b'0') * scale;
            scale /= 10;
            cursor.at += 1;
        }
    }
    let (second, nanos) = if second == 60 {
        (59, nanos + 1_000_000_000)
    } else {
        (second, nanos)
    };
    let time = NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)?;
    let naive = NaiveDateTime::new(date, time);
    cursor.blanks();
    if cursor.done() {
        return Some(naive.and_utc());
    }
    let offset_minutes: i64 = if cursor.eat(b'Z') || cursor.eat(b'z') {
        0
    } else {
        let sign = if cursor.eat(b'+') {
            1
        } else if cursor.eat(b'-') {
            -1
        } else {
            return None;
        };
        let hours = cursor.digits(1, 2)?;
        let minutes = if cursor.eat(b':') {
            cursor.digits(2, 2)?
        } else {
            0
        };
        if minutes > 59 {
            return None;
        }
        sign * i64::from(hours * 60 + minutes)
    };
    if !cursor.done() {
        return None;
    }
    let utc = naive.checked_sub_signed(chrono::Duration::minutes(offset_minutes))?;
    // Keep the year in the range a report can be written with.
    (0..=9999).contains(&utc.year()).then(|| utc.and_utc())
}

/// Reads a `reference_date`: exactly `YYYY-MM-DD`.
fn parse_date(text: &str) -> Result<NaiveDate, ReportError> {
    let bytes = text.as_bytes();
    let shape = bytes.len() == 10
        && bytes.iter().enumerate().all(|(at, &b)| match at {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    shape
        .then(|| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok())
        .flatten()
        .ok_or_else(|| ReportError::InvalidDate(text.to_owned()))
}

/// A timestamp read from a string (any serde format).
struct Timestamp(DateTime<Utc>);

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl Visitor<'_> for Visit {
            type Value = Timestamp;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a timestamp such as 2026-11-24 07:28:50.935947")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Timestamp, E> {
                parse_timestamp(text).map(Timestamp).map_err(E::custom)
            }
        }
        deserializer.deserialize_str(Visit)
    }
}

/// A date read from a string.
struct DateValue(NaiveDate);

impl<'de> Deserialize<'de> for DateValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl Visitor<'_> for Visit {
            type Value = DateValue;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date such as 2025-06-01")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<DateValue, E> {
                parse_date(text).map(DateValue).map_err(E::custom)
            }
        }
        deserializer.deserialize_str(Visit)
    }
}

#[derive(Deserialize)]
struct RawSpec {
    uuid: Option<String>,
    name: Option<String>,
    url: Option<String>,
}

impl RawSpec {
    fn finish(self, path: &str, missing: &mut Vec<String>) -> Option<SpecRef> {
        let uuid = required(self.uuid, path, "uuid", missing);
        Some(SpecRef {
            uuid: uuid?,
            name: self.name.unwrap_or_default(),
            url: self.url.unwrap_or_default(),
        })
    }
}

impl TryFrom<RawSpec> for SpecRef {
    type Error = ReportError;
    fn try_from(raw: RawSpec) -> Result<Self, ReportError> {
        finish_alone(|missing| raw.finish("", missing))
    }
}

#[derive(Deserialize)]
struct RawRun {
    uuid: Option<String>,
    argv: Option<Vec<String>>,
    assignment: Option<OrderedMap<String>>,
    sections: Option<Vec<String>>,
    forced_version: Option<String>,
    forced_tests: Option<String>,
    invocations: Option<OrderedMap<RawInvocation>>,
}

impl RawRun {
    /// `legacy`: the document has `versions`, so invocations and their results may be absent.
    fn finish(self, path: &str, legacy: bool, missing: &mut Vec<String>) -> Option<Run> {
        let uuid = required(self.uuid, path, "uuid", missing);
        let invocations = if legacy {
            Some(self.invocations.unwrap_or_default())
        } else {
            required(self.invocations, path, "invocations", missing)
        };
        let mut finished = OrderedMap::new();
        let inv_path = join(path, "invocations");
        for (key, raw) in invocations.into_iter().flat_map(|map| map.entries) {
            let path = join(&inv_path, &key);
            if let Some(invocation) = raw.finish(&path, &key, legacy, missing) {
                finished.insert(key, invocation);
            }
        }
        Some(Run {
            uuid: uuid?,
            argv: self.argv.unwrap_or_default(),
            assignment: self.assignment.unwrap_or_default(),
            sections: self.sections,
            forced_version: self.forced_version,
            forced_tests: self.forced_tests,
            invocations: finished,
        })
    }
}

impl TryFrom<RawRun> for Run {
    type Error = ReportError;
    fn try_from(raw: RawRun) -> Result<Self, ReportError> {
        finish_alone(|missing| raw.finish("", false, missing))
    }
}

#[derive(Deserialize)]
struct RawInvocation {
    id: Option<String>,
    cmd: Option<String>,
    results: Option<Results>,
    rc: Option<i64>,
    stdout: Option<Vec<String>>,
    stderr: Option<Vec<String>>,
    info: Option<u64>,
    warning: Option<u64>,
    error: Option<u64>,
    critical: Option<u64>,
}

impl RawInvocation {
    fn finish(
        self,
        path: &str,
        key: &str,
        legacy: bool,
        missing: &mut Vec<String>,
    ) -> Option<Invocation> {
        let results = if legacy {
            Some(self.results.unwrap_or_default())
        } else {
            required(self.results, path, "results", missing)
        };
        Some(Invocation {
            id: self.id.unwrap_or_else(|| key.to_owned()),
            cmd: self.cmd.unwrap_or_default(),
            results: results?,
            rc: self.rc.unwrap_or_default(),
            stdout: self.stdout.unwrap_or_default(),
            stderr: self.stderr.unwrap_or_default(),
            info: self.info.unwrap_or_default(),
            warning: self.warning.unwrap_or_default(),
            error: self.error.unwrap_or_default(),
            critical: self.critical.unwrap_or_default(),
        })
    }
}

impl TryFrom<RawInvocation> for Invocation {
    type Error = ReportError;
    fn try_from(raw: RawInvocation) -> Result<Self, ReportError> {
        finish_alone(|missing| raw.finish("", "", false, missing))
    }
}

#[derive(Deserialize)]
struct LegacyResult {
    result: Option<i64>,
}

#[derive(Deserialize)]
struct RawDocument {
    spec: Option<RawSpec>,
    checked_at: Option<Timestamp>,
    reference_date: Option<DateValue>,
    subject: Option<String>,
    run: Option<RawRun>,
    versions: Option<OrderedMap<OrderedMap<LegacyResult>>>,
}

impl TryFrom<RawDocument> for ReportDocument {
    type Error = ReportError;
    fn try_from(raw: RawDocument) -> Result<Self, ReportError> {
        let mut missing = Vec::new();
        let legacy = raw.versions.is_some();
        let spec = match raw.spec {
            Some(spec) => spec.finish("spec", &mut missing),
            None => required(None, "spec", "uuid", &mut missing),
        };
        let checked_at = required(raw.checked_at, "", "checked_at", &mut missing);
        let subject = required(raw.subject, "", "subject", &mut missing);
        let run = match raw.run {
            Some(run) => run.finish("run", legacy, &mut missing),
            None => {
                required::<()>(None, "run", "uuid", &mut missing);
                if !legacy {
                    required::<()>(None, "run", "invocations", &mut missing);
                }
                None
            }
        };
        let versions = raw.versions.map(|versions| {
            versions
                .entries
                .into_iter()
                .map(|(name, testcases)| {
                    let mut results = Results::new();
                    for (id, entry) in testcases.entries {
                        match entry.result {
                            Some(code) => results.insert(id, code),
                            None => {
                                missing.push(join(&join(&join("versions", &name), &id), "result"))
                            }
                        }
                    }
                    (name, results)
                })
                .collect::<OrderedMap<Results>>()
        });
        match (spec, checked_at, subject, run) {
            (Some(spec), Some(checked_at), Some(subject), Some(run)) if missing.is_empty() => {
                Ok(ReportDocument {
                    spec,
                    checked_at: checked_at.0,
                    reference_date: raw.reference_date.map(|date| date.0),
                    subject,
                    run,
                    versions,
                })
            }
            _ => Err(ReportError::MissingFields(missing)),
        }
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// `value`, or records `path.key` as missing.
fn required<T>(value: Option<T>, path: &str, key: &str, missing: &mut Vec<String>) -> Option<T> {
    if value.is_none() {
        missing.push(join(path, key));
    }
    value
}

fn finish_alone<T>(finish: impl FnOnce(&mut Vec<String>) -> Option<T>) -> Result<T, ReportError> {
    let mut missing = Vec::new();
    match finish(&mut missing) {
        Some(value) if missing.is_empty() => Ok(value),
        _ => Err(ReportError::MissingFields(missing)),
    }
}
