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

use crate::model::Application;
use crate::parse::options::OptionEntry;
use crate::schema::{self, value::ValueProblem, Found};
use crate::secrets::secret_spans_of;

/// Every option of `app` that its kind's schema describes, with the schema entry.
pub fn described_options<'a>(app: &'a Application) -> Vec<(&'a OptionEntry<'a>, Found)> {
    let Some(schema) = schema::for_kind(app.kind) else {
        return Vec::new();
    };
    app.doc
        .sections
        .iter()
        .filter_map(|s| Some((schema.section(s.name?)?, s)))
        .flat_map(|(described, section)| {
            section.options.iter().filter_map(move |option| {
                let found = described.find(option.name)?;
                Some((option, found))
            })
        })
        .collect()
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
