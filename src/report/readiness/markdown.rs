//! The readiness report as Markdown, for a change ticket. Text from the run (paths,
//! messages, notes) cannot change the document's structure: code spans are fenced by more
//! backticks than they hold, and everything else is backslash-escaped.

use super::{located, pieces, Piece};
use crate::base::text::plural;
use crate::engine::Report;
use crate::readiness::{Readiness, StepStatus};
use crate::report::markdown::{cell_code, code, plain};
use std::fmt::Write;

/// One of gimlint's texts (messages, help, notes, steps, reasons): its code spans fenced
/// anew, the rest escaped.
fn inline(text: &str) -> String {
    pieces(text)
        .into_iter()
        .map(|piece| match piece {
            Piece::Text(text) => plain(text),
            Piece::Code(quoted) => code(quoted),
        })
        .collect()
}

pub fn render(report: &Report, readiness: &Readiness) -> String {
    let r = readiness;
    let t = &r.totals;
    let mut out = String::new();
    let _ = writeln!(out, "# Migration readiness: {}\n", r.verdict.label());
    let _ = writeln!(
        out,
        "- threshold (`--fail-on`): {}: a finding at or above it makes its application, and the run, NO-GO",
        r.fail_on
    );
    let _ = writeln!(
        out,
        "- {}: {}, {}, {}; {}",
        plural(t.files, "file"),
        plural(t.errors, "error"),
        plural(t.warnings, "warning"),
        plural(t.infos, "info"),
        plural(t.operational_errors, "operational error"),
    );
    let _ = writeln!(out, "- phase: {}", r.phase);
    let _ = writeln!(out, "- target release: {}", plain(&r.target_release));
    let _ = writeln!(
        out,
        "- gimlint {}, schemas {}",
        r.gimlint_version, r.schema_version
    );
    if let Some(at) = &r.generated_at {
        let _ = writeln!(out, "- generated at {at}");
    }
    if !report.notes.is_empty() {
        out.push_str("\n## Notes on the run\n\n");
        for note in &report.notes {
            let _ = writeln!(out, "- {}", inline(note));
        }
    }
    if !report.errors.is_empty() {
        out.push_str("\n## Operational errors\n\ngimlint could not do its whole job: the verdict is NO-GO.\n\n");
        for error in &report.errors {
            let _ = writeln!(out, "- {}: {}", code(&error.path), inline(&error.message));
        }
    }
    out.push_str("\n## Applications\n\n| application | kind | verdict | errors | warnings | infos |\n|---|---|---|---|---|---|\n");
    for app in &r.applications {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            cell_code(&app.path),
            app.kind,
            app.verdict.label(),
            app.errors,
            app.warnings,
            app.infos
        );
    }
    for checklist in &r.checklists {
        let _ = writeln!(out, "\n## {}\n", checklist.title);
        for step in &checklist.steps {
            let mark = if step.status == StepStatus::Pass {
                "x"
            } else {
                " "
            };
            let rules = if step.rules.is_empty() {
                String::new()
            } else {
                format!(" ({})", step.rules.join(", "))
            };
            let _ = writeln!(
                out,
                "- [{mark}] {}. {} — *{}*{rules}",
                step.number,
                inline(step.text),
                step.status.label()
            );
            if let Some(reason) = &step.reason {
                let _ = writeln!(out, "  - {}", inline(reason));
            }
        }
    }
    out.push_str("\n## Findings by rule\n\n");
    if r.by_rule.is_empty() {
        out.push_str("None.\n");
    }
    for (code, count) in &r.by_rule {
        let _ = writeln!(out, "- {code}: {count}");
    }
    out.push_str("\n## Findings\n\n");
    for f in located(report) {
        let _ = writeln!(
            out,
            "- **{}[{}]** {}: {}",
            f.severity,
            f.code,
            code(&format!("{}:{}:{}", f.path, f.start.line, f.start.column)),
            inline(f.message)
        );
        if let Some(help) = f.help {
            let _ = writeln!(out, "  - help: {}", inline(help));
        }
    }
    out.push_str("\n## Inputs\n\n| file | SHA-256 |\n|---|---|\n");
    for input in &r.inputs {
        let _ = writeln!(
            out,
            "| {} | {} |",
            cell_code(&input.path),
            code(&input.sha256)
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_spans_hold_any_backticks() {
        assert_eq!(code("gim.cfg"), "`gim.cfg`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("``x"), "``` ``x ```");
        assert_eq!(code("x`"), "`` x` ``");
        assert_eq!(code(" a "), "`  a  `");
        assert_eq!(code("a\nb"), "`a\\x0ab`");
        assert_eq!(cell_code("a|b"), "`a\\|b`");
    }

    #[test]
    fn text_cannot_become_markup() {
        assert_eq!(
            inline("`run-scheduler=TRUE` in <b>*x*</b> [a](b)"),
            "`run-scheduler=TRUE` in \\<b\\>\\*x\\*\\</b\\> \\[a\\](b)"
        );
        assert_eq!(inline("one ` left"), "one \\` left");
        assert_eq!(inline("`a`b` c"), "`a`b\\` c");
        assert_eq!(inline("a\nb"), "a\\\\x0ab");
        assert_eq!(inline("Job_MigrateGIM _x_"), "Job_MigrateGIM \\_x\\_");
    }
}
