//! The `cosignatory` command-line tool, run as a process (feature `cli`).
#![cfg(feature = "cli")]

mod align;
mod cluster;
mod data;
mod errors;
mod library;
mod plot;
mod support;
mod timeline;
#[cfg(feature = "un-votes")]
mod un_votes;
mod workflow;
