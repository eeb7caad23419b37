//! `scs-check kaas DIR`: the KaaS testcases over a folder of dumped cluster data.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use scs_validators::input::kubernetes::{
    IngressClassList, NodeList, StorageClassList, VersionInfo,
};
use scs_validators::k8s_version_policy::{CveFeed, CveRecord, EolTable, Release};
use scs_validators::sonobuoy::{ResultItem, SonobuoyConfig};
use scs_validators::testcases::{self, CloudData, Input};

use crate::output::{self, Format};
use crate::{files, Failure, Passed};

/// Arguments of `scs-check kaas`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
The folder holds the dumped cluster data, one file per input: version.json (`kubectl version \
-o json`), releases.json (GitHub's list of Kubernetes releases), cve-feed.json (the Kubernetes \
CVE feed) and cves/*.json (its CVE records), an optional eol.yaml (the EOL table; default: the \
built-in snapshot), nodes.json, storageclasses.json, ingressclasses.json (`kubectl get … -o \
json`), and for each Sonobuoy testcase its extracted \
results under sonobuoy/<testcase-id>/ (plugins/e2e/sonobuoy_results.yaml), with an optional \
sonobuoy/ok-to-fail.yaml. An absent file is simply not given: a testcase that needs it prints \
`ABORT` and an `ERROR:` line naming the file.

Exit status: 0 if every printed outcome is PASS, 1 on any FAIL or ABORT, 2 on a usage error \
or an input file that cannot be read or is not of the expected shape.")]
pub struct Args {
    /// The folder with the dumped cluster data.
    dir: PathBuf,
    /// Testcase ids to run, as the official runner passes them (space-separated); added to
    /// `--testcases`. Default: the main testcases of SCS-compatible KaaS v1 that are
    /// implemented.
    ids: Vec<String>,
    /// Testcase ids to run, comma-separated.
    #[arg(long, value_delimiter = ',')]
    testcases: Vec<String>,
    /// The version information (`kubectl version -o json`) to read instead of
    /// DIR/version.json.
    #[arg(long)]
    version_json: Option<PathBuf>,
    /// The release list to read instead of DIR/releases.json.
    #[arg(long)]
    releases: Option<PathBuf>,
    /// The CVE feed to read instead of DIR/cve-feed.json.
    #[arg(long)]
    cve_feed: Option<PathBuf>,
    /// The folder of CVE records to read instead of DIR/cves.
    #[arg(long)]
    cves: Option<PathBuf>,
    /// The EOL table (YAML) to read instead of DIR/eol.yaml or the built-in snapshot.
    #[arg(long)]
    eol: Option<PathBuf>,
    /// The nodes to read instead of DIR/nodes.json.
    #[arg(long)]
    nodes: Option<PathBuf>,
    /// The StorageClasses to read instead of DIR/storageclasses.json.
    #[arg(long)]
    storage_classes: Option<PathBuf>,
    /// The IngressClasses to read instead of DIR/ingressclasses.json.
    #[arg(long)]
    ingress_classes: Option<PathBuf>,
    /// The folder of extracted Sonobuoy results to read instead of DIR/sonobuoy.
    #[arg(long)]
    sonobuoy: Option<PathBuf>,
    /// The instant to evaluate at, RFC 3339 (`2025-01-01T00:00:00Z`); default: now.
    #[arg(long, value_parser = crate::iaas::parse_now)]
    now: Option<DateTime<Utc>>,
    /// Print (and exit by) the outcomes the official SCS suite would report, instead of those
    /// per the standard text.
    #[arg(long)]
    official: bool,
    /// Output format: `text`, or `json` (the whole report, with both outcomes and all findings).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// The Sonobuoy testcases whose results may be in the folder.
const SONOBUOY_TESTCASES: [&str; 2] = ["kaas-networking-check", "cncf-k8s-conformance"];

/// Runs the subcommand; `Ok(true)` if every printed outcome is PASS.
pub fn run(args: &Args) -> Result<Passed, Failure> {
    let (mut data, ids) = crate::iaas::prepare(
        &args.dir,
        args.now,
        &args.testcases,
        &args.ids,
        testcases::default_kaas,
    )?;
    read_data(args, &mut data)?;
    let report = testcases::run(&ids, &data).map_err(|e| Failure::Usage(e.to_string()))?;
    output::print(&report, args.official, args.format)
}

impl Args {
    /// The arguments that read every input from `dir`, without overrides.
    pub(crate) fn folder(dir: PathBuf) -> Args {
        Args {
            dir,
            ids: Vec::new(),
            testcases: Vec::new(),
            version_json: None,
            releases: None,
            cve_feed: None,
            cves: None,
            eol: None,
            nodes: None,
            storage_classes: None,
            ingress_classes: None,
            sonobuoy: None,
            now: None,
            official: false,
            format: Format::Text,
        }
    }
}

/// Reads the KaaS inputs the arguments name into `data`.
pub(crate) fn read_data(args: &Args, data: &mut CloudData) -> Result<(), Failure> {
    let dir = args.dir.as_path();
    data.nodes =
        crate::iaas::optional::<NodeList>(args.nodes.as_deref(), dir, Input::Nodes, "a node list")?
            .map(|l| l.0);
    data.storage_classes = crate::iaas::optional::<StorageClassList>(
        args.storage_classes.as_deref(),
        dir,
        Input::StorageClasses,
        "a StorageClass list",
    )?
    .map(|l| l.0);
    data.ingress_classes = crate::iaas::optional::<IngressClassList>(
        args.ingress_classes.as_deref(),
        dir,
        Input::IngressClasses,
        "an IngressClass list",
    )?
    .map(|l| l.0);
    let version = crate::iaas::optional::<VersionInfo>(
        args.version_json.as_deref(),
        dir,
        Input::K8sVersion,
        "kubectl's version information",
    )?;
    if let Some(v) = version {
        let git_version = v.server_git_version().ok_or_else(|| Failure::Input {
            file: files::shown(
                &args
                    .version_json
                    .clone()
                    .unwrap_or_else(|| dir.join("version.json")),
            ),
            problem: "no `serverVersion.gitVersion`: the cluster's version is not in it".to_owned(),
        })?;
        data.k8s_version = Some(git_version.to_owned());
    }
    data.k8s_releases = crate::iaas::optional::<Vec<Release>>(
        args.releases.as_deref(),
        dir,
        Input::K8sReleases,
        "a list of releases",
    )?;
    let feed_path = args
        .cve_feed
        .clone()
        .unwrap_or_else(|| dir.join("cve-feed.json"));
    if args.cve_feed.is_some() || feed_path.exists() {
        data.cve_feed = Some(files::read_json::<CveFeed>(&feed_path, "a CVE feed")?);
    }
    let cves_dir = args.cves.clone().unwrap_or_else(|| dir.join("cves"));
    if args.cves.is_some() || cves_dir.is_dir() {
        data.cve_records = Some(read_cves(&cves_dir)?);
    }
    let eol_path = args.eol.clone().unwrap_or_else(|| dir.join("eol.yaml"));
    if args.eol.is_some() || eol_path.exists() {
        data.eol_table = Some(files::read_yaml::<EolTable>(&eol_path, "an EOL table")?);
    }
    let sonobuoy_dir = args
        .sonobuoy
        .clone()
        .unwrap_or_else(|| dir.join("sonobuoy"));
    read_sonobuoy(&sonobuoy_dir, data)?;
    Ok(())
}

/// Reads every `*.json` file of `dir` as a CVE record, in file-name order.
fn read_cves(dir: &Path) -> Result<Vec<CveRecord>, Failure> {
    let entries = std::fs::read_dir(dir).map_err(|e| Failure::Input {
        file: files::shown(dir),
        problem: format!("cannot read the folder: {e}"),
    })?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| files::read_json::<CveRecord>(p, "a CVE record"))
        .collect()
}

/// Reads the Sonobuoy results of each testcase and the `okToFail` list, where present.
fn read_sonobuoy(dir: &Path, data: &mut CloudData) -> Result<(), Failure> {
    for id in SONOBUOY_TESTCASES {
        let path = dir.join(id).join("plugins/e2e/sonobuoy_results.yaml");
        if path.exists() {
            let results: ResultItem = files::read_yaml(&path, "a Sonobuoy results tree")?;
            data.sonobuoy.insert(id.to_owned(), results);
        }
    }
    let config = dir.join("ok-to-fail.yaml");
    if config.exists() {
        data.sonobuoy_config = Some(files::read_yaml::<SonobuoyConfig>(
            &config,
            "an okToFail list",
        )?);
    }
    Ok(())
}
