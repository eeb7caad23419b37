//! Differential: the official scs-0102 verdicts recorded for generated image lists.
//!
//! `tests/data/image_metadata_official.jsonl` holds image lists we generated
//! (`tools/differential/image_metadata_cases.py`), each with an instant `now` and the verdicts
//! of the 20 official testcases when we ran the official scs-0102 functions on the list's
//! `public` and `community` images at that instant. Only the verdicts are recorded. Our
//! prediction of the official verdict (`TestcaseResult::official`) must agree on every line,
//! for both versions and whichever way the image list is read.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use chrono::{DateTime, Utc};
use scs_validators::image_metadata::{self as im, Version};
use scs_validators::input::{Image, ImageList, LeanImageList};

const DATA: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/image_metadata_official.jsonl"
);

struct Case {
    line: usize,
    group: String,
    now: DateTime<Utc>,
    images: serde_json::Value,
    official: serde_json::Map<String, serde_json::Value>,
}

fn cases() -> Vec<Case> {
    let text = std::fs::read_to_string(DATA).expect("corpus file");
    text.lines()
        .enumerate()
        .map(|(n, line)| {
            let v: serde_json::Value = serde_json::from_str(line).expect("corpus line");
            let now = DateTime::parse_from_rfc3339(v["now"].as_str().expect("now"))
                .expect("now is RFC 3339")
                .with_timezone(&Utc);
            Case {
                line: n + 1,
                group: v["group"].as_str().expect("group").to_owned(),
                now,
                images: v["images"].clone(),
                official: v["official"].as_object().expect("official").clone(),
            }
        })
        .collect()
}

/// The 20 official testcase ids, as this crate lists them.
fn official_ids() -> BTreeSet<String> {
    im::main_testcases(Version::V2)
        .iter()
        .chain(im::recommended_testcases(Version::V2))
        .map(|id| id.as_str().to_owned())
        .collect()
}

/// The case's images, read each way the crate reads an image list.
fn readings(case: &Case) -> Vec<(&'static str, Vec<Image>)> {
    let ImageList(full) = serde_json::from_value(case.images.clone()).expect("image list");
    let LeanImageList(lean) = serde_json::from_value(case.images.clone()).expect("lean list");
    let mut out = vec![("ImageList", full), ("LeanImageList", lean)];
    let text = serde_json::to_string(&case.images).unwrap();
    if let Some(LeanImageList(quick)) = LeanImageList::read_common(&text) {
        out.push(("LeanImageList::read_common", quick));
    }
    out
}

#[test]
fn official_prediction_matches_the_recorded_scs_0102_verdicts() {
    let ids = official_ids();
    assert_eq!(ids.len(), 20);
    let cases = cases();
    // What the corpus holds: enough cases, and every verdict of every testcase recorded in
    // some of them except where the official code cannot produce it.
    assert!(cases.len() >= 400, "{} cases", cases.len());
    let mut seen = BTreeSet::new();
    for case in &cases {
        let recorded: BTreeSet<String> = case.official.keys().cloned().collect();
        assert_eq!(recorded, ids, "line {}: testcase ids", case.line);
        for (id, verdict) in &case.official {
            seen.insert((id.clone(), verdict.as_str().unwrap().to_owned()));
        }
    }
    for id in &ids {
        for verdict in ["PASS", "FAIL"] {
            assert!(
                seen.contains(&(id.clone(), verdict.to_owned())),
                "no {verdict} recorded for {id}"
            );
        }
    }
    let aborts = seen.iter().filter(|(_, v)| v == "ABORT").count();
    assert!(aborts >= 15, "ABORT recorded for {aborts} testcases");

    let mut mismatches = Vec::new();
    let mut quick = 0;
    for case in &cases {
        let readings = readings(case);
        quick += usize::from(readings.len() == 3);
        for (reader, images) in readings {
            for version in [Version::V1, Version::V2] {
                let report = im::check_all(&images, version, case.now);
                // The 20 official testcases; the crate's own (`scs-validators:`) are not run.
                let run: BTreeSet<String> = report
                    .results
                    .iter()
                    .map(|r| r.id().as_str().to_owned())
                    .collect();
                assert_eq!(run, ids, "line {}", case.line);
                for r in &report.results {
                    let id = r.id().as_str();
                    let theirs = case.official[id].as_str().unwrap();
                    let ours = r.official();
                    if ours.to_string() != theirs {
                        mismatches.push((case, reader, version, id.to_owned(), ours, theirs));
                    }
                }
            }
        }
    }
    // The fast reader takes the common shape, which most cases have.
    assert!(quick * 2 > cases.len(), "read_common read {quick} cases");
    if !mismatches.is_empty() {
        let mut msg = format!(
            "{} disagreements with the official verdicts:\n",
            mismatches.len()
        );
        for (case, reader, version, id, ours, theirs) in &mismatches {
            let _ = writeln!(
                msg,
                "line {} ({}, now {}, {reader}, {version:?}): {id}: ours {ours}, official {theirs}",
                case.line,
                case.group,
                case.now.to_rfc3339(),
            );
            let _ = writeln!(msg, "  images: {}", case.images);
        }
        panic!("{msg}");
    }
}
