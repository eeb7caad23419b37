//! `scs-0102-image-recency`: images referenced by name are replaced as often as their
//! `replace_frequency` promises.

use std::fmt::Write as _;

use chrono::{DateTime, Utc};

use crate::hash::{hash_text, TextTable};
use crate::input::{Image, Known};
use crate::report::{Severity, TestcaseResult};

use super::collect::{subject, Collector};
use super::date::{official_seconds, py_rstrip, timestamp_text, DateFormat};
use super::ids;
use super::props::{float_seconds, Dates};

const HOUR: i64 = 3600;
const DAY: i64 = 24 * HOUR;

/// A `replace_frequency` keyword as a `'static` text, with its replacement period in seconds
/// (rounded up as the official suite does: a week of 7 × 25 h, a day of 25 h; 0 for `never`
/// and `critical_bug`); `None` for any other text. An image is fresh until 1.1 periods after
/// its build.
fn frequency_keyword(frequency: &str) -> Option<(&'static str, i64)> {
    Some(match frequency {
        "never" => ("never", 0),
        "critical_bug" => ("critical_bug", 0),
        "yearly" => ("yearly", 365 * DAY),
        "quarterly" => ("quarterly", 92 * DAY),
        "monthly" => ("monthly", 31 * DAY),
        "weekly" => ("weekly", 7 * 25 * HOUR),
        "daily" => ("daily", 25 * HOUR),
        _ => return None,
    })
}

/// The replacement period of a `replace_frequency` ([`frequency_keyword`]).
fn period(frequency: &str) -> Option<i64> {
    frequency_keyword(frequency).map(|(_, secs)| secs)
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

/// Why the official `is_outdated` raises on an image before reaching a status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Crash {
    Undated,
    UntilMissing,
    Nameless,
}

impl Crash {
    fn why(self) -> &'static str {
        match self {
            Crash::Undated => "it has neither a valid `image_build_date` nor `created_at`",
            Crash::UntilMissing => "it is outdated and has no `provided_until`",
            Crash::Nameless => "it is outdated and has no name",
        }
    }
}

/// Where the age of an image with `dates` counts from, and whether the official suite crashes
/// on finding neither date.
fn since(dates: Dates) -> (Since, Option<Crash>) {
    match dates.built {
        Some(b) => (Since::Built(b), None),
        None => match dates.registered {
            Some(r) => (r.map_or(Since::Unknown, Since::Registered), None),
            None => (Since::Unknown, Some(Crash::Undated)),
        },
    }
}

fn status(
    image: &Image,
    since: Since,
    now: DateTime<Utc>,
    now_f: f64,
    crash: &mut Option<Crash>,
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
        crash.get_or_insert(Crash::UntilMissing);
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
            crash.get_or_insert(Crash::Nameless);
        }
        return Status::Outdated {
            hidden: true,
            marked: false,
        };
    }
    let Some(name) = image.name.as_deref() else {
        crash.get_or_insert(Crash::Nameless);
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

/// What [`describe`] says about an outdated image, kept for the images that may get a
/// finding. Texts that the name table or the status already tell are not copied.
#[derive(Clone, Debug)]
struct Detail {
    /// What findings call the image ([`subject`]) when that is not its name (which the name
    /// table holds): its id.
    subject: Option<Span>,
    /// Its `replace_frequency` (`never` when absent): a keyword, or the text when it is none.
    frequency: Frequency,
    /// The date its age counts from, as written (`image_build_date` or `created_at`).
    date: Span,
    /// Its `provided_until`, when that is not a date ([`Status::InvalidUntil`]): no other
    /// finding quotes it.
    until: Option<Span>,
    since: Since,
    /// Whether it has a name.
    named: bool,
}

/// A `replace_frequency` as [`Detail`] keeps it.
#[derive(Clone, Copy, Debug)]
enum Frequency {
    /// One of the keywords of [`frequency_keyword`].
    Keyword(&'static str),
    /// Any other text.
    Other(Span),
}

/// Where a text lies in [`Recency::texts`].
#[derive(Clone, Copy, Debug)]
struct Span {
    start: usize,
    end: usize,
}

fn describe(frequency: &str, date: &str, since: Since) -> String {
    let secs = period(frequency).unwrap_or(0);
    let due = format_instant(since.seconds() as f64 + 1.1 * secs as f64);
    match since {
        Since::Built(_) => {
            format!("built `{date}`, `replace_frequency` `{frequency}`, replacement due by {due}")
        }
        Since::Registered(_) => format!(
            "no valid `image_build_date`, registered `{date}`, `replace_frequency` \
             `{frequency}`, replacement due by {due}"
        ),
        Since::Unknown => format!(
            "of unknown age (no valid `image_build_date` or `created_at`, counted from 1970), \
             `replace_frequency` `{frequency}`"
        ),
    }
}

/// No name.
const NAMELESS: u32 = u32::MAX;

/// No [`Detail`].
const NO_DETAIL: u32 = u32::MAX;

/// What the images of one name share. A name is also entered, with a `count` of 0, when an
/// outdated image looks a replacement up under it and no image has had it so far.
#[derive(Clone, Copy, Debug)]
struct NameInfo {
    /// How many images have it.
    count: u32,
    /// The record of the first image of this name (which the duplicate warning names).
    first: u32,
    /// The id of the last image of this name, in [`Recency::ids`] (the official lookup keeps
    /// the last); kept only once a second image has the name, or for the empty name: the
    /// findings quote no other.
    last_id: Span,
    /// Whether the last image of this name is fresh.
    last_fresh: bool,
    /// Whether a fresh image that is not hidden has it (the standard's reading of a hidden,
    /// renamed-in-place outdated image).
    fresh_visible: bool,
}

impl NameInfo {
    /// No image has this name (yet).
    const NONE: NameInfo = NameInfo {
        count: 0,
        first: 0,
        last_id: Span { start: 0, end: 0 },
        last_fresh: false,
        fresh_visible: false,
    };
}

/// What [`Recency::finish`] needs of one image, kept small: 100 000 of them are written
/// during the pass and read once after it.
#[derive(Clone, Copy, Debug)]
struct Record {
    /// The name's number in [`Recency::names`] ([`NAMELESS`] for none).
    name: u32,
    /// For an outdated image, the number of the name its replacement is looked up under
    /// ([`replacement_name`]); else, or when it has none, [`NAMELESS`].
    lookup: u32,
    /// The number of its [`Detail`] in [`Recency::details`] when it may get a finding (it is not
    /// fresh, or the official suite crashes on it), else [`NO_DETAIL`].
    detail: u32,
    status: Status,
    /// The official `is_outdated` raises on this image before reaching a status.
    crash: Option<Crash>,
}

/// `scs-0102-image-recency`, gathered image by image ([`Recency::visit`]), then judged
/// ([`Recency::finish`]).
///
/// It keeps what the judgement needs of each image (its own copies of names and ids, and for
/// the images that may get a finding, the texts the finding quotes), not the images: those
/// may be gone by the time it judges.
pub(super) struct Recency {
    now: DateTime<Utc>,
    now_f: f64,
    /// Each name, numbered in order of appearance.
    names: TextTable<NameInfo>,
    /// The ids of [`NameInfo::last_id`] (UTF-8: each is copied from a `str` whole).
    ids: Vec<u8>,
    /// One per visited image, in order.
    records: Vec<Record>,
    details: Vec<Detail>,
    /// The texts of [`Recency::details`].
    texts: String,
    /// For the block being visited: the hashes of each image's name and replacement name
    /// (0 for none), and whether it has a replacement name.
    pending: Vec<(u64, u64, bool)>,
    nameless: usize,
}

impl Recency {
    /// Ready for `capacity` images, judged at `now`.
    pub(super) fn new(capacity: usize, now: DateTime<Utc>) -> Self {
        Recency {
            now,
            now_f: float_seconds(now),
            names: TextTable::with_capacity(capacity),
            // An id (a UUID) for each name.
            ids: Vec::with_capacity(36 * capacity),
            records: Vec::with_capacity(capacity),
            details: Vec::new(),
            texts: String::new(),
            pending: Vec::new(),
            nameless: 0,
        }
    }

    /// Keeps a copy of `text`.
    fn keep(&mut self, text: &str) -> Span {
        let start = self.texts.len();
        self.texts.push_str(text);
        Span {
            start,
            end: self.texts.len(),
        }
    }

    /// The kept text of `span`.
    fn text(&self, span: Span) -> &str {
        &self.texts[span.start..span.end]
    }

    /// What a finding about `image`, whose age counts from `since` and whose status is
    /// `status`, needs.
    fn detail(&mut self, image: &Image, since: Since, status: Status) -> u32 {
        let subject = match image.name.as_deref() {
            Some(name) if !name.is_empty() => None,
            _ => Some(self.keep(subject(image))),
        };
        let frequency = image.known(Known::ReplaceFrequency).unwrap_or("never");
        let frequency = match frequency_keyword(frequency) {
            Some((k, _)) => Frequency::Keyword(k),
            None => Frequency::Other(self.keep(frequency)),
        };
        let date = match since {
            Since::Built(_) => image.known(Known::ImageBuildDate).unwrap_or(""),
            Since::Registered(_) => image.created_at.as_deref().unwrap_or(""),
            Since::Unknown => "",
        };
        let date = self.keep(date);
        let until = (status == Status::InvalidUntil)
            .then(|| self.keep(image.known(Known::ProvidedUntil).unwrap_or("")));
        let number = self.details.len() as u32;
        self.details.push(Detail {
            subject,
            frequency,
            date,
            until,
            since,
            named: image.name.is_some(),
        });
        number
    }

    /// What findings call the image of `r`, whose detail is `d`.
    fn subject(&self, r: &Record, d: &Detail) -> &str {
        match d.subject {
            Some(span) => self.text(span),
            // A non-empty name, in the table.
            None => self.name(r.name).map_or("", |(name, _)| name),
        }
    }

    /// The `replace_frequency` of the image whose detail is `d`.
    fn frequency(&self, d: &Detail) -> &str {
        match d.frequency {
            Frequency::Keyword(k) => k,
            Frequency::Other(span) => self.text(span),
        }
    }

    /// Takes the next images; `dates` are their [`Dates::of`].
    pub(super) fn visit(&mut self, images: &[&Image], dates: &[Dates]) {
        let start = self.records.len();
        self.pending.clear();
        for (&image, &dates) in images.iter().zip(dates) {
            let (since, mut crash) = since(dates);
            let status = status(image, since, self.now, self.now_f, &mut crash);
            let lookup = match status {
                Status::Outdated { .. } => image.name.as_deref().and_then(replacement_name),
                _ => None,
            };
            self.pending.push((
                image.name.as_deref().map_or(0, hash_text),
                lookup.map_or(0, hash_text),
                lookup.is_some(),
            ));
            let detail = if status != Status::Fresh || crash.is_some() {
                self.detail(image, since, status)
            } else {
                NO_DETAIL
            };
            self.records.push(Record {
                name: NAMELESS,
                lookup: NAMELESS,
                detail,
                status,
                crash,
            });
        }
        // Ask for the table slots of all the block's names at once, so that they arrive from
        // memory together; a short loop lets the processor have many requests under way.
        for &(name, lookup, _) in &self.pending {
            self.names.touch(name);
            self.names.touch(lookup);
        }
        for (k, &image) in images.iter().enumerate() {
            let (hash, lookup_hash, has_lookup) = self.pending[k];
            let i = start + k;
            let status = self.records[i].status;
            // Fewer than 2^32 images: each takes more than a byte.
            let record = i as u32;
            self.records[i].name = match image.name.as_deref() {
                Some(name) => {
                    let number = self.names.number_or_insert(name, hash, || NameInfo::NONE);
                    let info = *self.names.entry(number).1;
                    // The id of a name's only image is never quoted, unless the name is empty
                    // (findings call such an image by its id): it is read, from memory far
                    // from the image, only for the second image of a name and after.
                    let last_id = if info.count > 0 || name.is_empty() {
                        self.keep_id(info, &image.id)
                    } else {
                        info.last_id
                    };
                    let info = self.names.value_mut(number);
                    if info.count == 0 {
                        info.first = record;
                    }
                    info.count += 1;
                    info.last_id = last_id;
                    info.last_fresh = status.is_fresh();
                    if !image.os_hidden && status.is_fresh() {
                        info.fresh_visible = true;
                    }
                    number as u32
                }
                None => {
                    self.nameless += 1;
                    NAMELESS
                }
            };
            if has_lookup {
                if let Some(lookup) = image.name.as_deref().and_then(replacement_name) {
                    let number = self
                        .names
                        .number_or_insert(lookup, lookup_hash, || NameInfo::NONE);
                    self.records[i].lookup = number as u32;
                }
            }
        }
    }

    /// Keeps `id` as the last id of a name whose info so far is `info`: in the place of the
    /// one before when it has the same length (ids are mostly UUIDs), so that the ids take
    /// room by name, not by image.
    fn keep_id(&mut self, info: NameInfo, id: &str) -> Span {
        let old = info.last_id;
        if info.count > 0 && old.end - old.start == id.len() {
            self.ids[old.start..old.end].copy_from_slice(id.as_bytes());
            return old;
        }
        let start = self.ids.len();
        self.ids.extend_from_slice(id.as_bytes());
        Span {
            start,
            end: self.ids.len(),
        }
    }

    /// The name `number` with its info; `None` for [`NAMELESS`].
    fn name(&self, number: u32) -> Option<(&str, &NameInfo)> {
        (number != NAMELESS).then(|| self.names.entry(number as usize))
    }

    fn last_id(&self, info: &NameInfo) -> &str {
        // Always UTF-8: a whole `str` was copied there.
        std::str::from_utf8(&self.ids[info.last_id.start..info.last_id.end]).unwrap_or("")
    }

    /// The result over the visited images.
    pub(super) fn finish(&self) -> TestcaseResult {
        let mut c = Collector::new(ids::IMAGE_RECENCY);
        // The names of several images, each reported once, in the order of their first images:
        // found in the name table, which is far smaller than the records.
        let mut shared: Vec<(u32, usize)> = (0..self.names.len())
            .filter_map(|number| {
                let info = self.names.entry(number).1;
                (info.count > 1).then_some((info.first, number))
            })
            .collect();
        shared.sort_unstable();
        // One finding per shared name and about one per image with a detail; the images the
        // official suite crashes on get a second.
        c.reserve(shared.len() + self.details.len() + 1);
        for (_, number) in shared {
            let (name, info) = self.names.entry(number);
            let last_id = self.last_id(info);
            let mut message = String::with_capacity(80 + last_id.len());
            // Writing into a `String` cannot fail.
            let _ = write!(message, "{}", info.count);
            message.push_str(" images share this name; a lookup by name finds the last one (id `");
            message.push_str(last_id);
            message.push_str("`)");
            c.push_about(Some(name.to_owned()), Severity::Warning, message);
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
        for r in &self.records {
            if let Some(d) = self.details.get(r.detail as usize) {
                self.judge(&mut c, r, d);
            }
        }
        c.finish()
    }

    /// The findings about the image of `r`, whose detail is `d`.
    fn judge(&self, c: &mut Collector, r: &Record, d: &Detail) {
        let subject = self.subject(r, d);
        if let Some(crash) = r.crash {
            c.official_crash_on(subject, crash.why());
        }
        let describe = || describe(self.frequency(d), self.text(d.date), d.since);
        let (hidden, marked) = match r.status {
            Status::Fresh => return,
            Status::UnknownFrequency => {
                c.push_on(
                    subject,
                    Severity::Warning,
                    format!(
                        "`replace_frequency` `{}` is not a keyword, so its recency cannot \
                         be judged",
                        self.frequency(d)
                    ),
                );
                return;
            }
            Status::MissingUntil => {
                c.push_on(
                    subject,
                    Severity::Error,
                    format!("outdated ({}), and `provided_until` is not set", describe()),
                );
                return;
            }
            Status::InvalidUntil => {
                c.push_on(
                    subject,
                    Severity::Error,
                    format!(
                        "outdated ({}), and `provided_until` `{}` is not a date",
                        describe(),
                        d.until.map_or("", |span| self.text(span))
                    ),
                );
                c.official_error();
                return;
            }
            Status::Outdated { hidden, marked } => (hidden, marked),
        };
        if !hidden && !marked {
            c.push_on(
                subject,
                Severity::Warning,
                "outdated, but neither hidden nor renamed with a marker (` YYYYMMDD`, \
                 `old`, `prev`)",
            );
        }
        // The name looked up: the image's name minus its last word.
        let lookup = self.name(r.lookup).map(|(name, _)| name);
        // The official lookup finds the last image of that name, which must be fresh.
        let official_replacement = self
            .name(r.lookup)
            .filter(|(_, info)| info.count > 0 && info.last_fresh);
        let same_name = hidden
            && self
                .name(r.name)
                .is_some_and(|(_, info)| info.fresh_visible);
        if same_name {
            c.push_on(
                subject,
                Severity::Info,
                "outdated and hidden; a fresh visible image of the same name replaces it",
            );
            if official_replacement.is_none() {
                c.official_error();
                c.push_on(
                    subject,
                    Severity::Warning,
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
            return;
        }
        match official_replacement {
            // What findings call the replacement: its name, or its id when the name is empty.
            Some((name, info)) => {
                let replacement = if name.is_empty() {
                    self.last_id(info)
                } else {
                    name
                };
                c.push_on(
                    subject,
                    Severity::Info,
                    ["outdated; replaced by `", replacement, "`"].concat(),
                );
            }
            None => {
                let missing = match lookup {
                    Some(short) => format!("no fresh image named `{short}`"),
                    None if d.named => {
                        "its name has no last word to drop to find a replacement".to_owned()
                    }
                    None => "it has no name to find a replacement by".to_owned(),
                };
                c.push_on(
                    subject,
                    Severity::Error,
                    format!("outdated without replacement ({}); {missing}", describe()),
                );
                c.official_error();
            }
        }
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
