//! Quality functions: modularity with resolution, the Constant Potts Model and signed
//! modularity, as stand-alone functions and as the objectives the optimisers maximise.

use serde::{Deserialize, Serialize};

use super::null_model::Dense;
use super::{ClusterError, ClusterGraph};

/// The quality function an optimiser maximises.
///
/// With `e_c` the internal edge weight of community `c` (self-loops once), `K_c` the sum of
/// its members' weighted degrees, `n_c` its size and `m` the total edge weight:
///
/// * `Modularity` (Newman–Girvan with the Reichardt–Bornholdt resolution γ):
///   `Q = Σ_c [ e_c/m − γ (K_c / 2m)² ]`. Larger γ gives more, smaller communities.
///   Needs non-negative weights.
/// * `Cpm`, the Constant Potts Model (Traag, Van Dooren & Nesterov 2011):
///   `H = Σ_c [ e_c − γ n_c (n_c − 1)/2 ]`. γ is a density threshold: on an unweighted graph
///   use γ in (0, 1) near the edge density (γ = 1 gives singletons). Negative weights are
///   allowed.
/// * `SignedModularity` (Gómez, Jensen & Arenas 2009, Phys. Rev. E 80:016114): modularity
///   computed over the positive and the negative part of the graph separately, each with its
///   own total weight `m⁺`, `m⁻` and degrees `K⁺`, `K⁻`, combined as
///   `Q = (m⁺ Q⁺ − m⁻ Q⁻) / (m⁺ + m⁻)` where `Q± = Σ_c [ e±_c/m± − γ (K±_c / 2m±)² ]`.
///   Equals `Modularity` on a graph without negative edges.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Quality {
    /// Modularity with resolution γ.
    Modularity {
        /// γ ≥ 0; 1 is classic modularity.
        resolution: f64,
    },
    /// Constant Potts Model with resolution (density threshold) γ.
    Cpm {
        /// γ ≥ 0.
        resolution: f64,
    },
    /// Signed modularity (Gómez, Jensen & Arenas 2009) with resolution γ.
    SignedModularity {
        /// γ ≥ 0; 1 is the published definition.
        resolution: f64,
    },
}

impl Default for Quality {
    fn default() -> Self {
        Quality::Modularity { resolution: 1.0 }
    }
}

/// The family of a [`Quality`], without its resolution.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum QualityKind {
    /// [`Quality::Modularity`].
    Modularity,
    /// [`Quality::Cpm`].
    Cpm,
    /// [`Quality::SignedModularity`].
    SignedModularity,
}

crate::names::named_enum!(QualityKind, "quality function", [
    Modularity => "modularity",
    Cpm => "cpm",
    SignedModularity => "signed_modularity" | "signed",
]);

impl QualityKind {
    /// The quality function of this family at resolution γ.
    pub fn with_resolution(self, resolution: f64) -> Quality {
        match self {
            QualityKind::Modularity => Quality::Modularity { resolution },
            QualityKind::Cpm => Quality::Cpm { resolution },
            QualityKind::SignedModularity => Quality::SignedModularity { resolution },
        }
    }
}

impl Quality {
    /// Modularity at resolution γ: signed modularity for a signed projection (its windows may
    /// have negative weights), plain modularity otherwise. What `timeline`, `report` and the
    /// Python timeline use for `--signed`.
    ///
    /// ```
    /// use cosignatory::cluster::Quality;
    /// assert_eq!(Quality::modularity(true, 0.5), Quality::SignedModularity { resolution: 0.5 });
    /// assert_eq!(Quality::modularity(false, 1.0), Quality::Modularity { resolution: 1.0 });
    /// ```
    pub fn modularity(signed: bool, resolution: f64) -> Quality {
        if signed {
            Quality::SignedModularity { resolution }
        } else {
            Quality::Modularity { resolution }
        }
    }

    /// The resolution γ.
    pub fn resolution(&self) -> f64 {
        match *self {
            Quality::Modularity { resolution }
            | Quality::Cpm { resolution }
            | Quality::SignedModularity { resolution } => resolution,
        }
    }

    /// The quality function to optimise on `graph`: the crate's one rule for signed graphs.
    ///
    /// Plain modularity is undefined with negative weights, so `Modularity` becomes
    /// `SignedModularity` on a graph that has some; `SignedModularity` on a graph without any
    /// is plain `Modularity` (the two are equal there, and the single-layer optimiser is
    /// faster). CPM takes any weights and is returned as it is.
    ///
    /// ```
    /// use cosignatory::cluster::{ClusterGraph, Quality};
    /// let signed = ClusterGraph::from_edges(3, [(0, 1, 1.0), (1, 2, -1.0)]).unwrap();
    /// let plain = ClusterGraph::from_edges(3, [(0, 1, 1.0), (1, 2, 1.0)]).unwrap();
    /// let q = Quality::Modularity { resolution: 1.0 };
    /// assert_eq!(q.for_graph(&signed), Quality::SignedModularity { resolution: 1.0 });
    /// assert_eq!(q.for_graph(&plain), q);
    /// ```
    pub fn for_graph(self, graph: &ClusterGraph) -> Quality {
        match self {
            Quality::Modularity { resolution } | Quality::SignedModularity { resolution } => {
                if graph.has_negative_weights() {
                    Quality::SignedModularity { resolution }
                } else {
                    Quality::Modularity { resolution }
                }
            }
            q @ Quality::Cpm { .. } => q,
        }
    }

    /// The name used on the command line and in outputs: `modularity`, `cpm` or
    /// `signed_modularity`.
    pub fn name(&self) -> &'static str {
        self.kind().name()
    }

    /// The family, without the resolution.
    pub fn kind(&self) -> QualityKind {
        match self {
            Quality::Modularity { .. } => QualityKind::Modularity,
            Quality::Cpm { .. } => QualityKind::Cpm,
            Quality::SignedModularity { .. } => QualityKind::SignedModularity,
        }
    }
}

/// Modularity of a partition with resolution γ, as networkx `community.modularity`:
/// `Q = Σ_c [ e_c/m − γ (K_c / 2m)² ]`, a self-loop counting once in `e_c` and `m` and twice
/// in the degree.
///
/// `membership[i]` is node `i`'s community label (any `usize` values).
///
/// # Errors
/// [`ClusterError::LengthMismatch`], [`ClusterError::NegativeWeight`] (use
/// [`signed_modularity`] for signed graphs), [`ClusterError::ZeroTotalWeight`],
/// [`ClusterError::InvalidParameter`] for a non-finite γ.
///
/// ```
/// use cosignatory::cluster::{modularity, ClusterGraph};
/// // Two triangles joined by one edge.
/// let g = ClusterGraph::from_edges(6, [(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0), (3, 4, 1.0),
///                                      (4, 5, 1.0), (3, 5, 1.0), (2, 3, 1.0)]).unwrap();
/// let q = modularity(&g, &[0, 0, 0, 1, 1, 1], 1.0).unwrap();
/// assert!((q - 5.0 / 14.0).abs() < 1e-12);
/// ```
pub fn modularity(
    graph: &ClusterGraph,
    membership: &[usize],
    resolution: f64,
) -> Result<f64, ClusterError> {
    quality(graph, membership, &Quality::Modularity { resolution })
}

/// The Constant Potts Model quality `Σ_c [ e_c − γ n_c (n_c − 1)/2 ]` (Traag, Van Dooren &
/// Nesterov 2011). Negative weights are allowed. (leidenalg's `CPMVertexPartition.quality()`
/// reports twice this value on undirected graphs.)
///
/// # Errors
/// [`ClusterError::LengthMismatch`], [`ClusterError::InvalidParameter`] for a non-finite γ.
pub fn cpm_quality(
    graph: &ClusterGraph,
    membership: &[usize],
    resolution: f64,
) -> Result<f64, ClusterError> {
    quality(graph, membership, &Quality::Cpm { resolution })
}

/// Signed modularity (Gómez, Jensen & Arenas 2009): see [`Quality::SignedModularity`].
///
/// # Errors
/// [`ClusterError::LengthMismatch`], [`ClusterError::ZeroTotalWeight`] when the graph has
/// no weight of either sign, [`ClusterError::InvalidParameter`] for a non-finite γ.
pub fn signed_modularity(
    graph: &ClusterGraph,
    membership: &[usize],
    resolution: f64,
) -> Result<f64, ClusterError> {
    quality(graph, membership, &Quality::SignedModularity { resolution })
}

/// The value of any [`Quality`] for a partition given by labels.
///
/// # Errors
/// As [`modularity`], [`cpm_quality`] and [`signed_modularity`].
pub fn quality(
    graph: &ClusterGraph,
    membership: &[usize],
    quality: &Quality,
) -> Result<f64, ClusterError> {
    check_resolution(quality.resolution(), false)?;
    let labels = graph.compact_labels("membership", membership)?;
    let (e, k) = quality_line(graph, &labels, quality.kind())?;
    Ok(e - quality.resolution() * k)
}

/// Checks γ: finite, and non-negative when `optimising`.
pub(crate) fn check_resolution(resolution: f64, optimising: bool) -> Result<(), ClusterError> {
    if !resolution.is_finite() || (optimising && resolution < 0.0) {
        return Err(ClusterError::InvalidParameter {
            name: "resolution",
            value: resolution.to_string(),
            reason: if optimising {
                "must be a finite number >= 0".into()
            } else {
                "must be a finite number".into()
            },
        });
    }
    Ok(())
}

/// A partition's quality is linear in γ: `quality(γ) = e − γ k`. Returns `(e, k)` in the
/// reported scale (modularity normalised by `m`, CPM unnormalised). `labels` are canonical
/// and compact.
pub(crate) fn quality_line(
    graph: &ClusterGraph,
    labels: &[u32],
    kind: QualityKind,
) -> Result<(f64, f64), ClusterError> {
    let csr = &graph.csr;
    let n = csr.node_count();
    let k = labels.iter().map(|&c| c as usize + 1).max().unwrap_or(0);
    let mut internal = vec![0.0; k];
    for v in 0..n {
        let c = labels[v] as usize;
        internal[c] += csr.loop_weight(v);
        let (targets, weights) = csr.neighbors(v);
        for (&t, &w) in targets.iter().zip(weights) {
            if (t as usize) > v && labels[t as usize] as usize == c {
                internal[c] += w;
            }
        }
    }
    let e_sum: f64 = internal.iter().sum();
    match kind {
        QualityKind::Cpm => {
            let mut sizes = vec![0.0f64; k];
            for &c in labels {
                sizes[c as usize] += 1.0;
            }
            Ok((e_sum, sizes.iter().map(|s| s * (s - 1.0) / 2.0).sum()))
        }
        QualityKind::Modularity => {
            if let Some((u, v, weight)) = graph.first_negative() {
                return Err(ClusterError::NegativeWeight { u, v, weight });
            }
            let m = graph.total_weight();
            if m <= 0.0 {
                return Err(ClusterError::ZeroTotalWeight);
            }
            let mut degree = vec![0.0; k];
            for v in 0..n {
                degree[labels[v] as usize] += csr.strength(v);
            }
            let penalty = degree.iter().map(|d| (d / (2.0 * m)).powi(2)).sum();
            Ok((e_sum / m, penalty))
        }
        QualityKind::SignedModularity => {
            let mut pos = vec![0.0; k];
            let mut neg = vec![0.0; k];
            let (mut m_pos2, mut m_neg2) = (0.0, 0.0);
            for v in 0..n {
                let (p, q) = csr.signed_strength(v);
                pos[labels[v] as usize] += p;
                neg[labels[v] as usize] += q;
                m_pos2 += p;
                m_neg2 += q;
            }
            let total = (m_pos2 + m_neg2) / 2.0;
            if total <= 0.0 {
                return Err(ClusterError::ZeroTotalWeight);
            }
            let part = |d: &[f64], two_m: f64| {
                if two_m > 0.0 {
                    d.iter().map(|x| x * x).sum::<f64>() / (2.0 * two_m)
                } else {
                    0.0
                }
            };
            let penalty = part(&pos, m_pos2) - part(&neg, m_neg2);
            Ok((e_sum / total, penalty / total))
        }
    }
}

/// The objective in the engine's form. With node sizes `s_v` (one or two layers) and
/// community totals `S_c`, the optimisers maximise
/// `H = Σ_c e_c − Σ_l coef_l Σ_c S_{c,l}² / 2` (up to a constant), so that moving node `v`
/// from `A` to `B` changes `H` by `w(v,B) − w(v,A∖v) − Σ_l coef_l s_{v,l} (S_{B,l} − S_{A∖v,l})`.
///
/// Modularity: one layer, `s = degree`, `coef = γ/2m` (`H = m Q`). CPM: `s = 1`,
/// `coef = γ` (the `−γ n_c/2` term of `n_c(n_c−1)/2` sums to a constant). Signed: layers
/// `K⁺` with `γ/2m⁺` and `K⁻` with `−γ/2m⁻`.
pub(crate) struct Objective {
    pub(crate) coef: [f64; 2],
    pub(crate) sizes: Vec<[f64; 2]>,
}

impl Objective {
    /// Whether the second layer is in use (signed modularity on a graph with negative
    /// weights).
    pub(crate) fn two_layers(&self) -> bool {
        self.coef[1] != 0.0
    }

    /// The null model and the node sizes, truncated to the first `L` layers.
    pub(crate) fn layers<const L: usize>(&self) -> (Dense<L>, Vec<[f64; L]>) {
        let model = Dense {
            coef: std::array::from_fn(|l| self.coef[l]),
        };
        let sizes = self
            .sizes
            .iter()
            .map(|s| std::array::from_fn(|l| s[l]))
            .collect();
        (model, sizes)
    }

    /// Builds the objective for `graph`, checking that `quality` applies to it.
    pub(crate) fn new(graph: &ClusterGraph, quality: &Quality) -> Result<Objective, ClusterError> {
        let gamma = quality.resolution();
        check_resolution(gamma, true)?;
        let csr = &graph.csr;
        let n = csr.node_count();
        match quality {
            Quality::Modularity { .. } => {
                if let Some((u, v, weight)) = graph.first_negative() {
                    return Err(ClusterError::NegativeWeight { u, v, weight });
                }
                let m = graph.total_weight();
                if m <= 0.0 {
                    return Err(ClusterError::ZeroTotalWeight);
                }
                Ok(Objective {
                    coef: [gamma / (2.0 * m), 0.0],
                    sizes: (0..n).map(|v| [csr.strength(v), 0.0]).collect(),
                })
            }
            Quality::Cpm { .. } => Ok(Objective {
                coef: [gamma, 0.0],
                sizes: vec![[1.0, 0.0]; n],
            }),
            Quality::SignedModularity { .. } => {
                let sizes: Vec<[f64; 2]> = (0..n)
                    .map(|v| {
                        let (p, q) = csr.signed_strength(v);
                        [p, q]
                    })
                    .collect();
                let two_pos: f64 = sizes.iter().map(|s| s[0]).sum();
                let two_neg: f64 = sizes.iter().map(|s| s[1]).sum();
                if two_pos + two_neg <= 0.0 {
                    return Err(ClusterError::ZeroTotalWeight);
                }
                let c = |two_m: f64| if two_m > 0.0 { gamma / two_m } else { 0.0 };
                Ok(Objective {
                    coef: [c(two_pos), -c(two_neg)],
                    sizes,
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn two_triangles() -> ClusterGraph {
        ClusterGraph::from_edges(6, crate::cluster::fixtures::two_triangles(1.0)).unwrap()
    }

    #[test]
    fn modularity_by_hand() {
        let g = two_triangles();
        // e = 3 + 3 of m = 7; K = 7 and 7.
        let q = modularity(&g, &[0, 0, 0, 1, 1, 1], 1.0).unwrap();
        assert!((q - (6.0 / 7.0 - 2.0 * 0.25)).abs() < 1e-15);
        let q2 = modularity(&g, &[0, 0, 0, 1, 1, 1], 2.0).unwrap();
        assert!((q2 - (6.0 / 7.0 - 2.0 * 2.0 * 0.25)).abs() < 1e-15);
        assert!(modularity(&g, &[0; 6], 1.0).unwrap().abs() < 1e-15);
    }

    #[test]
    fn self_loop_counts_twice_in_degree() {
        // networkx: G with edge (0,1) and self-loop (1,1): m = 2, deg(0)=1, deg(1)=3.
        let g = ClusterGraph::from_edges(2, [(0, 1, 1.0), (1, 1, 1.0)]).unwrap();
        let q = modularity(&g, &[0, 1], 1.0).unwrap();
        let expect = (0.0 - (1.0f64 / 4.0).powi(2)) + (1.0 / 2.0 - (3.0f64 / 4.0).powi(2));
        assert!((q - expect).abs() < 1e-15);
    }

    #[test]
    fn cpm_by_hand() {
        let g = two_triangles();
        let h = cpm_quality(&g, &[0, 0, 0, 1, 1, 1], 0.5).unwrap();
        assert!((h - (6.0 - 0.5 * 6.0)).abs() < 1e-15);
    }

    #[test]
    fn signed_equals_plain_without_negatives() {
        let g = two_triangles();
        let m = [0, 0, 1, 1, 2, 2];
        let a = modularity(&g, &m, 1.3).unwrap();
        let b = signed_modularity(&g, &m, 1.3).unwrap();
        assert!((a - b).abs() < 1e-15);
    }

    #[test]
    fn signed_modularity_by_hand() {
        // Positive edge 0-1 (1), negative edge 1-2 (-2). m+ = 1, m- = 2.
        let g = ClusterGraph::from_edges(3, [(0, 1, 1.0), (1, 2, -2.0)]).unwrap();
        let memb = [0, 0, 1];
        // Q+ = 1/1 - (2/2)^2 - 0 = 0 ; Q- = 0 - [(2/4)^2 + (2/4)^2] = -0.5
        let q = signed_modularity(&g, &memb, 1.0).unwrap();
        let expect = (1.0 * 0.0 - 2.0 * (-0.5)) / 3.0;
        assert!((q - expect).abs() < 1e-15, "{q} vs {expect}");
        assert!(matches!(
            modularity(&g, &memb, 1.0),
            Err(ClusterError::NegativeWeight { u: 1, v: 2, .. })
        ));
    }

    #[test]
    fn errors() {
        let g = ClusterGraph::from_edges(2, []).unwrap();
        assert_eq!(
            modularity(&g, &[0, 1], 1.0),
            Err(ClusterError::ZeroTotalWeight)
        );
        assert_eq!(cpm_quality(&g, &[0, 1], 1.0), Ok(0.0));
        assert!(matches!(
            modularity(&g, &[0], 1.0),
            Err(ClusterError::LengthMismatch { .. })
        ));
        assert!(matches!(
            modularity(&two_triangles(), &[0; 6], f64::NAN),
            Err(ClusterError::InvalidParameter { .. })
        ));
    }

    #[test]
    fn engine_objective_matches_quality_differences() {
        // Moving node 2 from {0,1,2} to {3,4,5}: ΔH from the objective equals m ΔQ.
        let g = two_triangles();
        let obj = Objective::new(&g, &Quality::Modularity { resolution: 1.0 }).unwrap();
        let m = g.total_weight();
        let before = modularity(&g, &[0, 0, 0, 1, 1, 1], 1.0).unwrap();
        let after = modularity(&g, &[0, 0, 1, 1, 1, 1], 1.0).unwrap();
        let s = obj.sizes[2][0];
        let sa = obj.sizes[0][0] + obj.sizes[1][0];
        let sb = obj.sizes[3][0] + obj.sizes[4][0] + obj.sizes[5][0];
        let delta = 1.0 - 2.0 - obj.coef[0] * s * (sb - sa);
        assert!((delta - m * (after - before)).abs() < 1e-12);
    }
}
