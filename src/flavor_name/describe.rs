//! English prose for a name.

use std::fmt;

use super::{FlavorName, GpuKind};

/// An English description of a [`FlavorName`], returned by [`FlavorName::describe`].
///
/// ```
/// use scs_validators::flavor_name::FlavorName;
/// let name: FlavorName = "SCS-2C-4-3x10s_bms_z3h".parse()?;
/// assert_eq!(
///     name.describe().to_string(),
///     "2 dedicated cores (AMD Zen 3, all-core frequency above 2.75 GHz), 4 GiB RAM, \
///      3 local SSD disks of 10 GB each, bare metal"
/// );
/// # Ok::<(), scs_validators::flavor_name::FlavorNameError>(())
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Description<'a>(&'a FlavorName);

impl<'a> Description<'a> {
    pub(crate) fn new(name: &'a FlavorName) -> Self {
        Description(name)
    }
}

fn plural(n: u32) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

impl fmt::Display for Description<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0;
        // CPU
        write!(
            f,
            "{} {}{}{}",
            n.cpus(),
            if n.insecure() { "insecure " } else { "" },
            n.cpu_type().prose(),
            plural(n.cpus())
        )?;
        match n.cpu_arch() {
            None => f.write_str(" (generic x86-64)")?,
            Some(a) => {
                write!(f, " ({}", a.vendor.prose())?;
                if let Some(name) = a.generation.and_then(|g| a.vendor.generation_name(g.get())) {
                    write!(f, " {name}")?;
                }
                match a.frequency {
                    0 => {}
                    1 => f.write_str(", all-core frequency above 2.75 GHz")?,
                    2 => f.write_str(", all-core frequency above 3.25 GHz")?,
                    _ => f.write_str(", all-core frequency above 3.75 GHz")?,
                }
                f.write_str(")")?;
            }
        }
        // RAM
        write!(f, ", {} GiB RAM", n.ram())?;
        match (n.no_ecc(), n.oversubscribed()) {
            (false, false) => {}
            (true, false) => f.write_str(" (no ECC)")?,
            (false, true) => f.write_str(" (oversubscribed)")?,
            (true, true) => f.write_str(" (no ECC, oversubscribed)")?,
        }
        // Disk
        match n.disk() {
            None => f.write_str(", no root disk (boot from volume)")?,
            Some(d) => {
                let kind = d.kind.map(|k| k.prose());
                let count = d.count.get();
                if count == 1 {
                    f.write_str(", a ")?;
                    if let Some(size) = d.size {
                        write!(f, "{size} GB ")?;
                    }
                    if let Some(kind) = kind {
                        write!(f, "{kind} ")?;
                    }
                    f.write_str("root disk")?;
                    if d.size.is_none() {
                        f.write_str(" sized by the cloud")?;
                    }
                } else {
                    write!(f, ", {count} ")?;
                    if let Some(kind) = kind {
                        write!(f, "{kind} ")?;
                    }
                    f.write_str("disks")?;
                    match d.size {
                        Some(size) => write!(f, " of {size} GB each")?,
                        None => f.write_str(" sized by the cloud")?,
                    }
                }
            }
        }
        if let Some(h) = n.hypervisor() {
            write!(f, ", {}", h.prose())?;
        }
        if n.hardware_virtualization() {
            f.write_str(", hardware virtualization")?;
        }
        if let Some(g) = n.gpu() {
            f.write_str(match g.kind {
                GpuKind::PassThrough => ", a pass-through ",
                GpuKind::Virtual => ", a virtual ",
            })?;
            f.write_str(g.vendor.prose())?;
            if let Some(gen) = g.generation {
                write!(f, " {}", gen.prose())?;
            }
            f.write_str(" GPU")?;
            let level = |h: u8, high: &'static str, very: &'static str| match h {
                0 => "",
                1 => high,
                _ => very,
            };
            let cu_kind = level(g.compute_unit_h, "high-frequency ", "very high-frequency ");
            match g.compute_units {
                Some(cu) => write!(f, " with {cu} {cu_kind}compute unit{}", plural(cu.get()))?,
                None if !cu_kind.is_empty() => write!(f, " with {cu_kind}compute units")?,
                None => {}
            }
            if let Some(v) = g.vram {
                let bw = level(g.vram_h, "high-bandwidth ", "very high-bandwidth ");
                write!(f, " and {v} GiB {bw}VRAM")?;
            }
        }
        if n.infiniband() {
            f.write_str(", InfiniBand")?;
        }
        Ok(())
    }
}
