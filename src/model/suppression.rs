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

use crate::base::span::Span;
use crate::diagnostic::RuleSelectors;
use crate::parse::options::{Line, LineKind, OptionsDoc};
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};

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
    /// The bytes it covers (an empty span: the byte at its start).
    pub covers: Span,
    /// The rule selectors it names, as written (`GIM001`, `GIM`, `duplicate-option`).
    pub selectors: Vec<&'a str>,
    pub reason: Option<&'a str>,
    pub until: Option<&'a str>,
}

/// The byte range of each section: from its header (or the start of the file) to the next
/// header. In file order, so sorted.
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

/// A suppression comment read, waiting for the line it applies to.
struct Pending<'a> {
    line: usize,
    scope: Scope,
    selectors: Vec<&'a str>,
    reason: Option<&'a str>,
    until: Option<&'a str>,
}

/// Every suppression comment of `doc`, in file order.
pub fn parse<'a>(doc: &OptionsDoc<'a>) -> Vec<Suppression<'a>> {
    // Built when a section suppression needs it.
    let mut ranges = None;
    let mut found = Vec::new();
    // Comments wait for the next line that is neither a comment nor blank, which each of
    // them applies to: looking ahead from every comment would be quadratic in a run of them.
    let mut pending: Vec<Pending<'a>> = Vec::new();
    for (index, line) in doc.lines.iter().enumerate() {
        if line.kind == LineKind::Comment {
            pending.extend(directive(doc, index));
        } else if line.kind != LineKind::Blank {
            for comment in pending.drain(..) {
                found.push(resolve(doc, comment, Some(line), &mut ranges));
            }
        }
    }
    for comment in pending {
        found.push(resolve(doc, comment, None, &mut ranges));
    }
    found
}

/// The suppression that the comment line at `index` is, if it is one.
fn directive<'a>(doc: &OptionsDoc<'a>, index: usize) -> Option<Pending<'a>> {
    let content = &doc.text[doc.lines[index].span.range()];
    let directive = content
        .trim_start()
        .trim_start_matches([';', '#'])
        .trim_start()
        .strip_prefix("gimlint:")?;
    let (directive, reason) = match directive.split_once("--") {
        Some((head, reason)) => (head, Some(reason.trim()).filter(|r| !r.is_empty())),
        None => (directive, None),
    };
    let mut words = directive.split_whitespace();
    let scope = match words.next() {
        Some("ignore") => Scope::Line,
        Some("ignore-section") => Scope::Section,
        Some("ignore-file") => Scope::File,
        _ => return None,
    };
    let mut selectors = Vec::new();
    let mut until = None;
    for word in words.flat_map(|w| w.split(',')).filter(|w| !w.is_empty()) {
        if let Some(date) = word.strip_prefix("until=") {
            until = Some(date);
            continue;
        }
        selectors.push(word);
    }
    Some(Pending {
        line: index,
        scope,
        selectors,
        reason,
        until,
    })
}

/// What is wrong with a comment that was meant as a suppression but is not read as one (or
/// as one that names no rule): another tool's directive (`noqa`, `shellcheck disable=`), a
/// missing colon, another case, an unknown directive. `None` for a suppression gimlint reads
/// and for every other comment.
pub fn misread(comment: &str) -> Option<&'static str> {
    let text = comment.trim_start().trim_start_matches([';', '#']).trim();
    let lower = text.to_ascii_lowercase();
    let foreign = [
        "noqa",
        "ruff: noqa",
        "ruff:noqa",
        "shellcheck disable",
        "pylint: disable",
    ];
    if foreign.iter().any(|f| lower.starts_with(f)) {
        return Some("is another tool's directive");
    }
    let after_name = lower.strip_prefix("gimlint")?;
    let word_start = after_name.trim_start_matches([':', ' ', '\t']);
    let word = word_start
        .split(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("");
    let meant = ["ignore", "disable", "noqa", "skip", "suppress"];
    if !meant.iter().any(|m| word.starts_with(m)) {
        return None;
    }
    if !text.starts_with("gimlint") {
        return Some("is not in lower case");
    }
    if !after_name.trim_start().starts_with(':') {
        return Some("lacks the colon after `gimlint`");
    }
    if !["ignore", "ignore-section", "ignore-file"].contains(&word) {
        return Some("is no gimlint directive");
    }
    let rules = word_start[word.len()..]
        .split("--")
        .next()
        .unwrap_or("")
        .split(|c: char| c.is_whitespace() || c == ',')
        .any(|w| !w.is_empty() && !w.starts_with("until="));
    (!rules).then_some("names no rule")
}

/// The suppression of `comment`, given `next`, the next line that is neither a comment nor
/// blank.
fn resolve<'a>(
    doc: &OptionsDoc<'a>,
    comment: Pending<'a>,
    next: Option<&Line>,
    ranges: &mut Option<Vec<Span>>,
) -> Suppression<'a> {
    let line = &doc.lines[comment.line];
    let covers = match comment.scope {
        Scope::File => Span::new(0, doc.text.len()),
        Scope::Line => match next {
            Some(l) if l.kind == LineKind::Option => l.span,
            _ => Span::empty_at(line.span.start),
        },
        Scope::Section => {
            let at = next.map_or(line.span.start, |l| l.span.start);
            let ranges = ranges.get_or_insert_with(|| section_ranges(doc));
            match ranges.partition_point(|r| r.start <= at) {
                0 => Span::empty_at(line.span.start),
                after => ranges[after - 1],
            }
        }
    };
    Suppression {
        span: line.span,
        line_with_eol: Span::new(line.span.start, line.eol.end),
        scope: comment.scope,
        covers,
        selectors: comment.selectors,
        reason: comment.reason,
        until: comment.until,
    }
}

impl<'a> Suppression<'a> {
    /// The codes of the rules it names, and the selectors that name no rule.
    pub fn codes(&self, rules: RuleSelectors) -> (Vec<&'static str>, Vec<&'a str>) {
        let mut codes = Vec::new();
        let mut unknown = Vec::new();
        for &selector in &self.selectors {
            match rules(selector) {
                Ok(named) => codes.extend(named),
                Err(_) => unknown.push(selector),
            }
        }
        (codes, unknown)
    }
}

/// Which suppression removes a finding: for each rule code, the byte ranges of the file
/// split where a suppression of that code starts or ends, each with the first suppression
/// (in file order) that covers it. A finding costs one search, however many suppressions
/// the file holds.
pub struct Coverage {
    by_code: HashMap<&'static str, Vec<(usize, Option<usize>)>>,
}

impl Coverage {
    /// The coverage of the suppressions of `all` that `active` accepts (the others suppress
    /// nothing: they expired).
    pub fn new(
        all: &[Suppression],
        active: impl Fn(&Suppression) -> bool,
        rules: RuleSelectors,
    ) -> Coverage {
        // Per code: (start, end, index of the suppression). An empty cover (an `ignore`
        // with no option after it) covers the byte at its start: the comment's own line.
        let mut ranges: HashMap<&'static str, Vec<(usize, usize, usize)>> = HashMap::new();
        for (index, suppression) in all.iter().enumerate().filter(|(_, s)| active(s)) {
            let Span { start, end } = suppression.covers;
            for code in suppression.codes(rules).0 {
                ranges
                    .entry(code)
                    .or_default()
                    .push((start, end.max(start + 1), index));
            }
        }
        let by_code = ranges
            .into_iter()
            .map(|(code, ranges)| (code, first_covering(ranges)))
            .collect();
        Coverage { by_code }
    }

    /// The index of the first suppression that covers a finding of `code` at `at`.
    pub fn suppressor(&self, code: &str, at: usize) -> Option<usize> {
        let pieces = self.by_code.get(code)?;
        match pieces.partition_point(|&(start, _)| start <= at) {
            0 => None,
            after => pieces[after - 1].1,
        }
    }
}

/// For ranges `(start, end, index)`, the pieces between every start and end, in order: where
/// each starts, and the smallest index of the ranges that cover it. A sweep with the ranges
/// open at each point in a heap by index; those that ended leave it when they reach the top.
fn first_covering(mut ranges: Vec<(usize, usize, usize)>) -> Vec<(usize, Option<usize>)> {
    ranges.sort_unstable();
    let mut points: Vec<usize> = ranges.iter().flat_map(|&(s, e, _)| [s, e]).collect();
    points.sort_unstable();
    points.dedup();
    let mut open = BinaryHeap::new();
    let mut next = ranges.iter().peekable();
    let mut pieces: Vec<(usize, Option<usize>)> = Vec::new();
    for point in points {
        while let Some(&(_, end, index)) = next.next_if(|r| r.0 <= point) {
            open.push(Reverse((index, end)));
        }
        while open.peek().is_some_and(|Reverse((_, end))| *end <= point) {
            open.pop();
        }
        let first = open.peek().map(|Reverse((index, _))| *index);
        if pieces.last().is_none_or(|&(_, last)| last != first) {
            pieces.push((point, first));
        }
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_misses_of_suppressions_are_said_what_is_wrong() {
        for (comment, wrong) in [
            ("; noqa: GIM001", "is another tool's directive"),
            ("# ruff: noqa", "is another tool's directive"),
            ("; shellcheck disable=SC2086", "is another tool's directive"),
            ("; gimlint ignore GIM001", "lacks the colon after `gimlint`"),
            ("; Gimlint: ignore GIM001", "is not in lower case"),
            ("; gimlint: disable GIM001", "is no gimlint directive"),
            ("; gimlint: ignore-line GIM001", "is no gimlint directive"),
            ("; gimlint:ignore", "names no rule"),
            ("; gimlint: ignore -- no rule named", "names no rule"),
        ] {
            assert_eq!(misread(comment), Some(wrong), "{comment}");
        }
        for fine in [
            "; gimlint: ignore GIM001 -- lab",
            "; gimlint:ignore-file SEC001",
            "; gimlint reported this in CHG-42, fixed since",
            "; the scheduler is off: ignore its schedule",
        ] {
            assert_eq!(misread(fine), None, "{fine}");
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
        let rules = &crate::rules::selection::codes_for;
        assert_eq!(line.codes(rules).0, ["GIM001"]);
        let section = &all[2];
        assert!(text[section.covers.range()].starts_with("[gim-etl]"));
        assert_eq!(section.until, Some("2026-12-31"));
        assert!(
            section.codes(rules).0.len() > 5,
            "a prefix names every GIM rule"
        );
        assert!(section.reason.is_none());
    }

    /// The suppression that removes a finding is the first, in file order, that names its
    /// rule and covers it (an empty cover: the byte at its start), as a scan would find.
    #[test]
    fn coverage_finds_the_first_suppression_that_covers() {
        let text = "; gimlint: ignore OPT003\n[s]\n; gimlint: ignore-section OPT003\n; gimlint: ignore OPT003,OPT006\nk=v\n; gimlint: ignore-file OPT006 until=2000-01-01\n; gimlint: ignore OPT006\n\nk=w\n[t]\nk=v\n; gimlint: ignore-file OPT003\n; gimlint: ignore OPT006\n";
        let doc = OptionsDoc::parse(text);
        let all = parse(&doc);
        assert_eq!(all.len(), 7);
        let active = |s: &Suppression| s.until.is_none();
        let rules = &crate::rules::selection::codes_for;
        let coverage = Coverage::new(&all, active, rules);
        for code in ["OPT003", "OPT006", "GIM001"] {
            for at in 0..=text.len() + 1 {
                let scan = all.iter().position(|s| {
                    active(s)
                        && s.codes(rules).0.contains(&code)
                        && s.covers.start <= at
                        && at < s.covers.end.max(s.covers.start + 1)
                });
                assert_eq!(coverage.suppressor(code, at), scan, "{code} at {at}");
            }
        }
        let second_k = text.find("k=w").unwrap();
        assert_eq!(coverage.suppressor("OPT006", second_k), Some(4));
        assert_eq!(coverage.suppressor("OPT003", second_k), Some(1));
    }

    #[test]
    fn unknown_rules_are_kept_for_sup001() {
        let doc = OptionsDoc::parse("; gimlint: ignore GIM999 -- typo\nk=v\n");
        let rules = &crate::rules::selection::codes_for;
        assert_eq!(parse(&doc)[0].codes(rules).1, ["GIM999"]);
    }
}
