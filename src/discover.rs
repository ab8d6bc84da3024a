//! Which files a run lints: named files always; in named folders, option exports
//! (`*.cfg`, `*.conf`, `*.ini`) and XML files (kept later only when they are attached-data
//! specifications), skipping hidden folders and `target/`, and never following a symbolic
//! link out of the folder named.

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

/// Something a walk left out on purpose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    /// The path left out, as shown.
    pub display: String,
    /// The folder named on the command line that it is in, as given.
    pub root: String,
    pub why: SkipReason,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SkipReason {
    /// A hidden folder or `target/`, not walked into.
    Folder,
    /// A symbolic link to a file or folder outside the folder named. Following it would let
    /// a link planted in a repository make gimlint read, and print, any file the user can
    /// read (a credentials file, `/etc/passwd`).
    LinkOut,
    /// A file that gimlint.toml declares, outside the folder of that gimlint.toml (`..`, an
    /// absolute path, or a link that leads out). A gimlint.toml committed to a repository
    /// could otherwise make a run read, and print through the rules that compare
    /// applications, any file the user can read.
    DeclaredOutside,
}

impl Skipped {
    /// What the run's notes say about it: only links are worth a note on every run (hidden
    /// folders and `target/` are skipped by design, and said only when nothing was found).
    pub fn note(&self) -> Option<String> {
        match self.why {
            SkipReason::Folder => None,
            SkipReason::LinkOut => Some(format!(
                "skipped {}: a symbolic link that leads out of {} (name it to lint it)",
                self.display, self.root
            )),
            SkipReason::DeclaredOutside => Some(format!(
                "skipped {}: gimlint.toml declares it, but it is outside {}, the folder of that \
                 gimlint.toml (move it there, name it to lint it, or name that gimlint.toml with \
                 --config to trust what it declares)",
                self.display, self.root
            )),
        }
    }
}

/// What a walk found besides the files to lint: the paths it could not walk or read, and
/// what it left out on purpose.
#[derive(Debug, Default)]
pub struct Walk {
    pub errors: Vec<DiscoveryError>,
    pub skipped: Vec<Skipped>,
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
    entry.depth() > 0 && entry.file_type().is_dir() && is_skipped_name(entry.file_name())
}

fn is_skipped_name(name: &std::ffi::OsStr) -> bool {
    name.to_str()
        .is_some_and(|name| name.starts_with('.') || name == "target")
}

/// Whether the walk of `canonical_root` reaches the file at `canonical` by its own path: it is
/// below the root, in no skipped folder, and named like a file to lint.
fn is_walked(canonical_root: &Path, canonical: &Path) -> bool {
    canonical.strip_prefix(canonical_root).is_ok_and(|below| {
        let mut folders = below.parent().into_iter().flat_map(Path::components);
        is_lintable(below) && !folders.any(|folder| is_skipped_name(folder.as_os_str()))
    })
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

/// Expands `paths` into the files to lint, in a stable order, each once, giving each to
/// `found` as soon as the walk reaches it (so reading can start before the walk ends).
///
/// A symbolic link found in a folder is followed only when what it leads to is inside that
/// folder; one that leads to a file the walk reaches by its own path is left out, so that
/// file is linted once, by its name.
pub fn discover(paths: &[PathBuf], mut found: impl FnMut(Candidate)) -> Walk {
    let mut walk = Walk::default();
    let mut seen = HashSet::new();
    let mut push = |path: PathBuf, explicit: bool, is_link: bool| {
        if seen.insert(path.clone()) {
            found(Candidate {
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
                walk.errors.push(DiscoveryError {
                    display: display(root),
                    message: error.to_string(),
                });
                continue;
            }
        };
        if metadata.is_file() {
            push(root.clone(), true, false);
            continue;
        }
        if !metadata.is_dir() {
            // A FIFO or a device would block the read or never end.
            walk.errors.push(DiscoveryError {
                display: display(root),
                message: "not a regular file".into(),
            });
            continue;
        }
        // Links are judged by where they lead, compared with where the root itself is.
        let canonical_root = std::fs::canonicalize(root).ok();
        let skip = |entry: &DirEntry, why| Skipped {
            display: display(entry.path()),
            root: display(root),
            why,
        };
        let mut skipped_folders = Vec::new();
        let walker = WalkDir::new(root)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                let skipped = is_skipped_folder(e);
                if skipped {
                    skipped_folders.push(skip(e, SkipReason::Folder));
                }
                !skipped
            });
        for entry in walker {
            let entry = match entry {
                Ok(entry) => entry,
                Err(error) => {
                    walk.errors.push(DiscoveryError {
                        display: error.path().map_or_else(|| display(root), display),
                        message: error
                            .io_error()
                            .map_or_else(|| error.to_string(), |e| e.to_string()),
                    });
                    continue;
                }
            };
            // The walk's file type costs no system call; only links are followed here, to
            // see where they lead.
            if entry.path_is_symlink() {
                let target = std::fs::canonicalize(entry.path()).ok();
                let inside = target
                    .as_deref()
                    .zip(canonical_root.as_deref())
                    .is_some_and(|(target, root)| target.starts_with(root));
                let target_is_dir = target.as_deref().is_some_and(Path::is_dir);
                if target.is_some() && !inside && (target_is_dir || is_lintable(entry.path())) {
                    walk.skipped.push(skip(&entry, SkipReason::LinkOut));
                    continue;
                }
                // Links to folders are not followed, so a link loop cannot trap the walk;
                // one inside the folder leads where the walk goes anyway.
                if target_is_dir || !is_lintable(entry.path()) {
                    continue;
                }
                match target {
                    Some(target) if target.is_file() => {
                        let walked_anyway = canonical_root
                            .as_deref()
                            .is_some_and(|root| is_walked(root, &target));
                        // Of two links to one file, the run lints the first: it keeps one
                        // file per canonical path.
                        if !walked_anyway {
                            push(entry.into_path(), false, true);
                        }
                    }
                    // Named like an export but not one to read: said, not skipped.
                    Some(_) => walk.errors.push(DiscoveryError {
                        display: display(entry.path()),
                        message: "not a regular file".into(),
                    }),
                    None => walk.errors.push(DiscoveryError {
                        display: display(entry.path()),
                        message: "a link to a file that does not exist".into(),
                    }),
                }
                continue;
            }
            if entry.file_type().is_dir() || !is_lintable(entry.path()) {
                continue;
            }
            if entry.file_type().is_file() {
                push(entry.into_path(), false, false);
            } else {
                walk.errors.push(DiscoveryError {
                    display: display(entry.path()),
                    message: "not a regular file".into(),
                });
            }
        }
        walk.skipped.append(&mut skipped_folders);
    }
    walk
}
