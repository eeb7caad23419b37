//! OpenStack objects as the APIs and the `openstack` command-line client hand them out.
//!
//! These are plain data models with no rules attached. Each accepts both the raw API shape and
//! the shape of `openstack … -f json`.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

/// A Nova flavor: the fields the SCS checks read.
///
/// Deserializes from
///
/// - the Nova API (`GET /v2.1/flavors/detail`): `name`, `vcpus`, `ram` (MiB), `disk` (GiB), and
///   the extra specs as `extra_specs` (microversion 2.61 and later) or
///   `OS-FLV-WITH-EXT-SPECS:extra_specs`;
/// - `openstack flavor list --long -f json` / `openstack flavor show -f json`: `Name`, `VCPUs`,
///   `RAM`, `Disk` and `Properties` (an object, or the older `key='value', …` text).
///
/// Extra spec values that arrive as JSON booleans or numbers are kept as their text. A `null`
/// name reads as the empty name. Other fields are ignored.
///
/// ```
/// use scs_validators::input::Flavor;
/// let flavor: Flavor = serde_json::from_str(
///     r#"{"name": "SCS-2V-4", "vcpus": 2, "ram": 4096, "disk": 0,
///         "extra_specs": {"scs:cpu-type": "shared-core"}}"#,
/// )?;
/// assert_eq!(flavor.ram, 4096);
/// assert_eq!(flavor.extra_specs["scs:cpu-type"], "shared-core");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Flavor {
    /// The flavor name (may be empty).
    pub name: String,
    /// Number of vCPUs.
    pub vcpus: u64,
    /// Memory in MiB.
    pub ram: u64,
    /// Root disk in GiB; 0 means no fixed-size root disk.
    pub disk: u64,
    /// The flavor's extra specs (`scs:cpu-type`, `scs:name-v1`, …).
    pub extra_specs: BTreeMap<String, String>,
}

impl Flavor {
    /// A flavor with no extra specs.
    pub fn new(name: impl Into<String>, vcpus: u64, ram: u64, disk: u64) -> Self {
        Flavor {
            name: name.into(),
            vcpus,
            ram,
            disk,
            extra_specs: BTreeMap::new(),
        }
    }

    /// The same flavor with one more extra spec.
    #[must_use]
    pub fn with_extra_spec(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.extra_specs.insert(key.into(), value.into());
        self
    }
}

impl<'de> Deserialize<'de> for Flavor {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(FlavorVisitor)
    }
}

struct FlavorVisitor;

impl<'de> Visitor<'de> for FlavorVisitor {
    type Value = Flavor;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a flavor object with name, vcpus, ram and disk")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Flavor, A::Error> {
        let mut name: Option<String> = None;
        let mut vcpus = None;
        let mut ram = None;
        let mut disk = None;
        let mut extra_specs: Option<BTreeMap<String, String>> = None;
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            match key.as_ref() {
                "name" | "Name" => {
                    let v: Option<String> = map.next_value()?;
                    name.get_or_insert(v.unwrap_or_default());
                }
                "vcpus" | "VCPUs" => {
                    let v: u64 = map.next_value()?;
                    vcpus.get_or_insert(v);
                }
                "ram" | "RAM" => {
                    let v: u64 = map.next_value()?;
                    ram.get_or_insert(v);
                }
                "disk" | "Disk" => {
                    let v: u64 = map.next_value()?;
                    disk.get_or_insert(v);
                }
                "extra_specs"
                | "OS-FLV-WITH-EXT-SPECS:extra_specs"
                | "Properties"
                | "properties" => {
                    let v: Option<ExtraSpecs> = map.next_value()?;
                    if let Some(ExtraSpecs(v)) = v {
                        extra_specs.get_or_insert(v);
                    }
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(Flavor {
            name: name.ok_or_else(|| de::Error::missing_field("name"))?,
            vcpus: vcpus.ok_or_else(|| de::Error::missing_field("vcpus"))?,
            ram: ram.ok_or_else(|| de::Error::missing_field("ram"))?,
            disk: disk.ok_or_else(|| de::Error::missing_field("disk"))?,
            extra_specs: extra_specs.unwrap_or_default(),
        })
    }
}

/// Extra specs as an object of scalars, or the CLI's older `key='value', key2='value2'` text.
struct ExtraSpecs(BTreeMap<String, String>);

impl<'de> Deserialize<'de> for ExtraSpecs {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = ExtraSpecs;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("extra specs as an object or as `key='value', …` text")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ExtraSpecs, A::Error> {
                let mut out = BTreeMap::new();
                while let Some((k, v)) = map.next_entry::<String, Scalar>()? {
                    out.insert(k, v.0);
                }
                Ok(ExtraSpecs(out))
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<ExtraSpecs, E> {
                parse_properties_text(text)
                    .map(ExtraSpecs)
                    .map_err(E::custom)
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// An extra spec value: text, or a boolean or number kept as its text.
struct Scalar(String);

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Scalar;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string, boolean or number")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Scalar, E> {
                Ok(Scalar(v))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Scalar, E> {
                Ok(Scalar(if v { "True" } else { "False" }.to_owned()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// Parses the `openstack` client's `key='value', key2='value2'` rendering of a property map.
pub(crate) fn parse_properties_text(text: &str) -> Result<BTreeMap<String, String>, String> {
    let mut out = BTreeMap::new();
    let mut rest = text.trim();
    while !rest.is_empty() {
        let eq = rest
            .find('=')
            .ok_or_else(|| format!("properties text `{text}`: expected `key='value'`"))?;
        let key = rest[..eq].trim();
        let after = &rest[eq + 1..];
        let (value, tail) = if let Some(quoted) = after.strip_prefix('\'') {
            let end = quoted.find('\'').ok_or_else(|| {
                format!("properties text `{text}`: unterminated quote after `{key}=`")
            })?;
            (&quoted[..end], &quoted[end + 1..])
        } else {
            let end = after.find(',').unwrap_or(after.len());
            (after[..end].trim(), &after[end..])
        };
        out.insert(key.to_owned(), value.to_owned());
        let tail = tail.trim_start();
        rest = match tail.strip_prefix(',') {
            Some(t) => t.trim_start(),
            None if tail.is_empty() => tail,
            None => {
                return Err(format!(
                    "properties text `{text}`: expected `,` after the value of `{key}`"
                ))
            }
        };
    }
    Ok(out)
}

/// A list of flavors: `{"flavors": [...]}` as the Nova API returns it, or a bare JSON list as
/// `openstack flavor list --long -f json` prints it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct FlavorList(pub Vec<Flavor>);

impl<'de> Deserialize<'de> for FlavorList {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = FlavorList;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of flavors, or an object with a `flavors` list")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<FlavorList, A::Error> {
                let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
                while let Some(f) = seq.next_element::<Flavor>()? {
                    out.push(f);
                }
                Ok(FlavorList(out))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<FlavorList, A::Error> {
                let mut found = None;
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    if key == "flavors" && found.is_none() {
                        found = Some(map.next_value::<Vec<Flavor>>()?);
                    } else {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
                found
                    .map(FlavorList)
                    .ok_or_else(|| de::Error::missing_field("flavors"))
            }
        }
        deserializer.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nova_shapes() {
        let api = r#"{"flavors": [
            {"id": "1", "name": "SCS-1V-4", "vcpus": 1, "ram": 4096, "disk": 0,
             "OS-FLV-WITH-EXT-SPECS:extra_specs": {"scs:cpu-type": "shared-core", "hw_rng:allowed": true}},
            {"id": "2", "name": null, "vcpus": 2, "ram": 8192, "disk": 20, "swap": ""}
        ]}"#;
        let list: FlavorList = serde_json::from_str(api).unwrap();
        assert_eq!(list.0.len(), 2);
        assert_eq!(list.0[0].extra_specs["hw_rng:allowed"], "True");
        assert_eq!(list.0[1].name, "");
        assert_eq!(list.0[1].disk, 20);
    }

    #[test]
    fn cli_shapes() {
        let cli = r#"[{"ID": "1", "Name": "SCS-2V-8", "RAM": 8192, "Disk": 0, "Ephemeral": 0,
            "VCPUs": 2, "Is Public": true, "Properties": "scs:cpu-type='shared-core', scs:name-v1='SCS-2V:8'"},
            {"Name": "x", "RAM": 1, "Disk": 0, "VCPUs": 1, "Properties": {"a": "b"}}]"#;
        let list: FlavorList = serde_json::from_str(cli).unwrap();
        assert_eq!(list.0[0].vcpus, 2);
        assert_eq!(list.0[0].extra_specs["scs:name-v1"], "SCS-2V:8");
        assert_eq!(list.0[0].extra_specs["scs:cpu-type"], "shared-core");
        assert_eq!(list.0[1].extra_specs["a"], "b");
    }

    #[test]
    fn errors_name_the_problem() {
        let err = serde_json::from_str::<FlavorList>(r#"[{"name": "a", "vcpus": 1, "ram": 2}]"#)
            .unwrap_err();
        assert_eq!(err.to_string(), "missing field `disk` at line 1 column 36");
        let err = serde_json::from_str::<FlavorList>(r#"{"flavor": []}"#).unwrap_err();
        assert_eq!(
            err.to_string(),
            "missing field `flavors` at line 1 column 14"
        );
        let err = serde_json::from_str::<FlavorList>(
            r#"[{"name": "a", "vcpus": -1, "ram": 2, "disk": 0}]"#,
        )
        .unwrap_err();
        assert!(
            err.to_string().starts_with("invalid value: integer `-1`"),
            "{err}"
        );
        let err = parse_properties_text("a='b").unwrap_err();
        assert_eq!(err, "properties text `a='b`: unterminated quote after `a=`");
    }
}
