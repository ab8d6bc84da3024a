//! The `gimlint` binary: parse the command line, run it, print, exit.

use clap::Parser;
use gimlint::cli::{run, Cli, Environment};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let env = Environment::from_process(std::io::stdout().is_terminal());
    let outcome = run(cli, &env, &mut std::io::stdin().lock());
    // A closed pipe (`gimlint check | head`) is not an error worth a panic.
    let _ = std::io::stdout().write_all(outcome.stdout.as_bytes());
    let _ = std::io::stderr().write_all(outcome.stderr.as_bytes());
    ExitCode::from(outcome.status as u8)
}
