//! The readiness report in three formats: a self-contained HTML page, Markdown, JSON.

pub mod html;
pub mod json;
pub mod markdown;

use super::{Position, Positions};
use crate::Report;

/// A finding with its place, as the three formats list it.
pub struct Located<'r> {
    pub code: &'static str,
    pub severity: &'static str,
    pub path: &'r str,
    pub start: Position,
    pub message: &'r str,
    pub help: Option<&'r str>,
}

pub fn located(report: &Report) -> Vec<Located<'_>> {
    let positions = Positions::new(report);
    report
        .findings
        .iter()
        .map(|f| Located {
            code: f.rule.code,
            severity: f.severity.as_str(),
            path: &report.files[f.file].source.path,
            start: positions.at(f.file, f.span.start),
            message: &f.message,
            help: f.help.as_deref(),
        })
        .collect()
}
