//! The settings of a run: what was asked for (the command line's flags, or nothing at all
//! for a language server), with gimlint.toml filling in what it leaves out. The defaults are
//! written here and nowhere else.

use crate::base::release::{Release, LATEST_KNOWN_GIM};
use crate::base::{Phase, Severity};
use crate::config::{self, Config};
use crate::discover::{Exclusions, Globs, DEFAULT_EXCLUDES, DEFAULT_MAX_FILE_SIZE};
use crate::rules::{selection, REGISTRY};
use crate::settings::{ConfigFile, Settings};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// What a run was asked for, before gimlint.toml and the defaults fill in the rest. `None`
/// and empty mean "not asked".
#[derive(Clone, Debug, Default)]
pub struct Requested {
    pub phase: Option<Phase>,
    pub fail_on: Option<Severity>,
    pub target_release: Option<Release>,
    /// Rule selectors to run (codes, prefixes, names); none: gimlint.toml's, else all.
    pub select: Vec<String>,
    /// Rule selectors to run besides `select` (or gimlint.toml's, or all): `--extend-select`.
    pub extend_select: Vec<String>,
    /// Rule selectors not to run, added to gimlint.toml's.
    pub ignore: Vec<String>,
    pub adata_reference: Option<PathBuf>,
    /// gimlint.toml named explicitly (`--config`).
    pub config: Option<PathBuf>,
    pub no_suppressions: bool,
    /// In MB.
    pub max_file_size: Option<u64>,
    /// `--exclude`: globs relative to the current folder, replacing gimlint.toml's
    /// `exclude` and the defaults.
    pub exclude: Option<Vec<String>>,
    /// `--extend-exclude`: globs relative to the current folder, added to the others.
    pub extend_exclude: Vec<String>,
    /// `--force-exclude`: the paths named are left out as the walk would leave them out.
    pub force_exclude: bool,
}

/// Resolves `requested` with gimlint.toml into settings: what was asked for wins; `ignore`
/// adds to the file's. `today` is `YYYY-MM-DD`; `start` is where gimlint.toml is looked for
/// when none was named. An invalid gimlint.toml is left to the run, which reports it (exit
/// code 2) and lints the files anyway; an unknown rule selector asked for is an error here.
pub fn resolve(
    requested: &Requested,
    today: &str,
    start: Option<&Path>,
) -> Result<Settings, String> {
    let config_file = config::locate(requested.config.as_deref(), start).map(read_config);
    let config = config_file
        .as_ref()
        .and_then(|file| file.loaded.as_deref().ok());
    let from_file =
        |pick: fn(&Config) -> Option<Vec<String>>| config.and_then(pick).unwrap_or_default();
    // As ruff's: gimlint.toml's `select` and `extend-select`, unless `--select` replaces
    // both; then `--extend-select`.
    let (select, mut extend) = if requested.select.is_empty() {
        (
            from_file(|c| c.select.clone()),
            from_file(|c| c.extend_select.clone()),
        )
    } else {
        (requested.select.clone(), Vec::new())
    };
    extend.extend(requested.extend_select.iter().cloned());
    // An empty selection is every rule: extending it changes nothing, but a misspelt
    // selector is still an error.
    for selector in &extend {
        selection::codes_for(selector.trim())?;
    }
    let select = if select.is_empty() {
        select
    } else {
        [select, extend].concat()
    };
    let mut ignore = from_file(|c| c.ignore.clone());
    ignore.extend(requested.ignore.iter().cloned());
    let mut severity = BTreeMap::new();
    for (rule, level) in config.iter().flat_map(|c| &c.severity) {
        for code in selection::resolve(std::slice::from_ref(rule), &[])? {
            severity.insert(code, *level);
        }
    }
    let enabled = selection::resolve(&select, &ignore)?;
    let exclusions = exclusions(requested, config)?;
    Ok(Settings {
        exclusions,
        ..settled(requested, config_file, today, enabled, severity)
    })
}

/// What the walk leaves out: `--exclude`, else gimlint.toml's `exclude`, else
/// [`DEFAULT_EXCLUDES`]; and gimlint.toml's and the command line's `extend-exclude`. The
/// command line's globs are relative to the current folder (as a shell completes them),
/// gimlint.toml's to its folder (it is checked at load).
pub fn exclusions(requested: &Requested, config: Option<&Config>) -> Result<Exclusions, String> {
    let here = Path::new(".");
    let from_command_line = |flag: &str, patterns: &[String]| {
        Globs::new(here, patterns).map_err(|bad| {
            format!(
                "{flag} `{}`: {}",
                patterns.get(bad.index).map_or("", String::as_str),
                bad.message
            )
        })
    };
    let exclude = match (&requested.exclude, config.and_then(|c| c.exclude.clone())) {
        (Some(patterns), _) => from_command_line("--exclude", patterns)?,
        (None, Some(globs)) => globs,
        // Names, matched anywhere; relative to the project's folder for `--force-exclude`.
        (None, None) => Globs::new(config.map_or(here, Config::dir), DEFAULT_EXCLUDES)
            .map_err(|bad| bad.message)?,
    };
    let mut globs = vec![exclude];
    globs.extend(config.and_then(|c| c.extend_exclude.clone()));
    if !requested.extend_exclude.is_empty() {
        globs.push(from_command_line(
            "--extend-exclude",
            &requested.extend_exclude,
        )?);
    }
    Ok(Exclusions {
        globs,
        force: requested.force_exclude,
    })
}

/// Reads the gimlint.toml at `path`, once for the run.
pub fn read_config(path: PathBuf) -> ConfigFile {
    let loaded = config::load(&path, &selection::codes_for).map(std::sync::Arc::new);
    ConfigFile { path, loaded }
}

impl Settings {
    /// Every rule on, nothing asked for, no gimlint.toml: for library users and tests.
    /// `today` is `YYYY-MM-DD`.
    pub fn all_rules(today: &str) -> Settings {
        let every_rule = REGISTRY.iter().map(|r| r.meta().code).collect();
        settled(
            &Requested::default(),
            None,
            today,
            every_rule,
            BTreeMap::new(),
        )
    }
}

/// The settings once the rules are chosen: each value from what was asked for, else
/// gimlint.toml, else its default.
fn settled(
    requested: &Requested,
    config_file: Option<ConfigFile>,
    today: &str,
    enabled: BTreeSet<&'static str>,
    severity: BTreeMap<&'static str, Severity>,
) -> Settings {
    let config = config_file
        .as_ref()
        .and_then(|file| file.loaded.as_deref().ok());
    let phase = requested
        .phase
        .or(config.and_then(|c| c.phase))
        .unwrap_or(Phase::PreMigration);
    let target_release = requested
        .target_release
        .clone()
        .or_else(|| config.and_then(|c| c.target_release.clone()))
        .unwrap_or_else(|| Release::known(LATEST_KNOWN_GIM));
    let fail_on = requested
        .fail_on
        .or(config.and_then(|c| c.fail_on))
        .unwrap_or(Severity::Warning);
    let max_file_size = requested
        .max_file_size
        .or(config.and_then(|c| c.max_file_size))
        .map_or(DEFAULT_MAX_FILE_SIZE, |mb| mb << 20);
    Settings {
        phase,
        target_release,
        enabled,
        fail_on,
        current_year: today.get(..4).and_then(|y| y.parse().ok()).unwrap_or(1970),
        today: today.to_owned(),
        use_suppressions: !requested.no_suppressions,
        adata_reference: requested.adata_reference.clone(),
        config_named: requested.config.is_some(),
        config: config_file,
        severity,
        max_file_size,
        digests: false,
        exclusions: Exclusions::default(),
    }
}
