//! cosignatory
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod align;
pub mod cluster;
pub mod model;
