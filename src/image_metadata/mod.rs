//! scs-0102 v1 and v2: image metadata.
//!
//! Standard: <https://docs.scs.community/standards/scs-0102-v1-image-metadata> (Stable, text
//! version 1.1) and <https://docs.scs.community/standards/scs-0102-v2-image-metadata> (Draft);
//! the testcases are those of the supplement `scs-0102-w1` and the official suite
//! (`Tests/iaas/scs_0102_image_metadata`).
//!
//! What is covered:
//!
//! - all 20 official testcases, one function each ([`prop_architecture`] … [`image_recency`],
//!   [`os_purpose_uniqueness`]), [`check_all`] for every testcase of a [`Version`],
//!   [`check`] for a list of ids, and [`Checker`] for images fed a block at a time (the
//!   report of the whole list, without holding it);
//! - the date grammar: [`parse_image_date`] and [`parse_date_as`] read dates exactly as the
//!   official suite's Python `strptime` does (unpadded fields, `t`/`z`, whitespace runs, seconds
//!   60 and 61);
//! - beyond the official suite (warnings only, under ids of this crate that start with
//!   `scs-validators:` so they cannot be taken for official ones): [`license_pair`]
//!   (`license_included` and `license_required` both true), [`recommended_tags`] (the
//!   `managed_by_VENDOR` and `os:OPERATINGSYSTEM` tags) and [`os_distro_lowercase`]. The
//!   official suite has no such testcases: their `official` outcome is `ABORT`, what it reports
//!   for a testcase it does not implement.
//!
//! # Which images
//!
//! Every check looks at the `public` and `community` images of the list it is given (as the
//! official suite does; `shared` and `private` ones are skipped), of any `status`. Hidden
//! images are checked too when the caller lists them; in official runs Glance leaves them out
//! of the list. Findings name each offending image by its name, or by its id when it has none.
//!
//! # Versions
//!
//! The two versions differ in the `os_purpose` values (`oldgeneric` is new in v2) and in which
//! testcases are mandatory: v1 requires the 14 testcases of [`main_testcases`] and recommends
//! `os_purpose` and its uniqueness; v2 requires those two as well. [`recommended_testcases`]
//! lists the rest.
//!
//! # How the text was read
//!
//! The standard reading (`outcome`) follows the official suite except where the text is
//! unambiguous and says otherwise. Followed as the official suite reads them: the closed value
//! sets (`architecture` only `x86_64`, `aarch64`, `risc-v`; `hypervisor_type` only `qemu`,
//! `kvm`, `xen`, `hyper-v`, `esxi`), "set" meaning non-empty (`os_version` `Noble` passes), the
//! URL schemes `http`, `https`, `ftp`, `ftps`, the lenient date grammar (including the
//! official suite's use of 1970-01-01T00:00:00Z as "no date"), `min_disk` compared with the
//! stored file `size`, the recency periods (a year of 365 days, a quarter of 92, a month of
//! 31, a week of 7 × 25 h, a day of 25 h, each with 10 % grace), `provided_until` as the
//! instant 00:00 UTC of its date, the replacement of an outdated image looked up under its
//! name minus the last word (the last image of a duplicated name wins), and `notice` treated
//! like `none`.
//!
//! # Divergences from the official suite
//!
//! | input | standard (this crate) | official suite | testcase |
//! | --- | --- | --- | --- |
//! | `hw_disk_bus` absent | error | pass | `scs-0102-prop-hw_disk_bus` |
//! | `uuid_validity` absent | error | pass | `scs-0102-prop-uuid_validity` |
//! | `os_purpose` `oldgeneric` under v1 | error | pass | `scs-0102-prop-os_purpose` |
//! | `size` null (no image data) with `min_disk` set | pass | ABORT | `scs-0102-prop-min_disk` |
//! | `created_at` null | error: registration time unknown | ABORT | `scs-0102-prop-image_build_date` |
//! | `created_at` null and no valid `image_build_date` | age unknown, counted from 1970 | ABORT | `scs-0102-image-recency` |
//! | an outdated image without `provided_until` | error | ABORT | `scs-0102-image-recency` |
//! | a hidden outdated image whose name a fresh visible image carries | pass | FAIL unless a fresh image is named like it minus its last word | `scs-0102-image-recency` |
//! | an offending image without a name | FAIL | ABORT (joining the offenders' names crashes) | every testcase except `-image_build_date`, `-uuid_validity`, `-hotfix_hours`; in `scs-0102-image-recency` an outdated image without a name, or two images without a name |
//!
//! Each divergence is pinned by a test, and wherever the two readings differ, a warning finding
//! says so.
//!
//! ```
//! use chrono::{TimeZone, Utc};
//! use scs_validators::image_metadata::{self, Version};
//! use scs_validators::input::Image;
//! use scs_validators::report::Outcome;
//!
//! let image: Image = serde_json::from_str(
//!     r#"{"id": "a1", "name": "Ubuntu 24.04", "visibility": "public",
//!         "created_at": "2024-12-20T08:00:00Z", "size": 612368384,
//!         "min_disk": 8, "min_ram": 512, "os_hash_algo": "sha512",
//!         "architecture": "x86_64", "os_distro": "ubuntu", "os_version": "24.04",
//!         "os_purpose": "generic", "hw_disk_bus": "scsi", "hw_rng_model": "virtio",
//!         "image_build_date": "2024-12-19", "image_original_user": "ubuntu",
//!         "image_source": "https://cloud-images.ubuntu.com/noble/",
//!         "image_description": "https://ubuntu.com/cloud", "replace_frequency": "monthly",
//!         "provided_until": "none", "uuid_validity": "last-3", "hotfix_hours": "48"}"#,
//! )?;
//! let now = Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap();
//! let report = image_metadata::check_all(&[image], Version::V2, now);
//! assert_eq!(report.results.len(), 20);
//! assert!(report.all_passed() && report.all_passed_officially());
//! # Ok::<(), serde_json::Error>(())
//! ```

mod collect;
mod date;
mod ids;
mod props;
mod recency;

use std::fmt;

use chrono::{DateTime, Utc};

use crate::input::{Image, Known};
use crate::report::{Report, TestcaseId, TestcaseResult};

use collect::Collector;
use props::Dates;
use recency::Recency;

pub use date::{parse_date_as, parse_image_date, DateFormat};
pub use ids::*;

/// The version of scs-0102 to check against.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Version {
    /// v1 (text version 1.1), Stable: `os_purpose` recommended, without `oldgeneric`.
    #[default]
    V1,
    /// v2, Draft: `os_purpose` mandatory, with `oldgeneric`.
    V2,
}

/// A testcase id that [`check`] does not know.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown scs-0102 testcase id `{0}`")]
pub struct UnknownTestcase(pub String);

/// The testcases a version's certificate requires, in the official order.
pub fn main_testcases(version: Version) -> &'static [TestcaseId] {
    match version {
        Version::V1 => &ids::V1_MAIN,
        Version::V2 => &ids::V2_MAIN,
    }
}

/// The testcases a version recommends (reported, but not required).
pub fn recommended_testcases(version: Version) -> &'static [TestcaseId] {
    match version {
        Version::V1 => &ids::V1_RECOMMENDED,
        Version::V2 => &ids::V2_RECOMMENDED,
    }
}

/// A testcase that looks at one image at a time.
#[derive(Clone, Copy, Debug)]
enum PerImage {
    Architecture,
    MinDisk,
    MinRam,
    NonEmpty(Known),
    HwDiskBus,
    ImageBuildDate,
    ImageSource,
    ReplaceFrequency,
    UuidValidity,
    OsPurpose,
    HashAlgo,
    HypervisorType,
    HwRngModel,
    HotfixHours,
    LicensePair,
    RecommendedTags,
    OsDistroLowercase,
}

impl PerImage {
    /// This testcase's bit in the masks of [`PerImages`].
    const fn bit(self) -> u64 {
        1 << match self {
            PerImage::Architecture => 0,
            PerImage::MinDisk => 1,
            PerImage::MinRam => 2,
            PerImage::HwDiskBus => 3,
            PerImage::ImageBuildDate => 4,
            PerImage::ImageSource => 5,
            PerImage::ReplaceFrequency => 6,
            PerImage::UuidValidity => 7,
            PerImage::OsPurpose => 8,
            PerImage::HashAlgo => 9,
            PerImage::HypervisorType => 10,
            PerImage::HwRngModel => 11,
            PerImage::HotfixHours => 12,
            PerImage::LicensePair => 13,
            PerImage::RecommendedTags => 14,
            PerImage::OsDistroLowercase => 15,
            // Below 16 + 19: one bit for each slotted key.
            PerImage::NonEmpty(key) => 16 + key as u32,
        }
    }

    /// Checks `image` in detail; `dates` are its [`Dates`] when the pass has them.
    fn check(self, c: &mut Collector, image: &Image, dates: Option<Dates>, pass: &Pass) {
        match self {
            PerImage::Architecture => props::architecture(c, image),
            PerImage::MinDisk => props::min_disk(c, image),
            PerImage::MinRam => props::min_ram(c, image),
            PerImage::NonEmpty(key) => props::non_empty(c, key, image),
            PerImage::HwDiskBus => props::hw_disk_bus(c, image),
            PerImage::ImageBuildDate => {
                let dates = dates.unwrap_or_else(|| Dates::of(image));
                props::image_build_date(c, image, dates, pass.now_f);
            }
            PerImage::ImageSource => props::image_source(c, image),
            PerImage::ReplaceFrequency => props::replace_frequency(c, image),
            PerImage::UuidValidity => props::uuid_validity(c, image),
            PerImage::OsPurpose => props::os_purpose(c, image, pass.version),
            PerImage::HashAlgo => props::hash_algo(c, image),
            PerImage::HypervisorType => props::hypervisor_type(c, image),
            PerImage::HwRngModel => props::hw_rng_model(c, image),
            PerImage::HotfixHours => props::hotfix_hours(c, image),
            PerImage::LicensePair => props::license_pair(c, image),
            PerImage::RecommendedTags => props::recommended_tags(c, image),
            PerImage::OsDistroLowercase => props::os_distro_lowercase(c, image),
        }
    }
}

/// The per-image testcases of one pass, each with its collector, in the order asked for.
struct PerImages {
    testcases: Vec<(PerImage, Collector)>,
    /// The [`PerImage::bit`] of each testcase.
    wanted: u64,
}

impl PerImages {
    /// Checks `images`, in order; `dates` are their [`Dates`] when the pass has them.
    ///
    /// Each image first gets the quick test of every testcase, one after the other in a fixed
    /// order the compiler lays out straight; the detailed checks, with their findings, run only
    /// for the testcases an image does not pass at a glance.
    fn visit(&mut self, images: &[&Image], dates: &[Dates], pass: &Pass) {
        for (i, &image) in images.iter().enumerate() {
            let dates = dates.get(i).copied();
            let flawed = self.flawed(image, dates, pass);
            if flawed == 0 {
                continue;
            }
            for (kind, c) in &mut self.testcases {
                if flawed & kind.bit() != 0 {
                    kind.check(c, image, dates, pass);
                }
            }
        }
    }

    /// The bits of the wanted testcases that `image` does not pass at a glance ([`props::quick`]).
    #[inline]
    fn flawed(&self, image: &Image, dates: Option<Dates>, pass: &Pass) -> u64 {
        use props::quick;
        use PerImage::*;
        let mut flawed = 0;
        let mut listed = 0;
        // One test after the other, each bit a constant, each test only for a wanted testcase.
        macro_rules! test {
            ($kind:expr, $passes:expr) => {{
                const BIT: u64 = $kind.bit();
                listed |= BIT;
                if self.wanted & BIT != 0 && !$passes {
                    flawed |= BIT;
                }
            }};
        }
        test!(Architecture, quick::architecture(image));
        test!(MinDisk, quick::min_disk(image));
        test!(MinRam, quick::min_ram(image));
        test!(HwDiskBus, quick::hw_disk_bus(image));
        test!(
            ImageBuildDate,
            dates.is_some_and(|d| quick::image_build_date(d, pass.now_f))
        );
        test!(ImageSource, quick::image_source(image));
        test!(ReplaceFrequency, quick::replace_frequency(image));
        test!(UuidValidity, quick::uuid_validity(image));
        test!(OsPurpose, quick::os_purpose(image, pass.version));
        test!(HashAlgo, quick::hash_algo(image));
        test!(HypervisorType, quick::hypervisor_type(image));
        test!(HwRngModel, quick::hw_rng_model(image));
        test!(HotfixHours, quick::hotfix_hours(image));
        test!(LicensePair, quick::license_pair(image));
        test!(RecommendedTags, quick::recommended_tags(image));
        test!(OsDistroLowercase, quick::os_distro_lowercase(image));
        test!(
            NonEmpty(Known::OsVersion),
            quick::non_empty(image, Known::OsVersion)
        );
        test!(
            NonEmpty(Known::OsDistro),
            quick::non_empty(image, Known::OsDistro)
        );
        test!(
            NonEmpty(Known::ImageOriginalUser),
            quick::non_empty(image, Known::ImageOriginalUser)
        );
        test!(
            NonEmpty(Known::ImageDescription),
            quick::non_empty(image, Known::ImageDescription)
        );
        test!(
            NonEmpty(Known::ProvidedUntil),
            quick::non_empty(image, Known::ProvidedUntil)
        );
        // A testcase without a quick test here always gets the detailed check.
        flawed | (self.wanted & !listed)
    }
}

/// How a testcase is evaluated.
#[derive(Clone, Copy, Debug)]
enum Plan {
    PerImage(PerImage),
    Recency,
    Uniqueness,
}

/// The testcase `id` and how to evaluate it; `None` for an id of no testcase here.
fn plan(id: &str) -> Option<(TestcaseId, Plan)> {
    use PerImage::*;
    let (id, per_image) = match id {
        "scs-0102-prop-architecture" => (PROP_ARCHITECTURE, Architecture),
        "scs-0102-prop-min_disk" => (PROP_MIN_DISK, MinDisk),
        "scs-0102-prop-min_ram" => (PROP_MIN_RAM, MinRam),
        "scs-0102-prop-os_version" => (PROP_OS_VERSION, NonEmpty(Known::OsVersion)),
        "scs-0102-prop-os_distro" => (PROP_OS_DISTRO, NonEmpty(Known::OsDistro)),
        "scs-0102-prop-hw_disk_bus" => (PROP_HW_DISK_BUS, HwDiskBus),
        "scs-0102-prop-image_build_date" => (PROP_IMAGE_BUILD_DATE, ImageBuildDate),
        "scs-0102-prop-image_original_user" => {
            (PROP_IMAGE_ORIGINAL_USER, NonEmpty(Known::ImageOriginalUser))
        }
        "scs-0102-prop-image_source" => (PROP_IMAGE_SOURCE, ImageSource),
        "scs-0102-prop-image_description" => {
            (PROP_IMAGE_DESCRIPTION, NonEmpty(Known::ImageDescription))
        }
        "scs-0102-prop-replace_frequency" => (PROP_REPLACE_FREQUENCY, ReplaceFrequency),
        "scs-0102-prop-provided_until" => (PROP_PROVIDED_UNTIL, NonEmpty(Known::ProvidedUntil)),
        "scs-0102-prop-uuid_validity" => (PROP_UUID_VALIDITY, UuidValidity),
        "scs-0102-image-recency" => return Some((IMAGE_RECENCY, Plan::Recency)),
        "scs-0102-prop-os_purpose" => (PROP_OS_PURPOSE, OsPurpose),
        "scs-0102-os_purpose-uniqueness" => return Some((OS_PURPOSE_UNIQUENESS, Plan::Uniqueness)),
        "scs-0102-prop-hash_algo" => (PROP_HASH_ALGO, HashAlgo),
        "scs-0102-prop-hypervisor_type" => (PROP_HYPERVISOR_TYPE, HypervisorType),
        "scs-0102-prop-hw_rng_model" => (PROP_HW_RNG_MODEL, HwRngModel),
        "scs-0102-prop-hotfix_hours" => (PROP_HOTFIX_HOURS, HotfixHours),
        "scs-validators:scs-0102-license-pair" => (LICENSE_PAIR, LicensePair),
        "scs-validators:scs-0102-recommended-tags" => (RECOMMENDED_TAGS, RecommendedTags),
        "scs-validators:scs-0102-os_distro-lowercase" => (OS_DISTRO_LOWERCASE, OsDistroLowercase),
        _ => return None,
    };
    Some((id, Plan::PerImage(per_image)))
}

/// The images of one block of a pass.
const BLOCK: usize = 64;

/// What every testcase of one pass shares.
struct Pass {
    version: Version,
    now_f: f64,
}

/// The scs-0102 testcases of one run, fed the images a block at a time: for a list too large to
/// hold, checked while it is read.
///
/// Whatever blocks the images come in, the report is the one [`check`] gives for all of them
/// in one list: every image is looked at once, when it is fed, and the checker keeps only what
/// its findings will quote (names, ids, the texts of offending images), never the images.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use scs_validators::image_metadata::{self, Checker, Version, IMAGE_RECENCY, PROP_MIN_RAM};
/// use scs_validators::input::Image;
///
/// let images: Vec<Image> = serde_json::from_str(
///     r#"[{"id": "a1", "name": "Debian 12", "visibility": "public", "min_ram": 512},
///         {"id": "b2", "name": "Debian 12", "visibility": "public"}]"#,
/// )?;
/// let now = Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap();
/// let ids = [PROP_MIN_RAM, IMAGE_RECENCY];
/// let mut checker = Checker::new(&ids, Version::V1, now)?;
/// for block in images.chunks(1) {
///     checker.feed(block);
/// }
/// let report = checker.finish();
/// assert_eq!(report, image_metadata::check(&images, &ids, Version::V1, now)?);
/// assert_eq!(report.results[0].findings()[0].subject.as_deref(), Some("Debian 12"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Checker {
    plans: Vec<(TestcaseId, Plan)>,
    per_image: PerImages,
    recency: Option<Recency>,
    uniqueness: Option<props::Uniqueness>,
    need_dates: bool,
    pass: Pass,
    /// The dates of the images of a block.
    dates: Vec<Dates>,
}

impl Checker {
    /// A checker for the testcases `ids`, in that order: official scs-0102 ids and those of
    /// [`EXTRA_TESTCASES`]; `now` is the instant the recency and build-date checks measure
    /// against.
    ///
    /// # Errors
    ///
    /// [`UnknownTestcase`] for the first id that is neither.
    pub fn new(
        ids: &[TestcaseId],
        version: Version,
        now: DateTime<Utc>,
    ) -> Result<Self, UnknownTestcase> {
        known(ids)?;
        Ok(Checker::planned(
            ids.iter().map(TestcaseId::as_str),
            version,
            now,
            0,
        ))
    }

    /// [`Checker::new`] for the ids this module knows (others are left out), ready for
    /// `capacity` images.
    pub(crate) fn with_capacity(
        ids: &[TestcaseId],
        version: Version,
        now: DateTime<Utc>,
        capacity: usize,
    ) -> Self {
        Checker::planned(ids.iter().map(TestcaseId::as_str), version, now, capacity)
    }

    /// A checker for the ids that [`plan`] knows (others are left out), ready for `capacity`
    /// images.
    fn planned<'i>(
        ids: impl IntoIterator<Item = &'i str>,
        version: Version,
        now: DateTime<Utc>,
        capacity: usize,
    ) -> Self {
        let plans: Vec<(TestcaseId, Plan)> = ids.into_iter().filter_map(plan).collect();
        let mut per_image = PerImages {
            testcases: Vec::new(),
            wanted: 0,
        };
        let (mut recency, mut uniqueness) = (None, None);
        for (id, p) in &plans {
            match p {
                Plan::PerImage(kind) => {
                    per_image
                        .testcases
                        .push((*kind, Collector::new(id.clone())));
                    per_image.wanted |= kind.bit();
                }
                Plan::Recency => recency = Some(Recency::new(capacity, now)),
                Plan::Uniqueness => uniqueness = Some(props::Uniqueness::default()),
            }
        }
        let need_dates =
            recency.is_some() || per_image.wanted & PerImage::ImageBuildDate.bit() != 0;
        Checker {
            plans,
            per_image,
            recency,
            uniqueness,
            need_dates,
            pass: Pass {
                version,
                now_f: props::float_seconds(now),
            },
            dates: Vec::with_capacity(BLOCK),
        }
    }

    /// Checks the next `images` (those in scope: the `public` and `community` ones).
    pub fn feed(&mut self, images: &[Image]) {
        // The images go by in blocks small enough to stay in the processor's cache while every
        // testcase looks at them.
        let mut in_scope = Vec::with_capacity(BLOCK.min(images.len()));
        for chunk in images.chunks(BLOCK) {
            for image in chunk {
                image.touch();
            }
            in_scope.clear();
            in_scope.extend(chunk.iter().filter(|i| i.is_public_or_community()));
            let block = &in_scope[..];
            self.dates.clear();
            if self.need_dates {
                self.dates
                    .extend(block.iter().map(|&image| Dates::of(image)));
            }
            if self.per_image.wanted != 0 {
                self.per_image.visit(block, &self.dates, &self.pass);
            }
            if let Some(r) = &mut self.recency {
                r.visit(block, &self.dates);
            }
            if let Some(u) = &mut self.uniqueness {
                for &image in block {
                    u.visit(image);
                }
            }
        }
    }

    /// The results over every image fed, in the order of the ids.
    pub fn finish(self) -> Report {
        let mut per_image = self
            .per_image
            .testcases
            .into_iter()
            .map(|(_, c)| c.finish());
        let (recency, uniqueness) = (&self.recency, &self.uniqueness);
        Report {
            results: self
                .plans
                .iter()
                .filter_map(|(_, p)| match p {
                    Plan::PerImage(_) => per_image.next(),
                    Plan::Recency => recency.as_ref().map(Recency::finish),
                    Plan::Uniqueness => uniqueness.as_ref().map(props::Uniqueness::finish),
                })
                .collect(),
        }
    }
}

impl fmt::Debug for Checker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Checker")
            .field(
                "testcases",
                &self.plans.iter().map(|(id, _)| id).collect::<Vec<_>>(),
            )
            .finish_non_exhaustive()
    }
}

/// Runs the testcases `ids` (those [`plan`] knows; others are left out) over the images in
/// scope, the `public` and `community` ones of `images`, in one pass: each image is looked at
/// once for all testcases, its dates parsed once, and the results come in the order of `ids`.
fn run_all<'i>(
    ids: impl IntoIterator<Item = &'i str>,
    images: &[Image],
    version: Version,
    now: DateTime<Utc>,
) -> Vec<TestcaseResult> {
    let mut checker = Checker::planned(ids, version, now, images.len());
    checker.feed(images);
    checker.finish().results
}

/// Runs the testcase `id` (one of this module) alone over the images in scope, in the pass of
/// [`run_all`].
fn single(
    images: &[Image],
    id: &TestcaseId,
    version: Version,
    now: DateTime<Utc>,
) -> TestcaseResult {
    run_all([id.as_str()], images, version, now)
        .pop()
        // Every id of this module has a plan, and every plan gives its result.
        .unwrap_or_else(|| Collector::new(id.clone()).finish())
}

/// Runs every testcase of `version`: the required ones ([`main_testcases`]), then the
/// recommended ones ([`recommended_testcases`]); 20 results for either version.
///
/// `now` is the instant the recency and build-date checks measure against.
pub fn check_all(images: &[Image], version: Version, now: DateTime<Utc>) -> Report {
    let ids = main_testcases(version)
        .iter()
        .chain(recommended_testcases(version))
        .map(TestcaseId::as_str);
    Report {
        results: run_all(ids, images, version, now),
    }
}

/// Runs the testcases `ids`, in that order: official scs-0102 ids and those of
/// [`EXTRA_TESTCASES`].
///
/// # Errors
///
/// [`UnknownTestcase`] for the first id that is neither; nothing is run then.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use scs_validators::image_metadata::{self, Version, PROP_HW_DISK_BUS};
/// use scs_validators::report::{Outcome, TestcaseId};
///
/// let now = Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap();
/// let report = image_metadata::check(&[], &[PROP_HW_DISK_BUS], Version::V1, now)?;
/// assert_eq!(report.to_string(), "scs-0102-prop-hw_disk_bus: PASS\n");
/// let err = image_metadata::check(&[], &[TestcaseId::new("scs-0102-prop-foo")], Version::V1, now);
/// assert_eq!(err.unwrap_err().to_string(), "unknown scs-0102 testcase id `scs-0102-prop-foo`");
/// # Ok::<(), image_metadata::UnknownTestcase>(())
/// ```
pub fn check(
    images: &[Image],
    ids: &[TestcaseId],
    version: Version,
    now: DateTime<Utc>,
) -> Result<Report, UnknownTestcase> {
    known(ids)?;
    Ok(Report {
        results: run_all(ids.iter().map(TestcaseId::as_str), images, version, now),
    })
}

/// `Ok` when every id of `ids` is a testcase of this module; else the first that is not.
fn known(ids: &[TestcaseId]) -> Result<(), UnknownTestcase> {
    match ids.iter().find(|id| plan(id.as_str()).is_none()) {
        Some(bad) => Err(UnknownTestcase(bad.as_str().to_owned())),
        None => Ok(()),
    }
}

/// Runs the checks of this crate beyond the official suite ([`EXTRA_TESTCASES`]).
pub fn check_extras(images: &[Image]) -> Report {
    let ids = EXTRA_TESTCASES;
    let ids = ids.iter().map(TestcaseId::as_str);
    Report {
        results: run_all(ids, images, Version::V1, DateTime::UNIX_EPOCH),
    }
}

/// `scs-0102-prop-architecture`: every image's `architecture` is `x86_64`, `aarch64` or
/// `risc-v` (the official closed set; case-sensitive).
pub fn prop_architecture(images: &[Image]) -> TestcaseResult {
    single(
        images,
        &PROP_ARCHITECTURE,
        Version::V1,
        DateTime::UNIX_EPOCH,
    )
}

/// `scs-0102-prop-min_disk`: every image has a non-zero `min_disk` (GiB) at least as large as
/// its stored file (`size`, bytes). An image without `size` only needs `min_disk`.
pub fn prop_min_disk(images: &[Image]) -> TestcaseResult {
    single(images, &PROP_MIN_DISK, Version::V1, DateTime::UNIX_EPOCH)
}

/// `scs-0102-prop-min_ram`: every image has a non-zero `min_ram` (MiB); below 64 MiB a
/// warning.
pub fn prop_min_ram(images: &[Image]) -> TestcaseResult {
    single(images, &PROP_MIN_RAM, Version::V1, DateTime::UNIX_EPOCH)
}

/// `scs-0102-prop-os_version`: every image has a non-empty `os_version`.
pub fn prop_os_version(images: &[Image]) -> TestcaseResult {
    single(images, &PROP_OS_VERSION, Version::V1, DateTime::UNIX_EPOCH)
}

/// `scs-0102-prop-os_distro`: every image has a non-empty `os_distro`.
pub fn prop_os_distro(images: &[Image]) -> TestcaseResult {
    single(images, &PROP_OS_DISTRO, Version::V1, DateTime::UNIX_EPOCH)
}

/// `scs-0102-prop-hw_disk_bus`: every image has `hw_disk_bus` `virtio` or `scsi` (the official
/// suite also accepts it absent).
pub fn prop_hw_disk_bus(images: &[Image]) -> TestcaseResult {
    single(images, &PROP_HW_DISK_BUS, Version::V1, DateTime::UNIX_EPOCH)
}

/// `scs-0102-prop-image_build_date`: every image's `image_build_date` is a date
/// ([`parse_image_date`]), not after its registration time `created_at`, and (or, without a
/// valid build date, the registration time) not after `now`.
pub fn prop_image_build_date(images: &[Image], now: DateTime<Utc>) -> TestcaseResult {
    single(images, &PROP_IMAGE_BUILD_DATE, Version::V1, now)
}

/// `scs-0102-prop-image_original_user`: every image has a non-empty `image_original_user`.
pub fn prop_image_original_user(images: &[Image]) -> TestcaseResult {
    single(
        images,
        &PROP_IMAGE_ORIGINAL_USER,
        Version::V1,
        DateTime::UNIX_EPOCH,
    )
}

/// `scs-0102-prop-image_source`: every image's `image_source` is `private` or a URL whose
/// scheme is exactly `http`, `https`, `ftp` or `ftps`.
pub fn prop_image_source(images: &[Image]) -> TestcaseResult {
    single(
        images,
        &PROP_IMAGE_SOURCE,
        Version::V1,
        DateTime::UNIX_EPOCH,
    )
}

/// `scs-0102-prop-image_description`: every image has a non-empty `image_description`.
pub fn prop_image_description(images: &[Image]) -> TestcaseResult {
    single(
        images,
        &PROP_IMAGE_DESCRIPTION,
        Version::V1,
        DateTime::UNIX_EPOCH,
    )
}

/// `scs-0102-prop-replace_frequency`: every image's `replace_frequency` is `yearly`,
/// `quarterly`, `monthly`, `weekly`, `daily`, `critical_bug` or `never`.
pub fn prop_replace_frequency(images: &[Image]) -> TestcaseResult {
    single(
        images,
        &PROP_REPLACE_FREQUENCY,
        Version::V1,
        DateTime::UNIX_EPOCH,
    )
}

/// `scs-0102-prop-provided_until`: every image has a non-empty `provided_until` (its format
/// matters only to [`image_recency`]).
pub fn prop_provided_until(images: &[Image]) -> TestcaseResult {
    single(
        images,
        &PROP_PROVIDED_UNTIL,
        Version::V1,
        DateTime::UNIX_EPOCH,
    )
}

/// `scs-0102-prop-uuid_validity`: every image's `uuid_validity` is `none`, `notice`,
/// `forever`, `last-N` (N decimal digits) or a date ([`parse_image_date`]).
pub fn prop_uuid_validity(images: &[Image]) -> TestcaseResult {
    single(
        images,
        &PROP_UUID_VALIDITY,
        Version::V1,
        DateTime::UNIX_EPOCH,
    )
}

/// `scs-0102-image-recency`: every image is replaced as often as its `replace_frequency`
/// promises, counted from its build date, or is past its `provided_until`, or has a fresh
/// replacement.
///
/// An image is outdated when `now` is later than its build date (else its registration time)
/// plus 1.1 periods, `provided_until` is a date and `now` is later than 00:00 UTC of it. An
/// outdated image needs a fresh image named like it minus its last word (`Ubuntu 24.04 old`
/// → `Ubuntu 24.04`) or, per the standard when it is hidden, a fresh visible image of its
/// own name; one that is neither hidden nor renamed with a marker (` YYYYMMDD`,
/// ` YYYY-MM-DD`, ` old`, ` prev`) gets a warning.
pub fn image_recency(images: &[Image], now: DateTime<Utc>) -> TestcaseResult {
    single(images, &IMAGE_RECENCY, Version::V1, now)
}

/// `scs-0102-prop-os_purpose`: every image's `os_purpose` is one of `version`'s values.
pub fn prop_os_purpose(images: &[Image], version: Version) -> TestcaseResult {
    single(images, &PROP_OS_PURPOSE, version, DateTime::UNIX_EPOCH)
}

/// `scs-0102-os_purpose-uniqueness`: per `architecture`, `os_distro` and `os_version` (exact
/// strings; a missing architecture counts as empty) at most one `public` (not community),
/// non-hidden image has `os_purpose` `generic`. Images without `os_distro` or `os_version`
/// are not counted.
pub fn os_purpose_uniqueness(images: &[Image]) -> TestcaseResult {
    single(
        images,
        &OS_PURPOSE_UNIQUENESS,
        Version::V1,
        DateTime::UNIX_EPOCH,
    )
}

/// `scs-0102-prop-hash_algo` (recommended): every image's `os_hash_algo` is `sha256` or
/// `sha512`.
pub fn prop_hash_algo(images: &[Image]) -> TestcaseResult {
    single(images, &PROP_HASH_ALGO, Version::V1, DateTime::UNIX_EPOCH)
}

/// `scs-0102-prop-hypervisor_type` (recommended): every image's `hypervisor_type` is absent
/// or one of `qemu`, `kvm`, `xen`, `hyper-v`, `esxi`.
pub fn prop_hypervisor_type(images: &[Image]) -> TestcaseResult {
    single(
        images,
        &PROP_HYPERVISOR_TYPE,
        Version::V1,
        DateTime::UNIX_EPOCH,
    )
}

/// `scs-0102-prop-hw_rng_model` (recommended): every image's `hw_rng_model` is absent or
/// `virtio`.
pub fn prop_hw_rng_model(images: &[Image]) -> TestcaseResult {
    single(
        images,
        &PROP_HW_RNG_MODEL,
        Version::V1,
        DateTime::UNIX_EPOCH,
    )
}

/// `scs-0102-prop-hotfix_hours` (recommended): every image's `hotfix_hours` is absent, empty
/// or a whole number of hours (decimal digits).
pub fn prop_hotfix_hours(images: &[Image]) -> TestcaseResult {
    single(
        images,
        &PROP_HOTFIX_HOURS,
        Version::V1,
        DateTime::UNIX_EPOCH,
    )
}

/// [`LICENSE_PAIR`] (not an official testcase): a warning for each image whose
/// `license_included` and `license_required` are both true (`true`, `yes`, `1`, … as Glance
/// reads booleans).
pub fn license_pair(images: &[Image]) -> TestcaseResult {
    single(images, &LICENSE_PAIR, Version::V1, DateTime::UNIX_EPOCH)
}

/// [`RECOMMENDED_TAGS`] (not an official testcase): a warning for each image without a
/// `managed_by_VENDOR` or an `os:OPERATINGSYSTEM` tag.
pub fn recommended_tags(images: &[Image]) -> TestcaseResult {
    single(images, &RECOMMENDED_TAGS, Version::V1, DateTime::UNIX_EPOCH)
}

/// [`OS_DISTRO_LOWERCASE`] (not an official testcase): a warning for each image whose
/// `os_distro` has capital letters.
pub fn os_distro_lowercase(images: &[Image]) -> TestcaseResult {
    single(
        images,
        &OS_DISTRO_LOWERCASE,
        Version::V1,
        DateTime::UNIX_EPOCH,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Outcome;
    use proptest::prelude::*;

    /// Every id of this module with a per-image plan.
    fn per_image_testcases() -> Vec<(TestcaseId, PerImage)> {
        ids::V2_MAIN
            .iter()
            .chain(&ids::V2_RECOMMENDED)
            .chain(&EXTRA_TESTCASES)
            .filter_map(|id| match plan(id.as_str())? {
                (id, Plan::PerImage(kind)) => Some((id, kind)),
                _ => None,
            })
            .collect()
    }

    /// A value for `key`: good ones, bad ones, and the odd cases of the detailed checks.
    fn value(key: &'static str) -> BoxedStrategy<Option<String>> {
        let pool: &[&str] = match key {
            "architecture" => &["x86_64", "aarch64", "risc-v", "amd64", "X86_64", ""],
            "hw_disk_bus" => &["virtio", "scsi", "ide", "Virtio", ""],
            "image_source" => &[
                "private",
                "https://cloud-images.ubuntu.com/x.img",
                "ftp://h/x",
                "HTTPS://h/x",
                "file:///x",
                "https:/x",
                "Private",
                "",
            ],
            "replace_frequency" => &["monthly", "weekly", "never", "critical_bug", "Monthly", ""],
            "uuid_validity" => &[
                "none",
                "notice",
                "forever",
                "last-3",
                "last-",
                "last-x",
                "last-\u{661}",
                "2025-06-01",
                "2025-13-01",
                "Forever",
                "",
            ],
            "os_purpose" => &[
                "generic",
                "minimal",
                "oldgeneric",
                "gpu",
                "Generic",
                "other",
                "",
            ],
            "hypervisor_type" => &["qemu", "kvm", "hyper-v", "QEMU", "vmware", ""],
            "hw_rng_model" => &["virtio", "Virtio", "rng", ""],
            "hotfix_hours" => &["48", "0", "", "4x", "\u{663}", "-1"],
            "license_included" | "license_required" => &["true", "True", "yes", "1", "false", ""],
            "os_distro" => &["ubuntu", "Ubuntu", "d\u{e9}bian", "D\u{c9}BIAN", ""],
            "image_build_date" => &[
                "2025-01-02",
                "2025-01-02 10:00",
                "2025-01-02T10:00:00Z",
                "2026-01-02",
                "2025-1-2",
                "yesterday",
                "",
            ],
            _ => &["x", "", " "],
        };
        prop_oneof![
            1 => Just(None),
            6 => proptest::sample::select(pool).prop_map(|v| Some(v.to_owned())),
        ]
        .boxed()
    }

    prop_compose! {
        fn image()(
            values in (
                value("architecture"), value("hw_disk_bus"), value("image_source"),
                value("replace_frequency"), value("uuid_validity"), value("os_purpose"),
                value("hypervisor_type"), value("hw_rng_model"), value("hotfix_hours"),
                value("license_included"), value("license_required"), value("os_distro"),
            ),
            more in (
                value("image_build_date"), value("os_version"), value("image_original_user"),
                value("image_description"), value("provided_until"),
            ),
            min_disk in proptest::option::of(prop_oneof![Just(0u64), 1u64..20]),
            size in proptest::option::of(prop_oneof![Just(0u64), Just(1u64 << 30), Just((1u64 << 30) + 1), 1u64..(20u64 << 30)]),
            min_ram in proptest::option::of(prop_oneof![Just(0u64), 1u64..128, Just(512u64)]),
            hash in proptest::option::of(proptest::sample::select(vec!["sha256", "sha512", "md5", "SHA512"])),
            created in proptest::option::of(proptest::sample::select(vec![
                "2025-01-02T12:00:00Z", "2025-01-01T00:00:00Z", "2026-06-01T00:00:00Z", "bad",
            ])),
            tags in proptest::collection::vec(proptest::sample::select(vec![
                "managed_by_x", "managed_by_", "os:ubuntu", "os:", "other",
            ]), 0..3),
        ) -> Image {
            let mut image = Image {
                id: "i".into(),
                name: Some("n".into()),
                visibility: Some("public".into()),
                min_disk,
                size,
                min_ram,
                os_hash_algo: hash.map(str::to_owned),
                created_at: created.map(str::to_owned),
                tags: tags.into_iter().map(str::to_owned).collect(),
                ..Image::default()
            };
            let (a, b, c, d, e, f, g, h, i, j, k, l) = values;
            let (m, n, o, p, q) = more;
            let keys = [
                ("architecture", a), ("hw_disk_bus", b), ("image_source", c),
                ("replace_frequency", d), ("uuid_validity", e), ("os_purpose", f),
                ("hypervisor_type", g), ("hw_rng_model", h), ("hotfix_hours", i),
                ("license_included", j), ("license_required", k), ("os_distro", l),
                ("image_build_date", m), ("os_version", n), ("image_original_user", o),
                ("image_description", p), ("provided_until", q),
            ];
            for (key, v) in keys {
                if let Some(v) = v {
                    image.properties.insert(key.to_owned(), v);
                }
            }
            image
        }
    }

    prop_compose! {
        /// An image of a list: names that repeat, replace each other (a word shorter) or are
        /// missing, ids of two lengths, hidden or not, of any visibility.
        fn listed_image()(
            mut image in image(),
            name in proptest::option::of(proptest::sample::select(vec![
                "", "Ubuntu", "Ubuntu 24.04", "Ubuntu 24.04 old", "Ubuntu 24.04 20240101",
                "Debian 12", "Debian 12 prev",
            ])),
            id in proptest::sample::select(vec!["a1", "b2", "4fdc2c56-9d1f-4a0e-8c1b-2f4b0c9d1e77"]),
            hidden in any::<bool>(),
            visibility in proptest::sample::select(vec!["public", "community", "private"]),
        ) -> Image {
            image.name = name.map(str::to_owned);
            image.id = id.to_owned();
            image.os_hidden = hidden;
            image.visibility = Some(visibility.to_owned());
            image
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]
        /// A checker fed the images in blocks of any size reports what the whole list gives.
        #[test]
        fn checkers_fed_in_blocks_report_what_the_whole_list_gives(
            images in proptest::collection::vec(listed_image(), 0..40),
            cuts in proptest::collection::vec(1usize..8, 0..40),
            v2 in any::<bool>(),
        ) {
            let version = if v2 { Version::V2 } else { Version::V1 };
            let now = DateTime::from_timestamp(1_767_225_600, 0).unwrap();
            let ids: Vec<TestcaseId> = ids::V2_MAIN
                .iter()
                .chain(&ids::V2_RECOMMENDED)
                .chain(&EXTRA_TESTCASES)
                .cloned()
                .collect();
            let whole = check(&images, &ids, version, now).unwrap();
            let mut checker = Checker::new(&ids, version, now).unwrap();
            let mut rest = &images[..];
            for cut in cuts {
                let (block, after) = rest.split_at(cut.min(rest.len()));
                checker.feed(block);
                rest = after;
            }
            checker.feed(rest);
            prop_assert_eq!(checker.finish(), whole);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        /// The quick test of a testcase lets an image by only where the detailed check finds
        /// nothing (and the official suite would not object): skipping the detailed check
        /// there changes no result.
        #[test]
        fn quick_tests_pass_only_what_the_detailed_checks_pass(
            image in image(),
            v2 in any::<bool>(),
            now in prop_oneof![Just(1_735_776_000i64), Just(1_767_225_600)],
        ) {
            let version = if v2 { Version::V2 } else { Version::V1 };
            let now = DateTime::from_timestamp(now, 0).unwrap();
            let pass = Pass { version, now_f: props::float_seconds(now) };
            let testcases = per_image_testcases();
            let per_image = PerImages {
                wanted: testcases.iter().fold(0, |m, (_, k)| m | k.bit()),
                testcases: Vec::new(),
            };
            let dates = Dates::of(&image);
            let flawed = per_image.flawed(&image, Some(dates), &pass);
            for (id, kind) in testcases {
                if flawed & kind.bit() != 0 {
                    continue;
                }
                let mut c = Collector::new(id.clone());
                kind.check(&mut c, &image, Some(dates), &pass);
                let result = c.finish();
                prop_assert!(result.findings().is_empty(), "{id}: {:?} on {image:?}", result.findings());
                if id.is_official() {
                    prop_assert_eq!(result.official(), Outcome::Pass, "{} on {:?}", id, image);
                }
            }
        }
    }
}
