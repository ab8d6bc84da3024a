//! `check` and `diff`: lint, apply fixes when asked, and say when nothing was linted.

use super::args::{settings, CheckArgs, DiffArgs};
use super::output::{misread_output_file, output_format, render, FixHint};
use super::{Environment, Outcome};
use crate::base::escape::displayable;
use crate::base::Phase;
use crate::engine::{lint, ExitStatus, Input, OperationalError, Report};
use crate::fix;
use crate::report::Format;
use crate::settings::Settings;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Lints `inputs`, and says when that linted nothing: see [`say_if_nothing_linted`].
pub(super) fn lint_all(inputs: &[Input], settings: &Settings) -> Report {
    let mut report = lint(inputs, settings);
    say_if_nothing_linted(&mut report, inputs, settings);
    report
}

/// The most of each kind of skipped path that the message of an empty run names.
pub(super) const SKIPPED_SHOWN: usize = 5;

/// A run that linted no file did not do its job (exit code 2): a wrong path, or exports
/// left where the walk does not go, must not pass as clean. Each folder named gets an
/// operational error that says so and what its walk left out, unless a file in it could
/// not be read (that error already says why nothing was linted).
pub(super) fn say_if_nothing_linted(report: &mut Report, inputs: &[Input], settings: &Settings) {
    if !report.files.is_empty() {
        return;
    }
    // gimlint.toml and the reference specification are not exports, whatever their errors.
    let config = settings.config.as_ref().map(|c| c.path.clone());
    let run_files: Vec<&Path> = [&config, &settings.adata_reference]
        .into_iter()
        .flatten()
        .map(PathBuf::as_path)
        .collect();
    for input in inputs {
        let Input::Path(root) = input else { continue };
        let already_said = report.errors.iter().any(|e| {
            let path = Path::new(&e.path);
            path.starts_with(root) && !run_files.contains(&path)
        });
        let shown = root.to_string_lossy();
        let left_out = report
            .skipped
            .iter()
            .any(|s| s.why == crate::discover::SkipReason::ForceExcluded && s.display == shown);
        if !root.is_dir() || already_said || left_out {
            continue;
        }
        let in_repository = std::fs::canonicalize(root)
            .is_ok_and(|canonical| crate::discover::repository_root(&canonical).is_some());
        let root = root.to_string_lossy().into_owned();
        let list = |why: crate::discover::SkipReason| {
            let paths: Vec<&str> = report
                .skipped
                .iter()
                .filter(|s| s.root == root && s.why == why)
                .map(|s| s.display.as_str())
                .collect();
            let mut shown = paths[..paths.len().min(SKIPPED_SHOWN)].join(", ");
            if paths.len() > SKIPPED_SHOWN {
                shown.push_str(&format!(" and {} more", paths.len() - SKIPPED_SHOWN));
            }
            shown
        };
        let mut message = format!(
            "no export found under {root}: no *.cfg, *.conf or *.ini file, nor an attached-data specification (*.xml)"
        );
        let folders = list(crate::discover::SkipReason::Folder);
        if !folders.is_empty() {
            message.push_str(&format!(
                "; hidden folders are not walked: {folders} (name one to lint it)"
            ));
        }
        let excluded = list(crate::discover::SkipReason::Excluded);
        if !excluded.is_empty() {
            message.push_str(&format!(
                "; exclude and extend-exclude leave out {excluded} (name one to lint it)"
            ));
        }
        if in_repository {
            message.push_str("; what git ignores is not walked either (name it to lint it)");
        }
        let links = list(crate::discover::SkipReason::LinkOut);
        if !links.is_empty() {
            message.push_str(&format!("; links out of {root} are not followed: {links}"));
        }
        report.errors.push(OperationalError {
            path: root,
            message,
        });
    }
}

pub(super) fn check(args: &CheckArgs, env: &Environment, stdin: &mut dyn Read) -> Outcome {
    if let Some(message) = misread_output_file(&args.lint.output) {
        return Outcome::usage_error(message);
    }
    let reads_stdin = args.paths.iter().any(|p| p.as_os_str() == "-");
    if args.stdin_filename.is_some() && !reads_stdin {
        return Outcome::usage_error(
            "--stdin-filename names standard input, which is read only when `-` is among the paths"
                .into(),
        );
    }
    let start = match args.paths.first() {
        Some(path) if path.as_os_str() == "-" => args
            .stdin_filename
            .as_deref()
            .and_then(|n| Path::new(n).parent())
            .map(Path::to_path_buf),
        other => other.cloned(),
    };
    let settings = match settings(
        &args.lint.rules,
        args.phase,
        args.lint.fail_on,
        &env.today,
        start.as_deref(),
    ) {
        Ok(settings) => settings,
        Err(message) => return Outcome::usage_error(message),
    };
    let mut stdin_error = None;
    let inputs: Vec<Input> = args
        .paths
        .iter()
        .filter_map(|path| {
            if path.as_os_str() != "-" {
                return Some(Input::Path(path.clone()));
            }
            let name = args.stdin_filename.clone().unwrap_or_else(|| "-".into());
            let mut bytes = Vec::new();
            // Input that could not be read whole is reported, not linted.
            let limit = settings.max_file_size;
            match stdin.take(limit + 1).read_to_end(&mut bytes) {
                Err(error) => {
                    stdin_error = Some(format!("{name}: cannot read standard input: {error}"));
                    None
                }
                Ok(read) if read as u64 > limit => {
                    stdin_error = Some(format!(
                        "{name}: standard input is larger than the {} limit: not read (raise it with --max-file-size)",
                        crate::discover::size_of(limit)
                    ));
                    None
                }
                Ok(_) if args.stdin_filename.is_none() && looks_like_xml(&bytes) => {
                    stdin_error = Some(
                        "standard input looks like XML, and without a name it would be read as an option export: \
                         pass --stdin-filename NAME.xml to lint it as an attached-data specification"
                            .into(),
                    );
                    None
                }
                Ok(_) => Some(Input::Memory { name, bytes }),
            }
        })
        .collect();
    if args.inspect.show_settings {
        return super::inspect::show_settings(&inputs, &settings);
    }
    if args.inspect.show_files {
        return super::inspect::show_files(&inputs, &settings);
    }
    if args.fix && inputs.iter().any(|i| matches!(i, Input::Memory { .. })) {
        return Outcome::usage_error(
            "--fix does not write standard input; use --diff to see the fixes".into(),
        );
    }
    let mut outcome = if args.fix || args.diff {
        fix_then_check(args, &inputs, &settings, env)
    } else {
        let mut report = lint_all(&inputs, &settings);
        let mut baseline_file = None;
        if let Some(path) = &args.write_baseline {
            baseline_file = Some((path.clone(), crate::baseline::record(&report)));
        }
        if let Some(path) = &args.baseline {
            let loaded = crate::discover::read_regular_file(path)
                .and_then(|bytes| String::from_utf8(bytes).map_err(|_| "not UTF-8".to_owned()))
                .and_then(|text| crate::baseline::parse(&text));
            match loaded {
                Ok(baseline) => {
                    let known = crate::baseline::apply(&mut report, &baseline);
                    report.notes.push(if known == 0 && baseline.recorded() > 0 {
                        // Every finding would otherwise show as new without a word why: most
                        // often the baseline was written for other files or another project.
                        format!(
                            "the baseline {} records {} and none of them matched this run \
                             (its paths are relative to the project root, {})",
                            displayable(&path.to_string_lossy()),
                            crate::base::text::plural(baseline.recorded(), "finding"),
                            report
                                .paths
                                .root()
                                .map_or("the current folder".into(), |root| {
                                    displayable(&root.to_string_lossy()).into_owned()
                                })
                        )
                    } else {
                        format!(
                            "{} recorded in the baseline not shown",
                            crate::base::text::plural(known, "finding")
                        )
                    });
                }
                Err(message) => {
                    return Outcome::usage_error(format!(
                        "{}: {message}",
                        displayable(&path.to_string_lossy())
                    ))
                }
            }
        }
        let mut outcome = render(
            report,
            &args.lint,
            &settings,
            env,
            FixHint::Fix {
                unsafe_fixes: args.unsafe_fixes,
            },
        );
        // Writing the baseline was the job, and it is done: the findings it records do not
        // fail the run (as ruff's `--add-noqa`).
        if baseline_file.is_some() && outcome.status == ExitStatus::Findings {
            outcome.status = ExitStatus::Clean;
        }
        outcome.files.extend(baseline_file);
        outcome
    };
    if let Some(message) = stdin_error {
        outcome
            .stderr
            .push_str(&format!("gimlint: error: {message}\n"));
        outcome.status = ExitStatus::Error;
    }
    outcome
}

/// Whether unnamed standard input starts as XML does (`<`, after a byte order mark and
/// blank space): an option export never does.
fn looks_like_xml(bytes: &[u8]) -> bool {
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let utf16 = [&b"\xFF\xFE<\0"[..], b"\xFE\xFF\0<"];
    utf16.iter().any(|start| bytes.starts_with(start))
        || text.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<')
}

/// How many times `--fix` lints and fixes again, for fixes that overlapped in a pass.
pub(super) const MAX_FIX_PASSES: usize = 4;

/// `--fix` and `--diff`: apply (or show) the fixes, pass after pass, then report what remains.
pub(super) fn fix_then_check(
    args: &CheckArgs,
    inputs: &[Input],
    settings: &Settings,
    env: &Environment,
) -> Outcome {
    if args.diff {
        return show_fixes(args, inputs, settings);
    }
    let mut fixed = 0;
    let mut problems = String::new();
    for _ in 0..MAX_FIX_PASSES {
        let report = crate::engine::lint_keeping_texts(inputs, settings);
        let mut wrote = false;
        for patch in fix::plan(&report, args.unsafe_fixes) {
            let Some(kept) = &report.files[patch.file].text else {
                continue;
            };
            let source = &kept.source;
            let result = if stdin_bytes(inputs, &source.path).is_some() {
                // Refused before linting; never a file named like standard input.
                Err("standard input is not written".to_owned())
            } else {
                fix::fix_file(source, &patch.edits, settings.max_file_size)
            };
            match result {
                Ok(()) => {
                    fixed += patch.fixes;
                    wrote = true;
                }
                Err(message) => problems.push_str(&not_fixed(&report, &source.path, &message)),
            }
        }
        if !wrote {
            break;
        }
    }
    let mut outcome = render(
        lint_all(inputs, settings),
        &args.lint,
        settings,
        env,
        FixHint::Fix {
            unsafe_fixes: args.unsafe_fixes,
        },
    );
    outcome.stderr.insert_str(0, &problems);
    let line = format!("Fixed {}.\n", crate::base::text::plural(fixed, "finding"));
    let flags = &args.lint.output;
    match output_format(&args.lint, env) {
        // A count, like the summary: not for `--quiet` or `--silent`.
        _ if flags.quiet || flags.silent => {}
        Format::Human => outcome.print_after(line),
        _ => outcome.stderr.push_str(&line),
    }
    if !problems.is_empty() {
        outcome.status = ExitStatus::Error;
    }
    outcome
}

/// `--diff`: what `--fix` would write, shown and never written. The passes are those of
/// `--fix` (a fix that overlapped another in one pass comes in the next), each linting the
/// files as the passes before left them, in memory; each file is shown as one diff, from its
/// bytes now to its text after the last pass.
fn show_fixes(args: &CheckArgs, inputs: &[Input], settings: &Settings) -> Outcome {
    let mut changed: Vec<ChangedFile> = Vec::new();
    let mut problems = String::new();
    let mut fixed = 0;
    let mut paths = None;
    let mut pass_inputs = inputs.to_vec();
    for pass in 0..MAX_FIX_PASSES {
        let report = crate::engine::lint_keeping_texts(&pass_inputs, settings);
        if pass == 0 {
            // A file that could not be read has no diff: the run did not do the whole job.
            problems.extend(report.errors.iter().map(crate::report::error_line));
        }
        let mut any = false;
        for patch in fix::plan(&report, args.unsafe_fixes) {
            let Some(kept) = &report.files[patch.file].text else {
                continue;
            };
            let source = &kept.source;
            let at = changed.iter().position(|c| c.first.path == source.path);
            // A file whose name cannot be given back to the walk (not UTF-8) was read from
            // disk again, as it was: its later passes are left to `--fix`.
            if at.is_some_and(|at| changed[at].last.text != source.text) {
                continue;
            }
            // Checked against the bytes as they are now all the same; later passes start
            // from the bytes the pass before made.
            let bytes = match at {
                Some(at) => Ok(changed[at].bytes.clone()),
                None => stdin_bytes(inputs, &source.path).map_or_else(
                    || fix::read_current(source, settings.max_file_size),
                    |bytes| Ok(bytes.clone()),
                ),
            };
            match bytes.and_then(|bytes| fix::apply_to_bytes(source, &bytes, &patch.edits)) {
                Ok(bytes) => {
                    let last = fix::FixedText::fixed(kept, &patch.edits);
                    match at {
                        Some(at) => {
                            changed[at].bytes = bytes;
                            changed[at].last = last;
                        }
                        None => changed.push(ChangedFile {
                            first: fix::FixedText::of(kept),
                            last,
                            bytes,
                        }),
                    }
                    fixed += patch.fixes;
                    any = true;
                }
                Err(message) => problems.push_str(&not_fixed(&report, &source.path, &message)),
            }
        }
        paths.get_or_insert(report.paths);
        if !any {
            break;
        }
        pass_inputs = as_fixed(inputs, &changed);
    }
    let mut diffs = String::new();
    let mut notes = String::new();
    if let Some(paths) = &paths {
        for file in &changed {
            let shown = fix::shown_diff(&file.first, &file.last, paths);
            diffs.push_str(&shown.text);
            if let Some(why) = shown.not_a_patch {
                notes.push_str(&format!(
                    "note: the diff of {} does not apply as a patch: {why}; `--fix` writes the fixes\n",
                    displayable(&file.first.path)
                ));
            }
        }
    }
    let status = if !problems.is_empty() {
        ExitStatus::Error
    } else if diffs.is_empty() {
        ExitStatus::Clean
    } else {
        ExitStatus::Findings
    };
    Outcome {
        stdout: diffs,
        streamed: None,
        stderr: format!(
            "{problems}{notes}Would fix {}.\n",
            crate::base::text::plural(fixed, "finding")
        ),
        status,
        files: Vec::new(),
        created: None,
    }
}

/// A file `--diff` would change: its text as linted, its text after the passes so far, and
/// the bytes `--fix` would have written by then.
struct ChangedFile {
    first: fix::FixedText,
    last: fix::FixedText,
    bytes: Vec<u8>,
}

/// The run's inputs with each changed file as the fixes so far left it: standard input
/// replaced, and a file read through an editor-style buffer that a walk takes in its place.
fn as_fixed(inputs: &[Input], changed: &[ChangedFile]) -> Vec<Input> {
    let fixed = |name: &str| changed.iter().find(|c| c.first.path == name);
    let mut pass: Vec<Input> = inputs
        .iter()
        .map(|input| match input {
            Input::Memory { name, .. } => match fixed(name) {
                Some(file) => Input::Memory {
                    name: name.clone(),
                    bytes: file.bytes.clone(),
                },
                None => input.clone(),
            },
            other => other.clone(),
        })
        .collect();
    for file in changed {
        if stdin_bytes(inputs, &file.first.path).is_none() {
            pass.push(Input::Buffer {
                name: file.first.path.clone(),
                bytes: file.bytes.clone(),
            });
        }
    }
    pass
}

/// The bytes read from standard input under the name `path`, when it is that.
fn stdin_bytes<'i>(inputs: &'i [Input], path: &str) -> Option<&'i Vec<u8>> {
    inputs.iter().find_map(|input| match input {
        Input::Memory { name, bytes } if name == path => Some(bytes),
        _ => None,
    })
}

/// The line that says a file's fixes could not be applied, and why.
fn not_fixed(report: &Report, path: &str, message: &str) -> String {
    format!(
        "gimlint: error: {}: not fixed: {}\n",
        displayable(path),
        displayable(&report.redactor.scrub(message))
    )
}

pub(super) fn diff(args: &DiffArgs, env: &Environment) -> Outcome {
    if let Some(message) = misread_output_file(&args.lint.output) {
        return Outcome::usage_error(message);
    }
    let settings = match settings(
        &args.lint.rules,
        Some(Phase::PostMigration),
        args.lint.fail_on,
        &env.today,
        Some(&args.after),
    ) {
        Ok(settings) => settings,
        Err(message) => return Outcome::usage_error(message),
    };
    let after = [Input::Path(args.after.clone())];
    let mut report = crate::engine::diff(&[Input::Path(args.before.clone())], &after, &settings);
    say_if_nothing_linted(&mut report, &after, &settings);
    render(report, &args.lint, &settings, env, FixHint::Omitted)
}
