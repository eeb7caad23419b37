//! scs-0115 v1: default rules for security groups.
//!
//! Standard: <https://docs.scs.community/standards/scs-0115-v1-default-rules-for-security-groups>
//! (with its testing notes, supplement w1).
//!
//! Since OpenStack 2023.2, Neutron keeps the rules every new security group starts with as
//! *default security group rules*, each marked for the project's default security group
//! (`used_in_default_sg`), for all other, custom groups (`used_in_non_default_sg`), or both. The
//! standard asks of them:
//!
//! - (SHOULD) ingress from the same group (remote group `PARENT`) in the default security group;
//! - (MUST NOT) any other ingress, IPv4 or IPv6, in any group: an ingress rule from `PARENT` may
//!   be used in the default security group only;
//! - (SHOULD) egress for IPv4 and IPv6 in all groups.
//!
//! Testcase `scs-0115-default-rules` (in the certificate scopes v5.1 and next), two ways, as the
//! official suite (`Tests/iaas/scs_0115_security_groups`) runs it:
//!
//! - [`default_rules`]: on the default security group rules (`GET
//!   /v2.0/default-security-group-rules`). Every ingress rule fails the check, except one from
//!   `PARENT` that is not used in custom groups (protocol, ports and prefix are not looked at;
//!   one used in no group at all passes). An egress rule of ethertype `IPv4` or `IPv6` without
//!   remote prefix allows all egress of its IP version in the groups it is used in, even when it
//!   is restricted by protocol, port or remote group (the official suite counts those; an info
//!   finding says so). Each of the four combinations IPv4/IPv6 × default/custom group needs
//!   such a rule.
//! - [`new_group_rules`]: the fallback for clouds without that API (older than 2023.2): the rules
//!   of a freshly created custom security group. Every ingress rule fails the check; each of
//!   IPv4 and IPv6 needs an egress rule, whatever its prefix or other restrictions.
//! - [`check`]: the first when the default rules are given, else the second (as the official
//!   suite falls back when the API is missing), else ABORT (no input).
//!
//! Ethertypes are compared exactly: `ipv4` is neither `IPv4` nor `IPv6` (Neutron never returns
//! such a spelling), so such an egress rule is ignored, with a warning. Beyond the official
//! suite, [`default_rules`] warns when no ingress rule from `PARENT` is used in the default group
//! for IPv4 or IPv6 (the SHOULD above, which the official suite does not check).
//!
//! # Divergences from the official suite
//!
//! | input | standard (this crate) | official suite | why |
//! | --- | --- | --- | --- |
//! | an egress default rule to `0.0.0.0/0` (IPv4) or `::/0` (IPv6) | allows all egress of its IP version | counts only rules without prefix, so FAIL unless another rule allows that egress | such a rule allows all egress |
//! | no rule allowing all egress for one of IPv4/IPv6 × default/custom group (or, in the fallback, IPv4/IPv6), down to no rules at all | warning, PASS | FAIL | the text says egress SHOULD be allowed |
//!
//! Each divergence is pinned by a test, and a warning says where the official suite fails.
//!
//! `openstack default security group rule list` prints a missing prefix as `0.0.0.0/0` or
//! `::/0`; rules read from its `IP Range` column are taken to have none (see
//! [`SecurityGroupRule::cli_any_ip_range`]), and the official outcome is predicted on that
//! assumption, with an info finding where it matters. The official suite never crashes on rule
//! data, so its outcome here is never ABORT unless no input is given.

use crate::input::network::{Direction, Ethertype, SecurityGroupRule};
use crate::report::{Finding, Outcome, Severity, TestcaseId, TestcaseResult};

/// `scs-0115-default-rules`: the default security group rules allow no ingress but from the
/// same group in the default security group, and allow egress for IPv4 and IPv6.
pub const DEFAULT_RULES: TestcaseId = TestcaseId::from_static("scs-0115-default-rules");

/// Runs `scs-0115-default-rules` on the default security group rules when given, else on the
/// rules of a freshly created security group (the official suite's fallback for clouds without
/// the default rules API).
///
/// With neither, the outcome is ABORT: the input is missing.
pub fn check(
    default_rules_list: Option<&[SecurityGroupRule]>,
    new_group_rules_list: Option<&[SecurityGroupRule]>,
) -> TestcaseResult {
    match (default_rules_list, new_group_rules_list) {
        (Some(rules), _) => default_rules(rules),
        (None, Some(rules)) => new_group_rules(rules),
        (None, None) => TestcaseResult::aborted(
            DEFAULT_RULES,
            "neither the default security group rules nor the rules of a new security group \
             were given",
            Outcome::Abort,
        ),
    }
}

/// The two IP versions the standard speaks of.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Family {
    V4,
    V6,
}

impl Family {
    const ALL: [Family; 2] = [Family::V4, Family::V6];

    fn of(ethertype: &Ethertype) -> Option<Family> {
        match ethertype {
            Ethertype::IPv4 => Some(Family::V4),
            Ethertype::IPv6 => Some(Family::V6),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Family::V4 => "IPv4",
            Family::V6 => "IPv6",
        }
    }

    fn any_prefix(self) -> &'static str {
        match self {
            Family::V4 => "0.0.0.0/0",
            Family::V6 => "::/0",
        }
    }

    fn index(self) -> usize {
        match self {
            Family::V4 => 0,
            Family::V6 => 1,
        }
    }
}

/// Whether `prefix` covers all addresses of `family` (`0.0.0.0/0`, `::/0`, or any address of
/// that family with length 0).
fn is_any_prefix(prefix: &str, family: Family) -> bool {
    let Some((addr, len)) = prefix.trim().split_once('/') else {
        return false;
    };
    if len.trim().parse::<u8>() != Ok(0) {
        return false;
    }
    match family {
        Family::V4 => addr.trim().parse::<std::net::Ipv4Addr>().is_ok(),
        Family::V6 => addr.trim().parse::<std::net::Ipv6Addr>().is_ok(),
    }
}

/// How findings name a rule: its id, else its position (`rule #3`).
fn subject(rule: &SecurityGroupRule, index: usize) -> String {
    match rule.id.as_deref() {
        Some(id) if !id.is_empty() => id.to_owned(),
        _ => format!("rule #{}", index + 1),
    }
}

/// `IPv4, tcp, ports 22:22, from `0.0.0.0/0``: what a rule matches.
fn describe(rule: &SecurityGroupRule) -> String {
    let mut parts = vec![rule.ethertype.to_string()];
    parts.push(match rule.protocol.as_deref() {
        Some(p) if !p.is_empty() => format!("protocol `{p}`"),
        _ => "any protocol".to_owned(),
    });
    let icmp = matches!(
        rule.protocol.as_deref(),
        Some("icmp" | "icmpv6" | "ipv6-icmp" | "1" | "58")
    );
    match (rule.port_range_min, rule.port_range_max) {
        (None, None) => {}
        (Some(t), code) if icmp => parts.push(match code {
            Some(c) => format!("type {t} code {c}"),
            None => format!("type {t}"),
        }),
        (None, Some(c)) if icmp => parts.push(format!("code {c}")),
        (a, b) => {
            let (lo, hi) = (a.or(b).unwrap_or_default(), b.or(a).unwrap_or_default());
            parts.push(if lo == hi {
                format!("port {lo}")
            } else {
                format!("ports {lo}:{hi}")
            });
        }
    }
    let way = if rule.direction == Direction::Egress {
        "to"
    } else {
        "from"
    };
    if let Some(group) = rule.remote_group_id.as_deref() {
        parts.push(format!("{way} group `{group}`"));
    } else if let Some(group) = rule.remote_address_group_id.as_deref() {
        parts.push(format!("{way} address group `{group}`"));
    } else {
        match rule.remote_ip_prefix.as_deref() {
            Some(p) if !p.is_empty() => parts.push(format!("{way} `{p}`")),
            _ => parts.push(format!("{way} anywhere")),
        }
    }
    parts.join(", ")
}

/// What restricts an egress rule beyond its prefix, if anything.
fn restriction(rule: &SecurityGroupRule) -> Option<String> {
    let mut what = Vec::new();
    if let Some(p) = rule.protocol.as_deref().filter(|p| !p.is_empty()) {
        what.push(format!("protocol `{p}`"));
    }
    if rule.port_range_min.is_some() || rule.port_range_max.is_some() {
        what.push("a port range".to_owned());
    }
    if let Some(g) = rule.remote_group_id.as_deref() {
        what.push(format!("remote group `{g}`"));
    }
    if let Some(g) = rule.remote_address_group_id.as_deref() {
        what.push(format!("remote address group `{g}`"));
    }
    if what.is_empty() {
        None
    } else {
        Some(what.join(", "))
    }
}

fn groups_phrase(default_sg: bool, custom_sg: bool) -> &'static str {
    match (default_sg, custom_sg) {
        (true, true) => "default and custom security groups",
        (true, false) => "default security groups",
        (false, true) => "custom security groups",
        (false, false) => "no security group",
    }
}

/// `scs-0115-default-rules` on the default security group rules (Neutron's
/// `default-security-group-rules`, OpenStack 2023.2 and later).
///
/// Errors: every ingress rule other than one from `PARENT` used only in default groups.
/// Warnings: a missing allow-all egress rule for IPv4/IPv6 × default/custom groups (SHOULD; the
/// official suite fails), egress allowed only by explicit `0.0.0.0/0`/`::/0` prefixes (the
/// official suite does not count them and fails), no ingress from `PARENT` in default groups
/// (SHOULD; not checked officially), unrecognised ethertypes or directions, rules that carry
/// neither `used_in_…` flag. Infos: restricted egress rules the official suite counts as
/// allowing all, rules read from the client's ambiguous `IP Range`.
///
/// ```
/// use scs_validators::input::network::{Direction, Ethertype, SecurityGroupRule};
/// use scs_validators::report::Outcome;
/// use scs_validators::security_groups::default_rules;
/// let rules = [
///     SecurityGroupRule::new(Direction::Egress, Ethertype::IPv4).used_in(true, true),
///     SecurityGroupRule::new(Direction::Egress, Ethertype::IPv6).used_in(true, true),
///     SecurityGroupRule::new(Direction::Ingress, Ethertype::IPv4)
///         .with_remote_group("PARENT")
///         .used_in(true, false),
///     SecurityGroupRule::new(Direction::Ingress, Ethertype::IPv6)
///         .with_remote_group("PARENT")
///         .used_in(true, false),
/// ];
/// let result = default_rules(&rules);
/// assert_eq!((result.outcome(), result.official()), (Outcome::Pass, Outcome::Pass));
/// ```
pub fn default_rules(rules: &[SecurityGroupRule]) -> TestcaseResult {
    let id = DEFAULT_RULES;
    let mut findings = Vec::new();
    // [family][0 = default, 1 = custom]
    let mut spec = [[false; 2]; 2];
    let mut official = [[false; 2]; 2];
    // Rule subjects that allow all egress only by an explicit any-prefix, per family and kind.
    let mut explicit: [[Vec<String>; 2]; 2] = Default::default();
    let mut parent_in_default = [false; 2];
    let mut ingress_violation = false;
    let mut unflagged = 0usize;
    for (i, rule) in rules.iter().enumerate() {
        let in_default = rule.used_in_default_sg == Some(true);
        let in_custom = rule.used_in_non_default_sg == Some(true);
        if rule.used_in_default_sg.is_none() && rule.used_in_non_default_sg.is_none() {
            unflagged += 1;
        }
        let mut push = |severity, message: String| {
            findings.push(Finding::new(
                id.clone(),
                severity,
                Some(subject(rule, i)),
                message,
            ));
        };
        match &rule.direction {
            Direction::Ingress => {
                let parent = rule.remote_group_id.as_deref() == Some("PARENT");
                if parent && !in_custom {
                    if in_default {
                        if let Some(f) = Family::of(&rule.ethertype) {
                            parent_in_default[f.index()] = true;
                        }
                    }
                    continue;
                }
                ingress_violation = true;
                let message = if parent {
                    format!(
                        "ingress rule ({}) is used in custom security groups; ingress from the \
                         same group is allowed in the default security group only",
                        describe(rule)
                    )
                } else {
                    format!(
                        "ingress rule ({}) for {}; no ingress is allowed but from the same \
                         group (`PARENT`) in the default security group",
                        describe(rule),
                        groups_phrase(in_default, in_custom)
                    )
                };
                push(Severity::Error, message);
            }
            Direction::Egress => {
                let Some(family) = Family::of(&rule.ethertype) else {
                    push(
                        Severity::Warning,
                        format!(
                            "egress rule with ethertype `{}`, which is neither `IPv4` nor \
                             `IPv6`, is ignored",
                            rule.ethertype
                        ),
                    );
                    continue;
                };
                let prefix = rule.remote_ip_prefix.as_deref().filter(|p| !p.is_empty());
                let counted = prefix.is_none();
                let explicit_any = prefix.is_some_and(|p| is_any_prefix(p, family));
                let used = in_default || in_custom;
                for (kind, used_here) in [in_default, in_custom].into_iter().enumerate() {
                    if !used_here {
                        continue;
                    }
                    if counted {
                        official[family.index()][kind] = true;
                        spec[family.index()][kind] = true;
                    } else if explicit_any {
                        spec[family.index()][kind] = true;
                        explicit[family.index()][kind].push(subject(rule, i));
                    }
                }
                if counted && used {
                    if let Some(what) = restriction(rule) {
                        push(
                            Severity::Info,
                            format!(
                                "egress rule is restricted to {what}, but counts as allowing \
                                 all {} egress, as in the official suite",
                                family.name()
                            ),
                        );
                    }
                    if rule.cli_any_ip_range {
                        push(
                            Severity::Info,
                            format!(
                                "the `IP Range` `{}` of the openstack client output is read as \
                                 no prefix (the client prints a missing prefix that way); were \
                                 it set explicitly, the official suite would not count this rule",
                                family.any_prefix()
                            ),
                        );
                    }
                }
            }
            Direction::Other(d) => push(
                Severity::Warning,
                format!("direction `{d}` is neither `ingress` nor `egress`; the rule is ignored"),
            ),
        }
    }
    if unflagged > 0 {
        findings.push(Finding::new(
            id.clone(),
            Severity::Warning,
            None,
            format!(
                "{unflagged} of {} rules carry neither `used_in_default_sg` nor \
                 `used_in_non_default_sg`: are these the rules of an ordinary security group? \
                 Those are checked by the fallback for clouds without default rules",
                rules.len()
            ),
        ));
    }
    for family in Family::ALL {
        let f = family.index();
        let missing: Vec<usize> = (0..2).filter(|&k| !spec[f][k]).collect();
        if !missing.is_empty() {
            findings.push(Finding::new(
                id.clone(),
                Severity::Warning,
                None,
                format!(
                    "no default rule allows all {} egress in {}: the standard says egress \
                     SHOULD be allowed, the official suite fails on this",
                    family.name(),
                    groups_phrase(missing.contains(&0), missing.contains(&1))
                ),
            ));
        }
        let only_explicit: Vec<usize> = (0..2).filter(|&k| spec[f][k] && !official[f][k]).collect();
        if !only_explicit.is_empty() {
            let mut subjects: Vec<&str> = Vec::new();
            for &k in &only_explicit {
                for s in &explicit[f][k] {
                    if !subjects.contains(&s.as_str()) {
                        subjects.push(s);
                    }
                }
            }
            let subjects: Vec<String> = subjects.iter().map(|s| format!("`{s}`")).collect();
            findings.push(Finding::new(
                id.clone(),
                Severity::Warning,
                None,
                format!(
                    "all {} egress in {} is allowed only by rules with the explicit prefix `{}` \
                     ({}); the official suite counts only rules without prefix and fails on this",
                    family.name(),
                    groups_phrase(only_explicit.contains(&0), only_explicit.contains(&1)),
                    family.any_prefix(),
                    subjects.join(", ")
                ),
            ));
        }
        if !parent_in_default[f] {
            findings.push(Finding::new(
                id.clone(),
                Severity::Warning,
                None,
                format!(
                    "no default rule allows {} ingress from the same group (`PARENT`) in the \
                     default security group, which the standard says SHOULD be allowed (the \
                     official suite does not check this)",
                    family.name()
                ),
            ));
        }
    }
    let official_outcome = if ingress_violation || official.iter().flatten().any(|&s| !s) {
        Outcome::Fail
    } else {
        Outcome::Pass
    };
    TestcaseResult::from_findings(id, findings, official_outcome)
}

/// `scs-0115-default-rules` on the rules of a freshly created custom security group: the
/// official suite's fallback for clouds without the default security group rules API.
///
/// Errors: every ingress rule. Warnings: no egress rule for IPv4 or IPv6 (SHOULD; the official
/// suite fails), unrecognised ethertypes or directions. Infos: restricted egress rules, which
/// count (as in the official suite).
///
/// ```
/// use scs_validators::input::network::{Direction, Ethertype, SecurityGroupRule};
/// use scs_validators::report::Outcome;
/// use scs_validators::security_groups::new_group_rules;
/// let rules = [SecurityGroupRule::new(Direction::Egress, Ethertype::IPv4)];
/// let result = new_group_rules(&rules);
/// // IPv6 egress is missing: a SHOULD in the text, a failure in the official suite.
/// assert_eq!((result.outcome(), result.official()), (Outcome::Pass, Outcome::Fail));
/// ```
pub fn new_group_rules(rules: &[SecurityGroupRule]) -> TestcaseResult {
    let id = DEFAULT_RULES;
    let mut findings = Vec::new();
    let mut egress = [false; 2];
    let mut ingress_violation = false;
    for (i, rule) in rules.iter().enumerate() {
        let mut push = |severity, message: String| {
            findings.push(Finding::new(
                id.clone(),
                severity,
                Some(subject(rule, i)),
                message,
            ));
        };
        match &rule.direction {
            Direction::Ingress => {
                ingress_violation = true;
                push(
                    Severity::Error,
                    format!(
                        "a new security group gets an ingress rule ({}); custom security \
                         groups must allow no ingress",
                        describe(rule)
                    ),
                );
            }
            Direction::Egress => {
                let Some(family) = Family::of(&rule.ethertype) else {
                    push(
                        Severity::Warning,
                        format!(
                            "egress rule with ethertype `{}`, which is neither `IPv4` nor \
                             `IPv6`, is ignored",
                            rule.ethertype
                        ),
                    );
                    continue;
                };
                egress[family.index()] = true;
                let mut what = restriction(rule);
                if let Some(p) = rule
                    .remote_ip_prefix
                    .as_deref()
                    .filter(|p| !p.is_empty() && !is_any_prefix(p, family))
                {
                    let p = format!("`{p}`");
                    what = Some(match what {
                        Some(w) => format!("{p}, {w}"),
                        None => p,
                    });
                }
                if let Some(what) = what {
                    push(
                        Severity::Info,
                        format!(
                            "egress rule is restricted to {what}, but counts as allowing {} \
                             egress, as in the official suite",
                            family.name()
                        ),
                    );
                }
            }
            Direction::Other(d) => push(
                Severity::Warning,
                format!("direction `{d}` is neither `ingress` nor `egress`; the rule is ignored"),
            ),
        }
    }
    for family in Family::ALL {
        if !egress[family.index()] {
            findings.push(Finding::new(
                id.clone(),
                Severity::Warning,
                None,
                format!(
                    "a new security group gets no {} egress rule: the standard says egress \
                     SHOULD be allowed, the official suite fails on this",
                    family.name()
                ),
            ));
        }
    }
    let official = if ingress_violation || egress.contains(&false) {
        Outcome::Fail
    } else {
        Outcome::Pass
    };
    TestcaseResult::from_findings(id, findings, official)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_prefixes() {
        assert!(is_any_prefix("0.0.0.0/0", Family::V4));
        assert!(is_any_prefix("10.1.2.3/0", Family::V4));
        assert!(is_any_prefix("::/0", Family::V6));
        assert!(!is_any_prefix("::/0", Family::V4));
        assert!(!is_any_prefix("0.0.0.0/0", Family::V6));
        assert!(!is_any_prefix("0.0.0.0/1", Family::V4));
        assert!(!is_any_prefix("0.0.0.0", Family::V4));
        assert!(!is_any_prefix("x/0", Family::V4));
    }

    #[test]
    fn rule_descriptions() {
        let r = SecurityGroupRule::new(Direction::Ingress, Ethertype::IPv4)
            .with_protocol("tcp")
            .with_ports(22, 22)
            .with_remote_ip_prefix("0.0.0.0/0");
        assert_eq!(
            describe(&r),
            "IPv4, protocol `tcp`, port 22, from `0.0.0.0/0`"
        );
        let r = SecurityGroupRule::new(Direction::Egress, Ethertype::IPv6).with_ports(80, 443);
        assert_eq!(
            describe(&r),
            "IPv6, any protocol, ports 80:443, to anywhere"
        );
        let mut r = SecurityGroupRule::new(Direction::Ingress, Ethertype::IPv6);
        r.port_range_max = Some(8);
        r.remote_address_group_id = Some("ag".into());
        assert_eq!(
            describe(&r),
            "IPv6, any protocol, port 8, from address group `ag`"
        );
        assert_eq!(subject(&r, 2), "rule #3");
        assert_eq!(
            restriction(&r).as_deref(),
            Some("a port range, remote address group `ag`")
        );
        let r = SecurityGroupRule::new(Direction::Ingress, Ethertype::IPv4)
            .with_protocol("icmp")
            .with_ports(8, 0)
            .with_remote_group("PARENT");
        assert_eq!(
            describe(&r),
            "IPv4, protocol `icmp`, type 8 code 0, from group `PARENT`"
        );
    }
}
