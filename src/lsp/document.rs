//! An open document and what the server computes on it: diagnostics, quick fixes, hover.
//!
//! Positions: findings are byte spans into the text gimlint decoded, which starts after a
//! byte-order mark; LSP positions count UTF-16 units on a line of the text as the editor
//! holds it, mark included. Every conversion goes through [`Document::ranges`] and
//! [`Document::offset`], which add and remove the mark.

use crate::cli::{self, RuleArgs};
use crate::finding::{Applicability, Finding};
use crate::model::Application;
use crate::settings::Settings;
use crate::span::Span;
use crate::{lint, Input};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Diagnostic, DiagnosticSeverity, Hover,
    HoverContents, MarkupContent, MarkupKind, NumberOrString, Position, Range,
    TextDocumentContentChangeEvent, TextEdit, Uri, WorkspaceEdit,
};
use std::collections::HashMap;
use std::path::PathBuf;

const BOM: char = '\u{FEFF}';

pub struct Document {
    text: String,
}

impl Document {
    pub fn new(text: String) -> Self {
        Document { text }
    }

    /// Applies one change of `textDocument/didChange`: the whole text, or (from a client
    /// that sends edits although the server asked for whole texts) a range replaced.
    pub fn change(&mut self, change: TextDocumentContentChangeEvent) {
        match change.range {
            None => self.text = change.text,
            Some(range) => {
                let start = offset_in(&self.text, range.start);
                let end = offset_in(&self.text, range.end).max(start);
                self.text.replace_range(start..end, &change.text);
            }
        }
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

    /// The LSP ranges of spans of the linted text, in one pass over the text.
    fn ranges(&self, spans: &[Span]) -> Vec<Range> {
        let start = self.body_start();
        let offsets: Vec<usize> = spans
            .iter()
            .flat_map(|span| [start + span.start, start + span.end])
            .collect();
        // Spans of the decoded text, moved past the mark, fall between characters of the
        // editor's text; `positions` would quietly place one that does not (the fuzz
        // target's builds check this).
        debug_assert!(
            offsets.iter().all(|&at| self.text.is_char_boundary(at)),
            "a span is not on a character boundary of the document"
        );
        positions(&self.text, &offsets)
            .chunks_exact(2)
            .map(|pair| Range::new(pair[0], pair[1]))
            .collect()
    }

    /// The offset in the linted text of an LSP position (a position in the mark is 0).
    fn offset(&self, at: Position) -> usize {
        offset_in(&self.text, at).saturating_sub(self.body_start())
    }

    fn findings(&self, uri: &Uri, today: &str) -> Vec<Finding> {
        let path = path_of(uri);
        let input = Input::Memory {
            name: path.clone(),
            bytes: self.text.as_bytes().to_vec(),
        };
        lint(&[input], &settings_for(&path, today))
            .findings
            .into_iter()
            .filter(|f| f.file == 0)
            .collect()
    }

    pub fn diagnostics(&self, uri: &Uri, today: &str) -> Vec<Diagnostic> {
        let findings = self.findings(uri, today);
        let spans: Vec<Span> = findings.iter().map(|f| f.span).collect();
        findings
            .iter()
            .zip(self.ranges(&spans))
            .map(|(finding, range)| diagnostic(finding, range))
            .collect()
    }

    /// The quick fixes of the findings that touch `range`.
    pub fn code_actions(&self, uri: &Uri, range: Range, today: &str) -> Vec<CodeActionOrCommand> {
        let (start, end) = (self.offset(range.start), self.offset(range.end));
        let fixable: Vec<Finding> = self
            .findings(uri, today)
            .into_iter()
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
                    edit: Some(WorkspaceEdit::new(HashMap::from([(uri.clone(), edits)]))),
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
            crate::rules::Severity::Error => DiagnosticSeverity::ERROR,
            crate::rules::Severity::Warning => DiagnosticSeverity::WARNING,
            crate::rules::Severity::Info => DiagnosticSeverity::INFORMATION,
        }),
        code: Some(NumberOrString::String(finding.rule.code.to_owned())),
        source: Some("gimlint".to_owned()),
        message,
        ..Diagnostic::default()
    }
}

/// The LSP positions of byte offsets of `text`, in the order given, found in one pass over
/// the text (a position per finding counted from the start made the server quadratic).
/// `\r\n`, `\r` and `\n` end lines; columns count UTF-16 units. An offset inside a
/// character is placed after it, one past the end at the end.
fn positions(text: &str, offsets: &[usize]) -> Vec<Position> {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_unstable_by_key(|&i| offsets[i]);
    let mut order = order.into_iter().peekable();
    let mut found = vec![Position::default(); offsets.len()];
    let (mut line, mut character) = (0u32, 0u32);
    let bytes = text.as_bytes();
    for (at, c) in text.char_indices() {
        while let Some(i) = order.next_if(|&i| offsets[i] <= at) {
            found[i] = Position::new(line, character);
        }
        if c == '\n' || (c == '\r' && bytes.get(at + 1) != Some(&b'\n')) {
            line = line.saturating_add(1);
            character = 0;
        } else {
            character = character.saturating_add(c.len_utf16() as u32);
        }
    }
    for i in order {
        found[i] = Position::new(line, character);
    }
    found
}

/// The byte offset of an LSP position in `text`. A column past the end of its line means
/// the end of the line, a line past the end the end of the text (as LSP says); a column in
/// the middle of a surrogate pair, the character after it.
fn offset_in(text: &str, at: Position) -> usize {
    let bytes = text.as_bytes();
    let mut line_start = 0;
    for _ in 0..at.line {
        match memchr::memchr2(b'\n', b'\r', &bytes[line_start..]) {
            Some(end) => {
                let end = line_start + end;
                line_start = if bytes[end] == b'\r' && bytes.get(end + 1) == Some(&b'\n') {
                    end + 2
                } else {
                    end + 1
                };
            }
            None => return text.len(),
        }
    }
    let mut units = 0;
    for (index, c) in text[line_start..].char_indices() {
        if units >= at.character as usize || c == '\n' || c == '\r' {
            return line_start + index;
        }
        units += c.len_utf16();
    }
    text.len()
}

/// The local path of a `file:` URI (percent-decoded); other URIs give their text.
fn path_of(uri: &Uri) -> String {
    let text = uri.as_str();
    let Some(rest) = text.strip_prefix("file://") else {
        return text.to_owned();
    };
    let bytes = rest.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).and_then(|b| hex(*b)),
            bytes.get(i + 2).and_then(|b| hex(*b)),
        ) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The settings for a document: the command line's defaults, with the gimlint.toml found
/// above the document.
fn settings_for(path: &str, today: &str) -> Settings {
    let args = RuleArgs {
        target_release: None,
        select: Vec::new(),
        ignore: Vec::new(),
        adata_reference: None,
        config: None,
        no_suppressions: false,
        max_file_size: None,
    };
    let start = PathBuf::from(path);
    cli::settings(&args, None, None, today, start.parent())
        .unwrap_or_else(|_| Settings::all_rules(today))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_utf16_units_and_round_trip() {
        let text = "[a]\r\nk=𝄞é=x\rz\n";
        let eq = text.rfind('=').unwrap();
        let z = text.find('z').unwrap();
        let found = positions(text, &[z, eq, 0, text.len(), eq + 1]);
        assert_eq!(
            found,
            [
                Position::new(2, 0),
                Position::new(1, 5), // 𝄞 is two UTF-16 units
                Position::new(0, 0),
                Position::new(3, 0),
                Position::new(1, 6),
            ]
        );
        assert_eq!(offset_in(text, found[1]), eq);
        assert_eq!(offset_in(text, found[0]), z);
        assert_eq!(
            offset_in(text, Position::new(1, 99)),
            z - 1,
            "the end of line 1"
        );
        assert_eq!(offset_in(text, Position::new(9, 0)), text.len());
        assert_eq!(
            path_of(&"file:///tmp/a%20b.cfg".parse().unwrap()),
            "/tmp/a b.cfg"
        );
    }

    #[test]
    fn a_byte_order_mark_is_a_character_of_the_first_line_only() {
        let document = Document::new("\u{FEFF}[a]\nk=v\n".into());
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
        let mut document = Document::new("[a]\r\nk=é\r\n".into());
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
