//! The quality function as the multilevel optimiser sees it (the role of leidenalg's
//! `MutableVertexPartition`; the optimiser in `engine`, `refine`, `aggregate` and
//! `multilevel` plays its `Optimiser`).
//!
//! Every objective the optimiser handles has the form
//! `H = Σ_c e_c − Σ_c P(S_c) / 2` with `P(S) = Σ_l coef_l S_l²`: `e_c` the edge weight inside
//! community `c` and `S_c` the sum of its members' sizes, one amount per null-model layer.
//! Moving node `v` (size `s`) from `A` to `B` changes `H` by
//! `w(v,B) − w(v,A∖v) − (penalty(s, S_B) − penalty(s, S_{A∖v}))` with
//! `penalty(s, t) = Σ_l coef_l s_l t_l`. A [`NullModel`] says how sizes are stored, added
//! and paired; nothing else of the optimiser depends on the objective.

/// How node and community sizes are stored and how they enter the objective.
pub(crate) trait NullModel {
    /// A node's or a community's size (one amount per layer).
    type Size: Clone;

    /// The size of an empty community.
    fn zero(&self) -> Self::Size;

    /// `total += s`.
    fn add(&self, total: &mut Self::Size, s: &Self::Size);

    /// `total −= s`.
    fn sub(&self, total: &mut Self::Size, s: &Self::Size);

    /// `Σ_l coef_l s_l t_l`: the null-model cost of putting size `s` next to total `t`.
    fn penalty(&self, s: &Self::Size, t: &Self::Size) -> f64;

    /// `penalty(t, whole − t)`: the null-model weight expected between a set of size `t` and
    /// the rest of a community of size `whole` (Leiden's γ-connectivity test).
    fn cut_penalty(&self, t: &Self::Size, whole: &Self::Size) -> f64;

    /// Called on a community's total when its last member has left.
    #[inline]
    fn emptied(&self, _total: &mut Self::Size) {}
}

/// `L` dense layers (1, or 2 for signed modularity), the same for every node: modularity,
/// CPM and signed modularity (see `quality::Objective`). Making `L` a constant keeps the
/// single-layer hot loop free of the second layer's memory traffic.
pub(crate) struct Dense<const L: usize> {
    pub(crate) coef: [f64; L],
}

impl<const L: usize> NullModel for Dense<L> {
    type Size = [f64; L];

    #[inline]
    fn zero(&self) -> [f64; L] {
        [0.0; L]
    }

    #[inline]
    fn add(&self, total: &mut [f64; L], s: &[f64; L]) {
        for l in 0..L {
            total[l] += s[l];
        }
    }

    #[inline]
    fn sub(&self, total: &mut [f64; L], s: &[f64; L]) {
        for l in 0..L {
            total[l] -= s[l];
        }
    }

    #[inline]
    fn penalty(&self, s: &[f64; L], t: &[f64; L]) -> f64 {
        let mut p = 0.0;
        for l in 0..L {
            p += self.coef[l] * s[l] * t[l];
        }
        p
    }

    #[inline]
    fn cut_penalty(&self, t: &[f64; L], whole: &[f64; L]) -> f64 {
        self.penalty(t, &std::array::from_fn(|l| whole[l] - t[l]))
    }
}

/// One layer per slice, stored sparsely: multislice modularity, where a node carries its
/// intra-slice degree in its own slice only, and an aggregate the sums per slice of its
/// members. `coef[s]` is slice `s`'s coefficient.
pub(crate) struct PerSlice {
    pub(crate) coef: Vec<f64>,
}

/// Amounts per slice, `(slice, value)` ascending by slice.
pub(crate) type Layered = Vec<(u32, f64)>;

impl PerSlice {
    /// `Σ_s coef_s a_s b_s`, summed in slice order (symmetric in `a` and `b`, bit for bit).
    fn dot(&self, a: &[(u32, f64)], b: &[(u32, f64)]) -> f64 {
        let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
        let mut sum = 0.0;
        for &(s, x) in short {
            if let Ok(p) = long.binary_search_by_key(&s, |e| e.0) {
                sum += self.coef[s as usize] * (x * long[p].1);
            }
        }
        sum
    }

    /// `total += sign · a`.
    fn add_scaled(total: &mut Layered, a: &[(u32, f64)], sign: f64) {
        for &(s, x) in a {
            match total.binary_search_by_key(&s, |e| e.0) {
                Ok(p) => total[p].1 += sign * x,
                Err(p) => total.insert(p, (s, sign * x)),
            }
        }
    }
}

impl NullModel for PerSlice {
    type Size = Layered;

    fn zero(&self) -> Layered {
        Layered::new()
    }

    fn add(&self, total: &mut Layered, s: &Layered) {
        PerSlice::add_scaled(total, s, 1.0);
    }

    fn sub(&self, total: &mut Layered, s: &Layered) {
        PerSlice::add_scaled(total, s, -1.0);
    }

    fn penalty(&self, s: &Layered, t: &Layered) -> f64 {
        self.dot(s, t)
    }

    fn cut_penalty(&self, t: &Layered, whole: &Layered) -> f64 {
        // The penalty is bilinear: penalty(T, S∖T) = penalty(T, S) − penalty(T, T).
        self.dot(t, whole) - self.dot(t, t)
    }

    fn emptied(&self, total: &mut Layered) {
        // Drop the float residue, so that empty communities stay sparse.
        total.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn per_slice_arithmetic() {
        let m = PerSlice {
            coef: vec![1.0, 2.0, 3.0],
        };
        let mut t = m.zero();
        m.add(&mut t, &vec![(2, 1.0)]);
        m.add(&mut t, &vec![(0, 2.0), (2, 1.0)]);
        assert_eq!(t, vec![(0, 2.0), (2, 2.0)]);
        assert_eq!(m.penalty(&vec![(2, 0.5)], &t), 3.0);
        assert_eq!(m.penalty(&t, &t), 4.0 + 12.0);
        assert_eq!(m.cut_penalty(&vec![(2, 0.5)], &t), 3.0 - 0.75);
        m.sub(&mut t, &vec![(1, 1.0)]);
        assert_eq!(t, vec![(0, 2.0), (1, -1.0), (2, 2.0)]);
        m.emptied(&mut t);
        assert!(t.is_empty());
    }

    #[test]
    fn dense_cut_penalty_pairs_a_set_with_the_rest() {
        let m = Dense { coef: [0.5, -0.25] };
        let (t, whole) = ([2.0, 4.0], [6.0, 8.0]);
        assert_eq!(
            m.cut_penalty(&t, &whole),
            0.5 * 2.0 * 4.0 - 0.25 * 4.0 * 4.0
        );
        let mut s = m.zero();
        m.add(&mut s, &whole);
        m.sub(&mut s, &t);
        assert_eq!(s, [4.0, 4.0]);
    }
}
