//! The readers' floors (issue 19 item 1): the csv crate's raw record loop over the same bytes,
//! nothing parsed or kept, and the data the readers are measured on. Shared by the criterion
//! benches (`ingest`, `alignment`) and `floor_ratio`.

// Each bench uses part of this.
#![allow(dead_code)]

use cosignatory::io::write_csv_folder;
use cosignatory::synth::{PlantedOptions, planted};
use std::path::Path;

/// The ingest folder: 125,000 statements × 8 signatories on average ≈ 1M signatures, 2,000
/// actors, written by `write_csv_folder`. Returns the folder and its size in bytes.
pub fn ingest_folder() -> (tempfile::TempDir, u64) {
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
    (dir, bytes)
}

/// The tables of a dataset folder read as byte records: fields counted.
pub fn csv_folder_records(dir: &Path) -> usize {
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

/// The bundled UN tables decompressed and read as byte records (the csv crate's loop, the
/// loader's buffer size): fields counted.
#[cfg(feature = "un-votes")]
pub fn un_records() -> usize {
    let files: [&[u8]; 3] = [
        include_bytes!("../../data/unvotes/unvotes.csv.gz"),
        include_bytes!("../../data/unvotes/roll_calls.csv.gz"),
        include_bytes!("../../data/unvotes/issues.csv.gz"),
    ];
    let mut fields = 0;
    for gz in files {
        let mut rdr = csv::ReaderBuilder::new()
            .buffer_capacity(1 << 16)
            .from_reader(flate2::read::GzDecoder::new(gz));
        let mut rec = csv::ByteRecord::new();
        while rdr.read_byte_record(&mut rec).expect("bundled data") {
            fields += rec.len();
        }
    }
    fields
}
