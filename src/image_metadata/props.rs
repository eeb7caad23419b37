//! The property testcases `scs-0102-prop-*`, the `os_purpose` uniqueness and the checks beyond
//! the official suite.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use crate::input::Image;
use crate::report::TestcaseResult;

use super::collect::Collector;
use super::date::{is_decimal, official_seconds, DateFormat};
use super::{ids, Version};

const GIB: u128 = 1 << 30;

/// The architectures the official suite accepts.
pub(super) const ARCHITECTURES: [&str; 3] = ["x86_64", "aarch64", "risc-v"];
/// The hypervisor types the official suite accepts (when set).
pub(super) const HYPERVISOR_TYPES: [&str; 5] = ["qemu", "kvm", "xen", "hyper-v", "esxi"];
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
pub(super) fn non_empty(
    id: crate::report::TestcaseId,
    key: &str,
    images: &[&Image],
) -> TestcaseResult {
    let mut c = Collector::new(id);
    for &image in images {
        match image.property(key) {
            Some(v) if !v.is_empty() => {}
            value => {
                c.error(image, not_set(key, value));
                c.official_listed(image, true);
            }
        }
    }
    c.finish()
}

fn not_set(key: &str, value: Option<&str>) -> String {
    match value {
        None => format!("`{key}` is not set"),
        Some(_) => format!("`{key}` is empty"),
    }
}

/// A property that must be one of `allowed`; `optional` properties may be absent.
fn closed_set(
    id: crate::report::TestcaseId,
    key: &str,
    allowed: &[&str],
    optional: bool,
    images: &[&Image],
) -> TestcaseResult {
    let mut c = Collector::new(id);
    for &image in images {
        match image.property(key) {
            Some(v) if allowed.contains(&v) => {}
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
    c.finish()
}

pub(super) fn architecture(images: &[&Image]) -> TestcaseResult {
    closed_set(
        ids::PROP_ARCHITECTURE,
        "architecture",
        &ARCHITECTURES,
        false,
        images,
    )
}

pub(super) fn hash_algo(images: &[&Image]) -> TestcaseResult {
    closed_set(
        ids::PROP_HASH_ALGO,
        "os_hash_algo",
        &["sha256", "sha512"],
        false,
        images,
    )
}

pub(super) fn hypervisor_type(images: &[&Image]) -> TestcaseResult {
    closed_set(
        ids::PROP_HYPERVISOR_TYPE,
        "hypervisor_type",
        &HYPERVISOR_TYPES,
        true,
        images,
    )
}

pub(super) fn hw_rng_model(images: &[&Image]) -> TestcaseResult {
    closed_set(
        ids::PROP_HW_RNG_MODEL,
        "hw_rng_model",
        &["virtio"],
        true,
        images,
    )
}

pub(super) fn replace_frequency(images: &[&Image]) -> TestcaseResult {
    closed_set(
        ids::PROP_REPLACE_FREQUENCY,
        "replace_frequency",
        &REPLACE_FREQUENCIES,
        false,
        images,
    )
}

pub(super) fn hw_disk_bus(images: &[&Image]) -> TestcaseResult {
    let mut c = Collector::new(ids::PROP_HW_DISK_BUS);
    for &image in images {
        match image.property("hw_disk_bus") {
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
    c.finish()
}

pub(super) fn os_purpose(images: &[&Image], version: Version) -> TestcaseResult {
    let mut c = Collector::new(ids::PROP_OS_PURPOSE);
    let allowed: &[&str] = match version {
        Version::V1 => &OS_PURPOSES_V1,
        Version::V2 => &OS_PURPOSES_V2,
    };
    for &image in images {
        match image.property("os_purpose") {
            Some(v) if allowed.contains(&v) => {}
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
    c.finish()
}

pub(super) fn min_disk(images: &[&Image]) -> TestcaseResult {
    let mut c = Collector::new(ids::PROP_MIN_DISK);
    for &image in images {
        let min_disk = image.min_disk.unwrap_or(0);
        if min_disk == 0 {
            c.error(image, "`min_disk` is not set (0)");
            c.official_listed(image, true);
            continue;
        }
        match image.size {
            Some(size) if u128::from(min_disk) * GIB < u128::from(size) => {
                c.error(
                    image,
                    format!(
                        "`min_disk` {min_disk} GiB is smaller than the image file ({size} bytes)"
                    ),
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
    c.finish()
}

pub(super) fn min_ram(images: &[&Image]) -> TestcaseResult {
    let mut c = Collector::new(ids::PROP_MIN_RAM);
    for &image in images {
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
    c.finish()
}

/// Python's `is_url` of the official suite: the text before the first `://` is exactly `http`,
/// `https`, `ftp` or `ftps`.
fn is_url(s: &str) -> bool {
    s.find("://")
        .is_some_and(|i| matches!(&s[..i], "http" | "https" | "ftp" | "ftps"))
}

pub(super) fn image_source(images: &[&Image]) -> TestcaseResult {
    let mut c = Collector::new(ids::PROP_IMAGE_SOURCE);
    for &image in images {
        match image.property("image_source") {
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
    c.finish()
}

pub(super) fn uuid_validity(images: &[&Image]) -> TestcaseResult {
    let mut c = Collector::new(ids::PROP_UUID_VALIDITY);
    for &image in images {
        let Some(v) = image.property("uuid_validity") else {
            c.error(
                image,
                "`uuid_validity` is not set (the standard makes it mandatory)",
            );
            c.warning(
                image,
                "the official suite accepts an image without `uuid_validity`",
            );
            continue;
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
                format!(
                    "`uuid_validity` `{v}` is not `none`, `notice`, `forever`, `last-N` or a date"
                ),
            );
            c.official_error();
        }
    }
    c.finish()
}

pub(super) fn hotfix_hours(images: &[&Image]) -> TestcaseResult {
    let mut c = Collector::new(ids::PROP_HOTFIX_HOURS);
    for &image in images {
        match image.property("hotfix_hours") {
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
    c.finish()
}

/// `now` as the float of seconds Python's `time.time()` gives.
pub(super) fn float_seconds(now: DateTime<Utc>) -> f64 {
    now.timestamp() as f64 + f64::from(now.timestamp_subsec_nanos()) / 1e9
}

pub(super) fn image_build_date(images: &[&Image], now: DateTime<Utc>) -> TestcaseResult {
    let mut c = Collector::new(ids::PROP_IMAGE_BUILD_DATE);
    let now_f = float_seconds(now);
    for &image in images {
        // The registration time; the official suite reads an unparsable one as 0.
        let registered = match image.created_at.as_deref() {
            Some(text) => Some((
                text,
                official_seconds(text, &[DateFormat::Timestamp]).unwrap_or(0),
            )),
            None => {
                c.error(
                    image,
                    "`created_at` is not set, so the registration time is unknown",
                );
                c.official_crash(image, "it has no `created_at`");
                None
            }
        };
        let text = image.property("image_build_date").unwrap_or("");
        let built = official_seconds(text, &DateFormat::IMAGE_DATE);
        match (built, registered) {
            (None, _) => {
                if image.property("image_build_date").is_none() {
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
        let (when, what) = match (built, registered) {
            (Some(b), _) => (b, format!("`image_build_date` `{text}`")),
            (None, Some((created, r))) => (r, format!("the registration time `{created}`")),
            (None, None) => continue,
        };
        if when as f64 > now_f {
            c.error(image, format!("{what} is in the future"));
            c.official_error();
        }
    }
    c.finish()
}

pub(super) fn os_purpose_uniqueness(images: &[&Image]) -> TestcaseResult {
    let mut c = Collector::new(ids::OS_PURPOSE_UNIQUENESS);
    let mut index: HashMap<(&str, &str, &str), usize> = HashMap::new();
    let mut groups: Vec<Vec<&Image>> = Vec::new();
    for &image in images {
        if image.visibility.as_deref() != Some("public") || image.os_hidden {
            continue;
        }
        let (Some(distro), Some(version)) =
            (image.property("os_distro"), image.property("os_version"))
        else {
            continue;
        };
        if distro.is_empty()
            || version.is_empty()
            || image.property("os_purpose") != Some("generic")
        {
            continue;
        }
        let key = (
            image.property("architecture").unwrap_or(""),
            distro,
            version,
        );
        let next = groups.len();
        let i = *index.entry(key).or_insert(next);
        if i == next {
            groups.push(Vec::new());
        }
        groups[i].push(image);
    }
    for group in groups.iter().filter(|g| g.len() > 1) {
        for &image in group {
            c.error(
                image,
                format!(
                    "one of {} public visible images with `os_purpose` `generic` for \
                     architecture `{}`, `os_distro` `{}`, `os_version` `{}`",
                    group.len(),
                    image.property("architecture").unwrap_or(""),
                    image.property("os_distro").unwrap_or(""),
                    image.property("os_version").unwrap_or(""),
                ),
            );
            c.official_listed(image, true);
        }
    }
    c.finish()
}

/// oslo's `bool_from_string` truths, which Glance properties follow.
fn is_true(value: Option<&str>) -> bool {
    value.is_some_and(|v| {
        ["1", "t", "true", "on", "y", "yes"]
            .iter()
            .any(|t| v.eq_ignore_ascii_case(t))
    })
}

pub(super) fn license_pair(images: &[&Image]) -> TestcaseResult {
    let mut c = Collector::new(ids::LICENSE_PAIR);
    for &image in images {
        if is_true(image.property("license_included"))
            && is_true(image.property("license_required"))
        {
            c.warning(
                image,
                "`license_included` and `license_required` are both true; the standard says \
                 they cannot be true at the same time",
            );
        }
    }
    c.finish()
}

pub(super) fn recommended_tags(images: &[&Image]) -> TestcaseResult {
    let mut c = Collector::new(ids::RECOMMENDED_TAGS);
    for &image in images {
        let has = |prefix: &str| {
            image
                .tags
                .iter()
                .any(|t| t.len() > prefix.len() && t.starts_with(prefix))
        };
        let message = match (has("managed_by_"), has("os:")) {
            (true, true) => continue,
            (false, true) => "no `managed_by_VENDOR` tag (recommended)",
            (true, false) => "no `os:OPERATINGSYSTEM` tag (recommended)",
            (false, false) => {
                "no `managed_by_VENDOR` and no `os:OPERATINGSYSTEM` tag (both recommended)"
            }
        };
        c.warning(image, message);
    }
    c.finish()
}

pub(super) fn os_distro_lowercase(images: &[&Image]) -> TestcaseResult {
    let mut c = Collector::new(ids::OS_DISTRO_LOWERCASE);
    for &image in images {
        if let Some(distro) = image.property("os_distro") {
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
    c.finish()
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
