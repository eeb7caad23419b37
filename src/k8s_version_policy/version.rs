//! Kubernetes versions, branches and version ranges, on top of the `semver` crate.

use std::fmt;
use std::str::FromStr;

use semver::{BuildMetadata, Prerelease, Version};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A Kubernetes version such as `1.30.2`, `1.31.0-rc.1` or the vendor build
/// `1.30.2-eks-1234567`.
///
/// Parsing ([`FromStr`]) accepts surrounding whitespace, one leading `v`, and ignores `+build`
/// metadata (`v1.29.4+k3s1` is 1.29.4). The numbers are ASCII digits (leading zeros are
/// accepted: `1.28.05` is 1.28.5); a version without a patch number is an error. A suffix after
/// the first `-` is either
///
/// - a **pre-release** of that version: `alpha`, `beta` or `rc`, optionally followed by `.N`
///   (`v1.31.0-rc.1`); pre-releases are older than the final release
///   (`1.31.0-rc.1 < 1.31.0`), ordered as in semver (`alpha.1 < beta.0 < rc.0 < rc.1`); or
/// - a **vendor build** of that version: any other dot-separated identifiers of ASCII letters,
///   digits and `-` (`eks-1234567`, `gke.1000`). A vendor build is, for every check, the
///   version it builds ([`K8sVersion::upstream`]); it sorts right after it so that the order
///   stays total.
///
/// `Display` prints the normalised form without `v` or build metadata, so
/// `v.to_string().parse() == Ok(v)`.
///
/// ```
/// use scs_validators::k8s_version_policy::K8sVersion;
///
/// let eks: K8sVersion = "v1.30.2-eks-1234567".parse()?;
/// assert_eq!(eks.vendor(), Some("eks-1234567"));
/// assert_eq!(eks.upstream(), K8sVersion::new(1, 30, 2));
/// let rc: K8sVersion = "v1.31.0-rc.1".parse()?;
/// assert!(rc.is_prerelease() && rc < K8sVersion::new(1, 31, 0));
/// assert_eq!("v1.29.4+k3s1".parse::<K8sVersion>()?, K8sVersion::new(1, 29, 4));
/// assert!("v1.28".parse::<K8sVersion>().is_err());
/// # Ok::<(), scs_validators::k8s_version_policy::VersionError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct K8sVersion {
    /// Major, minor, patch and the pre-release part (never build metadata).
    semver: Version,
    /// The vendor suffix, if any.
    vendor: Option<Box<str>>,
}

impl K8sVersion {
    /// The final release `major.minor.patch`.
    pub const fn new(major: u64, minor: u64, patch: u64) -> Self {
        K8sVersion {
            semver: Version::new(major, minor, patch),
            vendor: None,
        }
    }

    /// The major number.
    pub fn major(&self) -> u64 {
        self.semver.major
    }

    /// The minor number.
    pub fn minor(&self) -> u64 {
        self.semver.minor
    }

    /// The patch number.
    pub fn patch(&self) -> u64 {
        self.semver.patch
    }

    /// The branch `major.minor`.
    pub fn branch(&self) -> K8sBranch {
        K8sBranch::new(self.semver.major, self.semver.minor)
    }

    /// The pre-release part (`rc.1` of `1.31.0-rc.1`), if this is a pre-release.
    pub fn pre(&self) -> Option<&str> {
        (!self.semver.pre.is_empty()).then(|| self.semver.pre.as_str())
    }

    /// Whether this is a pre-release (`-alpha.N`, `-beta.N`, `-rc.N`).
    pub fn is_prerelease(&self) -> bool {
        !self.semver.pre.is_empty()
    }

    /// The vendor suffix (`eks-1234567` of `1.30.2-eks-1234567`), if this is a vendor build.
    pub fn vendor(&self) -> Option<&str> {
        self.vendor.as_deref()
    }

    /// The upstream version this one is or builds: the version without its vendor suffix.
    pub fn upstream(&self) -> K8sVersion {
        K8sVersion {
            semver: self.semver.clone(),
            vendor: None,
        }
    }

    /// The version as a [`semver::Version`] (major, minor, patch and pre-release; no vendor
    /// suffix, no build metadata).
    pub fn as_semver(&self) -> &Version {
        &self.semver
    }

    /// Whether this is a final release `major.minor.patch` without suffix.
    pub fn is_plain(&self) -> bool {
        self.semver.pre.is_empty() && self.vendor.is_none()
    }

    /// Compares the upstream versions (vendor suffixes ignored).
    pub(crate) fn upstream_cmp(&self, other: &K8sVersion) -> std::cmp::Ordering {
        self.semver.cmp(&other.semver)
    }
}

impl fmt::Display for K8sVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.semver)?;
        if let Some(vendor) = &self.vendor {
            write!(f, "-{vendor}")?;
        }
        Ok(())
    }
}

impl FromStr for K8sVersion {
    type Err = VersionError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let err = |kind| VersionError::new(input, "version", kind);
        let text = input.trim();
        let text = text.strip_prefix('v').unwrap_or(text);
        let text = text.split('+').next().unwrap_or_default();
        if text.is_empty() {
            return Err(err(VersionErrorKind::Empty));
        }
        let (core, suffix) = match text.split_once('-') {
            Some((core, suffix)) => (core, Some(suffix)),
            None => (text, None),
        };
        let numbers = parse_numbers(core, 3).map_err(err)?;
        let mut semver = Version::new(numbers[0], numbers[1], numbers[2]);
        semver.build = BuildMetadata::EMPTY;
        let mut vendor = None;
        if let Some(suffix) = suffix {
            match classify_suffix(suffix) {
                Some(Suffix::Pre(pre)) => semver.pre = pre,
                Some(Suffix::Vendor) => vendor = Some(suffix.into()),
                None => return Err(err(VersionErrorKind::BadSuffix(suffix.to_owned()))),
            }
        }
        Ok(K8sVersion { semver, vendor })
    }
}

enum Suffix {
    Pre(Prerelease),
    Vendor,
}

fn classify_suffix(suffix: &str) -> Option<Suffix> {
    let well_formed = suffix
        .split('.')
        .all(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'));
    if !well_formed {
        return None;
    }
    let mut ids = suffix.split('.');
    let first = ids.next().unwrap_or_default();
    let rest: Vec<&str> = ids.collect();
    let pre_word = matches!(first, "alpha" | "beta" | "rc");
    let pre_shape = match rest.as_slice() {
        [] => true,
        [n] => n.bytes().all(|b| b.is_ascii_digit()),
        _ => false,
    };
    if pre_word && pre_shape {
        // `rc.01` (a numeric identifier with a leading zero) is not a semver pre-release.
        return Prerelease::new(suffix).ok().map(Suffix::Pre);
    }
    Some(Suffix::Vendor)
}

/// Splits `core` on `.` into exactly `count` (at most 3) ASCII numbers.
fn parse_numbers(core: &str, count: usize) -> Result<[u64; 3], VersionErrorKind> {
    let mut numbers = [0u64; 3];
    let mut found = 0;
    for part in core.split('.') {
        if found == count {
            return Err(VersionErrorKind::TooManyNumbers);
        }
        if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
            return Err(VersionErrorKind::NotANumber(part.to_owned()));
        }
        numbers[found] = part
            .parse::<u64>()
            .map_err(|_| VersionErrorKind::TooLarge(part.to_owned()))?;
        found += 1;
    }
    match (count, found) {
        (_, n) if n == count => Ok(numbers),
        (3, 2) => Err(VersionErrorKind::MissingPatch),
        _ => Err(VersionErrorKind::MissingMinor),
    }
}

impl Serialize for K8sVersion {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for K8sVersion {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// Why a string is not a Kubernetes version or branch; the message names the input.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("`{input}` is not a Kubernetes {what}: {kind}")]
pub struct VersionError {
    input: String,
    what: &'static str,
    kind: VersionErrorKind,
}

impl VersionError {
    fn new(input: &str, what: &'static str, kind: VersionErrorKind) -> Self {
        VersionError {
            input: input.to_owned(),
            what,
            kind,
        }
    }

    /// The string that was parsed.
    pub fn input(&self) -> &str {
        &self.input
    }

    /// What is wrong with it.
    pub fn kind(&self) -> &VersionErrorKind {
        &self.kind
    }
}

/// What is wrong with a version or branch string.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum VersionErrorKind {
    /// Nothing (after trimming and removing `v` and `+build`).
    #[error("it is empty")]
    Empty,
    /// `1` (a version or branch needs a minor number).
    #[error("the minor number is missing")]
    MissingMinor,
    /// `1.28` (a version needs a patch number).
    #[error("the patch number is missing")]
    MissingPatch,
    /// `1.28.5.1` (or a branch with a patch number).
    #[error("it has too many numbers")]
    TooManyNumbers,
    /// A part that is not a decimal number (`x` in `1.28.x`).
    #[error("`{0}` is not a number")]
    NotANumber(String),
    /// A number above 18446744073709551615.
    #[error("`{0}` is too large")]
    TooLarge(String),
    /// A `-suffix` that is neither a pre-release nor a vendor build (`1.28.5-`, `1.28.5-a_b`,
    /// `1.28.5-rc.01`).
    #[error("the suffix `{0}` is neither a pre-release nor a vendor build")]
    BadSuffix(String),
}

/// A Kubernetes release branch `major.minor`, such as `1.30`.
///
/// Parsing accepts surrounding whitespace and one leading `v`; exactly two ASCII numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct K8sBranch {
    major: u64,
    minor: u64,
}

impl K8sBranch {
    /// The branch `major.minor`.
    pub const fn new(major: u64, minor: u64) -> Self {
        K8sBranch { major, minor }
    }

    /// The major number.
    pub const fn major(self) -> u64 {
        self.major
    }

    /// The minor number.
    pub const fn minor(self) -> u64 {
        self.minor
    }

    /// The branch before this one (`1.28` for `1.29`); `None` at minor 0, where the previous
    /// branch cannot be known (the official suite returns the branch itself there, Q-210-8).
    pub const fn previous(self) -> Option<K8sBranch> {
        match self.minor.checked_sub(1) {
            Some(minor) => Some(K8sBranch::new(self.major, minor)),
            None => None,
        }
    }

    /// The next minor branch (`1.30` for `1.29`); `None` at the largest minor number.
    pub const fn next(self) -> Option<K8sBranch> {
        match self.minor.checked_add(1) {
            Some(minor) => Some(K8sBranch::new(self.major, minor)),
            None => None,
        }
    }

    /// The first version of the branch, `major.minor.0`.
    pub const fn first_version(self) -> K8sVersion {
        K8sVersion::new(self.major, self.minor, 0)
    }
}

impl fmt::Display for K8sBranch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

impl FromStr for K8sBranch {
    type Err = VersionError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let text = input.trim();
        let text = text.strip_prefix('v').unwrap_or(text);
        if text.is_empty() {
            return Err(VersionError::new(input, "branch", VersionErrorKind::Empty));
        }
        let numbers =
            parse_numbers(text, 2).map_err(|kind| VersionError::new(input, "branch", kind))?;
        Ok(K8sBranch::new(numbers[0], numbers[1]))
    }
}

impl Serialize for K8sBranch {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for K8sBranch {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// The upper end of a [`VersionRange`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum UpperBound {
    /// No upper bound given: the range is the lower version alone.
    Single,
    /// Up to this version, excluding it (CVE `lessThan`).
    Exclusive(K8sVersion),
    /// Up to this version, including it (CVE `lessThanOrEqual`).
    Inclusive(K8sVersion),
    /// Every version from the lower one on (CVE `lessThan: "*"`).
    Unbounded,
}

/// A range of Kubernetes versions, as a CVE record's `affected` entry describes it.
///
/// Membership compares upstream versions ([`K8sVersion::upstream`]): a vendor build is in
/// the range iff the version it builds is.
///
/// ```
/// use scs_validators::k8s_version_policy::{K8sVersion, UpperBound, VersionRange};
///
/// let range = VersionRange::new(
///     K8sVersion::new(1, 2, 1),
///     UpperBound::Exclusive(K8sVersion::new(1, 3, 4)),
/// )?;
/// assert!(range.contains(&K8sVersion::new(1, 3, 3)));
/// assert!(!range.contains(&K8sVersion::new(1, 3, 4)));
/// # Ok::<(), scs_validators::k8s_version_policy::RangeError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct VersionRange {
    lower: K8sVersion,
    upper: UpperBound,
}

impl VersionRange {
    /// The range holding `version` alone.
    pub fn single(version: K8sVersion) -> Self {
        VersionRange {
            lower: version,
            upper: UpperBound::Single,
        }
    }

    /// The range from `lower` (included) to `upper`.
    ///
    /// # Errors
    ///
    /// [`RangeError`] if the upper bound is below `lower` (an exclusive bound equal to `lower`
    /// is accepted and gives an empty range, as the official suite builds for `1.2.x`).
    pub fn new(lower: K8sVersion, upper: UpperBound) -> Result<Self, RangeError> {
        if let UpperBound::Exclusive(bound) | UpperBound::Inclusive(bound) = &upper {
            if bound.upstream_cmp(&lower).is_lt() {
                return Err(RangeError {
                    lower,
                    upper: bound.clone(),
                });
            }
        }
        Ok(VersionRange { lower, upper })
    }

    /// The lowest version in the range.
    pub fn lower(&self) -> &K8sVersion {
        &self.lower
    }

    /// The upper end.
    pub fn upper(&self) -> &UpperBound {
        &self.upper
    }

    /// Whether `version` (its upstream version) lies in the range.
    pub fn contains(&self, version: &K8sVersion) -> bool {
        let from_lower = version.upstream_cmp(&self.lower);
        match &self.upper {
            UpperBound::Single => from_lower.is_eq(),
            UpperBound::Exclusive(upper) => {
                from_lower.is_ge() && version.upstream_cmp(upper).is_lt()
            }
            UpperBound::Inclusive(upper) => {
                from_lower.is_ge() && version.upstream_cmp(upper).is_le()
            }
            UpperBound::Unbounded => from_lower.is_ge(),
        }
    }

    /// Whether no version lies in the range (`[1.2.0, 1.2.0)`).
    pub fn is_empty(&self) -> bool {
        matches!(&self.upper, UpperBound::Exclusive(upper) if upper.upstream_cmp(&self.lower).is_le())
    }
}

impl fmt::Display for VersionRange {
    /// `1.2.3`, `[1.2.3, 1.3.0)`, `[1.2.3, 1.3.0]` or `[1.2.3, *)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.upper {
            UpperBound::Single => write!(f, "{}", self.lower),
            UpperBound::Exclusive(upper) => write!(f, "[{}, {upper})", self.lower),
            UpperBound::Inclusive(upper) => write!(f, "[{}, {upper}]", self.lower),
            UpperBound::Unbounded => write!(f, "[{}, *)", self.lower),
        }
    }
}

/// A version range whose upper bound lies below its lower bound.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("the upper bound `{upper}` is below the lower bound `{lower}`")]
pub struct RangeError {
    lower: K8sVersion,
    upper: K8sVersion,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suffix_classes() {
        assert!(matches!(classify_suffix("rc.1"), Some(Suffix::Pre(_))));
        assert!(matches!(classify_suffix("alpha"), Some(Suffix::Pre(_))));
        assert!(matches!(
            classify_suffix("eks-1234567"),
            Some(Suffix::Vendor)
        ));
        assert!(matches!(classify_suffix("gke.1000"), Some(Suffix::Vendor)));
        assert!(matches!(classify_suffix("rc.1.2"), Some(Suffix::Vendor)));
        assert!(classify_suffix("rc.01").is_none());
        assert!(classify_suffix("").is_none());
        assert!(classify_suffix("a..b").is_none());
        assert!(classify_suffix("a_b").is_none());
    }

    #[test]
    fn numbers() {
        assert_eq!(parse_numbers("1.28.05", 3), Ok([1, 28, 5]));
        assert_eq!(
            parse_numbers("1.28", 3),
            Err(VersionErrorKind::MissingPatch)
        );
        assert_eq!(parse_numbers("1", 3), Err(VersionErrorKind::MissingMinor));
        assert_eq!(
            parse_numbers("1.2.3", 2),
            Err(VersionErrorKind::TooManyNumbers)
        );
        assert_eq!(
            parse_numbers("1.x.3", 3),
            Err(VersionErrorKind::NotANumber("x".into()))
        );
        assert_eq!(
            parse_numbers("1.99999999999999999999.3", 3),
            Err(VersionErrorKind::TooLarge("99999999999999999999".into()))
        );
    }
}
