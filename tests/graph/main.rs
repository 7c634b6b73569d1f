//! Co-signature projections: option semantics, reference values and the clustering graph.

mod fdsm;
mod for_clustering;
mod reference;
mod sdsm;
mod semantics;
