//! The readiness report as one self-contained HTML page: no external asset, readable
//! offline and printable; the only links are to the rules' documentation. The markup is
//! well-formed XML (every element closed, every text escaped), which the tests check.

use super::{located, pieces, Located, Piece};
use crate::base::escape::displayable;
use crate::base::text::plural;
use crate::engine::Report;
use crate::readiness::{Readiness, StepStatus, Verdict};
use crate::rules;
use std::collections::BTreeMap;
use std::fmt::Write;

/// Escapes text for HTML element content and attribute values, with control characters
/// shown escaped, as in every output.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in displayable(text).chars() {
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

/// One of gimlint's texts (messages, help, notes, steps, reasons), escaped, with its code
/// spans as `<code>` elements: nothing in the text can make markup.
fn rich(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for piece in pieces(text) {
        match piece {
            Piece::Text(text) => out.push_str(&esc(text)),
            Piece::Code(code) => {
                let _ = write!(out, "<code>{}</code>", esc(code));
            }
        }
    }
    out
}

/// A rule code linked to the rule's documentation page.
fn rule_link(code: &str) -> String {
    match rules::find(code) {
        Some(rule) => format!("<a href=\"{}\">{}</a>", esc(&rule.meta().url()), esc(code)),
        None => esc(code),
    }
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:2em;color:#222}\
table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #bbb;padding:.3em .6em;text-align:left;vertical-align:top}\
.go{color:#176317}.no-go{color:#b00020}.pass{color:#176317}.fail{color:#b00020}.review{color:#8a5a00}.manual,.not-checked{color:#555}\
.error{color:#b00020;font-weight:bold}.warning{color:#8a5a00;font-weight:bold}.info{color:#1f5fa8}\
.totals td{font-size:1.4em;text-align:center}.reason{color:#555;font-size:.9em}\
code{font-family:ui-monospace,monospace;background:#f3f3f3;padding:0 .2em}a{color:inherit}\
@media print{body{margin:0}a{text-decoration:none}}";

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
    let t = &r.totals;
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
        "<table class=\"totals\">\n<tr><th>files</th><th>errors</th><th>warnings</th><th>infos</th><th>operational errors</th><th>verdict</th></tr>\n\
         <tr><td>{}</td><td class=\"error\">{}</td><td class=\"warning\">{}</td><td class=\"info\">{}</td><td>{}</td><td class=\"{}\">{}</td></tr>\n</table>",
        t.files,
        t.errors,
        t.warnings,
        t.infos,
        t.operational_errors,
        verdict_class(r.verdict),
        r.verdict.label()
    );
    let _ = writeln!(
        out,
        "<p>Threshold (<code>--fail-on</code>): <b>{}</b>: a finding at or above it makes its application, and the run, NO-GO.</p>",
        r.fail_on
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
    if !report.notes.is_empty() {
        out.push_str("<h2>Notes on the run</h2>\n<ul>\n");
        for note in &report.notes {
            let _ = writeln!(out, "<li>{}</li>", rich(note));
        }
        out.push_str("</ul>\n");
    }
    if !report.errors.is_empty() {
        out.push_str("<h2>Operational errors</h2>\n<p>gimlint could not do its whole job: the verdict is NO-GO.</p>\n<ul>\n");
        for error in &report.errors {
            let _ = writeln!(
                out,
                "<li><code>{}</code>: {}</li>",
                esc(&error.path),
                rich(&error.message)
            );
        }
        out.push_str("</ul>\n");
    }
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
    for checklist in &r.checklists {
        let _ = writeln!(out, "<h2>{}</h2>\n<table>\n<tr><th>step</th><th>what</th><th>status</th><th>rules</th></tr>", esc(checklist.title));
        for step in &checklist.steps {
            let reason = step.reason.as_ref().map_or(String::new(), |reason| {
                format!("<div class=\"reason\">{}</div>", rich(reason))
            });
            let rules: Vec<String> = step.rules.iter().map(|code| rule_link(code)).collect();
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td class=\"{}\">{}{reason}</td><td>{}</td></tr>",
                esc(step.number),
                rich(step.text),
                class(step.status),
                esc(step.status.label()),
                rules.join(", ")
            );
        }
        out.push_str("</table>\n");
    }
    out.push_str("<h2>Findings</h2>\n");
    let mut by_rule: BTreeMap<&str, Vec<Located>> = BTreeMap::new();
    for finding in located(report) {
        by_rule.entry(finding.code).or_default().push(finding);
    }
    if by_rule.is_empty() {
        out.push_str("<p>None.</p>\n");
    }
    for (code, findings) in by_rule {
        let name = rules::find(code).map_or("", |rule| rule.meta().name);
        let _ = writeln!(
            out,
            "<h3>{} {}: {}</h3>\n<table>\n<tr><th>severity</th><th>place</th><th>message</th><th>help</th></tr>",
            rule_link(code),
            esc(name),
            plural(findings.len(), "finding")
        );
        for f in findings {
            let _ = writeln!(
                out,
                "<tr><td class=\"{}\">{}</td><td><code>{}:{}:{}</code></td><td>{}</td><td>{}</td></tr>",
                esc(f.severity),
                esc(f.severity),
                esc(f.path),
                f.start.line,
                f.start.column,
                rich(f.message),
                rich(f.help.unwrap_or(""))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backtick_pairs_become_code_and_nothing_else_becomes_markup() {
        assert_eq!(
            rich("`<b>` is `x&y` and ` one"),
            "<code>&lt;b&gt;</code> is <code>x&amp;y</code> and ` one"
        );
        assert_eq!(rich("no code"), "no code");
    }
}
