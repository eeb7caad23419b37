//! scs-0114 v1: volume types.
//!
//! Standard: <https://docs.scs.community/standards/scs-0114-v1-volume-type-standard> (with its
//! testing notes, supplement w1).
//!
//! A volume type advertises the features it provides at the very beginning of its description,
//! as an aspect list `[scs:encrypted, replicated]`, optionally followed by free text. What is
//! covered:
//!
//! - [`aspect_list`]: the aspect list of a description, read exactly as the official suite reads
//!   it;
//! - [`syntax_check`] (`scs-0114-syntax-check`, in the certificate scopes v5.1 and next): every
//!   aspect list is sorted alphabetically (MUST), names each aspect once (SHOULD) and names only
//!   the standardised aspects `encrypted` and `replicated` (other aspects SHOULD NOT be
//!   advertised this way; the official suite fails on them, and so does this crate);
//! - [`encrypted_type`] and [`replicated_type`] (`scs-0114-encrypted-type`,
//!   `scs-0114-replicated-type`, RECOMMENDED; defined, but in no certificate version): some
//!   volume type advertises the aspect;
//! - [`check`]: all three.
//!
//! # How a description is read
//!
//! As the official suite (`Tests/iaas/scs_0114_volume_types`) reads it: the description must
//! start with `[scs:` (lowercase, no leading space) and the list ends at the first `]`; a `[`
//! before it, or no `]`, means no list. The text in between is split at commas and each item is
//! trimmed; `[scs:]` is an empty list (valid, no aspects). A null or empty description has no
//! list. Aspects are compared case-sensitively and sorted by code point (`[scs:Encrypted]` names
//! an unrecognised aspect; `[scs:encrypted, ]` has an empty second item, which is both
//! unrecognised and out of order). Only the first list counts (`[scs:encrypted][scs:replicated]`
//! advertises `encrypted` only). Every aspect of every list counts for the aspect testcases, even
//! from a list that fails the syntax check.
//!
//! Beyond the official suite, a description that mentions `[scs:` (in any case) without starting
//! with an aspect list gets a warning, since the list there is ignored.
//!
//! # Divergences from the official suite
//!
//! | input | standard (this crate) | official suite | why |
//! | --- | --- | --- | --- |
//! | an aspect listed twice (`[scs:encrypted, encrypted]`) | warning, syntax-check PASS | FAIL | the text says every aspect SHOULD be mentioned at most once |
//!
//! The divergence is pinned by a test, and the warning says that the official suite fails.
//! The official suite never crashes on volume types, so its outcome here is never ABORT.

use crate::input::volume::VolumeType;
use crate::report::{Finding, Outcome, Report, Severity, TestcaseId, TestcaseResult};

/// `scs-0114-syntax-check`: every aspect list in a volume type description is well-formed.
pub const SYNTAX_CHECK: TestcaseId = TestcaseId::from_static("scs-0114-syntax-check");
/// `scs-0114-encrypted-type`: some volume type advertises the aspect `encrypted`.
pub const ENCRYPTED_TYPE: TestcaseId = TestcaseId::from_static("scs-0114-encrypted-type");
/// `scs-0114-replicated-type`: some volume type advertises the aspect `replicated`.
pub const REPLICATED_TYPE: TestcaseId = TestcaseId::from_static("scs-0114-replicated-type");

/// The standardised aspects, in alphabetical order.
pub const ASPECTS: [&str; 2] = ["encrypted", "replicated"];

/// The aspect list at the start of `description`, as the official suite reads it: `None` when
/// the description does not start with one, else its trimmed comma-separated items (none for
/// `[scs:]`).
///
/// ```
/// use scs_validators::volume_types::aspect_list;
/// assert_eq!(aspect_list("[scs:encrypted, replicated] LUKS on Ceph"), Some(vec!["encrypted", "replicated"]));
/// assert_eq!(aspect_list("[scs: encrypted ,replicated ]"), Some(vec!["encrypted", "replicated"]));
/// assert_eq!(aspect_list("[scs:]"), Some(vec![]));
/// assert_eq!(aspect_list(" [scs:encrypted]"), None);
/// assert_eq!(aspect_list("[SCS:encrypted]"), None);
/// ```
pub fn aspect_list(description: &str) -> Option<Vec<&str>> {
    let rest = description.strip_prefix("[scs:")?;
    let end = rest.find(['[', ']'])?;
    if !rest[end..].starts_with(']') {
        return None;
    }
    let inner = &rest[..end];
    if inner.is_empty() {
        return Some(Vec::new());
    }
    Some(inner.split(',').map(python_strip).collect())
}

/// Trims what Python's `str.strip()` trims: Unicode whitespace plus the separators U+001C to
/// U+001F.
fn python_strip(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c))
}

/// Runs all three testcases: `scs-0114-syntax-check`, `scs-0114-encrypted-type` and
/// `scs-0114-replicated-type`.
pub fn check(types: &[VolumeType]) -> Report {
    Report {
        results: vec![
            syntax_check(types),
            encrypted_type(types),
            replicated_type(types),
        ],
    }
}

/// The name a finding uses for a volume type: its name, or its id when the name is empty.
fn subject(t: &VolumeType) -> String {
    match (&t.name, &t.id) {
        (name, Some(id)) if name.is_empty() => id.clone(),
        (name, _) => name.clone(),
    }
}

fn quoted_list<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    items
        .into_iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `scs-0114-syntax-check`: every aspect list is sorted, free of duplicates and names only
/// `encrypted` and `replicated`.
///
/// Errors: an unsorted list, an unrecognised (or empty) aspect. Warnings: an aspect named more
/// than once (the official suite fails on it), a description that mentions `[scs:` without
/// starting with an aspect list.
///
/// ```
/// use scs_validators::input::volume::VolumeType;
/// use scs_validators::report::Outcome;
/// use scs_validators::volume_types::syntax_check;
/// let types = [
///     VolumeType::new("__default__", None),
///     VolumeType::new("LUKS", Some("[scs:encrypted] This volume uses LUKS-encryption")),
///     VolumeType::new("twice", Some("[scs:encrypted, encrypted]")),
/// ];
/// let result = syntax_check(&types);
/// assert_eq!(result.outcome(), Outcome::Pass);
/// assert_eq!(result.official(), Outcome::Fail);
/// ```
pub fn syntax_check(types: &[VolumeType]) -> TestcaseResult {
    let mut findings = Vec::new();
    let mut official_error = false;
    for t in types {
        let Some(description) = t.description.as_deref() else {
            continue;
        };
        let mut push = |severity, message: String| {
            findings.push(Finding::new(
                SYNTAX_CHECK,
                severity,
                Some(subject(t)),
                message,
            ));
        };
        let Some(list) = aspect_list(description) else {
            if description.to_ascii_lowercase().contains("[scs:") {
                push(
                    Severity::Warning,
                    "the description mentions `[scs:` but does not start with an aspect list \
                     (`[scs:` in lowercase at the very start, closed by `]`), so it advertises \
                     no aspect"
                        .to_owned(),
                );
            }
            continue;
        };
        if list.is_empty() {
            continue;
        }
        let mut sorted = list.clone();
        sorted.sort_unstable();
        if sorted != list {
            official_error = true;
            push(
                Severity::Error,
                format!(
                    "aspects not sorted alphabetically: {}; expected {}",
                    quoted_list(list.iter().copied()),
                    quoted_list(sorted.iter().copied())
                ),
            );
        }
        let mut duplicates: Vec<&str> = Vec::new();
        for (i, a) in list.iter().enumerate() {
            if list[..i].contains(a) && !duplicates.contains(a) {
                duplicates.push(a);
            }
        }
        if !duplicates.is_empty() {
            official_error = true;
            push(
                Severity::Warning,
                format!(
                    "{} listed more than once; the standard says each aspect SHOULD be listed \
                     once, the official suite fails on this",
                    quoted_list(duplicates.iter().copied())
                ),
            );
        }
        let mut unrecognized: Vec<&str> = Vec::new();
        for a in &list {
            if !ASPECTS.contains(a) && !unrecognized.contains(a) {
                unrecognized.push(a);
            }
        }
        if !unrecognized.is_empty() {
            official_error = true;
            let empty = unrecognized.contains(&"");
            push(
                Severity::Error,
                format!(
                    "unrecognized {} {}{}; only `encrypted` and `replicated` are standardised",
                    if unrecognized.len() == 1 {
                        "aspect"
                    } else {
                        "aspects"
                    },
                    quoted_list(unrecognized.iter().copied()),
                    if empty {
                        " (an empty item: a stray comma?)"
                    } else {
                        ""
                    }
                ),
            );
        }
    }
    let official = if official_error {
        Outcome::Fail
    } else {
        Outcome::Pass
    };
    TestcaseResult::from_findings(SYNTAX_CHECK, findings, official)
}

/// `scs-0114-encrypted-type`: some volume type advertises `encrypted` (RECOMMENDED; in no
/// certificate version).
///
/// An error when none does; else an info finding naming the types that do.
pub fn encrypted_type(types: &[VolumeType]) -> TestcaseResult {
    aspect_type(types, ENCRYPTED_TYPE, "encrypted")
}

/// `scs-0114-replicated-type`: some volume type advertises `replicated` (RECOMMENDED; in no
/// certificate version).
///
/// An error when none does; else an info finding naming the types that do.
pub fn replicated_type(types: &[VolumeType]) -> TestcaseResult {
    aspect_type(types, REPLICATED_TYPE, "replicated")
}

fn aspect_type(types: &[VolumeType], id: TestcaseId, aspect: &str) -> TestcaseResult {
    let names: Vec<String> = types
        .iter()
        .filter(|t| {
            t.description
                .as_deref()
                .and_then(aspect_list)
                .is_some_and(|l| l.contains(&aspect))
        })
        .map(subject)
        .collect();
    let (finding, official) = if names.is_empty() {
        (
            Finding::new(
                id.clone(),
                Severity::Error,
                None,
                format!("no volume type advertises the aspect `{aspect}`"),
            ),
            Outcome::Fail,
        )
    } else {
        (
            Finding::new(
                id.clone(),
                Severity::Info,
                None,
                format!(
                    "aspect `{aspect}` advertised by {}",
                    quoted_list(names.iter().map(String::as_str))
                ),
            ),
            Outcome::Pass,
        )
    };
    TestcaseResult::from_findings(id, vec![finding], official)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_extraction_follows_the_official_pattern() {
        assert_eq!(aspect_list("[scs:encrypted"), None);
        assert_eq!(aspect_list("[scs:encr[ypted]"), None);
        assert_eq!(aspect_list("foo [scs:encrypted]"), None);
        assert_eq!(aspect_list(""), None);
        assert_eq!(
            aspect_list("[scs:encrypted][scs:replicated]"),
            Some(vec!["encrypted"])
        );
        assert_eq!(
            aspect_list("[scs:encrypted replicated]"),
            Some(vec!["encrypted replicated"])
        );
        assert_eq!(
            aspect_list("[scs:encrypted, ]"),
            Some(vec!["encrypted", ""])
        );
        assert_eq!(aspect_list("[scs:\n encrypted\t]"), Some(vec!["encrypted"]));
        assert_eq!(aspect_list("[scs:,]"), Some(vec!["", ""]));
    }

    #[test]
    fn strip_matches_python() {
        assert_eq!(python_strip("\u{1f}\u{a0} x \u{3000}\u{1c}"), "x");
        assert_eq!(python_strip("\u{200b}x"), "\u{200b}x");
    }
}
