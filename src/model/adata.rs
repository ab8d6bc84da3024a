//! The attached-data specification as a model: which XML files are specifications, and the
//! vertical (`<public>`, `<secure>`) and horizontal (`<call>`, `<call_cust*>`, `<mcr-f>`, …)
//! storage sections with their `<key>` entries.
//!
//! Source: https://docs.genesys.com/Documentation:ICON:Dep:AdataSpec:8.1.5 (uniqueness
//! requirements) and https://docs.genesys.com/Documentation/ICON/8.1.4/Dep/AdataSpec (schema).

use super::Evidence;
use crate::base::span::Span;
use crate::parse::adata::{Element, XmlDoc, XmlError, ADATA_NAMESPACE};
use crate::source::{Encoding, LineIndex, SourceFile};
use std::path::Path;

/// An XML file linted as an attached-data specification.
pub struct SpecFile<'a> {
    pub source: &'a SourceFile,
    pub xml: XmlDoc<'a>,
    /// Why gimlint reads it as a specification.
    pub evidence: Evidence,
    /// Spans that no output may show (see [`crate::secrets::xml_secret_spans`]).
    pub secrets: Vec<Span>,
}

/// Vertical storage: one row per key change, public or secure history table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Storage {
    /// `<public>`: G_USERDATA_HISTORY.
    Public,
    /// `<secure>`: G_SECURE_USERDATA_HISTORY.
    Secure,
}

impl Storage {
    fn of(container: &str) -> Option<Storage> {
        match container {
            "public" => Some(Storage::Public),
            "secure" => Some(Storage::Secure),
            _ => None,
        }
    }
}

/// Values of a key's `source`: the reporting-event attribute the KVP comes from.
/// Source: https://docs.genesys.com/Documentation:ICON:Dep:AdataSpec:8.1.5
pub const SOURCES: &[&str] = &["userdata", "reasons", "extensions"];

/// `AdataHistoryType`: which changes of a key's value vertical storage records.
/// Source: https://docs.genesys.com/Documentation/ICON/8.1.4/Dep/AdataSpec
pub const VERTICAL_HISTORY: &[&str] = &["none", "first", "last", "all"];

/// `AdataCallHistoryType`: a horizontal table keeps one value per interaction.
/// Source: https://docs.genesys.com/Documentation/ICON/8.1.4/Dep/AdataSpec
pub const HORIZONTAL_HISTORY: &[&str] = &["first", "last"];

/// The horizontal storage sections the documentation names.
/// Source: https://docs.genesys.com/Documentation:ICON:Dep:AdataSpec:8.1.5
pub const HORIZONTAL_SECTIONS: &[&str] =
    &["call", "call_cust", "call_cust1", "call_cust2", "mcr-f"];

/// `AdataCallFieldType`: the G_CALL_USERDATA columns a `<call>` key can fill, spelt as the
/// schema spells them (`busines-result` with one `s`).
/// Source: https://docs.genesys.com/Documentation/ICON/8.1.4/Dep/AdataSpec
pub const CALL_FIELDS: &[&str] = &[
    "customer-segment",
    "service-type",
    "service-subtype",
    "busines-result",
    "customer-id",
    "transaction-id",
    "cause-id",
    "account-id",
    "destination-id",
    "target-id",
];

/// The attribute of a horizontal key that names its column. The IDB documentation speaks of
/// the "field attribute" of the specification; the schema text that would confirm the
/// attribute's name was not reachable, so the rules that read it are warnings.
pub const FIELD_ATTRIBUTE: &str = "field";

/// Whether a file name looks like an attached-data specification: `ccon_adata_spec*.xml`.
pub fn named_like_spec(path: &str) -> bool {
    let name = Path::new(path)
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    name.starts_with("ccon_adata_spec") && name.ends_with(".xml")
}

/// A `<key>` with the section it is in.
pub struct Key<'d, 'a> {
    pub element: &'d Element<'a>,
    /// The section element (`public`, `call`, …).
    pub section: &'d Element<'a>,
}

impl<'a> SpecFile<'a> {
    /// Reads `source` as a specification when it is one: its root element is in the
    /// attached-data namespace, or its name is `ccon_adata_spec*.xml`, or the user named it
    /// (`explicit`). `None` for other XML.
    pub fn recognise(source: &'a SourceFile, explicit: bool) -> Option<SpecFile<'a>> {
        let xml = read_xml(source);
        let in_namespace = xml.root_namespace() == Some(ADATA_NAMESPACE);
        let (span, reason) = if in_namespace {
            let root = xml.root().map_or(Span::empty_at(0), |r| r.name_span);
            (
                root,
                format!("the root element is in the namespace `{ADATA_NAMESPACE}`"),
            )
        } else if named_like_spec(&source.path) {
            (
                Span::empty_at(0),
                "the file name matches `ccon_adata_spec*.xml`".to_owned(),
            )
        } else if explicit {
            (
                Span::empty_at(0),
                "the file was named on the command line".to_owned(),
            )
        } else {
            return None;
        };
        Some(SpecFile {
            source,
            xml,
            evidence: Evidence { span, reason },
            secrets: crate::secrets::xml_secret_spans(&source.text),
        })
    }

    /// Reads `source` as the reference specification of `--adata-reference`: it must be a
    /// well-formed XML document whose root element is in the attached-data namespace, or
    /// ADS007 would compare with a part of it, or with something else. The error says what
    /// was expected and what the file is.
    pub fn reference(source: &'a SourceFile) -> Result<SpecFile<'a>, String> {
        let spec = SpecFile {
            source,
            xml: read_xml(source),
            evidence: Evidence {
                span: Span::empty_at(0),
                reason: "the file was given as --adata-reference".to_owned(),
            },
            secrets: crate::secrets::xml_secret_spans(&source.text),
        };
        const EXPECTED: &str = "expected an ICON attached-data specification (`ccon_adata_spec*.xml`: XML whose root element is in the namespace `http://www.genesyslab.com/standards/icon/ed1`)";
        let Some(root) = spec.xml.root() else {
            return Err(format!("the --adata-reference file is not XML: {EXPECTED}"));
        };
        match spec.xml.root_namespace() {
            Some(ADATA_NAMESPACE) => {}
            namespace => {
                let written = &source.text[root.name_span.range()];
                let namespace = namespace.map_or_else(
                    || "in no namespace".to_owned(),
                    |other| format!("in the namespace `{other}`"),
                );
                return Err(format!(
                    "the --adata-reference file is not an attached-data specification: its root element `<{written}>` is {namespace}; {EXPECTED}"
                ));
            }
        }
        if let Some(first) = spec.xml.errors().first() {
            let first =
                crate::secrets::xml_error_without_secrets(first, &source.text, &spec.secrets);
            let (line, column) =
                LineIndex::new(&source.text).line_col(&source.text, first.span.start);
            return Err(format!(
                "the --adata-reference file is not well-formed XML ({line}:{column}: {}): ADS007 cannot compare with it",
                first.message
            ));
        }
        Ok(spec)
    }

    /// The storage sections: the children of the root element.
    pub fn sections(&self) -> impl Iterator<Item = &Element<'a>> {
        let children = if self.xml.elements.is_empty() {
            None
        } else {
            Some(0)
        };
        children
            .into_iter()
            .flat_map(|root| self.xml.children(root).map(|(_, e)| e))
    }

    /// Every `<key>` of every section, in document order.
    pub fn keys(&self) -> impl Iterator<Item = Key<'_, 'a>> {
        self.sections().flat_map(move |section| {
            section
                .children
                .iter()
                .map(|&i| &self.xml.elements[i])
                .filter(|e| e.name == "key")
                .map(move |element| Key { element, section })
        })
    }
}

/// The XML of `source`, with the encoding errors its bytes make.
fn read_xml(source: &SourceFile) -> XmlDoc<'_> {
    let mut xml = XmlDoc::parse(&source.text);
    xml.violations.extend(encoding_error(source, &xml));
    xml
}

/// The encoding an XML declaration names, as far as matching it with a file's bytes goes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Named {
    Utf8,
    /// `UTF-16`, either byte order, or one of them.
    Utf16 {
        little_endian: bool,
        big_endian: bool,
    },
    /// Another encoding, or one gimlint does not know.
    Other,
}

impl Named {
    fn of(label: &str) -> Named {
        use encoding_rs::{UTF_16BE, UTF_16LE, UTF_8};
        match encoding_rs::Encoding::for_label(label.as_bytes()) {
            Some(encoding) if encoding == UTF_8 => Named::Utf8,
            // encoding_rs reads `UTF-16` and its aliases as little-endian; XML reads them
            // in the order of the byte-order mark.
            Some(encoding) if encoding == UTF_16LE || encoding == UTF_16BE => Named::Utf16 {
                little_endian: !label.eq_ignore_ascii_case("utf-16be"),
                big_endian: !label.eq_ignore_ascii_case("utf-16le"),
            },
            _ => Named::Other,
        }
    }
}

/// The encoding errors XML 1.0 makes fatal (§4.3.3 and appendix F): a file that is not in
/// the encoding it is read in. Without a byte-order mark or an encoding declaration, XML is
/// UTF-8; a declaration must name the encoding the file is in, and a UTF-16 byte-order mark
/// must agree with it. A file gimlint read as Windows-1252 because its bytes are not UTF-8
/// is right only if it declares an encoding other than UTF-8 and UTF-16. A UTF-8 byte-order
/// mark before another declared encoding is not reported: expat and libxml2 both read the
/// file as UTF-8, as gimlint does.
fn encoding_error(source: &SourceFile, xml: &XmlDoc) -> Option<XmlError> {
    let declared = xml
        .declaration
        .and_then(|d| d.encoding)
        .map(|span| (span, &source.text[span.range()]));
    let named = declared.map(|(_, label)| Named::of(label));
    let (label_span, label) = declared.unwrap_or_default();
    let mismatch = |message: String, help: &str| {
        Some(XmlError::new(label_span, message, "not the file's encoding").help(help.to_owned()))
    };
    let named_utf16 = matches!(named, Some(Named::Utf16 { .. }));
    match source.encoding {
        Encoding::Windows1252 if matches!(named, None | Some(Named::Utf8)) => {
            let not_utf8 = source.not_utf8?;
            let length = source.text[not_utf8.offset..].chars().next().map_or(0, char::len_utf8);
            let span = Span::new(not_utf8.offset, not_utf8.offset + length);
            let error = match declared {
                None => XmlError::new(
                    span,
                    format!("byte 0x{:02X} is not UTF-8, and no encoding is declared: XML without an encoding declaration is UTF-8", not_utf8.byte),
                    "not UTF-8",
                ),
                Some((declared_span, label)) => XmlError::new(
                    span,
                    format!("byte 0x{:02X} is not UTF-8, the encoding the XML declaration names (`{label}`)", not_utf8.byte),
                    "not UTF-8",
                )
                .related(declared_span, "declared here"),
            };
            Some(error.help("save the file as UTF-8, or declare the encoding it is saved in: `<?xml version=\"1.0\" encoding=\"windows-1252\"?>`"))
        }
        Encoding::Windows1252 | Encoding::Utf8 if named_utf16 => mismatch(
            format!("the XML declaration names `{label}`, but the file is not UTF-16: it has no UTF-16 byte-order mark"),
            "declare the encoding the file is saved in (`UTF-8` if it is ASCII or UTF-8)",
        ),
        Encoding::Utf16Le | Encoding::Utf16Be if declared.is_some() => {
            let little_endian = source.encoding == Encoding::Utf16Le;
            let agrees = match named {
                Some(Named::Utf16 {
                    little_endian: le,
                    big_endian: be,
                }) => if little_endian { le } else { be },
                _ => false,
            };
            if agrees {
                return None;
            }
            mismatch(
                format!(
                    "the file is {} (it starts with a byte-order mark), but the XML declaration names `{label}`",
                    source.encoding.label()
                ),
                "declare `UTF-16`, the encoding the byte-order mark says",
            )
        }
        _ => None,
    }
}

impl<'a> Key<'_, 'a> {
    /// `Some` for keys of `<public>` and `<secure>`.
    pub fn storage(&self) -> Option<Storage> {
        Storage::of(self.section.name)
    }

    /// The value of attribute `name` as written.
    pub fn attribute(&self, name: &str) -> Option<&crate::parse::adata::Attribute<'a>> {
        self.element.attribute(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::text::closest;
    use crate::source::decode;

    #[test]
    fn recognises_specs_by_namespace_name_or_command_line() {
        let spec = |path: &str, text: &str, explicit| {
            let source = decode(path.into(), text.as_bytes()).unwrap();
            SpecFile::recognise(&source, explicit).is_some()
        };
        let namespaced = r#"<s xmlns="http://www.genesyslab.com/standards/icon/ed1"/>"#;
        assert!(spec("any.xml", namespaced, false));
        assert!(spec("x/CCON_ADATA_SPEC_site2.xml", "<s/>", false));
        assert!(spec("pom.xml", "<project/>", true));
        assert!(!spec("pom.xml", "<project/>", false));
    }

    #[test]
    fn keys_know_their_section() {
        let text = r#"<s><public><key name="a"/></public><call><key name="b" field="cause-id"/></call></s>"#;
        let source = decode("s.xml".into(), text.as_bytes()).unwrap();
        let spec = SpecFile::recognise(&source, true).unwrap();
        let keys: Vec<_> = spec.keys().map(|k| (k.section.name, k.storage())).collect();
        assert_eq!(keys, [("public", Some(Storage::Public)), ("call", None)]);
        assert_eq!(
            closest("business-result", CALL_FIELDS.iter().copied()),
            Some("busines-result")
        );
        assert_eq!(
            closest("Last", HORIZONTAL_HISTORY.iter().copied()),
            Some("last")
        );
        assert_eq!(closest("zzz", SOURCES.iter().copied()), None);
    }
}
