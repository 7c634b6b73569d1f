//! Co-signature projections: option semantics, reference values and the clustering graph.

mod for_clustering;
mod reference;
mod sdsm;
mod semantics;
