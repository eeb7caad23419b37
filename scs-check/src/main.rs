//! `scs-check`: checks flavor names and flavor lists against the Sovereign Cloud Stack (SCS)
//! standards.
//!
//! A thin front end of the `scs-validators` library: it parses the arguments, reads files or
//! standard input, asks the library, prints the answer and sets the exit status. The verdicts and
//! every message come from the library.
//!
//! Exit status: 0 when everything checked passed, 1 when a name is invalid or a testcase does not
//! pass, 2 on a usage error, an unreadable or malformed input, or an output that cannot be
//! written.

#![forbid(unsafe_code)]

mod files;
mod flavor_name;
mod flavors;
mod iaas;
mod kaas;
mod output;
mod scope;
mod yaml_node;

use std::fmt;
use std::io::{self, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Checks OpenStack flavor names and flavor lists against the SCS standard scs-0100
/// (flavor naming).
///
/// Exit status: 0 when everything passed, 1 when a name is invalid or a testcase does not pass,
/// 2 on a usage error or an input that cannot be read.
#[derive(Debug, Parser)]
#[command(name = "scs-check", version, propagate_version = true)]
struct Cli {
    /// What to check.
    #[command(subcommand)]
    command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
enum Command {
    /// Classifies flavor names: valid, tolerated (v1 syntax), invalid or not-scs.
    FlavorName(flavor_name::Args),
    /// Runs scs-0100-syntax-check and scs-0100-semantics-check over a JSON flavor list.
    Flavors(flavors::Args),
    /// Runs the IaaS testcases over a folder of dumped cloud data.
    Iaas(Box<iaas::Args>),
    /// Runs the KaaS testcases over a folder of dumped cluster data.
    Kaas(Box<kaas::Args>),
    /// Shows a certification scope: its versions' validity on a date and how each testcase is
    /// decided.
    Scope(scope::ScopeArgs),
    /// Dry-runs a certification: selects versions and testcases as the official runner does and
    /// decides what this tool implements from dumped data.
    Certify(Box<scope::CertifyArgs>),
    /// Evaluates report documents as the SCS compliance monitor does: per version in force its
    /// verdict and when it expires, then the monitor's summary.
    Evaluate(scope::EvaluateArgs),
}

/// Why a subcommand stopped before it finished.
#[derive(Debug)]
enum Failure {
    /// Standard output was closed by its reader (for example `| head`): stop quietly.
    Closed,
    /// The arguments ask for something that does not exist (an unknown testcase id).
    Usage(String),
    /// An input could not be read or parsed, or an output could not be written.
    Input {
        /// The file (or `<stdin>`, `<stdout>`).
        file: String,
        /// What went wrong, one line.
        problem: String,
    },
}

impl Failure {
    /// A failure to write to standard output.
    fn stdout(e: io::Error) -> Failure {
        if e.kind() == io::ErrorKind::BrokenPipe {
            Failure::Closed
        } else {
            Failure::Input {
                file: "<stdout>".to_owned(),
                problem: format!("cannot write: {e}"),
            }
        }
    }
}

impl fmt::Display for Failure {
    /// `error: <file>: <problem>`; nothing for [`Failure::Closed`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Closed => Ok(()),
            Failure::Usage(problem) => write!(f, "error: {problem}"),
            Failure::Input { file, problem } => {
                // One line per problem, each naming the file.
                let mut lines = problem.lines();
                if let Some(first) = lines.next() {
                    write!(f, "error: {file}: {first}")?;
                }
                for line in lines {
                    write!(f, "\nerror: {file}: {line}")?;
                }
                Ok(())
            }
        }
    }
}

/// The result of a subcommand that ran to the end: whether everything passed.
type Passed = bool;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::FlavorName(args) => flavor_name::run(&args),
        Command::Flavors(args) => flavors::run(&args),
        Command::Iaas(args) => iaas::run(&args),
        Command::Kaas(args) => kaas::run(&args),
        Command::Scope(args) => scope::run_scope(&args),
        Command::Certify(args) => scope::run_certify(&args),
        Command::Evaluate(args) => scope::run_evaluate(&args),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(Failure::Closed) => ExitCode::from(2),
        Err(failure) => {
            // If even this fails, there is nobody left to tell.
            let _ = writeln!(io::stderr().lock(), "{failure}");
            ExitCode::from(2)
        }
    }
}
