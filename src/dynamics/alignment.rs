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
