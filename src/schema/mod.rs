//! Option schemas: what gimlint knows about each section and option of each kind of
//! application, with the source of every fact. The schemas are data (`schemas/*.toml`),
//! embedded at build time and checked by tests; the `OPT01x` rules read them, and
//! `gimlint explain section/option` prints them.

pub mod value;

use crate::model::AppKind;
use crate::release::Release;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// The schema files, embedded so that gimlint needs nothing at run time.
/// `(path, text)` of each schema file named.
macro_rules! embedded {
    ($($name:literal),* $(,)?) => {
        &[$((concat!("schemas/", $name), include_str!(concat!("../../schemas/", $name)))),*]
    };
}

const SCHEMA_FILES: &[(&str, &str)] = embedded![
    "gim.toml",
    "icon.toml",
    "dap.toml",
    "wfm-server.toml",
    "wfm-builder.toml",
    "wfm-daemon.toml",
    "wfm-data-aggregator.toml",
    "wfm-web.toml",
];

/// Which product's release numbers an `introduced`/`removed` release belongs to. Only GIM
/// releases compare with `--target-release`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Product {
    Gim,
    Icon,
    Wfm,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum OptionType {
    Bool,
    Int,
    Enum,
    ListOfEnum,
    /// `HH:mm`, HH 00–24, mm 00–59.
    Time,
    /// Two CRON fields: minutes and hours.
    Cron,
    Release,
    String,
    Path,
}

impl OptionType {
    /// What a value of this type looks like, for messages and `explain`.
    pub fn expected_form(self) -> &'static str {
        match self {
            OptionType::Bool => "`true` or `false`",
            OptionType::Int => "a whole number",
            OptionType::Enum => "one of the allowed values",
            OptionType::ListOfEnum => "a comma-separated list of the allowed values",
            OptionType::Time => "a time `HH:mm` (00:00 to 24:00)",
            OptionType::Cron => "two CRON fields, minutes then hours (`0 1`)",
            OptionType::Release => "a release number such as `8.5.010.12`",
            OptionType::String => "any text",
            OptionType::Path => "a file or folder name",
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SchemaFile {
    kind: AppKind,
    product: Product,
    sections: BTreeMap<String, SectionSchema>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionSchema {
    /// The documentation page of the section.
    pub source: String,
    /// For a name pattern (`date-time-*`): the section whose options it takes.
    pub same_as: Option<String>,
    pub introduced: Option<String>,
    #[serde(default)]
    pub options: BTreeMap<String, OptionSchema>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OptionSchema {
    #[serde(rename = "type")]
    pub ty: OptionType,
    /// Allowed values of `enum` and `list-of-enum` options.
    pub values: Option<Vec<String>>,
    /// Whether values compare case-sensitively (booleans never do).
    #[serde(default = "yes")]
    pub case_sensitive: bool,
    /// `list-of-enum` items may be written `~value` (exclude).
    #[serde(default)]
    pub negatable: bool,
    pub min: Option<i64>,
    pub max: Option<i64>,
    pub default: Option<String>,
    pub introduced: Option<String>,
    pub removed: Option<String>,
    pub replaced_by: Option<String>,
    /// The replacement option takes the value as it is (OPT016's fix renames the option).
    #[serde(default)]
    pub value_carries_over: bool,
    /// `false` when no reachable source states the fact: never an error.
    #[serde(default = "yes")]
    pub confirmed: bool,
    /// A rule that checks this option's value itself; the generic value rules leave it alone.
    pub checked_by: Option<String>,
    pub note: Option<String>,
    pub source: String,
}

fn yes() -> bool {
    true
}

/// The schema of one kind of application.
#[derive(Debug)]
pub struct Schema {
    pub file: &'static str,
    pub kind: AppKind,
    pub product: Product,
    pub sections: BTreeMap<String, SectionSchema>,
}

/// A section and option of a schema, found by name.
pub struct Found<'s> {
    pub schema: &'s Schema,
    /// The section name as the schema writes it (`date-time-*` for a custom calendar).
    pub section_name: &'s str,
    pub section: &'s SectionSchema,
    pub option_name: &'s str,
    pub option: &'s OptionSchema,
}

static SCHEMAS: LazyLock<Vec<Schema>> = LazyLock::new(|| {
    SCHEMA_FILES
        .iter()
        .map(|(file, text)| {
            let parsed: SchemaFile = toml::from_str(text).unwrap_or_else(|e| {
                panic!("{file} is not a valid schema (tests/schemas.rs checks this): {e}")
            });
            Schema {
                file,
                kind: parsed.kind,
                product: parsed.product,
                sections: parsed.sections,
            }
        })
        .collect()
});

/// Every schema.
pub fn all() -> &'static [Schema] {
    &SCHEMAS
}

/// The schema of an application kind, if gimlint has one.
pub fn for_kind(kind: AppKind) -> Option<&'static Schema> {
    SCHEMAS.iter().find(|s| s.kind == kind)
}

impl Schema {
    /// The schema section that `name` is: exact, or a `prefix-*` pattern.
    pub fn section(&self, name: &str) -> Option<(&str, &SectionSchema)> {
        if let Some((key, section)) = self.sections.get_key_value(name) {
            return Some((key, section));
        }
        self.sections
            .iter()
            .find(|(key, _)| {
                key.strip_suffix('*')
                    .is_some_and(|prefix| name.starts_with(prefix) && name.len() > prefix.len())
            })
            .map(|(key, section)| (key.as_str(), section))
    }

    /// The options of a section, following `same_as`.
    pub fn options_of<'s>(
        &'s self,
        section: &'s SectionSchema,
    ) -> &'s BTreeMap<String, OptionSchema> {
        match section
            .same_as
            .as_deref()
            .and_then(|s| self.sections.get(s))
        {
            Some(target) => &target.options,
            None => &section.options,
        }
    }

    /// The option `option` of section `section`.
    pub fn find(&self, section: &str, option: &str) -> Option<Found<'_>> {
        self.find_in(self.section(section)?, option)
    }

    /// The option `option` of a section already looked up with [`Schema::section`]: rules
    /// that walk a file look each section up once, not once per option.
    pub fn find_in<'s>(
        &'s self,
        (section_name, section_schema): (&'s str, &'s SectionSchema),
        option: &str,
    ) -> Option<Found<'s>> {
        let (option_name, option_schema) = self.options_of(section_schema).get_key_value(option)?;
        Some(Found {
            schema: self,
            section_name,
            section: section_schema,
            option_name,
            option: option_schema,
        })
    }

    /// Whether an `introduced`/`removed` release of this schema compares with the GIM
    /// target release.
    pub fn release(&self, text: &Option<String>) -> Option<Release> {
        if self.product != Product::Gim {
            return None;
        }
        text.as_deref().and_then(|t| t.parse().ok())
    }
}

/// Every schema entry that `section/option` names, in every kind (a DAP and an ICON both
/// have `callconcentrator/role`). The section may be a concrete custom calendar name.
pub fn lookup(section: &str, option: &str) -> Vec<Found<'static>> {
    SCHEMAS
        .iter()
        .filter_map(|s| s.find(section, option))
        .collect()
}
