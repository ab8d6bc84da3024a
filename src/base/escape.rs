//! Text from the run (file names, section and option names, values, comments, and the
//! messages that quote them) as every output may show it. An export or a file name is
//! written by someone else: its bytes must not act on the terminal that shows gimlint's
//! output (escape sequences that write the clipboard, set the window title, erase lines),
//! start a GitHub Actions workflow command in a CI log, or make a report ill-formed.
//!
//! Each reporter passes the input-derived text it writes through [`displayable`] (the
//! snippets of the human format through [`Escaped`], which keeps their line breaks and
//! offsets), and the formats read as plain lines go through [`no_command_lines`] last.

use std::borrow::Cow;
use std::fmt::Write;

/// Whether `c` is shown escaped wherever it is: a control character (C0 but tab, DEL, C1),
/// one of the two non-characters that XML 1.0 forbids, like most control characters, or a
/// bidirectional override or isolate, which reorders what a terminal shows: a file name
/// or value holding U+202E would read otherwise than it is ("Trojan Source").
fn unshowable(c: char) -> bool {
    (c.is_control() && c != '\t')
        || c == '\u{fffe}'
        || c == '\u{ffff}'
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Writes how a character that cannot be shown as it is appears instead, if it cannot:
/// [`unshowable`] characters as `\x1b` or `\u{9b}`, and the second `#` of `##[`, which the
/// GitHub Actions runner reads as a workflow command anywhere in a line, as `\x23`.
fn escape(c: char, previous: Option<char>, next: Option<char>, out: &mut String) -> bool {
    match c {
        c if unshowable(c) && c.is_ascii() => {
            let _ = write!(out, "\\x{:02x}", u32::from(c));
        }
        c if unshowable(c) => {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        }
        '#' if previous == Some('#') && next == Some('[') => out.push_str("\\x23"),
        _ => return false,
    }
    true
}

/// `text` with every character that an output must not carry as it is escaped (see
/// [`escape`]); borrowed when there is none, as for nearly every text.
pub fn displayable(text: &str) -> Cow<'_, str> {
    if text.contains(unshowable) || text.contains("##[") {
        Cow::Owned(Escaped::new(text, false).text)
    } else {
        Cow::Borrowed(text)
    }
}

/// Text with its characters escaped as by [`displayable`], and the way between its offsets
/// and those of the original, for the human format's snippets: their labels point at byte
/// offsets of the original. Line breaks can be kept, for text shown as lines.
pub struct Escaped {
    pub text: String,
    /// After each escape, where the original and the escaped text go on: (original,
    /// escaped) offsets, both increasing.
    resumes: Vec<(usize, usize)>,
}

impl Escaped {
    /// `original` escaped; with `keep_line_breaks`, `\n` and the `\r` of `\r\n` stay.
    pub fn new(original: &str, keep_line_breaks: bool) -> Self {
        let mut text = String::with_capacity(original.len());
        let mut resumes = Vec::new();
        let mut previous = None;
        let mut chars = original.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            let next = chars.peek().map(|&(_, next)| next);
            let line_break = c == '\n' || (c == '\r' && next == Some('\n'));
            if !(keep_line_breaks && line_break) && escape(c, previous, next, &mut text) {
                resumes.push((at + c.len_utf8(), text.len()));
            } else {
                text.push(c);
            }
            previous = Some(c);
        }
        Escaped { text, resumes }
    }

    /// The offset in the escaped text of `original`, an offset of the original text (an
    /// escaped character's own offset is where its escape starts).
    pub fn offset(&self, original: usize) -> usize {
        match self.resumes.partition_point(|&(from, _)| from <= original) {
            0 => original,
            after => {
                let (from, to) = self.resumes[after - 1];
                to + (original - from)
            }
        }
    }

    /// The offset in the original text of `escaped`, an offset that [`Escaped::offset`]
    /// gave.
    pub fn original(&self, escaped: usize) -> usize {
        match self.resumes.partition_point(|&(_, to)| to <= escaped) {
            0 => escaped,
            after => {
                let (from, to) = self.resumes[after - 1];
                from + (escaped - to)
            }
        }
    }
}

/// `text`, made of lines, with no line that the GitHub Actions runner takes for a workflow
/// command: it reads one in any line that starts with `::` once leading white space is
/// trimmed. In formats that write no command, such a line can only come from the input (a
/// file name at the start of a line, a value that a wrapped help line starts with); its
/// first colon is escaped.
pub fn no_command_lines(text: String) -> String {
    let command_at = |line: &str| {
        let trimmed = line.trim_start();
        trimmed
            .starts_with("::")
            .then(|| line.len() - trimmed.len())
    };
    if !text.split('\n').any(|line| command_at(line).is_some()) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 16);
    for (index, line) in text.split('\n').enumerate() {
        if index > 0 {
            out.push('\n');
        }
        match command_at(line) {
            Some(at) => {
                out.push_str(&line[..at]);
                out.push_str("\\x3a");
                out.push_str(&line[at + 1..]);
            }
            None => out.push_str(line),
        }
    }
    out
}

/// JSON text as a terminal or a CI log may show it, meaning the same: serde_json leaves DEL,
/// the C1 control characters and `##[` as they are in strings; they become `\u` escapes.
/// Outside strings, JSON holds none of these characters.
pub fn json_for_logs(json: String) -> String {
    let unsafe_char = |c: char| (c.is_control() && !c.is_ascii()) || c == '\u{7f}';
    if !json.contains(unsafe_char) && !json.contains("##[") {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    let mut previous = None;
    let mut chars = json.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        if unsafe_char(c) || (c == '#' && previous == Some('#') && next == Some('[')) {
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
        previous = Some(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_escaped_and_tabs_kept() {
        assert_eq!(displayable("gim.cfg"), Cow::Borrowed("gim.cfg"));
        assert_eq!(displayable("a\tb"), "a\tb");
        assert_eq!(
            displayable("gim\u{202e}gfc.exe\u{2066}"),
            "gim\\u{202e}gfc.exe\\u{2066}",
            "bidirectional controls"
        );
        assert_eq!(
            displayable("\u{1b}]0;title\u{7}x\r\n::error::y\u{7f}\u{9b}31m\u{0}\u{ffff}"),
            "\\x1b]0;title\\x07x\\x0d\\x0a::error::y\\x7f\\u{9b}31m\\x00\\u{ffff}"
        );
    }

    #[test]
    fn no_runner_command_is_left_in_a_line() {
        assert_eq!(displayable("##[error]x"), "#\\x23[error]x");
        assert_eq!(displayable("###[x"), "##\\x23[x");
        assert_eq!(displayable("# #[ ##"), "# #[ ##");
        assert_eq!(
            no_command_lines("::error::a\n  ::warning::b\nc ::x::d\n".into()),
            "\\x3a:error::a\n  \\x3a:warning::b\nc ::x::d\n"
        );
    }

    #[test]
    fn snippets_keep_their_line_breaks_and_offsets() {
        let original = "a\u{1b}b\r\nc\rd\u{85}é\u{9b}\n";
        let escaped = Escaped::new(original, true);
        assert_eq!(escaped.text, "a\\x1bb\r\nc\\x0dd\\u{85}é\\u{9b}\n");
        for (at, c) in original.char_indices() {
            let shown = escaped.offset(at);
            assert_eq!(escaped.original(shown), at, "{c:?} at {at}");
            if !c.is_control() {
                assert!(escaped.text[shown..].starts_with(c), "{c:?} at {at}");
            }
        }
        assert_eq!(escaped.offset(original.len()), escaped.text.len());
    }

    #[test]
    fn json_keeps_its_meaning() {
        let json = serde_json::to_string(&"a\u{1b}\u{7f}\u{9b}##[error]").unwrap();
        let shown = json_for_logs(json);
        assert_eq!(shown, "\"a\\u001b\\u007f\\u009b#\\u0023[error]\"");
        let back: String = serde_json::from_str(&shown).unwrap();
        assert_eq!(back, "a\u{1b}\u{7f}\u{9b}##[error]");
    }
}
