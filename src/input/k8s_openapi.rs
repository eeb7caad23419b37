//! Conversions from the `k8s-openapi` types into the [`kubernetes`](super::kubernetes) input
//! models (cargo feature `k8s-openapi`), for kube-rs users.
//!
//! A tool that already talks to the cluster with `kube` holds [`k8s_openapi`] values: the
//! `Node`s, `StorageClass`es and `IngressClass`es of `Api::list` and the version `Info` of
//! `Client::apiserver_version`. They convert into the crate's models without a detour through
//! JSON:
//!
//! | `k8s-openapi` | crate model | conversion |
//! | --- | --- | --- |
//! | `api::core::v1::Node` | [`Node`] | `TryFrom` (owned or `&`) |
//! | `api::storage::v1::StorageClass` | [`StorageClass`] | `TryFrom` (owned or `&`) |
//! | `api::networking::v1::IngressClass` | [`IngressClass`] | `TryFrom` (owned or `&`) |
//! | `apimachinery::pkg::version::Info` | [`BuildInfo`], [`VersionInfo`] (as the server version) | `From` (owned or `&`) |
//! | `Vec<T>`, `&[T]`, `&k8s_openapi::List<T>` of the three kinds | [`NodeList`], [`StorageClassList`], [`IngressClassList`] | `TryFrom` |
//! | any `IntoIterator` of them, such as kube's `&ObjectList<T>` | the same lists | [`NodeList::try_from_k8s_openapi`] and its siblings |
//!
//! A conversion keeps exactly what reading `kubectl get … -o json` keeps: the name, labels and
//! annotations of a node; the name, annotations, provisioner, parameters, reclaim policy,
//! volume expansion flag and binding mode of a StorageClass; the name, annotations and
//! controller of an IngressClass; every build field of the version `Info` but the emulation
//! and minimum compatibility versions. Everything else (a node's `spec` with its taints and its
//! `status`, labels of the classes, `mountOptions`, `allowedTopologies`, an IngressClass's
//! `spec.parameters`) is dropped, as the JSON reading skips it; no check reads it.
//!
//! Where the two models differ:
//!
//! - `metadata.name` is optional in `k8s-openapi` (an object about to be created may have none)
//!   and required here: an object without one does not convert ([`ConversionError`] names its
//!   kind, its position in a list and the field). An empty name converts, as in JSON.
//! - A missing label or annotation map in `k8s-openapi` (`None`) is an empty map here, as the
//!   API omits an empty map.
//! - `Info` holds one binary's build information with every field a string, while
//!   [`VersionInfo`] holds `kubectl`'s client and server versions and the kustomize version.
//!   An `Info` becomes the server version (it is what `/version` answers), with no client or
//!   kustomize version, and each optional [`BuildInfo`] field is `Some`, an empty string
//!   included (the API server prints every one of them).
//!
//! # Choosing the Kubernetes version
//!
//! `k8s-openapi` needs exactly one Kubernetes version feature (`v1_33` … `v1_37`, or `latest`)
//! in a build, and libraries must not pick it: this crate enables none, so the application
//! selects it in its own dependency on `k8s-openapi` (kube-rs users do so already). The
//! conversions read only fields that every supported version has. The feature needs
//! `k8s-openapi` 0.29, which needs Rust 1.85 (the crate itself builds with 1.80).
//!
//! ```toml
//! [dependencies]
//! scs-validators = { version = "0.1", features = ["k8s-openapi"] }
//! k8s-openapi = { version = "0.29", features = ["latest"] }
//! ```
//!
//! # Example
//!
//! ```
//! use k8s_openapi::api::core::v1::Node;
//! use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
//! use scs_validators::input::kubernetes::NodeList;
//! use scs_validators::node_distribution;
//! use scs_validators::report::Outcome;
//!
//! let node = |name: &str, zone: &str, control_plane: bool| {
//!     let mut labels = std::collections::BTreeMap::from([
//!         ("topology.kubernetes.io/region".to_owned(), "fra1".to_owned()),
//!         ("topology.kubernetes.io/zone".to_owned(), zone.to_owned()),
//!     ]);
//!     if control_plane {
//!         labels.insert("node-role.kubernetes.io/control-plane".to_owned(), String::new());
//!     }
//!     Node {
//!         metadata: ObjectMeta {
//!             name: Some(name.to_owned()),
//!             labels: Some(labels),
//!             ..ObjectMeta::default()
//!         },
//!         ..Node::default()
//!     }
//! };
//! // What `Api::<Node>::all(client).list(&ListParams::default()).await?.items` would return:
//! let nodes = vec![
//!     node("cp-0", "fra1-a", true),
//!     node("cp-1", "fra1-b", true),
//!     node("worker-0", "fra1-a", false),
//! ];
//! let nodes = NodeList::try_from(&nodes[..])?;
//! assert_eq!(node_distribution::check(&nodes.0).outcome(), Outcome::Pass);
//! # Ok::<(), scs_validators::input::k8s_openapi::ConversionError>(())
//! ```

use ::k8s_openapi::api::core::v1 as core;
use ::k8s_openapi::api::networking::v1 as networking;
use ::k8s_openapi::api::storage::v1 as storage;
use ::k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use ::k8s_openapi::apimachinery::pkg::version::Info;
use ::k8s_openapi::List;
use thiserror::Error;

use super::kubernetes::{
    BuildInfo, IngressClass, IngressClassList, Node, NodeList, StorageClass, StorageClassList,
    VersionInfo,
};

/// A `k8s-openapi` object that lacks a field the crate's model requires.
///
/// ```
/// use k8s_openapi::api::core::v1::Node as K8sNode;
/// use scs_validators::input::kubernetes::NodeList;
///
/// let err = NodeList::try_from(vec![K8sNode::default()]).unwrap_err();
/// assert_eq!(err.to_string(), "Node #0: missing field `metadata.name`");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error("{kind}{}: missing field `{field}`", index.map(|i| format!(" #{i}")).unwrap_or_default())]
#[non_exhaustive]
pub struct ConversionError {
    /// The object's kind: `Node`, `StorageClass` or `IngressClass`.
    pub kind: &'static str,
    /// The object's position (from 0) in the list being converted; `None` for a single object.
    pub index: Option<usize>,
    /// The missing field as the API spells it, such as `metadata.name`.
    pub field: &'static str,
}

impl ConversionError {
    fn missing(kind: &'static str, field: &'static str) -> Self {
        ConversionError {
            kind,
            index: None,
            field,
        }
    }

    fn at(self, index: usize) -> Self {
        ConversionError {
            index: Some(index),
            ..self
        }
    }
}

/// `metadata.name`, required.
fn name_of(metadata: &ObjectMeta, kind: &'static str) -> Result<String, ConversionError> {
    metadata
        .name
        .clone()
        .ok_or_else(|| ConversionError::missing(kind, "metadata.name"))
}

/// `metadata.name`, required, moved out.
fn take_name(metadata: &mut ObjectMeta, kind: &'static str) -> Result<String, ConversionError> {
    metadata
        .name
        .take()
        .ok_or_else(|| ConversionError::missing(kind, "metadata.name"))
}

/// Converts every item; an error carries the position of the item that failed.
fn convert_all<T, I>(items: I) -> Result<Vec<T>, ConversionError>
where
    I: IntoIterator,
    I::Item: TryInto<T, Error = ConversionError>,
{
    items
        .into_iter()
        .enumerate()
        .map(|(index, item)| item.try_into().map_err(|e: ConversionError| e.at(index)))
        .collect()
}

impl TryFrom<&core::Node> for Node {
    type Error = ConversionError;

    /// Keeps the name, labels and annotations; fails without `metadata.name`.
    fn try_from(node: &core::Node) -> Result<Self, Self::Error> {
        let m = &node.metadata;
        Ok(Node {
            name: name_of(m, "Node")?,
            labels: m.labels.clone().unwrap_or_default(),
            annotations: m.annotations.clone().unwrap_or_default(),
        })
    }
}

impl TryFrom<core::Node> for Node {
    type Error = ConversionError;

    /// Keeps the name, labels and annotations (moved, not copied); fails without
    /// `metadata.name`.
    fn try_from(node: core::Node) -> Result<Self, Self::Error> {
        let mut m = node.metadata;
        Ok(Node {
            name: take_name(&mut m, "Node")?,
            labels: m.labels.unwrap_or_default(),
            annotations: m.annotations.unwrap_or_default(),
        })
    }
}

impl TryFrom<&storage::StorageClass> for StorageClass {
    type Error = ConversionError;

    /// Keeps the name, annotations, provisioner, parameters, reclaim policy, volume expansion
    /// flag and binding mode; fails without `metadata.name`.
    fn try_from(class: &storage::StorageClass) -> Result<Self, Self::Error> {
        let m = &class.metadata;
        Ok(StorageClass {
            name: name_of(m, "StorageClass")?,
            annotations: m.annotations.clone().unwrap_or_default(),
            provisioner: class.provisioner.clone(),
            parameters: class.parameters.clone().unwrap_or_default(),
            reclaim_policy: class.reclaim_policy.clone(),
            allow_volume_expansion: class.allow_volume_expansion,
            volume_binding_mode: class.volume_binding_mode.clone(),
        })
    }
}

impl TryFrom<storage::StorageClass> for StorageClass {
    type Error = ConversionError;

    /// As the conversion from `&StorageClass`, moving the fields.
    fn try_from(class: storage::StorageClass) -> Result<Self, Self::Error> {
        let mut m = class.metadata;
        Ok(StorageClass {
            name: take_name(&mut m, "StorageClass")?,
            annotations: m.annotations.unwrap_or_default(),
            provisioner: class.provisioner,
            parameters: class.parameters.unwrap_or_default(),
            reclaim_policy: class.reclaim_policy,
            allow_volume_expansion: class.allow_volume_expansion,
            volume_binding_mode: class.volume_binding_mode,
        })
    }
}

impl TryFrom<&networking::IngressClass> for IngressClass {
    type Error = ConversionError;

    /// Keeps the name, annotations and `spec.controller`; fails without `metadata.name`.
    fn try_from(class: &networking::IngressClass) -> Result<Self, Self::Error> {
        let m = &class.metadata;
        Ok(IngressClass {
            name: name_of(m, "IngressClass")?,
            annotations: m.annotations.clone().unwrap_or_default(),
            controller: class.spec.as_ref().and_then(|s| s.controller.clone()),
        })
    }
}

impl TryFrom<networking::IngressClass> for IngressClass {
    type Error = ConversionError;

    /// As the conversion from `&IngressClass`, moving the fields.
    fn try_from(class: networking::IngressClass) -> Result<Self, Self::Error> {
        let mut m = class.metadata;
        Ok(IngressClass {
            name: take_name(&mut m, "IngressClass")?,
            annotations: m.annotations.unwrap_or_default(),
            controller: class.spec.and_then(|s| s.controller),
        })
    }
}

impl From<&Info> for BuildInfo {
    /// Copies every field but the emulation and minimum compatibility versions; the optional
    /// fields become `Some`, an empty string included.
    fn from(info: &Info) -> Self {
        BuildInfo::from(info.clone())
    }
}

impl From<Info> for BuildInfo {
    /// Moves every field but the emulation and minimum compatibility versions; the optional
    /// fields become `Some`, an empty string included.
    fn from(info: Info) -> Self {
        BuildInfo {
            major: info.major,
            minor: info.minor,
            git_version: info.git_version,
            git_commit: Some(info.git_commit),
            git_tree_state: Some(info.git_tree_state),
            build_date: Some(info.build_date),
            go_version: Some(info.go_version),
            compiler: Some(info.compiler),
            platform: Some(info.platform),
        }
    }
}

impl From<&Info> for VersionInfo {
    /// The server's `/version` answer: the server version, with no client or kustomize
    /// version.
    fn from(info: &Info) -> Self {
        VersionInfo::from(info.clone())
    }
}

impl From<Info> for VersionInfo {
    /// The server's `/version` answer: the server version, with no client or kustomize
    /// version.
    fn from(info: Info) -> Self {
        VersionInfo {
            client_version: None,
            server_version: Some(info.into()),
            kustomize_version: None,
        }
    }
}

/// The list conversions of one kind: from `Vec<T>`, `&[T]`, `&k8s_openapi::List<T>` and any
/// iterator of `T` or `&T`.
macro_rules! list_conversions {
    ($list:ident, $item:ident, $k8s:ty, $kind:literal) => {
        impl $list {
            #[doc = concat!(
                "Converts ", $kind, "s of `k8s-openapi`, owned or borrowed, from any iterator ",
                "(a `Vec`, a slice, kube's `&ObjectList<", $kind, ">`); the error names the ",
                "position of the first that does not convert."
            )]
            pub fn try_from_k8s_openapi<I>(items: I) -> Result<Self, ConversionError>
            where
                I: IntoIterator,
                I::Item: TryInto<$item, Error = ConversionError>,
            {
                convert_all(items).map($list)
            }
        }

        impl TryFrom<Vec<$k8s>> for $list {
            type Error = ConversionError;

            #[doc = concat!("Converts every ", $kind, ", moving the fields.")]
            fn try_from(items: Vec<$k8s>) -> Result<Self, Self::Error> {
                $list::try_from_k8s_openapi(items)
            }
        }

        impl TryFrom<&[$k8s]> for $list {
            type Error = ConversionError;

            #[doc = concat!("Converts every ", $kind, ".")]
            fn try_from(items: &[$k8s]) -> Result<Self, Self::Error> {
                $list::try_from_k8s_openapi(items)
            }
        }

        impl TryFrom<&List<$k8s>> for $list {
            type Error = ConversionError;

            #[doc = concat!("Converts the `items` of a `", $kind, "List`.")]
            fn try_from(list: &List<$k8s>) -> Result<Self, Self::Error> {
                $list::try_from_k8s_openapi(&list.items)
            }
        }

        impl TryFrom<List<$k8s>> for $list {
            type Error = ConversionError;

            #[doc = concat!("Converts the `items` of a `", $kind, "List`, moving the fields.")]
            fn try_from(list: List<$k8s>) -> Result<Self, Self::Error> {
                $list::try_from_k8s_openapi(list.items)
            }
        }
    };
}

list_conversions!(NodeList, Node, core::Node, "Node");
list_conversions!(
    StorageClassList,
    StorageClass,
    storage::StorageClass,
    "StorageClass"
);
list_conversions!(
    IngressClassList,
    IngressClass,
    networking::IngressClass,
    "IngressClass"
);

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use ::k8s_openapi::api::networking::v1::IngressClassSpec;

    use super::*;

    fn meta(name: Option<&str>) -> ObjectMeta {
        ObjectMeta {
            name: name.map(str::to_owned),
            ..ObjectMeta::default()
        }
    }

    #[test]
    fn errors_name_kind_position_and_field() {
        let nameless_node = core::Node::default();
        assert_eq!(
            Node::try_from(&nameless_node).unwrap_err().to_string(),
            "Node: missing field `metadata.name`"
        );
        let classes = [
            storage::StorageClass {
                metadata: meta(Some("a")),
                provisioner: "p".into(),
                ..Default::default()
            },
            storage::StorageClass::default(),
        ];
        let err = StorageClassList::try_from(&classes[..]).unwrap_err();
        assert_eq!(
            err,
            ConversionError {
                kind: "StorageClass",
                index: Some(1),
                field: "metadata.name"
            }
        );
        assert_eq!(
            err.to_string(),
            "StorageClass #1: missing field `metadata.name`"
        );
        let err = IngressClassList::try_from(vec![networking::IngressClass::default()])
            .unwrap_err()
            .to_string();
        assert_eq!(err, "IngressClass #0: missing field `metadata.name`");
    }

    #[test]
    fn absent_maps_are_empty_and_owned_equals_borrowed() {
        let node = core::Node {
            metadata: meta(Some("")),
            ..Default::default()
        };
        let converted = Node::try_from(&node).unwrap();
        assert_eq!(converted, Node::new(""));
        assert_eq!(Node::try_from(node).unwrap(), converted);

        let class = networking::IngressClass {
            metadata: ObjectMeta {
                annotations: Some(BTreeMap::from([("k".into(), "v".into())])),
                ..meta(Some("nginx"))
            },
            spec: Some(IngressClassSpec {
                controller: Some("k8s.io/ingress-nginx".into()),
                parameters: None,
            }),
        };
        let borrowed = IngressClass::try_from(&class).unwrap();
        assert_eq!(borrowed.controller.as_deref(), Some("k8s.io/ingress-nginx"));
        assert_eq!(borrowed.annotations["k"], "v");
        assert_eq!(IngressClass::try_from(class).unwrap(), borrowed);
        let no_spec = networking::IngressClass {
            metadata: meta(Some("x")),
            spec: None,
        };
        assert_eq!(IngressClass::try_from(&no_spec).unwrap().controller, None);
    }

    #[test]
    fn info_is_the_server_version() {
        let info = Info {
            major: "1".into(),
            minor: "30+".into(),
            git_version: "v1.30.4-eks-a737599".into(),
            emulation_major: Some("1".into()),
            ..Info::default()
        };
        let v = VersionInfo::from(&info);
        assert_eq!(v.server_git_version(), Some("v1.30.4-eks-a737599"));
        assert_eq!(v.client_version, None);
        assert_eq!(v.kustomize_version, None);
        let b = v.server_version.unwrap();
        assert_eq!(b.minor, "30+");
        assert_eq!(b.git_commit.as_deref(), Some(""));
        assert_eq!(BuildInfo::from(info), b);
    }
}
