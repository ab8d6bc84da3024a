//! Which files a run lints: named files always; in named folders, option exports
//! (`*.cfg`, `*.conf`, `*.ini`) and XML files (kept later only when they are attached-data
//! specifications), skipping hidden folders and `target/`.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use walkdir::{DirEntry, WalkDir};

/// Extensions of option exports and specifications (compared case-insensitively: Windows
/// writes `.CFG` too).
const EXTENSIONS: &[&str] = &["cfg", "conf", "ini", "xml"];

/// A file to lint: the path to read and the path to show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub path: PathBuf,
    /// The path as the user gave it, joined with the walked part.
    pub display: String,
    /// Named on the command line rather than found in a folder.
    pub explicit: bool,
    /// Reached through a symbolic link (the file itself is one), so its canonical path is
    /// not its folder's canonical path joined with its name.
    pub is_link: bool,
}

/// A path that could not be walked or read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiscoveryError {
    pub display: String,
    pub message: String,
}

fn display(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

fn is_lintable(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// Folders never walked into: hidden ones and Cargo's `target/`. The folder the user named
/// is walked whatever its name (`.` included).
fn is_skipped_folder(entry: &DirEntry) -> bool {
    entry.depth() > 0
        && entry.file_type().is_dir()
        && entry
            .file_name()
            .to_str()
            .is_some_and(|name| name.starts_with('.') || name == "target")
}

/// The largest file gimlint reads unless told otherwise (`--max-file-size`, or
/// `max-file-size` in gimlint.toml): option exports are kilobytes, so a larger file is
/// almost certainly not one, and it is not worth holding in memory.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 64 << 20;

/// Reads a file that the user named for a purpose (`--config`, `--adata-reference`) with the
/// default size limit.
pub fn read_regular_file(path: &Path) -> Result<Vec<u8>, String> {
    read_limited(path, DEFAULT_MAX_FILE_SIZE)
}

/// Reads a file only when it is a regular file (a FIFO or a device would block or never
/// end) of at most `limit` bytes, checked before reading and while reading (a file may grow
/// in between).
pub fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let metadata = std::fs::metadata(path).map_err(|e| e.to_string())?;
    if !metadata.is_file() {
        return Err("not a regular file".into());
    }
    let too_large = |size: u64| {
        format!(
            "{} is larger than the {} limit: not read (raise it with --max-file-size)",
            size_of(size),
            size_of(limit)
        )
    };
    if metadata.len() > limit {
        return Err(too_large(metadata.len()));
    }
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// A size as people read it: `64 MB`, `1.5 MB`, `900 bytes`.
pub fn size_of(bytes: u64) -> String {
    const MB: u64 = 1 << 20;
    if bytes < MB {
        format!("{bytes} bytes")
    } else if bytes % MB == 0 {
        format!("{} MB", bytes / MB)
    } else {
        format!("{:.1} MB", bytes as f64 / MB as f64)
    }
}

/// Expands `paths` into the files to lint, in a stable order, each once.
pub fn discover(paths: &[PathBuf]) -> (Vec<Candidate>, Vec<DiscoveryError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut seen = HashSet::new();
    let mut push = |path: PathBuf, explicit: bool, is_link: bool, files: &mut Vec<Candidate>| {
        if seen.insert(path.clone()) {
            files.push(Candidate {
                display: display(&path),
                path,
                explicit,
                is_link,
            });
        }
    };
    for root in paths {
        let metadata = match std::fs::metadata(root) {
            Ok(metadata) => metadata,
            Err(error) => {
                errors.push(DiscoveryError {
                    display: display(root),
                    message: error.to_string(),
                });
                continue;
            }
        };
        if metadata.is_file() {
            push(root.clone(), true, false, &mut files);
            continue;
        }
        if !metadata.is_dir() {
            // A FIFO or a device would block the read or never end.
            errors.push(DiscoveryError {
                display: display(root),
                message: "not a regular file".into(),
            });
            continue;
        }
        let walker = WalkDir::new(root)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| !is_skipped_folder(e));
        for entry in walker {
            match entry {
                Ok(entry) => {
                    // A symbolic link counts when it leads to a file; links to folders are
                    // not followed, so a link loop cannot trap the walk.
                    // The walk's file type costs no system call; only links are followed
                    // here, to see what they lead to.
                    let is_link = entry.path_is_symlink();
                    if !is_lintable(entry.path())
                        || entry.file_type().is_dir()
                        || (is_link && entry.path().is_dir())
                    {
                        continue;
                    }
                    let is_file =
                        entry.file_type().is_file() || (is_link && entry.path().is_file());
                    if is_file {
                        push(entry.into_path(), false, is_link, &mut files);
                    } else {
                        // Named like an export but not one to read: said, not skipped.
                        let message = if entry.path_is_symlink() {
                            "a link to a file that does not exist"
                        } else {
                            "not a regular file"
                        };
                        errors.push(DiscoveryError {
                            display: display(entry.path()),
                            message: message.into(),
                        });
                    }
                }
                Err(error) => errors.push(DiscoveryError {
                    display: error.path().map_or_else(|| display(root), display),
                    message: error
                        .io_error()
                        .map_or_else(|| error.to_string(), |e| e.to_string()),
                }),
            }
        }
    }
    (files, errors)
}
