//! Markdown that text from the run cannot restructure: code spans fenced by more backticks
//! than they hold, table cells with `|` escaped, plain text with its markup escaped. Used by
//! every Markdown output (the readiness report, the inventory). Control characters are
//! shown escaped, as in every output.

use crate::base::escape::displayable;

/// `text` as a CommonMark code span, whatever backticks it holds: fenced by one backtick
/// more than its longest run of them, and padded with a space where a backtick or a space
/// would otherwise touch the fence (the padding is not shown). Control characters, line
/// breaks included, are shown escaped, so none can end a list item or a table row.
pub fn code(text: &str) -> String {
    let text = displayable(text);
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = text.starts_with('`')
        || text.ends_with('`')
        || (text.starts_with(' ') && text.ends_with(' ') && !text.trim().is_empty());
    let pad = if pad { " " } else { "" };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// A code span in a table cell: GitHub splits cells at `|` even inside code spans, unless
/// escaped.
pub fn cell_code(text: &str) -> String {
    code(text).replace('|', "\\|")
}

/// Plain text with every character that Markdown would read as markup escaped, and control
/// characters shown escaped. An underscore inside a word (`Job_MigrateGIM`) is never
/// emphasis, and is left as it is.
pub fn plain(text: &str) -> String {
    let chars: Vec<char> = displayable(text).chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let in_word = |at: Option<&char>| at.is_some_and(|c| c.is_alphanumeric());
        match c {
            '_' if i > 0 && in_word(chars.get(i - 1)) && in_word(chars.get(i + 1)) => {
                out.push(c);
            }
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '#' | '!' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}
