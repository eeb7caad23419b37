//! End-to-end tests of the `scs-check` binary: exact output and exit status.

use std::io::Write;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

const FLAVORS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/flavors.json");
const DEFECTS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../examples/data/flavors-defects.json"
);
const NAMES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/names.txt");

const BIG_NAME: &str = "SCS-16T-64-3x10s_bms_hwv_i3h_GNa-64_ib";
const ERROR_2IT: &str =
    "invalid flavor name `SCS-2iT-4`: at byte 5: expected CPU type (L, V, T, C), found `i`";

/// Runs the binary with `args` and `stdin` (none: an empty stdin).
fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_scs-check"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn scs-check");
    let mut pipe = child.stdin.take().expect("stdin pipe");
    let input = stdin.unwrap_or_default().to_vec();
    let writer = std::thread::spawn(move || pipe.write_all(&input));
    let output = child.wait_with_output().expect("wait for scs-check");
    writer.join().expect("stdin writer").expect("write stdin");
    output
}

fn stdout(o: &Output) -> &str {
    std::str::from_utf8(&o.stdout).expect("stdout is UTF-8")
}

fn stderr(o: &Output) -> &str {
    std::str::from_utf8(&o.stderr).expect("stderr is UTF-8")
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exit code")
}

fn json_lines(o: &Output) -> Vec<Value> {
    stdout(o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

// ---- flavor-name, text ----

#[test]
fn names_from_arguments_one_line_each() {
    let o = run(
        &[
            "flavor-name",
            "SCS-2C-4-10n",
            "SCS-02C-4",
            "SCS-2C:4",
            "SCS-2iT-4",
            "m1.small",
        ],
        None,
    );
    assert_eq!(
        stdout(&o),
        format!(
            "valid SCS-2C-4-10n\n\
             valid SCS-02C-4 (canonical: SCS-2C-4)\n\
             tolerated SCS-2C:4 (v3: SCS-2C-4)\n\
             invalid SCS-2iT-4: at byte 5: expected CPU type (L, V, T, C), found `i`\n\
             not-scs m1.small\n"
        )
    );
    assert_eq!(
        stderr(&o),
        "WARNING: scs-0100-syntax-check: SCS-02C-4: accepted, but not in canonical form; \
         canonical: `SCS-2C-4`\n\
         WARNING: scs-0100-syntax-check: SCS-2C:4: v1 syntax is merely tolerated; \
         v3 spelling: `SCS-2C-4`\n"
    );
    assert_eq!(code(&o), 1, "an invalid name exits 1");
}

#[test]
fn no_invalid_name_exits_zero() {
    let o = run(
        &["flavor-name", "SCS-2V-4", "SCS-4V:16:50s-kvm", "gp.xlarge"],
        None,
    );
    assert_eq!(
        stdout(&o),
        "valid SCS-2V-4\ntolerated SCS-4V:16:50s-kvm (v3: SCS-4V-16-50s_kvm)\nnot-scs gp.xlarge\n"
    );
    assert_eq!(code(&o), 0);
}

#[test]
fn official_divergence_is_a_warning_on_stderr() {
    let o = run(&["flavor-name", "SCS-2C-4-x10", "SCS-2C-4_GNa_ib"], None);
    assert_eq!(
        stdout(&o),
        "invalid SCS-2C-4-x10: at byte 9: expected the number of disks \
         before `x`, found `x`\n\
         valid SCS-2C-4_GNa_ib\n"
    );
    assert_eq!(
        stderr(&o),
        "WARNING: scs-0100-syntax-check: SCS-2C-4-x10: the official suite accepts this name \
         (a disk multiplier `x` without a number (it reads 1)); the standard text does not\n\
         WARNING: scs-0100-syntax-check: SCS-2C-4_GNa_ib: the official suite reports this name \
         as invalid (its GPU generation pattern swallows the following `_ib`); the standard \
         text allows it\n"
    );
    assert_eq!(code(&o), 1);
}

#[test]
fn describe_adds_indented_prose_for_valid_and_tolerated_names() {
    let o = run(
        &[
            "flavor-name",
            "--describe",
            "SCS-2C-4-3x10s_bms_z3h",
            "SCS-1V:2",
            "SCS-2iT-4",
        ],
        None,
    );
    assert_eq!(
        stdout(&o),
        format!(
            "valid SCS-2C-4-3x10s_bms_z3h\n    2 dedicated cores (AMD Zen 3, all-core frequency \
             above 2.75 GHz), 4 GiB RAM, 3 local SSD disks of 10 GB each, bare metal\n\
             tolerated SCS-1V:2 (v3: SCS-1V-2)\n    1 vCPU (generic x86-64), 2 GiB RAM, no root \
             disk (boot from volume)\n\
             invalid SCS-2iT-4: at byte 5: expected CPU type (L, V, T, C), found `i`\n"
        )
    );
    assert_eq!(code(&o), 1);
}

#[test]
fn stdin_lines_are_names_exactly_as_given() {
    // An empty line, a trailing space, a carriage return, invalid UTF-8, and a last line
    // without a line feed.
    let o = run(
        &["flavor-name"],
        Some(b"SCS-2V-4\n\nSCS-2C-4 \nSCS-1L-1\r\n\xffSCS-1V-2\nm1.small"),
    );
    assert_eq!(
        stdout(&o),
        "valid SCS-2V-4\n\
         not-scs \"\"\n\
         invalid \"SCS-2C-4 \": at byte 8: expected disk part (`-`), \
         extension (`_`) or end of name, found ` `\n\
         invalid \"SCS-1L-1\\r\": at byte 8: expected disk part (`-`), \
         extension (`_`) or end of name, found `\\r`\n\
         not-scs \u{fffd}SCS-1V-2\n\
         not-scs m1.small\n"
    );
    assert_eq!(code(&o), 1);
}

#[test]
fn empty_stdin_means_no_names() {
    let o = run(&["flavor-name"], Some(b""));
    assert_eq!(stdout(&o), "");
    assert_eq!(code(&o), 0);
    let o = run(&["flavor-name", "--format", "json"], Some(b""));
    assert_eq!(stdout(&o), "[]\n");
    assert_eq!(code(&o), 0);
}

#[test]
fn the_example_names_file() {
    let input = std::fs::read(NAMES).expect("read names.txt");
    let o = run(&["flavor-name"], Some(&input));
    let lines: Vec<&str> = stdout(&o).lines().collect();
    assert_eq!(lines.len(), 20);
    let count = |verdict: &str| {
        lines
            .iter()
            .filter(|l| l.starts_with(&format!("{verdict} ")))
            .count()
    };
    assert_eq!(
        [
            count("valid"),
            count("tolerated"),
            count("invalid"),
            count("not-scs")
        ],
        [11, 2, 4, 3]
    );
    assert_eq!(
        lines[12],
        "invalid SCS-2iT-4: at byte 5: expected CPU type (L, V, T, C), found `i`"
    );
    assert_eq!(code(&o), 1);
}

// ---- flavor-name, JSON ----

#[test]
fn jsonl_object_of_a_long_name() {
    let o = run(&["flavor-name", "--format", "jsonl", BIG_NAME], None);
    assert_eq!(code(&o), 0);
    // Key order is part of the contract: the extra specs in the official order.
    assert_eq!(
        stdout(&o),
        "{\"input\":\"SCS-16T-64-3x10s_bms_hwv_i3h_GNa-64_ib\",\"verdict\":\"valid\",\
         \"official\":\"valid\",\"canonical\":\"SCS-16T-64-3x10s_bms_hwv_i3h_GNa-64_ib\",\
         \"short\":\"SCS-16T-64-3x10s_GNa-64_ib\",\"v1\":\"SCS-16T:64:3x10s-bms-hwv-i3h-GNa:64-ib\",\
         \"extra_specs\":{\"cpus\":16,\"ram\":64.0,\"scs:cpu-type\":\"dedicated-thread\",\
         \"disk\":10,\"scs:disk0-type\":\"ssd\",\"scs:disk1-type\":\"ssd\",\
         \"scs:disk2-type\":\"ssd\",\
         \"scs:name-v1\":\"SCS-16T:64:3x10s-bms-hwv-i3h-GNa:64-ib\",\
         \"scs:name-v2\":\"SCS-16T-64-3x10s_bms_hwv_i3h_GNa-64_ib\",\
         \"scs:name-v3\":\"SCS-16T:64:3x10s-GNa:64-ib\",\
         \"scs:name-v4\":\"SCS-16T-64-3x10s_GNa-64_ib\"},\
         \"extra_specs_truncated\":false,\"error\":null,\"findings\":[]}\n"
    );
    let v = &json_lines(&o)[0];
    assert_eq!(
        v["extra_specs"]["scs:name-v3"],
        "SCS-16T:64:3x10s-GNa:64-ib"
    );
    assert_eq!(v["extra_specs"]["ram"].as_f64(), Some(64.0));
}

#[test]
fn jsonl_of_invalid_tolerated_and_other_names() {
    let o = run(
        &[
            "flavor-name",
            "--format",
            "jsonl",
            "SCS-2iT-4",
            "SCS-2C:4",
            "m1.small",
            "SCS-2C-4-",
        ],
        None,
    );
    assert_eq!(code(&o), 1);
    let v = json_lines(&o);
    assert_eq!(v.len(), 4);
    for obj in &v {
        let keys: Vec<&str> = obj
            .as_object()
            .expect("object")
            .keys()
            .map(String::as_str)
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        assert_eq!(
            keys,
            [
                "canonical",
                "error",
                "extra_specs",
                "extra_specs_truncated",
                "findings",
                "input",
                "official",
                "short",
                "v1",
                "verdict"
            ]
        );
    }
    let invalid = &v[0];
    assert_eq!(invalid["verdict"], "invalid");
    assert_eq!(invalid["official"], "invalid");
    assert_eq!(invalid["error"], ERROR_2IT);
    for key in ["canonical", "short", "v1", "extra_specs"] {
        assert!(invalid[key].is_null(), "{key} of an invalid name");
    }
    assert_eq!(
        invalid["findings"],
        serde_json::json!([{
            "testcase": "scs-0100-syntax-check",
            "severity": "error",
            "subject": "SCS-2iT-4",
            "message": ERROR_2IT,
        }])
    );
    let tolerated = &v[1];
    assert_eq!(tolerated["verdict"], "tolerated");
    assert_eq!(tolerated["canonical"], "SCS-2C-4");
    assert_eq!(tolerated["v1"], "SCS-2C:4");
    assert_eq!(tolerated["findings"][0]["severity"], "warning");
    assert_eq!(
        tolerated["extra_specs"],
        serde_json::json!({"cpus": 2, "ram": 4.0, "scs:cpu-type": "dedicated-core",
            "scs:name-v1": "SCS-2C:4", "scs:name-v2": "SCS-2C-4"})
    );
    assert_eq!(v[2]["verdict"], "not-scs");
    assert_eq!(v[2]["official"], "not-scs");
    assert_eq!(v[2]["findings"], serde_json::json!([]));
    // A disk part without size: `disk` is null, the disk is untyped (network).
    assert_eq!(v[3]["extra_specs"]["disk"], Value::Null);
    assert_eq!(v[3]["extra_specs"]["scs:disk0-type"], "network");
    // Nothing on stderr in JSON modes: the findings are in the objects.
    assert_eq!(stderr(&o), "");
}

#[test]
fn jsonl_truncates_billions_of_disk_keys() {
    let start = Instant::now();
    let o = run(
        &["flavor-name", "--format", "jsonl", "SCS-2C-4-4000000000x10"],
        None,
    );
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "took {:?}",
        start.elapsed()
    );
    assert_eq!(code(&o), 0);
    let line = stdout(&o);
    assert!(line.contains("\"scs:disk1023-type\":\"network\",\"scs:name-v1\":\"SCS-2C:4:4000000000x10\",\"scs:name-v2\":\"SCS-2C-4-4000000000x10\"}"));
    let v = &json_lines(&o)[0];
    assert_eq!(v["extra_specs_truncated"], true);
    let specs = v["extra_specs"].as_object().expect("extra_specs object");
    let disk_keys = specs
        .keys()
        .filter(|k| k.starts_with("scs:disk") && k.ends_with("-type"))
        .count();
    assert_eq!(disk_keys, 1024);
    assert!(specs.contains_key("scs:disk1023-type"));
    assert!(!specs.contains_key("scs:disk1024-type"));
    assert_eq!(specs["disk"], 10);
    assert_eq!(specs.len(), 4 + 1024 + 2);
}

#[test]
fn json_is_one_array_with_descriptions() {
    let o = run(
        &[
            "flavor-name",
            "--format",
            "json",
            "--describe",
            "SCS-2V-4",
            "SCS-2iT-4",
        ],
        None,
    );
    assert_eq!(code(&o), 1);
    let v: Value = serde_json::from_str(stdout(&o)).expect("one JSON document");
    let items = v.as_array().expect("an array");
    assert_eq!(items.len(), 2);
    assert_eq!(
        items[0]["description"],
        "2 vCPUs (generic x86-64), 4 GiB RAM, no root disk (boot from volume)"
    );
    assert_eq!(items[1]["description"], Value::Null);
    assert_eq!(items[1]["verdict"], "invalid");
}

#[test]
fn usage_errors_exit_2() {
    let o = run(&["flavor-name", "--format", "xml", "SCS-2V-4"], None);
    assert_eq!(code(&o), 2);
    assert_eq!(stdout(&o), "");
    assert!(
        stderr(&o).starts_with("error: invalid value 'xml' for '--format <FORMAT>'"),
        "{}",
        stderr(&o)
    );
    let o = run(&["flavors"], None);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("<FILE>"), "{}", stderr(&o));
    let o = run(&["no-such-command"], None);
    assert_eq!(code(&o), 2);
}

// ---- flavors ----

#[test]
fn compliant_example_cloud_passes() {
    let o = run(&["flavors", FLAVORS], None);
    assert_eq!(
        stdout(&o),
        "scs-0100-syntax-check: PASS\nscs-0100-semantics-check: PASS\n"
    );
    assert_eq!(stderr(&o), "", "no finding at all");
    assert_eq!(code(&o), 0);
    let o = run(&["flavors", "--official", FLAVORS], None);
    assert_eq!(
        stdout(&o),
        "scs-0100-syntax-check: PASS\nscs-0100-semantics-check: PASS\n"
    );
    assert_eq!(code(&o), 0);
}

#[test]
fn defects_example_fails_with_findings() {
    let o = run(&["flavors", DEFECTS], None);
    assert_eq!(
        stdout(&o),
        "scs-0100-syntax-check: FAIL\nscs-0100-semantics-check: FAIL\n"
    );
    assert_eq!(
        stderr(&o),
        format!(
            "ERROR: scs-0100-syntax-check: SCS-2iT-4: {ERROR_2IT}\n\
             WARNING: scs-0100-syntax-check: SCS-2V:4:20s: v1 syntax is merely tolerated; \
             v3 spelling: `SCS-2V-4-20s`\n\
             ERROR: scs-0100-semantics-check: SCS-4V-16: RAM overpromise: the name promises \
             16 GiB (16384 MiB), the flavor has 15360 MiB\n\
             WARNING: scs-0100-semantics-check: SCS-2V-4-: the official suite crashes on this \
             flavor (its name's disk part has no size to compare), so it reports this testcase \
             as ABORT; the standard text is met: no size is promised\n\
             WARNING: scs-0100-semantics-check: SCS-4C-8: the name promises CPU type `C` \
             (dedicated-core), but extra spec `scs:cpu-type` says `shared-core`\n"
        )
    );
    assert_eq!(code(&o), 1);
}

#[test]
fn official_outcomes_of_the_defects_example() {
    let o = run(&["flavors", "--official", DEFECTS], None);
    assert_eq!(
        stdout(&o),
        "scs-0100-syntax-check: FAIL\nscs-0100-semantics-check: ABORT\n"
    );
    assert!(stderr(&o).contains("RAM overpromise"));
    assert_eq!(code(&o), 1);
}

#[test]
fn official_abort_alone_fails_only_with_official() {
    // A disk part without size: PASS per the text, ABORT in the official suite.
    let list = br#"[{"name": "SCS-2V-4-", "vcpus": 2, "ram": 4096, "disk": 20}]"#;
    let o = run(&["flavors", "-"], Some(list));
    assert_eq!(
        stdout(&o),
        "scs-0100-syntax-check: PASS\nscs-0100-semantics-check: PASS\n"
    );
    assert_eq!(code(&o), 0);
    let o = run(&["flavors", "--official", "-"], Some(list));
    assert_eq!(
        stdout(&o),
        "scs-0100-syntax-check: PASS\nscs-0100-semantics-check: ABORT\n"
    );
    assert_eq!(code(&o), 1);
}

#[test]
fn json_report() {
    let o = run(&["flavors", "--format", "json", DEFECTS], None);
    assert_eq!(code(&o), 1);
    assert_eq!(stderr(&o), "");
    let v: Value = serde_json::from_str(stdout(&o)).expect("the report is JSON");
    let results = v["results"].as_array().expect("results");
    assert_eq!(results.len(), 2);
    assert_eq!(results[0]["id"], "scs-0100-syntax-check");
    assert_eq!(results[0]["outcome"], "FAIL");
    assert_eq!(results[0]["official"], "FAIL");
    assert_eq!(results[1]["id"], "scs-0100-semantics-check");
    assert_eq!(results[1]["outcome"], "FAIL");
    assert_eq!(results[1]["official"], "ABORT");
    assert_eq!(results[1]["findings"][0]["subject"], "SCS-4V-16");
    assert_eq!(results[1]["findings"][0]["severity"], "error");

    let o = run(&["flavors", "--format", "json", FLAVORS], None);
    assert_eq!(code(&o), 0);
    let v: Value = serde_json::from_str(stdout(&o)).expect("the report is JSON");
    assert_eq!(v["results"][0]["findings"], serde_json::json!([]));
    assert_eq!(v["results"][1]["outcome"], "PASS");
}

#[test]
fn missing_file_exits_2_naming_it() {
    let missing = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/data/no-such-file.json"
    );
    let o = run(&["flavors", missing], None);
    assert_eq!(code(&o), 2);
    assert_eq!(stdout(&o), "");
    let err = stderr(&o);
    assert!(
        err.starts_with(&format!("error: {missing}: cannot read: ")),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1);
}

#[test]
fn malformed_input_exits_2() {
    let o = run(&["flavors", "-"], Some(b"{\"flavors\": [\n"));
    assert_eq!(code(&o), 2);
    assert_eq!(stdout(&o), "");
    assert_eq!(
        stderr(&o),
        "error: <stdin>: invalid JSON: EOF while parsing a list at line 2 column 0\n"
    );
    let o = run(&["flavors", "-"], Some(br#"{"flavor": []}"#));
    assert_eq!(code(&o), 2);
    assert_eq!(
        stderr(&o),
        "error: <stdin>: not a flavor list: missing field `flavors` at line 1 column 14\n"
    );
    // Not a flavor list: a file of names.
    let o = run(&["flavors", NAMES], None);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).starts_with(&format!("error: {NAMES}: invalid JSON: ")),
        "{}",
        stderr(&o)
    );
}

#[test]
fn every_bad_entry_is_named_with_its_json_path() {
    let doc = br#"{"flavors": [
        {"name": "SCS-2V-4", "vcpus": 2, "ram": 4096, "disk": 0},
        {"name": "SCS-4V-8", "vcpus": "four", "ram": 8192, "disk": 0},
        {"name": "SCS-1V-2", "vcpus": 1, "ram": 2048},
        {"name": "SCS-1L-1", "vcpus": 1, "ram": 1024, "disk": 0}
    ]}"#;
    let o = run(&["flavors", "-"], Some(doc));
    assert_eq!(code(&o), 2);
    assert_eq!(stdout(&o), "");
    assert_eq!(
        stderr(&o),
        "error: <stdin>: not a flavor list: $.flavors[1] (`SCS-4V-8`): invalid type: string \"four\", expected u64\n\
         error: <stdin>: $.flavors[2] (`SCS-1V-2`): missing field `disk`\n"
    );
}

#[test]
fn every_subcommand_has_help() {
    for sub in ["flavor-name", "flavors", "iaas", "kaas"] {
        let o = run(&[sub, "--help"], None);
        assert_eq!(code(&o), 0, "{sub} --help: {}", stderr(&o));
        assert!(stdout(&o).contains("Usage: scs-check"), "{sub}");
    }
}
