//! `scs-check flavors`: the scs-0100 testcases over a JSON flavor list.

use std::path::PathBuf;

use scs_validators::flavor_name;
use scs_validators::input::FlavorList;

use crate::files;
use crate::output::{self, Format};
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

/// Runs the subcommand; `Ok(true)` if every printed outcome is PASS.
pub fn run(args: &Args) -> Result<Passed, Failure> {
    let FlavorList(flavors) = files::read_json(&args.file, "a flavor list")?;
    let report = flavor_name::check(&flavors);
    output::print(&report, args.official, args.format)
}
