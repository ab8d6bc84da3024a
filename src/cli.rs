//! The command line: clap definitions, and [`run`], which turns arguments into the text to
//! print and the exit status. Only `main.rs` prints and exits.

use crate::base::escape::displayable;
use crate::base::release::Release;
use crate::base::Phase;
use crate::base::Severity;
use crate::config;
use crate::docs;
use crate::engine::settings::{self, Requested};
use crate::engine::{lint, ExitStatus, Input, OperationalError, Report};
use crate::fix;
use crate::report::{self, human::HumanOptions, Format};
use crate::rules::{self, selection};
use crate::schema;
use crate::settings::Settings;
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use std::io::Read;
use std::path::Path;
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
    /// List every rule: code, name, default severity, fixable, summary
    Rules,
    /// Print a rule's documentation (by code or name), or what gimlint knows of an option
    Explain {
        /// A rule code (GIM001), a rule name (scheduler-running-during-migration), or an
        /// option as section/option (schedule/run-scheduler)
        topic: String,
    },
}

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
    #[arg(long)]
    pub fix: bool,

    /// With --fix or --diff: apply suggested fixes too (they need a person's review)
    #[arg(long)]
    pub unsafe_fixes: bool,

    /// Print the fixes as a unified diff and write nothing
    #[arg(long, conflicts_with = "fix")]
    pub diff: bool,

    /// Record today's findings in FILE (keyed by file, section, option and rule, not line)
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,

    /// Report only the findings that FILE (from --write-baseline) does not record
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    pub baseline: Option<PathBuf>,

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
    /// Output format (default: human, or github under GitHub Actions)
    #[arg(long, value_enum)]
    pub format: Option<Format>,

    /// Write the chosen format to this file, and the human format to the terminal
    #[arg(long, value_name = "FILE")]
    pub output_file: Option<PathBuf>,

    /// Exit with 1 when a finding has at least this severity [default: warning, or
    /// gimlint.toml's]
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub fail_on: Option<Severity>,

    /// When to use colours (NO_COLOR turns them off for `auto`)
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    #[command(flatten)]
    pub rules: RuleArgs,
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

    /// Ignore every inline `; gimlint: ignore` comment (policy mode)
    #[arg(long)]
    pub no_suppressions: bool,

    /// Files larger than this are not read, but reported (exit code 2) [default: 64, or
    /// gimlint.toml's]
    #[arg(long, value_name = "MB", value_parser = clap::value_parser!(u64).range(1..=4096))]
    pub max_file_size: Option<u64>,
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

fn parse_release(text: &str) -> Result<Release, String> {
    text.parse()
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
fn now() -> i64 {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        })
}

impl RuleArgs {
    /// What these flags ask for, with `--phase` and `--fail-on` of the command that has them.
    pub fn requested(&self, phase: Option<Phase>, fail_on: Option<Severity>) -> Requested {
        Requested {
            phase,
            fail_on,
            target_release: self.target_release.clone(),
            select: self.select.clone(),
            ignore: self.ignore.clone(),
            adata_reference: self.adata_reference.clone(),
            config: self.config.clone(),
            no_suppressions: self.no_suppressions,
            max_file_size: self.max_file_size,
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

/// What a run prints, writes and how it exits.
#[derive(Debug)]
pub struct Outcome {
    pub stdout: String,
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
            stderr: crate::base::escape::no_command_lines(format!("gimlint: error: {message}\n")),
            status: ExitStatus::Error,
            files: Vec::new(),
        }
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
        Command::Rules => Outcome::ok(docs::rules_table()),
        Command::Explain { topic } => explain(&topic),
    }
}

fn explain(topic: &str) -> Outcome {
    if let Some((section, option)) = topic.rsplit_once('/') {
        let found = schema::lookup(section, option);
        if found.is_empty() {
            return Outcome::usage_error(format!(
                "gimlint's schemas do not document `{option}` in `[{section}]`; `gimlint explain` takes a rule or section/option"
            ));
        }
        return Outcome::ok(
            found
                .iter()
                .map(docs::option_page)
                .collect::<Vec<_>>()
                .join("\n"),
        );
    }
    if let Some(rule) = rules::find(topic) {
        return Outcome::ok(docs::rule_page(rule.meta()));
    }
    match selection::resolve(&[topic.to_owned()], &[]) {
        Ok(codes) => Outcome::ok(rule_list(topic, &codes)),
        Err(message) => Outcome::usage_error(message),
    }
}

/// `gimlint explain GIM`: the rules a prefix (or `ALL`) stands for, one a line, and how to
/// read one.
fn rule_list(topic: &str, codes: &std::collections::BTreeSet<&str>) -> String {
    let metas: Vec<_> = rules::REGISTRY
        .iter()
        .map(|r| r.meta())
        .filter(|m| codes.contains(m.code))
        .collect();
    let name_width = metas.iter().map(|m| m.name.len()).max().unwrap_or(0);
    let mut out = format!(
        "`{topic}` names {}:\n\n",
        crate::base::text::plural(metas.len(), "rule")
    );
    for m in &metas {
        out.push_str(&format!(
            "  {:<7} {:<name_width$} {:<8} {}\n",
            m.code,
            m.name,
            m.severity.as_str(),
            m.summary
        ));
    }
    let example = metas.first().map_or("GIM001", |m| m.code);
    out.push_str(&format!(
        "\n`gimlint explain {example}` prints a rule's documentation.\n"
    ));
    out
}

/// Lints `inputs`, and says when that linted nothing: see [`say_if_nothing_linted`].
fn lint_all(inputs: &[Input], settings: &Settings) -> Report {
    let mut report = lint(inputs, settings);
    say_if_nothing_linted(&mut report, inputs, settings);
    report
}

/// The most of each kind of skipped path that the message of an empty run names.
const SKIPPED_SHOWN: usize = 5;

/// A run that linted no file did not do its job (exit code 2): a wrong path, or exports
/// left where the walk does not go, must not pass as clean. Each folder named gets an
/// operational error that says so and what its walk left out, unless a file in it could
/// not be read (that error already says why nothing was linted).
fn say_if_nothing_linted(report: &mut Report, inputs: &[Input], settings: &Settings) {
    if !report.files.is_empty() {
        return;
    }
    // gimlint.toml and the reference specification are not exports, whatever their errors.
    let run_files: Vec<&Path> = [&settings.config, &settings.adata_reference]
        .into_iter()
        .flatten()
        .map(PathBuf::as_path)
        .collect();
    for input in inputs {
        let Input::Path(root) = input else { continue };
        let already_said = report.errors.iter().any(|e| {
            let path = Path::new(&e.path);
            path.starts_with(root) && !run_files.contains(&path)
        });
        if !root.is_dir() || already_said {
            continue;
        }
        let root = root.to_string_lossy().into_owned();
        let list = |why: crate::discover::SkipReason| {
            let paths: Vec<&str> = report
                .skipped
                .iter()
                .filter(|s| s.root == root && s.why == why)
                .map(|s| s.display.as_str())
                .collect();
            let mut shown = paths[..paths.len().min(SKIPPED_SHOWN)].join(", ");
            if paths.len() > SKIPPED_SHOWN {
                shown.push_str(&format!(" and {} more", paths.len() - SKIPPED_SHOWN));
            }
            shown
        };
        let mut message = format!(
            "no export found under {root}: no *.cfg, *.conf or *.ini file, nor an attached-data specification (*.xml)"
        );
        let folders = list(crate::discover::SkipReason::Folder);
        if !folders.is_empty() {
            message.push_str(&format!(
                "; hidden and target/ folders are not walked: {folders} (name one to lint it)"
            ));
        }
        let links = list(crate::discover::SkipReason::LinkOut);
        if !links.is_empty() {
            message.push_str(&format!("; links out of {root} are not followed: {links}"));
        }
        report.errors.push(OperationalError {
            path: root,
            message,
        });
    }
}

fn check(args: &CheckArgs, env: &Environment, stdin: &mut dyn Read) -> Outcome {
    let start = match args.paths.first() {
        Some(path) if path.as_os_str() == "-" => args
            .stdin_filename
            .as_deref()
            .and_then(|n| Path::new(n).parent())
            .map(Path::to_path_buf),
        other => other.cloned(),
    };
    let settings = match settings(
        &args.lint.rules,
        args.phase,
        args.lint.fail_on,
        &env.today,
        start.as_deref(),
    ) {
        Ok(settings) => settings,
        Err(message) => return Outcome::usage_error(message),
    };
    let mut stdin_error = None;
    let inputs: Vec<Input> = args
        .paths
        .iter()
        .filter_map(|path| {
            if path.as_os_str() != "-" {
                return Some(Input::Path(path.clone()));
            }
            let name = args.stdin_filename.clone().unwrap_or_else(|| "-".into());
            let mut bytes = Vec::new();
            // Input that could not be read whole is reported, not linted.
            let limit = settings.max_file_size;
            match stdin.take(limit + 1).read_to_end(&mut bytes) {
                Err(error) => {
                    stdin_error = Some(format!("{name}: cannot read standard input: {error}"));
                    None
                }
                Ok(read) if read as u64 > limit => {
                    stdin_error = Some(format!(
                        "{name}: standard input is larger than the {} limit: not read (raise it with --max-file-size)",
                        crate::discover::size_of(limit)
                    ));
                    None
                }
                Ok(_) => Some(Input::Memory { name, bytes }),
            }
        })
        .collect();
    if args.fix && inputs.iter().any(|i| matches!(i, Input::Memory { .. })) {
        return Outcome::usage_error(
            "--fix does not write standard input; use --diff to see the fixes".into(),
        );
    }
    let mut outcome = if args.fix || args.diff {
        fix_then_check(args, &inputs, &settings, env)
    } else {
        let mut report = lint_all(&inputs, &settings);
        let mut baseline_file = None;
        if let Some(path) = &args.write_baseline {
            baseline_file = Some((path.clone(), crate::baseline::record(&report)));
        }
        if let Some(path) = &args.baseline {
            let loaded = crate::discover::read_regular_file(path)
                .and_then(|bytes| String::from_utf8(bytes).map_err(|_| "not UTF-8".to_owned()))
                .and_then(|text| crate::baseline::parse(&text));
            match loaded {
                Ok(baseline) => {
                    let known = crate::baseline::apply(&mut report, &baseline);
                    report.notes.push(format!(
                        "{} recorded in the baseline not shown",
                        crate::base::text::plural(known, "finding")
                    ));
                }
                Err(message) => {
                    return Outcome::usage_error(format!(
                        "{}: {message}",
                        displayable(&path.to_string_lossy())
                    ))
                }
            }
        }
        let mut outcome = render(&report, &args.lint, &settings, env);
        outcome.files.extend(baseline_file);
        outcome
    };
    if let Some(message) = stdin_error {
        outcome
            .stderr
            .push_str(&format!("gimlint: error: {message}\n"));
        outcome.status = ExitStatus::Error;
    }
    outcome
}

/// How many times `--fix` lints and fixes again, for fixes that overlapped in a pass.
const MAX_FIX_PASSES: usize = 4;

/// `--fix` and `--diff`: apply (or show) the fixes, pass after pass, then report what remains.
fn fix_then_check(
    args: &CheckArgs,
    inputs: &[Input],
    settings: &Settings,
    env: &Environment,
) -> Outcome {
    let mut fixed = 0;
    let mut diffs = String::new();
    let mut notes = String::new();
    let mut problems = String::new();
    for _ in 0..MAX_FIX_PASSES {
        let report = crate::engine::lint_keeping_texts(inputs, settings);
        let mut wrote = false;
        for patch in fix::plan(&report, args.unsafe_fixes) {
            let Some(kept) = &report.files[patch.file].text else {
                continue;
            };
            let source = &kept.source;
            let from_stdin = inputs.iter().find_map(|i| match i {
                Input::Memory { name, bytes } if *name == source.path => Some(bytes),
                _ => None,
            });
            let result = if args.diff {
                // Shown, not written: checked against the bytes as they are now all the same.
                let original = match from_stdin {
                    Some(bytes) => Ok(bytes.clone()),
                    None => fix::read_current(source, settings.max_file_size),
                };
                original
                    .and_then(|bytes| fix::apply_to_bytes(source, &bytes, &patch.edits))
                    .map(|_| {
                        let shown = fix::shown_diff(kept, &patch.edits);
                        diffs.push_str(&shown.text);
                        if let Some(why) = shown.not_a_patch {
                            notes.push_str(&format!(
                                "note: the diff of {} does not apply as a patch: {why}; \
                                 `--fix` writes the fixes\n",
                                displayable(&source.path)
                            ));
                        }
                        fixed += patch.fixes;
                    })
            } else if from_stdin.is_some() {
                // Refused before linting; never a file named like standard input.
                Err("standard input is not written".to_owned())
            } else {
                fix::fix_file(source, &patch.edits, settings.max_file_size)
            };
            match result {
                Ok(()) if !args.diff => {
                    fixed += patch.fixes;
                    wrote = true;
                }
                Ok(()) => {}
                Err(message) => problems.push_str(&format!(
                    "gimlint: error: {}: not fixed: {}\n",
                    displayable(&source.path),
                    displayable(&report.redactor.scrub(&message))
                )),
            }
        }
        if args.diff || !wrote {
            break;
        }
    }
    if args.diff {
        let status = if !problems.is_empty() {
            ExitStatus::Error
        } else if diffs.is_empty() {
            ExitStatus::Clean
        } else {
            ExitStatus::Findings
        };
        return Outcome {
            stdout: diffs,
            stderr: format!(
                "{problems}{notes}Would fix {}.\n",
                crate::base::text::plural(fixed, "finding")
            ),
            status,
            files: Vec::new(),
        };
    }
    let mut outcome = render(&lint_all(inputs, settings), &args.lint, settings, env);
    outcome.stderr.insert_str(0, &problems);
    let line = format!("Fixed {}.\n", crate::base::text::plural(fixed, "finding"));
    match output_format(&args.lint, env) {
        Format::Human => outcome.stdout.push_str(&line),
        _ => outcome.stderr.push_str(&line),
    }
    if !problems.is_empty() {
        outcome.status = ExitStatus::Error;
    }
    outcome
}

fn diff(args: &DiffArgs, env: &Environment) -> Outcome {
    let settings = match settings(
        &args.lint.rules,
        Some(Phase::PostMigration),
        args.lint.fail_on,
        &env.today,
        Some(&args.after),
    ) {
        Ok(settings) => settings,
        Err(message) => return Outcome::usage_error(message),
    };
    let after = [Input::Path(args.after.clone())];
    let mut report = crate::engine::diff(&[Input::Path(args.before.clone())], &after, &settings);
    say_if_nothing_linted(&mut report, &after, &settings);
    render(&report, &args.lint, &settings, env)
}

fn inventory(args: &InventoryArgs, env: &Environment) -> Outcome {
    // The inventory runs no rule; it needs gimlint.toml only for the kinds it declares.
    let settings = Settings {
        config: config::locate(
            args.config.as_deref(),
            args.paths.first().map(PathBuf::as_path),
        ),
        ..Settings::all_rules(&env.today)
    };
    let inputs: Vec<Input> = args.paths.iter().cloned().map(Input::Path).collect();
    let (apps, errors) = crate::engine::inventory(&inputs, &settings);
    let stdout = match args.format {
        InventoryFormat::Markdown => report::inventory::markdown(&apps),
        InventoryFormat::Json => report::inventory::json(&apps),
    };
    Outcome {
        stdout,
        stderr: errors.iter().map(report::error_line).collect(),
        status: if errors.is_empty() {
            ExitStatus::Clean
        } else {
            ExitStatus::Error
        },
        files: Vec::new(),
    }
}

fn readiness_report(args: &ReportArgs, env: &Environment) -> Outcome {
    let start = args.paths.first().map(PathBuf::as_path);
    let settings = match settings(&args.rules, args.phase, args.fail_on, &env.today, start) {
        // The report lists each input's SHA-256, so that it can be matched to the files later.
        Ok(settings) => Settings {
            digests: true,
            ..settings
        },
        Err(message) => return Outcome::usage_error(message),
    };
    let inputs: Vec<Input> = args.paths.iter().cloned().map(Input::Path).collect();
    let report = lint_all(&inputs, &settings);
    let generated_at = args.timestamp.then(|| env.now_utc.clone());
    let readiness = crate::readiness::assess(&report, &settings, generated_at);
    let text = match args.format {
        ReportFormat::Html => report::readiness::html::render(&report, &readiness),
        ReportFormat::Markdown => report::readiness::markdown::render(&report, &readiness),
        ReportFormat::Json => report::readiness::json::render(&report, &readiness),
    };
    let mut outcome = Outcome {
        stdout: String::new(),
        stderr: report.errors.iter().map(report::error_line).collect(),
        status: report.exit_status(settings.fail_on),
        files: Vec::new(),
    };
    match &args.output {
        Some(path) => {
            outcome.stdout = format!(
                "{}: {} written to {}\n",
                readiness.verdict.label(),
                "readiness report",
                path.display()
            );
            outcome.files.push((path.clone(), text));
        }
        None => outcome.stdout = text,
    }
    outcome
}

/// The format asked for, or the default: GitHub annotations under GitHub Actions, else
/// human.
fn output_format(args: &LintArgs, env: &Environment) -> Format {
    args.format.unwrap_or(if env.github_actions {
        Format::Github
    } else {
        Format::Human
    })
}

/// `report` in `format`.
fn formatted(report: &Report, format: Format, color: bool, env: &Environment) -> String {
    match format {
        Format::Human => report::human::render(
            report,
            HumanOptions {
                color,
                width: env.width,
            },
        ),
        Format::Short => report::short::render(report),
        Format::Json => report::json::render(report),
        Format::Sarif => report::sarif::render(report),
        Format::Github => report::github::render(report),
        Format::Junit => report::junit::render(report),
        Format::Gitlab => report::gitlab::render(report),
    }
}

/// The report in the chosen format (and the human one on the terminal with
/// `--output-file`), the operational errors, and the exit status.
fn render(report: &Report, args: &LintArgs, settings: &Settings, env: &Environment) -> Outcome {
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => env.stdout_is_terminal && !env.no_color,
    };
    let text = formatted(report, output_format(args, env), color, env);
    let (stdout, files) = match &args.output_file {
        // `--output-file /dev/stdout`: the report, once, and no human copy mixed in.
        Some(path) if fix::is_standard_output(path) => (String::new(), vec![(path.clone(), text)]),
        Some(path) => (
            formatted(report, Format::Human, color, env),
            vec![(path.clone(), text)],
        ),
        None => (text, Vec::new()),
    };
    let stderr: String = report.errors.iter().map(report::error_line).collect();
    Outcome {
        stdout,
        stderr,
        status: report.exit_status(settings.fail_on),
        files,
    }
}
