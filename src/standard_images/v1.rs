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
        let mut candidates = Vec::new();
        let mut nameless = None;
        select(specs, images, |image, kept| match kept {
            Kept::Candidate(name) => candidates.push((image, name)),
            Kept::Nameless => {
                nameless.get_or_insert(image);
            }
        });
        Self::from_parts(Candidates { images: candidates }, nameless)
    }

    /// The view of the images fed to `kept`, for the rules over `specs`: the same view as
    /// [`OfficialView::new`] over all those images, in the order they were fed. `kept` must
    /// have been fed with `specs` only.
    pub(crate) fn from_candidates(specs: &ImageSpecList, kept: &'a CandidateImages) -> Self {
        debug_assert!(
            kept.images
                .iter()
                .all(|i| matches!(classify(specs, i), Some(Kept::Candidate(_)))),
            "the candidates were fed with another spec list"
        );
        let candidates = kept
            .images
            .iter()
            // Every candidate has a name (`select` keeps no nameless image among them).
            .filter_map(|image| Some((image, image.name.as_deref()?)))
            .collect();
        Self::from_parts(Candidates { images: candidates }, kept.nameless.as_ref())
    }

    /// The view over the candidates and the first nameless image, both found by [`select`].
    fn from_parts(candidates: Candidates<'a>, nameless: Option<&'a Image>) -> Self {
        let mut by_name = map_with_capacity(candidates.images.len());
        for &(image, name) in &candidates.images {
            if !image.os_hidden {
                by_name.insert(name, image);
            }
        }
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
    /// The candidates among `images` for the rules over `specs`.
    pub(crate) fn new(specs: &ImageSpecList, images: &'a [Image]) -> Self {
        let mut candidates = Vec::new();
        select(specs, images, |image, kept| {
            if let Kept::Candidate(name) = kept {
                candidates.push((image, name));
            }
        });
        Candidates { images: candidates }
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

/// Why [`select`] reports an image: everything else is of no use to the rules over a spec
/// list, nor to the official view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kept<'i> {
    /// A public or community image (hidden or not) with a name that some spec matches.
    Candidate(&'i str),
    /// A public or community, non-hidden image without a name (the official suite crashes on
    /// it while matching a name scheme).
    Nameless,
}

/// What `image` is to the rules over `specs`, `None` when nothing: the one test that both
/// [`select`] and the check of [`OfficialView::from_candidates`] use. Allocates nothing.
#[inline]
fn classify<'i>(specs: &ImageSpecList, image: &'i Image) -> Option<Kept<'i>> {
    if !image.is_public_or_community() {
        return None;
    }
    match image.name.as_deref() {
        None => (!image.os_hidden).then_some(Kept::Nameless),
        Some(name) => specs
            .images()
            .iter()
            .any(|spec| spec.matches(name).is_some())
            .then_some(Kept::Candidate(name)),
    }
}

/// Calls `keep` for each image of `images` that the rules over `specs` or the official view
/// look at, in order: the one pass that [`OfficialView::new`], [`Candidates::new`] and
/// [`CandidateImages::feed`] share. Every nameless public or community, non-hidden image is
/// reported; the view uses the first.
#[inline]
fn select<'i>(
    specs: &ImageSpecList,
    images: &'i [Image],
    mut keep: impl FnMut(&'i Image, Kept<'i>),
) {
    for image in images {
        if let Some(kept) = classify(specs, image) {
            keep(image, kept);
        }
    }
}

/// The images an [`OfficialView`] needs, gathered from an image list read block by block
/// (see [`CandidateImages::feed`]), so that the whole list is never held: copies of the
/// candidates (the public or community images, hidden ones included, whose name a spec
/// matches) in list order, and of the first public or community, non-hidden image without a
/// name. [`OfficialView::from_candidates`] then makes the view of the whole list.
#[derive(Clone, Debug, Default)]
pub(crate) struct CandidateImages {
    /// The candidates, in the order they were fed (a later image of a name replaces an
    /// earlier one in the view, so the order matters).
    images: Vec<Image>,
    /// The first nameless public or community, non-hidden image fed.
    nameless: Option<Image>,
}

impl CandidateImages {
    /// Nothing gathered yet.
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// Keeps a copy of each image of the next block, `images`, that the view for `specs`
    /// needs; every other image is skipped without a copy or an allocation. Feed every block
    /// of a list, in order, with the same `specs`.
    pub(crate) fn feed(&mut self, specs: &ImageSpecList, images: &[Image]) {
        select(specs, images, |image, kept| match kept {
            Kept::Candidate(_) => self.images.push(image.clone()),
            Kept::Nameless => {
                if self.nameless.is_none() {
                    self.nameless = Some(image.clone());
                }
            }
        });
    }

    /// How many images are kept (candidates and the nameless one).
    #[cfg(test)]
    fn len(&self) -> usize {
        self.images.len() + usize::from(self.nameless.is_some())
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

/// The result of an official testcase: the findings, and the official verdict (`Abort` when
/// there is none).
pub(crate) fn official_result(
    id: TestcaseId,
    findings: Vec<Finding>,
    official: Option<Outcome>,
) -> TestcaseResult {
    TestcaseResult::from_findings(id, findings, official.unwrap_or(Outcome::Abort))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::ImageList;
    use crate::standard_images::{official_specs, official_testcases};

    const NOBLE: &str = "https://cloud-images.ubuntu.com/noble/current/x.img";
    const BOOKWORM: &str = "https://cloud.debian.org/images/cloud/bookworm/latest/x.qcow2";
    const CAPI: &str =
        "https://nbg1.your-objectstorage.com/osism/openstack-k8s-capi-images/ubuntu-2404/x.qcow2";

    /// An image `id` with a name, visibility, hidden flag and `image_source`.
    fn image(
        id: &str,
        name: Option<&str>,
        visibility: Option<&str>,
        hidden: bool,
        source: Option<&str>,
    ) -> Image {
        let mut image = Image {
            id: id.into(),
            name: name.map(Into::into),
            visibility: visibility.map(Into::into),
            os_hidden: hidden,
            ..Image::default()
        };
        if let Some(source) = source {
            image
                .properties
                .insert("image_source".into(), source.into());
        }
        image
    }

    /// `n` images made from their index alone, like a catalogue: names of every official spec
    /// (CAPI names with a space, a dash, and a start-only match) among names no spec matches,
    /// each name many times over; good, bad and missing sources; every visibility; some
    /// hidden; a few without a name, the first of them private and hidden.
    fn generated(n: usize) -> Vec<Image> {
        const NAMES: &[Option<&str>] = &[
            Some("Ubuntu 24.04"),
            Some("Ubuntu 22.04"),
            Some("Ubuntu 20.04"),
            Some("Debian 13"),
            Some("Debian 12"),
            Some("Debian 11"),
            Some("Debian 10"),
            Some("ubuntu-capi-image v1.30"),
            Some("ubuntu-capi-image-v1.31"),
            Some("ubuntu-capi-image v1.3x"),
            Some("ubuntu-capi-image-v1.32.4 (old)"),
            Some("Ubuntu 24.04 Minimal"),
            Some("AlmaLinux 9"),
            Some("Flatcar 4081"),
            Some("debian 12"),
            Some(""),
            None,
        ];
        const SOURCES: &[Option<&str>] =
            &[Some(NOBLE), Some(BOOKWORM), Some(CAPI), Some("bad"), None];
        const VISIBILITY: &[Option<&str>] = &[
            Some("public"),
            Some("public"),
            Some("community"),
            Some("private"),
            Some("shared"),
            None,
        ];
        (0..n)
            .map(|i| {
                // A fixed scramble of the index, so that the attributes do not move in step.
                let h = (i as u64)
                    .wrapping_mul(0x9e37_79b9_7f4a_7c15)
                    .rotate_left(29);
                let name = NAMES[(h % NAMES.len() as u64) as usize];
                let source = SOURCES[((h >> 8) % SOURCES.len() as u64) as usize];
                let visibility = VISIBILITY[((h >> 16) % VISIBILITY.len() as u64) as usize];
                let hidden = (h >> 24) % 5 == 0;
                image(&format!("g{i}"), name, visibility, hidden, source)
            })
            .collect()
    }

    /// Hand-made cases: a nameless public image after a hidden and a private one, and before a
    /// second; hidden images; a name shared by a bad and a good image in both orders; images
    /// no spec matches.
    fn handmade() -> Vec<Image> {
        vec![
            image("nh", None, Some("public"), true, None),
            image("np", None, Some("private"), false, None),
            image(
                "u-bad",
                Some("Ubuntu 24.04"),
                Some("public"),
                false,
                Some("bad"),
            ),
            image("alma", Some("AlmaLinux 9"), Some("public"), false, None),
            image("n1", None, Some("public"), false, None),
            image(
                "u-good",
                Some("Ubuntu 24.04"),
                Some("public"),
                false,
                Some(NOBLE),
            ),
            image(
                "d-good",
                Some("Debian 12"),
                Some("community"),
                false,
                Some(BOOKWORM),
            ),
            image(
                "d-hidden",
                Some("Debian 12"),
                Some("public"),
                true,
                Some("bad"),
            ),
            image("d-bad", Some("Debian 12"), Some("public"), false, None),
            image(
                "c-hidden",
                Some("ubuntu-capi-image v1.30"),
                Some("public"),
                true,
                Some(CAPI),
            ),
            image(
                "c-priv",
                Some("ubuntu-capi-image-v1.30"),
                Some("private"),
                false,
                None,
            ),
            image("n2", None, Some("community"), false, None),
        ]
    }

    /// The results of every official testcase over the view.
    fn results(view: &OfficialView<'_>) -> Vec<TestcaseResult> {
        official_testcases()
            .iter()
            .map(|t| t.run_with(view))
            .collect()
    }

    /// Every official testcase gives the same result, findings included, over the view made
    /// from `images` fed in blocks of 1, 3 and 1000 as over the view of the whole list; returns
    /// the results.
    #[track_caller]
    fn assert_blocks_give_the_same_view(images: &[Image], what: &str) -> Vec<TestcaseResult> {
        let specs = official_specs();
        let expected = results(&OfficialView::new(specs, images));
        for block in [1, 3, 1000] {
            let mut kept = CandidateImages::new();
            for chunk in images.chunks(block) {
                kept.feed(specs, chunk);
            }
            assert_eq!(
                kept.len(),
                Candidates::new(specs, images).images.len()
                    + usize::from(
                        images.iter().any(|i| i.is_public_or_community()
                            && !i.os_hidden
                            && i.name.is_none())
                    ),
                "{what}, blocks of {block}: what is kept"
            );
            let got = results(&OfficialView::from_candidates(specs, &kept));
            for (got, want) in got.iter().zip(&expected) {
                assert_eq!(got, want, "{what}, blocks of {block}: {}", want.id());
            }
        }
        expected
    }

    fn has_finding(results: &[TestcaseResult], severity: Severity, text: &str) -> bool {
        results.iter().any(|r| {
            r.findings()
                .iter()
                .any(|f| f.severity == severity && f.message.contains(text))
        })
    }

    #[test]
    fn candidates_fed_in_blocks_give_the_view_of_the_whole_handmade_list() {
        let images = handmade();
        let results = assert_blocks_give_the_same_view(&images, "handmade");
        // The cases are there: the nameless image aborts the CAPI testcases, naming `n1`; the
        // later `Ubuntu 24.04` replaces the earlier; hidden images are unseen.
        let capi = results
            .iter()
            .find(|r| r.id().as_str() == "scs-0104-image-capi-1");
        assert_eq!(capi.map(|r| r.official()), Some(Outcome::Abort));
        assert!(capi.is_some_and(|r| r
            .findings()
            .iter()
            .any(|f| f.subject.as_deref() == Some("n1"))));
        assert!(has_finding(
            &results,
            Severity::Warning,
            "(id `u-good`), not this one (id `u-bad`)"
        ));
        assert!(has_finding(
            &results,
            Severity::Warning,
            "does not see hidden images"
        ));
        let debian = results
            .iter()
            .find(|r| r.id().as_str() == "scs-0104-source-debian-12");
        assert_eq!(debian.map(|r| r.official()), Some(Outcome::Fail));
        // and every prefix of the list, so that each case is also at a block's edge
        for n in 0..images.len() {
            assert_blocks_give_the_same_view(&images[..n], &format!("handmade[..{n}]"));
        }
    }

    #[test]
    fn candidates_fed_in_blocks_give_the_view_of_the_whole_generated_list() {
        let images = generated(5000);
        let results = assert_blocks_give_the_same_view(&images, "generated");
        assert!(results.iter().any(|r| r.official() == Outcome::Abort));
        assert!(results.iter().any(|r| r.official() == Outcome::Pass));
        assert!(results.iter().any(|r| r.official() == Outcome::Fail));
        assert!(has_finding(
            &results,
            Severity::Warning,
            "checks only the last image"
        ));
        assert!(has_finding(
            &results,
            Severity::Warning,
            "does not see hidden images"
        ));
        assert!(has_finding(&results, Severity::Info, "at its start only"));
        // without its nameless images, the CAPI testcases do not abort
        let named: Vec<Image> = images.into_iter().filter(|i| i.name.is_some()).collect();
        let results = assert_blocks_give_the_same_view(&named, "generated, named");
        assert!(results.iter().all(|r| r.official() != Outcome::Abort));
    }

    #[test]
    fn candidates_fed_in_blocks_give_the_view_of_each_recorded_list() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/standard_images_official.jsonl"
        ))
        .expect("corpus file");
        let mut cases = 0;
        for (n, line) in text.lines().enumerate() {
            let case: serde_json::Value = serde_json::from_str(line).expect("corpus line");
            let ImageList(images) = serde_json::from_value(case["images"].clone()).unwrap();
            assert_blocks_give_the_same_view(&images, &format!("corpus line {}", n + 1));
            cases += 1;
        }
        assert!(cases > 600, "{cases} cases");
    }

    #[test]
    fn images_no_spec_matches_are_not_kept() {
        let specs = official_specs();
        let mut kept = CandidateImages::new();
        kept.feed(
            specs,
            &[
                image("a", Some("AlmaLinux 9"), Some("public"), false, None),
                image(
                    "b",
                    Some("Ubuntu 24.04 Minimal"),
                    Some("public"),
                    false,
                    None,
                ),
                image("c", Some("ubuntu-capi-image"), Some("public"), false, None),
                image(
                    "d",
                    Some("Ubuntu 24.04"),
                    Some("private"),
                    false,
                    Some(NOBLE),
                ),
                image("e", Some("Debian 12"), Some("shared"), false, None),
                image("f", Some("Debian 12"), None, false, None),
                image("g", None, Some("public"), true, None),
                image("h", None, Some("private"), false, None),
            ],
        );
        assert_eq!(kept.len(), 0);
        kept.feed(
            specs,
            &[
                image("u", Some("Ubuntu 24.04"), Some("public"), true, Some(NOBLE)),
                image("n1", None, Some("community"), false, None),
                image("x", Some("Flatcar"), Some("public"), false, None),
            ],
        );
        kept.feed(specs, &[image("n2", None, Some("public"), false, None)]);
        assert_eq!(kept.len(), 2);
        assert_eq!(
            kept.images
                .iter()
                .map(|i| i.id.as_str())
                .collect::<Vec<_>>(),
            ["u"]
        );
        assert_eq!(kept.nameless.as_ref().map(|i| i.id.as_str()), Some("n1"));
        // of a generated catalogue, few are kept
        let mut kept = CandidateImages::new();
        kept.feed(specs, &generated(5000));
        assert!(kept.len() < 5000 / 2, "{} kept", kept.len());
    }
}
