//! `path:line:col: severity[CODE] message`, one line per finding (` [*]` after the code of
//! one `--fix` fixes): for editors' error parsers (the format of compilers and of
//! `ruff --output-format concise`). Nothing else on standard output: the summary and notes
//! go to standard error (see `cli::output`), so the lines can be piped as they are.

use crate::base::escape::{displayable, no_command_lines};
use crate::engine::Report;
use rayon::prelude::*;

/// `unsafe_fixes`: suggested fixes are marked as `--fix --unsafe-fixes` would apply them.
pub fn render(report: &Report, unsafe_fixes: bool) -> String {
    // Each line is independent of the others: rendered on all cores, joined in order.
    let lines: Vec<String> = report
        .findings
        .par_iter()
        .map(|finding| {
            let start = finding.located().span.start;
            format!(
                "{}:{}:{}: {}[{}]{} {}\n",
                displayable(&report.files[finding.file].path),
                start.line,
                start.column,
                finding.severity,
                finding.rule.code,
                super::fixable_marker(finding, unsafe_fixes),
                displayable(&finding.message)
            )
        })
        .collect();
    // Each line starts with a path, which may start with `::`.
    no_command_lines(lines.concat())
}
