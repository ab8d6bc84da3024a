//! Annotated snippets for a terminal, rendered by miette: code, message, the labelled lines,
//! help and a link to the rule's documentation, then a summary.
//!
//! Snippets are rendered from the redacted text of each file, so a secret never reaches the
//! screen even when a finding points at the line that holds it. Everything from the input
//! (snippets, file names, messages, labels, help, notes) is shown with its control
//! characters escaped, so none acts on the terminal.

use crate::base::escape::{displayable, no_command_lines, Escaped};
use crate::base::text::plural;
use crate::base::Severity;
use crate::diagnostic::Finding;
use crate::engine::Report;
use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};
use std::fmt;

/// How to draw: colours on or off, and the width to wrap at.
#[derive(Clone, Copy, Debug)]
pub struct HumanOptions {
    pub color: bool,
    pub width: usize,
}

/// The lines of one file around one finding's spans, as miette reads source. miette scans
/// its source from the start for every span it reads; given the whole file, a file with
/// many findings would render in quadratic time. Each span gets its own window of lines
/// (merged where they meet), and answers come in file coordinates, so offsets and line
/// numbers are those of the file.
struct Excerpt<'a> {
    file: &'a PreparedFile<'a>,
    /// Disjoint windows, in order: (first line, last line), 0-based.
    windows: Vec<(usize, usize)>,
}

/// Lines of context kept around each span: more than miette shows (one).
const EXCERPT_MARGIN: usize = 3;

impl<'a> Excerpt<'a> {
    fn around(
        file: &'a PreparedFile<'a>,
        spans: impl Iterator<Item = crate::base::span::Span>,
    ) -> Self {
        let index = file.source.line_index();
        let mut windows: Vec<(usize, usize)> = spans
            .map(|span| {
                let first = index.line_of(span.start).saturating_sub(EXCERPT_MARGIN);
                (first, index.line_of(span.end) + EXCERPT_MARGIN)
            })
            .collect();
        windows.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(windows.len());
        for (first, last) in windows {
            match merged.last_mut() {
                Some(previous) if first <= previous.1 + 1 => previous.1 = previous.1.max(last),
                _ => merged.push((first, last)),
            }
        }
        Excerpt {
            file,
            windows: merged,
        }
    }

    /// The byte range and first line of the window holding `start..end`; the whole file
    /// when no one window does.
    fn window_of(&self, start: usize, end: usize) -> (usize, usize, usize) {
        let file = self.file;
        let index = file.source.line_index();
        let range = |first: usize, last: usize| {
            (
                file.shown.offset(index.line_start(first)),
                file.shown.offset(index.line_start(last + 1)),
            )
        };
        self.windows
            .iter()
            .map(|&(first, last)| (range(first, last), first))
            .find(|&((from, to), _)| from <= start && end <= to)
            .map_or((0, file.shown.text.len(), 0), |((from, to), first)| {
                (from, to, first)
            })
    }
}

impl SourceCode for Excerpt<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let (start, end, first_line) = self.window_of(span.offset(), span.offset() + span.len());
        let local = SourceSpan::new((span.offset() - start).into(), span.len());
        let contents = self.file.shown.text[start..end].read_span(
            &local,
            context_lines_before,
            context_lines_after,
        )?;
        // miette counts the column of a span in bytes; every other format counts characters,
        // of the text before its control characters were escaped.
        let column = if context_lines_before == 0 {
            let original = self.file.shown.original(span.offset());
            self.file.source.line_col(original).1 - 1
        } else {
            contents.column()
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.file.name.clone(),
            contents.data(),
            SourceSpan::new(
                (contents.span().offset() + start).into(),
                contents.span().len(),
            ),
            contents.line() + first_line,
            column,
            contents.line_count(),
        )))
    }
}

/// A file with findings, ready for excerpts: its redacted text as shown (control characters
/// escaped), and its source for lines and columns. Redaction keeps every byte offset and line
/// ending, a lone `\r` made `\n` still ends a line, and escaping keeps line breaks, so the
/// source's line index numbers the lines shown; columns are counted on the source and only
/// the counts are shown. miette reads the text shown: spans go through
/// [`PreparedFile::shown_span`] first.
struct PreparedFile<'a> {
    name: String,
    shown: Escaped,
    source: &'a crate::source::SourceFile,
}

impl<'a> PreparedFile<'a> {
    fn of(file: &'a crate::engine::LintedFile) -> Self {
        PreparedFile::new(
            displayable(&file.source.path).into_owned(),
            &lone_cr_as_lf(file.redacted_text()),
            &file.source,
        )
    }

    fn new(name: String, text: &str, source: &'a crate::source::SourceFile) -> Self {
        PreparedFile {
            name,
            shown: Escaped::new(text, true),
            source,
        }
    }

    /// `span`, of the original text, in the text shown.
    fn shown_span(&self, span: crate::base::span::Span) -> crate::base::span::Span {
        crate::base::span::Span::new(self.shown.offset(span.start), self.shown.offset(span.end))
    }
}

/// A finding seen through miette's `Diagnostic` trait.
struct Rendered<'a> {
    finding: &'a Finding,
    source: Excerpt<'a>,
    url: String,
}

impl fmt::Debug for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&displayable(&self.finding.message))
    }
}

impl fmt::Display for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&displayable(&self.finding.message))
    }
}

impl std::error::Error for Rendered<'_> {}

impl Rendered<'_> {
    /// `span`, of the file, as miette reads it: in the text shown.
    fn source_span(&self, span: crate::base::span::Span) -> SourceSpan {
        let span = self.source.file.shown_span(span);
        (span.start, span.len()).into()
    }
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
            .map(|h| Box::new(displayable(h)) as Box<dyn fmt::Display>)
    }

    fn url<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(&self.url))
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let f = self.finding;
        let label = f.label.as_deref().map(|l| displayable(l).into_owned());
        let primary = LabeledSpan::new_primary_with_span(label, self.source_span(f.span));
        let secondary = f.labels.iter().map(|l| {
            let message = displayable(&l.message).into_owned();
            LabeledSpan::new_with_span(Some(message), self.source_span(l.span))
        });
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
    // Findings come sorted by file: each file is prepared once, when its first comes.
    let mut prepared: Option<(usize, PreparedFile)> = None;
    let mut out = String::new();
    for finding in &report.findings {
        if prepared
            .as_ref()
            .is_none_or(|(file, _)| *file != finding.file)
        {
            prepared = Some((finding.file, PreparedFile::of(&report.files[finding.file])));
        }
        let (_, file) = prepared.as_ref().expect("prepared just above");
        let spans = std::iter::once(finding.span).chain(finding.labels.iter().map(|l| l.span));
        let rendered = Rendered {
            finding,
            source: Excerpt::around(file, spans),
            url: finding.rule.url(),
        };
        if handler.render_report(&mut out, &rendered).is_err() {
            out.push_str(&format!(
                "{}: {}\n",
                finding.rule.code,
                displayable(&finding.message)
            ));
        }
        out.push('\n');
    }
    let changes = super::change_lines(report);
    if !changes.is_empty() {
        out.push_str("Changes from before to after:\n");
        for line in changes {
            out.push_str(&format!("  {}\n", displayable(&line)));
        }
        out.push('\n');
    }
    for note in &report.notes {
        out.push_str(&format!("note: {}\n", displayable(note)));
    }
    if let Some(config) = &report.config {
        out.push_str(&format!("config: {}\n", displayable(config)));
    }
    out.push_str(&summary(report));
    // A wrapped help line, or a line of changes, may start with a value.
    no_command_lines(out)
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
        match report.not_shown() {
            0 => format!("Found {} in {files}.", counts.join(", ")),
            hidden => format!(
                "Found {} in {files} ({hidden} not shown).",
                counts.join(", ")
            ),
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::span::Span;

    /// The work of rendering a finding must not grow with the distance between its spans
    /// (OPT003 points at the first definition, which may be 10,000 lines up).
    #[test]
    fn excerpts_hold_the_lines_around_each_span_not_the_lines_between() {
        let text = "[log]\nverbose=standard\n".repeat(10_000);
        let source = crate::source::decode("x.cfg".into(), text.as_bytes()).unwrap();
        let file = PreparedFile::new("x.cfg".into(), &text, &source);
        let far = source.line_index().line_start(19_999);
        let excerpt = Excerpt::around(
            &file,
            [Span::new(6, 13), Span::new(far, far + 7)].into_iter(),
        );
        assert_eq!(excerpt.windows, [(0, 4), (19_996, 20_002)]);
        let contents = excerpt
            .read_span(&SourceSpan::new(far.into(), 7), 1, 1)
            .unwrap();
        assert_eq!(contents.line(), 19_998, "file line numbers, 0-based");
        assert_eq!(
            contents.span().offset(),
            source.line_index().line_start(19_998)
        );
        assert_eq!(
            std::str::from_utf8(contents.data()).unwrap(),
            "[log]\nverbose=standard\n"
        );
    }
}
