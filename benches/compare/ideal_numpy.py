#!/usr/bin/env python3
"""The ideal-point EM of `cosignatory::ideal` written again in vectorised numpy (with
scipy.special's erfcx and ndtr), run side by side with the Rust fits on the whole UN data:
the dynamic ordinal model (75 yearly windows, one fit) and the binary model per year.

Same model, same starting values (the SVD start by power iteration), same steps (E-step,
item ridge M-step, Kalman/RTS actor step, parameter-expansion step), same convergence rule
(emIRT's: correlations of successive iterates > 1 - 1e-6), same anchor. Independent code:
nothing here calls the crate. Prints wall times (best of --runs), the ratio numpy / Rust, the
iteration counts of both and the agreement of the estimates; then the agreement of the Rust
SQUAREM estimates (and of the posterior mode, SQUAREM to 1 - 1e-13) with numpy's plain EM.

    cargo bench --features un-votes --bench compare -- ideal /tmp/cosig-ideal 3
    python3 benches/compare/ideal_numpy.py /tmp/cosig-ideal            # numpy side, checks
    python3 benches/compare/ideal_numpy.py /tmp/cosig-ideal --rust target/release/deps/compare-HASH
      (with --rust the Rust helper is run first in the same session, then numpy)
"""
import argparse
import subprocess
import sys
import time

import numpy as np
import scipy
from scipy.special import erfcx, ndtr

SQRT_HALF_PI = np.sqrt(np.pi / 2)
INV_SQRT_2PI = 1 / np.sqrt(2 * np.pi)
PRIOR_VAR = 25.0          # (a, b) ~ N(0, 25 I)
IG_SHAPE, IG_SCALE = 2.0, 1.0  # inverse-gamma prior of an item's variance s


def mills(t):
    """R(t) = Phi(-t) / phi(t), stable for every t >= 0."""
    return SQRT_HALF_PI * erfcx(t / np.sqrt(2))


def inv_mills(u):
    """phi(u) / Phi(u) for every u."""
    return 1.0 / mills(-u)


def pdf(u):
    return np.exp(-0.5 * u * u) * INV_SQRT_2PI


def truncated(lo, hi):
    """Mean and variance of N(0, 1) truncated to [lo, hi] (finite, lo < hi)."""
    flip = lo >= 0
    a = np.where(flip, -hi, lo)
    b = np.where(flip, -lo, hi)
    mean = np.empty_like(a)
    var = np.empty_like(a)
    straddle = b > 0
    # a < 0 < b
    aa, bb = a[straddle], b[straddle]
    pa, pb = pdf(aa), pdf(bb)
    z = ndtr(bb) - ndtr(aa)
    m = (pa - pb) / z
    v = 1 + (aa * pa - bb * pb) / z - m * m
    nar = z < 1e-9
    nm, nv = narrow(aa, bb)
    mean[straddle], var[straddle] = np.where(nar, nm, m), np.where(nar, nv, v)
    # a < b <= 0: everything over Phi(b)
    low = ~straddle
    aa, bb = a[low], b[low]
    ra, rb = mills(-aa), mills(-bb)
    e = np.exp(-0.5 * (aa * aa - bb * bb))
    r = e * ra / rb
    la, lb = e / rb, 1 / rb
    with np.errstate(divide="ignore", invalid="ignore"):
        m = (la - lb) / (1 - r)
        v = 1 + (aa * la - bb * lb) / (1 - r) - m * m
    nar = 1 - r < 1e-8
    nm, nv = narrow(aa, bb)
    mean[low], var[low] = np.where(nar, nm, m), np.where(nar, nv, v)
    return np.where(flip, -mean, mean), np.maximum(var, 0.0)


def narrow(a, b):
    c = 0.5 * (a + b)
    w2 = (b - a) ** 2
    return c - c * w2 / 12, w2 / 12


def correlation(a, b):
    if len(a) == 0:
        return 1.0
    da, db = a - a.mean(), b - b.mean()
    saa, sbb = (da * da).sum(), (db * db).sum()
    if saa == 0 or sbb == 0:
        return 1.0 if np.array_equal(a, b) else 0.0
    return (da * db).sum() / np.sqrt(saa * sbb)


class Fit:
    """One EM fit: votes (item, compact actor, category) item-major, items with periods."""

    def __init__(self, period_of_item, item, actor, cat, periods, omega, ordinal):
        self.item, self.actor, self.cat = item, actor, cat
        self.J = len(period_of_item)
        self.n = actor.max() + 1
        self.T = periods
        self.vt = period_of_item[item]              # period of each vote
        self.slot = actor * periods + self.vt        # actor-period of each vote
        self.o2 = omega * omega
        self.ordinal = ordinal
        counts = np.bincount(self.slot, minlength=self.n * periods)
        self.estimated = np.flatnonzero(counts >= 2)
        has = counts.reshape(self.n, periods) > 0
        self.first = has.argmax(axis=1)
        self.last = periods - 1 - has[:, ::-1].argmax(axis=1)
        t = np.arange(periods)
        self.span = (t >= self.first[:, None]) & (t <= self.last[:, None])
        self.cnt = np.bincount(item, minlength=self.J).astype(float)
        self.c0, self.c1, self.c2 = cat == 0, cat == 1, cat == 2

    def svd_start(self):
        item, actor = self.item, self.actor
        c = self.cat.astype(float)
        centred = c - (np.bincount(item, c, self.J) / self.cnt)[item]
        x = ((np.arange(self.n) + 1.0) * 0.618033988749895) % 1.0 - 0.5

        def normalise(v):
            v = v - v.mean()
            norm = np.sqrt((v * v).sum())
            return (v / norm, True) if norm > 0 and np.isfinite(norm) else (v, False)

        x, _ = normalise(x)
        for _ in range(200):
            u = np.bincount(item, centred * x[actor], self.J)
            y, ok = normalise(np.bincount(actor, centred * u[item], self.n))
            if not ok:
                break
            change = np.abs(x - y).max()
            x = y
            if change < 1e-8:
                break
        return x / np.sqrt((x * x).sum() / self.n)

    def start(self):
        x0 = self.svd_start()
        self.x = np.where(self.span, x0[:, None], 0.0)
        self.a = np.zeros(self.J)
        self.b = np.zeros(self.J)
        self.s = np.ones(self.J)
        self.e_and_items()

    def e_and_items(self):
        x = self.x.ravel()[self.slot]
        item = self.item
        a, b, s = self.a, self.b, self.s
        m = a[item] + b[item] * x
        J = self.J
        if self.ordinal:
            sigma = np.sqrt(s)[item]
            z = np.empty_like(m)
            var = np.empty_like(m)
            k = self.c0
            u = -m[k] / sigma[k]
            l = inv_mills(u)
            z[k], var[k] = -l, np.maximum(1 - u * l - l * l, 0)
            k = self.c2
            u = (1 - m[k]) / sigma[k]
            l = inv_mills(-u)
            z[k], var[k] = l, np.maximum(1 + u * l - l * l, 0)
            k = self.c1
            z[k], var[k] = truncated(-m[k] / sigma[k], (1 - m[k]) / sigma[k])
            z = m + sigma * z
            var = sigma * sigma * var
        else:
            z = np.where(self.c1, m + inv_mills(m), m - inv_mills(-m))
        n = self.cnt
        sx = np.bincount(item, x, J)
        sxx = np.bincount(item, x * x, J)
        sz = np.bincount(item, z, J)
        sxz = np.bincount(item, x * z, J)
        p = 1 / PRIOR_VAR
        a11, a12, a22 = n / s + p, sx / s, sxx / s + p
        b1, b2 = sz / s, sxz / s
        det = a11 * a22 - a12 * a12
        a = (a22 * b1 - a12 * b2) / det
        b = (a11 * b2 - a12 * b1) / det
        if self.ordinal:
            zz = np.bincount(item, z * z, J)
            vz = np.bincount(item, var, J)
            sq = vz + zz - 2 * a * sz - 2 * b * sxz + a * a * n + 2 * a * b * sx + b * b * sxx
            s = (np.maximum(sq, 0) + 2 * IG_SCALE) / (n + 2 * (IG_SHAPE + 1))
        self.a, self.b, self.s = a, b, s
        w = b / s
        size = self.n * self.T
        self.prec = np.bincount(self.slot, (w * b)[item], size).reshape(self.n, self.T)
        self.info = np.bincount(self.slot, w[item] * (z - a[item]), size).reshape(self.n, self.T)

    def actors(self):
        o2, T = self.o2, self.T
        M = np.zeros((self.n, T))
        V = np.zeros((self.n, T))
        m_prev = np.zeros(self.n)
        v_prev = np.full(self.n, 1 - o2)
        for t in range(T):
            on = self.span[:, t]
            vp = v_prev + o2
            prec = 1 / vp + self.prec[:, t]
            V[:, t] = np.where(on, 1 / prec, V[:, t])
            M[:, t] = np.where(on, (m_prev / vp + self.info[:, t]) / prec, M[:, t])
            m_prev = np.where(on, M[:, t], m_prev)
            v_prev = np.where(on, V[:, t], v_prev)
        x = self.x
        rows = np.arange(self.n)
        x[rows, self.last] = M[rows, self.last]
        for t in range(T - 2, -1, -1):
            on = (t >= self.first) & (t < self.last)
            j = V[:, t] / (V[:, t] + o2)
            x[:, t] = np.where(on, M[:, t] + j * (x[:, t + 1] - M[:, t]), x[:, t])

    def expand(self):
        x, rows = self.x, np.arange(self.n)
        first = x[rows, self.first]
        steps = np.where(self.span[:, 1:] & self.span[:, :-1], np.diff(x, axis=1), 0.0)
        quad = 0.5 * (first * first).sum() + 0.5 * (steps * steps).sum() / self.o2
        first_sum = first.sum()
        b_quad = 0.5 * (self.b * self.b).sum() / PRIOR_VAR
        if quad > 0 and b_quad > 0:
            c = (b_quad / quad) ** 0.25
            x *= c
            self.b = self.b / c
            first_sum *= c
        p = 1 / PRIOR_VAR
        d = (p * (self.a * self.b).sum() - first_sum) / (self.n + p * (self.b * self.b).sum())
        x += np.where(self.span, d, 0.0)
        self.a = self.a - self.b * d

    def fit(self, max_iter=1000, tol=1e-6):
        self.start()
        for it in range(1, max_iter + 1):
            old = (self.x.ravel()[self.estimated].copy(), self.a, self.b, self.s)
            self.e_and_items()
            self.actors()
            self.expand()
            new = (self.x.ravel()[self.estimated], self.a, self.b, self.s)
            blocks = 4 if self.ordinal else 3
            if all(correlation(old[k], new[k]) > 1 - tol for k in range(blocks)):
                return it
        return max_iter

    def orient(self, anchor):
        k = anchor * self.T + np.arange(self.T)
        k = k[np.isin(k, self.estimated)]
        if len(k) and self.x.ravel()[k].sum() < 0:
            self.x *= -1
            self.b = -self.b


def load(path):
    return np.loadtxt(path, delimiter=",", skiprows=1, ndmin=2)


def run_model(data, name, omega, runs):
    votes = load(f"{data}/ideal_{name}_votes.csv").astype(np.int64)
    rust = load(f"{data}/ideal_{name}_rust.csv")
    fits = load(f"{data}/ideal_{name}_fits.csv").astype(np.int64)
    period, item, actor, cat = votes.T
    ordinal = cat.max() == 2
    groups = []
    for first, periods, iters, anchor in fits:
        k = (period >= first) & (period < first + periods)
        ids, compact = np.unique(actor[k], return_inverse=True)
        it = item[k]
        items, it_compact = np.unique(it, return_inverse=True)
        pi = np.zeros(len(items), dtype=np.int64)
        pi[it_compact] = period[k] - first
        groups.append((first, periods, iters, ids, items, pi, it_compact, compact, cat[k],
                       int(np.searchsorted(ids, anchor))))
    best, out = float("inf"), None
    for _ in range(runs):
        t0 = time.perf_counter()
        res = []
        for first, periods, iters, ids, items, pi, it, ac, ct, anchor in groups:
            f = Fit(pi, it, ac, ct, periods, omega, ordinal)
            n_it = f.fit()
            f.orient(anchor)
            res.append((first, periods, iters, n_it, ids, f))
        best = min(best, time.perf_counter() - t0)
        out = res
    ours = {}
    same_iters = 0
    for first, periods, iters, n_it, ids, f in out:
        same_iters += iters == n_it
        for k in f.estimated:
            i, t = divmod(int(k), periods)
            ours[(first + t, int(ids[i]))] = f.x[i, t]
    keys = [(int(p), int(a)) for p, a, _ in rust]
    r = rust[:, 2]
    n = np.array([ours.get(k, np.nan) for k in keys])
    missing = np.isnan(n).sum()
    iters_r = int(fits[:, 2].sum())
    iters_n = sum(o[3] for o in out)
    corr = np.corrcoef(r, n)[0, 1] if not missing else float("nan")
    per_period = [np.corrcoef(r[rust[:, 0] == p], n[rust[:, 0] == p])[0, 1]
                  for p in np.unique(rust[:, 0]) if (rust[:, 0] == p).sum() > 2]
    print(f"{name}: numpy best of {runs}: {best:.2f} s; {len(out)} fits, iterations numpy {iters_n} "
          f"vs Rust {iters_r} (same count in {same_iters} of {len(out)} fits); "
          f"{len(keys)} estimates ({missing} missing); correlation {corr:.12f}, "
          f"lowest per-window {min(per_period):.9f}; max |diff| {np.nanmax(np.abs(r - n)):.2e}",
          flush=True)
    # SQUAREM's estimates (and the posterior mode's) against numpy's plain EM.
    for other in ["squarem", "mode"]:
        try:
            o = load(f"{data}/ideal_{name}_{other}.csv")
        except OSError:
            continue
        assert [(int(p), int(a)) for p, a, _ in o] == keys
        print(f"  Rust {other} vs numpy plain EM: correlation {np.corrcoef(o[:, 2], n)[0, 1]:.6f}, "
              f"max |diff| {np.nanmax(np.abs(o[:, 2] - n)):.2e}", flush=True)
    return best


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data")
    ap.add_argument("--rust", help="the compare helper binary: run `ideal DATA RUNS` first")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    print(f"Python {sys.version.split()[0]}, numpy {np.__version__}, scipy {scipy.__version__}")
    rust_times = {}
    if args.rust:
        out = subprocess.run([args.rust, "ideal", args.data, str(args.runs)], check=True,
                             capture_output=True, text=True).stdout
        print(out, end="")
        for line in out.splitlines():
            if ": best of " in line:
                name, rest = line.split(":", 1)
                rust_times[name] = float(rest.split(":")[1].split(" s")[0])
    for name in ["dynamic", "binary"]:
        t = run_model(args.data, name, 0.1, args.runs)
        if name in rust_times:
            print(f"  ratio numpy / Rust, both plain EM: {t / rust_times[name]:.1f}x")
        if f"{name}-squarem" in rust_times:
            print(f"  ratio numpy plain EM / Rust SQUAREM: {t / rust_times[name + '-squarem']:.1f}x")


if __name__ == "__main__":
    main()
