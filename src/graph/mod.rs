//! Co-signature graphs: the actor × statement incidence, its projection to a weighted actor
//! graph, backbone extraction and centrality.
//!
//! The projection is a petgraph [`UnGraph`](petgraph::graph::UnGraph) wrapped in
//! [`CoSignGraph`]; the centrality functions take any petgraph `UnGraph` with a weight
//! function, so they work on graphs users bring themselves.

mod backbone;
mod centrality;
mod cosign;
mod edge_table;
mod incidence;
mod labelled;
pub mod layout;
mod projection;
mod roles;
mod significance;
mod table_order;
mod weighting;

pub use backbone::{
    Backbone, BackboneMethod, BackboneOptions, Correction, EdgeTest, FDSM_MAX_ACTORS, PairTest,
    Tail, TailMethod, backbone, backbone_of_view, bicm, disparity_filter, hypergeometric_backbone,
    poisson_binomial,
};
pub use centrality::{
    CentralityOptions, betweenness, eigenvector, pagerank, participation_coefficient, strength,
    within_module_z,
};
pub use cosign::{CoSign, CoSignGraph};
pub use edge_table::{EdgeTable, project_edges};
pub use incidence::Linking;
pub use labelled::{ActorCoalitions, TiedCoalitions};
// The incidence is an implementation detail of the projection, public for the benches only.
#[doc(hidden)]
pub use incidence::{Incidence, IncidenceOptions};
#[doc(hidden)]
pub use projection::project_incidence;
pub use projection::{ProjectionOptions, project, project_for_clustering};
pub use roles::{DEFAULT_MIN_STATEMENTS, NodeRole, node_roles};
pub use significance::{
    CoalitionNull, CoalitionSignificance, SignificanceOptions, coalition_significance,
};
pub use table_order::TableOrder;
pub use weighting::Weighting;
