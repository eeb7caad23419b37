//! The properties the `scope_yaml` fuzz target checks, shared with the stable seed replay in
//! `tests/fuzz_seeds.rs` (both include this file with `#[path = …] mod …;`).
//!
//! The input is read as YAML (serde-saphyr, as `scs-check` reads scope files) into a
//! `scope::Node` and loaded as a scope. A scope that does not load must say why, one line per
//! problem; a scope that loads must be consistent (every target's ids sorted, unique and
//! declared), and its validity, selection and summary on a few dates must hold together.

use scs_validators::scope::{Node, Results, RunOptions, Scope};

/// The dates the loaded scope is looked at on (YYYY-MM-DD, read through serde so that the fuzz
/// crate needs no `chrono` of its own).
const DATES: [&str; 4] = ["1970-01-01", "2024-03-01", "2025-06-01", "2099-12-31"];

/// A date of [`DATES`]'s form as whatever type the caller needs (`NaiveDate`).
fn day<T: serde::de::DeserializeOwned>(text: &str) -> T {
    serde_json::from_value(serde_json::Value::String(text.to_owned()))
        .unwrap_or_else(|e| panic!("{text}: {e}"))
}

/// Runs every property on one input.
pub fn scope_yaml(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(document) = serde_saphyr::from_str::<Node>(text) else {
        return;
    };
    let scope = match Scope::load(&document) {
        Ok(scope) => scope,
        Err(error) => {
            assert!(!error.problems.is_empty(), "a load error without problems");
            for problem in &error.problems {
                let line = problem.to_string();
                assert!(
                    !line.contains('\n') && !line.contains('\r'),
                    "a problem that is not one line: {line:?}"
                );
            }
            return;
        }
    };
    for (at, testcase) in scope.testcases.iter().enumerate() {
        let found = scope
            .testcase(&testcase.id)
            .expect("a declared testcase is found");
        assert!(
            std::ptr::eq(found, &scope.testcases[at]),
            "duplicate testcase {}",
            testcase.id
        );
        assert!(
            testcase.script < scope.scripts.len(),
            "testcase of no script"
        );
    }
    for version in &scope.versions {
        assert!(scope.version(&version.name).is_some(), "version not found");
        for target in &version.targets {
            assert!(
                target.testcases.windows(2).all(|pair| pair[0] < pair[1]),
                "target {} of {} not sorted and unique",
                target.name,
                version.name
            );
            for id in &target.testcases {
                assert!(
                    scope.testcase(id).is_some(),
                    "undeclared testcase {id} loaded"
                );
            }
        }
    }
    for text in DATES {
        let date = day(text);
        let statuses = scope.validity_on(date);
        assert_eq!(statuses.len(), scope.versions.len());
        let in_force = scope.versions_in_force(date);
        assert_eq!(
            in_force.len(),
            statuses.iter().filter(|s| s.explicit).count()
        );
        let options = RunOptions {
            date,
            ..RunOptions::default()
        };
        match scope.select(&options) {
            Err(_) => assert!(
                in_force.is_empty(),
                "no selection although versions are in force"
            ),
            Ok(selection) => {
                assert_eq!(selection.versions.len(), in_force.len());
                for testcase in &selection.testcases {
                    assert!(
                        !scope.script_of(testcase).is_manual(),
                        "a manual check selected"
                    );
                }
                for (script, ids) in selection.script_runs(&scope) {
                    assert!(!script.is_manual());
                    assert!(
                        ids.windows(2).all(|pair| pair[0] < pair[1]),
                        "ids not sorted"
                    );
                }
                let summary = selection.summary(&scope, "subject", &Results::new(), true);
                let headers = summary
                    .lines()
                    .filter(|line| line.starts_with("subject "))
                    .count();
                assert!(
                    headers >= selection.versions.len(),
                    "a version without header"
                );
                assert!(!summary.contains("FAIL ("), "a failure without results");
            }
        }
    }
}
