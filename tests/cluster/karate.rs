//! Leiden and Louvain on Zachary's karate club against the known optima.

use crate::support::{is_connected_within, karate};
use cosignatory::cluster::{
    Iterations, LeidenOptions, LouvainOptions, Quality, leiden, leiden_best_of, louvain_best_of,
    modularity,
};

const OPTIMUM: f64 = 0.4197896120973046;

#[test]
fn leiden_reaches_the_karate_optimum() {
    let g = karate();
    let best = leiden_best_of(&g, &LeidenOptions::default(), 10).unwrap();
    println!(
        "karate leiden best of 10: {} ({} communities)",
        best.quality,
        best.partition.community_count()
    );
    assert!(best.quality >= 0.4197, "best of 10 = {}", best.quality);
    assert!((best.quality - OPTIMUM).abs() < 1e-12);
    assert_eq!(best.partition.community_count(), 4);
    let q = modularity(&g, best.partition.membership(), 1.0).unwrap();
    assert!((q - best.quality).abs() < 1e-12);
}

#[test]
fn leiden_reaches_the_optima_at_other_resolutions() {
    let g = karate();
    for (gamma, optimum, k) in [(0.5, 0.6217948717948718, 2), (2.0, 0.16452991452991447, 7)] {
        let opts = LeidenOptions {
            quality: Quality::Modularity { resolution: gamma },
            ..Default::default()
        };
        let best = leiden_best_of(&g, &opts, 20).unwrap();
        println!(
            "karate gamma {gamma}: {} ({} communities)",
            best.quality,
            best.partition.community_count()
        );
        assert!(
            (best.quality - optimum).abs() < 1e-12,
            "gamma {gamma}: {}",
            best.quality
        );
        assert_eq!(best.partition.community_count(), k);
        assert!(
            (modularity(&g, best.partition.membership(), gamma).unwrap() - optimum).abs() < 1e-12
        );
    }
}

#[test]
fn every_leiden_community_is_connected_on_karate() {
    let g = karate();
    for seed in 0..30 {
        for iterations in [Iterations::Fixed(1), Iterations::UntilStable] {
            let opts = LeidenOptions {
                seed,
                iterations,
                ..Default::default()
            };
            let r = leiden(&g, &opts).unwrap();
            for c in r.partition.communities() {
                assert!(is_connected_within(&g, c), "seed {seed}: {c:?}");
            }
        }
    }
}

#[test]
fn louvain_is_close_to_the_optimum() {
    let g = karate();
    let best = louvain_best_of(&g, &LouvainOptions::default(), 20).unwrap();
    println!("karate louvain best of 20: {}", best.quality);
    assert!(best.quality >= 0.4188, "{}", best.quality);
    assert!(best.quality <= OPTIMUM + 1e-12);
}
