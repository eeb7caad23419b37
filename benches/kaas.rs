//! Benchmarks of the KaaS checks: scs-0210 `version-policy-check` and scs-0214
//! `node-distribution-check`.
//!
//! One group per module, each case `<operation>/<input>`. Every case checks its result once
//! before it is measured.
//!
//! - `k8s_version_policy`: [`version_policy_check`] on 100 releases (GitHub's first page) and
//!   200 CVE records, with the built-in EOL table, at 2025-08-01. The throughput counts the
//!   releases and CVE records read per check (300). Cases: `parse_json/<set>` (the two JSON
//!   documents, 0.3 and 0.5 MB, into `Vec<Release>` and `Vec<CveRecord>`),
//!   `check_parsed/<cluster>-<set>` (the check from parsed data) and
//!   `check_from_json/<cluster>-<set>` (parsing included). Clusters: `current`, the newest
//!   1.33 patch (PASS), and `behind`, two patches behind on 1.32 (FAIL: an overdue patch and
//!   an overdue critical fix). Sets: `clean` and `odd` CVE records (see below).
//! - `node_distribution`: [`check`] and [`retired_check`] (both algorithms) over 5,000 nodes,
//!   once fully labelled and once with 1 % of the workers lacking the zone label. The
//!   throughput counts nodes.
//!
//! The data is generated deterministically. The releases follow the Kubernetes schedule: the
//! `.0` releases of 1.26 to 1.33 on their real dates, a patch of every branch still before its
//! end of life on one day of each month, and the alpha, beta and rc pre-releases before each
//! minor (GitHub flags them `prerelease`), newest first; each release object carries GitHub's
//! members (URLs, author, assets, a changelog body of about 1 KiB). The CVE records are
//! CVE JSON 5.1 records, each published on a patch day between 2024-01 and 2025-07 together
//! with the patches of that day that fix it: a CVSS v3.1 metric (a critical base score of 8.0
//! to 10.0 for four records in five) next to a `format`/`other` metric, and an `affected` list
//! with one Kubernetes entry per branch supported when the CVE was published (ranges in the
//! forms CVE records use: `version`/`lessThan`, `lessThanOrEqual`, `"0"` and `"unspecified"`
//! lower bounds, `v` prefixes, a single version, `unaffected` entries) and a `kubelet` or
//! `kube-apiserver` entry the check skips. The `odd`
//! set also has, in one record in ten, a range the module reads differently from the official
//! suite (`1.N.x`, `"a - b"`), which makes the check read every record twice (its own and the
//! official reading); the `clean` set has none.
//!
//! The nodes: 5 control plane nodes over 3 zones, the rest workers over 3 zones of one region,
//! each with the dozen labels a Cluster API / OpenStack node carries.
//!
//! Run with `cargo bench --bench kaas`; pin to one core for comparable numbers
//! (`taskset -c 1 cargo bench --bench kaas`). `cargo bench --bench kaas -- --test` runs each
//! case once.

use std::hint::black_box;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use scs_validators::input::kubernetes::{Node, CONTROL_PLANE_LABEL, REGION_LABEL, ZONE_LABEL};
use scs_validators::k8s_version_policy::{
    critical_ranges, version_policy_check, CveRecord, EolTable, K8sBranch, PolicyData, Release,
    EOL_SNAPSHOT,
};
use scs_validators::node_distribution::{check, retired_check, RetiredAlgorithm, HOST_ID_LABEL};
use scs_validators::report::{Outcome, Severity, TestcaseResult};
use serde_json::{json, Value};

/// The instant the version policy is checked at: 2025-08-01T00:00:00Z.
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 8, 1, 0, 0, 0).unwrap()
}

/// Releases on GitHub's first page.
const RELEASES: usize = 100;
/// CVE records.
const CVES: usize = 200;
/// Nodes of the node distribution cases.
const NODES: usize = 5_000;

/// splitmix64: the `k`-th random word of item `i`.
fn rand(i: u64, k: u64) -> u64 {
    let mut z = i
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .wrapping_add(k.wrapping_mul(0xD1B5_4A32_D192_ED03))
        .wrapping_add(0x2545_F491_4F6C_DD1D);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn at(date: NaiveDate, seconds: i64) -> DateTime<Utc> {
    Utc.from_utc_datetime(&date.and_hms_opt(0, 0, 0).unwrap()) + Duration::seconds(seconds)
}

fn timestamp(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// The `.0` release days of the minors 1.26 to 1.34 (1.34.0 lies after [`now`]).
const MINOR_RELEASES: [(u64, (i32, u32, u32)); 9] = [
    (26, (2022, 12, 8)),
    (27, (2023, 4, 11)),
    (28, (2023, 8, 15)),
    (29, (2023, 12, 13)),
    (30, (2024, 4, 17)),
    (31, (2024, 8, 13)),
    (32, (2024, 12, 11)),
    (33, (2025, 4, 23)),
    (34, (2025, 8, 27)),
];

/// The pre-releases before a `.0` release, with the weeks before it.
const PRE_RELEASES: [(&str, i64); 8] = [
    ("alpha.1", 15),
    ("alpha.2", 12),
    ("alpha.3", 10),
    ("beta.0", 7),
    ("beta.1", 5),
    ("beta.2", 4),
    ("rc.0", 3),
    ("rc.1", 1),
];

/// A generated release: its version numbers, pre-release part and publication time.
#[derive(Clone, Debug)]
struct Gen {
    minor: u64,
    patch: u64,
    pre: Option<&'static str>,
    published: DateTime<Utc>,
}

impl Gen {
    fn tag(&self) -> String {
        match self.pre {
            Some(pre) => format!("v1.{}.{}-{pre}", self.minor, self.patch),
            None => format!("v1.{}.{}", self.minor, self.patch),
        }
    }
}

fn eol_of(minor: u64) -> Option<NaiveDate> {
    EOL_SNAPSHOT
        .iter()
        .find(|(branch, _)| *branch == K8sBranch::new(1, minor))
        .map(|(_, eol)| *eol)
}

/// The newest [`RELEASES`] releases published before [`now`], newest first.
fn generate_releases() -> Vec<Gen> {
    let now = now();
    let mut all = Vec::new();
    for (i, &(minor, (y, m, d))) in MINOR_RELEASES.iter().enumerate() {
        let day0 = NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let hour = |k| 14 * 3600 + (rand(i as u64, k) % (6 * 3600)) as i64;
        for (k, &(pre, weeks)) in PRE_RELEASES.iter().enumerate() {
            all.push(Gen {
                minor,
                patch: 0,
                pre: Some(pre),
                published: at(day0 - Duration::weeks(weeks), hour(k as u64)),
            });
        }
        let released = at(day0, hour(99));
        all.push(Gen {
            minor,
            patch: 0,
            pre: None,
            published: released,
        });
        // One patch per month, on a day between the 10th and the 19th, until the end of life.
        let eol = eol_of(minor).map(|d| at(d, 0));
        let mut patch = 0;
        let (mut year, mut month) = (y, m);
        loop {
            (year, month) = if month == 12 {
                (year + 1, 1)
            } else {
                (year, month + 1)
            };
            let j = u64::from(month) + 12 * year as u64;
            let day = NaiveDate::from_ymd_opt(year, month, 10 + (rand(j, 0) % 10) as u32).unwrap();
            let published = at(day, 15 * 3600 + (rand(j, minor) % (4 * 3600)) as i64);
            if published >= now || eol.is_some_and(|eol| published >= eol) {
                break;
            }
            if published < released + Duration::days(10) {
                continue;
            }
            patch += 1;
            all.push(Gen {
                minor,
                patch,
                pre: None,
                published,
            });
        }
    }
    all.retain(|r| r.published < now);
    all.sort_by_key(|r| std::cmp::Reverse(r.published));
    all.truncate(RELEASES);
    all
}

/// A release of GitHub's "list releases" answer, with the members GitHub sends.
fn release_json(i: usize, r: &Gen) -> Value {
    let tag = r.tag();
    let id = 150_000_000 + 7919 * i as u64;
    let base = "https://api.github.com/repos/kubernetes/kubernetes";
    let branch = format!("1.{}", r.minor);
    let changelog = format!(
        "https://github.com/kubernetes/kubernetes/blob/master/CHANGELOG/CHANGELOG-{branch}.md"
    );
    let mut body = format!(
        "See [kubernetes-announce@](https://groups.google.com/forum/#!forum/kubernetes-announce). \
         Additional binary downloads are linked in the [CHANGELOG]({changelog}).\n\n\
         See [the CHANGELOG]({changelog}) for more details.\n\n\
         ## Changes by Kind\n\n### Bug or Regression\n\n"
    );
    let pick =
        |k: u64, words: &[&'static str]| words[(rand(i as u64, k) % words.len() as u64) as usize];
    for k in 0..6 {
        let pr = 120_000 + rand(i as u64, k + 30) % 9_000;
        let author = rand(i as u64, k + 40) % 500;
        body.push_str(&format!(
            "- Fixed a regression in {} where {} could leak {} after a restart. \
             ([#{pr}](https://github.com/kubernetes/kubernetes/pull/{pr}), \
             [@contributor{author}](https://github.com/contributor{author})) [SIG {}]\n",
            pick(
                k,
                &["kube-apiserver", "kubelet", "kube-proxy", "kube-scheduler"]
            ),
            pick(
                k + 10,
                &[
                    "the watch cache",
                    "the pod worker",
                    "the endpoint slice controller"
                ]
            ),
            pick(k + 20, &["goroutines", "file descriptors", "memory"]),
            pick(k, &["API Machinery", "Node", "Network", "Scheduling"]),
        ));
    }
    let upload = "https://uploads.github.com/repos/kubernetes/kubernetes/releases";
    json!({
        "url": format!("{base}/releases/{id}"),
        "assets_url": format!("{base}/releases/{id}/assets"),
        "upload_url": format!("{upload}/{id}/assets{{?name,label}}"),
        "html_url": format!("https://github.com/kubernetes/kubernetes/releases/tag/{tag}"),
        "id": id,
        "author": {
            "login": "k8s-release-robot",
            "id": 33_505_452,
            "node_id": "MDQ6VXNlcjMzNTA1NDUy",
            "avatar_url": "https://avatars.githubusercontent.com/u/33505452?v=4",
            "url": "https://api.github.com/users/k8s-release-robot",
            "html_url": "https://github.com/k8s-release-robot",
            "type": "User",
            "site_admin": false
        },
        "node_id": format!("RE_kwDOAToIks4{:07X}", id % 0x0FFF_FFFF),
        "tag_name": tag,
        "target_commitish": format!("release-{branch}"),
        "name": format!("Kubernetes {tag}"),
        "draft": false,
        "prerelease": r.pre.is_some(),
        "created_at": timestamp(r.published - Duration::hours(2)),
        "published_at": timestamp(r.published),
        "assets": [],
        "tarball_url": format!("{base}/tarball/{tag}"),
        "zipball_url": format!("{base}/zipball/{tag}"),
        "body": body,
    })
}

/// The patch number of the first patch of `minor` published at or after `t` (the fix of a CVE
/// published at `t`); the next patch to come if there is none yet.
fn fix_of(releases: &[Gen], minor: u64, t: DateTime<Utc>) -> u64 {
    let finals = || {
        releases
            .iter()
            .filter(move |r| r.minor == minor && r.pre.is_none())
    };
    finals()
        .filter(|r| r.published >= t)
        .map(|r| r.patch)
        .min()
        .unwrap_or_else(|| finals().map(|r| r.patch + 1).max().unwrap_or(1))
}

/// The `versions` entry of a CVE record affecting `minor` up to (excluding) `fix`, in the
/// form `form` (0 to 5; 6 and 7 are the odd forms).
fn affected_version(minor: u64, fix: u64, form: u64) -> Value {
    let entry = |version: String, bound: Option<(&str, String)>| {
        let mut v = json!({"version": version, "status": "affected", "versionType": "semver"});
        if let Some((key, upper)) = bound {
            v[key] = json!(upper);
        }
        v
    };
    let last = fix.saturating_sub(1);
    let lt = |v: &str| Some(("lessThan", format!("{v}1.{minor}.{fix}")));
    let le = Some(("lessThanOrEqual", format!("1.{minor}.{last}")));
    match form {
        0 => entry(format!("1.{minor}.0"), lt("")),
        1 => entry(format!("v1.{minor}.0"), lt("v")),
        2 => entry(format!("1.{minor}.0"), le),
        3 => entry("0".into(), lt("")),
        4 => entry("unspecified".into(), le),
        5 => entry(format!("1.{minor}.{last}"), None),
        6 => entry(format!("1.{minor}.x"), lt("")),
        _ => entry(format!("1.{minor}.0 - 1.{minor}.{last}"), None),
    }
}

/// CVE record `i` of the generated set; `odd` adds the odd forms to one record in ten.
fn cve_json(i: usize, releases: &[Gen], odd: bool) -> Value {
    let i64_ = i as u64;
    // Published on a patch day since 2024, with the fixes of that day, as Kubernetes CVEs are.
    let start = at(NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(), 0);
    let patch_days: Vec<DateTime<Utc>> = releases
        .iter()
        .filter(|r| r.pre.is_none() && r.patch > 0 && r.published >= start)
        .map(|r| r.published)
        .collect();
    let fixed = patch_days[(rand(i64_, 1) % patch_days.len() as u64) as usize];
    let published = at(fixed.date_naive(), 0);
    let critical = i % 5 != 4;
    let score = if critical {
        [8.0, 8.1, 8.8, 9.1, 9.8, 10.0][(rand(i64_, 2) % 6) as usize]
    } else {
        [5.3, 6.5, 7.5, 7.9][(rand(i64_, 2) % 4) as usize]
    };
    let severity = match score {
        s if s >= 9.0 => "CRITICAL",
        s if s >= 7.0 => "HIGH",
        _ => "MEDIUM",
    };
    // The branches supported (released, not past their end of life) when the CVE came out.
    let minors: Vec<u64> = MINOR_RELEASES
        .iter()
        .filter(|(minor, (y, m, d))| {
            at(NaiveDate::from_ymd_opt(*y, *m, *d).unwrap(), 0) <= published
                && eol_of(*minor).is_some_and(|eol| at(eol, 0) > published)
        })
        .map(|(minor, _)| *minor)
        .collect();
    let form_base = rand(i64_, 3) % 6;
    let mut versions = Vec::new();
    for (k, &minor) in minors.iter().enumerate() {
        let fix = fix_of(releases, minor, published);
        // A lower bound of `0` or `unspecified` covers every older branch: the oldest only.
        let form = if odd && i % 10 == 3 && k == 0 {
            6 + rand(i64_, 4) % 2
        } else if k > 0 && matches!(form_base, 3 | 4) {
            0
        } else {
            form_base
        };
        versions.push(affected_version(minor, fix, form));
        versions.push(json!({
            "version": format!("1.{minor}.{fix}"),
            "status": "unaffected",
            "versionType": "semver"
        }));
    }
    let component = ["kubelet", "kube-apiserver"][(rand(i64_, 5) % 2) as usize];
    let oldest = minors.first().copied().unwrap_or(30);
    let id = format!("CVE-{}-{}", published.format("%Y"), 10_000 + i);
    let oldest_fix = fix_of(releases, oldest, published);
    let issues = "https://github.com/kubernetes/kubernetes/issues";
    json!({
        "dataType": "CVE_RECORD",
        "dataVersion": "5.1",
        "cveMetadata": {
            "cveId": id,
            "assignerOrgId": "a6081bf6-c852-4425-ad4f-a67582f00382",
            "assignerShortName": "kubernetes",
            "state": "PUBLISHED",
            "dateReserved": timestamp(published - Duration::days(30)),
            "datePublished": timestamp(published),
            "dateUpdated": timestamp(published + Duration::days(2))
        },
        "containers": {
            "cna": {
                "providerMetadata": {
                    "orgId": "a6081bf6-c852-4425-ad4f-a67582f00382",
                    "shortName": "kubernetes",
                    "dateUpdated": timestamp(published + Duration::days(2))
                },
                "title": format!("{component} may allow privilege escalation ({id})"),
                "descriptions": [{
                    "lang": "en",
                    "value": format!("A security issue was discovered in {component} where a user \
                        who can create pods may be able to escalate to node access. Clusters are \
                        affected only if the feature is enabled.")
                }],
                "affected": [
                    {
                        "vendor": "Kubernetes",
                        "product": "Kubernetes",
                        "repo": "https://github.com/kubernetes/kubernetes",
                        "defaultStatus": "unaffected",
                        "versions": versions
                    },
                    {
                        "vendor": "Kubernetes",
                        "product": component,
                        "versions": [{
                            "version": "0",
                            "lessThan": format!("1.{oldest}.{oldest_fix}"),
                            "status": "affected",
                            "versionType": "semver"
                        }]
                    }
                ],
                "metrics": [
                    {
                        "format": "CVSS",
                        "scenarios": [{"lang": "en", "value": "GENERAL"}],
                        "cvssV3_1": {
                            "version": "3.1",
                            "vectorString": "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H",
                            "attackVector": "NETWORK",
                            "attackComplexity": "LOW",
                            "privilegesRequired": "LOW",
                            "userInteraction": "NONE",
                            "scope": "UNCHANGED",
                            "confidentialityImpact": "HIGH",
                            "integrityImpact": "HIGH",
                            "availabilityImpact": "HIGH",
                            "baseScore": score,
                            "baseSeverity": severity
                        }
                    },
                    {
                        "format": "other",
                        "other": {"type": "ssvc", "content": {"exploitation": "none"}}
                    }
                ],
                "problemTypes": [{
                    "descriptions": [{"lang": "en", "type": "CWE", "cweId": "CWE-269",
                        "description": "CWE-269 Improper Privilege Management"}]
                }],
                "references": [
                    {"url": format!("{issues}/{}", 128_000 + i)},
                    {"url": "https://groups.google.com/g/kubernetes-security-announce"}
                ],
                "source": {"discovery": "EXTERNAL"}
            }
        }
    })
}

/// The input documents of `version-policy-check`, as JSON and parsed.
struct PolicyInput {
    releases_json: Vec<u8>,
    cves_json: Vec<u8>,
    releases: Vec<Release>,
    cves: Vec<CveRecord>,
}

fn policy_input(odd: bool) -> PolicyInput {
    let gen = generate_releases();
    assert_eq!(gen.len(), RELEASES, "releases generated");
    let releases_json = serde_json::to_vec(&Value::Array(
        gen.iter()
            .enumerate()
            .map(|(i, r)| release_json(i, r))
            .collect(),
    ))
    .unwrap();
    let cves_json = serde_json::to_vec(&Value::Array(
        (0..CVES).map(|i| cve_json(i, &gen, odd)).collect(),
    ))
    .unwrap();
    let (releases, cves) = parse_documents(&releases_json, &cves_json);
    PolicyInput {
        releases_json,
        cves_json,
        releases,
        cves,
    }
}

fn parse_documents(releases: &[u8], cves: &[u8]) -> (Vec<Release>, Vec<CveRecord>) {
    (
        serde_json::from_slice(releases).expect("releases JSON"),
        serde_json::from_slice(cves).expect("CVE records JSON"),
    )
}

/// The clusters: the newest final patch of 1.33, and the third newest of 1.32.
fn cluster_versions(releases: &[Release]) -> (String, String) {
    let finals = |minor: u64| {
        releases
            .iter()
            .filter(move |r| r.prerelease.value() == Some(&false))
            .filter_map(|r| r.tag_name.as_deref())
            .filter(move |t| t.starts_with(&format!("v1.{minor}.")))
    };
    let current = finals(33).next().unwrap().to_owned();
    // Two patches behind on 1.32: one overdue patch and one that fixes critical CVEs.
    let behind = finals(32).nth(2).unwrap().to_owned();
    (current, behind)
}

fn run_check(
    cluster: &str,
    releases: &[Release],
    cves: &[CveRecord],
    eol: &EolTable,
) -> TestcaseResult {
    let data = PolicyData {
        releases,
        cves,
        cve_feed: None,
        eol,
    };
    version_policy_check(cluster, &data, now())
}

fn errors(result: &TestcaseResult) -> usize {
    result
        .findings()
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count()
}

fn bench_version_policy(c: &mut Criterion) {
    let mut group = c.benchmark_group("k8s_version_policy");
    let eol = EolTable::snapshot();
    let clean = policy_input(false);
    let odd = policy_input(true);
    let (current, behind) = cluster_versions(&clean.releases);
    group.throughput(Throughput::Elements((RELEASES + CVES) as u64));

    // The data is what it claims to be: 4 in 5 records critical, ranges that hold the clusters.
    let ranges = critical_ranges(&clean.cves);
    assert!(ranges.findings.is_empty(), "clean CVE set: no odd range");
    assert!(
        ranges.ranges.len() > CVES * 4 / 5,
        "{} ranges",
        ranges.ranges.len()
    );
    let odd_ranges = critical_ranges(&odd.cves);
    assert!(
        odd_ranges.findings.len() >= CVES / 20,
        "odd CVE set: {} warnings",
        odd_ranges.findings.len()
    );
    let behind_version = behind.parse().unwrap();
    assert!(
        ranges.containing(&behind_version).count() > 0,
        "{behind} in no CVE range"
    );

    for (set, input) in [("clean", &clean), ("odd", &odd)] {
        let current_result = run_check(&current, &input.releases, &input.cves, &eol);
        assert_eq!(
            (current_result.outcome(), current_result.official()),
            (Outcome::Pass, Outcome::Pass),
            "{current} ({set}): {current_result:#?}"
        );
        let behind_result = run_check(&behind, &input.releases, &input.cves, &eol);
        assert_eq!(
            (behind_result.outcome(), behind_result.official()),
            (Outcome::Fail, Outcome::Fail),
            "{behind} ({set}): {behind_result:#?}"
        );
        // The overdue patch and the overdue critical fix.
        assert_eq!(
            errors(&behind_result),
            2,
            "{behind} ({set}): {behind_result:#?}"
        );

        for (name, cluster, expected) in [
            ("current", &current, &current_result),
            ("behind", &behind, &behind_result),
        ] {
            let id = format!("{name}-{set}");
            group.bench_with_input(BenchmarkId::new("check_parsed", &id), input, |b, input| {
                b.iter(|| {
                    run_check(
                        black_box(cluster),
                        black_box(&input.releases),
                        black_box(&input.cves),
                        &eol,
                    )
                });
            });
            let from_json = |input: &PolicyInput| {
                let (releases, cves) =
                    parse_documents(black_box(&input.releases_json), black_box(&input.cves_json));
                run_check(black_box(cluster), &releases, &cves, &eol)
            };
            assert_eq!(&from_json(input), expected, "check_from_json/{id}");
            group.bench_with_input(
                BenchmarkId::new("check_from_json", &id),
                input,
                |b, input| b.iter(|| from_json(input)),
            );
        }

        assert_eq!(
            parse_documents(&input.releases_json, &input.cves_json),
            (input.releases.clone(), input.cves.clone()),
            "parse_json/{set}"
        );
        group.bench_with_input(BenchmarkId::new("parse_json", set), input, |b, input| {
            b.iter(|| {
                parse_documents(black_box(&input.releases_json), black_box(&input.cves_json))
            });
        });
    }
    group.finish();
}

/// The generated cluster: [`NODES`] nodes, the first 5 the control plane; with `defects`,
/// every 100th worker lacks the zone label.
fn generate_nodes(defects: bool) -> Vec<Node> {
    let region = "de-nbg6";
    (0..NODES)
        .map(|i| {
            let control = i < 5;
            let zone = format!("{region}-{}", ["a", "b", "c"][i % 3]);
            let name = if control {
                format!(
                    "prod-cluster-control-plane-{:05x}",
                    rand(i as u64, 1) & 0xfffff
                )
            } else {
                format!(
                    "prod-cluster-md-{}-{:05x}-{:05x}",
                    i % 3,
                    rand(i as u64 / 100, 2) & 0xfffff,
                    rand(i as u64, 3) & 0xfffff
                )
            };
            let flavor = if control { "SCS-4V-8" } else { "SCS-8V-32-100" };
            let mut node = Node::new(name.clone())
                .with_label("beta.kubernetes.io/arch", "amd64")
                .with_label("beta.kubernetes.io/instance-type", flavor)
                .with_label("beta.kubernetes.io/os", "linux")
                .with_label("failure-domain.beta.kubernetes.io/region", region)
                .with_label("kubernetes.io/arch", "amd64")
                .with_label("kubernetes.io/hostname", name)
                .with_label("kubernetes.io/os", "linux")
                .with_label("node.kubernetes.io/instance-type", flavor)
                .with_label("topology.cinder.csi.openstack.org/zone", zone.clone())
                .with_label(REGION_LABEL, region)
                .with_label(
                    HOST_ID_LABEL,
                    format!("compute-{:04}", rand(i as u64, 4) % 400),
                );
            if control {
                node = node.with_label(CONTROL_PLANE_LABEL, "").with_label(
                    "node.kubernetes.io/exclude-from-external-load-balancers",
                    "",
                );
            } else {
                node = node.with_label("node-role.kubernetes.io/worker", "");
            }
            if !(defects && !control && i % 100 == 50) {
                node = node
                    .with_label("failure-domain.beta.kubernetes.io/zone", zone.clone())
                    .with_label(ZONE_LABEL, zone);
            }
            node
        })
        .collect()
}

fn bench_node_distribution(c: &mut Criterion) {
    let mut group = c.benchmark_group("node_distribution");
    group.throughput(Throughput::Elements(NODES as u64));
    for (set, defects) in [("5000-labelled", false), ("5000-defects", true)] {
        let nodes = generate_nodes(defects);

        let result = check(&nodes);
        let expected_errors = if defects { NODES / 100 } else { 0 };
        assert_eq!(errors(&result), expected_errors, "check/{set}");
        let expected = if defects {
            Outcome::Fail
        } else {
            Outcome::Pass
        };
        assert_eq!(
            (result.outcome(), result.official()),
            (expected, expected),
            "check/{set}"
        );
        group.bench_with_input(BenchmarkId::new("check", set), &nodes, |b, nodes| {
            b.iter(|| check(black_box(nodes)));
        });

        for (name, algorithm) in [
            ("retired_final", RetiredAlgorithm::Final),
            ("retired_historic", RetiredAlgorithm::Historic),
        ] {
            let run = retired_check(&nodes, algorithm);
            assert_eq!(run.outcome, expected, "{name}/{set}: {:?}", run.records);
            group.bench_with_input(BenchmarkId::new(name, set), &nodes, |b, nodes| {
                b.iter(|| retired_check(black_box(nodes), algorithm));
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench_version_policy, bench_node_distribution);
criterion_main!(benches);
