//! The output flags of `check`, named as ruff names them, and how the human format fits the
//! terminal it is shown on.

mod common;

use common::{gimlint, run, Run};

fn check(args: &[&str]) -> Run {
    run(gimlint().arg("check").args(args))
}

/// GIM001 (an error with a safe fix) and GIM006 (an info with a suggested fix).
const SCHEDULER_ON: &str = "testdata/rules/GIM001/fail_true.cfg";
/// A password in a JDBC URL (SEC001), among other findings.
const WITH_SECRET: &str = "testdata/examples/dap_info_mart.cfg";
const SECRET: &str = "Winter2026s3cret";

#[test]
fn output_format_names_the_format_and_format_stays_its_alias() {
    let new = check(&["--output-format", "short", SCHEDULER_ON]);
    let old = check(&["--format", "short", SCHEDULER_ON]);
    assert_eq!(new.code, 1);
    assert_eq!(new.stdout, old.stdout);
    assert!(new.stdout.starts_with(SCHEDULER_ON), "{}", new.stdout);
    // clap's tip for a typo of it names it, not `--output-file`.
    let typo = check(&["--output-fromat", "json", SCHEDULER_ON]);
    assert_eq!(typo.code, 2);
    assert!(
        typo.stderr
            .contains("a similar argument exists: '--output-format'"),
        "{}",
        typo.stderr
    );
}

#[test]
fn an_output_file_named_like_a_format_is_refused_and_a_path_of_that_name_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let file = std::path::Path::new(SCHEDULER_ON).canonicalize().unwrap();
    let lint = |args: &[&str]| {
        run(gimlint()
            .current_dir(dir.path())
            .arg("check")
            .args(args)
            .arg(&file))
    };
    let refused = lint(&["--output-file", "json"]);
    assert_eq!(refused.code, 2);
    assert!(
        refused
            .stderr
            .contains("did you mean `--output-format json`?"),
        "{}",
        refused.stderr
    );
    assert!(!dir.path().join("json").exists(), "nothing written");
    // With a format given, or as a path, it is a file name.
    let written = lint(&["--output-file", "./json"]);
    assert_eq!(written.code, 1, "{}", written.stderr);
    assert!(std::fs::read_to_string(dir.path().join("json"))
        .unwrap()
        .contains("error[GIM001]"));
    let sarif = lint(&["--output-format", "sarif", "--output-file", "short"]);
    assert_eq!(sarif.code, 1, "{}", sarif.stderr);
    assert!(std::fs::read_to_string(dir.path().join("short"))
        .unwrap()
        .contains("\"version\": \"2.1.0\""));
}

#[test]
fn exit_zero_passes_findings_but_not_operational_errors() {
    assert_eq!(check(&[SCHEDULER_ON]).code, 1);
    let passed = check(&["--exit-zero", SCHEDULER_ON]);
    assert_eq!(passed.code, 0);
    assert!(passed.stdout.contains("error[GIM001]"), "still reported");
    assert_eq!(
        check(&["--exit-zero", SCHEDULER_ON, "no/such/file.cfg"]).code,
        2
    );
}

#[test]
fn statistics_count_findings_by_rule_and_show_no_value() {
    let table = check(&["--statistics", "testdata/examples"]);
    assert_eq!(table.code, 1, "the exit code still follows the findings");
    assert!(!table.stdout.contains("testdata/"), "no path, no message");
    assert!(!format!("{}{}", table.stdout, table.stderr).contains(SECRET));
    insta::assert_snapshot!(table.stdout);
    let json = check(&["--statistics", "--output-format", "json", WITH_SECRET]);
    assert!(!format!("{}{}", json.stdout, json.stderr).contains(SECRET));
    let rows: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert!(rows
        .as_array()
        .unwrap()
        .iter()
        .any(|row| row["code"] == "SEC001" && row["count"] == 1 && row["fixable"] == false));
}

#[test]
fn fixable_findings_are_marked_and_counted_as_ruff_does() {
    let human = check(&["--color", "never", SCHEDULER_ON]);
    assert!(
        human.stdout.contains("error[GIM001] [*]\n"),
        "{}",
        human.stdout
    );
    assert!(
        human.stdout.contains("info[GIM006]\n"),
        "a suggestion is not marked"
    );
    assert!(human.stdout.ends_with(
        "Found 1 error, 1 info in 1 file.\n[*] 1 fixable with the `--fix` option \
         (1 hidden fix can be enabled with the `--unsafe-fixes` option).\n"
    ));
    let short = check(&["--output-format", "short", SCHEDULER_ON]);
    assert!(short
        .stdout
        .contains(":6:15: error[GIM001] [*] `run-scheduler=TRUE`"));
    // Only a suggested fix: none for `--fix`.
    let info = check(&["--color", "never", "--select", "GIM006", SCHEDULER_ON]);
    assert!(info.stdout.ends_with(
        "No fixes available (1 hidden fix can be enabled with the `--unsafe-fixes` option).\n"
    ));
    // `gimlint diff` fixes nothing: no word of `--fix`.
    let diff = run(gimlint().args(["diff", SCHEDULER_ON, SCHEDULER_ON]));
    assert!(!diff.stdout.contains("--fix"), "{}", diff.stdout);
}

#[test]
fn short_keeps_findings_on_stdout_and_the_summary_and_notes_on_stderr() {
    let short = check(&["--output-format", "short", WITH_SECRET, SCHEDULER_ON]);
    assert!(short
        .stdout
        .lines()
        .all(|line| line.starts_with("testdata/")));
    assert!(
        short
            .stderr
            .contains("config: testdata/examples/gimlint.toml\n"),
        "{}",
        short.stderr
    );
    assert!(short.stderr.contains("Found "), "{}", short.stderr);
    assert!(short.stderr.contains("fixable with the `--fix` option"));
    assert!(!format!("{}{}", short.stdout, short.stderr).contains(SECRET));
    let quiet = check(&["--output-format", "short", "-q", SCHEDULER_ON]);
    assert_eq!(quiet.stdout, short_lines_of(SCHEDULER_ON));
    assert_eq!(quiet.stderr, "");
}

fn short_lines_of(path: &str) -> String {
    check(&["--output-format", "short", path]).stdout
}

#[test]
fn quiet_shows_the_findings_only_and_silent_nothing() {
    let quiet = check(&["--quiet", "--color", "never", SCHEDULER_ON]);
    assert_eq!(quiet.code, 1);
    assert!(quiet.stdout.contains("error[GIM001]"));
    for gone in ["Found ", "note: ", "fixable"] {
        assert!(!quiet.stdout.contains(gone), "{gone}: {}", quiet.stdout);
    }
    let silent = check(&["-s", SCHEDULER_ON]);
    assert_eq!((silent.code, silent.stdout.as_str()), (1, ""));
    // `--fix` does not count its fixes either.
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("gim.cfg");
    for flag in ["-q", "-s"] {
        std::fs::copy(SCHEDULER_ON, &copy).unwrap();
        let fixed = check(&[flag, "--fix", "--color", "never", copy.to_str().unwrap()]);
        assert!(
            !format!("{}{}", fixed.stdout, fixed.stderr).contains("Fixed "),
            "{flag}: {}",
            fixed.stdout
        );
        assert!(std::fs::read_to_string(&copy)
            .unwrap()
            .contains("run-scheduler=false"));
    }
    let missing = check(&["-s", "no/such/file.cfg"]);
    assert_eq!(missing.code, 2);
    assert!(
        missing.stderr.contains("no/such/file.cfg"),
        "errors still say why"
    );
}

#[test]
fn min_severity_hides_findings_below_it_and_they_fail_nothing() {
    let shown = check(&[
        "--color",
        "never",
        "--min-severity",
        "warning",
        SCHEDULER_ON,
    ]);
    assert!(!shown.stdout.contains("GIM006"), "{}", shown.stdout);
    assert!(shown.stdout.contains("GIM001"));
    assert!(shown
        .stdout
        .contains("note: 1 finding below --min-severity warning not shown\n"));
    assert!(shown.stdout.contains("Found 1 error in 1 file.\n"));
    // Only a warning (OPT006) here: hidden, it fails nothing.
    let warning_only = "testdata/rules/OPT006/fail_trailing_value.cfg";
    assert_eq!(check(&[warning_only]).code, 1);
    let hidden = check(&[
        "--min-severity",
        "error",
        "--output-format",
        "json",
        warning_only,
    ]);
    assert_eq!(hidden.code, 0);
    let json: serde_json::Value = serde_json::from_str(&hidden.stdout).unwrap();
    assert_eq!(json["diagnostics"].as_array().unwrap().len(), 0);
}

#[test]
fn the_human_format_wraps_at_columns_and_80_when_unknown() {
    let help_line =
        "help: set `run-scheduler=false` on this and every other Genesys Info Mart application";
    let narrow = check(&["--color", "never", SCHEDULER_ON]);
    assert!(!narrow.stdout.contains(help_line), "80 columns: wrapped");
    assert!(narrow
        .stdout
        .contains("  help: set `run-scheduler=false` on this and every other Genesys Info Mart\n"));
    let wide =
        run(gimlint()
            .env("COLUMNS", "160")
            .args(["check", "--color", "never", SCHEDULER_ON]));
    assert!(wide.stdout.contains(help_line), "{}", wide.stdout);
}

#[test]
fn a_locale_that_is_not_utf8_gets_ascii_boxes() {
    let unicode = check(&["--color", "never", SCHEDULER_ON]);
    assert!(unicode.stdout.contains('╭'));
    let ascii = run(gimlint()
        .env("LC_ALL", "C")
        .args(["check", "--color", "never", SCHEDULER_ON]));
    let snippets = ascii.stdout.split("\nnote:").next().unwrap();
    assert!(snippets.is_ascii(), "{snippets}");
    assert!(ascii
        .stdout
        .contains(",-[testdata/rules/GIM001/fail_true.cfg:6:15]"));
}

#[test]
fn codes_link_to_their_rules_where_the_terminal_shows_links_and_urls_show_when_asked() {
    let url = "https://github.com/gimlint/gimlint/blob/main/docs/rules/GIM001.md";
    let plain = check(&["--color", "always", SCHEDULER_ON]);
    assert!(!plain.stdout.contains(url), "no URL by default");
    let linked = run(gimlint().env("FORCE_HYPERLINK", "1").args([
        "check",
        "--color",
        "always",
        SCHEDULER_ON,
    ]));
    assert!(
        linked.stdout.contains(&format!("\u{1b}]8;;{url}\u{1b}\\")),
        "{}",
        linked.stdout
    );
    // Links travel with colours only: none into a file or a pipe without them.
    let uncoloured = run(gimlint().env("FORCE_HYPERLINK", "1").args([
        "check",
        "--color",
        "never",
        SCHEDULER_ON,
    ]));
    assert!(!uncoloured.stdout.contains('\u{1b}'));
    let urls = check(&["--color", "never", "--show-urls", SCHEDULER_ON]);
    assert!(
        urls.stdout.contains(&format!("error[GIM001] [*] ({url})")),
        "{}",
        urls.stdout
    );
}

#[test]
fn one_line_messages_say_what_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let gim = dir.path().join("gim.cfg");
    std::fs::write(
        &gim,
        "[gim-etl]\ndays-to-keep-gim-facts=many\n[gim-etl-populate]\npopulate-thread-facts=false\n",
    )
    .unwrap();
    let short = check(&["--output-format", "short", gim.to_str().unwrap()]);
    assert!(
        short.stdout.contains(
            "info[GIM006] thread facts are not populated (`populate-thread-facts=false`)"
        ),
        "{}",
        short.stdout
    );
    // OPT010 is listed as an error; an option of unconfirmed type gets a warning, and why.
    assert!(
        short.stdout.contains(
            "warning[OPT010] `many` is not a valid value of `days-to-keep-gim-facts`: expected a \
             whole number (a warning, not an error: no documentation gimlint reaches confirms the \
             option's type)"
        ),
        "{}",
        short.stdout
    );
}

#[test]
fn check_help_groups_the_output_flags() {
    let help = run(gimlint().args(["check", "--help"]));
    let output = help
        .stdout
        .split("\nOutput:\n")
        .nth(1)
        .expect("an Output group");
    for flag in [
        "--output-format",
        "--output-file",
        "--exit-zero",
        "--statistics",
        "--min-severity",
        "--quiet",
        "--silent",
    ] {
        assert!(output.contains(flag), "{flag} in Output:\n{}", help.stdout);
    }
    let fix = help.stdout.split("\nFix:\n").nth(1).expect("a Fix group");
    assert!(fix.contains("--unsafe-fixes"), "{}", help.stdout);
}
