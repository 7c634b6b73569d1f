//! The stochastic degree sequence model backbone (Neal 2014, Social Networks 39:84–97; Neal,
//! Domagalski & Sagan 2021, Sci. Rep. 11:23929): for each pair of actors, the co-signature
//! count `V` is Poisson-binomial with probabilities `p_ik · p_jk` over the statements `k`,
//! `p` from the BiCM.

use super::bicm::{self, BicmFit};
use super::poisson_binomial::{EXACT_BUDGET, PoissonBinomial, TailMethod, Tails};
use super::{Backbone, BackboneOptions, PairTest, Tail, assign_signs};
use crate::error::Result;
use crate::graph::projection::pairs;
use crate::graph::{CoSignGraph, Incidence, IncidenceOptions, Weighting};
use crate::model::View;
use petgraph::graph::NodeIndex;

/// Pairs of active actors of `g` with their observed co-signatures on the yes incidence:
/// `(node a, node b, count)` with `a < b`, every pair of active nodes, in order. Also
/// returns the incidence and each node's incidence actor.
pub(super) struct Observed {
    pub inc: Incidence,
    /// Active nodes (at least one signature), ascending.
    pub active: Vec<NodeIndex>,
    /// Co-signatures between active nodes, upper triangle by position in `active`.
    pub counts: Vec<Vec<(u32, u32)>>,
}

impl Observed {
    pub fn new(view: &View<'_>, g: &CoSignGraph) -> Result<Observed> {
        let inc = Incidence::from_view(view, &IncidenceOptions::default())?;
        let mut position = vec![u32::MAX; inc.n_actors];
        let mut active = Vec::new();
        for v in g.graph.node_indices() {
            let a = g.actor_index(v);
            if inc.degree(a) > 0 {
                position[a.index()] = active.len() as u32;
                active.push(v);
            }
        }
        let mut counts = vec![Vec::new(); active.len()];
        pairs(&inc, Weighting::Count, false, |i, j, edge, _, _| {
            let (pi, pj) = (position[i], position[j]);
            if pi != u32::MAX && pj != u32::MAX {
                let (lo, hi) = (pi.min(pj), pi.max(pj));
                counts[lo as usize].push((hi, edge.count));
            }
        });
        for row in &mut counts {
            row.sort_unstable();
        }
        Ok(Observed {
            inc,
            active,
            counts,
        })
    }

    /// Calls `f(i, j, count)` for every pair of positions `i < j` in `active`.
    pub fn for_each_pair(&self, mut f: impl FnMut(usize, usize, u32)) {
        let n = self.active.len();
        for i in 0..n {
            let row = &self.counts[i];
            let mut next = 0;
            for j in i + 1..n {
                let c = if next < row.len() && row[next].0 as usize == j {
                    next += 1;
                    row[next - 1].1
                } else {
                    0
                };
                f(i, j, c);
            }
        }
    }
}

pub(super) fn sdsm(
    view: &View<'_>,
    g: &CoSignGraph,
    options: &BackboneOptions,
) -> Result<Backbone> {
    let observed = Observed::new(view, g)?;
    let fit = bicm::fit(&observed.inc)?;
    let class_of: Vec<usize> = observed
        .active
        .iter()
        .map(|&v| fit.actor_class[g.actor_index(v).index()] as usize)
        .collect();
    let (tails, used) = pair_tails(&fit, &class_of, options.tail_method);
    let r = fit.actor_classes.len();
    let mut tests = Vec::with_capacity(observed.active.len() * observed.active.len() / 2);
    observed.for_each_pair(|i, j, c| {
        let (ci, cj) = (class_of[i].min(class_of[j]), class_of[i].max(class_of[j]));
        let t = tails[ci * r + cj]
            .as_ref()
            .expect("tails of every class pair present");
        tests.push(PairTest {
            a: observed.active[i],
            b: observed.active[j],
            count: c,
            p_value: t.upper(c as u64),
            p_lower: (options.tail == Tail::Both).then(|| t.lower(c as u64)),
            sign: 0,
        });
    });
    assign_signs(&mut tests, options);
    let mut b = Backbone::from_pair_tests(g, tests, options.tail);
    b.tail_method = Some(used);
    b.bicm_residual = Some(fit.residual);
    Ok(b)
}

/// The tail distributions of every pair of actor classes present among `class_of` (indexed
/// `lo * R + hi`), and the method used.
pub(super) fn pair_tails(
    fit: &BicmFit,
    class_of: &[usize],
    method: TailMethod,
) -> (Vec<Option<Tails>>, TailMethod) {
    let r = fit.actor_classes.len();
    let mut present = vec![0usize; r];
    for &c in class_of {
        present[c] += 1;
    }
    let class_pairs: Vec<(usize, usize)> = (0..r)
        .flat_map(|a| (a..r).map(move |b| (a, b)))
        .filter(|&(a, b)| {
            if a == b {
                present[a] >= 2
            } else {
                present[a] > 0 && present[b] > 0
            }
        })
        .collect();
    let distribution = |a: usize, b: usize| {
        let groups: Vec<(u32, f64)> = fit
            .statement_classes
            .iter()
            .enumerate()
            .map(|(s, class)| {
                (
                    class.count,
                    fit.class_probability(a, s) * fit.class_probability(b, s),
                )
            })
            .collect();
        PoissonBinomial::new(&groups)
    };
    let used = match method {
        TailMethod::Auto => {
            let cost: f64 = class_pairs
                .iter()
                .map(|&(a, b)| distribution(a, b).exact_cost())
                .sum();
            if cost <= EXACT_BUDGET {
                TailMethod::Exact
            } else {
                TailMethod::Approximate
            }
        }
        m => m,
    };
    let mut tails = vec![None; r * r];
    for (a, b) in class_pairs {
        let d = distribution(a, b);
        tails[a * r + b] = Some(match used {
            TailMethod::Exact => Tails::Exact(d.exact()),
            _ => Tails::Approximate(d.approximate()),
        });
    }
    (tails, used)
}
