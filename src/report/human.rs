//! Annotated snippets for a terminal, rendered by miette: code, message, the labelled lines,
//! help and a link to the rule's documentation, then a summary.
//!
//! Snippets are rendered from the lines the engine kept of each file, masked with every
//! secret of the run, so a secret never reaches the screen even when a finding points at
//! the line that holds it. Everything from the input
//! (snippets, file names, messages, labels, help, notes) is shown with its control
//! characters escaped, so none acts on the terminal.

use crate::base::escape::{displayable, no_command_lines, Escaped};
use crate::base::text::plural;
use crate::base::Severity;
use crate::diagnostic::{Finding, Lines, Range};
use crate::engine::Report;
use crate::source::LineIndex;
use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};
use rayon::prelude::*;
use std::fmt;

/// How to draw: colours on or off, the width to wrap at, and what besides the findings.
#[derive(Clone, Copy, Debug)]
pub struct HumanOptions {
    pub color: bool,
    pub width: usize,
    /// Boxes in ASCII, for a locale that is not UTF-8.
    pub ascii: bool,
    /// Each code is an OSC 8 link to its rule's documentation.
    pub links: bool,
    /// Each header shows its rule's documentation URL.
    pub urls: bool,
    /// The findings only: no changes, notes or summary.
    pub quiet: bool,
    /// The summary says how many findings `--fix` would fix (not for `gimlint diff`, which
    /// fixes nothing).
    pub fix_hint: bool,
    /// Suggested fixes are marked and counted as fixable, as `--fix --unsafe-fixes` applies
    /// them.
    pub unsafe_fixes: bool,
}

impl HumanOptions {
    /// Unicode boxes, no links or URLs, and everything after the findings but the fix hint.
    pub fn new(color: bool, width: usize) -> Self {
        HumanOptions {
            color,
            width,
            ascii: false,
            links: false,
            urls: false,
            quiet: false,
            fix_hint: false,
            unsafe_fixes: false,
        }
    }
}

/// The lines of one file around one finding's spans, as miette reads source. miette scans
/// its source from the start for every span it reads; given all the lines kept of a file,
/// a file with many findings would render in quadratic time. Each span gets its own window
/// of lines (merged where they meet), and answers come in file coordinates, so line numbers
/// are those of the file.
struct Excerpt<'a> {
    file: &'a PreparedFile,
    /// Disjoint windows, in order: (first line, last line), 0-based.
    windows: Vec<(usize, usize)>,
}

/// Lines of context kept around each span: more than miette shows (one), as many as the
/// engine keeps.
const EXCERPT_MARGIN: usize = crate::engine::SNIPPET_MARGIN;

impl<'a> Excerpt<'a> {
    /// The windows around the ranges of a finding's spans.
    fn around(file: &'a PreparedFile, ranges: impl Iterator<Item = Range>) -> Self {
        let mut windows: Vec<(usize, usize)> = ranges
            .map(|range| {
                let first = (range.start.line - 1).saturating_sub(EXCERPT_MARGIN);
                (first, range.end.line - 1 + EXCERPT_MARGIN)
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

    /// The range shown, first line and kept lines of the window holding `start..end` (of
    /// the text shown); the kept lines holding `start` when no one window does.
    fn window_of(&self, start: usize, end: usize) -> Option<(usize, usize, usize, &'a ShownLines)> {
        let file = self.file;
        self.windows
            .iter()
            .filter_map(|&(first, last)| {
                let lines = file.lines_of_line(first)?;
                let local = |line: usize| lines.index.line_start(line - lines.first_line);
                Some((
                    lines.shown_start + lines.shown.offset(local(first)),
                    lines.shown_start + lines.shown.offset(local(last + 1)),
                    first,
                    lines,
                ))
            })
            .find(|&(from, to, _, _)| from <= start && end <= to)
            .or_else(|| {
                let lines = file.lines_at_shown(start)?;
                Some((
                    lines.shown_start,
                    lines.shown_start + lines.shown.text.len(),
                    lines.first_line,
                    lines,
                ))
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
        let (start, end, first_line, lines) = self
            .window_of(span.offset(), span.offset() + span.len())
            .ok_or(MietteError::OutOfBounds)?;
        let local = SourceSpan::new((span.offset() - start).into(), span.len());
        let window = &lines.shown.text[start - lines.shown_start..end - lines.shown_start];
        let contents = window.read_span(&local, context_lines_before, context_lines_after)?;
        // miette counts the column of a span in bytes; every other format counts characters,
        // of the text before its control characters were escaped.
        let column = if context_lines_before == 0 {
            let original = lines.shown.original(span.offset() - lines.shown_start);
            lines.index.line_col(&lines.text, original).1 - 1
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

/// Lines kept of a file, ready for excerpts: as shown (control characters escaped), and as
/// kept, with their line index for columns. Redaction keeps every byte offset and line
/// ending, a lone `\r` made `\n` still ends a line, and escaping keeps line breaks, so the
/// lines shown are those of the file; columns are counted on the lines kept and only the
/// counts are shown.
struct ShownLines {
    /// Where the lines start in the file's text.
    start: usize,
    /// Where the lines start in the coordinates of the text shown: the file's offsets
    /// moved by the escapes of the lines kept before them.
    shown_start: usize,
    first_line: usize,
    /// The masked lines, a lone `\r` made `\n`.
    text: String,
    index: LineIndex,
    shown: Escaped,
}

/// A file with findings, ready for excerpts. miette reads the text shown: spans, which are
/// of the file, go through [`PreparedFile::shown_span`] first.
struct PreparedFile {
    name: String,
    lines: Vec<ShownLines>,
}

impl PreparedFile {
    fn of(file: &crate::engine::LintedFile) -> Self {
        PreparedFile::new(displayable(&file.path).into_owned(), &file.lines)
    }

    fn new(name: String, kept: &[Lines]) -> Self {
        let mut growth = 0;
        let lines = kept
            .iter()
            .map(|lines| {
                let text = lone_cr_as_lf(lines.text.clone());
                let shown = Escaped::new(&text, true);
                let shown_start = lines.start + growth;
                growth += shown.text.len() - text.len();
                ShownLines {
                    start: lines.start,
                    shown_start,
                    first_line: lines.first_line,
                    index: LineIndex::new(&text),
                    text,
                    shown,
                }
            })
            .collect();
        PreparedFile { name, lines }
    }

    /// The kept lines holding the 0-based `line` of the file.
    fn lines_of_line(&self, line: usize) -> Option<&ShownLines> {
        let after = self.lines.partition_point(|l| l.first_line <= line);
        self.lines[..after]
            .last()
            .filter(|l| line < l.first_line + l.index.line_count())
    }

    /// The length in bytes of the 0-based `line` of the file, when it is kept.
    fn line_length(&self, line: usize) -> Option<usize> {
        let lines = self.lines_of_line(line)?;
        let local = line - lines.first_line;
        Some(lines.index.line_start(local + 1) - lines.index.line_start(local))
    }

    /// The kept lines holding `offset` of the text shown.
    fn lines_at_shown(&self, offset: usize) -> Option<&ShownLines> {
        let after = self.lines.partition_point(|l| l.shown_start <= offset);
        self.lines[..after].last()
    }

    /// `offset`, of the file, in the text shown.
    fn shown_offset(&self, offset: usize) -> usize {
        let after = self.lines.partition_point(|l| l.start <= offset);
        self.lines[..after].last().map_or(offset, |lines| {
            lines.shown_start + lines.shown.offset(offset - lines.start)
        })
    }

    /// `span`, of the file, in the text shown.
    fn shown_span(&self, span: crate::base::span::Span) -> crate::base::span::Span {
        crate::base::span::Span::new(self.shown_offset(span.start), self.shown_offset(span.end))
    }
}

/// A finding seen through miette's `Diagnostic` trait.
struct Rendered<'a> {
    finding: &'a Finding,
    unsafe_fixes: bool,
    /// Where the finding is, said after its message when its lines are too long to show
    /// (see [`LONGEST_LINE_SHOWN`]); `None` when the snippet shows them.
    not_shown: Option<String>,
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
        f.write_str(&displayable(&self.finding.message))?;
        match &self.not_shown {
            Some(place) => write!(f, "\n{place}"),
            None => Ok(()),
        }
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
            "{}[{}]{}",
            self.finding.severity,
            self.finding.rule.code,
            super::fixable_marker(self.finding, self.unsafe_fixes)
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
        self.not_shown
            .is_none()
            .then_some(&self.source as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.not_shown.is_some() {
            return None;
        }
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

/// The longest line a snippet shows, in bytes. A finding on a longer one (an export written
/// on one line, thousands of URLs long) says where it is instead: each of up to a thousand
/// findings on it would print the whole line again, hundreds of megabytes.
const LONGEST_LINE_SHOWN: usize = 4096;

/// How many files' findings are rendered at once, on all cores, before they are written:
/// the output of a large run is never held whole.
const FILES_AT_ONCE: usize = 256;

/// `report` for a person.
pub fn render(report: &Report, options: HumanOptions) -> String {
    let mut out = Vec::new();
    write(report, options, &mut out).expect("writing to memory does not fail");
    String::from_utf8(out).expect("the rendering is UTF-8")
}

/// Writes `report` for a person to `out`, as it is rendered. Findings come sorted by file:
/// each file is prepared once, and the files are rendered on all cores, a window at a time,
/// and written in order. Each rendering ends a line, so no line straddles two, and each is
/// made safe for logs apart: a wrapped help line, or a line of changes, may start with a
/// value.
pub fn write(
    report: &Report,
    options: HumanOptions,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let theme = match (options.color, options.ascii) {
        (true, false) => GraphicalTheme::unicode(),
        (false, false) => GraphicalTheme::unicode_nocolor(),
        (true, true) => GraphicalTheme::ascii(),
        (false, true) => GraphicalTheme::none(),
    };
    // The code itself is the link where links show; the URL in full only when asked. Lines
    // wrap at spaces only: a path, a URL or an option name is copied whole from the terminal,
    // and a path wraps the same on Windows as on Linux.
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(options.width)
        .with_word_separator(textwrap::WordSeparator::AsciiSpace)
        .with_word_splitter(textwrap::WordSplitter::NoHyphenation)
        .with_links(options.links && !options.urls)
        .with_link_display_text("")
        .with_urls(options.links || options.urls);
    let by_file: Vec<&[Finding]> = report.findings.chunk_by(|a, b| a.file == b.file).collect();
    for window in by_file.chunks(FILES_AT_ONCE) {
        let rendered: Vec<String> = window
            .par_iter()
            .map(|findings| {
                no_command_lines(render_file(
                    report,
                    findings,
                    &handler,
                    options.unsafe_fixes,
                ))
            })
            .collect();
        for file in rendered {
            out.write_all(file.as_bytes())?;
        }
    }
    if !options.quiet {
        out.write_all(tail(report, options.fix_hint, options.unsafe_fixes).as_bytes())?;
    }
    Ok(())
}

/// What follows the findings: the changes of `gimlint diff`, the notes of the run, the
/// gimlint.toml used, the summary, and (with `fix_hint`) what `--fix` would fix, with
/// `--unsafe-fixes` when `unsafe_fixes`.
pub fn tail(report: &Report, fix_hint: bool, unsafe_fixes: bool) -> String {
    let mut tail = String::new();
    let changes = super::change_lines(report);
    if !changes.is_empty() {
        tail.push_str("Changes from before to after:\n");
        for line in changes {
            tail.push_str(&format!("  {}\n", displayable(&line)));
        }
        tail.push('\n');
    }
    for note in &report.notes {
        tail.push_str(&format!("note: {}\n", displayable(note)));
    }
    if let Some(config) = &report.config {
        tail.push_str(&format!("config: {}\n", displayable(config)));
    }
    tail.push_str(&summary(report));
    if fix_hint {
        tail.push_str(&fix_summary(report, unsafe_fixes));
    }
    no_command_lines(tail)
}

/// ruff's line on fixes: how many findings `--fix` fixes, and how many more
/// `--unsafe-fixes` would (counted among them once `unsafe_fixes` enables them); nothing
/// when no finding has a fix.
pub fn fix_summary(report: &Report, unsafe_fixes: bool) -> String {
    let (safe, suggested) = match super::fix_counts(report) {
        (safe, suggested) if unsafe_fixes => (safe + suggested, 0),
        counts => counts,
    };
    let hidden = match suggested {
        0 => String::new(),
        1 => "1 hidden fix can be enabled with the `--unsafe-fixes` option".to_owned(),
        n => format!("{n} hidden fixes can be enabled with the `--unsafe-fixes` option"),
    };
    match (safe, hidden.is_empty()) {
        (0, true) => String::new(),
        (0, false) => format!("No fixes available ({hidden}).\n"),
        (safe, true) => format!("[*] {safe} fixable with the `--fix` option.\n"),
        (safe, false) => format!("[*] {safe} fixable with the `--fix` option ({hidden}).\n"),
    }
}

/// The findings of one file, each with its excerpt.
fn render_file(
    report: &Report,
    findings: &[Finding],
    handler: &GraphicalReportHandler,
    unsafe_fixes: bool,
) -> String {
    let mut out = String::new();
    let Some(first) = findings.first() else {
        return out;
    };
    let file = PreparedFile::of(&report.files[first.file]);
    for finding in findings {
        let located = finding.located();
        let ranges = std::iter::once(located.span).chain(located.labels.iter().copied());
        // The lines of its spans, and the line of context miette shows around them.
        let longest = located
            .labels
            .iter()
            .chain([&located.span])
            .flat_map(|range| range.start.line.saturating_sub(2)..=range.end.line)
            .filter_map(|line| file.line_length(line))
            .max()
            .unwrap_or(0);
        let not_shown = (longest > LONGEST_LINE_SHOWN).then(|| {
            format!(
                "at {}:{}:{} (a line of {longest} bytes: not shown)",
                file.name, located.span.start.line, located.span.start.column
            )
        });
        let rendered = Rendered {
            finding,
            unsafe_fixes,
            not_shown,
            source: Excerpt::around(&file, ranges),
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
    out
}

/// The closing line: counts by severity and files, or that everything passed.
pub fn summary(report: &Report) -> String {
    let files = plural(report.files.len(), "file");
    let mut line = if report.findings.is_empty() && !report.errors.is_empty() {
        // A run that could not do the whole job does not open with "no problems".
        let paths = plural(report.errors.len(), "path");
        return match report.files.len() {
            0 => format!("{paths} could not be linted; nothing was linted.\n"),
            _ => format!(
                "{paths} could not be linted; no problems found in the {files} that could.\n"
            ),
        };
    } else if report.findings.is_empty() {
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

    /// The work of rendering a finding must not grow with the distance between its spans
    /// (OPT003 points at the first definition, which may be 10,000 lines up).
    #[test]
    fn excerpts_hold_the_lines_around_each_span_not_the_lines_between() {
        let text = "[log]\nverbose=standard\n".repeat(10_000);
        let index = LineIndex::new(&text);
        let kept = |first: usize, last: usize| {
            let start = index.line_start(first);
            Lines {
                start,
                first_line: first,
                text: text[start..index.line_start(last + 1)].to_owned(),
                secrets: Vec::new(),
            }
        };
        let file = PreparedFile::new("x.cfg".into(), &[kept(0, 4), kept(19_996, 20_002)]);
        let far = index.line_start(19_999);
        let at = |line: usize, column: usize| crate::diagnostic::Position { line, column };
        let range = |line: usize| Range {
            start: at(line, 1),
            end: at(line, 8),
        };
        let excerpt = Excerpt::around(&file, [range(2), range(20_000)].into_iter());
        assert_eq!(excerpt.windows, [(0, 4), (19_996, 20_002)]);
        let contents = excerpt
            .read_span(&SourceSpan::new(far.into(), 7), 1, 1)
            .unwrap();
        assert_eq!(contents.line(), 19_998, "file line numbers, 0-based");
        assert_eq!(contents.span().offset(), index.line_start(19_998));
        assert_eq!(
            std::str::from_utf8(contents.data()).unwrap(),
            "[log]\nverbose=standard\n"
        );
    }
}
