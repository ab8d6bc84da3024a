//! `check --show-settings` and `check --show-files`: what a run would use and read, without
//! running a rule (ruff's flags of the same names).

use super::lint::lint_all;
use super::Outcome;
use crate::base::escape::displayable;
use crate::engine::{ExitStatus, Input, Report};
use crate::settings::Settings;
use std::fmt::Write;

/// Reads the inputs as the run would, with no rule on: which files it lints, what it could
/// not read, and the secrets of those files (for the redactor).
fn read_only(inputs: &[Input], settings: &Settings) -> Report {
    let nothing_checked = Settings {
        enabled: std::collections::BTreeSet::new(),
        ..settings.clone()
    };
    lint_all(inputs, &nothing_checked)
}

/// What could not be read goes to standard error, and makes the exit status 2: a list that
/// silently lacks a file would mislead as a run would.
pub(super) fn with_errors(stdout: String, report: &Report) -> Outcome {
    let mut outcome = Outcome::ok(stdout);
    for error in &report.errors {
        let _ = writeln!(
            outcome.stderr,
            "gimlint: error: {}: {}",
            displayable(&error.path),
            displayable(&report.redactor.scrub(&error.message))
        );
        outcome.status = ExitStatus::Error;
    }
    outcome
}

/// `--show-files`: the files the run would lint, after the excludes, one a line, as the
/// other outputs show them.
pub(super) fn show_files(inputs: &[Input], settings: &Settings) -> Outcome {
    let report = read_only(inputs, settings);
    let mut out = String::new();
    for file in &report.files {
        let _ = writeln!(out, "{}", displayable(&report.redactor.scrub(&file.path)));
    }
    with_errors(out, &report)
}

/// `--show-settings`: the settings the run resolved, from the flags, gimlint.toml and the
/// defaults. They hold paths and names, never an option's value; the text goes through the
/// run's redactor all the same, as every output does.
pub(super) fn show_settings(inputs: &[Input], settings: &Settings) -> Outcome {
    let report = read_only(inputs, settings);
    let mut out = String::new();
    let config = match &settings.config {
        None => "none found (the defaults apply)".to_owned(),
        Some(file) => {
            let path = file.path.to_string_lossy();
            match &file.loaded {
                Ok(_) => path.into_owned(),
                Err(why) => format!("{path} (not used: {why})"),
            }
        }
    };
    let _ = writeln!(out, "config file: {config}");
    let _ = writeln!(out, "phase: {}", settings.phase.as_str());
    let _ = writeln!(out, "target release: {}", settings.target_release);
    let _ = writeln!(out, "fail on: {}", settings.fail_on.as_str());
    let _ = writeln!(
        out,
        "suppression comments: {}",
        if settings.use_suppressions {
            "honoured"
        } else {
            "ignored (--no-suppressions)"
        }
    );
    let _ = writeln!(
        out,
        "max file size: {}",
        crate::discover::size_of(settings.max_file_size)
    );
    let _ = writeln!(
        out,
        "attached-data reference: {}",
        settings
            .adata_reference
            .as_ref()
            .map_or("none".into(), |p| p.to_string_lossy())
    );
    let _ = writeln!(out, "exclude (each list relative to its folder):");
    for globs in &settings.exclusions.globs {
        let (patterns, base) = globs.described();
        let _ = writeln!(out, "  {}: {}", base.to_string_lossy(), patterns.join(", "));
    }
    let _ = writeln!(out, "force exclude: {}", settings.exclusions.force);
    let _ = writeln!(out, "rules ({}):", settings.enabled.len());
    for meta in crate::rules::REGISTRY.iter().map(|r| r.meta()) {
        if !settings.enabled.contains(meta.code) {
            continue;
        }
        let severity = settings.severity.get(meta.code).copied();
        let _ = writeln!(
            out,
            "  {} {} {}{}",
            meta.code,
            meta.name,
            severity.unwrap_or(meta.severity).as_str(),
            if severity.is_some() {
                " (gimlint.toml [severity])"
            } else {
                ""
            }
        );
    }
    let shown: String = report
        .redactor
        .scrub(&out)
        .lines()
        .map(|line| format!("{}\n", displayable(line)))
        .collect();
    with_errors(shown, &report)
}
