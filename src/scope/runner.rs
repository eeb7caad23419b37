//! What the official runner (`scs-compliance-check`) would run for a scope, and its console
//! summary of the results.

use std::fmt::Write as _;

use chrono::NaiveDate;
use regex::Regex;

use super::model::{Scope, Script, Testcase, VersionStatus};
use super::results::{Buckets, Results};

/// How to select versions and testcases, as the runner's options do.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RunOptions {
    /// The reference date (`--date`) that decides which versions are in force.
    pub date: NaiveDate,
    /// A version to run whatever its validity (`--version`), instead of those in force.
    pub version: Option<String>,
    /// Run only testcases whose `section` is one of these (`--sections`); testcases without a
    /// section are then never run.
    pub sections: Option<Vec<String>>,
    /// Run only testcases whose id matches this regular expression at its start (`--tests`;
    /// the runner uses Python's `re.match`, anchored at the start only).
    pub tests: Option<String>,
}

/// Why nothing can be selected.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SelectError {
    /// `--version` names no version of the scope.
    #[error("requested version `{0}` not found")]
    UnknownVersion(String),
    /// No timeline entry in force on the date lists any version.
    #[error("no valid version found for {0}")]
    NoVersionInForce(NaiveDate),
    /// `--tests` is not a valid regular expression.
    #[error("invalid tests pattern `{pattern}`: {message}")]
    InvalidTests {
        /// The pattern.
        pattern: String,
        /// What is wrong with it.
        message: String,
    },
}

/// The versions and testcases a run covers.
#[derive(Clone, Debug)]
pub struct Selection<'s> {
    /// The versions, in file order: those the timeline entry in force lists (whatever their
    /// code), or the forced one.
    pub versions: Vec<VersionStatus<'s>>,
    /// The testcases to run: of every target of the selected versions (not only `main`), those
    /// with a script that has an executable (manual checks are never run), in the chosen
    /// sections, matching the tests pattern; grouped by script in file order, sorted by id within
    /// a script.
    pub testcases: Vec<&'s Testcase>,
    /// Whether sections or a tests pattern narrowed the run (the summary then does not list the
    /// missing testcases, only counts them).
    pub partial: bool,
    /// The scope's name with the filters, as the summary's headers show it: `Toy scope [sections:
    /// light, heavy] [tests: 'scs-01']`.
    pub title: String,
}

impl Scope {
    /// Selects versions and testcases as the official runner does.
    pub fn select(&self, options: &RunOptions) -> Result<Selection<'_>, SelectError> {
        let tests = match &options.tests {
            None => None,
            Some(pattern) => Some(anchored(pattern)?),
        };
        let versions: Vec<VersionStatus<'_>> = match &options.version {
            Some(name) => {
                let status = self
                    .validity_on(options.date)
                    .into_iter()
                    .find(|status| &status.version.name == name)
                    .ok_or_else(|| SelectError::UnknownVersion(name.clone()))?;
                vec![status]
            }
            None => self.versions_in_force(options.date),
        };
        if versions.is_empty() {
            return Err(SelectError::NoVersionInForce(options.date));
        }
        let mut wanted = vec![false; self.testcases.len()];
        for status in &versions {
            for target in &status.version.targets {
                for id in &target.testcases {
                    if let Some(&at) = self.testcase_index.get(id) {
                        wanted[at] = true;
                    }
                }
            }
        }
        let mut testcases = Vec::new();
        for script in &self.scripts {
            if script.is_manual() {
                continue;
            }
            let start = testcases.len();
            for &at in &script.testcases {
                let testcase = &self.testcases[at];
                if !wanted[at] {
                    continue;
                }
                if let Some(sections) = &options.sections {
                    if !testcase
                        .section
                        .as_ref()
                        .is_some_and(|section| sections.contains(section))
                    {
                        continue;
                    }
                }
                if let Some(tests) = &tests {
                    if !tests.is_match(&testcase.id) {
                        continue;
                    }
                }
                wanted[at] = false; // a testcase is run once even if declared oddly
                testcases.push(testcase);
            }
            testcases[start..].sort_unstable_by(|a, b| a.id.cmp(&b.id));
        }
        let mut title = self.name.clone();
        if let Some(sections) = &options.sections {
            let _ = write!(title, " [sections: {}]", sections.join(", "));
        }
        if let Some(pattern) = &options.tests {
            let _ = write!(title, " [tests: '{pattern}']");
        }
        Ok(Selection {
            versions,
            testcases,
            partial: options.sections.is_some() || options.tests.is_some(),
            title,
        })
    }
}

/// The pattern anchored at the start, as Python's `re.match` applies it.
fn anchored(pattern: &str) -> Result<Regex, SelectError> {
    let invalid = |error: regex::Error| SelectError::InvalidTests {
        pattern: pattern.to_owned(),
        message: error
            .to_string()
            .lines()
            .last()
            .unwrap_or_default()
            .trim()
            .to_owned(),
    };
    // Check the pattern alone first, so that wrapping it cannot change its meaning.
    Regex::new(pattern).map_err(invalid)?;
    Regex::new(&format!("^(?:{pattern})")).map_err(invalid)
}

impl<'s> Selection<'s> {
    /// The script runs: each script with at least one selected testcase, in file order, with its
    /// selected ids sorted (the runner's `{testcases}`).
    pub fn script_runs(&self, scope: &'s Scope) -> Vec<(&'s Script, Vec<&'s str>)> {
        let mut runs: Vec<(usize, Vec<&'s str>)> = Vec::new();
        for testcase in &self.testcases {
            match runs.last_mut() {
                Some((script, ids)) if *script == testcase.script => ids.push(&testcase.id),
                _ => runs.push((testcase.script, vec![testcase.id.as_str()])),
            }
        }
        runs.into_iter()
            .map(|(script, ids)| (&scope.scripts[script], ids))
            .collect()
    }

    /// The runner's console summary of `results`, exactly as it prints it: per version a header
    /// `<subject> <title> <version>:`, then per target of the version
    ///
    /// ```text
    /// - main: FAIL (4 passed, 2 failed, 1 missing)
    ///   - FAILED:
    ///     - tc-b:
    ///       > description
    ///       > url
    /// ```
    ///
    /// with the lists FAILED, ABORTED, MISSING (not for a partial run) and, when `verbose`,
    /// PASSED. The verdict is the runner's ([`Buckets::target_verdict`]): an aborted testcase
    /// fails the target here, while the monitor counts it as an inconclusive pass.
    pub fn summary(
        &self,
        scope: &Scope,
        subject: &str,
        results: &Results,
        verbose: bool,
    ) -> String {
        let mut out = String::new();
        for status in &self.versions {
            let version = status.version;
            let _ = writeln!(out, "{subject} {} {}:", self.title, version.name);
            for target in &version.targets {
                let buckets = Buckets::new(results, &target.testcases);
                let _ = writeln!(
                    out,
                    "- {}: {} ({})",
                    target.name,
                    buckets.target_verdict(),
                    buckets.tally()
                );
                let mut lists = vec![("FAILED", &buckets.failed), ("ABORTED", &buckets.aborted)];
                if !self.partial {
                    lists.push(("MISSING", &buckets.missing));
                }
                if verbose {
                    lists.push(("PASSED", &buckets.passed));
                }
                for (word, ids) in lists {
                    if ids.is_empty() {
                        continue;
                    }
                    let _ = writeln!(out, "  - {word}:");
                    for id in ids {
                        let _ = writeln!(out, "    - {id}:");
                        if let Some(testcase) = scope.testcase(id) {
                            if let Some(description) = &testcase.description {
                                let _ = writeln!(out, "      > {description}");
                            }
                            if let Some(url) = &testcase.url {
                                let _ = writeln!(out, "      > {url}");
                            }
                        }
                    }
                }
            }
        }
        out
    }
}
