//! GitLab Code Quality JSON: findings shown in merge requests, with fingerprints keyed by
//! file, section, option and rule so that a re-export does not look like a new problem.
//! GitLab reads only the fields its documentation lists
//! (<https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format>), every one
//! required: `description`, `check_name`, `fingerprint` (one per issue: GitLab shows the
//! issues that share one as one), `severity` (one of `info`, `minor`, `major`, `critical`,
//! `blocker`), `location.path` and `location.lines.begin`. `.ci/validate-formats` checks
//! each of them.

use super::fingerprints;
use crate::base::Severity;
use crate::engine::Report;
use serde_json::{json, Value};

pub fn render(report: &Report) -> String {
    let issues: Vec<Value> = report
        .findings
        .iter()
        .zip(fingerprints(report))
        .map(|(f, fingerprint)| {
            let severity = match f.severity {
                Severity::Error => "major",
                Severity::Warning => "minor",
                Severity::Info => "info",
            };
            json!({
                "description": format!("{}: {}", f.rule.code, f.message),
                "check_name": f.rule.code,
                "fingerprint": fingerprint,
                "severity": severity,
                "location": {
                    "path": report.files[f.file].canonical_path,
                    "lines": { "begin": f.located().span.start.line },
                },
            })
        })
        .collect();
    let mut text =
        serde_json::to_string_pretty(&issues).expect("Code Quality values always serialize");
    text.push('\n');
    crate::base::escape::json_for_logs(text)
}
