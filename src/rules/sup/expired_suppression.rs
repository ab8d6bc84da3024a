use crate::base::dates::is_date;
use crate::diagnostic::{Finding, Findings};
use crate::model::Application;
use crate::rules::{declare_rule, Context, EntryOutcome, Rule};
use crate::settings::Settings;

declare_rule! {
    /// ## What it does
    /// Reports a `; gimlint: ignore… until=YYYY-MM-DD` comment whose date has passed, or
    /// whose date is not a `YYYY-MM-DD` date. An expired suppression no longer suppresses:
    /// the findings it covered are reported again. An expired `[[suppress]]` entry of
    /// gimlint.toml is reported on its `until`, when it is for every file or for a file
    /// the run linted.
    ///
    /// ## Why is this bad?
    /// `until` records a promise ("fixed after the migration window"). Once the date has
    /// passed, the exception needs a new decision, not silence.
    ///
    /// ## Example
    /// ```ini
    /// [log]
    /// ; gimlint: ignore-section OPT013 until=2020-01-31 -- until the cut-over
    /// verbose=standard
    /// ```
    ///
    /// Use instead:
    /// ```ini
    /// [log]
    /// ; gimlint: ignore-section OPT013 until=2099-01-31 -- until the cut-over
    /// verbose=standard
    /// ```
    ///
    /// ## Fix
    /// Fix what the suppression covered, or set a new date with a reason.
    pub struct ExpiredSuppression {
        code: "SUP002",
        name: "expired-suppression",
        severity: Warning,
        fix: No,
        applies_to: &[],
        phase: None,
        after_suppressions: true,
        summary: "a suppression whose `until` date has passed",
        source: "gimlint suppressions (docs/guide.md)",
    }
}

impl Rule for ExpiredSuppression {
    fn check_options(&self, ctx: &Context, app: &Application, out: &mut Findings) {
        let today = ctx.settings.today.as_str();
        app.suppressions
            .iter()
            .filter_map(|s| {
                let until = s.until?;
                let message = if !is_date(until) {
                    format!("`until={until}` is not a date: write it YYYY-MM-DD")
                } else if until < today {
                    format!("the suppression expired on {until}: what it covered is reported again")
                } else {
                    return None;
                };
                Some(
                    Finding::new(&Self::META, s.span, message)
                        .label("expired")
                        .help("fix what it covered, or give it a new date and a reason"),
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
            let (Some(until), Some(span)) = (entry.until.as_deref(), entry.until_span) else {
                continue;
            };
            if until >= today || !(outcome.file_linted || entry.file.is_none()) {
                continue;
            }
            out.push(
                Finding::new(
                    &Self::META,
                    span,
                    format!(
                        "the `[[suppress]]` entry of {} expired on {until}: what it covered is reported again",
                        entry.rules.join(", ")
                    ),
                )
                .label("expired")
                .help("fix the findings it covered, or give it a new `until` and a reason"),
            );
        }
    }
}
