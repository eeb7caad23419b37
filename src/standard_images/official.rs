//! The official testcases: the suite's own spec table, and the certificate scopes.

use std::sync::OnceLock;

use crate::input::Image;
use crate::report::{Report, TestcaseId, TestcaseResult};

use super::spec::{
    spec_from_row, ImageSpec, ImageSpecList, SpecRow, SpecStatus, CAPI_DASH_SCHEME, CAPI_SOURCES,
    CAPI_SPACE_SCHEME, DEBIAN_10_SOURCES, DEBIAN_11_SOURCES, DEBIAN_12_SOURCES, DEBIAN_13_SOURCES,
    UBUNTU_2004_SOURCES, UBUNTU_2204_SOURCES, UBUNTU_2404_SOURCES,
};
use super::v1::{official_result, presence_findings, source_findings, OfficialView};

/// `scs-0104-source-capi-1`: CAPI images named `ubuntu-capi-image v…` (space) have an
/// allowed `image_source`.
pub const SOURCE_CAPI_1: TestcaseId = TestcaseId::from_static("scs-0104-source-capi-1");
/// `scs-0104-source-capi-2`: CAPI images named `ubuntu-capi-image-v…` (dash) have an allowed
/// `image_source`.
pub const SOURCE_CAPI_2: TestcaseId = TestcaseId::from_static("scs-0104-source-capi-2");
/// `scs-0104-source-ubuntu-2404`: images named `Ubuntu 24.04` come from `noble`.
pub const SOURCE_UBUNTU_2404: TestcaseId = TestcaseId::from_static("scs-0104-source-ubuntu-2404");
/// `scs-0104-source-ubuntu-2204`: images named `Ubuntu 22.04` come from `jammy`.
pub const SOURCE_UBUNTU_2204: TestcaseId = TestcaseId::from_static("scs-0104-source-ubuntu-2204");
/// `scs-0104-source-ubuntu-2004`: images named `Ubuntu 20.04` come from `focal`.
pub const SOURCE_UBUNTU_2004: TestcaseId = TestcaseId::from_static("scs-0104-source-ubuntu-2004");
/// `scs-0104-source-debian-13`: images named `Debian 13` come from `trixie`.
pub const SOURCE_DEBIAN_13: TestcaseId = TestcaseId::from_static("scs-0104-source-debian-13");
/// `scs-0104-source-debian-12`: images named `Debian 12` come from `bookworm`.
pub const SOURCE_DEBIAN_12: TestcaseId = TestcaseId::from_static("scs-0104-source-debian-12");
/// `scs-0104-source-debian-11`: images named `Debian 11` come from `bullseye`.
pub const SOURCE_DEBIAN_11: TestcaseId = TestcaseId::from_static("scs-0104-source-debian-11");
/// `scs-0104-source-debian-10`: images named `Debian 10` come from `buster` (implemented by
/// the official suite but declared in no scope).
pub const SOURCE_DEBIAN_10: TestcaseId = TestcaseId::from_static("scs-0104-source-debian-10");
/// `scs-0104-image-capi-1`: a CAPI image named `ubuntu-capi-image v…` (space) is present.
pub const IMAGE_CAPI_1: TestcaseId = TestcaseId::from_static("scs-0104-image-capi-1");
/// `scs-0104-image-capi-2`: a CAPI image named `ubuntu-capi-image-v…` (dash) is present.
pub const IMAGE_CAPI_2: TestcaseId = TestcaseId::from_static("scs-0104-image-capi-2");
/// `scs-0104-image-ubuntu-2404`: an image named `Ubuntu 24.04` is present.
pub const IMAGE_UBUNTU_2404: TestcaseId = TestcaseId::from_static("scs-0104-image-ubuntu-2404");
/// `scs-0104-image-ubuntu-2204`: an image named `Ubuntu 22.04` is present.
pub const IMAGE_UBUNTU_2204: TestcaseId = TestcaseId::from_static("scs-0104-image-ubuntu-2204");
/// `scs-0104-image-ubuntu-2004`: an image named `Ubuntu 20.04` is present (implemented, in no
/// scope).
pub const IMAGE_UBUNTU_2004: TestcaseId = TestcaseId::from_static("scs-0104-image-ubuntu-2004");
/// `scs-0104-image-debian-13`: an image named `Debian 13` is present (declared, in no module).
pub const IMAGE_DEBIAN_13: TestcaseId = TestcaseId::from_static("scs-0104-image-debian-13");
/// `scs-0104-image-debian-12`: an image named `Debian 12` is present.
pub const IMAGE_DEBIAN_12: TestcaseId = TestcaseId::from_static("scs-0104-image-debian-12");
/// `scs-0104-image-debian-11`: an image named `Debian 11` is present (implemented, in no
/// scope).
pub const IMAGE_DEBIAN_11: TestcaseId = TestcaseId::from_static("scs-0104-image-debian-11");
/// `scs-0104-image-debian-10`: an image named `Debian 10` is present (implemented, in no
/// scope).
pub const IMAGE_DEBIAN_10: TestcaseId = TestcaseId::from_static("scs-0104-image-debian-10");

/// What an official testcase checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Check {
    /// `scs-0104-source-*`: every image under the spec has an allowed `image_source`.
    Source,
    /// `scs-0104-image-*`: at least one image under the spec is present.
    Presence,
}

/// One official testcase: its id, what it checks, and the spec of the suite's own table it
/// checks against.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct OfficialTestcase {
    /// The official id.
    pub id: TestcaseId,
    /// Source or presence.
    pub check: Check,
    /// The spec from [`official_specs`].
    pub spec: &'static ImageSpec,
}

impl OfficialTestcase {
    /// Runs this testcase on `images`.
    pub fn run(&self, images: &[Image]) -> TestcaseResult {
        run(self, &OfficialView::new(official_specs(), images))
    }

    /// Runs this testcase on the images of `view` (made for [`official_specs`]),
    /// which several testcases share.
    pub(crate) fn run_with(&self, view: &OfficialView<'_>) -> TestcaseResult {
        run(self, view)
    }
}

/// The suite's hard-coded spec table, keyed by its own names (`ubuntu-capi-image-1` with the
/// space scheme, `ubuntu-capi-image-2` with the dash scheme). No status: which testcase counts
/// is decided by the scope.
const OFFICIAL_TABLE: &[SpecRow] = &[
    official_class("ubuntu-capi-image-1", CAPI_SPACE_SCHEME),
    official_class("ubuntu-capi-image-2", CAPI_DASH_SCHEME),
    official_row("Ubuntu 24.04", UBUNTU_2404_SOURCES),
    official_row("Ubuntu 22.04", UBUNTU_2204_SOURCES),
    official_row("Ubuntu 20.04", UBUNTU_2004_SOURCES),
    official_row("Debian 13", DEBIAN_13_SOURCES),
    official_row("Debian 12", DEBIAN_12_SOURCES),
    official_row("Debian 11", DEBIAN_11_SOURCES),
    official_row("Debian 10", DEBIAN_10_SOURCES),
];

const fn official_row(name: &'static str, source: &'static [&'static str]) -> SpecRow {
    SpecRow {
        name,
        name_scheme: None,
        status: SpecStatus::Optional,
        source,
    }
}

const fn official_class(name: &'static str, scheme: &'static str) -> SpecRow {
    SpecRow {
        name,
        name_scheme: Some(scheme),
        status: SpecStatus::Optional,
        source: CAPI_SOURCES,
    }
}

/// The spec table the official suite actually checks against (it ignores the `image_spec`
/// parameter of the scope): the two CAPI classes (`ubuntu-capi-image-1`, space before the
/// version; `ubuntu-capi-image-2`, dash), `Ubuntu 24.04/22.04/20.04` and `Debian 13/12/11/10`,
/// all with status `optional`.
pub fn official_specs() -> &'static ImageSpecList {
    static LIST: OnceLock<ImageSpecList> = OnceLock::new();
    LIST.get_or_init(|| ImageSpecList::new(OFFICIAL_TABLE.iter().map(spec_from_row).collect()))
}

/// Every official scs-0104 testcase (18): the nine `scs-0104-source-*` ids, then the nine
/// `scs-0104-image-*` ids, each with its spec from [`official_specs`].
pub fn official_testcases() -> &'static [OfficialTestcase] {
    static LIST: OnceLock<Vec<OfficialTestcase>> = OnceLock::new();
    LIST.get_or_init(|| {
        let specs = official_specs();
        let by = |name: &str| {
            specs
                .get(name)
                .expect("the official table has every spec a testcase names")
        };
        let table: [(TestcaseId, Check, &str); 18] = [
            (SOURCE_CAPI_1, Check::Source, "ubuntu-capi-image-1"),
            (SOURCE_CAPI_2, Check::Source, "ubuntu-capi-image-2"),
            (SOURCE_UBUNTU_2404, Check::Source, "Ubuntu 24.04"),
            (SOURCE_UBUNTU_2204, Check::Source, "Ubuntu 22.04"),
            (SOURCE_UBUNTU_2004, Check::Source, "Ubuntu 20.04"),
            (SOURCE_DEBIAN_13, Check::Source, "Debian 13"),
            (SOURCE_DEBIAN_12, Check::Source, "Debian 12"),
            (SOURCE_DEBIAN_11, Check::Source, "Debian 11"),
            (SOURCE_DEBIAN_10, Check::Source, "Debian 10"),
            (IMAGE_CAPI_1, Check::Presence, "ubuntu-capi-image-1"),
            (IMAGE_CAPI_2, Check::Presence, "ubuntu-capi-image-2"),
            (IMAGE_UBUNTU_2404, Check::Presence, "Ubuntu 24.04"),
            (IMAGE_UBUNTU_2204, Check::Presence, "Ubuntu 22.04"),
            (IMAGE_UBUNTU_2004, Check::Presence, "Ubuntu 20.04"),
            (IMAGE_DEBIAN_13, Check::Presence, "Debian 13"),
            (IMAGE_DEBIAN_12, Check::Presence, "Debian 12"),
            (IMAGE_DEBIAN_11, Check::Presence, "Debian 11"),
            (IMAGE_DEBIAN_10, Check::Presence, "Debian 10"),
        ];
        table
            .into_iter()
            .map(|(id, check, name)| OfficialTestcase {
                id,
                check,
                spec: by(name),
            })
            .collect()
    })
}

/// The official testcase with this id, if it is one of the 18.
pub fn official_testcase(id: &str) -> Option<&'static OfficialTestcase> {
    official_testcases().iter().find(|t| t.id.as_str() == id)
}

/// Runs `testcase` on the images of `view`, which is made for [`official_specs`], the table
/// every official testcase's spec comes from.
fn run(testcase: &OfficialTestcase, view: &OfficialView<'_>) -> TestcaseResult {
    let mut findings = Vec::new();
    let candidates = view.candidates();
    let official = match testcase.check {
        Check::Source => source_findings(
            &testcase.id,
            testcase.spec,
            candidates,
            Some(view),
            &mut findings,
        ),
        Check::Presence => presence_findings(
            &testcase.id,
            testcase.spec,
            candidates,
            Some(view),
            &mut findings,
        ),
    };
    official_result(testcase.id.clone(), findings, official)
}

/// Runs the official testcase `id` on `images`; `None` if `id` is not a scs-0104 testcase.
///
/// A source testcase fails when a public or community image under its spec has an
/// `image_source` (absent counts as empty) that starts with none of the spec's prefixes; a
/// presence testcase fails when no public or community, non-hidden image falls under its spec.
/// See the module docs for where `outcome` and `official` differ.
///
/// ```
/// use scs_validators::input::Image;
/// use scs_validators::report::Outcome;
/// use scs_validators::standard_images::check_testcase;
/// let mut image = Image { id: "a1".into(), name: Some("Ubuntu 24.04".into()),
///                         visibility: Some("public".into()), ..Image::default() };
/// image.properties.insert("image_source".into(),
///     "https://cloud-images.ubuntu.com/noble/current/x.img".into());
/// let r = check_testcase("scs-0104-source-ubuntu-2404", &[image.clone()]).unwrap();
/// assert_eq!(r.outcome(), Outcome::Pass);
/// let r = check_testcase("scs-0104-image-debian-12", &[image]).unwrap();
/// assert_eq!((r.outcome(), r.official()), (Outcome::Fail, Outcome::Fail));
/// ```
pub fn check_testcase(id: &str, images: &[Image]) -> Option<TestcaseResult> {
    official_testcase(id).map(|t| t.run(images))
}

/// Runs every official scs-0104 testcase (the 18 of [`official_testcases`]) on `images`.
pub fn check_official(images: &[Image]) -> Report {
    let view = OfficialView::new(official_specs(), images);
    Report {
        results: official_testcases().iter().map(|t| run(t, &view)).collect(),
    }
}

const V4_MAIN: &[TestcaseId] = &[
    SOURCE_CAPI_1,
    SOURCE_UBUNTU_2204,
    SOURCE_UBUNTU_2004,
    SOURCE_DEBIAN_12,
    SOURCE_DEBIAN_11,
    IMAGE_UBUNTU_2204,
];
const V5_MAIN: &[TestcaseId] = &[
    SOURCE_CAPI_1,
    SOURCE_CAPI_2,
    SOURCE_UBUNTU_2404,
    SOURCE_UBUNTU_2204,
    SOURCE_UBUNTU_2004,
    SOURCE_DEBIAN_13,
    SOURCE_DEBIAN_12,
    SOURCE_DEBIAN_11,
    IMAGE_UBUNTU_2404,
];
const V4_REC: &[TestcaseId] = &[IMAGE_CAPI_1];
const V5_REC: &[TestcaseId] = &[IMAGE_CAPI_2, IMAGE_DEBIAN_12];

/// A version of the certificate scope "SCS-compatible IaaS" that includes scs-0104.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ScopeVersion {
    /// v4 (module `scs-0104-v1-1`, `image_spec` = `scs-0104-v1-images.yaml`).
    V4,
    /// v5.1 (module `scs-0104-v1-2`, `image_spec` = `scs-0104-v1-images-v5.yaml`).
    V5_1,
    /// next (the same module and file as v5.1).
    Next,
}

impl ScopeVersion {
    /// The testcases of the scope's `main` target, in the scope file's order.
    pub fn main_testcases(self) -> &'static [TestcaseId] {
        match self {
            ScopeVersion::V4 => V4_MAIN,
            ScopeVersion::V5_1 | ScopeVersion::Next => V5_MAIN,
        }
    }

    /// The recommended testcases of the scope's module. Since 2026-06-17 they live in a
    /// `-rec` module that no version includes, so the official suite does not run them.
    pub fn recommended_testcases(self) -> &'static [TestcaseId] {
        match self {
            ScopeVersion::V4 => V4_REC,
            ScopeVersion::V5_1 | ScopeVersion::Next => V5_REC,
        }
    }

    /// The scope's `image_spec` parameter (which the official suite does not read; pass it to
    /// [`check_spec`](super::check_spec) for the standard's reading of it).
    pub fn image_spec(self) -> &'static ImageSpecList {
        match self {
            ScopeVersion::V4 => ImageSpecList::v1_images(),
            ScopeVersion::V5_1 | ScopeVersion::Next => ImageSpecList::v1_images_v5(),
        }
    }
}

/// Runs the `main` testcases of a scope version on `images`, as the official suite does.
///
/// ```
/// use scs_validators::standard_images::{check_scope, ScopeVersion};
/// let report = check_scope(ScopeVersion::V4, &[]);
/// assert_eq!(report.results.len(), 6);
/// assert_eq!(report.get("scs-0104-image-ubuntu-2204").unwrap().outcome().to_string(), "FAIL");
/// ```
pub fn check_scope(scope: ScopeVersion, images: &[Image]) -> Report {
    let view = OfficialView::new(official_specs(), images);
    Report {
        results: scope
            .main_testcases()
            .iter()
            .filter_map(|id| official_testcase(id.as_str()))
            .map(|t| run(t, &view))
            .collect(),
    }
}
