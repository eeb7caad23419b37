//! Printing a report: the result lines on stdout and the findings on stderr, or JSON.

use std::io::{self, BufWriter, Write};

use clap::ValueEnum;
use scs_validators::report::Report;

use crate::{Failure, Passed};

/// Output formats of the report subcommands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Result lines on stdout, findings on stderr.
    Text,
    /// The report as pretty-printed JSON on stdout.
    Json,
}

/// Prints `report` and says whether every printed outcome is PASS (the official outcomes with
/// `official`, else those per the standard text).
pub fn print(report: &Report, official: bool, format: Format) -> Result<Passed, Failure> {
    let passed = if official {
        report.all_passed_officially()
    } else {
        report.all_passed()
    };
    let mut out = BufWriter::new(io::stdout().lock());
    match format {
        Format::Text => {
            if official {
                write!(out, "{}", report.official_lines())
            } else {
                write!(out, "{report}")
            }
            .and_then(|()| out.flush())
            .map_err(Failure::stdout)?;
            let mut err = BufWriter::new(io::stderr().lock());
            for finding in report.findings() {
                // A closed stderr does not change the verdict.
                let _ = writeln!(err, "{finding}");
            }
            let _ = err.flush();
        }
        Format::Json => serde_json::to_writer_pretty(&mut out, report)
            .map_err(io::Error::from)
            .and_then(|()| writeln!(out))
            .and_then(|()| out.flush())
            .map_err(Failure::stdout)?,
    }
    Ok(passed)
}
