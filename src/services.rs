//! scs-0123 v1 and v2: mandatory and supported IaaS services.
//!
//! Standards: <https://docs.scs.community/standards/scs-0123-v1-mandatory-and-supported-IaaS-services>
//! (Stable) and <https://docs.scs.community/standards/scs-0123-v2-services> (Draft), with the
//! supplement w1 (implementation and testing notes).
//!
//! What is covered: the testcases of both versions over the Keystone service catalog
//! ([`CatalogService`]), run all at once by [`check`]:
//!
//! | testcase | v1 | v2 | a service of type |
//! | --- | --- | --- | --- |
//! | `scs-0123-service-compute` | yes | yes | `compute` |
//! | `scs-0123-service-identity` | yes | yes | `identity` |
//! | `scs-0123-service-image` | yes | yes | `image` |
//! | `scs-0123-service-network` | yes | yes | `network` |
//! | `scs-0123-service-load-balancer` | yes | yes | `load-balancer` |
//! | `scs-0123-service-placement` | yes | – | `placement` |
//! | `scs-0123-storage-apis` | yes | yes | `block-storage` (v1: or `volume`, `volumev3`; v2: or any Service Type Authority alias) |
//! | `scs-0123-swift-s3` | yes | – | S3 next to `object-store` (from an [`S3Probe`]), or an S3 entry |
//! | `scs-0123-service-s3` | – | yes | `object-store-s3` |
//!
//! Types are compared exactly (they are case-sensitive); a type that differs only in case gets
//! a warning. Both versions require the endpoints to be findable through the catalog, so a
//! service counts only when it lists at least one endpoint URL.
//!
//! The supported (MAY) services and the duty to describe S3 endpoints publicly are not
//! checked.
//!
//! # Divergences from the official suite
//!
//! | input | standard (this crate) | official suite | why |
//! | --- | --- | --- | --- |
//! | v2: block storage only as `volumev2` or `block-store` | storage-apis PASS, with a warning to use `block-storage` | FAIL | v2 permits the Service Type Authority's aliases (decided reading); the official suite accepts only `volume`, `volumev3`, `block-storage` |
//! | the only service of a type lists no endpoint URL | FAIL | PASS | both versions: "the endpoints … MUST be findable through the catalog"; the official suite only looks at types |
//! | v1: no `placement` service | placement PASS (with a warning) | FAIL | v1 does not list `placement` among the mandatory APIs |
//! | v1: neither `object-store` nor an S3 entry (`object-store-s3`, `s3`) | swift-s3 FAIL | PASS | v1 makes S3 mandatory; the official suite skips the testcase without Swift |
//! | v1: `object-store` present, no S3 answer next to it, but an S3 entry in the catalog | swift-s3 PASS | FAIL | S3 is findable through the catalog |
//! | v1: the S3 probe's bucket listing succeeds with the made-up key | swift-s3 PASS (with a warning) | ABORT | S3 answered; the official suite takes this for impossible |
//! | v1: the object-store endpoint URL has no `/` after the host | per the probe | PASS (predicted) | its host pattern finds nothing and its S3 client falls back to the public AWS endpoint, which rejects the made-up key as the test wants |
//! | v1: no public object-store endpoint URL | per the S3 entry | ABORT | it finds no endpoint to cut the host from |
//!
//! Under v1, `volumev2` and `block-store` do not count for `scs-0123-storage-apis` (v1 names
//! no aliases; the official suite's reading is kept), with a warning that v2 accepts them.
//! Each divergence is pinned by a test in `tests/services.rs`, and wherever the two outcomes
//! differ a warning finding says why. An empty catalog, or a needed probe record that is
//! missing, gives ABORT (an input is missing).

use std::sync::OnceLock;

use regex::Regex;

use crate::input::catalog::CatalogService;
use crate::input::probes::{S3Outcome, S3Probe};
use crate::report::{Finding, Outcome, Report, Severity, TestcaseId, TestcaseResult};

/// `scs-0123-service-compute`: a `compute` service (v1, v2).
pub const SERVICE_COMPUTE: TestcaseId = TestcaseId::from_static("scs-0123-service-compute");
/// `scs-0123-service-identity`: an `identity` service (v1, v2).
pub const SERVICE_IDENTITY: TestcaseId = TestcaseId::from_static("scs-0123-service-identity");
/// `scs-0123-service-image`: an `image` service (v1, v2).
pub const SERVICE_IMAGE: TestcaseId = TestcaseId::from_static("scs-0123-service-image");
/// `scs-0123-service-network`: a `network` service (v1, v2).
pub const SERVICE_NETWORK: TestcaseId = TestcaseId::from_static("scs-0123-service-network");
/// `scs-0123-service-load-balancer`: a `load-balancer` service (v1, v2).
pub const SERVICE_LOAD_BALANCER: TestcaseId =
    TestcaseId::from_static("scs-0123-service-load-balancer");
/// `scs-0123-service-placement`: a `placement` service (v1 only).
pub const SERVICE_PLACEMENT: TestcaseId = TestcaseId::from_static("scs-0123-service-placement");
/// `scs-0123-storage-apis`: a block storage service (v1, v2).
pub const STORAGE_APIS: TestcaseId = TestcaseId::from_static("scs-0123-storage-apis");
/// `scs-0123-swift-s3`: S3 next to Swift (v1 only).
pub const SWIFT_S3: TestcaseId = TestcaseId::from_static("scs-0123-swift-s3");
/// `scs-0123-service-s3`: an `object-store-s3` service (v2 only).
pub const SERVICE_S3: TestcaseId = TestcaseId::from_static("scs-0123-service-s3");

/// The S3 error codes that show the official suite an S3 API answered.
pub const S3_MARKERS: [&str; 2] = ["InvalidAccessKeyId", "NoSuchKey"];

/// The version of scs-0123.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Version {
    /// v1 (Stable, in certificate v5.1).
    V1,
    /// v2 (Draft, in the `next` certificate).
    V2,
}

impl Version {
    fn label(self) -> &'static str {
        match self {
            Version::V1 => "v1",
            Version::V2 => "v2",
        }
    }
}

/// The canonical service type for an alias the OpenStack Service Type Authority defines, for
/// the types scs-0123 names: `volumev3`, `volumev2`, `volume`, `block-store` →
/// `block-storage`; `bare-metal` → `baremetal`; `ha` → `instance-ha`; `sharev2`, `share` →
/// `shared-file-system`. `None` for anything else, canonical types included.
///
/// ```
/// use scs_validators::services::canonical_service_type;
/// assert_eq!(canonical_service_type("volumev3"), Some("block-storage"));
/// assert_eq!(canonical_service_type("block-storage"), None);
/// ```
pub fn canonical_service_type(service_type: &str) -> Option<&'static str> {
    Some(match service_type {
        "volumev3" | "volumev2" | "volume" | "block-store" => "block-storage",
        "bare-metal" => "baremetal",
        "ha" => "instance-ha",
        "sharev2" | "share" => "shared-file-system",
        _ => return None,
    })
}

const NO_CATALOG: &str = "no service catalog was given (the list of services is empty)";

/// The block storage types the official suite accepts (and v1's reading).
const OFFICIAL_BLOCK_STORAGE: &[&str] = &["volume", "volumev3", "block-storage"];
/// The block storage types v2 accepts: the canonical type and its aliases.
const V2_BLOCK_STORAGE: &[&str] = &[
    "block-storage",
    "volumev3",
    "volumev2",
    "volume",
    "block-store",
];

/// What one presence testcase looks for.
struct Spec {
    id: TestcaseId,
    /// The type the standard names.
    canonical: &'static str,
    /// The types the official suite accepts.
    official: &'static [&'static str],
    /// The types the standard reading accepts.
    standard: &'static [&'static str],
    /// Whether the standard text requires the service.
    mandatory: bool,
    /// Whether a catalog entry with an alias gets a warning (v2: SHOULD use canonical types).
    warn_alias: bool,
    /// How to name what is missing.
    missing: &'static str,
}

fn quoted_list(types: &[&str]) -> String {
    let quoted: Vec<String> = types.iter().map(|t| format!("`{t}`")).collect();
    quoted.join(", ")
}

fn presence(catalog: &[CatalogService], spec: &Spec, version: Version) -> TestcaseResult {
    let id = spec.id.clone();
    if catalog.is_empty() {
        return TestcaseResult::aborted(id, NO_CATALOG, Outcome::Abort);
    }
    let mut findings = Vec::new();
    let mut push = |severity, subject: Option<&str>, message: String| {
        findings.push(Finding::new(
            id.clone(),
            severity,
            subject.map(str::to_owned),
            message,
        ));
    };
    let matches: Vec<&CatalogService> = catalog
        .iter()
        .filter(|s| spec.standard.contains(&s.service_type.as_str()))
        .collect();
    let official_pass = catalog
        .iter()
        .any(|s| spec.official.contains(&s.service_type.as_str()));
    for s in catalog {
        let t = s.service_type.as_str();
        if spec.standard.contains(&t) || spec.official.contains(&t) {
            continue;
        }
        if let Some(meant) = spec.standard.iter().find(|w| w.eq_ignore_ascii_case(t)) {
            push(
                Severity::Warning,
                Some(s.label()),
                format!("service type `{t}` is not `{meant}`: service types are case-sensitive"),
            );
        } else if version == Version::V1 && spec.id == STORAGE_APIS && V2_BLOCK_STORAGE.contains(&t)
        {
            push(
                Severity::Warning,
                Some(s.label()),
                format!(
                    "service type `{t}` is a Service Type Authority alias of `block-storage`: \
                     scs-0123 v2 accepts it, v1 and the official suite accept only {}",
                    quoted_list(OFFICIAL_BLOCK_STORAGE)
                ),
            );
        } else if spec.id == SERVICE_S3 && t == "s3" {
            push(
                Severity::Warning,
                Some(s.label()),
                "service type `s3` is not `object-store-s3`, the type scs-0123 v2 names".to_owned(),
            );
        }
    }
    if !spec.mandatory {
        if matches.is_empty() {
            push(
                Severity::Warning,
                None,
                format!(
                    "no service of type `{}` in the catalog: scs-0123 {} does not list it as \
                     mandatory, but the official suite requires it and reports FAIL",
                    spec.canonical,
                    version.label()
                ),
            );
        }
    } else if matches.is_empty() {
        push(
            Severity::Error,
            None,
            format!("no {} in the catalog", spec.missing),
        );
    } else if !matches.iter().any(|s| s.has_endpoint()) {
        for s in &matches {
            push(
                Severity::Error,
                Some(s.label()),
                format!(
                    "the service of type `{}` lists no endpoint URL; scs-0123 requires the \
                     endpoints to be findable through the catalog",
                    s.service_type
                ),
            );
        }
        if official_pass {
            push(
                Severity::Warning,
                None,
                "the official suite does not look at endpoints and reports PASS".to_owned(),
            );
        }
    } else if !official_pass {
        push(
            Severity::Warning,
            None,
            format!(
                "the official suite accepts only the types {} and reports FAIL",
                quoted_list(spec.official)
            ),
        );
    }
    if spec.warn_alias {
        for s in &matches {
            if s.service_type != spec.canonical {
                push(
                    Severity::Warning,
                    Some(s.label()),
                    format!(
                        "service type `{}` is an alias: scs-0123 v2 asks catalog entries to use \
                         the canonical type `{}`",
                        s.service_type, spec.canonical
                    ),
                );
            }
        }
    }
    TestcaseResult::from_findings(
        id,
        findings,
        if official_pass {
            Outcome::Pass
        } else {
            Outcome::Fail
        },
    )
}

/// A testcase for one service type with no aliases.
fn simple(id: TestcaseId, service_type: &'static [&'static str; 1], missing: &'static str) -> Spec {
    Spec {
        id,
        canonical: service_type[0],
        official: service_type,
        standard: service_type,
        mandatory: true,
        warn_alias: false,
        missing,
    }
}

/// `scs-0123-service-compute` (v1, v2): a service of type `compute` with an endpoint URL.
///
/// ABORT for an empty catalog (not given).
pub fn service_compute(catalog: &[CatalogService]) -> TestcaseResult {
    let spec = simple(
        SERVICE_COMPUTE,
        &["compute"],
        "service of type `compute` (Nova)",
    );
    presence(catalog, &spec, Version::V2)
}

/// `scs-0123-service-identity` (v1, v2): a service of type `identity` with an endpoint URL.
///
/// ABORT for an empty catalog (not given).
pub fn service_identity(catalog: &[CatalogService]) -> TestcaseResult {
    let spec = simple(
        SERVICE_IDENTITY,
        &["identity"],
        "service of type `identity` (Keystone)",
    );
    presence(catalog, &spec, Version::V2)
}

/// `scs-0123-service-image` (v1, v2): a service of type `image` with an endpoint URL.
///
/// ABORT for an empty catalog (not given).
pub fn service_image(catalog: &[CatalogService]) -> TestcaseResult {
    let spec = simple(
        SERVICE_IMAGE,
        &["image"],
        "service of type `image` (Glance)",
    );
    presence(catalog, &spec, Version::V2)
}

/// `scs-0123-service-network` (v1, v2): a service of type `network` with an endpoint URL.
///
/// ABORT for an empty catalog (not given).
pub fn service_network(catalog: &[CatalogService]) -> TestcaseResult {
    let spec = simple(
        SERVICE_NETWORK,
        &["network"],
        "service of type `network` (Neutron)",
    );
    presence(catalog, &spec, Version::V2)
}

/// `scs-0123-service-load-balancer` (v1, v2): a service of type `load-balancer` with an
/// endpoint URL.
///
/// ABORT for an empty catalog (not given).
pub fn service_load_balancer(catalog: &[CatalogService]) -> TestcaseResult {
    let spec = simple(
        SERVICE_LOAD_BALANCER,
        &["load-balancer"],
        "service of type `load-balancer` (Octavia)",
    );
    presence(catalog, &spec, Version::V2)
}

/// `scs-0123-service-placement` (v1 only): the official suite requires a service of type
/// `placement`; v1 does not list it as mandatory, so the outcome per the standard is PASS, with
/// a warning when it is missing.
///
/// ABORT for an empty catalog (not given).
pub fn service_placement(catalog: &[CatalogService]) -> TestcaseResult {
    let spec = Spec {
        mandatory: false,
        ..simple(
            SERVICE_PLACEMENT,
            &["placement"],
            "service of type `placement`",
        )
    };
    presence(catalog, &spec, Version::V1)
}

/// `scs-0123-service-s3` (v2 only): a service of type `object-store-s3` with an endpoint URL.
///
/// ABORT for an empty catalog (not given).
pub fn service_s3(catalog: &[CatalogService]) -> TestcaseResult {
    let spec = simple(
        SERVICE_S3,
        &["object-store-s3"],
        "service of type `object-store-s3` (S3-compatible object storage)",
    );
    presence(catalog, &spec, Version::V2)
}

/// `scs-0123-storage-apis` (v1, v2): a block storage service with an endpoint URL.
///
/// v1 (and the official suite, for both versions) accepts the types `volume`, `volumev3` and
/// `block-storage`; v2 accepts `block-storage` and every Service Type Authority alias of it
/// (`volumev3`, `volumev2`, `volume`, `block-store`), with a warning for each alias in use
/// (v2: catalog entries SHOULD use the canonical type).
///
/// ABORT for an empty catalog (not given).
///
/// ```
/// use scs_validators::input::catalog::{CatalogService, Endpoint};
/// use scs_validators::report::Outcome;
/// use scs_validators::services::{storage_apis, Version};
/// let catalog = [CatalogService::new("volumev2").with_endpoint(Endpoint::public("https://v/"))];
/// let v2 = storage_apis(&catalog, Version::V2);
/// assert_eq!((v2.outcome(), v2.official()), (Outcome::Pass, Outcome::Fail));
/// let v1 = storage_apis(&catalog, Version::V1);
/// assert_eq!((v1.outcome(), v1.official()), (Outcome::Fail, Outcome::Fail));
/// ```
pub fn storage_apis(catalog: &[CatalogService], version: Version) -> TestcaseResult {
    let spec = match version {
        Version::V1 => Spec {
            id: STORAGE_APIS,
            canonical: "block-storage",
            official: OFFICIAL_BLOCK_STORAGE,
            standard: OFFICIAL_BLOCK_STORAGE,
            mandatory: true,
            warn_alias: false,
            missing: "block storage service (type `block-storage`, `volumev3` or `volume`)",
        },
        Version::V2 => Spec {
            id: STORAGE_APIS,
            canonical: "block-storage",
            official: OFFICIAL_BLOCK_STORAGE,
            standard: V2_BLOCK_STORAGE,
            mandatory: true,
            warn_alias: true,
            missing: "block storage service (type `block-storage` or one of its aliases \
                      `volumev3`, `volumev2`, `volume`, `block-store`)",
        },
    };
    presence(catalog, &spec, version)
}

/// The object-store (Swift) endpoint URL the official suite starts from: the first `public`
/// endpoint with a URL of the first `object-store` service that has one, in catalog order.
///
/// The official suite asks its SDK, which also honours the configured region; on a catalog
/// with several regions it may pick another.
pub fn object_store_endpoint(catalog: &[CatalogService]) -> Option<&str> {
    catalog
        .iter()
        .filter(|s| s.service_type == "object-store")
        .flat_map(|s| s.endpoints.iter())
        .find(|e| e.interface.as_deref() == Some("public") && e.has_url())
        .map(|e| e.url.as_str())
}

/// Where the official suite sends its S3 probe for an object-store endpoint `url`: the scheme
/// and host, when `url` matches `^(https*://[^/]*)/` (a `/` must follow the host; the pattern
/// also takes `httpss://`). `None` otherwise: the official S3 client then falls back to its
/// default, the public AWS endpoint.
///
/// ```
/// use scs_validators::services::official_s3_host;
/// assert_eq!(official_s3_host("https://swift.example.com:8080/v1/AUTH_x"), Some("https://swift.example.com:8080"));
/// assert_eq!(official_s3_host("https://swift.example.com"), None);
/// ```
pub fn official_s3_host(url: &str) -> Option<&str> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"^(https*://[^/]*)/").ok())
        .as_ref()?
        .captures(url)?
        .get(1)
        .map(|m| m.as_str())
}

/// The catalog types that name S3 for v1: `object-store-s3` (v2's type) and `s3` (v1's name).
const S3_TYPES: &[&str] = &["object-store-s3", "s3"];

/// `scs-0123-swift-s3` (v1 only): the S3 API v1 makes mandatory can be found.
///
/// Per the standard, S3 is found when the S3 probe at the object-store host gets an S3 answer
/// (an error text with `InvalidAccessKeyId` or `NoSuchKey`, or a successful listing), or when
/// the catalog lists S3 itself (type `object-store-s3` or `s3` with an endpoint URL). The
/// official suite passes without an `object-store` service and otherwise only asks the probe.
///
/// ABORT for an empty catalog, or when the catalog has an `object-store` service and no S3
/// entry but no probe record was given.
pub fn swift_s3(catalog: &[CatalogService], probe: Option<&S3Probe>) -> TestcaseResult {
    let id = SWIFT_S3;
    if catalog.is_empty() {
        return TestcaseResult::aborted(id, NO_CATALOG, Outcome::Abort);
    }
    let mut findings = Vec::new();
    let s3_entry = catalog
        .iter()
        .find(|s| S3_TYPES.contains(&s.service_type.as_str()) && s.has_endpoint());
    let s3_entry_note = |s: &CatalogService| {
        Finding::new(
            id.clone(),
            Severity::Info,
            Some(s.label().to_owned()),
            format!("the catalog lists S3 as type `{}`", s.service_type),
        )
    };
    if !catalog.iter().any(|s| s.service_type == "object-store") {
        if let Some(s) = s3_entry {
            findings.push(s3_entry_note(s));
            return TestcaseResult::from_findings(id, findings, Outcome::Pass);
        }
        findings.push(Finding::new(
            id.clone(),
            Severity::Error,
            None,
            "no S3 service can be found: the catalog has neither an S3 entry (type \
             `object-store-s3` or `s3`) nor an `object-store` service next to which S3 could \
             run; scs-0123 v1 makes the S3 API mandatory",
        ));
        findings.push(Finding::new(
            id.clone(),
            Severity::Warning,
            None,
            "the official suite skips this testcase without an `object-store` service and \
             reports PASS",
        ));
        return TestcaseResult::from_findings(id, findings, Outcome::Pass);
    }

    // What the official suite does: cut the host from the object-store endpoint, probe there.
    let endpoint = object_store_endpoint(catalog);
    let host = endpoint.and_then(official_s3_host);
    let (official, official_note) = match (endpoint, host, probe) {
        (None, _, _) => (
            Outcome::Abort,
            Some(
                "the official suite finds no public `object-store` endpoint URL to take the \
                 host from and reports ABORT"
                    .to_owned(),
            ),
        ),
        (Some(url), None, _) => (
            Outcome::Pass,
            Some(format!(
                "the object-store endpoint `{url}` has no `/` after the host, so the official \
                 suite's host pattern finds nothing and its S3 client falls back to the public \
                 AWS endpoint, which rejects the made-up key with `InvalidAccessKeyId`: it \
                 reports PASS whatever this cloud offers (predicted, not probed)"
            )),
        ),
        (Some(_), Some(_), None) => (
            Outcome::Abort,
            Some(
                "no S3 probe record was given, so the official outcome cannot be predicted \
                 (reported as ABORT)"
                    .to_owned(),
            ),
        ),
        (Some(_), Some(host), Some(p)) => {
            if let Some(sent) = p.endpoint.as_deref() {
                if sent.trim_end_matches('/') != host {
                    findings.push(Finding::new(
                        id.clone(),
                        Severity::Warning,
                        None,
                        format!(
                            "the probe went to `{sent}`, the official suite sends it to \
                             `{host}`: the official outcome assumes the same answer there"
                        ),
                    ));
                }
            }
            match p.outcome {
                S3Outcome::Listed => (
                    Outcome::Abort,
                    Some(
                        "the official suite takes a successful listing for impossible and \
                         reports ABORT"
                            .to_owned(),
                    ),
                ),
                _ if S3_MARKERS.iter().any(|m| p.error_text().contains(m)) => (Outcome::Pass, None),
                _ => (
                    Outcome::Fail,
                    Some(
                        "the official suite finds neither `InvalidAccessKeyId` nor `NoSuchKey` \
                         in the error text and reports FAIL"
                            .to_owned(),
                    ),
                ),
            }
        }
    };

    // The standard reading: an S3 answer next to Swift, or an S3 entry in the catalog.
    let where_to = |p: &S3Probe| {
        p.endpoint
            .as_deref()
            .or(host)
            .or(endpoint)
            .unwrap_or("the object-store host")
            .to_owned()
    };
    match (endpoint, probe) {
        (None, _) => match s3_entry {
            Some(s) => findings.push(s3_entry_note(s)),
            None => findings.push(Finding::new(
                id.clone(),
                Severity::Error,
                None,
                "the `object-store` service lists no public endpoint URL, so no S3 endpoint can \
                 be found next to it, and the catalog has no S3 entry (type `object-store-s3` \
                 or `s3`)",
            )),
        },
        (Some(_), None) => match s3_entry {
            Some(s) => findings.push(s3_entry_note(s)),
            None => {
                let mut reason = "the catalog lists an `object-store` service and no S3 entry: \
                                  the S3 probe record is needed"
                    .to_owned();
                if official != Outcome::Abort {
                    if let Some(note) = &official_note {
                        reason.push_str("; ");
                        reason.push_str(note);
                    }
                }
                return TestcaseResult::aborted(id, reason, official);
            }
        },
        (Some(_), Some(p)) => match p.outcome {
            S3Outcome::Listed => findings.push(Finding::new(
                id.clone(),
                Severity::Warning,
                None,
                format!(
                    "the bucket listing at `{}` succeeded with a made-up access key: S3 \
                     answers, but does not check credentials",
                    where_to(p)
                ),
            )),
            _ if S3_MARKERS.iter().any(|m| p.error_text().contains(m)) => {}
            _ => match s3_entry {
                Some(s) => {
                    findings.push(Finding::new(
                        id.clone(),
                        Severity::Info,
                        None,
                        format!("no S3 answer at `{}` (`{}`)", where_to(p), p.error_text()),
                    ));
                    findings.push(s3_entry_note(s));
                }
                None => findings.push(Finding::new(
                    id.clone(),
                    Severity::Error,
                    None,
                    format!(
                        "no S3 answer next to Swift at `{}` (`{}`), and the catalog has no S3 \
                         entry (type `object-store-s3` or `s3`)",
                        where_to(p),
                        p.error_text()
                    ),
                )),
            },
        },
    }
    let outcome = if findings.iter().any(|f| f.severity == Severity::Error) {
        Outcome::Fail
    } else {
        Outcome::Pass
    };
    if let Some(note) = official_note {
        let severity = if official == outcome {
            Severity::Info
        } else {
            Severity::Warning
        };
        findings.push(Finding::new(id.clone(), severity, None, note));
    }
    TestcaseResult::from_findings(id, findings, official)
}

/// Runs every testcase of scs-0123 `version` over the catalog, in the order of the
/// certificate scope: v1 compute, identity, image, network, load-balancer, placement,
/// storage-apis, swift-s3; v2 compute, identity, image, network, load-balancer, storage-apis,
/// service-s3. `s3_probe` is read by v1's swift-s3 only.
///
/// ```
/// use scs_validators::input::catalog::{CatalogService, Endpoint};
/// use scs_validators::services::{check, Version};
/// let catalog: Vec<CatalogService> = ["compute", "identity", "image", "network",
///     "load-balancer", "block-storage", "object-store-s3"]
///     .into_iter()
///     .map(|t| CatalogService::new(t).with_endpoint(Endpoint::public(format!("https://{t}.example.com/"))))
///     .collect();
/// let report = check(&catalog, Version::V2, None);
/// assert!(report.all_passed() && report.all_passed_officially());
/// ```
pub fn check(catalog: &[CatalogService], version: Version, s3_probe: Option<&S3Probe>) -> Report {
    let mut results = vec![
        service_compute(catalog),
        service_identity(catalog),
        service_image(catalog),
        service_network(catalog),
        service_load_balancer(catalog),
    ];
    match version {
        Version::V1 => {
            results.push(service_placement(catalog));
            results.push(storage_apis(catalog, version));
            results.push(swift_s3(catalog, s3_probe));
        }
        Version::V2 => {
            results.push(storage_apis(catalog, version));
            results.push(service_s3(catalog));
        }
    }
    Report { results }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_pattern_like_the_reference() {
        assert_eq!(official_s3_host("httpss://a/b"), Some("httpss://a"));
        assert_eq!(official_s3_host("http://a:80/"), Some("http://a:80"));
        assert_eq!(official_s3_host("HTTPS://a/b"), None);
        assert_eq!(official_s3_host("ftp://a/b"), None);
        assert_eq!(official_s3_host(" https://a/b"), None);
    }

    #[test]
    fn aliases() {
        for alias in ["volumev3", "volumev2", "volume", "block-store"] {
            assert_eq!(canonical_service_type(alias), Some("block-storage"));
            assert!(V2_BLOCK_STORAGE.contains(&alias));
        }
        assert_eq!(canonical_service_type("share"), Some("shared-file-system"));
        assert_eq!(canonical_service_type("compute"), None);
    }
}
