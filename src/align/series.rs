//! Alignment series: chosen pairs (every pair, one actor against all others, or a list) scored
//! in each window of a view, with optional bootstrap intervals.

use serde::{Deserialize, Serialize};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use super::over_view::{actor_list, bloc_list, positions, resampling_units};
use super::uncertainty::{BootstrapConfig, Interval, bootstrap};
use super::{
    AlignError, AlignWarning, Coding, Defaults, Dyad, FlagOptions, Measure, Options, Score,
    Universe,
};
use crate::error::{Error, Result};
use crate::model::{ActorIdx, View};
use crate::time::Window;

/// One point of a dyad's alignment series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeriesPoint {
    /// The window.
    pub window: Window,
    /// First actor id (shared with every point of this actor in the series: a series of all
    /// pairs has millions of points over a few hundred ids).
    pub a: Arc<str>,
    /// Second actor id (shared, as `a`).
    pub b: Arc<str>,
    /// The measure.
    pub measure: Measure,
    /// The score and its N (joint items).
    pub score: Score,
    /// The bootstrap interval, when asked for.
    pub interval: Option<Interval>,
}

/// Consecutive points of a series, all in one window, as [`alignment_series_pieces`] hands
/// them out: columns over the points, actors as indices into the series' actor list.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct SeriesPiece<'s> {
    /// The window of every point.
    pub window: Window,
    /// The series' actors (as [`SeriesInfo::actors`]): `pairs` index them.
    pub actors: &'s [Arc<str>],
    /// The measure.
    pub measure: Measure,
    /// Each point's two actors (`a`, `b`), as indices into `actors`.
    pub pairs: Vec<(u32, u32)>,
    /// Each point's score and N.
    pub scores: Vec<Score>,
    /// Each point's bootstrap interval when the series has them, else empty.
    pub intervals: Vec<Interval>,
}

impl SeriesPiece<'_> {
    /// The number of points.
    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    /// Whether the piece has no point.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// The `k`-th point's interval, if the series has intervals.
    pub fn interval(&self, k: usize) -> Option<&Interval> {
        self.intervals.get(k)
    }

    /// The `k`-th point (sharing the ids).
    pub fn point(&self, k: usize) -> SeriesPoint {
        let (a, b) = self.pairs[k];
        SeriesPoint {
            window: self.window,
            a: Arc::clone(&self.actors[a as usize]),
            b: Arc::clone(&self.actors[b as usize]),
            measure: self.measure,
            score: self.scores[k],
            interval: self.interval(k).cloned(),
        }
    }

    /// The points in order.
    pub fn points(&self) -> impl Iterator<Item = SeriesPoint> + '_ {
        (0..self.len()).map(|k| self.point(k))
    }

    /// The `k`-th point's [`SeriesPoint::flag_bits`], without making the point.
    pub fn flag_bits(&self, k: usize, options: &FlagOptions) -> u8 {
        super::flags::flag_bits(&self.window, &self.scores[k], self.interval(k), options)
    }
}

/// Settings of [`alignment_series`] and [`actor_bloc_alignment`](super::actor_bloc_alignment).
///
/// The default is quadratic κ on Voeten's coding (roll calls) under the data's universe
/// ([`Universe::Auto`]: recorded votes for roll calls, every statement for co-signature data).
/// [`SeriesOptions::for_view`] takes the coding and measure from the data as well; on
/// co-signature data, a coding that leaves non-signers missing is reported in
/// [`AlignmentSeries::warnings`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeriesOptions {
    /// The measure.
    pub measure: Measure,
    /// The coding of positions.
    pub coding: Coding,
    /// Which statements are items for which actors.
    pub universe: Universe,
    /// Measure options (for example FPSIM's zero convention).
    pub options: Options,
    /// Bootstrap intervals (resampling items within each window), if any.
    pub bootstrap: Option<BootstrapConfig>,
}

impl Default for SeriesOptions {
    fn default() -> Self {
        SeriesOptions {
            measure: Measure::KappaQuadratic,
            coding: Coding::voeten(),
            universe: Universe::Auto,
            options: Options::default(),
            bootstrap: None,
        }
    }
}

impl SeriesOptions {
    /// The measure, coding and universe of the view's data ([`Defaults::series_options`]).
    pub fn for_view(view: &View<'_>) -> Self {
        Defaults::for_view(view).series_options()
    }

    /// The same settings with another measure.
    pub fn with_measure(self, measure: Measure) -> Self {
        SeriesOptions { measure, ..self }
    }
}

/// Which pairs a series scores.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Pairs {
    /// Every pair of actors with a row in the view, in id order (a before b).
    All,
    /// This actor against every other actor with a row in the view, in id order.
    Actor(String),
    /// These pairs, in this order.
    List(Vec<(String, String)>),
}

impl Pairs {
    /// A list of pairs from borrowed ids.
    pub fn list(pairs: &[(&str, &str)]) -> Self {
        Pairs::List(
            pairs
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect(),
        )
    }

    /// The ids the selection names (beyond every actor of the view).
    fn named(&self) -> Vec<&str> {
        match self {
            Pairs::All => Vec::new(),
            Pairs::Actor(a) => vec![a.as_str()],
            Pairs::List(l) => l
                .iter()
                .flat_map(|(a, b)| [a.as_str(), b.as_str()])
                .collect(),
        }
    }
}

/// The points of a series, window by window and, within a window, pair by pair in the order of
/// the [`Pairs`]; with the settings it was computed under and what is wrong with them.
///
/// Derefs to its points (`series[0]`, `series.len()`, `series.iter()`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AlignmentSeries {
    measure: Measure,
    coding: Coding,
    universe: Universe,
    actors: Vec<Arc<str>>,
    points: Vec<SeriesPoint>,
    warnings: Vec<AlignWarning>,
}

impl AlignmentSeries {
    /// The measure.
    pub fn measure(&self) -> Measure {
        self.measure
    }

    /// The coding.
    pub fn coding(&self) -> &Coding {
        &self.coding
    }

    /// The universe the items came from ([`Universe::Auto`] resolved on the whole view).
    pub fn universe(&self) -> &Universe {
        &self.universe
    }

    /// The actors of the position matrices: every actor with a row in the view, and those the
    /// pairs name, in id order. Measures that read other actors (Newman) saw all of them.
    /// The points' `a` and `b` are clones of these (the same allocation: `Arc::ptr_eq` holds).
    pub fn actors(&self) -> &[Arc<str>] {
        &self.actors
    }

    /// The points.
    pub fn points(&self) -> &[SeriesPoint] {
        &self.points
    }

    /// The points, owned.
    pub fn into_points(self) -> Vec<SeriesPoint> {
        self.points
    }

    /// Settings that cannot measure alignment on this data ([`Defaults::warnings`]); empty when
    /// the view has no statement.
    pub fn warnings(&self) -> &[AlignWarning] {
        &self.warnings
    }

    /// One pair's points in window order (`a`, `b` as the pair was asked for).
    pub fn pair<'s>(&'s self, a: &'s str, b: &'s str) -> impl Iterator<Item = &'s SeriesPoint> {
        self.points.iter().filter(move |p| &*p.a == a && &*p.b == b)
    }
}

impl std::ops::Deref for AlignmentSeries {
    type Target = [SeriesPoint];
    fn deref(&self) -> &[SeriesPoint] {
        &self.points
    }
}

impl<'s> IntoIterator for &'s AlignmentSeries {
    type Item = &'s SeriesPoint;
    type IntoIter = std::slice::Iter<'s, SeriesPoint>;
    fn into_iter(self) -> Self::IntoIter {
        self.points.iter()
    }
}

/// The alignment of chosen pairs in each window (windows restrict `view`, keeping its filters
/// and bloc mode), with N and, optionally, a seeded bootstrap interval.
///
/// Every window's position matrix holds every actor with a row in the view (plus those the
/// pairs name), so a measure that reads the other actors (Newman's signer counts) gives the same
/// value whichever pairs are asked for. A window without data gives undefined scores (N = 0),
/// not an error. [`Universe::Auto`] is decided once, on the whole view.
///
/// ```
/// use cosignatory::align::{alignment_series, Measure, Pairs, SeriesOptions};
/// use cosignatory::time::WindowSpec;
/// let ds = cosignatory::datasets::joint_statements();
/// let view = ds.view();
/// let d = |s: &str| s.parse().unwrap();
/// let windows = WindowSpec::years().windows(d("2020-01-01"), d("2021-12-31")).unwrap();
/// let opts = SeriesOptions::for_view(&view).with_measure(Measure::Newman);
/// let s = alignment_series(&view, &windows, &Pairs::list(&[("GBR", "USA")]), &opts).unwrap();
/// assert_eq!(s.len(), 2);
/// assert!(s[0].score.value.unwrap() > 0.0);
/// assert!(s.warnings().is_empty());
/// ```
///
/// # Errors
/// [`Error::UnknownActor`] for an unknown actor id, [`Error::InvalidParameter`] for an unknown
/// bloc id or a bootstrap of Newman (a resampled pair table has no signer counts) or with a bad
/// configuration;
/// [`Error::Align`] for a measure that does not fit the coding.
pub fn alignment_series(
    view: &View<'_>,
    windows: &[Window],
    pairs: &Pairs,
    options: &SeriesOptions,
) -> Result<AlignmentSeries> {
    alignment_series_with_progress(view, windows, pairs, options, |_, _| {})
}

/// [`alignment_series`], calling `progress(done, total)` after each step: a window, or a pair
/// in a window when bootstrapping.
///
/// # Errors
/// As [`alignment_series`].
pub fn alignment_series_with_progress(
    view: &View<'_>,
    windows: &[Window],
    pairs: &Pairs,
    options: &SeriesOptions,
    progress: impl Fn(usize, usize) + Sync,
) -> Result<AlignmentSeries> {
    collect_series(
        view,
        windows,
        |k| view.clone().window(windows[k]),
        pairs,
        options,
        progress,
    )
}

/// The alignment of chosen pairs in each General Assembly session of the view
/// ([`View::sessions`]): as [`alignment_series`], with one window per value of the statements'
/// `session` attribute, from the session's first to its last roll call. A window holds only its
/// session's roll calls, also where sessions overlap in time.
///
/// ```
/// # #[cfg(feature = "un-votes")] {
/// use cosignatory::align::{alignment_series_by_session, Pairs, SeriesOptions};
/// let ds = cosignatory::datasets::un_votes();
/// let d = |s: &str| s.parse().unwrap();
/// let view = ds.view().between(d("2016-01-01"), d("2018-12-31"));
/// let opts = SeriesOptions::for_view(&view);
/// let s = alignment_series_by_session(&view, &Pairs::list(&[("USA", "ISR")]), &opts).unwrap();
/// assert_eq!(s.len(), 3); // sessions 71 (2016-10-26..2017-09-11), 72 and 73
/// assert_eq!(s[1].window.to_string(), "2017-11-01..2017-12-24");
/// # }
/// ```
///
/// # Errors
/// As [`View::sessions`] (a statement without a `session` attribute) and
/// [`alignment_series`].
pub fn alignment_series_by_session(
    view: &View<'_>,
    pairs: &Pairs,
    options: &SeriesOptions,
) -> Result<AlignmentSeries> {
    alignment_series_by_session_with_progress(view, pairs, options, |_, _| {})
}

/// [`alignment_series_by_session`] with progress, as [`alignment_series_with_progress`].
///
/// # Errors
/// As [`alignment_series_by_session`].
pub fn alignment_series_by_session_with_progress(
    view: &View<'_>,
    pairs: &Pairs,
    options: &SeriesOptions,
    progress: impl Fn(usize, usize) + Sync,
) -> Result<AlignmentSeries> {
    let (sessions, windows) = session_windows(view)?;
    collect_series(
        view,
        &windows,
        |k| sessions[k].view(view),
        pairs,
        options,
        progress,
    )
}

/// [`alignment_series_by_session`] point by point into `sink`, as
/// [`alignment_series_for_each`].
///
/// # Errors
/// As [`alignment_series_by_session`], and the sink's.
pub fn alignment_series_by_session_for_each(
    view: &View<'_>,
    pairs: &Pairs,
    options: &SeriesOptions,
    progress: impl Fn(usize, usize) + Sync,
    sink: impl FnMut(SeriesPoint) -> Result<()>,
) -> Result<SeriesInfo> {
    let (sessions, windows) = session_windows(view)?;
    stream(
        view,
        &windows,
        |k| sessions[k].view(view),
        pairs,
        options,
        progress,
        |_| {},
        sink,
    )
}

/// The view's General Assembly sessions and their windows, first to last roll call.
fn session_windows<'a>(view: &View<'a>) -> Result<(Vec<crate::model::Session>, Vec<Window>)> {
    let sessions = view.sessions()?;
    let windows = sessions.iter().map(|s| s.window).collect();
    Ok((sessions, windows))
}

/// The series over windows whose views `window_view` gives, collected.
fn collect_series<'a>(
    view: &View<'a>,
    windows: &[Window],
    window_view: impl Fn(usize) -> View<'a> + Sync,
    pairs: &Pairs,
    options: &SeriesOptions,
    progress: impl Fn(usize, usize) + Sync,
) -> Result<AlignmentSeries> {
    let points = std::cell::RefCell::new(Vec::new());
    let info = stream(
        view,
        windows,
        window_view,
        pairs,
        options,
        progress,
        |total| points.borrow_mut().reserve_exact(total),
        |p| {
            points.borrow_mut().push(p);
            Ok(())
        },
    )?;
    let points = points.into_inner();
    Ok(AlignmentSeries {
        measure: info.measure,
        coding: info.coding,
        universe: info.universe,
        actors: info.actors,
        points,
        warnings: info.warnings,
    })
}

/// What an [`alignment_series_for_each`] was computed under: an [`AlignmentSeries`] without
/// its points.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct SeriesInfo {
    /// The measure.
    pub measure: Measure,
    /// The coding.
    pub coding: Coding,
    /// The universe the items came from ([`Universe::Auto`] resolved on the whole view).
    pub universe: Universe,
    /// The actors of the position matrices, as [`AlignmentSeries::actors`].
    pub actors: Vec<Arc<str>>,
    /// As [`AlignmentSeries::warnings`].
    pub warnings: Vec<AlignWarning>,
    /// How many points were passed to the sink.
    pub points: usize,
}

/// [`alignment_series_with_progress`] without holding the series: each point goes to `sink` as
/// it is computed, in the series' order (window by window, pair by pair), and the first error
/// of the sink stops the computation and is returned.
///
/// Memory is that of one window's position matrix and a bounded number of points in flight
/// (a few thousand per thread), whatever the number of pairs: all pairs of 5,000 signatories
/// are 12.5 million points, which [`alignment_series`] holds at once (issue 21). The points are
/// the same bits as [`alignment_series`] gives, with or without the `parallel` feature.
///
/// ```
/// use cosignatory::align::{alignment_series_for_each, Pairs, SeriesOptions};
/// let ds = cosignatory::datasets::joint_statements();
/// let view = ds.view();
/// let window = [cosignatory::time::Window::new(ds.statements()[0].date, ds.statements().last().unwrap().date)];
/// let mut defined = 0;
/// let info = alignment_series_for_each(&view, &window, &Pairs::All, &SeriesOptions::for_view(&view), |_, _| {}, |p| {
///     defined += usize::from(p.score.value.is_some());
///     Ok(())
/// }).unwrap();
/// assert_eq!(info.points, info.actors.len() * (info.actors.len() - 1) / 2);
/// assert!(defined > 0);
/// ```
///
/// # Errors
/// As [`alignment_series`], and the sink's.
pub fn alignment_series_for_each(
    view: &View<'_>,
    windows: &[Window],
    pairs: &Pairs,
    options: &SeriesOptions,
    progress: impl Fn(usize, usize) + Sync,
    sink: impl FnMut(SeriesPoint) -> Result<()>,
) -> Result<SeriesInfo> {
    stream(
        view,
        windows,
        |k| view.clone().window(windows[k]),
        pairs,
        options,
        progress,
        |_| {},
        sink,
    )
}

/// [`alignment_series_for_each`] a piece at a time: consecutive runs of points of one window
/// (a few thousand; one with a bootstrap), as [`SeriesPiece`]s, go to `map` where they were
/// computed (with the `parallel` feature, on as many threads as rayon's pool has, the
/// caller's thread running `sink`), and `map`'s results go to `sink` in the series' order.
/// Work that turns points into something else (text, columns) runs in `map` beside the
/// scoring, on actor indices rather than shared ids; only `sink` is serial.
/// The pieces are the same whatever the number of threads, so `sink` sees the same sequence
/// of results.
///
/// ```
/// use cosignatory::align::{alignment_series_pieces, Pairs, SeriesOptions};
/// let ds = cosignatory::datasets::joint_statements();
/// let view = ds.view();
/// let window = [cosignatory::time::Window::new(ds.statements()[0].date, ds.statements().last().unwrap().date)];
/// let mut text = String::new();
/// let info = alignment_series_pieces(&view, &window, &Pairs::All, &SeriesOptions::for_view(&view), |_, _| {},
///     |piece| Ok(piece.points().map(|p| format!("{},{}\n", p.a, p.b)).collect::<String>()),
///     |piece| { text.push_str(&piece); Ok(()) }).unwrap();
/// assert_eq!(text.lines().count(), info.points);
/// ```
///
/// # Errors
/// As [`alignment_series`], and the first error of `map` (in the series' order) or `sink`.
pub fn alignment_series_pieces<T: Send>(
    view: &View<'_>,
    windows: &[Window],
    pairs: &Pairs,
    options: &SeriesOptions,
    progress: impl Fn(usize, usize) + Sync,
    map: impl Fn(SeriesPiece<'_>) -> Result<T> + Sync,
    sink: impl FnMut(T) -> Result<()>,
) -> Result<SeriesInfo> {
    stream_pieces(
        view,
        windows,
        |k| view.clone().window(windows[k]),
        pairs,
        options,
        progress,
        |_| {},
        map,
        sink,
    )
}

/// [`alignment_series_by_session`] a piece at a time, as [`alignment_series_pieces`].
///
/// # Errors
/// As [`alignment_series_by_session`], and the first error of `map` or `sink`.
pub fn alignment_series_by_session_pieces<T: Send>(
    view: &View<'_>,
    pairs: &Pairs,
    options: &SeriesOptions,
    progress: impl Fn(usize, usize) + Sync,
    map: impl Fn(SeriesPiece<'_>) -> Result<T> + Sync,
    sink: impl FnMut(T) -> Result<()>,
) -> Result<SeriesInfo> {
    let (sessions, windows) = session_windows(view)?;
    stream_pieces(
        view,
        &windows,
        |k| sessions[k].view(view),
        pairs,
        options,
        progress,
        |_| {},
        map,
        sink,
    )
}

/// One window's position matrix, its scorer (the bitset kernel) and its bootstrap's
/// resampling units.
type WindowState = (
    super::PositionMatrix,
    Option<super::matrix::PairScorer>,
    Option<Vec<u32>>,
);

/// Points per piece of work (one with a bootstrap).
const PIECE: usize = 1 << 12;

/// One window's state while its pieces are computed, and how many pieces are still to come.
struct WindowSlot {
    state: Mutex<Option<Arc<WindowState>>>,
    left: AtomicUsize,
}

/// The pairs of a series as matrix column indices, without listing every pair of [`Pairs::All`].
enum PairIndex {
    /// Every (i, j) with i < j < p, row by row.
    All(usize),
    /// (i, j) for every j ≠ i below p.
    Actor(usize, usize),
    List(Vec<(usize, usize)>),
}

impl PairIndex {
    fn len(&self) -> usize {
        match self {
            PairIndex::All(p) => p * p.saturating_sub(1) / 2,
            PairIndex::Actor(_, p) => p.saturating_sub(1),
            PairIndex::List(l) => l.len(),
        }
    }

    /// The pairs from the `k`-th on.
    fn from(&self, k: usize) -> Box<dyn Iterator<Item = (usize, usize)> + '_> {
        match *self {
            PairIndex::All(p) => {
                // Row i holds p − 1 − i pairs.
                let (mut i, mut k) = (0, k);
                while i < p && k >= p - 1 - i {
                    k -= p - 1 - i;
                    i += 1;
                }
                let rows = (i..p).flat_map(move |i| (i + 1..p).map(move |j| (i, j)));
                Box::new(rows.skip(k))
            }
            PairIndex::Actor(i, p) => {
                Box::new((0..p).filter(move |&j| j != i).map(move |j| (i, j)).skip(k))
            }
            PairIndex::List(ref l) => Box::new(l[k.min(l.len())..].iter().copied()),
        }
    }
}

/// The series over windows whose views `window_view` gives (window `k` → its view), point by
/// point into `sink`; `reserve(total points)` first.
#[allow(clippy::too_many_arguments)]
fn stream<'a>(
    view: &View<'a>,
    windows: &[Window],
    window_view: impl Fn(usize) -> View<'a> + Sync,
    pairs: &Pairs,
    options: &SeriesOptions,
    progress: impl Fn(usize, usize) + Sync,
    reserve: impl FnOnce(usize),
    mut sink: impl FnMut(SeriesPoint) -> Result<()>,
) -> Result<SeriesInfo> {
    stream_pieces(
        view,
        windows,
        window_view,
        pairs,
        options,
        progress,
        reserve,
        |piece| Ok(piece.points().collect::<Vec<_>>()),
        |points| points.into_iter().try_for_each(&mut sink),
    )
}

/// The series over windows whose views `window_view` gives (window `k` → its view), piece by
/// piece: `map` turns each piece's points into a `T` where the piece was computed (on
/// [`crate::par::ordered`]'s threads with the `parallel` feature), and `sink` takes the `T`s
/// in the series' order; `reserve(total points)` first.
#[allow(clippy::too_many_arguments)]
fn stream_pieces<'a, T: Send>(
    view: &View<'a>,
    windows: &[Window],
    window_view: impl Fn(usize) -> View<'a> + Sync,
    pairs: &Pairs,
    options: &SeriesOptions,
    progress: impl Fn(usize, usize) + Sync,
    reserve: impl FnOnce(usize),
    map: impl Fn(SeriesPiece<'_>) -> Result<T> + Sync,
    mut sink: impl FnMut(T) -> Result<()>,
) -> Result<SeriesInfo> {
    let measure = options.measure;
    check(options)?;
    let defaults = Defaults::for_view(view);
    let universe = defaults.resolve(&options.universe);
    let warnings = if view.is_empty() {
        Vec::new()
    } else {
        defaults.warnings(&options.coding, &universe)
    };
    let blocs = bloc_list(view, &universe)?;
    let (actors, index) = pair_index(view, pairs)?;
    let n_pairs = index.len();
    // Every pair through the bitset kernel when most pairs are wanted or the measure needs the
    // whole matrix; a table per pair otherwise (one actor, a few pairs).
    let whole = measure == Measure::Newman || matches!(pairs, Pairs::All);
    let total = if options.bootstrap.is_some() {
        windows.len() * n_pairs
    } else {
        windows.len()
    };
    let ds = view.dataset();
    let ids: Vec<Arc<str>> = actors
        .iter()
        .map(|&a| Arc::from(ds.actor(a).id.as_str()))
        .collect();
    reserve(windows.len() * n_pairs);
    let done = AtomicUsize::new(0);
    let step = || progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
    // One window's position matrix, its bootstrap's resampling units and, for the kernel, its
    // scorer.
    let state = |k: usize| -> Result<_> {
        let v = window_view(k);
        let m = positions(&v, &actors, &options.coding, &universe, &blocs);
        let units = options
            .bootstrap
            .as_ref()
            .map(|cfg| resampling_units(&v, cfg.resample));
        let scorer = whole
            .then(|| m.scorer(measure, &options.options))
            .transpose()?;
        Ok((m, scorer, units))
    };
    // One piece: pairs `from..to` of a window. Every point depends only on its window and pair
    // (each bootstrap starts from the configured seed), so pieces run on several threads with
    // the `parallel` feature and the points are the same bits in the same order.
    let piece = |w: &Window,
                 (m, scorer, units): &WindowState,
                 from: usize,
                 to: usize|
     -> Result<SeriesPiece<'_>> {
        let mut scratch = scorer.as_ref().map(super::matrix::PairScorer::scratch);
        let mut out = SeriesPiece {
            window: *w,
            actors: &ids,
            measure,
            pairs: Vec::with_capacity(to - from),
            scores: Vec::with_capacity(to - from),
            intervals: Vec::new(),
        };
        for (i, j) in index.from(from).take(to - from) {
            let score = match (scorer, &mut scratch) {
                (Some(scorer), Some(scratch)) => scorer.score(i, j, scratch)?,
                // The matrix's orientation (i ≤ j), so that a value is the same bits whichever
                // way the pair is asked for (the hypergeometric tail is not bit-symmetric).
                _ => measure.compute_with(&m.table(i.min(j), i.max(j)), &options.options)?,
            };
            if let Some(cfg) = &options.bootstrap {
                let (x, y) = (m.actor_codes(i), m.actor_codes(j));
                let mut dyad = Dyad::new(m.scale(), &x, &y)?;
                if let Some(units) = &units {
                    dyad = dyad.with_clusters(units)?;
                }
                out.intervals.push(bootstrap(measure, &dyad, cfg)?);
                step();
            }
            // Actor indices fit in u32: a position matrix has one row per actor.
            out.pairs.push((i as u32, j as u32));
            out.scores.push(score);
        }
        Ok(out)
    };
    // A bootstrap is the work of thousands of scores: one pair per piece spreads it.
    let size = if options.bootstrap.is_some() {
        1
    } else {
        PIECE
    };
    // Every window has at least one piece, so that its state (and any error it gives) is
    // made even without pairs; an empty piece reaches neither `map` nor `sink`.
    let per_window = n_pairs.div_ceil(size).max(1);
    // A window's state is made by the first piece that needs it and dropped after its last.
    let states: Vec<WindowSlot> = windows
        .iter()
        .map(|_| WindowSlot {
            state: Mutex::new(None),
            left: AtomicUsize::new(per_window),
        })
        .collect();
    let item = |i: usize| -> Result<Option<(usize, T)>> {
        let (k, from) = (i / per_window, (i % per_window) * size);
        let to = (from + size).min(n_pairs);
        let slot = &states[k];
        let state = {
            let mut held = slot.state.lock().unwrap_or_else(|e| e.into_inner());
            match &*held {
                Some(state) => Arc::clone(state),
                None => Arc::clone(held.insert(Arc::new(state(k)?))),
            }
        };
        let out = if from < to {
            let p = piece(&windows[k], &state, from, to)?;
            Some((p.len(), map(p)?))
        } else {
            None
        };
        drop(state);
        if slot.left.fetch_sub(1, Ordering::AcqRel) == 1 {
            *slot.state.lock().unwrap_or_else(|e| e.into_inner()) = None;
            if options.bootstrap.is_none() {
                step();
            }
        }
        Ok(out)
    };
    // Four pieces per thread may be ahead of the sink: at most `4 × threads × PIECE` points
    // are held between computing and the sink.
    let mut points = 0;
    crate::par::ordered(
        windows.len() * per_window,
        4 * crate::par::threads(),
        item,
        |done| {
            if let Some((n, t)) = done {
                points += n;
                sink(t)?;
            }
            Ok(())
        },
    )?;
    Ok(SeriesInfo {
        measure,
        coding: options.coding,
        universe,
        actors: ids,
        warnings,
        points,
    })
}

/// The actors of the position matrices and the pairs as columns of those matrices.
pub(crate) type ResolvedPairs = (Vec<ActorIdx>, Vec<(usize, usize)>);

/// The actors of the position matrices (every actor with a row in the view and those the pairs
/// name, in id order) and the pairs as columns of those matrices, listed.
pub(crate) fn resolve_pairs(view: &View<'_>, pairs: &Pairs) -> Result<ResolvedPairs> {
    let (actors, index) = pair_index(view, pairs)?;
    let listed = index.from(0).collect();
    Ok((actors, listed))
}

/// As [`resolve_pairs`], the pairs as an index that lists nothing for [`Pairs::All`].
fn pair_index(view: &View<'_>, pairs: &Pairs) -> Result<(Vec<ActorIdx>, PairIndex)> {
    let mut actors = actor_list(view, None)?;
    actors.extend(actor_list(view, Some(&pairs.named()))?);
    actors.sort_unstable();
    actors.dedup();
    let mut column = vec![usize::MAX; view.dataset().actors().len()];
    for (c, a) in actors.iter().enumerate() {
        column[a.index()] = c;
    }
    let at = |id: &str| {
        let a: ActorIdx = view.dataset().actor_index(id).expect("resolved above");
        column[a.index()]
    };
    let index = match pairs {
        Pairs::All => PairIndex::All(actors.len()),
        Pairs::Actor(a) => PairIndex::Actor(at(a), actors.len()),
        Pairs::List(l) => PairIndex::List(l.iter().map(|(a, b)| (at(a), at(b))).collect()),
    };
    Ok((actors, index))
}

/// Settings that fail in every window are refused before the first one, so that a series of
/// empty windows does not hide them.
pub(crate) fn check(options: &SeriesOptions) -> Result<()> {
    let measure = options.measure;
    if measure.needs_binary() && !options.coding.scale().is_binary() {
        return Err(AlignError::NotBinary { measure }.into());
    }
    if let Some(cfg) = &options.bootstrap {
        if measure == Measure::Newman {
            return Err(Error::InvalidParameter {
                name: "bootstrap",
                value: format!("{} replicates", cfg.replicates),
                reason: "no bootstrap for newman: it needs each statement's signer count, \
                         which a resampled pair table does not keep"
                    .into(),
            });
        }
        // The bootstrap checks its configuration on an empty dyad as on any other.
        bootstrap(
            measure,
            &Dyad::new(options.coding.scale(), &[], &[])?,
            &BootstrapConfig {
                replicates: cfg.replicates.min(1),
                ..*cfg
            },
        )?;
    }
    Ok(())
}

/// The alignment of listed pairs in each window: [`alignment_series`] with [`Pairs::List`].
///
/// ```
/// use cosignatory::align::{pair_series, Coding, Measure, SeriesOptions};
/// use cosignatory::time::WindowSpec;
/// let ds = cosignatory::datasets::joint_statements();
/// let d = |s: &str| s.parse().unwrap();
/// let windows = WindowSpec::years().windows(d("2020-01-01"), d("2021-12-31")).unwrap();
/// // The default universe follows the data: every statement for co-signature data.
/// let opts = SeriesOptions { measure: Measure::Jaccard, coding: Coding::cosignature(), ..Default::default() };
/// let s = pair_series(&ds.view(), &windows, &[("GBR", "USA")], &opts).unwrap();
/// assert_eq!(s.len(), 2);
/// assert!(s[0].score.value.unwrap() < 1.0);
/// ```
///
/// # Errors
/// As [`alignment_series`].
pub fn pair_series(
    view: &View<'_>,
    windows: &[Window],
    pairs: &[(&str, &str)],
    options: &SeriesOptions,
) -> Result<AlignmentSeries> {
    alignment_series(view, windows, &Pairs::list(pairs), options)
}

/// One actor against every other actor of the view in each window: [`alignment_series`] with
/// [`Pairs::Actor`].
///
/// # Errors
/// As [`alignment_series`].
pub fn actor_series(
    view: &View<'_>,
    windows: &[Window],
    actor: &str,
    options: &SeriesOptions,
) -> Result<AlignmentSeries> {
    alignment_series(view, windows, &Pairs::Actor(actor.to_string()), options)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::{MatrixOptions, alignment_matrix};
    use crate::model::{Dataset, DatasetBuilder, Statement, StatementKind};

    fn d(s: &str) -> chrono::NaiveDate {
        s.parse().unwrap()
    }

    /// Four letters: {A, B, C} and {A, B} in 2020, {A, C, D} in 2021, {D} alone in 2021.
    fn letters() -> Dataset {
        let mut b = DatasetBuilder::new();
        for (id, date) in [
            ("s1", "2020-01-10"),
            ("s2", "2020-05-10"),
            ("s3", "2021-02-10"),
            ("s4", "2021-08-10"),
        ] {
            b.statement(Statement::new(id, d(date), StatementKind::JointLetter));
        }
        b.signed_by("s1", ["AAA", "BBB", "CCC"])
            .signed_by("s2", ["AAA", "BBB"])
            .signed_by("s3", ["AAA", "CCC", "DDD"])
            .signed_by("s4", ["DDD"]);
        b.build().unwrap()
    }

    fn years() -> Vec<Window> {
        vec![
            Window::new(d("2019-01-01"), d("2019-12-31")),
            Window::new(d("2020-01-01"), d("2020-12-31")),
            Window::new(d("2021-01-01"), d("2021-12-31")),
        ]
    }

    #[test]
    fn newman_through_listed_pairs_counts_every_signer() {
        let ds = letters();
        let view = ds.view();
        let opts = SeriesOptions::for_view(&view).with_measure(Measure::Newman);
        let s = pair_series(&view, &years(), &[("AAA", "BBB"), ("AAA", "CCC")], &opts).unwrap();
        // 2020: s1 has three signers (1/2), s2 two (1/1): A–B 1.5, A–C 0.5, although C is
        // not in the first pair and D in none.
        assert_eq!(s.len(), 6);
        assert_eq!((&*s[2].a, &*s[2].b), ("AAA", "BBB"));
        assert_eq!(s[2].score.value, Some(1.5));
        assert_eq!(s[3].score.value, Some(0.5));
        // 2021: s3 has three signers because DDD signed it too.
        assert_eq!(s[5].score.value, Some(0.5));
        assert_eq!(
            s.actors().iter().map(|a| &**a).collect::<Vec<_>>(),
            ["AAA", "BBB", "CCC", "DDD"]
        );
        // The same values as the whole matrix of the window.
        let w = view.clone().between(d("2021-01-01"), d("2021-12-31"));
        let m = alignment_matrix(
            &w,
            &MatrixOptions::for_view(&view)
                .with_measure(Measure::Newman)
                .with_actors(s.actors()),
        )
        .unwrap();
        assert_eq!(m.score("AAA", "CCC"), Some(s[5].score));
    }

    #[test]
    fn empty_windows_are_undefined_and_selections_agree() {
        let ds = letters();
        let view = ds.view();
        let opts = SeriesOptions::for_view(&view);
        assert_eq!(opts.measure, Measure::Jaccard);
        let all = alignment_series(&view, &years(), &Pairs::All, &opts).unwrap();
        assert_eq!(all.len(), 3 * 6);
        assert!(all[..6].iter().all(|p| p.score == Score::undefined(0)));
        assert_eq!(all.universe(), &Universe::AllStatements);
        assert!(all.warnings().is_empty());
        // One actor: the pairs of the all-pairs series that contain it, same scores.
        let ccc = actor_series(&view, &years(), "CCC", &opts).unwrap();
        assert_eq!(ccc.len(), 3 * 3);
        for p in ccc.iter() {
            assert_eq!(&*p.a, "CCC");
            let (x, y) = if p.b < p.a {
                (&p.b, &p.a)
            } else {
                (&p.a, &p.b)
            };
            let q = all
                .iter()
                .find(|q| q.window == p.window && &q.a == x && &q.b == y)
                .unwrap();
            assert_eq!(q.score, p.score);
        }
        // 2021, universe all: A signed s3; B nothing; Jaccard A–B = 0/1.
        let ab = all
            .pair("AAA", "BBB")
            .map(|p| p.score.value)
            .collect::<Vec<_>>();
        assert_eq!(ab, [None, Some(1.0), Some(0.0)]);
    }

    #[test]
    fn bootstrap_intervals_and_progress() {
        let ds = letters();
        let view = ds.view();
        let opts = SeriesOptions {
            bootstrap: Some(BootstrapConfig {
                replicates: 50,
                seed: 4,
                ..Default::default()
            }),
            ..SeriesOptions::for_view(&view).with_measure(Measure::SimpleMatching)
        };
        let steps = std::sync::Mutex::new(Vec::new());
        let s = alignment_series_with_progress(
            &view,
            &years(),
            &Pairs::list(&[("AAA", "CCC")]),
            &opts,
            |done, total| steps.lock().unwrap().push((done, total)),
        )
        .unwrap();
        // Counts arrive in any order when windows run on several threads.
        let mut steps = steps.into_inner().unwrap();
        steps.sort();
        assert_eq!(steps, [(1, 3), (2, 3), (3, 3)]);
        let ci = s[1].interval.unwrap();
        assert_eq!((ci.estimate, ci.replicates), (s[1].score, 50));
        assert!(ci.lower.unwrap() <= s[1].score.value.unwrap());
        assert_eq!(s[0].interval.unwrap().defined, 0); // nothing to resample in 2019
        assert_eq!(
            s,
            pair_series(&view, &years(), &[("AAA", "CCC")], &opts).unwrap()
        );
    }

    #[test]
    fn settings_that_cannot_run_fail_before_any_window() {
        let ds = letters();
        let view = ds.view();
        let none: [Window; 0] = [];
        let newman_ci = SeriesOptions {
            measure: Measure::Newman,
            coding: Coding::cosignature(),
            bootstrap: Some(BootstrapConfig::default()),
            ..Default::default()
        };
        let e = alignment_series(&view, &none, &Pairs::All, &newman_ci).unwrap_err();
        assert!(
            matches!(
                e,
                Error::InvalidParameter {
                    name: "bootstrap",
                    ..
                }
            ),
            "{e}"
        );
        let jaccard_voeten = SeriesOptions::default().with_measure(Measure::Jaccard);
        let e = alignment_series(&view, &none, &Pairs::All, &jaccard_voeten).unwrap_err();
        assert!(
            matches!(e, Error::Align(AlignError::NotBinary { .. })),
            "{e}"
        );
        let bad_level = SeriesOptions {
            bootstrap: Some(BootstrapConfig {
                level: 1.5,
                ..Default::default()
            }),
            ..SeriesOptions::for_view(&view)
        };
        let e = alignment_series(&view, &none, &Pairs::All, &bad_level).unwrap_err();
        assert!(
            e.to_string().contains("invalid parameter `level` = 1.5"),
            "{e}"
        );
        let e = actor_series(&view, &none, "ZZZ", &SeriesOptions::for_view(&view)).unwrap_err();
        assert!(matches!(e, Error::UnknownActor { .. }), "{e}");
    }

    #[test]
    fn degenerate_defaults_on_signatures_warn() {
        let ds = letters();
        let view = ds.view();
        // Voeten's coding leaves non-signers missing: every joint item is signed/signed.
        let s = pair_series(
            &view,
            &years(),
            &[("AAA", "BBB")],
            &SeriesOptions::default(),
        )
        .unwrap();
        assert_eq!(s.warnings(), [AlignWarning::NonSignersMissing]);
        let recorded = SeriesOptions {
            universe: Universe::Recorded,
            ..SeriesOptions::for_view(&view)
        };
        let s = pair_series(&view, &years(), &[("AAA", "BBB")], &recorded).unwrap();
        assert_eq!(s.warnings(), [AlignWarning::RecordedSignaturesOnly]);
        assert_eq!(s[1].score.value, Some(1.0)); // what the warning is about
        // Co-signature coding under the default universe: every letter, no warning.
        let cosig = SeriesOptions {
            coding: Coding::cosignature(),
            ..SeriesOptions::default().with_measure(Measure::Jaccard)
        };
        let s = pair_series(&view, &years(), &[("AAA", "CCC")], &cosig).unwrap();
        assert!(s.warnings().is_empty());
        assert_eq!(s.universe(), &Universe::AllStatements);
        assert_eq!(s[1].score.value, Some(0.5)); // s1 both, s2 AAA only
    }
}
