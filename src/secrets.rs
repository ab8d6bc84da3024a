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
//!
//! [`names`] classifies option names, [`spans`] finds the secrets of a file, [`redactor`]
//! finds a run's secrets anywhere, and [`report`] masks them in findings; this module holds
//! the mask itself ([`redact`]).

mod jdbc;
mod names;
mod redactor;
mod report;
mod spans;
mod xml_errors;

pub use names::is_secret_name;
pub use redactor::{secrets_of_file, Redactor};
pub use spans::{
    jdbc_passwords, masked_value, name_is_data, secret_spans, secret_spans_of, xml_secret_spans,
    DATA_NAMED_SECTIONS,
};
pub use xml_errors::xml_error_without_secrets;

use crate::base::span::Span;

/// What replaces each byte of a secret in any output. One ASCII byte per byte keeps every
/// span and every line of the redacted text where it was.
pub const MASK: u8 = b'*';

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redaction_keeps_lengths_in_bytes_and_characters() {
        let text = "pwd=pässwörd€\r\nx=1";
        let redacted = redact(text, &[Span::new(4, 18)]);
        assert_eq!(redacted, "pwd=*·***·**•\r\nx=1");
        assert_eq!(redacted.len(), text.len());
        assert_eq!(redacted.chars().count(), text.chars().count());
    }
}
