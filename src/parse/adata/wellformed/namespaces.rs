//! Namespaces in XML: the bindings in scope, the declarations that make them, and the
//! prefixes of element and attribute names.

use super::entities::PREDEFINED;
use super::lexical::split_prefix;
use super::markup::{reference, Reference};
use super::Checker;
use crate::base::span::Span;
use crate::parse::adata::XmlError;
use std::borrow::Cow;
use std::collections::HashMap;

/// The namespace the prefix `xml` is bound to, and the only one it may be bound to.
const XML_NAMESPACE: &str = "http://www.w3.org/XML/1998/namespace";
/// The namespace of the `xmlns` attributes: no prefix may be bound to it.
const XMLNS_NAMESPACE: &str = "http://www.w3.org/2000/xmlns/";

/// Namespace bindings in scope: a stack per prefix, and per open element the prefixes it
/// bound, so that a lookup costs the same at any depth.
#[derive(Default)]
pub(super) struct Namespaces<'t> {
    bound: HashMap<&'t str, Vec<Cow<'t, str>>>,
    declared: Vec<&'t str>,
    marks: Vec<usize>,
}

impl<'t> Namespaces<'t> {
    pub(super) fn enter(&mut self) {
        self.marks.push(self.declared.len());
    }

    pub(super) fn bind(&mut self, prefix: &'t str, uri: Cow<'t, str>) {
        self.bound.entry(prefix).or_default().push(uri);
        self.declared.push(prefix);
    }

    pub(super) fn leave(&mut self) {
        let mark = self.marks.pop().unwrap_or(0);
        for prefix in self.declared.drain(mark..) {
            if let Some(uris) = self.bound.get_mut(prefix) {
                uris.pop();
            }
        }
    }

    pub(super) fn lookup(&self, prefix: &str) -> Option<&str> {
        if prefix == "xml" {
            return Some(XML_NAMESPACE);
        }
        self.bound.get(prefix)?.last().map(|uri| uri.as_ref())
    }
}

impl<'t> Checker<'t> {
    /// Binds a namespace prefix (`None`: the default namespace), checking the declaration.
    pub(super) fn declare_namespace(
        &mut self,
        prefix: Option<&'t str>,
        span: Span,
        value: &'t str,
    ) {
        let uri = normalized(value);
        let problem = match prefix {
            Some("xmlns") => Some("the prefix `xmlns` cannot be declared".to_owned()),
            Some("xml") if uri != XML_NAMESPACE => Some(format!(
                "the prefix `xml` can only be bound to `{XML_NAMESPACE}`"
            )),
            Some("xml") => None,
            _ if uri == XML_NAMESPACE => Some(format!(
                "only the prefix `xml` can be bound to `{XML_NAMESPACE}`"
            )),
            _ if uri == XMLNS_NAMESPACE => Some(format!(
                "no namespace declaration can bind `{XMLNS_NAMESPACE}`"
            )),
            Some(prefix) if uri.is_empty() => Some(format!(
                "`xmlns:{prefix}=\"\"`: a prefix cannot be undeclared in XML 1.0"
            )),
            _ => None,
        };
        if let Some(problem) = problem {
            self.errors.push(XmlError::new(
                span,
                problem,
                "not a valid namespace declaration",
            ));
        }
        self.namespaces.bind(prefix.unwrap_or(""), uri);
    }

    /// Whether the prefix of the name at `span`, if it has one, is declared; reports it when
    /// not.
    pub(super) fn prefix_bound(&mut self, span: Span, element: bool) -> bool {
        let name = &self.text[span.range()];
        let Some((prefix, _)) = split_prefix(name) else {
            return true;
        };
        if prefix.is_empty() {
            return false;
        }
        if element && prefix == "xmlns" {
            self.errors.push(XmlError::new(
                span,
                format!("the element name `{name}` has the prefix `xmlns`, which is reserved"),
                "reserved prefix",
            ));
            return false;
        }
        if self.namespaces.lookup(prefix).is_some() {
            return true;
        }
        self.errors.push(
            XmlError::new(
                span,
                format!("the namespace prefix `{prefix}` is not declared"),
                "undeclared prefix",
            )
            .help(format!(
                "declare it on this element or an ancestor (`xmlns:{prefix}=\"…\"`), or remove the prefix"
            )),
        );
        false
    }
}

/// An attribute value as a processor reads it, for namespace names: character references and
/// the predefined entities replaced, white space characters made spaces. Other entity
/// references are kept as written.
pub(super) fn normalized(value: &str) -> Cow<'_, str> {
    if !value
        .bytes()
        .any(|b| b == b'&' || matches!(b, b'\t' | b'\r' | b'\n'))
    {
        return Cow::Borrowed(value);
    }
    let mut out = String::with_capacity(value.len());
    let mut at = 0;
    while let Some(ch) = value[at..].chars().next() {
        let replaced = match ch {
            '&' => match reference(value, at, value.len()) {
                Ok((Reference::Char(ch), span)) => Some((ch, span.end)),
                Ok((Reference::Entity(name), span)) => PREDEFINED
                    .iter()
                    .find(|&&(predefined, _)| predefined == name)
                    .map(|&(_, ch)| (ch, span.end)),
                Err(_) => None,
            },
            '\t' | '\r' | '\n' => Some((' ', at + 1)),
            _ => None,
        };
        match replaced {
            Some((ch, next)) => {
                out.push(ch);
                at = next;
            }
            None => {
                out.push(ch);
                at += ch.len_utf8();
            }
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::super::tests::first_error;
    use crate::parse::adata::XmlDoc;

    #[test]
    fn namespace_names_are_compared_as_a_processor_reads_them() {
        let text = r#"<a xmlns:p="urn:&#120;" xmlns:q="urn:x" p:y="1" q:y="2"/>"#;
        assert!(first_error(text)
            .unwrap()
            .contains("`q:y` is the same attribute as `p:y`: both prefixes are bound to `urn:x`"));
        let text = r#"<a xmlns:p="urn:x" xmlns:q="urn:y" p:y="1" q:y="2"/>"#;
        assert_eq!(first_error(text), None);
    }

    #[test]
    fn prefixes_leave_scope_with_their_element() {
        let text = r#"<a><b xmlns:p="u"><p:c><p:d/></p:c></b><p:e/></a>"#;
        let doc = XmlDoc::parse(text);
        assert_eq!(doc.violations.len(), 1, "{:?}", doc.violations);
        assert_eq!(&text[doc.violations[0].span.range()], "p:e");
    }
}
