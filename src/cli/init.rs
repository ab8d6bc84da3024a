//! `gimlint init [FOLDER]`: a commented gimlint.toml for the exports of a folder, as a
//! starting point to complete (connections and pairs are not in the exports).

use super::{Environment, NewFile, Outcome};
use crate::base::escape::displayable;
use crate::base::AppKind;
use crate::engine::settings::{exclusions, Requested};
use crate::engine::Input;
use crate::settings::Settings;
use std::fmt::Write;
use std::path::Path;

pub(super) fn init(folder: &Path, env: &Environment) -> Outcome {
    let target = folder.join("gimlint.toml");
    let shown = displayable(&target.to_string_lossy()).into_owned();
    // Said before the folder is read; `main` creates the file only if its name is still free.
    if std::fs::symlink_metadata(&target).is_ok() {
        return Outcome::usage_error(format!(
            "{shown} exists already: gimlint init does not overwrite it (edit it, or move it away)"
        ));
    }
    if !folder.is_dir() {
        return Outcome::usage_error(format!(
            "{}: not a folder",
            displayable(&folder.to_string_lossy())
        ));
    }
    // The defaults only: a gimlint.toml above the folder is not this one's.
    let settings = match exclusions(&Requested::default(), None) {
        Ok(exclusions) => Settings {
            enabled: std::collections::BTreeSet::new(),
            exclusions,
            ..Settings::all_rules(&env.today)
        },
        Err(message) => return Outcome::usage_error(message),
    };
    let report = crate::engine::lint(&[Input::Path(folder.to_path_buf())], &settings);
    let mut text = String::from(
        "# gimlint.toml, written by `gimlint init`: the topology of these exports and how strict a\n\
         # run is. Files are relative to this folder. Complete each application's `name` (as in\n\
         # Configuration Manager), `connections` and `ha-pair`: the exports do not hold them.\n\
         # docs/guide.md (Configuration, Topology) describes every key.\n\n\
         # Where you stand in the migration procedure:\n\
         # phase = \"pre-migration\"              # or \"post-migration\"\n\
         # target-release = \"8.5.014.09\"\n\
         # fail-on = \"warning\"\n\
         # select = [\"ALL\"]\n\
         # ignore = []\n\
         # What walking this folder leaves out, besides .git, venv, node_modules, target, build, dist:\n\
         # extend-exclude = [\"old/\"]\n",
    );
    let below = |path: &str| {
        Path::new(path)
            .strip_prefix(folder)
            .map_or_else(|_| path.to_owned(), with_slashes)
    };
    for file in &report.files {
        let relative = below(&file.path);
        let quoted = toml_string(&relative);
        match file.kind {
            AppKind::AdataSpec => {
                let _ = write!(
                    text,
                    "\n# {quoted}: an attached-data specification, checked with the ICON applications\n"
                );
            }
            AppKind::GimlintToml => {}
            kind => {
                let stem = Path::new(&relative)
                    .file_stem()
                    .map_or_else(|| relative.clone(), |s| s.to_string_lossy().into_owned());
                let _ = write!(
                    text,
                    "\n[[application]]\nname = {}\nfile = {quoted}\n",
                    toml_string(&stem)
                );
                let named = serde_json::to_value(kind)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned));
                match (kind, named) {
                    (AppKind::Unknown | AppKind::Annex, _) | (_, None) => {
                        text.push_str(
                            "# kind = \"\"  # gimlint could not tell: gim, icon, dap, wfm-server, wfm-builder, wfm-daemon, wfm-data-aggregator, wfm-web\n",
                        );
                    }
                    (_, Some(named)) => {
                        let _ = writeln!(text, "kind = \"{named}\"  # as gimlint inferred it");
                    }
                }
                text.push_str("# connections = []\n# ha-pair = \"\"\n");
            }
        }
    }
    let mut outcome = super::inspect::with_errors(String::new(), &report);
    outcome.created = Some(NewFile {
        path: target,
        text,
        written: format!(
            "Wrote {shown}: {} to review.\n",
            crate::base::text::plural(report.files.len(), "export")
        ),
    });
    outcome
}

/// `path` with `/` between its components, as gimlint.toml's `file` keys are written: a
/// Windows `\\` separates components, while on Unix a `\\` is part of a file's name.
fn with_slashes(path: &Path) -> String {
    path.components()
        .map(|component| component.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// `text` as a TOML basic string.
fn toml_string(text: &str) -> String {
    let mut quoted = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(quoted, "\\u{:04X}", c as u32);
            }
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_keys_join_components_with_slashes() {
        assert_eq!(with_slashes(Path::new("site1/gim.cfg")), "site1/gim.cfg");
        assert_eq!(with_slashes(Path::new("gim.cfg")), "gim.cfg");
        // On Unix a backslash is a character of the name, not a separator.
        #[cfg(unix)]
        assert_eq!(with_slashes(Path::new("we\\ird.cfg")), "we\\ird.cfg");
        #[cfg(windows)]
        assert_eq!(with_slashes(Path::new("site1\\gim.cfg")), "site1/gim.cfg");
    }
}
