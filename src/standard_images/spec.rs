//! The image-spec model of scs-0104 v1 (the `images:` YAML) and the two official spec files.

use std::fmt;
use std::sync::OnceLock;

use regex::Regex;
use serde::{Deserialize, Serialize, Serializer};

/// How strongly a spec asks for its image: the `status` key of an image spec.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum SpecStatus {
    /// No presence requirement (the default); the source rule still applies.
    #[default]
    Optional,
    /// The image MUST be present (R0104-2).
    Mandatory,
    /// The image SHOULD be present (R0104-3).
    Recommended,
}

impl fmt::Display for SpecStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SpecStatus::Optional => "optional",
            SpecStatus::Mandatory => "mandatory",
            SpecStatus::Recommended => "recommended",
        })
    }
}

/// How a name matched a [`NameScheme`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SchemeMatch {
    /// The scheme matches the whole name.
    Whole,
    /// The scheme matches at the start of the name only (`ubuntu-capi-image-v1.30.4-foo` for
    /// `ubuntu-capi-image-v[0-9]\.[0-9]+(\.[0-9]+)?`).
    Start,
}

/// The `name_scheme` of an image class: a regular expression matched at the start of an image
/// name, as the official suite does (Python `re.match`; a longer name still matches).
///
/// The syntax is that of the [`regex`] crate, which agrees with Python's `re` on the patterns
/// of the official spec files; look-around and backreferences are rejected.
///
/// ```
/// use scs_validators::standard_images::{NameScheme, SchemeMatch};
/// let scheme = NameScheme::new(r"ubuntu-capi-image-v[0-9]\.[0-9]+(\.[0-9]+)?")?;
/// assert_eq!(scheme.matches("ubuntu-capi-image-v1.30"), Some(SchemeMatch::Whole));
/// assert_eq!(scheme.matches("ubuntu-capi-image-v1.30.4-foo"), Some(SchemeMatch::Start));
/// assert_eq!(scheme.matches("my-ubuntu-capi-image-v1.30"), None);
/// # Ok::<(), regex::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct NameScheme {
    pattern: String,
    regex: Regex,
    /// `^(?:pattern)`: the same matches, tried at the start only (a name that does not start
    /// like the pattern is given up at once); `None` where wrapping does not compile.
    start: Option<Regex>,
    /// Literal text every match starts with (empty when the pattern does not say).
    prefix: String,
    /// `^(?:pattern)\z`; `None` where wrapping the pattern does not compile (a `(?x)` comment
    /// running to the end of the pattern), then the leftmost match decides.
    whole: Option<Regex>,
}

impl NameScheme {
    /// Compiles `pattern`.
    ///
    /// # Errors
    ///
    /// The [`regex::Error`] when the pattern is not a valid regular expression (or too large).
    pub fn new(pattern: &str) -> Result<Self, regex::Error> {
        let regex = Regex::new(pattern)?;
        let start = Regex::new(&format!(r"^(?:{pattern})")).ok();
        let whole = Regex::new(&format!(r"^(?:{pattern})\z")).ok();
        Ok(NameScheme {
            pattern: pattern.to_owned(),
            regex,
            start,
            prefix: literal_prefix(pattern),
            whole,
        })
    }

    /// The pattern as given.
    pub fn pattern(&self) -> &str {
        &self.pattern
    }

    /// Whether the scheme matches at the start of `name` (and whether it covers all of it).
    pub fn matches(&self, name: &str) -> Option<SchemeMatch> {
        if !name.starts_with(&self.prefix) {
            return None;
        }
        // Leftmost-first search: if any match starts at 0, the reported one does, and it is
        // the match the anchored search reports.
        let m = match &self.start {
            Some(start) => start.find(name)?,
            None => self.regex.find(name).filter(|m| m.start() == 0)?,
        };
        let whole = match &self.whole {
            Some(whole) => whole.is_match(name),
            None => m.end() == name.len(),
        };
        Some(if whole {
            SchemeMatch::Whole
        } else {
            SchemeMatch::Start
        })
    }

    /// Whether the scheme matches at the start of `name`.
    pub fn is_match(&self, name: &str) -> bool {
        self.matches(name).is_some()
    }
}

/// The literal text that every match of `pattern` starts with, as far as a plain reading of its
/// first characters can tell: letters, digits, spaces, `-` and `_` up to the first other
/// character (and without the last of them if a repetition follows it); nothing for a
/// pattern with an alternative (`|`) anywhere.
fn literal_prefix(pattern: &str) -> String {
    if pattern.contains('|') {
        return String::new();
    }
    let literal = |c: char| c.is_ascii_alphanumeric() || matches!(c, ' ' | '-' | '_');
    let mut prefix: String = pattern.chars().take_while(|&c| literal(c)).collect();
    let next = pattern[prefix.len()..].chars().next();
    if matches!(next, Some('?' | '*' | '+' | '{')) {
        prefix.pop();
    }
    prefix
}

impl PartialEq for NameScheme {
    fn eq(&self, other: &Self) -> bool {
        self.pattern == other.pattern
    }
}

impl Eq for NameScheme {}

impl fmt::Display for NameScheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.pattern)
    }
}

impl Serialize for NameScheme {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.pattern)
    }
}

/// Why an image spec (or a spec list) was rejected.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ImageSpecError {
    /// A spec has an empty `name`.
    #[error("image spec #{index}: `name` is empty")]
    EmptyName {
        /// The position of the spec in the list (0 for a spec on its own).
        index: usize,
    },
    /// The `name_scheme` does not compile.
    #[error("image spec `{spec}`: invalid `name_scheme` `{pattern}`: {reason}")]
    InvalidNameScheme {
        /// The spec's `name`.
        spec: String,
        /// The pattern as given.
        pattern: String,
        /// The regex compiler's explanation.
        reason: String,
    },
    /// `source` is an empty list.
    #[error("image spec `{spec}`: `source` lists no prefix")]
    NoSource {
        /// The spec's `name`.
        spec: String,
    },
    /// One of the `source` prefixes is empty, which would accept any `image_source` (and a
    /// missing one).
    #[error("image spec `{spec}`: `source` has an empty prefix, which would accept any value")]
    EmptySource {
        /// The spec's `name`.
        spec: String,
    },
}

/// One entry of an image-spec list: a single image (by exact name) or, with a `name_scheme`,
/// a class of images.
///
/// Deserializes from the YAML structure of the standard (`name`, optional `name_scheme`,
/// optional `status`, `source` as a string or a list of strings; other keys are rejected, so a
/// misspelt `name_scheme` cannot silently turn a class into a single image) and is validated
/// on load: a bad regular expression is an [`ImageSpecError`] naming the spec.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawImageSpec")]
pub struct ImageSpec {
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    name_scheme: Option<NameScheme>,
    status: SpecStatus,
    source: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawImageSpec {
    name: String,
    #[serde(default)]
    name_scheme: Option<String>,
    #[serde(default)]
    status: SpecStatus,
    source: OneOrMany,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl TryFrom<RawImageSpec> for ImageSpec {
    type Error = ImageSpecError;

    fn try_from(raw: RawImageSpec) -> Result<Self, Self::Error> {
        let source = match raw.source {
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        };
        match raw.name_scheme {
            Some(scheme) => ImageSpec::class(raw.name, &scheme, raw.status, source),
            None => ImageSpec::single(raw.name, raw.status, source),
        }
    }
}

impl ImageSpec {
    /// A single-image spec: an image named exactly `name`.
    ///
    /// # Errors
    ///
    /// [`ImageSpecError`] for an empty name, no prefix or an empty prefix.
    pub fn single(
        name: impl Into<String>,
        status: SpecStatus,
        source: Vec<String>,
    ) -> Result<Self, ImageSpecError> {
        ImageSpec::build(name.into(), None, status, source)
    }

    /// An image-class spec: every image whose name matches `name_scheme` at its start.
    ///
    /// # Errors
    ///
    /// [`ImageSpecError`] for an empty name, a pattern that does not compile, no prefix or an
    /// empty prefix.
    pub fn class(
        name: impl Into<String>,
        name_scheme: &str,
        status: SpecStatus,
        source: Vec<String>,
    ) -> Result<Self, ImageSpecError> {
        let name = name.into();
        let scheme =
            NameScheme::new(name_scheme).map_err(|e| ImageSpecError::InvalidNameScheme {
                spec: name.clone(),
                pattern: name_scheme.to_owned(),
                reason: e.to_string(),
            })?;
        ImageSpec::build(name, Some(scheme), status, source)
    }

    fn build(
        name: String,
        name_scheme: Option<NameScheme>,
        status: SpecStatus,
        source: Vec<String>,
    ) -> Result<Self, ImageSpecError> {
        if name.is_empty() {
            return Err(ImageSpecError::EmptyName { index: 0 });
        }
        if source.is_empty() {
            return Err(ImageSpecError::NoSource { spec: name });
        }
        if source.iter().any(String::is_empty) {
            return Err(ImageSpecError::EmptySource { spec: name });
        }
        Ok(ImageSpec {
            name,
            name_scheme,
            status,
            source,
        })
    }

    /// The `name`: the image name (single image) or the name of the class.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The `name_scheme` of a class spec.
    pub fn name_scheme(&self) -> Option<&NameScheme> {
        self.name_scheme.as_ref()
    }

    /// Whether this spec describes a class of images.
    pub fn is_class(&self) -> bool {
        self.name_scheme.is_some()
    }

    /// The `status`.
    pub fn status(&self) -> SpecStatus {
        self.status
    }

    /// The allowed `image_source` prefixes, never empty.
    pub fn source(&self) -> &[String] {
        &self.source
    }

    /// Whether an image named `name` falls under this spec: the exact name for a single image,
    /// a match at the start of the name for a class.
    pub fn matches(&self, name: &str) -> Option<SchemeMatch> {
        match &self.name_scheme {
            Some(scheme) => scheme.matches(name),
            None => (name == self.name).then_some(SchemeMatch::Whole),
        }
    }

    /// Whether `image_source` starts with one of the allowed prefixes (plain, case-sensitive
    /// string prefix).
    pub fn source_allowed(&self, image_source: &str) -> bool {
        self.source
            .iter()
            .any(|p| image_source.starts_with(p.as_str()))
    }
}

/// An image-spec list: the `images:` key of a scs-0104 v1 YAML file.
///
/// Deserializes from that structure (other top-level keys are ignored) and validates every
/// spec on load.
///
/// ```
/// use scs_validators::standard_images::{ImageSpecList, SpecStatus};
/// let list: ImageSpecList = serde_json::from_str(r#"{"images": [
///     {"name": "Debian 12", "source": "https://cloud.debian.org/images/cloud/bookworm/"},
///     {"name": "Ubuntu 24.04", "status": "mandatory",
///      "source": ["https://cloud-images.ubuntu.com/releases/noble/"]}
/// ]}"#)?;
/// assert_eq!(list.images()[1].status(), SpecStatus::Mandatory);
///
/// let err = serde_json::from_str::<ImageSpecList>(r#"{"images": [
///     {"name": "capi", "name_scheme": "capi-v(", "source": "https://x/"}]}"#).unwrap_err();
/// assert!(err.to_string().starts_with("image spec `capi`: invalid `name_scheme` `capi-v(`"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawImageSpecList")]
pub struct ImageSpecList {
    images: Vec<ImageSpec>,
}

#[derive(Deserialize)]
struct RawImageSpecList {
    images: Vec<RawImageSpec>,
}

impl TryFrom<RawImageSpecList> for ImageSpecList {
    type Error = ImageSpecError;

    fn try_from(raw: RawImageSpecList) -> Result<Self, Self::Error> {
        let images = raw
            .images
            .into_iter()
            .enumerate()
            .map(|(index, spec)| {
                ImageSpec::try_from(spec).map_err(|e| match e {
                    ImageSpecError::EmptyName { .. } => ImageSpecError::EmptyName { index },
                    e => e,
                })
            })
            .collect::<Result<_, _>>()?;
        Ok(ImageSpecList { images })
    }
}

impl ImageSpecList {
    /// A list of specs.
    pub fn new(images: Vec<ImageSpec>) -> Self {
        ImageSpecList { images }
    }

    /// The specs in file order.
    pub fn images(&self) -> &[ImageSpec] {
        &self.images
    }

    /// The spec named `name`, if any (the first one, should a name repeat).
    pub fn get(&self, name: &str) -> Option<&ImageSpec> {
        self.images.iter().find(|s| s.name == name)
    }

    /// The spec file `Tests/iaas/scs-0104-v1-images.yaml`, the `image_spec` of certificate
    /// scope v4: `Ubuntu 22.04` mandatory, the CAPI class with a space before the version
    /// recommended, `Ubuntu 20.04` and `Debian 12`/`11`/`10` optional.
    pub fn v1_images() -> &'static ImageSpecList {
        static LIST: OnceLock<ImageSpecList> = OnceLock::new();
        LIST.get_or_init(|| from_rows(V1_IMAGES))
    }

    /// The spec file `Tests/iaas/scs-0104-v1-images-v5.yaml`, the `image_spec` of certificate
    /// scopes v5.1 and next: `Ubuntu 24.04` mandatory, `Debian 12` and the CAPI class with a
    /// dash before the version recommended, `Ubuntu 22.04`/`20.04` and `Debian 11`/`10`
    /// optional.
    pub fn v1_images_v5() -> &'static ImageSpecList {
        static LIST: OnceLock<ImageSpecList> = OnceLock::new();
        LIST.get_or_init(|| from_rows(V1_IMAGES_V5))
    }
}

/// One spec as constant data.
pub(crate) struct SpecRow {
    pub(crate) name: &'static str,
    pub(crate) name_scheme: Option<&'static str>,
    pub(crate) status: SpecStatus,
    pub(crate) source: &'static [&'static str],
}

pub(crate) fn spec_from_row(row: &SpecRow) -> ImageSpec {
    let source = row.source.iter().map(|s| (*s).to_owned()).collect();
    let spec = match row.name_scheme {
        Some(scheme) => ImageSpec::class(row.name, scheme, row.status, source),
        None => ImageSpec::single(row.name, row.status, source),
    };
    // Built-in data, checked by the unit test `builtin_specs_are_valid`.
    spec.expect("built-in image spec is valid")
}

fn from_rows(rows: &[SpecRow]) -> ImageSpecList {
    ImageSpecList::new(rows.iter().map(spec_from_row).collect())
}

pub(crate) const CAPI_SPACE_SCHEME: &str = r"ubuntu-capi-image v[0-9]\.[0-9]+(\.[0-9]+)?";
pub(crate) const CAPI_DASH_SCHEME: &str = r"ubuntu-capi-image-v[0-9]\.[0-9]+(\.[0-9]+)?";

pub(crate) const CAPI_SOURCES: &[&str] = &[
    "https://nbg1.your-objectstorage.com/osism/openstack-k8s-capi-images/",
    "https://swift.services.a.regiocloud.tech/swift/v1/AUTH_b182637428444b9aa302bb8d5a5a418c/openstack-k8s-capi-images/ubuntu-2404-kube",
    "https://swift.services.a.regiocloud.tech/swift/v1/AUTH_b182637428444b9aa302bb8d5a5a418c/openstack-k8s-capi-images/ubuntu-2204-kube",
];
pub(crate) const UBUNTU_2404_SOURCES: &[&str] = &[
    "https://cloud-images.ubuntu.com/releases/noble/",
    "https://cloud-images.ubuntu.com/noble/",
];
pub(crate) const UBUNTU_2204_SOURCES: &[&str] = &[
    "https://cloud-images.ubuntu.com/releases/jammy/",
    "https://cloud-images.ubuntu.com/jammy/",
];
pub(crate) const UBUNTU_2004_SOURCES: &[&str] = &[
    "https://cloud-images.ubuntu.com/releases/focal/",
    "https://cloud-images.ubuntu.com/focal/",
];
pub(crate) const DEBIAN_13_SOURCES: &[&str] = &[
    "https://cloud.debian.org/images/cloud/trixie/",
    "https://cdimage.debian.org/cdimage/cloud/trixie/",
];
pub(crate) const DEBIAN_12_SOURCES: &[&str] = &[
    "https://cloud.debian.org/images/cloud/bookworm/",
    "https://cdimage.debian.org/cdimage/cloud/bookworm/",
];
pub(crate) const DEBIAN_11_SOURCES: &[&str] = &[
    "https://cloud.debian.org/images/cloud/bullseye/",
    "https://cdimage.debian.org/cdimage/cloud/bullseye/",
];
pub(crate) const DEBIAN_10_SOURCES: &[&str] = &[
    "https://cloud.debian.org/images/cloud/buster/",
    "https://cdimage.debian.org/cdimage/cloud/buster/",
];

const fn row(name: &'static str, status: SpecStatus, source: &'static [&'static str]) -> SpecRow {
    SpecRow {
        name,
        name_scheme: None,
        status,
        source,
    }
}

const fn class_row(
    name: &'static str,
    name_scheme: &'static str,
    status: SpecStatus,
    source: &'static [&'static str],
) -> SpecRow {
    SpecRow {
        name,
        name_scheme: Some(name_scheme),
        status,
        source,
    }
}

use SpecStatus::{Mandatory, Optional, Recommended};

/// `Tests/iaas/scs-0104-v1-images.yaml`, as data.
const V1_IMAGES: &[SpecRow] = &[
    row("Ubuntu 22.04", Mandatory, UBUNTU_2204_SOURCES),
    class_row(
        "ubuntu-capi-image",
        CAPI_SPACE_SCHEME,
        Recommended,
        CAPI_SOURCES,
    ),
    row("Ubuntu 20.04", Optional, UBUNTU_2004_SOURCES),
    row("Debian 12", Optional, DEBIAN_12_SOURCES),
    row("Debian 11", Optional, DEBIAN_11_SOURCES),
    row("Debian 10", Optional, DEBIAN_10_SOURCES),
];

/// `Tests/iaas/scs-0104-v1-images-v5.yaml`, as data.
const V1_IMAGES_V5: &[SpecRow] = &[
    row("Ubuntu 24.04", Mandatory, UBUNTU_2404_SOURCES),
    row("Debian 12", Recommended, DEBIAN_12_SOURCES),
    class_row(
        "ubuntu-capi-image",
        CAPI_DASH_SCHEME,
        Recommended,
        CAPI_SOURCES,
    ),
    row("Ubuntu 22.04", Optional, UBUNTU_2204_SOURCES),
    row("Ubuntu 20.04", Optional, UBUNTU_2004_SOURCES),
    row("Debian 11", Optional, DEBIAN_11_SOURCES),
    row("Debian 10", Optional, DEBIAN_10_SOURCES),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_specs_are_valid() {
        assert_eq!(ImageSpecList::v1_images().images().len(), 6);
        assert_eq!(ImageSpecList::v1_images_v5().images().len(), 7);
        for row in V1_IMAGES.iter().chain(V1_IMAGES_V5) {
            let spec = spec_from_row(row);
            assert_eq!(spec.name(), row.name);
        }
    }

    #[test]
    fn scheme_matches_at_start_only() {
        let s = NameScheme::new(CAPI_SPACE_SCHEME).unwrap();
        assert_eq!(
            s.matches("ubuntu-capi-image v1.30"),
            Some(SchemeMatch::Whole)
        );
        assert_eq!(
            s.matches("ubuntu-capi-image v1.3x"),
            Some(SchemeMatch::Start)
        );
        assert_eq!(s.matches("ubuntu-capi-image-v1.30"), None);
        assert_eq!(s.matches("xubuntu-capi-image v1.30"), None);
        // fullwidth digits are not `[0-9]`
        assert_eq!(s.matches("ubuntu-capi-image v\u{ff11}.30"), None);
    }

    #[test]
    fn whole_match_needs_some_alternative_covering_the_name() {
        // leftmost-first finds `a`, yet `ab` covers the whole name
        let s = NameScheme::new("a|ab").unwrap();
        assert_eq!(s.matches("ab"), Some(SchemeMatch::Whole));
        assert_eq!(s.matches("abc"), Some(SchemeMatch::Start));
        // a pattern that cannot be wrapped falls back to the leftmost match
        let s = NameScheme::new("(?x)ab # comment").unwrap();
        assert!(s.whole.is_none());
        assert_eq!(s.matches("ab"), Some(SchemeMatch::Whole));
        assert_eq!(s.matches("abc"), Some(SchemeMatch::Start));
    }

    #[test]
    fn anchored_search_finds_the_leftmost_match_at_the_start() {
        let patterns = [
            CAPI_SPACE_SCHEME,
            CAPI_DASH_SCHEME,
            "a|ab",
            "ab|a",
            "b*",
            "(?m)^x|y",
            "(?i)ubuntu",
            "[0-9]+",
        ];
        let names = [
            "",
            "a",
            "ab",
            "abc",
            "ba",
            "x",
            "yx",
            "\nx",
            "Ubuntu 24.04",
            "ubuntu-capi-image v1.30.2",
            "my-ubuntu-capi-image-v1.30",
            "123abc",
            "abc123",
        ];
        for pattern in patterns {
            let scheme = NameScheme::new(pattern).unwrap();
            assert!(scheme.start.is_some(), "{pattern}");
            for name in names {
                let unanchored = scheme
                    .regex
                    .find(name)
                    .filter(|m| m.start() == 0)
                    .map(|m| m.end());
                let anchored = scheme.start.as_ref().unwrap().find(name).map(|m| m.end());
                assert_eq!(anchored, unanchored, "{pattern:?} on {name:?}");
            }
        }
    }

    #[test]
    fn literal_prefixes_are_where_every_match_starts() {
        assert_eq!(literal_prefix(CAPI_SPACE_SCHEME), "ubuntu-capi-image v");
        assert_eq!(literal_prefix(CAPI_DASH_SCHEME), "ubuntu-capi-image-v");
        assert_eq!(literal_prefix("ab?c"), "a");
        assert_eq!(literal_prefix("ab*"), "a");
        assert_eq!(literal_prefix("ab{2}"), "a");
        assert_eq!(literal_prefix("a|ab"), "");
        assert_eq!(literal_prefix("(?i)ubuntu"), "");
        assert_eq!(literal_prefix(r"ab\.c"), "ab");
        assert_eq!(literal_prefix("ab.c"), "ab");
        assert_eq!(literal_prefix("ab(c|d)"), "");
        assert_eq!(literal_prefix("ab[cd]"), "ab");
        for pattern in [
            CAPI_SPACE_SCHEME,
            CAPI_DASH_SCHEME,
            "ab?c",
            "ab*c",
            "ab+",
            "x y{0,2}z",
            "Ubuntu 24",
        ] {
            let regex = Regex::new(pattern).unwrap();
            let scheme = NameScheme::new(pattern).unwrap();
            for name in [
                "",
                "a",
                "ac",
                "abc",
                "abbbc",
                "x z",
                "x yyz",
                "Ubuntu 24.04",
                "ubuntu-capi-image v1.30",
                "ubuntu-capi-image-v1.30.2",
                "ubuntu-capi-image-x",
            ] {
                let expected = regex.find(name).filter(|m| m.start() == 0).is_some();
                assert_eq!(
                    scheme.matches(name).is_some(),
                    expected,
                    "{pattern:?} {name:?}"
                );
            }
        }
    }

    #[test]
    fn wrapping_cannot_smuggle_unbalanced_groups() {
        assert!(NameScheme::new("a)(b").is_err());
    }

    #[test]
    fn spec_errors_name_the_spec() {
        let e = ImageSpec::class("capi", "v[", Optional, vec!["x".into()]).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("image spec `capi`: invalid `name_scheme` `v[`: "),
            "{e}"
        );
        let e = ImageSpec::single("Debian 12", Optional, vec![]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "image spec `Debian 12`: `source` lists no prefix"
        );
        let e = ImageSpec::single("Debian 12", Optional, vec![String::new()]).unwrap_err();
        assert_eq!(
            e,
            ImageSpecError::EmptySource {
                spec: "Debian 12".into()
            }
        );
        let e = ImageSpec::single("", Optional, vec!["x".into()]).unwrap_err();
        assert_eq!(e, ImageSpecError::EmptyName { index: 0 });
    }
}
