//! The property testcases `scs-0102-prop-*`, the `os_purpose` uniqueness and the checks beyond
//! the official suite.

use chrono::{DateTime, Utc};

use crate::hash::{hash_text, TextTable};
use crate::input::{Image, Known};
use crate::report::{Severity, TestcaseResult};

use super::collect::{subject, Collector};
use super::date::{is_decimal, official_seconds, DateFormat};
use super::{ids, Version};

const GIB: u128 = 1 << 30;

/// The architectures the official suite accepts.
pub(super) const ARCHITECTURES: [&str; 3] = ["x86_64", "aarch64", "risc-v"];
/// The hypervisor types the official suite accepts (when set).
pub(super) const HYPERVISOR_TYPES: [&str; 5] = ["qemu", "kvm", "xen", "hyper-v", "esxi"];
/// The hash algorithms the official suite accepts.
const HASH_ALGOS: [&str; 2] = ["sha256", "sha512"];
/// The `replace_frequency` keywords.
pub(super) const REPLACE_FREQUENCIES: [&str; 7] = [
    "yearly",
    "quarterly",
    "monthly",
    "weekly",
    "daily",
    "critical_bug",
    "never",
];
/// The `os_purpose` values of v1.
pub(super) const OS_PURPOSES_V1: [&str; 6] =
    ["generic", "minimal", "k8snode", "gpu", "network", "custom"];
/// The `os_purpose` values of v2 (and of the official suite under both versions).
pub(super) const OS_PURPOSES_V2: [&str; 7] = [
    "generic",
    "oldgeneric",
    "minimal",
    "k8snode",
    "gpu",
    "network",
    "custom",
];

/// `a`, `b` or `c` with backticks.
fn one_of(values: &[&str]) -> String {
    let mut out = String::new();
    for (i, v) in values.iter().enumerate() {
        if i > 0 {
            out.push_str(if i + 1 == values.len() { " or " } else { ", " });
        }
        out.push('`');
        out.push_str(v);
        out.push('`');
    }
    out
}

/// The testcases that only ask for a non-empty property (Python: `if not value`).
pub(super) fn non_empty(c: &mut Collector, key: Known, image: &Image) {
    match image.known(key) {
        Some(v) if !v.is_empty() => {}
        value => {
            c.error(image, not_set(key.key(), value));
            c.official_listed(image, true);
        }
    }
}

fn not_set(key: &str, value: Option<&str>) -> String {
    match value {
        None => format!("`{key}` is not set"),
        Some(_) => format!("`{key}` is empty"),
    }
}

/// A property that must be one of `allowed` (which `is_allowed` tells); `optional` properties
/// may be absent.
fn closed_set(
    c: &mut Collector,
    key: &str,
    value: Option<&str>,
    allowed: &[&str],
    is_allowed: fn(&str) -> bool,
    optional: bool,
    image: &Image,
) {
    match value {
        Some(v) if is_allowed(v) => {}
        None if optional => {}
        None => {
            c.error(image, format!("`{key}` is not set"));
            c.official_listed(image, true);
        }
        Some("") => {
            c.error(image, format!("`{key}` is empty"));
            c.official_listed(image, true);
        }
        Some(v) => {
            c.error(
                image,
                format!("`{key}` `{v}` is not one of {}", one_of(allowed)),
            );
            c.official_listed(image, true);
        }
    }
}

pub(super) fn architecture(c: &mut Collector, image: &Image) {
    let value = image.known(Known::Architecture);
    let is_allowed = |v: &str| matches!(v, "x86_64" | "aarch64" | "risc-v");
    closed_set(
        c,
        "architecture",
        value,
        &ARCHITECTURES,
        is_allowed,
        false,
        image,
    );
}

pub(super) fn hash_algo(c: &mut Collector, image: &Image) {
    let value = image.os_hash_algo.as_deref();
    let is_allowed = |v: &str| matches!(v, "sha256" | "sha512");
    closed_set(
        c,
        "os_hash_algo",
        value,
        &HASH_ALGOS,
        is_allowed,
        false,
        image,
    );
}

pub(super) fn hypervisor_type(c: &mut Collector, image: &Image) {
    let value = image.known(Known::HypervisorType);
    let is_allowed = |v: &str| matches!(v, "qemu" | "kvm" | "xen" | "hyper-v" | "esxi");
    closed_set(
        c,
        "hypervisor_type",
        value,
        &HYPERVISOR_TYPES,
        is_allowed,
        true,
        image,
    );
}

pub(super) fn hw_rng_model(c: &mut Collector, image: &Image) {
    let value = image.known(Known::HwRngModel);
    let is_allowed = |v: &str| v == "virtio";
    closed_set(
        c,
        "hw_rng_model",
        value,
        &["virtio"],
        is_allowed,
        true,
        image,
    );
}

pub(super) fn replace_frequency(c: &mut Collector, image: &Image) {
    let value = image.known(Known::ReplaceFrequency);
    let is_allowed = |v: &str| {
        matches!(
            v,
            "yearly" | "quarterly" | "monthly" | "weekly" | "daily" | "critical_bug" | "never"
        )
    };
    let key = "replace_frequency";
    closed_set(
        c,
        key,
        value,
        &REPLACE_FREQUENCIES,
        is_allowed,
        false,
        image,
    );
}

pub(super) fn hw_disk_bus(c: &mut Collector, image: &Image) {
    match image.known(Known::HwDiskBus) {
        Some("virtio" | "scsi") => {}
        None => {
            c.error(
                image,
                "`hw_disk_bus` is not set (the standard makes it mandatory)",
            );
            c.warning(
                image,
                "the official suite accepts an image without `hw_disk_bus`",
            );
        }
        Some("") => {
            c.error(image, "`hw_disk_bus` is empty");
            c.official_listed(image, true);
        }
        Some(v) => {
            c.error(
                image,
                format!("`hw_disk_bus` `{v}` is neither `virtio` nor `scsi`"),
            );
            c.official_listed(image, true);
        }
    }
}

pub(super) fn os_purpose(c: &mut Collector, image: &Image, version: Version) {
    let allowed: &[&str] = match version {
        Version::V1 => &OS_PURPOSES_V1,
        Version::V2 => &OS_PURPOSES_V2,
    };
    let is_allowed = |v: &str| match v {
        "generic" | "minimal" | "k8snode" | "gpu" | "network" | "custom" => true,
        "oldgeneric" => version == Version::V2,
        _ => false,
    };
    match image.known(Known::OsPurpose) {
        Some(v) if is_allowed(v) => {}
        Some("oldgeneric") => {
            c.error(
                image,
                format!(
                    "`os_purpose` `oldgeneric` is a v2 value; v1 allows {}",
                    one_of(allowed)
                ),
            );
            c.warning(
                image,
                "the official suite accepts `os_purpose` `oldgeneric` under v1 too",
            );
        }
        None => {
            c.error(image, "`os_purpose` is not set");
            c.official_listed(image, true);
        }
        Some("") => {
            c.error(image, "`os_purpose` is empty");
            c.official_listed(image, true);
        }
        Some(v) => {
            c.error(
                image,
                format!("`os_purpose` `{v}` is not one of {}", one_of(allowed)),
            );
            c.official_listed(image, true);
        }
    }
}

pub(super) fn min_disk(c: &mut Collector, image: &Image) {
    let min_disk = image.min_disk.unwrap_or(0);
    if min_disk == 0 {
        c.error(image, "`min_disk` is not set (0)");
        c.official_listed(image, true);
        return;
    }
    match image.size {
        Some(size) if u128::from(min_disk) * GIB < u128::from(size) => {
            c.error(
                image,
                format!("`min_disk` {min_disk} GiB is smaller than the image file ({size} bytes)"),
            );
            c.official_listed(image, true);
        }
        Some(_) => {}
        None => c.official_crash(
            image,
            "it has no `size`, which the suite compares with `min_disk`; the standard asks \
             only for `min_disk`, which is set",
        ),
    }
}

pub(super) fn min_ram(c: &mut Collector, image: &Image) {
    match image.min_ram.unwrap_or(0) {
        0 => {
            c.error(image, "`min_ram` is not set (0)");
            c.official_listed(image, true);
        }
        ram @ 1..=63 => {
            c.warning(
                image,
                format!("`min_ram` {ram} MiB is below 64 MiB; is it enough to boot?"),
            );
            c.official_listed(image, false);
        }
        _ => {}
    }
}

/// Python's `is_url` of the official suite: the text before the first `://` is exactly `http`,
/// `https`, `ftp` or `ftps`; that is, the text starts with one of them and `://` (none of them
/// holds a `:`, so that `://` is the first).
fn is_url(s: &str) -> bool {
    ["https://", "http://", "ftps://", "ftp://"]
        .iter()
        .any(|scheme| s.starts_with(scheme))
}

pub(super) fn image_source(c: &mut Collector, image: &Image) {
    match image.known(Known::ImageSource) {
        Some(v) if v == "private" || is_url(v) => {}
        None => {
            c.error(image, "`image_source` is not set");
            c.official_listed(image, true);
        }
        Some("") => {
            c.error(image, "`image_source` is empty");
            c.official_listed(image, true);
        }
        Some(v) => {
            c.error(
                image,
                format!(
                    "`image_source` `{v}` is neither `private` nor an http, https, ftp or \
                     ftps URL"
                ),
            );
            c.official_listed(image, true);
        }
    }
}

pub(super) fn uuid_validity(c: &mut Collector, image: &Image) {
    let Some(v) = image.known(Known::UuidValidity) else {
        c.error(
            image,
            "`uuid_validity` is not set (the standard makes it mandatory)",
        );
        c.warning(
            image,
            "the official suite accepts an image without `uuid_validity`",
        );
        return;
    };
    let valid = matches!(v, "none" | "notice" | "forever")
        || v.strip_prefix("last-").is_some_and(is_decimal)
        || official_seconds(v, &DateFormat::IMAGE_DATE).is_some();
    if v.is_empty() {
        c.error(image, "`uuid_validity` is empty");
        c.official_error();
    } else if !valid {
        c.error(
            image,
            format!("`uuid_validity` `{v}` is not `none`, `notice`, `forever`, `last-N` or a date"),
        );
        c.official_error();
    }
}

pub(super) fn hotfix_hours(c: &mut Collector, image: &Image) {
    match image.known(Known::HotfixHours) {
        None | Some("") => {}
        Some(v) if is_decimal(v) => {}
        Some(v) => {
            c.error(
                image,
                format!("`hotfix_hours` `{v}` is not a whole number of hours"),
            );
            c.official_error();
        }
    }
}

/// Quick tests of the per-image testcases: each is true only for an image that its testcase
/// passes without a finding (and without a word about the official suite), so that a pass
/// over many images can skip the detailed check of those; an image it is false for gets the
/// detailed check, which may still find nothing (a `uuid_validity` date, non-ASCII digits).
pub(super) mod quick {
    use super::*;

    /// `architecture`.
    #[inline]
    pub(crate) fn architecture(image: &Image) -> bool {
        matches!(
            image.known(Known::Architecture),
            Some("x86_64" | "aarch64" | "risc-v")
        )
    }

    /// `min_disk`.
    #[inline]
    pub(crate) fn min_disk(image: &Image) -> bool {
        match (image.min_disk, image.size) {
            (Some(min_disk), Some(size)) => {
                min_disk != 0 && u128::from(min_disk) * GIB >= u128::from(size)
            }
            _ => false,
        }
    }

    /// `min_ram`.
    #[inline]
    pub(crate) fn min_ram(image: &Image) -> bool {
        image.min_ram.unwrap_or(0) >= 64
    }

    /// The testcases that only ask for a non-empty property.
    #[inline]
    pub(crate) fn non_empty(image: &Image, key: Known) -> bool {
        image.known_len(key).is_some_and(|len| len > 0)
    }

    /// `hw_disk_bus`.
    #[inline]
    pub(crate) fn hw_disk_bus(image: &Image) -> bool {
        matches!(image.known(Known::HwDiskBus), Some("virtio" | "scsi"))
    }

    /// `image_build_date`, whose image has `dates` and is checked at `now_f`.
    #[inline]
    pub(crate) fn image_build_date(dates: Dates, now_f: f64) -> bool {
        // A build date, not after the registration time (an unparsable one reads as 0), and
        // not in the future.
        match (dates.built, dates.registered) {
            (Some(b), Some(r)) => b <= r.unwrap_or(0) && b as f64 <= now_f,
            _ => false,
        }
    }

    /// `image_source`.
    #[inline]
    pub(crate) fn image_source(image: &Image) -> bool {
        image
            .known(Known::ImageSource)
            .is_some_and(|v| v == "private" || is_url(v))
    }

    /// `replace_frequency`.
    #[inline]
    pub(crate) fn replace_frequency(image: &Image) -> bool {
        matches!(
            image.known(Known::ReplaceFrequency),
            Some(
                "yearly" | "quarterly" | "monthly" | "weekly" | "daily" | "critical_bug" | "never"
            )
        )
    }

    /// `uuid_validity`: the keywords and `last-N` with ASCII digits (dates go the long way).
    #[inline]
    pub(crate) fn uuid_validity(image: &Image) -> bool {
        image.known(Known::UuidValidity).is_some_and(|v| {
            matches!(v, "none" | "notice" | "forever")
                || v.strip_prefix("last-").is_some_and(is_ascii_decimal)
        })
    }

    /// `os_purpose` under `version`.
    #[inline]
    pub(crate) fn os_purpose(image: &Image, version: Version) -> bool {
        match image.known(Known::OsPurpose) {
            Some("generic" | "minimal" | "k8snode" | "gpu" | "network" | "custom") => true,
            Some("oldgeneric") => version == Version::V2,
            _ => false,
        }
    }

    /// `os_hash_algo`.
    #[inline]
    pub(crate) fn hash_algo(image: &Image) -> bool {
        matches!(image.os_hash_algo.as_deref(), Some("sha256" | "sha512"))
    }

    /// `hypervisor_type`.
    #[inline]
    pub(crate) fn hypervisor_type(image: &Image) -> bool {
        matches!(
            image.known(Known::HypervisorType),
            None | Some("qemu" | "kvm" | "xen" | "hyper-v" | "esxi")
        )
    }

    /// `hw_rng_model`.
    #[inline]
    pub(crate) fn hw_rng_model(image: &Image) -> bool {
        matches!(image.known(Known::HwRngModel), None | Some("virtio"))
    }

    /// `hotfix_hours` (ASCII digits only).
    #[inline]
    pub(crate) fn hotfix_hours(image: &Image) -> bool {
        image
            .known(Known::HotfixHours)
            .map_or(true, |v| v.is_empty() || is_ascii_decimal(v))
    }

    /// The license pair.
    #[inline]
    pub(crate) fn license_pair(image: &Image) -> bool {
        !(is_true(image.known(Known::LicenseIncluded))
            && is_true(image.known(Known::LicenseRequired)))
    }

    /// The recommended tags.
    #[inline]
    pub(crate) fn recommended_tags(image: &Image) -> bool {
        has_tag(image, "managed_by_") && has_tag(image, "os:")
    }

    /// `os_distro` in lower case (ASCII only).
    #[inline]
    pub(crate) fn os_distro_lowercase(image: &Image) -> bool {
        image.known(Known::OsDistro).map_or(true, |d| {
            d.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase())
        })
    }

    /// Decimal digits, all ASCII: what [`is_decimal`] accepts without looking beyond ASCII.
    fn is_ascii_decimal(s: &str) -> bool {
        !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
    }
}

/// `now` as the float of seconds Python's `time.time()` gives.
pub(super) fn float_seconds(now: DateTime<Utc>) -> f64 {
    now.timestamp() as f64 + f64::from(now.timestamp_subsec_nanos()) / 1e9
}

/// The dates of one image as the official suite reads them, parsed once for the build-date
/// and recency testcases.
#[derive(Clone, Copy, Debug)]
pub(super) struct Dates {
    /// The `image_build_date` (`None`: absent, not a date, or 1970-01-01T00:00:00Z).
    pub(super) built: Option<i64>,
    /// The registration time: `None` without `created_at`, else its seconds (`None` when not
    /// a strict timestamp, or 0).
    pub(super) registered: Option<Option<i64>>,
}

impl Dates {
    pub(super) fn of(image: &Image) -> Dates {
        Dates {
            built: official_seconds(
                image.known(Known::ImageBuildDate).unwrap_or(""),
                &DateFormat::IMAGE_DATE,
            ),
            registered: image
                .created_at
                .as_deref()
                .map(|text| official_seconds(text, &[DateFormat::Timestamp])),
        }
    }
}

pub(super) fn image_build_date(c: &mut Collector, image: &Image, dates: Dates, now_f: f64) {
    // The registration time; the official suite reads an unparsable one as 0.
    let registered = match (image.created_at.as_deref(), dates.registered) {
        (Some(text), Some(seconds)) => Some((text, seconds.unwrap_or(0))),
        _ => {
            c.error(
                image,
                "`created_at` is not set, so the registration time is unknown",
            );
            c.official_crash(image, "it has no `created_at`");
            None
        }
    };
    let text = image.known(Known::ImageBuildDate).unwrap_or("");
    let built = dates.built;
    match (built, registered) {
        (None, _) => {
            if image.known(Known::ImageBuildDate).is_none() {
                c.error(image, "`image_build_date` is not set");
            } else {
                c.error(
                    image,
                    format!(
                        "`image_build_date` `{text}` is not a date \
                         (`YYYY-MM-DD` or `YYYY-MM-DD hh:mm[:ss]`)"
                    ),
                );
            }
            c.official_error();
        }
        (Some(b), Some((created, r))) if b > r => {
            if r == 0 {
                c.error(
                    image,
                    format!(
                        "`created_at` `{created}` is not a registration time \
                         (`YYYY-MM-DDThh:mm:ssZ`), so `image_build_date` `{text}` counts \
                         as later"
                    ),
                );
            } else {
                c.error(
                    image,
                    format!(
                        "`image_build_date` `{text}` is after the registration time \
                         `{created}`"
                    ),
                );
            }
            c.official_error();
        }
        _ => {}
    }
    // `(bdate or rdate) > now` in the official suite.
    let what = match (built, registered) {
        (Some(b), _) if b as f64 > now_f => format!("`image_build_date` `{text}`"),
        (None, Some((created, r))) if r as f64 > now_f => {
            format!("the registration time `{created}`")
        }
        _ => return,
    };
    c.error(image, format!("{what} is in the future"));
    c.official_error();
}

/// `scs-0102-os_purpose-uniqueness`, gathered image by image.
///
/// It keeps its own copies of what its findings quote (the images may be gone by the time it
/// finishes).
pub(super) struct Uniqueness {
    /// Each (architecture, `os_distro`, `os_version`) as [`group_key`] writes it, numbered like
    /// [`Uniqueness::groups`].
    index: TextTable<()>,
    groups: Vec<Group>,
    /// The key of the image being visited.
    key: String,
    /// The subjects of the members.
    subjects: String,
}

/// The public visible `generic` images of one architecture, `os_distro` and `os_version`.
struct Group {
    architecture: String,
    distro: String,
    version: String,
    /// Where each member's subject ends in [`Uniqueness::subjects`], and whether it has a name.
    members: Vec<(usize, usize, bool)>,
}

impl Default for Uniqueness {
    fn default() -> Self {
        Uniqueness {
            index: TextTable::with_capacity(0),
            groups: Vec::new(),
            key: String::new(),
            subjects: String::new(),
        }
    }
}

/// Writes the three texts into `key`, each after its length, so that no two triples give the
/// same key.
fn group_key(key: &mut String, parts: [&str; 3]) {
    use std::fmt::Write as _;
    key.clear();
    for part in parts {
        // Writing into a `String` cannot fail.
        let _ = write!(key, "{}:", part.len());
        key.push_str(part);
    }
}

impl Uniqueness {
    pub(super) fn visit(&mut self, image: &Image) {
        if image.os_hidden || image.visibility.as_deref() != Some("public") {
            return;
        }
        let (Some(distro), Some(version)) =
            (image.known(Known::OsDistro), image.known(Known::OsVersion))
        else {
            return;
        };
        if distro.is_empty()
            || version.is_empty()
            || image.known(Known::OsPurpose) != Some("generic")
        {
            return;
        }
        let architecture = image.known(Known::Architecture).unwrap_or("");
        group_key(&mut self.key, [architecture, distro, version]);
        let i = self
            .index
            .number_or_insert(&self.key, hash_text(&self.key), || ());
        if i == self.groups.len() {
            self.groups.push(Group {
                architecture: architecture.to_owned(),
                distro: distro.to_owned(),
                version: version.to_owned(),
                members: Vec::new(),
            });
        }
        let start = self.subjects.len();
        self.subjects.push_str(subject(image));
        self.groups[i]
            .members
            .push((start, self.subjects.len(), image.name.is_some()));
    }

    pub(super) fn finish(&self) -> TestcaseResult {
        let mut c = Collector::new(ids::OS_PURPOSE_UNIQUENESS);
        for group in self.groups.iter().filter(|g| g.members.len() > 1) {
            for &(start, end, named) in &group.members {
                let subject = &self.subjects[start..end];
                c.push_on(
                    subject,
                    Severity::Error,
                    format!(
                        "one of {} public visible images with `os_purpose` `generic` for \
                         architecture `{}`, `os_distro` `{}`, `os_version` `{}`",
                        group.members.len(),
                        group.architecture,
                        group.distro,
                        group.version,
                    ),
                );
                c.official_listed_on(subject, named, true);
            }
        }
        c.finish()
    }
}

/// oslo's `bool_from_string` truths, which Glance properties follow.
fn is_true(value: Option<&str>) -> bool {
    value.is_some_and(|v| {
        ["1", "t", "true", "on", "y", "yes"]
            .iter()
            .any(|t| v.eq_ignore_ascii_case(t))
    })
}

pub(super) fn license_pair(c: &mut Collector, image: &Image) {
    if is_true(image.known(Known::LicenseIncluded)) && is_true(image.known(Known::LicenseRequired))
    {
        c.warning(
            image,
            "`license_included` and `license_required` are both true; the standard says \
             they cannot be true at the same time",
        );
    }
}

/// Whether `image` has a tag that starts with `prefix` and goes on after it.
fn has_tag(image: &Image, prefix: &str) -> bool {
    image
        .tags
        .iter()
        .any(|t| t.len() > prefix.len() && t.starts_with(prefix))
}

pub(super) fn recommended_tags(c: &mut Collector, image: &Image) {
    let has = |prefix: &str| has_tag(image, prefix);
    let message = match (has("managed_by_"), has("os:")) {
        (true, true) => return,
        (false, true) => "no `managed_by_VENDOR` tag (recommended)",
        (true, false) => "no `os:OPERATINGSYSTEM` tag (recommended)",
        (false, false) => {
            "no `managed_by_VENDOR` and no `os:OPERATINGSYSTEM` tag (both recommended)"
        }
    };
    c.warning(image, message);
}

pub(super) fn os_distro_lowercase(c: &mut Collector, image: &Image) {
    if let Some(distro) = image.known(Known::OsDistro) {
        if distro.chars().any(char::is_uppercase) {
            c.warning(
                image,
                format!(
                    "`os_distro` `{distro}` is not lowercase as OpenStack's values are \
                     (`{}`)",
                    distro.to_lowercase()
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_schemes() {
        assert!(is_url("https://"));
        assert!(is_url("ftp://x://y"));
        assert!(!is_url("HTTPS://x"));
        assert!(!is_url("s3://x"));
        assert!(!is_url("https:/x"));
        assert!(!is_url("xhttps://"));
        assert!(!is_url("ht://tp://"));
        assert!(is_url("ftps://"));
    }

    #[test]
    fn closed_sets_agree_with_their_lists() {
        type Check = fn(&mut Collector, &Image);
        let mut all: Vec<&str> = ARCHITECTURES
            .iter()
            .chain(&HYPERVISOR_TYPES)
            .chain(&REPLACE_FREQUENCIES)
            .chain(&OS_PURPOSES_V2)
            .copied()
            .collect();
        all.extend([
            "sha256", "sha512", "virtio", "", "x86", "Never", "md5", "kvm ",
        ]);
        let passes = |check: &dyn Fn(&mut Collector)| {
            let mut c = Collector::new(ids::PROP_ARCHITECTURE);
            check(&mut c);
            c.finish().findings().is_empty()
        };
        for v in all {
            let checks: [(&str, &[&str], Check); 4] = [
                ("architecture", &ARCHITECTURES, architecture),
                ("hypervisor_type", &HYPERVISOR_TYPES, hypervisor_type),
                ("replace_frequency", &REPLACE_FREQUENCIES, replace_frequency),
                ("hw_rng_model", &["virtio"], hw_rng_model),
            ];
            for (key, list, check) in checks {
                let mut i = Image::default();
                i.properties.insert(key.to_owned(), v.to_owned());
                assert_eq!(passes(&|c| check(c, &i)), list.contains(&v), "{key} {v:?}");
            }
            let i = Image {
                os_hash_algo: Some(v.to_owned()),
                ..Image::default()
            };
            let expected = HASH_ALGOS.contains(&v);
            assert_eq!(passes(&|c| hash_algo(c, &i)), expected, "{v:?}");
            for (version, list) in [
                (Version::V1, &OS_PURPOSES_V1[..]),
                (Version::V2, &OS_PURPOSES_V2[..]),
            ] {
                let mut i = Image::default();
                i.properties.insert("os_purpose".to_owned(), v.to_owned());
                let expected = list.contains(&v);
                assert_eq!(passes(&|c| os_purpose(c, &i, version)), expected, "{v:?}");
            }
        }
    }

    #[test]
    fn lists_read_well() {
        assert_eq!(one_of(&["a"]), "`a`");
        assert_eq!(one_of(&["a", "b", "c"]), "`a`, `b` or `c`");
    }

    #[test]
    fn glance_truths() {
        assert!(is_true(Some("True")));
        assert!(is_true(Some("yes")));
        assert!(!is_true(Some("false")));
        assert!(!is_true(None));
    }
}
