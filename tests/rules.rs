//! Rule fixtures: `testdata/rules/<CODE>/fail_*` and `pass_*`, each linted with only that
//! rule. A fail fixture must produce findings of that rule, a pass fixture none; the
//! rendered human output (no colour, 100 columns) is compared with its snapshot.
//!
//! A fixture whose first line is `; test-args: ...` (in XML, `<!-- test-args: ... -->`) is
//! linted with those extra `check` arguments (e.g. `--phase post-migration`, another file).
//! One whose first line is `; test-before: PATH` is the after side of `gimlint diff PATH
//! FIXTURE`.

use clap::Parser;
use gimlint::cli::{settings, Cli, Command};
use gimlint::report::human::{self, HumanOptions};
use gimlint::{lint, rules, Input};
use std::fs;
use std::path::{Path, PathBuf};

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

fn test_args(fixture: &Path) -> Vec<String> {
    let bytes = fs::read(fixture).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    text.lines()
        .next()
        .and_then(|line| {
            line.strip_prefix("; test-args:").or_else(|| {
                line.strip_prefix("<!-- test-args:")
                    .and_then(|rest| rest.strip_suffix("-->"))
            })
        })
        .map(|args| args.split_whitespace().map(str::to_owned).collect())
        .unwrap_or_default()
}

/// The before export of a `; test-before: PATH` fixture.
fn test_before(fixture: &Path) -> Option<PathBuf> {
    let bytes = fs::read(fixture).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    let path = text.lines().next()?.strip_prefix("; test-before:")?;
    Some(PathBuf::from(path.trim()))
}

/// Lints one fixture with one rule: (codes of the findings, rendered human output).
fn lint_fixture(code: &str, fixture: &Path) -> (Vec<&'static str>, String) {
    if let Some(before) = test_before(fixture) {
        let argv = [
            "gimlint",
            "diff",
            "--select",
            code,
            &before.to_string_lossy(),
            &fixture.to_string_lossy(),
        ];
        let Command::Diff(args) = Cli::try_parse_from(argv).unwrap().command else {
            unreachable!("argv starts with `diff`")
        };
        let settings = settings(
            &args.lint.rules,
            Some(gimlint::base::Phase::PostMigration),
            args.lint.fail_on,
            TODAY,
            None,
        )
        .unwrap();
        let report = gimlint::diff(
            &[Input::Path(args.before)],
            &[Input::Path(args.after)],
            &settings,
        );
        assert!(
            report.errors.is_empty(),
            "{}: {:?}",
            fixture.display(),
            report.errors
        );
        let codes = report.findings.iter().map(|f| f.rule.code).collect();
        return (
            codes,
            human::render(
                &report,
                HumanOptions {
                    color: false,
                    width: 100,
                },
            ),
        );
    }
    let mut argv = vec![
        "gimlint".to_owned(),
        "check".into(),
        "--select".into(),
        code.into(),
    ];
    argv.extend(test_args(fixture));
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
    let report = lint(&inputs, &settings);
    assert!(
        report.errors.is_empty(),
        "{}: {:?}",
        fixture.display(),
        report.errors
    );
    let codes = report.findings.iter().map(|f| f.rule.code).collect();
    let output = human::render(
        &report,
        HumanOptions {
            color: false,
            width: 100,
        },
    );
    (codes, output)
}

#[test]
fn every_fixture_renders_as_its_snapshot() {
    let root = Path::new("testdata/rules");
    for dir in sorted_entries(root) {
        let code = dir.file_name().unwrap().to_str().unwrap().to_owned();
        assert!(
            rules::find(&code).is_some(),
            "{} is not a rule code",
            dir.display()
        );
        for fixture in sorted_entries(&dir) {
            let stem = fixture.file_stem().unwrap().to_str().unwrap().to_owned();
            let (codes, output) = lint_fixture(&code, &fixture);
            if stem.starts_with("fail_") {
                assert!(
                    !codes.is_empty() && codes.iter().all(|c| *c == code),
                    "{}: expected {code} findings, got {codes:?}\n{output}",
                    fixture.display()
                );
            } else {
                assert!(
                    stem.starts_with("pass_"),
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
                input_file => &fixture,
                omit_expression => true,
            }, {
                insta::assert_snapshot!(format!("{code}__{stem}"), output);
            });
        }
    }
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
