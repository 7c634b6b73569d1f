//! NMI, ARI and VI against scikit-learn (tests/fixtures/partition_comparison.json).

use crate::support::load_fixture;
use cosignatory::cluster::{adjusted_rand_index, normalized_mutual_info, variation_of_information};

fn ints(v: &serde_json::Value) -> Vec<i64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_i64().unwrap())
        .collect()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12 * b.abs().max(1.0)
}

#[test]
fn matches_scikit_learn() {
    let Some(fixture) = load_fixture("partition_comparison.json") else {
        eprintln!("partition_comparison.json not generated yet; skipping");
        return;
    };
    let cases = fixture["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 30);
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let (x, y) = (ints(&case["x"]), ints(&case["y"]));
        let nmi = normalized_mutual_info(&x, &y).unwrap();
        let ari = adjusted_rand_index(&x, &y).unwrap();
        let vi = variation_of_information(&x, &y).unwrap();
        let want = |key: &str| case[key].as_f64().unwrap();
        assert!(
            close(nmi, want("nmi_arithmetic")),
            "{name}: NMI {nmi} vs {}",
            want("nmi_arithmetic")
        );
        assert!(
            close(ari, want("ari")),
            "{name}: ARI {ari} vs {}",
            want("ari")
        );
        // The fixture's VI may be ±1e-16 around 0 for identical partitions; ours is clamped.
        assert!(
            (vi - want("vi")).abs() <= 1e-12 * want("vi").abs().max(1.0),
            "{name}: VI {vi} vs {}",
            want("vi")
        );
        // Symmetry.
        assert!(
            close(normalized_mutual_info(&y, &x).unwrap(), nmi),
            "{name}"
        );
        assert!(close(adjusted_rand_index(&y, &x).unwrap(), ari), "{name}");
    }
}
