use cosignatory::ideal::{IdealModel, IdealOptions, estimate};
use cosignatory::time::WindowSpec;
fn main() {
    let ds = cosignatory::datasets::un_votes();
    let omega: f64 = std::env::args()
        .nth(1)
        .map(|a| a.parse().unwrap())
        .unwrap_or(0.1);
    for model in [IdealModel::Dynamic, IdealModel::Binary] {
        let t0 = std::time::Instant::now();
        let fit = estimate(
            &ds.view(),
            &IdealOptions {
                model,
                omega,
                window: Some(WindowSpec::years()),
                ..Default::default()
            },
        )
        .unwrap();
        let it: usize = fit.fits.iter().map(|f| f.iterations).sum();
        println!(
            "{model}: {:?}, fits {}, iterations {it}, all converged {}",
            t0.elapsed(),
            fit.fits.len(),
            fit.fits.iter().all(|f| f.converged)
        );
        if model == IdealModel::Dynamic {
            for year in (1950..=2019).step_by(1) {
                let y = year.to_string();
                let mut all: Vec<f64> = fit
                    .estimates
                    .iter()
                    .filter(|e| e.window.start.format("%Y").to_string() == y)
                    .map(|e| e.ideal)
                    .collect();
                all.sort_by(f64::total_cmp);
                if all.is_empty() {
                    continue;
                }
                let at = |id: &str| {
                    fit.estimates
                        .iter()
                        .find(|e| e.actor == id && e.window.start.format("%Y").to_string() == y)
                        .map(|e| format!("{:.2}", e.ideal))
                        .unwrap_or("-".into())
                };
                println!(
                    "{year} med {:.2} USA {} ISR {} RUS {} CHN {} IRN {} UKR {} POL {} CSK {}",
                    all[all.len() / 2],
                    at("USA"),
                    at("ISR"),
                    at("RUS"),
                    at("CHN"),
                    at("IRN"),
                    at("UKR"),
                    at("POL"),
                    at("CSK")
                );
            }
        }
    }
}
