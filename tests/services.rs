//! scs-0123 mandatory services through the public API: the digest's vectors (13.9), the
//! divergences from the official suite, the S3 probe, and the catalog input shapes.

use scs_validators::input::catalog::{Catalog, CatalogService, Endpoint};
use scs_validators::input::probes::S3Probe;
use scs_validators::report::{Outcome, Report, Severity, TestcaseResult};
use scs_validators::services::{
    self, check, object_store_endpoint, service_compute, service_placement, service_s3,
    storage_apis, swift_s3, Version,
};

fn service(t: &str) -> CatalogService {
    CatalogService::new(t)
        .with_name(format!("{t}-svc"))
        .with_endpoint(Endpoint::public(format!("https://{t}.example.com/v1")))
}

fn catalog(types: &[&str]) -> Vec<CatalogService> {
    types.iter().map(|t| service(t)).collect()
}

fn verdicts(r: &TestcaseResult) -> (Outcome, Outcome) {
    (r.outcome(), r.official())
}

fn messages(r: &TestcaseResult, severity: Severity) -> Vec<&str> {
    r.findings()
        .iter()
        .filter(|f| f.severity == severity)
        .map(|f| f.message.as_str())
        .collect()
}

fn get<'a>(report: &'a Report, id: &str) -> &'a TestcaseResult {
    report.get(id).unwrap_or_else(|| panic!("{id} missing"))
}

const FULL: &[&str] = &[
    "compute",
    "identity",
    "image",
    "network",
    "load-balancer",
    "placement",
    "volumev3",
    "object-store-s3",
];

// --- 13.9 ---

#[test]
fn full_catalog_passes() {
    let catalog = catalog(FULL);
    let v2 = check(&catalog, Version::V2, None);
    assert_eq!(
        v2.to_string(),
        "scs-0123-service-compute: PASS\nscs-0123-service-identity: PASS\n\
         scs-0123-service-image: PASS\nscs-0123-service-network: PASS\n\
         scs-0123-service-load-balancer: PASS\nscs-0123-storage-apis: PASS\n\
         scs-0123-service-s3: PASS\n"
    );
    assert!(v2.all_passed_officially());
    // v2 asks for the canonical type: `volumev3` gets a warning, not a failure.
    let storage = get(&v2, "scs-0123-storage-apis");
    assert_eq!(
        storage.findings()[0].to_string(),
        "WARNING: scs-0123-storage-apis: volumev3-svc: service type `volumev3` is an alias: \
         scs-0123 v2 asks catalog entries to use the canonical type `block-storage`"
    );
    let v1 = check(&catalog, Version::V1, None);
    assert_eq!(
        v1.to_string(),
        "scs-0123-service-compute: PASS\nscs-0123-service-identity: PASS\n\
         scs-0123-service-image: PASS\nscs-0123-service-network: PASS\n\
         scs-0123-service-load-balancer: PASS\nscs-0123-service-placement: PASS\n\
         scs-0123-storage-apis: PASS\nscs-0123-swift-s3: PASS\n"
    );
    assert!(v1.all_passed_officially());
    // v1 has no alias warning.
    assert!(get(&v1, "scs-0123-storage-apis").findings().is_empty());
    // swift-s3 without Swift: the S3 entry is found.
    assert_eq!(
        messages(get(&v1, "scs-0123-swift-s3"), Severity::Info),
        ["the catalog lists S3 as type `object-store-s3`"]
    );
}

#[test]
fn sta_aliases_quirk() {
    let catalog = catalog(&["volumev2", "block-store"]);
    // v2: the decided reading counts the Service Type Authority's aliases.
    let r = storage_apis(&catalog, Version::V2);
    assert_eq!(verdicts(&r), (Outcome::Pass, Outcome::Fail));
    assert_eq!(
        messages(&r, Severity::Warning),
        [
            "the official suite accepts only the types `volume`, `volumev3`, `block-storage` and reports FAIL",
            "service type `volumev2` is an alias: scs-0123 v2 asks catalog entries to use the canonical type `block-storage`",
            "service type `block-store` is an alias: scs-0123 v2 asks catalog entries to use the canonical type `block-storage`",
        ]
    );
    // v1 keeps the official reading, and says that v2 would differ.
    let r = storage_apis(&catalog, Version::V1);
    assert_eq!(verdicts(&r), (Outcome::Fail, Outcome::Fail));
    assert_eq!(
        messages(&r, Severity::Error),
        ["no block storage service (type `block-storage`, `volumev3` or `volume`) in the catalog"]
    );
    assert_eq!(
        messages(&r, Severity::Warning)[0],
        "service type `volumev2` is a Service Type Authority alias of `block-storage`: scs-0123 v2 \
         accepts it, v1 and the official suite accept only `volume`, `volumev3`, `block-storage`"
    );
}

#[test]
fn types_are_case_sensitive() {
    let r = service_compute(&catalog(&["Compute", "identity"]));
    assert_eq!(verdicts(&r), (Outcome::Fail, Outcome::Fail));
    let lines: Vec<String> = r.findings().iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "WARNING: scs-0123-service-compute: Compute-svc: service type `Compute` is not `compute`: service types are case-sensitive",
            "ERROR: scs-0123-service-compute: no service of type `compute` (Nova) in the catalog",
        ]
    );
}

#[test]
fn v2_without_object_store_s3_fails() {
    let catalog = catalog(&["compute", "object-store", "s3"]);
    let r = service_s3(&catalog);
    assert_eq!(verdicts(&r), (Outcome::Fail, Outcome::Fail));
    assert_eq!(
        messages(&r, Severity::Error),
        ["no service of type `object-store-s3` (S3-compatible object storage) in the catalog"]
    );
    assert_eq!(
        messages(&r, Severity::Warning),
        ["service type `s3` is not `object-store-s3`, the type scs-0123 v2 names"]
    );
}

// --- endpoints must be findable ---

#[test]
fn service_without_endpoint_divergence() {
    let catalog = vec![
        CatalogService::new("compute").with_name("nova"),
        service("identity"),
    ];
    let r = service_compute(&catalog);
    assert_eq!(verdicts(&r), (Outcome::Fail, Outcome::Pass));
    let lines: Vec<String> = r.findings().iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "ERROR: scs-0123-service-compute: nova: the service of type `compute` lists no endpoint URL; scs-0123 requires the endpoints to be findable through the catalog",
            "WARNING: scs-0123-service-compute: the official suite does not look at endpoints and reports PASS",
        ]
    );
    // One service of the type with an endpoint is enough.
    let mut with_second = catalog.clone();
    with_second.push(service("compute"));
    assert_eq!(
        verdicts(&service_compute(&with_second)),
        (Outcome::Pass, Outcome::Pass)
    );
    // A blank URL is no URL.
    let blank = [CatalogService::new("compute").with_endpoint(Endpoint::public("  "))];
    assert_eq!(
        verdicts(&service_compute(&blank)),
        (Outcome::Fail, Outcome::Pass)
    );
}

#[test]
fn placement_is_not_mandatory_in_v1() {
    let r = service_placement(&catalog(&["compute"]));
    assert_eq!(verdicts(&r), (Outcome::Pass, Outcome::Fail));
    assert_eq!(
        messages(&r, Severity::Warning),
        ["no service of type `placement` in the catalog: scs-0123 v1 does not list it as mandatory, but the official suite requires it and reports FAIL"]
    );
    let r = service_placement(&[CatalogService::new("placement")]);
    assert_eq!(verdicts(&r), (Outcome::Pass, Outcome::Pass));
}

#[test]
fn empty_catalog_aborts_everything() {
    for version in [Version::V1, Version::V2] {
        let report = check(&[], version, None);
        assert!(report
            .results
            .iter()
            .all(|r| verdicts(r) == (Outcome::Abort, Outcome::Abort)));
        assert_eq!(
            report.findings().next().unwrap().message,
            "no service catalog was given (the list of services is empty)"
        );
    }
}

// --- scs-0123-swift-s3 (v1) ---

const INVALID_KEY: &str = "An error occurred (InvalidAccessKeyId) when calling the ListBuckets \
                           operation: The AWS Access Key Id you provided does not exist in our records.";

fn swift(url: &str) -> CatalogService {
    CatalogService::new("object-store")
        .with_name("swift")
        .with_endpoint(Endpoint {
            interface: Some("internal".into()),
            url: "http://10.0.0.9:8080/v1/AUTH_p".into(),
            ..Endpoint::default()
        })
        .with_endpoint(Endpoint::public(url))
}

#[test]
fn swift_s3_without_swift_or_s3_divergence() {
    let r = swift_s3(&catalog(&["compute"]), None);
    assert_eq!(verdicts(&r), (Outcome::Fail, Outcome::Pass));
    assert_eq!(
        messages(&r, Severity::Error),
        ["no S3 service can be found: the catalog has neither an S3 entry (type `object-store-s3` or `s3`) nor an `object-store` service next to which S3 could run; scs-0123 v1 makes the S3 API mandatory"]
    );
    assert_eq!(
        messages(&r, Severity::Warning),
        ["the official suite skips this testcase without an `object-store` service and reports PASS"]
    );
}

#[test]
fn swift_s3_probe_answers() {
    let catalog = vec![
        service("compute"),
        swift("https://swift.example.com:8080/v1/AUTH_p"),
    ];
    assert_eq!(
        object_store_endpoint(&catalog),
        Some("https://swift.example.com:8080/v1/AUTH_p")
    );
    let host = Some("https://swift.example.com:8080");
    // S3 answers with its error for an unknown key.
    let r = swift_s3(&catalog, Some(&S3Probe::error(host, INVALID_KEY)));
    assert_eq!(verdicts(&r), (Outcome::Pass, Outcome::Pass));
    assert!(r.findings().is_empty());
    let r = swift_s3(
        &catalog,
        Some(&S3Probe::error(host, "An error occurred (NoSuchKey)")),
    );
    assert_eq!(verdicts(&r), (Outcome::Pass, Outcome::Pass));
    // No S3 there.
    let not_s3 = S3Probe::error(
        host,
        "An error occurred (404) when calling the ListBuckets operation: Not Found",
    );
    let r = swift_s3(&catalog, Some(&not_s3));
    assert_eq!(verdicts(&r), (Outcome::Fail, Outcome::Fail));
    assert_eq!(
        messages(&r, Severity::Error),
        ["no S3 answer next to Swift at `https://swift.example.com:8080` (`An error occurred (404) when calling the ListBuckets operation: Not Found`), and the catalog has no S3 entry (type `object-store-s3` or `s3`)"]
    );
    assert_eq!(
        messages(&r, Severity::Info),
        ["the official suite finds neither `InvalidAccessKeyId` nor `NoSuchKey` in the error text and reports FAIL"]
    );
    // ... but an S3 entry in the catalog makes S3 findable.
    let mut with_entry = catalog.clone();
    with_entry.push(service("object-store-s3"));
    let r = swift_s3(&with_entry, Some(&not_s3));
    assert_eq!(verdicts(&r), (Outcome::Pass, Outcome::Fail));
    assert_eq!(
        messages(&r, Severity::Warning),
        ["the official suite finds neither `InvalidAccessKeyId` nor `NoSuchKey` in the error text and reports FAIL"]
    );
}

#[test]
fn swift_s3_listing_succeeds_divergence() {
    let catalog = vec![swift("https://swift.example.com/swift/v1")];
    let r = swift_s3(
        &catalog,
        Some(&S3Probe::listed(Some("https://swift.example.com"))),
    );
    assert_eq!(verdicts(&r), (Outcome::Pass, Outcome::Abort));
    assert_eq!(
        messages(&r, Severity::Warning),
        [
            "the bucket listing at `https://swift.example.com` succeeded with a made-up access key: S3 answers, but does not check credentials",
            "the official suite takes a successful listing for impossible and reports ABORT",
        ]
    );
}

#[test]
fn swift_s3_endpoint_without_path_quirk() {
    let catalog = vec![swift("https://swift.example.com")];
    let probe = S3Probe::error(
        Some("https://swift.example.com"),
        "Could not connect to the endpoint URL",
    );
    let r = swift_s3(&catalog, Some(&probe));
    assert_eq!(verdicts(&r), (Outcome::Fail, Outcome::Pass));
    assert_eq!(
        messages(&r, Severity::Warning),
        ["the object-store endpoint `https://swift.example.com` has no `/` after the host, so the official suite's host pattern finds nothing and its S3 client falls back to the public AWS endpoint, which rejects the made-up key with `InvalidAccessKeyId`: it reports PASS whatever this cloud offers (predicted, not probed)"]
    );
}

#[test]
fn swift_s3_without_public_endpoint() {
    let catalog = vec![CatalogService::new("object-store").with_endpoint(Endpoint {
        interface: Some("internal".into()),
        url: "http://10.0.0.9:8080/v1".into(),
        ..Endpoint::default()
    })];
    let r = swift_s3(&catalog, Some(&S3Probe::error(None, INVALID_KEY)));
    assert_eq!(verdicts(&r), (Outcome::Fail, Outcome::Abort));
    assert_eq!(
        messages(&r, Severity::Warning),
        ["the official suite finds no public `object-store` endpoint URL to take the host from and reports ABORT"]
    );
}

#[test]
fn swift_s3_without_probe() {
    let catalog = vec![swift("https://swift.example.com/v1/AUTH_p")];
    let r = swift_s3(&catalog, None);
    assert_eq!(verdicts(&r), (Outcome::Abort, Outcome::Abort));
    assert_eq!(
        messages(&r, Severity::Error),
        ["the catalog lists an `object-store` service and no S3 entry: the S3 probe record is needed"]
    );
    // With an S3 entry the probe is not needed per the standard.
    let mut with_entry = catalog.clone();
    with_entry.push(service("object-store-s3"));
    let r = swift_s3(&with_entry, None);
    assert_eq!(verdicts(&r), (Outcome::Pass, Outcome::Abort));
    assert_eq!(
        messages(&r, Severity::Warning),
        ["no S3 probe record was given, so the official outcome cannot be predicted (reported as ABORT)"]
    );
}

#[test]
fn swift_s3_probe_sent_elsewhere() {
    let catalog = vec![swift("https://swift.example.com/v1/AUTH_p")];
    let probe = S3Probe::error(Some("https://s3.example.com/"), INVALID_KEY);
    let r = swift_s3(&catalog, Some(&probe));
    assert_eq!(verdicts(&r), (Outcome::Pass, Outcome::Pass));
    assert_eq!(
        messages(&r, Severity::Warning),
        ["the probe went to `https://s3.example.com/`, the official suite sends it to `https://swift.example.com`: the official outcome assumes the same answer there"]
    );
    // A trailing slash is the same place.
    let probe = S3Probe::error(Some("https://swift.example.com/"), INVALID_KEY);
    assert!(swift_s3(&catalog, Some(&probe)).findings().is_empty());
}

// --- input shapes ---

#[test]
fn token_catalog_end_to_end() {
    let token = r#"{"token": {
        "methods": ["application_credential"],
        "roles": [{"id": "r1", "name": "member"}],
        "catalog": [
          {"endpoints": [{"id": "e1", "interface": "public", "region_id": "RegionOne",
             "url": "https://api.example.com:8774/v2.1", "region": "RegionOne"}],
           "id": "s1", "type": "compute", "name": "nova"},
          {"endpoints": [{"id": "e2", "interface": "public", "region_id": "RegionOne",
             "url": "https://api.example.com:5000", "region": "RegionOne"}],
           "id": "s2", "type": "identity", "name": "keystone"},
          {"endpoints": [{"id": "e3", "interface": "public", "region_id": "RegionOne",
             "url": "https://api.example.com:9292", "region": "RegionOne"}],
           "id": "s3", "type": "image", "name": "glance"},
          {"endpoints": [{"id": "e4", "interface": "public", "region_id": "RegionOne",
             "url": "https://api.example.com:9696", "region": "RegionOne"}],
           "id": "s4", "type": "network", "name": "neutron"},
          {"endpoints": [{"id": "e5", "interface": "public", "region_id": "RegionOne",
             "url": "https://api.example.com:9876", "region": "RegionOne"}],
           "id": "s5", "type": "load-balancer", "name": "octavia"},
          {"endpoints": [{"id": "e6", "interface": "public", "region_id": "RegionOne",
             "url": "https://api.example.com:8780", "region": "RegionOne"}],
           "id": "s6", "type": "placement", "name": "placement"},
          {"endpoints": [{"id": "e7", "interface": "public", "region_id": "RegionOne",
             "url": "https://api.example.com:8776/v3/0123456789abcdef", "region": "RegionOne"}],
           "id": "s7", "type": "block-storage", "name": "cinder"},
          {"endpoints": [{"id": "e8", "interface": "public", "region_id": "RegionOne",
             "url": "https://api.example.com:8080/swift/v1/AUTH_0123456789abcdef", "region": "RegionOne"}],
           "id": "s8", "type": "object-store", "name": "swift"}
        ]}}"#;
    let catalog: Catalog = serde_json::from_str(token).unwrap();
    let probe: S3Probe = serde_json::from_str(&format!(
        r#"{{"endpoint": "https://api.example.com:8080", "outcome": "error", "error": "{INVALID_KEY}"}}"#
    ))
    .unwrap();
    let v1 = check(&catalog, Version::V1, Some(&probe));
    assert!(v1.all_passed() && v1.all_passed_officially(), "{v1}");
    assert_eq!(v1.findings().count(), 0);
    let v2 = check(&catalog, Version::V2, None);
    assert_eq!(get(&v2, "scs-0123-service-s3").outcome(), Outcome::Fail);
    assert_eq!(v2.results.len(), 7);
}

#[test]
fn cli_catalog_list_end_to_end() {
    let cli = r#"[
      {"Name": "nova", "Type": "compute", "Endpoints": "RegionOne\n  public: https://nova.example.com/v2.1\nRegionOne\n  internal: http://10.0.0.3:8774/v2.1\n"},
      {"Name": "keystone", "Type": "identity", "Endpoints": "RegionOne\n  public: https://keystone.example.com/v3\n"},
      {"Name": "glance", "Type": "image", "Endpoints": "RegionOne\n  public: https://glance.example.com\n"},
      {"Name": "neutron", "Type": "network", "Endpoints": "RegionOne\n  public: https://neutron.example.com\n"},
      {"Name": "octavia", "Type": "load-balancer", "Endpoints": ""},
      {"Name": "cinderv3", "Type": "volumev3", "Endpoints": "RegionOne\n  public: https://cinder.example.com/v3/p\n"},
      {"Name": "s3", "Type": "object-store-s3", "Endpoints": [{"interface": "public", "region": "RegionOne", "url": "https://s3.example.com"}]}
    ]"#;
    let catalog: Catalog = serde_json::from_str(cli).unwrap();
    let v2 = check(&catalog, Version::V2, None);
    assert_eq!(
        v2.to_string(),
        "scs-0123-service-compute: PASS\nscs-0123-service-identity: PASS\n\
         scs-0123-service-image: PASS\nscs-0123-service-network: PASS\n\
         scs-0123-service-load-balancer: FAIL\nscs-0123-storage-apis: PASS\n\
         scs-0123-service-s3: PASS\n"
    );
    assert_eq!(
        get(&v2, "scs-0123-service-load-balancer").official(),
        Outcome::Pass
    );
}

#[test]
fn testcase_ids() {
    let ids = [
        (services::SERVICE_COMPUTE, "scs-0123-service-compute"),
        (services::SERVICE_IDENTITY, "scs-0123-service-identity"),
        (services::SERVICE_IMAGE, "scs-0123-service-image"),
        (services::SERVICE_NETWORK, "scs-0123-service-network"),
        (
            services::SERVICE_LOAD_BALANCER,
            "scs-0123-service-load-balancer",
        ),
        (services::SERVICE_PLACEMENT, "scs-0123-service-placement"),
        (services::STORAGE_APIS, "scs-0123-storage-apis"),
        (services::SWIFT_S3, "scs-0123-swift-s3"),
        (services::SERVICE_S3, "scs-0123-service-s3"),
    ];
    for (id, text) in ids {
        assert_eq!(id.as_str(), text);
    }
}
