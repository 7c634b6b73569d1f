//! Coalitions over time: tracking, smoothing, multislice modularity and timeline output.

mod multislice;
mod output;
mod smoothing;
mod support;
mod tracking;
