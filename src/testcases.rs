//! The registry: every official testcase id this crate implements, mapped to its check, its
//! standard and the inputs it needs.
//!
//! [`run`] evaluates a list of ids over a [`CloudData`] bundle (every input optional) to a
//! [`Report`]. A testcase whose input was not given is reported as ABORT, with an error
//! finding that names the missing input, never as PASS. An id this crate does not know is an
//! error ([`UnknownTestcase`]), not a silent skip.

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
    self, OfficialTestcase as StandardImageTestcase, OfficialView, ScopeVersion,
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
            Check::StandardImage(t) => {
                let images = slice(&data.images);
                let view = shared.official_view.get_or_insert_with(|| {
                    OfficialView::new(standard_images::official_specs(), images)
                });
                t.run_with(view)
            }
            Check::ImageMetadata => shared.image_metadata.next().unwrap_or_else(|| {
                // Only when `run` did not gather this testcase with the others.
                image_metadata_alone(self.id, data)
            }),
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

impl<'a> Shared<'a> {
    /// Evaluates the scs-0102 testcases among `testcases` that will run (those whose input
    /// is there).
    fn new(testcases: &[&Testcase], data: &'a CloudData) -> Self {
        let image_metadata = match &data.images {
            Some(images) => {
                let ids: Vec<TestcaseId> = testcases
                    .iter()
                    .filter(|t| matches!(t.check, Check::ImageMetadata))
                    .map(|t| TestcaseId::from_static(t.id))
                    .collect();
                im::check(images, &ids, ImageMetadataVersion::V2, data.now)
                    .map(|report| report.results)
                    .unwrap_or_default()
            }
            None => Vec::new(),
        };
        Shared {
            image_metadata: image_metadata.into_iter(),
            official_view: None,
        }
    }
}

fn image_metadata_alone(id: &'static str, data: &CloudData) -> TestcaseResult {
    let ids = [TestcaseId::from_static(id)];
    im::check(
        slice(&data.images),
        &ids,
        ImageMetadataVersion::V2,
        data.now,
    )
    .ok()
    .and_then(|report| report.results.into_iter().next())
    .unwrap_or_else(|| {
        TestcaseResult::aborted(
            TestcaseId::from_static(id),
            "not an scs-0102 testcase",
            Outcome::Abort,
        )
    })
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
    let testcases = ids
        .iter()
        .map(|id| lookup(id.as_ref()).ok_or_else(|| UnknownTestcase(id.as_ref().to_owned())))
        .collect::<Result<Vec<_>, _>>()?;
    let mut shared = Shared::new(&testcases, data);
    let mut report = Report::new();
    for t in testcases {
        report.push(run_one(t, data, &mut shared));
    }
    if let Some(roles) = &data.roles {
        key_manager::apply_preflight(&mut report, roles.names());
    }
    Ok(report)
}

fn run_one<'a>(t: &Testcase, data: &'a CloudData, shared: &mut Shared<'a>) -> TestcaseResult {
    let missing: Vec<String> = t
        .inputs
        .iter()
        .filter(|&&i| !data.has(i))
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
