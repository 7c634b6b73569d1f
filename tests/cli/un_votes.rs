//! Roll-call defaults on the bundled UN General Assembly votes (feature `un-votes`): Voeten's
//! coding over recorded votes, and the agreement index for cohesion.

use crate::support::{cosignatory, stdout_of};
use cosignatory::align::{Coding, Measure, SeriesOptions, Universe, pair_series};
use cosignatory::time::Window;

#[test]
fn roll_calls_default_to_voeten_coding_over_recorded_votes() {
    let ds = cosignatory::datasets::un_votes();
    let d = |s: &str| s.parse().unwrap();
    let window = Window::new(d("2000-01-01"), d("2005-12-31"));
    let options = SeriesOptions {
        measure: Measure::KappaQuadratic,
        coding: Coding::voeten(),
        universe: Universe::Recorded,
        ..Default::default()
    };
    let expected = pair_series(&ds.view(), &[window], &[("USA", "ISR")], &options).unwrap();
    let csv = stdout_of(cosignatory().args([
        "align",
        "--un-votes",
        "--pairs",
        "USA:ISR",
        "--from",
        "2000-01-01",
        "--to",
        "2005-12-31",
        "--measure",
        "kappa-quadratic",
        "--format",
        "csv",
    ]));
    assert_eq!(
        csv.lines().nth(1).unwrap(),
        format!(
            "USA,ISR,2000-01-01,2005-12-31,kappa-quadratic,{},{},",
            expected[0].score.value.unwrap(),
            expected[0].score.n
        )
    );
    let cohesion = stdout_of(cosignatory().args([
        "cohesion",
        "--un-votes",
        "--bloc",
        "UN",
        "--from",
        "2018-01-01",
        "--to",
        "2018-12-31",
        "--format",
        "csv",
    ]));
    assert!(
        cohesion.contains("UN,2018-01-01,2018-12-31,agreement-index,0."),
        "{cohesion}"
    );
}

#[test]
fn un_votes_and_data_exclude_each_other() {
    cosignatory()
        .args(["summary", "--un-votes", "data/"])
        .assert()
        .code(2);
}
