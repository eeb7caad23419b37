//! Gathering the findings of one testcase and the official suite's verdict beside them.

use crate::input::Image;
use crate::report::{Finding, Outcome, Severity, TestcaseId, TestcaseResult};

/// What findings call an image: its name, or its id when the name is absent or empty.
pub(super) fn subject(image: &Image) -> &str {
    match image.name.as_deref() {
        Some(name) if !name.is_empty() => name,
        _ => &image.id,
    }
}

/// The findings of one testcase and what the official suite makes of the same images.
pub(super) struct Collector {
    id: TestcaseId,
    findings: Vec<Finding>,
    official_fail: bool,
    official_abort: bool,
}

impl Collector {
    pub(super) fn new(id: TestcaseId) -> Self {
        Collector {
            id,
            findings: Vec::new(),
            official_fail: false,
            official_abort: false,
        }
    }

    /// Makes room for `additional` more findings at once (a testcase that knows how many it
    /// will have, up to a few, spares the list its growing).
    pub(super) fn reserve(&mut self, additional: usize) {
        self.findings.reserve(additional);
    }

    pub(super) fn push(&mut self, image: &Image, severity: Severity, message: impl Into<String>) {
        self.push_on(subject(image), severity, message);
    }

    /// A finding about the image whose [`subject`] is `subject`.
    pub(super) fn push_on(
        &mut self,
        subject: &str,
        severity: Severity,
        message: impl Into<String>,
    ) {
        self.findings.push(Finding::new(
            self.id.clone(),
            severity,
            Some(subject.to_owned()),
            message,
        ));
    }

    /// A finding about the image set as a whole (or about a name shared by several images).
    pub(super) fn push_about(
        &mut self,
        subject: Option<String>,
        severity: Severity,
        message: impl Into<String>,
    ) {
        self.findings
            .push(Finding::new(self.id.clone(), severity, subject, message));
    }

    pub(super) fn error(&mut self, image: &Image, message: impl Into<String>) {
        self.push(image, Severity::Error, message);
    }

    pub(super) fn warning(&mut self, image: &Image, message: impl Into<String>) {
        self.push(image, Severity::Warning, message);
    }

    /// The official suite logs an error for this image (its testcase fails).
    pub(super) fn official_error(&mut self) {
        self.official_fail = true;
    }

    /// The official suite crashes on this input (a finding already says why).
    pub(super) fn official_abort(&mut self) {
        self.official_abort = true;
    }

    /// The official suite crashes on this image: it reports the testcase as ABORT.
    pub(super) fn official_crash(&mut self, image: &Image, why: &str) {
        self.official_crash_on(subject(image), why);
    }

    /// [`Collector::official_crash`] for the image whose [`subject`] is `subject`.
    pub(super) fn official_crash_on(&mut self, subject: &str, why: &str) {
        self.official_abort = true;
        self.push_on(
            subject,
            Severity::Warning,
            format!("the official suite crashes on this image ({why}), so it reports this testcase as ABORT"),
        );
    }

    /// The official suite puts this image into a line that joins the offenders' names: an error
    /// line when `error`, else a warning line. Joining crashes on an image without a name.
    pub(super) fn official_listed(&mut self, image: &Image, error: bool) {
        self.official_listed_on(subject(image), image.name.is_some(), error);
    }

    /// [`Collector::official_listed`] for the image whose [`subject`] is `subject`, which has a
    /// name when `named`.
    pub(super) fn official_listed_on(&mut self, subject: &str, named: bool, error: bool) {
        if error {
            self.official_fail = true;
        }
        if !named {
            self.official_crash_on(
                subject,
                "it has no name, and the suite joins the names of the offending images",
            );
        }
    }

    pub(super) fn finish(self) -> TestcaseResult {
        if !self.id.is_official() {
            return TestcaseResult::beyond_official(self.id, self.findings);
        }
        let official = if self.official_abort {
            Outcome::Abort
        } else if self.official_fail {
            Outcome::Fail
        } else {
            Outcome::Pass
        };
        TestcaseResult::from_findings(self.id, self.findings, official)
    }
}
