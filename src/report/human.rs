//! Annotated snippets for a terminal, rendered by miette: code, message, the labelled lines,
//! help and a link to the rule's documentation, then a summary.
//!
//! Snippets are rendered from the redacted text of each file, so a secret never reaches the
//! screen even when a finding points at the line that holds it.

use super::plural;
use crate::finding::Finding;
use crate::rules::Severity;
use crate::Report;
use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode,
    SourceSpan,
};
use std::fmt;

/// How to draw: colours on or off, and the width to wrap at.
#[derive(Clone, Copy, Debug)]
pub struct HumanOptions {
    pub color: bool,
    pub width: usize,
}

/// A finding seen through miette's `Diagnostic` trait.
struct Rendered<'a> {
    finding: &'a Finding,
    source: &'a NamedSource<String>,
    url: String,
}

impl fmt::Debug for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
    }
}

impl fmt::Display for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
    }
}

impl std::error::Error for Rendered<'_> {}

fn source_span(span: crate::span::Span) -> SourceSpan {
    (span.start, span.len()).into()
}

impl Diagnostic for Rendered<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(format!(
            "{}[{}]",
            self.finding.severity, self.finding.rule.code
        )))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.finding
            .help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn url<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(&self.url))
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let f = self.finding;
        let primary = LabeledSpan::new_primary_with_span(f.label.clone(), source_span(f.span));
        let secondary = f
            .labels
            .iter()
            .map(|l| LabeledSpan::new_with_span(Some(l.message.clone()), source_span(l.span)));
        Some(Box::new(std::iter::once(primary).chain(secondary)))
    }
}

/// miette breaks lines at `\n` only: a file with old Mac line endings (`\r` alone) would be
/// one long line. Each lone `\r` becomes `\n`, which keeps every byte offset.
fn lone_cr_as_lf(text: String) -> String {
    let mut bytes = text.into_bytes();
    for i in 0..bytes.len() {
        if bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n') {
            bytes[i] = b'\n';
        }
    }
    String::from_utf8(bytes).expect("replacing one ASCII byte by another keeps UTF-8 valid")
}

pub fn render(report: &Report, options: HumanOptions) -> String {
    let theme = if options.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(options.width)
        .with_links(false)
        .with_urls(true);
    let sources: Vec<NamedSource<String>> = report
        .files
        .iter()
        .map(|f| NamedSource::new(f.source.path.clone(), lone_cr_as_lf(f.redacted_text())))
        .collect();
    let mut out = String::new();
    for finding in &report.findings {
        let rendered = Rendered {
            finding,
            source: &sources[finding.file],
            url: finding.rule.url(),
        };
        if handler.render_report(&mut out, &rendered).is_err() {
            out.push_str(&format!("{}: {}\n", finding.rule.code, finding.message));
        }
        out.push('\n');
    }
    let changes = super::change_lines(report);
    if !changes.is_empty() {
        out.push_str("Changes from before to after:\n");
        for line in changes {
            out.push_str(&format!("  {line}\n"));
        }
        out.push('\n');
    }
    for note in &report.notes {
        out.push_str(&format!("note: {note}\n"));
    }
    out.push_str(&summary(report));
    out
}

/// The closing line: counts by severity and files, or that everything passed.
pub fn summary(report: &Report) -> String {
    let files = plural(report.files.len(), "file");
    let mut line = if report.findings.is_empty() {
        format!("No problems found in {files}.")
    } else {
        let counts: Vec<String> = [
            (Severity::Error, "error"),
            (Severity::Warning, "warning"),
            (Severity::Info, "info"),
        ]
        .into_iter()
        .map(|(severity, word)| (report.count(severity), word))
        .filter(|(count, _)| *count > 0)
        .map(|(count, word)| plural(count, word))
        .collect();
        format!("Found {} in {files}.", counts.join(", "))
    };
    if !report.errors.is_empty() {
        line.push_str(&format!(
            " {} could not be linted.",
            plural(report.errors.len(), "path")
        ));
    }
    line.push('\n');
    line
}
