//! Rule fixtures: `testdata/rules/<CODE>/fail_*` and `pass_*`, each linted with only that
//! rule, each its own test `<CODE>::<fixture>` (written by build.rs). A fail fixture must
//! produce findings of that rule, a pass fixture none; the rendered human output (no colour,
//! 100 columns) is compared with its snapshot.
//!
//! A fixture is one export, or a folder holding every file of a case that needs more than
//! one: the folder is linted as `gimlint check --select CODE FOLDER` lints it, its gimlint.toml
//! (topology, `phase`, `target-release`) found as the CLI finds it. A folder with `before/`
//! and `after/` is `gimlint diff --select CODE FOLDER/before FOLDER/after`. A `test-args`
//! file in the folder holds the `check` flags gimlint.toml cannot say (`--adata-reference`,
//! a rule to run beside CODE), its paths from the repository root.

use clap::Parser;
use gimlint::cli::{settings, Cli, Command};
use gimlint::report::human::{self, HumanOptions};
use gimlint::{lint, rules, Input, Report};
use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};

include!(concat!(env!("OUT_DIR"), "/rule_fixtures.rs"));

/// The day the fixtures are linted on, pinned so snapshots do not age (CAL001's suggested
/// year, suppressions' `until`).
const TODAY: &str = "2026-11-18";

fn sorted_entries(dir: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    entries
}

/// The flags of a folder fixture's `test-args` file.
fn test_args(folder: &Path) -> Vec<String> {
    fs::read_to_string(folder.join("test-args"))
        .map(|args| args.split_whitespace().map(str::to_owned).collect())
        .unwrap_or_default()
}

/// Lints a `before/` and `after/` folder fixture as `gimlint diff` does.
fn diff_fixture(code: &str, folder: &Path) -> Report {
    let before = folder.join("before");
    let after = folder.join("after");
    let argv = [
        OsStr::new("gimlint"),
        OsStr::new("diff"),
        OsStr::new("--select"),
        OsStr::new(code),
        before.as_os_str(),
        after.as_os_str(),
    ];
    let Command::Diff(args) = Cli::try_parse_from(argv).unwrap().command else {
        unreachable!("argv starts with `diff`")
    };
    let settings = settings(
        &args.lint.rules,
        Some(gimlint::base::Phase::PostMigration),
        args.lint.fail_on,
        TODAY,
        Some(&args.after),
    )
    .unwrap();
    gimlint::diff(
        &[Input::Path(args.before)],
        &[Input::Path(args.after)],
        &settings,
    )
}

/// Lints a fixture file or folder as `gimlint check` does.
fn check_path(code: &str, fixture: &Path) -> Report {
    let mut argv = vec![
        "gimlint".to_owned(),
        "check".into(),
        "--select".into(),
        code.into(),
    ];
    if fixture.is_dir() {
        argv.extend(test_args(fixture));
    }
    argv.push(fixture.to_string_lossy().into_owned());
    let Command::Check(args) = Cli::try_parse_from(&argv).unwrap().command else {
        unreachable!("argv starts with `check`")
    };
    let settings = settings(
        &args.lint.rules,
        args.phase,
        args.lint.fail_on,
        TODAY,
        args.paths.first().map(PathBuf::as_path),
    )
    .unwrap();
    let inputs: Vec<Input> = args.paths.iter().cloned().map(Input::Path).collect();
    lint(&inputs, &settings)
}

/// Lints one fixture with its rule and compares the rendered output with its snapshot
/// `CODE__<fixture>`. Called by the tests build.rs writes, one per fixture.
fn check_fixture(code: &str, fixture: &str) {
    let fixture = Path::new(fixture);
    assert!(
        rules::find(code).is_some(),
        "{}: {code} is not a rule code",
        fixture.display()
    );
    let report = if fixture.join("before").is_dir() {
        diff_fixture(code, fixture)
    } else {
        check_path(code, fixture)
    };
    assert!(
        report.errors.is_empty(),
        "{}: {:?}",
        fixture.display(),
        report.errors
    );
    let codes: Vec<&str> = report.findings.iter().map(|f| f.rule.code).collect();
    let output = human::render(&report, HumanOptions::new(false, 100));
    let name = fixture.file_stem().unwrap().to_str().unwrap();
    if name.starts_with("fail_") {
        assert!(
            !codes.is_empty() && codes.iter().all(|c| *c == code),
            "{}: expected {code} findings, got {codes:?}\n{output}",
            fixture.display()
        );
    } else {
        assert!(
            name.starts_with("pass_"),
            "{}: name must start with fail_ or pass_",
            fixture.display()
        );
        assert!(
            codes.is_empty(),
            "{}: expected no finding, got {codes:?}\n{output}",
            fixture.display()
        );
    }
    insta::with_settings!({
        snapshot_path => "snapshots/rules",
        prepend_module_to_snapshot => false,
        input_file => fixture,
        omit_expression => true,
    }, {
        insta::assert_snapshot!(format!("{code}__{name}"), output);
    });
}

#[test]
fn every_rule_has_failing_and_passing_fixtures() {
    for rule in rules::REGISTRY {
        let code = rule.meta().code;
        let dir = Path::new("testdata/rules").join(code);
        let names: Vec<String> = if dir.is_dir() {
            sorted_entries(&dir)
                .iter()
                .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
                .collect()
        } else {
            Vec::new()
        };
        assert!(
            names.iter().any(|n| n.starts_with("fail_")),
            "{code} has no fail_ fixture in {}",
            dir.display()
        );
        assert!(
            names.iter().any(|n| n.starts_with("pass_")),
            "{code} has no pass_ fixture in {}",
            dir.display()
        );
    }
}

#[test]
fn every_snapshot_belongs_to_a_fixture() {
    for snapshot in sorted_entries(Path::new("tests/snapshots/rules")) {
        let name = snapshot.file_name().unwrap().to_string_lossy().into_owned();
        let Some(stem) = name.strip_suffix(".snap") else {
            continue;
        };
        let (code, fixture) = stem
            .split_once("__")
            .expect("snapshot names are CODE__stem.snap");
        let exists = sorted_entries(&Path::new("testdata/rules").join(code))
            .iter()
            .any(|p| p.file_stem().unwrap().to_string_lossy() == fixture);
        assert!(exists, "{name} has no fixture: delete it");
    }
}
