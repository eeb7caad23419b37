//! The rules R0104-2..4 over a spec: shared by the official testcases and [`check_spec`].

use crate::hash::{map_with_capacity, FastHashMap};
use crate::input::Image;
use crate::report::{Finding, Outcome, Report, Severity, TestcaseId, TestcaseResult};

use super::spec::{ImageSpec, ImageSpecList, SchemeMatch, SpecStatus};
use super::{crate_only, image_ref, quote_list};

/// `scs-validators:scs-0104-v1-spec-mandatory` (not an official id): every `mandatory` spec of
/// a caller-given spec list has a present image (R0104-2, MUST).
pub const SPEC_MANDATORY: TestcaseId =
    TestcaseId::from_static("scs-validators:scs-0104-v1-spec-mandatory");
/// `scs-validators:scs-0104-v1-spec-recommended` (not an official id): every `recommended`
/// spec has a present image (R0104-3, SHOULD: a FAIL here is a recommendation not met).
pub const SPEC_RECOMMENDED: TestcaseId =
    TestcaseId::from_static("scs-validators:scs-0104-v1-spec-recommended");
/// `scs-validators:scs-0104-v1-spec-source` (not an official id): every image that falls under
/// a spec has an allowed `image_source` prefix (R0104-4, MUST).
pub const SPEC_SOURCE: TestcaseId =
    TestcaseId::from_static("scs-validators:scs-0104-v1-spec-source");

/// The images the official suite sees: public or community, not hidden; by name, the later
/// image of a name replacing the earlier one. Only names that a spec of the list it was made
/// for matches are kept: no rule over those specs asks for any other.
pub(crate) struct OfficialView<'a> {
    /// The images some spec falls over ([`Candidates`]).
    candidates: Candidates<'a>,
    by_name: FastHashMap<&'a str, &'a Image>,
    /// The first image without a name: matching a name scheme against it crashes the suite.
    nameless: Option<&'a Image>,
}

impl<'a> OfficialView<'a> {
    /// The view of `images` for the rules over `specs`.
    pub(crate) fn new(specs: &ImageSpecList, images: &'a [Image]) -> Self {
        let candidates = Candidates::new(specs, images);
        let mut by_name = map_with_capacity(candidates.images.len());
        for &(image, name) in &candidates.images {
            if !image.os_hidden {
                by_name.insert(name, image);
            }
        }
        let nameless = images
            .iter()
            .find(|i| i.is_public_or_community() && !i.os_hidden && i.name.is_none());
        OfficialView {
            candidates,
            by_name,
            nameless,
        }
    }

    /// The images some spec of the list falls over.
    pub(crate) fn candidates(&self) -> &Candidates<'a> {
        &self.candidates
    }

    fn sees(&self, image: &Image) -> bool {
        image
            .name
            .as_deref()
            .and_then(|n| self.by_name.get(n))
            .is_some_and(|seen| std::ptr::eq(*seen, image))
    }

    /// The official verdict of a source testcase.
    fn source(&self, spec: &ImageSpec) -> Outcome {
        if spec.is_class() && self.nameless.is_some() {
            return Outcome::Abort;
        }
        let bad_source =
            |image: &Image| !spec.source_allowed(image.property("image_source").unwrap_or(""));
        let bad = if spec.name_scheme().is_none() {
            // Only the image of the spec's name falls under it.
            self.by_name.get(spec.name()).is_some_and(|i| bad_source(i))
        } else {
            self.by_name
                .iter()
                .any(|(name, image)| spec.matches(name).is_some() && bad_source(image))
        };
        if bad {
            Outcome::Fail
        } else {
            Outcome::Pass
        }
    }

    /// The official verdict of a presence testcase.
    fn presence(&self, spec: &ImageSpec) -> Outcome {
        if spec.is_class() && self.nameless.is_some() {
            return Outcome::Abort;
        }
        let present = if spec.name_scheme().is_none() {
            self.by_name.contains_key(spec.name())
        } else {
            self.by_name.keys().any(|name| spec.matches(name).is_some())
        };
        if present {
            Outcome::Pass
        } else {
            Outcome::Fail
        }
    }

    fn abort_warning(&self, id: &TestcaseId, spec: &ImageSpec) -> Option<Finding> {
        let image = self.nameless.filter(|_| spec.is_class())?;
        Some(Finding::new(
            id.clone(),
            Severity::Warning,
            Some(image.id.clone()),
            "the official suite crashes on this image without a name while matching the name \
             scheme, and reports ABORT",
        ))
    }
}

/// The public or community images (hidden ones included) whose name one spec of a list
/// matches, in list order, with that name: everything the rules over those specs look at.
/// Found in one pass over the images, so that each rule then looks at these few only.
pub(crate) struct Candidates<'a> {
    images: Vec<(&'a Image, &'a str)>,
}

impl<'a> Candidates<'a> {
    pub(crate) fn new(specs: &ImageSpecList, images: &'a [Image]) -> Self {
        let specs = specs.images();
        Candidates {
            images: images
                .iter()
                .filter(|i| i.is_public_or_community())
                .filter_map(|i| {
                    let name = i.name.as_deref()?;
                    specs
                        .iter()
                        .any(|spec| spec.matches(name).is_some())
                        .then_some((i, name))
                })
                .collect(),
        }
    }

    /// The images that fall under `spec` (one of the list's), how its name matches.
    fn covered<'s>(
        &'s self,
        spec: &'s ImageSpec,
    ) -> impl Iterator<Item = (&'a Image, &'a str, SchemeMatch)> + 's {
        self.images
            .iter()
            .filter_map(move |&(i, name)| spec.matches(name).map(|m| (i, name, m)))
    }
}

/// R0104-4 for one spec: the findings, and (given the official view) divergence warnings and
/// the official verdict.
pub(crate) fn source_findings(
    id: &TestcaseId,
    spec: &ImageSpec,
    candidates: &Candidates<'_>,
    official: Option<&OfficialView<'_>>,
    findings: &mut Vec<Finding>,
) -> Option<Outcome> {
    for (image, name, how) in candidates.covered(spec) {
        let subject = Some(name.to_owned());
        if how == SchemeMatch::Start {
            if let Some(scheme) = spec.name_scheme() {
                findings.push(Finding::new(
                    id.clone(),
                    Severity::Info,
                    subject.clone(),
                    format!(
                        "the name matches `{}` at its start only; counted, as the official suite \
                         does (the text does not say whether the whole name must match)",
                        scheme.pattern()
                    ),
                ));
            }
        }
        let source = image.property("image_source");
        if source.is_some_and(|s| spec.source_allowed(s)) {
            continue;
        }
        let prefixes = quote_list(spec.source());
        let message = match source {
            Some(s) => format!(
                "`image_source` `{s}` starts with none of the prefixes allowed for `{}`: \
                 {prefixes} ({})",
                spec.name(),
                image_ref(image)
            ),
            None => format!(
                "`image_source` is missing; allowed prefixes for `{}`: {prefixes} ({})",
                spec.name(),
                image_ref(image)
            ),
        };
        findings.push(Finding::new(
            id.clone(),
            Severity::Error,
            subject.clone(),
            message,
        ));
        let Some(view) = official else { continue };
        if image.os_hidden {
            findings.push(Finding::new(
                id.clone(),
                Severity::Warning,
                subject,
                format!(
                    "the official suite does not see hidden images, so it does not check this \
                     one (id `{}`)",
                    image.id
                ),
            ));
        } else if !view.sees(image) {
            let seen = view.by_name.get(name).map_or("", |i| i.id.as_str());
            findings.push(Finding::new(
                id.clone(),
                Severity::Warning,
                subject,
                format!(
                    "the official suite checks only the last image of this name in the list \
                     (id `{seen}`), not this one (id `{}`)",
                    image.id
                ),
            ));
        }
    }
    let view = official?;
    findings.extend(view.abort_warning(id, spec));
    Some(view.source(spec))
}

/// R0104-2/3 for one spec: an error when no public or community, non-hidden image falls under
/// it; info about hidden images that would have.
pub(crate) fn presence_findings(
    id: &TestcaseId,
    spec: &ImageSpec,
    candidates: &Candidates<'_>,
    official: Option<&OfficialView<'_>>,
    findings: &mut Vec<Finding>,
) -> Option<Outcome> {
    let mut present = false;
    let mut hidden = Vec::new();
    for (image, name, _) in candidates.covered(spec) {
        if image.os_hidden {
            hidden.push((image, name));
        } else {
            present = true;
        }
    }
    if !present {
        let message = match spec.name_scheme() {
            Some(s) => format!(
                "no public or community image whose name matches `{}`",
                s.pattern()
            ),
            None => format!("no public or community image named `{}`", spec.name()),
        };
        findings.push(Finding::new(
            id.clone(),
            Severity::Error,
            Some(spec.name().to_owned()),
            message,
        ));
        for (image, name) in hidden {
            findings.push(Finding::new(
                id.clone(),
                Severity::Info,
                Some(name.to_owned()),
                format!(
                    "this hidden image (id `{}`) falls under `{}`, but hidden images do not \
                     count as present",
                    image.id,
                    spec.name()
                ),
            ));
        }
    }
    let view = official?;
    findings.extend(view.abort_warning(id, spec));
    Some(view.presence(spec))
}

/// Checks `images` against a caller-given spec list as scs-0104 v1 says (R0104-2..4).
///
/// Returns three results, all under ids of this crate (the official suite ignores the spec
/// file it is given and uses a table of its own, see [`check_testcase`](super::check_testcase)):
///
/// - [`SPEC_MANDATORY`]: an error per `mandatory` spec without a present image;
/// - [`SPEC_RECOMMENDED`]: the same for `recommended` specs (a SHOULD);
/// - [`SPEC_SOURCE`]: an error per image that falls under a spec (any status) and whose
///   `image_source` starts with none of the spec's prefixes, naming the image, its id and its
///   source.
///
/// Present means: a public or community image that is not hidden, named exactly `name`, or
/// whose name matches `name_scheme` at its start. The source rule covers every public or
/// community image of that name, hidden ones and every one of several images sharing a name
/// included. An image that falls under several specs is checked against each.
///
/// Their `official` outcome is `Abort` (what the official suite reports for an id it does not
/// implement), with a warning saying so.
///
/// ```
/// use scs_validators::input::Image;
/// use scs_validators::standard_images::{check_spec, ImageSpecList};
/// let mut image = Image { id: "a1".into(), name: Some("Debian 12".into()),
///                         visibility: Some("public".into()), ..Image::default() };
/// image.properties.insert("image_source".into(), "https://example.com/debian-12.qcow2".into());
/// let report = check_spec(ImageSpecList::v1_images_v5(), &[image]);
/// // no `Ubuntu 24.04` (mandatory), no CAPI image (recommended), a bad `Debian 12` source
/// assert_eq!(
///     report.to_string(),
///     "scs-validators:scs-0104-v1-spec-mandatory: FAIL\n\
///      scs-validators:scs-0104-v1-spec-recommended: FAIL\n\
///      scs-validators:scs-0104-v1-spec-source: FAIL\n"
/// );
/// ```
pub fn check_spec(specs: &ImageSpecList, images: &[Image]) -> Report {
    let mut mandatory = Vec::new();
    let mut recommended = Vec::new();
    let mut source = Vec::new();
    let candidates = Candidates::new(specs, images);
    for spec in specs.images() {
        match spec.status() {
            SpecStatus::Mandatory => {
                presence_findings(&SPEC_MANDATORY, spec, &candidates, None, &mut mandatory);
            }
            SpecStatus::Recommended => {
                presence_findings(&SPEC_RECOMMENDED, spec, &candidates, None, &mut recommended);
            }
            SpecStatus::Optional => {}
        }
        source_findings(&SPEC_SOURCE, spec, &candidates, None, &mut source);
    }
    Report {
        results: vec![
            crate_only(SPEC_MANDATORY, mandatory),
            crate_only(SPEC_RECOMMENDED, recommended),
            crate_only(SPEC_SOURCE, source),
        ],
    }
}

pub(crate) fn official_result(
    id: TestcaseId,
    findings: Vec<Finding>,
    official: Option<Outcome>,
) -> TestcaseResult {
    TestcaseResult::from_findings(id, findings, official.unwrap_or(Outcome::Abort))
}
