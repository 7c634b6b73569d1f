//! Options shared by the optimisers.

use serde::{Deserialize, Serialize};

use super::{ClusterError, ClusterGraph};

/// How many iterations an optimiser runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Iterations {
    /// Repeat until an iteration changes nothing (leidenalg's `n_iterations = -1`). Every
    /// move strictly improves the quality, so this terminates.
    UntilStable,
    /// Exactly this many iterations (at least 1); each starts from the previous result.
    Fixed(usize),
}

impl Iterations {
    pub(crate) fn check(self) -> Result<(), ClusterError> {
        if self == Iterations::Fixed(0) {
            return Err(ClusterError::InvalidParameter {
                name: "iterations",
                value: "Fixed(0)".into(),
                reason: "Fixed(0) would not optimise; use at least 1".into(),
            });
        }
        Ok(())
    }

    /// Whether to stop after `done` iterations, the last of which `changed` the partition.
    pub(crate) fn stop(self, done: usize, changed: bool) -> bool {
        match self {
            Iterations::UntilStable => !changed,
            Iterations::Fixed(k) => done >= k,
        }
    }
}

/// The validated starting point of a run, in canonical order.
pub(crate) struct Start {
    pub(crate) labels: Vec<u32>,
    pub(crate) fixed: Vec<bool>,
}

impl Start {
    pub(crate) fn new(
        graph: &ClusterGraph,
        initial: Option<&[usize]>,
        fixed: Option<&[bool]>,
    ) -> Result<Start, ClusterError> {
        let n = graph.node_count();
        let labels = match initial {
            Some(init) => graph.compact_labels("initial partition", init)?,
            None => (0..n as u32).collect(),
        };
        let fixed = match fixed {
            Some(f) if f.len() != n => {
                return Err(ClusterError::LengthMismatch {
                    what: "fixed flags",
                    expected: n,
                    found: f.len(),
                });
            }
            Some(f) => graph.to_canonical(f),
            None => vec![false; n],
        };
        Ok(Start { labels, fixed })
    }
}

/// Checks the refinement randomness θ.
pub(crate) fn check_randomness(theta: f64) -> Result<(), ClusterError> {
    if !theta.is_finite() || theta < 0.0 {
        return Err(ClusterError::InvalidParameter {
            name: "randomness",
            value: theta.to_string(),
            reason: "must be a finite number >= 0".into(),
        });
    }
    Ok(())
}
