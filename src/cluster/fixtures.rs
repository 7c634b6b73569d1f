//! Small graphs shared by the clustering unit tests.

use super::csr::Csr;
use super::engine::Level;
use super::null_model::Dense;

/// Two triangles {0, 1, 2} and {3, 4, 5} of unit weight, joined by the edge 2–3 of weight
/// `bridge` unless it is 0.
pub(crate) fn two_triangles<T: From<u8>>(bridge: f64) -> impl Iterator<Item = (T, T, f64)> {
    let bridge = (bridge != 0.0).then_some((2, 3, bridge));
    [(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5)]
        .into_iter()
        .map(|(a, b)| (a, b, 1.0))
        .chain(bridge)
        .map(|(a, b, w)| (T::from(a), T::from(b), w))
}

/// A level-0 graph with its sizes under a one-layer objective, no node fixed.
pub(crate) struct OneLayer {
    csr: Csr,
    sizes: Vec<[f64; 1]>,
    fixed: Vec<bool>,
    model: Dense<1>,
}

impl OneLayer {
    /// Modularity-style sizes (degrees) with coefficient `coef`.
    pub(crate) fn degrees(csr: Csr, coef: f64) -> OneLayer {
        let sizes = (0..csr.node_count()).map(|v| [csr.strength(v)]).collect();
        OneLayer::new(csr, sizes, coef)
    }

    /// The given sizes with coefficient `coef`.
    pub(crate) fn new(csr: Csr, sizes: Vec<[f64; 1]>, coef: f64) -> OneLayer {
        let fixed = vec![false; csr.node_count()];
        let model = Dense { coef: [coef] };
        OneLayer {
            csr,
            sizes,
            fixed,
            model,
        }
    }

    pub(crate) fn level(&self) -> Level<'_, Dense<1>> {
        Level::new(&self.model, &self.csr, &self.sizes, &self.fixed)
    }
}
