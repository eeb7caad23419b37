//! scs-0115 default security group rules through the public API: the digest's vectors (13.7),
//! the quirks of the official suite (8.3), both divergences, the fallback mode, messages and
//! the API and CLI input shapes.

use scs_validators::input::network::{
    DefaultSecurityGroupRuleList, Direction, Ethertype, SecurityGroupRule, SecurityGroupRuleList,
};
use scs_validators::report::{Outcome, Severity, TestcaseResult};
use scs_validators::security_groups::{check, default_rules, new_group_rules, DEFAULT_RULES};

use Outcome::{Abort, Fail, Pass};

/// The standard's example as the Networking API returns it: egress IPv4 and IPv6 without
/// prefix in both kinds of group, ingress IPv4 and IPv6 from `PARENT` in default groups only.
const EXAMPLE_API: &str = r#"{"default_security_group_rules": [
    {"id": "47b929fd-9b39-4f22-abc5-7d4f64d10909", "direction": "egress", "ethertype": "IPv6",
     "protocol": null, "port_range_min": null, "port_range_max": null,
     "remote_ip_prefix": null, "remote_group_id": null, "remote_address_group_id": null,
     "used_in_default_sg": true, "used_in_non_default_sg": true, "description": ""},
    {"id": "92a79600-5358-4fef-a390-822665f46070", "direction": "egress", "ethertype": "IPv4",
     "protocol": null, "port_range_min": null, "port_range_max": null,
     "remote_ip_prefix": null, "remote_group_id": null, "remote_address_group_id": null,
     "used_in_default_sg": true, "used_in_non_default_sg": true, "description": ""},
    {"id": "93e35d0c-2482-4ec1-9fbd-fd8c9a21a04e", "direction": "ingress", "ethertype": "IPv4",
     "protocol": null, "port_range_min": null, "port_range_max": null,
     "remote_ip_prefix": null, "remote_group_id": "PARENT", "remote_address_group_id": null,
     "used_in_default_sg": true, "used_in_non_default_sg": false, "description": ""},
    {"id": "ed5cd662-add2-4e42-b0a7-3b585d348820", "direction": "ingress", "ethertype": "IPv6",
     "protocol": null, "port_range_min": null, "port_range_max": null,
     "remote_ip_prefix": null, "remote_group_id": "PARENT", "remote_address_group_id": null,
     "used_in_default_sg": true, "used_in_non_default_sg": false, "description": ""}
]}"#;

/// The same rules as `openstack default security group rule list -f json` prints them (the
/// client shows the missing prefixes as `0.0.0.0/0` and `::/0`).
const EXAMPLE_CLI: &str = r#"[
    {"ID": "47b929fd-9b39-4f22-abc5-7d4f64d10909", "IP Protocol": null, "Ethertype": "IPv6",
     "IP Range": "::/0", "Port Range": "", "Direction": "egress", "Remote Security Group": null,
     "Remote Address Group": null, "Used in default Security Group": true,
     "Used in custom Security Group": true},
    {"ID": "92a79600-5358-4fef-a390-822665f46070", "IP Protocol": null, "Ethertype": "IPv4",
     "IP Range": "0.0.0.0/0", "Port Range": "", "Direction": "egress",
     "Remote Security Group": null, "Remote Address Group": null,
     "Used in default Security Group": true, "Used in custom Security Group": true},
    {"ID": "93e35d0c-2482-4ec1-9fbd-fd8c9a21a04e", "IP Protocol": null, "Ethertype": "IPv4",
     "IP Range": "0.0.0.0/0", "Port Range": "", "Direction": "ingress",
     "Remote Security Group": "PARENT", "Remote Address Group": null,
     "Used in default Security Group": true, "Used in custom Security Group": false},
    {"ID": "ed5cd662-add2-4e42-b0a7-3b585d348820", "IP Protocol": null, "Ethertype": "IPv6",
     "IP Range": "::/0", "Port Range": "", "Direction": "ingress",
     "Remote Security Group": "PARENT", "Remote Address Group": null,
     "Used in default Security Group": true, "Used in custom Security Group": false}
]"#;

fn example() -> Vec<SecurityGroupRule> {
    serde_json::from_str::<DefaultSecurityGroupRuleList>(EXAMPLE_API)
        .unwrap()
        .0
}

fn egress(ethertype: Ethertype) -> SecurityGroupRule {
    SecurityGroupRule::new(Direction::Egress, ethertype)
}

fn ingress(ethertype: Ethertype) -> SecurityGroupRule {
    SecurityGroupRule::new(Direction::Ingress, ethertype)
}

fn both(r: &TestcaseResult) -> (Outcome, Outcome) {
    (r.outcome(), r.official())
}

fn messages(r: &TestcaseResult, severity: Severity) -> Vec<String> {
    r.findings()
        .iter()
        .filter(|f| f.severity == severity)
        .map(ToString::to_string)
        .collect()
}

#[test]
fn vector_standard_example_passes() {
    let r = default_rules(&example());
    assert_eq!(both(&r), (Pass, Pass));
    assert!(r.findings().is_empty(), "{:?}", r.findings());
    assert_eq!(r.id(), &DEFAULT_RULES);
}

#[test]
fn vector_example_plus_ssh_fails() {
    let mut rules = example();
    rules.push(
        ingress(Ethertype::IPv4)
            .with_id("ssh")
            .with_protocol("tcp")
            .with_ports(22, 22)
            .with_remote_ip_prefix("0.0.0.0/0")
            .used_in(true, true),
    );
    let r = default_rules(&rules);
    assert_eq!(both(&r), (Fail, Fail));
    assert_eq!(
        messages(&r, Severity::Error),
        ["ERROR: scs-0115-default-rules: ssh: ingress rule (IPv4, protocol `tcp`, port 22, from \
          `0.0.0.0/0`) for default and custom security groups; no ingress is allowed but from \
          the same group (`PARENT`) in the default security group"]
    );
}

#[test]
fn vector_parent_ingress_in_custom_groups_fails() {
    let mut rules = example();
    rules[2].used_in_non_default_sg = Some(true);
    let r = default_rules(&rules);
    assert_eq!(both(&r), (Fail, Fail));
    assert_eq!(
        messages(&r, Severity::Error),
        [
            "ERROR: scs-0115-default-rules: 93e35d0c-2482-4ec1-9fbd-fd8c9a21a04e: ingress rule \
          (IPv4, any protocol, from group `PARENT`) is used in custom security groups; ingress \
          from the same group is allowed in the default security group only"
        ]
    );
}

#[test]
fn vector_only_egress_passes_with_a_warning_for_the_unchecked_should() {
    let rules = &example()[..2];
    let r = default_rules(rules);
    assert_eq!(both(&r), (Pass, Pass));
    assert_eq!(
        messages(&r, Severity::Warning),
        [
            "WARNING: scs-0115-default-rules: no default rule allows IPv4 ingress from the same \
             group (`PARENT`) in the default security group, which the standard says SHOULD be \
             allowed (the official suite does not check this)",
            "WARNING: scs-0115-default-rules: no default rule allows IPv6 ingress from the same \
             group (`PARENT`) in the default security group, which the standard says SHOULD be \
             allowed (the official suite does not check this)",
        ]
    );
}

#[test]
fn vector_egress_for_default_groups_only_diverges() {
    let rules = [
        egress(Ethertype::IPv4).used_in(true, false),
        egress(Ethertype::IPv6).used_in(true, false),
    ];
    let r = default_rules(&rules);
    // Official FAIL (custom slots missing); egress is only a SHOULD in the text.
    assert_eq!(both(&r), (Pass, Fail));
    let warnings = messages(&r, Severity::Warning);
    assert!(warnings.contains(
        &"WARNING: scs-0115-default-rules: no default rule allows all IPv4 egress in custom \
          security groups: the standard says egress SHOULD be allowed, the official suite fails \
          on this"
            .to_owned()
    ));
    assert!(warnings
        .iter()
        .any(|w| w.contains("all IPv6 egress in custom security groups")));
}

#[test]
fn vector_explicit_any_prefix_diverges() {
    let rules = [
        egress(Ethertype::IPv6)
            .with_id("e6")
            .with_remote_ip_prefix("::/0")
            .used_in(true, true),
        egress(Ethertype::IPv4)
            .with_id("e4")
            .with_remote_ip_prefix("0.0.0.0/0")
            .used_in(true, true),
    ];
    let r = default_rules(&rules);
    assert_eq!(both(&r), (Pass, Fail));
    let warnings = messages(&r, Severity::Warning);
    assert!(warnings.contains(
        &"WARNING: scs-0115-default-rules: all IPv4 egress in default and custom security groups \
          is allowed only by rules with the explicit prefix `0.0.0.0/0` (`e4`); the official \
          suite counts only rules without prefix and fails on this"
            .to_owned()
    ));
    assert!(warnings
        .iter()
        .any(|w| w.contains("explicit prefix `::/0` (`e6`)")));
    // A rule without prefix for the same slots settles it for the official suite too.
    let mut rules = rules.to_vec();
    rules.push(egress(Ethertype::IPv4).used_in(true, true));
    rules.push(egress(Ethertype::IPv6).used_in(true, true));
    assert_eq!(both(&default_rules(&rules)), (Pass, Pass));
    // Mixed: the prefixless rule covers default groups, the explicit one custom groups.
    let rules = [
        egress(Ethertype::IPv6).used_in(true, true),
        egress(Ethertype::IPv4).used_in(true, false),
        egress(Ethertype::IPv4)
            .with_id("c4")
            .with_remote_ip_prefix("0.0.0.0/0")
            .used_in(false, true),
    ];
    let r = default_rules(&rules);
    assert_eq!(both(&r), (Pass, Fail));
    assert!(messages(&r, Severity::Warning).iter().any(|w| w
        .contains("all IPv4 egress in custom security groups is allowed only by rules with the explicit prefix `0.0.0.0/0` (`c4`)")));
}

#[test]
fn vector_no_rules() {
    let r = default_rules(&[]);
    // The reference fails; per the text, no ingress is fine and missing egress is a SHOULD.
    assert_eq!(both(&r), (Pass, Fail));
    assert!(r.diverges());
    let warnings = messages(&r, Severity::Warning);
    assert_eq!(warnings.len(), 4, "{warnings:?}");
    assert_eq!(
        warnings[0],
        "WARNING: scs-0115-default-rules: no default rule allows all IPv4 egress in default and \
         custom security groups: the standard says egress SHOULD be allowed, the official suite \
         fails on this"
    );
}

#[test]
fn quirk_restricted_egress_counts() {
    // Q-SG2: restricted by protocol or remote group, still counted as allowing all.
    let rules = [
        egress(Ethertype::IPv6)
            .with_id("tcp6")
            .with_protocol("tcp")
            .used_in(true, true),
        egress(Ethertype::IPv4)
            .with_id("grp4")
            .with_remote_group("0a6b3f6e")
            .used_in(true, true),
    ];
    let r = default_rules(&rules);
    assert_eq!(both(&r), (Pass, Pass));
    assert_eq!(
        messages(&r, Severity::Info),
        [
            "INFO: scs-0115-default-rules: tcp6: egress rule is restricted to protocol `tcp`, \
             but counts as allowing all IPv6 egress, as in the official suite",
            "INFO: scs-0115-default-rules: grp4: egress rule is restricted to remote group \
             `0a6b3f6e`, but counts as allowing all IPv4 egress, as in the official suite",
        ]
    );
    // A restricting prefix does not count, in either reading.
    let rules = [
        egress(Ethertype::IPv6).used_in(true, true),
        egress(Ethertype::IPv4)
            .with_remote_ip_prefix("10.0.0.0/8")
            .used_in(true, true),
    ];
    assert_eq!(both(&default_rules(&rules)), (Pass, Fail));
    // An empty prefix is no prefix.
    let rules = [
        egress(Ethertype::IPv6).used_in(true, true),
        egress(Ethertype::IPv4)
            .with_remote_ip_prefix("")
            .used_in(true, true),
    ];
    assert_eq!(both(&default_rules(&rules)), (Pass, Pass));
}

#[test]
fn quirk_parent_ingress_used_nowhere_or_unflagged_passes() {
    // Q-SG3.
    let mut rules = example()[..2].to_vec();
    rules.push(
        ingress(Ethertype::IPv4)
            .with_remote_group("PARENT")
            .used_in(false, false),
    );
    assert_eq!(both(&default_rules(&rules)), (Pass, Pass));
    // Without the flags, the official suite reads "not used in custom groups".
    let mut rules = example()[..2].to_vec();
    rules.push(ingress(Ethertype::IPv4).with_remote_group("PARENT"));
    let r = default_rules(&rules);
    assert_eq!(both(&r), (Pass, Pass));
    assert!(messages(&r, Severity::Warning).contains(
        &"WARNING: scs-0115-default-rules: 1 of 3 rules carry neither `used_in_default_sg` nor \
          `used_in_non_default_sg`: are these the rules of an ordinary security group? Those \
          are checked by the fallback for clouds without default rules"
            .to_owned()
    ));
    // Any other ingress rule fails, even when used in no group.
    let mut rules = example();
    rules.push(
        ingress(Ethertype::IPv6)
            .with_id("icmp6")
            .with_protocol("ipv6-icmp")
            .used_in(false, false),
    );
    let r = default_rules(&rules);
    assert_eq!(both(&r), (Fail, Fail));
    assert_eq!(
        messages(&r, Severity::Error),
        [
            "ERROR: scs-0115-default-rules: icmp6: ingress rule (IPv6, protocol `ipv6-icmp`, from \
          anywhere) for no security group; no ingress is allowed but from the same group \
          (`PARENT`) in the default security group"
        ]
    );
}

#[test]
fn quirk_lowercase_ethertype_is_ignored() {
    // Q-SG4.
    let rules: DefaultSecurityGroupRuleList = serde_json::from_str(
        r#"[{"id": "v6", "direction": "egress", "ethertype": "IPv6",
             "used_in_default_sg": true, "used_in_non_default_sg": true},
            {"id": "v4", "direction": "egress", "ethertype": "ipv4",
             "used_in_default_sg": true, "used_in_non_default_sg": true}]"#,
    )
    .unwrap();
    assert_eq!(rules.0[1].ethertype, Ethertype::Other("ipv4".into()));
    let r = default_rules(&rules.0);
    assert_eq!(both(&r), (Pass, Fail));
    assert_eq!(
        messages(&r, Severity::Warning)[0],
        "WARNING: scs-0115-default-rules: v4: egress rule with ethertype `ipv4`, which is \
         neither `IPv4` nor `IPv6`, is ignored"
    );
}

#[test]
fn cli_output_reads_like_the_api() {
    let list: DefaultSecurityGroupRuleList = serde_json::from_str(EXAMPLE_CLI).unwrap();
    let api = example();
    for (cli, api) in list.0.iter().zip(&api) {
        assert_eq!(cli.id, api.id);
        assert_eq!(cli.direction, api.direction);
        assert_eq!(cli.ethertype, api.ethertype);
        assert_eq!(cli.remote_ip_prefix, None);
        assert!(cli.cli_any_ip_range);
        assert_eq!(cli.remote_group_id, api.remote_group_id);
        assert_eq!(cli.used_in_default_sg, api.used_in_default_sg);
        assert_eq!(cli.used_in_non_default_sg, api.used_in_non_default_sg);
    }
    let r = default_rules(&list.0);
    assert_eq!(both(&r), (Pass, Pass));
    assert!(messages(&r, Severity::Warning).is_empty());
    // The ambiguity is pointed out for the egress rules the verdict depends on.
    assert_eq!(
        messages(&r, Severity::Info),
        [
            "INFO: scs-0115-default-rules: 47b929fd-9b39-4f22-abc5-7d4f64d10909: the `IP Range` \
             `::/0` of the openstack client output is read as no prefix (the client prints a \
             missing prefix that way); were it set explicitly, the official suite would not \
             count this rule",
            "INFO: scs-0115-default-rules: 92a79600-5358-4fef-a390-822665f46070: the `IP Range` \
             `0.0.0.0/0` of the openstack client output is read as no prefix (the client prints \
             a missing prefix that way); were it set explicitly, the official suite would not \
             count this rule",
        ]
    );
}

#[test]
fn fallback_fresh_group() {
    // A new security group as Neutron returns it (before 2023.2: two egress rules).
    let group: SecurityGroupRuleList = serde_json::from_str(
        r#"{"security_group": {"id": "5c1a3f3e", "name": "scs-test-default-sg",
            "description": "scs-test-default-sg", "stateful": true,
            "security_group_rules": [
              {"id": "r4", "direction": "egress", "ethertype": "IPv4", "protocol": null,
               "port_range_min": null, "port_range_max": null, "remote_ip_prefix": null,
               "remote_group_id": null, "security_group_id": "5c1a3f3e"},
              {"id": "r6", "direction": "egress", "ethertype": "IPv6", "protocol": null,
               "port_range_min": null, "port_range_max": null, "remote_ip_prefix": null,
               "remote_group_id": null, "security_group_id": "5c1a3f3e"}]}}"#,
    )
    .unwrap();
    let r = new_group_rules(&group.0);
    assert_eq!(both(&r), (Pass, Pass));
    assert!(r.findings().is_empty());

    // Any ingress rule fails, even from the same group.
    let mut rules = group.0.clone();
    rules.push(
        ingress(Ethertype::IPv4)
            .with_id("in4")
            .with_remote_group("5c1a3f3e"),
    );
    let r = new_group_rules(&rules);
    assert_eq!(both(&r), (Fail, Fail));
    assert_eq!(
        messages(&r, Severity::Error),
        [
            "ERROR: scs-0115-default-rules: in4: a new security group gets an ingress rule (IPv4, \
          any protocol, from group `5c1a3f3e`); custom security groups must allow no ingress"
        ]
    );

    // Missing IPv6 egress: a SHOULD in the text, a failure officially.
    let r = new_group_rules(&group.0[..1]);
    assert_eq!(both(&r), (Pass, Fail));
    assert_eq!(
        messages(&r, Severity::Warning),
        [
            "WARNING: scs-0115-default-rules: a new security group gets no IPv6 egress rule: the \
          standard says egress SHOULD be allowed, the official suite fails on this"
        ]
    );
    assert_eq!(both(&new_group_rules(&[])), (Pass, Fail));

    // In the fallback, any egress rule counts, whatever its prefix.
    let rules = [
        egress(Ethertype::IPv4)
            .with_id("p4")
            .with_remote_ip_prefix("10.0.0.0/8"),
        egress(Ethertype::IPv6).with_remote_ip_prefix("::/0"),
    ];
    let r = new_group_rules(&rules);
    assert_eq!(both(&r), (Pass, Pass));
    assert_eq!(
        messages(&r, Severity::Info),
        [
            "INFO: scs-0115-default-rules: p4: egress rule is restricted to `10.0.0.0/8`, but \
          counts as allowing IPv4 egress, as in the official suite"
        ]
    );
}

#[test]
fn check_picks_the_mode() {
    let example = example();
    // The default rules win: the PARENT ingress rules are fine there.
    assert_eq!(both(&check(Some(&example), Some(&[]))), (Pass, Pass));
    // In the fallback the same rules fail: a new custom group must get no ingress.
    assert_eq!(both(&check(None, Some(&example))), (Fail, Fail));
    let r = check(None, None);
    assert_eq!(both(&r), (Abort, Abort));
    assert_eq!(
        r.findings()[0].to_string(),
        "ERROR: scs-0115-default-rules: neither the default security group rules nor the rules \
         of a new security group were given"
    );
}

#[test]
fn unknown_direction_is_ignored_with_a_warning() {
    let mut rules = example();
    rules.push(
        SecurityGroupRule::new(Direction::from_api("Ingress"), Ethertype::IPv4).used_in(true, true),
    );
    let r = default_rules(&rules);
    assert_eq!(both(&r), (Pass, Pass));
    assert_eq!(
        messages(&r, Severity::Warning),
        ["WARNING: scs-0115-default-rules: rule #5: direction `Ingress` is neither `ingress` nor \
          `egress`; the rule is ignored"]
    );
}
