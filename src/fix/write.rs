//! Writing files without losing anything: the exports `--fix` changes, and the files named
//! for output.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Seek, Write};
use std::path::{Path, PathBuf};

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

/// Creates the file `path` whole, and only if nothing has its name: written to a temporary
/// file, flushed to disk, then linked to its name, which fails when a file or a link took the
/// name meanwhile (a rename would replace it). Where the file system has no hard links, the
/// file is created under its name, still only if new, and written there.
pub fn create_whole(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let (temporary, mut file) = create_temporary(path, false)?;
    let written = file.write_all(bytes).and_then(|()| file.sync_all());
    drop(file);
    let linked = written.and_then(|()| fs::hard_link(&temporary, path));
    let _ = fs::remove_file(&temporary);
    match linked {
        Ok(()) => {
            sync_folder(path);
            Ok(())
        }
        Err(error) if error.kind() == io::ErrorKind::AlreadyExists => Err(io::Error::new(
            error.kind(),
            "a file of that name appeared while gimlint ran: it is left as it is",
        )),
        Err(error) if links_unsupported(&error) => create_in_place(path, bytes),
        Err(error) => Err(error),
    }
}

/// The file system cannot link (FAT, some network shares): Linux says "operation not
/// permitted" (a folder that cannot be written fails the same way in place), Windows says
/// "incorrect function" (error 1), others "unsupported".
fn links_unsupported(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::Unsupported | io::ErrorKind::PermissionDenied
    ) || error.raw_os_error() == Some(1)
}

/// Creates `path` if nothing has its name, and writes it there; a write that fails takes
/// the part written away.
fn create_in_place(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = create_new(path, false)?;
    let written = file.write_all(bytes).and_then(|()| file.sync_all());
    drop(file);
    if written.is_err() {
        let _ = fs::remove_file(path);
    }
    written.map(|()| sync_folder(path))
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
pub(super) fn replace_contents(
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
