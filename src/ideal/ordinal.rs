//! The three-category ordered probit steps (emIRT `ordIRT`'s reparametrisation): with the
//! item's cut point τ, z = y*/τ has thresholds 0 and 1 and error variance s = 1/τ², so the
//! M-step stays closed form: a weighted ridge regression for (a, b) = (α, β)/τ and the mean
//! squared residual (with a weak inverse-gamma prior) for s.

use super::normal::{inv_mills, log_cdf, log_interval, truncated};

/// Shape and scale of the inverse-gamma prior on an item's variance s = 1/τ² (weak: worth
/// 6 votes, mode 1/3). It keeps s away from 0 on items nobody abstained on.
pub(crate) const VARIANCE_PRIOR: (f64, f64) = (2.0, 1.0);

/// E[z | y] and Var[z | y] for z ~ N(m, σ²) in the category's interval (−∞, 0), (0, 1) or
/// (1, ∞); the one-sided categories through one inverse Mills ratio.
#[inline]
pub(crate) fn moments(m: f64, sigma: f64, cat: u8) -> (f64, f64) {
    let (mean, var) = match cat {
        0 => {
            let b = -m / sigma;
            let l = inv_mills(b);
            (-l, (1.0 - b * l - l * l).max(0.0))
        }
        1 => truncated(-m / sigma, (1.0 - m) / sigma),
        _ => {
            let a = (1.0 - m) / sigma;
            let l = inv_mills(-a);
            (l, (1.0 + a * l - l * l).max(0.0))
        }
    };
    (m + sigma * mean, sigma * sigma * var)
}

/// ln P(y | m, σ).
#[inline]
pub(crate) fn log_likelihood(m: f64, sigma: f64, cat: u8) -> f64 {
    match cat {
        0 => log_cdf(-m / sigma),
        1 => log_interval(-m / sigma, (1.0 - m) / sigma),
        _ => log_cdf((m - 1.0) / sigma),
    }
}

/// The MAP variance from the summed expected squared residuals of `n` votes.
#[inline]
pub(crate) fn variance(squares: f64, n: f64) -> f64 {
    let (shape, scale) = VARIANCE_PRIOR;
    (squares + 2.0 * scale) / (n + 2.0 * (shape + 1.0))
}

/// ln of the inverse-gamma prior density of s (up to a constant).
pub(crate) fn log_prior(s: f64) -> f64 {
    let (shape, scale) = VARIANCE_PRIOR;
    -(shape + 1.0) * s.ln() - scale / s
}
