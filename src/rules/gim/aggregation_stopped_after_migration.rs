use super::aggregation_evidence;
use crate::base::AppKind;
use crate::base::Phase;
use crate::diagnostic::{Finding, Findings};
use crate::model::Application;
use crate::rules::edits::set_option;
use crate::rules::{declare_rule, Context, Rule};

declare_rule! {
    /// ## What it does
    /// After the migration (`--phase post-migration`), when Genesys-provided aggregation is
    /// in use (`[gim-etl] aggregation-engine-class-name` names an engine, or `run-aggregates`
    /// is present and the engine is not set to `none`), reports `[schedule]
    /// run-aggregates=false`. An engine set to `none` means no aggregation: nothing to resume.
    ///
    /// ## Why is this bad?
    /// Aggregation was stopped for the migration (Prerequisite 8). Until it is set back to
    /// true (Deployment step 12) the aggregation job does not run in automated mode, and
    /// aggregate reports (RAA, GI2, GCXI) stop updating. A warning, not an error: some
    /// deployments run aggregation by hand on purpose.
    ///
    /// ## Example
    /// ```ini
    /// [schedule]
    /// run-aggregates=FALSE
    /// ```
    ///
    /// Use instead:
    /// ```ini
    /// [schedule]
    /// run-aggregates=TRUE
    /// ```
    ///
    /// ## Fix
    /// Set `run-aggregates=true` to resume the aggregation job in automated mode. The fix
    /// sets the value.
    pub struct AggregationStoppedAfterMigration {
        code: "GIM004",
        name: "aggregation-stopped-after-migration",
        severity: Warning,
        fix: Yes,
        applies_to: &[AppKind::Gim],
        phase: Some(Phase::PostMigration),
        options: ["schedule/run-aggregates", "gim-etl/aggregation-engine-class-name"],
        summary: "after migration, with aggregation in use, `run-aggregates` is false",
        source: "Genesys Info Mart 8.5.0 Deployment Procedure, Deployment step 12",
    }
}

impl Rule for AggregationStoppedAfterMigration {
    fn check_options(&self, _ctx: &Context, app: &Application, out: &mut Findings) {
        let Some(option) = app.option_set_to("schedule", "run-aggregates", false) else {
            return;
        };
        // An engine set to `none` says aggregation is not used: nothing is stopped.
        let Some((evidence, evidence_label)) = aggregation_evidence(app) else {
            return;
        };
        let mut finding = Finding::new(
            &Self::META,
            option.value_span,
            format!(
                "`run-aggregates={}` after the migration: the aggregation job does not run",
                option.value
            ),
        )
        .label("aggregation still stopped")
        .help("set `run-aggregates=true` to resume aggregation in automated mode")
        .fix(set_option(app, "schedule", "run-aggregates", "true"));
        if evidence != option.name_span {
            finding = finding.secondary(evidence, evidence_label);
        }
        out.push(finding);
    }
}
