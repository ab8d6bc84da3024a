//! `--fix`: turning the fixes that findings carry into new file contents, and writing them.
//!
//! Edits are byte spans of the decoded text. They are applied to the file's original bytes,
//! each replacement encoded like the file (UTF-8 with or without BOM, UTF-16, Windows-1252),
//! so every other byte (line endings, comments, order, the BOM) stays as it was. Fixes whose
//! edits overlap are not applied in the same pass: the caller lints again and repeats.

use crate::base::escape::{no_command_lines, Escaped};
use crate::diagnostic::{Applicability, Edit};
use crate::engine::Report;
use crate::source::{self, SourceFile};
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, Write};
use std::path::{Component, Path, PathBuf};

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

/// Writes a file the user named for output (`--output-file`, `--write-baseline`, `report
/// -o`). Standard output or error (`/dev/stdout`, `/dev/fd/2`, or the file either goes to)
/// is written through the stream gimlint already holds, so a shell's `>>` still appends;
/// another character device or a FIFO is opened and written (a FIFO waits for its reader,
/// as with a shell's `>`). An existing regular file is rewritten like a fixed export: only
/// when this user may write it, through a symbolic link rather than over it, keeping its
/// hard links, owner, group and mode. A new file is created whole, by a rename. A link to
/// nothing is not followed: it is how a planted link would create a file elsewhere.
pub fn write_output(path: &Path, bytes: &[u8]) -> io::Result<()> {
    #[cfg(unix)]
    match standard_stream(path) {
        Some(StandardStream::Output) => {
            let mut stdout = io::stdout().lock();
            return stdout.write_all(bytes).and_then(|()| stdout.flush());
        }
        Some(StandardStream::Error) => return io::stderr().lock().write_all(bytes),
        None => {}
    }
    let kind = match fs::metadata(path) {
        Ok(metadata) => metadata.file_type(),
        Err(error) if error.kind() == io::ErrorKind::NotFound => {
            if fs::symlink_metadata(path).is_ok() {
                return Err(io::Error::new(
                    io::ErrorKind::NotFound,
                    "a link to a file that does not exist: not followed",
                ));
            }
            return create_whole(path, bytes);
        }
        Err(error) => return Err(error),
    };
    if !kind.is_file() && !is_stream(&kind) {
        return Err(io::Error::other(
            "not a regular file, a character device or a FIFO",
        ));
    }
    let mut file = OpenOptions::new().write(true).open(path)?;
    let metadata = file.metadata()?;
    if metadata.is_file() {
        replace_contents(path, file, &metadata, bytes, None)
    } else if is_stream(&metadata.file_type()) {
        file.write_all(bytes)
    } else {
        Err(io::Error::other("replaced while gimlint opened it"))
    }
}

/// One of the standard streams of this process.
#[cfg(unix)]
enum StandardStream {
    Output,
    Error,
}

/// The standard stream that `path` leads to, if any: the same file (a terminal, a pipe,
/// or the file it is redirected to) as standard output or error.
#[cfg(unix)]
fn standard_stream(path: &Path) -> Option<StandardStream> {
    use std::os::fd::AsFd;
    let named = fs::metadata(path).ok()?;
    let is = |stream: std::os::fd::BorrowedFd<'_>| {
        stream
            .try_clone_to_owned()
            .and_then(|owned| File::from(owned).metadata())
            .is_ok_and(|stream| same_file(&stream, &named))
    };
    if is(io::stdout().as_fd()) {
        Some(StandardStream::Output)
    } else if is(io::stderr().as_fd()) {
        Some(StandardStream::Error)
    } else {
        None
    }
}

/// Whether `path` is where standard output goes: the report is then written there once.
/// (Windows gives std no file identity to compare.)
pub fn is_standard_output(path: &Path) -> bool {
    #[cfg(unix)]
    return matches!(standard_stream(path), Some(StandardStream::Output));
    #[cfg(not(unix))]
    {
        let _ = path;
        false
    }
}

/// A character device or a FIFO: written as a stream, never replaced.
fn is_stream(kind: &fs::FileType) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        kind.is_char_device() || kind.is_fifo()
    }
    #[cfg(not(unix))]
    {
        let _ = kind;
        false
    }
}

/// Both describe the same file.
#[cfg(unix)]
fn same_file(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

/// Windows has no stable file identity in std's metadata: the path is trusted.
#[cfg(not(unix))]
fn same_file(_: &fs::Metadata, _: &fs::Metadata) -> bool {
    true
}

/// `.NAME.suffix`, beside the file `path` names.
fn beside(path: &Path, suffix: &str) -> io::Result<PathBuf> {
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::other("not a file path"))?;
    let mut hidden = std::ffi::OsString::from(".");
    hidden.push(name);
    hidden.push(".");
    hidden.push(suffix);
    Ok(path.with_file_name(hidden))
}

/// Suffix of the temporary file that is renamed over the original.
const TEMPORARY: &str = "gimlint-tmp";

/// Suffix of the copy of the new contents kept while a file is written in place: after a
/// crash, the only whole copy of them.
const NEW_CONTENTS: &str = "gimlint-new";

/// Creates `path`, which must not exist, readable and writable by its owner only when
/// `private` (it will hold an export's contents before it has the export's mode).
fn create_new(path: &Path, private: bool) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    if private {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    #[cfg(not(unix))]
    let _ = private;
    options.open(path)
}

/// Creates the temporary file beside `path`, replacing one that a killed run left (a
/// planted link is removed, not followed).
fn create_temporary(path: &Path, private: bool) -> io::Result<(PathBuf, File)> {
    let temporary = beside(path, TEMPORARY)?;
    let file = match create_new(&temporary, private) {
        Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {
            fs::remove_file(&temporary)?;
            create_new(&temporary, private)
        }
        other => other,
    }
    .map_err(|error| in_folder(&temporary, error))?;
    Ok((temporary, file))
}

/// An error creating a file beside the one written: the folder is the problem.
fn in_folder(path: &Path, error: io::Error) -> io::Error {
    io::Error::new(
        error.kind(),
        format!(
            "cannot create {} in its folder: {error}",
            path.file_name().unwrap_or_default().to_string_lossy()
        ),
    )
}

/// Makes a rename in `path`'s folder durable. Best effort: the rename is done, and some
/// file systems cannot sync a folder.
fn sync_folder(path: &Path) {
    #[cfg(unix)]
    {
        let folder = match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        let _ = File::open(folder).and_then(|folder| folder.sync_all());
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// Creates the file `path`, which does not exist, whole: written to a temporary file,
/// flushed to disk, then renamed into place.
fn create_whole(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let (temporary, mut file) = create_temporary(path, false)?;
    let result = file
        .write_all(bytes)
        .and_then(|()| file.sync_all())
        .and_then(|()| fs::rename(&temporary, path));
    match result {
        Ok(()) => {
            sync_folder(path);
            Ok(())
        }
        Err(error) => {
            let _ = fs::remove_file(&temporary);
            Err(error)
        }
    }
}

/// The name to write for the file open as `opened`, reached by `path`: `path`, or the file
/// that a symbolic link at `path` leads to (the link stays a link). Refused when the name
/// no longer leads to the file that was opened.
fn name_to_replace(path: &Path, opened: &fs::Metadata) -> io::Result<PathBuf> {
    let name = if fs::symlink_metadata(path)?.file_type().is_symlink() {
        fs::canonicalize(path)?
    } else {
        path.to_owned()
    };
    if !same_file(&fs::metadata(&name)?, opened) {
        return Err(io::Error::other(
            "the file was replaced while gimlint wrote it",
        ));
    }
    Ok(name)
}

/// The file has other names (hard links), which a rename would part from it.
fn has_other_names(metadata: &fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        metadata.nlink() > 1
    }
    // std gives no link count on Windows: a hard-linked export there is replaced.
    #[cfg(not(unix))]
    {
        let _ = metadata;
        false
    }
}

/// Gives `copy` the owner and group of the file described by `original`. False when this
/// user may not (only root gives a file away): the original must then be written in place.
fn give_owner(copy: &File, original: &fs::Metadata) -> io::Result<bool> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let made = copy.metadata()?;
        if made.uid() == original.uid() && made.gid() == original.gid() {
            return Ok(true);
        }
        match std::os::unix::fs::fchown(copy, Some(original.uid()), Some(original.gid())) {
            Ok(()) => Ok(true),
            Err(error) if error.kind() == io::ErrorKind::PermissionDenied => Ok(false),
            Err(error) => Err(error),
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (copy, original);
        Ok(true)
    }
}

/// Makes `bytes` the contents of the regular file open (for writing) as `file`, reached by
/// `path` and described by `metadata`, keeping what makes it that file: a symbolic link at
/// `path` stays a link (its target is written), and the file keeps its other names (hard
/// links), owner, group and mode.
///
/// Usually the bytes go to a temporary file beside it, created private, given the
/// original's owner, group and mode, flushed to disk, and renamed over it: a reader never
/// sees half a file, and a crash leaves the old file or the new one, whole. A rename gives
/// the name a new file, though: it would part the file from its other hard links, or make
/// the running user its owner when only root may give a file away. Then the file is
/// written in place, after a copy of the new contents has been flushed to disk beside it
/// (`.NAME.gimlint-new`): a crash mid-write leaves that copy, which makes later runs refuse
/// to write the file until someone has looked. If the write in place fails, `original`,
/// when known, is written back.
fn replace_contents(
    path: &Path,
    file: File,
    metadata: &fs::Metadata,
    bytes: &[u8],
    original: Option<&[u8]>,
) -> io::Result<()> {
    // On Windows the read-only attribute is the permission, and administrators (or Wine
    // run as root) may open such a file for writing all the same.
    #[cfg(not(unix))]
    if metadata.permissions().readonly() {
        return Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            "the file is read-only",
        ));
    }
    let path = name_to_replace(path, metadata)?;
    let kept = beside(&path, NEW_CONTENTS)?;
    if fs::symlink_metadata(&kept).is_ok() {
        return Err(io::Error::other(format!(
            "an interrupted write left the new contents in {}: compare them with the file, keep the right text, then delete that copy",
            kept.display()
        )));
    }
    if has_other_names(metadata) {
        return write_in_place(file, &kept, bytes, original);
    }
    let (temporary, mut copy) = create_temporary(&path, true)?;
    let owned = copy
        .write_all(bytes)
        .and_then(|()| give_owner(&copy, metadata));
    let result = match owned {
        Ok(true) => {
            // Windows (Wine, at least) does not rename over a file that is still open.
            drop(file);
            copy
                // After the owner: changing it clears the set-user-ID and set-group-ID bits.
                .set_permissions(metadata.permissions())
                .and_then(|()| copy.sync_all())
                .and_then(|()| fs::rename(&temporary, &path))
        }
        Ok(false) => {
            drop(copy);
            fs::remove_file(&temporary)?;
            return write_in_place(file, &kept, bytes, original);
        }
        Err(error) => Err(error),
    };
    drop(copy);
    match result {
        Ok(()) => {
            sync_folder(&path);
            Ok(())
        }
        Err(error) => {
            let _ = fs::remove_file(&temporary);
            Err(error)
        }
    }
}

/// Writes `bytes` over the contents of `file`, after keeping a copy of them, flushed to
/// disk, at `kept`; the copy is removed once the file is written and flushed. On failure,
/// `original` is written back; if that fails too (or it is unknown), the copy stays and the
/// error names it.
fn write_in_place(
    mut file: File,
    kept: &Path,
    bytes: &[u8],
    original: Option<&[u8]>,
) -> io::Result<()> {
    let mut copy = create_new(kept, true).map_err(|error| in_folder(kept, error))?;
    if let Err(error) = copy.write_all(bytes).and_then(|()| copy.sync_all()) {
        let _ = fs::remove_file(kept);
        return Err(error);
    }
    sync_folder(kept);
    let overwrite = |file: &mut File, bytes: &[u8]| {
        file.seek(io::SeekFrom::Start(0))?;
        file.write_all(bytes)?;
        file.set_len(bytes.len() as u64)?;
        file.sync_all()
    };
    let error = match overwrite(&mut file, bytes) {
        Ok(()) => None,
        Err(error) => match original.map(|original| overwrite(&mut file, original)) {
            Some(Ok(())) => Some(error),
            _ => {
                return Err(io::Error::new(
                    error.kind(),
                    format!(
                        "{error}; the file may be damaged: its new contents are in {}",
                        kept.display()
                    ),
                ))
            }
        },
    };
    // Written, or written back: the copy is no longer needed. Left behind, it would only
    // make the next run ask for a look.
    let _ = fs::remove_file(kept);
    error.map_or(Ok(()), Err)
}

/// What `--diff` shows of one file's fixes.
pub struct ShownDiff {
    /// A unified diff, with `a/` and `b/` paths as git writes them.
    pub text: String,
    /// Why `text` would not apply as a patch, if it would not: it hides secrets, or shows
    /// control characters escaped.
    pub not_a_patch: Option<&'static str>,
}

/// The unified diff that `--diff` shows of `edits` to `file`: made from the file's redacted
/// text, so that neither its context lines nor its `-`/`+` lines show a secret. Masks keep
/// every offset, so the edits apply to the redacted text as to the file; a fix whose
/// replacement would hold a secret is never offered (see
/// [`crate::secrets::Redactor::scrub_finding`]). The export is someone else's text: its
/// control characters are shown escaped and no line of it starts a workflow command in a CI
/// log, as in every other output; the path is quoted as git quotes one. A diff changed by
/// either no longer applies to the file, and says so.
pub fn shown_diff(file: &crate::engine::KeptText, edits: &[Edit]) -> ShownDiff {
    let redacted = file.redacted();
    let hunks = diff_hunks(&redacted, &apply_to_text(&redacted, edits));
    let masked = hunks != diff_hunks(&file.source.text, &apply_to_text(&file.source.text, edits));
    let shown = no_command_lines(Escaped::new(&hunks, true).text);
    let not_a_patch = if masked {
        Some("it hides secrets")
    } else if shown != hunks {
        Some("it shows control characters escaped")
    } else {
        None
    };
    let path = git_quoted(file.source.path.trim_start_matches('/'));
    ShownDiff {
        text: format!("--- {}\n+++ {}\n{shown}", path("a/"), path("b/")),
        not_a_patch,
    }
}

/// The hunks of a unified diff of one file's text.
fn diff_hunks(old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .to_string()
}

/// `path` behind a prefix (`a/`, `b/`) as git writes it in a diff header: as it is, or, when
/// it holds a control character, a quote or `##[`, in double quotes with C escapes, so that
/// no character of a file name ends the header line, acts on a terminal or starts a workflow
/// command. (A backslash alone does not quote, so that Windows paths read as they did.)
fn git_quoted(path: &str) -> impl Fn(&str) -> String + '_ {
    let plain = !path.contains("##[")
        && !path
            .chars()
            .any(|c| c.is_control() || c == '"' || c == '\u{fffe}' || c == '\u{ffff}');
    move |prefix| {
        if plain {
            return format!("{prefix}{path}");
        }
        let mut quoted = String::from("\"");
        for c in prefix.chars().chain(path.chars()) {
            match c {
                '"' => quoted.push_str("\\\""),
                '\\' => quoted.push_str("\\\\"),
                '\t' => quoted.push_str("\\t"),
                '\n' => quoted.push_str("\\n"),
                '\r' => quoted.push_str("\\r"),
                c if c.is_control() || c == '\u{fffe}' || c == '\u{ffff}' => {
                    let mut bytes = [0; 4];
                    for byte in c.encode_utf8(&mut bytes).bytes() {
                        quoted.push_str(&format!("\\{byte:03o}"));
                    }
                }
                c => quoted.push(c),
            }
        }
        quoted.push('"');
        // The GitHub Actions runner reads `##[` as a command anywhere in a line.
        quoted.replace("##[", "#\\043[")
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
