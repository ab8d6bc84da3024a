//! The readiness report as JSON.

use super::located;
use crate::engine::Report;
use crate::readiness::Readiness;
use serde::Serialize;

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    readiness: &'a Readiness,
    findings: Vec<Finding<'a>>,
    /// Notes on the run as a whole (rules skipped, stale suppressions).
    notes: &'a [String],
    operational_errors: Vec<Error<'a>>,
}

#[derive(Serialize)]
struct Finding<'a> {
    code: &'static str,
    severity: &'static str,
    path: &'a str,
    line: usize,
    column: usize,
    message: &'a str,
    help: Option<&'a str>,
}

#[derive(Serialize)]
struct Error<'a> {
    path: &'a str,
    message: &'a str,
}

pub fn render(report: &Report, readiness: &Readiness) -> String {
    let output = Output {
        version: 1,
        readiness,
        findings: located(report)
            .into_iter()
            .map(|f| Finding {
                code: f.code,
                severity: f.severity,
                path: f.path,
                line: f.start.line,
                column: f.start.column,
                message: f.message,
                help: f.help,
            })
            .collect(),
        notes: &report.notes,
        operational_errors: report
            .errors
            .iter()
            .map(|e| Error {
                path: &e.path,
                message: &e.message,
            })
            .collect(),
    };
    let mut text =
        serde_json::to_string_pretty(&output).expect("the report types always serialize");
    text.push('\n');
    crate::base::escape::json_for_logs(text)
}
