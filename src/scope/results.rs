//! Testcase results as the SCS tooling exchanges them: the result lines of a check script, the
//! result codes of a report, and the two ways of turning a set of results into a verdict.

use std::collections::HashMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::report::Outcome;

/// The result code of an outcome in reports and in the compliance monitor: `PASS` 1, `ABORT` 0,
/// `FAIL` -1. A missing result has no code (it is never written into a report).
pub fn outcome_code(outcome: Outcome) -> i64 {
    match outcome {
        Outcome::Pass => 1,
        Outcome::Abort => 0,
        Outcome::Fail => -1,
    }
}

/// The outcome of a result code; `None` for a code other than 1, 0 and -1 (the official tools
/// store such codes, but count them in no bucket).
pub fn code_outcome(code: i64) -> Option<Outcome> {
    match code {
        1 => Some(Outcome::Pass),
        0 => Some(Outcome::Abort),
        -1 => Some(Outcome::Fail),
        _ => None,
    }
}

/// Testcase id → result code, in first-insertion order; a later insert for the same id replaces
/// the value and keeps the position (as a Python `dict` does).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Results {
    entries: Vec<(String, i64)>,
    index: HashMap<String, usize>,
}

impl Results {
    /// An empty set.
    pub fn new() -> Self {
        Results::default()
    }

    /// Sets the code of `id`; a later value wins.
    pub fn insert(&mut self, id: impl Into<String>, code: i64) {
        let id = id.into();
        match self.index.get(&id) {
            Some(&at) => self.entries[at].1 = code,
            None => {
                self.index.insert(id.clone(), self.entries.len());
                self.entries.push((id, code));
            }
        }
    }

    /// Sets the code of `id` from an outcome.
    pub fn insert_outcome(&mut self, id: impl Into<String>, outcome: Outcome) {
        self.insert(id, outcome_code(outcome));
    }

    /// Merges `other` into `self`: its values win (results of later invocations override earlier
    /// ones).
    pub fn extend(&mut self, other: &Results) {
        for (id, code) in other.iter() {
            self.insert(id, code);
        }
    }

    /// The code of `id`, if there is a result.
    pub fn get(&self, id: &str) -> Option<i64> {
        self.index.get(id).map(|&at| self.entries[at].1)
    }

    /// The results in first-insertion order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, i64)> + '_ {
        self.entries.iter().map(|(id, code)| (id.as_str(), *code))
    }

    /// The number of testcases with a result.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there is no result at all.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

impl<S: Into<String>> FromIterator<(S, i64)> for Results {
    fn from_iter<I: IntoIterator<Item = (S, i64)>>(iter: I) -> Self {
        let mut results = Results::new();
        for (id, code) in iter {
            results.insert(id, code);
        }
        results
    }
}

impl Serialize for Results {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

impl<'de> Deserialize<'de> for Results {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Results;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map of testcase id to result code (1, 0 or -1)")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Results, A::Error> {
                let mut results = Results::new();
                while let Some((id, code)) = map.next_entry::<String, i64>()? {
                    results.insert(id, code);
                }
                Ok(results)
            }
        }
        deserializer.deserialize_map(Visit)
    }
}

/// What [`parse_result_lines`] found in a script's standard output.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParsedLines {
    /// The results, later lines overriding earlier ones.
    pub results: Results,
    /// Ids with a well-formed result line that were not requested from the script, in order of
    /// appearance (the official runner warns "ignoring invalid result id" for each).
    pub ignored: Vec<String>,
}

/// Reads the result lines of a check script's standard output as the official runner does
/// (scs-compliance-check, `compute_results`).
///
/// Each line is split at its **last** `:`; a line without a colon is ignored. The right part,
/// trimmed and upper-cased, must be `PASS`, `ABORT` or `FAIL` (anything else, such as `PASSED`,
/// makes the line ignored); the left part, trimmed, is the id, so ids may contain colons. When
/// `requested` is not empty, a result for an id outside it is ignored and listed in
/// [`ParsedLines::ignored`]. A later line for the same id wins.
///
/// Trimming and upper-casing follow Python's `str.strip` and `str.upper`, including the
/// characters Python counts as white space beyond Rust's (U+001C to U+001F).
///
/// ```
/// use scs_validators::scope::parse_result_lines;
///
/// let stdout = "header line\ntc-a: PASS\ntc-b:fail\nns:tc-g: PASS\ntc-x: PASS\ntc-a: MAYBE\n";
/// let parsed = parse_result_lines(stdout.lines(), &["tc-a", "tc-b", "ns:tc-g"]);
/// assert_eq!(parsed.results.get("tc-a"), Some(1));
/// assert_eq!(parsed.results.get("tc-b"), Some(-1));
/// assert_eq!(parsed.results.get("ns:tc-g"), Some(1));
/// assert_eq!(parsed.ignored, ["tc-x"]);
/// ```
pub fn parse_result_lines<'a, S: AsRef<str>>(
    lines: impl IntoIterator<Item = &'a str>,
    requested: &[S],
) -> ParsedLines {
    let mut parsed = ParsedLines::default();
    for line in lines {
        let Some((id, value)) = line.rsplit_once(':') else {
            continue;
        };
        let Some(outcome) = verdict_word(python_strip(value)) else {
            continue;
        };
        let id = python_strip(id);
        if !requested.is_empty() && !requested.iter().any(|wanted| wanted.as_ref() == id) {
            parsed.ignored.push(id.to_owned());
            continue;
        }
        parsed.results.insert_outcome(id, outcome);
    }
    parsed
}

/// `PASS`, `ABORT` or `FAIL` after Python's `str.upper` (so `paſs` counts, as it does there).
fn verdict_word(word: &str) -> Option<Outcome> {
    let upper;
    let word = if word.is_ascii() {
        word
    } else {
        upper = word.to_uppercase();
        upper.as_str()
    };
    [Outcome::Pass, Outcome::Abort, Outcome::Fail]
        .into_iter()
        .find(|outcome| word.eq_ignore_ascii_case(&outcome.to_string()))
}

/// Python's `str.strip()`: Rust's white space plus the separators U+001C to U+001F.
fn python_strip(text: &str) -> &str {
    text.trim_matches(|c: char| c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c))
}

/// Splits text into lines as Python's `str.splitlines()` does (the official runner's view of a
/// script's output): at `\n`, `\r\n`, `\r`, `\x0b`, `\x0c`, `\x1c`, `\x1d`, `\x1e`, `\u{85}`,
/// `\u{2028}` and `\u{2029}`; no empty last line for a trailing break.
pub fn split_lines(text: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let is_break = matches!(
            c,
            '\n' | '\r'
                | '\u{0b}'
                | '\u{0c}'
                | '\u{1c}'
                | '\u{1d}'
                | '\u{1e}'
                | '\u{85}'
                | '\u{2028}'
                | '\u{2029}'
        );
        if is_break {
            lines.push(&text[start..at]);
            let mut end = at + c.len_utf8();
            if c == '\r' {
                if let Some(&(next_at, '\n')) = chars.peek() {
                    chars.next();
                    end = next_at + 1;
                }
            }
            start = end;
        }
    }
    if start < text.len() {
        lines.push(&text[start..]);
    }
    lines
}

/// The verdict over a set of testcases as the compliance monitor and scs-0003-v2 order them:
/// **FAIL > missing > ABORT > PASS** (the first that occurs decides).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Verdict {
    /// Every testcase passed (also for no testcases at all).
    Pass,
    /// Nothing failed or is missing, but at least one testcase aborted (scs-0003-v2 "DNF"; the
    /// monitor shows it as an inconclusive pass, `✅*`).
    Abort,
    /// Nothing failed, but at least one testcase has no (valid) result.
    Missing,
    /// At least one testcase failed.
    Fail,
}

impl Verdict {
    /// The monitor's symbol: `✅` PASS, `✅*` ABORT, `🟧` missing, `🛑` FAIL.
    pub fn symbol(self) -> &'static str {
        match self {
            Verdict::Pass => "✅",
            Verdict::Abort => "✅*",
            Verdict::Missing => "🟧",
            Verdict::Fail => "🛑",
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Verdict::Pass => "PASS",
            Verdict::Abort => "ABORT",
            Verdict::Missing => "MISSING",
            Verdict::Fail => "FAIL",
        })
    }
}

/// The testcases of a target sorted by their result, in the order given.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Buckets<'a> {
    /// Result code 1.
    pub passed: Vec<&'a str>,
    /// Result code -1.
    pub failed: Vec<&'a str>,
    /// Result code 0.
    pub aborted: Vec<&'a str>,
    /// No result.
    pub missing: Vec<&'a str>,
    /// Any other code: counted in no bucket by the official tools, and ignored by both verdicts.
    pub other: Vec<&'a str>,
}

impl<'a> Buckets<'a> {
    /// Sorts `ids` by their result in `results` (the official `eval_buckets`).
    pub fn new<S: AsRef<str> + 'a>(results: &Results, ids: &'a [S]) -> Self {
        let mut buckets = Buckets::default();
        for id in ids {
            let id = id.as_ref();
            buckets.push(id, results.get(id));
        }
        buckets
    }

    /// Files `id` under the bucket of its result code (`None`: no result).
    pub fn push(&mut self, id: &'a str, code: Option<i64>) {
        let bucket = match code {
            None => &mut self.missing,
            Some(1) => &mut self.passed,
            Some(0) => &mut self.aborted,
            Some(-1) => &mut self.failed,
            Some(_) => &mut self.other,
        };
        bucket.push(id);
    }

    /// The monitor's verdict (the official `evaluate`): FAIL if any failed, else missing if any is
    /// missing, else ABORT if any aborted, else PASS. Differs from [`Buckets::target_verdict`] on
    /// ABORT.
    pub fn verdict(&self) -> Verdict {
        if !self.failed.is_empty() {
            Verdict::Fail
        } else if !self.missing.is_empty() {
            Verdict::Missing
        } else if !self.aborted.is_empty() {
            Verdict::Abort
        } else {
            Verdict::Pass
        }
    }

    /// The runner's verdict on a target (its console summary): FAIL if any failed **or aborted**,
    /// else TENTATIVE pass if any is missing, else PASS.
    pub fn target_verdict(&self) -> TargetVerdict {
        if !self.failed.is_empty() || !self.aborted.is_empty() {
            TargetVerdict::Fail
        } else if !self.missing.is_empty() {
            TargetVerdict::TentativePass
        } else {
            TargetVerdict::Pass
        }
    }

    /// The runner's tally, `4 passed, 2 failed, 1 missing`: the passed count always, the others
    /// when not zero, in the order failed, aborted, missing.
    pub fn tally(&self) -> String {
        let mut tally = format!("{} passed", self.passed.len());
        for (count, word) in [
            (self.failed.len(), "failed"),
            (self.aborted.len(), "aborted"),
            (self.missing.len(), "missing"),
        ] {
            if count > 0 {
                tally.push_str(&format!(", {count} {word}"));
            }
        }
        tally
    }
}

/// The monitor's verdict over `ids` (the official `evaluate`): FAIL > missing > ABORT > PASS.
///
/// ```
/// use scs_validators::scope::{evaluate, Results, Verdict};
///
/// let results: Results = [("a", 1), ("b", 0)].into_iter().collect();
/// assert_eq!(evaluate(&results, &["a", "b"]), Verdict::Abort);
/// assert_eq!(evaluate(&results, &["a", "b", "c"]), Verdict::Missing);
/// assert_eq!(evaluate(&results, &[] as &[&str]), Verdict::Pass);
/// ```
pub fn evaluate<S: AsRef<str>>(results: &Results, ids: &[S]) -> Verdict {
    let mut missing = false;
    let mut aborted = false;
    for id in ids {
        match results.get(id.as_ref()) {
            Some(-1) => return Verdict::Fail,
            None => missing = true,
            Some(0) => aborted = true,
            Some(_) => {}
        }
    }
    if missing {
        Verdict::Missing
    } else if aborted {
        Verdict::Abort
    } else {
        Verdict::Pass
    }
}

/// The runner's verdict on one target, as its console summary words it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TargetVerdict {
    /// Every testcase passed.
    #[serde(rename = "PASS")]
    Pass,
    /// Nothing failed or aborted, but some results are missing.
    #[serde(rename = "TENTATIVE pass")]
    TentativePass,
    /// At least one testcase failed or aborted.
    #[serde(rename = "FAIL")]
    Fail,
}

impl fmt::Display for TargetVerdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TargetVerdict::Pass => "PASS",
            TargetVerdict::TentativePass => "TENTATIVE pass",
            TargetVerdict::Fail => "FAIL",
        })
    }
}
