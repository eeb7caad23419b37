//! Differential tests against the official suite's recorded verdicts.
//!
//! `tests/data/flavor_names_official.jsonl` and `tests/data/flavor_semantics_official.jsonl`
//! hold names and flavors we generated (`tools/differential/`), each with what the official SCS
//! suite (`Tests/iaas/scs_0100_flavor_naming`) reported when we ran it on them. The suite itself
//! is not part of this project; only its verdicts are recorded here, as facts.
//!
//! The official prediction must agree on every line. The standard reading may differ only on
//! the divergences documented in `scs_validators::flavor_name`.

use std::collections::BTreeMap;

use scs_validators::flavor_name::official::{self, OfficialVerdict};
use scs_validators::flavor_name::{self, classify, Compliance, ErrorKind};
use scs_validators::input::Flavor;
use scs_validators::report::{Outcome, Severity};
use serde_json::Value;

fn lines(path: &str) -> Vec<Value> {
    let text = std::fs::read_to_string(path).expect("corpus file");
    text.lines()
        .map(|l| serde_json::from_str(l).expect("corpus line"))
        .collect()
}

fn verdict_str(v: OfficialVerdict) -> &'static str {
    match v {
        OfficialVerdict::NotScs => "not-scs",
        OfficialVerdict::Valid => "valid",
        OfficialVerdict::Tolerated => "tolerated",
        OfficialVerdict::Invalid => "invalid",
        OfficialVerdict::Abort => "abort",
    }
}

fn specs_json(name: flavor_name::FlavorName) -> BTreeMap<String, Value> {
    name.extra_specs()
        .iter()
        .map(|(k, v)| (k.to_string(), serde_json::to_value(v).unwrap()))
        .collect()
}

#[test]
fn official_prediction_and_standard_reading_match_the_recorded_verdicts() {
    let corpus = lines("tests/data/flavor_names_official.jsonl");
    assert!(corpus.len() > 30_000, "corpus too small: {}", corpus.len());
    let mut problems = Vec::new();
    let mut divergences: BTreeMap<&str, usize> = BTreeMap::new();
    for line in &corpus {
        let name = line["name"].as_str().unwrap();
        let recorded = line["verdict"].as_str().unwrap();
        let predicted = verdict_str(official::classify(name));
        if predicted != recorded {
            problems.push(format!(
                "official {name:?}: recorded {recorded}, predicted {predicted}"
            ));
            continue;
        }
        let standard = classify(name);
        match (&standard, recorded) {
            (Compliance::NotScs, "not-scs") => {}
            (Compliance::Valid(n), "valid") | (Compliance::Tolerated(n), "tolerated") => {
                if line["canonical"] != n.to_string().as_str() {
                    problems.push(format!("canonical {name:?}: {} vs {n}", line["canonical"]));
                }
                if line["short"] != n.shorten().to_string().as_str() {
                    problems.push(format!(
                        "short {name:?}: {} vs {}",
                        line["short"],
                        n.shorten()
                    ));
                }
                if let Some(specs) = line["specs"].as_object() {
                    if !specs.contains_key("skipped") && !specs.contains_key("error") {
                        let ours = specs_json(*n);
                        let theirs: BTreeMap<String, Value> =
                            specs.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
                        if ours != theirs {
                            problems.push(format!("specs {name:?}: {theirs:?} vs {ours:?}"));
                        }
                    }
                }
            }
            (Compliance::Invalid(_), "invalid") => {}
            (Compliance::Valid(n) | Compliance::Tolerated(n), "invalid") => {
                let gpu = n.gpu().expect("only GPU names diverge this way");
                if gpu.compute_units.is_some() || gpu.compute_unit_h != 0 || !n.infiniband() {
                    problems.push(format!("unexpected divergence (standard accepts) {name:?}"));
                }
                *divergences.entry("gpu-ib").or_default() += 1;
            }
            (Compliance::Invalid(e), "valid" | "tolerated" | "abort") => {
                let key = match e.kind() {
                    ErrorKind::NumberTooLarge => "number-too-large",
                    ErrorKind::MissingDiskCount => "missing-disk-count",
                    ErrorKind::VramWithoutComputeUnits => "vram-without-cu",
                    ErrorKind::RamNotHalfStep => "ram-not-exact",
                    _ => {
                        problems.push(format!(
                            "unexpected divergence (standard rejects) {name:?}: {e}"
                        ));
                        continue;
                    }
                };
                if recorded == "abort" && key != "number-too-large" {
                    problems.push(format!("abort without a large number {name:?}"));
                }
                *divergences.entry(key).or_default() += 1;
            }
            (s, r) => problems.push(format!(
                "{name:?}: standard {} vs official {r}",
                s.verdict()
            )),
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems, first ones:\n{}",
        problems.len(),
        problems
            .iter()
            .take(25)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
    // Every documented divergence is exercised by the corpus.
    for key in [
        "gpu-ib",
        "number-too-large",
        "missing-disk-count",
        "vram-without-cu",
        "ram-not-exact",
    ] {
        assert!(
            divergences.get(key).copied().unwrap_or(0) > 0,
            "no {key} divergence in corpus: {divergences:?}"
        );
    }
}

fn outcome(s: &str) -> Outcome {
    match s {
        "PASS" => Outcome::Pass,
        "FAIL" => Outcome::Fail,
        "ABORT" => Outcome::Abort,
        other => panic!("bad outcome {other}"),
    }
}

#[test]
fn semantics_match_the_recorded_outcomes() {
    let corpus = lines("tests/data/flavor_semantics_official.jsonl");
    let mut checked = 0;
    let mut problems = Vec::new();
    for line in &corpus {
        let (Some(vcpus), Some(ram), Some(disk)) = (
            line["vcpus"].as_u64(),
            line["ram"].as_u64(),
            line["disk"].as_u64(),
        ) else {
            continue; // negative or huge values do not fit a Nova flavor
        };
        let name = line["name"].as_str().unwrap();
        let flavor = Flavor::new(name, vcpus, ram, disk);
        let report = flavor_name::check(std::slice::from_ref(&flavor));
        let syntax = report.get("scs-0100-syntax-check").unwrap();
        let semantics = report.get("scs-0100-semantics-check").unwrap();
        checked += 1;
        if syntax.official() != outcome(line["syntax"].as_str().unwrap())
            || semantics.official() != outcome(line["semantics"].as_str().unwrap())
        {
            problems.push(format!(
                "{name:?} {vcpus}/{ram}/{disk}: recorded {}/{}, predicted {}/{}",
                line["syntax"],
                line["semantics"],
                syntax.official(),
                semantics.official()
            ));
        }
        // Wherever the two readings differ, a warning says so.
        for r in [syntax, semantics] {
            if r.diverges()
                && !r.findings().iter().any(|f| {
                    f.severity == Severity::Warning && f.message.contains("official suite")
                })
            {
                problems.push(format!("{name:?}: {} diverges without explanation", r.id()));
            }
        }
    }
    assert!(checked > 2500, "only {checked} cases checked");
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems
            .iter()
            .take(25)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}
