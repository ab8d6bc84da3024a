//! Inline suppressions in option exports, a comment line each:
//!
//! ```text
//! ; gimlint: ignore GIM001 -- the scheduler of this lab server stays on
//! ; gimlint: ignore-section OPT013,OPT014 until=2026-12-31 -- custom section, ticket CHG-42
//! ; gimlint: ignore-file SEC001 -- passwords are fake in this test export
//! ```
//!
//! `ignore` applies to the next option line, `ignore-section` to the section of the next
//! line that is not a comment or blank, `ignore-file` to the whole file. Rules are named by
//! code, code prefix or name, never by message text. `until=YYYY-MM-DD` makes it expire;
//! `-- reason` says why.

use crate::parse::options::{LineKind, OptionsDoc};
use crate::rules::selection;
use crate::span::Span;

/// What a suppression covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// The next option line.
    Line,
    Section,
    File,
}

/// One `; gimlint: ignore…` comment.
#[derive(Clone, Debug)]
pub struct Suppression<'a> {
    /// The comment line (without its line ending).
    pub span: Span,
    /// The comment line and its line ending: what deleting it removes.
    pub line_with_eol: Span,
    pub scope: Scope,
    /// The bytes it covers.
    pub covers: Span,
    /// The rule codes it names (selectors resolved).
    pub codes: Vec<&'static str>,
    /// Selectors that name no rule.
    pub unknown: Vec<&'a str>,
    pub reason: Option<&'a str>,
    pub until: Option<&'a str>,
}

impl Suppression<'_> {
    pub fn suppresses(&self, code: &str, at: usize) -> bool {
        self.codes.contains(&code)
            && self.covers.start <= at
            && at < self.covers.end.max(self.covers.start + 1)
    }
}

/// The byte range of each section: from its header (or the start of the file) to the next
/// header.
fn section_ranges(doc: &OptionsDoc) -> Vec<Span> {
    let starts: Vec<usize> = doc
        .sections
        .iter()
        .map(|s| s.header_line.map_or(0, |l| doc.lines[l].span.start))
        .collect();
    starts
        .iter()
        .enumerate()
        .map(|(i, &start)| Span::new(start, starts.get(i + 1).copied().unwrap_or(doc.text.len())))
        .collect()
}

/// Every suppression comment of `doc`.
pub fn parse<'a>(doc: &OptionsDoc<'a>) -> Vec<Suppression<'a>> {
    let ranges = section_ranges(doc);
    let mut found = Vec::new();
    for (index, line) in doc.lines.iter().enumerate() {
        if line.kind != LineKind::Comment {
            continue;
        }
        let content = &doc.text[line.span.range()];
        let Some(directive) = content
            .trim_start()
            .trim_start_matches([';', '#'])
            .trim_start()
            .strip_prefix("gimlint:")
        else {
            continue;
        };
        let (directive, reason) = match directive.split_once("--") {
            Some((head, reason)) => (head, Some(reason.trim()).filter(|r| !r.is_empty())),
            None => (directive, None),
        };
        let mut words = directive.split_whitespace();
        let scope = match words.next() {
            Some("ignore") => Scope::Line,
            Some("ignore-section") => Scope::Section,
            Some("ignore-file") => Scope::File,
            _ => continue,
        };
        let mut codes = Vec::new();
        let mut unknown = Vec::new();
        let mut until = None;
        for word in words.flat_map(|w| w.split(',')).filter(|w| !w.is_empty()) {
            if let Some(date) = word.strip_prefix("until=") {
                until = Some(date);
                continue;
            }
            match selection::resolve(&[word.to_owned()], &[]) {
                Ok(resolved) => codes.extend(resolved),
                Err(_) => unknown.push(word),
            }
        }
        // The next line that is neither a comment nor blank.
        let next = doc.lines[index + 1..]
            .iter()
            .find(|l| !matches!(l.kind, LineKind::Comment | LineKind::Blank));
        let covers = match scope {
            Scope::File => Span::new(0, doc.text.len()),
            Scope::Line => match next {
                Some(l) if l.kind == LineKind::Option => l.span,
                _ => Span::empty_at(line.span.start),
            },
            Scope::Section => {
                let at = next.map_or(line.span.start, |l| l.span.start);
                ranges
                    .iter()
                    .rev()
                    .find(|r| r.start <= at)
                    .copied()
                    .unwrap_or(Span::empty_at(line.span.start))
            }
        };
        found.push(Suppression {
            span: line.span,
            line_with_eol: Span::new(line.span.start, line.eol.end),
            scope,
            covers,
            codes,
            unknown,
            reason,
            until,
        });
    }
    found
}

/// Whether `date` is a day of the calendar written `YYYY-MM-DD`: `2026-13-01` and
/// `2026-02-30` are not (dates are compared as text, so a month 13 would never expire).
pub fn is_date(date: &str) -> bool {
    let bytes = date.as_bytes();
    let written = bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    let number = |range: std::ops::Range<usize>| date[range].parse::<u32>().unwrap_or(0);
    written && {
        let (year, month, day) = (number(0..4), number(5..7), number(8..10));
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => 0,
        };
        (1..=days).contains(&day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_days_of_the_calendar() {
        for date in ["2026-12-31", "2028-02-29", "2000-02-29", "2026-04-30"] {
            assert!(is_date(date), "{date}");
        }
        for date in [
            "2026-13-01",
            "2026-00-10",
            "2026-04-31",
            "2026-02-29",
            "1900-02-29",
            "2026-01-00",
            "2026-1-01",
            "2026/01/01",
            "２０２６-01-01",
        ] {
            assert!(!is_date(date), "{date}");
        }
    }

    #[test]
    fn scopes_cover_the_next_option_the_section_or_the_file() {
        let text = "; gimlint: ignore-file SEC001 -- fake passwords\n[schedule]\n; gimlint: ignore GIM001 -- lab\n\nrun-scheduler=true\nrun-aggregates=true\n; gimlint: ignore-section GIM until=2026-12-31\n[gim-etl]\nrole=x\n";
        let doc = OptionsDoc::parse(text);
        let all = parse(&doc);
        assert_eq!(all.len(), 3);
        assert_eq!(all[0].scope, Scope::File);
        assert_eq!(all[0].reason, Some("fake passwords"));
        let line = &all[1];
        assert_eq!(&text[line.covers.range()], "run-scheduler=true");
        assert_eq!(line.codes, ["GIM001"]);
        let section = &all[2];
        assert!(text[section.covers.range()].starts_with("[gim-etl]"));
        assert_eq!(section.until, Some("2026-12-31"));
        assert!(section.codes.len() > 5, "a prefix names every GIM rule");
        assert!(section.reason.is_none());
    }

    #[test]
    fn unknown_rules_are_kept_for_sup001() {
        let doc = OptionsDoc::parse("; gimlint: ignore GIM999 -- typo\nk=v\n");
        assert_eq!(parse(&doc)[0].unknown, ["GIM999"]);
    }
}
