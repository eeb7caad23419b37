//! `scs-check scope`, `certify` and `evaluate`: certification scopes (scs-0003/scs-0004).

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use scs_validators::scope::{
    evaluate_scope, relevant_results, Invocation, ReportDocument, ResultRow, Results, RunOptions,
    Scope, SpecRef, Testcase, Verdict,
};
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
    /// Write the report document (YAML, the official runner's layout) to this file. Its
    /// `checked_at` is --now when given (the instant the data stands for), else the current
    /// time.
    #[arg(long, short = 'o')]
    output: Option<PathBuf>,
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
    let mut results = Results::new();
    for result in &report.results {
        let outcome = if args.official {
            result.official()
        } else {
            result.outcome()
        };
        results.insert_outcome(result.id().as_str(), outcome);
    }
    let passed = results.iter().all(|(_, code)| code != -1 && code != 0);
    let findings: Vec<String> = report.findings().map(|f| f.to_string()).collect();
    if let Some(path) = &args.output {
        let stdout: Vec<String> = results
            .iter()
            .filter_map(|(id, code)| {
                scs_validators::scope::code_outcome(code).map(|o| format!("{id}: {o}"))
            })
            .collect();
        let count = |word: &str| {
            findings
                .iter()
                .chain(&stdout)
                .filter(|line| line.to_lowercase().starts_with(word))
                .count() as u64
        };
        let id = uuid4();
        let invocation = Invocation {
            id: id.clone(),
            cmd: std::env::args().collect::<Vec<_>>().join(" "),
            results: results.clone(),
            rc: if passed { 0 } else { 1 },
            info: count("info"),
            warning: count("warning"),
            error: count("error"),
            critical: count("critical"),
            stdout,
            stderr: findings.clone(),
        };
        let mut document = ReportDocument {
            spec: SpecRef {
                uuid: scope.uuid.clone(),
                name: scope.name.clone(),
                url: scope.url.clone(),
            },
            checked_at: args.now.unwrap_or(clock),
            reference_date: Some(options.date),
            subject: args.subject.clone(),
            run: Default::default(),
            versions: None,
        };
        document.run.uuid = uuid4();
        document.run.argv = std::env::args().skip(1).collect();
        document.run.sections = options.sections.clone();
        document.run.forced_version = options.version.clone();
        document.run.forced_tests = options.tests.clone();
        document.run.invocations.insert(id, invocation);
        std::fs::write(path, document.to_yaml()).map_err(|e| Failure::Input {
            file: files::shown(path),
            problem: format!("cannot write: {e}"),
        })?;
    }
    let summary = selection.summary(&scope, &args.subject, &results, args.verbose);
    let mut err = BufWriter::new(io::stderr().lock());
    for finding in &findings {
        let _ = writeln!(err, "{finding}");
    }
    let _ = err.flush();
    let mut out = BufWriter::new(io::stdout().lock());
    out.write_all(summary.as_bytes())
        .and_then(|()| out.flush())
        .map_err(Failure::stdout)?;
    Ok(passed)
}

/// A random (version 4) UUID, as the official runner gives each run and invocation: from the
/// system's random source, or, where there is none, from the standard library's randomly seeded
/// hasher.
fn uuid4() -> String {
    use std::hash::{BuildHasher, Hasher};
    use std::io::Read;
    let mut bytes = [0u8; 16];
    let from_system = std::fs::File::open("/dev/urandom")
        .and_then(|mut random| random.read_exact(&mut bytes))
        .is_ok();
    if !from_system {
        for (at, chunk) in bytes.chunks_mut(8).enumerate() {
            let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
            hasher.write_usize(at);
            hasher.write_u128(now().timestamp_nanos_opt().unwrap_or_default() as u128);
            chunk.copy_from_slice(&hasher.finish().to_le_bytes());
        }
    }
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// Arguments of `scs-check evaluate`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Evaluates report documents (YAML, one or several per file, as the official runner writes them \
with -o or this tool with `certify --output`) as the SCS compliance monitor does: for each \
subject, the newest result of every testcase of the scope that has not expired at --at (by its \
lifetime), then one line per version the timeline lists on the evaluation date, `<version>: \
<PASS|FAIL|ABORT|MISSING>`, with the instant a PASS or ABORT expires (the first moment one of \
its results is no longer valid; the verdict holds strictly before it), then the monitor's \
summary (`✅ v5.1`, `🟧 v4†`, `🛑 –`). A report's `checked_at` without an offset is read as UTC.

Exit status: 0 if, for every subject, a version that can be certified (effective or warn) \
passes; 1 otherwise; 2 on a usage error or a file that cannot be read.")]
pub struct EvaluateArgs {
    /// The scope file (YAML).
    file: PathBuf,
    /// Report files (YAML).
    #[arg(required = true)]
    reports: Vec<PathBuf>,
    /// The instant to evaluate at, RFC 3339 (`2026-11-24T12:00:00Z`); default: now.
    #[arg(long, value_parser = crate::iaas::parse_now)]
    at: Option<DateTime<Utc>>,
    /// The date that decides which versions are in force, YYYY-MM-DD; default: the date of --at.
    #[arg(long, value_parser = parse_date)]
    date: Option<NaiveDate>,
    /// Also walk draft versions (the monitor's full view).
    #[arg(long)]
    include_drafts: bool,
}

/// Runs `scs-check evaluate`.
pub fn run_evaluate(args: &EvaluateArgs) -> Result<Passed, Failure> {
    let scope = load(&args.file)?;
    let at = args.at.unwrap_or_else(now);
    let date = args.date.unwrap_or_else(|| at.date_naive());
    let mut rows: Vec<ResultRow> = Vec::new();
    let mut subjects: Vec<String> = Vec::new();
    let mut err = BufWriter::new(io::stderr().lock());
    for path in &args.reports {
        let bytes = files::read(path)?;
        let text = String::from_utf8(bytes).map_err(|_| Failure::Input {
            file: files::shown(path),
            problem: "not UTF-8 text".to_owned(),
        })?;
        let documents: Vec<ReportDocument> =
            serde_saphyr::from_multiple(&text).map_err(|e| Failure::Input {
                file: files::shown(path),
                problem: format!("not a report: {}", files::one_line(&e.to_string())),
            })?;
        for document in documents {
            if document.spec.uuid != scope.uuid {
                let _ = writeln!(
                    err,
                    "WARNING: {}: a report on scope {} (not {}) for {}: skipped",
                    files::shown(path),
                    document.spec.uuid,
                    scope.uuid,
                    document.subject
                );
                continue;
            }
            if !subjects.contains(&document.subject) {
                subjects.push(document.subject.clone());
            }
            rows.extend(ResultRow::from_report(&document));
        }
    }
    if subjects.is_empty() {
        return Err(Failure::Usage(format!(
            "no report on scope {} ({})",
            scope.uuid, scope.name
        )));
    }
    let mut text = String::new();
    let mut passed = true;
    for subject in &subjects {
        let relevant = relevant_results(&scope, subject, &rows, at);
        if !relevant.unknown.is_empty() {
            let _ = writeln!(
                err,
                "WARNING: {subject}: results of testcases the scope does not declare: {}",
                relevant.unknown.join(", ")
            );
        }
        let verdict = evaluate_scope(&scope, &relevant, date, args.include_drafts);
        if subjects.len() > 1 {
            text.push_str(&format!("{subject}:\n"));
        }
        for version in &verdict.versions {
            text.push_str(&format!("{}: {}", version.version.name, version.verdict));
            if let Some(expires) = version.expires_at {
                text.push_str(&format!(
                    " (expires {})",
                    expires.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
                ));
            }
            text.push('\n');
        }
        text.push_str(&verdict.summary());
        text.push('\n');
        passed &= verdict
            .versions
            .iter()
            .any(|version| version.validity.is_certifiable() && version.verdict == Verdict::Pass);
    }
    let _ = err.flush();
    let mut out = BufWriter::new(io::stdout().lock());
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(Failure::stdout)?;
    Ok(passed)
}
