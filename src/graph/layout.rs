//! Deterministic node layouts in the unit square for drawing a graph: seeded
//! Fruchterman–Reingold, and coalitions on arcs of a circle. The same seed gives the same
//! picture in the command line's `plot network` and in any program that calls these.

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};
use std::f64::consts::TAU;

/// A layout by name (the command line's `--layout`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Layout {
    /// [`force`]: seeded Fruchterman–Reingold.
    #[default]
    Force,
    /// [`circular`]: coalitions on arcs of a circle.
    Circular,
}

crate::names::named_enum!(Layout, "layout", [
    Force => "force",
    Circular => "circular",
]);

impl Layout {
    /// The positions of nodes `0..n`: [`force`] on `edges` with `seed`, or [`circular`] by
    /// `groups`.
    pub fn positions(
        self,
        n: usize,
        edges: &[(usize, usize, f64)],
        groups: &[Vec<usize>],
        seed: u64,
    ) -> Vec<(f64, f64)> {
        match self {
            Layout::Force => force(n, edges, seed),
            Layout::Circular => circular(n, groups),
        }
    }
}

/// Fruchterman & Reingold (1991), "Graph drawing by force-directed placement", with
/// attraction scaled by edge weight (negative edges do not attract) and a weak pull to the
/// centre so that isolated actors and small components stay near the picture.
///
/// `edges` are `(u, v, weight)` over nodes `0..n`; returns one `(x, y)` in `[0, 1]²` per node.
/// 400 iterations of O(n²) repulsion: meant for the few hundred actors one can draw.
///
/// ```
/// use cosignatory::graph::layout::force;
/// let edges = [(0, 1, 1.0), (1, 2, 1.0)];
/// let p = force(3, &edges, 7);
/// assert_eq!(p, force(3, &edges, 7));
/// assert!(p.iter().all(|&(x, y)| (0.0..=1.0).contains(&x) && (0.0..=1.0).contains(&y)));
/// ```
pub fn force(n: usize, edges: &[(usize, usize, f64)], seed: u64) -> Vec<(f64, f64)> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut pos: Vec<(f64, f64)> = (0..n)
        .map(|_| (rng.random::<f64>(), rng.random::<f64>()))
        .collect();
    if n < 2 {
        return vec![(0.5, 0.5); n];
    }
    let k = (1.0 / n as f64).sqrt();
    let max_w = edges.iter().map(|e| e.2).fold(0.0f64, f64::max);
    let iterations = 400;
    let mut disp = vec![(0.0f64, 0.0f64); n];
    for it in 0..iterations {
        let t = 0.1 * (1.0 - it as f64 / iterations as f64) + 0.002;
        disp.iter_mut().for_each(|d| *d = (0.0, 0.0));
        for i in 0..n {
            for j in i + 1..n {
                let (dx, dy) = (pos[i].0 - pos[j].0, pos[i].1 - pos[j].1);
                let d2 = (dx * dx + dy * dy).max(1e-9);
                let f = k * k / d2;
                disp[i].0 += dx * f;
                disp[i].1 += dy * f;
                disp[j].0 -= dx * f;
                disp[j].1 -= dy * f;
            }
        }
        if max_w > 0.0 {
            for &(a, b, w) in edges.iter().filter(|e| e.2 > 0.0 && e.0 != e.1) {
                let (dx, dy) = (pos[a].0 - pos[b].0, pos[a].1 - pos[b].1);
                let d = (dx * dx + dy * dy).sqrt();
                let f = d / k * (w / max_w);
                disp[a].0 -= dx * f;
                disp[a].1 -= dy * f;
                disp[b].0 += dx * f;
                disp[b].1 += dy * f;
            }
        }
        for (p, d) in pos.iter_mut().zip(&disp) {
            let gravity = (0.5 - p.0, 0.5 - p.1);
            let (dx, dy) = (d.0 + gravity.0 * 2.0, d.1 + gravity.1 * 2.0);
            let len = (dx * dx + dy * dy).sqrt().max(1e-12);
            let step = len.min(t);
            p.0 += dx / len * step;
            p.1 += dy / len * step;
        }
    }
    normalise(pos)
}

/// Groups (coalitions, largest first) on consecutive arcs of one circle, each arc as long as
/// its group is large, with a gap between groups; `groups` lists node indices.
pub fn circular(n: usize, groups: &[Vec<usize>]) -> Vec<(f64, f64)> {
    let mut pos = vec![(0.5, 0.5); n];
    let gap = 1.0;
    let slots = n as f64 + gap * groups.len() as f64;
    let mut at = 0.0;
    for g in groups {
        for &v in g {
            let angle = TAU * at / slots;
            pos[v] = (0.5 + 0.5 * angle.cos(), 0.5 + 0.5 * angle.sin());
            at += 1.0;
        }
        at += gap;
    }
    pos
}

/// Scales positions to fill the unit square, keeping the aspect ratio.
fn normalise(pos: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for p in &pos {
        x0 = x0.min(p.0);
        y0 = y0.min(p.1);
        x1 = x1.max(p.0);
        y1 = y1.max(p.1);
    }
    let span = (x1 - x0).max(y1 - y0).max(1e-12);
    let (cx, cy) = ((x1 - x0) / span, (y1 - y0) / span);
    pos.into_iter()
        .map(|p| {
            (
                (p.0 - x0) / span + (1.0 - cx) / 2.0,
                (p.1 - y0) / span + (1.0 - cy) / 2.0,
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn force_is_seeded_and_separates_cliques() {
        let mut edges = vec![(2, 3, 0.1)];
        for base in [0, 3] {
            edges.extend([
                (base, base + 1, 1.0),
                (base, base + 2, 1.0),
                (base + 1, base + 2, 1.0),
            ]);
        }
        let a = force(6, &edges, 7);
        assert_eq!(a, force(6, &edges, 7));
        let d = |i: usize, j: usize| ((a[i].0 - a[j].0).powi(2) + (a[i].1 - a[j].1).powi(2)).sqrt();
        assert!(
            d(0, 1) < d(0, 4),
            "a clique's members sit closer than other nodes"
        );
        assert!(
            a.iter()
                .all(|p| (0.0..=1.0).contains(&p.0) && (0.0..=1.0).contains(&p.1))
        );
    }

    #[test]
    fn circular_places_groups_together() {
        let p = circular(4, &[vec![0, 2], vec![1, 3]]);
        let d = |i: usize, j: usize| ((p[i].0 - p[j].0).powi(2) + (p[i].1 - p[j].1).powi(2)).sqrt();
        assert!(d(0, 2) < d(0, 1));
    }
}
