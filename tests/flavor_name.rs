//! scs-0100 flavor names through the public API: the standard texts' examples, error
//! messages, the divergences from the official suite, and the testcases.

use scs_validators::flavor_name::official::{self, OfficialVerdict};
use scs_validators::flavor_name::{
    self, classify, Compliance, CpuType, CpuVendor, DiskType, ErrorKind, FlavorName, GpuGeneration,
    GpuKind, GpuVendor, Hypervisor, Ram,
};
use scs_validators::input::Flavor;
use scs_validators::report::{Outcome, Severity};

#[track_caller]
fn parse(name: &str) -> FlavorName {
    match FlavorName::parse(name) {
        Ok(n) => n,
        Err(e) => panic!("{name} should parse: {e}"),
    }
}

#[track_caller]
fn error(name: &str) -> String {
    match FlavorName::parse(name) {
        Ok(n) => panic!("{name} should not parse, got {n:?}"),
        Err(e) => e.to_string(),
    }
}

/// scs-0100 v3, section "Complete Proposal for systematic flavor naming" and the examples
/// throughout the text (digest 13.1): every valid example is canonical.
const V3_VALID_EXAMPLES: &[&str] = &[
    "SCS-2C-4-10n",
    "SCS-8Ti-32-50p_i1",
    "SCS-1L-1u-5",
    "SCS-16T-64-200s_GNa-72-24_ib",
    "SCS-4C-16-2x200p_a1",
    "SCS-1V-0.5",
    "SCS-16V-64-500s_GNa-14-6h",
    "SCS-2T-4-10n",
    "SCS-2V-4-10n",
    "SCS-2L-4-10n",
    "SCS-2Li-4-10n",
    "SCS-2C-3.5-10n",
    "SCS-2C-4u-10n",
    "SCS-2C-4o-10n",
    "SCS-2C-4uo-10n",
    "SCS-2C-4-10s",
    "SCS-2C-4-10s_bms_z3",
    "SCS-2C-4-3x10s",
    "SCS-2C-4-3x10s_bms_z3",
    "SCS-2C-4-10",
    "SCS-2C-4-10_bms_z3",
    "SCS-2C-4-n",
    "SCS-2C-4-",
    "SCS-2C-4-_bms_z3",
    "SCS-2C-4-_bms_z3h_GNa-64_ib",
    "SCS-2C-4-_ib",
    "SCS-2C-4",
    "SCS-2C-4_bms_z3",
    "SCS-2C-4-3x10",
    "SCS-2C-4-10n_bms",
    "SCS-2C-4-10n_bms_z3h",
    "SCS-2C-4-10_kvm_hwv",
    "SCS-2C-4-10_hwv",
    "SCS-2C-4-10_bms_hwv",
    "SCS-2C-4-10n_z",
    "SCS-2C-4-10n_z3",
    "SCS-2C-4-10n_z3h",
    "SCS-2C-4-10n_z3hh",
    "SCS-2C-4-10n_bms_z",
    "SCS-2C-4-10n_bms_z3",
    "SCS-2C-4-10n_bms_z3h",
    "SCS-2C-4-10n_bms_z3hh",
    "SCS-1C-1.5-8s",
    "SCS-1T-1-5n",
    "SCS-1V-1-5",
    "SCS-2V-4-20s",
    "SCS-2V-4-20p",
    "SCS-8T-16-50",
    "SCS-8T-16-50n",
    "SCS-8T-16-50n_i2",
    "SCS-8T-16-50n_z2",
    "SCS-4V-16-50",
    "SCS-8V-32-100",
    // scs-0100-w1, GPU table (a selection)
    "SCS-16V-64-500s_GNa-108h-80h",
    "SCS-4V-16_GNl-142hh-48",
    "SCS-4V-16_GA3-304-192h",
    "SCS-4V-16_GA3.1-96-48",
    "SCS-4V-16_GI4-160-24",
    "SCS-4V-16_GNu-160-288h",
    "SCS-4V-16_gNb-47-24",
];

#[test]
fn v3_examples_are_valid_and_canonical() {
    for name in V3_VALID_EXAMPLES {
        let n = parse(name);
        assert_eq!(n.to_string(), *name, "canonical form of {name}");
        assert!(FlavorName::is_valid(name));
        assert!(matches!(classify(name), Compliance::Valid(_)), "{name}");
        assert_eq!(official::classify(name), OfficialVerdict::Valid, "{name}");
    }
}

#[test]
fn v3_example_decodings() {
    // `SCS-2C-4-10n`: 2 dedicated cores, 4 GiB, 10 GB network disk.
    let n = parse("SCS-2C-4-10n");
    assert_eq!(
        (n.cpus(), n.cpu_type(), n.ram()),
        (2, CpuType::DedicatedCore, Ram::gib(4).unwrap())
    );
    let d = n.disk().unwrap();
    assert_eq!(
        (d.count.get(), d.size.map(|s| s.get()), d.kind),
        (1, Some(10), Some(DiskType::Network))
    );

    // `SCS-8Ti-32-50p_i1`: 8 insecure dedicated threads, Intel Skylake, NVMe.
    let n = parse("SCS-8Ti-32-50p_i1");
    assert!(n.insecure());
    assert_eq!(n.cpu_type(), CpuType::DedicatedThread);
    let a = n.cpu_arch().unwrap();
    assert_eq!(
        (a.vendor, a.generation.map(|g| g.get()), a.frequency),
        (CpuVendor::Intel, Some(1), 0)
    );
    assert_eq!(n.disk().unwrap().kind, Some(DiskType::Nvme));

    // `SCS-1L-1u-5`: crowded core, 1 GiB without ECC, 5 GB disk of any type.
    let n = parse("SCS-1L-1u-5");
    assert!(n.no_ecc() && !n.oversubscribed());
    assert_eq!(n.disk().unwrap().kind, None);

    // `SCS-16T-64-200s_GNa-72-24_ib`: GPU pass-through nVidia Ampere, 72 SMs, 24 GiB; IB.
    let n = parse("SCS-16T-64-200s_GNa-72-24_ib");
    let g = n.gpu().unwrap();
    assert_eq!(g.kind, GpuKind::PassThrough);
    assert_eq!(g.vendor, GpuVendor::Nvidia);
    assert_eq!(g.generation, Some(GpuGeneration::NvidiaAmpere));
    assert_eq!(g.compute_units.map(|c| c.get()), Some(72));
    assert_eq!(g.vram.map(|v| v.get()), Some(24));
    assert!(n.infiniband());

    // `SCS-4C-16-2x200p_a1`: two 200 GB NVMe disks, ARM A76 class.
    let n = parse("SCS-4C-16-2x200p_a1");
    assert_eq!(n.disk().unwrap().count.get(), 2);
    assert_eq!(n.cpu_arch().unwrap().vendor, CpuVendor::Arm);

    // `SCS-1V-0.5`: half a GiB, no disk.
    let n = parse("SCS-1V-0.5");
    assert_eq!(n.ram().half_gib(), 1);
    assert_eq!(n.disk(), None);

    // `SCS-16V-64-500s_GNa-14-6h`: a quarter A30: 14 SMs, 6 GiB HBM.
    let g = parse("SCS-16V-64-500s_GNa-14-6h").gpu().unwrap();
    assert_eq!((g.compute_units.map(|c| c.get()), g.vram_h), (Some(14), 1));

    // `SCS-2C-4-` and `SCS-2C-4-n`: a disk sized by the cloud.
    assert_eq!(parse("SCS-2C-4-").disk().unwrap().size, None);
    assert_eq!(
        parse("SCS-2C-4-n").disk().unwrap().kind,
        Some(DiskType::Network)
    );

    // `SCS-2C-4-10n_bms_z3hh`: bare metal AMD Milan above 3.25 GHz.
    let n = parse("SCS-2C-4-10n_bms_z3hh");
    assert_eq!(n.hypervisor(), Some(Hypervisor::BareMetal));
    assert_eq!(n.cpu_arch().unwrap().frequency, 2);
    assert!(parse("SCS-2C-4-10_kvm_hwv").hardware_virtualization());
}

#[test]
fn invalid_examples_with_full_messages() {
    let cases = [
        // v3 text, invalid examples
        ("SCS-2-4-10n", "invalid flavor name `SCS-2-4-10n`: at byte 5: expected CPU type (L, V, T, C), found `-`"),
        ("SCS-2iT-4-10n", "invalid flavor name `SCS-2iT-4-10n`: at byte 5: expected CPU type (L, V, T, C), found `i`"),
        ("SCS-2iT-4", "invalid flavor name `SCS-2iT-4`: at byte 5: expected CPU type (L, V, T, C), found `i`"),
        ("SCS-2C-4ou-10n", "invalid flavor name `SCS-2C-4ou-10n`: at byte 9: expected disk part (`-`), extension (`_`) or end of name, found `u`"),
        ("SCS-2C-4-1.5n", "invalid flavor name `SCS-2C-4-1.5n`: at byte 10: expected extension (`_`) or end of name, found `.`"),
        ("SCS-2C-4-10_hwv_xen", "invalid flavor name `SCS-2C-4-10_hwv_xen`: at byte 16: expected CPU architecture (i, z, a, r), GPU (G, g) or `ib`, found `x`"),
        // listed as valid in the texts, invalid by every grammar (digest 12.5)
        ("SCS-2C-4-n_bms_3", "invalid flavor name `SCS-2C-4-n_bms_3`: at byte 15: expected `hwv`, CPU architecture (i, z, a, r), GPU (G, g) or `ib`, found `3`"),
        // numbers, tables, `h`
        ("SCS-99999999999C-4", "invalid flavor name `SCS-99999999999C-4`: at byte 4: number too large: `99999999999` exceeds 4294967295"),
        ("SCS-0C-4", "invalid flavor name `SCS-0C-4`: at byte 4: expected a positive number of CPUs, found `0`"),
        ("SCS-2C-1.25", "invalid flavor name `SCS-2C-1.25`: at byte 7: expected RAM in GiB as a multiple of 0.5, found `1.25`"),
        ("SCS-2C-", "invalid flavor name `SCS-2C-`: at byte 7: expected RAM in GiB (such as 4 or 0.5), found end of name"),
        ("SCS-2C-4_a6", "invalid flavor name `SCS-2C-4_a6`: at byte 10: expected a generation of CPU vendor `a` (0 to 5), found `6`"),
        ("SCS-2C-4_r1", "invalid flavor name `SCS-2C-4_r1`: at byte 10: expected a generation of CPU vendor `r` (0 to 0), found `1`"),
        ("SCS-2C-4_z3hhhh", "invalid flavor name `SCS-2C-4_z3hhhh`: at byte 11: expected at most 3 `h` after the CPU generation, found `hhhh`"),
        ("SCS-2C-4_GA5", "invalid flavor name `SCS-2C-4_GA5`: at byte 11: expected a generation of GPU vendor `A` (0.4, 0.5, 1, 1.1, 2, 2.1, 3, 3.1, 3.5, 4, 4.1, 5.1), found `5`"),
        ("SCS-2C-4_GNa-64hhh", "invalid flavor name `SCS-2C-4_GNa-64hhh`: at byte 15: expected at most 2 `h` after the compute units, found `hhh`"),
        ("SCS-2C-4_z3x", "invalid flavor name `SCS-2C-4_z3x`: at byte 11: expected `_` or end of name after the CPU architecture, found `x`"),
        ("SCS-2C-4_", "invalid flavor name `SCS-2C-4_`: at byte 9: expected hypervisor (kvm, chy, xen, vmw, hyv, bms), `hwv`, CPU architecture (i, z, a, r), GPU (G, g) or `ib`, found end of name"),
        ("SCS-2C-4\n", "invalid flavor name `SCS-2C-4\\n`: at byte 8: expected disk part (`-`), extension (`_`) or end of name, found `\\n`"),
        ("SCS-2c-4", "invalid flavor name `SCS-2c-4`: at byte 5: expected CPU type (L, V, T, C), found `c`"),
        ("SCS-2C-4_ib_ib", "invalid flavor name `SCS-2C-4_ib_ib`: at byte 11: expected end of name, found `_`"),
        ("scs-2C-4", "invalid flavor name `scs-2C-4`: at byte 0: expected prefix `SCS-`, found `s`"),
        // the divergences (see below)
        ("SCS-2C-4-x10", "invalid flavor name `SCS-2C-4-x10`: at byte 9: expected the number of disks before `x`, found `x`"),
        ("SCS-2C-4_GNah-64", "invalid flavor name `SCS-2C-4_GNah-64`: at byte 13: expected a compute-unit count before the VRAM size (`h` right after the GPU generation cannot be followed by `-N`), found `-64`"),
    ];
    for (name, message) in cases {
        assert_eq!(error(name), message, "{name}");
        assert!(!FlavorName::is_valid(name));
    }
    // v1 names fail in v3 syntax and get the v1 parser's error where that says more.
    let Compliance::Invalid(e) = classify("SCS-2C:4:1.5n") else {
        panic!("SCS-2C:4:1.5n should be invalid")
    };
    assert_eq!(
        e.to_string(),
        "invalid flavor name `SCS-2C:4:1.5n`: at byte 10: expected extension (`-`) or end of name, found `.`"
    );
    assert_eq!(e.offset(), 10);
}

#[test]
fn never_panics_on_hostile_input() {
    let huge = format!("SCS-2C-{}", "9".repeat(1 << 20));
    assert_eq!(
        FlavorName::parse(&huge).unwrap_err().kind(),
        ErrorKind::NumberTooLarge
    );
    assert!(FlavorName::parse(&huge).unwrap_err().to_string().len() < 600);
    let digits = format!("SCS-{}1C-4", "0".repeat(4300));
    assert_eq!(
        FlavorName::parse(&digits).unwrap_err().kind(),
        ErrorKind::TooManyDigits
    );
    for s in [
        "",
        "S",
        "SCS",
        "SCS-",
        "SCS-\0",
        "SCS-２C-4",
        "SCS-2C-4_GNä",
        "SCS-2C-4-10n_",
        "SCS-.C-.",
        "SCS-2C-.",
        "SCS-2C-4-xx",
    ] {
        assert!(FlavorName::parse(s).is_err(), "{s:?}");
        let _ = classify(s);
        let _ = official::classify(s);
        let _ = flavor_name::assess(s);
    }
    assert_eq!(
        error("SCS-2C-4_GNä"),
        "invalid flavor name `SCS-2C-4_GNä`: at byte 11: expected a generation of GPU vendor `N` (f, k, m, p, v, t, a, l, g, b, u), found `ä`"
    );
}

/// The v1 text's examples and their v2 equivalents (digest 13.1).
const V1_PAIRS: &[(&str, &str)] = &[
    ("SCS-2C:4:10n", "SCS-2C-4-10n"),
    ("SCS-8Ti:32:50p-i1", "SCS-8Ti-32-50p_i1"),
    ("SCS-1L:1u:5", "SCS-1L-1u-5"),
    ("SCS-16T:64:200s-GNa:64-ib", "SCS-16T-64-200s_GNa-64_ib"),
    ("SCS-4C:16:2x200p-a1", "SCS-4C-16-2x200p_a1"),
    ("SCS-1V:0.5", "SCS-1V-0.5"),
    ("SCS-2C:4:", "SCS-2C-4-"),
    ("SCS-2C:4:-bms-z3h-GNa:64-ib", "SCS-2C-4-_bms_z3h_GNa-64_ib"),
    ("SCS-2C:4-bms-z3", "SCS-2C-4_bms_z3"),
];

#[test]
fn v1_names_map_to_v2_and_are_tolerated() {
    for (v1, v2) in V1_PAIRS {
        let a = FlavorName::parse_v1(v1).unwrap();
        let b = parse(v2);
        assert_eq!(a, b, "{v1} vs {v2}");
        assert_eq!(b.v1().to_string(), *v1);
        assert_eq!(a.to_string(), *v2);
        assert_eq!(classify(v1), Compliance::Tolerated(b));
        assert_eq!(official::classify(v1), OfficialVerdict::Tolerated);
        let findings = flavor_name::assess(v1).findings;
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].severity, Severity::Warning);
        assert_eq!(
            findings[0].message,
            format!("v1 syntax is merely tolerated; v3 spelling: `{v2}`")
        );
    }
    // v1 does not know `chy`.
    assert!(FlavorName::parse_v1("SCS-2C:4-chy").is_err());
    assert!(FlavorName::parse("SCS-2C-4_chy").is_ok());
}

#[test]
fn canonical_forms_follow_the_official_outputter() {
    for (input, canonical) in [
        ("SCS-02C-4", "SCS-2C-4"),
        ("SCS-2C-4_z0", "SCS-2C-4_z"),
        ("SCS-2C-4_z00", "SCS-2C-4_z"),
        ("SCS-2C-4-1x10", "SCS-2C-4-10"),
        ("SCS-2C-4.0", "SCS-2C-4"),
        ("SCS-2C-4.", "SCS-2C-4"),
        ("SCS-2C-.5", "SCS-2C-0.5"),
        ("SCS-2C-00.5", "SCS-2C-0.5"),
        ("SCS-2C-4_GNa-064", "SCS-2C-4_GNa-64"),
        ("SCS-2C-4-010", "SCS-2C-4-10"),
        ("SCS-2C-4_z01", "SCS-2C-4_z1"),
    ] {
        assert_eq!(parse(input).to_string(), canonical, "{input}");
        let findings = flavor_name::assess(input).findings;
        assert_eq!(
            findings[0].message,
            format!("accepted, but not in canonical form; canonical: `{canonical}`")
        );
    }
}

#[test]
fn quirks_where_the_standard_follows_the_official_suite() {
    // digest 1.8: accepted by both readings
    for name in [
        "SCS-2C-4_GNah",
        "SCS-2C-4_GN-64",
        "SCS-2C-4_GNa-64-24hh",
        "SCS-2C-4_GI0.95",
        "SCS-2C-4_ih",
        "SCS-2C-4-3x",
        "SCS-2C-4-3xn",
        "SCS-2C-4-3xs",
        "SCS-2C-10.5",
        "SCS-99C-4",
        "SCS-4294967295C-4294967295.5-4294967295x4294967295s",
    ] {
        assert!(matches!(classify(name), Compliance::Valid(_)), "{name}");
        assert_eq!(official::classify(name), OfficialVerdict::Valid, "{name}");
    }
    // rejected by both readings
    for name in [
        "SCS-2C-4_GA0.3",
        "SCS-2C-4_GI5",
        "SCS-2C-4_GNx",
        "SCS-2C-4_GNa--24",
        "SCS-2C-4_a6",
        "SCS-2C-4_z7",
        "SCS-2C-4-3x-",
        "SCS-2C-4-0",
        "SCS-2C-4-0x10",
        "SCS-2C-0",
        "SCS-2C-",
        "SCS-2C-4_KVM",
        "SCS-2C-4-10N",
        "SCS-2C-4 ",
        "SCS-2C-4_r1",
    ] {
        assert!(matches!(classify(name), Compliance::Invalid(_)), "{name}");
        assert_eq!(official::classify(name), OfficialVerdict::Invalid, "{name}");
    }
    for name in ["scs-2c-4", "Scs-2C-4", " SCS-2C-4", ""] {
        assert_eq!(classify(name), Compliance::NotScs);
        assert_eq!(official::classify(name), OfficialVerdict::NotScs);
    }
}

#[test]
fn divergences_from_the_official_suite_are_pinned() {
    // (name, standard verdict, official verdict)
    let cases = [
        ("SCS-2C-4_GNa_ib", "valid", OfficialVerdict::Invalid),
        ("SCS-2C-4_GN_ib", "valid", OfficialVerdict::Invalid),
        ("SCS-2C-4-_GNa_ib", "valid", OfficialVerdict::Invalid),
        ("SCS-2C-4_GA3.1_ib", "valid", OfficialVerdict::Invalid),
        ("SCS-2C:4-GNa-ib", "tolerated", OfficialVerdict::Invalid),
        ("SCS-2C-4_GNah-64", "invalid", OfficialVerdict::Valid),
        ("SCS-2C-4_GNahh-64h", "invalid", OfficialVerdict::Valid),
        ("SCS-2C-4-x10", "invalid", OfficialVerdict::Valid),
        ("SCS-2C-4-x", "invalid", OfficialVerdict::Valid),
        (
            "SCS-2C-0.50000000000000001",
            "invalid",
            OfficialVerdict::Valid,
        ),
        (
            "SCS-2C-4.0000000000000000001",
            "invalid",
            OfficialVerdict::Valid,
        ),
        (
            "SCS-99999999999999999999C-4",
            "invalid",
            OfficialVerdict::Valid,
        ),
        ("SCS-2C-4294967296", "invalid", OfficialVerdict::Valid),
    ];
    for (name, standard, official_verdict) in cases {
        let a = flavor_name::assess(name);
        assert_eq!(a.compliance.verdict(), standard, "{name}");
        assert_eq!(a.official, official_verdict, "{name}");
        assert!(
            a.findings
                .iter()
                .any(|f| f.severity == Severity::Warning && f.message.contains("official suite")),
            "{name}: {:?}",
            a.findings
        );
    }
    // RAM of about 9e307 GiB or more crashes the official suite.
    let huge = format!("SCS-2C-{}", "9".repeat(310));
    assert_eq!(official::classify(&huge), OfficialVerdict::Abort);
    assert_eq!(flavor_name::assess(&huge).compliance.verdict(), "invalid");
    let report = flavor_name::check(&[Flavor::new(huge, 2, 4096, 0)]);
    assert_eq!(report.results[0].outcome(), Outcome::Fail);
    assert_eq!(report.results[0].official(), Outcome::Abort);
    assert_eq!(report.results[1].official(), Outcome::Abort);
    // ... but in v1 spelling the official suite swallows the crash: invalid.
    let huge_v1 = format!("SCS-2C:{}", "9".repeat(310));
    assert_eq!(official::classify(&huge_v1), OfficialVerdict::Invalid);
}

fn semantics(
    name: &str,
    vcpus: u64,
    ram: u64,
    disk: u64,
) -> (Outcome, Outcome, Vec<(Severity, String)>) {
    let r = flavor_name::semantics_check(&[Flavor::new(name, vcpus, ram, disk)]);
    let findings = r
        .findings()
        .iter()
        .map(|f| (f.severity, f.message.clone()))
        .collect();
    (r.outcome(), r.official(), findings)
}

#[test]
fn semantics_vectors() {
    use Outcome::{Abort, Fail, Pass};
    // digest 13.1, semantics table: (name, vcpus, ram MiB, disk GiB, standard, official)
    let cases = [
        ("SCS-2C-4", 2, 4096, 0, Pass, Pass),
        ("SCS-2C-4", 1, 4096, 0, Fail, Fail),
        ("SCS-2C-4", 4, 4096, 0, Pass, Pass),
        ("SCS-2C-4", 2, 4045, 0, Pass, Pass),
        ("SCS-2C-4", 2, 4044, 0, Fail, Fail),
        ("SCS-2C-4", 2, 4148, 0, Pass, Pass),
        ("SCS-1V-0.5", 1, 461, 0, Pass, Pass),
        ("SCS-1V-0.5", 1, 460, 0, Fail, Fail),
        ("SCS-2C-10.5", 2, 10752, 0, Pass, Pass),
        ("SCS-2C-4-10", 2, 4096, 9, Fail, Fail),
        ("SCS-2C-4-10", 2, 4096, 20, Pass, Pass),
        ("SCS-2C-4-3x10", 2, 4096, 10, Pass, Pass),
        ("SCS-2C-4-", 2, 4096, 0, Pass, Abort),
        ("SCS-2C-4-n", 2, 4096, 50, Pass, Abort),
        ("SCS-2C-4-3x", 2, 4096, 50, Pass, Abort),
        ("SCS-2C:4:10", 2, 4096, 10, Pass, Pass),
        ("SCS-2C:4:10", 2, 4096, 5, Fail, Fail),
    ];
    for (name, vcpus, ram, disk, standard, official_outcome) in cases {
        let (s, o, findings) = semantics(name, vcpus, ram, disk);
        assert_eq!(
            (s, o),
            (standard, official_outcome),
            "{name} {vcpus}/{ram}/{disk}: {findings:?}"
        );
    }
    let (_, _, f) = semantics("SCS-2C-4", 1, 4096, 0);
    assert_eq!(
        f,
        [(
            Severity::Error,
            "CPU overpromise: the name promises 2 vCPUs, the flavor has 1".to_owned()
        )]
    );
    let (_, _, f) = semantics("SCS-2C-4", 2, 4044, 0);
    assert_eq!(
        f,
        [(
            Severity::Error,
            "RAM overpromise: the name promises 4 GiB (4096 MiB), the flavor has 4044 MiB"
                .to_owned()
        )]
    );
    let (_, _, f) = semantics("SCS-2C-4", 2, 4045, 0);
    assert_eq!(f, [(Severity::Warning, "RAM slightly below the promise: the name promises 4 GiB (4096 MiB), the flavor has 4045 MiB (within the tolerance of 51 MiB)".to_owned())]);
    let (_, _, f) = semantics("SCS-2C-4-10", 2, 4096, 9);
    assert_eq!(
        f,
        [(
            Severity::Error,
            "disk overpromise: the name promises 10 GB, the flavor has 9 GiB".to_owned()
        )]
    );
    let (_, _, f) = semantics("SCS-2C-10.5", 2, 10752, 0);
    assert_eq!(f[0].0, Severity::Info);
    assert!(f[0].1.starts_with("discouraged RAM size 10.5 GiB"));
    let (_, _, f) = semantics("SCS-2C-4-", 2, 4096, 0);
    assert_eq!(f.len(), 1);
    assert!(f[0]
        .1
        .starts_with("the official suite crashes on this flavor"));
    // Invalid names are left to the syntax check.
    let (s, o, f) = semantics("SCS-2iT-4", 1, 1, 0);
    assert_eq!((s, o, f.len()), (Pass, Pass, 0));
}

#[test]
fn semantics_warns_when_extra_specs_contradict_the_name() {
    let flavor = Flavor::new("SCS-2V-4-20s", 2, 4096, 20)
        .with_extra_spec("scs:cpu-type", "crowded-core")
        .with_extra_spec("scs:disk0-type", "hdd");
    let r = flavor_name::semantics_check(&[flavor]);
    assert_eq!(r.outcome(), Outcome::Pass);
    let messages: Vec<&str> = r.findings().iter().map(|f| f.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "the name promises CPU type `V` (shared-core), but extra spec `scs:cpu-type` says `crowded-core`",
            "the name promises disk type `s` (ssd), but extra spec `scs:disk0-type` says `hdd`",
        ]
    );
    // Understating is allowed: an SSD flavor implemented with NVMe, a V name on dedicated cores.
    let flavor = Flavor::new("SCS-2V-4-20s", 2, 4096, 20)
        .with_extra_spec("scs:cpu-type", "dedicated-core")
        .with_extra_spec("scs:disk0-type", "nvme");
    assert!(flavor_name::semantics_check(&[flavor])
        .findings()
        .is_empty());
    // Network vs local storage are different qualities.
    let flavor = Flavor::new("SCS-2V-4-20n", 2, 4096, 20).with_extra_spec("scs:disk0-type", "ssd");
    assert_eq!(flavor_name::semantics_check(&[flavor]).findings().len(), 1);
    let flavor = Flavor::new("SCS-2V-4", 2, 4096, 0).with_extra_spec("scs:cpu-type", "fast");
    assert_eq!(
        flavor_name::semantics_check(&[flavor]).findings()[0].message,
        "extra spec `scs:cpu-type` has the unknown value `fast`"
    );
}

#[test]
fn syntax_check_over_a_list() {
    let flavors = [
        Flavor::new("SCS-2V-4", 2, 4096, 0),
        Flavor::new("SCS-2V:8", 2, 8192, 0),
        Flavor::new("SCS-2iV-8", 2, 8192, 0),
        Flavor::new("m1.small", 1, 2048, 20),
        Flavor::new("", 1, 2048, 20),
    ];
    let r = flavor_name::syntax_check(&flavors);
    assert_eq!(r.outcome(), Outcome::Fail);
    assert_eq!(r.official(), Outcome::Fail);
    let lines: Vec<String> = r.findings().iter().map(|f| f.to_string()).collect();
    assert_eq!(
        lines,
        [
            "WARNING: scs-0100-syntax-check: SCS-2V:8: v1 syntax is merely tolerated; v3 spelling: `SCS-2V-8`",
            "ERROR: scs-0100-syntax-check: SCS-2iV-8: invalid flavor name `SCS-2iV-8`: at byte 5: expected CPU type (L, V, T, C), found `i`",
        ]
    );
    let r = flavor_name::syntax_check(&flavors[..2]);
    assert_eq!((r.outcome(), r.official()), (Outcome::Pass, Outcome::Pass));
    let r = flavor_name::syntax_check(&[Flavor::new("SCS-2C-4_GNa_ib", 2, 4096, 0)]);
    assert_eq!((r.outcome(), r.official()), (Outcome::Pass, Outcome::Fail));
}

#[test]
fn extra_specs_as_the_official_tooling_derives_them() {
    // digest 1.7.4
    let n = parse("SCS-16T-64-3x10s_bms_hwv_i3h_GNa-64_ib");
    let specs: Vec<(String, String)> = n
        .extra_specs()
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let expected = [
        ("cpus", "16"),
        ("ram", "64"),
        ("scs:cpu-type", "dedicated-thread"),
        ("disk", "10"),
        ("scs:disk0-type", "ssd"),
        ("scs:disk1-type", "ssd"),
        ("scs:disk2-type", "ssd"),
        ("scs:name-v1", "SCS-16T:64:3x10s-bms-hwv-i3h-GNa:64-ib"),
        ("scs:name-v2", "SCS-16T-64-3x10s_bms_hwv_i3h_GNa-64_ib"),
        ("scs:name-v3", "SCS-16T:64:3x10s-GNa:64-ib"),
        ("scs:name-v4", "SCS-16T-64-3x10s_GNa-64_ib"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    assert_eq!(specs, expected);
    let e = n.extra_specs();
    assert_eq!(e.len(), 11);
    assert_eq!(
        e.get("scs:disk2-type").map(|v| v.to_string()).as_deref(),
        Some("ssd")
    );
    assert_eq!(e.get("scs:disk3-type"), None);
    assert_eq!(
        e.get("scs:name-v3").map(|v| v.to_string()).as_deref(),
        Some("SCS-16T:64:3x10s-GNa:64-ib")
    );
    // Lazy: four billion disks cost nothing until iterated.
    let big = parse("SCS-2C-4-4000000000x10").extra_specs();
    assert_eq!(big.disk_count(), 4_000_000_000);
    assert_eq!(big.len(), 3 + 1 + 4_000_000_000 + 2);
    assert_eq!(big.disk_type(3_999_999_999), Some(DiskType::Network));
    assert_eq!(
        big.iter()
            .nth(4 + 1023)
            .map(|(k, _)| k.to_string())
            .as_deref(),
        Some("scs:disk1023-type")
    );
    // A disk part without size: `disk` is null, as in the official tooling.
    let e = parse("SCS-2C-4-").extra_specs();
    assert_eq!(e.disk(), Some(None));
    assert_eq!(
        serde_json::to_string(&e.get("disk").unwrap()).unwrap(),
        "null"
    );
}

#[test]
fn shorten_and_describe() {
    for (long, short) in [
        (
            "SCS-2C-4-10n_bms_hwv_z3h_GNa-64-24h_ib",
            "SCS-2C-4-10n_GNa-64-24_ib",
        ),
        ("SCS-4C-16-2x200p_a1", "SCS-4C-16-2x200p_a"),
        ("SCS-2C-4_bms_z3", "SCS-2C-4"),
    ] {
        assert_eq!(parse(long).shorten().to_string(), short);
    }
    assert_eq!(
        parse("SCS-16T-64-3x10s_bms_hwv_i3h_GNa-64_ib")
            .describe()
            .to_string(),
        "16 dedicated hardware threads (Intel Ice Lake, all-core frequency above 2.75 GHz), \
         64 GiB RAM, 3 local SSD disks of 10 GB each, bare metal, hardware virtualization, \
         a pass-through nVidia Ampere GPU with 64 compute units, InfiniBand"
    );
    assert_eq!(
        parse("SCS-1L-1uo-").describe().to_string(),
        "1 low-performance vCPU (generic x86-64), 1 GiB RAM (no ECC, oversubscribed), \
         a root disk sized by the cloud"
    );
    assert_eq!(
        parse("SCS-1V-0.5").describe().to_string(),
        "1 vCPU (generic x86-64), 0.5 GiB RAM, no root disk (boot from volume)"
    );
}

#[test]
fn serde_goes_through_the_parser() {
    let n: FlavorName = serde_json::from_str("\"SCS-2C-4-10n\"").unwrap();
    assert_eq!(serde_json::to_string(&n).unwrap(), "\"SCS-2C-4-10n\"");
    let e = serde_json::from_str::<FlavorName>("\"SCS-2iT-4\"").unwrap_err();
    assert!(
        e.to_string()
            .starts_with("invalid flavor name `SCS-2iT-4`: at byte 5"),
        "{e}"
    );
}
