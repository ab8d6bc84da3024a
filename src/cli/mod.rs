//! The command line: clap definitions ([`args`]), and [`run`], which turns arguments into
//! the text to print, the files to write and the exit status, one module per kind of command.
//! Only `main.rs` prints, writes and exits.

mod args;
mod init;
mod inspect;
mod lint;
mod man;
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
    /// `NO_COLOR` is set to something other than the empty string, or `TERM=dumb` (a
    /// terminal that shows escape codes as text).
    pub no_color: bool,
    /// The terminal shows OSC 8 hyperlinks (see the `supports-hyperlinks` crate; forced
    /// with `FORCE_HYPERLINK`).
    pub hyperlinks: bool,
    /// The locale says its characters are not UTF-8 (`LC_ALL=C`, `LANG=en_US.ISO-8859-1`):
    /// boxes are drawn in ASCII.
    pub ascii_only: bool,
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

/// The width to wrap at when neither `COLUMNS` nor the terminal says: what terminals open
/// with.
pub const DEFAULT_WIDTH: usize = 80;

/// Narrower than this, excerpts and their labels cannot be drawn: wrapped at this width.
const NARROWEST: usize = 40;

impl Environment {
    pub fn from_process(stdout_is_terminal: bool) -> Self {
        let terminal_width = || {
            let (terminal_size::Width(columns), _) =
                terminal_size::terminal_size_of(std::io::stdout())?;
            stdout_is_terminal.then_some(usize::from(columns))
        };
        let mut env = Environment::from_variables(
            stdout_is_terminal,
            |name| std::env::var(name).ok(),
            terminal_width,
        );
        // Links where the terminal is known to show them, or where `FORCE_HYPERLINK` says
        // so (for `--color always` through a pager).
        env.hyperlinks = (stdout_is_terminal || std::env::var_os("FORCE_HYPERLINK").is_some())
            && supports_hyperlinks::supports_hyperlinks();
        env
    }

    /// The environment that the variables `variable` reads describe, with the terminal's
    /// width from `terminal_width` when `COLUMNS` does not say it; no hyperlinks.
    pub fn from_variables(
        stdout_is_terminal: bool,
        variable: impl Fn(&str) -> Option<String>,
        terminal_width: impl FnOnce() -> Option<usize>,
    ) -> Self {
        let variable = |name: &str| variable(name).filter(|v| !v.is_empty());
        // `COLUMNS` first, as shells export it and users set it for one command; then the
        // terminal's own size.
        let width = variable("COLUMNS")
            .and_then(|c| c.trim().parse::<usize>().ok())
            .or_else(terminal_width)
            .unwrap_or(DEFAULT_WIDTH)
            .max(NARROWEST);
        // The first of these that is set names the locale of characters, as in C's
        // setlocale. None set is taken as UTF-8 (Windows sets none, and CI runners rarely do).
        let locale = ["LC_ALL", "LC_CTYPE", "LANG"]
            .iter()
            .find_map(|name| variable(name));
        let now = now_from(variable("SOURCE_DATE_EPOCH"));
        Environment {
            stdout_is_terminal,
            no_color: variable("NO_COLOR").is_some()
                || variable("TERM").is_some_and(|term| term == "dumb"),
            hyperlinks: false,
            ascii_only: locale.is_some_and(|locale| !is_utf8_locale(&locale)),
            width,
            current_year: crate::base::dates::year_of_unix_time(now),
            today: crate::base::dates::utc_timestamp(now)[..10].to_owned(),
            now_utc: crate::base::dates::utc_timestamp(now),
            github_actions: variable("GITHUB_ACTIONS").is_some_and(|v| v == "true"),
        }
    }
}

/// `en_US.UTF-8`, `C.utf8`, `de_DE.UTF-8@euro`: a locale whose characters are UTF-8.
fn is_utf8_locale(locale: &str) -> bool {
    let charset = locale.split_once('.').map_or("", |(_, rest)| rest);
    let charset = charset.split('@').next().unwrap_or("").to_ascii_lowercase();
    charset == "utf-8" || charset == "utf8"
}

/// Seconds since the Unix epoch: `SOURCE_DATE_EPOCH` when set (reproducible output), else
/// the clock.
fn now_from(source_date_epoch: Option<String>) -> i64 {
    source_date_epoch
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
    /// A file created only if nothing has its name, written by `main` (`gimlint init`).
    pub created: Option<NewFile>,
}

/// A file `main` creates, never over another, and what it says once the file is written.
#[derive(Debug)]
pub struct NewFile {
    pub path: PathBuf,
    pub text: String,
    pub written: String,
}

impl Outcome {
    fn ok(stdout: String) -> Self {
        Outcome {
            stdout,
            streamed: None,
            stderr: String::new(),
            status: ExitStatus::Clean,
            files: Vec::new(),
            created: None,
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
            created: None,
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
        Command::Man => match man::page(Cli::command()) {
            Ok(page) => Outcome::ok(page),
            Err(error) => Outcome::usage_error(format!("cannot render the man page: {error}")),
        },
        Command::Rules(args) => products::rules(&args),
        Command::Explain { topic } => explain(&topic),
        Command::Init { folder } => init::init(&folder, env),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of(variables: &[(&str, &str)], terminal_width: Option<usize>) -> Environment {
        let variable = |name: &str| {
            variables
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, value)| (*value).to_owned())
        };
        Environment::from_variables(true, variable, || terminal_width)
    }

    #[test]
    fn a_dumb_terminal_or_no_color_gets_no_colour() {
        assert!(!env_of(&[("TERM", "xterm-256color")], None).no_color);
        assert!(env_of(&[("TERM", "dumb")], None).no_color);
        assert!(env_of(&[("NO_COLOR", "1")], None).no_color);
        assert!(!env_of(&[("NO_COLOR", "")], None).no_color);
    }

    #[test]
    fn a_locale_that_is_not_utf8_gets_ascii_boxes() {
        let ascii = |variables: &[(&str, &str)]| env_of(variables, None).ascii_only;
        assert!(ascii(&[("LC_ALL", "C")]));
        assert!(ascii(&[("LANG", "POSIX")]));
        assert!(ascii(&[("LC_CTYPE", "de_DE.ISO-8859-1@euro")]));
        // LC_ALL wins over LANG, as in setlocale.
        assert!(ascii(&[("LC_ALL", "C"), ("LANG", "en_US.UTF-8")]));
        assert!(!ascii(&[("LC_ALL", "C.UTF-8")]));
        assert!(!ascii(&[("LANG", "en_US.utf8")]));
        assert!(!ascii(&[("LC_ALL", ""), ("LANG", "fr_FR.UTF-8@euro")]));
        assert!(!ascii(&[]), "no locale set: UTF-8, as on Windows");
    }

    #[test]
    fn the_width_is_columns_then_the_terminal_then_80() {
        assert_eq!(env_of(&[("COLUMNS", "132")], Some(100)).width, 132);
        assert_eq!(env_of(&[], Some(100)).width, 100);
        assert_eq!(env_of(&[("COLUMNS", "wide")], None).width, DEFAULT_WIDTH);
        assert_eq!(env_of(&[], None).width, 80);
        assert_eq!(env_of(&[("COLUMNS", "10")], None).width, NARROWEST);
    }
}
