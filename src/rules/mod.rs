//! The rule registry. Every rule lives in its own file under a family folder and declares
//! its metadata and documentation with [`declare_rule!`]; the registry is data, sorted by
//! code. Rules push findings into a [`Findings`] sink; they never print, exit or read files.

mod edits;
pub mod selection;

mod ads;
pub(crate) mod cal;
mod dif;
mod gim;
mod icn;
mod opt;
mod pair;
mod sec;
mod sup;
mod wfm;

use crate::base::AppKind;
use crate::config;
use crate::diagnostic::{Findings, Need, RuleMeta};
use crate::model::{Application, FileModel, Project, SpecFile};
use crate::settings::Settings;

/// What every rule sees besides the file it checks: every file of the run, and the settings.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    pub project: &'a Project<'a>,
    pub settings: &'a Settings,
    /// The reference specification of `--adata-reference`, when given.
    pub adata_reference: Option<&'a SpecFile<'a>>,
    /// `gimlint diff` only: the files from before the migration.
    pub before_exports: Option<&'a Before<'a>>,
    /// For the `SUP` rules: whether each suppression of the file suppressed something.
    pub suppression_use: Option<&'a [bool]>,
    /// The index in [`Project::members`] of the file being checked.
    pub current: usize,
    /// The schema entries of the file being checked, looked up once for every rule that
    /// reads them; `None` until [`check_file`] looks them up.
    pub schema_view: Option<&'a opt::SchemaView>,
}

/// The exports from before the migration, and for each file of the project, the index of its
/// before export.
pub struct Before<'a> {
    pub project: &'a Project<'a>,
    pub paired: Vec<Option<usize>>,
}

impl Context<'_> {
    /// The export from before the migration of the file being checked, in `gimlint diff`.
    pub fn before(&self) -> Option<&Application<'_>> {
        let before_exports = self.before_exports?;
        let index = before_exports.paired.get(self.current).copied().flatten()?;
        before_exports.project.app(index)
    }
}

/// Gives a rule its metadata; implemented by [`declare_rule!`].
pub trait RuleMetadata {
    fn meta(&self) -> &'static RuleMeta;
}

/// A check. Implementations push their findings into `out`, each as they find it, and have no
/// other effect. A rule implements the method for the files its `applies_to` names:
/// `check_spec` for `AppKind::AdataSpec`, `check_options` otherwise.
pub trait Rule: RuleMetadata + Sync {
    fn check_options(&self, _ctx: &Context, _app: &Application, _out: &mut Findings) {}

    fn check_spec(&self, _ctx: &Context, _spec: &SpecFile, _out: &mut Findings) {}

    /// For the `SUP` rules: gimlint.toml's `[[suppress]]` entries once every file of the
    /// run was checked. Spans are in gimlint.toml's text.
    fn check_config_entries(
        &self,
        _settings: &Settings,
        _entries: &[EntryOutcome],
        _out: &mut Findings,
    ) {
    }
}

/// What a `[[suppress]]` entry of gimlint.toml did in a run.
pub struct EntryOutcome<'a> {
    pub entry: &'a config::Suppress,
    /// Whether it suppressed a finding.
    pub used: bool,
    /// Whether the run linted the file it names (an entry for every file names none: a run
    /// may not hold the files it was written for).
    pub file_linted: bool,
}

/// Runs the enabled rules that judge gimlint.toml's `[[suppress]]` entries.
pub fn check_config_entries(settings: &Settings, entries: &[EntryOutcome], out: &mut Findings) {
    REGISTRY
        .iter()
        .filter(|rule| {
            let meta = rule.meta();
            meta.after_suppressions && settings.enabled.contains(meta.code)
        })
        .for_each(|rule| rule.check_config_entries(settings, entries, out));
}

/// Declares a rule type with its documentation (the doc comment, kept for `explain` and
/// docs/rules) and its metadata.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        pub struct $rule:ident {
            code: $code:literal,
            name: $name:literal,
            severity: $severity:ident,
            fix: $fix:ident,
            applies_to: $applies_to:expr,
            phase: $phase:expr,
            $(reads_other_files: $reads_other_files:literal,)?
            $(after_suppressions: $after_suppressions:literal,)?
            $(needs: [$($need:ident),* $(,)?],)?
            $(options: [$($option:literal),* $(,)?],)?
            summary: $summary:literal,
            source: $source:literal $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        pub struct $rule;

        impl $rule {
            pub const META: $crate::diagnostic::RuleMeta = $crate::diagnostic::RuleMeta {
                code: $code,
                name: $name,
                severity: $crate::base::Severity::$severity,
                fix: $crate::diagnostic::FixAvailability::$fix,
                summary: $summary,
                source: $source,
                applies_to: $applies_to,
                phase: $phase,
                reads_other_files: false $(|| $reads_other_files)?,
                after_suppressions: false $(|| $after_suppressions)?,
                needs: &[$($($crate::diagnostic::Need::$need),*)?],
                options: &[$($($option),*)?],
                doc_comment: concat!($($doc, "\n"),*),
            };
        }

        impl $crate::rules::RuleMetadata for $rule {
            fn meta(&self) -> &'static $crate::diagnostic::RuleMeta {
                &Self::META
            }
        }
    };
}
pub(crate) use declare_rule;

/// Every rule, sorted by code (a test keeps it so).
pub static REGISTRY: &[&dyn Rule] = &[
    &ads::malformed_xml::MalformedXml,
    &ads::unexpected_namespace::UnexpectedNamespace,
    &ads::duplicate_key::DuplicateKey,
    &ads::invalid_attribute_value::InvalidAttributeValue,
    &ads::unknown_call_field::UnknownCallField,
    &ads::field_mapped_twice::FieldMappedTwice,
    &ads::missing_reference_key::MissingReferenceKey,
    &cal::relative_start_year::RelativeStartYear,
    &dif::calendar_option_changed::CalendarOptionChanged,
    &dif::customization_lost::CustomizationLost,
    &dif::section_lost::SectionLost,
    &gim::scheduler_running_during_migration::SchedulerRunningDuringMigration,
    &gim::scheduler_stopped_after_migration::SchedulerStoppedAfterMigration,
    &gim::aggregation_running_during_migration::AggregationRunningDuringMigration,
    &gim::aggregation_stopped_after_migration::AggregationStoppedAfterMigration,
    &gim::on_demand_migration_enabled::OnDemandMigrationEnabled,
    &gim::thread_facts_disabled::ThreadFactsDisabled,
    &gim::dap_role_cardinality::DapRoleCardinality,
    &gim::retention_order::RetentionOrder,
    &gim::aggregation_engine_missing::AggregationEngineMissing,
    &gim::calendar_options_differ::CalendarOptionsDiffer,
    &gim::active_active_differs::ActiveActiveDiffers,
    &gim::dap_role_missing::DapRoleMissing,
    &gim::thread_duration_too_short::ThreadDurationTooShort,
    &gim::state_priority_incomplete::StatePriorityIncomplete,
    &icn::cseq_adjustment_not_2::CseqAdjustmentNot2,
    &icn::vqid_history_disabled::VqidHistoryDisabled,
    &icn::invalid_role::InvalidRole,
    &icn::role_mismatch_with_dap::RoleMismatchWithDap,
    &icn::ha_pair_differs::HaPairDiffers,
    &icn::custom_states_without_gud::CustomStatesWithoutGud,
    &icn::adata_spec_not_found::AdataSpecNotFound,
    &icn::adata_without_gud_role::AdataWithoutGudRole,
    &icn::custom_state_code_invalid::CustomStateCodeInvalid,
    &icn::custom_states_key_repeated::CustomStatesKeyRepeated,
    &opt::invalid_line::InvalidLine,
    &opt::duplicate_section::DuplicateSection,
    &opt::duplicate_option::DuplicateOption,
    &opt::option_outside_section::OptionOutsideSection,
    &opt::not_utf8::NotUtf8,
    &opt::surrounding_whitespace::SurroundingWhitespace,
    &opt::invalid_value::InvalidValue,
    &opt::value_not_allowed::ValueNotAllowed,
    &opt::value_out_of_range::ValueOutOfRange,
    &opt::unknown_option::UnknownOption,
    &opt::case_mismatch::CaseMismatch,
    &opt::newer_than_target::NewerThanTarget,
    &opt::obsolete_option::ObsoleteOption,
    &opt::unmet_requirement::UnmetRequirement,
    &sec::plaintext_secret::PlaintextSecret,
    &sup::unused_suppression::UnusedSuppression,
    &sup::expired_suppression::ExpiredSuppression,
    &sup::suppression_without_reason::SuppressionWithoutReason,
    &sup::malformed_suppression::MalformedSuppression,
    &wfm::server_connection_missing::ServerConnectionMissing,
    &wfm::data_aggregator_connections::DataAggregatorConnections,
    &wfm::wfm_server_connections::WfmServerConnections,
    &wfm::etl_day_chunk_too_large::EtlDayChunkTooLarge,
];

/// The rule with this code or name.
pub fn find(code_or_name: &str) -> Option<&'static dyn Rule> {
    REGISTRY.iter().copied().find(|rule| {
        let meta = rule.meta();
        meta.code.eq_ignore_ascii_case(code_or_name) || meta.name == code_or_name
    })
}

/// Rules run in two stages: first every rule, then, once suppressions have removed what they
/// cover, the `SUP` rules that report on the suppressions themselves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    Findings,
    Suppressions,
}

/// Runs every enabled rule of `stage` that applies to `file` in the configured phase: gives
/// `each_rule` the check of each rule in turn, to run with a sink of its own (so that a caller
/// can filter and bound what it keeps of a rule while the rule runs). Rules with no
/// `applies_to` check every option export, never a specification.
pub fn check_file(
    file: &FileModel,
    ctx: &Context,
    stage: Stage,
    mut each_rule: impl FnMut(&mut dyn FnMut(&mut Findings)),
) {
    let kind = file.kind();
    let view = match file {
        FileModel::Options(app) if stage == Stage::Findings => Some(opt::SchemaView::of(app)),
        _ => None,
    };
    let ctx = &Context {
        schema_view: view.as_ref(),
        ..*ctx
    };
    REGISTRY
        .iter()
        .filter(|rule| {
            let meta = rule.meta();
            meta.after_suppressions == (stage == Stage::Suppressions)
                && runs_on(meta, kind, ctx.settings)
        })
        .for_each(|rule| {
            each_rule(&mut |out| match file {
                FileModel::Options(app) => rule.check_options(ctx, app, out),
                FileModel::AdataSpec(spec) => rule.check_spec(ctx, spec, out),
            })
        })
}

/// Whether the rule is enabled, in the configured phase, and checks files of `kind`.
fn runs_on(meta: &RuleMeta, kind: AppKind, settings: &Settings) -> bool {
    meta.checks(kind)
        && settings.enabled.contains(meta.code)
        && meta.phase.is_none_or(|phase| phase == settings.phase)
}

/// Whether a rule that reads other files of the run checks files of `kind`: when none
/// does, such a file can be checked without the other files. Without a topology (no
/// gimlint.toml), the rules that need one read nothing.
pub fn reads_other_files(kind: AppKind, settings: &Settings, has_topology: bool) -> bool {
    REGISTRY.iter().any(|rule| {
        let meta = rule.meta();
        meta.reads_other_files
            && (has_topology || !meta.needs.contains(&Need::Topology))
            && runs_on(meta, kind, settings)
    })
}

/// Without gimlint.toml: the enabled rules that need the topology and had something to
/// check (the run holds GIM, ICON or WFM exports), to say once that they were skipped.
pub fn skipped_for_lack_of_topology(
    project: &Project,
    settings: &Settings,
) -> Option<Vec<&'static str>> {
    if project.topology.is_some() {
        return None;
    }
    let relevant = project.members.iter().any(|m| {
        !matches!(
            m.kind(),
            AppKind::Unknown | AppKind::Dap | AppKind::AdataSpec
        )
    });
    let skipped: Vec<&'static str> = REGISTRY
        .iter()
        .map(|rule| rule.meta())
        .filter(|meta| meta.needs.contains(&Need::Topology) && settings.enabled.contains(meta.code))
        .map(|meta| meta.code)
        .collect();
    (relevant && !skipped.is_empty()).then_some(skipped)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The source of every rule file, with its path: what the rule reads is checked
    /// against what it declares.
    fn rule_sources() -> Vec<(std::path::PathBuf, String)> {
        let rules = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules");
        let mut sources = Vec::new();
        for family in std::fs::read_dir(rules).unwrap() {
            let family = family.unwrap().path();
            if !family.is_dir() {
                continue;
            }
            for file in std::fs::read_dir(&family).unwrap() {
                let path = file.unwrap().path();
                let source = std::fs::read_to_string(&path).unwrap();
                if source.contains("declare_rule!") {
                    sources.push((path, source));
                }
            }
        }
        assert_eq!(sources.len(), REGISTRY.len());
        sources
    }

    /// A rule that reads the project but does not say so would be run on a file checked
    /// before the other files were read, and see none of them.
    #[test]
    fn rules_that_read_other_files_say_so() {
        for (path, source) in rule_sources() {
            let reads = [
                "ctx.project",
                "pair::",
                "connected_kinds",
                "missing_connection",
            ]
            .iter()
            .any(|access| source.contains(access));
            assert_eq!(
                reads,
                source.contains("reads_other_files: true"),
                "{}: reads other files of the run, or says it does, but not both",
                path.display()
            );
        }
    }

    /// A rule that reads the topology, the before exports or the reference specification
    /// but does not say so would be reported as checked by a run that lacks them.
    #[test]
    fn rules_declare_what_they_need() {
        let accesses: [(Need, &[&str]); 3] = [
            (
                Need::Topology,
                &[
                    ".topology",
                    ".declared(",
                    "pair::",
                    "connected_kinds",
                    "missing_connection",
                ],
            ),
            (Need::BeforeExports, &["ctx.before()", "ctx.before_exports"]),
            (Need::AdataReference, &["ctx.adata_reference"]),
        ];
        for (path, source) in rule_sources() {
            let code = source
                .split_once("code: \"")
                .and_then(|(_, rest)| rest.split_once('"'))
                .map(|(code, _)| code)
                .unwrap_or_else(|| panic!("{}: no code", path.display()));
            let meta = find(code).unwrap().meta();
            for (need, patterns) in &accesses {
                let reads = patterns.iter().any(|p| source.contains(p));
                assert_eq!(
                    reads,
                    meta.needs.contains(need),
                    "{code}: reads {need:?} or declares it in `needs`, but not both"
                );
            }
        }
    }

    #[test]
    fn codes_are_unique_and_sorted_and_names_are_kebab_case() {
        let codes: Vec<&str> = REGISTRY.iter().map(|r| r.meta().code).collect();
        let mut sorted = codes.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(
            codes, sorted,
            "REGISTRY must be sorted by code with no repeats"
        );
        for rule in REGISTRY {
            let meta = rule.meta();
            assert!(
                meta.name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'-' || b.is_ascii_digit()),
                "{} name {:?} is not kebab-case",
                meta.code,
                meta.name
            );
            let doc = meta.doc();
            for heading in [
                "## What it does",
                "## Why is this bad?",
                "## Example",
                "## Fix",
            ] {
                assert!(doc.contains(heading), "{} doc lacks {heading:?}", meta.code);
            }
        }
    }
}
