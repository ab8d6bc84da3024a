//! The reader of one piece of markup that the other checks share, and the syntax error that
//! ends its reading.

use super::lexical::{is_name_char, is_space, name_len, nmtoken_len, shown};
use crate::base::span::Span;
use crate::parse::adata::XmlError;
use std::fmt;

/// A syntax error that ends the reading of a piece of markup (boxed: errors are rare, and
/// results stay small).
pub(super) type Fail = Box<XmlError>;

/// A reader of one piece of markup: `text[pos..end]`, positions in `text`.
pub(super) struct Cursor<'t> {
    pub(super) text: &'t str,
    pub(super) pos: usize,
    end: usize,
}

impl<'t> Cursor<'t> {
    pub(super) fn new(text: &'t str, pos: usize, end: usize) -> Self {
        Cursor {
            text,
            pos: pos.min(end),
            end,
        }
    }

    pub(super) fn rest(&self) -> &'t str {
        &self.text[self.pos..self.end]
    }

    pub(super) fn at_end(&self) -> bool {
        self.pos >= self.end
    }

    pub(super) fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    pub(super) fn eat(&mut self, s: &str) -> bool {
        let found = self.rest().starts_with(s);
        if found {
            self.pos += s.len();
        }
        found
    }

    /// Skips white space; whether there was some.
    pub(super) fn skip_space(&mut self) -> bool {
        let n = self.rest().bytes().take_while(|&b| is_space(b)).count();
        self.pos += n;
        n > 0
    }

    pub(super) fn take(&mut self, len: usize) -> Option<Span> {
        let span = Span::new(self.pos, self.pos + len);
        self.pos += len;
        (len > 0).then_some(span)
    }

    pub(super) fn name(&mut self) -> Option<Span> {
        self.take(name_len(self.rest()))
    }

    pub(super) fn nmtoken(&mut self) -> Option<Span> {
        self.take(nmtoken_len(self.rest()))
    }

    /// The next character's span, or an empty one at the end: where a syntax error is.
    pub(super) fn next_span(&self) -> Span {
        Span::new(self.pos, self.pos + self.peek().map_or(0, char::len_utf8))
    }

    /// An error at the next character: `found` it, `expected` something else.
    pub(super) fn unexpected(&self, expected: &str) -> Fail {
        Box::new(XmlError::new(
            self.next_span(),
            format!("expected {expected}, found {}", shown(self.peek())),
            "unexpected here",
        ))
    }

    /// A quoted literal: the span inside the quotes, the cursor after the closing one.
    /// `what` is formatted only for an error.
    pub(super) fn quoted(&mut self, what: fmt::Arguments) -> Result<Span, Fail> {
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

    pub(super) fn expect(&mut self, s: &str, expected: &str) -> Result<(), Fail> {
        if self.eat(s) {
            Ok(())
        } else {
            Err(self.unexpected(expected))
        }
    }

    pub(super) fn expect_space(&mut self, before: &str) -> Result<(), Fail> {
        if self.skip_space() {
            Ok(())
        } else {
            Err(self.unexpected(&format!("white space before {before}")))
        }
    }

    /// A keyword of the DTD, which must be followed by something that is not a name character.
    pub(super) fn keyword(&mut self, word: &str) -> bool {
        let rest = self.rest();
        let found =
            rest.starts_with(word) && !rest[word.len()..].chars().next().is_some_and(is_name_char);
        if found {
            self.pos += word.len();
        }
        found
    }
}
