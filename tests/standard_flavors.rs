//! scs-0103 standard flavors through the public API: the tables, the digest's vectors (13.4),
//! the lookup rules, the divergences from the official suite, and the extra-spec checks beyond
//! the official suite.

use scs_validators::flavor_name::{FlavorName, SpecValue};
use scs_validators::input::Flavor;
use scs_validators::report::{Outcome, Severity, TestcaseId, TestcaseResult};
use scs_validators::standard_flavors::{
    self as sf, check_flavor, check_ids, check_mandatory, check_recommended, cpu_type_check,
    name_variants_check, FlavorLookup, Level, StandardDiskType, StandardFlavor, UnknownTestcaseId,
    MANDATORY, RECOMMENDED,
};

/// The ids of the certificate scopes `scs-0103-v1` and `scs-0103-v1-rec`
/// (`Tests/scs-compatible-iaas.yaml`).
const OFFICIAL_MANDATORY_IDS: [&str; 15] = [
    "scs-0103-flavor-1v-4",
    "scs-0103-flavor-2v-8",
    "scs-0103-flavor-4v-16",
    "scs-0103-flavor-8v-32",
    "scs-0103-flavor-1v-2",
    "scs-0103-flavor-2v-4",
    "scs-0103-flavor-4v-8",
    "scs-0103-flavor-8v-16",
    "scs-0103-flavor-16v-32",
    "scs-0103-flavor-1v-8",
    "scs-0103-flavor-2v-16",
    "scs-0103-flavor-4v-32",
    "scs-0103-flavor-1l-1",
    "scs-0103-flavor-2v-4-20s",
    "scs-0103-flavor-4v-16-100s",
];
const OFFICIAL_RECOMMENDED_IDS: [&str; 16] = [
    "scs-0103-flavor-1v-4-10",
    "scs-0103-flavor-2v-8-20",
    "scs-0103-flavor-4v-16-50",
    "scs-0103-flavor-8v-32-100",
    "scs-0103-flavor-1v-2-5",
    "scs-0103-flavor-2v-4-10",
    "scs-0103-flavor-4v-8-20",
    "scs-0103-flavor-8v-16-50",
    "scs-0103-flavor-16v-32-100",
    "scs-0103-flavor-1v-8-20",
    "scs-0103-flavor-2v-16-50",
    "scs-0103-flavor-4v-32-100",
    "scs-0103-flavor-1l-1-5",
    "scs-0103-flavor-16v-64",
    "scs-0103-flavor-8v-64",
    "scs-0103-flavor-16v-128",
];

#[track_caller]
fn standard(name: &str) -> &'static StandardFlavor {
    StandardFlavor::by_name(name).unwrap_or_else(|| panic!("{name} is a standard flavor"))
}

/// A flavor exactly as the standard wants it (`scs:disk0-type` `ssd` or `network`).
fn perfect(s: &StandardFlavor) -> Flavor {
    let mut f = Flavor::new(s.name, u64::from(s.vcpus), s.ram_mib(), s.disk_gb());
    for (k, v) in s.official_extra_specs() {
        f = f.with_extra_spec(k, v);
    }
    f
}

#[track_caller]
fn run(flavors: &[Flavor], name: &str) -> TestcaseResult {
    check_flavor(flavors, standard(name))
}

#[track_caller]
fn assert_outcomes(r: &TestcaseResult, outcome: Outcome, official: Outcome) {
    assert_eq!(
        (r.outcome(), r.official()),
        (outcome, official),
        "{}: {:#?}",
        r.id(),
        r.findings()
    );
}

fn lines(r: &TestcaseResult) -> Vec<String> {
    r.findings().iter().map(ToString::to_string).collect()
}

// ---------------------------------------------------------------------------------------------
// The tables

#[test]
fn tables_have_the_official_ids_in_order() {
    let m: Vec<_> = MANDATORY.iter().map(|f| f.id).collect();
    let mut sorted_m = m.clone();
    sorted_m.sort_unstable();
    let mut official_m = OFFICIAL_MANDATORY_IDS.to_vec();
    official_m.sort_unstable();
    assert_eq!(sorted_m, official_m);
    let r: Vec<_> = RECOMMENDED.iter().map(|f| f.id).collect();
    assert_eq!(r, OFFICIAL_RECOMMENDED_IDS);
    assert!(MANDATORY.iter().all(|f| f.level == Level::Mandatory));
    assert!(RECOMMENDED.iter().all(|f| f.level == Level::Recommended));
    assert_eq!(sf::all().count(), 31);
    for f in sf::all() {
        let expected_id = format!(
            "scs-0103-flavor-{}",
            f.name.strip_prefix("SCS-").unwrap().to_lowercase()
        );
        assert_eq!(f.id, expected_id);
        assert_eq!(StandardFlavor::by_id(f.id), Some(f));
        assert_eq!(StandardFlavor::by_name(f.name), Some(f));
        assert_eq!(f.to_string(), f.name);
    }
    assert_eq!(StandardFlavor::by_name("SCS-1V-4-20s"), None);
    assert_eq!(StandardFlavor::by_id("scs-0103-flavor-SCS-1V-4"), None);
}

#[test]
fn every_testcase_constant_matches_its_flavor() {
    let consts: [(TestcaseId, &str); 31] = [
        (sf::SCS_0103_FLAVOR_1V_4, "SCS-1V-4"),
        (sf::SCS_0103_FLAVOR_2V_8, "SCS-2V-8"),
        (sf::SCS_0103_FLAVOR_4V_16, "SCS-4V-16"),
        (sf::SCS_0103_FLAVOR_4V_16_100S, "SCS-4V-16-100s"),
        (sf::SCS_0103_FLAVOR_8V_32, "SCS-8V-32"),
        (sf::SCS_0103_FLAVOR_1V_2, "SCS-1V-2"),
        (sf::SCS_0103_FLAVOR_2V_4, "SCS-2V-4"),
        (sf::SCS_0103_FLAVOR_2V_4_20S, "SCS-2V-4-20s"),
        (sf::SCS_0103_FLAVOR_4V_8, "SCS-4V-8"),
        (sf::SCS_0103_FLAVOR_8V_16, "SCS-8V-16"),
        (sf::SCS_0103_FLAVOR_16V_32, "SCS-16V-32"),
        (sf::SCS_0103_FLAVOR_1V_8, "SCS-1V-8"),
        (sf::SCS_0103_FLAVOR_2V_16, "SCS-2V-16"),
        (sf::SCS_0103_FLAVOR_4V_32, "SCS-4V-32"),
        (sf::SCS_0103_FLAVOR_1L_1, "SCS-1L-1"),
        (sf::SCS_0103_FLAVOR_1V_4_10, "SCS-1V-4-10"),
        (sf::SCS_0103_FLAVOR_2V_8_20, "SCS-2V-8-20"),
        (sf::SCS_0103_FLAVOR_4V_16_50, "SCS-4V-16-50"),
        (sf::SCS_0103_FLAVOR_8V_32_100, "SCS-8V-32-100"),
        (sf::SCS_0103_FLAVOR_1V_2_5, "SCS-1V-2-5"),
        (sf::SCS_0103_FLAVOR_2V_4_10, "SCS-2V-4-10"),
        (sf::SCS_0103_FLAVOR_4V_8_20, "SCS-4V-8-20"),
        (sf::SCS_0103_FLAVOR_8V_16_50, "SCS-8V-16-50"),
        (sf::SCS_0103_FLAVOR_16V_32_100, "SCS-16V-32-100"),
        (sf::SCS_0103_FLAVOR_1V_8_20, "SCS-1V-8-20"),
        (sf::SCS_0103_FLAVOR_2V_16_50, "SCS-2V-16-50"),
        (sf::SCS_0103_FLAVOR_4V_32_100, "SCS-4V-32-100"),
        (sf::SCS_0103_FLAVOR_1L_1_5, "SCS-1L-1-5"),
        (sf::SCS_0103_FLAVOR_16V_64, "SCS-16V-64"),
        (sf::SCS_0103_FLAVOR_8V_64, "SCS-8V-64"),
        (sf::SCS_0103_FLAVOR_16V_128, "SCS-16V-128"),
    ];
    for (id, name) in consts {
        assert_eq!(standard(name).testcase(), id);
    }
}

/// The table agrees with what the scs-0100 name implies (the official suite derives the
/// expected values from the name), and with the standard's rule for `scs:name-v1`.
#[test]
fn tables_agree_with_the_names() {
    for f in sf::all() {
        let name: FlavorName = f.name.parse().unwrap();
        assert_eq!(name.to_string(), f.name, "canonical");
        let specs = name.extra_specs();
        assert_eq!(specs.cpus(), f.vcpus, "{f}");
        assert_eq!(specs.cpu_type(), f.cpu_type, "{f}");
        assert_eq!(specs.ram().mib(), f.ram_mib(), "{f}");
        assert_eq!(specs.disk(), f.disk.map(|d| Some(d.size_gb)), "{f}");
        let implied: Vec<(String, String)> = specs
            .iter()
            .filter(|(k, _)| k.to_string().starts_with("scs:"))
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let ours: Vec<(String, String)> = f
            .official_extra_specs()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect();
        assert_eq!(implied, ours, "{f}");
        assert_eq!(specs.get("scs:name-v3"), None::<SpecValue>, "{f}");
        // "the recommended name, but with each dash AFTER the first one replaced by a colon"
        let (prefix, rest) = f.name.split_once('-').unwrap();
        assert_eq!(f.name_v1, format!("{prefix}-{}", rest.replace('-', ":")));
        match f.disk {
            None => assert!(name.disk().is_none()),
            Some(d) => {
                let disk = name.disk().unwrap();
                assert_eq!(disk.count.get(), 1);
                let expected_kind = match d.kind {
                    StandardDiskType::Ssd => Some(scs_validators::flavor_name::DiskType::Ssd),
                    _ => None,
                };
                assert_eq!(disk.kind, expected_kind, "{f}");
            }
        }
    }
}

#[test]
fn table_values_from_the_standard_text() {
    let f = standard("SCS-4V-16-100s");
    assert_eq!(
        (f.vcpus, f.ram_gib, f.ram_mib(), f.disk_gb()),
        (4, 16, 16384, 100)
    );
    assert_eq!(f.disk.unwrap().kind, StandardDiskType::Ssd);
    let f = standard("SCS-1L-1-5");
    assert_eq!(f.cpu_type.extra_spec(), "crowded-core");
    assert_eq!((f.vcpus, f.ram_mib(), f.disk_gb()), (1, 1024, 5));
    assert_eq!(f.disk.unwrap().kind, StandardDiskType::Any);
    let f = standard("SCS-16V-128");
    assert_eq!(
        (f.vcpus, f.ram_mib(), f.disk_gb(), f.disk),
        (16, 131072, 0, None)
    );
    assert_eq!(
        serde_json::to_string(standard("SCS-2V-4-20s")).unwrap(),
        r#"{"name":"SCS-2V-4-20s","name_v1":"SCS-2V:4:20s","id":"scs-0103-flavor-2v-4-20s","level":"mandatory","vcpus":2,"cpu_type":"shared-core","ram_gib":4,"disk":{"size_gb":20,"kind":"ssd"}}"#
    );
}

// ---------------------------------------------------------------------------------------------
// The testcases

#[test]
fn a_perfect_cloud_passes_everything() {
    let flavors: Vec<Flavor> = sf::all().map(perfect).collect();
    let results = check_mandatory(&flavors);
    assert_eq!(results.len(), 15);
    let results2 = check_recommended(&flavors);
    assert_eq!(results2.len(), 16);
    for (r, s) in results.iter().chain(&results2).zip(sf::all()) {
        assert_eq!(r.id().as_str(), s.id);
        assert_outcomes(r, Outcome::Pass, Outcome::Pass);
        assert!(r.findings().is_empty(), "{:?}", r.findings());
    }
    assert!(name_variants_check(&flavors).findings().is_empty());
    assert!(cpu_type_check(&flavors).findings().is_empty());
}

#[test]
fn an_empty_cloud_misses_everything() {
    for r in check_mandatory(&[]).iter().chain(&check_recommended(&[])) {
        assert_outcomes(r, Outcome::Fail, Outcome::Fail);
        assert_eq!(r.findings().len(), 1);
        assert_eq!(r.findings()[0].subject, None);
    }
    let r = run(&[], "SCS-1L-1");
    assert_eq!(
        lines(&r),
        ["ERROR: scs-0103-flavor-1l-1: standard flavor `SCS-1L-1` is missing: no flavor has this \
          name or the extra spec `scs:name-v2` with this value"]
    );
}

/// Digest 13.4, first bullet.
#[test]
fn vectors_scs_1v_4() {
    let good = perfect(standard("SCS-1V-4"));
    assert_eq!(good.ram, 4096);
    assert_eq!(good.extra_specs.len(), 3);
    let r = run(std::slice::from_ref(&good), "SCS-1V-4");
    assert_outcomes(&r, Outcome::Pass, Outcome::Pass);
    assert!(r.findings().is_empty());

    let bare = Flavor::new("SCS-1V-4", 1, 4096, 0);
    let r = run(&[bare], "SCS-1V-4");
    assert_outcomes(&r, Outcome::Fail, Outcome::Fail);
    assert_eq!(
        lines(&r),
        [
            "ERROR: scs-0103-flavor-1v-4: SCS-1V-4: extra spec `scs:cpu-type` is missing, expected `shared-core`",
            "ERROR: scs-0103-flavor-1v-4: SCS-1V-4: extra spec `scs:name-v1` is missing, expected `SCS-1V:4`",
            "ERROR: scs-0103-flavor-1v-4: SCS-1V-4: extra spec `scs:name-v2` is missing, expected `SCS-1V-4`",
        ]
    );

    let cases: [(Flavor, &str); 6] = [
        (
            Flavor {
                ram: 4095,
                ..good.clone()
            },
            "ram is `4095` MiB, expected `4096` MiB (4 GiB exactly)",
        ),
        (
            Flavor {
                ram: 4097,
                ..good.clone()
            },
            "ram is `4097` MiB, expected `4096` MiB (4 GiB exactly)",
        ),
        (
            Flavor {
                vcpus: 2,
                ..good.clone()
            },
            "vcpus is `2`, expected `1`",
        ),
        (
            Flavor {
                disk: 10,
                ..good.clone()
            },
            "disk is `10` GiB, expected `0` (no root disk)",
        ),
        (
            good.clone()
                .with_extra_spec("scs:cpu-type", "dedicated-core"),
            "extra spec `scs:cpu-type` is `dedicated-core`, expected `shared-core`",
        ),
        (
            good.clone().with_extra_spec("scs:name-v1", "SCS-1V-4"),
            "extra spec `scs:name-v1` is `SCS-1V-4`, expected `SCS-1V:4`",
        ),
    ];
    for (flavor, message) in cases {
        let r = run(&[flavor], "SCS-1V-4");
        assert_outcomes(&r, Outcome::Fail, Outcome::Fail);
        assert_eq!(r.findings().len(), 1, "{message}");
        let f = &r.findings()[0];
        assert_eq!(f.severity, Severity::Error);
        assert_eq!(f.subject.as_deref(), Some("SCS-1V-4"));
        assert_eq!(f.message, message);
    }
}

/// Digest 13.4, second bullet; Q-F5 and Q-F6.
#[test]
fn lookup_by_extra_spec_and_by_real_name() {
    let m1 = Flavor {
        name: "m1.small".into(),
        ..perfect(standard("SCS-1V-4"))
    };
    let r = run(std::slice::from_ref(&m1), "SCS-1V-4");
    assert_outcomes(&r, Outcome::Pass, Outcome::Pass);
    assert_eq!(
        lines(&r),
        ["INFO: scs-0103-flavor-1v-4: m1.small: stands for the standard flavor `SCS-1V-4` through its extra spec `scs:name-v2`"]
    );

    // Q-F6: a bad flavor by name and a good one by extra spec: the extra spec wins.
    let bad = Flavor::new("SCS-1V-4", 4, 1, 0);
    let r = run(&[bad.clone(), m1.clone()], "SCS-1V-4");
    assert_outcomes(&r, Outcome::Pass, Outcome::Pass);
    assert_eq!(
        lines(&r)[1],
        "INFO: scs-0103-flavor-1v-4: SCS-1V-4: not checked: flavor `m1.small` claims this name \
         through its extra spec `scs:name-v2` and takes precedence, as in the official suite"
    );
    // ... also when the good one comes first, and the other way round.
    let r = run(&[m1.clone(), bad.clone()], "SCS-1V-4");
    assert_outcomes(&r, Outcome::Pass, Outcome::Pass);
    let bad_by_spec = bad.clone().with_extra_spec("scs:name-v2", "SCS-1V-4");
    let good_by_name = perfect(standard("SCS-1V-4"));
    let r = run(&[good_by_name.clone(), bad_by_spec.clone()], "SCS-1V-4");
    assert_outcomes(&r, Outcome::Fail, Outcome::Fail);

    // Several flavors claim the name in `scs:name-v2`: the last one counts.
    let lookup_flavors = [m1.clone(), bad_by_spec.clone()];
    let lookup = FlavorLookup::new(&lookup_flavors);
    assert!(std::ptr::eq(
        lookup.get("SCS-1V-4").unwrap(),
        &lookup_flavors[1]
    ));
    let lookup_flavors = [bad_by_spec, m1.clone()];
    let lookup = FlavorLookup::new(&lookup_flavors);
    assert!(std::ptr::eq(
        lookup.get("SCS-1V-4").unwrap(),
        &lookup_flavors[1]
    ));

    // Several flavors with the same real name and no `scs:name-v2`: the first one counts.
    let mut almost = good_by_name.clone();
    almost.extra_specs.remove("scs:name-v2");
    let twins = [almost.clone(), bad.clone()];
    assert_eq!(run(&twins, "SCS-1V-4").findings().len(), 1);
    let twins = [bad.clone(), almost];
    assert_eq!(run(&twins, "SCS-1V-4").findings().len(), 5);

    // Q-F5: a correctly named flavor whose `scs:name-v2` names another flavor is found by its
    // name, and fails on that extra spec.
    let elsewhere = good_by_name.with_extra_spec("scs:name-v2", "SCS-1V-4-10");
    let r = run(&[elsewhere], "SCS-1V-4");
    assert_outcomes(&r, Outcome::Fail, Outcome::Fail);
    assert_eq!(
        lines(&r),
        ["ERROR: scs-0103-flavor-1v-4: SCS-1V-4: extra spec `scs:name-v2` is `SCS-1V-4-10`, expected `SCS-1V-4`"]
    );

    // Only real names with the prefix `SCS-` count; the extra spec is taken as it is.
    let lookup_flavors = [
        Flavor::new("scs-1V-4", 1, 4096, 0),
        Flavor::new("x", 1, 4096, 0).with_extra_spec("scs:name-v2", "m1.tiny"),
        Flavor::new("y", 1, 4096, 0).with_extra_spec("scs:name-v1", "SCS-2V-8"),
    ];
    let lookup = FlavorLookup::new(&lookup_flavors);
    assert!(lookup.get("scs-1V-4").is_none());
    assert!(lookup.get("SCS-2V-8").is_none());
    assert_eq!(lookup.get("m1.tiny").map(|f| f.name.as_str()), Some("x"));
}

/// Digest 13.4, third bullet; Q-F3.
#[test]
fn ssd_flavor_with_nvme_passes_against_the_official_suite() {
    let good = perfect(standard("SCS-2V-4-20s"));
    assert_eq!(good.extra_specs["scs:disk0-type"], "ssd");
    assert_outcomes(
        &run(std::slice::from_ref(&good), "SCS-2V-4-20s"),
        Outcome::Pass,
        Outcome::Pass,
    );

    let nvme = good.clone().with_extra_spec("scs:disk0-type", "nvme");
    let r = run(&[nvme], "SCS-2V-4-20s");
    assert_outcomes(&r, Outcome::Pass, Outcome::Fail);
    assert!(r.diverges());
    assert_eq!(
        lines(&r),
        ["WARNING: scs-0103-flavor-2v-4-20s: SCS-2V-4-20s: extra spec `scs:disk0-type` is `nvme`, \
          which the standard allows for an SSD flavor (scs-0100 v3 allows NVMe for `s`, scs-0110 \
          lets NVMe be advertised as SSD); the official suite demands `ssd` and reports FAIL"]
    );

    // Weaker or no type fails in both readings.
    for (value, message) in [
        (
            Some("hdd"),
            "extra spec `scs:disk0-type` is `hdd`, expected `ssd` (or `nvme`)",
        ),
        (
            Some("network"),
            "extra spec `scs:disk0-type` is `network`, expected `ssd` (or `nvme`)",
        ),
        (
            Some("SSD"),
            "extra spec `scs:disk0-type` is `SSD`, expected `ssd` (or `nvme`)",
        ),
        (
            None,
            "extra spec `scs:disk0-type` is missing, expected `ssd` (or `nvme`)",
        ),
    ] {
        let mut f = perfect(standard("SCS-4V-16-100s"));
        match value {
            Some(v) => f = f.with_extra_spec("scs:disk0-type", v),
            None => {
                f.extra_specs.remove("scs:disk0-type");
            }
        }
        let r = run(&[f], "SCS-4V-16-100s");
        assert_outcomes(&r, Outcome::Fail, Outcome::Fail);
        assert_eq!(r.findings().len(), 1);
        assert_eq!(r.findings()[0].message, message);
    }
}

/// Digest 13.4, fourth bullet; Q-F2.
#[test]
fn recommended_untyped_disk_takes_any_type_against_the_official_suite() {
    let good = perfect(standard("SCS-1V-4-10"));
    assert_eq!(good.extra_specs["scs:disk0-type"], "network");
    assert_outcomes(
        &run(std::slice::from_ref(&good), "SCS-1V-4-10"),
        Outcome::Pass,
        Outcome::Pass,
    );

    for value in ["hdd", "ssd", "nvme"] {
        let f = good.clone().with_extra_spec("scs:disk0-type", value);
        let r = run(&[f], "SCS-1V-4-10");
        assert_outcomes(&r, Outcome::Pass, Outcome::Fail);
        assert_eq!(r.findings().len(), 1);
        assert_eq!(r.findings()[0].severity, Severity::Warning);
        assert_eq!(
            r.findings()[0].message,
            format!(
                "extra spec `scs:disk0-type` is `{value}`, which the standard allows (the table \
                 says any disk type); the official suite demands `network` and reports FAIL"
            )
        );
    }
    // No type, or something that is no disk type: both readings fail.
    let mut missing = good.clone();
    missing.extra_specs.remove("scs:disk0-type");
    let r = run(&[missing], "SCS-1V-4-10");
    assert_outcomes(&r, Outcome::Fail, Outcome::Fail);
    assert_eq!(
        r.findings()[0].message,
        "extra spec `scs:disk0-type` is missing, expected the disk type (`network`, `hdd`, `ssd` \
         or `nvme`; the official suite demands `network`)"
    );
    let ceph = good.with_extra_spec("scs:disk0-type", "ceph");
    assert_outcomes(&run(&[ceph], "SCS-1V-4-10"), Outcome::Fail, Outcome::Fail);
}

/// Q-F4: the text says `scs:disk0-type` is not set without a disk; the official suite does
/// not look.
#[test]
fn disk_type_on_a_diskless_flavor_is_a_warning() {
    let f = perfect(standard("SCS-2V-8"))
        .with_extra_spec("scs:disk0-type", "network")
        .with_extra_spec("scs:disk1-type", "ssd")
        .with_extra_spec("scs:disk01-type", "ssd")
        .with_extra_spec("scs:diskette", "yes");
    let r = run(&[f], "SCS-2V-8");
    assert_outcomes(&r, Outcome::Pass, Outcome::Pass);
    assert_eq!(
        lines(&r),
        [
            "WARNING: scs-0103-flavor-2v-8: SCS-2V-8: extra spec `scs:disk0-type` is `network`, but \
             this standard flavor has no root disk and the standard says not to set it; the \
             official suite does not check this",
            "WARNING: scs-0103-flavor-2v-8: SCS-2V-8: extra spec `scs:disk1-type` is `ssd`, but \
             this standard flavor has no root disk and the standard says not to set it; the \
             official suite does not check this",
        ]
    );
}

#[test]
fn several_mismatches_give_one_finding_each() {
    let f = Flavor::new("SCS-8V-32", 4, 16384, 128)
        .with_extra_spec("scs:cpu-type", "crowded-core")
        .with_extra_spec("scs:name-v1", "SCS-8V:32")
        .with_extra_spec("scs:name-v2", "SCS-8V-32")
        .with_extra_spec("unrelated", "x");
    let r = run(&[f], "SCS-8V-32");
    assert_outcomes(&r, Outcome::Fail, Outcome::Fail);
    assert_eq!(
        lines(&r),
        [
            "ERROR: scs-0103-flavor-8v-32: SCS-8V-32: vcpus is `4`, expected `8`",
            "ERROR: scs-0103-flavor-8v-32: SCS-8V-32: ram is `16384` MiB, expected `32768` MiB (32 GiB exactly)",
            "ERROR: scs-0103-flavor-8v-32: SCS-8V-32: disk is `128` GiB, expected `0` (no root disk)",
            "ERROR: scs-0103-flavor-8v-32: SCS-8V-32: extra spec `scs:cpu-type` is `crowded-core`, expected `shared-core`",
        ]
    );
    let f = Flavor::new("SCS-2V-4-20s", 2, 4096, 10)
        .with_extra_spec("scs:cpu-type", "shared-core")
        .with_extra_spec("scs:name-v1", "SCS-2V:4:20s")
        .with_extra_spec("scs:name-v2", "SCS-2V-4-20s")
        .with_extra_spec("scs:disk0-type", "nvme");
    let r = run(&[f], "SCS-2V-4-20s");
    assert_outcomes(&r, Outcome::Fail, Outcome::Fail);
    assert_eq!(
        r.findings().iter().map(|f| f.severity).collect::<Vec<_>>(),
        [Severity::Error, Severity::Warning]
    );
    assert_eq!(
        r.findings()[0].message,
        "disk is `10` GiB, expected `20` GiB"
    );
}

/// Digest 13.4, last bullet: the defects of the official suite's fixture
/// `Tests/testing/scs-0103-v1-flavors-wrong.yaml`, rebuilt here (RAM in MiB).
#[test]
fn the_official_wrong_fixture_fails_where_it_should() {
    let mut flavors: Vec<Flavor> = sf::all().map(perfect).collect();
    let by_name = |flavors: &mut Vec<Flavor>, name: &str| -> usize {
        flavors.iter().position(|f| f.name == name).unwrap()
    };
    type Defect = (&'static str, fn(&mut Flavor));
    let defects: [Defect; 7] = [
        ("SCS-1V-4", |f| {
            f.extra_specs
                .insert("scs:cpu-type".into(), "crowded-core".into());
        }),
        ("SCS-2V-8", |f| {
            f.extra_specs
                .insert("scs:name-v1".into(), "SCS-2V-8".into());
        }),
        ("SCS-4V-16", |f| f.ram = 12 * 1024),
        ("SCS-8V-32", |f| f.disk = 128),
        ("SCS-1V-2", |f| f.vcpus = 2),
        ("SCS-2V-4-20s", |f| {
            f.extra_specs.remove("scs:disk0-type");
        }),
        ("SCS-4V-16-100s", |f| f.disk = 10),
    ];
    for (name, defect) in defects {
        let i = by_name(&mut flavors, name);
        defect(&mut flavors[i]);
    }
    // Its recommended flavors with a disk come without `scs:disk0-type`.
    for f in flavors
        .iter_mut()
        .filter(|f| f.disk > 0 && !f.name.ends_with('s'))
    {
        f.extra_specs.remove("scs:disk0-type");
    }
    let broken: Vec<&str> = defects.iter().map(|(n, _)| *n).collect();
    for r in check_mandatory(&flavors) {
        let name = StandardFlavor::by_id(r.id().as_str()).unwrap().name;
        if broken.contains(&name) {
            assert_outcomes(&r, Outcome::Fail, Outcome::Fail);
            assert_eq!(r.findings().len(), 1, "{name}");
        } else {
            assert_outcomes(&r, Outcome::Pass, Outcome::Pass);
        }
    }
    for r in check_recommended(&flavors) {
        let s = StandardFlavor::by_id(r.id().as_str()).unwrap();
        if s.disk.is_some() {
            assert_outcomes(&r, Outcome::Fail, Outcome::Fail);
        } else {
            assert_outcomes(&r, Outcome::Pass, Outcome::Pass);
        }
    }
}

#[test]
fn check_ids_runs_the_given_testcases_or_names_the_unknown_one() {
    let flavors = [perfect(standard("SCS-1L-1"))];
    let results = check_ids(
        &flavors,
        ["scs-0103-flavor-1l-1", "scs-0103-flavor-16v-128"],
    )
    .unwrap();
    assert_eq!(
        results
            .iter()
            .map(|r| (r.id().as_str(), r.outcome()))
            .collect::<Vec<_>>(),
        [
            ("scs-0103-flavor-1l-1", Outcome::Pass),
            ("scs-0103-flavor-16v-128", Outcome::Fail)
        ]
    );
    let all: Vec<String> = sf::all().map(|f| f.id.to_owned()).collect();
    assert_eq!(check_ids(&flavors, &all).unwrap().len(), 31);
    assert!(check_ids(&flavors, Vec::<&str>::new()).unwrap().is_empty());

    for unknown in [
        "scs-0103-flavor-1v-4-20s",
        "scs-0103-flavor-1V-4",
        "scs_0103_flavor_1v_4",
        "",
    ] {
        let err = check_ids(&flavors, ["scs-0103-flavor-1v-4", unknown]).unwrap_err();
        assert_eq!(
            err,
            UnknownTestcaseId {
                id: unknown.to_owned()
            }
        );
        assert_eq!(
            err.to_string(),
            format!("unknown scs-0103 testcase id `{unknown}`")
        );
    }
}

/// Performance guard: the lookup is built once and each testcase is a hash lookup, so a large
/// cloud costs linear time (a quadratic implementation would take minutes here in debug builds).
#[test]
fn large_clouds_are_linear() {
    let n = 50_000;
    let mut flavors: Vec<Flavor> = (0..n)
        .map(|i| {
            Flavor::new(format!("SCS-{}V-{}", i % 64 + 1, i % 7 + 1), 1, 1024, 0)
                .with_extra_spec("scs:name-v2", format!("custom-{i}"))
                .with_extra_spec("scs:cpu-type", "shared-core")
        })
        .collect();
    flavors.extend(sf::all().map(perfect));
    let start = std::time::Instant::now();
    let lookup = FlavorLookup::new(&flavors);
    let results = lookup.check_all(&MANDATORY);
    let _ = name_variants_check(&flavors);
    let _ = cpu_type_check(&flavors);
    assert!(start.elapsed().as_secs() < 60);
    assert!(results.iter().all(|r| r.outcome() == Outcome::Pass));
    assert_eq!(
        lookup.get("custom-49999").map(|f| f.name.as_str()),
        Some("SCS-16V-6")
    );
}

// ---------------------------------------------------------------------------------------------
// Beyond the official suite (R0103-5, R0103-6)

#[test]
fn name_variants_must_name_this_flavor() {
    let flavors = [
        // A v3 and a v1 name, both fine; underpromising is allowed.
        Flavor::new("custom-a", 4, 8192, 50)
            .with_extra_spec("scs:name-v1", "SCS-2V:8:20")
            .with_extra_spec("scs:name-v7", "SCS-4V-8-50s"),
        // Only v1 names: info.
        Flavor::new("custom-b", 2, 4096, 0).with_extra_spec("scs:name-v1", "SCS-2V:4"),
        // Not SCS, invalid, bad keys.
        Flavor::new("custom-c", 2, 4096, 0)
            .with_extra_spec("scs:name-v1", "m1.medium")
            .with_extra_spec("scs:name-v2", "SCS-2iV-4")
            .with_extra_spec("scs:name-v0", "SCS-2V-4")
            .with_extra_spec("scs:name-vx", "SCS-2V-4")
            .with_extra_spec("scs:name-v3", "SCS-2V-4"),
        // Overpromises in every figure.
        Flavor::new("SCS-2V-4-10", 2, 4044, 10)
            .with_extra_spec("scs:name-v2", "SCS-2V-4-10")
            .with_extra_spec("scs:name-v3", "SCS-4V-4-20"),
        // RAM within scs-0100's tolerance; a disk part without size promises no size.
        Flavor::new("custom-d", 2, 4045, 0)
            .with_extra_spec("scs:name-v1", "SCS-2V-4")
            .with_extra_spec("scs:name-v2", "SCS-2V-4-n"),
        // No name variants at all: nothing to say.
        Flavor::new("plain", 1, 1, 0),
    ];
    let r = name_variants_check(&flavors);
    assert_eq!(r.id().as_str(), "scs-validators:scs-0103-name-variants");
    assert_eq!(*r.id(), sf::NAME_VARIANTS);
    // not an official testcase: the official suite would report ABORT for this id
    assert_outcomes(&r, Outcome::Pass, Outcome::Abort);
    let id = "scs-validators:scs-0103-name-variants";
    assert_eq!(
        lines(&r),
        [
            format!("INFO: {id}: custom-b: none of the `scs:name-vN` extra specs is a name in the syntax of the latest stable naming standard (scs-0100 v3); the standard recommends including one"),
            format!("WARNING: {id}: custom-c: extra spec key `scs:name-v0` is not of the form `scs:name-vN` with N a positive integer"),
            format!("WARNING: {id}: custom-c: extra spec `scs:name-v1` is `m1.medium`, which is not an SCS flavor name (it does not start with `SCS-`)"),
            format!("WARNING: {id}: custom-c: extra spec `scs:name-v2`: invalid flavor name `SCS-2iV-4`: at byte 5: expected CPU type (L, V, T, C), found `i`"),
            format!("WARNING: {id}: custom-c: extra spec key `scs:name-vx` is not of the form `scs:name-vN` with N a positive integer"),
            format!("WARNING: {id}: SCS-2V-4-10: extra spec `scs:name-v2` is `SCS-2V-4-10`, which promises 4 GiB of RAM (4096 MiB); the flavor has 4044 MiB"),
            format!("WARNING: {id}: SCS-2V-4-10: extra spec `scs:name-v3` is `SCS-4V-4-20`, which promises 4 vCPUs; the flavor has 2"),
            format!("WARNING: {id}: SCS-2V-4-10: extra spec `scs:name-v3` is `SCS-4V-4-20`, which promises 4 GiB of RAM (4096 MiB); the flavor has 4044 MiB"),
            format!("WARNING: {id}: SCS-2V-4-10: extra spec `scs:name-v3` is `SCS-4V-4-20`, which promises a root disk of 20 GB; the flavor has 10 GiB"),
        ]
    );
}

#[test]
fn cpu_type_must_not_be_weaker_than_the_names() {
    let flavors = [
        // Stronger than promised: fine.
        Flavor::new("SCS-2V-4", 2, 4096, 0).with_extra_spec("scs:cpu-type", "dedicated-core"),
        // The flavor's own name.
        Flavor::new("SCS-2T-4", 2, 4096, 0).with_extra_spec("scs:cpu-type", "shared-core"),
        // The strongest of several names; v1 names count; invalid ones and bad keys do not.
        Flavor::new("custom", 2, 4096, 0)
            .with_extra_spec("scs:cpu-type", "crowded-core")
            .with_extra_spec("scs:name-v1", "SCS-2T:4")
            .with_extra_spec("scs:name-v2", "SCS-2V-4")
            .with_extra_spec("scs:name-v3", "SCS-2C:4")
            .with_extra_spec("scs:name-v4", "SCS-2C-4-x")
            .with_extra_spec("scs:name-v0", "SCS-2C-4"),
        // Unknown value.
        Flavor::new("odd", 2, 4096, 0).with_extra_spec("scs:cpu-type", "Shared-Core"),
        // Consistent, and no extra spec at all.
        Flavor::new("SCS-1L-1", 1, 1024, 0).with_extra_spec("scs:cpu-type", "crowded-core"),
        Flavor::new("SCS-2C-4", 2, 4096, 0),
    ];
    let r = cpu_type_check(&flavors);
    assert_eq!(*r.id(), sf::CPU_TYPE);
    assert_outcomes(&r, Outcome::Pass, Outcome::Abort);
    let id = "scs-validators:scs-0103-cpu-type";
    assert_eq!(
        lines(&r),
        [
            format!("WARNING: {id}: SCS-2T-4: extra spec `scs:cpu-type` is `shared-core`, weaker than the CPU type `T` (dedicated-thread) that the flavor name `SCS-2T-4` promises"),
            format!("WARNING: {id}: custom: extra spec `scs:cpu-type` is `crowded-core`, weaker than the CPU type `C` (dedicated-core) that extra spec `scs:name-v3` = `SCS-2C:4` promises"),
            format!("WARNING: {id}: odd: extra spec `scs:cpu-type` is `Shared-Core`, which is none of `crowded-core`, `shared-core`, `dedicated-thread`, `dedicated-core`"),
        ]
    );
}
