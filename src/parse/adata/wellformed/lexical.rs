//! Characters and names: the `Char`, `S`, `Name` and `Nmtoken` productions, qualified names
//! of Namespaces in XML, and the characters XML forbids anywhere.

use crate::base::span::Span;
use crate::parse::adata::XmlError;

/// `S`: the four white-space characters of XML.
pub(in crate::parse::adata) fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

/// `Char`: the characters a document may hold, written or by a character reference.
pub(super) fn is_xml_char(c: char) -> bool {
    matches!(c,
        '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

fn is_name_start(c: char) -> bool {
    matches!(c,
        ':' | 'A'..='Z' | '_' | 'a'..='z' | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}'
        | '\u{F8}'..='\u{2FF}' | '\u{370}'..='\u{37D}' | '\u{37F}'..='\u{1FFF}'
        | '\u{200C}'..='\u{200D}' | '\u{2070}'..='\u{218F}' | '\u{2C00}'..='\u{2FEF}'
        | '\u{3001}'..='\u{D7FF}' | '\u{F900}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FFFD}'
        | '\u{10000}'..='\u{EFFFF}')
}

pub(super) fn is_name_char(c: char) -> bool {
    is_name_start(c)
        || matches!(c, '-' | '.' | '0'..='9' | '\u{B7}' | '\u{300}'..='\u{36F}' | '\u{203F}'..='\u{2040}')
}

/// The length in bytes of the `Name` that starts `s` (0 when none does).
pub(super) fn name_len(s: &str) -> usize {
    match s.chars().next() {
        Some(c) if is_name_start(c) => nmtoken_len(s),
        _ => 0,
    }
}

/// The length in bytes of the `Nmtoken` that starts `s` (0 when none does).
pub(super) fn nmtoken_len(s: &str) -> usize {
    // Names are ASCII nearly always: bytes first, characters from the first other byte.
    let ascii = s
        .bytes()
        .take_while(|&b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b':'))
        .count();
    if s.as_bytes().get(ascii).is_none_or(u8::is_ascii) {
        return ascii;
    }
    s[ascii..]
        .char_indices()
        .find(|&(_, c)| !is_name_char(c))
        .map_or(s.len(), |(i, _)| ascii + i)
}

/// `prefix:local` split at its first colon (`None` without one); a byte search, as names are
/// split at every tag.
pub(in crate::parse::adata) fn split_prefix(name: &str) -> Option<(&str, &str)> {
    memchr::memchr(b':', name.as_bytes()).map(|i| (&name[..i], &name[i + 1..]))
}

/// Whether `name` is a `Name` without a colon.
pub(in crate::parse::adata) fn is_unprefixed_name(name: &str) -> bool {
    !name.is_empty() && name_len(name) == name.len() && split_prefix(name).is_none()
}

/// Why `name` is not a qualified name of Namespaces in XML (`prefix:local`, one colon between
/// two names that hold none), or `None` when it is one.
pub(super) fn not_qualified(name: &str) -> Option<String> {
    let (prefix, local) = split_prefix(name)?;
    let why = if prefix.is_empty() {
        "it has no prefix before the `:`"
    } else if local.is_empty() {
        "it has no local name after the `:`"
    } else if split_prefix(local).is_some() {
        "it has more than one `:`"
    } else if name_len(local) != local.len() {
        "its local name does not start like a name"
    } else {
        return None;
    };
    Some(format!(
        "`{name}` is not a qualified name: {why} (Namespaces in XML: `prefix:name`)"
    ))
}

/// A character as messages show it: printable as itself, otherwise by its code point.
pub(super) fn shown(c: Option<char>) -> String {
    match c {
        None => "the end".to_owned(),
        Some(c) if c.is_control() || c == '\u{FEFF}' => format!("U+{:04X}", c as u32),
        Some(c) => format!("`{c}`"),
    }
}

/// The characters of `text[start..end]` that XML 1.0 forbids (most C0 controls, U+FFFE,
/// U+FFFF), each an error. Read as bytes: in UTF-8 the C0 controls are single bytes, and
/// U+FFFE and U+FFFF the only characters encoded `EF BF BE` and `EF BF BF`.
pub(in crate::parse::adata) fn forbidden_characters(
    text: &str,
    start: usize,
    end: usize,
    errors: &mut Vec<XmlError>,
) {
    let bytes = &text.as_bytes()[start..end];
    let mut from = 0;
    // Skip to the next byte that may begin one: a control (line ends too) or `EF`.
    while let Some(found) = bytes[from..].iter().position(|&b| b < 0x20 || b == 0xEF) {
        let i = from + found;
        from = i + 1;
        let b = bytes[i];
        let (c, len) = match b {
            0..=0x1F if !is_space(b) => (u32::from(b), 1),
            0xEF if bytes.get(i + 1) == Some(&0xBF) => match bytes.get(i + 2) {
                Some(0xBE) => (0xFFFE, 3),
                Some(0xBF) => (0xFFFF, 3),
                _ => continue,
            },
            _ => continue,
        };
        errors.push(
            XmlError::new(
                Span::new(start + i, start + i + len),
                format!("the character U+{c:04X} is not allowed in XML"),
                "not an XML character",
            )
            .help("delete it, or replace it: XML 1.0 allows no control character but tab, line feed and carriage return, even as a reference"),
        );
    }
}
