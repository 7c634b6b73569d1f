//! Reading and writing datasets: a folder of CSVs, or one JSON document.
//!
//! # The CSV folder
//!
//! | file | required columns | optional columns |
//! |---|---|---|
//! | `statements.csv` | `id`, `date` (YYYY-MM-DD) | `title`, `kind` (default `joint_statement`), `source`, `topics` (`;`-separated), `opposes` (id of the statement this one answers), `attr.NAME` (kept as attributes) |
//! | `signatures.csv` | `statement`, `actor` | `position` (yes, no, abstain, absent; default yes), `role`, `date` (a late signatory's joining day) |
//! | `actors.csv` (optional file) | `id` | `name`, `kind` (country, bloc, organization, person) |
//! | `memberships.csv` (optional file) | `bloc`, `member`, `from` | `to` (last day, inclusive; empty = ongoing) |
//!
//! Column order is free; a header row is required; unknown columns are ignored with a
//! [`Warning`](crate::Warning). Fields are trimmed; a UTF-8 byte-order mark is accepted.
//! Quoting is RFC 4180 (`"a, b"`, `""` for a quote inside); blank lines are skipped; every
//! problem names the physical line (header = 1) whatever the line endings.
//! Without `actors.csv`, actors are inferred from the references (see
//! [`DatasetBuilder`](crate::model::DatasetBuilder)).

mod atomic;
mod csv_folder;
mod edge_list;
mod json;
mod table;
pub mod unvotes;
mod write;

pub use atomic::write_atomically;
pub use csv_folder::{CsvTables, read_csv_folder, read_csv_folder_with, read_memberships_csv};
pub use edge_list::{EdgeList, read_edge_list};
pub use json::{from_json_str, read_json_with, to_json_string, write_json};
// The UN importer's names live in `io::unvotes`; these flat paths are kept for
// compatibility and hidden from the documentation.
#[doc(hidden)]
pub use unvotes::{
    COW_CODES, CountryCode, CowCode, UN_BLOC, UN_COUNTRY_CODES, UnMembership, UnVotesOptions,
    UnVotesTables, VoteCoding, cow_country_id, read_unvotes_dir, read_unvotes_dir_with,
    read_voeten_csv, roll_call_id, un_country_id,
};
pub use write::{to_csv_tables, write_csv_folder};

use crate::error::{Error, LoadReport, Result};
use crate::model::{Dataset, Strictness};
use std::path::Path;

/// Options for reading a dataset.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct ReadOptions {
    /// Strict (default: any problem fails the load) or lenient (bad rows are skipped and reported).
    pub strictness: Strictness,
}

impl ReadOptions {
    /// Lenient reading: keep the good rows, report every skipped one.
    pub fn lenient() -> Self {
        ReadOptions {
            strictness: Strictness::Lenient,
        }
    }
}

/// Reads a dataset from a folder of CSVs or a `.json` file, in strict mode.
///
/// # Errors
/// See [`read_csv_folder_with`] and [`read_json_with`].
pub fn read_dataset(path: impl AsRef<Path>) -> Result<Dataset> {
    read_dataset_with(path, &ReadOptions::default()).map(|(ds, _)| ds)
}

/// Reads a dataset from a folder of CSVs or a `.json` file.
///
/// # Errors
/// See [`read_csv_folder_with`] and [`read_json_with`].
pub fn read_dataset_with(
    path: impl AsRef<Path>,
    options: &ReadOptions,
) -> Result<(Dataset, LoadReport)> {
    let path = path.as_ref();
    if !path.exists() {
        return Err(Error::Io {
            path: path.to_path_buf(),
            source: std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "no such dataset: expected a folder of CSV files or a JSON file",
            ),
        });
    }
    if path.is_dir() {
        read_csv_folder_with(path, options)
    } else {
        read_json_with(path, options)
    }
}
