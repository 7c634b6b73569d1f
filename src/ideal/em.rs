//! The EM loop shared by the three models, and the assembly of results.
//!
//! One iteration (an ECM step, so the log-posterior never decreases): E-step for every vote
//! at the current parameters, fused with the item M-step's sufficient sums (one pass over the
//! item-major votes); item parameters; then every actor's path given the new items (one pass
//! over the actor-major votes). Nothing is allocated per iteration.

use super::binary::{self, Sums};
use super::data::{Read, Votes, uninformative};
use super::dynamic::{self, Path};
use super::{
    Acceleration, ActorEstimate, AnchorRule, FitSummary, IdealError, IdealModel, IdealOptions,
    IdealPoints, ItemEstimate, WindowSummary, bootstrap, ordinal, start,
};
use crate::align::{Coding, Universe};
use crate::error::Result;
use crate::model::{ActorIdx, View};
use crate::time::Window;

/// The parameters: x per actor-period (actor * periods + t), a, b, s per item.
#[derive(Clone, Debug)]
pub(crate) struct State {
    pub x: Vec<f64>,
    pub a: Vec<f64>,
    pub b: Vec<f64>,
    pub s: Vec<f64>,
}

/// The workspace of one fit.
pub(crate) struct Engine<'v> {
    pub v: &'v Votes,
    omega2: f64,
    ordinal: bool,
    ez: Vec<f64>,
    /// x period-major (t * actors + i): an item's voters are read from one contiguous row.
    xp: Vec<f64>,
    /// Per actor-period, period-major: Σ b²/s and Σ b (E[z] − a)/s over its votes, filled by
    /// the item pass.
    prec: Vec<f64>,
    info: Vec<f64>,
    /// One actor's precisions and informations in period order (gathered for the smoother).
    path_prec: Vec<f64>,
    path_info: Vec<f64>,
    path: Path,
    /// Indices of the actor-periods with an estimate.
    estimated: Vec<usize>,
}

/// How a fit ended.
pub(crate) struct Outcome {
    pub iterations: usize,
    pub converged: bool,
}

impl<'v> Engine<'v> {
    pub fn new(v: &'v Votes, omega: f64) -> Self {
        Engine {
            v,
            omega2: omega * omega,
            ordinal: v.categories == 3,
            ez: vec![0.0; v.vote_cat.len()],
            xp: vec![0.0; v.n.len()],
            prec: vec![0.0; v.n.len()],
            info: vec![0.0; v.n.len()],
            path_prec: vec![0.0; v.periods],
            path_info: vec![0.0; v.periods],
            path: Path::new(v.periods),
            estimated: (0..v.n.len()).filter(|&k| v.estimated(k)).collect(),
        }
    }

    /// The SVD start for every period of each actor's span; items from one M-step.
    pub fn start(&mut self) -> State {
        let v = self.v;
        let x0 = start::svd_start(v);
        let t = v.periods;
        let mut x = vec![0.0; v.actors.len() * t];
        for (i, &xi) in x0.iter().enumerate() {
            let (f, l) = v.span[i];
            for p in f..=l {
                x[i * t + p as usize] = xi;
            }
        }
        let m = v.items();
        let mut st = State {
            x,
            a: vec![0.0; m],
            b: vec![0.0; m],
            s: vec![1.0; m],
        };
        // E-step at a = b = 0, then the items given the start.
        self.e_and_items(&mut st);
        st
    }

    /// E-step and item M-step in one pass over the item-major votes; then, while the item's
    /// votes are in cache, their contributions to the actors' observation sums (for the actor
    /// M-step, which then reads no vote).
    fn e_and_items(&mut self, st: &mut State) {
        if self.ordinal {
            self.e_and_items_of::<true>(st);
        } else {
            self.e_and_items_of::<false>(st);
        }
    }

    fn e_and_items_of<const ORDINAL: bool>(&mut self, st: &mut State) {
        let v = self.v;
        let (t_n, n_a) = (v.periods, v.actors.len());
        for (i, row) in st.x.chunks_exact(t_n).enumerate() {
            for (t, &x) in row.iter().enumerate() {
                self.xp[t * n_a + i] = x;
            }
        }
        self.prec.fill(0.0);
        self.info.fill(0.0);
        for j in 0..v.items() {
            let (a, b, s) = (st.a[j], st.b[j], st.s[j]);
            let sigma = s.sqrt();
            let row = v.item_period[j] as usize * n_a..(v.item_period[j] as usize + 1) * n_a;
            let xs = &self.xp[row.clone()];
            let votes = v.item_start[j] as usize..v.item_start[j + 1] as usize;
            let actors = &v.vote_actor[votes.clone()];
            let cats = &v.vote_cat[votes.clone()];
            let ez = &mut self.ez[votes];
            let mut sums = Sums::default();
            let (mut zz, mut vz) = (0.0, 0.0);
            for ((&i, &c), ez) in actors.iter().zip(cats).zip(ez.iter_mut()) {
                let x = xs[i as usize];
                let m = a + b * x;
                let z = if ORDINAL {
                    let (z, var) = ordinal::moments(m, sigma, c);
                    zz += z * z;
                    vz += var;
                    z
                } else {
                    binary::expected(m, c == 1)
                };
                *ez = z;
                sums.add(x, z);
            }
            let (a, b) = binary::ridge(&sums, s);
            st.a[j] = a;
            st.b[j] = b;
            if ORDINAL {
                // Σ E[(z − a − b x)²] from the sums.
                let sq = vz + zz - 2.0 * a * sums.z - 2.0 * b * sums.xz
                    + a * a * sums.n
                    + 2.0 * a * b * sums.x
                    + b * b * sums.xx;
                st.s[j] = ordinal::variance(sq.max(0.0), sums.n);
            }
            let w = b / st.s[j];
            let wb = w * b;
            let (prec, info) = (&mut self.prec[row.clone()], &mut self.info[row]);
            for (&i, &z) in actors.iter().zip(ez.iter()) {
                prec[i as usize] += wb;
                info[i as usize] += w * (z - a);
            }
        }
    }

    /// Actor M-step: every path given the items and the E-step's means (the sums were
    /// gathered by the item pass).
    fn actors(&mut self, st: &mut State) {
        let v = self.v;
        let (t_n, n_a) = (v.periods, v.actors.len());
        for i in 0..n_a {
            let (f, l) = (v.span[i].0 as usize, v.span[i].1 as usize);
            for t in f..=l {
                self.path_prec[t] = self.prec[t * n_a + i];
                self.path_info[t] = self.info[t * n_a + i];
            }
            self.path.smooth(
                &self.path_prec,
                &self.path_info,
                f,
                l,
                self.omega2,
                &mut st.x[i * t_n..(i + 1) * t_n],
            );
        }
    }

    /// One EM iteration.
    pub fn iterate(&mut self, st: &mut State) {
        self.e_and_items(st);
        self.actors(st);
        self.expand(st);
    }

    /// The parameter-expansion step: the likelihood is the same under x → c·x + d,
    /// b → b/c, a → a − b·d/c, so the scale c and then the location d that maximise the
    /// priors are taken exactly (closed form). Plain EM moves along this ridge very slowly
    /// (the sizes of x and β trade off through the priors alone); this step jumps to its top,
    /// and, being an exact maximisation, keeps the log-posterior non-decreasing.
    fn expand(&self, st: &mut State) {
        let v = self.v;
        let t_n = v.periods;
        // Scale: maximise −A c² − B / c² with A the actors' prior quadratic form, B the β's.
        let (mut quad, mut first_sum) = (0.0, 0.0);
        for i in 0..v.actors.len() {
            let (f, l) = (v.span[i].0 as usize, v.span[i].1 as usize);
            let x = &st.x[i * t_n + f..=i * t_n + l];
            quad += 0.5 * x[0] * x[0];
            first_sum += x[0];
            for w in x.windows(2) {
                quad += 0.5 * (w[1] - w[0]) * (w[1] - w[0]) / self.omega2;
            }
        }
        let bb: f64 = st.b.iter().map(|b| b * b).sum::<f64>();
        let b_quad = 0.5 * bb / binary::ITEM_PRIOR_VARIANCE;
        if quad > 0.0 && b_quad > 0.0 {
            let c = (b_quad / quad).powf(0.25);
            st.x.iter_mut().for_each(|x| *x *= c);
            st.b.iter_mut().for_each(|b| *b /= c);
            first_sum *= c;
        }
        // Location: maximise −Σᵢ (x_first + d)²/2 − Σⱼ (a − b d)²/50 (steps do not change).
        let p = 1.0 / binary::ITEM_PRIOR_VARIANCE;
        let ab: f64 = st.a.iter().zip(&st.b).map(|(a, b)| a * b).sum::<f64>();
        let bb: f64 = st.b.iter().map(|b| b * b).sum::<f64>();
        let d = (p * ab - first_sum) / (v.actors.len() as f64 + p * bb);
        for i in 0..v.actors.len() {
            let (f, l) = (v.span[i].0 as usize, v.span[i].1 as usize);
            st.x[i * t_n + f..=i * t_n + l]
                .iter_mut()
                .for_each(|x| *x += d);
        }
        for (a, b) in st.a.iter_mut().zip(&st.b) {
            *a -= b * d;
        }
    }

    /// Iterates until emIRT's rule holds or `max` EM-map evaluations, plainly or with
    /// SQUAREM; `trace` gets the log-posterior after each accepted iterate.
    pub fn fit(
        &mut self,
        st: &mut State,
        max: usize,
        tolerance: f64,
        acceleration: Acceleration,
        trace: Option<&mut Vec<f64>>,
    ) -> Outcome {
        match acceleration {
            Acceleration::Squarem => self.fit_squarem(st, max, tolerance, trace),
            _ => self.fit_plain(st, max, tolerance, trace),
        }
    }

    /// Plain EM: emIRT's path.
    fn fit_plain(
        &mut self,
        st: &mut State,
        max: usize,
        tolerance: f64,
        mut trace: Option<&mut Vec<f64>>,
    ) -> Outcome {
        let mut old = st.clone();
        let (mut old_x, mut new_x) = (Vec::new(), Vec::new());
        estimated_x(&self.estimated, st, &mut old_x);
        for it in 1..=max {
            self.iterate(st);
            if let Some(t) = trace.as_deref_mut() {
                t.push(self.log_posterior(st).1);
            }
            estimated_x(&self.estimated, st, &mut new_x);
            if self.converged(&old_x, &new_x, &old, st, tolerance) {
                return Outcome {
                    iterations: it,
                    converged: true,
                };
            }
            std::mem::swap(&mut old_x, &mut new_x);
            old.a.copy_from_slice(&st.a);
            old.b.copy_from_slice(&st.b);
            old.s.copy_from_slice(&st.s);
        }
        Outcome {
            iterations: max,
            converged: false,
        }
    }

    /// emIRT's rule between two successive iterates (`old_x`, `new_x`: their estimated x).
    fn converged(
        &self,
        old_x: &[f64],
        new_x: &[f64],
        old: &State,
        new: &State,
        tolerance: f64,
    ) -> bool {
        correlation(old_x, new_x) > 1.0 - tolerance
            && correlation(&old.a, &new.a) > 1.0 - tolerance
            && correlation(&old.b, &new.b) > 1.0 - tolerance
            && (!self.ordinal || correlation(&old.s, &new.s) > 1.0 - tolerance)
    }

    /// SQUAREM (Varadhan & Roland 2008, scheme SqS3) around the EM map F = [`iterate`]: from
    /// θ₀, θ₁ = F(θ₀), θ₂ = F(θ₁), r = θ₁ − θ₀, v = θ₂ − 2θ₁ + θ₀, α = −‖r‖/‖v‖ (at most −1),
    /// θ′ = θ₀ − 2αr + α²v, then one EM step from θ′ as stabilisation. The global safeguard:
    /// when the log-posterior there is below θ₀'s (or not finite), the cycle ends at θ₂, the
    /// plain EM step, instead. Item variances are extrapolated on the log scale (s stays
    /// positive). emIRT's rule is checked between every two successive iterates kept (θ₀ → θ₁,
    /// θ₁ → θ₂ and θ₀ → the cycle's result); iterations count evaluations of F.
    ///
    /// [`iterate`]: Engine::iterate
    fn fit_squarem(
        &mut self,
        st: &mut State,
        max: usize,
        tolerance: f64,
        mut trace: Option<&mut Vec<f64>>,
    ) -> Outcome {
        let mut lp0 = self.log_posterior(st).1;
        let (mut s1, mut s2, mut s3) = (st.clone(), st.clone(), st.clone());
        let (mut x0, mut x1, mut x2) = (Vec::new(), Vec::new(), Vec::new());
        estimated_x(&self.estimated, st, &mut x0);
        let mut evals = 0;
        let done = |evals, converged| Outcome {
            iterations: evals,
            converged,
        };
        while evals < max {
            // θ₁ = F(θ₀).
            s1.copy_from(st);
            self.iterate(&mut s1);
            evals += 1;
            estimated_x(&self.estimated, &s1, &mut x1);
            let c1 = self.converged(&x0, &x1, st, &s1, tolerance);
            if c1 || evals == max {
                st.copy_from(&s1);
                if let Some(t) = trace.as_deref_mut() {
                    t.push(self.log_posterior(st).1);
                }
                return done(evals, c1);
            }
            // θ₂ = F(θ₁).
            s2.copy_from(&s1);
            self.iterate(&mut s2);
            evals += 1;
            estimated_x(&self.estimated, &s2, &mut x2);
            let c2 = self.converged(&x1, &x2, &s1, &s2, tolerance);
            if c2 || evals == max {
                st.copy_from(&s2);
                if let Some(t) = trace.as_deref_mut() {
                    t.push(self.log_posterior(st).1);
                }
                return done(evals, c2);
            }
            // θ′ into s3, then F(θ′).
            let extrapolated = extrapolate(st, &s1, &s2, &mut s3);
            let mut lp = f64::NAN;
            if extrapolated {
                self.iterate(&mut s3);
                evals += 1;
                lp = self.log_posterior(&s3).1;
            }
            if lp.is_nan() || lp < lp0 {
                // The safeguard: keep the plain EM step θ₂ (monotone).
                s3.copy_from(&s2);
                lp = self.log_posterior(&s3).1;
            }
            if let Some(t) = trace.as_deref_mut() {
                t.push(lp);
            }
            estimated_x(&self.estimated, &s3, &mut x1);
            let c3 = self.converged(&x0, &x1, st, &s3, tolerance);
            std::mem::swap(st, &mut s3);
            std::mem::swap(&mut x0, &mut x1);
            lp0 = lp;
            if c3 {
                return done(evals, true);
            }
        }
        done(max, false)
    }

    /// (log-likelihood, log-posterior) at `st`.
    pub fn log_posterior(&self, st: &State) -> (f64, f64) {
        let v = self.v;
        let t_n = v.periods;
        let mut ll = 0.0;
        for j in 0..v.items() {
            let sigma = st.s[j].sqrt();
            let t = v.item_period[j] as usize;
            for k in v.item_start[j] as usize..v.item_start[j + 1] as usize {
                let m = st.a[j] + st.b[j] * st.x[v.vote_actor[k] as usize * t_n + t];
                ll += if self.ordinal {
                    ordinal::log_likelihood(m, sigma, v.vote_cat[k])
                } else {
                    binary::log_likelihood(m, v.vote_cat[k] == 1)
                };
            }
        }
        let mut lp = ll;
        for j in 0..v.items() {
            lp -= 0.5 * (st.a[j] * st.a[j] + st.b[j] * st.b[j]) / binary::ITEM_PRIOR_VARIANCE;
            if self.ordinal {
                lp += ordinal::log_prior(st.s[j]);
            }
        }
        for i in 0..v.actors.len() {
            let (f, l) = (v.span[i].0 as usize, v.span[i].1 as usize);
            lp += dynamic::log_prior(&st.x[i * t_n + f..=i * t_n + l], self.omega2);
        }
        (ll, lp)
    }

    /// ω of the random walk.
    pub fn omega(&self) -> f64 {
        self.omega2.sqrt()
    }

    /// The actor-periods with an estimate.
    pub fn estimated(&self) -> &[usize] {
        &self.estimated
    }
}

/// The estimated actor-periods' x of `s` into `out`.
fn estimated_x(est: &[usize], s: &State, out: &mut Vec<f64>) {
    out.clear();
    out.extend(est.iter().map(|&k| s.x[k]));
}

impl State {
    /// Copies `other` into `self` (same shapes), without allocating.
    pub fn copy_from(&mut self, other: &State) {
        self.x.copy_from_slice(&other.x);
        self.a.copy_from_slice(&other.a);
        self.b.copy_from_slice(&other.b);
        self.s.copy_from_slice(&other.s);
    }
}

/// SQUAREM's extrapolation (SqS3) from θ₀, θ₁ = F(θ₀), θ₂ = F(θ₁) into `out`: θ′ = θ₀ − 2αr +
/// α²v with r = θ₁ − θ₀, v = θ₂ − 2θ₁ + θ₀ and α = min(−1, −‖r‖/‖v‖); the item variances s on
/// the log scale. `false` when there is no step to take (v = 0) or θ′ is not finite.
fn extrapolate(s0: &State, s1: &State, s2: &State, out: &mut State) -> bool {
    let (mut rr, mut vv) = (0.0, 0.0);
    let mut add = |p: f64, q: f64, w: f64| {
        let (r, v) = (q - p, w - 2.0 * q + p);
        rr += r * r;
        vv += v * v;
    };
    for ((p, q), w) in s0.x.iter().zip(&s1.x).zip(&s2.x) {
        add(*p, *q, *w);
    }
    for ((p, q), w) in s0.a.iter().zip(&s1.a).zip(&s2.a) {
        add(*p, *q, *w);
    }
    for ((p, q), w) in s0.b.iter().zip(&s1.b).zip(&s2.b) {
        add(*p, *q, *w);
    }
    for ((p, q), w) in s0.s.iter().zip(&s1.s).zip(&s2.s) {
        add(p.ln(), q.ln(), w.ln());
    }
    if !(vv > 0.0 && rr.is_finite() && vv.is_finite()) {
        return false;
    }
    let alpha = (-(rr / vv).sqrt()).min(-1.0);
    let step = |p: f64, q: f64, w: f64| {
        let (r, v) = (q - p, w - 2.0 * q + p);
        p - 2.0 * alpha * r + alpha * alpha * v
    };
    let mut finite = true;
    for (((o, p), q), w) in out.x.iter_mut().zip(&s0.x).zip(&s1.x).zip(&s2.x) {
        *o = step(*p, *q, *w);
        finite &= o.is_finite();
    }
    for (((o, p), q), w) in out.a.iter_mut().zip(&s0.a).zip(&s1.a).zip(&s2.a) {
        *o = step(*p, *q, *w);
        finite &= o.is_finite();
    }
    for (((o, p), q), w) in out.b.iter_mut().zip(&s0.b).zip(&s1.b).zip(&s2.b) {
        *o = step(*p, *q, *w);
        finite &= o.is_finite();
    }
    for (((o, p), q), w) in out.s.iter_mut().zip(&s0.s).zip(&s1.s).zip(&s2.s) {
        *o = step(p.ln(), q.ln(), w.ln()).exp();
        finite &= o.is_finite() && *o > 0.0;
    }
    finite
}

/// Pearson correlation; 1 for a constant block that did not change (nothing to converge).
pub(crate) fn correlation(a: &[f64], b: &[f64]) -> f64 {
    let n = a.len() as f64;
    if a.is_empty() {
        return 1.0;
    }
    let (ma, mb) = (a.iter().sum::<f64>() / n, b.iter().sum::<f64>() / n);
    let (mut sab, mut saa, mut sbb) = (0.0, 0.0, 0.0);
    for (x, y) in a.iter().zip(b) {
        sab += (x - ma) * (y - mb);
        saa += (x - ma) * (x - ma);
        sbb += (y - mb) * (y - mb);
    }
    if saa == 0.0 || sbb == 0.0 {
        return if a == b { 1.0 } else { 0.0 };
    }
    sab / (saa * sbb).sqrt()
}

/// Flips x and b so the anchor's mean estimate is positive.
fn orient(st: &mut State, v: &Votes, anchor: usize) {
    let t_n = v.periods;
    let (mut sum, mut n) = (0.0, 0);
    for t in 0..t_n {
        if v.estimated(anchor * t_n + t) {
            sum += st.x[anchor * t_n + t];
            n += 1;
        }
    }
    if n > 0 && sum < 0.0 {
        st.x.iter_mut().for_each(|x| *x = -*x);
        st.b.iter_mut().for_each(|b| *b = -*b);
    }
}

/// The anchor of a fit (compact index) and how it was chosen.
fn anchor(
    view: &View<'_>,
    v: &Votes,
    given: Option<ActorIdx>,
    window: Window,
) -> Result<(usize, AnchorRule)> {
    let t_n = v.periods;
    let has_estimate = |i: usize| (0..t_n).any(|t| v.estimated(i * t_n + t));
    let compact = |a: ActorIdx| v.actors.binary_search(&a).ok();
    if let Some(a) = given {
        return match compact(a) {
            Some(i) if has_estimate(i) => Ok((i, AnchorRule::Given)),
            _ => Err(IdealError::AnchorAbsent {
                anchor: view.dataset().actor(a).id.clone(),
                window,
            }
            .into()),
        };
    }
    if let Some(i) = view.dataset().actor_index("USA").and_then(compact)
        && has_estimate(i)
    {
        return Ok((i, AnchorRule::Usa));
    }
    let votes = |i: usize| v.actor_start[i + 1] - v.actor_start[i];
    let best = (0..v.actors.len())
        .filter(|&i| has_estimate(i))
        .max_by_key(|&i| (votes(i), std::cmp::Reverse(i)))
        .expect("a fit with items has an actor with an estimate");
    Ok((best, AnchorRule::MostVotes))
}

/// Every fit of the model over the windows, assembled.
pub(crate) fn run(
    view: &View<'_>,
    windows: &[Window],
    read: &Read,
    options: &IdealOptions,
    anchor_actor: Option<ActorIdx>,
    coding: Coding,
    universe: Universe,
) -> Result<IdealPoints> {
    let ds = view.dataset();
    let dynamic = options.model == IdealModel::Dynamic;
    let groups: Vec<std::ops::Range<usize>> = if dynamic {
        std::iter::once(0..windows.len()).collect()
    } else {
        (0..windows.len())
            .filter(|&w| read.windows[w].statements > 0)
            .map(|w| w..w + 1)
            .collect()
    };
    let mut out = IdealPoints {
        model: options.model,
        coding,
        universe,
        omega: dynamic.then_some(options.omega),
        windows: Vec::with_capacity(windows.len()),
        fits: Vec::new(),
        estimates: Vec::new(),
        items: Vec::new(),
        bootstrap: options.bootstrap,
    };
    let mut actors_per_window = vec![0usize; windows.len()];
    let mut empty = None;
    for (g, range) in groups.into_iter().enumerate() {
        let v = Votes::build(read, range.clone(), ds.actors().len());
        if v.items() == 0 {
            // A static window without information is skipped (its summary shows 0 items);
            // the error comes only when nothing at all could be fitted.
            let w = range.start;
            let span = Window::new(windows[w].start, windows[range.end - 1].end);
            let statements = read.windows[range].iter().map(|w| w.statements).sum();
            empty.get_or_insert(uninformative(span, statements));
            continue;
        }
        let (anchor, rule) = anchor(view, &v, anchor_actor, windows[range.start])?;
        let mut engine = Engine::new(&v, options.omega);
        let mut st = engine.start();
        let outcome = engine.fit(
            &mut st,
            options.max_iterations,
            options.tolerance,
            options.acceleration,
            None,
        );
        orient(&mut st, &v, anchor);
        let (ll, lp) = engine.log_posterior(&st);
        let spread = options.bootstrap.map(|b| {
            bootstrap::run(
                &engine,
                &st,
                b,
                bootstrap::seed_of(options.seed, g as u64),
                options.max_iterations,
                options.tolerance,
                options.acceleration,
            )
        });
        out.fits.push(FitSummary {
            windows: range.clone(),
            iterations: outcome.iterations,
            converged: outcome.converged,
            log_likelihood: ll,
            log_posterior: lp,
            anchor: ds.actor(v.actors[anchor]).id.clone(),
            anchor_rule: rule,
        });
        let t_n = v.periods;
        for (t, w) in range.clone().enumerate() {
            for i in 0..v.actors.len() {
                let k = i * t_n + t;
                if !v.estimated(k) {
                    continue;
                }
                actors_per_window[w] += 1;
                let e = spread.as_ref().map(|s| s.get(k));
                out.estimates.push(ActorEstimate {
                    actor: ds.actor(v.actors[i]).id.clone(),
                    window: windows[w],
                    ideal: st.x[k],
                    se: e.map(|e| e.0),
                    ci_low: e.map(|e| e.1),
                    ci_high: e.map(|e| e.2),
                    n: v.n[k] as usize,
                });
            }
        }
        for j in 0..v.items() {
            let sigma = st.s[j].sqrt();
            out.items.push(ItemEstimate {
                statement: ds.statement(v.item_statement[j]).id.clone(),
                window: windows[range.start + v.item_period[j] as usize],
                alpha: st.a[j] / sigma,
                beta: st.b[j] / sigma,
                cut: (v.categories == 3).then_some(1.0 / sigma),
                n: (v.item_start[j + 1] - v.item_start[j]) as usize,
            });
        }
    }
    if out.fits.is_empty() {
        return Err(empty.unwrap_or(IdealError::Empty).into());
    }
    for (w, window) in windows.iter().enumerate() {
        let r = &read.windows[w];
        out.windows.push(WindowSummary {
            window: *window,
            statements: r.statements,
            items: r.items.len(),
            dropped_items: r.dropped_items,
            actors: actors_per_window[w],
            dropped_actors: r.dropped_actors,
        });
    }
    Ok(out)
}
