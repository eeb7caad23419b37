//! A parsed document tree with optional source positions: what [`Scope::load`](super::Scope::load)
//! reads.
//!
//! The library does not parse YAML itself. A caller parses the scope file with any serde
//! format into a [`Node`] (the [`Deserialize`] impl here, positions unknown), or builds the tree
//! from a parser that knows positions and sets [`Node::location`], so that every load problem
//! names its line and column.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

/// A place in the source text, 1-based.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    /// The line, counting from 1.
    pub line: u32,
    /// The column, counting from 1.
    pub column: u32,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}", self.line, self.column)
    }
}

/// One node of a parsed document: a scalar, a sequence or a mapping, with where it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// The value.
    pub value: Value,
    /// Where the node starts in the source, when the parser told.
    pub location: Option<Location>,
}

/// The value of a [`Node`].
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// `null`, `~` or nothing.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// An integer.
    Integer(i128),
    /// A floating-point number.
    Float(f64),
    /// A string (YAML dates such as `2025-01-01` arrive as strings).
    String(String),
    /// A sequence.
    Sequence(Vec<Node>),
    /// A mapping, in document order (keys may repeat; the loader reports that).
    Mapping(Vec<(Node, Node)>),
}

impl Node {
    /// A node without a location.
    pub fn new(value: Value) -> Self {
        Node {
            value,
            location: None,
        }
    }

    /// A node with a location.
    pub fn at(value: Value, location: Location) -> Self {
        Node {
            value,
            location: Some(location),
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(text) => Some(text),
            _ => None,
        }
    }

    /// What kind of node this is, for messages: `a string`, `a mapping`, ...
    pub fn kind(&self) -> &'static str {
        match self.value {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Integer(_) => "an integer",
            Value::Float(_) => "a number",
            Value::String(_) => "a string",
            Value::Sequence(_) => "a sequence",
            Value::Mapping(_) => "a mapping",
        }
    }

    /// A scalar written as text (`5`, `true`, `1.5`, the string itself); `None` for null,
    /// sequences and mappings.
    pub fn scalar_text(&self) -> Option<String> {
        match &self.value {
            Value::Bool(value) => Some(value.to_string()),
            Value::Integer(value) => Some(value.to_string()),
            Value::Float(value) => Some(value.to_string()),
            Value::String(text) => Some(text.clone()),
            Value::Null | Value::Sequence(_) | Value::Mapping(_) => None,
        }
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

/// Builds a [`Node`] from any self-describing serde format.
struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::new(Value::Null))
    }

    fn visit_none<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::new(Value::Null))
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Node, D::Error> {
        Node::deserialize(deserializer)
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Node, E> {
        Ok(Node::new(Value::Bool(value)))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Node, E> {
        Ok(Node::new(Value::Integer(value.into())))
    }

    fn visit_i128<E: de::Error>(self, value: i128) -> Result<Node, E> {
        Ok(Node::new(Value::Integer(value)))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Node, E> {
        Ok(Node::new(Value::Integer(value.into())))
    }

    fn visit_u128<E: de::Error>(self, value: u128) -> Result<Node, E> {
        Ok(Node::new(match i128::try_from(value) {
            Ok(value) => Value::Integer(value),
            Err(_) => Value::Float(value as f64),
        }))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Node, E> {
        Ok(Node::new(Value::Float(value)))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Node, E> {
        Ok(Node::new(Value::String(value.to_owned())))
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<Node, E> {
        Ok(Node::new(Value::String(value)))
    }

    fn visit_bytes<E: de::Error>(self, value: &[u8]) -> Result<Node, E> {
        Ok(Node::new(Value::String(
            String::from_utf8_lossy(value).into_owned(),
        )))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        while let Some(item) = seq.next_element::<Node>()? {
            items.push(item);
        }
        Ok(Node::new(Value::Sequence(items)))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(0).min(1024));
        while let Some(entry) = map.next_entry::<Node, Node>()? {
            entries.push(entry);
        }
        Ok(Node::new(Value::Mapping(entries)))
    }
}
