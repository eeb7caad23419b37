//! scs-0211 v1 (and the v2 draft): KaaS default storage class.
//!
//! Standard: <https://docs.scs.community/standards/scs-0211-v1-kaas-default-storage-class> (v1,
//! Stable; v2 is a Draft; supplement w1 on implementation and testing).
//!
//! A cluster offers a default StorageClass, marked with the annotation
//! `storageclass.kubernetes.io/is-default-class`, whose volumes are failure-safe. scs-0211 is in
//! no certificate scope and has no official testcase id; the official script
//! (`Tests/kaas/k8s-default-storage-class/k8s-default-storage-class-check.py`) writes a result
//! file instead of a result line. This crate reports under its own id,
//! [`DEFAULT_STORAGE_CLASS`] (`scs-0211-default-storage-class`), computed by
//! [`check`] from the StorageClass objects:
//!
//! - the **outcome** per the text: FAIL when no StorageClass carries the annotation
//!   `storageclass.kubernetes.io/is-default-class` with the value exactly `"true"` (v2: a
//!   default MUST exist), or when a default uses the provisioner `kubernetes.io/no-provisioner`
//!   (static volumes on a node's local disk, which v1 forbids); more than one default is a
//!   warning (the text does not forbid it, and Kubernetes picks the newest);
//! - the **official** verdict: the result of the official script, mapped by
//!   [`outcome_of_return_code`] (`passed` → PASS, the failure codes 31, 32, 41, 42 → FAIL, the
//!   codes of a crash or of a broken setup → ABORT). [`official_script`] replays its pure part.
//!
//! Kubernetes itself also honours the beta annotation
//! `storageclass.beta.kubernetes.io/is-default-class`; the standard names the GA key, and so do
//! this crate and the official script (a class marked only with the beta key gets a warning).
//! The value is compared exactly: `"True"` marks no default, for Kubernetes either.
//!
//! Not decidable from StorageClass objects, and not checked: whether the volumes support
//! `ReadWriteOnce`, survive a disk or host failure and outlive a node. The official script tests
//! the first with a live PersistentVolumeClaim and pod; [`official_script`] assumes that part
//! passes.
//!
//! # What the official script does (its pure part)
//!
//! It reads the annotation of **every** StorageClass (a class without it makes the script
//! crash), counts the classes whose value is exactly `"true"`, then checks the provisioner of the
//! last default found (`kubernetes.io/no-provisioner`: code 31) before the count (not exactly
//! one: code 32; none at all makes it crash, the provisioner was never set). Whenever this step
//! fails, the volume test still runs with no class name, crashes, and the script ends with code
//! 1: the codes 31 and 32 never reach the result file. So on StorageClass objects alone the
//! official verdict is PASS or ABORT.
//!
//! # Divergences from the official suite
//!
//! | input | standard (this crate) | official script | why |
//! | --- | --- | --- | --- |
//! | a StorageClass without the annotation (besides a good default) | PASS | ABORT (crash) | the text only requires the default to carry it |
//! | two defaults | PASS (warning) | ABORT (code 32, then code 1) | the text does not forbid several defaults |
//! | no default at all (or no StorageClass) | FAIL | ABORT (crash) | the script never sets the provisioner |
//! | a default with `kubernetes.io/no-provisioner` | FAIL | ABORT (code 31, then code 1) | the crash in the volume test overwrites the code |
//!
//! Each is pinned by a test in `tests/storage_class.rs`; every result whose two verdicts differ
//! carries a warning that says what the official script does.

use crate::input::kubernetes::{
    StorageClass, BETA_DEFAULT_STORAGE_CLASS_ANNOTATION, DEFAULT_STORAGE_CLASS_ANNOTATION,
};
use crate::report::{Finding, Outcome, Severity, TestcaseId, TestcaseResult};

/// `scs-0211-default-storage-class`: the cluster has a default StorageClass with a real
/// provisioner. The official script has no testcase id of its own (scs-0211 is in no scope);
/// this is the id the crate gives it, and its official outcome maps the script's result.
pub const DEFAULT_STORAGE_CLASS: TestcaseId =
    TestcaseId::from_static("scs-0211-default-storage-class");

/// The provisioner of statically provisioned local volumes.
pub const NO_PROVISIONER: &str = "kubernetes.io/no-provisioner";

/// How the storage class step of the official script ends.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ClassCheck {
    /// Exactly one default, with a provisioner other than [`NO_PROVISIONER`]: the live volume
    /// test runs on it.
    DefaultFound {
        /// The default StorageClass.
        class: String,
    },
    /// The StorageClass (the first in list order) has no default annotation: the script crashes.
    MissingAnnotation {
        /// The StorageClass without the annotation.
        class: String,
    },
    /// The last default found uses [`NO_PROVISIONER`]: code 31.
    NoProvisioner {
        /// That StorageClass.
        class: String,
    },
    /// More than one default: code 32.
    SeveralDefaults {
        /// How many.
        count: usize,
    },
    /// No default at all: the script crashes (the provisioner variable is never set).
    NoDefault,
}

impl ClassCheck {
    /// The code the step itself ends with: 0, 31, 32, or 1 for a crash.
    pub fn code(&self) -> u8 {
        match self {
            ClassCheck::DefaultFound { .. } => 0,
            ClassCheck::NoProvisioner { .. } => 31,
            ClassCheck::SeveralDefaults { .. } => 32,
            ClassCheck::MissingAnnotation { .. } | ClassCheck::NoDefault => 1,
        }
    }
}

/// The pure part of the official script on a list of StorageClasses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScriptRun {
    /// How the storage class step ends.
    pub class_check: ClassCheck,
    /// The code the script ends with, assuming its live volume test passes when it gets a
    /// class: 0, or 1 (every failure of the storage class step ends in a crash of the volume
    /// test).
    pub return_code: u8,
}

impl ScriptRun {
    /// The official verdict: [`outcome_of_return_code`] of the final code.
    pub fn outcome(&self) -> Outcome {
        outcome_of_return_code(self.return_code)
    }
}

/// Replays the pure part of the official script on `classes` (in their order).
///
/// ```
/// use scs_validators::input::kubernetes::StorageClass;
/// use scs_validators::storage_class::{official_script, ClassCheck};
/// use scs_validators::report::Outcome;
/// let default = |name: &str| {
///     StorageClass::new(name, "cinder.csi.openstack.org")
///         .with_annotation("storageclass.kubernetes.io/is-default-class", "true")
/// };
/// let run = official_script(&[default("a"), default("b")]);
/// assert_eq!(run.class_check, ClassCheck::SeveralDefaults { count: 2 });
/// assert_eq!(run.class_check.code(), 32);
/// assert_eq!((run.return_code, run.outcome()), (1, Outcome::Abort));
/// ```
pub fn official_script(classes: &[StorageClass]) -> ScriptRun {
    let class_check = class_check(classes);
    let return_code = match class_check {
        ClassCheck::DefaultFound { .. } => 0,
        _ => 1,
    };
    ScriptRun {
        class_check,
        return_code,
    }
}

fn class_check(classes: &[StorageClass]) -> ClassCheck {
    let mut count = 0;
    let mut last_default: Option<&StorageClass> = None;
    for class in classes {
        match class.default_annotation() {
            None => {
                return ClassCheck::MissingAnnotation {
                    class: class.name.clone(),
                }
            }
            Some("true") => {
                count += 1;
                last_default = Some(class);
            }
            Some(_) => {}
        }
    }
    match last_default {
        None => ClassCheck::NoDefault,
        Some(c) if c.provisioner == NO_PROVISIONER => ClassCheck::NoProvisioner {
            class: c.name.clone(),
        },
        Some(_) if count != 1 => ClassCheck::SeveralDefaults { count },
        Some(c) => ClassCheck::DefaultFound {
            class: c.name.clone(),
        },
    }
}

/// The verdict a return code of the official script stands for: 0 → PASS; 31 (no provisioner),
/// 32 (not exactly one default), 41 (volume not bound), 42 (no `ReadWriteOnce`) and any other
/// code → FAIL; the codes the script documents as failures of the run itself (1 to 19, which
/// cover the crash code 1 and 13, the test pod not running, and every code ending in 9) → ABORT.
///
/// ```
/// use scs_validators::storage_class::outcome_of_return_code;
/// use scs_validators::report::Outcome;
/// assert_eq!(outcome_of_return_code(0), Outcome::Pass);
/// assert_eq!(outcome_of_return_code(42), Outcome::Fail);
/// assert_eq!(outcome_of_return_code(1), Outcome::Abort);
/// ```
pub fn outcome_of_return_code(code: u8) -> Outcome {
    match code {
        0 => Outcome::Pass,
        1..=19 => Outcome::Abort,
        c if c % 10 == 9 => Outcome::Abort,
        _ => Outcome::Fail,
    }
}

/// The verdict of the `status` in the script's result file (`<script>.result.yaml`): `passed`
/// → PASS, `<script name>_<code>` → [`outcome_of_return_code`]; `None` for anything else.
///
/// ```
/// use scs_validators::storage_class::outcome_of_status;
/// use scs_validators::report::Outcome;
/// assert_eq!(outcome_of_status("passed"), Some(Outcome::Pass));
/// assert_eq!(outcome_of_status("k8s-default-storage-class-check_41"), Some(Outcome::Fail));
/// assert_eq!(outcome_of_status("k8s-default-storage-class-check_1"), Some(Outcome::Abort));
/// assert_eq!(outcome_of_status("failed"), None);
/// ```
pub fn outcome_of_status(status: &str) -> Option<Outcome> {
    if status == "passed" {
        return Some(Outcome::Pass);
    }
    let (_, code) = status.rsplit_once('_')?;
    if code.is_empty() || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    code.parse::<u8>().ok().map(outcome_of_return_code)
}

fn quoted(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `scs-0211-default-storage-class` on the StorageClasses of a cluster (see the
/// module docs for both verdicts).
///
/// ```
/// use scs_validators::input::kubernetes::StorageClass;
/// use scs_validators::report::Outcome;
/// use scs_validators::storage_class::check;
/// let classes = [
///     StorageClass::new("csi-cinder", "cinder.csi.openstack.org")
///         .with_annotation("storageclass.kubernetes.io/is-default-class", "true"),
///     StorageClass::new("local", "kubernetes.io/no-provisioner"),
/// ];
/// let result = check(&classes);
/// // The standard is met; the official script crashes on the class without annotation.
/// assert_eq!((result.outcome(), result.official()), (Outcome::Pass, Outcome::Abort));
/// ```
pub fn check(classes: &[StorageClass]) -> TestcaseResult {
    let id = DEFAULT_STORAGE_CLASS;
    let run = official_script(classes);
    let official = run.outcome();
    let mut findings = Vec::new();
    let finding = |severity, subject: Option<&str>, message: String| {
        Finding::new(id.clone(), severity, subject.map(str::to_owned), message)
    };

    let defaults: Vec<&StorageClass> = classes
        .iter()
        .filter(|c| c.default_annotation() == Some("true"))
        .collect();
    for c in classes {
        match c.default_annotation() {
            Some("true") => {}
            Some(v) if v.eq_ignore_ascii_case("true") => findings.push(finding(
                Severity::Warning,
                Some(&c.name),
                format!(
                    "the annotation `{DEFAULT_STORAGE_CLASS_ANNOTATION}` is `{v}`, not `true`: \
                     neither Kubernetes nor the official script takes this class as the default"
                ),
            )),
            _ => {
                if c.annotations
                    .get(BETA_DEFAULT_STORAGE_CLASS_ANNOTATION)
                    .is_some_and(|v| v == "true")
                {
                    findings.push(finding(
                        Severity::Warning,
                        Some(&c.name),
                        format!(
                            "marked default only with the beta annotation \
                             `{BETA_DEFAULT_STORAGE_CLASS_ANNOTATION}`: Kubernetes honours it, \
                             but the standard and the official script read \
                             `{DEFAULT_STORAGE_CLASS_ANNOTATION}`"
                        ),
                    ));
                }
            }
        }
    }
    if defaults.is_empty() {
        findings.push(finding(
            Severity::Error,
            None,
            format!(
                "no default StorageClass: none of {} StorageClass{} has the annotation \
                 `{DEFAULT_STORAGE_CLASS_ANNOTATION}` set to `true`",
                classes.len(),
                if classes.len() == 1 { "" } else { "es" }
            ),
        ));
    }
    for c in &defaults {
        if c.provisioner == NO_PROVISIONER {
            findings.push(finding(
                Severity::Error,
                Some(&c.name),
                format!(
                    "the default StorageClass uses the provisioner `{NO_PROVISIONER}`: its \
                     volumes are static local volumes bound to a node, not failure-safe ones"
                ),
            ));
        } else {
            let expansion = match c.allow_volume_expansion {
                Some(true) => "volume expansion allowed",
                _ => "volume expansion not allowed",
            };
            findings.push(finding(
                Severity::Info,
                Some(&c.name),
                format!(
                    "the default StorageClass, provisioner `{}`, {expansion}",
                    c.provisioner
                ),
            ));
        }
    }
    if defaults.len() > 1 {
        let names: Vec<&str> = defaults.iter().map(|c| c.name.as_str()).collect();
        findings.push(finding(
            Severity::Warning,
            None,
            format!(
                "{} StorageClasses are marked default ({}): Kubernetes uses the newest of them \
                 for claims without a class",
                defaults.len(),
                quoted(&names)
            ),
        ));
    }

    // What the official script does differently (it never ends with FAIL on these objects).
    let abort_reason = match &run.class_check {
        ClassCheck::DefaultFound { .. } => None,
        ClassCheck::MissingAnnotation { class: first } => {
            for c in classes.iter().filter(|c| c.default_annotation().is_none()) {
                let message = if c.name == *first {
                    format!(
                        "has no annotation `{DEFAULT_STORAGE_CLASS_ANNOTATION}`: the official \
                         script requires it on every StorageClass and crashes here (ABORT)"
                    )
                } else {
                    format!(
                        "has no annotation `{DEFAULT_STORAGE_CLASS_ANNOTATION}`, which the \
                         official script requires on every StorageClass"
                    )
                };
                findings.push(finding(Severity::Warning, Some(&c.name), message));
            }
            None
        }
        ClassCheck::NoDefault => Some(
            "the official script crashes when no StorageClass is the default (ABORT)".to_owned(),
        ),
        ClassCheck::NoProvisioner { class } => Some(format!(
            "the official script stops with code 31 (`{class}`, the last default, has no \
             provisioner), then crashes in its volume test and ends with code 1 (ABORT)"
        )),
        ClassCheck::SeveralDefaults { count } => Some(format!(
            "the official script stops with code 32 ({count} defaults, not exactly one), then \
             crashes in its volume test and ends with code 1 (ABORT)"
        )),
    };
    if let Some(message) = abort_reason {
        findings.push(finding(Severity::Warning, None, message));
    }
    TestcaseResult::from_findings(id, findings, official)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn return_codes() {
        let cases = [
            (0, Outcome::Pass),
            (1, Outcome::Abort),
            (2, Outcome::Abort),
            (13, Outcome::Abort),
            (19, Outcome::Abort),
            (29, Outcome::Abort),
            (31, Outcome::Fail),
            (32, Outcome::Fail),
            (41, Outcome::Fail),
            (42, Outcome::Fail),
            (49, Outcome::Abort),
            (20, Outcome::Fail),
        ];
        for (code, outcome) in cases {
            assert_eq!(outcome_of_return_code(code), outcome, "{code}");
        }
    }

    #[test]
    fn statuses() {
        assert_eq!(outcome_of_status("x_32"), Some(Outcome::Fail));
        assert_eq!(outcome_of_status("a_b_13"), Some(Outcome::Abort));
        assert_eq!(outcome_of_status("x_"), None);
        assert_eq!(outcome_of_status("x_+1"), None);
        assert_eq!(outcome_of_status("x_300"), None);
        assert_eq!(outcome_of_status("Passed"), None);
    }
}
