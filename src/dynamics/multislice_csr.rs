//! Storage of the multislice optimiser beyond the supra-graph's adjacency (which is the
//! clustering engine's `Csr`): sparse per-slice amounts (node sizes and community totals).

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
