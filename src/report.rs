//! The shared vocabulary of every check: testcase ids, outcomes, findings and reports.
//!
//! The official SCS suite reports one line per testcase, `scs-0100-syntax-check: PASS`, with one
//! of three outcomes. [`Report`]'s `Display` prints exactly those lines, so a report from this
//! crate drops into the SCS tooling unchanged.
//!
//! Every [`TestcaseResult`] carries two outcomes:
//!
//! - [`TestcaseResult::outcome`]: the verdict per the standard text, derived from the findings
//!   (`Fail` iff there is an [`Severity::Error`] finding; warnings never change it), or `Abort`
//!   when an input the testcase needs was not given;
//! - [`TestcaseResult::official`]: what the official Python suite would report on the same input,
//!   including `Abort` where it crashes.
//!
//! Where the two differ, a finding explains why.

use std::borrow::Cow;
use std::fmt;

use serde::{Deserialize, Serialize};

/// An official SCS testcase id such as `scs-0100-syntax-check`.
///
/// Ids are compared as strings; the constants below name the ones this crate implements.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TestcaseId(Cow<'static, str>);

impl TestcaseId {
    /// `scs-0100-syntax-check`: every flavor whose name starts with `SCS-` has a valid name.
    pub const SCS_0100_SYNTAX_CHECK: TestcaseId = TestcaseId::from_static("scs-0100-syntax-check");
    /// `scs-0100-semantics-check`: no flavor name promises more than the flavor has.
    pub const SCS_0100_SEMANTICS_CHECK: TestcaseId =
        TestcaseId::from_static("scs-0100-semantics-check");

    /// The prefix of the ids of checks beyond the official suite, such as
    /// `scs-validators:scs-0103-cpu-type`: rules of the standard texts that the official suite
    /// does not test.
    pub const CRATE_PREFIX: &'static str = "scs-validators:";

    /// Whether this is an official testcase id (not one of this crate's own checks).
    pub fn is_official(&self) -> bool {
        !self.0.starts_with(Self::CRATE_PREFIX)
    }

    /// An id from a static string, usable in constants.
    pub const fn from_static(id: &'static str) -> Self {
        TestcaseId(Cow::Borrowed(id))
    }

    /// An id from any string (for example one read from a scope file).
    pub fn new(id: impl Into<String>) -> Self {
        TestcaseId(Cow::Owned(id.into()))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for TestcaseId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&'static str> for TestcaseId {
    fn from(id: &'static str) -> Self {
        TestcaseId::from_static(id)
    }
}

/// The outcome of one testcase, as the SCS tooling spells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Outcome {
    /// The testcase passed.
    Pass,
    /// The testcase failed: at least one error was found.
    Fail,
    /// The testcase could not be evaluated (a missing input, or, for the official suite, a crash).
    Abort,
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Outcome::Pass => "PASS",
            Outcome::Fail => "FAIL",
            Outcome::Abort => "ABORT",
        })
    }
}

/// How serious a [`Finding`] is. Only errors change an outcome.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A rule of the standard is broken: the testcase fails.
    Error,
    /// Something the standard discourages, or a difference to the official suite worth knowing.
    Warning,
    /// Background information (for example an underpromising flavor).
    Info,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "ERROR",
            Severity::Warning => "WARNING",
            Severity::Info => "INFO",
        })
    }
}

/// One observation of a check: which testcase, how serious, about what, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// The testcase this finding belongs to.
    pub testcase: TestcaseId,
    /// How serious it is.
    pub severity: Severity,
    /// The object it is about, such as a flavor name; `None` for the cloud as a whole.
    pub subject: Option<String>,
    /// One readable line.
    pub message: String,
}

impl Finding {
    /// A finding about `subject`.
    pub fn new(
        testcase: TestcaseId,
        severity: Severity,
        subject: Option<String>,
        message: impl Into<String>,
    ) -> Self {
        Finding {
            testcase,
            severity,
            subject,
            message: message.into(),
        }
    }
}

impl fmt::Display for Finding {
    /// `ERROR: scs-0100-syntax-check: SCS-2iT-4: invalid flavor name …`, always one line:
    /// control characters in the subject and message are escaped (`\n`, `\u{1b}`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: ", self.severity, self.testcase)?;
        if let Some(subject) = &self.subject {
            write_one_line(f, subject)?;
            f.write_str(": ")?;
        }
        write_one_line(f, &self.message)
    }
}

fn write_one_line(f: &mut fmt::Formatter<'_>, text: &str) -> fmt::Result {
    // Printable ASCII (no byte below 0x20, nor 0x7f, nor above) in one pass; anything else
    // has its characters looked at.
    let plain =
        text.bytes().all(|b| (0x20..0x7f).contains(&b)) || !text.chars().any(char::is_control);
    if plain {
        return f.write_str(text);
    }
    for c in text.chars() {
        if c.is_control() {
            write!(f, "{}", c.escape_default())?;
        } else {
            fmt::Write::write_char(f, c)?;
        }
    }
    Ok(())
}

/// The result of one testcase: both outcomes and the findings behind them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawTestcaseResult")]
pub struct TestcaseResult {
    id: TestcaseId,
    outcome: Outcome,
    official: Outcome,
    findings: Vec<Finding>,
}

#[derive(Deserialize)]
struct RawTestcaseResult {
    id: TestcaseId,
    outcome: Outcome,
    official: Outcome,
    #[serde(default)]
    findings: Vec<Finding>,
}

impl TryFrom<RawTestcaseResult> for TestcaseResult {
    type Error = String;

    fn try_from(raw: RawTestcaseResult) -> Result<Self, Self::Error> {
        let has_error = raw.findings.iter().any(|f| f.severity == Severity::Error);
        let consistent = match raw.outcome {
            Outcome::Pass => !has_error,
            Outcome::Fail => has_error,
            Outcome::Abort => true,
        };
        if !consistent {
            return Err(format!(
                "testcase `{}`: outcome {} contradicts its findings ({})",
                raw.id,
                raw.outcome,
                if has_error {
                    "an error finding means FAIL"
                } else {
                    "FAIL needs an error finding"
                }
            ));
        }
        Ok(TestcaseResult {
            id: raw.id,
            outcome: raw.outcome,
            official: raw.official,
            findings: raw.findings,
        })
    }
}

impl TestcaseResult {
    /// A result whose outcome follows from the findings: `Fail` iff one of them is an error.
    pub fn from_findings(id: TestcaseId, findings: Vec<Finding>, official: Outcome) -> Self {
        let outcome = if findings.iter().any(|f| f.severity == Severity::Error) {
            Outcome::Fail
        } else {
            Outcome::Pass
        };
        TestcaseResult {
            id,
            outcome,
            official,
            findings,
        }
    }

    /// A result of a check beyond the official suite (an id with
    /// [`TestcaseId::CRATE_PREFIX`]): the outcome follows from the findings; the official outcome
    /// is ABORT, what the official suite reports for a testcase it does not implement.
    pub fn beyond_official(id: TestcaseId, findings: Vec<Finding>) -> Self {
        debug_assert!(!id.is_official(), "`{id}` is an official id");
        TestcaseResult::from_findings(id, findings, Outcome::Abort)
    }

    /// A result for a testcase that could not be evaluated, for example because an input is
    /// missing; `reason` becomes an error finding that says so.
    pub fn aborted(id: TestcaseId, reason: impl Into<String>, official: Outcome) -> Self {
        let finding = Finding::new(id.clone(), Severity::Error, None, reason);
        TestcaseResult {
            id,
            outcome: Outcome::Abort,
            official,
            findings: vec![finding],
        }
    }

    /// The testcase id.
    pub fn id(&self) -> &TestcaseId {
        &self.id
    }

    /// The outcome per the standard text.
    pub fn outcome(&self) -> Outcome {
        self.outcome
    }

    /// The outcome the official suite would report on the same input.
    pub fn official(&self) -> Outcome {
        self.official
    }

    /// Everything the check observed, in the order it was observed.
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// Whether the two outcomes differ (then a finding explains why).
    pub fn diverges(&self) -> bool {
        self.outcome != self.official
    }
}

/// Testcase results in the order they were run.
///
/// `Display` prints the official result lines (`scs-0100-syntax-check: PASS`), one per testcase,
/// with the outcome per the standard text; [`Report::official_lines`] prints the official suite's
/// predicted outcomes instead.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// The results, one per testcase.
    pub results: Vec<TestcaseResult>,
}

impl Report {
    /// An empty report.
    pub fn new() -> Self {
        Report::default()
    }

    /// Appends a result.
    pub fn push(&mut self, result: TestcaseResult) {
        self.results.push(result);
    }

    /// The result of testcase `id`, if it was run.
    pub fn get(&self, id: &str) -> Option<&TestcaseResult> {
        self.results.iter().find(|r| r.id.as_str() == id)
    }

    /// Every finding of every testcase, in order.
    pub fn findings(&self) -> impl Iterator<Item = &Finding> {
        self.results.iter().flat_map(|r| r.findings.iter())
    }

    /// Whether every testcase passed per the standard text.
    pub fn all_passed(&self) -> bool {
        self.results.iter().all(|r| r.outcome == Outcome::Pass)
    }

    /// Whether every testcase would pass in the official suite.
    pub fn all_passed_officially(&self) -> bool {
        self.results.iter().all(|r| r.official == Outcome::Pass)
    }

    /// The result lines with the official suite's predicted outcomes.
    pub fn official_lines(&self) -> OfficialLines<'_> {
        OfficialLines(self)
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for r in &self.results {
            writeln!(f, "{}: {}", r.id, r.outcome)?;
        }
        Ok(())
    }
}

/// Display adapter returned by [`Report::official_lines`].
#[derive(Clone, Copy, Debug)]
pub struct OfficialLines<'a>(&'a Report);

impl fmt::Display for OfficialLines<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for r in &self.0.results {
            writeln!(f, "{}: {}", r.id, r.official)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn findings_print_on_one_line() {
        let line = |subject: &str, message: &str| {
            Finding::new(
                TestcaseId::new("t"),
                Severity::Error,
                Some(subject.to_owned()),
                message,
            )
            .to_string()
        };
        assert_eq!(line("plain ~", "text"), "ERROR: t: plain ~: text");
        assert_eq!(
            line("a\nb\u{7f}", "\u{1b}[31m"),
            "ERROR: t: a\\nb\\u{7f}: \\u{1b}[31m"
        );
        assert_eq!(
            line("caf\u{e9}", "next \u{85} line"),
            "ERROR: t: caf\u{e9}: next \\u{85} line"
        );
        assert_eq!(line("\u{2028}", "\u{a0}"), "ERROR: t: \u{2028}: \u{a0}");
    }

    fn finding(severity: Severity) -> Finding {
        Finding::new(
            TestcaseId::SCS_0100_SYNTAX_CHECK,
            severity,
            Some("SCS-x".into()),
            "m",
        )
    }

    #[test]
    fn outcome_follows_errors_only() {
        let warn = TestcaseResult::from_findings(
            TestcaseId::SCS_0100_SYNTAX_CHECK,
            vec![finding(Severity::Warning), finding(Severity::Info)],
            Outcome::Pass,
        );
        assert_eq!(warn.outcome(), Outcome::Pass);
        let err = TestcaseResult::from_findings(
            TestcaseId::SCS_0100_SYNTAX_CHECK,
            vec![finding(Severity::Warning), finding(Severity::Error)],
            Outcome::Pass,
        );
        assert_eq!(err.outcome(), Outcome::Fail);
        assert!(err.diverges());
    }

    #[test]
    fn report_prints_official_lines() {
        let mut report = Report::new();
        report.push(TestcaseResult::from_findings(
            TestcaseId::SCS_0100_SYNTAX_CHECK,
            vec![],
            Outcome::Pass,
        ));
        report.push(TestcaseResult::aborted(
            TestcaseId::SCS_0100_SEMANTICS_CHECK,
            "no flavors",
            Outcome::Abort,
        ));
        assert_eq!(
            report.to_string(),
            "scs-0100-syntax-check: PASS\nscs-0100-semantics-check: ABORT\n"
        );
        assert_eq!(
            report.official_lines().to_string(),
            "scs-0100-syntax-check: PASS\nscs-0100-semantics-check: ABORT\n"
        );
        assert_eq!(
            finding(Severity::Warning).to_string(),
            "WARNING: scs-0100-syntax-check: SCS-x: m"
        );
        let forged = Finding::new(
            TestcaseId::SCS_0100_SYNTAX_CHECK,
            Severity::Info,
            Some("SCS-2V-4\nERROR: forged".into()),
            "m\r",
        );
        assert_eq!(
            forged.to_string(),
            "INFO: scs-0100-syntax-check: SCS-2V-4\\nERROR: forged: m\\r"
        );
    }

    #[test]
    fn deserialize_rejects_inconsistent_outcome() {
        let json = r#"{"id":"scs-0100-syntax-check","outcome":"PASS","official":"PASS",
            "findings":[{"testcase":"scs-0100-syntax-check","severity":"error","subject":null,"message":"x"}]}"#;
        let err = serde_json::from_str::<TestcaseResult>(json).unwrap_err();
        assert!(
            err.to_string().contains("outcome PASS contradicts"),
            "{err}"
        );
        let ok = r#"{"id":"scs-0100-syntax-check","outcome":"FAIL","official":"PASS",
            "findings":[{"testcase":"scs-0100-syntax-check","severity":"error","subject":null,"message":"x"}]}"#;
        let r: TestcaseResult = serde_json::from_str(ok).unwrap();
        assert_eq!(r.outcome(), Outcome::Fail);
        let back = serde_json::to_string(&r).unwrap();
        assert_eq!(serde_json::from_str::<TestcaseResult>(&back).unwrap(), r);
    }
}
