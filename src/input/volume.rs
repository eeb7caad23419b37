//! Cinder volume types as the Block Storage API (v3) and `openstack volume type … -f json` hand
//! them out.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

/// A Cinder volume type: the fields the SCS checks read.
///
/// Deserializes from
///
/// - the Block Storage API (`GET /v3/{project_id}/types`, one element of `volume_types`): `id`,
///   `name`, `description` (string or null), `is_public` (also read as
///   `os-volume-type-access:is_public`) and `extra_specs`;
/// - `openstack volume type show -f json`: the same keys, with the extra specs as
///   `properties`;
/// - `openstack volume type list --long -f json`: `ID`, `Name`, `Description`, `Is Public`,
///   `Properties`.
///
/// `openstack volume type list -f json` without `--long` prints no description: such a record
/// (recognised by its `ID` key without `Description`) is rejected with an error that says so.
/// Extra spec values that arrive as booleans or numbers are kept as their text; the older
/// client's `key='value', …` rendering of the properties is read too. Other fields are ignored.
///
/// ```
/// use scs_validators::input::volume::VolumeType;
/// let t: VolumeType = serde_json::from_str(
///     r#"{"id": "d63307fb", "name": "LUKS", "is_public": true,
///         "description": "[scs:encrypted] This volume uses LUKS-encryption"}"#,
/// )?;
/// assert_eq!(t.name, "LUKS");
/// assert_eq!(t.description.as_deref(), Some("[scs:encrypted] This volume uses LUKS-encryption"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct VolumeType {
    /// The volume type id (a UUID), if given.
    pub id: Option<String>,
    /// The name (`__default__` for Cinder's default type); a `null` name reads as empty.
    pub name: String,
    /// The description (`None` when null or absent).
    pub description: Option<String>,
    /// Whether the type is public (`None` when not given).
    pub is_public: Option<bool>,
    /// The extra specs, as far as the user may see them (usually none for members).
    pub extra_specs: BTreeMap<String, String>,
}

impl VolumeType {
    /// A public volume type with a name and a description and nothing else.
    pub fn new(name: impl Into<String>, description: Option<&str>) -> Self {
        VolumeType {
            id: None,
            name: name.into(),
            description: description.map(str::to_owned),
            is_public: Some(true),
            extra_specs: BTreeMap::new(),
        }
    }
}

impl<'de> Deserialize<'de> for VolumeType {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(VolumeTypeVisitor)
    }
}

struct VolumeTypeVisitor;

impl<'de> Visitor<'de> for VolumeTypeVisitor {
    type Value = VolumeType;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a volume type object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<VolumeType, A::Error> {
        let mut t = VolumeType::default();
        let mut name = None;
        let mut cli_list_keys = false;
        let mut has_description = false;
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            match key.as_ref() {
                "id" | "ID" => {
                    cli_list_keys |= key == "ID";
                    t.id =
                        map.next_value_seed(Text::nullable(if key == "ID" { "ID" } else { "id" }))?;
                }
                "name" | "Name" => {
                    let v = map.next_value_seed(Text::nullable("name"))?;
                    name.get_or_insert(v.unwrap_or_default());
                }
                "description" | "Description" => {
                    has_description = true;
                    t.description = map.next_value_seed(Text::nullable("description"))?;
                }
                "is_public" | "Is Public" | "os-volume-type-access:is_public" => {
                    let v = map.next_value_seed(Flag("is_public"))?;
                    if t.is_public.is_none() {
                        t.is_public = v;
                    }
                }
                "extra_specs" | "properties" | "Properties" => {
                    if let Some(specs) = map.next_value_seed(Specs("extra_specs"))? {
                        t.extra_specs = specs;
                    }
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        if cli_list_keys && !has_description {
            return Err(de::Error::custom(
                "this looks like `openstack volume type list -f json` without `--long`, which \
                 prints no description; use `--long` or the Block Storage API",
            ));
        }
        t.name = name.ok_or_else(|| de::Error::missing_field("name"))?;
        Ok(t)
    }
}

/// A list of volume types: `{"volume_types": [...]}` as the Block Storage API returns it, or a
/// bare JSON list as `openstack volume type list --long -f json` prints it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct VolumeTypeList(pub Vec<VolumeType>);

impl<'de> Deserialize<'de> for VolumeTypeList {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = VolumeTypeList;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of volume types, or an object with a `volume_types` list")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<VolumeTypeList, A::Error> {
                let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
                while let Some(t) = seq.next_element::<VolumeType>()? {
                    out.push(t);
                }
                Ok(VolumeTypeList(out))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<VolumeTypeList, A::Error> {
                let mut found = None;
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    if key == "volume_types" && found.is_none() {
                        found = Some(map.next_value::<Vec<VolumeType>>()?);
                    } else {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
                found
                    .map(VolumeTypeList)
                    .ok_or_else(|| de::Error::missing_field("volume_types"))
            }
        }
        deserializer.deserialize_any(V)
    }
}

// ---------------------------------------------------------------------------------------------
// Field readers shared with `network.rs`: each names its field in the error it gives.

/// Reads a string (`null` allowed when nullable); numbers are kept as their text.
pub(super) struct Text {
    field: &'static str,
    nullable: bool,
}

impl Text {
    /// A reader for an optional string field.
    pub(super) const fn nullable(field: &'static str) -> Self {
        Text {
            field,
            nullable: true,
        }
    }

    /// A reader for a string field that must not be null.
    pub(super) const fn required(field: &'static str) -> Self {
        Text {
            field,
            nullable: false,
        }
    }
}

impl<'de> DeserializeSeed<'de> for Text {
    type Value = Option<String>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl Visitor<'_> for Text {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.nullable {
            write!(f, "a string or null for `{}`", self.field)
        } else {
            write!(f, "a string for `{}`", self.field)
        }
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Some(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Some(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
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

/// Reads a boolean: `true`/`false`, the texts `True`/`False` (any case), or `null`.
pub(super) struct Flag(pub(super) &'static str);

impl<'de> DeserializeSeed<'de> for Flag {
    type Value = Option<bool>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl Visitor<'_> for Flag {
    type Value = Option<bool>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a boolean or null for `{}`", self.0)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Some(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        if v.eq_ignore_ascii_case("true") {
            Ok(Some(true))
        } else if v.eq_ignore_ascii_case("false") {
            Ok(Some(false))
        } else {
            Err(E::invalid_value(de::Unexpected::Str(v), &self))
        }
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
}

/// Reads extra specs: an object of scalars, the client's `key='value', …` text, or `null`.
struct Specs(&'static str);

impl<'de> DeserializeSeed<'de> for Specs {
    type Value = Option<BTreeMap<String, String>>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Specs {
    type Value = Option<BTreeMap<String, String>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "an object of strings or `key='value', …` text for `{}`",
            self.0
        )
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = BTreeMap::new();
        while let Some(k) = map.next_key::<String>()? {
            if let Some(v) = map.next_value_seed(Text::nullable(self.0))? {
                out.insert(k, v);
            }
        }
        Ok(Some(out))
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Err(E::invalid_type(de::Unexpected::Bool(v), &self))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        parse_properties_text(v)
            .map(Some)
            .ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
}

/// The `openstack` client's `key='value', key2='value2'` rendering of a property map; `None`
/// when the text is not of that form.
fn parse_properties_text(text: &str) -> Option<BTreeMap<String, String>> {
    super::openstack::parse_properties_text(text).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cinder_api_shape() {
        let json = r#"{"volume_types": [
            {"id": "1", "name": "__default__", "description": "Default Volume Type",
             "is_public": true, "os-volume-type-access:is_public": true, "extra_specs": {},
             "qos_specs_id": null},
            {"id": "2", "name": "LUKS", "description": null, "is_public": false,
             "extra_specs": {"multiattach": "<is> True", "n": 3}}
        ]}"#;
        let list: VolumeTypeList = serde_json::from_str(json).unwrap();
        assert_eq!(list.0.len(), 2);
        assert_eq!(list.0[0].name, "__default__");
        assert_eq!(list.0[0].is_public, Some(true));
        assert_eq!(list.0[1].description, None);
        assert_eq!(list.0[1].is_public, Some(false));
        assert_eq!(list.0[1].extra_specs["multiattach"], "<is> True");
        assert_eq!(list.0[1].extra_specs["n"], "3");
    }

    #[test]
    fn cli_shapes() {
        let json = r#"[{"ID": "1", "Name": "LUKS", "Is Public": true,
            "Description": "[scs:encrypted] LUKS", "Properties": {"volume_backend_name": "ceph"}},
            {"ID": "2", "Name": "old", "Is Public": "False", "Description": null,
             "Properties": "a='b', c='d'"}]"#;
        let list: VolumeTypeList = serde_json::from_str(json).unwrap();
        assert_eq!(list.0[0].id.as_deref(), Some("1"));
        assert_eq!(list.0[0].extra_specs["volume_backend_name"], "ceph");
        assert_eq!(list.0[1].is_public, Some(false));
        assert_eq!(list.0[1].extra_specs["c"], "d");
        let show = r#"{"access_project_ids": null, "description": "[scs:replicated]",
            "id": "3", "is_public": true, "name": "rep", "properties": {}, "qos_specs_id": null}"#;
        let t: VolumeType = serde_json::from_str(show).unwrap();
        assert_eq!(t.description.as_deref(), Some("[scs:replicated]"));
    }

    #[test]
    fn properties_text() {
        let m = parse_properties_text("a='x, y', b=c , d='e'").unwrap();
        assert_eq!(m["a"], "x, y");
        assert_eq!(m["b"], "c");
        assert_eq!(m["d"], "e");
        assert_eq!(parse_properties_text(""), Some(BTreeMap::new()));
        assert_eq!(parse_properties_text("a='b"), None);
        assert_eq!(parse_properties_text("novalue"), None);
        assert_eq!(parse_properties_text("a='b' c"), None);
    }

    #[test]
    fn errors_name_the_field() {
        let err = serde_json::from_str::<VolumeType>(r#"{"id": "1", "description": 5}"#)
            .unwrap_err()
            .to_string();
        assert_eq!(err, "missing field `name` at line 1 column 29");
        let err = serde_json::from_str::<VolumeType>(r#"{"name": "a", "description": [1]}"#)
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "invalid type: sequence, expected a string or null for `description` at line 1 column 30"
        );
        let err = serde_json::from_str::<VolumeType>(r#"{"name": "a", "is_public": "yes"}"#)
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "invalid value: string \"yes\", expected a boolean or null for `is_public` at line 1 column 32"
        );
        let err = serde_json::from_str::<VolumeTypeList>(
            r#"[{"ID": "1", "Name": "a", "Is Public": true}]"#,
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.starts_with(
                "this looks like `openstack volume type list -f json` without `--long`"
            ),
            "{err}"
        );
        let err = serde_json::from_str::<VolumeTypeList>(r#"{"types": []}"#)
            .unwrap_err()
            .to_string();
        assert_eq!(err, "missing field `volume_types` at line 1 column 13");
    }
}
