//! The schema files embedded in the binary (as JSON that build.rs writes from
//! schemas/*.toml), each parsed on first use, and the schema of each kind built from them.

use super::{name_signature, Found, Part, Schema, SchemaFile, SchemaFileText, Scope};
use crate::base::AppKind;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::{LazyLock, OnceLock};

/// The schema files, embedded so that gimlint needs nothing at run time: for each file
/// named, its path, its `kind`, and its data as JSON (build.rs writes both from the TOML).
macro_rules! embedded {
    ($($name:literal),* $(,)?) => {
        &[$(EmbeddedText {
            file: concat!("schemas/", $name, ".toml"),
            kind: include_str!(concat!(env!("OUT_DIR"), "/schemas/", $name, ".kind")),
            json: include_str!(concat!(env!("OUT_DIR"), "/schemas/", $name, ".json")),
        }),*]
    };
}

struct EmbeddedText {
    file: &'static str,
    kind: &'static str,
    json: &'static str,
}

const SCHEMA_FILES: &[EmbeddedText] = embedded![
    "framework",
    "gim",
    "gim-objects",
    "icon",
    "icon-switch",
    "dap",
    "wfm-server",
    "wfm-builder",
    "wfm-daemon",
    "wfm-data-aggregator",
    "wfm-web",
];

impl Schema {
    fn of(kind: AppKind) -> Schema {
        let mut sections: BTreeMap<&'static str, Vec<Part>> = BTreeMap::new();
        let mut patterns: Vec<(&'static str, Vec<Part>)> = Vec::new();
        let embedded: &'static [Embedded] = &EMBEDDED;
        // The kind's own files first, so that their entries win over the Framework's.
        let scopes: Vec<Scope> = embedded.iter().map(Embedded::scope).collect();
        let ordered = embedded
            .iter()
            .zip(&scopes)
            .filter(|(_, &scope)| scope == Scope::Kind(kind))
            .chain(
                embedded
                    .iter()
                    .zip(&scopes)
                    .filter(|(_, &scope)| scope == Scope::Framework && scope.covers(kind)),
            )
            .map(|(file, _)| file.parsed());
        for file in ordered {
            for (name, section) in &file.sections {
                let options = section
                    .same_as
                    .as_deref()
                    .and_then(|target| file.sections.get(target))
                    .map_or(&section.options, |target| &target.options);
                let option_patterns = options
                    .iter()
                    .filter_map(|(key, option)| Some((key.strip_suffix('*')?, key, option)))
                    .collect();
                let names = options
                    .keys()
                    .filter(|key| !key.ends_with('*'))
                    .map(|key| (key.as_str(), name_signature(key)))
                    .collect();
                let part = Part {
                    file,
                    name,
                    section,
                    options,
                    patterns: option_patterns,
                    names,
                };
                if name.ends_with('*') {
                    match patterns.iter_mut().find(|(p, _)| *p == name.as_str()) {
                        Some((_, parts)) => parts.push(part),
                        None => patterns.push((name, vec![part])),
                    }
                } else {
                    sections.entry(name).or_default().push(part);
                }
            }
        }
        Schema {
            kind,
            sections,
            patterns,
        }
    }
}

/// An embedded schema file, parsed on first use: a run that lints one GIM export parses
/// the GIM and Framework files, not the ICON or WFM ones (most of the time of a run over one
/// small file went to parsing every schema).
struct Embedded {
    text: &'static EmbeddedText,
    parsed: OnceLock<SchemaFile>,
}

static EMBEDDED: LazyLock<Vec<Embedded>> = LazyLock::new(|| {
    SCHEMA_FILES
        .iter()
        .map(|text| Embedded {
            text,
            parsed: OnceLock::new(),
        })
        .collect()
});

impl Embedded {
    fn parsed(&'static self) -> &'static SchemaFile {
        let file = self.text.file;
        self.parsed.get_or_init(|| {
            let parsed: SchemaFileText = serde_json::from_str(self.text.json).unwrap_or_else(|e| {
                panic!("{file} is not a valid schema (tests/schemas.rs checks this): {e}")
            });
            SchemaFile {
                file,
                scope: parsed.kind,
                product: parsed.product,
                sections: parsed.sections,
            }
        })
    }

    /// What the file describes, from its `kind` alone: which files a kind's schema needs is
    /// known without parsing the others.
    fn scope(&self) -> Scope {
        use serde::de::IntoDeserializer;
        let kind: serde::de::value::StrDeserializer<serde::de::value::Error> =
            self.text.kind.into_deserializer();
        Scope::deserialize(kind).unwrap_or_else(|e| {
            panic!(
                "{}: `kind = \"{}\"`: {e} (tests/schemas.rs checks this)",
                self.text.file, self.text.kind
            )
        })
    }
}

static FILES: LazyLock<Vec<&'static SchemaFile>> =
    LazyLock::new(|| EMBEDDED.iter().map(Embedded::parsed).collect());

/// Every kind an option export can have: each has a schema, if only the Framework's.
const OPTION_EXPORT_KINDS: &[AppKind] = &[
    AppKind::Gim,
    AppKind::Icon,
    AppKind::Dap,
    AppKind::Annex,
    AppKind::WfmServer,
    AppKind::WfmBuilder,
    AppKind::WfmDaemon,
    AppKind::WfmDataAggregator,
    AppKind::WfmWeb,
    AppKind::Unknown,
];

/// The schema of each kind of [`OPTION_EXPORT_KINDS`], built on first use.
static SCHEMAS: [OnceLock<Schema>; OPTION_EXPORT_KINDS.len()] =
    [const { OnceLock::new() }; OPTION_EXPORT_KINDS.len()];

/// Every schema file.
pub fn files() -> &'static [&'static SchemaFile] {
    &FILES
}

/// Every option name some schema documents, in any section.
static DOCUMENTED_NAMES: LazyLock<std::collections::HashSet<&'static str>> = LazyLock::new(|| {
    files()
        .iter()
        .flat_map(|f| f.sections.values())
        .flat_map(|s| s.options.keys())
        .map(String::as_str)
        .collect()
});

/// Whether any schema documents an option of this name, in any section.
pub fn documented_anywhere(name: &str) -> bool {
    DOCUMENTED_NAMES.contains(name)
}

/// The schema of an export of `kind`: `None` only for what is not an option export.
pub fn for_kind(kind: AppKind) -> Option<&'static Schema> {
    let index = OPTION_EXPORT_KINDS.iter().position(|&k| k == kind)?;
    Some(SCHEMAS[index].get_or_init(|| Schema::of(kind)))
}

/// Every schema entry that `section/option` names, in every file (a DAP and an ICON both
/// have `callconcentrator/role`). The section may be a concrete custom calendar name.
pub fn lookup(section: &str, option: &str) -> Vec<Found> {
    files()
        .iter()
        .filter_map(|&file| {
            let scope = match file.scope {
                Scope::Kind(kind) => kind,
                Scope::Framework => AppKind::Unknown,
            };
            for_kind(scope)?
                .section(section)?
                .parts
                .iter()
                .filter(|part| std::ptr::eq(part.file, file))
                .find_map(|part| part.find(option))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_kind_of_each_file_is_the_scope_its_data_names() {
        for embedded in EMBEDDED.iter() {
            assert_eq!(
                embedded.scope(),
                embedded.parsed().scope,
                "{}",
                embedded.text.file
            );
        }
    }

    #[test]
    fn a_kind_schema_is_its_own_files_then_the_framework() {
        let gim = for_kind(AppKind::Gim).unwrap();
        let schedule = gim.section("schedule").unwrap();
        assert_eq!(schedule.parts[0].file.file, "schemas/gim.toml");
        let log = gim.section("log").unwrap();
        assert!(log
            .parts
            .iter()
            .any(|part| part.file.file == "schemas/framework.toml"));
        assert!(for_kind(AppKind::Icon)
            .unwrap()
            .section("schedule")
            .is_none_or(|s| s.parts.iter().all(|p| p.file.file != "schemas/gim.toml")));
    }
}
