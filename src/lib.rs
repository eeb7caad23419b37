//! Pure, I/O-free validators for the [Sovereign Cloud Stack](https://scs.community) (SCS)
//! standards.
//!
//! A tool fetches flavors, images or cluster versions however it likes, hands them to this
//! crate, and gets typed verdicts back: one [`TestcaseResult`] per
//! official testcase id, with the outcome per the standard text, the outcome the official SCS
//! suite would report, and findings that explain both. Nothing here reads a file, opens a
//! socket, looks at the clock or prints.
//!
//! ```
//! use scs_validators::flavor_name::{self, FlavorName};
//! use scs_validators::input::Flavor;
//! use scs_validators::report::Outcome;
//!
//! let name: FlavorName = "SCS-2V-4-20s".parse()?;
//! assert_eq!(name.cpus(), 2);
//! assert_eq!(name.v1().to_string(), "SCS-2V:4:20s");
//!
//! let flavors = [
//!     Flavor::new("SCS-2V-4-20s", 2, 4096, 20),
//!     Flavor::new("SCS-4V-16-", 4, 16384, 0),
//! ];
//! let report = flavor_name::check(&flavors);
//! assert_eq!(
//!     report.to_string(),
//!     "scs-0100-syntax-check: PASS\nscs-0100-semantics-check: PASS\n"
//! );
//! // The official suite crashes on a disk part without size:
//! let semantics = report.get("scs-0100-semantics-check").unwrap();
//! assert_eq!(semantics.official(), Outcome::Abort);
//! # Ok::<(), scs_validators::flavor_name::FlavorNameError>(())
//! ```
//!
//! # Standards covered
//!
//! | standard | module | testcases |
//! | --- | --- | --- |
//! | scs-0100 v3 (and the v1/v2 syntax) flavor naming | [`flavor_name`] | `scs-0100-syntax-check`, `scs-0100-semantics-check` |
//! | scs-0101 v1 (text v1.1) entropy | [`entropy`] | `scs-0101-entropy-avail`, `scs-0101-fips-test` |
//! | scs-0102 v1 and v2 image metadata | [`image_metadata`] | `scs-0102-prop-*` (18), `scs-0102-image-recency`, `scs-0102-os_purpose-uniqueness` |
//! | scs-0103 v1 (text v1.2) standard flavors | [`standard_flavors`] | `scs-0103-flavor-*` (15 mandatory, 16 recommended) |
//! | scs-0114 v1 volume types | [`volume_types`] | `scs-0114-syntax-check`, `scs-0114-encrypted-type`, `scs-0114-replicated-type` |
//! | scs-0104 v1 standard images (and the v2 draft rules) | [`standard_images`] | `scs-0104-source-*`, `scs-0104-image-*` (18) |
//! | scs-0115 v1 default security group rules | [`security_groups`] | `scs-0115-default-rules` |
//! | scs-0116 v1 key manager | [`key_manager`] | `scs-0116-presence`, `scs-0116-permissions` |
//! | scs-0123 v1 and v2 mandatory IaaS services | [`services`] | `scs-0123-service-*`, `scs-0123-storage-apis`, `scs-0123-swift-s3` |
//! | scs-0210 v2 Kubernetes version policy | [`k8s_version_policy`] | `version-policy-check` (and provider-level checks) |
//! | scs-0214 v2 node distribution | [`node_distribution`] | `node-distribution-check` (the retired official algorithm) |
//! | scs-0211 v1 default storage class | [`storage_class`] | `scs-0211-default-storage-class` (the crate's id) |
//! | scs-0219 v1 KaaS networking, scs-0201 v1 CNCF conformance | [`sonobuoy`] | `kaas-networking-check`, `cncf-k8s-conformance` (from Sonobuoy results) |
//! | scs-0003 v1/v2 certification scopes, scs-0004 v1 | [`scope`] | (no testcases: loads scope files, validity, lifetimes, the runner's selection and summary, report documents, the monitor's verdict) |
//!
//! [`testcases`] maps every official id above to its check and the inputs it needs, and runs a
//! list of ids over a [`testcases::CloudData`] bundle.
//!
//! Ids that start with `scs-validators:` name checks beyond the official suite (rules of the
//! standard texts that the suite does not test); they are never official testcases.
//!
//! The official testcase ids and outcomes are those of the SCS certification suite
//! (`SovereignCloudStack/standards`, folder `Tests/`).
//!
//! # Cargo features
//!
//! - `k8s-openapi` (off by default): conversions from the `k8s-openapi` types that kube-rs
//!   returns (`Node`, `StorageClass`, `IngressClass`, version `Info`) into the
//!   [`input::kubernetes`] models, in the module `input::k8s_openapi`. The application selects
//!   the Kubernetes version feature of `k8s-openapi` (a library must not); the feature needs
//!   Rust 1.85.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod entropy;
pub mod flavor_name;
mod hash;
pub mod image_metadata;
pub mod input;
pub mod k8s_version_policy;
pub mod key_manager;
pub mod node_distribution;
pub mod report;
pub mod scope;
pub mod security_groups;
pub mod services;
pub mod sonobuoy;
pub mod standard_flavors;
pub mod standard_images;
pub mod storage_class;
pub mod testcases;
pub mod volume_types;

pub use report::{Finding, Outcome, Report, Severity, TestcaseId, TestcaseResult};

/// The README's code examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
