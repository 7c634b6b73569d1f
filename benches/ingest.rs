//! Ingest: a CSV folder of about 1M signatures → Dataset, against the csv crate's raw record
//! parsing of the same files (the floor any CSV reader pays), measured in one run.
//! Run: `cargo bench --bench ingest`. Throughput is reported in bytes/s by criterion.

use cosignatory::io::{read_csv_folder, write_csv_folder};
use cosignatory::synth::{PlantedOptions, planted};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;

fn raw_records(dir: &Path) -> usize {
    let mut n = 0;
    for f in [
        "statements.csv",
        "signatures.csv",
        "actors.csv",
        "memberships.csv",
    ] {
        let mut rdr = csv::ReaderBuilder::new()
            .from_path(dir.join(f))
            .expect("file written above");
        let mut rec = csv::ByteRecord::new();
        while rdr.read_byte_record(&mut rec).expect("valid csv") {
            n += rec.len();
        }
    }
    n
}

fn bench(c: &mut Criterion) {
    // 125,000 statements × 8 signatories on average ≈ 1M signatures.
    let ds = planted(&PlantedOptions {
        actors: 2_000,
        coalitions: 20,
        statements: 125_000,
        mean_size: 8.0,
        seed: 9,
        ..Default::default()
    })
    .expect("valid options")
    .dataset;
    let dir = tempfile::tempdir().expect("temporary directory");
    write_csv_folder(&ds, dir.path()).expect("writable");
    let bytes: u64 = std::fs::read_dir(dir.path())
        .expect("listable")
        .map(|e| e.expect("entry").metadata().expect("metadata").len())
        .sum();
    println!(
        "{} signatures, {:.1} MB of CSV",
        ds.num_signatures(),
        bytes as f64 / 1e6
    );
    let mut group = c.benchmark_group("ingest");
    group.sample_size(10).throughput(Throughput::Bytes(bytes));
    group.bench_function("read_csv_folder (validated Dataset)", |b| {
        b.iter(|| black_box(read_csv_folder(dir.path()).expect("valid")))
    });
    group.bench_function("csv crate raw records (no validation)", |b| {
        b.iter(|| black_box(raw_records(dir.path())))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
