//! The `name=value` properties of URLs and connection strings, and which of their values
//! are secret.

use crate::base::span::Span;

/// Whether `c` may be part of a property name.
fn is_name_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'-')
}

/// The values of the secret properties of a URL or connection string: `name=value` where
/// the name starts the text or follows `?`, `&` (query), `;`, `:` (SQL Server, DB2,
/// Informix, ADO.NET, ODBC), `(` or `,` (MySQL's host forms), with blanks allowed around
/// the name and the `=`.
///
/// An unquoted value runs to the separator that starts the next property (`&ssl=`,
/// `;user=`) or ends the text: `password=Amp&Pw88` hides `Amp&Pw88`, as its writer meant,
/// though a driver splitting at every `&` would read `Amp`.
pub(super) fn properties(url: &str) -> impl Iterator<Item = Span> + '_ {
    let bytes = url.as_bytes();
    // Values start further and further into the text: the end last found for each kind of
    // separator is the end of every value starting before it, so each byte is read once.
    let mut found = [Found::default(); 4];
    memchr::memchr_iter(b'=', bytes).filter_map(move |eq| {
        let name_end = trimmed_end(url, eq);
        let name_start = bytes[..name_end]
            .iter()
            .rposition(|&b| !is_name_char(b))
            .map_or(0, |i| i + 1);
        let before = bytes[..trimmed_end(url, name_start)]
            .last()
            .copied()
            .unwrap_or(b';');
        if name_start == name_end
            || !matches!(before, b'?' | b'&' | b';' | b':' | b'(' | b',')
            || !crate::secrets::is_secret_name(&url[name_start..name_end])
        {
            return None;
        }
        let start = eq + 1 + (url[eq + 1..].len() - url[eq + 1..].trim_start().len());
        let kind = match (bytes.get(start), before) {
            (Some(&quote @ (b'"' | b'\'')), _) => {
                let end = url[start + 1..]
                    .find(quote as char)
                    .map_or(url.len(), |q| start + 1 + q + 1);
                return Some(Span::new(start, end));
            }
            (Some(b'{'), _) => Separator::Brace,
            (_, b'?' | b'&') => Separator::Ampersand,
            (_, b';' | b':') => Separator::Semicolon,
            _ => Separator::CommaOrParen,
        };
        let seen = &mut found[kind as usize];
        if !(seen.from < seen.end && seen.from <= start && start <= seen.end) {
            let end = kind.end(url, start);
            let trimmed = match kind {
                Separator::Brace => end,
                _ => start + url[start..end].trim_end().len(),
            };
            *seen = Found {
                from: start,
                end,
                trimmed,
            };
        }
        let end = seen.trimmed.max(start);
        (end > start).then(|| Span::new(start, end))
    })
}

/// Where `text[..end]` ends without its trailing blanks: `end` itself when the byte before
/// it is ASCII and no blank, as before almost every `=` and name (`str::trim_end` reads
/// characters, in every alphabet).
fn trimmed_end(text: &str, end: usize) -> usize {
    match text.as_bytes()[..end].last() {
        Some(&b) if b.is_ascii() && !(b as char).is_whitespace() => end,
        _ => text[..end].trim_end().len(),
    }
}

/// The end of a value found from `from`, and that end without the blanks before it.
#[derive(Clone, Copy, Default)]
struct Found {
    from: usize,
    end: usize,
    trimmed: usize,
}

/// What ends an unquoted property value.
#[derive(Clone, Copy, PartialEq)]
enum Separator {
    Ampersand,
    Semicolon,
    CommaOrParen,
    Brace,
}

impl Separator {
    /// Where a value starting at `start` ends.
    fn end(self, url: &str, start: usize) -> usize {
        let bytes = url.as_bytes();
        let separators: &[u8] = match self {
            Separator::Brace => return braced_end(url, start),
            Separator::CommaOrParen => {
                return memchr::memchr2(b',', b')', &bytes[start..])
                    .map_or(url.len(), |e| start + e)
            }
            Separator::Ampersand => b"&",
            Separator::Semicolon => b";",
        };
        let mut from = start;
        while let Some(at) = bytes[from..].iter().position(|b| separators.contains(b)) {
            let at = from + at;
            if starts_a_property(&url[at + 1..]) {
                return at;
            }
            from = at + 1;
        }
        url.len()
    }
}

/// Whether `rest` (after a separator) starts another property (`name=`, blanks allowed),
/// or holds nothing more than blanks.
fn starts_a_property(rest: &str) -> bool {
    let rest = rest.trim_start();
    let name = rest.len()
        - rest
            .trim_start_matches(|c: char| c.is_ascii() && is_name_char(c as u8) || c == ' ')
            .len();
    rest.is_empty() || (name > 0 && rest[name..].starts_with('='))
}

/// The end of a SQL Server `{…}` value starting at `start`: after the `}` that closes it
/// (`}}` inside stands for one `}`), or the end of the URL.
fn braced_end(url: &str, start: usize) -> usize {
    let bytes = url.as_bytes();
    let mut i = start + 1;
    while i < bytes.len() {
        if bytes[i] == b'}' {
            if bytes.get(i + 1) == Some(&b'}') {
                i += 2;
                continue;
            }
            return i + 1;
        }
        i += 1;
    }
    bytes.len()
}
