//! The project of a run: every decoded file modelled or summarised, gimlint.toml's
//! declarations applied, and a bounded number of models kept for the rules that read other
//! files; what is left of a file whose text was dropped, and reading it again.

use super::check::{check_one, FileCheck};
use super::inputs::{read_again, Decoded};
use super::suppress::{ConfigSuppression, PathIgnores};
use super::OperationalError;
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
/// times its text), of the files that keep their texts (given in memory, or under `--fix`
/// and `--diff`): beyond it, files are summarised and re-modelled when checked.
pub(super) const MODELLED_TEXT_BUDGET: usize = 2 << 20;

/// Models every decoded file, then applies gimlint.toml: declared kinds override inferred
/// ones, and declared applications are matched with their exports. With `keep_all`, every
/// model is kept; otherwise the models within [`MODELLED_TEXT_BUDGET`] and those that the
/// rules of other files read (files gimlint.toml declares, and specifications), and a
/// summary of the others. A summarised file is given to `check_early` (with its index in
/// `decoded`) while its model is at hand: what it returns is the file's check, done.
/// Also returns, for each member of the project, the index of its `decoded` entry and its
/// early check.
/// A file whose text was dropped as soon as it was decoded is summarised from what it left
/// (`prechecks` holds its check when it was checked then, by index in `decoded`).
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
            if let Some(dropped) = &d.dropped {
                let summary = Summary {
                    source: &d.source,
                    kind: dropped.kind,
                    evidence: dropped.evidence.clone(),
                    secrets: Vec::new(),
                    gim_roles: dropped.gim_roles.clone(),
                };
                return Some((Member::Summarised(summary), precheck));
            }
            let file = model_of(d)?;
            let keep = keep_all
                || within_budget
                || matches!(file, FileModel::AdataSpec(_))
                || d.canonical.as_ref().is_some_and(|c| declared.contains(c));
            Some(if keep {
                (Member::Modelled(Box::new(file)), None)
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
            let (Some(kind), Some(Member::Modelled(file))) = (
                declared.kind.and_then(|k| k.app_kind()),
                file.and_then(|i| files.get_mut(i)),
            ) else {
                continue;
            };
            let FileModel::Options(app) = &mut **file else {
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

/// What is left of a file whose text was dropped as soon as it was decoded: what the
/// project keeps of it, and what the end of the run needs of its text. Either the file was
/// checked then (`check`, until the project takes it), or it is read again from disk to be
/// checked once every file is summarised (`read_again`).
pub(super) struct TextDropped {
    kind: AppKind,
    evidence: Option<Evidence>,
    pub(super) evidence_at: Option<Range>,
    gim_roles: Vec<String>,
    pub(super) check: Option<FileCheck>,
    /// What the run's redactor looks for of the file's secrets.
    pub(super) secrets: Vec<(String, String)>,
    /// For a file checked after every file is summarised: what its text was, to tell
    /// whether the file read again is the one summarised.
    pub(super) read_again: Option<TextDigest>,
}

/// The encoding, length and a keyed hash of a decoded text: two reads of a file that agree
/// on them give the rules the same text. (The bytes themselves are gone once decoded.)
/// SipHash with this process's random keys: cheaper than SHA-256 where the processor has
/// no SHA instructions, and no collision can be prepared without the keys.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) struct TextDigest {
    encoding: crate::source::Encoding,
    len: usize,
    hash: u64,
}

/// The keys of every [`TextDigest`] of this process.
static DIGEST_KEYS: std::sync::LazyLock<std::hash::RandomState> =
    std::sync::LazyLock::new(std::hash::RandomState::new);

impl TextDigest {
    pub(super) fn of(source: &SourceFile) -> TextDigest {
        use std::hash::BuildHasher;
        TextDigest {
            encoding: source.encoding,
            len: source.text.len(),
            hash: DIGEST_KEYS.hash_one(source.text.as_bytes()),
        }
    }
}

/// The file of `decoded` read again, when it is the one summarised (its text gives
/// `digest`); otherwise the error that says why it is not checked.
pub(super) fn read_unchanged(
    decoded: &Decoded,
    digest: TextDigest,
    settings: &crate::settings::Settings,
) -> Result<SourceFile, OperationalError> {
    let message = match read_again(decoded, settings) {
        Ok(source) if TextDigest::of(&source) == digest => return Ok(source),
        Ok(_) => "changed while gimlint ran: not checked (lint it again)".to_owned(),
        Err(why) => format!("could not be read again to be checked ({why}): not checked"),
    };
    Err(OperationalError {
        path: decoded.source.path.clone(),
        message,
    })
}

/// Drops the text of `decoded` when nothing of the run needs it before its own check: an
/// option export that no rule reading other files checks is checked now (`ctx` reads nothing
/// of the run, which has a topology when `has_topology`); one that such a rule checks is
/// summarised now and read again for its check, when `can_read_again` (it came from disk).
/// `None` for a file that keeps its text: a specification (the rules of other files read
/// it), XML that is not one, or a file that cannot be read again.
pub(super) fn drop_text(
    decoded: &Decoded,
    ctx: &rules::Context,
    has_topology: bool,
    can_read_again: bool,
    path_ignores: &PathIgnores,
    entries: &[ConfigSuppression],
) -> Option<TextDropped> {
    let file = model_of(decoded)?;
    if matches!(file, FileModel::AdataSpec(_)) {
        return None;
    }
    let read_later = rules::reads_other_files(file.kind(), ctx.settings, has_topology);
    if read_later && !can_read_again {
        return None;
    }
    let check = (!read_later).then(|| {
        check_one(
            &file,
            ctx,
            decoded.canonical.as_ref(),
            path_ignores,
            entries,
        )
    });
    let summary = Summary::of(&file);
    Some(TextDropped {
        kind: summary.kind,
        evidence_at: summary
            .evidence
            .as_ref()
            .map(|e| super::locate::range(&decoded.source, e.span)),
        evidence: summary.evidence,
        gim_roles: summary.gim_roles,
        check,
        secrets: secrets::secrets_of_file(&decoded.source.text, file.secrets()),
        read_again: read_later.then(|| TextDigest::of(&decoded.source)),
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
    model_of_source(&decoded.source, decoded)
}

/// The model of `source`, the text of `decoded` (which may have been dropped since).
pub(super) fn model_of_source<'s>(
    source: &'s SourceFile,
    decoded: &Decoded,
) -> Option<FileModel<'s>> {
    if decoded.xml {
        SpecFile::recognise(source, decoded.explicit).map(FileModel::AdataSpec)
    } else {
        Some(FileModel::Options(Application::new(source)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::inputs::{keep, read_inputs};
    use crate::engine::Input;
    use crate::settings::Settings;

    /// The one file of `input`, decoded, and what dropping its text leaves (`can_read_again`
    /// as a run says it).
    fn decoded_and_dropped(
        input: Input,
        settings: &Settings,
        can_read_again: bool,
    ) -> (Decoded, Option<TextDropped>) {
        let decoded = read_inputs(&[input], settings, &mut Vec::new(), &mut Vec::new(), &keep)
            .pop()
            .expect("the file decodes");
        let no_other_files = Project::new(Vec::new(), None);
        let ctx = rules::Context {
            project: &no_other_files,
            settings,
            adata_reference: None,
            before_exports: None,
            suppression_use: None,
            current: 0,
            schema_view: None,
        };
        let dropped = drop_text(
            &decoded,
            &ctx,
            false,
            can_read_again,
            &PathIgnores::default(),
            &[],
        );
        (decoded, dropped)
    }

    /// A DAP (GIM010 compares the roles of every DAP of the run) is summarised as it is
    /// decoded and its text dropped; it is checked with its text read again, and only when
    /// that is the text summarised: a file changed between the two reads is not checked
    /// with what was read first, nor with what is there now.
    #[test]
    fn a_dap_is_read_again_for_its_check_and_must_be_unchanged() {
        let settings = Settings::all_rules("2026-11-18");
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("dap.cfg");
        let text = "[gim-etl]\nrole=ICON_CORE\n";
        std::fs::write(&path, text).unwrap();
        let (decoded, dropped) = decoded_and_dropped(Input::Path(path.clone()), &settings, true);
        let dropped = dropped.expect("a DAP read from disk keeps no text");
        assert_eq!(dropped.kind, AppKind::Dap);
        assert_eq!(dropped.gim_roles, ["ICON_CORE"]);
        assert!(dropped.check.is_none(), "checked before the fleet is known");
        let digest = dropped.read_again.expect("read again for its check");

        let again = read_unchanged(&decoded, digest, &settings).unwrap();
        assert_eq!(again.text, text);

        std::fs::write(&path, "[gim-etl]\nrole=INFO_MART\n").unwrap();
        let changed = read_unchanged(&decoded, digest, &settings).unwrap_err();
        assert_eq!(changed.path, decoded.source.path);
        assert_eq!(
            changed.message,
            "changed while gimlint ran: not checked (lint it again)"
        );

        std::fs::remove_file(&path).unwrap();
        let gone = read_unchanged(&decoded, digest, &settings).unwrap_err();
        assert!(
            gone.message
                .starts_with("could not be read again to be checked ("),
            "{}",
            gone.message
        );
    }

    /// A file given in memory cannot be read again: a DAP keeps its text.
    #[test]
    fn a_dap_given_in_memory_keeps_its_text() {
        let settings = Settings::all_rules("2026-11-18");
        let input = Input::Memory {
            name: "dap.cfg".into(),
            bytes: b"[gim-etl]\nrole=ICON_CORE\n".to_vec(),
        };
        assert!(decoded_and_dropped(input, &settings, false).1.is_none());
    }
}
