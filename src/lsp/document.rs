//! An open document and what the server computes on it: diagnostics, quick fixes, hover.
//!
//! Positions: findings are byte spans into the text gimlint decoded, which starts after a
//! byte-order mark; LSP positions count UTF-16 units on a line of the text as the editor
//! holds it, mark included. Every conversion goes through [`Document::ranges`] and
//! [`Document::offset`], which add and remove the mark.

use crate::base::span::Span;
use crate::diagnostic::{Applicability, Finding};
use crate::model::Application;
use crate::source::LineIndex;
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Diagnostic, DiagnosticSeverity, Hover,
    HoverContents, MarkupContent, MarkupKind, NumberOrString, Position, Range,
    TextDocumentContentChangeEvent, TextEdit, Uri, WorkspaceEdit,
};
use std::collections::HashMap;

const BOM: char = '\u{FEFF}';

pub struct Document {
    pub uri: Uri,
    /// The local path of `uri`: the name the project's run gives the document.
    pub path: String,
    pub text: String,
    /// The line index of `text`, the editor's text (mark included).
    index: LineIndex,
    /// The findings of the last run of the document's project, on `text`.
    pub findings: Vec<Finding>,
    /// The diagnostics last published, to publish a document again only when they change.
    pub published: Option<Vec<Diagnostic>>,
}

impl Document {
    pub fn new(uri: Uri, text: String) -> Self {
        let index = LineIndex::new(&text);
        Document {
            path: path_of(&uri),
            uri,
            text,
            index,
            findings: Vec::new(),
            published: None,
        }
    }

    /// Applies one change of `textDocument/didChange`: the whole text, or (from a client
    /// that sends edits although the server asked for whole texts) a range replaced.
    pub fn change(&mut self, change: TextDocumentContentChangeEvent) {
        match change.range {
            None => self.text = change.text,
            Some(range) => {
                let start = self.offset_in_text(range.start);
                let end = self.offset_in_text(range.end).max(start);
                self.text.replace_range(start..end, &change.text);
            }
        }
        self.index = LineIndex::new(&self.text);
    }

    /// The byte offset in the editor's text of an LSP position.
    fn offset_in_text(&self, at: Position) -> usize {
        self.index
            .utf16_offset(&self.text, at.line as usize, at.character as usize)
    }

    /// Where the text gimlint lints starts: decoding drops a byte-order mark, so spans
    /// count from after it.
    fn body_start(&self) -> usize {
        if self.text.starts_with(BOM) {
            BOM.len_utf8()
        } else {
            0
        }
    }

    /// The LSP ranges of spans of the linted text (the line index makes each one cost the
    /// same wherever it is: a position counted from the start for every diagnostic made
    /// the server quadratic).
    fn ranges(&self, spans: &[Span]) -> Vec<Range> {
        let start = self.body_start();
        let position = |offset: usize| {
            let at = start + offset;
            // Spans of the decoded text, moved past the mark, fall between characters of
            // the editor's text; the index would quietly place one that does not (the fuzz
            // target's builds check this).
            debug_assert!(
                self.text.is_char_boundary(at.min(self.text.len())),
                "a span is not on a character boundary of the document"
            );
            let (line, character) = self.index.utf16_position(&self.text, at);
            let saturated = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
            Position::new(saturated(line), saturated(character))
        };
        spans
            .iter()
            .map(|span| Range::new(position(span.start), position(span.end)))
            .collect()
    }

    /// The offset in the linted text of an LSP position (a position in the mark is 0).
    fn offset(&self, at: Position) -> usize {
        self.offset_in_text(at).saturating_sub(self.body_start())
    }

    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let spans: Vec<Span> = self.findings.iter().map(|f| f.span).collect();
        self.findings
            .iter()
            .zip(self.ranges(&spans))
            .map(|(finding, range)| diagnostic(finding, range))
            .collect()
    }

    /// The quick fixes of the findings that touch `range`.
    pub fn code_actions(&self, range: Range) -> Vec<CodeActionOrCommand> {
        let (start, end) = (self.offset(range.start), self.offset(range.end));
        let fixable: Vec<&Finding> = self
            .findings
            .iter()
            .filter(|f| f.fix.is_some() && f.span.start <= end && start <= f.span.end)
            .collect();
        // The finding's span, then its edits', for all of them: one pass over the text.
        let spans: Vec<Span> = fixable
            .iter()
            .flat_map(|f| {
                std::iter::once(f.span).chain(
                    f.fix
                        .iter()
                        .flat_map(|fix| fix.edits.iter().map(|e| e.span)),
                )
            })
            .collect();
        let mut ranges = self.ranges(&spans).into_iter();
        fixable
            .iter()
            .filter_map(|finding| {
                let fix = finding.fix.as_ref()?;
                let diagnostic = diagnostic(finding, ranges.next()?);
                let edits = fix
                    .edits
                    .iter()
                    .zip(ranges.by_ref())
                    .map(|(edit, range)| TextEdit::new(range, edit.replacement.clone()))
                    .collect();
                Some(CodeActionOrCommand::CodeAction(CodeAction {
                    title: format!("{}: {}", finding.rule.code, fix.message),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![diagnostic]),
                    edit: Some(WorkspaceEdit::new(HashMap::from([(
                        self.uri.clone(),
                        edits,
                    )]))),
                    is_preferred: Some(fix.applicability == Applicability::Safe),
                    ..CodeAction::default()
                }))
            })
            .collect()
    }

    /// `gimlint explain section/option` for the option name at `at`.
    pub fn hover(&self, at: Position) -> Option<Hover> {
        let source = crate::source::decode("hover.cfg".into(), self.text.as_bytes()).ok()?;
        let app = Application::new(&source);
        let at = self.offset(at);
        let (section, option) = app.doc.sections.iter().find_map(|s| {
            let option = s
                .options
                .iter()
                .find(|o| o.name_span.start <= at && at <= o.name_span.end)?;
            Some((s.name?, option.name))
        })?;
        let found = crate::schema::lookup(section, option);
        if found.is_empty() {
            return None;
        }
        let page = found
            .iter()
            .map(crate::docs::option_page)
            .collect::<Vec<_>>()
            .join("\n");
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: page,
            }),
            range: None,
        })
    }
}

fn diagnostic(finding: &Finding, range: Range) -> Diagnostic {
    let mut message = finding.message.clone();
    if let Some(help) = &finding.help {
        message.push_str(&format!("\nhelp: {help}"));
    }
    Diagnostic {
        range,
        severity: Some(match finding.severity {
            crate::base::Severity::Error => DiagnosticSeverity::ERROR,
            crate::base::Severity::Warning => DiagnosticSeverity::WARNING,
            crate::base::Severity::Info => DiagnosticSeverity::INFORMATION,
        }),
        code: Some(NumberOrString::String(finding.rule.code.to_owned())),
        source: Some("gimlint".to_owned()),
        message,
        ..Diagnostic::default()
    }
}

/// The local path of a `file:` URI (percent-decoded); other URIs give their text.
pub fn path_of(uri: &Uri) -> String {
    let text = uri.as_str();
    let Some(rest) = text.strip_prefix("file://") else {
        return text.to_owned();
    };
    String::from_utf8_lossy(&crate::base::text::percent_decoded(rest)).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn test_uri() -> Uri {
        "file:///tmp/test.cfg".parse().unwrap()
    }

    #[test]
    fn ranges_count_utf16_units_and_offsets_round_trip() {
        let text = "[a]\r\nk=𝄞é=x\rz\n";
        let document = Document::new(test_uri(), text.into());
        let eq = text.rfind('=').unwrap();
        let z = text.find('z').unwrap();
        let ranges = document.ranges(&[Span::new(eq, z), Span::new(0, text.len())]);
        assert_eq!(
            ranges,
            [
                // 𝄞 is two UTF-16 units.
                Range::new(Position::new(1, 5), Position::new(2, 0)),
                Range::new(Position::new(0, 0), Position::new(3, 0)),
            ]
        );
        assert_eq!(document.offset(ranges[0].start), eq);
        assert_eq!(document.offset(ranges[0].end), z);
        assert_eq!(
            document.offset(Position::new(1, 99)),
            z - 1,
            "the end of line 1"
        );
        assert_eq!(document.offset(Position::new(9, 0)), text.len());
        assert_eq!(
            path_of(&"file:///tmp/a%20b.cfg".parse().unwrap()),
            "/tmp/a b.cfg"
        );
    }

    #[test]
    fn a_byte_order_mark_is_a_character_of_the_first_line_only() {
        let document = Document::new(test_uri(), "\u{FEFF}[a]\nk=v\n".into());
        // Spans count from after the mark: `[` is 0, `v` is 6.
        assert_eq!(
            document.ranges(&[Span::new(0, 1), Span::new(6, 7)]),
            [
                Range::new(Position::new(0, 1), Position::new(0, 2)),
                Range::new(Position::new(1, 2), Position::new(1, 3))
            ]
        );
        assert_eq!(document.offset(Position::new(1, 2)), 6);
        assert_eq!(document.offset(Position::new(0, 1)), 0);
        assert_eq!(document.offset(Position::new(0, 0)), 0, "in the mark");
    }

    #[test]
    fn changes_replace_the_text_or_a_range_of_it() {
        let mut document = Document::new(test_uri(), "[a]\r\nk=é\r\n".into());
        let range = |from: (u32, u32), to: (u32, u32)| {
            Some(Range::new(
                Position::new(from.0, from.1),
                Position::new(to.0, to.1),
            ))
        };
        let edit = |range, text: &str| TextDocumentContentChangeEvent {
            range,
            range_length: None,
            text: text.into(),
        };
        document.change(edit(range((1, 2), (1, 3)), "true"));
        assert_eq!(document.text, "[a]\r\nk=true\r\n");
        // Reversed ends are read as an insertion at the start, not a panic.
        document.change(edit(range((1, 1), (0, 0)), "x"));
        assert_eq!(document.text, "[a]\r\nkx=true\r\n");
        document.change(edit(None, "[b]"));
        assert_eq!(document.text, "[b]");
    }
}
