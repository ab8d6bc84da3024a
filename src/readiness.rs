//! The readiness report of `gimlint report`: a go / no-go verdict per application and
//! overall, the findings, and the procedure's steps as a checklist, each checked by gimlint
//! or left to a person. Plain data: the renderers under `report/readiness/` format it.

use crate::base::Severity;
use crate::base::{AppKind, Phase};
use crate::diagnostic::Need;
use crate::diagnostic::RuleMeta;
use crate::engine::ExitStatus;
use crate::engine::Report;
use crate::rules::{self};
use crate::settings::Settings;
use serde::Serialize;
use std::collections::BTreeMap;

/// The version of the option schemas shipped in this build (bumped when schemas/ changes).
pub const SCHEMA_VERSION: &str = "2026.11.2";

/// Go or no-go, as `gimlint check` would exit with the same `--fail-on`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// No finding at or above the threshold, and everything read.
    Go,
    /// A finding at or above the threshold, or something gimlint could not read.
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
    /// Every rule behind the step ran and found nothing.
    Pass,
    /// A person must do or confirm it (all of it, or the part option exports do not show,
    /// gimlint's part having passed).
    Manual,
    /// A rule behind the step did not run (the reason says why), and none found anything.
    NotChecked,
    /// The rules found only findings below the threshold: a person must weigh them.
    Review,
    /// A rule found something at or above the threshold.
    Fail,
}

impl StepStatus {
    pub fn label(self) -> &'static str {
        match self {
            StepStatus::Pass => "checked by gimlint: pass",
            StepStatus::Fail => "checked by gimlint: fail",
            StepStatus::Review => "checked by gimlint: review the findings",
            StepStatus::NotChecked => "not checked",
            StepStatus::Manual => "manual",
        }
    }

    /// The status in a few words, inside a sentence.
    pub fn word(self) -> &'static str {
        match self {
            StepStatus::Pass => "pass",
            StepStatus::Fail => "fail",
            StepStatus::Review => "review",
            StepStatus::NotChecked => "not checked",
            StepStatus::Manual => "manual",
        }
    }
}

/// Whether a rule behind a step ran in this run, and what it found.
#[derive(Debug, Serialize)]
pub struct RuleCoverage {
    pub code: &'static str,
    /// Enabled, in its phase, with what it needs, on at least one file it applies to.
    pub ran: bool,
    /// Why it did not run.
    pub why_not: Option<String>,
    pub findings: usize,
}

/// A step of a procedure, as the checklist shows it.
#[derive(Debug, Serialize)]
pub struct Step {
    pub number: &'static str,
    pub text: &'static str,
    /// The rules that check it, or check the part of it option exports show.
    pub rules: &'static [&'static str],
    pub status: StepStatus,
    /// Why the step is neither `pass` nor fully `manual`: rules that did not run, and the
    /// part of the step left to a person.
    pub reason: Option<String>,
    pub coverage: Vec<RuleCoverage>,
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
    /// Why gimlint could not read the file (then it has no findings, and is NO-GO).
    pub not_read: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Input {
    pub path: String,
    pub sha256: String,
}

/// The counts the report opens with.
#[derive(Debug, Serialize)]
pub struct Totals {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub operational_errors: usize,
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
    /// Findings at or above it make an application, and the run, NO-GO (`--fail-on`).
    pub fail_on: Severity,
    pub verdict: Verdict,
    pub totals: Totals,
    pub applications: Vec<AppVerdict>,
    pub by_rule: BTreeMap<&'static str, usize>,
    pub checklists: Vec<Checklist>,
    pub inputs: Vec<Input>,
}

/// How much of a step option exports show.
enum Scope {
    /// Nothing: a person does it.
    Manual,
    /// All of it: the rules decide.
    Checked(&'static [&'static str]),
    /// Part of it: the rules check `part`; `beyond` says what a person must check.
    Partly {
        rules: &'static [&'static str],
        part: &'static str,
        beyond: &'static str,
    },
}

use Scope::{Checked, Manual, Partly};

/// `(number, text, scope)` of the Prerequisites of the GIM 8.5.0 Deployment Procedure.
const GIM_PREREQUISITES: &[(&str, &str, Scope)] = &[
    ("1", "Note custom changes to the Info Mart database (table spaces, partitions, indexes, views, permissions)", Manual),
    ("2", "Back up the GIM SQL scripts you modified", Manual),
    ("3", "Note custom changes to the GIM Application object (`gimlint inventory` lists them)", Manual),
    ("4", "Note customized application startup arguments", Manual),
    ("5", "SQL Server: if the Info Mart schema is not dbo, contact Genesys Customer Care", Manual),
    ("6", "PostgreSQL: re-create tenant views with make_gim_view_for_tenant.sql from 8.5.009 or later", Manual),
    ("7", "Set run-scheduler=FALSE on every GIM application (both servers of an active-active pair)", Checked(&["GIM001", "GIM014"])),
    ("8", "Set run-aggregates=FALSE and stop the aggregation job", Partly {
        rules: &["GIM003"],
        part: "`run-aggregates`",
        beyond: "whether the aggregation job is stopped is not in option exports",
    }),
    ("9", "Wait for running jobs to finish (Genesys Info Mart Manager)", Manual),
    ("10", "Stop the Genesys Info Mart Server", Manual),
    ("11", "Back up the Info Mart database", Manual),
    ("12", "GIM 8.5.002.09 or later: ICON route-res-vqid-hist-enabled=true and cseq-adjustment=2", Checked(&["ICN001", "ICN002"])),
    ("13", "Migrate ICON if the new GIM release needs a newer ICON", Manual),
];

/// `(number, text, scope)` of the Deployment Steps of the GIM 8.5.0 Deployment Procedure.
const GIM_DEPLOYMENT: &[(&str, &str, Scope)] = &[
    ("1", "Install the new Genesys Info Mart installation package", Manual),
    ("2", "Transfer custom settings (`gimlint diff` compares the exports); update the attached-data specification; make date-time-start-year absolute", Checked(&["DIF001", "DIF002", "DIF003", "CAL001", "ADS001", "ADS003", "ADS004", "ADS007", "OPT016"])),
    ("3", "Oracle, from a release before 8.1.103.05: grant the Info Mart user its permissions", Manual),
    ("4", "Restore startup arguments, start GIM Server, check for errors (on-demand migration is not recommended)", Partly {
        rules: &["GIM005"],
        part: "the on-demand-migration note",
        beyond: "startup arguments, and the server's start, are not in option exports",
    }),
    ("5", "Run Job_MigrateGIM if the schema is out of date", Manual),
    ("6", "Start ICON if you stopped it", Manual),
    ("7", "Re-create read-only views", Manual),
    ("8", "With Genesys-provided aggregation: update the tenant aliases", Manual),
    ("9", "Review New in This Release (populate-thread-facts for thread metrics)", Partly {
        rules: &["GIM006"],
        part: "`populate-thread-facts`",
        beyond: "New in This Release is for a person to read",
    }),
    ("10", "Partitioned database: run Job_MaintainGIM", Manual),
    ("11", "Set run-scheduler=TRUE", Checked(&["GIM002", "GIM014"])),
    ("12", "With Genesys-provided aggregation: set run-aggregates=TRUE", Checked(&["GIM004"])),
];

/// `(number, text, scope)` of the WFM 8.5 Order of Migration.
const WFM_ORDER: &[(&str, &str, Scope)] = &[
    (
        "1",
        "Check the prerequisites of the WFM version you install",
        Manual,
    ),
    ("2", "Plan for down time", Manual),
    ("3", "Disable access to WFM Web", Manual),
    ("4", "Stop WFM Server components", Manual),
    ("5", "Back up the WFM database", Manual),
    ("6", "Migrate WFM", Manual),
    ("7", "Uninstall WFM and deploy the new version", Manual),
    (
        "8",
        "Verify the Connections of every component and the settings in WFM Web",
        Partly {
            rules: &["WFM001", "WFM002", "WFM003"],
            part: "the Connections",
            beyond: "the settings in WFM Web are not in option exports",
        },
    ),
];

/// `a`, `a or b`, `a, b or c`.
fn either(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// Why `meta` did not run in the run `report` was made from, or `None` when it ran:
/// enabled, in its phase, with what it needs, on at least one file it applies to. What the
/// run lacks as a whole is said before what its files are: without gimlint.toml, the WFM
/// exports other than WFM Server's are not recognised as such.
fn why_not_run(meta: &RuleMeta, report: &Report, settings: &Settings) -> Option<String> {
    if !settings.enabled.contains(meta.code) {
        return Some("disabled by `--select`/`--ignore` or gimlint.toml".to_owned());
    }
    if let Some(phase) = meta.phase.filter(|&p| p != settings.phase) {
        return Some(format!("checked in the {} phase only", phase.as_str()));
    }
    if let Some(need) = meta.needs.iter().find(|n| !report.provided.contains(n)) {
        return Some(match need {
            Need::Topology if settings.config.is_some() => {
                "no topology: gimlint.toml could not be used".to_owned()
            }
            Need::Topology => "no topology: no gimlint.toml".to_owned(),
            Need::BeforeExports => "no before exports: run `gimlint diff`".to_owned(),
            Need::AdataReference => {
                "no reference specification: give `--adata-reference`".to_owned()
            }
        });
    }
    let kinds = if meta.applies_to.is_empty() {
        "option export".to_owned()
    } else {
        either(
            &meta
                .applies_to
                .iter()
                .map(|k| k.label())
                .collect::<Vec<_>>(),
        )
    };
    if !report.files.iter().any(|f| meta.checks(f.kind)) {
        // An export gimlint could not tell the kind of may be the one this step is about
        // (an ICON whose options name no ICON-only section): say it, with where to say.
        let unknown: Vec<&str> = report
            .files
            .iter()
            .filter(|f| f.kind == AppKind::Unknown)
            .map(|f| f.path.as_str())
            .collect();
        return Some(match unknown.as_slice() {
            [] => format!("no {kinds} in the run"),
            [path] => format!(
                "no {kinds} in the run, unless `{path}` is one: gimlint could not tell its kind (declare its `kind` in gimlint.toml)"
            ),
            [path, rest @ ..] => format!(
                "no {kinds} in the run, unless one of {} exports gimlint could not tell the kind of is (`{path}`, …): declare their `kind` in gimlint.toml",
                rest.len() + 1
            ),
        });
    }
    if meta.needs.contains(&Need::Topology)
        && !report
            .files
            .iter()
            .any(|f| f.in_topology && meta.checks(f.kind))
    {
        return Some(format!("gimlint.toml declares no {kinds} of the run"));
    }
    if READ_CONNECTIONS.contains(&meta.code)
        && !report
            .files
            .iter()
            .any(|f| f.connections_declared && meta.checks(f.kind))
    {
        return Some(format!(
            "gimlint.toml writes no `connections` for any {kinds} of the run"
        ));
    }
    None
}

/// The rules that read the `connections` gimlint.toml writes for an application: they
/// check nothing for an entry without the key (as `gimlint init` writes it), so a step does
/// not pass on them then.
const READ_CONNECTIONS: &[&str] = &["ICN004", "WFM001", "WFM002", "WFM003"];

/// What gimlint's rules say of a step: its status, the rules that did not run with why
/// (in the order of `codes`, grouped by reason), and the coverage of each rule.
fn assess_rules(
    codes: &'static [&'static str],
    report: &Report,
    settings: &Settings,
) -> (StepStatus, Option<String>, Vec<RuleCoverage>) {
    let coverage: Vec<RuleCoverage> = codes
        .iter()
        .map(|&code| {
            let why_not =
                rules::find(code).and_then(|rule| why_not_run(rule.meta(), report, settings));
            RuleCoverage {
                code,
                ran: why_not.is_none(),
                why_not,
                findings: report
                    .findings
                    .iter()
                    .filter(|f| f.rule.code == code)
                    .count(),
            }
        })
        .collect();
    let found = report
        .findings
        .iter()
        .filter(|f| codes.contains(&f.rule.code));
    let status = if found.clone().any(|f| f.severity >= settings.fail_on) {
        StepStatus::Fail
    } else if found.count() > 0 {
        StepStatus::Review
    } else if coverage.iter().all(|c| c.ran) {
        StepStatus::Pass
    } else {
        StepStatus::NotChecked
    };
    let mut groups: Vec<(&str, Vec<&str>)> = Vec::new();
    for c in &coverage {
        let Some(why) = c.why_not.as_deref() else {
            continue;
        };
        match groups.iter_mut().find(|(w, _)| *w == why) {
            Some((_, group)) => group.push(c.code),
            None => groups.push((why, vec![c.code])),
        }
    }
    let ran: Vec<&str> = coverage.iter().filter(|c| c.ran).map(|c| c.code).collect();
    let gaps = match groups.as_slice() {
        [] => None,
        [(why, _)] if ran.is_empty() => Some((*why).to_owned()),
        _ => {
            let mut parts: Vec<String> = groups
                .iter()
                .map(|(why, group)| format!("{} did not run ({why})", group.join(", ")))
                .collect();
            if status == StepStatus::NotChecked && !ran.is_empty() {
                parts.push(format!("{} found nothing", ran.join(", ")));
            }
            Some(parts.join("; "))
        }
    };
    (status, gaps, coverage)
}

fn step(
    &(number, text, ref scope): &(&'static str, &'static str, Scope),
    report: &Report,
    settings: &Settings,
) -> Step {
    let (rules, status, reason, coverage) = match *scope {
        Manual => (&[][..], StepStatus::Manual, None, Vec::new()),
        Checked(rules) => {
            let (status, gaps, coverage) = assess_rules(rules, report, settings);
            (rules, status, gaps, coverage)
        }
        Partly {
            rules,
            part,
            beyond,
        } => {
            let (checked, gaps, coverage) = assess_rules(rules, report, settings);
            let codes = rules.join(", ");
            let gimlint_part = match (checked, gaps) {
                (StepStatus::NotChecked, Some(gaps)) => {
                    format!("gimlint did not check {part} ({codes}): {gaps}")
                }
                (_, None) => format!("gimlint checked {part} ({codes}): {}", checked.word()),
                (_, Some(gaps)) => {
                    format!(
                        "gimlint checked {part} ({codes}): {}; {gaps}",
                        checked.word()
                    )
                }
            };
            // What a person must do anyway does not hide what gimlint found or could not
            // check.
            let status = if checked == StepStatus::Pass {
                StepStatus::Manual
            } else {
                checked
            };
            (
                rules,
                status,
                Some(format!("{beyond}; {gimlint_part}")),
                coverage,
            )
        }
    };
    Step {
        number,
        text,
        rules,
        status,
        reason,
        coverage,
    }
}

fn checklist(
    title: &'static str,
    steps: &[(&'static str, &'static str, Scope)],
    report: &Report,
    settings: &Settings,
) -> Checklist {
    Checklist {
        title,
        steps: steps.iter().map(|s| step(s, report, settings)).collect(),
    }
}

/// The readiness of the run `report` was made from.
pub fn assess(report: &Report, settings: &Settings, generated_at: Option<String>) -> Readiness {
    // One pass over the findings: a run may hold thousands of files and findings.
    let mut counts = vec![[0usize; 3]; report.files.len()];
    let mut no_go = vec![false; report.files.len()];
    for finding in &report.findings {
        counts[finding.file][finding.severity as usize] += 1;
        no_go[finding.file] |= finding.severity >= settings.fail_on;
    }
    let mut applications: Vec<AppVerdict> = report
        .files
        .iter()
        .zip(counts.iter().zip(&no_go))
        .map(|(file, (counts, &no_go))| AppVerdict {
            path: file.path.clone(),
            kind: file.kind.label(),
            verdict: if no_go { Verdict::NoGo } else { Verdict::Go },
            errors: counts[Severity::Error as usize],
            warnings: counts[Severity::Warning as usize],
            infos: counts[Severity::Info as usize],
            not_read: None,
        })
        .collect();
    // gimlint.toml and the reference specification are not applications: their errors are
    // the run's.
    let config = settings.config.as_ref().map(|c| c.path.clone());
    let run_files: Vec<String> = [&config, &settings.adata_reference]
        .into_iter()
        .flatten()
        .map(|path| path.to_string_lossy().into_owned())
        .collect();
    applications.extend(
        report
            .errors
            .iter()
            .filter(|e| !run_files.contains(&e.path))
            .map(|e| AppVerdict {
                path: e.path.clone(),
                kind: "not read",
                verdict: Verdict::NoGo,
                errors: 0,
                warnings: 0,
                infos: 0,
                not_read: Some(e.message.clone()),
            }),
    );
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
    Readiness {
        gimlint_version: env!("CARGO_PKG_VERSION"),
        schema_version: SCHEMA_VERSION,
        phase: settings.phase.as_str(),
        target_release: settings.target_release.to_string(),
        generated_at,
        fail_on: settings.fail_on,
        // The verdict is `check`'s exit status under the same threshold.
        verdict: match report.exit_status(settings.fail_on) {
            ExitStatus::Clean => Verdict::Go,
            ExitStatus::Findings | ExitStatus::Error => Verdict::NoGo,
        },
        totals: Totals {
            files: report.files.len(),
            errors: report.count(Severity::Error),
            warnings: report.count(Severity::Warning),
            infos: report.count(Severity::Info),
            operational_errors: report.errors.len(),
        },
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
                path: f.path.clone(),
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
        for (_, text, scope) in GIM_PREREQUISITES
            .iter()
            .chain(GIM_DEPLOYMENT)
            .chain(WFM_ORDER)
        {
            let codes: &[&str] = match scope {
                Manual => &[],
                Checked(rules) | Partly { rules, .. } => rules,
            };
            for code in codes {
                assert!(
                    rules::find(code).is_some(),
                    "{code} in {text:?} is not a rule"
                );
            }
        }
    }
}
