//! The scs-0100 name grammar (nom), shared by the standard reading and the official prediction.
//!
//! ```text
//! name      = "SCS-" cpu "-" ram [disk] [hyp] [hwv] [arch] [gpu] [ib]
//! cpu       = COUNT cputype ["i"]
//! ram       = GIB ["u"] ["o"]
//! disk      = "-" [ [MULT "x"] SIZE ] [disktype]
//! hyp       = "_" ("kvm" | "chy" | "xen" | "vmw" | "hyv" | "bms")
//! hwv       = "_hwv"
//! arch      = "_" cpuvendor [cpugen] ["h" | "hh" | "hhh"]
//! gpu       = "_" ("G" | "g") gpuvendor [gpugen ["-" CU [cufreq] ["-" VRAM ["h"]]]]
//! ib        = "_ib"
//! ```
//!
//! The first step, [`raw`], cuts a name into its parts exactly where the official suite's
//! regular expressions would cut it: each part is tried once, in order, anchored where the
//! previous one stopped, and a part that does not match is simply absent. Numbers and codes stay
//! text (byte spans) at this step. The second step converts the parts; [`convert`] does it per the
//! standard text (numbers up to 4294967295), `official::convert` as the official suite does.
//! The v1 syntax is the same grammar with the delimiters `:` and `-` (and without `chy`).
//!
//! For speed, [`parse`] first tries `parse_fast`, a single pass over the common case (a valid
//! name whose numbers have at most 9 digits) that allocates and copies nothing; it gives up on
//! anything else, and the nom path above has the last word and the error. A test
//! (`fast_path_agrees_with_the_full_path`) compares the two on generated and mutated names.

use std::num::NonZeroU32;

use nom::bytes::complete::{tag, take_while};
use nom::character::complete::satisfy;
use nom::combinator::opt;
use nom::{IResult, Parser};

use super::error::{Dialect, Expect, Problem, RawError, Stage};
use super::tables::{CpuType, CpuVendor, DiskType, GpuGeneration, GpuKind, GpuVendor, Hypervisor};
use super::{CpuArch, Disk, FlavorName, Gpu, Ram};

/// A byte range of the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub(crate) struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub(crate) fn is_empty(self) -> bool {
        self.start == self.end
    }
    pub(crate) fn len(self) -> usize {
        self.end - self.start
    }
    pub(crate) fn of(self, input: &[u8]) -> &[u8] {
        &input[self.start..self.end]
    }
}

/// `cpu "-" ram`, cut but not converted.
#[derive(Clone, Copy, Debug)]
pub(crate) struct RawMain {
    pub cpus: Span,
    pub cpu_type: CpuType,
    pub insecure: bool,
    pub ram: Span,
    pub no_ecc: bool,
    pub oversubscribed: bool,
}

/// `disk`: `x_at` is the offset of the `x` if there is a multiplier.
#[derive(Clone, Copy, Debug)]
pub(crate) struct RawDisk {
    pub count: Option<Span>,
    pub x_at: usize,
    pub size: Span,
    pub kind: Option<DiskType>,
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct RawArch {
    pub vendor: CpuVendor,
    pub generation: Span,
    pub freq: Span,
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct RawGpu {
    pub kind: GpuKind,
    pub vendor: GpuVendor,
    pub generation: Span,
    /// The digits of the compute units, and where its delimiter stands.
    pub cu: Option<(usize, Span)>,
    pub cu_h: Span,
    pub vram: Option<(usize, Span)>,
    pub vram_h: Span,
}

/// A name cut into its parts.
#[derive(Clone, Copy, Debug)]
pub(crate) struct RawName {
    pub main: RawMain,
    pub disk: Option<RawDisk>,
    pub hypervisor: Option<Hypervisor>,
    pub hwv: bool,
    pub arch: Option<RawArch>,
    pub gpu: Option<RawGpu>,
    pub ib: bool,
    /// Where the parts end; anything after it is extra.
    pub end: usize,
    /// The last part present.
    pub last: Stage,
    /// Where a CPU architecture was cut short by something other than `_` or the end.
    pub arch_cut: Option<usize>,
}

type Res<'a, O> = IResult<&'a [u8], O, nom::error::Error<&'a [u8]>>;

fn digits(i: &[u8]) -> Res<'_, &[u8]> {
    take_while(|b: u8| b.is_ascii_digit()).parse(i)
}

fn hs(i: &[u8]) -> Res<'_, &[u8]> {
    take_while(|b: u8| b == b'h').parse(i)
}

fn byte(b: u8) -> impl Fn(&[u8]) -> Res<'_, u8> {
    move |i: &[u8]| {
        satisfy(move |c| c == b as char)
            .parse(i)
            .map(|(r, _)| (r, b))
    }
}

fn letter<T>(f: impl Fn(u8) -> Option<T>) -> impl Fn(&[u8]) -> Res<'_, T> {
    move |i: &[u8]| match i.first().and_then(|&b| f(b)) {
        Some(t) => Ok((&i[1..], t)),
        None => Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::OneOf,
        ))),
    }
}

/// Cuts `input` (which starts with `SCS-`) into parts. Fails only when `cpu "-" ram` does not
/// match; every later part is optional.
pub(crate) fn raw(input: &[u8], d: Dialect, gen_stops_at_ext: bool) -> Result<RawName, RawError> {
    let len = input.len();
    let off = |rest: &[u8]| len - rest.len();
    let err = |rest: &[u8], e: Expect| RawError::at(len - rest.len(), Problem::Expected(e), d);

    // cpu = COUNT cputype ["i"]
    let i = &input[4..];
    let (i, count) = digits(i).map_err(|_| err(i, Expect::CpuCount))?;
    let cpus = Span {
        start: 4,
        end: 4 + count.len(),
    };
    let (i, cpu_type) = letter(CpuType::from_letter)(i).map_err(|_| {
        err(
            i,
            if count.is_empty() {
                Expect::CpuCount
            } else {
                Expect::CpuType
            },
        )
    })?;
    let (i, insecure) = opt(byte(b'i'))
        .parse(i)
        .map_err(|_| err(i, Expect::CpuSuffix))?;
    let (i, _) = byte(d.main)(i).map_err(|_| {
        err(
            i,
            if insecure.is_some() {
                Expect::MainDelimiter
            } else {
                Expect::CpuSuffix
            },
        )
    })?;
    // ram = GIB ["u"] ["o"]
    let ram_start = off(i);
    let (i, ram) =
        take_while::<_, _, nom::error::Error<&[u8]>>(|b: u8| b.is_ascii_digit() || b == b'.')
            .parse(i)
            .map_err(|_| err(i, Expect::Ram))?;
    let ram = Span {
        start: ram_start,
        end: ram_start + ram.len(),
    };
    let (i, no_ecc) = opt(byte(b'u')).parse(i).map_err(|_| err(i, Expect::Ram))?;
    let (i, oversub) = opt(byte(b'o')).parse(i).map_err(|_| err(i, Expect::Ram))?;
    let main = RawMain {
        cpus,
        cpu_type,
        insecure: insecure.is_some(),
        ram,
        no_ecc: no_ecc.is_some(),
        oversubscribed: oversub.is_some(),
    };
    let mut last = Stage::Main;

    // disk = "-" [ [MULT "x"] SIZE ] [disktype]
    let mut i = i;
    let mut disk = None;
    if let Ok((r, _)) = byte(d.main)(i) {
        let (r1, first) = digits(r).unwrap_or((r, &r[..0]));
        let first = Span {
            start: off(r),
            end: off(r) + first.len(),
        };
        let (r2, count, x_at, size) = match byte(b'x')(r1) {
            Ok((r2, _)) => {
                let (r3, s) = digits(r2).unwrap_or((r2, &r2[..0]));
                let size = Span {
                    start: off(r2),
                    end: off(r2) + s.len(),
                };
                (r3, Some(first), off(r1), size)
            }
            Err(_) => (r1, None, 0, first),
        };
        let (r3, kind) = opt(letter(DiskType::from_letter))
            .parse(r2)
            .unwrap_or((r2, None));
        disk = Some(RawDisk {
            count,
            x_at,
            size,
            kind,
        });
        i = r3;
        last = Stage::Disk;
    }

    // hyp = "_" ("kvm" | "chy" | "xen" | "vmw" | "hyv" | "bms")
    let mut hypervisor = None;
    if i.first() == Some(&d.ext) {
        for h in Hypervisor::ALL {
            if d.v1 && h == Hypervisor::CloudHypervisor {
                continue;
            }
            if let Ok((r, _)) =
                tag::<_, _, nom::error::Error<&[u8]>>(h.token().as_bytes()).parse(&i[1..])
            {
                hypervisor = Some(h);
                i = r;
                last = Stage::Hypervisor;
                break;
            }
        }
    }

    // hwv = "_hwv"
    let mut hwv = false;
    if i.first() == Some(&d.ext) && i[1..].starts_with(b"hwv") {
        hwv = true;
        i = &i[4..];
        last = Stage::Hwv;
    }

    // arch = "_" cpuvendor [cpugen] [h…], followed by "_" or the end
    let mut arch = None;
    let mut arch_cut = None;
    if i.first() == Some(&d.ext) {
        if let Ok((r, vendor)) = letter(CpuVendor::from_letter)(&i[1..]) {
            let (r1, g) = digits(r).unwrap_or((r, &r[..0]));
            let (r2, h) = hs(r1).unwrap_or((r1, &r1[..0]));
            if r2.is_empty() || r2[0] == d.ext {
                arch = Some(RawArch {
                    vendor,
                    generation: Span {
                        start: off(r),
                        end: off(r) + g.len(),
                    },
                    freq: Span {
                        start: off(r1),
                        end: off(r1) + h.len(),
                    },
                });
                i = r2;
                last = Stage::Arch;
            } else {
                arch_cut = Some(off(r2));
            }
        }
    }

    // gpu = "_" ("G" | "g") gpuvendor gen ["-" CU] [h…] ["-" VRAM] [h…]
    let mut gpu = None;
    if i.first() == Some(&d.ext) {
        let kind = match i.get(1) {
            Some(b'G') => Some(GpuKind::PassThrough),
            Some(b'g') => Some(GpuKind::Virtual),
            _ => None,
        };
        if let (Some(kind), Some(vendor)) =
            (kind, i.get(2).and_then(|&b| GpuVendor::from_letter(b)))
        {
            let r = &i[3..];
            let stop = |b: u8| b == d.main || b == b'h' || (gen_stops_at_ext && b == d.ext);
            let (r, g) = take_while::<_, _, nom::error::Error<&[u8]>>(move |b: u8| !stop(b))
                .parse(r)
                .unwrap_or((r, &r[..0]));
            let generation = Span {
                start: off(r) - g.len(),
                end: off(r),
            };
            let number = |r: &[u8]| -> Option<(usize, Span, usize)> {
                if r.first() != Some(&d.main) {
                    return None;
                }
                let n = r[1..].iter().take_while(|b| b.is_ascii_digit()).count();
                (n > 0).then(|| {
                    let s = off(r) + 1;
                    (
                        off(r),
                        Span {
                            start: s,
                            end: s + n,
                        },
                        1 + n,
                    )
                })
            };
            let mut r = r;
            let cu = number(r).map(|(at, span, used)| {
                r = &r[used..];
                (at, span)
            });
            let (r1, h1) = hs(r).unwrap_or((r, &r[..0]));
            let cu_h = Span {
                start: off(r),
                end: off(r) + h1.len(),
            };
            let mut r = r1;
            let vram = number(r).map(|(at, span, used)| {
                r = &r[used..];
                (at, span)
            });
            let (r2, h2) = hs(r).unwrap_or((r, &r[..0]));
            let vram_h = Span {
                start: off(r),
                end: off(r) + h2.len(),
            };
            gpu = Some(RawGpu {
                kind,
                vendor,
                generation,
                cu,
                cu_h,
                vram,
                vram_h,
            });
            i = r2;
            last = Stage::Gpu;
        }
    }

    // ib = "_ib"
    let mut ib = false;
    if i.first() == Some(&d.ext) && i[1..].starts_with(b"ib") {
        ib = true;
        i = &i[3..];
        last = Stage::Ib;
    }

    Ok(RawName {
        main,
        disk,
        hypervisor,
        hwv,
        arch,
        gpu,
        ib,
        end: off(i),
        last,
        arch_cut,
    })
}

/// The error for text left over after the last part.
pub(crate) fn extra_error(input: &[u8], raw: &RawName, d: Dialect) -> RawError {
    let at = raw.end;
    if let Some(cut) = raw.arch_cut {
        if raw.last < Stage::Arch {
            return RawError::at(cut, Problem::Expected(Expect::ArchEnd), d);
        }
    }
    if input[at] == d.ext && raw.last < Stage::Ib {
        RawError::at(
            at + 1,
            Problem::Expected(Expect::ExtensionAfter(raw.last)),
            d,
        )
    } else {
        RawError::at(at, Problem::Expected(Expect::After(raw.last)), d)
    }
}

/// A decimal number as the standard reads it: at most 4300 digits (the official suite's
/// limit), at most 4294967295.
fn number(input: &[u8], span: Span, d: Dialect) -> Result<u32, RawError> {
    let text = span.of(input);
    if text.len() > 4300 {
        return Err(RawError::span(
            span.start,
            span.end,
            Problem::TooManyDigits,
            d,
        ));
    }
    let significant = &text[text.iter().take_while(|&&b| b == b'0').count()..];
    if significant.len() > 10 {
        return Err(RawError::span(span.start, span.end, Problem::TooLarge, d));
    }
    let mut v: u64 = 0;
    for &b in significant {
        v = v * 10 + u64::from(b - b'0');
    }
    u32::try_from(v).map_err(|_| RawError::span(span.start, span.end, Problem::TooLarge, d))
}

fn positive(
    input: &[u8],
    span: Span,
    what: &'static str,
    d: Dialect,
) -> Result<NonZeroU32, RawError> {
    let v = number(input, span, d)?;
    NonZeroU32::new(v).ok_or(RawError::span(
        span.start,
        span.end,
        Problem::NotPositive(what),
        d,
    ))
}

/// `GIB`: a positive decimal that is exactly a multiple of 0.5 (`4`, `4.`, `4.0`, `.5`, `00.5`).
fn ram(input: &[u8], span: Span, d: Dialect) -> Result<Ram, RawError> {
    let text = span.of(input);
    let bad = |p| RawError::span(span.start, span.end, p, d);
    if text.is_empty() {
        return Err(RawError::at(span.start, Problem::Expected(Expect::Ram), d));
    }
    let dot = text.iter().position(|&b| b == b'.');
    let (int, frac) = match dot {
        Some(p) => (&text[..p], &text[p + 1..]),
        None => (text, &text[..0]),
    };
    if frac.contains(&b'.') || (int.is_empty() && frac.is_empty()) {
        return Err(bad(Problem::Expected(Expect::Ram)));
    }
    let whole = if int.is_empty() {
        0
    } else {
        let significant = &int[int.iter().take_while(|&&b| b == b'0').count()..];
        if significant.len() > 10 {
            return Err(bad(Problem::TooLarge));
        }
        let mut v: u64 = 0;
        for &b in significant {
            v = v * 10 + u64::from(b - b'0');
        }
        u32::try_from(v).map_err(|_| bad(Problem::TooLarge))?
    };
    let half = match frac.split_first() {
        None => false,
        Some((b'5', rest)) if rest.iter().all(|&b| b == b'0') => true,
        Some(_) if frac.iter().all(|&b| b == b'0') => false,
        Some(_) => return Err(bad(Problem::RamNotHalf)),
    };
    if whole == 0 && !half {
        return Err(bad(Problem::NotPositive("amount of RAM")));
    }
    Ok(Ram::from_parts(whole, half))
}

fn h_count(span: Span, max: u8, after: &'static str, d: Dialect) -> Result<u8, RawError> {
    if span.len() > usize::from(max) {
        return Err(RawError::span(
            span.start,
            span.end,
            Problem::TooManyH { after, max },
            d,
        ));
    }
    Ok(span.len() as u8)
}

/// Converts the parts per the standard text; the first problem from left to right wins, and
/// left-over text is reported last (as the official suite does).
pub(crate) fn convert(input: &[u8], raw: &RawName, d: Dialect) -> Result<FlavorName, RawError> {
    let m = &raw.main;
    if m.cpus.is_empty() {
        return Err(RawError::at(4, Problem::Expected(Expect::CpuCount), d));
    }
    let cpus = positive(input, m.cpus, "number of CPUs", d)?;
    let ram = ram(input, m.ram, d)?;

    let disk = match raw.disk {
        None => None,
        Some(rd) => {
            let count = match rd.count {
                None => NonZeroU32::MIN,
                Some(c) if c.is_empty() => {
                    return Err(RawError::at(rd.x_at, Problem::MissingDiskCount, d))
                }
                Some(c) => positive(input, c, "number of disks", d)?,
            };
            let size = if rd.size.is_empty() {
                None
            } else {
                Some(positive(input, rd.size, "disk size", d)?)
            };
            Some(Disk {
                count,
                size,
                kind: rd.kind,
            })
        }
    };

    let arch = match raw.arch {
        None => None,
        Some(ra) => {
            let generation = if ra.generation.is_empty() {
                None
            } else {
                let text = ra.generation.of(input);
                let bad = RawError::span(
                    ra.generation.start,
                    ra.generation.end,
                    Problem::CpuGeneration(ra.vendor),
                    d,
                );
                if text.len() > 4300 {
                    return Err(bad);
                }
                let g = number(input, ra.generation, d).map_err(|_| bad)?;
                if g > u32::from(ra.vendor.max_generation()) {
                    return Err(bad);
                }
                std::num::NonZeroU8::new(g as u8)
            };
            let frequency = h_count(ra.freq, 3, "the CPU generation", d)?;
            Some(CpuArch {
                vendor: ra.vendor,
                generation,
                frequency,
            })
        }
    };

    let gpu = match raw.gpu {
        None => None,
        Some(rg) => {
            let text = rg.generation.of(input);
            let generation = if text.is_empty() {
                None
            } else {
                Some(
                    GpuGeneration::from_code(rg.vendor, text).ok_or(RawError::span(
                        rg.generation.start,
                        rg.generation.end,
                        Problem::GpuGeneration(rg.vendor),
                        d,
                    ))?,
                )
            };
            let compute_units = match rg.cu {
                None => None,
                Some((_, s)) => Some(positive(input, s, "number of compute units", d)?),
            };
            let cu_h = h_count(rg.cu_h, 2, "the compute units", d)?;
            let vram = match rg.vram {
                None => None,
                Some((at, s)) => {
                    if compute_units.is_none() {
                        return Err(RawError::span(
                            at,
                            s.end,
                            Problem::VramWithoutComputeUnits,
                            d,
                        ));
                    }
                    Some(positive(input, s, "VRAM size", d)?)
                }
            };
            let vram_h = h_count(rg.vram_h, 2, "the VRAM size", d)?;
            Some(Gpu {
                kind: rg.kind,
                vendor: rg.vendor,
                generation,
                compute_units,
                compute_unit_h: cu_h,
                vram,
                vram_h,
            })
        }
    };

    if raw.end != input.len() {
        return Err(extra_error(input, raw, d));
    }

    Ok(FlavorName {
        cpus,
        cpu_type: m.cpu_type,
        insecure: m.insecure,
        ram,
        no_ecc: m.no_ecc,
        oversubscribed: m.oversubscribed,
        disk,
        hypervisor: raw.hypervisor,
        hardware_virtualization: raw.hwv,
        arch,
        gpu,
        infiniband: raw.ib,
    })
}

/// Digits at `*i` as a number (0 when there are none), and how many; `None` for more than 9
/// digits, which the fast path leaves to the full one.
#[inline(always)]
fn fast_digits(b: &[u8], i: &mut usize) -> Option<(u32, usize)> {
    let start = *i;
    let mut v = 0u32;
    while let Some(&c) = b.get(*i) {
        let digit = c.wrapping_sub(b'0');
        if digit > 9 {
            break;
        }
        if *i - start == 9 {
            return None;
        }
        v = v * 10 + u32::from(digit);
        *i += 1;
    }
    Some((v, *i - start))
}

/// The number of `h` at `*i`, consumed.
#[inline(always)]
fn fast_hs(b: &[u8], i: &mut usize) -> usize {
    let start = *i;
    while b.get(*i) == Some(&b'h') {
        *i += 1;
    }
    *i - start
}

/// Consumes `c` if it is next.
#[inline(always)]
fn fast_eat(b: &[u8], i: &mut usize, c: u8) -> bool {
    let hit = b.get(*i) == Some(&c);
    *i += usize::from(hit);
    hit
}

/// `main DIGITS` at `*i` (as `raw` reads the GPU numbers): `Some(None)` when absent.
#[inline(always)]
fn fast_delimited(b: &[u8], i: &mut usize, main: u8) -> Option<Option<u32>> {
    if b.get(*i) != Some(&main) || !b.get(*i + 1).is_some_and(u8::is_ascii_digit) {
        return Some(None);
    }
    let mut j = *i + 1;
    let (v, _) = fast_digits(b, &mut j)?;
    *i = j;
    Some(Some(v))
}

/// The common case in one pass: `input` (which starts with `SCS-`) as a valid name in dialect
/// `d` whose numbers have at most 9 digits. `None` whenever the name is invalid or outside that
/// case; [`parse`] then takes the full path (`raw` + `convert`), which has the last word and the
/// error. Where this returns a name, it is the one the full path returns.
fn parse_fast(b: &[u8], d: Dialect) -> Option<FlavorName> {
    let mut i = 4;
    // cpu = COUNT cputype ["i"]
    let (cpus, _) = fast_digits(b, &mut i)?;
    let cpus = NonZeroU32::new(cpus)?;
    let cpu_type = CpuType::from_letter(*b.get(i)?)?;
    i += 1;
    let insecure = fast_eat(b, &mut i, b'i');
    if !fast_eat(b, &mut i, d.main) {
        return None;
    }
    // ram = GIB ["u"] ["o"]
    let (whole, whole_digits) = fast_digits(b, &mut i)?;
    let mut half = false;
    if fast_eat(b, &mut i, b'.') {
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        match b[start..i].split_first() {
            None if whole_digits == 0 => return None,
            None => {}
            Some((b'5', rest)) if rest.iter().all(|&c| c == b'0') => half = true,
            Some((_, _)) if b[start..i].iter().all(|&c| c == b'0') => {}
            Some(_) => return None,
        }
        if b.get(i) == Some(&b'.') {
            return None;
        }
    }
    if whole == 0 && !half {
        return None;
    }
    let ram = Ram::from_parts(whole, half);
    let no_ecc = fast_eat(b, &mut i, b'u');
    let oversubscribed = fast_eat(b, &mut i, b'o');

    // disk = "-" [ [MULT "x"] SIZE ] [disktype]
    let mut disk = None;
    if fast_eat(b, &mut i, d.main) {
        let (first, first_digits) = fast_digits(b, &mut i)?;
        let (count, size) = if fast_eat(b, &mut i, b'x') {
            let (size, size_digits) = fast_digits(b, &mut i)?;
            if first_digits == 0 {
                return None;
            }
            (NonZeroU32::new(first)?, (size_digits, size))
        } else {
            (NonZeroU32::MIN, (first_digits, first))
        };
        let size = match size {
            (0, _) => None,
            (_, v) => Some(NonZeroU32::new(v)?),
        };
        let kind = b.get(i).and_then(|&c| DiskType::from_letter(c));
        i += usize::from(kind.is_some());
        disk = Some(Disk { count, size, kind });
    }

    // hyp = "_" ("kvm" | "chy" | "xen" | "vmw" | "hyv" | "bms")
    let mut hypervisor = None;
    if b.get(i) == Some(&d.ext) {
        hypervisor = b
            .get(i + 1..i + 4)
            .and_then(Hypervisor::from_token)
            .filter(|&h| !(d.v1 && h == Hypervisor::CloudHypervisor));
        if hypervisor.is_some() {
            i += 4;
        }
    }

    // hwv = "_hwv"
    let hardware_virtualization = b.get(i) == Some(&d.ext) && b[i + 1..].starts_with(b"hwv");
    if hardware_virtualization {
        i += 4;
    }

    // arch = "_" cpuvendor [cpugen] [h…], followed by "_" or the end
    let mut arch = None;
    if b.get(i) == Some(&d.ext) {
        if let Some(vendor) = b.get(i + 1).and_then(|&c| CpuVendor::from_letter(c)) {
            let mut j = i + 2;
            let (generation, _) = fast_digits(b, &mut j)?;
            let frequency = fast_hs(b, &mut j);
            if j == b.len() || b[j] == d.ext {
                if generation > u32::from(vendor.max_generation()) || frequency > 3 {
                    return None;
                }
                arch = Some(CpuArch {
                    vendor,
                    generation: std::num::NonZeroU8::new(generation as u8),
                    frequency: frequency as u8,
                });
                i = j;
            }
        }
    }

    // gpu = "_" ("G" | "g") gpuvendor gen ["-" CU] [h…] ["-" VRAM] [h…]
    let mut gpu = None;
    if b.get(i) == Some(&d.ext) {
        let kind = match b.get(i + 1) {
            Some(b'G') => Some(GpuKind::PassThrough),
            Some(b'g') => Some(GpuKind::Virtual),
            _ => None,
        };
        if let (Some(kind), Some(vendor)) =
            (kind, b.get(i + 2).and_then(|&c| GpuVendor::from_letter(c)))
        {
            i += 3;
            let start = i;
            while let Some(&c) = b.get(i) {
                if c == d.main || c == b'h' || c == d.ext {
                    break;
                }
                i += 1;
            }
            let generation = if i == start {
                None
            } else {
                Some(GpuGeneration::from_code(vendor, &b[start..i])?)
            };
            let compute_units = match fast_delimited(b, &mut i, d.main)? {
                None => None,
                Some(v) => Some(NonZeroU32::new(v)?),
            };
            let compute_unit_h = fast_hs(b, &mut i);
            let vram = match fast_delimited(b, &mut i, d.main)? {
                None => None,
                Some(_) if compute_units.is_none() => return None,
                Some(v) => Some(NonZeroU32::new(v)?),
            };
            let vram_h = fast_hs(b, &mut i);
            if compute_unit_h > 2 || vram_h > 2 {
                return None;
            }
            gpu = Some(Gpu {
                kind,
                vendor,
                generation,
                compute_units,
                compute_unit_h: compute_unit_h as u8,
                vram,
                vram_h: vram_h as u8,
            });
        }
    }

    // ib = "_ib"
    let infiniband = b.get(i) == Some(&d.ext) && b[i + 1..].starts_with(b"ib");
    if infiniband {
        i += 3;
    }

    (i == b.len()).then_some(FlavorName {
        cpus,
        cpu_type,
        insecure,
        ram,
        no_ecc,
        oversubscribed,
        disk,
        hypervisor,
        hardware_virtualization,
        arch,
        gpu,
        infiniband,
    })
}

/// Parses `input` in dialect `d` per the standard text.
pub(crate) fn parse(input: &str, d: Dialect) -> Result<FlavorName, RawError> {
    let bytes = input.as_bytes();
    if !bytes.starts_with(b"SCS-") {
        let at = bytes
            .iter()
            .zip(b"SCS-")
            .take_while(|(a, b)| a == b)
            .count();
        return Err(RawError::at(at, Problem::Expected(Expect::Prefix), d));
    }
    if let Some(name) = parse_fast(bytes, d) {
        return Ok(name);
    }
    parse_full(bytes, d)
}

/// `raw` + `convert`: every name, with the error for an invalid one.
#[inline(never)]
fn parse_full(bytes: &[u8], d: Dialect) -> Result<FlavorName, RawError> {
    let raw = raw(bytes, d, true)?;
    convert(bytes, &raw, d)
}

#[cfg(test)]
mod fast_path_tests {
    use super::*;

    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
        fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
            xs[self.below(xs.len())]
        }
    }

    fn number(r: &mut Rng) -> String {
        match r.below(10) {
            0 => String::new(),
            1 => "0".repeat(r.below(12)) + &r.below(10).to_string(),
            2 => [
                "4294967295",
                "4294967296",
                "999999999",
                "1000000000",
                "9999999999",
                "123456789",
            ][r.below(6)]
            .to_owned(),
            3 => (0..r.below(14))
                .map(|_| char::from(b'0' + r.below(10) as u8))
                .collect(),
            _ => (1 + r.below(99)).to_string(),
        }
    }

    /// A name built from the grammar, in dialect `d`, with random gaps.
    fn structured(r: &mut Rng, d: Dialect) -> String {
        let (m, x) = (d.main as char, d.ext as char);
        let mut s = String::from("SCS-");
        s += &number(r);
        s += r.pick(&["C", "T", "V", "L", "Ci", "Ti", "", "X", "i"]);
        s.push(m);
        s += &match r.below(8) {
            0 => format!(
                "{}.{}",
                number(r),
                r.pick(&["5", "0", "50", "00", "", "25", "5.5", "05"])
            ),
            1 => format!(".{}", r.pick(&["5", "0", "", "50"])),
            _ => number(r),
        };
        s += r.pick(&["", "", "u", "o", "uo", "ou"]);
        if r.below(3) > 0 {
            s.push(m);
            if r.below(3) == 0 {
                s += &number(r);
                s.push('x');
            }
            s += &number(r);
            s += r.pick(&["", "n", "h", "s", "p", "q"]);
        }
        if r.below(2) == 0 {
            s.push(x);
            s += r.pick(&["kvm", "chy", "xen", "vmw", "hyv", "bms", "KVM", "bm"]);
        }
        if r.below(3) == 0 {
            s.push(x);
            s += "hwv";
        }
        if r.below(2) == 0 {
            s.push(x);
            s += r.pick(&["i", "z", "a", "r", "b"]);
            if r.below(2) == 0 {
                s += &number(r);
            }
            s += r.pick(&["", "h", "hh", "hhh", "hhhh", "b"]);
        }
        if r.below(2) == 0 {
            s.push(x);
            s += r.pick(&["G", "g", "x"]);
            s += r.pick(&["N", "A", "I", "Z"]);
            s += r.pick(&[
                "", "a", "l", "0.4", "1.1", "0.95", "5.1", "3", "zz", "a.", "h",
            ]);
            if r.below(3) > 0 {
                s.push(m);
                s += &number(r);
            }
            s += r.pick(&["", "h", "hh", "hhh"]);
            if r.below(2) > 0 {
                s.push(m);
                s += &number(r);
            }
            s += r.pick(&["", "h", "hh", "hhh"]);
        }
        if r.below(2) == 0 {
            s.push(x);
            s += r.pick(&["ib", "i", "IB"]);
        }
        if r.below(10) == 0 {
            s += r.pick(&["_", "-", ":", "x", "h", "_ib", "5"]);
        }
        s
    }

    /// One random byte edit.
    fn mutate(r: &mut Rng, s: &str) -> String {
        const BYTES: &[u8] = b"0159.-_:xhiuonspCTVLGgNAIzarbkvmyewl";
        let mut b = s.as_bytes().to_vec();
        let at = r.below(b.len() + 1);
        let c = BYTES[r.below(BYTES.len())];
        match r.below(3) {
            0 => b.insert(at, c),
            1 if at < b.len() && at >= 4 => {
                b.remove(at);
            }
            _ if at < b.len() && at >= 4 => b[at] = c,
            _ => {}
        }
        String::from_utf8(b).unwrap()
    }

    fn compare(name: &str, d: Dialect, fallbacks: &mut u64) {
        let b = name.as_bytes();
        if !b.starts_with(b"SCS-") {
            return;
        }
        let full = parse_full(b, d);
        match parse_fast(b, d) {
            Some(fast) => assert_eq!(Ok(fast), full, "{name:?} {d:?}"),
            None => {
                if full.is_ok() {
                    // Only a number of ten digits or more may leave a valid name to the full path.
                    let mut run = 0;
                    let long = b.iter().any(|c| {
                        run = if c.is_ascii_digit() { run + 1 } else { 0 };
                        run >= 10
                    });
                    assert!(long, "fast path missed a valid name: {name:?} {d:?}");
                    *fallbacks += 1;
                }
            }
        }
    }

    #[test]
    fn fast_path_agrees_with_the_full_path() {
        let mut r = Rng(0x9E37_79B9_7F4A_7C15);
        let n: usize = std::env::var("FAST_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(200_000);
        let (mut valid, mut fallbacks) = (0u64, 0u64);
        for _ in 0..n {
            for d in [Dialect::V3, Dialect::V1] {
                let s = structured(&mut r, d);
                let t = mutate(&mut r, &s);
                let u = mutate(&mut r, &t);
                for name in [&s, &t, &u] {
                    valid += u64::from(parse_full(name.as_bytes(), d).is_ok());
                    compare(name, d, &mut fallbacks);
                }
            }
        }
        assert!(valid > n as u64 / 20, "too few valid names: {valid}");
        assert!(
            fallbacks < valid / 5,
            "too many valid names via the full path: {fallbacks}"
        );
    }
}
