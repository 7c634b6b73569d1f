//! Clustering: quality functions and optimisers against reference values, determinism,
//! hierarchical clustering, signed graphs, resolution profiles and partition comparison.

mod compare;
mod determinism;
mod fixtures;
mod hierarchical;
mod karate;
mod profile;
mod signed;
mod significance;
mod support;
