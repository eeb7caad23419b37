//! The extra specs a name implies (scs-0100 as scs-0103 uses it).

use std::fmt;

use serde::{Serialize, Serializer};

use super::{CpuType, DiskType, FlavorName, Ram};

/// The extra specs a [`FlavorName`] implies, as the official tooling derives them:
///
/// - `cpus`, `ram` (GiB), `scs:cpu-type`;
/// - with a disk part: `disk` (the size; null when the name leaves it to the cloud) and
///   `scs:disk0-type` … `scs:disk{M-1}-type` for the `M` disks (an untyped disk is `network`);
/// - `scs:name-v1`, `scs:name-v2`, …: the full and the short name, each in v1 and v2 spelling,
///   de-duplicated, longest first, v1 before v2 where equally long.
///
/// Nothing is stored per disk: a name such as `SCS-2C-4-4000000000x10` implies four billion
/// disk keys, which [`ExtraSpecs::iter`] yields one by one on demand.
///
/// ```
/// use scs_validators::flavor_name::FlavorName;
/// let name: FlavorName = "SCS-2V-4-3x10s".parse()?;
/// let specs: Vec<String> = name
///     .extra_specs()
///     .iter()
///     .map(|(key, value)| format!("{key}={value}"))
///     .collect();
/// assert_eq!(
///     specs,
///     [
///         "cpus=2", "ram=4", "scs:cpu-type=shared-core", "disk=10",
///         "scs:disk0-type=ssd", "scs:disk1-type=ssd", "scs:disk2-type=ssd",
///         "scs:name-v1=SCS-2V:4:3x10s", "scs:name-v2=SCS-2V-4-3x10s",
///     ]
/// );
/// # Ok::<(), scs_validators::flavor_name::FlavorNameError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExtraSpecs {
    name: FlavorName,
}

/// One spelling of a name in `scs:name-vN`: the full or the short name, v1 or v2 syntax.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NameVariant {
    /// The name (already shortened for a short variant).
    pub name: FlavorName,
    /// Whether it is written in v1 syntax.
    pub v1: bool,
}

impl fmt::Display for NameVariant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.v1 {
            fmt::Display::fmt(&self.name.v1(), f)
        } else {
            fmt::Display::fmt(&self.name, f)
        }
    }
}

/// The key of an extra spec.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SpecKey {
    /// `cpus`
    Cpus,
    /// `ram`
    Ram,
    /// `scs:cpu-type`
    CpuType,
    /// `disk`
    Disk,
    /// `scs:disk{N}-type`
    DiskType(u32),
    /// `scs:name-v{N}` (numbered from 1)
    Name(u8),
}

impl fmt::Display for SpecKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SpecKey::Cpus => f.write_str("cpus"),
            SpecKey::Ram => f.write_str("ram"),
            SpecKey::CpuType => f.write_str("scs:cpu-type"),
            SpecKey::Disk => f.write_str("disk"),
            SpecKey::DiskType(n) => write!(f, "scs:disk{n}-type"),
            SpecKey::Name(n) => write!(f, "scs:name-v{n}"),
        }
    }
}

impl Serialize for SpecKey {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// The value of an extra spec.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpecValue {
    /// A count (`cpus`, `disk`).
    Int(u32),
    /// GiB of RAM.
    Ram(Ram),
    /// A table value (`shared-core`, `ssd`).
    Text(&'static str),
    /// A name spelling.
    Name(NameVariant),
    /// No value: `disk` of a name whose disk size is left to the cloud.
    Null,
}

impl fmt::Display for SpecValue {
    /// The value as text; [`SpecValue::Null`] prints nothing.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SpecValue::Int(n) => write!(f, "{n}"),
            SpecValue::Ram(r) => write!(f, "{r}"),
            SpecValue::Text(t) => f.write_str(t),
            SpecValue::Name(n) => write!(f, "{n}"),
            SpecValue::Null => Ok(()),
        }
    }
}

impl Serialize for SpecValue {
    /// Counts as integers, RAM as a float (as the official tooling has it), `Null` as null,
    /// the rest as strings.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            SpecValue::Int(n) => s.serialize_u32(*n),
            SpecValue::Ram(r) => s.serialize_f64(r.as_f64()),
            SpecValue::Null => s.serialize_none(),
            other => s.collect_str(other),
        }
    }
}

impl ExtraSpecs {
    pub(crate) fn new(name: FlavorName) -> Self {
        ExtraSpecs { name }
    }

    /// `cpus`.
    pub fn cpus(&self) -> u32 {
        self.name.cpus()
    }

    /// `ram`, in GiB.
    pub fn ram(&self) -> Ram {
        self.name.ram()
    }

    /// `scs:cpu-type`.
    pub fn cpu_type(&self) -> CpuType {
        self.name.cpu_type()
    }

    /// `disk`: `None` without a disk part, `Some(None)` for a disk part without size.
    pub fn disk(&self) -> Option<Option<u32>> {
        self.name.disk().map(|d| d.size.map(|s| s.get()))
    }

    /// Number of `scs:diskN-type` keys (the disk multiplier; 0 without a disk part).
    pub fn disk_count(&self) -> u32 {
        self.name.disk().map_or(0, |d| d.count.get())
    }

    /// The value of `scs:disk{n}-type`, if the name implies that key.
    pub fn disk_type(&self, n: u32) -> Option<DiskType> {
        let d = self.name.disk()?;
        (n < d.count.get()).then(|| d.kind.unwrap_or(DiskType::Network))
    }

    /// The `scs:diskN-type` keys and values, lazily.
    pub fn disk_types(&self) -> DiskTypeKeys {
        DiskTypeKeys {
            next: 0,
            count: self.disk_count(),
            kind: self
                .name
                .disk()
                .and_then(|d| d.kind)
                .unwrap_or(DiskType::Network),
        }
    }

    /// The spellings for `scs:name-v1`, `scs:name-v2`, … in order (two or four of them).
    pub fn names(&self) -> impl Iterator<Item = NameVariant> + '_ {
        let full = self.name;
        let short = full.shorten();
        let with_short = short != full;
        [
            NameVariant {
                name: full,
                v1: true,
            },
            NameVariant {
                name: full,
                v1: false,
            },
            NameVariant {
                name: short,
                v1: true,
            },
            NameVariant {
                name: short,
                v1: false,
            },
        ]
        .into_iter()
        .take(if with_short { 4 } else { 2 })
    }

    /// Total number of keys.
    pub fn len(&self) -> u64 {
        let names = self.names().count() as u64;
        let disk = self.name.disk().map_or(0, |d| 1 + u64::from(d.count.get()));
        3 + disk + names
    }

    /// Always false: every name implies at least `cpus`, `ram` and `scs:cpu-type`.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// The value of one key (`"scs:disk2-type"`, `"scs:name-v3"`, …), if the name implies it.
    pub fn get(&self, key: &str) -> Option<SpecValue> {
        match key {
            "cpus" => return Some(SpecValue::Int(self.cpus())),
            "ram" => return Some(SpecValue::Ram(self.ram())),
            "scs:cpu-type" => return Some(SpecValue::Text(self.cpu_type().extra_spec())),
            "disk" => {
                return self
                    .disk()
                    .map(|d| d.map_or(SpecValue::Null, SpecValue::Int))
            }
            _ => {}
        }
        if let Some(n) = key
            .strip_prefix("scs:disk")
            .and_then(|r| r.strip_suffix("-type"))
        {
            if n.bytes().all(|b| b.is_ascii_digit()) && (n == "0" || !n.starts_with('0')) {
                let n: u32 = n.parse().ok()?;
                return self.disk_type(n).map(|t| SpecValue::Text(t.extra_spec()));
            }
            return None;
        }
        if let Some(n) = key.strip_prefix("scs:name-v") {
            let n: usize = n.parse().ok().filter(|_| !n.starts_with('0'))?;
            return self.names().nth(n.checked_sub(1)?).map(SpecValue::Name);
        }
        None
    }

    /// Every key with its value, lazily, in the order of the official tooling.
    pub fn iter(&self) -> ExtraSpecsIter {
        ExtraSpecsIter {
            specs: *self,
            stage: 0,
            disks: self.disk_types(),
            name: 0,
        }
    }
}

impl IntoIterator for ExtraSpecs {
    type Item = (SpecKey, SpecValue);
    type IntoIter = ExtraSpecsIter;
    fn into_iter(self) -> ExtraSpecsIter {
        self.iter()
    }
}

/// The `scs:diskN-type` keys of a name, one by one.
#[derive(Clone, Copy, Debug)]
pub struct DiskTypeKeys {
    next: u32,
    count: u32,
    kind: DiskType,
}

impl Iterator for DiskTypeKeys {
    type Item = (SpecKey, DiskType);
    fn next(&mut self) -> Option<Self::Item> {
        if self.next >= self.count {
            return None;
        }
        let n = self.next;
        self.next += 1;
        Some((SpecKey::DiskType(n), self.kind))
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = (self.count - self.next) as usize;
        (left, Some(left))
    }
}

/// Iterator over all extra specs, returned by [`ExtraSpecs::iter`].
#[derive(Clone, Debug)]
pub struct ExtraSpecsIter {
    specs: ExtraSpecs,
    stage: u8,
    disks: DiskTypeKeys,
    name: u8,
}

impl Iterator for ExtraSpecsIter {
    type Item = (SpecKey, SpecValue);

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let stage = self.stage;
            match stage {
                0 => {
                    self.stage = 1;
                    return Some((SpecKey::Cpus, SpecValue::Int(self.specs.cpus())));
                }
                1 => {
                    self.stage = 2;
                    return Some((SpecKey::Ram, SpecValue::Ram(self.specs.ram())));
                }
                2 => {
                    self.stage = 3;
                    return Some((
                        SpecKey::CpuType,
                        SpecValue::Text(self.specs.cpu_type().extra_spec()),
                    ));
                }
                3 => {
                    self.stage = 4;
                    if let Some(d) = self.specs.disk() {
                        return Some((SpecKey::Disk, d.map_or(SpecValue::Null, SpecValue::Int)));
                    }
                }
                4 => match self.disks.next() {
                    Some((k, t)) => return Some((k, SpecValue::Text(t.extra_spec()))),
                    None => self.stage = 5,
                },
                _ => {
                    let n = self.name;
                    let v = self.specs.names().nth(usize::from(n))?;
                    self.name += 1;
                    return Some((SpecKey::Name(n + 1), SpecValue::Name(v)));
                }
            }
        }
    }
}
