//! scs-0103 v1 (text version 1.2): standard flavors.
//!
//! Standard: <https://docs.scs.community/standards/scs-0103-v1-standard-flavors>, with its
//! supplement w1 (implementation and testing notes).
//!
//! What is covered:
//!
//! - [`MANDATORY`] (15 flavors) and [`RECOMMENDED`] (16 flavors, including the three large-RAM
//!   flavors added in v1.2): the tables of the standard as [`StandardFlavor`] constants.
//! - One testcase per standard flavor, with the official ids (`scs-0103-flavor-1v-4`, …; one
//!   [`TestcaseId`] constant each, such as [`SCS_0103_FLAVOR_1V_4`]): the flavor exists and its
//!   vCPUs, RAM, root disk and `scs:*` extra specs match the table exactly. Run them with
//!   [`check_mandatory`], [`check_recommended`], [`check_ids`], [`check_flavor`], or through a
//!   [`FlavorLookup`] built once for many checks.
//! - Beyond the official suite, the rule that the `scs:*` extra specs of *any* flavor must hold
//!   (R0103-5), as two checks that only warn and are **not official testcases** (their ids start
//!   with `scs-validators:`): [`name_variants_check`] (each `scs:name-vN` is a valid SCS name
//!   for this flavor under some major version of scs-0100 and does not promise more than the
//!   flavor has) and [`cpu_type_check`] (`scs:cpu-type` is not weaker than the CPU letter of the
//!   flavor's names).
//!
//! # How a standard flavor is found and compared
//!
//! As in the official suite: a flavor stands for the standard flavor `SCS-1V-4` if its extra
//! spec `scs:name-v2` is `SCS-1V-4` (if several do, the last one in the list); failing that, the
//! first flavor whose real name is `SCS-1V-4`. A flavor named `m1.small` with
//! `scs:name-v2=SCS-1V-4` therefore counts as `SCS-1V-4`, and a flavor named `SCS-1V-4` whose
//! `scs:name-v2` names another flavor is found by its name and then fails on that extra spec.
//!
//! The flavor found must have exactly the table's figures (`vcpus`, `ram` = GiB × 1024 MiB, no
//! tolerance, `disk` = the root disk size or 0) and the extra specs `scs:cpu-type`,
//! `scs:name-v1` (the name with every dash after the first one replaced by a colon),
//! `scs:name-v2` (the name) and, for flavors with a root disk, `scs:disk0-type`. Every mismatch
//! is one error finding naming the flavor, the key, what was found and what is expected.
//!
//! # Divergences from the official suite
//!
//! Everywhere else the outcome is the official one.
//!
//! | input | standard (this crate) | official suite | why |
//! | --- | --- | --- | --- |
//! | `SCS-2V-4-20s` or `SCS-4V-16-100s` with `scs:disk0-type=nvme` | PASS (warning) | FAIL | scs-0100 v3 allows implementing an `s` disk with NVMe, and scs-0110 lets NVMe be advertised as SSD; the official suite demands `ssd` |
//! | a recommended flavor with an untyped disk (`SCS-1V-4-10`, …) with `scs:disk0-type` `hdd`, `ssd` or `nvme` | PASS (warning) | FAIL | the table says "(any)" and the text asks for a value reflecting the real disk type; the official suite demands `network` |
//! | a diskless standard flavor with an `scs:diskN-type` extra spec | PASS with a warning | PASS, not flagged | the text says `scs:disk0-type` is not set when there is no disk |
//!
//! A missing `scs:disk0-type`, or a value that is no disk type at all, fails in both readings.
//! Each divergence is pinned by a test in `tests/standard_flavors.rs`.
//!
//! # Not covered
//!
//! The qualities behind the extra specs (the CPU floor of `shared-core`, the IOPS and power-loss
//! protection of `ssd`) cannot be seen through the API. `scs:diskN-type` values on
//! non-standard flavors are compared with their names by
//! [`flavor_name::semantics_check`](crate::flavor_name::semantics_check), not here. The
//! advice on sizes of additional flavors (R0103-8) is not checked.

use std::collections::HashMap;
use std::fmt;
use std::ops::Bound::{Excluded, Included};

use serde::{Serialize, Serializer};
use thiserror::Error;

use crate::flavor_name::{classify, Compliance, CpuType, DiskType, FlavorName};
use crate::input::Flavor;
use crate::report::{Finding, Outcome, Severity, TestcaseId, TestcaseResult};

/// Whether a standard flavor is mandatory or recommended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Level {
    /// Must exist (certificate scope `scs-0103-v1`).
    Mandatory,
    /// Should exist (certificate scope `scs-0103-v1-rec`, which no certificate version runs).
    Recommended,
}

/// The disk type a standard flavor's root disk must have.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum StandardDiskType {
    /// `ssd` (the `s` flavors); `nvme` is accepted too, see the module docs.
    Ssd,
    /// "(any)" in the table: any disk type, declared in `scs:disk0-type`.
    Any,
}

/// The root disk of a standard flavor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct StandardDisk {
    /// Size in GB (compared with Nova's `disk`, which counts GiB).
    pub size_gb: u32,
    /// The disk type.
    pub kind: StandardDiskType,
}

/// One flavor of the scs-0103 v1.2 tables.
///
/// ```
/// use scs_validators::flavor_name::CpuType;
/// use scs_validators::standard_flavors::{StandardFlavor, MANDATORY};
/// let f = StandardFlavor::by_name("SCS-2V-4-20s").unwrap();
/// assert_eq!((f.vcpus, f.cpu_type, f.ram_gib, f.disk_gb()), (2, CpuType::Shared, 4, 20));
/// assert_eq!(f.name_v1, "SCS-2V:4:20s");
/// assert_eq!(f.testcase().as_str(), "scs-0103-flavor-2v-4-20s");
/// assert_eq!(MANDATORY.len(), 15);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[non_exhaustive]
pub struct StandardFlavor {
    /// The name (`SCS-2V-4-20s`), the value of `scs:name-v2`.
    pub name: &'static str,
    /// The name in v1 spelling (`SCS-2V:4:20s`), the value of `scs:name-v1`.
    pub name_v1: &'static str,
    /// The official testcase id (`scs-0103-flavor-2v-4-20s`).
    pub id: &'static str,
    /// Mandatory or recommended.
    pub level: Level,
    /// Number of vCPUs.
    pub vcpus: u32,
    /// The vCPU type, the value of `scs:cpu-type`.
    #[serde(serialize_with = "cpu_type_as_extra_spec")]
    pub cpu_type: CpuType,
    /// RAM in GiB.
    pub ram_gib: u32,
    /// The root disk; `None` for flavors without one (Nova `disk` 0).
    pub disk: Option<StandardDisk>,
}

fn cpu_type_as_extra_spec<S: Serializer>(t: &CpuType, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(t.extra_spec())
}

impl StandardFlavor {
    /// The official testcase id as a [`TestcaseId`].
    pub fn testcase(&self) -> TestcaseId {
        TestcaseId::from_static(self.id)
    }

    /// The RAM in MiB, as Nova's `ram` must have it exactly.
    pub const fn ram_mib(&self) -> u64 {
        self.ram_gib as u64 * 1024
    }

    /// The root disk size Nova's `disk` must have exactly: the size, or 0 without a disk.
    pub const fn disk_gb(&self) -> u64 {
        match self.disk {
            Some(d) => d.size_gb as u64,
            None => 0,
        }
    }

    /// The standard flavor with this name (`SCS-1V-4`).
    pub fn by_name(name: &str) -> Option<&'static StandardFlavor> {
        all().find(|f| f.name == name)
    }

    /// The standard flavor with this official testcase id (`scs-0103-flavor-1v-4`).
    pub fn by_id(id: &str) -> Option<&'static StandardFlavor> {
        all().find(|f| f.id == id)
    }

    /// The extra specs the official suite expects on this flavor, in the order it compares
    /// them: `scs:cpu-type`, `scs:disk0-type` (flavors with a disk; `ssd`, or `network` for an
    /// untyped disk), `scs:name-v1`, `scs:name-v2`.
    ///
    /// These are the values the scs-0100 name implies
    /// ([`FlavorName::extra_specs`](crate::flavor_name::FlavorName::extra_specs)).
    pub fn official_extra_specs(&self) -> impl Iterator<Item = (&'static str, &'static str)> {
        let disk = self.disk.map(|d| {
            (
                DISK0_TYPE,
                match d.kind {
                    StandardDiskType::Ssd => DiskType::Ssd.extra_spec(),
                    StandardDiskType::Any => DiskType::Network.extra_spec(),
                },
            )
        });
        [(CPU_TYPE_KEY, self.cpu_type.extra_spec())]
            .into_iter()
            .chain(disk)
            .chain([(NAME_V1, self.name_v1), (NAME_V2, self.name)])
    }
}

impl fmt::Display for StandardFlavor {
    /// The name.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)
    }
}

const CPU_TYPE_KEY: &str = "scs:cpu-type";
const DISK0_TYPE: &str = "scs:disk0-type";
const NAME_V1: &str = "scs:name-v1";
const NAME_V2: &str = "scs:name-v2";

const fn mandatory(
    name: &'static str,
    name_v1: &'static str,
    id: &'static str,
    vcpus: u32,
    cpu_type: CpuType,
    ram_gib: u32,
    disk: Option<StandardDisk>,
) -> StandardFlavor {
    StandardFlavor {
        name,
        name_v1,
        id,
        level: Level::Mandatory,
        vcpus,
        cpu_type,
        ram_gib,
        disk,
    }
}

const fn recommended(
    name: &'static str,
    name_v1: &'static str,
    id: &'static str,
    vcpus: u32,
    cpu_type: CpuType,
    ram_gib: u32,
    disk: Option<StandardDisk>,
) -> StandardFlavor {
    StandardFlavor {
        level: Level::Recommended,
        ..mandatory(name, name_v1, id, vcpus, cpu_type, ram_gib, disk)
    }
}

const fn ssd(size_gb: u32) -> Option<StandardDisk> {
    Some(StandardDisk {
        size_gb,
        kind: StandardDiskType::Ssd,
    })
}

const fn any(size_gb: u32) -> Option<StandardDisk> {
    Some(StandardDisk {
        size_gb,
        kind: StandardDiskType::Any,
    })
}

use CpuType::{Crowded as L, Shared as V};

/// The 15 mandatory flavors of scs-0103 v1.2, in the order of the standard's table.
#[rustfmt::skip]
pub const MANDATORY: [StandardFlavor; 15] = [
    mandatory("SCS-1V-4", "SCS-1V:4", "scs-0103-flavor-1v-4", 1, V, 4, None),
    mandatory("SCS-2V-8", "SCS-2V:8", "scs-0103-flavor-2v-8", 2, V, 8, None),
    mandatory("SCS-4V-16", "SCS-4V:16", "scs-0103-flavor-4v-16", 4, V, 16, None),
    mandatory("SCS-4V-16-100s", "SCS-4V:16:100s", "scs-0103-flavor-4v-16-100s", 4, V, 16, ssd(100)),
    mandatory("SCS-8V-32", "SCS-8V:32", "scs-0103-flavor-8v-32", 8, V, 32, None),
    mandatory("SCS-1V-2", "SCS-1V:2", "scs-0103-flavor-1v-2", 1, V, 2, None),
    mandatory("SCS-2V-4", "SCS-2V:4", "scs-0103-flavor-2v-4", 2, V, 4, None),
    mandatory("SCS-2V-4-20s", "SCS-2V:4:20s", "scs-0103-flavor-2v-4-20s", 2, V, 4, ssd(20)),
    mandatory("SCS-4V-8", "SCS-4V:8", "scs-0103-flavor-4v-8", 4, V, 8, None),
    mandatory("SCS-8V-16", "SCS-8V:16", "scs-0103-flavor-8v-16", 8, V, 16, None),
    mandatory("SCS-16V-32", "SCS-16V:32", "scs-0103-flavor-16v-32", 16, V, 32, None),
    mandatory("SCS-1V-8", "SCS-1V:8", "scs-0103-flavor-1v-8", 1, V, 8, None),
    mandatory("SCS-2V-16", "SCS-2V:16", "scs-0103-flavor-2v-16", 2, V, 16, None),
    mandatory("SCS-4V-32", "SCS-4V:32", "scs-0103-flavor-4v-32", 4, V, 32, None),
    mandatory("SCS-1L-1", "SCS-1L:1", "scs-0103-flavor-1l-1", 1, L, 1, None),
];

/// The 16 recommended flavors of scs-0103 v1.2: part 1 (13 flavors with an untyped root
/// disk), then part 2 (three large-RAM flavors without disk, added in v1.2).
#[rustfmt::skip]
pub const RECOMMENDED: [StandardFlavor; 16] = [
    recommended("SCS-1V-4-10", "SCS-1V:4:10", "scs-0103-flavor-1v-4-10", 1, V, 4, any(10)),
    recommended("SCS-2V-8-20", "SCS-2V:8:20", "scs-0103-flavor-2v-8-20", 2, V, 8, any(20)),
    recommended("SCS-4V-16-50", "SCS-4V:16:50", "scs-0103-flavor-4v-16-50", 4, V, 16, any(50)),
    recommended("SCS-8V-32-100", "SCS-8V:32:100", "scs-0103-flavor-8v-32-100", 8, V, 32, any(100)),
    recommended("SCS-1V-2-5", "SCS-1V:2:5", "scs-0103-flavor-1v-2-5", 1, V, 2, any(5)),
    recommended("SCS-2V-4-10", "SCS-2V:4:10", "scs-0103-flavor-2v-4-10", 2, V, 4, any(10)),
    recommended("SCS-4V-8-20", "SCS-4V:8:20", "scs-0103-flavor-4v-8-20", 4, V, 8, any(20)),
    recommended("SCS-8V-16-50", "SCS-8V:16:50", "scs-0103-flavor-8v-16-50", 8, V, 16, any(50)),
    recommended("SCS-16V-32-100", "SCS-16V:32:100", "scs-0103-flavor-16v-32-100", 16, V, 32, any(100)),
    recommended("SCS-1V-8-20", "SCS-1V:8:20", "scs-0103-flavor-1v-8-20", 1, V, 8, any(20)),
    recommended("SCS-2V-16-50", "SCS-2V:16:50", "scs-0103-flavor-2v-16-50", 2, V, 16, any(50)),
    recommended("SCS-4V-32-100", "SCS-4V:32:100", "scs-0103-flavor-4v-32-100", 4, V, 32, any(100)),
    recommended("SCS-1L-1-5", "SCS-1L:1:5", "scs-0103-flavor-1l-1-5", 1, L, 1, any(5)),
    recommended("SCS-16V-64", "SCS-16V:64", "scs-0103-flavor-16v-64", 16, V, 64, None),
    recommended("SCS-8V-64", "SCS-8V:64", "scs-0103-flavor-8v-64", 8, V, 64, None),
    recommended("SCS-16V-128", "SCS-16V:128", "scs-0103-flavor-16v-128", 16, V, 128, None),
];

/// All 31 standard flavors: [`MANDATORY`], then [`RECOMMENDED`].
pub fn all() -> impl Iterator<Item = &'static StandardFlavor> {
    MANDATORY.iter().chain(RECOMMENDED.iter())
}

macro_rules! testcase_ids {
    ($($konst:ident $id:literal $name:literal $level:literal;)*) => {
        $(
            #[doc = concat!("`", $id, "`: the ", $level, " flavor `", $name, "` exists with the table's figures and extra specs.")]
            pub const $konst: TestcaseId = TestcaseId::from_static($id);
        )*
    };
}

testcase_ids! {
    SCS_0103_FLAVOR_1V_4 "scs-0103-flavor-1v-4" "SCS-1V-4" "mandatory";
    SCS_0103_FLAVOR_2V_8 "scs-0103-flavor-2v-8" "SCS-2V-8" "mandatory";
    SCS_0103_FLAVOR_4V_16 "scs-0103-flavor-4v-16" "SCS-4V-16" "mandatory";
    SCS_0103_FLAVOR_4V_16_100S "scs-0103-flavor-4v-16-100s" "SCS-4V-16-100s" "mandatory";
    SCS_0103_FLAVOR_8V_32 "scs-0103-flavor-8v-32" "SCS-8V-32" "mandatory";
    SCS_0103_FLAVOR_1V_2 "scs-0103-flavor-1v-2" "SCS-1V-2" "mandatory";
    SCS_0103_FLAVOR_2V_4 "scs-0103-flavor-2v-4" "SCS-2V-4" "mandatory";
    SCS_0103_FLAVOR_2V_4_20S "scs-0103-flavor-2v-4-20s" "SCS-2V-4-20s" "mandatory";
    SCS_0103_FLAVOR_4V_8 "scs-0103-flavor-4v-8" "SCS-4V-8" "mandatory";
    SCS_0103_FLAVOR_8V_16 "scs-0103-flavor-8v-16" "SCS-8V-16" "mandatory";
    SCS_0103_FLAVOR_16V_32 "scs-0103-flavor-16v-32" "SCS-16V-32" "mandatory";
    SCS_0103_FLAVOR_1V_8 "scs-0103-flavor-1v-8" "SCS-1V-8" "mandatory";
    SCS_0103_FLAVOR_2V_16 "scs-0103-flavor-2v-16" "SCS-2V-16" "mandatory";
    SCS_0103_FLAVOR_4V_32 "scs-0103-flavor-4v-32" "SCS-4V-32" "mandatory";
    SCS_0103_FLAVOR_1L_1 "scs-0103-flavor-1l-1" "SCS-1L-1" "mandatory";
    SCS_0103_FLAVOR_1V_4_10 "scs-0103-flavor-1v-4-10" "SCS-1V-4-10" "recommended";
    SCS_0103_FLAVOR_2V_8_20 "scs-0103-flavor-2v-8-20" "SCS-2V-8-20" "recommended";
    SCS_0103_FLAVOR_4V_16_50 "scs-0103-flavor-4v-16-50" "SCS-4V-16-50" "recommended";
    SCS_0103_FLAVOR_8V_32_100 "scs-0103-flavor-8v-32-100" "SCS-8V-32-100" "recommended";
    SCS_0103_FLAVOR_1V_2_5 "scs-0103-flavor-1v-2-5" "SCS-1V-2-5" "recommended";
    SCS_0103_FLAVOR_2V_4_10 "scs-0103-flavor-2v-4-10" "SCS-2V-4-10" "recommended";
    SCS_0103_FLAVOR_4V_8_20 "scs-0103-flavor-4v-8-20" "SCS-4V-8-20" "recommended";
    SCS_0103_FLAVOR_8V_16_50 "scs-0103-flavor-8v-16-50" "SCS-8V-16-50" "recommended";
    SCS_0103_FLAVOR_16V_32_100 "scs-0103-flavor-16v-32-100" "SCS-16V-32-100" "recommended";
    SCS_0103_FLAVOR_1V_8_20 "scs-0103-flavor-1v-8-20" "SCS-1V-8-20" "recommended";
    SCS_0103_FLAVOR_2V_16_50 "scs-0103-flavor-2v-16-50" "SCS-2V-16-50" "recommended";
    SCS_0103_FLAVOR_4V_32_100 "scs-0103-flavor-4v-32-100" "SCS-4V-32-100" "recommended";
    SCS_0103_FLAVOR_1L_1_5 "scs-0103-flavor-1l-1-5" "SCS-1L-1-5" "recommended";
    SCS_0103_FLAVOR_16V_64 "scs-0103-flavor-16v-64" "SCS-16V-64" "recommended";
    SCS_0103_FLAVOR_8V_64 "scs-0103-flavor-8v-64" "SCS-8V-64" "recommended";
    SCS_0103_FLAVOR_16V_128 "scs-0103-flavor-16v-128" "SCS-16V-128" "recommended";
}

/// `scs-validators:scs-0103-name-variants`, **not an official testcase**: every `scs:name-vN`
/// extra spec of every flavor is a valid SCS name (any major version of scs-0100) that does
/// not promise more than the flavor has. Warnings only.
pub const NAME_VARIANTS: TestcaseId =
    TestcaseId::from_static("scs-validators:scs-0103-name-variants");

/// `scs-validators:scs-0103-cpu-type`, **not an official testcase**: every `scs:cpu-type`
/// extra spec is a known value and not weaker than the CPU letter of the flavor's names.
/// Warnings only.
pub const CPU_TYPE: TestcaseId = TestcaseId::from_static("scs-validators:scs-0103-cpu-type");

/// A testcase id that is not one of the 31 `scs-0103-flavor-*` ids.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error("unknown scs-0103 testcase id `{id}`")]
pub struct UnknownTestcaseId {
    /// The id as given.
    pub id: String,
}

/// The flavors by the names they answer to, built once in linear time for any number of
/// standard flavor checks.
///
/// A name is resolved as the official suite does: the last flavor whose extra spec
/// `scs:name-v2` is that name, else the first flavor whose real name it is (real names count
/// only when they start with `SCS-`).
///
/// ```
/// use scs_validators::input::Flavor;
/// use scs_validators::report::Outcome;
/// use scs_validators::standard_flavors::{FlavorLookup, MANDATORY};
/// let flavors = [Flavor::new("m1.small", 1, 4096, 0)
///     .with_extra_spec("scs:cpu-type", "shared-core")
///     .with_extra_spec("scs:name-v1", "SCS-1V:4")
///     .with_extra_spec("scs:name-v2", "SCS-1V-4")];
/// let lookup = FlavorLookup::new(&flavors);
/// assert_eq!(lookup.get("SCS-1V-4").map(|f| f.name.as_str()), Some("m1.small"));
/// let results = lookup.check_all(&MANDATORY);
/// assert_eq!(results[0].id().as_str(), "scs-0103-flavor-1v-4");
/// assert_eq!(results.iter().filter(|r| r.outcome() == Outcome::Pass).count(), 1);
/// ```
#[derive(Clone, Debug, Default)]
pub struct FlavorLookup<'a> {
    by_spec: HashMap<&'a str, &'a Flavor>,
    by_name: HashMap<&'a str, &'a Flavor>,
}

impl<'a> FlavorLookup<'a> {
    /// Indexes `flavors`.
    pub fn new(flavors: &'a [Flavor]) -> Self {
        let mut by_spec = HashMap::new();
        let mut by_name = HashMap::new();
        for f in flavors {
            if let Some(v) = f.extra_specs.get(NAME_V2) {
                by_spec.insert(v.as_str(), f);
            }
            if f.name.starts_with("SCS-") {
                by_name.entry(f.name.as_str()).or_insert(f);
            }
        }
        FlavorLookup { by_spec, by_name }
    }

    /// The flavor that stands for the standard flavor `name`, if any.
    pub fn get(&self, name: &str) -> Option<&'a Flavor> {
        self.by_spec
            .get(name)
            .or_else(|| self.by_name.get(name))
            .copied()
    }

    /// Runs the testcase of one standard flavor.
    pub fn check(&self, standard: &StandardFlavor) -> TestcaseResult {
        check_one(self, standard)
    }

    /// Runs the testcases of `standards`, in their order.
    pub fn check_all(&self, standards: &[StandardFlavor]) -> Vec<TestcaseResult> {
        standards.iter().map(|s| check_one(self, s)).collect()
    }
}

/// Runs the testcase of one standard flavor over `flavors`.
///
/// For several standard flavors build a [`FlavorLookup`] once instead.
pub fn check_flavor(flavors: &[Flavor], standard: &StandardFlavor) -> TestcaseResult {
    FlavorLookup::new(flavors).check(standard)
}

/// Runs the testcases of the 15 [`MANDATORY`] flavors (scope `scs-0103-v1`).
///
/// ```
/// use scs_validators::input::Flavor;
/// use scs_validators::report::Outcome;
/// use scs_validators::standard_flavors::check_mandatory;
/// let flavors = [Flavor::new("SCS-1V-4", 1, 4096, 0)
///     .with_extra_spec("scs:cpu-type", "shared-core")
///     .with_extra_spec("scs:name-v1", "SCS-1V:4")
///     .with_extra_spec("scs:name-v2", "SCS-1V-4")];
/// let results = check_mandatory(&flavors);
/// assert_eq!(results.len(), 15);
/// assert_eq!(results[0].outcome(), Outcome::Pass);
/// assert_eq!(
///     results[1].findings()[0].to_string(),
///     "ERROR: scs-0103-flavor-2v-8: standard flavor `SCS-2V-8` is missing: no flavor has this \
///      name or the extra spec `scs:name-v2` with this value"
/// );
/// ```
pub fn check_mandatory(flavors: &[Flavor]) -> Vec<TestcaseResult> {
    FlavorLookup::new(flavors).check_all(&MANDATORY)
}

/// Runs the testcases of the 16 [`RECOMMENDED`] flavors (scope `scs-0103-v1-rec`).
pub fn check_recommended(flavors: &[Flavor]) -> Vec<TestcaseResult> {
    FlavorLookup::new(flavors).check_all(&RECOMMENDED)
}

/// Runs the testcases with the given official ids (`scs-0103-flavor-1v-4`, …), in the order
/// given.
///
/// # Errors
///
/// [`UnknownTestcaseId`] for the first id that is not one of the 31 `scs-0103-flavor-*` ids;
/// then no testcase is run.
pub fn check_ids<I, S>(flavors: &[Flavor], ids: I) -> Result<Vec<TestcaseResult>, UnknownTestcaseId>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let standards = ids
        .into_iter()
        .map(|id| {
            let id = id.as_ref();
            StandardFlavor::by_id(id).ok_or_else(|| UnknownTestcaseId { id: id.to_owned() })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let lookup = FlavorLookup::new(flavors);
    Ok(standards.into_iter().map(|s| lookup.check(s)).collect())
}

/// What a testcase finds about one key, in both readings.
struct Check {
    findings: Vec<Finding>,
    official_fail: bool,
}

fn check_one(lookup: &FlavorLookup<'_>, standard: &StandardFlavor) -> TestcaseResult {
    let id = standard.testcase();
    let Some(flavor) = lookup.get(standard.name) else {
        let finding = Finding::new(
            id.clone(),
            Severity::Error,
            None,
            format!(
                "standard flavor `{}` is missing: no flavor has this name or the extra spec \
                 `{NAME_V2}` with this value",
                standard.name
            ),
        );
        return TestcaseResult::from_findings(id, vec![finding], Outcome::Fail);
    };
    let mut c = Check {
        findings: Vec::new(),
        official_fail: false,
    };
    let subject = || Some(flavor.name.clone());
    let push = |c: &mut Check, severity, message: String| {
        c.findings
            .push(Finding::new(id.clone(), severity, subject(), message));
    };

    if flavor.name != standard.name {
        push(
            &mut c,
            Severity::Info,
            format!(
                "stands for the standard flavor `{}` through its extra spec `{NAME_V2}`",
                standard.name
            ),
        );
    }
    if let Some(shadowed) = lookup.by_name.get(standard.name) {
        if !std::ptr::eq(*shadowed, flavor) {
            c.findings.push(Finding::new(
                id.clone(),
                Severity::Info,
                Some(shadowed.name.clone()),
                format!(
                    "not checked: flavor `{}` claims this name through its extra spec \
                     `{NAME_V2}` and takes precedence, as in the official suite",
                    flavor.name
                ),
            ));
        }
    }

    // The figures, exactly.
    if flavor.vcpus != u64::from(standard.vcpus) {
        c.official_fail = true;
        push(
            &mut c,
            Severity::Error,
            format!("vcpus is `{}`, expected `{}`", flavor.vcpus, standard.vcpus),
        );
    }
    if flavor.ram != standard.ram_mib() {
        c.official_fail = true;
        push(
            &mut c,
            Severity::Error,
            format!(
                "ram is `{}` MiB, expected `{}` MiB ({} GiB exactly)",
                flavor.ram,
                standard.ram_mib(),
                standard.ram_gib
            ),
        );
    }
    if flavor.disk != standard.disk_gb() {
        c.official_fail = true;
        let expected = match standard.disk {
            Some(d) => format!("`{}` GiB", d.size_gb),
            None => "`0` (no root disk)".to_owned(),
        };
        push(
            &mut c,
            Severity::Error,
            format!("disk is `{}` GiB, expected {expected}", flavor.disk),
        );
    }

    // The extra specs.
    let found = |key: &str| flavor.extra_specs.get(key).map(String::as_str);
    let exact = |c: &mut Check, key: &str, expected: &str| {
        let value = found(key);
        if value != Some(expected) {
            c.official_fail = true;
            push(
                c,
                Severity::Error,
                format!("{}, expected `{expected}`", describe(key, value)),
            );
        }
    };
    exact(&mut c, CPU_TYPE_KEY, standard.cpu_type.extra_spec());
    if let Some(disk) = standard.disk {
        disk0_type(&mut c, &push, disk.kind, found(DISK0_TYPE));
    }
    exact(&mut c, NAME_V1, standard.name_v1);
    exact(&mut c, NAME_V2, standard.name);

    if standard.disk.is_none() {
        for (key, value) in flavor
            .extra_specs
            .range::<str, _>((Included("scs:disk"), Excluded("scs:disl")))
        {
            if disk_index(key).is_some() {
                push(
                    &mut c,
                    Severity::Warning,
                    format!(
                        "extra spec `{key}` is `{value}`, but this standard flavor has no root \
                         disk and the standard says not to set it; the official suite does not \
                         check this"
                    ),
                );
            }
        }
    }

    let official = if c.official_fail {
        Outcome::Fail
    } else {
        Outcome::Pass
    };
    TestcaseResult::from_findings(id, c.findings, official)
}

/// `scs:disk0-type` of a flavor with a root disk: see the divergence table.
fn disk0_type(
    c: &mut Check,
    push: &dyn Fn(&mut Check, Severity, String),
    kind: StandardDiskType,
    value: Option<&str>,
) {
    let declared = value.and_then(DiskType::from_extra_spec);
    match kind {
        StandardDiskType::Ssd => match declared {
            Some(DiskType::Ssd) => {}
            Some(DiskType::Nvme) => {
                c.official_fail = true;
                push(
                    c,
                    Severity::Warning,
                    format!(
                        "extra spec `{DISK0_TYPE}` is `nvme`, which the standard allows for an \
                         SSD flavor (scs-0100 v3 allows NVMe for `s`, scs-0110 lets NVMe be \
                         advertised as SSD); the official suite demands `ssd` and reports FAIL"
                    ),
                );
            }
            _ => {
                c.official_fail = true;
                push(
                    c,
                    Severity::Error,
                    format!(
                        "{}, expected `ssd` (or `nvme`)",
                        describe(DISK0_TYPE, value)
                    ),
                );
            }
        },
        StandardDiskType::Any => match declared {
            Some(DiskType::Network) => {}
            Some(other) => {
                c.official_fail = true;
                push(
                    c,
                    Severity::Warning,
                    format!(
                        "extra spec `{DISK0_TYPE}` is `{}`, which the standard allows (the \
                         table says any disk type); the official suite demands `network` and \
                         reports FAIL",
                        other.extra_spec()
                    ),
                );
            }
            None => {
                c.official_fail = true;
                push(
                    c,
                    Severity::Error,
                    format!(
                        "{}, expected the disk type (`network`, `hdd`, `ssd` or `nvme`; the \
                         official suite demands `network`)",
                        describe(DISK0_TYPE, value)
                    ),
                );
            }
        },
    }
}

/// "extra spec `key` is `value`" or "… is missing".
fn describe(key: &str, value: Option<&str>) -> String {
    match value {
        Some(v) => format!("extra spec `{key}` is `{v}`"),
        None => format!("extra spec `{key}` is missing"),
    }
}

/// `N` of a key `scs:diskN-type` (N a non-negative integer written without leading zeros).
fn disk_index(key: &str) -> Option<&str> {
    let n = key.strip_prefix("scs:disk")?.strip_suffix("-type")?;
    let digits = !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit());
    (digits && (n == "0" || !n.starts_with('0'))).then_some(n)
}

/// Whether `n` (of `scs:name-vN`) is a positive integer.
fn is_positive_integer(n: &str) -> bool {
    !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) && n.bytes().any(|b| b != b'0')
}

/// The `scs:name-vN` extra specs of a flavor, with `N` in any spelling (`scs:name-v0`,
/// `scs:name-vx` included).
fn name_specs(flavor: &Flavor) -> impl Iterator<Item = (&str, &str, &str)> {
    flavor
        .extra_specs
        .range::<str, _>((Included("scs:name-v"), Excluded("scs:name-w")))
        .filter_map(|(k, v)| {
            k.strip_prefix("scs:name-v")
                .map(|n| (k.as_str(), n, v.as_str()))
        })
}

/// `scs-validators:scs-0103-name-variants` over every flavor (R0103-5 and R0103-6 of
/// scs-0103; **not an official testcase**, warnings and infos only, so the outcome is always
/// PASS; the official suite has no such check, so its outcome is given as PASS too).
///
/// For each extra spec `scs:name-vN`: `N` must be a positive integer, and the value a valid
/// SCS flavor name in v3 (= v2) or v1 syntax
/// ([`flavor_name::classify`](crate::flavor_name::classify)) that does not promise more than
/// the flavor has, in the sense of `scs-0100-semantics-check`: at least the vCPUs, the RAM
/// within scs-0100's tolerance (`ram_MiB + 51 >= 1024 * GiB`), at least the disk size. An
/// info notes a flavor whose name variants include no name in the v3 syntax, which the
/// standard recommends.
///
/// ```
/// use scs_validators::input::Flavor;
/// use scs_validators::standard_flavors::name_variants_check;
/// let flavors = [Flavor::new("m1.large", 2, 8192, 0).with_extra_spec("scs:name-v2", "SCS-4V-8")];
/// let result = name_variants_check(&flavors);
/// assert_eq!(
///     result.findings()[0].to_string(),
///     "WARNING: scs-validators:scs-0103-name-variants: m1.large: extra spec `scs:name-v2` is \
///      `SCS-4V-8`, which promises 4 vCPUs; the flavor has 2"
/// );
/// ```
pub fn name_variants_check(flavors: &[Flavor]) -> TestcaseResult {
    let id = NAME_VARIANTS;
    let mut findings = Vec::new();
    for flavor in flavors {
        let mut push = |severity, message: String| {
            findings.push(Finding::new(
                id.clone(),
                severity,
                Some(flavor.name.clone()),
                message,
            ));
        };
        let mut variants = 0usize;
        let mut v3 = false;
        for (key, n, value) in name_specs(flavor) {
            if !is_positive_integer(n) {
                push(
                    Severity::Warning,
                    format!(
                        "extra spec key `{key}` is not of the form `scs:name-vN` with N a \
                         positive integer"
                    ),
                );
                continue;
            }
            variants += 1;
            let name = match classify(value) {
                Compliance::NotScs => {
                    push(
                        Severity::Warning,
                        format!(
                            "extra spec `{key}` is `{value}`, which is not an SCS flavor name \
                             (it does not start with `SCS-`)"
                        ),
                    );
                    continue;
                }
                Compliance::Invalid(e) => {
                    push(Severity::Warning, format!("extra spec `{key}`: {e}"));
                    continue;
                }
                Compliance::Valid(name) => {
                    v3 = true;
                    name
                }
                Compliance::Tolerated(name) => name,
            };
            overpromises(flavor, &name, |what| {
                push(
                    Severity::Warning,
                    format!("extra spec `{key}` is `{value}`, which promises {what}"),
                );
            });
        }
        if variants > 0 && !v3 {
            push(
                Severity::Info,
                "none of the `scs:name-vN` extra specs is a name in the syntax of the latest \
                 stable naming standard (scs-0100 v3); the standard recommends including one"
                    .to_owned(),
            );
        }
    }
    TestcaseResult::beyond_official(id, findings)
}

/// Calls `report` once per figure `name` promises beyond what `flavor` has.
fn overpromises(flavor: &Flavor, name: &FlavorName, mut report: impl FnMut(String)) {
    let cpus = u64::from(name.cpus());
    if flavor.vcpus < cpus {
        report(format!("{cpus} vCPUs; the flavor has {}", flavor.vcpus));
    }
    let ram = name.ram();
    if u128::from(flavor.ram) + 51 < u128::from(ram.mib()) {
        report(format!(
            "{ram} GiB of RAM ({} MiB); the flavor has {} MiB",
            ram.mib(),
            flavor.ram
        ));
    }
    if let Some(size) = name.disk().and_then(|d| d.size) {
        if flavor.disk < u64::from(size.get()) {
            report(format!(
                "a root disk of {size} GB; the flavor has {} GiB",
                flavor.disk
            ));
        }
    }
}

/// `scs-validators:scs-0103-cpu-type` over every flavor (R0103-5 of scs-0103; **not an
/// official testcase**, warnings only, so the outcome is always PASS; the official suite has
/// no such check, so its outcome is given as PASS too).
///
/// Where a flavor has the extra spec `scs:cpu-type`, its value must be one of
/// `crowded-core`, `shared-core`, `dedicated-thread`, `dedicated-core`, and not weaker (in the
/// order L < V < T < C) than the CPU letter of the flavor's own name or of any valid
/// `scs:name-vN` name. One warning per flavor names the strongest such name.
///
/// ```
/// use scs_validators::input::Flavor;
/// use scs_validators::standard_flavors::cpu_type_check;
/// let flavors = [Flavor::new("SCS-2C-4", 2, 4096, 0).with_extra_spec("scs:cpu-type", "shared-core")];
/// let result = cpu_type_check(&flavors);
/// assert_eq!(
///     result.findings()[0].message,
///     "extra spec `scs:cpu-type` is `shared-core`, weaker than the CPU type `C` \
///      (dedicated-core) that the flavor name `SCS-2C-4` promises"
/// );
/// ```
pub fn cpu_type_check(flavors: &[Flavor]) -> TestcaseResult {
    let id = CPU_TYPE;
    let mut findings = Vec::new();
    for flavor in flavors {
        let Some(value) = flavor.extra_specs.get(CPU_TYPE_KEY) else {
            continue;
        };
        let subject = || Some(flavor.name.clone());
        let Some(declared) = CpuType::from_extra_spec(value) else {
            findings.push(Finding::new(
                id.clone(),
                Severity::Warning,
                subject(),
                format!(
                    "extra spec `{CPU_TYPE_KEY}` is `{value}`, which is none of \
                     `crowded-core`, `shared-core`, `dedicated-thread`, `dedicated-core`"
                ),
            ));
            continue;
        };
        // The strongest promise above the declared type, and where it comes from.
        let mut strongest: Option<(CpuType, String)> = None;
        let mut consider = |t: CpuType, source: &dyn Fn() -> String| {
            if t > declared && strongest.as_ref().map_or(true, |(s, _)| t > *s) {
                strongest = Some((t, source()));
            }
        };
        if let Some(name) = classify(&flavor.name).name() {
            consider(name.cpu_type(), &|| {
                format!("the flavor name `{}`", flavor.name)
            });
        }
        for (key, n, v) in name_specs(flavor) {
            if !is_positive_integer(n) {
                continue;
            }
            if let Some(name) = classify(v).name() {
                consider(name.cpu_type(), &|| format!("extra spec `{key}` = `{v}`"));
            }
        }
        if let Some((t, source)) = strongest {
            findings.push(Finding::new(
                id.clone(),
                Severity::Warning,
                subject(),
                format!(
                    "extra spec `{CPU_TYPE_KEY}` is `{value}`, weaker than the CPU type `{}` \
                     ({}) that {source} promises",
                    t.letter(),
                    t.extra_spec()
                ),
            ));
        }
    }
    TestcaseResult::beyond_official(id, findings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disk_keys() {
        assert_eq!(disk_index("scs:disk0-type"), Some("0"));
        assert_eq!(disk_index("scs:disk12-type"), Some("12"));
        assert_eq!(disk_index("scs:disk01-type"), None);
        assert_eq!(disk_index("scs:disk-type"), None);
        assert_eq!(disk_index("scs:diskx-type"), None);
        assert_eq!(disk_index("scs:disk0-types"), None);
    }

    #[test]
    fn name_variant_numbers() {
        assert!(is_positive_integer("1"));
        assert!(is_positive_integer("10"));
        assert!(is_positive_integer("99999999999999999999999"));
        assert!(!is_positive_integer("0"));
        assert!(!is_positive_integer("00"));
        assert!(!is_positive_integer(""));
        assert!(!is_positive_integer("x"));
        assert!(!is_positive_integer("1a"));
    }

    #[test]
    fn name_specs_range_covers_exactly_the_prefix() {
        let f = Flavor::new("x", 1, 1024, 0)
            .with_extra_spec("scs:name-v", "a")
            .with_extra_spec("scs:name-v1", "b")
            .with_extra_spec("scs:name-vz", "c")
            .with_extra_spec("scs:name-w1", "d")
            .with_extra_spec("scs:name-u1", "e")
            .with_extra_spec("scs:name", "f");
        let keys: Vec<_> = name_specs(&f).map(|(k, n, _)| (k, n)).collect();
        assert_eq!(
            keys,
            [
                ("scs:name-v", ""),
                ("scs:name-v1", "1"),
                ("scs:name-vz", "z")
            ]
        );
    }

    #[test]
    fn official_extra_specs_order() {
        let f = StandardFlavor::by_name("SCS-1V-4-10").unwrap();
        let specs: Vec<_> = f.official_extra_specs().collect();
        assert_eq!(
            specs,
            [
                ("scs:cpu-type", "shared-core"),
                ("scs:disk0-type", "network"),
                ("scs:name-v1", "SCS-1V:4:10"),
                ("scs:name-v2", "SCS-1V-4-10"),
            ]
        );
    }
}
