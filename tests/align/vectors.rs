//! The 18 test vectors of `shared/reference/alignment-measures.md` §10, plus the further worked
//! numbers of §2–§7. Exact fractions are checked to 1e-12, the rounded published numbers to 1e-6.

use cosignatory::align::binary::{self, BinaryCounts};
use cosignatory::align::cohesion::{self, VoteCounts};
use cosignatory::align::{
    Coding, ContingencyTable as Table, Dyad, Measure, Options, PositionMatrix, Scale,
};
use cosignatory::model::Position::{self, *};

const EXACT: f64 = 1e-12;
const PUBLISHED: f64 = 1e-6;

#[track_caller]
fn close(got: Option<f64>, want: f64, tol: f64) {
    let got = got.unwrap_or_else(|| panic!("undefined, want {want}"));
    assert!(
        (got - want).abs() <= tol,
        "got {got}, want {want} (tol {tol})"
    );
}

#[track_caller]
fn value(m: Measure, t: &Table) -> Option<f64> {
    m.compute(t).unwrap().value
}

fn codes(v: &[u8]) -> Vec<Option<u8>> {
    v.iter().map(|&c| Some(c)).collect()
}

/// Germany and Russia 1914 (S&R Table 6), reference §2.
fn gmy_rus() -> Table {
    let gmy = [3, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0];
    let rus = [0, 3, 1, 3, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    Table::from_codes(Scale::ALLIANCE, &codes(&gmy), &codes(&rus)).unwrap()
}

#[test]
fn a0_gmy_rus_crosstab() {
    let t = gmy_rus();
    assert_eq!(t.n(), 20);
    let cell = |x, y| t.get(x, y).unwrap();
    assert_eq!(
        [cell(0, 0), cell(0, 1), cell(0, 3), cell(3, 0), cell(3, 1)],
        [13.0, 1.0, 2.0, 3.0, 1.0]
    );
}

#[test]
fn a1_s_scores() {
    let t = gmy_rus();
    close(value(Measure::SAbsolute, &t), 0.4, EXACT);
    close(value(Measure::SSquared, &t), 1.0 - 100.0 / 180.0, EXACT);
    close(value(Measure::SSquared, &t), 0.4444444, PUBLISHED);
}

#[test]
fn a2_kappas() {
    let t = gmy_rus();
    close(value(Measure::KappaQuadratic, &t), 1.0 - 50.0 / 46.4, EXACT);
    close(value(Measure::KappaQuadratic, &t), -0.0775862, PUBLISHED);
    close(value(Measure::KappaLinear, &t), -1.0 / 14.0, EXACT);
    close(value(Measure::KappaLinear, &t), -0.0714286, PUBLISHED);
    close(value(Measure::KappaNominal, &t), -1.0 / 34.0, EXACT);
    close(value(Measure::KappaNominal, &t), -0.0294118, PUBLISHED);
}

#[test]
fn a3_pis() {
    let t = gmy_rus();
    close(value(Measure::PiQuadratic, &t), -2.0 / 23.0, EXACT);
    close(value(Measure::PiQuadratic, &t), -0.0869565, PUBLISHED);
    close(value(Measure::PiNominal, &t), -3.0 / 67.0, EXACT);
    close(value(Measure::PiNominal, &t), -0.0447761, PUBLISHED);
}

#[test]
fn a4_benati_capurri_and_tau_b() {
    let t = gmy_rus();
    close(value(Measure::BenatiCapurri, &t), -0.04, EXACT);
    close(value(Measure::KendallTauB, &t), 0.0303170, PUBLISHED);
    close(value(Measure::KendallTauB, &t), 0.03031695, 1e-8); // fpsim::taub
}

#[test]
fn a5_krippendorff() {
    let t = gmy_rus();
    close(value(Measure::AlphaInterval, &t), -0.0597826, PUBLISHED);
    close(value(Measure::AlphaNominal, &t), -0.0186567, PUBLISHED);
    // α = 1 − (1 − π)(2N − 1)/(2N) with π_nom = −3/67.
    close(
        value(Measure::AlphaNominal, &t),
        1.0 - (70.0 / 67.0) * (39.0 / 40.0),
        EXACT,
    );
}

#[test]
fn w1_weighted_s() {
    let x = codes(&[0, 1, 3, 0]);
    let y = codes(&[0, 3, 3, 1]);
    let w = [0.5, 0.3, 0.1, 0.1];
    let tw = Table::from_weighted_codes(Scale::ALLIANCE, &x, &y, &w).unwrap();
    close(value(Measure::SAbsolute, &tw), 1.0 - 2.0 * 0.7 / 3.0, EXACT);
    close(value(Measure::SAbsolute, &tw), 0.5333333, PUBLISHED);
    assert_eq!(tw.n(), 4);
    let t = Table::from_codes(Scale::ALLIANCE, &x, &y).unwrap();
    close(value(Measure::SAbsolute, &t), 0.5, EXACT);
    // Weights that do not sum to 1 are normalised by Σw (not Häge's binary shortcut).
    let w2 = w.map(|v| v * 1.07);
    let tw2 = Table::from_weighted_codes(Scale::ALLIANCE, &x, &y, &w2).unwrap();
    close(
        value(Measure::SAbsolute, &tw2),
        1.0 - 2.0 * 0.7 / 3.0,
        EXACT,
    );
}

/// Example B (reference §3): vote pairs rc1..rc10 with rc9 = (yes, absent), rc10 = (not a member, yes).
fn example_b(coding: &Coding) -> Table {
    let x = [
        Some(Yes),
        Some(Yes),
        Some(Yes),
        Some(Yes),
        Some(Abstain),
        Some(No),
        Some(Yes),
        Some(No),
        Some(Yes),
        None,
    ];
    let y = [
        Some(Yes),
        Some(Yes),
        Some(Abstain),
        Some(No),
        Some(Abstain),
        Some(No),
        Some(Yes),
        Some(Yes),
        Some(Absent),
        Some(Yes),
    ];
    Table::from_codes(coding.scale(), &coding.codes(x), &coding.codes(y)).unwrap()
}

#[test]
fn b1_agreement_family() {
    let t = example_b(&Coding::voeten());
    assert_eq!(t.n(), 8);
    close(value(Measure::PercentAgreement, &t), 0.625, EXACT);
    close(value(Measure::VoetenAgree, &t), 0.6875, EXACT);
    close(value(Measure::StateDeptCoincidence, &t), 2.0 / 3.0, EXACT);
}

#[test]
fn b2_s_scores() {
    let t = example_b(&Coding::voeten());
    close(value(Measure::SAbsolute, &t), 0.375, EXACT);
    close(value(Measure::SSquared, &t), 0.4375, EXACT);
}

#[test]
fn b3_kappas() {
    let t = example_b(&Coding::voeten());
    close(value(Measure::KappaQuadratic, &t), 5.0 / 23.0, EXACT);
    close(value(Measure::KappaQuadratic, &t), 0.2173913, PUBLISHED);
    close(value(Measure::KappaLinear, &t), 2.0 / 7.0, EXACT);
    close(value(Measure::KappaNominal, &t), 7.0 / 19.0, EXACT);
    close(value(Measure::KappaNominal, &t), 0.3684211, PUBLISHED);
}

#[test]
fn b4_pi_alpha() {
    let t = example_b(&Coding::voeten());
    close(value(Measure::PiQuadratic, &t), 13.0 / 61.0, EXACT);
    close(value(Measure::PiQuadratic, &t), 0.2131148, PUBLISHED);
    close(value(Measure::PiNominal, &t), 0.36, EXACT);
    close(value(Measure::AlphaNominal, &t), 0.4, EXACT);
    close(value(Measure::AlphaInterval, &t), 16.0 / 61.0, EXACT);
    close(value(Measure::AlphaInterval, &t), 0.2622951, PUBLISHED);
}

#[test]
fn b5_benati_capurri() {
    let t = example_b(&Coding::voeten());
    close(value(Measure::BenatiCapurri, &t), 0.25, EXACT);
}

#[test]
fn b6_hage_coding() {
    let t = example_b(&Coding::hage_fpsim());
    assert_eq!(t.n(), 9);
    close(value(Measure::SAbsolute, &t), 1.0 / 3.0, EXACT);
    close(value(Measure::SSquared, &t), 4.0 / 9.0, EXACT);
    close(value(Measure::KappaQuadratic, &t), 2.0 / 11.0, EXACT);
    close(value(Measure::KappaQuadratic, &t), 0.1818182, PUBLISHED);
    close(value(Measure::PiQuadratic, &t), 1.0 / 6.0, EXACT);
}

fn voeten(x: &[u8], y: &[u8]) -> Table {
    Table::from_codes(Scale::VOETEN, &codes(x), &codes(y)).unwrap()
}

#[test]
fn e1_both_constant_same() {
    let t = voeten(&[1, 1, 1], &[1, 1, 1]);
    close(value(Measure::SAbsolute, &t), 1.0, EXACT);
    for m in [
        Measure::KappaQuadratic,
        Measure::KappaNominal,
        Measure::KappaLinear,
        Measure::PiQuadratic,
        Measure::PiNominal,
    ] {
        assert_eq!(value(m, &t), None, "{m}");
        assert_eq!(
            m.compute_with(&t, &Options::fpsim()).unwrap().value,
            Some(0.0),
            "{m}"
        );
    }
    // α has no FPSIM convention.
    assert_eq!(
        Measure::AlphaNominal
            .compute_with(&t, &Options::fpsim())
            .unwrap()
            .value,
        None
    );
}

#[test]
fn e2_both_constant_different() {
    let t = voeten(&[1, 1, 1], &[3, 3, 3]);
    close(value(Measure::SAbsolute, &t), -1.0, EXACT);
    close(value(Measure::KappaQuadratic, &t), 0.0, EXACT);
    close(value(Measure::PiQuadratic, &t), -1.0, EXACT);
}

#[test]
fn e3_one_constant() {
    let t = voeten(&[1, 1, 1, 1], &[1, 1, 1, 2]);
    close(value(Measure::SAbsolute, &t), 0.75, EXACT);
    close(value(Measure::KappaQuadratic, &t), 0.0, EXACT);
    close(value(Measure::KappaNominal, &t), 0.0, EXACT);
    close(value(Measure::PiQuadratic, &t), -1.0 / 7.0, EXACT);
}

/// Worked example C (reference §7): D1 {A,B,C} D2 {A,B} D3 {A,C,D} D4 {B,D} D5 {A,B,D} D6 {C}.
fn example_c(extra_unsigned: usize) -> PositionMatrix {
    let statements: [&[usize]; 6] = [&[0, 1, 2], &[0, 1], &[0, 2, 3], &[1, 3], &[0, 1, 3], &[2]];
    let actors = ["A", "B", "C", "D"].map(String::from).to_vec();
    let n_items = statements.len() + extra_unsigned;
    PositionMatrix::from_positions(&Coding::cosignature(), actors, n_items, |a, k| {
        let signed = statements.get(k).is_some_and(|s| s.contains(&a));
        Some(if signed {
            Position::Yes
        } else {
            Position::Absent
        })
    })
}

#[test]
fn c1_cosignature_a_b() {
    let m = example_c(0);
    let t = m.table(0, 1);
    assert_eq!(
        BinaryCounts::from_table(&t).unwrap(),
        BinaryCounts::new(3, 1, 1, 1)
    );
    close(value(Measure::Jaccard, &t), 0.6, EXACT);
    close(value(Measure::Cosine, &t), 0.75, EXACT);
    close(value(Measure::Overlap, &t), 0.75, EXACT);
    close(value(Measure::KappaNominal, &t), 0.25, EXACT);
    close(value(Measure::HypergeometricP, &t), 9.0 / 15.0, EXACT);
    close(value(Measure::Pmi, &t), (18.0f64 / 16.0).log2(), EXACT);
    close(value(Measure::Pmi, &t), 0.1699250, PUBLISHED);
    close(value(Measure::Npmi, &t), (18.0f64 / 16.0).log2(), EXACT);
    close(value(Measure::SimpleMatching, &t), 4.0 / 6.0, EXACT);
    close(value(Measure::SAbsolute, &t), 1.0 / 3.0, EXACT);
    let newman = m.all_pairs(Measure::Newman, &Options::default()).unwrap();
    close(newman.get(0, 1).value, 2.0, EXACT);
    let signers = [3, 2, 3, 2, 3, 1];
    let w = binary::newman(&m.actor_codes(0), &m.actor_codes(1), &signers).unwrap();
    close(w.value, 2.0, EXACT);
}

#[test]
fn c1_other_pairs() {
    let m = example_c(0);
    let (a, b, c, d) = (0, 1, 2, 3);
    let newman = m.all_pairs(Measure::Newman, &Options::default()).unwrap();
    for ((i, j), want) in [
        ((a, c), 1.0),
        ((a, d), 1.0),
        ((b, c), 0.5),
        ((b, d), 1.5),
        ((c, d), 0.5),
    ] {
        close(newman.get(i, j).value, want, EXACT);
    }
    // Σ_j w_Aj = number of multi-signatory statements A signed.
    close(
        Some((1..4).map(|j| newman.get(a, j).value.unwrap()).sum()),
        4.0,
        EXACT,
    );

    let ac = m.table(a, c);
    assert_eq!(
        BinaryCounts::from_table(&ac).unwrap(),
        BinaryCounts::new(2, 2, 1, 1)
    );
    close(value(Measure::Jaccard, &ac), 0.4, EXACT);
    close(value(Measure::Cosine, &ac), 2.0 / 12f64.sqrt(), EXACT);
    close(value(Measure::Overlap, &ac), 2.0 / 3.0, EXACT);
    close(value(Measure::SAbsolute, &ac), 0.0, EXACT);
    close(value(Measure::KappaNominal, &ac), 0.0, EXACT);
    close(value(Measure::HypergeometricP, &ac), 0.8, EXACT);
    close(value(Measure::Pmi, &ac), 0.0, EXACT);

    let cd = m.table(c, d);
    close(value(Measure::Jaccard, &cd), 0.2, EXACT);
    close(value(Measure::Cosine, &cd), 1.0 / 3.0, EXACT);
    close(value(Measure::SAbsolute, &cd), -1.0 / 3.0, EXACT);
    close(value(Measure::KappaNominal, &cd), -1.0 / 3.0, EXACT);
    close(value(Measure::HypergeometricP, &cd), 0.95, EXACT);
    close(value(Measure::Pmi, &cd), -0.5849625, PUBLISHED);
}

#[test]
fn c2_sparse_universe() {
    let m = example_c(94);
    let t = m.table(0, 2);
    assert_eq!(
        BinaryCounts::from_table(&t).unwrap(),
        BinaryCounts::new(2, 2, 1, 95)
    );
    close(value(Measure::SAbsolute, &t), 0.94, EXACT);
    close(value(Measure::KappaNominal, &t), 94.0 / 169.0, EXACT);
    close(value(Measure::KappaNominal, &t), 0.5562130, PUBLISHED);
    close(
        value(Measure::HypergeometricP, &t),
        580.0 / 161_700.0,
        EXACT,
    );
    close(value(Measure::HypergeometricP, &t), 0.0035869, PUBLISHED);
    close(value(Measure::Pmi, &t), 4.0588937, PUBLISHED);
    // The measures that ignore d are unchanged by the universe.
    let small = example_c(0).table(0, 2);
    for m in [
        Measure::Jaccard,
        Measure::Cosine,
        Measure::Overlap,
        Measure::Dice,
    ] {
        assert_eq!(value(m, &t), value(m, &small), "{m}");
    }
    let newman = m.all_pairs(Measure::Newman, &Options::default()).unwrap();
    close(newman.get(0, 2).value, 1.0, EXACT);
    assert_eq!(newman.get(0, 2).n, 100);
}

#[test]
fn d1_cohesion() {
    let v = VoteCounts::new(6, 3, 1);
    close(cohesion::agreement_index(v), 0.4, EXACT);
    close(cohesion::rice(v), 1.0 / 3.0, EXACT);
    close(cohesion::attina(v), 20.0, EXACT);
    // Bloc likeness example of §6.
    close(
        cohesion::likeness(VoteCounts::new(6, 3, 1), VoteCounts::new(2, 7, 1)),
        0.6,
        EXACT,
    );
}

#[test]
fn dyad_and_table_paths_agree() {
    let x = codes(&[1, 1, 1, 1, 2, 3, 1, 3]);
    let y = codes(&[1, 1, 2, 3, 2, 3, 1, 1]);
    let d = Dyad::new(Scale::VOETEN, &x, &y).unwrap();
    close(
        Measure::KappaQuadratic.score(&d).unwrap().value,
        5.0 / 23.0,
        EXACT,
    );
    let same = codes(&[2, 2]);
    let e = Dyad::new(Scale::VOETEN, &same, &same).unwrap();
    assert_eq!(Measure::PiNominal.score(&e).unwrap().value, None);
    let fpsim = Measure::PiNominal
        .score_with(&e, &Options::fpsim())
        .unwrap();
    assert_eq!(fpsim.value, Some(0.0));
}
