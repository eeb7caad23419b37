//! The properties the `k8s_version` fuzz target checks, shared with the stable seed replay in
//! `tests/fuzz_seeds.rs` (both include this file with `#[path = …] mod …;`).
//!
//! The input is text (UTF-8, or its lossy conversion): the whole of it, and each of its first
//! four lines, is parsed as a [`K8sVersion`] and as a [`K8sBranch`]. Each property is an
//! `assert!` naming the input, so a failure reads as a bug report.

use std::cmp::Ordering;

use scs_validators::k8s_version_policy::{K8sBranch, K8sVersion, UpperBound, VersionRange};

/// Lines of the input parsed on their own (besides the whole input).
const MAX_LINES: usize = 4;

/// Versions every parsed version is compared with: finals, pre-releases and vendor builds
/// around 1.30, and the extremes.
const REFERENCES: &[&str] = &[
    "0.0.0",
    "1.29.99",
    "1.30.0-alpha.1",
    "1.30.0-rc.1",
    "1.30.0",
    "1.30.2",
    "1.30.2-eks-1234567",
    "1.30.2-gke.1000",
    "1.30.3-rc.0",
    "1.30.3",
    "1.31.0-beta.0",
    "18446744073709551615.18446744073709551615.18446744073709551615",
];

/// Checks every property on `data`: as text if it is UTF-8, else on its lossy conversion.
pub fn k8s_version(data: &[u8]) {
    match std::str::from_utf8(data) {
        Ok(s) => check_text(s),
        Err(_) => check_text(&String::from_utf8_lossy(data)),
    }
}

/// Checks every property on one text: the whole of it and its first lines, each on its own
/// and against each other.
pub fn check_text(s: &str) {
    let references: Vec<K8sVersion> = REFERENCES
        .iter()
        .map(|r| {
            r.parse()
                .unwrap_or_else(|e| panic!("reference {r:?} does not parse: {e}"))
        })
        .collect();
    let mut versions = references.clone();
    let mut branches = Vec::new();
    let lines = s.lines().take(MAX_LINES);
    for text in std::iter::once(s).chain(lines) {
        if let Some(version) = check_version(text) {
            versions.push(version);
        }
        if let Some(branch) = check_branch(text) {
            branches.push(branch);
        }
    }
    // Every pair with a parsed version in it (the references among themselves are fixed).
    for (i, a) in versions.iter().enumerate() {
        for (j, b) in versions.iter().enumerate() {
            if i.max(j) >= references.len() {
                check_order(a, b);
                check_range(a, b, &references);
            }
        }
    }
    for a in &branches {
        for b in &branches {
            assert_eq!(
                a.cmp(b),
                b.cmp(a).reverse(),
                "branch order not antisymmetric: {a} vs {b}"
            );
            assert_eq!(a == b, a.cmp(b).is_eq(), "branch == vs cmp: {a} vs {b}");
        }
    }
}

/// Parses `text` as a version; whatever parses re-parses from its `Display` to an equal value.
pub fn check_version(text: &str) -> Option<K8sVersion> {
    let version = match text.parse::<K8sVersion>() {
        Ok(version) => version,
        Err(e) => {
            let message = e.to_string();
            assert!(
                message.contains("is not a Kubernetes version"),
                "error message of {text:?}: {message}"
            );
            assert_eq!(e.input(), text, "error input of {text:?}");
            return None;
        }
    };
    let shown = version.to_string();
    assert_eq!(
        shown.parse::<K8sVersion>().as_ref(),
        Ok(&version),
        "{text:?} parses to {version:?}, whose display {shown:?} does not parse back to it"
    );
    assert_eq!(
        format!("v{shown}").parse::<K8sVersion>().as_ref(),
        Ok(&version),
        "{text:?}: `v` + display {shown:?} does not parse back"
    );
    assert!(
        !shown.starts_with('v') && !shown.contains('+') && shown.trim() == shown,
        "{text:?} displays as {shown:?}: not the normalised form"
    );
    // The accessors agree with each other.
    let upstream = version.upstream();
    assert_eq!(upstream.vendor(), None, "upstream of {text:?} has a vendor");
    assert_eq!(upstream.pre(), version.pre(), "upstream of {text:?}");
    assert_eq!(
        version.is_plain(),
        version.pre().is_none() && version.vendor().is_none(),
        "is_plain of {text:?}"
    );
    assert_eq!(version.is_prerelease(), version.pre().is_some(), "{text:?}");
    assert_eq!(
        (version.major(), version.minor()),
        (version.branch().major(), version.branch().minor()),
        "branch of {text:?}"
    );
    assert_eq!(
        (version.major(), version.minor(), version.patch()),
        (
            version.as_semver().major,
            version.as_semver().minor,
            version.as_semver().patch
        ),
        "semver of {text:?}"
    );
    if let Some(pre) = version.pre() {
        assert!(
            ["alpha", "beta", "rc"]
                .iter()
                .any(|w| pre == *w || pre.starts_with(&format!("{w}."))),
            "{text:?}: pre-release `{pre}` is not alpha, beta or rc"
        );
        assert!(
            version.vendor().is_none(),
            "{text:?}: pre-release and vendor"
        );
    }
    if let Some(vendor) = version.vendor() {
        assert!(
            shown.ends_with(&format!("-{vendor}")),
            "{text:?}: display {shown:?} lacks the vendor `{vendor}`"
        );
    }
    // The branch of a version parses back from its display.
    let branch = version.branch();
    assert_eq!(
        branch.to_string().parse::<K8sBranch>(),
        Ok(branch),
        "branch of {text:?}"
    );
    Some(version)
}

/// Parses `text` as a branch; whatever parses re-parses from its `Display` to an equal value.
pub fn check_branch(text: &str) -> Option<K8sBranch> {
    let branch = match text.parse::<K8sBranch>() {
        Ok(branch) => branch,
        Err(e) => {
            let message = e.to_string();
            assert!(
                message.contains("is not a Kubernetes branch"),
                "error message of {text:?}: {message}"
            );
            return None;
        }
    };
    let shown = branch.to_string();
    assert_eq!(
        shown.parse::<K8sBranch>(),
        Ok(branch),
        "{text:?} parses to {branch:?}, whose display {shown:?} does not parse back to it"
    );
    let first = branch.first_version();
    assert_eq!(first.branch(), branch, "first version of {text:?}");
    assert_eq!(first.patch(), 0, "first version of {text:?}");
    if let Some(previous) = branch.previous() {
        assert!(previous < branch, "previous of {text:?}");
        assert_eq!(
            previous.next(),
            Some(branch),
            "previous then next of {text:?}"
        );
    }
    if let Some(next) = branch.next() {
        assert!(next > branch, "next of {text:?}");
        assert_eq!(
            next.previous(),
            Some(branch),
            "next then previous of {text:?}"
        );
    }
    Some(branch)
}

/// The order of two versions is total and antisymmetric, agrees with `==`, with `partial_cmp`,
/// with the upstream versions, and with the branches.
fn check_order(a: &K8sVersion, b: &K8sVersion) {
    let ab = a.cmp(b);
    assert_eq!(
        ab,
        b.cmp(a).reverse(),
        "order not antisymmetric: {a} vs {b}"
    );
    assert_eq!(a.partial_cmp(b), Some(ab), "partial_cmp vs cmp: {a} vs {b}");
    assert_eq!(a == b, ab.is_eq(), "== vs cmp: {a} vs {b}");
    // A vendor build sorts right after the version it builds, so the upstream order decides
    // unless the upstream versions are equal.
    let upstream = a.upstream().cmp(&b.upstream());
    if upstream != Ordering::Equal {
        assert_eq!(ab, upstream, "order vs upstream order: {a} vs {b}");
    }
    if a.branch() != b.branch() {
        assert_eq!(
            ab,
            a.branch().cmp(&b.branch()),
            "order vs branches: {a} vs {b}"
        );
    }
    // Equal values display the same.
    if ab.is_eq() {
        assert_eq!(
            a.to_string(),
            b.to_string(),
            "equal versions display differently"
        );
    }
}

/// A range from `lower` to `upper` exists iff the upper version is not below the lower one (as
/// upstream versions), and holds exactly the versions between them.
fn check_range(lower: &K8sVersion, upper: &K8sVersion, probes: &[K8sVersion]) {
    let below = upper.upstream() < lower.upstream();
    let bounds = [
        UpperBound::Exclusive(upper.clone()),
        UpperBound::Inclusive(upper.clone()),
    ];
    for bound in bounds {
        let range = VersionRange::new(lower.clone(), bound.clone());
        assert_eq!(
            range.is_err(),
            below,
            "VersionRange::new({lower}, {bound:?}) gives {range:?}"
        );
        let Ok(range) = range else { continue };
        let _ = range.to_string();
        let inclusive = matches!(bound, UpperBound::Inclusive(_));
        for probe in probes.iter().chain([lower, upper]) {
            let p = probe.upstream();
            let expected = p >= lower.upstream()
                && if inclusive {
                    p <= upper.upstream()
                } else {
                    p < upper.upstream()
                };
            assert_eq!(
                range.contains(probe),
                expected,
                "{range} contains {probe}: expected {expected}"
            );
        }
        assert_eq!(
            range.is_empty(),
            !range.contains(lower),
            "{range}: is_empty vs contains its lower bound"
        );
    }
    let single = VersionRange::single(lower.clone());
    assert!(
        single.contains(lower) && !single.is_empty(),
        "single {lower}"
    );
    let unbounded = VersionRange::new(lower.clone(), UpperBound::Unbounded)
        .unwrap_or_else(|e| panic!("[{lower}, *) rejected: {e}"));
    assert_eq!(
        unbounded.contains(upper),
        upper.upstream() >= lower.upstream(),
        "{unbounded} contains {upper}"
    );
}
