//! `GIM`: the Genesys Info Mart application and the migration procedure's schedule steps.

pub mod active_active_differs;
pub mod aggregation_engine_missing;
pub mod aggregation_running_during_migration;
pub mod aggregation_stopped_after_migration;
pub mod calendar_options_differ;
pub mod dap_role_cardinality;
pub mod dap_role_missing;
pub mod on_demand_migration_enabled;
pub mod retention_order;
pub mod scheduler_running_during_migration;
pub mod scheduler_stopped_after_migration;
pub mod state_priority_incomplete;
pub mod thread_duration_too_short;
pub mod thread_facts_disabled;

use crate::base::span::Span;
use crate::model::Application;

/// Why gimlint believes Genesys-provided aggregation (RAA, GI2, GCXI) is in use: the place
/// and the words for a label. Aggregation runs inside GIM when `[gim-etl]
/// aggregation-engine-class-name` names the engine; a `run-aggregates` option shows it was
/// configured too.
/// Source: https://docs.genesys.com/Documentation:Options:GIM:GIM-gim-etl:Current
pub fn aggregation_evidence(app: &Application) -> Option<(Span, &'static str)> {
    if let Some(engine) = app
        .option("gim-etl", "aggregation-engine-class-name")
        .filter(|o| !o.value.trim().is_empty())
    {
        return Some((engine.value_span, "aggregation engine configured here"));
    }
    app.option("schedule", "run-aggregates")
        .map(|o| (o.name_span, "aggregation configured here"))
}
