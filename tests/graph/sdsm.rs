//! BiCM and SDSM against the `bicm` package (tests/fixtures/sdsm.json: BiCM probabilities from
//! bicm 3.4.0, tails by exact dynamic programming; tool, version and command in its header),
//! the refined normal approximation against the exact tails, and the signed backbone on
//! planted antagonistic groups.

use cosignatory::graph::poisson_binomial::{PoissonBinomial, RNA_ERROR};
use cosignatory::graph::{
    BackboneMethod, BackboneOptions, Incidence, IncidenceOptions, ProjectionOptions, Tail,
    TailMethod, backbone_of_view, bicm,
};
use cosignatory::model::{Dataset, DatasetBuilder, Statement, StatementKind};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::Value;

fn fixture() -> Value {
    let path = format!("{}/tests/fixtures/sdsm.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Rows become actors `a00`, `a01`, … and columns statements `s000`, … (one date), so the
/// dataset's canonical order is the biadjacency's.
fn dataset_of(case: &Value) -> Dataset {
    let rows: Vec<&str> = case["biadjacency"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect();
    let cols = case["cols"].as_u64().unwrap() as usize;
    let day = "2020-01-01".parse().unwrap();
    let mut b = DatasetBuilder::new();
    for k in 0..cols {
        let id = format!("s{k:03}");
        b.statement(Statement::new(&id, day, StatementKind::JointStatement));
        let members: Vec<String> = rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.as_bytes()[k] == b'1')
            .map(|(i, _)| format!("a{i:02}"))
            .collect();
        b.signed_by(&id, members.iter().map(String::as_str));
    }
    b.build().unwrap()
}

fn relative(a: f64, b: f64) -> f64 {
    (a - b).abs() / b.abs()
}

#[test]
fn bicm_probabilities_match_the_bicm_package() {
    let fx = fixture();
    for (name, case) in fx["cases"].as_object().unwrap() {
        let ds = dataset_of(case);
        let inc = Incidence::from_view(&ds.view(), &IncidenceOptions::default()).unwrap();
        let fit = bicm::fit(&inc).unwrap();
        assert!(fit.residual <= 1e-10, "{name}: residual {}", fit.residual);
        let mut worst = 0.0f64;
        for (i, row) in case["probabilities"].as_array().unwrap().iter().enumerate() {
            for (k, p) in row.as_array().unwrap().iter().enumerate() {
                worst = worst.max(relative(fit.probability(i, k), p.as_f64().unwrap()));
            }
        }
        assert!(worst <= 1e-9, "{name}: worst relative difference {worst:e}");
    }
}

fn check_sdsm(method: TailMethod) {
    let fx = fixture();
    for (name, case) in fx["cases"].as_object().unwrap() {
        let ds = dataset_of(case);
        let options = BackboneOptions {
            tail: Tail::Both,
            tail_method: method,
            ..BackboneOptions::new(BackboneMethod::Sdsm)
        };
        let b = backbone_of_view(&ds.view(), &ProjectionOptions::default(), &options).unwrap();
        assert_eq!(b.tail_method, Some(TailMethod::Exact), "{name}");
        let row = |v| b.graph.actor(v).id[1..].parse::<usize>().unwrap();
        let pairs = case["pairs"].as_array().unwrap();
        assert_eq!(b.tests.len(), pairs.len(), "{name}");
        let (mut worst, mut compared) = (0.0f64, 0);
        for (t, want) in b.tests.iter().zip(pairs) {
            let want: Vec<f64> = want
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_f64().unwrap())
                .collect();
            assert_eq!((row(t.a), row(t.b)), (want[0] as usize, want[1] as usize));
            assert_eq!(t.count as f64, want[2], "{name}");
            for (got, want) in [(t.p_value, want[3]), (t.p_lower.unwrap(), want[4])] {
                if want > 1e-12 {
                    worst = worst.max(relative(got, want));
                    compared += 1;
                }
            }
        }
        assert!(compared > 300, "{name}: {compared}");
        assert!(worst <= 1e-9, "{name}: worst relative difference {worst:e}");
    }
}

#[test]
fn sdsm_p_values_match_exact_tails_of_bicm_probabilities() {
    check_sdsm(TailMethod::Exact);
    // Small cases are exact under the automatic choice too.
    check_sdsm(TailMethod::Auto);
}

#[test]
fn refined_normal_approximation_is_within_its_documented_error() {
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    let mut worst_scaled = 0.0f64;
    for _ in 0..1000 {
        // A random pair: its statements fall into a few probability groups, as BiCM classes do.
        let groups: Vec<(u32, f64)> = (0..rng.random_range(1..12))
            .map(|_| {
                let q: f64 = rng.random::<f64>();
                (rng.random_range(1..60), q * q)
            })
            .collect();
        let d = PoissonBinomial::new(&groups);
        let (_, sigma, _) = d.moments();
        if sigma == 0.0 {
            continue;
        }
        let (exact, approx) = (d.exact(), d.approximate());
        let n = d.uncertain_trials() + 2;
        for v in 0..=n {
            for (e, a) in [
                (exact.upper(v), approx.upper(v)),
                (exact.lower(v), approx.lower(v)),
            ] {
                let err = (e - a).abs();
                assert!(
                    err <= RNA_ERROR / (sigma * sigma),
                    "{groups:?} v={v}: exact {e}, approx {a}, sigma {sigma}"
                );
                worst_scaled = worst_scaled.max(err * sigma * sigma);
            }
        }
    }
    // The bound is not vacuous: errors reach a sizeable part of it.
    assert!(worst_scaled > 0.01, "{worst_scaled}");
}

/// Two groups that each sign their own statements and never sign each other's: co-signing
/// within a group is far above what activity predicts, across far below.
fn antagonistic() -> Dataset {
    let day = "2020-01-01".parse().unwrap();
    let mut b = DatasetBuilder::new();
    let mut rng = ChaCha8Rng::seed_from_u64(3);
    for k in 0..300 {
        let id = format!("s{k:03}");
        b.statement(Statement::new(&id, day, StatementKind::JointStatement));
        let group = if k % 2 == 0 { "a" } else { "b" };
        let members: Vec<String> = (0..10)
            .filter(|_| rng.random::<f64>() < 0.6)
            .map(|i| format!("{group}{i}"))
            .collect();
        b.signed_by(&id, members.iter().map(String::as_str));
    }
    b.build().unwrap()
}

#[test]
fn signed_backbone_separates_antagonistic_groups() {
    let ds = antagonistic();
    let options = BackboneOptions {
        tail: Tail::Both,
        correction: cosignatory::graph::Correction::Holm,
        ..BackboneOptions::new(BackboneMethod::Sdsm)
    };
    let b = backbone_of_view(&ds.view(), &ProjectionOptions::default(), &options).unwrap();
    assert!(b.graph.is_signed());
    let group = |v| b.graph.actor(v).id.as_bytes()[0];
    let (mut pos, mut neg) = (0, 0);
    for t in &b.tests {
        let same = group(t.a) == group(t.b);
        match t.sign {
            1 => {
                assert!(same, "positive tie across groups");
                pos += 1;
            }
            -1 => {
                assert!(!same, "negative tie within a group");
                neg += 1;
            }
            _ => {}
        }
    }
    // Every cross pair (100) is negative, every within pair (90) positive.
    assert_eq!(neg, 100);
    assert_eq!(pos, 90);
    for e in b.graph.graph().edge_indices() {
        let t = b.graph.edge_test(e).unwrap();
        assert_eq!(b.graph.graph()[e].weight, t.sign as f64);
        assert!(!t.p_lower.is_nan());
    }
}
