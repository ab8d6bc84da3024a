//! Where a finding is, as output shows it: lines and columns, the lines a snippet shows, and
//! the place (section and option) that keys baselines and fingerprints. The engine computes
//! them on the worker that checked the file, while its text is at hand; the text is then
//! dropped, so a run holds what it reports, not what it read.

use crate::base::span::Span;
use serde::Serialize;

/// A 1-based line and column (columns count characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// The positions of the ends of a span.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Range {
    pub start: Position,
    pub end: Position,
}

impl Range {
    /// Line 1, column 1: where a span not located is shown.
    pub const START: Range = Range {
        start: Position { line: 1, column: 1 },
        end: Position { line: 1, column: 1 },
    };
}

/// How a finding's place is made of its file's text: `[section]`, `[section]option`, or the
/// trimmed text of a line that is no option (XML, `password: hunter2`). The spans are of the
/// file's text; their lines are kept (see [`Lines`]), and the place is read from them once
/// they are masked with every secret of the run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlaceKey {
    Section(Span),
    Option { section: Span, option: Span },
    Line(Span),
}

/// Where a finding is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Located {
    /// The finding's span.
    pub span: Range,
    /// Each of its secondary labels' spans, in order.
    pub labels: Vec<Range>,
    /// Each of its fix's edits' spans, in order.
    pub edits: Vec<Range>,
    /// How its place is read from the masked lines of its file, by the outputs that key
    /// findings by place (`crate::engine::Report::place`): a place may be a whole line, too
    /// long to copy for each of thousands of findings that no output keys.
    pub place_key: Option<PlaceKey>,
}

impl Located {
    /// What a finding that was not located shows.
    pub const NOWHERE: Located = Located {
        span: Range::START,
        labels: Vec::new(),
        edits: Vec::new(),
        place_key: None,
    };
}

/// Whole lines of a file, kept for its findings: those their snippets show and those their
/// places are read from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lines {
    /// Where the first line starts in the file's text.
    pub start: usize,
    /// The 0-based number of the first line.
    pub first_line: usize,
    /// The lines, line breaks included; masked with every secret of the run before any
    /// reporter sees them.
    pub text: String,
    /// The file's own secrets in `text` (offsets in `text`), until the lines are masked.
    pub secrets: Vec<Span>,
}

impl Lines {
    /// Where the lines end in the file's text.
    pub fn end(&self) -> usize {
        self.start + self.text.len()
    }

    /// The text of `span`, of the file, when these lines hold it.
    pub fn text_of(&self, span: Span) -> Option<&str> {
        let start = span.start.checked_sub(self.start)?;
        let end = span.end.checked_sub(self.start)?;
        self.text.get(start..end)
    }
}
