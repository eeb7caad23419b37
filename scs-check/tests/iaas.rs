//! End-to-end tests of `scs-check iaas` on the example data folders
//! `examples/data/iaas-compliant` (a compliant cloud) and `examples/data/iaas-defects` (the same
//! cloud with one defect of each kind, listed in its `EXPECTED.md`): exact result lines, the
//! `ERROR:` lines that name each offending object, the official outcomes, the JSON report and
//! the exit status; and how missing, malformed and unknown inputs are reported.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

const COMPLIANT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../examples/data/iaas-compliant"
);
const DEFECTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/iaas-defects");

/// The instant the example data was dumped against: its images are recent relative to it.
const NOW: &str = "2026-11-15T00:00:00Z";

/// The default testcases (main testcases of SCS-compatible IaaS v5.1), in the order printed.
const DEFAULT_IDS: [&str; 53] = [
    "scs-0100-syntax-check",
    "scs-0100-semantics-check",
    "scs-0101-entropy-avail",
    "scs-0101-fips-test",
    "scs-0102-prop-architecture",
    "scs-0102-prop-min_disk",
    "scs-0102-prop-min_ram",
    "scs-0102-prop-os_version",
    "scs-0102-prop-os_distro",
    "scs-0102-prop-hw_disk_bus",
    "scs-0102-prop-image_build_date",
    "scs-0102-prop-image_original_user",
    "scs-0102-prop-image_source",
    "scs-0102-prop-image_description",
    "scs-0102-prop-replace_frequency",
    "scs-0102-prop-provided_until",
    "scs-0102-prop-uuid_validity",
    "scs-0102-image-recency",
    "scs-0103-flavor-1v-4",
    "scs-0103-flavor-2v-8",
    "scs-0103-flavor-4v-16",
    "scs-0103-flavor-4v-16-100s",
    "scs-0103-flavor-8v-32",
    "scs-0103-flavor-1v-2",
    "scs-0103-flavor-2v-4",
    "scs-0103-flavor-2v-4-20s",
    "scs-0103-flavor-4v-8",
    "scs-0103-flavor-8v-16",
    "scs-0103-flavor-16v-32",
    "scs-0103-flavor-1v-8",
    "scs-0103-flavor-2v-16",
    "scs-0103-flavor-4v-32",
    "scs-0103-flavor-1l-1",
    "scs-0104-source-capi-1",
    "scs-0104-source-capi-2",
    "scs-0104-source-ubuntu-2404",
    "scs-0104-source-ubuntu-2204",
    "scs-0104-source-ubuntu-2004",
    "scs-0104-source-debian-13",
    "scs-0104-source-debian-12",
    "scs-0104-source-debian-11",
    "scs-0104-image-ubuntu-2404",
    "scs-0114-syntax-check",
    "scs-0115-default-rules",
    "scs-0116-permissions",
    "scs-0123-service-compute",
    "scs-0123-service-identity",
    "scs-0123-service-image",
    "scs-0123-service-network",
    "scs-0123-service-load-balancer",
    "scs-0123-service-placement",
    "scs-0123-storage-apis",
    "scs-0123-swift-s3",
];

/// The defects of `iaas-defects` (as in its `EXPECTED.md`): the testcase each one fails and
/// the parts of the `ERROR:` line that name the offending object and the problem.
const DEFECTS_TABLE: [(&str, &[&str]); 16] = [
    (
        "scs-0100-syntax-check",
        &["SCS-4X-16: invalid flavor name `SCS-4X-16`", "found `X`"],
    ),
    (
        "scs-0100-semantics-check",
        &["SCS-8C-32: RAM overpromise", "the flavor has 30720 MiB"],
    ),
    (
        "scs-0101-entropy-avail",
        &["`/proc/sys/kernel/random/entropy_avail` reads `255`"],
    ),
    (
        "scs-0101-fips-test",
        &["rngtest counts 9 FIPS 140-2 failures in 1000 blocks"],
    ),
    (
        "scs-0102-prop-architecture",
        &["Debian 13: `architecture` `amd64` is not one of"],
    ),
    (
        "scs-0102-prop-image_build_date",
        &[
            "ubuntu-capi-image-v1.31.4: `image_build_date` `2026-10-22` is after the \
             registration time `2026-10-21T13:02:17Z`",
        ],
    ),
    (
        "scs-0102-prop-image_source",
        &["AlmaLinux 9: `image_source` is not set"],
    ),
    (
        "scs-0102-image-recency",
        &[
            "Debian 11: outdated without replacement",
            "no fresh image named `Debian`",
        ],
    ),
    (
        "scs-0103-flavor-1v-8",
        &["SCS-1V-8: extra spec `scs:name-v1` is `SCS-1V-8`, expected `SCS-1V:8`"],
    ),
    (
        "scs-0104-source-ubuntu-2204",
        &[
            "Ubuntu 22.04: `image_source` `https://mirror.example.net/",
            "starts with none of the prefixes allowed",
        ],
    ),
    (
        "scs-0104-image-ubuntu-2404",
        &["no public or community image named `Ubuntu 24.04`"],
    ),
    (
        "scs-0114-syntax-check",
        &["ssd-encrypted: aspects not sorted alphabetically: `replicated`, `encrypted`"],
    ),
    (
        "scs-0115-default-rules",
        &[
            "82753b9d-59f8-5703-ac7e-3b1417faf4a5: ingress rule (IPv4, protocol `tcp`, port 22",
            "for default security groups",
        ],
    ),
    (
        "scs-0116-permissions",
        &["may not create a secret (forbidden)", "403 Forbidden"],
    ),
    (
        "scs-0123-service-load-balancer",
        &["no service of type `load-balancer`"],
    ),
    (
        "scs-0123-swift-s3",
        &[
            "no S3 answer next to Swift at `https://object.fra1.example.com`",
            "(404)",
        ],
    ),
];

mod util;

use util::{code, lines, run, stderr, stdout};

fn is_defect(id: &str) -> bool {
    DEFECTS_TABLE.iter().any(|(d, _)| *d == id)
}

/// The expected stdout on the defects folder (both readings agree there).
fn defect_lines() -> String {
    lines(
        DEFAULT_IDS,
        |id| if is_defect(id) { "FAIL" } else { "PASS" },
    )
}

/// A fresh, empty scratch folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("iaas-{name}"));
    if dir.exists() {
        fs::remove_dir_all(&dir).expect("clear scratch folder");
    }
    fs::create_dir_all(&dir).expect("create scratch folder");
    dir
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

// ---- the compliant cloud ----

#[test]
fn compliant_passes_every_default_testcase() {
    let o = run(&["iaas", COMPLIANT, "--now", NOW]);
    assert_eq!(stdout(&o), lines(DEFAULT_IDS, |_| "PASS"), "{}", stderr(&o));
    assert_eq!(code(&o), 0);
    for line in stderr(&o).lines() {
        assert!(
            line.starts_with("INFO: "),
            "only informational findings expected: {line}"
        );
    }
    // the renamed previous build is outdated but replaced
    assert!(stderr(&o).contains(
        "INFO: scs-0102-image-recency: Debian 12 20260915: outdated; replaced by `Debian 12`\n"
    ));
}

#[test]
fn compliant_passes_officially() {
    let o = run(&["iaas", COMPLIANT, "--now", NOW, "--official"]);
    assert_eq!(stdout(&o), lines(DEFAULT_IDS, |_| "PASS"), "{}", stderr(&o));
    assert_eq!(code(&o), 0);
    assert!(!stderr(&o).contains("ERROR:"), "{}", stderr(&o));
}

#[test]
fn the_instant_matters() {
    // Two months later the monthly `Ubuntu 22.04`, still promised until 2027-05-31, is overdue
    // and nothing replaces it.
    let o = run(&[
        "iaas",
        COMPLIANT,
        "--now",
        "2027-01-15T00:00:00Z",
        "scs-0102-image-recency",
    ]);
    assert_eq!(stdout(&o), "scs-0102-image-recency: FAIL\n");
    assert!(
        stderr(&o).contains(
            "ERROR: scs-0102-image-recency: Ubuntu 22.04: outdated without replacement \
             (built `2026-11-02`, `replace_frequency` `monthly`, replacement due by \
             2026-12-06T02:24:00Z); no fresh image named `Ubuntu`\n"
        ),
        "{}",
        stderr(&o)
    );
    assert_eq!(code(&o), 1);
    // Before the images were built, their build dates lie in the future.
    let o = run(&[
        "iaas",
        COMPLIANT,
        "--now",
        "2026-10-01T00:00:00Z",
        "scs-0102-prop-image_build_date",
    ]);
    assert_eq!(stdout(&o), "scs-0102-prop-image_build_date: FAIL\n");
    assert!(stderr(&o).contains(
        "ERROR: scs-0102-prop-image_build_date: Ubuntu 24.04: `image_build_date` `2026-11-03` \
         is in the future\n"
    ));
    assert_eq!(code(&o), 1);
}

// ---- the cloud with defects ----

#[test]
fn defects_fail_exactly_the_expected_testcases() {
    let o = run(&["iaas", DEFECTS, "--now", NOW]);
    assert_eq!(stdout(&o), defect_lines(), "{}", stderr(&o));
    assert_eq!(code(&o), 1);
}

#[test]
fn each_defect_has_an_error_line_naming_the_object() {
    let o = run(&["iaas", DEFECTS, "--now", NOW]);
    let err = stderr(&o);
    for (id, parts) in DEFECTS_TABLE {
        let prefix = format!("ERROR: {id}: ");
        assert!(
            err.lines()
                .any(|l| l.starts_with(&prefix) && parts.iter().all(|p| l.contains(p))),
            "no ERROR line for {id} with {parts:?} in:\n{err}"
        );
    }
    // and no error for a testcase that passes
    for line in err.lines().filter(|l| l.starts_with("ERROR: ")) {
        let id = line["ERROR: ".len()..]
            .split(':')
            .next()
            .unwrap_or_default();
        assert!(is_defect(id), "unexpected error: {line}");
    }
}

#[test]
fn defects_fail_officially_too() {
    let o = run(&["iaas", DEFECTS, "--now", NOW, "--official"]);
    assert_eq!(stdout(&o), defect_lines(), "{}", stderr(&o));
    assert_eq!(code(&o), 1);
}

#[test]
fn expected_md_lists_every_defect() {
    let text = fs::read_to_string(Path::new(DEFECTS).join("EXPECTED.md")).expect("EXPECTED.md");
    for (id, _) in DEFECTS_TABLE {
        assert!(
            text.contains(&format!("| `{id}` |")),
            "{id} not in EXPECTED.md"
        );
    }
    let rows = text
        .lines()
        .filter(|l| l.starts_with("| ") && l.ends_with("` |") && l.contains("`scs-0"))
        .count();
    assert_eq!(rows, DEFECTS_TABLE.len());
}

// ---- selection and formats ----

#[test]
fn positional_ids_run_only_those_in_order() {
    let o = run(&[
        "iaas",
        DEFECTS,
        "--now",
        NOW,
        "scs-0114-syntax-check",
        "scs-0116-presence",
        "scs-0100-syntax-check",
    ]);
    assert_eq!(
        stdout(&o),
        "scs-0114-syntax-check: FAIL\nscs-0116-presence: PASS\nscs-0100-syntax-check: FAIL\n"
    );
    assert_eq!(code(&o), 1);
    let o = run(&[
        "iaas",
        COMPLIANT,
        "--now",
        NOW,
        "--testcases",
        "scs-0114-encrypted-type,scs-0114-replicated-type",
        "scs-0116-presence",
    ]);
    assert_eq!(
        stdout(&o),
        "scs-0114-encrypted-type: PASS\nscs-0114-replicated-type: PASS\nscs-0116-presence: PASS\n"
    );
    assert_eq!(code(&o), 0);
    assert!(stderr(&o).contains(
        "INFO: scs-0114-encrypted-type: aspect `encrypted` advertised by `ssd-encrypted`"
    ));
}

#[test]
fn json_report_has_both_outcomes_and_the_findings() {
    let o = run(&["iaas", DEFECTS, "--now", NOW, "--format", "json"]);
    assert_eq!(code(&o), 1);
    assert!(o.stderr.is_empty(), "{}", stderr(&o));
    let report: Value = serde_json::from_str(stdout(&o)).expect("stdout is one JSON document");
    let results = report["results"].as_array().expect("results list");
    let ids: Vec<&str> = results
        .iter()
        .map(|r| r["id"].as_str().expect("id"))
        .collect();
    assert_eq!(ids, DEFAULT_IDS);
    for r in results {
        let id = r["id"].as_str().unwrap_or_default();
        let expected = if is_defect(id) { "FAIL" } else { "PASS" };
        assert_eq!(r["outcome"], expected, "{id}");
        assert_eq!(r["official"], expected, "{id}");
        assert!(r["findings"].is_array(), "{id}");
    }
    let syntax = &results[0]["findings"][0];
    assert_eq!(syntax["testcase"], "scs-0100-syntax-check");
    assert_eq!(syntax["severity"], "error");
    assert_eq!(syntax["subject"], "SCS-4X-16");

    let o = run(&["iaas", COMPLIANT, "--now", NOW, "--format", "json"]);
    assert_eq!(code(&o), 0);
    let report: Value = serde_json::from_str(stdout(&o)).expect("JSON");
    let results = report["results"].as_array().expect("results list");
    assert_eq!(results.len(), DEFAULT_IDS.len());
    assert!(results
        .iter()
        .all(|r| r["outcome"] == "PASS" && r["official"] == "PASS"));
}

// ---- missing, malformed and unknown inputs ----

#[test]
fn only_flavors_aborts_the_rest_naming_the_missing_file() {
    let dir = scratch("only-flavors");
    fs::copy(
        Path::new(COMPLIANT).join("flavors.json"),
        dir.join("flavors.json"),
    )
    .expect("copy flavors.json");
    let flavor_based = |id: &str| id.starts_with("scs-0100-") || id.starts_with("scs-0103-");
    let expected = lines(
        DEFAULT_IDS,
        |id| {
            if flavor_based(id) {
                "PASS"
            } else {
                "ABORT"
            }
        },
    );
    for official in [false, true] {
        let mut args = vec!["iaas", path_str(&dir), "--now", NOW];
        if official {
            args.push("--official");
        }
        let o = run(&args);
        assert_eq!(stdout(&o), expected, "official: {official}");
        assert_eq!(code(&o), 1);
        let err = stderr(&o);
        for needle in [
            "ERROR: scs-0101-entropy-avail: missing input: the test VM's console output (console.log)\n",
            "ERROR: scs-0102-prop-architecture: missing input: the image list (images.json)\n",
            "ERROR: scs-0104-image-ubuntu-2404: missing input: the image list (images.json)\n",
            "ERROR: scs-0114-syntax-check: missing input: the volume types (volume_types.json)\n",
            "ERROR: scs-0115-default-rules: missing input: the default security group rules \
             (default_security_group_rules.json) or the rules of a new security group \
             (new_security_group.json)\n",
            "ERROR: scs-0116-permissions: missing input: the service catalog (catalog.json), the \
             token's role names (roles.json), the key-manager probe (key_manager_probe.json)\n",
            "ERROR: scs-0123-swift-s3: missing input: the service catalog (catalog.json)\n",
        ] {
            assert!(err.contains(needle), "missing {needle:?} in:\n{err}");
        }
        let aborted = DEFAULT_IDS.iter().filter(|id| !flavor_based(id)).count();
        let missing = err
            .lines()
            .filter(|l| l.contains(": missing input: "))
            .count();
        assert_eq!(missing, aborted);
    }
}

#[test]
fn new_security_group_is_the_fallback_for_default_rules() {
    let dir = scratch("new-security-group");
    fs::copy(
        Path::new(COMPLIANT).join("new_security_group.json"),
        dir.join("new_security_group.json"),
    )
    .expect("copy new_security_group.json");
    let o = run(&["iaas", path_str(&dir), "scs-0115-default-rules"]);
    assert_eq!(
        stdout(&o),
        "scs-0115-default-rules: PASS\n",
        "{}",
        stderr(&o)
    );
    assert_eq!(code(&o), 0);
}

#[test]
fn unknown_testcase_is_a_usage_error() {
    let o = run(&[
        "iaas",
        COMPLIANT,
        "--now",
        NOW,
        "scs-0100-syntax-check",
        "availability-zones-check",
    ]);
    assert_eq!(code(&o), 2);
    assert_eq!(stdout(&o), "");
    assert_eq!(
        stderr(&o),
        "error: unknown testcase `availability-zones-check`\n"
    );
    let o = run(&[
        "iaas",
        COMPLIANT,
        "--testcases",
        "scs-0100-syntax,scs-0114-syntax-check",
    ]);
    assert_eq!(code(&o), 2);
    assert_eq!(stderr(&o), "error: unknown testcase `scs-0100-syntax`\n");
}

/// `openstack image list --long -f json`: no properties.
const IMAGE_LIST_LONG: &str = r#"[
  {"ID": "51b371ae-0ff3-5967-bc9f-00b8fc323236", "Name": "Ubuntu 24.04", "Disk Format": "qcow2",
   "Container Format": "bare", "Size": 621477888, "Checksum": "8232716f65aae5c493cf6cfdbae40d2f",
   "Status": "active", "Visibility": "public", "Protected": false,
   "Project": "0e2a8c1d7b9f4a6e8d3c5b1a7f9e2d40", "Tags": []}
]
"#;

#[test]
fn malformed_images_json_is_an_input_error_naming_the_file() {
    let dir = scratch("image-list-long");
    for file in ["flavors.json", "catalog.json"] {
        fs::copy(Path::new(COMPLIANT).join(file), dir.join(file)).expect("copy");
    }
    let images = dir.join("images.json");
    fs::write(&images, IMAGE_LIST_LONG).expect("write images.json");
    let o = run(&["iaas", path_str(&dir), "--now", NOW]);
    assert_eq!(code(&o), 2);
    assert_eq!(stdout(&o), "");
    let prefix = format!("error: {}: not an image list: ", images.display());
    let reason = "this looks like `openstack image list --long -f json`, which prints no image \
                  properties";
    assert!(stderr(&o).starts_with(&prefix), "{}", stderr(&o));
    assert!(stderr(&o).contains(reason), "{}", stderr(&o));

    // the same through the override flag, on the complete compliant folder
    let o = run(&[
        "iaas",
        COMPLIANT,
        "--now",
        NOW,
        "--images",
        path_str(&images),
    ]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).starts_with(&prefix), "{}", stderr(&o));
    assert!(stderr(&o).contains(reason), "{}", stderr(&o));

    // not JSON at all
    fs::write(&images, "Ubuntu 24.04\nDebian 12\n").expect("write images.json");
    let o = run(&["iaas", path_str(&dir)]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).starts_with(&format!("error: {}: invalid JSON: ", images.display())),
        "{}",
        stderr(&o)
    );
}

/// The compliant images in the flat shape of the Image API, after some 3 MB of private images
/// whose text has characters of several bytes, one of them across the 1 MiB line where the
/// reader of a file in blocks cuts it.
fn large_image_list() -> String {
    let text = fs::read_to_string(Path::new(COMPLIANT).join("images.json")).expect("read");
    let images: Vec<Value> = serde_json::from_str(&text).expect("an image list");
    let mut out = String::from("{\"images\": [\n");
    let mut k = 0;
    while out.len() < 3_000_000 {
        let filler = format!(
            r#"{{"id": "filler-{k}", "name": "Ünïcödé image № {k} ✓", "visibility": "private",
 "os_distro": "dëbian", "tags": ["€", "ß"], "min_disk": {k}, "description": "{}"}},
"#,
            "€ ".repeat(100)
        );
        // A padding image that puts a character across the 1 MiB line.
        let start = out.len() + r#"{"id": "pad", "pad": ""#.len();
        if out.len() + filler.len() > (1 << 20) && start < (1 << 20) - 1 {
            let pad = "a".repeat((1 << 20) - 1 - start);
            out.push_str(&format!("{{\"id\": \"pad\", \"pad\": \"{pad}€€€\"}},\n"));
            assert_eq!(
                &out.as_bytes()[(1 << 20) - 1..(1 << 20) + 2],
                "€".as_bytes()
            );
        }
        out.push_str(&filler);
        k += 1;
    }
    for (i, image) in images.into_iter().enumerate() {
        let Value::Object(mut image) = image else {
            panic!("an image object")
        };
        if let Some(Value::Object(properties)) = image.remove("properties") {
            for (key, value) in properties {
                image.entry(key).or_insert(value);
            }
        }
        if i > 0 {
            out.push_str(",\n");
        }
        out.push_str(&serde_json::to_string(&image).expect("JSON"));
    }
    out.push_str("], \"schema\": \"/v2/schemas/images\"}\n");
    out
}

#[test]
fn a_large_image_list_reads_alike_in_blocks_and_whole() {
    let dir = scratch("large-image-list");
    for entry in fs::read_dir(COMPLIANT).expect("the compliant folder") {
        let path = entry.expect("an entry").path();
        if path.file_name() != Some("images.json".as_ref()) && path.is_file() {
            fs::copy(&path, dir.join(path.file_name().expect("a name"))).expect("copy");
        }
    }
    let text = large_image_list();
    assert!(
        scs_validators::input::LeanImageList::read_common(&text).is_some(),
        "the list is in the shape read in blocks"
    );
    fs::write(dir.join("images.json"), &text).expect("write images.json");
    // In blocks, from the file.
    let blocks = run(&["iaas", path_str(&dir), "--now", NOW]);
    assert_eq!(
        stdout(&blocks),
        lines(DEFAULT_IDS, |_| "PASS"),
        "{}",
        stderr(&blocks)
    );
    assert_eq!(code(&blocks), 0);
    // Whole, from standard input.
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_scs-check"))
        .args(["iaas", path_str(&dir), "--now", NOW, "--images", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run scs-check");
    let mut stdin = child.stdin.take().expect("stdin");
    let input = text.clone();
    let writer = std::thread::spawn(move || {
        use std::io::Write;
        stdin.write_all(input.as_bytes()).expect("write stdin");
    });
    let whole = child.wait_with_output().expect("scs-check output");
    writer.join().expect("stdin written");
    assert_eq!(stdout(&whole), stdout(&blocks));
    assert_eq!(stderr(&whole), stderr(&blocks));
    assert_eq!(code(&whole), code(&blocks));
    // An escape after the last public image: the images checked while the file was read in
    // blocks are forgotten, and the file is read again, whole.
    // (More than a block of private images in between, so that the public ones are checked
    // before the reader meets the escape.)
    let filler = r#",
{"id": "late", "visibility": "private", "note": "........................................"}"#;
    let late = format!(
        "{}{}], \"schema\"",
        filler.repeat(2000),
        filler.replace("....", "caf\\u00e9")
    );
    let escaped = text.replacen("], \"schema\"", &late, 1);
    assert!(escaped.contains("caf\\u00e9"), "the escape is in");
    assert!(scs_validators::input::LeanImageList::read_common(&escaped).is_none());
    fs::write(dir.join("images.json"), &escaped).expect("write images.json");
    let again = run(&["iaas", path_str(&dir), "--now", NOW]);
    assert_eq!(stdout(&again), stdout(&blocks));
    assert_eq!(stderr(&again), stderr(&blocks));
    assert_eq!(code(&again), code(&blocks));
}

#[test]
fn not_a_folder_is_an_input_error() {
    let file = Path::new(COMPLIANT).join("flavors.json");
    let o = run(&["iaas", path_str(&file)]);
    assert_eq!(code(&o), 2);
    assert_eq!(
        stderr(&o),
        format!("error: {}: not a folder\n", file.display())
    );
}
