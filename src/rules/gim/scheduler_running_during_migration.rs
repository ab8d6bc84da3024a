use crate::base::AppKind;
use crate::base::Phase;
use crate::diagnostic::{Finding, Findings};
use crate::model::Application;
use crate::rules::edits::set_option;
use crate::rules::{declare_rule, Context, Rule};

declare_rule! {
    /// ## What it does
    /// Before the migration (`--phase pre-migration`), reports a Genesys Info Mart
    /// application whose `[schedule] run-scheduler` is true.
    ///
    /// ## Why is this bad?
    /// The procedure stops the ETL schedule before anything else is touched (Prerequisite
    /// 7). A running scheduler keeps launching jobs; if the IDBs are updated during the
    /// migration while a GIM Server extracts from them, the two collide. In an active-active
    /// pair both servers must be stopped: check the exports of both.
    ///
    /// ## Example
    /// ```ini
    /// [schedule]
    /// run-scheduler=TRUE
    /// ```
    ///
    /// Use instead:
    /// ```ini
    /// [schedule]
    /// run-scheduler=FALSE
    /// ```
    ///
    /// ## Fix
    /// Set `run-scheduler=false` on every Genesys Info Mart application, wait for running
    /// jobs to finish, then stop the servers. The fix sets the value.
    pub struct SchedulerRunningDuringMigration {
        code: "GIM001",
        name: "scheduler-running-during-migration",
        severity: Error,
        fix: Yes,
        applies_to: &[AppKind::Gim],
        phase: Some(Phase::PreMigration),
        options: ["schedule/run-scheduler"],
        summary: "before migration, `[schedule] run-scheduler` is true",
        source: "Genesys Info Mart 8.5.0 Deployment Procedure, Prerequisite 7",
    }
}

impl Rule for SchedulerRunningDuringMigration {
    fn check_options(&self, _ctx: &Context, app: &Application, out: &mut Findings) {
        let Some(option) = app.option_set_to("schedule", "run-scheduler", true) else {
            return;
        };
        out.push(Finding::new(
            &Self::META,
            option.value_span,
            format!("`run-scheduler={}`: the scheduler keeps launching ETL jobs during the migration", option.value),
        )
        .label("scheduler still running")
        .help("set `run-scheduler=false` on this and every other Genesys Info Mart application (both servers of an active-active pair) before you migrate")
        .fix(set_option(app, "schedule", "run-scheduler", "false")));
    }
}
