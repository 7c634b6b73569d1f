//! The `cosignatory` command-line tool (feature `cli`).

use clap::{Parser, Subcommand};
use cosignatory::io::{ReadOptions, read_dataset_with};
use cosignatory::model::Dataset;
use std::path::PathBuf;
use std::process::ExitCode;

/// Who signs with whom: co-signature graphs, coalitions and alignment.
#[derive(Parser)]
#[command(name = "cosignatory", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Counts, date range, statements per year and top signatories.
    ///
    /// Example: cosignatory summary my-data/
    Summary {
        /// A dataset folder of CSVs or a JSON file; the bundled data when omitted.
        data: Option<PathBuf>,
        /// Skip bad rows (each one is reported on stderr) instead of failing.
        #[arg(long)]
        lenient: bool,
    },
}

fn load(data: Option<&PathBuf>, lenient: bool) -> cosignatory::Result<Dataset> {
    let Some(path) = data else {
        return Ok(cosignatory::datasets::joint_statements());
    };
    let options = if lenient {
        ReadOptions::lenient()
    } else {
        ReadOptions::default()
    };
    let (ds, report) = read_dataset_with(path, &options)?;
    for w in &report.warnings {
        eprintln!("warning: {w}");
    }
    for p in &report.skipped {
        eprintln!("skipped: {p}");
    }
    Ok(ds)
}

fn summary(ds: &Dataset) {
    let Some((first, last)) = ds.date_range() else {
        println!("empty dataset");
        return;
    };
    println!("statements  {}", ds.statements().len());
    println!("signatures  {}", ds.num_signatures());
    println!("actors      {}", ds.actors().len());
    println!("memberships {}", ds.member_spans().len());
    println!("dates       {first} to {last}");
    let mut years = std::collections::BTreeMap::<i32, usize>::new();
    for s in ds.statements() {
        *years.entry(chrono::Datelike::year(&s.date)).or_default() += 1;
    }
    for (y, n) in years {
        println!("  {y} {n}");
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Summary { data, lenient } => load(data.as_ref(), *lenient).map(|ds| summary(&ds)),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
