//! `gimlint diff`: which export of before each export of after is, and what changed.

use super::inputs::{file_name, Decoded};
use super::AppChanges;
use crate::model::{self, FileModel, Member, Project};
use crate::rules;

/// For each file of `after`, the index of the file of `before` it is the export of: the
/// other file when each side is one file, else the same path below the named folder, else
/// the same file name when only one file has it.
pub(super) fn pair_files(before_relative: &[&str], after_relative: &[&str]) -> Vec<Option<usize>> {
    // Two files compared directly are each other's counterpart, whatever their names.
    if before_relative.len() == 1 && after_relative.len() == 1 {
        return vec![Some(0)];
    }
    let mut by_path = std::collections::HashMap::new();
    let mut by_name: std::collections::HashMap<String, Option<usize>> = Default::default();
    for (index, relative) in before_relative.iter().enumerate() {
        by_path.entry(*relative).or_insert(index);
        by_name
            .entry(file_name(std::path::Path::new(relative)))
            .and_modify(|only| *only = None)
            .or_insert(Some(index));
    }
    after_relative
        .iter()
        .map(|relative| {
            by_path.get(relative).copied().or_else(|| {
                by_name
                    .get(&file_name(std::path::Path::new(relative)))
                    .copied()
                    .flatten()
            })
        })
        .collect()
}

/// The path of each project file relative to the folder it was found in.
pub(super) fn relative_paths<'d>(decoded: &'d [Decoded], origins: &[usize]) -> Vec<&'d str> {
    origins
        .iter()
        .map(|&o| decoded[o].relative.as_str())
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
            _ => Vec::new(),
        };
        if before.is_none() || !changes.is_empty() {
            all.push(AppChanges {
                before: before.map(|b| b.source().path.clone()),
                after: Some(file.source().path.clone()),
                changes,
            });
        }
    }
    let paired: std::collections::HashSet<usize> =
        before_exports.paired.iter().flatten().copied().collect();
    for (index, file) in before_exports.project.members.iter().enumerate() {
        if !paired.contains(&index) {
            all.push(AppChanges {
                before: Some(file.source().path.clone()),
                after: None,
                changes: Vec::new(),
            });
        }
    }
    all
}
