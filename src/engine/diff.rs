//! `gimlint diff`: which export of before each export of after is, and what changed.

use super::inputs::{file_name, Decoded};
use super::AppChanges;
use crate::base::text::closest;
use crate::base::AppKind;
use crate::model::{self, FileModel, Member, Project};
use crate::rules;

/// A file of one side of `diff`, as pairing reads it.
pub(super) struct DiffFile<'d> {
    /// Its path below the folder named.
    pub(super) relative: &'d str,
    pub(super) kind: AppKind,
    /// The application that side's gimlint.toml declares in it.
    pub(super) application: Option<&'d str>,
}

/// For each file of `after`, the index of the file of `before` it is the export of: the
/// other file when each side is one file, else the file of the application of the same
/// name when both sides' gimlint.toml declare one, else the same path below the named
/// folder, else the same file name when only one file has it, else the one file of the same
/// kind whose name is the same once normalized ([`normalized_name`]: `ICON_Voice_Back.cfg`
/// and `icon_voice_back_85.cfg`).
pub(super) fn pair_files(before: &[DiffFile], after: &[DiffFile]) -> Vec<Option<usize>> {
    // Two files compared directly are each other's counterpart, whatever their names.
    if before.len() == 1 && after.len() == 1 {
        return vec![Some(0)];
    }
    // gimlint.toml's names say which application a file is, whatever it is called; a name
    // declared twice on a side pairs nothing.
    let mut by_application: std::collections::HashMap<&str, Option<usize>> = Default::default();
    for (index, file) in before.iter().enumerate() {
        if let Some(name) = file.application {
            by_application
                .entry(name)
                .and_modify(|only| *only = None)
                .or_insert(Some(index));
        }
    }
    let mut after_names: std::collections::HashMap<&str, usize> = Default::default();
    for name in after.iter().filter_map(|f| f.application) {
        *after_names.entry(name).or_default() += 1;
    }
    let by_declared_name = |file: &DiffFile| {
        let name = file.application?;
        (after_names.get(name) == Some(&1))
            .then(|| by_application.get(name).copied().flatten())
            .flatten()
    };
    let mut by_path = std::collections::HashMap::new();
    let mut by_name: std::collections::HashMap<String, Option<usize>> = Default::default();
    for (index, file) in before.iter().enumerate() {
        by_path.entry(file.relative).or_insert(index);
        by_name
            .entry(file_name(std::path::Path::new(file.relative)))
            .and_modify(|only| *only = None)
            .or_insert(Some(index));
    }
    let paired_by_name: Vec<Option<usize>> = after.iter().map(by_declared_name).collect();
    let named: std::collections::HashSet<usize> =
        paired_by_name.iter().flatten().copied().collect();
    let mut paired: Vec<Option<usize>> = after
        .iter()
        .zip(paired_by_name)
        .map(|(file, by_declared)| {
            by_declared.or_else(|| {
                by_path
                    .get(file.relative)
                    .copied()
                    .or_else(|| {
                        by_name
                            .get(&file_name(std::path::Path::new(file.relative)))
                            .copied()
                            .flatten()
                    })
                    .filter(|index| !named.contains(index))
            })
        })
        .collect();
    // What is left is paired by kind and normalized name, where exactly one file of each
    // side has them: two candidates are a guess, and a guess is left unpaired.
    let taken: std::collections::HashSet<usize> = paired.iter().flatten().copied().collect();
    let key = |file: &DiffFile| (file.kind, normalized_name(file.relative));
    let mut before_by_key: std::collections::HashMap<_, Option<usize>> = Default::default();
    for (index, file) in before.iter().enumerate() {
        if !taken.contains(&index) {
            before_by_key
                .entry(key(file))
                .and_modify(|only| *only = None)
                .or_insert(Some(index));
        }
    }
    let mut after_count: std::collections::HashMap<_, usize> = Default::default();
    for (file, pair) in after.iter().zip(&paired) {
        if pair.is_none() {
            *after_count.entry(key(file)).or_default() += 1;
        }
    }
    for (file, pair) in after.iter().zip(&mut paired) {
        let key = key(file);
        if pair.is_none() && after_count.get(&key) == Some(&1) {
            *pair = before_by_key.get(&key).copied().flatten();
        }
    }
    paired
}

/// A file's name as the same application's exports are named across releases and hands:
/// without its folder and extension, in lower case, `-`, `_`, `.` and spaces removed, and
/// without a release or age suffix (`_85`, `_8.5`, `_v85`, `-new`, `-old`).
pub(super) fn normalized_name(relative: &str) -> String {
    let path = std::path::Path::new(relative);
    let stem = path
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().to_lowercase());
    let mut words: Vec<&str> = stem
        .split(['_', '-', ' '])
        .filter(|w| !w.is_empty())
        .collect();
    let is_suffix = |word: &str| {
        let release = word.strip_prefix('v').unwrap_or(word);
        matches!(word, "new" | "old")
            || (!release.is_empty() && release.chars().all(|c| c.is_ascii_digit() || c == '.'))
    };
    // Several suffixes may follow one another (`_85_new`); a name is never emptied.
    while words.len() > 1 && words.last().is_some_and(|w| is_suffix(w)) {
        words.pop();
    }
    words.concat().replace('.', "")
}

/// Of `candidates` (paths), the one whose file name is closest to that of `path`, when
/// one is close.
fn closest_file<'c>(path: &str, candidates: impl Iterator<Item = &'c str>) -> Option<String> {
    let name = |path: &str| file_name(std::path::Path::new(path));
    let candidates: Vec<(String, &str)> = candidates.map(|c| (name(c), c)).collect();
    let found = closest(&name(path), candidates.iter().map(|(n, _)| n.as_str()))?;
    candidates
        .iter()
        .find(|(n, _)| n == found)
        .map(|(_, c)| (*c).to_owned())
}

/// Each project file as pairing reads it: its path relative to the folder it was found in,
/// its kind and the application its gimlint.toml declares in it.
pub(super) fn diff_files<'d>(
    decoded: &'d [Decoded],
    origins: &[usize],
    project: &'d Project,
) -> Vec<DiffFile<'d>> {
    origins
        .iter()
        .zip(&project.members)
        .enumerate()
        .map(|(index, (&o, member))| DiffFile {
            relative: decoded[o].relative.as_str(),
            kind: member.kind(),
            application: project
                .topology
                .as_ref()
                .and_then(|t| t.declared_for(index))
                .map(|declared| declared.name.as_str()),
        })
        .collect()
}

/// What changed in each application: paired files compared option by option, after files
/// with no counterpart as new, before files with none as gone.
pub(super) fn app_changes(before_exports: &rules::Before, after: &Project) -> Vec<AppChanges> {
    let mut all = Vec::new();
    for (index, file) in after.members.iter().enumerate() {
        let before =
            before_exports.paired[index].and_then(|b| before_exports.project.members.get(b));
        // `diff` keeps every model on both sides.
        let changes = match (before.and_then(Member::modelled), file.modelled()) {
            (Some(FileModel::Options(old)), Some(FileModel::Options(new))) => {
                model::diff::changes(old, new)
            }
            (Some(FileModel::AdataSpec(old)), Some(FileModel::AdataSpec(new))) => {
                model::diff::spec_changes(old, new)
            }
            _ => Vec::new(),
        };
        if before.is_none() || !changes.is_empty() {
            all.push(AppChanges {
                before: before.map(|b| b.source().path.clone()),
                after: Some(file.source().path.clone()),
                similar: None,
                changes,
            });
        }
    }
    let paired: std::collections::HashSet<usize> =
        before_exports.paired.iter().flatten().copied().collect();
    let gone: Vec<&str> = before_exports
        .project
        .members
        .iter()
        .enumerate()
        .filter(|(index, _)| !paired.contains(index))
        .map(|(_, file)| file.source().path.as_str())
        .collect();
    let new: Vec<String> = all
        .iter()
        .filter(|app| app.before.is_none())
        .filter_map(|app| app.after.clone())
        .collect();
    for app in all.iter_mut().filter(|app| app.before.is_none()) {
        app.similar = app
            .after
            .as_deref()
            .and_then(|after| closest_file(after, gone.iter().copied()));
    }
    for path in gone {
        all.push(AppChanges {
            before: Some(path.to_owned()),
            after: None,
            similar: closest_file(path, new.iter().map(String::as_str)),
            changes: Vec::new(),
        });
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_normalized_without_case_separators_and_release_suffixes() {
        for name in [
            "ICON_Voice_Back.cfg",
            "icon_voice_back_85.cfg",
            "icon-voice-back_8.5.cfg",
            "ICON Voice Back_v85.cfg",
            "exports/icon_voice_back-new.cfg",
            "icon_voice_back-old_85.cfg",
        ] {
            assert_eq!(normalized_name(name), "iconvoiceback", "{name}");
        }
        assert_eq!(normalized_name("85.cfg"), "85", "a name is never emptied");
        assert_eq!(normalized_name("gim_server_a.cfg"), "gimservera");
    }

    fn files<'a>(files: &[(&'a str, AppKind, Option<&'a str>)]) -> Vec<DiffFile<'a>> {
        files
            .iter()
            .map(|&(relative, kind, application)| DiffFile {
                relative,
                kind,
                application,
            })
            .collect()
    }

    #[test]
    fn exports_pair_by_kind_and_normalized_name_when_one_of_each_has_it() {
        let icon = AppKind::Icon;
        let gim = AppKind::Gim;
        let before = files(&[
            ("ICON_Voice_Back.cfg", icon, None),
            ("gim_server.cfg", gim, None),
            ("dup_a.cfg", icon, None),
            ("old_only.cfg", icon, None),
        ]);
        let after = files(&[
            ("icon_voice_back_85.cfg", icon, None),
            // Same normalized name, other kind: not the same application.
            ("gim-server_v85.cfg", icon, None),
            ("dup-a.cfg", icon, None),
            ("dup_a_new.cfg", icon, None),
        ]);
        assert_eq!(
            pair_files(&before, &after),
            [Some(0), None, None, None],
            "two after files of one name are a guess"
        );
    }

    #[test]
    fn gimlint_toml_names_pair_before_any_file_name() {
        let icon = AppKind::Icon;
        let before = files(&[
            ("site1/icon_a.cfg", icon, Some("ICON_Voice_Primary")),
            ("site1/icon_b.cfg", icon, Some("ICON_Voice_Backup")),
            ("twice_1.cfg", icon, Some("Twice")),
            ("twice_2.cfg", icon, Some("Twice")),
        ]);
        let after = files(&[
            // The file names swapped between releases: the names say which is which.
            ("site1/icon_b.cfg", icon, Some("ICON_Voice_Primary")),
            ("site1/icon_a.cfg", icon, Some("ICON_Voice_Backup")),
            ("twice_1.cfg", icon, Some("Twice")),
        ]);
        assert_eq!(
            pair_files(&before, &after),
            // A name declared twice before pairs nothing by name; the path still pairs.
            [Some(0), Some(1), Some(2)]
        );
    }
}
