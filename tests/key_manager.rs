//! scs-0116 key manager through the public API: the digest's vectors (13.8), the probe's
//! outcomes under both readings, the pre-flight role check, and the record formats.

use scs_validators::input::catalog::{Catalog, CatalogService, Endpoint};
use scs_validators::input::probes::{KeyManagerProbe, ProbeStep, Roles, StepOutcome};
use scs_validators::key_manager::{
    self, apply_preflight, permissions, preflight, presence, PreflightError,
};
use scs_validators::report::{Outcome, Severity, TestcaseResult};
use scs_validators::services::{self, Version};

fn service(t: &str, name: &str) -> CatalogService {
    CatalogService::new(t)
        .with_name(name)
        .with_endpoint(Endpoint::public(format!("https://{name}.example.com/")))
}

fn catalog_without() -> Vec<CatalogService> {
    vec![service("identity", "keystone"), service("compute", "nova")]
}

fn catalog_with() -> Vec<CatalogService> {
    let mut c = catalog_without();
    c.push(service("key-manager", "barbican"));
    c
}

const MEMBER: &[&str] = &["member", "reader"];

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

fn probe_failing(step: &str, outcome: StepOutcome) -> KeyManagerProbe {
    let mut probe = KeyManagerProbe::all_ok();
    let failing = Some(ProbeStep::new(outcome));
    match step {
        "cleanup" => {
            probe.cleanup = failing;
            probe.create = None;
            probe.list = None;
            probe.delete = None;
        }
        "create" => {
            probe.create = failing;
            probe.list = None;
            probe.delete = None;
        }
        "list" => {
            probe.list = failing;
            probe.delete = None;
        }
        _ => probe.delete = failing,
    }
    probe
}

// --- 13.8 ---

#[test]
fn without_key_manager_permissions_pass_presence_fails() {
    let catalog = catalog_without();
    let report = key_manager::check(&catalog, MEMBER, None);
    assert_eq!(
        report.to_string(),
        "scs-0116-presence: FAIL\nscs-0116-permissions: PASS\n"
    );
    assert_eq!(
        report.official_lines().to_string(),
        "scs-0116-presence: FAIL\nscs-0116-permissions: PASS\n"
    );
    let presence = report.get("scs-0116-presence").unwrap();
    assert_eq!(
        presence.findings()[0].to_string(),
        "ERROR: scs-0116-presence: no service of type `key-manager` in the catalog; scs-0116 \
         recommends offering the Key Manager API"
    );
    let permissions = report.get("scs-0116-permissions").unwrap();
    assert_eq!(
        messages(permissions, Severity::Info),
        ["no service of type `key-manager` in the catalog: the policy rule applies only where a key manager is offered"]
    );
}

#[test]
fn member_can_use_the_key_manager() {
    let catalog = catalog_with();
    let probe = KeyManagerProbe::all_ok();
    let report = key_manager::check(&catalog, MEMBER, Some(&probe));
    assert!(report.all_passed() && report.all_passed_officially());
    assert_eq!(report.findings().count(), 0);
    // The cleanup step is optional.
    let probe = KeyManagerProbe {
        cleanup: None,
        ..KeyManagerProbe::all_ok()
    };
    let r = permissions(&catalog, MEMBER, Some(&probe));
    assert_eq!(verdicts(&r), (Outcome::Pass, Outcome::Pass));
}

#[test]
fn create_forbidden_fails() {
    let mut probe = probe_failing("create", StepOutcome::Forbidden);
    probe.create = Some(
        ProbeStep::new(StepOutcome::Forbidden)
            .with_detail("403 Forbidden: Secret creation attempt not allowed"),
    );
    let r = permissions(&catalog_with(), MEMBER, Some(&probe));
    assert_eq!(verdicts(&r), (Outcome::Fail, Outcome::Fail));
    assert_eq!(
        r.findings()[0].to_string(),
        "ERROR: scs-0116-permissions: a `member` may not create a secret (forbidden): \
         `403 Forbidden: Secret creation attempt not allowed`"
    );
    assert_eq!(r.findings().len(), 1);
}

#[test]
fn elevated_roles_abort_every_testcase() {
    for catalog in [catalog_with(), catalog_without()] {
        let report = key_manager::check(
            &catalog,
            &["member", "admin"],
            Some(&KeyManagerProbe::all_ok()),
        );
        assert_eq!(
            report.official_lines().to_string(),
            "scs-0116-presence: ABORT\nscs-0116-permissions: ABORT\n"
        );
    }
    // Per the standard: presence is about the catalog; permissions needs a plain member
    // when there is a key manager, and does not apply without one.
    let report = key_manager::check(&catalog_with(), &["member", "admin"], None);
    assert_eq!(
        report.to_string(),
        "scs-0116-presence: PASS\nscs-0116-permissions: ABORT\n"
    );
    let permissions = report.get("scs-0116-permissions").unwrap();
    assert_eq!(
        messages(permissions, Severity::Error),
        ["the probe must run as a user with `member` and without `admin` or `manager`, but the token has the elevated role(s) `admin`"]
    );
    let presence = report.get("scs-0116-presence").unwrap();
    assert_eq!(
        messages(presence, Severity::Warning),
        ["the official suite reports every testcase as ABORT: the token has the elevated role(s) `admin`"]
    );
    let report = key_manager::check(&catalog_without(), &["manager", "member"], None);
    assert_eq!(
        report.to_string(),
        "scs-0116-presence: FAIL\nscs-0116-permissions: PASS\n"
    );
    let permissions = report.get("scs-0116-permissions").unwrap();
    assert_eq!(
        messages(permissions, Severity::Warning),
        ["the official suite checks the roles first and reports ABORT: the token has the elevated role(s) `manager`"]
    );
}

// --- the probe's outcomes ---

#[test]
fn probe_outcomes_under_both_readings() {
    let catalog = catalog_with();
    let cases = [
        (
            "cleanup",
            StepOutcome::Forbidden,
            Outcome::Fail,
            Outcome::Fail,
        ),
        ("cleanup", StepOutcome::Error, Outcome::Fail, Outcome::Abort),
        (
            "create",
            StepOutcome::Forbidden,
            Outcome::Fail,
            Outcome::Fail,
        ),
        ("create", StepOutcome::Error, Outcome::Fail, Outcome::Abort),
        (
            "create",
            StepOutcome::NotFound,
            Outcome::Fail,
            Outcome::Abort,
        ),
        ("list", StepOutcome::NotFound, Outcome::Fail, Outcome::Abort),
        (
            "list",
            StepOutcome::Forbidden,
            Outcome::Fail,
            Outcome::Abort,
        ),
        ("list", StepOutcome::Error, Outcome::Fail, Outcome::Abort),
        (
            "delete",
            StepOutcome::Forbidden,
            Outcome::Fail,
            Outcome::Fail,
        ),
        ("delete", StepOutcome::Error, Outcome::Fail, Outcome::Abort),
    ];
    for (step, outcome, standard, official) in cases {
        let probe = probe_failing(step, outcome);
        let r = permissions(&catalog, MEMBER, Some(&probe));
        assert_eq!(verdicts(&r), (standard, official), "{step} {outcome}");
        assert_eq!(
            messages(&r, Severity::Warning).len(),
            usize::from(standard != official),
            "{step} {outcome}"
        );
    }
}

#[test]
fn secret_not_discoverable_divergence() {
    let r = permissions(
        &catalog_with(),
        MEMBER,
        Some(&probe_failing("list", StepOutcome::NotFound)),
    );
    assert_eq!(verdicts(&r), (Outcome::Fail, Outcome::Abort));
    assert_eq!(
        messages(&r, Severity::Error),
        ["the secret the probe created does not show in the listing"]
    );
    assert_eq!(
        messages(&r, Severity::Warning),
        ["the official suite crashes here (its cleanup takes the first secret of an empty search result) and reports ABORT"]
    );
}

#[test]
fn other_errors_fail_with_the_detail() {
    let mut probe = probe_failing("delete", StepOutcome::Error);
    probe.delete = Some(ProbeStep::new(StepOutcome::Error).with_detail("HTTP 503"));
    let r = permissions(&catalog_with(), MEMBER, Some(&probe));
    assert_eq!(
        messages(&r, Severity::Error),
        ["the probe could not delete a secret (`error`): `HTTP 503`, so it cannot show that a `member` may use the key manager"]
    );
    assert_eq!(
        messages(&r, Severity::Warning),
        ["the official suite crashes here (it only catches \"forbidden\" errors) and reports ABORT"]
    );
}

#[test]
fn missing_or_incomplete_probe_aborts() {
    let r = permissions(&catalog_with(), MEMBER, None);
    assert_eq!(verdicts(&r), (Outcome::Abort, Outcome::Abort));
    assert_eq!(
        messages(&r, Severity::Error),
        ["the catalog offers a key manager, but no key-manager probe record was given"]
    );
    let probe = KeyManagerProbe {
        delete: None,
        ..KeyManagerProbe::all_ok()
    };
    let r = permissions(&catalog_with(), MEMBER, Some(&probe));
    assert_eq!(verdicts(&r), (Outcome::Abort, Outcome::Abort));
    assert_eq!(
        messages(&r, Severity::Error),
        ["the key-manager probe record has no `delete` step and no failure before it: the probe is incomplete"]
    );
    let r = permissions(&catalog_with(), MEMBER, Some(&KeyManagerProbe::default()));
    assert_eq!(r.outcome(), Outcome::Abort);
    // Without a key manager the probe is not needed.
    let r = permissions(&catalog_without(), MEMBER, None);
    assert_eq!(verdicts(&r), (Outcome::Pass, Outcome::Pass));
}

#[test]
fn creator_role_warning() {
    let r = permissions(
        &catalog_with(),
        &["member", "creator"],
        Some(&KeyManagerProbe::all_ok()),
    );
    assert_eq!(verdicts(&r), (Outcome::Pass, Outcome::Pass));
    assert_eq!(
        messages(&r, Severity::Warning),
        ["the token also has Barbican's role `creator`, which allows creating secrets by itself: the probe does not show what `member` alone may do"]
    );
}

#[test]
fn empty_catalog_aborts() {
    let report = key_manager::check(&[], MEMBER, None);
    assert_eq!(
        report.to_string(),
        "scs-0116-presence: ABORT\nscs-0116-permissions: ABORT\n"
    );
    assert_eq!(
        report.findings().next().unwrap().message,
        "no service catalog was given (the list of services is empty)"
    );
}

#[test]
fn presence_warnings() {
    let catalog = vec![
        service("compute", "nova"),
        CatalogService::new("key-manager").with_name("barbican"),
        service("Key-Manager", "vault"),
    ];
    let r = presence(&catalog);
    assert_eq!(verdicts(&r), (Outcome::Pass, Outcome::Pass));
    let warnings: Vec<String> = r
        .findings()
        .iter()
        .filter(|f| f.severity == Severity::Warning)
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        warnings,
        [
            "WARNING: scs-0116-presence: vault: service type `Key-Manager` is not `key-manager`: service types are case-sensitive",
            "WARNING: scs-0116-presence: barbican: the `key-manager` service lists no endpoint URL, so clients cannot reach it",
        ]
    );
}

// --- the pre-flight check ---

#[test]
fn preflight_like_the_reference() {
    assert_eq!(preflight(&["member"]), Ok(()));
    assert_eq!(
        preflight(&["member", "reader", "load-balancer_member"]),
        Ok(())
    );
    assert_eq!(
        preflight(&["admin", "member", "manager"]),
        Err(PreflightError::Elevated {
            roles: vec!["admin".into(), "manager".into()]
        })
    );
    assert_eq!(
        preflight(&["reader"]),
        Err(PreflightError::MissingMember {
            roles: vec!["reader".into()]
        })
    );
    assert_eq!(preflight::<String>(&[]), Err(PreflightError::NoRoles));
    assert_eq!(
        PreflightError::NoRoles.to_string(),
        "no role names were given"
    );
}

#[test]
fn preflight_applies_to_any_module() {
    let catalog = catalog_without();
    let mut report = services::check(&catalog, Version::V1, None);
    let before = report.clone();
    apply_preflight(&mut report, MEMBER);
    assert_eq!(report, before);
    apply_preflight(&mut report, &["reader"]);
    assert!(report
        .results
        .iter()
        .all(|r| r.official() == Outcome::Abort));
    // Outcomes per the standard stay; aborted results keep their reason alone.
    for (after, before) in report.results.iter().zip(&before.results) {
        assert_eq!(after.outcome(), before.outcome());
        if before.outcome() == Outcome::Abort {
            assert_eq!(after.findings(), before.findings());
        } else {
            assert_eq!(
                after.findings().last().unwrap().message,
                "the official suite reports every testcase as ABORT: the token lacks the role `member` (it has `reader`)"
            );
        }
    }
}

// --- the record formats, as files of a data folder would hold them ---

#[test]
fn records_from_json() {
    let roles: Roles = serde_json::from_str(
        r#"{"token": {"methods": ["password"], "roles": [
            {"id": "51cc68287d524c759f47c811e6463340", "name": "member"},
            {"id": "0cc1a0ffa1a54b8e87ebb8bf9ce2b4b1", "name": "reader"}],
            "project": {"id": "p", "name": "scs-test"}}}"#,
    )
    .unwrap();
    assert_eq!(roles.names(), ["member", "reader"]);
    let probe: KeyManagerProbe = serde_json::from_str(
        r#"{"cleanup": "ok", "create": "ok",
            "list": {"outcome": "not_found", "detail": "0 of 3 secrets match"}}"#,
    )
    .unwrap();
    let catalog: Catalog = serde_json::from_str(
        r#"[{"Name": "barbican", "Type": "key-manager",
             "Endpoints": "RegionOne\n  public: https://barbican.example.com\nRegionOne\n  internal: http://10.0.0.5:9311\n"},
            {"Name": "keystone", "Type": "identity", "Endpoints": "RegionOne\n  public: https://keystone.example.com/v3\n"}]"#,
    )
    .unwrap();
    let report = key_manager::check(&catalog, roles.names(), Some(&probe));
    assert_eq!(
        report.to_string(),
        "scs-0116-presence: PASS\nscs-0116-permissions: FAIL\n"
    );
    assert_eq!(
        report.official_lines().to_string(),
        "scs-0116-presence: PASS\nscs-0116-permissions: ABORT\n"
    );
    let permissions = report.get("scs-0116-permissions").unwrap();
    assert_eq!(
        messages(permissions, Severity::Error),
        ["the secret the probe created does not show in the listing: `0 of 3 secrets match`"]
    );
}
