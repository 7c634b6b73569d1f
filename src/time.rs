//! Time windows and exponential decay.
//!
//! Statements are date-sorted in a [`Dataset`](crate::model::Dataset), so each window is a
//! contiguous range and a sequence of windows costs two binary searches per window.

use crate::error::{Error, Result};
use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// The most windows a [`WindowSpec`] may cut a date range into: [`WindowSpec::windows`] refuses
/// more with [`Error::TooManyWindows`], counted before any window is made. 50,000 is monthly
/// windows over 4,166 years or daily ones over 136; a statement dated in the year 9999 (the
/// last a CSV date can name) with `--window 1m` would otherwise make 96,000 windows, and one
/// dated in the year 200000 (the JSON reader's limit before issue 18) millions, before anything
/// else runs.
pub const MAX_WINDOWS: usize = 50_000;

/// A closed date interval `[start, end]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Window {
    /// First day (inclusive).
    pub start: NaiveDate,
    /// Last day (inclusive).
    pub end: NaiveDate,
}

impl Window {
    /// A window from `start` to `end`, both inclusive.
    pub fn new(start: NaiveDate, end: NaiveDate) -> Self {
        Window { start, end }
    }

    /// Whether `date` falls in the window.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end
    }
}

impl std::fmt::Display for Window {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

/// Why a text is not a [`Window`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{0:?} is not a window; expected YYYY, YYYY-YYYY (whole years) or YYYY-MM-DD..YYYY-MM-DD \
     (both days inclusive), starting no later than it ends"
)]
pub struct ParseWindowError(pub String);

impl std::str::FromStr for Window {
    type Err = ParseWindowError;

    /// `1990` (one year), `1990-1999` (whole years, both inclusive) or
    /// `1990-01-01..1999-12-31` (days, both inclusive: the form [`Window`] displays).
    ///
    /// ```
    /// use cosignatory::time::Window;
    /// let w: Window = "1990-1999".parse().unwrap();
    /// assert_eq!(w.to_string(), "1990-01-01..1999-12-31");
    /// assert_eq!("1990-01-01..1999-12-31".parse::<Window>().unwrap(), w);
    /// assert_eq!("2001".parse::<Window>().unwrap().to_string(), "2001-01-01..2001-12-31");
    /// assert!("1999-1990".parse::<Window>().is_err());
    /// assert!("1990-13-01..1991-01-01".parse::<Window>().is_err());
    /// ```
    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        let bad = || ParseWindowError(s.to_string());
        let t = s.trim();
        let year = |y: &str| -> Option<i32> {
            (y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))
                .then(|| y.parse().ok())
                .flatten()
        };
        let (start, end) = if let Some((a, b)) = t.split_once("..") {
            let day = |d: &str| NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").ok();
            (day(a).ok_or_else(bad)?, day(b).ok_or_else(bad)?)
        } else {
            let (a, b) = t.split_once('-').unwrap_or((t, t));
            let (a, b) = (year(a).ok_or_else(bad)?, year(b).ok_or_else(bad)?);
            (
                NaiveDate::from_ymd_opt(a, 1, 1).ok_or_else(bad)?,
                NaiveDate::from_ymd_opt(b, 12, 31).ok_or_else(bad)?,
            )
        };
        if start > end {
            return Err(bad());
        }
        Ok(Window { start, end })
    }
}

/// A calendar period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    /// Calendar years.
    Year,
    /// Calendar quarters (January, April, July, October).
    Quarter,
    /// Calendar months.
    Month,
}

impl Period {
    /// "years", "quarters" or "months", for messages.
    fn plural(self) -> &'static str {
        match self {
            Period::Year => "years",
            Period::Quarter => "quarters",
            Period::Month => "months",
        }
    }

    fn months(self) -> u32 {
        match self {
            Period::Year => 12,
            Period::Quarter => 3,
            Period::Month => 1,
        }
    }

    /// The first day of the period containing `date`.
    pub fn start_of(self, date: NaiveDate) -> NaiveDate {
        let m0 = date.month0() - date.month0() % self.months();
        NaiveDate::from_ymd_opt(date.year(), m0 + 1, 1).expect("first day of a month exists")
    }
}

/// How to cut a date range into windows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum WindowSpec {
    /// Windows aligned to calendar periods: each spans `size` periods and the next starts
    /// `step` periods later (`size == step` tiles the range; `size > step` overlaps).
    Calendar {
        /// The period.
        period: Period,
        /// Periods per window (at least 1).
        size: u32,
        /// Periods between window starts (at least 1).
        step: u32,
    },
    /// Windows of `width_days` days starting every `step_days` days from the first date.
    Sliding {
        /// Width in days (at least 1).
        width_days: u32,
        /// Step in days (at least 1).
        step_days: u32,
    },
    /// The windows given, as they are (for example UN General Assembly sessions).
    Custom(Vec<Window>),
}

/// A window length or step in calendar periods, written `Ny`, `Nq` or `Nm` (years, quarters,
/// months), as `--window 2y --step 1q` takes it.
///
/// ```
/// use cosignatory::time::{Period, Span, WindowSpec};
/// let two_years: Span = "2y".parse().unwrap();
/// assert_eq!(two_years, Span { count: 2, period: Period::Year });
/// // Mixed units use the smaller one: 2 years every quarter = 8 quarters every quarter.
/// let spec = WindowSpec::calendar(two_years, Some("1q".parse().unwrap())).unwrap();
/// assert_eq!(spec, WindowSpec::Calendar { period: Period::Quarter, size: 8, step: 1 });
/// assert!("é".parse::<Span>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Span {
    /// How many periods (at least 1).
    pub count: u32,
    /// The period.
    pub period: Period,
}

/// Why a text is not a [`Span`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{given:?} {reason}")]
pub struct ParseSpanError {
    /// The text given.
    pub given: String,
    /// What is wrong with it.
    pub reason: &'static str,
}

impl std::str::FromStr for Span {
    type Err = ParseSpanError;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        let s = s.trim();
        let bad = |reason| ParseSpanError {
            given: s.to_string(),
            reason,
        };
        let shape = "is not a span; expected Ny, Nq or Nm (e.g. 1y, 2q, 6m)";
        // The unit is the last character, whatever its width in bytes.
        let Some((at, unit)) = s.char_indices().next_back() else {
            return Err(bad(shape));
        };
        let period = match unit.to_ascii_lowercase() {
            'y' => Period::Year,
            'q' => Period::Quarter,
            'm' => Period::Month,
            _ => return Err(bad(shape)),
        };
        let count: u32 = s[..at].parse().map_err(|_| bad(shape))?;
        if count == 0 {
            return Err(bad("is not a span: it must be at least 1"));
        }
        Ok(Span { count, period })
    }
}

impl std::fmt::Display for Span {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let unit = match self.period {
            Period::Year => 'y',
            Period::Quarter => 'q',
            Period::Month => 'm',
        };
        write!(f, "{}{unit}", self.count)
    }
}

impl WindowSpec {
    /// Calendar windows of length `window` starting every `step` (default: `window`, so the
    /// windows tile the range). Mixed units use the smaller one, which divides the larger: a
    /// year every quarter is 4 quarters every quarter.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] if a span in the smaller unit does not fit in 32 bits.
    pub fn calendar(window: Span, step: Option<Span>) -> Result<WindowSpec> {
        let step = step.unwrap_or(window);
        let period = if window.period.months() <= step.period.months() {
            window.period
        } else {
            step.period
        };
        let in_period = |name: &'static str, s: Span| {
            s.count
                .checked_mul(s.period.months() / period.months())
                .ok_or_else(|| Error::InvalidParameter {
                    name,
                    value: s.to_string(),
                    reason: format!(
                        "is more than {} {} when counted in the smaller unit",
                        u32::MAX,
                        period.plural()
                    ),
                })
        };
        Ok(WindowSpec::Calendar {
            period,
            size: in_period("window", window)?,
            step: in_period("step", step)?,
        })
    }

    /// Calendar years.
    pub fn years() -> Self {
        WindowSpec::Calendar {
            period: Period::Year,
            size: 1,
            step: 1,
        }
    }

    /// Calendar quarters.
    pub fn quarters() -> Self {
        WindowSpec::Calendar {
            period: Period::Quarter,
            size: 1,
            step: 1,
        }
    }

    /// Calendar months.
    pub fn months() -> Self {
        WindowSpec::Calendar {
            period: Period::Month,
            size: 1,
            step: 1,
        }
    }

    /// The windows covering `[from, to]`: every window that overlaps the range, in order.
    ///
    /// ```
    /// use cosignatory::time::{Period, WindowSpec};
    /// let d = |s: &str| s.parse().unwrap();
    /// let w = WindowSpec::Calendar { period: Period::Year, size: 2, step: 2 }.windows(d("2019-03-01"), d("2024-06-30")).unwrap();
    /// assert_eq!(w.len(), 3);
    /// assert_eq!((w[0].start, w[0].end), (d("2019-01-01"), d("2020-12-31")));
    /// let q = WindowSpec::quarters().windows(d("2024-02-10"), d("2024-05-01")).unwrap();
    /// assert_eq!((q[1].start, q[1].end), (d("2024-04-01"), d("2024-06-30")));
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] for a zero size, step or width, `from > to`, or a window
    /// that would end after the last representable date (`--window 300000y`);
    /// [`Error::TooManyWindows`] for more than [`MAX_WINDOWS`] windows.
    ///
    /// ```
    /// use cosignatory::time::WindowSpec;
    /// let d = |s: &str| s.parse().unwrap();
    /// let e = WindowSpec::months().windows(d("2020-01-01"), d("+262142-12-31")).unwrap_err();
    /// assert!(matches!(e, cosignatory::Error::TooManyWindows { count: 3_121_476, .. }));
    /// ```
    pub fn windows(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<Window>> {
        let too_long = |name: &'static str, value: String| Error::InvalidParameter {
            name,
            value,
            reason: "the window would end after the last date this crate can represent".into(),
        };
        if from > to {
            return Err(Error::InvalidParameter {
                name: "from",
                value: from.to_string(),
                reason: format!("is after `to` = {to}"),
            });
        }
        let positive = |name: &'static str, v: u32| {
            if v == 0 {
                Err(Error::InvalidParameter {
                    name,
                    value: "0".into(),
                    reason: "must be at least 1".into(),
                })
            } else {
                Ok(v)
            }
        };
        let mut out = Vec::new();
        match self {
            WindowSpec::Calendar { period, size, step } => {
                let months = |name, v: u32| {
                    positive(name, v)?
                        .checked_mul(period.months())
                        .ok_or_else(|| too_long(name, format!("{v} {}", period.plural())))
                };
                let (size, step) = (months("size", *size)?, months("step", *step)?);
                let mut start = period.start_of(from);
                // Starts are `step` months apart from `start` up to `to`'s month.
                let span = i64::from(to.year() - start.year()) * 12 + i64::from(to.month0())
                    - i64::from(start.month0());
                let plural = |n: u32| if n == 1 { "" } else { "s" };
                let spec = || {
                    format!(
                        "windows of {size} month{} every {step} month{}",
                        plural(size),
                        plural(step)
                    )
                };
                limit(spec, from, to, span as u64 / u64::from(step) + 1)?;
                while start <= to {
                    // The last day of the window's last month: computed from that month's
                    // start, so a window ending on the last representable day is not refused
                    // for the day after it (a statement dated +262142-12-31).
                    let end = start
                        .checked_add_months(Months::new(size - 1))
                        .and_then(last_day_of_month)
                        .ok_or_else(|| too_long("size", format!("{size} months")))?;
                    out.push(Window { start, end });
                    // A next start past the last representable date is past `to` too.
                    let Some(next) = start.checked_add_months(Months::new(step)) else {
                        break;
                    };
                    start = next;
                }
            }
            WindowSpec::Sliding {
                width_days,
                step_days,
            } => {
                let width = positive("width_days", *width_days)? as u64;
                let step = positive("step_days", *step_days)? as u64;
                // Window k ends on day k·step + width − 1; the last is the first to reach `to`.
                let days = (to - from).num_days() as u64;
                let spec = || format!("sliding windows of {width} days every {step} days");
                limit(
                    spec,
                    from,
                    to,
                    days.saturating_sub(width - 1).div_ceil(step) + 1,
                )?;
                let mut start = from;
                loop {
                    let end = start
                        .checked_add_days(chrono::Days::new(width - 1))
                        .ok_or_else(|| too_long("width_days", format!("{width} days")))?;
                    out.push(Window { start, end });
                    if end >= to {
                        break;
                    }
                    let Some(next) = start.checked_add_days(chrono::Days::new(step)) else {
                        break;
                    };
                    start = next;
                }
            }
            WindowSpec::Custom(ws) => {
                for w in ws {
                    if w.start > w.end {
                        return Err(Error::InvalidParameter {
                            name: "window",
                            value: w.to_string(),
                            reason: "starts after it ends".into(),
                        });
                    }
                }
                out.extend(ws.iter().copied());
            }
        }
        Ok(out)
    }
}

/// Refuses a spec that would make more than [`MAX_WINDOWS`] windows.
fn limit(spec: impl FnOnce() -> String, from: NaiveDate, to: NaiveDate, count: u64) -> Result<()> {
    if count > MAX_WINDOWS as u64 {
        return Err(Error::TooManyWindows {
            spec: spec(),
            from,
            to,
            count,
            limit: MAX_WINDOWS,
        });
    }
    Ok(())
}

/// The last day of the month of `first` (the first day of a month).
fn last_day_of_month(first: NaiveDate) -> Option<NaiveDate> {
    match first.checked_add_months(Months::new(1)) {
        Some(next) => next.pred_opt(),
        // Only December of the last representable year has no next month.
        None => {
            (first.year() == NaiveDate::MAX.year() && first.month() == 12).then_some(NaiveDate::MAX)
        }
    }
}

/// Exponential decay: a statement dated `d` weighs `2^(−age / half_life)` with
/// `age = reference − d` in days. Statements dated after the reference weigh 1.
///
/// ```
/// use cosignatory::time::Decay;
/// let d = |s: &str| s.parse().unwrap();
/// let decay = Decay::new(365.0, d("2024-12-31")).unwrap();
/// assert_eq!(decay.weight(d("2024-12-31")), 1.0);
/// assert!((decay.weight(d("2024-01-01")) - 0.5).abs() < 0.01);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Decay {
    /// Half-life in days (positive).
    pub half_life_days: f64,
    /// The date at which weights are 1.
    pub reference: NaiveDate,
}

impl Decay {
    /// A decay with the given half-life in days and reference date.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] if the half-life is not a positive finite number.
    pub fn new(half_life_days: f64, reference: NaiveDate) -> Result<Self> {
        if !(half_life_days.is_finite() && half_life_days > 0.0) {
            return Err(Error::InvalidParameter {
                name: "half_life_days",
                value: half_life_days.to_string(),
                reason: "must be a positive number of days".into(),
            });
        }
        Ok(Decay {
            half_life_days,
            reference,
        })
    }

    /// The weight of a statement dated `date`.
    pub fn weight(&self, date: NaiveDate) -> f64 {
        let age = (self.reference - date).num_days().max(0) as f64;
        (-age / self.half_life_days).exp2()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The window count is computed before any window is made, and exactly: the limit itself
    /// passes, one more is refused with the count it would have made (issue 21).
    #[test]
    fn window_count_is_bounded_before_allocating() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let count = |spec: &WindowSpec, from, to| match spec.windows(d(from), d(to)) {
            Ok(w) => w.len() as u64,
            Err(Error::TooManyWindows { count, limit, .. }) => {
                assert_eq!(limit, MAX_WINDOWS);
                count
            }
            Err(e) => panic!("{e}"),
        };
        // The arithmetic count agrees with the windows made, below the limit.
        let cal = |period, size, step| WindowSpec::Calendar { period, size, step };
        let sliding = |width_days, step_days| WindowSpec::Sliding {
            width_days,
            step_days,
        };
        for spec in [
            cal(Period::Month, 1, 1),
            cal(Period::Month, 5, 3),
            cal(Period::Quarter, 2, 1),
            cal(Period::Year, 1, 2),
            sliding(1, 1),
            sliding(30, 7),
            sliding(400, 365),
            sliding(7, 30),
        ] {
            for (from, to) in [
                ("2020-01-01", "2020-01-01"),
                ("2020-01-31", "2020-02-01"),
                ("2019-03-15", "2024-06-30"),
                ("-0044-03-15", "0014-08-19"),
            ] {
                let made = spec.windows(d(from), d(to)).unwrap();
                assert_eq!(
                    count(&spec, from, to),
                    made.len() as u64,
                    "{spec:?} {from} {to}"
                );
            }
        }
        // Month 50,000 from January 2000 is August 6166: up to it the limit is met exactly.
        let months = WindowSpec::months();
        assert_eq!(count(&months, "2000-01-15", "6166-08-31"), 50_000);
        let e = months
            .windows(d("2000-01-15"), d("6166-09-01"))
            .unwrap_err();
        assert!(
            matches!(e, Error::TooManyWindows { count: 50_001, .. }),
            "{e}"
        );
        assert_eq!(
            e.to_string(),
            "windows of 1 month every 1 month from 2000-01-15 to 6166-09-01 would make 50001 \
             windows, more than the limit of 50000; use a longer window or step, or a narrower \
             date range"
        );
        // The far date of the issue: 3.1 million monthly windows, refused at once.
        assert_eq!(count(&months, "2020-01-01", "+262142-12-31"), 3_121_476);
        let daily = sliding(1, 1);
        assert_eq!(count(&daily, "2000-01-01", "2136-11-22"), 50_000);
        assert_eq!(count(&daily, "2000-01-01", "2136-11-23"), 50_001);
        // Custom lists are the caller's own windows: no limit.
        let many = vec![Window::new(d("2020-01-01"), d("2020-01-01")); MAX_WINDOWS + 1];
        assert_eq!(
            WindowSpec::Custom(many)
                .windows(d("2020-01-01"), d("2020-01-02"))
                .unwrap()
                .len(),
            MAX_WINDOWS + 1
        );
    }

    #[test]
    fn spans_parse_and_make_calendar_specs() {
        let span = |s: &str| s.parse::<Span>();
        assert_eq!(
            span("2y"),
            Ok(Span {
                count: 2,
                period: Period::Year
            })
        );
        assert_eq!(span("3Q").map(|s| s.period), Ok(Period::Quarter));
        for bad in ["0y", "y", "1w", "", "é", "1é", "-1y"] {
            assert!(span(bad).is_err(), "{bad}");
        }
        let spec = |w: &str, s: Option<&str>| {
            WindowSpec::calendar(span(w).unwrap(), s.map(|s| span(s).unwrap()))
        };
        let cal = |period, size, step| WindowSpec::Calendar { period, size, step };
        assert_eq!(spec("2y", Some("1y")).unwrap(), cal(Period::Year, 2, 1));
        assert_eq!(spec("1y", Some("1q")).unwrap(), cal(Period::Quarter, 4, 1));
        assert_eq!(spec("1y", Some("6m")).unwrap(), cal(Period::Month, 12, 6));
        assert_eq!(spec("6m", None).unwrap(), cal(Period::Month, 6, 6));
        // 1073741825 years do not fit in 32 bits of months: an error, not a wrap to 1y.
        assert!(spec("1073741825y", Some("1m")).is_err());
        // Windows past the last representable date are errors, not panics.
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let (from, to) = (d("2020-01-01"), d("2020-12-31"));
        for (w, s) in [
            ("300000y", None),
            ("1y", Some("4294967295y")),
            ("4294967295y", None),
        ] {
            let windows = spec(w, s).and_then(|spec| spec.windows(from, to));
            assert!(windows.is_err() || windows.unwrap().len() == 1, "{w} {s:?}");
        }
        assert_eq!(
            spec("1y", Some("300000y"))
                .unwrap()
                .windows(from, to)
                .unwrap()
                .len(),
            1
        );
        assert!(spec("300000y", None).unwrap().windows(from, to).is_err());
        // A window ending on the last representable day is a window, not an error.
        let last = NaiveDate::MAX;
        assert_eq!(last, d("+262142-12-31"));
        for (w, s, first_start) in [
            ("1y", None, d("+262142-01-01")),
            ("1m", None, d("+262142-12-01")),
            ("1q", None, d("+262142-10-01")),
        ] {
            let windows = spec(w, s)
                .unwrap()
                .windows(d("+262142-12-31"), last)
                .unwrap();
            assert_eq!(windows.last().map(|w| w.end), Some(last), "{w} {s:?}");
            assert_eq!(
                windows.last().map(|w| w.start),
                Some(first_start),
                "{w} {s:?}"
            );
        }
        // One that would run past it is still an error.
        assert!(
            spec("2y", None)
                .unwrap()
                .windows(d("+262142-12-31"), last)
                .is_err()
        );
        let late = WindowSpec::Sliding {
            width_days: u32::MAX,
            step_days: 1,
        };
        assert!(
            late.windows(d("+262000-01-01"), d("+262000-01-02"))
                .is_err()
        );
    }
}
