use super::{aggregation_engine, unquoted, AggregationEngine, AGGREGATION_ENGINE};
use crate::base::{AppKind, Severity};
use crate::diagnostic::{Finding, Findings, Fix};
use crate::model::Application;
use crate::rules::edits::set_option;
use crate::rules::{declare_rule, Context, Rule};

declare_rule! {
    /// ## What it does
    /// Reports a Genesys Info Mart application that schedules aggregation
    /// (`[schedule] run-aggregates=true`) while `[gim-etl] aggregation-engine-class-name` is
    /// not `GIMAgg.GimInterfaceImpl.AggregationImpl`:
    ///
    /// - a warning when it is set to `none` (any case, quoted or not) or to another class:
    ///   the GIM and RAA pages agree that `none` is no engine;
    /// - an info when it is not set (or blank): its default is disputed (the GIM options
    ///   page says none, the RAA page `GIMAgg.GimInterfaceImpl.AggregationImpl`), so gimlint
    ///   cannot say whether an engine runs, only that the setting depends on that default;
    /// - an info, at the value, when it is the engine class written in double quotes (as the
    ///   GIM options page prints it in a sentence): gimlint reads quotes as part of a value,
    ///   as every rule does (OPT010 on `"false"`), the RAA page lists the value without
    ///   them, and no page says whether Genesys Info Mart removes them.
    ///
    /// Blanks around the class name are OPT006's finding, not this rule's.
    ///
    /// ## Why is this bad?
    /// GCXI and RAA aggregation run inside GIM only through that engine class. Without it
    /// the scheduled aggregation has no engine to run, and aggregate reports stop updating.
    ///
    /// ## Example
    /// ```ini
    /// [gim-etl]
    /// aggregation-engine-class-name=none
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
    /// Set `aggregation-engine-class-name=GIMAgg.GimInterfaceImpl.AggregationImpl` (without
    /// quotes), or `run-aggregates=false` if you do not use Genesys-provided aggregation. The
    /// fix, a suggestion (`--unsafe-fixes`), sets the engine class: only you know which of
    /// the two you meant.
    pub struct AggregationEngineMissing {
        code: "GIM012",
        name: "aggregation-engine-missing",
        severity: Warning,
        fix: Suggestion,
        applies_to: &[AppKind::Gim],
        phase: None,
        options: ["schedule/run-aggregates", "gim-etl/aggregation-engine-class-name"],
        summary: "`run-aggregates` is true but `aggregation-engine-class-name` is not the GIM aggregation engine",
        source: "https://docs.genesys.com/Documentation:Options:GIM:GIM-gim-etl:Current; https://docs.genesys.com/Documentation/RAA/latest/Dep/ConfigGIM",
    }
}

impl Rule for AggregationEngineMissing {
    fn check_options(&self, _ctx: &Context, app: &Application, out: &mut Findings) {
        let Some(scheduled) = app.option_set_to("schedule", "run-aggregates", true) else {
            return;
        };
        let set_engine = || {
            set_option(
                app,
                "gim-etl",
                "aggregation-engine-class-name",
                AGGREGATION_ENGINE,
            )
            .as_suggestion()
        };
        let finding = match aggregation_engine(app) {
            AggregationEngine::Named(engine) if engine.value.trim() == AGGREGATION_ENGINE => {
                return;
            }
            AggregationEngine::Named(engine) if unquoted(engine.value) == AGGREGATION_ENGINE => {
                let mut finding = Finding::new(
                    &Self::META,
                    engine.value_span,
                    format!("`aggregation-engine-class-name` is written in quotes: the engine class is `{AGGREGATION_ENGINE}`, without them"),
                )
                .label("in quotes")
                .secondary(scheduled.value_span, "aggregation scheduled")
                .help(format!("write `aggregation-engine-class-name={AGGREGATION_ENGINE}`, as the RAA page lists it: no page says whether Genesys Info Mart removes the quotes"))
                .fix(Fix::suggest_replacing(
                    engine.value_span,
                    AGGREGATION_ENGINE,
                    "remove the quotes",
                ));
                finding.severity = Severity::Info;
                finding
            }
            AggregationEngine::Named(engine) | AggregationEngine::Disabled(engine) => Finding::new(
                &Self::META,
                scheduled.value_span,
                format!("aggregation is scheduled, but `aggregation-engine-class-name` is not `{AGGREGATION_ENGINE}`"),
            )
            .label("aggregation scheduled")
            .secondary(engine.value_span, "not the aggregation engine")
            .help(format!("set `aggregation-engine-class-name={AGGREGATION_ENGINE}`, or `run-aggregates=false` if you do not use Genesys-provided aggregation"))
            .fix(set_engine()),
            AggregationEngine::Unset => {
                let unset = match app.option("gim-etl", "aggregation-engine-class-name") {
                    Some(_) => "blank",
                    None => "not set",
                };
                let mut finding = Finding::new(
                    &Self::META,
                    scheduled.value_span,
                    format!("aggregation is scheduled and `aggregation-engine-class-name` is {unset}: whether an engine runs depends on its default, which the GIM options page gives as none and the RAA page as the aggregation engine"),
                )
                .label("aggregation scheduled")
                .help(format!("set `aggregation-engine-class-name={AGGREGATION_ENGINE}` so that aggregation does not depend on the default (`gimlint explain gim-etl/aggregation-engine-class-name`), or `run-aggregates=false` if you do not use Genesys-provided aggregation"))
                .fix(set_engine());
                finding.severity = Severity::Info;
                finding
            }
        };
        out.push(finding);
    }
}
