use crate::base::value::parse_bool;
use crate::base::AppKind;
use crate::base::Phase;
use crate::diagnostic::{Finding, Findings};
use crate::model::Application;
use crate::rules::edits::{missing_option_anchor, set_option};
use crate::rules::{declare_rule, Context, Rule};

declare_rule! {
    /// ## What it does
    /// After the migration (`--phase post-migration`), reports a Genesys Info Mart
    /// application whose `[schedule] run-scheduler` is false, or not set (the default is
    /// false).
    ///
    /// ## Why is this bad?
    /// The scheduler was stopped for the migration (Prerequisite 7). Until it is set back to
    /// true (Deployment step 11) GIM launches no ETL job: no new data reaches the Info Mart
    /// and reports go stale without any error.
    ///
    /// ## Example
    /// ```ini
    /// [schedule]
    /// run-scheduler=FALSE
    /// ```
    ///
    /// Use instead:
    /// ```ini
    /// [schedule]
    /// run-scheduler=TRUE
    /// ```
    ///
    /// ## Fix
    /// Set `run-scheduler=true`. The fix sets the value, or adds the option when it is
    /// missing.
    pub struct SchedulerStoppedAfterMigration {
        code: "GIM002",
        name: "scheduler-stopped-after-migration",
        severity: Error,
        fix: Yes,
        applies_to: &[AppKind::Gim],
        phase: Some(Phase::PostMigration),
        options: ["schedule/run-scheduler"],
        summary: "after migration, `run-scheduler` is false or absent (default false)",
        source: "Genesys Info Mart 8.5.0 Deployment Procedure, Deployment step 11",
    }
}

impl Rule for SchedulerStoppedAfterMigration {
    fn check_options(&self, _ctx: &Context, app: &Application, out: &mut Findings) {
        let finding = match app.option("schedule", "run-scheduler") {
            Some(option) if parse_bool(option.value) == Some(false) => Finding::new(
                &Self::META,
                option.value_span,
                format!(
                    "`run-scheduler={}` after the migration: GIM launches no ETL job",
                    option.value
                ),
            )
            .label("scheduler still stopped"),
            Some(_) => return,
            None => {
                let (anchor, label) = missing_option_anchor(app, "schedule", "run-scheduler");
                Finding::new(
                    &Self::META,
                    anchor,
                "`run-scheduler` is not set, so it is false (the default): GIM launches no ETL job",
            )
            .label(label)
            }
        };
        out.push(
            finding
                .help("set `run-scheduler=true` to resume the Genesys Info Mart schedule")
                .fix(set_option(app, "schedule", "run-scheduler", "true")),
        );
    }
}
