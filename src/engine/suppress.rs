//! What removes a finding: gimlint.toml's `[per-file-ignores]` and `[[suppress]]` entries,
//! and the file's inline suppressions; and the findings on entries that no longer do anything.

use super::LintedFile;
use crate::base::AppKind;
use crate::config;
use crate::diagnostic::{Finding, Findings};
use crate::model::{self, Application, FileModel};
use crate::parse::options::OptionsDoc;
use crate::rules;
use crate::secrets;
use crate::settings::Settings;
use std::path::PathBuf;

/// What removes a finding of one file, in this order: the rules that gimlint.toml's
/// `[per-file-ignores]` ignore for it, its `[[suppress]]` entries, then the file's inline
/// suppressions (unless suppressions are off, or they expired). Each is looked up in an
/// index, so that a finding costs the same however many of them there are.
pub(super) struct FileFilter<'f> {
    pub(super) ignored: std::collections::BTreeSet<&'static str>,
    /// The first `[[suppress]]` entry for this file by rule, section and option (`None`:
    /// any).
    pub(super) entries:
        std::collections::HashMap<(&'static str, Option<&'f str>, Option<&'f str>), usize>,
    pub(super) app: Option<&'f Application<'f>>,
    pub(super) inline: Option<model::suppression::Coverage>,
    /// The `[[suppress]]` entries that removed a finding.
    pub(super) entries_used: std::collections::BTreeSet<usize>,
    /// For each inline suppression, whether it removed a finding.
    pub(super) suppression_use: Vec<bool>,
}

impl<'f> FileFilter<'f> {
    pub(super) fn new(
        file: &'f FileModel,
        canonical: Option<&PathBuf>,
        path_ignores: &PathIgnores,
        entries: &'f [ConfigSuppression],
        settings: &Settings,
    ) -> Self {
        let app = match file {
            FileModel::Options(app) => Some(app),
            FileModel::AdataSpec(_) => None,
        };
        let mut by_place = std::collections::HashMap::new();
        let mut inline = None;
        if settings.use_suppressions {
            let for_file = entries.iter().enumerate().filter(|(_, e)| {
                !e.expired(settings) && e.file.as_ref().is_none_or(|f| Some(f) == canonical)
            });
            for (index, entry) in for_file {
                for &code in &entry.codes {
                    by_place
                        .entry((code, entry.section.as_deref(), entry.option.as_deref()))
                        .or_insert(index);
                }
            }
            inline = app.map(|app| {
                model::suppression::Coverage::new(
                    &app.suppressions,
                    |s| s.until.is_none_or(|until| until >= settings.today.as_str()),
                    &rules::selection::codes_for,
                )
            });
        }
        FileFilter {
            ignored: path_ignores.ignored(canonical),
            entries: by_place,
            app,
            inline,
            entries_used: Default::default(),
            suppression_use: vec![false; app.map_or(0, |app| app.suppressions.len())],
        }
    }

    /// Whether `finding` is reported; what suppressed it is marked used.
    pub(super) fn keeps(&mut self, finding: &Finding) -> bool {
        let code = finding.rule.code;
        if self.ignored.contains(code) {
            return false;
        }
        if !self.entries.is_empty() {
            let (section, option) = self
                .app
                .map_or((None, None), |app| app.place_at(finding.span.start));
            // An entry names a section and an option, or leaves either out to mean any.
            let by = [
                (section, option),
                (section, None),
                (None, option),
                (None, None),
            ]
            .into_iter()
            .filter_map(|(s, o)| self.entries.get(&(code, s, o)).copied())
            .min();
            if let Some(index) = by {
                self.entries_used.insert(index);
                return false;
            }
        }
        match self
            .inline
            .as_ref()
            .and_then(|inline| inline.suppressor(code, finding.span.start))
        {
            Some(index) => {
                self.suppression_use[index] = true;
                false
            }
            None => true,
        }
    }
}

/// gimlint.toml's `[per-file-ignores]`, with the folder its globs are relative to.
#[derive(Default)]
pub(super) struct PathIgnores {
    pub(super) dir: PathBuf,
    pub(super) entries: Vec<config::PathIgnore>,
}

impl PathIgnores {
    pub(super) fn of(config: &config::Config) -> PathIgnores {
        PathIgnores {
            dir: std::fs::canonicalize(config.dir()).unwrap_or_else(|_| config.dir().to_owned()),
            entries: config.per_file_ignores.clone(),
        }
    }

    /// The rules ignored for the file at `canonical`.
    pub(super) fn ignored(
        &self,
        canonical: Option<&PathBuf>,
    ) -> std::collections::BTreeSet<&'static str> {
        let Some(relative) = canonical.and_then(|c| c.strip_prefix(&self.dir).ok()) else {
            return Default::default();
        };
        self.entries
            .iter()
            .filter(|entry| entry.matches(relative))
            .flat_map(|entry| entry.codes.iter().copied())
            .collect()
    }
}

/// A `[[suppress]]` entry of gimlint.toml, its rules resolved and its file made canonical.
pub(super) struct ConfigSuppression {
    pub(super) codes: Vec<&'static str>,
    pub(super) file: Option<PathBuf>,
    pub(super) section: Option<String>,
    pub(super) option: Option<String>,
    pub(super) until: Option<String>,
}

impl ConfigSuppression {
    pub(super) fn expired(&self, settings: &Settings) -> bool {
        self.until
            .as_deref()
            .is_some_and(|until| until < settings.today.as_str())
    }
}

pub(super) fn config_suppressions(config: &config::Config) -> Vec<ConfigSuppression> {
    config
        .suppress
        .iter()
        .map(|entry| ConfigSuppression {
            codes: rules::selection::resolve(&entry.rules, &[])
                .map(|c| c.into_iter().collect())
                .unwrap_or_default(),
            // A file that does not exist matches no export.
            file: entry.file.as_ref().map(|f| {
                std::fs::canonicalize(config.dir().join(f)).unwrap_or_else(|_| config.dir().join(f))
            }),
            section: entry.section.clone(),
            option: entry.option.clone(),
            until: entry.until.clone(),
        })
        .collect()
}

/// gimlint.toml's paths: as shown, and canonical (see [`super::ProjectPaths`]).
pub(super) struct ConfigPath<'a> {
    pub(super) shown: &'a str,
    pub(super) canonical: String,
}

/// The findings of the `SUP` rules on gimlint.toml's `[[suppress]]` entries that no longer
/// do anything, with gimlint.toml as the file that holds them (`None` when there are none).
/// `linted` are the canonical paths of the files the run linted.
pub(super) fn config_entry_findings(
    config: &config::Config,
    path: ConfigPath,
    entries: &[ConfigSuppression],
    used: &[bool],
    linted: &[&PathBuf],
    path_ignores: &PathIgnores,
    settings: &Settings,
) -> Option<(LintedFile, Vec<Finding>)> {
    let outcomes: Vec<rules::EntryOutcome> = config
        .suppress
        .iter()
        .zip(entries)
        .zip(used)
        .map(|((entry, resolved), &used)| rules::EntryOutcome {
            entry,
            used,
            file_linted: resolved.file.as_ref().is_some_and(|f| linted.contains(&f)),
        })
        .collect();
    let canonical = std::fs::canonicalize(&config.path).ok();
    let ignored = path_ignores.ignored(canonical.as_ref());
    let mut found = Vec::new();
    rules::check_config_entries(
        settings,
        &outcomes,
        &mut Findings::new(&mut |finding| {
            if !ignored.contains(finding.rule.code) {
                found.push(finding);
            }
        }),
    );
    if found.is_empty() {
        return None;
    }
    for finding in &mut found {
        if let Some(severity) = settings.severity.get(finding.rule.code) {
            finding.severity = *severity;
        }
    }
    found.sort_by_key(|f| (f.span.start, f.rule.code, f.span.end));
    let source = crate::source::decode(path.shown.to_owned(), config.text.as_bytes()).ok()?;
    // A gimlint.toml holds no password, but one pasted in it stays masked like an export's.
    let secrets = secrets::secret_spans(&OptionsDoc::parse(&config.text));
    let lines = super::locate::locate_in(&source, None, &secrets, &mut found);
    let file = LintedFile {
        path: source.path.clone(),
        canonical_path: path.canonical,
        encoding: source.encoding,
        sha256: settings
            .digests
            .then(|| super::inputs::sha256_hex(config.text.as_bytes())),
        kind: AppKind::GimlintToml,
        evidence: None,
        evidence_at: None,
        in_topology: false,
        connections_declared: false,
        lines,
        text: None,
    };
    Some((file, found))
}
