//! Reading input files (or standard input) with errors that name the file.

use std::io::{self, Read};
use std::path::Path;

use scs_validators::input::{Image, ImageList, LeanImageList, LeanImageListReader};
use scs_validators::testcases::Run;
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
///
/// When the document is JSON but not of that shape and `T` is a list type, every bad entry is
/// reported with its JSON path (`$.images[3]`), not only the first one.
pub fn read_json<T: DeserializeOwned>(path: &Path, what: &str) -> Result<T, Failure> {
    parse_json(path, what, &read(path)?)
}

/// Reads `path` as an image list, keeping of each image what the checks read
/// ([`LeanImageList`]); the errors are those of [`read_json`] with [`ImageList`].
///
/// A file in the common shape ([`LeanImageList::read_common`]) is read a block at a time
/// ([`read_images_in_blocks`]). Any other document that is UTF-8 (as JSON must be) is read
/// whole, as text, by serde_json, spared checking the UTF-8 of each string again. Any other
/// document, and any document that is not an image list, goes the way of [`read_json`], for
/// its error messages.
pub fn read_images(path: &Path, what: &str) -> Result<Vec<Image>, Failure> {
    if path.as_os_str() != "-" {
        if let Some(images) = read_images_in_blocks(path, |_| {}) {
            return Ok(images);
        }
    }
    read_images_whole(path, what)
}

/// Feeds the image list of `path` to `run` ([`Run::feed_images`]) as [`read_images`] reads it:
/// a file in the common shape a block at a time, each block's images checked and forgotten
/// before the next block is read, so that the list is never in memory as a whole; any other
/// file whole, with the errors of [`read_images`].
pub fn feed_images(path: &Path, what: &str, run: &mut Run<'_>) -> Result<(), Failure> {
    if path.as_os_str() != "-" {
        let rest = read_images_in_blocks(path, |reader| {
            run.feed_images(reader.images());
            reader.forget_images();
        });
        if let Some(rest) = rest {
            run.feed_images(&rest);
            return Ok(());
        }
        // Not in the common shape after all: read it again, whole.
        run.restart_images();
    }
    let images = read_images_whole(path, what)?;
    run.feed_images(&images);
    // The process ends soon: the operating system takes the memory back at once.
    std::mem::forget(images);
    Ok(())
}

/// [`read_images`] for a file read whole.
fn read_images_whole(path: &Path, what: &str) -> Result<Vec<Image>, Failure> {
    let bytes = read(path)?;
    let lean = std::str::from_utf8(&bytes).ok().and_then(|text| {
        LeanImageList::read_common(text)
            .or_else(|| serde_json::from_str::<LeanImageList>(text).ok())
    });
    match lean {
        Some(LeanImageList(images)) => Ok(images),
        None => parse_json::<ImageList>(path, what, &bytes).map(|list| list.0),
    }
}

/// The bytes read at a time by [`read_images_in_blocks`]: small enough for the buffer to stay
/// in the processor's cache between reads. With 1 MiB blocks the kernel's copy into a buffer
/// that the reading in between has pushed out of the cache took about a sixth of a whole
/// `scs-check iaas` run over a large list; with 64 KiB, about a twenty-fifth.
const BLOCK: usize = 1 << 16;

/// The image list of a file in the common shape, read a block at a time
/// ([`LeanImageListReader`]), so that the file is never in memory as a whole, with `each`
/// called after each block (it may take the images read so far); the images `each` left in
/// the reader. `None` for any other file, and for one that cannot be read, which
/// [`read_images`] then reads whole.
fn read_images_in_blocks(
    path: &Path,
    mut each: impl FnMut(&mut LeanImageListReader),
) -> Option<Vec<Image>> {
    let mut file = std::fs::File::open(path).ok()?;
    let mut reader = LeanImageListReader::new();
    let mut block = vec![0; BLOCK];
    // The first bytes of a character that the last block ended in the middle of.
    let mut carry = 0;
    loop {
        let n = match file.read(&mut block[carry..]) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(_) => return None,
        };
        let filled = carry + n;
        let valid = match std::str::from_utf8(&block[..filled]) {
            Ok(_) => filled,
            // Only a character cut at the end of the block.
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            Err(_) => return None,
        };
        if !reader.feed(std::str::from_utf8(&block[..valid]).ok()?) {
            return None;
        }
        each(&mut reader);
        block.copy_within(valid..filled, 0);
        carry = filled - valid;
    }
    if carry > 0 {
        // The file ends in the middle of a character.
        return None;
    }
    reader.finish().map(|list| list.0)
}

/// Parses `bytes`, read from `path`, as JSON of type `T` (see [`read_json`]).
fn parse_json<T: DeserializeOwned>(path: &Path, what: &str, bytes: &[u8]) -> Result<T, Failure> {
    serde_json::from_slice(bytes).map_err(|e| Failure::Input {
        file: shown(path),
        problem: if e.is_data() {
            match bad_entries::<T>(bytes) {
                Some(entries) => format!("not {what}: {}", entries.join("\n")),
                None => format!("not {what}: {e}"),
            }
        } else {
            format!("invalid JSON: {e}")
        },
    })
}

/// How many bad entries are listed at most.
const MAX_LISTED: usize = 20;

/// For a list document (a bare array, or an object with one array member such as `images`),
/// the entries that do not read as `T`'s elements, each as `$.images[3]: <problem>`; `None`
/// when the problem is not in an entry.
fn bad_entries<T: DeserializeOwned>(bytes: &[u8]) -> Option<Vec<String>> {
    let doc: serde_json::Value = serde_json::from_slice(bytes).ok()?;
    let (base, list) = match &doc {
        serde_json::Value::Array(list) => ("$".to_owned(), list),
        serde_json::Value::Object(map) => map
            .iter()
            .find_map(|(k, v)| v.as_array().map(|list| (format!("$.{k}"), list)))?,
        _ => return None,
    };
    let mut bad = Vec::new();
    let mut count = 0usize;
    for (i, entry) in list.iter().enumerate() {
        // A one-element list reads as `T` exactly when the entry is good.
        let one = serde_json::Value::Array(vec![entry.clone()]);
        if let Err(e) = serde_json::from_value::<T>(one) {
            count += 1;
            if bad.len() < MAX_LISTED {
                let label = ["name", "Name", "id", "ID"]
                    .iter()
                    .find_map(|k| entry.get(*k).and_then(|v| v.as_str()))
                    .map(|n| format!(" (`{n}`)"))
                    .unwrap_or_default();
                bad.push(format!("{base}[{i}]{label}: {e}"));
            }
        }
    }
    if count > MAX_LISTED {
        bad.push(format!("… and {} more bad entries", count - MAX_LISTED));
    }
    (!bad.is_empty()).then_some(bad)
}

/// Reads `path` as YAML of type `T`; `what` names the expected shape.
pub fn read_yaml<T: DeserializeOwned>(path: &Path, what: &str) -> Result<T, Failure> {
    let bytes = read(path)?;
    let text = String::from_utf8_lossy(&bytes);
    serde_saphyr::from_str(&text).map_err(|e| Failure::Input {
        file: shown(path),
        problem: format!("not {what}: {}", one_line(&e.to_string())),
    })
}

/// The first line of a (possibly multi-line, snippet-rendering) error message.
pub fn one_line(message: &str) -> String {
    let first = message.lines().next().unwrap_or("").trim();
    first.strip_prefix("error: ").unwrap_or(first).to_owned()
}
