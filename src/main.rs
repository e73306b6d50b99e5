use std::process::ExitCode;

use clap::Parser;
use strata::cli::{self, Cli, Outcome};

fn main() -> ExitCode {
    match cli::run(Cli::parse()) {
        Outcome::Exit(code) => code,
        Outcome::Gui(path) => match strata::app::run(path) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("strata: cannot open the window: {error}");
                eprintln!("strata: the command line still works: see `strata --help`");
                ExitCode::from(2)
            }
        },
    }
}
