//! `--fix`: turning the fixes that findings carry into new file contents, and writing them.
//!
//! Edits are byte spans of the decoded text. They are applied to the file's original bytes,
//! each replacement encoded like the file (UTF-8 with or without BOM, UTF-16, Windows-1252),
//! so every other byte (line endings, comments, order, the BOM) stays as it was. Fixes whose
//! edits overlap are not applied in the same pass: the caller lints again and repeats.

use crate::finding::{Applicability, Edit};
use crate::source::{self, SourceFile};
use crate::Report;
use std::io::Write;
use std::path::Path;

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

/// Applies `edits` to the file on disk that `source` was decoded from: reads it again (a
/// regular file of at most `max_file_size` bytes), checks that it still holds the text that
/// was linted, and writes the result atomically. On any failure the file is left as it is.
pub fn fix_file(source: &SourceFile, edits: &[Edit], max_file_size: u64) -> Result<(), String> {
    let original = crate::discover::read_limited(Path::new(&source.path), max_file_size)?;
    let bytes = apply_to_bytes(source, &original, edits)?;
    write_atomically(Path::new(&source.path), &bytes).map_err(|e| e.to_string())
}

/// Writes `bytes` to a temporary file beside `path`, flushed to disk with the permissions of
/// the file it replaces, then renames it over `path`: a reader never sees half a file, and a
/// failure leaves the original intact. A read-only file is not replaced (a rename would
/// replace it whatever its permissions), and the temporary file is created new, so a link
/// planted in its place is not followed.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = path
        .file_name()
        .ok_or_else(|| std::io::Error::other("not a file path"))?;
    if std::fs::metadata(path).is_ok_and(|m| m.permissions().readonly()) {
        return Err(std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            "the file is read-only",
        ));
    }
    let mut temporary_name = std::ffi::OsString::from(".");
    temporary_name.push(name);
    temporary_name.push(".gimlint-tmp");
    let temporary = path.with_file_name(temporary_name);
    let result = (|| {
        let create = || {
            std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&temporary)
        };
        let mut file = match create() {
            // Left by a run that was killed: remove it (a link itself, not its target).
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
                std::fs::remove_file(&temporary)?;
                create()?
            }
            other => other?,
        };
        file.write_all(bytes)?;
        file.sync_all()?;
        if let Ok(metadata) = std::fs::metadata(path) {
            std::fs::set_permissions(&temporary, metadata.permissions())?;
        }
        std::fs::rename(&temporary, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result
}

/// A unified diff of one file's text, for `--diff`.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .header(
            &format!("a/{}", path.trim_start_matches('/')),
            &format!("b/{}", path.trim_start_matches('/')),
        )
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

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
