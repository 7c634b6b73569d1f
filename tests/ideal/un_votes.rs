//! Real-data sanity on the bundled UN General Assembly votes (feature `un-votes`): the dynamic
//! ordinal model over yearly windows, 1946–2019.

use cosignatory::ideal::{IdealOptions, IdealPoints, estimate};
use cosignatory::time::WindowSpec;

fn fit() -> IdealPoints {
    let ds = cosignatory::datasets::un_votes();
    estimate(
        &ds.view(),
        &IdealOptions {
            window: Some(WindowSpec::years()),
            ..Default::default()
        },
    )
    .unwrap()
}

#[test]
fn west_and_its_opponents_sit_on_opposite_sides_and_the_soviet_bloc_at_one_end() {
    let fit = fit();
    assert!(fit.fits[0].converged, "{:?}", fit.fits[0]);
    assert_eq!(fit.fits[0].anchor, "USA");
    let at = |id: &str, year: i32| {
        fit.estimates
            .iter()
            .find(|e| e.actor == id && e.window.start.format("%Y").to_string() == year.to_string())
            .map(|e| e.ideal)
    };
    let median = |year: i32| {
        let mut all: Vec<f64> = fit
            .estimates
            .iter()
            .filter(|e| e.window.start.format("%Y").to_string() == year.to_string())
            .map(|e| e.ideal)
            .collect();
        all.sort_by(f64::total_cmp);
        all[all.len() / 2]
    };
    // The sides: above or below the midpoint between the USA and the year's median state. (Zero
    // is not a meaningful divide: location comes from the prior. Russia's estimates for
    // 1991-1999 are between 0.0 and 0.2, above the median and far below the USA, as in Bailey,
    // Strezhnev & Voeten 2017.)
    for year in 1990..=2019 {
        let usa = at("USA", year).unwrap();
        let divide = 0.5 * (usa + median(year));
        let isr = at("ISR", year).unwrap();
        assert!(
            usa > 0.0 && isr > divide,
            "{year}: USA {usa}, ISR {isr}, divide {divide}"
        );
        for other in ["RUS", "CHN", "IRN"] {
            let x = at(other, year).unwrap();
            assert!(x < divide, "{year}: {other} {x}, divide {divide}");
        }
    }
    // 1950s: the Soviet bloc among the lowest 15 % of the year's estimates.
    for year in 1950..=1959 {
        let mut all: Vec<f64> = fit
            .estimates
            .iter()
            .filter(|e| e.window.start.format("%Y").to_string() == year.to_string())
            .map(|e| e.ideal)
            .collect();
        all.sort_by(f64::total_cmp);
        let cut = all[(all.len() as f64 * 0.15) as usize];
        for id in ["RUS", "UKR", "BLR", "POL", "CSK"] {
            let x = at(id, year).unwrap();
            assert!(x <= cut, "{year}: {id} {x} above the 15th percentile {cut}");
        }
    }
}
