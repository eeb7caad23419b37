//! Reading input files (or standard input) with errors that name the file.

use std::io::{self, Read};
use std::path::Path;

use serde::de::DeserializeOwned;

use crate::Failure;

/// The file's name as messages show it (`<stdin>` for `-`).
pub fn shown(path: &Path) -> String {
    if path.as_os_str() == "-" {
        "<stdin>".to_owned()
    } else {
        path.display().to_string()
    }
}

/// The bytes of `path`, or of standard input for `-`.
pub fn read(path: &Path) -> Result<Vec<u8>, Failure> {
    let mut bytes = Vec::new();
    let result = if path.as_os_str() == "-" {
        io::stdin().lock().read_to_end(&mut bytes).map(drop)
    } else {
        std::fs::read(path).map(|b| bytes = b)
    };
    result.map_err(|e| Failure::Input {
        file: shown(path),
        problem: format!("cannot read: {e}"),
    })?;
    Ok(bytes)
}

/// Reads `path` as JSON of type `T`; `what` names the expected shape ("a flavor list").
pub fn read_json<T: DeserializeOwned>(path: &Path, what: &str) -> Result<T, Failure> {
    let bytes = read(path)?;
    serde_json::from_slice(&bytes).map_err(|e| Failure::Input {
        file: shown(path),
        problem: if e.is_data() {
            format!("not {what}: {e}")
        } else {
            format!("invalid JSON: {e}")
        },
    })
}
