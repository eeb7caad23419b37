//! The properties the `flavor_name` fuzz target checks, shared with the stable seed replay in
//! `tests/fuzz_seeds.rs` (both include this file with `#[path = …] mod checks;`).
//!
//! Each property is an `assert!` naming the input, so a failure reads as a bug report.

use scs_validators::flavor_name::{assess, classify, official, Compliance, FlavorName, Hypervisor};

/// Checks every property on `data`: as text if it is UTF-8, else on its lossy conversion.
pub fn flavor_name(data: &[u8]) {
    match std::str::from_utf8(data) {
        Ok(s) => check_str(s),
        Err(_) => check_str(&String::from_utf8_lossy(data)),
    }
}

/// Checks every property on one string.
pub fn check_str(s: &str) {
    // Arbitrary text never panics in the compliance readings, and they agree with the parsers.
    let compliance = classify(s);
    let verdict = official::classify(s);
    let assessment = assess(s);
    assert_eq!(
        assessment.compliance, compliance,
        "assess vs classify on {s:?}"
    );
    assert_eq!(
        assessment.official, verdict,
        "assess vs official::classify on {s:?}"
    );
    for finding in &assessment.findings {
        let _ = finding.to_string();
    }

    // `is_valid` is the allocation-free twin of `parse`.
    let parsed = FlavorName::parse(s);
    assert_eq!(
        FlavorName::is_valid(s),
        parsed.is_ok(),
        "is_valid disagrees with parse on {s:?}"
    );
    if let Err(e) = &parsed {
        let _ = e.to_string();
    }
    let parsed_v1 = FlavorName::parse_v1(s);
    if let Err(e) = &parsed_v1 {
        let _ = e.to_string();
    }

    // `classify` is the v3 parser, then the v1 parser, behind the `SCS-` gate.
    match (&compliance, &parsed, &parsed_v1) {
        (Compliance::NotScs, Err(_), Err(_)) => assert!(!s.starts_with("SCS-")),
        (Compliance::NotScs, _, _) => panic!("classify says not-scs but a parser accepts {s:?}"),
        (Compliance::Valid(n), Ok(p), _) => assert_eq!(n, p, "classify vs parse on {s:?}"),
        (Compliance::Tolerated(n), Err(_), Ok(p)) => {
            assert_eq!(n, p, "classify vs parse_v1 on {s:?}");
        }
        (Compliance::Invalid(_), Err(_), Err(_)) => {}
        (c, p, p1) => panic!(
            "classify gives {} on {s:?}, but parse ok = {}, parse_v1 ok = {}",
            c.verdict(),
            p.is_ok(),
            p1.is_ok()
        ),
    }

    if let Ok(name) = parsed {
        check_name(s, name);
    }
    if let Ok(name) = parsed_v1 {
        // The v3 display of a v1 name is a v3 name with the same value.
        let v3 = name.to_string();
        assert_eq!(
            FlavorName::parse(&v3).as_ref(),
            Ok(&name),
            "v1 {s:?} displays as {v3:?}, which does not parse back"
        );
        check_name(s, name);
    }
}

/// Checks the round trips and the derived views of one parsed name (`s` is the input, for
/// messages).
fn check_name(s: &str, name: FlavorName) {
    // Display is canonical: it parses back to an equal value and is a fixed point.
    let canonical = name.to_string();
    assert_eq!(
        FlavorName::parse(&canonical).as_ref(),
        Ok(&name),
        "{s:?} displays as {canonical:?}, which does not parse back to the same name"
    );
    assert!(
        FlavorName::is_valid(&canonical),
        "is_valid rejects the canonical {canonical:?} (from {s:?})"
    );

    // The short form is a name too, and shortening is idempotent.
    let short = name.shorten();
    let short_text = short.to_string();
    assert_eq!(
        FlavorName::parse(&short_text).as_ref(),
        Ok(&short),
        "{s:?} shortens to {short_text:?}, which does not parse back"
    );
    assert_eq!(short.shorten(), short, "shorten is not idempotent on {s:?}");

    // The v1 spelling parses back with the v1 parser, except for `chy`, which v1 lacks.
    let v1 = name.v1().to_string();
    if name.hypervisor() == Some(Hypervisor::CloudHypervisor) {
        assert!(
            FlavorName::parse_v1(&v1).is_err(),
            "parse_v1 accepts {v1:?} (from {s:?}), but v1 has no `chy`"
        );
    } else {
        assert_eq!(
            FlavorName::parse_v1(&v1).as_ref(),
            Ok(&name),
            "{s:?} has the v1 spelling {v1:?}, which does not parse back with parse_v1"
        );
    }

    // The extra specs: bounded (a name may imply billions of disk keys), each key answers `get`.
    let specs = name.extra_specs();
    let mut seen = 0u64;
    for (key, value) in specs.iter().take(2000) {
        let key_text = key.to_string();
        let _ = value.to_string();
        assert_eq!(
            specs.get(&key_text),
            Some(value),
            "extra_specs of {s:?}: get({key_text:?}) differs from the iterator"
        );
        seen += 1;
    }
    if seen < 2000 {
        assert_eq!(specs.len(), seen, "extra_specs of {s:?}: len() vs iterator");
    } else {
        assert!(
            specs.len() >= seen,
            "extra_specs of {s:?}: len() below the iterator"
        );
    }

    let _ = name.describe().to_string();
}
