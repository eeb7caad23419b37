//! Time in a scope: how long a result stays valid (scs-0003-v1 `lifetime`, scs-0004-v1
//! regulations 2 and 3) and which versions are in force on a date (the timeline codes).

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

/// How long a testcase result stays valid: the testcase's `lifetime` key.
///
/// A result is valid until the end of the *next* calendar period after the check (scs-0003-v1);
/// [`Lifetime::expiry`] gives the exact moment, as the official tooling computes it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lifetime {
    /// `day`: valid through the end of the next day.
    Day,
    /// `week` (also the default when a testcase has no `lifetime`): valid through the end of the
    /// next calendar week (weeks start on Monday).
    #[default]
    Week,
    /// `month`: valid through the end of the next calendar month.
    Month,
    /// `quarter`: valid through the end of the next calendar quarter (quarters start in January,
    /// April, July and October).
    Quarter,
    /// `year`: valid through the end of the next calendar month, one year later.
    Year,
}

impl Lifetime {
    /// All lifetimes, shortest first.
    pub const ALL: [Lifetime; 5] = [
        Lifetime::Day,
        Lifetime::Week,
        Lifetime::Month,
        Lifetime::Quarter,
        Lifetime::Year,
    ];

    /// The keyword as written in a scope file.
    pub fn as_str(self) -> &'static str {
        match self {
            Lifetime::Day => "day",
            Lifetime::Week => "week",
            Lifetime::Month => "month",
            Lifetime::Quarter => "quarter",
            Lifetime::Year => "year",
        }
    }

    /// The first moment at which a result checked at `checked_at` is no longer valid: always
    /// 00:00 UTC of a day after the check. The result is valid strictly before it.
    ///
    /// | lifetime | expiry |
    /// | --- | --- |
    /// | `day` | the day after next |
    /// | `week` | the Monday after next |
    /// | `month` | the first day of the month after next |
    /// | `quarter` | the first day of the quarter after next |
    /// | `year` | the first day of the month after next, one year later |
    ///
    /// Beyond the last representable date the expiry saturates at [`DateTime::<Utc>::MAX_UTC`]
    /// (a result that never expires in practice) instead of overflowing.
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use scs_validators::scope::Lifetime;
    ///
    /// let checked = Utc.with_ymd_and_hms(2026, 11, 24, 14, 0, 0).unwrap(); // a Tuesday
    /// let expiry = Lifetime::Week.expiry(checked);
    /// assert_eq!(expiry, Utc.with_ymd_and_hms(2026, 12, 7, 0, 0, 0).unwrap());
    /// ```
    pub fn expiry(self, checked_at: DateTime<Utc>) -> DateTime<Utc> {
        self.expiry_date(checked_at.date_naive())
            .and_then(|date| date.and_hms_opt(0, 0, 0))
            .map(|moment: NaiveDateTime| moment.and_utc())
            .unwrap_or(DateTime::<Utc>::MAX_UTC)
    }

    /// The date at whose midnight a result checked on `date` expires; `None` past the calendar's
    /// end.
    fn expiry_date(self, date: NaiveDate) -> Option<NaiveDate> {
        let (year, month) = (date.year(), date.month());
        match self {
            Lifetime::Day => date.checked_add_days(Days::new(2)),
            Lifetime::Week => {
                let back = u64::from(date.weekday().num_days_from_monday());
                date.checked_add_days(Days::new(14 - back))
            }
            Lifetime::Month => first_of_month_after_next(year, month),
            Lifetime::Quarter => {
                let quarter_start = (month - 1) / 3 * 3 + 1;
                let (year, month) = if quarter_start + 6 > 12 {
                    (year.checked_add(1)?, quarter_start + 6 - 12)
                } else {
                    (year, quarter_start + 6)
                };
                NaiveDate::from_ymd_opt(year, month, 1)
            }
            Lifetime::Year => first_of_month_after_next(year.checked_add(1)?, month),
        }
    }
}

/// The first day of the month two months after `month` of `year`.
fn first_of_month_after_next(year: i32, month: u32) -> Option<NaiveDate> {
    if month + 2 > 12 {
        NaiveDate::from_ymd_opt(year.checked_add(1)?, month + 2 - 12, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 2, 1)
    }
}

impl fmt::Display for Lifetime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A `lifetime` keyword that is not one of `day`, `week`, `month`, `quarter`, `year`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown lifetime `{0}`: expected day, week, month, quarter or year")]
pub struct UnknownLifetime(pub String);

impl FromStr for Lifetime {
    type Err = UnknownLifetime;

    /// Parses the keyword exactly (lowercase, as the official tooling compares it).
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Lifetime::ALL
            .into_iter()
            .find(|lifetime| lifetime.as_str() == text)
            .ok_or_else(|| UnknownLifetime(text.to_owned()))
    }
}

/// The status of a scope version in a period of the timeline (scs-0003-v1, "validity").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Validity {
    /// `effective`: can be certified against.
    Effective,
    /// `warn`: can be certified against, but a pass comes with a warning of upcoming expiry.
    Warn,
    /// `draft`: can be tested, not certified.
    Draft,
    /// `deprecated`: can be tested, not certified; also the status of every version the timeline
    /// entry in force does not list.
    Deprecated,
}

impl Validity {
    /// All codes, in the order of the scs-0003-v1 table.
    pub const ALL: [Validity; 4] = [
        Validity::Effective,
        Validity::Warn,
        Validity::Draft,
        Validity::Deprecated,
    ];

    /// The code as written in a scope file.
    pub fn as_str(self) -> &'static str {
        match self {
            Validity::Effective => "effective",
            Validity::Warn => "warn",
            Validity::Draft => "draft",
            Validity::Deprecated => "deprecated",
        }
    }

    /// Whether a certificate can be issued against a version with this status (`effective` or
    /// `warn`).
    pub fn is_certifiable(self) -> bool {
        matches!(self, Validity::Effective | Validity::Warn)
    }

    /// The mark the compliance monitor appends to a version name: nothing for `effective`, `†`
    /// for `warn`, `*` for `draft`, `††` for `deprecated`.
    pub fn mark(self) -> &'static str {
        match self {
            Validity::Effective => "",
            Validity::Warn => "†",
            Validity::Draft => "*",
            Validity::Deprecated => "††",
        }
    }
}

impl fmt::Display for Validity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A validity code that is not one of `effective`, `warn`, `draft`, `deprecated`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown validity `{0}`: expected effective, warn, draft or deprecated")]
pub struct UnknownValidity(pub String);

impl FromStr for Validity {
    type Err = UnknownValidity;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Validity::ALL
            .into_iter()
            .find(|validity| validity.as_str() == text)
            .ok_or_else(|| UnknownValidity(text.to_owned()))
    }
}
