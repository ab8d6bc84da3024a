//! What a document is linted with: what `gimlint check` would have. A document belongs to a
//! project: the folder of the gimlint.toml found above it; without one it is linted alone,
//! as `gimlint check FILE` lints it.
//! The project is walked as the command line walks it, with the open documents in place of
//! their files, so the rules comparing exports (the topology's, the HA pairs') see the other
//! exports; each open document of the project keeps its findings from that run.

use crate::diagnostic::Finding;
use crate::engine::settings::{self, Requested};
use crate::engine::{lint, Input};
use crate::settings::Settings;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Where a document is linted from, and with what.
pub struct Project {
    /// The project's folder, canonical; `None` when the document is linted alone (its
    /// folder is not on disk, or gimlint.toml cannot be read).
    pub root: Option<PathBuf>,
    pub settings: Settings,
    /// Why the document is linted alone, for the editor's log.
    pub alone_because: Option<String>,
}

impl Project {
    /// The project of the document at `path` (a local path, from its URI).
    pub fn of(path: &str, today: &str) -> Project {
        let folder = Path::new(path).parent();
        let alone = |settings, why: Option<String>| Project {
            root: None,
            settings,
            alone_because: why,
        };
        let settings = match settings::resolve(&Requested::default(), today, folder) {
            Ok(settings) => settings,
            Err(reason) => {
                return alone(
                    Settings::all_rules(today),
                    Some(format!("{path} is linted alone: {reason}")),
                )
            }
        };
        let root = match &settings.config {
            Some(file) => match &file.loaded {
                Ok(_) => file.path.parent().map(Path::to_owned),
                Err(reason) => {
                    let why = format!(
                        "{path} is linted alone: {} cannot be read: {reason}",
                        file.path.display()
                    );
                    return alone(settings, Some(why));
                }
            },
            // Without one, `gimlint check FILE` lints the file alone, and so does the
            // server: walking the document's folder (a home folder, `/`) at every keystroke
            // would cost the size of the folder, not of the document.
            None => None,
        };
        let root = root.and_then(|root| {
            let root = if root.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                root
            };
            // A folder every user may write (`/tmp`) is no project: its files are anyone's,
            // and walking it would make every keystroke read them.
            std::fs::canonicalize(root)
                .ok()
                .filter(|r| r.is_dir() && !crate::config::anyone_may_write(r))
        });
        Project {
            root,
            settings,
            alone_because: None,
        }
    }

    /// Lints the project with `buffers` (path and text of each open document) in place of
    /// their files: the findings of each buffer of the project, by its path, and the run's
    /// redactor (for what else the server says of the run). A document linted alone is the
    /// only buffer linted.
    pub fn lint<'b>(
        &self,
        trigger: &str,
        buffers: impl IntoIterator<Item = (&'b str, &'b str)>,
    ) -> (HashMap<String, Vec<Finding>>, crate::secrets::Redactor) {
        let mut inputs = Vec::new();
        let mut names = Vec::new();
        match &self.root {
            Some(root) => {
                inputs.push(Input::Path(root.clone()));
                for (path, text) in buffers {
                    if self.holds(path) {
                        names.push(path.to_owned());
                        inputs.push(buffer(path, text));
                    }
                }
            }
            None => {
                if let Some((path, text)) = buffers.into_iter().find(|(path, _)| *path == trigger) {
                    names.push(path.to_owned());
                    inputs.push(buffer(path, text));
                }
            }
        }
        let report = lint(&inputs, &self.settings);
        let mut findings: HashMap<String, Vec<Finding>> =
            names.into_iter().map(|name| (name, Vec::new())).collect();
        for finding in report.findings {
            let Some(file) = report.files.get(finding.file) else {
                continue;
            };
            if let Some(of_file) = findings.get_mut(&file.path) {
                of_file.push(finding);
            }
        }
        (findings, report.redactor)
    }

    /// Whether the document at `path` is in the project's folder (or below it).
    pub fn holds(&self, path: &str) -> bool {
        let Some(root) = &self.root else {
            return false;
        };
        let path = Path::new(path);
        let canonical_folder = path
            .parent()
            .and_then(|folder| std::fs::canonicalize(folder).ok());
        canonical_folder.is_some_and(|folder| folder.starts_with(root))
    }
}

fn buffer(path: &str, text: &str) -> Input {
    Input::Buffer {
        name: path.to_owned(),
        bytes: text.as_bytes().to_vec(),
    }
}
