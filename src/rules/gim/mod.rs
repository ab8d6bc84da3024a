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
use crate::parse::options::OptionEntry;

/// The engine class GCXI and RAA aggregation need.
/// Source: https://docs.genesys.com/Documentation:Options:GIM:GIM-gim-etl:Current
pub const AGGREGATION_ENGINE: &str = "GIMAgg.GimInterfaceImpl.AggregationImpl";

/// What `[gim-etl] aggregation-engine-class-name` says about the aggregation engine: the
/// one answer every rule that asks "is an engine configured" reads.
#[derive(Clone, Copy, Debug)]
pub enum AggregationEngine<'o, 'a> {
    /// Absent or blank: the default applies, and the GIM options page (none) and the RAA
    /// page (`GIMAgg.GimInterfaceImpl.AggregationImpl`) disagree on it, so gimlint does not
    /// say whether an engine runs.
    Unset,
    /// `none`, in any case, in quotes or not, blanks around it: no aggregation engine. Both
    /// pages agree that `none` is no engine (RAA ConfigGIM: "Valid Values:
    /// GIMAgg.GimInterfaceImpl.AggregationImpl, none").
    Disabled(&'o OptionEntry<'a>),
    /// Any other value names an engine class.
    Named(&'o OptionEntry<'a>),
}

/// Reads `[gim-etl] aggregation-engine-class-name` of `app`.
pub fn aggregation_engine<'o, 'a>(app: &'o Application<'a>) -> AggregationEngine<'o, 'a> {
    match app.option("gim-etl", "aggregation-engine-class-name") {
        Some(option) if unquoted(option.value).is_empty() => AggregationEngine::Unset,
        Some(option) if unquoted(option.value).eq_ignore_ascii_case("none") => {
            AggregationEngine::Disabled(option)
        }
        Some(option) => AggregationEngine::Named(option),
        None => AggregationEngine::Unset,
    }
}

/// A value without the blanks around it and one pair of quotes (double or single) around
/// the rest, for reading what it means; rules that check how it is written (OPT006, GIM012)
/// look at the value itself.
pub fn unquoted(value: &str) -> &str {
    let trimmed = value.trim();
    ['"', '\'']
        .into_iter()
        .find_map(|quote| trimmed.strip_prefix(quote)?.strip_suffix(quote))
        .map_or(trimmed, str::trim)
}

/// Why gimlint believes Genesys-provided aggregation (RAA, GI2, GCXI) is in use: the place
/// and the words for a label. Aggregation runs inside GIM when `[gim-etl]
/// aggregation-engine-class-name` names the engine; a `run-aggregates` option shows it was
/// configured too, unless the engine is set to `none`, which says aggregation is not used.
/// Source: https://docs.genesys.com/Documentation:Options:GIM:GIM-gim-etl:Current
pub fn aggregation_evidence(app: &Application) -> Option<(Span, &'static str)> {
    match aggregation_engine(app) {
        AggregationEngine::Named(engine) => {
            Some((engine.value_span, "aggregation engine configured here"))
        }
        AggregationEngine::Disabled(_) => None,
        AggregationEngine::Unset => app
            .option("schedule", "run-aggregates")
            .map(|o| (o.name_span, "aggregation configured here")),
    }
}
