//! What `--diff` shows of the fixes of one file.

use super::apply_to_text;
use crate::base::escape::{no_command_lines, Escaped};
use crate::diagnostic::Edit;

/// What `--diff` shows of one file's fixes.
pub struct ShownDiff {
    /// A unified diff, with `a/` and `b/` paths as git writes them.
    pub text: String,
    /// Why `text` would not apply as a patch, if it would not: it hides secrets, or shows
    /// control characters escaped.
    pub not_a_patch: Option<&'static str>,
}

/// The unified diff that `--diff` shows of one file, from its text as it was linted to its
/// text once fixed (after every pass of fixes): made from the redacted texts, so that
/// neither its context lines nor its `-`/`+` lines show a secret. Masks keep every offset,
/// so the edits apply to the redacted text as to the file; a fix whose replacement would
/// hold a secret is never offered (see [`crate::secrets::Redactor::scrub_finding`]). The
/// export is someone else's text: its control characters are shown escaped and no line of
/// it starts a workflow command in a CI log, as in every other output; the path is quoted
/// as git quotes one. A diff changed by either no longer applies to the file, and says so.
/// The path is [`crate::engine::ProjectPaths::for_patch`]'s, what `git apply` reads from
/// any folder of the repository; for a file outside the repository and the current folder,
/// its absolute path without the leading `/`.
pub fn shown_diff(
    before: &FixedText,
    after: &FixedText,
    paths: &crate::engine::ProjectPaths,
) -> ShownDiff {
    let hunks = diff_hunks(&before.redacted, &after.redacted);
    let masked = hunks != diff_hunks(&before.text, &after.text);
    let shown = no_command_lines(Escaped::new(&hunks, true).text);
    let not_a_patch = if masked {
        Some("it hides secrets")
    } else if shown != hunks {
        Some("it shows control characters escaped")
    } else {
        None
    };
    let patch_path = paths
        .for_patch(&before.path)
        .unwrap_or_else(|| before.path.trim_start_matches('/').to_owned());
    let path = git_quoted(&patch_path);
    ShownDiff {
        text: format!("--- {}\n+++ {}\n{shown}", path("a/"), path("b/")),
        not_a_patch,
    }
}

/// One file's text, and the same with every secret of the run masked, as `--diff` shows it.
pub struct FixedText {
    /// The path as the run shows it.
    pub path: String,
    pub text: String,
    pub redacted: String,
}

impl FixedText {
    /// The text a run kept.
    pub fn of(file: &crate::engine::KeptText) -> Self {
        FixedText {
            path: file.source.path.clone(),
            text: file.source.text.clone(),
            redacted: file.redacted(),
        }
    }

    /// The text a run kept, with `edits` applied.
    pub fn fixed(file: &crate::engine::KeptText, edits: &[Edit]) -> Self {
        FixedText {
            path: file.source.path.clone(),
            text: apply_to_text(&file.source.text, edits),
            redacted: apply_to_text(&file.redacted(), edits),
        }
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
