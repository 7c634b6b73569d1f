//! Backbone extraction: keep the edges that are statistically significant.

use super::CoSignGraph;
use crate::error::{Error, Result};
use crate::stats::hypergeometric_ln_sf;
use petgraph::visit::EdgeRef;
use serde::{Deserialize, Serialize};

/// A backbone: the filtered graph and how many edges it kept.
#[derive(Debug, Clone)]
pub struct Backbone {
    /// The graph with only the kept edges (every node stays).
    pub graph: CoSignGraph,
    /// Edges kept.
    pub kept: usize,
    /// Edges before filtering.
    pub total: usize,
}

/// Which edges a backbone keeps (the command line's `--backbone`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum BackboneMethod {
    /// [`disparity_filter`].
    Disparity,
    /// [`hypergeometric_backbone`].
    Hypergeometric,
}

crate::names::named_enum!(BackboneMethod, "backbone", [
    Disparity => "disparity",
    Hypergeometric => "hypergeometric",
]);

/// Options of [`backbone`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BackboneOptions {
    /// The method.
    pub method: BackboneMethod,
    /// Significance level, `0 < alpha < 1` (default 0.05).
    pub alpha: f64,
    /// Multiple-testing correction (hypergeometric backbone only; default none).
    pub correction: Correction,
}

impl BackboneOptions {
    /// `method` at alpha 0.05 without correction.
    pub fn new(method: BackboneMethod) -> Self {
        BackboneOptions {
            method,
            alpha: 0.05,
            correction: Correction::None,
        }
    }
}

/// The backbone of `g` by the chosen method (the command line's `--backbone`).
///
/// ```
/// use cosignatory::graph::{backbone, project, BackboneMethod, BackboneOptions, ProjectionOptions};
/// let ds = cosignatory::datasets::joint_statements();
/// let g = project(&ds.view(), &ProjectionOptions::default()).unwrap();
/// let b = backbone(&g, &BackboneOptions::new(BackboneMethod::Disparity)).unwrap();
/// assert!(b.describe(&BackboneOptions::new(BackboneMethod::Disparity)).starts_with("disparity backbone at alpha 0.05: kept"));
/// ```
///
/// # Errors
/// [`Error::InvalidParameter`] unless `0 < alpha < 1`.
pub fn backbone(g: &CoSignGraph, options: &BackboneOptions) -> Result<Backbone> {
    match options.method {
        BackboneMethod::Disparity => disparity_filter(g, options.alpha),
        BackboneMethod::Hypergeometric => {
            hypergeometric_backbone(g, options.alpha, options.correction)
        }
    }
}

impl Backbone {
    /// One line on what the backbone kept, naming the options.
    pub fn describe(&self, options: &BackboneOptions) -> String {
        format!(
            "{} backbone at alpha {}: kept {} of {} edges",
            options.method, options.alpha, self.kept, self.total
        )
    }
}

/// Multiple-testing correction for the hypergeometric backbone.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Correction {
    /// Each dyad tested at `alpha`.
    #[default]
    None,
    /// Bonferroni: `p < alpha / m`.
    Bonferroni,
    /// Holm's step-down procedure (controls the family-wise error rate like Bonferroni, with
    /// more power).
    Holm,
    /// Benjamini–Hochberg (controls the false discovery rate).
    BenjaminiHochberg,
}

crate::names::named_enum!(Correction, "correction", [
    None => "none",
    Bonferroni => "bonferroni",
    Holm => "holm",
    BenjaminiHochberg => "bh" | "benjamini-hochberg" | "fdr",
]);

fn check_alpha(alpha: f64) -> Result<()> {
    if alpha > 0.0 && alpha < 1.0 {
        Ok(())
    } else {
        Err(Error::InvalidParameter {
            name: "alpha",
            value: alpha.to_string(),
            reason: "must be in (0, 1)".into(),
        })
    }
}

/// The disparity filter (Serrano, Boguñá & Vespignani 2009, PNAS 106: 6483): for node `i` with
/// `k_i` edges and strength `s_i`, edge `i–j` has `α_ij = (1 − |w_ij|/s_i)^(k_i − 1)` under the
/// null of a uniformly split strength; an edge is kept when `α_ij < alpha` at either end.
/// From a node with one edge the test is undefined, so that edge is judged from its other end.
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
/// [`Error::InvalidParameter`] unless `0 < alpha < 1`.
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
    let significant =
        |i: usize, w: f64| k[i] > 1 && (1.0 - w.abs() / s[i]).powi(k[i] as i32 - 1) < alpha;
    let graph = g.filter_edges(|a, b, w| {
        significant(a.index(), w.weight) || significant(b.index(), w.weight)
    });
    Ok(Backbone {
        kept: graph.edge_count(),
        total: g.edge_count(),
        graph,
    })
}

/// The hypergeometric backbone (Neal 2013; Tumminello et al. 2011; R `backbone`'s `fixedrow`):
/// an edge is kept when its co-signature count is significant, `P(X ≥ a) < alpha` with
/// `X ~ Hypergeometric(N, |A_i|, |A_j|)`, after the chosen correction over all
/// `m = n(n − 1)/2` dyads (pairs that never co-signed have p = 1). Uses the raw counts, whatever
/// the graph's weighting; in a signed graph only acting together is tested.
///
/// # Errors
/// [`Error::InvalidParameter`] unless `0 < alpha < 1`.
pub fn hypergeometric_backbone(
    g: &CoSignGraph,
    alpha: f64,
    correction: Correction,
) -> Result<Backbone> {
    check_alpha(alpha)?;
    let n = g.node_count() as f64;
    let m = (n * (n - 1.0) / 2.0).max(1.0);
    let big_n = g.num_statements as u64;
    let mut p: Vec<(f64, usize)> = g
        .graph
        .edge_references()
        .map(|e| {
            let (a, b) = (e.source().index(), e.target().index());
            let c = e.weight().count as u64;
            let ln_p = if c == 0 {
                0.0
            } else {
                hypergeometric_ln_sf(c, big_n, g.totals[a] as u64, g.totals[b] as u64)
            };
            (ln_p.exp(), e.id().index())
        })
        .collect();
    p.sort_by(|x, y| x.0.total_cmp(&y.0).then(x.1.cmp(&y.1)));
    let mut keep = vec![false; g.edge_count()];
    match correction {
        Correction::None => p
            .iter()
            .filter(|x| x.0 < alpha)
            .for_each(|x| keep[x.1] = true),
        Correction::Bonferroni => p
            .iter()
            .filter(|x| x.0 < alpha / m)
            .for_each(|x| keep[x.1] = true),
        Correction::Holm => {
            for (rank, x) in p.iter().enumerate() {
                if x.0 < alpha / (m - rank as f64) {
                    keep[x.1] = true;
                } else {
                    break;
                }
            }
        }
        Correction::BenjaminiHochberg => {
            let last = p
                .iter()
                .enumerate()
                .rev()
                .find(|(rank, x)| x.0 <= (*rank as f64 + 1.0) * alpha / m)
                .map(|(r, _)| r);
            if let Some(last) = last {
                p[..=last].iter().for_each(|x| keep[x.1] = true);
            }
        }
    }
    let mut idx = 0usize;
    let graph = g.filter_edges(|_, _, _| {
        let k = keep[idx];
        idx += 1;
        k
    });
    Ok(Backbone {
        kept: graph.edge_count(),
        total: g.edge_count(),
        graph,
    })
}
