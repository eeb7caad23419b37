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

mod load;
mod model;
mod monitor;
mod node;
mod report;
mod results;
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
pub use time::{Lifetime, UnknownLifetime, UnknownValidity, Validity};
