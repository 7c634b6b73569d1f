//! The order of the crate's edge tables: nodes by actor id, edges by their endpoints' ranks.
//! The exports, the CLI's tables and the Python package's columns all follow it.

use super::CoSignGraph;
use petgraph::graph::{EdgeIndex, NodeIndex};

/// A graph's nodes in actor-id order and its edges by `(rank(a), rank(b))` with
/// `rank(a) <= rank(b)`, parallel edges in index order. Projections already come in this
/// order; then no list of edges is kept.
///
/// ```
/// use cosignatory::graph::{project, ProjectionOptions, Weighting};
/// let ds = cosignatory::datasets::joint_statements();
/// let g = project(&ds.view(), &ProjectionOptions::new(Weighting::Count)).unwrap();
/// let order = g.table_order();
/// let (a, b, _) = order.edges(&g).next().unwrap();
/// assert!(order.rank(a) < order.rank(b));
/// let ids: Vec<&str> = order.nodes().iter().map(|&n| g.actor(n).id.as_str()).collect();
/// assert!(ids.is_sorted());
/// ```
#[derive(Debug, Clone)]
pub struct TableOrder {
    nodes: Vec<NodeIndex>,
    /// Per node index: its place in `nodes`.
    rank: Vec<u32>,
    /// Edge indices in table order, or `None` when the index order already is.
    edges: Option<Vec<u32>>,
}

impl CoSignGraph {
    /// The nodes and edges in table order (see [`TableOrder`]).
    pub fn table_order(&self) -> TableOrder {
        let g = &self.graph;
        let mut nodes: Vec<NodeIndex> = g.node_indices().collect();
        nodes.sort_by(|&a, &b| g[a].id.cmp(&g[b].id));
        let mut rank = vec![0u32; nodes.len()];
        for (r, n) in nodes.iter().enumerate() {
            rank[n.index()] = r as u32;
        }
        let key = |e: EdgeIndex| {
            let (a, b) = g.edge_endpoints(e).expect("edge of the graph");
            let (a, b) = (rank[a.index()], rank[b.index()]);
            (a.min(b), a.max(b))
        };
        let in_order = g.edge_indices().map(key).is_sorted();
        // Stable: parallel edges, should a graph have them, keep their index order.
        let edges = (!in_order).then(|| {
            let mut order: Vec<u32> = (0..g.edge_count() as u32).collect();
            order.sort_by_key(|&e| key(EdgeIndex::new(e as usize)));
            order
        });
        TableOrder { nodes, rank, edges }
    }
}

impl TableOrder {
    /// The node indices in actor-id order.
    pub fn nodes(&self) -> &[NodeIndex] {
        &self.nodes
    }

    /// The place of a node in [`TableOrder::nodes`].
    ///
    /// # Panics
    /// If the node is not from the graph this order was made for.
    pub fn rank(&self, node: NodeIndex) -> u32 {
        self.rank[node.index()]
    }

    /// Whether the graph's edge index order is the table order (no list of edges is kept).
    #[cfg(test)]
    pub(crate) fn is_index_order(&self) -> bool {
        self.edges.is_none()
    }

    /// The edges of `graph` (the graph this order was made for) in table order, as
    /// `(a, b, edge)` with `rank(a) <= rank(b)`.
    pub fn edges<'a>(
        &'a self,
        graph: &'a CoSignGraph,
    ) -> impl ExactSizeIterator<Item = (NodeIndex, NodeIndex, EdgeIndex)> + 'a {
        let g = &graph.graph;
        (0..g.edge_count()).map(move |i| {
            let e = EdgeIndex::new(self.edges.as_ref().map_or(i, |o| o[i] as usize));
            let (a, b) = g.edge_endpoints(e).expect("edge of the graph");
            if self.rank(b) < self.rank(a) {
                (b, a, e)
            } else {
                (a, b, e)
            }
        })
    }
}
