//! gimlint: a linter for Genesys Info Mart, Interaction Concentrator and WFM configuration
//! exports, run before and after a migration to 8.5.
//!
//! Data flows one way: [`discover`] → [`source`] (decode) → [`parse`] → [`model`] →
//! [`rules`] → [`report`]. The library never prints; `main.rs` does.

pub mod cli;
pub mod config;
pub mod discover;
pub mod docs;
pub mod finding;
pub mod model;
pub mod parse;
pub mod release;
pub mod report;
pub mod rules;
pub mod schema;
pub mod secrets;
pub mod settings;
pub mod source;
pub mod span;

use finding::Finding;
use model::{AppKind, Application, Evidence, LintFile, Project, SpecFile};
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
    /// Things worth knowing about the run as a whole (rules skipped, and why).
    pub notes: Vec<String>,
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

/// A decoded file waiting to be modelled.
struct Decoded {
    source: SourceFile,
    xml: bool,
    explicit: bool,
    /// The canonical path of a file read from disk, to match gimlint.toml's `file` entries.
    canonical: Option<PathBuf>,
}

fn is_xml(path: &str) -> bool {
    std::path::Path::new(path)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xml"))
}

/// Reads and decodes every input.
fn read_inputs(inputs: &[Input], errors: &mut Vec<OperationalError>) -> Vec<Decoded> {
    let mut decoded = Vec::new();
    for input in inputs {
        match input {
            Input::Memory { name, bytes } => {
                decode_into(name.clone(), bytes, true, None, &mut decoded, errors)
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
                            let canonical = std::fs::canonicalize(&candidate.path).ok();
                            decode_into(
                                candidate.display,
                                &bytes,
                                candidate.explicit,
                                canonical,
                                &mut decoded,
                                errors,
                            )
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
    decoded
}

/// The `--adata-reference` file, decoded.
fn read_reference(settings: &Settings, errors: &mut Vec<OperationalError>) -> Option<SourceFile> {
    let path = settings.adata_reference.as_ref()?;
    let display = path.to_string_lossy().into_owned();
    let read = std::fs::read(path).map_err(|e| e.to_string());
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

/// gimlint.toml: `--config`, or the nearest one above the first input.
fn read_config(
    inputs: &[Input],
    settings: &Settings,
    errors: &mut Vec<OperationalError>,
) -> Option<config::Config> {
    let path = settings.config.clone().or_else(|| {
        let start = match inputs.first()? {
            Input::Path(path) => path.clone(),
            Input::Memory { name, .. } => PathBuf::from(name).parent()?.to_owned(),
        };
        config::discover(if start.as_os_str().is_empty() {
            std::path::Path::new(".")
        } else {
            &start
        })
    })?;
    match config::load(&path) {
        Ok(config) => Some(config),
        Err(message) => {
            errors.push(OperationalError {
                path: path.to_string_lossy().into_owned(),
                message: format!("invalid configuration: {message}"),
            });
            None
        }
    }
}

/// Models every decoded file, then applies gimlint.toml: declared kinds override inferred
/// ones, and declared applications are matched with their exports.
fn build_project(decoded: &[Decoded], config: Option<config::Config>) -> Project<'_> {
    let mut origins = Vec::new();
    let mut files = Vec::new();
    for (i, d) in decoded.iter().enumerate() {
        let file = if d.xml {
            SpecFile::recognise(&d.source, d.explicit).map(LintFile::AdataSpec)
        } else {
            Some(LintFile::Options(Application::new(&d.source)))
        };
        if let Some(file) = file {
            files.push(file);
            origins.push(i);
        }
    }
    let topology = config.map(|config| {
        let file_of: Vec<Option<usize>> = config
            .applications
            .iter()
            .map(|declared| {
                let path =
                    std::fs::canonicalize(config.dir().join(declared.file.as_ref()?)).ok()?;
                origins
                    .iter()
                    .position(|&o| decoded[o].canonical.as_ref() == Some(&path))
            })
            .collect();
        for (declared, file) in config.applications.iter().zip(&file_of) {
            let (Some(kind), Some(LintFile::Options(app))) = (
                declared.kind.and_then(|k| k.app_kind()),
                file.and_then(|i| files.get_mut(i)),
            ) else {
                continue;
            };
            app.kind = kind;
            app.evidence = Some(Evidence {
                span: span::Span::empty_at(0),
                reason: format!(
                    "gimlint.toml declares `{}` with `kind = \"{}\"`",
                    declared.name,
                    kind.label()
                ),
            });
        }
        model::Topology { config, file_of }
    });
    Project { files, topology }
}

/// Lints `inputs` with `settings`.
pub fn lint(inputs: &[Input], settings: &Settings) -> Report {
    let mut errors = Vec::new();
    let decoded = read_inputs(inputs, &mut errors);
    let reference_source = read_reference(settings, &mut errors);
    let reference = reference_source
        .as_ref()
        .and_then(|s| SpecFile::recognise(s, true));
    let config = read_config(inputs, settings, &mut errors);
    let project = build_project(&decoded, config);
    let notes = rules::skipped_for_lack_of_topology(&project, settings)
        .map(|codes| {
            vec![format!(
                "no gimlint.toml found: {} did not run, since they need the topology (connections and pairs) that option exports do not hold",
                codes.join(", ")
            )]
        })
        .unwrap_or_default();

    let ctx = rules::Context {
        project: &project,
        settings,
        adata_reference: reference.as_ref(),
    };
    let mut findings = Vec::new();
    for (index, file) in project.files.iter().enumerate() {
        let secrets = file.secrets();
        let secret_texts: Vec<&str> = secrets
            .iter()
            .map(|s| &file.source().text[s.range()])
            .collect();
        for mut finding in rules::check_file(file, &ctx) {
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
    let files = project
        .files
        .iter()
        .map(|file| LintedFile {
            kind: file.kind(),
            evidence: file.evidence().cloned(),
            secrets: file.secrets().to_vec(),
            source: file.source().clone(),
        })
        .collect();
    Report {
        files,
        findings,
        errors,
        notes,
    }
}

/// Decodes one file. An XML file found in a folder that is not named like a specification
/// is skipped quietly when it cannot be decoded: it is probably not gimlint's business.
fn decode_into(
    name: String,
    bytes: &[u8],
    explicit: bool,
    canonical: Option<PathBuf>,
    decoded: &mut Vec<Decoded>,
    errors: &mut Vec<OperationalError>,
) {
    let xml = is_xml(&name);
    match source::decode(name.clone(), bytes) {
        Ok(source) => decoded.push(Decoded {
            source,
            xml,
            explicit,
            canonical,
        }),
        Err(_) if xml && !explicit && !model::adata::named_like_spec(&name) => {}
        Err(error) => errors.push(OperationalError {
            path: name,
            message: error.to_string(),
        }),
    }
}
