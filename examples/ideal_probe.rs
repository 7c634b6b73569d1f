use cosignatory::ideal::{BootstrapOptions, IdealModel, IdealOptions, estimate};
use cosignatory::synth::{IdealSynthOptions, ideal_points};
use cosignatory::time::WindowSpec;
fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .map(|a| a.parse().unwrap())
        .collect();
    let p = ideal_points(&IdealSynthOptions {
        actors: args[0],
        periods: args[1],
        items: args[2],
        seed: 21,
        ..Default::default()
    })
    .unwrap();
    let t0 = std::time::Instant::now();
    let o = IdealOptions {
        model: IdealModel::Dynamic,
        window: Some(WindowSpec::years()),
        anchor: Some(p.dataset.actors()[0].id.clone()),
        bootstrap: Some(BootstrapOptions {
            replicates: args[3],
            level: 0.9,
        }),
        tolerance: 10f64.powi(-(args[4] as i32)),
        max_iterations: 5000,
        ..Default::default()
    };
    let fit = estimate(&p.dataset.view(), &o).unwrap();
    println!("{:?} {:?}", t0.elapsed(), fit.fits[0]);
    let pairs: Vec<(f64, f64)> = fit
        .estimates
        .iter()
        .map(|e| {
            let t = p.windows.iter().position(|w| *w == e.window).unwrap();
            (
                p.truth[p.dataset.actor_index(&e.actor).unwrap().index()][t],
                e.ideal,
            )
        })
        .collect();
    let n = pairs.len() as f64;
    let (mt, me) = (
        pairs.iter().map(|x| x.0).sum::<f64>() / n,
        pairs.iter().map(|x| x.1).sum::<f64>() / n,
    );
    let cov: f64 = pairs.iter().map(|(t, e)| (t - mt) * (e - me)).sum();
    let var: f64 = pairs.iter().map(|(t, _)| (t - mt) * (t - mt)).sum();
    let slope = cov / var;
    let (mut pc, mut bc) = (0, 0);
    for (e, (t, _)) in fit.estimates.iter().zip(&pairs) {
        let tr = me + slope * (t - mt);
        let (lo, hi) = (e.ci_low.unwrap(), e.ci_high.unwrap());
        pc += usize::from(lo <= tr && tr <= hi);
        bc += usize::from(2.0 * e.ideal - hi <= tr && tr <= 2.0 * e.ideal - lo);
    }
    let mse = pairs
        .iter()
        .map(|(t, e)| {
            let tr = me + slope * (t - mt);
            (e - tr).powi(2)
        })
        .sum::<f64>()
        / n;
    let se2 = fit
        .estimates
        .iter()
        .map(|e| e.se.unwrap().powi(2))
        .sum::<f64>()
        / n;
    println!(
        "slope {slope} percentile {} basic {} rmse {} mean se {}",
        pc as f64 / n,
        bc as f64 / n,
        mse.sqrt(),
        se2.sqrt()
    );
}
