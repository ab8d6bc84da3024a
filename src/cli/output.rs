//! Rendering a run's report in the format asked for, to the terminal and to `--output-file`.

use super::args::{ColorChoice, LintArgs, OutputArgs};
use super::{Environment, Outcome, Streamed};
use crate::base::{text::plural, Severity};
use crate::engine::{ExitStatus, Report};
use crate::fix;
use crate::report::{self, human::HumanOptions, Format};
use crate::settings::Settings;
use clap::ValueEnum;

/// The format asked for, or the default: GitHub annotations under GitHub Actions, else
/// human.
pub(super) fn output_format(args: &LintArgs, env: &Environment) -> Format {
    args.output.output_format.unwrap_or(if env.github_actions {
        Format::Github
    } else {
        Format::Human
    })
}

/// `--output-file json` with no `--output-format` would write the human format to a file
/// named `json`: most likely `--output-format json` was meant. A file of that name is
/// still written when named as a path (`./json`).
pub(super) fn misread_output_file(args: &OutputArgs) -> Option<String> {
    let file = args.output_file.as_ref()?.to_str()?;
    if args.output_format.is_some() {
        return None;
    }
    Format::from_str(file, true).ok().map(|_| {
        format!(
            "`--output-file {file}` names a format, not a file: did you mean \
             `--output-format {file}`? (to write a file of that name, give its path: `./{file}`)"
        )
    })
}

/// Colours: as asked, and for `auto`, on a terminal that shows them and no `NO_COLOR` or
/// `TERM=dumb`.
fn use_colour(choice: ColorChoice, env: &Environment) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => env.stdout_is_terminal && !env.no_color,
    }
}

/// How the human format draws for this run. Links only where colours go: escape codes
/// reach only a terminal that shows them.
fn human_options(
    args: &OutputArgs,
    env: &Environment,
    color: bool,
    fix_hint: bool,
    unsafe_fixes: bool,
) -> HumanOptions {
    HumanOptions {
        color,
        width: env.width,
        ascii: env.ascii_only,
        links: color && env.hyperlinks,
        urls: args.show_urls,
        quiet: args.quiet,
        fix_hint,
        unsafe_fixes,
    }
}

/// `report` in `format`. `fail_on` tells JUnit which findings are failed tests.
fn formatted(report: &Report, format: Format, fail_on: Severity, human: HumanOptions) -> String {
    match format {
        Format::Human => report::human::render(report, human),
        Format::Short => report::short::render(report, human.unsafe_fixes),
        Format::Json => report::json::render(report),
        Format::Sarif => report::sarif::render(report),
        Format::Github => report::github::render(report),
        Format::Junit => report::junit::render(report, fail_on),
        Format::Gitlab => report::gitlab::render(report),
    }
}

/// `--min-severity`: the findings below it leave the report, as if their rules had not
/// run (so they fail nothing), and a note says how many.
fn hide_below(report: &mut Report, min: Severity) {
    let hidden: usize = report
        .findings
        .iter()
        .filter(|f| f.severity < min)
        .map(|f| f.left_out.max(1))
        .sum();
    if hidden > 0 {
        report.findings.retain(|f| f.severity >= min);
        report.notes.push(format!(
            "{} below --min-severity {min} not shown",
            plural(hidden, "finding")
        ));
    }
}

/// What the summary says of fixes.
#[derive(Clone, Copy)]
pub(super) enum FixHint {
    /// Nothing: `gimlint diff` fixes nothing.
    Omitted,
    /// What `--fix` would fix, suggested fixes among them with `--unsafe-fixes` (and marked
    /// `[*]`, as ruff marks them).
    Fix { unsafe_fixes: bool },
}

/// The report in the chosen format (and the human one on the terminal with
/// `--output-file`), the operational errors, and the exit status. The human format and
/// JSON on standard output are written as they are rendered: never held whole.
pub(super) fn render(
    mut report: Report,
    args: &LintArgs,
    settings: &Settings,
    env: &Environment,
    fix_hint: FixHint,
) -> Outcome {
    let flags = &args.output;
    if let Some(min) = flags.min_severity {
        hide_below(&mut report, min);
    }
    let mut outcome = render_shown(report, args, settings, env, fix_hint);
    if flags.exit_zero && outcome.status == ExitStatus::Findings {
        outcome.status = ExitStatus::Clean;
    }
    if flags.silent {
        // The files asked for are still written; the operational errors still say why
        // the exit code is 2.
        outcome.stdout.clear();
        outcome.streamed = None;
    }
    outcome
}

fn render_shown(
    report: Report,
    args: &LintArgs,
    settings: &Settings,
    env: &Environment,
    fix_hint: FixHint,
) -> Outcome {
    let flags = &args.output;
    let (fix_hint, unsafe_fixes) = match fix_hint {
        FixHint::Omitted => (false, false),
        FixHint::Fix { unsafe_fixes } => (true, unsafe_fixes),
    };
    let color = use_colour(flags.color, env);
    let human = human_options(flags, env, color, fix_hint, unsafe_fixes);
    let format = output_format(args, env);
    let stderr: String = report.errors.iter().map(report::error_line).collect();
    let status = report.exit_status(settings.fail_on);
    let mut outcome = Outcome {
        stdout: String::new(),
        streamed: None,
        stderr,
        status,
        files: Vec::new(),
        created: None,
    };
    let to_stdout = match &flags.output_file {
        None => true,
        Some(path) => fix::is_standard_output(path),
    };
    if flags.statistics {
        let table = if format == Format::Json {
            report::statistics::render_json(&report, unsafe_fixes)
        } else {
            report::statistics::render(&report, unsafe_fixes)
        };
        match &flags.output_file {
            Some(path) if !to_stdout => outcome.files = vec![(path.clone(), table)],
            _ => outcome.stdout = table,
        }
        return outcome;
    }
    // Under GitHub Actions, annotations beside whatever else the run writes: a SARIF file
    // for code scanning and annotations in the pull request, from one run.
    let annotations = env.github_actions.then(|| {
        let where_to_see = match &flags.output_file {
            Some(path) if !to_stdout => {
                crate::base::escape::displayable(&path.to_string_lossy()).into_owned()
            }
            _ => "the output of `gimlint check` run on these files".to_owned(),
        };
        report::github::render_capped(&report, &where_to_see)
    });
    // One line per finding on standard output, to pipe as it is; what the human format
    // closes with, on standard error.
    // A run with nothing to say says nothing (pre-commit names files that are not exports).
    let nothing_to_say = report.files.is_empty() && report.notes.is_empty();
    if format == Format::Short && to_stdout && !flags.quiet && !nothing_to_say {
        outcome
            .stderr
            .push_str(&report::human::tail(&report, fix_hint, unsafe_fixes));
    }
    match &flags.output_file {
        // `--output-file /dev/stdout`: the report, once, and no human copy mixed in.
        Some(path) if fix::is_standard_output(path) => {
            outcome.files = vec![(
                path.clone(),
                formatted(&report, format, settings.fail_on, human),
            )];
        }
        Some(path) => {
            outcome.files = vec![(
                path.clone(),
                formatted(&report, format, settings.fail_on, human),
            )];
            outcome.stdout = formatted(&report, Format::Human, settings.fail_on, human);
        }
        None if format == Format::Json => {
            outcome.streamed = Some(Streamed::new(move |out| report::json::write(&report, out)));
        }
        None if format == Format::Human => {
            outcome.streamed = Some(Streamed::new(move |out| {
                report::human::write(&report, human, out)
            }));
        }
        // Capped as GitHub shows them: the summary notice says how many more there are.
        None if format == Format::Github && env.github_actions => {
            outcome.stdout = annotations.clone().unwrap_or_default();
        }
        None => outcome.stdout = formatted(&report, format, settings.fail_on, human),
    }
    match annotations {
        Some(_) if format == Format::Github && to_stdout => {}
        // A machine format on standard output is often redirected to a file
        // (`--output-format sarif > x.sarif`): the runner reads workflow commands on
        // standard error too, and the file stays valid.
        Some(annotations) if to_stdout && format != Format::Human => {
            outcome.stderr.insert_str(0, &annotations);
        }
        Some(annotations) => outcome.print_after(annotations),
        None => {}
    }
    outcome
}
