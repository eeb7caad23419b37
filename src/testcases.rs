//! The registry: every official testcase id this crate implements, mapped to its check, its
//! standard and the inputs it needs.
//!
//! [`run`] evaluates a list of ids over a [`CloudData`] bundle (every input optional) to a
//! [`Report`]. A testcase whose input was not given is reported as ABORT, with an error
//! finding that names the missing input, never as PASS. An id this crate does not know is an
//! error ([`UnknownTestcase`]), not a silent skip.
//!
//! A [`Run`] does the same with the image list fed a block at a time, for a list too large to
//! hold: the image testcases (scs-0102, scs-0104) keep what they need of each block, and the
//! report is the one [`run`] gives with the whole list.

use std::fmt;
use std::sync::OnceLock;

use chrono::{DateTime, Utc};
use thiserror::Error;

use crate::flavor_name;
use crate::image_metadata::{self as im, Version as ImageMetadataVersion};
use std::collections::BTreeMap;

use crate::input::catalog::CatalogService;
use crate::input::kubernetes::{IngressClass, Node, StorageClass};
use crate::input::network::SecurityGroupRule;
use crate::input::probes::{KeyManagerProbe, Roles, S3Probe};
use crate::input::volume::VolumeType;
use crate::input::{Flavor, Image};
use crate::k8s_version_policy::{self as k8s, CveFeed, CveRecord, EolTable, PolicyData, Release};
use crate::report::{Outcome, Report, TestcaseId, TestcaseResult};
use crate::sonobuoy::{ResultItem, SonobuoyConfig};
use crate::standard_flavors::{self, StandardFlavor};
use crate::standard_images::{
    self, CandidateImages, OfficialTestcase as StandardImageTestcase, OfficialView, ScopeVersion,
};
use crate::{
    entropy, key_manager, node_distribution, security_groups, services, sonobuoy, storage_class,
    volume_types,
};

/// Everything a caller may hand over for the IaaS checks; every input is optional.
#[derive(Clone, Debug)]
pub struct CloudData {
    /// The instant the checks take as "now" (image recency and the like).
    pub now: DateTime<Utc>,
    /// Nova flavors (`flavors.json`).
    pub flavors: Option<Vec<Flavor>>,
    /// Glance images (`images.json`).
    pub images: Option<Vec<Image>>,
    /// Cinder volume types (`volume_types.json`).
    pub volume_types: Option<Vec<VolumeType>>,
    /// Neutron's default security group rules (`default_security_group_rules.json`).
    pub default_security_group_rules: Option<Vec<SecurityGroupRule>>,
    /// The rules of a freshly created security group, for clouds without the default-rules
    /// API (`new_security_group.json`).
    pub new_security_group: Option<Vec<SecurityGroupRule>>,
    /// The Keystone service catalog (`catalog.json`).
    pub catalog: Option<Vec<CatalogService>>,
    /// The role names of the token the checks run with (`roles.json`). When given, the
    /// official suite's pre-flight check applies: roles containing `admin` or `manager`, or
    /// lacking `member`, make it report every testcase as ABORT.
    pub roles: Option<Roles>,
    /// What the key-manager probe observed (`key_manager_probe.json`).
    pub key_manager_probe: Option<KeyManagerProbe>,
    /// What the S3 probe observed (`s3_probe.json`).
    pub s3_probe: Option<S3Probe>,
    /// The console output of the entropy test VM (`console.log`).
    pub console: Option<String>,
    /// The cluster's Kubernetes version, the server's `gitVersion` (`version.json`,
    /// `kubectl version -o json`).
    pub k8s_version: Option<String>,
    /// Kubernetes releases as GitHub lists them (`releases.json`).
    pub k8s_releases: Option<Vec<Release>>,
    /// The Kubernetes CVE records (`cves/*.json`).
    pub cve_records: Option<Vec<CveRecord>>,
    /// The Kubernetes CVE feed (`cve-feed.json`).
    pub cve_feed: Option<CveFeed>,
    /// The Kubernetes EOL table (`eol.yaml`); the built-in snapshot when `None`.
    pub eol_table: Option<EolTable>,
    /// The cluster's nodes (`nodes.json`, `kubectl get nodes -o json`).
    pub nodes: Option<Vec<Node>>,
    /// The cluster's StorageClasses (`storageclasses.json`).
    pub storage_classes: Option<Vec<StorageClass>>,
    /// The cluster's IngressClasses (`ingressclasses.json`).
    pub ingress_classes: Option<Vec<IngressClass>>,
    /// The e2e results of the Sonobuoy run of each testcase, keyed by testcase id
    /// (`sonobuoy/<testcase-id>/plugins/e2e/sonobuoy_results.yaml`).
    pub sonobuoy: BTreeMap<String, ResultItem>,
    /// The `okToFail` list for Sonobuoy results (`sonobuoy/ok-to-fail.yaml`); the built-in
    /// snapshot when `None`.
    pub sonobuoy_config: Option<SonobuoyConfig>,
}

impl CloudData {
    /// No inputs, evaluated at `now`.
    pub fn new(now: DateTime<Utc>) -> Self {
        CloudData {
            now,
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
            k8s_version: None,
            k8s_releases: None,
            cve_records: None,
            cve_feed: None,
            eol_table: None,
            nodes: None,
            storage_classes: None,
            ingress_classes: None,
            sonobuoy: BTreeMap::new(),
            sonobuoy_config: None,
        }
    }

    fn has(&self, input: Input) -> bool {
        match input {
            Input::Flavors => self.flavors.is_some(),
            Input::Images => self.images.is_some(),
            Input::VolumeTypes => self.volume_types.is_some(),
            Input::DefaultSecurityGroupRules => self.default_security_group_rules.is_some(),
            Input::NewSecurityGroup => self.new_security_group.is_some(),
            Input::Catalog => self.catalog.is_some(),
            Input::Roles => self.roles.is_some(),
            Input::KeyManagerProbe => self.key_manager_probe.is_some(),
            Input::S3Probe => self.s3_probe.is_some(),
            Input::Console => self.console.is_some(),
            Input::K8sVersion => self.k8s_version.is_some(),
            Input::K8sReleases => self.k8s_releases.is_some(),
            Input::CveRecords => self.cve_records.is_some(),
            Input::Nodes => self.nodes.is_some(),
            Input::StorageClasses => self.storage_classes.is_some(),
            Input::IngressClasses => self.ingress_classes.is_some(),
            Input::SonobuoyNetworking => self.sonobuoy.contains_key("kaas-networking-check"),
            Input::SonobuoyConformance => self.sonobuoy.contains_key("cncf-k8s-conformance"),
        }
    }
}

/// One kind of input a testcase needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Input {
    /// Nova flavors.
    Flavors,
    /// Glance images.
    Images,
    /// Cinder volume types.
    VolumeTypes,
    /// Neutron's default security group rules.
    DefaultSecurityGroupRules,
    /// The rules of a freshly created security group.
    NewSecurityGroup,
    /// The service catalog.
    Catalog,
    /// The token's role names.
    Roles,
    /// The key-manager probe's observations.
    KeyManagerProbe,
    /// The S3 probe's observation.
    S3Probe,
    /// The entropy test VM's console output.
    Console,
    /// The cluster's Kubernetes version.
    K8sVersion,
    /// The list of Kubernetes releases.
    K8sReleases,
    /// The Kubernetes CVE records.
    CveRecords,
    /// The cluster's nodes.
    Nodes,
    /// The cluster's StorageClasses.
    StorageClasses,
    /// The cluster's IngressClasses.
    IngressClasses,
    /// The results of the Sonobuoy run for `kaas-networking-check`.
    SonobuoyNetworking,
    /// The results of the Sonobuoy run for `cncf-k8s-conformance`.
    SonobuoyConformance,
}

impl Input {
    /// The file that holds this input in a data folder (as `scs-check iaas DIR` reads it).
    pub const fn file_name(self) -> &'static str {
        match self {
            Input::Flavors => "flavors.json",
            Input::Images => "images.json",
            Input::VolumeTypes => "volume_types.json",
            Input::DefaultSecurityGroupRules => "default_security_group_rules.json",
            Input::NewSecurityGroup => "new_security_group.json",
            Input::Catalog => "catalog.json",
            Input::Roles => "roles.json",
            Input::KeyManagerProbe => "key_manager_probe.json",
            Input::S3Probe => "s3_probe.json",
            Input::Console => "console.log",
            Input::K8sVersion => "version.json",
            Input::K8sReleases => "releases.json",
            Input::CveRecords => "cves/",
            Input::Nodes => "nodes.json",
            Input::StorageClasses => "storageclasses.json",
            Input::IngressClasses => "ingressclasses.json",
            Input::SonobuoyNetworking => {
                "sonobuoy/kaas-networking-check/plugins/e2e/sonobuoy_results.yaml"
            }
            Input::SonobuoyConformance => {
                "sonobuoy/cncf-k8s-conformance/plugins/e2e/sonobuoy_results.yaml"
            }
        }
    }

    /// What the input is, in words.
    pub const fn description(self) -> &'static str {
        match self {
            Input::Flavors => "the flavor list",
            Input::Images => "the image list",
            Input::VolumeTypes => "the volume types",
            Input::DefaultSecurityGroupRules => "the default security group rules",
            Input::NewSecurityGroup => "the rules of a new security group",
            Input::Catalog => "the service catalog",
            Input::Roles => "the token's role names",
            Input::KeyManagerProbe => "the key-manager probe",
            Input::S3Probe => "the S3 probe",
            Input::Console => "the test VM's console output",
            Input::K8sVersion => "the cluster's version",
            Input::K8sReleases => "the Kubernetes releases",
            Input::CveRecords => "the Kubernetes CVE records",
            Input::Nodes => "the cluster's nodes",
            Input::StorageClasses => "the cluster's StorageClasses",
            Input::IngressClasses => "the cluster's IngressClasses",
            Input::SonobuoyNetworking => "the Sonobuoy results of kaas-networking-check",
            Input::SonobuoyConformance => "the Sonobuoy results of cncf-k8s-conformance",
        }
    }
}

impl fmt::Display for Input {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.description(), self.file_name())
    }
}

/// A registered testcase.
#[derive(Clone, Copy)]
pub struct Testcase {
    /// The official id.
    pub id: &'static str,
    /// The standard (and version) it belongs to, such as `scs-0100-v3`.
    pub standard: &'static str,
    /// The inputs it needs (all of them, or one of them with [`Testcase::any_input`]).
    pub inputs: &'static [Input],
    /// Whether one of [`Testcase::inputs`] is enough.
    pub any_input: bool,
    check: Check,
}

/// How a registered testcase is evaluated.
#[derive(Clone, Copy)]
enum Check {
    Fn(fn(&CloudData) -> TestcaseResult),
    StandardFlavor(&'static StandardFlavor),
    StandardImage(&'static StandardImageTestcase),
    /// An scs-0102 testcase, read with the v2 value lists (only `os_purpose` has two).
    ImageMetadata,
}

impl Testcase {
    fn evaluate<'a>(&self, data: &'a CloudData, shared: &mut Shared<'a>) -> TestcaseResult {
        match self.check {
            Check::Fn(f) => f(data),
            Check::StandardFlavor(spec) => standard_flavors::check_flavor(flavors(data), spec),
            // A run gathers these from its image list, and evaluates them only when it has one.
            Check::StandardImage(t) => match &shared.official_view {
                Some(view) => t.run_with(view),
                None => not_gathered(self.id),
            },
            Check::ImageMetadata => shared
                .image_metadata
                .next()
                .unwrap_or_else(|| not_gathered(self.id)),
        }
    }
}

/// What the testcases of one [`run`] share: the scs-0102 results, evaluated together in one
/// pass over the images (in the order the run asks for them), and the image lookup of
/// scs-0104.
struct Shared<'a> {
    image_metadata: std::vec::IntoIter<TestcaseResult>,
    official_view: Option<OfficialView<'a>>,
}

/// What the image testcases of a [`Run`] gather from the images fed to it.
struct ImagePass {
    /// The scs-0102 testcases that will run (those whose input is there).
    metadata: Option<im::Checker>,
    /// The images scs-0104 looks at, when one of its testcases runs.
    candidates: Option<CandidateImages>,
}

impl ImagePass {
    fn new(testcases: &[&Testcase], now: DateTime<Utc>, capacity: usize) -> Self {
        let ids: Vec<TestcaseId> = testcases
            .iter()
            .filter(|t| matches!(t.check, Check::ImageMetadata))
            .map(|t| TestcaseId::from_static(t.id))
            .collect();
        let metadata = (!ids.is_empty())
            .then(|| im::Checker::with_capacity(&ids, ImageMetadataVersion::V2, now, capacity));
        let candidates = testcases
            .iter()
            .any(|t| matches!(t.check, Check::StandardImage(_)))
            .then(CandidateImages::new);
        ImagePass {
            metadata,
            candidates,
        }
    }

    fn feed(&mut self, images: &[Image]) {
        if let Some(m) = &mut self.metadata {
            m.feed(images);
        }
        if let Some(c) = &mut self.candidates {
            c.feed(standard_images::official_specs(), images);
        }
    }
}

/// A [`run`] whose images come a block at a time ([`Run::feed_images`]): for an image list too
/// large to hold, checked while it is read. The report is the one [`run`] gives with all the
/// images in [`CloudData::images`].
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use scs_validators::input::Image;
/// use scs_validators::testcases::{self, CloudData, Run};
///
/// let images: Vec<Image> = serde_json::from_str(
///     r#"[{"id": "a1", "name": "Debian 12", "visibility": "public", "min_ram": 512},
///         {"id": "b2", "name": "Ubuntu 24.04", "visibility": "public"}]"#,
/// )?;
/// let mut data = CloudData::new(Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap());
/// let ids = ["scs-0102-prop-min_ram", "scs-0104-image-ubuntu-2404"];
/// let mut run = Run::new(&ids, &data)?;
/// for block in images.chunks(1) {
///     run.feed_images(block);
/// }
/// let report = run.finish();
/// data.images = Some(images);
/// assert_eq!(report, testcases::run(&ids, &data)?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Run<'d> {
    testcases: Vec<&'static Testcase>,
    data: &'d CloudData,
    /// Once images are fed.
    images: Option<ImagePass>,
}

impl<'d> Run<'d> {
    /// A run of the testcases `ids`, in the order given, over `data` and the images to be fed.
    ///
    /// # Errors
    ///
    /// [`UnknownTestcase`] for the first id that is not registered.
    pub fn new<S: AsRef<str>>(ids: &[S], data: &'d CloudData) -> Result<Self, UnknownTestcase> {
        let testcases = ids
            .iter()
            .map(|id| lookup(id.as_ref()).ok_or_else(|| UnknownTestcase(id.as_ref().to_owned())))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Run {
            testcases,
            data,
            images: None,
        })
    }

    /// Checks the next images of the cloud's image list. Once images are fed (even none), they
    /// are the image list of this run, and [`CloudData::images`] is not read.
    pub fn feed_images(&mut self, images: &[Image]) {
        let (testcases, now) = (&self.testcases, self.data.now);
        self.images
            .get_or_insert_with(|| ImagePass::new(testcases, now, 0))
            .feed(images);
    }

    /// Forgets the images fed so far, to feed the list again from its start (say, after a
    /// reader that gave up half-way).
    pub fn restart_images(&mut self) {
        self.images = None;
    }

    /// The report, in the order of the ids.
    pub fn finish(self) -> Report {
        let data = self.data;
        let pass = match (self.images, &data.images) {
            (Some(pass), _) => Some(pass),
            (None, Some(images)) => {
                let mut pass = ImagePass::new(&self.testcases, data.now, images.len());
                pass.feed(images);
                Some(pass)
            }
            (None, None) => None,
        };
        let has_images = pass.is_some();
        let (metadata, candidates) = match pass {
            Some(ImagePass {
                metadata,
                candidates,
            }) => (metadata, candidates),
            None => (None, None),
        };
        let mut shared = Shared {
            image_metadata: metadata
                .map(|m| m.finish().results)
                .unwrap_or_default()
                .into_iter(),
            official_view: candidates
                .as_ref()
                .map(|c| OfficialView::from_candidates(standard_images::official_specs(), c)),
        };
        let mut report = Report::new();
        for t in &self.testcases {
            report.push(run_one(t, data, has_images, &mut shared));
        }
        if let Some(roles) = &data.roles {
            key_manager::apply_preflight(&mut report, roles.names());
        }
        report
    }
}

impl fmt::Debug for Run<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Run")
            .field(
                "testcases",
                &self.testcases.iter().map(|t| t.id).collect::<Vec<_>>(),
            )
            .field("images_fed", &self.images.is_some())
            .finish_non_exhaustive()
    }
}

/// The result of an image testcase that its run did not gather (which [`Run::finish`] rules
/// out): ABORT, saying so, never a verdict on images it did not see.
fn not_gathered(id: &'static str) -> TestcaseResult {
    TestcaseResult::aborted(
        TestcaseId::from_static(id),
        "the run did not gather the images of this testcase",
        Outcome::Abort,
    )
}

impl fmt::Debug for Testcase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Testcase")
            .field("id", &self.id)
            .field("standard", &self.standard)
            .field("inputs", &self.inputs)
            .finish()
    }
}

fn flavors(d: &CloudData) -> &[Flavor] {
    d.flavors.as_deref().unwrap_or_default()
}

fn image_metadata(id: &'static str, standard: &'static str) -> Testcase {
    Testcase {
        id,
        standard,
        inputs: &[Input::Images],
        any_input: false,
        check: Check::ImageMetadata,
    }
}

fn function(
    id: &'static str,
    standard: &'static str,
    inputs: &'static [Input],
    f: fn(&CloudData) -> TestcaseResult,
) -> Testcase {
    Testcase {
        id,
        standard,
        inputs,
        any_input: false,
        check: Check::Fn(f),
    }
}

fn slice<T>(v: &Option<Vec<T>>) -> &[T] {
    v.as_deref().unwrap_or_default()
}

fn build() -> Vec<Testcase> {
    let mut r = vec![
        function(
            "scs-0100-syntax-check",
            "scs-0100-v3",
            &[Input::Flavors],
            |d| flavor_name::syntax_check(flavors(d)),
        ),
        function(
            "scs-0100-semantics-check",
            "scs-0100-v3",
            &[Input::Flavors],
            |d| flavor_name::semantics_check(flavors(d)),
        ),
    ];
    const S0102: &str = "scs-0102-v1";
    const CONSOLE: &[Input] = &[Input::Console];
    fn console(d: &CloudData) -> &str {
        d.console.as_deref().unwrap_or_default()
    }
    r.extend([
        function("scs-0101-entropy-avail", "scs-0101-v1", CONSOLE, |d| {
            entropy::entropy_avail(console(d))
        }),
        function("scs-0101-fips-test", "scs-0101-v1", CONSOLE, |d| {
            entropy::fips_test(console(d))
        }),
    ]);
    r.extend([
        image_metadata("scs-0102-prop-architecture", S0102),
        image_metadata("scs-0102-prop-min_disk", S0102),
        image_metadata("scs-0102-prop-min_ram", S0102),
        image_metadata("scs-0102-prop-os_version", S0102),
        image_metadata("scs-0102-prop-os_distro", S0102),
        image_metadata("scs-0102-prop-hw_disk_bus", S0102),
        image_metadata("scs-0102-prop-image_build_date", S0102),
        image_metadata("scs-0102-prop-image_original_user", S0102),
        image_metadata("scs-0102-prop-image_source", S0102),
        image_metadata("scs-0102-prop-image_description", S0102),
        image_metadata("scs-0102-prop-replace_frequency", S0102),
        image_metadata("scs-0102-prop-provided_until", S0102),
        image_metadata("scs-0102-prop-uuid_validity", S0102),
        image_metadata("scs-0102-image-recency", S0102),
        // os_purpose is a main testcase of scs-0102 v2 only: read with the v2 value list.
        image_metadata("scs-0102-prop-os_purpose", "scs-0102-v2"),
        image_metadata("scs-0102-os_purpose-uniqueness", "scs-0102-v2"),
        image_metadata("scs-0102-prop-hash_algo", S0102),
        image_metadata("scs-0102-prop-hypervisor_type", S0102),
        image_metadata("scs-0102-prop-hw_rng_model", S0102),
        image_metadata("scs-0102-prop-hotfix_hours", S0102),
    ]);
    r.extend(standard_flavors::all().map(|spec| Testcase {
        id: spec.id,
        standard: "scs-0103-v1",
        inputs: &[Input::Flavors],
        any_input: false,
        check: Check::StandardFlavor(spec),
    }));
    r.extend(
        standard_images::official_testcases()
            .iter()
            .map(|t| Testcase {
                id: t.id.as_str(),
                standard: "scs-0104-v1",
                inputs: &[Input::Images],
                any_input: false,
                check: Check::StandardImage(t),
            }),
    );
    const VT: &[Input] = &[Input::VolumeTypes];
    r.extend([
        function("scs-0114-syntax-check", "scs-0114-v1", VT, |d| {
            volume_types::syntax_check(slice(&d.volume_types))
        }),
        function("scs-0114-encrypted-type", "scs-0114-v1", VT, |d| {
            volume_types::encrypted_type(slice(&d.volume_types))
        }),
        function("scs-0114-replicated-type", "scs-0114-v1", VT, |d| {
            volume_types::replicated_type(slice(&d.volume_types))
        }),
        Testcase {
            any_input: true,
            ..function(
                "scs-0115-default-rules",
                "scs-0115-v1",
                &[Input::DefaultSecurityGroupRules, Input::NewSecurityGroup],
                |d| {
                    security_groups::check(
                        d.default_security_group_rules.as_deref(),
                        d.new_security_group.as_deref(),
                    )
                },
            )
        },
    ]);
    const CAT: &[Input] = &[Input::Catalog];
    fn catalog(d: &CloudData) -> &[CatalogService] {
        slice(&d.catalog)
    }
    fn role_names(d: &CloudData) -> &[String] {
        d.roles.as_ref().map(Roles::names).unwrap_or_default()
    }
    const S0123: &str = "scs-0123-v1";
    r.extend([
        function("scs-0116-presence", "scs-0116-v1", CAT, |d| {
            key_manager::presence(catalog(d))
        }),
        function(
            "scs-0116-permissions",
            "scs-0116-v1",
            &[Input::Catalog, Input::Roles, Input::KeyManagerProbe],
            |d| key_manager::permissions(catalog(d), role_names(d), d.key_manager_probe.as_ref()),
        ),
        function("scs-0123-service-compute", S0123, CAT, |d| {
            services::service_compute(catalog(d))
        }),
        function("scs-0123-service-identity", S0123, CAT, |d| {
            services::service_identity(catalog(d))
        }),
        function("scs-0123-service-image", S0123, CAT, |d| {
            services::service_image(catalog(d))
        }),
        function("scs-0123-service-network", S0123, CAT, |d| {
            services::service_network(catalog(d))
        }),
        function("scs-0123-service-load-balancer", S0123, CAT, |d| {
            services::service_load_balancer(catalog(d))
        }),
        function("scs-0123-service-placement", S0123, CAT, |d| {
            services::service_placement(catalog(d))
        }),
        // The v1 reading (SCS-compatible IaaS v5.1); v2 also accepts the block-storage aliases.
        function("scs-0123-storage-apis", S0123, CAT, |d| {
            services::storage_apis(catalog(d), services::Version::V1)
        }),
        function("scs-0123-swift-s3", S0123, CAT, |d| {
            services::swift_s3(catalog(d), d.s3_probe.as_ref())
        }),
        function("scs-0123-service-s3", "scs-0123-v2", CAT, |d| {
            services::service_s3(catalog(d))
        }),
    ]);
    fn sonobuoy_config(d: &CloudData) -> SonobuoyConfig {
        d.sonobuoy_config
            .clone()
            .unwrap_or_else(SonobuoyConfig::snapshot)
    }
    fn sonobuoy_run(
        d: &CloudData,
        id: &str,
        check: fn(&ResultItem, &SonobuoyConfig) -> TestcaseResult,
    ) -> TestcaseResult {
        match d.sonobuoy.get(id) {
            Some(results) => check(results, &sonobuoy_config(d)),
            None => TestcaseResult::aborted(
                TestcaseId::new(id),
                format!("missing input: the Sonobuoy results of {id}"),
                Outcome::Abort,
            ),
        }
    }
    r.push(function(
        "version-policy-check",
        "scs-0210-v2",
        &[Input::K8sVersion, Input::K8sReleases, Input::CveRecords],
        |d| {
            let snapshot;
            let eol = match &d.eol_table {
                Some(t) => t,
                None => {
                    snapshot = EolTable::snapshot();
                    &snapshot
                }
            };
            let data = PolicyData {
                releases: slice(&d.k8s_releases),
                cves: slice(&d.cve_records),
                cve_feed: d.cve_feed.as_ref(),
                eol,
            };
            k8s::version_policy_check(d.k8s_version.as_deref().unwrap_or_default(), &data, d.now)
        },
    ));
    r.extend([
        function(
            "node-distribution-check",
            "scs-0214-v2",
            &[Input::Nodes],
            |d| node_distribution::check(slice(&d.nodes)),
        ),
        function(
            "scs-0211-default-storage-class",
            "scs-0211-v1",
            &[Input::StorageClasses],
            |d| storage_class::check(slice(&d.storage_classes)),
        ),
        function(
            "kaas-networking-check",
            "scs-0219-v1",
            &[Input::SonobuoyNetworking],
            |d| sonobuoy_run(d, "kaas-networking-check", sonobuoy::networking_check),
        ),
        function(
            "cncf-k8s-conformance",
            "scs-0201-v1",
            &[Input::SonobuoyConformance],
            |d| sonobuoy_run(d, "cncf-k8s-conformance", sonobuoy::conformance_check),
        ),
        function(
            "scs-validators:scs-0219-default-ingress-class",
            "scs-0219-v1",
            &[Input::IngressClasses],
            |d| sonobuoy::default_ingress_class(slice(&d.ingress_classes)),
        ),
    ]);
    r
}

/// Every registered testcase, in the order of the standards.
pub fn all() -> &'static [Testcase] {
    static REGISTRY: OnceLock<Vec<Testcase>> = OnceLock::new();
    REGISTRY.get_or_init(build)
}

/// The registered testcase `id`, if any.
pub fn lookup(id: &str) -> Option<&'static Testcase> {
    all().iter().find(|t| t.id == id)
}

/// The main testcases of the latest stable IaaS certificate (SCS-compatible IaaS v5.1) that
/// this crate implements, in the certificate's order.
pub fn default_iaas() -> Vec<&'static str> {
    let mut ids = vec![
        "scs-0100-syntax-check",
        "scs-0100-semantics-check",
        "scs-0101-entropy-avail",
        "scs-0101-fips-test",
    ];
    ids.extend(
        im::main_testcases(ImageMetadataVersion::V1)
            .iter()
            .map(|id| {
                lookup(id.as_str())
                    .map(|t| t.id)
                    .unwrap_or("scs-0102-unregistered")
            }),
    );
    ids.extend(standard_flavors::MANDATORY.iter().map(|s| s.id));
    ids.extend(ScopeVersion::V5_1.main_testcases().iter().map(|id| {
        lookup(id.as_str())
            .map(|t| t.id)
            .unwrap_or("scs-0104-unregistered")
    }));
    ids.extend([
        "scs-0114-syntax-check",
        "scs-0115-default-rules",
        "scs-0116-permissions",
        "scs-0123-service-compute",
        "scs-0123-service-identity",
        "scs-0123-service-image",
        "scs-0123-service-network",
        "scs-0123-service-load-balancer",
        "scs-0123-service-placement",
        "scs-0123-storage-apis",
        "scs-0123-swift-s3",
    ]);
    ids
}

/// The main testcases of the latest stable KaaS certificate (SCS-compatible KaaS v1): the
/// CNCF conformance run, the version policy, and the networking run. (scs-0214's
/// `node-distribution-check` is a manual check there since its automated test was retired.)
pub fn default_kaas() -> Vec<&'static str> {
    [
        "cncf-k8s-conformance",
        "version-policy-check",
        "kaas-networking-check",
    ]
    .into_iter()
    .filter(|id| lookup(id).is_some())
    .collect()
}

/// An id that no registered testcase has.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error("unknown testcase `{0}`")]
pub struct UnknownTestcase(pub String);

/// Runs the testcases `ids` over `data`, in the order given.
///
/// # Errors
///
/// [`UnknownTestcase`] for the first id that is not registered (for example a manual check
/// such as `availability-zones-check`, or a typo); nothing is run then.
pub fn run<S: AsRef<str>>(ids: &[S], data: &CloudData) -> Result<Report, UnknownTestcase> {
    Ok(Run::new(ids, data)?.finish())
}

/// Evaluates `t`, or reports ABORT when an input it needs is missing; `has_images` says
/// whether the run has an image list.
fn run_one<'a>(
    t: &Testcase,
    data: &'a CloudData,
    has_images: bool,
    shared: &mut Shared<'a>,
) -> TestcaseResult {
    let has = |i: Input| match i {
        Input::Images => has_images,
        _ => data.has(i),
    };
    let missing: Vec<String> = t
        .inputs
        .iter()
        .filter(|&&i| !has(i))
        .map(|i| i.to_string())
        .collect();
    let satisfied = if t.any_input {
        missing.len() < t.inputs.len()
    } else {
        missing.is_empty()
    };
    if satisfied {
        t.evaluate(data, shared)
    } else {
        let joiner = if t.any_input { " or " } else { ", " };
        TestcaseResult::aborted(
            TestcaseId::new(t.id),
            format!("missing input: {}", missing.join(joiner)),
            Outcome::Abort,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2025-01-01T00:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn ids_are_unique_and_known() {
        let mut ids: Vec<_> = all().iter().map(|t| t.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), all().len());
        assert!(lookup("scs-0100-syntax-check").is_some());
        assert!(lookup("scs-0100-syntax").is_none());
        // every id a module lists is registered
        for v in [ImageMetadataVersion::V1, ImageMetadataVersion::V2] {
            for id in im::main_testcases(v)
                .iter()
                .chain(im::recommended_testcases(v))
            {
                assert!(lookup(id.as_str()).is_some(), "{id} not registered");
            }
        }
        assert!(default_iaas().iter().all(|id| lookup(id).is_some()));
        assert!(default_kaas().iter().all(|id| lookup(id).is_some()));
    }

    #[test]
    fn missing_input_aborts_and_says_which() {
        let data = CloudData::new(now());
        let report = run(&["scs-0100-syntax-check"], &data).unwrap();
        let r = &report.results[0];
        assert_eq!(r.outcome(), Outcome::Abort);
        assert_eq!(
            r.findings()[0].message,
            "missing input: the flavor list (flavors.json)"
        );
    }

    #[test]
    fn unknown_id_is_an_error() {
        let data = CloudData::new(now());
        let err = run(
            &["scs-0100-syntax-check", "availability-zones-check"],
            &data,
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown testcase `availability-zones-check`"
        );
    }

    /// Every default IaaS testcase over the images of both example folders, the images fed
    /// in blocks of each size, after a false start: the report of the whole list.
    #[test]
    fn runs_fed_in_blocks_report_what_the_whole_list_gives() {
        for text in [
            include_str!("../examples/data/iaas-compliant/images.json"),
            include_str!("../examples/data/iaas-defects/images.json"),
        ] {
            let images = serde_json::from_str::<crate::input::ImageList>(text)
                .unwrap()
                .0;
            let mut data = CloudData::new(now());
            let ids = default_iaas();
            for size in [1, 2, 5, 1000] {
                let mut fed = Run::new(&ids, &data).unwrap();
                fed.feed_images(&images[..1]);
                fed.restart_images();
                for block in images.chunks(size) {
                    fed.feed_images(block);
                }
                let fed = fed.finish();
                data.images = Some(images.clone());
                assert_eq!(fed, run(&ids, &data).unwrap(), "blocks of {size}");
                data.images = None;
            }
        }
    }

    #[test]
    fn runs_fed_no_images_have_an_empty_list() {
        let data = CloudData::new(now());
        let ids = ["scs-0102-prop-min_ram", "scs-0104-image-ubuntu-2404"];
        let report = Run::new(&ids, &data).unwrap().finish();
        assert!(report.results.iter().all(|r| r.outcome() == Outcome::Abort));
        let mut run = Run::new(&ids, &data).unwrap();
        run.feed_images(&[]);
        let report = run.finish();
        assert_eq!(report.results[0].outcome(), Outcome::Pass);
        assert_eq!(report.results[1].outcome(), Outcome::Fail);
        assert!(Run::new(&["scs-0102-prop-foo"], &data).is_err());
    }

    #[test]
    fn runs_with_input() {
        let mut data = CloudData::new(now());
        let standard = standard_flavors::MANDATORY.iter().map(|s| {
            s.official_extra_specs().fold(
                Flavor::new(s.name, u64::from(s.vcpus), s.ram_mib(), s.disk_gb()),
                |f, (k, v)| f.with_extra_spec(k, v),
            )
        });
        data.flavors = Some(standard.collect());
        let flavor_ids: Vec<&str> = default_iaas()
            .into_iter()
            .filter(|id| id.starts_with("scs-0100") || id.starts_with("scs-0103"))
            .collect();
        let report = run(&flavor_ids, &data).unwrap();
        assert!(report.all_passed(), "{report}");
        let report = run(&default_iaas(), &data).unwrap();
        assert_eq!(report.results.len(), default_iaas().len());
        assert_eq!(
            report.get("scs-0115-default-rules").unwrap().findings()[0].message,
            "missing input: the default security group rules (default_security_group_rules.json) \
             or the rules of a new security group (new_security_group.json)"
        );
        data.flavors = Some(vec![Flavor::new("SCS-2V-4", 2, 4096, 0)]);
        let report = run(&default_iaas(), &data).unwrap();
        assert_eq!(
            report.get("scs-0103-flavor-2v-4").unwrap().outcome(),
            Outcome::Fail
        );
    }
}
