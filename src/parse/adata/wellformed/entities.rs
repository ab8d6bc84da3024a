//! Entity references: each must name a declared entity whose expansion is well-formed where
//! it is referred to. Every replacement text is read once, and the verdicts propagate along
//! the references between entities without recursion.

use super::dtd::{Dtd, Entity, EntityKind};
use super::markup::{
    attribute_value, comment, duplicate_attributes, processing_instruction, reference, start_tag,
    text_content, Reference,
};
use super::Checker;
use crate::base::span::Span;
use crate::parse::adata::XmlError;
use quick_xml::events::Event;
use quick_xml::Reader;
use std::collections::HashMap;

/// The entities every document has without declaring them.
pub(super) const PREDEFINED: &[(&str, char)] = &[
    ("lt", '<'),
    ("gt", '>'),
    ("amp", '&'),
    ("apos", '\''),
    ("quot", '"'),
];

/// Where a replacement text is read: as content, or within an attribute value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Context {
    Content = 0,
    Attribute = 1,
}

/// Why expanding an entity is not well-formed: the entity at fault, and what is wrong.
#[derive(Clone, Debug)]
pub(super) struct Flaw {
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

impl<'t> Checker<'t> {
    /// References in attribute defaults, once the internal subset is read: each entity must
    /// be declared before the default that names it (XML 1.0 §4.1, WFC: Entity Declared).
    pub(super) fn check_default_references(&mut self) {
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
    pub(super) fn check_reference(&mut self, name: &str, span: Span, context: Context) {
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
