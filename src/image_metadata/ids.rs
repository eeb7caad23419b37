//! The testcase ids of scs-0102, and the ids of this crate's checks beyond the official suite.

use crate::report::TestcaseId;

/// `scs-0102-prop-architecture`: `architecture` is `x86_64`, `aarch64` or `risc-v`.
pub const PROP_ARCHITECTURE: TestcaseId = TestcaseId::from_static("scs-0102-prop-architecture");
/// `scs-0102-prop-min_disk`: `min_disk` is set (non-zero) and holds the image file.
pub const PROP_MIN_DISK: TestcaseId = TestcaseId::from_static("scs-0102-prop-min_disk");
/// `scs-0102-prop-min_ram`: `min_ram` is set (non-zero); below 64 MiB a warning.
pub const PROP_MIN_RAM: TestcaseId = TestcaseId::from_static("scs-0102-prop-min_ram");
/// `scs-0102-prop-os_version`: `os_version` is set.
pub const PROP_OS_VERSION: TestcaseId = TestcaseId::from_static("scs-0102-prop-os_version");
/// `scs-0102-prop-os_distro`: `os_distro` is set.
pub const PROP_OS_DISTRO: TestcaseId = TestcaseId::from_static("scs-0102-prop-os_distro");
/// `scs-0102-prop-hw_disk_bus`: `hw_disk_bus` is `virtio` or `scsi`.
pub const PROP_HW_DISK_BUS: TestcaseId = TestcaseId::from_static("scs-0102-prop-hw_disk_bus");
/// `scs-0102-prop-image_build_date`: `image_build_date` is a date, not after the registration
/// time and not in the future.
pub const PROP_IMAGE_BUILD_DATE: TestcaseId =
    TestcaseId::from_static("scs-0102-prop-image_build_date");
/// `scs-0102-prop-image_original_user`: `image_original_user` is set.
pub const PROP_IMAGE_ORIGINAL_USER: TestcaseId =
    TestcaseId::from_static("scs-0102-prop-image_original_user");
/// `scs-0102-prop-image_source`: `image_source` is `private` or an http(s)/ftp(s) URL.
pub const PROP_IMAGE_SOURCE: TestcaseId = TestcaseId::from_static("scs-0102-prop-image_source");
/// `scs-0102-prop-image_description`: `image_description` is set.
pub const PROP_IMAGE_DESCRIPTION: TestcaseId =
    TestcaseId::from_static("scs-0102-prop-image_description");
/// `scs-0102-prop-replace_frequency`: `replace_frequency` is one of the seven keywords.
pub const PROP_REPLACE_FREQUENCY: TestcaseId =
    TestcaseId::from_static("scs-0102-prop-replace_frequency");
/// `scs-0102-prop-provided_until`: `provided_until` is set.
pub const PROP_PROVIDED_UNTIL: TestcaseId = TestcaseId::from_static("scs-0102-prop-provided_until");
/// `scs-0102-prop-uuid_validity`: `uuid_validity` is `none`, `notice`, `forever`, `last-N` or a
/// date.
pub const PROP_UUID_VALIDITY: TestcaseId = TestcaseId::from_static("scs-0102-prop-uuid_validity");
/// `scs-0102-image-recency`: every image is as recent as its `replace_frequency` promises, or
/// has a fresh replacement.
pub const IMAGE_RECENCY: TestcaseId = TestcaseId::from_static("scs-0102-image-recency");
/// `scs-0102-prop-os_purpose`: `os_purpose` is one of the allowed values.
pub const PROP_OS_PURPOSE: TestcaseId = TestcaseId::from_static("scs-0102-prop-os_purpose");
/// `scs-0102-os_purpose-uniqueness`: at most one public, visible `generic` image per
/// architecture, `os_distro` and `os_version`.
pub const OS_PURPOSE_UNIQUENESS: TestcaseId =
    TestcaseId::from_static("scs-0102-os_purpose-uniqueness");
/// `scs-0102-prop-hash_algo` (recommended): `os_hash_algo` is `sha256` or `sha512`.
pub const PROP_HASH_ALGO: TestcaseId = TestcaseId::from_static("scs-0102-prop-hash_algo");
/// `scs-0102-prop-hypervisor_type` (recommended): `hypervisor_type`, if set, is `qemu`, `kvm`,
/// `xen`, `hyper-v` or `esxi`.
pub const PROP_HYPERVISOR_TYPE: TestcaseId =
    TestcaseId::from_static("scs-0102-prop-hypervisor_type");
/// `scs-0102-prop-hw_rng_model` (recommended): `hw_rng_model`, if set, is `virtio`.
pub const PROP_HW_RNG_MODEL: TestcaseId = TestcaseId::from_static("scs-0102-prop-hw_rng_model");
/// `scs-0102-prop-hotfix_hours` (recommended): `hotfix_hours`, if set, is a whole number.
pub const PROP_HOTFIX_HOURS: TestcaseId = TestcaseId::from_static("scs-0102-prop-hotfix_hours");

/// Not an official testcase: `license_included` and `license_required` are not both true
/// (warnings only).
pub const LICENSE_PAIR: TestcaseId =
    TestcaseId::from_static("scs-validators:scs-0102-license-pair");
/// Not an official testcase: every image carries the recommended `managed_by_VENDOR` and
/// `os:OPERATINGSYSTEM` tags (warnings only).
pub const RECOMMENDED_TAGS: TestcaseId =
    TestcaseId::from_static("scs-validators:scs-0102-recommended-tags");
/// Not an official testcase: `os_distro` is lowercase, as OpenStack's values are (warnings
/// only).
pub const OS_DISTRO_LOWERCASE: TestcaseId =
    TestcaseId::from_static("scs-validators:scs-0102-os_distro-lowercase");

/// The 14 testcases of scs-0102 that every version's certificate requires.
pub(super) const COMMON_MAIN: [TestcaseId; 14] = [
    PROP_ARCHITECTURE,
    PROP_MIN_DISK,
    PROP_MIN_RAM,
    PROP_OS_VERSION,
    PROP_OS_DISTRO,
    PROP_HW_DISK_BUS,
    PROP_IMAGE_BUILD_DATE,
    PROP_IMAGE_ORIGINAL_USER,
    PROP_IMAGE_SOURCE,
    PROP_IMAGE_DESCRIPTION,
    PROP_REPLACE_FREQUENCY,
    PROP_PROVIDED_UNTIL,
    PROP_UUID_VALIDITY,
    IMAGE_RECENCY,
];

pub(super) static V1_MAIN: [TestcaseId; 14] = COMMON_MAIN;

pub(super) static V2_MAIN: [TestcaseId; 16] = [
    PROP_ARCHITECTURE,
    PROP_MIN_DISK,
    PROP_MIN_RAM,
    PROP_OS_VERSION,
    PROP_OS_DISTRO,
    PROP_HW_DISK_BUS,
    PROP_IMAGE_BUILD_DATE,
    PROP_IMAGE_ORIGINAL_USER,
    PROP_IMAGE_SOURCE,
    PROP_IMAGE_DESCRIPTION,
    PROP_REPLACE_FREQUENCY,
    PROP_PROVIDED_UNTIL,
    PROP_UUID_VALIDITY,
    IMAGE_RECENCY,
    PROP_OS_PURPOSE,
    OS_PURPOSE_UNIQUENESS,
];

pub(super) static V1_RECOMMENDED: [TestcaseId; 6] = [
    PROP_OS_PURPOSE,
    OS_PURPOSE_UNIQUENESS,
    PROP_HASH_ALGO,
    PROP_HYPERVISOR_TYPE,
    PROP_HW_RNG_MODEL,
    PROP_HOTFIX_HOURS,
];

pub(super) static V2_RECOMMENDED: [TestcaseId; 4] = [
    PROP_HASH_ALGO,
    PROP_HYPERVISOR_TYPE,
    PROP_HW_RNG_MODEL,
    PROP_HOTFIX_HOURS,
];

/// The checks of this crate beyond the official suite.
pub const EXTRA_TESTCASES: [TestcaseId; 3] = [LICENSE_PAIR, RECOMMENDED_TAGS, OS_DISTRO_LOWERCASE];
