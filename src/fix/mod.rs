//! `--fix`: turning the fixes that findings carry into new file contents, and writing them.
//!
//! Edits are byte spans of the decoded text. They are applied to the file's original bytes,
//! each replacement encoded like the file (UTF-8 with or without BOM, UTF-16, Windows-1252),
//! so every other byte (line endings, comments, order, the BOM) stays as it was. Fixes whose
//! edits overlap are not applied in the same pass: the caller lints again and repeats.

mod diff;
mod write;

pub use diff::{shown_diff, FixedText, ShownDiff};
pub use write::{create_whole, is_standard_output, write_output};

use crate::diagnostic::{Applicability, Edit};
use crate::engine::Report;
use crate::source::{self, SourceFile};
use std::fs::{self, OpenOptions};
use std::io::{self, Read};
use std::path::{Component, Path, PathBuf};
use write::replace_contents;

/// The edits to make to one file of a report.
#[derive(Debug)]
pub struct FilePatch {
    /// Index in [`Report::files`].
    pub file: usize,
    /// Sorted by position, never overlapping.
    pub edits: Vec<Edit>,
    /// How many findings these edits fix.
    pub fixes: usize,
}

fn overlaps(a: &Edit, b: &Edit) -> bool {
    (a.span.start < b.span.end && b.span.start < a.span.end) || a.span.start == b.span.start
}

/// The fixes to apply: safe ones, and suggestions too with `unsafe_fixes`. Per file, a fix
/// is taken whole or not at all, and only when none of its edits overlaps an edit already
/// taken.
pub fn plan(report: &Report, unsafe_fixes: bool) -> Vec<FilePatch> {
    // By file index: a search through the patches for each finding would be quadratic in
    // the number of files.
    let mut patches: std::collections::BTreeMap<usize, FilePatch> = Default::default();
    for finding in &report.findings {
        let Some(fix) = &finding.fix else { continue };
        // Fixes apply to the text a run kept (`lint_keeping_texts`).
        if report.files[finding.file].text.is_none() {
            continue;
        }
        if fix.applicability == Applicability::Suggestion && !unsafe_fixes {
            continue;
        }
        let patch = patches.entry(finding.file).or_insert_with(|| FilePatch {
            file: finding.file,
            edits: Vec::new(),
            fixes: 0,
        });
        if fix
            .edits
            .iter()
            .any(|e| patch.edits.iter().any(|taken| overlaps(e, taken)))
        {
            continue;
        }
        patch.edits.extend(fix.edits.iter().cloned());
        patch.fixes += 1;
    }
    patches
        .into_values()
        .filter(|patch| patch.fixes > 0)
        .map(|mut patch| {
            patch.edits.sort_by_key(|e| (e.span.start, e.span.end));
            patch
        })
        .collect()
}

/// `text` with `edits` (sorted, not overlapping) applied.
pub fn apply_to_text(text: &str, edits: &[Edit]) -> String {
    let mut out = text.to_owned();
    for edit in edits.iter().rev() {
        out.replace_range(edit.span.range(), &edit.replacement);
    }
    out
}

/// The file's `original` bytes with `edits` applied, each replacement in the file's own
/// encoding. Fails when the bytes no longer decode to the text that was linted (the file
/// changed meanwhile) or when the encoding cannot write a replacement.
pub fn apply_to_bytes(
    source: &SourceFile,
    original: &[u8],
    edits: &[Edit],
) -> Result<Vec<u8>, String> {
    let current = source::decode(source.path.clone(), original).map_err(|e| e.to_string())?;
    if current.text != source.text {
        return Err("the file changed since it was linted".into());
    }
    let mut bytes = original.to_vec();
    for edit in edits.iter().rev() {
        let start = source.byte_offset(edit.span.start);
        let end = source.byte_offset(edit.span.end);
        let replacement = source.encode(&edit.replacement).ok_or_else(|| {
            format!(
                "{} cannot write {:?}",
                source.encoding.label(),
                edit.replacement
            )
        })?;
        bytes.splice(start..end, replacement);
    }
    Ok(bytes)
}

/// The file on disk that a report's `path` names. A path is shown with every byte sequence
/// that is not UTF-8 replaced by U+FFFD, which names no file: such a component is found
/// again among its folder's entries, as the one whose name reads the same. Two that read
/// the same cannot be told apart, and neither is written.
pub fn path_on_disk(path: &str) -> Result<PathBuf, String> {
    if !path.contains(char::REPLACEMENT_CHARACTER) {
        return Ok(PathBuf::from(path));
    }
    let mut found = PathBuf::new();
    for component in Path::new(path).components() {
        let shown = component.as_os_str().to_string_lossy();
        if !matches!(component, Component::Normal(_))
            || !shown.contains(char::REPLACEMENT_CHARACTER)
        {
            found.push(component);
            continue;
        }
        let folder = if found.as_os_str().is_empty() {
            Path::new(".")
        } else {
            &found
        };
        let mut same = fs::read_dir(folder)
            .map_err(|e| e.to_string())?
            .filter_map(|entry| entry.ok().map(|entry| entry.file_name()))
            .filter(|name| name.to_string_lossy() == shown);
        match (same.next(), same.next()) {
            (Some(name), None) => found.push(name),
            (None, _) => return Err(format!("no name in its folder reads as `{shown}`")),
            (Some(_), Some(_)) => {
                return Err(format!(
                    "several names in its folder read as `{shown}` (they are not UTF-8): not told apart"
                ))
            }
        }
    }
    Ok(found)
}

/// The bytes of the file on disk that `source` was read from, as they are now (a regular
/// file of at most `max_file_size` bytes): what `--diff` checks its edits against.
pub fn read_current(source: &SourceFile, max_file_size: u64) -> Result<Vec<u8>, String> {
    crate::discover::read_limited(&path_on_disk(&source.path)?, max_file_size)
}

/// Applies `edits` to the file on disk that `source` was read from: opens it for reading
/// and writing (the system's own answer to whether this user may write it, whatever its
/// mode bits say), reads it again (a regular file of at most `max_file_size` bytes), checks
/// that it still holds the text that was linted, and writes the result keeping the file's
/// identity (see [`replace_contents`]). On any failure the file is left as it is.
pub fn fix_file(source: &SourceFile, edits: &[Edit], max_file_size: u64) -> Result<(), String> {
    let path = path_on_disk(&source.path)?;
    // A FIFO or a device is never opened: opening could block, or act on the device.
    if !fs::metadata(&path).map_err(|e| e.to_string())?.is_file() {
        return Err("not a regular file".into());
    }
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .open(&path)
        .map_err(|error| cannot_open(&path, error))?;
    let metadata = file.metadata().map_err(|e| e.to_string())?;
    if !metadata.is_file() {
        return Err("not a regular file".into());
    }
    let mut original = Vec::new();
    Read::by_ref(&mut file)
        .take(max_file_size + 1)
        .read_to_end(&mut original)
        .map_err(|e| e.to_string())?;
    if original.len() as u64 > max_file_size {
        return Err(format!(
            "the file grew past the {} limit: not read (raise it with --max-file-size)",
            crate::discover::size_of(max_file_size)
        ));
    }
    let bytes = apply_to_bytes(source, &original, edits)?;
    replace_contents(&path, file, &metadata, &bytes, Some(&original)).map_err(|e| e.to_string())
}

/// Why a file could not be opened for writing, said plainly when the system refused.
fn cannot_open(path: &Path, error: io::Error) -> String {
    if error.kind() != io::ErrorKind::PermissionDenied {
        return error.to_string();
    }
    if fs::metadata(path).is_ok_and(|m| m.permissions().readonly()) {
        "the file is read-only".into()
    } else {
        format!("this user may not write the file: {error}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::span::Span;

    fn edit(start: usize, end: usize, replacement: &str) -> Edit {
        Edit {
            span: Span::new(start, end),
            replacement: replacement.into(),
        }
    }

    #[test]
    fn edits_change_only_their_bytes_in_the_file_encoding() {
        let original = b"\xFF\xFE[\0s\0]\0\r\0\n\0k\0=\0T\0R\0U\0E\0\r\0\n\0";
        let source = source::decode("x".into(), original).unwrap();
        let at = source.text.find("TRUE").unwrap();
        let bytes = apply_to_bytes(&source, original, &[edit(at, at + 4, "false")]).unwrap();
        let fixed = source::decode("x".into(), &bytes).unwrap();
        assert_eq!(fixed.text, "[s]\r\nk=false\r\n");
        assert_eq!(&bytes[..2], b"\xFF\xFE", "the BOM stays");
    }

    #[test]
    fn a_changed_file_is_not_patched() {
        let source = source::decode("x".into(), b"[s]\nk=1\n").unwrap();
        assert!(apply_to_bytes(&source, b"[s]\nk=2\n", &[edit(6, 7, "3")]).is_err());
    }

    #[test]
    fn overlapping_edits_wait_for_the_next_pass() {
        assert!(overlaps(&edit(5, 5, "a"), &edit(5, 5, "b")));
        assert!(overlaps(&edit(2, 6, "a"), &edit(5, 9, "b")));
        assert!(!overlaps(&edit(2, 5, "a"), &edit(5, 9, "b")));
        assert_eq!(
            apply_to_text("abcdef", &[edit(1, 2, "X"), edit(4, 4, "Y")]),
            "aXcdYef"
        );
    }
}
