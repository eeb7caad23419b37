//! scs-0101 entropy through the public API: the digest's vectors (13.2), the divergences from
//! the official suite, console parsing, and the choice of the test VM.

use scs_validators::entropy::{
    self, boot_volume_gib, choose_test_flavor, choose_test_image, entropy_avail, fips_test,
    ChoiceError, ConsoleSections,
};
use scs_validators::input::{Flavor, Image};
use scs_validators::report::{Outcome, Severity, TestcaseResult};

/// A console output as the official cloud-init script produces it, with the given
/// `entropy_avail` value and rngtest lines (each already without the marker).
fn console(entropy: Option<&str>, fips: &[&str], end: bool) -> String {
    let mut out = String::from(
        "[    0.000000] Linux version 6.1.0-27-cloud-amd64 (debian-kernel@lists.debian.org)\n\
         [   12.304411] cloud-init[498]: Cloud-init v. 22.4.2 running 'modules:final' at Mon, 01 Sep 2025 10:00:00 +0000. Up 12.20 seconds.\n",
    );
    if let Some(e) = entropy {
        out.push_str(&format!(
            "[   70.439502] cloud-init[513]: _scs-test-entropy-avail: {e}\r\n"
        ));
    }
    for line in fips {
        out.push_str(&format!(
            "[   75.1] cloud-init[513]: _scs-test-fips-test: {line}\n"
        ));
    }
    out.push_str("_scs-test-rngd: Unit rngd.service could not be found.\n");
    out.push_str(
        "_scs-test-virtio-rng: cat: /sys/devices/virtual/misc/hw_random/rng_available: No such file or directory\n",
    );
    if end {
        out.push_str("[   80.2] cloud-init[513]: _scs-test-end\n");
        out.push_str("[   80.3] cloud-init[513]: Cloud-init v. 22.4.2 finished at Mon, 01 Sep 2025 10:01:08 +0000. Datasource DataSourceOpenStackLocal.  Up 80.30 seconds\n");
    }
    out
}

/// rngtest's real output shape with the given counts.
fn rngtest(successes: u32, failures: u32) -> Vec<String> {
    vec![
        "rngtest 5".into(),
        "Copyright (c) 2004 by Henrique de Moraes Holschuh".into(),
        "This is free software; see the source for copying conditions.  There is NO warranty; not even MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.".into(),
        "".into(),
        "rngtest: starting FIPS tests...".into(),
        "rngtest: bits received from input: 20000032".into(),
        format!("rngtest: FIPS 140-2 successes: {successes}"),
        format!("rngtest: FIPS 140-2 failures: {failures}"),
        "rngtest: FIPS 140-2(2001-10-10) Monobit: 0".into(),
        "rngtest: FIPS 140-2(2001-10-10) Poker: 0".into(),
        format!("rngtest: FIPS 140-2(2001-10-10) Runs: {failures}"),
        "rngtest: FIPS 140-2(2001-10-10) Long run: 0".into(),
        "rngtest: FIPS 140-2(2001-10-10) Continuous run: 0".into(),
        "rngtest: input channel speed: (min=1.084; avg=8.927; max=18.626)Gibits/s".into(),
        "rngtest: FIPS tests speed: (min=77.492; avg=131.263; max=154.459)Mibits/s".into(),
        "rngtest: Program run time: 148391 microseconds".into(),
    ]
}

fn fips_console(successes: u32, failures: u32) -> String {
    let lines = rngtest(successes, failures);
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    console(Some("256"), &refs, true)
}

fn verdicts(r: &TestcaseResult) -> (Outcome, Outcome) {
    (r.outcome(), r.official())
}

fn messages(r: &TestcaseResult, severity: Severity) -> Vec<&str> {
    r.findings()
        .iter()
        .filter(|f| f.severity == severity)
        .map(|f| f.message.as_str())
        .collect()
}

// --- 13.2: entropy-avail ---

#[test]
fn entropy_avail_256_passes() {
    let r = entropy_avail(&console(Some("256"), &[], true));
    assert_eq!(verdicts(&r), (Outcome::Pass, Outcome::Pass));
    assert!(r.findings().is_empty());
}

#[test]
fn entropy_avail_other_values_fail() {
    for value in ["255", "4096"] {
        let r = entropy_avail(&console(Some(value), &[], true));
        assert_eq!(verdicts(&r), (Outcome::Fail, Outcome::Fail), "{value}");
        assert!(r.findings()[0].subject.is_none());
    }
    let r = entropy_avail(&console(Some("4096"), &[], true));
    assert_eq!(
        r.findings()[0].to_string(),
        "ERROR: scs-0101-entropy-avail: the test VM's `/proc/sys/kernel/random/entropy_avail` \
         reads `4096`, expected `256` (the value kernels since 5.18 pin)"
    );
}

#[test]
fn entropy_avail_missing_section_aborts_both() {
    let r = entropy_avail(&console(None, &[], true));
    assert_eq!(verdicts(&r), (Outcome::Abort, Outcome::Abort));
    assert_eq!(
        messages(&r, Severity::Error),
        ["the console output has no `entropy-avail` section (lines `_scs-test-entropy-avail: …`)"]
    );
    // No console output at all reads the same way.
    assert_eq!(
        verdicts(&entropy_avail("")),
        (Outcome::Abort, Outcome::Abort)
    );
}

#[test]
fn entropy_avail_reads_the_first_line_trimmed() {
    let text = "_scs-test-entropy-avail:\t256 \u{a0}\n_scs-test-entropy-avail: 17\n_scs-test-end";
    assert_eq!(
        verdicts(&entropy_avail(text)),
        (Outcome::Pass, Outcome::Pass)
    );
    // A space before the colon makes another section, as in the official suite.
    let text = "_scs-test-entropy-avail : 256\n_scs-test-end";
    assert_eq!(
        verdicts(&entropy_avail(text)),
        (Outcome::Abort, Outcome::Abort)
    );
}

// --- 13.2: fips-test ---

#[test]
fn fips_three_failures_pass() {
    let r = fips_test(&fips_console(997, 3));
    assert_eq!(verdicts(&r), (Outcome::Pass, Outcome::Pass));
    assert!(r.findings().is_empty());
}

#[test]
fn fips_four_failures_pass_with_info() {
    let r = fips_test(&fips_console(996, 4));
    assert_eq!(verdicts(&r), (Outcome::Pass, Outcome::Pass));
    assert_eq!(
        messages(&r, Severity::Info),
        ["rngtest counts 4 FIPS 140-2 failures in 1000 blocks: fewer than 5, but above the strict limit of 3"]
    );
}

#[test]
fn fips_five_failures_quirk() {
    // w1: "below 5"; the official suite passes 5.
    let r = fips_test(&fips_console(995, 5));
    assert_eq!(verdicts(&r), (Outcome::Fail, Outcome::Pass));
    assert!(r.diverges());
    assert_eq!(
        messages(&r, Severity::Error),
        ["rngtest counts 5 FIPS 140-2 failures in 1000 blocks; w1 asks for fewer than 5"]
    );
    assert_eq!(
        messages(&r, Severity::Warning),
        ["the official suite allows up to 5 failures and reports PASS; w1 asks for fewer than 5"]
    );
}

#[test]
fn fips_six_failures_fail() {
    let r = fips_test(&fips_console(994, 6));
    assert_eq!(verdicts(&r), (Outcome::Fail, Outcome::Fail));
    assert!(messages(&r, Severity::Warning).is_empty());
}

#[test]
fn fips_only_successes_divergence() {
    // The official suite calls a missing failure count inconclusive.
    let text = console(
        Some("256"),
        &[
            "rngtest: starting FIPS tests...",
            "rngtest: FIPS 140-2 successes: 1000",
        ],
        true,
    );
    let r = fips_test(&text);
    assert_eq!(verdicts(&r), (Outcome::Pass, Outcome::Abort));
    assert_eq!(
        messages(&r, Severity::Info),
        ["no `failures:` count; `successes: 1000` of 1000 blocks gives 0 failures"]
    );
    assert_eq!(
        messages(&r, Severity::Warning),
        ["the official suite finds no `failures: N` count and reports ABORT (it calls the run inconclusive)"]
    );
    let text = console(Some("256"), &["rngtest: FIPS 140-2 successes: 993"], true);
    assert_eq!(verdicts(&fips_test(&text)), (Outcome::Fail, Outcome::Abort));
}

#[test]
fn fips_without_any_count_aborts_both() {
    let text = console(Some("256"), &["/bin/sh: 1: rngtest: not found"], true);
    let r = fips_test(&text);
    assert_eq!(verdicts(&r), (Outcome::Abort, Outcome::Abort));
    assert_eq!(
        messages(&r, Severity::Error),
        ["the `fips-test` section holds no rngtest result (no `failures:` or `successes:` count)"]
    );
    let r = fips_test(&console(Some("256"), &[], true));
    assert_eq!(verdicts(&r), (Outcome::Abort, Outcome::Abort));
}

#[test]
fn fips_tab_before_count_divergence() {
    let text = console(Some("256"), &["rngtest: FIPS 140-2 failures:\t1"], true);
    let r = fips_test(&text);
    assert_eq!(verdicts(&r), (Outcome::Pass, Outcome::Abort));
    assert_eq!(
        messages(&r, Severity::Warning),
        ["the official suite cannot read the count after `failures:` (it expects a single space before the number) and reports ABORT"]
    );
}

#[test]
fn fips_first_failures_line_quirk() {
    // A crafted line before the summary: the official suite takes the first match.
    let text = console(
        Some("256"),
        &["Monobit failures: 9", "rngtest: FIPS 140-2 failures: 1"],
        true,
    );
    let r = fips_test(&text);
    assert_eq!(verdicts(&r), (Outcome::Pass, Outcome::Fail));
    assert_eq!(
        messages(&r, Severity::Warning),
        ["the official suite reads 9 failures (from the first `failures:` in the section) and reports FAIL"]
    );
    // Same verdict, different number: only an info.
    let text = console(
        Some("256"),
        &["Monobit failures: 2", "rngtest: FIPS 140-2 failures: 1"],
        true,
    );
    let r = fips_test(&text);
    assert_eq!(verdicts(&r), (Outcome::Pass, Outcome::Pass));
    assert_eq!(messages(&r, Severity::Info).len(), 1);
}

#[test]
fn fips_reads_unicode_digits_like_the_reference() {
    // ARABIC-INDIC DIGIT SEVEN: Python's `\d` and `int` read it as 7; the standard reading
    // takes ASCII digits only and falls back to the successes.
    let text = console(
        Some("256"),
        &[
            "rngtest: FIPS 140-2 successes: 998",
            "rngtest: FIPS 140-2 failures: \u{667}",
        ],
        true,
    );
    let r = fips_test(&text);
    assert_eq!(verdicts(&r), (Outcome::Pass, Outcome::Fail));
    assert_eq!(
        messages(&r, Severity::Info),
        ["no `failures:` count; `successes: 998` of 1000 blocks gives 2 failures"]
    );
    assert_eq!(
        messages(&r, Severity::Warning),
        ["the official suite reads 7 failures (from the first `failures:` in the section) and reports FAIL"]
    );
}

// --- the end of the run ---

#[test]
fn missing_end_marker_official_abort() {
    let lines = rngtest(1000, 0);
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    let report = entropy::check(&console(Some("256"), &refs, false));
    assert_eq!(
        report.to_string(),
        "scs-0101-entropy-avail: PASS\nscs-0101-fips-test: PASS\n"
    );
    assert_eq!(
        report.official_lines().to_string(),
        "scs-0101-entropy-avail: ABORT\nscs-0101-fips-test: ABORT\n"
    );
    for r in &report.results {
        assert_eq!(
            messages(r, Severity::Warning),
            ["the console output lacks `_scs-test-end`, so the official suite waits for it until its timeout and reports ABORT"]
        );
    }
}

#[test]
fn scripts_failure_before_the_end_official_abort() {
    let text = format!(
        "_scs-test-entropy-avail: 255\n[ 81.0] cloud-init[513]: 2025-09-01 10:01:08,624 - util.py[WARNING]: \
         Failed to run module scripts-user (scripts in /var/lib/cloud/instance/scripts)\n{}",
        "_scs-test-end\n"
    );
    let r = entropy_avail(&text);
    assert_eq!(verdicts(&r), (Outcome::Fail, Outcome::Abort));
    assert_eq!(
        messages(&r, Severity::Warning),
        ["the console output reports `Failed to run module scripts-user` before `_scs-test-end`, so the official suite gives up and reports ABORT"]
    );
    // After the end marker it does not matter.
    let text = "_scs-test-entropy-avail: 256\n_scs-test-end\nFailed to run module scripts-user\n";
    assert_eq!(
        verdicts(&entropy_avail(text)),
        (Outcome::Pass, Outcome::Pass)
    );
}

#[test]
fn console_sections() {
    let sections = ConsoleSections::parse(&fips_console(999, 1));
    let names: Vec<&str> = sections.section_names().collect();
    assert_eq!(names, ["entropy-avail", "fips-test", "rngd", "virtio-rng"]);
    assert_eq!(sections.section("entropy-avail").unwrap(), ["256"]);
    let fips = sections.section("fips-test").unwrap();
    assert_eq!(fips.len(), 16);
    assert_eq!(fips[3], "");
    assert_eq!(fips[7], "rngtest: FIPS 140-2 failures: 1");
    assert!(sections.has_end_marker() && !sections.scripts_failed());
    assert!(sections.official_completes());
    // The marker may sit anywhere in the line; a line without `:` after it adds nothing.
    let s = ConsoleSections::parse("x_scs-test-a:b:c\n_scs-test-nocolon\n\x0b_scs-test-a: d ");
    assert_eq!(s.section("a").unwrap(), ["b:c", "d"]);
    assert_eq!(s.section("nocolon"), None);
    assert!(!s.has_end_marker() && !s.official_completes());
}

#[test]
fn report_order_and_ids() {
    let report = entropy::check(&fips_console(1000, 0));
    let ids: Vec<&str> = report.results.iter().map(|r| r.id().as_str()).collect();
    assert_eq!(ids, ["scs-0101-entropy-avail", "scs-0101-fips-test"]);
    assert!(report.all_passed() && report.all_passed_officially());
    assert_eq!(entropy::ENTROPY_AVAIL.as_str(), "scs-0101-entropy-avail");
    assert_eq!(entropy::FIPS_TEST.as_str(), "scs-0101-fips-test");
}

// --- the test VM ---

fn image(id: &str, distro: Option<&str>, version: Option<&str>) -> Image {
    let mut image = Image {
        id: id.into(),
        name: Some(format!("image {id}")),
        visibility: Some("public".into()),
        ..Image::default()
    };
    if let Some(d) = distro {
        image.properties.insert("os_distro".into(), d.into());
    }
    if let Some(v) = version {
        image.properties.insert("os_version".into(), v.into());
    }
    image
}

#[test]
fn image_choice_vector() {
    // 13.2: the Debian trixie image wins (rank 2, version 13).
    let images = [
        image("ubuntu", Some("ubuntu"), Some("24.04")),
        image("debian12", Some("debian"), Some("12")),
        image("trixie", Some("Debian"), Some("trixie")),
        image("centos", Some("centos"), Some("9")),
    ];
    assert_eq!(choose_test_image(&images).unwrap().id, "trixie");
}

#[test]
fn image_choice_ranks() {
    // Ubuntu beats anything that is neither Debian nor Ubuntu, whatever the version.
    let images = [
        image("centos", Some("centos"), Some("10")),
        image("jammy", Some(" Ubuntu "), Some("jammy")),
    ];
    assert_eq!(choose_test_image(&images).unwrap().id, "jammy");
    // Debian with an unknown version still beats Ubuntu.
    let images = [
        image("noble", Some("ubuntu"), Some("24.04")),
        image("sid", Some("debian"), Some("sid")),
    ];
    assert_eq!(choose_test_image(&images).unwrap().id, "sid");
    // Ubuntu versions count only as NN.NN.
    let images = [
        image("lts", Some("ubuntu"), Some("22.04")),
        image("point", Some("ubuntu"), Some("24.04.1")),
    ];
    assert_eq!(choose_test_image(&images).unwrap().id, "lts");
    // Missing distro or version: rank 0; ties keep the first.
    let images = [
        image("a", None, Some("12")),
        image("b", Some("debian"), None),
        image("c", Some("debian"), Some("")),
    ];
    assert_eq!(choose_test_image(&images).unwrap().id, "a");
    // Higher numbers win exactly, however long.
    let images = [
        image("big", Some("debian"), Some("99999999999999999999999")),
        image("bigger", Some("debian"), Some("100000000000000000000000")),
    ];
    assert_eq!(choose_test_image(&images).unwrap().id, "bigger");
}

#[test]
fn image_choice_skips_what_the_official_suite_does_not_list() {
    let mut private = image("private", Some("debian"), Some("13"));
    private.visibility = Some("private".into());
    let mut hidden = image("hidden", Some("debian"), Some("13"));
    hidden.os_hidden = true;
    let mut community = image("community", Some("ubuntu"), Some("24.04"));
    community.visibility = Some("community".into());
    let images = [private.clone(), hidden.clone(), community];
    assert_eq!(choose_test_image(&images).unwrap().id, "community");
    assert_eq!(
        choose_test_image(&[private, hidden]).unwrap_err(),
        ChoiceError::NoImage
    );
    assert_eq!(
        choose_test_image(&[]).unwrap_err().to_string(),
        "no public or community image to boot the test VM from"
    );
}

#[test]
fn flavor_choice() {
    let mut img = image("d", Some("debian"), Some("12"));
    img.min_ram = Some(2048);
    let flavors = [
        Flavor::new("SCS-1L-1", 1, 1024, 0),
        Flavor::new("SCS-2V-4", 2, 4096, 0),
        Flavor::new("SCS-1V-2", 1, 2048, 0),
        Flavor::new("SCS-2V-4-20s", 2, 4096, 20),
    ];
    // The cheapest with enough RAM.
    assert_eq!(choose_test_flavor(&flavors, &img).unwrap().name, "SCS-1V-2");
    // hw_rng:allowed=true (any case) is preferred over cost.
    let mut with_rng = flavors.to_vec();
    with_rng[3] = with_rng[3]
        .clone()
        .with_extra_spec("hw_rng:allowed", "TRUE");
    with_rng[1] = with_rng[1]
        .clone()
        .with_extra_spec("hw_rng:allowed", "False");
    assert_eq!(
        choose_test_flavor(&with_rng, &img).unwrap().name,
        "SCS-2V-4-20s"
    );
    // A preferred flavor without enough RAM does not count.
    let mut small_rng = flavors.to_vec();
    small_rng[0] = small_rng[0]
        .clone()
        .with_extra_spec("hw_rng:allowed", "true");
    assert_eq!(
        choose_test_flavor(&small_rng, &img).unwrap().name,
        "SCS-1V-2"
    );
    // Ties keep the first: 3 vCPUs + 0 equals 0 vCPUs + 9 MiB / 3.
    let tie = [
        Flavor::new("first", 3, 0, 0),
        Flavor::new("second", 0, 9, 0),
    ];
    let no_min = image("x", None, None);
    assert_eq!(choose_test_flavor(&tie, &no_min).unwrap().name, "first");
}

#[test]
fn flavor_choice_none_eligible() {
    let mut img = image("d", Some("debian"), Some("12"));
    img.min_ram = Some(8192);
    let err = choose_test_flavor(&[Flavor::new("SCS-1V-2", 1, 2048, 0)], &img).unwrap_err();
    assert_eq!(
        err,
        ChoiceError::NoFlavor {
            image: "image d".into(),
            min_ram: 8192
        }
    );
    assert_eq!(
        err.to_string(),
        "no flavor has the 8192 MiB of RAM that image `image d` needs"
    );
}

#[test]
fn boot_volume() {
    let mut img = image("d", None, None);
    assert_eq!(boot_volume_gib(&img), 8);
    img.min_disk = Some(3);
    assert_eq!(boot_volume_gib(&img), 8);
    img.min_disk = Some(20);
    assert_eq!(boot_volume_gib(&img), 20);
}
