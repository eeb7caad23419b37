//! Serde models of the data a caller hands over: what the cloud APIs and their command-line
//! clients print, with no rules attached.

pub mod catalog;
mod image;
#[cfg(feature = "k8s-openapi")]
pub mod k8s_openapi;
pub mod kubernetes;
pub mod network;
mod openstack;
pub mod probes;
pub mod volume;

pub(crate) use image::Known;
pub use image::{Image, ImageList, LeanImageList, LeanImageListReader, Properties, PropertiesIter};
pub use openstack::{Flavor, FlavorList};
