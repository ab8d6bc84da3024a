//! gimlint: a linter for Genesys Info Mart, Interaction Concentrator and WFM configuration
//! exports, run before and after a migration to 8.5.
//!
//! Data flows one way: [`discover`] → [`source`] (decode) → [`parse`] → [`model`] →
//! [`rules`] → [`report`]. The library never prints; `main.rs` does.

pub mod cli;
pub mod discover;
pub mod docs;
pub mod finding;
pub mod model;
pub mod parse;
pub mod release;
pub mod report;
pub mod rules;
pub mod secrets;
pub mod settings;
pub mod source;
pub mod span;

use finding::Finding;
use model::{AppKind, Application, Evidence, Project};
use rules::Severity;
use settings::Settings;
use source::SourceFile;
use span::Span;
use std::path::PathBuf;

/// One thing to lint.
pub enum Input {
    /// A file or a folder to walk.
    Path(PathBuf),
    /// Bytes read elsewhere (standard input), with the name to show for them.
    Memory { name: String, bytes: Vec<u8> },
}

/// A file that was linted, with what the reporters need to show its findings.
pub struct LintedFile {
    pub source: SourceFile,
    pub kind: AppKind,
    pub evidence: Option<Evidence>,
    /// Spans that no output may show.
    pub secrets: Vec<Span>,
}

impl LintedFile {
    /// The text with every secret masked: what snippets are rendered from.
    pub fn redacted_text(&self) -> String {
        secrets::redact(&self.source.text, &self.secrets)
    }
}

/// A path gimlint could not lint (exit code 2); the other files are still linted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OperationalError {
    pub path: String,
    pub message: String,
}

/// Everything one run found.
pub struct Report {
    pub files: Vec<LintedFile>,
    /// Sorted by file, then position, then code.
    pub findings: Vec<Finding>,
    pub errors: Vec<OperationalError>,
}

/// How a run ends, as a process exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExitStatus {
    /// No finding at or above the failure threshold.
    Clean = 0,
    /// Findings at or above the failure threshold.
    Findings = 1,
    /// gimlint could not do its whole job (bad flag, unreadable or undecodable input).
    Error = 2,
}

impl Report {
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    pub fn exit_status(&self, fail_on: Severity) -> ExitStatus {
        if !self.errors.is_empty() {
            ExitStatus::Error
        } else if self.findings.iter().any(|f| f.severity >= fail_on) {
            ExitStatus::Findings
        } else {
            ExitStatus::Clean
        }
    }
}

/// Lints `inputs` with `settings`.
pub fn lint(inputs: &[Input], settings: &Settings) -> Report {
    let mut errors = Vec::new();
    let mut sources = Vec::new();
    for input in inputs {
        match input {
            Input::Memory { name, bytes } => {
                decode_into(name.clone(), bytes, &mut sources, &mut errors)
            }
            Input::Path(path) => {
                let (candidates, walk_errors) = discover::discover(std::slice::from_ref(path));
                errors.extend(walk_errors.into_iter().map(|e| OperationalError {
                    path: e.display,
                    message: e.message,
                }));
                for candidate in candidates {
                    match std::fs::read(&candidate.path) {
                        Ok(bytes) => {
                            decode_into(candidate.display, &bytes, &mut sources, &mut errors)
                        }
                        Err(error) => errors.push(OperationalError {
                            path: candidate.display,
                            message: error.to_string(),
                        }),
                    }
                }
            }
        }
    }

    let project = Project {
        apps: sources.iter().map(Application::new).collect(),
    };
    let mut findings = Vec::new();
    for (index, app) in project.apps.iter().enumerate() {
        let secret_texts: Vec<&str> = app
            .secrets
            .iter()
            .map(|s| &app.doc.text[s.range()])
            .collect();
        for mut finding in rules::check_app(app, &project, settings) {
            finding.file = index;
            secrets::scrub_finding(&mut finding, &secret_texts);
            findings.push(finding);
        }
    }
    findings.sort_by(|a, b| {
        (a.file, a.span.start, a.rule.code, a.span.end).cmp(&(
            b.file,
            b.span.start,
            b.rule.code,
            b.span.end,
        ))
    });
    let models: Vec<_> = project
        .apps
        .into_iter()
        .map(|app| (app.kind, app.evidence, app.secrets))
        .collect();
    let files = sources
        .into_iter()
        .zip(models)
        .map(|(source, (kind, evidence, secrets))| LintedFile {
            source,
            kind,
            evidence,
            secrets,
        })
        .collect();
    Report {
        files,
        findings,
        errors,
    }
}

fn decode_into(
    name: String,
    bytes: &[u8],
    sources: &mut Vec<SourceFile>,
    errors: &mut Vec<OperationalError>,
) {
    match source::decode(name.clone(), bytes) {
        Ok(source) => sources.push(source),
        Err(error) => errors.push(OperationalError {
            path: name,
            message: error.to_string(),
        }),
    }
}
