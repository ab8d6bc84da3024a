//! One JSON object: the contract of `../docs/output.md`, described by
//! `schemas/gimlint-output.schema.json`.

use super::Position;
use crate::base::span::Span;
use crate::base::AppKind;
use crate::base::Severity;
use crate::diagnostic::{Applicability, Finding, Range};
use crate::engine::Report;
use serde::Serialize;

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    tool: Tool,
    diagnostics: Vec<Diagnostic<'a>>,
    applications: Vec<ApplicationOut<'a>>,
    operational_errors: Vec<ErrorOut<'a>>,
    notes: &'a [String],
    /// The gimlint.toml the run used.
    config: Option<&'a str>,
    changes: &'a [crate::engine::AppChanges],
    summary: Summary,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct Location {
    span: SpanOut,
    start: Position,
    end: Position,
}

#[derive(Serialize)]
struct SpanOut {
    offset: usize,
    length: usize,
}

#[derive(Serialize)]
struct Diagnostic<'a> {
    code: &'static str,
    rule: &'static str,
    severity: Severity,
    message: &'a str,
    help: Option<&'a str>,
    path: &'a str,
    #[serde(flatten)]
    location: Location,
    labels: Vec<LabelOut<'a>>,
    url: String,
    fix: Option<FixOut<'a>>,
}

#[derive(Serialize)]
struct LabelOut<'a> {
    message: &'a str,
    #[serde(flatten)]
    location: Location,
}

#[derive(Serialize)]
struct FixOut<'a> {
    applicability: Applicability,
    message: &'a str,
    edits: Vec<EditOut<'a>>,
}

#[derive(Serialize)]
struct EditOut<'a> {
    replacement: &'a str,
    #[serde(flatten)]
    location: Location,
}

#[derive(Serialize)]
struct ApplicationOut<'a> {
    path: &'a str,
    kind: AppKind,
    encoding: &'static str,
    evidence: Option<EvidenceOut<'a>>,
}

#[derive(Serialize)]
struct EvidenceOut<'a> {
    reason: &'a str,
    #[serde(flatten)]
    location: Location,
}

#[derive(Serialize)]
struct ErrorOut<'a> {
    path: &'a str,
    message: &'a str,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    /// Findings counted in the totals above but not listed: past the findings kept of a
    /// rule in a file, one diagnostic stands for the rest.
    not_shown: usize,
    operational_errors: usize,
}

/// Writes the JSON of `report` to `out`.
pub fn write(report: &Report, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    out.write_all(render(report).as_bytes())
}

pub fn render<'r>(report: &'r Report) -> String {
    let location = |span: Span, at: Range| Location {
        span: SpanOut {
            offset: span.start,
            length: span.len(),
        },
        start: at.start,
        end: at.end,
    };
    // A range for each label and edit, as the engine located them.
    let nth = |ranges: &[Range], n: usize| ranges.get(n).copied().unwrap_or(Range::START);
    let diagnostic = |f: &'r Finding| Diagnostic {
        code: f.rule.code,
        rule: f.rule.name,
        severity: f.severity,
        message: &f.message,
        help: f.help.as_deref(),
        path: &report.files[f.file].path,
        location: location(f.span, f.located().span),
        labels: f
            .labels
            .iter()
            .enumerate()
            .map(|(n, l)| LabelOut {
                message: &l.message,
                location: location(l.span, nth(&f.located().labels, n)),
            })
            .collect(),
        url: f.rule.url(),
        fix: f.fix.as_ref().map(|fix| FixOut {
            applicability: fix.applicability,
            message: &fix.message,
            edits: fix
                .edits
                .iter()
                .enumerate()
                .map(|(n, e)| EditOut {
                    replacement: &e.replacement,
                    location: location(e.span, nth(&f.located().edits, n)),
                })
                .collect(),
        }),
    };
    let output = Output {
        version: 1,
        tool: Tool {
            name: "gimlint",
            version: env!("CARGO_PKG_VERSION"),
        },
        diagnostics: report.findings.iter().map(diagnostic).collect(),
        // gimlint.toml holds findings (on its `[[suppress]]` entries) but is no application.
        applications: report
            .files
            .iter()
            .filter(|file| file.kind != AppKind::GimlintToml)
            .map(|file| ApplicationOut {
                path: &file.path,
                kind: file.kind,
                encoding: file.encoding.label(),
                evidence: file.evidence.as_ref().map(|e| EvidenceOut {
                    reason: &e.reason,
                    location: location(e.span, file.evidence_at.unwrap_or(Range::START)),
                }),
            })
            .collect(),
        operational_errors: report
            .errors
            .iter()
            .map(|e| ErrorOut {
                path: &e.path,
                message: &e.message,
            })
            .collect(),
        notes: &report.notes,
        config: report.config.as_deref(),
        changes: &report.changes,
        summary: Summary {
            files: report.files.len(),
            errors: report.count(Severity::Error),
            warnings: report.count(Severity::Warning),
            infos: report.count(Severity::Info),
            not_shown: report.not_shown(),
            operational_errors: report.errors.len(),
        },
    };
    let mut text =
        serde_json::to_string_pretty(&output).expect("the output types always serialize");
    text.push('\n');
    crate::base::escape::json_for_logs(text)
}
