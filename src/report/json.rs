//! One JSON object: the contract of `../docs/output.md`, described by
//! `schemas/gimlint-output.schema.json`.

use super::Position;
use crate::base::span::Span;
use crate::base::AppKind;
use crate::base::Severity;
use crate::diagnostic::{Applicability, Finding, Range};
use crate::engine::Report;
use rayon::prelude::*;
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

/// How many diagnostics are rendered at once, on all cores, before they are written: the
/// output of a large run is never held whole.
const DIAGNOSTICS_AT_ONCE: usize = 4096;

/// `report` as one JSON object.
pub fn render(report: &Report) -> String {
    let mut out = Vec::new();
    write(report, &mut out).expect("writing to memory does not fail");
    String::from_utf8(out).expect("JSON text is UTF-8")
}

/// Writes `report` as one JSON object to `out`, as it is rendered. Each diagnostic is
/// independent of the others: rendered on all cores, a window at a time, in order, in the
/// place of the empty list of the rest of the output. Made safe for logs apart too: a `##[`
/// cannot straddle a diagnostic's edge, which is JSON punctuation and blanks.
pub fn write(report: &Report, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let text =
        serde_json::to_string_pretty(&output(report)).expect("the output types always serialize");
    let text = crate::base::escape::json_for_logs(text);
    let (before, after) = text
        .split_once(EMPTY_DIAGNOSTICS)
        .expect("the output holds the list of diagnostics");
    out.write_all(before.as_bytes())?;
    if report.findings.is_empty() {
        out.write_all(EMPTY_DIAGNOSTICS.as_bytes())?;
    } else {
        out.write_all(b"\"diagnostics\": [")?;
        for (window, findings) in report.findings.chunks(DIAGNOSTICS_AT_ONCE).enumerate() {
            let rendered: Vec<String> = findings
                .par_iter()
                .map(|finding| {
                    let alone = serde_json::to_string_pretty(&diagnostic(report, finding))
                        .expect("the output types always serialize");
                    crate::base::escape::json_for_logs(alone.replace('\n', DIAGNOSTIC_LINE_BREAK))
                })
                .collect();
            for (n, diagnostic) in rendered.iter().enumerate() {
                if window > 0 || n > 0 {
                    out.write_all(b",")?;
                }
                out.write_all(DIAGNOSTIC_LINE_BREAK.as_bytes())?;
                out.write_all(diagnostic.as_bytes())?;
            }
        }
        out.write_all(b"\n  ],")?;
    }
    out.write_all(after.as_bytes())?;
    out.write_all(b"\n")
}

fn location(span: Span, at: Range) -> Location {
    Location {
        span: SpanOut {
            offset: span.start,
            length: span.len(),
        },
        start: at.start,
        end: at.end,
    }
}

/// One finding, with the ranges the engine located for its span, labels and edits.
fn diagnostic<'r>(report: &'r Report, f: &'r Finding) -> Diagnostic<'r> {
    let nth = |ranges: &[Range], n: usize| ranges.get(n).copied().unwrap_or(Range::START);
    Diagnostic {
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
    }
}

/// Everything but the diagnostics, whose list is left empty.
fn output(report: &Report) -> Output<'_> {
    Output {
        version: 1,
        tool: Tool {
            name: "gimlint",
            version: env!("CARGO_PKG_VERSION"),
        },
        diagnostics: Vec::new(),
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
    }
}

/// The list of diagnostics as the whole output renders it when empty: the first field that
/// can be, after `version` and `tool`, which cannot hold this text.
const EMPTY_DIAGNOSTICS: &str = "\"diagnostics\": [],";

/// A line break inside the list of diagnostics, followed by the indent of its items (JSON
/// strings hold no raw line break, so every line break of a diagnostic rendered alone is
/// one of its lines).
const DIAGNOSTIC_LINE_BREAK: &str = "\n    ";
