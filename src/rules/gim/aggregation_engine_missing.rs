use super::{aggregation_engine, AggregationEngine, AGGREGATION_ENGINE};
use crate::base::AppKind;
use crate::diagnostic::{Finding, Findings};
use crate::model::Application;
use crate::rules::edits::set_option;
use crate::rules::{declare_rule, Context, Rule};

declare_rule! {
    /// ## What it does
    /// Reports a Genesys Info Mart application that schedules aggregation
    /// (`[schedule] run-aggregates=true`) while `[gim-etl] aggregation-engine-class-name` is
    /// not `GIMAgg.GimInterfaceImpl.AggregationImpl`.
    ///
    /// ## Why is this bad?
    /// GCXI and RAA aggregation run inside GIM only through that engine class. Without it
    /// the scheduled aggregation has no engine to run, and aggregate reports stop updating.
    ///
    /// ## Example
    /// ```ini
    /// [gim-etl]
    /// days-to-keep-gim-facts=400
    /// [schedule]
    /// run-aggregates=true
    /// ```
    ///
    /// Use instead:
    /// ```ini
    /// [gim-etl]
    /// aggregation-engine-class-name=GIMAgg.GimInterfaceImpl.AggregationImpl
    /// [schedule]
    /// run-aggregates=true
    /// ```
    ///
    /// ## Fix
    /// Set `aggregation-engine-class-name=GIMAgg.GimInterfaceImpl.AggregationImpl`, or
    /// `run-aggregates=false` if you do not use Genesys-provided aggregation.
    pub struct AggregationEngineMissing {
        code: "GIM012",
        name: "aggregation-engine-missing",
        severity: Warning,
        fix: Yes,
        applies_to: &[AppKind::Gim],
        phase: None,
        options: ["schedule/run-aggregates", "gim-etl/aggregation-engine-class-name"],
        summary: "`run-aggregates` is true but `aggregation-engine-class-name` is not the GIM aggregation engine",
        source: "https://docs.genesys.com/Documentation:Options:GIM:GIM-gim-etl:Current",
    }
}

impl Rule for AggregationEngineMissing {
    fn check_options(&self, _ctx: &Context, app: &Application, out: &mut Findings) {
        let Some(scheduled) = app.option_set_to("schedule", "run-aggregates", true) else {
            return;
        };
        let engine = match aggregation_engine(app) {
            AggregationEngine::Named(engine) if engine.value == AGGREGATION_ENGINE => return,
            AggregationEngine::Named(engine) | AggregationEngine::Disabled(engine) => Some(engine),
            AggregationEngine::Unset => None,
        };
        let mut finding = Finding::new(
            &Self::META,
            scheduled.value_span,
            format!("aggregation is scheduled, but `aggregation-engine-class-name` is not `{AGGREGATION_ENGINE}`"),
        )
        .label("aggregation scheduled")
        .help(format!("set `aggregation-engine-class-name={AGGREGATION_ENGINE}`, or `run-aggregates=false` if you do not use Genesys-provided aggregation"))
        .fix(set_option(app, "gim-etl", "aggregation-engine-class-name", AGGREGATION_ENGINE));
        if let Some(engine) = engine {
            finding = finding.secondary(engine.value_span, "not the aggregation engine");
        }
        out.push(finding);
    }
}
