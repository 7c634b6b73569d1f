//! The disparity filter.

use super::{Backbone, PairTest, check_alpha};
use crate::error::Result;
use crate::graph::CoSignGraph;
use petgraph::visit::EdgeRef;

/// The disparity filter (Serrano, Boguñá & Vespignani 2009, PNAS 106: 6483): for node `i` with
/// `k_i` edges and strength `s_i`, edge `i–j` has `α_ij = (1 − |w_ij|/s_i)^(k_i − 1)` under the
/// null of a uniformly split strength; an edge is kept when `α_ij < alpha` at either end.
/// From a node with one edge the test is undefined, so that edge is judged from its other end.
/// An edge's `p_value` is the smaller α of its two ends (1 where both are undefined).
/// Signed graphs are filtered on absolute weights and keep their signs.
///
/// ```
/// use cosignatory::graph::{disparity_filter, project, ProjectionOptions, Weighting};
/// let ds = cosignatory::datasets::joint_statements();
/// let g = project(&ds.view(), &ProjectionOptions::new(Weighting::Newman)).unwrap();
/// let b = disparity_filter(&g, 0.05).unwrap();
/// assert!(b.kept < b.total);
/// assert_eq!(b.graph.edge_count(), b.kept);
/// ```
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) unless `0 < alpha < 1`.
pub fn disparity_filter(g: &CoSignGraph, alpha: f64) -> Result<Backbone> {
    check_alpha(alpha)?;
    let n = g.node_count();
    let mut s = vec![0.0f64; n];
    let mut k = vec![0usize; n];
    for e in g.graph.edge_references() {
        for v in [e.source(), e.target()] {
            s[v.index()] += e.weight().weight.abs();
            k[v.index()] += 1;
        }
    }
    // α at an end, NaN where the test is undefined (a node with one edge).
    let at = |i: usize, w: f64| {
        if k[i] > 1 {
            (1.0 - w.abs() / s[i]).powi(k[i] as i32 - 1)
        } else {
            f64::NAN
        }
    };
    let mut tests = Vec::with_capacity(g.edge_count());
    for e in g.graph.edge_references() {
        let (a, b) = (e.source(), e.target());
        let w = e.weight().weight;
        let p = at(a.index(), w).min(at(b.index(), w));
        let p = if p.is_nan() { 1.0 } else { p };
        tests.push(PairTest {
            a: a.min(b),
            b: a.max(b),
            count: e.weight().count,
            p_value: p,
            p_lower: None,
            sign: i8::from(p < alpha),
        });
    }
    Ok(Backbone::from_edge_tests(g, tests))
}
