//! Which files a run lints: named files always (unless `--force-exclude` leaves them out);
//! in named folders, option exports (`*.cfg`, `*.conf`, `*.ini`) and XML files (kept later
//! only when they are attached-data specifications), walked with ripgrep's `ignore` crate:
//! what git ignores, hidden folders and what `exclude` and `extend-exclude` match are left
//! out, and a symbolic link out of the folder named is never followed.

use ignore::gitignore::{Gitignore, GitignoreBuilder};
use ignore::WalkBuilder;
use std::collections::HashSet;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

/// Extensions of option exports and specifications (compared case-insensitively: Windows
/// writes `.CFG` too).
const EXTENSIONS: &[&str] = &["cfg", "conf", "ini", "xml"];

/// What a walk leaves out unless `exclude` (in gimlint.toml or on the command line) replaces
/// it: version control, Python environments, dependencies and build outputs, as ruff does.
/// Exports copied there are copies, not the ones to migrate.
pub const DEFAULT_EXCLUDES: &[&str] = &[
    ".git",
    ".hg",
    ".svn",
    ".venv",
    "venv",
    "node_modules",
    "target",
    "build",
    "dist",
];

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
    /// A hidden folder, not walked into.
    Folder,
    /// A folder or export that `exclude` or `extend-exclude` matches, not walked.
    Excluded,
    /// A path named on the command line that `--force-exclude` leaves out: `exclude`,
    /// `extend-exclude` or git ignores it.
    ForceExcluded,
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
    /// What the run's notes say about it: only what the user may not expect is worth a note
    /// on every run (hidden and excluded folders are skipped by design, and said only when
    /// nothing was found).
    pub fn note(&self) -> Option<String> {
        match self.why {
            SkipReason::Folder | SkipReason::Excluded => None,
            SkipReason::ForceExcluded => Some(format!(
                "skipped {}: named, but --force-exclude leaves out what exclude, \
                 extend-exclude or git ignores",
                self.display
            )),
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

/// gitignore-style globs written relative to one folder (gimlint.toml's, or the current
/// folder for the command line's).
#[derive(Clone, Debug)]
pub struct Globs {
    /// The folder they are relative to, canonical when it exists.
    base: PathBuf,
    /// Every glob, matched against a path below `base`.
    below_base: Gitignore,
    /// The globs without a `/` but a last one (`build`, `*.bak.cfg`, `venv/`): those match a
    /// name in any folder, so they also apply to a walk outside `base`.
    by_name: Gitignore,
    /// Whether a glob has a `/` but a last one: when none has (the defaults), a name is all
    /// there is to match, and the walk need not work out each path below `base`.
    anchored: bool,
    /// The globs as written, for `--show-settings`.
    patterns: Vec<String>,
}

/// A glob that does not parse: which one of the list, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadGlob {
    pub index: usize,
    pub message: String,
}

impl Globs {
    /// Compiles `patterns`, relative to `base`.
    pub fn new(base: &Path, patterns: &[impl AsRef<str>]) -> Result<Globs, BadGlob> {
        let builder = || {
            let mut builder = GitignoreBuilder::new(".");
            // `[abc` is a mistake to say, not a name to match literally (git's choice).
            builder.allow_unclosed_class(false);
            builder
        };
        let (mut below_base, mut by_name) = (builder(), builder());
        let mut anchored = false;
        for (index, pattern) in patterns.iter().enumerate() {
            let pattern = pattern.as_ref();
            let bad = |error: ignore::Error| BadGlob {
                index,
                message: error.to_string(),
            };
            below_base.add_line(None, pattern).map_err(bad)?;
            let body = pattern.strip_prefix('!').unwrap_or(pattern);
            if body.trim_end_matches('/').contains('/') {
                anchored = true;
            } else {
                by_name.add_line(None, pattern).map_err(bad)?;
            }
        }
        let build = |builder: GitignoreBuilder| {
            builder.build().map_err(|error| BadGlob {
                index: 0,
                message: error.to_string(),
            })
        };
        Ok(Globs {
            base: std::fs::canonicalize(base).unwrap_or_else(|_| base.to_owned()),
            below_base: build(below_base)?,
            by_name: build(by_name)?,
            anchored,
            patterns: patterns.iter().map(|p| p.as_ref().to_owned()).collect(),
        })
    }

    /// The globs as written, and the folder they are relative to.
    pub fn described(&self) -> (&[String], &Path) {
        (&self.patterns, &self.base)
    }

    /// Whether the globs match the file or folder at `canonical` (when known), named `name`.
    fn matches(&self, canonical: Option<&Path>, name: &OsStr, is_dir: bool) -> bool {
        if !self.anchored {
            return self.by_name.matched(name, is_dir).is_ignore();
        }
        let below = canonical
            .and_then(|path| path.strip_prefix(&self.base).ok())
            .filter(|below| !below.as_os_str().is_empty());
        match below {
            Some(below) => self.below_base.matched(below, is_dir).is_ignore(),
            None => self.by_name.matched(name, is_dir).is_ignore(),
        }
    }
}

/// What a walk leaves out besides hidden folders and what git ignores, and whether the
/// paths named on the command line are subject to it too.
#[derive(Clone, Debug)]
pub struct Exclusions {
    /// Each list of globs (`exclude` or the defaults; `extend-exclude` of gimlint.toml and of
    /// the command line): a path any of them matches is left out.
    pub globs: Vec<Globs>,
    /// `--force-exclude`: a path named on the command line is left out as the walk would
    /// leave it out (a pre-commit hook names every file it lints).
    pub force: bool,
}

impl Default for Exclusions {
    /// [`DEFAULT_EXCLUDES`], for a run that asked for nothing.
    fn default() -> Exclusions {
        Exclusions {
            globs: vec![Globs::new(Path::new("."), DEFAULT_EXCLUDES).expect("the defaults parse")],
            force: false,
        }
    }
}

impl Exclusions {
    /// Whether a glob matches the file or folder named `name`, whose canonical path
    /// `canonical` works out (only when a glob needs it).
    fn excludes(
        &self,
        canonical: impl FnOnce() -> Option<PathBuf>,
        name: &OsStr,
        is_dir: bool,
    ) -> bool {
        let canonical = self
            .globs
            .iter()
            .any(|globs| globs.anchored)
            .then(canonical)
            .flatten();
        self.globs
            .iter()
            .any(|globs| globs.matches(canonical.as_deref(), name, is_dir))
    }

    /// Whether `--force-exclude` leaves out `path`, named on the command line: a glob
    /// matches it or a folder above it (up to the folder the glob is relative to, not above:
    /// a checkout inside a folder named `build` is not excluded), or git ignores it.
    fn leave_out_named(&self, path: &Path, is_dir: bool) -> bool {
        let Ok(canonical) = std::fs::canonicalize(path) else {
            return false;
        };
        let excluded = self.globs.iter().any(|globs| {
            let mut ancestors = canonical.ancestors();
            let named = ancestors.next().is_some_and(|path| {
                globs.matches(Some(path), path.file_name().unwrap_or_default(), is_dir)
            });
            named
                || ancestors
                    .take_while(|folder| folder.starts_with(&globs.base) && *folder != globs.base)
                    .any(|folder| {
                        globs.matches(Some(folder), folder.file_name().unwrap_or_default(), true)
                    })
        });
        excluded || !reached_by_walk(&canonical)
    }
}

/// Whether a walk of the repository `canonical` is in (or of its folder, outside any
/// repository) reaches it: whether git's ignore files, `.ignore` files and the global
/// gitignore leave it in. The walk goes down only the folders that lead to it.
fn reached_by_walk(canonical: &Path) -> bool {
    let Some(top) = repository_root(canonical).or_else(|| canonical.parent()) else {
        return true;
    };
    let target = canonical.to_owned();
    let mut builder = WalkBuilder::new(top);
    builder
        .hidden(false)
        .filter_entry(move |entry| target.starts_with(entry.path()));
    builder
        .build()
        .flatten()
        .any(|entry| entry.path() == canonical)
}

/// The root of the git repository `canonical` is in: the nearest folder, itself included,
/// that holds `.git` (a folder, or a worktree's file).
pub fn repository_root(canonical: &Path) -> Option<&Path> {
    canonical
        .ancestors()
        .find(|folder| std::fs::symlink_metadata(folder.join(".git")).is_ok())
}

fn display(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

fn is_lintable(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// Hidden folders are never walked into (the folder the user named is walked whatever its
/// name, `.` included); hidden files are linted, as before the `ignore` crate walked.
fn is_hidden(name: &OsStr) -> bool {
    name.to_str().is_some_and(|name| name.starts_with('.'))
}

/// Whether the walk of `canonical_root` reaches the file at `canonical` by its own path: it is
/// below the root, in no hidden or excluded folder, not excluded itself, and named like a
/// file to lint. (What git ignores is not looked up: a link to an ignored file is linted by
/// the link's name, as any file reached by a name git does not ignore.)
fn is_walked(canonical_root: &Path, canonical: &Path, exclusions: &Exclusions) -> bool {
    canonical.strip_prefix(canonical_root).is_ok_and(|below| {
        let excluded = |path: &Path, is_dir| {
            let name = path.file_name().unwrap_or_default();
            (is_dir && is_hidden(name))
                || exclusions.excludes(|| Some(path.to_owned()), name, is_dir)
        };
        let mut folders = canonical
            .ancestors()
            .skip(1)
            .take_while(|folder| *folder != canonical_root);
        is_lintable(below)
            && !excluded(canonical, false)
            && !folders.any(|folder| excluded(folder, true))
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
///
/// The walk is sequential: it is a small part of a run's time (the files are read and
/// checked on the other cores meanwhile), and its order is the order of the output.
pub fn discover(
    paths: &[PathBuf],
    exclusions: &Exclusions,
    mut found: impl FnMut(Candidate),
) -> Walk {
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
        if exclusions.force && exclusions.leave_out_named(root, metadata.is_dir()) {
            walk.skipped.push(Skipped {
                display: display(root),
                root: display(root),
                why: SkipReason::ForceExcluded,
            });
            continue;
        }
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
        let skipped_folders = Arc::new(Mutex::new(Vec::new()));
        let walker = {
            let skipped_folders = Arc::clone(&skipped_folders);
            let (exclusions, canonical_root) = (exclusions.clone(), canonical_root.clone());
            let (walk_root, root_shown) = (root.clone(), display(root));
            let mut builder = WalkBuilder::new(root);
            builder
                // Hidden files are linted; hidden folders are left out below, and said.
                .hidden(false)
                .sort_by_file_name(|a, b| a.cmp(b))
                .filter_entry(move |entry| {
                    let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
                    let name = entry.file_name();
                    let why = if is_dir && is_hidden(name) {
                        SkipReason::Folder
                    } else {
                        // The walk follows no link to a folder: the canonical path of what
                        // it reaches is the root's joined with the path below it.
                        let canonical = || {
                            let below = entry.path().strip_prefix(&walk_root).ok()?;
                            Some(canonical_root.as_ref()?.join(below))
                        };
                        if !exclusions.excludes(canonical, name, is_dir) {
                            return true;
                        }
                        SkipReason::Excluded
                    };
                    // Only what could have been linted is worth saying.
                    if is_dir || is_lintable(entry.path()) {
                        skipped_folders
                            .lock()
                            .unwrap_or_else(PoisonError::into_inner)
                            .push(Skipped {
                                display: display(entry.path()),
                                root: root_shown.clone(),
                                why,
                            });
                    }
                    false
                });
            builder.build()
        };
        for entry in walker {
            let entry = match entry {
                Ok(entry) => entry,
                // A .gitignore, .ignore or global gitignore that does not parse whole: git
                // uses the lines it can read, and so does the walk.
                Err(error) if error.is_partial() => continue,
                Err(error) => {
                    walk.errors.push(DiscoveryError {
                        display: error_path(&error).map_or_else(|| display(root), display),
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
                    walk.skipped.push(Skipped {
                        display: display(entry.path()),
                        root: display(root),
                        why: SkipReason::LinkOut,
                    });
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
                            .is_some_and(|root| is_walked(root, &target, exclusions));
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
            let file_type = entry.file_type();
            if file_type.is_some_and(|t| t.is_dir()) || !is_lintable(entry.path()) {
                continue;
            }
            if file_type.is_some_and(|t| t.is_file()) {
                push(entry.into_path(), false, false);
            } else {
                walk.errors.push(DiscoveryError {
                    display: display(entry.path()),
                    message: "not a regular file".into(),
                });
            }
        }
        walk.skipped.append(
            &mut skipped_folders
                .lock()
                .unwrap_or_else(PoisonError::into_inner),
        );
    }
    walk
}

/// The path an error of the walk is about, when it says.
fn error_path(error: &ignore::Error) -> Option<&Path> {
    match error {
        ignore::Error::WithPath { path, .. } => Some(path),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        _ => None,
    }
}
