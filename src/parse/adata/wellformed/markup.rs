//! The pieces of markup read on their own, without what the document declared: references,
//! start tags and their attributes (one of each name), comments, processing instructions
//! and text.

use super::cursor::{Cursor, Fail};
use super::lexical::is_xml_char;
use crate::base::span::Span;
use crate::parse::adata::{Attribute, XmlError};
use std::collections::HashMap;

/// What a reference names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Reference<'t> {
    /// A character reference, with the character.
    Char(char),
    Entity(&'t str),
}

/// The reference whose `&` is at `at`, read up to `end` at most: what it names and its span.
pub(super) fn reference(text: &str, at: usize, end: usize) -> Result<(Reference<'_>, Span), Fail> {
    let mut c = Cursor::new(text, at + 1, end);
    let not_a_reference = || {
        Box::new(XmlError::new(
            Span::new(at, at + 1),
            "`&` that does not start a reference",
            "not a reference",
        )
        .help("write `&amp;` for the character `&`; a reference is `&name;`, `&#123;` or `&#x7B;`"))
    };
    let digits = |c: &mut Cursor, hex: bool| {
        let len = c
            .rest()
            .bytes()
            .take_while(|b| {
                if hex {
                    b.is_ascii_hexdigit()
                } else {
                    b.is_ascii_digit()
                }
            })
            .count();
        c.take(len)
    };
    let hex = c.eat("#x");
    if hex || c.eat("#") {
        let Some(number) = digits(&mut c, hex) else {
            return Err(not_a_reference());
        };
        if !c.eat(";") {
            return Err(not_a_reference());
        }
        let span = Span::new(at, c.pos);
        let value = u32::from_str_radix(&text[number.range()], if hex { 16 } else { 10 }).ok();
        return match value.and_then(char::from_u32).filter(|&ch| is_xml_char(ch)) {
            Some(ch) => Ok((Reference::Char(ch), span)),
            None => Err(Box::new(XmlError::new(
                span,
                format!(
                    "`{}` refers to a character XML does not allow",
                    &text[span.range()]
                ),
                "not an XML character",
            ))),
        };
    }
    let Some(name) = c.name() else {
        return Err(not_a_reference());
    };
    if !c.eat(";") {
        return Err(not_a_reference());
    }
    Ok((Reference::Entity(&text[name.range()]), Span::new(at, c.pos)))
}

/// A start tag or empty-element tag as read here.
#[derive(Default)]
pub(super) struct Tag<'t> {
    pub attributes: Vec<Attribute<'t>>,
    /// The entity references in attribute values.
    pub references: Vec<(&'t str, Span)>,
}

/// Reads the tag `text[start..end]` (from `<` to `>`; an empty-element tag ends with `/>`).
/// The attributes read before a syntax error are kept.
pub(super) fn start_tag<'t>(
    text: &'t str,
    start: usize,
    end: usize,
    empty: bool,
    errors: &mut Vec<XmlError>,
) -> Tag<'t> {
    let mut tag = Tag::default();
    let mut c = Cursor::new(text, start + 1, end - if empty { 2 } else { 1 });
    if c.name().is_none() {
        errors.push(*c.unexpected("an element name after `<`"));
        return tag;
    }
    loop {
        let spaced = c.skip_space();
        if c.at_end() {
            return tag;
        }
        let Some(name) = c.name() else {
            errors.push(*c.unexpected("an attribute name, `>` or `/>`"));
            return tag;
        };
        let name_text = &text[name.range()];
        if !spaced {
            errors.push(XmlError::new(
                name,
                format!("no white space before the attribute `{name_text}`"),
                "needs a space before it",
            ));
        }
        c.skip_space();
        // Messages are made only for an error: this runs for every attribute.
        if !c.eat("=") {
            errors.push(*c.unexpected(&format!("`=` after the attribute name `{name_text}`")));
            return tag;
        }
        c.skip_space();
        let value = match c.quoted(format_args!("the value of `{name_text}`")) {
            Ok(value) => value,
            Err(error) => {
                errors.push(*error);
                return tag;
            }
        };
        attribute_value(text, value, errors, &mut tag.references);
        tag.attributes.push(Attribute {
            name: name_text,
            name_span: name,
            value: &text[value.range()],
            value_span: value,
        });
    }
}

/// Checks an attribute value (or an attribute's default value in the DTD): no `<`, and each
/// `&` starts a reference to an allowed character or to an entity (kept in `references`).
pub(super) fn attribute_value<'t>(
    text: &'t str,
    value: Span,
    errors: &mut Vec<XmlError>,
    references: &mut Vec<(&'t str, Span)>,
) {
    for (i, b) in text[value.range()].bytes().enumerate() {
        let at = value.start + i;
        match b {
            b'<' => errors.push(
                XmlError::new(
                    Span::new(at, at + 1),
                    "`<` in an attribute value",
                    "not allowed in a value",
                )
                .help("write `&lt;` for the character `<`"),
            ),
            b'&' => match reference(text, at, value.end) {
                Ok((Reference::Entity(name), span)) => references.push((name, span)),
                Ok((Reference::Char(_), _)) => {}
                Err(error) => errors.push(*error),
            },
            _ => {}
        }
    }
}

/// Checks a comment `text[start..end]` (from `<!--` to `-->`).
pub(in crate::parse::adata) fn comment(
    text: &str,
    start: usize,
    end: usize,
    errors: &mut Vec<XmlError>,
) {
    let inside = Span::new(start + 4, end - 3);
    let content = &text[inside.range()];
    if let Some(i) = content.find("--") {
        errors.push(
            XmlError::new(
                Span::new(inside.start + i, inside.start + i + 2),
                "`--` inside a comment",
                "two hyphens in a row",
            )
            .help("XML comments cannot hold `--`: separate the hyphens or remove them"),
        );
    } else if content.ends_with('-') {
        errors.push(XmlError::new(
            Span::new(inside.end - 1, end),
            "a comment that ends with `--->`",
            "three hyphens",
        ));
    }
}

/// Checks a processing instruction `text[start..end]` (from `<?` to `?>`).
pub(in crate::parse::adata) fn processing_instruction(
    text: &str,
    start: usize,
    end: usize,
    errors: &mut Vec<XmlError>,
) {
    let mut c = Cursor::new(text, start + 2, end - 2);
    let Some(target) = c.name() else {
        errors.push(*c.unexpected("the name of a processing instruction after `<?`"));
        return;
    };
    let target_text = &text[target.range()];
    if target_text.eq_ignore_ascii_case("xml") {
        errors.push(XmlError::new(
            target,
            format!("the processing instruction name `{target_text}` is reserved"),
            "reserved by XML",
        ));
    } else if target_text.contains(':') {
        errors.push(XmlError::new(
            target,
            format!("the processing instruction name `{target_text}` holds a `:`"),
            "no `:` allowed (Namespaces in XML)",
        ));
    }
    if !c.at_end() && !c.skip_space() {
        errors.push(*c.unexpected(&format!("white space or `?>` after `<?{target_text}`")));
    }
}

/// Checks text content `text[start..end]`: `]]>` ends only a CDATA section.
pub(in crate::parse::adata) fn text_content(
    text: &str,
    start: usize,
    end: usize,
    errors: &mut Vec<XmlError>,
) {
    if let Some(i) = text[start..end].find("]]>") {
        let at = start + i;
        errors.push(
            XmlError::new(
                Span::new(at, at + 3),
                "`]]>` in text outside a CDATA section",
                "not allowed in text",
            )
            .help("write `]]&gt;`"),
        );
    }
}

/// Two or more attributes of one tag with the same name: each repeat, pointing at the first.
pub(super) fn duplicate_attributes(attributes: &[Attribute], errors: &mut Vec<XmlError>) {
    // A tag has a few attributes: comparing each with those before it costs less than a
    // map, which keeps a tag with thousands linear.
    const FEW: usize = 16;
    let mut first: HashMap<&str, Span> = HashMap::new();
    for (i, attribute) in attributes.iter().enumerate() {
        let earlier = if attributes.len() <= FEW {
            attributes[..i]
                .iter()
                .find(|a| a.name == attribute.name)
                .map(|a| a.name_span)
        } else {
            first.get(attribute.name).copied()
        };
        match earlier {
            Some(earlier) => {
                let (what, help) = match namespace_prefix(attribute.name) {
                    Some(None) => (
                        "the default namespace is declared twice".to_owned(),
                        "keep one `xmlns` declaration on the element",
                    ),
                    Some(Some(prefix)) => (
                        format!("the namespace prefix `{prefix}` is declared twice"),
                        "keep one declaration of the prefix on the element",
                    ),
                    None => (
                        format!("the attribute `{}` is given twice", attribute.name),
                        "keep one of them: XML allows each attribute once per element",
                    ),
                };
                errors.push(
                    XmlError::new(attribute.name_span, what, "second one")
                        .related(earlier, "first one")
                        .help(help),
                );
            }
            None if attributes.len() > FEW => {
                first.insert(attribute.name, attribute.name_span);
            }
            None => {}
        }
    }
}

/// For a namespace declaration attribute, the prefix it declares (`None` for the default
/// namespace); `None` for other attributes.
pub(super) fn namespace_prefix(name: &str) -> Option<Option<&str>> {
    if name == "xmlns" {
        Some(None)
    } else {
        name.strip_prefix("xmlns:").map(Some)
    }
}

#[cfg(test)]
mod tests {
    use crate::base::span::Span;
    use crate::parse::adata::XmlDoc;

    #[test]
    fn a_repeated_attribute_points_at_the_second_and_names_the_first() {
        let text = r#"<a xmlns:p="u" x="1" xmlns:p="u" x="2"/>"#;
        let doc = XmlDoc::parse(text);
        let spans: Vec<(&str, &str)> = doc
            .violations
            .iter()
            .map(|e| {
                let (related, _) = e.related.as_ref().unwrap();
                (&text[e.span.range()], &text[related.range()])
            })
            .collect();
        assert_eq!(spans, [("xmlns:p", "xmlns:p"), ("x", "x")]);
        assert_eq!(doc.violations[0].span, Span::new(21, 28));
        assert_eq!(
            doc.violations[0].related.as_ref().unwrap().0,
            Span::new(3, 10)
        );
        assert_eq!(doc.violations[1].span, Span::new(33, 34));
        // Both attributes are kept, in order; the model reads the first.
        assert_eq!(doc.root().unwrap().attribute("x").unwrap().value, "1");
        assert_eq!(doc.root().unwrap().attributes.len(), 4);
    }

    #[test]
    fn many_attributes_are_checked_in_linear_time() {
        let attributes: String = (0..50_000).map(|i| format!(" a{i}=\"{i}\"")).collect();
        let text = format!("<a{attributes} a7=\"again\"/>");
        let doc = XmlDoc::parse(&text);
        assert_eq!(doc.violations.len(), 1);
        assert_eq!(&text[doc.violations[0].span.range()], "a7");
    }
}
