//! Property-style tests over seeded random dyads: symmetry, documented ranges, perfect agreement,
//! invariance to item order, Voeten agree = (1 + S_abs)/2, and `None` (never NaN) for degenerate
//! inputs.

use cosignatory::align::binary::{self, BinaryCounts};
use cosignatory::align::{ContingencyTable as Table, Dyad, Measure, Options, Scale};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

const TOL: f64 = 1e-12;

/// Every measure that can be computed from a table (all but Newman).
fn table_measures() -> impl Iterator<Item = Measure> {
    Measure::ALL.into_iter().filter(|&m| m != Measure::Newman)
}

fn applicable(m: Measure, t: &Table) -> bool {
    !m.needs_binary() || t.scale().is_binary()
}

/// A random dyad: correlated codes on `scale`, some missing, occasionally a narrow marginal.
fn random_dyad(rng: &mut ChaCha8Rng, scale: Scale) -> (Vec<Option<u8>>, Vec<Option<u8>>) {
    let n = rng.random_range(0..60usize);
    let k = scale.categories() as u8;
    let agree = rng.random_range(0.0..1.0);
    let miss = if rng.random_bool(0.5) {
        0.0
    } else {
        rng.random_range(0.0..0.4)
    };
    let narrow = rng.random_bool(0.2);
    let draw = |rng: &mut ChaCha8Rng| {
        let hi = if narrow { 2.min(k) } else { k };
        scale.min() + rng.random_range(0..hi)
    };
    let mut x = Vec::with_capacity(n);
    let mut y = Vec::with_capacity(n);
    for _ in 0..n {
        let a = draw(rng);
        let b = if rng.random_bool(agree) { a } else { draw(rng) };
        x.push((!rng.random_bool(miss)).then_some(a));
        y.push((!rng.random_bool(miss)).then_some(b));
    }
    (x, y)
}

fn scales() -> [Scale; 4] {
    [
        Scale::BINARY,
        Scale::VOETEN,
        Scale::ALLIANCE,
        Scale::new(2, 8).unwrap(),
    ]
}

#[test]
fn symmetric_bounded_and_never_nan() {
    let mut rng = ChaCha8Rng::seed_from_u64(1);
    let mut defined = 0;
    for round in 0..400 {
        let scale = scales()[round % 4];
        let (x, y) = random_dyad(&mut rng, scale);
        let t = Table::from_codes(scale, &x, &y).unwrap();
        let tt = Table::from_codes(scale, &y, &x).unwrap();
        assert_eq!(tt, t.transposed());
        for m in table_measures().filter(|&m| applicable(m, &t)) {
            for opts in [Options::default(), Options::fpsim()] {
                let s = m.compute_with(&t, &opts).unwrap();
                let r = m.compute_with(&tt, &opts).unwrap();
                assert_eq!(s.n, t.n());
                assert_eq!(
                    s.value.is_some(),
                    r.value.is_some(),
                    "{m} symmetric definedness"
                );
                if let (Some(a), Some(b)) = (s.value, r.value) {
                    defined += 1;
                    assert!(a.is_finite());
                    assert!((a - b).abs() <= TOL * a.abs().max(1.0), "{m}: {a} vs {b}");
                    let (lo, hi) = m.bounds();
                    assert!(
                        a >= lo - TOL && a <= hi + TOL,
                        "{m} = {a} outside [{lo}, {hi}]"
                    );
                }
                if t.n() == 0 {
                    assert_eq!(s.value, None, "{m} on N = 0");
                }
            }
        }
    }
    assert!(
        defined > 10_000,
        "only {defined} defined values: the generator is too degenerate"
    );
}

#[test]
fn perfect_agreement_is_one() {
    let mut rng = ChaCha8Rng::seed_from_u64(2);
    for round in 0..200 {
        let scale = scales()[round % 4];
        let (x, _) = random_dyad(&mut rng, scale);
        let t = Table::from_codes(scale, &x, &x).unwrap();
        let varied = x
            .iter()
            .flatten()
            .collect::<std::collections::BTreeSet<_>>()
            .len()
            > 1;
        for m in [
            Measure::SAbsolute,
            Measure::SSquared,
            Measure::PercentAgreement,
            Measure::VoetenAgree,
            Measure::KappaNominal,
            Measure::KappaLinear,
            Measure::KappaQuadratic,
            Measure::PiNominal,
            Measure::PiQuadratic,
            Measure::AlphaNominal,
            Measure::AlphaInterval,
            Measure::KendallTauB,
        ] {
            let v = m.compute(&t).unwrap().value;
            if varied {
                assert_eq!(v, Some(1.0), "{m} on identical varied vectors");
            } else if t.n() == 0 {
                assert_eq!(v, None, "{m}");
            }
        }
        if t.n() > 0 {
            // S needs no variation; the chance-corrected indices do.
            assert_eq!(Measure::SAbsolute.compute(&t).unwrap().value, Some(1.0));
            if !varied {
                assert_eq!(Measure::KappaQuadratic.compute(&t).unwrap().value, None);
                assert_eq!(Measure::PiNominal.compute(&t).unwrap().value, None);
            }
        }
    }
}

#[test]
fn invariant_to_item_order() {
    let mut rng = ChaCha8Rng::seed_from_u64(3);
    for round in 0..200 {
        let scale = scales()[round % 4];
        let (x, y) = random_dyad(&mut rng, scale);
        let w: Vec<f64> = (0..x.len()).map(|_| rng.random_range(0.0..2.0)).collect();
        let mut order: Vec<usize> = (0..x.len()).collect();
        for i in (1..order.len()).rev() {
            order.swap(i, rng.random_range(0..=i));
        }
        let px: Vec<_> = order.iter().map(|&k| x[k]).collect();
        let py: Vec<_> = order.iter().map(|&k| y[k]).collect();
        let pw: Vec<_> = order.iter().map(|&k| w[k]).collect();
        let tables = [
            (
                Table::from_codes(scale, &x, &y).unwrap(),
                Table::from_codes(scale, &px, &py).unwrap(),
            ),
            (
                Table::from_weighted_codes(scale, &x, &y, &w).unwrap(),
                Table::from_weighted_codes(scale, &px, &py, &pw).unwrap(),
            ),
        ];
        for (t, pt) in &tables {
            for m in table_measures().filter(|&m| applicable(m, t)) {
                match (m.compute(t), m.compute(pt)) {
                    (Ok(a), Ok(b)) => {
                        assert_eq!(a.n, b.n);
                        match (a.value, b.value) {
                            (Some(a), Some(b)) => {
                                assert!((a - b).abs() <= 1e-9 * a.abs().max(1.0), "{m}")
                            }
                            (a, b) => assert_eq!(a, b, "{m}"),
                        }
                    }
                    (a, b) => assert_eq!(a.is_err(), b.is_err(), "{m}"),
                }
            }
        }
    }
}

#[test]
fn voeten_agree_is_half_of_one_plus_s() {
    let mut rng = ChaCha8Rng::seed_from_u64(4);
    for round in 0..300 {
        let scale = scales()[round % 4];
        let (x, y) = random_dyad(&mut rng, scale);
        let t = Table::from_codes(scale, &x, &y).unwrap();
        let agree = Measure::VoetenAgree.compute(&t).unwrap().value;
        let s = Measure::SAbsolute.compute(&t).unwrap().value;
        match (agree, s) {
            (Some(a), Some(s)) => assert!((a - (1.0 + s) / 2.0).abs() <= TOL),
            (a, s) => assert_eq!((a, s, t.n()), (None, None, 0)),
        }
    }
}

#[test]
fn binary_identities() {
    let mut rng = ChaCha8Rng::seed_from_u64(5);
    for _ in 0..500 {
        let [a, b, c, d] = [(); 4].map(|_| rng.random_range(0..12u32));
        let t = Table::binary(a, b, c, d);
        let bc = BinaryCounts::new(a, b, c, d);
        let v = |m: Measure| m.compute(&t).unwrap().value;
        // S = 2·SMC − 1 on binary data.
        if let Some(smc) = v(Measure::SimpleMatching) {
            assert!((v(Measure::SAbsolute).unwrap() - (2.0 * smc - 1.0)).abs() <= TOL);
        }
        // Dice = 2J/(1 + J).
        if let Some(j) = v(Measure::Jaccard) {
            assert!((v(Measure::Dice).unwrap() - 2.0 * j / (1.0 + j)).abs() <= TOL);
        }
        // Binary κ = 2(ad − bc)/((a+b)(b+d) + (a+c)(c+d)) (reference §7).
        let (fa, fb, fc, fd) = (f64::from(a), f64::from(b), f64::from(c), f64::from(d));
        let den = (fa + fb) * (fb + fd) + (fa + fc) * (fc + fd);
        match v(Measure::KappaNominal) {
            Some(k) => assert!((k - 2.0 * (fa * fd - fb * fc) / den).abs() <= TOL),
            None => assert!(den == 0.0),
        }
        // φ = κ when the marginals are symmetric (b = c).
        if b == c && v(Measure::Phi).is_some() {
            assert!((v(Measure::Phi).unwrap() - v(Measure::KappaNominal).unwrap()).abs() <= TOL);
        }
        // Overlap ≥ cosine ≥ Jaccard.
        if let (Some(o), Some(cs), Some(j)) =
            (v(Measure::Overlap), v(Measure::Cosine), v(Measure::Jaccard))
        {
            assert!(o + TOL >= cs && cs + TOL >= j);
        }
        // The hypergeometric p is a tail: moving one item from b, c to a, d keeps the margins
        // and cannot raise P(X ≥ a).
        let p = binary::hypergeometric_p(&bc).unwrap().value.unwrap();
        if b > 0 && c > 0 {
            let next = BinaryCounts::new(a + 1, b - 1, c - 1, d + 1);
            assert!(binary::hypergeometric_p(&next).unwrap().value.unwrap() <= p + TOL);
        }
        assert!((0.0..=1.0).contains(&p));
    }
}

#[test]
fn degenerate_inputs_are_none() {
    let empty = Table::new(Scale::VOETEN);
    let all_missing = Table::from_codes(Scale::VOETEN, &[None, Some(1)], &[Some(2), None]).unwrap();
    let zero_weight =
        Table::from_weighted_codes(Scale::BINARY, &[Some(1)], &[Some(0)], &[0.0]).unwrap();
    for t in [
        &empty,
        &all_missing,
        &Table::new(Scale::BINARY),
        &zero_weight,
    ] {
        for m in table_measures().filter(|&m| applicable(m, t)) {
            for opts in [Options::default(), Options::fpsim()] {
                match m.compute_with(t, &opts) {
                    Ok(s) => assert_eq!(s.value, None, "{m} on an empty table"),
                    Err(e) => assert!(t.is_weighted(), "{m}: {e}"),
                }
            }
        }
    }
    // Binary degenerate margins.
    let none_signed = Table::binary(0, 0, 0, 5);
    for m in [
        Measure::Jaccard,
        Measure::Cosine,
        Measure::Overlap,
        Measure::Phi,
        Measure::Pmi,
        Measure::Npmi,
    ] {
        assert_eq!(m.compute(&none_signed).unwrap().value, None, "{m}");
    }
    assert_eq!(
        Measure::KappaNominal.compute(&none_signed).unwrap().value,
        None
    );
    assert_eq!(
        Measure::SimpleMatching.compute(&none_signed).unwrap().value,
        Some(1.0)
    );
    // A single joint item: S and agreement are defined, τ_b is not.
    let one = Dyad::new(Scale::VOETEN, &[Some(1)], &[Some(3)]).unwrap();
    assert_eq!(Measure::SAbsolute.score(&one).unwrap().value, Some(-1.0));
    assert_eq!(Measure::KendallTauB.score(&one).unwrap().value, None);
    assert_eq!(Measure::KappaNominal.score(&one).unwrap().value, Some(0.0));
}
