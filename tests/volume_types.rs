//! scs-0114 volume types through the public API: the digest's vectors (13.6), the probed
//! readings of the official suite (7.3), the duplicate-aspect divergence, messages and inputs.

use scs_validators::input::volume::{VolumeType, VolumeTypeList};
use scs_validators::report::{Outcome, Severity};
use scs_validators::volume_types::{
    self, aspect_list, check, encrypted_type, replicated_type, syntax_check, ENCRYPTED_TYPE,
    REPLICATED_TYPE, SYNTAX_CHECK,
};

fn one(description: Option<&str>) -> Vec<VolumeType> {
    vec![VolumeType::new("t", description)]
}

/// (syntax outcome, syntax official, encrypted, replicated) for a cloud with one volume type.
#[track_caller]
fn verdicts(description: Option<&str>) -> (Outcome, Outcome, Outcome, Outcome) {
    let types = one(description);
    let s = syntax_check(&types);
    let e = encrypted_type(&types);
    let r = replicated_type(&types);
    // The aspect testcases never diverge.
    assert_eq!(e.outcome(), e.official(), "{description:?}");
    assert_eq!(r.outcome(), r.official(), "{description:?}");
    (s.outcome(), s.official(), e.outcome(), r.outcome())
}

use Outcome::{Fail, Pass};

#[test]
fn vectors_13_6() {
    // (description, syntax outcome, syntax official, encrypted, replicated)
    let cases: &[(Option<&str>, Outcome, Outcome, Outcome, Outcome)] = &[
        (
            Some("[scs:encrypted] This volume uses LUKS-encryption"),
            Pass,
            Pass,
            Pass,
            Fail,
        ),
        (
            Some(
                "[scs:encrypted, replicated] Content will be replicated three times to ensure \
                 consistency and availability for your data. LUKS encryption is used.",
            ),
            Pass,
            Pass,
            Pass,
            Pass,
        ),
        (Some("[scs:replicated, encrypted]"), Fail, Fail, Pass, Pass),
        // The divergence: a duplicate is a SHOULD in the text, a failure officially.
        (Some("[scs:encrypted, encrypted]"), Pass, Fail, Pass, Fail),
        (Some("[scs:encrypted, fast]"), Fail, Fail, Pass, Fail),
        (Some("LUKS volume"), Pass, Pass, Fail, Fail),
        (None, Pass, Pass, Fail, Fail),
        (Some("[SCS:encrypted]"), Pass, Pass, Fail, Fail),
        (Some(" [scs:encrypted]"), Pass, Pass, Fail, Fail),
        (Some("[scs:]"), Pass, Pass, Fail, Fail),
    ];
    for &(d, syntax, official, enc, rep) in cases {
        assert_eq!(verdicts(d), (syntax, official, enc, rep), "{d:?}");
    }
}

#[test]
fn probed_readings_of_the_official_suite() {
    let cases: &[(&str, Outcome, Outcome, Outcome)] = &[
        ("[scs:encrypted,replicated]", Pass, Pass, Pass),
        ("[scs: encrypted ,replicated ]", Pass, Pass, Pass),
        // An empty item sorts first and is unrecognised.
        ("[scs:encrypted, ]", Fail, Pass, Fail),
        ("foo [scs:encrypted]", Pass, Fail, Fail),
        ("[scs:encrypted", Pass, Fail, Fail),
        ("[scs:Encrypted]", Fail, Fail, Fail),
        ("[scs:encrypted][scs:replicated]", Pass, Pass, Fail),
        ("[scs:\u{1f}encrypted\u{1c}]", Pass, Pass, Fail),
        ("[scs:encrypted replicated]", Fail, Fail, Fail),
        ("", Pass, Fail, Fail),
    ];
    for &(d, syntax, enc, rep) in cases {
        let (s, o, e, r) = verdicts(Some(d));
        assert_eq!((s, e, r), (syntax, enc, rep), "{d:?}");
        assert_eq!(o, s, "no divergence expected for {d:?}");
    }
    assert_eq!(
        aspect_list("[scs:encrypted replicated]"),
        Some(vec!["encrypted replicated"])
    );
    assert_eq!(
        aspect_list("[scs:encrypted, ]"),
        Some(vec!["encrypted", ""])
    );
}

#[test]
fn duplicate_divergence_is_explained() {
    let r = syntax_check(&[VolumeType::new(
        "hdd-twice",
        Some("[scs:encrypted, encrypted] two"),
    )]);
    assert_eq!((r.outcome(), r.official()), (Pass, Fail));
    assert!(r.diverges());
    let f = &r.findings()[0];
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(f.subject.as_deref(), Some("hdd-twice"));
    assert_eq!(
        f.to_string(),
        "WARNING: scs-0114-syntax-check: hdd-twice: `encrypted` listed more than once; the \
         standard says each aspect SHOULD be listed once, the official suite fails on this"
    );
    // Together with a real error, both outcomes fail.
    let r = syntax_check(&one(Some("[scs:replicated, replicated, encrypted]")));
    assert_eq!((r.outcome(), r.official()), (Fail, Fail));
    assert_eq!(r.findings().len(), 2);
}

#[test]
fn full_messages() {
    let r = syntax_check(&[
        VolumeType::new("unsorted", Some("[scs:replicated, encrypted]")),
        VolumeType::new("fast", Some("[scs:encrypted, fast, fast]")),
        VolumeType::new("comma", Some("[scs:encrypted, ]")),
        VolumeType::new("spaced", Some(" [scs:encrypted] LUKS")),
        VolumeType::new("__default__", Some("Default Volume Type")),
    ]);
    let lines: Vec<String> = r.findings().iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "ERROR: scs-0114-syntax-check: unsorted: aspects not sorted alphabetically: \
             `replicated`, `encrypted`; expected `encrypted`, `replicated`",
            "WARNING: scs-0114-syntax-check: fast: `fast` listed more than once; the standard \
             says each aspect SHOULD be listed once, the official suite fails on this",
            "ERROR: scs-0114-syntax-check: fast: unrecognized aspect `fast`; only `encrypted` \
             and `replicated` are standardised",
            "ERROR: scs-0114-syntax-check: comma: aspects not sorted alphabetically: \
             `encrypted`, ``; expected ``, `encrypted`",
            "ERROR: scs-0114-syntax-check: comma: unrecognized aspect `` (an empty item: a stray \
             comma?); only `encrypted` and `replicated` are standardised",
            "WARNING: scs-0114-syntax-check: spaced: the description mentions `[scs:` but does \
             not start with an aspect list (`[scs:` in lowercase at the very start, closed by \
             `]`), so it advertises no aspect",
        ]
    );
    assert_eq!((r.outcome(), r.official()), (Fail, Fail));

    let r = encrypted_type(&one(Some("[scs:replicated]")));
    assert_eq!(
        r.findings()[0].to_string(),
        "ERROR: scs-0114-encrypted-type: no volume type advertises the aspect `encrypted`"
    );
    let r = replicated_type(&[
        VolumeType::new("a", Some("[scs:replicated]")),
        VolumeType::new("b", Some("[scs:replicated, encrypted]")),
    ]);
    assert_eq!(r.outcome(), Pass);
    assert_eq!(r.findings()[0].severity, Severity::Info);
    assert_eq!(
        r.findings()[0].message,
        "aspect `replicated` advertised by `a`, `b`"
    );
}

#[test]
fn aspects_count_across_types_and_from_failing_lists() {
    // Encryption and replication on different types satisfy both recommendations.
    let types = [
        VolumeType::new("LUKS", Some("[scs:encrypted] LUKS")),
        VolumeType::new("ceph", Some("[scs:replicated] three replicas")),
        VolumeType::new("__default__", None),
    ];
    let report = check(&types);
    assert_eq!(
        report.to_string(),
        "scs-0114-syntax-check: PASS\nscs-0114-encrypted-type: PASS\nscs-0114-replicated-type: PASS\n"
    );
    assert_eq!(report.official_lines().to_string(), report.to_string());
    // An unsorted list fails the syntax check, but its aspects still count.
    let report = check(&one(Some("[scs:replicated, encrypted, fast]")));
    assert_eq!(
        report.to_string(),
        "scs-0114-syntax-check: FAIL\nscs-0114-encrypted-type: PASS\nscs-0114-replicated-type: PASS\n"
    );
    // No volume types at all: nothing to check, nothing advertised.
    let report = check(&[]);
    assert_eq!(
        report.to_string(),
        "scs-0114-syntax-check: PASS\nscs-0114-encrypted-type: FAIL\nscs-0114-replicated-type: FAIL\n"
    );
    assert!(report
        .get("scs-0114-syntax-check")
        .unwrap()
        .findings()
        .is_empty());
}

#[test]
fn ids() {
    assert_eq!(SYNTAX_CHECK.as_str(), "scs-0114-syntax-check");
    assert_eq!(ENCRYPTED_TYPE.as_str(), "scs-0114-encrypted-type");
    assert_eq!(REPLICATED_TYPE.as_str(), "scs-0114-replicated-type");
    assert_eq!(volume_types::ASPECTS, ["encrypted", "replicated"]);
}

#[test]
fn unnamed_types_are_named_by_id() {
    let types: VolumeTypeList =
        serde_json::from_str(r#"[{"id": "u-1", "name": null, "description": "[scs:x]"}]"#).unwrap();
    let r = syntax_check(&types.0);
    assert_eq!(r.findings()[0].subject.as_deref(), Some("u-1"));
}

#[test]
fn reads_api_and_cli_output() {
    // The Block Storage API, with the standard's example types.
    let api = r#"{"volume_types": [
        {"id": "d63307fb-167a-4aa0-9066-66595ea9fb21", "name": "LUKS", "is_public": true,
         "description": "[scs:encrypted] This volume uses LUKS-encryption",
         "os-volume-type-access:is_public": true, "qos_specs_id": null, "extra_specs": {}},
        {"id": "9a1f4c12-0b57-4a43-8f2d-7d3c8b0e5a61", "name": "__default__",
         "is_public": true, "description": "Default Volume Type", "qos_specs_id": null}
    ]}"#;
    let list: VolumeTypeList = serde_json::from_str(api).unwrap();
    assert_eq!(
        check(&list.0).to_string(),
        "scs-0114-syntax-check: PASS\nscs-0114-encrypted-type: PASS\nscs-0114-replicated-type: FAIL\n"
    );
    // `openstack volume type list --long -f json`.
    let cli = r#"[
        {"ID": "1", "Name": "hdd-three-replicas-LUKS", "Is Public": true,
         "Description": "[scs:encrypted, replicated] Content will be replicated three times.",
         "Properties": {}},
        {"ID": "2", "Name": "__default__", "Is Public": true, "Description": null, "Properties": {}}
    ]"#;
    let list: VolumeTypeList = serde_json::from_str(cli).unwrap();
    assert_eq!(list.0[0].name, "hdd-three-replicas-LUKS");
    assert!(check(&list.0).all_passed());
    // Without `--long` the description is missing: refused, not silently passed.
    let err = serde_json::from_str::<VolumeTypeList>(
        r#"[{"ID": "1", "Name": "LUKS", "Is Public": true}]"#,
    )
    .unwrap_err();
    assert!(err.to_string().contains("without `--long`"), "{err}");
}
