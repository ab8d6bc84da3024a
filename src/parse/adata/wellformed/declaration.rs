//! The XML declaration (`<?xml version="1.0" encoding="…" standalone="…"?>`).

use super::cursor::{Cursor, Fail};
use crate::base::span::Span;
use crate::parse::adata::XmlError;

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
