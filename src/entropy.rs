//! scs-0101 v1 (text version 1.1): entropy in virtual machines.
//!
//! Standard: <https://docs.scs.community/standards/scs-0101-v1-entropy> and its supplement w1
//! (implementation and testing notes).
//!
//! The standard's rule (compute nodes offer CPU entropy instructions to the VMs) cannot be seen
//! from outside; w1 names two surrogates measured inside a test VM, and those are the testcases
//! here:
//!
//! - [`entropy_avail`] (`scs-0101-entropy-avail`): `/proc/sys/kernel/random/entropy_avail` reads
//!   `256` (the value kernels since 5.18 pin);
//! - [`fips_test`] (`scs-0101-fips-test`): `rngtest -c 1000` on `/dev/random` counts fewer than 5
//!   FIPS 140-2 failures.
//!
//! Both read the test VM's console output as the official suite's cloud-init script prints it:
//! every line of interest carries the marker `_scs-test-<section>: ` ([`ConsoleSections`]), and
//! the run ends with `_scs-test-end`. [`choose_test_image`], [`choose_test_flavor`] and
//! [`boot_volume_gib`] make the official suite's choice of the test VM, so that a probe tool
//! boots the same machine.
//!
//! The removed v1.0 testcases (`scs-0101-flavor-property`, `scs-0101-image-property`,
//! `scs-0101-rngd`) are not implemented; the official suite reports them as ABORT.
//!
//! # Divergences from the official suite
//!
//! | input | standard (this crate) | official suite | why |
//! | --- | --- | --- | --- |
//! | `rngtest` counts 5 failures | FAIL | PASS (logged as info) | w1 asks for "below 5" failures out of 1000 |
//! | a tab or other whitespace that is not a space between `failures:` and the count | reads the count | ABORT | it splits the match at a space |
//! | no `failures:` count, but `successes: 1000` | PASS (0 failures of 1000 blocks) | ABORT | the count of successes out of 1000 blocks gives the failures; the official suite calls this inconclusive |
//! | another `… failures: N` line before the summary `FIPS 140-2 failures: N` | reads the summary | reads the first line | the summary line is the test's result |
//! | console output without `_scs-test-end`, or with `Failed to run module scripts-user` before it | evaluates the sections that are there | ABORT (both testcases) | it waits for the end marker until its timeout, and gives up when cloud-init reports the failure |
//!
//! A console output without the section a testcase reads gives ABORT under both readings: the
//! measurement, an input, is missing. Each divergence is pinned by a test in `tests/entropy.rs`,
//! and wherever the two outcomes differ a warning finding says why.
//!
//! The text is read as the official suite reads it: lines are split at the same line breaks as
//! Python's `str.splitlines`, payloads are trimmed of the same whitespace as Python's
//! `str.strip`, and decimal digits are Unicode decimal digits, as in Python.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::sync::OnceLock;

use regex::Regex;
use thiserror::Error;

use crate::input::{Flavor, Image};
use crate::report::{Finding, Outcome, Report, Severity, TestcaseId, TestcaseResult};

/// `scs-0101-entropy-avail`: the test VM's `entropy_avail` reads `256`.
pub const ENTROPY_AVAIL: TestcaseId = TestcaseId::from_static("scs-0101-entropy-avail");
/// `scs-0101-fips-test`: `rngtest` counts fewer than 5 FIPS 140-2 failures in 1000 blocks.
pub const FIPS_TEST: TestcaseId = TestcaseId::from_static("scs-0101-fips-test");

/// The marker that starts every line of interest in the console output: `_scs-test-`.
pub const MARKER: &str = "_scs-test-";
/// The line that ends the test run: `_scs-test-end`.
pub const END_MARKER: &str = "_scs-test-end";
/// What cloud-init prints when the test script failed: `Failed to run module scripts-user`.
pub const SCRIPTS_FAILED: &str = "Failed to run module scripts-user";

/// The section `entropy-avail`: the content of `/proc/sys/kernel/random/entropy_avail`.
pub const SECTION_ENTROPY_AVAIL: &str = "entropy-avail";
/// The section `fips-test`: the output of `rngtest -c 1000`.
pub const SECTION_FIPS_TEST: &str = "fips-test";

/// The value `entropy_avail` must read.
pub const ENTROPY_AVAIL_EXPECTED: &str = "256";
/// The number of FIPS 140-2 failures that must not be reached (w1: "below 5").
pub const FIPS_FAILURE_LIMIT: u64 = 5;
/// The strict limit the official suite notes (at most 3 failures).
pub const FIPS_STRICT_LIMIT: u64 = 3;
/// The number of blocks `rngtest -c 1000` tests.
pub const FIPS_BLOCKS: u64 = 1000;

/// A test VM's console output, split into the sections its test script marked.
///
/// A line contributes when it holds [`MARKER`] anywhere: the text after the marker up to the
/// first `:` is the section name (not trimmed), the rest, trimmed, is appended to that section;
/// a line without `:` after the marker (such as `_scs-test-end`) adds nothing. This is how the
/// official suite reads the output.
///
/// ```
/// use scs_validators::entropy::ConsoleSections;
/// let console = ConsoleSections::parse(
///     "[  70.4] cloud-init[513]: _scs-test-entropy-avail: 256\n\
///      _scs-test-fips-test: rngtest: FIPS 140-2 failures: 0\n\
///      _scs-test-end\n",
/// );
/// assert_eq!(console.section("entropy-avail").unwrap(), ["256"]);
/// assert!(console.official_completes());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConsoleSections {
    sections: BTreeMap<String, Vec<String>>,
    end_marker: bool,
    scripts_failed: bool,
}

impl ConsoleSections {
    /// Splits `console` into its sections.
    pub fn parse(console: &str) -> Self {
        let mut sections: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for line in py_splitlines(console) {
            let Some(idx) = line.find(MARKER) else {
                continue;
            };
            let rest = &line[idx + MARKER.len()..];
            if let Some((name, payload)) = rest.split_once(':') {
                sections
                    .entry(name.to_owned())
                    .or_default()
                    .push(py_strip(payload).to_owned());
            }
        }
        let end = console.find(END_MARKER);
        let failed = console.find(SCRIPTS_FAILED);
        ConsoleSections {
            sections,
            end_marker: end.is_some(),
            scripts_failed: match (failed, end) {
                (Some(f), Some(e)) => f < e,
                (Some(_), None) => true,
                (None, _) => false,
            },
        }
    }

    /// The lines of section `name`, if there is one.
    pub fn section(&self, name: &str) -> Option<&[String]> {
        self.sections.get(name).map(Vec::as_slice)
    }

    /// The section names found, in sorted order.
    pub fn section_names(&self) -> impl Iterator<Item = &str> {
        self.sections.keys().map(String::as_str)
    }

    /// Whether the output contains [`END_MARKER`].
    pub fn has_end_marker(&self) -> bool {
        self.end_marker
    }

    /// Whether the output reports [`SCRIPTS_FAILED`] before the end marker (or without one).
    pub fn scripts_failed(&self) -> bool {
        self.scripts_failed
    }

    /// Whether the official suite would get to read this output: the end marker is there and
    /// no script failure was reported before it. Otherwise both testcases are ABORT officially.
    pub fn official_completes(&self) -> bool {
        self.end_marker && !self.scripts_failed
    }

    /// The warning every result gets when the official suite would not read the output.
    fn incomplete_warning(&self, id: &TestcaseId) -> Option<Finding> {
        let message = if !self.end_marker {
            "the console output lacks `_scs-test-end`, so the official suite waits for it until \
             its timeout and reports ABORT"
        } else if self.scripts_failed {
            "the console output reports `Failed to run module scripts-user` before \
             `_scs-test-end`, so the official suite gives up and reports ABORT"
        } else {
            return None;
        };
        Some(Finding::new(id.clone(), Severity::Warning, None, message))
    }
}

/// Splits at the line boundaries of Python's `str.splitlines` (`\n`, `\r`, `\r\n`, `\v`, `\f`,
/// `\x1c`, `\x1d`, `\x1e`, `\u{85}`, `\u{2028}`, `\u{2029}`).
fn py_splitlines(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let is_break = matches!(
            c,
            '\n' | '\r'
                | '\x0b'
                | '\x0c'
                | '\x1c'
                | '\x1d'
                | '\x1e'
                | '\u{85}'
                | '\u{2028}'
                | '\u{2029}'
        );
        if !is_break {
            continue;
        }
        out.push(&text[start..i]);
        let mut next = i + c.len_utf8();
        if c == '\r' {
            if let Some(&(j, '\n')) = chars.peek() {
                chars.next();
                next = j + 1;
            }
        }
        start = next;
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// Python's `str.isspace`: Unicode white space plus the separators `\x1c`..`\x1f`.
fn py_is_space(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

/// Python's `str.strip()`.
fn py_strip(text: &str) -> &str {
    text.trim_matches(py_is_space)
}

fn regex(cell: &'static OnceLock<Option<Regex>>, pattern: &str) -> Option<&'static Regex> {
    cell.get_or_init(|| Regex::new(pattern).ok()).as_ref()
}

/// Whether `c` is a Unicode decimal digit (general category Nd), as Python's `\d` matches.
fn is_decimal_digit(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    static ND: OnceLock<Option<Regex>> = OnceLock::new();
    let mut buf = [0u8; 4];
    regex(&ND, r"^\d$").is_some_and(|r| r.is_match(c.encode_utf8(&mut buf)))
}

/// The value of a Unicode decimal digit, as Python's `int` reads it.
///
/// Unicode encodes decimal digits in runs of ten, zero to nine; adjacent runs start where the
/// previous one ends, so the value is the distance from the start of the block, modulo ten.
fn decimal_digit_value(c: char) -> Option<u8> {
    if let Some(d) = c.to_digit(10) {
        return u8::try_from(d).ok();
    }
    if !is_decimal_digit(c) {
        return None;
    }
    let mut start = u32::from(c);
    while let Some(prev) = start.checked_sub(1).and_then(char::from_u32) {
        if !is_decimal_digit(prev) {
            break;
        }
        start -= 1;
    }
    u8::try_from((u32::from(c) - start) % 10).ok()
}

/// A natural number of any size, read from Unicode decimal digits (as Python's `int` does).
#[derive(Clone, Debug, PartialEq, Eq)]
struct Natural(String);

impl Natural {
    /// `None` unless `text` is one or more decimal digits.
    fn parse(text: &str) -> Option<Natural> {
        if text.is_empty() {
            return None;
        }
        let mut digits = String::with_capacity(text.len());
        for c in text.chars() {
            let d = decimal_digit_value(c)?;
            if !(digits.is_empty() && d == 0) {
                digits.push(char::from(b'0' + d));
            }
        }
        if digits.is_empty() {
            digits.push('0');
        }
        Some(Natural(digits))
    }

    fn from_u64(n: u64) -> Natural {
        Natural(n.to_string())
    }

    fn saturating_u64(&self) -> u64 {
        self.0.parse().unwrap_or(u64::MAX)
    }
}

impl Ord for Natural {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0
            .len()
            .cmp(&other.0.len())
            .then_with(|| self.0.cmp(&other.0))
    }
}

impl PartialOrd for Natural {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// `scs-0101-entropy-avail` over the test VM's console output.
///
/// Passes when the first line of the `entropy-avail` section, trimmed, is `256`; fails
/// otherwise; ABORT when the section is missing (the measurement was not given).
///
/// ```
/// use scs_validators::entropy::entropy_avail;
/// use scs_validators::report::Outcome;
/// let r = entropy_avail("_scs-test-entropy-avail: 256\n_scs-test-end\n");
/// assert_eq!((r.outcome(), r.official()), (Outcome::Pass, Outcome::Pass));
/// let r = entropy_avail("_scs-test-entropy-avail: 3712\n_scs-test-end\n");
/// assert_eq!(r.outcome(), Outcome::Fail);
/// ```
pub fn entropy_avail(console: &str) -> TestcaseResult {
    entropy_avail_of(&ConsoleSections::parse(console))
}

fn entropy_avail_of(console: &ConsoleSections) -> TestcaseResult {
    let id = ENTROPY_AVAIL;
    let Some(value) = console
        .section(SECTION_ENTROPY_AVAIL)
        .and_then(|lines| lines.first())
    else {
        return TestcaseResult::aborted(
            id,
            "the console output has no `entropy-avail` section (lines \
             `_scs-test-entropy-avail: …`)",
            Outcome::Abort,
        );
    };
    let mut findings = Vec::new();
    let pass = value == ENTROPY_AVAIL_EXPECTED;
    if !pass {
        findings.push(Finding::new(
            id.clone(),
            Severity::Error,
            None,
            format!(
                "the test VM's `/proc/sys/kernel/random/entropy_avail` reads `{value}`, expected \
                 `256` (the value kernels since 5.18 pin)"
            ),
        ));
    }
    let official = match console.incomplete_warning(&id) {
        Some(warning) => {
            findings.push(warning);
            Outcome::Abort
        }
        None if pass => Outcome::Pass,
        None => Outcome::Fail,
    };
    TestcaseResult::from_findings(id, findings, official)
}

/// How the official suite reads the `fips-test` section.
#[derive(Clone, Debug, PartialEq, Eq)]
enum OfficialCount {
    /// The number after the first `failures:` match.
    Count(Natural),
    /// No `failures:<whitespace><digits>` anywhere.
    NoMatch,
    /// A match whose whitespace is not a space: splitting at a space fails.
    NotSpace,
}

fn official_count(text: &str) -> OfficialCount {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    let Some(m) = regex(&RE, r"failures:[\s\x1c-\x1f]\d+").and_then(|r| r.find(text)) else {
        return OfficialCount::NoMatch;
    };
    let mut parts = m.as_str().split(' ');
    parts.next();
    match parts.next().and_then(Natural::parse) {
        Some(n) => OfficialCount::Count(n),
        None => OfficialCount::NotSpace,
    }
}

/// Where the standard reading found the failure count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CountSource {
    /// The summary line `FIPS 140-2 failures: N`.
    Summary,
    /// Another `failures: N`.
    Other,
    /// `successes: N` of [`FIPS_BLOCKS`].
    Successes(u64),
}

fn standard_count(text: &str) -> Option<(u64, CountSource)> {
    static SUMMARY: OnceLock<Option<Regex>> = OnceLock::new();
    static ANY: OnceLock<Option<Regex>> = OnceLock::new();
    static SUCCESSES: OnceLock<Option<Regex>> = OnceLock::new();
    let number = |re: Option<&Regex>| {
        re.and_then(|r| r.captures(text))
            .and_then(|c| c.get(1))
            .map(|m| m.as_str().parse::<u64>().unwrap_or(u64::MAX))
    };
    if let Some(n) = number(regex(&SUMMARY, r"FIPS 140-2 failures:\s*([0-9]+)")) {
        return Some((n, CountSource::Summary));
    }
    if let Some(n) = number(regex(&ANY, r"failures:\s*([0-9]+)")) {
        return Some((n, CountSource::Other));
    }
    number(regex(&SUCCESSES, r"successes:\s*([0-9]+)"))
        .map(|s| (FIPS_BLOCKS.saturating_sub(s), CountSource::Successes(s)))
}

/// `scs-0101-fips-test` over the test VM's console output.
///
/// Reads the number of FIPS 140-2 failures from the `fips-test` section (the summary line
/// `FIPS 140-2 failures: N`, else the first `failures: N`, else `FIPS_BLOCKS - successes`) and
/// passes when it is below 5 (with an info note above the strict limit of 3); ABORT when the
/// section is missing or holds no count (the measurement was not given).
///
/// ```
/// use scs_validators::entropy::fips_test;
/// use scs_validators::report::Outcome;
/// let r = fips_test("_scs-test-fips-test: rngtest: FIPS 140-2 failures: 5\n_scs-test-end\n");
/// assert_eq!(r.outcome(), Outcome::Fail); // w1: below 5
/// assert_eq!(r.official(), Outcome::Pass); // the official suite allows 5
/// ```
pub fn fips_test(console: &str) -> TestcaseResult {
    fips_test_of(&ConsoleSections::parse(console))
}

fn fips_test_of(console: &ConsoleSections) -> TestcaseResult {
    let id = FIPS_TEST;
    let Some(lines) = console.section(SECTION_FIPS_TEST) else {
        return TestcaseResult::aborted(
            id,
            "the console output has no `fips-test` section (lines `_scs-test-fips-test: …`)",
            Outcome::Abort,
        );
    };
    let text = lines.join("\n");
    let official_count = official_count(&text);
    let official = if !console.official_completes() {
        Outcome::Abort
    } else {
        match &official_count {
            OfficialCount::Count(n) if *n <= Natural::from_u64(FIPS_FAILURE_LIMIT) => Outcome::Pass,
            OfficialCount::Count(_) => Outcome::Fail,
            OfficialCount::NoMatch | OfficialCount::NotSpace => Outcome::Abort,
        }
    };
    let Some((failures, source)) = standard_count(&text) else {
        return TestcaseResult::aborted(
            id,
            "the `fips-test` section holds no rngtest result (no `failures:` or `successes:` \
             count)",
            official,
        );
    };
    let mut findings = Vec::new();
    let mut push = |severity, message: String| {
        findings.push(Finding::new(id.clone(), severity, None, message));
    };
    if let CountSource::Successes(s) = source {
        push(
            Severity::Info,
            format!(
                "no `failures:` count; `successes: {s}` of {FIPS_BLOCKS} blocks gives {failures} \
                 failures"
            ),
        );
    }
    if failures >= FIPS_FAILURE_LIMIT {
        push(
            Severity::Error,
            format!(
                "rngtest counts {failures} FIPS 140-2 failures in {FIPS_BLOCKS} blocks; w1 asks \
                 for fewer than {FIPS_FAILURE_LIMIT}"
            ),
        );
    } else if failures > FIPS_STRICT_LIMIT {
        push(
            Severity::Info,
            format!(
                "rngtest counts {failures} FIPS 140-2 failures in {FIPS_BLOCKS} blocks: fewer \
                 than {FIPS_FAILURE_LIMIT}, but above the strict limit of {FIPS_STRICT_LIMIT}"
            ),
        );
    }
    let outcome = if failures >= FIPS_FAILURE_LIMIT {
        Outcome::Fail
    } else {
        Outcome::Pass
    };
    if let Some(warning) = console.incomplete_warning(&id) {
        findings.push(warning);
    } else {
        let mut push = |message: String| {
            let severity = if official == outcome {
                Severity::Info
            } else {
                Severity::Warning
            };
            findings.push(Finding::new(id.clone(), severity, None, message));
        };
        match &official_count {
            OfficialCount::NoMatch => push(
                "the official suite finds no `failures: N` count and reports ABORT (it calls the \
                 run inconclusive)"
                    .to_owned(),
            ),
            OfficialCount::NotSpace => push(
                "the official suite cannot read the count after `failures:` (it expects a single \
                 space before the number) and reports ABORT"
                    .to_owned(),
            ),
            OfficialCount::Count(n) if n.saturating_u64() != failures => push(format!(
                "the official suite reads {} failures (from the first `failures:` in the \
                 section) and reports {official}",
                n.0
            )),
            OfficialCount::Count(_) if official != outcome => push(format!(
                "the official suite allows up to {FIPS_FAILURE_LIMIT} failures and reports \
                 {official}; w1 asks for fewer than {FIPS_FAILURE_LIMIT}"
            )),
            OfficialCount::Count(_) => {}
        }
    }
    TestcaseResult::from_findings(id, findings, official)
}

/// Runs `scs-0101-entropy-avail` and `scs-0101-fips-test` over the test VM's console output.
pub fn check(console: &str) -> Report {
    let sections = ConsoleSections::parse(console);
    Report {
        results: vec![entropy_avail_of(&sections), fips_test_of(&sections)],
    }
}

/// Why no test VM can be chosen.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum ChoiceError {
    /// No public or community image (that is not hidden) to boot from.
    #[error("no public or community image to boot the test VM from")]
    NoImage,
    /// No flavor has the RAM the image needs.
    #[error("no flavor has the {min_ram} MiB of RAM that image `{image}` needs")]
    NoFlavor {
        /// The image name (or id when it has no name).
        image: String,
        /// The image's `min_ram` in MiB.
        min_ram: u64,
    },
}

/// How well an image suits the test: Debian beats Ubuntu beats anything else, then the higher
/// version wins.
fn image_rank(image: &Image) -> (u8, Natural) {
    let zero = || Natural::from_u64(0);
    let (Some(distro), Some(version)) = (image.property("os_distro"), image.property("os_version"))
    else {
        return (0, zero());
    };
    if distro.is_empty() || version.is_empty() {
        return (0, zero());
    }
    let version = py_strip(version).to_lowercase();
    match py_strip(distro).to_lowercase().as_str() {
        "debian" => {
            if let Some(n) = Natural::parse(&version) {
                return (2, n);
            }
            let known = match version.as_str() {
                "buster" => 10,
                "bullseye" => 11,
                "bookworm" => 12,
                "trixie" => 13,
                _ => 0,
            };
            (2, Natural::from_u64(known))
        }
        "ubuntu" => {
            let chars: Vec<char> = version.chars().collect();
            let shape = chars.len() == 5
                && chars[2] == '.'
                && [0, 1, 3, 4].iter().all(|&i| is_decimal_digit(chars[i]));
            let number = shape
                .then(|| Natural::parse(&version.replace('.', "")))
                .flatten();
            (1, number.unwrap_or_else(zero))
        }
        _ => (0, zero()),
    }
}

/// The image the official suite boots its test VM from.
///
/// Among the public and community images that are not hidden (the official suite lists
/// no others), the best by (distro, version): `debian` (compared trimmed and lower-case) beats
/// `ubuntu` beats anything else, including images without `os_distro` or `os_version`; then the
/// higher version wins. A Debian version is a number or one of the codenames `buster` (10),
/// `bullseye` (11), `bookworm` (12), `trixie` (13), anything else counts 0; an Ubuntu version
/// `NN.NN` counts as the number `NNNN`, anything else 0. On a tie the first image in the list
/// wins.
///
/// # Errors
///
/// [`ChoiceError::NoImage`] when no image is eligible (the official suite then aborts both
/// testcases).
///
/// ```
/// use scs_validators::entropy::choose_test_image;
/// use scs_validators::input::Image;
/// let image = |id: &str, distro: &str, version: &str| {
///     let mut i = Image { id: id.into(), visibility: Some("public".into()), ..Image::default() };
///     i.properties.insert("os_distro".into(), distro.into());
///     i.properties.insert("os_version".into(), version.into());
///     i
/// };
/// let images = [image("u", "ubuntu", "24.04"), image("d", "debian", "12")];
/// assert_eq!(choose_test_image(&images)?.id, "d");
/// # Ok::<(), scs_validators::entropy::ChoiceError>(())
/// ```
pub fn choose_test_image(images: &[Image]) -> Result<&Image, ChoiceError> {
    let mut best: Option<(&Image, (u8, Natural))> = None;
    for image in images
        .iter()
        .filter(|i| i.is_public_or_community() && !i.os_hidden)
    {
        let rank = image_rank(image);
        if best.as_ref().map_or(true, |(_, b)| rank > *b) {
            best = Some((image, rank));
        }
    }
    best.map(|(image, _)| image).ok_or(ChoiceError::NoImage)
}

/// Whether the flavor allows a virtual RNG device (`hw_rng:allowed` is `true` in any case).
fn allows_hw_rng(flavor: &Flavor) -> bool {
    flavor
        .extra_specs
        .get("hw_rng:allowed")
        .is_some_and(|v| v.to_lowercase() == "true")
}

/// The flavor the official suite boots its test VM with, for `image`.
///
/// Among the flavors with at least the image's `min_ram`, those with `hw_rng:allowed` set to
/// `true` (in any case) if there are any, the one with the least `vcpus + ram / 3 + disk / 10`
/// (RAM in MiB, disk in GiB); on a tie the first in the list.
///
/// # Errors
///
/// [`ChoiceError::NoFlavor`] when no flavor has enough RAM.
///
/// ```
/// use scs_validators::entropy::choose_test_flavor;
/// use scs_validators::input::{Flavor, Image};
/// let image = Image { id: "d".into(), min_ram: Some(1024), ..Image::default() };
/// let flavors = [
///     Flavor::new("SCS-1L-1", 1, 1024, 0),
///     Flavor::new("SCS-2V-4", 2, 4096, 0).with_extra_spec("hw_rng:allowed", "True"),
/// ];
/// assert_eq!(choose_test_flavor(&flavors, &image)?.name, "SCS-2V-4");
/// # Ok::<(), scs_validators::entropy::ChoiceError>(())
/// ```
pub fn choose_test_flavor<'a>(
    flavors: &'a [Flavor],
    image: &Image,
) -> Result<&'a Flavor, ChoiceError> {
    let min_ram = image.min_ram.unwrap_or(0);
    let big_enough = || flavors.iter().filter(move |f| f.ram >= min_ram);
    let prefer_rng = big_enough().any(allows_hw_rng);
    // vcpus + ram / 3 + disk / 10, times 30 to stay in integers.
    let cost =
        |f: &Flavor| u128::from(f.vcpus) * 30 + u128::from(f.ram) * 10 + u128::from(f.disk) * 3;
    let mut best: Option<(&Flavor, u128)> = None;
    for flavor in big_enough().filter(|f| !prefer_rng || allows_hw_rng(f)) {
        let c = cost(flavor);
        if best.map_or(true, |(_, b)| c < b) {
            best = Some((flavor, c));
        }
    }
    best.map(|(f, _)| f).ok_or_else(|| ChoiceError::NoFlavor {
        image: image.name.clone().unwrap_or_else(|| image.id.clone()),
        min_ram,
    })
}

/// The size in GiB of the boot volume the official suite gives the test VM: the image's
/// `min_disk`, at least 8.
pub fn boot_volume_gib(image: &Image) -> u64 {
    image.min_disk.unwrap_or(0).max(8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitlines_like_python() {
        assert_eq!(
            py_splitlines("a\r\nb\rc\nd\x0be\u{2028}f\r"),
            ["a", "b", "c", "d", "e", "f"]
        );
        assert_eq!(py_splitlines("a\n\nb"), ["a", "", "b"]);
        assert!(py_splitlines("").is_empty());
    }

    #[test]
    fn strip_like_python() {
        assert_eq!(py_strip("\x1f 256\u{a0}\t"), "256");
        assert_eq!(py_strip("a b"), "a b");
    }

    #[test]
    fn unicode_digits() {
        assert_eq!(decimal_digit_value('7'), Some(7));
        assert_eq!(decimal_digit_value('\u{663}'), Some(3)); // ARABIC-INDIC DIGIT THREE
        assert_eq!(decimal_digit_value('\u{96f}'), Some(9)); // DEVANAGARI DIGIT NINE
                                                             // MATHEMATICAL DOUBLE-STRUCK DIGIT TWO: the second of five adjacent runs.
        assert_eq!(decimal_digit_value('\u{1d7da}'), Some(2));
        assert_eq!(decimal_digit_value('x'), None);
        assert_eq!(decimal_digit_value('\u{b2}'), None); // SUPERSCRIPT TWO is not Nd
        assert_eq!(Natural::parse("\u{661}\u{662}"), Some(Natural("12".into())));
        assert_eq!(Natural::parse("007"), Some(Natural("7".into())));
        assert_eq!(Natural::parse("000"), Some(Natural("0".into())));
        assert_eq!(Natural::parse(""), None);
        assert!(Natural::parse("100").unwrap() > Natural::parse("99").unwrap());
        assert_eq!(
            Natural::parse("99999999999999999999999")
                .unwrap()
                .saturating_u64(),
            u64::MAX
        );
    }

    #[test]
    fn official_count_reads_like_the_reference() {
        assert_eq!(
            official_count("FIPS 140-2 failures: 3"),
            OfficialCount::Count(Natural("3".into()))
        );
        assert_eq!(official_count("failures:\t3"), OfficialCount::NotSpace);
        assert_eq!(official_count("failures:\n3"), OfficialCount::NotSpace);
        assert_eq!(official_count("failures:\x1c3"), OfficialCount::NotSpace);
        assert_eq!(official_count("failures:  3"), OfficialCount::NoMatch);
        assert_eq!(official_count("successes: 1000"), OfficialCount::NoMatch);
    }
}
