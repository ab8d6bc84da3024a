//! The engine: a run from the paths named to a [`Report`]. It reads and decodes the inputs
//! ([`inputs`]), models them into a project ([`project`]), checks each file ([`check`]),
//! removes what suppressions cover ([`suppress`]), pairs the exports of `diff`
//! ([`diff`]), and masks every secret of the run before the report leaves it ([`run`]).

mod check;
mod diff;
mod inputs;
mod locate;
mod paths;
mod project;
mod results;
mod run;
pub mod settings;
mod suppress;

pub use check::FINDINGS_KEPT_PER_RULE;
pub use locate::SNIPPET_MARGIN;
pub use results::{
    AppChanges, ExitStatus, Input, KeptText, LintedFile, OperationalError, ProjectPaths, Report,
};

use crate::inventory as inventory_of;
use crate::secrets;
use crate::settings::Settings;
use inputs::{keep, read_config, read_inputs};
use project::build_project;

/// Lints `inputs` with `settings`. Each file's text is dropped once its findings are
/// located: the report holds what output shows, not what was read.
pub fn lint(inputs: &[Input], settings: &Settings) -> Report {
    run::run(inputs, None, settings, false)
}

/// Lints `inputs` with `settings`, keeping every linted file's text in the report: for
/// the commands that apply fixes or show them as a diff.
pub fn lint_keeping_texts(inputs: &[Input], settings: &Settings) -> Report {
    run::run(inputs, None, settings, true)
}

/// `gimlint inventory`: the customized options of every option export of `inputs`, and what
/// could not be read.
pub fn inventory(
    inputs: &[Input],
    settings: &Settings,
) -> (Vec<inventory_of::AppInventory>, Vec<OperationalError>) {
    let mut errors = Vec::new();
    // The inventory has no notes: what its walk skipped is left out silently.
    let decoded = read_inputs(inputs, settings, &mut errors, &mut Vec::new(), &keep);
    let config = read_config(settings, &mut errors);
    let (project, _, _) = build_project(&decoded, Vec::new(), config, true, &|_, _| None);
    let redactor = secrets::Redactor::of_files(
        project
            .members
            .iter()
            .map(|m| (m.source().text.as_str(), m.secrets())),
    );
    let mut apps: Vec<inventory_of::AppInventory> = project.apps().map(inventory_of::of).collect();
    for option in apps.iter_mut().flat_map(|app| &mut app.options) {
        redactor.scrub_in_place(&mut option.section);
        redactor.scrub_in_place(&mut option.option);
        redactor.scrub_in_place(&mut option.value);
        option
            .default
            .iter_mut()
            .for_each(|d| redactor.scrub_in_place(d));
    }
    (apps, errors)
}

/// `gimlint diff`: lints `after` against `before`: the changes of every application, and
/// the findings of the rules that compare the two (DIF) besides the others.
pub fn diff(before: &[Input], after: &[Input], settings: &Settings) -> Report {
    run::run(after, Some(before), settings, false)
}
