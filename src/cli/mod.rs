//! The `cosignatory` command line: argument parsing and one module per command, each a thin
//! layer that builds a view, calls the library and renders the result.

mod align;
mod args;
mod cluster;
mod cohesion;
mod common;
mod edges;
mod error;
mod graph;
mod ideal;
mod output;
mod plot;
mod report;
mod summary;
mod timeline;

use args::{Cli, Command};
use clap::Parser;
use std::process::ExitCode;

/// Parses the arguments, runs the command and turns its error into a message and exit code.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    if let Some(n) = cli.threads {
        // Before any parallel work, so the global pool has exactly this many threads.
        if let Err(e) = rayon::ThreadPoolBuilder::new()
            .num_threads(usize::from(n))
            .build_global()
        {
            eprintln!("error: cannot start {n} threads: {e}");
            return ExitCode::from(1);
        }
    }
    let result = match cli.command {
        Command::Summary(a) => summary::run(&a),
        Command::Graph(a) => graph::run(&a),
        Command::Cluster(a) => cluster::run(&a),
        Command::Align(a) => align::run(&a),
        Command::Ideal(a) => ideal::run(&a),
        Command::Cohesion(a) => cohesion::run(&a),
        Command::Timeline(a) => timeline::run(&a),
        Command::Plot(p) => plot::run(&p),
        Command::Report(a) => report::run(&a),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}
