//! `OPT`: option-file syntax.

pub mod case_mismatch;
pub mod duplicate_option;
pub mod duplicate_section;
pub mod invalid_line;
pub mod invalid_value;
pub mod newer_than_target;
pub mod not_utf8;
pub mod obsolete_option;
pub mod option_outside_section;
pub mod surrounding_whitespace;
pub mod unknown_option;
pub mod unmet_requirement;
pub mod value_not_allowed;
pub mod value_out_of_range;

use crate::base::span::Span;
use crate::base::Severity;
use crate::diagnostic::Finding;
use crate::model::Application;
use crate::parse::options::OptionEntry;
use crate::parse::options::Section;
use crate::rules::Context;
use crate::schema::{self, value::ValueProblem, Described, Found};
use crate::secrets::secret_spans_of;
use std::borrow::Cow;

/// Each section and option of an export as the schema of its kind describes it, looked up
/// once per file: nine rules read it.
#[derive(Clone)]
pub struct SchemaView {
    /// For each section of the file, in order, its description.
    pub sections: Vec<Option<Described>>,
    /// For each section, for each of its options in order, its schema entry.
    pub options: Vec<Vec<Option<Found>>>,
}

impl SchemaView {
    pub fn of(app: &Application) -> SchemaView {
        let schema = schema::for_kind(app.kind);
        let sections: Vec<Option<Described>> = app
            .doc
            .sections
            .iter()
            .map(|section| schema?.section(section.name?))
            .collect();
        let options = app
            .doc
            .sections
            .iter()
            .zip(&sections)
            .map(|(section, described)| match described {
                Some(described) => section
                    .options
                    .iter()
                    .map(|o| described.find(o.name))
                    .collect(),
                None => Vec::new(),
            })
            .collect();
        SchemaView { sections, options }
    }
}

/// The schema view of `app`: the one the rules share, or a new one outside [`check_file`].
///
/// [`check_file`]: crate::rules::check_file
pub fn view<'c>(ctx: &'c Context, app: &Application) -> Cow<'c, SchemaView> {
    match ctx.schema_view {
        Some(view) => Cow::Borrowed(view),
        None => Cow::Owned(SchemaView::of(app)),
    }
}

/// Every section of `app` that its schema describes, with the description and, for each of
/// its options, the schema entry when there is one.
pub fn described_sections<'a, 'v>(
    view: &'v SchemaView,
    app: &'a Application,
) -> impl Iterator<
    Item = (
        &'a Section<'a>,
        Described,
        impl Iterator<Item = (&'a OptionEntry<'a>, Option<Found>)> + 'v,
    ),
> + 'v
where
    'a: 'v,
{
    app.doc
        .sections
        .iter()
        .zip(&view.sections)
        .zip(&view.options)
        .filter_map(|((section, described), options)| {
            let described = (*described)?;
            Some((
                section,
                described,
                section.options.iter().zip(options.iter().copied()),
            ))
        })
}

/// Every option of `app` that its kind's schema describes, with the schema entry.
pub fn described_options<'a>(
    ctx: &Context,
    app: &'a Application,
) -> Vec<(&'a OptionEntry<'a>, Found)> {
    let view = view(ctx, app);
    described_sections(&view, app)
        .flat_map(|(_, _, options)| options.filter_map(|(option, found)| Some((option, found?))))
        .collect()
}

/// A value rule's finding on an option whose type no reachable source confirms: a warning,
/// though the rule is listed as an error, and the message says why, in every format.
pub(super) fn downgrade_unconfirmed(finding: &mut Finding) {
    finding.severity = Severity::Warning;
    finding.message.push_str(
        " (a warning, not an error: no documentation gimlint reaches confirms the option's type)",
    );
}

/// The problem of an option's value for the value rules (OPT010–OPT012), if any. Empty
/// values are left alone, and options that another rule checks (`checked_by` in the schema)
/// are that rule's.
pub fn value_problem<'a>(option: &'a OptionEntry, found: &Found) -> Option<ValueProblem<'a>> {
    let value = option.value;
    if value.is_empty() || found.option.checked_by.is_some() {
        return None;
    }
    found.option.check(value).err()
}

/// A value as a message may show it: quoted, or described when it is secret.
pub fn shown_value(option: &OptionEntry) -> String {
    if is_shown(option) {
        format!("`{}`", option.value)
    } else {
        "the (hidden) value".to_owned()
    }
}

/// A part of the value of `option` (`part`, a span of the file inside its value) as a
/// message may show it: quoted, or described when any of it is secret (a role list or a
/// list of values split at commas may cut a password in two: each piece is part of it).
pub fn shown_part(option: &OptionEntry, part: Span) -> String {
    let secret = secret_spans_of(option)
        .iter()
        .any(|s| s.start < part.end && part.start < s.end);
    let text = option.value.get(
        part.start.saturating_sub(option.value_span.start)
            ..part.end.saturating_sub(option.value_span.start),
    );
    match text {
        Some(text) if !secret => format!("`{text}`"),
        _ => "a (hidden) part of the value".to_owned(),
    }
}

/// Whether messages may quote the value of `option`: no part of it is secret.
pub fn is_shown(option: &OptionEntry) -> bool {
    secret_spans_of(option).is_empty()
}

/// `a`, `b`, `c` when there are at most 8 values; otherwise a pointer to `explain`.
pub fn listed(values: &[&str], section: &str, option: &str) -> String {
    if values.len() <= 8 {
        values
            .iter()
            .map(|v| format!("`{v}`"))
            .collect::<Vec<_>>()
            .join(", ")
    } else {
        format!("the values `gimlint explain {section}/{option}` lists")
    }
}
