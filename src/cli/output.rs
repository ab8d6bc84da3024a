//! Rendering a run's report in the format asked for, to the terminal and to `--output-file`.

use super::args::{ColorChoice, LintArgs};
use super::{Environment, Outcome, Streamed};
use crate::base::Severity;
use crate::engine::Report;
use crate::fix;
use crate::report::{self, human::HumanOptions, Format};
use crate::settings::Settings;

/// The format asked for, or the default: GitHub annotations under GitHub Actions, else
/// human.
pub(super) fn output_format(args: &LintArgs, env: &Environment) -> Format {
    args.format.unwrap_or(if env.github_actions {
        Format::Github
    } else {
        Format::Human
    })
}

/// `report` in `format`. `fail_on` tells JUnit which findings are failed tests.
pub(super) fn formatted(
    report: &Report,
    format: Format,
    fail_on: Severity,
    color: bool,
    env: &Environment,
) -> String {
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
        Format::Junit => report::junit::render(report, fail_on),
        Format::Gitlab => report::gitlab::render(report),
    }
}

/// The report in the chosen format (and the human one on the terminal with
/// `--output-file`), the operational errors, and the exit status. The human format and
/// JSON on standard output are written as they are rendered: never held whole.
pub(super) fn render(
    report: Report,
    args: &LintArgs,
    settings: &Settings,
    env: &Environment,
) -> Outcome {
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => env.stdout_is_terminal && !env.no_color,
    };
    let format = output_format(args, env);
    let stderr: String = report.errors.iter().map(report::error_line).collect();
    let status = report.exit_status(settings.fail_on);
    let mut outcome = Outcome {
        stdout: String::new(),
        streamed: None,
        stderr,
        status,
        files: Vec::new(),
    };
    let to_stdout = match &args.output_file {
        None => true,
        Some(path) => fix::is_standard_output(path),
    };
    // Under GitHub Actions, annotations beside whatever else the run writes: a SARIF file
    // for code scanning and annotations in the pull request, from one run.
    let annotations = env.github_actions.then(|| {
        let where_to_see = match &args.output_file {
            Some(path) if !to_stdout => {
                crate::base::escape::displayable(&path.to_string_lossy()).into_owned()
            }
            _ => "the output of `gimlint check` run on these files".to_owned(),
        };
        report::github::render_capped(&report, &where_to_see)
    });
    match &args.output_file {
        // `--output-file /dev/stdout`: the report, once, and no human copy mixed in.
        Some(path) if fix::is_standard_output(path) => {
            outcome.files = vec![(
                path.clone(),
                formatted(&report, format, settings.fail_on, color, env),
            )];
        }
        Some(path) => {
            outcome.files = vec![(
                path.clone(),
                formatted(&report, format, settings.fail_on, color, env),
            )];
            outcome.stdout = formatted(&report, Format::Human, settings.fail_on, color, env);
        }
        None if format == Format::Json => {
            outcome.streamed = Some(Streamed::new(move |out| report::json::write(&report, out)));
        }
        None if format == Format::Human => {
            let options = HumanOptions {
                color,
                width: env.width,
            };
            outcome.streamed = Some(Streamed::new(move |out| {
                report::human::write(&report, options, out)
            }));
        }
        // Capped as GitHub shows them: the summary notice says how many more there are.
        None if format == Format::Github && env.github_actions => {
            outcome.stdout = annotations.clone().unwrap_or_default();
        }
        None => outcome.stdout = formatted(&report, format, settings.fail_on, color, env),
    }
    match annotations {
        Some(_) if format == Format::Github && to_stdout => {}
        // A machine format on standard output is often redirected to a file
        // (`--format sarif > x.sarif`): the runner reads workflow commands on standard error
        // too, and the file stays valid.
        Some(annotations) if to_stdout && format != Format::Human => {
            outcome.stderr.insert_str(0, &annotations);
        }
        Some(annotations) => outcome.print_after(annotations),
        None => {}
    }
    outcome
}
