//! YAML into the library's document tree, with the line and column of every node, so that scope
//! problems name their place in the file.

use std::fmt;

use scs_validators::scope::{Location, Node, Value};
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

/// A YAML node as serde-saphyr gives it, each child with its span.
enum Raw {
    Null,
    Bool(bool),
    Integer(i128),
    Float(f64),
    String(String),
    Sequence(Vec<Spanned<Raw>>),
    Mapping(Vec<(Spanned<Raw>, Spanned<Raw>)>),
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RawVisitor)
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = Raw;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E: de::Error>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Raw, D::Error> {
        Raw::deserialize(deserializer)
    }
    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Raw, E> {
        Ok(Raw::Bool(value))
    }
    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Raw, E> {
        Ok(Raw::Integer(value.into()))
    }
    fn visit_i128<E: de::Error>(self, value: i128) -> Result<Raw, E> {
        Ok(Raw::Integer(value))
    }
    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Raw, E> {
        Ok(Raw::Integer(value.into()))
    }
    fn visit_u128<E: de::Error>(self, value: u128) -> Result<Raw, E> {
        Ok(match i128::try_from(value) {
            Ok(value) => Raw::Integer(value),
            Err(_) => Raw::Float(value as f64),
        })
    }
    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Raw, E> {
        Ok(Raw::Float(value))
    }
    fn visit_str<E: de::Error>(self, value: &str) -> Result<Raw, E> {
        Ok(Raw::String(value.to_owned()))
    }
    fn visit_string<E: de::Error>(self, value: String) -> Result<Raw, E> {
        Ok(Raw::String(value))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Raw, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Spanned<Raw>>()? {
            items.push(item);
        }
        Ok(Raw::Sequence(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Raw, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry::<Spanned<Raw>, Spanned<Raw>>()? {
            entries.push(entry);
        }
        Ok(Raw::Mapping(entries))
    }
}

/// The library node of a spanned YAML node (line 0 means the parser did not know).
fn convert(raw: Spanned<Raw>) -> Node {
    let (line, column) = (raw.referenced.line(), raw.referenced.column());
    let location = (line > 0).then(|| Location {
        line: u32::try_from(line).unwrap_or(u32::MAX),
        column: u32::try_from(column).unwrap_or(u32::MAX),
    });
    let value = match raw.value {
        Raw::Null => Value::Null,
        Raw::Bool(value) => Value::Bool(value),
        Raw::Integer(value) => Value::Integer(value),
        Raw::Float(value) => Value::Float(value),
        Raw::String(text) => Value::String(text),
        Raw::Sequence(items) => Value::Sequence(items.into_iter().map(convert).collect()),
        Raw::Mapping(entries) => Value::Mapping(
            entries
                .into_iter()
                .map(|(key, value)| (convert(key), convert(value)))
                .collect(),
        ),
    };
    Node { value, location }
}

/// Parses one YAML document into a [`Node`] with positions; the error is serde-saphyr's
/// message, first line only.
pub fn parse(text: &str) -> Result<Node, String> {
    serde_saphyr::from_str::<Spanned<Raw>>(text)
        .map(convert)
        .map_err(|e| crate::files::one_line(&e.to_string()))
}
