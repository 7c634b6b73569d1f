//! The binary probit steps (emIRT `binIRT`): the E-step's truncated-normal means and the
//! item M-step's ridge regression, item by item over its sparse vote list.

use super::normal::{inv_mills, log_cdf};

/// E[y* | y] for a binary vote with linear predictor `m` (y = 1 yes, 0 no):
/// m + φ(m)/Φ(m) for yes, m − φ(m)/(1 − Φ(m)) for no.
#[inline]
pub(crate) fn expected(m: f64, yes: bool) -> f64 {
    if yes {
        m + inv_mills(m)
    } else {
        m - inv_mills(-m)
    }
}

/// ln P(y | m) of a binary vote.
#[inline]
pub(crate) fn log_likelihood(m: f64, yes: bool) -> f64 {
    if yes { log_cdf(m) } else { log_cdf(-m) }
}

/// Prior variance of α and β (emIRT's default 25).
pub(crate) const ITEM_PRIOR_VARIANCE: f64 = 25.0;

/// The MAP (α, β) of one item: (I/25 + Σ x̃ x̃ᵀ / s)⁻¹ Σ x̃ E[y*] / s, x̃ = (1, x), from the
/// sufficient sums over its votes (`s`: the item's error variance, 1 for binary items).
#[inline]
pub(crate) fn ridge(sums: &Sums, s: f64) -> (f64, f64) {
    let p = 1.0 / ITEM_PRIOR_VARIANCE;
    let a11 = sums.n / s + p;
    let a12 = sums.x / s;
    let a22 = sums.xx / s + p;
    let b1 = sums.z / s;
    let b2 = sums.xz / s;
    let det = a11 * a22 - a12 * a12;
    ((a22 * b1 - a12 * b2) / det, (a11 * b2 - a12 * b1) / det)
}

/// Sufficient sums of an item's regression.
#[derive(Default, Clone, Copy)]
pub(crate) struct Sums {
    pub n: f64,
    pub x: f64,
    pub xx: f64,
    pub z: f64,
    pub xz: f64,
}

impl Sums {
    #[inline]
    pub fn add(&mut self, x: f64, z: f64) {
        self.n += 1.0;
        self.x += x;
        self.xx += x * x;
        self.z += z;
        self.xz += x * z;
    }
}
