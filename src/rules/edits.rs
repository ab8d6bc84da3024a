//! Edits shared by rules that set an option to the value the procedure asks for.

use crate::base::span::Span;
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::model::Application;
use crate::parse::options::Section;
use crate::source::dominant_line_ending;

/// A safe fix that makes `[section] name=value` hold: the value of the existing option is
/// replaced, or a line is inserted after the section's last option, or the section is
/// appended to the file. Inserted lines use the file's own line ending.
pub fn set_option(app: &Application, section: &str, name: &str, value: &str) -> Fix {
    let doc = &app.doc;
    let message = format!("set `[{section}] {name}={value}`");
    let edit = if let Some(option) = doc.option(section, name) {
        Edit {
            span: option.value_span,
            replacement: value.to_owned(),
        }
    } else {
        let eol = dominant_line_ending(doc.text);
        let last_line = doc
            .sections_named(section)
            .last()
            .and_then(|s| s.last_line());
        match last_line {
            Some(line) if doc.lines[line].eol.is_empty() => Edit {
                span: Span::empty_at(doc.lines[line].span.end),
                replacement: format!("{eol}{name}={value}"),
            },
            Some(line) => Edit {
                span: Span::empty_at(doc.offset_after_line(line)),
                replacement: format!("{name}={value}{eol}"),
            },
            None => {
                let end = doc.text.len();
                let separator = match doc.text {
                    "" => "",
                    text if text.ends_with(['\n', '\r']) => eol,
                    _ => &format!("{eol}{eol}"),
                };
                Edit {
                    span: Span::empty_at(end),
                    replacement: format!("{separator}[{section}]{eol}{name}={value}{eol}"),
                }
            }
        }
    };
    Fix {
        applicability: Applicability::Safe,
        message,
        edits: vec![edit],
    }
}

/// Where a finding about a missing option points, and the label there: the header of its
/// section, or, when the section is missing too, the start of the file (any line of the
/// file would be unrelated to what is missing).
pub fn missing_option_anchor(app: &Application, section: &str, option: &str) -> (Span, String) {
    missing_option_anchor_in(app, app.doc.sections_named(section).last(), section, option)
}

/// [`missing_option_anchor`] for a caller that looked up `last`, the last section of `app`
/// called `section` (from [`OptionsDoc::sections_by_name`], when it asks for many options).
///
/// [`OptionsDoc::sections_by_name`]: crate::parse::options::OptionsDoc::sections_by_name
pub fn missing_option_anchor_in(
    app: &Application,
    last: Option<&Section>,
    section: &str,
    option: &str,
) -> (Span, String) {
    match last {
        Some(header) => (header.name_span, format!("no `{option}` in this section")),
        None => (
            app.start_of_file(),
            format!("no `[{section}]` section in this {}", app.kind.label()),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::decode;

    fn apply(text: &str, section: &str, name: &str, value: &str) -> String {
        let source = decode("t.cfg".into(), text.as_bytes()).unwrap();
        let app = Application::new(&source);
        let fix = set_option(&app, section, name, value);
        let mut out = text.to_owned();
        for edit in fix.edits.iter().rev() {
            out.replace_range(edit.span.range(), &edit.replacement);
        }
        out
    }

    #[test]
    fn replaces_inserts_or_appends() {
        assert_eq!(apply("[s]\nk=1\n", "s", "k", "2"), "[s]\nk=2\n");
        assert_eq!(
            apply("[s]\r\na=1\r\n\r\n[t]\r\n", "s", "k", "2"),
            "[s]\r\na=1\r\nk=2\r\n\r\n[t]\r\n"
        );
        assert_eq!(apply("[s]\na=1", "s", "k", "2"), "[s]\na=1\nk=2");
        assert_eq!(apply("[s]\n", "s", "k", "2"), "[s]\nk=2\n");
        assert_eq!(apply("[t]\nx=1\n", "s", "k", "2"), "[t]\nx=1\n\n[s]\nk=2\n");
        assert_eq!(apply("[t]\nx=1", "s", "k", "2"), "[t]\nx=1\n\n[s]\nk=2\n");
        assert_eq!(apply("", "s", "k", "2"), "[s]\nk=2\n");
    }
}
