//! Well-formedness per XML 1.0 (fifth edition) and Namespaces in XML 1.0 (third edition), for
//! what quick-xml does not check.
//!
//! quick-xml finds where each piece of markup starts and ends and matches end tags with start
//! tags; it looks at little inside them. This module reads the inside of each piece against
//! the productions and the well-formedness constraints of the two specifications: names,
//! attributes (one of each name, `<` and `&` in values), references, characters, comments,
//! processing instructions, the XML declaration, the document type declaration with its
//! internal subset, and namespace prefixes. It keeps what the document declares (entities,
//! namespace bindings) to check the references to it. Nothing is expanded: an entity's
//! replacement text is read once, whatever the number of references to it.
//!
//! Sources: https://www.w3.org/TR/xml/ and https://www.w3.org/TR/xml-names/

use super::{Attribute, XmlError};
use crate::base::span::Span;
use quick_xml::events::Event;
use quick_xml::Reader;
use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

/// The namespace the prefix `xml` is bound to, and the only one it may be bound to.
const XML_NAMESPACE: &str = "http://www.w3.org/XML/1998/namespace";
/// The namespace of the `xmlns` attributes: no prefix may be bound to it.
const XMLNS_NAMESPACE: &str = "http://www.w3.org/2000/xmlns/";
/// The entities every document has without declaring them.
const PREDEFINED: &[(&str, char)] = &[
    ("lt", '<'),
    ("gt", '>'),
    ("amp", '&'),
    ("apos", '\''),
    ("quot", '"'),
];

/// `S`: the four white-space characters of XML.
pub(super) fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

/// `Char`: the characters a document may hold, written or by a character reference.
fn is_xml_char(c: char) -> bool {
    matches!(c,
        '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

fn is_name_start(c: char) -> bool {
    matches!(c,
        ':' | 'A'..='Z' | '_' | 'a'..='z' | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}'
        | '\u{F8}'..='\u{2FF}' | '\u{370}'..='\u{37D}' | '\u{37F}'..='\u{1FFF}'
        | '\u{200C}'..='\u{200D}' | '\u{2070}'..='\u{218F}' | '\u{2C00}'..='\u{2FEF}'
        | '\u{3001}'..='\u{D7FF}' | '\u{F900}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FFFD}'
        | '\u{10000}'..='\u{EFFFF}')
}

fn is_name_char(c: char) -> bool {
    is_name_start(c)
        || matches!(c, '-' | '.' | '0'..='9' | '\u{B7}' | '\u{300}'..='\u{36F}' | '\u{203F}'..='\u{2040}')
}

/// The length in bytes of the `Name` that starts `s` (0 when none does).
fn name_len(s: &str) -> usize {
    match s.chars().next() {
        Some(c) if is_name_start(c) => nmtoken_len(s),
        _ => 0,
    }
}

/// The length in bytes of the `Nmtoken` that starts `s` (0 when none does).
fn nmtoken_len(s: &str) -> usize {
    // Names are ASCII nearly always: bytes first, characters from the first other byte.
    let ascii = s
        .bytes()
        .take_while(|&b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b':'))
        .count();
    if s.as_bytes().get(ascii).is_none_or(u8::is_ascii) {
        return ascii;
    }
    s[ascii..]
        .char_indices()
        .find(|&(_, c)| !is_name_char(c))
        .map_or(s.len(), |(i, _)| ascii + i)
}

/// `prefix:local` split at its first colon (`None` without one); a byte search, as names are
/// split at every tag.
pub(super) fn split_prefix(name: &str) -> Option<(&str, &str)> {
    memchr::memchr(b':', name.as_bytes()).map(|i| (&name[..i], &name[i + 1..]))
}

/// Whether `name` is a `Name` without a colon.
pub(super) fn is_unprefixed_name(name: &str) -> bool {
    !name.is_empty() && name_len(name) == name.len() && split_prefix(name).is_none()
}

/// Why `name` is not a qualified name of Namespaces in XML (`prefix:local`, one colon between
/// two names that hold none), or `None` when it is one.
fn not_qualified(name: &str) -> Option<String> {
    let (prefix, local) = split_prefix(name)?;
    let why = if prefix.is_empty() {
        "it has no prefix before the `:`"
    } else if local.is_empty() {
        "it has no local name after the `:`"
    } else if split_prefix(local).is_some() {
        "it has more than one `:`"
    } else if name_len(local) != local.len() {
        "its local name does not start like a name"
    } else {
        return None;
    };
    Some(format!(
        "`{name}` is not a qualified name: {why} (Namespaces in XML: `prefix:name`)"
    ))
}

/// A character as messages show it: printable as itself, otherwise by its code point.
fn shown(c: Option<char>) -> String {
    match c {
        None => "the end".to_owned(),
        Some(c) if c.is_control() || c == '\u{FEFF}' => format!("U+{:04X}", c as u32),
        Some(c) => format!("`{c}`"),
    }
}

/// The characters of `text[start..end]` that XML 1.0 forbids (most C0 controls, U+FFFE,
/// U+FFFF), each an error. Read as bytes: in UTF-8 the C0 controls are single bytes, and
/// U+FFFE and U+FFFF the only characters encoded `EF BF BE` and `EF BF BF`.
pub(super) fn forbidden_characters(
    text: &str,
    start: usize,
    end: usize,
    errors: &mut Vec<XmlError>,
) {
    let bytes = &text.as_bytes()[start..end];
    let mut from = 0;
    // Skip to the next byte that may begin one: a control (line ends too) or `EF`.
    while let Some(found) = bytes[from..].iter().position(|&b| b < 0x20 || b == 0xEF) {
        let i = from + found;
        from = i + 1;
        let b = bytes[i];
        let (c, len) = match b {
            0..=0x1F if !is_space(b) => (u32::from(b), 1),
            0xEF if bytes.get(i + 1) == Some(&0xBF) => match bytes.get(i + 2) {
                Some(0xBE) => (0xFFFE, 3),
                Some(0xBF) => (0xFFFF, 3),
                _ => continue,
            },
            _ => continue,
        };
        errors.push(
            XmlError::new(
                Span::new(start + i, start + i + len),
                format!("the character U+{c:04X} is not allowed in XML"),
                "not an XML character",
            )
            .help("delete it, or replace it: XML 1.0 allows no control character but tab, line feed and carriage return, even as a reference"),
        );
    }
}

/// A syntax error that ends the reading of a piece of markup (boxed: errors are rare, and
/// results stay small).
type Fail = Box<XmlError>;

/// A reader of one piece of markup: `text[pos..end]`, positions in `text`.
struct Cursor<'t> {
    text: &'t str,
    pos: usize,
    end: usize,
}

impl<'t> Cursor<'t> {
    fn new(text: &'t str, pos: usize, end: usize) -> Self {
        Cursor {
            text,
            pos: pos.min(end),
            end,
        }
    }

    fn rest(&self) -> &'t str {
        &self.text[self.pos..self.end]
    }

    fn at_end(&self) -> bool {
        self.pos >= self.end
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn eat(&mut self, s: &str) -> bool {
        let found = self.rest().starts_with(s);
        if found {
            self.pos += s.len();
        }
        found
    }

    /// Skips white space; whether there was some.
    fn skip_space(&mut self) -> bool {
        let n = self.rest().bytes().take_while(|&b| is_space(b)).count();
        self.pos += n;
        n > 0
    }

    fn take(&mut self, len: usize) -> Option<Span> {
        let span = Span::new(self.pos, self.pos + len);
        self.pos += len;
        (len > 0).then_some(span)
    }

    fn name(&mut self) -> Option<Span> {
        self.take(name_len(self.rest()))
    }

    fn nmtoken(&mut self) -> Option<Span> {
        self.take(nmtoken_len(self.rest()))
    }

    /// The next character's span, or an empty one at the end: where a syntax error is.
    fn next_span(&self) -> Span {
        Span::new(self.pos, self.pos + self.peek().map_or(0, char::len_utf8))
    }

    /// An error at the next character: `found` it, `expected` something else.
    fn unexpected(&self, expected: &str) -> Fail {
        Box::new(XmlError::new(
            self.next_span(),
            format!("expected {expected}, found {}", shown(self.peek())),
            "unexpected here",
        ))
    }

    /// A quoted literal: the span inside the quotes, the cursor after the closing one.
    /// `what` is formatted only for an error.
    fn quoted(&mut self, what: fmt::Arguments) -> Result<Span, Fail> {
        let quote = match self.peek() {
            Some(q @ ('"' | '\'')) => q,
            _ => return Err(self.unexpected(&format!("{what} in quotes"))),
        };
        let open = self.pos;
        let inside = open + 1;
        // The quotes are ASCII: a byte search finds them.
        match memchr::memchr(quote as u8, &self.text.as_bytes()[inside..self.end]) {
            Some(len) => {
                self.pos = inside + len + 1;
                Ok(Span::new(inside, inside + len))
            }
            None => Err(Box::new(XmlError::new(
                Span::new(open, inside),
                format!("{what} is not closed: no matching {quote}"),
                "opened here",
            ))),
        }
    }

    fn expect(&mut self, s: &str, expected: &str) -> Result<(), Fail> {
        if self.eat(s) {
            Ok(())
        } else {
            Err(self.unexpected(expected))
        }
    }

    fn expect_space(&mut self, before: &str) -> Result<(), Fail> {
        if self.skip_space() {
            Ok(())
        } else {
            Err(self.unexpected(&format!("white space before {before}")))
        }
    }

    /// A keyword of the DTD, which must be followed by something that is not a name character.
    fn keyword(&mut self, word: &str) -> bool {
        let rest = self.rest();
        let found =
            rest.starts_with(word) && !rest[word.len()..].chars().next().is_some_and(is_name_char);
        if found {
            self.pos += word.len();
        }
        found
    }
}

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
fn attribute_value<'t>(
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
pub(super) fn comment(text: &str, start: usize, end: usize, errors: &mut Vec<XmlError>) {
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
pub(super) fn processing_instruction(
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

/// What the XML declaration says.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Declaration {
    /// The span of the encoding name, when one is declared.
    pub encoding: Option<Span>,
    /// `standalone="yes"`.
    pub standalone: bool,
}

/// Reads the XML declaration `text[start..end]` (from `<?xml` to `?>`).
pub(super) fn declaration(
    text: &str,
    start: usize,
    end: usize,
    errors: &mut Vec<XmlError>,
) -> Declaration {
    let mut declaration = Declaration::default();
    let mut c = Cursor::new(text, start + "<?xml".len(), end - "?>".len());
    if let Err(error) = read_declaration(&mut c, &mut declaration) {
        errors.push(*error);
    }
    declaration
}

fn read_declaration(c: &mut Cursor, declaration: &mut Declaration) -> Result<(), Fail> {
    const ORDER: [&str; 3] = ["version", "encoding", "standalone"];
    const EXPECTED: [&str; 3] = ["`1.0`", "an encoding name such as `UTF-8`", "`yes` or `no`"];
    let text = c.text;
    let mut next = 0;
    loop {
        let spaced = c.skip_space();
        if c.at_end() {
            break;
        }
        let Some(name) = c.name() else {
            return Err(c.unexpected("`version`, `encoding`, `standalone` or `?>`"));
        };
        let name_text = &text[name.range()];
        let index = ORDER.iter().position(|&n| n == name_text);
        let Some(index) = index.filter(|&i| i >= next && (next > 0 || i == 0)) else {
            let why = if next == 0 {
                "the XML declaration must start with `version`".to_owned()
            } else {
                format!(
                    "`{name_text}` is not allowed here: the XML declaration holds `version`, then \
                     `encoding` and `standalone` when given, each once and in this order"
                )
            };
            return Err(Box::new(XmlError::new(name, why, "not allowed here")));
        };
        if !spaced {
            return Err(Box::new(XmlError::new(
                name,
                format!("no white space before `{name_text}`"),
                "needs a space before it",
            )));
        }
        next = index + 1;
        c.skip_space();
        c.expect("=", &format!("`=` after `{name_text}`"))?;
        c.skip_space();
        let value = c.quoted(format_args!("the value of `{name_text}`"))?;
        let value_text = &text[value.range()];
        let valid = match index {
            0 => value_text.strip_prefix("1.").is_some_and(|minor| {
                !minor.is_empty() && minor.bytes().all(|b| b.is_ascii_digit())
            }),
            1 => {
                declaration.encoding = Some(value);
                value_text
                    .bytes()
                    .next()
                    .is_some_and(|b| b.is_ascii_alphabetic())
                    && value_text
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
            }
            _ => {
                declaration.standalone = value_text == "yes";
                matches!(value_text, "yes" | "no")
            }
        };
        if !valid {
            return Err(Box::new(XmlError::new(
                value,
                format!(
                    "`{value_text}` is not a valid `{name_text}`: expected {}",
                    EXPECTED[index]
                ),
                "not valid here",
            )));
        }
    }
    if next == 0 {
        return Err(Box::new(XmlError::new(
            Span::empty_at(c.pos),
            "the XML declaration has no `version`: write `<?xml version=\"1.0\"?>`",
            "`version` missing",
        )));
    }
    Ok(())
}

/// Checks text content `text[start..end]`: `]]>` ends only a CDATA section.
pub(super) fn text_content(text: &str, start: usize, end: usize, errors: &mut Vec<XmlError>) {
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
fn duplicate_attributes(attributes: &[Attribute], errors: &mut Vec<XmlError>) {
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
fn namespace_prefix(name: &str) -> Option<Option<&str>> {
    if name == "xmlns" {
        Some(None)
    } else {
        name.strip_prefix("xmlns:").map(Some)
    }
}

/// An entity the internal subset declares.
struct Entity<'t> {
    name: &'t str,
    /// Its name in its declaration.
    span: Span,
    kind: EntityKind<'t>,
}

enum EntityKind<'t> {
    /// The replacement text: the literal, its character references replaced.
    Internal(Cow<'t, str>),
    /// Declared with `SYSTEM` or `PUBLIC`: never read.
    External,
    /// Declared with `NDATA`: not XML; only an attribute of type ENTITY names it.
    Unparsed,
}

/// Where a replacement text is read: as content, or within an attribute value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Context {
    Content = 0,
    Attribute = 1,
}

/// Why expanding an entity is not well-formed: the entity at fault, and what is wrong.
#[derive(Clone, Debug)]
struct Flaw {
    culprit: usize,
    what: FlawKind,
}

#[derive(Clone, Debug)]
enum FlawKind {
    Recursive,
    Undeclared(String),
    Unparsed(String),
    ExternalInAttribute(String),
    /// What is wrong with the replacement text itself.
    Text(String),
}

/// What the document type declaration declares, as far as well-formedness needs it.
#[derive(Default)]
struct Dtd<'t> {
    entities: Vec<Entity<'t>>,
    /// General entities by name: the first declaration binds.
    general: HashMap<&'t str, usize>,
    parameter: HashMap<&'t str, Span>,
    /// Some declarations cannot be seen: an external subset, a parameter-entity reference,
    /// an internal subset not read to its end. A reference to an undeclared entity is then
    /// not an error (XML 1.0 §4.1, WFC: Entity Declared), unless the document is standalone.
    unseen: bool,
    /// After a parameter-entity reference that is not read, a processor does not process
    /// entity and attribute-list declarations (XML 1.0 §5.1).
    stopped: bool,
    /// Default values of `xmlns` attributes, by element name: they declare namespaces.
    namespace_defaults: HashMap<&'t str, Vec<(&'t str, &'t str)>>,
    /// Entity references in attribute defaults, with the number of entities declared before.
    default_references: Vec<(&'t str, Span, usize)>,
    /// Per context, whether expanding each entity is well-formed: computed at the first
    /// reference.
    verdicts: Option<[Vec<Option<Flaw>>; 2]>,
}

/// Namespace bindings in scope: a stack per prefix, and per open element the prefixes it
/// bound, so that a lookup costs the same at any depth.
#[derive(Default)]
struct Namespaces<'t> {
    bound: HashMap<&'t str, Vec<Cow<'t, str>>>,
    declared: Vec<&'t str>,
    marks: Vec<usize>,
}

impl<'t> Namespaces<'t> {
    fn enter(&mut self) {
        self.marks.push(self.declared.len());
    }

    fn bind(&mut self, prefix: &'t str, uri: Cow<'t, str>) {
        self.bound.entry(prefix).or_default().push(uri);
        self.declared.push(prefix);
    }

    fn leave(&mut self) {
        let mark = self.marks.pop().unwrap_or(0);
        for prefix in self.declared.drain(mark..) {
            if let Some(uris) = self.bound.get_mut(prefix) {
                uris.pop();
            }
        }
    }

    fn lookup(&self, prefix: &str) -> Option<&str> {
        if prefix == "xml" {
            return Some(XML_NAMESPACE);
        }
        self.bound.get(prefix)?.last().map(|uri| uri.as_ref())
    }
}

/// The checks that need what came before: the declarations and bindings of the document.
pub(super) struct Checker<'t> {
    text: &'t str,
    pub errors: Vec<XmlError>,
    pub declaration: Option<Declaration>,
    doctype: Option<Span>,
    dtd: Dtd<'t>,
    namespaces: Namespaces<'t>,
}

impl<'t> Checker<'t> {
    pub fn new(text: &'t str) -> Self {
        Checker {
            text,
            errors: Vec::new(),
            declaration: None,
            doctype: None,
            dtd: Dtd::default(),
            namespaces: Namespaces::default(),
        }
    }

    fn standalone(&self) -> bool {
        self.declaration.is_some_and(|d| d.standalone)
    }

    /// The XML declaration `text[start..end]`; `first`: nothing comes before it.
    pub fn xml_declaration(&mut self, start: usize, end: usize, first: bool) {
        if first {
            self.declaration = Some(declaration(self.text, start, end, &mut self.errors));
        } else {
            self.errors.push(
                XmlError::new(
                    Span::new(start, start + "<?xml".len()),
                    "the XML declaration is not at the start of the file",
                    "must come first",
                )
                .help("move `<?xml …?>` to the very start of the file, before any space, comment or element, or delete it"),
            );
        }
    }

    /// The document type declaration `text[start..end]`; `after_root`: the root element
    /// has begun.
    pub fn doctype(&mut self, start: usize, end: usize, after_root: bool) {
        let span = Span::new(start, start + "<!DOCTYPE".len());
        if after_root {
            self.errors.push(XmlError::new(
                span,
                "a document type declaration after the root element has begun",
                "must come before the root element",
            ));
            return;
        }
        if let Some(first) = self.doctype {
            self.errors.push(
                XmlError::new(span, "a second document type declaration", "second one")
                    .related(first, "first one"),
            );
            return;
        }
        self.doctype = Some(span);
        let mut c = Cursor::new(self.text, start, end);
        if let Err(error) = self.read_doctype(&mut c) {
            self.errors.push(*error);
            self.dtd.unseen = true;
        }
        self.check_default_references();
    }

    fn read_doctype(&mut self, c: &mut Cursor<'t>) -> Result<(), Fail> {
        c.expect("<!DOCTYPE", "`<!DOCTYPE`, in capitals")?;
        c.expect_space("the name of the root element")?;
        let name = c
            .name()
            .ok_or_else(|| c.unexpected("the name of the root element"))?;
        self.qualified(name);
        let spaced = c.skip_space();
        if spaced && external_id(c, false)? {
            self.dtd.unseen = true;
            c.skip_space();
        }
        if c.eat("[") {
            self.internal_subset(c)?;
            c.skip_space();
        }
        c.expect(">", "`[` or `>`")?;
        if c.at_end() {
            Ok(())
        } else {
            Err(c.unexpected("nothing after `>`"))
        }
    }

    fn internal_subset(&mut self, c: &mut Cursor<'t>) -> Result<(), Fail> {
        let text = self.text;
        loop {
            c.skip_space();
            let start = c.pos;
            let rest = c.rest();
            if c.eat("]") {
                return Ok(());
            } else if c.eat("%") {
                let name = c
                    .name()
                    .ok_or_else(|| c.unexpected("a parameter entity name after `%`"))?;
                c.expect(";", "`;` at the end of the parameter-entity reference")?;
                let name_text = &text[name.range()];
                if self.standalone() && !self.dtd.parameter.contains_key(name_text) {
                    self.errors.push(XmlError::new(
                        Span::new(start, c.pos),
                        format!("undefined parameter entity `%{name_text};`"),
                        "not declared before",
                    ));
                }
                self.dtd.unseen = true;
                self.dtd.stopped |= !self.standalone();
            } else if let Some(comment_text) = rest.strip_prefix("<!--") {
                let len = comment_text.find("-->").ok_or_else(|| {
                    XmlError::new(
                        Span::new(start, start + 4),
                        "a comment that is not closed",
                        "opened here",
                    )
                })?;
                c.pos = start + 4 + len + 3;
                comment(text, start, c.pos, &mut self.errors);
            } else if let Some(instruction) = rest.strip_prefix("<?") {
                let len = instruction.find("?>").ok_or_else(|| {
                    XmlError::new(
                        Span::new(start, start + 2),
                        "a processing instruction that is not closed",
                        "opened here",
                    )
                })?;
                c.pos = start + 2 + len + 2;
                processing_instruction(text, start, c.pos, &mut self.errors);
            } else if c.eat("<!ELEMENT") {
                self.element_declaration(c)?;
            } else if c.eat("<!ATTLIST") {
                self.attlist_declaration(c)?;
            } else if c.eat("<!ENTITY") {
                self.entity_declaration(c)?;
            } else if c.eat("<!NOTATION") {
                self.notation_declaration(c)?;
            } else {
                return Err(c.unexpected(
                    "a declaration (`<!ELEMENT`, `<!ATTLIST`, `<!ENTITY`, `<!NOTATION`), a comment, a processing instruction, a parameter-entity reference or `]`",
                ));
            }
        }
    }

    fn element_declaration(&mut self, c: &mut Cursor<'t>) -> Result<(), Fail> {
        c.expect_space("the element name")?;
        let name = c.name().ok_or_else(|| c.unexpected("an element name"))?;
        self.qualified(name);
        c.expect_space("the content model")?;
        if !(c.keyword("EMPTY") || c.keyword("ANY")) {
            content_model(c)?;
        }
        c.skip_space();
        c.expect(">", "`>` at the end of the element declaration")
    }

    fn attlist_declaration(&mut self, c: &mut Cursor<'t>) -> Result<(), Fail> {
        let text = self.text;
        c.expect_space("the element name")?;
        let element = c.name().ok_or_else(|| c.unexpected("an element name"))?;
        self.qualified(element);
        loop {
            let spaced = c.skip_space();
            if c.eat(">") {
                return Ok(());
            }
            if !spaced {
                return Err(c.unexpected("white space or `>`"));
            }
            let attribute = c
                .name()
                .ok_or_else(|| c.unexpected("an attribute name or `>`"))?;
            self.qualified(attribute);
            c.expect_space("the attribute type")?;
            attribute_type(c)?;
            c.expect_space("`#REQUIRED`, `#IMPLIED`, `#FIXED` or a default value")?;
            if c.keyword("#REQUIRED") || c.keyword("#IMPLIED") {
                continue;
            }
            if c.keyword("#FIXED") {
                c.expect_space("the fixed value")?;
            }
            let value = c.quoted(format_args!("the default value"))?;
            let mut references = Vec::new();
            attribute_value(text, value, &mut self.errors, &mut references);
            let declared = self.dtd.entities.len();
            self.dtd.default_references.extend(
                references
                    .into_iter()
                    .map(|(name, span)| (name, span, declared)),
            );
            let attribute = &text[attribute.range()];
            if !self.dtd.stopped && namespace_prefix(attribute).is_some() {
                let defaults = self
                    .dtd
                    .namespace_defaults
                    .entry(&text[element.range()])
                    .or_default();
                // The first declaration of an attribute binds (XML 1.0 §3.3).
                if defaults.iter().all(|&(name, _)| name != attribute) {
                    defaults.push((attribute, &text[value.range()]));
                }
            }
        }
    }

    fn entity_declaration(&mut self, c: &mut Cursor<'t>) -> Result<(), Fail> {
        let text = self.text;
        c.expect_space("the entity name")?;
        let parameter = c.eat("%");
        if parameter {
            c.expect_space("the parameter entity name")?;
        }
        let name = c.name().ok_or_else(|| c.unexpected("an entity name"))?;
        let name_text = &text[name.range()];
        if name_text.contains(':') {
            self.errors.push(XmlError::new(
                name,
                format!("the entity name `{name_text}` holds a `:`"),
                "no `:` allowed (Namespaces in XML)",
            ));
        }
        c.expect_space("the entity value, `SYSTEM` or `PUBLIC`")?;
        let kind = if matches!(c.peek(), Some('"' | '\'')) {
            let literal = c.quoted(format_args!("the entity value"))?;
            EntityKind::Internal(self.entity_value(literal))
        } else if external_id(c, false)? {
            let after_id = c.pos;
            if !parameter && c.skip_space() && c.keyword("NDATA") {
                c.expect_space("the notation name")?;
                c.name()
                    .ok_or_else(|| c.unexpected("a notation name after `NDATA`"))?;
                EntityKind::Unparsed
            } else {
                c.pos = after_id;
                EntityKind::External
            }
        } else {
            return Err(c.unexpected("a quoted entity value, `SYSTEM` or `PUBLIC`"));
        };
        c.skip_space();
        c.expect(">", "`>` at the end of the entity declaration")?;
        if parameter {
            self.dtd.parameter.entry(name_text).or_insert(name);
        } else if !self.dtd.stopped && !self.dtd.general.contains_key(name_text) {
            self.dtd.general.insert(name_text, self.dtd.entities.len());
            self.dtd.entities.push(Entity {
                name: name_text,
                span: name,
                kind,
            });
        }
        Ok(())
    }

    /// The replacement text of the entity value `text[literal]`: character references
    /// replaced, entity references kept. A parameter-entity reference cannot be in a
    /// declaration of the internal subset (XML 1.0 §2.8, WFC: PEs in Internal Subset).
    fn entity_value(&mut self, literal: Span) -> Cow<'t, str> {
        let text = self.text;
        let bytes = text.as_bytes();
        let mut replaced: Option<String> = None;
        let mut copied = literal.start;
        let mut at = literal.start;
        while at < literal.end {
            match bytes[at] {
                b'%' => {
                    self.errors.push(
                        XmlError::new(
                            Span::new(at, at + 1),
                            "a parameter-entity reference inside a declaration of the internal subset",
                            "not allowed here",
                        )
                        .help("the internal subset allows `%name;` only between declarations"),
                    );
                    at += 1;
                }
                b'&' => match reference(text, at, literal.end) {
                    Ok((Reference::Char(ch), span)) => {
                        let out = replaced.get_or_insert_with(String::new);
                        out.push_str(&text[copied..at]);
                        out.push(ch);
                        copied = span.end;
                        at = span.end;
                    }
                    Ok((Reference::Entity(_), span)) => at = span.end,
                    Err(error) => {
                        self.errors.push(*error);
                        at += 1;
                    }
                },
                _ => at += 1,
            }
        }
        match replaced {
            None => Cow::Borrowed(&text[literal.range()]),
            Some(mut out) => {
                out.push_str(&text[copied..literal.end]);
                Cow::Owned(out)
            }
        }
    }

    fn notation_declaration(&mut self, c: &mut Cursor<'t>) -> Result<(), Fail> {
        c.expect_space("the notation name")?;
        let name = c.name().ok_or_else(|| c.unexpected("a notation name"))?;
        let name_text = &self.text[name.range()];
        if name_text.contains(':') {
            self.errors.push(XmlError::new(
                name,
                format!("the notation name `{name_text}` holds a `:`"),
                "no `:` allowed (Namespaces in XML)",
            ));
        }
        c.expect_space("`SYSTEM` or `PUBLIC`")?;
        if !external_id(c, true)? {
            return Err(c.unexpected("`SYSTEM` or `PUBLIC`"));
        }
        c.skip_space();
        c.expect(">", "`>` at the end of the notation declaration")
    }

    /// An element or attribute name of the document or the DTD must be a qualified name.
    fn qualified(&mut self, name: Span) {
        if let Some(why) = not_qualified(&self.text[name.range()]) {
            self.errors
                .push(XmlError::new(name, why, "not a qualified name"));
        }
    }

    /// References in attribute defaults, once the internal subset is read: each entity must
    /// be declared before the default that names it (XML 1.0 §4.1, WFC: Entity Declared).
    fn check_default_references(&mut self) {
        for (name, span, declared) in std::mem::take(&mut self.dtd.default_references) {
            let declared_before = self.dtd.general.get(name).is_some_and(|&i| i < declared);
            if declared_before || !self.dtd.general.contains_key(name) {
                self.check_reference(name, span, Context::Attribute);
            } else if self.undeclared_is_error() {
                self.errors.push(XmlError::new(
                    span,
                    format!("the entity `{name}` is declared after the attribute default that refers to it"),
                    "declared later",
                ));
            }
        }
    }

    fn undeclared_is_error(&self) -> bool {
        !self.dtd.unseen || self.standalone()
    }

    /// A reference in content, `text[start..end]` (from `&` to `;`).
    pub fn content_reference(&mut self, start: usize, end: usize) {
        match reference(self.text, start, end) {
            Ok((Reference::Entity(name), span)) => {
                self.check_reference(name, span, Context::Content)
            }
            Ok((Reference::Char(_), _)) => {}
            Err(error) => self.errors.push(*error),
        }
    }

    /// An entity reference must name a declared entity whose expansion, here, is
    /// well-formed.
    fn check_reference(&mut self, name: &str, span: Span, context: Context) {
        if PREDEFINED.iter().any(|&(predefined, _)| predefined == name) {
            return;
        }
        let Some(&index) = self.dtd.general.get(name) else {
            if self.undeclared_is_error() {
                self.errors.push(
                    XmlError::new(span, format!("undefined entity `&{name};`"), "not declared")
                        .help("XML predefines only `&lt;`, `&gt;`, `&amp;`, `&apos;` and `&quot;`: write the character itself, a character reference such as `&#233;`, or declare the entity in the document type declaration"),
                );
            }
            return;
        };
        let flaw = match (&self.dtd.entities[index].kind, context) {
            (EntityKind::Unparsed, _) => Some(Flaw {
                culprit: index,
                what: FlawKind::Unparsed(name.to_owned()),
            }),
            (EntityKind::External, Context::Attribute) => Some(Flaw {
                culprit: index,
                what: FlawKind::ExternalInAttribute(name.to_owned()),
            }),
            (EntityKind::External, Context::Content) => None,
            (EntityKind::Internal(_), _) => {
                let undeclared_is_error = self.undeclared_is_error();
                self.dtd.verdict(index, context, undeclared_is_error)
            }
        };
        if let Some(flaw) = flaw {
            let culprit = &self.dtd.entities[flaw.culprit];
            let what = match flaw.what {
                FlawKind::Recursive => format!("the entity `{}` refers to itself", culprit.name),
                FlawKind::Undeclared(other) => format!(
                    "the entity `{}` refers to `&{other};`, which is not declared",
                    culprit.name
                ),
                FlawKind::Unparsed(other) => format!(
                    "`{other}` is an unparsed entity (declared with NDATA), which only an attribute of type ENTITY can name"
                ),
                FlawKind::ExternalInAttribute(other) => format!(
                    "`{other}` is an external entity, which an attribute value cannot refer to"
                ),
                FlawKind::Text(why) => {
                    format!("the replacement text of `{}` {why}", culprit.name)
                }
            };
            self.errors.push(
                XmlError::new(
                    span,
                    format!("`&{name};` cannot be expanded: {what}"),
                    "this reference",
                )
                .related(culprit.span, format!("`{}` declared here", culprit.name)),
            );
        }
    }

    /// A start tag or empty-element tag `text[start..end]`: its attributes, after checking
    /// them and the namespaces of the element and its attributes. The element's namespace
    /// scope stays open until [`Checker::end_element`].
    pub fn start_tag(&mut self, start: usize, end: usize, empty: bool) -> Vec<Attribute<'t>> {
        let text = self.text;
        let tag = start_tag(text, start, end, empty, &mut self.errors);
        duplicate_attributes(&tag.attributes, &mut self.errors);
        for &(name, span) in &tag.references {
            self.check_reference(name, span, Context::Attribute);
        }
        let name_len = name_len(&text[start + 1..end]);
        let name = Span::new(start + 1, start + 1 + name_len);
        self.namespaces.enter();
        for attribute in &tag.attributes {
            if let Some(prefix) = namespace_prefix(attribute.name) {
                self.declare_namespace(prefix, attribute.name_span, attribute.value);
            }
        }
        let defaults = if self.dtd.namespace_defaults.is_empty() {
            None
        } else {
            self.dtd.namespace_defaults.get(&text[name.range()])
        };
        if let Some(defaults) = defaults {
            for &(attribute, value) in defaults {
                if tag.attributes.iter().all(|a| a.name != attribute) {
                    let prefix = namespace_prefix(attribute).flatten().unwrap_or("");
                    self.namespaces.bind(prefix, normalized(value));
                }
            }
        }
        if name_len > 0 {
            self.qualified(name);
            self.prefix_bound(name, true);
        }
        let mut expanded: HashMap<(String, &str), Span> = HashMap::new();
        for attribute in &tag.attributes {
            self.qualified(attribute.name_span);
            if namespace_prefix(attribute.name).is_some() {
                continue;
            }
            let Some((prefix, local)) = split_prefix(attribute.name) else {
                continue;
            };
            if !self.prefix_bound(attribute.name_span, false) {
                continue;
            }
            let Some(uri) = self.namespaces.lookup(prefix).map(str::to_owned) else {
                continue;
            };
            // Namespaces in XML §6.3: no two attributes with the same namespace and local name.
            match expanded.get(&(uri.clone(), local)) {
                Some(&first) => self.errors.push(
                    XmlError::new(
                        attribute.name_span,
                        format!(
                            "`{}` is the same attribute as `{}`: both prefixes are bound to `{uri}`",
                            attribute.name,
                            &text[first.range()]
                        ),
                        "second one",
                    )
                    .related(first, "first one"),
                ),
                None => {
                    expanded.insert((uri, local), attribute.name_span);
                }
            }
        }
        tag.attributes
    }

    pub fn end_element(&mut self) {
        self.namespaces.leave();
    }

    /// Binds a namespace prefix (`None`: the default namespace), checking the declaration.
    fn declare_namespace(&mut self, prefix: Option<&'t str>, span: Span, value: &'t str) {
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
    fn prefix_bound(&mut self, span: Span, element: bool) -> bool {
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

/// `ExternalID` after a document type or entity name, or for a notation also `PublicID`
/// (`PUBLIC` without a system literal); `false` when neither keyword is there.
fn external_id(c: &mut Cursor, notation: bool) -> Result<bool, Fail> {
    if c.keyword("SYSTEM") {
        c.expect_space("the system identifier")?;
        c.quoted(format_args!("the system identifier"))?;
        return Ok(true);
    }
    if !c.keyword("PUBLIC") {
        return Ok(false);
    }
    c.expect_space("the public identifier")?;
    let public = c.quoted(format_args!("the public identifier"))?;
    let text = c.text;
    if let Some((i, ch)) = text[public.range()]
        .char_indices()
        .find(|&(_, ch)| !(ch.is_ascii_alphanumeric() || " \r\n-'()+,./:=?;!*#@$_%".contains(ch)))
    {
        let at = public.start + i;
        return Err(Box::new(XmlError::new(
            Span::new(at, at + ch.len_utf8()),
            format!("{} is not allowed in a public identifier", shown(Some(ch))),
            "not allowed here",
        )));
    }
    let after_public = c.pos;
    if c.skip_space() && matches!(c.peek(), Some('"' | '\'')) {
        c.quoted(format_args!("the system identifier"))?;
    } else if notation {
        c.pos = after_public;
    } else {
        return Err(c.unexpected("the system identifier in quotes after the public one"));
    }
    Ok(true)
}

/// The content model of an element declaration, after `EMPTY` and `ANY` were ruled out:
/// mixed content `(#PCDATA|a|b)*` or element content such as `(a,(b|c)*)+`. Groups nest
/// without recursion: a stack holds the separator each open group uses.
fn content_model(c: &mut Cursor) -> Result<(), Fail> {
    c.expect("(", "`EMPTY`, `ANY` or `(`")?;
    c.skip_space();
    if c.eat("#PCDATA") {
        let mut names = false;
        loop {
            c.skip_space();
            if c.eat(")") {
                if names {
                    c.expect("*", "`*` after a mixed content model that names elements")?;
                } else {
                    c.eat("*");
                }
                return Ok(());
            }
            c.expect("|", "`|` or `)`")?;
            c.skip_space();
            c.name().ok_or_else(|| c.unexpected("an element name"))?;
            names = true;
        }
    }
    let quantifier = |c: &mut Cursor| c.eat("?") || c.eat("*") || c.eat("+");
    let mut separators: Vec<Option<char>> = vec![None];
    loop {
        c.skip_space();
        if c.eat("(") {
            separators.push(None);
            continue;
        }
        c.name()
            .ok_or_else(|| c.unexpected("an element name or `(`"))?;
        quantifier(c);
        loop {
            c.skip_space();
            if c.eat(")") {
                separators.pop();
                quantifier(c);
                if separators.is_empty() {
                    return Ok(());
                }
                continue;
            }
            let separator = c.peek().filter(|&s| s == '|' || s == ',');
            let (Some(separator), Some(used)) = (separator, separators.last_mut()) else {
                return Err(c.unexpected("`|`, `,` or `)`"));
            };
            if used.is_some_and(|u| u != separator) {
                return Err(c.unexpected(
                    "the separator used before in this group: `|` and `,` cannot be mixed",
                ));
            }
            *used = Some(separator);
            c.pos += 1;
            break;
        }
    }
}

/// The type of an attribute definition.
fn attribute_type(c: &mut Cursor) -> Result<(), Fail> {
    if c.peek() == Some('(') {
        return enumeration(c, false);
    }
    let word = c.name().ok_or_else(|| c.unexpected("an attribute type"))?;
    match &c.text[word.range()] {
        "CDATA" | "ID" | "IDREF" | "IDREFS" | "ENTITY" | "ENTITIES" | "NMTOKEN" | "NMTOKENS" => {
            Ok(())
        }
        "NOTATION" => {
            c.expect_space("`(`")?;
            enumeration(c, true)
        }
        other => Err(Box::new(XmlError::new(
            word,
            format!("`{other}` is not an attribute type"),
            "expected CDATA, ID, IDREF, IDREFS, ENTITY, ENTITIES, NMTOKEN, NMTOKENS, NOTATION or `(`",
        ))),
    }
}

/// `(a|b|c)`: names (of notations) or name tokens.
fn enumeration(c: &mut Cursor, names: bool) -> Result<(), Fail> {
    c.expect("(", "`(`")?;
    loop {
        c.skip_space();
        let token = if names { c.name() } else { c.nmtoken() };
        token.ok_or_else(|| {
            c.unexpected(if names {
                "a notation name"
            } else {
                "a name token"
            })
        })?;
        c.skip_space();
        if c.eat(")") {
            return Ok(());
        }
        c.expect("|", "`|` or `)`")?;
    }
}

/// An attribute value as a processor reads it, for namespace names: character references and
/// the predefined entities replaced, white space characters made spaces. Other entity
/// references are kept as written.
fn normalized(value: &str) -> Cow<'_, str> {
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

impl Dtd<'_> {
    /// Whether expanding entity `index` in `context` is well-formed, for every entity at once
    /// the first time it is asked.
    fn verdict(
        &mut self,
        index: usize,
        context: Context,
        undeclared_is_error: bool,
    ) -> Option<Flaw> {
        let verdicts = self
            .verdicts
            .get_or_insert_with(|| analyse(&self.entities, &self.general, undeclared_is_error));
        verdicts[context as usize][index].clone()
    }
}

/// Per context, whether expanding each entity is well-formed: its replacement text read in
/// that context, and the entities it refers to, directly or not, without recursion.
fn analyse(
    entities: &[Entity],
    general: &HashMap<&str, usize>,
    undeclared_is_error: bool,
) -> [Vec<Option<Flaw>>; 2] {
    let n = entities.len();
    let mut attribute_edges = vec![Vec::new(); n];
    let mut content_edges = vec![Vec::new(); n];
    let mut attribute_flaws: Vec<Option<Flaw>> = vec![None; n];
    let mut content_flaws: Vec<Option<Flaw>> = vec![None; n];
    // Entities named in attribute values inside a replacement text read as content.
    let mut content_attribute_refs = vec![Vec::new(); n];
    // Where a reference in a replacement text leads: to an internal entity (an edge), to
    // nothing more to read, or to a flaw.
    let resolve = |culprit: usize, name: &str, context: Context| -> Result<Option<usize>, Flaw> {
        if PREDEFINED.iter().any(|&(predefined, _)| predefined == name) {
            return Ok(None);
        }
        let flaw = |what| Err(Flaw { culprit, what });
        match general.get(name).map(|&i| (i, &entities[i].kind)) {
            None if !undeclared_is_error => Ok(None),
            None => flaw(FlawKind::Undeclared(name.to_owned())),
            Some((_, EntityKind::Unparsed)) => flaw(FlawKind::Unparsed(name.to_owned())),
            Some((_, EntityKind::External)) if context == Context::Attribute => {
                flaw(FlawKind::ExternalInAttribute(name.to_owned()))
            }
            Some((_, EntityKind::External)) => Ok(None),
            Some((i, EntityKind::Internal(_))) => Ok(Some(i)),
        }
    };
    for (i, entity) in entities.iter().enumerate() {
        let EntityKind::Internal(replacement) = &entity.kind else {
            continue;
        };
        let text = replacement.as_ref();
        let text_flaw = |why: String| Flaw {
            culprit: i,
            what: FlawKind::Text(why),
        };

        let mut errors = Vec::new();
        let mut references = Vec::new();
        attribute_value(text, Span::new(0, text.len()), &mut errors, &mut references);
        attribute_flaws[i] = if text.contains('<') {
            Some(text_flaw(
                "holds `<`, which an attribute value cannot hold".to_owned(),
            ))
        } else {
            errors
                .first()
                .map(|e| text_flaw(format!("holds {}", e.message)))
        };
        for (name, _) in references {
            match resolve(i, name, Context::Attribute) {
                Ok(Some(target)) => attribute_edges[i].push(target),
                Ok(None) => {}
                Err(flaw) => {
                    attribute_flaws[i].get_or_insert(flaw);
                }
            }
        }

        let scan = scan_as_content(text);
        content_flaws[i] = scan
            .problem
            .map(|why| text_flaw(format!("is not well-formed content: {why}")));
        for name in scan.text_references {
            match resolve(i, name, Context::Content) {
                Ok(Some(target)) => content_edges[i].push(target),
                Ok(None) => {}
                Err(flaw) => {
                    content_flaws[i].get_or_insert(flaw);
                }
            }
        }
        for name in scan.attribute_references {
            match resolve(i, name, Context::Attribute) {
                Ok(Some(target)) => content_attribute_refs[i].push(target),
                Ok(None) => {}
                Err(flaw) => {
                    content_flaws[i].get_or_insert(flaw);
                }
            }
        }
    }
    let attribute = propagate(&attribute_edges, attribute_flaws);
    for (i, targets) in content_attribute_refs.iter().enumerate() {
        if content_flaws[i].is_none() {
            content_flaws[i] = targets.iter().find_map(|&t| attribute[t].clone());
        }
    }
    let content = propagate(&content_edges, content_flaws);
    [content, attribute]
}

/// Each entity's own flaw, or else the first flaw of an entity it refers to, or recursion:
/// a depth-first walk with an explicit stack, each entity visited once.
fn propagate(edges: &[Vec<usize>], mut verdicts: Vec<Option<Flaw>>) -> Vec<Option<Flaw>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Visit {
        New,
        Open,
        Done,
    }
    let mut visit = vec![Visit::New; edges.len()];
    for root in 0..edges.len() {
        if visit[root] != Visit::New {
            continue;
        }
        visit[root] = Visit::Open;
        let mut stack = vec![(root, 0usize)];
        while let Some((node, next)) = stack.last_mut() {
            let node = *node;
            if let Some(&child) = edges[node].get(*next) {
                *next += 1;
                match visit[child] {
                    Visit::New => {
                        visit[child] = Visit::Open;
                        stack.push((child, 0));
                    }
                    Visit::Open => {
                        verdicts[node].get_or_insert(Flaw {
                            culprit: child,
                            what: FlawKind::Recursive,
                        });
                    }
                    Visit::Done => {
                        if verdicts[node].is_none() {
                            verdicts[node] = verdicts[child].clone();
                        }
                    }
                }
            } else {
                visit[node] = Visit::Done;
                stack.pop();
                if let Some(&(parent, _)) = stack.last() {
                    if verdicts[parent].is_none() {
                        verdicts[parent] = verdicts[node].clone();
                    }
                }
            }
        }
    }
    verdicts
}

/// A replacement text read as content.
struct ContentScan<'r> {
    /// The first thing that makes it not well-formed content, if any.
    problem: Option<String>,
    /// Entities it refers to in its text.
    text_references: Vec<&'r str>,
    /// Entities it refers to in attribute values of its tags.
    attribute_references: Vec<&'r str>,
}

/// Reads a replacement text as the `content` production: balanced elements, text,
/// references, comments, processing instructions, CDATA sections.
fn scan_as_content(text: &str) -> ContentScan<'_> {
    let mut scan = ContentScan {
        problem: None,
        text_references: Vec::new(),
        attribute_references: Vec::new(),
    };
    let mut errors = Vec::new();
    let mut reader = Reader::from_str(text);
    // quick-xml skips a byte-order mark at the start and counts its positions after it.
    let skipped = if text.starts_with('\u{FEFF}') {
        '\u{FEFF}'.len_utf8()
    } else {
        0
    };
    let offset = |position: u64| {
        usize::try_from(position)
            .unwrap_or(usize::MAX)
            .saturating_add(skipped)
            .min(text.len())
    };
    let mut depth = 0usize;
    while errors.is_empty() {
        let before = offset(reader.buffer_position());
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(error) => {
                scan.problem = Some(error.to_string());
                return scan;
            }
        };
        let after = offset(reader.buffer_position());
        match event {
            Event::Start(_) | Event::Empty(_) => {
                let empty = matches!(event, Event::Empty(_));
                let tag = start_tag(text, before, after, empty, &mut errors);
                duplicate_attributes(&tag.attributes, &mut errors);
                scan.attribute_references
                    .extend(tag.references.into_iter().map(|(name, _)| name));
                depth += usize::from(!empty);
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Text(_) => text_content(text, before, after, &mut errors),
            Event::GeneralRef(_) => match reference(text, before, after) {
                Ok((Reference::Entity(name), _)) => scan.text_references.push(name),
                Ok((Reference::Char(_), _)) => {}
                Err(error) => errors.push(*error),
            },
            Event::Comment(_) => comment(text, before, after, &mut errors),
            Event::PI(_) => processing_instruction(text, before, after, &mut errors),
            Event::Decl(_) | Event::DocType(_) => {
                scan.problem = Some(
                    "it holds a declaration that only the start of a document can hold".to_owned(),
                );
                return scan;
            }
            Event::CData(_) => {}
            Event::Eof => {
                if depth > 0 {
                    scan.problem = Some("an element it opens is not closed in it".to_owned());
                }
                return scan;
            }
        }
    }
    scan.problem = errors.first().map(|e| e.message.clone());
    scan
}

#[cfg(test)]
mod tests {
    use super::super::{XmlDoc, MAX_ERRORS};
    use crate::base::span::Span;

    /// The first error of `text`, where the reader stopped included.
    fn first_error(text: &str) -> Option<String> {
        XmlDoc::parse(text)
            .errors()
            .first()
            .map(|e| e.message.clone())
    }

    #[test]
    fn each_well_formedness_constraint() {
        // Each document is well-formed (None) or its first error says the text given. The
        // verdicts agree with expat 2 (namespace processing on), except `version="2.0"`,
        // which production [26] rejects and libxml2 rejects too, and `‿` in a name, a name
        // character since the fifth edition (libxml2 agrees; expat keeps the fourth's).
        let cases: &[(&str, Option<&str>)] = &[
            ("<a x=\"1\" x=\"2\"/>", Some("the attribute `x` is given twice")),
            ("<a xmlns:p=\"u\" xmlns:p=\"u\"/>", Some("the namespace prefix `p` is declared twice")),
            ("<a xmlns=\"u\" xmlns=\"u\"/>", Some("the default namespace is declared twice")),
            ("<a xmlns:p=\"u\" xmlns:q=\"u\" p:x=\"1\" q:x=\"2\"/>", Some("`q:x` is the same attribute as `p:x`")),
            ("<p:a/>", Some("the namespace prefix `p` is not declared")),
            ("<a p:x=\"1\"/>", Some("the namespace prefix `p` is not declared")),
            ("<a><p:b/></a>", Some("the namespace prefix `p` is not declared")),
            ("<a><b xmlns:p=\"u\"/><p:c/></a>", Some("the namespace prefix `p` is not declared")),
            ("<a xmlns:p=\"u\"><p:b p:x=\"1\"/></a>", None),
            ("<a xmlns:p=\"\"/>", Some("`xmlns:p=\"\"`: a prefix cannot be undeclared in XML 1.0")),
            ("<a xmlns=\"\"/>", None),
            ("<a x=\"<\"/>", Some("`<` in an attribute value")),
            ("<a x=\">\"/>", None),
            ("<a x=\"&\"/>", Some("`&` that does not start a reference")),
            ("<a>&</a>", Some("ill-formed document")),
            ("<a>& b;</a>", Some("`&` that does not start a reference")),
            ("<a>&;</a>", Some("`&` that does not start a reference")),
            ("<a>&1;</a>", Some("`&` that does not start a reference")),
            ("<a>&foo;</a>", Some("undefined entity `&foo;`")),
            ("<a x=\"&foo;\"/>", Some("undefined entity `&foo;`")),
            ("<a x=\"&lt;&gt;&amp;&apos;&quot;&#65;&#x41;\">&lt;&gt;&amp;&apos;&quot;&#65;&#x41;</a>", None),
            ("<a>&#0;</a>", Some("`&#0;` refers to a character XML does not allow")),
            ("<a>&#x;</a>", Some("`&` that does not start a reference")),
            ("<a>&#xG;</a>", Some("`&` that does not start a reference")),
            ("<a>&#X41;</a>", Some("`&` that does not start a reference")),
            ("<a>&#xD800;</a>", Some("`&#xD800;` refers to a character XML does not allow")),
            ("<a>&#x110000;</a>", Some("`&#x110000;` refers to a character XML does not allow")),
            ("<a>&#99999999999999999999;</a>", Some("`&#99999999999999999999;` refers to a character XML does not allow")),
            ("<a>&#xFFFE;</a>", Some("`&#xFFFE;` refers to a character XML does not allow")),
            ("<a x=\"&#1;\"/>", Some("`&#1;` refers to a character XML does not allow")),
            ("<a>\u{1}</a>", Some("the character U+0001 is not allowed in XML")),
            ("<a x=\"\u{1B}\"/>", Some("the character U+001B is not allowed in XML")),
            ("<a><!-- \u{7} --></a>", Some("the character U+0007 is not allowed in XML")),
            ("<a>\u{FFFE}</a>", Some("the character U+FFFE is not allowed in XML")),
            ("<a>\u{85}</a>", None),
            ("<a/><b/>", Some("a second root element: an XML document has exactly one")),
            ("<a/>x", Some("text outside the root element")),
            ("x<a/>", Some("text outside the root element")),
            ("<a/><![CDATA[x]]>", Some("a CDATA section outside the root element")),
            ("<![CDATA[x]]><a/>", Some("a CDATA section outside the root element")),
            ("<a/>&amp;", Some("a reference outside the root element")),
            ("&amp;<a/>", Some("a reference outside the root element")),
            ("<a/></a>", Some("ill-formed document")),
            ("<a><!-- a -- b --></a>", Some("`--` inside a comment")),
            ("<a><!-- a ---></a>", Some("a comment that ends with `--->`")),
            ("<a><?xml version=\"1.0\"?></a>", Some("the XML declaration is not at the start of the file")),
            ("<a><?XmL x?></a>", Some("the processing instruction name `XmL` is reserved")),
            ("<a><??></a>", Some("expected the name of a processing instruction")),
            ("<a><?pi\"x\"?></a>", Some("expected white space or `?>` after `<?pi`, found `\"`")),
            ("<a><?1pi x?></a>", Some("expected the name of a processing instruction")),
            ("<a><?p:i x?></a>", Some("the processing instruction name `p:i` holds a `:`")),
            ("<a><?xml-stylesheet x?></a>", None),
            (" <?xml version=\"1.0\"?><a/>", Some("the XML declaration is not at the start of the file")),
            ("<?xml version=\"1.0\"?><?xml version=\"1.0\"?><a/>", Some("the XML declaration is not at the start of the file")),
            ("<?xml encoding=\"UTF-8\"?><a/>", Some("the XML declaration must start with `version`")),
            ("<?xml ?><a/>", Some("the XML declaration has no `version`")),
            ("<?xml version=\"2.0\"?><a/>", Some("`2.0` is not a valid `version`: expected `1.0`")),
            ("<?xml version=\"1.1\"?><a/>", None),
            ("<?xml version=\"1.0\" standalone=\"yes\" encoding=\"UTF-8\"?><a/>", Some("`encoding` is not allowed here")),
            ("<?xml version=\"1.0\" standalone=\"maybe\"?><a/>", Some("`maybe` is not a valid `standalone`: expected `yes` or `no`")),
            ("<?xml version=\"1.0\"encoding=\"UTF-8\"?><a/>", Some("no white space before `encoding`")),
            ("<?xml version=\"1.0\" foo=\"bar\"?><a/>", Some("`foo` is not allowed here")),
            ("<?xml version=\"1.0\" encoding=\"1x\"?><a/>", Some("`1x` is not a valid `encoding`")),
            ("<?xml version = '1.0' encoding = \"utf-8\" standalone='no' ?><a/>", None),
            ("<a x=\"1\"y=\"2\"/>", Some("no white space before the attribute `y`")),
            ("<a x=1/>", Some("expected the value of `x` in quotes, found `1`")),
            ("<a x/>", Some("expected `=` after the attribute name `x`, found the end")),
            ("<a x \"1\"/>", Some("expected `=` after the attribute name `x`, found `\"`")),
            ("<a x=\"1'/>", Some("syntax error")),
            ("<1a/>", Some("expected an element name after `<`, found `1`")),
            ("<-a/>", Some("expected an element name after `<`, found `-`")),
            ("<a 1x=\"1\"/>", Some("expected an attribute name, `>` or `/>`, found `1`")),
            ("<élément é=\"1\"/>", None),
            ("<a·b c‿d=\"1\"/>", None),
            ("<a×b/>", Some("expected an attribute name, `>` or `/>`, found `×`")),
            ("<a></a >", None),
            ("<a></ a>", Some("ill-formed document: expected `</a>`, but `</ a>` was found")),
            ("<a></a x>", Some("ill-formed document: expected `</a>`, but `</a x>` was found")),
            ("< a/>", Some("expected an element name after `<`, found ` `")),
            ("<a>< </a>", Some("expected an element name after `<`, found ` `")),
            ("<a xmlns:p=\"u\"><p:b:c/></a>", Some("`p:b:c` is not a qualified name")),
            ("<a xmlns:p=\"u\"><p:/></a>", Some("`p:` is not a qualified name")),
            ("<a><:b/></a>", Some("`:b` is not a qualified name")),
            ("<a xmlns:p:q=\"u\"/>", Some("`xmlns:p:q` is not a qualified name")),
            ("<a xmlns:=\"u\"/>", Some("`xmlns:` is not a qualified name")),
            ("<xmlns:a/>", Some("the element name `xmlns:a` has the prefix `xmlns`")),
            ("<a xml:lang=\"en\"/>", None),
            ("<a xmlns:xml=\"u\"/>", Some("the prefix `xml` can only be bound to")),
            ("<a xmlns:xml=\"http://www.w3.org/XML/1998/namespace\"/>", None),
            ("<a xmlns:xmlns=\"u\"/>", Some("the prefix `xmlns` cannot be declared")),
            ("<a xmlns:p=\"http://www.w3.org/XML/1998/namespace\"/>", Some("only the prefix `xml` can be bound to")),
            ("<a xmlns:p=\"http://www.w3.org/2000/xmlns/\"/>", Some("no namespace declaration can bind")),
            ("<a xmlns=\"http://www.w3.org/XML/1998/namespace\"/>", Some("only the prefix `xml` can be bound to")),
            ("<!doctype a><a/>", Some("expected `<!DOCTYPE`, in capitals, found `<`")),
            ("<a/><!DOCTYPE a>", Some("a document type declaration after the root element has begun")),
            ("<a><!DOCTYPE a></a>", Some("a document type declaration after the root element has begun")),
            ("<!DOCTYPE a><!DOCTYPE a><a/>", Some("a second document type declaration")),
            ("<!DOCTYPE><a/>", Some("ill-formed document")),
            ("<!DOCTYPE 1a><a/>", Some("expected the name of the root element, found `1`")),
            ("<!DOCTYPE a junk><a/>", Some("expected `[` or `>`, found `j`")),
            ("<!DOCTYPE a PUBLIC \"-//x//y\" \"a.dtd\"><a/>", None),
            ("<!DOCTYPE a PUBLIC \"{\" \"a.dtd\"><a/>", Some("`{` is not allowed in a public identifier")),
            ("<!DOCTYPE a [<!ENTITY e \"x\">]><a>&e;</a>", None),
            ("<!DOCTYPE a [<!ENTITY e \"x\">]><a x=\"&e;\"/>", None),
            ("<!DOCTYPE a [<!ENTITY e \"&#60;\">]><a x=\"&e;\"/>", Some("`&e;` cannot be expanded")),
            ("<!DOCTYPE a [<!ENTITY e \"&#60;\"><!ENTITY f \"&e;\">]><a x=\"&f;\"/>", Some("`&f;` cannot be expanded")),
            ("<!DOCTYPE a [<!ENTITY e \"&#38;#60;\">]><a x=\"&e;\">&e;</a>", None),
            ("<!DOCTYPE a [<!ENTITY e \"&f;\"><!ENTITY f \"&e;\">]><a>&e;</a>", Some("`&e;` cannot be expanded: the entity `e` refers to itself")),
            ("<!DOCTYPE a [<!ENTITY e \"&e;\">]><a>&e;</a>", Some("`&e;` cannot be expanded: the entity `e` refers to itself")),
            ("<!DOCTYPE a [<!ENTITY e \"&f;\"><!ENTITY f \"&e;\">]><a/>", None),
            ("<!DOCTYPE a [<!ENTITY e SYSTEM \"x.xml\">]><a x=\"&e;\"/>", Some("`&e;` cannot be expanded")),
            ("<!DOCTYPE a [<!ENTITY e SYSTEM \"x.xml\">]><a>&e;</a>", None),
            ("<!DOCTYPE a [<!NOTATION n SYSTEM \"n\"><!ENTITY e SYSTEM \"x\" NDATA n>]><a>&e;</a>", Some("`&e;` cannot be expanded")),
            ("<!DOCTYPE a SYSTEM \"a.dtd\"><a>&foo;</a>", None),
            ("<!DOCTYPE a SYSTEM \"a.dtd\" [<!ENTITY e \"&foo;\">]><a>&e;</a>", None),
            ("<?xml version=\"1.0\" standalone=\"yes\"?><!DOCTYPE a SYSTEM \"a.dtd\" [<!ENTITY e \"&foo;\">]><a>&e;</a>", Some("the entity `e` refers to `&foo;`, which is not declared")),
            ("<!DOCTYPE a [<!ENTITY e \"&foo;\">]><a>&e;</a>", Some("the entity `e` refers to `&foo;`, which is not declared")),
            ("<!DOCTYPE a [%p;]><a>&foo;</a>", None),
            ("<?xml version=\"1.0\" standalone=\"yes\"?><!DOCTYPE a SYSTEM \"a.dtd\"><a>&foo;</a>", Some("undefined entity `&foo;`")),
            ("<!DOCTYPE a [<!ENTITY e \"<b>\">]><a>&e;</a>", Some("`&e;` cannot be expanded")),
            ("<!DOCTYPE a [<!ENTITY e \"&\">]><a/>", Some("`&` that does not start a reference")),
            ("<!DOCTYPE a [<!ENTITY % p \"x\"><!ENTITY e \"%p;\">]><a/>", Some("a parameter-entity reference inside a declaration")),
            ("<!DOCTYPE a [<!ENTITY e \"<b/>\">]><a>&e;</a>", None),
            ("<!DOCTYPE a [<!ENTITY e:f \"x\">]><a/>", Some("the entity name `e:f` holds a `:`")),
            ("<!DOCTYPE a [<!ENTITY e \"x\"><!ENTITY e \"<\">]><a x=\"&e;\"/>", None),
            ("<!DOCTYPE a [<!ENTITY lt \"&#38;#60;\">]><a>&lt;</a>", None),
            ("<!DOCTYPE a [ junk ]><a/>", Some("expected a declaration")),
            ("<!DOCTYPE a [<!FOO x>]><a/>", Some("expected a declaration")),
            ("<!DOCTYPE a [<!ELEMENT a (#PCDATA)><!ATTLIST a x CDATA #IMPLIED><!NOTATION n PUBLIC \"n\">]><a/>", None),
            ("<!DOCTYPE a [<!ELEMENT a (((>]><a/>", Some("expected an element name or `(`, found `>`")),
            ("<!DOCTYPE a [<!ATTLIST a x CDATA \"<\">]><a/>", Some("`<` in an attribute value")),
            ("<!DOCTYPE a [<!ATTLIST a x CDATA \"&foo;\">]><a/>", Some("undefined entity `&foo;`")),
            ("<!DOCTYPE a [<!-- a -- b -->]><a/>", Some("`--` inside a comment")),
            ("<!DOCTYPE a [<?pi x?>]><a/>", None),
            ("<!DOCTYPE a [<!ATTLIST a x CDATA \"<?>\">]><a/>", Some("`<` in an attribute value")),
            ("<!DOCTYPE a [<?pi <? ?>]><a/>", None),
            ("<!DOCTYPE a [<?pi <?> ?>]><a/>", Some("expected a declaration")),
            ("<!DOCTYPE a [<!---- x -->]><a/>", Some("`--` inside a comment")),
            ("<a>]]></a>", Some("`]]>` in text outside a CDATA section")),
            ("<a x=\"]]>\"/>", None),
            ("<a><![cdata[x]]></a>", Some("syntax error")),
            ("\u{FEFF}<a/>", Some("a second byte-order mark at the start of the file")),
            ("  \n<a/>", None),
            ("<a>%x;</a>", None),
            ("<a\tx=\"1\"/>", None),
            ("<a x \n= \t\"1\"/>", None),
            ("<a x=\"1\"/ >", Some("expected an attribute name, `>` or `/>`, found `/`")),
            ("<a><!FOO></a>", Some("syntax error: unknown or missed symbol in markup")),
            ("<a><![CDATA[<&]]></a>", None),
            ("<a x=\"a\nb\"/>", None),
            ("<:a/>", Some("`:a` is not a qualified name")),
            ("<a>", Some("unexpected end of file: `<a>` is not closed")),
            ("<a><!-- </a>", Some("syntax error")),
            ("<a", Some("syntax error")),
            ("<a x=\"1/>", Some("syntax error")),
            ("<a></b>", Some("ill-formed document: expected `</a>`, but `</b>` was found")),
            ("<a>\r\n</a>", None),
            ("<a>\u{A0}</a>", None),
            ("\u{A0}<a/>", Some("text outside the root element")),
            ("<a/>\u{85}", Some("text outside the root element")),
            ("<?pi x?><!-- c --><a/><?pi y?><!-- d -->", None),
        ];
        let mut wrong = Vec::new();
        for &(text, expected) in cases {
            let found = first_error(text);
            let right = match (expected, &found) {
                (None, None) => true,
                (Some(expected), Some(found)) => found.contains(expected),
                _ => false,
            };
            if !right {
                wrong.push(format!("{text:?}: expected {expected:?}, found {found:?}"));
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

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

    #[test]
    fn errors_are_kept_up_to_a_limit_then_reading_stops() {
        let text = format!("<a>{}</a>", "\u{1}".repeat(10 * MAX_ERRORS));
        let doc = XmlDoc::parse(&text);
        assert_eq!(doc.violations.len(), MAX_ERRORS);
        assert!(doc.error.unwrap().message.contains("stopped reading"));
    }

    #[test]
    fn long_entity_chains_and_deep_content_models_do_not_recurse() {
        // 100,000 entities, each referring to the next; the last refers to the first.
        let n = 100_000;
        let mut text = String::from("<!DOCTYPE a [");
        for i in 0..n {
            text.push_str(&format!("<!ENTITY e{i} \"&e{};\">", (i + 1) % n));
        }
        text.push_str("]><a x=\"&e5;\">&e0;</a>");
        let doc = XmlDoc::parse(&text);
        let messages: Vec<&str> = doc.violations.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(
            messages.iter().all(|m| m.contains("refers to itself")),
            "{messages:?}"
        );

        let depth = 100_000;
        let text = format!(
            "<!DOCTYPE a [<!ELEMENT a {}b{}>]><a/>",
            "(".repeat(depth),
            ")*".repeat(depth)
        );
        assert_eq!(first_error(&text), None);
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
