//! The readiness report as Markdown, for a change ticket.

use super::located;
use crate::readiness::Readiness;
use crate::Report;
use std::fmt::Write;

pub fn render(report: &Report, readiness: &Readiness) -> String {
    let r = readiness;
    let mut out = String::new();
    let _ = writeln!(out, "# Migration readiness: {}\n", r.verdict.label());
    let _ = writeln!(out, "- phase: {}", r.phase);
    let _ = writeln!(out, "- target release: {}", r.target_release);
    let _ = writeln!(
        out,
        "- gimlint {}, schemas {}",
        r.gimlint_version, r.schema_version
    );
    if let Some(at) = &r.generated_at {
        let _ = writeln!(out, "- generated at {at}");
    }
    out.push_str("\n## Applications\n\n| application | kind | verdict | errors | warnings | infos |\n|---|---|---|---|---|---|\n");
    for app in &r.applications {
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} | {} | {} |",
            app.path,
            app.kind,
            app.verdict.label(),
            app.errors,
            app.warnings,
            app.infos
        );
    }
    if !report.errors.is_empty() {
        out.push_str("\n## Files gimlint could not read\n\n");
        for error in &report.errors {
            let _ = writeln!(out, "- `{}`: {}", error.path, error.message);
        }
    }
    for checklist in &r.checklists {
        let _ = writeln!(out, "\n## {}\n", checklist.title);
        for step in &checklist.steps {
            let mark = if step.status == crate::readiness::StepStatus::Pass {
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
                step.text,
                step.status.label()
            );
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
            "- **{}[{}]** `{}:{}:{}`: {}",
            f.severity, f.code, f.path, f.start.line, f.start.column, f.message
        );
        if let Some(help) = f.help {
            let _ = writeln!(out, "  - help: {help}");
        }
    }
    out.push_str("\n## Inputs\n\n| file | SHA-256 |\n|---|---|\n");
    for input in &r.inputs {
        let _ = writeln!(out, "| `{}` | `{}` |", input.path, input.sha256);
    }
    out
}
