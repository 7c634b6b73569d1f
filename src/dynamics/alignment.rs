//! Extension point: alignment figures per window.
//!
//! A timeline computes graphs, partitions and centralities itself; alignment measures (the
//! [`align`](crate::align) module's scores, bloc cohesion, ...) plug in through
//! [`WindowAlignment`], which [`Timeline::build_with_alignment`](super::Timeline::build_with_alignment)
//! calls once per window after the coalitions are tracked. Each call sees only its own
//! window, so windows can be processed in parallel.

use super::events::CoalitionId;
use crate::cluster::Partition;
use crate::error::Result;
use crate::graph::CoSignGraph;
use crate::model::View;
use crate::time::Window;
use serde::{Deserialize, Serialize};

/// One alignment figure of a window: a named value for the whole window or for one
/// coalition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AlignmentFigure {
    /// The measure's name (for example `"kappa.mean"`).
    pub measure: String,
    /// The coalition it describes; `None` for the whole window.
    pub coalition: Option<CoalitionId>,
    /// The value.
    pub value: f64,
}

/// What a [`WindowAlignment`] sees of one window.
#[derive(Debug, Clone, Copy)]
pub struct WindowInput<'v, 'a> {
    /// Position in the timeline.
    pub index: usize,
    /// The dates.
    pub window: Window,
    /// The timeline's view restricted to the window (same filters and bloc mode).
    pub view: &'v View<'a>,
    /// The window's co-signature graph.
    pub graph: &'v CoSignGraph,
    /// The window's partition over the graph's nodes.
    pub partition: &'v Partition,
    /// The coalition of each community of `partition` (`None`: untracked).
    pub coalitions: &'v [Option<CoalitionId>],
}

/// Computes alignment figures for one window of a timeline.
///
/// ```
/// use cosignatory::dynamics::{AlignmentFigure, WindowAlignment, WindowInput};
/// /// Share of the window's edge weight that lies inside tracked coalitions.
/// struct InsideShare;
/// impl WindowAlignment for InsideShare {
///     fn figures(&self, w: &WindowInput<'_, '_>) -> cosignatory::Result<Vec<AlignmentFigure>> {
///         let g = w.graph.graph();
///         let (mut inside, mut total) = (0.0, 0.0);
///         for e in g.edge_indices() {
///             let (a, b) = g.edge_endpoints(e).unwrap();
///             let (ca, cb) = (w.partition.community_of(a.index()), w.partition.community_of(b.index()));
///             total += g[e].weight;
///             if ca == cb && w.coalitions[ca].is_some() {
///                 inside += g[e].weight;
///             }
///         }
///         let value = if total > 0.0 { inside / total } else { 0.0 };
///         Ok(vec![AlignmentFigure { measure: "inside_share".into(), coalition: None, value }])
///     }
/// }
/// ```
pub trait WindowAlignment: Sync {
    /// The figures of one window.
    ///
    /// # Errors
    /// Whatever the measure refuses; the timeline stops with the first window's error.
    fn figures(&self, window: &WindowInput<'_, '_>) -> Result<Vec<AlignmentFigure>>;
}

/// The built-in [`WindowAlignment`]: the mean of an [`align`](crate::align) measure over all
/// pairs of the window's actors (`"<measure>.mean"`) and over the pairs inside each tracked
/// coalition (`"<measure>.within"`). Pairs whose score is undefined are left out of the means;
/// a mean over no defined pair gives no figure.
///
/// ```
/// use cosignatory::align::{Coding, Measure, Universe};
/// use cosignatory::dynamics::{CoalitionAlignment, Timeline, TimelineOptions};
/// let ds = cosignatory::datasets::joint_statements();
/// let alignment = CoalitionAlignment::new(Measure::Jaccard, Coding::cosignature(), Universe::AllStatements);
/// let t = Timeline::build_with_alignment(&ds.view(), &TimelineOptions::default(), &alignment).unwrap();
/// let figures: Vec<_> = t.windows.iter().flat_map(|w| &w.alignment).collect();
/// assert!(figures.iter().any(|f| f.measure == "jaccard.within"));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CoalitionAlignment {
    /// The measure.
    pub measure: crate::align::Measure,
    /// The coding of positions.
    pub coding: crate::align::Coding,
    /// Which statements are items for which actors.
    pub universe: crate::align::Universe,
    /// Measure options.
    pub options: crate::align::Options,
}

impl CoalitionAlignment {
    /// Means of `measure` under a coding and universe, with default measure options.
    pub fn new(
        measure: crate::align::Measure,
        coding: crate::align::Coding,
        universe: crate::align::Universe,
    ) -> Self {
        CoalitionAlignment {
            measure,
            coding,
            universe,
            options: crate::align::Options::default(),
        }
    }
}

impl WindowAlignment for CoalitionAlignment {
    fn figures(&self, w: &WindowInput<'_, '_>) -> Result<Vec<AlignmentFigure>> {
        let ids: Vec<String> = w
            .graph
            .graph()
            .node_weights()
            .map(|a| a.id.clone())
            .collect();
        if ids.len() < 2 {
            return Ok(Vec::new());
        }
        let m = crate::align::alignment_matrix(
            w.view,
            &crate::align::MatrixOptions {
                actors: Some(ids),
                measure: self.measure,
                coding: self.coding,
                universe: self.universe.clone(),
                options: self.options,
            },
        )?;
        let name = self.measure.name();
        let mean = |pairs: &mut dyn Iterator<Item = f64>| {
            let (sum, n) = pairs.fold((0.0, 0u32), |(s, n), v| (s + v, n + 1));
            (n > 0).then(|| sum / f64::from(n))
        };
        let mut out = Vec::new();
        if let Some(value) = mean(&mut m.pairs().filter_map(|(_, _, s)| s.value)) {
            out.push(AlignmentFigure {
                measure: format!("{name}.mean"),
                coalition: None,
                value,
            });
        }
        // Node i of the graph is actor i of the matrix (same order, same ids).
        for (c, members) in w.partition.communities().enumerate() {
            let Some(id) = w.coalitions.get(c).copied().flatten() else {
                continue;
            };
            let mut inside = members
                .iter()
                .enumerate()
                .flat_map(|(k, &i)| members[k + 1..].iter().map(move |&j| (i, j)));
            let mut values =
                std::iter::from_fn(|| inside.next()).filter_map(|(i, j)| m.get(i, j).value);
            if let Some(value) = mean(&mut values) {
                out.push(AlignmentFigure {
                    measure: format!("{name}.within"),
                    coalition: Some(id),
                    value,
                });
            }
        }
        Ok(out)
    }
}
