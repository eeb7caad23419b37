//! Sonobuoy results (scs-0219 `kaas-networking-check`, scs-0201 `cncf-k8s-conformance`) through
//! the public API: counting (digest 5.2, including its probed case), okToFail matching, the
//! configuration checks, the divergences, messages, and the default IngressClass (NW-3).

use scs_validators::input::kubernetes::{IngressClass, IngressClassList};
use scs_validators::report::{Outcome, Severity};
use scs_validators::sonobuoy::{
    conformance_check, default_ingress_class, evaluate, invalid_config, networking_check,
    ConfigError, OkToFailEntry, ResultItem, SonobuoyConfig, CNCF_K8S_CONFORMANCE,
    DEFAULT_INGRESS_CLASS, KAAS_NETWORKING_CHECK,
};

use Outcome::{Abort, Fail, Pass};

fn results(json: &str) -> ResultItem {
    serde_json::from_str(json).unwrap()
}

fn test(name: &str, status: &str) -> ResultItem {
    ResultItem::new(name).with_status(status)
}

const PASSED: &str = "[sig-network] Netpol NetworkPolicy between server and client should \
                      support a 'default-deny-ingress' policy [Feature:NetworkPolicy]";
const SCTP: &str = "[sig-network] Netpol [Feature:SCTPConnectivity][LinuxOnly] NetworkPolicy \
                    between server and client using SCTP should support a \
                    'default-deny-ingress' policy [Feature:NetworkPolicy]";
const CIDR: &str = "[sig-network] Netpol NetworkPolicy between server and client should allow \
                    egress access to server in CIDR block [Feature:NetworkPolicy]";
const HOSTPORT: &str = "[sig-network] HostPort validates that there is no conflict between pods \
                        with same hostPort but different hostIP and protocol [LinuxOnly] \
                        [Conformance]";
const BROKEN: &str = "[sig-network] Netpol NetworkPolicy between server and client should \
                      enforce policy to allow traffic only from a pod in a different namespace \
                      based on PodSelector and NamespaceSelector [Feature:NetworkPolicy]";

/// The probed case of digest 5.2: 1 passed, 4 failed (3 of them on the okToFail list), 1 without
/// status, 1 skipped, 1 `timeout`.
fn probed_tree() -> ResultItem {
    let json = format!(
        r#"{{"name": "e2e", "status": "failed", "meta": {{"type": "summary"}},
        "items": [{{"name": "/tmp/sonobuoy/results/junit_01.xml", "status": "failed",
          "meta": {{"file": "results/global/junit_01.xml"}},
          "items": [{{"name": "Kubernetes e2e suite", "status": "failed",
            "items": [
              {{"name": "{PASSED}", "status": "passed", "meta": {{"duration": 12.5}}}},
              {{"name": "{SCTP}", "status": "failed",
                "details": {{"failure": "timed out", "system-out": "…"}}}},
              {{"name": "{CIDR}", "status": "failed"}},
              {{"name": "{HOSTPORT}", "status": "failed"}},
              {{"name": "{BROKEN}", "status": "failed"}},
              {{"name": "no status"}},
              {{"name": "[sig-storage] skipped test", "status": "skipped"}},
              {{"name": "[sig-network] slow test", "status": "timeout"}}
            ]}}]}}]}}"#
    );
    results(&json)
}

#[test]
fn probed_counting_5_2() {
    let tree = probed_tree();
    let config = SonobuoyConfig::snapshot();
    let e = evaluate(&tree, &config);
    assert_eq!(
        (
            e.counts.passed,
            e.counts.failed,
            e.counts.failed_ok,
            e.counts.skipped
        ),
        (1, 1, 3, 2)
    );
    assert_eq!(e.counts.other.get("timeout"), Some(&1));
    assert_eq!(
        e.counts.to_string(),
        "1 passed, 1 failed, 3 failed_ok, 2 skipped, 1 timeout"
    );
    assert_eq!(e.failed.len(), 1);
    assert_eq!(e.failed[0].name.as_deref(), Some(BROKEN));
    let excused: Vec<&str> = e
        .failed_ok
        .iter()
        .map(|(_, entry)| entry.regex.as_str())
        .collect();
    assert_eq!(
        excused,
        [
            "Feature:SCTPConnectivity",
            "should.allow.egress.access.to.server.in.CIDR.block",
            "HostPort validates that there is no conflict between pods with same hostPort but \
             different hostIP and protocol",
        ]
    );
    assert_eq!((e.outcome(), e.official()), (Fail, Fail));
    for result in [
        networking_check(&tree, &config),
        conformance_check(&tree, &config),
    ] {
        assert_eq!((result.outcome(), result.official()), (Fail, Fail));
    }
}

#[test]
fn probed_messages() {
    let result = networking_check(&probed_tree(), &SonobuoyConfig::snapshot());
    assert_eq!(result.id(), &KAAS_NETWORKING_CHECK);
    let texts: Vec<String> = result.findings().iter().map(|f| f.to_string()).collect();
    assert_eq!(
        texts,
        [
            format!(
                "ERROR: kaas-networking-check: {BROKEN}: failed, and no okToFail entry excuses \
                 it"
            ),
            format!(
                "INFO: kaas-networking-check: {SCTP}: failed, excused by the okToFail entry \
                 `Feature:SCTPConnectivity`: SCTP support is optional (Cilium does not enable \
                 it by default)"
            ),
            format!(
                "INFO: kaas-networking-check: {CIDR}: failed, excused by the okToFail entry \
                 `should.allow.egress.access.to.server.in.CIDR.block`: left out of Cilium's own \
                 NetworkPolicy e2e runs (cilium/cilium#9209)"
            ),
            format!(
                "INFO: kaas-networking-check: {HOSTPORT}: failed, excused by the okToFail entry \
                 `HostPort validates that there is no conflict between pods with same hostPort \
                 but different hostIP and protocol`: fails on clusters whose nodes have only an \
                 ExternalIP, no InternalIP (kubernetes/kubernetes#136626)"
            ),
            "ERROR: kaas-networking-check: [sig-network] slow test: ended with the status \
             `timeout`: the test did not pass"
                .to_owned(),
            "INFO: kaas-networking-check: sonobuoy reports 1 passed, 1 failed, 3 failed_ok, 2 \
             skipped, 1 timeout"
                .to_owned(),
            "WARNING: kaas-networking-check: the official suite counts the 1 test with another \
             status but does not fail on it"
                .to_owned(),
        ]
    );
}

#[test]
fn all_passed_with_excused_failures() {
    let tree = ResultItem::e2e(vec![
        test(PASSED, "passed"),
        test(SCTP, "failed"),
        test("[sig-x] other", "skipped"),
    ]);
    let result = networking_check(&tree, &SonobuoyConfig::snapshot());
    assert_eq!((result.outcome(), result.official()), (Pass, Pass));
    assert!(result
        .findings()
        .iter()
        .all(|f| f.severity == Severity::Info));
}

#[test]
fn divergence_no_test_passed() {
    let config = SonobuoyConfig::snapshot();
    // An empty results file, a root without items, a focus that matched nothing.
    let empty = results(r#"{"name": "e2e", "status": "passed", "items": []}"#);
    let bare = results(r#"{"name": "e2e"}"#);
    let all_skipped = ResultItem::e2e(vec![test("a", "skipped"), ResultItem::new("b")]);
    for tree in [&empty, &bare, &all_skipped] {
        let result = conformance_check(tree, &config);
        assert_eq!(result.id(), &CNCF_K8S_CONFORMANCE);
        assert_eq!((result.outcome(), result.official()), (Fail, Pass));
        let messages: Vec<&str> = result
            .findings()
            .iter()
            .filter(|f| f.severity != Severity::Info)
            .map(|f| f.message.as_str())
            .collect();
        assert_eq!(
            messages,
            [
                "no test passed: the results show no test that ran successfully",
                "the official suite does not require any test to pass",
            ]
        );
    }
    // Only excused failures: nothing passed either.
    let excused = ResultItem::e2e(vec![test(SCTP, "failed")]);
    let result = networking_check(&excused, &config);
    assert_eq!((result.outcome(), result.official()), (Fail, Pass));
}

#[test]
fn divergence_other_status() {
    let tree = ResultItem::e2e(vec![
        test(PASSED, "passed"),
        test("t1", "timeout"),
        test("t2", "unknown"),
    ]);
    let result = conformance_check(&tree, &SonobuoyConfig::snapshot());
    assert_eq!((result.outcome(), result.official()), (Fail, Pass));
    assert_eq!(
        result.findings().last().unwrap().to_string(),
        "WARNING: cncf-k8s-conformance: the official suite counts the 2 tests with another \
         status but does not fail on them"
    );
}

#[test]
fn divergence_failed_test_without_name() {
    let tree = results(
        r#"{"items": [{"items": [{"items": [
            {"name": "ok", "status": "passed"},
            {"status": "failed"}]}]}]}"#,
    );
    let config = SonobuoyConfig::snapshot();
    let e = evaluate(&tree, &config);
    assert!(e.unnamed_failure);
    let result = networking_check(&tree, &SonobuoyConfig::snapshot());
    assert_eq!((result.outcome(), result.official()), (Fail, Abort));
    let texts: Vec<String> = result
        .findings()
        .iter()
        .filter(|f| f.severity != Severity::Info)
        .map(|f| f.to_string())
        .collect();
    assert_eq!(
        texts,
        [
            "ERROR: kaas-networking-check: a test without a name failed",
            "WARNING: kaas-networking-check: the official suite crashes on a failed test \
             without a name (ABORT)",
        ]
    );
}

#[test]
fn only_the_third_level_counts() {
    let tree = results(
        r#"{"status": "failed", "items": [
            {"name": "file", "status": "failed", "items": [
              {"name": "suite", "status": "failed", "items": [
                {"name": "test", "status": "passed", "items": [
                  {"name": "deeper", "status": "failed"}]}]}]},
            {"name": "file without suites", "status": "failed"}]}"#,
    );
    let config = SonobuoyConfig::default();
    let e = evaluate(&tree, &config);
    assert_eq!(
        e.counts.to_string(),
        "1 passed, 0 failed, 0 failed_ok, 0 skipped"
    );
    assert_eq!((e.outcome(), e.official()), (Pass, Pass));
}

#[test]
fn missing_or_null_status_is_skipped() {
    let tree = results(
        r#"{"items": [{"items": [{"items": [
            {"name": "a", "status": "passed"}, {"name": "b", "status": null}, {"name": "c"}]}]}]}"#,
    );
    let config = SonobuoyConfig::default();
    let e = evaluate(&tree, &config);
    assert_eq!((e.counts.passed, e.counts.skipped), (1, 2));
}

#[test]
fn ok_to_fail_matching() {
    let config = SonobuoyConfig::snapshot();
    // Unanchored search; `.` matches the spaces; case matters.
    assert!(config.matching(CIDR).is_some());
    assert!(config
        .matching("should_allow_egress_access_to_server_in_CIDR_block")
        .is_some());
    assert!(config
        .matching("[Feature:SCTPConnectivity] prefix and suffix")
        .is_some());
    assert!(config.matching("feature:sctpconnectivity").is_none());
    assert!(config.matching(PASSED).is_none());
    assert_eq!(
        config
            .matching(
                "[sig-network] Services should have session affinity work for NodePort service \
                 [LinuxOnly] [Conformance]"
            )
            .map(|e| e.regex.as_str()),
        Some("Services should have session affinity work for NodePort service")
    );
    // The first matching entry wins.
    let config = SonobuoyConfig::new(vec![
        OkToFailEntry::new("NetworkPolicy", "first"),
        OkToFailEntry::new("Netpol", "second"),
    ])
    .unwrap();
    assert_eq!(config.matching(BROKEN).unwrap().reason, "first");
}

#[test]
fn caller_config_is_honoured() {
    let tree = ResultItem::e2e(vec![test(PASSED, "passed"), test(SCTP, "failed")]);
    // Without okToFail entries the SCTP failure counts.
    let none: SonobuoyConfig = serde_json::from_str("null").unwrap();
    assert_eq!(none.entries().len(), 0);
    let result = networking_check(&tree, &none);
    assert_eq!((result.outcome(), result.official()), (Fail, Fail));
    let empty: SonobuoyConfig = serde_json::from_str("{}").unwrap();
    assert_eq!(networking_check(&tree, &empty).official(), Fail);
    // A caller's own list excuses it.
    let own: SonobuoyConfig = serde_json::from_str(
        r#"{"okToFail": [{"regex": "SCTP", "reason": "no SCTP in our CNI"}]}"#,
    )
    .unwrap();
    let result = networking_check(&tree, &own);
    assert_eq!((result.outcome(), result.official()), (Pass, Pass));
    assert!(result
        .findings()
        .iter()
        .any(|f| f.message == "failed, excused by the okToFail entry `SCTP`: no SCTP in our CNI"));
}

#[test]
fn config_errors() {
    let err = |json: &str| {
        serde_json::from_str::<SonobuoyConfig>(json)
            .unwrap_err()
            .to_string()
    };
    let cases = [
        (
            r#"{"okToFail": [], "extra": 1, "another": 2}"#,
            "unknown top-level keys: `another`, `extra` (only `okToFail` is allowed)",
        ),
        (
            r#"["x"]"#,
            "invalid type: sequence, expected a mapping with the key `okToFail`",
        ),
        (
            r#"{"okToFail": null}"#,
            "invalid type: null, expected a list for `okToFail`",
        ),
        (
            r#"{"okToFail": {"regex": "x"}}"#,
            "invalid type: map, expected a list for `okToFail`",
        ),
        (
            r#"{"okToFail": ["x"]}"#,
            "invalid type: string \"x\", expected a mapping with `regex` and `reason` for \
             okToFail[0]",
        ),
        (
            r#"{"okToFail": [{"regex": "a", "reason": "b"}, {"regex": "a", "reason": "b", "url": "u"}]}"#,
            "okToFail[1] has unknown keys: `url`",
        ),
        (
            r#"{"okToFail": [{"regex": "  ", "reason": "b"}]}"#,
            "okToFail[0].regex must be a non-empty string",
        ),
        (
            r#"{"okToFail": [{"regex": 5, "reason": "b"}]}"#,
            "okToFail[0].regex must be a non-empty string",
        ),
        (
            r#"{"okToFail": [{"regex": "a"}]}"#,
            "okToFail[0].reason must be a non-empty string",
        ),
        (
            r#"{"okToFail": [{"regex": "a", "reason": ""}]}"#,
            "okToFail[0].reason must be a non-empty string",
        ),
    ];
    for (json, message) in cases {
        let e = err(json);
        assert!(e.starts_with(message), "{json}: {e}");
    }
    // Regexes the Rust engine cannot compile are configuration errors (Python accepts the
    // look-ahead).
    let e = err(r#"{"okToFail": [{"regex": "a(?=b)", "reason": "r"}]}"#);
    assert!(
        e.starts_with("okToFail[0].regex `a(?=b)` is not a valid regular expression:"),
        "{e}"
    );
    let e = SonobuoyConfig::new(vec![OkToFailEntry::new("(", "r")]).unwrap_err();
    assert!(
        matches!(e, ConfigError::InvalidRegex { index: 0, .. }),
        "{e:?}"
    );
    assert_eq!(
        SonobuoyConfig::new(vec![
            OkToFailEntry::new("a", "r"),
            OkToFailEntry::new("\t", "r")
        ])
        .unwrap_err(),
        ConfigError::EmptyRegex { index: 1 }
    );
    // A testcase whose configuration is unusable aborts, as officially.
    let result = invalid_config(
        KAAS_NETWORKING_CHECK,
        &ConfigError::EmptyReason { index: 3 },
    );
    assert_eq!((result.outcome(), result.official()), (Abort, Abort));
    assert_eq!(
        result.findings()[0].message,
        "the okToFail configuration is invalid: okToFail[3].reason must be a non-empty string"
    );
}

#[test]
fn snapshot_entries() {
    let config = SonobuoyConfig::snapshot();
    let regexes: Vec<&str> = config.entries().map(|e| e.regex.as_str()).collect();
    assert_eq!(regexes.len(), 9);
    assert_eq!(regexes[5], "Feature:SCTPConnectivity");
    assert_eq!(
        regexes[8],
        "should.enforce.except.clause.while.egress.access.to.server.in.CIDR.block"
    );
    assert!(config.entries().all(|e| !e.reason.trim().is_empty()));
}

#[test]
fn results_errors_name_the_field() {
    let err = |json: &str| {
        serde_json::from_str::<ResultItem>(json)
            .unwrap_err()
            .to_string()
    };
    assert_eq!(
        err(r#"{"name": "e2e", "items": null}"#),
        "invalid type: null, expected a list for `items` at line 1 column 29"
    );
    assert_eq!(
        err(r#"{"items": [{"name": 5}]}"#),
        "invalid type: integer `5`, expected a string or null for `name` at line 1 column 21"
    );
    assert_eq!(
        err(r#"{"status": ["x"]}"#),
        "invalid type: sequence, expected a string or null for `status` at line 1 column 12"
    );
    assert_eq!(
        err(r#"{"meta": {"x": [1]}}"#),
        "invalid type: sequence, expected a string, number, boolean or null for `meta` at line 1 column 16"
    );
    let item = results(r#"{"meta": {"duration": 1.5, "ok": true, "none": null}}"#);
    assert_eq!(item.meta.get("duration").map(String::as_str), Some("1.5"));
    assert_eq!(item.meta.get("ok").map(String::as_str), Some("true"));
    assert!(!item.meta.contains_key("none"));
}

#[test]
fn each_testcase_from_its_own_run() {
    let config = SonobuoyConfig::snapshot();
    let netpol = ResultItem::e2e(vec![test(PASSED, "passed")]);
    let conformance = ResultItem::e2e(vec![
        test(
            "[sig-apps] Job should run a job to completion [Conformance]",
            "passed",
        ),
        test(
            "[sig-cli] Kubectl client Guestbook application should create and stop a working \
             application [Conformance]",
            "failed",
        ),
    ]);
    let a = networking_check(&netpol, &config);
    let b = conformance_check(&conformance, &config);
    assert_eq!((a.id(), a.outcome()), (&KAAS_NETWORKING_CHECK, Pass));
    assert_eq!(
        (b.id(), b.outcome(), b.official()),
        (&CNCF_K8S_CONFORMANCE, Fail, Fail)
    );
}

#[test]
fn default_ingress_class_nw3() {
    let ann = "ingressclass.kubernetes.io/is-default-class";
    let texts = |classes: &[IngressClass]| -> Vec<String> {
        let result = default_ingress_class(classes);
        assert_eq!(result.id(), &DEFAULT_INGRESS_CLASS);
        // Advisory: never FAIL; no official testcase.
        assert_eq!((result.outcome(), result.official()), (Pass, Abort));
        result.findings().iter().map(|f| f.to_string()).collect()
    };
    assert_eq!(
        texts(&[]),
        [
            "WARNING: scs-validators:scs-0219-default-ingress-class: no IngressClass: a managed \
          Ingress controller with a default IngressClass SHOULD be offered"
        ]
    );
    assert_eq!(
        texts(&[
            IngressClass::new("nginx").with_annotation(ann, "True"),
            IngressClass::new("traefik"),
        ]),
        [
            "WARNING: scs-validators:scs-0219-default-ingress-class: nginx: the annotation \
             `ingressclass.kubernetes.io/is-default-class` is `True`, not `true`: Kubernetes \
             does not take this class as the default",
            "WARNING: scs-validators:scs-0219-default-ingress-class: no default IngressClass: \
             none of 2 IngressClasses has the annotation \
             `ingressclass.kubernetes.io/is-default-class` set to `true`, and a default SHOULD \
             be offered",
        ]
    );
    assert_eq!(
        texts(&[
            IngressClass::new("a").with_annotation(ann, "true"),
            IngressClass::new("b").with_annotation(ann, "true"),
        ]),
        [
            "WARNING: scs-validators:scs-0219-default-ingress-class: 2 IngressClasses are marked \
          default (`a`, `b`): Kubernetes then refuses new Ingresses without `ingressClassName`"
        ]
    );
    let IngressClassList(classes) = serde_json::from_str(
        r#"{"kind": "List", "items": [{"apiVersion": "networking.k8s.io/v1",
            "kind": "IngressClass", "metadata": {"name": "nginx", "annotations": {
              "ingressclass.kubernetes.io/is-default-class": "true"}},
            "spec": {"controller": "k8s.io/ingress-nginx"}}]}"#,
    )
    .unwrap();
    assert_eq!(
        texts(&classes),
        [
            "INFO: scs-validators:scs-0219-default-ingress-class: nginx: the default \
          IngressClass, controller `k8s.io/ingress-nginx`"
        ]
    );
}
