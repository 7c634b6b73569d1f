//! Multislice modularity (Mucha et al. 2010): the quality against a literal transcription of
//! the published formula, the optimiser against exhaustive search, the special cases, and
//! the difference from plain modularity on the supra-graph.

use cosignatory::cluster::{ClusterError, ClusterGraph, Iterations, modularity};
use cosignatory::dynamics::{MultisliceOptions, Slice, multislice_leiden, multislice_quality};
use rand::seq::SliceRandom;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// A slice as plain data: node keys and undirected edges `(i, j, w)` over node indices.
#[derive(Clone)]
struct Plain {
    keys: Vec<u32>,
    edges: Vec<(usize, usize, f64)>,
}

fn slice(p: &Plain) -> Slice<u32> {
    Slice {
        keys: p.keys.clone(),
        graph: ClusterGraph::from_edges(p.keys.len(), p.edges.iter().copied()).unwrap(),
    }
}

/// Random slices over actors `0..actors`: each actor present with probability 0.8, each
/// pair of present actors linked with probability `density` (weight in 0.5..2).
fn random_slices(n_slices: usize, actors: u32, density: f64, seed: u64) -> Vec<Plain> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    (0..n_slices)
        .map(|_| {
            let mut keys: Vec<u32> = (0..actors).filter(|_| rng.random_bool(0.8)).collect();
            keys.shuffle(&mut rng);
            let mut edges = Vec::new();
            for i in 0..keys.len() {
                for j in i + 1..keys.len() {
                    if rng.random_bool(density) {
                        edges.push((i, j, rng.random_range(0.5..2.0)));
                    }
                }
            }
            Plain { keys, edges }
        })
        .collect()
}

/// `Q` by the formula of Mucha et al. (2010), literally: the sum over all ordered pairs of
/// supra-nodes `(i, s)`, `(j, r)` of `[(A_ijs − γ k_is k_js / 2m_s) δ_sr + δ_ij C_jsr]`
/// times `δ(g_is, g_jr)`, over `2μ = Σ_jr κ_jr`, with `C_jsr = ω` for `|s − r| = 1`.
fn mucha_q(slices: &[Plain], g: &[Vec<usize>], gamma: f64, omega: f64) -> f64 {
    let mut q = 0.0;
    let mut two_mu = 0.0;
    for (s, p) in slices.iter().enumerate() {
        let n = p.keys.len();
        let mut a = vec![vec![0.0; n]; n];
        for &(i, j, w) in &p.edges {
            a[i][j] += w;
            a[j][i] += w;
        }
        let k: Vec<f64> = a.iter().map(|row| row.iter().sum()).collect();
        let two_m: f64 = k.iter().sum();
        two_mu += two_m;
        for i in 0..n {
            for j in 0..n {
                if g[s][i] == g[s][j] {
                    q += a[i][j] - gamma * k[i] * k[j] / two_m;
                }
            }
        }
    }
    for s in 0..slices.len() {
        for r in 0..slices.len() {
            if s.abs_diff(r) != 1 {
                continue;
            }
            for (i, key) in slices[s].keys.iter().enumerate() {
                if let Some(j) = slices[r].keys.iter().position(|k| k == key) {
                    two_mu += omega;
                    if g[s][i] == g[r][j] {
                        q += omega;
                    }
                }
            }
        }
    }
    q / two_mu
}

fn random_labels(slices: &[Plain], k: usize, rng: &mut ChaCha8Rng) -> Vec<Vec<usize>> {
    slices
        .iter()
        .map(|p| (0..p.keys.len()).map(|_| rng.random_range(0..k)).collect())
        .collect()
}

#[test]
fn quality_matches_the_published_formula() {
    let mut rng = ChaCha8Rng::seed_from_u64(1);
    for seed in 0..10 {
        let plain = random_slices(3, 7, 0.5, seed);
        let slices: Vec<Slice<u32>> = plain.iter().map(slice).collect();
        for (gamma, omega) in [(1.0, 1.0), (0.7, 0.3), (1.5, 2.0), (1.0, 0.0)] {
            let g = random_labels(&plain, 3, &mut rng);
            let ours = multislice_quality(&slices, &g, gamma, omega).unwrap();
            let theirs = mucha_q(&plain, &g, gamma, omega);
            assert!((ours - theirs).abs() < 1e-12, "{ours} vs {theirs}");
        }
    }
}

/// Every partition of `0..n` as restricted growth strings.
fn all_partitions(n: usize, f: &mut impl FnMut(&[usize])) {
    fn rec(v: &mut Vec<usize>, n: usize, max: usize, f: &mut impl FnMut(&[usize])) {
        if v.len() == n {
            f(v);
            return;
        }
        for c in 0..=max + 1 {
            v.push(c);
            rec(v, n, max.max(c), f);
            v.pop();
        }
    }
    let mut v = vec![0];
    if n > 0 {
        rec(&mut v, n, 0, f);
    }
}

#[test]
fn leiden_reaches_the_exhaustive_optimum_on_small_supra_graphs() {
    let mut checked = 0;
    for seed in 0..6 {
        let plain = random_slices(3, 4, 0.6, 100 + seed);
        let sizes: Vec<usize> = plain.iter().map(|p| p.keys.len()).collect();
        let total: usize = sizes.iter().sum();
        if total > 10 || plain.iter().any(|p| p.edges.is_empty()) {
            continue;
        }
        let split = |flat: &[usize]| -> Vec<Vec<usize>> {
            let mut out = Vec::new();
            let mut at = 0;
            for &n in &sizes {
                out.push(flat[at..at + n].to_vec());
                at += n;
            }
            out
        };
        for omega in [0.3, 1.0] {
            let mut best = f64::NEG_INFINITY;
            all_partitions(total, &mut |flat| {
                best = best.max(mucha_q(&plain, &split(flat), 1.0, omega));
            });
            let slices: Vec<Slice<u32>> = plain.iter().map(slice).collect();
            let found = (0..4)
                .map(|s| {
                    let options = MultisliceOptions {
                        coupling: omega,
                        seed: s,
                        iterations: Iterations::UntilStable,
                        ..Default::default()
                    };
                    let r = multislice_leiden(&slices, &options).unwrap();
                    // The reported quality is the formula's value of the memberships.
                    let q = mucha_q(&plain, &r.memberships, 1.0, omega);
                    assert!((r.quality - q).abs() < 1e-12);
                    q
                })
                .fold(f64::NEG_INFINITY, f64::max);
            assert!(
                (found - best).abs() < 1e-12,
                "seed {seed} ω {omega}: found {found}, optimum {best}"
            );
            checked += 1;
        }
    }
    assert!(checked >= 4, "only {checked} instances were small enough");
}

#[test]
fn one_slice_is_modularity_and_zero_coupling_weighs_slices() {
    let plain = random_slices(3, 8, 0.5, 7);
    let slices: Vec<Slice<u32>> = plain.iter().map(slice).collect();
    let mut rng = ChaCha8Rng::seed_from_u64(3);
    let g = random_labels(&plain, 3, &mut rng);
    let q1 = multislice_quality(&slices[..1], &g[..1], 1.2, 1.0).unwrap();
    let m1 = modularity(&slices[0].graph, &g[0], 1.2).unwrap();
    assert!((q1 - m1).abs() < 1e-12);
    // ω = 0: Q = Σ_s (m_s / μ) Q_s.
    let mu: f64 = slices.iter().map(|s| s.graph.total_weight()).sum();
    let weighted: f64 = slices
        .iter()
        .zip(&g)
        .map(|(s, g)| s.graph.total_weight() / mu * modularity(&s.graph, g, 1.0).unwrap())
        .sum();
    let q0 = multislice_quality(&slices, &g, 1.0, 0.0).unwrap();
    assert!((q0 - weighted).abs() < 1e-12);
}

#[test]
fn plain_modularity_of_the_supra_graph_is_a_different_quality() {
    let plain = random_slices(2, 6, 0.6, 11);
    let slices: Vec<Slice<u32>> = plain.iter().map(slice).collect();
    let g = vec![
        (0..plain[0].keys.len()).map(|i| i % 2).collect::<Vec<_>>(),
        (0..plain[1].keys.len()).map(|i| i % 3).collect::<Vec<_>>(),
    ];
    // The supra-graph with coupling edges, clustered as one graph.
    let offset = plain[0].keys.len();
    let mut edges: Vec<(usize, usize, f64)> = plain[0].edges.clone();
    edges.extend(
        plain[1]
            .edges
            .iter()
            .map(|&(i, j, w)| (i + offset, j + offset, w)),
    );
    for (i, k) in plain[0].keys.iter().enumerate() {
        if let Some(j) = plain[1].keys.iter().position(|x| x == k) {
            edges.push((i, j + offset, 1.0));
        }
    }
    let supra = ClusterGraph::from_edges(offset + plain[1].keys.len(), edges).unwrap();
    let flat: Vec<usize> = g[0].iter().chain(&g[1]).copied().collect();
    let plain_q = modularity(&supra, &flat, 1.0).unwrap();
    let multi_q = multislice_quality(&slices, &g, 1.0, 1.0).unwrap();
    assert!((multi_q - mucha_q(&plain, &g, 1.0, 1.0)).abs() < 1e-12);
    assert!((plain_q - multi_q).abs() > 1e-3, "{plain_q} vs {multi_q}");
}

#[test]
fn results_do_not_depend_on_node_order_and_labels_are_shared() {
    let plain = random_slices(4, 12, 0.35, 5);
    let slices: Vec<Slice<u32>> = plain.iter().map(slice).collect();
    let options = MultisliceOptions {
        seed: 9,
        ..Default::default()
    };
    let r = multislice_leiden(&slices, &options).unwrap();
    // The same slices with nodes inserted in reverse order.
    let reversed: Vec<Slice<u32>> = plain
        .iter()
        .map(|p| {
            let n = p.keys.len();
            slice(&Plain {
                keys: p.keys.iter().rev().copied().collect(),
                edges: p
                    .edges
                    .iter()
                    .map(|&(i, j, w)| (n - 1 - i, n - 1 - j, w))
                    .collect(),
            })
        })
        .collect();
    let r2 = multislice_leiden(&reversed, &options).unwrap();
    assert_eq!(r.quality, r2.quality);
    for (s, p) in plain.iter().enumerate() {
        let n = p.keys.len();
        for i in 0..n {
            assert_eq!(r.memberships[s][i], r2.memberships[s][n - 1 - i]);
        }
    }
    assert_eq!(r, multislice_leiden(&slices, &options).unwrap());

    // Identical slices, strongly coupled: every actor keeps its label.
    let same = vec![plain[0].clone(); 3];
    let slices: Vec<Slice<u32>> = same.iter().map(slice).collect();
    let r = multislice_leiden(&slices, &MultisliceOptions::default()).unwrap();
    assert!(r.memberships.iter().all(|m| m == &r.memberships[0]));
    assert!(r.community_count >= 2);
}

#[test]
fn bad_input_is_refused() {
    let ok = Plain {
        keys: vec![1, 2, 3],
        edges: vec![(0, 1, 1.0), (1, 2, 1.0)],
    };
    let run = |slices: Vec<Slice<u32>>, o: MultisliceOptions| multislice_leiden(&slices, &o);
    let negative = Slice {
        keys: vec![1, 2],
        graph: ClusterGraph::from_edges(2, [(0, 1, -1.0)]).unwrap(),
    };
    assert!(matches!(
        run(vec![slice(&ok), negative], MultisliceOptions::default()),
        Err(ClusterError::NegativeWeight { .. })
    ));
    let duplicate = Slice {
        keys: vec![1, 1],
        graph: ClusterGraph::from_edges(2, [(0, 1, 1.0)]).unwrap(),
    };
    assert!(matches!(
        run(vec![duplicate], MultisliceOptions::default()),
        Err(ClusterError::DuplicateKey { .. })
    ));
    let short = Slice {
        keys: vec![1],
        graph: ClusterGraph::from_edges(2, [(0, 1, 1.0)]).unwrap(),
    };
    assert!(matches!(
        run(vec![short], MultisliceOptions::default()),
        Err(ClusterError::LengthMismatch { .. })
    ));
    for o in [
        MultisliceOptions {
            coupling: -1.0,
            ..Default::default()
        },
        MultisliceOptions {
            resolution: f64::NAN,
            ..Default::default()
        },
        MultisliceOptions {
            iterations: Iterations::Fixed(0),
            ..Default::default()
        },
    ] {
        assert!(matches!(
            run(vec![slice(&ok)], o),
            Err(ClusterError::InvalidParameter { .. })
        ));
    }
    let empty = Plain {
        keys: vec![1, 2],
        edges: vec![],
    };
    assert_eq!(
        run(vec![slice(&empty)], MultisliceOptions::default()),
        Err(ClusterError::ZeroTotalWeight)
    );
    // Edgeless slices held together by coupling alone are fine.
    let r = run(
        vec![slice(&empty), slice(&empty)],
        MultisliceOptions::default(),
    )
    .unwrap();
    assert_eq!(r.memberships[0], r.memberships[1]);
    assert!(matches!(
        multislice_quality(&[slice(&ok)], &[vec![0, 0]], 1.0, 1.0),
        Err(ClusterError::LengthMismatch { .. })
    ));
}
