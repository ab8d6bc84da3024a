//! The one path of each file in machine outputs (fingerprints, baselines, SARIF, GitLab,
//! JUnit, GitHub annotations): relative to the project root, so that a file named `x.cfg`,
//! `./x.cfg`, by its absolute path or from a subfolder is the same file to every CI tool.

use std::path::{Component, Path, PathBuf};

/// Where a run's paths are relative to.
#[derive(Clone, Debug)]
pub struct ProjectPaths {
    /// The folder of the gimlint.toml in use, else the root of the git repository holding
    /// the current folder, else the current folder; canonicalised. `None` when the current
    /// folder cannot be read (it was removed): paths are then only tidied.
    root: Option<PathBuf>,
    /// The root of the git repository holding the current folder, canonicalised.
    repository: Option<PathBuf>,
    current: Option<PathBuf>,
}

impl ProjectPaths {
    /// The paths of a run whose gimlint.toml is `config`, from the process's current folder.
    pub fn of(config: Option<&Path>) -> Self {
        let current = std::env::current_dir()
            .ok()
            .map(|c| without_verbatim_prefix(std::fs::canonicalize(&c).unwrap_or(c)));
        // Found by looking for `.git` (a folder, or a file in a worktree) upwards: running
        // git would make every run depend on it being installed and cost a process.
        let repository = current
            .as_deref()
            .and_then(|c| c.ancestors().find(|a| a.join(".git").exists()))
            .map(Path::to_path_buf);
        let config_folder = config.and_then(|config| {
            let absolute = current
                .as_deref()
                .map_or(config.to_path_buf(), |c| c.join(config));
            resolved(&absolute).parent().map(Path::to_path_buf)
        });
        let root = config_folder
            .or_else(|| repository.clone())
            .or_else(|| current.clone())
            .map(without_verbatim_prefix);
        ProjectPaths {
            root,
            repository,
            current,
        }
    }

    /// The project root, when there is one.
    pub fn root(&self) -> Option<&Path> {
        self.root.as_deref()
    }

    /// `shown` (a path as the user typed it, joined with the walked part) relative to the
    /// project root, with `/` separators and no `./`; the absolute path of a file outside
    /// the root.
    pub fn canonical(&self, shown: &str) -> String {
        self.relative_to(self.root.as_deref(), shown)
    }

    /// A file's path as [`Self::canonical`] makes it, from its canonical path (links
    /// resolved, as the engine reads it once per file).
    pub fn of_canonical(&self, canonical: &Path) -> String {
        let canonical = without_verbatim_prefix(canonical.to_path_buf());
        match self
            .root
            .as_deref()
            .and_then(|root| canonical.strip_prefix(root).ok())
        {
            Some(relative) if relative.as_os_str().is_empty() => ".".to_owned(),
            Some(relative) => slashes(relative),
            None => slashes(&canonical),
        }
    }

    /// A file's canonical path (see [`Self::canonical`]) relative to the root of the git
    /// repository holding the current folder instead of the project root: what GitHub
    /// resolves annotations against (the checkout), which differs from the canonical path
    /// only when gimlint.toml is in a subfolder of the repository.
    pub fn in_repository(&self, canonical: &str) -> String {
        let (Some(root), Some(repository)) = (&self.root, &self.repository) else {
            return canonical.to_owned();
        };
        if Path::new(canonical).is_absolute() || canonical == "-" {
            return canonical.to_owned();
        }
        match root.join(canonical).strip_prefix(repository) {
            Ok(relative) => slashes(relative),
            Err(_) => canonical.to_owned(),
        }
    }

    /// `shown` as `git apply` reads a patch's paths: relative to the top of the repository
    /// holding the current folder (from any folder in it), else to the current folder (as
    /// `patch -p1` reads them). `None` for a file outside both.
    pub fn for_patch(&self, shown: &str) -> Option<String> {
        let base = self.repository.as_deref().or(self.current.as_deref())?;
        let path = self.relative_to(Some(base), shown);
        (!Path::new(&path).is_absolute() && !path.starts_with("../")).then_some(path)
    }

    fn relative_to(&self, base: Option<&Path>, shown: &str) -> String {
        let Some(current) = &self.current else {
            return slashes(&lexically_normal(Path::new(shown)));
        };
        let absolute = resolved(&current.join(shown));
        match base.and_then(|base| absolute.strip_prefix(base).ok()) {
            Some(relative) if relative.as_os_str().is_empty() => ".".to_owned(),
            Some(relative) => slashes(relative),
            None => slashes(&absolute),
        }
    }
}

/// `path` (absolute) with its folders' links resolved, as the root is: a file that is itself
/// a link keeps its own name, the name it has in the repository.
fn resolved(path: &Path) -> PathBuf {
    let normal = lexically_normal(path);
    match (normal.parent(), normal.file_name()) {
        (Some(parent), Some(name)) => match std::fs::canonicalize(parent) {
            Ok(parent) => without_verbatim_prefix(parent).join(name),
            Err(_) => normal,
        },
        _ => normal,
    }
}

/// `path` without `.` and with each `..` taking off the name before it.
fn lexically_normal(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir
                if matches!(out.components().next_back(), Some(Component::Normal(_))) =>
            {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Windows canonicalises to `\\?\C:\…`, a form no CI tool reads.
fn without_verbatim_prefix(path: PathBuf) -> PathBuf {
    let text = path.to_string_lossy();
    match text.strip_prefix(r"\\?\") {
        Some(rest) if !rest.starts_with("UNC") => PathBuf::from(rest),
        _ => path,
    }
}

fn slashes(path: &Path) -> String {
    let text = path.to_string_lossy();
    if std::path::MAIN_SEPARATOR == '\\' {
        text.replace('\\', "/")
    } else {
        text.into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexical_normalisation_drops_dots_and_resolves_parents() {
        assert_eq!(
            lexically_normal(Path::new("./a/./b/../c.cfg")),
            PathBuf::from("a/c.cfg")
        );
        assert_eq!(lexically_normal(Path::new("../x")), PathBuf::from("../x"));
    }
}
