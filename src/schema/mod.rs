//! Option schemas: what gimlint knows about each section and option of each kind of
//! application, with the source of every fact. The schemas are data (`schemas/*.toml`),
//! embedded at build time and checked by tests; the `OPT01x` rules read them, and
//! `gimlint explain section/option` prints them.
//!
//! A file describes one kind of application, or the Framework options that every Genesys
//! server application carries (`kind = "framework"`: `[log]`, `[log-filter-data]`, …). The
//! schema of a kind is its own files and the Framework file together: where both describe a
//! section, the kind's own entries come first.

mod embedded;
pub mod value;

pub use embedded::{documented_anywhere, files, for_kind, lookup};

use crate::base::release::Release;
use crate::base::AppKind;
use serde::Deserialize;
use std::collections::BTreeMap;

/// Which product's release numbers an `introduced`/`removed` release belongs to. Only GIM
/// releases compare with `--target-release`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Product {
    Gim,
    Icon,
    Wfm,
    /// Management Framework: the options common to every server application.
    Framework,
}

/// What a schema file describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    /// The options every option export may carry, whatever its kind.
    Framework,
    /// One kind of export.
    #[serde(untagged)]
    Kind(AppKind),
}

impl Scope {
    pub fn label(self) -> &'static str {
        match self {
            Scope::Framework => "Management Framework (every server application)",
            Scope::Kind(kind) => kind.label(),
        }
    }

    fn covers(self, kind: AppKind) -> bool {
        match self {
            Scope::Framework => kind != AppKind::AdataSpec,
            Scope::Kind(own) => own == kind,
        }
    }
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
    /// Common Log Options outputs: `stdout`, `stderr`, `network`, `memory` or file names,
    /// comma-separated.
    LogOutput,
    /// `false`, or a number with an optional unit `KB` (the default), `MB` or `hr`.
    LogSegment,
    /// `false`, or a number with an optional unit `file` (the default) or `day`.
    LogExpire,
    /// A Common Security Options filter type (`hide`, `hide-first,4`, `tag(<,>)`, …).
    LogFilterType,
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
            OptionType::LogOutput => {
                "outputs separated by commas: `stdout`, `stderr`, `network`, `memory` or a file name"
            }
            OptionType::LogSegment => "`false` or a size or time: `<n>`, `<n> KB`, `<n> MB`, `<n> hr`",
            OptionType::LogExpire => "`false` or a count: `<n>`, `<n> file`, `<n> day`",
            OptionType::LogFilterType => {
                "a filter type: `copy`, `hide`, `hide-first,<n>`, `hide-last,<n>`, `unhide-first,<n>`, `unhide-last,<n>`, `skip` or `tag(<prefix>,<postfix>)`"
            }
        }
    }

    /// The kebab-case name schemas use.
    pub fn name(self) -> &'static str {
        match self {
            OptionType::Bool => "bool",
            OptionType::Int => "int",
            OptionType::Enum => "enum",
            OptionType::ListOfEnum => "list-of-enum",
            OptionType::Time => "time",
            OptionType::Cron => "cron",
            OptionType::Release => "release",
            OptionType::String => "string",
            OptionType::Path => "path",
            OptionType::LogOutput => "log-output",
            OptionType::LogSegment => "log-segment",
            OptionType::LogExpire => "log-expire",
            OptionType::LogFilterType => "log-filter-type",
        }
    }
}

/// One schema file.
#[derive(Debug)]
pub struct SchemaFile {
    pub file: &'static str,
    pub scope: Scope,
    pub product: Product,
    pub sections: BTreeMap<String, SectionSchema>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SchemaFileText {
    kind: Scope,
    product: Product,
    #[serde(default)]
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
    pub note: Option<String>,
    /// The option names of the section are data (attached-data key names), not settings:
    /// the entry `*` describes every option of the section.
    #[serde(default)]
    pub names_are_data: bool,
    #[serde(default)]
    pub options: BTreeMap<String, OptionSchema>,
}

/// A change of an option in a release (a "Modified:" entry of its page).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Modified {
    pub release: String,
    pub change: String,
    pub source: String,
}

/// What another option must hold when this one has one of the values `when`: a documented
/// "you must also set …" (OPT017 reads it).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Requirement {
    /// The values of this option that need it, compared by meaning (`TRUE` is `true`).
    pub when: Vec<String>,
    /// The section of the other option; the same section when absent.
    pub section: Option<String>,
    pub option: String,
    /// The values of the other option that meet it. An absent option counts with its
    /// documented default; with no documented default, nothing is said.
    pub is: Vec<String>,
    /// The documentation's sentence.
    pub quote: String,
    pub source: String,
}

/// A fact two pages state differently: recorded with both sources, asserted by neither.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Disputed {
    pub fact: String,
    pub value: String,
    pub source: String,
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
    /// The page's "Default Value" when it is no single value (`400 or
    /// days-to-keep-gim-facts`): shown as the page words it, never compared with a value.
    pub default_as_documented: Option<String>,
    /// The page's "Valid Values", as it words them.
    pub valid: Option<String>,
    /// The page's "Changes Take Effect".
    pub takes_effect: Option<String>,
    /// The page's "Dependencies", when not "None".
    pub dependencies: Option<String>,
    pub introduced: Option<String>,
    #[serde(default)]
    pub modified: Vec<Modified>,
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
    /// The page that states the facts.
    pub source: String,
    /// The page of a fact that another page states (`default = "https://…"`).
    #[serde(default)]
    pub sources: BTreeMap<String, String>,
    #[serde(default)]
    pub disputed: Vec<Disputed>,
    #[serde(default)]
    pub requires: Vec<Requirement>,
}

fn yes() -> bool {
    true
}

/// A section as one schema file describes it.
#[derive(Debug)]
pub struct Part {
    pub file: &'static SchemaFile,
    /// The section name as the file writes it (`date-time-*` for a custom calendar).
    pub name: &'static str,
    pub section: &'static SectionSchema,
    /// The options of the section, following `same_as`.
    pub options: &'static BTreeMap<String, OptionSchema>,
    /// The entries named with a `*` (`level-reassign-*`, `*`), with the text before it.
    patterns: Vec<(&'static str, &'static String, &'static OptionSchema)>,
    /// The other names, each with its [`name_signature`], for did-you-mean.
    names: Vec<(&'static str, u32)>,
}

/// Which of 32 buckets (a byte's low five bits) the bytes of an ASCII name fall in, one bit
/// each. An edit adds or removes at most two buckets, so the bits two names differ in are at
/// most twice their edit distance: did-you-mean discards most names on one XOR.
pub fn name_signature(name: &str) -> u32 {
    name.bytes().fold(0, |bits, byte| bits | 1 << (byte & 31))
}

impl Part {
    /// Whether the part comes from a file of the kind itself, not from the Framework's.
    pub fn is_own(&self) -> bool {
        self.file.scope != Scope::Framework
    }

    /// `text` as a release that compares with the GIM target release: only GIM releases do.
    pub fn release(&self, text: &Option<String>) -> Option<Release> {
        if self.file.product != Product::Gim {
            return None;
        }
        text.as_deref().and_then(|t| t.parse().ok())
    }

    fn find(&'static self, option: &str) -> Option<Found> {
        let found = |(name, schema): (&'static String, &'static OptionSchema)| Found {
            part: self,
            section_name: self.name,
            option_name: name,
            option: schema,
        };
        if let Some(entry) = self.options.get_key_value(option) {
            return Some(found(entry));
        }
        // `level-reassign-*` stands for every `level-reassign-<event id>`; `*` for every name
        // of a section whose names are data.
        self.patterns
            .iter()
            .find(|(prefix, _, _)| option.len() > prefix.len() && option.starts_with(prefix))
            .map(|&(_, name, schema)| found((name, schema)))
    }
}

/// A section of an export as the schema of its kind describes it: one part per schema file
/// that has the section, the kind's own first.
#[derive(Clone, Copy, Debug)]
pub struct Described {
    pub parts: &'static [Part],
}

impl Described {
    /// The first describing file's name for the section (`date-time-*`).
    pub fn name(&self) -> &'static str {
        self.parts[0].name
    }

    /// The option called `option`.
    pub fn find(&self, option: &str) -> Option<Found> {
        self.parts.iter().find_map(|part| part.find(option))
    }

    /// Every documented option name of the section (not the `*` patterns) with its
    /// [`name_signature`], for did-you-mean.
    pub fn option_names(&self) -> impl Iterator<Item = (&'static str, u32)> {
        self.parts
            .iter()
            .flat_map(|part| part.names.iter().copied())
    }

    /// The documented option names of the kind's own files (not the Framework's).
    pub fn own_option_names(&self) -> impl Iterator<Item = &'static str> {
        self.parts.iter().filter(|p| p.is_own()).flat_map(|part| {
            part.options
                .keys()
                .map(String::as_str)
                .filter(|name| !name.ends_with('*'))
        })
    }

    /// Whether the option names of this section are data rather than settings.
    pub fn names_are_data(&self) -> bool {
        self.parts.iter().any(|p| p.section.names_are_data)
    }
}

/// An option found in a schema.
#[derive(Clone, Copy, Debug)]
pub struct Found {
    pub part: &'static Part,
    /// The section name as the schema writes it (`date-time-*` for a custom calendar).
    pub section_name: &'static str,
    /// The option name as the schema writes it (`level-reassign-*` for a family).
    pub option_name: &'static str,
    pub option: &'static OptionSchema,
}

impl Found {
    pub fn release(&self, text: &Option<String>) -> Option<Release> {
        self.part.release(text)
    }

    /// The release that removed or replaced the option, when it is at or before `target`:
    /// the release deployed no longer reads it (OPT016 reports it, DIF002 does not ask for
    /// it back).
    pub fn removed_by(&self, target: &Release) -> Option<Release> {
        self.release(&self.option.removed).filter(|r| r <= target)
    }

    /// What the option belongs to, for `explain`.
    pub fn owner(&self) -> &'static str {
        self.part.file.scope.label()
    }
}

/// The schema of one kind of export: its own files and the Framework options together.
#[derive(Debug)]
pub struct Schema {
    pub kind: AppKind,
    /// Concrete section names, each with its describing parts.
    sections: BTreeMap<&'static str, Vec<Part>>,
    /// Name patterns (`date-time-*`), each with its parts.
    patterns: Vec<(&'static str, Vec<Part>)>,
}

impl Schema {
    /// The schema section that `name` is: exact, or a `prefix-*` pattern.
    pub fn section(&'static self, name: &str) -> Option<Described> {
        if let Some(parts) = self.sections.get(name) {
            return Some(Described { parts });
        }
        self.patterns
            .iter()
            .find(|(pattern, _)| {
                pattern
                    .strip_suffix('*')
                    .is_some_and(|prefix| name.starts_with(prefix) && name.len() > prefix.len())
            })
            .map(|(_, parts)| Described { parts })
    }

    /// The section names the kind's own files write (not the Framework's), patterns left
    /// out.
    pub fn own_section_names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.sections
            .iter()
            .filter(|(_, parts)| parts.iter().any(Part::is_own))
            .map(|(name, _)| *name)
    }

    /// The option `option` of section `section`.
    pub fn find(&'static self, section: &str, option: &str) -> Option<Found> {
        self.section(section)?.find(option)
    }
}
