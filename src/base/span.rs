//! Byte spans into a file's decoded UTF-8 text.
//!
//! Every position gimlint keeps is a byte span; lines and columns are computed only when a
//! reporter renders a finding (see [`crate::source::LineIndex`]).

use serde::Serialize;
use std::ops::Range;

/// A half-open byte range `start..end` into the decoded text of one file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span start {start} after end {end}");
        Span { start, end }
    }

    /// An empty span at `offset`: the place where something is missing or would be inserted.
    pub fn empty_at(offset: usize) -> Self {
        Span::new(offset, offset)
    }

    pub fn len(self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }

    /// The span shifted right by `offset` bytes (from a slice-relative to a file-relative span).
    pub fn shifted(self, offset: usize) -> Self {
        Span::new(self.start + offset, self.end + offset)
    }
}
