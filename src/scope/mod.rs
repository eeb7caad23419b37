//! scs-0003-v1 certification scopes (and scs-0004-v1 result lifetimes): load a scope file, know
//! which versions are in force on a date, and turn testcase results into verdicts.
//!
//! Documents: `scs-0003-v1-sovereign-cloud-standards-yaml` (the YAML format; Draft, in use),
//! `scs-0003-v2-sovereign-cloud-standards-testing` (the concepts: result order, reports),
//! `scs-0004-v1-achieving-certification`. The format is defined by v1 and by the official tooling
//! (`Tests/scs_cert_lib.py`, `Tests/scs-compliance-check.py`, `compliance-monitor/`); where they
//! differ, this module says which it follows.
//!
//! - [`Scope::load`] reads a parsed document ([`Node`]; the caller parses the YAML) and reports
//!   every problem at once with its place, where the official loader stops at the first or
//!   crashes ([`LoadProblem::official`] tells how it reacts).
//! - [`Scope::validity_on`] gives each version's [`Validity`] on a date, keeping explicit and
//!   implicit `deprecated` apart; [`Lifetime::expiry`] gives the moment a result expires.
//! - [`parse_result_lines`] reads a script's result lines as the official runner does;
//!   [`evaluate`] and [`Buckets`] give the two verdicts in use: the monitor's (FAIL > missing >
//!   ABORT > PASS) and the runner's per-target wording (FAIL for any failure **or abort**, then
//!   `TENTATIVE pass` for missing results).
//! - [`ReportDocument`] reads and writes the YAML report of a run; [`relevant_results`] and
//!   [`evaluate_scope`] give the compliance monitor's view of stored results.
//!
//! Time is UTC throughout, and the date that decides validity and the instant that decides
//! lifetimes are separate parameters: nothing here reads a clock.
//!
//! # Where this module and the official tooling part ways
//!
//! Loading is stricter, so that a scope author learns every problem in one go; everything that
//! decides a verdict (validity, lifetimes, result lines, both verdict orders, selection, the
//! summary) follows the official tooling exactly.
//!
//! | input | this module | official tooling |
//! | --- | --- | --- |
//! | several problems in one file | all reported, each with its place | keyword errors all logged; then the first resolution problem only (or a crash) |
//! | unknown include ref, unknown timeline version, missing `modules`/`timeline`/`versions`/`include` | a problem | a crash (key error) |
//! | a testcase no script declares, in a target other than `main` or only in unstabilized versions | a problem | loads; the runner crashes when such a version is selected |
//! | no `name`, `uuid`, `url` or `scripts` (MUST in scs-0003-v1) | a problem | loads; fails when printing or writing a report, or at the first undeclared testcase |
//! | a validity code other than effective, warn, draft, deprecated | a problem | kept as is, treated like `deprecated` where it matters |
//! | a `lifetime` other than the five | a problem | loads; the monitor crashes on a result of that testcase |
//! | a key twice in one mapping | a problem (the later value is used) | the later value, silently (PyYAML) |
//! | a quoted timeline date (`'2025-01-01'`) | a date | a crash when computing validity |
//! | times | UTC | naive local time of the host (the official CI runs in UTC) |
//!
//! [`LoadProblem::official`] says for each problem whether the official loader refuses the file,
//! crashes, or accepts it.

mod load;
mod model;
mod monitor;
mod node;
mod report;
mod results;
mod runner;
mod time;

pub use load::{LoadError, LoadProblem, OfficialLoad, Place, ProblemKind};
pub use model::{
    Include, Module, Scope, Script, Target, Testcase, TimelineEntry, Variable, Version,
    VersionStatus,
};
pub use monitor::{
    evaluate_scope, relevant_results, RelevantResult, RelevantResults, ResultRow, ScopeVerdict,
    VersionVerdict,
};
pub use node::{Location, Node, Value};
pub use report::{
    format_timestamp, parse_timestamp, reports_to_yaml, Invocation, OrderedMap, ReportDocument,
    ReportError, Run, SpecRef,
};
pub use results::{
    code_outcome, evaluate, outcome_code, parse_result_lines, split_lines, Buckets, ParsedLines,
    Results, TargetVerdict, Verdict,
};
pub use runner::{RunOptions, SelectError, Selection};
pub use time::{Lifetime, UnknownLifetime, UnknownValidity, Validity};
