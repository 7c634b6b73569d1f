//! Partition comparison: normalised mutual information, adjusted Rand index and variation
//! of information, computed from the contingency table of two labelings. Values match
//! scikit-learn's `normalized_mutual_info_score` (default `average_method="arithmetic"`),
//! `adjusted_rand_score` and `mutual_info_score`/`entropy` (natural logarithms).

use std::collections::HashMap;
use std::hash::Hash;

use super::ClusterError;

/// The contingency table of two labelings: non-zero cell counts and both marginals.
struct Contingency {
    n: usize,
    cells: Vec<usize>,
    rows: Vec<usize>,
    cols: Vec<usize>,
    // (row, column) index of each cell, aligned with `cells`.
    index: Vec<(usize, usize)>,
}

impl Contingency {
    fn new<A: Eq + Hash, B: Eq + Hash>(a: &[A], b: &[B]) -> Result<Contingency, ClusterError> {
        if a.len() != b.len() {
            return Err(ClusterError::LengthMismatch {
                what: "second labeling",
                expected: a.len(),
                found: b.len(),
            });
        }
        let rows_of = dense(a);
        let cols_of = dense(b);
        let mut rows = vec![0usize; rows_of.1];
        let mut cols = vec![0usize; cols_of.1];
        let mut cell_of: HashMap<(usize, usize), usize> = HashMap::new();
        let mut cells = Vec::new();
        let mut index = Vec::new();
        for (&r, &c) in rows_of.0.iter().zip(&cols_of.0) {
            rows[r] += 1;
            cols[c] += 1;
            let next = cells.len();
            let slot = *cell_of.entry((r, c)).or_insert(next);
            if slot == next {
                cells.push(0);
                index.push((r, c));
            }
            cells[slot] += 1;
        }
        Ok(Contingency {
            n: a.len(),
            cells,
            rows,
            cols,
            index,
        })
    }

    /// Mutual information in nats, clipped at 0 as scikit-learn does.
    fn mutual_information(&self) -> f64 {
        if self.rows.len() <= 1 || self.cols.len() <= 1 {
            return 0.0;
        }
        let n = self.n as f64;
        let mi: f64 = self
            .cells
            .iter()
            .zip(&self.index)
            .map(|(&nij, &(i, j))| {
                let p = nij as f64 / n;
                let outer = self.rows[i] as f64 * self.cols[j] as f64;
                let term = p * ((nij as f64).ln() - n.ln()) + p * (n.ln() + n.ln() - outer.ln());
                // Terms within one ulp of zero are rounding noise.
                if term.abs() < f64::EPSILON { 0.0 } else { term }
            })
            .sum();
        mi.max(0.0)
    }
}

/// Compacts labels to `0..k`; returns them and `k`.
fn dense<L: Eq + Hash>(labels: &[L]) -> (Vec<usize>, usize) {
    let mut map = HashMap::new();
    let out = labels
        .iter()
        .map(|l| {
            let next = map.len();
            *map.entry(l).or_insert(next)
        })
        .collect();
    (out, map.len())
}

/// Shannon entropy (nats) of a distribution given by counts.
fn entropy(counts: &[usize], n: usize) -> f64 {
    if counts.len() <= 1 {
        return 0.0;
    }
    let n = n as f64;
    -counts
        .iter()
        .map(|&c| {
            let p = c as f64 / n;
            p * ((c as f64).ln() - n.ln())
        })
        .sum::<f64>()
}

/// Normalised mutual information with the **arithmetic-mean** normalisation
/// `NMI = I(A;B) / ((H(A) + H(B)) / 2)` (Danon et al. 2005; scikit-learn's default
/// `average_method="arithmetic"`). Other normalisations (geometric, max) give different
/// values; state which one you report.
///
/// Conventions as scikit-learn: 1 when both labelings have a single community (or no
/// nodes), 0 when the mutual information is 0. Labels are any hashable values (e.g.
/// `Partition::membership()`, negative integers or strings); only co-membership matters.
///
/// # Errors
/// [`ClusterError::LengthMismatch`] when the labelings differ in length.
///
/// ```
/// use cosignatory::cluster::normalized_mutual_info;
/// assert_eq!(normalized_mutual_info(&[0, 0, 1, 1], &[5, 5, 2, 2]).unwrap(), 1.0);
/// assert_eq!(normalized_mutual_info(&[0, 0, 1, 1], &[0, 1, 0, 1]).unwrap(), 0.0);
/// ```
pub fn normalized_mutual_info<A: Eq + Hash, B: Eq + Hash>(
    a: &[A],
    b: &[B],
) -> Result<f64, ClusterError> {
    let t = Contingency::new(a, b)?;
    if t.rows.len() == t.cols.len() && t.rows.len() <= 1 {
        return Ok(1.0);
    }
    let mi = t.mutual_information();
    if mi == 0.0 {
        return Ok(0.0);
    }
    let norm = (entropy(&t.rows, t.n) + entropy(&t.cols, t.n)) / 2.0;
    Ok(mi / norm)
}

/// Adjusted Rand index (Hubert & Arabie 1985): the Rand index corrected for chance; 1 for
/// identical groupings, about 0 for independent ones, possibly negative. Computed from
/// exact integer pair counts as scikit-learn's `adjusted_rand_score` (1 when no pair is
/// split differently, e.g. fewer than two nodes).
///
/// # Errors
/// [`ClusterError::LengthMismatch`] when the labelings differ in length.
///
/// ```
/// use cosignatory::cluster::adjusted_rand_index;
/// assert_eq!(adjusted_rand_index(&[0, 0, 1, 1], &[1, 1, 0, 0]).unwrap(), 1.0);
/// ```
pub fn adjusted_rand_index<A: Eq + Hash, B: Eq + Hash>(
    a: &[A],
    b: &[B],
) -> Result<f64, ClusterError> {
    let t = Contingency::new(a, b)?;
    // Ordered-pair counts of the pair confusion matrix.
    let n = t.n as i128;
    let sq = |v: &[usize]| v.iter().map(|&x| (x as i128) * (x as i128)).sum::<i128>();
    let sum_squares = sq(&t.cells);
    let row_sq = sq(&t.rows);
    let col_sq = sq(&t.cols);
    let tp = sum_squares - n;
    let fp = col_sq - sum_squares;
    let fn_ = row_sq - sum_squares;
    let tn = n * n - fp - fn_ - sum_squares;
    if fp == 0 && fn_ == 0 {
        return Ok(1.0);
    }
    let num = 2.0 * ((tp * tn - fn_ * fp) as f64);
    let den = ((tp + fn_) * (fn_ + tn) + (tp + fp) * (fp + tn)) as f64;
    Ok(num / den)
}

/// Variation of information (Meilă 2007), in nats: `VI = H(A) + H(B) − 2 I(A;B)`. A metric
/// on partitions; 0 for identical groupings, at most `ln n`. Divide by `ln n` for a value
/// in [0, 1].
///
/// # Errors
/// [`ClusterError::LengthMismatch`] when the labelings differ in length.
///
/// ```
/// use cosignatory::cluster::variation_of_information;
/// let vi = variation_of_information(&[0, 0, 1, 1], &[0, 1, 0, 1]).unwrap();
/// assert!((vi - 2.0 * 2f64.ln()).abs() < 1e-12);
/// ```
pub fn variation_of_information<A: Eq + Hash, B: Eq + Hash>(
    a: &[A],
    b: &[B],
) -> Result<f64, ClusterError> {
    let t = Contingency::new(a, b)?;
    let vi = entropy(&t.rows, t.n) + entropy(&t.cols, t.n) - 2.0 * t.mutual_information();
    Ok(vi.max(0.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_and_relabelled() {
        let a = [0, 0, 1, 1, 2, 2];
        let b = [4, 4, 0, 0, 9, 9];
        assert!((normalized_mutual_info(&a, &b).unwrap() - 1.0).abs() < 1e-15);
        assert_eq!(adjusted_rand_index(&a, &b).unwrap(), 1.0);
        assert!(variation_of_information(&a, &b).unwrap() < 1e-15);
    }

    #[test]
    fn known_values() {
        // sklearn: adjusted_rand_score([0,0,1,1],[0,0,1,2]) = 0.5714285714285715
        let ari = adjusted_rand_index(&[0, 0, 1, 1], &[0, 0, 1, 2]).unwrap();
        assert!((ari - 0.5714285714285715).abs() < 1e-15);
        // sklearn: normalized_mutual_info_score([0,0,1,1],[0,0,1,2]) = 0.8
        let nmi = normalized_mutual_info(&[0, 0, 1, 1], &[0, 0, 1, 2]).unwrap();
        assert!((nmi - 0.8).abs() < 1e-12, "{nmi}");
        // H(A) = ln 2, H(B) = 1.5 ln 2, I = ln 2  =>  VI = 0.5 ln 2
        let vi = variation_of_information(&[0, 0, 1, 1], &[0, 0, 1, 2]).unwrap();
        assert!((vi - 0.5 * 2f64.ln()).abs() < 1e-15);
    }

    #[test]
    fn degenerate_cases() {
        assert_eq!(
            normalized_mutual_info::<usize, usize>(&[], &[]).unwrap(),
            1.0
        );
        assert_eq!(normalized_mutual_info(&[1, 1, 1], &[2, 2, 2]).unwrap(), 1.0);
        assert_eq!(normalized_mutual_info(&[1, 1, 1], &[0, 1, 2]).unwrap(), 0.0);
        assert_eq!(adjusted_rand_index(&[0], &[3]).unwrap(), 1.0);
        assert_eq!(
            variation_of_information::<usize, usize>(&[], &[]).unwrap(),
            0.0
        );
        assert_eq!(
            normalized_mutual_info(&["a", "a", "b"], &[-1, -1, 2]).unwrap(),
            1.0
        );
        assert!(matches!(
            adjusted_rand_index(&[0, 1], &[0]),
            Err(ClusterError::LengthMismatch { .. })
        ));
    }
}
