//! Resolved settings of one run: what the rules check against.

use crate::base::release::Release;
use crate::base::Phase;
use crate::base::Severity;
use crate::config::Config;
use std::collections::BTreeSet;
use std::path::PathBuf;

#[derive(Clone, Debug)]
pub struct Settings {
    pub phase: Phase,
    /// The Genesys Info Mart release being deployed.
    pub target_release: Release,
    /// Codes of the rules to run.
    pub enabled: BTreeSet<&'static str>,
    /// Findings at or above this severity make the run fail (exit code 1).
    pub fail_on: Severity,
    /// The current year, for CAL001's suggested absolute year.
    pub current_year: i32,
    /// Today, `YYYY-MM-DD`: suppressions expire after their `until` date.
    pub today: String,
    /// `false` with `--no-suppressions`: inline suppressions are ignored (policy mode).
    pub use_suppressions: bool,
    /// The attached-data specification shipped with the GIM installation package, for ADS007.
    pub adata_reference: Option<PathBuf>,
    /// gimlint.toml named by `--config`, or found above the first input; read once, when
    /// the settings were resolved.
    pub config: Option<ConfigFile>,
    /// Whether `--config` named that gimlint.toml: then it may declare exports anywhere. A
    /// gimlint.toml found above the inputs may be anyone's who writes to the repository: the
    /// exports it declares are read only inside its folder.
    pub config_named: bool,
    /// Severity overrides per rule code (gimlint.toml `[severity]`).
    pub severity: std::collections::BTreeMap<&'static str, Severity>,
    /// Files larger than this many bytes are not read (an operational error).
    pub max_file_size: u64,
    /// Whether to compute the SHA-256 of every input: only `gimlint report` prints it, and
    /// hashing every byte is a cost the other commands need not pay.
    pub digests: bool,
    /// What the walk of a folder leaves out (`exclude`, `extend-exclude`), and whether the
    /// paths named are subject to it (`--force-exclude`).
    pub exclusions: crate::discover::Exclusions,
}

/// The shortest average line a file at the size limit may have; real exports' lines average
/// 30 to 60 bytes, so only a file built to exhaust memory comes near it.
pub const BYTES_PER_LINE: u64 = 32;

impl Settings {
    /// The most lines a file may hold to be linted: one per [`BYTES_PER_LINE`] bytes of
    /// `max_file_size`, or of the default size limit when that is lower. What a run holds of
    /// a file grows with its lines (about 200 bytes each, parsed), not its bytes: a file of
    /// short lines at the size limit would otherwise take several gigabytes. Raising
    /// `--max-file-size` raises this limit with it; lowering it does not make files of
    /// ordinary lines fail by their lines.
    pub fn max_lines(&self) -> u64 {
        self.max_file_size
            .max(crate::discover::DEFAULT_MAX_FILE_SIZE)
            / BYTES_PER_LINE
    }
}

/// A gimlint.toml of a run, read once: its settings and topology, or why it cannot be used
/// (the run reports that, exit code 2, and lints the files without it).
#[derive(Clone, Debug)]
pub struct ConfigFile {
    pub path: PathBuf,
    pub loaded: Result<std::sync::Arc<Config>, String>,
}
