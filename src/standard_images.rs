//! scs-0104 v1 and v2 (draft): standard images.
//!
//! Standards: <https://docs.scs.community/standards/scs-0104-v1-standard-images> (Stable, the
//! one certificate scopes v4, v5.1 and next use) and
//! <https://docs.scs.community/standards/scs-0104-v2-standard-images> (Draft, untested by the
//! official suite).
//!
//! What is covered:
//!
//! - The v1 image-spec model: [`ImageSpecList`] of [`ImageSpec`]s (a single image by name, or a
//!   class of images with a [`NameScheme`]), deserializable from the structure of the YAML
//!   files and validated on load ([`ImageSpecError`]); the two official files as data,
//!   [`ImageSpecList::v1_images`] (scope v4) and [`ImageSpecList::v1_images_v5`] (v5.1, next).
//! - The 18 official testcases (`scs-0104-source-*`, `scs-0104-image-*`, one constant each) with
//!   the spec table the official suite really uses ([`official_specs`]; it ignores the
//!   `image_spec` parameter): [`check_testcase`], [`check_official`], and [`check_scope`] for the
//!   `main` testcases of a [`ScopeVersion`].
//! - [`check_spec`]: any spec list, read as the text says (R0104-2 mandatory, R0104-3
//!   recommended, R0104-4 sources), under ids of this crate.
//! - [`check_v2`]: the v2 draft rules R0104v2-3 to -7 with a [`ReleaseCalendar`] and `now`, under
//!   ids of this crate.
//!
//! Not covered: R0104-1 and R0104v2-1 (image upload allowed: not visible in the API),
//! R0104v2-2 beyond Debian and Ubuntu (a SHOULD "from the original vendor"), R0104v2-8 (a MAY on
//! naming).
//!
//! # How the text was read
//!
//! - **Which images count.** Public and community images, as in the official suite (the
//!   implementation notes speak of "the list of public images"); shared and private images are
//!   the user's own uploads, which the standard allows freely. For *presence* an image must also
//!   not be hidden (`os_hidden`): Glance leaves hidden images out of listings, and scs-0102 has
//!   providers hide the images they replace, so a hidden image is not "present" to users. The
//!   *source* rule (R0104-4) covers hidden images too: the text exempts no image, and a hidden
//!   image can still be booted by id. The official suite never sees hidden images (Glance does
//!   not list them), so a caller only meets this difference by passing hidden images in.
//! - **Every image of a name.** R0104-4 says "if an image with the name given is present, then
//!   its `image_source` … MUST": every such image is checked, also where several share a name.
//! - **Name schemes** are matched at the start of the name only, like the official suite
//!   (Python `re.match`; the text does not say whether the whole name must match), so
//!   `ubuntu-capi-image-v1.30.4-foo` falls under the dash scheme; such a prefix-only match gets
//!   an info. Single specs match the exact name (`Ubuntu 24.04 20240501`, `ubuntu 24.04` do not).
//! - **Prefixes** are plain, case-sensitive string prefixes; an absent `image_source` fails
//!   (`https://cloud-images.ubuntu.com/noble` without the trailing slash, or `http://…`, fails).
//! - **Presence testcases** (`scs-0104-image-*`) fail when the image is missing, whatever its
//!   status: which of them counts (main or recommended) is decided by the scope.
//!
//! # Divergences from the official suite
//!
//! | input | standard (this crate) | official suite | why |
//! | --- | --- | --- | --- |
//! | two public images share a name (old and new `Ubuntu 24.04`); the earlier one has a bad `image_source` | source testcase FAIL | PASS | the suite keeps only the last image of each name |
//! | a hidden image with a bad `image_source` under a spec | source testcase FAIL | PASS | the suite never sees hidden images |
//! | a public or community image without a name, with any testcase of a CAPI class (`scs-0104-source-capi-1/2`, `scs-0104-image-capi-1/2`) | the verdict on the other images | ABORT | the suite crashes matching the scheme against a null name (probed) |
//!
//! Each is pinned by a test; in each case a warning finding names the image and says what the
//! official suite does.
//!
//! # Scopes and the spec files
//!
//! The official suite ignores the scope's `image_spec` file. [`check_scope`] reports what it
//! does: in v5.1 and next it runs `scs-0104-source-capi-1` (space scheme) and
//! `scs-0104-source-debian-13`, though the v5 file has neither spec, and no version runs the
//! `Debian 10` source rule both files contain, nor (since 2026-06-17) any presence testcase of
//! a `recommended` spec. For the files' own reading run [`check_spec`] with
//! [`ScopeVersion::image_spec`]. Pinned by a test.
//!
//! # Ids of this crate
//!
//! [`check_spec`] and [`check_v2`] report under ids starting with `scs-validators:`, which the
//! official suite does not know: their `official` outcome is `Abort` (what the suite reports
//! for an id it does not implement), with a warning saying so. The v2 rules are a draft.
//!
//! # v2 draft: how the text was read
//!
//! - R0104v2-3 covers public or community images (hidden ones too) with `os_purpose=generic`,
//!   `os_distro` `debian` (`os_version` `[N]N`) or `ubuntu` (`NN.NN`); the codename comes from
//!   the calendar; a version not in it gets a warning.
//! - R0104v2-4: the tolerated swift source gets a warning; `image_description` must be
//!   `https://github.com/osism/k8s-capi-images`; a longer value starting with it gets a warning
//!   only ("value (pattern)" leaves exact or prefix open).
//! - R0104v2-5/6: "latest" is the newest release in the calendar out by `now` (Ubuntu: LTS
//!   only). It is due on April 30 of its release year (Ubuntu; not before its release) or one
//!   month after its release (Debian) and required from the next day (UTC); until then the
//!   release before it is accepted in its place. "Previous" is the release before the newest.
//!   A generic image counts when public or community, not hidden, with matching `os_distro`,
//!   `os_version` and `os_purpose=generic`.
//!
//! ```
//! use scs_validators::input::Image;
//! use scs_validators::report::Outcome;
//! use scs_validators::standard_images::{check_scope, ScopeVersion};
//!
//! let mut image = Image {
//!     id: "a1".into(),
//!     name: Some("Ubuntu 24.04".into()),
//!     visibility: Some("public".into()),
//!     ..Image::default()
//! };
//! image.properties.insert(
//!     "image_source".into(),
//!     "https://cloud-images.ubuntu.com/noble/current/noble-server-cloudimg-amd64.img".into(),
//! );
//! let report = check_scope(ScopeVersion::V5_1, &[image]);
//! assert!(report.all_passed());
//! assert_eq!(report.results.len(), 9);
//! ```

mod official;
mod spec;
mod v1;
mod v2;

pub use official::{
    check_official, check_scope, check_testcase, official_specs, official_testcase,
    official_testcases, Check, OfficialTestcase, ScopeVersion, IMAGE_CAPI_1, IMAGE_CAPI_2,
    IMAGE_DEBIAN_10, IMAGE_DEBIAN_11, IMAGE_DEBIAN_12, IMAGE_DEBIAN_13, IMAGE_UBUNTU_2004,
    IMAGE_UBUNTU_2204, IMAGE_UBUNTU_2404, SOURCE_CAPI_1, SOURCE_CAPI_2, SOURCE_DEBIAN_10,
    SOURCE_DEBIAN_11, SOURCE_DEBIAN_12, SOURCE_DEBIAN_13, SOURCE_UBUNTU_2004, SOURCE_UBUNTU_2204,
    SOURCE_UBUNTU_2404,
};
pub use spec::{ImageSpec, ImageSpecError, ImageSpecList, NameScheme, SchemeMatch, SpecStatus};
pub(crate) use v1::CandidateImages;
pub(crate) use v1::OfficialView;
pub use v1::{check_spec, SPEC_MANDATORY, SPEC_RECOMMENDED, SPEC_SOURCE};
pub use v2::{
    check_v2, v2_capi_image, v2_capi_properties, v2_generic_source, v2_recommended_generic,
    v2_ubuntu_lts, CalendarError, Release, ReleaseCalendar, V2_CAPI_DESCRIPTION, V2_CAPI_IMAGE,
    V2_CAPI_PRESENCE_SCHEME, V2_CAPI_PROPERTIES, V2_CAPI_SCHEME, V2_CAPI_SOURCE,
    V2_CAPI_SOURCE_TOLERATED, V2_GENERIC_SOURCE, V2_RECOMMENDED_GENERIC, V2_UBUNTU_LTS,
};

use crate::input::Image;
use crate::report::{Finding, TestcaseId, TestcaseResult};

/// A result under an id of this crate: the official suite reports ABORT for it.
fn crate_only(id: TestcaseId, findings: Vec<Finding>) -> TestcaseResult {
    TestcaseResult::beyond_official(id, findings)
}

/// `image id `a1`` or `hidden image, id `a1``.
fn image_ref(image: &Image) -> String {
    if image.os_hidden {
        format!("hidden image, id `{}`", image.id)
    } else {
        format!("image id `{}`", image.id)
    }
}

/// The image's name, or its id when it has none.
fn subject(image: &Image) -> Option<String> {
    Some(image.name.clone().unwrap_or_else(|| image.id.clone()))
}

/// `` `a`, `b` ``.
fn quote_list(items: &[String]) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push('`');
        out.push_str(item);
        out.push('`');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helpers() {
        assert_eq!(quote_list(&["a".into(), "b".into()]), "`a`, `b`");
        assert_eq!(quote_list(&[]), "");
        let mut image = Image {
            id: "x1".into(),
            ..Image::default()
        };
        assert_eq!(subject(&image).as_deref(), Some("x1"));
        assert_eq!(image_ref(&image), "image id `x1`");
        image.os_hidden = true;
        assert_eq!(image_ref(&image), "hidden image, id `x1`");
        let r = crate_only(SPEC_SOURCE, vec![]);
        assert_eq!(r.outcome(), crate::report::Outcome::Pass);
        assert_eq!(r.official(), crate::report::Outcome::Abort);
        assert!(r.findings().is_empty());
        assert!(!r.id().is_official());
    }
}
