//! Time windows and exponential decay.
//!
//! Statements are date-sorted in a [`Dataset`](crate::model::Dataset), so each window is a
//! contiguous range and a sequence of windows costs two binary searches per window.

use crate::error::{Error, Result};
use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

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

impl WindowSpec {
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
    /// [`Error::InvalidParameter`] for a zero size, step or width, or `from > to`.
    pub fn windows(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<Window>> {
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
                let size = positive("size", *size)? * period.months();
                let step = positive("step", *step)? * period.months();
                let mut start = period.start_of(from);
                while start <= to {
                    let end = start + Months::new(size) - chrono::Days::new(1);
                    out.push(Window { start, end });
                    start = start + Months::new(step);
                }
            }
            WindowSpec::Sliding {
                width_days,
                step_days,
            } => {
                let width = positive("width_days", *width_days)? as u64;
                let step = positive("step_days", *step_days)? as u64;
                let mut start = from;
                loop {
                    out.push(Window {
                        start,
                        end: start + chrono::Days::new(width - 1),
                    });
                    if start + chrono::Days::new(width - 1) >= to {
                        break;
                    }
                    start = start + chrono::Days::new(step);
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
