//! The `k8s-openapi` feature: objects of `k8s-openapi`, built in code or read from the sample
//! clusters, convert into exactly the models that reading `kubectl get … -o json` gives, and
//! the cluster checks reach the same verdicts on both.

#![cfg(feature = "k8s-openapi")]

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use chrono::{DateTime, TimeZone, Utc};
use k8s_openapi::api::core::v1 as core;
use k8s_openapi::api::networking::v1 as networking;
use k8s_openapi::api::storage::v1 as storage;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use k8s_openapi::apimachinery::pkg::version::Info;
use proptest::prelude::*;
use scs_validators::input::k8s_openapi::ConversionError;
use scs_validators::input::kubernetes::{
    IngressClass, IngressClassList, Node, NodeList, StorageClass, StorageClassList, VersionInfo,
};
use scs_validators::k8s_version_policy::{CveRecord, Release};
use scs_validators::report::{Outcome, Report, Severity};
use scs_validators::testcases::{self, CloudData};
use scs_validators::{node_distribution, sonobuoy, storage_class};

/// The cluster testcases whose input the conversions produce.
const CLUSTER_CHECKS: [&str; 4] = [
    "version-policy-check",
    "node-distribution-check",
    "scs-0211-default-storage-class",
    "scs-validators:scs-0219-default-ingress-class",
];

fn map(pairs: &[(&str, &str)]) -> Option<BTreeMap<String, String>> {
    (!pairs.is_empty()).then(|| {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    })
}

fn meta(name: &str, labels: &[(&str, &str)], annotations: &[(&str, &str)]) -> ObjectMeta {
    ObjectMeta {
        name: Some(name.to_owned()),
        labels: map(labels),
        annotations: map(annotations),
        uid: Some(format!("uid-{name}")),
        ..ObjectMeta::default()
    }
}

fn k8s_node(name: &str, labels: &[(&str, &str)], annotations: &[(&str, &str)]) -> core::Node {
    core::Node {
        metadata: meta(name, labels, annotations),
        // Read by neither model: a taint, to show it does not disturb the conversion.
        spec: Some(core::NodeSpec {
            taints: Some(vec![core::Taint {
                effect: "NoSchedule".into(),
                key: "node-role.kubernetes.io/control-plane".into(),
                ..core::Taint::default()
            }]),
            ..core::NodeSpec::default()
        }),
        status: None,
    }
}

fn k8s_storage_class(
    name: &str,
    annotations: &[(&str, &str)],
    provisioner: &str,
    parameters: &[(&str, &str)],
) -> storage::StorageClass {
    storage::StorageClass {
        metadata: meta(name, &[("app.kubernetes.io/name", "csi")], annotations),
        provisioner: provisioner.to_owned(),
        parameters: map(parameters),
        reclaim_policy: Some("Delete".into()),
        allow_volume_expansion: Some(true),
        volume_binding_mode: Some("WaitForFirstConsumer".into()),
        mount_options: Some(vec!["discard".into()]),
        allowed_topologies: None,
    }
}

fn k8s_ingress_class(
    name: &str,
    annotations: &[(&str, &str)],
    controller: &str,
) -> networking::IngressClass {
    networking::IngressClass {
        metadata: meta(name, &[], annotations),
        spec: Some(networking::IngressClassSpec {
            controller: Some(controller.to_owned()),
            parameters: None,
        }),
    }
}

fn info(git_version: &str) -> Info {
    Info {
        major: "1".into(),
        minor: "35".into(),
        git_version: git_version.into(),
        git_commit: "3f9d2a64c1e8b07d5a1c4e92f6b8d03a7c5e1f29".into(),
        git_tree_state: "clean".into(),
        build_date: "2026-09-09T13:41:07Z".into(),
        go_version: "go1.25.9".into(),
        compiler: "gc".into(),
        platform: "linux/amd64".into(),
        emulation_major: Some("1".into()),
        emulation_minor: Some("35".into()),
        min_compatibility_major: Some("1".into()),
        min_compatibility_minor: Some("34".into()),
    }
}

/// The releases and CVE records of a sample cluster folder.
fn policy_inputs(dir: &Path) -> (Vec<Release>, Vec<CveRecord>) {
    let releases = serde_json::from_str(&fs::read_to_string(dir.join("releases.json")).unwrap())
        .expect("releases.json");
    let mut paths: Vec<_> = fs::read_dir(dir.join("cves"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    let cves = paths
        .iter()
        .map(|p| serde_json::from_str(&fs::read_to_string(p).unwrap()).expect("a CVE record"))
        .collect();
    (releases, cves)
}

fn sample(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/data")
        .join(name)
}

/// The cluster inputs in the crate's models.
struct Cluster {
    nodes: Vec<Node>,
    storage_classes: Vec<StorageClass>,
    ingress_classes: Vec<IngressClass>,
    version: VersionInfo,
}

impl Cluster {
    /// The cluster checks over these inputs, with the releases and CVE records of `policy`.
    fn report(&self, policy: &Path, now: DateTime<Utc>) -> Report {
        let (releases, cves) = policy_inputs(policy);
        let mut data = CloudData::new(now);
        data.k8s_version = self.version.server_git_version().map(str::to_owned);
        data.k8s_releases = Some(releases);
        data.cve_records = Some(cves);
        data.nodes = Some(self.nodes.clone());
        data.storage_classes = Some(self.storage_classes.clone());
        data.ingress_classes = Some(self.ingress_classes.clone());
        testcases::run(&CLUSTER_CHECKS, &data).unwrap()
    }

    /// What `kubectl get nodes|storageclasses|ingressclasses -o json` and `kubectl version -o
    /// json` print, read by the crate's models.
    fn from_kubectl(nodes: &str, storage: &str, ingress: &str, version: &str) -> Self {
        Cluster {
            nodes: serde_json::from_str::<NodeList>(nodes).unwrap().0,
            storage_classes: serde_json::from_str::<StorageClassList>(storage).unwrap().0,
            ingress_classes: serde_json::from_str::<IngressClassList>(ingress).unwrap().0,
            version: serde_json::from_str(version).unwrap(),
        }
    }

    fn from_k8s_openapi(
        nodes: &[core::Node],
        storage: &[storage::StorageClass],
        ingress: &[networking::IngressClass],
        version: &Info,
    ) -> Result<Self, ConversionError> {
        Ok(Cluster {
            nodes: NodeList::try_from(nodes)?.0,
            storage_classes: StorageClassList::try_from(storage)?.0,
            ingress_classes: IngressClassList::try_from(ingress)?.0,
            version: version.into(),
        })
    }
}

const SEPT_15: fn() -> DateTime<Utc> = || Utc.with_ymd_and_hms(2026, 9, 15, 0, 0, 0).unwrap();

// ---------------------------------------------------------------------------------------------
// A cluster written twice: as k8s-openapi values and as kubectl's JSON.

const CP: &str = "node-role.kubernetes.io/control-plane";
const ZONE: &str = "topology.kubernetes.io/zone";
const REGION: &str = "topology.kubernetes.io/region";
const DEFAULT_SC: &str = "storageclass.kubernetes.io/is-default-class";
const DEFAULT_IC: &str = "ingressclass.kubernetes.io/is-default-class";

fn k8s_nodes() -> Vec<core::Node> {
    let ttl = [("node.alpha.kubernetes.io/ttl", "0")];
    vec![
        k8s_node(
            "cp-0",
            &[(CP, ""), (REGION, "fra1"), (ZONE, "fra1-a")],
            &ttl,
        ),
        k8s_node(
            "cp-1",
            &[(CP, ""), (REGION, "fra1"), (ZONE, "fra1-b")],
            &ttl,
        ),
        k8s_node(
            "cp-2",
            &[(CP, ""), (REGION, "fra1"), (ZONE, "fra1-c")],
            &ttl,
        ),
        k8s_node(
            "worker-0",
            &[
                ("node-role.kubernetes.io/worker", ""),
                (REGION, "fra1"),
                (ZONE, "fra1-a"),
            ],
            &[],
        ),
    ]
}

const KUBECTL_NODES: &str = r#"{"apiVersion": "v1", "kind": "List", "metadata": {"resourceVersion": ""},
  "items": [
    {"apiVersion": "v1", "kind": "Node",
     "metadata": {"name": "cp-0", "uid": "uid-cp-0",
       "labels": {"node-role.kubernetes.io/control-plane": "", "topology.kubernetes.io/region": "fra1",
                  "topology.kubernetes.io/zone": "fra1-a"},
       "annotations": {"node.alpha.kubernetes.io/ttl": "0"}},
     "spec": {"taints": [{"effect": "NoSchedule", "key": "node-role.kubernetes.io/control-plane"}]}},
    {"apiVersion": "v1", "kind": "Node",
     "metadata": {"name": "cp-1", "uid": "uid-cp-1",
       "labels": {"node-role.kubernetes.io/control-plane": "", "topology.kubernetes.io/region": "fra1",
                  "topology.kubernetes.io/zone": "fra1-b"},
       "annotations": {"node.alpha.kubernetes.io/ttl": "0"}},
     "spec": {"taints": [{"effect": "NoSchedule", "key": "node-role.kubernetes.io/control-plane"}]}},
    {"apiVersion": "v1", "kind": "Node",
     "metadata": {"name": "cp-2", "uid": "uid-cp-2",
       "labels": {"node-role.kubernetes.io/control-plane": "", "topology.kubernetes.io/region": "fra1",
                  "topology.kubernetes.io/zone": "fra1-c"},
       "annotations": {"node.alpha.kubernetes.io/ttl": "0"}},
     "spec": {"taints": [{"effect": "NoSchedule", "key": "node-role.kubernetes.io/control-plane"}]}},
    {"apiVersion": "v1", "kind": "Node",
     "metadata": {"name": "worker-0", "uid": "uid-worker-0",
       "labels": {"node-role.kubernetes.io/worker": "", "topology.kubernetes.io/region": "fra1",
                  "topology.kubernetes.io/zone": "fra1-a"}},
     "spec": {"taints": [{"effect": "NoSchedule", "key": "node-role.kubernetes.io/control-plane"}]}}
  ]}"#;

fn k8s_storage_classes() -> Vec<storage::StorageClass> {
    vec![
        k8s_storage_class(
            "csi-cinder-replicated",
            &[(DEFAULT_SC, "true")],
            "cinder.csi.openstack.org",
            &[("type", "ssd-replicated")],
        ),
        k8s_storage_class(
            "local",
            &[(DEFAULT_SC, "false")],
            "kubernetes.io/no-provisioner",
            &[],
        ),
    ]
}

const KUBECTL_STORAGE_CLASSES: &str = r#"{"apiVersion": "v1", "kind": "List",
  "items": [
    {"apiVersion": "storage.k8s.io/v1", "kind": "StorageClass",
     "metadata": {"name": "csi-cinder-replicated", "uid": "uid-csi-cinder-replicated",
       "labels": {"app.kubernetes.io/name": "csi"},
       "annotations": {"storageclass.kubernetes.io/is-default-class": "true"}},
     "provisioner": "cinder.csi.openstack.org", "parameters": {"type": "ssd-replicated"},
     "reclaimPolicy": "Delete", "allowVolumeExpansion": true,
     "volumeBindingMode": "WaitForFirstConsumer", "mountOptions": ["discard"]},
    {"apiVersion": "storage.k8s.io/v1", "kind": "StorageClass",
     "metadata": {"name": "local", "uid": "uid-local",
       "labels": {"app.kubernetes.io/name": "csi"},
       "annotations": {"storageclass.kubernetes.io/is-default-class": "false"}},
     "provisioner": "kubernetes.io/no-provisioner",
     "reclaimPolicy": "Delete", "allowVolumeExpansion": true,
     "volumeBindingMode": "WaitForFirstConsumer", "mountOptions": ["discard"]}
  ]}"#;

fn k8s_ingress_classes() -> Vec<networking::IngressClass> {
    vec![
        k8s_ingress_class("nginx", &[(DEFAULT_IC, "true")], "k8s.io/ingress-nginx"),
        k8s_ingress_class("haproxy", &[], "haproxy.org/ingress-controller"),
    ]
}

const KUBECTL_INGRESS_CLASSES: &str = r#"{"apiVersion": "v1", "kind": "List",
  "items": [
    {"apiVersion": "networking.k8s.io/v1", "kind": "IngressClass",
     "metadata": {"name": "nginx", "uid": "uid-nginx",
       "annotations": {"ingressclass.kubernetes.io/is-default-class": "true"}},
     "spec": {"controller": "k8s.io/ingress-nginx"}},
    {"apiVersion": "networking.k8s.io/v1", "kind": "IngressClass",
     "metadata": {"name": "haproxy", "uid": "uid-haproxy"},
     "spec": {"controller": "haproxy.org/ingress-controller"}}
  ]}"#;

const KUBECTL_VERSION: &str = r#"{
  "clientVersion": {"major": "1", "minor": "35", "gitVersion": "v1.35.10",
    "gitCommit": "3f9d2a64c1e8b07d5a1c4e92f6b8d03a7c5e1f29", "gitTreeState": "clean",
    "buildDate": "2026-09-09T13:41:07Z", "goVersion": "go1.25.9", "compiler": "gc",
    "platform": "linux/amd64"},
  "kustomizeVersion": "v5.7.1",
  "serverVersion": {"major": "1", "minor": "35", "emulationMajor": "1", "emulationMinor": "35",
    "minCompatibilityMajor": "1", "minCompatibilityMinor": "34", "gitVersion": "v1.35.10",
    "gitCommit": "3f9d2a64c1e8b07d5a1c4e92f6b8d03a7c5e1f29", "gitTreeState": "clean",
    "buildDate": "2026-09-09T13:41:07Z", "goVersion": "go1.25.9", "compiler": "gc",
    "platform": "linux/amd64"}}"#;

#[test]
fn objects_built_in_code_convert_like_kubectl_json() {
    let kubectl = Cluster::from_kubectl(
        KUBECTL_NODES,
        KUBECTL_STORAGE_CLASSES,
        KUBECTL_INGRESS_CLASSES,
        KUBECTL_VERSION,
    );
    let converted = Cluster::from_k8s_openapi(
        &k8s_nodes(),
        &k8s_storage_classes(),
        &k8s_ingress_classes(),
        &info("v1.35.10"),
    )
    .unwrap();
    // Field by field: every label, annotation, parameter and flag survives.
    assert_eq!(converted.nodes, kubectl.nodes);
    assert_eq!(converted.nodes[0].annotations.len(), 1);
    assert_eq!(converted.nodes[3].roles(), vec!["worker"]);
    assert_eq!(converted.storage_classes, kubectl.storage_classes);
    assert_eq!(converted.ingress_classes, kubectl.ingress_classes);
    assert_eq!(
        converted.version.server_version,
        kubectl.version.server_version
    );
    // `Info` is the server's answer: kubectl's own version has no counterpart in it.
    assert_eq!(converted.version.client_version, None);
    assert_eq!(converted.version.kustomize_version, None);

    // The same verdicts and findings, through the registry.
    let policy = sample("kaas-compliant");
    let report = converted.report(&policy, SEPT_15());
    assert_eq!(report, kubectl.report(&policy, SEPT_15()));
    for id in CLUSTER_CHECKS {
        assert_eq!(report.get(id).unwrap().outcome(), Outcome::Pass, "{id}");
    }
}

#[test]
fn owned_iterator_and_list_conversions_agree() {
    let borrowed = NodeList::try_from(&k8s_nodes()[..]).unwrap();
    assert_eq!(NodeList::try_from(k8s_nodes()).unwrap(), borrowed);
    assert_eq!(
        NodeList::try_from_k8s_openapi(k8s_nodes().iter()).unwrap(),
        borrowed
    );
    let list = k8s_openapi::List {
        items: k8s_nodes(),
        metadata: Default::default(),
    };
    assert_eq!(NodeList::try_from(&list).unwrap(), borrowed);
    assert_eq!(NodeList::try_from(list).unwrap(), borrowed);
    let one: Node = Node::try_from(k8s_nodes().remove(0)).unwrap();
    assert_eq!(one, borrowed.0[0]);

    let classes = StorageClassList::try_from(&k8s_storage_classes()[..]).unwrap();
    assert_eq!(
        StorageClassList::try_from_k8s_openapi(k8s_storage_classes()).unwrap(),
        classes
    );
    let ingress = IngressClassList::try_from(&k8s_ingress_classes()[..]).unwrap();
    assert_eq!(
        IngressClassList::try_from(k8s_ingress_classes()).unwrap(),
        ingress
    );
    assert_eq!(
        VersionInfo::from(info("v1.35.10")),
        VersionInfo::from(&info("v1.35.10"))
    );
}

/// Each field a check reads decides a verdict: a conversion that dropped it would flip one.
#[test]
fn every_field_the_checks_read_reaches_them() {
    // Labels: without the zone label of worker-0, node distribution fails.
    let mut nodes = k8s_nodes();
    nodes[3].metadata.labels.as_mut().unwrap().remove(ZONE);
    let converted = NodeList::try_from(&nodes[..]).unwrap();
    assert_eq!(
        node_distribution::check(&converted.0).outcome(),
        Outcome::Fail
    );
    let nodes = NodeList::try_from(&k8s_nodes()[..]).unwrap();
    assert_eq!(node_distribution::check(&nodes.0).outcome(), Outcome::Pass);

    // Annotations and provisioner: the default class decides scs-0211.
    let classes = StorageClassList::try_from(k8s_storage_classes()).unwrap();
    assert_eq!(storage_class::check(&classes.0).outcome(), Outcome::Pass);
    let mut local_default = k8s_storage_classes();
    local_default.swap(0, 1);
    for class in &mut local_default {
        let default = class.metadata.name.as_deref() == Some("local");
        class
            .metadata
            .annotations
            .as_mut()
            .unwrap()
            .insert(DEFAULT_SC.into(), default.to_string());
    }
    let classes = StorageClassList::try_from(local_default).unwrap();
    assert_eq!(storage_class::check(&classes.0).outcome(), Outcome::Fail);

    // The IngressClass annotation and controller: the default is named with its controller;
    // no default is a warning.
    let ingress = IngressClassList::try_from(k8s_ingress_classes()).unwrap();
    let result = sonobuoy::default_ingress_class(&ingress.0);
    assert_eq!(result.findings().len(), 1);
    assert_eq!(result.findings()[0].severity, Severity::Info);
    assert_eq!(
        result.findings()[0].message,
        "the default IngressClass, controller `k8s.io/ingress-nginx`"
    );
    let ingress = IngressClassList::try_from(vec![k8s_ingress_classes().remove(1)]).unwrap();
    let result = sonobuoy::default_ingress_class(&ingress.0);
    assert_eq!(result.findings()[0].severity, Severity::Warning);

    // gitVersion: the behind-CVE sample's v1.35.8 fails (a critical fix overdue), the newest
    // release v1.35.10 passes.
    let policy = sample("kaas-behind-cve");
    let (releases, _) = policy_inputs(&policy);
    assert!(releases
        .iter()
        .any(|r| r.tag_name.as_deref() == Some("v1.35.10")));
    let run = |git_version: &str| {
        let cluster = Cluster::from_k8s_openapi(&[], &[], &[], &info(git_version)).unwrap();
        cluster.report(&policy, SEPT_15())
    };
    let outcome = |report: Report| report.get("version-policy-check").unwrap().outcome();
    let behind = fs::read_to_string(policy.join("version.json")).unwrap();
    let behind: VersionInfo = serde_json::from_str(&behind).unwrap();
    let behind = behind.server_git_version().unwrap().to_owned();
    assert_eq!(behind, "v1.35.8");
    assert_eq!(outcome(run(&behind)), Outcome::Fail);
    assert_eq!(outcome(run("v1.35.10")), Outcome::Pass);
}

/// The `items` of a list as `k8s-openapi` reads them.
fn items<T: serde::de::DeserializeOwned>(json: &str) -> Vec<T> {
    let list: serde_json::Value = serde_json::from_str(json).unwrap();
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| serde_json::from_value(v.clone()).unwrap())
        .collect()
}

/// The sample clusters' JSON read into `k8s-openapi` values (as kube does) and converted gives
/// what the crate's own reading of the same files gives, and so the same report.
#[test]
fn sample_clusters_agree() {
    for name in ["kaas-compliant", "kaas-behind-cve", "kaas-eol"] {
        let dir = sample(name);
        let read = |file: &str| fs::read_to_string(dir.join(file)).unwrap();
        let nodes: Vec<core::Node> = items(&read("nodes.json"));
        let storage: Vec<storage::StorageClass> = items(&read("storageclasses.json"));
        let ingress: Vec<networking::IngressClass> = items(&read("ingressclasses.json"));
        let version: serde_json::Value = serde_json::from_str(&read("version.json")).unwrap();
        let info: Info = serde_json::from_value(version["serverVersion"].clone()).unwrap();
        assert!(!nodes.is_empty() && !storage.is_empty() && !ingress.is_empty());

        let converted = Cluster::from_k8s_openapi(&nodes, &storage, &ingress, &info).unwrap();
        let kubectl = Cluster::from_kubectl(
            &read("nodes.json"),
            &read("storageclasses.json"),
            &read("ingressclasses.json"),
            &read("version.json"),
        );
        assert_eq!(converted.nodes, kubectl.nodes, "{name}");
        assert_eq!(converted.storage_classes, kubectl.storage_classes, "{name}");
        assert_eq!(converted.ingress_classes, kubectl.ingress_classes, "{name}");
        assert_eq!(
            converted.version.server_version, kubectl.version.server_version,
            "{name}"
        );
        assert_eq!(
            converted.report(&dir, SEPT_15()),
            kubectl.report(&dir, SEPT_15()),
            "{name}"
        );
    }
}

#[test]
fn a_nameless_object_names_kind_position_and_field() {
    let mut nodes = k8s_nodes();
    nodes[2].metadata.name = None;
    let err = NodeList::try_from(&nodes[..]).unwrap_err();
    assert_eq!(err.to_string(), "Node #2: missing field `metadata.name`");
    assert_eq!(
        (err.kind, err.index, err.field),
        ("Node", Some(2), "metadata.name")
    );
    let mut class = k8s_storage_classes().remove(0);
    class.metadata.name = None;
    assert_eq!(
        StorageClass::try_from(class).unwrap_err().to_string(),
        "StorageClass: missing field `metadata.name`"
    );
}

fn string_map() -> impl Strategy<Value = BTreeMap<String, String>> {
    prop::collection::btree_map("[a-z./-]{1,24}", "[ -~]{0,12}", 0..6)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any labels and annotations: the converted node equals kubectl's JSON of the same node
    /// read by the crate's model (the JSON written by hand, not by k8s-openapi).
    #[test]
    fn any_metadata_survives(
        name in "[a-z0-9-]{0,20}",
        labels in prop::option::of(string_map()),
        annotations in prop::option::of(string_map()),
    ) {
        let mut metadata = serde_json::Map::new();
        metadata.insert("name".into(), name.clone().into());
        if let Some(l) = &labels {
            metadata.insert("labels".into(), serde_json::to_value(l).unwrap());
        }
        if let Some(a) = &annotations {
            metadata.insert("annotations".into(), serde_json::to_value(a).unwrap());
        }
        let json = serde_json::json!({"apiVersion": "v1", "kind": "Node", "metadata": metadata});
        let from_json: Node = serde_json::from_value(json).unwrap();
        let node = core::Node {
            metadata: ObjectMeta {
                name: Some(name),
                labels,
                annotations,
                ..ObjectMeta::default()
            },
            ..core::Node::default()
        };
        prop_assert_eq!(Node::try_from(&node).unwrap(), from_json.clone());
        prop_assert_eq!(Node::try_from(node).unwrap(), from_json);
    }
}
