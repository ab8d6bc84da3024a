//! What a run gives: the files it linted, its findings, what it could not read, and how it
//! ends.

pub use super::paths::ProjectPaths;
use crate::base::{AppKind, Severity, Span};
use crate::diagnostic::{Finding, Lines, Need, Range};
use crate::discover;
use crate::model::{self, Evidence};
use crate::secrets;
use crate::source::{Encoding, SourceFile};
use std::path::PathBuf;

/// One thing to lint.
#[derive(Clone)]
pub enum Input {
    /// A file or a folder to walk.
    Path(PathBuf),
    /// Bytes read elsewhere (standard input), with the name to show for them: named by
    /// the user, like a file named on the command line.
    Memory { name: String, bytes: Vec<u8> },
    /// An editor's buffer, with the path of its document. Editors hand the server every
    /// file of a type they register it for (every `.xml`: `pom.xml`, `logback.xml`), so an
    /// XML buffer is an attached-data specification only by its namespace or its name.
    Buffer { name: String, bytes: Vec<u8> },
}

/// A file that was linted, with what the reporters need to show its findings. Its text is
/// kept only when the command asked for it (`check --fix`, `--diff`: see
/// [`crate::engine::lint_keeping_texts`]); reporters read only the lines its findings need.
pub struct LintedFile {
    /// The path as the user gave it (joined with the walked part), or the stdin name: what
    /// the human, short and JSON formats show, for a terminal or an editor to open from the
    /// current folder.
    pub path: String,
    /// The path machine outputs use (fingerprints, baselines, SARIF, GitLab, JUnit, GitHub
    /// annotations): relative to the project root, `/`-separated, or absolute for a file
    /// outside it (see [`ProjectPaths::canonical`]); the stdin name as it is.
    pub canonical_path: String,
    pub encoding: Encoding,
    /// SHA-256 of the file's bytes, in hex, when [`Settings::digests`] asked for it.
    pub sha256: Option<String>,
    pub kind: AppKind,
    pub evidence: Option<Evidence>,
    /// Where the evidence's span is.
    pub evidence_at: Option<Range>,
    /// gimlint.toml declares this file's application: the rules that need the topology
    /// check it.
    pub in_topology: bool,
    /// Its declaration writes `connections = [...]`: the rules that read the connections
    /// have something to check (an entry without the key leaves them unknown).
    pub connections_declared: bool,
    /// The lines of the file that its findings show and read their places from, in order,
    /// masked with every secret of the run.
    pub lines: Vec<Lines>,
    /// The whole text, when the run kept it (boxed: most runs keep none, and a report holds
    /// one `LintedFile` per file linted).
    pub text: Option<Box<KeptText>>,
}

/// A linted file's whole text, kept for the commands that change or diff it.
pub struct KeptText {
    pub source: SourceFile,
    /// Spans that no output may show: the file's own secrets, and every place where a
    /// secret of the run appears in it.
    pub secrets: Vec<Span>,
}

impl KeptText {
    /// The text with every secret of the run masked: what `--diff` is made from.
    pub fn redacted(&self) -> String {
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
    /// `gimlint diff` only: what changed, application by application.
    pub changes: Vec<AppChanges>,
    /// What the run had, besides the exports, of what some rules need: without it they
    /// found nothing because they checked nothing.
    pub provided: Vec<Need>,
    /// The gimlint.toml the run used, as shown (`None` when none was found, or it was
    /// invalid).
    pub config: Option<String>,
    /// What the walk of the folders named left out on purpose (links out of them are also
    /// in `notes`).
    pub skipped: Vec<discover::Skipped>,
    /// What the run's paths are relative to in machine outputs.
    pub paths: ProjectPaths,
    /// Every secret of the run. The report's texts have been through it already; the
    /// command line passes what it adds (messages of `--fix`) through it too.
    pub redactor: secrets::Redactor,
}

/// The changes of one application between its before and after exports. A file with no
/// counterpart has only one path.
#[derive(Clone, Debug, serde::Serialize)]
pub struct AppChanges {
    pub before: Option<String>,
    pub after: Option<String>,
    /// A file with no counterpart: the path of the unpaired file of the other side with
    /// the closest name, when one is close (a rename that pairing could not be sure of).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub similar: Option<String>,
    pub changes: Vec<model::diff::Change>,
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
    /// How many findings of `severity` the run found, those counted but not kept included.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .map(|f| f.left_out.max(1))
            .sum()
    }

    /// How many findings the run counted but did not keep (past
    /// [`FINDINGS_KEPT_PER_RULE`] of a rule in a file).
    pub fn not_shown(&self) -> usize {
        self.findings.iter().map(|f| f.left_out).sum()
    }

    /// Where `finding` is, as `[section]option`, `[section]`, or the text of its line
    /// outside options: read from the masked lines of its file, so it shows no secret.
    pub fn place(&self, finding: &Finding) -> String {
        match (finding.located().place_key, self.files.get(finding.file)) {
            (Some(key), Some(file)) => super::locate::place_of(key, &file.lines),
            _ => String::new(),
        }
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
