//! Reporters: a [`crate::engine::Report`] in, text out. They decide nothing about what is
//! wrong and read no file: each finding carries where it is ([`crate::diagnostic::Located`])
//! and each linted file the lines its findings show, masked.

pub mod github;
pub mod gitlab;
pub mod human;
pub mod inventory;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod readiness;
pub mod sarif;
pub mod short;
pub mod statistics;

use crate::engine::Report;

/// Output formats of `gimlint check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Annotated snippets for a terminal (ruff's name, `full`, works too).
    #[value(alias = "full")]
    Human,
    /// One line per finding: `path:line:col: severity[CODE] message` (ruff's name,
    /// `concise`, works too).
    #[value(alias = "concise")]
    Short,
    /// One JSON object (schemas/gimlint-output.schema.json).
    Json,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// GitHub Actions annotations (the default under GitHub Actions).
    Github,
    /// JUnit XML test report.
    Junit,
    /// GitLab Code Quality JSON.
    Gitlab,
}

pub use crate::diagnostic::Position;

/// ` [*]` after the code of a finding that `--fix` fixes, as ruff marks them: its suggested
/// fixes too with `--unsafe-fixes`, which `--fix` then applies.
pub fn fixable_marker(finding: &crate::diagnostic::Finding, unsafe_fixes: bool) -> &'static str {
    match &finding.fix {
        Some(fix)
            if fix.applicability == crate::diagnostic::Applicability::Safe || unsafe_fixes =>
        {
            " [*]"
        }
        _ => "",
    }
}

/// How many findings `--fix` fixes, and how many more only `--unsafe-fixes` does.
pub fn fix_counts(report: &Report) -> (usize, usize) {
    use crate::diagnostic::Applicability;
    let with = |applicability| {
        report
            .findings
            .iter()
            .filter(|f| {
                f.fix
                    .as_ref()
                    .is_some_and(|fix| fix.applicability == applicability)
            })
            .count()
    };
    (with(Applicability::Safe), with(Applicability::Suggestion))
}

/// The line of standard error that says a path could not be linted, with control
/// characters shown escaped, as in every output: all of them in the path; in the message,
/// all but its line breaks (a TOML error's excerpt spans lines), and then no line may start
/// a workflow command.
pub fn error_line(error: &crate::engine::OperationalError) -> String {
    crate::base::escape::no_command_lines(format!(
        "gimlint: error: {}: {}\n",
        crate::base::escape::displayable(&error.path),
        crate::base::escape::Escaped::new(&error.message, true).text
    ))
}

/// One line per change of `gimlint diff`: `+ [section] option=value`, `- …`, `~ … old → new`.
pub fn change_lines(report: &Report) -> Vec<String> {
    let mut lines = Vec::new();
    for app in &report.changes {
        match (&app.before, &app.after) {
            (Some(before), Some(after)) => lines.push(format!("{before} → {after}")),
            (None, Some(after)) => lines.push(format!(
                "{after}: new, no export before{}",
                did_you_mean(app.similar.as_deref())
            )),
            (Some(before), None) => lines.push(format!(
                "{before}: gone, no export after{}",
                did_you_mean(app.similar.as_deref())
            )),
            (None, None) => {}
        }
        for change in &app.changes {
            let name = format!("[{}] {}", change.section, change.option);
            lines.push(match (&change.before, &change.after) {
                (None, Some(new)) => format!("  + {name}={new}"),
                (Some(old), None) => format!("  - {name}={old}"),
                (Some(old), Some(new)) => format!("  ~ {name}: {old} → {new}"),
                (None, None) => continue,
            });
        }
    }
    lines
}

/// ` (did you mean PATH?)` for an unpaired export of `gimlint diff` with a close name on
/// the other side.
fn did_you_mean(similar: Option<&str>) -> String {
    similar.map_or_else(String::new, |path| format!(" (did you mean {path}?)"))
}

/// A stable identity for a finding that does not depend on its line: the file (its
/// canonical path: the same whichever way it was named), the section
/// and option (or XML element and attribute) it is about, the rule, and which of the rule's
/// findings on that same place it is. Re-exporting a file that moves lines keeps it, so CI
/// tools (SARIF, GitLab) do not see a new problem. The place is masked like any output: a
/// hash of a line holding a password would let anyone holding the CI artifact confirm a
/// guess of it.
pub fn fingerprints(report: &Report) -> Vec<String> {
    use sha2::Digest;
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    report
        .findings
        .iter()
        .map(|finding| {
            let key = format!(
                "{}\u{0}{}\u{0}{}",
                report.files[finding.file].canonical_path,
                report.place(finding),
                finding.rule.code
            );
            let occurrence = seen.entry(key.clone()).or_insert(0);
            *occurrence += 1;
            let digest = sha2::Sha256::digest(format!("{key}\u{0}{occurrence}").as_bytes());
            digest.iter().take(16).map(|b| format!("{b:02x}")).collect()
        })
        .collect()
}
