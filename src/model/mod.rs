//! The model: each parsed file becomes an [`Application`] of an inferred kind; the
//! [`Project`] holds every application of one run, for rules that look across files.

pub mod adata;
pub mod diff;
pub mod icon_role;
mod kind;
pub mod suppression;

pub use adata::SpecFile;

use crate::base::span::Span;
use crate::base::AppKind;
use crate::base::TopologyKind;
use crate::config::{Config, Declared};
use crate::parse::options::{OptionEntry, OptionsDoc, Section};
use crate::source::SourceFile;
use serde::Serialize;

/// Why an export was given its kind: the place in the file that shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Evidence {
    pub span: Span,
    pub reason: String,
}

/// One option export: its source, its parsed document and its inferred kind.
pub struct Application<'a> {
    pub source: &'a SourceFile,
    pub doc: OptionsDoc<'a>,
    pub kind: AppKind,
    pub evidence: Option<Evidence>,
    /// Spans that no output may show (see [`crate::secrets`]).
    pub secrets: Vec<Span>,
    /// The `; gimlint: ignore…` comments.
    pub suppressions: Vec<suppression::Suppression<'a>>,
}

/// One linted file: an option export or an attached-data specification.
pub enum FileModel<'a> {
    Options(Application<'a>),
    AdataSpec(SpecFile<'a>),
}

impl<'a> FileModel<'a> {
    pub fn source(&self) -> &'a SourceFile {
        match self {
            FileModel::Options(app) => app.source,
            FileModel::AdataSpec(spec) => spec.source,
        }
    }

    pub fn kind(&self) -> AppKind {
        match self {
            FileModel::Options(app) => app.kind,
            FileModel::AdataSpec(_) => AppKind::AdataSpec,
        }
    }

    pub fn evidence(&self) -> Option<&Evidence> {
        match self {
            FileModel::Options(app) => app.evidence.as_ref(),
            FileModel::AdataSpec(spec) => Some(&spec.evidence),
        }
    }

    /// Spans no output may show.
    pub fn secrets(&self) -> &[Span] {
        match self {
            FileModel::Options(app) => &app.secrets,
            FileModel::AdataSpec(spec) => &spec.secrets,
        }
    }
}

/// A file of the run as the rules of every file see it. Its model is kept only where the
/// rules of other files read it (files gimlint.toml declares, specifications, and every file
/// of `diff` and `inventory`); of the others, a summary is kept and the model is rebuilt
/// for the file's own rules, so a run holds one model per core, not one per file. (A model
/// is boxed: a run holds one member per file, nearly all summaries.)
pub enum Member<'a> {
    Modelled(Box<FileModel<'a>>),
    Summarised(Summary<'a>),
}

/// What a file that is not kept modelled leaves for the rest of the run.
pub struct Summary<'a> {
    pub source: &'a SourceFile,
    pub kind: AppKind,
    pub evidence: Option<Evidence>,
    pub secrets: Vec<Span>,
    /// A DAP's GIM roles: GIM010 counts them across the run.
    pub gim_roles: Vec<String>,
}

impl<'a> Summary<'a> {
    pub fn of(file: &FileModel<'a>) -> Summary<'a> {
        Summary {
            source: file.source(),
            kind: file.kind(),
            evidence: file.evidence().cloned(),
            secrets: file.secrets().to_vec(),
            gim_roles: match file {
                FileModel::Options(app) if app.kind == AppKind::Dap => app.gim_roles(),
                _ => Vec::new(),
            },
        }
    }
}

impl<'a> Member<'a> {
    pub fn modelled(&self) -> Option<&FileModel<'a>> {
        match self {
            Member::Modelled(file) => Some(file),
            Member::Summarised(_) => None,
        }
    }

    pub fn source(&self) -> &'a SourceFile {
        match self {
            Member::Modelled(file) => file.source(),
            Member::Summarised(summary) => summary.source,
        }
    }

    pub fn kind(&self) -> AppKind {
        match self {
            Member::Modelled(file) => file.kind(),
            Member::Summarised(summary) => summary.kind,
        }
    }

    pub fn evidence(&self) -> Option<&Evidence> {
        match self {
            Member::Modelled(file) => file.evidence(),
            Member::Summarised(summary) => summary.evidence.as_ref(),
        }
    }

    pub fn secrets(&self) -> &[Span] {
        match self {
            Member::Modelled(file) => file.secrets(),
            Member::Summarised(summary) => &summary.secrets,
        }
    }
}

/// Every file linted in one run.
pub struct Project<'a> {
    pub members: Vec<Member<'a>>,
    /// The topology of gimlint.toml, when one was found.
    pub topology: Option<Topology>,
    /// The index in `files` of each application, by its address: rules ask for it once per
    /// file, so a scan would make a run quadratic in the number of files.
    index_by_address: std::collections::HashMap<usize, usize>,
    /// Built on first use by GIM010.
    dap_fleet: std::sync::OnceLock<DapFleet>,
}

/// The DAPs of a run and their GIM roles, gathered once for the rule over all of them.
pub struct DapFleet {
    /// Whether the run holds a Genesys Info Mart application.
    pub gim_present: bool,
    /// Each DAP's index in [`Project::members`] and its roles (uppercased), in file order.
    pub daps: Vec<(usize, Vec<String>)>,
    /// For each role, the position in `daps` of the first DAP that has it.
    pub first_with: std::collections::HashMap<String, usize>,
}

/// gimlint.toml resolved against the files of the run.
pub struct Topology {
    pub config: Config,
    /// For each declared application, the index in [`Project::members`] of its export.
    pub file_of: Vec<Option<usize>>,
    /// The other way round: for a file index, the declaration's index.
    declaration_of: std::collections::HashMap<usize, usize>,
}

impl Topology {
    pub fn new(config: Config, file_of: Vec<Option<usize>>) -> Topology {
        let mut declaration_of = std::collections::HashMap::new();
        for (declaration, file) in file_of.iter().enumerate() {
            if let Some(file) = file {
                declaration_of.entry(*file).or_insert(declaration);
            }
        }
        Topology {
            config,
            file_of,
            declaration_of,
        }
    }

    /// The declaration of the file at `index`.
    pub fn declared_for(&self, index: usize) -> Option<&Declared> {
        self.declaration_of
            .get(&index)
            .map(|&i| &self.config.applications[i])
    }

    /// The index in [`Project::members`] of the export of the application called `name`.
    pub fn file_named(&self, name: &str) -> Option<usize> {
        let i = self
            .config
            .applications
            .iter()
            .position(|a| a.name == name)?;
        self.file_of[i]
    }
}

impl<'a> Project<'a> {
    pub fn new(members: Vec<Member<'a>>, topology: Option<Topology>) -> Project<'a> {
        let index_by_address = members
            .iter()
            .enumerate()
            .filter_map(|(index, member)| match member.modelled()? {
                FileModel::Options(app) => Some((std::ptr::from_ref(app) as usize, index)),
                FileModel::AdataSpec(_) => None,
            })
            .collect();
        Project {
            members,
            topology,
            index_by_address,
            dap_fleet: std::sync::OnceLock::new(),
        }
    }

    /// The index of `app`, a modelled member, in [`Project::members`].
    pub fn index_of(&self, app: &Application) -> Option<usize> {
        self.index_by_address
            .get(&(std::ptr::from_ref(app) as usize))
            .copied()
    }

    /// The DAPs of the run and their roles, gathered on first use.
    pub fn dap_fleet(&self) -> &DapFleet {
        self.dap_fleet.get_or_init(|| {
            let daps: Vec<(usize, Vec<String>)> = self
                .members
                .iter()
                .enumerate()
                .filter_map(|(index, member)| match member {
                    Member::Modelled(file) => match &**file {
                        FileModel::Options(app) if app.kind == AppKind::Dap => {
                            Some((index, app.gim_roles()))
                        }
                        _ => None,
                    },
                    Member::Summarised(summary) if summary.kind == AppKind::Dap => {
                        Some((index, summary.gim_roles.clone()))
                    }
                    _ => None,
                })
                .collect();
            let mut first_with = std::collections::HashMap::new();
            for (position, (_, roles)) in daps.iter().enumerate() {
                for role in roles {
                    first_with.entry(role.clone()).or_insert(position);
                }
            }
            DapFleet {
                gim_present: self.members.iter().any(|m| m.kind() == AppKind::Gim),
                daps,
                first_with,
            }
        })
    }

    /// The option export at `index`, if it is one and is modelled.
    pub fn app(&self, index: usize) -> Option<&Application<'a>> {
        match self.members.get(index)?.modelled()? {
            FileModel::Options(app) => Some(app),
            FileModel::AdataSpec(_) => None,
        }
    }

    /// The kind of the application called `name`: declared in gimlint.toml, or inferred
    /// from its export.
    pub fn kind_named(&self, name: &str) -> Option<TopologyKind> {
        let topology = self.topology.as_ref()?;
        if let Some(kind) = topology.config.find(name).and_then(|d| d.kind) {
            return Some(kind);
        }
        TopologyKind::of(self.members.get(topology.file_named(name)?)?.kind())
    }

    /// The declaration and connections of `app`, when gimlint.toml declares it.
    pub fn declared(&self, app: &Application) -> Option<&Declared> {
        self.topology.as_ref()?.declared_for(self.index_of(app)?)
    }
    /// The modelled option exports of the run (all of them in `diff` and `inventory`).
    pub fn apps(&self) -> impl Iterator<Item = &Application<'a>> {
        self.members.iter().filter_map(|m| match m.modelled()? {
            FileModel::Options(app) => Some(app),
            FileModel::AdataSpec(_) => None,
        })
    }

    /// The attached-data specifications of the run (always modelled).
    pub fn specs(&self) -> impl Iterator<Item = &SpecFile<'a>> {
        self.members.iter().filter_map(|m| match m.modelled()? {
            FileModel::AdataSpec(spec) => Some(spec),
            FileModel::Options(_) => None,
        })
    }
}

impl<'a> Application<'a> {
    /// Whether `option` of `section` holds something other than its documented default (an
    /// option without a documented default counts as customized).
    pub fn is_customized(&self, section: &str, option: &OptionEntry) -> bool {
        let default = crate::schema::for_kind(self.kind)
            .and_then(|s| s.find(section, option.name))
            .and_then(|f| f.option.default.as_deref());
        !default.is_some_and(|d| crate::base::value::equivalent(option.value, d))
    }

    pub fn new(source: &'a SourceFile) -> Self {
        let doc = OptionsDoc::parse(&source.text);
        let (kind, evidence) = kind::infer_kind(&doc, &source.path);
        let secrets = crate::secrets::secret_spans(&doc);
        let suppressions = suppression::parse(&doc);
        Application {
            suppressions,
            source,
            doc,
            kind,
            evidence,
            secrets,
        }
    }

    /// The GIM roles of a DAP's `[gim-etl] role`, uppercased.
    pub fn gim_roles(&self) -> Vec<String> {
        self.option("gim-etl", "role")
            .map(|o| {
                o.value
                    .split(',')
                    .map(|t| t.trim().to_ascii_uppercase())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Shorthand for [`OptionsDoc::option`].
    pub fn option(&self, section: &str, name: &str) -> Option<&OptionEntry<'a>> {
        self.doc.option(section, name)
    }

    /// The option `[section] name` when its value reads as the boolean `expected`
    /// (see [`crate::base::value::parse_bool`]); `None` when absent, the other boolean, or not a boolean.
    pub fn option_set_to(
        &self,
        section: &str,
        name: &str,
        expected: bool,
    ) -> Option<&OptionEntry<'a>> {
        self.option(section, name)
            .filter(|o| crate::base::value::parse_bool(o.value) == Some(expected))
    }

    /// The section, and the option when there is one, that the byte `offset` is in. Two
    /// searches: sections and their options are in file order.
    pub fn place_at(&self, offset: usize) -> (Option<&'a str>, Option<&'a str>) {
        let lines = &self.doc.lines;
        let sections = &self.doc.sections;
        let starts_by = |section: &Section| {
            section.header_line.map_or(0, |line| lines[line].span.start) <= offset
        };
        let Some(section) = sections[..sections.partition_point(starts_by)].last() else {
            return (None, None);
        };
        let options = &section.options;
        let option = options[..options.partition_point(|o| lines[o.line].span.start <= offset)]
            .last()
            .filter(|o| offset <= lines[o.line].span.end);
        (section.name, option.map(|o| o.name))
    }

    /// Where a finding about something absent from the file (a section, a connection)
    /// points: the start of its first line. The evidence of the kind is an unrelated line.
    pub fn start_of_file(&self) -> Span {
        Span::empty_at(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::decode;

    /// The searches of `place_at` find what a scan of every section and option finds.
    #[test]
    fn place_at_finds_what_a_scan_finds() {
        let text = "a=1\n\n[s]\n; c\nk=v\nbad\n[t]\n[s]\nk2 = v2\r\nk3=\n";
        let source = decode("t.cfg".into(), text.as_bytes()).unwrap();
        let app = Application::new(&source);
        let scan = |offset: usize| {
            let mut place = (None, None);
            for section in &app.doc.sections {
                let start = section
                    .header_line
                    .map_or(0, |l| app.doc.lines[l].span.start);
                if start > offset {
                    break;
                }
                place = (section.name, None);
                for option in &section.options {
                    let line = &app.doc.lines[option.line];
                    if line.span.start <= offset && offset <= line.span.end {
                        place.1 = Some(option.name);
                    }
                }
            }
            place
        };
        for offset in 0..=text.len() + 1 {
            assert_eq!(app.place_at(offset), scan(offset), "at {offset}");
        }
        assert_eq!(
            app.place_at(text.find("k2").unwrap()),
            (Some("s"), Some("k2"))
        );
    }
}
