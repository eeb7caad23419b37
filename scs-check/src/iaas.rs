//! `scs-check iaas DIR`: the IaaS testcases over a folder of dumped cloud data.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use scs_validators::input::catalog::Catalog;
use scs_validators::input::network::{DefaultSecurityGroupRuleList, SecurityGroupRuleList};
use scs_validators::input::probes::{KeyManagerProbe, Roles, S3Probe};
use scs_validators::input::volume::VolumeTypeList;
use scs_validators::input::FlavorList;
use scs_validators::testcases::{self, CloudData, Input};
use serde::de::DeserializeOwned;

use crate::output::{self, Format};
use crate::{files, Failure, Passed};

/// Arguments of `scs-check iaas`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
The folder holds the dumped cloud data, one file per input: flavors.json (Nova flavors), \
images.json (Glance images), volume_types.json (Cinder volume types), \
default_security_group_rules.json (Neutron default security group rules), \
new_security_group.json (the rules of a freshly created security group, for clouds without the \
default-rules API), catalog.json (the token's service catalog), roles.json (the token's role \
names), key_manager_probe.json and s3_probe.json (what the key-manager and S3 probes \
observed), console.log (the entropy test VM's console output). An absent file is simply not given: a testcase that needs it \
prints `ABORT` and an `ERROR:` line naming the file.

Text output: the result lines (`scs-0100-syntax-check: PASS`) on stdout, then every finding \
(`ERROR: …`, `WARNING: …`, `INFO: …`) on stderr.

Exit status: 0 if every printed outcome is PASS, 1 on any FAIL or ABORT, 2 on a usage error \
or an input file that cannot be read or is not of the expected shape.")]
pub struct Args {
    /// The folder with the dumped cloud data.
    dir: PathBuf,
    /// Testcase ids to run, as the official runner passes them (space-separated); added to
    /// `--testcases`. Default: the main testcases of SCS-compatible IaaS v5.1 that are
    /// implemented.
    ids: Vec<String>,
    /// Testcase ids to run, comma-separated.
    #[arg(long, value_delimiter = ',')]
    testcases: Vec<String>,
    /// The flavor list to read instead of DIR/flavors.json.
    #[arg(long)]
    flavors: Option<PathBuf>,
    /// The image list to read instead of DIR/images.json.
    #[arg(long)]
    images: Option<PathBuf>,
    /// The volume types to read instead of DIR/volume_types.json.
    #[arg(long)]
    volume_types: Option<PathBuf>,
    /// The default security group rules to read instead of
    /// DIR/default_security_group_rules.json.
    #[arg(long)]
    default_security_group_rules: Option<PathBuf>,
    /// The rules of a new security group to read instead of DIR/new_security_group.json.
    #[arg(long)]
    new_security_group: Option<PathBuf>,
    /// The service catalog to read instead of DIR/catalog.json.
    #[arg(long)]
    catalog: Option<PathBuf>,
    /// The token's role names to read instead of DIR/roles.json.
    #[arg(long)]
    roles: Option<PathBuf>,
    /// The key-manager probe record to read instead of DIR/key_manager_probe.json.
    #[arg(long)]
    key_manager_probe: Option<PathBuf>,
    /// The S3 probe record to read instead of DIR/s3_probe.json.
    #[arg(long)]
    s3_probe: Option<PathBuf>,
    /// The console output to read instead of DIR/console.log.
    #[arg(long)]
    console: Option<PathBuf>,
    /// The instant to evaluate at, RFC 3339 (`2025-01-01T00:00:00Z`); default: now.
    #[arg(long, value_parser = parse_now)]
    now: Option<DateTime<Utc>>,
    /// Print (and exit by) the outcomes the official SCS suite would report, instead of those
    /// per the standard text.
    #[arg(long)]
    official: bool,
    /// Output format: `text`, or `json` (the whole report, with both outcomes and all findings).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

pub(crate) fn parse_now(text: &str) -> Result<DateTime<Utc>, String> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| format!("not an RFC 3339 instant ({e}), such as 2025-01-01T00:00:00Z"))
}

/// Reads an optional input: the flag's file (which must exist), else `DIR/<file name>` if it
/// exists, else `None`.
pub(crate) fn optional<T: DeserializeOwned>(
    flag: Option<&Path>,
    dir: &Path,
    input: Input,
    what: &str,
) -> Result<Option<T>, Failure> {
    resolve(flag, dir, input)
        .map(|path| files::read_json(&path, what))
        .transpose()
}

/// Reads an optional text input (lossy UTF-8), like [`optional`].
fn optional_text(flag: Option<&Path>, dir: &Path, input: Input) -> Result<Option<String>, Failure> {
    resolve(flag, dir, input)
        .map(|path| files::read(&path).map(|b| String::from_utf8_lossy(&b).into_owned()))
        .transpose()
}

/// The file of an optional input: the flag's (which must then exist), else
/// `DIR/<file name>` if it exists.
fn resolve(flag: Option<&Path>, dir: &Path, input: Input) -> Option<PathBuf> {
    match flag {
        Some(p) => Some(p.to_owned()),
        None => Some(dir.join(input.file_name())).filter(|p| p.exists()),
    }
}

/// Runs the subcommand; `Ok(true)` if every printed outcome is PASS.
pub fn run(args: &Args) -> Result<Passed, Failure> {
    let (mut data, ids) = prepare(
        &args.dir,
        args.now,
        &args.testcases,
        &args.ids,
        testcases::default_iaas,
    )?;
    // The images are checked while they are read, after every other input.
    let images = resolve(args.images.as_deref(), &args.dir, Input::Images);
    read_other_data(args, &mut data)?;
    let mut run = testcases::Run::new(&ids, &data).map_err(|e| Failure::Usage(e.to_string()))?;
    if let Some(path) = images {
        files::feed_images(&path, "an image list", &mut run)?;
    }
    let report = run.finish();
    let passed = output::print(&report, args.official, args.format);
    // The process ends here: the operating system takes the memory back at once, where
    // dropping the inputs and the report would free their allocations one by one (a
    // million for a cloud of 100k images).
    std::mem::forget(data);
    std::mem::forget(report);
    passed
}

/// What `iaas` and `kaas` do before reading their inputs: check that `dir` is a folder, fix the
/// instant (`now`, else the clock), and list the testcases asked for (`--testcases`, then the
/// ids given as arguments; `default` when there are none).
pub(crate) fn prepare(
    dir: &Path,
    now: Option<DateTime<Utc>>,
    testcases: &[String],
    ids: &[String],
    default: fn() -> Vec<&'static str>,
) -> Result<(CloudData, Vec<String>), Failure> {
    if !dir.is_dir() {
        return Err(Failure::Input {
            file: files::shown(dir),
            problem: "not a folder".to_owned(),
        });
    }
    let now = now.unwrap_or_else(|| DateTime::<Utc>::from(std::time::SystemTime::now()));
    let mut asked: Vec<String> = testcases.iter().chain(ids).cloned().collect();
    if asked.is_empty() {
        asked = default().into_iter().map(str::to_owned).collect();
    }
    Ok((CloudData::new(now), asked))
}

impl Args {
    /// The arguments that read every input from `dir`, without overrides.
    pub(crate) fn folder(dir: PathBuf) -> Args {
        Args {
            dir,
            ids: Vec::new(),
            testcases: Vec::new(),
            flavors: None,
            images: None,
            volume_types: None,
            default_security_group_rules: None,
            new_security_group: None,
            catalog: None,
            roles: None,
            key_manager_probe: None,
            s3_probe: None,
            console: None,
            now: None,
            official: false,
            format: Format::Text,
        }
    }
}

/// Reads the IaaS inputs the arguments name into `data`.
pub(crate) fn read_data(args: &Args, data: &mut CloudData) -> Result<(), Failure> {
    data.images = resolve(args.images.as_deref(), &args.dir, Input::Images)
        .map(|path| files::read_images(&path, "an image list"))
        .transpose()?;
    read_other_data(args, data)
}

/// Reads the IaaS inputs the arguments name into `data`, all but the images.
fn read_other_data(args: &Args, data: &mut CloudData) -> Result<(), Failure> {
    let dir = args.dir.as_path();
    data.flavors = optional::<FlavorList>(
        args.flavors.as_deref(),
        dir,
        Input::Flavors,
        "a flavor list",
    )?
    .map(|l| l.0);
    data.volume_types = optional::<VolumeTypeList>(
        args.volume_types.as_deref(),
        dir,
        Input::VolumeTypes,
        "a list of volume types",
    )?
    .map(|l| l.0);
    data.default_security_group_rules = optional::<DefaultSecurityGroupRuleList>(
        args.default_security_group_rules.as_deref(),
        dir,
        Input::DefaultSecurityGroupRules,
        "a list of default security group rules",
    )?
    .map(|l| l.0);
    data.new_security_group = optional::<SecurityGroupRuleList>(
        args.new_security_group.as_deref(),
        dir,
        Input::NewSecurityGroup,
        "the rules of a security group",
    )?
    .map(|l| l.0);
    data.catalog = optional::<Catalog>(
        args.catalog.as_deref(),
        dir,
        Input::Catalog,
        "a service catalog",
    )?
    .map(|c| c.0);
    data.roles = optional::<Roles>(
        args.roles.as_deref(),
        dir,
        Input::Roles,
        "a list of role names",
    )?;
    data.key_manager_probe = optional::<KeyManagerProbe>(
        args.key_manager_probe.as_deref(),
        dir,
        Input::KeyManagerProbe,
        "a key-manager probe record",
    )?;
    data.s3_probe = optional::<S3Probe>(
        args.s3_probe.as_deref(),
        dir,
        Input::S3Probe,
        "an S3 probe record",
    )?;
    data.console = optional_text(args.console.as_deref(), dir, Input::Console)?;
    Ok(())
}
