//! The readiness report as one self-contained HTML page: no external asset, readable
//! offline and printable. The markup is well-formed XML (every element closed, every text
//! escaped), which the tests check.

use super::located;
use crate::readiness::{Readiness, StepStatus, Verdict};
use crate::Report;
use std::fmt::Write;

/// Escapes text for HTML element content and attribute values.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:2em;color:#222}\
table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #bbb;padding:.3em .6em;text-align:left}\
.go{color:#176317}.no-go{color:#b00020}.pass{color:#176317}.fail{color:#b00020}.review{color:#8a5a00}.manual,.not-checked{color:#555}\
code{font-family:ui-monospace,monospace}@media print{body{margin:0}}";

fn class(status: StepStatus) -> &'static str {
    match status {
        StepStatus::Pass => "pass",
        StepStatus::Fail => "fail",
        StepStatus::Review => "review",
        StepStatus::NotChecked => "not-checked",
        StepStatus::Manual => "manual",
    }
}

fn verdict_class(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Go => "go",
        Verdict::NoGo => "no-go",
    }
}

pub fn render(report: &Report, readiness: &Readiness) -> String {
    let r = readiness;
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n");
    let _ = writeln!(
        out,
        "<title>Migration readiness: {}</title>",
        r.verdict.label()
    );
    let _ = writeln!(out, "<style>{STYLE}</style>\n</head>\n<body>");
    let _ = writeln!(
        out,
        "<h1>Migration readiness: <span class=\"{}\">{}</span></h1>",
        verdict_class(r.verdict),
        r.verdict.label()
    );
    let _ = writeln!(
        out,
        "<p>Phase <b>{}</b>, target release <b>{}</b>. gimlint {}, schemas {}.{}</p>",
        esc(r.phase),
        esc(&r.target_release),
        esc(r.gimlint_version),
        esc(r.schema_version),
        r.generated_at
            .as_ref()
            .map_or(String::new(), |at| format!(" Generated at {}.", esc(at)))
    );
    out.push_str("<h2>Applications</h2>\n<table>\n<tr><th>application</th><th>kind</th><th>verdict</th><th>errors</th><th>warnings</th><th>infos</th></tr>\n");
    for app in &r.applications {
        let _ = writeln!(
            out,
            "<tr><td><code>{}</code></td><td>{}</td><td class=\"{}\">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&app.path),
            esc(app.kind),
            verdict_class(app.verdict),
            app.verdict.label(),
            app.errors,
            app.warnings,
            app.infos
        );
    }
    out.push_str("</table>\n");
    if !report.errors.is_empty() {
        out.push_str("<h2>Files gimlint could not read</h2>\n<ul>\n");
        for error in &report.errors {
            let _ = writeln!(
                out,
                "<li><code>{}</code>: {}</li>",
                esc(&error.path),
                esc(&error.message)
            );
        }
        out.push_str("</ul>\n");
    }
    for checklist in &r.checklists {
        let _ = writeln!(out, "<h2>{}</h2>\n<table>\n<tr><th>step</th><th>what</th><th>status</th><th>rules</th></tr>", esc(checklist.title));
        for step in &checklist.steps {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td class=\"{}\">{}</td><td>{}</td></tr>",
                esc(step.number),
                esc(step.text),
                class(step.status),
                esc(step.status.label()),
                esc(&step.rules.join(", "))
            );
        }
        out.push_str("</table>\n");
    }
    out.push_str("<h2>Findings</h2>\n");
    let findings = located(report);
    if findings.is_empty() {
        out.push_str("<p>None.</p>\n");
    } else {
        out.push_str("<table>\n<tr><th>severity</th><th>rule</th><th>place</th><th>message</th><th>help</th></tr>\n");
        for f in findings {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td><code>{}:{}:{}</code></td><td>{}</td><td>{}</td></tr>",
                esc(f.severity),
                esc(f.code),
                esc(f.path),
                f.start.line,
                f.start.column,
                esc(f.message),
                esc(f.help.unwrap_or(""))
            );
        }
        out.push_str("</table>\n");
    }
    out.push_str("<h2>Inputs</h2>\n<table>\n<tr><th>file</th><th>SHA-256</th></tr>\n");
    for input in &r.inputs {
        let _ = writeln!(
            out,
            "<tr><td><code>{}</code></td><td><code>{}</code></td></tr>",
            esc(&input.path),
            esc(&input.sha256)
        );
    }
    out.push_str("</table>\n</body>\n</html>\n");
    out
}
