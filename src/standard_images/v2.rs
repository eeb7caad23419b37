//! The rules of the scs-0104 v2 draft, with a release calendar and `now` as inputs.

use std::collections::HashSet;
use std::fmt;
use std::sync::OnceLock;

use chrono::{DateTime, Datelike, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::input::Image;
use crate::report::{Finding, Report, Severity, TestcaseId, TestcaseResult};

use super::spec::NameScheme;
use super::{crate_only, image_ref, quote_list, subject};

/// `scs-validators:scs-0104-v2-generic-source` (not an official id; draft): a generic Debian or
/// Ubuntu image's `image_source` is on the vendor's cloud-image server under the release's
/// codename (R0104v2-3, MUST).
pub const V2_GENERIC_SOURCE: TestcaseId =
    TestcaseId::from_static("scs-validators:scs-0104-v2-generic-source");
/// `scs-validators:scs-0104-v2-capi-properties` (not an official id; draft): every image named
/// `ubuntu-capi-image( |-)v…` has the required `image_source`, `os_purpose` and
/// `image_description` (R0104v2-4, MUST).
pub const V2_CAPI_PROPERTIES: TestcaseId =
    TestcaseId::from_static("scs-validators:scs-0104-v2-capi-properties");
/// `scs-validators:scs-0104-v2-ubuntu-lts` (not an official id; draft): a generic image of the
/// latest Ubuntu LTS is present, from April 30 of its release year (R0104v2-5, MUST).
pub const V2_UBUNTU_LTS: TestcaseId =
    TestcaseId::from_static("scs-validators:scs-0104-v2-ubuntu-lts");
/// `scs-validators:scs-0104-v2-recommended-generic` (not an official id; draft): generic images
/// of the previous Ubuntu LTS, the latest Debian stable (from one month after its release) and
/// the previous Debian stable are present (R0104v2-6, SHOULD: a FAIL here is a recommendation
/// not met).
pub const V2_RECOMMENDED_GENERIC: TestcaseId =
    TestcaseId::from_static("scs-validators:scs-0104-v2-recommended-generic");
/// `scs-validators:scs-0104-v2-capi-image` (not an official id; draft): an image named
/// `ubuntu-capi-image-v…` is present (R0104v2-7, SHOULD).
pub const V2_CAPI_IMAGE: TestcaseId =
    TestcaseId::from_static("scs-validators:scs-0104-v2-capi-image");

/// The CAPI name scheme of R0104v2-4 (space or dash before the version).
pub const V2_CAPI_SCHEME: &str = r"ubuntu-capi-image( |-)v[0-9]\.[0-9]+(\.[0-9]+)?";
/// The CAPI name scheme of R0104v2-7 (dash only).
pub const V2_CAPI_PRESENCE_SCHEME: &str = r"ubuntu-capi-image-v[0-9]\.[0-9]+(\.[0-9]+)?";
/// The `image_source` prefix R0104v2-4 requires of CAPI images.
pub const V2_CAPI_SOURCE: &str =
    "https://nbg1.your-objectstorage.com/osism/openstack-k8s-capi-images/";
/// The `image_source` prefix R0104v2-4 tolerates for compatibility (a warning).
pub const V2_CAPI_SOURCE_TOLERATED: &str = "https://swift.services.a.regiocloud.tech/swift/v1/AUTH_b182637428444b9aa302bb8d5a5a418c/openstack-k8s-capi-images/";
/// The `image_description` R0104v2-4 requires of CAPI images.
pub const V2_CAPI_DESCRIPTION: &str = "https://github.com/osism/k8s-capi-images";

/// One release of a distribution.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Release {
    /// The version as `os_version` spells it: `24.04`, `13`.
    pub version: String,
    /// The codename as the image servers spell it in paths: `noble`, `trixie`.
    pub codename: String,
    /// The release date.
    pub released: NaiveDate,
    /// Whether this is a long-term-support release (Ubuntu only; Debian ignores it). Only LTS
    /// releases count for "latest" and "previous" LTS; a non-LTS entry only gives its codename
    /// to the source rule. Default `true`.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub lts: bool,
}

fn yes() -> bool {
    true
}

fn is_true(b: &bool) -> bool {
    *b
}

impl Release {
    /// An (LTS) release.
    pub fn new(
        version: impl Into<String>,
        codename: impl Into<String>,
        released: NaiveDate,
    ) -> Self {
        Release {
            version: version.into(),
            codename: codename.into(),
            released,
            lts: true,
        }
    }
}

/// Why a release calendar was rejected.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CalendarError {
    /// A release has an empty version.
    #[error("{distro} release calendar: a release has an empty version")]
    EmptyVersion {
        /// `ubuntu` or `debian`.
        distro: &'static str,
    },
    /// A codename is empty or not a single path segment.
    #[error("{distro} {version}: codename `{codename}` is not a single path segment")]
    BadCodename {
        /// `ubuntu` or `debian`.
        distro: &'static str,
        /// The release's version.
        version: String,
        /// The codename as given.
        codename: String,
    },
    /// A version is listed twice.
    #[error("{distro} {version} is listed twice")]
    DuplicateVersion {
        /// `ubuntu` or `debian`.
        distro: &'static str,
        /// The repeated version.
        version: String,
    },
}

/// The Ubuntu (LTS) and Debian (stable) releases the v2 rules refer to.
///
/// [`ReleaseCalendar::builtin`] knows Ubuntu 20.04 to 26.04 and Debian 10 to 13; a caller may
/// deserialize or build one of their own (`{"ubuntu": [{"version": "24.04", "codename":
/// "noble", "released": "2024-04-25"}], "debian": [...]}`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawCalendar")]
pub struct ReleaseCalendar {
    ubuntu: Vec<Release>,
    debian: Vec<Release>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCalendar {
    #[serde(default)]
    ubuntu: Vec<Release>,
    #[serde(default)]
    debian: Vec<Release>,
}

impl TryFrom<RawCalendar> for ReleaseCalendar {
    type Error = CalendarError;

    fn try_from(raw: RawCalendar) -> Result<Self, Self::Error> {
        ReleaseCalendar::new(raw.ubuntu, raw.debian)
    }
}

fn validate(distro: &'static str, releases: &[Release]) -> Result<(), CalendarError> {
    let mut seen = HashSet::new();
    for r in releases {
        if r.version.is_empty() {
            return Err(CalendarError::EmptyVersion { distro });
        }
        if r.codename.is_empty() || r.codename.contains(['/', '?', '#']) || r.codename == ".." {
            return Err(CalendarError::BadCodename {
                distro,
                version: r.version.clone(),
                codename: r.codename.clone(),
            });
        }
        if !seen.insert(r.version.as_str()) {
            return Err(CalendarError::DuplicateVersion {
                distro,
                version: r.version.clone(),
            });
        }
    }
    Ok(())
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    // Built-in data, checked by the unit test `builtin_calendar`.
    NaiveDate::from_ymd_opt(y, m, d).expect("built-in release date is valid")
}

impl ReleaseCalendar {
    /// A calendar from Ubuntu and Debian releases, in any order.
    ///
    /// # Errors
    ///
    /// [`CalendarError`] for an empty version, a codename that is not a single path segment,
    /// or a version listed twice for one distribution.
    pub fn new(ubuntu: Vec<Release>, debian: Vec<Release>) -> Result<Self, CalendarError> {
        validate("ubuntu", &ubuntu)?;
        validate("debian", &debian)?;
        Ok(ReleaseCalendar { ubuntu, debian })
    }

    /// The built-in calendar: Ubuntu LTS 20.04 focal (2020-04-23), 22.04 jammy (2022-04-21),
    /// 24.04 noble (2024-04-25), 26.04 resolute (2026-04-23); Debian 10 buster (2019-07-06),
    /// 11 bullseye (2021-08-14), 12 bookworm (2023-06-10), 13 trixie (2025-08-09).
    pub fn builtin() -> &'static ReleaseCalendar {
        static CALENDAR: OnceLock<ReleaseCalendar> = OnceLock::new();
        CALENDAR.get_or_init(|| ReleaseCalendar {
            ubuntu: vec![
                Release::new("20.04", "focal", date(2020, 4, 23)),
                Release::new("22.04", "jammy", date(2022, 4, 21)),
                Release::new("24.04", "noble", date(2024, 4, 25)),
                Release::new("26.04", "resolute", date(2026, 4, 23)),
            ],
            debian: vec![
                Release::new("10", "buster", date(2019, 7, 6)),
                Release::new("11", "bullseye", date(2021, 8, 14)),
                Release::new("12", "bookworm", date(2023, 6, 10)),
                Release::new("13", "trixie", date(2025, 8, 9)),
            ],
        })
    }

    /// The Ubuntu releases as given.
    pub fn ubuntu(&self) -> &[Release] {
        &self.ubuntu
    }

    /// The Debian releases as given.
    pub fn debian(&self) -> &[Release] {
        &self.debian
    }

    fn releases(&self, distro: Distro) -> &[Release] {
        match distro {
            Distro::Ubuntu => &self.ubuntu,
            Distro::Debian => &self.debian,
        }
    }
}

impl Default for ReleaseCalendar {
    /// The [built-in](ReleaseCalendar::builtin) calendar.
    fn default() -> Self {
        ReleaseCalendar::builtin().clone()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Distro {
    Ubuntu,
    Debian,
}

impl Distro {
    fn key(self) -> &'static str {
        match self {
            Distro::Ubuntu => "ubuntu",
            Distro::Debian => "debian",
        }
    }

    /// Whether `version` has the form the source table of R0104v2-3 gives (`NN.NN`, `[N]N`).
    fn version_form_ok(self, version: &str) -> bool {
        let b = version.as_bytes();
        match self {
            Distro::Ubuntu => {
                b.len() == 5 && b[2] == b'.' && [0, 1, 3, 4].iter().all(|&i| b[i].is_ascii_digit())
            }
            Distro::Debian => (1..=2).contains(&b.len()) && b.iter().all(u8::is_ascii_digit),
        }
    }

    fn version_form(self) -> &'static str {
        match self {
            Distro::Ubuntu => "NN.NN",
            Distro::Debian => "[N]N",
        }
    }

    fn source_prefixes(self, codename: &str) -> Vec<String> {
        match self {
            Distro::Ubuntu => vec![
                format!("https://cloud-images.ubuntu.com/releases/{codename}/"),
                format!("https://cloud-images.ubuntu.com/{codename}/"),
            ],
            Distro::Debian => vec![
                format!("https://cloud.debian.org/images/cloud/{codename}/"),
                format!("https://cdimage.debian.org/cdimage/cloud/{codename}/"),
            ],
        }
    }

    /// The day after which the latest release must be there: April 30 of the release year
    /// (not before the release) for Ubuntu, one month after the release for Debian.
    fn deadline(self, r: &Release) -> NaiveDate {
        match self {
            Distro::Ubuntu => NaiveDate::from_ymd_opt(r.released.year(), 4, 30)
                .map_or(r.released, |d| d.max(r.released)),
            Distro::Debian => r
                .released
                .checked_add_months(Months::new(1))
                .unwrap_or(r.released),
        }
    }

    fn series(self) -> &'static str {
        match self {
            Distro::Ubuntu => "LTS",
            Distro::Debian => "stable",
        }
    }
}

impl fmt::Display for Distro {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Distro::Ubuntu => "Ubuntu",
            Distro::Debian => "Debian",
        })
    }
}

fn distro_of(image: &Image) -> Option<Distro> {
    match image.property("os_distro")? {
        "ubuntu" => Some(Distro::Ubuntu),
        "debian" => Some(Distro::Debian),
        _ => None,
    }
}

fn in_scope(images: &[Image]) -> impl Iterator<Item = &Image> {
    images.iter().filter(|i| i.is_public_or_community())
}

/// R0104v2-3: the `image_source` of generic Debian and Ubuntu images.
///
/// Covers every public or community image (hidden ones included) with `os_purpose=generic`,
/// `os_distro` `debian` or `ubuntu` and an `os_version` of the table's form (`[N]N`, `NN.NN`;
/// other forms get an info); the codename comes from `calendar` (a version it does not know
/// gets a warning and is not checked). Other distributions are not covered (the text's SHOULD
/// "from the original vendor" cannot be checked).
pub fn v2_generic_source(images: &[Image], calendar: &ReleaseCalendar) -> TestcaseResult {
    let id = V2_GENERIC_SOURCE;
    let mut findings = Vec::new();
    for image in in_scope(images) {
        if image.property("os_purpose") != Some("generic") {
            continue;
        }
        let Some(distro) = distro_of(image) else {
            continue;
        };
        let version = image.property("os_version").unwrap_or("");
        if !distro.version_form_ok(version) {
            findings.push(Finding::new(
                id.clone(),
                Severity::Info,
                subject(image),
                format!(
                    "`os_version` `{version}` is not of the form `{}`, so the required {} \
                     source forms do not apply ({})",
                    distro.version_form(),
                    distro.key(),
                    image_ref(image)
                ),
            ));
            continue;
        }
        let Some(release) = calendar
            .releases(distro)
            .iter()
            .find(|r| r.version == version)
        else {
            findings.push(Finding::new(
                id.clone(),
                Severity::Warning,
                subject(image),
                format!(
                    "{} {version} is not in the release calendar, so its codename and the \
                     `image_source` cannot be checked ({})",
                    distro.key(),
                    image_ref(image)
                ),
            ));
            continue;
        };
        let prefixes = distro.source_prefixes(&release.codename);
        let source = image.property("image_source");
        if source.is_some_and(|s| prefixes.iter().any(|p| s.starts_with(p.as_str()))) {
            continue;
        }
        let what = format!("{} {version} ({})", distro.key(), release.codename);
        let message = match source {
            Some(s) => format!(
                "`image_source` `{s}` starts with none of the prefixes required for {what}: \
                 {} ({})",
                quote_list(&prefixes),
                image_ref(image)
            ),
            None => format!(
                "`image_source` is missing; required for {what}: {} ({})",
                quote_list(&prefixes),
                image_ref(image)
            ),
        };
        findings.push(Finding::new(
            id.clone(),
            Severity::Error,
            subject(image),
            message,
        ));
    }
    crate_only(id, findings)
}

fn capi_scheme(pattern: &'static str, cell: &'static OnceLock<NameScheme>) -> &'static NameScheme {
    // Constant pattern, checked by the unit test `capi_schemes`.
    cell.get_or_init(|| NameScheme::new(pattern).expect("built-in CAPI scheme is valid"))
}

fn capi_any() -> &'static NameScheme {
    static CELL: OnceLock<NameScheme> = OnceLock::new();
    capi_scheme(V2_CAPI_SCHEME, &CELL)
}

fn capi_dash() -> &'static NameScheme {
    static CELL: OnceLock<NameScheme> = OnceLock::new();
    capi_scheme(V2_CAPI_PRESENCE_SCHEME, &CELL)
}

/// R0104v2-4: the properties of CAPI images.
///
/// Covers every public or community image (hidden ones included) whose name matches
/// [`V2_CAPI_SCHEME`] at its start (as the official suite reads v1's schemes). Errors:
/// `image_source` not under [`V2_CAPI_SOURCE`] (under [`V2_CAPI_SOURCE_TOLERATED`]: a warning),
/// `os_purpose` other than `k8snode`, `image_description` other than [`V2_CAPI_DESCRIPTION`]
/// (a longer value starting with it: a warning, as the text's column says "value (pattern)").
pub fn v2_capi_properties(images: &[Image]) -> TestcaseResult {
    let id = V2_CAPI_PROPERTIES;
    let mut findings = Vec::new();
    for image in in_scope(images) {
        let Some(name) = image.name.as_deref() else {
            continue;
        };
        if capi_any().matches(name).is_none() {
            continue;
        }
        let mut push = |severity, message: String| {
            findings.push(Finding::new(id.clone(), severity, subject(image), message));
        };
        let at = image_ref(image);
        match image.property("image_source") {
            Some(s) if s.starts_with(V2_CAPI_SOURCE) => {}
            Some(s) if s.starts_with(V2_CAPI_SOURCE_TOLERATED) => push(
                Severity::Warning,
                format!(
                    "`image_source` `{s}` is only tolerated for compatibility; the source is \
                     `{V2_CAPI_SOURCE}` ({at})"
                ),
            ),
            Some(s) => push(
                Severity::Error,
                format!("`image_source` `{s}` does not start with `{V2_CAPI_SOURCE}` ({at})"),
            ),
            None => push(
                Severity::Error,
                format!("`image_source` is missing; it must start with `{V2_CAPI_SOURCE}` ({at})"),
            ),
        }
        match image.property("os_purpose") {
            Some("k8snode") => {}
            Some(p) => push(
                Severity::Error,
                format!("`os_purpose` is `{p}`, must be `k8snode` ({at})"),
            ),
            None => push(
                Severity::Error,
                format!("`os_purpose` is missing, must be `k8snode` ({at})"),
            ),
        }
        match image.property("image_description") {
            Some(d) if d == V2_CAPI_DESCRIPTION => {}
            Some(d) if d.starts_with(V2_CAPI_DESCRIPTION) => push(
                Severity::Warning,
                format!(
                    "`image_description` `{d}` only starts with `{V2_CAPI_DESCRIPTION}`; \
                     accepted, as the text leaves open whether the value is exact or a prefix \
                     ({at})"
                ),
            ),
            Some(d) => push(
                Severity::Error,
                format!("`image_description` is `{d}`, must be `{V2_CAPI_DESCRIPTION}` ({at})"),
            ),
            None => push(
                Severity::Error,
                format!("`image_description` is missing, must be `{V2_CAPI_DESCRIPTION}` ({at})"),
            ),
        }
    }
    crate_only(id, findings)
}

/// What one row of the v2 "mandatory and recommended images" table asks for at a date.
struct Row<'a> {
    distro: Distro,
    /// The release the row names.
    release: &'a Release,
    /// Any of these versions satisfies the row (during a grace period the one before counts).
    accepted: Vec<&'a Release>,
    /// `the latest LTS, due by 2024-04-30` and the like.
    what: String,
}

/// The releases of `distro` out by `today` (LTS only for Ubuntu), oldest first.
fn released(calendar: &ReleaseCalendar, distro: Distro, today: NaiveDate) -> Vec<&Release> {
    let mut out: Vec<&Release> = calendar
        .releases(distro)
        .iter()
        .filter(|r| r.released <= today && (distro == Distro::Debian || r.lts))
        .collect();
    out.sort_by_key(|r| r.released);
    out
}

/// The "latest" row: the newest release, required after its deadline; before that, the one
/// before it is accepted too (with an info saying so). `None` with an info when there is no
/// release to require.
fn latest_row<'a>(
    id: &TestcaseId,
    calendar: &'a ReleaseCalendar,
    distro: Distro,
    today: NaiveDate,
    findings: &mut Vec<Finding>,
) -> Option<Row<'a>> {
    let out = released(calendar, distro, today);
    let Some(&newest) = out.last() else {
        findings.push(Finding::new(
            id.clone(),
            Severity::Info,
            None,
            format!(
                "the release calendar has no {distro} {} release out by {today}, so none is \
                 required",
                distro.series()
            ),
        ));
        return None;
    };
    let deadline = distro.deadline(newest);
    let mut accepted = vec![newest];
    if today <= deadline {
        let note = format!(
            "{distro} {} ({}) was released on {} and is due by {deadline}",
            newest.version, newest.codename, newest.released
        );
        match out.len().checked_sub(2).map(|i| out[i]) {
            Some(previous) => {
                findings.push(Finding::new(
                    id.clone(),
                    Severity::Info,
                    None,
                    format!(
                        "{note}; until then {distro} {} ({}) is accepted as the latest {}",
                        previous.version,
                        previous.codename,
                        distro.series()
                    ),
                ));
                accepted.push(previous);
            }
            None => {
                findings.push(Finding::new(
                    id.clone(),
                    Severity::Info,
                    None,
                    format!("{note}; until then no {distro} image is required"),
                ));
                return None;
            }
        }
    }
    Some(Row {
        distro,
        release: newest,
        accepted,
        what: format!("the latest {}, due by {deadline}", distro.series()),
    })
}

/// The "previous" row: the release before the newest one out by `today`.
fn previous_row<'a>(
    id: &TestcaseId,
    calendar: &'a ReleaseCalendar,
    distro: Distro,
    today: NaiveDate,
    findings: &mut Vec<Finding>,
) -> Option<Row<'a>> {
    let out = released(calendar, distro, today);
    let Some(&previous) = out.len().checked_sub(2).map(|i| &out[i]) else {
        findings.push(Finding::new(
            id.clone(),
            Severity::Info,
            None,
            format!(
                "the release calendar has fewer than two {distro} {} releases out by {today}, so \
                 no previous one is recommended",
                distro.series()
            ),
        ));
        return None;
    };
    Some(Row {
        distro,
        release: previous,
        accepted: vec![previous],
        what: format!("the previous {}", distro.series()),
    })
}

/// Whether a present generic image satisfies `row`; an error if not, with infos about images
/// that nearly do (hidden, or not `os_purpose=generic`).
fn require(id: &TestcaseId, row: &Row<'_>, images: &[Image], findings: &mut Vec<Finding>) {
    let key = row.distro.key();
    let mut near = Vec::new();
    for image in in_scope(images) {
        if distro_of(image) != Some(row.distro) {
            continue;
        }
        let Some(version) = image.property("os_version") else {
            continue;
        };
        if !row.accepted.iter().any(|r| r.version == version) {
            continue;
        }
        let purpose = image.property("os_purpose");
        if purpose == Some("generic") && !image.os_hidden {
            return;
        }
        let why = if purpose != Some("generic") {
            match purpose {
                Some(p) => format!("`os_purpose` is `{p}`, not `generic`"),
                None => "`os_purpose` is missing".to_owned(),
            }
        } else {
            "it is hidden".to_owned()
        };
        near.push(Finding::new(
            id.clone(),
            Severity::Info,
            subject(image),
            format!(
                "has `os_distro={key}` and `os_version={version}` but does not count: {why} ({})",
                image_ref(image)
            ),
        ));
    }
    let r = row.release;
    findings.push(Finding::new(
        id.clone(),
        Severity::Error,
        None,
        format!(
            "no public or community, non-hidden image with `os_distro={key}`, `os_version={}` \
             and `os_purpose=generic` ({} {} {}, {})",
            r.version, row.distro, r.version, r.codename, row.what
        ),
    ));
    findings.extend(near);
}

/// R0104v2-5: a generic image of the latest Ubuntu LTS.
///
/// The latest LTS is the newest LTS in `calendar` released by `now`'s date (UTC); it is
/// required from the day after April 30 of its release year; until then the LTS before it is
/// accepted instead. An image counts if it is public or community, not hidden, and has
/// `os_distro=ubuntu`, `os_purpose=generic` and that `os_version`.
pub fn v2_ubuntu_lts(
    images: &[Image],
    calendar: &ReleaseCalendar,
    now: DateTime<Utc>,
) -> TestcaseResult {
    let id = V2_UBUNTU_LTS;
    let mut findings = Vec::new();
    let today = now.date_naive();
    if let Some(row) = latest_row(&id, calendar, Distro::Ubuntu, today, &mut findings) {
        require(&id, &row, images, &mut findings);
    }
    crate_only(id, findings)
}

/// R0104v2-6: generic images of the previous Ubuntu LTS, the latest Debian stable (required
/// from the day after one month past its release; until then the one before is accepted) and
/// the previous Debian stable. One error per missing image; the rule is a SHOULD.
pub fn v2_recommended_generic(
    images: &[Image],
    calendar: &ReleaseCalendar,
    now: DateTime<Utc>,
) -> TestcaseResult {
    let id = V2_RECOMMENDED_GENERIC;
    let mut findings = Vec::new();
    let today = now.date_naive();
    let rows = [
        previous_row(&id, calendar, Distro::Ubuntu, today, &mut findings),
        latest_row(&id, calendar, Distro::Debian, today, &mut findings),
        previous_row(&id, calendar, Distro::Debian, today, &mut findings),
    ];
    for row in rows.iter().flatten() {
        require(&id, row, images, &mut findings);
    }
    crate_only(id, findings)
}

/// R0104v2-7: a public or community, non-hidden image whose name matches
/// [`V2_CAPI_PRESENCE_SCHEME`] at its start.
pub fn v2_capi_image(images: &[Image]) -> TestcaseResult {
    let id = V2_CAPI_IMAGE;
    let mut findings = Vec::new();
    let mut hidden = Vec::new();
    let mut present = false;
    for image in in_scope(images) {
        let Some(name) = image.name.as_deref() else {
            continue;
        };
        if capi_dash().matches(name).is_none() {
            continue;
        }
        if image.os_hidden {
            hidden.push(Finding::new(
                id.clone(),
                Severity::Info,
                subject(image),
                format!(
                    "this hidden image (id `{}`) matches, but hidden images do not count as \
                     present",
                    image.id
                ),
            ));
        } else {
            present = true;
        }
    }
    if !present {
        findings.push(Finding::new(
            id.clone(),
            Severity::Error,
            None,
            format!("no public or community image whose name matches `{V2_CAPI_PRESENCE_SCHEME}`"),
        ));
        findings.extend(hidden);
    }
    crate_only(id, findings)
}

/// Runs the five v2 draft rules: [`v2_generic_source`], [`v2_capi_properties`],
/// [`v2_ubuntu_lts`], [`v2_recommended_generic`], [`v2_capi_image`].
///
/// All results carry ids of this crate (the official suite has no v2 testcases) and the
/// official outcome `Abort` with a warning saying so.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use scs_validators::standard_images::{check_v2, ReleaseCalendar};
/// let now = Utc.with_ymd_and_hms(2026, 5, 1, 0, 0, 0).unwrap();
/// let report = check_v2(&[], ReleaseCalendar::builtin(), now);
/// let lts = report.get("scs-validators:scs-0104-v2-ubuntu-lts").unwrap();
/// assert!(lts.findings()[0].message.contains("os_version=26.04"));
/// ```
pub fn check_v2(images: &[Image], calendar: &ReleaseCalendar, now: DateTime<Utc>) -> Report {
    Report {
        results: vec![
            v2_generic_source(images, calendar),
            v2_capi_properties(images),
            v2_ubuntu_lts(images, calendar, now),
            v2_recommended_generic(images, calendar, now),
            v2_capi_image(images),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::super::spec::SchemeMatch;
    use super::*;

    #[test]
    fn builtin_calendar() {
        let c = ReleaseCalendar::builtin();
        assert_eq!(c.ubuntu().len(), 4);
        assert_eq!(c.debian().len(), 4);
        assert!(validate("ubuntu", c.ubuntu()).is_ok());
        assert!(validate("debian", c.debian()).is_ok());
        assert_eq!(c.ubuntu()[3].codename, "resolute");
    }

    #[test]
    fn capi_schemes() {
        assert_eq!(
            capi_any().matches("ubuntu-capi-image v1.30"),
            Some(SchemeMatch::Whole)
        );
        assert_eq!(
            capi_any().matches("ubuntu-capi-image-v1.30.4"),
            Some(SchemeMatch::Whole)
        );
        assert_eq!(capi_dash().matches("ubuntu-capi-image v1.30"), None);
    }

    #[test]
    fn version_forms() {
        assert!(Distro::Ubuntu.version_form_ok("24.04"));
        assert!(!Distro::Ubuntu.version_form_ok("24.4"));
        assert!(!Distro::Ubuntu.version_form_ok("24,04"));
        assert!(!Distro::Ubuntu.version_form_ok("２4.04"));
        assert!(Distro::Debian.version_form_ok("9"));
        assert!(Distro::Debian.version_form_ok("13"));
        assert!(!Distro::Debian.version_form_ok("123"));
        assert!(!Distro::Debian.version_form_ok("12.5"));
        assert!(!Distro::Debian.version_form_ok(""));
    }

    #[test]
    fn deadlines() {
        let c = ReleaseCalendar::builtin();
        assert_eq!(Distro::Ubuntu.deadline(&c.ubuntu()[3]), date(2026, 4, 30));
        assert_eq!(Distro::Debian.deadline(&c.debian()[3]), date(2025, 9, 9));
        // a release after April 30 is due on its release day
        let late = Release::new("6.06", "dapper", date(2006, 6, 1));
        assert_eq!(Distro::Ubuntu.deadline(&late), date(2006, 6, 1));
        // month arithmetic clamps at the end of the month
        let jan31 = Release::new("99", "x", date(2031, 1, 31));
        assert_eq!(Distro::Debian.deadline(&jan31), date(2031, 2, 28));
    }

    #[test]
    fn calendar_validation() {
        let d = date(2020, 1, 1);
        let e = ReleaseCalendar::new(vec![Release::new("", "x", d)], vec![]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "ubuntu release calendar: a release has an empty version"
        );
        let e = ReleaseCalendar::new(vec![], vec![Release::new("12", "a/b", d)]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "debian 12: codename `a/b` is not a single path segment"
        );
        let e = ReleaseCalendar::new(
            vec![
                Release::new("24.04", "noble", d),
                Release::new("24.04", "x", d),
            ],
            vec![],
        )
        .unwrap_err();
        assert_eq!(e.to_string(), "ubuntu 24.04 is listed twice");
    }
}
