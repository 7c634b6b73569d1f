//! The planted generator: determinism by seed, the coalition and statement size options,
//! roll calls with four positions, agreement with the validated builder path, and planted
//! coalitions that Leiden recovers from the projection.

use crate::support::{rebuilt, recovered_nmi};
use cosignatory::graph::Linking;
use cosignatory::model::{ActorIdx, Position, StatementIdx, StatementKind};
use cosignatory::synth::{
    CoalitionSizes, PlantedOptions, SizeDistribution, Sponsor, VoteModel, planted,
};

fn sizes_of(membership: &[usize], k: usize) -> Vec<usize> {
    (0..k)
        .map(|c| membership.iter().filter(|&&m| m == c).count())
        .collect()
}

fn statement_sizes(ds: &cosignatory::model::Dataset) -> Vec<usize> {
    (0..ds.statements().len())
        .map(|s| ds.signatures_of(StatementIdx(s as u32)).len())
        .collect()
}

#[test]
fn the_same_seed_gives_the_same_dataset_and_another_seed_another() {
    for o in [
        PlantedOptions::default(),
        PlantedOptions {
            votes: true,
            vote_model: VoteModel::un_like(),
            actors: 60,
            ..Default::default()
        },
        PlantedOptions {
            sizes: CoalitionSizes::Random { min: 5 },
            statement_sizes: SizeDistribution::PowerLaw {
                exponent: 2.2,
                min: 2,
                max: 150,
            },
            sponsor: Sponsor::BySize,
            ..Default::default()
        },
    ] {
        let a = planted(&o).unwrap();
        let b = planted(&o).unwrap();
        // (Datasets are compared with `==`: a failing `assert_eq!` would print them whole.)
        assert!(a.dataset == b.dataset);
        assert_eq!(a.membership, b.membership);
        let c = planted(&PlantedOptions { seed: 2, ..o }).unwrap();
        assert!(a.dataset != c.dataset);
    }
}

#[test]
fn the_dataset_equals_the_one_the_validated_builder_makes() {
    for o in [
        PlantedOptions {
            actors: 50,
            statements: 400,
            ..Default::default()
        },
        PlantedOptions {
            actors: 30,
            statements: 100,
            votes: true,
            vote_model: VoteModel::un_like(),
            ..Default::default()
        },
    ] {
        let p = planted(&o).unwrap();
        assert!(rebuilt(&p.dataset) == p.dataset);
    }
}

#[test]
fn every_actor_is_in_the_dataset_in_generator_order() {
    // 40 actors, 3 statements: most never sign, and they are still actors 0..40.
    let p = planted(&PlantedOptions {
        actors: 40,
        statements: 3,
        ..Default::default()
    })
    .unwrap();
    let ds = &p.dataset;
    assert_eq!(ds.actors().len(), 40);
    for i in 0..40 {
        assert_eq!(
            ds.actors()[i].id,
            cosignatory::synth::actor_id(i, 40),
            "actor {i}"
        );
    }
    assert_eq!(ds.statements()[2].id, "S00000002");
}

#[test]
fn coalition_sizes_are_equal_given_or_random() {
    let base = PlantedOptions {
        actors: 100,
        coalitions: 4,
        statements: 10,
        ..Default::default()
    };
    let equal = planted(&base).unwrap();
    assert_eq!(sizes_of(&equal.membership, 4), vec![25; 4]);
    assert_eq!(&equal.membership[..5], &[0, 1, 2, 3, 0]); // round robin, as before
    let given = planted(&PlantedOptions {
        sizes: CoalitionSizes::Given(vec![50, 30, 15, 5]),
        ..base.clone()
    })
    .unwrap();
    assert_eq!(sizes_of(&given.membership, 4), vec![50, 30, 15, 5]);
    assert!(given.membership.is_sorted()); // consecutive blocks
    let mut seen = std::collections::BTreeSet::new();
    for seed in 0..20 {
        let r = planted(&PlantedOptions {
            sizes: CoalitionSizes::Random { min: 10 },
            seed,
            ..base.clone()
        })
        .unwrap();
        let s = sizes_of(&r.membership, 4);
        assert_eq!(s.iter().sum::<usize>(), 100);
        assert!(s.iter().all(|&x| x >= 10), "{s:?}");
        seen.insert(s);
    }
    assert!(seen.len() >= 15, "random sizes vary by seed: {seen:?}");
    for bad in [
        CoalitionSizes::Given(vec![50, 50]),
        CoalitionSizes::Given(vec![50, 30, 15, 4]),
        CoalitionSizes::Given(vec![50, 30, 20, 0]),
        CoalitionSizes::Random { min: 26 },
        CoalitionSizes::Random { min: 0 },
    ] {
        let e = planted(&PlantedOptions {
            sizes: bad.clone(),
            ..base.clone()
        });
        assert!(e.is_err(), "{bad:?}");
    }
}

#[test]
fn statement_sizes_follow_the_chosen_distribution() {
    let base = PlantedOptions {
        actors: 300,
        statements: 20_000,
        ..Default::default()
    };
    let mean = |v: &[usize]| v.iter().sum::<usize>() as f64 / v.len() as f64;
    // Geometric (default): 2 + geometric with mean 8.
    let g = statement_sizes(&planted(&base).unwrap().dataset);
    assert!((mean(&g) - 8.0).abs() < 0.15, "{}", mean(&g));
    assert_eq!(*g.iter().min().unwrap(), 2);
    // Power law with mean 8 on 2..=300: the same mean, a much heavier tail.
    let law = SizeDistribution::power_law_with_mean(8.0, 2, 300).unwrap();
    let p = statement_sizes(
        &planted(&PlantedOptions {
            statement_sizes: law,
            ..base.clone()
        })
        .unwrap()
        .dataset,
    );
    assert!((mean(&p) - 8.0).abs() < 0.6, "{}", mean(&p));
    let big = |v: &[usize]| v.iter().filter(|&&k| k >= 60).count();
    assert!(big(&p) > 20 * big(&g).max(1), "{} vs {}", big(&p), big(&g));
    assert!(p.iter().filter(|&&k| k == 2).count() > g.iter().filter(|&&k| k == 2).count());
    // Uniform 3..=5.
    let u = statement_sizes(
        &planted(&PlantedOptions {
            statement_sizes: SizeDistribution::Uniform { min: 3, max: 5 },
            ..base.clone()
        })
        .unwrap()
        .dataset,
    );
    for k in 3..=5 {
        let share = u.iter().filter(|&&x| x == k).count() as f64 / u.len() as f64;
        assert!((share - 1.0 / 3.0).abs() < 0.02, "size {k}: {share}");
    }
    assert!(u.iter().all(|&k| (3..=5).contains(&k)));
    assert!(
        planted(&PlantedOptions {
            statement_sizes: SizeDistribution::Uniform { min: 4, max: 3 },
            ..base
        })
        .is_err()
    );
    assert!(SizeDistribution::power_law_with_mean(1.5, 2, 10).is_err());
}

#[test]
fn sponsor_by_size_makes_actors_equally_active() {
    let o = PlantedOptions {
        actors: 100,
        coalitions: 2,
        sizes: CoalitionSizes::Given(vec![80, 20]),
        statements: 20_000,
        outside: 0.0,
        ..Default::default()
    };
    let activity = |sponsor| {
        let p = planted(&PlantedOptions {
            sponsor,
            ..o.clone()
        })
        .unwrap();
        let per = |a: usize| p.dataset.signatures_by(ActorIdx(a as u32)).len() as f64;
        // Mean activity of a member of the big and of the small coalition.
        let big = (0..80).map(per).sum::<f64>() / 80.0;
        let small = (80..100).map(per).sum::<f64>() / 20.0;
        small / big
    };
    let uniform = activity(Sponsor::Uniform);
    let by_size = activity(Sponsor::BySize);
    // Uniform: half the statements each; a member of 20 signs about 4 times as often as a
    // member of 80 (a little less: large statements overflow the small coalition).
    assert!((3.2..4.2).contains(&uniform), "{uniform}");
    assert!((by_size - 1.0).abs() < 0.1, "{by_size}");
}

#[test]
fn roll_calls_have_four_positions_correlated_within_coalitions() {
    let p = planted(&PlantedOptions {
        actors: 80,
        coalitions: 4,
        statements: 2_000,
        votes: true,
        vote_model: VoteModel::un_like(),
        outside: 0.1,
        ..Default::default()
    })
    .unwrap();
    let ds = &p.dataset;
    assert!(
        ds.statements()
            .iter()
            .all(|s| s.kind == StatementKind::ResolutionVote)
    );
    assert_eq!(ds.num_signatures(), 80 * 2_000);
    let mut counts = [0usize; 4];
    let (mut same_in, mut n_in, mut same_out, mut n_out) = (0usize, 0usize, 0usize, 0usize);
    let mut walkouts = 0;
    for s in 0..2_000u32 {
        let votes: Vec<Position> = ds
            .signatures_of(StatementIdx(s))
            .map(|r| r.position)
            .collect();
        for &v in &votes {
            counts[Position::ALL.iter().position(|&x| x == v).unwrap()] += 1;
        }
        // A coalition entirely absent (a walkout) happens about 2% × 3 coalitions a call.
        for c in 0..4 {
            if (0..80)
                .filter(|&a| p.membership[a] == c)
                .all(|a| votes[a] == Position::Absent)
            {
                walkouts += 1;
            }
        }
        for a in 0..80 {
            for b in a + 1..80 {
                if votes[a] == Position::Absent || votes[b] == Position::Absent {
                    continue;
                }
                let same = usize::from(votes[a] == votes[b]);
                if p.membership[a] == p.membership[b] {
                    same_in += same;
                    n_in += 1;
                } else {
                    same_out += same;
                    n_out += 1;
                }
            }
        }
    }
    let total = (80 * 2_000) as f64;
    let share = counts.map(|c| c as f64 / total);
    // yes, no, abstain, absent: all present, yes the most common.
    assert!(share.iter().all(|&x| x > 0.03), "{share:?}");
    assert!(share[0] > 0.5, "{share:?}");
    assert!((share[3] - 0.095).abs() < 0.02, "absent {share:?}");
    assert!((80..200).contains(&walkouts), "{walkouts}");
    let agree_in = same_in as f64 / n_in as f64;
    let agree_out = same_out as f64 / n_out as f64;
    assert!(agree_in > 0.75 && agree_out < 0.6, "{agree_in} {agree_out}");
}

#[test]
fn the_default_vote_model_is_yes_and_no_only() {
    let p = planted(&PlantedOptions {
        actors: 20,
        statements: 100,
        votes: true,
        ..Default::default()
    })
    .unwrap();
    let ds = &p.dataset;
    assert_eq!(ds.num_signatures(), 2_000);
    for s in 0..100u32 {
        assert!(
            ds.signatures_of(StatementIdx(s))
                .all(|r| matches!(r.position, Position::Yes | Position::No))
        );
    }
    let bad = VoteModel {
        line: [0.0, 0.0, 0.0],
        ..Default::default()
    };
    assert!(
        planted(&PlantedOptions {
            votes: true,
            vote_model: bad,
            ..Default::default()
        })
        .is_err()
    );
}

#[test]
fn leiden_recovers_the_planted_coalitions_from_the_projection() {
    let truth = |m: &[usize]| {
        let m = m.to_vec();
        move |a: usize| Some(m[a])
    };
    // Co-signatures: the default generator, random sizes with a power law, and roll calls
    // (projected by same vote).
    let cosign = planted(&PlantedOptions::default()).unwrap();
    let nmi = recovered_nmi(
        &cosign.dataset.view(),
        Linking::Signatures,
        truth(&cosign.membership),
    );
    assert!(nmi > 0.95, "default: {nmi}");

    let varied = planted(&PlantedOptions {
        actors: 400,
        coalitions: 8,
        sizes: CoalitionSizes::Random { min: 15 },
        statement_sizes: SizeDistribution::power_law_with_mean(6.0, 2, 60).unwrap(),
        sponsor: Sponsor::BySize,
        statements: 6_000,
        outside: 0.15,
        seed: 5,
        ..Default::default()
    })
    .unwrap();
    let nmi = recovered_nmi(
        &varied.dataset.view(),
        Linking::Signatures,
        truth(&varied.membership),
    );
    assert!(nmi > 0.9, "random sizes, power law: {nmi}");

    let votes = planted(&PlantedOptions {
        actors: 120,
        coalitions: 4,
        statements: 400,
        votes: true,
        vote_model: VoteModel::un_like(),
        outside: 0.1,
        ..Default::default()
    })
    .unwrap();
    let nmi = recovered_nmi(
        &votes.dataset.view(),
        Linking::SameVote,
        truth(&votes.membership),
    );
    assert!(nmi > 0.9, "roll calls: {nmi}");
}
