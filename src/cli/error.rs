//! The CLI's error: a message and whether it is the user's invocation or the data at fault,
//! which decides the exit code (2 for usage, as clap does; 1 for data).

use std::fmt;
use std::path::Path;

#[derive(Debug)]
pub enum CliError {
    /// The arguments do not fit together (found after clap's own checks).
    Usage(String),
    /// The data, a file, or a computation on them failed.
    Data(String),
}

impl CliError {
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Usage(_) => 2,
            CliError::Data(_) => 1,
        }
    }

    pub fn usage(message: impl Into<String>) -> Self {
        CliError::Usage(message.into())
    }

    pub fn data(message: impl Into<String>) -> Self {
        CliError::Data(message.into())
    }

    /// An I/O failure on a path, with the path in the message.
    pub fn io(path: &Path, e: &std::io::Error) -> Self {
        CliError::Data(format!("{}: {e}", path.display()))
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::Usage(m) | CliError::Data(m) => f.write_str(m),
        }
    }
}

impl From<cosignatory::Error> for CliError {
    fn from(e: cosignatory::Error) -> Self {
        match e {
            // `--window`/`--step` (or `--from`/`--to`) can fix it: a usage error, exit 2.
            cosignatory::Error::TooManyWindows { .. } => {
                CliError::Usage(format!("{e} (--window, --step, --from, --to)"))
            }
            e => CliError::Data(e.to_string()),
        }
    }
}

impl From<cosignatory::cluster::ClusterError> for CliError {
    fn from(e: cosignatory::cluster::ClusterError) -> Self {
        CliError::Data(e.to_string())
    }
}

impl From<cosignatory::align::AlignError> for CliError {
    fn from(e: cosignatory::align::AlignError) -> Self {
        CliError::Data(e.to_string())
    }
}

pub type CliResult<T> = Result<T, CliError>;
