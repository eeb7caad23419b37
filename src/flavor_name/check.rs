//! The compliance reading of names and the two scs-0100 testcases over a flavor list.

use crate::input::Flavor;
use crate::report::{Finding, Outcome, Report, Severity, TestcaseId, TestcaseResult};

use super::error::{Dialect, FlavorNameError};
use super::official::{self, OfficialValues, OfficialVerdict};
use super::{grammar, CpuType, DiskType, ErrorKind, FlavorName};

/// How a string reads under the naming policy (per the standard text).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Compliance {
    /// Does not start with exactly `SCS-`: the standard does not restrict it.
    NotScs,
    /// A valid v3 name.
    Valid(FlavorName),
    /// A valid v1 name: accepted with a warning.
    Tolerated(FlavorName),
    /// Starts with `SCS-` but is not a valid name (the error is the v3 parser's, or the v1
    /// parser's where that got further).
    Invalid(FlavorNameError),
}

impl Compliance {
    /// The name, if valid or tolerated.
    pub fn name(&self) -> Option<FlavorName> {
        match self {
            Compliance::Valid(n) | Compliance::Tolerated(n) => Some(*n),
            _ => None,
        }
    }

    /// The parse error, if invalid.
    pub fn error(&self) -> Option<&FlavorNameError> {
        match self {
            Compliance::Invalid(e) => Some(e),
            _ => None,
        }
    }

    /// `not-scs`, `valid`, `tolerated` or `invalid`.
    pub fn verdict(&self) -> &'static str {
        match self {
            Compliance::NotScs => "not-scs",
            Compliance::Valid(_) => "valid",
            Compliance::Tolerated(_) => "tolerated",
            Compliance::Invalid(_) => "invalid",
        }
    }
}

/// Classifies any string under the naming policy of scs-0100 v3.
///
/// ```
/// use scs_validators::flavor_name::{classify, Compliance};
/// assert!(matches!(classify("SCS-2C-4-10n"), Compliance::Valid(_)));
/// assert!(matches!(classify("SCS-2C:4:10n"), Compliance::Tolerated(_)));
/// assert!(matches!(classify("SCS-2iT-4"), Compliance::Invalid(_)));
/// assert_eq!(classify("m1.small"), Compliance::NotScs);
/// ```
pub fn classify(name: &str) -> Compliance {
    if !name.starts_with("SCS-") {
        return Compliance::NotScs;
    }
    let v3 = match grammar::parse(name, Dialect::V3) {
        Ok(n) => return Compliance::Valid(n),
        Err(e) => e,
    };
    match grammar::parse(name, Dialect::V1) {
        Ok(n) => Compliance::Tolerated(n),
        // A name that fails at the delimiter after the CPU is written in v1 style: the v1
        // parser's error says more.
        Err(v1)
            if v3.fails_at_main_delimiter() && name.as_bytes().get(v3.offset) == Some(&b':') =>
        {
            Compliance::Invalid(v1.into_error(name))
        }
        Err(_) => Compliance::Invalid(v3.into_error(name)),
    }
}

/// Both readings of one flavor's name.
struct Reading<'a> {
    flavor: &'a Flavor,
    standard: Compliance,
    official: OfficialVerdict,
    values: Option<OfficialValues>,
}

fn read(flavors: &[Flavor]) -> Vec<Reading<'_>> {
    flavors
        .iter()
        .filter(|f| f.name.starts_with("SCS-"))
        .map(|flavor| {
            let (official, values) = official::read(&flavor.name);
            Reading {
                flavor,
                standard: classify(&flavor.name),
                official,
                values,
            }
        })
        .collect()
}

/// Runs `scs-0100-syntax-check` and `scs-0100-semantics-check` over `flavors`.
pub fn check(flavors: &[Flavor]) -> Report {
    let readings = read(flavors);
    Report {
        results: vec![syntax(&readings), semantics(&readings)],
    }
}

/// `scs-0100-syntax-check`: every flavor whose name starts with `SCS-` has a valid name.
///
/// Errors name each invalid flavor with the parse error; warnings flag v1 names (tolerated),
/// non-canonical spellings, and every name on which the official suite decides otherwise.
pub fn syntax_check(flavors: &[Flavor]) -> TestcaseResult {
    syntax(&read(flavors))
}

/// `scs-0100-semantics-check`: no flavor whose name is valid promises more vCPUs, RAM or disk
/// than it has; beyond the official suite, warnings where `scs:cpu-type` or `scs:diskN-type`
/// contradict the name.
pub fn semantics_check(flavors: &[Flavor]) -> TestcaseResult {
    semantics(&read(flavors))
}

fn divergence_reason(e: &FlavorNameError) -> &'static str {
    match e.kind() {
        ErrorKind::NumberTooLarge => "a number above 4294967295",
        ErrorKind::MissingDiskCount => "a disk multiplier `x` without a number (it reads 1)",
        ErrorKind::VramWithoutComputeUnits => {
            "a VRAM size after `h` without a compute-unit count (it reads the number as VRAM)"
        }
        ErrorKind::RamNotHalfStep => {
            "RAM that is a multiple of 0.5 only after rounding to a binary float"
        }
        _ => "a reading that differs from the standard text",
    }
}

/// Everything this crate says about one name: both readings and the findings of
/// `scs-0100-syntax-check` on it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assessment {
    /// The reading per the standard text.
    pub compliance: Compliance,
    /// What the official suite reports.
    pub official: OfficialVerdict,
    /// The error (invalid name) or warnings (tolerated v1 name, non-canonical spelling, a
    /// different official verdict) the syntax check gives this name; empty for a canonical
    /// valid name and for names that do not start with `SCS-`.
    pub findings: Vec<Finding>,
}

/// Classifies `name` both ways and explains the result.
///
/// ```
/// use scs_validators::flavor_name::{assess, official::OfficialVerdict};
/// let a = assess("SCS-2C-4-x10");
/// assert_eq!(a.compliance.verdict(), "invalid");
/// assert_eq!(a.official, OfficialVerdict::Valid);
/// assert_eq!(a.findings.len(), 2); // the error, and a warning that the official suite differs
/// ```
pub fn assess(name: &str) -> Assessment {
    let compliance = classify(name);
    let official = official::classify(name);
    let mut findings = Vec::new();
    name_findings(name, &compliance, official, &mut findings);
    Assessment {
        compliance,
        official,
        findings,
    }
}

fn name_findings(
    name: &str,
    standard: &Compliance,
    official: OfficialVerdict,
    findings: &mut Vec<Finding>,
) {
    let id = TestcaseId::SCS_0100_SYNTAX_CHECK;
    let mut push = |severity, message: String| {
        findings.push(Finding::new(
            id.clone(),
            severity,
            Some(name.to_owned()),
            message,
        ));
    };
    match standard {
        Compliance::NotScs => {}
        Compliance::Valid(n) => {
            let canonical = n.to_string();
            if canonical != name {
                push(
                    Severity::Warning,
                    format!("accepted, but not in canonical form; canonical: `{canonical}`"),
                );
            }
        }
        Compliance::Tolerated(n) => push(
            Severity::Warning,
            format!("v1 syntax is merely tolerated; v3 spelling: `{n}`"),
        ),
        Compliance::Invalid(e) => push(Severity::Error, e.to_string()),
    }
    match (standard, official) {
        (Compliance::Valid(_) | Compliance::Tolerated(_), OfficialVerdict::Invalid) => push(
            Severity::Warning,
            "the official suite reports this name as invalid (its GPU generation pattern \
             swallows the following `_ib`); the standard text allows it"
                .to_owned(),
        ),
        (Compliance::Invalid(e), OfficialVerdict::Valid | OfficialVerdict::Tolerated) => push(
            Severity::Warning,
            format!(
                "the official suite accepts this name ({}); the standard text does not",
                divergence_reason(e)
            ),
        ),
        (_, OfficialVerdict::Abort) => push(
            Severity::Warning,
            "the official suite crashes on this name (its RAM overflows a float), so it \
             reports both scs-0100 testcases as ABORT"
                .to_owned(),
        ),
        _ => {}
    }
}

fn syntax(readings: &[Reading<'_>]) -> TestcaseResult {
    let mut findings = Vec::new();
    for r in readings {
        name_findings(&r.flavor.name, &r.standard, r.official, &mut findings);
    }
    TestcaseResult::from_findings(
        TestcaseId::SCS_0100_SYNTAX_CHECK,
        findings,
        official_syntax(readings),
    )
}

fn official_syntax(readings: &[Reading<'_>]) -> Outcome {
    if readings
        .iter()
        .any(|r| r.official == OfficialVerdict::Abort)
    {
        Outcome::Abort
    } else if readings
        .iter()
        .any(|r| r.official == OfficialVerdict::Invalid)
    {
        Outcome::Fail
    } else {
        Outcome::Pass
    }
}

/// Per flavor, whether the official semantics check logs an error, or crashes.
enum OfficialFlavor {
    Ok,
    Error,
    Abort,
}

fn official_flavor(flavor: &Flavor, v: &OfficialValues) -> OfficialFlavor {
    let mut error = u128::from(flavor.vcpus) < v.cpus;
    if official::flavor_ram_gib(flavor.ram) < v.ram {
        error = true;
    }
    match v.disk {
        Some(None) => return OfficialFlavor::Abort,
        Some(Some(size)) if u128::from(flavor.disk) < size => error = true,
        _ => {}
    }
    if error {
        OfficialFlavor::Error
    } else {
        OfficialFlavor::Ok
    }
}

fn semantics(readings: &[Reading<'_>]) -> TestcaseResult {
    let id = TestcaseId::SCS_0100_SEMANTICS_CHECK;
    let mut findings = Vec::new();
    let mut official_error = false;
    let mut official_abort = readings
        .iter()
        .any(|r| r.official == OfficialVerdict::Abort);
    if official_abort {
        findings.push(Finding::new(
            id.clone(),
            Severity::Warning,
            None,
            "the official suite crashes while reading the flavor names (a RAM figure overflows \
             a float), so it reports this testcase as ABORT",
        ));
    }
    for r in readings {
        let flavor = r.flavor;
        let subject = || Some(flavor.name.clone());
        let before = findings.len();
        if let Some(n) = r.standard.name() {
            check_flavor(&id, flavor, n, &mut findings);
        }
        let standard_error = findings[before..]
            .iter()
            .any(|f| f.severity == Severity::Error);
        let Some(values) = r.values.as_ref() else {
            if standard_error {
                findings.push(Finding::new(
                    id.clone(),
                    Severity::Warning,
                    subject(),
                    "the official suite rejects this name, so its semantics check skips this flavor",
                ));
            }
            continue;
        };
        match official_flavor(flavor, values) {
            OfficialFlavor::Abort => {
                official_abort = true;
                findings.push(Finding::new(
                    id.clone(),
                    Severity::Warning,
                    subject(),
                    "the official suite crashes on this flavor (its name's disk part has no \
                     size to compare), so it reports this testcase as ABORT; the standard \
                     text is met: no size is promised",
                ));
            }
            OfficialFlavor::Error => {
                official_error = true;
                if !standard_error {
                    findings.push(Finding::new(
                        id.clone(),
                        Severity::Warning,
                        subject(),
                        if r.standard.name().is_some() {
                            "the official suite reports an overpromise for this flavor \
                             (its arithmetic differs here)"
                        } else {
                            "the official suite accepts this name and reports an overpromise \
                             for this flavor"
                        },
                    ));
                }
            }
            OfficialFlavor::Ok => {
                if standard_error {
                    findings.push(Finding::new(
                        id.clone(),
                        Severity::Warning,
                        subject(),
                        "the official suite reports no overpromise for this flavor",
                    ));
                }
            }
        }
    }
    let official = if official_abort {
        Outcome::Abort
    } else if official_error {
        Outcome::Fail
    } else {
        Outcome::Pass
    };
    TestcaseResult::from_findings(id, findings, official)
}

fn check_flavor(id: &TestcaseId, flavor: &Flavor, name: FlavorName, out: &mut Vec<Finding>) {
    let mut push = |severity, message: String| {
        out.push(Finding::new(
            id.clone(),
            severity,
            Some(flavor.name.clone()),
            message,
        ));
    };
    // vCPUs
    let cpus = u64::from(name.cpus());
    if flavor.vcpus < cpus {
        push(
            Severity::Error,
            format!(
                "CPU overpromise: the name promises {cpus} vCPUs, the flavor has {}",
                flavor.vcpus
            ),
        );
    } else if flavor.vcpus > cpus {
        push(
            Severity::Info,
            format!(
                "CPU underpromise: the flavor has {} vCPUs, the name promises {cpus}",
                flavor.vcpus
            ),
        );
    }
    // RAM: pass iff ram_MiB >= 1024 * GiB - 51 (the official tolerance).
    let ram = name.ram();
    let promised = u128::from(ram.mib());
    let have = u128::from(flavor.ram);
    if have + 51 < promised {
        push(
            Severity::Error,
            format!(
                "RAM overpromise: the name promises {ram} GiB ({promised} MiB), the flavor has {have} MiB"
            ),
        );
    } else if have < promised {
        push(
            Severity::Warning,
            format!(
                "RAM slightly below the promise: the name promises {ram} GiB ({promised} MiB), \
                 the flavor has {have} MiB (within the tolerance of 51 MiB)"
            ),
        );
    } else if have >= promised + 52 {
        push(
            Severity::Info,
            format!("RAM underpromise: the flavor has {have} MiB, the name promises {ram} GiB"),
        );
    }
    if ram.whole_gib() >= 10 && ram.has_half() {
        push(
            Severity::Info,
            format!(
                "discouraged RAM size {ram} GiB: half GiB steps should be used below 10 GiB only"
            ),
        );
    }
    // Disk
    let size = name
        .disk()
        .map_or(Some(0), |d| d.size.map(|s| u64::from(s.get())));
    if let Some(size) = size {
        if flavor.disk < size {
            push(
                Severity::Error,
                format!(
                    "disk overpromise: the name promises {size} GB, the flavor has {} GiB",
                    flavor.disk
                ),
            );
        } else if flavor.disk > size {
            push(
                Severity::Info,
                format!(
                    "disk underpromise: the flavor has {} GiB, the name promises {size}",
                    flavor.disk
                ),
            );
        }
    }
    // Beyond the official suite: extra specs that contradict the name.
    if let Some(value) = flavor.extra_specs.get("scs:cpu-type") {
        match CpuType::from_extra_spec(value) {
            None => push(
                Severity::Warning,
                format!("extra spec `scs:cpu-type` has the unknown value `{value}`"),
            ),
            Some(declared) if declared < name.cpu_type() => push(
                Severity::Warning,
                format!(
                    "the name promises CPU type `{}` ({}), but extra spec `scs:cpu-type` says `{value}`",
                    name.cpu_type().letter(),
                    name.cpu_type().extra_spec()
                ),
            ),
            Some(_) => {}
        }
    }
    let disk = name.disk();
    for (key, value) in &flavor.extra_specs {
        let Some(n) = key
            .strip_prefix("scs:disk")
            .and_then(|r| r.strip_suffix("-type"))
            .and_then(|n| n.parse::<u32>().ok())
        else {
            continue;
        };
        let Some(d) = disk.filter(|d| n < d.count.get()) else {
            continue;
        };
        let Some(promised) = d.kind else {
            if DiskType::from_extra_spec(value).is_none() {
                push(
                    Severity::Warning,
                    format!("extra spec `{key}` has the unknown value `{value}`"),
                );
            }
            continue;
        };
        match DiskType::from_extra_spec(value) {
            None => push(
                Severity::Warning,
                format!("extra spec `{key}` has the unknown value `{value}`"),
            ),
            Some(declared) if declared == promised => {}
            Some(declared)
                if declared != DiskType::Network
                    && promised != DiskType::Network
                    && declared > promised => {}
            Some(declared) => push(
                Severity::Warning,
                format!(
                    "the name promises disk type `{}` ({}), but extra spec `{key}` says `{}`",
                    promised.letter(),
                    promised.extra_spec(),
                    declared.extra_spec()
                ),
            ),
        }
    }
}
