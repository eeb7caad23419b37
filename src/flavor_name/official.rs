//! What the official SCS suite reports on a name (`Tests/iaas/scs_0100_flavor_naming`).
//!
//! The official suite cuts a name with the same grammar (see the module docs of
//! [`flavor_name`](super)) but converts the parts differently: numbers are unbounded (only a
//! digit string of more than 4300 digits is rejected, Python's limit), RAM is a binary float
//! (`0.50000000000000001` is 0.5), a multiplier `x` without a number means 1, its GPU
//! generation pattern swallows a following `_ib`, and a VRAM size may follow `h` without a
//! compute-unit count. A RAM figure whose double overflows a float (about 9e307 GiB) crashes it:
//! both scs-0100 testcases then ABORT for the whole cloud.
//!
//! A v3 name that fails is tried in v1 syntax; if that succeeds, the name is "merely tolerated".

use serde::{Deserialize, Serialize};

use super::error::Dialect;
use super::grammar::{raw, RawName, Span};
use super::tables::GpuGeneration;

/// The official suite's reading of one name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum OfficialVerdict {
    /// Does not start with `SCS-`: not checked.
    NotScs,
    /// Accepted in v3 syntax.
    Valid,
    /// Accepted in v1 syntax, with a warning.
    Tolerated,
    /// Rejected.
    Invalid,
    /// The suite crashes on it: both scs-0100 testcases ABORT.
    Abort,
}

/// What the official semantics check reads from a name it accepted.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct OfficialValues {
    /// The CPU count (saturated at `u128::MAX`; flavors count in `u64`).
    pub cpus: u128,
    /// The RAM as the float the official suite computes with.
    pub ram: f64,
    /// `None` without a disk part; `Some(None)` for a disk part without size.
    pub disk: Option<Option<u128>>,
}

enum Fault {
    Invalid,
    Abort,
}

/// What the official suite reports on `name`.
///
/// ```
/// use scs_validators::flavor_name::official::{classify, OfficialVerdict};
/// assert_eq!(classify("SCS-2C-4-x10"), OfficialVerdict::Valid);
/// assert_eq!(classify("SCS-2C-4_GNa_ib"), OfficialVerdict::Invalid);
/// assert_eq!(classify("SCS-2C:4"), OfficialVerdict::Tolerated);
/// assert_eq!(classify("scs-2C-4"), OfficialVerdict::NotScs);
/// ```
pub fn classify(name: &str) -> OfficialVerdict {
    read(name).0
}

/// The verdict and, for an accepted name, the values its semantics check uses.
pub(crate) fn read(name: &str) -> (OfficialVerdict, Option<OfficialValues>) {
    let bytes = name.as_bytes();
    if !bytes.starts_with(b"SCS-") {
        return (OfficialVerdict::NotScs, None);
    }
    match parse(bytes, Dialect::V3) {
        Ok(v) => (OfficialVerdict::Valid, Some(v)),
        Err(Fault::Abort) => (OfficialVerdict::Abort, None),
        Err(Fault::Invalid) => match parse(bytes, Dialect::V1) {
            Ok(v) => (OfficialVerdict::Tolerated, Some(v)),
            // A crash of the v1 attempt is swallowed; the v3 error is what surfaces.
            Err(_) => (OfficialVerdict::Invalid, None),
        },
    }
}

fn parse(input: &[u8], d: Dialect) -> Result<OfficialValues, Fault> {
    let r = raw(input, d, false).map_err(|_| Fault::Invalid)?;
    convert(input, &r)
}

/// A Python `int()` of a digit string that must be positive; saturates at `u128::MAX`.
fn positive(input: &[u8], span: Span) -> Result<u128, Fault> {
    let v = int(input, span)?;
    if v == 0 {
        Err(Fault::Invalid)
    } else {
        Ok(v)
    }
}

fn int(input: &[u8], span: Span) -> Result<u128, Fault> {
    let text = span.of(input);
    if text.is_empty() || text.len() > 4300 {
        return Err(Fault::Invalid);
    }
    Ok(text.iter().fold(0u128, |v, &b| {
        v.saturating_mul(10).saturating_add(u128::from(b - b'0'))
    }))
}

fn convert(input: &[u8], r: &RawName) -> Result<OfficialValues, Fault> {
    let m = &r.main;
    let cpus = positive(input, m.cpus)?;
    // Python's float() on `[0-9.]*` accepts exactly what Rust's f64 parser accepts, with the
    // same correctly rounded value.
    let text = std::str::from_utf8(m.ram.of(input)).map_err(|_| Fault::Invalid)?;
    let ram: f64 = text.parse().map_err(|_| Fault::Invalid)?;
    if ram <= 0.0 {
        return Err(Fault::Invalid);
    }
    let double = 2.0 * ram;
    if double.is_infinite() {
        // int(2 * value) raises OverflowError, which nothing catches.
        return Err(Fault::Abort);
    }
    if double.trunc() != double {
        return Err(Fault::Invalid);
    }
    let disk = match r.disk {
        None => None,
        Some(rd) => {
            if let Some(c) = rd.count {
                if !c.is_empty() {
                    positive(input, c)?;
                }
            }
            Some(if rd.size.is_empty() {
                None
            } else {
                Some(positive(input, rd.size)?)
            })
        }
    };
    if let Some(a) = r.arch {
        if !a.generation.is_empty() {
            let g = int(input, a.generation)?;
            if g > u128::from(a.vendor.max_generation()) {
                return Err(Fault::Invalid);
            }
        }
        if a.freq.len() > 3 {
            return Err(Fault::Invalid);
        }
    }
    if let Some(g) = r.gpu {
        let code = g.generation.of(input);
        if !code.is_empty() && GpuGeneration::from_code(g.vendor, code).is_none() {
            return Err(Fault::Invalid);
        }
        if let Some((_, s)) = g.cu {
            positive(input, s)?;
        }
        if g.cu_h.len() > 2 {
            return Err(Fault::Invalid);
        }
        if let Some((_, s)) = g.vram {
            positive(input, s)?;
        }
        if g.vram_h.len() > 2 {
            return Err(Fault::Invalid);
        }
    }
    if r.end != input.len() {
        return Err(Fault::Invalid);
    }
    Ok(OfficialValues { cpus, ram, disk })
}

/// The official RAM comparison: the flavor's MiB rounded to a tenth of a GiB the way the
/// official suite does it, `int((ram + 51) / 102.4) / 10`.
pub(crate) fn flavor_ram_gib(ram_mib: u64) -> f64 {
    ((u128::from(ram_mib) + 51) as f64 / 102.4).trunc() / 10.0
}
