//! The projection as columns: the edge list a table or a data frame wants, without the
//! petgraph graph in between.

use super::projection::{incidence, nodes, pairs};
use super::{ProjectionOptions, Weighting};
use crate::error::Result;
use crate::model::{ActorIdx, View};
use serde::{Deserialize, Serialize};

/// The edges of a projection, one column per edge attribute, in the order the edge tables
/// (`graph --format csv`) list them: by source node, then target node.
///
/// Node `k` is the dataset actor `actors[k]`; nodes are the actors with at least one
/// statement, in id order, as in [`project`](super::project). Every edge has
/// `source < target`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EdgeTable {
    /// The dataset actor of each node.
    pub actors: Vec<ActorIdx>,
    /// The source node of each edge.
    pub source: Vec<u32>,
    /// The target node of each edge.
    pub target: Vec<u32>,
    /// [`CoSign::weight`](super::CoSign::weight) of each edge.
    pub weight: Vec<f64>,
    /// [`CoSign::count`](super::CoSign::count) of each edge.
    pub count: Vec<u32>,
    /// Signed projections only (empty otherwise): the weighting of acting together
    /// ([`CoSignGraph::together`](super::CoSignGraph::together)).
    pub together: Vec<f64>,
    /// Signed projections only (empty otherwise): the weighting of acting against.
    pub against: Vec<f64>,
    /// Signed projections only (empty otherwise):
    /// [`CoSign::against_count`](super::CoSign::against_count).
    pub against_count: Vec<u32>,
    /// The weighting of the edges.
    pub weighting: Weighting,
    /// Whether the projection is signed.
    pub signed: bool,
    /// The number of statements (or roll calls) projected.
    pub num_statements: u32,
}

impl EdgeTable {
    /// The number of edges.
    pub fn len(&self) -> usize {
        self.source.len()
    }

    /// Whether there are no edges.
    pub fn is_empty(&self) -> bool {
        self.source.is_empty()
    }
}

/// Projects a view to its edge table: the same nodes, edges and values as
/// [`project`](super::project), written straight into columns. For callers who want the
/// edge list (a table, a data frame) rather than a graph to walk, this saves building the
/// petgraph graph.
///
/// ```
/// use cosignatory::graph::{project, project_edges, ProjectionOptions, Weighting};
/// let ds = cosignatory::datasets::joint_statements();
/// let options = ProjectionOptions::new(Weighting::Newman);
/// let table = project_edges(&ds.view(), &options).unwrap();
/// let graph = project(&ds.view(), &options).unwrap();
/// assert_eq!(table.len(), graph.graph().edge_count());
/// let (a, b) = (table.actors[table.source[0] as usize], table.actors[table.target[0] as usize]);
/// let edge = graph.edge(&ds.actor(a).id, &ds.actor(b).id).unwrap();
/// assert_eq!(table.weight[0], edge.weight);
/// ```
///
/// # Errors
/// As [`project`](super::project).
pub fn project_edges(view: &View<'_>, options: &ProjectionOptions) -> Result<EdgeTable> {
    let inc = incidence(view, options)?;
    let (node_of, actors) = nodes(&inc);
    let signed = options.signed;
    let mut table = EdgeTable {
        actors,
        source: Vec::new(),
        target: Vec::new(),
        weight: Vec::new(),
        count: Vec::new(),
        together: Vec::new(),
        against: Vec::new(),
        against_count: Vec::new(),
        weighting: options.weighting,
        signed,
        num_statements: inc.num_statements() as u32,
    };
    // Pairs arrive in (i, j) order of actor indices, and nodes keep that order.
    pairs(
        &inc,
        options.weighting,
        signed,
        |i, j, edge, together, against| {
            table.source.push(node_of[i]);
            table.target.push(node_of[j]);
            table.weight.push(edge.weight);
            table.count.push(edge.count);
            if signed {
                table.together.push(together);
                table.against.push(against);
                table.against_count.push(edge.against_count);
            }
        },
    );
    Ok(table)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::project;
    use crate::model::{DatasetBuilder, Position, Signature, Statement, StatementKind};

    /// Every column against the petgraph projection, edge by edge, in the edge tables' order.
    fn same_as_project(view: &View<'_>, options: &ProjectionOptions) {
        let table = project_edges(view, options).unwrap();
        let g = project(view, options).unwrap();
        let ds = view.dataset();
        let nodes: Vec<ActorIdx> = g
            .graph()
            .node_indices()
            .map(|n| ds.actor_index(&g.graph()[n].id).unwrap())
            .collect();
        assert_eq!(table.actors, nodes);
        let mut edges: Vec<_> = g
            .graph()
            .edge_indices()
            .map(|e| {
                let (a, b) = g.graph().edge_endpoints(e).unwrap();
                let (a, b) = (a.index().min(b.index()), a.index().max(b.index()));
                (a as u32, b as u32, e)
            })
            .collect();
        edges.sort_by_key(|&(a, b, _)| (a, b));
        assert_eq!(table.len(), edges.len());
        for (k, &(a, b, e)) in edges.iter().enumerate() {
            let cosign = g.graph()[e];
            assert_eq!((table.source[k], table.target[k]), (a, b));
            assert_eq!(table.weight[k].to_bits(), cosign.weight.to_bits());
            assert_eq!(table.count[k], cosign.count);
            if options.signed {
                assert_eq!(table.together[k].to_bits(), g.together(e).to_bits());
                assert_eq!(table.against[k].to_bits(), g.against(e).to_bits());
                assert_eq!(table.against_count[k], cosign.against_count);
            }
        }
        if !options.signed {
            assert!(table.together.is_empty() && table.against_count.is_empty());
        }
        assert_eq!(table.num_statements, g.num_statements());
        assert_eq!(
            (table.weighting, table.signed),
            (g.weighting(), g.is_signed())
        );
    }

    #[test]
    fn the_table_is_the_projection_for_every_weighting() {
        let ds = crate::datasets::joint_statements();
        for weighting in Weighting::ALL {
            for signed in [false, true] {
                let options = ProjectionOptions {
                    signed,
                    ..ProjectionOptions::new(weighting)
                };
                same_as_project(&ds.view(), &options);
            }
        }
    }

    #[test]
    fn roll_calls_signed_and_isolated_actors_match() {
        // Yes/no votes (signed projection), an abstention, and an actor alone on a statement.
        let d = "2020-01-01".parse().unwrap();
        let mut b = DatasetBuilder::new();
        for id in ["V1", "V2", "S"] {
            b.statement(Statement::new(id, d, StatementKind::ResolutionVote));
        }
        for (s, a, p) in [
            ("V1", "A", Position::Yes),
            ("V1", "B", Position::No),
            ("V1", "C", Position::Yes),
            ("V2", "A", Position::No),
            ("V2", "B", Position::No),
            ("V2", "C", Position::Abstain),
            ("S", "D", Position::Yes),
        ] {
            b.signature(Signature::new(s, a, p));
        }
        let ds = b.build().unwrap();
        for weighting in Weighting::ALL {
            for signed in [false, true] {
                let options = ProjectionOptions {
                    signed,
                    linking: crate::graph::Linking::SameVote,
                    ..ProjectionOptions::new(weighting)
                };
                same_as_project(&ds.view(), &options);
            }
        }
        let table = project_edges(&ds.view(), &ProjectionOptions::default()).unwrap();
        // Signatures link yes positions only: B (never yes) is no node, D (alone) is one.
        let ids: Vec<&str> = table
            .actors
            .iter()
            .map(|&a| ds.actor(a).id.as_str())
            .collect();
        assert_eq!(ids, ["A", "C", "D"]);
    }
}
