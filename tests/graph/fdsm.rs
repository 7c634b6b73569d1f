//! FDSM: the same null distribution as the dataset-level curveball sampler, and
//! bit-identical for a seed.

use cosignatory::graph::{
    BackboneMethod, BackboneOptions, ProjectionOptions, Tail, backbone_of_view,
};
use cosignatory::model::{Dataset, DatasetBuilder, Statement, StatementKind};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// 30 actors of varied activity, 300 statements of 3 to 6 signatories.
fn sparse() -> Dataset {
    let day = "2020-01-01".parse().unwrap();
    let mut b = DatasetBuilder::new();
    let mut rng = ChaCha8Rng::seed_from_u64(11);
    let weight: Vec<f64> = (0..30).map(|i| 1.0 + i as f64 / 10.0).collect();
    let total: f64 = weight.iter().sum();
    for k in 0..300 {
        let id = format!("s{k:04}");
        b.statement(Statement::new(&id, day, StatementKind::JointStatement));
        let size = rng.random_range(3..=6);
        let mut members: Vec<usize> = Vec::new();
        while members.len() < size {
            let mut x = rng.random::<f64>() * total;
            let mut pick = 0;
            while x > weight[pick] {
                x -= weight[pick];
                pick += 1;
            }
            if !members.contains(&pick) {
                members.push(pick);
            }
        }
        let ids: Vec<String> = members.iter().map(|i| format!("a{i:03}")).collect();
        b.signed_by(&id, ids.iter().map(String::as_str));
    }
    b.build().unwrap()
}

fn fdsm(ds: &Dataset, seed: u64) -> cosignatory::graph::Backbone {
    let options = BackboneOptions {
        samples: 2000,
        rounds: 5,
        seed,
        tail: Tail::Both,
        ..BackboneOptions::new(BackboneMethod::Fdsm)
    };
    backbone_of_view(&ds.view(), &ProjectionOptions::default(), &options).unwrap()
}

/// The FDSM p-values equal, within Monte Carlo error, those from the crate's dataset-level
/// curveball sampler (`synth::curveball`, tested on its own), projected sample by sample.
#[test]
fn fdsm_matches_the_dataset_curveball_sampler() {
    use cosignatory::graph::{CoSignGraph, project};
    use cosignatory::synth::{CurveballOptions, curveball};
    let ds = sparse();
    let f = fdsm(&ds, 5);
    assert_eq!(f.tests.len(), 30 * 29 / 2);
    let count = |g: &CoSignGraph, a: &str, b: &str| g.edge(a, b).map_or(0, |e| e.count);
    let samples = 300u64;
    let mut ge = vec![0u32; f.tests.len()];
    for s in 0..samples {
        let null = curveball(
            &ds,
            &CurveballOptions {
                rounds: 5,
                seed: 100 + s,
            },
        )
        .unwrap();
        let h = project(&null.view(), &ProjectionOptions::default()).unwrap();
        for (k, t) in f.tests.iter().enumerate() {
            let (a, b) = (&f.graph.actor(t.a).id, &f.graph.actor(t.b).id);
            if count(&h, a, b) >= t.count {
                ge[k] += 1;
            }
        }
    }
    let (mut sum, mut worst) = (0.0f64, 0.0f64);
    for (k, t) in f.tests.iter().enumerate() {
        let p = (1.0 + ge[k] as f64) / (1.0 + samples as f64);
        sum += (p - t.p_value).abs();
        worst = worst.max((p - t.p_value).abs());
    }
    let mean = sum / f.tests.len() as f64;
    // Standard error of a 300-sample p-value is at most 0.029.
    assert!(mean <= 0.03, "mean |difference| {mean}");
    assert!(worst <= 0.15, "largest |difference| {worst}");
}

#[test]
fn fdsm_is_bit_identical_for_a_seed() {
    let ds = sparse();
    let f = fdsm(&ds, 5);
    // Bit-identical for a seed (with or without the `parallel` feature: samples are seeded
    // one by one), different for another.
    let again = fdsm(&ds, 5);
    let bits = |b: &cosignatory::graph::Backbone| -> Vec<(u64, u64)> {
        b.tests
            .iter()
            .map(|t| (t.p_value.to_bits(), t.p_lower.unwrap().to_bits()))
            .collect()
    };
    assert_eq!(bits(&f), bits(&again));
    let checksum = bits(&f)
        .iter()
        .fold(0u64, |h, &(a, b)| h.rotate_left(7) ^ a ^ b.rotate_left(32));
    // The same value with and without the `parallel` feature (checked with both builds).
    assert_eq!(checksum, 0xdec4_15fe_7d28_679e);
    assert_ne!(bits(&f), bits(&fdsm(&ds, 6)));
}
