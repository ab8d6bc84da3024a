//! The readiness report in three formats: a self-contained HTML page, Markdown, JSON.

pub mod html;
pub mod json;
pub mod markdown;

use super::Position;
use crate::engine::Report;

/// A finding with its place, as the three formats list it.
pub struct Located<'r> {
    pub code: &'static str,
    pub severity: &'static str,
    pub path: &'r str,
    pub start: Position,
    pub message: &'r str,
    pub help: Option<&'r str>,
}

pub fn located(report: &Report) -> Vec<Located<'_>> {
    report
        .findings
        .iter()
        .map(|f| Located {
            code: f.rule.code,
            severity: f.severity.as_str(),
            path: &report.files[f.file].path,
            start: f.located().span.start,
            message: &f.message,
            help: f.help.as_deref(),
        })
        .collect()
}

/// A piece of one of gimlint's texts (messages, help, notes, steps, reasons): they quote
/// names and values between backticks, as Markdown code spans.
#[derive(Debug, PartialEq, Eq)]
pub enum Piece<'t> {
    Text(&'t str),
    Code(&'t str),
}

/// `text` cut as CommonMark cuts code spans: a run of backticks opens a code span that the
/// next run of exactly as many backticks closes; a run that nothing closes is text. Linear
/// in the length of the text, however many backticks a value holds.
pub fn pieces(text: &str) -> Vec<Piece<'_>> {
    let bytes = text.as_bytes();
    // (start, end) of every run of backticks, then for each run the next one as long.
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut at = 0;
    while let Some(offset) = bytes[at..].iter().position(|&b| b == b'`') {
        let start = at + offset;
        let length = bytes[start..].iter().take_while(|&&b| b == b'`').count();
        runs.push((start, start + length));
        at = start + length;
    }
    let mut next_as_long = vec![None; runs.len()];
    let mut last_of_length = std::collections::HashMap::new();
    for (index, &(start, end)) in runs.iter().enumerate().rev() {
        next_as_long[index] = last_of_length.insert(end - start, index);
    }
    let mut pieces = Vec::new();
    let mut text_from = 0;
    let mut index = 0;
    while index < runs.len() {
        let (open_start, open_end) = runs[index];
        match next_as_long[index] {
            Some(close) => {
                if text_from < open_start {
                    pieces.push(Piece::Text(&text[text_from..open_start]));
                }
                let (close_start, close_end) = runs[close];
                pieces.push(Piece::Code(&text[open_end..close_start]));
                text_from = close_end;
                index = close + 1;
            }
            None => index += 1,
        }
    }
    if text_from < text.len() {
        pieces.push(Piece::Text(&text[text_from..]));
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::Piece::{Code, Text};
    use super::*;

    #[test]
    fn backtick_runs_pair_with_runs_as_long() {
        assert_eq!(
            pieces("`a` is ``b`c`` and ``` alone"),
            [Code("a"), Text(" is "), Code("b`c"), Text(" and ``` alone")]
        );
        assert_eq!(
            pieces("`TRUE<b>`x`` is bad"),
            [Code("TRUE<b>"), Text("x`` is bad")]
        );
        assert_eq!(pieces("``"), [Text("``")]);
        assert_eq!(pieces("` `"), [Code(" ")]);
        assert!(pieces("").is_empty());
    }
}
