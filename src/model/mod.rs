//! The data model: actors, statements, positions, signatures, bloc memberships and the dataset.

mod position;

pub use position::{ParsePositionError, Position};
