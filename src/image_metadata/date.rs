//! The date grammar of scs-0102 as the official suite reads it, and the text helpers that mimic
//! Python's notion of digits and whitespace.
//!
//! The official suite parses dates with Python's `time.strptime`, which turns a format into a
//! regular expression: `%Y` is `\d\d\d\d`, `%m` is `1[0-2]|0[1-9]|[1-9]`, `%d` is
//! `3[0-1]|[1-2]\d|0[1-9]|[1-9]| [1-9]`, `%H` is `2[0-3]|[0-1]\d|\d`, `%M` is `[0-5]\d|\d`, `%S`
//! is `6[0-1]|[0-5]\d|\d`, whitespace in the format becomes `\s+`, letters match either case,
//! and `\d` and `\s` are the Unicode classes. The first match the backtracking engine finds
//! must then cover the whole input. [`matches`] does exactly that, by hand, without allocating.

use chrono::{DateTime, Utc};

/// A date format of scs-0102, as the official suite spells it for Python's `strptime`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DateFormat {
    /// `YYYY-MM-DDThh:mm:ssZ` (`%Y-%m-%dT%H:%M:%SZ`): Glance's `created_at`, the only format the
    /// official suite reads registration times in.
    Timestamp,
    /// `YYYY-MM-DD hh:mm:ss` (`%Y-%m-%d %H:%M:%S`).
    DateTimeSeconds,
    /// `YYYY-MM-DD hh:mm` (`%Y-%m-%d %H:%M`).
    DateTimeMinutes,
    /// `YYYY-MM-DD` (`%Y-%m-%d`).
    Date,
    /// `YYYYMMDD` (`%Y%m%d`): only for the date marker at the end of an outdated image's name.
    CompactDate,
}

impl DateFormat {
    /// The four formats of `image_build_date`, `provided_until` and `uuid_validity`, in the
    /// order the official suite tries them.
    pub const IMAGE_DATE: [DateFormat; 4] = [
        DateFormat::Timestamp,
        DateFormat::DateTimeSeconds,
        DateFormat::DateTimeMinutes,
        DateFormat::Date,
    ];

    /// The two formats of a date marker in an image name (`Ubuntu 24.04 20241001`).
    pub const MARKER: [DateFormat; 2] = [DateFormat::Date, DateFormat::CompactDate];

    /// The format in Python's `strptime` notation (`%Y-%m-%d`).
    pub fn strptime(self) -> &'static str {
        match self {
            DateFormat::Timestamp => "%Y-%m-%dT%H:%M:%SZ",
            DateFormat::DateTimeSeconds => "%Y-%m-%d %H:%M:%S",
            DateFormat::DateTimeMinutes => "%Y-%m-%d %H:%M",
            DateFormat::Date => "%Y-%m-%d",
            DateFormat::CompactDate => "%Y%m%d",
        }
    }

    fn tokens(self) -> &'static [Tok] {
        use Tok::*;
        match self {
            DateFormat::Timestamp => &[
                Year,
                Lit('-'),
                Month,
                Lit('-'),
                Day,
                Lit('T'),
                Hour,
                Lit(':'),
                Minute,
                Lit(':'),
                Second,
                Lit('Z'),
            ],
            DateFormat::DateTimeSeconds => &[
                Year,
                Lit('-'),
                Month,
                Lit('-'),
                Day,
                Space,
                Hour,
                Lit(':'),
                Minute,
                Lit(':'),
                Second,
            ],
            DateFormat::DateTimeMinutes => &[
                Year,
                Lit('-'),
                Month,
                Lit('-'),
                Day,
                Space,
                Hour,
                Lit(':'),
                Minute,
            ],
            DateFormat::Date => &[Year, Lit('-'), Month, Lit('-'), Day],
            DateFormat::CompactDate => &[Year, Month, Day],
        }
    }
}

/// Parses `text` in one format, leniently as Python's `strptime` does: month, day, hour, minute
/// and second may be unpadded (`2024-1-5 9:3`), a day may be written with a leading space
/// (`2024-01- 5`), `T` and `Z` match either case, one space in the format matches any run of
/// whitespace, seconds `60` and `61` roll over into the next minute, and `\d` positions accept
/// any Unicode decimal digit. Leading or trailing whitespace, fractional seconds, offsets,
/// impossible dates (`2024-02-30`), hour `24` and year `0000` are rejected.
///
/// Unlike the official suite, which uses the Unix time 0 as its "invalid" value,
/// `1970-01-01` parses here to the epoch; the checks of this module apply the official
/// convention on top.
///
/// ```
/// use scs_validators::image_metadata::{parse_date_as, DateFormat};
/// let t = parse_date_as("2024-1-5", DateFormat::Date).unwrap();
/// assert_eq!(t.to_rfc3339(), "2024-01-05T00:00:00+00:00");
/// assert!(parse_date_as("20241005", DateFormat::Date).is_none());
/// assert!(parse_date_as("20241005", DateFormat::CompactDate).is_some());
/// ```
pub fn parse_date_as(text: &str, format: DateFormat) -> Option<DateTime<Utc>> {
    seconds(text, format).and_then(|s| DateTime::from_timestamp(s, 0))
}

/// Parses an `image_build_date`, `provided_until` or `uuid_validity` date: the formats
/// `YYYY-MM-DDThh:mm:ssZ`, `YYYY-MM-DD hh:mm:ss`, `YYYY-MM-DD hh:mm` and `YYYY-MM-DD` tried in
/// this order, each read as [`parse_date_as`] describes; all times are UTC.
///
/// ```
/// use scs_validators::image_metadata::parse_image_date;
/// let t = parse_image_date("2024-05-01 10:00").unwrap();
/// assert_eq!(t.to_rfc3339(), "2024-05-01T10:00:00+00:00");
/// assert!(parse_image_date("2024-05-01T10:00:00Z").is_some());
/// assert!(parse_image_date(" 2024-05-01").is_none());
/// assert!(parse_image_date("2024-05-01T10:00:00+00:00").is_none());
/// ```
pub fn parse_image_date(text: &str) -> Option<DateTime<Utc>> {
    first_seconds(text, &DateFormat::IMAGE_DATE).and_then(|s| DateTime::from_timestamp(s, 0))
}

/// The Unix seconds of the first of `formats` that `text` parses in.
#[inline]
pub(crate) fn first_seconds(text: &str, formats: &[DateFormat]) -> Option<i64> {
    match strict(text) {
        Some((format, seconds)) if formats.contains(&format) => seconds,
        _ => formats.iter().find_map(|&f| seconds(text, f)),
    }
}

/// The official suite's reading: the Unix seconds of the first format that parses, `None` when
/// none does or when the result is 0 (its "invalid" value, so `1970-01-01` is no date).
#[inline]
pub(crate) fn official_seconds(text: &str, formats: &[DateFormat]) -> Option<i64> {
    first_seconds(text, formats).filter(|&s| s != 0)
}

/// The Unix seconds of `text` in `format`, `None` when it does not parse.
pub(crate) fn seconds(text: &str, format: DateFormat) -> Option<i64> {
    match strict(text) {
        Some((f, seconds)) if f == format => seconds,
        _ => from_fields(matches(text, format.tokens())?),
    }
}

/// The fast path for the common spellings: `YYYY-MM-DD`, `YYYY-MM-DD hh:mm`,
/// `YYYY-MM-DD hh:mm:ss`, `YYYY-MM-DDThh:mm:ssZ` and `YYYYMMDD`, every field two (the year four) ASCII
/// digits within the range its directive matches in two digits (month `01`-`12`, day
/// `01`-`31`, hour `00`-`23`, minute `00`-`59`, second `00`-`61`), one ASCII space, upper-case
/// `T` and `Z`. Such a text is read by its own format exactly as [`matches`] reads it (each
/// directive's first alternative that matches takes both digits, and the rest then matches),
/// and no other format of this module reads it: the result is that format and the Unix
/// seconds, `None` when the calendar has no such day (`2023-02-29`, year `0000`). `None` for
/// any other text, which takes the general path; a test compares the two.
#[inline]
fn strict(text: &str) -> Option<(DateFormat, Option<i64>)> {
    let b = text.as_bytes();
    let (format, month_at) = match b.len() {
        8 => (DateFormat::CompactDate, 4),
        10 => (DateFormat::Date, 5),
        16 if b[10] == b' ' && b[13] == b':' => (DateFormat::DateTimeMinutes, 5),
        19 if b[10] == b' ' && b[13] == b':' && b[16] == b':' => (DateFormat::DateTimeSeconds, 5),
        20 if b[10] == b'T' && b[13] == b':' && b[16] == b':' && b[19] == b'Z' => {
            (DateFormat::Timestamp, 5)
        }
        _ => return None,
    };
    if month_at == 5 && (b[4] != b'-' || b[7] != b'-') {
        return None;
    }
    // Each field's digits, checked together: a byte below `0` wraps to a large value.
    let digit = |i: usize| b[i].wrapping_sub(b'0');
    let pair = |i: usize| (digit(i), digit(i + 1));
    let (y0, y1, y2, y3) = (digit(0), digit(1), digit(2), digit(3));
    let (m0, m1) = pair(month_at);
    let (d0, d1) = pair(month_at + 3 - usize::from(month_at == 4));
    let (h, mi, s) = match format {
        DateFormat::CompactDate | DateFormat::Date => ((0, 0), (0, 0), (0, 0)),
        DateFormat::DateTimeMinutes => (pair(11), pair(14), (0, 0)),
        _ => (pair(11), pair(14), pair(17)),
    };
    let digits = [
        y0, y1, y2, y3, m0, m1, d0, d1, h.0, h.1, mi.0, mi.1, s.0, s.1,
    ];
    if digits.iter().any(|&d| d > 9) {
        return None;
    }
    let value = |(high, low): (u8, u8)| u32::from(high) * 10 + u32::from(low);
    let year = value((y0, y1)) * 100 + value((y2, y3));
    let (month, day) = (value((m0, m1)), value((d0, d1)));
    let (hour, minute, second) = (value(h), value(mi), value(s));
    if !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 61
    {
        return None;
    }
    Some((format, instant([year, month, day, hour, minute, second])))
}

/// The Unix seconds of the six fields that a format matched (year, month, day, hour, minute,
/// second), `None` when the calendar has no such instant.
fn from_fields(fields: [u32; 6]) -> Option<i64> {
    let [year, month, day, hour, minute, second] = fields;
    // The regular expressions already bound the year to four digits and month, day, hour,
    // minute and second to their ranges; the calendar decides the rest (year 0, 30 February).
    if year > 9999
        || !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 61
    {
        return None;
    }
    instant(fields)
}

/// The Unix seconds of six fields each within its range (year up to 9999, month 1 to 12, day
/// 1 to 31, hour 0 to 23, minute 0 to 59, second 0 to 61), `None` when the calendar has no
/// such day (year 0, 30 February).
#[inline]
fn instant(fields: [u32; 6]) -> Option<i64> {
    let [year, month, day, hour, minute, second] = fields;
    (year > 0 && day <= days_in_month(year, month)).then(|| {
        days_from_civil(year, month, day) * 86_400 + i64::from(hour * 3600 + minute * 60 + second)
    })
}

/// Whether `year` is a leap year of the proleptic Gregorian calendar.
#[inline]
fn is_leap(year: u32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// The days of `month` (1 to 12) in `year` of the proleptic Gregorian calendar.
#[inline]
fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// `YYYY-MM-DDThh:mm:ssZ` for the Unix seconds `seconds` (what chrono's
/// `%Y-%m-%dT%H:%M:%SZ` prints), for the years 0 to 9999; `None` for others.
pub(crate) fn timestamp_text(seconds: i64) -> Option<String> {
    let (days, second_of_day) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    let (year, month, day) = civil_from_days(days);
    let year = u32::try_from(year).ok().filter(|&y| y <= 9999)?;
    let second_of_day = u32::try_from(second_of_day).ok()?;
    let mut out = String::with_capacity(20);
    let mut push = |value: u32, digits: u32, then: char| {
        for k in (0..digits).rev() {
            let digit = value / 10u32.pow(k) % 10;
            out.push(char::from(b'0' + digit as u8));
        }
        out.push(then);
    };
    push(year, 4, '-');
    push(month, 2, '-');
    push(day, 2, 'T');
    push(second_of_day / 3600, 2, ':');
    push(second_of_day / 60 % 60, 2, ':');
    push(second_of_day % 60, 2, 'Z');
    Some(out)
}

/// The date of the day `days` after 1970-01-01 in the proleptic Gregorian calendar: year,
/// month (1 to 12), day (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let days = days + 719_468;
    let (era, day_of_era) = (days.div_euclid(146_097), days.rem_euclid(146_097));
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    // All three are small and non-negative.
    let day = (day_of_year - (153 * month_from_march + 2) / 5 + 1) as u32;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// The days from 1970-01-01 to a valid date of the proleptic Gregorian calendar, year 1 to
/// 9999 (the days of the whole years before it, then of the months before it).
#[inline(always)]
fn days_from_civil(year: u32, month: u32, day: u32) -> i64 {
    /// The days of a common year before each month.
    const BEFORE: [u32; 12] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
    let past = year - 1;
    let leap_day = u32::from(month > 2 && is_leap(year));
    let days = 365 * past + past / 4 - past / 100
        + past / 400
        + BEFORE[(month - 1) as usize % 12]
        + leap_day
        + day
        - 1;
    // The days from 0001-01-01 to 1970-01-01.
    i64::from(days) - 719_162
}

/// One element of a format.
#[derive(Clone, Copy, Debug)]
enum Tok {
    Year,
    Month,
    Day,
    Hour,
    Minute,
    Second,
    /// A literal character (ASCII; letters match either case).
    Lit(char),
    /// `\s+`.
    Space,
}

/// One character class of a directive's alternative.
#[derive(Clone, Copy, Debug)]
enum Class {
    /// An ASCII range, inclusive.
    Range(char, char),
    /// `\d`: any Unicode decimal digit.
    Digit,
}

use Class::{Digit, Range};

/// The alternatives of each directive, in the order Python's regular expressions try them.
fn alternatives(tok: Tok) -> &'static [&'static [Class]] {
    match tok {
        Tok::Year => &[&[Digit, Digit, Digit, Digit]],
        Tok::Month => &[
            &[Range('1', '1'), Range('0', '2')],
            &[Range('0', '0'), Range('1', '9')],
            &[Range('1', '9')],
        ],
        Tok::Day => &[
            &[Range('3', '3'), Range('0', '1')],
            &[Range('1', '2'), Digit],
            &[Range('0', '0'), Range('1', '9')],
            &[Range('1', '9')],
            &[Range(' ', ' '), Range('1', '9')],
        ],
        Tok::Hour => &[
            &[Range('2', '2'), Range('0', '3')],
            &[Range('0', '1'), Digit],
            &[Digit],
        ],
        Tok::Minute => &[&[Range('0', '5'), Digit], &[Digit]],
        Tok::Second => &[
            &[Range('6', '6'), Range('0', '1')],
            &[Range('0', '5'), Digit],
            &[Digit],
        ],
        Tok::Lit(_) | Tok::Space => &[],
    }
}

/// Field slots: year, month, day, hour, minute, second.
fn slot(tok: Tok) -> Option<usize> {
    match tok {
        Tok::Year => Some(0),
        Tok::Month => Some(1),
        Tok::Day => Some(2),
        Tok::Hour => Some(3),
        Tok::Minute => Some(4),
        Tok::Second => Some(5),
        Tok::Lit(_) | Tok::Space => None,
    }
}

/// Matches `text` against the format the way `strptime` does: the first match in backtracking
/// order, which must then end at the end of `text`. Returns the six fields (0 where the format
/// has none).
fn matches(text: &str, toks: &[Tok]) -> Option<[u32; 6]> {
    let mut fields = [0u32; 6];
    let end = search(text, 0, toks, &mut fields)?;
    (end == text.len()).then_some(fields)
}

fn search(text: &str, pos: usize, toks: &[Tok], fields: &mut [u32; 6]) -> Option<usize> {
    let Some((&tok, rest)) = toks.split_first() else {
        return Some(pos);
    };
    let tail = &text[pos..];
    match tok {
        Tok::Lit(c) => {
            let next = tail.chars().next()?;
            if next.eq_ignore_ascii_case(&c) {
                search(text, pos + next.len_utf8(), rest, fields)
            } else {
                None
            }
        }
        Tok::Space => {
            // Greedy `\s+`. In every format a directive that cannot start with whitespace
            // follows, so giving characters back never helps: only the whole run can match.
            let run = tail.len() - tail.trim_start_matches(is_py_space).len();
            if run == 0 {
                return None;
            }
            search(text, pos + run, rest, fields)
        }
        _ => {
            for alternative in alternatives(tok) {
                if let Some((len, value)) = match_classes(tail, alternative) {
                    if let Some(found) = search(text, pos + len, rest, fields) {
                        if let Some(i) = slot(tok) {
                            fields[i] = value;
                        }
                        return Some(found);
                    }
                }
            }
            None
        }
    }
}

/// Matches a fixed sequence of classes at the start of `text`: the byte length and the decimal
/// value of the digits (a leading space, as in `%d`'s ` [1-9]`, counts as nothing).
fn match_classes(text: &str, classes: &[Class]) -> Option<(usize, u32)> {
    let mut chars = text.char_indices();
    let mut value = 0u32;
    for class in classes {
        let (_, c) = chars.next()?;
        match *class {
            Range(lo, hi) => {
                if !(lo..=hi).contains(&c) {
                    return None;
                }
                if c != ' ' {
                    value = value * 10 + (c as u32 - '0' as u32);
                }
            }
            Digit => value = value * 10 + decimal_value(c)?,
        }
    }
    let len = chars.next().map_or(text.len(), |(i, _)| i);
    Some((len, value))
}

/// The first code point of each run of ten Unicode decimal digits (general category `Nd`),
/// Unicode 13.0 as in Python 3.10, the Python of the official suite's container image
/// (`Tests/Dockerfile`). Later Pythons also count the Tangsa digits (Unicode 14.0, Python
/// 3.11) and the Kawi and Nag Mundari digits (Unicode 15.0, Python 3.12): a run of the official
/// suite on such a Python reads property values written with those digits differently.
const DIGIT_ZEROS: [u32; 65] = [
    0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66,
    0xDE6, 0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90,
    0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
    0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650,
    0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0, 0x16A60, 0x16B50, 0x1D7CE,
    0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E950, 0x1FBF0,
];

/// The value of a Unicode decimal digit (what Python's `int()` and `str.isdecimal` accept).
pub(crate) fn decimal_value(c: char) -> Option<u32> {
    if c.is_ascii() {
        return c.to_digit(10);
    }
    let c = c as u32;
    let i = DIGIT_ZEROS.partition_point(|&z| z <= c).checked_sub(1)?;
    let offset = c - DIGIT_ZEROS[i];
    (offset < 10).then_some(offset)
}

/// Python's `str.isdecimal`: not empty, and every character a Unicode decimal digit.
pub(crate) fn is_decimal(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| decimal_value(c).is_some())
}

/// Python's `str.isspace` for one character (Unicode `White_Space` plus the separators
/// U+001C to U+001F).
pub(crate) fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Python's `str.rstrip()`.
pub(crate) fn py_rstrip(s: &str) -> &str {
    s.trim_end_matches(is_py_space)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn secs(s: &str, f: DateFormat) -> Option<i64> {
        seconds(s, f)
    }

    #[test]
    fn padded_and_unpadded() {
        assert_eq!(secs("2024-01-05", DateFormat::Date), Some(1_704_412_800));
        assert_eq!(secs("2024-1-5", DateFormat::Date), Some(1_704_412_800));
        assert_eq!(secs("2024-01- 5", DateFormat::Date), Some(1_704_412_800));
        assert_eq!(
            secs("2024-01-05 1:2", DateFormat::DateTimeMinutes),
            Some(1_704_416_520)
        );
        assert_eq!(
            secs("2024-01-05t10:00:00z", DateFormat::Timestamp),
            Some(1_704_448_800)
        );
    }

    #[test]
    fn backtracking_order_of_strptime() {
        // `%m` first takes `11`, `%d` then fails on `0`, so `%m` falls back to `1`.
        assert_eq!(
            secs("2024110", DateFormat::CompactDate),
            secs("2024-01-10", DateFormat::Date)
        );
        assert_eq!(
            secs("2024105", DateFormat::CompactDate),
            secs("2024-10-05", DateFormat::Date)
        );
        assert_eq!(
            secs("20241 5", DateFormat::CompactDate),
            secs("2024-01-05", DateFormat::Date)
        );
        // The first match ends before the input does: no second try.
        assert_eq!(
            secs("2024-01-05 10:00:62", DateFormat::DateTimeSeconds),
            None
        );
    }

    #[test]
    fn whitespace_runs_and_python_spaces() {
        assert!(secs("2024-01-05  \t10:00", DateFormat::DateTimeMinutes).is_some());
        assert!(secs("2024-01-05\u{1c}10:00", DateFormat::DateTimeMinutes).is_some());
        assert!(secs("2024-01-05\u{a0}10:00", DateFormat::DateTimeMinutes).is_some());
        assert!(secs("2024-01-0510:00", DateFormat::DateTimeMinutes).is_none());
        let long = format!("2024-01-05{}10:00", " ".repeat(40));
        assert_eq!(
            secs(&long, DateFormat::DateTimeMinutes),
            Some(1_704_448_800)
        );
    }

    #[test]
    fn unicode_digits_only_where_python_has_backslash_d() {
        assert_eq!(
            secs("２０２４-01-05", DateFormat::Date),
            Some(1_704_412_800)
        );
        assert_eq!(
            secs("2024-01-1٥", DateFormat::Date),
            secs("2024-01-15", DateFormat::Date)
        );
        assert_eq!(secs("٢٠٢٤-٠١-٠٥", DateFormat::Date), None);
        // Digits as Python 3.10 knows them: the Tangsa, Kawi and Nag Mundari digits came later.
        assert_eq!(decimal_value('\u{1D7D9}'), Some(1));
        assert_eq!(decimal_value('\u{1FBF9}'), Some(9));
        for newer in ['\u{16AC1}', '\u{11F51}', '\u{1E4F1}'] {
            assert_eq!(decimal_value(newer), None, "{newer:?}");
        }
        assert!(!is_decimal("4\u{16AC8}"));
    }

    #[test]
    fn calendar_and_ranges() {
        assert_eq!(secs("2024-02-30", DateFormat::Date), None);
        assert!(secs("2024-02-29", DateFormat::Date).is_some());
        assert_eq!(secs("2023-02-29", DateFormat::Date), None);
        assert_eq!(secs("0000-01-01", DateFormat::Date), None);
        assert_eq!(secs("0001-01-01", DateFormat::Date), Some(-62_135_596_800));
        assert_eq!(secs("2024-01-05 24:00", DateFormat::DateTimeMinutes), None);
        assert_eq!(
            secs("2024-01-05 10:00:61", DateFormat::DateTimeSeconds),
            Some(1_704_448_861)
        );
        assert_eq!(secs("1970-01-01", DateFormat::Date), Some(0));
        assert_eq!(
            official_seconds("1970-01-01", &DateFormat::IMAGE_DATE),
            None
        );
    }

    /// The general path alone.
    fn slow(text: &str, formats: &[DateFormat]) -> Option<i64> {
        formats
            .iter()
            .find_map(|f| from_fields(matches(text, f.tokens())?))
    }

    const FORMAT_LISTS: [&[DateFormat]; 8] = [
        &DateFormat::IMAGE_DATE,
        &DateFormat::MARKER,
        &[DateFormat::Timestamp],
        &[DateFormat::DateTimeSeconds],
        &[DateFormat::DateTimeMinutes],
        &[DateFormat::Date],
        &[DateFormat::CompactDate],
        &[DateFormat::Date, DateFormat::Timestamp],
    ];

    #[test]
    fn fast_path_examples() {
        for text in [
            "2024-01-05",
            "2024-02-29",
            "2023-02-29",
            "0000-01-01",
            "2024-13-01",
            "2024-12-32",
            "2024-00-10",
            "2024-01-05 10:00",
            "2024-01-05 24:00",
            "2024-01-05 23:60",
            "2024-01-05 10:00:61",
            "2024-01-05 10:00:62",
            "2024-01-05T10:00:00Z",
            "2024-01-05t10:00:00z",
            "2024-01-05T10:00:00+00:00",
            "1970-01-01",
            "1970-01-01T00:00:00Z",
            "20240105",
            "20241231",
            "20241232",
            "20241305",
            "20240229",
            "20230229",
            "2024110",
            "00000101",
        ] {
            for formats in FORMAT_LISTS {
                assert_eq!(
                    first_seconds(text, formats),
                    slow(text, formats),
                    "{text:?} {formats:?}"
                );
            }
        }
    }

    proptest::proptest! {
        /// Every padded spelling of a day of the calendar takes the fast path, in each of its
        /// formats: a fast path that turned such texts away would give the same results,
        /// slowly.
        #[test]
        fn fast_path_takes_padded_spellings(
            year in 1u32..=9999,
            month in 1u32..=12,
            day in 1u32..=28,
            hour in 0u32..=23,
            minute in 0u32..=59,
            second in 0u32..=61,
        ) {
            let date = format!("{year:04}-{month:02}-{day:02}");
            let texts = [
                (format!("{year:04}{month:02}{day:02}"), DateFormat::CompactDate, (0, 0, 0)),
                (date.clone(), DateFormat::Date, (0, 0, 0)),
                (
                    format!("{date} {hour:02}:{minute:02}"),
                    DateFormat::DateTimeMinutes,
                    (hour, minute, 0),
                ),
                (
                    format!("{date} {hour:02}:{minute:02}:{second:02}"),
                    DateFormat::DateTimeSeconds,
                    (hour, minute, second),
                ),
                (
                    format!("{date}T{hour:02}:{minute:02}:{second:02}Z"),
                    DateFormat::Timestamp,
                    (hour, minute, second),
                ),
            ];
            for (text, format, (h, m, s)) in texts {
                let seconds = from_fields([year, month, day, h, m, s]);
                proptest::prop_assert!(seconds.is_some());
                proptest::prop_assert_eq!(strict(&text), Some((format, seconds)), "{}", text);
            }
        }

        /// The fast path reads every text as the general path does, and a text it takes is
        /// read by no other format.
        #[test]
        fn fast_path_agrees(
            text in "[0-9]{4}-(0[0-9]|1[0-3]|[0-9]{2})-([0-3][0-9]|[0-9]{2})\
                ([ Tt]([01][0-9]|2[0-5]):[0-6][0-9](:[0-6][0-9])?[Zz]?)?\
                |[0-9]{4}(0[0-9]|1[0-3]|[0-9]{2})([0-3][0-9]|[0-9]{2})[0-9]?",
        ) {
            for formats in FORMAT_LISTS {
                proptest::prop_assert_eq!(first_seconds(&text, formats), slow(&text, formats));
                for &f in formats {
                    proptest::prop_assert_eq!(seconds(&text, f), slow(&text, &[f]));
                }
            }
            if let Some((format, _)) = strict(&text) {
                for f in DateFormat::IMAGE_DATE.into_iter().chain(DateFormat::MARKER) {
                    if f != format {
                        proptest::prop_assert!(matches(&text, f.tokens()).is_none());
                    }
                }
            }
        }
    }

    #[test]
    fn calendar_as_chrono_has_it() {
        for year in 1..=9999 {
            for month in 1..=12 {
                for day in [1, 28, 29, 30, 31] {
                    let expected = NaiveDate::from_ymd_opt(year as i32, month, day)
                        .and_then(|d| d.and_hms_opt(23, 59, 59))
                        .map(|t| t.and_utc().timestamp());
                    assert_eq!(
                        from_fields([year, month, day, 23, 59, 59]),
                        expected,
                        "{year}-{month}-{day}"
                    );
                }
            }
        }
        assert_eq!(from_fields([0, 1, 1, 0, 0, 0]), None);
        assert_eq!(from_fields([2024, 1, 1, 0, 0, 61]), Some(1_704_067_261));
    }

    #[test]
    fn timestamps_print_as_chrono_does() {
        let chrono = |s: i64| {
            DateTime::from_timestamp(s, 0).map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
        };
        let first = -62_167_219_200; // 0000-01-01T00:00:00Z
        let last = 253_402_300_799; // 9999-12-31T23:59:59Z
        let mut s = first;
        while s <= last {
            assert_eq!(timestamp_text(s), chrono(s), "{s}");
            s += 86_400 * 37 + 12_345;
        }
        for s in [first, first + 1, 0, -1, 951_782_400, 1_751_328_000, last] {
            assert_eq!(timestamp_text(s), chrono(s), "{s}");
        }
        assert_eq!(timestamp_text(first - 1), None);
        assert_eq!(timestamp_text(last + 1), None);
    }

    #[test]
    fn decimal_digits() {
        assert_eq!(decimal_value('7'), Some(7));
        assert_eq!(decimal_value('٣'), Some(3));
        assert_eq!(decimal_value('\u{1D7FF}'), Some(9));
        assert_eq!(decimal_value('\u{1D7CE}'), Some(0));
        assert_eq!(decimal_value('²'), None);
        assert_eq!(decimal_value('a'), None);
        assert!(is_decimal("48"));
        assert!(is_decimal("٣"));
        assert!(!is_decimal(""));
        assert!(!is_decimal("4.5"));
        assert_eq!(py_rstrip("Ubuntu \u{1f}\t"), "Ubuntu");
    }
}
