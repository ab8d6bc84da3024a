//! The redaction layer: which text of a run no output may show, and the one place that
//! masks it.
//!
//! Exports carry DAP passwords and JDBC URLs; CI logs, SARIF uploads, baselines committed to
//! a repository and terminals shared on screen must not show them. Each file's secrets are
//! found by option name (a classifier of password-like names, [`is_secret_name`]), by a
//! parser of JDBC URLs ([`jdbc`]) wherever a line holds one, and on commented-out and
//! malformed lines (`; password=…`, `password: …`). A [`Redactor`] then knows every secret
//! value of the run and masks each wherever it appears: in another option, another file, a
//! message, a fingerprint.

mod jdbc;

use crate::base::span::Span;
use crate::base::value::check_filter_type;
use crate::diagnostic::Finding;
use crate::parse::options::{LineKind, OptionEntry, OptionsDoc};
use std::borrow::Cow;

/// What replaces each byte of a secret in any output. One ASCII byte per byte keeps every
/// span and every line of the redacted text where it was.
pub const MASK: u8 = b'*';

/// Words that name a secret at the end of an option name: as the last word (`db-password`,
/// `client-secret`, `db-pw`), glued to the word before it (`dbpassword`, `sslpassword`), or
/// split in two or three words (`pass-word`, `PassWord`, `api-key`, `x-api-key`,
/// `PrivateKey`, `access_key`).
/// Trailing digits do not count (`password1`). Anywhere else in a name they hide its value
/// without making it a secret for SEC001 (`password-expiration-days`).
const SECRET_TERMS: &[&str] = &[
    "password",
    "passwd",
    "pwd",
    "pw",
    "pswd",
    "passwrd",
    "passphrase",
    "passcode",
    "secret",
    "token",
    "credential",
    "credentials",
    "apikey",
    "privatekey",
    "secretkey",
    "accesskey",
    "authkey",
    "privkey",
];

/// Words that name a secret as the last word (`db-pass`) or glued to the end of it
/// (`dbpass`, `truststorepass`), unless the word is one of [`ORDINARY_WORDS`]; elsewhere
/// they mean something else (`pass-through`).
const SECRET_LAST_WORDS: &[&str] = &["pass"];

/// The English words that end with a [`SECRET_LAST_WORDS`] word and name no secret.
const ORDINARY_WORDS: &[&str] = &[
    "bypass",
    "compass",
    "encompass",
    "overpass",
    "underpass",
    "surpass",
    "trespass",
];

/// Whether `word` (lowercased, without trailing digits) ends with a
/// [`SECRET_LAST_WORDS`] word, whole or glued, and is no ordinary word.
fn ends_with_a_last_word(word: &str) -> bool {
    SECRET_LAST_WORDS.iter().any(|w| word.ends_with(w)) && !ORDINARY_WORDS.contains(&word)
}

/// The words of a name, lowercased: split at every character that is not a letter or a
/// digit, at case humps (`dbPassWord`: `db`, `pass`, `word`) and at the end of a capitalised
/// acronym (`DBPassword`: `db`, `password`).
fn words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut words = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            words.push(std::mem::take(&mut current));
            continue;
        }
        let previous = i.checked_sub(1).map(|p| chars[p]);
        let hump =
            c.is_uppercase() && previous.is_some_and(|p| p.is_lowercase() || p.is_ascii_digit());
        let acronym_end = c.is_uppercase()
            && previous.is_some_and(char::is_uppercase)
            && chars.get(i + 1).is_some_and(|n| n.is_lowercase());
        if hump || acronym_end {
            words.push(std::mem::take(&mut current));
        }
        current.extend(c.to_lowercase());
    }
    words.push(current);
    words.retain(|w| !w.is_empty());
    words
}

/// `word` without its trailing digits (`password2`).
fn without_number(word: &str) -> &str {
    word.trim_end_matches(|c: char| c.is_ascii_digit())
}

/// A cheap first test, without allocating: every secret term, whole or split in words,
/// holds `pass`, `pw`, `pswd`, `secr`, `toke`, `cred` or `key`, so an ASCII name without any of
/// them names no secret. (Every option of every export passes here; most are not secrets.)
/// Non-ASCII names take the full test, since Unicode case folding can turn other letters
/// into these.
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
    const STEM_LETTERS: [u32; 6] = [
        letters(b"pass"),
        // `pswd` holds these too.
        letters(b"pw"),
        letters(b"secr"),
        letters(b"toke"),
        letters(b"cred"),
        letters(b"key"),
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
    const CRED: u32 = stem(b"cred");
    const PSWD: u32 = stem(b"pswd");
    const PW: u32 = stem(b"\0\0pw");
    const KEY: u32 = stem(b"\0key");
    let mut window = 0u32;
    bytes.iter().any(|&byte| {
        window = (window << 8) | u32::from(byte | 0x20);
        matches!(window, PASS | PSWD | SECR | TOKE | CRED)
            || window & 0x00ff_ffff == KEY
            || window & 0x0000_ffff == PW
    })
}

/// Whether an option called `name` holds a secret: its name ends with a secret term, as a
/// word, glued or split (see [`SECRET_TERMS`]), or its last word ends with `pass` and is no
/// ordinary word (see [`SECRET_LAST_WORDS`]): `password`, `DBPassword`, `dbPassWord`,
/// `pass-word`, `PassPhrase`, `client-secret`, `access-token`, `x-api-key`, `private-key`,
/// `credentials`, `db-pass`, `DBPASS`, `truststorepass`, `sslpassword`, `password1`, `db-pw`,
/// `access_key`.
pub fn is_secret_name(name: &str) -> bool {
    may_name_a_secret(name) && ends_with_a_secret_term(&words(name))
}

fn ends_with_a_secret_term(words: &[String]) -> bool {
    let Some(last) = words.last() else {
        return false;
    };
    let last = without_number(last);
    if ends_with_a_last_word(last) || SECRET_TERMS.iter().any(|t| last.ends_with(t)) {
        return true;
    }
    (2..=words.len().min(3)).any(|n| {
        let joined = words[words.len() - n..].concat();
        SECRET_TERMS.contains(&without_number(&joined))
    })
}

/// Whether output should hide the value of `name`: every name with a secret term anywhere
/// in it, whole, glued or split (`password-expiration-days`, `token-lifetime`,
/// `api-key-header`, `AccessKeyId`), or a word glued to `pass` (`dbpass-file`, though not
/// `pass-through`). Broader than [`is_secret_name`] on purpose: hiding a harmless value
/// costs nothing, while SEC001 must not call `password-expiration-days=90` a plaintext
/// secret.
fn hide_value_of(name: &str) -> bool {
    if !may_name_a_secret(name) {
        return false;
    }
    let words = words(name);
    ends_with_a_secret_term(&words)
        || words.iter().any(|w| {
            SECRET_TERMS.iter().any(|t| w.contains(t))
                || (w.len() > 4 && ends_with_a_last_word(without_number(w)))
        })
        || (2..=3).any(|n| {
            words
                .windows(n)
                .any(|split| SECRET_TERMS.contains(&without_number(&split.concat())))
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

/// Spans of the secrets of the JDBC URLs in `text` (which starts at `text_start`): see
/// [`jdbc`] for the forms read.
pub fn jdbc_passwords(text: &str, text_start: usize) -> Vec<Span> {
    jdbc::passwords_in(text)
        .into_iter()
        .map(|s| s.shifted(text_start))
        .collect()
}

/// Spans of the passwords of the JDBC URLs and other connection strings in `text` (which
/// starts at `text_start`): see [`jdbc`] for the forms read.
fn embedded_passwords(text: &str, text_start: usize) -> Vec<Span> {
    jdbc::passwords_in(text)
        .into_iter()
        .chain(jdbc::connection_passwords(text))
        .map(|s| s.shifted(text_start))
        .collect()
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
        spans = embedded_passwords(option.name, option.name_span.start);
        spans.push(option.value_span);
    } else {
        // A filter type never holds a URL or a `;`: no password there either.
        spans = embedded_passwords(option.value, option.value_span.start);
    }
    spans.retain(|s| !s.is_empty());
    spans
}

/// Whether an option name holds the start of a JDBC URL that the option's `=` cut.
fn is_jdbc_url_cut(name: &str) -> bool {
    name.as_bytes()
        .windows(5)
        .any(|w| w.eq_ignore_ascii_case(b"jdbc:"))
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
    let mut spans: Vec<Span> = doc
        .sections
        .iter()
        .flat_map(|s| &s.options)
        .flat_map(secret_spans_of)
        .collect();
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
        spans.extend(embedded_passwords(content, line.span.start));
        if let Some(start) = secret_after_name(content, separated) {
            let end = content.trim_end().len();
            spans.push(Span::new(line.span.start + start, line.span.start + end));
        }
    }
    spans.sort();
    spans.dedup();
    spans
}

/// Every span of an XML file (an attached-data specification) that output must hide, line
/// by line: the passwords of the URLs and connection strings it holds (in a comment, an
/// attribute, an element's text), and the value of each attribute whose name says secret
/// (`password="…"`).
pub fn xml_secret_spans(text: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\r', '\n']);
        spans.extend(embedded_passwords(content, line_start));
        spans.extend(
            secret_attribute_values(content)
                .into_iter()
                .map(|s| s.shifted(line_start)),
        );
        line_start += line.len();
    }
    spans.sort();
    spans.dedup();
    spans
}

/// The values of the attributes of `line` whose name hides a value (`password="…"`, quoted
/// with `"` or `'`): each up to its closing quote, or to the end of the line.
fn secret_attribute_values(line: &str) -> Vec<Span> {
    let bytes = line.as_bytes();
    memchr::memchr_iter(b'=', bytes)
        .filter_map(|eq| {
            let name_end = line[..eq].trim_end().len();
            // After the character before the name, which may be longer than a byte.
            let name_start = line[..name_end]
                .char_indices()
                .rfind(|&(_, c)| !(is_word_char(c) || c == ':'))
                .map_or(0, |(i, c)| i + c.len_utf8());
            let value = line[eq + 1..].trim_start();
            let quote = value.chars().next().filter(|c| matches!(c, '"' | '\''))?;
            if name_start == name_end || !hide_value_of(&line[name_start..name_end]) {
                return None;
            }
            let start = line.len() - value.len() + 1;
            let end = line[start..].find(quote).map_or(line.len(), |q| start + q);
            (end > start).then(|| Span::new(start, end))
        })
        .collect()
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

/// Secrets shorter than this (in characters) are not searched for elsewhere: masking every
/// `1` or `ab` would garble messages without protecting anything guessable. They are still
/// masked where they are.
const MIN_SCRUBBED_LEN: usize = 4;

/// How much of what precedes a secret shorter than [`MIN_SCRUBBED_LEN`] on its line is
/// looked for with it: enough for an option name (`[gim-etl] password: `).
const CONTEXT_LEN: usize = 64;

/// The redaction layer of one run: every secret value of every file the run read (the files
/// linted, the files gimlint.toml declares, the exports before a `diff`), found at once in
/// any text by one automaton, and masked there with [`redact`]'s same-length masks, so that
/// text whose positions matter (snippets, diffs) keeps them.
///
/// Every output is made from text that went through it: the findings, notes, errors and
/// changes of a [`crate::engine::Report`] and the inventory are scrubbed before any reporter sees
/// them, and text taken from the files (the lines of snippets and of the places that key
/// baselines and fingerprints, [`crate::engine::LintedFile::lines`]; `--diff`,
/// [`crate::engine::KeptText::redacted`]) is masked wherever a secret of the run appears in
/// it.
#[derive(Clone, Default)]
pub struct Redactor {
    /// How the texts are found, and for each (by pattern index) how many of its first
    /// bytes are context, not secret.
    finder: Option<(Finder, Vec<usize>)>,
}

/// How secrets are looked for: one automaton; or, past the sizes it can hold (gigabytes of
/// secrets), each secret in turn.
#[derive(Clone)]
enum Finder {
    Automaton(aho_corasick::AhoCorasick),
    OneByOne(Vec<String>),
}

impl std::fmt::Debug for Redactor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the secrets themselves.
        f.write_str("Redactor")
    }
}

impl Redactor {
    /// The redactor of the secret texts `secrets` (the text of secret spans, as written),
    /// which also finds each as it is written elsewhere: without the blanks, quotes or
    /// braces around it, and percent-decoded (`p%40ss` in a URL is `p@ss` in a password
    /// option).
    pub fn new<'t>(secrets: impl IntoIterator<Item = &'t str>) -> Self {
        Redactor::with_context(secrets.into_iter().map(|secret| ("", secret)))
    }

    /// The redactor of secrets each written after a context (`(context, secret)`): a secret
    /// too short to look for alone is looked for after its context, and only the secret part
    /// of what is found is masked.
    fn with_context<'t>(secrets: impl IntoIterator<Item = (&'t str, &'t str)>) -> Self {
        // Each text looked for, and how many of its bytes (the context) are not secret.
        let mut needles = std::collections::BTreeMap::<String, usize>::new();
        let mut add = |needle: String, context: usize| {
            let kept = needles.entry(needle).or_insert(context);
            *kept = (*kept).min(context);
        };
        for (context, secret) in secrets {
            for form in written_forms(secret) {
                if form.bytes().all(|b| b == MASK) || form.trim().is_empty() {
                    continue;
                }
                if form.chars().count() >= MIN_SCRUBBED_LEN {
                    add(form, 0);
                } else if context.trim().chars().count() >= MIN_SCRUBBED_LEN {
                    add(format!("{context}{form}"), context.len());
                }
            }
        }
        if needles.is_empty() {
            return Redactor::default();
        }
        let (patterns, contexts): (Vec<String>, Vec<usize>) = needles.into_iter().unzip();
        // Not the DFA the builder picks for a few patterns: its build costs a table of every
        // byte class for every state, hundreds of bytes per byte of secret, which one long
        // secret (a line of URLs) makes gigabytes.
        let finder = match aho_corasick::AhoCorasick::builder()
            .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
            .build(&patterns)
        {
            Ok(automaton) => Finder::Automaton(automaton),
            Err(_) => Finder::OneByOne(patterns),
        };
        Redactor {
            finder: Some((finder, contexts)),
        }
    }

    /// The redactor of files given as their text and secret spans. A secret too short to
    /// look for alone (`password: ab=…` read as an option named `password: ab`, whose name
    /// rules and `diff` quote) is looked for after what precedes it on its line (at most
    /// [`CONTEXT_LEN`] bytes of it, so that a long line costs no more per secret).
    pub fn of_files<'t>(files: impl IntoIterator<Item = (&'t str, &'t [Span])>) -> Self {
        Redactor::with_context(
            files
                .into_iter()
                .flat_map(|(text, spans)| looked_for_in(text, spans)),
        )
    }

    /// The redactor of secrets that [`secrets_of_file`] took from files whose text is gone.
    pub fn of_secrets<'t>(secrets: impl IntoIterator<Item = &'t (String, String)>) -> Self {
        Redactor::with_context(
            secrets
                .into_iter()
                .map(|(context, secret)| (context.as_str(), secret.as_str())),
        )
    }

    /// Where the secrets of the run appear in `text` (overlapping occurrences each).
    pub fn occurrences(&self, text: &str) -> Vec<Span> {
        match &self.finder {
            None => Vec::new(),
            Some((Finder::Automaton(automaton), contexts)) => automaton
                .find_overlapping_iter(text)
                .map(|m| Span::new(m.start() + contexts[m.pattern().as_usize()], m.end()))
                .collect(),
            Some((Finder::OneByOne(needles), contexts)) => needles
                .iter()
                .zip(contexts)
                .flat_map(|(needle, &context)| {
                    memchr::memmem::find_iter(text.as_bytes(), needle.as_bytes())
                        .map(move |at| Span::new(at + context, at + needle.len()))
                })
                .collect(),
        }
    }

    /// `text` with every secret of the run masked.
    pub fn scrub<'t>(&self, text: &'t str) -> Cow<'t, str> {
        let found = self.occurrences(text);
        if found.is_empty() {
            Cow::Borrowed(text)
        } else {
            Cow::Owned(redact(text, &found))
        }
    }

    /// Masks every secret of the run in `text`.
    pub fn scrub_in_place(&self, text: &mut String) {
        if let Cow::Owned(scrubbed) = self.scrub(text) {
            *text = scrubbed;
        }
    }

    /// Masks any secret in a finding's words. Rules already avoid quoting secret values;
    /// this catches a secret repeated where a rule may quote it (another option's value),
    /// and a future rule that quotes one. A fix whose replacement holds a secret can be
    /// neither shown (it would leak) nor masked (`--fix` would write the mask into the
    /// file): it is not offered.
    pub fn scrub_finding(&self, finding: &mut Finding) {
        if self.finder.is_none() {
            return;
        }
        self.scrub_in_place(&mut finding.message);
        finding.help.iter_mut().for_each(|h| self.scrub_in_place(h));
        finding
            .label
            .iter_mut()
            .for_each(|l| self.scrub_in_place(l));
        finding
            .labels
            .iter_mut()
            .for_each(|l| self.scrub_in_place(&mut l.message));
        if let Some(fix) = &mut finding.fix {
            self.scrub_in_place(&mut fix.message);
        }
        if finding.fix.as_ref().is_some_and(|fix| {
            fix.edits
                .iter()
                .any(|e| !self.occurrences(&e.replacement).is_empty())
        }) {
            finding.fix = None;
        }
    }
}

/// What a redactor looks for of a file with `spans` in `text`: each secret, with the context
/// it is looked for after (see [`Redactor::of_files`]).
fn looked_for_in<'t>(text: &'t str, spans: &[Span]) -> impl Iterator<Item = (&'t str, &'t str)> {
    spans_looked_for(spans).into_iter().map(move |s| {
        let secret = &text[s.range()];
        if secret.chars().count() >= MIN_SCRUBBED_LEN {
            return ("", secret);
        }
        let mut from = s.start.saturating_sub(CONTEXT_LEN);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let before = &text[from..s.start];
        let line = before
            .rfind(['\n', '\r'])
            .map_or(before, |at| &before[at + 1..]);
        (line.trim_start(), secret)
    })
}

/// What the run's redactor will look for of a file with `spans` in `text`, taken while the
/// text is at hand: a run that drops each file's text once the file is checked builds its
/// redactor from these ([`Redactor::of_secrets`]).
pub fn secrets_of_file(text: &str, spans: &[Span]) -> Vec<(String, String)> {
    looked_for_in(text, spans)
        .map(|(context, secret)| (context.to_owned(), secret.to_owned()))
        .collect()
}

/// How many bytes of overlapping secrets are looked for, per byte of the text they cover.
const OVERLAP_BUDGET: usize = 4;

/// The spans of a file whose text is looked for elsewhere: each group of overlapping spans
/// as one span, and the shortest spans of the group as long as their total length stays
/// within [`OVERLAP_BUDGET`] times the group's. An option's name, value and whole line each
/// stay; thousands of values nested in one another (`;password={;password={…`, each running
/// to the end of the line) make one needle, not a square of them.
fn spans_looked_for(spans: &[Span]) -> Vec<Span> {
    let mut sorted = spans.to_vec();
    sorted.sort();
    let mut looked_for = Vec::new();
    let mut first = 0;
    while first < sorted.len() {
        let mut end = sorted[first].end;
        let mut next = first + 1;
        while next < sorted.len() && sorted[next].start < end {
            end = end.max(sorted[next].end);
            next += 1;
        }
        let group = Span::new(sorted[first].start, end);
        let mut members = sorted[first..next].to_vec();
        members.sort_by_key(|s| s.len());
        let mut budget = OVERLAP_BUDGET * group.len();
        for member in members {
            if member.len() > budget {
                break;
            }
            budget -= member.len();
            looked_for.push(member);
        }
        looked_for.push(group);
        first = next;
    }
    looked_for
}

/// A secret as written, and as it may be written elsewhere: trimmed, its first word alone
/// (when it has more and the first is long enough to look for), unquoted (`"…"`, `'…'`,
/// SQL Server's `{…}` with `}}` for `}`), percent-decoded.
fn written_forms(secret: &str) -> Vec<String> {
    let trimmed = secret.trim();
    let mut forms = vec![secret.to_owned(), trimmed.to_owned()];
    // `password=Winter2026x ; rotated 2024`: the password is the first word, and may be
    // written alone elsewhere.
    if let Some(first) = trimmed.split_whitespace().next() {
        if first != trimmed && first.chars().count() >= MIN_SCRUBBED_LEN {
            forms.push(first.to_owned());
        }
    }
    let unquoted = ['"', '\'']
        .iter()
        .find_map(|&q| trimmed.strip_prefix(q)?.strip_suffix(q).map(str::to_owned))
        .or_else(|| {
            let inner = trimmed.strip_prefix('{')?.strip_suffix('}')?;
            Some(inner.replace("}}", "}"))
        });
    if let Some(unquoted) = unquoted {
        forms.push(unquoted);
    }
    let decoded: Vec<String> = forms.iter().filter_map(|f| percent_decoded(f)).collect();
    forms.extend(decoded);
    forms
}

/// `text` with its `%XX` escapes decoded, when it has any and the result is UTF-8.
fn percent_decoded(text: &str) -> Option<String> {
    if !text.contains('%') {
        return None;
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                i += 3;
            }
            (byte, _, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out)
        .ok()
        .filter(|decoded| decoded != text)
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
    fn secret_names_whole_glued_split_and_in_case_humps() {
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
            "PassWord",
            "dbPassWord",
            "pass-word",
            "Pass_Word",
            "PassPhrase",
            "api-key",
            "x-api-key",
            "APIKey",
            "db-pass",
            "dbPass",
            "DBPass",
            "credentials",
            "private-key",
            "sslpassword",
            "trustStorePassword",
            "keyStoreSecret",
            "password1",
            "DB2Password",
            "dbpass",
            "DBPASS",
            "adminpass",
            "truststorepass",
            "userpass",
            "sslpass",
            "keystorepass",
            "pw",
            "db-pw",
            "dbPw",
            "pswd",
            "passwrd",
            "access_key",
            "auth_key",
            "priv_key",
        ] {
            assert!(is_secret_name(name), "{name}");
            assert!(hide_value_of(name), "{name}");
        }
        for name in [
            "token-lifetime",
            "password-expiration-days",
            "pass-through",
            "bypass",
            "api-key-header",
            "user",
            "jdbc-url",
            "role",
            "key-name",
            "monkey",
            "passive",
            "compass",
            "Bypass",
            "passthrough",
            "AccessKeyId",
        ] {
            assert!(!is_secret_name(name), "{name}");
        }
        // Hidden, though not called a plaintext secret.
        for name in [
            "password-expiration-days",
            "token-lifetime",
            "api-key-header",
            "PassWordPolicy",
            "AccessKeyId",
            "dbpass-file",
        ] {
            assert!(hide_value_of(name), "{name}");
        }
        for name in [
            "pass-through",
            "passthrough",
            "bypass",
            "compass",
            "passive",
            "key-name",
            "user",
            "timeout",
        ] {
            assert!(!hide_value_of(name), "{name}");
        }
    }

    #[test]
    fn the_first_test_lets_every_secret_word_through() {
        for word in SECRET_TERMS.iter().chain(SECRET_LAST_WORDS) {
            for name in [
                word.to_string(),
                word.to_uppercase(),
                format!("db-{word}"),
                format!("x{}", word.to_uppercase()),
            ] {
                assert!(may_name_a_secret(&name), "{name}");
            }
        }
        for name in [
            "pass-word",
            "Pass_Phrase",
            "api-key",
            "Private.Key",
            "secret-key",
        ] {
            assert!(may_name_a_secret(name), "{name}");
        }
        assert!(may_name_a_secret("pässword"));
        for name in [
            "", "timeout", "host", "pas-s", "p-w-d", "tok", "SECURE", "k-e-y", "p-s-w-d",
        ] {
            assert!(!may_name_a_secret(name), "{name}");
        }
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

    /// Found by the `pipeline` fuzz target: a character of two bytes before an attribute's
    /// name made the name start inside it (a panic).
    #[test]
    fn an_attribute_after_a_character_of_several_bytes() {
        for line in [
            "<key \u{b4}name=\"Queue\"/>",
            "<key \u{b4}password=\"XmlPw55\"/>",
        ] {
            let spans: Vec<&str> = secret_attribute_values(line)
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

    #[test]
    fn the_redactor_finds_each_secret_as_written_anywhere() {
        let redactor = Redactor::new([
            " \"hunter22\" ",
            "{Tig;s3}}cret}",
            "p%40ssw0rd",
            "abc",
            "****",
        ]);
        assert_eq!(
            redactor.scrub("a hunter22, Tig;s3}cret and p@ssw0rd, abc ****"),
            "a ********, *********** and ********, abc ****"
        );
        assert!(matches!(redactor.scrub("nothing"), Cow::Borrowed(_)));
        // Overlapping secrets are both masked, and lengths in bytes kept.
        let redactor = Redactor::new(["abcd", "cdéf"]);
        assert_eq!(redactor.scrub("xabcdéfx"), "x****·*x");
        assert!(Redactor::default().occurrences("abcd").is_empty());
    }

    #[test]
    fn a_short_secret_is_found_after_what_precedes_it_on_its_line() {
        // `password: ab=cdef` reads as an option named `password: ab`: `ab` is a secret
        // too short to look for alone, but a message quoting the name must not show it.
        let text = "[a]\npassword: ab=cdef\n";
        let doc = OptionsDoc::parse(text);
        let redactor = Redactor::of_files([(text, secret_spans(&doc).as_slice())]);
        assert_eq!(
            redactor.scrub("`[a] password: ab` and ab, cdef"),
            "`[a] password: **` and ab, ****"
        );
    }

    #[test]
    fn the_first_word_of_a_secret_value_is_a_secret() {
        let text = "[a]\npassword=Winter2026x ; rotated 2024\ndesc=Winter2026x\n";
        let doc = OptionsDoc::parse(text);
        let redactor = Redactor::of_files([(text, secret_spans(&doc).as_slice())]);
        assert_eq!(
            redactor.scrub("desc=Winter2026x, rotated"),
            "desc=***********, rotated"
        );
        // Too short to look for alone.
        let redactor = Redactor::new(["abc def"]);
        assert_eq!(redactor.scrub("abc"), "abc");
    }

    #[test]
    fn overlapping_secrets_are_looked_for_within_a_budget() {
        // An option's name, value and whole line each stay.
        let spans = [Span::new(0, 10), Span::new(4, 10), Span::new(0, 3)];
        assert_eq!(
            spans_looked_for(&spans),
            [
                Span::new(0, 3),
                Span::new(4, 10),
                Span::new(0, 10),
                Span::new(0, 10)
            ]
        );
        // Nested values each running to the end: the shortest, then only the whole.
        let nested: Vec<Span> = (0..100).map(|i| Span::new(i * 10, 1000)).collect();
        let looked_for = spans_looked_for(&nested);
        let bytes: usize = looked_for.iter().map(|s| s.len()).sum();
        assert!(bytes <= (OVERLAP_BUDGET + 1) * 1000, "{bytes}");
        assert_eq!(looked_for.last(), Some(&Span::new(0, 1000)));
        assert!(looked_for.contains(&Span::new(990, 1000)));
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
