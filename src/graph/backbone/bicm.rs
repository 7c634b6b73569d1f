//! The bipartite configuration model (BiCM; Saracco, Di Clemente, Gabrielli & Squartini 2015,
//! Sci. Rep. 5:10595; Saracco et al. 2017, New J. Phys. 19:053022): the maximum-entropy
//! probabilities `p_ik = x_i y_k / (1 + x_i y_k)` of actor `i` signing statement `k` that match
//! every actor's and every statement's degree in expectation.
//!
//! Solved on degree classes (actors, or statements, with equal degree share one fitness) by
//! Newton's method on the convex log-likelihood, with the gauge fixed and a backtracking line
//! search; the linear system is reduced to the smaller side by its Schur complement.

use crate::error::{Error, Result};
use crate::graph::Incidence;
use serde::{Deserialize, Serialize};

/// Largest relative degree residual the solver aims for (the fit reports what it reached).
pub const TARGET_RESIDUAL: f64 = 1e-10;

/// One degree class: nodes of one side with the same degree, and their shared fitness.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct DegreeClass {
    /// The observed degree of every member.
    pub degree: u32,
    /// Number of members.
    pub count: u32,
    /// `ln x` (actors) or `ln y` (statements): `-inf` for degree 0 (or a degree left at 0 once
    /// full rows and columns are set aside), `+inf` for a full row or column (`p = 1` on every
    /// nonempty partner).
    pub log_fitness: f64,
}

/// A solved BiCM: fitnesses by degree class and the classes of every actor and statement.
///
/// ```
/// use cosignatory::graph::bicm;
/// // Davis-like toy: 3 actors × 4 statements.
/// let fit = bicm::fit_degrees(&[2, 2, 1], &[2, 1, 1, 1]).unwrap();
/// assert!(fit.residual <= 1e-10);
/// let row: f64 = (0..4).map(|k| fit.probability(0, k)).sum();
/// assert!((row - 2.0).abs() < 1e-9);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BicmFit {
    /// Actor degree classes.
    pub actor_classes: Vec<DegreeClass>,
    /// Statement degree classes.
    pub statement_classes: Vec<DegreeClass>,
    /// The class of each actor (incidence order: the dataset's actor index).
    pub actor_class: Vec<u32>,
    /// The class of each statement (incidence event order).
    pub statement_class: Vec<u32>,
    /// Max over actors and statements with nonzero degree of `|Σ p − degree| / degree`.
    pub residual: f64,
    /// Newton iterations taken.
    pub iterations: usize,
}

impl BicmFit {
    /// `p_ik` for actor `i` and statement `k` (indices as in [`fit_degrees`]).
    ///
    /// # Panics
    /// If an index is out of range.
    pub fn probability(&self, i: usize, k: usize) -> f64 {
        class_probability(
            &self.actor_classes[self.actor_class[i] as usize],
            &self.statement_classes[self.statement_class[k] as usize],
        )
    }

    /// `x_i` of actor `i` (0 for degree 0, infinite for a full row).
    pub fn actor_fitness(&self, i: usize) -> f64 {
        self.actor_classes[self.actor_class[i] as usize]
            .log_fitness
            .exp()
    }

    /// `y_k` of statement `k`.
    pub fn statement_fitness(&self, k: usize) -> f64 {
        self.statement_classes[self.statement_class[k] as usize]
            .log_fitness
            .exp()
    }

    /// `p` between an actor class and a statement class.
    pub fn class_probability(&self, actor_class: usize, statement_class: usize) -> f64 {
        class_probability(
            &self.actor_classes[actor_class],
            &self.statement_classes[statement_class],
        )
    }
}

/// `p` between two classes: 0 if either has degree 0, 1 if either is full, else the logistic
/// of the summed log fitnesses.
fn class_probability(a: &DegreeClass, s: &DegreeClass) -> f64 {
    if a.degree == 0 || s.degree == 0 {
        0.0
    } else if a.log_fitness == f64::INFINITY || s.log_fitness == f64::INFINITY {
        1.0
    } else {
        logistic(a.log_fitness + s.log_fitness)
    }
}

fn logistic(t: f64) -> f64 {
    if t == f64::NEG_INFINITY {
        0.0
    } else {
        1.0 / (1.0 + (-t).exp())
    }
}

/// The BiCM of a view's incidence (every link counts once, whatever its side; build the
/// incidence with [`Linking::Signatures`](crate::graph::Linking::Signatures) for the
/// co-signature incidence).
///
/// ```
/// use cosignatory::graph::{bicm, Incidence, IncidenceOptions};
/// let ds = cosignatory::datasets::joint_statements();
/// let inc = Incidence::from_view(&ds.view(), &IncidenceOptions::default()).unwrap();
/// let fit = bicm::fit(&inc).unwrap();
/// assert!(fit.residual <= 1e-10);
/// ```
///
/// # Errors
/// As [`fit_degrees`].
pub fn fit(incidence: &Incidence) -> Result<BicmFit> {
    let (rows, cols) = degrees(incidence);
    fit_degrees(&rows, &cols)
}

/// Actor and statement degrees of an incidence.
pub(crate) fn degrees(incidence: &Incidence) -> (Vec<u32>, Vec<u32>) {
    let rows = (0..incidence.n_actors)
        .map(|a| incidence.events_of(a).len() as u32)
        .collect();
    let cols = (0..incidence.num_statements())
        .map(|e| incidence.start[e + 1] - incidence.start[e])
        .collect();
    (rows, cols)
}

/// The BiCM for given actor and statement degrees (a binary biadjacency's row and column
/// sums).
///
/// # Errors
/// [`Error::InvalidParameter`] if the degree sums differ, a degree exceeds the other side's
/// size, or the solver does not reach a relative residual of 1e-6 (degree sequences on the
/// boundary of what a binary matrix can realise have no finite solution).
pub fn fit_degrees(actor_degrees: &[u32], statement_degrees: &[u32]) -> Result<BicmFit> {
    let sum_a: u64 = actor_degrees.iter().map(|&d| d as u64).sum();
    let sum_s: u64 = statement_degrees.iter().map(|&d| d as u64).sum();
    let bad = |value: String, reason: &str| Error::InvalidParameter {
        name: "degrees",
        value,
        reason: reason.into(),
    };
    if sum_a != sum_s {
        return Err(bad(
            format!("{sum_a} vs {sum_s}"),
            "actor and statement degrees must have the same sum",
        ));
    }
    if actor_degrees
        .iter()
        .any(|&d| d as usize > statement_degrees.len())
        || statement_degrees
            .iter()
            .any(|&d| d as usize > actor_degrees.len())
    {
        return Err(bad(
            "degree".into(),
            "a degree exceeds the number of nodes on the other side",
        ));
    }
    let (mut actor_classes, actor_class) = classes(actor_degrees);
    let (mut statement_classes, statement_class) = classes(statement_degrees);
    // Set aside full rows and columns (p = 1 on every nonempty partner), repeatedly: each one
    // lowers the remaining degree of every partner by one.
    let mut rem_a: Vec<i64> = actor_classes.iter().map(|c| c.degree as i64).collect();
    let mut rem_s: Vec<i64> = statement_classes.iter().map(|c| c.degree as i64).collect();
    let mut full_a = vec![false; actor_classes.len()];
    let mut full_s = vec![false; statement_classes.len()];
    loop {
        let live_s: i64 = statement_classes
            .iter()
            .enumerate()
            .filter(|(c, s)| !full_s[*c] && s.degree > 0)
            .map(|(_, s)| s.count as i64)
            .sum();
        let live_a: i64 = actor_classes
            .iter()
            .enumerate()
            .filter(|(c, a)| !full_a[*c] && a.degree > 0)
            .map(|(_, a)| a.count as i64)
            .sum();
        let mut changed = false;
        for c in 0..actor_classes.len() {
            if !full_a[c] && rem_a[c] > 0 && rem_a[c] == live_s {
                full_a[c] = true;
                changed = true;
                let n = actor_classes[c].count as i64;
                for (s, r) in rem_s.iter_mut().enumerate() {
                    if !full_s[s] && statement_classes[s].degree > 0 {
                        *r -= n;
                    }
                }
                break;
            }
        }
        if changed {
            continue;
        }
        for s in 0..statement_classes.len() {
            if !full_s[s] && rem_s[s] > 0 && rem_s[s] == live_a {
                full_s[s] = true;
                changed = true;
                let n = statement_classes[s].count as i64;
                for (c, r) in rem_a.iter_mut().enumerate() {
                    if !full_a[c] && actor_classes[c].degree > 0 {
                        *r -= n;
                    }
                }
                break;
            }
        }
        if !changed {
            break;
        }
    }
    if rem_a.iter().chain(&rem_s).any(|&r| r < 0) {
        return Err(bad("degrees".into(), "no binary matrix has these degrees"));
    }
    // The free problem: classes with positive remaining degree, not full.
    let free_a: Vec<usize> = (0..actor_classes.len())
        .filter(|&c| !full_a[c] && rem_a[c] > 0)
        .collect();
    let free_s: Vec<usize> = (0..statement_classes.len())
        .filter(|&s| !full_s[s] && rem_s[s] > 0)
        .collect();
    let side_a = Side {
        degree: free_a.iter().map(|&c| rem_a[c] as f64).collect(),
        count: free_a
            .iter()
            .map(|&c| actor_classes[c].count as f64)
            .collect(),
    };
    let side_s = Side {
        degree: free_s.iter().map(|&s| rem_s[s] as f64).collect(),
        count: free_s
            .iter()
            .map(|&s| statement_classes[s].count as f64)
            .collect(),
    };
    let (theta, eta, iterations) = solve(&side_a, &side_s);
    for c in 0..actor_classes.len() {
        actor_classes[c].log_fitness = if full_a[c] {
            f64::INFINITY
        } else {
            f64::NEG_INFINITY
        };
    }
    for s in 0..statement_classes.len() {
        statement_classes[s].log_fitness = if full_s[s] {
            f64::INFINITY
        } else {
            f64::NEG_INFINITY
        };
    }
    for (i, &c) in free_a.iter().enumerate() {
        actor_classes[c].log_fitness = theta[i];
    }
    for (i, &s) in free_s.iter().enumerate() {
        statement_classes[s].log_fitness = eta[i];
    }
    let mut fit = BicmFit {
        actor_classes,
        statement_classes,
        actor_class,
        statement_class,
        residual: 0.0,
        iterations,
    };
    fit.residual = residual(&fit);
    if fit.residual.is_nan() || fit.residual > 1e-6 {
        return Err(bad(
            format!("relative residual {:e}", fit.residual),
            "the BiCM has no finite solution for these degrees (the solver did not converge)",
        ));
    }
    Ok(fit)
}

/// Classes by degree (sorted by degree) and each node's class.
fn classes(degrees: &[u32]) -> (Vec<DegreeClass>, Vec<u32>) {
    let mut distinct: Vec<u32> = degrees.to_vec();
    distinct.sort_unstable();
    distinct.dedup();
    let mut classes: Vec<DegreeClass> = distinct
        .iter()
        .map(|&d| DegreeClass {
            degree: d,
            count: 0,
            log_fitness: f64::NEG_INFINITY,
        })
        .collect();
    let class_of: Vec<u32> = degrees
        .iter()
        .map(|d| {
            let c = distinct.binary_search(d).expect("degree listed");
            classes[c].count += 1;
            c as u32
        })
        .collect();
    (classes, class_of)
}

/// Max relative degree residual over classes with nonzero degree.
fn residual(fit: &BicmFit) -> f64 {
    let mut worst = 0.0f64;
    for (c, a) in fit.actor_classes.iter().enumerate() {
        if a.degree == 0 {
            continue;
        }
        let sum: f64 = fit
            .statement_classes
            .iter()
            .enumerate()
            .map(|(s, st)| st.count as f64 * fit.class_probability(c, s))
            .sum();
        worst = worst.max((sum - a.degree as f64).abs() / a.degree as f64);
    }
    for (s, st) in fit.statement_classes.iter().enumerate() {
        if st.degree == 0 {
            continue;
        }
        let sum: f64 = fit
            .actor_classes
            .iter()
            .enumerate()
            .map(|(c, a)| a.count as f64 * fit.class_probability(c, s))
            .sum();
        worst = worst.max((sum - st.degree as f64).abs() / st.degree as f64);
    }
    worst
}

/// One side of the free problem: class degrees and sizes.
struct Side {
    degree: Vec<f64>,
    count: Vec<f64>,
}

/// Newton on `L(θ, η) = Σ_rc n_r m_c softplus(θ_r + η_c) − Σ n_r d_r θ_r − Σ m_c u_c η_c`.
/// Returns `(θ, η, iterations)`.
#[allow(clippy::needless_range_loop)] // dense linear algebra reads best with indices
fn solve(a: &Side, s: &Side) -> (Vec<f64>, Vec<f64>, usize) {
    if a.degree.is_empty() || s.degree.is_empty() {
        return (vec![0.0; a.degree.len()], vec![0.0; s.degree.len()], 0);
    }
    // Solve with the smaller side as the Schur complement's side.
    if a.degree.len() < s.degree.len() {
        let (eta, theta, it) = solve(s, a);
        return (theta, eta, it);
    }
    let (r, c) = (a.degree.len(), s.degree.len());
    let total: f64 = a.degree.iter().zip(&a.count).map(|(d, n)| d * n).sum();
    // Chung–Lu start: x_i y_k ≈ d_i u_k / E.
    let root = total.sqrt();
    let mut theta: Vec<f64> = a.degree.iter().map(|d| (d / root).ln()).collect();
    let mut eta: Vec<f64> = s.degree.iter().map(|u| (u / root).ln()).collect();
    let objective = |theta: &[f64], eta: &[f64]| -> f64 {
        let mut l = 0.0;
        for i in 0..r {
            let mut row = 0.0;
            for j in 0..c {
                row += s.count[j] * softplus(theta[i] + eta[j]);
            }
            l += a.count[i] * (row - a.degree[i] * theta[i]);
        }
        for j in 0..c {
            l -= s.count[j] * s.degree[j] * eta[j];
        }
        l
    };
    let mut p = vec![0.0; r * c];
    let mut w = vec![0.0; r * c];
    let mut iterations = 0;
    let mut value = objective(&theta, &eta);
    for it in 0..200 {
        iterations = it;
        for i in 0..r {
            for j in 0..c {
                let t = theta[i] + eta[j];
                let q = logistic(t);
                p[i * c + j] = q;
                w[i * c + j] = q * logistic(-t);
            }
        }
        // Gradient and relative residual.
        let mut ga = vec![0.0; r];
        let mut gs = vec![0.0; c];
        let mut worst = 0.0f64;
        let mut diag_a = vec![0.0; r];
        let mut diag_s = vec![0.0; c];
        for i in 0..r {
            let (mut sum, mut wsum) = (0.0, 0.0);
            for j in 0..c {
                sum += s.count[j] * p[i * c + j];
                wsum += s.count[j] * w[i * c + j];
            }
            worst = worst.max((sum - a.degree[i]).abs() / a.degree[i]);
            ga[i] = a.count[i] * (sum - a.degree[i]);
            diag_a[i] = a.count[i] * wsum;
        }
        for j in 0..c {
            let (mut sum, mut wsum) = (0.0, 0.0);
            for i in 0..r {
                sum += a.count[i] * p[i * c + j];
                wsum += a.count[i] * w[i * c + j];
            }
            worst = worst.max((sum - s.degree[j]).abs() / s.degree[j]);
            gs[j] = s.count[j] * (sum - s.degree[j]);
            diag_s[j] = s.count[j] * wsum;
        }
        if worst <= TARGET_RESIDUAL * 0.01 {
            break;
        }
        // Schur complement on the statement side: S = D_s − Bᵀ D_a⁻¹ B, B_ij = n_i m_j w_ij.
        let mut sm = vec![0.0; c * c];
        let mut rhs = gs.iter().map(|g| -g).collect::<Vec<f64>>();
        for i in 0..r {
            if diag_a[i] <= 0.0 {
                continue;
            }
            let inv = 1.0 / diag_a[i];
            let row: Vec<f64> = (0..c)
                .map(|j| a.count[i] * s.count[j] * w[i * c + j])
                .collect();
            for j in 0..c {
                rhs[j] += row[j] * inv * ga[i];
                let f = row[j] * inv;
                if f == 0.0 {
                    continue;
                }
                for k in j..c {
                    sm[j * c + k] -= f * row[k];
                }
            }
        }
        let mut scale = 0.0;
        for j in 0..c {
            sm[j * c + j] += diag_s[j];
            scale += diag_s[j];
        }
        // The gauge (θ + t, η − t) leaves L unchanged: S has the null vector 1 and the
        // right-hand side is orthogonal to it, so adding a multiple of 11ᵀ picks the step
        // without a component along it.
        let lift = scale / (c as f64 * c as f64);
        for j in 0..c {
            for k in j..c {
                sm[j * c + k] += lift;
                sm[k * c + j] = sm[j * c + k];
            }
        }
        let Some(ds) = cholesky_solve(&mut sm, &rhs, c) else {
            break;
        };
        let da: Vec<f64> = (0..r)
            .map(|i| {
                if diag_a[i] <= 0.0 {
                    return 0.0;
                }
                let mut b = -ga[i];
                for j in 0..c {
                    b -= a.count[i] * s.count[j] * w[i * c + j] * ds[j];
                }
                b / diag_a[i]
            })
            .collect();
        // Backtracking line search on L (convex); near the solution take the full step.
        let mut step = 1.0;
        let mut accepted = false;
        for _ in 0..40 {
            let t2: Vec<f64> = theta.iter().zip(&da).map(|(t, d)| t + step * d).collect();
            let e2: Vec<f64> = eta.iter().zip(&ds).map(|(e, d)| e + step * d).collect();
            let v2 = objective(&t2, &e2);
            if v2 <= value + 1e-12 * value.abs().max(1.0) || worst < 1e-6 {
                theta = t2;
                eta = e2;
                value = v2;
                accepted = true;
                break;
            }
            step *= 0.5;
        }
        if !accepted {
            break;
        }
    }
    (theta, eta, iterations + 1)
}

fn softplus(t: f64) -> f64 {
    if t > 0.0 {
        t + (-t).exp().ln_1p()
    } else {
        t.exp().ln_1p()
    }
}

/// Solves `A x = b` for a symmetric positive definite `A` (row-major, overwritten by its
/// Cholesky factor). `None` if `A` is not positive definite.
#[allow(clippy::needless_range_loop)]
fn cholesky_solve(a: &mut [f64], b: &[f64], n: usize) -> Option<Vec<f64>> {
    for j in 0..n {
        let mut d = a[j * n + j];
        for k in 0..j {
            d -= a[j * n + k] * a[j * n + k];
        }
        if d.is_nan() || d <= 0.0 {
            return None;
        }
        let d = d.sqrt();
        a[j * n + j] = d;
        for i in j + 1..n {
            let mut v = a[i * n + j];
            for k in 0..j {
                v -= a[i * n + k] * a[j * n + k];
            }
            a[i * n + j] = v / d;
        }
    }
    let mut y = b.to_vec();
    for i in 0..n {
        for k in 0..i {
            y[i] -= a[i * n + k] * y[k];
        }
        y[i] /= a[i * n + i];
    }
    for i in (0..n).rev() {
        for k in i + 1..n {
            y[i] -= a[k * n + i] * y[k];
        }
        y[i] /= a[i * n + i];
    }
    Some(y)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_degrees_on_a_skewed_case() {
        let rows = [1, 2, 3, 5, 8, 13, 2, 2, 1];
        let mut cols = vec![1u32; 37];
        cols[0] = 9; // one statement everyone signs
        let sum: u32 = rows.iter().sum();
        let have: u32 = cols.iter().sum();
        // Pad the column degrees to the row sum.
        let mut extra = sum as i64 - have as i64;
        let mut k = 1;
        while extra > 0 {
            cols[k] += 1;
            extra -= 1;
            k = 1 + k % 36;
        }
        while extra < 0 {
            cols[k] -= 1;
            extra += 1;
            k = 1 + k % 36;
        }
        let fit = fit_degrees(&rows, &cols).unwrap();
        assert!(fit.residual <= TARGET_RESIDUAL, "{}", fit.residual);
        // The statement everyone signs is a full column.
        assert_eq!(fit.probability(0, 0), 1.0);
    }

    #[test]
    fn zero_degrees_get_zero_probability() {
        let fit = fit_degrees(&[0, 2, 1, 1], &[2, 1, 1, 0]).unwrap();
        assert_eq!(fit.probability(0, 1), 0.0);
        assert_eq!(fit.probability(2, 3), 0.0);
        assert!(fit.residual <= TARGET_RESIDUAL);
    }

    #[test]
    fn unequal_sums_are_an_error() {
        assert!(fit_degrees(&[1, 2], &[1, 1]).is_err());
    }
}
