use crate::diagnostic::{Applicability, Edit, Finding, Findings, Fix};
use crate::model::Application;
use crate::rules::selection;
use crate::rules::{declare_rule, Context, EntryOutcome, Rule};
use crate::settings::Settings;

declare_rule! {
    /// ## What it does
    /// Reports a `; gimlint: ignore…` comment that suppressed nothing, or that names a rule
    /// that does not exist. A suppression is judged only when every rule it names ran: with
    /// `--select` or `--ignore` leaving one out, it stays unjudged.
    ///
    /// A `[[suppress]]` entry of gimlint.toml that names a `file` linted in the run and
    /// suppressed nothing in it is reported on its `rules` in gimlint.toml (unless it has
    /// expired: SUP002 says so). An entry without `file` is never called unused: a run may
    /// not hold the files it was written for.
    ///
    /// ## Why is this bad?
    /// A stale suppression hides the next problem of that kind on that line without anyone
    /// deciding it. A misspelt code suppresses nothing at all.
    ///
    /// ## Example
    /// ```ini
    /// [schedule]
    /// ; gimlint: ignore GIM001 -- lab server
    /// run-scheduler=false
    /// ```
    ///
    /// Use instead:
    /// ```ini
    /// [schedule]
    /// run-scheduler=false
    /// ```
    ///
    /// ## Fix
    /// Delete the comment line; the fix does it.
    pub struct UnusedSuppression {
        code: "SUP001",
        name: "unused-suppression",
        severity: Warning,
        fix: Yes,
        applies_to: &[],
        phase: None,
        after_suppressions: true,
        summary: "a suppression comment that suppressed nothing, or names no rule",
        source: "gimlint suppressions (docs/guide.md)",
    }
}

impl Rule for UnusedSuppression {
    fn check_options(&self, ctx: &Context, app: &Application, out: &mut Findings) {
        let Some(used) = ctx.suppression_use else {
            return;
        };
        app.suppressions
            .iter()
            .zip(used)
            .filter_map(|(suppression, &was_used)| {
                let (codes, unknown) = suppression.codes(&selection::codes_for);
                let message = if let Some(unknown) = unknown.first() {
                    format!("the suppression names `{unknown}`, which is not a gimlint rule")
                } else if was_used
                    || suppression.selectors.is_empty()
                    || !codes.iter().all(|c| ctx.settings.enabled.contains(c))
                {
                    // One that names no rule is SUP004's (malformed-suppression).
                    return None;
                } else {
                    format!("the suppression of {} suppressed nothing", codes.join(", "))
                };
                Some(
                    Finding::new(&Self::META, suppression.span, message)
                        .label("unused suppression")
                        .help("delete the comment, or correct the rule it names")
                        .fix(Fix {
                            applicability: Applicability::Safe,
                            message: "delete the suppression comment".into(),
                            edits: vec![Edit {
                                span: suppression.line_with_eol,
                                replacement: String::new(),
                            }],
                        }),
                )
            })
            .for_each(|finding| out.push(finding));
    }

    fn check_config_entries(
        &self,
        settings: &Settings,
        entries: &[EntryOutcome],
        out: &mut Findings,
    ) {
        let today = settings.today.as_str();
        for outcome in entries {
            let entry = outcome.entry;
            let expired = entry.until.as_deref().is_some_and(|until| until < today);
            // Judged only when every rule it names ran, as a suppression comment is.
            let all_ran = selection::resolve(&entry.rules, &[])
                .is_ok_and(|codes| codes.iter().all(|c| settings.enabled.contains(c)));
            if outcome.used || !outcome.file_linted || expired || !all_ran {
                continue;
            }
            let file = entry
                .file
                .as_ref()
                .map(|f| f.display().to_string())
                .unwrap_or_default();
            out.push(
                Finding::new(
                    &Self::META,
                    entry.rules_span,
                    format!(
                        "the `[[suppress]]` entry of {} suppressed nothing in `{file}`",
                        entry.rules.join(", ")
                    ),
                )
                .label("unused entry")
                .help("remove the entry, or correct the `file`, `section` or `option` it names"),
            );
        }
    }
}
