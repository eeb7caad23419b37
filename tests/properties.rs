//! Property tests of the scs-0100 round trips.

use proptest::prelude::*;
use scs_validators::flavor_name::{
    self, official, CpuType, CpuVendor, DiskType, FlavorName, GpuGeneration, GpuKind, GpuVendor,
    Hypervisor, Ram,
};

fn any_name() -> impl Strategy<Value = FlavorName> {
    let cpu = (
        1u32..=u32::MAX,
        prop::sample::select(CpuType::ALL.to_vec()),
        any::<bool>(),
    );
    let ram = (
        1u64..=(u64::from(u32::MAX) * 2 + 1),
        any::<bool>(),
        any::<bool>(),
    );
    let disk = prop::option::of((
        prop_oneof![Just(1u32), 1u32..=u32::MAX],
        prop::option::of(1u32..=u32::MAX),
        prop::option::of(prop::sample::select(DiskType::ALL.to_vec())),
    ));
    let hyp = prop::option::of(prop::sample::select(Hypervisor::ALL.to_vec()));
    let arch = prop::option::of((
        prop::sample::select(CpuVendor::ALL.to_vec()),
        0u8..=6,
        0u8..=3,
    ));
    let gpu = prop::option::of((
        any::<bool>(),
        prop::sample::select(vec![GpuVendor::Nvidia, GpuVendor::Amd, GpuVendor::Intel]),
        any::<prop::sample::Index>(),
        any::<bool>(),
        prop::option::of((
            1u32..=u32::MAX,
            0u8..=2,
            prop::option::of((1u32..=u32::MAX, 0u8..=2)),
        )),
        0u8..=2,
    ));
    (cpu, ram, disk, hyp, any::<bool>(), arch, gpu, any::<bool>()).prop_map(
        |((cpus, cpu_type, insecure), (halves, u, o), disk, hyp, hwv, arch, gpu, ib)| {
            let mut b = FlavorName::builder(cpus, cpu_type, Ram::from_half_gib(halves).unwrap())
                .insecure(insecure)
                .no_ecc(u)
                .oversubscribed(o)
                .hypervisor(hyp)
                .hardware_virtualization(hwv)
                .infiniband(ib);
            if let Some((count, size, kind)) = disk {
                b = b.disk(count, size, kind);
            }
            if let Some((vendor, gen, h)) = arch {
                b = b.cpu_arch(vendor, gen.min(vendor.max_generation()), h);
            }
            if let Some((pass, vendor, index, with_gen, cu, h_without_cu)) = gpu {
                let gens: Vec<GpuGeneration> = GpuGeneration::ALL
                    .iter()
                    .copied()
                    .filter(|g| g.vendor() == vendor)
                    .collect();
                let gen = with_gen.then(|| gens[index.index(gens.len())]);
                let kind = if pass {
                    GpuKind::PassThrough
                } else {
                    GpuKind::Virtual
                };
                b = b.gpu(kind, vendor, gen);
                match cu {
                    Some((units, h, vram)) => {
                        b = b.gpu_compute_units(units, h);
                        if let Some((gib, vh)) = vram {
                            b = b.gpu_vram(gib, vh);
                        }
                    }
                    // `h` right after the generation, as in `_GNah`
                    None => b = b.gpu_high_frequency(h_without_cu),
                }
            }
            b.build().expect("the strategy builds only valid names")
        },
    )
}

/// Strings from the grammar's own alphabet: mostly near-names.
fn near_name() -> impl Strategy<Value = String> {
    "SCS-[0-9]{0,3}[LVTCx]i?[-:][0-9.]{0,4}u?o?([-:][0-9]{0,2}x?[0-9]{0,3}[nhspq]?)?([_-](kvm|chy|bms|hwv|[izar][0-9]?h{0,4}|[gG][NAIX][a-z0-9.]{0,3}([-:][0-9]{1,3}h{0,3}){0,2}|ib|x)){0,5}"
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn prop_builder_display_parse_is_identity(name in any_name()) {
        let text = name.to_string();
        prop_assert_eq!(FlavorName::parse(&text), Ok(name));
        prop_assert!(FlavorName::is_valid(&text));
        // the official suite accepts every canonical name the standard accepts, unless it is
        // one of the documented divergences
        let official = official::classify(&text);
        let gpu_ib = name.gpu().is_some_and(|g| g.compute_units.is_none() && g.compute_unit_h == 0)
            && name.infiniband();
        prop_assert_eq!(official == official::OfficialVerdict::Valid, !gpu_ib);
    }

    #[test]
    fn prop_v1_spelling_round_trips(name in any_name()) {
        prop_assume!(name.hypervisor() != Some(Hypervisor::CloudHypervisor));
        let v1 = name.v1().to_string();
        prop_assert_eq!(FlavorName::parse_v1(&v1), Ok(name));
        // v1 <-> v2 is a character mapping
        let mapped: String = v1.replace('-', "_").replace(':', "-").replacen("SCS_", "SCS-", 1);
        prop_assert_eq!(mapped, name.to_string());
        prop_assert_eq!(flavor_name::classify(&v1), flavor_name::Compliance::Tolerated(name));
    }

    #[test]
    fn prop_parse_display_parse_is_identity(s in near_name()) {
        if let Ok(name) = FlavorName::parse(&s) {
            prop_assert_eq!(FlavorName::parse(&name.to_string()), Ok(name));
            prop_assert_eq!(FlavorName::parse(&name.shorten().to_string()), Ok(name.shorten()));
        }
        if let Ok(name) = FlavorName::parse_v1(&s) {
            prop_assert_eq!(FlavorName::parse(&name.to_string()), Ok(name));
        }
        prop_assert_eq!(FlavorName::is_valid(&s), FlavorName::parse(&s).is_ok());
    }

    #[test]
    fn prop_is_valid_agrees_with_findings(s in near_name()) {
        let a = flavor_name::assess(&s);
        let errors = a.findings.iter().filter(|f| f.severity == scs_validators::Severity::Error).count();
        prop_assert_eq!(FlavorName::is_valid(&s) || FlavorName::parse_v1(&s).is_ok(), errors == 0);
    }
}
