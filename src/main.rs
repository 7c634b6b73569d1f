//! The `cosignatory` command-line tool (feature `cli`). Everything it does is in `cli/`, on
//! top of the library's public API.

mod cli;

fn main() -> std::process::ExitCode {
    cli::run()
}
