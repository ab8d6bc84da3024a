//! Where each finding of a file is, computed on the worker that checked the file while its
//! text is at hand: lines and columns of every span, the place that keys baselines and
//! fingerprints, and the few lines of the file that output shows (snippets) or reads places
//! from. After it, the file's text is needed by no reporter.

use crate::base::span::Span;
use crate::diagnostic::{Finding, Lines, Located, PlaceKey, Position, Range};
use crate::model::FileModel;
use crate::parse::options::{OptionsDoc, Section};
use crate::source::{LineIndex, SourceFile};

/// Lines of context kept around each span of a finding for its snippet: more than the
/// human format shows (one), as many as it reads (see `report::human`).
pub const SNIPPET_MARGIN: usize = 3;

/// Locates every finding of `file`, and returns the lines of the file they need: whole
/// lines, in runs that neither overlap nor touch, in order, with the file's own secrets in
/// them (masked with the run's when the run ends).
pub(super) fn locate(file: &FileModel, findings: &mut [Finding]) -> Vec<Lines> {
    let doc = match file {
        FileModel::Options(app) => Some(&app.doc),
        FileModel::AdataSpec(_) => None,
    };
    locate_in(file.source(), doc, file.secrets(), findings)
}

/// [`locate`] in any text: `doc` is its parse when it is an option export (places are then
/// sections and options, else lines), `secrets` its own secrets.
pub(super) fn locate_in(
    source: &SourceFile,
    doc: Option<&OptionsDoc>,
    secrets: &[Span],
    findings: &mut [Finding],
) -> Vec<Lines> {
    if findings.is_empty() {
        return Vec::new();
    }
    let index = source.line_index();
    // (first line, last line), 0-based, of every run of lines needed.
    let mut wanted: Vec<(usize, usize)> = Vec::new();
    for finding in findings.iter_mut() {
        let place_key = place_key(doc, source, finding.span.start);
        let spans = std::iter::once(finding.span).chain(finding.labels.iter().map(|l| l.span));
        wanted.extend(spans.map(|span| {
            (
                index.line_of(span.start).saturating_sub(SNIPPET_MARGIN),
                index.line_of(span.end) + SNIPPET_MARGIN,
            )
        }));
        let place_spans = match place_key {
            PlaceKey::Section(span) | PlaceKey::Line(span) => [Some(span), None],
            PlaceKey::Option { section, option } => [Some(section), Some(option)],
        };
        wanted.extend(
            place_spans
                .into_iter()
                .flatten()
                .filter(|span| !span.is_empty())
                .map(|span| (index.line_of(span.start), index.line_of(span.end))),
        );
        finding.located = Some(Box::new(Located {
            span: range(source, finding.span),
            labels: finding
                .labels
                .iter()
                .map(|l| range(source, l.span))
                .collect(),
            edits: finding
                .fix
                .iter()
                .flat_map(|fix| &fix.edits)
                .map(|e| range(source, e.span))
                .collect(),
            place_key: Some(place_key),
        }));
    }
    lines_of(source, index, &merged(wanted), secrets)
}

/// The positions of the ends of `span` in `source`.
pub(super) fn range(source: &SourceFile, span: Span) -> Range {
    let position = |offset: usize| {
        let (line, column) = source.line_col(offset);
        Position { line, column }
    };
    Range {
        start: position(span.start),
        end: position(span.end),
    }
}

/// `runs` sorted, and those that overlap or touch merged.
fn merged(mut runs: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    runs.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(runs.len());
    for (first, last) in runs {
        match merged.last_mut() {
            Some(previous) if first <= previous.1 + 1 => previous.1 = previous.1.max(last),
            _ => merged.push((first, last)),
        }
    }
    merged
}

/// The text of each run of lines (past the last line, up to the end of the text), with the
/// parts of `secrets` in it.
fn lines_of(
    source: &SourceFile,
    index: &LineIndex,
    runs: &[(usize, usize)],
    secrets: &[Span],
) -> Vec<Lines> {
    let text = &source.text;
    let mut lines: Vec<Lines> = runs
        .iter()
        .map(|&(first, last)| {
            let (start, end) = (index.line_start(first), index.line_start(last + 1));
            Lines {
                start,
                first_line: first,
                text: text[start..end].to_owned(),
                secrets: Vec::new(),
            }
        })
        .collect();
    // Each secret is given to the runs it overlaps: two searches, not a scan of the runs.
    for secret in secrets {
        let from = lines.partition_point(|l| l.end() <= secret.start);
        for run in lines[from..]
            .iter_mut()
            .take_while(|l| l.start < secret.end.max(secret.start + 1))
        {
            let start = secret.start.max(run.start) - run.start;
            let end = secret.end.min(run.end()).saturating_sub(run.start);
            if start < end {
                run.secrets.push(Span::new(start, end));
            }
        }
    }
    lines
}

/// How the place of `offset` is made: the section header or option line holding it; for
/// other text (XML, a line that is not an option) the line itself. Sections and their
/// options are in file order: two searches find them, whatever the size of the file.
fn place_key(doc: Option<&OptionsDoc>, source: &SourceFile, offset: usize) -> PlaceKey {
    let sections = doc.map_or(&[][..], |doc| &doc.sections[..]);
    if let Some(doc) = doc {
        let starts_by = |section: &Section| {
            section
                .header_line
                .map_or(0, |line| doc.lines[line].span.start)
                <= offset
        };
        if let Some(section) = sections[..sections.partition_point(starts_by)].last() {
            if section.name_span.start <= offset
                && offset <= section.name_span.end
                && section.name.is_some()
            {
                return PlaceKey::Section(section.name_span);
            }
            let options = &section.options;
            let before = options.partition_point(|o| doc.lines[o.line].span.start <= offset);
            if let Some(option) = options[..before]
                .last()
                .filter(|o| offset <= doc.lines[o.line].span.end)
            {
                return PlaceKey::Option {
                    section: section.name_span,
                    option: option.name_span,
                };
            }
        }
    }
    // The line without its line break, from the index: thousands of findings on one long
    // line must not each scan it.
    let text = &source.text;
    let index = source.line_index();
    let line = index.line_of(offset);
    let start = index.line_start(line);
    let next = index.line_start(line + 1);
    let line_text = text[start..next].trim_end_matches('\n');
    let line_text = line_text.strip_suffix('\r').unwrap_or(line_text);
    PlaceKey::Line(Span::new(start, start + line_text.len()))
}

/// The place of `key`, read from `lines` (the masked lines kept of its file).
pub(super) fn place_of(key: PlaceKey, lines: &[Lines]) -> String {
    let text_of = |span: Span| {
        if span.is_empty() {
            return "";
        }
        let run = lines.partition_point(|l| l.end() <= span.start);
        lines
            .get(run)
            .and_then(|l| l.text_of(span))
            .unwrap_or_default()
    };
    match key {
        PlaceKey::Section(name) => format!("[{}]", text_of(name)),
        PlaceKey::Option { section, option } => {
            format!("[{}]{}", text_of(section), text_of(option))
        }
        PlaceKey::Line(line) => text_of(line).trim().to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::RuleMeta;
    use crate::model::Application;

    fn finding_at(span: Span) -> Finding {
        static META: std::sync::OnceLock<&'static RuleMeta> = std::sync::OnceLock::new();
        let meta = META.get_or_init(|| crate::rules::REGISTRY[0].meta());
        Finding::new(meta, span, "m")
    }

    /// The searches of `place_key` find what a scan of every section and option finds.
    #[test]
    fn places_are_found_as_a_scan_finds_them() {
        let text = "a=1\n\n[s]\n; c\nk=v\nbad\n[t]\n[s]\nk2 = v2\r\nk3=\n";
        let source = crate::source::decode("t.cfg".into(), text.as_bytes()).unwrap();
        let file = FileModel::Options(Application::new(&source));
        let doc = OptionsDoc::parse(text);
        let scan = |offset: usize| {
            for section in &doc.sections {
                let name = section.name.unwrap_or("");
                if section.name_span.start <= offset
                    && offset <= section.name_span.end
                    && section.name.is_some()
                {
                    return format!("[{name}]");
                }
                for option in &section.options {
                    let line = &doc.lines[option.line];
                    if line.span.start <= offset && offset <= line.span.end {
                        return format!("[{name}]{}", option.name);
                    }
                }
            }
            let start = text[..offset.min(text.len())]
                .rfind(['\n', '\r'])
                .map_or(0, |i| i + 1);
            let end = text[start..]
                .find(['\n', '\r'])
                .map_or(text.len(), |i| start + i);
            text[start..end].trim().to_owned()
        };
        // No span starts between the two bytes of a `\r\n`.
        let inside_crlf =
            |offset: usize| text[..offset].ends_with('\r') && text[offset..].starts_with('\n');
        let offsets: Vec<usize> = text
            .char_indices()
            .map(|(o, _)| o)
            .filter(|&o| !inside_crlf(o))
            .collect();
        let mut findings: Vec<Finding> = offsets
            .iter()
            .map(|&o| finding_at(Span::empty_at(o)))
            .collect();
        let lines = locate(&file, &mut findings);
        for (offset, finding) in offsets.iter().zip(&findings) {
            let key = finding.located().place_key.unwrap();
            assert_eq!(place_of(key, &lines), scan(*offset), "at {offset}");
        }
    }

    /// A finding keeps the lines its snippet shows and those its place is read from, not
    /// the lines between; each run of lines holds the file's secrets in it.
    #[test]
    fn a_finding_keeps_the_lines_around_it_and_its_section_header() {
        let mut text = String::from("[s]\npassword=hunter22\n");
        for i in 0..20 {
            text.push_str(&format!("k{i}=v\n"));
        }
        let source = crate::source::decode("t.cfg".into(), text.as_bytes()).unwrap();
        let app = Application::new(&source);
        let file = FileModel::Options(app);
        let at = text.find("k15").unwrap();
        let mut findings = vec![finding_at(Span::new(at, at + 3))];
        let lines = locate(&file, &mut findings);
        assert_eq!(
            lines
                .iter()
                .map(|l| (l.first_line, l.text.lines().count()))
                .collect::<Vec<_>>(),
            [(0, 1), (14, 7)],
            "the header, then three lines on each side of line 18"
        );
        let located = findings[0].located();
        assert_eq!(
            located.span.start,
            Position {
                line: 18,
                column: 1
            }
        );
        assert_eq!(
            located.span.end,
            Position {
                line: 18,
                column: 4
            }
        );
        assert_eq!(place_of(located.place_key.unwrap(), &lines), "[s]k15");

        let mut near = vec![finding_at(Span::new(5, 6))];
        let lines = locate(&file, &mut near);
        let password = lines[0].text.find("hunter22").unwrap();
        assert_eq!(lines[0].secrets, [Span::new(password, password + 8)]);
    }
}
