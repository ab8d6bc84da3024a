//! The flags of each command, as clap reads them, and the settings they ask for.

use crate::base::release::Release;
use crate::base::{Phase, Severity};
use crate::engine::settings::{self, Requested};
use crate::report::Format;
use crate::settings::Settings;
use clap::{Args, ValueEnum};
use std::path::{Path, PathBuf};

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or folders to lint; `-` reads standard input
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,

    /// Where you stand in the migration procedure [default: pre-migration, or gimlint.toml's]
    #[arg(long, value_enum)]
    pub phase: Option<Phase>,

    /// The path of the input read from `-`: shown in output, and used like a real path (XML
    /// or option export by its extension; gimlint.toml looked for from its folder)
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<String>,

    /// Apply the safe fixes of the findings to the files (atomically; encoding, BOM and line
    /// endings kept), then report what remains
    #[arg(long, help_heading = "Fix")]
    pub fix: bool,

    /// Count suggested fixes as fixable (`[*]`), and apply them too with --fix or --diff
    /// (they need a person's review)
    #[arg(long, help_heading = "Fix")]
    pub unsafe_fixes: bool,

    /// Print the fixes as a unified diff and write nothing
    #[arg(long, conflicts_with = "fix", help_heading = "Fix")]
    pub diff: bool,

    /// Record today's findings in FILE (keyed by file, section, option and rule, not line)
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,

    /// Report only the findings that FILE (from --write-baseline) does not record
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    pub baseline: Option<PathBuf>,

    #[command(flatten)]
    pub inspect: InspectArgs,

    #[command(flatten)]
    pub lint: LintArgs,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The exports from before the migration: a file, or a folder
    pub before: PathBuf,

    /// The exports from after the migration: a file, or a folder (linted as post-migration)
    pub after: PathBuf,

    #[command(flatten)]
    pub lint: LintArgs,
}

#[derive(Debug, Args)]
pub struct InventoryArgs {
    /// Files or folders of option exports
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,

    /// Output format
    #[arg(long, value_enum, default_value_t = InventoryFormat::Markdown)]
    pub format: InventoryFormat,

    /// The topology file, for kinds gimlint cannot infer (default: the nearest gimlint.toml)
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum InventoryFormat {
    Markdown,
    Json,
}

/// Flags shared by `check` and `diff`.
#[derive(Debug, Args)]
pub struct LintArgs {
    /// Exit with 1 when a finding has at least this severity [default: warning, or
    /// gimlint.toml's]
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub fail_on: Option<Severity>,

    #[command(flatten)]
    pub rules: RuleArgs,

    /// Last: its heading would otherwise carry over to the flags after it.
    #[command(flatten)]
    pub output: OutputArgs,
}

/// What a run shows and how it exits, named as ruff names them (`--output-format`,
/// `--exit-zero`, `--statistics`, `-q`, `-s`).
#[derive(Debug, Args)]
#[command(next_help_heading = "Output")]
pub struct OutputArgs {
    /// Output format [default: human; github under GitHub Actions]
    #[arg(long, value_enum, value_name = "FORMAT", alias = "format")]
    pub output_format: Option<Format>,

    /// Write the report to FILE (the terminal gets the human format)
    ///
    /// A format name (`--output-file json`) is refused as a likely `--output-format`
    /// typo: name the file as a path (`./json`) to write it.
    #[arg(long, value_name = "FILE")]
    pub output_file: Option<PathBuf>,

    /// When to use colours [NO_COLOR and TERM=dumb mean never for auto]
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Exit with 0 even with findings (2 still means an operational error)
    #[arg(long)]
    pub exit_zero: bool,

    /// Count the findings by rule instead of showing them
    ///
    /// A table of count, code, `[*]` when `--fix` fixes some, and rule name; a JSON array
    /// with `--output-format json`.
    #[arg(long)]
    pub statistics: bool,

    /// Hide findings below SEVERITY: they fail nothing [default: info]
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub min_severity: Option<Severity>,

    /// Show each rule's documentation URL in its findings' headers
    ///
    /// On a terminal that shows OSC 8 links (with colours), the codes link to them already.
    #[arg(long)]
    pub show_urls: bool,

    /// Show the findings only: no summary, notes or fix counts
    #[arg(short, long, conflicts_with = "silent")]
    pub quiet: bool,

    /// Show nothing but operational errors: the exit status tells the rest
    #[arg(short, long)]
    pub silent: bool,
}

/// What the rules check against: shared by `check`, `diff` and `report`.
#[derive(Debug, Args)]
pub struct RuleArgs {
    /// Genesys Info Mart release being deployed, e.g. 8.5.014.09 [default: the newest gimlint
    /// knows, or gimlint.toml's]
    #[arg(long, value_name = "RELEASE", value_parser = parse_release)]
    pub target_release: Option<Release>,

    /// Rules to run: codes, code prefixes or names, comma-separated (default: all)
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Vec<String>,

    /// Rules to run besides those of --select (or gimlint.toml's `select`): codes, code
    /// prefixes or names, comma-separated
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub extend_select: Vec<String>,

    /// Rules not to run: codes, code prefixes or names, comma-separated
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,

    /// The attached-data specification of the GIM installation package
    /// (ccon_adata_spec_GIM_example.xml): keys it maps that the linted specs lack are reported
    #[arg(long, value_name = "FILE")]
    pub adata_reference: Option<PathBuf>,

    /// The topology file (default: the nearest gimlint.toml above the first path)
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Ignore every suppression: inline `; gimlint: ignore` comments and gimlint.toml's
    /// `[[suppress]]` entries (policy mode)
    #[arg(long)]
    pub no_suppressions: bool,

    /// Files larger than this are not read, but reported (exit code 2) [default: 64, or
    /// gimlint.toml's]
    #[arg(long, value_name = "MB", value_parser = clap::value_parser!(u64).range(1..=4096))]
    pub max_file_size: Option<u64>,

    /// What walking a folder leaves out: gitignore-style globs relative to the current
    /// folder, comma-separated; replaces gimlint.toml's `exclude` and the defaults (.git,
    /// .hg, .svn, .venv, venv, node_modules, target, build, dist)
    #[arg(long, value_delimiter = ',', value_name = "GLOBS")]
    pub exclude: Option<Vec<String>>,

    /// Globs left out besides `exclude` (or the defaults), relative to the current folder,
    /// comma-separated
    #[arg(long, value_delimiter = ',', value_name = "GLOBS")]
    pub extend_exclude: Vec<String>,

    /// Leave out a file or folder named on the command line when exclude, extend-exclude or
    /// git would leave it out of a walk (for pre-commit hooks, which name every file)
    #[arg(long)]
    pub force_exclude: bool,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Files or folders to assess
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,

    /// Where you stand in the migration procedure: which checklist the report shows
    /// [default: pre-migration, or gimlint.toml's]
    #[arg(long, value_enum)]
    pub phase: Option<Phase>,

    /// Report format
    #[arg(long, value_enum, default_value_t = ReportFormat::Html)]
    pub format: ReportFormat,

    /// Write the report to this file (default: standard output)
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Put the time of the run in the report (otherwise the same inputs give the same bytes)
    #[arg(long)]
    pub timestamp: bool,

    /// An application with a finding at least this severe is NO-GO, and the exit status 1,
    /// as with `check` [default: warning, or gimlint.toml's]
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub fail_on: Option<Severity>,

    #[command(flatten)]
    pub rules: RuleArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Html,
    Markdown,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

// Issue 19 (selection and settings): `rules`' flags, `check --show-settings`/`--show-files`,
// `init`.

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Only the rules these stand for: codes, code prefixes or names (`GIM`, `SEC001`)
    #[arg(value_name = "RULE")]
    pub selectors: Vec<String>,

    /// Output format (`--output-format` too, ruff's name)
    #[arg(long, alias = "output-format", value_enum, default_value_t = RulesFormat::Text)]
    pub format: RulesFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    /// A table: code, name, default severity, fixable, summary
    Text,
    /// An array of {code, name, severity, summary, fixable, url}
    Json,
}

/// What a `check` would use and read, shown instead of linting.
#[derive(Debug, Args)]
pub struct InspectArgs {
    /// Print the settings the run resolved (gimlint.toml used, phase, rules and their
    /// severities, excludes) and exit
    #[arg(long, conflicts_with_all = ["show_files", "fix", "diff"])]
    pub show_settings: bool,

    /// Print the files the run would lint, after the excludes, one a line, and exit
    #[arg(long, conflicts_with_all = ["fix", "diff"])]
    pub show_files: bool,
}

fn parse_release(text: &str) -> Result<Release, String> {
    text.parse()
}

impl RuleArgs {
    /// What these flags ask for, with `--phase` and `--fail-on` of the command that has them.
    pub fn requested(&self, phase: Option<Phase>, fail_on: Option<Severity>) -> Requested {
        Requested {
            phase,
            fail_on,
            target_release: self.target_release.clone(),
            select: self.select.clone(),
            extend_select: self.extend_select.clone(),
            ignore: self.ignore.clone(),
            adata_reference: self.adata_reference.clone(),
            config: self.config.clone(),
            no_suppressions: self.no_suppressions,
            max_file_size: self.max_file_size,
            exclude: self.exclude.clone(),
            extend_exclude: self.extend_exclude.clone(),
            force_exclude: self.force_exclude,
        }
    }
}

/// Resolves the flags with gimlint.toml into settings (see [`settings::resolve`]).
pub fn settings(
    args: &RuleArgs,
    phase: Option<Phase>,
    fail_on: Option<Severity>,
    today: &str,
    start: Option<&Path>,
) -> Result<Settings, String> {
    settings::resolve(&args.requested(phase, fail_on), today, start)
}
