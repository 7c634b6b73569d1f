//! The `cosignatory` command-line tool, run as a process (feature `cli`).
#![cfg(feature = "cli")]

mod align;
mod backbone;
mod cluster;
mod data;
mod errors;
mod hardening;
mod ideal;
mod library;
mod plot;
mod resample;
mod support;
mod threads;
mod timeline;
#[cfg(feature = "un-votes")]
mod un_votes;
mod workflow;
