//! Ideal-point benchmarks (issue 16). Run: `cargo bench --features un-votes --bench ideal`.
//!
//! * `planted dynamic 120x15x80`: the planted-recovery workload of `tests/ideal/recovery.rs`
//!   (120 actors × 15 periods × 80 roll calls, `synth::ideal_points` seed 1), dynamic ordinal
//!   to convergence (runs without the UN data);
//! * `un dynamic ordinal`: the whole UN roll-call data (1946–2019, 75 yearly windows), dynamic
//!   ordinal model, ω = 0.1, to convergence (emIRT's rule, 1 − 1e-6);
//! * `un static binary per year`: the binary model fitted to every year alone.
//!
//! The calls are single-threaded unless the bench is built with `--features parallel` (which
//! only the bootstrap and nothing timed here uses). The UN data is loaded once, outside the
//! timed call; the timed call includes reading the votes out of the view (`estimate`).

use cosignatory::ideal::{IdealModel, IdealOptions, estimate};
use cosignatory::synth::{IdealSynthOptions, ideal_points};
use cosignatory::time::WindowSpec;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn options(model: IdealModel) -> IdealOptions {
    IdealOptions {
        model,
        window: Some(WindowSpec::years()),
        ..Default::default()
    }
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("ideal");
    group.sample_size(10);
    let planted = ideal_points(&IdealSynthOptions::default()).expect("planted data");
    let view = planted.dataset.view();
    let o = IdealOptions {
        anchor: Some(planted.dataset.actors()[0].id.clone()),
        ..options(IdealModel::Dynamic)
    };
    group.bench_function("planted dynamic 120x15x80", |b| {
        b.iter(|| black_box(estimate(&view, &o).unwrap()))
    });
    #[cfg(feature = "un-votes")]
    {
        let ds = cosignatory::datasets::un_votes();
        let view = ds.view();
        for (name, model) in [
            ("un dynamic ordinal", IdealModel::Dynamic),
            ("un static binary per year", IdealModel::Binary),
        ] {
            let o = options(model);
            group.bench_function(name, |b| b.iter(|| black_box(estimate(&view, &o).unwrap())));
        }
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
