//! Span-preserving reader for the ICON attached-data specification (`ccon_adata_spec*.xml`).
//!
//! quick-xml reads the decoded text; every element name and attribute value keeps its byte
//! span in that text. Elements are stored flat (an arena with parent and child indexes), so
//! neither building nor dropping a deeply nested document recurses. DTDs are kept as text and
//! never processed: no entity is expanded or fetched, so an entity-expansion bomb costs what
//! its bytes cost. A document that is not well-formed keeps everything read before the
//! reader stopped, plus the error and its position.

use crate::span::Span;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// The namespace of the attached-data specification schema.
/// Source: https://docs.genesys.com/Documentation/ICON/8.1.4/Dep/AdataSpec
pub const ADATA_NAMESPACE: &str = "http://www.genesyslab.com/standards/icon/ed1";

/// A parsed XML document.
#[derive(Debug)]
pub struct XmlDoc<'a> {
    pub text: &'a str,
    /// Every element in document order; index 0 is the root when there is one.
    pub elements: Vec<Element<'a>>,
    /// Why and where the reader stopped, when the document is not well-formed.
    pub error: Option<XmlError>,
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

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct XmlError {
    /// Where the reader stopped (empty span at the offending position).
    pub span: Span,
    pub message: String,
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
        };
        let mut reader = Reader::from_str(text);
        // quick-xml skips a byte-order mark left at the start of the text (a file saved with
        // two) and counts its positions from after it; names and values are slices, right
        // as they are.
        let skipped = if text.starts_with('\u{FEFF}') {
            '\u{FEFF}'.len_utf8()
        } else {
            0
        };
        let mut open: Vec<usize> = Vec::new();
        loop {
            let before = position(reader.buffer_position()).saturating_add(skipped);
            let event = match reader.read_event() {
                Ok(event) => event,
                Err(error) => {
                    let at = position(reader.error_position())
                        .saturating_add(skipped)
                        .max(before)
                        .min(text.len());
                    doc.error = Some(XmlError {
                        span: Span::empty_at(at),
                        message: error.to_string(),
                    });
                    break;
                }
            };
            match &event {
                Event::Start(start) | Event::Empty(start) => {
                    let Some(index) = doc.push_element(start, open.last().copied()) else {
                        doc.error = Some(doc.second_root_error(before));
                        break;
                    };
                    if matches!(event, Event::Start(_)) {
                        open.push(index);
                    }
                }
                Event::End(_) => {
                    open.pop();
                }
                Event::Text(t)
                    if open.is_empty() && !t.bytes().all(|b| b.is_ascii_whitespace()) =>
                {
                    doc.error = Some(XmlError {
                        span: Span::empty_at(before),
                        message: "text outside the root element".into(),
                    });
                    break;
                }
                Event::Eof => {
                    if let Some(&unclosed) = open.last() {
                        doc.error = Some(XmlError {
                            span: Span::empty_at(text.len()),
                            message: format!(
                                "unexpected end of file: `<{}>` is not closed",
                                doc.elements[unclosed].name
                            ),
                        });
                    } else if doc.elements.is_empty() {
                        doc.error = Some(XmlError {
                            span: Span::empty_at(text.len()),
                            message: "no root element".into(),
                        });
                    }
                    break;
                }
                _ => {}
            }
        }
        doc
    }

    fn second_root_error(&self, at: usize) -> XmlError {
        XmlError {
            span: Span::empty_at(at),
            message: "a second root element: an XML document has exactly one".into(),
        }
    }

    /// Records an element; `None` when it would be a second root.
    fn push_element(&mut self, start: &BytesStart<'a>, parent: Option<usize>) -> Option<usize> {
        if parent.is_none() && !self.elements.is_empty() {
            return None;
        }
        let raw = offset_in(self.text, start.as_ref());
        let qname_len = start.name().as_ref().len();
        let name_span = Span::new(raw.start, raw.start + qname_len);
        let qname = &self.text[name_span.range()];
        let (prefix, name) = match qname.split_once(':') {
            Some((prefix, local)) => (Some(prefix), local),
            None => (None, qname),
        };
        let mut attributes = Vec::new();
        for attribute in start.attributes().with_checks(false).flatten() {
            let name_span = offset_in(self.text, attribute.key.as_ref());
            let value_span = offset_in(self.text, &attribute.value);
            attributes.push(Attribute {
                name: &self.text[name_span.range()],
                name_span,
                value: &self.text[value_span.range()],
                value_span,
            });
        }
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
        Some(index)
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

fn position(offset: u64) -> usize {
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
