//! The `gimlint` binary: parse the command line, run it, print, exit.

use clap::Parser;
use gimlint::cli::{run, Cli, Environment};
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

/// Writes `bytes` to a temporary file beside `path`, then renames it over `path`: a reader
/// never sees half a file.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = path
        .file_name()
        .ok_or_else(|| std::io::Error::other("not a file path"))?;
    let mut temporary_name = std::ffi::OsString::from(".");
    temporary_name.push(name);
    temporary_name.push(".gimlint-tmp");
    let temporary = path.with_file_name(temporary_name);
    std::fs::write(&temporary, bytes)?;
    std::fs::rename(&temporary, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&temporary);
    })
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let env = Environment::from_process(std::io::stdout().is_terminal());
    let mut outcome = run(cli, &env, &mut std::io::stdin().lock());
    if let Some((path, text)) = &outcome.file {
        if let Err(error) = write_atomically(path, text.as_bytes()) {
            outcome.stdout.clear();
            outcome.stderr.push_str(&format!(
                "gimlint: error: cannot write {}: {error}\n",
                path.display()
            ));
            outcome.status = gimlint::ExitStatus::Error;
        }
    }
    // A closed pipe (`gimlint check | head`) is not an error worth a panic.
    let _ = std::io::stdout().write_all(outcome.stdout.as_bytes());
    let _ = std::io::stderr().write_all(outcome.stderr.as_bytes());
    ExitCode::from(outcome.status as u8)
}
