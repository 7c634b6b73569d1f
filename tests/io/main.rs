//! Reading and writing data: located errors, messy input, round trips, the UN importer, the
//! error catalogue, the bundled data and the fuzzing corpus.

mod bundled_data;
mod csv_lines;
mod error_catalogue;
mod errors;
mod fuzz_regressions;
mod json_parity;
mod messy_input;
mod roundtrip;
mod self_reference;
#[cfg(feature = "un-votes")]
mod unvotes;
mod unvotes_io;
