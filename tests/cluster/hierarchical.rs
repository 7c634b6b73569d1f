//! Agglomerative clustering against scipy.cluster.hierarchy.linkage.
//!
//! Reference values: `X = numpy.random.default_rng(11).random((9, 2))`,
//! `D = scipy.spatial.distance.pdist(X)`, `Z = linkage(D, method)` and
//! `fcluster(Z, 3, 'maxclust')` with scipy 1.17.1.

use cosignatory::cluster::{Dendrogram, DistanceMatrix, Linkage, Partition, agglomerative};

const D: [f64; 36] = [
    0.6671693257539288,
    0.42936966166052026,
    0.37405149488798983,
    0.8288761996921057,
    0.24072782416592614,
    0.5793181379804666,
    0.2889146203758206,
    0.5419488388606485,
    1.0074064033969827,
    0.5406124076200148,
    0.6871469495325186,
    0.5357788276476811,
    0.25413478455205435,
    0.8896480413879609,
    0.48857058819076926,
    0.8021900424916255,
    0.8570183465447896,
    0.47181604763423735,
    0.8315170912579625,
    0.1405247001517095,
    0.6677209910729537,
    1.0064264214857512,
    0.4845372977210407,
    0.6100366131160235,
    0.6617222407001739,
    0.7115596766286859,
    0.5897781390569715,
    0.4490167560679383,
    0.8272192956318883,
    0.2987585420918828,
    0.3769377371986815,
    0.3604269138142598,
    0.3013690939931707,
    0.7337482475329671,
    0.23719266031396496,
    0.5995237464850495,
];

type Row = (usize, usize, f64, usize);

const AVERAGE: [Row; 8] = [
    (2, 7, 0.1405247001517095, 2),
    (6, 8, 0.23719266031396496, 2),
    (0, 5, 0.24072782416592614, 2),
    (1, 10, 0.37135268637141183, 3),
    (9, 11, 0.38763181087120946, 4),
    (4, 12, 0.4783074158974466, 4),
    (3, 13, 0.5806252689502075, 5),
    (14, 15, 0.6851806791172343, 9),
];
const COMPLETE: [Row; 8] = [
    (2, 7, 0.1405247001517095, 2),
    (6, 8, 0.23719266031396496, 2),
    (0, 5, 0.24072782416592614, 2),
    (4, 10, 0.4490167560679383, 3),
    (9, 11, 0.47181604763423735, 4),
    (1, 3, 0.5406124076200148, 2),
    (12, 13, 0.8570183465447896, 7),
    (14, 15, 1.0074064033969827, 9),
];
const SINGLE: [Row; 8] = [
    (2, 7, 0.1405247001517095, 2),
    (6, 8, 0.23719266031396496, 2),
    (0, 5, 0.24072782416592614, 2),
    (1, 10, 0.25413478455205435, 3),
    (9, 11, 0.2889146203758206, 4),
    (4, 12, 0.2987585420918828, 4),
    (13, 14, 0.3013690939931707, 8),
    (3, 15, 0.37405149488798983, 9),
];

fn check(linkage: Linkage, want: &[Row], fcluster_k3: [usize; 9]) {
    let d = DistanceMatrix::from_condensed(9, D.to_vec()).unwrap();
    let tree = agglomerative(&d, linkage);
    assert_eq!(tree.leaf_count(), 9);
    for (got, want) in tree.merges().iter().zip(want) {
        assert_eq!(
            (got.left, got.right, got.size),
            (want.0, want.1, want.3),
            "{linkage:?}"
        );
        assert!(
            (got.height - want.2).abs() < 1e-12,
            "{linkage:?}: {} vs {}",
            got.height,
            want.2
        );
    }
    let cut = tree.cut_at_k(3).unwrap();
    assert!(
        cut.same_grouping(&Partition::from_labels(&fcluster_k3)),
        "{linkage:?}: {:?}",
        cut.membership()
    );
    // Cutting just below and at each merge height.
    for (i, m) in tree.merges().iter().enumerate() {
        assert_eq!(tree.cut_at_height(m.height).community_count(), 9 - (i + 1));
    }
    // Newick round trip of the structure: one pair of parentheses per merge.
    let labels: Vec<String> = (0..9).map(|i| format!("n{i}")).collect();
    let newick = tree.to_newick(&labels).unwrap();
    assert_eq!(newick.matches('(').count(), 8);
    assert!(newick.ends_with(");"));
    // serde_json (without `float_roundtrip`) may change the last bit of a float.
    let json = serde_json::to_string(&tree).unwrap();
    let back: Dendrogram = serde_json::from_str(&json).unwrap();
    for (a, b) in back.merges().iter().zip(tree.merges()) {
        assert_eq!((a.left, a.right, a.size), (b.left, b.right, b.size));
        assert!((a.height - b.height).abs() < 1e-15);
    }
}

#[test]
fn average_linkage_matches_scipy() {
    check(Linkage::Average, &AVERAGE, [2, 1, 2, 3, 1, 2, 1, 2, 1]);
}

#[test]
fn complete_linkage_matches_scipy() {
    check(Linkage::Complete, &COMPLETE, [3, 1, 3, 1, 2, 3, 2, 3, 2]);
}

#[test]
fn single_linkage_matches_scipy() {
    check(Linkage::Single, &SINGLE, [1, 2, 1, 3, 2, 1, 2, 1, 2]);
}

#[test]
fn newick_branch_lengths_sum_to_root_height() {
    let d = DistanceMatrix::from_condensed(9, D.to_vec()).unwrap();
    let tree = agglomerative(&d, Linkage::Average);
    let newick = tree
        .to_newick(&(0..9).map(|i| i.to_string()).collect::<Vec<_>>())
        .unwrap();
    // Leaf 3 hangs off merge 13 (height 0.5806...) which hangs off the root.
    let leaf = newick.split("3:").nth(1).unwrap();
    let len: f64 = leaf.split([',', ')']).next().unwrap().parse().unwrap();
    assert!((len - 0.5806252689502075).abs() < 1e-12, "{newick}");
}

#[test]
fn similarity_input() {
    // Agreement scores as similarities; 1 − s distances.
    let d = DistanceMatrix::from_similarities(4, vec![0.9, 0.1, 0.2, 0.15, 0.05, 0.8]).unwrap();
    let tree = agglomerative(&d, Linkage::Complete);
    assert_eq!(tree.cut_at_k(2).unwrap().membership(), &[0, 0, 1, 1]);
    assert!((tree.merges()[0].height - 0.1).abs() < 1e-12);
}

#[test]
fn average_linkage_stays_a_valid_tree_under_rounding() {
    // The bundled data's Newman weights as distances 1 − w/max: many near-equal average
    // distances whose size-weighted updates round; every merge must come after its children.
    use cosignatory::graph::{ProjectionOptions, Weighting, project};
    let ds = cosignatory::datasets::joint_statements();
    let g = project(&ds.view(), &ProjectionOptions::new(Weighting::Newman)).unwrap();
    let n = g.node_count();
    let max = g
        .graph()
        .edge_weights()
        .map(|e| e.weight)
        .fold(0.0, f64::max);
    // Condensed order: (0,1), (0,2), ..., (1,2), ...
    let index = |i: usize, j: usize| n * i - i * (i + 1) / 2 + (j - i - 1);
    let mut sim = vec![0.0; n * (n - 1) / 2];
    for e in g.graph().edge_indices() {
        let (a, b) = g.graph().edge_endpoints(e).unwrap();
        let (i, j) = (a.index().min(b.index()), a.index().max(b.index()));
        sim[index(i, j)] = g.graph()[e].weight / max;
    }
    let d = DistanceMatrix::from_similarities(n, sim).unwrap();
    for linkage in [Linkage::Average, Linkage::Complete, Linkage::Single] {
        let tree = agglomerative(&d, linkage);
        let merges = tree.merges().to_vec();
        assert!(Dendrogram::from_merges(n, merges).is_ok(), "{linkage:?}");
        for k in [2, 5, 20] {
            assert_eq!(tree.cut_at_k(k).unwrap().community_count(), k);
        }
    }
}
