//! `scs-0102-image-recency`: images referenced by name are replaced as often as their
//! `replace_frequency` promises.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};

use crate::input::Image;
use crate::report::{Severity, TestcaseResult};

use super::collect::{subject, Collector};
use super::date::{official_seconds, py_rstrip, DateFormat};
use super::ids;
use super::props::float_seconds;

const HOUR: i64 = 3600;
const DAY: i64 = 24 * HOUR;

/// The replacement period of a `replace_frequency` in seconds (rounded up as the official suite
/// does: a week of 7 × 25 h, a day of 25 h); `Some(0)` for `never` and `critical_bug`, `None`
/// for an unknown keyword. An image is fresh until 1.1 periods after its build.
fn period(frequency: &str) -> Option<i64> {
    Some(match frequency {
        "never" | "critical_bug" => 0,
        "yearly" => 365 * DAY,
        "quarterly" => 92 * DAY,
        "monthly" => 31 * DAY,
        "weekly" => 7 * 25 * HOUR,
        "daily" => 25 * HOUR,
        _ => return None,
    })
}

/// Where an image's age is counted from.
#[derive(Clone, Copy, Debug)]
enum Since {
    /// A valid `image_build_date`.
    Built(i64),
    /// No valid build date: the registration time `created_at`.
    Registered(i64),
    /// Neither: the epoch, as the official suite counts it.
    Unknown,
}

impl Since {
    fn seconds(self) -> i64 {
        match self {
            Since::Built(s) | Since::Registered(s) => s,
            Since::Unknown => 0,
        }
    }
}

/// The official suite's `is_outdated`, one image.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Status {
    /// Not outdated (also: past `provided_until`, `none`/`notice`, no regular replacement).
    Fresh,
    /// Not judged: the `replace_frequency` is not a keyword (the official suite warns).
    UnknownFrequency,
    /// Outdated, and `provided_until` is missing (the official suite crashes).
    MissingUntil,
    /// Outdated, and `provided_until` is not a date.
    InvalidUntil,
    /// Outdated: hidden, renamed with a marker, or neither.
    Outdated { hidden: bool, marked: bool },
}

impl Status {
    /// `is_outdated` returns 0.
    fn is_fresh(self) -> bool {
        matches!(self, Status::Fresh | Status::UnknownFrequency)
    }
}

struct Eval {
    status: Status,
    since: Since,
    /// The official `is_outdated` raises on this image before reaching a status.
    crash: Option<&'static str>,
}

fn evaluate(image: &Image, now: DateTime<Utc>, now_f: f64) -> Eval {
    let mut crash = None;
    let since = match official_seconds(
        image.property("image_build_date").unwrap_or(""),
        &DateFormat::IMAGE_DATE,
    ) {
        Some(b) => Since::Built(b),
        None => match image.created_at.as_deref() {
            Some(c) => official_seconds(c, &[DateFormat::Timestamp])
                .map_or(Since::Unknown, Since::Registered),
            None => {
                crash = Some("it has neither a valid `image_build_date` nor `created_at`");
                Since::Unknown
            }
        },
    };
    let status = status(image, since, now, now_f, &mut crash);
    Eval {
        status,
        since,
        crash,
    }
}

fn status(
    image: &Image,
    since: Since,
    now: DateTime<Utc>,
    now_f: f64,
    crash: &mut Option<&'static str>,
) -> Status {
    let frequency = image.property("replace_frequency").unwrap_or("never");
    let secs = match period(frequency) {
        None => return Status::UnknownFrequency,
        Some(0) => return Status::Fresh,
        Some(secs) => secs,
    };
    if now_f <= since.seconds() as f64 + 1.1 * secs as f64 {
        return Status::Fresh;
    }
    let Some(until) = image.property("provided_until") else {
        crash.get_or_insert("it is outdated and has no `provided_until`");
        return Status::MissingUntil;
    };
    if matches!(until, "none" | "notice") {
        return Status::Fresh;
    }
    let Some(until) = official_seconds(until, &DateFormat::IMAGE_DATE) else {
        return Status::InvalidUntil;
    };
    // Support ends strictly after the instant 00:00:00 of that date.
    if now.timestamp() > until || (now.timestamp() == until && now.timestamp_subsec_nanos() > 0) {
        return Status::Fresh;
    }
    if image.os_hidden {
        if image.name.is_none() {
            // The replacement lookup splits the name.
            crash.get_or_insert("it is outdated and has no name");
        }
        return Status::Outdated {
            hidden: true,
            marked: false,
        };
    }
    let Some(name) = image.name.as_deref() else {
        crash.get_or_insert("it is outdated and has no name");
        return Status::Outdated {
            hidden: false,
            marked: false,
        };
    };
    let marked = name.rfind(' ').is_some_and(|i| {
        let marker = &name[i + 1..];
        matches!(marker, "old" | "prev") || official_seconds(marker, &DateFormat::MARKER).is_some()
    });
    Status::Outdated {
        hidden: false,
        marked,
    }
}

/// The name the official suite looks a replacement up under: the name without its last
/// space-separated word (and trailing whitespace); `None` when that changes nothing.
fn replacement_name(name: &str) -> Option<&str> {
    let short = py_rstrip(name.rfind(' ').map_or(name, |i| &name[..i]));
    (short != name).then_some(short)
}

fn format_instant(seconds: f64) -> String {
    DateTime::from_timestamp(seconds.floor() as i64, 0).map_or_else(
        || format!("{seconds} s after the epoch"),
        |t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
    )
}

fn describe(image: &Image, since: Since) -> String {
    let frequency = image.property("replace_frequency").unwrap_or("never");
    let secs = period(frequency).unwrap_or(0);
    let due = format_instant(since.seconds() as f64 + 1.1 * secs as f64);
    match since {
        Since::Built(_) => format!(
            "built `{}`, `replace_frequency` `{frequency}`, replacement due by {due}",
            image.property("image_build_date").unwrap_or("")
        ),
        Since::Registered(_) => format!(
            "no valid `image_build_date`, registered `{}`, `replace_frequency` `{frequency}`, \
             replacement due by {due}",
            image.created_at.as_deref().unwrap_or("")
        ),
        Since::Unknown => format!(
            "of unknown age (no valid `image_build_date` or `created_at`, counted from 1970), \
             `replace_frequency` `{frequency}`"
        ),
    }
}

pub(super) fn image_recency(images: &[&Image], now: DateTime<Utc>) -> TestcaseResult {
    let mut c = Collector::new(ids::IMAGE_RECENCY);
    let now_f = float_seconds(now);

    // Name → (index of the last image with it, count): the official lookup keeps the last.
    let mut by_name: HashMap<&str, (usize, usize)> = HashMap::with_capacity(images.len());
    let mut nameless = 0usize;
    for (i, image) in images.iter().enumerate() {
        match image.name.as_deref() {
            Some(name) => {
                let entry = by_name.entry(name).or_insert((i, 0));
                entry.0 = i;
                entry.1 += 1;
            }
            None => nameless += 1,
        }
    }
    for image in images {
        let Some(name) = image.name.as_deref() else {
            continue;
        };
        if let Some(entry) = by_name.get_mut(name) {
            if entry.1 > 1 {
                c.push_about(
                    Some(name.to_owned()),
                    Severity::Warning,
                    format!(
                        "{} images share this name; a lookup by name finds the last one (id `{}`)",
                        entry.1, images[entry.0].id
                    ),
                );
                entry.1 = 1; // report each name once
            }
        }
    }
    if nameless > 1 {
        c.push_about(
            None,
            Severity::Warning,
            format!(
                "the official suite crashes on {nameless} images without a name (it joins \
                 duplicate names into one line), so it reports this testcase as ABORT"
            ),
        );
        c.official_abort();
    }

    let evals: Vec<Eval> = images.iter().map(|i| evaluate(i, now, now_f)).collect();
    // Names served by a fresh image that is not hidden (the standard's reading of a hidden,
    // renamed-in-place outdated image).
    let fresh_visible: HashSet<&str> = images
        .iter()
        .zip(&evals)
        .filter(|(i, e)| !i.os_hidden && e.status.is_fresh())
        .filter_map(|(i, _)| i.name.as_deref())
        .collect();

    for (&image, eval) in images.iter().zip(&evals) {
        if let Some(why) = eval.crash {
            c.official_crash(image, why);
        }
        let (hidden, marked) = match eval.status {
            Status::Fresh => continue,
            Status::UnknownFrequency => {
                c.warning(
                    image,
                    format!(
                        "`replace_frequency` `{}` is not a keyword, so its recency cannot be \
                         judged",
                        image.property("replace_frequency").unwrap_or("")
                    ),
                );
                continue;
            }
            Status::MissingUntil => {
                c.error(
                    image,
                    format!(
                        "outdated ({}), and `provided_until` is not set",
                        describe(image, eval.since)
                    ),
                );
                continue;
            }
            Status::InvalidUntil => {
                c.error(
                    image,
                    format!(
                        "outdated ({}), and `provided_until` `{}` is not a date",
                        describe(image, eval.since),
                        image.property("provided_until").unwrap_or("")
                    ),
                );
                c.official_error();
                continue;
            }
            Status::Outdated { hidden, marked } => (hidden, marked),
        };
        if !hidden && !marked {
            c.warning(
                image,
                "outdated, but neither hidden nor renamed with a marker (` YYYYMMDD`, `old`, \
                 `prev`)",
            );
        }
        let lookup = image.name.as_deref().and_then(replacement_name);
        let official_replacement = lookup
            .and_then(|short| by_name.get(short))
            .map(|&(i, _)| i)
            .filter(|&i| evals[i].status.is_fresh());
        let same_name = hidden
            && image
                .name
                .as_deref()
                .is_some_and(|n| fresh_visible.contains(n));
        if same_name {
            c.info(
                image,
                "outdated and hidden; a fresh visible image of the same name replaces it",
            );
            if official_replacement.is_none() {
                c.official_error();
                c.warning(
                    image,
                    format!(
                        "the official suite reports this image as outdated without replacement: \
                         it looks for a fresh image named {}",
                        lookup.map_or_else(
                            || "like it minus its last word, and its name has none".to_owned(),
                            |s| format!("`{s}`")
                        )
                    ),
                );
            }
            continue;
        }
        match official_replacement {
            Some(i) => c.info(
                image,
                format!("outdated; replaced by `{}`", subject(images[i])),
            ),
            None => {
                let missing = match lookup {
                    Some(short) => format!("no fresh image named `{short}`"),
                    None if image.name.is_some() => {
                        "its name has no last word to drop to find a replacement".to_owned()
                    }
                    None => "it has no name to find a replacement by".to_owned(),
                };
                c.error(
                    image,
                    format!(
                        "outdated without replacement ({}); {missing}",
                        describe(image, eval.since)
                    ),
                );
                c.official_error();
            }
        }
    }
    c.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replacement_names() {
        assert_eq!(replacement_name("Ubuntu 24.04"), Some("Ubuntu"));
        assert_eq!(replacement_name("Ubuntu 24.04  old"), Some("Ubuntu 24.04"));
        assert_eq!(replacement_name("Ubuntu"), None);
        assert_eq!(replacement_name("Ubuntu "), Some("Ubuntu"));
        assert_eq!(replacement_name("Ubuntu\t"), Some("Ubuntu"));
    }

    #[test]
    fn periods_are_rounded_up() {
        assert_eq!(period("weekly"), Some(175 * HOUR));
        assert_eq!(period("never"), Some(0));
        assert_eq!(period("Monthly"), None);
    }
}
