//! scs-0102 image metadata through the public API: the examples of the standard text, the
//! digest's property, recency and uniqueness vectors (with both verdicts where the official
//! suite differs), every documented divergence, full messages, and the date grammar's
//! properties.

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Timelike, Utc};
use proptest::prelude::*;
use scs_validators::image_metadata::{
    self as im, parse_date_as, parse_image_date, DateFormat, Version,
};
use scs_validators::input::Image;
use scs_validators::report::{Outcome, Severity, TestcaseId, TestcaseResult};

fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, s).unwrap()
}

/// The digest's default `now`: 2025-01-01T00:00:00Z.
fn now() -> DateTime<Utc> {
    at(2025, 1, 1, 0, 0, 0)
}

/// An image that passes every testcase at [`now`].
fn good(name: &str) -> Image {
    let mut image = Image {
        id: format!("id-{name}"),
        name: Some(name.to_owned()),
        visibility: Some("public".into()),
        status: Some("active".into()),
        created_at: Some("2024-12-20T08:00:00Z".into()),
        size: Some(612_368_384),
        min_disk: Some(8),
        min_ram: Some(512),
        os_hash_algo: Some("sha512".into()),
        tags: vec!["managed_by_scs".into(), "os:ubuntu".into()],
        ..Image::default()
    };
    for (k, v) in [
        ("architecture", "x86_64"),
        ("os_distro", "ubuntu"),
        ("os_version", "24.04"),
        ("os_purpose", "custom"),
        ("hw_disk_bus", "scsi"),
        ("hypervisor_type", "kvm"),
        ("hw_rng_model", "virtio"),
        ("image_build_date", "2024-12-19"),
        ("image_original_user", "ubuntu"),
        ("image_source", "https://cloud-images.ubuntu.com/noble/"),
        ("image_description", "https://ubuntu.com/cloud"),
        ("replace_frequency", "monthly"),
        ("provided_until", "2030-01-01"),
        ("uuid_validity", "last-3"),
        ("hotfix_hours", "48"),
    ] {
        image.properties.insert(k.into(), v.into());
    }
    image
}

/// Sets (or, with `None`, removes) a property or one of the string core attributes.
fn set(mut image: Image, key: &str, value: Option<&str>) -> Image {
    let value = value.map(str::to_owned);
    match key {
        "name" => image.name = value,
        "visibility" => image.visibility = value,
        "created_at" => image.created_at = value,
        "os_hash_algo" => image.os_hash_algo = value,
        _ => match value {
            Some(v) => {
                image.properties.insert(key.into(), v);
            }
            None => {
                image.properties.remove(key);
            }
        },
    }
    image
}

fn with(key: &str, value: Option<&str>) -> Image {
    set(good("Ubuntu 24.04"), key, value)
}

fn run(id: &TestcaseId, images: &[Image]) -> TestcaseResult {
    run_v(id, images, Version::V2)
}

fn run_v(id: &TestcaseId, images: &[Image], version: Version) -> TestcaseResult {
    let report = im::check(images, std::slice::from_ref(id), version, now()).unwrap();
    report.results.into_iter().next().unwrap()
}

#[track_caller]
fn verdicts(r: &TestcaseResult) -> (Outcome, Outcome) {
    (r.outcome(), r.official())
}

const PASS: (Outcome, Outcome) = (Outcome::Pass, Outcome::Pass);
const FAIL: (Outcome, Outcome) = (Outcome::Fail, Outcome::Fail);

#[track_caller]
fn assert_case(id: &TestcaseId, image: Image, expected: (Outcome, Outcome)) {
    let r = run(id, std::slice::from_ref(&image));
    assert_eq!(
        verdicts(&r),
        expected,
        "{id}: {image:?}\n{:#?}",
        r.findings()
    );
    if r.diverges() {
        assert!(
            r.findings()
                .iter()
                .any(|f| f.severity == Severity::Warning && f.message.contains("official suite")),
            "{id}: divergence without a warning: {:#?}",
            r.findings()
        );
    }
}

fn messages(r: &TestcaseResult) -> Vec<String> {
    r.findings().iter().map(|f| f.to_string()).collect()
}

// ---------------------------------------------------------------------------------------------
// The whole suite

#[test]
fn a_good_image_passes_all_twenty_testcases_in_both_versions() {
    for version in [Version::V1, Version::V2] {
        let report = im::check_all(&[good("Ubuntu 24.04")], version, now());
        assert_eq!(report.results.len(), 20);
        assert!(report.all_passed(), "{report}");
        assert!(report.all_passed_officially());
        assert_eq!(report.findings().count(), 0, "{:#?}", report.results);
    }
}

#[test]
fn testcase_lists_per_version() {
    let v1: Vec<&str> = im::main_testcases(Version::V1)
        .iter()
        .map(|i| i.as_str())
        .collect();
    assert_eq!(v1.len(), 14);
    assert_eq!(v1[0], "scs-0102-prop-architecture");
    assert_eq!(v1[13], "scs-0102-image-recency");
    assert!(!v1.contains(&"scs-0102-prop-os_purpose"));
    let v2 = im::main_testcases(Version::V2);
    assert_eq!(v2.len(), 16);
    assert!(v2.contains(&im::PROP_OS_PURPOSE) && v2.contains(&im::OS_PURPOSE_UNIQUENESS));
    assert_eq!(im::recommended_testcases(Version::V1).len(), 6);
    assert_eq!(im::recommended_testcases(Version::V2).len(), 4);
    for version in [Version::V1, Version::V2] {
        let mut all: Vec<&str> = im::main_testcases(version)
            .iter()
            .chain(im::recommended_testcases(version))
            .map(|i| i.as_str())
            .collect();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), 20);
    }
    for id in im::EXTRA_TESTCASES {
        assert!(id.as_str().starts_with("scs-validators:scs-0102-"), "{id}");
    }
}

#[test]
fn report_lines_and_unknown_ids() {
    let images = [with("hw_disk_bus", Some("ide"))];
    let report = im::check(
        &images,
        &[im::PROP_HW_DISK_BUS, im::PROP_ARCHITECTURE],
        Version::V1,
        now(),
    )
    .unwrap();
    assert_eq!(
        report.to_string(),
        "scs-0102-prop-hw_disk_bus: FAIL\nscs-0102-prop-architecture: PASS\n"
    );
    let err = im::check(
        &images,
        &[im::PROP_ARCHITECTURE, "scs-0102-prop-patchlevel".into()],
        Version::V1,
        now(),
    )
    .unwrap_err();
    assert_eq!(err, im::UnknownTestcase("scs-0102-prop-patchlevel".into()));
    let extras = im::check(&images, &im::EXTRA_TESTCASES, Version::V1, now()).unwrap();
    assert_eq!(extras.results.len(), 3);
}

#[test]
fn only_public_and_community_images_are_checked() {
    let bad = |visibility: &str| {
        set(
            set(good("x"), "architecture", Some("sparc")),
            "visibility",
            Some(visibility),
        )
    };
    for visibility in ["private", "shared"] {
        let r = im::prop_architecture(&[bad(visibility)]);
        assert_eq!(verdicts(&r), PASS, "{visibility}");
    }
    let no_visibility = set(bad("public"), "visibility", None);
    assert_eq!(verdicts(&im::prop_architecture(&[no_visibility])), PASS);
    for visibility in ["public", "community"] {
        assert_eq!(
            verdicts(&im::prop_architecture(&[bad(visibility)])),
            FAIL,
            "{visibility}"
        );
    }
}

#[test]
fn findings_name_the_image_or_its_id() {
    let images = [
        with("os_distro", None),
        set(set(good("x"), "os_distro", Some("")), "name", Some("")),
        set(set(good("y"), "os_distro", None), "name", None),
    ];
    let r = im::prop_os_distro(&images);
    let subjects: Vec<_> = r
        .findings()
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| f.subject.clone().unwrap())
        .collect();
    assert_eq!(subjects, ["Ubuntu 24.04", "id-x", "id-y"]);
    assert_eq!(
        messages(&r)[0],
        "ERROR: scs-0102-prop-os_distro: Ubuntu 24.04: `os_distro` is not set"
    );
    assert_eq!(
        messages(&r)[1],
        "ERROR: scs-0102-prop-os_distro: id-x: `os_distro` is empty"
    );
}

// ---------------------------------------------------------------------------------------------
// Examples of the standard text (digest 13.3)

#[test]
fn text_example_properties_pass() {
    // `replace_frequency=monthly`, `provided_until=2022-09-30`, `uuid_validity=2022-12-31`,
    // `hotfix_hours=0`.
    let mut image = good("OPSYS MAJ.MIN");
    for (k, v) in [
        ("replace_frequency", "monthly"),
        ("provided_until", "2022-09-30"),
        ("uuid_validity", "2022-12-31"),
        ("hotfix_hours", "0"),
    ] {
        image = set(image, k, Some(v));
    }
    let report = im::check_all(&[image], Version::V1, now());
    for r in &report.results {
        if r.id() != &im::IMAGE_RECENCY {
            assert_eq!(verdicts(r), PASS, "{}", r.id());
        }
    }
}

fn built(name: &str, date: &str, frequency: &str) -> Image {
    set(
        set(good(name), "image_build_date", Some(date)),
        "replace_frequency",
        Some(frequency),
    )
}

#[test]
fn text_example_monthly_sequence_is_valid() {
    let dates = [
        "2021-04-14",
        "2021-05-14",
        "2021-06-15",
        "2021-07-14",
        "2021-07-27",
        "2021-08-13",
    ];
    for pair in dates.windows(2) {
        let image = set(
            built("OPSYS 1", pair[0], "monthly"),
            "created_at",
            Some("2021-01-01T00:00:00Z"),
        );
        let next = parse_image_date(pair[1]).unwrap();
        let r = im::image_recency(&[image], next);
        assert_eq!(verdicts(&r), PASS, "{pair:?}");
    }
}

#[test]
fn monthly_threshold_is_34_days_2_hours_24_minutes() {
    // Text: 2021-05-14 + 3 days; the official suite: fresh until 2021-05-18T02:24:00Z.
    let image = built("OPSYS 1", "2021-04-14", "monthly");
    let r = im::image_recency(std::slice::from_ref(&image), at(2021, 5, 18, 2, 24, 0));
    assert_eq!(verdicts(&r), PASS);
    let r = im::image_recency(&[image], at(2021, 5, 18, 2, 24, 1));
    assert_eq!(verdicts(&r), FAIL);
    assert_eq!(
        messages(&r),
        [
            "WARNING: scs-0102-image-recency: OPSYS 1: outdated, but neither hidden nor renamed \
             with a marker (` YYYYMMDD`, `old`, `prev`)",
            "ERROR: scs-0102-image-recency: OPSYS 1: outdated without replacement (built \
             `2021-04-14`, `replace_frequency` `monthly`, replacement due by \
             2021-05-18T02:24:00Z); no fresh image named `OPSYS`",
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// Property vectors (digest 13.3)

#[test]
fn architecture_vectors() {
    for v in ["x86_64", "aarch64", "risc-v"] {
        assert_case(&im::PROP_ARCHITECTURE, with("architecture", Some(v)), PASS);
    }
    for v in [Some("riscv64"), Some("X86_64"), Some("i686"), None] {
        assert_case(&im::PROP_ARCHITECTURE, with("architecture", v), FAIL);
    }
    let r = run(
        &im::PROP_ARCHITECTURE,
        &[with("architecture", Some("riscv64"))],
    );
    assert_eq!(
        messages(&r),
        [
            "ERROR: scs-0102-prop-architecture: Ubuntu 24.04: `architecture` `riscv64` is not one \
          of `x86_64`, `aarch64` or `risc-v`"
        ]
    );
}

#[test]
fn hash_algo_vectors() {
    for v in ["sha256", "sha512"] {
        assert_case(&im::PROP_HASH_ALGO, with("os_hash_algo", Some(v)), PASS);
    }
    for v in [Some("md5"), Some("SHA512"), None] {
        assert_case(&im::PROP_HASH_ALGO, with("os_hash_algo", v), FAIL);
    }
}

fn disk(min_disk: Option<u64>, size: Option<u64>) -> Image {
    let mut image = good("Ubuntu 24.04");
    image.min_disk = min_disk;
    image.size = size;
    image
}

#[test]
fn min_disk_vectors() {
    assert_case(&im::PROP_MIN_DISK, disk(Some(1), Some(1 << 30)), PASS);
    assert_case(&im::PROP_MIN_DISK, disk(Some(1), Some((1 << 30) + 1)), FAIL);
    assert_case(&im::PROP_MIN_DISK, disk(Some(0), Some(1)), FAIL);
    assert_case(&im::PROP_MIN_DISK, disk(None, Some(1)), FAIL);
    assert_case(
        &im::PROP_MIN_DISK,
        disk(Some(u64::MAX), Some(u64::MAX)),
        PASS,
    );
    let r = run(&im::PROP_MIN_DISK, &[disk(Some(1), Some((1 << 30) + 1))]);
    assert_eq!(
        messages(&r),
        [
            "ERROR: scs-0102-prop-min_disk: Ubuntu 24.04: `min_disk` 1 GiB is smaller than the \
          image file (1073741825 bytes)"
        ]
    );
}

#[test]
fn min_ram_vectors() {
    let ram = |mib: Option<u64>| {
        let mut image = good("Ubuntu 24.04");
        image.min_ram = mib;
        image
    };
    assert_case(&im::PROP_MIN_RAM, ram(Some(0)), FAIL);
    assert_case(&im::PROP_MIN_RAM, ram(None), FAIL);
    assert_case(&im::PROP_MIN_RAM, ram(Some(512)), PASS);
    let r = run(&im::PROP_MIN_RAM, &[ram(Some(32))]);
    assert_eq!(verdicts(&r), PASS);
    assert_eq!(
        messages(&r),
        [
            "WARNING: scs-0102-prop-min_ram: Ubuntu 24.04: `min_ram` 32 MiB is below 64 MiB; is \
          it enough to boot?"
        ]
    );
}

#[test]
fn set_means_non_empty() {
    for (id, key) in [
        (im::PROP_OS_VERSION, "os_version"),
        (im::PROP_OS_DISTRO, "os_distro"),
        (im::PROP_IMAGE_ORIGINAL_USER, "image_original_user"),
        (im::PROP_IMAGE_DESCRIPTION, "image_description"),
        (im::PROP_PROVIDED_UNTIL, "provided_until"),
    ] {
        assert_case(&id, with(key, None), FAIL);
        assert_case(&id, with(key, Some("")), FAIL);
        assert_case(&id, with(key, Some(" ")), PASS);
    }
    // The official suite is content with any non-empty value.
    assert_case(
        &im::PROP_OS_VERSION,
        with("os_version", Some("Noble")),
        PASS,
    );
    assert_case(&im::PROP_OS_DISTRO, with("os_distro", Some("Ubuntu")), PASS);
    assert_case(
        &im::PROP_IMAGE_ORIGINAL_USER,
        with("image_original_user", Some("none")),
        PASS,
    );
    for v in ["2030-01-01", "none", "notice", "foo"] {
        assert_case(
            &im::PROP_PROVIDED_UNTIL,
            with("provided_until", Some(v)),
            PASS,
        );
    }
}

#[test]
fn hw_disk_bus_vectors() {
    for v in ["scsi", "virtio"] {
        assert_case(&im::PROP_HW_DISK_BUS, with("hw_disk_bus", Some(v)), PASS);
    }
    for v in ["ide", "", "sata", "SCSI"] {
        assert_case(&im::PROP_HW_DISK_BUS, with("hw_disk_bus", Some(v)), FAIL);
    }
    let r = run(&im::PROP_HW_DISK_BUS, &[with("hw_disk_bus", Some(""))]);
    assert_eq!(
        messages(&r),
        ["ERROR: scs-0102-prop-hw_disk_bus: Ubuntu 24.04: `hw_disk_bus` is empty"]
    );
}

#[test]
fn hypervisor_type_and_rng_model_vectors() {
    for v in [
        Some("qemu"),
        Some("kvm"),
        Some("xen"),
        Some("hyper-v"),
        Some("esxi"),
        None,
    ] {
        assert_case(&im::PROP_HYPERVISOR_TYPE, with("hypervisor_type", v), PASS);
    }
    for v in ["hyperv", "vmware", "", "lxc"] {
        assert_case(
            &im::PROP_HYPERVISOR_TYPE,
            with("hypervisor_type", Some(v)),
            FAIL,
        );
    }
    for v in [Some("virtio"), None] {
        assert_case(&im::PROP_HW_RNG_MODEL, with("hw_rng_model", v), PASS);
    }
    for v in ["", "Virtio", "none"] {
        assert_case(&im::PROP_HW_RNG_MODEL, with("hw_rng_model", Some(v)), FAIL);
    }
}

#[test]
fn os_purpose_vectors() {
    for v in [
        "generic",
        "minimal",
        "k8snode",
        "gpu",
        "network",
        "custom",
        "oldgeneric",
    ] {
        assert_case(&im::PROP_OS_PURPOSE, with("os_purpose", Some(v)), PASS);
    }
    for v in [Some("Generic"), Some(""), None] {
        assert_case(&im::PROP_OS_PURPOSE, with("os_purpose", v), FAIL);
    }
    let r = run(&im::PROP_OS_PURPOSE, &[with("os_purpose", Some("Generic"))]);
    assert_eq!(
        messages(&r),
        [
            "ERROR: scs-0102-prop-os_purpose: Ubuntu 24.04: `os_purpose` `Generic` is not one of \
          `generic`, `oldgeneric`, `minimal`, `k8snode`, `gpu`, `network` or `custom`"
        ]
    );
    let r = run_v(
        &im::PROP_OS_PURPOSE,
        &[with("os_purpose", Some("custom"))],
        Version::V1,
    );
    assert_eq!(verdicts(&r), PASS);
}

fn build(date: Option<&str>, created: Option<&str>) -> Image {
    set(with("image_build_date", date), "created_at", created)
}

#[test]
fn image_build_date_vectors() {
    let created = Some("2024-05-01T10:00:00Z");
    for d in [
        "2024-05-01",
        "2024-05-01 10:00",
        "2024-05-01 10:00:00",
        "2024-05-01T10:00:00Z",
    ] {
        assert_case(&im::PROP_IMAGE_BUILD_DATE, build(Some(d), created), PASS);
    }
    for d in [
        Some("2024-05-01 10:00:01"),
        Some("garbage"),
        None,
        Some("1970-01-01"),
    ] {
        assert_case(&im::PROP_IMAGE_BUILD_DATE, build(d, created), FAIL);
    }
    // In the future.
    assert_case(
        &im::PROP_IMAGE_BUILD_DATE,
        build(Some("2026-01-01"), Some("2026-02-01T00:00:00Z")),
        FAIL,
    );
    // No valid build date: the registration time must not be in the future either.
    let r = run(
        &im::PROP_IMAGE_BUILD_DATE,
        &[build(Some("garbage"), Some("2026-02-01T00:00:00Z"))],
    );
    assert_eq!(
        messages(&r),
        [
            "ERROR: scs-0102-prop-image_build_date: Ubuntu 24.04: `image_build_date` `garbage` \
             is not a date (`YYYY-MM-DD` or `YYYY-MM-DD hh:mm[:ss]`)",
            "ERROR: scs-0102-prop-image_build_date: Ubuntu 24.04: the registration time \
             `2026-02-01T00:00:00Z` is in the future",
        ]
    );
    let r = run(
        &im::PROP_IMAGE_BUILD_DATE,
        &[build(Some("2024-05-01 10:00:01"), created)],
    );
    assert_eq!(
        messages(&r),
        [
            "ERROR: scs-0102-prop-image_build_date: Ubuntu 24.04: `image_build_date` \
          `2024-05-01 10:00:01` is after the registration time `2024-05-01T10:00:00Z`"
        ]
    );
}

#[test]
fn image_build_date_against_an_unreadable_registration_time() {
    // The official suite reads it as 1970: any later build date counts as after it.
    let r = run(
        &im::PROP_IMAGE_BUILD_DATE,
        &[build(Some("2024-05-01"), Some("2024-05-01 10:00:00"))],
    );
    assert_eq!(verdicts(&r), FAIL);
    assert_eq!(
        messages(&r),
        [
            "ERROR: scs-0102-prop-image_build_date: Ubuntu 24.04: `created_at` \
          `2024-05-01 10:00:00` is not a registration time (`YYYY-MM-DDThh:mm:ssZ`), so \
          `image_build_date` `2024-05-01` counts as later"
        ]
    );
    // Before 1970 is not later.
    assert_case(
        &im::PROP_IMAGE_BUILD_DATE,
        build(Some("1969-12-31"), Some("garbage")),
        PASS,
    );
}

#[test]
fn image_source_vectors() {
    for v in [
        "private",
        "https://x",
        "http://x",
        "ftp://x",
        "ftps://x",
        "https://",
    ] {
        assert_case(&im::PROP_IMAGE_SOURCE, with("image_source", Some(v)), PASS);
    }
    for v in [
        Some("Private"),
        Some("HTTPS://x"),
        Some("s3://x"),
        Some(""),
        None,
    ] {
        assert_case(&im::PROP_IMAGE_SOURCE, with("image_source", v), FAIL);
    }
}

#[test]
fn replace_frequency_vectors() {
    for v in [
        "yearly",
        "quarterly",
        "monthly",
        "weekly",
        "daily",
        "critical_bug",
        "never",
    ] {
        assert_case(
            &im::PROP_REPLACE_FREQUENCY,
            with("replace_frequency", Some(v)),
            PASS,
        );
    }
    for v in [Some("Monthly"), Some("biweekly"), None] {
        assert_case(
            &im::PROP_REPLACE_FREQUENCY,
            with("replace_frequency", v),
            FAIL,
        );
    }
}

#[test]
fn uuid_validity_vectors() {
    for v in [
        "none",
        "notice",
        "forever",
        "last-3",
        "last-0",
        "last-٣",
        "2030-01-01",
        "2030-01-01 10:00",
        "2030-01-01T10:00:00Z",
    ] {
        assert_case(
            &im::PROP_UUID_VALIDITY,
            with("uuid_validity", Some(v)),
            PASS,
        );
    }
    for v in [
        "NONE",
        "Forever",
        "last-",
        "last-x",
        "",
        "1970-01-01",
        "last--1",
    ] {
        assert_case(
            &im::PROP_UUID_VALIDITY,
            with("uuid_validity", Some(v)),
            FAIL,
        );
    }
}

#[test]
fn hotfix_hours_vectors() {
    for v in [None, Some(""), Some("0"), Some("48"), Some("٤٨")] {
        assert_case(&im::PROP_HOTFIX_HOURS, with("hotfix_hours", v), PASS);
    }
    for v in ["-1", "4.5", "+48", " 48", "48h"] {
        assert_case(&im::PROP_HOTFIX_HOURS, with("hotfix_hours", Some(v)), FAIL);
    }
    let r = run(&im::PROP_HOTFIX_HOURS, &[with("hotfix_hours", Some("4.5"))]);
    assert_eq!(
        messages(&r),
        [
            "ERROR: scs-0102-prop-hotfix_hours: Ubuntu 24.04: `hotfix_hours` `4.5` is not a whole \
          number of hours"
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// Recency vectors (digest 13.3; `provided_until=2030-01-01` unless noted)

fn recency(images: &[Image]) -> TestcaseResult {
    im::image_recency(images, now())
}

fn hidden(mut image: Image) -> Image {
    image.os_hidden = true;
    image
}

#[test]
fn recency_by_frequency() {
    assert_eq!(
        verdicts(&recency(&[built("Ubuntu 24.04", "2024-11-28", "monthly")])),
        PASS
    );
    let r = recency(&[built("Ubuntu 24.04", "2024-11-27", "monthly")]);
    assert_eq!(verdicts(&r), FAIL);
    assert_eq!(r.findings()[0].severity, Severity::Warning);
    assert_eq!(
        verdicts(&recency(&[built("X 1", "2024-12-24", "weekly")])),
        PASS
    );
    assert_eq!(
        verdicts(&recency(&[built("X 1", "2024-12-23", "weekly")])),
        FAIL
    );
    assert_eq!(
        verdicts(&recency(&[built("X 1", "2024-12-30 21:00", "daily")])),
        PASS
    );
    assert_eq!(
        verdicts(&recency(&[built("X 1", "2024-12-30 20:00", "daily")])),
        FAIL
    );
    assert_eq!(
        verdicts(&recency(&[built("X 1", "2024-10-01", "quarterly")])),
        PASS
    );
    assert_eq!(
        verdicts(&recency(&[built("X 1", "2024-09-01", "quarterly")])),
        FAIL
    );
    assert_eq!(
        verdicts(&recency(&[built("X 1", "2023-11-27", "yearly")])),
        PASS
    );
    assert_eq!(
        verdicts(&recency(&[built("X 1", "2023-11-25", "yearly")])),
        FAIL
    );
    for frequency in ["never", "critical_bug"] {
        assert_eq!(
            verdicts(&recency(&[built("X 1", "2001-01-01", frequency)])),
            PASS
        );
    }
    // Q-RC10: a build date in the future is fresh here (scs-0102-prop-image_build_date fails it).
    assert_eq!(
        verdicts(&recency(&[built("X 1", "2026-01-01", "daily")])),
        PASS
    );
    let absent = set(built("X 1", "2001-01-01", "x"), "replace_frequency", None);
    assert_eq!(verdicts(&recency(&[absent])), PASS);
    // An unknown keyword is not judged here (scs-0102-prop-replace_frequency fails it).
    let r = recency(&[built("X 1", "2001-01-01", "biweekly")]);
    assert_eq!(verdicts(&r), PASS);
    assert_eq!(
        messages(&r),
        ["WARNING: scs-0102-image-recency: X 1: `replace_frequency` `biweekly` is not a keyword, \
          so its recency cannot be judged"]
    );
}

#[test]
fn recency_counts_from_registration_without_a_build_date() {
    let image = set(
        set(
            built("X 1", "garbage", "monthly"),
            "created_at",
            Some("2024-12-20T08:00:00Z"),
        ),
        "x",
        None,
    );
    assert_eq!(verdicts(&recency(std::slice::from_ref(&image))), PASS);
    let old = set(image, "created_at", Some("2024-01-01T00:00:00Z"));
    assert_eq!(verdicts(&recency(std::slice::from_ref(&old))), FAIL);
    // Neither: counted from 1970.
    let unknown = set(old, "created_at", Some("garbage"));
    let r = recency(&[unknown]);
    assert_eq!(verdicts(&r), FAIL);
    assert!(
        r.findings()[1].message.contains("of unknown age"),
        "{:#?}",
        r.findings()
    );
}

fn outdated(name: &str) -> Image {
    built(name, "2024-10-01", "monthly")
}

fn fresh(name: &str) -> Image {
    built(name, "2024-12-19", "monthly")
}

#[test]
fn recency_provided_until() {
    for v in ["none", "notice", "2024-12-31"] {
        let r = recency(&[set(outdated("X 1"), "provided_until", Some(v))]);
        assert_eq!(verdicts(&r), PASS, "{v}");
    }
    let r = recency(&[set(outdated("X 1"), "provided_until", Some("foo"))]);
    assert_eq!(verdicts(&r), FAIL);
    assert_eq!(
        messages(&r),
        ["ERROR: scs-0102-image-recency: X 1: outdated (built `2024-10-01`, `replace_frequency` \
          `monthly`, replacement due by 2024-11-04T02:24:00Z), and `provided_until` `foo` is not \
          a date"]
    );
    // The instant 00:00:00 of that day still counts as provided; one second later it does not.
    let last_day = set(outdated("X 1"), "provided_until", Some("2025-01-01"));
    let r = im::image_recency(std::slice::from_ref(&last_day), now());
    assert_eq!(verdicts(&r), FAIL);
    let r = im::image_recency(&[last_day], now() + Duration::seconds(1));
    assert_eq!(verdicts(&r), PASS);
}

#[test]
fn recency_replacements_and_markers() {
    // Marker date, `old`: fine with a fresh replacement, no warning.
    for old in [
        "Ubuntu 24.04 20241001",
        "Ubuntu 24.04 old",
        "Ubuntu 24.04 prev",
        "Ubuntu 24.04 2024-10-01",
    ] {
        let r = recency(&[outdated(old), fresh("Ubuntu 24.04")]);
        assert_eq!(verdicts(&r), PASS, "{old}");
        assert!(
            r.findings().iter().all(|f| f.severity == Severity::Info),
            "{old}: {:#?}",
            r.findings()
        );
    }
    // Not a recognised marker: a warning, still replaced.
    let r = recency(&[outdated("Ubuntu 24.04 (old)"), fresh("Ubuntu 24.04")]);
    assert_eq!(verdicts(&r), PASS);
    assert_eq!(
        messages(&r),
        [
            "WARNING: scs-0102-image-recency: Ubuntu 24.04 (old): outdated, but neither hidden \
             nor renamed with a marker (` YYYYMMDD`, `old`, `prev`)",
            "INFO: scs-0102-image-recency: Ubuntu 24.04 (old): outdated; replaced by \
             `Ubuntu 24.04`",
        ]
    );
    // The replacement is outdated too: both fail.
    let r = recency(&[outdated("Ubuntu 24.04 old"), outdated("Ubuntu 24.04")]);
    assert_eq!(verdicts(&r), FAIL);
    let errors = r
        .findings()
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    assert_eq!(errors, 2);
    // The "replacement" is just the name minus its last word.
    assert_eq!(
        verdicts(&recency(&[outdated("Ubuntu 24.04"), fresh("Ubuntu")])),
        PASS
    );
    // Lenient marker dates; 1970-01-01 is no date to the official suite.
    for marker in ["202415", "2024105"] {
        let r = recency(&[
            outdated(&format!("Ubuntu 24.04 {marker}")),
            fresh("Ubuntu 24.04"),
        ]);
        assert!(
            r.findings().iter().all(|f| f.severity == Severity::Info),
            "{marker}"
        );
    }
    let r = recency(&[outdated("Ubuntu 24.04 19700101"), fresh("Ubuntu 24.04")]);
    assert_eq!(r.findings()[0].severity, Severity::Warning);
}

/// `image` with the id `id`.
fn with_id(mut image: Image, id: &str) -> Image {
    image.id = id.to_owned();
    image
}

#[test]
fn recency_quotes_the_id_of_the_last_image_of_a_name() {
    // Ids of several lengths: each later one replaces the one before.
    let images = [
        with_id(fresh("Debian 12"), "first-id"),
        with_id(fresh("Ubuntu 24.04"), "only"),
        with_id(fresh("Debian 12"), "second"),
        with_id(fresh("Debian 12"), "the-third-and-last"),
        with_id(fresh("Ubuntu 22.04"), "one"),
        with_id(fresh("Ubuntu 22.04"), "two"),
    ];
    let r = recency(&images);
    assert_eq!(
        messages(&r),
        [
            "WARNING: scs-0102-image-recency: Debian 12: 3 images share this name; a lookup \
             by name finds the last one (id `the-third-and-last`)",
            "WARNING: scs-0102-image-recency: Ubuntu 22.04: 2 images share this name; a lookup \
             by name finds the last one (id `two`)",
        ]
    );
    // An image whose name is empty is named by its id, also as a replacement: `X old` looks
    // for `X`, ` old` for the empty name.
    let images = [
        with_id(fresh(""), "empty-name-id"),
        with_id(outdated(" old"), "outdated-id"),
    ];
    let r = recency(&images);
    assert_eq!(verdicts(&r), PASS);
    assert_eq!(
        messages(&r),
        ["INFO: scs-0102-image-recency:  old: outdated; replaced by `empty-name-id`"]
    );
}

#[test]
fn recency_duplicate_names_last_one_wins() {
    let images = [
        fresh("Ubuntu 24.04"),
        outdated("Ubuntu 24.04"),
        outdated("Ubuntu 24.04 old"),
    ];
    let r = recency(&images);
    assert_eq!(verdicts(&r), FAIL);
    assert_eq!(
        messages(&r)[0],
        "WARNING: scs-0102-image-recency: Ubuntu 24.04: 2 images share this name; a lookup by \
         name finds the last one (id `id-Ubuntu 24.04`)"
    );
    // The other way round, the fresh one is found.
    let images = [
        outdated("Ubuntu 24.04"),
        fresh("Ubuntu 24.04"),
        outdated("Ubuntu 24.04 old"),
    ];
    let r = recency(&images);
    let old = r
        .findings()
        .iter()
        .filter(|f| f.subject.as_deref() == Some("Ubuntu 24.04 old"))
        .map(|f| f.severity)
        .collect::<Vec<_>>();
    assert_eq!(old, [Severity::Info]);
}

#[test]
fn recency_the_text_example_threshold_for_the_digest_vectors() {
    // `Ubuntu 24.04` built 2024-11-27, monthly: fail without replacement, plus the warning.
    let r = recency(&[built("Ubuntu 24.04", "2024-11-27", "monthly")]);
    assert_eq!(
        r.findings().iter().map(|f| f.severity).collect::<Vec<_>>(),
        [Severity::Warning, Severity::Error]
    );
}

// ---------------------------------------------------------------------------------------------
// Uniqueness vectors (digest 13.3)

fn generic(name: &str) -> Image {
    set(good(name), "os_purpose", Some("generic"))
}

fn uniqueness(images: &[Image]) -> (Outcome, Outcome) {
    verdicts(&im::os_purpose_uniqueness(images))
}

#[test]
fn uniqueness_vectors() {
    assert_eq!(uniqueness(&[generic("a"), generic("b")]), FAIL);
    assert_eq!(uniqueness(&[generic("a"), hidden(generic("b"))]), PASS);
    assert_eq!(
        uniqueness(&[
            generic("a"),
            set(generic("b"), "visibility", Some("community"))
        ]),
        PASS
    );
    assert_eq!(
        uniqueness(&[
            generic("a"),
            set(generic("b"), "architecture", Some("aarch64"))
        ]),
        PASS
    );
    assert_eq!(
        uniqueness(&[
            set(generic("a"), "architecture", None),
            set(generic("b"), "architecture", Some("")),
        ]),
        FAIL
    );
    assert_eq!(
        uniqueness(&[generic("a"), set(generic("b"), "os_distro", Some("Ubuntu"))]),
        PASS
    );
    assert_eq!(
        uniqueness(&[
            generic("a"),
            set(generic("b"), "os_purpose", Some("oldgeneric"))
        ]),
        PASS
    );
    assert_eq!(
        uniqueness(&[
            generic("a"),
            set(generic("b"), "os_purpose", Some("Generic"))
        ]),
        PASS
    );
    assert_eq!(
        uniqueness(&[
            set(generic("a"), "os_version", None),
            set(generic("b"), "os_version", None),
        ]),
        PASS
    );
    let r = im::os_purpose_uniqueness(&[generic("a"), generic("b"), generic("c")]);
    assert_eq!(r.findings().len(), 3);
    assert_eq!(
        messages(&r)[2],
        "ERROR: scs-0102-os_purpose-uniqueness: c: one of 3 public visible images with \
         `os_purpose` `generic` for architecture `x86_64`, `os_distro` `ubuntu`, `os_version` \
         `24.04`"
    );
}

// ---------------------------------------------------------------------------------------------
// Divergences from the official suite (each one of the module docs' table)

#[track_caller]
fn warning_text(r: &TestcaseResult) -> String {
    r.findings()
        .iter()
        .find(|f| f.severity == Severity::Warning && f.message.contains("official suite"))
        .map(|f| f.to_string())
        .expect("a warning about the official suite")
}

#[test]
fn divergence_hw_disk_bus_absent() {
    let r = run(&im::PROP_HW_DISK_BUS, &[with("hw_disk_bus", None)]);
    assert_eq!(verdicts(&r), (Outcome::Fail, Outcome::Pass));
    assert_eq!(
        messages(&r),
        [
            "ERROR: scs-0102-prop-hw_disk_bus: Ubuntu 24.04: `hw_disk_bus` is not set (the \
             standard makes it mandatory)",
            "WARNING: scs-0102-prop-hw_disk_bus: Ubuntu 24.04: the official suite accepts an \
             image without `hw_disk_bus`",
        ]
    );
}

#[test]
fn divergence_uuid_validity_absent() {
    let r = run(&im::PROP_UUID_VALIDITY, &[with("uuid_validity", None)]);
    assert_eq!(verdicts(&r), (Outcome::Fail, Outcome::Pass));
    assert_eq!(
        warning_text(&r),
        "WARNING: scs-0102-prop-uuid_validity: Ubuntu 24.04: the official suite accepts an image \
         without `uuid_validity`"
    );
}

#[test]
fn divergence_oldgeneric_under_v1() {
    let images = [with("os_purpose", Some("oldgeneric"))];
    let r = run_v(&im::PROP_OS_PURPOSE, &images, Version::V1);
    assert_eq!(verdicts(&r), (Outcome::Fail, Outcome::Pass));
    assert_eq!(
        messages(&r),
        [
            "ERROR: scs-0102-prop-os_purpose: Ubuntu 24.04: `os_purpose` `oldgeneric` is a v2 \
             value; v1 allows `generic`, `minimal`, `k8snode`, `gpu`, `network` or `custom`",
            "WARNING: scs-0102-prop-os_purpose: Ubuntu 24.04: the official suite accepts \
             `os_purpose` `oldgeneric` under v1 too",
        ]
    );
    assert_eq!(verdicts(&im::prop_os_purpose(&images, Version::V2)), PASS);
}

#[test]
fn divergence_size_null() {
    let r = run(&im::PROP_MIN_DISK, &[disk(Some(8), None)]);
    assert_eq!(verdicts(&r), (Outcome::Pass, Outcome::Abort));
    assert_eq!(
        warning_text(&r),
        "WARNING: scs-0102-prop-min_disk: Ubuntu 24.04: the official suite crashes on this image \
         (it has no `size`, which the suite compares with `min_disk`; the standard asks only for \
         `min_disk`, which is set), so it reports this testcase as ABORT"
    );
    // Without `min_disk` the suite does not get to the comparison.
    assert_eq!(
        verdicts(&run(&im::PROP_MIN_DISK, &[disk(Some(0), None)])),
        FAIL
    );
}

#[test]
fn divergence_created_at_null() {
    let r = run(
        &im::PROP_IMAGE_BUILD_DATE,
        &[build(Some("2024-05-01"), None)],
    );
    assert_eq!(verdicts(&r), (Outcome::Fail, Outcome::Abort));
    assert_eq!(
        messages(&r),
        [
            "ERROR: scs-0102-prop-image_build_date: Ubuntu 24.04: `created_at` is not set, so \
             the registration time is unknown",
            "WARNING: scs-0102-prop-image_build_date: Ubuntu 24.04: the official suite crashes \
             on this image (it has no `created_at`), so it reports this testcase as ABORT",
        ]
    );
    // Recency: only without a valid build date does the suite read `created_at`.
    let ok = set(fresh("X 1"), "created_at", None);
    assert_eq!(verdicts(&recency(&[ok])), PASS);
    let never = set(
        set(built("X 1", "garbage", "never"), "created_at", None),
        "x",
        None,
    );
    assert_eq!(
        verdicts(&recency(&[never])),
        (Outcome::Pass, Outcome::Abort)
    );
    let monthly = set(built("X 1", "garbage", "monthly"), "created_at", None);
    let r = recency(&[monthly]);
    assert_eq!(verdicts(&r), (Outcome::Fail, Outcome::Abort));
    assert!(r
        .findings()
        .iter()
        .any(|f| f.message.contains("of unknown age")));
}

#[test]
fn divergence_outdated_without_provided_until() {
    let r = recency(&[set(outdated("X 1"), "provided_until", None)]);
    assert_eq!(verdicts(&r), (Outcome::Fail, Outcome::Abort));
    assert_eq!(
        messages(&r),
        [
            "WARNING: scs-0102-image-recency: X 1: the official suite crashes on this image (it \
             is outdated and has no `provided_until`), so it reports this testcase as ABORT",
            "ERROR: scs-0102-image-recency: X 1: outdated (built `2024-10-01`, \
             `replace_frequency` `monthly`, replacement due by 2024-11-04T02:24:00Z), and \
             `provided_until` is not set",
        ]
    );
    // A fresh image needs no `provided_until` here.
    assert_eq!(
        verdicts(&recency(&[set(fresh("X 1"), "provided_until", None)])),
        PASS
    );
}

#[test]
fn divergence_hidden_outdated_image_renamed_in_place() {
    // Q-RC1: the practice the text recommends.
    let r = recency(&[hidden(outdated("Ubuntu 24.04")), fresh("Ubuntu 24.04")]);
    assert_eq!(verdicts(&r), (Outcome::Pass, Outcome::Fail));
    assert_eq!(
        messages(&r),
        [
            "WARNING: scs-0102-image-recency: Ubuntu 24.04: 2 images share this name; a lookup \
             by name finds the last one (id `id-Ubuntu 24.04`)",
            "INFO: scs-0102-image-recency: Ubuntu 24.04: outdated and hidden; a fresh visible \
             image of the same name replaces it",
            "WARNING: scs-0102-image-recency: Ubuntu 24.04: the official suite reports this \
             image as outdated without replacement: it looks for a fresh image named `Ubuntu`",
        ]
    );
    // With an image named like it minus its last word, both readings pass.
    let r = recency(&[
        hidden(outdated("Ubuntu 24.04")),
        fresh("Ubuntu 24.04"),
        fresh("Ubuntu"),
    ]);
    assert_eq!(verdicts(&r), PASS);
    // A hidden twin does not count, nor does an outdated one.
    let r = recency(&[
        hidden(outdated("Ubuntu 24.04")),
        hidden(fresh("Ubuntu 24.04")),
    ]);
    assert_eq!(verdicts(&r), FAIL);
    let r = recency(&[hidden(outdated("Ubuntu 24.04")), outdated("Ubuntu 24.04")]);
    assert_eq!(verdicts(&r), FAIL);
    // Hidden without a fresh twin: no warning about markers, but no replacement either.
    let r = recency(&[hidden(outdated("Ubuntu 24.04"))]);
    assert_eq!(
        r.findings().iter().map(|f| f.severity).collect::<Vec<_>>(),
        [Severity::Error]
    );
}

#[test]
fn divergence_offenders_without_a_name() {
    let nameless = set(with("architecture", Some("sparc")), "name", None);
    let r = im::prop_architecture(std::slice::from_ref(&nameless));
    assert_eq!(verdicts(&r), (Outcome::Fail, Outcome::Abort));
    assert_eq!(
        messages(&r),
        [
            "ERROR: scs-0102-prop-architecture: id-Ubuntu 24.04: `architecture` `sparc` is not \
             one of `x86_64`, `aarch64` or `risc-v`",
            "WARNING: scs-0102-prop-architecture: id-Ubuntu 24.04: the official suite crashes on \
             this image (it has no name, and the suite joins the names of the offending images), \
             so it reports this testcase as ABORT",
        ]
    );
    // A warning line joins names too.
    let mut low = set(good("x"), "name", None);
    low.min_ram = Some(32);
    assert_eq!(
        verdicts(&im::prop_min_ram(&[low])),
        (Outcome::Pass, Outcome::Abort)
    );
    // Testcases that name images one by one do not crash.
    let r = im::prop_hotfix_hours(&[set(
        set(good("x"), "hotfix_hours", Some("-1")),
        "name",
        None,
    )]);
    assert_eq!(verdicts(&r), FAIL);
    // A nameless image that does not offend is no problem.
    assert_eq!(
        verdicts(&im::prop_architecture(&[set(good("x"), "name", None)])),
        PASS
    );
    // Uniqueness lists the offenders by name as well.
    let r = im::os_purpose_uniqueness(&[set(generic("a"), "name", None), generic("b")]);
    assert_eq!(verdicts(&r), (Outcome::Fail, Outcome::Abort));
}

#[test]
fn divergence_recency_without_names() {
    // An outdated image without a name.
    let r = recency(&[set(outdated("x"), "name", None)]);
    assert_eq!(verdicts(&r), (Outcome::Fail, Outcome::Abort));
    assert!(messages(&r)
        .iter()
        .any(|m| m.ends_with("it has no name to find a replacement by")));
    let r = recency(&[hidden(set(outdated("x"), "name", None))]);
    assert_eq!(verdicts(&r), (Outcome::Fail, Outcome::Abort));
    // Two images without a name: the duplicate-name line crashes.
    let r = recency(&[set(fresh("a"), "name", None), set(fresh("b"), "name", None)]);
    assert_eq!(verdicts(&r), (Outcome::Pass, Outcome::Abort));
    assert_eq!(
        messages(&r),
        [
            "WARNING: scs-0102-image-recency: the official suite crashes on 2 images without a \
          name (it joins duplicate names into one line), so it reports this testcase as ABORT"
        ]
    );
    // One is fine.
    assert_eq!(verdicts(&recency(&[set(fresh("a"), "name", None)])), PASS);
}

// ---------------------------------------------------------------------------------------------
// Beyond the official suite

#[test]
fn extras_warn_only() {
    let both = set(
        set(good("w"), "license_included", Some("true")),
        "license_required",
        Some("True"),
    );
    let one = set(good("l"), "license_included", Some("true"));
    let mut untagged = set(good("u"), "os_distro", Some("Ubuntu"));
    untagged.tags = vec!["os:".into(), "managed_by_x".into()];
    let report = im::check_extras(&[both, one, untagged]);
    assert!(report.all_passed());
    // Not official testcases: the official suite has no such id and would report ABORT.
    assert!(report
        .results
        .iter()
        .all(|r| !r.id().is_official() && r.official() == Outcome::Abort));
    let lines: Vec<String> = report.findings().map(|f| f.to_string()).collect();
    assert_eq!(
        lines,
        [
            "WARNING: scs-validators:scs-0102-license-pair: w: `license_included` and \
             `license_required` are both true; the standard says they cannot be true at the same \
             time",
            "WARNING: scs-validators:scs-0102-recommended-tags: u: no `os:OPERATINGSYSTEM` tag \
             (recommended)",
            "WARNING: scs-validators:scs-0102-os_distro-lowercase: u: `os_distro` `Ubuntu` is \
             not lowercase as OpenStack's values are (`ubuntu`)",
        ]
    );
    let mut bare = good("b");
    bare.tags.clear();
    assert_eq!(
        im::recommended_tags(&[bare]).findings()[0].message,
        "no `managed_by_VENDOR` and no `os:OPERATINGSYSTEM` tag (both recommended)"
    );
}

// ---------------------------------------------------------------------------------------------
// Scale: the checks stay linear

#[test]
fn many_images_with_shared_names() {
    let n = 20_000;
    let mut images = Vec::with_capacity(n);
    for i in 0..n {
        let mut image = if i % 2 == 0 {
            outdated(&format!("Distro {} old", (i / 2) % 500))
        } else {
            fresh(&format!("Distro {}", (i / 2) % 500))
        };
        image.id = format!("id-{i}");
        image
            .properties
            .insert("os_purpose".into(), "generic".into());
        images.push(image);
    }
    let report = im::check_all(&images, Version::V2, now());
    assert_eq!(report.results.len(), 20);
    let recency = report.get("scs-0102-image-recency").unwrap();
    assert_eq!(verdicts(recency), PASS);
    let uniqueness = report.get("scs-0102-os_purpose-uniqueness").unwrap();
    assert_eq!(uniqueness.findings().len(), n);
}

// ---------------------------------------------------------------------------------------------
// The date grammar

#[test]
fn date_grammar_examples() {
    let t = |s: &str| parse_image_date(s).map(|d| d.to_rfc3339());
    assert_eq!(
        t("2024-05-01").as_deref(),
        Some("2024-05-01T00:00:00+00:00")
    );
    assert_eq!(
        t("2024-5-1 9:3").as_deref(),
        Some("2024-05-01T09:03:00+00:00")
    );
    assert_eq!(
        t("2024-05-01t10:00:00z").as_deref(),
        Some("2024-05-01T10:00:00+00:00")
    );
    assert_eq!(
        t("2024-05-01  10:00").as_deref(),
        Some("2024-05-01T10:00:00+00:00")
    );
    assert_eq!(
        t("2024-05-01 23:59:60").as_deref(),
        Some("2024-05-02T00:00:00+00:00")
    );
    assert_eq!(
        t("1970-01-01").as_deref(),
        Some("1970-01-01T00:00:00+00:00")
    );
    for bad in [
        " 2024-05-01",
        "2024-05-01 ",
        "2024-05-01 10:00:00.5",
        "2024-05-01T10:00:00+00:00",
        "2024-05-01T10:00:00",
        "20240501",
        "2024-02-30",
        "2024-05-01 24:00",
        "24-05-01",
        "",
    ] {
        assert_eq!(t(bad), None, "{bad:?}");
    }
    assert_eq!(
        parse_date_as("20240501", DateFormat::CompactDate).map(|d| d.day()),
        Some(1)
    );
    assert_eq!(DateFormat::Timestamp.strptime(), "%Y-%m-%dT%H:%M:%SZ");
    assert_eq!(DateFormat::IMAGE_DATE.len(), 4);
}

fn any_date() -> impl Strategy<Value = NaiveDate> {
    (1i32..=9999, 1u32..=12, 1u32..=31).prop_filter_map("a calendar date", |(y, m, d)| {
        NaiveDate::from_ymd_opt(y, m, d)
    })
}

proptest! {
    #[test]
    fn prop_every_date_formats_and_parses_back(date in any_date()) {
        let text = date.format("%Y-%m-%d").to_string();
        let parsed = parse_image_date(&text).unwrap();
        prop_assert_eq!(parsed.date_naive(), date);
        prop_assert_eq!(parsed.num_seconds_from_midnight(), 0);
        let compact = date.format("%Y%m%d").to_string();
        prop_assert_eq!(parse_date_as(&compact, DateFormat::CompactDate), Some(parsed));
    }

    #[test]
    fn prop_every_timestamp_parses_back(date in any_date(), h in 0u32..24, mi in 0u32..60, s in 0u32..60) {
        let t = date.and_hms_opt(h, mi, s).unwrap().and_utc();
        for format in ["%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%d %H:%M:%S"] {
            let text = t.format(format).to_string();
            prop_assert_eq!(parse_image_date(&text), Some(t), "{}", text);
        }
        let minutes = t.format("%Y-%m-%d %H:%M").to_string();
        prop_assert_eq!(parse_image_date(&minutes), Some(t - Duration::seconds(i64::from(s))));
    }

    #[test]
    fn prop_unpadded_variants_are_accepted(date in any_date(), h in 0u32..24, mi in 0u32..60) {
        let text = format!(
            "{:04}-{}-{} {}:{}",
            date.year(), date.month(), date.day(), h, mi
        );
        let expected = date.and_hms_opt(h, mi, 0).unwrap().and_utc();
        prop_assert_eq!(parse_image_date(&text), Some(expected));
    }

    #[test]
    fn prop_surrounding_whitespace_is_rejected(
        date in any_date(),
        pad in prop::sample::select(vec![" ", "\t", "\n", "\u{a0}", "\u{1c}"]),
        before in any::<bool>(),
    ) {
        let core = date.format("%Y-%m-%d").to_string();
        let text = if before { format!("{pad}{core}") } else { format!("{core}{pad}") };
        prop_assert_eq!(parse_image_date(&text), None);
    }

    #[test]
    fn prop_image_date_is_the_first_format_that_parses(s in "[0-9: Tt-]{0,22}|\\PC{0,24}") {
        let first = DateFormat::IMAGE_DATE.iter().find_map(|&f| parse_date_as(&s, f));
        prop_assert_eq!(parse_image_date(&s), first);
        if let Some(t) = first {
            prop_assert!(s.len() >= 8 && !s.starts_with(char::is_whitespace), "{:?} -> {}", s, t);
        }
    }
}
