//! Alignment: dyadic agreement and similarity of positions, bloc cohesion, and their uncertainty.
//!
//! The measure layer knows nothing of datasets or windows: callers turn
//! [`Position`](crate::model::Position)s into codes with a [`Coding`], and hand over either one
//! dyad ([`Dyad`], [`ContingencyTable`]) or many actors at once ([`PositionMatrix`]). On top of it,
//! [`position_matrix`], [`alignment_matrix`], [`actor_alignment`], [`alignment_series`],
//! [`bloc_cohesion`] and [`actor_bloc_alignment`] read a dataset [`View`](crate::model::View)
//! over windows, with a [`Universe`] of eligible items. Their defaults follow the data
//! ([`Defaults::for_view`]): Voeten's coding over recorded votes for roll calls, signed/not
//! signed over every statement for co-signature data.
//!
//! # Conventions
//!
//! * **Coding.** Positions are codes on an ordered [`Scale`] whose range Δ comes from the coding
//!   scheme, never from the data: yes/abstain/no is Voeten's 1/2/3 (Δ = 2), binary is 0/1 (Δ = 1).
//!   Absent is missing by default; [`Coding::with_absent_as_abstain`] gives Häge's FPSIM rule.
//! * **Pairwise deletion.** An item counts for a dyad only when both positions are present; N, the
//!   number of such items, comes with every result as [`Score::n`].
//! * **Undefined is `None`.** N = 0, zero expected disagreement, empty marginals: the value is
//!   `None`, never NaN and never a silent 0. [`Options::fpsim`] opts into Häge's κ = π = 0 when
//!   D_e = 0.
//! * **Ranges differ.** See [`Measure::bounds`]; do not mix measures in one analysis without
//!   stating the transform.
//!
//! The formulas, sources and test vectors are in `shared/reference/alignment-measures.md`
//! (reference §n below); every measure's documentation states its formula and reference.
//!
//! # Example
//!
//! ```
//! use cosignatory::align::{Coding, Dyad, Measure, Options};
//! use cosignatory::model::Position::*;
//!
//! let coding = Coding::voeten();
//! let x = coding.codes([Some(Yes), Some(Yes), Some(No), Some(Abstain), Some(Absent)]);
//! let y = coding.codes([Some(Yes), Some(Abstain), Some(No), Some(Yes), Some(Yes)]);
//! let dyad = Dyad::new(coding.scale(), &x, &y).unwrap();
//! let agree = Measure::VoetenAgree.score(&dyad).unwrap();
//! assert_eq!(agree.n, 4); // the absence drops the last roll call
//! assert_eq!(agree.value, Some(0.75)); // (2 + ½·2) / 4
//! ```

pub mod agreement;
pub mod binary;
mod bitset;
mod coding;
pub mod cohesion;
mod compare;
mod defaults;
mod error;
mod flags;
mod matrix;
mod measure;
mod over_view;
mod pairs;
mod score;
mod series;
mod table;
pub mod uncertainty;

pub use agreement::{AlphaLevel, Metric};
pub use coding::{Coding, MAX_CATEGORIES, Scale};
pub use compare::{WindowChange, compare_windows, compare_windows_with_progress};
pub use defaults::{AlignWarning, DataKind, Defaults};
pub use error::AlignError;
pub use flags::{DEFAULT_MIN_N, FlagOptions, ScoreFlag};
pub use matrix::PositionMatrix;
pub use measure::{Measure, ParseMeasureError};
pub use over_view::{
    CohesionMeasure, CohesionPoint, MatrixOptions, ParseCohesionMeasureError, ParseUniverseError,
    Universe, actor_alignment, actor_bloc_alignment, alignment_matrix, bloc_cohesion,
    position_matrix, resampling_units,
};
pub(crate) use over_view::{actor_list, bloc_list};
pub use pairs::{ActorScores, PairMatrix, PairTables, Ranked};
pub use score::{Options, Score, ZeroExpected};
pub use series::{
    AlignmentSeries, Pairs, SeriesInfo, SeriesOptions, SeriesPiece, SeriesPoint, actor_series,
    alignment_series, alignment_series_by_session, alignment_series_by_session_for_each,
    alignment_series_by_session_pieces, alignment_series_by_session_with_progress,
    alignment_series_for_each, alignment_series_pieces, alignment_series_with_progress,
    pair_series,
};
pub use table::{ContingencyTable, Dyad};
