//! `scs-check scope`, `certify` and `evaluate`: certification scopes (scs-0003/scs-0004).

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use scs_validators::scope::{RunOptions, Scope, Testcase};
use scs_validators::testcases::{self, CloudData};

use crate::output::Format;
use crate::{files, yaml_node, Failure, Passed};

/// Arguments of `scs-check scope`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Prints one line per version, `<version> <validity>` (effective, warn, draft or deprecated; a \
version that the timeline entry in force does not list is deprecated implicitly and marked so: \
the official runner does not run it and the compliance monitor does not evaluate it), then per \
version and target the testcases and how each is decided: `scs-check` (this tool decides it from \
dumped data), `live` (needs the official check script against a live cloud) or `manual`.

Exit status: 0 when the scope loads, 2 when it does not (every problem is printed on stderr, \
with its line and column) or on a usage error.")]
pub struct ScopeArgs {
    /// The scope file (YAML), such as scs-compatible-iaas.yaml.
    file: PathBuf,
    /// The date that decides validity, YYYY-MM-DD; default: today (UTC).
    #[arg(long, value_parser = parse_date)]
    date: Option<NaiveDate>,
    /// Output format: `text` or `json`.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

pub(crate) fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|e| format!("not a date YYYY-MM-DD ({e}), such as 2025-06-01"))
}

/// Today in UTC (the only clock read, in the CLI).
pub(crate) fn now() -> DateTime<Utc> {
    DateTime::<Utc>::from(std::time::SystemTime::now())
}

/// Reads and loads a scope file; a file that does not load lists every problem.
pub(crate) fn load(path: &Path) -> Result<Scope, Failure> {
    let bytes = files::read(path)?;
    let text = String::from_utf8(bytes).map_err(|_| Failure::Input {
        file: files::shown(path),
        problem: "not UTF-8 text".to_owned(),
    })?;
    let node = yaml_node::parse(&text).map_err(|problem| Failure::Input {
        file: files::shown(path),
        problem: format!("not YAML: {problem}"),
    })?;
    Scope::load(&node).map_err(|error| Failure::Input {
        file: files::shown(path),
        problem: error
            .problems
            .iter()
            .map(|problem| problem.to_string())
            .collect::<Vec<_>>()
            .join("\n"),
    })
}

/// How a testcase gets its result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Decider {
    /// This tool decides it from dumped data.
    ScsCheck,
    /// The official check script against a live cloud.
    Live,
    /// A manual check (no script).
    Manual,
}

impl Decider {
    fn of(scope: &Scope, testcase: &Testcase) -> Decider {
        if scope.script_of(testcase).is_manual() {
            Decider::Manual
        } else if testcases::lookup(&testcase.id).is_some() {
            Decider::ScsCheck
        } else {
            Decider::Live
        }
    }

    fn word(self) -> &'static str {
        match self {
            Decider::ScsCheck => "scs-check",
            Decider::Live => "live",
            Decider::Manual => "manual",
        }
    }
}

/// Runs `scs-check scope`.
pub fn run_scope(args: &ScopeArgs) -> Result<Passed, Failure> {
    let scope = load(&args.file)?;
    let date = args.date.unwrap_or_else(|| now().date_naive());
    let entry = scope.timeline_entry_on(date).map(|entry| entry.date);
    let statuses = scope.validity_on(date);
    let mut out = BufWriter::new(io::stdout().lock());
    match args.format {
        Format::Text => {
            let mut text = String::new();
            for status in &statuses {
                text.push_str(&format!("{} {}", status.version.name, status.validity));
                if !status.explicit {
                    match entry {
                        Some(entry) => text.push_str(&format!(
                            " (implicit: not listed in the timeline entry of {entry})"
                        )),
                        None => text.push_str(&format!(
                            " (implicit: no timeline entry is in force on {date})"
                        )),
                    }
                }
                text.push('\n');
            }
            for status in &statuses {
                let version = status.version;
                text.push_str(&format!("\n{}:\n", version.name));
                if version.targets.is_empty() {
                    text.push_str("- no targets\n");
                }
                for target in &version.targets {
                    let deciders: Vec<(&str, Decider)> = target
                        .testcases
                        .iter()
                        .filter_map(|id| scope.testcase(id))
                        .map(|testcase| (testcase.id.as_str(), Decider::of(&scope, testcase)))
                        .collect();
                    let count = |kind| deciders.iter().filter(|(_, d)| *d == kind).count();
                    text.push_str(&format!(
                        "- {}: {} testcase{} ({} scs-check, {} live, {} manual)\n",
                        target.name,
                        deciders.len(),
                        if deciders.len() == 1 { "" } else { "s" },
                        count(Decider::ScsCheck),
                        count(Decider::Live),
                        count(Decider::Manual)
                    ));
                    for (id, decider) in deciders {
                        text.push_str(&format!("  - {id}: {}\n", decider.word()));
                    }
                }
            }
            out.write_all(text.as_bytes())
        }
        Format::Json => {
            let versions: Vec<serde_json::Value> = statuses
                .iter()
                .map(|status| {
                    let version = status.version;
                    let targets: Vec<serde_json::Value> = version
                        .targets
                        .iter()
                        .map(|target| {
                            let testcases: Vec<serde_json::Value> = target
                                .testcases
                                .iter()
                                .filter_map(|id| scope.testcase(id))
                                .map(|testcase| {
                                    serde_json::json!({
                                        "id": testcase.id,
                                        "lifetime": testcase.lifetime,
                                        "section": testcase.section,
                                        "decided_by": Decider::of(&scope, testcase).word(),
                                    })
                                })
                                .collect();
                            serde_json::json!({"name": target.name, "testcases": testcases})
                        })
                        .collect();
                    serde_json::json!({
                        "version": version.name,
                        "validity": status.validity,
                        "explicit": status.explicit,
                        "stabilized_at": version.stabilized_at,
                        "targets": targets,
                    })
                })
                .collect();
            let document = serde_json::json!({
                "name": scope.name,
                "uuid": scope.uuid,
                "url": scope.url,
                "date": date,
                "timeline_entry": entry,
                "versions": versions,
            });
            serde_json::to_writer_pretty(&mut out, &document)
                .map_err(io::Error::from)
                .and_then(|()| writeln!(out))
        }
    }
    .and_then(|()| out.flush())
    .map_err(Failure::stdout)?;
    Ok(true)
}

/// Arguments of `scs-check certify`.
#[derive(Debug, clap::Args)]
#[command(
    disable_version_flag = true,
    after_help = "\
Selects versions and testcases as the official runner (scs-compliance-check) does: the versions \
the timeline entry in force on --date lists (or the --version given), and the testcases of all \
their targets that have a check script, narrowed by --sections and --tests. Every selected \
testcase this tool implements is run over the data folder (the layouts of `scs-check iaas` and \
`scs-check kaas`); the others stay missing, never PASS. Prints the runner's console summary \
(stdout) and the findings (stderr), and with --output writes the report document the official \
runner writes, ready for the compliance monitor.

Exit status: 0 when no selected testcase failed or aborted (missing results do not count, as \
with the official runner), 1 otherwise, 2 on a usage error or an input that cannot be read."
)]
pub struct CertifyArgs {
    /// The scope file (YAML).
    file: PathBuf,
    /// The subject (cloud or cluster) under test, as named in reports.
    #[arg(long, short = 's')]
    subject: String,
    /// The folder with the dumped cloud or cluster data.
    #[arg(long)]
    data: PathBuf,
    /// The reference date that decides which versions are in force, YYYY-MM-DD; default: today
    /// (UTC).
    #[arg(long, short = 'd', value_parser = parse_date)]
    date: Option<NaiveDate>,
    /// Run this version only, whatever its validity.
    #[arg(long = "version", short = 'V')]
    forced_version: Option<String>,
    /// Run only testcases of these sections (comma-separated).
    #[arg(long, short = 'S', value_delimiter = ',')]
    sections: Option<Vec<String>>,
    /// Run only testcases whose id matches this regular expression at its start.
    #[arg(long, short = 't')]
    tests: Option<String>,
    /// The instant the checks evaluate at (image ages, version deadlines), RFC 3339; default:
    /// now.
    #[arg(long, value_parser = crate::iaas::parse_now)]
    now: Option<DateTime<Utc>>,
    /// Use the outcomes the official SCS suite would report, instead of those per the standard
    /// text.
    #[arg(long)]
    official: bool,
    /// Also list the passed testcases.
    #[arg(long, short = 'v')]
    verbose: bool,
}

/// Runs `scs-check certify`.
pub fn run_certify(args: &CertifyArgs) -> Result<Passed, Failure> {
    let scope = load(&args.file)?;
    let clock = now();
    let options = RunOptions {
        date: args.date.unwrap_or_else(|| clock.date_naive()),
        version: args.forced_version.clone(),
        sections: args
            .sections
            .as_ref()
            .map(|sections| sections.iter().map(|s| s.trim().to_owned()).collect()),
        tests: args.tests.clone(),
    };
    let selection = scope
        .select(&options)
        .map_err(|e| Failure::Usage(format!("{}: {e}", files::shown(&args.file))))?;
    if !args.data.is_dir() {
        return Err(Failure::Input {
            file: files::shown(&args.data),
            problem: "not a folder".to_owned(),
        });
    }
    let mut data = CloudData::new(args.now.unwrap_or(clock));
    crate::iaas::read_data(&crate::iaas::Args::folder(args.data.clone()), &mut data)?;
    crate::kaas::read_data(&crate::kaas::Args::folder(args.data.clone()), &mut data)?;

    let decided: Vec<&str> = selection
        .testcases
        .iter()
        .map(|testcase| testcase.id.as_str())
        .filter(|id| testcases::lookup(id).is_some())
        .collect();
    let report = testcases::run(&decided, &data).map_err(|e| Failure::Usage(e.to_string()))?;
    let mut results = scs_validators::scope::Results::new();
    for result in &report.results {
        let outcome = if args.official {
            result.official()
        } else {
            result.outcome()
        };
        results.insert_outcome(result.id().as_str(), outcome);
    }
    let summary = selection.summary(&scope, &args.subject, &results, args.verbose);
    let mut err = BufWriter::new(io::stderr().lock());
    for finding in report.findings() {
        let _ = writeln!(err, "{finding}");
    }
    let _ = err.flush();
    let mut out = BufWriter::new(io::stdout().lock());
    out.write_all(summary.as_bytes())
        .and_then(|()| out.flush())
        .map_err(Failure::stdout)?;
    let passed = results.iter().all(|(_, code)| code != -1 && code != 0);
    Ok(passed)
}
