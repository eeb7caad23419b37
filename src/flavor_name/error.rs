//! Errors of the flavor name parser.

use std::fmt;

use thiserror::Error;

use super::tables::{gpu_codes, CpuVendor, GpuVendor};

/// The two delimiters of a syntax: v2/v3 `-` and `_`, v1 `:` and `-`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Dialect {
    /// Between CPU and RAM, before the disk part and inside the GPU extension.
    pub main: u8,
    /// Before each extension.
    pub ext: u8,
    /// Whether this is the v1 syntax (which does not know the hypervisor `chy`).
    pub v1: bool,
}

impl Dialect {
    pub(crate) const V3: Dialect = Dialect {
        main: b'-',
        ext: b'_',
        v1: false,
    };
    pub(crate) const V1: Dialect = Dialect {
        main: b':',
        ext: b'-',
        v1: true,
    };
}

/// The parts of a name, in their fixed order; used to say what may follow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Stage {
    Main,
    Disk,
    Hypervisor,
    Hwv,
    Arch,
    Gpu,
    Ib,
}

/// What the parser expected where it stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Expect {
    /// The prefix `SCS-`.
    Prefix,
    CpuCount,
    CpuType,
    /// `i` or the main delimiter after the CPU letter.
    CpuSuffix,
    /// The main delimiter after `i`.
    MainDelimiter,
    Ram,
    /// What may follow the given stage (an extension delimiter, end of name, …).
    After(Stage),
    /// An extension token, after an extension delimiter that followed the given stage.
    ExtensionAfter(Stage),
    /// The extension delimiter or end of name right after a CPU architecture.
    ArchEnd,
}

/// The problem found, without the text around it. Small and `Copy`: parsing never allocates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Problem {
    Expected(Expect),
    TooLarge,
    TooManyDigits,
    NotPositive(&'static str),
    RamNotHalf,
    CpuGeneration(CpuVendor),
    GpuGeneration(GpuVendor),
    TooManyH { after: &'static str, max: u8 },
    MissingDiskCount,
    VramWithoutComputeUnits,
}

/// The allocation-free error the grammar produces; turned into [`FlavorNameError`] at the
/// module boundary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct RawError {
    /// Byte offset of the problem.
    pub offset: usize,
    /// End of the offending text; equal to `offset` when the problem is the one character at
    /// `offset` (or the end of the name).
    pub end: usize,
    pub problem: Problem,
    pub dialect: Dialect,
}

impl RawError {
    pub(crate) fn at(offset: usize, problem: Problem, dialect: Dialect) -> Self {
        RawError {
            offset,
            end: offset,
            problem,
            dialect,
        }
    }

    pub(crate) fn span(offset: usize, end: usize, problem: Problem, dialect: Dialect) -> Self {
        RawError {
            offset,
            end,
            problem,
            dialect,
        }
    }

    pub(crate) fn fails_at_main_delimiter(&self) -> bool {
        matches!(
            self.problem,
            Problem::Expected(Expect::CpuSuffix | Expect::MainDelimiter)
        )
    }

    pub(crate) fn into_error(self, input: &str) -> FlavorNameError {
        let found = if self.end > self.offset {
            Found::Text(shorten(input.get(self.offset..self.end).unwrap_or("")))
        } else {
            match input.get(self.offset..).and_then(|s| s.chars().next()) {
                Some(c) => Found::Char(c),
                None => Found::End,
            }
        };
        FlavorNameError {
            input: shorten(input),
            offset: self.offset,
            found,
            problem: self.problem,
            dialect: self.dialect,
        }
    }
}

/// What kind of problem made a name invalid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A character or the end of the name where the grammar wants something else.
    Unexpected,
    /// A number above 4294967295.
    NumberTooLarge,
    /// A number written with more than 4300 digits (the official suite's limit, leading zeros
    /// included).
    TooManyDigits,
    /// A count or size of zero.
    NotPositive,
    /// RAM that is not exactly a multiple of 0.5 GiB.
    RamNotHalfStep,
    /// A CPU generation that the vendor's table does not list.
    UnknownCpuGeneration,
    /// A GPU generation code that the vendor's table does not list.
    UnknownGpuGeneration,
    /// More `h` than allowed (3 after a CPU generation, 2 after compute units or VRAM).
    TooManyH,
    /// A disk multiplier `x` with no number before it (`SCS-2C-4-x10`).
    MissingDiskCount,
    /// A VRAM size without a compute-unit count before it (`SCS-2C-4_GNah-64`).
    VramWithoutComputeUnits,
}

/// What was found where the problem is.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Found {
    /// One character.
    Char(char),
    /// A piece of text (long pieces are shortened with `…`).
    Text(String),
    /// The end of the name.
    End,
}

impl fmt::Display for Found {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Found::Char(c) => write!(f, "`{}`", c.escape_debug()),
            Found::Text(t) => write!(f, "`{}`", t.escape_debug()),
            Found::End => f.write_str("end of name"),
        }
    }
}

/// An invalid flavor name: where, what was expected, what was found.
///
/// Its message is one line:
/// ``invalid flavor name `SCS-2iT-4`: at byte 5: expected CPU type (L, V, T, C), found `i` ``.
/// Names longer than 200 bytes are shortened in the message.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error("invalid flavor name `{}`: at byte {offset}: {}", input.escape_debug(), Message(self))]
pub struct FlavorNameError {
    input: String,
    offset: usize,
    found: Found,
    problem: Problem,
    dialect: Dialect,
}

impl FlavorNameError {
    /// Byte offset of the problem in the name.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// What was found there.
    pub fn found(&self) -> &Found {
        &self.found
    }

    /// The kind of problem.
    pub fn kind(&self) -> ErrorKind {
        match self.problem {
            Problem::Expected(_) => ErrorKind::Unexpected,
            Problem::TooLarge => ErrorKind::NumberTooLarge,
            Problem::TooManyDigits => ErrorKind::TooManyDigits,
            Problem::NotPositive(_) => ErrorKind::NotPositive,
            Problem::RamNotHalf => ErrorKind::RamNotHalfStep,
            Problem::CpuGeneration(_) => ErrorKind::UnknownCpuGeneration,
            Problem::GpuGeneration(_) => ErrorKind::UnknownGpuGeneration,
            Problem::TooManyH { .. } => ErrorKind::TooManyH,
            Problem::MissingDiskCount => ErrorKind::MissingDiskCount,
            Problem::VramWithoutComputeUnits => ErrorKind::VramWithoutComputeUnits,
        }
    }

    /// The message without the leading ``invalid flavor name `…`: `` (for example
    /// ``at byte 5: expected CPU type (L, V, T, C), found `i` ``).
    pub fn detail(&self) -> String {
        format!("at byte {}: {}", self.offset, Message(self))
    }
}

const MAX_SHOWN: usize = 200;

fn shorten(text: &str) -> String {
    if text.len() <= MAX_SHOWN {
        return text.to_owned();
    }
    let mut cut = MAX_SHOWN;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}…", &text[..cut])
}

struct Message<'a>(&'a FlavorNameError);

impl fmt::Display for Message<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let e = self.0;
        let found = &e.found;
        let m = e.dialect.main as char;
        let x = e.dialect.ext as char;
        match e.problem {
            Problem::Expected(expect) => {
                f.write_str("expected ")?;
                match expect {
                    Expect::Prefix => f.write_str("prefix `SCS-`")?,
                    Expect::CpuCount => f.write_str("number of CPUs")?,
                    Expect::CpuType => f.write_str("CPU type (L, V, T, C)")?,
                    Expect::CpuSuffix => write!(f, "`i` or `{m}`")?,
                    Expect::MainDelimiter => write!(f, "`{m}`")?,
                    Expect::Ram => f.write_str("RAM in GiB (such as 4 or 0.5)")?,
                    Expect::After(stage) => write_follow(f, stage, m, x)?,
                    Expect::ExtensionAfter(stage) => write_extensions(f, stage, e.dialect.v1)?,
                    Expect::ArchEnd => write!(f, "`{x}` or end of name after the CPU architecture")?,
                }
                write!(f, ", found {found}")
            }
            Problem::TooLarge => write!(f, "number too large: {found} exceeds 4294967295"),
            Problem::TooManyDigits => write!(f, "number too long: {found} has more than 4300 digits"),
            Problem::NotPositive(what) => write!(f, "expected a positive {what}, found {found}"),
            Problem::RamNotHalf => {
                write!(f, "expected RAM in GiB as a multiple of 0.5, found {found}")
            }
            Problem::CpuGeneration(v) => write!(
                f,
                "expected a generation of CPU vendor `{}` (0 to {}), found {found}",
                v.letter(),
                v.max_generation()
            ),
            Problem::GpuGeneration(v) => write!(
                f,
                "expected a generation of GPU vendor `{}` ({}), found {found}",
                v.letter(),
                gpu_codes(v)
            ),
            Problem::TooManyH { after, max } => {
                write!(f, "expected at most {max} `h` after {after}, found {found}")
            }
            Problem::MissingDiskCount => {
                write!(f, "expected the number of disks before `x`, found {found}")
            }
            Problem::VramWithoutComputeUnits => write!(
                f,
                "expected a compute-unit count before the VRAM size (`h` right after the GPU generation cannot be followed by `{m}N`), found {found}"
            ),
        }
    }
}

fn write_follow(f: &mut fmt::Formatter<'_>, stage: Stage, m: char, x: char) -> fmt::Result {
    match stage {
        Stage::Main => write!(f, "disk part (`{m}`), extension (`{x}`) or end of name"),
        Stage::Ib => f.write_str("end of name"),
        _ => write!(f, "extension (`{x}`) or end of name"),
    }
}

fn write_extensions(f: &mut fmt::Formatter<'_>, stage: Stage, v1: bool) -> fmt::Result {
    let mut items: Vec<&str> = Vec::with_capacity(5);
    if stage < Stage::Hypervisor {
        items.push(if v1 {
            "hypervisor (kvm, xen, vmw, hyv, bms)"
        } else {
            "hypervisor (kvm, chy, xen, vmw, hyv, bms)"
        });
    }
    if stage < Stage::Hwv {
        items.push("`hwv`");
    }
    if stage < Stage::Arch {
        items.push("CPU architecture (i, z, a, r)");
    }
    if stage < Stage::Gpu {
        items.push("GPU (G, g)");
    }
    if stage < Stage::Ib {
        items.push("`ib`");
    }
    match items.split_last() {
        Some((last, [])) => f.write_str(last),
        Some((last, rest)) => write!(f, "{} or {last}", rest.join(", ")),
        None => f.write_str("nothing"),
    }
}
