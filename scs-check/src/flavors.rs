//! `scs-check flavors`: the scs-0100 testcases over a JSON flavor list.

use std::io::{self, BufWriter, Read, Write};
use std::path::PathBuf;

use clap::ValueEnum;
use scs_validators::flavor_name;
use scs_validators::input::FlavorList;

use crate::{Failure, Passed};

/// Arguments of `scs-check flavors`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Text output: the result lines (`scs-0100-syntax-check: PASS`) on stdout, then every finding \
(`ERROR: …`, `WARNING: …`, `INFO: …`) on stderr.

Exit status: 0 if every printed outcome is PASS, 1 on any FAIL or ABORT, 2 on a usage error \
or an input that cannot be read or is not a flavor list.")]
pub struct Args {
    /// A JSON flavor list: `{"flavors": [...]}` as the Nova API returns it, or a bare list as
    /// `openstack flavor list --long -f json` prints it; `-` for standard input.
    file: PathBuf,
    /// Print (and exit by) the outcomes the official SCS suite would report, instead of those
    /// per the standard text.
    #[arg(long)]
    official: bool,
    /// Output format: `text`, or `json` (the whole report, with both outcomes and all findings).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// Output formats of `flavors`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Result lines on stdout, findings on stderr.
    Text,
    /// The report as pretty-printed JSON on stdout.
    Json,
}

/// Runs the subcommand; `Ok(true)` if every printed outcome is PASS.
pub fn run(args: &Args) -> Result<Passed, Failure> {
    let stdin = args.file.as_os_str() == "-";
    let file = if stdin {
        "<stdin>".to_owned()
    } else {
        args.file.display().to_string()
    };
    let failure = |problem: String| Failure::Input {
        file: file.clone(),
        problem,
    };
    let mut bytes = Vec::new();
    let read = if stdin {
        io::stdin().lock().read_to_end(&mut bytes).map(drop)
    } else {
        std::fs::read(&args.file).map(|b| bytes = b)
    };
    read.map_err(|e| failure(format!("cannot read: {e}")))?;
    let FlavorList(flavors) = serde_json::from_slice(&bytes).map_err(|e| {
        failure(if e.is_data() {
            format!("not a flavor list: {e}")
        } else {
            format!("invalid JSON: {e}")
        })
    })?;

    let report = flavor_name::check(&flavors);
    let passed = if args.official {
        report.all_passed_officially()
    } else {
        report.all_passed()
    };

    let mut out = BufWriter::new(io::stdout().lock());
    match args.format {
        Format::Text => {
            if args.official {
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
        Format::Json => serde_json::to_writer_pretty(&mut out, &report)
            .map_err(io::Error::from)
            .and_then(|()| writeln!(out))
            .and_then(|()| out.flush())
            .map_err(Failure::stdout)?,
    }
    Ok(passed)
}
