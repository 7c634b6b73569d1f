//! The error type shared by every clustering routine.

use thiserror::Error;

/// Why a clustering routine refused its input.
///
/// Node indices in the variants are the caller's indices (petgraph node indices or the
/// indices given to [`ClusterGraph::from_edges`](super::ClusterGraph::from_edges)).
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum ClusterError {
    /// An edge weight is NaN or infinite; no quality function is defined for it.
    #[error("edge {u}-{v} has the non-finite weight {weight}")]
    NonFiniteWeight {
        /// One endpoint.
        u: usize,
        /// The other endpoint.
        v: usize,
        /// The offending weight.
        weight: f64,
    },
    /// The weights are finite but so large that their total (or its square, in modularity)
    /// overflows: the quality would be NaN.
    #[error(
        "the edge weights total {total:e}, more than the {limit:e} the quality functions can \
         square without overflow; divide the weights by a common factor (modularity and its \
         partitions do not change)"
    )]
    WeightOverflow {
        /// The total strength (sum of |weight| over both ends of every edge), possibly infinite.
        total: f64,
        /// [`MAX_TOTAL_WEIGHT`](crate::cluster::MAX_TOTAL_WEIGHT).
        limit: f64,
    },
    /// Hierarchical clustering (a dense distance matrix) asked for more items than it takes.
    #[error(
        "hierarchical clustering keeps a dense distance matrix: {items} items would need {:.1} GB; \
         at most {limit} items are taken (use a graph method such as leiden for larger graphs)",
        bytes / 1e9
    )]
    TooLargeForDense {
        /// The number of items (nodes) given.
        items: usize,
        /// [`MAX_DENSE_ITEMS`](crate::cluster::MAX_DENSE_ITEMS).
        limit: usize,
        /// The bytes the condensed matrix alone would take.
        bytes: f64,
    },
    /// A negative edge weight was given to a routine that needs non-negative weights
    /// (plain modularity, label propagation). Use signed modularity or CPM instead.
    #[error(
        "edge {u}-{v} has the negative weight {weight}; this routine needs non-negative \
         weights (use signed modularity or CPM for signed graphs)"
    )]
    NegativeWeight {
        /// One endpoint.
        u: usize,
        /// The other endpoint.
        v: usize,
        /// The offending weight.
        weight: f64,
    },
    /// The input graph is directed; clustering here is defined on undirected graphs.
    #[error("the graph is directed; clustering needs an undirected graph")]
    Directed,
    /// An edge names a node index that does not exist.
    #[error("node index {index} is out of range for a graph of {nodes} nodes")]
    NodeOutOfRange {
        /// The offending index.
        index: usize,
        /// The number of nodes.
        nodes: usize,
    },
    /// Two nodes have the same key, so no canonical node order exists.
    #[error("nodes {first} and {second} have the same key; node keys must be unique")]
    DuplicateKey {
        /// The first node with the key.
        first: usize,
        /// The second node with the key.
        second: usize,
    },
    /// The petgraph graph has index holes (e.g. a `StableGraph` after removals).
    #[error(
        "node indices are not compact ({node_count} nodes but indices up to {node_bound}); \
         rebuild the graph without holes first"
    )]
    NonCompactIndices {
        /// Number of nodes present.
        node_count: usize,
        /// One past the largest node index.
        node_bound: usize,
    },
    /// The graph has more nodes than the engine's 32-bit node ids can address.
    #[error("the graph has {nodes} nodes; at most 4294967295 are supported")]
    TooManyNodes {
        /// Number of nodes.
        nodes: usize,
    },
    /// A per-node vector (membership, initial partition, fixed flags, labels) has the wrong
    /// length.
    #[error("{what} has {found} entries but {expected} were expected")]
    LengthMismatch {
        /// What was given.
        what: &'static str,
        /// The number of entries needed.
        expected: usize,
        /// The number of entries given.
        found: usize,
    },
    /// The quality function divides by the total edge weight, which is zero.
    #[error("the total edge weight is zero, so modularity is undefined")]
    ZeroTotalWeight,
    /// An option is out of its domain (the same fields and message as
    /// [`Error::InvalidParameter`](crate::Error::InvalidParameter)).
    #[error("invalid parameter `{name}` = {value}: {reason}")]
    InvalidParameter {
        /// The option's name.
        name: &'static str,
        /// The value given.
        value: String,
        /// Why it was refused.
        reason: String,
    },
    /// A distance is negative or not finite.
    #[error("distance between {i} and {j} is {value}; distances must be finite and >= 0")]
    InvalidDistance {
        /// Row.
        i: usize,
        /// Column.
        j: usize,
        /// The offending value.
        value: f64,
    },
    /// A square distance matrix is not symmetric.
    #[error("distance matrix is not symmetric at ({i}, {j})")]
    AsymmetricDistance {
        /// Row.
        i: usize,
        /// Column.
        j: usize,
    },
    /// A membership vector does not use exactly the labels `0..k`.
    #[error(
        "membership labels must be exactly 0..k with every label used; label {label} is {problem}"
    )]
    NonContiguousLabels {
        /// The first offending label.
        label: usize,
        /// "unused" or "out of range".
        problem: &'static str,
    },
}
