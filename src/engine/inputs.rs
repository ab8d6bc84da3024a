//! Reading the inputs: walking the folders named, reading each file within the size
//! limit, decoding it, and the files gimlint.toml declares besides (the context of a run).

use super::{Input, OperationalError};
use crate::config;
use crate::discover;
use crate::model;
use crate::settings::Settings;
use crate::source::{self, SourceFile};
use std::path::PathBuf;

/// A decoded file waiting to be modelled.
pub(super) struct Decoded {
    pub(super) source: SourceFile,
    pub(super) xml: bool,
    pub(super) explicit: bool,
    /// The canonical path of a file read from disk, to match gimlint.toml's `file` entries.
    pub(super) canonical: Option<PathBuf>,
    /// The path below the folder the user named (the file name for a named file), to pair
    /// the exports of `gimlint diff`.
    pub(super) relative: String,
    /// SHA-256 of the bytes read, in hex, for the readiness report.
    pub(super) sha256: Option<String>,
    /// The file's text was dropped as soon as it was decoded: what is left of it (see
    /// [`super::project::TextDropped`]).
    pub(super) dropped: Option<super::project::TextDropped>,
}

/// What is done with each file as soon as it is decoded, on the worker that decoded it.
pub(super) type Finish<'f> = &'f (dyn Fn(Decoded) -> Decoded + Sync);

/// Leaves a decoded file as it is.
pub(super) fn keep(decoded: Decoded) -> Decoded {
    decoded
}

/// Where a file's bytes come from.
pub(super) struct Origin {
    pub(super) name: String,
    pub(super) explicit: bool,
    pub(super) canonical: Option<PathBuf>,
    pub(super) relative: String,
}

pub(super) fn file_name(path: &std::path::Path) -> String {
    path.file_name().map_or_else(
        || path.to_string_lossy().into_owned(),
        |n| n.to_string_lossy().into_owned(),
    )
}

pub(super) fn is_xml(path: &str) -> bool {
    std::path::Path::new(path)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xml"))
}

/// Where a file given by name only (stdin's `--stdin-filename`, an editor's buffer) would be
/// on disk, so gimlint.toml's `file` entries and path globs apply to it as to the saved file.
pub(super) fn canonical_of_name(name: &str) -> Option<PathBuf> {
    if name == "-" {
        return None;
    }
    let path = std::path::Path::new(name);
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => std::path::Path::new("."),
    };
    Some(std::fs::canonicalize(folder).ok()?.join(path.file_name()?))
}

/// The device and inode of an input that names a file with several names (hard links);
/// looked up for such inputs only, not for every file of a walk.
#[cfg(unix)]
pub(super) fn file_identity(input: &Input) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    let Input::Path(path) = input else {
        return None;
    };
    let meta = std::fs::metadata(path).ok()?;
    (meta.is_file() && meta.nlink() > 1).then(|| (meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
pub(super) fn file_identity(_input: &Input) -> Option<(u64, u64)> {
    None
}

/// Reads and decodes every input, each given to `finish` as soon as it is decoded.
pub(super) fn read_inputs(
    inputs: &[Input],
    settings: &Settings,
    errors: &mut Vec<OperationalError>,
    skipped: &mut Vec<discover::Skipped>,
    finish: Finish,
) -> Vec<Decoded> {
    let mut decoded = Vec::new();
    // A file reached from two of the paths given (a folder and a file or subfolder in it)
    // is linted once.
    let mut seen = std::collections::HashSet::new();
    // Two names of one file (hard links) given on the command line are one file too: linted
    // twice, `--fix` would write it twice and find it changed the second time.
    let mut seen_files = std::collections::HashSet::new();
    // An editor's buffer stands for its file: a walk that finds the file takes the buffer's
    // text in its place (and its order), so a project is linted as the editor shows it.
    let buffers: Buffers = inputs
        .iter()
        .filter_map(|input| match input {
            Input::Buffer { name, bytes } => {
                Some((canonical_of_name(name)?, (name.as_str(), bytes.as_slice())))
            }
            _ => None,
        })
        .collect();
    for input in inputs {
        if file_identity(input).is_some_and(|identity| !seen_files.insert(identity)) {
            continue;
        }
        match input {
            Input::Memory { name, bytes } | Input::Buffer { name, bytes } => {
                let canonical = canonical_of_name(name);
                // A buffer a walk already took the place of its file with.
                if matches!(input, Input::Buffer { .. })
                    && canonical.as_ref().is_some_and(|c| !seen.insert(c.clone()))
                {
                    continue;
                }
                let origin = Origin {
                    name: name.clone(),
                    explicit: matches!(input, Input::Memory { .. }),
                    canonical,
                    relative: file_name(std::path::Path::new(name)),
                };
                match decode_one(origin, bytes.clone(), settings) {
                    Some(Ok(file)) => decoded.push(finish(file)),
                    Some(Err(error)) => errors.push(error),
                    None => {}
                }
            }
            Input::Path(root) => {
                // Walked folders hold no links to folders (the walk does not follow them):
                // a file's canonical path is the root's joined with the path below it, one
                // system call for the run instead of one per path component and file.
                let canonical_root = std::fs::canonicalize(root).ok();
                let (walk, read) =
                    read_walked(root, canonical_root.as_deref(), &buffers, settings, finish);
                errors.extend(walk.errors.into_iter().map(|e| OperationalError {
                    path: e.display,
                    message: e.message,
                }));
                skipped.extend(walk.skipped);
                for result in read {
                    match result {
                        Ok(file)
                            if file
                                .canonical
                                .as_ref()
                                .is_some_and(|c| !seen.insert(c.clone())) => {}
                        Ok(file) => decoded.push(file),
                        Err(error) => errors.push(error),
                    }
                }
            }
        }
    }
    decoded
}

/// The editor's buffers of a run, by the canonical path of their file: their names and texts.
pub(super) type Buffers<'i> = std::collections::HashMap<PathBuf, (&'i str, &'i [u8])>;

/// Walks `root` and reads, decodes and finishes each file it finds, in the order the walk
/// found them, so output does not depend on scheduling. A file with a buffer in `buffers`
/// is its buffer.
///
/// Reading, decoding and hashing are independent per file: the walk gives each file to the
/// other cores as soon as it finds it, and reads files itself once it is done, so no core
/// waits for the walk to end.
fn read_walked(
    root: &std::path::Path,
    canonical_root: Option<&std::path::Path>,
    buffers: &Buffers,
    settings: &Settings,
    finish: Finish,
) -> (discover::Walk, Vec<Result<Decoded, OperationalError>>) {
    let read = std::sync::Mutex::new(Vec::new());
    let walk = rayon::scope(|scope| {
        let mut position = 0;
        discover::discover(
            std::slice::from_ref(&root.to_path_buf()),
            &settings.exclusions,
            |candidate| {
                let read = &read;
                let at = position;
                position += 1;
                scope.spawn(move |_| {
                    if let Some(result) =
                        read_candidate(root, canonical_root, candidate, buffers, settings)
                    {
                        let result = result.map(finish);
                        read.lock()
                            .unwrap_or_else(std::sync::PoisonError::into_inner)
                            .push((at, result));
                    }
                });
            },
        )
    });
    let mut read = read
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    read.sort_unstable_by_key(|&(at, _)| at);
    (walk, read.into_iter().map(|(_, result)| result).collect())
}

/// Reads and decodes one file found under `root`, or its buffer in `buffers`.
pub(super) fn read_candidate(
    root: &std::path::Path,
    canonical_root: Option<&std::path::Path>,
    candidate: discover::Candidate,
    buffers: &Buffers,
    settings: &Settings,
) -> Option<Result<Decoded, OperationalError>> {
    let below = candidate
        .path
        .strip_prefix(root)
        .ok()
        .filter(|below| !below.as_os_str().is_empty());
    let relative = below.map_or_else(
        || file_name(&candidate.path),
        |below| below.to_string_lossy().into_owned(),
    );
    let canonical = match (canonical_root, below) {
        (Some(canonical_root), Some(below)) if !candidate.is_link => {
            Some(canonical_root.join(below))
        }
        _ => std::fs::canonicalize(&candidate.path).ok(),
    };
    let buffer = canonical.as_ref().and_then(|c| buffers.get(c));
    let (name, bytes) = match buffer {
        Some(&(name, bytes)) => (name.to_owned(), bytes.to_vec()),
        None => match discover::read_limited(&candidate.path, settings.max_file_size) {
            Ok(bytes) => (candidate.display, bytes),
            Err(message) => {
                return Some(Err(OperationalError {
                    path: candidate.display,
                    message,
                }))
            }
        },
    };
    let origin = Origin {
        canonical,
        name,
        explicit: candidate.explicit,
        relative,
    };
    decode_one(origin, bytes, settings)
}

/// Reads the file of `decoded` again from disk, within the size limit, and decodes it as
/// the first time: for a file whose text was dropped once it was summarised.
pub(super) fn read_again(decoded: &Decoded, settings: &Settings) -> Result<SourceFile, String> {
    let path = decoded
        .canonical
        .as_ref()
        .ok_or("its place on disk is not known")?;
    let bytes = discover::read_limited(path, settings.max_file_size)?;
    let origin = Origin {
        name: decoded.source.path.clone(),
        explicit: decoded.explicit,
        canonical: decoded.canonical.clone(),
        relative: decoded.relative.clone(),
    };
    match decode_one(origin, bytes, settings) {
        Some(Ok(again)) => Ok(again.source),
        Some(Err(error)) => Err(error.message),
        None => Err("it no longer decodes".into()),
    }
}

/// The `--adata-reference` file, decoded.
pub(super) fn read_reference(
    settings: &Settings,
    errors: &mut Vec<OperationalError>,
) -> Option<SourceFile> {
    let path = settings.adata_reference.as_ref()?;
    let display = path.to_string_lossy().into_owned();
    let read = discover::read_regular_file(path);
    match read.and_then(|bytes| source::decode(display.clone(), &bytes).map_err(|e| e.to_string()))
    {
        Ok(source) => Some(source),
        Err(message) => {
            errors.push(OperationalError {
                path: display,
                message: format!("cannot read the --adata-reference file: {message}"),
            });
            None
        }
    }
}

/// gimlint.toml, when the settings name one (the command line finds it: `--config`, or the
/// nearest one above the first input).
pub(super) fn read_config(
    settings: &Settings,
    errors: &mut Vec<OperationalError>,
) -> Option<config::Config> {
    let file = settings.config.as_ref()?;
    match &file.loaded {
        Ok(config) => Some(config::Config::clone(config)),
        Err(message) => {
            errors.push(OperationalError {
                path: file.path.to_string_lossy().into_owned(),
                message: format!("invalid configuration: {message}"),
            });
            None
        }
    }
}

/// When only files are linted (a pre-commit hook passes the changed ones) and gimlint.toml
/// declares other exports, those are read too: the fleet rules need them. Their own
/// findings are not reported.
pub(super) fn read_context(
    inputs: &[Input],
    config: &config::Config,
    settings: &Settings,
    decoded: &mut Vec<Decoded>,
    skipped: &mut Vec<discover::Skipped>,
) {
    if !inputs
        .iter()
        .all(|i| matches!(i, Input::Path(p) if p.is_file()))
    {
        return;
    }
    let mut known: std::collections::HashSet<PathBuf> =
        decoded.iter().filter_map(|d| d.canonical.clone()).collect();
    let Ok(boundary) = std::fs::canonicalize(config.dir()) else {
        return;
    };
    for declared in &config.applications {
        let Some(file) = &declared.file else { continue };
        let path = config.dir().join(file);
        let Some(canonical) = std::fs::canonicalize(&path).ok() else {
            continue;
        };
        if !known.insert(canonical.clone()) {
            continue;
        }
        if !settings.config_named && !canonical.starts_with(&boundary) {
            skipped.push(discover::Skipped {
                display: path.to_string_lossy().into_owned(),
                root: config.dir().to_string_lossy().into_owned(),
                why: discover::SkipReason::DeclaredOutside,
            });
            continue;
        }
        let Ok(bytes) = discover::read_limited(&path, settings.max_file_size) else {
            continue;
        };
        // Shown relative to the working folder when below it, like the paths the user names.
        let shown = std::env::current_dir()
            .and_then(std::fs::canonicalize)
            .ok()
            .and_then(|cwd| canonical.strip_prefix(cwd).ok().map(PathBuf::from))
            .unwrap_or_else(|| path.clone());
        let origin = Origin {
            name: shown.to_string_lossy().into_owned(),
            explicit: false,
            canonical: Some(canonical),
            relative: file_name(&path),
        };
        // A context file that does not decode is left out: it is not reported on.
        if let Some(Ok(file)) = decode_one(origin, bytes, settings) {
            decoded.push(file);
        }
    }
}

/// The SHA-256 of `bytes`, in lowercase hex.
pub(super) fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// How many lines `source` holds, a line ending ending the last one: the lines of its
/// [`source::LineIndex`], counted without building it (most files need no index: only
/// those with findings or evidence to locate).
pub(super) fn lines_of(source: &SourceFile) -> u64 {
    let bytes = source.text.as_bytes();
    // `\n`, `\r\n` and a lone `\r` each end a line.
    let endings = memchr::memchr2_iter(b'\n', b'\r', bytes)
        .filter(|&i| bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n'))
        .count();
    let last_is_empty = matches!(bytes.last(), None | Some(b'\n' | b'\r'));
    (endings + 1 - usize::from(last_is_empty)) as u64
}

/// Whether pre-commit runs gimlint as a hook: it sets `PRE_COMMIT=1` for its hooks.
fn run_by_pre_commit() -> bool {
    std::env::var_os("PRE_COMMIT").is_some_and(|value| value == "1")
}

/// Decodes one input: `None` when it is skipped (an XML file found in a folder that is not
/// an attached-data spec and does not decode: probably not gimlint's business).
pub(super) fn decode_one(
    origin: Origin,
    bytes: Vec<u8>,
    settings: &Settings,
) -> Option<Result<Decoded, OperationalError>> {
    let xml = is_xml(&origin.name);
    // pre-commit passes every changed file its `files` pattern takes, other tools' XML among
    // them (a Maven `pom.xml`, a `logback.xml`): run by it, a named XML file is a
    // specification only by its namespace or name, as in a folder.
    let explicit = origin.explicit && !(xml && run_by_pre_commit());
    let sha256 = settings.digests.then(|| sha256_hex(&bytes));
    match source::decode_owned(origin.name.clone(), bytes) {
        Ok(source) if lines_of(&source) > settings.max_lines() => Some(Err(OperationalError {
            path: origin.name,
            message: format!(
                "holds {} lines, more than the {} limit that comes with the {} size limit: \
                     not linted (raise both with --max-file-size)",
                lines_of(&source),
                settings.max_lines(),
                discover::size_of(settings.max_file_size)
            ),
        })),
        Ok(source) => Some(Ok(Decoded {
            source,
            xml,
            explicit,
            canonical: origin.canonical,
            relative: origin.relative,
            sha256,
            dropped: None,
        })),
        Err(_) if xml && !explicit && !model::adata::named_like_spec(&origin.name) => None,
        Err(error) => Some(Err(OperationalError {
            path: origin.name,
            message: error.to_string(),
        })),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lines counted without an index are those of the index.
    #[test]
    fn lines_are_counted_as_the_line_index_counts_them() {
        for text in [
            "",
            "a",
            "a\n",
            "a\r\n",
            "a\r",
            "\n",
            "\r\n\r\n",
            "a\rb",
            "a\n\rb\r\n",
            "a\r\r\nb",
            "é\nü\r",
        ] {
            let source = source::decode_owned("x.cfg".into(), text.as_bytes().to_vec())
                .expect("UTF-8 decodes");
            let index = source.line_index();
            let last_is_empty = index.line_start(index.line_count() - 1) == source.text.len();
            let expected = (index.line_count() - usize::from(last_is_empty)) as u64;
            assert_eq!(lines_of(&source), expected, "{text:?}");
        }
    }
}
