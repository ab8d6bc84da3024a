//! One run, from inputs to a redacted [`Report`].

use super::check::{check_one, FileCheck};
use super::diff::{app_changes, diff_files, pair_files};
use super::inputs::{keep, read_config, read_context, read_inputs, read_reference, Decoded};
use super::project::{
    build_project, declared_files, drop_text, model_of_source, read_unchanged, without_text,
};
use super::suppress::{config_entry_findings, config_suppressions, ConfigPath, PathIgnores};
use super::{Input, KeptText, LintedFile, OperationalError, ProjectPaths, Report};
use crate::base::{AppKind, Span};
use crate::diagnostic::Need;
use crate::discover;
use crate::model::{Evidence, FileModel, Member, Project, SpecFile};
use crate::rules;
use crate::secrets;
use crate::settings::Settings;
use rayon::prelude::*;
use std::path::PathBuf;

pub(super) fn run(
    inputs: &[Input],
    before_inputs: Option<&[Input]>,
    settings: &Settings,
    keep_texts: bool,
) -> Report {
    let mut errors = Vec::new();
    let mut skipped = Vec::new();
    let config = read_config(settings, &mut errors);
    let config_shown = config
        .as_ref()
        .map(|c| c.path.to_string_lossy().into_owned());
    let paths = ProjectPaths::of(settings.config.as_ref().map(|c| c.path.as_path()));
    let memory_names: std::collections::HashSet<&str> = inputs
        .iter()
        .filter_map(|input| match input {
            Input::Memory { name, .. } | Input::Buffer { name, .. } => Some(name.as_str()),
            Input::Path(_) => None,
        })
        .collect();
    // The reference is read first, for the files checked as they are decoded; its errors
    // come after those of the inputs.
    let mut reference_errors = Vec::new();
    let reference_source = read_reference(settings, &mut reference_errors);
    let reference =
        reference_source
            .as_ref()
            .and_then(|source| match SpecFile::reference(source) {
                Ok(spec) => Some(spec),
                Err(message) => {
                    reference_errors.push(OperationalError {
                        path: source.path.clone(),
                        message,
                    });
                    None
                }
            });
    let entries = config.as_ref().map(config_suppressions).unwrap_or_default();
    let path_ignores = config.as_ref().map(PathIgnores::of).unwrap_or_default();
    // `diff` compares whole files: every model is kept on both sides.
    let keep_all = before_inputs.is_some();
    // A file that no rule reading other files checks is checked as soon as it is modelled,
    // so that its model is built once. Those rules read nothing of the run here.
    let no_other_files = Project::new(Vec::new(), None);
    let early_ctx = rules::Context {
        project: &no_other_files,
        settings,
        adata_reference: reference.as_ref(),
        before_exports: None,
        suppression_use: None,
        current: 0,
        schema_view: None,
    };
    // Such a file is checked on the worker that decoded it, and its text dropped there. A
    // file that such a rule checks is summarised there (its kind, evidence, secrets and GIM
    // roles: what the rules of other files read of it), its text dropped, and it is read
    // again from disk to be checked once every file is summarised: the run holds the texts
    // of no export, only of the specifications. `diff` compares whole files, `--fix` and
    // `--diff` change them: they keep every text. Files gimlint.toml declares are kept
    // modelled for the rules of the others. Files given in memory (standard input, an
    // editor's buffers) cannot be read again: they keep their texts.
    let declared = declared_files(config.as_ref());
    // The project has a topology exactly when gimlint.toml could be read.
    let has_topology = config.is_some();
    let from_disk = inputs.iter().all(|input| matches!(input, Input::Path(_)));
    let drop_early = |mut decoded: Decoded| {
        if keep_all
            || keep_texts
            || decoded
                .canonical
                .as_ref()
                .is_some_and(|c| declared.contains(c))
        {
            return decoded;
        }
        let dropped = drop_text(
            &decoded,
            &early_ctx,
            has_topology,
            from_disk && decoded.canonical.is_some(),
            &path_ignores,
            &entries,
        );
        if let (Some(dropped), Some(stub)) = (dropped, without_text(&decoded.source)) {
            decoded.source = stub;
            decoded.dropped = Some(dropped);
        }
        decoded
    };
    let mut decoded = read_inputs(inputs, settings, &mut errors, &mut skipped, &drop_early);
    let requested = decoded.len();
    if let Some(config) = &config {
        read_context(inputs, config, settings, &mut decoded, &mut skipped);
    }
    let before_decoded =
        before_inputs.map(|b| read_inputs(b, settings, &mut errors, &mut skipped, &keep));
    errors.extend(reference_errors);
    let prechecks: Vec<Option<FileCheck>> = decoded
        .iter_mut()
        .map(|d| d.dropped.as_mut().and_then(|p| p.check.take()))
        .collect();
    let check_early = |index: usize, file: &FileModel| {
        if keep_all
            || index >= requested
            || rules::reads_other_files(file.kind(), settings, has_topology)
        {
            return None;
        }
        let canonical = decoded[index].canonical.as_ref();
        Some(check_one(
            file,
            &early_ctx,
            canonical,
            &path_ignores,
            &entries,
        ))
    };
    let (project, origins, early_checks) =
        build_project(&decoded, prechecks, config, keep_all, &check_early);
    // The files the user asked for come first; context files follow and are not reported.
    let shown = origins.iter().take_while(|&&o| o < requested).count();
    // The exports before have their own gimlint.toml, if any: its names pair applications
    // whose files were renamed.
    let before_config = before_inputs.and_then(before_config);
    let before_project = before_decoded
        .as_ref()
        .map(|b| build_project(b, Vec::new(), before_config, keep_all, &|_, _| None));
    let before_exports = before_project.as_ref().zip(before_decoded.as_ref()).map(
        |((project_before, origins_before, _), decoded_before)| rules::Before {
            project: project_before,
            paired: pair_files(
                &diff_files(decoded_before, origins_before, project_before),
                &diff_files(&decoded, &origins, &project),
            ),
        },
    );
    let changes = before_exports
        .as_ref()
        .map_or_else(Vec::new, |b| app_changes(b, &project));
    let mut notes = rules::skipped_for_lack_of_topology(&project, settings)
        .map(|codes| {
            let why = if settings.config.is_some() {
                "gimlint.toml could not be used"
            } else {
                "no gimlint.toml found"
            };
            vec![format!(
                "{why}: {} did not run, since they need the topology (connections and pairs) that option exports do not hold",
                codes.join(", ")
            )]
        })
        .unwrap_or_default();
    notes.extend(skipped.iter().filter_map(discover::Skipped::note));
    // A declared export that is not on disk would otherwise leave the rules over several
    // applications without it, and say nothing (one declared but merely not linted is read
    // as context, or is outside what was asked for).
    if let Some(topology) = &project.topology {
        let config = &topology.config;
        for (declared, found) in config.applications.iter().zip(&topology.file_of) {
            let Some(file) = declared.file.as_ref().filter(|_| found.is_none()) else {
                continue;
            };
            if !config.dir().join(file).exists() {
                notes.push(format!(
                    "gimlint.toml declares `{}` in `{}`, which does not exist: the rules that \
                     compare applications run without it",
                    declared.name,
                    file.to_string_lossy(),
                ));
            }
        }
    }

    let ctx = rules::Context {
        project: &project,
        settings,
        adata_reference: reference.as_ref(),
        before_exports: before_exports.as_ref(),
        suppression_use: None,
        current: 0,
        schema_view: None,
    };
    // Each file's rules, ignores and suppressions are independent of the other files'
    // (rules over several files only read the shared project): all cores, one model per
    // core for the files not kept modelled, results in file order. Context files (after
    // `shown`) are there for the other files' rules only.
    // A file read again that is not the one summarised is not checked: its error says so.
    let checked: Vec<Result<FileCheck, OperationalError>> = project.members[..shown]
        .par_iter()
        .zip(early_checks)
        .enumerate()
        .map(|(index, (member, early))| {
            if let Some(check) = early {
                return Ok(check);
            }
            let decoded = &decoded[origins[index]];
            let read_again;
            let rebuilt;
            let file = match member {
                Member::Modelled(file) => file,
                Member::Summarised(_) => {
                    let source = match decoded.dropped.as_ref().and_then(|d| d.read_again) {
                        Some(digest) => {
                            read_again = read_unchanged(decoded, digest, settings)?;
                            &read_again
                        }
                        None => &decoded.source,
                    };
                    rebuilt = model_of_source(source, decoded)
                        .expect("a summarised file was modelled before");
                    &rebuilt
                }
            };
            let ctx = rules::Context {
                current: index,
                ..ctx
            };
            let canonical = decoded.canonical.as_ref();
            Ok(check_one(file, &ctx, canonical, &path_ignores, &entries))
        })
        .collect();
    let mut entries_used = vec![false; entries.len()];
    // Sized at once: the report holds them until it is rendered, and a vector grown by
    // doubling would hold up to twice their size.
    let found = checked
        .iter()
        .filter_map(|check| check.as_ref().ok())
        .map(|check| check.found.len())
        .sum();
    let mut findings = Vec::with_capacity(found);
    let mut lines_of_files = Vec::with_capacity(checked.len());
    for (index, check) in checked.into_iter().enumerate() {
        let check = match check {
            Ok(check) => check,
            Err(error) => {
                errors.push(error);
                lines_of_files.push(Vec::new());
                continue;
            }
        };
        lines_of_files.push(check.lines);
        for used in check.entries_used {
            entries_used[used] = true;
        }
        findings.extend(check.found.into_iter().map(|mut finding| {
            finding.file = index;
            finding
        }));
    }
    // Findings on gimlint.toml's own entries, once every file told which it used: the
    // file is listed after the exports, and only when it holds some.
    let config_check = config_shown
        .as_deref()
        .zip(project.topology.as_ref().map(|t| &t.config))
        .filter(|_| settings.use_suppressions)
        .and_then(|(shown, config)| {
            let linted: Vec<&PathBuf> = decoded[..requested]
                .iter()
                .filter_map(|d| d.canonical.as_ref())
                .collect();
            let path = ConfigPath {
                shown,
                canonical: paths.canonical(shown),
            };
            config_entry_findings(
                config,
                path,
                &entries,
                &entries_used,
                &linted,
                &path_ignores,
                settings,
            )
        });
    findings.sort_by(|a, b| {
        (a.file, a.span.start, a.rule.code, a.span.end).cmp(&(
            b.file,
            b.span.start,
            b.rule.code,
            b.span.end,
        ))
    });
    let declared = |index: usize| {
        project
            .topology
            .as_ref()
            .and_then(|t| t.declared_for(index))
    };
    let described: Vec<(AppKind, Option<Evidence>, Declaration, Vec<Span>)> = project.members
        [..shown]
        .iter()
        .enumerate()
        .map(|(index, m)| {
            (
                m.kind(),
                m.evidence().cloned(),
                declared(index).map_or(Declaration::default(), |d| Declaration {
                    in_topology: true,
                    connections_declared: d.connections.is_some(),
                }),
                m.secrets().to_vec(),
            )
        })
        .collect();
    let provided = [
        (Need::Topology, project.topology.is_some()),
        (Need::BeforeExports, before_exports.is_some()),
        (Need::AdataReference, reference.is_some()),
    ]
    .into_iter()
    .filter_map(|(need, had)| had.then_some(need))
    .collect();
    // Every secret of every file read: those linted, the context files of gimlint.toml, and
    // the exports before a `diff`.
    let before_members = before_project
        .iter()
        .flat_map(|(before, _, _)| &before.members);
    // (Those of a file whose text was dropped were taken from it before.)
    let secrets_of_members: Vec<(String, String)> = project
        .members
        .iter()
        .chain(before_members)
        .flat_map(|m| secrets::secrets_of_file(&m.source().text, m.secrets()))
        .collect();
    let secrets_of_dropped = decoded
        .iter()
        .filter_map(|d| d.dropped.as_ref())
        .flat_map(|p| &p.secrets);
    let redactor =
        secrets::Redactor::of_secrets(secrets_of_members.iter().chain(secrets_of_dropped));
    // The models borrow the texts: once they are gone, the texts move into the report.
    drop(before_exports);
    drop(project);
    let mut decoded: Vec<Option<Decoded>> = decoded.into_iter().map(Some).collect();
    let mut files = described
        .into_iter()
        .zip(origins)
        .zip(lines_of_files)
        .map(
            |(((kind, evidence, declaration, secrets), origin), lines)| {
                let decoded = decoded[origin]
                    .take()
                    .expect("each file has its own origin");
                let evidence_at = match &decoded.dropped {
                    Some(dropped) => dropped.evidence_at,
                    None => evidence
                        .as_ref()
                        .map(|e| super::locate::range(&decoded.source, e.span)),
                };
                // Standard input and an editor's buffers keep the name they were given.
                let canonical_path = match &decoded.canonical {
                    _ if memory_names.contains(decoded.source.path.as_str()) => {
                        decoded.source.path.clone()
                    }
                    Some(canonical) => paths.of_canonical(canonical),
                    None => paths.canonical(&decoded.source.path),
                };
                LintedFile {
                    path: decoded.source.path.clone(),
                    canonical_path,
                    encoding: decoded.source.encoding,
                    kind,
                    evidence,
                    evidence_at,
                    in_topology: declaration.in_topology,
                    connections_declared: declaration.connections_declared,
                    sha256: decoded.sha256,
                    lines,
                    text: keep_texts.then(|| {
                        Box::new(KeptText {
                            source: decoded.source,
                            secrets,
                        })
                    }),
                }
            },
        )
        .collect::<Vec<_>>();
    if let Some((config_file, found)) = config_check {
        let index = files.len();
        files.push(config_file);
        findings.extend(found.into_iter().map(|mut finding| {
            finding.file = index;
            finding
        }));
    }
    let mut report = Report {
        files,
        findings,
        errors,
        notes,
        changes,
        provided,
        config: config_shown,
        skipped,
        paths,
        redactor,
    };
    report.redact();
    report
}

/// The gimlint.toml nearest above the exports before a `diff`, when it can be read (the run's
/// own gimlint.toml is that of the exports after; this one only names applications).
fn before_config(before: &[Input]) -> Option<crate::config::Config> {
    let Some(Input::Path(path)) = before.first() else {
        return None;
    };
    let start = if path.is_dir() {
        path.as_path()
    } else {
        path.parent()
            .filter(|parent| !parent.as_os_str().is_empty())
            .unwrap_or(std::path::Path::new("."))
    };
    let found = crate::config::locate(None, Some(start))?;
    crate::config::load(&found, &rules::selection::codes_for).ok()
}

impl Report {
    /// Masks every secret of the run in everything the report holds for its reporters:
    /// the lines kept of each file (snippets and places are read from them) and each kept
    /// text's secret spans gain every place a secret of the run appears there, and the
    /// words of findings, notes, errors, changes and evidence are scrubbed.
    fn redact(&mut self) {
        let redactor = &self.redactor;
        self.files.par_iter_mut().for_each(|file| {
            for lines in &mut file.lines {
                let mut hidden = std::mem::take(&mut lines.secrets);
                hidden.extend(redactor.occurrences(&lines.text));
                if !hidden.is_empty() {
                    lines.text = secrets::redact(&lines.text, &disjoint(hidden));
                }
            }
            if let Some(kept) = &mut file.text {
                let found = redactor.occurrences(&kept.source.text);
                if !found.is_empty() {
                    kept.secrets.extend(found);
                    kept.secrets.sort();
                    kept.secrets.dedup();
                }
            }
            if let Some(evidence) = &mut file.evidence {
                redactor.scrub_in_place(&mut evidence.reason);
            }
        });
        self.findings
            .par_iter_mut()
            .for_each(|finding| redactor.scrub_finding(finding));
        self.notes
            .iter_mut()
            .chain(self.errors.iter_mut().map(|e| &mut e.message))
            .for_each(|text| redactor.scrub_in_place(text));
        for change in self.changes.iter_mut().flat_map(|app| &mut app.changes) {
            redactor.scrub_in_place(&mut change.section);
            redactor.scrub_in_place(&mut change.option);
            change
                .before
                .iter_mut()
                .chain(&mut change.after)
                .for_each(|value| redactor.scrub_in_place(value));
        }
    }
}

/// `spans` sorted, those that overlap or touch made one: masking thousands of secrets nested
/// in one another (`;password={;password={…`, each running to the end of the line) costs
/// the length of the line, not its square.
fn disjoint(mut spans: Vec<Span>) -> Vec<Span> {
    spans.sort_unstable();
    let mut merged: Vec<Span> = Vec::with_capacity(spans.len());
    for span in spans {
        match merged.last_mut() {
            Some(last) if span.start <= last.end => last.end = last.end.max(span.end),
            _ => merged.push(span),
        }
    }
    merged
}

/// What gimlint.toml says of a linted file: whether it declares its application, and
/// whether it writes that application's `connections`.
#[derive(Clone, Copy, Default)]
struct Declaration {
    in_topology: bool,
    connections_declared: bool,
}
