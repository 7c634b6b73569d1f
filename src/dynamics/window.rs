//! One window of a timeline: its graph, partition, coalitions and centralities, and the
//! per-window computations that produce them.

use super::alignment::AlignmentFigure;
use super::events::{CoalitionId, Event};
use super::history::Stability;
use crate::cluster::{
    ClusterError, ClusterGraph, LeidenOptions, Partition, Quality, leiden, quality,
};
use crate::error::Result;
use crate::graph::{
    CentralityOptions, CoSignGraph, betweenness, eigenvector, pagerank, participation_coefficient,
    strength, within_module_z,
};
use crate::model::ActorIdx;
use crate::time::Window;
use petgraph::graph::{NodeIndex, UnGraph};
use petgraph::visit::EdgeRef;
use serde::{Deserialize, Serialize};

/// An edge of a window's co-signature graph, between node indices `source < target`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct WindowEdge {
    /// The first node (index into [`WindowSnapshot::actors`]).
    pub source: u32,
    /// The second node.
    pub target: u32,
    /// The edge weight (see [`CoSign::weight`](crate::graph::CoSign)).
    pub weight: f64,
    /// Statements signed together in the window.
    pub count: u32,
}

/// Which centralities a timeline computes per window (strength, participation coefficient
/// and within-module z are always computed).
///
/// ```
/// use cosignatory::dynamics::CentralitySelection;
/// let c = CentralitySelection { betweenness: false, ..Default::default() };
/// assert!(c.pagerank && !c.eigenvector);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CentralitySelection {
    /// Weighted PageRank (default on).
    pub pagerank: bool,
    /// Weighted betweenness, normalised, distance `1/weight` (default on).
    pub betweenness: bool,
    /// Eigenvector centrality (default off: it may not converge on some graphs).
    pub eigenvector: bool,
}

impl Default for CentralitySelection {
    fn default() -> Self {
        CentralitySelection {
            pagerank: true,
            betweenness: true,
            eigenvector: false,
        }
    }
}

/// Per-node centralities of one window, indexed like [`WindowSnapshot::actors`]. All are
/// computed on the positive-weight edges of the window's graph (the whole graph for
/// unsigned projections), with the definitions of [`crate::graph`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct WindowCentrality {
    /// Strength (weighted degree).
    pub strength: Vec<f64>,
    /// Participation coefficient (Guimerà & Amaral 2005) for the window's partition;
    /// `None` for an actor without ties.
    pub participation: Vec<Option<f64>>,
    /// Within-module degree z-score (Guimerà & Amaral 2005).
    pub within_module_z: Vec<f64>,
    /// PageRank, when selected.
    pub pagerank: Option<Vec<f64>>,
    /// Normalised weighted betweenness, when selected.
    pub betweenness: Option<Vec<f64>>,
    /// Eigenvector centrality, when selected.
    pub eigenvector: Option<Vec<f64>>,
}

/// Everything a timeline knows about one window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WindowSnapshot {
    /// Position in the timeline, from 0.
    pub index: usize,
    /// The dates.
    pub window: Window,
    /// Statements in the window (after the view's filters).
    pub statements: usize,
    /// The actors taking part, ascending by id: the graph's nodes.
    pub actors: Vec<String>,
    /// Statements each actor took part in.
    pub activity: Vec<u32>,
    /// The co-signature graph's edges, by node index.
    pub edges: Vec<WindowEdge>,
    /// The window's communities over the nodes.
    pub partition: Partition,
    /// The coalition of each community of `partition` (`None`: too small to be tracked).
    pub coalitions: Vec<Option<CoalitionId>>,
    /// The quality (as configured for Leiden) of `partition` on this window's graph; `None`
    /// where it is undefined (a window without edges for modularity).
    pub quality: Option<f64>,
    /// Centralities per node.
    pub centrality: WindowCentrality,
    /// Events between earlier windows and this one.
    pub events: Vec<Event>,
    /// Agreement with the previous window's partition (`None` for the first window or when
    /// no actor is in both).
    pub stability: Option<Stability>,
    /// Alignment figures, when the timeline was built with a
    /// [`WindowAlignment`](super::WindowAlignment).
    pub alignment: Vec<AlignmentFigure>,
}

impl WindowSnapshot {
    /// The node index of an actor id, if the actor takes part in the window.
    pub fn node(&self, actor: &str) -> Option<usize> {
        self.actors.binary_search_by(|a| a.as_str().cmp(actor)).ok()
    }

    /// The coalition of the actor at a node.
    ///
    /// # Panics
    /// If `node >= self.actors.len()`.
    pub fn coalition_of_node(&self, node: usize) -> Option<CoalitionId> {
        self.coalitions[self.partition.community_of(node)]
    }

    /// The coalition of an actor in this window.
    pub fn coalition_of(&self, actor: &str) -> Option<CoalitionId> {
        self.node(actor).and_then(|n| self.coalition_of_node(n))
    }

    /// The members of a coalition in this window (empty if it is not found here).
    pub fn members(&self, coalition: CoalitionId) -> Vec<&str> {
        match self.coalitions.iter().position(|&c| c == Some(coalition)) {
            Some(c) => self
                .partition
                .community(c)
                .iter()
                .map(|&n| self.actors[n].as_str())
                .collect(),
            None => Vec::new(),
        }
    }

    /// The tracked coalitions of this window with their members, by ascending id.
    pub fn coalition_members(&self) -> Vec<(CoalitionId, Vec<&str>)> {
        let mut v: Vec<(CoalitionId, Vec<&str>)> = self
            .coalitions
            .iter()
            .enumerate()
            .filter_map(|(c, id)| {
                id.map(|id| {
                    let m = self.partition.community(c);
                    (id, m.iter().map(|&n| self.actors[n].as_str()).collect())
                })
            })
            .collect();
        v.sort_by_key(|x| x.0);
        v
    }

    /// The window's graph as a petgraph graph (nodes are actor ids, edges weights).
    pub fn to_petgraph(&self) -> UnGraph<String, f64> {
        let mut g = UnGraph::with_capacity(self.actors.len(), self.edges.len());
        for a in &self.actors {
            g.add_node(a.clone());
        }
        for e in &self.edges {
            g.add_edge(
                NodeIndex::new(e.source as usize),
                NodeIndex::new(e.target as usize),
                e.weight,
            );
        }
        g
    }
}

/// Leiden on one window. A window without weight (no edges) under modularity gets
/// singletons. Returns the partition.
pub(crate) fn cluster_window(
    cg: &ClusterGraph,
    options: &LeidenOptions,
    seed: u64,
    initial: Option<Vec<usize>>,
) -> Result<Partition> {
    // The crate's one rule: signed modularity only where the window has negative weights.
    let opts = LeidenOptions {
        seed,
        initial,
        quality: signed_rule(options.quality, cg),
        ..options.clone()
    };
    match leiden(cg, &opts) {
        Ok(c) => Ok(c.partition),
        Err(ClusterError::ZeroTotalWeight) => Ok(Partition::singletons(cg.node_count())),
        Err(e) => Err(e.into()),
    }
}

/// [`Quality::for_graph`] for signed modularity only: a signed projection's window without
/// negative weights is clustered by plain modularity (equal there). Plain modularity asked
/// for on a window with negative weights stays an error, as documented on the timeline.
fn signed_rule(quality: Quality, cg: &ClusterGraph) -> Quality {
    match quality {
        Quality::SignedModularity { .. } => quality.for_graph(cg),
        q => q,
    }
}

/// The configured quality of a partition, `None` where undefined.
pub(crate) fn window_quality(
    cg: &ClusterGraph,
    partition: &Partition,
    options: &LeidenOptions,
) -> Result<Option<f64>> {
    match quality(
        cg,
        partition.membership(),
        &signed_rule(options.quality, cg),
    ) {
        // + 0.0 turns −0.0 (one community, no weight outside) into 0.
        Ok(q) => Ok(Some(q + 0.0)),
        Err(ClusterError::ZeroTotalWeight) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// The starting labels for warm-starting Leiden on `actors` from the previous window:
/// an actor present before starts in its previous community; a new actor alone.
pub(crate) fn warm_labels(
    prev_actors: &[ActorIdx],
    prev: &Partition,
    actors: &[ActorIdx],
) -> Vec<usize> {
    let offset = prev.community_count();
    actors
        .iter()
        .enumerate()
        .map(|(i, a)| match prev_actors.binary_search(a) {
            Ok(j) => prev.community_of(j),
            Err(_) => offset + i,
        })
        .collect()
}

/// Centralities of one window for its partition.
pub(crate) fn centralities(
    graph: &CoSignGraph,
    partition: &Partition,
    selection: &CentralitySelection,
) -> Result<WindowCentrality> {
    let positive = graph.filter_edges(|_, _, e| e.weight > 0.0);
    let g = positive.graph();
    let w = |e: &crate::graph::CoSign| e.weight;
    let membership = partition.membership();
    let options = CentralityOptions::default();
    Ok(WindowCentrality {
        strength: strength(g, w),
        participation: participation_coefficient(g, w, membership)?,
        within_module_z: within_module_z(g, w, membership)?,
        pagerank: selection
            .pagerank
            .then(|| pagerank(g, w, &options))
            .transpose()?,
        betweenness: selection
            .betweenness
            .then(|| betweenness(g, w, true))
            .transpose()?,
        eigenvector: selection
            .eigenvector
            .then(|| eigenvector(g, w, &options))
            .transpose()?,
    })
}

/// The graph's edges by node index, `source < target`, sorted.
pub(crate) fn window_edges(graph: &CoSignGraph) -> Vec<WindowEdge> {
    let mut edges: Vec<WindowEdge> = graph
        .graph()
        .edge_references()
        .map(|e| {
            let (a, b) = (e.source().index() as u32, e.target().index() as u32);
            WindowEdge {
                source: a.min(b),
                target: a.max(b),
                weight: e.weight().weight,
                count: e.weight().count,
            }
        })
        .collect();
    edges.sort_by_key(|e| (e.source, e.target));
    edges
}
