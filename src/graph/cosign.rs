//! The weighted actor graph.

use super::Weighting;
use crate::model::{Actor, ActorIdx};
use petgraph::graph::{EdgeIndex, NodeIndex, UnGraph};
use petgraph::visit::EdgeRef;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// What an edge of a [`CoSignGraph`] carries.
///
/// Kept to 16 bytes because large projections hold tens of millions of edges. For a signed
/// projection `weight = together − against`; the two parts are kept by the graph
/// ([`CoSignGraph::together`], [`CoSignGraph::against`]), not by every edge.
///
/// ```
/// assert_eq!(std::mem::size_of::<cosignatory::graph::CoSign>(), 16);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct CoSign {
    /// The edge weight: the weighting of acting together (minus that of acting against, in a
    /// signed projection).
    pub weight: f64,
    /// Raw number of statements signed together (or roll calls voted alike).
    pub count: u32,
    /// Raw number of times the pair acted against each other (0 unless signed).
    pub against_count: u32,
}

/// An undirected weighted actor graph: a petgraph [`UnGraph`] whose nodes are [`Actor`]s
/// (in id order) and whose edges are [`CoSign`]s, plus lookup by actor id.
///
/// Use [`CoSignGraph::graph`] to run petgraph's own algorithms on it.
///
/// ```
/// use cosignatory::graph::{project, ProjectionOptions, Weighting};
/// let ds = cosignatory::datasets::joint_statements();
/// let g = project(&ds.view(), &ProjectionOptions::new(Weighting::Count)).unwrap();
/// let e = g.edge("GBR", "USA").unwrap();
/// assert_eq!(e.count, 18);
/// // petgraph algorithms work on the underlying graph:
/// assert_eq!(petgraph::algo::connected_components(g.graph()), 1);
/// ```
#[derive(Debug, Clone)]
pub struct CoSignGraph {
    pub(crate) graph: UnGraph<Actor, CoSign>,
    pub(crate) lookup: HashMap<String, NodeIndex>,
    pub(crate) actor_index: Vec<ActorIdx>,
    pub(crate) weighting: Weighting,
    pub(crate) signed: bool,
    /// Statements each node took part in (raw count), and the number of statements in the view.
    pub(crate) totals: Vec<u32>,
    pub(crate) num_statements: u32,
    /// Signed projections: `[together, against]` per edge index; empty otherwise.
    pub(crate) signed_parts: Vec<[f64; 2]>,
    /// Backbones: the test of each edge, by edge index; empty otherwise.
    pub(crate) edge_tests: Vec<super::EdgeTest>,
    /// Backbones: `Some(true)` when both tails were tested; `None` for a plain projection.
    pub(crate) tested: Option<bool>,
}

impl CoSignGraph {
    /// The underlying petgraph graph.
    pub fn graph(&self) -> &UnGraph<Actor, CoSign> {
        &self.graph
    }

    /// Takes the underlying petgraph graph.
    pub fn into_graph(self) -> UnGraph<Actor, CoSign> {
        self.graph
    }

    /// The node of an actor id.
    pub fn node(&self, id: &str) -> Option<NodeIndex> {
        self.lookup.get(id).copied()
    }

    /// The actor at a node.
    ///
    /// # Panics
    /// If the node is not in the graph.
    pub fn actor(&self, node: NodeIndex) -> &Actor {
        &self.graph[node]
    }

    /// The dataset index of the actor at a node.
    pub fn actor_index(&self, node: NodeIndex) -> ActorIdx {
        self.actor_index[node.index()]
    }

    /// The edge between two actors, by id.
    pub fn edge(&self, a: &str, b: &str) -> Option<&CoSign> {
        Some(&self.graph[self.edge_index(a, b)?])
    }

    /// The index of the edge between two actors, by id.
    pub fn edge_index(&self, a: &str, b: &str) -> Option<EdgeIndex> {
        self.graph.find_edge(self.node(a)?, self.node(b)?)
    }

    /// The weighting of acting together on edge `e`: the edge weight of an unsigned
    /// projection, the positive part of a signed one.
    ///
    /// ```
    /// use cosignatory::graph::{project, ProjectionOptions, Weighting};
    /// let ds = cosignatory::datasets::joint_statements();
    /// let options = ProjectionOptions { signed: true, ..ProjectionOptions::new(Weighting::Count) };
    /// let g = project(&ds.view(), &options).unwrap();
    /// let e = g.edge_index("CHN", "GBR").unwrap();
    /// assert_eq!(g.together(e) - g.against(e), g.graph()[e].weight);
    /// assert!(g.against(e) > 0.0); // counter-statements on Xinjiang and Hong Kong
    /// ```
    ///
    /// # Panics
    /// If `e` is not an edge of this graph.
    pub fn together(&self, e: EdgeIndex) -> f64 {
        match self.signed_parts.get(e.index()) {
            Some(parts) => parts[0],
            None => self.graph[e].weight,
        }
    }

    /// The weighting of acting against each other on edge `e` (0 unless signed).
    ///
    /// # Panics
    /// If `e` is not an edge of this graph.
    pub fn against(&self, e: EdgeIndex) -> f64 {
        match self.signed_parts.get(e.index()) {
            Some(parts) => parts[1],
            None => {
                assert!(e.index() < self.graph.edge_count(), "no edge {e:?}");
                0.0
            }
        }
    }

    /// The significance test of edge `e` if this graph is a backbone
    /// ([`backbone_of_view`](super::backbone_of_view), [`backbone`](super::backbone)).
    pub fn edge_test(&self, e: EdgeIndex) -> Option<&super::EdgeTest> {
        self.edge_tests.get(e.index())
    }

    /// Whether the edges carry significance tests (a backbone), and whether they have a
    /// lower-tail p-value (a signed backbone): `(tested, lower tail)`.
    pub fn edge_tests(&self) -> (bool, bool) {
        (self.tested.is_some(), self.tested == Some(true))
    }

    /// Number of actors.
    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    /// Number of edges.
    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// The weighting the edges carry.
    pub fn weighting(&self) -> Weighting {
        self.weighting
    }

    /// Whether the projection was signed.
    pub fn is_signed(&self) -> bool {
        self.signed
    }

    /// Statements the actor at `node` took part in (raw count).
    pub fn statements_of(&self, node: NodeIndex) -> u32 {
        self.totals[node.index()]
    }

    /// Number of statements in the projected view.
    pub fn num_statements(&self) -> u32 {
        self.num_statements
    }

    /// Edges as `(a, b, &CoSign)` with `a < b`, strongest first (ties by actor ids).
    pub fn strongest(&self) -> Vec<(&Actor, &Actor, &CoSign)> {
        let mut v: Vec<(EdgeIndex, NodeIndex, NodeIndex)> = self
            .graph
            .edge_references()
            .map(|e| {
                (
                    e.id(),
                    e.source().min(e.target()),
                    e.source().max(e.target()),
                )
            })
            .collect();
        v.sort_by(|x, y| {
            self.graph[y.0]
                .weight
                .total_cmp(&self.graph[x.0].weight)
                .then((x.1, x.2).cmp(&(y.1, y.2)))
        });
        v.into_iter()
            .map(|(e, a, b)| (&self.graph[a], &self.graph[b], &self.graph[e]))
            .collect()
    }

    /// The graph prepared for the clustering routines of [`crate::cluster`], with nodes in
    /// actor-id order and the edge `weight` (which may be negative in a signed projection).
    /// Partitions are indexed by this graph's node indices.
    ///
    /// ```
    /// use cosignatory::cluster::{leiden, LeidenOptions};
    /// use cosignatory::graph::{project, ProjectionOptions, Weighting};
    /// let ds = cosignatory::datasets::joint_statements();
    /// let g = project(&ds.view(), &ProjectionOptions::new(Weighting::Newman)).unwrap();
    /// let result = leiden(&g.to_cluster_graph().unwrap(), &LeidenOptions::default()).unwrap();
    /// assert_eq!(result.partition.len(), g.node_count());
    /// ```
    ///
    /// # Errors
    /// [`ClusterError`](crate::cluster::ClusterError) for non-finite weights.
    pub fn to_cluster_graph(
        &self,
    ) -> Result<crate::cluster::ClusterGraph, crate::cluster::ClusterError> {
        crate::cluster::ClusterGraph::from_petgraph(&self.graph, |a| a.id.clone(), |e| e.weight)
    }

    /// A copy keeping only the edges for which `keep` returns true (all nodes stay).
    pub fn filter_edges(
        &self,
        mut keep: impl FnMut(NodeIndex, NodeIndex, &CoSign) -> bool,
    ) -> CoSignGraph {
        // filter_map keeps the surviving edges in index order, so their parts follow suit.
        let mut signed_parts = Vec::new();
        let mut edge_tests = Vec::new();
        let graph = self.graph.filter_map(
            |_, a| Some(a.clone()),
            |e, w| {
                let (a, b) = self.graph.edge_endpoints(e).expect("edge of this graph");
                let kept = keep(a, b, w);
                if kept && self.signed {
                    signed_parts.push(self.signed_parts[e.index()]);
                }
                if kept && let Some(t) = self.edge_tests.get(e.index()) {
                    edge_tests.push(*t);
                }
                kept.then_some(*w)
            },
        );
        CoSignGraph {
            graph,
            signed_parts,
            edge_tests,
            ..self.clone_without_graph()
        }
    }

    fn clone_without_graph(&self) -> CoSignGraph {
        CoSignGraph {
            graph: UnGraph::default(),
            lookup: self.lookup.clone(),
            actor_index: self.actor_index.clone(),
            weighting: self.weighting,
            signed: self.signed,
            totals: self.totals.clone(),
            num_statements: self.num_statements,
            signed_parts: Vec::new(),
            edge_tests: Vec::new(),
            tested: self.tested,
        }
    }
}
