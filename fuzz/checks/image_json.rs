//! The properties the `image_json` fuzz target checks, shared with the stable seed replay in
//! `tests/fuzz_seeds.rs` (both include this file with `#[path = …] mod …;`).
//!
//! Each property is an `assert!` naming what broke, so a failure reads as a bug report.

use scs_validators::image_metadata::{self, parse_image_date, Version};
use scs_validators::input::{Image, ImageList, LeanImageList, LeanImageListReader};
use scs_validators::report::{Outcome, Report, Severity, TestcaseResult};
use scs_validators::{entropy, standard_images};
use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::collections::BTreeMap;
use std::fmt;

/// The core attributes of an image record; every other key is an additional property.
const CORE_KEYS: &[&str] = &[
    "id",
    "ID",
    "name",
    "Name",
    "visibility",
    "Visibility",
    "os_hidden",
    "is_hidden",
    "status",
    "Status",
    "created_at",
    "updated_at",
    "size",
    "Size",
    "virtual_size",
    "min_disk",
    "min_ram",
    "os_hash_algo",
    "hash_algo",
    "tags",
    "Tags",
    "properties",
];

/// The keys `Image::property` answers from the core attributes instead of the properties.
const PROPERTY_ALIASES: &[&str] = &[
    "name",
    "visibility",
    "status",
    "created_at",
    "updated_at",
    "os_hash_algo",
];

/// Checks every property on `data`, read as the JSON of an image list.
pub fn image_json(data: &[u8]) {
    let full = serde_json::from_slice::<ImageList>(data);
    let lean = serde_json::from_slice::<LeanImageList>(data);
    // The quick reader reads what serde reads, or leaves the text to serde.
    if let Ok(text) = std::str::from_utf8(data) {
        let quick = LeanImageList::read_common(text);
        if let Some(quick) = &quick {
            match &lean {
                Ok(lean) => assert!(quick == lean, "read_common and serde read different lists"),
                Err(e) => panic!("read_common reads what serde rejects: {e}"),
            }
        }
        check_forgetting(text, quick.map(|list| list.0));
    }
    let (full, lean) = match (full, lean) {
        (Ok(ImageList(full)), Ok(LeanImageList(lean))) => (full, lean),
        (Err(a), Err(b)) => {
            // Not an image list: rejecting it without a panic, and as the lean list does, is
            // all there is to check.
            assert_eq!(
                a.to_string(),
                b.to_string(),
                "ImageList and LeanImageList errors"
            );
            return;
        }
        (full, lean) => panic!(
            "ImageList ({}) and LeanImageList ({}) disagree on whether this is an image list",
            full.map_or_else(|e| e.to_string(), |_| "ok".into()),
            lean.map_or_else(|e| e.to_string(), |_| "ok".into()),
        ),
    };
    check_properties(data, &full);
    check_round_trip(&full);
    check_images(&full);
    check_lean(&full, &lean);
}

/// Fed in pieces, its images forgotten after each piece, [`LeanImageListReader`] hands out the
/// images `read_common` reads (`quick`), or gives up as `read_common` does.
fn check_forgetting(text: &str, quick: Option<Vec<Image>>) {
    for sizes in [&[1, 2, 3, 5, 8, 13][..], &[64, 1, 300], &[text.len()]] {
        let mut reader = LeanImageListReader::new();
        let mut taken = Vec::new();
        let mut rest = text;
        let mut gave_up = false;
        for &size in sizes.iter().cycle() {
            if rest.is_empty() {
                break;
            }
            let mut n = size.clamp(1, rest.len());
            while !rest.is_char_boundary(n) {
                n += 1;
            }
            if !reader.feed(&rest[..n]) {
                gave_up = true;
                assert!(
                    reader.images().is_empty(),
                    "images after the reader gave up"
                );
            }
            rest = &rest[n..];
            taken.extend(reader.images().iter().cloned());
            reader.forget_images();
        }
        let finished = reader.finish();
        assert!(
            !matches!(&finished, Some(list) if !list.0.is_empty()),
            "LeanImageListReader::finish returns forgotten images"
        );
        let streamed = finished.map(|_| taken).filter(|_| !gave_up);
        assert!(
            streamed == quick,
            "LeanImageListReader in pieces of {sizes:?} bytes, forgetting the images after \
             each, and read_common read different lists"
        );
        for (a, b) in streamed.iter().flatten().zip(quick.iter().flatten()) {
            assert!(
                a.properties.iter().eq(b.properties.iter()),
                "the properties of `{}` read in pieces and whole",
                b.id
            );
        }
    }
}

/// The lean list has the same images with a part of the properties, and the checks find the
/// same on both.
fn check_lean(full: &[Image], lean: &[Image]) {
    assert_eq!(full.len(), lean.len(), "the lean list has every image");
    for (f, l) in full.iter().zip(lean) {
        let mut same = l.clone();
        same.properties = f.properties.clone();
        assert!(
            &same == f,
            "the lean image `{}` differs beyond its properties",
            f.id
        );
        for (k, v) in l.properties.iter() {
            assert_eq!(
                f.properties.get(k),
                Some(v),
                "lean property {k:?} of `{}`",
                f.id
            );
        }
        for key in [
            "architecture",
            "hw_disk_bus",
            "hw_rng_model",
            "hypervisor_type",
            "image_build_date",
            "image_source",
            "os_distro",
            "os_purpose",
            "os_version",
            "provided_until",
            "replace_frequency",
            "uuid_validity",
        ] {
            assert_eq!(l.property(key), f.property(key), "{key} of `{}`", f.id);
        }
    }
    let now = parse_image_date("2025-07-01").expect("a fixed date");
    for version in [Version::V1, Version::V2] {
        assert!(
            image_metadata::check_all(lean, version, now)
                == image_metadata::check_all(full, version, now),
            "check_all {version:?} on the lean and the full list"
        );
    }
    assert!(
        image_metadata::check_extras(lean) == image_metadata::check_extras(full),
        "check_extras on the lean and the full list"
    );
    assert!(
        standard_images::check_official(lean) == standard_images::check_official(full),
        "standard_images::check_official on the lean and the full list"
    );
    assert_eq!(
        entropy::choose_test_image(lean).map(|i| i.id.clone()).ok(),
        entropy::choose_test_image(full).map(|i| i.id.clone()).ok(),
        "the entropy test's image from the lean and the full list"
    );
}

/// Runs the checks that read images: scs-0102 (v1 and v2), scs-0104 and the entropy test's
/// choice of image. Nothing panics, and every result's outcome agrees with its findings.
pub fn check_images(images: &[Image]) {
    let now = parse_image_date("2025-07-01").expect("a fixed date");
    for version in [Version::V1, Version::V2] {
        let report = image_metadata::check_all(images, version, now);
        assert_eq!(
            report.results.len(),
            20,
            "check_all {version:?} runs every testcase"
        );
        check_report(&report, &format!("image_metadata::check_all {version:?}"));
    }
    check_report(
        &image_metadata::check_extras(images),
        "image_metadata::check_extras",
    );
    check_one_pass(images);
    check_blocks(images);
    check_report(
        &standard_images::check_official(images),
        "standard_images::check_official",
    );
    match entropy::choose_test_image(images) {
        Ok(image) => {
            assert!(
                image.is_public_or_community() && !image.os_hidden,
                "choose_test_image picked the hidden or non-public image `{}`",
                image.id
            );
            assert!(
                images.iter().any(|i| std::ptr::eq(i, image)),
                "choose_test_image returned an image not in the list"
            );
        }
        Err(e) => {
            let _ = e.to_string();
            assert!(
                !images
                    .iter()
                    .any(|i| i.is_public_or_community() && !i.os_hidden),
                "choose_test_image found no image, but a public visible one is listed: {e}"
            );
        }
    }
}

/// The testcases run together in one pass (`check_all`, `check`) give the results the function
/// of each testcase gives alone.
fn check_one_pass(images: &[Image]) {
    use image_metadata as im;
    let now = parse_image_date("2025-07-01").expect("a fixed date");
    let alone = [
        im::prop_architecture(images),
        im::prop_min_disk(images),
        im::prop_min_ram(images),
        im::prop_os_version(images),
        im::prop_os_distro(images),
        im::prop_hw_disk_bus(images),
        im::prop_image_build_date(images, now),
        im::prop_image_original_user(images),
        im::prop_image_source(images),
        im::prop_image_description(images),
        im::prop_replace_frequency(images),
        im::prop_provided_until(images),
        im::prop_uuid_validity(images),
        im::image_recency(images, now),
        im::prop_os_purpose(images, Version::V1),
        im::os_purpose_uniqueness(images),
        im::prop_hash_algo(images),
        im::prop_hypervisor_type(images),
        im::prop_hw_rng_model(images),
        im::prop_hotfix_hours(images),
        im::license_pair(images),
        im::recommended_tags(images),
        im::os_distro_lowercase(images),
    ];
    let all = im::check_all(images, Version::V1, now);
    for result in &all.results {
        let single = alone.iter().find(|r| r.id() == result.id());
        assert_eq!(
            single,
            Some(result),
            "check_all and the testcase alone differ"
        );
    }
    // Every id once, the extras and a repeated id among them, in an odd order.
    let mut ids: Vec<_> = alone.iter().rev().map(|r| r.id().clone()).collect();
    ids.push(im::IMAGE_RECENCY);
    let report = im::check(images, &ids, Version::V1, now).expect("known ids");
    assert_eq!(report.results.len(), ids.len(), "check answers every id");
    for (id, result) in ids.iter().zip(&report.results) {
        let single = alone.iter().find(|r| r.id() == id);
        assert_eq!(
            single,
            Some(result),
            "check and the testcase alone differ on {id}"
        );
    }
}

/// Images fed a block at a time (`image_metadata::Checker`, `testcases::Run`) give the reports
/// of the whole list.
fn check_blocks(images: &[Image]) {
    use scs_validators::testcases::{self, CloudData, Run};
    let now = parse_image_date("2025-07-01").expect("a fixed date");
    let ids: Vec<_> = image_metadata::main_testcases(Version::V2)
        .iter()
        .chain(image_metadata::recommended_testcases(Version::V2))
        .cloned()
        .collect();
    let whole = image_metadata::check(images, &ids, Version::V2, now).expect("known ids");
    let mut data = CloudData::new(now);
    let registry_ids = testcases::default_iaas();
    let mut fed = Vec::new();
    for size in [1, 3] {
        let mut checker = image_metadata::Checker::new(&ids, Version::V2, now).expect("known ids");
        let mut run = Run::new(&registry_ids, &data).expect("known ids");
        // An empty list is a list too.
        run.feed_images(&[]);
        for block in images.chunks(size) {
            checker.feed(block);
            run.feed_images(block);
        }
        assert!(
            checker.finish() == whole,
            "a Checker fed blocks of {size} and check on the whole list differ"
        );
        fed.push(run.finish());
    }
    data.images = Some(images.to_vec());
    let report = testcases::run(&registry_ids, &data).expect("known ids");
    for (size, fed) in [1, 3].into_iter().zip(fed) {
        assert!(
            fed == report,
            "a Run fed blocks of {size} and testcases::run on the whole list differ"
        );
    }
}

/// Every result of `report` is consistent: `FAIL` iff an error finding (unless `ABORT`), and
/// each finding belongs to its testcase and prints.
fn check_report(report: &Report, what: &str) {
    for result in &report.results {
        check_result(result, what);
    }
    let _ = report.to_string();
    let _ = report.official_lines().to_string();
}

fn check_result(result: &TestcaseResult, what: &str) {
    let id = result.id();
    let has_error = result
        .findings()
        .iter()
        .any(|f| f.severity == Severity::Error);
    match result.outcome() {
        Outcome::Pass => assert!(!has_error, "{what}: {id} passes with an error finding"),
        Outcome::Fail => assert!(has_error, "{what}: {id} fails without an error finding"),
        Outcome::Abort => {}
    }
    for finding in result.findings() {
        assert_eq!(
            &finding.testcase, id,
            "{what}: a finding of {id} names another testcase"
        );
        let line = finding.to_string();
        assert!(
            !line.contains('\n'),
            "{what}: finding of {id} spans lines: {line:?}"
        );
    }
}

/// The properties of each image are what the documented rules make of the JSON: every
/// non-core key with a string (or a boolean or number, as its text) value, where a later
/// value of the same key replaces an earlier one (a `null`, list or object replaces nothing),
/// and a flat key wins over one of the last nested `properties` object; and the map answers
/// every key it iterates.
///
/// The expected map comes from a second, independent reading of the JSON ([`Top`]) that keeps
/// every key in order, duplicates included, and skips what the image reader skips (so that
/// it accepts whatever the image reader accepts: serde_json checks neither the UTF-8 nor the
/// surrogates of a string it skips).
fn check_properties(data: &[u8], images: &[Image]) {
    let Top(records) = serde_json::from_slice(data)
        .unwrap_or_else(|e| panic!("an image list that the second reading rejects: {e}"));
    assert_eq!(records.len(), images.len(), "one image per record");
    for (Record(fields), image) in records.iter().zip(images) {
        let mut expected = BTreeMap::new();
        for (k, field) in fields {
            if let Field::Property(Some(text)) = field {
                expected.insert(k.as_str(), text.as_str());
            }
        }
        // The last `properties` key counts (`null` meaning none).
        let nested = fields.iter().rev().find_map(|(_, f)| match f {
            Field::Nested(pairs) => Some(pairs),
            _ => None,
        });
        if let Some(pairs) = nested {
            let mut from_nested = BTreeMap::new();
            for (k, v) in pairs {
                if let Some(text) = v {
                    from_nested.insert(k.as_str(), text.as_str());
                }
            }
            // Core attributes that newer clients print inside `properties` are read as such,
            // not kept as properties.
            for key in ["os_hidden", "is_hidden", "os_hash_algo", "hash_algo"] {
                from_nested.remove(key);
            }
            for (k, v) in from_nested {
                expected.entry(k).or_insert(v);
            }
        }
        let actual: Vec<(&str, &str)> = image.properties.iter().collect();
        let expected: Vec<(&str, &str)> = expected.into_iter().collect();
        assert_eq!(
            actual, expected,
            "the properties of image `{}` (in key order)",
            image.id
        );
        assert_eq!(
            image.properties.len(),
            actual.len(),
            "len of `{}`",
            image.id
        );
        for (k, v) in &actual {
            assert_eq!(image.properties.get(k), Some(*v), "get({k:?})");
            if !PROPERTY_ALIASES.contains(k) {
                assert_eq!(image.property(k), Some(*v), "property({k:?})");
            }
        }
    }
}

/// The records of an image list: a JSON list, or the first `images` list of an object.
struct Top(Vec<Record>);

/// The keys of one image record in order, duplicates included.
struct Record(Vec<(String, Field)>);

/// What a key of an image record holds, as far as the properties go.
enum Field {
    /// A core attribute (not a property).
    Core,
    /// An additional property: its text, `None` for what is left out.
    Property(Option<String>),
    /// A nested `properties` object (`null` reads as empty), its keys in order.
    Nested(Vec<(String, Option<String>)>),
}

/// A property value: a string itself, a boolean or number as its text; `None` for `null`,
/// lists and objects (skipped).
struct Scalar(Option<String>);

impl<'de> Deserialize<'de> for Top {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Top;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of images, or an object with an `images` list")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Top, A::Error> {
                let mut out = Vec::new();
                while let Some(r) = seq.next_element()? {
                    out.push(r);
                }
                Ok(Top(out))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Top, A::Error> {
                let mut found = None;
                while let Some(key) = map.next_key::<String>()? {
                    if key == "images" && found.is_none() {
                        found = Some(map.next_value::<Vec<Record>>()?);
                    } else {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
                found
                    .map(Top)
                    .ok_or_else(|| de::Error::missing_field("images"))
            }
        }
        deserializer.deserialize_any(V)
    }
}

impl<'de> Deserialize<'de> for Record {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Record;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an image object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Record, A::Error> {
                let mut out = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    let field = if key == "properties" {
                        Field::Nested(map.next_value::<Nested>()?.0)
                    } else if CORE_KEYS.contains(&key.as_str()) {
                        map.next_value::<IgnoredAny>()?;
                        Field::Core
                    } else {
                        Field::Property(map.next_value::<Scalar>()?.0)
                    };
                    out.push((key, field));
                }
                Ok(Record(out))
            }
        }
        deserializer.deserialize_map(V)
    }
}

/// A nested `properties` object, its keys in order.
struct Nested(Vec<(String, Option<String>)>);

impl<'de> Deserialize<'de> for Nested {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Nested;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of image properties")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Nested, A::Error> {
                let mut out = Vec::new();
                while let Some((k, Scalar(v))) = map.next_entry::<String, Scalar>()? {
                    out.push((k, v));
                }
                Ok(Nested(out))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Nested, E> {
                Ok(Nested(Vec::new()))
            }
        }
        deserializer.deserialize_any(V)
    }
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Scalar;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Scalar, E> {
                Ok(Scalar(None))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Scalar, E> {
                Ok(Scalar(Some(v.to_string())))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar(Some(v.to_string())))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar(Some(v.to_string())))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar(Some(v.to_string())))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar(Some(v.to_owned())))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Scalar, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Scalar(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Scalar, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Scalar(None))
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// An image list serializes to JSON that parses back to an equal list.
fn check_round_trip(images: &[Image]) {
    let json = serde_json::to_vec(images).expect("images serialize");
    let again: ImageList = serde_json::from_slice(&json).unwrap_or_else(|e| {
        panic!(
            "serialized images do not parse back ({e}): {}",
            String::from_utf8_lossy(&json)
        )
    });
    assert!(
        again.0 == images,
        "images change in a serialize-parse round trip: {}",
        String::from_utf8_lossy(&json)
    );
}
