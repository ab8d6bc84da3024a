//! gimlint: a linter for Genesys Info Mart, Interaction Concentrator and WFM configuration
//! exports, run before and after a migration to 8.5.
//!
//! Data flows one way: [`discover`] → [`source`] (decode) → [`parse`] → [`model`] →
//! [`rules`] → [`report`]. The library never prints; `main.rs` does.

pub mod base;
pub mod baseline;
pub mod cli;
pub mod config;
pub mod discover;
pub mod docs;
pub mod finding;
pub mod fix;
pub mod inventory;
pub mod lsp;
pub mod model;
pub mod parse;
pub mod readiness;
pub mod report;
pub mod rules;
pub mod schema;
pub mod secrets;
pub mod settings;
pub mod source;

use base::AppKind;
use base::Severity;
use base::Span;
use finding::{Finding, Findings};
use model::{Application, Evidence, LintFile, Member, Project, SpecFile, Summary};
use rayon::prelude::*;
use settings::Settings;
use source::SourceFile;
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
    /// SHA-256 of the file's bytes, in hex, when [`Settings::digests`] asked for it.
    pub sha256: Option<String>,
    pub kind: AppKind,
    pub evidence: Option<Evidence>,
    /// gimlint.toml declares this file's application: the rules that need the topology
    /// check it.
    pub in_topology: bool,
    /// Spans that no output may show: the file's own secrets, and every place where a
    /// secret of the run appears in it.
    pub secrets: Vec<Span>,
}

impl LintedFile {
    /// The text with every secret of the run masked: what snippets, `--diff` and the places
    /// that key baselines and fingerprints are made from.
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
    /// `gimlint diff` only: what changed, application by application.
    pub changes: Vec<AppChanges>,
    /// What the run had, besides the exports, of what some rules need: without it they
    /// found nothing because they checked nothing.
    pub provided: Vec<rules::Need>,
    /// The gimlint.toml the run used, as shown (`None` when none was found, or it was
    /// invalid).
    pub config: Option<String>,
    /// What the walk of the folders named left out on purpose (links out of them are also
    /// in `notes`).
    pub skipped: Vec<discover::Skipped>,
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
    /// The path below the folder the user named (the file name for a named file), to pair
    /// the exports of `gimlint diff`.
    relative: String,
    /// SHA-256 of the bytes read, in hex, for the readiness report.
    sha256: Option<String>,
}

fn file_name(path: &std::path::Path) -> String {
    path.file_name().map_or_else(
        || path.to_string_lossy().into_owned(),
        |n| n.to_string_lossy().into_owned(),
    )
}

fn is_xml(path: &str) -> bool {
    std::path::Path::new(path)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xml"))
}

/// Where a file given by name only (stdin's `--stdin-filename`, an editor's buffer) would be
/// on disk, so gimlint.toml's `file` entries and path globs apply to it as to the saved file.
fn canonical_of_name(name: &str) -> Option<PathBuf> {
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
fn file_identity(input: &Input) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    let Input::Path(path) = input else {
        return None;
    };
    let meta = std::fs::metadata(path).ok()?;
    (meta.is_file() && meta.nlink() > 1).then(|| (meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn file_identity(_input: &Input) -> Option<(u64, u64)> {
    None
}

/// Reads and decodes every input.
fn read_inputs(
    inputs: &[Input],
    settings: &Settings,
    errors: &mut Vec<OperationalError>,
    skipped: &mut Vec<discover::Skipped>,
) -> Vec<Decoded> {
    let mut decoded = Vec::new();
    // A file reached from two of the paths given (a folder and a file or subfolder in it)
    // is linted once.
    let mut seen = std::collections::HashSet::new();
    // Two names of one file (hard links) given on the command line are one file too: linted
    // twice, `--fix` would write it twice and find it changed the second time.
    let mut seen_files = std::collections::HashSet::new();
    for input in inputs {
        if file_identity(input).is_some_and(|identity| !seen_files.insert(identity)) {
            continue;
        }
        match input {
            Input::Memory { name, bytes } => {
                let origin = Origin {
                    name: name.clone(),
                    explicit: true,
                    canonical: canonical_of_name(name),
                    relative: file_name(std::path::Path::new(name)),
                };
                match decode_one(origin, bytes, settings) {
                    Some(Ok(file)) => decoded.push(file),
                    Some(Err(error)) => errors.push(error),
                    None => {}
                }
            }
            Input::Path(root) => {
                let walk = discover::discover(std::slice::from_ref(root));
                errors.extend(walk.errors.into_iter().map(|e| OperationalError {
                    path: e.display,
                    message: e.message,
                }));
                skipped.extend(walk.skipped);
                let candidates = walk.files;
                // Walked folders hold no links to folders (the walk does not follow them):
                // a file's canonical path is the root's joined with the path below it, one
                // system call for the run instead of one per path component and file.
                let canonical_root = std::fs::canonicalize(root).ok();
                // Reading, decoding and hashing are independent per file: all cores, in the
                // order discovery gave, so output does not depend on scheduling.
                let read: Vec<_> = candidates
                    .into_par_iter()
                    .filter_map(|candidate| {
                        read_candidate(root, canonical_root.as_deref(), candidate, settings)
                    })
                    .collect();
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

/// Reads and decodes one file found under `root`.
fn read_candidate(
    root: &std::path::Path,
    canonical_root: Option<&std::path::Path>,
    candidate: discover::Candidate,
    settings: &Settings,
) -> Option<Result<Decoded, OperationalError>> {
    let bytes = match discover::read_limited(&candidate.path, settings.max_file_size) {
        Ok(bytes) => bytes,
        Err(message) => {
            return Some(Err(OperationalError {
                path: candidate.display,
                message,
            }))
        }
    };
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
    let origin = Origin {
        canonical,
        name: candidate.display,
        explicit: candidate.explicit,
        relative,
    };
    decode_one(origin, &bytes, settings)
}

/// The `--adata-reference` file, decoded.
fn read_reference(settings: &Settings, errors: &mut Vec<OperationalError>) -> Option<SourceFile> {
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
fn read_config(settings: &Settings, errors: &mut Vec<OperationalError>) -> Option<config::Config> {
    let path = settings.config.as_ref()?;
    match config::load(path) {
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

/// Bytes of text whose models a run keeps whatever else it holds (a model takes about three
/// times its text): beyond it, files are summarised and re-modelled when checked.
const MODELLED_TEXT_BUDGET: usize = 2 << 20;

/// Models every decoded file, then applies gimlint.toml: declared kinds override inferred
/// ones, and declared applications are matched with their exports. With `keep_all`, every
/// model is kept; otherwise the models within [`MODELLED_TEXT_BUDGET`] and those that the
/// rules of other files read (files gimlint.toml declares, and specifications), and a
/// summary of the others. A summarised file is given to `check_early` (with its index in
/// `decoded`) while its model is at hand: what it returns is the file's check, done.
/// Also returns, for each member of the project, the index of its `decoded` entry and its
/// early check.
fn build_project<'d>(
    decoded: &'d [Decoded],
    config: Option<config::Config>,
    keep_all: bool,
    check_early: &(dyn Fn(usize, &LintFile) -> Option<FileCheck> + Sync),
) -> (Project<'d>, Vec<usize>, Vec<Option<FileCheck>>) {
    let declared: std::collections::HashSet<PathBuf> = config
        .iter()
        .flat_map(|config| {
            config.applications.iter().filter_map(|declared| {
                std::fs::canonicalize(config.dir().join(declared.file.as_ref()?)).ok()
            })
        })
        .collect();
    // The first files' models are kept up to a budget of text: a small run (an editor's
    // buffer, a pre-commit hook, one deployment) parses each file once, a large one holds
    // a bounded number of models.
    let mut text_seen = 0;
    let within_budget: Vec<bool> = decoded
        .iter()
        .map(|d| {
            text_seen += d.source.text.len();
            text_seen <= MODELLED_TEXT_BUDGET
        })
        .collect();
    let modelled: Vec<Option<(Member, Option<FileCheck>)>> = decoded
        .par_iter()
        .zip(within_budget)
        .enumerate()
        .map(|(i, (d, within_budget))| {
            let file = model_of(d)?;
            let keep = keep_all
                || within_budget
                || matches!(file, LintFile::AdataSpec(_))
                || d.canonical.as_ref().is_some_and(|c| declared.contains(c));
            Some(if keep {
                (Member::Modelled(file), None)
            } else {
                let early = check_early(i, &file);
                (Member::Summarised(Summary::of(&file)), early)
            })
        })
        .collect();
    let mut origins = Vec::new();
    let mut files = Vec::new();
    let mut early_checks = Vec::new();
    for (i, modelled) in modelled.into_iter().enumerate() {
        if let Some((member, early)) = modelled {
            files.push(member);
            origins.push(i);
            early_checks.push(early);
        }
    }
    let topology = config.map(|config| {
        let mut file_at = std::collections::HashMap::new();
        for (index, &origin) in origins.iter().enumerate() {
            if let Some(canonical) = &decoded[origin].canonical {
                file_at.entry(canonical).or_insert(index);
            }
        }
        let file_of: Vec<Option<usize>> = config
            .applications
            .iter()
            .map(|declared| {
                let path =
                    std::fs::canonicalize(config.dir().join(declared.file.as_ref()?)).ok()?;
                file_at.get(&path).copied()
            })
            .collect();
        for (declared, file) in config.applications.iter().zip(&file_of) {
            let (Some(kind), Some(Member::Modelled(LintFile::Options(app)))) = (
                declared.kind.and_then(|k| k.app_kind()),
                file.and_then(|i| files.get_mut(i)),
            ) else {
                continue;
            };
            app.kind = kind;
            app.evidence = Some(Evidence {
                span: Span::empty_at(0),
                reason: format!(
                    "gimlint.toml declares `{}` with `kind = \"{}\"`",
                    declared.name,
                    kind.label()
                ),
            });
        }
        model::Topology::new(config, file_of)
    });
    (Project::new(files, topology), origins, early_checks)
}

/// The model of a decoded file: an option export, or an attached-data specification
/// (`None` for XML that is not one).
fn model_of(decoded: &Decoded) -> Option<LintFile<'_>> {
    if decoded.xml {
        SpecFile::recognise(&decoded.source, decoded.explicit).map(LintFile::AdataSpec)
    } else {
        Some(LintFile::Options(Application::new(&decoded.source)))
    }
}

/// Lints `inputs` with `settings`.
pub fn lint(inputs: &[Input], settings: &Settings) -> Report {
    run(inputs, None, settings)
}

/// `gimlint inventory`: the customized options of every option export of `inputs`, and what
/// could not be read.
pub fn inventory(
    inputs: &[Input],
    settings: &Settings,
) -> (Vec<inventory::AppInventory>, Vec<OperationalError>) {
    let mut errors = Vec::new();
    // The inventory has no notes: what its walk skipped is left out silently.
    let decoded = read_inputs(inputs, settings, &mut errors, &mut Vec::new());
    let config = read_config(settings, &mut errors);
    let (project, _, _) = build_project(&decoded, config, true, &|_, _| None);
    let redactor = secrets::Redactor::of_files(
        project
            .members
            .iter()
            .map(|m| (m.source().text.as_str(), m.secrets())),
    );
    let mut apps: Vec<inventory::AppInventory> = project.apps().map(inventory::of).collect();
    for option in apps.iter_mut().flat_map(|app| &mut app.options) {
        redactor.scrub_in_place(&mut option.section);
        redactor.scrub_in_place(&mut option.option);
        redactor.scrub_in_place(&mut option.value);
        option
            .default
            .iter_mut()
            .for_each(|d| redactor.scrub_in_place(d));
    }
    (apps, errors)
}

/// `gimlint diff`: lints `after` against `before`: the changes of every application, and
/// the findings of the rules that compare the two (DIF) besides the others.
pub fn diff(before: &[Input], after: &[Input], settings: &Settings) -> Report {
    run(after, Some(before), settings)
}

/// For each file of `after`, the index of the file of `before` it is the export of: the
/// other file when each side is one file, else the same path below the named folder, else
/// the same file name when only one file has it.
fn pair_files(before_relative: &[&str], after_relative: &[&str]) -> Vec<Option<usize>> {
    // Two files compared directly are each other's counterpart, whatever their names.
    if before_relative.len() == 1 && after_relative.len() == 1 {
        return vec![Some(0)];
    }
    let mut by_path = std::collections::HashMap::new();
    let mut by_name: std::collections::HashMap<String, Option<usize>> = Default::default();
    for (index, relative) in before_relative.iter().enumerate() {
        by_path.entry(*relative).or_insert(index);
        by_name
            .entry(file_name(std::path::Path::new(relative)))
            .and_modify(|only| *only = None)
            .or_insert(Some(index));
    }
    after_relative
        .iter()
        .map(|relative| {
            by_path.get(relative).copied().or_else(|| {
                by_name
                    .get(&file_name(std::path::Path::new(relative)))
                    .copied()
                    .flatten()
            })
        })
        .collect()
}

/// The path of each project file relative to the folder it was found in.
fn relative_paths<'d>(decoded: &'d [Decoded], origins: &[usize]) -> Vec<&'d str> {
    origins
        .iter()
        .map(|&o| decoded[o].relative.as_str())
        .collect()
}

/// When only files are linted (a pre-commit hook passes the changed ones) and gimlint.toml
/// declares other exports, those are read too: the fleet rules need them. Their own
/// findings are not reported.
fn read_context(
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
        if let Some(Ok(file)) = decode_one(origin, &bytes, settings) {
            decoded.push(file);
        }
    }
}

fn run(inputs: &[Input], before_inputs: Option<&[Input]>, settings: &Settings) -> Report {
    let mut errors = Vec::new();
    let mut skipped = Vec::new();
    let config = read_config(settings, &mut errors);
    let config_shown = config
        .as_ref()
        .map(|c| c.path.to_string_lossy().into_owned());
    let mut decoded = read_inputs(inputs, settings, &mut errors, &mut skipped);
    let requested = decoded.len();
    if let Some(config) = &config {
        read_context(inputs, config, settings, &mut decoded, &mut skipped);
    }
    let before_decoded = before_inputs.map(|b| read_inputs(b, settings, &mut errors, &mut skipped));
    let reference_source = read_reference(settings, &mut errors);
    let reference =
        reference_source
            .as_ref()
            .and_then(|source| match SpecFile::reference(source) {
                Ok(spec) => Some(spec),
                Err(message) => {
                    errors.push(OperationalError {
                        path: source.path.clone(),
                        message,
                    });
                    None
                }
            });
    let entries = config.as_ref().map(config_suppressions).unwrap_or_default();
    let path_ignores = config.as_ref().map(PathIgnores::of).unwrap_or_default();
    // `diff` compares whole files: every model is kept on both sides.
    let keep_all = before_inputs.is_some();
    // A file that no rule reading other files checks is checked as soon as it is modelled,
    // so that its model is built once. Those rules read nothing of the run here.
    let no_other_files = Project::new(Vec::new(), None);
    let check_early = |index: usize, file: &LintFile| {
        if keep_all || index >= requested || rules::reads_other_files(file.kind(), settings) {
            return None;
        }
        let ctx = rules::Context {
            project: &no_other_files,
            settings,
            adata_reference: reference.as_ref(),
            baseline: None,
            suppression_use: None,
            current: 0,
            schema_view: None,
        };
        let canonical = decoded[index].canonical.as_ref();
        Some(check_one(file, &ctx, canonical, &path_ignores, &entries))
    };
    let (project, origins, early_checks) = build_project(&decoded, config, keep_all, &check_early);
    // The files the user asked for come first; context files follow and are not reported.
    let shown = origins.iter().take_while(|&&o| o < requested).count();
    let before_project = before_decoded
        .as_ref()
        .map(|b| build_project(b, None, keep_all, &|_, _| None));
    let baseline = before_project.as_ref().zip(before_decoded.as_ref()).map(
        |((project_before, origins_before, _), decoded_before)| rules::Baseline {
            project: project_before,
            paired: pair_files(
                &relative_paths(decoded_before, origins_before),
                &relative_paths(&decoded, &origins),
            ),
        },
    );
    let changes = baseline
        .as_ref()
        .map_or_else(Vec::new, |b| app_changes(b, &project));
    let mut notes = rules::skipped_for_lack_of_topology(&project, settings)
        .map(|codes| {
            let why = if settings.config.is_some() {
                "gimlint.toml could not be used"
            } else {
                "no gimlint.toml found"
            };
            vec![format!(
                "{why}: {} did not run, since they need the topology (connections and pairs) that option exports do not hold",
                codes.join(", ")
            )]
        })
        .unwrap_or_default();
    notes.extend(skipped.iter().filter_map(discover::Skipped::note));

    let ctx = rules::Context {
        project: &project,
        settings,
        adata_reference: reference.as_ref(),
        baseline: baseline.as_ref(),
        suppression_use: None,
        current: 0,
        schema_view: None,
    };
    // Each file's rules, ignores and suppressions are independent of the other files'
    // (rules over several files only read the shared project): all cores, one model per
    // core for the files not kept modelled, results in file order. Context files (after
    // `shown`) are there for the other files' rules only.
    let checked: Vec<FileCheck> = project.members[..shown]
        .par_iter()
        .zip(early_checks)
        .enumerate()
        .map(|(index, (member, early))| {
            if let Some(check) = early {
                return check;
            }
            let rebuilt;
            let file = match member {
                Member::Modelled(file) => file,
                Member::Summarised(_) => {
                    rebuilt = model_of(&decoded[origins[index]])
                        .expect("a summarised file was modelled before");
                    &rebuilt
                }
            };
            let ctx = rules::Context {
                current: index,
                ..ctx
            };
            let canonical = decoded[origins[index]].canonical.as_ref();
            check_one(file, &ctx, canonical, &path_ignores, &entries)
        })
        .collect();
    let mut entries_used = vec![false; entries.len()];
    let mut findings = Vec::new();
    for (index, check) in checked.into_iter().enumerate() {
        for used in check.entries_used {
            entries_used[used] = true;
        }
        findings.extend(check.found.into_iter().map(|mut finding| {
            finding.file = index;
            finding
        }));
    }
    if settings.use_suppressions {
        let linted: Vec<&PathBuf> = decoded[..requested]
            .iter()
            .filter_map(|d| d.canonical.as_ref())
            .collect();
        notes.extend(stale_config_suppressions(
            &entries,
            &entries_used,
            &linted,
            settings,
        ));
    }
    findings.sort_by(|a, b| {
        (a.file, a.span.start, a.rule.code, a.span.end).cmp(&(
            b.file,
            b.span.start,
            b.rule.code,
            b.span.end,
        ))
    });
    let in_topology = |index: usize| {
        project
            .topology
            .as_ref()
            .is_some_and(|t| t.declared_for(index).is_some())
    };
    let described: Vec<(AppKind, Option<Evidence>, bool, Vec<Span>)> = project.members[..shown]
        .iter()
        .enumerate()
        .map(|(index, m)| {
            (
                m.kind(),
                m.evidence().cloned(),
                in_topology(index),
                m.secrets().to_vec(),
            )
        })
        .collect();
    let provided = [
        (rules::Need::Topology, project.topology.is_some()),
        (rules::Need::BeforeExports, baseline.is_some()),
        (rules::Need::AdataReference, reference.is_some()),
    ]
    .into_iter()
    .filter_map(|(need, had)| had.then_some(need))
    .collect();
    // Every secret of every file read: those linted, the context files of gimlint.toml, and
    // the exports before a `diff`.
    let before_members = before_project
        .iter()
        .flat_map(|(before, _, _)| &before.members);
    let redactor = secrets::Redactor::of_files(
        project
            .members
            .iter()
            .chain(before_members)
            .map(|m| (m.source().text.as_str(), m.secrets())),
    );
    // The models borrow the texts: once they are gone, the texts move into the report.
    drop(baseline);
    drop(project);
    let mut decoded: Vec<Option<Decoded>> = decoded.into_iter().map(Some).collect();
    let files = described
        .into_iter()
        .zip(origins)
        .map(|((kind, evidence, in_topology, secrets), origin)| {
            let decoded = decoded[origin]
                .take()
                .expect("each file has its own origin");
            LintedFile {
                kind,
                evidence,
                in_topology,
                secrets,
                sha256: decoded.sha256,
                source: decoded.source,
            }
        })
        .collect();
    let mut report = Report {
        files,
        findings,
        errors,
        notes,
        changes,
        provided,
        config: config_shown,
        skipped,
        redactor,
    };
    report.redact();
    report
}

impl Report {
    /// Masks every secret of the run in everything the report holds for its reporters:
    /// each file's secret spans gain every place a secret of the run appears in it, and the
    /// words of findings, notes, errors, changes and evidence are scrubbed.
    fn redact(&mut self) {
        let redactor = &self.redactor;
        self.files.par_iter_mut().for_each(|file| {
            let found = redactor.occurrences(&file.source.text);
            if !found.is_empty() {
                file.secrets.extend(found);
                file.secrets.sort();
                file.secrets.dedup();
            }
            if let Some(evidence) = &mut file.evidence {
                redactor.scrub_in_place(&mut evidence.reason);
            }
        });
        self.findings
            .par_iter_mut()
            .for_each(|finding| redactor.scrub_finding(finding));
        self.notes
            .iter_mut()
            .chain(self.errors.iter_mut().map(|e| &mut e.message))
            .for_each(|text| redactor.scrub_in_place(text));
        for change in self.changes.iter_mut().flat_map(|app| &mut app.changes) {
            redactor.scrub_in_place(&mut change.section);
            redactor.scrub_in_place(&mut change.option);
            change
                .before
                .iter_mut()
                .chain(&mut change.after)
                .for_each(|value| redactor.scrub_in_place(value));
        }
    }
}

/// Checks one file: its rules, severity overrides, path ignores, gimlint.toml's
/// `[[suppress]]` entries, inline suppressions, then the `SUP` rules on what the
/// suppressions did. (Secrets are scrubbed from the messages of the whole run at its end,
/// when every secret of the run is known.)
fn check_one(
    file: &LintFile,
    ctx: &rules::Context,
    canonical: Option<&PathBuf>,
    path_ignores: &PathIgnores,
    entries: &[ConfigSuppression],
) -> FileCheck {
    let settings = ctx.settings;
    let mut filter = FileFilter::new(file, canonical, path_ignores, entries, settings);
    let mut found = Vec::new();
    rules::check_file(file, ctx, rules::Stage::Findings, |check| {
        let mut bounded = Bounded::new(&mut found);
        // Every finding goes through the filter, so that a suppression it uses is not
        // called unused, even past the findings kept.
        check(&mut Findings::new(&mut |finding| {
            if filter.keeps(&finding) {
                bounded.push(finding);
            }
        }));
        bounded.finish();
    });
    if settings.use_suppressions {
        let ctx = rules::Context {
            suppression_use: Some(&filter.suppression_use),
            ..*ctx
        };
        let ignored = &filter.ignored;
        rules::check_file(file, &ctx, rules::Stage::Suppressions, |check| {
            let mut bounded = Bounded::new(&mut found);
            check(&mut Findings::new(&mut |finding| {
                if !ignored.contains(finding.rule.code) {
                    bounded.push(finding);
                }
            }));
            bounded.finish();
        });
    }
    for finding in &mut found {
        if let Some(severity) = settings.severity.get(finding.rule.code) {
            finding.severity = *severity;
        }
    }
    FileCheck {
        found,
        entries_used: filter.entries_used.into_iter().collect(),
    }
}

/// How many findings of one rule gimlint keeps for one file. Past it, findings are counted,
/// not kept, and one finding says how many more there are: a file of a million repeated
/// options would otherwise hold a million findings, and their output, in memory.
pub const FINDINGS_KEPT_PER_RULE: usize = 1_000;

/// What is kept of one rule's findings in one file, as the rule pushes them: the first
/// [`FINDINGS_KEPT_PER_RULE`], then only a count and where the first left out is, so that
/// nothing past the limit is ever stored.
struct Bounded<'k> {
    kept: &'k mut Vec<Finding>,
    kept_of_rule: usize,
    /// How many were left out, and the rule and span of the first.
    left_out: Option<(usize, &'static rules::RuleMeta, Span)>,
}

impl<'k> Bounded<'k> {
    /// Keeps the rule's findings at the end of `kept`.
    fn new(kept: &'k mut Vec<Finding>) -> Self {
        Bounded {
            kept,
            kept_of_rule: 0,
            left_out: None,
        }
    }

    fn push(&mut self, finding: Finding) {
        if self.kept_of_rule < FINDINGS_KEPT_PER_RULE {
            self.kept.push(finding);
            self.kept_of_rule += 1;
        } else {
            self.left_out
                .get_or_insert((0, finding.rule, finding.span))
                .0 += 1;
        }
    }

    /// After the rule's last finding: when some were left out, one finding where the first
    /// left out is, saying how many.
    fn finish(self) {
        let Some((count, rule, span)) = self.left_out else {
            return;
        };
        let (findings, are) = if count == 1 {
            ("finding", "is")
        } else {
            ("findings", "are")
        };
        let mut more = Finding::new(
            rule,
            span,
            format!(
                "{count} more {} {findings} in this file {are} not shown",
                rule.code
            ),
        )
        .label(format!(
            "the first of {count} more {} {findings}",
            rule.code
        ))
        .help(format!(
            "gimlint reports at most {FINDINGS_KEPT_PER_RULE} findings of a rule in a file; fix \
             these (`--fix` fixes those shown) and run it again, or ignore {} for this file",
            rule.code
        ));
        // It counts as the findings it stands for, so that totals are those of the file.
        more.left_out = count;
        self.kept.push(more);
    }
}

/// What checking one file gave: its findings after ignores and suppressions, and which
/// `[[suppress]]` entries of gimlint.toml were used.
struct FileCheck {
    found: Vec<Finding>,
    entries_used: Vec<usize>,
}

/// What removes a finding of one file, in this order: the rules that gimlint.toml's
/// `[per-file-ignores]` ignore for it, its `[[suppress]]` entries, then the file's inline
/// suppressions (unless suppressions are off, or they expired). Each is looked up in an
/// index, so that a finding costs the same however many of them there are.
struct FileFilter<'f> {
    ignored: std::collections::BTreeSet<&'static str>,
    /// The first `[[suppress]]` entry for this file by rule, section and option (`None`:
    /// any).
    entries: std::collections::HashMap<(&'static str, Option<&'f str>, Option<&'f str>), usize>,
    app: Option<&'f Application<'f>>,
    inline: Option<model::suppression::Coverage>,
    /// The `[[suppress]]` entries that removed a finding.
    entries_used: std::collections::BTreeSet<usize>,
    /// For each inline suppression, whether it removed a finding.
    suppression_use: Vec<bool>,
}

impl<'f> FileFilter<'f> {
    fn new(
        file: &'f LintFile,
        canonical: Option<&PathBuf>,
        path_ignores: &PathIgnores,
        entries: &'f [ConfigSuppression],
        settings: &Settings,
    ) -> Self {
        let app = match file {
            LintFile::Options(app) => Some(app),
            LintFile::AdataSpec(_) => None,
        };
        let mut by_place = std::collections::HashMap::new();
        let mut inline = None;
        if settings.use_suppressions {
            let for_file = entries.iter().enumerate().filter(|(_, e)| {
                !e.expired(settings) && e.file.as_ref().is_none_or(|f| Some(f) == canonical)
            });
            for (index, entry) in for_file {
                for &code in &entry.codes {
                    by_place
                        .entry((code, entry.section.as_deref(), entry.option.as_deref()))
                        .or_insert(index);
                }
            }
            inline = app.map(|app| {
                model::suppression::Coverage::new(&app.suppressions, |s| {
                    s.until.is_none_or(|until| until >= settings.today.as_str())
                })
            });
        }
        FileFilter {
            ignored: path_ignores.ignored(canonical),
            entries: by_place,
            app,
            inline,
            entries_used: Default::default(),
            suppression_use: vec![false; app.map_or(0, |app| app.suppressions.len())],
        }
    }

    /// Whether `finding` is reported; what suppressed it is marked used.
    fn keeps(&mut self, finding: &Finding) -> bool {
        let code = finding.rule.code;
        if self.ignored.contains(code) {
            return false;
        }
        if !self.entries.is_empty() {
            let (section, option) = self
                .app
                .map_or((None, None), |app| app.place_at(finding.span.start));
            // An entry names a section and an option, or leaves either out to mean any.
            let by = [
                (section, option),
                (section, None),
                (None, option),
                (None, None),
            ]
            .into_iter()
            .filter_map(|(s, o)| self.entries.get(&(code, s, o)).copied())
            .min();
            if let Some(index) = by {
                self.entries_used.insert(index);
                return false;
            }
        }
        match self
            .inline
            .as_ref()
            .and_then(|inline| inline.suppressor(code, finding.span.start))
        {
            Some(index) => {
                self.suppression_use[index] = true;
                false
            }
            None => true,
        }
    }
}

/// gimlint.toml's `[per-file-ignores]`, with the folder its globs are relative to.
#[derive(Default)]
struct PathIgnores {
    dir: PathBuf,
    entries: Vec<config::PathIgnore>,
}

impl PathIgnores {
    fn of(config: &config::Config) -> PathIgnores {
        PathIgnores {
            dir: std::fs::canonicalize(config.dir()).unwrap_or_else(|_| config.dir().to_owned()),
            entries: config.per_file_ignores.clone(),
        }
    }

    /// The rules ignored for the file at `canonical`.
    fn ignored(&self, canonical: Option<&PathBuf>) -> std::collections::BTreeSet<&'static str> {
        let Some(relative) = canonical.and_then(|c| c.strip_prefix(&self.dir).ok()) else {
            return Default::default();
        };
        self.entries
            .iter()
            .filter(|entry| entry.matches(relative))
            .flat_map(|entry| entry.codes.iter().copied())
            .collect()
    }
}

/// A `[[suppress]]` entry of gimlint.toml, its rules resolved and its file made canonical.
struct ConfigSuppression {
    codes: Vec<&'static str>,
    /// `rules` as gimlint.toml writes them, for messages.
    rules_as_written: String,
    file: Option<PathBuf>,
    /// `file` as gimlint.toml writes it, for messages.
    file_as_written: Option<PathBuf>,
    section: Option<String>,
    option: Option<String>,
    until: Option<String>,
}

impl ConfigSuppression {
    fn expired(&self, settings: &Settings) -> bool {
        self.until
            .as_deref()
            .is_some_and(|until| until < settings.today.as_str())
    }
}

fn config_suppressions(config: &config::Config) -> Vec<ConfigSuppression> {
    config
        .suppress
        .iter()
        .map(|entry| ConfigSuppression {
            codes: rules::selection::resolve(&entry.rules, &[])
                .map(|c| c.into_iter().collect())
                .unwrap_or_default(),
            // A file that does not exist matches no export.
            file: entry.file.as_ref().map(|f| {
                std::fs::canonicalize(config.dir().join(f)).unwrap_or_else(|_| config.dir().join(f))
            }),
            rules_as_written: entry.rules.join(", "),
            file_as_written: entry.file.clone(),
            section: entry.section.clone(),
            option: entry.option.clone(),
            until: entry.until.clone(),
        })
        .collect()
}

/// Notes on `[[suppress]]` entries that no longer do anything: expired ones (SUP002), and
/// (SUP001) ones for a file linted in this run that suppressed nothing in it. An entry for
/// every file is never called unused: a run may not hold the files it was written for.
fn stale_config_suppressions(
    entries: &[ConfigSuppression],
    used: &[bool],
    linted: &[&PathBuf],
    settings: &Settings,
) -> Vec<String> {
    let mut notes = Vec::new();
    for (index, entry) in entries.iter().enumerate() {
        let number = index + 1;
        if entry.expired(settings) {
            if settings.enabled.contains("SUP002") {
                notes.push(format!(
                    "SUP002: [[suppress]] entry {number} of gimlint.toml ({}) expired on {} and no longer suppresses; fix the findings, or renew `until` with a reason",
                    entry.rules_as_written,
                    entry.until.as_deref().unwrap_or_default()
                ));
            }
        } else if !used[index]
            && settings.enabled.contains("SUP001")
            && entry.file.as_ref().is_some_and(|f| linted.contains(&f))
        {
            notes.push(format!(
                "SUP001: [[suppress]] entry {number} of gimlint.toml ({}) suppressed nothing in {}; remove it",
                entry.rules_as_written,
                entry
                    .file_as_written
                    .as_ref()
                    .map(|f| f.display().to_string())
                    .unwrap_or_default()
            ));
        }
    }
    notes
}

/// What changed in each application: paired files compared option by option, after files
/// with no counterpart as new, before files with none as gone.
fn app_changes(baseline: &rules::Baseline, after: &Project) -> Vec<AppChanges> {
    let mut all = Vec::new();
    for (index, file) in after.members.iter().enumerate() {
        let before = baseline.paired[index].and_then(|b| baseline.project.members.get(b));
        // `diff` keeps every model on both sides.
        let changes = match (before.and_then(Member::modelled), file.modelled()) {
            (Some(LintFile::Options(old)), Some(LintFile::Options(new))) => {
                model::diff::changes(old, new)
            }
            _ => Vec::new(),
        };
        if before.is_none() || !changes.is_empty() {
            all.push(AppChanges {
                before: before.map(|b| b.source().path.clone()),
                after: Some(file.source().path.clone()),
                changes,
            });
        }
    }
    let paired: std::collections::HashSet<usize> =
        baseline.paired.iter().flatten().copied().collect();
    for (index, file) in baseline.project.members.iter().enumerate() {
        if !paired.contains(&index) {
            all.push(AppChanges {
                before: Some(file.source().path.clone()),
                after: None,
                changes: Vec::new(),
            });
        }
    }
    all
}

/// Where a file's bytes come from.
struct Origin {
    name: String,
    explicit: bool,
    canonical: Option<PathBuf>,
    relative: String,
}

/// The SHA-256 of `bytes`, in lowercase hex.
fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Decodes one file. An XML file found in a folder that is not named like a specification
/// is skipped quietly when it cannot be decoded: it is probably not gimlint's business.
/// Decodes one input: `None` when it is skipped (an XML file found in a folder that is not
/// an attached-data spec and does not decode).
/// How many lines `source` holds, a line ending ending the last one.
fn lines_of(source: &SourceFile) -> u64 {
    let index = source.line_index();
    let last_is_empty = index.line_start(index.line_count() - 1) == source.text.len();
    (index.line_count() - usize::from(last_is_empty)) as u64
}

fn decode_one(
    origin: Origin,
    bytes: &[u8],
    settings: &Settings,
) -> Option<Result<Decoded, OperationalError>> {
    let xml = is_xml(&origin.name);
    let digests = settings.digests;
    match source::decode(origin.name.clone(), bytes) {
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
            explicit: origin.explicit,
            canonical: origin.canonical,
            relative: origin.relative,
            sha256: digests.then(|| sha256_hex(bytes)),
        })),
        Err(_) if xml && !origin.explicit && !model::adata::named_like_spec(&origin.name) => None,
        Err(error) => Some(Err(OperationalError {
            path: origin.name,
            message: error.to_string(),
        })),
    }
}
