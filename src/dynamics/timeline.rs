//! [`Timeline`]: windows over a view, each with its graph, partition, tracked coalitions,
//! centralities and (optionally) alignment figures.

use super::alignment::{WindowAlignment, WindowInput};
use super::events::{CoalitionId, Event};
use super::history::{
    ActorHistory, CoalitionSummary, actor_history, coalition_summaries, stability,
};
use super::tracking::{CoalitionTracker, TrackingOptions};
use super::window::{
    CentralitySelection, WindowSnapshot, centralities, cluster_window, warm_labels, window_edges,
    window_quality,
};
use crate::cluster::{
    ClusterError, ClusterGraph, LeidenOptions, MultisliceOptions, Partition, Quality, Slice,
    multislice_leiden,
};
use crate::error::{Error, Result};
use crate::graph::{CoSignGraph, ProjectionOptions, Weighting, project};
use crate::model::{ActorIdx, BlocMode, View};
use crate::time::{Decay, Period, Window, WindowSpec};
use chrono::Datelike;
use serde::{Deserialize, Serialize};

/// How each window's clustering is kept consistent with its neighbours'.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Smoothing {
    /// Every window on its own (Leiden from singletons, a seed per window). Windows are
    /// independent; coalitions may flicker between equally good partitions.
    Independent,
    /// Leiden in each window starts from the previous window's partition (actors matched by
    /// id; new actors start alone), so a partition that still fits is kept. This removes
    /// flicker that comes from the optimiser (equally good partitions reached from
    /// different random orders); it does not hold on to a partition the new window's data
    /// clearly improve on — Leiden's aggregation levels reach the window's own optimum from
    /// almost any start. For change driven by sparse or noisy data, use `Multislice`.
    #[default]
    WarmStart,
    /// Multislice modularity (Mucha et al. 2010) over all windows at once, with coupling ω
    /// between an actor's copies in consecutive windows; see
    /// [`multislice_leiden`](super::multislice_leiden). Needs `Quality::Modularity` and
    /// non-negative weights.
    Multislice {
        /// The interslice coupling ω ≥ 0.
        coupling: f64,
    },
}

/// A [`Smoothing`] by name (the command line's `--smoothing`), without its coupling.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum SmoothingMethod {
    /// [`Smoothing::Independent`].
    Independent,
    /// [`Smoothing::WarmStart`].
    #[default]
    WarmStart,
    /// [`Smoothing::Multislice`].
    Multislice,
}

crate::names::named_enum!(SmoothingMethod, "smoothing", [
    Independent => "independent",
    WarmStart => "warm-start",
    Multislice => "multislice",
]);

impl SmoothingMethod {
    /// The smoothing, with interslice coupling ω for the multislice method (ignored by the
    /// others).
    pub fn with_coupling(self, coupling: f64) -> Smoothing {
        match self {
            SmoothingMethod::Independent => Smoothing::Independent,
            SmoothingMethod::WarmStart => Smoothing::WarmStart,
            SmoothingMethod::Multislice => Smoothing::Multislice { coupling },
        }
    }
}

/// Options of [`Timeline::build`].
///
/// Defaults: calendar years, Newman weights (Newman 2001: a statement of `k` signatories
/// adds `1/(k − 1)` to each pair, so large letters do not drown small coalitions), no
/// decay, warm-started Leiden with modularity γ = 1, tracking with θ = 0.3 and a memory of
/// 2 windows.
///
/// ```
/// use cosignatory::dynamics::{Smoothing, TimelineOptions};
/// use cosignatory::time::{Period, WindowSpec};
/// let o = TimelineOptions {
///     windows: WindowSpec::Calendar { period: Period::Year, size: 2, step: 2 },
///     smoothing: Smoothing::Multislice { coupling: 1.0 },
///     ..Default::default()
/// };
/// assert_eq!(o.tracking.threshold, 0.3);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TimelineOptions {
    /// How to cut time into windows.
    pub windows: WindowSpec,
    /// The dates to cover; default: from the view's first to its last statement.
    pub range: Option<Window>,
    /// The projection of each window (weighting, linking, signed, statement weights).
    /// Leave `decay` empty and use `half_life_days` for decay within windows.
    pub projection: ProjectionOptions,
    /// Exponential decay within each window: a statement weighs `2^(−age/half-life)` with
    /// its age counted from the window's last day ([`Decay`]).
    pub half_life_days: Option<f64>,
    /// How windows are clustered.
    pub smoothing: Smoothing,
    /// Leiden's options (quality, seed, iterations, randomness). `initial` and `fixed` must
    /// be empty. Window `i` uses a seed derived from `seed` and the window's dates.
    pub leiden: LeidenOptions,
    /// Coalition tracking.
    pub tracking: TrackingOptions,
    /// Centralities per window.
    pub centrality: CentralitySelection,
}

impl Default for TimelineOptions {
    fn default() -> Self {
        TimelineOptions {
            windows: WindowSpec::Calendar {
                period: Period::Year,
                size: 1,
                step: 1,
            },
            range: None,
            projection: ProjectionOptions::new(Weighting::Newman),
            half_life_days: None,
            smoothing: Smoothing::default(),
            leiden: LeidenOptions::default(),
            tracking: TrackingOptions::default(),
            centrality: CentralitySelection::default(),
        }
    }
}

/// Coalitions over time: per window the co-signature graph, its partition, the coalitions
/// tracked across windows with their events, centralities, stability against the previous
/// window and optional alignment figures. Serialises to JSON with serde; tables via
/// [`Timeline::csv`].
///
/// ```
/// use cosignatory::dynamics::{Timeline, TimelineOptions};
/// use cosignatory::model::BlocMode;
/// use cosignatory::time::{Period, WindowSpec};
/// let ds = cosignatory::datasets::joint_statements();
/// let view = ds.view().bloc_mode(BlocMode::Expand);
/// let options = TimelineOptions {
///     windows: WindowSpec::Calendar { period: Period::Year, size: 2, step: 2 },
///     ..Default::default()
/// };
/// let t = Timeline::build(&view, &options).unwrap();
/// assert_eq!(t.windows.len(), 6); // 2014–15, ..., 2024–25
/// let last = &t.windows[5];
/// // Every actor of the last window is in some community; tracked ones have an id.
/// assert_eq!(last.partition.len(), last.actors.len());
/// let usa = last.coalition_of("USA").unwrap();
/// assert!(last.members(usa).contains(&"JPN"));
/// let json = serde_json::to_string(&t).unwrap();
/// let back: Timeline = serde_json::from_str(&json).unwrap();
/// assert_eq!(back, t);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Timeline {
    /// The options used.
    pub options: TimelineOptions,
    /// The view's bloc mode.
    pub bloc_mode: BlocMode,
    /// The windows in time order.
    pub windows: Vec<WindowSnapshot>,
    /// Multislice modularity of the whole timeline, for [`Smoothing::Multislice`].
    pub multislice_quality: Option<f64>,
}

/// Runs `f` for every window and collects the results in window order; the first window's
/// error wins. Every call is independent of the others, so with the `parallel` feature the
/// windows run on rayon's pool and the results are the same as serially.
fn per_window<T: Send>(n: usize, f: impl Fn(usize) -> Result<T> + Sync) -> Result<Vec<T>> {
    crate::par::try_map(n, f)
}

/// A window's seed: `seed` mixed with the window's dates (SplitMix64 finaliser), so a window
/// gets the same seed whatever other windows the timeline has.
fn window_seed(seed: u64, w: &Window) -> u64 {
    let days = |d: chrono::NaiveDate| d.num_days_from_ce() as u64;
    let mut z = seed ^ days(w.start).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (days(w.end) << 32);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A window's projection.
struct Projected {
    window: Window,
    statements: usize,
    graph: CoSignGraph,
    cluster: ClusterGraph,
    actors: Vec<ActorIdx>,
}

impl Timeline {
    /// Builds the timeline of a view (its filters and bloc mode apply to every window).
    ///
    /// Windows are contiguous statement ranges found by binary search (statements are
    /// date-sorted), so a window costs its own statements only. Projection, independent
    /// clustering, centralities, stability and alignment are computed per window,
    /// independently; warm-started clustering and tracking run in time order, each step
    /// reusing the previous one.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] for invalid options (tracking ranges, a window spec that
    /// gives no windows, `leiden.initial`/`fixed` set, both `projection.decay` and
    /// `half_life_days`, multislice without modularity), an empty view without `range`;
    /// [`Error::Cluster`] when clustering refuses a window's graph (for example modularity on
    /// a signed projection: use `Quality::SignedModularity`).
    pub fn build(view: &View<'_>, options: &TimelineOptions) -> Result<Timeline> {
        Self::build_inner(view, options, None)
    }

    /// As [`build`](Self::build), adding each window's alignment figures from `alignment`
    /// (the extension point for alignment measures; see [`WindowAlignment`]).
    ///
    /// # Errors
    /// As [`build`](Self::build), and the first error `alignment` returns.
    pub fn build_with_alignment(
        view: &View<'_>,
        options: &TimelineOptions,
        alignment: &dyn WindowAlignment,
    ) -> Result<Timeline> {
        Self::build_inner(view, options, Some(alignment))
    }

    fn build_inner(
        view: &View<'_>,
        options: &TimelineOptions,
        alignment: Option<&dyn WindowAlignment>,
    ) -> Result<Timeline> {
        check(options)?;
        let windows = windows_of(view, options)?;
        let projected = per_window(windows.len(), |i| project_window(view, windows[i], options))?;
        let (partitions, labels, multislice_quality) = cluster_all(&projected, options)?;
        let quality = per_window(projected.len(), |i| {
            window_quality(&projected[i].cluster, &partitions[i], &options.leiden)
        })?;
        let centrality = per_window(projected.len(), |i| {
            centralities(&projected[i].graph, &partitions[i], &options.centrality)
        })?;

        let (coalitions, events) = track(&projected, &partitions, labels.as_deref(), options)?;
        let mut events = events.into_iter();

        let mut snapshots: Vec<WindowSnapshot> = Vec::with_capacity(projected.len());
        let parts = partitions
            .into_iter()
            .zip(coalitions)
            .zip(quality)
            .zip(centrality);
        for (i, (((partition, coalitions), quality), centrality)) in parts.enumerate() {
            let p = &projected[i];
            snapshots.push(WindowSnapshot {
                index: i,
                window: p.window,
                statements: p.statements,
                actors: p
                    .actors
                    .iter()
                    .map(|&a| view.dataset().actor(a).id.clone())
                    .collect(),
                activity: (0..p.graph.node_count())
                    .map(|n| p.graph.statements_of(petgraph::graph::NodeIndex::new(n)))
                    .collect(),
                edges: window_edges(&p.graph),
                partition,
                coalitions,
                quality,
                centrality,
                events: events.next().unwrap_or_default(),
                stability: None,
                alignment: Vec::new(),
            });
        }
        let stabilities = per_window(snapshots.len(), |i| {
            Ok((i > 0)
                .then(|| stability(&snapshots[i - 1], &snapshots[i]))
                .flatten())
        })?;
        for (s, st) in snapshots.iter_mut().zip(stabilities) {
            s.stability = st;
        }
        if let Some(alignment) = alignment {
            attach_alignment(view, &projected, &mut snapshots, alignment)?;
        }
        Ok(Timeline {
            options: options.clone(),
            bloc_mode: view.get_bloc_mode(),
            windows: snapshots,
            multislice_quality,
        })
    }

    /// Every event with its window index, in time order.
    pub fn events(&self) -> impl Iterator<Item = (usize, &Event)> + '_ {
        self.windows
            .iter()
            .flat_map(|w| w.events.iter().map(move |e| (w.index, e)))
    }

    /// The history of one actor; `None` if it takes part in no window.
    pub fn history(&self, actor: &str) -> Option<ActorHistory> {
        actor_history(&self.windows, actor)
    }

    /// The histories of every actor that takes part in some window, by id.
    pub fn histories(&self) -> Vec<ActorHistory> {
        let mut ids: Vec<&str> = self
            .windows
            .iter()
            .flat_map(|w| w.actors.iter().map(String::as_str))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids.into_iter()
            .filter_map(|a| actor_history(&self.windows, a))
            .collect()
    }

    /// Every coalition's first and last window and sizes, by id.
    pub fn coalitions(&self) -> Vec<CoalitionSummary> {
        coalition_summaries(&self.windows)
    }
}

/// Per window: the coalition of each community, and the events.
type Tracked = (Vec<Vec<Option<CoalitionId>>>, Vec<Vec<Event>>);

/// Tracks coalitions through the windows in time order.
fn track(
    projected: &[Projected],
    partitions: &[Partition],
    labels: Option<&[Vec<usize>]>,
    options: &TimelineOptions,
) -> Result<Tracked> {
    let mut tracker = CoalitionTracker::new(&options.tracking)?;
    let mut coalitions = Vec::with_capacity(projected.len());
    for (i, p) in projected.iter().enumerate() {
        let comms: Vec<Vec<ActorIdx>> = partitions[i]
            .communities()
            .map(|c| c.iter().map(|&n| p.actors[n]).collect())
            .collect();
        coalitions.push(match labels {
            Some(l) => tracker.push_labeled(&comms, &l[i])?,
            None => tracker.push(&comms),
        });
    }
    Ok((coalitions, tracker.finish()))
}

/// Computes each window's alignment figures (independently per window).
fn attach_alignment(
    view: &View<'_>,
    projected: &[Projected],
    snapshots: &mut [WindowSnapshot],
    alignment: &dyn WindowAlignment,
) -> Result<()> {
    let figures = per_window(snapshots.len(), |i| {
        let (p, s) = (&projected[i], &snapshots[i]);
        let wview = view.clone().between(p.window.start, p.window.end);
        alignment.figures(&WindowInput {
            index: i,
            window: p.window,
            view: &wview,
            graph: &p.graph,
            partition: &s.partition,
            coalitions: &s.coalitions,
        })
    })?;
    for (s, f) in snapshots.iter_mut().zip(figures) {
        s.alignment = f;
    }
    Ok(())
}

fn check(options: &TimelineOptions) -> Result<()> {
    options.tracking.check()?;
    let bad = |name: &'static str, value: String, reason: &str| {
        Err(Error::InvalidParameter {
            name,
            value,
            reason: reason.into(),
        })
    };
    if options.leiden.initial.is_some() || options.leiden.fixed.is_some() {
        return bad(
            "leiden.initial",
            "set".into(),
            "a timeline sets each window's start itself; leave `initial` and `fixed` empty",
        );
    }
    if options.projection.decay.is_some() && options.half_life_days.is_some() {
        return bad(
            "projection.decay",
            "set".into(),
            "give decay either as `half_life_days` (reference: each window's end) or in the projection, not both",
        );
    }
    if let Smoothing::Multislice { coupling } = options.smoothing {
        if !(coupling.is_finite() && coupling >= 0.0) {
            return bad(
                "coupling",
                coupling.to_string(),
                "must be a finite number >= 0",
            );
        }
        if !matches!(options.leiden.quality, Quality::Modularity { .. }) {
            return bad(
                "leiden.quality",
                format!("{:?}", options.leiden.quality),
                "multislice smoothing optimises multislice modularity: use Quality::Modularity",
            );
        }
    }
    Ok(())
}

/// The windows covering the options' range or the view's statements.
fn windows_of(view: &View<'_>, options: &TimelineOptions) -> Result<Vec<Window>> {
    let (from, to) = match options.range {
        Some(r) => (r.start, r.end),
        None => {
            let ds = view.dataset();
            let mut dates = view.statements().map(|s| ds.statement(s).date);
            let first = dates.next().ok_or_else(|| Error::InvalidParameter {
                name: "view",
                value: "empty".into(),
                reason: "the view has no statements; give `range` to build empty windows".into(),
            })?;
            (first, dates.last().unwrap_or(first))
        }
    };
    options.windows.windows(from, to)
}

fn project_window(view: &View<'_>, window: Window, options: &TimelineOptions) -> Result<Projected> {
    let wview = view.clone().between(window.start, window.end);
    let mut projection = options.projection.clone();
    if let Some(h) = options.half_life_days {
        projection.decay = Some(Decay::new(h, window.end)?);
    }
    let graph = project(&wview, &projection)?;
    // Nodes keyed and ordered by actor id, which is also the graph's node order.
    let cluster = graph.to_cluster_graph()?;
    let actors = (0..graph.node_count())
        .map(|n| graph.actor_index(petgraph::graph::NodeIndex::new(n)))
        .collect();
    Ok(Projected {
        window,
        statements: wview.len(),
        graph,
        cluster,
        actors,
    })
}

/// Partitions of every window, the multislice labels of each window's communities (for
/// tracking) and the multislice quality.
type Clustered = (Vec<Partition>, Option<Vec<Vec<usize>>>, Option<f64>);

fn cluster_all(projected: &[Projected], options: &TimelineOptions) -> Result<Clustered> {
    let leiden = &options.leiden;
    match options.smoothing {
        Smoothing::Independent => {
            let p = per_window(projected.len(), |i| {
                let seed = window_seed(leiden.seed, &projected[i].window);
                cluster_window(&projected[i].cluster, leiden, seed, None)
            })?;
            Ok((p, None, None))
        }
        Smoothing::Multislice { coupling } => {
            let slices: Vec<Slice<ActorIdx>> = projected
                .iter()
                .map(|p| Slice {
                    keys: p.actors.clone(),
                    graph: p.cluster.clone(),
                })
                .collect();
            let ms = MultisliceOptions {
                resolution: leiden.quality.resolution(),
                coupling,
                seed: leiden.seed,
                iterations: leiden.iterations,
                randomness: leiden.randomness,
            };
            let r = match multislice_leiden(&slices, &ms) {
                Ok(r) => r,
                // No edges anywhere and nothing coupled: every actor alone.
                Err(ClusterError::ZeroTotalWeight) => {
                    let p = slices
                        .iter()
                        .map(|s| Partition::singletons(s.keys.len()))
                        .collect();
                    return Ok((p, None, None));
                }
                Err(e) => return Err(e.into()),
            };
            let mut parts = Vec::with_capacity(slices.len());
            let mut labels = Vec::with_capacity(slices.len());
            for m in &r.memberships {
                let p = Partition::from_labels(m);
                labels.push(p.communities().map(|c| m[c[0]]).collect());
                parts.push(p);
            }
            Ok((parts, Some(labels), Some(r.quality)))
        }
        Smoothing::WarmStart => {
            let mut parts: Vec<Partition> = Vec::with_capacity(projected.len());
            for (i, p) in projected.iter().enumerate() {
                let initial = (i > 0)
                    .then(|| warm_labels(&projected[i - 1].actors, &parts[i - 1], &p.actors));
                let seed = window_seed(leiden.seed, &p.window);
                parts.push(cluster_window(&p.cluster, leiden, seed, initial)?);
            }
            Ok((parts, None, None))
        }
    }
}
