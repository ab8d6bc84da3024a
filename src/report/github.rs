//! GitHub Actions workflow commands: each finding becomes an annotation on the pull request.
//! Chosen by default when `GITHUB_ACTIONS=true` and no `--format` is given.

use crate::base::escape::displayable;
use crate::base::Severity;
use crate::engine::Report;
use std::fmt::Write;

/// Escapes a workflow-command message: control characters, line breaks included, are shown
/// escaped, so the command stays one line and nothing in it acts on a terminal; `%` is
/// escaped as the runner unescapes it.
fn data(text: &str) -> String {
    displayable(text).replace('%', "%25")
}

/// Escapes a workflow-command property value.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for f in &report.findings {
        let command = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let start = f.located().span.start;
        let end = f.located().span.end;
        // GitHub resolves the path from the checkout.
        let path = report
            .paths
            .in_repository(&report.files[f.file].canonical_path);
        let _ = writeln!(
            out,
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            property(&path),
            start.line,
            start.column,
            end.line,
            end.column,
            property(&format!("{} {}", f.rule.code, f.rule.name)),
            data(&f.message)
        );
    }
    out
}
