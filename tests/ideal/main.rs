//! Ideal points: planted recovery, bootstrap coverage, bad input, real-data sanity.

mod errors;
mod recovery;
#[cfg(feature = "un-votes")]
mod un_votes;
