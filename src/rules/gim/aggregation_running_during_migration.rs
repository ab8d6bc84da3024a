use super::aggregation_evidence;
use crate::base::value::parse_bool;
use crate::base::AppKind;
use crate::base::Phase;
use crate::diagnostic::{Finding, Findings};
use crate::model::Application;
use crate::rules::edits::set_option;
use crate::rules::{declare_rule, Context, Rule};

declare_rule! {
    /// ## What it does
    /// Before the migration (`--phase pre-migration`), when Genesys-provided aggregation is
    /// in use (`[gim-etl] aggregation-engine-class-name` names an engine, or `run-aggregates`
    /// is present and the engine is not set to `none`), reports `[schedule] run-aggregates`
    /// that is true or not set (the default is true). An engine set to `none` (in any case,
    /// quoted or not) means no aggregation engine: the rule stays quiet, and GIM012 reports
    /// `run-aggregates=true` beside it.
    ///
    /// ## Why is this bad?
    /// The procedure stops the aggregation job before the migration (Prerequisite 8): an
    /// aggregation job that keeps running reads and writes the Info Mart tables that the
    /// migration job is changing.
    ///
    /// ## Example
    /// ```ini
    /// [gim-etl]
    /// aggregation-engine-class-name=GIMAgg.GimInterfaceImpl.AggregationImpl
    /// [schedule]
    /// run-aggregates=TRUE
    /// ```
    ///
    /// Use instead:
    /// ```ini
    /// [gim-etl]
    /// aggregation-engine-class-name=GIMAgg.GimInterfaceImpl.AggregationImpl
    /// [schedule]
    /// run-aggregates=FALSE
    /// ```
    ///
    /// ## Fix
    /// Set `run-aggregates=false`, then stop the aggregation job in Genesys Info Mart
    /// Manager. The fix sets the value, or adds the option when it is missing.
    pub struct AggregationRunningDuringMigration {
        code: "GIM003",
        name: "aggregation-running-during-migration",
        severity: Error,
        fix: Yes,
        applies_to: &[AppKind::Gim],
        phase: Some(Phase::PreMigration),
        options: ["schedule/run-aggregates", "gim-etl/aggregation-engine-class-name"],
        summary: "before migration, with aggregation in use, `run-aggregates` is true or absent (default true)",
        source: "Genesys Info Mart 8.5.0 Deployment Procedure, Prerequisite 8; default: https://docs.genesys.com/Documentation/Options/latest/RAA/RAA-schedule",
    }
}

impl Rule for AggregationRunningDuringMigration {
    fn check_options(&self, _ctx: &Context, app: &Application, out: &mut Findings) {
        let Some((evidence, evidence_label)) = aggregation_evidence(app) else {
            return;
        };
        let finding = match app.option("schedule", "run-aggregates") {
            Some(option) if parse_bool(option.value) == Some(true) => Finding::new(
                &Self::META,
                option.value_span,
                format!("`run-aggregates={}`: the aggregation job keeps running during the migration", option.value),
            )
            .label("aggregation still running"),
            Some(_) => return,
            None => Finding::new(
                &Self::META,
                evidence,
                "`run-aggregates` is not set, so it is true (the default): the aggregation job keeps running during the migration",
            )
            .label(evidence_label),
        };
        out.push(finding
            .help("set `run-aggregates=false` in `[schedule]`, then stop the aggregation job in Genesys Info Mart Manager")
            .fix(set_option(app, "schedule", "run-aggregates", "false")));
    }
}
