//! The letters and tables of scs-0100 v3 (text version 3.3) and what they mean.
//!
//! Where the official suite accepts a closed set of codes, these tables hold exactly that set
//! (digest section 1.4.4, "closed generation tables used by the reference parser").

use std::fmt;

use serde::{Deserialize, Serialize};

/// The CPU letter: `cputype = "L" | "V" | "T" | "C"`.
///
/// The order (`L < V < T < C`) is the order of strength used for "at least" comparisons.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum CpuType {
    /// `L`: heavily oversubscribed vCPU (low performance); `scs:cpu-type` `crowded-core`.
    Crowded,
    /// `V`: oversubscribed vCPU with a floor of 20 % of a core 99 % of the time; `shared-core`.
    Shared,
    /// `T`: dedicated hardware thread (SMT sibling); `dedicated-thread`.
    DedicatedThread,
    /// `C`: dedicated physical core; `dedicated-core`.
    DedicatedCore,
}

impl CpuType {
    /// All four, weakest first.
    pub const ALL: [CpuType; 4] = [
        CpuType::Crowded,
        CpuType::Shared,
        CpuType::DedicatedThread,
        CpuType::DedicatedCore,
    ];

    /// The letter in a name.
    pub const fn letter(self) -> char {
        match self {
            CpuType::Crowded => 'L',
            CpuType::Shared => 'V',
            CpuType::DedicatedThread => 'T',
            CpuType::DedicatedCore => 'C',
        }
    }

    /// The letter's type, if it is one of `L`, `V`, `T`, `C`.
    pub const fn from_letter(c: u8) -> Option<CpuType> {
        match c {
            b'L' => Some(CpuType::Crowded),
            b'V' => Some(CpuType::Shared),
            b'T' => Some(CpuType::DedicatedThread),
            b'C' => Some(CpuType::DedicatedCore),
            _ => None,
        }
    }

    /// The value of the `scs:cpu-type` extra spec (scs-0103).
    pub const fn extra_spec(self) -> &'static str {
        match self {
            CpuType::Crowded => "crowded-core",
            CpuType::Shared => "shared-core",
            CpuType::DedicatedThread => "dedicated-thread",
            CpuType::DedicatedCore => "dedicated-core",
        }
    }

    /// The type named by an `scs:cpu-type` value.
    pub fn from_extra_spec(value: &str) -> Option<CpuType> {
        CpuType::ALL.into_iter().find(|t| t.extra_spec() == value)
    }

    /// English words for the prose of [`FlavorName::describe`](super::FlavorName::describe).
    pub const fn prose(self) -> &'static str {
        match self {
            CpuType::Crowded => "low-performance vCPU",
            CpuType::Shared => "vCPU",
            CpuType::DedicatedThread => "dedicated hardware thread",
            CpuType::DedicatedCore => "dedicated core",
        }
    }
}

/// The disk letter: `disktype = "n" | "h" | "s" | "p"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum DiskType {
    /// `n`: network-shared storage; `scs:diskN-type` `network`.
    Network,
    /// `h`: local HDD; `hdd`.
    Hdd,
    /// `s`: local SSD; `ssd`.
    Ssd,
    /// `p`: local high-performance NVMe; `nvme`.
    Nvme,
}

impl DiskType {
    /// All four, in the reference's order.
    pub const ALL: [DiskType; 4] = [
        DiskType::Network,
        DiskType::Hdd,
        DiskType::Ssd,
        DiskType::Nvme,
    ];

    /// The letter in a name.
    pub const fn letter(self) -> char {
        match self {
            DiskType::Network => 'n',
            DiskType::Hdd => 'h',
            DiskType::Ssd => 's',
            DiskType::Nvme => 'p',
        }
    }

    /// The type of a disk letter.
    pub const fn from_letter(c: u8) -> Option<DiskType> {
        match c {
            b'n' => Some(DiskType::Network),
            b'h' => Some(DiskType::Hdd),
            b's' => Some(DiskType::Ssd),
            b'p' => Some(DiskType::Nvme),
            _ => None,
        }
    }

    /// The value of the `scs:diskN-type` extra spec (scs-0103).
    pub const fn extra_spec(self) -> &'static str {
        match self {
            DiskType::Network => "network",
            DiskType::Hdd => "hdd",
            DiskType::Ssd => "ssd",
            DiskType::Nvme => "nvme",
        }
    }

    /// The type named by an `scs:diskN-type` value.
    pub fn from_extra_spec(value: &str) -> Option<DiskType> {
        DiskType::ALL.into_iter().find(|t| t.extra_spec() == value)
    }

    /// English words for the prose.
    pub const fn prose(self) -> &'static str {
        match self {
            DiskType::Network => "network-shared",
            DiskType::Hdd => "local HDD",
            DiskType::Ssd => "local SSD",
            DiskType::Nvme => "local NVMe",
        }
    }
}

/// The hypervisor extension: `hyp = "_" ("kvm" | "chy" | "xen" | "vmw" | "hyv" | "bms")`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Hypervisor {
    /// `kvm`: KVM with QEMU.
    Kvm,
    /// `chy`: Cloud Hypervisor (since v3; the v1 syntax does not know it).
    CloudHypervisor,
    /// `xen`: Xen.
    Xen,
    /// `vmw`: VMware.
    Vmware,
    /// `hyv`: Hyper-V.
    HyperV,
    /// `bms`: bare metal, no hypervisor.
    BareMetal,
}

impl Hypervisor {
    /// All six.
    pub const ALL: [Hypervisor; 6] = [
        Hypervisor::Kvm,
        Hypervisor::CloudHypervisor,
        Hypervisor::Xen,
        Hypervisor::Vmware,
        Hypervisor::HyperV,
        Hypervisor::BareMetal,
    ];

    /// The three-letter token in a name.
    pub const fn token(self) -> &'static str {
        match self {
            Hypervisor::Kvm => "kvm",
            Hypervisor::CloudHypervisor => "chy",
            Hypervisor::Xen => "xen",
            Hypervisor::Vmware => "vmw",
            Hypervisor::HyperV => "hyv",
            Hypervisor::BareMetal => "bms",
        }
    }

    /// The hypervisor whose token `t` is (the inverse of [`Hypervisor::token`]).
    pub(crate) fn from_token(t: &[u8]) -> Option<Hypervisor> {
        match t {
            b"kvm" => Some(Hypervisor::Kvm),
            b"chy" => Some(Hypervisor::CloudHypervisor),
            b"xen" => Some(Hypervisor::Xen),
            b"vmw" => Some(Hypervisor::Vmware),
            b"hyv" => Some(Hypervisor::HyperV),
            b"bms" => Some(Hypervisor::BareMetal),
            _ => None,
        }
    }

    /// English words for the prose.
    pub const fn prose(self) -> &'static str {
        match self {
            Hypervisor::Kvm => "KVM",
            Hypervisor::CloudHypervisor => "Cloud Hypervisor",
            Hypervisor::Xen => "Xen",
            Hypervisor::Vmware => "VMware",
            Hypervisor::HyperV => "Hyper-V",
            Hypervisor::BareMetal => "bare metal",
        }
    }
}

/// The CPU vendor letter of the architecture extension: `cpuvendor = "i" | "z" | "a" | "r"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CpuVendor {
    /// `i`: Intel x86-64.
    Intel,
    /// `z`: AMD (Zen) x86-64.
    Amd,
    /// `a`: ARM v8 or later.
    Arm,
    /// `r`: RISC-V.
    RiscV,
}

impl CpuVendor {
    /// All four.
    pub const ALL: [CpuVendor; 4] = [
        CpuVendor::Intel,
        CpuVendor::Amd,
        CpuVendor::Arm,
        CpuVendor::RiscV,
    ];

    /// The letter in a name.
    pub const fn letter(self) -> char {
        match self {
            CpuVendor::Intel => 'i',
            CpuVendor::Amd => 'z',
            CpuVendor::Arm => 'a',
            CpuVendor::RiscV => 'r',
        }
    }

    /// The vendor of a letter.
    pub const fn from_letter(c: u8) -> Option<CpuVendor> {
        match c {
            b'i' => Some(CpuVendor::Intel),
            b'z' => Some(CpuVendor::Amd),
            b'a' => Some(CpuVendor::Arm),
            b'r' => Some(CpuVendor::RiscV),
            _ => None,
        }
    }

    /// The highest generation number the v3 table (as the official suite reads it) knows.
    ///
    /// Intel and AMD: 0–6, ARM: 0–5, RISC-V: 0 only (its generations are "TBD").
    pub const fn max_generation(self) -> u8 {
        match self {
            CpuVendor::Intel | CpuVendor::Amd => 6,
            CpuVendor::Arm => 5,
            CpuVendor::RiscV => 0,
        }
    }

    /// The name of generation `gen` (1 ..= [`max_generation`](Self::max_generation)).
    pub const fn generation_name(self, gen: u8) -> Option<&'static str> {
        Some(match (self, gen) {
            (CpuVendor::Intel, 1) => "Skylake",
            (CpuVendor::Intel, 2) => "Cascade Lake",
            (CpuVendor::Intel, 3) => "Ice Lake",
            (CpuVendor::Intel, 4) => "Sapphire Rapids",
            (CpuVendor::Intel, 5) => "Sierra Forest",
            (CpuVendor::Intel, 6) => "Granite Rapids",
            (CpuVendor::Amd, 1) => "Zen 1",
            (CpuVendor::Amd, 2) => "Zen 2",
            (CpuVendor::Amd, 3) => "Zen 3",
            (CpuVendor::Amd, 4) => "Zen 4",
            (CpuVendor::Amd, 5) => "Zen 5",
            (CpuVendor::Amd, 6) => "Zen 6",
            (CpuVendor::Arm, 1) => "Cortex-A76/Neoverse N1 class",
            (CpuVendor::Arm, 2) => "Cortex-A78/X1/Neoverse V1 class",
            (CpuVendor::Arm, 3) => "Cortex-A71x/Neoverse N2/V2 class",
            (CpuVendor::Arm, 4) => "AmpereOne",
            (CpuVendor::Arm, 5) => "Cortex-A72x/Neoverse N3/V3 class",
            _ => return None,
        })
    }

    /// English words for the prose.
    pub const fn prose(self) -> &'static str {
        match self {
            CpuVendor::Intel => "Intel",
            CpuVendor::Amd => "AMD",
            CpuVendor::Arm => "ARM",
            CpuVendor::RiscV => "RISC-V",
        }
    }
}

/// Pass-through or virtual GPU: the letter `G` or `g`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum GpuKind {
    /// `G`: a whole GPU passed through.
    PassThrough,
    /// `g`: a virtual GPU.
    Virtual,
}

impl GpuKind {
    /// The letter in a name.
    pub const fn letter(self) -> char {
        match self {
            GpuKind::PassThrough => 'G',
            GpuKind::Virtual => 'g',
        }
    }
}

/// The GPU vendor letter: `gpuvendor = "N" | "A" | "I"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum GpuVendor {
    /// `N`: nVidia.
    Nvidia,
    /// `A`: AMD.
    Amd,
    /// `I`: Intel.
    Intel,
}

impl GpuVendor {
    /// The letter in a name.
    pub const fn letter(self) -> char {
        match self {
            GpuVendor::Nvidia => 'N',
            GpuVendor::Amd => 'A',
            GpuVendor::Intel => 'I',
        }
    }

    /// The vendor of a letter.
    pub const fn from_letter(c: u8) -> Option<GpuVendor> {
        match c {
            b'N' => Some(GpuVendor::Nvidia),
            b'A' => Some(GpuVendor::Amd),
            b'I' => Some(GpuVendor::Intel),
            _ => None,
        }
    }

    /// English words for the prose.
    pub const fn prose(self) -> &'static str {
        match self {
            GpuVendor::Nvidia => "nVidia",
            GpuVendor::Amd => "AMD",
            GpuVendor::Intel => "Intel",
        }
    }
}

macro_rules! gpu_generations {
    ($($variant:ident = ($vendor:ident, $code:literal, $prose:literal);)*) => {
        /// A GPU generation code of the v3 table, as the official suite accepts them.
        ///
        /// Each code belongs to one vendor: `a` is nVidia Ampere, `3.1` is AMD RDNA3, `0.95` is
        /// Intel Gen9.5 (accepted by the official suite, not listed in the text).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum GpuGeneration {
            $(
                #[doc = concat!("`", $code, "`: ", $prose, ".")]
                $variant,
            )*
        }

        impl GpuGeneration {
            /// Every generation code of every vendor.
            pub const ALL: &'static [GpuGeneration] = &[$(GpuGeneration::$variant),*];

            /// The vendor this code belongs to.
            pub const fn vendor(self) -> GpuVendor {
                match self { $(GpuGeneration::$variant => GpuVendor::$vendor,)* }
            }

            /// The code as written in a name.
            pub const fn code(self) -> &'static str {
                match self { $(GpuGeneration::$variant => $code,)* }
            }

            /// The name of the generation.
            pub const fn prose(self) -> &'static str {
                match self { $(GpuGeneration::$variant => $prose,)* }
            }

            /// The generation `code` denotes for `vendor`, compared byte for byte.
            pub fn from_code(vendor: GpuVendor, code: &[u8]) -> Option<GpuGeneration> {
                match (vendor, code) {
                    $((GpuVendor::$vendor, c) if c == $code.as_bytes() => Some(GpuGeneration::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

gpu_generations! {
    NvidiaFermi = (Nvidia, "f", "Fermi");
    NvidiaKepler = (Nvidia, "k", "Kepler");
    NvidiaMaxwell = (Nvidia, "m", "Maxwell");
    NvidiaPascal = (Nvidia, "p", "Pascal");
    NvidiaVolta = (Nvidia, "v", "Volta");
    NvidiaTuring = (Nvidia, "t", "Turing");
    NvidiaAmpere = (Nvidia, "a", "Ampere");
    NvidiaAdaLovelace = (Nvidia, "l", "Ada Lovelace");
    NvidiaGraceHopper = (Nvidia, "g", "Grace Hopper");
    NvidiaBlackwell = (Nvidia, "b", "Blackwell");
    NvidiaBlackwellUltra = (Nvidia, "u", "Blackwell Ultra");
    AmdGcn4 = (Amd, "0.4", "GCN4 (Polaris)");
    AmdGcn5 = (Amd, "0.5", "GCN5 (Vega)");
    AmdCdna1 = (Amd, "1", "CDNA1");
    AmdRdna1 = (Amd, "1.1", "RDNA1");
    AmdCdna2 = (Amd, "2", "CDNA2");
    AmdRdna2 = (Amd, "2.1", "RDNA2");
    AmdCdna3 = (Amd, "3", "CDNA3");
    AmdRdna3 = (Amd, "3.1", "RDNA3");
    AmdRdna3_5 = (Amd, "3.5", "RDNA3.5");
    AmdCdna4 = (Amd, "4", "CDNA4");
    AmdRdna4 = (Amd, "4.1", "RDNA4");
    AmdRdna5 = (Amd, "5.1", "RDNA5");
    IntelGen9 = (Intel, "0.9", "Gen9");
    IntelGen9_5 = (Intel, "0.95", "Gen9.5");
    IntelXe1 = (Intel, "1", "Xe1 (DG1)");
    IntelXe2 = (Intel, "2", "Xe2");
    IntelArc = (Intel, "3", "Arc (DG2)");
    IntelBattlemage = (Intel, "4", "Battlemage");
}

impl fmt::Display for GpuGeneration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The codes of one vendor, for error messages.
pub(crate) fn gpu_codes(vendor: GpuVendor) -> &'static str {
    match vendor {
        GpuVendor::Nvidia => "f, k, m, p, v, t, a, l, g, b, u",
        GpuVendor::Amd => "0.4, 0.5, 1, 1.1, 2, 2.1, 3, 3.1, 3.5, 4, 4.1, 5.1",
        GpuVendor::Intel => "0.9, 0.95, 1, 2, 3, 4",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gpu_codes_match_the_enum() {
        for vendor in [GpuVendor::Nvidia, GpuVendor::Amd, GpuVendor::Intel] {
            let listed: Vec<&str> = gpu_codes(vendor).split(", ").collect();
            let from_enum: Vec<&str> = GpuGeneration::ALL
                .iter()
                .filter(|g| g.vendor() == vendor)
                .map(|g| g.code())
                .collect();
            assert_eq!(listed, from_enum);
            for code in listed {
                let g = GpuGeneration::from_code(vendor, code.as_bytes()).unwrap();
                assert_eq!(g.code(), code);
            }
        }
        assert_eq!(GpuGeneration::from_code(GpuVendor::Nvidia, b"3"), None);
        assert_eq!(GpuGeneration::from_code(GpuVendor::Amd, b"3.10"), None);
    }

    #[test]
    fn extra_spec_values_round_trip() {
        for t in CpuType::ALL {
            assert_eq!(CpuType::from_extra_spec(t.extra_spec()), Some(t));
            assert_eq!(CpuType::from_letter(t.letter() as u8), Some(t));
        }
        for h in Hypervisor::ALL {
            assert_eq!(Hypervisor::from_token(h.token().as_bytes()), Some(h));
        }
        for t in DiskType::ALL {
            assert_eq!(DiskType::from_extra_spec(t.extra_spec()), Some(t));
            assert_eq!(DiskType::from_letter(t.letter() as u8), Some(t));
        }
        for v in CpuVendor::ALL {
            assert_eq!(CpuVendor::from_letter(v.letter() as u8), Some(v));
            for g in 1..=v.max_generation() {
                assert!(v.generation_name(g).is_some());
            }
            assert!(v.generation_name(v.max_generation() + 1).is_none());
        }
    }
}
