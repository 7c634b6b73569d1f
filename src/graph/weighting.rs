//! Edge weightings of the actor projection.

use serde::{Deserialize, Serialize};

/// How a pair's co-signatures become an edge weight.
///
/// Notation: `a` = number of statements both actors signed (each weighted by its statement
/// weight and decay, if any), `|A_i|` = statements actor `i` signed, `N` = statements in the
/// view, `k_s` = signatories of statement `s`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Weighting {
    /// `a`, the co-signature count (networkx `weighted_projected_graph`).
    #[default]
    Count,
    /// Newman's (2001) collaboration weight `Σ_s 1/(k_s − 1)` over joint statements: large
    /// statements count less (networkx `collaboration_weighted_projected_graph`).
    /// Newman, M. E. J. (2001), Phys. Rev. E 64: 016132.
    Newman,
    /// Jaccard `a / (|A_i| + |A_j| − a)` (networkx `overlap_weighted_projected_graph`).
    Jaccard,
    /// Salton's cosine `a / √(|A_i|·|A_j|)`.
    Cosine,
    /// Overlap (Szymkiewicz–Simpson) `a / min(|A_i|, |A_j|)`
    /// (networkx `overlap_weighted_projected_graph(jaccard=False)`).
    Overlap,
    /// Significance of co-signing at least `a` times by chance: `−log10 P(X ≥ a)` with
    /// `X ~ Hypergeometric(N, |A_i|, |A_j|)` (Neal 2013; Tumminello et al. 2011). Needs unit
    /// statement weights (no decay).
    Hypergeometric,
}

crate::names::named_enum!(Weighting, "weighting", [
    Count => "count",
    Newman => "newman",
    Jaccard => "jaccard",
    Cosine => "cosine",
    Overlap => "overlap",
    Hypergeometric => "hypergeometric",
]);
