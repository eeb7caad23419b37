//! Helpers shared by the CLI tests: run the binary, read its output.

#![allow(dead_code)] // each test file uses its own selection

use std::process::{Command, Output};

/// Runs `scs-check` with `args` and no standard input.
pub fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_scs-check"))
        .args(args)
        .output()
        .expect("run scs-check")
}

/// Standard output as text.
pub fn stdout(o: &Output) -> &str {
    std::str::from_utf8(&o.stdout).expect("stdout is UTF-8")
}

/// Standard error as text.
pub fn stderr(o: &Output) -> &str {
    std::str::from_utf8(&o.stderr).expect("stderr is UTF-8")
}

/// The exit code.
pub fn code(o: &Output) -> i32 {
    o.status.code().expect("exit code")
}

/// `id: OUTCOME` lines for `ids`, the outcome chosen per id.
pub fn lines<'a>(
    ids: impl IntoIterator<Item = &'a str>,
    outcome: impl Fn(&str) -> &'a str,
) -> String {
    ids.into_iter()
        .map(|id| format!("{id}: {}\n", outcome(id)))
        .collect()
}
