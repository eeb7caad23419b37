//! Benchmarks of the IaaS checks over cloud-sized inputs: scs-0102 image metadata, parsing
//! Glance's image list, and scs-0103 standard flavors.
//!
//! One group per module, each case `<operation>/<size>` with the throughput in images (or
//! flavors) per iteration. Every case checks its result once before it is measured.
//!
//! - `image_metadata`: `check_all` (v1, all 20 testcases) and `image_recency` alone over the
//!   first 1k, 10k and 100k images of one generated list, already parsed; and
//!   `check_all_v1_lean` over the same images read as `LeanImageList` (only what the checks
//!   read, as `scs-check iaas` reads them).
//! - `image_json`: `parse`, `serde_json::from_slice::<ImageList>` over the Glance API JSON of
//!   the first 10k and 100k images (18 and 184 MB: about 1.8 kB per image, as Glance prints
//!   them); `parse_lean`, `serde_json::from_str::<LeanImageList>` over the same text;
//!   `read_common`, `LeanImageList::read_common`, the way `scs-check iaas` reads it;
//!   `read_streaming`, `LeanImageListReader` fed the same text in 64 KiB pieces, forgetting the
//!   images after each piece (so that it reads them into the memory of those before) and only
//!   counting them; `read_and_check`, the same reading with each piece's images checked by
//!   the image testcases of the default IaaS certificate (scs-0102 and scs-0104, through
//!   `testcases::Run`), as `scs-check iaas` does without the file and the printing; and
//!   `tokenize`, a floor for any reader of this kind: [`tokenize`] walks the
//!   same text, token by token, finding each string's end as `read_common` does, but builds
//!   nothing.
//! - `standard_images`: `check_official` (the 18 official scs-0104 testcases) over the same
//!   1k, 10k and 100k parsed images.
//! - `standard_flavors`: `check_mandatory` over 10k flavors.
//!
//! The images are generated deterministically, image `i` from `i` alone, so every size is a
//! prefix of the larger ones. They look like a public Glance catalogue: series of ten
//! generations of one image (Ubuntu, Debian, AlmaLinux, …, in several variants), the newest
//! fresh, older ones renamed with a date or `old`/`prev` marker, hidden under the same name, or
//! left as they were (duplicate names); about 50 keys per image, 30 of them additional
//! properties; mostly `public`, some `community`, `private` and `shared`; and about 4 % of the
//! images with one defect of the 24 kinds in [`Defect`]. No image makes the official Python
//! suite crash (every image has a name, a `size`, a `created_at` and a `provided_until`), so the
//! same list serves as the input of its baseline.
//!
//! Set `SCS_BENCH_WRITE_IMAGES=DIR` to also write the 100k list to `DIR/images.json` (for
//! timing `scs-check iaas DIR` and the Python baseline on the same images).
//!
//! Run with `cargo bench --bench iaas`; pin to one core for comparable numbers
//! (`taskset -c 1 cargo bench --bench iaas`). `cargo bench --bench iaas -- --test` runs each
//! case once.

use std::collections::BTreeSet;
use std::hint::black_box;
use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use scs_validators::image_metadata::{self, Version};
use scs_validators::input::{Flavor, Image, ImageList, LeanImageList, LeanImageListReader};
use scs_validators::report::Outcome;
use scs_validators::standard_flavors::{self, MANDATORY};
use scs_validators::standard_images;
use scs_validators::testcases::{self, CloudData};

/// The instant the checks measure against: 2025-07-01T00:00:00Z.
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 7, 1, 0, 0, 0).unwrap()
}

const HOUR: i64 = 3600;
const DAY: i64 = 24 * HOUR;
/// Images of one series (generations of the same image).
const GENERATIONS: u64 = 10;

/// splitmix64: the `k`-th random word of image (or series) `i`.
fn rand(i: u64, k: u64) -> u64 {
    let mut z = i
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .wrapping_add(k.wrapping_mul(0xD1B5_4A32_D192_ED03))
        .wrapping_add(0x2545_F491_4F6C_DD1D);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// (display name, `os_distro`, versions, original user, source prefix)
const DISTROS: &[(&str, &str, &[&str], &str, &str)] = &[
    (
        "Ubuntu",
        "ubuntu",
        &["20.04", "22.04", "24.04", "24.10", "25.04"],
        "ubuntu",
        "https://cloud-images.ubuntu.com/",
    ),
    (
        "Debian",
        "debian",
        &["11", "12", "13"],
        "debian",
        "https://cloud.debian.org/images/cloud/",
    ),
    (
        "AlmaLinux",
        "almalinux",
        &["8", "9"],
        "almalinux",
        "https://repo.almalinux.org/almalinux/",
    ),
    (
        "Rocky",
        "rocky",
        &["8", "9"],
        "rocky",
        "https://dl.rockylinux.org/pub/rocky/",
    ),
    (
        "CentOS Stream",
        "centos",
        &["9", "10"],
        "centos",
        "https://cloud.centos.org/centos/",
    ),
    (
        "Fedora",
        "fedora",
        &["41", "42"],
        "fedora",
        "https://download.fedoraproject.org/pub/fedora/",
    ),
    (
        "openSUSE Leap",
        "opensuse",
        &["15.5", "15.6"],
        "opensuse",
        "https://download.opensuse.org/distribution/leap/",
    ),
    (
        "Flatcar",
        "flatcar",
        &["4152.2.3", "4230.2.0"],
        "core",
        "https://stable.release.flatcar-linux.net/amd64-usr/",
    ),
];

/// (name suffix, `os_purpose`)
const VARIANTS: &[(&str, &str)] = &[
    ("", "generic"),
    (" Minimal", "minimal"),
    (" k8s", "k8snode"),
    (" GPU", "gpu"),
    (" Custom", "custom"),
];

/// One defect; about 4 % of the images carry one. None makes the Python suite crash.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Defect {
    Architecture,
    MinDiskZero,
    MinDiskSmall,
    MinRamMissing,
    MinRamLow,
    OsVersionEmpty,
    OsDistroMissing,
    HwDiskBus,
    BuildDateInvalid,
    BuildDateAfterCreated,
    OriginalUserMissing,
    SourceScheme,
    DescriptionEmpty,
    Frequency,
    ProvidedUntilEmpty,
    UuidValidity,
    OsPurpose,
    HashAlgo,
    HypervisorType,
    RngModel,
    HotfixHours,
    SecondGeneric,
    BuildDateFuture,
    CreatedAtFormat,
}

const DEFECTS: [Defect; 24] = {
    use Defect::*;
    [
        Architecture,
        MinDiskZero,
        MinDiskSmall,
        MinRamMissing,
        MinRamLow,
        OsVersionEmpty,
        OsDistroMissing,
        HwDiskBus,
        BuildDateInvalid,
        BuildDateAfterCreated,
        OriginalUserMissing,
        SourceScheme,
        DescriptionEmpty,
        Frequency,
        ProvidedUntilEmpty,
        UuidValidity,
        OsPurpose,
        HashAlgo,
        HypervisorType,
        RngModel,
        HotfixHours,
        SecondGeneric,
        BuildDateFuture,
        CreatedAtFormat,
    ]
};

impl Defect {
    /// The testcase this defect makes fail (per the standard, `check_all` v1); `None` for one
    /// that only warns.
    fn fails(self) -> Option<&'static str> {
        use Defect::*;
        Some(match self {
            Architecture => "scs-0102-prop-architecture",
            MinDiskZero | MinDiskSmall => "scs-0102-prop-min_disk",
            MinRamMissing => "scs-0102-prop-min_ram",
            MinRamLow => return None,
            OsVersionEmpty => "scs-0102-prop-os_version",
            OsDistroMissing => "scs-0102-prop-os_distro",
            HwDiskBus => "scs-0102-prop-hw_disk_bus",
            BuildDateInvalid | BuildDateAfterCreated | BuildDateFuture | CreatedAtFormat => {
                "scs-0102-prop-image_build_date"
            }
            OriginalUserMissing => "scs-0102-prop-image_original_user",
            SourceScheme => "scs-0102-prop-image_source",
            DescriptionEmpty => "scs-0102-prop-image_description",
            Frequency => "scs-0102-prop-replace_frequency",
            ProvidedUntilEmpty => "scs-0102-prop-provided_until",
            UuidValidity => "scs-0102-prop-uuid_validity",
            OsPurpose => "scs-0102-prop-os_purpose",
            HashAlgo => "scs-0102-prop-hash_algo",
            HypervisorType => "scs-0102-prop-hypervisor_type",
            RngModel => "scs-0102-prop-hw_rng_model",
            HotfixHours => "scs-0102-prop-hotfix_hours",
            SecondGeneric => "scs-0102-os_purpose-uniqueness",
        })
    }
}

/// The defect of image `i`, if any.
fn defect(i: u64) -> Option<Defect> {
    (rand(i, 20) % 100 < 4).then(|| DEFECTS[(rand(i, 21) % DEFECTS.len() as u64) as usize])
}

/// The distros and versions of [`DISTROS`] times the two architectures.
const COMBINATIONS: u64 = 40;

/// The series of image `i`: indices into [`DISTROS`], its versions and [`VARIANTS`], and the
/// architecture. Series 0 to 39 are the generic image of each distro, version and
/// architecture, one each; the others are random non-generic variants.
fn series_kind(series: u64) -> (usize, &'static str, &'static str, usize) {
    let versions = DISTROS.iter().flat_map(|d| d.2.iter().map(move |v| (d, v)));
    let (k, variant) = if series < COMBINATIONS {
        (series, 0)
    } else {
        (
            rand(series, 2) % COMBINATIONS,
            1 + (rand(series, 4) % (VARIANTS.len() as u64 - 1)) as usize,
        )
    };
    let (distro, version) = versions.clone().nth((k / 2) as usize).unwrap();
    let index = DISTROS.iter().position(|d| d.1 == distro.1).unwrap();
    let arch = if k % 2 == 0 { "x86_64" } else { "aarch64" };
    (index, version, arch, variant)
}

/// How many generations image `i` is older than the newest of its series. A series is
/// listed oldest first (as `GET /v2/images?sort=created_at:asc` lists it), so a lookup by
/// name that keeps the last image finds the newest.
fn generation(i: u64) -> u64 {
    GENERATIONS - 1 - i % GENERATIONS
}

/// Whether image `i` is hidden: a tenth of the older generations, under the name of the
/// newest.
fn hidden(i: u64) -> bool {
    generation(i) > 0 && rand(i, 12) % 10 == 8
}

/// The visibility of image `i`: 85 % public, 8 % community, 5 % private, 2 % shared; the
/// newest generic images are all public.
fn visibility(i: u64) -> &'static str {
    if i / GENERATIONS < COMBINATIONS && generation(i) == 0 {
        return "public";
    }
    match rand(i, 1) % 100 {
        0..=84 => "public",
        85..=92 => "community",
        93..=97 => "private",
        _ => "shared",
    }
}

fn in_scope(i: u64) -> bool {
    matches!(visibility(i), "public" | "community")
}

/// `n` random hex digits of image `i`, stream `k`.
fn hex(i: u64, k: u64, n: usize, out: &mut String) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut word = 0;
    for j in 0..n {
        if j % 16 == 0 {
            word = rand(i, k + (j / 16) as u64);
        }
        out.push(DIGITS[(word & 15) as usize] as char);
        word >>= 4;
    }
}

fn uuid(i: u64, k: u64) -> String {
    let mut h = String::with_capacity(32);
    hex(i, k, 32, &mut h);
    format!(
        "{}-{}-4{}-a{}-{}",
        &h[..8],
        &h[8..12],
        &h[13..16],
        &h[17..20],
        &h[20..]
    )
}

fn timestamp(secs: i64) -> String {
    DateTime::from_timestamp(secs, 0)
        .unwrap()
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

fn date(secs: i64, format: &str) -> String {
    DateTime::from_timestamp(secs, 0)
        .unwrap()
        .format(format)
        .to_string()
}

/// A JSON object under construction (keys are plain ASCII and need no escaping).
struct Obj<'a> {
    out: &'a mut Vec<u8>,
    first: bool,
}

impl<'a> Obj<'a> {
    fn open(out: &'a mut Vec<u8>) -> Self {
        out.push(b'{');
        Obj { out, first: true }
    }
    fn key(&mut self, key: &str) {
        if !self.first {
            self.out.extend_from_slice(b", ");
        }
        self.first = false;
        self.out.push(b'"');
        self.out.extend_from_slice(key.as_bytes());
        self.out.extend_from_slice(b"\": ");
    }
    fn str(&mut self, key: &str, value: &str) {
        self.key(key);
        serde_json::to_writer(&mut *self.out, value).unwrap();
    }
    fn raw(&mut self, key: &str, json: &str) {
        self.key(key);
        self.out.extend_from_slice(json.as_bytes());
    }
    fn num(&mut self, key: &str, value: u64) {
        self.raw(key, &value.to_string());
    }
    fn close(self) {
        self.out.push(b'}');
    }
}

/// Writes image `i` as the Glance Image API (v2) prints it.
fn write_image(i: u64, out: &mut Vec<u8>) {
    let now = now().timestamp();
    let series = i / GENERATIONS;
    let generation = generation(i);
    let defect = defect(i);

    let (distro, version, arch, variant) = series_kind(series);
    let (distro_name, distro, _, user, source) = DISTROS[distro];
    let (suffix, mut purpose) = VARIANTS[variant];
    let base = format!("{distro_name} {version}{suffix} r{series:05}");

    let frequency = match rand(series, 6) % 20 {
        0..=11 => "monthly",
        12..=14 => "weekly",
        15..=16 => "quarterly",
        17 => "yearly",
        18 => "never",
        _ => "critical_bug",
    };
    let period = match frequency {
        "weekly" => 7 * DAY,
        "quarterly" => 92 * DAY,
        "yearly" => 365 * DAY,
        _ => 31 * DAY,
    };
    let provided_until = match rand(series, 7) % 10 {
        0..=5 => "none".to_owned(),
        6 => "notice".to_owned(),
        7 | 8 => "2027-04-30".to_owned(),
        _ => "2025-03-31".to_owned(),
    };

    // Generation 0 is fresh; the older ones are one period older each.
    let mut built = now
        - generation as i64 * period
        - (rand(i, 8) % (period as u64 / 2)) as i64
        - DAY
        - (rand(i, 9) % DAY as u64) as i64;
    if defect == Some(Defect::BuildDateFuture) {
        built = now + 10 * DAY;
    }
    let mut created = built + 2 * HOUR + (rand(i, 10) % (30 * HOUR as u64)) as i64;
    if defect == Some(Defect::BuildDateAfterCreated) {
        created = built - DAY;
    }
    let updated = created + (rand(i, 11) % (3 * DAY as u64)) as i64;

    // Older generations: renamed with a date or a marker, hidden under the same name, or left
    // as they were.
    let hidden = hidden(i);
    let name = if generation == 0 {
        base.clone()
    } else {
        match rand(i, 12) % 10 {
            0..=4 => format!("{base} {}", date(built, "%Y%m%d")),
            5 => format!("{base} {}", date(built, "%Y-%m-%d")),
            6 => format!("{base} old"),
            7 => format!("{base} prev"),
            _ => base.clone(),
        }
    };
    // Older generations of a generic series are `oldgeneric` (a v2 value) unless hidden.
    if purpose == "generic" && generation > 0 && !hidden {
        purpose = "oldgeneric";
    }

    let id = uuid(i, 13);
    let size = 300_000_000 + rand(i, 14) % 1_200_000_000;
    let min_disk = size.div_ceil(1 << 30) + 4;
    let build_date = match rand(i, 15) % 10 {
        0..=6 => date(built, "%Y-%m-%d"),
        7 | 8 => date(built, "%Y-%m-%d %H:%M"),
        _ => timestamp(built),
    };

    let mut o = Obj::open(out);
    o.str("id", &id);
    o.str("name", &name);
    o.str("status", "active");
    o.str("visibility", visibility(i));
    o.raw("protected", "false");
    o.raw("os_hidden", if hidden { "true" } else { "false" });
    let mut h = String::with_capacity(128);
    hex(i, 16, 32, &mut h);
    o.str("checksum", &h);
    o.str(
        "os_hash_algo",
        if defect == Some(Defect::HashAlgo) {
            "md5"
        } else {
            "sha512"
        },
    );
    h.clear();
    hex(i, 18, 128, &mut h);
    o.str("os_hash_value", &h);
    h.clear();
    hex(series, 30, 32, &mut h);
    o.str("owner", &h);
    match defect {
        Some(Defect::MinDiskSmall) => {
            o.num("size", 2_500_000_000);
            o.num("min_disk", 1);
        }
        Some(Defect::MinDiskZero) => {
            o.num("size", size);
            o.num("min_disk", 0);
        }
        _ => {
            o.num("size", size);
            o.num("min_disk", min_disk);
        }
    }
    o.num("virtual_size", min_disk << 30);
    match defect {
        Some(Defect::MinRamMissing) => {}
        Some(Defect::MinRamLow) => o.num("min_ram", 32),
        _ => o.num("min_ram", 512 << (rand(series, 17) % 3)),
    }
    o.str("disk_format", "qcow2");
    o.str("container_format", "bare");
    if defect == Some(Defect::CreatedAtFormat) {
        o.str("created_at", &date(created, "%Y-%m-%d %H:%M:%S"));
    } else {
        o.str("created_at", &timestamp(created));
    }
    o.str("updated_at", &timestamp(updated));
    let tags = if rand(i, 19) % 10 == 0 {
        format!("[\"os:{distro}\"]")
    } else {
        format!("[\"os:{distro}\", \"managed_by_osism\"]")
    };
    o.raw("tags", &tags);
    o.str("self", &format!("/v2/images/{id}"));
    o.str("file", &format!("/v2/images/{id}/file"));
    o.str("schema", "/v2/schemas/image");
    o.str("stores", "ceph");

    // The additional properties.
    o.str(
        "architecture",
        if defect == Some(Defect::Architecture) {
            "amd64"
        } else {
            arch
        },
    );
    o.str(
        "hw_disk_bus",
        if defect == Some(Defect::HwDiskBus) {
            "ide"
        } else {
            "scsi"
        },
    );
    o.str("hw_scsi_model", "virtio-scsi");
    o.str(
        "hw_rng_model",
        if defect == Some(Defect::RngModel) {
            "random"
        } else {
            "virtio"
        },
    );
    o.str("hw_qemu_guest_agent", "yes");
    o.str("hw_watchdog_action", "reset");
    o.str("hw_vif_multiqueue_enabled", "true");
    o.str(
        "hypervisor_type",
        if defect == Some(Defect::HypervisorType) {
            "vmware"
        } else {
            "qemu"
        },
    );
    if defect != Some(Defect::OsDistroMissing) {
        o.str("os_distro", distro);
    }
    o.str(
        "os_version",
        if defect == Some(Defect::OsVersionEmpty) {
            ""
        } else {
            version
        },
    );
    o.str(
        "os_purpose",
        match defect {
            Some(Defect::OsPurpose) => "server",
            Some(Defect::SecondGeneric) => "generic",
            _ => purpose,
        },
    );
    o.str("os_type", "linux");
    o.str("os_secure_boot", "disabled");
    o.str(
        "image_build_date",
        &if defect == Some(Defect::BuildDateInvalid) {
            date(built, "%d.%m.%Y")
        } else {
            build_date
        },
    );
    if defect != Some(Defect::OriginalUserMissing) {
        o.str("image_original_user", user);
    }
    o.str(
        "image_source",
        &if defect == Some(Defect::SourceScheme) {
            format!("s3://images/{distro}-{version}.qcow2")
        } else {
            format!("{source}{version}/{distro}-{version}-{arch}.qcow2")
        },
    );
    o.str(
        "image_description",
        &if defect == Some(Defect::DescriptionEmpty) {
            String::new()
        } else {
            format!("https://docs.example.com/images/{distro}/{version}")
        },
    );
    o.str(
        "replace_frequency",
        if defect == Some(Defect::Frequency) {
            "sometimes"
        } else {
            frequency
        },
    );
    o.str(
        "provided_until",
        if defect == Some(Defect::ProvidedUntilEmpty) {
            ""
        } else {
            &provided_until
        },
    );
    o.str(
        "uuid_validity",
        match (defect, rand(series, 22) % 3) {
            (Some(Defect::UuidValidity), _) => "until-2026",
            (_, 0) => "last-3",
            (_, 1) => "forever",
            _ => "none",
        },
    );
    o.str(
        "hotfix_hours",
        if defect == Some(Defect::HotfixHours) {
            "48h"
        } else {
            "48"
        },
    );
    let patchlevel = date(built, "%Y%m%d");
    o.str("patchlevel", &patchlevel);
    o.str("internal_version", &patchlevel);
    o.str("license_included", "false");
    o.str("license_required", "false");
    o.str("owner_specified.openstack.md5", "");
    o.str("owner_specified.openstack.sha256", "");
    o.str(
        "owner_specified.openstack.object",
        &format!("images/{distro}-{version}"),
    );
    o.str("image_name", &base);
    o.close();
}

/// The first `n` images as the body of `GET /v2/images`.
fn images_json(n: u64) -> Vec<u8> {
    let mut out = Vec::with_capacity(n as usize * 1500 + 64);
    out.extend_from_slice(b"{\"images\": [");
    for i in 0..n {
        if i > 0 {
            out.extend_from_slice(b",\n");
        }
        write_image(i, &mut out);
    }
    out.extend_from_slice(b"], \"schema\": \"/v2/schemas/images\", \"first\": \"/v2/images\"}");
    out
}

/// `text` in pieces of `size` bytes, each cut back to a character boundary.
fn pieces(text: &str, size: usize) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let mut n = size.min(rest.len());
        while !rest.is_char_boundary(n) {
            n -= 1;
        }
        let (piece, tail) = rest.split_at(n);
        out.push(piece);
        rest = tail;
    }
    out
}

/// Feeds `pieces` to a [`LeanImageListReader`], handing each image read to `each` with its
/// position in the list and forgetting the images after each piece; the number of images.
fn read_streaming(pieces: &[&str], mut each: impl FnMut(usize, &Image)) -> usize {
    let mut reader = LeanImageListReader::new();
    let mut count = 0;
    for piece in pieces {
        assert!(reader.feed(piece), "the list is in the common shape");
        for image in reader.images() {
            each(count, image);
            count += 1;
        }
        reader.forget_images();
    }
    assert_eq!(reader.finish().map(|list| list.0.len()), Some(0));
    count
}

/// The testcases of the default IaaS certificate that look at images (scs-0102, scs-0104).
fn image_testcases() -> Vec<&'static str> {
    testcases::default_iaas()
        .into_iter()
        .filter(|id| {
            testcases::lookup(id).is_some_and(|t| t.inputs.contains(&testcases::Input::Images))
        })
        .collect()
}

/// Feeds `pieces` to a [`LeanImageListReader`] and each piece's images to a [`testcases::Run`]
/// of `ids` over `data`, forgetting them after each piece; the report.
fn read_and_check(
    pieces: &[&str],
    data: &CloudData,
    ids: &[&str],
) -> scs_validators::report::Report {
    let mut run = testcases::Run::new(ids, data).unwrap();
    let mut reader = LeanImageListReader::new();
    for piece in pieces {
        assert!(reader.feed(piece), "the list is in the common shape");
        run.feed_images(reader.images());
        reader.forget_images();
    }
    run.feed_images(&reader.finish().unwrap().0);
    run.finish()
}

/// Walks the JSON `text` of an image list as a reader must (every string to its closing quote,
/// eight bytes at a time, stopping at quotes, backslashes and control characters; numbers;
/// literals; nested values), building nothing: the images and members it saw, or `None` at
/// anything else (an escape, say). A floor under the time of any reader that reads each byte.
fn tokenize(text: &[u8]) -> Option<(usize, usize)> {
    struct T<'a> {
        b: &'a [u8],
        at: usize,
        members: usize,
    }
    impl T<'_> {
        fn space(&mut self) {
            while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.b.get(self.at) {
                self.at += 1;
            }
        }
        fn peek(&mut self) -> Option<u8> {
            self.space();
            self.b.get(self.at).copied()
        }
        fn string(&mut self) -> Option<()> {
            const ONES: u64 = 0x0101_0101_0101_0101;
            const HIGH: u64 = 0x8080_8080_8080_8080;
            let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
            let mut at = self.at + 1;
            while let Some(chunk) = self.b.get(at..at + 8) {
                let v = u64::from_le_bytes(chunk.try_into().unwrap());
                let stops = zero(v ^ (ONES * u64::from(b'"')))
                    | zero(v ^ (ONES * u64::from(b'\\')))
                    | (v.wrapping_sub(ONES * 0x20) & !v & HIGH);
                if stops != 0 {
                    at += (stops.trailing_zeros() / 8) as usize;
                    break;
                }
                at += 8;
            }
            while *self.b.get(at)? >= 0x20 && self.b[at] != b'"' && self.b[at] != b'\\' {
                at += 1;
            }
            (self.b[at] == b'"').then(|| self.at = at + 1)
        }
        fn value(&mut self) -> Option<()> {
            match self.peek()? {
                b'"' => self.string(),
                b'{' => self.container(b'}', true),
                b'[' => self.container(b']', false),
                b'-' | b'0'..=b'9' => {
                    self.at += 1;
                    while let Some(b'0'..=b'9') = self.b.get(self.at) {
                        self.at += 1;
                    }
                    Some(())
                }
                c => {
                    let word: &[u8] = match c {
                        b't' => b"true",
                        b'f' => b"false",
                        _ => b"null",
                    };
                    let end = self.at + word.len();
                    (self.b.get(self.at..end)? == word).then(|| self.at = end)
                }
            }
        }
        fn container(&mut self, end: u8, object: bool) -> Option<()> {
            self.at += 1;
            if self.peek()? == end {
                self.at += 1;
                return Some(());
            }
            loop {
                if object {
                    (self.peek()? == b'"').then_some(())?;
                    self.string()?;
                    (self.peek()? == b':').then_some(())?;
                    self.at += 1;
                    self.members += 1;
                }
                self.value()?;
                match self.peek()? {
                    b',' => self.at += 1,
                    c if c == end => {
                        self.at += 1;
                        return Some(());
                    }
                    _ => return None,
                }
            }
        }
    }
    let mut t = T {
        b: text,
        at: 0,
        members: 0,
    };
    // `{"images": [`, then the images one by one.
    (t.peek()? == b'{').then_some(())?;
    t.at += 1;
    t.peek()?;
    t.string()?;
    (t.peek()? == b':').then_some(())?;
    t.at += 1;
    (t.peek()? == b'[').then_some(())?;
    t.at += 1;
    let mut images = 0;
    loop {
        t.value()?;
        images += 1;
        if t.peek()? != b',' {
            break;
        }
        t.at += 1;
    }
    Some((images, t.members))
}

fn parse(json: &[u8]) -> Vec<Image> {
    serde_json::from_slice::<ImageList>(json).unwrap().0
}

/// The testcases `check_all` (v1) must fail on the first `n` images: those the defects of the
/// in-scope images aim at, the recency testcase (outdated images without replacement) and
/// `os_purpose` (`oldgeneric` is a v2 value).
fn expected_failures(n: u64) -> BTreeSet<&'static str> {
    let mut ids: BTreeSet<&'static str> = (0..n)
        .filter(|&i| in_scope(i))
        .filter_map(|i| match defect(i)? {
            // A second generic image counts only when it is public and visible.
            Defect::SecondGeneric
                if visibility(i) != "public"
                    || hidden(i)
                    || (i / GENERATIONS < COMBINATIONS && generation(i) == 0) =>
            {
                None
            }
            d => d.fails(),
        })
        .collect();
    ids.insert("scs-0102-image-recency");
    ids.insert("scs-0102-prop-os_purpose");
    ids
}

fn failures(report: &scs_validators::report::Report) -> BTreeSet<&str> {
    report
        .results
        .iter()
        .filter(|r| r.outcome() == Outcome::Fail)
        .map(|r| r.id().as_str())
        .collect()
}

const SIZES: [(&str, usize); 3] = [("1k", 1_000), ("10k", 10_000), ("100k", 100_000)];

fn bench_image_metadata(c: &mut Criterion) {
    let json = images_json(100_000);
    let images = parse(&json);
    // The same images as `scs-check iaas` reads them: only what the checks read.
    let lean = LeanImageList::read_common(std::str::from_utf8(&json).unwrap())
        .expect("the common shape")
        .0;
    drop(json);
    let now = now();
    let mut group = c.benchmark_group("image_metadata");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));

    for (label, n) in SIZES {
        let images = &images[..n];
        group.throughput(Throughput::Elements(n as u64));

        let report = image_metadata::check_all(images, Version::V1, now);
        assert_eq!(report.results.len(), 20, "check_all_v1/{label}");
        assert_eq!(
            failures(&report),
            expected_failures(n as u64),
            "check_all_v1/{label}: the failing testcases"
        );
        group.bench_with_input(
            BenchmarkId::new("check_all_v1", label),
            images,
            |b, images| {
                b.iter(|| {
                    image_metadata::check_all(black_box(images), Version::V1, black_box(now))
                });
            },
        );

        let lean = &lean[..n];
        assert_eq!(
            image_metadata::check_all(lean, Version::V1, now),
            report,
            "check_all_v1_lean/{label}: the report of the full images"
        );
        group.bench_with_input(
            BenchmarkId::new("check_all_v1_lean", label),
            lean,
            |b, images| {
                b.iter(|| {
                    image_metadata::check_all(black_box(images), Version::V1, black_box(now))
                });
            },
        );

        let recency = image_metadata::image_recency(images, now);
        assert_eq!(recency.outcome(), Outcome::Fail, "image_recency/{label}");
        assert_eq!(recency.official(), Outcome::Fail, "image_recency/{label}");
        // Hidden same-name images, markers and fresh replacements: far more passes than errors.
        let errors = recency
            .findings()
            .iter()
            .filter(|f| f.severity == scs_validators::report::Severity::Error)
            .count();
        assert!(
            errors > 0 && errors < n / 10,
            "image_recency/{label}: {errors} errors"
        );
        group.bench_with_input(
            BenchmarkId::new("image_recency", label),
            images,
            |b, images| {
                b.iter(|| image_metadata::image_recency(black_box(images), black_box(now)));
            },
        );
    }
    group.finish();

    // scs-0104 over the same images: the 18 official testcases, which look only at the images
    // whose names the spec table matches (few here: the generated names carry a series suffix).
    let mut group = c.benchmark_group("standard_images");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    for (label, n) in SIZES {
        let images = &images[..n];
        group.throughput(Throughput::Elements(n as u64));
        let report = standard_images::check_official(images);
        assert_eq!(report.results.len(), 18, "check_official/{label}");
        assert_eq!(
            report
                .get("scs-0104-image-ubuntu-2404")
                .map(|r| r.outcome()),
            Some(Outcome::Fail),
            "check_official/{label}: no image is named exactly `Ubuntu 24.04`"
        );
        group.bench_with_input(
            BenchmarkId::new("check_official", label),
            images,
            |b, images| b.iter(|| standard_images::check_official(black_box(images))),
        );
    }
    group.finish();
}

fn bench_image_json(c: &mut Criterion) {
    let mut group = c.benchmark_group("image_json");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    for (label, n) in [("10k", 10_000u64), ("100k", 100_000)] {
        let json = images_json(n);
        if n == 100_000 {
            if let Some(dir) = std::env::var_os("SCS_BENCH_WRITE_IMAGES") {
                let path = std::path::Path::new(&dir).join("images.json");
                std::fs::write(&path, &json).unwrap();
            }
        }
        let images = parse(&json);
        assert_eq!(images.len() as u64, n, "parse/{label}");
        let last = &images[n as usize - 1];
        assert_eq!(last.property("hw_scsi_model"), Some("virtio-scsi"));
        assert_eq!(last.property("image_name").map(|s| s.len() > 8), Some(true));
        assert!(last.created_at.is_some() && last.size.is_some());
        group.throughput(Throughput::Elements(n));
        group.bench_with_input(BenchmarkId::new("parse", label), &json, |b, json| {
            // The list is dropped outside the measurement.
            b.iter_with_large_drop(|| {
                serde_json::from_slice::<ImageList>(black_box(json)).unwrap()
            });
        });
        let text = std::str::from_utf8(&json).unwrap();
        let lean = serde_json::from_str::<LeanImageList>(text).unwrap();
        assert_eq!(
            LeanImageList::read_common(text).as_ref(),
            Some(&lean),
            "read_common/{label}"
        );
        assert_eq!(lean.0.len() as u64, n, "parse_lean/{label}");
        assert_eq!(lean.0[n as usize - 1].property("hw_scsi_model"), None);
        assert_eq!(
            lean.0[n as usize - 1].property("os_distro"),
            last.property("os_distro")
        );
        group.bench_with_input(BenchmarkId::new("parse_lean", label), text, |b, text| {
            b.iter_with_large_drop(|| {
                serde_json::from_str::<LeanImageList>(black_box(text)).unwrap()
            });
        });
        group.bench_with_input(BenchmarkId::new("read_common", label), text, |b, text| {
            b.iter_with_large_drop(|| LeanImageList::read_common(black_box(text)).unwrap());
        });
        let pieces = pieces(text, 1 << 16);
        assert_eq!(
            read_streaming(&pieces, |i, image| assert!(image == &lean.0[i])),
            n as usize,
            "read_streaming/{label}"
        );
        group.bench_with_input(
            BenchmarkId::new("read_streaming", label),
            &pieces,
            |b, pieces| b.iter(|| read_streaming(black_box(pieces), |_, _| {})),
        );
        // What `scs-check iaas` does with an image list, without the file and the printing:
        // read 64 KiB at a time, each piece's images checked by every image testcase of the
        // default IaaS certificate and forgotten.
        let mut data = CloudData::new(now());
        let ids = image_testcases();
        data.images = Some(lean.0.clone());
        let whole = testcases::run(&ids, &data).unwrap();
        data.images = None;
        assert_eq!(
            read_and_check(&pieces, &data, &ids),
            whole,
            "read_and_check/{label}"
        );
        assert!(whole.results.len() > 20 && !whole.all_passed());
        group.bench_with_input(
            BenchmarkId::new("read_and_check", label),
            &pieces,
            |b, pieces| {
                b.iter_with_large_drop(|| read_and_check(black_box(pieces), &data, &ids));
            },
        );
        let (seen, members) = tokenize(&json).expect("the list tokenizes");
        assert_eq!(seen as u64, n, "tokenize/{label}");
        assert!(members > 40 * seen, "tokenize/{label}: {members} members");
        group.bench_with_input(BenchmarkId::new("tokenize", label), &json, |b, json| {
            b.iter(|| tokenize(black_box(json)));
        });
    }
    group.finish();
}

/// `n` flavors: the 15 mandatory ones (some standing in under other names through
/// `scs:name-v2`), among thousands of other SCS and non-SCS flavors; `SCS-1L-1` has the wrong
/// RAM.
fn flavors(n: usize) -> Vec<Flavor> {
    let mut out = Vec::with_capacity(n);
    for (k, f) in MANDATORY.iter().enumerate() {
        let name = if k % 3 == 0 {
            format!("m1.std-{k}")
        } else {
            f.name.to_owned()
        };
        let ram = if f.name == "SCS-1L-1" {
            2048
        } else {
            f.ram_mib()
        };
        let mut flavor = Flavor::new(name, f.vcpus.into(), ram, f.disk_gb());
        for (key, value) in f.official_extra_specs() {
            flavor = flavor.with_extra_spec(key, value);
        }
        out.push(flavor);
    }
    let mut i = 0u64;
    while out.len() < n {
        let vcpus = 1 << (rand(i, 40) % 6);
        let ram = vcpus * (1 << (rand(i, 41) % 4));
        let disk = [0, 10, 20, 50, 100][(rand(i, 42) % 5) as usize];
        let flavor = if rand(i, 43) % 4 == 0 {
            Flavor::new(format!("m1.custom-{i}"), vcpus, ram * 1024, disk)
                .with_extra_spec("hw_rng:allowed", "true")
        } else {
            let name = if disk == 0 {
                format!("SCS-{vcpus}C-{ram}-x{i}")
            } else {
                format!("SCS-{vcpus}C-{ram}-{disk}n-x{i}")
            };
            Flavor::new(name.clone(), vcpus, ram * 1024, disk)
                .with_extra_spec("scs:cpu-type", "dedicated-core")
                .with_extra_spec("scs:name-v2", name)
        };
        out.push(flavor);
        i += 1;
    }
    // Put the standard flavors among the others.
    let len = out.len() as u64;
    for k in 0..MANDATORY.len() {
        let j = (rand(k as u64, 44) % len) as usize;
        out.swap(k, j.max(MANDATORY.len()));
    }
    out
}

fn bench_standard_flavors(c: &mut Criterion) {
    let mut group = c.benchmark_group("standard_flavors");
    group
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    let n = 10_000;
    let flavors = flavors(n);
    let results = standard_flavors::check_mandatory(&flavors);
    assert_eq!(results.len(), 15, "check_mandatory/10k");
    let failed: Vec<&str> = results
        .iter()
        .filter(|r| r.outcome() != Outcome::Pass)
        .map(|r| r.id().as_str())
        .collect();
    assert_eq!(failed, ["scs-0103-flavor-1l-1"], "check_mandatory/10k");
    group.throughput(Throughput::Elements(n as u64));
    group.bench_with_input(
        BenchmarkId::new("check_mandatory", "10k"),
        &flavors,
        |b, flavors| {
            b.iter(|| standard_flavors::check_mandatory(black_box(flavors)));
        },
    );
    group.finish();
}

criterion_group!(
    benches,
    bench_image_metadata,
    bench_image_json,
    bench_standard_flavors
);
criterion_main!(benches);
