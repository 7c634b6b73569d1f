//! Flags on alignment scores that a reader should not take at face value: too few joint items,
//! a degenerate resampling distribution, or a window that runs past the end of the data.

use serde::{Deserialize, Serialize};

use super::uncertainty::Interval;
use super::{Score, SeriesPoint};
use crate::time::Window;
use chrono::NaiveDate;

/// Why a score needs care (see [`SeriesPoint::flags`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum ScoreFlag {
    /// Fewer joint items than [`FlagOptions::min_n`]: the score is reported, its interval is
    /// not meaningful (and the CLI does not print it).
    SmallN,
    /// The score is undefined (no joint item, or a chance-corrected measure with no variation).
    Undefined,
    /// Every bootstrap replicate gave the same value: the interval has zero width because the
    /// resampled items cannot vary the score, not because the score is certain.
    Constant,
    /// The window ends after the data's last statement: it covers only part of its span.
    Partial,
}

impl ScoreFlag {
    /// Every flag, in the order [`SeriesPoint::flags`] lists them.
    pub const ALL: [ScoreFlag; 4] = [
        ScoreFlag::SmallN,
        ScoreFlag::Undefined,
        ScoreFlag::Constant,
        ScoreFlag::Partial,
    ];

    /// The name used in tables (`small-n`, `undefined`, `constant`, `partial`).
    pub fn name(self) -> &'static str {
        match self {
            ScoreFlag::SmallN => "small-n",
            ScoreFlag::Undefined => "undefined",
            ScoreFlag::Constant => "constant",
            ScoreFlag::Partial => "partial",
        }
    }
}

impl std::fmt::Display for ScoreFlag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// The default of [`FlagOptions::min_n`] (and of the CLI's `--min-n`).
pub const DEFAULT_MIN_N: u32 = 10;

/// Settings of [`SeriesPoint::flags`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlagOptions {
    /// Scores on fewer joint items are flagged [`ScoreFlag::SmallN`] (default
    /// [`DEFAULT_MIN_N`] = 10).
    pub min_n: u32,
    /// The day of the data's last statement; windows ending later are
    /// [`ScoreFlag::Partial`] (`None`: no window is partial).
    pub data_end: Option<NaiveDate>,
}

impl Default for FlagOptions {
    fn default() -> Self {
        FlagOptions {
            min_n: DEFAULT_MIN_N,
            data_end: None,
        }
    }
}

impl FlagOptions {
    /// Flags with this `min_n` and the end of a dataset's data.
    ///
    /// ```
    /// use cosignatory::align::FlagOptions;
    /// let ds = cosignatory::datasets::joint_statements();
    /// let f = FlagOptions::for_dataset(&ds, 10);
    /// assert_eq!(f.data_end, ds.date_range().map(|(_, end)| end));
    /// ```
    pub fn for_dataset(ds: &crate::model::Dataset, min_n: u32) -> Self {
        FlagOptions {
            min_n,
            data_end: ds.date_range().map(|(_, end)| end),
        }
    }
}

impl SeriesPoint {
    /// The flags of this point, in [`ScoreFlag`] order (empty when the score can be read as
    /// is).
    ///
    /// ```
    /// use cosignatory::align::{FlagOptions, ScoreFlag, Score, SeriesPoint, Measure};
    /// use cosignatory::time::Window;
    /// let d = |s: &str| s.parse().unwrap();
    /// let p = SeriesPoint {
    ///     window: Window::new(d("2020-01-01"), d("2020-12-31")),
    ///     a: "IND".into(),
    ///     b: "RUS".into(),
    ///     measure: Measure::KappaQuadratic,
    ///     score: Score::new(Some(1.0), 2),
    ///     interval: None,
    /// };
    /// let f = FlagOptions { data_end: Some(d("2020-01-14")), ..FlagOptions::default() };
    /// assert_eq!(p.flags(&f), vec![ScoreFlag::SmallN, ScoreFlag::Partial]);
    /// ```
    pub fn flags(&self, options: &FlagOptions) -> Vec<ScoreFlag> {
        let bits = self.flag_bits(options);
        ScoreFlag::ALL
            .into_iter()
            .enumerate()
            .filter(|(k, _)| bits & (1 << k) != 0)
            .map(|(_, f)| f)
            .collect()
    }

    /// [`flags`](Self::flags) as a bit mask, bit `k` for `ScoreFlag::ALL[k]`, without
    /// allocating (a series of all pairs has millions of points).
    pub fn flag_bits(&self, options: &FlagOptions) -> u8 {
        flag_bits(&self.window, &self.score, self.interval.as_ref(), options)
    }

    /// The text of a [`flag_bits`](Self::flag_bits) mask as tables write it: the names in
    /// `ScoreFlag::ALL` order, `;`-separated (empty for none).
    pub fn flag_text(bits: u8) -> String {
        ScoreFlag::ALL
            .into_iter()
            .enumerate()
            .filter(|(k, _)| bits & (1 << k) != 0)
            .map(|(_, f)| f.name())
            .collect::<Vec<_>>()
            .join(";")
    }
}

/// The flag mask of a point's parts ([`SeriesPoint::flag_bits`]).
pub(crate) fn flag_bits(
    window: &Window,
    score: &Score,
    interval: Option<&Interval>,
    options: &FlagOptions,
) -> u8 {
    let constant =
        interval.is_some_and(|ci| matches!((ci.lower, ci.upper), (Some(lo), Some(hi)) if lo == hi));
    u8::from(score.n < options.min_n)
        | u8::from(score.value.is_none()) << 1
        | u8::from(constant) << 2
        | u8::from(options.data_end.is_some_and(|end| window.end > end)) << 3
}
