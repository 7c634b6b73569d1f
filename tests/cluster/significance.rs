//! Coalition significance against degree-preserving null datasets: planted coalitions beat
//! chance, a degree-preserving shuffle of the same data does not.

use cosignatory::cluster::CoalitionOptions;
use cosignatory::graph::{ProjectionOptions, SignificanceOptions, coalition_significance};
use cosignatory::synth::{CurveballOptions, PlantedOptions, curveball, planted};

fn data() -> cosignatory::model::Dataset {
    planted(&PlantedOptions {
        actors: 40,
        coalitions: 4,
        statements: 150,
        mean_size: 5.0,
        outside: 0.1,
        seed: 9,
        ..Default::default()
    })
    .unwrap()
    .dataset
}

fn options() -> CoalitionOptions {
    CoalitionOptions {
        runs: Some(3),
        ..Default::default()
    }
}

#[test]
fn planted_coalitions_beat_chance() {
    let ds = data();
    let s = coalition_significance(
        &ds.view(),
        &ProjectionOptions::default(),
        &options(),
        &SignificanceOptions {
            samples: 150,
            seed: 1,
            ..Default::default()
        },
    )
    .unwrap();
    assert!(s.p_value < 0.01, "{}", s.describe());
    assert!(s.z > 3.0, "{}", s.describe());
    assert!(s.describe().contains("beat chance"));
    // Every planted coalition holds more weight inside than the same actors do by chance.
    for c in &s.coalitions {
        if c.members.len() >= 5 {
            assert!(c.p_value < 0.05 && c.z > 2.0, "{c:?}");
        }
    }
}

#[test]
fn shuffled_data_does_not_beat_chance() {
    let ds = data();
    let mut beat = 0;
    for seed in 0..50u64 {
        let null = curveball(
            &ds,
            &CurveballOptions {
                rounds: 20,
                seed: 1000 + seed,
            },
        )
        .unwrap();
        let s = coalition_significance(
            &null.view(),
            &ProjectionOptions::default(),
            &options(),
            &SignificanceOptions {
                samples: 40,
                seed,
                ..Default::default()
            },
        )
        .unwrap();
        if s.p_value <= 0.05 {
            beat += 1;
        }
    }
    // p > 0.05 in at least 90% of 50 seeds.
    assert!(beat <= 5, "{beat} of 50 shuffles beat chance");
}
