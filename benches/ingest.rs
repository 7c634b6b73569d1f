//! Ingest: a CSV folder of about 1M signatures → Dataset, against the csv crate's raw record
//! parsing of the same files (the floor any CSV reader pays), measured in one run.
//! Run: `cargo bench --bench ingest`. Throughput is reported in bytes/s by criterion.

#[path = "common/floors.rs"]
mod floors;

use cosignatory::io::read_csv_folder;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let (dir, bytes) = floors::ingest_folder();
    let mut group = c.benchmark_group("ingest");
    group.sample_size(10).throughput(Throughput::Bytes(bytes));
    group.bench_function("read_csv_folder (validated Dataset)", |b| {
        b.iter(|| black_box(read_csv_folder(dir.path()).expect("valid")))
    });
    group.bench_function("csv crate raw records (no validation)", |b| {
        b.iter(|| black_box(floors::csv_folder_records(dir.path())))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
