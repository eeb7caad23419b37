//! Building names field by field.

use std::num::{NonZeroU32, NonZeroU8};

use thiserror::Error;

use super::{
    CpuArch, CpuType, CpuVendor, Disk, DiskType, FlavorName, Gpu, GpuGeneration, GpuKind,
    GpuVendor, Hypervisor, Ram,
};

/// Why [`FlavorNameBuilder::build`] refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum BuildError {
    /// The CPU count is 0.
    #[error("the number of CPUs must be positive")]
    ZeroCpus,
    /// The number of disks is 0.
    #[error("the number of disks must be positive")]
    ZeroDiskCount,
    /// The disk size is 0 (use `None` for "chosen by the cloud").
    #[error("the disk size must be positive")]
    ZeroDiskSize,
    /// A CPU generation beyond the vendor's table.
    #[error("CPU vendor `{vendor}` has no generation {generation} (0 to {max})", vendor = .vendor.letter(), max = .vendor.max_generation())]
    UnknownCpuGeneration {
        /// The vendor.
        vendor: CpuVendor,
        /// The generation asked for.
        generation: u8,
    },
    /// More than three `h` after the CPU generation.
    #[error("the CPU frequency takes at most 3 `h`, not {0}")]
    CpuFrequency(u8),
    /// A GPU generation code of another vendor.
    #[error("GPU generation `{generation}` is not one of vendor `{vendor}`", vendor = .vendor.letter())]
    GpuGenerationVendor {
        /// The vendor.
        vendor: GpuVendor,
        /// The generation code asked for.
        generation: GpuGeneration,
    },
    /// A compute-unit count of 0.
    #[error("the number of GPU compute units must be positive")]
    ZeroComputeUnits,
    /// A VRAM size of 0.
    #[error("the VRAM size must be positive")]
    ZeroVram,
    /// A VRAM size without a compute-unit count.
    #[error("a VRAM size needs a compute-unit count")]
    VramWithoutComputeUnits,
    /// More than two `h` after the compute units or the VRAM size.
    #[error("the GPU takes at most 2 `h` after the compute units and after the VRAM, not {0}")]
    GpuH(u8),
}

/// Builds a [`FlavorName`] field by field; [`build`](FlavorNameBuilder::build) checks every rule
/// once, so whatever it returns prints as a valid name and parses back to an equal value.
///
/// ```
/// use scs_validators::flavor_name::{CpuType, CpuVendor, DiskType, FlavorName, Ram};
/// let name = FlavorName::builder(8, CpuType::DedicatedThread, Ram::gib(32).unwrap())
///     .disk(1, Some(50), Some(DiskType::Nvme))
///     .cpu_arch(CpuVendor::Intel, 1, 0)
///     .insecure(true)
///     .build()?;
/// assert_eq!(name.to_string(), "SCS-8Ti-32-50p_i1");
/// # Ok::<(), scs_validators::flavor_name::BuildError>(())
/// ```
#[derive(Clone, Copy, Debug)]
#[must_use = "a builder does nothing until `build` is called"]
pub struct FlavorNameBuilder {
    cpus: u32,
    cpu_type: CpuType,
    insecure: bool,
    ram: Ram,
    no_ecc: bool,
    oversubscribed: bool,
    disk: Option<(u32, Option<u32>, Option<DiskType>)>,
    hypervisor: Option<Hypervisor>,
    hwv: bool,
    arch: Option<(CpuVendor, u8, u8)>,
    gpu: Option<GpuSpec>,
    ib: bool,
}

#[derive(Clone, Copy, Debug)]
struct GpuSpec {
    kind: GpuKind,
    vendor: GpuVendor,
    generation: Option<GpuGeneration>,
    cu: Option<u32>,
    cu_h: u8,
    vram: Option<(u32, u8)>,
}

impl FlavorNameBuilder {
    /// A builder for `cpus` CPUs of `cpu_type` with `ram`; everything else absent.
    pub fn new(cpus: u32, cpu_type: CpuType, ram: Ram) -> Self {
        FlavorNameBuilder {
            cpus,
            cpu_type,
            insecure: false,
            ram,
            no_ecc: false,
            oversubscribed: false,
            disk: None,
            hypervisor: None,
            hwv: false,
            arch: None,
            gpu: None,
            ib: false,
        }
    }

    /// Sets the CPU count.
    pub fn cpus(mut self, cpus: u32) -> Self {
        self.cpus = cpus;
        self
    }
    /// Sets the CPU letter.
    pub fn cpu_type(mut self, cpu_type: CpuType) -> Self {
        self.cpu_type = cpu_type;
        self
    }
    /// Marks the CPU insecure (`i`).
    pub fn insecure(mut self, yes: bool) -> Self {
        self.insecure = yes;
        self
    }
    /// Sets the RAM.
    pub fn ram(mut self, ram: Ram) -> Self {
        self.ram = ram;
        self
    }
    /// Marks the RAM as without ECC (`u`).
    pub fn no_ecc(mut self, yes: bool) -> Self {
        self.no_ecc = yes;
        self
    }
    /// Marks the RAM as oversubscribed (`o`).
    pub fn oversubscribed(mut self, yes: bool) -> Self {
        self.oversubscribed = yes;
        self
    }
    /// Sets the disk part: `count` disks (1 for no multiplier) of `size` GB (`None`: chosen by
    /// the cloud) and `kind`.
    pub fn disk(mut self, count: u32, size: Option<u32>, kind: Option<DiskType>) -> Self {
        self.disk = Some((count, size, kind));
        self
    }
    /// Removes the disk part.
    pub fn no_disk(mut self) -> Self {
        self.disk = None;
        self
    }
    /// Sets the hypervisor.
    pub fn hypervisor(mut self, hypervisor: Option<Hypervisor>) -> Self {
        self.hypervisor = hypervisor;
        self
    }
    /// Sets `_hwv`.
    pub fn hardware_virtualization(mut self, yes: bool) -> Self {
        self.hwv = yes;
        self
    }
    /// Sets the CPU architecture: vendor, generation (0 for none) and number of `h`.
    pub fn cpu_arch(mut self, vendor: CpuVendor, generation: u8, frequency: u8) -> Self {
        self.arch = Some((vendor, generation, frequency));
        self
    }
    /// Removes the CPU architecture.
    pub fn no_cpu_arch(mut self) -> Self {
        self.arch = None;
        self
    }
    /// Sets the GPU: kind, vendor and generation; no compute units or VRAM yet.
    pub fn gpu(
        mut self,
        kind: GpuKind,
        vendor: GpuVendor,
        generation: Option<GpuGeneration>,
    ) -> Self {
        self.gpu = Some(GpuSpec {
            kind,
            vendor,
            generation,
            cu: None,
            cu_h: 0,
            vram: None,
        });
        self
    }
    /// Sets the GPU's compute units and their number of `h` (needs [`gpu`](Self::gpu) first;
    /// ignored without a GPU).
    pub fn gpu_compute_units(mut self, units: u32, h: u8) -> Self {
        if let Some(g) = &mut self.gpu {
            g.cu = Some(units);
            g.cu_h = h;
        }
        self
    }
    /// Sets only the number of `h` after the GPU generation, without a compute-unit count
    /// (`_GNah`, accepted by the official suite and therefore here); ignored without a GPU.
    pub fn gpu_high_frequency(mut self, h: u8) -> Self {
        if let Some(g) = &mut self.gpu {
            g.cu_h = h;
        }
        self
    }
    /// Sets the GPU's VRAM in GiB and its number of `h` (needs [`gpu`](Self::gpu) first;
    /// ignored without a GPU).
    pub fn gpu_vram(mut self, gib: u32, h: u8) -> Self {
        if let Some(g) = &mut self.gpu {
            g.vram = Some((gib, h));
        }
        self
    }
    /// Removes the GPU.
    pub fn no_gpu(mut self) -> Self {
        self.gpu = None;
        self
    }
    /// Sets `_ib`.
    pub fn infiniband(mut self, yes: bool) -> Self {
        self.ib = yes;
        self
    }

    /// Checks every rule and returns the name.
    ///
    /// # Errors
    ///
    /// A zero count or size, a generation outside the vendor's table (`_a6`), a GPU
    /// generation of another vendor, too many `h`, or VRAM without compute units.
    pub fn build(self) -> Result<FlavorName, BuildError> {
        let cpus = NonZeroU32::new(self.cpus).ok_or(BuildError::ZeroCpus)?;
        let disk = match self.disk {
            None => None,
            Some((count, size, kind)) => Some(Disk {
                count: NonZeroU32::new(count).ok_or(BuildError::ZeroDiskCount)?,
                size: match size {
                    None => None,
                    Some(s) => Some(NonZeroU32::new(s).ok_or(BuildError::ZeroDiskSize)?),
                },
                kind,
            }),
        };
        let arch = match self.arch {
            None => None,
            Some((vendor, generation, frequency)) => {
                if generation > vendor.max_generation() {
                    return Err(BuildError::UnknownCpuGeneration { vendor, generation });
                }
                if frequency > 3 {
                    return Err(BuildError::CpuFrequency(frequency));
                }
                Some(CpuArch {
                    vendor,
                    generation: NonZeroU8::new(generation),
                    frequency,
                })
            }
        };
        let gpu = match self.gpu {
            None => None,
            Some(g) => {
                if let Some(generation) = g.generation {
                    if generation.vendor() != g.vendor {
                        return Err(BuildError::GpuGenerationVendor {
                            vendor: g.vendor,
                            generation,
                        });
                    }
                }
                let cu_h = g.cu_h;
                let cu = match g.cu {
                    None => None,
                    Some(u) => Some(NonZeroU32::new(u).ok_or(BuildError::ZeroComputeUnits)?),
                };
                let (vram, vram_h) = match g.vram {
                    None => (None, 0),
                    Some((v, h)) => {
                        if cu.is_none() {
                            return Err(BuildError::VramWithoutComputeUnits);
                        }
                        (Some(NonZeroU32::new(v).ok_or(BuildError::ZeroVram)?), h)
                    }
                };
                if cu_h > 2 {
                    return Err(BuildError::GpuH(cu_h));
                }
                if vram_h > 2 {
                    return Err(BuildError::GpuH(vram_h));
                }
                Some(Gpu {
                    kind: g.kind,
                    vendor: g.vendor,
                    generation: g.generation,
                    compute_units: cu,
                    compute_unit_h: cu_h,
                    vram,
                    vram_h,
                })
            }
        };
        let name = FlavorName {
            cpus,
            cpu_type: self.cpu_type,
            insecure: self.insecure,
            ram: self.ram,
            no_ecc: self.no_ecc,
            oversubscribed: self.oversubscribed,
            disk,
            hypervisor: self.hypervisor,
            hardware_virtualization: self.hwv,
            arch,
            gpu,
            infiniband: self.ib,
        };
        debug_assert_eq!(
            FlavorName::parse(&name.to_string()).ok(),
            Some(name),
            "the builder made a name that does not parse back"
        );
        Ok(name)
    }
}
