//! `scs-0102-image-recency`: images referenced by name are replaced as often as their
//! `replace_frequency` promises.

use chrono::{DateTime, Utc};

use crate::hash::{map_with_capacity, FastHashMap};
use crate::input::{Image, Known};
use crate::report::{Severity, TestcaseResult};

use super::collect::{subject, Collector};
use super::date::{official_seconds, py_rstrip, timestamp_text, DateFormat};
use super::ids;
use super::props::{float_seconds, Dates};

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

#[derive(Clone, Copy, Debug)]
struct Eval {
    status: Status,
    since: Since,
    /// The official `is_outdated` raises on this image before reaching a status.
    crash: Option<&'static str>,
}

fn evaluate(image: &Image, dates: Dates, now: DateTime<Utc>, now_f: f64) -> Eval {
    let mut crash = None;
    let since = match dates.built {
        Some(b) => Since::Built(b),
        None => match dates.registered {
            Some(r) => r.map_or(Since::Unknown, Since::Registered),
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
    let frequency = image.known(Known::ReplaceFrequency).unwrap_or("never");
    let secs = match period(frequency) {
        None => return Status::UnknownFrequency,
        Some(0) => return Status::Fresh,
        Some(secs) => secs,
    };
    if now_f <= since.seconds() as f64 + 1.1 * secs as f64 {
        return Status::Fresh;
    }
    let Some(until) = image.known(Known::ProvidedUntil) else {
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
    let marked = last_space(name).is_some_and(|i| {
        let marker = &name[i + 1..];
        matches!(marker, "old" | "prev") || official_seconds(marker, &DateFormat::MARKER).is_some()
    });
    Status::Outdated {
        hidden: false,
        marked,
    }
}

/// Where the last ` ` of `name` is (`str::rfind(' ')`, reading bytes).
fn last_space(name: &str) -> Option<usize> {
    name.bytes().rposition(|b| b == b' ')
}

/// The name the official suite looks a replacement up under: the name without its last
/// space-separated word (and trailing whitespace); `None` when that changes nothing.
fn replacement_name(name: &str) -> Option<&str> {
    let short = py_rstrip(last_space(name).map_or(name, |i| &name[..i]));
    (short != name).then_some(short)
}

fn format_instant(seconds: f64) -> String {
    let whole = seconds.floor() as i64;
    DateTime::from_timestamp(whole, 0).map_or_else(
        || format!("{seconds} s after the epoch"),
        // What `%Y-%m-%dT%H:%M:%SZ` prints; for the years 0 to 9999 without interpreting it.
        |t| timestamp_text(whole).unwrap_or_else(|| t.format("%Y-%m-%dT%H:%M:%SZ").to_string()),
    )
}

fn describe(image: &Image, since: Since) -> String {
    let frequency = image.known(Known::ReplaceFrequency).unwrap_or("never");
    let secs = period(frequency).unwrap_or(0);
    let due = format_instant(since.seconds() as f64 + 1.1 * secs as f64);
    match since {
        Since::Built(_) => format!(
            "built `{}`, `replace_frequency` `{frequency}`, replacement due by {due}",
            image.known(Known::ImageBuildDate).unwrap_or("")
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

/// No name.
const NAMELESS: usize = usize::MAX;

/// What the images of one name share.
#[derive(Clone, Copy, Debug)]
struct NameInfo {
    /// The index of the last image of this name: the official lookup keeps the last.
    last: usize,
    /// How many images have it.
    count: usize,
    /// Whether a fresh image that is not hidden has it (the standard's reading of a hidden,
    /// renamed-in-place outdated image).
    fresh_visible: bool,
}

/// `scs-0102-image-recency`, gathered image by image ([`Recency::visit`]), then judged
/// ([`Recency::finish`]).
pub(super) struct Recency<'a> {
    now: DateTime<Utc>,
    now_f: f64,
    /// Each name, numbered in order of appearance.
    numbers: FastHashMap<&'a str, usize>,
    /// By name number.
    names: Vec<NameInfo>,
    /// The name number of each image ([`NAMELESS`] for none).
    name_of: Vec<usize>,
    evals: Vec<Eval>,
    nameless: usize,
}

impl<'a> Recency<'a> {
    /// Ready for `capacity` images, judged at `now`.
    pub(super) fn new(capacity: usize, now: DateTime<Utc>) -> Self {
        Recency {
            now,
            now_f: float_seconds(now),
            numbers: map_with_capacity(capacity),
            names: Vec::with_capacity(capacity),
            name_of: Vec::with_capacity(capacity),
            evals: Vec::with_capacity(capacity),
            nameless: 0,
        }
    }

    /// Takes the next image; `dates` are its [`Dates::of`].
    pub(super) fn visit(&mut self, image: &'a Image, dates: Dates) {
        let index = self.evals.len();
        let eval = evaluate(image, dates, self.now, self.now_f);
        let number = match image.name.as_deref() {
            Some(name) => {
                let next = self.names.len();
                let number = *self.numbers.entry(name).or_insert(next);
                if number == next {
                    self.names.push(NameInfo {
                        last: index,
                        count: 0,
                        fresh_visible: false,
                    });
                }
                let info = &mut self.names[number];
                info.last = index;
                info.count += 1;
                if !image.os_hidden && eval.status.is_fresh() {
                    info.fresh_visible = true;
                }
                number
            }
            None => {
                self.nameless += 1;
                NAMELESS
            }
        };
        self.name_of.push(number);
        self.evals.push(eval);
    }

    /// The result over the visited images, which are `images`.
    pub(super) fn finish(&self, images: &[&Image]) -> TestcaseResult {
        let mut c = Collector::new(ids::IMAGE_RECENCY);
        let mut reported = vec![false; self.names.len()];
        for (&image, &number) in images.iter().zip(&self.name_of) {
            let Some(info) = self.names.get(number) else {
                continue;
            };
            if info.count > 1 && !reported[number] {
                reported[number] = true; // report each name once
                c.push_about(
                    image.name.clone(),
                    Severity::Warning,
                    [
                        &info.count.to_string(),
                        " images share this name; a lookup by name finds the last one (id `",
                        &images[info.last].id,
                        "`)",
                    ]
                    .concat(),
                );
            }
        }
        if self.nameless > 1 {
            c.push_about(
                None,
                Severity::Warning,
                format!(
                    "the official suite crashes on {} images without a name (it joins \
                     duplicate names into one line), so it reports this testcase as ABORT",
                    self.nameless
                ),
            );
            c.official_abort();
        }

        for ((&image, eval), &number) in images.iter().zip(&self.evals).zip(&self.name_of) {
            if let Some(why) = eval.crash {
                c.official_crash(image, why);
            }
            let (hidden, marked) = match eval.status {
                Status::Fresh => continue,
                Status::UnknownFrequency => {
                    c.warning(
                        image,
                        format!(
                            "`replace_frequency` `{}` is not a keyword, so its recency cannot \
                             be judged",
                            image.known(Known::ReplaceFrequency).unwrap_or("")
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
                            image.known(Known::ProvidedUntil).unwrap_or("")
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
                    "outdated, but neither hidden nor renamed with a marker (` YYYYMMDD`, \
                     `old`, `prev`)",
                );
            }
            let lookup = image.name.as_deref().and_then(replacement_name);
            let official_replacement = lookup
                .and_then(|short| self.numbers.get(short))
                .map(|&n| self.names[n].last)
                .filter(|&i| self.evals[i].status.is_fresh());
            let same_name = hidden
                && self
                    .names
                    .get(number)
                    .is_some_and(|info| info.fresh_visible);
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
                            "the official suite reports this image as outdated without \
                             replacement: it looks for a fresh image named {}",
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
                    ["outdated; replaced by `", subject(images[i]), "`"].concat(),
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
    fn instants_print_as_strftime_does() {
        for seconds in [
            0.0f64,
            1_751_328_000.5,
            -62_135_596_800.0,
            -62_135_596_801.0,
            253_402_300_799.0,
            253_402_300_800.0,
            -1e300,
        ] {
            let expected = DateTime::from_timestamp(seconds.floor() as i64, 0).map_or_else(
                || format!("{seconds} s after the epoch"),
                |t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            );
            assert_eq!(format_instant(seconds), expected);
        }
        assert_eq!(format_instant(1_751_328_000.5), "2025-07-01T00:00:00Z");
    }

    #[test]
    fn periods_are_rounded_up() {
        assert_eq!(period("weekly"), Some(175 * HOUR));
        assert_eq!(period("never"), Some(0));
        assert_eq!(period("Monthly"), None);
    }
}
