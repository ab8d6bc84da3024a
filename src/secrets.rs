//! Secret detection: which option values must never appear in any output, and which ones
//! SEC001 reports as stored in plain text.
//!
//! Exports carry DAP passwords and JDBC URLs; CI logs, SARIF uploads and terminals shared on
//! screen must not show them. Detection is by option name, plus the password part of any
//! JDBC URL whatever the option is called.

use crate::finding::Finding;
use crate::model::value::check_filter_type;
use crate::parse::options::{LineKind, OptionEntry, OptionsDoc};
use crate::span::Span;

/// What replaces each byte of a secret in any output. One ASCII byte per byte keeps every
/// span and every line of the redacted text where it was.
pub const MASK: u8 = b'*';

/// Words that name a secret wherever they stand in an option name.
const ALWAYS_SECRET: &[&str] = &["password", "passwd", "pwd", "passphrase"];
/// Words that name a secret only as the last word (`access-token`, not `token-lifetime`).
const SECRET_AS_LAST_WORD: &[&str] = &["secret", "token"];

/// The words of an option name, lowercased: split at `-`, `_`, `.`, blanks and camelCase.
fn words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut previous_lower = false;
    for c in name.chars() {
        if matches!(c, '-' | '_' | '.') || c.is_whitespace() {
            words.push(std::mem::take(&mut current));
            previous_lower = false;
            continue;
        }
        if c.is_uppercase() && previous_lower {
            words.push(std::mem::take(&mut current));
        }
        previous_lower = c.is_lowercase() || c.is_ascii_digit();
        current.extend(c.to_lowercase());
    }
    words.push(current);
    words.retain(|w| !w.is_empty());
    words
}

/// A cheap first test, without allocating: every secret word contains `pass`, `pwd`, `secr`
/// or `toke`, so an ASCII name without any of them names no secret. (Every option of every
/// export passes here; most are not secrets.) Non-ASCII names take the full test, since
/// Unicode case folding can turn other letters into these.
fn may_name_a_secret(name: &str) -> bool {
    // First the letters the name holds, one bit each, from a table: a name without all the
    // letters of one stem is decided without looking for the stems, which is most names.
    // Bytes above ASCII set the top bit.
    const NOT_ASCII: u32 = 1 << 31;
    const LETTER_BITS: [u32; 256] = {
        let mut bits = [0; 256];
        let mut byte = 0;
        while byte < 256 {
            let lower = (byte as u8) | 0x20;
            if byte >= 0x80 {
                bits[byte] = NOT_ASCII;
            } else if lower.is_ascii_lowercase() {
                bits[byte] = 1 << (lower - b'a');
            }
            byte += 1;
        }
        bits
    };
    const fn letters(stem: &[u8]) -> u32 {
        let mut set = 0;
        let mut i = 0;
        while i < stem.len() {
            set |= LETTER_BITS[stem[i] as usize];
            i += 1;
        }
        set
    }
    const STEM_LETTERS: [u32; 4] = [
        letters(b"pass"),
        letters(b"pwd"),
        letters(b"secr"),
        letters(b"toke"),
    ];
    let bytes = name.as_bytes();
    let held = bytes
        .iter()
        .fold(0, |held, &byte| held | LETTER_BITS[usize::from(byte)]);
    if held & NOT_ASCII != 0 {
        return true;
    }
    if !STEM_LETTERS.iter().any(|&stem| stem & !held == 0) {
        return false;
    }
    // Then the stems: the last four bytes, lowercased, in one word.
    const fn stem(bytes: &[u8; 4]) -> u32 {
        u32::from_be_bytes(*bytes)
    }
    const PASS: u32 = stem(b"pass");
    const SECR: u32 = stem(b"secr");
    const TOKE: u32 = stem(b"toke");
    const PWD: u32 = stem(b"\0pwd");
    let mut window = 0u32;
    bytes.iter().any(|&byte| {
        window = (window << 8) | u32::from(byte | 0x20);
        matches!(window, PASS | SECR | TOKE) || window & 0x00ff_ffff == PWD
    })
}

/// Whether an option called `name` holds a secret: its last word is a secret word
/// (`password`, `db-password`, `DBPassword`, `client-secret`, `access-token`, `pwd`), or its
/// name ends with `password` glued to another word (`dbpassword`).
pub fn is_secret_name(name: &str) -> bool {
    may_name_a_secret(name) && is_secret_by_words(&words(name))
}

fn is_secret_by_words(words: &[String]) -> bool {
    let Some(last) = words.last() else {
        return false;
    };
    let last = last.as_str();
    ALWAYS_SECRET.contains(&last)
        || SECRET_AS_LAST_WORD.contains(&last)
        || last.ends_with("password")
        || last.ends_with("passwd")
}

/// Whether output should hide the value of `name`: every name with a secret word anywhere in
/// it. Broader than [`is_secret_name`] on purpose: hiding a harmless value costs nothing,
/// while SEC001 must not call `password-expiration-days=90` a plaintext secret.
fn hide_value_of(name: &str) -> bool {
    if !may_name_a_secret(name) {
        return false;
    }
    let words = words(name);
    is_secret_by_words(&words)
        || words.iter().any(|w| {
            ALWAYS_SECRET
                .iter()
                .chain(SECRET_AS_LAST_WORD)
                .any(|s| w.contains(s))
        })
}

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

/// Spans of the passwords inside a JDBC URL value (`value` starts at `value_start`):
/// `password=…`/`pwd=…` properties (PostgreSQL, SQL Server, DB2), `//user:password@host`
/// user info, and Oracle's `jdbc:oracle:thin:user/password@host`.
pub fn jdbc_passwords(value: &str, value_start: usize) -> Vec<Span> {
    let is_jdbc = value
        .trim_start()
        .as_bytes()
        .get(..5)
        .is_some_and(|scheme| scheme.eq_ignore_ascii_case(b"jdbc:"));
    if !is_jdbc {
        return Vec::new();
    }
    let lower = value.to_ascii_lowercase();
    let trimmed_start = lower.len() - lower.trim_start().len();
    if !lower[trimmed_start..].starts_with("jdbc:") {
        return Vec::new();
    }
    let mut spans = Vec::new();
    let bytes = lower.as_bytes();
    for key in ["password=", "pwd="] {
        let mut from = 0;
        while let Some(found) = lower[from..].find(key) {
            let at = from + found;
            let at_boundary = at == 0 || matches!(bytes[at - 1], b'?' | b'&' | b';' | b':');
            let start = at + key.len();
            // SQL Server quotes a value holding `;` in braces: `password={a;b}`.
            let end = if lower[start..].starts_with('{') {
                lower[start..]
                    .find('}')
                    .map_or(lower.len(), |e| start + e + 1)
            } else {
                lower[start..]
                    .find(['&', ';'])
                    .map_or(lower.len(), |e| start + e)
            };
            if at_boundary && end > start {
                spans.push(Span::new(value_start + start, value_start + end));
            }
            from = start;
        }
    }
    // Oracle thin `thin:user/password@host` (also `@//host`), else `//user:password@host`.
    let authority = match lower.find("thin:") {
        Some(i) => Some((i + 5, '/', lower.len())),
        None => lower.find("//").map(|i| {
            let start = i + 2;
            let end = lower[start..]
                .find(['/', '?', ';', '('])
                .map_or(lower.len(), |e| start + e);
            (start, ':', end)
        }),
    };
    if let Some((start, separator, end)) = authority {
        // The user info ends at the first `@`: Oracle's `@//host` follows it.
        if let Some(at) = lower[start..end].find('@') {
            let user_info = &lower[start..start + at];
            if let Some(sep) = user_info.find(separator) {
                let password = Span::new(start + sep + 1, start + at);
                if !password.is_empty() {
                    spans.push(password.shifted(value_start));
                }
            }
        }
    }
    spans.sort();
    spans
}

/// The secret parts of one option: its whole value when its name says secret, otherwise the
/// passwords of a JDBC URL value. A log filter type is never secret, whatever the key it
/// filters is called; any other value under a secret-like key name stays hidden.
pub fn secret_spans_of(option: &OptionEntry) -> Vec<Span> {
    if hide_value_of(option.name) {
        let filter_type = option
            .section
            .is_some_and(|section| FILTER_TYPE_SECTIONS.contains(&section))
            && check_filter_type(option.value).is_ok();
        if option.value_span.is_empty() || filter_type {
            return Vec::new();
        }
        return vec![option.value_span];
    }
    // A filter type never starts with `jdbc:`: no JDBC password there either.
    jdbc_passwords(option.value, option.value_span.start)
}

/// The value of `option` as output may show it: secret parts masked.
pub fn masked_value(option: &OptionEntry) -> String {
    let shifted: Vec<Span> = secret_spans_of(option)
        .into_iter()
        .map(|s| {
            Span::new(
                s.start - option.value_span.start,
                s.end - option.value_span.start,
            )
        })
        .collect();
    redact(option.value, &shifted)
}

/// Every span of `doc` that output must hide: secret option values, JDBC passwords, and on a
/// line that could not be parsed, whatever follows a secret word (`password: hunter2`,
/// `[gim-etl] password=hunter2`).
pub fn secret_spans(doc: &OptionsDoc) -> Vec<Span> {
    let mut spans: Vec<Span> = doc
        .sections
        .iter()
        .flat_map(|s| &s.options)
        .flat_map(secret_spans_of)
        .collect();
    for line in &doc.lines {
        if !matches!(line.kind, LineKind::Invalid(_)) {
            continue;
        }
        let content = &doc.text[line.span.range()];
        let lower = content.to_ascii_lowercase();
        let word_end = ALWAYS_SECRET
            .iter()
            .chain(SECRET_AS_LAST_WORD)
            .filter_map(|w| lower.find(w).map(|i| i + w.len()))
            .min();
        if let Some(end) = word_end {
            let rest = Span::new(line.span.start + end, line.span.end);
            if !rest.is_empty() {
                spans.push(rest);
            }
        }
    }
    spans.sort();
    spans
}

/// `text` with every character inside `secrets` replaced by a mask of the same length in
/// bytes: [`MASK`] for ASCII, `·`, `•` or `𐄁` for two-, three- and four-byte characters.
/// Byte offsets stay valid and every line keeps its number of characters, so the lines and
/// columns a snippet shows are those of the file; line breaks are kept.
pub fn redact(text: &str, secrets: &[Span]) -> String {
    let mut hidden = vec![false; text.len()];
    for span in secrets {
        hidden[span.start.min(text.len())..span.end.min(text.len())].fill(true);
    }
    let mut out = String::with_capacity(text.len());
    for (at, c) in text.char_indices() {
        out.push(match c {
            '\r' | '\n' => c,
            _ if !hidden[at] => c,
            _ => match c.len_utf8() {
                1 => MASK as char,
                2 => '·',
                3 => '•',
                _ => '𐄁',
            },
        });
    }
    out
}

/// Secrets shorter than this are not searched for in messages: masking every `1` or `ab`
/// would garble messages without protecting anything guessable.
const MIN_SCRUBBED_LEN: usize = 4;

/// Last line of defence: masks any secret text that a rule put into a finding's words.
/// Rules already avoid quoting secret values; this keeps a future rule from leaking one.
pub fn scrub_finding(finding: &mut Finding, secrets: &[&str]) {
    let secrets: Vec<&str> = secrets
        .iter()
        .copied()
        .filter(|s| s.len() >= MIN_SCRUBBED_LEN)
        .collect();
    if secrets.is_empty() {
        return;
    }
    let scrub = |text: &mut String| {
        for secret in &secrets {
            if text.contains(secret) {
                *text = text.replace(secret, "****");
            }
        }
    };
    scrub(&mut finding.message);
    finding.help.iter_mut().for_each(scrub);
    finding.label.iter_mut().for_each(scrub);
    finding
        .labels
        .iter_mut()
        .for_each(|l| scrub(&mut l.message));
    if let Some(fix) = &mut finding.fix {
        scrub(&mut fix.message);
    }
    // A replacement holding a secret's text can be neither shown (it would leak) nor masked
    // (`--fix` would write the mask into the file): that fix is not offered.
    if finding.fix.as_ref().is_some_and(|fix| {
        fix.edits
            .iter()
            .any(|e| secrets.iter().any(|secret| e.replacement.contains(secret)))
    }) {
        finding.fix = None;
    }
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
    fn secret_names_by_last_word() {
        for name in [
            "password",
            "db-password",
            "DBPassword",
            "dbpassword",
            "jdbc_pwd",
            "client-secret",
            "access-token",
            "Password",
            "keystore.passwd",
        ] {
            assert!(is_secret_name(name), "{name}");
        }
        for name in [
            "token-lifetime",
            "password-expiration-days",
            "user",
            "jdbc-url",
            "role",
        ] {
            assert!(!is_secret_name(name), "{name}");
        }
        assert!(hide_value_of("password-expiration-days"));
    }

    #[test]
    fn the_first_test_lets_every_secret_word_through() {
        for word in ALWAYS_SECRET.iter().chain(SECRET_AS_LAST_WORD) {
            for name in [
                word.to_string(),
                word.to_uppercase(),
                format!("db-{word}"),
                format!("x{}", word.to_uppercase()),
            ] {
                assert!(may_name_a_secret(&name), "{name}");
            }
        }
        assert!(may_name_a_secret("pässword"));
        for name in ["", "timeout", "host", "pas-s", "p-w-d", "tok", "SECURE"] {
            assert!(!may_name_a_secret(name), "{name}");
        }
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
    fn redaction_keeps_lengths_in_bytes_and_characters() {
        let text = "pwd=pässwörd€\r\nx=1";
        let redacted = redact(text, &[Span::new(4, 18)]);
        assert_eq!(redacted, "pwd=*·***·**•\r\nx=1");
        assert_eq!(redacted.len(), text.len());
        assert_eq!(redacted.chars().count(), text.chars().count());
    }
}
