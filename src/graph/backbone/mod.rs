//! Backbone extraction: keep the edges that are statistically significant.
//!
//! Four tests, one result type: the disparity filter and the hypergeometric backbone judge
//! the projected graph's edges; the stochastic and fixed degree sequence models (SDSM with
//! BiCM probabilities, FDSM by curveball sampling) judge every pair of active actors against
//! the view's actor × statement incidence, and with [`Tail::Both`] also find pairs that
//! co-sign significantly *less* than their activity predicts (the signed backbone). Every
//! test gives each tested pair a p-value ([`PairTest`]), and each kept edge carries its test
//! ([`EdgeTest`], written by every export format). Formulas, tails and citations:
//! `docs/backbones.md`.

pub mod bicm;
mod disparity;
mod fdsm;
mod hypergeometric;
pub mod poisson_binomial;
mod sdsm;

pub use disparity::disparity_filter;
pub use hypergeometric::hypergeometric_backbone;
pub use poisson_binomial::TailMethod;

use super::{CoSign, CoSignGraph, ProjectionOptions, project};
use crate::error::{Error, Result};
use crate::model::View;
use petgraph::graph::NodeIndex;
use serde::{Deserialize, Serialize};

/// A backbone: the filtered graph, what it kept, and every test it made.
#[derive(Debug, Clone)]
pub struct Backbone {
    /// The graph with only the kept edges (every node stays). Each edge carries its
    /// [`EdgeTest`] ([`CoSignGraph::edge_test`]). A signed backbone ([`Tail::Both`]) is a
    /// signed graph whose edges weigh +1 or −1.
    pub graph: CoSignGraph,
    /// Edges kept.
    pub kept: usize,
    /// Edges before filtering.
    pub total: usize,
    /// Every tested pair with its p-values and decision, by node indices (`a < b`).
    pub tests: Vec<PairTest>,
    /// How the tails were computed, for SDSM: exact or approximate.
    pub tail_method: Option<TailMethod>,
    /// SDSM: the BiCM's max relative degree residual.
    pub bicm_residual: Option<f64>,
}

/// One tested pair of actors (by node index of the backbone's graph; no serde, as node
/// indices mean nothing outside the graph).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PairTest {
    /// The smaller node index.
    pub a: NodeIndex,
    /// The larger node index.
    pub b: NodeIndex,
    /// Observed co-signatures (the edge's `count` for the graph backbones).
    pub count: u32,
    /// Upper-tail p-value `P(V ≥ count)` (disparity: the smaller α of the two ends).
    pub p_value: f64,
    /// Lower-tail p-value `P(V ≤ count)`, with [`Tail::Both`].
    pub p_lower: Option<f64>,
    /// The decision after correction: +1 kept as a positive tie, −1 kept as a negative tie,
    /// 0 not kept.
    pub sign: i8,
}

/// The test an edge of a backbone carries.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct EdgeTest {
    /// Upper-tail p-value.
    pub p_value: f64,
    /// Lower-tail p-value (NaN unless the backbone tested both tails).
    pub p_lower: f64,
    /// +1 or −1.
    pub sign: i8,
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
    /// Stochastic degree sequence model with BiCM probabilities (Neal 2014; Neal,
    /// Domagalski & Sagan 2021): needs the view ([`backbone_of_view`]).
    Sdsm,
    /// Fixed degree sequence model by curveball sampling (Neal 2014): needs the view.
    Fdsm,
}

crate::names::named_enum!(BackboneMethod, "backbone", [
    Disparity => "disparity",
    Hypergeometric => "hypergeometric",
    Sdsm => "sdsm",
    Fdsm => "fdsm",
]);

/// Which tails a backbone tests.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Tail {
    /// Only co-signing more than chance: positive ties.
    #[default]
    Upper,
    /// Both tails, each at `alpha / 2`: positive ties and negative ties (co-signing less than
    /// chance), the signed backbone. SDSM and FDSM only.
    Both,
}

crate::names::named_enum!(Tail, "tail", [
    Upper => "upper",
    Both => "both",
]);

/// Options of [`backbone`] and [`backbone_of_view`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct BackboneOptions {
    /// The method (default SDSM, the `backbone` package's recommendation).
    pub method: BackboneMethod,
    /// Significance level, `0 < alpha < 1` (default 0.05).
    pub alpha: f64,
    /// Multiple-testing correction over all tested pairs (default none; the disparity filter
    /// ignores it).
    pub correction: Correction,
    /// Tails tested (SDSM and FDSM; default upper).
    pub tail: Tail,
    /// SDSM: exact or approximate tails (default automatic).
    pub tail_method: TailMethod,
    /// FDSM: number of null samples (default 1000).
    pub samples: usize,
    /// FDSM: curveball rounds per sample (default 20).
    pub rounds: usize,
    /// FDSM: the seed.
    pub seed: u64,
}

impl Default for BackboneOptions {
    fn default() -> Self {
        BackboneOptions {
            method: BackboneMethod::Sdsm,
            alpha: 0.05,
            correction: Correction::None,
            tail: Tail::Upper,
            tail_method: TailMethod::Auto,
            samples: 1000,
            rounds: 20,
            seed: 1,
        }
    }
}

impl BackboneOptions {
    /// `method` with the other options at their defaults.
    pub fn new(method: BackboneMethod) -> Self {
        BackboneOptions {
            method,
            ..Default::default()
        }
    }
}

/// The backbone of `g` by a graph method (the disparity filter or the hypergeometric
/// backbone). SDSM and FDSM need the statements: use [`backbone_of_view`].
///
/// ```
/// use cosignatory::graph::{backbone, project, BackboneMethod, BackboneOptions, ProjectionOptions};
/// let ds = cosignatory::datasets::joint_statements();
/// let g = project(&ds.view(), &ProjectionOptions::default()).unwrap();
/// let options = BackboneOptions::new(BackboneMethod::Disparity);
/// let b = backbone(&g, &options).unwrap();
/// assert!(b.describe(&options).starts_with("disparity backbone at alpha 0.05: kept"));
/// ```
///
/// # Errors
/// [`Error::InvalidParameter`] unless `0 < alpha < 1`, for SDSM or FDSM, and for
/// [`Tail::Both`].
pub fn backbone(g: &CoSignGraph, options: &BackboneOptions) -> Result<Backbone> {
    if options.tail == Tail::Both {
        return Err(Error::InvalidParameter {
            name: "tail",
            value: "both".into(),
            reason: format!(
                "the {} backbone tests the upper tail only; use sdsm or fdsm",
                options.method
            ),
        });
    }
    match options.method {
        BackboneMethod::Disparity => disparity_filter(g, options.alpha),
        BackboneMethod::Hypergeometric => {
            hypergeometric_backbone(g, options.alpha, options.correction)
        }
        BackboneMethod::Sdsm | BackboneMethod::Fdsm => Err(Error::InvalidParameter {
            name: "backbone",
            value: options.method.to_string(),
            reason: "needs the view's statements: use graph::backbone_of_view".into(),
        }),
    }
}

/// Projects `view` and extracts its backbone by any method: the graph methods on the
/// projection, SDSM and FDSM on the view's co-signature incidence (its `yes` signatures, as
/// a projection without `--votes` reads them, after bloc mode and filters). Pairs of actors
/// with at least one signature are tested (`n(n − 1)/2` of them); kept positive edges keep
/// the projection's weights unless the backbone is signed, whose edges weigh ±1.
///
/// ```
/// use cosignatory::graph::{backbone_of_view, BackboneMethod, BackboneOptions, ProjectionOptions};
/// let ds = cosignatory::datasets::joint_statements();
/// let options = BackboneOptions::new(BackboneMethod::Sdsm);
/// let b = backbone_of_view(&ds.view(), &ProjectionOptions::default(), &options).unwrap();
/// assert!(b.kept > 0 && b.kept < b.total);
/// let e = b.graph.graph().edge_indices().next().unwrap();
/// assert!(b.graph.edge_test(e).unwrap().p_value < 0.05);
/// ```
///
/// # Errors
/// As [`project`] and [`backbone`]; SDSM: the BiCM does not converge; FDSM: more than
/// [`FDSM_MAX_ACTORS`] active actors, or no samples.
pub fn backbone_of_view(
    view: &View<'_>,
    projection: &ProjectionOptions,
    options: &BackboneOptions,
) -> Result<Backbone> {
    check_alpha(options.alpha)?;
    let g = project(view, projection)?;
    match options.method {
        BackboneMethod::Sdsm => sdsm::sdsm(view, &g, options),
        BackboneMethod::Fdsm => fdsm::fdsm(view, &g, options),
        _ => backbone(&g, options),
    }
}

pub use fdsm::FDSM_MAX_ACTORS;
pub(crate) use fdsm::curveball as curveball_rows;

impl Backbone {
    /// One line on what the backbone kept, naming the options.
    pub fn describe(&self, options: &BackboneOptions) -> String {
        let mut extra = Vec::new();
        if options.method != BackboneMethod::Disparity && options.correction != Correction::None {
            extra.push(format!("{} correction", options.correction));
        }
        if matches!(options.method, BackboneMethod::Sdsm | BackboneMethod::Fdsm) {
            extra.push(format!("{} tail", options.tail));
            extra.push(format!("{} pairs tested", self.tests.len()));
        }
        if let Some(m) = self.tail_method {
            extra.push(match m {
                TailMethod::Exact => "exact Poisson-binomial tails".to_string(),
                _ => "refined normal approximation of the tails".to_string(),
            });
        }
        if let Some(r) = self.bicm_residual {
            extra.push(format!("BiCM residual {r:.1e}"));
        }
        if options.method == BackboneMethod::Fdsm {
            extra.push(format!(
                "{} samples, seed {}",
                options.samples, options.seed
            ));
        }
        let negative = self.tests.iter().filter(|t| t.sign < 0).count();
        format!(
            "{} backbone at alpha {}{}: kept {} of {} edges{}",
            options.method,
            options.alpha,
            if extra.is_empty() {
                String::new()
            } else {
                format!(" ({})", extra.join(", "))
            },
            self.kept,
            self.total,
            if negative > 0 {
                format!(" ({negative} negative ties)")
            } else {
                String::new()
            }
        )
    }

    /// The backbone of a graph method: `tests` has one entry per edge of `g`, in edge order.
    fn from_edge_tests(g: &CoSignGraph, tests: Vec<PairTest>) -> Backbone {
        let mut idx = 0usize;
        let mut edge_tests = Vec::new();
        let mut graph = g.filter_edges(|_, _, _| {
            let t = &tests[idx];
            idx += 1;
            if t.sign != 0 {
                edge_tests.push(EdgeTest {
                    p_value: t.p_value,
                    p_lower: f64::NAN,
                    sign: t.sign,
                });
            }
            t.sign != 0
        });
        graph.edge_tests = edge_tests;
        graph.tested = Some(false);
        let mut tests = tests;
        tests.sort_by_key(|t| (t.a, t.b));
        Backbone {
            kept: graph.edge_count(),
            total: g.edge_count(),
            graph,
            tests,
            tail_method: None,
            bicm_residual: None,
        }
    }

    /// The backbone of a pair test (SDSM, FDSM): kept pairs become edges, in pair order; an
    /// unsigned backbone keeps the projection's edge where there is one.
    fn from_pair_tests(g: &CoSignGraph, tests: Vec<PairTest>, tail: Tail) -> Backbone {
        let mut graph = g.filter_edges(|_, _, _| false);
        let signed = tail == Tail::Both;
        graph.signed = signed || g.signed;
        graph.signed_parts.clear();
        graph.tested = Some(signed);
        for t in tests.iter().filter(|t| t.sign != 0) {
            let existing = g.graph.find_edge(t.a, t.b);
            let edge = match (signed, existing) {
                (false, Some(e)) => {
                    if g.signed {
                        graph.signed_parts.push(g.signed_parts[e.index()]);
                    }
                    g.graph[e]
                }
                _ => {
                    let w = t.sign as f64;
                    if graph.signed {
                        graph.signed_parts.push([w.max(0.0), (-w).max(0.0)]);
                    }
                    CoSign {
                        weight: w,
                        count: t.count,
                        against_count: 0,
                    }
                }
            };
            graph.graph.add_edge(t.a, t.b, edge);
            graph.edge_tests.push(EdgeTest {
                p_value: t.p_value,
                p_lower: t.p_lower.unwrap_or(f64::NAN),
                sign: t.sign,
            });
        }
        Backbone {
            kept: graph.edge_count(),
            total: g.edge_count(),
            graph,
            tests,
            tail_method: None,
            bicm_residual: None,
        }
    }
}

/// Multiple-testing correction over all tested pairs.
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

/// Which of the p-values are significant at `alpha` after `correction` over `m ≥ p.len()`
/// tests (the untested ones count as p = 1).
pub(crate) fn decide(p: &[f64], m: usize, alpha: f64, correction: Correction) -> Vec<bool> {
    let m = m.max(p.len()).max(1) as f64;
    let mut order: Vec<usize> = (0..p.len()).collect();
    order.sort_by(|&x, &y| p[x].total_cmp(&p[y]).then(x.cmp(&y)));
    let mut keep = vec![false; p.len()];
    match correction {
        Correction::None => order
            .iter()
            .filter(|&&i| p[i] < alpha)
            .for_each(|&i| keep[i] = true),
        Correction::Bonferroni => order
            .iter()
            .filter(|&&i| p[i] < alpha / m)
            .for_each(|&i| keep[i] = true),
        Correction::Holm => {
            for (rank, &i) in order.iter().enumerate() {
                if p[i] < alpha / (m - rank as f64) {
                    keep[i] = true;
                } else {
                    break;
                }
            }
        }
        Correction::BenjaminiHochberg => {
            let last = order
                .iter()
                .enumerate()
                .rev()
                .find(|(rank, i)| p[**i] <= (*rank as f64 + 1.0) * alpha / m)
                .map(|(r, _)| r);
            if let Some(last) = last {
                order[..=last].iter().for_each(|&i| keep[i] = true);
            }
        }
    }
    keep
}

/// Signs from upper (and, for [`Tail::Both`], lower) p-values: each tail at `alpha` (upper)
/// or `alpha / 2` (both), corrected over all tests.
pub(crate) fn assign_signs(tests: &mut [PairTest], options: &BackboneOptions) {
    let level = match options.tail {
        Tail::Upper => options.alpha,
        Tail::Both => options.alpha / 2.0,
    };
    let upper: Vec<f64> = tests.iter().map(|t| t.p_value).collect();
    let up = decide(&upper, tests.len(), level, options.correction);
    let down = if options.tail == Tail::Both {
        let lower: Vec<f64> = tests.iter().map(|t| t.p_lower.unwrap_or(1.0)).collect();
        decide(&lower, tests.len(), level, options.correction)
    } else {
        vec![false; tests.len()]
    };
    for (i, t) in tests.iter_mut().enumerate() {
        t.sign = match (up[i], down[i]) {
            (true, false) => 1,
            (false, true) => -1,
            (true, true) => {
                if t.p_value <= t.p_lower.unwrap_or(1.0) {
                    1
                } else {
                    -1
                }
            }
            (false, false) => 0,
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corrections_over_untested_pairs() {
        let p = [0.001, 0.01, 0.02, 0.5];
        assert_eq!(
            decide(&p, 4, 0.05, Correction::None),
            [true, true, true, false]
        );
        // Bonferroni over 10 tests: 0.005.
        assert_eq!(
            decide(&p, 10, 0.05, Correction::Bonferroni),
            [true, false, false, false]
        );
        // Holm over 4: 0.0125, 0.0167, 0.025.
        assert_eq!(
            decide(&p, 4, 0.05, Correction::Holm),
            [true, true, true, false]
        );
        // BH over 4: the largest rank with p ≤ rank·α/m: 0.02 ≤ 3·0.0125.
        assert_eq!(
            decide(&p, 4, 0.05, Correction::BenjaminiHochberg),
            [true, true, true, false]
        );
    }
}
