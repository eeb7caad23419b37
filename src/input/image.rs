//! Glance images as the Image API (v2) and `openstack image show -f json` hand them out.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

/// A Glance image: the core attributes the SCS checks read, plus every additional property.
///
/// Deserializes from
///
/// - the Image API v2 (`GET /v2/images`, one element of `images`): core attributes and the
///   additional properties (`architecture`, `os_distro`, `image_source`, …) as flat keys whose
///   values are strings;
/// - `openstack image show -f json`: the same with the additional properties nested in a
///   `properties` object (the client also renames `os_hidden` to `is_hidden` and
///   `os_hash_algo` to `hash_algo`; both spellings are read).
///
/// A value that arrives as a JSON boolean or number in place of a string property is kept as
/// its text (`true`, `42`); `null` properties are left out. Nested objects and lists other than
/// `tags` are ignored.
///
/// `openstack image list --long -f json` prints no properties: such a record (recognised by
/// its `ID` and `Name` keys without `properties`) is rejected with an error that says so.
///
/// ```
/// use scs_validators::input::Image;
/// let image: Image = serde_json::from_str(
///     r#"{"id": "a1", "name": "Ubuntu 24.04", "visibility": "public", "os_hidden": false,
///         "min_disk": 8, "size": 612368384, "os_distro": "ubuntu", "os_version": "24.04",
///         "tags": ["os:ubuntu"]}"#,
/// )?;
/// assert_eq!(image.property("os_distro"), Some("ubuntu"));
/// assert_eq!(image.min_disk, Some(8));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Image {
    /// The image id (a UUID).
    pub id: String,
    /// The name (`None` when null or absent).
    pub name: Option<String>,
    /// `public`, `community`, `shared` or `private`.
    pub visibility: Option<String>,
    /// Whether the image is hidden from listings (`os_hidden`).
    pub os_hidden: bool,
    /// The upload status (`active`, `queued`, …).
    pub status: Option<String>,
    /// Registration time as Glance prints it (`2024-05-01T10:00:00Z`).
    pub created_at: Option<String>,
    /// Last update time.
    pub updated_at: Option<String>,
    /// Size of the stored image data in bytes (`None` when no data was uploaded).
    pub size: Option<u64>,
    /// Virtual size in bytes.
    pub virtual_size: Option<u64>,
    /// Minimum disk in GiB (absent means 0).
    pub min_disk: Option<u64>,
    /// Minimum RAM in MiB (absent means 0).
    pub min_ram: Option<u64>,
    /// The hash algorithm Glance used (`os_hash_algo`).
    pub os_hash_algo: Option<String>,
    /// The image tags.
    pub tags: Vec<String>,
    /// Every other attribute with a string (or scalar) value: `architecture`, `os_distro`,
    /// `image_build_date`, …
    pub properties: BTreeMap<String, String>,
}

impl Image {
    /// The value of an additional property by its Glance key (`architecture`, `os_distro`,
    /// `image_source`, …); also answers `name`, `visibility`, `status`, `created_at`,
    /// `updated_at` and `os_hash_algo`.
    pub fn property(&self, key: &str) -> Option<&str> {
        match key {
            "name" => self.name.as_deref(),
            "visibility" => self.visibility.as_deref(),
            "status" => self.status.as_deref(),
            "created_at" => self.created_at.as_deref(),
            "updated_at" => self.updated_at.as_deref(),
            "os_hash_algo" => self.os_hash_algo.as_deref(),
            _ => self.properties.get(key).map(String::as_str),
        }
    }

    /// Whether the image is `public` or `community` (the images the official suite checks).
    pub fn is_public_or_community(&self) -> bool {
        matches!(self.visibility.as_deref(), Some("public" | "community"))
    }
}

impl<'de> Deserialize<'de> for Image {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ImageVisitor)
    }
}

struct ImageVisitor;

/// A property value: a string, or a scalar kept as its text; anything else is skipped.
struct PropertyValue(Option<String>);

impl<'de> Deserialize<'de> for PropertyValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = PropertyValue;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a property value")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<PropertyValue, E> {
                Ok(PropertyValue(Some(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<PropertyValue, E> {
                Ok(PropertyValue(Some(v)))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<PropertyValue, E> {
                Ok(PropertyValue(Some(v.to_string())))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<PropertyValue, E> {
                Ok(PropertyValue(Some(v.to_string())))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<PropertyValue, E> {
                Ok(PropertyValue(Some(v.to_string())))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<PropertyValue, E> {
                Ok(PropertyValue(Some(v.to_string())))
            }
            fn visit_unit<E: de::Error>(self) -> Result<PropertyValue, E> {
                Ok(PropertyValue(None))
            }
            fn visit_none<E: de::Error>(self) -> Result<PropertyValue, E> {
                Ok(PropertyValue(None))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<PropertyValue, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(PropertyValue(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<PropertyValue, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(PropertyValue(None))
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// The nested `properties` object of `openstack image show -f json`.
struct NestedProperties(BTreeMap<String, String>);

impl<'de> Deserialize<'de> for NestedProperties {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = NestedProperties;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of image properties")
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<NestedProperties, A::Error> {
                let mut out = BTreeMap::new();
                while let Some((k, PropertyValue(v))) = map.next_entry::<String, PropertyValue>()? {
                    if let Some(v) = v {
                        out.insert(k, v);
                    }
                }
                Ok(NestedProperties(out))
            }
            fn visit_unit<E: de::Error>(self) -> Result<NestedProperties, E> {
                Ok(NestedProperties(BTreeMap::new()))
            }
        }
        deserializer.deserialize_any(V)
    }
}

fn opt_u64<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Option<u64>, A::Error> {
    map.next_value::<Option<u64>>()
}

impl<'de> Visitor<'de> for ImageVisitor {
    type Value = Image;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an image object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Image, A::Error> {
        let mut image = Image::default();
        let mut id = None;
        let mut cli_list_keys = false;
        let mut nested = None;
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            match key.as_ref() {
                "id" | "ID" => {
                    if key == "ID" {
                        cli_list_keys = true;
                    }
                    id = Some(map.next_value::<String>()?);
                }
                "name" | "Name" => image.name = map.next_value()?,
                "visibility" | "Visibility" => image.visibility = map.next_value()?,
                "os_hidden" | "is_hidden" => {
                    image.os_hidden = map.next_value::<Option<bool>>()?.unwrap_or(false)
                }
                "status" | "Status" => image.status = map.next_value()?,
                "created_at" => image.created_at = map.next_value()?,
                "updated_at" => image.updated_at = map.next_value()?,
                "size" | "Size" => image.size = opt_u64(&mut map)?,
                "virtual_size" => image.virtual_size = opt_u64(&mut map)?,
                "min_disk" => image.min_disk = opt_u64(&mut map)?,
                "min_ram" => image.min_ram = opt_u64(&mut map)?,
                "os_hash_algo" | "hash_algo" => image.os_hash_algo = map.next_value()?,
                "tags" | "Tags" => {
                    image.tags = map.next_value::<Option<Vec<String>>>()?.unwrap_or_default()
                }
                "properties" => nested = Some(map.next_value::<NestedProperties>()?.0),
                _ => {
                    if let PropertyValue(Some(v)) = map.next_value::<PropertyValue>()? {
                        image.properties.insert(key.into_owned(), v);
                    }
                }
            }
        }
        if cli_list_keys && nested.is_none() {
            return Err(de::Error::custom(
                "this looks like `openstack image list --long -f json`, which prints no image \
                 properties; use the Image API (`GET /v2/images`) or `openstack image show -f json`",
            ));
        }
        if let Some(nested) = nested {
            for (k, v) in nested {
                image.properties.entry(k).or_insert(v);
            }
        }
        image.id = id.ok_or_else(|| de::Error::missing_field("id"))?;
        Ok(image)
    }
}

/// A list of images: `{"images": [...]}` as the Image API returns it, or a bare JSON list.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct ImageList(pub Vec<Image>);

impl<'de> Deserialize<'de> for ImageList {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = ImageList;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of images, or an object with an `images` list")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<ImageList, A::Error> {
                let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
                while let Some(image) = seq.next_element::<Image>()? {
                    out.push(image);
                }
                Ok(ImageList(out))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ImageList, A::Error> {
                let mut found = None;
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    if key == "images" && found.is_none() {
                        found = Some(map.next_value::<Vec<Image>>()?);
                    } else {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
                found
                    .map(ImageList)
                    .ok_or_else(|| de::Error::missing_field("images"))
            }
        }
        deserializer.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glance_api_shape() {
        let json = r#"{"images": [{"id": "1", "name": "Debian 12", "visibility": "public",
            "os_hidden": false, "size": null, "min_disk": 0, "min_ram": 0,
            "os_hash_algo": "sha512", "architecture": "x86_64", "hw_disk_bus": "scsi",
            "os_secure_boot": true, "locations": [], "tags": [], "self": "/v2/images/1",
            "owner_specified.openstack.md5": ""}], "first": "/v2/images"}"#;
        let list: ImageList = serde_json::from_str(json).unwrap();
        let image = &list.0[0];
        assert_eq!(image.size, None);
        assert_eq!(image.property("architecture"), Some("x86_64"));
        assert_eq!(image.property("os_secure_boot"), Some("true"));
        assert_eq!(image.property("os_hash_algo"), Some("sha512"));
        assert_eq!(image.property("locations"), None);
        assert!(image.is_public_or_community());
    }

    #[test]
    fn cli_show_shape_with_nested_properties() {
        let json = r#"[{"id": "2", "name": "Ubuntu 24.04", "visibility": "community",
            "is_hidden": true, "hash_algo": "sha256",
            "properties": {"os_distro": "ubuntu", "image_source": "https://x/", "hw_qemu_guest_agent": null}}]"#;
        let list: ImageList = serde_json::from_str(json).unwrap();
        let image = &list.0[0];
        assert!(image.os_hidden);
        assert_eq!(image.os_hash_algo.as_deref(), Some("sha256"));
        assert_eq!(image.property("os_distro"), Some("ubuntu"));
        assert_eq!(image.property("hw_qemu_guest_agent"), None);
    }

    #[test]
    fn cli_list_shape_is_rejected_with_a_reason() {
        let json = r#"[{"ID": "3", "Name": "x", "Disk Format": "qcow2", "Status": "active"}]"#;
        let err = serde_json::from_str::<ImageList>(json)
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("this looks like `openstack image list --long -f json`"),
            "{err}"
        );
        let err = serde_json::from_str::<ImageList>(r#"[{"name": "x"}]"#).unwrap_err();
        assert_eq!(err.to_string(), "missing field `id` at line 1 column 14");
    }
}
