//! Issue 19's selection and settings flags end to end: what was a silent no-op is said,
//! and what a run would lint and with which settings can be asked.

mod common;

use common::{gimlint, run};

const GIM001_FAIL: &str = "testdata/rules/GIM001/fail_true.cfg";

/// As ruff: `--unsafe-fixes` without `--fix` marks the suggested fixes `[*]` and counts
/// them among what `--fix` would fix, in every format that marks fixes.
#[test]
fn unsafe_fixes_without_fix_marks_and_counts_the_suggested_fixes() {
    // The renames OPT013 offers are suggestions: they need a person's review.
    let misspelt = "testdata/rules/OPT013/fail_misspelt_option.cfg";
    let check = |extra: &[&str]| {
        run(gimlint()
            .args(["check", "--select", "OPT013"])
            .args(extra)
            .arg(misspelt))
    };
    let plain = check(&["--output-format", "concise"]);
    assert_eq!(plain.code, 1, "{}", plain.stderr);
    assert!(!plain.stdout.contains("[*]"), "{}", plain.stdout);
    assert!(
        plain.stderr.contains(
            "No fixes available (2 hidden fixes can be enabled with the `--unsafe-fixes` option)."
        ),
        "{}",
        plain.stderr
    );
    let marked = check(&["--output-format", "concise", "--unsafe-fixes"]);
    assert_eq!(marked.code, 1, "{}", marked.stderr);
    assert_eq!(
        marked.stdout.matches("warning[OPT013] [*] ").count(),
        2,
        "{}",
        marked.stdout
    );
    assert!(
        marked
            .stderr
            .ends_with("[*] 2 fixable with the `--fix` option.\n"),
        "{}",
        marked.stderr
    );
    let full = check(&["--output-format", "full", "--unsafe-fixes"]);
    assert!(
        full.stdout.contains("warning[OPT013] [*]"),
        "{}",
        full.stdout
    );
    let statistics = check(&["--statistics", "--unsafe-fixes"]);
    assert!(
        statistics.stdout.contains("[*] unknown-option"),
        "{}",
        statistics.stdout
    );
}

#[test]
fn stdin_filename_without_dash_is_a_usage_error() {
    let result = run(gimlint().args(["check", "--stdin-filename", "gim.cfg", GIM001_FAIL]));
    assert_eq!(result.code, 2);
    assert!(
        result.stderr.contains("`-` is among the paths"),
        "{}",
        result.stderr
    );
    assert!(result.stdout.is_empty(), "{}", result.stdout);
}

#[test]
fn unnamed_xml_on_stdin_asks_for_a_name_instead_of_being_read_as_options() {
    let xml = std::fs::read("testdata/examples/ccon_adata_spec_icon_voice.xml").unwrap();
    let result = run(gimlint().args(["check", "-"]).write_stdin(xml.clone()));
    assert_eq!(result.code, 2, "{}", result.stdout);
    assert!(
        result.stderr.contains("--stdin-filename NAME.xml"),
        "{}",
        result.stderr
    );
    // Not 30 option-export errors about its lines.
    assert!(!result.stdout.contains("OPT"), "{}", result.stdout);
    let named = run(gimlint()
        .args(["check", "--stdin-filename", "ccon_adata_spec.xml", "-"])
        .write_stdin(xml));
    assert!(named.code < 2, "{}", named.stderr);
}

#[test]
fn a_mistyped_code_suggests_the_code_with_look_alike_characters() {
    let result = run(gimlint().args(["check", "--select", "GIM0O1", GIM001_FAIL]));
    assert_eq!(result.code, 2);
    assert!(
        result.stderr.contains("did you mean `GIM001`?"),
        "{}",
        result.stderr
    );
}

/// A project whose gimlint.toml selects GIM001 only, with an export that GIM001 and GIM006
/// both report.
fn project_selecting_gim001() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("gimlint.toml"), "select = [\"GIM001\"]\n").unwrap();
    std::fs::copy(GIM001_FAIL, dir.path().join("gim.cfg")).unwrap();
    dir
}

#[test]
fn extend_select_adds_to_the_selection_of_gimlint_toml() {
    let dir = project_selecting_gim001();
    let short = |extra: &[&str]| {
        run(gimlint()
            .current_dir(dir.path())
            .args(["check", "--format", "short"])
            .args(extra))
    };
    let selected = short(&[]);
    assert!(selected.stdout.contains("[GIM001]"), "{}", selected.stdout);
    assert!(!selected.stdout.contains("[GIM006]"), "{}", selected.stdout);
    let extended = short(&["--extend-select", "GIM006"]);
    assert!(extended.stdout.contains("[GIM001]"), "{}", extended.stdout);
    assert!(extended.stdout.contains("[GIM006]"), "{}", extended.stdout);
    let misspelt = short(&["--extend-select", "GIM0O6"]);
    assert_eq!(misspelt.code, 2);
    assert!(
        misspelt.stderr.contains("did you mean `GIM006`?"),
        "{}",
        misspelt.stderr
    );
}

#[test]
fn explain_takes_an_option_in_each_form_gimlint_writes_it() {
    let page = |topic: &str| run(gimlint().args(["explain", topic]));
    let slash = page("schedule/run-scheduler");
    assert_eq!(slash.code, 0, "{}", slash.stderr);
    assert!(slash.stdout.starts_with("# [schedule] run-scheduler"));
    for topic in ["schedule.run-scheduler", "[schedule] run-scheduler"] {
        let other = page(topic);
        assert_eq!(other.code, 0, "{topic}: {}", other.stderr);
        assert_eq!(other.stdout, slash.stdout, "{topic}");
    }
    let known_by_name = page("schedule/etl-start-time");
    assert_eq!(known_by_name.code, 0, "{}", known_by_name.stderr);
}

#[test]
fn explain_names_a_default_that_is_no_single_value_once() {
    let page = run(gimlint().args(["explain", "gim-etl/days-to-keep-cfg-facts"]));
    assert!(
        page.stdout.contains(
            "- default: no single value: the page reads \"400 or days-to-keep-gim-facts\""
        ),
        "{}",
        page.stdout
    );
    assert!(!page.stdout.contains("none stated"), "{}", page.stdout);
    assert_eq!(page.stdout.matches("400").count(), 1, "{}", page.stdout);
}

#[test]
fn explain_suggests_the_option_or_rule_meant() {
    let misspelt = run(gimlint().args(["explain", "schedule/run-schedular"]));
    assert_eq!(misspelt.code, 2);
    assert!(
        misspelt
            .stderr
            .contains("did you mean `schedule/run-scheduler`?"),
        "{}",
        misspelt.stderr
    );
    let wrong_section = run(gimlint().args(["explain", "gim-etl.run-scheduler"]));
    assert!(
        wrong_section
            .stderr
            .contains("did you mean `schedule/run-scheduler`?"),
        "{}",
        wrong_section.stderr
    );
    let rule = run(gimlint().args(["explain", "scheduler-runing-during-migration"]));
    assert!(
        rule.stderr
            .contains("did you mean `scheduler-running-during-migration`?"),
        "{}",
        rule.stderr
    );
}

#[test]
fn rules_filters_by_prefix_and_prints_json() {
    let gim = run(gimlint().args(["rules", "GIM"]));
    assert_eq!(gim.code, 0, "{}", gim.stderr);
    let lines: Vec<&str> = gim.stdout.lines().skip(1).collect();
    assert!(!lines.is_empty());
    assert!(lines.iter().all(|l| l.starts_with("GIM")), "{}", gim.stdout);
    let json = run(gimlint().args(["rules", "SEC001", "--format", "json"]));
    assert_eq!(json.code, 0, "{}", json.stderr);
    let value: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let rules = value.as_array().unwrap();
    assert_eq!(rules.len(), 1, "{}", json.stdout);
    let rule = &rules[0];
    assert_eq!(rule["code"], "SEC001");
    for field in ["name", "severity", "summary", "fixable", "url"] {
        assert!(rule[field].is_string(), "{field}: {}", json.stdout);
    }
    let all = run(gimlint().args(["rules", "--output-format", "json"]));
    let every: serde_json::Value = serde_json::from_str(&all.stdout).unwrap();
    assert!(every.as_array().unwrap().len() > rules.len());
    let unknown = run(gimlint().args(["rules", "GIM0O1"]));
    assert_eq!(unknown.code, 2);
    assert!(
        unknown.stderr.contains("did you mean `GIM001`?"),
        "{}",
        unknown.stderr
    );
}

#[test]
fn show_files_lists_what_the_run_would_lint_after_the_excludes() {
    let result = run(gimlint().current_dir("testdata/examples").args([
        "check",
        "--show-files",
        "--extend-exclude",
        "wfm*",
        ".",
    ]));
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert_eq!(
        result.stdout,
        "./ccon_adata_spec_icon_voice.xml\n./dap_icon_voice.cfg\n./dap_info_mart.cfg\n\
         ./gim_server_a.cfg\n./gim_server_b.cfg\n./icon_voice.cfg\n"
    );
}

#[test]
fn show_settings_prints_the_resolved_settings() {
    let dir = project_selecting_gim001();
    std::fs::write(
        dir.path().join("gimlint.toml"),
        "select = [\"GIM001\"]\nphase = \"post-migration\"\nextend-exclude = [\"old\"]\n\n[severity]\nGIM001 = \"warning\"\n",
    )
    .unwrap();
    let result = run(gimlint().current_dir(dir.path()).args([
        "check",
        "--show-settings",
        "--extend-select",
        "GIM006",
    ]));
    assert_eq!(result.code, 0, "{}", result.stderr);
    let out = &result.stdout;
    for line in [
        "config file: gimlint.toml\n",
        "phase: post-migration\n",
        "rules (2):\n  GIM001 scheduler-running-during-migration warning (gimlint.toml [severity])\n  GIM006 thread-facts-disabled info\n",
    ] {
        assert!(out.contains(line), "{line}\n{out}");
    }
    assert!(out.contains(": old\n"), "{out}");
}

#[test]
fn show_settings_keeps_the_secrets_of_the_run_secret() {
    let dir = tempfile::tempdir().unwrap();
    let secret = "Kx9TopSecretValue";
    std::fs::write(
        dir.path().join("gim.cfg"),
        format!("[gim-etl]\npassword={secret}\n"),
    )
    .unwrap();
    // An invalid gimlint.toml's error quotes the line: the secret would show there.
    std::fs::write(
        dir.path().join("gimlint.toml"),
        format!("phase = \"{secret}\"\n"),
    )
    .unwrap();
    let result = run(gimlint()
        .current_dir(dir.path())
        .args(["check", "--show-settings", "."]));
    assert!(
        result
            .stdout
            .contains("config file: gimlint.toml (not used:"),
        "{}",
        result.stdout
    );
    assert!(!result.stdout.contains(secret), "{}", result.stdout);
    assert!(!result.stderr.contains(secret), "{}", result.stderr);
}

#[test]
fn init_writes_a_commented_gimlint_toml_that_loads_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    for name in [
        "gim_server_a.cfg",
        "icon_voice.cfg",
        "ccon_adata_spec_icon_voice.xml",
    ] {
        std::fs::copy(format!("testdata/examples/{name}"), dir.path().join(name)).unwrap();
    }
    std::fs::write(dir.path().join("mystery.cfg"), "[anything]\nk=v\n").unwrap();
    let folder = dir.path().to_str().unwrap();
    let result = run(gimlint().args(["init", folder]));
    assert_eq!(result.code, 0, "{}", result.stderr);
    let written = std::fs::read_to_string(dir.path().join("gimlint.toml")).unwrap();
    for expected in [
        "# phase = \"pre-migration\"",
        "# extend-exclude = ",
        "[[application]]\nname = \"gim_server_a\"\nfile = \"gim_server_a.cfg\"\nkind = \"gim\"",
        "file = \"icon_voice.cfg\"\nkind = \"icon\"",
        "file = \"mystery.cfg\"\n# kind = \"\"  # gimlint could not tell",
        "# \"ccon_adata_spec_icon_voice.xml\": an attached-data specification",
    ] {
        assert!(written.contains(expected), "{expected}\n{written}");
    }
    // What it wrote is a gimlint.toml gimlint reads.
    let config = dir.path().join("gimlint.toml");
    let check = run(gimlint()
        .args(["check", "--format", "short", "--config"])
        .arg(&config)
        .arg(folder));
    // Nothing is said of it but which one was used (the short format's `config:` line).
    assert!(
        !check
            .stderr
            .lines()
            .any(|line| line.contains("gimlint.toml") && !line.starts_with("config: ")),
        "{}",
        check.stderr
    );
    assert!(check.code < 2, "{}", check.stderr);
    // A second init leaves it as it is.
    std::fs::write(dir.path().join("gimlint.toml"), "# mine\n").unwrap();
    let again = run(gimlint().args(["init", folder]));
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("exists already"), "{}", again.stderr);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("gimlint.toml")).unwrap(),
        "# mine\n"
    );
}

#[test]
fn extend_select_of_gimlint_toml_adds_unless_select_replaces_it() {
    let dir = project_selecting_gim001();
    std::fs::write(
        dir.path().join("gimlint.toml"),
        "select = [\"GIM001\"]\nextend-select = [\"GIM006\"]\n",
    )
    .unwrap();
    let short = |extra: &[&str]| {
        run(gimlint()
            .current_dir(dir.path())
            .args(["check", "--format", "short"])
            .args(extra))
    };
    let from_file = short(&[]);
    assert!(
        from_file.stdout.contains("[GIM001]"),
        "{}",
        from_file.stdout
    );
    assert!(
        from_file.stdout.contains("[GIM006]"),
        "{}",
        from_file.stdout
    );
    let replaced = short(&["--select", "GIM001"]);
    assert!(replaced.stdout.contains("[GIM001]"), "{}", replaced.stdout);
    assert!(!replaced.stdout.contains("[GIM006]"), "{}", replaced.stdout);
}

/// An option named without its section, as an administrator remembers it, gets the topics
/// that name it with the sections documenting it.
#[test]
fn explain_of_a_bare_option_name_suggests_its_sections() {
    let result = run(gimlint().args(["explain", "run-scheduler"]));
    assert_eq!(result.code, 2);
    assert!(
        result
            .stderr
            .contains("did you mean `schedule/run-scheduler`?"),
        "{}",
        result.stderr
    );
    let page = run(gimlint().args(["explain", "schedule/run-scheduler"]));
    assert_eq!(page.code, 0, "{}", page.stderr);
}
