//! scs-0211 default storage class through the public API: the probed outcomes of the official
//! script (digest 3.3) with the code of its storage class step and its final code, the standard
//! reading (3.4), the divergences and full messages.

use scs_validators::input::kubernetes::{StorageClass, StorageClassList};
use scs_validators::report::{Outcome, Severity};
use scs_validators::storage_class::{
    check, official_script, outcome_of_status, ClassCheck, DEFAULT_STORAGE_CLASS,
};

use Outcome::{Abort, Fail, Pass};

const GA: &str = "storageclass.kubernetes.io/is-default-class";
const BETA: &str = "storageclass.beta.kubernetes.io/is-default-class";
const CINDER: &str = "cinder.csi.openstack.org";
const NONE: &str = "kubernetes.io/no-provisioner";

fn class(name: &str, provisioner: &str, annotation: Option<&str>) -> StorageClass {
    let c = StorageClass::new(name, provisioner);
    match annotation {
        Some(v) => c.with_annotation(GA, v),
        None => c,
    }
}

#[test]
fn probed_outcomes_3_3() {
    // (case, classes, code of the storage class step, standard outcome, official outcome)
    let cases: Vec<(&str, Vec<StorageClass>, u8, Outcome, Outcome)> = vec![
        (
            "one default, cinder CSI",
            vec![class("a", CINDER, Some("true"))],
            0,
            Pass,
            Pass,
        ),
        (
            "default + another with `false`",
            vec![
                class("a", CINDER, Some("true")),
                class("b", CINDER, Some("false")),
            ],
            0,
            Pass,
            Pass,
        ),
        (
            "default + another without annotations",
            vec![class("a", CINDER, Some("true")), class("b", CINDER, None)],
            1,
            Pass,
            Abort,
        ),
        (
            "default + another with unrelated annotations only",
            vec![
                class("a", CINDER, Some("true")),
                class("b", CINDER, None).with_annotation("owner", "ops"),
            ],
            1,
            Pass,
            Abort,
        ),
        (
            "one with `false`",
            vec![class("a", CINDER, Some("false"))],
            1,
            Fail,
            Abort,
        ),
        ("none at all", vec![], 1, Fail, Abort),
        (
            "one with `True`",
            vec![class("a", CINDER, Some("True"))],
            1,
            Fail,
            Abort,
        ),
        (
            "two defaults",
            vec![
                class("a", CINDER, Some("true")),
                class("b", CINDER, Some("true")),
            ],
            32,
            Pass,
            Abort,
        ),
        (
            "two defaults, the last with no-provisioner",
            vec![
                class("a", CINDER, Some("true")),
                class("b", NONE, Some("true")),
            ],
            31,
            Fail,
            Abort,
        ),
        (
            "two defaults, the first with no-provisioner",
            vec![
                class("a", NONE, Some("true")),
                class("b", CINDER, Some("true")),
            ],
            32,
            Fail,
            Abort,
        ),
        (
            "one default with no-provisioner",
            vec![class("a", NONE, Some("true"))],
            31,
            Fail,
            Abort,
        ),
        (
            "only the beta annotation",
            vec![class("a", CINDER, None).with_annotation(BETA, "true")],
            1,
            Fail,
            Abort,
        ),
    ];
    for (name, classes, code, standard, official) in cases {
        let run = official_script(&classes);
        assert_eq!(run.class_check.code(), code, "{name}");
        // The crash in the volume test turns every failure of the class step into code 1.
        assert_eq!(run.return_code, if code == 0 { 0 } else { 1 }, "{name}");
        let result = check(&classes);
        assert_eq!(result.id(), &DEFAULT_STORAGE_CLASS, "{name}");
        assert_eq!(
            (result.outcome(), result.official()),
            (standard, official),
            "{name}"
        );
        if result.diverges() {
            assert!(
                result
                    .findings()
                    .iter()
                    .any(|f| f.severity == Severity::Warning
                        && f.message.contains("the official script")),
                "{name}: no warning explains the divergence"
            );
        }
    }
}

#[test]
fn class_check_names_the_class() {
    let run = official_script(&[
        class("a", CINDER, Some("true")),
        class("b", CINDER, None),
        class("c", CINDER, None),
    ]);
    assert_eq!(
        run.class_check,
        ClassCheck::MissingAnnotation { class: "b".into() }
    );
    let run = official_script(&[class("x", NONE, Some("true"))]);
    assert_eq!(
        run.class_check,
        ClassCheck::NoProvisioner { class: "x".into() }
    );
    assert_eq!(official_script(&[]).class_check, ClassCheck::NoDefault);
    let run = official_script(&[class("d", CINDER, Some("true"))]);
    assert_eq!(
        run.class_check,
        ClassCheck::DefaultFound { class: "d".into() }
    );
    assert_eq!(run.outcome(), Pass);
}

#[test]
fn messages_good_default() {
    let mut good = class("csi-cinder", CINDER, Some("true"));
    good.allow_volume_expansion = Some(true);
    let result = check(&[good, class("slow", CINDER, Some("false"))]);
    let texts: Vec<String> = result.findings().iter().map(|f| f.to_string()).collect();
    assert_eq!(
        texts,
        [
            "INFO: scs-0211-default-storage-class: csi-cinder: the default \
          StorageClass, provisioner `cinder.csi.openstack.org`, volume expansion allowed"
        ]
    );
}

#[test]
fn messages_no_default() {
    let result = check(&[
        class("a", CINDER, Some("True")),
        class("b", CINDER, None).with_annotation(BETA, "true"),
    ]);
    assert_eq!((result.outcome(), result.official()), (Fail, Abort));
    let texts: Vec<String> = result.findings().iter().map(|f| f.to_string()).collect();
    assert_eq!(
        texts,
        [
            "WARNING: scs-0211-default-storage-class: a: the annotation \
             `storageclass.kubernetes.io/is-default-class` is `True`, not `true`: neither \
             Kubernetes nor the official script takes this class as the default",
            "WARNING: scs-0211-default-storage-class: b: marked default only \
             with the beta annotation `storageclass.beta.kubernetes.io/is-default-class`: \
             Kubernetes honours it, but the standard and the official script read \
             `storageclass.kubernetes.io/is-default-class`",
            "ERROR: scs-0211-default-storage-class: no default StorageClass: \
             none of 2 StorageClasses has the annotation \
             `storageclass.kubernetes.io/is-default-class` set to `true`",
            "WARNING: scs-0211-default-storage-class: b: has no annotation \
             `storageclass.kubernetes.io/is-default-class`: the official script requires it on \
             every StorageClass and crashes here (ABORT)",
        ]
    );
}

#[test]
fn messages_several_and_local_defaults() {
    let result = check(&[
        class("a", CINDER, Some("true")),
        class("local", NONE, Some("true")),
    ]);
    let texts: Vec<String> = result.findings().iter().map(|f| f.to_string()).collect();
    assert_eq!(
        texts,
        [
            "INFO: scs-0211-default-storage-class: a: the default StorageClass, \
             provisioner `cinder.csi.openstack.org`, volume expansion not allowed",
            "ERROR: scs-0211-default-storage-class: local: the default \
             StorageClass uses the provisioner `kubernetes.io/no-provisioner`: its volumes are \
             static local volumes bound to a node, not failure-safe ones",
            "WARNING: scs-0211-default-storage-class: 2 StorageClasses are \
             marked default (`a`, `local`): Kubernetes uses the newest of them for claims \
             without a class",
            "WARNING: scs-0211-default-storage-class: the official script stops \
             with code 31 (`local`, the last default, has no provisioner), then crashes in its \
             volume test and ends with code 1 (ABORT)",
        ]
    );
    // Two good defaults: a warning only, the standard passes.
    let result = check(&[
        class("a", CINDER, Some("true")),
        class("b", CINDER, Some("true")),
    ]);
    assert_eq!((result.outcome(), result.official()), (Pass, Abort));
    assert_eq!(
        result.findings().last().unwrap().message,
        "the official script stops with code 32 (2 defaults, not exactly one), then crashes in \
         its volume test and ends with code 1 (ABORT)"
    );
    // No StorageClass at all.
    let result = check(&[]);
    let texts: Vec<&str> = result
        .findings()
        .iter()
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(
        texts,
        [
            "no default StorageClass: none of 0 StorageClasses has the annotation \
             `storageclass.kubernetes.io/is-default-class` set to `true`",
            "the official script crashes when no StorageClass is the default (ABORT)",
        ]
    );
}

#[test]
fn result_file_statuses() {
    assert_eq!(outcome_of_status("passed"), Some(Pass));
    assert_eq!(
        outcome_of_status("k8s-default-storage-class-check_32"),
        Some(Fail)
    );
    assert_eq!(
        outcome_of_status("k8s-default-storage-class-check_13"),
        Some(Abort)
    );
    assert_eq!(outcome_of_status(""), None);
}

#[test]
fn kubectl_json_end_to_end() {
    let json = r#"{"apiVersion": "v1", "kind": "List", "items": [
      {"apiVersion": "storage.k8s.io/v1", "kind": "StorageClass",
       "metadata": {"name": "csi-cinder-sc-delete", "annotations": {
         "storageclass.kubernetes.io/is-default-class": "true",
         "kubectl.kubernetes.io/last-applied-configuration": "{}"}},
       "provisioner": "cinder.csi.openstack.org", "reclaimPolicy": "Delete",
       "allowVolumeExpansion": true, "volumeBindingMode": "Immediate"},
      {"apiVersion": "storage.k8s.io/v1", "kind": "StorageClass",
       "metadata": {"name": "csi-cinder-sc-retain"},
       "provisioner": "cinder.csi.openstack.org", "reclaimPolicy": "Retain"}
    ]}"#;
    let StorageClassList(classes) = serde_json::from_str(json).unwrap();
    let result = check(&classes);
    assert_eq!((result.outcome(), result.official()), (Pass, Abort));
    assert_eq!(
        result.findings().last().unwrap().subject.as_deref(),
        Some("csi-cinder-sc-retain")
    );
}
