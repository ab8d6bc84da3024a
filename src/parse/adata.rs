//! Span-preserving reader for the ICON attached-data specification (`ccon_adata_spec*.xml`).
//!
//! quick-xml reads the decoded text and finds where each piece of markup starts and ends;
//! [`wellformed`] checks each piece against XML 1.0 and Namespaces in XML, and gives the
//! attributes with their byte spans. Elements are stored flat (an arena with parent and
//! child indexes), so neither building nor dropping a deeply nested document recurses. DTDs
//! are read for what they declare and never expanded: no entity is expanded or fetched, so an
//! entity-expansion bomb costs what its bytes cost. A document that is not well-formed keeps
//! everything read before the reader stopped, plus the error and its position, and the
//! errors found on the way that did not stop it.

mod wellformed;

use crate::base::span::Span;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
pub use wellformed::Declaration;

/// The namespace of the attached-data specification schema.
/// Source: https://docs.genesys.com/Documentation/ICON/8.1.4/Dep/AdataSpec
pub const ADATA_NAMESPACE: &str = "http://www.genesyslab.com/standards/icon/ed1";

/// At most this many errors are kept per document: past them, reading stops.
pub const MAX_ERRORS: usize = 100;

/// A parsed XML document.
#[derive(Debug)]
pub struct XmlDoc<'a> {
    pub text: &'a str,
    /// Every element in document order; index 0 is the root when there is one.
    pub elements: Vec<Element<'a>>,
    /// Why and where the reader stopped, when the document is not well-formed.
    pub error: Option<XmlError>,
    /// The well-formedness errors in what was read that did not stop the reader (a repeated
    /// attribute, an undeclared prefix or entity, a character XML forbids, …), in the order
    /// found.
    pub violations: Vec<XmlError>,
    /// The XML declaration, when the document starts with one.
    pub declaration: Option<Declaration>,
}

#[derive(Debug)]
pub struct Element<'a> {
    /// The name without its namespace prefix.
    pub name: &'a str,
    /// The span of the whole name as written (prefix included).
    pub name_span: Span,
    /// The namespace prefix, if any (`icon` in `<icon:public>`).
    pub prefix: Option<&'a str>,
    pub attributes: Vec<Attribute<'a>>,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
}

#[derive(Clone, Debug)]
pub struct Attribute<'a> {
    pub name: &'a str,
    pub name_span: Span,
    /// The value as written, entity references not expanded.
    pub value: &'a str,
    pub value_span: Span,
}

/// A well-formedness error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct XmlError {
    /// The offending text, or an empty span where the reader stopped.
    pub span: Span,
    pub message: String,
    /// What the span shows; `None` where the reader stopped.
    pub label: Option<String>,
    /// Another place the error involves (the first of two attributes), and what it is.
    pub related: Option<(Span, String)>,
    /// What to do, when there is more to say than "repair the XML here".
    pub help: Option<String>,
}

impl XmlError {
    /// An error that stopped the reader at `span`.
    pub fn stop(span: Span, message: impl Into<String>) -> Self {
        XmlError {
            span,
            message: message.into(),
            label: None,
            related: None,
            help: None,
        }
    }

    pub fn new(span: Span, message: impl Into<String>, label: impl Into<String>) -> Self {
        XmlError {
            label: Some(label.into()),
            ..XmlError::stop(span, message)
        }
    }

    pub fn related(mut self, span: Span, label: impl Into<String>) -> Self {
        self.related = Some((span, label.into()));
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

impl<'a> Element<'a> {
    pub fn attribute(&self, name: &str) -> Option<&Attribute<'a>> {
        self.attributes.iter().find(|a| a.name == name)
    }
}

impl<'a> XmlDoc<'a> {
    pub fn parse(text: &'a str) -> Self {
        let mut doc = XmlDoc {
            text,
            elements: Vec::new(),
            error: None,
            violations: Vec::new(),
            declaration: None,
        };
        let mut check = wellformed::Checker::new(text);
        let mut reader = Reader::from_str(text);
        // quick-xml skips a byte-order mark left at the start of the text (a file saved with
        // two) and counts its positions from after it; names and values are slices, right
        // as they are.
        let skipped = if text.starts_with('\u{FEFF}') {
            let bom = '\u{FEFF}'.len_utf8();
            check.errors.push(
                XmlError::new(
                    Span::new(0, bom),
                    "a second byte-order mark at the start of the file",
                    "U+FEFF before the first markup",
                )
                .help("save the file again with one byte-order mark, or none"),
            );
            bom
        } else {
            0
        };
        let offset = |position: u64| {
            position_of(position)
                .saturating_add(skipped)
                .min(text.len())
        };
        let mut open: Vec<usize> = Vec::new();
        loop {
            let before = offset(reader.buffer_position());
            let event = match reader.read_event() {
                Ok(event) => event,
                Err(error) => {
                    let at = offset(reader.error_position()).max(before);
                    doc.error = Some(XmlError::stop(Span::empty_at(at), error.to_string()));
                    break;
                }
            };
            let after = offset(reader.buffer_position());
            // quick-xml's events begin and end at ASCII delimiters; should one not, stop
            // rather than cut a character.
            if !(before <= after && text.is_char_boundary(before) && text.is_char_boundary(after)) {
                let at = (0..=before.min(after))
                    .rev()
                    .find(|&i| text.is_char_boundary(i))
                    .unwrap_or(0);
                doc.error = Some(XmlError::stop(
                    Span::empty_at(at),
                    "the XML reader lost its place here",
                ));
                break;
            }
            let outside = open.is_empty();
            // Every piece of markup and text passes here once, so characters are checked once.
            wellformed::forbidden_characters(text, before, after, &mut check.errors);
            match &event {
                Event::Start(start) | Event::Empty(start) => {
                    let empty = matches!(event, Event::Empty(_));
                    if outside && !doc.elements.is_empty() {
                        doc.error = Some(XmlError::stop(
                            Span::empty_at(before),
                            "a second root element: an XML document has exactly one",
                        ));
                        break;
                    }
                    let attributes = check.start_tag(before, after, empty);
                    let index = doc.push_element(start, attributes, open.last().copied());
                    if empty {
                        check.end_element();
                    } else {
                        open.push(index);
                    }
                }
                Event::End(_) => {
                    open.pop();
                    check.end_element();
                }
                Event::Text(t) if outside && !t.bytes().all(wellformed::is_space) => {
                    doc.error = Some(XmlError::stop(
                        Span::empty_at(before),
                        "text outside the root element",
                    ));
                    break;
                }
                Event::Text(_) => wellformed::text_content(text, before, after, &mut check.errors),
                Event::GeneralRef(_) if outside => {
                    doc.error = Some(XmlError::stop(
                        Span::empty_at(before),
                        "a reference outside the root element",
                    ));
                    break;
                }
                Event::GeneralRef(_) => check.content_reference(before, after),
                Event::CData(_) if outside => {
                    doc.error = Some(XmlError::stop(
                        Span::empty_at(before),
                        "a CDATA section outside the root element",
                    ));
                    break;
                }
                Event::CData(_) => {}
                Event::Comment(_) => wellformed::comment(text, before, after, &mut check.errors),
                Event::PI(_) => {
                    wellformed::processing_instruction(text, before, after, &mut check.errors)
                }
                Event::Decl(_) => check.xml_declaration(before, after, before == skipped),
                Event::DocType(_) => check.doctype(before, after, !doc.elements.is_empty()),
                Event::Eof => {
                    if let Some(&unclosed) = open.last() {
                        doc.error = Some(XmlError::stop(
                            Span::empty_at(text.len()),
                            format!(
                                "unexpected end of file: `<{}>` is not closed",
                                doc.elements[unclosed].name
                            ),
                        ));
                    } else if doc.elements.is_empty() {
                        doc.error = Some(XmlError::stop(
                            Span::empty_at(text.len()),
                            "no root element",
                        ));
                    }
                    break;
                }
            }
            if check.errors.len() > MAX_ERRORS {
                doc.error = Some(XmlError::stop(
                    Span::empty_at(after),
                    format!("more than {MAX_ERRORS} errors: gimlint stopped reading here"),
                ));
                break;
            }
        }
        doc.violations = check.errors;
        doc.violations.truncate(MAX_ERRORS);
        doc.declaration = check.declaration;
        doc
    }

    /// Records an element with the attributes read from its tag.
    fn push_element(
        &mut self,
        start: &BytesStart<'a>,
        attributes: Vec<Attribute<'a>>,
        parent: Option<usize>,
    ) -> usize {
        let raw = offset_in(self.text, start.as_ref());
        let qname_len = start.name().as_ref().len();
        let name_span = Span::new(raw.start, raw.start + qname_len);
        let qname = &self.text[name_span.range()];
        let (prefix, name) = match wellformed::split_prefix(qname) {
            Some((prefix, local)) => (Some(prefix), local),
            None => (None, qname),
        };
        let index = self.elements.len();
        self.elements.push(Element {
            name,
            name_span,
            prefix,
            attributes,
            parent,
            children: Vec::new(),
        });
        if let Some(parent) = parent {
            self.elements[parent].children.push(index);
        }
        index
    }

    /// Every well-formedness error, where the reader stopped included, in the order of
    /// their places.
    pub fn errors(&self) -> Vec<&XmlError> {
        let mut errors: Vec<&XmlError> = self.violations.iter().chain(&self.error).collect();
        errors.sort_by_key(|e| (e.span.start, e.span.end));
        errors
    }

    pub fn root(&self) -> Option<&Element<'a>> {
        self.elements.first()
    }

    /// The children of the element at `index`.
    pub fn children(&self, index: usize) -> impl Iterator<Item = (usize, &Element<'a>)> {
        self.elements[index]
            .children
            .iter()
            .map(move |&child| (child, &self.elements[child]))
    }

    /// The namespace the root element is in, from its own `xmlns` declarations.
    pub fn root_namespace(&self) -> Option<&'a str> {
        let root = self.root()?;
        let declaration = match root.prefix {
            Some(prefix) => format!("xmlns:{prefix}"),
            None => "xmlns".to_owned(),
        };
        root.attribute(&declaration).map(|a| a.value)
    }
}

/// Whether `name` is an XML name without a colon (an `NCName` of Namespaces in XML).
pub fn is_unprefixed_name(name: &str) -> bool {
    wellformed::is_unprefixed_name(name)
}

fn position_of(offset: u64) -> usize {
    usize::try_from(offset).unwrap_or(usize::MAX)
}

/// The span of `slice`, which quick-xml borrowed from `text` (the reader reads from a `&str`,
/// so names and raw attribute values are sub-slices of it).
fn offset_in(text: &str, slice: &str) -> Span {
    let start = (slice.as_ptr() as usize).wrapping_sub(text.as_ptr() as usize);
    let inside = start <= text.len() && slice.len() <= text.len() - start;
    debug_assert!(
        inside,
        "quick-xml returned bytes that are not part of the input"
    );
    if inside && text.is_char_boundary(start) && text.is_char_boundary(start + slice.len()) {
        Span::new(start, start + slice.len())
    } else {
        Span::empty_at(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_spans_of_names_and_values() {
        let text = r#"<?xml version="1.0"?>
<icon:spec xmlns:icon="http://www.genesyslab.com/standards/icon/ed1">
  <icon:public><icon:key name="Segment" source='userdata' history="last"/></icon:public>
</icon:spec>"#;
        let doc = XmlDoc::parse(text);
        assert_eq!(doc.error, None);
        assert_eq!(doc.root_namespace(), Some(ADATA_NAMESPACE));
        let key = &doc.elements[2];
        assert_eq!((key.name, key.prefix), ("key", Some("icon")));
        assert_eq!(&text[key.name_span.range()], "icon:key");
        let source = key.attribute("source").unwrap();
        assert_eq!(&text[source.value_span.range()], "userdata");
        assert_eq!(doc.elements[1].children, vec![2]);
    }

    #[test]
    fn truncated_and_broken_documents_keep_what_was_read() {
        let doc = XmlDoc::parse("<spec><public><key name=\"a\"/>");
        assert_eq!(doc.elements.len(), 3);
        let error = doc.error.unwrap();
        assert!(
            error.message.contains("`<public>` is not closed"),
            "{}",
            error.message
        );

        let doc = XmlDoc::parse("<spec><public></secure></spec>");
        assert_eq!(doc.elements.len(), 2);
        assert!(doc.error.is_some());

        assert!(XmlDoc::parse("")
            .error
            .unwrap()
            .message
            .contains("no root element"));
        assert!(XmlDoc::parse("<a/><b/>").error.is_some());
    }

    #[test]
    fn positions_count_a_byte_order_mark_left_in_the_text() {
        // Found by the adata_xml fuzz target: a UTF-16 file with two byte-order marks.
        let text = "\u{FEFF}<a>é<";
        let error = XmlDoc::parse(text).error.unwrap();
        assert_eq!(error.span, Span::empty_at(text.rfind('<').unwrap()));
        let error = XmlDoc::parse("\u{FEFF}<a/>x").error.unwrap();
        assert_eq!(error.span, Span::empty_at("\u{FEFF}<a/>".len()));
    }

    #[test]
    fn entities_are_never_expanded() {
        let mut bomb =
            String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n");
        for i in 1..10 {
            let previous = if i == 1 {
                "lol".to_owned()
            } else {
                format!("lol{}", i - 1)
            };
            bomb.push_str(&format!(
                "<!ENTITY lol{i} \"{}\">\n",
                format!("&{previous};").repeat(10)
            ));
        }
        bomb.push_str("]>\n<spec><public><key name=\"&lol9;\"/></public></spec>");
        let doc = XmlDoc::parse(&bomb);
        assert_eq!(doc.error, None);
        assert_eq!(doc.elements[2].attribute("name").unwrap().value, "&lol9;");
    }
}
