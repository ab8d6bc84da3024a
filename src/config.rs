//! `gimlint.toml`: the topology that option exports cannot show (which application connects
//! to which, HA and active-active pairs, kinds gimlint cannot infer). Found by walking up
//! from the first linted path to the root of its repository, or named by `--config`.
//! Unknown keys, unknown rules and impossible dates are errors that say where they are.
//!
//! ```toml
//! [[application]]
//! name = "ICON_Voice"
//! file = "icon_voice.cfg"          # relative to this file's folder
//! connections = ["DAP_ICON_Voice"] # the Connections tab
//! ha-pair = "ICON_Voice_B"         # the other ICON of an HA pair, or GIM server of an active-active pair
//!
//! [[application]]
//! name = "Stat_Server"
//! kind = "stat-server"             # applications without an export still have a kind
//! ```

use crate::base::dates::is_date;
use crate::base::release::Release;
use crate::base::text::closest;
use crate::base::Phase;
use crate::base::Severity;
use crate::base::Span;
use crate::base::TopologyKind;
use crate::diagnostic::RuleSelectors;
use crate::discover::Globs;
use serde::Deserialize;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The file name gimlint looks for.
pub const FILE_NAME: &str = "gimlint.toml";

/// The file as written, with the places of the values that are checked after parsing, so
/// that an error can say where it is.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ConfigFile {
    #[serde(default)]
    application: Vec<Declared>,
    select: Option<Vec<Spanned<String>>>,
    extend_select: Option<Vec<Spanned<String>>>,
    ignore: Option<Vec<Spanned<String>>>,
    fail_on: Option<Severity>,
    phase: Option<Phase>,
    target_release: Option<Spanned<String>>,
    #[serde(default)]
    severity: BTreeMap<Spanned<String>, Severity>,
    #[serde(default)]
    suppress: Vec<SuppressEntry>,
    #[serde(default)]
    per_file_ignores: BTreeMap<Spanned<String>, Spanned<Vec<Spanned<String>>>>,
    max_file_size: Option<Spanned<u64>>,
    exclude: Option<Vec<Spanned<String>>>,
    extend_exclude: Option<Vec<Spanned<String>>>,
}

/// A `[[suppress]]` entry as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct SuppressEntry {
    rules: Spanned<Vec<Spanned<String>>>,
    file: Option<PathBuf>,
    section: Option<String>,
    option: Option<String>,
    reason: Spanned<String>,
    until: Option<Spanned<String>>,
    ticket: Option<String>,
}

/// A `[per-file-ignores]` entry: rules that do not run on the files a glob matches.
#[derive(Clone, Debug)]
pub struct PathIgnore {
    /// The glob as written, relative to the folder of gimlint.toml.
    pub pattern: String,
    matcher: globset::GlobMatcher,
    pub codes: std::collections::BTreeSet<&'static str>,
}

impl PathIgnore {
    /// Whether the glob matches `relative`, a file's path relative to gimlint.toml's folder.
    /// A glob without `/` matches a file name in any folder, as in .gitignore.
    pub fn matches(&self, relative: &Path) -> bool {
        self.matcher.is_match(relative)
            || (!self.pattern.contains('/')
                && relative
                    .file_name()
                    .is_some_and(|name| self.matcher.is_match(name)))
    }
}

/// A `[[suppress]]` entry: findings of `rules` in one file, section or option, accepted for a
/// stated reason.
#[derive(Clone, Debug)]
pub struct Suppress {
    /// Codes, code prefixes or names.
    pub rules: Vec<String>,
    /// The export it applies to, relative to gimlint.toml (every file when absent).
    pub file: Option<PathBuf>,
    pub section: Option<String>,
    pub option: Option<String>,
    /// Why the findings do not matter: required.
    pub reason: String,
    /// `YYYY-MM-DD`: after this day the entry no longer suppresses.
    pub until: Option<String>,
    pub ticket: Option<String>,
    /// Where `rules` is written in gimlint.toml, and `until`: the places of the findings on
    /// an entry that no longer does anything.
    pub rules_span: Span,
    pub until_span: Option<Span>,
}

/// One `[[application]]` entry.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Declared {
    pub name: String,
    /// The export of its options, relative to the folder of gimlint.toml.
    pub file: Option<PathBuf>,
    pub kind: Option<TopologyKind>,
    /// The Connections tab; `None` when gimlint.toml has no `connections` key (as `gimlint
    /// init` writes it): the connections are then unknown, which is not the same as none.
    pub connections: Option<Vec<String>>,
    pub ha_pair: Option<String>,
}

/// A loaded gimlint.toml.
#[derive(Clone, Debug)]
pub struct Config {
    pub path: PathBuf,
    /// The file's text: findings on its `[[suppress]]` entries show it.
    pub text: String,
    pub applications: Vec<Declared>,
    /// Rules to run and not to run (command-line flags win).
    pub select: Option<Vec<String>>,
    /// Rules to run besides `select` (or all); a `--select` of the command line replaces
    /// both, as ruff's does.
    pub extend_select: Option<Vec<String>>,
    pub ignore: Option<Vec<String>>,
    pub fail_on: Option<Severity>,
    pub phase: Option<Phase>,
    pub target_release: Option<Release>,
    /// Severity per rule code or name.
    pub severity: BTreeMap<String, Severity>,
    pub suppress: Vec<Suppress>,
    pub per_file_ignores: Vec<PathIgnore>,
    /// In MB.
    pub max_file_size: Option<u64>,
    /// gitignore-style globs relative to this file's folder: what the walk leaves out
    /// instead of the defaults.
    pub exclude: Option<Globs>,
    /// Globs the walk leaves out besides `exclude` (or the defaults).
    pub extend_exclude: Option<Globs>,
}

impl Config {
    /// The folder that relative `file` entries start from (`.` for a bare `gimlint.toml`).
    pub fn dir(&self) -> &Path {
        self.path
            .parent()
            .filter(|folder| !folder.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
    }

    pub fn find(&self, name: &str) -> Option<&Declared> {
        self.applications.iter().find(|a| a.name == name)
    }
}

/// The gimlint.toml of a run: `explicit` (`--config`), else the nearest one above `start`
/// within its repository (see [`nearest`]).
pub fn locate(explicit: Option<&Path>, start: Option<&Path>) -> Option<PathBuf> {
    if let Some(path) = explicit {
        return Some(path.to_owned());
    }
    let start = start?;
    nearest(if start.as_os_str().is_empty() {
        Path::new(".")
    } else {
        start
    })
}

/// The nearest gimlint.toml in `start` (a file's folder, or a folder) or above it, looked
/// for up to the root of the repository `start` is in (the folder holding `.git`, a folder
/// or a worktree's file), never above the user's home folder, and never in or above a folder
/// that every user may write (see [`anyone_may_write`]). A gimlint.toml outside the
/// project (in a shared parent folder, or a home holding many checkouts) would otherwise
/// silently decide what a run checks, `ignore = ["ALL"]` included. Shown relative to the
/// working folder when it is below it.
pub fn nearest(start: &Path) -> Option<PathBuf> {
    let start = std::fs::canonicalize(start).ok()?;
    let first = if start.is_dir() {
        start.as_path()
    } else {
        start.parent()?
    };
    let home = home_folder();
    for folder in first.ancestors() {
        if anyone_may_write(folder) {
            return None;
        }
        let candidate = folder.join(FILE_NAME);
        if candidate.is_file() {
            return Some(shown(candidate));
        }
        let repository_root = std::fs::symlink_metadata(folder.join(".git")).is_ok();
        if repository_root || home.as_deref() == Some(folder) {
            return None;
        }
    }
    None
}

/// Whether every user may create files in `folder` (`/tmp`, a shared drop folder): a
/// gimlint.toml there, or above, may be anyone's, so discovery stops before it. Outside a
/// repository and the home folder, it is what keeps another user's `/tmp/gimlint.toml` from
/// deciding what a run in `/tmp/work` checks.
#[cfg(unix)]
pub fn anyone_may_write(folder: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(folder).is_ok_and(|meta| meta.permissions().mode() & 0o002 != 0)
}

/// Windows folders have access lists, not mode bits: discovery stops at the repository root
/// and the home folder only.
#[cfg(not(unix))]
pub fn anyone_may_write(_folder: &Path) -> bool {
    false
}

/// The user's home folder, canonical (where the environment names one).
fn home_folder() -> Option<PathBuf> {
    let variable = if cfg!(windows) { "USERPROFILE" } else { "HOME" };
    std::env::var_os(variable)
        .filter(|home| !home.is_empty())
        .and_then(|home| std::fs::canonicalize(home).ok())
}

/// `path` (canonical) relative to the working folder when it is below it, as the paths the
/// user names are shown.
fn shown(path: PathBuf) -> PathBuf {
    std::env::current_dir()
        .and_then(std::fs::canonicalize)
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or(path)
}

/// Reads and checks a gimlint.toml.
pub fn load(path: &Path, selectors: RuleSelectors) -> Result<Config, String> {
    let text = crate::discover::read_regular_file(path)
        .and_then(|bytes| String::from_utf8(bytes).map_err(|_| "not UTF-8".to_owned()))?;
    from_text(path, &text, selectors)
}

/// Checks the `text` of the gimlint.toml at `path` (its folder is where relative `file`
/// entries start). Separate from [`load`] so the fuzz target can feed text without a file.
/// An error message quotes what it found wrong, which may be a password pasted in the file
/// (a JDBC URL given to `select`): the file's own secrets are masked in it.
pub fn from_text(path: &Path, text: &str, selectors: RuleSelectors) -> Result<Config, String> {
    checked(path, text, selectors).map_err(|message| {
        let doc = crate::parse::options::OptionsDoc::parse(text);
        let spans = crate::secrets::secret_spans(&doc);
        crate::secrets::Redactor::of_files([(text, spans.as_slice())])
            .scrub(&message)
            .into_owned()
    })
}

fn checked(path: &Path, text: &str, selectors: RuleSelectors) -> Result<Config, String> {
    let parsed: ConfigFile = toml::from_str(text).map_err(|mut error| {
        // A password pasted into gimlint.toml (`db-password = "..."` beside `file`), or
        // another file named by `--config` (an option export): the excerpt comes from the
        // redacted text, where every byte and line is where it was. (The messages of the
        // TOML reader quote no value of an unknown key.)
        let doc = crate::parse::options::OptionsDoc::parse(text);
        let redacted = crate::secrets::redact(text, &crate::secrets::secret_spans(&doc));
        error.set_input(Some(&redacted));
        with_suggestion(&error)
    })?;
    let at = |span: std::ops::Range<usize>| position(text, span.start);
    let mut names = HashSet::new();
    for app in &parsed.application {
        if !names.insert(app.name.as_str()) {
            return Err(format!("application `{}` is declared twice", app.name));
        }
    }
    for app in &parsed.application {
        if let Some(partner) = &app.ha_pair {
            if !names.contains(partner.as_str()) {
                let others = parsed
                    .application
                    .iter()
                    .map(|a| a.name.as_str())
                    .filter(|n| *n != app.name);
                let hint = suggestion(partner, others);
                return Err(format!(
                    "`{}` names `ha-pair = \"{partner}\"`, which is not declared{hint}",
                    app.name
                ));
            }
        }
    }
    let target_release = parsed
        .target_release
        .map(|r| {
            r.get_ref()
                .parse::<Release>()
                .map_err(|e| format!("{}: target-release: {e}", at(r.span())))
        })
        .transpose()?;
    // Every selector is checked here, so that a wrong one is an error of this file, at its
    // line, and the run goes on without the file rather than stopping.
    let check_selectors = |written: &[Spanned<String>], place: &str| {
        written.iter().try_for_each(|selector| {
            selectors(selector.get_ref())
                .map(drop)
                .map_err(|e| format!("{}: {place}: {e}", at(selector.span())))
        })
    };
    check_selectors(parsed.select.as_deref().unwrap_or_default(), "`select`")?;
    check_selectors(parsed.ignore.as_deref().unwrap_or_default(), "`ignore`")?;
    check_selectors(
        parsed.extend_select.as_deref().unwrap_or_default(),
        "`extend-select`",
    )?;
    let keys: Vec<Spanned<String>> = parsed.severity.keys().cloned().collect();
    check_selectors(&keys, "[severity]")?;
    let mut suppress = Vec::new();
    for entry in parsed.suppress {
        if entry.rules.get_ref().is_empty() {
            return Err(format!(
                "{}: [[suppress]]: `rules` must name the codes it suppresses",
                at(entry.rules.span())
            ));
        }
        check_selectors(entry.rules.get_ref(), "[[suppress]] `rules`")?;
        if entry.reason.get_ref().trim().is_empty() {
            return Err(format!(
                "{}: [[suppress]]: `reason` must say why",
                at(entry.reason.span())
            ));
        }
        if let Some(until) = entry.until.as_ref().filter(|d| !is_date(d.get_ref())) {
            return Err(format!(
                "{}: [[suppress]]: `until = \"{}\"` is not a date (YYYY-MM-DD)",
                at(until.span()),
                until.get_ref()
            ));
        }
        let rules_span = span_of(entry.rules.span());
        let until_span = entry.until.as_ref().map(|until| span_of(until.span()));
        suppress.push(Suppress {
            rules_span,
            until_span,
            rules: strings(entry.rules.into_inner()),
            file: entry.file,
            section: entry.section,
            option: entry.option,
            reason: entry.reason.into_inner(),
            until: entry.until.map(Spanned::into_inner),
            ticket: entry.ticket,
        });
    }
    if let Some(mb) = parsed
        .max_file_size
        .as_ref()
        .filter(|mb| !(1..=4096).contains(mb.get_ref()))
    {
        return Err(format!(
            "{}: max-file-size: a number of MB from 1 to 4096",
            at(mb.span())
        ));
    }
    let mut per_file_ignores = Vec::new();
    for (pattern, rules) in parsed.per_file_ignores {
        let place = format!("[per-file-ignores] \"{}\"", pattern.get_ref());
        let matcher = globset::GlobBuilder::new(pattern.get_ref())
            .literal_separator(true)
            .build()
            .map_err(|e| format!("{}: {place}: {e}", at(pattern.span())))?
            .compile_matcher();
        if rules.get_ref().is_empty() {
            return Err(format!(
                "{}: {place}: name the rules to ignore",
                at(rules.span())
            ));
        }
        check_selectors(rules.get_ref(), &place)?;
        let mut codes = std::collections::BTreeSet::new();
        for selector in rules.into_inner() {
            codes.extend(selectors(selector.get_ref())?);
        }
        per_file_ignores.push(PathIgnore {
            pattern: pattern.into_inner(),
            matcher,
            codes,
        });
    }
    let dir = path
        .parent()
        .filter(|folder| !folder.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let globs = |written: Option<Vec<Spanned<String>>>, key: &str| {
        written
            .map(|patterns| {
                Globs::new(dir, &strings(patterns.clone())).map_err(|bad| {
                    let Some(pattern) = patterns.get(bad.index) else {
                        return format!("{key}: {}", bad.message);
                    };
                    format!(
                        "{}: {key}: `{}`: {}",
                        at(pattern.span()),
                        pattern.get_ref(),
                        bad.message
                    )
                })
            })
            .transpose()
    };
    let exclude = globs(parsed.exclude, "exclude")?;
    let extend_exclude = globs(parsed.extend_exclude, "extend-exclude")?;
    Ok(Config {
        path: path.to_owned(),
        text: text.to_owned(),
        applications: parsed.application,
        select: parsed.select.map(strings),
        extend_select: parsed.extend_select.map(strings),
        ignore: parsed.ignore.map(strings),
        fail_on: parsed.fail_on,
        phase: parsed.phase,
        target_release,
        severity: parsed
            .severity
            .into_iter()
            .map(|(rule, level)| (rule.into_inner(), level))
            .collect(),
        suppress,
        per_file_ignores,
        max_file_size: parsed.max_file_size.map(Spanned::into_inner),
        exclude,
        extend_exclude,
    })
}

fn span_of(range: std::ops::Range<usize>) -> Span {
    Span::new(range.start, range.end)
}

fn strings(spanned: Vec<Spanned<String>>) -> Vec<String> {
    spanned.into_iter().map(Spanned::into_inner).collect()
}

/// `line L, column C` of the byte at `offset` in `text`, counted as the TOML reader's own
/// errors count them (1-based, columns in characters).
fn position(text: &str, offset: usize) -> String {
    let before = text.get(..offset).unwrap_or(text);
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    format!(
        "line {}, column {}",
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1
    )
}

/// The TOML error (with its excerpt of the file), and for an unknown key the closest known
/// one: serde's message names both, `unknown field `selct`, expected one of `select`, …`.
fn with_suggestion(error: &toml::de::Error) -> String {
    let message = error.to_string().trim_end().to_owned();
    let Some(rest) = error.message().strip_prefix("unknown field `") else {
        return message;
    };
    let Some((unknown, expected)) = rest.split_once('`') else {
        return message;
    };
    let known = expected.split('`').skip(1).step_by(2);
    format!("{message}{}", suggestion(unknown, known))
}

/// `; did you mean `x`?` for the name most like `name`, or nothing.
fn suggestion<'n>(name: &str, names: impl IntoIterator<Item = &'n str>) -> String {
    closest(name, names).map_or(String::new(), |n| format!("; did you mean `{n}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_text(text: &str) -> Result<Config, String> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        std::fs::write(&path, text).unwrap();
        load(&path, &crate::rules::selection::codes_for)
    }

    #[test]
    fn loads_a_topology() {
        let config = load_text(
            "[[application]]\nname = \"A\"\nfile = \"a.cfg\"\nconnections = [\"B\"]\nha-pair = \"B\"\n\n[[application]]\nname = \"B\"\nkind = \"stat-server\"\n",
        )
        .unwrap();
        assert_eq!(config.applications.len(), 2);
        assert_eq!(
            config.find("B").unwrap().kind,
            Some(TopologyKind::StatServer)
        );
    }

    #[test]
    fn loads_settings_and_suppress_entries() {
        let config = load_text(
            "select = [\"GIM\", \"ICN\"]\nfail-on = \"error\"\nphase = \"post-migration\"\ntarget-release = \"8.5.014.09\"\n[severity]\nGIM006 = \"warning\"\n[[suppress]]\nrules = [\"GIM002\"]\nfile = \"gim.cfg\"\nreason = \"lab\"\n",
        )
        .unwrap();
        assert_eq!(config.fail_on, Some(Severity::Error));
        assert_eq!(config.phase, Some(Phase::PostMigration));
        assert_eq!(config.severity["GIM006"], Severity::Warning);
        assert_eq!(config.suppress[0].reason, "lab");
        let error = load_text("[[suppress]]\nrules = [\"GIM002\"]\n").unwrap_err();
        assert!(error.contains("missing field `reason`"), "{error}");
        let error = load_text("target-release = \"8.5\"\n").unwrap_err();
        assert!(error.contains("target-release"), "{error}");
    }

    #[test]
    fn unknown_keys_get_the_closest_known_key() {
        let error = load_text("selct = [\"GIM\"]\n").unwrap_err();
        assert!(error.contains("line 1, column 1"), "{error}");
        assert!(error.ends_with("did you mean `select`?"), "{error}");
        let error = load_text("[[suppress]]\nrules = [\"GIM001\"]\nreson = \"x\"\n").unwrap_err();
        assert!(error.ends_with("did you mean `reason`?"), "{error}");
        let error = load_text("zzz = 1\n").unwrap_err();
        assert!(!error.contains("did you mean"), "{error}");
    }

    #[test]
    fn wrong_selectors_and_dates_are_errors_at_their_line() {
        for (text, error) in [
            (
                "[severity]\nGIM001 = \"info\"\nGIMM001 = \"info\"\n",
                "line 3, column 1: [severity]: unknown rule selector `GIMM001`",
            ),
            (
                "[[suppress]]\nrules = [\"GIM001\", \"OPT99\"]\nreason = \"lab\"\n",
                "line 2, column 20: [[suppress]] `rules`: unknown rule selector `OPT99`",
            ),
            (
                "[[suppress]]\nrules = []\nreason = \"lab\"\n",
                "line 2, column 9: [[suppress]]: `rules` must name the codes it suppresses",
            ),
            (
                "[per-file-ignores]\n\"lab/*.cfg\" = [\"GIM001\", \"nope\"]\n",
                "line 2, column 26: [per-file-ignores] \"lab/*.cfg\": unknown rule selector `nope`",
            ),
            (
                "[[suppress]]\nrules = [\"GIM001\"]\nreason = \"lab\"\nuntil = \"2026-02-29\"\n",
                "line 4, column 9: [[suppress]]: `until = \"2026-02-29\"` is not a date",
            ),
        ] {
            let message = load_text(text).unwrap_err();
            assert!(message.starts_with(error), "{text}: {message}");
        }
        let leap_day = load_text(
            "[[suppress]]\nrules = [\"GIM001\"]\nreason = \"lab\"\nuntil = \"2028-02-29\"\n",
        );
        assert_eq!(
            leap_day.unwrap().suppress[0].until.as_deref(),
            Some("2028-02-29")
        );
    }

    #[test]
    fn rejects_unknown_keys_duplicates_and_dangling_pairs() {
        let error = load_text("[[application]]\nname = \"A\"\nconections = []\n").unwrap_err();
        assert!(error.contains("unknown field `conections`"), "{error}");
        assert!(
            error.contains("line 3"),
            "the error points into the file: {error}"
        );
        let error = load_text("[[application]]\nname = \"A\"\n[[application]]\nname = \"A\"\n")
            .unwrap_err();
        assert!(error.contains("declared twice"), "{error}");
        let error = load_text("[[application]]\nname = \"ICON_A\"\nha-pair = \"ICON_b\"\n[[application]]\nname = \"ICON_B\"\n").unwrap_err();
        assert!(error.contains("did you mean `ICON_B`?"), "{error}");
    }
}
