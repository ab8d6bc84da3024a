//! The readiness report of `gimlint report`: a go / no-go verdict per application and
//! overall, the findings, and the procedure's steps as a checklist, each checked by gimlint
//! or left to a person. Plain data: the renderers under `report/readiness/` format it.

use crate::rules::Severity;
use crate::settings::{Phase, Settings};
use crate::Report;
use serde::Serialize;
use std::collections::BTreeMap;

/// The version of the option schemas shipped in this build (bumped when schemas/ changes).
pub const SCHEMA_VERSION: &str = "2026.11.1";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// No finding at error severity and every file read.
    Go,
    /// Errors, or files gimlint could not read.
    NoGo,
}

impl Verdict {
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Go => "GO",
            Verdict::NoGo => "NO-GO",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum StepStatus {
    /// gimlint checked it and found nothing.
    Pass,
    /// gimlint checked it and found a problem.
    Fail,
    /// gimlint checked it and has notes (`info` findings) that a person must weigh.
    Review,
    /// gimlint has a check for it, but it was not run (`--select`/`--ignore`).
    NotChecked,
    /// A person must do or confirm it.
    Manual,
}

impl StepStatus {
    pub fn label(self) -> &'static str {
        match self {
            StepStatus::Pass => "checked by gimlint: pass",
            StepStatus::Fail => "checked by gimlint: fail",
            StepStatus::Review => "checked by gimlint: review the notes",
            StepStatus::NotChecked => "not checked (rules disabled)",
            StepStatus::Manual => "manual",
        }
    }
}

/// A step of a procedure, as the checklist shows it.
#[derive(Debug, Serialize)]
pub struct Step {
    pub number: &'static str,
    pub text: &'static str,
    /// The rules that check it; empty for a manual step.
    pub rules: &'static [&'static str],
    pub status: StepStatus,
}

#[derive(Debug, Serialize)]
pub struct Checklist {
    pub title: &'static str,
    pub steps: Vec<Step>,
}

#[derive(Debug, Serialize)]
pub struct AppVerdict {
    pub path: String,
    pub kind: &'static str,
    pub verdict: Verdict,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

#[derive(Debug, Serialize)]
pub struct Input {
    pub path: String,
    pub sha256: String,
}

/// Everything the report shows besides the findings themselves.
#[derive(Debug, Serialize)]
pub struct Readiness {
    pub gimlint_version: &'static str,
    pub schema_version: &'static str,
    pub phase: &'static str,
    pub target_release: String,
    /// Only with `--timestamp`: reports are byte-identical for the same inputs otherwise.
    pub generated_at: Option<String>,
    pub verdict: Verdict,
    pub applications: Vec<AppVerdict>,
    pub by_rule: BTreeMap<&'static str, usize>,
    pub checklists: Vec<Checklist>,
    pub inputs: Vec<Input>,
}

/// `(number, text, rules)` of the Prerequisites of the GIM 8.5.0 Deployment Procedure.
const GIM_PREREQUISITES: &[(&str, &str, &[&str])] = &[
    ("1", "Note custom changes to the Info Mart database (table spaces, partitions, indexes, views, permissions)", &[]),
    ("2", "Back up the GIM SQL scripts you modified", &[]),
    ("3", "Note custom changes to the GIM Application object (`gimlint inventory` lists them)", &[]),
    ("4", "Note customized application startup arguments", &[]),
    ("5", "SQL Server: if the Info Mart schema is not dbo, contact Genesys Customer Care", &[]),
    ("6", "PostgreSQL: re-create tenant views with make_gim_view_for_tenant.sql from 8.5.009 or later", &[]),
    ("7", "Set run-scheduler=FALSE on every GIM application (both servers of an active-active pair)", &["GIM001", "GIM014"]),
    ("8", "Set run-aggregates=FALSE and stop the aggregation job", &["GIM003"]),
    ("9", "Wait for running jobs to finish (Genesys Info Mart Manager)", &[]),
    ("10", "Stop the Genesys Info Mart Server", &[]),
    ("11", "Back up the Info Mart database", &[]),
    ("12", "GIM 8.5.002.09 or later: ICON route-res-vqid-hist-enabled=true and cseq-adjustment=2", &["ICN001", "ICN002"]),
    ("13", "Migrate ICON if the new GIM release needs a newer ICON", &[]),
];

/// `(number, text, rules)` of the Deployment Steps of the GIM 8.5.0 Deployment Procedure.
const GIM_DEPLOYMENT: &[(&str, &str, &[&str])] = &[
    ("1", "Install the new Genesys Info Mart installation package", &[]),
    ("2", "Transfer custom settings (`gimlint diff` compares the exports); update the attached-data specification; make date-time-start-year absolute", &["CAL001", "ADS001", "ADS003", "ADS004", "ADS007", "OPT016"]),
    ("3", "Oracle, from a release before 8.1.103.05: grant the Info Mart user its permissions", &[]),
    ("4", "Restore startup arguments, start GIM Server, check for errors (on-demand migration is not recommended)", &["GIM005"]),
    ("5", "Run Job_MigrateGIM if the schema is out of date", &[]),
    ("6", "Start ICON if you stopped it", &[]),
    ("7", "Re-create read-only views", &[]),
    ("8", "With Genesys-provided aggregation: update the tenant aliases", &[]),
    ("9", "Review New in This Release (populate-thread-facts for thread metrics)", &["GIM006"]),
    ("10", "Partitioned database: run Job_MaintainGIM", &[]),
    ("11", "Set run-scheduler=TRUE", &["GIM002", "GIM014"]),
    ("12", "With Genesys-provided aggregation: set run-aggregates=TRUE", &["GIM004"]),
];

/// `(number, text, rules)` of the WFM 8.5 Order of Migration.
const WFM_ORDER: &[(&str, &str, &[&str])] = &[
    (
        "1",
        "Check the prerequisites of the WFM version you install",
        &[],
    ),
    ("2", "Plan for down time", &[]),
    ("3", "Disable access to WFM Web", &[]),
    ("4", "Stop WFM Server components", &[]),
    ("5", "Back up the WFM database", &[]),
    ("6", "Migrate WFM", &[]),
    ("7", "Uninstall WFM and deploy the new version", &[]),
    (
        "8",
        "Verify the Connections of every component and the settings in WFM Web",
        &["WFM001", "WFM002", "WFM003"],
    ),
];

fn checklist(
    title: &'static str,
    steps: &[(&'static str, &'static str, &'static [&'static str])],
    report: &Report,
    settings: &Settings,
) -> Checklist {
    let steps = steps
        .iter()
        .map(|&(number, text, codes)| {
            let status = if codes.is_empty() {
                StepStatus::Manual
            } else if report
                .findings
                .iter()
                .any(|f| codes.contains(&f.rule.code) && f.severity >= Severity::Warning)
            {
                StepStatus::Fail
            } else if report.findings.iter().any(|f| codes.contains(&f.rule.code)) {
                StepStatus::Review
            } else if codes.iter().any(|c| settings.enabled.contains(c)) {
                StepStatus::Pass
            } else {
                StepStatus::NotChecked
            };
            Step {
                number,
                text,
                rules: codes,
                status,
            }
        })
        .collect();
    Checklist { title, steps }
}

/// The readiness of the run `report` was made from.
pub fn assess(report: &Report, settings: &Settings, generated_at: Option<String>) -> Readiness {
    let verdict_of = |errors: usize| {
        if errors > 0 {
            Verdict::NoGo
        } else {
            Verdict::Go
        }
    };
    let applications: Vec<AppVerdict> = report
        .files
        .iter()
        .enumerate()
        .map(|(index, file)| {
            let count = |s| {
                report
                    .findings
                    .iter()
                    .filter(|f| f.file == index && f.severity == s)
                    .count()
            };
            AppVerdict {
                path: file.source.path.clone(),
                kind: file.kind.label(),
                verdict: verdict_of(count(Severity::Error)),
                errors: count(Severity::Error),
                warnings: count(Severity::Warning),
                infos: count(Severity::Info),
            }
        })
        .collect();
    let mut by_rule = BTreeMap::new();
    for finding in &report.findings {
        *by_rule.entry(finding.rule.code).or_insert(0) += 1;
    }
    let gim = match settings.phase {
        Phase::PreMigration => checklist(
            "Genesys Info Mart 8.5.0 Deployment Procedure: Prerequisites",
            GIM_PREREQUISITES,
            report,
            settings,
        ),
        Phase::PostMigration => checklist(
            "Genesys Info Mart 8.5.0 Deployment Procedure: Deployment Steps",
            GIM_DEPLOYMENT,
            report,
            settings,
        ),
    };
    let overall = if report.errors.is_empty() {
        verdict_of(report.count(Severity::Error))
    } else {
        Verdict::NoGo
    };
    Readiness {
        gimlint_version: env!("CARGO_PKG_VERSION"),
        schema_version: SCHEMA_VERSION,
        phase: settings.phase.as_str(),
        target_release: settings.target_release.to_string(),
        generated_at,
        verdict: overall,
        applications,
        by_rule,
        checklists: vec![
            gim,
            checklist(
                "WFM 8.5 Migration Guide: Order of Migration",
                WFM_ORDER,
                report,
                settings,
            ),
        ],
        inputs: report
            .files
            .iter()
            .map(|f| Input {
                path: f.source.path.clone(),
                sha256: f.sha256.clone().unwrap_or_default(),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules;

    #[test]
    fn every_checklist_code_is_a_rule() {
        for (_, text, codes) in GIM_PREREQUISITES
            .iter()
            .chain(GIM_DEPLOYMENT)
            .chain(WFM_ORDER)
        {
            for code in *codes {
                assert!(
                    rules::find(code).is_some(),
                    "{code} in {text:?} is not a rule"
                );
            }
        }
    }
}
