//! Reporters: a [`crate::Report`] in, text out. They decide nothing about what is wrong, and
//! they are the only place where byte offsets become lines and columns.

pub mod human;
pub mod inventory;
pub mod json;
pub mod readiness;
pub mod short;

use crate::source::LineIndex;
use crate::Report;
use serde::Serialize;

/// Output formats of `gimlint check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Annotated snippets for a terminal.
    Human,
    /// One line per finding: `path:line:col: severity[CODE] message`.
    Short,
    /// One JSON object (schemas/gimlint-output.schema.json).
    Json,
}

/// A 1-based line and column (columns count characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// Line indexes of every file of a report, built once per rendering.
pub struct Positions<'r> {
    report: &'r Report,
    indexes: Vec<LineIndex>,
}

impl<'r> Positions<'r> {
    pub fn new(report: &'r Report) -> Self {
        let indexes = report
            .files
            .iter()
            .map(|f| LineIndex::new(&f.source.text))
            .collect();
        Positions { report, indexes }
    }

    pub fn at(&self, file: usize, offset: usize) -> Position {
        let (line, column) =
            self.indexes[file].line_col(&self.report.files[file].source.text, offset);
        Position { line, column }
    }
}

/// `N things`, with the plural when N ≠ 1.
pub fn plural(count: usize, word: &str) -> String {
    if count == 1 {
        format!("{count} {word}")
    } else {
        format!("{count} {word}s")
    }
}

/// One line per change of `gimlint diff`: `+ [section] option=value`, `- …`, `~ … old → new`.
pub fn change_lines(report: &Report) -> Vec<String> {
    let mut lines = Vec::new();
    for app in &report.changes {
        match (&app.before, &app.after) {
            (Some(before), Some(after)) => lines.push(format!("{before} → {after}")),
            (None, Some(after)) => lines.push(format!("{after}: new, no export before")),
            (Some(before), None) => lines.push(format!("{before}: gone, no export after")),
            (None, None) => {}
        }
        for change in &app.changes {
            let name = format!("[{}] {}", change.section, change.option);
            lines.push(match (&change.before, &change.after) {
                (None, Some(new)) => format!("  + {name}={new}"),
                (Some(old), None) => format!("  - {name}={old}"),
                (Some(old), Some(new)) => format!("  ~ {name}: {old} → {new}"),
                (None, None) => continue,
            });
        }
    }
    lines
}
