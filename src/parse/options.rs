//! Span-preserving parser for the INI-like option export format of Configuration Manager,
//! Genesys Administrator and GAX (`.cfg` / `.conf`).
//!
//! The canonical form is a `[section]` header followed by `name=value` lines. The parser is
//! lossless: every line of the input becomes one [`Line`] (its content span and its line
//! ending), so the lines re-print the input byte for byte. It never fails: a line it cannot
//! read becomes [`LineKind::Invalid`] and parsing goes on with the next line.
//!
//! Intended differences from the `ini` crate (rust-ini), which the property tests use as an
//! oracle on inputs where the two must agree:
//! - a name or value is the text between the blanks around it, as the documentation's own
//!   `name = value` examples read; the lines keep every blank, and rule OPT006 reports the
//!   spacing that the documentation does not use (how Genesys import treats it is not
//!   documented);
//! - only `=` separates a name from its value (rust-ini also accepts `:`): the Genesys format
//!   documents `=` only, and `:` is common inside values such as JDBC URLs;
//! - quotes and backslashes have no special meaning (Windows paths are common values);
//! - `;` and `#` start a comment only at the start of a line; inside a value they are data;
//! - a repeated section or option is kept twice (rules OPT002/OPT003 report it) instead of
//!   being merged or overwritten.

use crate::base::span::Span;
use std::collections::BTreeMap;

/// One parsed option file.
#[derive(Debug)]
pub struct OptionsDoc<'a> {
    pub text: &'a str,
    /// Every line of the input, in order.
    pub lines: Vec<Line>,
    /// Sections in file order. Options before the first header form a section with no name.
    pub sections: Vec<Section<'a>>,
}

/// One line: its content (without the line ending) and its line ending (empty at end of file).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub span: Span,
    pub eol: Span,
    pub kind: LineKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LineKind {
    Blank,
    /// A line whose first non-blank character is `;` or `#`.
    Comment,
    SectionHeader,
    Option,
    Invalid(Invalid),
}

/// Why a line is neither a header, an option, a comment nor blank.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Invalid {
    /// `[name` without the closing bracket.
    UnclosedHeader,
    /// `[]`.
    EmptySectionName,
    /// Something other than blanks after the closing bracket: the span of that text.
    TextAfterHeader(Span),
    /// No `=` on the line.
    MissingEquals,
    /// Nothing but blanks before the `=`.
    EmptyName,
}

/// A `[section]` and the options that follow it.
#[derive(Debug)]
pub struct Section<'a> {
    /// `None` for options that appear before any section header.
    pub name: Option<&'a str>,
    /// The name between the brackets (empty span before the first header).
    pub name_span: Span,
    /// Index in [`OptionsDoc::lines`] of the header line.
    pub header_line: Option<usize>,
    pub options: Vec<OptionEntry<'a>>,
}

/// One `name=value` line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OptionEntry<'a> {
    /// The name of the section the option is in (`None` before any header).
    pub section: Option<&'a str>,
    pub name: &'a str,
    pub name_span: Span,
    pub eq_span: Span,
    pub value: &'a str,
    pub value_span: Span,
    /// Index in [`OptionsDoc::lines`].
    pub line: usize,
}

impl OptionEntry<'_> {
    /// The span of `part`, a slice of this option's value (an item of a list, say).
    pub fn span_of(&self, part: &str) -> Span {
        let offset = (part.as_ptr() as usize).wrapping_sub(self.value.as_ptr() as usize);
        let inside = offset <= self.value.len() && part.len() <= self.value.len() - offset;
        debug_assert!(inside, "{part:?} is not a slice of {:?}", self.value);
        if !inside {
            return self.value_span;
        }
        let start = self.value_span.start + offset;
        Span::new(start, start + part.len())
    }
}

impl<'a> OptionsDoc<'a> {
    pub fn parse(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        let mut doc = OptionsDoc {
            text,
            // Export lines are a few dozen bytes: a guess that spares most regrowing.
            lines: Vec::with_capacity(bytes.len() / 32 + 1),
            sections: Vec::new(),
        };
        // `\r\n`, `\r` and `\n` each end a line; a final line ending does not start another
        // (empty) line.
        let mut start = 0;
        for at in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if at < start {
                // The `\n` of a `\r\n`, taken with its `\r`.
                continue;
            }
            let eol_len = if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
                2
            } else {
                1
            };
            doc.push_line(Span::new(start, at), Span::new(at, at + eol_len));
            start = at + eol_len;
        }
        if start < bytes.len() {
            doc.push_line(Span::new(start, bytes.len()), Span::empty_at(bytes.len()));
        }
        doc
    }

    fn push_line(&mut self, span: Span, eol: Span) {
        let kind = self.classify(span);
        self.lines.push(Line { span, eol, kind });
    }

    /// Classifies one line and records its header or option in `self.sections`.
    fn classify(&mut self, span: Span) -> LineKind {
        let text = self.text;
        let content = &text[span.range()];
        let trimmed = content.trim_start();
        let indent = content.len() - trimmed.len();
        let line_index = self.lines.len();
        if trimmed.trim_end().is_empty() {
            return LineKind::Blank;
        }
        if trimmed.starts_with(';') || trimmed.starts_with('#') {
            return LineKind::Comment;
        }
        if let Some(after_open) = trimmed.strip_prefix('[') {
            let Some(close) = after_open.find(']') else {
                return LineKind::Invalid(Invalid::UnclosedHeader);
            };
            let name_start = span.start + indent + 1;
            let between_brackets = Span::new(name_start, name_start + close);
            let name_span = between_blanks(text, between_brackets);
            let rest_start = between_brackets.end + 1;
            let rest = &text[rest_start..span.end];
            if !rest.trim().is_empty() {
                let junk_start = rest_start + (rest.len() - rest.trim_start().len());
                let junk = Span::new(junk_start, rest_start + rest.trim_end().len());
                return LineKind::Invalid(Invalid::TextAfterHeader(junk));
            }
            if name_span.is_empty() {
                return LineKind::Invalid(Invalid::EmptySectionName);
            }
            self.sections.push(Section {
                name: Some(&text[name_span.range()]),
                name_span,
                header_line: Some(line_index),
                options: Vec::new(),
            });
            return LineKind::SectionHeader;
        }
        let Some(eq) = memchr::memchr(b'=', content.as_bytes()) else {
            return LineKind::Invalid(Invalid::MissingEquals);
        };
        if content[..eq].trim().is_empty() {
            return LineKind::Invalid(Invalid::EmptyName);
        }
        // Names and values are what stands between the blanks: the documentation's own
        // examples write `name = value`. The blanks stay in the line (OPT006 reads them there).
        let eq_at = span.start + eq;
        let name_span = between_blanks(text, Span::new(span.start, eq_at));
        let value_span = between_blanks(text, Span::new(eq_at + 1, span.end));
        let entry = OptionEntry {
            section: self.sections.last().and_then(|s| s.name),
            name: &text[name_span.range()],
            name_span,
            eq_span: Span::new(eq_at, eq_at + 1),
            value: &text[value_span.range()],
            value_span,
            line: line_index,
        };
        if self.sections.is_empty() {
            self.sections.push(Section {
                name: None,
                name_span: Span::empty_at(0),
                header_line: None,
                options: Vec::new(),
            });
        }
        let section = self
            .sections
            .last_mut()
            .expect("a section was just ensured");
        section.options.push(entry);
        LineKind::Option
    }

    /// Every section called `name`, in file order (more than one is OPT002).
    pub fn sections_named<'s>(&'s self, name: &'s str) -> impl Iterator<Item = &'s Section<'a>> {
        self.sections.iter().filter(move |s| s.name == Some(name))
    }

    /// The option `name` of section `section`. When it is defined more than once (OPT002,
    /// OPT003), the last definition is returned: later lines override earlier ones, as when
    /// the lines are applied one after the other.
    pub fn option(&self, section: &str, name: &str) -> Option<&OptionEntry<'a>> {
        self.sections
            .iter()
            .rev()
            .filter(|s| s.name == Some(section))
            .flat_map(|s| s.options.iter().rev())
            .find(|o| o.name == name)
    }

    /// Every option of a named section by section and name, each the definition that
    /// [`OptionsDoc::option`] returns (the last), in name order. Built in one pass: comparing
    /// two documents by calling [`OptionsDoc::option`] for each option would be quadratic.
    pub fn options_by_name(&self) -> BTreeMap<(&'a str, &'a str), &OptionEntry<'a>> {
        let mut options = BTreeMap::new();
        for section in &self.sections {
            let Some(name) = section.name else { continue };
            for option in &section.options {
                options.insert((name, option.name), option);
            }
        }
        options
    }

    /// The last section of each name, in name order.
    pub fn sections_by_name(&self) -> BTreeMap<&'a str, &Section<'a>> {
        self.sections
            .iter()
            .filter_map(|section| Some((section.name?, section)))
            .collect()
    }

    /// Byte offset just after the line at `line` (after its line ending).
    pub fn offset_after_line(&self, line: usize) -> usize {
        self.lines[line].eol.end
    }
}

/// The part of `span` between its leading and trailing blanks; a span of blanks only becomes
/// the empty span at its end.
fn between_blanks(text: &str, span: Span) -> Span {
    // Most names and values have no blank at either end, which their two end bytes tell (a
    // byte above ASCII may start or end a Unicode blank: those take the full test).
    // `str::trim` also takes the vertical tab, which `is_ascii_whitespace` leaves out.
    let plain = |byte: u8| byte.is_ascii() && !byte.is_ascii_whitespace() && byte != 0x0B;
    let bytes = text.as_bytes();
    if span.start < span.end && plain(bytes[span.start]) && plain(bytes[span.end - 1]) {
        return span;
    }
    let part = &text[span.range()];
    let start = span.start + (part.len() - part.trim_start().len());
    let end = (span.start + part.trim_end().len()).max(start);
    Span::new(start, end)
}

impl Section<'_> {
    /// Index of the last line holding this section's header or one of its options.
    pub fn last_line(&self) -> Option<usize> {
        self.options.last().map(|o| o.line).or(self.header_line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_loses_the_same_blanks_whatever_is_at_its_other_end() {
        for (text, name) in [
            ("\x0Bkey=v\n", "key"),
            ("\x0Bkey =v\n", "key"),
            ("key\x0B=v\n", "key"),
            (" key\x0B=v\n", "key"),
        ] {
            let doc = OptionsDoc::parse(text);
            let option = &doc.sections[0].options[0];
            assert_eq!(option.name, name, "{text:?}");
        }
    }

    fn reprint(doc: &OptionsDoc) -> String {
        doc.lines
            .iter()
            .map(|l| format!("{}{}", &doc.text[l.span.range()], &doc.text[l.eol.range()]))
            .collect()
    }

    #[test]
    fn spans_point_at_names_and_values() {
        let text = "[schedule]\r\nrun-scheduler=TRUE\r\n";
        let doc = OptionsDoc::parse(text);
        let section = &doc.sections[0];
        assert_eq!(section.name, Some("schedule"));
        assert_eq!(&text[section.name_span.range()], "schedule");
        let option = doc.option("schedule", "run-scheduler").unwrap();
        assert_eq!(&text[option.name_span.range()], "run-scheduler");
        assert_eq!(&text[option.eq_span.range()], "=");
        assert_eq!(&text[option.value_span.range()], "TRUE");
        assert_eq!(reprint(&doc), text);
    }

    #[test]
    fn keeps_whitespace_comments_and_bad_lines() {
        let text = "; exported\n\n[a] x\n[a\nnovalue\n=v\n [b]\n k = v \n[]\rtail";
        let doc = OptionsDoc::parse(text);
        let kinds: Vec<_> = doc.lines.iter().map(|l| l.kind.clone()).collect();
        assert_eq!(
            kinds,
            vec![
                LineKind::Comment,
                LineKind::Blank,
                LineKind::Invalid(Invalid::TextAfterHeader(Span::new(16, 17))),
                LineKind::Invalid(Invalid::UnclosedHeader),
                LineKind::Invalid(Invalid::MissingEquals),
                LineKind::Invalid(Invalid::EmptyName),
                LineKind::SectionHeader,
                LineKind::Option,
                LineKind::Invalid(Invalid::EmptySectionName),
                LineKind::Invalid(Invalid::MissingEquals),
            ]
        );
        let option = &doc.sections[0].options[0];
        assert_eq!((option.name, option.value), ("k", "v"));
        assert_eq!(&text[option.eq_span.range()], "=");
        assert_eq!(reprint(&doc), text);
    }

    #[test]
    fn options_before_any_header_form_a_nameless_section() {
        let doc = OptionsDoc::parse("a=1\n[s]\nb=2");
        assert_eq!(doc.sections[0].name, None);
        assert_eq!(doc.sections[0].options[0].name, "a");
        assert_eq!(doc.option("s", "b").unwrap().value, "2");
    }

    #[test]
    fn the_last_of_repeated_definitions_wins() {
        let doc = OptionsDoc::parse("[s]\nk=1\n[t]\n[s]\nk=2\nk=3\n");
        assert_eq!(doc.option("s", "k").unwrap().value, "3");
        assert_eq!(doc.sections_named("s").count(), 2);
        let by_name = doc.options_by_name();
        assert_eq!(by_name.len(), 1);
        assert_eq!(by_name[&("s", "k")], doc.option("s", "k").unwrap());
        assert_eq!(
            doc.sections_by_name()["s"].header_line,
            doc.sections_named("s").last().unwrap().header_line
        );
    }
}
