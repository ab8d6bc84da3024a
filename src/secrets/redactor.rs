//! The [`Redactor`]: every secret of a run, found as written anywhere (trimmed, unquoted,
//! percent-decoded, or after what precedes a short one on its line) by one automaton, and
//! masked in any text.

use super::{redact, MASK};
use crate::base::span::Span;
use std::borrow::Cow;

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
    pub(super) finder: Option<(Finder, Vec<usize>)>,
}

/// How secrets are looked for: one automaton; or, past the sizes it can hold (gigabytes of
/// secrets), each secret in turn.
#[derive(Clone)]
pub(super) enum Finder {
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
        // A DFA only while its table stays small and its secrets short: it holds a row of
        // every byte class for every state, about a state per byte of secret, which one long
        // secret (a line of URLs) would make gigabytes; and its build follows failure links
        // for every row, as far back as the longest secret, which nested secrets (`{` values
        // each running to the end of one long line) make the square of the line. Past that,
        // the contiguous NFA: smaller, and slower by half. Without a prefilter: with the secrets of a run (hundreds of patterns) its
        // rare bytes are common ones, and each false start cost more than the walk it saves.
        let mut used = [false; 256];
        patterns
            .iter()
            .flat_map(|p| p.bytes())
            .for_each(|b| used[usize::from(b)] = true);
        let row = 4 * (used.iter().filter(|&&u| u).count() + 1);
        let states: usize = patterns.iter().map(String::len).sum();
        let longest = patterns.iter().map(String::len).max().unwrap_or(0);
        let kind = if states.saturating_mul(row) <= DFA_BUDGET && longest <= DFA_LONGEST {
            aho_corasick::AhoCorasickKind::DFA
        } else {
            aho_corasick::AhoCorasickKind::ContiguousNFA
        };
        let finder = match aho_corasick::AhoCorasick::builder()
            .kind(Some(kind))
            .prefilter(false)
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

    /// Where the secrets of the run appear in `text`: sorted spans that neither overlap nor
    /// touch, each covering occurrences that overlap. Merged as they are found: thousands
    /// of secrets repeated on one long line overlap each other at every byte, and a list of
    /// every occurrence would hold the square of the line.
    pub fn occurrences(&self, text: &str) -> Vec<Span> {
        let mut merged: Vec<Span> = Vec::new();
        match &self.finder {
            None => {}
            Some((Finder::Automaton(automaton), contexts)) => {
                // Overlapping matches come by where they end; one may start before the
                // spans already merged.
                for found in automaton.find_overlapping_iter(text) {
                    let mut span = Span::new(
                        found.start() + contexts[found.pattern().as_usize()],
                        found.end(),
                    );
                    while let Some(last) = merged.last() {
                        if span.start > last.end {
                            break;
                        }
                        span = Span::new(span.start.min(last.start), span.end.max(last.end));
                        merged.pop();
                    }
                    merged.push(span);
                }
            }
            Some((Finder::OneByOne(needles), contexts)) => {
                merged = merge(
                    needles
                        .iter()
                        .zip(contexts)
                        .flat_map(|(needle, &context)| {
                            memchr::memmem::find_iter(text.as_bytes(), needle.as_bytes())
                                .map(move |at| Span::new(at + context, at + needle.len()))
                        })
                        .collect(),
                );
            }
        }
        merged
    }

    /// Whether it looks for nothing (no secret in the run).
    pub fn is_empty(&self) -> bool {
        self.finder.is_none()
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
}

/// The most memory the table of a DFA finding the run's secrets may take (the 10k-file bench
/// corpus needs 1 MB; the contiguous NFA takes over beyond).
const DFA_BUDGET: usize = 16 << 20;

/// The longest secret a DFA looks for, in bytes (passwords and URLs are shorter).
const DFA_LONGEST: usize = 256;

/// `spans` sorted, and those that overlap or touch made one.
fn merge(mut spans: Vec<Span>) -> Vec<Span> {
    spans.sort_unstable();
    let mut merged: Vec<Span> = Vec::with_capacity(spans.len());
    for span in spans {
        match merged.last_mut() {
            Some(last) if span.start <= last.end => {
                *last = Span::new(last.start, last.end.max(span.end));
            }
            _ => merged.push(span),
        }
    }
    merged
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

/// A group of overlapping secrets longer than this, in bytes, has its members looked for
/// within one times its length.
const LONG_GROUP: usize = 64 << 10;

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
        // Past a long line's worth, what is looked for of a group stays within its own
        // length: the automaton holds about a hundred bytes per byte it looks for.
        let mut budget = if group.len() <= LONG_GROUP {
            OVERLAP_BUDGET * group.len()
        } else {
            group.len()
        };
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
    // XML writes `&` as `&amp;` (or `&#38;`): a secret of an attached-data specification is
    // the same secret in an option file, decoded, and an option's secret shows in a
    // specification's lines encoded. Not for a value past a password's length (a line of
    // URLs): its own secrets are looked for in every form, and three more copies of the line
    // would triple what the automaton holds.
    let xml: Vec<String> = forms
        .iter()
        .filter(|f| f.len() <= XML_FORMS_UP_TO)
        .flat_map(|f| [xml_decoded(f), xml_encoded(f, false), xml_encoded(f, true)])
        .flatten()
        .collect();
    forms.extend(xml);
    // A form that spans lines (`%0A` decoded) is also looked for line by line: snippets show
    // whole lines of a file, and the first or last lines kept may hold only part of it.
    let lines: Vec<String> = forms
        .iter()
        .filter(|form| form.contains(['\n', '\r']))
        .flat_map(|form| form.split(['\n', '\r']).map(str::to_owned))
        .collect();
    forms.extend(lines);
    forms
}

/// The longest secret looked for in its XML forms, in bytes.
const XML_FORMS_UP_TO: usize = 4096;

/// The longest XML reference with its `;`, in bytes (`#x0010FFFF;`).
const LONGEST_REFERENCE: usize = 12;

/// `text` with its XML references (`&amp;`, `&lt;`, `&#38;`, `&#x26;`, …) decoded, when it
/// has any.
fn xml_decoded(text: &str) -> Option<String> {
    if !text.contains('&') {
        return None;
    }
    let mut decoded = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        decoded.push_str(&rest[..at]);
        rest = &rest[at..];
        // A reference is short (`&#x10FFFF;`): a `;` further on ends none, and looking for
        // one to the end of the text at every `&` would take the square of a long line.
        let window = &rest.as_bytes()[1..rest.len().min(1 + LONGEST_REFERENCE)];
        let reference = memchr::memchr(b';', window).map(|end| &rest[1..=end]);
        let character = reference.and_then(|name| match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => {
                let number = name.strip_prefix('#')?;
                let code = match number.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                    None => number.parse().ok()?,
                };
                char::from_u32(code)
            }
        });
        match (reference, character) {
            (Some(name), Some(c)) => {
                decoded.push(c);
                rest = &rest[name.len() + 2..];
            }
            _ => {
                decoded.push('&');
                rest = &rest[1..];
            }
        }
    }
    decoded.push_str(rest);
    (decoded != text).then_some(decoded)
}

/// `text` as XML writes it in an attribute: `&` and `<` escaped, and with `all`, `>` and
/// both quotes too; when it holds any of them.
fn xml_encoded(text: &str, all: bool) -> Option<String> {
    let special: &[char] = if all {
        &['&', '<', '>', '"', '\'']
    } else {
        &['&', '<']
    };
    if !text.contains(special) {
        return None;
    }
    let mut encoded = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => encoded.push_str("&amp;"),
            '<' => encoded.push_str("&lt;"),
            '>' if all => encoded.push_str("&gt;"),
            '"' if all => encoded.push_str("&quot;"),
            '\'' if all => encoded.push_str("&apos;"),
            _ => encoded.push(c),
        }
    }
    Some(encoded)
}

/// `text` with its `%XX` escapes decoded, when it has any and the result is UTF-8.
fn percent_decoded(text: &str) -> Option<String> {
    if !text.contains('%') {
        return None;
    }
    String::from_utf8(crate::base::text::percent_decoded(text))
        .ok()
        .filter(|decoded| decoded != text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::options::OptionsDoc;
    use crate::secrets::secret_spans;

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
    fn a_secret_is_found_decoded_from_xml_and_encoded_for_it() {
        let redactor = Redactor::new(["Hn4&amp;Wq7Lc2", "Jd&#57;Fs&#x31;Kw0", "Ab&Cd<Ef9x"]);
        assert_eq!(
            redactor.scrub("Hn4&Wq7Lc2 Jd9Fs1Kw0 Ab&amp;Cd&lt;Ef9x Ab&Cd<Ef9x"),
            "********** ********* ***************** **********"
        );
        assert_eq!(xml_decoded("a&b;c&#xZZ;&"), None);
        // A `;` past the longest reference ends none: the search for it stays short.
        assert_eq!(xml_decoded("&#x0010FFFF;"), Some("\u{10FFFF}".to_owned()));
        assert_eq!(xml_decoded(&format!("&amp{};", "x".repeat(12))), None);
    }

    #[test]
    fn a_secret_over_several_lines_is_masked_in_text_holding_only_some_of_them() {
        // Lines kept for a snippet may start after the first line of a secret written
        // elsewhere over two lines, or end before its last.
        let redactor = Redactor::new(["Walrus%0ATulip-97"]);
        assert_eq!(redactor.scrub("Tulip-97 here"), "******** here");
        assert_eq!(redactor.scrub("there Walrus"), "there ******");
        assert_eq!(redactor.scrub("Walrus\nTulip-97"), "******\n********");
    }

    #[test]
    fn many_long_secrets_are_looked_for_by_the_smaller_automaton_alike() {
        let kind = |redactor: &Redactor| match &redactor.finder {
            Some((Finder::Automaton(automaton), _)) => automaton.kind(),
            _ => panic!("an automaton"),
        };
        let overlapping = ["hunter2xyz", "er2xyz-tail"];
        let nested = ";password={".repeat(30);
        assert_eq!(
            kind(&Redactor::new(
                overlapping.into_iter().chain([nested.as_str()])
            )),
            aho_corasick::AhoCorasickKind::ContiguousNFA
        );
        let long: Vec<String> = (0..200)
            .map(|i| format!("{i:04}{}", "abcdefghijklmnopqrstuvwxyz".repeat(40)))
            .collect();
        let few = Redactor::new(overlapping);
        let many = Redactor::new(
            overlapping
                .into_iter()
                .chain(long.iter().map(String::as_str)),
        );
        assert_eq!(kind(&few), aho_corasick::AhoCorasickKind::DFA);
        assert_eq!(kind(&many), aho_corasick::AhoCorasickKind::ContiguousNFA);
        let text = format!("a hunter2xyz-tail, {}", long[7]);
        assert_eq!(few.occurrences(&text), [Span::new(2, 17)]);
        assert_eq!(
            many.occurrences(&text),
            [Span::new(2, 17), Span::new(19, text.len())]
        );
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
}
