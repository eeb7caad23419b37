//! Benchmarks of scs-0100 flavor names: parsing, canonical display, classification, extra specs
//! and `is_valid`.
//!
//! One group, `flavor_name`; each case is `<operation>/<name set>` with the throughput in names
//! per iteration. Every case checks its result once before it is measured.
//!
//! - `long`: ten long valid names (several extensions each); the same set the Python baseline
//!   (`outputter(parser_v3(name))` of the official suite) is timed on.
//! - `mixed`: the valid example names of the v3 text, short and long.
//! - `classify`: valid, tolerated v1, invalid and not-SCS names.
//!
//! Run with `cargo bench --bench flavor_name`; pin to one core for comparable numbers
//! (`taskset -c 1 cargo bench --bench flavor_name`).

use std::fmt::Write as _;
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use scs_validators::flavor_name::{assess, classify, Compliance, FlavorName};

/// Long valid names, all in canonical form.
const LONG: &[&str] = &[
    "SCS-16T-64-3x10s_bms_hwv_i3h_GNa-64_ib",
    "SCS-2C-4-10n_bms_z3h",
    "SCS-16V-64-500s_GNa-14-6h",
    "SCS-4C-16-2x200p_a1",
    "SCS-8Ti-32-50p_i1",
    "SCS-2C-4-_bms_z3h_GNa-64_ib",
    "SCS-16T-64-200s_GNa-72-24_ib",
    "SCS-2C-4-3x10s_bms_z3",
    "SCS-8T-16-50n_z2",
    "SCS-2C-4-10_kvm_hwv",
];

/// The valid example names of the scs-0100 v3 text, all in canonical form.
const MIXED: &[&str] = &[
    "SCS-2C-4-10n",
    "SCS-8Ti-32-50p_i1",
    "SCS-1L-1u-5",
    "SCS-16T-64-200s_GNa-72-24_ib",
    "SCS-4C-16-2x200p_a1",
    "SCS-1V-0.5",
    "SCS-16V-64-500s_GNa-14-6h",
    "SCS-2T-4-10n",
    "SCS-2V-4-10n",
    "SCS-2L-4-10n",
    "SCS-2Li-4-10n",
    "SCS-2C-3.5-10n",
    "SCS-2C-4u-10n",
    "SCS-2C-4o-10n",
    "SCS-2C-4uo-10n",
    "SCS-2C-4-10s",
    "SCS-2C-4-10s_bms_z3",
    "SCS-2C-4-3x10s",
    "SCS-2C-4-3x10s_bms_z3",
    "SCS-2C-4-10",
    "SCS-2C-4-10_bms_z3",
    "SCS-2C-4-n",
    "SCS-2C-4-",
    "SCS-2C-4-_bms_z3",
    "SCS-2C-4-_bms_z3h_GNa-64_ib",
    "SCS-2C-4-_ib",
    "SCS-2C-4",
    "SCS-2C-4_bms_z3",
    "SCS-2C-4-3x10",
    "SCS-2C-4-10n_bms",
    "SCS-2C-4-10n_bms_z3h",
    "SCS-2C-4-10_kvm_hwv",
    "SCS-2C-4-10_hwv",
    "SCS-2C-4-10_bms_hwv",
    "SCS-2C-4-10n_z",
    "SCS-2C-4-10n_z3",
    "SCS-2C-4-10n_z3h",
    "SCS-2C-4-10n_z3hh",
    "SCS-2C-4-10n_bms_z",
    "SCS-2C-4-10n_bms_z3",
    "SCS-2C-4-10n_bms_z3hh",
    "SCS-1C-1.5-8s",
    "SCS-1T-1-5n",
    "SCS-1V-1-5",
    "SCS-2V-4-20s",
    "SCS-2V-4-20p",
    "SCS-8T-16-50",
    "SCS-8T-16-50n",
    "SCS-8T-16-50n_i2",
    "SCS-8T-16-50n_z2",
    "SCS-4V-16-50",
    "SCS-8V-32-100",
];

/// Valid, tolerated (v1), invalid and not-SCS names, with how many of each.
const CLASSIFY: &[&str] = &[
    // valid
    "SCS-2C-4-10n",
    "SCS-16T-64-3x10s_bms_hwv_i3h_GNa-64_ib",
    "SCS-1V-0.5",
    "SCS-2C-4-_bms_z3h_GNa-64_ib",
    "SCS-8Ti-32-50p_i1",
    "SCS-02C-4",
    // tolerated v1
    "SCS-2C:4:10n",
    "SCS-8Ti:32:50p-i1",
    "SCS-16T:64:200s-GNa:64-ib",
    "SCS-2C:4:-bms-z3h-GNa:64-ib",
    // invalid
    "SCS-2-4-10n",
    "SCS-2iT-4-10n",
    "SCS-2C-4ou-10n",
    "SCS-2C-4-1.5n",
    "SCS-2C-4-10_hwv_xen",
    "SCS-2C-4-n_bms_3",
    "SCS-2C-4-x10",
    "SCS-99999999999C-4",
    // not SCS
    "m1.small",
    "ubuntu-22.04-large",
    "scs-2C-4",
    "",
];

/// Counts of valid, tolerated, invalid and not-SCS names in [`CLASSIFY`].
const CLASSIFY_COUNTS: [usize; 4] = [6, 4, 8, 4];

/// Number of valid names; each parsed value goes through `black_box`.
fn parse_all(names: &[&str]) -> usize {
    let mut valid = 0;
    for name in names {
        if let Ok(n) = FlavorName::parse(name) {
            black_box(n);
            valid += 1;
        }
    }
    valid
}

/// Parses each name and writes its canonical form into `buf`; returns the bytes written and
/// whether every name came back as it went in.
fn parse_display_all(names: &[&str], buf: &mut String) -> (usize, bool) {
    let mut bytes = 0;
    let mut same = true;
    for name in names {
        if let Ok(n) = FlavorName::parse(name) {
            buf.clear();
            // Writing into a String cannot fail.
            let _ = write!(buf, "{n}");
            bytes += buf.len();
            same &= buf.as_str() == *name;
        }
    }
    (bytes, same)
}

/// How many names are valid, tolerated, invalid and not SCS.
fn classify_all(names: &[&str]) -> [usize; 4] {
    let mut counts = [0; 4];
    for name in names {
        let slot = match classify(name) {
            Compliance::Valid(_) => 0,
            Compliance::Tolerated(_) => 1,
            Compliance::Invalid(_) => 2,
            Compliance::NotScs => 3,
        };
        counts[slot] += 1;
    }
    counts
}

/// Number of findings of the full syntax-check path over all names.
fn assess_all(names: &[&str]) -> usize {
    names.iter().map(|name| assess(name).findings.len()).sum()
}

/// Parses each name and formats every extra spec as `key=value` into `buf`; returns the number
/// of specs and the bytes written.
fn extra_specs_all(names: &[&str], buf: &mut String) -> (u64, usize) {
    let mut specs = 0;
    let mut bytes = 0;
    for name in names {
        if let Ok(n) = FlavorName::parse(name) {
            for (key, value) in n.extra_specs().iter() {
                buf.clear();
                // Writing into a String cannot fail.
                let _ = write!(buf, "{key}={value}");
                bytes += buf.len();
                specs += 1;
            }
        }
    }
    (specs, bytes)
}

/// Total number of extra specs the names imply, from [`ExtraSpecs::len`](scs_validators::flavor_name::ExtraSpecs::len).
fn spec_count(names: &[&str]) -> u64 {
    names
        .iter()
        .filter_map(|name| FlavorName::parse(name).ok())
        .map(|n| n.extra_specs().len())
        .sum()
}

fn is_valid_all(names: &[&str]) -> usize {
    names
        .iter()
        .filter(|name| FlavorName::is_valid(name))
        .count()
}

fn bench_flavor_name(c: &mut Criterion) {
    let mut group = c.benchmark_group("flavor_name");
    let sets: [(&str, &[&str]); 2] = [("long", LONG), ("mixed", MIXED)];

    for (set, names) in sets {
        group.throughput(Throughput::Elements(names.len() as u64));

        assert_eq!(parse_all(names), names.len(), "parse/{set}");
        group.bench_with_input(BenchmarkId::new("parse", set), names, |b, names| {
            b.iter(|| parse_all(black_box(names)));
        });

        let mut buf = String::with_capacity(64);
        assert_eq!(
            parse_display_all(names, &mut buf),
            (names.iter().map(|n| n.len()).sum(), true),
            "parse_display/{set}: every name is canonical"
        );
        group.bench_with_input(BenchmarkId::new("parse_display", set), names, |b, names| {
            b.iter(|| parse_display_all(black_box(names), &mut buf));
        });

        let (specs, bytes) = extra_specs_all(names, &mut buf);
        assert_eq!(specs, spec_count(names), "extra_specs/{set}");
        assert!(bytes > 0, "extra_specs/{set}");
        group.bench_with_input(BenchmarkId::new("extra_specs", set), names, |b, names| {
            b.iter(|| extra_specs_all(black_box(names), &mut buf));
        });

        assert_eq!(is_valid_all(names), names.len(), "is_valid/{set}");
        group.bench_with_input(BenchmarkId::new("is_valid", set), names, |b, names| {
            b.iter(|| is_valid_all(black_box(names)));
        });
    }

    // The classification and full findings path over valid, tolerated, invalid and not-SCS names.
    let names = CLASSIFY;
    group.throughput(Throughput::Elements(names.len() as u64));
    assert_eq!(classify_all(names), CLASSIFY_COUNTS, "classify/mix");
    group.bench_with_input(BenchmarkId::new("classify", "mix"), names, |b, names| {
        b.iter(|| classify_all(black_box(names)));
    });
    // Invalid and tolerated names get one finding at least; a canonical valid name none.
    assert!(
        assess_all(names) >= CLASSIFY_COUNTS[1] + CLASSIFY_COUNTS[2],
        "assess/mix"
    );
    group.bench_with_input(BenchmarkId::new("assess", "mix"), names, |b, names| {
        b.iter(|| assess_all(black_box(names)));
    });
    assert_eq!(
        is_valid_all(names),
        CLASSIFY_COUNTS[0],
        "is_valid/mix: only the valid ones"
    );
    group.bench_with_input(BenchmarkId::new("is_valid", "mix"), names, |b, names| {
        b.iter(|| is_valid_all(black_box(names)));
    });

    group.finish();
}

criterion_group!(benches, bench_flavor_name);
criterion_main!(benches);
