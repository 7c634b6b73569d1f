//! Storage of the multislice optimiser: compressed sparse rows for the supra-graph and
//! sparse per-slice amounts (node sizes and community totals).

/// Amounts per slice, `(slice, value)` ascending by slice.
pub(super) type Layered = Vec<(u32, f64)>;

/// `Σ_s coef_s a_s b_s`, summed in slice order (symmetric in `a` and `b`, bit for bit).
pub(super) fn dot(coef: &[f64], a: &[(u32, f64)], b: &[(u32, f64)]) -> f64 {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let mut sum = 0.0;
    for &(s, x) in short {
        if let Ok(p) = long.binary_search_by_key(&s, |e| e.0) {
            sum += coef[s as usize] * (x * long[p].1);
        }
    }
    sum
}

/// `total += sign · a`.
pub(super) fn add_into(total: &mut Layered, a: &[(u32, f64)], sign: f64) {
    for &(s, x) in a {
        match total.binary_search_by_key(&s, |e| e.0) {
            Ok(p) => total[p].1 += sign * x,
            Err(p) => total.insert(p, (s, sign * x)),
        }
    }
}

/// Undirected weighted graph in compressed sparse rows; self-loops kept apart.
#[derive(Debug, Clone, Default)]
pub(super) struct Csr {
    offsets: Vec<usize>,
    targets: Vec<u32>,
    weights: Vec<f64>,
    loops: Vec<f64>,
}

impl Csr {
    /// From undirected edges given once each; parallel edges are summed in sorted order.
    pub(super) fn from_edges(n: usize, mut edges: Vec<(u32, u32, f64)>) -> Csr {
        for e in &mut edges {
            if e.0 > e.1 {
                std::mem::swap(&mut e.0, &mut e.1);
            }
        }
        edges.sort_unstable_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)).then(a.2.total_cmp(&b.2)));
        let mut merged: Vec<(u32, u32, f64)> = Vec::with_capacity(edges.len());
        for (u, v, w) in edges {
            match merged.last_mut() {
                Some(last) if last.0 == u && last.1 == v => last.2 += w,
                _ => merged.push((u, v, w)),
            }
        }
        let mut loops = vec![0.0; n];
        let mut offsets = vec![0usize; n + 1];
        for &(u, v, w) in &merged {
            if u == v {
                loops[u as usize] = w;
            } else {
                offsets[u as usize + 1] += 1;
                offsets[v as usize + 1] += 1;
            }
        }
        for i in 0..n {
            offsets[i + 1] += offsets[i];
        }
        let mut fill = offsets.clone();
        let mut targets = vec![0u32; offsets[n]];
        let mut weights = vec![0.0; offsets[n]];
        for &(u, v, w) in &merged {
            if u != v {
                for (a, b) in [(u, v), (v, u)] {
                    targets[fill[a as usize]] = b;
                    weights[fill[a as usize]] = w;
                    fill[a as usize] += 1;
                }
            }
        }
        Csr {
            offsets,
            targets,
            weights,
            loops,
        }
    }

    /// From rows already in canonical form (sorted, merged; used by aggregation).
    pub(super) fn from_parts(
        offsets: Vec<usize>,
        targets: Vec<u32>,
        weights: Vec<f64>,
        loops: Vec<f64>,
    ) -> Csr {
        debug_assert_eq!(offsets.len(), loops.len() + 1);
        debug_assert_eq!(targets.len(), weights.len());
        Csr {
            offsets,
            targets,
            weights,
            loops,
        }
    }

    pub(super) fn node_count(&self) -> usize {
        self.loops.len()
    }

    /// Neighbours of `v` (ascending, self-loop excluded) and their weights.
    pub(super) fn neighbors(&self, v: usize) -> (&[u32], &[f64]) {
        let r = self.offsets[v]..self.offsets[v + 1];
        (&self.targets[r.clone()], &self.weights[r])
    }

    pub(super) fn loop_weight(&self, v: usize) -> f64 {
        self.loops[v]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layered_arithmetic() {
        let coef = [1.0, 2.0, 3.0];
        let mut t = Layered::new();
        add_into(&mut t, &[(2, 1.0)], 1.0);
        add_into(&mut t, &[(0, 2.0), (2, 1.0)], 1.0);
        assert_eq!(t, vec![(0, 2.0), (2, 2.0)]);
        assert_eq!(dot(&coef, &[(2, 0.5)], &t), 3.0);
        assert_eq!(dot(&coef, &t, &t), 4.0 + 12.0);
    }
}
