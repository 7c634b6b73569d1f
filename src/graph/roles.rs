//! Every actor's position in the graph in one table: strength, eigenvector, PageRank,
//! betweenness, and its role between coalitions (participation coefficient, within-module z,
//! Guimerà & Amaral 2005), with a flag for actors whose figures rest on very few statements.

use serde::{Deserialize, Serialize};

use super::{
    CentralityOptions, CoSignGraph, betweenness, eigenvector, pagerank, participation_coefficient,
    strength, within_module_z,
};
use crate::error::Result;

/// Fewer statements than this and an actor's participation coefficient rests on one or two
/// (often huge) statements: [`NodeRole::few_statements`] (the default of `--min-statements`).
pub const DEFAULT_MIN_STATEMENTS: u32 = 5;

/// One actor's centralities and coalition role. Measures that are undefined for the graph
/// (eigenvector and PageRank on a signed graph with negative weights, participation of an
/// actor without ties) are `None`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NodeRole {
    /// Actor id.
    pub actor: String,
    /// Statements the actor took part in.
    pub statements: u32,
    /// The actor's coalition (the canonical numbering, 1 = largest), if it has a tie.
    pub coalition: Option<usize>,
    /// Sum of the actor's edge weights.
    pub strength: f64,
    /// Eigenvector centrality (unit length).
    pub eigenvector: Option<f64>,
    /// PageRank (damping 0.85, sums to 1).
    pub pagerank: Option<f64>,
    /// Normalised betweenness over the positive ties, distance 1/weight.
    pub betweenness: Option<f64>,
    /// Participation coefficient: 0 when every tie stays in the coalition, near 1 for bridges.
    pub participation: Option<f64>,
    /// Within-module strength z-score.
    pub within_module_z: f64,
    /// Fewer statements than the threshold: read its participation with care.
    pub few_statements: bool,
}

/// The roles of every actor of `g` (in node order) with the coalitions
/// [`CoSignGraph::tied_coalitions`] finds for `seed`, the numbering `graph --coalitions` uses.
///
/// ```
/// use cosignatory::graph::{node_roles, project, ProjectionOptions};
/// let ds = cosignatory::datasets::joint_statements();
/// let g = project(&ds.view(), &ProjectionOptions::default()).unwrap();
/// let roles = node_roles(&g, 0, 5).unwrap();
/// assert_eq!(roles.len(), g.node_count());
/// let usa = roles.iter().find(|r| r.actor == "USA").unwrap();
/// assert!(usa.participation.unwrap() > 0.0 && !usa.few_statements);
/// ```
///
/// # Errors
/// Clustering errors (non-finite weights).
pub fn node_roles(g: &CoSignGraph, seed: u64, min_statements: u32) -> Result<Vec<NodeRole>> {
    let n = g.node_count();
    let tied = g.tied_coalitions(seed)?;
    let count = tied.communities.len();
    // Actors without a tie get a module of their own; they have no weight to split anyway.
    let membership: Vec<usize> = (0..n)
        .map(|v| tied.coalition[v].unwrap_or(count + v))
        .collect();
    let graph = g.graph();
    let w = |e: &super::CoSign| e.weight;
    let options = CentralityOptions::default();
    let s = strength(graph, w);
    let eig = eigenvector(graph, w, &options).ok();
    let pr = pagerank(graph, w, &options).ok();
    // Shortest paths over the positive ties only (a negative tie is no path).
    let positive = graph.filter_map(|_, a| Some(a), |_, e| (e.weight > 0.0).then_some(e.weight));
    let bc = betweenness(&positive, |x| *x, true).ok();
    let pc = participation_coefficient(graph, w, &membership)?;
    let z = within_module_z(graph, w, &membership)?;
    Ok((0..n)
        .map(|v| {
            let node = petgraph::graph::NodeIndex::new(v);
            let statements = g.statements_of(node);
            NodeRole {
                actor: g.id(v).to_string(),
                statements,
                coalition: tied.coalition[v].map(|k| k + 1),
                strength: s[v],
                eigenvector: eig.as_ref().map(|x| x[v]),
                pagerank: pr.as_ref().map(|x| x[v]),
                betweenness: bc.as_ref().map(|x| x[v]),
                participation: pc[v],
                within_module_z: z[v],
                few_statements: statements < min_statements,
            }
        })
        .collect())
}
