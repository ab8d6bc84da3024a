//! The command line: clap definitions ([`args`]), and [`run`], which turns arguments into
//! the text to print, the files to write and the exit status, one module per kind of command.
//! Only `main.rs` prints, writes and exits.

mod args;
mod init;
mod inspect;
mod lint;
mod output;
mod products;

pub use args::*;

use crate::engine::ExitStatus;
use clap::{CommandFactory, Parser, Subcommand};
use lint::{check, diff};
use products::{explain, inventory, readiness_report};
use std::io::Read;
use std::path::PathBuf;

/// `gimlint --version`: the release, the commit it was built from (see build.rs) and the
/// version of the option schemas it embeds.
pub static VERSION: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!(
        "{} (commit {}, option schemas {})",
        env!("CARGO_PKG_VERSION"),
        env!("GIMLINT_COMMIT"),
        crate::readiness::SCHEMA_VERSION
    )
});

/// Pre-flight linter for Genesys Info Mart, Interaction Concentrator and WFM 8.5 migrations.
///
/// Reads exported application options (.cfg/.conf/.ini) and reports the configuration
/// states the migration procedure requires, with the exact line and a fix.
#[derive(Debug, Parser)]
#[command(name = "gimlint", version = VERSION.as_str(), max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint option exports (files, or folders walked for *.cfg, *.conf, *.ini)
    Check(CheckArgs),
    /// Compare the exports from before and after the migration, and lint the after ones
    Diff(DiffArgs),
    /// List every option whose value is not its documented default (Prerequisite 3)
    Inventory(InventoryArgs),
    /// Write a readiness report: go / no-go, findings, the procedure as a checklist
    Report(ReportArgs),
    /// Print a shell completion script (e.g. `gimlint completions bash > /etc/bash_completion.d/gimlint`)
    Completions { shell: clap_complete::Shell },
    /// Print the man page (roff), e.g. `gimlint man > gimlint.1`
    Man,
    /// Run the language server on stdio (for editors)
    Lsp,
    /// List the rules: code, name, default severity, fixable, summary
    Rules(RulesArgs),
    /// Write a commented gimlint.toml for the exports of a folder (never over an existing one)
    Init {
        /// The folder of the exports
        #[arg(default_value = ".")]
        folder: PathBuf,
    },
    /// Print a rule's documentation (by code or name), or what gimlint knows of an option
    Explain {
        /// A rule code (GIM001), a rule name (scheduler-running-during-migration), or an
        /// option as section/option (schedule/run-scheduler)
        topic: String,
    },
}

/// What the process environment tells a run.
#[derive(Clone, Debug)]
pub struct Environment {
    /// Standard output is a terminal that shows ANSI colours (a Windows console that refused
    /// them counts as not a terminal).
    pub stdout_is_terminal: bool,
    /// `NO_COLOR` is set to something other than the empty string.
    pub no_color: bool,
    /// Width to wrap human output at.
    pub width: usize,
    pub current_year: i32,
    /// Today, `YYYY-MM-DD`.
    pub today: String,
    /// The time of the run, `YYYY-MM-DDTHH:MM:SSZ`, for `report --timestamp`.
    pub now_utc: String,
    /// `GITHUB_ACTIONS=true`: annotations are the default format.
    pub github_actions: bool,
}

impl Environment {
    pub fn from_process(stdout_is_terminal: bool) -> Self {
        let width = std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.parse().ok())
            .filter(|&w: &usize| w >= 40)
            .unwrap_or(100);
        Environment {
            stdout_is_terminal,
            no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
            width,
            current_year: crate::base::dates::year_of_unix_time(now()),
            today: crate::base::dates::utc_timestamp(now())[..10].to_owned(),
            now_utc: crate::base::dates::utc_timestamp(now()),
            github_actions: std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true"),
        }
    }
}

/// Seconds since the Unix epoch: `SOURCE_DATE_EPOCH` when set (reproducible output), else
/// the clock.
pub(super) fn now() -> i64 {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        })
}

/// What a run prints, writes and how it exits.
#[derive(Debug)]
pub struct Outcome {
    pub stdout: String,
    /// Printed after `stdout`, as it is rendered: a report whose output is never held whole
    /// (the JSON of 50,000 exports is tens of MB).
    pub streamed: Option<Streamed>,
    pub stderr: String,
    pub status: ExitStatus,
    /// Files the user asked for (`report -o`, `--output-file`, `--write-baseline`), written
    /// by `main` before it prints.
    pub files: Vec<(PathBuf, String)>,
}

impl Outcome {
    fn ok(stdout: String) -> Self {
        Outcome {
            stdout,
            streamed: None,
            stderr: String::new(),
            status: ExitStatus::Clean,
            files: Vec::new(),
        }
    }

    /// The message may quote paths and the run's files (a TOML excerpt spans lines): its
    /// control characters but line breaks are shown escaped, and no line starts a workflow
    /// command, as in every output.
    fn usage_error(message: String) -> Self {
        let message = crate::base::escape::Escaped::new(&message, true).text;
        Outcome {
            stdout: String::new(),
            streamed: None,
            stderr: crate::base::escape::no_command_lines(format!("gimlint: error: {message}\n")),
            status: ExitStatus::Error,
            files: Vec::new(),
        }
    }
}

/// Output written as it is rendered, by `main` (or into memory, by tests).
pub struct Streamed(Box<WriteOnce>);

/// Writes once to where it is given.
type WriteOnce = dyn FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>;

impl Streamed {
    pub(super) fn new(
        write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()> + 'static,
    ) -> Self {
        Streamed(Box::new(write))
    }

    pub fn write_to(self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        (self.0)(out)
    }
}

impl std::fmt::Debug for Streamed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Streamed")
    }
}

impl Streamed {
    /// This, then `text`.
    fn then(self, text: String) -> Streamed {
        Streamed::new(move |out| {
            self.write_to(out)?;
            out.write_all(text.as_bytes())
        })
    }
}

impl Outcome {
    /// Adds `text` at the end of what the outcome prints on standard output.
    pub(super) fn print_after(&mut self, text: String) {
        match self.streamed.take() {
            Some(streamed) => self.streamed = Some(streamed.then(text)),
            None => self.stdout.push_str(&text),
        }
    }

    /// Everything the outcome prints on standard output, in memory.
    pub fn stdout_text(&mut self) -> String {
        let mut out = std::mem::take(&mut self.stdout).into_bytes();
        if let Some(streamed) = self.streamed.take() {
            // Writing to memory does not fail.
            let _ = streamed.write_to(&mut out);
        }
        String::from_utf8_lossy(&out).into_owned()
    }
}

/// Runs a parsed command line. `stdin` is read only when a path is `-`, and by `lsp`.
pub fn run(cli: Cli, env: &Environment, stdin: &mut dyn Read) -> Outcome {
    match cli.command {
        Command::Check(args) => check(&args, env, stdin),
        Command::Diff(args) => diff(&args, env),
        Command::Inventory(args) => inventory(&args, env),
        Command::Report(args) => readiness_report(&args, env),
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "gimlint", &mut script);
            Outcome::ok(String::from_utf8_lossy(&script).into_owned())
        }
        Command::Lsp => Outcome {
            status: crate::lsp::serve(&env.today, stdin),
            ..Outcome::ok(String::new())
        },
        Command::Man => {
            let mut page = Vec::new();
            match clap_mangen::Man::new(Cli::command()).render(&mut page) {
                Ok(()) => Outcome::ok(String::from_utf8_lossy(&page).into_owned()),
                Err(error) => Outcome::usage_error(format!("cannot render the man page: {error}")),
            }
        }
        Command::Rules(args) => products::rules(&args),
        Command::Explain { topic } => explain(&topic),
        Command::Init { folder } => init::init(&folder, env),
    }
}
