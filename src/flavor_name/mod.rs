//! scs-0100 v3 (text version 3.3): SCS flavor names.
//!
//! Standard: <https://docs.scs.community/standards/scs-0100-v3-flavor-naming>; the v1 and v2
//! texts for the older syntax.
//!
//! What is covered:
//!
//! - [`FlavorName`]: a parsed name (v3 syntax via [`FromStr`](std::str::FromStr::from_str), v1 via
//!   [`FlavorName::parse_v1`]); `Display` prints the canonical v3 form, [`FlavorName::v1`] the v1
//!   spelling; [`FlavorName::shorten`], [`FlavorName::describe`], [`FlavorNameBuilder`] and
//!   [`FlavorName::extra_specs`] (the extra specs a name implies, as scs-0103 uses them).
//! - [`classify`]: the compliance reading of any string (not an SCS name, valid, tolerated v1,
//!   invalid), and [`official::classify`], what the official suite would say.
//! - [`syntax_check`] and [`semantics_check`]: the testcases `scs-0100-syntax-check` and
//!   `scs-0100-semantics-check` over a flavor list, each with the outcome per the standard text
//!   and the official suite's outcome.
//!
//! # How the text was read
//!
//! The standard reading follows the official suite (`Tests/iaas/scs_0100_flavor_naming`) except
//! where the text is unambiguous and says otherwise. Accepted, as the official suite does:
//! leading zeros (`SCS-02C-4`), `4.0`, `4.`, `.5`, `00.5`, `1x10`, a multiplier without a size
//! (`-3x`, `-3xn`), a disk part without size (`SCS-2C-4-`, `SCS-2C-4-n`), generation `0`
//! (`_z0`, printed `_z`), `h` after the GPU generation without a unit count (`_GNah`), a GPU
//! without generation (`_GN-64`), VRAM `hh`, Intel GPU `0.95`; rejected as it does: `_r1`,
//! `-3x-`, GPU `hhh`, generations outside the closed tables (`_GA5`, `_GA0.3`), the text's own
//! example `SCS-2C-4-n_bms_3`. Accepted spellings that are not canonical get a warning naming the
//! canonical form.
//!
//! # Divergences from the official suite
//!
//! | input | standard (this crate) | official suite | why |
//! | --- | --- | --- | --- |
//! | `SCS-2C-4_GNa_ib`, `SCS-2C-4_GN_ib`, `SCS-2C-4-_GNa_ib`, v1 `SCS-2C:4-GNa-ib` | valid | invalid | its GPU generation pattern swallows the following `_ib` |
//! | `SCS-2C-4_GNah-64` | invalid | valid (VRAM 64, no CU) | the text allows `h` only after a CU count |
//! | `SCS-2C-4-x10`, `SCS-2C-4-x` | invalid | valid | the text's `x` follows a number |
//! | `SCS-2C-0.50000000000000001` | invalid | valid | RAM is a multiple of 0.5 in decimal, not after rounding to a binary float |
//! | a number above 4294967295 | invalid ("number too large") | valid | a flavor cannot have that many CPUs, GiB or disks |
//! | RAM of about 9e307 GiB or more | invalid | both testcases ABORT | the official suite crashes on it |
//! | a flavor `SCS-2C-4-` or `SCS-2C-4-n` (disk part without size) | semantics PASS | semantics ABORT | no size is promised, so none can be overpromised |
//!
//! Each divergence is pinned by a test, and wherever the two readings differ on a flavor list,
//! a warning finding says so.
//!
//! The semantics check compares vCPUs, RAM (with the official tolerance: pass iff
//! `ram_MiB >= 1024 * GiB - 51`, a warning below `1024 * GiB`) and disk size. Beyond the
//! official suite it warns where a flavor's `scs:cpu-type` or `scs:diskN-type` extra spec
//! contradicts its name. Not checked (nothing in the API shows them): `i`, `u`, `o`, the
//! hypervisor, `hwv`, the CPU vendor and generation, the GPU and InfiniBand.

mod builder;
mod check;
mod describe;
mod error;
mod extra_specs;
mod grammar;
pub mod official;
mod tables;

use std::fmt;
use std::num::{NonZeroU32, NonZeroU8};
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub use builder::{BuildError, FlavorNameBuilder};
pub use check::{assess, check, classify, semantics_check, syntax_check, Assessment, Compliance};
pub use describe::Description;
pub use error::{ErrorKind, FlavorNameError, Found};
pub use extra_specs::{DiskTypeKeys, ExtraSpecs, NameVariant, SpecKey, SpecValue};
pub use tables::{CpuType, CpuVendor, DiskType, GpuGeneration, GpuKind, GpuVendor, Hypervisor};

use error::Dialect;

/// Amount of RAM in steps of 0.5 GiB, from 0.5 to 4294967295.5.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ram {
    halves: u64,
}

impl Ram {
    pub(crate) const fn from_parts(whole: u32, half: bool) -> Ram {
        Ram {
            halves: whole as u64 * 2 + half as u64,
        }
    }

    /// A whole number of GiB; `None` for 0.
    pub const fn gib(gib: u32) -> Option<Ram> {
        if gib == 0 {
            None
        } else {
            Some(Ram::from_parts(gib, false))
        }
    }

    /// `half_gib` halves of a GiB (`Ram::from_half_gib(1)` is 0.5 GiB); `None` for 0 or above
    /// 4294967295.5 GiB.
    pub const fn from_half_gib(half_gib: u64) -> Option<Ram> {
        if half_gib == 0 || half_gib > u32::MAX as u64 * 2 + 1 {
            None
        } else {
            Some(Ram { halves: half_gib })
        }
    }

    /// The amount in halves of a GiB.
    pub const fn half_gib(self) -> u64 {
        self.halves
    }

    /// The whole GiB (4 for 4.5).
    pub const fn whole_gib(self) -> u32 {
        (self.halves / 2) as u32
    }

    /// Whether there is a half GiB on top of the whole ones.
    pub const fn has_half(self) -> bool {
        self.halves % 2 == 1
    }

    /// The amount in GiB as a float (exact).
    pub fn as_f64(self) -> f64 {
        self.halves as f64 / 2.0
    }

    /// The amount in MiB.
    pub const fn mib(self) -> u64 {
        self.halves * 512
    }
}

impl fmt::Display for Ram {
    /// `4`, `0.5`, `3.5`: the canonical spelling in a name.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_u64(f, self.halves / 2)?;
        if self.has_half() {
            f.write_str(".5")?;
        }
        Ok(())
    }
}

/// The disk part: `"-" [ [MULT "x"] SIZE ] [disktype]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Disk {
    /// Number of disks (`3` in `3x10s`); 1 without a multiplier.
    pub count: NonZeroU32,
    /// Size of each disk in GB; `None` when the cloud chooses (`SCS-2C-4-`, `SCS-2C-4-n`).
    pub size: Option<NonZeroU32>,
    /// Disk type; `None` when unspecified.
    pub kind: Option<DiskType>,
}

/// The CPU architecture extension: `"_" cpuvendor [cpugen] ["h" | "hh" | "hhh"]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CpuArch {
    /// The vendor letter.
    pub vendor: CpuVendor,
    /// The generation; `None` when not given (or given as `0`, "old or unspecified").
    pub generation: Option<NonZeroU8>,
    /// Number of `h` (0 to 3): all-core frequency above 2.75, 3.25, 3.75 GHz.
    pub frequency: u8,
}

/// The GPU extension: `"_" ("G" | "g") gpuvendor [gpugen ["-" CU [h…] ["-" VRAM [h…]]]]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Gpu {
    /// Pass-through (`G`) or virtual (`g`).
    pub kind: GpuKind,
    /// The vendor letter.
    pub vendor: GpuVendor,
    /// The generation code, if given.
    pub generation: Option<GpuGeneration>,
    /// Number of compute units (SMs, CUs or EUs), if given.
    pub compute_units: Option<NonZeroU32>,
    /// Number of `h` after the compute units (0 to 2): high-frequency units.
    pub compute_unit_h: u8,
    /// GiB of video memory, if given (only after a compute-unit count).
    pub vram: Option<NonZeroU32>,
    /// Number of `h` after the VRAM (0 to 2): high-bandwidth memory.
    pub vram_h: u8,
}

/// A valid SCS flavor name, decoded.
///
/// A small `Copy` value made of numbers and table letters: parsing allocates nothing and the
/// value keeps no reference to the text. `Display` prints the canonical v3 form; parsing that
/// form gives back an equal value.
///
/// ```
/// use scs_validators::flavor_name::{CpuType, FlavorName};
/// let name: FlavorName = "SCS-16T-64-3x10s_bms_hwv_i3h_GNa-64_ib".parse()?;
/// assert_eq!(name.cpus(), 16);
/// assert_eq!(name.cpu_type(), CpuType::DedicatedThread);
/// assert_eq!(name.shorten().to_string(), "SCS-16T-64-3x10s_GNa-64_ib");
/// assert_eq!(name.v1().to_string(), "SCS-16T:64:3x10s-bms-hwv-i3h-GNa:64-ib");
/// # Ok::<(), scs_validators::flavor_name::FlavorNameError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FlavorName {
    cpus: NonZeroU32,
    cpu_type: CpuType,
    insecure: bool,
    ram: Ram,
    no_ecc: bool,
    oversubscribed: bool,
    disk: Option<Disk>,
    hypervisor: Option<Hypervisor>,
    hardware_virtualization: bool,
    arch: Option<CpuArch>,
    gpu: Option<Gpu>,
    infiniband: bool,
}

impl FlavorName {
    /// Parses a name in the v3 (= v2) syntax, per the standard text.
    ///
    /// # Errors
    ///
    /// Any string that is not a valid v3 name, for example `SCS-2iT-4` (the `i` must follow the
    /// CPU letter), `SCS-2C-4-1.5n` (disk sizes are whole numbers), `SCS-2C-4_hwv_kvm` (the
    /// hypervisor comes before `hwv`), `SCS-2C-4_a6` (no such ARM generation),
    /// `SCS-99999999999C-4` (number too large), or a v1 name such as `SCS-2C:4`.
    pub fn parse(name: &str) -> Result<FlavorName, FlavorNameError> {
        grammar::parse(name, Dialect::V3).map_err(|e| e.into_error(name))
    }

    /// Parses a name in the v1 syntax (`SCS-2C:4:10n-bms`), per the standard text.
    ///
    /// # Errors
    ///
    /// Any string that is not a valid v1 name, including v3 names and the hypervisor `chy`
    /// (which v1 does not know).
    pub fn parse_v1(name: &str) -> Result<FlavorName, FlavorNameError> {
        grammar::parse(name, Dialect::V1).map_err(|e| e.into_error(name))
    }

    /// Whether `name` is a valid v3 name. Allocates nothing; agrees with [`FlavorName::parse`].
    pub fn is_valid(name: &str) -> bool {
        grammar::parse(name, Dialect::V3).is_ok()
    }

    /// A builder for a name with `cpus` CPUs of `cpu_type` and `ram`.
    pub fn builder(cpus: u32, cpu_type: CpuType, ram: Ram) -> FlavorNameBuilder {
        FlavorNameBuilder::new(cpus, cpu_type, ram)
    }

    /// Number of CPUs (`COUNT`).
    pub fn cpus(&self) -> u32 {
        self.cpus.get()
    }
    /// The CPU letter.
    pub fn cpu_type(&self) -> CpuType {
        self.cpu_type
    }
    /// Whether the CPU is marked insecure (`i`).
    pub fn insecure(&self) -> bool {
        self.insecure
    }
    /// The amount of RAM.
    pub fn ram(&self) -> Ram {
        self.ram
    }
    /// Whether the RAM has no ECC (`u`).
    pub fn no_ecc(&self) -> bool {
        self.no_ecc
    }
    /// Whether the RAM is oversubscribed (`o`).
    pub fn oversubscribed(&self) -> bool {
        self.oversubscribed
    }
    /// The disk part, if any.
    pub fn disk(&self) -> Option<Disk> {
        self.disk
    }
    /// The hypervisor extension, if any.
    pub fn hypervisor(&self) -> Option<Hypervisor> {
        self.hypervisor
    }
    /// Whether instances see hardware virtualization (`_hwv`).
    pub fn hardware_virtualization(&self) -> bool {
        self.hardware_virtualization
    }
    /// The CPU architecture extension, if any.
    pub fn cpu_arch(&self) -> Option<CpuArch> {
        self.arch
    }
    /// The GPU extension, if any.
    pub fn gpu(&self) -> Option<Gpu> {
        self.gpu
    }
    /// Whether the flavor has InfiniBand (`_ib`).
    pub fn infiniband(&self) -> bool {
        self.infiniband
    }

    /// The short form: prefix, CPU/RAM, disk and `_ib` kept; hypervisor and `_hwv` dropped; the
    /// architecture dropped for Intel and AMD, reduced to the vendor letter for ARM and
    /// RISC-V; the GPU kept without its `h` modifiers (as the official tooling shortens).
    #[must_use]
    pub fn shorten(&self) -> FlavorName {
        FlavorName {
            hypervisor: None,
            hardware_virtualization: false,
            arch: self.arch.and_then(|a| match a.vendor {
                CpuVendor::Intel | CpuVendor::Amd => None,
                vendor => Some(CpuArch {
                    vendor,
                    generation: None,
                    frequency: 0,
                }),
            }),
            gpu: self.gpu.map(|g| Gpu {
                compute_unit_h: 0,
                vram_h: 0,
                ..g
            }),
            ..*self
        }
    }

    /// The v1 spelling (`SCS-2C:4:10n-bms`) as a `Display` adapter.
    pub fn v1(&self) -> V1Display<'_> {
        V1Display(self)
    }

    /// An English description of what the name promises, as a `Display` adapter.
    pub fn describe(&self) -> Description<'_> {
        Description::new(self)
    }

    /// The extra specs this name implies (`cpus`, `ram`, `scs:cpu-type`, `disk`,
    /// `scs:diskN-type`, `scs:name-vN`), computed lazily.
    pub fn extra_specs(&self) -> ExtraSpecs {
        ExtraSpecs::new(*self)
    }

    fn write(&self, f: &mut fmt::Formatter<'_>, d: Dialect) -> fmt::Result {
        let mut out = Ascii::new();
        self.write_into(&mut out, d);
        f.write_str(out.as_str())
    }

    /// The name in dialect `d`, byte by byte into a stack buffer, which is written in one go.
    fn write_into(&self, out: &mut Ascii, d: Dialect) {
        let (m, x) = (d.main, d.ext);
        out.push_str("SCS-");
        out.push_u64(u64::from(self.cpus.get()));
        out.push(self.cpu_type.letter() as u8);
        if self.insecure {
            out.push(b'i');
        }
        out.push(m);
        out.push_ram(self.ram);
        if self.no_ecc {
            out.push(b'u');
        }
        if self.oversubscribed {
            out.push(b'o');
        }
        if let Some(disk) = self.disk {
            out.push(m);
            if disk.count.get() != 1 {
                out.push_u64(u64::from(disk.count.get()));
                out.push(b'x');
            }
            if let Some(size) = disk.size {
                out.push_u64(u64::from(size.get()));
            }
            if let Some(kind) = disk.kind {
                out.push(kind.letter() as u8);
            }
        }
        if let Some(h) = self.hypervisor {
            out.push(x);
            out.push_str(h.token());
        }
        if self.hardware_virtualization {
            out.push(x);
            out.push_str("hwv");
        }
        if let Some(a) = self.arch {
            out.push(x);
            out.push(a.vendor.letter() as u8);
            if let Some(g) = a.generation {
                out.push_u64(u64::from(g.get()));
            }
            out.push_h(a.frequency);
        }
        if let Some(g) = self.gpu {
            out.push(x);
            out.push(g.kind.letter() as u8);
            out.push(g.vendor.letter() as u8);
            if let Some(gen) = g.generation {
                out.push_str(gen.code());
            }
            if let Some(cu) = g.compute_units {
                out.push(m);
                out.push_u64(u64::from(cu.get()));
            }
            out.push_h(g.compute_unit_h);
            if let Some(v) = g.vram {
                out.push(m);
                out.push_u64(u64::from(v.get()));
            }
            out.push_h(g.vram_h);
        }
        if self.infiniband {
            out.push(x);
            out.push_str("ib");
        }
    }
}

/// A stack buffer for a name: the longest (ten-digit numbers everywhere, every extension) has
/// 108 bytes.
struct Ascii {
    buf: [u8; 128],
    len: usize,
}

impl Ascii {
    fn new() -> Self {
        Ascii {
            buf: [0; 128],
            len: 0,
        }
    }

    #[inline]
    fn push(&mut self, b: u8) {
        if let Some(slot) = self.buf.get_mut(self.len) {
            *slot = b;
            self.len += 1;
        }
    }

    #[inline]
    fn push_str(&mut self, s: &str) {
        let end = (self.len + s.len()).min(self.buf.len());
        self.buf[self.len..end].copy_from_slice(&s.as_bytes()[..end - self.len]);
        self.len = end;
    }

    fn push_h(&mut self, n: u8) {
        self.push_str(&"hhh"[..usize::from(n.min(3))]);
    }

    /// A decimal number without the formatting machinery, written in place.
    #[inline]
    fn push_u64(&mut self, mut v: u64) {
        let mut digits = 1;
        let mut rest = v / 10;
        while rest != 0 {
            rest /= 10;
            digits += 1;
        }
        let end = self.len + digits;
        if let Some(slots) = self.buf.get_mut(self.len..end) {
            let mut i = slots.len();
            while i > 0 {
                i -= 1;
                slots[i] = b'0' + (v % 10) as u8;
                v /= 10;
            }
            self.len = end;
        }
    }

    fn push_ram(&mut self, ram: Ram) {
        self.push_u64(ram.halves / 2);
        if ram.has_half() {
            self.push_str(".5");
        }
    }

    fn as_str(&self) -> &str {
        // Only ASCII was pushed.
        std::str::from_utf8(&self.buf[..self.len]).unwrap_or("")
    }
}

/// Writes a decimal number without going through the formatting machinery.
fn write_u64(f: &mut fmt::Formatter<'_>, v: u64) -> fmt::Result {
    let mut out = Ascii::new();
    out.push_u64(v);
    f.write_str(out.as_str())
}

impl fmt::Display for FlavorName {
    /// The canonical v3 form.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, Dialect::V3)
    }
}

/// The v1 spelling of a name, returned by [`FlavorName::v1`].
///
/// A name with the hypervisor `chy` has a v1 spelling, but the v1 syntax does not accept it.
#[derive(Clone, Copy, Debug)]
pub struct V1Display<'a>(&'a FlavorName);

impl fmt::Display for V1Display<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.write(f, Dialect::V1)
    }
}

impl FromStr for FlavorName {
    type Err = FlavorNameError;

    /// Same as [`FlavorName::parse`].
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        FlavorName::parse(s)
    }
}

impl Serialize for FlavorName {
    /// As the canonical v3 text.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for FlavorName {
    /// From v3 text, through the validating parser.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        FlavorName::parse(&s).map_err(serde::de::Error::custom)
    }
}
