//! The hypergeometric backbone.

use super::{Backbone, Correction, PairTest, check_alpha, decide};
use crate::error::Result;
use crate::graph::CoSignGraph;
use crate::stats::hypergeometric_ln_sf;
use petgraph::visit::EdgeRef;

/// The hypergeometric backbone (Neal 2013; Tumminello et al. 2011; R `backbone`'s `fixedrow`):
/// an edge is kept when its co-signature count is significant, `P(X ≥ a) < alpha` with
/// `X ~ Hypergeometric(N, |A_i|, |A_j|)`, after the chosen correction over all
/// `m = n(n − 1)/2` dyads (pairs that never co-signed have p = 1). Uses the raw counts, whatever
/// the graph's weighting; in a signed graph only acting together is tested.
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) unless `0 < alpha < 1`.
pub fn hypergeometric_backbone(
    g: &CoSignGraph,
    alpha: f64,
    correction: Correction,
) -> Result<Backbone> {
    check_alpha(alpha)?;
    let n = g.node_count() as f64;
    let m = ((n * (n - 1.0) / 2.0) as usize).max(1);
    let big_n = g.num_statements as u64;
    let mut tests: Vec<PairTest> = g
        .graph
        .edge_references()
        .map(|e| {
            let (a, b) = (e.source(), e.target());
            let c = e.weight().count as u64;
            let ln_p = if c == 0 {
                0.0
            } else {
                hypergeometric_ln_sf(
                    c,
                    big_n,
                    g.totals[a.index()] as u64,
                    g.totals[b.index()] as u64,
                )
            };
            PairTest {
                a: a.min(b),
                b: a.max(b),
                count: e.weight().count,
                p_value: ln_p.exp(),
                p_lower: None,
                sign: 0,
            }
        })
        .collect();
    let p: Vec<f64> = tests.iter().map(|t| t.p_value).collect();
    for (t, keep) in tests.iter_mut().zip(decide(&p, m, alpha, correction)) {
        t.sign = i8::from(keep);
    }
    Ok(Backbone::from_edge_tests(g, tests))
}
