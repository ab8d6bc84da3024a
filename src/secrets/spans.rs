//! Where a file's secrets are: the secret parts of each option (by its name, or the
//! passwords of a JDBC URL or another connection string in it), what follows a
//! password-like word on a commented-out or malformed line, and the secrets of an XML file.

use super::jdbc;
use super::names::hide_value_of;
use super::redact;
use crate::base::span::Span;
use crate::base::value::check_filter_type;
use crate::parse::options::{LineKind, OptionEntry, OptionsDoc};

/// Sections whose option names are data rather than settings: attached-data key names in
/// `[log-filter-data]` (each set to the filter that hides the key's value in logs), and the
/// filter names of Stat Server's `[Filters]`. `Password=hide` there names a key to hide, not
/// a password. (The schemas say the same with `names_are_data`; tests/schemas.rs keeps the
/// two in step.)
/// Sources: https://docs.genesys.com/Documentation/FR/Current/CORM/CommSecOpts,
/// https://docs.genesys.com/Documentation/RTME/8.5.0/User/Filters
pub const DATA_NAMED_SECTIONS: &[&str] = &["log-filter-data", "Filters"];

/// Sections whose values are log filter types (`hide`, `hide-first,4`): never a secret.
const FILTER_TYPE_SECTIONS: &[&str] = &["log-filter", "log-filter-data"];

/// Whether an option's name is data, not a setting (see [`DATA_NAMED_SECTIONS`]).
pub fn name_is_data(option: &OptionEntry) -> bool {
    option
        .section
        .is_some_and(|section| DATA_NAMED_SECTIONS.contains(&section))
}

/// Spans of the secrets of the JDBC URLs in `text` (which starts at `text_start`): see
/// [`jdbc`] for the forms read.
pub fn jdbc_passwords(text: &str, text_start: usize) -> Vec<Span> {
    jdbc::passwords_in(text)
        .into_iter()
        .map(|s| s.shifted(text_start))
        .collect()
}

/// Adds to `spans` the passwords of the JDBC URLs and other connection strings in `text`
/// (which starts at `text_start`): see [`jdbc`] for the forms read.
fn push_embedded_passwords(text: &str, text_start: usize, spans: &mut Vec<Span>) {
    // A URL starts at a `:` and a property is written with `=`: most values hold neither.
    if !holds_a_separator(text) {
        return;
    }
    spans.extend(
        jdbc::passwords_in(text)
            .into_iter()
            .chain(jdbc::connection_passwords(text))
            .map(|s| s.shifted(text_start)),
    );
}

/// Whether `text` holds `=` or `:`. Asked of every option's name and value, most a few
/// dozen bytes: on those, eight bytes at a time in a plain integer cost less than setting up
/// memchr's vector search.
fn holds_a_separator(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.len() > 64 {
        return memchr::memchr2(b'=', b':', bytes).is_some();
    }
    let Some(last) = bytes.last_chunk::<8>() else {
        // Shorter than a word: padded with 0, which is neither.
        let mut padded = [0u8; 8];
        for (to, &byte) in padded.iter_mut().zip(bytes) {
            *to = byte;
        }
        return word_holds_a_separator(padded);
    };
    // The last word may overlap the one before it: no byte is missed, none matters twice.
    bytes
        .chunks_exact(8)
        .any(|word| word_holds_a_separator(word.try_into().expect("8 bytes")))
        || word_holds_a_separator(*last)
}

/// Whether one of 8 bytes is `=` or `:` (a 0 byte is neither).
fn word_holds_a_separator(bytes: [u8; 8]) -> bool {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    let word = u64::from_ne_bytes(bytes);
    // A byte of `x` is 0 exactly when some byte of this is set (the classic test: wrong
    // bytes are only flagged above a true 0, so the answer for the word is exact).
    let zero_byte = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    zero_byte(word ^ (ONES * u64::from(b'='))) | zero_byte(word ^ (ONES * u64::from(b':'))) != 0
}

/// The characters of a word on a line that is not an option.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '_' | '.')
}

/// On text that is not a well-formed option, where the secret named by a password-like word
/// starts: after the first word that hides a value (`password: hunter2`, `[gim-etl]
/// password=hunter2`, `db-pass hunter2`), past the `=` or `:` and the blanks that follow
/// it; the secret runs to the end of the line. With `separated`, only a word followed by
/// `=` or `:` counts: a commented-out option (`; password=hunter2`), not prose that
/// mentions a password.
fn secret_after_name(text: &str, separated: bool) -> Option<usize> {
    // Most option names hold neither separator.
    if separated && !holds_a_separator(text) {
        return None;
    }
    let mut from = 0;
    while let Some(found) = text[from..].find(is_word_char) {
        let start = from + found;
        let end = text[start..]
            .find(|c: char| !is_word_char(c))
            .map_or(text.len(), |e| start + e);
        from = end;
        if !hide_value_of(&text[start..end]) {
            continue;
        }
        let after = text[end..].trim_start();
        let value = match after.strip_prefix(['=', ':']) {
            Some(value) => value.trim_start(),
            None if separated => continue,
            None => after,
        };
        if !value.trim_end().is_empty() {
            return Some(text.len() - value.len());
        }
    }
    None
}

/// The secret parts of one option: its whole value when its name says secret; the passwords
/// of a JDBC URL or another connection string in its value; on a malformed line read as an option (`password: hunter2 =
/// x`, `jdbc-url: jdbc:…?user=a&password=x`, cut at the first `=`), the rest of the line
/// after the secret word (`hunter2 = x`), or the whole value. A log filter type is never secret, whatever
/// the key it filters is called; any other value under a secret-like key name stays hidden.
pub fn secret_spans_of(option: &OptionEntry) -> Vec<Span> {
    let mut spans = Vec::new();
    push_secret_spans_of(option, &mut spans);
    spans
}

/// [`secret_spans_of`], added to `spans`: one list for a whole file, not one per option.
fn push_secret_spans_of(option: &OptionEntry, spans: &mut Vec<Span>) {
    let first = spans.len();
    if let Some(start) = secret_after_name(option.name, true) {
        // Each part, as rules quote the name and the value apart, and the whole rest of
        // the line, which may be written elsewhere whole (`; hunter9 = x`).
        let secret_start = option.name_span.start + start;
        spans.push(Span::new(secret_start, option.name_span.end));
        spans.push(option.value_span);
        spans.push(Span::new(
            secret_start,
            option.value_span.end.max(option.name_span.end),
        ));
    } else if hide_value_of(option.name) {
        let filter_type = option
            .section
            .is_some_and(|section| FILTER_TYPE_SECTIONS.contains(&section))
            && check_filter_type(option.value).is_ok();
        if !filter_type {
            spans.push(option.value_span);
        }
    } else if is_jdbc_url_cut(option.name) {
        push_embedded_passwords(option.name, option.name_span.start, spans);
        spans.push(option.value_span);
    } else {
        // A filter type never holds a URL or a `;`: no password there either.
        push_embedded_passwords(option.value, option.value_span.start, spans);
    }
    let mut kept = first;
    for at in first..spans.len() {
        if !spans[at].is_empty() {
            spans[kept] = spans[at];
            kept += 1;
        }
    }
    spans.truncate(kept);
}

/// Whether an option name holds the start of a JDBC URL that the option's `=` cut.
fn is_jdbc_url_cut(name: &str) -> bool {
    let bytes = name.as_bytes();
    memchr::memchr_iter(b':', bytes)
        .any(|colon| colon >= 4 && bytes[colon - 4..colon].eq_ignore_ascii_case(b"jdbc"))
}

/// The value of `option` as output may show it: secret parts masked.
pub fn masked_value(option: &OptionEntry) -> String {
    let value = option.value_span;
    let inside: Vec<Span> = secret_spans_of(option)
        .into_iter()
        .filter(|s| s.start < value.end && value.start < s.end)
        .map(|s| {
            Span::new(
                s.start.max(value.start) - value.start,
                s.end.min(value.end) - value.start,
            )
        })
        .collect();
    redact(option.value, &inside)
}

/// Every span of `doc` that output must hide: the secret parts of its options, the passwords
/// of the JDBC URLs on any line, and what follows a password-like word on a commented-out
/// option (`; password=hunter2`) or a line that does not parse (`password: hunter2`,
/// `[gim-etl] password=hunter2`).
pub fn secret_spans(doc: &OptionsDoc) -> Vec<Span> {
    let mut spans = Vec::new();
    for option in doc.sections.iter().flat_map(|s| &s.options) {
        push_secret_spans_of(option, &mut spans);
    }
    for line in &doc.lines {
        let content = &doc.text[line.span.range()];
        let separated = match line.kind {
            LineKind::Comment => true,
            LineKind::Invalid(_) => false,
            // An option's own spans cover its value; a URL may start in its name.
            LineKind::Option if is_jdbc_url_cut(content) => {
                spans.extend(jdbc_passwords(content, line.span.start));
                continue;
            }
            _ => continue,
        };
        push_embedded_passwords(content, line.span.start, &mut spans);
        if let Some(start) = secret_after_name(content, separated) {
            let end = content.trim_end().len();
            spans.push(Span::new(line.span.start + start, line.span.start + end));
        }
    }
    spans.sort();
    spans.dedup();
    spans
}

/// Every span of an XML file (an attached-data specification) that output must hide: the
/// passwords of the URLs and connection strings it holds (in a comment, an attribute, an
/// element's text), and what the markup names a secret (see [`push_markup_secrets`]).
pub fn xml_secret_spans(text: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\r', '\n']);
        push_embedded_passwords(content, line_start, &mut spans);
        line_start += line.len();
    }
    push_markup_secrets(text, &mut spans);
    spans.retain(|s| !s.is_empty());
    spans.sort();
    spans.dedup();
    spans
}

/// The attributes whose values are ICON's own words (a key's name, where its value comes
/// from, what history keeps), not the value of the setting an element names: `<key
/// name="db-password" value="…" source="userdata"/>` hides its `value`, not `userdata`,
/// which the redactor would otherwise mask in every file.
const STRUCTURAL_ATTRIBUTES: &[&str] = &["name", "source", "history", "field", "type", "id"];

/// One attribute of a start tag as [`push_markup_secrets`] reads it.
struct Attribute<'t> {
    name: &'t str,
    value: &'t str,
    value_span: Span,
}

/// Adds to `spans` what the start tags of `text` name a secret, read leniently (the file may
/// not be well-formed XML, and its secrets are hidden all the same), by the names the
/// option files are judged by ([`hide_value_of`]):
/// - the value of an attribute whose name says secret (`password="…"`, `password='…'`, or
///   unquoted `password=…`);
/// - the text of an element whose name says secret (`<password>…</password>`);
/// - the text, and the values of the attributes other than ICON's own
///   ([`STRUCTURAL_ATTRIBUTES`]), of an element whose `name` attribute says secret
///   (`<key name="db-password" value="…"/>`, `<property name="DBPassword">…</property>`).
///
/// A quoted value runs to its closing quote on the same line, or to the end of the line.
fn push_markup_secrets(text: &str, spans: &mut Vec<Span>) {
    let bytes = text.as_bytes();
    // Where the last closed value ended: a `<` inside a value (`password="a<b"`) starts no
    // tag, and each byte is read once.
    let mut read_to = 0;
    for open in memchr::memchr_iter(b'<', bytes) {
        if open < read_to || bytes.get(open + 1).is_some_and(|b| b"/!?".contains(b)) {
            continue;
        }
        let element_end = tag_word_end(text, open + 1);
        if element_end == open + 1 {
            continue;
        }
        let element = &text[open + 1..element_end];
        let mut attributes = Vec::new();
        let mut at = element_end;
        // Where the element's text starts, when its start tag ends with `>` (not `/>`).
        let mut content_start = None;
        loop {
            at = skip_blanks(text, at);
            match bytes.get(at) {
                None | Some(b'<') => break,
                Some(b'>') => {
                    content_start = Some(at + 1);
                    break;
                }
                Some(b'/') if bytes.get(at + 1) == Some(&b'>') => break,
                _ => {}
            }
            let name_end = tag_word_end(text, at).max(at + 1);
            let name = &text[at..name_end];
            at = skip_blanks(text, name_end);
            if bytes.get(at) != Some(&b'=') {
                continue;
            }
            at = skip_blanks(text, at + 1);
            let (value_span, closed) = attribute_value(text, at);
            attributes.push(Attribute {
                name,
                value: &text[value_span.range()],
                value_span,
            });
            if !closed {
                break;
            }
            at = value_span.end + usize::from(text[at..].starts_with(['"', '\'']));
            read_to = at;
        }
        let named_secret = attributes
            .iter()
            .any(|a| a.name == "name" && hide_value_of(a.value));
        for attribute in &attributes {
            let hidden = if named_secret {
                !STRUCTURAL_ATTRIBUTES.contains(&attribute.name)
                    && !attribute.name.starts_with("xmlns")
            } else {
                hide_value_of(attribute.name) || hide_value_of(local_name(attribute.name))
            };
            if hidden {
                spans.push(attribute.value_span);
            }
        }
        if let Some(start) = content_start {
            if named_secret || hide_value_of(local_name(element)) {
                spans.push(element_text(text, start));
            }
        }
    }
}

/// The part of a qualified name after its prefix (`db:Password`: `Password`).
fn local_name(name: &str) -> &str {
    name.rsplit_once(':').map_or(name, |(_, local)| local)
}

/// Where the name of an element or attribute that starts at `at` ends.
fn tag_word_end(text: &str, at: usize) -> usize {
    text[at..]
        .find(|c: char| c.is_whitespace() || matches!(c, '>' | '/' | '<' | '=' | '"' | '\''))
        .map_or(text.len(), |end| at + end)
}

/// `at`, past the blanks that start there.
fn skip_blanks(text: &str, at: usize) -> usize {
    text.len() - text[at..].trim_start().len()
}

/// The value of an attribute that starts at `at` (at its quote, if it has one), and whether
/// it is closed: quoted, up to its closing quote on the same line (or to the end of the
/// line, unclosed); unquoted (`password=hunter2 />`), up to a blank, `>` or `/>`.
fn attribute_value(text: &str, at: usize) -> (Span, bool) {
    let rest = &text[at..];
    if let Some(quote) = rest.chars().next().filter(|c| matches!(c, '"' | '\'')) {
        // Searched up to the quote, not the end of the line: a line of thousands of
        // attributes is read once.
        let inside = &rest[1..];
        let closing = inside.find(quote).unwrap_or(inside.len());
        return match inside[..closing].find(['\n', '\r']) {
            None if closing < inside.len() => (Span::new(at + 1, at + 1 + closing), true),
            line_end => (
                Span::new(at + 1, at + 1 + line_end.unwrap_or(closing)),
                false,
            ),
        };
    }
    let mut end = rest
        .find(|c: char| c.is_whitespace() || matches!(c, '>' | '<'))
        .unwrap_or(rest.len());
    if rest[..end].ends_with('/') && rest[end..].starts_with('>') {
        end -= 1;
    }
    (Span::new(at, at + end), true)
}

/// The text of an element whose start tag ends before `start`, without the blanks around
/// it: up to the next tag, or the inside of a CDATA section.
fn element_text(text: &str, start: usize) -> Span {
    let rest = &text[start..];
    let blanks = rest.len() - rest.trim_start().len();
    let rest = &rest[blanks..];
    let start = start + blanks;
    if let Some(cdata) = rest.strip_prefix("<![CDATA[") {
        let end = cdata.find("]]>").unwrap_or(cdata.len());
        return Span::new(start + 9, start + 9 + end);
    }
    let end = rest.find('<').unwrap_or(rest.len());
    Span::new(start, start + rest[..end].trim_end().len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn option_spans(text: &str) -> Vec<&str> {
        let doc = OptionsDoc::parse(text);
        secret_spans(&doc)
            .iter()
            .map(|s| &text[s.range()])
            .collect()
    }

    #[test]
    fn a_separator_is_found_at_every_place_of_a_short_or_long_text() {
        for length in 0..80 {
            let plain = "a0;-\u{7f}".repeat(16)[..length].to_owned();
            assert!(!holds_a_separator(&plain), "{plain:?}");
            for at in 0..length {
                for separator in ["=", ":"] {
                    let mut text = plain.clone();
                    text.replace_range(at..=at, separator);
                    assert!(holds_a_separator(&text), "{text:?}");
                }
            }
        }
        assert!(!holds_a_separator("<>;\u{bd}\u{3a3}"));
    }

    #[test]
    fn filter_types_are_not_secrets() {
        assert!(option_spans("[log-filter-data]\nPassword=hide\ntoken=skip\nCardPin=hide-first,2\n[log-filter]\ndefault-filter-type=hide\n").is_empty());
        // Not a filter type: what a secret-like key holds stays hidden.
        assert_eq!(
            option_spans("[log-filter-data]\npassword=hunter2\n"),
            ["hunter2"]
        );
        assert_eq!(option_spans("[gim-etl]\npassword=hide\n"), ["hide"]);
    }

    #[test]
    fn commented_out_and_malformed_lines() {
        let text = "; password=hunter2\n# DBPassword : hunter3 \n; the password policy says\n\
                    ; DBPASS=hunter10\n\
                    password: hunter4\n[gim-etl] pass-word=hunter5\ndb-pass hunter6\n\
                    jdbc-url: jdbc:postgresql://db/gim?user=a&password=hunter7\n\
                    ;jdbc-url=jdbc:sqlserver://db;password=hunter8\n\
                    password: hunter9 = x\n";
        assert_eq!(
            option_spans(text),
            [
                "hunter2",
                "hunter3",
                "hunter10",
                "hunter4",
                "hunter5",
                "hunter6",
                // A URL cut by the first `=`: the whole value, and the password in it.
                "a&password=hunter7",
                "hunter7",
                "hunter8",
                "hunter9",
                "hunter9 = x",
                "x"
            ]
        );
    }

    fn passwords(url: &str) -> Vec<&str> {
        jdbc_passwords(url, 0)
            .iter()
            .map(|s| &url[s.range()])
            .collect()
    }

    #[test]
    fn passwords_inside_jdbc_urls() {
        assert_eq!(
            passwords("jdbc:postgresql://db:5432/gim?user=gim&password=s3cret&ssl=true"),
            ["s3cret"]
        );
        assert_eq!(
            passwords("jdbc:sqlserver://db:1433;databaseName=gim;user=gim;password=s3cret"),
            ["s3cret"]
        );
        assert_eq!(
            passwords("jdbc:oracle:thin:gim/s3cret@db:1521:GIM"),
            ["s3cret"]
        );
        assert_eq!(passwords("jdbc:mysql://gim:s3cret@db/gim"), ["s3cret"]);
        assert!(passwords("jdbc:postgresql://db:5432/gim?user=gim").is_empty());
        assert!(passwords("jdbc:oracle:thin:@db:1521:GIM").is_empty());
        assert!(passwords("http://a:b@c").is_empty());
    }

    #[test]
    fn passwords_of_other_connection_strings_in_values_and_comments() {
        let text = "[a]\nconn=Server=db;User Id=sa;Password=AdoNetSecret1;\n\
                    odbc=DSN=gim;UID=sa;PWD=OdbcSecret22\n\
                    proxy=http://user:HttpPw1@proxy:8080\n\
                    ; was http://user:HttpPw2@proxy:8080 until May\n\
                    ; conn: Server=db;Password=AdoNetSecret3\n";
        assert_eq!(
            option_spans(text),
            [
                "AdoNetSecret1",
                "OdbcSecret22",
                "HttpPw1",
                "HttpPw2",
                "AdoNetSecret3"
            ]
        );
    }

    #[test]
    fn secrets_in_xml() {
        let text = "<?xml version=\"1.0\"?>\r\n\
                    <!-- jdbc:postgresql://db/gim?user=a&password=XmlJdbcPw1 -->\n\
                    <spec password=\"XmlAttrPw33\" db:Password = 'XmlAttrPw44' name=\"x\">\n\
                    <key name=\"token-lifetime\"/></spec>\n";
        let spans: Vec<&str> = xml_secret_spans(text)
            .iter()
            .map(|s| &text[s.range()])
            .collect();
        // A value runs to the next property or the end of the line: more hidden. The `:`
        // before `Password` reads as a connection string's, quotes and all.
        assert_eq!(
            spans,
            [
                "XmlJdbcPw1 -->",
                "XmlAttrPw33",
                "'XmlAttrPw44'",
                "XmlAttrPw44"
            ]
        );
    }

    #[test]
    fn secrets_the_markup_names_in_xml() {
        let text = "<key name=\"db-password\" value=\"XmlValPw1\" source=\"userdata\" history=\"last\"/>\n\
                    <property name=\"DBPassword\"> XmlTextPw2 </property>\n\
                    <password>XmlTextPw3</password><ns:api-key><![CDATA[Xml<Cdata>4]]></ns:api-key>\n\
                    <key name=\"k1\" password=XmlBarePw5 /><key password=XmlBarePw6/>\n\
                    <key password=\"Xml<Pw7\" name=\"k2\"/><key name=\"Password\" source=\"userdata\"/>\n\
                    <key secret='XmlPw8\" next=\"x\"/>\n<key name=\"queue\">plain</key>\n";
        let spans: Vec<&str> = xml_secret_spans(text)
            .iter()
            .map(|s| &text[s.range()])
            .collect();
        assert_eq!(
            spans,
            [
                "XmlValPw1",
                "XmlTextPw2",
                "XmlTextPw3",
                "Xml<Cdata>4",
                "XmlBarePw5",
                "XmlBarePw6",
                "Xml<Pw7",
                "XmlPw8\" next=\"x\"/>"
            ]
        );
    }

    /// Found by the `pipeline` fuzz target: a character of two bytes before an attribute's
    /// name made the name start inside it (a panic).
    #[test]
    fn an_attribute_after_a_character_of_several_bytes() {
        for line in [
            "<key \u{b4}name=\"Queue\"/>",
            "<key \u{b4}password=\"XmlPw55\"/>",
        ] {
            let spans: Vec<&str> = xml_secret_spans(line)
                .iter()
                .map(|s| &line[s.range()])
                .collect();
            let expected: &[&str] = if line.contains("XmlPw55") {
                &["XmlPw55"]
            } else {
                &[]
            };
            assert_eq!(spans, expected, "{line}");
        }
    }
}
