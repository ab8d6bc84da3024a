//! Well-formedness errors of XML that quote no secret: the reader's messages quote what it
//! found (`` undefined entity `&Wn8;` ``, `` found `Q` ``), which inside a secret value is
//! part of the secret, and may be too short for the [`super::Redactor`] to find.

use crate::base::span::Span;
use crate::parse::adata::XmlError;

/// What replaces a quote of the file's text in an error about a secret value.
const HIDDEN: &str = "(hidden)";

/// `error` as output may show it: when it is about text inside one of `secrets` (spans of
/// `text`), its message, labels and help quote nothing but the name of the attribute or
/// element that holds the secret, and say where the problem is (`undefined entity (hidden)
/// in the value of `password``); any other error is shown as it is.
pub fn xml_error_without_secrets(error: &XmlError, text: &str, secrets: &[Span]) -> XmlError {
    let inside = |at: Span| {
        secrets.iter().find(|s| {
            (s.start < at.end && at.start < s.end)
                || (at.is_empty() && s.start <= at.start && at.start <= s.end)
        })
    };
    let mut shown = error.clone();
    if let Some(secret) = inside(error.span) {
        let holder = holder_of(text, *secret);
        let name = holder.as_ref().map(|(name, _)| *name);
        shown.message = unquoted(&error.message, name);
        let place = match &holder {
            Some((name, Holder::Attribute)) => format!(" in the value of `{name}`"),
            Some((name, Holder::Element)) => format!(" in the text of `<{name}>`"),
            None => " in a secret value".to_owned(),
        };
        // Unless the message already names what holds the secret.
        if !name.is_some_and(|name| shown.message.contains(&format!("`{name}`"))) {
            shown.message.push_str(&place);
        }
        shown.label = error.label.as_deref().map(|l| unquoted(l, name));
        shown.help = error.help.as_deref().map(|h| unquoted(h, name));
    }
    if let Some((span, label)) = &error.related {
        if let Some(secret) = inside(*span) {
            let name = holder_of(text, *secret).map(|(name, _)| name);
            shown.related = Some((*span, unquoted(label, name)));
        }
    }
    shown
}

/// What holds a secret value.
enum Holder {
    Attribute,
    Element,
}

/// The name of the attribute (`password="…"`, `password=…`) or element (`<password>…`)
/// whose value is `secret`.
fn holder_of(text: &str, secret: Span) -> Option<(&str, Holder)> {
    let before = text[..secret.start]
        .trim_end_matches(['"', '\''])
        .trim_end();
    if let Some(attribute) = before.strip_suffix('=') {
        let attribute = attribute.trim_end();
        let start = attribute
            .rfind(|c: char| !is_name_char(c))
            .map_or(0, |at| at + 1);
        let name = &attribute[start..];
        return (!name.is_empty()).then_some((name, Holder::Attribute));
    }
    // An element's text: the name of the start tag that ends just before it.
    let tag = before.strip_suffix('>')?;
    let open = tag.rfind('<')?;
    let element = &tag[open + 1..];
    let end = element
        .find(|c: char| !is_name_char(c))
        .unwrap_or(element.len());
    Some(&element[..end])
        .filter(|name| !name.is_empty())
        .map(|name| (name, Holder::Element))
}

/// Whether `c` may be part of an attribute's or element's name, read leniently.
fn is_name_char(c: char) -> bool {
    !(c.is_whitespace() || matches!(c, '<' | '>' | '=' | '"' | '\'' | '/'))
}

/// `message` with each quote (`` `…` ``) and each character named by its code point
/// (`U+0001`) replaced by [`HIDDEN`], except a quote of `holder`, the name of what holds the
/// secret.
fn unquoted(message: &str, holder: Option<&str>) -> String {
    let mut shown = String::with_capacity(message.len());
    let mut parts = message.split('`');
    if let Some(first) = parts.next() {
        shown.push_str(first);
    }
    let mut quoted = true;
    let mut pending = None;
    for part in parts {
        if quoted {
            pending = Some(part);
        } else {
            let quote = pending.take().unwrap_or_default();
            if holder == Some(quote) {
                shown.push_str(&format!("`{quote}`"));
            } else {
                shown.push_str(HIDDEN);
            }
            shown.push_str(part);
        }
        quoted = !quoted;
    }
    // An opening quote that is never closed: what follows it is hidden too.
    if pending.is_some() {
        shown.push_str(HIDDEN);
    }
    hide_code_points(&shown)
}

/// `text` with each `U+XXXX` replaced by [`HIDDEN`].
fn hide_code_points(text: &str) -> String {
    let mut shown = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("U+") {
        let digits = rest[at + 2..]
            .find(|c: char| !c.is_ascii_hexdigit())
            .unwrap_or(rest.len() - at - 2);
        shown.push_str(&rest[..at]);
        if digits >= 4 {
            shown.push_str(HIDDEN);
        } else {
            shown.push_str(&rest[at..at + 2 + digits]);
        }
        rest = &rest[at + 2 + digits..];
    }
    shown.push_str(rest);
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str, at: &str, message: &str) -> String {
        let secrets = crate::secrets::xml_secret_spans(text);
        let start = text.find(at).unwrap();
        let error = XmlError::new(Span::new(start, start + at.len()), message, "here");
        xml_error_without_secrets(&error, text, &secrets).message
    }

    #[test]
    fn an_error_inside_a_secret_value_quotes_only_its_name() {
        assert_eq!(
            shown(
                "<key password=\"Qp5&Wn8Rx2Vb;\"/>",
                "&Wn8Rx2Vb;",
                "undefined entity `&Wn8Rx2Vb;`"
            ),
            "undefined entity (hidden) in the value of `password`"
        );
        assert_eq!(
            shown(
                "<key name=\"a\" password=Qp5Wn8Rx2Vb/>",
                "Q",
                "expected the value of `password` in quotes, found `Q`"
            ),
            "expected the value of `password` in quotes, found (hidden)"
        );
        assert_eq!(
            shown(
                "<a><password>Qp\u{1}5</password></a>",
                "\u{1}",
                "the character U+0001 is not allowed in XML"
            ),
            "the character (hidden) is not allowed in XML in the text of `<password>`"
        );
        // Outside a secret: as it is.
        assert_eq!(
            shown("<key name=\"a&b;\"/>", "&b;", "undefined entity `&b;`"),
            "undefined entity `&b;`"
        );
    }
}
