//! Deterministic starting values: the leading eigenvector of the double-centred agreement
//! (inner-product) matrix of the actors, computed as the leading right singular vector of the
//! double-centred items × actors vote matrix without forming the actors × actors matrix.
//!
//! With E the item-centred vote matrix (each vote minus its item's mean category; missing
//! votes 0, the item mean) and J the centring over actors, the actors' agreement matrix
//! double-centred is J EᵀE J; power iteration x ← J Eᵀ(E x) from a fixed vector converges to
//! its leading eigenvector in O(votes) per step.

use super::data::Votes;

/// Starting ideal points of the compact actors (mean 0, variance 1).
// Votes are addressed by the item-major ranges shared by several arrays.
#[allow(clippy::needless_range_loop)]
pub(crate) fn svd_start(v: &Votes) -> Vec<f64> {
    let n = v.actors.len();
    let m = v.items();
    let mut centred = vec![0.0; v.vote_cat.len()];
    for j in 0..m {
        let r = v.item_start[j] as usize..v.item_start[j + 1] as usize;
        let mean = v.vote_cat[r.clone()].iter().map(|&c| c as f64).sum::<f64>() / r.len() as f64;
        for k in r {
            centred[k] = v.vote_cat[k] as f64 - mean;
        }
    }
    // A fixed start that no eigenvector is orthogonal to in practice (golden-ratio sequence).
    let mut x: Vec<f64> = (0..n)
        .map(|i| ((i as f64 + 1.0) * 0.618_033_988_749_895).fract() - 0.5)
        .collect();
    normalise(&mut x);
    let mut u = vec![0.0; m];
    let mut y = vec![0.0; n];
    for _ in 0..200 {
        for j in 0..m {
            let r = v.item_start[j] as usize..v.item_start[j + 1] as usize;
            u[j] = r
                .map(|k| centred[k] * x[v.vote_actor[k] as usize])
                .sum::<f64>();
        }
        y.iter_mut().for_each(|y| *y = 0.0);
        for j in 0..m {
            for k in v.item_start[j] as usize..v.item_start[j + 1] as usize {
                y[v.vote_actor[k] as usize] += centred[k] * u[j];
            }
        }
        if !normalise(&mut y) {
            break;
        }
        let change = x
            .iter()
            .zip(&y)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        std::mem::swap(&mut x, &mut y);
        if change < 1e-8 {
            break;
        }
    }
    // Mean 0, variance 1: the prior's scale.
    let sd = (x.iter().map(|a| a * a).sum::<f64>() / n.max(1) as f64).sqrt();
    if sd > 0.0 {
        x.iter_mut().for_each(|a| *a /= sd);
    }
    x
}

/// Centres `x` and scales it to unit length; false when it vanished.
fn normalise(x: &mut [f64]) -> bool {
    let mean = x.iter().sum::<f64>() / x.len().max(1) as f64;
    x.iter_mut().for_each(|a| *a -= mean);
    let norm = x.iter().map(|a| a * a).sum::<f64>().sqrt();
    if norm == 0.0 || !norm.is_finite() {
        return false;
    }
    x.iter_mut().for_each(|a| *a /= norm);
    true
}
