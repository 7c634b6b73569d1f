//! Resolution profile and consensus clustering on the karate club.

use crate::support::karate;
use cosignatory::cluster::{
    ConsensusOptions, QualityKind, ResolutionProfileOptions, consensus, modularity,
    resolution_profile,
};

#[test]
fn karate_modularity_profile_contains_the_known_optima() {
    let g = karate();
    let options = ResolutionProfileOptions {
        kind: QualityKind::Modularity,
        min_resolution: 0.25,
        max_resolution: 4.0,
        runs: 5,
        ..Default::default()
    };
    let profile = resolution_profile(&g, &options).unwrap();
    println!(
        "karate profile: {:?}",
        profile
            .iter()
            .map(|e| (
                e.min_resolution,
                e.max_resolution,
                e.partition.community_count()
            ))
            .collect::<Vec<_>>()
    );
    assert_eq!(profile[0].min_resolution, 0.25);
    assert_eq!(profile.last().unwrap().max_resolution, 4.0);
    for w in profile.windows(2) {
        assert_eq!(w[0].max_resolution, w[1].min_resolution);
        assert!(
            w[0].slope > w[1].slope,
            "larger γ favours partitions with a smaller null term"
        );
    }
    for (gamma, optimum) in [
        (0.5, 0.6217948717948718),
        (1.0, 0.4197896120973046),
        (2.0, 0.16452991452991447),
    ] {
        let entry = profile
            .iter()
            .find(|e| e.min_resolution <= gamma && gamma <= e.max_resolution)
            .unwrap();
        let q = modularity(&g, entry.partition.membership(), gamma).unwrap();
        assert!((entry.intercept - gamma * entry.slope - q).abs() < 1e-12);
        assert!(
            (q - optimum).abs() < 1e-9,
            "gamma {gamma}: {q} vs {optimum}"
        );
    }
}

#[test]
fn karate_consensus_is_stable_for_core_members() {
    let g = karate();
    let c = consensus(
        &g,
        &ConsensusOptions {
            runs: 30,
            seed: 1,
            ..Default::default()
        },
    )
    .unwrap();
    println!(
        "karate consensus: {} communities, rounds {}, converged {}",
        c.partition.community_count(),
        c.rounds,
        c.converged
    );
    assert!(c.converged);
    assert!((3..=4).contains(&c.partition.community_count()));
    assert_eq!(c.stability.len(), 34);
    assert!(c.stability.iter().all(|&s| (0.0..=1.0).contains(&s)));
    // Mr Hi (0) and the officer (33) are never together and their stability is high.
    assert_ne!(c.partition.community_of(0), c.partition.community_of(33));
    assert!(c.stability[33] > 0.8, "{:?}", c.stability);
    assert!(
        c.coassignment
            .iter()
            .all(|&(u, v, f)| u < v && f > 0.0 && f <= 1.0)
    );
}
