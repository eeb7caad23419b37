//! Neutron security group rules as the Networking API (v2.0) and `openstack … rule list -f json`
//! hand them out: the default security group rules (the template every new group starts from,
//! OpenStack 2023.2 and later) and the rules of ordinary security groups.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use super::volume::{Flag, Text};

/// The direction of a security group rule.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Direction {
    /// `ingress`: incoming traffic.
    Ingress,
    /// `egress`: outgoing traffic.
    Egress,
    /// Any other text, kept as given (Neutron accepts only the two above).
    Other(String),
}

impl Direction {
    /// The direction for an API value; only the exact lowercase spellings are recognised.
    pub fn from_api(value: &str) -> Self {
        match value {
            "ingress" => Direction::Ingress,
            "egress" => Direction::Egress,
            other => Direction::Other(other.to_owned()),
        }
    }

    /// The API spelling.
    pub fn as_str(&self) -> &str {
        match self {
            Direction::Ingress => "ingress",
            Direction::Egress => "egress",
            Direction::Other(s) => s,
        }
    }
}

impl fmt::Display for Direction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Direction {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// The IP version a security group rule applies to.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Ethertype {
    /// `IPv4`.
    IPv4,
    /// `IPv6`.
    IPv6,
    /// Any other text, kept as given: the official suite recognises only the exact spellings
    /// `IPv4` and `IPv6`, so `ipv4` lands here.
    Other(String),
}

impl Ethertype {
    /// The ethertype for an API value; only `IPv4` and `IPv6`, spelled exactly so, are
    /// recognised.
    pub fn from_api(value: &str) -> Self {
        match value {
            "IPv4" => Ethertype::IPv4,
            "IPv6" => Ethertype::IPv6,
            other => Ethertype::Other(other.to_owned()),
        }
    }

    /// The API spelling.
    pub fn as_str(&self) -> &str {
        match self {
            Ethertype::IPv4 => "IPv4",
            Ethertype::IPv6 => "IPv6",
            Ethertype::Other(s) => s,
        }
    }

    /// The prefix that covers every address of this IP version (`0.0.0.0/0`, `::/0`).
    pub fn any_prefix(&self) -> Option<&'static str> {
        match self {
            Ethertype::IPv4 => Some("0.0.0.0/0"),
            Ethertype::IPv6 => Some("::/0"),
            Ethertype::Other(_) => None,
        }
    }
}

impl fmt::Display for Ethertype {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Ethertype {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// A Neutron security group rule, or a default security group rule (a template rule).
///
/// Deserializes from
///
/// - the Networking API: an element of `default_security_group_rules`
///   (`GET /v2.0/default-security-group-rules`) or of `security_group_rules`
///   (`GET /v2.0/security-group-rules`, or inside a security group object): `id`, `direction`,
///   `ethertype`, `protocol`, `port_range_min`, `port_range_max`, `remote_ip_prefix`,
///   `remote_group_id`, `remote_address_group_id`, `used_in_default_sg`,
///   `used_in_non_default_sg`, `security_group_id`, `description`; openstacksdk's spelling
///   `ether_type` is read too;
/// - `openstack default security group rule list -f json` and
///   `openstack security group rule list --long -f json`: `ID`, `IP Protocol`, `Ethertype`,
///   `IP Range`, `Port Range` (`22:24`, `type=3:code=0` or empty), `Direction`,
///   `Remote Security Group`, `Remote Address Group`, `Used in default Security Group`,
///   `Used in custom Security Group`, `Security Group`.
///
/// `direction` and `ethertype` are required. `openstack security group rule list` prints no
/// direction without `--long`; such a record is rejected with an error that says so.
///
/// The client prints a rule without remote prefix with the `IP Range` `0.0.0.0/0` (IPv4) or
/// `::/0` (IPv6). Such a value from the `IP Range` column is therefore read as no prefix, and
/// [`SecurityGroupRule::cli_any_ip_range`] records that the API value may also have been that
/// explicit prefix. (`openstack … rule show` does the same under the key `remote_ip_prefix`,
/// where it cannot be told apart: prefer the API or the list commands.)
///
/// ```
/// use scs_validators::input::network::{Direction, Ethertype, SecurityGroupRule};
/// let rule: SecurityGroupRule = serde_json::from_str(
///     r#"{"id": "93e35d0c", "direction": "ingress", "ethertype": "IPv4", "protocol": null,
///         "remote_ip_prefix": null, "remote_group_id": "PARENT",
///         "used_in_default_sg": true, "used_in_non_default_sg": false}"#,
/// )?;
/// assert_eq!(rule.direction, Direction::Ingress);
/// assert_eq!(rule.ethertype, Ethertype::IPv4);
/// assert_eq!(rule.remote_group_id.as_deref(), Some("PARENT"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SecurityGroupRule {
    /// The rule id (a UUID), if given.
    pub id: Option<String>,
    /// `ingress` or `egress`.
    pub direction: Direction,
    /// `IPv4` or `IPv6`.
    pub ethertype: Ethertype,
    /// The IP protocol (`tcp`, `icmp`, `6`, …); `None` for any protocol.
    pub protocol: Option<String>,
    /// The lowest port (or the ICMP type).
    pub port_range_min: Option<u32>,
    /// The highest port (or the ICMP code).
    pub port_range_max: Option<u32>,
    /// The remote CIDR; `None` for no restriction by address.
    pub remote_ip_prefix: Option<String>,
    /// The remote security group: a group id, or `PARENT` in a default rule (the group the
    /// rule is copied into).
    pub remote_group_id: Option<String>,
    /// The remote address group id.
    pub remote_address_group_id: Option<String>,
    /// Default rules: whether the rule goes into each project's default security group.
    pub used_in_default_sg: Option<bool>,
    /// Default rules: whether the rule goes into every other (custom) security group.
    pub used_in_non_default_sg: Option<bool>,
    /// Ordinary rules: the group the rule belongs to.
    pub security_group_id: Option<String>,
    /// The rule's description.
    pub description: Option<String>,
    /// `true` when the rule came from the client's `IP Range` column showing `0.0.0.0/0` or
    /// `::/0`, which the client also prints for no prefix: `remote_ip_prefix` is then `None`,
    /// although the API value may have been the explicit prefix.
    pub cli_any_ip_range: bool,
}

impl SecurityGroupRule {
    /// A rule for any protocol, port and remote, used in no group.
    pub fn new(direction: Direction, ethertype: Ethertype) -> Self {
        SecurityGroupRule {
            id: None,
            direction,
            ethertype,
            protocol: None,
            port_range_min: None,
            port_range_max: None,
            remote_ip_prefix: None,
            remote_group_id: None,
            remote_address_group_id: None,
            used_in_default_sg: None,
            used_in_non_default_sg: None,
            security_group_id: None,
            description: None,
            cli_any_ip_range: false,
        }
    }

    /// The same rule with an id.
    #[must_use]
    pub fn with_id(mut self, id: impl Into<String>) -> Self {
        self.id = Some(id.into());
        self
    }

    /// The same rule restricted to `protocol`.
    #[must_use]
    pub fn with_protocol(mut self, protocol: impl Into<String>) -> Self {
        self.protocol = Some(protocol.into());
        self
    }

    /// The same rule restricted to the ports `min..=max`.
    #[must_use]
    pub fn with_ports(mut self, min: u32, max: u32) -> Self {
        self.port_range_min = Some(min);
        self.port_range_max = Some(max);
        self
    }

    /// The same rule restricted to the remote CIDR `prefix`.
    #[must_use]
    pub fn with_remote_ip_prefix(mut self, prefix: impl Into<String>) -> Self {
        self.remote_ip_prefix = Some(prefix.into());
        self
    }

    /// The same rule restricted to the remote security group `group` (`PARENT` in a default
    /// rule).
    #[must_use]
    pub fn with_remote_group(mut self, group: impl Into<String>) -> Self {
        self.remote_group_id = Some(group.into());
        self
    }

    /// The same default rule, used in default and/or custom security groups as given.
    #[must_use]
    pub fn used_in(mut self, default_sg: bool, custom_sg: bool) -> Self {
        self.used_in_default_sg = Some(default_sg);
        self.used_in_non_default_sg = Some(custom_sg);
        self
    }
}

impl<'de> Deserialize<'de> for SecurityGroupRule {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(RuleVisitor)
    }
}

struct RuleVisitor;

impl<'de> Visitor<'de> for RuleVisitor {
    type Value = SecurityGroupRule;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a security group rule object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<SecurityGroupRule, A::Error> {
        let mut rule = SecurityGroupRule::new(Direction::Ingress, Ethertype::IPv4);
        let mut direction = None;
        let mut ethertype = None;
        let mut cli_keys = false;
        let mut ip_range_column = false;
        let mut port_range = None;
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            let key = key.as_ref();
            if key == "ID" {
                cli_keys = true;
            }
            match key {
                "id" | "ID" => rule.id = map.next_value_seed(Text::nullable("id"))?,
                "direction" | "Direction" => {
                    direction = map.next_value_seed(Text::required("direction"))?;
                }
                "ethertype" | "ether_type" | "Ethertype" => {
                    ethertype = map.next_value_seed(Text::required("ethertype"))?;
                }
                "protocol" | "IP Protocol" => {
                    rule.protocol = map.next_value_seed(Text::nullable("protocol"))?;
                }
                "port_range_min" => {
                    rule.port_range_min = map.next_value_seed(Port("port_range_min"))?;
                }
                "port_range_max" => {
                    rule.port_range_max = map.next_value_seed(Port("port_range_max"))?;
                }
                "Port Range" => {
                    let text = map.next_value_seed(Text::nullable("Port Range"))?;
                    port_range = Some(parse_port_range(text.as_deref().unwrap_or("")).ok_or_else(
                        || {
                            de::Error::invalid_value(
                                de::Unexpected::Str(text.as_deref().unwrap_or("")),
                                &"a port range like `22:24`, `type=3:code=0` or empty for \
                                  `Port Range`",
                            )
                        },
                    )?);
                }
                "remote_ip_prefix" | "IP Range" => {
                    ip_range_column = key == "IP Range";
                    rule.remote_ip_prefix =
                        map.next_value_seed(Text::nullable("remote_ip_prefix"))?;
                }
                "remote_group_id" | "Remote Security Group" => {
                    rule.remote_group_id =
                        map.next_value_seed(Text::nullable("remote_group_id"))?;
                }
                "remote_address_group_id" | "Remote Address Group" => {
                    rule.remote_address_group_id =
                        map.next_value_seed(Text::nullable("remote_address_group_id"))?;
                }
                "used_in_default_sg" | "Used in default Security Group" => {
                    rule.used_in_default_sg = map.next_value_seed(Flag("used_in_default_sg"))?;
                }
                "used_in_non_default_sg" | "Used in custom Security Group" => {
                    rule.used_in_non_default_sg =
                        map.next_value_seed(Flag("used_in_non_default_sg"))?;
                }
                "security_group_id" | "Security Group" => {
                    rule.security_group_id =
                        map.next_value_seed(Text::nullable("security_group_id"))?;
                }
                "description" | "Description" => {
                    rule.description = map.next_value_seed(Text::nullable("description"))?;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        let Some(direction) = direction else {
            return Err(if cli_keys {
                de::Error::custom(
                    "this looks like `openstack security group rule list -f json` without \
                     `--long`, which prints no direction; use `--long` or the Networking API",
                )
            } else {
                de::Error::missing_field("direction")
            });
        };
        rule.direction = Direction::from_api(&direction);
        let ethertype = ethertype.ok_or_else(|| de::Error::missing_field("ethertype"))?;
        rule.ethertype = Ethertype::from_api(&ethertype);
        if let Some((min, max)) = port_range {
            rule.port_range_min = rule.port_range_min.or(min);
            rule.port_range_max = rule.port_range_max.or(max);
        }
        if ip_range_column
            && rule.remote_ip_prefix.is_some()
            && rule.remote_ip_prefix.as_deref() == rule.ethertype.any_prefix()
        {
            rule.remote_ip_prefix = None;
            rule.cli_any_ip_range = true;
        }
        Ok(rule)
    }
}

/// Reads a port number (or ICMP type/code): an integer, its text, or `null`.
struct Port(&'static str);

impl<'de> DeserializeSeed<'de> for Port {
    type Value = Option<u32>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl Visitor<'_> for Port {
    type Value = Option<u32>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a port number or null for `{}`", self.0)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        u32::try_from(v)
            .map(Some)
            .map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        u32::try_from(v)
            .map(Some)
            .map_err(|_| E::invalid_value(de::Unexpected::Signed(v), &self))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        if v.is_empty() {
            return Ok(None);
        }
        v.parse()
            .map(Some)
            .map_err(|_| E::invalid_value(de::Unexpected::Str(v), &self))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
}

/// The client's `Port Range` column: `` (none), `22:24`, `type=3`, `type=3:code=0`.
fn parse_port_range(text: &str) -> Option<(Option<u32>, Option<u32>)> {
    let text = text.trim();
    if text.is_empty() {
        return Some((None, None));
    }
    if let Some(icmp) = text.strip_prefix("type=") {
        return match icmp.split_once(":code=") {
            Some((t, c)) => Some((Some(t.parse().ok()?), Some(c.parse().ok()?))),
            None => Some((Some(icmp.parse().ok()?), None)),
        };
    }
    let (min, max) = text.split_once(':')?;
    Some((Some(min.parse().ok()?), Some(max.parse().ok()?)))
}

/// The default security group rules: `{"default_security_group_rules": [...]}` as the
/// Networking API returns it, or a bare JSON list as
/// `openstack default security group rule list -f json` prints it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct DefaultSecurityGroupRuleList(pub Vec<SecurityGroupRule>);

impl<'de> Deserialize<'de> for DefaultSecurityGroupRuleList {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_any(RuleListVisitor {
                keys: &["default_security_group_rules"],
                what: "a list of default security group rules, or an object with a \
                       `default_security_group_rules` list",
            })
            .map(DefaultSecurityGroupRuleList)
    }
}

/// The rules of a security group: `{"security_group_rules": [...]}` as the Networking API
/// lists them, a security group object (`{"security_group": {…}}` or the bare object) with its
/// `security_group_rules` (or the `rules` of `openstack security group show -f json`), or a
/// bare JSON list as `openstack security group rule list --long -f json` prints it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct SecurityGroupRuleList(pub Vec<SecurityGroupRule>);

impl<'de> Deserialize<'de> for SecurityGroupRuleList {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_any(RuleListVisitor {
                keys: &["security_group_rules", "rules", "security_group"],
                what: "a list of security group rules, a security group, or an object with a \
                       `security_group_rules` list",
            })
            .map(SecurityGroupRuleList)
    }
}

#[derive(Clone, Copy)]
struct RuleListVisitor {
    /// The keys under which the list (or, for `security_group`, a group object) may sit; the
    /// first is named in the error when none is there. Empty: only a list will do.
    keys: &'static [&'static str],
    what: &'static str,
}

impl<'de> DeserializeSeed<'de> for RuleListVisitor {
    type Value = Vec<SecurityGroupRule>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for RuleListVisitor {
    type Value = Vec<SecurityGroupRule>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.what)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(rule) = seq.next_element::<SecurityGroupRule>()? {
            out.push(rule);
        }
        Ok(out)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        if self.keys.is_empty() {
            return Err(de::Error::invalid_type(de::Unexpected::Map, &self));
        }
        let mut found = None;
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            if found.is_none() && self.keys.contains(&key.as_ref()) {
                found = Some(if key == "security_group" {
                    // The group object itself: its rules sit under the other keys.
                    map.next_value_seed(RuleListVisitor {
                        keys: &["security_group_rules", "rules"],
                        ..self
                    })?
                } else {
                    map.next_value_seed(RuleListVisitor {
                        keys: &[],
                        what: "a list of security group rules",
                    })?
                });
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        found.ok_or_else(|| de::Error::missing_field(self.keys[0]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn port_ranges() {
        assert_eq!(parse_port_range(""), Some((None, None)));
        assert_eq!(parse_port_range("22:24"), Some((Some(22), Some(24))));
        assert_eq!(parse_port_range("type=3"), Some((Some(3), None)));
        assert_eq!(parse_port_range("type=3:code=0"), Some((Some(3), Some(0))));
        assert_eq!(parse_port_range("22"), None);
        assert_eq!(parse_port_range("a:b"), None);
    }

    #[test]
    fn enums_keep_unknown_spellings() {
        assert_eq!(Ethertype::from_api("ipv4"), Ethertype::Other("ipv4".into()));
        assert_eq!(Ethertype::from_api("IPv6").to_string(), "IPv6");
        assert_eq!(Direction::from_api("Ingress").as_str(), "Ingress");
        assert_eq!(Ethertype::IPv6.any_prefix(), Some("::/0"));
    }

    #[test]
    fn api_list_and_group_shapes() {
        let rule = r#"{"id": "r1", "direction": "egress", "ethertype": "IPv6",
            "protocol": null, "port_range_min": null, "port_range_max": null,
            "remote_ip_prefix": null, "remote_group_id": null, "security_group_id": "g1",
            "tags": [], "revision_number": 0}"#;
        for json in [
            format!(r#"{{"security_group_rules": [{rule}]}}"#),
            format!(
                r#"{{"security_group": {{"id": "g1", "name": "x", "security_group_rules": [{rule}]}}}}"#
            ),
            format!(r#"{{"id": "g1", "name": "x", "security_group_rules": [{rule}]}}"#),
            format!(r#"{{"id": "g1", "name": "x", "rules": [{rule}]}}"#),
            format!(r#"[{rule}]"#),
        ] {
            let list: SecurityGroupRuleList = serde_json::from_str(&json).unwrap();
            assert_eq!(list.0.len(), 1, "{json}");
            assert_eq!(list.0[0].direction, Direction::Egress);
            assert_eq!(list.0[0].security_group_id.as_deref(), Some("g1"));
        }
    }

    #[test]
    fn cli_list_shape() {
        let json = r#"[{"ID": "r2", "IP Protocol": "tcp", "Ethertype": "IPv4",
            "IP Range": "0.0.0.0/0", "Port Range": "22:22", "Direction": "ingress",
            "Remote Security Group": null, "Remote Address Group": null,
            "Used in default Security Group": true, "Used in custom Security Group": false},
            {"ID": "r3", "IP Protocol": null, "Ethertype": "IPv6", "IP Range": "2001:db8::/32",
            "Port Range": "", "Direction": "egress", "Remote Security Group": null,
            "Remote Address Group": null, "Used in default Security Group": "True",
            "Used in custom Security Group": "False"}]"#;
        let list: DefaultSecurityGroupRuleList = serde_json::from_str(json).unwrap();
        let r2 = &list.0[0];
        assert_eq!(r2.remote_ip_prefix, None);
        assert!(r2.cli_any_ip_range);
        assert_eq!((r2.port_range_min, r2.port_range_max), (Some(22), Some(22)));
        assert_eq!(r2.protocol.as_deref(), Some("tcp"));
        let r3 = &list.0[1];
        assert_eq!(r3.remote_ip_prefix.as_deref(), Some("2001:db8::/32"));
        assert!(!r3.cli_any_ip_range);
        assert_eq!(r3.used_in_default_sg, Some(true));
        assert_eq!(r3.used_in_non_default_sg, Some(false));
    }

    #[test]
    fn errors_name_the_field() {
        let err = serde_json::from_str::<SecurityGroupRule>(r#"{"direction": "egress"}"#)
            .unwrap_err()
            .to_string();
        assert_eq!(err, "missing field `ethertype` at line 1 column 23");
        let err = serde_json::from_str::<SecurityGroupRule>(
            r#"{"direction": null, "ethertype": "IPv4"}"#,
        )
        .unwrap_err()
        .to_string();
        assert_eq!(
            err,
            "invalid type: null, expected a string for `direction` at line 1 column 18"
        );
        let err = serde_json::from_str::<SecurityGroupRule>(
            r#"{"direction": "egress", "ethertype": "IPv4", "port_range_min": 70000000000}"#,
        )
        .unwrap_err()
        .to_string();
        assert_eq!(
            err,
            "invalid value: integer `70000000000`, expected a port number or null for \
             `port_range_min` at line 1 column 74"
        );
        let err = serde_json::from_str::<SecurityGroupRuleList>(
            r#"[{"ID": "1", "IP Protocol": null, "Ethertype": "IPv4", "IP Range": "0.0.0.0/0"}]"#,
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.starts_with("this looks like `openstack security group rule list -f json` without"),
            "{err}"
        );
        let err = serde_json::from_str::<DefaultSecurityGroupRuleList>(r#"{"rules": []}"#)
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "missing field `default_security_group_rules` at line 1 column 13"
        );
        let err =
            serde_json::from_str::<SecurityGroupRuleList>(r#"{"security_group": {"id": "g"}}"#)
                .unwrap_err()
                .to_string();
        assert_eq!(
            err,
            "missing field `security_group_rules` at line 1 column 30"
        );
        let err = serde_json::from_str::<SecurityGroupRuleList>(r#"{"security_group_rules": {}}"#)
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "invalid type: map, expected a list of security group rules at line 1 column 27"
        );
        let err = serde_json::from_str::<SecurityGroupRule>(
            r#"{"direction": "egress", "ethertype": "IPv4", "Port Range": "x"}"#,
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("for `Port Range`"), "{err}");
    }
}
