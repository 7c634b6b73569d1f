//! Resolution profile: which partitions are optimal over a range of resolutions, found by
//! bisection over γ (as leidenalg's `Optimiser.resolution_profile`).

use serde::{Deserialize, Serialize};

use super::engine::compact;
use super::quality::{check_resolution, quality_line};
use super::{
    ClusterError, ClusterGraph, Iterations, LeidenOptions, Partition, QualityKind, leiden,
};

/// Options of [`resolution_profile`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ResolutionProfileOptions {
    /// The quality family scanned (default modularity).
    pub kind: QualityKind,
    /// Lower end of the γ range (default 0.1; must be > 0 unless `linear_bisection`).
    pub min_resolution: f64,
    /// Upper end of the γ range (default 10).
    pub max_resolution: f64,
    /// Seed of the Leiden runs.
    pub seed: u64,
    /// Leiden runs per γ, the best kept (default 1).
    pub runs: usize,
    /// Leiden iterations per run (default until stable).
    pub iterations: Iterations,
    /// Leiden refinement randomness (default 0.01).
    pub randomness: f64,
    /// Stop bisecting an interval when the total internal edge weight of its end
    /// partitions differs by less than this (default 1, as leidenalg).
    pub min_diff_bisect_value: f64,
    /// Stop bisecting intervals narrower than this (default 1e-3, as leidenalg).
    pub min_diff_resolution: f64,
    /// Bisect at the arithmetic mean; default (false) is the geometric mean, suited to
    /// ranges spanning orders of magnitude.
    pub linear_bisection: bool,
}

impl Default for ResolutionProfileOptions {
    fn default() -> Self {
        ResolutionProfileOptions {
            kind: QualityKind::Modularity,
            min_resolution: 0.1,
            max_resolution: 10.0,
            seed: 0,
            runs: 1,
            iterations: Iterations::UntilStable,
            randomness: 0.01,
            min_diff_bisect_value: 1.0,
            min_diff_resolution: 1e-3,
            linear_bisection: false,
        }
    }
}

/// A partition of a [`resolution_profile`] and the γ interval on which it is the best of
/// the partitions found.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProfileEntry {
    /// Lower end of the interval.
    pub min_resolution: f64,
    /// Upper end of the interval.
    pub max_resolution: f64,
    /// The partition.
    pub partition: Partition,
    /// Quality at γ is `intercept − γ · slope` (the quality is linear in γ for a fixed
    /// partition; same scale as [`quality`](super::quality)).
    pub intercept: f64,
    /// See `intercept`: the null-model term (Σ_c (K_c/2m)² for modularity,
    /// Σ_c n_c(n_c−1)/2 for CPM).
    pub slope: f64,
    /// Total internal edge weight, the value leidenalg bisects on.
    pub internal_weight: f64,
}

struct Candidate {
    labels: Vec<u32>,
    intercept: f64,
    slope: f64,
    internal: f64,
}

/// Scans γ over `[min_resolution, max_resolution]` by bisection and returns the distinct
/// partitions that are optimal somewhere in the range, each with its γ interval, in
/// increasing γ.
///
/// Leiden (best of `runs`) is run at both ends; an interval whose end partitions differ is
/// split at its midpoint, recursively, until the ends agree, their internal weights differ
/// by less than `min_diff_bisect_value`, or the interval is narrower than
/// `min_diff_resolution`. Since a partition's quality is linear in γ, each γ keeps the best
/// of all partitions found so far, and the result is the upper envelope of those lines:
/// a partition with a long interval is stable across resolutions.
///
/// # Errors
/// Errors of [`leiden`](super::leiden) (e.g. negative weights with modularity);
/// [`ClusterError::InvalidParameter`] for an empty or invalid range, `runs == 0`, or a
/// non-positive lower end with geometric bisection.
///
/// ```
/// use cosignatory::cluster::{resolution_profile, ClusterGraph, QualityKind, ResolutionProfileOptions};
/// // Two triangles joined by one edge.
/// let g = ClusterGraph::from_edges(6, [(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0), (3, 4, 1.0),
///                                      (4, 5, 1.0), (3, 5, 1.0), (2, 3, 1.0)]).unwrap();
/// let options = ResolutionProfileOptions { kind: QualityKind::Cpm, min_resolution: 0.01,
///                                          max_resolution: 2.0, ..Default::default() };
/// let profile = resolution_profile(&g, &options).unwrap();
/// // One community, then the two triangles, then singletons.
/// let counts: Vec<usize> = profile.iter().map(|e| e.partition.community_count()).collect();
/// assert_eq!(counts, vec![1, 2, 6]);
/// assert!((profile[1].min_resolution - 1.0 / 9.0).abs() < 1e-9);
/// ```
pub fn resolution_profile(
    graph: &ClusterGraph,
    options: &ResolutionProfileOptions,
) -> Result<Vec<ProfileEntry>, ClusterError> {
    let (lo, hi) = (options.min_resolution, options.max_resolution);
    check_resolution(lo, true)?;
    check_resolution(hi, true)?;
    let bad = |name, value: &dyn std::fmt::Display, reason: &str| {
        Err(ClusterError::InvalidParameter {
            name,
            value: value.to_string(),
            reason: reason.into(),
        })
    };
    if lo >= hi {
        return bad("max_resolution", &hi, "must exceed min_resolution");
    }
    if !options.linear_bisection && lo <= 0.0 {
        return bad(
            "min_resolution",
            &lo,
            "geometric bisection needs min_resolution > 0",
        );
    }
    if options.runs == 0 {
        return bad("runs", &0, "at least one run is needed");
    }
    let mut known: Vec<Candidate> = Vec::new();
    let evaluate = |gamma: f64, known: &mut Vec<Candidate>| -> Result<usize, ClusterError> {
        for i in 0..options.runs {
            let opts = LeidenOptions {
                quality: options.kind.with_resolution(gamma),
                seed: options.seed.wrapping_add(i as u64),
                iterations: options.iterations,
                randomness: options.randomness,
                ..Default::default()
            };
            let p = leiden(graph, &opts)?.partition;
            let by_rank: Vec<u32> = (0..graph.node_count())
                .map(|r| p.community_of(graph.node_at_rank(r)) as u32)
                .collect();
            let labels = compact(&by_rank).0;
            if !known.iter().any(|c| c.labels == labels) {
                let (intercept, slope) = quality_line(graph, &labels, options.kind)?;
                let internal = internal_weight(graph, &labels);
                known.push(Candidate {
                    labels,
                    intercept,
                    slope,
                    internal,
                });
            }
        }
        Ok(best_at(known, gamma))
    };
    let i_lo = evaluate(lo, &mut known)?;
    let i_hi = evaluate(hi, &mut known)?;
    let mut stack = vec![(lo, i_lo, hi, i_hi)];
    while let Some((a, ia, b, ib)) = stack.pop() {
        if ia == ib
            || (known[ia].internal - known[ib].internal).abs() < options.min_diff_bisect_value
            || b - a < options.min_diff_resolution
        {
            continue;
        }
        let mid = if options.linear_bisection {
            (a + b) / 2.0
        } else {
            (a * b).sqrt()
        };
        let im = evaluate(mid, &mut known)?;
        stack.push((mid, im, b, ib));
        stack.push((a, ia, mid, im));
    }
    Ok(envelope(&known, lo, hi)
        .into_iter()
        .map(|(start, end, i)| {
            let c = &known[i];
            ProfileEntry {
                min_resolution: start,
                max_resolution: end,
                partition: graph.partition_from_canonical(&c.labels),
                intercept: c.intercept,
                slope: c.slope,
                internal_weight: c.internal,
            }
        })
        .collect())
}

/// Σ_c e_c, self-loops once.
fn internal_weight(graph: &ClusterGraph, labels: &[u32]) -> f64 {
    let csr = &graph.csr;
    (0..csr.node_count())
        .map(|v| {
            let (targets, weights) = csr.neighbors(v);
            let inside: f64 = targets
                .iter()
                .zip(weights)
                .filter(|(t, _)| (**t as usize) > v && labels[**t as usize] == labels[v])
                .map(|(_, w)| w)
                .sum();
            inside + csr.loop_weight(v)
        })
        .sum()
}

/// The candidate of highest quality at γ; on ties the smaller slope (it stays best as γ
/// grows), then the earliest found.
fn best_at(known: &[Candidate], gamma: f64) -> usize {
    let mut best = 0;
    for (i, c) in known.iter().enumerate().skip(1) {
        let (q, qb) = (
            c.intercept - gamma * c.slope,
            known[best].intercept - gamma * known[best].slope,
        );
        if q > qb || (q == qb && c.slope < known[best].slope) {
            best = i;
        }
    }
    best
}

/// The upper envelope of the candidates' lines on [lo, hi] as (start, end, candidate).
fn envelope(known: &[Candidate], lo: f64, hi: f64) -> Vec<(f64, f64, usize)> {
    let mut out = Vec::new();
    let mut current = best_at(known, lo);
    let mut start = lo;
    loop {
        let c = &known[current];
        // The first line with a smaller slope to overtake the current one.
        let mut next: Option<(f64, usize)> = None;
        for (j, d) in known.iter().enumerate() {
            if d.slope < c.slope {
                let cross = (c.intercept - d.intercept) / (c.slope - d.slope);
                let better = match next {
                    None => true,
                    Some((g, k)) => cross < g || (cross == g && d.slope < known[k].slope),
                };
                if cross > start && cross < hi && better {
                    next = Some((cross, j));
                }
            }
        }
        match next {
            Some((cross, j)) => {
                out.push((start, cross, current));
                start = cross;
                current = j;
            }
            None => {
                out.push((start, hi, current));
                return out;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(intercept: f64, slope: f64) -> Candidate {
        Candidate {
            labels: Vec::new(),
            intercept,
            slope,
            internal: 0.0,
        }
    }

    #[test]
    fn envelope_skips_dominated_lines() {
        // y = 10 − 5γ, 6 − γ, 0; and a dominated 5 − 3γ.
        let known = vec![
            line(10.0, 5.0),
            line(6.0, 1.0),
            line(0.0, 0.0),
            line(5.0, 3.0),
        ];
        let e = envelope(&known, 0.0, 10.0);
        assert_eq!(e, vec![(0.0, 1.0, 0), (1.0, 6.0, 1), (6.0, 10.0, 2)]);
    }

    #[test]
    fn modularity_profile_on_karate_like_graph() {
        // Ring of six 4-cliques: at small γ few big groups, at large γ the cliques.
        let mut edges = Vec::new();
        for c in 0..6 {
            let b = c * 4;
            for i in 0..4 {
                for j in i + 1..4 {
                    edges.push((b + i, b + j, 1.0));
                }
            }
            edges.push((b, ((c + 1) % 6) * 4 + 1, 1.0));
        }
        let g = ClusterGraph::from_edges(24, edges).unwrap();
        let p = resolution_profile(&g, &ResolutionProfileOptions::default()).unwrap();
        assert!(p.len() >= 2);
        for w in p.windows(2) {
            assert_eq!(w[0].max_resolution, w[1].min_resolution);
            assert!(w[0].partition.community_count() <= w[1].partition.community_count());
        }
        assert_eq!(p[0].min_resolution, 0.1);
        assert_eq!(p.last().unwrap().max_resolution, 10.0);
        assert!(p.iter().any(|e| e.partition.community_count() == 6));
    }

    #[test]
    fn parameter_errors() {
        let g = ClusterGraph::from_edges(2, [(0, 1, 1.0)]).unwrap();
        let run = |o: ResolutionProfileOptions| resolution_profile(&g, &o);
        assert!(
            run(ResolutionProfileOptions {
                min_resolution: 0.0,
                ..Default::default()
            })
            .is_err()
        );
        assert!(
            run(ResolutionProfileOptions {
                min_resolution: 2.0,
                max_resolution: 1.0,
                ..Default::default()
            })
            .is_err()
        );
        assert!(
            run(ResolutionProfileOptions {
                min_resolution: 0.0,
                linear_bisection: true,
                ..Default::default()
            })
            .is_ok()
        );
    }
}
