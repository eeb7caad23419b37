//! scs-0214 v2: Kubernetes node distribution and availability.
//!
//! Standard: <https://docs.scs.community/standards/scs-0214-v2-k8s-node-distribution> (text as
//! edited on 2026-04-28; supplement w1 on implementation and testing).
//!
//! The standard asks that a cluster survive the loss of a machine or a failure zone. What can be
//! read from the node objects of the Kubernetes API (their labels) is checked here; what cannot
//! (physical machines) is reported as such. One testcase, [`NODE_DISTRIBUTION_CHECK`]
//! (`node-distribution-check`), is computed by [`check`] with two verdicts:
//!
//! - the **outcome** per the standard text: FAIL iff a node lacks the label key
//!   `topology.kubernetes.io/zone` or `topology.kubernetes.io/region` (N2-4, MUST) or exactly one
//!   control plane node is visible (N2-1: the control plane MUST be spread over several physical
//!   machines, which one node cannot be). A managed cluster that shows no control plane node
//!   (no node carries `node-role.kubernetes.io/control-plane`) is not failed for that. No nodes
//!   at all is ABORT: there is nothing to judge;
//! - the **official** verdict: what the retired official script
//!   (`Tests/kaas/scs_0214_node_distribution_RETIRED`, final version of 2024-11-25) printed,
//!   computed by [`retired_check`] with [`RetiredAlgorithm::Final`].
//!
//! No certificate scope evaluates `node-distribution-check` any more (the KaaS scope dropped it
//! on 2026-04-28; the module `scs-0214-v2-manual` is included nowhere), so every verdict here is
//! advisory.
//!
//! # Findings, one per rule
//!
//! | rule | level in the text | finding |
//! | --- | --- | --- |
//! | N2-4: every node carries the zone and region labels | MUST | error per node lacking a key; warning for an empty value |
//! | N2-1: control plane nodes on several physical machines | MUST | error for a single control plane node; with ≥ 2, info that it needs a manual check, or the evidence of the SCS label `topology.scs.community/host-id` when every control plane node has one (warning if they all share one host) |
//! | N2-2: control plane nodes in several failure zones | SHOULD | warning when they show fewer than 2 zones and fewer than 2 regions, else info |
//! | N2-3: worker nodes in several zones | RECOMMENDED | info either way |
//!
//! A control plane node is a node with the label key `node-role.kubernetes.io/control-plane`
//! (any value); the legacy `node-role.kubernetes.io/master` does not count (as in the official
//! script), which gets an info finding. Empty label values satisfy N2-4 (the key is there, as
//! the official script reads it) but count as no zone for N2-2 and N2-3.
//!
//! # The retired official algorithms
//!
//! [`retired_check`] replays both versions of the retired script on the same input, with its
//! log as [`LogRecord`]s (in this crate's words):
//!
//! - [`RetiredAlgorithm::Final`] (2024-11-25 until its retirement): fewer than 2 nodes fail; the
//!   control plane nodes and the workers (or, with no control plane node, all nodes as one
//!   group) must carry the region and zone label keys, else FAIL; a missing spread over regions
//!   and zones is only warned about;
//! - [`RetiredAlgorithm::Historic`] (just before 2024-11-25): the same with the host label
//!   `topology.scs.community/host-id` required as well, and a control group spread over neither
//!   regions, zones nor hosts fails.
//!
//! Both crash (no result line, ABORT) on a node without any labels: the Kubernetes API omits an
//! empty label map, and the script reads the absent map.
//!
//! # Divergences from the official suite
//!
//! | input | standard (this crate) | official (final algorithm) | why |
//! | --- | --- | --- | --- |
//! | no nodes | ABORT | FAIL | nothing to judge |
//! | a single node without the control plane label (control plane hidden) | PASS | FAIL | the text sets no minimum node count; a hidden control plane is the provider's to distribute |
//! | exactly one control plane node among ≥ 2 nodes | FAIL | PASS (warnings) | N2-1 MUST several physical machines |
//! | a node without any labels | FAIL (N2-4) | ABORT (crash) | the script reads an absent label map |
//!
//! Each is pinned by a test in `tests/node_distribution.rs`, and each result that diverges
//! carries a warning that says what the official suite does.

use std::collections::HashSet;

use crate::input::kubernetes::{
    Node, CONTROL_PLANE_LABEL, LEGACY_MASTER_LABEL, REGION_LABEL, ZONE_LABEL,
};
use crate::report::{Finding, Outcome, Severity, TestcaseId, TestcaseResult};

/// `node-distribution-check`: the nodes carry the topology labels and the control plane is
/// distributed (retired; in no scope version).
pub const NODE_DISTRIBUTION_CHECK: TestcaseId = TestcaseId::from_static("node-distribution-check");

/// The SCS host label of the scs-0214-v2 drafts (2024-06-17 … 2024-11-25): an id of the physical
/// host a node runs on. Read by the historic algorithm and as evidence for N2-1.
pub const HOST_ID_LABEL: &str = "topology.scs.community/host-id";

/// Which version of the retired official script [`retired_check`] replays.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RetiredAlgorithm {
    /// The version of 2024-11-25 until the retirement on 2026-04-28: region and zone labels.
    Final,
    /// The version just before 2024-11-25: region, zone and host labels, and a control group
    /// without any spread fails.
    Historic,
}

/// One log line of the retired script, in this crate's words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogRecord {
    /// The log level: `Error` (the reason for FAIL or ABORT), `Warning` or `Info`.
    pub level: Severity,
    /// The message.
    pub message: String,
}

/// What the retired script reports on a list of nodes: its result line and its log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetiredRun {
    /// `Pass` (return code 0), `Fail` (return code 2) or `Abort` (a crash: no result line).
    pub outcome: Outcome,
    /// The log, in order.
    pub records: Vec<LogRecord>,
}

impl RetiredRun {
    /// How many records of `level` the log holds.
    pub fn count(&self, level: Severity) -> usize {
        self.records.iter().filter(|r| r.level == level).count()
    }

    fn log(&mut self, level: Severity, message: String) {
        self.records.push(LogRecord { level, message });
    }
}

/// The labels the final algorithm reads, in the order it reads them.
const FINAL_LABELS: &[&str] = &[REGION_LABEL, ZONE_LABEL];
/// The labels the historic algorithm reads, in the order it reads them.
const HISTORIC_LABELS: &[&str] = &[REGION_LABEL, ZONE_LABEL, HOST_ID_LABEL];

/// `regions`, `zones`, `host-ids`: what the script calls the values of a label.
fn plural(label: &str) -> String {
    let tail = label.split_once('/').map_or(label, |(_, t)| t);
    format!("{tail}s")
}

/// Replays the retired official script on `nodes` (in their order).
///
/// ```
/// use scs_validators::input::kubernetes::Node;
/// use scs_validators::node_distribution::{retired_check, RetiredAlgorithm};
/// use scs_validators::report::{Outcome, Severity};
/// let node = |name: &str, zone: &str| {
///     Node::new(name)
///         .with_label("topology.kubernetes.io/region", "r")
///         .with_label("topology.kubernetes.io/zone", zone)
///         .with_label("topology.scs.community/host-id", name)
/// };
/// let nodes = [
///     node("cp-0", "z1").with_label("node-role.kubernetes.io/control-plane", ""),
///     node("worker-0", "z1"),
/// ];
/// let run = retired_check(&nodes, RetiredAlgorithm::Final);
/// assert_eq!(run.outcome, Outcome::Pass);
/// assert_eq!(run.count(Severity::Warning), 6);
/// assert_eq!(retired_check(&nodes, RetiredAlgorithm::Historic).outcome, Outcome::Fail);
/// ```
pub fn retired_check(nodes: &[Node], algorithm: RetiredAlgorithm) -> RetiredRun {
    let mut run = RetiredRun {
        outcome: Outcome::Pass,
        records: Vec::new(),
    };
    if let Some(bare) = nodes.iter().find(|n| n.labels.is_empty()) {
        run.log(
            Severity::Error,
            format!(
                "node `{}` has no labels: the script crashes reading them and prints no result",
                bare.name
            ),
        );
        run.outcome = Outcome::Abort;
        return run;
    }
    if nodes.len() < 2 {
        run.log(
            Severity::Error,
            "fewer than 2 nodes: a single node cannot be distributed".to_owned(),
        );
        run.outcome = Outcome::Fail;
        return run;
    }
    let labels = match algorithm {
        RetiredAlgorithm::Final => FINAL_LABELS,
        RetiredAlgorithm::Historic => HISTORIC_LABELS,
    };
    let control: Vec<&Node> = nodes.iter().filter(|n| n.is_control_plane()).collect();
    let groups: Vec<(Vec<&Node>, &str)> = if control.is_empty() {
        vec![(nodes.iter().collect(), "control")]
    } else {
        let workers = nodes.iter().filter(|n| !n.is_control_plane()).collect();
        vec![(control, "control"), (workers, "worker")]
    };
    for (group, kind) in &groups {
        if let Err(message) = compare_group(group, kind, labels, algorithm, &mut run) {
            run.log(Severity::Error, message);
            run.outcome = Outcome::Fail;
            return run;
        }
    }
    run
}

/// One group of the retired algorithm: every label present, then the first label with ≥ 2
/// distinct values shows the distribution.
fn compare_group(
    group: &[&Node],
    kind: &str,
    labels: &[&str],
    algorithm: RetiredAlgorithm,
    run: &mut RetiredRun,
) -> Result<(), String> {
    for node in group {
        for &label in labels {
            if node.label(label).is_none() {
                return Err(format!(
                    "{kind} node `{}` lacks the label `{label}`: the {} are not set for all \
                     {kind} nodes",
                    node.name,
                    plural(label)
                ));
            }
        }
    }
    for &label in labels {
        let distinct: HashSet<&str> = group.iter().filter_map(|n| n.label(label)).collect();
        if distinct.len() <= 1 {
            run.log(
                Severity::Warning,
                format!("{kind} nodes: no spread over several {}", plural(label)),
            );
        } else {
            run.log(
                Severity::Info,
                format!(
                    "{kind} nodes spread over {} {}",
                    distinct.len(),
                    plural(label)
                ),
            );
            return Ok(());
        }
    }
    if algorithm == RetiredAlgorithm::Historic && kind == "control" {
        return Err(format!(
            "{kind} nodes: no distribution detected over {}",
            labels
                .iter()
                .map(|l| plural(l))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    run.log(
        Severity::Warning,
        format!("{kind} nodes: no distribution detected (only a recommendation)"),
    );
    Ok(())
}

/// Distinct non-empty values of `label` among `nodes`.
fn distinct_values<'a>(nodes: &[&'a Node], label: &str) -> HashSet<&'a str> {
    nodes
        .iter()
        .filter_map(|n| n.label(label))
        .filter(|v| !v.is_empty())
        .collect()
}

/// `node-distribution-check` on the nodes of a cluster: the standard's verdict, the retired
/// official script's verdict ([`RetiredAlgorithm::Final`]), and one finding per rule (see the
/// module docs).
///
/// ```
/// use scs_validators::input::kubernetes::Node;
/// use scs_validators::node_distribution::check;
/// use scs_validators::report::Outcome;
/// let node = |name: &str, zone: &str| {
///     Node::new(name)
///         .with_label("topology.kubernetes.io/region", "r")
///         .with_label("topology.kubernetes.io/zone", zone)
/// };
/// let cp = |name: &str, zone: &str| {
///     node(name, zone).with_label("node-role.kubernetes.io/control-plane", "")
/// };
/// let ha = [cp("cp-0", "z1"), cp("cp-1", "z2"), cp("cp-2", "z3"), node("w-0", "z1")];
/// let result = check(&ha);
/// assert_eq!((result.outcome(), result.official()), (Outcome::Pass, Outcome::Pass));
///
/// // One control plane node: the standard fails it, the retired script only warned.
/// let single = [cp("cp-0", "z1"), node("w-0", "z1"), node("w-1", "z2")];
/// let result = check(&single);
/// assert_eq!((result.outcome(), result.official()), (Outcome::Fail, Outcome::Pass));
/// ```
pub fn check(nodes: &[Node]) -> TestcaseResult {
    let id = NODE_DISTRIBUTION_CHECK;
    if nodes.is_empty() {
        return TestcaseResult::aborted(
            id,
            "no nodes given: nothing to judge (the official check reports FAIL for fewer than 2 \
             nodes)",
            Outcome::Fail,
        );
    }
    let official = retired_check(nodes, RetiredAlgorithm::Final).outcome;
    let mut findings = Vec::new();
    let finding = |severity, subject: Option<&str>, message: String| {
        Finding::new(id.clone(), severity, subject.map(str::to_owned), message)
    };

    // N2-4: the topology labels on every node.
    for node in nodes {
        let missing: Vec<&str> = [ZONE_LABEL, REGION_LABEL]
            .into_iter()
            .filter(|l| node.label(l).is_none())
            .collect();
        if !missing.is_empty() {
            findings.push(finding(
                Severity::Error,
                Some(&node.name),
                format!(
                    "lacks the label{} {}: every node MUST carry `{ZONE_LABEL}` and \
                     `{REGION_LABEL}`",
                    if missing.len() > 1 { "s" } else { "" },
                    missing
                        .iter()
                        .map(|l| format!("`{l}`"))
                        .collect::<Vec<_>>()
                        .join(" and ")
                ),
            ));
        }
        for label in [ZONE_LABEL, REGION_LABEL] {
            if node.label(label) == Some("") {
                findings.push(finding(
                    Severity::Warning,
                    Some(&node.name),
                    format!("the label `{label}` is empty: it names no failure domain"),
                ));
            }
        }
        if !node.is_control_plane() && node.label(LEGACY_MASTER_LABEL).is_some() {
            findings.push(finding(
                Severity::Info,
                Some(&node.name),
                format!(
                    "carries the legacy label `{LEGACY_MASTER_LABEL}` but not \
                     `{CONTROL_PLANE_LABEL}`: counted as a worker, as the official check does"
                ),
            ));
        }
    }

    let control: Vec<&Node> = nodes.iter().filter(|n| n.is_control_plane()).collect();
    let workers: Vec<&Node> = nodes.iter().filter(|n| !n.is_control_plane()).collect();

    // N2-1: several physical machines for the control plane.
    match control.as_slice() {
        [] => findings.push(finding(
            Severity::Info,
            None,
            format!(
                "no node carries the label `{CONTROL_PLANE_LABEL}`: the control plane is not \
                 visible (a managed control plane), so its distribution cannot be checked here"
            ),
        )),
        [only] => findings.push(finding(
            Severity::Error,
            Some(&only.name),
            "the only control plane node: the control plane MUST be distributed over several \
             physical machines, which a single node cannot be"
                .to_owned(),
        )),
        several => {
            let hosts: Option<HashSet<&str>> =
                several.iter().map(|n| n.label(HOST_ID_LABEL)).collect();
            match hosts {
                Some(hosts) if hosts.len() >= 2 => findings.push(finding(
                    Severity::Info,
                    None,
                    format!(
                        "the control plane nodes run on {} hosts according to the label \
                         `{HOST_ID_LABEL}`",
                        hosts.len()
                    ),
                )),
                Some(hosts) => findings.push(finding(
                    Severity::Warning,
                    None,
                    format!(
                        "all {} control plane nodes carry the same `{HOST_ID_LABEL}` {}: they \
                         may share one physical machine, but the control plane MUST be \
                         distributed over several",
                        several.len(),
                        hosts
                            .iter()
                            .next()
                            .map_or_else(String::new, |h| format!("`{h}`"))
                    ),
                )),
                None => findings.push(finding(
                    Severity::Info,
                    None,
                    format!(
                        "{} control plane nodes; whether they run on several physical machines \
                         (MUST) cannot be seen through the Kubernetes API and needs a manual \
                         check",
                        several.len()
                    ),
                )),
            }
        }
    }

    // N2-2: the control plane over several failure zones.
    if !control.is_empty() {
        let zones = distinct_values(&control, ZONE_LABEL).len();
        let regions = distinct_values(&control, REGION_LABEL).len();
        if zones >= 2 {
            findings.push(finding(
                Severity::Info,
                None,
                format!("the control plane nodes are spread over {zones} zones"),
            ));
        } else if regions >= 2 {
            findings.push(finding(
                Severity::Info,
                None,
                format!("the control plane nodes are spread over {regions} regions"),
            ));
        } else {
            findings.push(finding(
                Severity::Warning,
                None,
                format!(
                    "the control plane nodes are not spread over several zones ({zones} zone{} \
                     found): they SHOULD be distributed over multiple failure zones",
                    if zones == 1 { "" } else { "s" }
                ),
            ));
        }
    }

    // N2-3: workers over several zones.
    if workers.is_empty() {
        findings.push(finding(Severity::Info, None, "no worker nodes".to_owned()));
    } else {
        let zones = distinct_values(&workers, ZONE_LABEL).len();
        let message = if zones >= 2 {
            format!("the worker nodes are spread over {zones} zones")
        } else {
            format!(
                "the worker nodes are not spread over several zones ({zones} zone{} found): \
                 this is RECOMMENDED",
                if zones == 1 { "" } else { "s" }
            )
        };
        findings.push(finding(Severity::Info, None, message));
    }

    // What the official suite does differently.
    let failed = findings.iter().any(|f| f.severity == Severity::Error);
    match (failed, official) {
        (_, Outcome::Abort) => {
            for node in nodes.iter().filter(|n| n.labels.is_empty()) {
                findings.push(finding(
                    Severity::Warning,
                    Some(&node.name),
                    "the official check crashes on a node without labels (ABORT)".to_owned(),
                ));
            }
        }
        (false, Outcome::Fail) => findings.push(finding(
            Severity::Warning,
            None,
            "the official check fails every cluster with fewer than 2 nodes; the standard sets \
             no minimum"
                .to_owned(),
        )),
        (true, Outcome::Pass) => findings.push(finding(
            Severity::Warning,
            None,
            "the official check passes this cluster: it does not fail a single control plane \
             node, it only warns that no distribution was detected"
                .to_owned(),
        )),
        _ => {}
    }
    TestcaseResult::from_findings(id, findings, official)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plural_names() {
        assert_eq!(plural(REGION_LABEL), "regions");
        assert_eq!(plural(ZONE_LABEL), "zones");
        assert_eq!(plural(HOST_ID_LABEL), "host-ids");
        assert_eq!(plural("bare"), "bares");
    }

    #[test]
    fn distinct_values_skip_empty() {
        let a = Node::new("a").with_label(ZONE_LABEL, "");
        let b = Node::new("b").with_label(ZONE_LABEL, "z");
        let c = Node::new("c");
        assert_eq!(distinct_values(&[&a, &b, &c], ZONE_LABEL).len(), 1);
    }
}
