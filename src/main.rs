//! The `gimlint` binary: parse the command line, run it, print, exit.

use clap::Parser;
use gimlint::base::escape::displayable;
use gimlint::cli::{run, Cli, Environment};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    // A Windows console shows ANSI colours only once virtual terminal processing is on; one
    // that refuses it (before Windows 10) is treated like a pipe and gets no escape codes.
    // Elsewhere `enable_ansi_colors` has nothing to do and says `None`.
    let colour_terminal = std::io::stdout().is_terminal()
        && anstyle_query::windows::enable_ansi_colors().unwrap_or(true);
    let env = Environment::from_process(colour_terminal);
    let mut outcome = run(cli, &env, &mut std::io::stdin());
    for (path, text) in std::mem::take(&mut outcome.files) {
        if let Err(error) = gimlint::fix::write_output(&path, text.as_bytes()) {
            outcome.stdout.clear();
            outcome.streamed = None;
            outcome.stderr.push_str(&format!(
                "gimlint: error: cannot write {}: {error}\n",
                displayable(&path.to_string_lossy())
            ));
            outcome.status = gimlint::ExitStatus::Error;
        }
    }
    if let Some(new) = outcome.created.take() {
        match gimlint::fix::create_whole(&new.path, new.text.as_bytes()) {
            Ok(()) => outcome.stderr.push_str(&new.written),
            Err(error) => {
                outcome.stderr.push_str(&format!(
                    "gimlint: error: cannot create {}: {error}\n",
                    displayable(&new.path.to_string_lossy())
                ));
                outcome.status = gimlint::ExitStatus::Error;
            }
        }
    }
    // A closed pipe (`gimlint check | head`) is not an error worth a panic.
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    let _ = stdout.write_all(outcome.stdout.as_bytes());
    if let Some(streamed) = outcome.streamed.take() {
        let _ = streamed.write_to(&mut stdout);
    }
    let _ = stdout.flush();
    drop(stdout);
    let _ = std::io::stderr().write_all(outcome.stderr.as_bytes());
    ExitCode::from(outcome.status as u8)
}
