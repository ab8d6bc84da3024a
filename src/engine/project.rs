//! The project of a run: every decoded file modelled, gimlint.toml's declarations applied,
//! and a bounded number of models kept for the rules that read other files.

use super::check::{check_one, FileCheck};
use super::inputs::Decoded;
use super::suppress::{ConfigSuppression, PathIgnores};
use crate::base::{AppKind, Span};
use crate::config;
use crate::diagnostic::Range;
use crate::model::{self, Application, Evidence, FileModel, Member, Project, SpecFile, Summary};
use crate::rules;
use crate::secrets;
use crate::source::SourceFile;
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::PathBuf;

/// Bytes of text whose models a run keeps whatever else it holds (a model takes about three
/// times its text): beyond it, files are summarised and re-modelled when checked.
pub(super) const MODELLED_TEXT_BUDGET: usize = 2 << 20;

/// Models every decoded file, then applies gimlint.toml: declared kinds override inferred
/// ones, and declared applications are matched with their exports. With `keep_all`, every
/// model is kept; otherwise the models within [`MODELLED_TEXT_BUDGET`] and those that the
/// rules of other files read (files gimlint.toml declares, and specifications), and a
/// summary of the others. A summarised file is given to `check_early` (with its index in
/// `decoded`) while its model is at hand: what it returns is the file's check, done.
/// Also returns, for each member of the project, the index of its `decoded` entry and its
/// early check.
/// A file checked as soon as it was decoded (`prechecks` holds its check, by index in
/// `decoded`) is summarised from what it left.
pub(super) fn build_project<'d>(
    decoded: &'d [Decoded],
    mut prechecks: Vec<Option<FileCheck>>,
    config: Option<config::Config>,
    keep_all: bool,
    check_early: &(dyn Fn(usize, &FileModel) -> Option<FileCheck> + Sync),
) -> (Project<'d>, Vec<usize>, Vec<Option<FileCheck>>) {
    let declared = declared_files(config.as_ref());
    prechecks.resize_with(decoded.len(), || None);
    // The first files' models are kept up to a budget of text: a small run (an editor's
    // buffer, a pre-commit hook, one deployment) parses each file once, a large one holds
    // a bounded number of models.
    let mut text_seen = 0;
    let within_budget: Vec<bool> = decoded
        .iter()
        .map(|d| {
            text_seen += d.source.text.len();
            text_seen <= MODELLED_TEXT_BUDGET
        })
        .collect();
    let modelled: Vec<Option<(Member, Option<FileCheck>)>> = decoded
        .par_iter()
        .zip(within_budget)
        .zip(prechecks)
        .enumerate()
        .map(|(i, ((d, within_budget), precheck))| {
            if let Some(prechecked) = &d.prechecked {
                let summary = Summary {
                    source: &d.source,
                    kind: prechecked.kind,
                    evidence: prechecked.evidence.clone(),
                    secrets: Vec::new(),
                    gim_roles: prechecked.gim_roles.clone(),
                };
                return Some((Member::Summarised(summary), precheck));
            }
            let file = model_of(d)?;
            let keep = keep_all
                || within_budget
                || matches!(file, FileModel::AdataSpec(_))
                || d.canonical.as_ref().is_some_and(|c| declared.contains(c));
            Some(if keep {
                (Member::Modelled(file), None)
            } else {
                let early = check_early(i, &file);
                (Member::Summarised(Summary::of(&file)), early)
            })
        })
        .collect();
    let mut origins = Vec::new();
    let mut files = Vec::new();
    let mut early_checks = Vec::new();
    for (i, modelled) in modelled.into_iter().enumerate() {
        if let Some((member, early)) = modelled {
            files.push(member);
            origins.push(i);
            early_checks.push(early);
        }
    }
    let topology = config.map(|config| {
        let mut file_at = std::collections::HashMap::new();
        for (index, &origin) in origins.iter().enumerate() {
            if let Some(canonical) = &decoded[origin].canonical {
                file_at.entry(canonical).or_insert(index);
            }
        }
        let file_of: Vec<Option<usize>> = config
            .applications
            .iter()
            .map(|declared| {
                let path =
                    std::fs::canonicalize(config.dir().join(declared.file.as_ref()?)).ok()?;
                file_at.get(&path).copied()
            })
            .collect();
        for (declared, file) in config.applications.iter().zip(&file_of) {
            let (Some(kind), Some(Member::Modelled(FileModel::Options(app)))) = (
                declared.kind.and_then(|k| k.app_kind()),
                file.and_then(|i| files.get_mut(i)),
            ) else {
                continue;
            };
            app.kind = kind;
            app.evidence = Some(Evidence {
                span: Span::empty_at(0),
                reason: format!(
                    "gimlint.toml declares `{}` with `kind = \"{}\"`",
                    declared.name,
                    kind.label()
                ),
            });
        }
        model::Topology::new(config, file_of)
    });
    (Project::new(files, topology), origins, early_checks)
}

/// The canonical paths of the files gimlint.toml declares.
pub(super) fn declared_files(config: Option<&config::Config>) -> HashSet<PathBuf> {
    config
        .iter()
        .flat_map(|config| {
            config.applications.iter().filter_map(|declared| {
                std::fs::canonicalize(config.dir().join(declared.file.as_ref()?)).ok()
            })
        })
        .collect()
}

/// What is left of a file checked as soon as it was decoded, its text dropped: what the
/// project keeps of it, its check (until the project takes it), and what the end of the
/// run needs of its text.
pub(super) struct Prechecked {
    kind: AppKind,
    evidence: Option<Evidence>,
    pub(super) evidence_at: Option<Range>,
    gim_roles: Vec<String>,
    pub(super) check: Option<FileCheck>,
    /// What the run's redactor looks for of the file's secrets.
    pub(super) secrets: Vec<(String, String)>,
}

/// Checks `decoded` now when the rules of other files read nothing of it but its summary:
/// an option export of a kind that no rule reading other files checks. `ctx` reads nothing
/// of the run, which has a topology when `has_topology`.
pub(super) fn precheck_one(
    decoded: &Decoded,
    ctx: &rules::Context,
    has_topology: bool,
    path_ignores: &PathIgnores,
    entries: &[ConfigSuppression],
) -> Option<Prechecked> {
    let file = model_of(decoded)?;
    if matches!(file, FileModel::AdataSpec(_))
        || rules::reads_other_files(file.kind(), ctx.settings, has_topology)
    {
        return None;
    }
    let check = check_one(
        &file,
        ctx,
        decoded.canonical.as_ref(),
        path_ignores,
        entries,
    );
    let summary = Summary::of(&file);
    Some(Prechecked {
        kind: summary.kind,
        evidence_at: summary
            .evidence
            .as_ref()
            .map(|e| super::locate::range(&decoded.source, e.span)),
        evidence: summary.evidence,
        gim_roles: summary.gim_roles,
        check: Some(check),
        secrets: secrets::secrets_of_file(&decoded.source.text, file.secrets()),
    })
}

/// `source` without its text: its path and encoding, for a file whose text was dropped.
pub(super) fn without_text(source: &SourceFile) -> Option<SourceFile> {
    let mut stub = crate::source::decode(source.path.clone(), b"").ok()?;
    stub.encoding = source.encoding;
    stub.not_utf8 = source.not_utf8;
    Some(stub)
}

/// The model of a decoded file: an option export, or an attached-data specification
/// (`None` for XML that is not one).
pub(super) fn model_of(decoded: &Decoded) -> Option<FileModel<'_>> {
    if decoded.xml {
        SpecFile::recognise(&decoded.source, decoded.explicit).map(FileModel::AdataSpec)
    } else {
        Some(FileModel::Options(Application::new(&decoded.source)))
    }
}
