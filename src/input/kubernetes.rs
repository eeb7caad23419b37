//! Kubernetes objects as `kubectl get … -o json` and `kubectl version -o json` print them.
//!
//! Plain data models with no rules attached: [`Node`], [`StorageClass`], [`IngressClass`] (each
//! with a list type that reads both `kubectl`'s `{"kind": "List", "items": [...]}` and a bare
//! JSON list) and [`VersionInfo`]. Fields the SCS checks do not read (`spec`, `status`,
//! `managedFields`, …) are skipped. Errors name the field they are about
//! (`metadata.labels`, `provisioner`, `serverVersion.gitVersion`, …).
//!
//! An item that carries a `kind` must be of the expected kind, so that the output of
//! `kubectl get storageclasses -o json` cannot be read as a node list by mistake.
//!
//! With the cargo feature `k8s-openapi`, the `k8s-openapi` types that kube-rs returns convert
//! into these models (module `input::k8s_openapi`).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

use super::volume::{Flag, Text};

/// The well-known label of the zone a node runs in.
pub const ZONE_LABEL: &str = "topology.kubernetes.io/zone";
/// The well-known label of the region a node runs in.
pub const REGION_LABEL: &str = "topology.kubernetes.io/region";
/// The label key that marks a control plane node (its value is normally empty).
pub const CONTROL_PLANE_LABEL: &str = "node-role.kubernetes.io/control-plane";
/// The legacy control plane label key, replaced by [`CONTROL_PLANE_LABEL`] since Kubernetes 1.24.
pub const LEGACY_MASTER_LABEL: &str = "node-role.kubernetes.io/master";
/// The prefix of the node role label keys (`node-role.kubernetes.io/<role>`).
pub const NODE_ROLE_PREFIX: &str = "node-role.kubernetes.io/";
/// The annotation that marks the default StorageClass (value `"true"`).
pub const DEFAULT_STORAGE_CLASS_ANNOTATION: &str = "storageclass.kubernetes.io/is-default-class";
/// The beta spelling of [`DEFAULT_STORAGE_CLASS_ANNOTATION`], still honoured by Kubernetes.
pub const BETA_DEFAULT_STORAGE_CLASS_ANNOTATION: &str =
    "storageclass.beta.kubernetes.io/is-default-class";
/// The annotation that marks the default IngressClass (value `"true"`).
pub const DEFAULT_INGRESS_CLASS_ANNOTATION: &str = "ingressclass.kubernetes.io/is-default-class";

/// A Kubernetes node (`kubectl get nodes -o json`, one element of `items`): its name, labels
/// and annotations.
///
/// The API omits an empty label map, so a node without labels reads with an empty
/// [`Node::labels`] (the same for annotations).
///
/// ```
/// use scs_validators::input::kubernetes::Node;
/// let node: Node = serde_json::from_str(
///     r#"{"apiVersion": "v1", "kind": "Node",
///         "metadata": {"name": "cp-0", "labels": {
///             "node-role.kubernetes.io/control-plane": "",
///             "topology.kubernetes.io/zone": "az1"}},
///         "status": {"nodeInfo": {"kubeletVersion": "v1.30.2"}}}"#,
/// )?;
/// assert!(node.is_control_plane());
/// assert_eq!(node.zone(), Some("az1"));
/// assert_eq!(node.roles(), vec!["control-plane"]);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Node {
    /// `metadata.name`.
    pub name: String,
    /// `metadata.labels`.
    pub labels: BTreeMap<String, String>,
    /// `metadata.annotations`.
    pub annotations: BTreeMap<String, String>,
}

impl Node {
    /// A node with a name and nothing else.
    pub fn new(name: impl Into<String>) -> Self {
        Node {
            name: name.into(),
            ..Node::default()
        }
    }

    /// The same node with one more label.
    #[must_use]
    pub fn with_label(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.labels.insert(key.into(), value.into());
        self
    }

    /// The value of label `key`, if the node carries it.
    pub fn label(&self, key: &str) -> Option<&str> {
        self.labels.get(key).map(String::as_str)
    }

    /// Whether the node carries the label key [`CONTROL_PLANE_LABEL`] (any value). The legacy
    /// [`LEGACY_MASTER_LABEL`] does not count.
    pub fn is_control_plane(&self) -> bool {
        self.labels.contains_key(CONTROL_PLANE_LABEL)
    }

    /// The value of [`ZONE_LABEL`].
    pub fn zone(&self) -> Option<&str> {
        self.label(ZONE_LABEL)
    }

    /// The value of [`REGION_LABEL`].
    pub fn region(&self) -> Option<&str> {
        self.label(REGION_LABEL)
    }

    /// The node's roles as `kubectl get nodes` shows them: the `<role>` of every label key
    /// `node-role.kubernetes.io/<role>`, plus the value of a `kubernetes.io/role` label; sorted,
    /// without duplicates.
    pub fn roles(&self) -> Vec<&str> {
        let mut roles: Vec<&str> = self
            .labels
            .range::<str, _>((
                std::ops::Bound::Included(NODE_ROLE_PREFIX),
                std::ops::Bound::Unbounded,
            ))
            .map_while(|(k, _)| k.strip_prefix(NODE_ROLE_PREFIX))
            .filter(|role| !role.is_empty())
            .collect();
        if let Some(role) = self.label("kubernetes.io/role").filter(|r| !r.is_empty()) {
            roles.push(role);
        }
        roles.sort_unstable();
        roles.dedup();
        roles
    }
}

/// A StorageClass of `storage.k8s.io/v1` (`kubectl get storageclasses -o json`, one element of
/// `items`).
///
/// ```
/// use scs_validators::input::kubernetes::StorageClass;
/// let class: StorageClass = serde_json::from_str(
///     r#"{"kind": "StorageClass", "metadata": {"name": "csi-cinder",
///         "annotations": {"storageclass.kubernetes.io/is-default-class": "true"}},
///         "provisioner": "cinder.csi.openstack.org", "allowVolumeExpansion": true,
///         "reclaimPolicy": "Delete", "volumeBindingMode": "WaitForFirstConsumer"}"#,
/// )?;
/// assert_eq!(class.default_annotation(), Some("true"));
/// assert_eq!(class.allow_volume_expansion, Some(true));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct StorageClass {
    /// `metadata.name`.
    pub name: String,
    /// `metadata.annotations`.
    pub annotations: BTreeMap<String, String>,
    /// `provisioner`, such as `cinder.csi.openstack.org` or `kubernetes.io/no-provisioner`.
    pub provisioner: String,
    /// `parameters` (provisioner-specific).
    pub parameters: BTreeMap<String, String>,
    /// `reclaimPolicy` (`Delete`, `Retain`), if given.
    pub reclaim_policy: Option<String>,
    /// `allowVolumeExpansion`, if given.
    pub allow_volume_expansion: Option<bool>,
    /// `volumeBindingMode` (`Immediate`, `WaitForFirstConsumer`), if given.
    pub volume_binding_mode: Option<String>,
}

impl StorageClass {
    /// A StorageClass with a name and a provisioner and nothing else.
    pub fn new(name: impl Into<String>, provisioner: impl Into<String>) -> Self {
        StorageClass {
            name: name.into(),
            provisioner: provisioner.into(),
            ..StorageClass::default()
        }
    }

    /// The same class with one more annotation.
    #[must_use]
    pub fn with_annotation(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.annotations.insert(key.into(), value.into());
        self
    }

    /// The value of [`DEFAULT_STORAGE_CLASS_ANNOTATION`], if present.
    pub fn default_annotation(&self) -> Option<&str> {
        self.annotations
            .get(DEFAULT_STORAGE_CLASS_ANNOTATION)
            .map(String::as_str)
    }
}

/// An IngressClass of `networking.k8s.io/v1` (`kubectl get ingressclasses -o json`, one element
/// of `items`).
///
/// ```
/// use scs_validators::input::kubernetes::IngressClass;
/// let class: IngressClass = serde_json::from_str(
///     r#"{"metadata": {"name": "nginx",
///         "annotations": {"ingressclass.kubernetes.io/is-default-class": "true"}},
///         "spec": {"controller": "k8s.io/ingress-nginx"}}"#,
/// )?;
/// assert!(class.is_default());
/// assert_eq!(class.controller.as_deref(), Some("k8s.io/ingress-nginx"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct IngressClass {
    /// `metadata.name`.
    pub name: String,
    /// `metadata.annotations`.
    pub annotations: BTreeMap<String, String>,
    /// `spec.controller`, if given.
    pub controller: Option<String>,
}

impl IngressClass {
    /// An IngressClass with a name and nothing else.
    pub fn new(name: impl Into<String>) -> Self {
        IngressClass {
            name: name.into(),
            ..IngressClass::default()
        }
    }

    /// The same class with one more annotation.
    #[must_use]
    pub fn with_annotation(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.annotations.insert(key.into(), value.into());
        self
    }

    /// Whether [`DEFAULT_INGRESS_CLASS_ANNOTATION`] is exactly `"true"`, as Kubernetes reads it.
    pub fn is_default(&self) -> bool {
        self.annotations
            .get(DEFAULT_INGRESS_CLASS_ANNOTATION)
            .is_some_and(|v| v == "true")
    }
}

/// A list of nodes: `kubectl get nodes -o json` (`{"items": [...]}`) or a bare JSON list.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct NodeList(pub Vec<Node>);

/// A list of StorageClasses: `kubectl get storageclasses -o json` (`{"items": [...]}`) or a bare
/// JSON list.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct StorageClassList(pub Vec<StorageClass>);

/// A list of IngressClasses: `kubectl get ingressclasses -o json` (`{"items": [...]}`) or a bare
/// JSON list.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct IngressClassList(pub Vec<IngressClass>);

/// What `kubectl version -o json` prints: the client's and the server's build information.
///
/// The bare server answer of `kubectl get --raw /version` (a [`BuildInfo`] object) is read as
/// well, as the server version.
///
/// ```
/// use scs_validators::input::kubernetes::VersionInfo;
/// let v: VersionInfo = serde_json::from_str(
///     r#"{"clientVersion": {"major": "1", "minor": "31", "gitVersion": "v1.31.0"},
///         "kustomizeVersion": "v5.4.2",
///         "serverVersion": {"major": "1", "minor": "30", "gitVersion": "v1.30.4",
///                           "platform": "linux/amd64"}}"#,
/// )?;
/// assert_eq!(v.server_git_version(), Some("v1.30.4"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct VersionInfo {
    /// `clientVersion` (absent in a bare `/version` answer).
    pub client_version: Option<BuildInfo>,
    /// `serverVersion` (absent when the server could not be reached).
    pub server_version: Option<BuildInfo>,
    /// `kustomizeVersion`, if printed.
    pub kustomize_version: Option<String>,
}

impl VersionInfo {
    /// `serverVersion.gitVersion`, such as `v1.30.4` (providers may append a suffix:
    /// `v1.30.4-gke.1348000`).
    pub fn server_git_version(&self) -> Option<&str> {
        self.server_version.as_ref().map(|b| b.git_version.as_str())
    }
}

/// The build information of a Kubernetes binary (`version.Info`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct BuildInfo {
    /// `major`, such as `1`.
    pub major: String,
    /// `minor`, such as `30` (some providers print `30+`).
    pub minor: String,
    /// `gitVersion`, such as `v1.30.4`.
    pub git_version: String,
    /// `gitCommit`.
    pub git_commit: Option<String>,
    /// `gitTreeState`.
    pub git_tree_state: Option<String>,
    /// `buildDate`, such as `2024-08-14T19:29:05Z`.
    pub build_date: Option<String>,
    /// `goVersion`.
    pub go_version: Option<String>,
    /// `compiler`.
    pub compiler: Option<String>,
    /// `platform`, such as `linux/amd64`.
    pub platform: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// Deserialization.

/// Reads an object of strings (`null` reads as empty); errors name `field`.
struct StrMap(&'static str);

impl<'de> DeserializeSeed<'de> for StrMap {
    type Value = BTreeMap<String, String>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for StrMap {
    type Value = BTreeMap<String, String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an object of strings for `{}`", self.0)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = BTreeMap::new();
        while let Some(k) = map.next_key::<String>()? {
            let v = map.next_value_seed(Text::required(self.0))?;
            out.insert(k, v.unwrap_or_default());
        }
        Ok(out)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(BTreeMap::new())
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(BTreeMap::new())
    }
}

/// `metadata`: name, labels, annotations.
#[derive(Default)]
struct Metadata {
    name: Option<String>,
    labels: BTreeMap<String, String>,
    annotations: BTreeMap<String, String>,
}

impl<'de> Deserialize<'de> for Metadata {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Metadata;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object for `metadata`")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Metadata, A::Error> {
                let mut m = Metadata::default();
                while let Some(key) = map.next_key::<Cow<'de, str>>()? {
                    match key.as_ref() {
                        "name" => m.name = map.next_value_seed(Text::required("metadata.name"))?,
                        "labels" => m.labels = map.next_value_seed(StrMap("metadata.labels"))?,
                        "annotations" => {
                            m.annotations = map.next_value_seed(StrMap("metadata.annotations"))?;
                        }
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(m)
            }
        }
        deserializer.deserialize_map(V)
    }
}

/// Checks the `kind` of an item, when it has one.
fn check_kind<E: de::Error>(found: Option<String>, expected: &str) -> Result<(), E> {
    match found {
        Some(kind) if kind != expected => Err(E::custom(format_args!(
            "expected an object of kind `{expected}`, found kind `{kind}`"
        ))),
        _ => Ok(()),
    }
}

/// Reads `metadata` and the name in it.
fn name_of<E: de::Error>(metadata: Option<Metadata>) -> Result<(String, Metadata), E> {
    let mut m = metadata.ok_or_else(|| E::missing_field("metadata"))?;
    let name = m
        .name
        .take()
        .ok_or_else(|| E::missing_field("metadata.name"))?;
    Ok((name, m))
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Node;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a Node object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
                let mut metadata = None;
                let mut kind = None;
                while let Some(key) = map.next_key::<Cow<'de, str>>()? {
                    match key.as_ref() {
                        "metadata" => metadata = Some(map.next_value::<Metadata>()?),
                        "kind" => kind = map.next_value_seed(Text::nullable("kind"))?,
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                check_kind(kind, "Node")?;
                let (name, m) = name_of(metadata)?;
                Ok(Node {
                    name,
                    labels: m.labels,
                    annotations: m.annotations,
                })
            }
        }
        deserializer.deserialize_map(V)
    }
}

impl<'de> Deserialize<'de> for StorageClass {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = StorageClass;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a StorageClass object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<StorageClass, A::Error> {
                let mut metadata = None;
                let mut kind = None;
                let mut provisioner = None;
                let mut c = StorageClass::default();
                while let Some(key) = map.next_key::<Cow<'de, str>>()? {
                    match key.as_ref() {
                        "metadata" => metadata = Some(map.next_value::<Metadata>()?),
                        "kind" => kind = map.next_value_seed(Text::nullable("kind"))?,
                        "provisioner" => {
                            provisioner = map.next_value_seed(Text::required("provisioner"))?;
                        }
                        "parameters" => c.parameters = map.next_value_seed(StrMap("parameters"))?,
                        "reclaimPolicy" => {
                            c.reclaim_policy =
                                map.next_value_seed(Text::nullable("reclaimPolicy"))?;
                        }
                        "allowVolumeExpansion" => {
                            c.allow_volume_expansion =
                                map.next_value_seed(Flag("allowVolumeExpansion"))?;
                        }
                        "volumeBindingMode" => {
                            c.volume_binding_mode =
                                map.next_value_seed(Text::nullable("volumeBindingMode"))?;
                        }
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                check_kind(kind, "StorageClass")?;
                let (name, m) = name_of(metadata)?;
                c.name = name;
                c.annotations = m.annotations;
                c.provisioner =
                    provisioner.ok_or_else(|| de::Error::missing_field("provisioner"))?;
                Ok(c)
            }
        }
        deserializer.deserialize_map(V)
    }
}

/// `spec` of an IngressClass: the controller.
struct IngressClassSpec(Option<String>);

impl<'de> Deserialize<'de> for IngressClassSpec {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = IngressClassSpec;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object for `spec`")
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<IngressClassSpec, A::Error> {
                let mut controller = None;
                while let Some(key) = map.next_key::<Cow<'de, str>>()? {
                    if key == "controller" {
                        controller = map.next_value_seed(Text::nullable("spec.controller"))?;
                    } else {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
                Ok(IngressClassSpec(controller))
            }
            fn visit_unit<E: de::Error>(self) -> Result<IngressClassSpec, E> {
                Ok(IngressClassSpec(None))
            }
        }
        deserializer.deserialize_any(V)
    }
}

impl<'de> Deserialize<'de> for IngressClass {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = IngressClass;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an IngressClass object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<IngressClass, A::Error> {
                let mut metadata = None;
                let mut kind = None;
                let mut controller = None;
                while let Some(key) = map.next_key::<Cow<'de, str>>()? {
                    match key.as_ref() {
                        "metadata" => metadata = Some(map.next_value::<Metadata>()?),
                        "kind" => kind = map.next_value_seed(Text::nullable("kind"))?,
                        "spec" => controller = map.next_value::<IngressClassSpec>()?.0,
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                check_kind(kind, "IngressClass")?;
                let (name, m) = name_of(metadata)?;
                Ok(IngressClass {
                    name,
                    annotations: m.annotations,
                    controller,
                })
            }
        }
        deserializer.deserialize_map(V)
    }
}

/// Reads `{"items": [...]}` (any other keys ignored; `items: null` reads as empty) or a bare
/// list of `T`.
struct ListVisitor<T>(&'static str, PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for ListVisitor<T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "a list of {0}, or an object with an `items` list of {0}",
            self.0
        )
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(item) = seq.next_element::<T>()? {
            out.push(item);
        }
        Ok(out)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Vec<T>, A::Error> {
        let mut found: Option<Vec<T>> = None;
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            if key == "items" && found.is_none() {
                found = Some(map.next_value::<Option<Vec<T>>>()?.unwrap_or_default());
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        found.ok_or_else(|| de::Error::missing_field("items"))
    }
}

impl<'de> Deserialize<'de> for NodeList {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_any(ListVisitor("nodes", PhantomData))
            .map(NodeList)
    }
}

impl<'de> Deserialize<'de> for StorageClassList {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_any(ListVisitor("StorageClasses", PhantomData))
            .map(StorageClassList)
    }
}

impl<'de> Deserialize<'de> for IngressClassList {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_any(ListVisitor("IngressClasses", PhantomData))
            .map(IngressClassList)
    }
}

/// Reads a string (or `null`, when nullable); errors name the field as `prefix` + `name`.
struct Str {
    prefix: &'static str,
    name: &'static str,
    nullable: bool,
}

impl<'de> DeserializeSeed<'de> for Str {
    type Value = Option<String>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl Visitor<'_> for Str {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let or_null = if self.nullable { " or null" } else { "" };
        write!(f, "a string{or_null} for `{}{}`", self.prefix, self.name)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Some(v.to_owned()))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        if self.nullable {
            Ok(None)
        } else {
            Err(E::invalid_type(de::Unexpected::Unit, &self))
        }
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        self.visit_unit()
    }
}

/// The fields of a [`BuildInfo`] while it is read; `prefix` names it in errors
/// (`serverVersion.`, `clientVersion.`, or empty for a bare `/version` answer).
struct BuildInfoParts {
    prefix: &'static str,
    seen: bool,
    major: Option<String>,
    minor: Option<String>,
    git_version: Option<String>,
    info: BuildInfo,
}

impl BuildInfoParts {
    fn new(prefix: &'static str) -> Self {
        BuildInfoParts {
            prefix,
            seen: false,
            major: None,
            minor: None,
            git_version: None,
            info: BuildInfo::default(),
        }
    }

    /// Reads the value of `key` if it is a build info field; `false` when it is not one.
    fn read<'de, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error> {
        let prefix = self.prefix;
        let required = |name| Str {
            prefix,
            name,
            nullable: false,
        };
        let nullable = |name| Str {
            prefix,
            name,
            nullable: true,
        };
        let i = &mut self.info;
        match key {
            "major" => self.major = map.next_value_seed(required("major"))?,
            "minor" => self.minor = map.next_value_seed(required("minor"))?,
            "gitVersion" => self.git_version = map.next_value_seed(required("gitVersion"))?,
            "gitCommit" => i.git_commit = map.next_value_seed(nullable("gitCommit"))?,
            "gitTreeState" => i.git_tree_state = map.next_value_seed(nullable("gitTreeState"))?,
            "buildDate" => i.build_date = map.next_value_seed(nullable("buildDate"))?,
            "goVersion" => i.go_version = map.next_value_seed(nullable("goVersion"))?,
            "compiler" => i.compiler = map.next_value_seed(nullable("compiler"))?,
            "platform" => i.platform = map.next_value_seed(nullable("platform"))?,
            _ => return Ok(false),
        }
        self.seen = true;
        Ok(true)
    }

    fn finish<E: de::Error>(self) -> Result<BuildInfo, E> {
        let prefix = self.prefix;
        let missing = |name: &str| E::custom(format_args!("missing field `{prefix}{name}`"));
        Ok(BuildInfo {
            major: self.major.ok_or_else(|| missing("major"))?,
            minor: self.minor.ok_or_else(|| missing("minor"))?,
            git_version: self.git_version.ok_or_else(|| missing("gitVersion"))?,
            ..self.info
        })
    }
}

/// Reads a nested build info object (`clientVersion` / `serverVersion`); `null` reads as absent.
struct NestedBuildInfo(&'static str);

impl<'de> DeserializeSeed<'de> for NestedBuildInfo {
    type Value = Option<BuildInfo>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for NestedBuildInfo {
    type Value = Option<BuildInfo>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an object for `{}`", self.0.trim_end_matches('.'))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut parts = BuildInfoParts::new(self.0);
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            if !parts.read(&key, &mut map)? {
                map.next_value::<IgnoredAny>()?;
            }
        }
        parts.finish().map(Some)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
}

impl<'de> Deserialize<'de> for BuildInfo {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = BuildInfo;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a version object with major, minor and gitVersion")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<BuildInfo, A::Error> {
                let mut parts = BuildInfoParts::new("");
                while let Some(key) = map.next_key::<Cow<'de, str>>()? {
                    if !parts.read(&key, &mut map)? {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
                parts.finish()
            }
        }
        deserializer.deserialize_map(V)
    }
}

impl<'de> Deserialize<'de> for VersionInfo {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = VersionInfo;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("the output of `kubectl version -o json`")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<VersionInfo, A::Error> {
                let mut v = VersionInfo::default();
                // A bare `/version` answer: build info fields at the top level.
                let mut bare = BuildInfoParts::new("");
                while let Some(key) = map.next_key::<Cow<'de, str>>()? {
                    match key.as_ref() {
                        "clientVersion" => {
                            v.client_version =
                                map.next_value_seed(NestedBuildInfo("clientVersion."))?;
                        }
                        "serverVersion" => {
                            v.server_version =
                                map.next_value_seed(NestedBuildInfo("serverVersion."))?;
                        }
                        "kustomizeVersion" => {
                            v.kustomize_version =
                                map.next_value_seed(Text::nullable("kustomizeVersion"))?;
                        }
                        other => {
                            if !bare.read(other, &mut map)? {
                                map.next_value::<IgnoredAny>()?;
                            }
                        }
                    }
                }
                if bare.seen && v.server_version.is_none() && v.client_version.is_none() {
                    v.server_version = Some(bare.finish()?);
                }
                Ok(v)
            }
        }
        deserializer.deserialize_map(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn node_list_shapes() {
        let kubectl = r#"{"apiVersion": "v1", "kind": "List", "metadata": {"resourceVersion": ""},
            "items": [
              {"apiVersion": "v1", "kind": "Node",
               "metadata": {"name": "a", "uid": "1",
                 "labels": {"kubernetes.io/hostname": "a", "node-role.kubernetes.io/control-plane": "",
                            "node-role.kubernetes.io/etcd": "true", "kubernetes.io/role": "master"},
                 "annotations": {"node.alpha.kubernetes.io/ttl": "0"}},
               "spec": {"taints": [{"effect": "NoSchedule", "key": "node-role.kubernetes.io/control-plane"}]},
               "status": {"addresses": []}},
              {"metadata": {"name": "b"}}
            ]}"#;
        let list: NodeList = serde_json::from_str(kubectl).unwrap();
        assert_eq!(list.0.len(), 2);
        assert_eq!(list.0[0].roles(), vec!["control-plane", "etcd", "master"]);
        assert_eq!(list.0[0].annotations["node.alpha.kubernetes.io/ttl"], "0");
        assert!(list.0[1].labels.is_empty());
        assert!(list.0[1].roles().is_empty());
        let bare: NodeList = serde_json::from_str(r#"[{"metadata": {"name": "c"}}]"#).unwrap();
        assert_eq!(bare.0[0].name, "c");
        let empty: NodeList = serde_json::from_str(r#"{"kind": "List", "items": null}"#).unwrap();
        assert!(empty.0.is_empty());
    }

    #[test]
    fn roles_ignore_neighbouring_keys() {
        let node = Node::new("n")
            .with_label("node-role.kubernetes.io/", "")
            .with_label("node-role.kubernetes.io/worker", "")
            .with_label("node-role.kubernetes.iox", "")
            .with_label("zzz", "");
        assert_eq!(node.roles(), vec!["worker"]);
        assert!(!node.is_control_plane());
        assert!(Node::new("m")
            .with_label(LEGACY_MASTER_LABEL, "")
            .roles()
            .contains(&"master"));
    }

    #[test]
    fn storage_and_ingress_classes() {
        let json = r#"{"items": [{"kind": "StorageClass", "metadata": {"name": "local",
              "annotations": {"storageclass.kubernetes.io/is-default-class": "false"}},
             "provisioner": "kubernetes.io/no-provisioner", "parameters": {"type": "ssd"},
             "allowVolumeExpansion": false, "mountOptions": ["debug"]}]}"#;
        let list: StorageClassList = serde_json::from_str(json).unwrap();
        let c = &list.0[0];
        assert_eq!(c.default_annotation(), Some("false"));
        assert_eq!(c.parameters["type"], "ssd");
        assert_eq!(c.allow_volume_expansion, Some(false));
        assert_eq!(c.reclaim_policy, None);
        let list: IngressClassList = serde_json::from_str(
            r#"[{"metadata": {"name": "x", "annotations": {"ingressclass.kubernetes.io/is-default-class": "True"}}}]"#,
        )
        .unwrap();
        assert!(!list.0[0].is_default());
        assert_eq!(list.0[0].controller, None);
    }

    #[test]
    fn version_shapes() {
        let v: VersionInfo = serde_json::from_str(
            r#"{"major": "1", "minor": "29+", "gitVersion": "v1.29.6-eks-1552ad0",
                "gitCommit": "abc", "goVersion": "go1.22.4"}"#,
        )
        .unwrap();
        assert_eq!(v.server_git_version(), Some("v1.29.6-eks-1552ad0"));
        assert_eq!(v.server_version.as_ref().unwrap().minor, "29+");
        let v: VersionInfo = serde_json::from_str(
            r#"{"clientVersion": {"major": "1", "minor": "31", "gitVersion": "v1.31.0"}}"#,
        )
        .unwrap();
        assert_eq!(v.server_git_version(), None);
        assert_eq!(v.client_version.unwrap().git_version, "v1.31.0");
    }

    #[test]
    fn errors_name_the_field() {
        let err = |json: &str| {
            serde_json::from_str::<NodeList>(json)
                .unwrap_err()
                .to_string()
        };
        assert_eq!(
            err(r#"[{"metadata": {"labels": {}}}]"#),
            "missing field `metadata.name` at line 1 column 29"
        );
        assert_eq!(
            err(r#"[{"kind": "Node"}]"#),
            "missing field `metadata` at line 1 column 17"
        );
        assert_eq!(
            err(r#"[{"metadata": {"name": "a", "labels": {"x": 1.5}}}]"#),
            "invalid type: floating point `1.5`, expected a string for `metadata.labels` at line 1 column 47"
        );
        assert_eq!(
            err(r#"[{"metadata": {"name": "a", "labels": ["x"]}}]"#),
            "invalid type: sequence, expected an object of strings for `metadata.labels` at line 1 column 39"
        );
        assert_eq!(
            err(r#"{"items": [{"kind": "StorageClass", "metadata": {"name": "a"}}]}"#),
            "expected an object of kind `Node`, found kind `StorageClass` at line 1 column 62"
        );
        assert_eq!(
            err(r#"{"kind": "NodeList"}"#),
            "missing field `items` at line 1 column 20"
        );
        let err = serde_json::from_str::<StorageClass>(r#"{"metadata": {"name": "a"}}"#)
            .unwrap_err()
            .to_string();
        assert_eq!(err, "missing field `provisioner` at line 1 column 27");
        let err = serde_json::from_str::<StorageClass>(
            r#"{"metadata": {"name": "a"}, "provisioner": null}"#,
        )
        .unwrap_err()
        .to_string();
        assert_eq!(
            err,
            "invalid type: null, expected a string for `provisioner` at line 1 column 47"
        );
        let err = serde_json::from_str::<VersionInfo>(
            r#"{"serverVersion": {"major": "1", "minor": "30"}}"#,
        )
        .unwrap_err()
        .to_string();
        assert_eq!(
            err,
            "missing field `serverVersion.gitVersion` at line 1 column 47"
        );
        let err = serde_json::from_str::<VersionInfo>(
            r#"{"serverVersion": {"major": "1", "minor": 30.5, "gitVersion": "v1.30.0"}}"#,
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("for `serverVersion.minor`"), "{err}");
    }
}
