//! The document type declaration and its internal subset: what it declares (entities, the
//! namespace defaults of attribute lists), and the syntax of each declaration.

use super::cursor::{Cursor, Fail};
use super::entities::Flaw;
use super::lexical::shown;
use super::markup::{
    attribute_value, comment, namespace_prefix, processing_instruction, reference, Reference,
};
use super::Checker;
use crate::base::span::Span;
use crate::parse::adata::XmlError;
use std::borrow::Cow;
use std::collections::HashMap;

/// An entity the internal subset declares.
pub(super) struct Entity<'t> {
    pub(super) name: &'t str,
    /// Its name in its declaration.
    pub(super) span: Span,
    pub(super) kind: EntityKind<'t>,
}

pub(super) enum EntityKind<'t> {
    /// The replacement text: the literal, its character references replaced.
    Internal(Cow<'t, str>),
    /// Declared with `SYSTEM` or `PUBLIC`: never read.
    External,
    /// Declared with `NDATA`: not XML; only an attribute of type ENTITY names it.
    Unparsed,
}

/// What the document type declaration declares, as far as well-formedness needs it.
#[derive(Default)]
pub(super) struct Dtd<'t> {
    pub(super) entities: Vec<Entity<'t>>,
    /// General entities by name: the first declaration binds.
    pub(super) general: HashMap<&'t str, usize>,
    pub(super) parameter: HashMap<&'t str, Span>,
    /// Some declarations cannot be seen: an external subset, a parameter-entity reference,
    /// an internal subset not read to its end. A reference to an undeclared entity is then
    /// not an error (XML 1.0 §4.1, WFC: Entity Declared), unless the document is standalone.
    pub(super) unseen: bool,
    /// After a parameter-entity reference that is not read, a processor does not process
    /// entity and attribute-list declarations (XML 1.0 §5.1).
    pub(super) stopped: bool,
    /// Default values of `xmlns` attributes, by element name: they declare namespaces.
    pub(super) namespace_defaults: HashMap<&'t str, Vec<(&'t str, &'t str)>>,
    /// Entity references in attribute defaults, with the number of entities declared before.
    pub(super) default_references: Vec<(&'t str, Span, usize)>,
    /// Per context, whether expanding each entity is well-formed: computed at the first
    /// reference.
    pub(super) verdicts: Option<[Vec<Option<Flaw>>; 2]>,
}

impl<'t> Checker<'t> {
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
