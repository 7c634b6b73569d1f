//! Real data bundled with the crate (no file system needed).

use crate::io::{CsvTables, ReadOptions};
use crate::model::Dataset;

const STATEMENTS: &str = include_str!("../data/statements.csv");
const SIGNATURES: &str = include_str!("../data/signatures.csv");
const ACTORS: &str = include_str!("../data/actors.csv");
const MEMBERSHIPS: &str = include_str!("../data/memberships.csv");

/// The curated joint statements 2014–2025: real statements, letters and declarations with
/// their signatories as published, the actors (countries by ISO 3166-1 alpha-3, blocs) and bloc
/// memberships over time. `data/SOURCES.md` gives the source and completeness of every list.
///
/// ```
/// let ds = cosignatory::datasets::joint_statements();
/// assert!(ds.statement_by_id("2024-11-05-dprk-troops-russia").is_some());
/// ```
pub fn joint_statements() -> Dataset {
    let tables = CsvTables::new(
        ("data/statements.csv", STATEMENTS.as_bytes()),
        ("data/signatures.csv", SIGNATURES.as_bytes()),
    )
    .with_actors("data/actors.csv", ACTORS.as_bytes())
    .with_memberships("data/memberships.csv", MEMBERSHIPS.as_bytes());
    // The bundled files are checked by the test suite, so failing here is a build defect.
    tables
        .read(&ReadOptions::default())
        .expect("bundled joint-statements data is valid")
        .0
}
