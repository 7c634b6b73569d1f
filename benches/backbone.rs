//! SDSM backbone benchmarks (issue 17). Run: `cargo bench --features un-votes --bench backbone`.
//!
//! SDSM for all pairs of every yearly window of the UN roll calls (yes-only incidence,
//! 1946–2020), and on the 1,000 × 100,000 co-signature workload of the comparison.

#[path = "compare/workloads.rs"]
mod workloads;

use cosignatory::graph::{BackboneMethod, BackboneOptions, ProjectionOptions, backbone_of_view};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("backbone");
    group.sample_size(10);
    let options = BackboneOptions::new(BackboneMethod::Sdsm);
    let projection = ProjectionOptions::default();
    #[cfg(feature = "un-votes")]
    {
        let ds = cosignatory::datasets::un_votes();
        let years: Vec<i32> = (1946..=2020).collect();
        group.bench_function("sdsm/un-yearly-1946-2020", |b| {
            b.iter(|| {
                let mut kept = 0;
                for &y in &years {
                    let from = chrono::NaiveDate::from_ymd_opt(y, 1, 1).unwrap();
                    let to = chrono::NaiveDate::from_ymd_opt(y, 12, 31).unwrap();
                    let view = ds.view().between(from, to);
                    if view.statements().next().is_none() {
                        continue;
                    }
                    kept += backbone_of_view(&view, &projection, &options).unwrap().kept;
                }
                black_box(kept)
            })
        });
    }
    let ds = workloads::projection_dataset(1_000, 100_000);
    group.bench_function("sdsm/1000x100000", |b| {
        b.iter(|| {
            black_box(
                backbone_of_view(&ds.view(), &projection, &options)
                    .unwrap()
                    .kept,
            )
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
