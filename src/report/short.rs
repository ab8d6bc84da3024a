//! `path:line:col: severity[CODE] message`, one line per finding: for editors' error parsers
//! (the format of compilers and of `ruff --output-format concise`). Nothing else, so the
//! changes of `gimlint diff` are only in the human and JSON formats.

use crate::base::escape::{displayable, no_command_lines};
use crate::engine::Report;
use std::fmt::Write;

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for finding in &report.findings {
        let start = finding.located().span.start;
        let _ = writeln!(
            out,
            "{}:{}:{}: {}[{}] {}",
            displayable(&report.files[finding.file].path),
            start.line,
            start.column,
            finding.severity,
            finding.rule.code,
            displayable(&finding.message)
        );
    }
    // Each line starts with a path, which may start with `::`.
    no_command_lines(out)
}
