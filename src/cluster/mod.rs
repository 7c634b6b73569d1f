//! Coalition clustering: community detection on weighted co-signature graphs.
//!
//! Everything runs on a [`ClusterGraph`], a compact sorted adjacency built once from a
//! petgraph graph (or an edge list) with a caller-supplied node key that fixes a canonical
//! node order. All randomness comes from a seeded, portable `ChaCha8Rng`, floating-point
//! sums run in a fixed order, and community ids are numbered canonically, so results are
//! identical for a given seed whatever the order in which nodes and edges were inserted.
//! Across platforms only the math library's `exp` (used for Leiden's refinement draws) may
//! differ in the last bit, which can in rare cases change a draw. A later release of this
//! crate may change results for a seed when an algorithm is improved.
//!
//! * Optimisers: [`leiden`] (Traag, Waltman & van Eck 2019), [`louvain`] (Blondel et al.
//!   2008), [`label_propagation`] (Raghavan, Albert & Kumara 2007), and
//!   [`multislice_leiden`] over time slices (Mucha et al. 2010). The three multilevel ones
//!   share one engine: the quality function only says how node sizes are stored and paired.
//! * Quality functions ([`Quality`]): modularity with resolution, the Constant Potts Model,
//!   signed modularity (Gómez, Jensen & Arenas 2009); stand-alone as [`modularity`],
//!   [`cpm_quality`], [`signed_modularity`].
//! * Hierarchical clustering of a [`DistanceMatrix`] into a [`Dendrogram`] (average,
//!   complete, single linkage), cut at `k` clusters or a height, written as Newick.
//! * [`find_coalitions`]: the whole job of `cosignatory cluster` (method by name, quality
//!   function, best of n runs, consensus or a hierarchical cut); [`Algorithm`] runs one
//!   randomised optimiser once or [`best_of`](Algorithm::best_of) n seeds.
//! * [`consensus`] clustering over many seeded runs (Lancichinetti & Fortunato 2012) with
//!   per-node stability, and a [`resolution_profile`] over γ (as leidenalg's).
//! * Partition comparison: [`normalized_mutual_info`], [`adjusted_rand_index`],
//!   [`variation_of_information`].
//!
//! ```
//! use cosignatory::cluster::{leiden, ClusterGraph, LeidenOptions, Quality};
//! use petgraph::graph::UnGraph;
//!
//! // Co-signature counts between five countries.
//! let mut g: UnGraph<&str, u32> = UnGraph::new_undirected();
//! let ids: Vec<_> = ["DEU", "FRA", "ITA", "USA", "CAN"].iter().map(|c| g.add_node(*c)).collect();
//! for (a, b, w) in [(0, 1, 9), (0, 2, 7), (1, 2, 8), (3, 4, 9), (2, 3, 1)] {
//!     g.add_edge(ids[a], ids[b], w);
//! }
//! let graph = ClusterGraph::from_petgraph(&g, |country| *country, |w| f64::from(*w)).unwrap();
//! let options = LeidenOptions { quality: Quality::Modularity { resolution: 1.0 }, seed: 7, ..Default::default() };
//! let result = leiden(&graph, &options).unwrap();
//! let p = &result.partition;
//! assert_eq!(p.community_of(ids[0].index()), p.community_of(ids[2].index()));
//! assert_ne!(p.community_of(ids[0].index()), p.community_of(ids[3].index()));
//! ```

mod aggregate;
mod algorithm;
mod cluster_graph;
mod clustering;
mod compare;
mod consensus;
mod csr;
mod dendrogram;
mod engine;
mod error;
#[cfg(test)]
mod fixtures;
mod hierarchical;
mod label_propagation;
mod leiden;
mod louvain;
mod multilevel;
mod multislice;
mod null_model;
mod options;
mod partition;
mod profile;
mod quality;
mod refine;
mod relabel;
mod rng;

pub use algorithm::{
    Algorithm, BestRun, CoalitionOptions, Coalitions, Method, Selection, find_coalitions,
};
pub use cluster_graph::{ClusterGraph, MAX_TOTAL_WEIGHT};
pub use clustering::Clustering;
pub use compare::{adjusted_rand_index, normalized_mutual_info, variation_of_information};
pub use consensus::{Consensus, ConsensusOptions, consensus};
pub use dendrogram::{Dendrogram, Merge};
pub use error::ClusterError;
pub use hierarchical::{DistanceMatrix, Linkage, MAX_DENSE_ITEMS, agglomerative, check_dense};
pub use label_propagation::{LabelPropagation, LabelPropagationOptions, label_propagation};
pub use leiden::{LeidenOptions, leiden, leiden_best_of};
pub use louvain::{LouvainOptions, louvain, louvain_best_of};
pub use multislice::{
    MultisliceOptions, MultisliceResult, Slice, multislice_leiden, multislice_quality,
};
pub use options::Iterations;
pub use partition::Partition;
pub use profile::{ProfileEntry, ResolutionProfileOptions, resolution_profile};
pub use quality::{Quality, QualityKind, cpm_quality, modularity, quality, signed_modularity};
