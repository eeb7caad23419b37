//! Serde models of the data a caller hands over: what the cloud APIs and their command-line
//! clients print, with no rules attached.

mod openstack;

pub use openstack::{Flavor, FlavorList};
