//! The actor M-step: each actor's path x₁..x_T given the E-step's latent means, as the
//! posterior mean of a Gaussian state-space model (Kalman filter + Rauch–Tung–Striebel
//! smoother). With one period it is the static closed form (1 + Σβ²/s)⁻¹ Σβ(E[z] − a)/s.
//!
//! The period's votes enter as one Gaussian observation: precision P_t = Σ b²/s and
//! information h_t = Σ b (E[z] − a)/s over the actor's votes in period t. The path starts
//! at the actor's first period with votes, x ~ N(0, 1), and steps x_t ~ N(x_{t−1}, ω²) until
//! its last; a period without votes inside the span carries the prior only.

/// Scratch buffers of one path, reused across actors.
pub(crate) struct Path {
    m: Vec<f64>,
    v: Vec<f64>,
}

impl Path {
    pub fn new(periods: usize) -> Self {
        Path {
            m: vec![0.0; periods],
            v: vec![0.0; periods],
        }
    }

    /// The smoothed means of periods `first..=last` into `x[first..=last]`, from each
    /// period's observation precision `p` and information `h`; `omega2` = ω².
    pub fn smooth(
        &mut self,
        p: &[f64],
        h: &[f64],
        first: usize,
        last: usize,
        omega2: f64,
        x: &mut [f64],
    ) {
        let (mut m_prev, mut v_prev) = (0.0, 1.0 - omega2);
        for t in first..=last {
            let v_pred = v_prev + omega2;
            let prec = 1.0 / v_pred + p[t];
            self.v[t] = 1.0 / prec;
            self.m[t] = (m_prev / v_pred + h[t]) / prec;
            m_prev = self.m[t];
            v_prev = self.v[t];
        }
        x[last] = self.m[last];
        for t in (first..last).rev() {
            let j = self.v[t] / (self.v[t] + omega2);
            x[t] = self.m[t] + j * (x[t + 1] - self.m[t]);
        }
    }
}

/// ln of the path prior: N(0, 1) at the first period, N(x_{t−1}, ω²) steps (up to constants).
pub(crate) fn log_prior(x: &[f64], omega2: f64) -> f64 {
    let mut lp = -0.5 * x[0] * x[0];
    for w in x.windows(2) {
        let d = w[1] - w[0];
        lp += -0.5 * d * d / omega2 - 0.5 * omega2.ln();
    }
    lp
}
