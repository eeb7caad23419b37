//! scs-0214 node distribution through the public API: the scenarios of the retired official
//! test data (digest 2.5) under both retired algorithms and the standard reading, the further
//! probed cases, the divergences, messages and a large cluster.

use std::time::{Duration, Instant};

use scs_validators::input::kubernetes::{Node, NodeList};
use scs_validators::node_distribution::{
    check, retired_check, RetiredAlgorithm, RetiredRun, HOST_ID_LABEL, NODE_DISTRIBUTION_CHECK,
};
use scs_validators::report::{Outcome, Severity};

use Outcome::{Abort, Fail, Pass};
use RetiredAlgorithm::{Final, Historic};

const CP: &str = "node-role.kubernetes.io/control-plane";
const ZONE: &str = "topology.kubernetes.io/zone";
const REGION: &str = "topology.kubernetes.io/region";

/// A node with optional region, zone and host-id labels.
fn node(name: &str, region: Option<&str>, zone: Option<&str>, host: Option<&str>) -> Node {
    let mut n = Node::new(name).with_label("kubernetes.io/hostname", name);
    if let Some(r) = region {
        n = n.with_label(REGION, r);
    }
    if let Some(z) = zone {
        n = n.with_label(ZONE, z);
    }
    if let Some(h) = host {
        n = n.with_label(HOST_ID_LABEL, h);
    }
    n
}

fn cp(name: &str, region: Option<&str>, zone: Option<&str>, host: Option<&str>) -> Node {
    node(name, region, zone, host).with_label(CP, "")
}

/// The scenarios of `testdata/scenarios.yaml` (digest 2.5), written out from its table.
fn scenario(name: &str) -> Vec<Node> {
    let r = Some("region");
    match name {
        "success-1" => vec![
            cp("control-0", r, Some("zone1"), Some("vm0")),
            cp("control-1", r, Some("zone2"), Some("vm1")),
            cp("control-2", r, Some("zone3"), Some("vm2")),
            node("worker-0", r, Some("zone1"), Some("vm3")),
            node("worker-1", r, Some("zone2"), Some("vm4")),
            node("worker-2", r, Some("zone3"), Some("vm5")),
        ],
        "success-2" => vec![
            cp("control-0", r, Some("zone1"), Some("vm0")),
            cp("control-1", r, Some("zone2"), Some("vm0")),
            cp("control-2", r, Some("zone3"), Some("vm0")),
            node("worker-0", r, Some("zone1"), Some("vm1")),
            node("worker-1", r, Some("zone2"), Some("vm1")),
            node("worker-2", r, Some("zone3"), Some("vm1")),
        ],
        "no-distribution-1" => vec![
            cp("control-0", r, Some("zone1"), Some("vm0")),
            node("worker-0", r, Some("zone1"), Some("vm0")),
        ],
        "no-distribution-2" => vec![
            cp("control-0", r, Some("zone1"), Some("vm0")),
            cp("control-1", r, Some("zone1"), Some("vm0")),
            cp("control-2", r, Some("zone1"), Some("vm0")),
            node("worker-0", r, Some("zone1"), Some("vm1")),
            node("worker-1", r, Some("zone1"), Some("vm1")),
            node("worker-2", r, Some("zone1"), Some("vm1")),
        ],
        "missing-labels" => vec![
            cp("control-0", r, Some("zone1"), Some("vm0")),
            cp("control-1", r, Some("zone1"), None),
        ],
        "not-enough-nodes" => vec![cp("node-0", r, Some("zone1"), Some("vm0"))],
        other => panic!("unknown scenario {other}"),
    }
}

fn counts(run: &RetiredRun) -> (Outcome, usize, usize, usize) {
    (
        run.outcome,
        run.count(Severity::Error),
        run.count(Severity::Warning),
        run.count(Severity::Info),
    )
}

#[test]
fn scenarios_final_algorithm() {
    // (scenario, outcome, errors, warnings, infos)
    let cases = [
        ("success-1", Pass, 0, 2, 2),
        ("success-2", Pass, 0, 2, 2),
        ("no-distribution-1", Pass, 0, 6, 0),
        ("no-distribution-2", Pass, 0, 6, 0),
        ("missing-labels", Pass, 0, 6, 0),
        ("not-enough-nodes", Fail, 1, 0, 0),
    ];
    for (name, outcome, errors, warnings, infos) in cases {
        let run = retired_check(&scenario(name), Final);
        assert_eq!(counts(&run), (outcome, errors, warnings, infos), "{name}");
    }
    // The official unit test of success-1/2: both warnings are about regions.
    let run = retired_check(&scenario("success-1"), Final);
    let warnings: Vec<&str> = run
        .records
        .iter()
        .filter(|r| r.level == Severity::Warning)
        .map(|r| r.message.as_str())
        .collect();
    assert_eq!(
        warnings,
        [
            "control nodes: no spread over several regions",
            "worker nodes: no spread over several regions"
        ]
    );
    assert_eq!(run.records[1].message, "control nodes spread over 3 zones");
    let run = retired_check(&scenario("not-enough-nodes"), Final);
    assert_eq!(
        run.records[0].message,
        "fewer than 2 nodes: a single node cannot be distributed"
    );
}

#[test]
fn scenarios_historic_algorithm() {
    let cases = [
        ("success-1", Pass),
        ("success-2", Pass),
        ("no-distribution-1", Fail),
        ("no-distribution-2", Fail),
        ("missing-labels", Fail),
        ("not-enough-nodes", Fail),
    ];
    for (name, outcome) in cases {
        let run = retired_check(&scenario(name), Historic);
        assert_eq!(run.outcome, outcome, "{name}");
    }
    // success-2: zones suffice although every control plane node shares one host.
    let run = retired_check(&scenario("success-2"), Historic);
    assert_eq!(counts(&run), (Pass, 0, 2, 2));
    // no-distribution-1: the control group shows no spread at all.
    let run = retired_check(&scenario("no-distribution-1"), Historic);
    assert_eq!(counts(&run), (Fail, 1, 3, 0));
    assert_eq!(
        run.records.last().unwrap().message,
        "control nodes: no distribution detected over regions, zones, host-ids"
    );
    // missing-labels: exactly one error, about the host label.
    let run = retired_check(&scenario("missing-labels"), Historic);
    assert_eq!(run.count(Severity::Error), 1);
    assert_eq!(
        run.records[0].message,
        "control node `control-1` lacks the label `topology.scs.community/host-id`: the \
         host-ids are not set for all control nodes"
    );
}

#[test]
fn scenarios_standard_reading() {
    // (scenario, outcome per the standard, official = final algorithm)
    let cases = [
        ("success-1", Pass, Pass),
        ("success-2", Pass, Pass),
        // One control plane node: N2-1 fails it, the final script only warns.
        ("no-distribution-1", Fail, Pass),
        ("no-distribution-2", Pass, Pass),
        // The host label is no requirement of the stable text.
        ("missing-labels", Pass, Pass),
        ("not-enough-nodes", Fail, Fail),
    ];
    for (name, outcome, official) in cases {
        let result = check(&scenario(name));
        assert_eq!(result.id(), &NODE_DISTRIBUTION_CHECK);
        assert_eq!(
            (result.outcome(), result.official()),
            (outcome, official),
            "{name}"
        );
        assert_eq!(
            result.diverges(),
            result
                .findings()
                .iter()
                .any(|f| f.severity == Severity::Warning
                    && f.message.starts_with("the official check")),
            "{name}"
        );
    }
    // no-distribution-2: the control plane stays in one zone (SHOULD).
    let result = check(&scenario("no-distribution-2"));
    let warnings: Vec<&str> = result
        .findings()
        .iter()
        .filter(|f| f.severity == Severity::Warning)
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(
        warnings,
        [
            "all 3 control plane nodes carry the same `topology.scs.community/host-id` `vm0`: \
          they may share one physical machine, but the control plane MUST be distributed over \
          several",
            "the control plane nodes are not spread over several zones (1 zone found): they \
          SHOULD be distributed over multiple failure zones"
        ]
    );
}

#[test]
fn further_probed_cases() {
    let z = |s: &'static str| Some(s);
    let r = Some("r");
    // (case, nodes, final, historic, standard)
    let cases: Vec<(&str, Vec<Node>, Outcome, Outcome, Outcome)> = vec![
        (
            "2 nodes, no CP key, zones z1/z2",
            vec![
                node("a", r, z("z1"), z("h1")),
                node("b", r, z("z2"), z("h2")),
            ],
            Pass,
            Pass,
            Pass,
        ),
        (
            "2 nodes, no CP key, same zone",
            vec![
                node("a", r, z("z1"), z("h1")),
                node("b", r, z("z1"), z("h2")),
            ],
            Pass,
            Pass,
            Pass,
        ),
        (
            "2 CP in z1/z2, no workers",
            vec![cp("a", r, z("z1"), z("h1")), cp("b", r, z("z2"), z("h2"))],
            Pass,
            Pass,
            Pass,
        ),
        (
            "2 CP in z1, workers z1/z2",
            vec![
                cp("a", r, z("z1"), z("h1")),
                cp("b", r, z("z1"), z("h2")),
                node("c", r, z("z1"), z("h3")),
                node("d", r, z("z2"), z("h4")),
            ],
            Pass,
            Pass,
            Pass,
        ),
        (
            "2 CP in regions r1/r2, same zone name",
            vec![
                cp("a", z("r1"), z("z"), z("h1")),
                cp("b", z("r2"), z("z"), z("h2")),
            ],
            Pass,
            Pass,
            Pass,
        ),
        (
            "CP fine, one worker without zone label",
            vec![
                cp("a", r, z("z1"), z("h1")),
                cp("b", r, z("z2"), z("h2")),
                node("c", r, None, z("h3")),
            ],
            Fail,
            Fail,
            Fail,
        ),
        (
            "CP labelled only master + 1 worker, same zone",
            vec![
                node("a", r, z("z1"), z("h1")).with_label("node-role.kubernetes.io/master", ""),
                node("b", r, z("z1"), z("h2")),
            ],
            Pass,
            Pass,
            Pass,
        ),
        (
            "1 CP + 1 worker, same zone",
            vec![cp("a", r, z("z1"), z("h1")), node("b", r, z("z1"), z("h2"))],
            Pass,
            Fail,
            Fail,
        ),
        (
            "2 CP same host-id, zones z1/z2",
            vec![cp("a", r, z("z1"), z("h")), cp("b", r, z("z2"), z("h"))],
            Pass,
            Pass,
            Pass,
        ),
        (
            "2 CP distinct host-ids, same zone",
            vec![cp("a", r, z("z1"), z("h1")), cp("b", r, z("z1"), z("h2"))],
            Pass,
            Pass,
            Pass,
        ),
    ];
    for (name, nodes, fin, hist, standard) in cases {
        assert_eq!(retired_check(&nodes, Final).outcome, fin, "{name}: final");
        assert_eq!(
            retired_check(&nodes, Historic).outcome,
            hist,
            "{name}: historic"
        );
        let result = check(&nodes);
        assert_eq!(result.outcome(), standard, "{name}: standard");
        assert_eq!(result.official(), fin, "{name}: official");
    }
    // 0 nodes: both algorithms fail with the single node message; the standard has nothing to
    // judge.
    assert_eq!(retired_check(&[], Final).outcome, Fail);
    assert_eq!(retired_check(&[], Historic).outcome, Fail);
}

#[test]
fn divergence_no_nodes() {
    let result = check(&[]);
    assert_eq!((result.outcome(), result.official()), (Abort, Fail));
    assert_eq!(
        result.findings()[0].message,
        "no nodes given: nothing to judge (the official check reports FAIL for fewer than 2 nodes)"
    );
}

#[test]
fn divergence_single_node_with_hidden_control_plane() {
    let nodes = [node("worker-0", Some("r"), Some("z1"), None)];
    let result = check(&nodes);
    assert_eq!((result.outcome(), result.official()), (Pass, Fail));
    let texts: Vec<String> = result.findings().iter().map(|f| f.to_string()).collect();
    assert_eq!(
        texts,
        [
            "INFO: node-distribution-check: no node carries the label \
             `node-role.kubernetes.io/control-plane`: the control plane is not visible (a \
             managed control plane), so its distribution cannot be checked here",
            "INFO: node-distribution-check: the worker nodes are not spread over several zones \
             (1 zone found): this is RECOMMENDED",
            "WARNING: node-distribution-check: the official check fails every cluster with \
             fewer than 2 nodes; the standard sets no minimum",
        ]
    );
}

#[test]
fn divergence_single_control_plane_node() {
    let nodes = [
        cp("cp-0", Some("r"), Some("z1"), None),
        node("w-0", Some("r"), Some("z1"), None),
        node("w-1", Some("r"), Some("z2"), None),
    ];
    let result = check(&nodes);
    assert_eq!((result.outcome(), result.official()), (Fail, Pass));
    let errors: Vec<String> = result
        .findings()
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| f.to_string())
        .collect();
    assert_eq!(
        errors,
        [
            "ERROR: node-distribution-check: cp-0: the only control plane node: the control \
          plane MUST be distributed over several physical machines, which a single node cannot \
          be"
        ]
    );
    assert!(result
        .findings()
        .iter()
        .any(|f| f.severity == Severity::Warning
            && f.message
                == "the official check passes this cluster: it does not fail a single control \
                plane node, it only warns that no distribution was detected"));
}

#[test]
fn divergence_node_without_labels() {
    let nodes = [
        cp("cp-0", Some("r"), Some("z1"), None),
        cp("cp-1", Some("r"), Some("z2"), None),
        Node::new("bare"),
    ];
    let run = retired_check(&nodes, Final);
    assert_eq!(counts(&run), (Abort, 1, 0, 0));
    assert_eq!(retired_check(&nodes, Historic).outcome, Abort);
    let result = check(&nodes);
    assert_eq!((result.outcome(), result.official()), (Fail, Abort));
    let bare: Vec<String> = result
        .findings()
        .iter()
        .filter(|f| f.subject.as_deref() == Some("bare"))
        .map(|f| f.to_string())
        .collect();
    assert_eq!(
        bare,
        [
            "ERROR: node-distribution-check: bare: lacks the labels \
             `topology.kubernetes.io/zone` and `topology.kubernetes.io/region`: every node MUST \
             carry `topology.kubernetes.io/zone` and `topology.kubernetes.io/region`",
            "WARNING: node-distribution-check: bare: the official check crashes on a node \
             without labels (ABORT)",
        ]
    );
}

#[test]
fn missing_and_empty_labels() {
    let nodes = [
        cp("cp-0", Some("r"), Some(""), None),
        cp("cp-1", None, Some("z2"), None),
        node("w-0", Some("r"), Some("z1"), None),
    ];
    let result = check(&nodes);
    // Both verdicts fail: cp-1 lacks the region.
    assert_eq!((result.outcome(), result.official()), (Fail, Fail));
    let texts: Vec<String> = result.findings().iter().map(|f| f.to_string()).collect();
    assert!(texts.contains(
        &"WARNING: node-distribution-check: cp-0: the label `topology.kubernetes.io/zone` is \
          empty: it names no failure domain"
            .to_owned()
    ));
    assert!(texts.contains(
        &"ERROR: node-distribution-check: cp-1: lacks the label \
          `topology.kubernetes.io/region`: every node MUST carry `topology.kubernetes.io/zone` \
          and `topology.kubernetes.io/region`"
            .to_owned()
    ));
    // The empty zone is no zone for N2-2: only `z2` counts.
    assert!(texts
        .iter()
        .any(|t| t.contains("not spread over several zones (1 zone found)")));
    let run = retired_check(&nodes, Final);
    assert_eq!(
        run.records.last().unwrap().message,
        "control node `cp-1` lacks the label `topology.kubernetes.io/region`: the regions are \
         not set for all control nodes"
    );
}

#[test]
fn host_id_evidence_and_legacy_label() {
    let nodes = [
        cp("cp-0", Some("r"), Some("z1"), Some("h1")),
        cp("cp-1", Some("r"), Some("z2"), Some("h2")),
        node("old", Some("r"), Some("z1"), None).with_label("node-role.kubernetes.io/master", ""),
    ];
    let result = check(&nodes);
    assert_eq!((result.outcome(), result.official()), (Pass, Pass));
    let texts: Vec<String> = result.findings().iter().map(|f| f.to_string()).collect();
    assert_eq!(
        texts,
        [
            "INFO: node-distribution-check: old: carries the legacy label \
             `node-role.kubernetes.io/master` but not `node-role.kubernetes.io/control-plane`: \
             counted as a worker, as the official check does",
            "INFO: node-distribution-check: the control plane nodes run on 2 hosts according to \
             the label `topology.scs.community/host-id`",
            "INFO: node-distribution-check: the control plane nodes are spread over 2 zones",
            "INFO: node-distribution-check: the worker nodes are not spread over several zones \
             (1 zone found): this is RECOMMENDED",
        ]
    );
    // Without host labels, N2-1 needs a manual check.
    let nodes = [
        cp("cp-0", Some("r"), Some("z1"), None),
        cp("cp-1", Some("r"), Some("z2"), Some("h")),
    ];
    let result = check(&nodes);
    assert!(result.findings().iter().any(|f| f.message
        == "2 control plane nodes; whether they run on several physical machines (MUST) \
            cannot be seen through the Kubernetes API and needs a manual check"));
    assert!(result
        .findings()
        .iter()
        .any(|f| f.message == "no worker nodes"));
}

#[test]
fn kubectl_json_end_to_end() {
    let json = r#"{"apiVersion": "v1", "kind": "List", "items": [
      {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "cp-a", "labels": {
         "node-role.kubernetes.io/control-plane": "", "topology.kubernetes.io/region": "de1",
         "topology.kubernetes.io/zone": "de1-a"}}, "status": {"conditions": []}},
      {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "cp-b", "labels": {
         "node-role.kubernetes.io/control-plane": "", "topology.kubernetes.io/region": "de1",
         "topology.kubernetes.io/zone": "de1-b"}}},
      {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "cp-c", "labels": {
         "node-role.kubernetes.io/control-plane": "", "topology.kubernetes.io/region": "de1",
         "topology.kubernetes.io/zone": "de1-c"}}},
      {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "md-0", "labels": {
         "topology.kubernetes.io/region": "de1", "topology.kubernetes.io/zone": "de1-a"}}},
      {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "md-1", "labels": {
         "topology.kubernetes.io/region": "de1", "topology.kubernetes.io/zone": "de1-b"}}}
    ]}"#;
    let NodeList(nodes) = serde_json::from_str(json).unwrap();
    let result = check(&nodes);
    assert_eq!((result.outcome(), result.official()), (Pass, Pass));
    assert!(result
        .findings()
        .iter()
        .all(|f| f.severity == Severity::Info));
    assert_eq!(result.findings().len(), 3);
}

/// 5,000 nodes (a third control plane over three zones, every tenth node without zone label):
/// one pass, and ten times the nodes take about ten times as long.
#[test]
fn large_cluster_is_linear() {
    fn cluster(n: usize) -> Vec<Node> {
        (0..n)
            .map(|i| {
                let zone = format!("z{}", i % 3);
                let name = format!("node-{i}");
                let zone = if i % 10 == 9 {
                    None
                } else {
                    Some(zone.as_str())
                };
                if i % 3 == 0 {
                    cp(&name, Some("r"), zone, Some(&name))
                } else {
                    node(&name, Some("r"), zone, None)
                }
            })
            .collect()
    }
    let small = cluster(5_000);
    let result = check(&small);
    assert_eq!((result.outcome(), result.official()), (Fail, Fail));
    let errors = result
        .findings()
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    assert_eq!(errors, 500);
    let large = cluster(50_000);
    let time = |nodes: &[Node]| {
        (0..3)
            .map(|_| {
                let start = Instant::now();
                let r = check(nodes);
                let elapsed = start.elapsed();
                assert_eq!(r.outcome(), Fail);
                elapsed
            })
            .min()
            .unwrap_or(Duration::ZERO)
    };
    let (t_small, t_large) = (time(&small), time(&large));
    // Quadratic work would take about 100 times as long; allow generous noise around 10.
    assert!(
        t_large < t_small * 40 + Duration::from_millis(50),
        "5,000 nodes: {t_small:?}, 50,000 nodes: {t_large:?}"
    );
}
