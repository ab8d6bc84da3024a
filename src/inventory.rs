//! `gimlint inventory`: every option whose value is not its documented default, the note of
//! customizations the procedure asks for before an upgrade (Prerequisite 3).

use crate::base::value::equivalent;
use crate::base::AppKind;
use crate::model::Application;
use crate::schema;
use crate::secrets::masked_value;
use serde::Serialize;

/// The customized options of one application.
#[derive(Debug, Serialize)]
pub struct AppInventory {
    pub path: String,
    pub kind: AppKind,
    pub options: Vec<Customized>,
}

/// Why an option is in the inventory.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Documented, with a default, and set to something else: a customization.
    DiffersFromDefault,
    /// Documented, but no reachable page states its default (or the pages disagree).
    NoDocumentedDefault,
    /// No schema of gimlint describes it: a custom or undocumented option, or a typo.
    NotInSchema,
}

impl Status {
    pub const ALL: [Status; 3] = [
        Status::DiffersFromDefault,
        Status::NoDocumentedDefault,
        Status::NotInSchema,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Status::DiffersFromDefault => "Different from the documented default",
            Status::NoDocumentedDefault => "Documented, no default known",
            Status::NotInSchema => "Not in gimlint's schemas",
        }
    }
}

/// One option whose value is not its documented default, or whose default gimlint does not
/// know (`default` is `None`).
#[derive(Debug, Serialize)]
pub struct Customized {
    pub section: String,
    pub option: String,
    /// As output may show it: secrets masked.
    pub value: String,
    pub default: Option<String>,
    /// Whether gimlint's schemas document the option at all.
    pub in_schema: bool,
    pub status: Status,
}

/// The inventory of one option export.
pub fn of(app: &Application) -> AppInventory {
    let schema = schema::for_kind(app.kind);
    let mut options = Vec::new();
    // Looked up once: one lookup in the document per option would be quadratic.
    let counted = app.doc.options_by_name();
    for section in &app.doc.sections {
        let Some(name) = section.name else { continue };
        for option in &section.options {
            if !counted
                .get(&(name, option.name))
                .is_some_and(|&last| std::ptr::eq(last, option))
            {
                continue; // a repeated option: the last definition is the one that counts
            }
            let documented = schema.and_then(|s| s.find(name, option.name));
            let default = documented.as_ref().and_then(|f| f.option.default.clone());
            if default
                .as_deref()
                .is_some_and(|d| equivalent(option.value, d))
            {
                continue;
            }
            let status = match (&default, &documented) {
                (Some(_), _) => Status::DiffersFromDefault,
                (None, Some(_)) => Status::NoDocumentedDefault,
                (None, None) => Status::NotInSchema,
            };
            options.push(Customized {
                section: name.to_owned(),
                option: option.name.to_owned(),
                value: masked_value(option),
                default,
                in_schema: documented.is_some(),
                status,
            });
        }
    }
    AppInventory {
        path: app.source.path.clone(),
        kind: app.kind,
        options,
    }
}
